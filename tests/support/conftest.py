"""The development record's tests run in the rights-matrix world of tests/conftest.py, with one
record of every kind around its business "Lada Mentok Jaya" (`world.business`)."""

from types import SimpleNamespace

import pytest

from tests.factories import (
    ActivityFactory,
    MilestoneFactory,
    ParticipationFactory,
    ReferralFactory,
    ServiceFactory,
    SnapshotFactory,
)


@pytest.fixture
def record(world):
    """Dinas Pertanian (`world.owner`) organises a training co-organised by Diskop
    (`world.collaborator`) in which the business is registered; Dinas Pertanian gave it a
    mentoring service and referred it to Disperindag (`world.leading`); Diskop recorded a
    snapshot and a NIB milestone, both unverified."""
    activity = ActivityFactory(organiser=world.owner, region=world.region)
    activity.co_organisers.add(world.collaborator)
    participation = ParticipationFactory(activity=activity, business=world.business)
    service = ServiceFactory(business=world.business, agency=world.owner)
    referral = ReferralFactory(
        business=world.business, from_agency=world.owner, to_agency=world.leading
    )
    snapshot = SnapshotFactory(business=world.business)
    milestone = MilestoneFactory(business=world.business)
    return SimpleNamespace(
        activity=activity,
        participation=participation,
        service=service,
        referral=referral,
        snapshot=snapshot,
        milestone=milestone,
    )
