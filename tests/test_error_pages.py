"""The portal's own error pages with DEBUG off (issue 16, item 6): 404, 403 and 400 in the
layout of every page and in the language of the address, the 500 (and the CSRF refusal) in
both languages without a request, and JSON under /api/."""

import re
from unittest import mock

import pytest
from django.template.loader import get_template
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext

from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

HOME = {"id": "/", "en": "/en/"}
SEARCH = {"id": "/produk/", "en": "/en/produk/"}
TOO_MANY_FIELDS = "&".join(f"f{n}=1" for n in range(1100))


@pytest.fixture(autouse=True)
def _production(settings):
    settings.DEBUG = False


@pytest.fixture
def client():
    """A client that gets the answer a visitor gets, not the exception."""
    return Client(raise_request_exception=False)


def assert_portal_page(response, status: int, language: str, title: str) -> str:
    """The portal's layout, in `language`: header and navigation, a viewport, the page's
    title, a search of the catalogue and a link home."""
    content = response.content.decode()
    assert response.status_code == status
    assert response["Content-Type"].startswith("text/html")
    assert f'<html lang="{language}">' in content
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in content
    assert 'class="site-header"' in content and 'class="site-nav"' in content
    assert '<meta name="robots" content="noindex">' in content
    with translation.override(language):
        assert f"<h1>{gettext(title)}</h1>" in content
    assert (
        f'<form class="search" method="get" action="{SEARCH[language]}" role="search">' in content
    )
    assert f'<a href="{HOME[language]}">' in content
    assert "Traceback" not in content
    return content


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("path", ["/tidak-ada/", "/produk/tidak-ada/", "/umkm/tidak-ada/"])
def test_a_missing_page_is_the_portals_404_in_the_language_of_the_address(client, language, path):
    prefix = "/en" if language == "en" else ""

    response = client.get(prefix + path)

    assert_portal_page(response, 404, language, "Page not found")
    assert response["Cache-Control"] == "no-store"


def test_the_language_switch_of_a_404_leads_to_the_other_languages_home(client):
    english = client.get("/en/tidak-ada/").content.decode()
    indonesian = client.get("/tidak-ada/").content.decode()

    assert re.search(r'<a class="lang-switch" href="/" hreflang="id"', english)
    assert re.search(r'<a class="lang-switch" href="/en/" hreflang="en"', indonesian)


@pytest.mark.parametrize("language", ["id", "en"])
def test_a_refused_page_is_the_portals_403(client, language):
    client.force_login(MembershipFactory().user)  # an editor: the audit trail is not theirs
    prefix = "/en" if language == "en" else ""

    response = client.get(f"{prefix}/ruang-kerja/audit/")

    assert_portal_page(response, 403, language, "Access denied")


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("query", ["q=%00", TOO_MANY_FIELDS])
def test_a_request_the_portal_will_not_read_is_its_400(client, language, query):
    prefix = "/en" if language == "en" else ""

    response = client.get(f"{prefix}/produk/?{query}")

    content = assert_portal_page(response, 400, language, "Bad request")
    if query == "q=%00":  # the reason, when the portal gives one
        assert "Null characters are not allowed" in content


def test_a_host_that_is_not_the_portals_gets_a_page_that_does_not_repeat_it(client):
    response = client.get("/produk/", HTTP_HOST="portal-palsu.example")

    content = response.content.decode()
    assert response.status_code == 400
    assert '<meta name="viewport"' in content and 'class="site-header"' in content
    assert "Permintaan tidak valid" in content and "Bad request" in content
    assert "portal-palsu.example" not in content


def test_a_server_error_is_the_portals_page_in_both_languages(client):
    with mock.patch("catalog.views.public.capped_count", side_effect=RuntimeError("rusak")):
        response = client.get("/en/")

    content = response.content.decode()
    assert response.status_code == 500
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in content
    assert 'class="site-header"' in content
    assert "Terjadi kesalahan di server" in content and "Something went wrong" in content
    assert '<form class="search" method="get" action="/produk/" role="search">' in content
    assert '<a href="/">' in content and '<a href="/en/" lang="en">' in content
    assert "rusak" not in content and "Traceback" not in content


def test_the_500_page_renders_without_a_request_or_the_database(django_assert_num_queries):
    """Django renders it with an empty context; it must not need the database that may be
    the reason for the error."""
    with django_assert_num_queries(0):
        html = get_template("500.html").render()

    assert "Terjadi kesalahan di server" in html and 'lang="en"' in html


def test_a_form_sent_without_its_csrf_token_gets_the_portals_page():
    client = Client(enforce_csrf_checks=True)

    response = client.post("/accounts/login/", {"username": "x", "password": "y"})

    content = response.content.decode()
    assert response.status_code == 403
    assert '<meta name="viewport"' in content and 'class="site-header"' in content
    assert "Formulir tidak dapat dikirim" in content and "The form could not be sent" in content


@pytest.mark.parametrize(
    "path", ["/api/v1/tidak-ada/", "/api/v1/products/lada/tidak-ada/", "/api/tidak-ada"]
)
def test_under_the_api_a_missing_address_is_json(client, path):
    response = client.get(path)

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert set(response.json()) == {"detail"}


def test_under_the_api_a_refused_request_is_json(client):
    response = client.get("/api/v1/products/?" + TOO_MANY_FIELDS)

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
