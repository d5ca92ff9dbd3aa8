"""`activities/`: trainings, bimtek, exhibitions... (DESIGN §8). Everyone reads the public ones,
members of any agency all of them; the organising agency creates, changes and cancels one, and
it and its co-organisers register participants (`activities/<id>/participants/`; one
participation is `participants/<id>/`, in `participants.py`).

Every write is a call to `support.services.activities`; every right a rule of `support.rules`,
asked before the body is read.
"""

from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework import serializers as drf
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from agencies.models import Agency
from catalog.api import base
from catalog.api.base import PublicCacheMixin, added, answers, page_of, sub_collection, validated
from catalog.api.serializers import StrictFieldsMixin, by_slug, writable_slug
from catalog.models import Region
from support import rules
from support.models import Activity, Agreement, Benefit, Participation, Partner, Stage
from support.services import activities
from umkm_portal.services import require
from umkm_portal.signed_in import SignedInRequest

from .common import (
    AnswersAfresh,
    FiltersNarrowTheList,
    ReasonSerializer,
    choice,
    enum,
    label,
)
from .filters import ActivityFilter
from .participants import NewParticipantSerializer, ParticipantSerializer, participants_of
from .partnerships_records import named_agreement

ACTIVITY_KIND = "ActivityKindEnum"
FUNDING = "ActivityFundingEnum"
BENEFIT = "BenefitEnum"


class ActivitySerializer(drf.ModelSerializer):
    """An activity as everyone sees it. Reads a queryset prepared by `with_related()`."""

    kind = choice(ACTIVITY_KIND, Activity.Kind.choices)
    kind_label = label("kind")
    stages: "drf.SlugRelatedField[Stage]" = drf.SlugRelatedField(
        slug_field="code", many=True, read_only=True
    )
    organiser = by_slug()
    co_organisers: "drf.SlugRelatedField[Agency]" = drf.SlugRelatedField(
        slug_field="slug", many=True, read_only=True
    )
    agreement: "drf.PrimaryKeyRelatedField[Agreement]" = drf.PrimaryKeyRelatedField(read_only=True)
    partners: "drf.SlugRelatedField[Partner]" = drf.SlugRelatedField(
        slug_field="slug",
        many=True,
        read_only=True,
        help_text=gettext_lazy("Co-organising partners."),
    )
    region = by_slug()
    funding = choice(FUNDING, Activity.Funding.choices)
    funding_label = label("funding")
    benefit = choice(BENEFIT, Benefit.choices)
    benefit_label = label("benefit")
    is_cancelled = drf.BooleanField(read_only=True)
    participants = drf.IntegerField(
        source="participant_count",
        read_only=True,
        help_text=gettext_lazy("Businesses taking part."),
    )
    completed = drf.IntegerField(
        source="completed_count",
        read_only=True,
        help_text=gettext_lazy("Businesses that completed the activity."),
    )

    class Meta:
        model = Activity
        fields = [
            "id", "title", "kind", "kind_label", "stages", "organiser", "co_organisers",
            "agreement", "partners", "description", "starts_at", "ends_at", "region", "place",
            "capacity", "funding", "funding_label", "benefit", "benefit_label", "is_public",
            "registration_info",
            "is_cancelled", "cancelled_at", "cancel_reason", "participants", "completed",
            "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = fields

    @staticmethod
    def with_related(queryset: QuerySet[Activity]) -> QuerySet[Activity]:
        """Everything this serializer reads, in a number of queries that does not grow with the
        page: the counts as annotations, the agencies and stages in one query each."""
        completed = Q(participations__status=Participation.Status.COMPLETED)
        return (
            queryset.select_related("organiser", "region")
            .prefetch_related("stages", "co_organisers", "partners")
            .annotate(
                participant_count=Count("participations"),
                completed_count=Count("participations", filter=completed),
            )
        )


class ActivityChangeSerializer(StrictFieldsMixin, drf.ModelSerializer):
    """What PATCH `activities/<id>/` may change: everything but the organiser and the
    cancellation (which is `cancel/`). Stages by code, agencies and the region by slug. An end
    before the start is the model's own rule (`Activity.clean`, run by the service): a 400 on
    `ends_at`, as on the workspace form."""

    kind = enum(ACTIVITY_KIND, Activity.Kind.choices)
    stages: "drf.SlugRelatedField[Stage]" = drf.SlugRelatedField(
        slug_field="code", many=True, queryset=Stage.objects.active(), allow_empty=False
    )
    co_organisers: "drf.SlugRelatedField[Agency]" = drf.SlugRelatedField(
        slug_field="slug", many=True, queryset=Agency.objects.all(), required=False
    )
    region = writable_slug(Region.objects.all())
    funding = enum(FUNDING, Activity.Funding.choices, required=False)
    benefit = enum(BENEFIT, Benefit.choices, required=False)

    class Meta:
        model = Activity
        fields = [*activities.ACTIVITY_FIELDS, "stages", "co_organisers"]


class ActivityCreateSerializer(ActivityChangeSerializer):
    """A new activity, organised by `organiser` (one where you are editor or manager; leave it
    out if you edit for one agency only), optionally under an `agreement` (id) with co-organising
    `partners` (slugs) party to it. Partner staff create one under their partner's active or
    expiring agreement, organised by an agency of it; their partner co-organises it."""

    organiser = drf.SlugRelatedField(
        slug_field="slug", queryset=Agency.objects.all(), required=False
    )
    agreement: "drf.PrimaryKeyRelatedField[Agreement]" = drf.PrimaryKeyRelatedField(
        queryset=Agreement.objects.all(), required=False, allow_null=True
    )
    partners: "drf.SlugRelatedField[Partner]" = drf.SlugRelatedField(
        slug_field="slug", many=True, queryset=Partner.objects.all(), required=False
    )

    class Meta(ActivityChangeSerializer.Meta):
        fields = ["organiser", "agreement", "partners", *ActivityChangeSerializer.Meta.fields]


class ActivityViewSet(
    FiltersNarrowTheList,
    AnswersAfresh,
    PublicCacheMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Public activities for everyone, all of them for members of any agency; upcoming and
    running first (soonest first), then past ones (latest first). Cancelled ones stay, marked."""

    serializer_class = answer_serializer = ActivitySerializer
    filterset_class = ActivityFilter

    def get_queryset(self) -> QuerySet[Activity]:
        visible = Activity.objects.visible_to(self.request.user)
        if self.action in ("list", "retrieve"):
            return ActivitySerializer.with_related(visible.upcoming_first())
        return visible  # a write answers with the activity read afresh (`shown`)

    @extend_schema(
        request=ActivityCreateSerializer,
        responses=answers({201: ActivitySerializer}, 400, 401, 403, 404),
        description=gettext_lazy(
            "A new activity organised by `organiser` (one of your agencies; leave it out if you "
            "edit for one agency only), with at least one stage, optionally under an "
            "`agreement` (id). Partner staff: under their partner's active or expiring agreement "
            "only (403 otherwise; 404 for an agreement they may not see), organised by an agency "
            "party to it."
        ),
    )
    def create(self, request: SignedInRequest) -> Response:
        user = request.user
        require(rules.can_create_activity(user))  # 403: may they create any at all
        agreement = named_agreement(request)  # 404

        def may_act(person: object, agency: Agency) -> bool:
            return rules.can_create_activity(person, agency, agreement=agreement)

        organiser, fields = base.creation(
            request,
            ActivityCreateSerializer,
            "organiser",
            may_act=may_act,
            may_act_at_all=rules.can_create_activity,
        )
        fields.pop("agreement", None)
        partners = fields.pop("partners", [])
        # The answer is read before the commit, as the catalogue's writes do (idempotent retries).
        with transaction.atomic():
            activity = activities.create_activity(
                by=user, organiser=organiser, agreement=agreement, partners=partners, **fields
            )
            return self.shown(activity, status.HTTP_201_CREATED)

    @extend_schema(
        request=ActivityChangeSerializer,
        responses=answers({200: ActivitySerializer}, 400, 401, 403, 404, 409),
        description=gettext_lazy(
            "Change an activity: the organising agency's editors and managers. A cancelled "
            "activity stays as it was (409)."
        ),
    )
    def partial_update(self, request: SignedInRequest, pk: str | None = None) -> Response:
        activity = self.get_object()
        activities.check_editable(activity, request.user)  # 403, then 409
        fields = validated(ActivityChangeSerializer, request, partial=True, instance=activity)
        with transaction.atomic():
            activity = activities.update_activity(activity=activity, by=request.user, **fields)
            return self.shown(activity)

    @extend_schema(
        request=ReasonSerializer,
        responses=answers({200: ActivitySerializer}, 400, 401, 403, 404, 409),
        description=gettext_lazy(
            "Cancel the activity, saying why: the organising agency. It stays in the record and "
            "the calendar, marked as cancelled."
        ),
    )
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def cancel(self, request: SignedInRequest, pk: str | None = None) -> Response:
        activity = self.get_object()
        activities.check_editable(activity, request.user)  # 403, then 409
        reason = validated(ReasonSerializer, request)["reason"]
        with transaction.atomic():
            activity = activities.cancel_activity(activity=activity, by=request.user, reason=reason)
            return self.shown(activity)

    @sub_collection(
        "participants",
        item=ParticipantSerializer,
        listing=gettext_lazy(
            "The businesses taking part, by name: members of any agency (the record is shared)."
        ),
        list_errors=(401, 403, 404),
        new=NewParticipantSerializer,
        adding=gettext_lazy(
            "Register a business: the organiser's and co-organisers' editors and managers. A "
            "business takes part once; a cancelled or full activity takes no one (400)."
        ),
    )
    def participants(self, request: SignedInRequest, pk: str | None = None) -> Response:
        activity = self.get_object()
        user = request.user
        if request.method == "POST":
            require(rules.can_manage_participants(user, activity))
            new = validated(NewParticipantSerializer, request)
            with transaction.atomic():
                [participation] = activities.add_participants(
                    activity=activity, by=user, businesses=[new["business"]], status=new["status"]
                )
                return added(participants_of(pk=participation.pk).get(), ParticipantSerializer)
        require(rules.can_see_records(user))
        return page_of(self, participants_of(activity=activity), ParticipantSerializer)
