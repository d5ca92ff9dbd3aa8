"""`agencies/`, public, and their staff (docs/architecture.md §4, §5): `agencies/<slug>/members/`
and `agencies/<slug>/members/<id>/`, where `<id>` is the membership's id.

Only an agency's managers and administrators may see or change its members; agencies are public,
so anyone else signed in is answered 403 (the list included), and an anonymous client 401. The
changes are `agencies.services`'; the rule is `catalog.rules.can_manage_members`.
"""

from typing import Any

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework import serializers as drf
from rest_framework.decorators import action
from rest_framework.generics import get_object_or_404
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from agencies import services
from agencies.models import Agency, Membership, Role
from catalog import rules
from umkm_portal.services import require
from umkm_portal.signed_in import SignedInRequest

from . import serializers
from .base import PublicCacheMixin, added, answers, page_of, sub_collection, validated
from .serializers import StrictFieldsMixin


class MemberSerializer(drf.ModelSerializer):
    """A member of the agency; `id` is the membership's."""

    username = drf.CharField(source="user.username", read_only=True)
    full_name = drf.CharField(source="user.get_full_name", read_only=True)
    email = drf.EmailField(source="user.email", read_only=True)
    pending = drf.SerializerMethodField(
        help_text=_("Invited and has not set a password yet; `created_at` is when.")
    )

    class Meta:
        model = Membership
        fields = ["id", "username", "full_name", "email", "role", "pending", "created_at"]
        read_only_fields = fields

    def get_pending(self, membership: Membership) -> bool:
        return services.is_pending(membership.user)


class NewMemberSerializer(StrictFieldsMixin, drf.Serializer):
    """An existing account by `username`, or new staff by `email` (an account without a password
    and a single-use link to set one, sent by e-mail)."""

    username = drf.SlugRelatedField(
        slug_field="username", queryset=get_user_model().objects.all(), required=False
    )
    email = drf.EmailField(required=False)
    role = drf.ChoiceField(choices=Role.choices)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if ("username" in attrs) == ("email" in attrs):
            raise drf.ValidationError(_("Give either a username or an e-mail address."))
        return attrs


class RoleSerializer(StrictFieldsMixin, drf.Serializer):
    role = drf.ChoiceField(choices=Role.choices)


MEMBER_URL = r"members/(?P<membership_id>[^/.]+)"
MEMBERSHIP_ID = OpenApiParameter("membership_id", int, OpenApiParameter.PATH)


class AgencyViewSet(
    PublicCacheMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Agencies, seen by everyone; their members, by their managers and administrators."""

    lookup_field = "slug"
    queryset = Agency.objects.all()
    serializer_class = serializers.AgencySerializer

    def managed_agency(self) -> Agency:
        agency = self.get_object()
        require(rules.can_manage_members(self.request.user, agency))
        return agency

    @sub_collection(
        "members",
        item=MemberSerializer,
        listing=_("The agency's members: its managers and administrators only."),
        list_errors=(401, 403, 404),
        new=NewMemberSerializer,
        adding=_(
            "Add a member: `{username, role}` for an existing account, `{email, role}` to "
            "invite new staff by e-mail."
        ),
    )
    def members(self, request: SignedInRequest, slug: str | None = None) -> Response:
        agency = self.managed_agency()
        if request.method == "POST":
            new = validated(NewMemberSerializer, request)
            if "email" in new:
                membership = services.invite_staff(
                    agency=agency,
                    by=request.user,
                    email=new["email"],
                    role=new["role"],
                    request=request._request,
                )
            else:
                membership = services.add_member(
                    agency=agency, by=request.user, user=new["username"], role=new["role"]
                )
            return added(membership, MemberSerializer)
        memberships = agency.memberships.select_related("user").order_by("user__username", "pk")
        return page_of(self, memberships, MemberSerializer)

    @extend_schema(
        methods=["PATCH"],
        request=RoleSerializer,
        parameters=[MEMBERSHIP_ID],
        responses=answers({200: MemberSerializer}, 400, 401, 403, 404, 409),
        description=_("Change a member's role. An agency keeps at least one manager."),
    )
    @extend_schema(
        methods=["DELETE"],
        request=None,
        parameters=[MEMBERSHIP_ID],
        responses=answers({204: None}, 401, 403, 404, 409),
        description=_(
            "Remove a member: their rights in the agency end with their next request. An "
            "agency keeps at least one manager."
        ),
    )
    @action(
        detail=True,
        methods=["patch", "delete"],
        url_path=MEMBER_URL,
        permission_classes=[IsAuthenticated],
    )
    def member(
        self, request: SignedInRequest, slug: str | None = None, membership_id: str | None = None
    ) -> Response:
        agency = self.managed_agency()
        membership = get_object_or_404(agency.memberships.all(), pk=membership_id)
        if request.method == "DELETE":
            services.remove_member(membership=membership, by=request.user)
            return Response(status=status.HTTP_204_NO_CONTENT)
        role = validated(RoleSerializer, request)["role"]
        membership = services.change_role(membership=membership, by=request.user, role=role)
        return Response(MemberSerializer(membership).data)
