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
services and activities (the funnel, the matrix, overlaps) is a UNION ALL of querysets the ORM
writes, grouped in plain SQL that runs on SQLite and PostgreSQL alike (`_union`).
"""

import datetime
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from statistics import mean
from typing import Any, Generic, TypeVar

from django.core.exceptions import EmptyResultSet, PermissionDenied
from django.db import connection
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
    Value,
    Window,
)
from django.db.models.functions import RowNumber
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency, AgencyQuerySet, Membership
from catalog.models import Business, Certificate, Designation, Nomination, Product, Region
from catalog.models.base import today
from catalog.models.business import BusinessQuerySet
from support import rules
from support.models import Activity, Milestone, Participation, Referral, Service, Stage

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
#: The gaps, by key. `obligations_behind` waits for agreements (the partnerships part).
GAPS: dict[str, Promise] = {
    "idle_businesses": _("Published, no support in 12 months"),
    "uncertified_candidates": _("Flagships and nominees without P-IRT, halal or BPOM"),
    "expiring_certificates": _("Certificates expiring within 90 days"),
    "overdue_referrals": _("Overdue referrals"),
    "obligations_behind": _("Obligations past due and below target"),
}
#: Gaps that cannot be counted yet: agreements come with the partnerships part.
NOT_YET_COUNTED = frozenset({"obligations_behind"})

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


class Dashboard:
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
        }
        return lists[key]()

    def summary(
        self, *, matrix_rows: int = MATRIX_ROWS, overlap_rows: int = OVERLAP_ROWS
    ) -> Summary:
        """Every number of the dashboard, in a constant number of queries (about twenty)."""
        matrix, supported = self._matrix_page(matrix_rows, 0)
        figures = [
            Figure(key, label, supported if key == "businesses" else self.listing(key).count())
            for key, label in HEADLINE.items()
        ]
        shown = {agency_id for row in matrix for agency_id in row.cells}
        overlaps, overlap_count = self._overlap_page(overlap_rows, 0)
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
            gaps=[
                Figure(key, label, None if key in NOT_YET_COUNTED else self.listing(key).count())
                for key, label in GAPS.items()
            ],
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

    def _supported_ids(self) -> QuerySet[Any]:
        """The ids of the businesses given a service or taking part in an activity in the year,
        as one UNION (read from the support tables' indexes, never the whole business table)."""
        return _ids(self.services()).union(_ids(self.participants()))

    def supported_businesses(self) -> BusinessQuerySet:
        """Businesses given a service or taking part in an activity in the year."""
        return Business.objects.filter(pk__in=self._supported_ids())

    def businesses_reaching(self, stage: Stage) -> BusinessQuerySet:
        """Businesses that reached `stage` in the year: a service done, an activity of that stage
        taken part in, a verified milestone in it (docs: support.coverage)."""
        reached = _ids(self._done().filter(stage=stage)).union(
            _ids(self.participants().filter(activity__stages=stage)),
            _ids(self._milestones_with_stage().filter(stage=stage)),
        )
        return Business.objects.filter(pk__in=reached)

    def _done(self) -> QuerySet[Service]:
        return self.services().filter(outcome=Service.Outcome.DONE)

    def _milestones_with_stage(self) -> QuerySet[Milestone]:
        return self.milestones_verified().filter(stage__isnull=False)

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
        no activity taken part in."""
        since = self.today - IDLE_AFTER
        listed = Product.objects.filter(listed=True, business=OuterRef("pk"))
        recent_service = Service.objects.standing().filter(
            business=OuterRef("pk"), provided_on__gt=since, provided_on__lte=self.today
        )
        recent_activity = Participation.objects.filter(
            business=OuterRef("pk"),
            status__in=Participation.TOOK_PART,
            activity__cancelled_at__isnull=True,
            activity__starts_at__gte=_start_of(since + datetime.timedelta(days=1)),
            activity__starts_at__lt=_start_of(self.today + datetime.timedelta(days=1)),
        )
        return (
            self._businesses_in_view()
            .filter(Exists(listed))
            .exclude(Exists(recent_service))
            .exclude(Exists(recent_activity))
        )

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

    def obligations_behind(self) -> None:
        """Obligations of agreements past due and below target (DESIGN §8, the fifth gap).
        Agreements and their obligations come with the partnerships part: until then there is
        nothing to count, and the dashboard says so."""
        return None

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
        view (stages are parallel: a business may reach several)."""
        reached = _union(
            [
                self._done().values(w_business=F("business"), w_stage=F("stage")),
                self.participants().values(w_business=F("business"), w_stage=F("activity__stages")),
                self._milestones_with_stage().values(w_business=F("business"), w_stage=F("stage")),
            ]
        )
        counts: dict[int, int] = {}
        if reached is not None:
            sql, params = reached
            counts = dict(
                _fetch(
                    "SELECT w_stage, COUNT(*) FROM ("
                    f"SELECT DISTINCT w_stage, w_business FROM ({sql}) reached"
                    ") pairs GROUP BY w_stage",
                    params,
                )
            )
        return [StageCount(stage, counts.get(stage.pk, 0)) for stage in self.stages]

    # The matrix and overlaps: every agency's work for the businesses in view ----------------

    def _work(self, *, with_stage: bool) -> tuple[str, list[Any]] | None:
        """Who helped whom in the year, every agency: one row per service, and per participation
        and organising or co-organising agency (and stage, `with_stage`)."""
        # A partner's service is no agency's work: it has no column in the matrix.
        services = self._in_region(
            Service.objects.standing().in_year(self.year).filter(agency__isnull=False),
            "business__region",
        )
        participations = self._in_region(
            Participation.objects.filter(
                status__in=Participation.TOOK_PART,
                activity__cancelled_at__isnull=True,
                activity__starts_at__year=self.year,
            ),
            "business__region",
        )
        service: dict[str, Any] = {"w_business": F("business"), "w_agency": F("agency")}
        organiser: dict[str, Any] = {
            "w_business": F("business"),
            "w_agency": F("activity__organiser"),
        }
        co_organiser: dict[str, Any] = {
            "w_business": F("business"),
            "w_agency": F("activity__co_organisers"),
        }
        if with_stage:
            # Which record: a service by its id, an activity by its id made negative, so that
            # one activity co-organised by two agencies (working together) is no overlap alone.
            service |= {"w_stage": F("stage"), "w_kind": F("kind"), "w_record": F("pk")}
            for columns in (organiser, co_organiser):
                columns |= {
                    "w_stage": F("activity__stages"),
                    "w_kind": F("activity__kind"),
                    "w_record": Value(0) - F("activity"),
                }
        return _union(
            [
                services.values(**service),
                participations.values(**organiser),
                participations.filter(activity__co_organisers__isnull=False).values(**co_organiser),
            ]
        )

    def matrix(self) -> SqlRows[MatrixRow]:
        """The business × agency matrix: the businesses the agencies in view helped in the year,
        those helped by the most agencies first, each with every agency's count of services and
        participations. One query per page of rows (which also counts them all), one for their
        cells."""
        return SqlRows(
            lambda: self._matrix_page(1, 0, cells=False)[1],
            lambda limit, offset: self._matrix_page(limit, offset)[0],
        )

    def _matrix_page(
        self, limit: int, offset: int, *, cells: bool = True
    ) -> tuple[list[MatrixRow], int]:
        """A page of the matrix's rows and how many rows there are in all (the businesses
        supported), in one query; the cells of the page in another."""
        work = self._work(with_stage=False)
        if work is None:
            return [], 0
        sql, params = work
        where, where_params = self._supported_condition()
        found = _fetch(
            "SELECT m.w_business, b.name, b.slug, m.agencies, m.records, m.total FROM ("
            "SELECT w_business, COUNT(DISTINCT w_agency) AS agencies, COUNT(*) AS records, "
            f"COUNT(*) OVER () AS total FROM ({sql}) helped {where} GROUP BY w_business "
            "ORDER BY agencies DESC, records DESC, w_business LIMIT %s OFFSET %s"
            ") m JOIN catalog_business b ON b.id = m.w_business "
            "ORDER BY m.agencies DESC, m.records DESC, m.w_business",
            [*params, *where_params, max(limit, 1), offset],
        )
        total = found[0][-1] if found else 0
        rows = [MatrixRow(*row[:-1]) for row in found[:limit]]
        if rows and cells:
            by_id = {row.business_id: row for row in rows}
            marks = _marks(by_id)
            for business_id, agency_id, records in _fetch(
                f"SELECT w_business, w_agency, COUNT(*) FROM ({sql}) helped "
                f"WHERE w_business IN ({marks}) GROUP BY w_business, w_agency",
                [*params, *by_id],
            ):
                by_id[business_id].cells[agency_id] = records
        return rows, total

    def _supported_condition(self) -> tuple[str, list[Any]]:
        """`WHERE` the business is one the agencies in view helped (nothing when every agency is
        in view: then every business in the work is)."""
        if self.agency_ids is None:
            return "", []
        try:
            sql, params = self._supported_ids().query.sql_with_params()
        except EmptyResultSet:
            return "WHERE 1 = 0", []
        return f"WHERE w_business IN ({sql})", list(params)

    def overlaps(self) -> SqlRows[Overlap]:
        """The same stage and kind given to one business by two or more agencies in the year,
        in two or more records (one activity its agencies organised together is joint work, not
        an overlap), where one of them is in view; most agencies first."""
        return SqlRows(
            lambda: self._overlap_page(1, 0, details=False)[1],
            lambda limit, offset: self._overlap_page(limit, offset)[0],
        )

    def _overlap_groups(self) -> tuple[str, list[Any]] | None:
        work = self._work(with_stage=True)
        if work is None:
            return None
        sql, params = work
        having, having_params = "", []
        if self.agency_ids is not None:
            having = (
                f" AND SUM(CASE WHEN w_agency IN ({_marks(self.agency_ids)}) THEN 1 ELSE 0 END) > 0"
            )
            having_params = list(self.agency_ids)
        return (
            "SELECT w_business, w_stage, w_kind, COUNT(DISTINCT w_agency) AS agencies "
            f"FROM ({sql}) helped GROUP BY w_business, w_stage, w_kind "
            f"HAVING COUNT(DISTINCT w_agency) >= 2 AND COUNT(DISTINCT w_record) >= 2{having}",
            [*params, *having_params],
        )

    def _overlap_page(
        self, limit: int, offset: int, *, details: bool = True
    ) -> tuple[list[Overlap], int]:
        groups, work = self._overlap_groups(), self._work(with_stage=True)
        if groups is None or work is None:
            return [], 0
        sql, params = groups
        stages = {stage.pk: stage for stage in self.stages}
        rows = _fetch(
            "SELECT o.w_business, b.name, b.slug, o.w_stage, o.w_kind, o.total FROM ("
            f"SELECT g.*, COUNT(*) OVER () AS total FROM ({sql}) g "
            "ORDER BY g.agencies DESC, g.w_business, g.w_stage, g.w_kind LIMIT %s OFFSET %s"
            ") o JOIN catalog_business b ON b.id = o.w_business "
            "ORDER BY o.agencies DESC, o.w_business, o.w_stage, o.w_kind",
            [*params, max(limit, 1), offset],
        )
        total = rows[0][-1] if rows else 0
        found = [
            Overlap(business_id, name, slug, stages[stage_id], kind)
            for business_id, name, slug, stage_id, kind, _total in rows[:limit]
        ]
        if found and details:
            work_sql, work_params = work
            businesses = {overlap.business_id for overlap in found}
            helped: dict[tuple[int, int, str], list[Agency]] = {}
            for business_id, stage_id, kind, agency_id in _fetch(
                f"SELECT DISTINCT w_business, w_stage, w_kind, w_agency FROM ({work_sql}) helped "
                f"WHERE w_business IN ({_marks(businesses)})",
                [*work_params, *businesses],
            ):
                helped.setdefault((business_id, stage_id, kind), []).append(
                    self.agencies[agency_id]
                )
            for overlap in found:
                agencies = helped.get((overlap.business_id, overlap.stage.pk, overlap.kind), [])
                overlap.agencies = sorted(agencies, key=lambda agency: agency.name)
        return found, total


# SQL of the ORM, grouped -------------------------------------------------------------------


def _union(querysets: Sequence[QuerySet[Any, Any]]) -> tuple[str, list[Any]] | None:
    """One UNION ALL of the querysets' SQL (their columns in the same order), leaving out those
    that can match nothing; None when none can."""
    parts: list[str] = []
    params: list[Any] = []
    for queryset in querysets:
        try:
            sql, part_params = queryset.order_by().query.sql_with_params()
        except EmptyResultSet:
            continue
        parts.append(sql)
        params.extend(part_params)
    if not parts:
        return None
    return " UNION ALL ".join(parts), params


def _ids(queryset: QuerySet[Any]) -> QuerySet[Any]:
    """The businesses of `queryset` as a part of a UNION: their ids, in no order."""
    return queryset.order_by().values("business")


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _marks(values: Iterable[Any]) -> str:
    return ", ".join("%s" for _value in values)


def _fetch(sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()
