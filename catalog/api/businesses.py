"""`businesses/`: read by everyone, registered and changed by editors (docs/architecture.md §4,
§5). Every change is a service of `catalog.services`; every right a rule of `catalog.rules`."""

import django_filters as filters
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from catalog import rules, services
from catalog.models import Business, Region
from catalog.services.businesses import DuplicateNIB
from umkm_portal.api import KnownParametersFilter
from umkm_portal.services import require
from umkm_portal.signed_in import SignedInRequest

from . import serializers
from .base import FIELD_ERRORS, PublicCacheMixin, TextSearchFilter, answers, creation, validated


class BusinessFilter(filters.FilterSet):
    region = filters.ModelChoiceFilter(
        queryset=Region.objects.all(), to_field_name="slug", label=_("region")
    )


def duplicate_nib(error: DuplicateNIB) -> ValidationError:
    """400 naming `nib`, with the slug of the business that holds it, so that a client can offer
    that one instead of a duplicate."""
    return ValidationError({"nib": error.messages, "existing": error.existing.slug})


NIB_TAKEN = OpenApiResponse(
    {**FIELD_ERRORS, "properties": {"existing": {"type": "string"}}},
    description=_(
        "Invalid input, with a list of messages for each field at fault; for a NIB that is "
        "registered already, `existing` is the slug of the business that holds it."
    ),
)


class BusinessViewSet(
    PublicCacheMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Active businesses; inactive ones too for their registering agency and administrators.
    Registered, changed and deactivated by editors of their registering agency."""

    lookup_field = "slug"
    serializer_class = serializers.BusinessSerializer
    filterset_class = BusinessFilter
    filter_backends = [KnownParametersFilter, DjangoFilterBackend, TextSearchFilter]

    def get_queryset(self) -> QuerySet[Business]:
        return (
            Business.objects.visible_to(self.request.user)
            .select_related("region", "registering_agency")
            .order_by("name", "pk")
        )

    def search(self, queryset: QuerySet[Business], text: str) -> QuerySet[Business]:
        return queryset.filter(name__icontains=text)

    def shown(self, business: Business, status_code: int = status.HTTP_200_OK) -> Response:
        """The business as the read API shows it, read afresh after the change."""
        business = Business.objects.select_related("region", "registering_agency").get(
            pk=business.pk
        )
        data = serializers.BusinessSerializer(business, context=self.get_serializer_context())
        return Response(data.data, status=status_code)

    @extend_schema(
        request=serializers.BusinessCreateSerializer,
        responses={**answers({201: serializers.BusinessSerializer}, 401, 403), 400: NIB_TAKEN},
        description=_(
            "Register a business. Its registering agency is `registering_agency` (one where "
            "you are editor or manager; leave it out if you edit for one agency only)."
        ),
    )
    def create(self, request: SignedInRequest) -> Response:
        agency, fields = creation(
            request,
            serializers.BusinessCreateSerializer,
            "registering_agency",
            may_act=rules.can_create_business,
        )
        with transaction.atomic():  # the answer before the commit, as for products
            try:
                business = services.create_business(
                    by=request.user, registering_agency=agency, **fields
                )
            except DuplicateNIB as error:
                raise duplicate_nib(error) from error
            return self.shown(business, status.HTTP_201_CREATED)

    @extend_schema(
        request=serializers.BusinessChangeSerializer,
        responses={**answers({200: serializers.BusinessSerializer}, 401, 403, 404), 400: NIB_TAKEN},
        description=_("Change a business: editors of its registering agency."),
    )
    def partial_update(self, request: SignedInRequest, slug: str | None = None) -> Response:
        business = self.get_object()
        require(rules.can_edit_business(request.user, business))
        fields = validated(serializers.BusinessChangeSerializer, request, partial=True)
        try:
            business = services.update_business(business=business, by=request.user, **fields)
        except DuplicateNIB as error:
            raise duplicate_nib(error) from error
        return self.shown(business)

    @extend_schema(
        responses=answers({204: None}, 401, 403, 404),
        description=_(
            "Deactivate the business: it and its products leave the public pages; nothing is "
            "deleted."
        ),
    )
    def destroy(self, request: SignedInRequest, slug: str | None = None) -> Response:
        services.deactivate_business(business=self.get_object(), by=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)
