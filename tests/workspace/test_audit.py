"""The administrators' audit trail and the request log."""

import logging

import pytest
from django.utils.translation import gettext

from agencies.models import Role
from catalog import rules, services, workflow
from catalog.models import Nomination, NominationEvent
from tests.factories import (
    AgencyFactory,
    BusinessFactory,
    CategoryFactory,
    MembershipFactory,
    ProductFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def administrator():
    user = UserFactory(username="admin.provinsi")
    user.groups.add(rules.administrator_group())
    return user


def test_audit_lists_changes_across_kinds_for_administrators_only(client, administrator):
    editor = MembershipFactory(user__username="dedi").user
    agency = editor.memberships.get().agency
    product = services.create_product(
        by=editor, owner_agency=agency, business=BusinessFactory(), category=CategoryFactory(),
        name="Kemplang Ikan Belinyu", price_min=30000, price_max=35000,
    )  # fmt: skip
    services.publish(product=product, by=editor)
    MembershipFactory(agency=agency, role=Role.MANAGER)

    client.force_login(editor)
    assert client.get("/en/ruang-kerja/audit/").status_code == 403
    client.force_login(administrator)
    page = client.get("/en/ruang-kerja/audit/").content.decode()
    only_dedi = client.get("/en/ruang-kerja/audit/?pengguna=dedi&jenis=produk").content.decode()

    assert "Kemplang Ikan Belinyu" in page and "dedi" in page
    assert "Manager" in page  # the membership change
    assert only_dedi.count("Kemplang Ikan Belinyu") == 2  # created, then changed (published)


def test_every_request_is_logged_with_an_id(client, caplog):
    with caplog.at_level(logging.INFO, logger="umkm_portal.requests"):
        response = client.get("/produk/")

    request_id = response["X-Request-ID"]
    [line] = [r.getMessage() for r in caplog.records if r.name == "umkm_portal.requests"]
    assert line.startswith(f"{request_id} GET /produk/ 200")
    assert "Cookie" not in response.get("Vary", "")  # logging reads no session


def test_failed_logins_are_logged_without_the_password(client, caplog):
    UserFactory(username="dedi")
    with caplog.at_level(logging.WARNING, logger="umkm_portal.security"):
        client.post("/accounts/login/", {"username": "dedi", "password": "tebakan-rahasia"})

    messages = [r.getMessage() for r in caplog.records if r.name == "umkm_portal.security"]
    assert any("login failed username='dedi'" in message for message in messages)
    assert not any("tebakan-rahasia" in message for message in messages)


def test_audit_names_nomination_steps_and_kinds_in_words(client, administrator):
    """A reviewer asking for changes reads as “Meminta perbaikan: Diajukan → Perlu perbaikan”,
    not `request_changes: submitted → changes_requested`."""
    owner = AgencyFactory()
    editor = MembershipFactory(agency=owner).user
    reviewer = MembershipFactory(
        agency=AgencyFactory(is_leading_sector=True), role=Role.REVIEWER
    ).user
    nomination = workflow.nominate(
        product=ProductFactory(owner_agency=owner), by=editor, justification="Lokal."
    )
    workflow.act(nomination=nomination, by=editor, action="submit")
    workflow.act(
        nomination=nomination, by=reviewer, action="request_changes", comment="Foto kurang."
    )
    client.force_login(administrator)

    page = client.get("/ruang-kerja/audit/?jenis=usulan").content.decode()

    action, before, after = (
        gettext(NominationEvent.Action.REQUEST_CHANGES.label),
        gettext(Nomination.State.SUBMITTED.label),
        gettext(Nomination.State.CHANGES_REQUESTED.label),
    )
    step = f"{action}: {before} → {after}"
    assert step in page
    assert "request_changes" not in page and "changes_requested" not in page
    assert f"<td>{gettext('Nominations')}</td>" in page and "<td>usulan</td>" not in page
