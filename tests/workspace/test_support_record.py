"""The business's development record in the workspace (/ruang-kerja/umkm/<slug>/pembinaan/):
who reads it, what it shows, recording and verifying progress from it, and what it costs."""

import datetime
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from catalog.models import Business, Collaboration
from support.models import Milestone, Referral, Snapshot
from tests.factories import (
    ActivityFactory,
    CertificateFactory,
    MilestoneFactory,
    ParticipationFactory,
    ReferralFactory,
    ServiceFactory,
    SnapshotFactory,
    UserFactory,
)
from tests.workspace.helpers import PEOPLE, as_user, assert_sent_to_login, messages_of, url

pytestmark = pytest.mark.django_db

BILLION = 1_000_000_000


@pytest.fixture(autouse=True)
def _invitations_declined(world):
    """The world's co-curation invitations declined: the timeline holds what each test puts
    there."""
    Collaboration.objects.update(status=Collaboration.Status.DECLINED, answered_at=timezone.now())


@pytest.fixture
def record(world):
    """One row of each kind around the business, as tests/support/conftest.py makes them:
    Dinas Pertanian's training (co-organised by Diskop) the business registered for, its
    mentoring service and its referral to Disperindag; an unverified snapshot and NIB milestone."""
    activity = ActivityFactory(organiser=world.owner, region=world.region)
    activity.co_organisers.add(world.collaborator)
    return SimpleNamespace(
        participation=ParticipationFactory(activity=activity, business=world.business),
        service=ServiceFactory(business=world.business, agency=world.owner),
        referral=ReferralFactory(
            business=world.business, from_agency=world.owner, to_agency=world.leading
        ),
        snapshot=SnapshotFactory(business=world.business),
        milestone=MilestoneFactory(business=world.business),
    )


def record_url(business, page=None):
    address = url("workspace-business-support", business.slug)
    return f"{address}?page={page}" if page else address


def days_ago(n):
    return timezone.localdate() - timedelta(days=n)


# Who reads the record ------------------------------------------------------------------------


@pytest.mark.parametrize("who", PEOPLE)
def test_every_member_of_an_agency_reads_every_business_record(client, world, record, who):
    response = as_user(client, world, who).get(record_url(world.business))

    assert response.status_code == 200
    assert response.context["business"] == world.business


def test_anonymous_is_sent_to_sign_in(client, world):
    assert_sent_to_login(client.get(record_url(world.business)))


def test_a_signed_in_person_of_no_agency_finds_no_record(client, world, record):
    client.force_login(UserFactory(username="warga"))

    assert client.get(record_url(world.business)).status_code == 404


def test_an_inactive_business_of_another_agency_has_no_record_for_them(client, world):
    Business.objects.filter(pk=world.foreign_business.pk).update(is_active=False)

    assert (
        as_user(client, world, "owner_editor").get(record_url(world.foreign_business)).status_code
        == 404
    )
    client.force_login(world.people["administrator"])
    assert client.get(record_url(world.foreign_business)).status_code == 200


def test_the_business_page_links_to_its_record(client, world):
    response = as_user(client, world, "reviewer").get(
        url("workspace-business", world.business.slug)
    )

    assert record_url(world.business) in response.content.decode()


# What it shows ----------------------------------------------------------------------------------


def test_the_coverage_strip_says_each_stage_in_words(client, world, record):
    response = as_user(client, world, "owner_editor").get(record_url(world.business))

    html = response.content.decode()
    states = {item.stage.code: item.state for item in response.context["coverage"]}
    assert len(states) == 7
    assert states["pelatihan"] == "in_progress"  # registered for the training
    assert states["pendampingan"] == "in_progress"  # the mentoring service is under way
    assert states["permodalan"] == "none"
    # the state is written out, not only coloured
    for item in response.context["coverage"]:
        assert f'<span class="coverage__name">{item.stage.display_name}</span>' in html
        assert f"</span> {item.label}</span>" in html


def test_the_timeline_shows_every_agency_and_marks_a_voided_service(client, world, record):
    ServiceFactory(
        business=world.business, agency=world.collaborator, provided_on=days_ago(1),
        voided_at=timezone.now(), void_reason="<script>salah catat</script>",
    )  # fmt: skip

    response = as_user(client, world, "other_editor").get(record_url(world.business))

    html = response.content.decode()
    kinds = [entry.kind for entry in response.context["entries"]]
    assert sorted(kinds) == ["activity", "milestone", "referral_sent", "service", "service"]
    assert "status--voided" in html and "timeline__event--voided" in html
    assert "&lt;script&gt;salah catat&lt;/script&gt;" in html
    assert "<script>salah" not in html
    assert "Distan" in html and "Diskop" in html


def test_the_timeline_is_paginated_newest_first(client, world):
    for n in range(25):
        ServiceFactory(business=world.business, agency=world.owner, provided_on=days_ago(n))
    client = as_user(client, world, "owner_editor")

    first = client.get(record_url(world.business))
    second = client.get(record_url(world.business, page=2))

    assert [e.on for e in first.context["entries"]] == [days_ago(n) for n in range(20)]
    assert [e.on for e in second.context["entries"]] == [days_ago(n) for n in range(20, 25)]
    assert 'href="?page=2#timeline"' in first.content.decode()


def test_a_snapshot_whose_class_differs_from_the_declared_scale_is_marked(client, world):
    Business.objects.filter(pk=world.business.pk).update(scale=Business.Scale.MICRO)
    SnapshotFactory(business=world.business, taken_on=days_ago(30), capital=500_000_000)
    SnapshotFactory(business=world.business, taken_on=days_ago(1), capital=2 * BILLION)

    response = as_user(client, world, "owner_editor").get(record_url(world.business))

    html = response.content.decode()
    latest, older = response.context["snapshots"]
    assert (latest.scale_class, older.scale_class) == ("kecil", "mikro")
    # once in the summary, once on the latest snapshot; the older one is as declared
    assert html.count('class="record-mismatch"') == 2


def test_open_referrals_are_listed_overdue_first(client, world, record):
    overdue = ReferralFactory(
        business=world.business, from_agency=world.collaborator, to_agency=world.owner,
        due_on=days_ago(2),
    )  # fmt: skip
    ReferralFactory(
        business=world.business, from_agency=world.owner, to_agency=world.other,
        status=Referral.Status.DECLINED, answered_at=timezone.now(),
    )  # fmt: skip

    response = as_user(client, world, "owner_editor").get(record_url(world.business))

    assert response.context["referrals"] == [overdue, record.referral]
    assert "status--overdue" in response.content.decode()


def test_quick_links_start_a_service_or_a_referral_for_this_business(client, world):
    response = as_user(client, world, "owner_editor").get(record_url(world.business))

    html = response.content.decode()
    slug = world.business.slug
    assert f'href="/ruang-kerja/layanan/baru/?umkm={slug}"' in html
    assert f'href="/ruang-kerja/rujukan/baru/?umkm={slug}"' in html
    assert url("workspace-snapshot-create", slug) in html


def test_a_reviewer_records_progress_but_no_service_nor_referral(client, world):
    response = as_user(client, world, "reviewer").get(record_url(world.business))

    html = response.content.decode()
    assert "layanan/baru/" not in html and "rujukan/baru/" not in html
    assert url("workspace-milestone-create", world.business.slug) in html


@pytest.mark.parametrize(("who", "buttons"), [("reviewer", 2), ("owner_editor", 0)])
def test_verify_buttons_are_offered_to_those_who_verify(client, world, record, who, buttons):
    response = as_user(client, world, who).get(record_url(world.business))

    html = response.content.decode()
    verify = [
        url("workspace-snapshot-verify", world.business.slug, record.snapshot.pk),
        url("workspace-milestone-verify", world.business.slug, record.milestone.pk),
    ]
    assert sum(address in html for address in verify) == buttons


# Recording progress -------------------------------------------------------------------------------


def snapshot_data(**changes):
    data = {
        "taken_on": days_ago(3).isoformat(),
        "turnover": "600000000",
        "capital": "",
        "workers_women": "3",
        "workers_men": "1",
        "source": "self_reported",
    }
    data.update(changes)
    return data


def test_an_editor_records_a_snapshot(client, world):
    response = as_user(client, world, "collab_editor").post(
        url("workspace-snapshot-create", world.business.slug), snapshot_data(exports="on")
    )

    snapshot = Snapshot.objects.get()
    assert response.status_code == 302
    assert response.url == record_url(world.business) + "#snapshots"
    assert (snapshot.business, snapshot.turnover, snapshot.capital) == (
        world.business, 600_000_000, None,
    )  # fmt: skip
    assert (snapshot.workers, snapshot.exports, snapshot.source) == (4, True, "self_reported")
    assert snapshot.recorded_by == world.people["collab_editor"]
    assert snapshot.scale_class == "mikro"
    assert snapshot.verified_at is None


def test_a_snapshot_without_capital_nor_turnover_is_refused_next_to_the_field(client, world):
    response = as_user(client, world, "owner_editor").post(
        url("workspace-snapshot-create", world.business.slug), snapshot_data(turnover="")
    )

    assert response.status_code == 400
    assert response.context["form"].errors["capital"]
    assert not Snapshot.objects.exists()


def test_the_snapshot_form_starts_today(client, world):
    response = as_user(client, world, "reviewer").get(
        url("workspace-snapshot-create", world.business.slug)
    )

    assert response.status_code == 200
    assert response.context["form"]["taken_on"].value() == timezone.localdate()


def test_an_editor_records_a_milestone_with_its_stage_from_the_kind(client, world):
    response = as_user(client, world, "owner_editor").post(
        url("workspace-milestone-create", world.business.slug),
        {
            "kind": "first_sale_online",
            "stage": "",
            "achieved_on": days_ago(1).isoformat(),
            "evidence": "Pesanan pertama di Shopee",
            "credited_agencies": [world.owner.pk, world.leading.pk],
        },
    )

    milestone = Milestone.objects.get()
    assert response.status_code == 302
    assert response.url == record_url(world.business) + "#milestones"
    assert (milestone.kind, milestone.stage.code) == ("first_sale_online", "pemasaran")
    assert set(milestone.credited_agencies.all()) == {world.owner, world.leading}
    assert milestone.recorded_by == world.people["owner_editor"]


def test_the_milestone_form_credits_the_users_agencies_at_first(client, world):
    response = as_user(client, world, "owner_editor").get(
        url("workspace-milestone-create", world.business.slug)
    )

    # tests/workspace/conftest.py makes this editor a member of `second` too
    assert set(response.context["form"]["credited_agencies"].initial) == {
        world.owner, world.second,
    }  # fmt: skip


def test_a_milestone_in_the_future_is_refused(client, world):
    response = as_user(client, world, "owner_editor").post(
        url("workspace-milestone-create", world.business.slug),
        {"kind": "nib", "achieved_on": (timezone.localdate() + timedelta(days=2)).isoformat()},
    )

    assert response.status_code == 400
    assert response.context["form"].errors["achieved_on"]
    assert not Milestone.objects.exists()


@pytest.mark.parametrize("name", ["workspace-snapshot-create", "workspace-milestone-create"])
def test_progress_forms_are_for_staff_only(client, world, name):
    address = url(name, world.business.slug)
    assert_sent_to_login(client.post(address, snapshot_data()))
    client.force_login(UserFactory(username="warga"))
    assert client.post(address, snapshot_data()).status_code == 404
    assert not Snapshot.objects.exists() and not Milestone.objects.exists()


# Verifying ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["reviewer", "administrator"])
def test_a_reviewer_or_administrator_verifies_a_snapshot(client, world, record, who):
    response = as_user(client, world, who).post(
        url("workspace-snapshot-verify", world.business.slug, record.snapshot.pk)
    )

    record.snapshot.refresh_from_db()
    assert response.status_code == 302
    assert response.url == record_url(world.business) + "#snapshots"
    assert record.snapshot.verified_by == world.people[who]
    assert record.snapshot.verified_at is not None


@pytest.mark.parametrize("who", ["owner_editor", "collab_manager", "foreign_editor"])
def test_an_editor_may_not_verify(client, world, record, who):
    client = as_user(client, world, who)
    slug = world.business.slug

    snapshot = client.post(url("workspace-snapshot-verify", slug, record.snapshot.pk))
    milestone = client.post(url("workspace-milestone-verify", slug, record.milestone.pk))

    assert (snapshot.status_code, milestone.status_code) == (403, 403)
    assert not Snapshot.objects.verified().exists()
    assert not Milestone.objects.verified().exists()


def test_verifying_twice_says_so_and_keeps_the_first(client, world, record):
    as_user(client, world, "reviewer")
    address = url("workspace-milestone-verify", world.business.slug, record.milestone.pk)
    client.post(address)
    first = Milestone.objects.get().verified_at

    client.force_login(world.people["administrator"])
    response = client.post(address, follow=True)

    milestone = Milestone.objects.get()
    assert (milestone.verified_at, milestone.verified_by) == (first, world.people["reviewer"])
    assert messages_of(response)


def test_a_snapshot_is_verified_only_under_its_own_business(client, world, record):
    address = url("workspace-snapshot-verify", world.foreign_business.slug, record.snapshot.pk)

    response = as_user(client, world, "reviewer").post(address)

    assert response.status_code == 404
    assert not Snapshot.objects.verified().exists()


def test_verifying_is_a_post(client, world, record):
    address = url("workspace-milestone-verify", world.business.slug, record.milestone.pk)

    assert as_user(client, world, "reviewer").get(address).status_code == 405


# What it costs ------------------------------------------------------------------------------------


def at(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))


def grow(world, rounds):
    """`rounds` days of work: an activity, a service, a referral, a milestone and a certificate
    each day, and a snapshot every day."""
    for n in range(rounds):
        day = days_ago(n)
        activity = ActivityFactory(organiser=world.owner, starts_at=at(day), ends_at=at(day))
        ParticipationFactory(activity=activity, business=world.business)
        ServiceFactory(business=world.business, agency=world.owner, provided_on=day)
        referral = ReferralFactory(
            business=world.business, from_agency=world.owner, to_agency=world.leading
        )
        Referral.objects.filter(pk=referral.pk).update(sent_at=at(day))
        MilestoneFactory(business=world.business, achieved_on=day).credited_agencies.add(
            world.owner
        )
        CertificateFactory(product=world.published, issued_on=day)
        SnapshotFactory(business=world.business, taken_on=day)


@pytest.mark.parametrize("who", ["owner_editor", "reviewer", "administrator"])
def test_the_page_costs_the_same_for_a_short_and_a_long_record(client, world, who):
    client = as_user(client, world, who)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            response = client.get(record_url(world.business))
        assert response.status_code == 200
        return len(response.context["entries"]), len(captured)

    grow(world, 1)
    few, short = queries()
    grow(world, 12)  # 65 entries, 13 snapshots, 13 open referrals
    many, long = queries()

    assert (few, many) == (5, 20)
    assert short == long
    assert long <= 40
