"""Seeding the development record's demo (story.py, data.py) on top of the catalog demo.

Every record is written through the support services (support/services/*) as the demo account of
the agency concerned would write it (the administrator for an agency without a demo account), so
the demo obeys the same rights and checks as the pages. The services stamp what they write with
the present moment and refuse a past state on purpose (a referral due in the past, a milestone in
the future); the demo's history is past, so after each service call the timestamps are moved to
the day the data gives with a plain `update()` — as catalog/demo/flagships.py backdates its
events. That update writes no history row.

Idempotent: each record is found by a natural key that does not depend on the day the seed runs
(an activity by organiser and title; a service by business, agency, kind and summary; a referral
by business, agencies and reason; a snapshot by business and figures; a milestone by business,
kind and evidence) and left alone when it exists, so a second run writes nothing."""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone

from agencies.models import Agency
from catalog.demo.seeding import AGENCY_CLERKS, AGENCY_MANAGERS
from catalog.models import Business, Certificate, Region
from catalog.services.businesses import update_business
from support.models import Activity, Milestone, Participation, Referral, Service, Snapshot, Stage
from support.services import activities, help, progress, referrals

from . import data, story
from .partnerships import seed_partnerships
from .specs import ActivitySpec, MilestoneSpec, ReferralSpec, ServiceSpec, SnapshotSpec

if TYPE_CHECKING:  # the model AUTH_USER_MODEL names, as the Django plugin resolves it
    from django.contrib.auth.models import User
else:
    User = get_user_model()

ADMIN = "admin"
P = Participation.Status
#: Activity kinds whose completers receive a numbered certificate of attendance.
CERTIFIED_KINDS = ("pelatihan", "bimtek")
#: Which timestamp each referral step stamps.
STEP_STAMPS = {
    "accept": "answered_at",
    "decline": "answered_at",
    "complete": "completed_at",
    "cancel": "cancelled_at",
}
#: The leading-sector reviewers who verify snapshots and milestones in the demo.
REVIEWERS = ("koperasi.reviewer", "disperindag.reviewer")


class MissingCatalogDemo(LookupError):
    """The catalog demo (accounts, businesses, products) is not there: run seed_demo."""


class Demo:
    """What every seeding step needs at hand: the day the seed runs, people, agencies,
    businesses and stages by their natural keys."""

    def __init__(self) -> None:
        self.now = timezone.now()
        self.today = timezone.localdate()
        usernames = {ADMIN, *AGENCY_CLERKS.values(), *AGENCY_MANAGERS.values(), *REVIEWERS}
        self.users = {user.username: user for user in User.objects.filter(username__in=usernames)}
        self.agencies = Agency.objects.in_bulk(field_name="slug")
        self.regions = Region.objects.in_bulk(field_name="slug")
        self.businesses = Business.objects.select_related("registering_agency").in_bulk(
            field_name="slug"
        )
        self.stages = Stage.objects.all().by_code()
        if ADMIN not in self.users or story.BUSINESS not in self.businesses:
            raise MissingCatalogDemo("The catalog demo is missing: run `manage.py seed_demo`.")

    def day(self, days: int, this_year: bool = False) -> datetime.date:
        """The day `days` from today; with `this_year`, never before 1 January of this year."""
        day = self.today + datetime.timedelta(days=days)
        if this_year:
            day = max(day, self.today.replace(month=1, day=1))
        return day

    def moment(self, day: datetime.date, hour: int) -> datetime.datetime:
        """That day at that hour, in the portal's time zone."""
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))

    def past(self, moment: datetime.datetime) -> datetime.datetime:
        """A moment of something that has happened: never later than now."""
        return min(moment, self.now)

    def user(self, username: str) -> "User":
        return self.users.get(username) or self.users[ADMIN]

    def editor(self, agency_slug: str) -> "User":
        """Who writes for an agency: its demo editor, else the administrator."""
        return self.user(AGENCY_CLERKS.get(agency_slug, ADMIN))

    def answerer(self, agency_slug: str) -> "User":
        """Who answers an agency's referrals: its manager, else its editor."""
        return self.user(AGENCY_MANAGERS.get(agency_slug) or AGENCY_CLERKS.get(agency_slug, ADMIN))

    def certificate(self, reference: tuple[str, str] | None) -> Certificate | None:
        if reference is None:
            return None
        product_slug, kind = reference
        return (
            Certificate.objects.filter(product__slug=product_slug, kind=kind)
            .order_by("-issued_on", "pk")
            .first()
        )


def seed_support(password: str | None = None) -> None:
    """The whole development-record demo: the red-ginger story first, then the rest, then the
    partnerships (`partnerships.py`; `password` is the demo accounts', for `okeoce.mentor`)."""
    demo = Demo()
    for activity in (*story.ACTIVITIES, *data.ACTIVITIES):
        seed_activity(demo, activity)
    for service in (*story.SERVICES, *data.SERVICES):
        seed_service(demo, service)
    for referral in (*story.REFERRALS, *data.REFERRALS):
        seed_referral(demo, referral)
    for snapshot in (*story.SNAPSHOTS, *data.SNAPSHOTS):
        seed_snapshot(demo, snapshot)
    for milestone in (*story.MILESTONES, *data.MILESTONES):
        seed_milestone(demo, milestone)
    seed_consents(demo, (*story.CONSENTS, *data.CONSENTS))
    seed_partnerships(demo, password or settings.DEMO_PASSWORD)


def seed_activity(demo: Demo, spec: ActivitySpec) -> Activity | None:
    organiser = demo.agencies[spec.organiser]
    if Activity.objects.filter(organiser=organiser, title=spec.title).exists():
        return None
    starts, ends = _activity_times(demo, spec)
    by = demo.editor(spec.organiser)
    activity = activities.create_activity(
        by=by,
        organiser=organiser,
        stages=[demo.stages[code] for code in spec.stages],
        co_organisers=[demo.agencies[slug] for slug in spec.co_organisers],
        kind=spec.kind,
        title=spec.title,
        description=spec.description,
        starts_at=starts,
        ends_at=ends,
        region=demo.regions[spec.region],
        place=spec.place,
        capacity=spec.capacity,
        funding=spec.funding,
        benefit=spec.benefit,
        is_public=spec.is_public,
        registration_info=spec.registration_info,
    )
    _add_participants(demo, activity, spec)
    stamps: dict[str, datetime.datetime] = {
        "created_at": demo.past(starts - datetime.timedelta(days=21))
    }
    if spec.cancelled:
        days, reason = spec.cancelled
        activities.cancel_activity(activity=activity, by=by, reason=reason)
        stamps["cancelled_at"] = demo.past(demo.moment(demo.day(days), 14))
    Activity.objects.filter(pk=activity.pk).update(**stamps)
    return activity


def _activity_times(demo: Demo, spec: ActivitySpec) -> tuple[datetime.datetime, datetime.datetime]:
    def times(first: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
        last = first + datetime.timedelta(days=spec.length)
        return demo.moment(first, spec.hours[0]), demo.moment(last, spec.hours[1])

    starts, ends = times(demo.day(spec.days))
    if spec.this_year:
        # Moved into this year only if it is still over by now (early January it is not).
        kept_starts, kept_ends = times(demo.day(spec.days, this_year=True))
        if kept_ends < demo.now or ends >= demo.now:
            starts, ends = kept_starts, kept_ends
    return starts, ends


def _fitting(status: str, activity: Activity, now: datetime.datetime) -> str:
    """A status that fits the activity's time: registered before it starts, no completion
    while it runs, no open registration after it ended."""
    if activity.starts_at > now:
        return P.REGISTERED
    if activity.ends_at > now:
        return P.ATTENDED if status == P.COMPLETED else status
    return P.ABSENT if status == P.REGISTERED else status


def _participant_manager(demo: Demo, spec: ActivitySpec) -> "User":
    """The organiser's editor, or a co-organiser's when the organiser has no demo account (the
    §8 right: co-organisers' editors manage participants)."""
    if spec.organiser in AGENCY_CLERKS:
        return demo.editor(spec.organiser)
    for slug in spec.co_organisers:
        if slug in AGENCY_CLERKS:
            return demo.editor(slug)
    return demo.user(ADMIN)


def _add_participants(demo: Demo, activity: Activity, spec: ActivitySpec) -> None:
    if not spec.participants:
        return
    by = _participant_manager(demo, spec)
    groups: dict[str, list[Business]] = defaultdict(list)
    notes = {}
    for taking in spec.participants:
        groups[_fitting(taking.status, activity, demo.now)].append(demo.businesses[taking.business])
        notes[taking.business] = taking.note
    for status, businesses in groups.items():
        activities.add_participants(activity=activity, by=by, businesses=businesses, status=status)
    changes: dict[int, dict[str, str]] = {}
    participations = activity.participations.select_related("business").order_by("business__name")
    for number, participation in enumerate(participations, start=1):
        fields = {}
        if notes.get(participation.business.slug):
            fields["result_note"] = notes[participation.business.slug]
        if participation.status == P.COMPLETED and activity.kind in CERTIFIED_KINDS:
            organiser = activity.organiser.short_name or activity.organiser.slug
            fields["certificate_number"] = (
                f"{organiser.upper()}/{activity.starts_at.year}/{activity.pk:04d}-{number:02d}"
            )
        if fields:
            changes[participation.pk] = fields
    if changes:
        activities.mark_participants(activity=activity, by=by, changes=changes)
    Participation.objects.filter(activity=activity).update(
        created_at=demo.past(activity.starts_at - datetime.timedelta(days=7))
    )


def seed_service(demo: Demo, spec: ServiceSpec) -> Service | None:
    business, agency = demo.businesses[spec.business], demo.agencies[spec.agency]
    known = Service.objects.filter(
        business=business, agency=agency, kind=spec.kind, summary=spec.summary
    )
    if known.exists():
        return None
    certificate = demo.certificate(spec.certificate)
    provided_on = demo.day(spec.days, spec.this_year)
    if certificate and certificate.issued_on and spec.days_before_certificate is not None:
        provided_on = certificate.issued_on - datetime.timedelta(days=spec.days_before_certificate)
    fields: dict[str, Any] = {
        "kind": spec.kind,
        "provided_on": provided_on,
        "hours": Decimal(spec.hours) if spec.hours else None,
        "mentor_name": spec.mentor_name,
        "summary": spec.summary,
        "outcome": spec.outcome,
        "benefit": spec.benefit,
        "amount": spec.amount,
        "target_certificate_kind": spec.target_certificate_kind,
        "certificate": certificate,
    }
    if spec.stage:
        fields["stage"] = demo.stages[spec.stage]
    by = demo.editor(spec.agency)
    service = help.record_service(by=by, agency=agency, business=business, **fields)
    recorded = demo.past(demo.moment(provided_on, 16))
    stamps = {"created_at": recorded}
    if spec.void_reason:
        help.void_service(service=service, by=by, reason=spec.void_reason)
        stamps["voided_at"] = demo.past(recorded + datetime.timedelta(days=2))
    Service.objects.filter(pk=service.pk).update(**stamps)
    return service


def seed_referral(demo: Demo, spec: ReferralSpec) -> Referral | None:
    business = demo.businesses[spec.business]
    sender, receiver = demo.agencies[spec.from_agency], demo.agencies[spec.to_agency]
    known = Referral.objects.filter(
        business=business, from_agency=sender, to_agency=receiver, reason=spec.reason
    )
    if known.exists():
        return None
    referral = referrals.send_referral(
        by=demo.editor(spec.from_agency),
        from_agency=sender,
        to_agency=receiver,
        business=business,
        stage=demo.stages[spec.stage],
        reason=spec.reason,
    )
    sent_on = demo.day(spec.days)
    due_on = (
        demo.day(spec.due_days)
        if spec.due_days is not None
        else sent_on + datetime.timedelta(days=referrals.ANSWER_DAYS)
    )
    stamps: dict[str, object] = {"sent_at": demo.past(demo.moment(sent_on, 10)), "due_on": due_on}
    for step in spec.steps:
        by = (
            demo.editor(spec.from_agency)
            if step.action == "cancel"
            else demo.answerer(spec.to_agency)
        )
        referrals.answer_referral(referral=referral, by=by, action=step.action, note=step.note)
        stamps[STEP_STAMPS[step.action]] = demo.past(demo.moment(demo.day(step.days), 11))
    Referral.objects.filter(pk=referral.pk).update(**stamps)
    return referral


def _recorder(demo: Demo, business: Business) -> "User":
    return demo.editor(business.registering_agency.slug)


def seed_snapshot(demo: Demo, spec: SnapshotSpec) -> Snapshot | None:
    business = demo.businesses[spec.business]
    known = Snapshot.objects.filter(business=business, capital=spec.capital, turnover=spec.turnover)
    if known.exists():
        return None
    taken_on = demo.day(spec.days)
    snapshot = progress.record_snapshot(
        by=_recorder(demo, business),
        business=business,
        taken_on=taken_on,
        capital=spec.capital,
        turnover=spec.turnover,
        workers_women=spec.workers_women,
        workers_men=spec.workers_men,
        exports=spec.exports,
        source=spec.source,
    )
    stamps = {"created_at": demo.past(demo.moment(taken_on, 15))}
    if spec.verified_by:
        progress.verify_snapshot(snapshot=snapshot, by=demo.user(spec.verified_by))
        stamps["verified_at"] = demo.past(demo.moment(taken_on + datetime.timedelta(days=7), 10))
    Snapshot.objects.filter(pk=snapshot.pk).update(**stamps)
    return snapshot


def seed_milestone(demo: Demo, spec: MilestoneSpec) -> Milestone | None:
    business = demo.businesses[spec.business]
    known = Milestone.objects.filter(business=business, kind=spec.kind, evidence=spec.evidence)
    if known.exists():
        return None
    certificate = demo.certificate(spec.certificate)
    achieved_on = demo.day(spec.days)
    if certificate and certificate.issued_on:
        achieved_on = certificate.issued_on
    fields: dict[str, object] = {
        "kind": spec.kind,
        "achieved_on": achieved_on,
        "evidence": spec.evidence,
    }
    if spec.stage:
        fields["stage"] = demo.stages[spec.stage]
    recorder = demo.editor(spec.credited[0]) if spec.credited else _recorder(demo, business)
    milestone = progress.record_milestone(
        by=recorder,
        business=business,
        credited_agencies=[demo.agencies[slug] for slug in spec.credited],
        **fields,
    )
    stamps = {"created_at": demo.past(demo.moment(achieved_on + datetime.timedelta(days=2), 9))}
    if spec.verified_by:
        progress.verify_milestone(milestone=milestone, by=demo.user(spec.verified_by))
        stamps["verified_at"] = demo.past(
            demo.moment(achieved_on + datetime.timedelta(days=10), 10)
        )
    Milestone.objects.filter(pk=milestone.pk).update(**stamps)
    return milestone


def seed_consents(demo: Demo, slugs: Iterable[str]) -> None:
    """The business's consent to its public trail, recorded by its registering agency through the
    catalog's business service (only when not given yet, so a second run writes nothing)."""
    for slug in slugs:
        business = demo.businesses[slug]
        if not business.show_support:
            update_business(business=business, by=_recorder(demo, business), show_support=True)
