"""The development record's rights against every cell of the DESIGN §8 table (the rows of
issue 13: records, activities, participants, services, referrals, progress).

The world is the rights-matrix one of tests/conftest.py with the `record` of
tests/support/conftest.py: Dinas Pertanian (Distan, `owner`) organises a training that Diskop
(`collaborator`) co-organises, gave a service, and referred the business to Disperindag
(`leading`). Besides the world's people, Disperindag gains an editor and a manager (the receiving
agency's staff), DKP a reviewer (a reviewer of an agency that is no leading sector), and there is
a signed-in user without any agency.

Each row is an action, each column a person, and every row names every column; each cell is a
subtest of its row, run in a savepoint on the row's one record. The table is checked twice: once
on the predicates of support/rules.py (agreeing with the user-scoped querysets where there is
one), once through the workflow functions of support/services/, which either write (and the
database shows it) or refuse with PermissionDenied and write nothing.
"""

import datetime
from contextlib import contextmanager

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from agencies.models import Role
from support import rules
from support.models import Activity, Milestone, Participation, Referral, Service, Snapshot
from support.services import activities, help, progress, referrals
from tests.factories import ActivityFactory, UserFactory, stage
from tests.helpers import member

A, OUT = "anonymous", "outsider"
OE, OM = "owner_editor", "owner_manager"  # Distan: organiser, provider, sender
CE, CM = "collab_editor", "collab_manager"  # Diskop: co-organiser (a leading sector)
XE, XM = "other_editor", "invited_manager"  # DKP: another agency
FE = "foreign_editor"  # Dispar: registered the other business
LE, LM = "leading_editor", "leading_manager"  # Disperindag: receives the referral
R = "reviewer"  # a reviewer of Disperindag, a leading sector
NR = "plain_reviewer"  # a reviewer of DKP, no leading sector
AD = "administrator"

PEOPLE = (A, OUT, OE, OM, CE, CM, XE, XM, FE, LE, LM, R, NR, AD)
EDITORS = (OE, OM, CE, CM, XE, XM, FE, LE, LM)
MEMBERS = (*EDITORS, R, NR)


def yes(*allowed: str) -> dict[str, bool]:
    """A whole row: True for `allowed`, False for everyone else."""
    unknown = set(allowed) - set(PEOPLE)
    assert not unknown, unknown
    return {person: person in allowed for person in PEOPLE}


@pytest.fixture(autouse=True)
def _more_people(world):
    world.people[LE] = member(world.leading, username="disperindag.editor")
    world.people[LM] = member(world.leading, Role.MANAGER, username="disperindag.manager")
    world.people[NR] = member(world.other, Role.REVIEWER, username="kelautan.reviewer")
    world.people[OUT] = UserFactory(username="tanpa.dinas")


def agreeing(predicate: bool, *in_querysets: bool) -> bool:
    assert all(found == predicate for found in in_querysets), "predicate and queryset disagree"
    return predicate


# The predicates (support/rules.py), with their querysets where there is one.


def sees_record(w, r, user):
    return agreeing(
        rules.can_see_records(user),
        Activity.objects.visible_to(user).filter(pk=r.activity.pk).exists(),  # not public
        Service.objects.visible_to(user).filter(pk=r.service.pk).exists(),
        Referral.objects.visible_to(user).filter(pk=r.referral.pk).exists(),
        Snapshot.objects.visible_to(user).filter(pk=r.snapshot.pk).exists(),
        Milestone.objects.visible_to(user).filter(pk=r.milestone.pk).exists(),
    )


def sees_public_activity(w, r, user):
    public = ActivityFactory(organiser=w.owner, is_public=True)
    return Activity.objects.visible_to(user).filter(pk=public.pk).exists()


def edits_activity(w, r, user):
    return agreeing(
        rules.can_edit_activity(user, r.activity),
        Activity.objects.editable_by(user).filter(pk=r.activity.pk).exists(),
    )


def manages_participants(w, r, user):
    return agreeing(
        rules.can_manage_participants(user, r.activity),
        Activity.objects.managed_by(user).filter(pk=r.activity.pk).exists(),
    )


def changes_service(w, r, user):
    return agreeing(
        rules.can_change_service(user, r.service),
        Service.objects.changeable_by(user).filter(pk=r.service.pk).exists(),
    )


def inactive(business):
    business.is_active = False
    business.save(update_fields=["is_active"])
    return business


RULES = [
    ("see a business's development record", sees_record, yes(*MEMBERS, AD)),
    ("see a public activity", sees_public_activity, yes(*PEOPLE)),
    ("create an activity for Distan",
     lambda w, r, u: rules.can_create_activity(u, w.owner), yes(OE, OM, AD)),
    ("create an activity for some agency",
     lambda w, r, u: rules.can_create_activity(u), yes(*EDITORS, AD)),
    ("edit or cancel Distan's activity", edits_activity, yes(OE, OM, AD)),
    ("manage the participants of Distan's activity co-organised by Diskop",
     manages_participants, yes(OE, OM, CE, CM, AD)),
    ("record a service as Distan", lambda w, r, u: rules.can_record_service(u, w.owner, w.business),
     yes(OE, OM, AD)),
    ("record a service as DKP for a business Dispar registered",
     lambda w, r, u: rules.can_record_service(u, w.other, w.foreign_business), yes(XE, XM, AD)),
    ("record a service as some agency", lambda w, r, u: rules.can_record_service(u),
     yes(*EDITORS, AD)),
    ("record a service for an inactive business",
     lambda w, r, u: rules.can_record_service(u, w.owner, inactive(w.business)), yes()),
    ("correct or void Distan's service", changes_service, yes(OE, OM, AD)),
    ("send a referral from Distan", lambda w, r, u: rules.can_send_referral(u, w.owner),
     yes(OE, OM, AD)),
    ("send a referral from some agency", lambda w, r, u: rules.can_send_referral(u),
     yes(*EDITORS, AD)),
    ("accept, decline or complete a referral to Disperindag",
     lambda w, r, u: rules.can_respond_to_referral(u, r.referral), yes(LE, LM, AD)),
    ("cancel Distan's referral", lambda w, r, u: rules.can_cancel_referral(u, r.referral),
     yes(OE, OM, AD)),
    ("record a snapshot or milestone", lambda w, r, u: rules.can_record_progress(u),
     yes(*EDITORS, R, AD)),
    ("verify a snapshot or milestone", lambda w, r, u: rules.can_verify_progress(u), yes(R, AD)),
]  # fmt: skip


@contextmanager
def undone():
    """Whatever happens inside is rolled back after it (a savepoint): each person of a row
    starts from the same record, which is built once per row."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


@pytest.mark.parametrize(
    ("check", "row"), [pytest.param(check, row, id=action) for action, check, row in RULES]
)
def test_rule(world, record, subtests, check, row):
    for person, expected in row.items():
        with subtests.test(person=person), undone():
            assert check(world, record, world.people[person]) is expected


# The workflow functions: each does one write as `user`; its twin reads whether it happened.

SOON = datetime.timedelta(days=3)


def create_activity(w, r, user):
    starts = timezone.now() + SOON
    activities.create_activity(
        by=user,
        organiser=w.owner,
        stages=[stage("pelatihan")],
        kind="bimtek",
        title="Bimtek uji hak",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=4),
        region=w.region,
    )


def accepted(referral):
    Referral.objects.filter(pk=referral.pk).update(status="accepted", answered_at=timezone.now())
    referral.refresh_from_db()
    return referral


def step(action, note="", prepare=lambda referral: referral):
    def do(w, r, user):
        referrals.answer_referral(referral=prepare(r.referral), by=user, action=action, note=note)

    return do


def referral_is(status):
    return lambda w, r: Referral.objects.get(pk=r.referral.pk).status == status


WRITES = [
    ("create an activity for Distan", create_activity,
     lambda w, r: Activity.objects.filter(title="Bimtek uji hak").exists(), yes(OE, OM, AD)),
    ("edit Distan's activity",
     lambda w, r, u: activities.update_activity(activity=r.activity, by=u, title="Judul baru"),
     lambda w, r: Activity.objects.get(pk=r.activity.pk).title == "Judul baru", yes(OE, OM, AD)),
    ("cancel Distan's activity",
     lambda w, r, u: activities.cancel_activity(activity=r.activity, by=u, reason="Banjir"),
     lambda w, r: Activity.objects.get(pk=r.activity.pk).is_cancelled, yes(OE, OM, AD)),
    ("add a participant",
     lambda w, r, u: activities.add_participants(
         activity=r.activity, by=u, businesses=[w.foreign_business]),
     lambda w, r: r.activity.participations.filter(business=w.foreign_business).exists(),
     yes(OE, OM, CE, CM, AD)),
    ("change a participation",
     lambda w, r, u: activities.update_participation(
         participation=r.participation, by=u, status="attended"),
     lambda w, r: Participation.objects.get(pk=r.participation.pk).status == "attended",
     yes(OE, OM, CE, CM, AD)),
    ("mark attendance and completion",
     lambda w, r, u: activities.mark_participants(
         activity=r.activity, by=u, changes={r.participation.pk: {"status": "completed"}}),
     lambda w, r: Participation.objects.get(pk=r.participation.pk).status == "completed",
     yes(OE, OM, CE, CM, AD)),
    ("remove a registration",
     lambda w, r, u: activities.remove_participation(participation=r.participation, by=u),
     lambda w, r: not Participation.objects.filter(pk=r.participation.pk).exists(),
     yes(OE, OM, CE, CM, AD)),
    ("record a service as Distan",
     lambda w, r, u: help.record_service(
         by=u, agency=w.owner, business=w.business, kind="konsultasi", summary="Uji hak"),
     lambda w, r: Service.objects.filter(agency=w.owner, summary="Uji hak").exists(),
     yes(OE, OM, AD)),
    ("record a service as DKP for a business Dispar registered",
     lambda w, r, u: help.record_service(
         by=u, agency=w.other, business=w.foreign_business, kind="akses_pasar"),
     lambda w, r: Service.objects.filter(agency=w.other, business=w.foreign_business).exists(),
     yes(XE, XM, AD)),
    ("correct Distan's service",
     lambda w, r, u: help.correct_service(service=r.service, by=u, summary="Dikoreksi"),
     lambda w, r: Service.objects.get(pk=r.service.pk).summary == "Dikoreksi", yes(OE, OM, AD)),
    ("void Distan's service",
     lambda w, r, u: help.void_service(service=r.service, by=u, reason="Salah catat"),
     lambda w, r: Service.objects.get(pk=r.service.pk).is_voided, yes(OE, OM, AD)),
    ("send a referral from Distan",
     lambda w, r, u: referrals.send_referral(
         by=u, from_agency=w.owner, to_agency=w.other, business=w.business,
         stage=stage("perizinan"), reason="Perlu P-IRT"),
     lambda w, r: Referral.objects.filter(to_agency=w.other).exists(), yes(OE, OM, AD)),
    ("accept the referral to Disperindag", step("accept"), referral_is("accepted"),
     yes(LE, LM, AD)),
    ("decline it", step("decline", "Bukan bidang kami"), referral_is("declined"),
     yes(LE, LM, AD)),
    ("complete it once accepted", step("complete", prepare=accepted), referral_is("completed"),
     yes(LE, LM, AD)),
    ("cancel Distan's referral", step("cancel", "Sudah ditangani"), referral_is("cancelled"),
     yes(OE, OM, AD)),
    ("cancel Distan's accepted referral", step("cancel", "Sudah ditangani", accepted),
     referral_is("cancelled"), yes(OE, OM, AD)),
    ("record a snapshot",
     lambda w, r, u: progress.record_snapshot(
         by=u, business=w.business, taken_on=timezone.localdate(), turnover=900_000_000),
     lambda w, r: Snapshot.objects.filter(turnover=900_000_000).exists(), yes(*EDITORS, R, AD)),
    ("record a milestone",
     lambda w, r, u: progress.record_milestone(
         by=u, business=w.business, kind="ekatalog", achieved_on=timezone.localdate()),
     lambda w, r: Milestone.objects.filter(kind="ekatalog").exists(), yes(*EDITORS, R, AD)),
    ("verify the snapshot",
     lambda w, r, u: progress.verify_snapshot(snapshot=r.snapshot, by=u),
     lambda w, r: Snapshot.objects.get(pk=r.snapshot.pk).is_verified, yes(R, AD)),
    ("verify the milestone",
     lambda w, r, u: progress.verify_milestone(milestone=r.milestone, by=u),
     lambda w, r: Milestone.objects.get(pk=r.milestone.pk).is_verified, yes(R, AD)),
]  # fmt: skip


@pytest.mark.parametrize(
    ("do", "done", "row"),
    [pytest.param(do, done, row, id=action) for action, do, done, row in WRITES],
)
def test_write(world, record, subtests, do, done, row):
    for person, expected in row.items():
        with subtests.test(person=person), undone():
            try:
                do(world, record, world.people[person])
            except PermissionDenied:
                allowed = False
            else:
                allowed = True
            assert allowed is expected
            assert done(world, record) is expected, "the database does not show what was answered"


def test_every_write_names_the_acting_user(world, record):
    """Where a record keeps who did it, it is the acting user (never a field the caller sets)."""
    editor, manager, reviewer = (world.people[p] for p in (OE, LM, R))
    service = help.record_service(by=editor, agency=world.owner, business=world.business,
                                  kind="konsultasi")  # fmt: skip
    help.void_service(service=service, by=editor, reason="Ganda")
    referral = referrals.answer_referral(referral=record.referral, by=manager, action="accept")
    snapshot = progress.verify_snapshot(snapshot=record.snapshot, by=reviewer)
    service.refresh_from_db()
    assert (service.recorded_by, service.voided_by) == (editor, editor)
    assert referral.answered_by == manager
    assert snapshot.verified_by == reviewer


def test_steps_offered_on_a_sent_referral_follow_the_table(world, record):
    steps = {p: referrals.allowed_steps(record.referral, world.people[p]) for p in PEOPLE}
    assert steps[LE] == steps[LM] == ["accept", "decline"]
    assert steps[OE] == steps[OM] == ["cancel"]
    assert steps[AD] == ["accept", "decline", "cancel"]
    assert all(not steps[p] for p in PEOPLE if p not in (LE, LM, OE, OM, AD))
    assert referrals.allowed_steps(accepted(record.referral), world.people[LE]) == ["complete"]


def test_a_service_for_an_inactive_business_is_bad_input_not_a_right(world):
    """The predicate hides the button; the workflow says why next to the business field, and
    still answers 403 first to someone who may not record at all."""
    business = inactive(world.business)
    with pytest.raises(ValidationError) as error:
        help.record_service(by=world.people[OE], agency=world.owner, business=business,
                            kind="konsultasi")  # fmt: skip
    assert "business" in error.value.message_dict
    with pytest.raises(PermissionDenied):
        help.record_service(by=world.people[A], agency=world.owner, business=business,
                            kind="konsultasi")  # fmt: skip
    assert not Service.objects.filter(business=business, kind="konsultasi").exists()


def test_a_new_co_organiser_manages_participants_but_does_not_edit(world, record):
    record.activity.co_organisers.add(world.other)
    editor = world.people[XE]
    assert rules.can_manage_participants(editor, record.activity)
    assert not rules.can_edit_activity(editor, record.activity)
    activities.add_participants(activity=record.activity, by=editor,
                                businesses=[world.foreign_business])  # fmt: skip
    with pytest.raises(PermissionDenied):
        activities.update_activity(activity=record.activity, by=editor, title="Diambil alih")
    assert record.activity.participations.count() == 2
    assert Activity.objects.get(pk=record.activity.pk).title != "Diambil alih"


def test_removed_member_loses_rights_on_the_next_check(world, record):
    editor = world.people[OE]
    assert rules.can_change_service(editor, record.service)

    editor.memberships.filter(agency=world.owner).delete()

    assert not rules.can_change_service(editor, record.service)
    assert not rules.can_see_records(editor)
    with pytest.raises(PermissionDenied):
        help.void_service(service=record.service, by=editor, reason="Sudah keluar")


def test_deactivated_user_has_no_rights(world, record):
    for person in (OE, R):
        user = world.people[person]
        user.is_active = False
        user.save()
        assert not rules.can_see_records(user)
        assert not rules.can_record_progress(user)
        assert not Service.objects.visible_to(user).exists()
    assert not rules.can_verify_progress(world.people[R])
    assert not Service.objects.changeable_by(world.people[OE]).exists()


def test_superuser_is_an_administrator_here_too(world, record):
    boss = UserFactory(is_superuser=True)
    assert rules.can_verify_progress(boss)
    assert rules.can_respond_to_referral(boss, record.referral)
    assert Activity.objects.managed_by(boss).filter(pk=record.activity.pk).exists()
