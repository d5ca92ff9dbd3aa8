"""Search (issue 16 item 11): "did you mean" from the catalogue's own words on both databases,
and products named so before those that only mention the words."""

import re

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from catalog import search
from catalog.models import Product
from tests.factories import CategoryFactory, ProductFactory

pytestmark = pytest.mark.django_db


def cards(response) -> list[str]:
    return re.findall(r'class="card__link" href="/produk/([\w-]+)/"', response.content.decode())


def suggested(response) -> str:
    found = re.search(
        r'<p class="suggestion">.*?<a href="([^"]*)"[^>]*>([^<]*)</a>', response.content.decode()
    )
    return found.group(2) if found else ""


@pytest.fixture
def pepper():
    return ProductFactory(
        name="Lada Putih Muntok Butir 250 g",
        summary="Lada putih khas Bangka Barat.",
        category=CategoryFactory(slug="pertanian", name="Pertanian"),
    )


def test_a_misspelt_word_gets_a_suggestion_from_product_names(client, pepper):
    response = client.get("/produk/", {"q": "mutok"})

    assert suggested(response) == "muntok"
    link = re.search(r'<p class="suggestion">.*?<a href="([^"]*)"', response.content.decode())
    assert link and link.group(1) == "?q=muntok"
    assert cards(client.get("/produk/?q=muntok")) == [pepper.slug]


def test_the_suggestion_keeps_the_known_words_and_the_filters(client, pepper):
    response = client.get("/produk/", {"q": "lada mutok", "kategori": "pertanian"})

    assert suggested(response) == "lada muntok"
    assert 'href="?kategori=pertanian&amp;q=lada+muntok"' in response.content.decode()


def test_no_suggestion_when_the_words_are_known_or_nothing_is_alike(client, pepper):
    assert suggested(client.get("/produk/", {"q": "lada"})) == ""
    assert suggested(client.get("/produk/", {"q": "muntok"})) == ""
    assert suggested(client.get("/produk/", {"q": "zzzqqq"})) == ""
    # Known words that a filter leaves without products: nothing to suggest.
    CategoryFactory(slug="madu", name="Madu")
    assert suggested(client.get("/produk/", {"q": "lada", "kategori": "madu"})) == ""


def test_no_suggestion_when_the_search_finds_enough(client, pepper):
    for n in range(search.SUGGEST_BELOW):
        ProductFactory(name=f"Madu Mutok {n}")  # "mutok" is a word of these names

    response = client.get("/produk/", {"q": "mutok"})

    assert len(cards(response)) == search.SUGGEST_BELOW
    assert suggested(response) == ""


def test_drafts_lend_no_words_to_suggestions(client, pepper):
    ProductFactory(name="Terasi Rahasia Draf", status=Product.Status.DRAFT)

    assert suggested(client.get("/produk/", {"q": "rahsia"})) == ""


@pytest.mark.skipif(connection.vendor == "postgresql", reason="SQLite's vocabulary")
def test_the_vocabulary_is_kept_per_catalogue_version(
    settings, pepper, django_capture_on_commit_callbacks
):
    settings.AGGREGATE_CACHE = True
    request = RequestFactory().get("/produk/")
    published = Product.objects.published()

    assert "muntok" in search.vocabulary(request, published)
    with CaptureQueriesContext(connection) as queries:
        kept = search.vocabulary(RequestFactory().get("/produk/"), published)
    assert "muntok" in kept
    assert len(queries) == 0  # from the cache

    with django_capture_on_commit_callbacks(execute=True):
        ProductFactory(name="Kelapa Sawit Bibit")  # a write makes the catalogue's caches stale

    assert "kelapa" in search.vocabulary(RequestFactory().get("/produk/"), published)


@pytest.mark.skipif(connection.vendor == "postgresql", reason="SQLite's vocabulary")
def test_the_vocabulary_is_bounded(monkeypatch):
    monkeypatch.setattr(search, "VOCABULARY_NAMES", 2)
    monkeypatch.setattr(search, "VOCABULARY_WORDS", 3)
    for name in ("Lada Putih", "Lada Hitam", "Madu Pelawan", "Kerupuk Ikan"):
        ProductFactory(name=name)

    words = search.vocabulary(RequestFactory().get("/produk/"), Product.objects.published())

    assert len(words) == 3
    assert words[0] == "lada"  # the most frequent first


@pytest.mark.skipif(connection.vendor != "postgresql", reason="trigram suggestions need pg_trgm")
def test_postgresql_suggests_through_the_trigram_index(client, pepper):
    response = client.get("/produk/", {"q": "mutok"})

    assert response.context["fuzzy"]  # the typo-tolerant fallback shows the pepper…
    assert pepper.slug in cards(response)
    assert suggested(response) == "muntok"  # …and offers the word that finds it exactly


@pytest.fixture
def pepper_and_tour():
    """A tour that mentions pepper many times, newer than the pepper, and a pepper soap."""
    pepper = ProductFactory(name="Lada Putih Muntok 100 g", summary="Lada putih butir.")
    soap = ProductFactory(name="Sabun Lada Hitam", summary="Sabun mandi.")
    tour = ProductFactory(
        name="Paket Wisata Kebun Muntok",
        summary="Ke kebun lada, memetik lada, menjemur lada.",
        description="Lada lada lada: petik lada, rendam lada, jemur lada putih.",
    )
    return pepper, soap, tour


def test_a_search_ranks_names_before_descriptions(client, pepper_and_tour):
    pepper, soap, tour = pepper_and_tour

    found = cards(client.get("/produk/", {"q": "lada"}))

    # The name that starts with the word, then a name that holds it, then the mere mention.
    assert found == [pepper.slug, soap.slug, tour.slug]


def test_the_api_search_ranks_names_before_descriptions(client, pepper_and_tour):
    pepper, soap, tour = pepper_and_tour

    answer = client.get("/api/v1/products/", {"search": "lada"}).json()

    assert [product["slug"] for product in answer["results"]] == [pepper.slug, soap.slug, tour.slug]


def test_the_api_offers_the_same_suggestion(client, pepper):
    answer = client.get("/api/v1/products/", {"search": "lada mutok"}).json()

    assert answer["suggestion"] == "lada muntok"
    assert client.get("/api/v1/products/", {"search": "lada"}).json()["suggestion"] == ""
    assert "suggestion" not in client.get("/api/v1/products/").json()  # no search, no field


def test_the_api_schema_documents_the_suggestion(client):
    schema = client.get("/api/v1/schema/", {"format": "json"}).json()

    listing = schema["paths"]["/api/v1/products/"]["get"]["responses"]["200"]["content"]
    reference = listing["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
    suggestion = schema["components"]["schemas"][reference]["properties"]["suggestion"]
    assert suggestion["type"] == "string"
