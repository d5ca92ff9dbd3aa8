"""`support/dashboard/` gains the partnership figures (issue 14 item 8): obligations past due and
below target (a gap, counted), agreements expiring within 90 days, and per partner the businesses
served and the milestones credited in the year, each scoped to whose agreements the caller
sees; the schema documents them."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from tests.factories import ObligationFactory, PartnerFactory, signed_between
from tests.support.partnership_helpers import YEAR, days, make_deals, make_partner_work

pytestmark = pytest.mark.django_db
PATH = "/api/v1/support/dashboard/"


@pytest.fixture
def deals(world):
    return make_deals(world)


@pytest.fixture
def partners(world):
    return make_partner_work(world)


def test_an_administrator_gets_every_partnership_figure(client_of, deals, partners):
    response = client_of("administrator").get(PATH, {"year": YEAR})

    assert response.status_code == 200
    body = response.json()
    assert body["gaps"]["obligations_behind"] == 3
    assert body["partnership"] == {"expiring_agreements": 2}
    assert body["partners"] == [
        {"partner": "bank-sumsel-babel", "name": "Bank Sumsel Babel", "businesses_served": 0,
         "milestones_credited": 0},
        {"partner": "oke-oce", "name": "OKE OCE Indonesia", "businesses_served": 3,
         "milestones_credited": 2},
        {"partner": "ubb", "name": "Universitas Bangka Belitung", "businesses_served": 2,
         "milestones_credited": 1},
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("who", "behind", "expiring", "partner_slugs"),
    [
        ("reviewer", 3, 2, ["bank-sumsel-babel", "oke-oce", "ubb"]),
        ("owner_editor", 1, 1, ["oke-oce"]),
        ("other_editor", 1, 0, ["ubb"]),
        ("foreign_editor", 1, 0, ["bank-sumsel-babel"]),
    ],
)
def test_agency_staff_get_the_figures_of_their_agencies_agreements(
    client_of,
    deals,
    who,
    behind,
    expiring,
    partner_slugs,
):
    body = client_of(who).get(PATH).json()

    assert body["gaps"]["obligations_behind"] == behind
    assert body["partnership"]["expiring_agreements"] == expiring
    assert [row["partner"] for row in body["partners"]] == partner_slugs


def test_the_region_narrows_the_partner_figures_not_the_agreements(
    client_of,
    deals,
    partners,
):
    body = client_of("administrator").get(PATH, {"year": YEAR, "region": "belitung"}).json()

    assert body["gaps"]["obligations_behind"] == 3
    assert body["partnership"]["expiring_agreements"] == 2
    by_slug = {row["partner"]: row for row in body["partners"]}
    assert (by_slug["oke-oce"]["businesses_served"], by_slug["oke-oce"]["milestones_credited"]) == (
        1,
        1,
    )


def test_the_answer_costs_the_same_whatever_the_number_of_partners(client_of, world, deals):
    def count() -> int:
        with CaptureQueriesContext(connection) as context:
            assert client_of("administrator").get(PATH).status_code == 200
        return len(context.captured_queries)

    count()  # the first answer reads what is then cached (the stages, the throttle)
    few = count()
    for n in range(10):
        partner = PartnerFactory(name=f"Mitra API {n}", slug=f"mitra-api-{n}")
        agreement, _, party = signed_between(
            world.owner, partner, valid_until=days(20 + n), valid_from=days(-300),
            signed_on=days(-310),
        )  # fmt: skip
        ObligationFactory(agreement=agreement, party=party, target=2, due_on=days(-1))
    many = count()

    assert many == few


def test_the_schema_documents_the_partnership_figures(db):
    response = APIClient().get(
        reverse("api:schema"), HTTP_ACCEPT="application/vnd.oai.openapi+json"
    )
    schemas = json.loads(response.content)["components"]["schemas"]

    answer = schemas["Dashboard"]["properties"]
    assert {"partnership", "partners"} <= set(answer)
    assert set(schemas["DashboardPartnership"]["properties"]) == {"expiring_agreements"}
    assert set(schemas["PartnerFigures"]["properties"]) == {
        "partner", "name", "businesses_served", "milestones_credited",
    }  # fmt: skip
    assert schemas["DashboardGaps"]["properties"]["obligations_behind"]["type"] == "integer"
