"""The workspace's first page lists the referrals waiting for the person's agencies: those
received by an agency where they edit or manage (every open one for an administrator), overdue
first, and not those their agency sent or that are closed."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from support.models import Referral
from tests.factories import ReferralFactory

pytestmark = pytest.mark.django_db

R = Referral.Status


def waiting(client, person):
    client.force_login(person)
    response = client.get(reverse("workspace"))
    assert response.status_code == 200
    group = response.context["referrals"]
    return None if group is None else [referral.pk for referral in group.items]


@pytest.fixture
def referrals(world):
    today = timezone.localdate()
    received = ReferralFactory(
        business=world.business, from_agency=world.collaborator, to_agency=world.owner
    )
    overdue = ReferralFactory(
        business=world.business, from_agency=world.foreign, to_agency=world.owner
    )
    Referral.objects.filter(pk=overdue.pk).update(due_on=today - datetime.timedelta(days=3))
    accepted = ReferralFactory(
        business=world.business, from_agency=world.collaborator, to_agency=world.owner
    )
    Referral.objects.filter(pk=accepted.pk).update(status=R.ACCEPTED, answered_at=timezone.now())
    closed = ReferralFactory(
        business=world.business,
        from_agency=world.collaborator,
        to_agency=world.owner,
        status=R.DECLINED,
        answered_at=timezone.now(),
    )
    sent_by_owner = ReferralFactory(
        business=world.business, from_agency=world.owner, to_agency=world.leading
    )
    return [overdue.pk, received.pk, accepted.pk], closed, sent_by_owner


def test_the_receiving_agencys_editor_sees_open_referrals_overdue_first(client, world, referrals):
    expected, _closed, _sent = referrals
    assert waiting(client, world.people["owner_editor"]) == expected


def test_the_sending_agency_and_a_reviewer_have_nothing_to_answer(client, world, referrals):
    assert waiting(client, world.people["collab_editor"]) == []
    assert waiting(client, world.people["reviewer"]) is None  # no editing role: no such group


def test_an_administrator_sees_every_open_referral(client, world, referrals):
    expected, closed, sent_by_owner = referrals
    found = waiting(client, world.people["administrator"])
    assert set(found) == {*expected, sent_by_owner.pk}
    assert closed.pk not in found
