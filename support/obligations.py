"""Obligations' realisation for many obligations at once, in SQL: the twin of
`support.services.agreements.realisation` for lists (the dashboard's "obligations past due and
below target", the public register's progress bars).

`realisation()` counts one obligation's records in one query; a list of fifty obligations would
cost fifty. Here each obligation of a queryset is annotated with `realised`, its figure over the
agreement's whole term (what `realisation()` counts without a period), by correlated sub-selects
that follow the same rules word for word (docs/decisions: partnerships):

- an activity obligation: activities under its agreement, not cancelled, of its kind, with its
  stage among theirs, starting (local date) within the term, organised or co-organised by the
  party when it is an agency, co-organised by it when it is a partner. Unit `kegiatan` counts
  those activities, `peserta` their participations that took part, `umkm` the distinct
  businesses of those participations;
- a service obligation: standing services under its agreement of its kind and stage, provided
  within the term, given by the party. Unit `layanan` counts them, `umkm` their distinct
  businesses.

The whole list is one query, whatever the number of obligations. Sub-selects, not joins, so that
an activity with several co-organisers or stages counts once (as in `realisation()`).
`tests/support/test_dashboard_partnerships.py` checks the two agree on hand-counted records."""

import datetime
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


def _scalar(queryset: QuerySet[Any], counted: Func) -> Subquery:
    counts = queryset.order_by().annotate(n=counted).values("n")
    return Subquery(counts, output_field=IntegerField())


def _outer(path: str, depth: int) -> OuterRef:
    """A reference to the obligation's `path`, from a sub-select `depth` levels below it."""
    reference = OuterRef(path)
    for _level in range(depth - 1):
        reference = OuterRef(reference)
    return reference


def _activity_matches(prefix: str) -> list[Q | Exists]:
    """The conditions on an activity (`prefix` "" from Activity, "activity__" from Participation)
    for it to count towards the obligation one level up."""
    own = "pk" if not prefix else "activity"
    stages = Activity.stages.through.objects.filter(
        activity=OuterRef(own), stage=_outer("stage", 2)
    )
    co_organised = Activity.co_organisers.through.objects.filter(
        activity=OuterRef(own), agency=_outer("party__agency", 2)
    )
    with_partner = Activity.partners.through.objects.filter(
        activity=OuterRef(own), partner=_outer("party__partner", 2)
    )
    return [
        Q(**{
            f"{prefix}cancelled_at__isnull": True,
            f"{prefix}agreement": OuterRef("agreement"),
            f"{prefix}kind": OuterRef("activity_kind"),
            f"{prefix}starts_at__date__gte": OuterRef("agreement__valid_from"),
            f"{prefix}starts_at__date__lte": OuterRef("agreement__valid_until"),
        }),
        Exists(stages),
        Q(**{f"{prefix}organiser": OuterRef("party__agency")})
        | Exists(co_organised)
        | Exists(with_partner),
    ]  # fmt: skip


def _services() -> QuerySet[Service]:
    return Service.objects.standing().filter(
        Q(agency=OuterRef("party__agency")) | Q(partner=OuterRef("party__partner")),
        agreement=OuterRef("agreement"),
        kind=OuterRef("service_kind"),
        stage=OuterRef("stage"),
        provided_on__gte=OuterRef("agreement__valid_from"),
        provided_on__lte=OuterRef("agreement__valid_until"),
    )


def realised() -> Case:
    """The expression of an obligation's figure over its agreement's term (module docstring)."""
    activities = Activity.objects.filter(*_activity_matches(""))
    took_part = Participation.objects.filter(
        *_activity_matches("activity__"), status__in=Participation.TOOK_PART
    )
    services = _services()
    return Case(
        When(activity_kind="", unit=Unit.LAYANAN, then=_scalar(services, _Count(F("pk")))),
        When(activity_kind="", then=_scalar(services, _CountDistinct(F("business")))),
        When(unit=Unit.KEGIATAN, then=_scalar(activities, _Count(F("pk")))),
        When(unit=Unit.PESERTA, then=_scalar(took_part, _Count(F("pk")))),
        default=_scalar(took_part, _CountDistinct(F("business"))),
        output_field=IntegerField(),
    )


def with_realised(obligations: QuerySet[Obligation]) -> QuerySet[Obligation]:
    """`obligations`, each annotated with `realised` (its figure over the agreement's term)."""
    return obligations.annotate(realised=realised())


def behind(obligations: QuerySet[Obligation], on: datetime.date) -> QuerySet[Obligation]:
    """Obligations of signed agreements past their due date on `on` and below their target.

    A draft promises nothing yet and a terminated agreement's obligations ended with it; an
    expired agreement's unmet obligations stay (what was promised and not done)."""
    due = obligations.filter(agreement__status=Agreement.Status.SIGNED, due_on__lt=on)
    return due.annotate(realised=realised()).filter(realised__lt=F("target"))


def percent(realised: int, target: int) -> int:
    """Realised over target in whole percent, capped at 100 (as `Realisation.percent`)."""
    return min(100, realised * 100 // target) if target else 0
