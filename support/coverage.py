"""A business's stage coverage (computed, never stored) and the evidence a flagship reviewer
reads beside a nomination.

Per stage: `reached` when there is a completed or attended participation in a running activity of
that stage, a service done (not voided), or a verified milestone in it; `in_progress` when there
is only open work (a registration, a service in progress, an unverified milestone, an open
referral); otherwise `none`. Four queries for any number of businesses, unordered: the models'
default orderings would add their columns to each DISTINCT (defeating it) and sort rows that
nobody reads in order.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, cast

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalog.models import Business
from support.models import Milestone, Participation, Referral, Service, Stage


class Coverage(models.TextChoices):
    REACHED = "reached", _("Reached")
    IN_PROGRESS = "in_progress", _("In progress")
    NONE = "none", _("Not yet")


@dataclass(frozen=True)
class StageState:
    stage: Stage
    state: str

    @property
    def label(self) -> str:
        return str(Coverage(self.state).label)


def coverage_of(business_ids: Iterable[int]) -> dict[int, dict[str, str]]:
    """{business id: {stage code: state}} for the given businesses; stages absent are `none`."""
    ids = list(business_ids)
    found: dict[int, dict[str, str]] = defaultdict(dict)

    def mark(business_id: int, code: str | None, state: str) -> None:
        if code and found[business_id].get(code) != Coverage.REACHED:
            found[business_id][code] = state

    participations = (
        Participation.objects.filter(business__in=ids, activity__cancelled_at__isnull=True)
        .order_by()
        .values_list("business", "activity__stages__code", "status")
        .distinct()
    )
    for business_id, code, status in participations:
        if status in Participation.TOOK_PART:
            mark(business_id, code, Coverage.REACHED)
        elif status == Participation.Status.REGISTERED:
            mark(business_id, code, Coverage.IN_PROGRESS)
    services = (
        Service.objects.standing()
        .filter(business__in=ids)
        .order_by()
        .values_list("business", "stage__code", "outcome")
        .distinct()
    )
    for business_id, code, outcome in services:
        if outcome == Service.Outcome.DONE:
            mark(business_id, code, Coverage.REACHED)
        elif outcome == Service.Outcome.IN_PROGRESS:
            mark(business_id, code, Coverage.IN_PROGRESS)
    milestones = (
        Milestone.objects.filter(business__in=ids, stage__isnull=False)
        .order_by()
        .values_list("business", "stage__code", "verified_at")
    )
    for business_id, code, verified_at in milestones:
        mark(business_id, code, Coverage.REACHED if verified_at else Coverage.IN_PROGRESS)
    referrals = (
        Referral.objects.open()
        .filter(business__in=ids)
        .order_by()
        .values_list("business", "stage__code")
    )
    for business_id, code in referrals.distinct():
        mark(business_id, code, Coverage.IN_PROGRESS)
    return {business_id: dict(found.get(business_id, {})) for business_id in ids}


def stage_coverage(business: Business, stages: list[Stage] | None = None) -> list[StageState]:
    """The seven-stage strip of one business, in the stages' order."""
    states = coverage_of([business.pk])[business.pk]
    stages = stages if stages is not None else list(Stage.objects.all())
    return [StageState(stage, states.get(stage.code, Coverage.NONE)) for stage in stages]


def latest_support(business: Business, limit: int = 5) -> list[dict[str, Any]]:
    """The newest help the business received: services (not voided) and activities taken part
    in, newest first."""
    services = (
        Service.objects.standing()
        .filter(business=business)
        .select_related("agency", "partner", "stage")
        .order_by("-provided_on", "-pk")[:limit]
    )
    participations = (
        Participation.objects.filter(business=business, activity__cancelled_at__isnull=True)
        .select_related("activity__organiser")
        .order_by("-activity__starts_at", "-pk")[:limit]
    )
    items = [
        {
            "date": service.provided_on,
            "kind": "service",
            "title": service.get_kind_display(),
            "agency": service.provider_name,
            "stage": service.stage.code,
            "status": service.get_outcome_display(),
        }
        for service in services
    ] + [
        {
            "date": timezone.localdate(participation.activity.starts_at),
            "kind": "activity",
            "title": participation.activity.title,
            "agency": participation.activity.organiser.short_name
            or participation.activity.organiser.name,
            "stage": None,
            "status": participation.get_status_display(),
        }
        for participation in participations
    ]
    items.sort(key=lambda item: cast(datetime.date, item["date"]), reverse=True)
    return items[:limit]


def evidence_for(business: Business) -> dict[str, Any]:
    """What a flagship reviewer reads beside a nomination (registered with `catalog.evidence`)."""
    return {
        "coverage": [
            {"stage": state.stage.code, "name": state.stage.display_name, "state": state.state}
            for state in stage_coverage(business)
        ],
        "latest_support": [
            {**item, "date": item["date"].isoformat(), "status": str(item["status"])}
            for item in latest_support(business)
        ],
    }
