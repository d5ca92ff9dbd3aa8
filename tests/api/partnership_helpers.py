"""Plain helpers of the partnership API tests (tests/api/test_partnership_api.py and
tests/api/test_partner_staff_api.py), in the rights-matrix world of tests/conftest.py."""

from datetime import timedelta
from types import SimpleNamespace

from django.utils import timezone

from tests.factories import (
    AgreementFactory,
    AgreementPartyFactory,
    ObligationFactory,
    PartnerFactory,
    PartnerMembershipFactory,
    ServiceFactory,
    UserFactory,
    signed_between,
    stage,
)

MENTOR, FOREIGN_MENTOR = "mentor", "foreign_mentor"


def make_deal(world):
    """OKE OCE (`partner`) and Diskop (`world.collaborator`, a leading sector) signed an agreement
    in force for another year (`active`), led by Diskop, under which OKE OCE's mentor gave two
    mentoring services to the business; its obligation (OKE OCE's: 10 mentoring services) has
    realised 2. An older agreement between them has expired; Diskop prepares a draft with them.
    Another partner, party to nothing of Diskop's, has a signed agreement and a draft with
    Dinas Pertanian (`world.owner`), and a mentor of its own. The mentors are `world.people`'s
    "mentor" and "foreign_mentor"."""
    today = timezone.localdate()
    partner = PartnerFactory(name="OKE OCE Indonesia", slug="oke-oce")
    other_partner = PartnerFactory(name="Bank Sumsel Babel", slug="bank-sumsel-babel", kind="bank")
    mentor = PartnerMembershipFactory(partner=partner, user=UserFactory(username="okeoce.mentor"))
    foreign_mentor = PartnerMembershipFactory(
        partner=other_partner, user=UserFactory(username="bank.mentor")
    )
    world.people[MENTOR] = mentor.user
    world.people[FOREIGN_MENTOR] = foreign_mentor.user

    agreement, lead_party, partner_party = signed_between(
        world.collaborator, partner, title="PKS Diskop – OKE OCE", scope="Pendampingan UMKM"
    )
    agreement.stages.set([stage("pendampingan")])
    obligation = ObligationFactory(
        agreement=agreement, party=partner_party, target=10, unit="layanan"
    )
    services = [
        ServiceFactory(
            business=world.business,
            agency=None,
            partner=partner,
            agreement=agreement,
            provided_on=today - timedelta(days=days),
            recorded_by=mentor.user,
        )
        for days in (1, 2)
    ]
    expired, _lead, _partner = signed_between(
        world.collaborator,
        partner,
        title="PKS lama",
        signed_on=today - timedelta(days=800),
        valid_from=today - timedelta(days=760),
        valid_until=today - timedelta(days=30),
    )
    draft = AgreementFactory(
        lead_agency=world.collaborator, status="draft", signed_on=None, title="Draf PKS baru"
    )
    AgreementPartyFactory(agreement=draft, agency=world.collaborator)
    AgreementPartyFactory(agreement=draft, partner=partner)
    foreign, _lead, _partner = signed_between(world.owner, other_partner, title="PKS Distan – Bank")
    foreign_draft = AgreementFactory(
        lead_agency=world.owner, status="draft", signed_on=None, title="Draf Distan – Bank"
    )
    AgreementPartyFactory(agreement=foreign_draft, partner=other_partner)
    return SimpleNamespace(
        partner=partner,
        other_partner=other_partner,
        agreement=agreement,
        lead_party=lead_party,
        partner_party=partner_party,
        obligation=obligation,
        services=services,
        expired=expired,
        draft=draft,
        foreign=foreign,
        foreign_draft=foreign_draft,
    )
