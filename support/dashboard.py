"""The development dashboard (DESIGN §8 "Dashboard"): for a year, and optionally one agency and
one region, what the agencies did, what it reached, where they overlap and where nobody helps.

Whose work counts (`Dashboard.agency_ids`): the agency chosen; without one, every agency for
administrators and members of a leading sector (`rules.sees_every_agency`), the user's own
agencies for other staff. What is whose:

- a service is its providing agency's; a participation (attended or completed, in an activity
  that was not cancelled) is the organiser's and every co-organiser's; a verified milestone is
  its credited agencies';
- a referral answered is the receiving agency's; an overdue one the sender's and the receiver's;
- a gap's business is its registering agency's;
- the matrix lists the businesses the agencies in view helped, with every agency that helped
  them (the record is shared: an agency sees who else works with its businesses), and an
  overlap counts when one of the agencies in view is part of it.

The region narrows to the businesses of that region (activities: held there). Gaps are as of
today, whatever the year.

Every figure is one query whatever the size of the data, and a list behind a figure is two (a
count and a page), so the page costs the same for 30 businesses as for 100,000. What mixes
services and activities (the funnel, the matrix, overlaps, the businesses supported) is read from
the tallies the database keeps grouped by business and year (support.models.tallies): grouping a
year's 135,000 records on each request took 100–330 ms a figure at 100,000 businesses.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from statistics import mean
from typing import Any, Generic, TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import (
    Count,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Window,
)
from django.db.models.functions import Coalesce, RowNumber
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency, AgencyQuerySet, Membership
from catalog.models import Business, Certificate, Designation, Nomination, Product, Region
from catalog.models.base import today
from catalog.models.business import BusinessQuerySet
from support import rules
from support.dashboard_partnerships import PartnerFigures, Partnerships
from support.models import (
    Activity,
    AgencyTally,
    BusinessTally,
    Milestone,
    OverlapTally,
    Participation,
    ReachTally,
    Referral,
    Service,
    Stage,
)
from support.models.tallies import NEVER

#: How far back a business counts as supported for the "no support" gap.
IDLE_AFTER = datetime.timedelta(days=365)
#: How soon a certificate expires for the "expiring" gap.
EXPIRING_WITHIN = datetime.timedelta(days=90)
#: The certificates a flagship or a nominee should hold at least one of (valid).
BASIC_CERTIFICATES = (
    Certificate.Kind.PIRT,
    Certificate.Kind.HALAL,
    Certificate.Kind.BPOM,
)
#: A facilitation in progress means someone is already on it: no gap.
FACILITATIONS = (Service.Kind.FASILITASI_SERTIFIKASI, Service.Kind.FASILITASI_PERIZINAN)

#: Rows of the matrix and overlaps the dashboard itself shows (the rest are behind a link).
MATRIX_ROWS = 15
OVERLAP_ROWS = 10

#: The headline figures, by key (the API's names; the workspace's lists map them to addresses).
HEADLINE: dict[str, Promise] = {
    "businesses": _("Businesses supported"),
    "activities": _("Activities"),
    "participants": _("Participants"),
    "services": _("Services"),
    "referrals_answered": _("Referrals answered"),
    "milestones_verified": _("Milestones verified"),
}
#: The gaps, by key.
GAPS: dict[str, Promise] = {
    "idle_businesses": _("Published, no support in 12 months"),
    "uncertified_candidates": _("Flagships and nominees without P-IRT, halal or BPOM"),
    "expiring_certificates": _("Certificates expiring within 90 days"),
    "overdue_referrals": _("Overdue referrals"),
    "obligations_behind": _("Obligations past due and below target"),
}
#: The partnership figures beside the per-partner table, by key (as of today).
PARTNERSHIP: dict[str, Promise] = {
    "expiring_agreements": _("Agreements expiring within 90 days"),
}

Row = TypeVar("Row")
#: A queryset narrowed by agency or region keeps its own class (and vocabulary).
Q_ = TypeVar("Q_", bound=QuerySet[Any])


@dataclass(frozen=True)
class Filters:
    year: int
    agency: Agency | None = None
    region: Region | None = None


@dataclass(frozen=True)
class Viewer:
    """Whose figures a person sees, read once per request: every agency's (None), or the ids of
    the agencies they are a member of."""

    agency_ids: frozenset[int] | None

    @property
    def every_agency(self) -> bool:
        return self.agency_ids is None

    @classmethod
    def of(cls, user: Any) -> "Viewer":
        """PermissionDenied for someone who may not read the development record."""
        if not rules.can_see_records(user):
            raise PermissionDenied
        if rules.sees_every_agency(user):
            return cls(None)
        return cls(frozenset(Membership.objects.filter(user=user).values_list("agency", flat=True)))

    def agencies(self) -> AgencyQuerySet:
        """The agencies whose figures the viewer may see (and choose among)."""
        if self.agency_ids is None:
            return Agency.objects.all()
        return Agency.objects.filter(pk__in=self.agency_ids)


def agencies_in_view(user: Any) -> AgencyQuerySet:
    """The agencies whose figures `user` may see: every agency for administrators and
    leading-sector members, else those the user is a member of."""
    return Viewer.of(user).agencies()


def dashboard_for(user: Any, filters: Filters, *, viewer: Viewer | None = None) -> "Dashboard":
    """The dashboard `user` may see with `filters`. PermissionDenied for someone who may not read
    the development record, or who chose an agency whose figures are not theirs to see. A
    `viewer` already read for this request saves reading it again."""
    viewer = viewer or Viewer.of(user)
    agency_ids = viewer.agency_ids
    if filters.agency is not None:
        if agency_ids is not None and filters.agency.pk not in agency_ids:
            raise PermissionDenied
        agency_ids = frozenset([filters.agency.pk])
    return Dashboard(filters, agency_ids=agency_ids)


# What the dashboard shows ---------------------------------------------------------------------


@dataclass(frozen=True)
class StageCount:
    stage: Stage
    businesses: int


@dataclass
class MatrixRow:
    business_id: int
    name: str
    slug: str
    agencies: int
    records: int
    cells: dict[int, int] = field(default_factory=dict)  # agency id: services + participations


@dataclass
class Overlap:
    business_id: int
    name: str
    slug: str
    stage: Stage
    kind: str
    agencies: list[Agency] = field(default_factory=list)

    @property
    def kind_label(self) -> str:
        return kind_label(self.kind)


def kind_label(kind: str) -> str:
    """A service's or an activity's kind in words; the two share codes where they mean the
    same (mentoring, certification facilitation, access to capital)."""
    labels = {**dict(Activity.Kind.choices), **dict(Service.Kind.choices)}
    return str(labels.get(kind, kind))


@dataclass(frozen=True)
class Figure:
    key: str
    label: Promise
    value: int | None  # None: not counted yet


@dataclass(frozen=True)
class Summary:
    """Everything the dashboard page, its CSV and the API show."""

    figures: list[Figure]
    median_days_to_answer: float | None
    funnel: list[StageCount]
    matrix: list[MatrixRow]
    matrix_agencies: list[Agency]  # the columns: agencies with a cell in the rows shown
    overlaps: list[Overlap]
    overlap_count: int
    gaps: list[Figure]
    partnership: list[Figure] = field(default_factory=list)
    partners: list[PartnerFigures] = field(default_factory=list)

    @property
    def businesses(self) -> int:
        return next(figure.value or 0 for figure in self.figures if figure.key == "businesses")


class SqlRows(Generic[Row]):
    """Rows the dashboard reads with its own SQL (the matrix, overlaps), shaped for Django's
    Paginator: `count()` and slices, each one query."""

    def __init__(self, count: Callable[[], int], fetch: Callable[[int, int], list[Row]]) -> None:
        self._count, self._fetch = count, fetch

    @cached_property
    def total(self) -> int:
        return self._count()

    def count(self) -> int:
        return self.total

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, window: slice) -> list[Row]:
        start = window.start or 0
        stop = window.stop if window.stop is not None else self.total
        return self._fetch(max(stop - start, 0), start)


class Dashboard(Partnerships):
    def __init__(
        self,
        filters: Filters,
        *,
        agency_ids: frozenset[int] | None,
        on: datetime.date | None = None,
    ) -> None:
        self.filters = filters
        self.year = filters.year
        #: The agencies whose work counts; None for every agency.
        self.agency_ids = agency_ids
        self.today = on or today()

    def listing(self, key: str) -> QuerySet[Any]:
        """The rows behind a headline figure or a gap, by its key (KeyError for another)."""
        lists: dict[str, Callable[[], QuerySet[Any]]] = {
            "businesses": self.supported_businesses,
            "activities": self.activities,
            "participants": self.participants,
            "services": self.services,
            "referrals_answered": self.referrals_answered,
            "milestones_verified": self.milestones_verified,
            "idle_businesses": self.idle_businesses,
            "uncertified_candidates": self.uncertified_candidates,
            "expiring_certificates": self.expiring_certificates,
            "overdue_referrals": self.overdue_referrals,
            "obligations_behind": self.obligations_behind,
            "expiring_agreements": self.expiring_agreements,
        }
        return lists[key]()

    def summary(
        self, *, matrix_rows: int = MATRIX_ROWS, overlap_rows: int = OVERLAP_ROWS
    ) -> Summary:
        """Every number of the dashboard, in a constant number of queries (about twenty)."""
        matrix_list, overlap_list = self.matrix(), self.overlaps()
        matrix, supported = matrix_list[:matrix_rows] if matrix_rows else [], matrix_list.count()
        figures = [
            Figure(key, label, supported if key == "businesses" else self.listing(key).count())
            for key, label in HEADLINE.items()
        ]
        shown = {agency_id for row in matrix for agency_id in row.cells}
        overlaps = overlap_list[:overlap_rows] if overlap_rows else []
        overlap_count = overlap_list.count()
        return Summary(
            figures=figures,
            median_days_to_answer=self.median_days_to_answer(),
            funnel=self.funnel(),
            matrix=matrix,
            matrix_agencies=sorted(
                (self.agencies[pk] for pk in shown),
                key=lambda agency: (agency.short_name or agency.name).lower(),
            ),
            overlaps=overlaps,
            overlap_count=overlap_count,
            gaps=[Figure(key, label, self.listing(key).count()) for key, label in GAPS.items()],
            partnership=[
                Figure(key, label, self.listing(key).count()) for key, label in PARTNERSHIP.items()
            ],
            partners=self.partner_figures(),
        )

    # The narrowing every figure shares ------------------------------------------------------

    def _of_agencies(self, queryset: Q_, path: str) -> Q_:
        if self.agency_ids is None:
            return queryset
        return queryset.filter(**{f"{path}__in": self.agency_ids})

    def _in_region(self, queryset: Q_, path: str) -> Q_:
        if self.filters.region is None:
            return queryset
        return queryset.filter(**{path: self.filters.region})

    # The figures' lists (querysets: a count is one query, a page another) -----------------

    def services(self) -> QuerySet[Service]:
        """Services given in the year (not voided)."""
        services = self._of_agencies(Service.objects.standing().in_year(self.year), "agency")
        return self._in_region(services, "business__region")

    def _activities_of_year(self) -> QuerySet[Activity]:
        activities = Activity.objects.running().in_year(self.year)
        if self.agency_ids is None:
            return activities
        co_organised = Activity.co_organisers.through.objects.filter(agency__in=self.agency_ids)
        return activities.filter(
            Q(organiser__in=self.agency_ids) | Q(pk__in=co_organised.values("activity_id"))
        )

    def activities(self) -> QuerySet[Activity]:
        """Activities that start in the year and were not cancelled (held in the region)."""
        return self._in_region(self._activities_of_year(), "region")

    def participations(self) -> QuerySet[Participation]:
        """Every participation in the year's activities, whatever its status (the export)."""
        participations = Participation.objects.filter(
            activity__in=self._activities_of_year().values("pk")
        )
        return self._in_region(participations, "business__region")

    def participants(self) -> QuerySet[Participation]:
        """Participations that took part (attended or completed) in the year's activities."""
        return self.participations().filter(status__in=Participation.TOOK_PART)

    def referrals_answered(self) -> QuerySet[Referral]:
        """Referrals the receiving agency answered (accepted or declined) in the year."""
        referrals = Referral.objects.filter(answered_at__year=self.year)
        referrals = self._of_agencies(referrals, "to_agency")
        return self._in_region(referrals, "business__region")

    def milestones_verified(self) -> QuerySet[Milestone]:
        """Verified milestones achieved in the year."""
        milestones = Milestone.objects.verified().filter(achieved_on__year=self.year)
        if self.agency_ids is not None:
            credited = Milestone.credited_agencies.through.objects.filter(
                agency__in=self.agency_ids
            )
            milestones = milestones.filter(pk__in=credited.values("milestone_id"))
        return self._in_region(milestones, "business__region")

    def _agency_tallies(self) -> QuerySet[AgencyTally]:
        tallies = self._of_agencies(AgencyTally.objects.filter(year=self.year), "agency")
        return self._in_region(tallies, "region")

    def _supported_ids(self) -> QuerySet[Any]:
        """The ids of the businesses given a service or taking part in an activity in the year
        by the agencies in view (from the tallies: support.models.tallies)."""
        if self.agency_ids is None:
            tallies = BusinessTally.objects.filter(year=self.year)
            return self._in_region(tallies, "region").values("business")
        return self._agency_tallies().values("business")

    def supported_businesses(self) -> BusinessQuerySet:
        """Businesses given a service or taking part in an activity in the year."""
        return Business.objects.filter(pk__in=self._supported_ids())

    def _reach(self) -> QuerySet[ReachTally]:
        tallies = ReachTally.objects.filter(year=self.year)
        if self.agency_ids is None:
            tallies = tallies.filter(agency__isnull=True)
        else:
            tallies = tallies.filter(agency__in=self.agency_ids)
        return self._in_region(tallies, "region")

    def businesses_reaching(self, stage: Stage) -> BusinessQuerySet:
        """Businesses that reached `stage` in the year: a service done, an activity of that stage
        taken part in, a verified milestone in it (docs: support.coverage)."""
        return Business.objects.filter(pk__in=self._reach().filter(stage=stage).values("business"))

    # Gaps (as of today) -------------------------------------------------------------------

    def _businesses_in_view(self) -> BusinessQuerySet:
        businesses = self._of_agencies(Business.objects.all(), "registering_agency")
        return self._in_region(businesses, "region")

    def _open_facilitation(self, business: OuterRef) -> Exists:
        return Exists(
            Service.objects.standing().filter(
                business=business, kind__in=FACILITATIONS, outcome=Service.Outcome.IN_PROGRESS
            )
        )

    def idle_businesses(self) -> BusinessQuerySet:
        """Businesses with published products and no support in the last 12 months: no service,
        no activity taken part in (from the recency tally: support.models.tallies), never
        supported first, then the longest ago. Support recorded with a later date than today
        counts: someone is on it."""
        since = self.today - IDLE_AFTER
        idle = Business.objects.alias(supported_on=Coalesce("recency__last_supported_on", NEVER))
        idle = idle.filter(recency__listed=True, supported_on__lte=since)
        idle = self._in_region(
            self._of_agencies(idle, "recency__registering_agency"), "recency__region"
        )
        return idle.order_by("supported_on", "recency__business")

    def uncertified_candidates(self) -> BusinessQuerySet:
        """Businesses of a current flagship or an open nomination whose product has no valid
        P-IRT, halal or BPOM certificate, and no certification or licence facilitation in
        progress. `product_name` names one such product."""
        valid = Certificate.objects.valid(self.today).filter(
            product=OuterRef("pk"), kind__in=BASIC_CERTIFICATES
        )
        flagships_and_nominees = (
            Designation.objects.current(self.today)
            .order_by()
            .values("product")
            .union(Nomination.objects.open().order_by().values("product"))
        )
        candidates = Product.objects.filter(pk__in=flagships_and_nominees).exclude(Exists(valid))
        first = candidates.filter(business=OuterRef("pk")).order_by("name", "pk")
        return (
            self._businesses_in_view()
            .filter(pk__in=candidates.values("business"))
            .exclude(self._open_facilitation(OuterRef("pk")))
            .annotate(product_name=Subquery(first.values("name")[:1]))
        )

    def expiring_certificates(self) -> QuerySet[Certificate]:
        """Certificates of products in use (not archived, active business) that expire within
        90 days, without a facilitation in progress for the business."""
        certificates = Certificate.objects.filter(
            expires_on__gte=self.today,
            expires_on__lte=self.today + EXPIRING_WITHIN,
            product__business__is_active=True,
        ).exclude(product__status=Product.Status.ARCHIVED)
        certificates = self._of_agencies(certificates, "product__business__registering_agency")
        certificates = self._in_region(certificates, "product__business__region")
        return certificates.exclude(self._open_facilitation(OuterRef("product__business")))

    def overdue_referrals(self) -> QuerySet[Referral]:
        """Referrals unanswered past their due date, sent or received by the agencies in view."""
        referrals = Referral.objects.overdue(self.today)
        if self.agency_ids is not None:
            referrals = referrals.filter(
                Q(to_agency__in=self.agency_ids) | Q(from_agency__in=self.agency_ids)
            )
        return self._in_region(referrals, "business__region")

    # Numbers ------------------------------------------------------------------------------

    def median_days_to_answer(self) -> float | None:
        """The median time from sending to answering, in days, of the referrals answered in the
        year; one query (the middle one or two rows by a window function)."""
        waited = ExpressionWrapper(F("answered_at") - F("sent_at"), output_field=DurationField())
        ranked = (
            self.referrals_answered()
            .order_by()
            .annotate(
                waited=waited,
                position=Window(RowNumber(), order_by=[waited.asc(), F("pk").asc()]),
                total=Window(Count("pk")),
            )
        )
        middle = ranked.filter(
            position__gte=(F("total") + 1) / 2, position__lte=F("total") / 2 + 1
        ).values_list("waited", flat=True)
        durations = list(middle)
        if not durations:
            return None
        return round(mean(d.total_seconds() for d in durations) / 86400, 1)

    @cached_property
    def stages(self) -> list[Stage]:
        return list(Stage.objects.all())

    @cached_property
    def agencies(self) -> dict[int, Agency]:
        return {agency.pk: agency for agency in Agency.objects.all()}

    def funnel(self) -> list[StageCount]:
        """For each stage, the businesses that reached it in the year through the agencies in
        view (stages are parallel: a business may reach several). One query."""
        reached = self._reach().order_by().values("stage")
        if self.agency_ids is None or len(self.agency_ids) == 1:
            reached = reached.annotate(businesses=Count("*"))
        else:
            reached = reached.annotate(businesses=Count("business", distinct=True))
        counts = dict(reached.values_list("stage", "businesses"))
        return [StageCount(stage, counts.get(stage.pk, 0)) for stage in self.stages]

    # The matrix and overlaps: every agency's work for the businesses in view ----------------

    def matrix(self) -> SqlRows[MatrixRow]:
        """The business × agency matrix: the businesses the agencies in view helped in the year,
        those helped by the most agencies first, each with every agency's count of services and
        participations. One query to count, one per page of rows, one for their cells."""
        return SqlRows(self._supported_ids().distinct().count, self._matrix_rows)

    def _matrix_rows(self, limit: int, offset: int) -> list[MatrixRow]:
        columns = ["business", "business__name", "business__slug"]
        if self.agency_ids is not None and len(self.agency_ids) == 1:
            # One agency's rows, in order from one index (agency_tally_rank).
            rows: QuerySet[Any] = self._agency_tallies().order_by(
                "-business_agencies", "-business_records", "business"
            )
            columns += ["business_agencies", "business_records"]
        else:
            rows = self._in_region(BusinessTally.objects.filter(year=self.year), "region")
            if self.agency_ids is not None:
                rows = rows.filter(business__in=self._agency_tallies().values("business"))
            rows = rows.order_by("-agencies", "-records", "business")
            columns += ["agencies", "records"]
        found = [MatrixRow(*row) for row in rows.values_list(*columns)[offset : offset + limit]]
        by_id = {row.business_id: row for row in found}
        if by_id:
            cells = AgencyTally.objects.filter(year=self.year, business__in=by_id)
            for business_id, agency_id, records in cells.values_list(
                "business", "agency", "records"
            ):
                by_id[business_id].cells[agency_id] = records
        return found

    def overlaps(self) -> SqlRows[Overlap]:
        """The same stage and kind given to one business by two or more agencies in the year,
        in two or more records (one activity its agencies organised together is joint work, not
        an overlap), where one of them is in view; most agencies first."""
        groups = self._overlap_groups()
        return SqlRows(
            groups.count, lambda limit, offset: self._overlap_rows(groups, limit, offset)
        )

    def _overlap_groups(self) -> Any:  # a QuerySet of dicts
        tallies = self._in_region(OverlapTally.objects.filter(year=self.year), "region")
        groups = tallies.order_by().values("business", "stage", "kind")
        groups = groups.annotate(agencies=Count("agency"))
        if self.agency_ids is not None:
            in_view = Count("agency", filter=Q(agency__in=self.agency_ids))
            groups = groups.annotate(in_view=in_view).filter(in_view__gt=0)
        return groups

    def _overlap_rows(self, groups: Any, limit: int, offset: int) -> list[Overlap]:
        stages = {stage.pk: stage for stage in self.stages}
        page = groups.values("business", "business__name", "business__slug", "stage", "kind")
        page = page.order_by("-agencies", "business", "stage", "kind")[offset : offset + limit]
        found = [
            Overlap(
                row["business"],
                row["business__name"],
                row["business__slug"],
                stages[row["stage"]],
                row["kind"],
            )
            for row in page
        ]
        if found:
            helped: dict[tuple[int, int, str], list[Agency]] = {}
            tallies = OverlapTally.objects.filter(
                year=self.year, business__in={overlap.business_id for overlap in found}
            )
            for business_id, stage_id, kind, agency_id in tallies.values_list(
                "business", "stage", "kind", "agency"
            ):
                helped.setdefault((business_id, stage_id, kind), []).append(
                    self.agencies[agency_id]
                )
            for overlap in found:
                agencies = helped.get((overlap.business_id, overlap.stage.pk, overlap.kind), [])
                overlap.agencies = sorted(agencies, key=lambda agency: agency.name)
        return found
