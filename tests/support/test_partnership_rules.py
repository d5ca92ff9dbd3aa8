"""Partnerships' rights against the DESIGN §8 rows for partners, agreements, obligations and
monitoring reports, and the partner accounts (issue 14 items 1, 2 and 4's rights).

The world is the rights-matrix one (tests/conftest.py). Diskop (`collaborator`, a leading sector)
leads a signed agreement with the partner OKE OCE, in force for another year (`active`), and an
older one that has expired; a draft is in preparation. OKE OCE has a mentor (`partner_staff`); a
second partner, not party to any of them, has one too (`foreign_partner_staff`). Disperindag
(`leading`) gains an editor and a manager: managers of a leading sector that leads nothing here.

Each row is an action, each column a person; every cell is a subtest of its row. The table is
checked on the predicates of support/rules.py (agreeing with the querysets where there is one),
then through the workflow functions, which either write (the database shows it) or refuse with
PermissionDenied and write nothing.
"""

import datetime
from contextlib import contextmanager
from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from agencies.models import Role
from catalog import rules as catalog_rules
from catalog.models import Product
from support import rules
from support.models import (
    Activity,
    Agreement,
    MonitoringReport,
    Obligation,
    Partner,
    Service,
)
from support.services import activities, agreements, help, reports
from tests.factories import (
    ActivityFactory,
    AgreementFactory,
    MonitoringReportFactory,
    ObligationFactory,
    ParticipationFactory,
    PartnerFactory,
    PartnerMembershipFactory,
    ServiceFactory,
    UserFactory,
    signed_between,
    stage,
)
from tests.helpers import member

A, OUT = "anonymous", "outsider"
OE, OM = "owner_editor", "owner_manager"  # Distan
CE, CM = "collab_editor", "collab_manager"  # Diskop: lead agency, a leading sector
XE, XM = "other_editor", "invited_manager"  # DKP
FE = "foreign_editor"  # Dispar
LE, LM = "leading_editor", "leading_manager"  # Disperindag: a leading sector, leads nothing here
R = "reviewer"
AD = "administrator"
PS = "partner_staff"  # OKE OCE's mentor
PX = "foreign_partner_staff"  # a mentor of a partner party to nothing

PEOPLE = (A, OUT, OE, OM, CE, CM, XE, XM, FE, LE, LM, R, AD, PS, PX)
EDITORS = (OE, OM, CE, CM, XE, XM, FE, LE, LM)
MANAGERS = (OM, CM, XM, LM)
MEMBERS = (*EDITORS, R)


def yes(*allowed: str) -> dict[str, bool]:
    unknown = set(allowed) - set(PEOPLE)
    assert not unknown, unknown
    return {person: person in allowed for person in PEOPLE}


@pytest.fixture
def deal(world):
    """The agreements, their obligation, a report, and the partners' people."""
    world.people[LE] = member(world.leading, username="disperindag.editor")
    world.people[LM] = member(world.leading, Role.MANAGER, username="disperindag.manager")
    world.people[OUT] = UserFactory(username="tanpa.dinas")
    oke = PartnerFactory(name="OKE OCE Indonesia", slug="oke-oce")
    stranger = PartnerFactory(name="Bank Daerah", slug="bank-daerah", kind="bank")
    world.people[PS] = PartnerMembershipFactory(
        partner=oke, user=UserFactory(username="okeoce.mentor")
    ).user
    world.people[PX] = PartnerMembershipFactory(
        partner=stranger, user=UserFactory(username="bank.mentor")
    ).user
    today = timezone.localdate()
    active, agency_party, partner_party = signed_between(world.collaborator, oke)
    expired, *_ = signed_between(
        world.collaborator,
        oke,
        valid_from=today - datetime.timedelta(days=400),
        valid_until=today - datetime.timedelta(days=35),
        signed_on=today - datetime.timedelta(days=410),
    )
    draft, *_ = signed_between(world.collaborator, oke, status="draft", signed_on=None)
    obligation = ObligationFactory(agreement=active, party=partner_party)
    report = MonitoringReportFactory(agreement=active)
    partner_activity = ActivityFactory(organiser=world.collaborator, agreement=active)
    partner_activity.partners.add(oke)
    expired_activity = ActivityFactory(organiser=world.collaborator, agreement=expired)
    expired_activity.partners.add(oke)
    participation = ParticipationFactory(activity=partner_activity, business=world.business)
    partner_service = ServiceFactory(
        business=world.business, agency=None, partner=oke, agreement=active
    )
    expired_service = ServiceFactory(
        business=world.business,
        agency=None,
        partner=oke,
        agreement=expired,
        provided_on=today - datetime.timedelta(days=60),
    )
    return SimpleNamespace(
        oke=oke, stranger=stranger, active=active, expired=expired, draft=draft,
        agency_party=agency_party, partner_party=partner_party, obligation=obligation,
        report=report, partner_activity=partner_activity, expired_activity=expired_activity,
        participation=participation, partner_service=partner_service,
        expired_service=expired_service,
    )  # fmt: skip


def agreeing(predicate: bool, *in_querysets: bool) -> bool:
    assert all(found == predicate for found in in_querysets), "predicate and queryset disagree"
    return predicate


def submitted(report):
    MonitoringReport.objects.filter(pk=report.pk).update(status="submitted")
    report.refresh_from_db()
    return report


RULES = [
    ("see an active partner", lambda w, d, u: Partner.objects.visible_to(u).filter(
        pk=d.oke.pk).exists(), yes(*PEOPLE)),
    ("see a signed agreement", lambda w, d, u: Agreement.objects.visible_to(u).filter(
        pk=d.active.pk).exists(), yes(*PEOPLE)),
    ("see a draft agreement", lambda w, d, u: Agreement.objects.visible_to(u).filter(
        pk=d.draft.pk).exists(), yes(*MEMBERS, AD, PS)),
    ("see an agreement as one's partner's", lambda w, d, u: Agreement.objects.party_to(u).filter(
        pk=d.active.pk).exists(), yes(PS)),
    ("see the obligations of a signed agreement", lambda w, d, u: Obligation.objects.visible_to(
        u).filter(pk=d.obligation.pk).exists(), yes(*PEOPLE)),
    ("see a monitoring report", lambda w, d, u: MonitoringReport.objects.visible_to(u).filter(
        pk=d.report.pk).exists(), yes(*MEMBERS, AD)),
    ("see a business's whole development record", lambda w, d, u: rules.can_see_records(u),
     yes(*MEMBERS, AD)),
    ("see the services of one's partner's agreements",
     lambda w, d, u: Service.objects.visible_to(u).filter(pk=d.partner_service.pk).exists(),
     yes(*MEMBERS, AD, PS)),
    ("see the activities of one's partner's agreements (not public)",
     lambda w, d, u: Activity.objects.visible_to(u).filter(pk=d.partner_activity.pk).exists(),
     yes(*MEMBERS, AD, PS)),
    ("create partners", lambda w, d, u: rules.can_create_partner(u), yes(CM, LM, AD)),
    ("edit a partner", lambda w, d, u: rules.can_edit_partner(u, d.oke), yes(CM, LM, AD)),
    ("create an agreement led by Diskop",
     lambda w, d, u: rules.can_create_agreement(u, w.collaborator), yes(CM, AD)),
    ("create an agreement led by some agency", lambda w, d, u: rules.can_create_agreement(u),
     yes(*MANAGERS, AD)),
    ("edit, add obligations to, terminate Diskop's agreement",
     lambda w, d, u: agreeing(rules.can_manage_agreement(u, d.active),
                              Agreement.objects.managed_by(u).filter(pk=d.active.pk).exists(),
                              Obligation.objects.managed_by(u).filter(
                                  pk=d.obligation.pk).exists()),
     yes(CM, AD)),
    ("draft and submit Diskop's monitoring report",
     lambda w, d, u: agreeing(rules.can_draft_report(u, d.active),
                              Agreement.objects.reported_by(u).filter(pk=d.active.pk).exists(),
                              MonitoringReport.objects.managed_by(u).filter(
                                  pk=d.report.pk).exists()),
     yes(CE, CM)),
    ("accept or return a monitoring report",
     lambda w, d, u: rules.can_decide_report(u, d.report), yes(AD)),
    ("record a service as OKE OCE under its active agreement",
     lambda w, d, u: rules.can_record_service(u, partner=d.oke, agreement=d.active),
     yes(PS, AD)),
    ("record a service as OKE OCE under its expired agreement",
     lambda w, d, u: rules.can_record_service(u, partner=d.oke, agreement=d.expired), yes(AD)),
    ("record a service as OKE OCE under no agreement",
     lambda w, d, u: rules.can_record_service(u, partner=d.oke), yes(AD)),
    ("record a service as anyone at all", lambda w, d, u: rules.can_record_service(u),
     yes(*EDITORS, AD, PS)),
    ("record a service as Distan", lambda w, d, u: rules.can_record_service(u, w.owner),
     yes(OE, OM, AD)),
    ("correct or void OKE OCE's service under the active agreement",
     lambda w, d, u: agreeing(rules.can_change_service(u, d.partner_service),
                              Service.objects.changeable_by(u).filter(
                                  pk=d.partner_service.pk).exists()),
     yes(PS, AD)),
    ("correct or void OKE OCE's service under the expired agreement",
     lambda w, d, u: agreeing(rules.can_change_service(u, d.expired_service),
                              Service.objects.changeable_by(u).filter(
                                  pk=d.expired_service.pk).exists()),
     yes(AD)),
    ("create an activity under the active agreement, organised by Diskop",
     lambda w, d, u: rules.can_create_activity(u, w.collaborator, agreement=d.active),
     yes(CE, CM, PS, AD)),
    ("create an activity under the expired agreement, organised by Diskop",
     lambda w, d, u: rules.can_create_activity(u, w.collaborator, agreement=d.expired),
     yes(CE, CM, AD)),
    ("create an activity for some agency or agreement", lambda w, d, u:
     rules.can_create_activity(u), yes(*EDITORS, AD, PS)),
    ("create an activity for Distan", lambda w, d, u: rules.can_create_activity(u, w.owner),
     yes(OE, OM, AD)),
    ("edit the activity OKE OCE co-organises under the active agreement",
     lambda w, d, u: agreeing(rules.can_edit_activity(u, d.partner_activity),
                              Activity.objects.editable_by(u).filter(
                                  pk=d.partner_activity.pk).exists()),
     yes(CE, CM, PS, AD)),
    ("manage its participants",
     lambda w, d, u: agreeing(rules.can_manage_participants(u, d.partner_activity),
                              Activity.objects.managed_by(u).filter(
                                  pk=d.partner_activity.pk).exists()),
     yes(CE, CM, PS, AD)),
    ("manage the participants of one under the expired agreement",
     lambda w, d, u: agreeing(rules.can_manage_participants(u, d.expired_activity),
                              Activity.objects.managed_by(u).filter(
                                  pk=d.expired_activity.pk).exists()),
     yes(CE, CM, AD)),
    ("edit a product (the catalogue)",
     lambda w, d, u: catalog_rules.can_edit_product(u, Product.objects.get(pk=w.published.pk)),
     yes(OE, OM, CE, CM, AD)),
    ("create a business for Distan", lambda w, d, u: catalog_rules.can_create_business(u, w.owner),
     yes(OE, OM, AD)),
    ("record a snapshot or milestone", lambda w, d, u: rules.can_record_progress(u),
     yes(*EDITORS, R, AD)),
]  # fmt: skip


@contextmanager
def undone():
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


@pytest.mark.parametrize(
    ("check", "row"), [pytest.param(check, row, id=action) for action, check, row in RULES]
)
def test_rule(world, deal, subtests, check, row):
    for person, expected in row.items():
        with subtests.test(person=person), undone():
            assert check(world, deal, world.people[person]) is expected


# The workflow functions -------------------------------------------------------------------------


def create_agreement(w, d, u):
    today = timezone.localdate()
    agreements.create_agreement(
        by=u, lead_agency=w.collaborator, kind="pks", parent=None, title="PKS uji hak",
        valid_from=today, valid_until=today + datetime.timedelta(days=365),
        parties=[{"agency": w.collaborator}, {"partner": d.oke}],
    )  # fmt: skip


def open_report(w, d, u):
    reports.open_report(
        agreement=d.active,
        period_start=d.active.valid_from,
        period_end=d.active.valid_from + datetime.timedelta(days=10),
        by=u,
    )


def record_as_oke(w, d, u):
    help.record_service(by=u, partner=d.oke, agreement=d.active, business=w.business,
                        kind="konsultasi", summary="Uji hak mitra")  # fmt: skip


def create_partner_activity(w, d, u):
    starts = timezone.now() + datetime.timedelta(days=3)
    activities.create_activity(
        by=u, organiser=w.collaborator, agreement=d.active, stages=[stage("pelatihan")],
        kind="pelatihan", title="Pelatihan uji hak mitra", starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=3), region=w.region,
    )  # fmt: skip


WRITES = [
    ("create an agreement led by Diskop", create_agreement,
     lambda w, d: Agreement.objects.filter(title="PKS uji hak").exists(), yes(CM, AD)),
    ("sign the draft",
     lambda w, d, u: agreements.sign_agreement(agreement=d.draft, by=u),
     lambda w, d: Agreement.objects.get(pk=d.draft.pk).status == "signed", yes(CM, AD)),
    ("terminate the active agreement",
     lambda w, d, u: agreements.terminate_agreement(agreement=d.active, by=u, reason="Uji"),
     lambda w, d: Agreement.objects.get(pk=d.active.pk).status == "terminated", yes(CM, AD)),
    ("add an obligation",
     lambda w, d, u: agreements.add_obligation(
         agreement=d.active, by=u, party=d.agency_party, stage=stage("pelatihan"),
         activity_kind="pelatihan", target=30, unit="peserta", due_on=d.active.valid_until),
     lambda w, d: d.active.obligations.filter(unit="peserta").exists(), yes(CM, AD)),
    ("open a monitoring report", open_report,
     lambda w, d: d.active.reports.count() == 2, yes(CE, CM)),
    ("submit the draft report",
     lambda w, d, u: reports.submit(report=d.report, by=u),
     lambda w, d: MonitoringReport.objects.get(pk=d.report.pk).status == "submitted",
     yes(CE, CM)),
    ("accept a submitted report",
     lambda w, d, u: reports.accept(report=submitted(d.report), by=u),
     lambda w, d: MonitoringReport.objects.get(pk=d.report.pk).status == "accepted", yes(AD)),
    ("return a submitted report",
     lambda w, d, u: reports.return_report(report=submitted(d.report), by=u, comment="Lengkapi"),
     lambda w, d: MonitoringReport.objects.get(pk=d.report.pk).status == "returned", yes(AD)),
    ("record a service as OKE OCE under its active agreement", record_as_oke,
     lambda w, d: Service.objects.filter(summary="Uji hak mitra").exists(), yes(PS, AD)),
    ("void OKE OCE's service",
     lambda w, d, u: help.void_service(service=d.partner_service, by=u, reason="Ganda"),
     lambda w, d: Service.objects.get(pk=d.partner_service.pk).is_voided, yes(PS, AD)),
    ("create an activity under the active agreement", create_partner_activity,
     lambda w, d: Activity.objects.filter(title="Pelatihan uji hak mitra").exists(),
     yes(CE, CM, PS, AD)),
    ("add a participant to OKE OCE's activity",
     lambda w, d, u: activities.add_participants(
         activity=d.partner_activity, by=u, businesses=[w.foreign_business]),
     lambda w, d: d.partner_activity.participations.filter(
         business=w.foreign_business).exists(), yes(CE, CM, PS, AD)),
    ("mark attendance in OKE OCE's activity",
     lambda w, d, u: activities.update_participation(
         participation=d.participation, by=u, status="attended"),
     lambda w, d: d.participation.__class__.objects.get(pk=d.participation.pk).status
     == "attended", yes(CE, CM, PS, AD)),
]  # fmt: skip


@pytest.mark.parametrize(
    ("do", "done", "row"),
    [pytest.param(do, done, row, id=action) for action, do, done, row in WRITES],
)
def test_write(world, deal, subtests, do, done, row):
    for person, expected in row.items():
        with subtests.test(person=person), undone():
            try:
                do(world, deal, world.people[person])
            except PermissionDenied:
                allowed = False
            else:
                allowed = True
            assert allowed is expected
            assert done(world, deal) is expected, "the database does not show what was answered"


# Partner accounts: every refusal, and what they write --------------------------------------------


def test_partner_staff_write_nothing_under_an_expired_or_foreign_agreement(world, deal):
    mentor = world.people[PS]
    foreign, *_ = signed_between(world.owner, deal.stranger)
    for agreement in (deal.expired, foreign):
        with pytest.raises(PermissionDenied):
            help.record_service(by=mentor, partner=deal.oke, agreement=agreement,
                                business=world.business, kind="konsultasi")  # fmt: skip
    with pytest.raises(PermissionDenied):  # as another partner, under that partner's agreement
        help.record_service(by=mentor, partner=deal.stranger, agreement=foreign,
                            business=world.business, kind="konsultasi")  # fmt: skip
    with pytest.raises(PermissionDenied):  # as an agency
        help.record_service(by=mentor, agency=world.owner, business=world.business,
                            kind="konsultasi")  # fmt: skip
    with pytest.raises(PermissionDenied):
        activities.add_participants(activity=deal.expired_activity, by=mentor,
                                    businesses=[world.foreign_business])  # fmt: skip
    with pytest.raises(PermissionDenied):
        agreements.terminate_agreement(agreement=deal.active, by=mentor, reason="Bukan hak")
    with pytest.raises(PermissionDenied):
        reports.submit(report=deal.report, by=mentor)
    assert Service.objects.filter(kind="konsultasi").count() == 0
    assert deal.expired_activity.participations.count() == 0


def test_what_a_partner_records_names_the_partner_and_the_agreement(world, deal):
    mentor = world.people[PS]
    service = help.record_service(by=mentor, partner=deal.oke, agreement=deal.active,
                                  business=world.business, kind="pendampingan")  # fmt: skip
    assert (service.partner, service.agency, service.agreement) == (deal.oke, None, deal.active)
    assert service.recorded_by == mentor
    assert service.provider_name == "OKE OCE Indonesia"
    starts = timezone.now() + datetime.timedelta(days=2)
    activity = activities.create_activity(
        by=mentor, organiser=world.collaborator, agreement=deal.active, stages=[stage("pelatihan")],
        kind="pelatihan", title="Kelas OKE", starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2), region=world.region,
    )  # fmt: skip
    assert list(activity.partners.all()) == [deal.oke]
    assert activity.organiser == world.collaborator


def test_partner_staff_organise_only_with_an_agency_of_the_agreement(world, deal):
    starts = timezone.now() + datetime.timedelta(days=2)
    with pytest.raises(ValidationError) as error:
        activities.create_activity(
            by=world.people[PS], organiser=world.owner, agreement=deal.active,
            stages=[stage("pelatihan")], kind="pelatihan", title="Kelas liar", starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=2), region=world.region,
        )  # fmt: skip
    assert "agreement" in error.value.message_dict
    assert not Activity.objects.filter(title="Kelas liar").exists()


def test_a_removed_partner_membership_loses_the_right_on_the_next_check(world, deal):
    mentor = world.people[PS]
    assert rules.can_record_service(mentor, partner=deal.oke, agreement=deal.active)
    mentor.partner_memberships.all().delete()
    assert not rules.can_record_service(mentor, partner=deal.oke, agreement=deal.active)
    assert not Service.objects.visible_to(mentor).exists()


def test_an_inactive_partner_s_staff_have_no_right(world, deal):
    Partner.objects.filter(pk=deal.oke.pk).update(is_active=False)
    mentor = world.people[PS]
    assert not rules.can_record_service(mentor, partner=deal.oke, agreement=deal.active)
    assert not Agreement.objects.party_to(mentor).exists()


def test_an_agency_service_under_an_agreement_is_by_one_of_its_parties(world, deal):
    with pytest.raises(ValidationError) as error:
        help.record_service(by=world.people[OE], agency=world.owner, agreement=deal.active,
                            business=world.business, kind="konsultasi")  # fmt: skip
    assert "agreement" in error.value.message_dict
    service = help.record_service(by=world.people[CE], agency=world.collaborator,
                                  agreement=deal.active, business=world.business,
                                  kind="konsultasi")  # fmt: skip
    assert service.agreement == deal.active


def test_a_partner_service_needs_an_agreement_and_a_date_in_its_term(world, deal):
    admin = world.people[AD]
    with pytest.raises(ValidationError) as error:
        help.record_service(by=admin, partner=deal.oke, business=world.business,
                            kind="konsultasi")  # fmt: skip
    assert "agreement" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        help.record_service(
            by=admin,
            partner=deal.oke,
            agreement=deal.active,
            business=world.business,
            kind="konsultasi",
            provided_on=deal.active.valid_from - datetime.timedelta(days=1),
        )
    assert "provided_on" in error.value.message_dict


def test_an_obligation_s_right_is_the_agreement_s(world, deal):
    ObligationFactory(agreement=AgreementFactory(lead_agency=world.owner))
    assert set(Obligation.objects.managed_by(world.people[CM])) == {deal.obligation}
