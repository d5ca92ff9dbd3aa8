"""What the public sees of the development record beyond the calendar: a business's trail (only
with its consent, `Business.show_support`) and an agency's figures for the year.

The trail says which stages a business reached, which agencies helped and, month by month, what
kind of help it was. It never shows notes, summaries, results, amounts, benefits, hours, mentors'
names, certificate numbers or referrals: those stay in the shared record for staff. Both read a
fixed number of queries whatever the length of the record (the latest entries only)."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from agencies.models import Agency
from catalog.models import Business
from catalog.search import capped_counts
from support.coverage import Coverage, coverage_of
from support.models import Activity, Milestone, Participation, Service, Stage

#: How many entries of the trail a business page shows (the newest).
TRAIL_LENGTH = 12


@dataclass(frozen=True)
class TrailEntry:
    """One piece of help, as the public may see it."""

    on: datetime.date  # the public sees its month only
    kind: str
    agencies: list[str]
    stages: list[str] = field(default_factory=list)
    #: A public activity's title and page; empty for everything else.
    title: str = ""
    url: str = ""


@dataclass(frozen=True)
class PublicTrail:
    #: Every stage, in order; `reached` holds the codes of those the business reached.
    stages: list[Stage]
    reached: set[str]
    agencies: list[Agency]
    entries: list[TrailEntry]


def public_trail(business: Business, length: int = TRAIL_LENGTH) -> PublicTrail | None:
    """The business's public trail, or None without its consent (then nothing is read)."""
    if not business.show_support:
        return None
    states = coverage_of([business.pk])[business.pk]
    # Only what was reached: work in progress (an open referral, a registration) is not public.
    reached = {code for code, state in states.items() if state == Coverage.REACHED}
    entries = [
        *_activity_entries(business, length),
        *_service_entries(business, length),
        *_milestone_entries(business, length),
    ]
    entries.sort(key=lambda entry: entry.on, reverse=True)
    return PublicTrail(
        stages=list(Stage.objects.active()),
        reached=reached,
        agencies=list(helping_agencies(business)),
        entries=entries[:length],
    )


def _took_part(business: Business) -> QuerySet[Participation]:
    """Activities the business took part in (attended or completed) that were not cancelled."""
    return Participation.objects.filter(
        business=business,
        status__in=Participation.TOOK_PART,
        activity__cancelled_at__isnull=True,
    )


def _verified_milestones(business: Business) -> QuerySet[Milestone]:
    return Milestone.objects.verified().filter(business=business)


def helping_agencies(business: Business) -> QuerySet[Agency]:
    """Every agency that helped: gave a service (not voided), organised or co-organised an
    activity the business took part in, or is credited with a verified milestone. One query."""
    activities = _took_part(business).values("activity_id")
    co_organised = Activity.co_organisers.through.objects.filter(activity_id__in=activities)
    credited = Milestone.credited_agencies.through.objects.filter(
        milestone__in=_verified_milestones(business)
    )
    return Agency.objects.filter(
        Q(
            pk__in=Service.objects.standing()
            .filter(business=business, agency__isnull=False)
            .values("agency_id")
        )
        | Q(pk__in=Activity.objects.filter(pk__in=activities).values("organiser_id"))
        | Q(pk__in=co_organised.values("agency_id"))
        | Q(pk__in=credited.values("agency_id"))
    ).order_by("name")


def _name(agency: Agency) -> str:
    return agency.short_name or agency.name


def _activity_entries(business: Business, length: int) -> list[TrailEntry]:
    participations = (
        _took_part(business)
        .select_related("activity__organiser")
        .prefetch_related(
            Prefetch("activity__co_organisers", queryset=Agency.objects.order_by("name")),
            "activity__stages",
        )
        .order_by("-activity__starts_at", "-pk")[:length]
    )
    entries = []
    for participation in participations:
        activity = participation.activity
        entries.append(
            TrailEntry(
                on=timezone.localtime(activity.starts_at).date(),
                kind=activity.get_kind_display(),
                agencies=[_name(activity.organiser)]
                + [_name(agency) for agency in activity.co_organisers.all()],
                stages=[stage.display_name for stage in activity.stages.all()],
                title=activity.title if activity.is_public else "",
                url=activity.get_absolute_url() if activity.is_public else "",
            )
        )
    return entries


def _service_entries(business: Business, length: int) -> list[TrailEntry]:
    services = (
        Service.objects.standing()
        .filter(business=business)
        .select_related("agency", "partner", "stage")
        .order_by("-provided_on", "-pk")[:length]
    )
    return [
        TrailEntry(
            on=service.provided_on,
            kind=service.get_kind_display(),
            agencies=[service.provider_name],
            stages=[service.stage.display_name],
        )
        for service in services
    ]


def _milestone_entries(business: Business, length: int) -> list[TrailEntry]:
    milestones = (
        _verified_milestones(business)
        .select_related("stage")
        .prefetch_related(Prefetch("credited_agencies", queryset=Agency.objects.order_by("name")))
        .order_by("-achieved_on", "-pk")[:length]
    )
    return [
        TrailEntry(
            on=milestone.achieved_on,
            kind=milestone.get_kind_display(),
            agencies=[_name(agency) for agency in milestone.credited_agencies.all()],
            stages=[milestone.stage.display_name] if milestone.stage else [],
        )
        for milestone in milestones
    ]


def agency_figures(agency: Agency, year: int) -> dict[str, int]:
    """An agency's work in `year`, counted up to the count cap, in one query: activities it
    organised or co-organised (not cancelled), businesses it supported (a service or a
    participation in one of those activities), services it gave (not voided), and participants
    (participations attended or completed)."""
    co_organised = Activity.co_organisers.through.objects.filter(agency=agency)
    activities = (
        Activity.objects.running()
        .in_year(year)
        .filter(Q(organiser=agency) | Q(pk__in=co_organised.values("activity_id")))
    )
    services = Service.objects.standing().in_year(year).filter(agency=agency)
    participants = Participation.objects.filter(
        activity__in=activities, status__in=Participation.TOOK_PART
    )
    businesses = Business.objects.filter(
        Q(pk__in=services.values("business_id")) | Q(pk__in=participants.values("business_id"))
    )
    return capped_counts(
        {
            "activities": activities,
            "businesses": businesses,
            "services": services,
            "participants": participants,
        }
    )
