"""Agencies co-curating a product (DESIGN §4, §5): the product's invitations and their trail,
and the answers to them.

`products/<slug>/collaborations/` lists every collaboration of the product the user may see
(`Collaboration.objects.visible_to`: the curating agency sees them all, pending, accepted,
declined and ended) and invites; `collaborations/<id>/accept|decline|end/` act on one, found
among those the user may see (404 otherwise), then asked of the rules (403) and of its state
(409).
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers as drf
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from agencies.models import Agency
from catalog import rules, services
from catalog.models import Collaboration
from umkm_portal.services import require

from .serializers import StrictFieldsMixin, by_slug, named_choices, writable_slug
from .write import answers, validated


class CollaborationSerializer(drf.ModelSerializer):
    """An agency invited to co-curate a product, and what became of the invitation."""

    product = by_slug()
    agency = by_slug()
    invited_by = drf.SlugRelatedField(slug_field="username", read_only=True)
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


def with_related(collaborations):
    return collaborations.select_related("product", "agency", "invited_by")


class ProductCollaborationsMixin:
    """`products/<slug>/collaborations/` on the product viewset."""

    @extend_schema(
        methods=["GET"],
        responses=answers({200: CollaborationSerializer(many=True)}, 401, 404),
        description=_(
            "The product's collaborations that you may see, in every status: its curation "
            "trail. The curating agency sees them all; an invited agency its own."
        ),
    )
    @extend_schema(
        methods=["POST"],
        request=InvitationSerializer,
        responses=answers({201: CollaborationSerializer}, 400, 401, 403, 404, 409),
        description=_(
            "Invite an agency to co-curate the product (the curating agency only); its "
            "managers are told by e-mail."
        ),
    )
    @action(
        detail=True,
        methods=["get", "post"],
        url_path="collaborations",
        permission_classes=[IsAuthenticated],
    )
    def collaborations(self, request, slug=None):
        product = self.get_object()
        if request.method == "POST":
            require(rules.can_manage_product(request.user, product))
            invitation = validated(InvitationSerializer, request)
            collaboration = services.invite(product=product, by=request.user, **invitation)
            return Response(
                CollaborationSerializer(collaboration).data, status=status.HTTP_201_CREATED
            )
        trail = Collaboration.objects.visible_to(request.user).filter(product=product)
        page = self.paginate_queryset(with_related(trail).order_by("-invited_at", "pk"))
        return self.get_paginated_response(CollaborationSerializer(page, many=True).data)


ANSWER = answers({200: CollaborationSerializer}, 401, 403, 404, 409)


class CollaborationViewSet(viewsets.GenericViewSet):
    """Answer or end one collaboration, by id."""

    serializer_class = CollaborationSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        return with_related(Collaboration.objects.visible_to(self.request.user))

    def answered(self, collaboration: Collaboration) -> Response:
        collaboration = with_related(Collaboration.objects).get(pk=collaboration.pk)
        return Response(self.get_serializer(collaboration).data)

    @extend_schema(
        request=None,
        responses=ANSWER,
        description=_("Accept the invitation: a manager of the invited agency."),
    )
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        collaboration = services.accept_collaboration(
            collaboration=self.get_object(), by=request.user
        )
        return self.answered(collaboration)

    @extend_schema(
        request=None,
        responses=ANSWER,
        description=_("Decline the invitation: a manager of the invited agency."),
    )
    @action(detail=True, methods=["post"])
    def decline(self, request, pk=None):
        collaboration = services.decline_collaboration(
            collaboration=self.get_object(), by=request.user
        )
        return self.answered(collaboration)

    @extend_schema(
        request=None,
        responses=ANSWER,
        description=_(
            "End the collaboration, or withdraw the invitation (the curating agency only). "
            "The row stays: it is part of the product's trail."
        ),
    )
    @action(detail=True, methods=["post"])
    def end(self, request, pk=None):
        collaboration = services.end_collaboration(collaboration=self.get_object(), by=request.user)
        return self.answered(collaboration)
