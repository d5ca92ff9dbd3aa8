"""The workspace navigation offers a partner's staff only what they may do (DESIGN §8 partner
accounts): My tasks, Partnerships, Activities and Services; agency staff keep every link. My
tasks links each of the partner's agreements."""

import pytest
from django.urls import reverse

from tests.factories import (
    AgreementFactory,
    AgreementPartyFactory,
    PartnerMembershipFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def nav_links(client):
    page = client.get(reverse("workspace")).content.decode()
    nav = page.split('class="workspace-nav"', 1)[1].split("</nav>", 1)[0]
    return {
        name
        for name in ("produk", "kemitraan", "kegiatan", "layanan", "rujukan")
        if f"/ruang-kerja/{name}/" in nav  # the menu also links the public portal's sections
    }


def test_a_partners_staff_sees_only_their_links_and_their_agreements(client, world):
    membership = PartnerMembershipFactory(user=UserFactory(username="mitra.staf"))
    agreement = AgreementFactory(lead_agency=world.collaborator, status="signed")
    AgreementPartyFactory(agreement=agreement, partner=membership.partner)
    client.force_login(membership.user)
    assert nav_links(client) == {"kemitraan", "kegiatan", "layanan"}
    page = client.get(reverse("workspace")).content.decode()
    assert reverse("workspace-agreement", args=[agreement.pk]) in page


def test_agency_staff_keep_every_link(client, world):
    client.force_login(world.people["owner_editor"])
    assert nav_links(client) == {"produk", "kemitraan", "kegiatan", "layanan", "rujukan"}


def test_the_development_tabs_offer_a_partners_staff_no_referrals(client, world):
    membership = PartnerMembershipFactory(user=UserFactory(username="mitra.tab"))
    client.force_login(membership.user)
    page = client.get(reverse("workspace-services")).content.decode()
    tabs = page.split('class="work-nav"', 1)[1].split("</nav>", 1)[0]
    assert reverse("workspace-services") in tabs
    assert reverse("workspace-referrals") not in tabs
