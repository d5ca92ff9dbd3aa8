"""Workflow mail names a step in words, as the timeline does, never by its internal code."""

import pytest

from agencies.models import Role
from catalog import workflow
from tests.factories import AgencyFactory, MembershipFactory, ProductFactory

pytestmark = pytest.mark.django_db


def test_the_mail_names_the_step_in_words(mailoutbox, django_capture_on_commit_callbacks):
    owner = AgencyFactory()
    leading = AgencyFactory(is_leading_sector=True)
    editor = MembershipFactory(agency=owner).user
    reviewer = MembershipFactory(
        agency=leading, role=Role.REVIEWER, user__email="reviewer@example.org"
    ).user
    product = ProductFactory(owner_agency=owner)
    with django_capture_on_commit_callbacks(execute=True):
        nomination = workflow.nominate(product=product, by=editor, justification="Lokal.")
        workflow.act(nomination=nomination, by=editor, action="submit")
    [mail] = [mail for mail in mailoutbox if reviewer.email in mail.to]
    assert "“Diajukan”" in mail.body
    assert "submit" not in mail.body
