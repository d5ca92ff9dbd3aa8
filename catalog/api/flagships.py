"""`flagships/`: the designations in force, read by everyone, and revoked by administrators
(docs/architecture.md §3, §5)."""

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from catalog import rules, workflow
from catalog.models import Designation, Product
from umkm_portal.signed_in import SignedInRequest

from . import serializers as shown
from .base import PublicCacheMixin
from .nominations import ERRORS


class RevocationSerializer(serializers.Serializer):
    reason = serializers.CharField()


class FlagshipViewSet(
    PublicCacheMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Designations in force today, of products the public can see; by id."""

    serializer_class = shown.FlagshipSerializer

    def get_queryset(self) -> QuerySet[Designation]:
        if self.action == "revoke" and rules.is_administrator(self.request.user):
            return Designation.objects.select_related("product")
        return (
            Designation.objects.current()
            .filter(product__in=Product.objects.published())
            .select_related("product")
        )

    @extend_schema(
        request=RevocationSerializer,
        responses={200: OpenApiResponse(description="Revoked"), **ERRORS},
    )
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def revoke(self, request: SignedInRequest, pk: str | None = None) -> Response:
        """POST `{reason}`: an administrator revokes a designation; the product stops being a
        flagship at once."""
        designation = self.get_object()
        workflow.check_revoke(designation, request.user)
        body = RevocationSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        designation = workflow.revoke(
            designation=designation, by=request.user, **body.validated_data
        )
        return Response(
            {
                "id": designation.pk,
                "product": designation.product.slug,
                "revoked_at": designation.revoked_at,
                "revocation_reason": designation.revocation_reason,
            }
        )
