"""GET /api/v1/support/dashboard/ (`year`, `agency`, `region`): the development dashboard's
numbers in the API — who may ask (401, 403), what a bad question gets (400), whose figures each
person sees, the schema that documents it, and a number of queries that does not grow."""

import datetime
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from drf_spectacular.drainage import GENERATOR_STATS
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.validation import validate_schema
from rest_framework.test import APIClient

from support.models import Participation
from tests.factories import (
    ActivityFactory,
    BusinessFactory,
    ParticipationFactory,
    RegionFactory,
    ServiceFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

YEAR = timezone.localdate().year
MIDYEAR = datetime.date(YEAR, 6, 15)
PATH = "/api/v1/support/dashboard/"


def at(day, hour=9):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


@pytest.fixture
def work(world):
    """Dinas Pertanian and Diskop both mentor "Lada Mentok Jaya" (an overlap); Dinas Pertanian
    also trains it; Dinas Pariwisata mentors its own business."""
    ServiceFactory(business=world.business, agency=world.owner, provided_on=MIDYEAR)
    ServiceFactory(business=world.business, agency=world.collaborator, provided_on=MIDYEAR)
    training = ActivityFactory(organiser=world.owner, starts_at=at(MIDYEAR),
                               ends_at=at(MIDYEAR, 15))  # fmt: skip
    ParticipationFactory(activity=training, business=world.business,
                         status=Participation.Status.ATTENDED)  # fmt: skip
    ServiceFactory(business=world.foreign_business, agency=world.foreign, provided_on=MIDYEAR)
    return world


def test_the_address_is_the_one_the_design_lists():
    assert reverse("api-support-dashboard") == PATH


def test_anonymous_clients_get_401_and_people_outside_every_agency_403(client_of, world):
    anonymous = client_of("anonymous").get(PATH)
    assert anonymous.status_code == 401
    assert "Token" in anonymous["WWW-Authenticate"]

    outsider = APIClient()
    outsider.force_authenticate(UserFactory())
    assert outsider.get(PATH).status_code == 403


def test_a_leading_sector_sees_every_agencys_figures(client_of, work):
    response = client_of("reviewer").get(PATH, {"year": YEAR})

    assert response.status_code == 200
    body = response.json()
    assert body["year"] == YEAR
    assert body["agencies_in_view"] is None
    assert body["figures"]["services"] == 3
    assert body["figures"]["businesses"] == 2
    assert body["figures"]["participants"] == 1
    assert body["figures"]["activities"] == 1
    assert body["matrix"]["count"] == 2
    first = body["matrix"]["rows"][0]
    assert first["business"] == work.business.slug
    assert first["cells"] == {"dinas-pertanian": 2, "dinas-koperasi-ukm": 1}
    assert body["overlaps"]["count"] == 1
    assert body["overlaps"]["results"][0]["agencies"] == ["dinas-koperasi-ukm", "dinas-pertanian"]
    funnel = {row["stage"]: row["businesses"] for row in body["funnel"]}
    assert funnel["pelatihan"] == 1
    assert body["gaps"]["obligations_behind"] == 0  # no agreement here
    assert body["gaps"]["uncertified_candidates"] == 1  # the nominated pepper has no certificate


def test_other_staff_see_their_own_agencies_and_another_agency_is_403(client_of, work):
    client = client_of("foreign_editor")

    body = client.get(PATH).json()
    assert body["agencies_in_view"] == ["dinas-pariwisata"]
    assert (body["figures"]["services"], body["figures"]["businesses"]) == (1, 1)

    refused = client.get(PATH, {"agency": "dinas-pertanian"})
    assert refused.status_code == 403


def test_a_leading_sector_narrows_to_an_agency_and_a_region(client_of, work):
    elsewhere = RegionFactory(slug="belitung", name="Kabupaten Belitung")
    ServiceFactory(business=BusinessFactory(region=elsewhere), agency=work.owner,
                   provided_on=MIDYEAR)  # fmt: skip
    client = client_of("reviewer")

    owner = client.get(PATH, {"agency": "dinas-pertanian"}).json()
    assert owner["agency"] == "dinas-pertanian"
    assert owner["agencies_in_view"] == ["dinas-pertanian"]
    assert owner["figures"]["services"] == 2

    belitung = client.get(PATH, {"region": "belitung"}).json()
    assert belitung["region"] == "belitung"
    assert belitung["figures"]["services"] == 1


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"agency": "no-such-agency"}, "agency"),
        ({"region": "atlantis"}, "region"),
        ({"year": "1999"}, "year"),
        ({"year": "tahun-ini"}, "year"),
        ({"agency": "bad\x00slug"}, "agency"),
    ],
)
def test_a_bad_question_is_a_400_naming_the_field(client_of, world, query, field):
    response = client_of("administrator").get(PATH, query)

    assert response.status_code == 400
    assert field in response.json()


def test_the_query_count_does_not_grow_with_the_businesses(client_of, work):
    def add(businesses):
        for _ in range(businesses):
            business = BusinessFactory(region=work.region)
            for agency in (work.owner, work.other):
                ServiceFactory(business=business, agency=agency, provided_on=MIDYEAR)

    client = client_of("administrator")
    add(3)
    client.get(PATH)
    with CaptureQueriesContext(connection) as small:
        assert client.get(PATH).json()["figures"]["businesses"] == 5
    add(27)
    with CaptureQueriesContext(connection) as large:
        assert client.get(PATH).json()["figures"]["businesses"] == 32
    assert len(large) == len(small)


# The schema --------------------------------------------------------------------------------------


@pytest.fixture
def schema(db):
    response = APIClient().get(
        reverse("api:schema"), HTTP_ACCEPT="application/vnd.oai.openapi+json"
    )
    return json.loads(response.content)


def test_the_schema_documents_the_question_and_the_answer(schema):
    validate_schema(schema)
    operation = schema["paths"][PATH]["get"]

    assert set(operation["responses"]) == {"200", "400", "401", "403", "429"}
    assert {parameter["name"] for parameter in operation["parameters"]} == {
        "year",
        "agency",
        "region",
    }
    answer = schema["components"]["schemas"]["Dashboard"]["properties"]
    assert {"figures", "funnel", "matrix", "overlaps", "gaps", "agencies_in_view"} <= set(answer)
    gaps = schema["components"]["schemas"]["DashboardGaps"]["properties"]
    assert gaps["obligations_behind"].get("nullable") is None  # counted since partnerships


def test_drf_spectacular_warns_of_nothing_about_the_dashboard(db):
    GENERATOR_STATS.reset()
    try:
        SchemaGenerator().get_schema(request=None, public=True)
        warnings = [
            message
            for message in [*GENERATOR_STATS._warn_cache, *GENERATOR_STATS._error_cache]
            if "Dashboard" in message or "support/dashboard" in message
        ]
    finally:
        GENERATOR_STATS.reset()

    assert warnings == []
