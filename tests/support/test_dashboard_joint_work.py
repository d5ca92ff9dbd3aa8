"""One activity that two agencies organise together is joint work, not an overlap: the
dashboard's overlaps need two or more records from two or more agencies."""

import datetime

import pytest
from django.utils import timezone

from support.dashboard import Dashboard, Filters
from support.models import Participation
from tests.factories import ActivityFactory, ParticipationFactory, ServiceFactory, stage

pytestmark = pytest.mark.django_db

YEAR = timezone.localdate().year
MIDYEAR = datetime.date(YEAR, 6, 15)


def training(organiser, *co_organisers):
    starts = timezone.make_aware(datetime.datetime(YEAR, 6, 15, 9))
    activity = ActivityFactory(
        organiser=organiser,
        kind="pendampingan",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=6),
        stages=[stage("pendampingan")],
    )
    activity.co_organisers.add(*co_organisers)
    return activity


def overlaps():
    found = Dashboard(Filters(year=YEAR), agency_ids=None).overlaps()
    return [(o.business_id, o.stage.code, o.kind) for o in found[0:10]]


def test_an_activity_organised_together_is_no_overlap(world):
    joint = training(world.owner, world.collaborator)
    ParticipationFactory(
        activity=joint, business=world.business, status=Participation.Status.COMPLETED
    )

    assert overlaps() == []


def test_the_same_help_again_from_a_partner_of_the_joint_activity_is_one(world):
    joint = training(world.owner, world.collaborator)
    ParticipationFactory(
        activity=joint, business=world.business, status=Participation.Status.COMPLETED
    )
    ServiceFactory(business=world.business, agency=world.collaborator, provided_on=MIDYEAR)

    assert overlaps() == [(world.business.pk, "pendampingan", "pendampingan")]
