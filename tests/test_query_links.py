"""The product list's links carry only what was asked (issue 16 item 8): no empty parameter
(`harga_min=`) and no sort order that is the default anyway, in pagination, facets and filters,
so that one list has one short address to share and to cache."""

import re
from html import unescape
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from catalog.models import Product
from tests.factories import CategoryFactory, DesignationFactory, ProductFactory

pytestmark = pytest.mark.django_db

HREF = re.compile(r'href="([^"]*)"')


def list_links(html: str, path: str) -> list[list[tuple[str, str]]]:
    """The query of every link to the list itself, in order (`?…` and `/produk/?…`)."""
    queries = []
    for href in map(unescape, HREF.findall(html)):
        parts = urlsplit(href)
        if parts.path in ("", path) and parts.query:
            queries.append(parse_qsl(parts.query, keep_blank_values=True))
    return queries


@pytest.fixture
def peppers():
    category = CategoryFactory(slug="rempah", name="Rempah")
    for n in range(14):
        ProductFactory(name=f"Lada Putih {n}", category=category, status=Product.Status.PUBLISHED)
    # A flagship, so that the flagship filter is offered (a choice that gives nothing is not).
    flagship = Product.objects.first()
    DesignationFactory(product=flagship, nomination__product=flagship)
    return category


def test_links_after_a_search_leave_out_empty_and_default_parameters(client, peppers):
    path = reverse("product-list")

    response = client.get(
        path,
        {"q": "lada", "harga_min": "", "harga_maks": "", "urut": "relevan", "per_page": "12"},
    )

    queries = list_links(response.content.decode(), path)
    kinds = {key for query in queries for key, _ in query}
    assert {"page", "kategori", "unggulan"} <= kinds  # pagination, facets, the flagship filter
    for query in queries:
        assert all(value for _, value in query), query
        assert ("urut", "relevan") not in query
        assert ("q", "lada") in query
    next_page = [dict(query) for query in queries if "page" in dict(query)]
    assert next_page == [{"page": "2", "per_page": "12", "q": "lada"}]


def test_a_chosen_sort_order_stays_in_the_links(client, peppers):
    path = reverse("product-list")

    response = client.get(path, {"q": "lada", "urut": "harga", "harga_min": ""})

    for query in list_links(response.content.decode(), path):
        assert ("urut", "harga") in query
        assert "harga_min" not in dict(query)


def test_newest_first_is_the_default_without_a_search(client, peppers):
    path = reverse("product-list")

    response = client.get(path, {"urut": "terbaru", "per_page": "12"})

    queries = list_links(response.content.decode(), path)
    assert queries
    assert not [query for query in queries if "urut" in dict(query)]


def test_the_search_form_says_which_sort_order_is_the_default(client, peppers):
    page = client.get(reverse("product-list"), {"q": "lada"}).content.decode()
    assert 'name="urut" data-default="relevan"' in page
    page = client.get(reverse("product-list")).content.decode()
    assert 'name="urut" data-default="terbaru"' in page


def test_query_with_drops_parameters_that_say_nothing():
    request = RequestFactory().get("/produk/", {"q": "lada", "harga_min": "", "page": "3"})
    template = Template("{% load portal %}{% query_with kategori='rempah' %}")

    rendered = template.render(Context({"request": request}))

    assert rendered == "?kategori=rempah&amp;q=lada"
