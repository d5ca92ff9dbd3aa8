"""The workflow functions of the development record write what they say, in the core cases."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from support.coverage import Coverage, stage_coverage
from support.models import Participation, Referral, Service
from support.services import activities, help, referrals
from umkm_portal.services import NotAllowedNow

pytestmark = pytest.mark.django_db


def test_recording_a_service_defaults_its_stage_and_date(world):
    editor = world.people["owner_editor"]
    service = help.record_service(
        by=editor, agency=world.owner, business=world.business, kind="fasilitasi_perizinan"
    )
    service.refresh_from_db()
    assert (service.stage.code, service.provided_on) == ("perizinan", timezone.localdate())
    assert service.recorded_by == editor


def test_an_amount_without_a_money_benefit_is_refused(world):
    with pytest.raises(ValidationError):
        help.record_service(
            by=world.people["owner_editor"],
            agency=world.owner,
            business=world.business,
            kind="akses_modal",
            amount=5_000_000,
        )
    assert not Service.objects.exists()


def test_another_agency_cannot_void_a_service(world, record):
    with pytest.raises(PermissionDenied):
        help.void_service(service=record.service, by=world.people["foreign_editor"], reason="x")
    record.service.refresh_from_db()
    assert record.service.voided_at is None


def test_a_referral_answered_twice_is_409(world, record):
    reviewer = world.people["reviewer"]
    assert reviewer  # a reviewer is not an editor: only editors/managers answer
    administrator = world.people["administrator"]
    referrals.answer_referral(referral=record.referral, by=administrator, action="accept")
    with pytest.raises(NotAllowedNow):
        referrals.answer_referral(referral=record.referral, by=administrator, action="decline")
    record.referral.refresh_from_db()
    assert record.referral.status == Referral.Status.ACCEPTED


def test_a_participant_is_added_once(world, record):
    with pytest.raises(ValidationError):
        activities.add_participants(
            activity=record.activity, by=world.people["collab_editor"], businesses=[world.business]
        )
    assert Participation.objects.count() == 1


def test_coverage_reaches_a_stage_when_the_participant_completes(world, record):
    states = {state.stage.code: state.state for state in stage_coverage(world.business)}
    assert states["pelatihan"] == Coverage.IN_PROGRESS
    activities.update_participation(
        participation=record.participation, by=world.people["owner_editor"], status="completed"
    )
    states = {state.stage.code: state.state for state in stage_coverage(world.business)}
    assert states["pelatihan"] == Coverage.REACHED
    assert states["permodalan"] == Coverage.NONE


def test_a_referral_cannot_be_due_in_the_past(world):
    with pytest.raises(ValidationError):
        referrals.send_referral(
            by=world.people["owner_editor"],
            from_agency=world.owner,
            to_agency=world.leading,
            business=world.business,
            stage=world_stage(),
            reason="x",
            due_on=timezone.localdate() - datetime.timedelta(days=1),
        )


def world_stage():
    from support.models import Stage

    return Stage.objects.get(code="pemasaran")
