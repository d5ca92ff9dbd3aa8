"""Agencies co-curating a product (docs/architecture.md §4, §5): `collaborations/<id>/accept|
decline|end/` act on one collaboration, found among those the user may see (404 otherwise), then
asked of the rules (403) and of its state (409).

A product's invitations and their trail, `products/<slug>/collaborations/`, hang off the product
viewset (`products`), which shows them with the serializers here.
"""

from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers as drf
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from agencies.models import Agency
from catalog import services
from catalog.models import Collaboration
from umkm_portal.signed_in import SignedInRequest

from .base import answers
from .serializers import StrictFieldsMixin, by_slug, named_choices, writable_slug

View = Callable[..., Response]


class CollaborationSerializer(drf.ModelSerializer):
    """An agency invited to co-curate a product, and what became of the invitation."""

    product = by_slug()
    agency = by_slug()
    invited_by: "drf.SlugRelatedField[Any]" = drf.SlugRelatedField(
        slug_field="username", read_only=True
    )
    status = named_choices("CollaborationStatusEnum", Collaboration.Status.choices, read_only=True)

    class Meta:
        model = Collaboration
        fields = [
            "id",
            "product",
            "agency",
            "note",
            "status",
            "invited_by",
            "invited_at",
            "answered_at",
            "ended_at",
        ]
        read_only_fields = fields


class InvitationSerializer(StrictFieldsMixin, drf.Serializer):
    agency = writable_slug(Agency.objects.all())
    note = drf.CharField(max_length=300, required=False, allow_blank=True, default="")


def with_related(collaborations: QuerySet[Collaboration]) -> QuerySet[Collaboration]:
    return collaborations.select_related("product", "agency", "invited_by")


def answering(description: str | Promise) -> Callable[[View], View]:
    """A POST on one collaboration, answered with the collaboration as it is afterwards."""

    def decorate(function: View) -> View:
        function = action(detail=True, methods=["post"])(function)
        return extend_schema(
            request=None,
            responses=answers({200: CollaborationSerializer}, 401, 403, 404, 409),
            description=description,
        )(function)

    return decorate


class CollaborationViewSet(viewsets.GenericViewSet):
    """Answer or end one collaboration, by id."""

    serializer_class = CollaborationSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self) -> QuerySet[Collaboration]:
        return with_related(Collaboration.objects.visible_to(self.request.user))

    def answered(self, collaboration: Collaboration) -> Response:
        collaboration = with_related(Collaboration.objects.all()).get(pk=collaboration.pk)
        return Response(self.get_serializer(collaboration).data)

    @answering(_("Accept the invitation: a manager of the invited agency."))
    def accept(self, request: SignedInRequest, pk: str | None = None) -> Response:
        return self.answered(
            services.accept_collaboration(collaboration=self.get_object(), by=request.user)
        )

    @answering(_("Decline the invitation: a manager of the invited agency."))
    def decline(self, request: SignedInRequest, pk: str | None = None) -> Response:
        return self.answered(
            services.decline_collaboration(collaboration=self.get_object(), by=request.user)
        )

    @answering(
        _(
            "End the collaboration, or withdraw the invitation (the curating agency only). "
            "The row stays: it is part of the product's trail."
        )
    )
    def end(self, request: SignedInRequest, pk: str | None = None) -> Response:
        return self.answered(
            services.end_collaboration(collaboration=self.get_object(), by=request.user)
        )
