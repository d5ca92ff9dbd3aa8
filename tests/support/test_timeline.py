"""The business's one timeline (support/timeline.py): every source, newest first, in words;
what a user may not see stays out; a page costs the same queries for a short and a long record."""

import datetime
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from catalog.models import Collaboration, Nomination, NominationEvent
from support import timeline
from support.models import Participation, Referral, Service
from support.timeline import Kind
from tests.factories import (
    ActivityFactory,
    CertificateFactory,
    DesignationFactory,
    MilestoneFactory,
    NominationFactory,
    ParticipationFactory,
    ReferralFactory,
    ServiceFactory,
    stage,
)

pytestmark = pytest.mark.django_db


def at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    """A moment of `day` in Asia/Jakarta."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def days_ago(n: int) -> datetime.date:
    return timezone.localdate() - timedelta(days=n)


@pytest.fixture(autouse=True)
def _invitations_declined(world):
    """The world's co-curation invitations declined: the timeline holds what each test puts
    there."""
    Collaboration.objects.update(status=Collaboration.Status.DECLINED, answered_at=timezone.now())


def whole(business, user):
    return timeline.entries(timeline.timeline(business, user))


def every_kind(world):
    """One row of every source around `world.business` and its published product, each on its
    own day so that the order is known: the newest (a revoked designation) is 1 day old."""
    business, product, owner = world.business, world.published, world.owner
    editor = world.people["owner_editor"]
    activity = ActivityFactory(
        organiser=owner, starts_at=at(days_ago(20)), ends_at=at(days_ago(20), 15)
    )
    activity.co_organisers.add(world.collaborator)
    ParticipationFactory(
        activity=activity, business=business, status=Participation.Status.COMPLETED
    )
    ServiceFactory(business=business, agency=owner, provided_on=days_ago(19), summary="Kemasan")
    ServiceFactory(
        business=business,
        agency=world.collaborator,
        provided_on=days_ago(18),
        voided_at=timezone.now(),
        void_reason="Tercatat dua kali",
    )
    referral = ReferralFactory(
        business=business, from_agency=owner, to_agency=world.leading, reason="Pameran"
    )
    Referral.objects.filter(pk=referral.pk).update(
        sent_at=at(days_ago(17)),
        status=Referral.Status.COMPLETED,
        answered_at=at(days_ago(16)),
        answer_note="Kami bantu",
        completed_at=at(days_ago(15)),
    )
    MilestoneFactory(business=business, achieved_on=days_ago(14), evidence="NIB terbit")
    certificate = CertificateFactory(product=product, kind="pirt", issued_on=days_ago(13))
    ServiceFactory(
        business=business,
        agency=world.collaborator,
        stage=stage("perizinan"),
        kind="fasilitasi_sertifikasi",
        target_certificate_kind="pirt",
        outcome=Service.Outcome.DONE,
        certificate=certificate,
        provided_on=days_ago(30),
    )
    Collaboration.objects.filter(pk=world.collaboration.pk).update(
        answered_at=at(days_ago(12)), status=Collaboration.Status.ENDED, ended_at=at(days_ago(11))
    )
    event = NominationEvent.objects.create(
        nomination=world.nomination, action="submit", from_state="draft", to_state="submitted",
        actor=editor, agency=owner,
    )  # fmt: skip
    NominationEvent.objects.filter(pk=event.pk).update(created_at=at(days_ago(10)))
    designation = DesignationFactory(
        product=product,
        nomination__product=product,
        nomination__agency=owner,
        approved_by=world.people["administrator"],
        approved_at=at(days_ago(5)),
        revoked_by=world.people["administrator"],
        revoked_at=at(days_ago(1)),
        revocation_reason="Produk tidak lagi diproduksi",
    )
    for action in ("approve", "revoke"):  # shown once, as the designation's entries
        NominationEvent.objects.create(
            nomination=designation.nomination, action=action, from_state="recommended",
            to_state="approved", actor=world.people["administrator"],
        )  # fmt: skip


def test_every_source_is_on_one_timeline_newest_first(world):
    every_kind(world)

    found = whole(world.business, world.people["administrator"])

    assert [(entry.kind, (days_ago(0) - entry.on).days) for entry in found] == [
        (Kind.DESIGNATION_REVOKED, 1),
        (Kind.DESIGNATION, 5),
        (Kind.NOMINATION, 10),
        (Kind.CO_CURATION_ENDED, 11),
        (Kind.CO_CURATION, 12),
        (Kind.CERTIFICATE, 13),
        (Kind.MILESTONE, 14),
        (Kind.REFERRAL_COMPLETED, 15),
        (Kind.REFERRAL_ANSWERED, 16),
        (Kind.REFERRAL_SENT, 17),
        (Kind.SERVICE, 18),
        (Kind.SERVICE, 19),
        (Kind.ACTIVITY, 20),
        (Kind.SERVICE, 30),
    ]


def test_entries_say_what_happened_who_helped_and_in_which_stage(world):
    every_kind(world)

    found = {
        (entry.kind, entry.on): entry for entry in whole(world.business, world.people["reviewer"])
    }
    activity = found[Kind.ACTIVITY, days_ago(20)]
    voided = found[Kind.SERVICE, days_ago(18)]
    certificate = found[Kind.CERTIFICATE, days_ago(13)]
    answered = found[Kind.REFERRAL_ANSWERED, days_ago(16)]
    revoked = found[Kind.DESIGNATION_REVOKED, days_ago(1)]

    assert activity.status == "completed"
    assert [a.slug for a in activity.agencies] == ["dinas-pertanian", "dinas-koperasi-ukm"]
    assert [s.code for s in activity.stages] == ["pelatihan"]
    assert (voided.status, voided.note) == ("voided", "Tercatat dua kali")
    assert found[Kind.SERVICE, days_ago(19)].status == Service.Outcome.IN_PROGRESS
    assert certificate.product == world.published
    assert [s.kind for s in certificate.facilitations] == ["fasilitasi_sertifikasi"]
    assert [a.slug for a in certificate.agencies] == ["dinas-koperasi-ukm"]
    assert (answered.status, answered.note) == ("accepted", "Kami bantu")
    assert (revoked.status, revoked.note) == ("revoked", "Produk tidak lagi diproduksi")
    assert found[Kind.DESIGNATION, days_ago(5)].status == "revoked"


def test_a_voided_facilitation_is_not_credited_with_the_certificate(world):
    certificate = CertificateFactory(product=world.published, issued_on=days_ago(3))
    ServiceFactory(
        business=world.business, agency=world.owner, certificate=certificate,
        voided_at=timezone.now(), void_reason="Salah usaha",
    )  # fmt: skip

    [entry] = [
        e for e in whole(world.business, world.people["owner_editor"]) if e.kind == Kind.CERTIFICATE
    ]

    assert entry.facilitations == ()


def test_days_are_calendar_days_in_jakarta(world):
    referral = ReferralFactory(
        business=world.business, from_agency=world.owner, to_agency=world.leading
    )
    # 18:30 UTC is 01:30 the next morning in Jakarta
    late = datetime.datetime.combine(days_ago(3), datetime.time(18, 30), tzinfo=datetime.UTC)
    Referral.objects.filter(pk=referral.pk).update(sent_at=late)

    [entry] = whole(world.business, world.people["owner_editor"])

    assert entry.on == days_ago(2)


def test_an_unanswered_referral_past_its_due_date_shows_as_overdue(world):
    ReferralFactory(
        business=world.business, from_agency=world.owner, to_agency=world.leading,
        due_on=days_ago(1),
    )  # fmt: skip

    [entry] = whole(world.business, world.people["owner_editor"])

    assert entry.status == "overdue"


def test_product_events_follow_what_the_user_may_see(world):
    """A certificate of a draft product is its curators' (and administrators'); a draft
    nomination its agency's. Everything of the business itself is shared."""
    CertificateFactory(product=world.draft, issued_on=days_ago(4))
    draft = NominationFactory(product=world.draft, agency=world.owner, state=Nomination.State.DRAFT)
    NominationEvent.objects.create(
        nomination=draft, action="nominate", from_state="", to_state="draft",
        actor=world.people["owner_editor"], agency=world.owner,
    )  # fmt: skip
    ServiceFactory(business=world.business, agency=world.owner, provided_on=days_ago(2))

    def kinds(who):
        return sorted(entry.kind for entry in whole(world.business, world.people[who]))

    assert kinds("owner_editor") == ["certificate", "nomination", "service"]
    assert kinds("administrator") == ["certificate", "nomination", "service"]
    assert kinds("foreign_editor") == ["service"]
    assert kinds("reviewer") == ["service"]


def test_a_withdrawn_invitation_is_no_co_curation(world):
    Collaboration.objects.filter(pk=world.invitation.pk).update(
        status=Collaboration.Status.ENDED, answered_at=None, ended_at=at(days_ago(2))
    )
    Collaboration.objects.filter(pk=world.collaboration.pk).update(
        status=Collaboration.Status.ACCEPTED, answered_at=at(days_ago(6))
    )

    found = whole(world.business, world.people["administrator"])

    assert [(e.kind, e.product, e.on) for e in found] == [
        (Kind.CO_CURATION, world.published, days_ago(6))
    ]


def test_an_accepted_row_without_an_answer_is_dated_by_its_invitation(world):
    """As the public curation trail dates it (rows imported as accepted)."""
    Collaboration.objects.filter(pk=world.collaboration.pk).update(
        status=Collaboration.Status.ACCEPTED, answered_at=None, invited_at=at(days_ago(9))
    )

    [entry] = whole(world.business, world.people["owner_editor"])

    assert (entry.kind, entry.on) == (Kind.CO_CURATION, days_ago(9))


def test_pages_follow_each_other_without_overlap(world):
    for n in range(45):
        ServiceFactory(business=world.business, agency=world.owner, provided_on=days_ago(n % 7))
    editor = world.people["owner_editor"]

    pages = [timeline.page_of(world.business, editor, number)[1] for number in (1, 2, 3)]

    seen = [(entry.kind, entry.pk) for page in pages for entry in page]
    assert [len(page) for page in pages] == [20, 20, 5]
    assert len(set(seen)) == 45
    assert [e.on for page in pages for e in page] == sorted(
        (e.on for page in pages for e in page), reverse=True
    )


def rounds(world, count):
    """`count` rounds of five sources (activity, service, referral, milestone, certificate), a
    day apart: every page of five or more rounds shows all five."""
    for n in range(count):
        day = days_ago(n)
        activity = ActivityFactory(organiser=world.owner, starts_at=at(day), ends_at=at(day, 15))
        activity.co_organisers.add(world.collaborator)
        ParticipationFactory(activity=activity, business=world.business)
        ServiceFactory(business=world.business, agency=world.owner, provided_on=day)
        referral = ReferralFactory(
            business=world.business, from_agency=world.owner, to_agency=world.leading
        )
        Referral.objects.filter(pk=referral.pk).update(sent_at=at(day))
        milestone = MilestoneFactory(business=world.business, achieved_on=day)
        milestone.credited_agencies.add(world.owner)
        certificate = CertificateFactory(product=world.published, issued_on=day)
        ServiceFactory(
            business=world.business, agency=world.collaborator, certificate=certificate,
            provided_on=day - timedelta(days=90),
        )  # fmt: skip


def queries_for_first_page(world, who):
    user = type(world.people[who]).objects.get(pk=world.people[who].pk)  # as a request reads it
    with CaptureQueriesContext(connection) as captured:
        page, found = timeline.page_of(world.business, user, 1)
    return len(found), page.paginator.count, len(captured)


@pytest.mark.parametrize("who", ["owner_editor", "administrator"])
def test_a_page_costs_the_same_queries_for_5_and_60_entries(world, who):
    rounds(world, 1)
    few, counted_few, queries_few = queries_for_first_page(world, who)  # 5 entries + 1 facilitation
    rounds(world, 11)
    many, counted_many, queries_many = queries_for_first_page(world, who)

    assert (few, counted_few) == (6, 6)
    assert (many, counted_many) == (20, 72)
    assert queries_many == queries_few
    # the count, the keys, the five sources with their relations (activities' co-organisers and
    # stages, milestones' credited agencies, certificates' facilitations), and who the user is
    # (administrator, reviewer) for the product events they may see
    assert queries_many <= 2 + 5 + 4 + 3
