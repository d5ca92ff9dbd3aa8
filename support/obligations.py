"""What counts towards an obligation, written once (docs/decisions: partnerships), for one
obligation and a period (`support.services.agreements.realisation`: the figure and the records
behind it) and for many obligations at once (`with_realised`, `behind`: the dashboard's
"obligations past due and below target", the public register's progress bars; one query for the
whole list).

The rules read the obligation's fields through a `Source`: concrete values for one obligation
(`fields_of`), or references to the row of an Obligation queryset (`OUTER`, each obligation over
its agreement's whole term):

- an activity obligation: activities under its agreement, not cancelled, of its kind, with its
  stage among theirs, starting (local date) within the period, organised or co-organised by the
  party when it is an agency, co-organised by it when it is a partner. Unit `kegiatan` counts
  those activities, `peserta` their participations that took part, `umkm` the distinct
  businesses of those participations;
- a service obligation: standing services under its agreement of its kind and stage, provided
  within the period, given by the party. Unit `layanan` counts them, `umkm` their distinct
  businesses.

Sub-selects, not joins, so that an activity with several co-organisers or stages counts once."""

import datetime
from collections.abc import Callable
from typing import Any

from django.db.models import (
    Case,
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)

from support.models import Activity, Agreement, Obligation, Participation, Service

Unit = Obligation.Unit


class _Count(Func):
    """COUNT(x) as a plain function: a scalar sub-select with no GROUP BY."""

    function = "COUNT"
    output_field = IntegerField()


class _CountDistinct(Func):
    template = "COUNT(DISTINCT %(expressions)s)"
    output_field = IntegerField()


#: An obligation's field (`agreement`, `activity_kind`, `service_kind`, `stage`,
#: `party__agency`, `party__partner`, and the period's `start` and `end`), as seen from a
#: sub-select `depth` levels below the obligation's row.
Source = Callable[[str, int], Any]


def OUTER(path: str, depth: int) -> OuterRef:
    """The row of an Obligation queryset, over its agreement's whole term."""
    period = {"start": "agreement__valid_from", "end": "agreement__valid_until"}
    reference = OuterRef(period.get(path, path))
    for _level in range(depth - 1):
        reference = OuterRef(reference)
    return reference


def fields_of(obligation: Obligation, start: datetime.date, end: datetime.date) -> Source:
    """One obligation's values, for the period `start`–`end`. A party's missing agency or
    partner is SQL NULL, which equals nothing (a literal None would filter IS NULL)."""
    party = obligation.party
    values = {
        "agreement": obligation.agreement_id,
        "activity_kind": obligation.activity_kind,
        "service_kind": obligation.service_kind,
        "stage": obligation.stage_id,
        "party__agency": party.agency_id,
        "party__partner": party.partner_id,
        "start": start,
        "end": end,
    }

    def value(path: str, depth: int) -> Any:
        found = values[path]
        return Value(None, output_field=IntegerField()) if found is None else found

    return value


def _activity_matches(of: Source, prefix: str = "") -> list[Q | Exists]:
    """The conditions on an activity (`prefix` "" from Activity, "activity__" from Participation)
    for it to count towards the obligation."""
    own = "pk" if not prefix else "activity"
    stages = Activity.stages.through.objects.filter(activity=OuterRef(own), stage=of("stage", 2))
    co_organised = Activity.co_organisers.through.objects.filter(
        activity=OuterRef(own), agency=of("party__agency", 2)
    )
    with_partner = Activity.partners.through.objects.filter(
        activity=OuterRef(own), partner=of("party__partner", 2)
    )
    return [
        Q(**{
            f"{prefix}cancelled_at__isnull": True,
            f"{prefix}agreement": of("agreement", 1),
            f"{prefix}kind": of("activity_kind", 1),
            f"{prefix}starts_at__date__gte": of("start", 1),
            f"{prefix}starts_at__date__lte": of("end", 1),
        }),
        Exists(stages),
        Q(**{f"{prefix}organiser": of("party__agency", 1)})
        | Exists(co_organised)
        | Exists(with_partner),
    ]  # fmt: skip


def counted_activities(of: Source) -> QuerySet[Activity]:
    return Activity.objects.filter(*_activity_matches(of))


def counted_participations(of: Source) -> QuerySet[Participation]:
    """Participations that took part in the counted activities."""
    return Participation.objects.filter(
        *_activity_matches(of, "activity__"), status__in=Participation.TOOK_PART
    )


def counted_services(of: Source) -> QuerySet[Service]:
    return Service.objects.standing().filter(
        Q(agency=of("party__agency", 1)) | Q(partner=of("party__partner", 1)),
        agreement=of("agreement", 1),
        kind=of("service_kind", 1),
        stage=of("stage", 1),
        provided_on__gte=of("start", 1),
        provided_on__lte=of("end", 1),
    )


def _scalar(queryset: QuerySet[Any], counted: Func) -> Subquery:
    counts = queryset.order_by().annotate(n=counted).values("n")
    return Subquery(counts, output_field=IntegerField())


def realised(of: Source = OUTER) -> Case:
    """The expression of an obligation's figure (module docstring), on an Obligation queryset."""
    activities, took_part, services = (
        counted_activities(of),
        counted_participations(of),
        counted_services(of),
    )
    return Case(
        When(activity_kind="", unit=Unit.LAYANAN, then=_scalar(services, _Count(F("pk")))),
        When(activity_kind="", then=_scalar(services, _CountDistinct(F("business")))),
        When(unit=Unit.KEGIATAN, then=_scalar(activities, _Count(F("pk")))),
        When(unit=Unit.PESERTA, then=_scalar(took_part, _Count(F("pk")))),
        default=_scalar(took_part, _CountDistinct(F("business"))),
        output_field=IntegerField(),
    )


def records_of(obligation: Obligation, of: Source) -> QuerySet[Any]:
    """The records behind one obligation's figure, in the order a reader checks them."""
    if not obligation.activity_kind:
        return counted_services(of).order_by("provided_on", "pk")
    if obligation.unit == Unit.KEGIATAN:
        return counted_activities(of).order_by("starts_at", "pk")
    return counted_participations(of).order_by("activity__starts_at", "pk")


def with_realised(obligations: QuerySet[Obligation]) -> QuerySet[Obligation]:
    """`obligations`, each annotated with `realised` (its figure over the agreement's term)."""
    return obligations.annotate(realised=realised())


def is_behind(obligation: Obligation, realised: int, on: datetime.date) -> bool:
    """`behind` for one obligation whose figure is known: a signed agreement's obligation past
    its due date on `on` and below its target."""
    signed = obligation.agreement.status == Agreement.Status.SIGNED
    return signed and obligation.due_on < on and realised < obligation.target


def behind(obligations: QuerySet[Obligation], on: datetime.date) -> QuerySet[Obligation]:
    """Obligations of signed agreements past their due date on `on` and below their target.

    A draft promises nothing yet and a terminated agreement's obligations ended with it; an
    expired agreement's unmet obligations stay (what was promised and not done)."""
    due = obligations.filter(agreement__status=Agreement.Status.SIGNED, due_on__lt=on)
    return due.annotate(realised=realised()).filter(realised__lt=F("target"))


def percent(realised: int, target: int) -> int:
    """Realised over target in whole percent, capped at 100 (as `Realisation.percent`)."""
    return min(100, realised * 100 // target) if target else 0
