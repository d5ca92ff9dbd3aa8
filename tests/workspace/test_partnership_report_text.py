"""A report whose obstacles or follow-up are not written yet says so with a dash, on its page and
on the printable report (`linebreaks` of an empty text is an empty paragraph)."""

import re

import pytest
from django.urls import reverse

from support.services import reports
from tests.factories import ObligationFactory, PartnerFactory, signed_between

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("page", ["workspace-report", "workspace-report-print"])
def test_an_empty_obstacle_and_follow_up_show_a_dash(client, world, page):
    agreement, _lead, partner_party = signed_between(world.collaborator, PartnerFactory())
    ObligationFactory(agreement=agreement, party=partner_party)
    manager = world.people["collab_manager"]
    report = reports.open_report(
        agreement=agreement,
        period_start=agreement.valid_from,
        period_end=agreement.valid_until,
        by=manager,
    )
    client.force_login(manager)
    html = client.get(reverse(page, args=[report.pk])).content.decode()
    assert len(re.findall(r'<div class="prose"><p>–</p></div>', html)) == 2
