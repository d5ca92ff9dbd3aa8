"""Reviewers score with evidence: a nomination's workspace page, its berita acara and its API
answer show the business's stage coverage and latest support (catalog.evidence, which the
development record fills)."""

import json
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from catalog import evidence
from support.models import Participation
from tests.factories import (
    ActivityFactory,
    NominationFactory,
    ParticipationFactory,
    ProductFactory,
    ServiceFactory,
)
from tests.workspace.helpers import as_user, url

pytestmark = pytest.mark.django_db

PAGES = ["workspace-nomination", "workspace-nomination-record"]


def days_ago(n):
    return timezone.localdate() - timedelta(days=n)


@pytest.fixture
def supported(world):
    """Diskop mentored the business to the end; it took part in Dinas Pertanian's training;
    another agency's service was voided (no evidence)."""
    ServiceFactory(
        business=world.business, agency=world.collaborator, kind="pendampingan",
        outcome="done", provided_on=days_ago(3),
    )  # fmt: skip
    ServiceFactory(
        business=world.business, agency=world.other, provided_on=days_ago(1),
        voided_at=timezone.now(), void_reason="Salah usaha",
    )  # fmt: skip
    activity = ActivityFactory(
        organiser=world.owner, title="Pelatihan pengemasan lada",
        starts_at=timezone.now() - timedelta(days=10), ends_at=timezone.now() - timedelta(days=9),
    )  # fmt: skip
    ParticipationFactory(
        activity=activity, business=world.business, status=Participation.Status.COMPLETED
    )
    return world


@pytest.mark.parametrize("page", PAGES)
def test_the_nomination_and_its_record_show_coverage_and_latest_support(client, supported, page):
    response = as_user(client, supported, "reviewer").get(url(page, supported.nomination.pk))

    html = response.content.decode()
    shown = response.context["evidence"]
    states = {item["stage"]: item["state"] for item in shown["coverage"]}
    assert response.status_code == 200
    assert (states["pendampingan"], states["pelatihan"], states["permodalan"]) == (
        "reached", "reached", "none",
    )  # fmt: skip
    assert [(item["kind"], item["agency"]) for item in shown["latest_support"]] == [
        ("service", "Diskop"),
        ("activity", "Distan"),
    ]
    assert 'id="evidence-title"' in html
    assert html.count('class="coverage__stage ') == 7
    assert "Pelatihan pengemasan lada" in html
    assert days_ago(3).strftime("%Y") in html
    assert "Salah usaha" not in html
    assert url("workspace-business-support", supported.business.slug) in html


def test_the_page_and_the_record_share_one_include(client, supported):
    client = as_user(client, supported, "reviewer")

    used = [
        [template.name for template in client.get(url(page, supported.nomination.pk)).templates]
        for page in PAGES
    ]

    assert all("workspace/flagship/_evidence.html" in names for names in used)


def test_without_a_provider_the_pages_show_no_evidence(client, supported, monkeypatch):
    monkeypatch.setattr(evidence, "_providers", [])

    for page in PAGES:
        response = as_user(client, supported, "owner_editor").get(
            url(page, supported.nomination.pk)
        )
        assert response.status_code == 200
        assert 'id="evidence-title"' not in response.content.decode()


def test_support_text_is_escaped(client, world):
    activity = ActivityFactory(organiser=world.owner, title="<script>alert(1)</script>")
    ParticipationFactory(activity=activity, business=world.business)

    response = as_user(client, world, "reviewer").get(url(PAGES[0], world.nomination.pk))

    html = response.content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert" not in html


def test_the_page_costs_the_same_with_much_support(client, world):
    client = as_user(client, world, "reviewer")

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url(PAGES[0], world.nomination.pk)).status_code == 200
        return len(captured)

    ServiceFactory(business=world.business, agency=world.owner)
    few = queries()
    for n in range(20):
        ServiceFactory(business=world.business, agency=world.collaborator, provided_on=days_ago(n))
        ParticipationFactory(business=world.business)
    assert queries() == few


# The API ----------------------------------------------------------------------------------------


def api(world, who):
    """A client signed in as `who`, read afresh as a new request reads its user."""
    client = APIClient()
    client.force_authenticate(type(world.people[who]).objects.get(pk=world.people[who].pk))
    return client


def test_the_api_answer_of_one_nomination_carries_the_evidence(supported):
    response = api(supported, "reviewer").get(f"/api/v1/nominations/{supported.nomination.pk}/")

    body = response.json()
    found = body["business_evidence"]
    assert response.status_code == 200
    assert len(found["coverage"]) == 7
    assert {"stage", "name", "state"} <= set(found["coverage"][0])
    assert [(item["kind"], item["date"]) for item in found["latest_support"]] == [
        ("service", days_ago(3).isoformat()),
        ("activity", (timezone.localdate() - timedelta(days=10)).isoformat()),
    ]
    # the nominator's own evidence stays what it was
    assert body["evidence"] == supported.nomination.evidence


def test_the_list_carries_no_evidence_and_costs_the_same_for_one_or_many(world):
    def listed():
        client = api(world, "administrator")
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/api/v1/nominations/")
        assert response.status_code == 200
        assert all("business_evidence" not in row for row in response.json()["results"])
        return len(response.json()["results"]), len(captured)

    one, few = listed()
    for _ in range(8):
        product = ProductFactory(business=world.business, owner_agency=world.owner)
        NominationFactory(product=product)
        ServiceFactory(business=world.business, agency=world.owner)
    many, more = listed()

    assert (one, many) == (1, 9)
    assert few == more


def test_the_schema_documents_the_evidence_on_the_detail(db):
    response = APIClient().get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    schema = json.loads(response.content)

    detail = schema["paths"]["/api/v1/nominations/{id}/"]["get"]["responses"]["200"]
    reference = detail["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
    properties = schema["components"]["schemas"][reference]["properties"]
    assert "business_evidence" in properties
    evidence_schema = schema["components"]["schemas"]["BusinessEvidence"]["properties"]
    assert set(evidence_schema) == {"coverage", "latest_support"}
    listed = schema["paths"]["/api/v1/nominations/"]["get"]["responses"]["200"]
    assert "business_evidence" not in json.dumps(listed)
