"""Opening a monitoring report asks who and in which state before it reads the body (DESIGN §5's
order): a draft agreement is 409 whatever the body, the same in the API and the workspace."""

import pytest
from django.urls import reverse
from django.utils.translation import gettext as _

from support.models import MonitoringReport
from tests.api.partnership_helpers import make_deal

pytestmark = pytest.mark.django_db


@pytest.fixture
def deal(world):
    return make_deal(world)


@pytest.mark.parametrize("body", [{}, {"period_start": "not a date"}])
def test_a_draft_agreement_is_409_before_the_body_is_read(client_of, deal, body):
    answer = client_of("collab_manager").post(
        f"/api/v1/agreements/{deal.draft.pk}/reports/", body, format="json"
    )
    assert answer.status_code == 409
    assert not MonitoringReport.objects.filter(agreement=deal.draft).exists()


def test_the_workspace_says_the_same_for_a_draft(client, world, deal):
    client.force_login(world.people["collab_manager"])
    answer = client.post(reverse("workspace-report-open", args=[deal.draft.pk]), {}, follow=True)
    assert [str(m) for m in answer.context["messages"]] == [
        str(_("Only a signed agreement is monitored."))
    ]
    assert not MonitoringReport.objects.filter(agreement=deal.draft).exists()
