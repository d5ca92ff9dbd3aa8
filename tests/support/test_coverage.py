"""A business's stage coverage, computed from every source of the record (DESIGN §8): `reached`
by a participation attended or completed, a service done or a verified milestone; `in_progress`
by open work only (a registration, a service in progress, an unverified milestone, an open
referral); `none` otherwise. A cancelled activity and a voided service count for nothing."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from support.coverage import Coverage, coverage_of, evidence_for, latest_support, stage_coverage
from support.models import STAGE_CODES, Referral
from support.services import activities
from tests.factories import (
    ActivityFactory,
    BusinessFactory,
    MilestoneFactory,
    ParticipationFactory,
    ReferralFactory,
    ServiceFactory,
    stage,
)

pytestmark = pytest.mark.django_db

REACHED, IN_PROGRESS, NONE = Coverage.REACHED, Coverage.IN_PROGRESS, Coverage.NONE


def states(business) -> dict[str, str]:
    return {state.stage.code: state.state for state in stage_coverage(business)}


def state_of(business, code: str) -> str:
    return states(business)[code]


@pytest.fixture
def business():
    return BusinessFactory()


@pytest.mark.parametrize(
    ("status", "expected"),
    [("completed", REACHED), ("attended", REACHED), ("registered", IN_PROGRESS), ("absent", NONE)],
)
def test_a_participation_covers_every_stage_of_its_activity(business, status, expected):
    activity = ActivityFactory(stages=[stage("pelatihan"), stage("keuangan")])
    ParticipationFactory(activity=activity, business=business, status=status)

    found = states(business)

    assert (found["pelatihan"], found["keuangan"]) == (expected, expected)
    assert found["pendampingan"] == NONE


def test_marking_a_participant_completed_reaches_the_stage(world, record):
    assert state_of(world.business, "pelatihan") == IN_PROGRESS

    activities.update_participation(
        participation=record.participation, by=world.people["collab_editor"], status="completed"
    )

    assert state_of(world.business, "pelatihan") == REACHED


def test_a_cancelled_activity_counts_for_nothing(business):
    activity = ActivityFactory(cancelled_at=timezone.now(), cancel_reason="Banjir")
    ParticipationFactory(activity=activity, business=business, status="completed")

    assert state_of(business, "pelatihan") == NONE
    assert latest_support(business) == []


@pytest.mark.parametrize(
    ("outcome", "expected"),
    [("done", REACHED), ("in_progress", IN_PROGRESS), ("not_achieved", NONE)],
)
def test_a_service_covers_its_stage_by_its_outcome(business, outcome, expected):
    ServiceFactory(business=business, stage=stage("perizinan"), outcome=outcome)

    assert state_of(business, "perizinan") == expected


@pytest.mark.parametrize("outcome", ["done", "in_progress"])
def test_a_voided_service_counts_for_nothing(business, outcome):
    ServiceFactory(
        business=business,
        stage=stage("perizinan"),
        outcome=outcome,
        voided_at=timezone.now(),
        void_reason="Salah usaha",
    )

    assert state_of(business, "perizinan") == NONE
    assert latest_support(business) == []


@pytest.mark.parametrize(("verified", "expected"), [(True, REACHED), (False, IN_PROGRESS)])
def test_a_milestone_reaches_its_stage_once_verified(business, verified, expected):
    MilestoneFactory(
        business=business,
        stage=stage("pemasaran"),
        verified_at=timezone.now() if verified else None,
    )

    assert state_of(business, "pemasaran") == expected


def test_a_milestone_without_stage_covers_none(business):
    MilestoneFactory(business=business, kind="other", stage=None, verified_at=timezone.now())

    assert set(states(business).values()) == {NONE}


@pytest.mark.parametrize(
    ("status", "expected"),
    [("sent", IN_PROGRESS), ("accepted", IN_PROGRESS), ("declined", NONE),
     ("completed", NONE), ("cancelled", NONE)],
)  # fmt: skip
def test_an_open_referral_is_work_in_progress(business, status, expected):
    now = timezone.now()
    ReferralFactory(
        business=business,
        stage=stage("permodalan"),
        status=status,
        answered_at=now if status in ("accepted", "declined", "completed") else None,
        completed_at=now if status == "completed" else None,
        cancelled_at=now if status == "cancelled" else None,
    )

    assert state_of(business, "permodalan") == expected


def test_reached_wins_over_open_work_whatever_the_order(business):
    """A stage with both open and finished work is reached, whichever source is read last."""
    ReferralFactory(business=business, stage=stage("perizinan"))  # read last: open
    ServiceFactory(business=business, stage=stage("perizinan"), outcome="in_progress")
    MilestoneFactory(business=business, stage=stage("perizinan"), verified_at=timezone.now())
    ServiceFactory(business=business, stage=stage("pelatihan"), outcome="done")
    ParticipationFactory(business=business, status="registered")  # pelatihan, read first

    found = states(business)

    assert (found["perizinan"], found["pelatihan"]) == (REACHED, REACHED)


def test_the_strip_has_the_seven_stages_in_order(business):
    assert [state.stage.code for state in stage_coverage(business)] == list(STAGE_CODES)
    assert all(state.label for state in stage_coverage(business))


def test_coverage_is_per_business(business):
    neighbour = BusinessFactory()
    ServiceFactory(business=neighbour, stage=stage("pemasaran"), outcome="done")

    found = coverage_of([business.pk, neighbour.pk])

    assert found == {business.pk: {}, neighbour.pk: {"pemasaran": REACHED}}


def every_source(business) -> None:
    ParticipationFactory(business=business, status="completed")
    ServiceFactory(business=business, outcome="in_progress")
    MilestoneFactory(business=business, verified_at=timezone.now())
    ReferralFactory(business=business, status=Referral.Status.SENT)


def test_coverage_of_many_businesses_takes_a_constant_number_of_queries(
    django_assert_num_queries,
):
    one = BusinessFactory()
    every_source(one)
    with django_assert_num_queries(4):
        coverage_of([one.pk])

    many = [BusinessFactory() for _ in range(25)]
    for business in many:
        every_source(business)
    with django_assert_num_queries(4):
        found = coverage_of([business.pk for business in many])

    assert len(found) == 25
    assert all(
        states == {"pelatihan": REACHED, "pendampingan": IN_PROGRESS, "perizinan": REACHED,
                   "pemasaran": IN_PROGRESS}
        for states in found.values()
    )  # fmt: skip


def test_coverage_reads_distinct_rows_unsorted():
    """Many services of one stage are one row to read; the models' default orderings would add
    their columns to the DISTINCT (a row per service) and a sort, and the participations' a join
    on businesses too."""
    business = BusinessFactory()
    every_source(business)
    for _ in range(3):
        ServiceFactory(business=business, outcome="in_progress")
    with CaptureQueriesContext(connection) as queries:
        coverage_of([business.pk])

    statements = [query["sql"] for query in queries.captured_queries]
    assert len(statements) == 4
    assert not [sql for sql in statements if "ORDER BY" in sql or "catalog_business" in sql]


def test_evidence_for_a_reviewer_is_the_strip_and_the_latest_support(business):
    ServiceFactory(business=business, stage=stage("perizinan"), kind="fasilitasi_perizinan",
                   outcome="done")  # fmt: skip
    ParticipationFactory(business=business, status="attended")

    evidence = evidence_for(business)

    assert [item["stage"] for item in evidence["coverage"]] == list(STAGE_CODES)
    assert {item["stage"]: item["state"] for item in evidence["coverage"]}["perizinan"] == REACHED
    assert {item["kind"] for item in evidence["latest_support"]} == {"service", "activity"}
    assert all(isinstance(item["date"], str) for item in evidence["latest_support"])


def test_an_activity_is_dated_by_its_local_day_not_by_utc(business):
    """An activity at 01:00 WIB on 26 November began at 18:00 UTC on the 25th: the record says the
    26th (a UTC date failed CI when it ran just after midnight in Jakarta)."""
    starts = datetime(2026, 11, 25, 18, 0, tzinfo=UTC)
    activity = ActivityFactory(starts_at=starts, ends_at=starts + timedelta(hours=3))
    ParticipationFactory(activity=activity, business=business)

    assert [item["date"] for item in latest_support(business)] == [date(2026, 11, 26)]
