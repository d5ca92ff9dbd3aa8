"""An API search says when its `count` is a lower bound (issue 17): a search ranks at most
SEARCH_CANDIDATES candidates (PostgreSQL) and no count goes past CATALOG_COUNT_CAP, as the page
says with "2.000+". Only with `search`: other lists keep their envelope."""

import pytest
from django.db import connection

from catalog import search
from tests.factories import ProductFactory

pytestmark = pytest.mark.django_db

PRODUCTS = "/api/v1/products/"


@pytest.fixture
def peppers():
    return [ProductFactory(name=f"Lada Putih Muntok {n}") for n in range(4)]


def test_a_count_below_every_bound_is_exact(client, peppers):
    answer = client.get(PRODUCTS, {"search": "lada"}).json()

    assert (answer["count"], answer["count_is_floor"]) == (4, False)
    assert "count_is_floor" not in client.get(PRODUCTS).json()  # no search, no field


def test_a_count_past_the_cap_is_a_floor(client, peppers, settings):
    settings.CATALOG_COUNT_CAP = 3

    answer = client.get(PRODUCTS, {"search": "lada"}).json()

    assert (answer["count"], answer["count_is_floor"]) == (3, True)


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="candidates bound PostgreSQL's search"
)
def test_a_search_that_stops_at_its_candidates_says_so(client, peppers, monkeypatch):
    monkeypatch.setattr(search, "SEARCH_CANDIDATES", 3)

    answer = client.get(PRODUCTS, {"search": "lada"}).json()

    assert (answer["count"], answer["count_is_floor"]) == (3, True)


def test_the_schema_documents_the_floor(client):
    schema = client.get("/api/v1/schema/", {"format": "json"}).json()

    listing = schema["paths"]["/api/v1/products/"]["get"]["responses"]["200"]["content"]
    reference = listing["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
    floor = schema["components"]["schemas"][reference]["properties"]["count_is_floor"]
    assert floor["type"] == "boolean"
