"""Errors where the person is looking (issue 16, item 5): a refused form comes back with an
error summary above it — at the top of the nomination page, whose forms are far below — that
links each error to its field; static/js/error-summary.js then moves focus to it (tested in
tests/browser/test_error_summary_phone.py)."""

import re
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils.translation import gettext

from agencies.models import Role
from catalog import workflow
from catalog.models import Assessment, Nomination
from tests import factories as f
from tests.helpers import member

pytestmark = pytest.mark.django_db

CODES = ("bahan_baku_lokal", "keunikan", "pasar")


@pytest.fixture
def submitted():
    """A submitted nomination, and a reviewer who has scored two of its three criteria."""
    owner = f.AgencyFactory(slug="dinas-pertanian", name="Dinas Pertanian", short_name="Distan")
    leading = f.AgencyFactory(slug="disperindag", name="Disperindag", is_leading_sector=True)
    for order, code in enumerate(CODES):
        f.CriterionFactory(code=code, name=f"Kriteria {code}", order=order)
    editor = member(owner, username="pertanian.editor")
    reviewer = member(leading, Role.REVIEWER, username="disperindag.reviewer")
    product = f.ProductFactory(owner_agency=owner, name="Lada Putih Muntok")
    nomination = workflow.nominate(product=product, by=editor, justification="Lokal.")
    workflow.act(nomination=nomination, by=editor, action="submit")
    workflow.assess(nomination=nomination, by=reviewer, scores={"bahan_baku_lokal": 4, "pasar": 3})
    return SimpleNamespace(nomination=nomination, reviewer=reviewer)


def act_url(nomination, action):
    return reverse("workspace-nomination-act", args=[nomination.pk, action.replace("_", "-")])


def summaries(html: str) -> list[str]:
    return re.findall(r"<div[^>]*data-error-summary[^>]*>.*?</div>", html, re.S)


def test_recommending_before_the_rubric_is_complete_says_so_at_the_top_linked_to_the_criterion(
    client, submitted
):
    nomination = submitted.nomination
    client.force_login(submitted.reviewer)

    response = client.post(act_url(nomination, "recommend"))

    html = response.content.decode()
    assert response.status_code == 400
    [summary] = summaries(html)
    assert 'role="alert"' in summary and 'tabindex="-1"' in summary
    message = gettext("Score every criterion of the rubric before recommending.")
    # The criterion still to score, not the recommend button: the link leads to its first option.
    assert f'<a href="#id_assess_score_keunikan_0">{message}</a>' in summary
    assert 'id="id_assess_score_keunikan_0"' in html
    # At the top: before the nomination's heading and every form of the page.
    assert html.index(summary) < html.index("<h1>") < html.index('id="panel-')
    # The recommend form keeps its own copy next to its button, without a second alert.
    assert html.count(message) == 2 and html.count('role="alert"') == 1
    assert Nomination.objects.get(pk=nomination.pk).state == Nomination.State.SUBMITTED
    assert not nomination.events.filter(action="recommend").exists()


def test_a_field_error_of_a_step_is_summarised_at_the_top_with_a_link_to_its_input(
    client, submitted
):
    nomination = submitted.nomination
    client.force_login(submitted.reviewer)

    response = client.post(act_url(nomination, "request_changes"), {"comment": "   "})

    html = response.content.decode()
    [summary] = summaries(html)
    assert response.status_code == 400
    assert re.search(r'<a href="#id_request_changes_comment">[^<]+</a>', summary)
    assert html.index(summary) < html.index('id="id_request_changes_comment"')
    assert Nomination.objects.get(pk=nomination.pk).state == Nomination.State.SUBMITTED


def test_scoring_the_last_criterion_is_saved_with_no_summary(client, submitted):
    nomination = submitted.nomination
    client.force_login(submitted.reviewer)

    response = client.post(
        reverse("workspace-nomination-assess", args=[nomination.pk]),
        {"score_keunikan": "5"},
        follow=True,
    )

    assert response.status_code == 200
    assert summaries(response.content.decode()) == []
    assessment = Assessment.objects.get(nomination=nomination, reviewer=submitted.reviewer)
    scores = {s.criterion.code: s.score for s in assessment.scores.all()}
    assert scores == {"bahan_baku_lokal": 4, "keunikan": 5, "pasar": 3}


def test_every_workspace_form_gets_the_summary_the_product_form_for_one(client):
    agency = f.AgencyFactory()
    client.force_login(member(agency))

    response = client.post(reverse("workspace-product-create"), {"name": ""})

    html = response.content.decode()
    [summary] = summaries(html)
    assert 'href="#id_name"' in summary and 'id="id_name"' in html
    assert html.index(summary) < html.index('id="id_name"')
