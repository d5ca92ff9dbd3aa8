"""The development record's invariants and bad input (issue 13: "Bad input").

Three layers, each tested on its own: the database refuses a broken row whatever code writes it
(IntegrityError, Python validation bypassed); the workflow functions refuse bad input with an
error on the field it concerns (ValidationError), a wrong person with PermissionDenied and a wrong
state with NotAllowedNow, in that order, and leave nothing half-written; every write leaves a
history row naming who did it. Last, the app's migrations go back to zero and forward again.
"""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from support.models import (
    STAGE_CODES,
    Activity,
    Milestone,
    Participation,
    Referral,
    Service,
    Snapshot,
    Stage,
)
from support.services import activities, help, progress, referrals
from tests.factories import (
    ActivityFactory,
    BusinessFactory,
    ParticipationFactory,
    ReferralFactory,
    ServiceFactory,
    stage,
)
from umkm_portal.services import NotAllowedNow

HOUR = datetime.timedelta(hours=1)


def refused(model, **lookup):
    """Assert that the block raised IntegrityError and left no such row behind."""

    class Refused:
        def __enter__(self):
            self.atomic = transaction.atomic()
            self.atomic.__enter__()

        def __exit__(self, kind, error, traceback):
            self.atomic.__exit__(kind, error, traceback)
            assert kind is IntegrityError, "the database accepted the row"
            assert not model.objects.filter(**lookup).exists()
            return True

    return Refused()


def field_error(call, **kwargs) -> dict[str, list[str]]:
    """The fields a workflow function's ValidationError names, with their messages."""
    with pytest.raises(ValidationError) as error:
        call(**kwargs)
    return error.value.message_dict


# The database.


@pytest.mark.django_db
def test_one_participation_per_activity_and_business():
    first = ParticipationFactory()
    with refused(Participation, pk__gt=first.pk):
        Participation.objects.create(activity=first.activity, business=first.business)
    assert Participation.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("benefit", "amount"),
    [("grant", None), ("loan", None), ("kur", None), ("grant", 0),
     ("non_financial", 5_000_000)],
)  # fmt: skip
def test_an_amount_exactly_for_grant_loan_and_kur(benefit, amount):
    with refused(Service, benefit=benefit):
        ServiceFactory(benefit=benefit, amount=amount)


@pytest.mark.django_db
@pytest.mark.parametrize("benefit", ["grant", "loan", "kur"])
def test_money_with_an_amount_is_accepted_and_loses_it_by_update_never(benefit):
    service = ServiceFactory(benefit=benefit, amount=25_000_000)
    with refused(Service, pk=service.pk, amount__isnull=True):
        Service.objects.filter(pk=service.pk).update(amount=None)
    with refused(Service, pk=service.pk, benefit="non_financial"):
        Service.objects.filter(pk=service.pk).update(benefit="non_financial")
    assert Service.objects.filter(pk=service.pk, amount=25_000_000).exists()


@pytest.mark.django_db
def test_an_activity_ends_no_earlier_than_it_starts():
    activity = ActivityFactory()
    with refused(Activity, pk=activity.pk, ends_at__lt=activity.starts_at):
        Activity.objects.filter(pk=activity.pk).update(ends_at=activity.starts_at - HOUR)
    starts = timezone.now()
    with refused(Activity, title="Mundur"):
        ActivityFactory(title="Mundur", starts_at=starts, ends_at=starts - HOUR)
    assert ActivityFactory(starts_at=starts, ends_at=starts).pk  # a moment is a period


@pytest.mark.django_db
def test_a_referral_goes_to_another_agency():
    referral = ReferralFactory()
    with refused(Referral, pk__gt=referral.pk):
        ReferralFactory(from_agency=referral.from_agency, to_agency=referral.from_agency)
    with refused(Referral, pk=referral.pk, to_agency=referral.from_agency):
        Referral.objects.filter(pk=referral.pk).update(to_agency=referral.from_agency)


@pytest.mark.django_db
def test_a_void_needs_a_reason():
    service = ServiceFactory()
    with refused(Service, pk=service.pk, voided_at__isnull=False):
        Service.objects.filter(pk=service.pk).update(voided_at=timezone.now())
    Service.objects.filter(pk=service.pk).update(voided_at=timezone.now(), void_reason="Ganda")


@pytest.mark.django_db
def test_a_cancelled_activity_needs_a_reason():
    activity = ActivityFactory()
    with refused(Activity, pk=activity.pk, cancelled_at__isnull=False):
        Activity.objects.filter(pk=activity.pk).update(cancelled_at=timezone.now())
    Activity.objects.filter(pk=activity.pk).update(cancelled_at=timezone.now(), cancel_reason="x")


@pytest.mark.django_db
@pytest.mark.parametrize("status", ["accepted", "declined", "completed", "cancelled", "forwarded"])
def test_a_referral_step_carries_its_time(status):
    """Each state after `sent` has the time of the step that led to it; unknown states none."""
    referral = ReferralFactory()
    with refused(Referral, pk=referral.pk, status=status):
        Referral.objects.filter(pk=referral.pk).update(status=status)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("model", "field"),
    [(Service, "kind"), (Service, "outcome"), (Activity, "kind"), (Activity, "benefit"),
     (Participation, "status")],
)  # fmt: skip
def test_unknown_choices_are_refused(model, field):
    row = {Service: ServiceFactory, Activity: ActivityFactory,
           Participation: ParticipationFactory}[model]()  # fmt: skip
    with refused(model, pk=row.pk, **{field: "bogus"}):
        model.objects.filter(pk=row.pk).update(**{field: "bogus"})


# The workflow functions: a field error for bad input, nothing half-written.


@pytest.fixture
def editor(world):
    return world.people["owner_editor"]


def activity_fields(world, **changes):
    starts = timezone.now() + datetime.timedelta(days=2)
    return {"kind": "pelatihan", "title": "Pelatihan pembukuan", "starts_at": starts,
            "ends_at": starts + HOUR, "region": world.region, **changes}  # fmt: skip


def test_dates_in_the_wrong_order_are_said_next_to_the_end(world, record, editor):
    fields = activity_fields(world)
    fields["ends_at"] = fields["starts_at"] - HOUR
    errors = field_error(activities.create_activity, by=editor, organiser=world.owner,
                         stages=[stage()], **fields)  # fmt: skip
    assert list(errors) == ["ends_at"]
    assert Activity.objects.count() == 1

    errors = field_error(activities.update_activity, activity=record.activity, by=editor,
                         ends_at=record.activity.starts_at - HOUR)  # fmt: skip
    assert list(errors) == ["ends_at"]
    assert Activity.objects.get(pk=record.activity.pk).ends_at == record.activity.ends_at


def test_an_activity_without_stages_is_not_half_written(world, editor):
    errors = field_error(activities.create_activity, by=editor, organiser=world.owner,
                         stages=[], **activity_fields(world))  # fmt: skip
    assert list(errors) == ["stages"]
    assert not Activity.objects.exists()
    assert not Activity.history.exists()


def test_a_referral_to_ones_own_agency(world, editor):
    errors = field_error(referrals.send_referral, by=editor, from_agency=world.owner,
                         to_agency=world.owner, business=world.business,
                         stage=stage("pemasaran"), reason="Ke diri sendiri")  # fmt: skip
    assert list(errors) == ["to_agency"]
    assert not Referral.objects.exists()


def test_a_referral_due_in_the_past(world, editor):
    errors = field_error(referrals.send_referral, by=editor, from_agency=world.owner,
                         to_agency=world.leading, business=world.business,
                         stage=stage("pemasaran"), reason="Terlambat",
                         due_on=timezone.localdate() - datetime.timedelta(days=1))  # fmt: skip
    assert list(errors) == ["due_on"]
    assert not Referral.objects.exists()


@pytest.mark.parametrize(
    "fields",
    [{"amount": 5_000_000}, {"benefit": "non_financial", "amount": 1},
     {"benefit": "grant"}, {"benefit": "kur", "amount": 0}],
    ids=["amount without benefit", "amount with non-financial", "grant without amount",
         "kur of nothing"],
)  # fmt: skip
def test_an_amount_without_a_money_benefit_and_the_reverse(world, editor, fields):
    errors = field_error(help.record_service, by=editor, agency=world.owner,
                         business=world.business, kind="akses_modal", **fields)  # fmt: skip
    assert list(errors) == ["amount"]
    assert not Service.objects.exists()


def test_a_correction_gets_the_same_field_errors_and_changes_nothing(world, record, editor):
    errors = field_error(help.correct_service, service=record.service, by=editor,
                         amount=10_000_000, summary="Dengan uang")  # fmt: skip
    assert list(errors) == ["amount"]
    record.service.refresh_from_db()
    assert (record.service.amount, record.service.summary) == (None, "")

    corrected = help.correct_service(service=record.service, by=editor, benefit="grant",
                                     amount=10_000_000)  # fmt: skip
    assert Service.objects.get(pk=corrected.pk).amount == 10_000_000


def test_fields_the_caller_may_not_set_are_refused(world, record, editor):
    errors = field_error(help.correct_service, service=record.service, by=editor,
                         agency=world.other)  # fmt: skip
    assert list(errors) == ["agency"]
    assert Service.objects.get(pk=record.service.pk).agency == world.owner


def test_a_participant_for_a_cancelled_activity(world, record, editor):
    activities.cancel_activity(activity=record.activity, by=editor, reason="Banjir")
    errors = field_error(activities.add_participants, activity=record.activity, by=editor,
                         businesses=[world.foreign_business])  # fmt: skip
    assert list(errors) == ["activity"]
    assert record.activity.participations.count() == 1


COMPLETED = {"status": "completed"}


@pytest.mark.parametrize(
    "change",
    [lambda r, by: activities.update_participation(participation=r.participation, by=by,
                                                   **COMPLETED),
     lambda r, by: activities.mark_participants(activity=r.activity, by=by,
                                                changes={r.participation.pk: COMPLETED}),
     lambda r, by: activities.remove_participation(participation=r.participation, by=by)],
    ids=["update", "mark", "remove"],
)  # fmt: skip
def test_a_cancelled_activity_keeps_its_participants_as_they_were(world, record, editor, change):
    activities.cancel_activity(activity=record.activity, by=editor, reason="Banjir")
    with pytest.raises(NotAllowedNow):
        change(record, editor)
    participation = Participation.objects.get(pk=record.participation.pk)
    assert participation.status == "registered"


def test_a_second_participation_refuses_the_whole_list(world, record, editor):
    newcomers = [world.foreign_business, BusinessFactory(name="Madu Kelulut")]
    errors = field_error(activities.add_participants, activity=record.activity, by=editor,
                         businesses=[*newcomers, world.business])  # fmt: skip
    assert list(errors) == ["business"]
    assert world.business.name in errors["business"][0]
    assert record.activity.participations.count() == 1


def test_an_inactive_business_refuses_the_whole_list(world, record, editor):
    dormant = BusinessFactory(name="Usaha Tidur", is_active=False)
    errors = field_error(activities.add_participants, activity=record.activity, by=editor,
                         businesses=[world.foreign_business, dormant])  # fmt: skip
    assert list(errors) == ["business"]
    assert "Usaha Tidur" in errors["business"][0]
    assert record.activity.participations.count() == 1


def test_a_full_activity_refuses_more_than_its_room(world, record, editor):
    Activity.objects.filter(pk=record.activity.pk).update(capacity=2)
    errors = field_error(activities.add_participants, activity=record.activity, by=editor,
                         businesses=[world.foreign_business, BusinessFactory()])  # fmt: skip
    assert list(errors) == ["business"]
    assert record.activity.participations.count() == 1


def test_marking_an_unknown_participant_marks_no_one(world, record, editor):
    other = ParticipationFactory()  # of another activity
    errors = field_error(activities.mark_participants, activity=record.activity, by=editor,
                         changes={record.participation.pk: {"status": "completed"},
                                  other.pk: {"status": "completed"}})  # fmt: skip
    assert list(errors) == ["participants"]
    assert Participation.objects.filter(status="completed").count() == 0


def test_an_attended_participation_is_not_removed(world, record, editor):
    activities.update_participation(participation=record.participation, by=editor,
                                    status="attended")  # fmt: skip
    with pytest.raises(NotAllowedNow):
        activities.remove_participation(participation=record.participation, by=editor)
    assert Participation.objects.filter(pk=record.participation.pk).exists()


@pytest.mark.parametrize("person", ["owner_editor", "collab_manager", "invited_manager"])
def test_verify_by_someone_who_is_no_leading_sector_reviewer(world, record, person):
    with pytest.raises(PermissionDenied):
        progress.verify_snapshot(snapshot=record.snapshot, by=world.people[person])
    with pytest.raises(PermissionDenied):
        progress.verify_milestone(milestone=record.milestone, by=world.people[person])
    assert not Snapshot.objects.verified().exists()
    assert not Milestone.objects.verified().exists()


def test_verifying_twice_is_not_allowed_now(world, record):
    reviewer = world.people["reviewer"]
    progress.verify_milestone(milestone=record.milestone, by=reviewer)
    with pytest.raises(NotAllowedNow):
        progress.verify_milestone(milestone=record.milestone, by=world.people["administrator"])
    assert Milestone.objects.get(pk=record.milestone.pk).verified_by == reviewer


def test_an_answer_to_an_answered_referral_is_not_allowed_now(world, record):
    administrator = world.people["administrator"]
    referrals.answer_referral(referral=record.referral, by=administrator, action="decline",
                              note="Bukan bidang kami")  # fmt: skip
    for action in ("accept", "decline", "complete", "cancel"):
        with pytest.raises(NotAllowedNow):
            referrals.answer_referral(referral=record.referral, by=administrator, action=action,
                                      note="Lagi")  # fmt: skip
    referral = Referral.objects.get(pk=record.referral.pk)
    assert (referral.status, referral.answer_note) == ("declined", "Bukan bidang kami")


def test_checks_come_in_order_403_then_409_then_400(world, record):
    referrals.answer_referral(referral=record.referral, by=world.people["administrator"],
                              action="accept")  # fmt: skip
    # Someone without the right hears 403 even though the state also forbids the step.
    with pytest.raises(PermissionDenied):
        referrals.answer_referral(referral=record.referral, by=world.people["other_editor"],
                                  action="decline")  # fmt: skip
    # The right person with a bad state hears 409, even with a missing note.
    with pytest.raises(NotAllowedNow):
        referrals.answer_referral(referral=record.referral, by=world.people["administrator"],
                                  action="decline")  # fmt: skip
    # And a missing note on an allowed step is 400 next to the note.
    errors = field_error(referrals.answer_referral, referral=record.referral,
                         by=world.people["owner_editor"], action="cancel", note=" ")  # fmt: skip
    assert list(errors) == ["note"]
    assert Referral.objects.get(pk=record.referral.pk).status == "accepted"


def test_an_unknown_step_is_a_field_error(world, record):
    errors = field_error(referrals.answer_referral, referral=record.referral,
                         by=world.people["administrator"], action="forward")  # fmt: skip
    assert list(errors) == ["action"]


@pytest.mark.parametrize(
    ("call", "target"),
    [(help.void_service, "service"), (activities.cancel_activity, "activity")],
)
def test_voiding_and_cancelling_need_a_reason(world, record, editor, call, target):
    errors = field_error(call, by=editor, reason="  ", **{target: getattr(record, target)})
    assert list(errors) == ["reason"]
    assert not Service.objects.filter(voided_at__isnull=False).exists()
    assert not Activity.objects.filter(cancelled_at__isnull=False).exists()


def test_a_snapshot_needs_capital_or_turnover_and_a_milestone_is_not_in_the_future(world, editor):
    errors = field_error(progress.record_snapshot, by=editor, business=world.business,
                         taken_on=timezone.localdate())  # fmt: skip
    assert list(errors) == ["capital"]
    errors = field_error(progress.record_milestone, by=editor, business=world.business,
                         kind="nib",
                         achieved_on=timezone.localdate() + datetime.timedelta(days=1))  # fmt: skip
    assert list(errors) == ["achieved_on"]
    assert not Snapshot.objects.exists()
    assert not Milestone.objects.exists()


def test_text_is_stored_as_given(world, editor):
    text = '<script>alert("x")</script> & Lada "putih"'
    service = help.record_service(by=editor, agency=world.owner, business=world.business,
                                  kind="konsultasi", summary=text)  # fmt: skip
    assert Service.objects.get(pk=service.pk).summary == text


# What the workflow fills in when the form leaves it out.


def test_a_service_defaults_to_the_stage_of_its_kind_today_and_its_recorder(world, editor):
    service = help.record_service(by=editor, agency=world.owner, business=world.business,
                                  kind="fasilitasi_perizinan")  # fmt: skip
    service = Service.objects.get(pk=service.pk)
    assert (service.stage.code, service.provided_on) == ("perizinan", timezone.localdate())
    assert service.recorded_by == editor
    assert help.default_stage("akses_modal") == stage("permodalan")
    assert help.default_stage("bogus") is None


def test_a_referral_is_due_in_two_weeks_and_a_milestone_takes_the_stage_of_its_kind(world, editor):
    referral = referrals.send_referral(by=editor, from_agency=world.owner,
                                       to_agency=world.leading, business=world.business,
                                       stage=stage("pemasaran"), reason="Pameran")  # fmt: skip
    milestone = progress.record_milestone(by=editor, business=world.business,
                                          kind="capital_received",
                                          achieved_on=timezone.localdate())  # fmt: skip
    assert referral.due_on == timezone.localdate() + datetime.timedelta(days=referrals.ANSWER_DAYS)
    assert (referral.status, referral.sent_by) == ("sent", editor)
    assert Milestone.objects.get(pk=milestone.pk).stage == stage("permodalan")


def test_co_organisers_leave_out_the_organiser(world, editor):
    activity = activities.create_activity(by=editor, organiser=world.owner, stages=[stage()],
                                          co_organisers=[world.owner, world.collaborator],
                                          **activity_fields(world))  # fmt: skip
    assert list(activity.co_organisers.all()) == [world.collaborator]
    assert activity.created_by == editor


# History: who changed what, on services, referrals, snapshots and milestones.


def authors(instance) -> list[tuple[str, object]]:
    """(history type, user) of an object's history rows, oldest first."""
    return [(row.history_type, row.history_user) for row in instance.history.order_by("pk")]


def test_history_of_a_service_names_each_author(world, editor):
    manager = world.people["owner_manager"]
    service = help.record_service(by=editor, agency=world.owner, business=world.business,
                                  kind="konsultasi")  # fmt: skip
    help.correct_service(service=service, by=manager, summary="Dilengkapi")
    help.void_service(service=service, by=editor, reason="Ganda")

    assert authors(service) == [("+", editor), ("~", manager), ("~", editor)]
    assert service.history.earliest("pk").summary == ""


def test_history_of_a_referral_names_each_author(world, editor):
    receiver = world.people["collab_editor"]
    referral = referrals.send_referral(by=editor, from_agency=world.owner,
                                       to_agency=world.collaborator, business=world.business,
                                       stage=stage("perizinan"), reason="P-IRT")  # fmt: skip
    referrals.answer_referral(referral=referral, by=receiver, action="accept")
    referrals.answer_referral(referral=referral, by=receiver, action="complete", note="Terbit")

    assert authors(referral) == [("+", editor), ("~", receiver), ("~", receiver)]
    assert [row.status for row in referral.history.order_by("pk")] == [
        "sent", "accepted", "completed"]  # fmt: skip


def test_history_of_snapshots_and_milestones_names_recorder_and_verifier(world, editor):
    reviewer = world.people["reviewer"]
    snapshot = progress.record_snapshot(by=editor, business=world.business,
                                        taken_on=timezone.localdate(), capital=1)  # fmt: skip
    milestone = progress.record_milestone(by=editor, business=world.business, kind="nib",
                                          achieved_on=timezone.localdate(),
                                          credited_agencies=[world.owner])  # fmt: skip
    progress.verify_snapshot(snapshot=snapshot, by=reviewer)
    progress.verify_milestone(milestone=milestone, by=reviewer)

    assert authors(snapshot) == [("+", editor), ("~", reviewer)]
    assert authors(milestone)[0] == ("+", editor)
    assert authors(milestone)[-1] == ("~", reviewer)
    assert {user for _, user in authors(milestone)} == {editor, reviewer}
    latest = milestone.history.latest("pk")
    assert [row.agency for row in latest.credited_agencies.all()] == [world.owner]


# Migrations.


@pytest.mark.django_db(transaction=True)
def test_the_migrations_go_back_to_zero_and_forward_again():
    call_command("migrate", "support", "zero", verbosity=0)
    assert not [name for name in connection.introspection.table_names() if
                name.startswith("support_")]  # fmt: skip

    call_command("migrate", verbosity=0)  # also whatever depends on support

    assert list(Stage.objects.values_list("code", flat=True)) == list(STAGE_CODES)
    assert Stage.objects.get(code="perizinan").name_en == "Licences and certificates"
