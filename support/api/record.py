"""A business's development record in the API (DESIGN §8): its stage coverage and timeline
(`businesses/<slug>/support/`), its snapshots (`businesses/<slug>/snapshots/`,
`snapshots/<id>/verify/`) and milestones (`milestones/`, `milestones/<id>/verify/`).

Staff only, like the record itself: anonymous clients get 401, a signed-in person who may not
read development records (`support.rules.can_see_records`) 403. Then the order of the catalogue's
API (docs/architecture.md §5): 404 for a business the user may not see, 403 for a right they lack
(recording, verifying), 409 for a step not allowed now (verifying twice), 400 for the payload.
Every write is a call to `support.services.progress`; businesses and agencies are named by slug,
stages by code, snapshots and milestones by id.
"""

from typing import Any

import django_filters as filters
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import mixins, status, viewsets
from rest_framework import serializers as drf
from rest_framework.decorators import action
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from agencies.models import Agency
from catalog.api.base import answers, payload, validated
from catalog.api.serializers import StrictFieldsMixin, by_slug, named_choices
from catalog.models import Business
from support import rules, timeline
from support.coverage import Coverage, StageState, stage_coverage
from support.models import Milestone, ScaleClass, Snapshot, Stage
from support.models.progress import MilestoneKind
from support.services import progress
from support.services.progress import SNAPSHOT_FIELDS
from support.timeline import Entry, Kind
from umkm_portal.api import StrictPageNumberPagination
from umkm_portal.services import require
from umkm_portal.signed_in import SignedInRequest

from .common import username

# Who may ask -------------------------------------------------------------------------------------


class ReadsRecords(BasePermission):
    """Signed in (401 otherwise, since Token authentication comes first) and a reader of
    development records: a member of an agency or an administrator (403 otherwise)."""

    message = _("Only agency staff and administrators read development records.")

    def has_permission(self, request: Request, view: APIView) -> bool:
        return rules.can_see_records(request.user)


def visible_business(user: Any, slug: object) -> Business:
    """The business with this slug among those `user` may see; 404 otherwise, also for a value
    that cannot be a slug (a NUL byte would make PostgreSQL refuse the query)."""
    if not isinstance(slug, str) or not slug or "\x00" in slug or len(slug) > 220:
        raise Http404
    return get_object_or_404(Business.objects.visible_to(user), slug=slug)


class RecordPagination(StrictPageNumberPagination):
    """`page` and `page_size` (at most 100) as everywhere; a record's lists are short enough to
    count exactly."""

    page_size = timeline.PER_PAGE


# What the answers show ----------------------------------------------------------------------------


class StageStateSerializer(drf.Serializer):
    """One stage of the coverage strip: `reached`, `in_progress` or `none`."""

    stage = drf.CharField(source="stage.code", read_only=True)
    name = drf.CharField(source="stage.display_name", read_only=True)
    state = named_choices("CoverageStateEnum", Coverage.choices, read_only=True)
    state_label = drf.CharField(source="label", read_only=True)


class EntrySerializer(drf.Serializer):
    """One line of the timeline. `id` is the row of its kind (the participation of an activity,
    the service, referral, milestone, certificate, collaboration, nomination event or
    designation)."""

    date = drf.DateField(source="on", read_only=True)
    kind = named_choices("TimelineKindEnum", Kind.choices, read_only=True)
    kind_label = drf.CharField(read_only=True)
    id = drf.IntegerField(source="pk", read_only=True)
    title = drf.CharField(read_only=True)
    status = drf.CharField(read_only=True)
    status_label = drf.CharField(read_only=True)
    product = drf.CharField(source="product.slug", read_only=True, default=None, allow_null=True)
    product_name = drf.CharField(
        source="product.name", read_only=True, default=None, allow_null=True
    )
    agencies = drf.SerializerMethodField()
    stages = drf.SerializerMethodField()
    note = drf.CharField(read_only=True)
    amount = drf.IntegerField(read_only=True, allow_null=True)
    facilitations = drf.SerializerMethodField()

    def get_agencies(self, entry: Entry) -> list[str]:
        """The agencies who did it or are credited with it, by slug."""
        return [agency.slug for agency in entry.agencies]

    def get_stages(self, entry: Entry) -> list[str]:
        """Stage codes."""
        return [stage.code for stage in entry.stages]

    def get_facilitations(self, entry: Entry) -> list[int]:
        """For a certificate: the ids of the services that produced it."""
        return [service.pk for service in entry.facilitations]


class BusinessRecordSerializer(drf.Serializer):
    """The business's coverage strip and one page of its timeline, newest first."""

    business = drf.CharField()
    coverage = StageStateSerializer(many=True)
    count = drf.IntegerField()
    next = drf.URLField(allow_null=True)
    previous = drf.URLField(allow_null=True)
    results = EntrySerializer(many=True)


class SnapshotSerializer(drf.ModelSerializer):
    """A snapshot with its class by PP 7/2021 (`scale_class`, null without capital and
    turnover) beside the business's declared scale."""

    business = by_slug()
    scale_class = named_choices(
        "ScaleClassEnum", ScaleClass.choices, read_only=True, allow_null=True
    )
    declared_scale = drf.CharField(source="business.scale", read_only=True)
    matches_declared_scale = drf.SerializerMethodField()
    recorded_by = username("recorded_by")
    verified_by = username("verified_by")

    class Meta:
        model = Snapshot
        fields = [
            "id", "business", *SNAPSHOT_FIELDS, "scale_class", "declared_scale",
            "matches_declared_scale", "recorded_by", "verified_by", "verified_at", "created_at",
        ]  # fmt: skip
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_matches_declared_scale(self, snapshot: Snapshot) -> bool | None:
        """Whether the computed class is the declared scale; null when there is no class."""
        computed = snapshot.scale_class
        return None if computed is None else computed == snapshot.business.scale


class SnapshotPageSerializer(drf.Serializer):
    """One page of snapshots, newest first."""

    count = drf.IntegerField()
    next = drf.URLField(allow_null=True)
    previous = drf.URLField(allow_null=True)
    results = SnapshotSerializer(many=True)


#: The pagination of a sub-collection, which the schema does not infer for a detail action.
PAGE_PARAMETERS = [
    OpenApiParameter("page", int, description=_("A page number within the paginated result set.")),
    OpenApiParameter("page_size", int, description=_("Number of results per page (at most 100).")),
]


class SnapshotInputSerializer(StrictFieldsMixin, drf.ModelSerializer):
    """A new snapshot: the capital (without land and buildings) or the turnover, or both."""

    class Meta:
        model = Snapshot
        fields = list(SNAPSHOT_FIELDS)


#: One enum component for a milestone's kind, read and written alike.
MilestoneKindField = type(named_choices("MilestoneKindEnum", MilestoneKind.choices))


class MilestoneSerializer(drf.ModelSerializer):
    business = by_slug()
    kind = MilestoneKindField(choices=MilestoneKind.choices, read_only=True)
    stage: "drf.SlugRelatedField[Stage]" = drf.SlugRelatedField(
        slug_field="code", read_only=True, allow_null=True
    )
    credited_agencies: "drf.SlugRelatedField[Agency]" = drf.SlugRelatedField(
        slug_field="slug", many=True, read_only=True
    )
    recorded_by = username("recorded_by")
    verified_by = username("verified_by")

    class Meta:
        model = Milestone
        fields = [
            "id", "business", "kind", "stage", "achieved_on", "evidence", "credited_agencies",
            "recorded_by", "verified_by", "verified_at", "created_at",
        ]  # fmt: skip
        read_only_fields = fields


class MilestoneInputSerializer(StrictFieldsMixin, drf.Serializer):
    """A milestone the business reached. `stage` (a code) is filled from the kind when left
    out; `credited_agencies` are slugs."""

    business = drf.SlugField()
    kind = MilestoneKindField(choices=MilestoneKind.choices)
    stage: "drf.SlugRelatedField[Stage]" = drf.SlugRelatedField(
        slug_field="code", queryset=Stage.objects.active(), required=False, allow_null=True
    )
    achieved_on = drf.DateField()
    evidence = drf.CharField(required=False, allow_blank=True, max_length=5000, default="")
    credited_agencies = drf.SlugRelatedField(
        slug_field="slug", queryset=Agency.objects.all(), many=True, required=False
    )


def snapshots_of(queryset: QuerySet[Snapshot]) -> QuerySet[Snapshot]:
    return queryset.select_related("business", "recorded_by", "verified_by")


def milestones_of(queryset: QuerySet[Milestone]) -> QuerySet[Milestone]:
    return queryset.select_related(
        "business", "stage", "recorded_by", "verified_by"
    ).prefetch_related("credited_agencies")


# businesses/<slug>/support/ and businesses/<slug>/snapshots/ --------------------------------------


class BusinessRecordViewSet(viewsets.GenericViewSet):
    """A business's record, by the business's slug: the businesses the user may see."""

    lookup_field = "slug"
    permission_classes = [ReadsRecords]
    pagination_class = RecordPagination
    serializer_class = SnapshotSerializer

    def get_queryset(self) -> QuerySet[Business]:
        return Business.objects.visible_to(self.request.user)

    @extend_schema(
        parameters=PAGE_PARAMETERS,
        responses=answers({200: BusinessRecordSerializer}, 401, 403, 404),
        description=_(
            "The business's coverage of the seven stages and one page of its timeline: "
            "everything every agency did for it, newest first."
        ),
    )
    @action(detail=True, methods=["get"])
    def support(self, request: SignedInRequest, slug: str | None = None) -> Response:
        business = self.get_object()
        keys = self.paginate_queryset(timeline.timeline(business, request.user))
        assert keys is not None  # the view paginates
        page = self.get_paginated_response(
            EntrySerializer(timeline.entries(keys), many=True).data
        ).data
        coverage: list[StageState] = stage_coverage(business)
        return Response(
            {
                "business": business.slug,
                "coverage": StageStateSerializer(coverage, many=True).data,
                **page,
            }
        )

    @extend_schema(
        methods=["GET"],
        parameters=PAGE_PARAMETERS,
        responses=answers({200: SnapshotPageSerializer}, 401, 403, 404),
        description=_("The business's snapshots, newest first."),
    )
    @extend_schema(
        methods=["POST"],
        request=SnapshotInputSerializer,
        responses=answers({201: SnapshotSerializer}, 400, 401, 403, 404),
        description=_(
            "Record a snapshot of the business: editors, managers, leading-sector reviewers "
            "and administrators."
        ),
    )
    @action(detail=True, methods=["get", "post"])
    def snapshots(self, request: SignedInRequest, slug: str | None = None) -> Response:
        business = self.get_object()
        if request.method == "POST":
            require(rules.can_record_progress(request.user))
            fields = validated(SnapshotInputSerializer, request)
            with transaction.atomic():  # the answer is read before the commit, as elsewhere
                snapshot = progress.record_snapshot(by=request.user, business=business, **fields)
                shown = SnapshotSerializer(snapshots_of(Snapshot.objects.all()).get(pk=snapshot.pk))
                return Response(shown.data, status=status.HTTP_201_CREATED)
        snapshots = snapshots_of(Snapshot.objects.filter(business=business))
        page = self.paginate_queryset(snapshots)
        return self.get_paginated_response(SnapshotSerializer(page, many=True).data)


# snapshots/<id>/verify/ ---------------------------------------------------------------------------


VERIFY_SNAPSHOT = _("Verify a snapshot: leading-sector reviewers and administrators, once.")
VERIFY_MILESTONE = _("Verify a milestone: leading-sector reviewers and administrators, once.")


class SnapshotViewSet(viewsets.GenericViewSet):
    """Verifying a snapshot, by id."""

    permission_classes = [ReadsRecords]
    serializer_class = SnapshotSerializer

    def get_queryset(self) -> QuerySet[Snapshot]:
        visible = Business.objects.visible_to(self.request.user)
        return snapshots_of(Snapshot.objects.visible_to(self.request.user)).filter(
            business__in=visible
        )

    @extend_schema(
        request=None,
        responses=answers({200: SnapshotSerializer}, 401, 403, 404, 409),
        description=VERIFY_SNAPSHOT,
    )
    @action(detail=True, methods=["post"])
    def verify(self, request: SignedInRequest, pk: str | None = None) -> Response:
        snapshot = progress.verify_snapshot(snapshot=self.get_object(), by=request.user)
        return Response(SnapshotSerializer(self.get_queryset().get(pk=snapshot.pk)).data)


# milestones/ -------------------------------------------------------------------------------------


def visible_businesses(request: Request | None) -> QuerySet[Business]:
    if request is None:  # the schema
        return Business.objects.none()
    return Business.objects.visible_to(request.user)


class MilestoneFilter(filters.FilterSet):
    business = filters.ModelChoiceFilter(
        queryset=visible_businesses, to_field_name="slug", label=_("business (slug)")
    )
    verified = filters.BooleanFilter(method="filter_verified", label=_("verified"))

    class Meta:
        model = Milestone
        fields = ["business", "verified"]

    def filter_verified(
        self, queryset: QuerySet[Milestone], name: str, value: bool | None
    ) -> QuerySet[Milestone]:
        if value is None:
            return queryset
        return queryset.filter(verified_at__isnull=not value)


@extend_schema_view(
    list=extend_schema(
        responses=answers({200: MilestoneSerializer(many=True)}, 400, 401, 403),
        description=_(
            "Milestones, newest first; `business` (a slug) and `verified` (true or false) "
            "narrow them."
        ),
    )
)
class MilestoneViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Milestones of the businesses the user may see, newest first; recorded by staff and
    verified by leading-sector reviewers and administrators."""

    permission_classes = [ReadsRecords]
    pagination_class = RecordPagination
    serializer_class = MilestoneSerializer
    filterset_class = MilestoneFilter

    def get_queryset(self) -> QuerySet[Milestone]:
        visible = Business.objects.visible_to(self.request.user)
        return milestones_of(Milestone.objects.visible_to(self.request.user)).filter(
            business__in=visible
        )

    @extend_schema(
        request=MilestoneInputSerializer,
        responses=answers({201: MilestoneSerializer}, 400, 401, 403, 404),
        description=_(
            "Record a milestone of a business: editors, managers, leading-sector reviewers and "
            "administrators."
        ),
    )
    def create(self, request: SignedInRequest) -> Response:
        # The business named first (404), then the right (403), then the rest of the body (400).
        slug = payload(request).get("business")
        business = visible_business(request.user, slug) if slug not in (None, "") else None
        require(rules.can_record_progress(request.user))
        fields = validated(MilestoneInputSerializer, request)
        if business is None:  # a slug the serializer read from another type
            business = visible_business(request.user, fields["business"])
        fields.pop("business")
        credited = fields.pop("credited_agencies", [])
        with transaction.atomic():
            milestone = progress.record_milestone(
                by=request.user, business=business, credited_agencies=credited, **fields
            )
            shown = MilestoneSerializer(self.get_queryset().get(pk=milestone.pk))
            return Response(shown.data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=None,
        responses=answers({200: MilestoneSerializer}, 401, 403, 404, 409),
        description=VERIFY_MILESTONE,
    )
    @action(detail=True, methods=["post"])
    def verify(self, request: SignedInRequest, pk: str | None = None) -> Response:
        milestone = progress.verify_milestone(milestone=self.get_object(), by=request.user)
        return Response(MilestoneSerializer(self.get_queryset().get(pk=milestone.pk)).data)
