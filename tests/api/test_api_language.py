"""The API speaks the client's `Accept-Language` (Indonesian by default, English on request),
its own messages and DRF's alike; the pages keep taking their language from the address."""

import inspect

import pytest
from django.utils import translation
from rest_framework import exceptions, fields, relations, serializers
from rest_framework.test import APIClient

from umkm_portal.api import accepted_language
from umkm_portal.api_messages import MESSAGES

pytestmark = pytest.mark.django_db


def required_message(response):
    return response.json()["name"][0]


@pytest.mark.parametrize(
    ("header", "language"),
    [("", "id"), ("en", "en"), ("en-US,en;q=0.9", "en"), ("fr-FR, en;q=0.5", "en"),
     ("id-ID", "id"), ("de", "id"), ("*", "id")],
)  # fmt: skip
def test_the_language_is_the_first_the_header_accepts_that_the_portal_speaks(header, language):
    assert accepted_language(header) == language


@pytest.mark.parametrize("language", ["id", "en"])
def test_errors_follow_accept_language(world, language):
    client = APIClient()
    client.force_authenticate(world.people["owner_editor"])
    response = client.post("/api/v1/products/", {}, format="json", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 400
    assert response["Content-Language"] == language
    assert "Accept-Language" in response["Vary"]
    with translation.override(language):
        expected = {
            "required": str(fields.Field.default_error_messages["required"]),
            "unknown": translation.gettext("Unknown parameter. This list takes: %(known)s."),
            "not_found": translation.gettext("Not found."),
        }
    assert required_message(response) == expected["required"]
    unknown = APIClient().get("/api/v1/regions/", {"q": "x"}, HTTP_ACCEPT_LANGUAGE=language)
    assert unknown.json()["q"][0] == expected["unknown"] % {"known": "format, page, page_size"}
    missing = APIClient().get("/api/v1/nowhere/", HTTP_ACCEPT_LANGUAGE=language)
    assert missing.json() == {"detail": expected["not_found"]}


def test_english_errors_are_english_only(world):
    client = APIClient()
    client.force_authenticate(world.people["owner_editor"])
    response = client.post("/api/v1/products/", {}, format="json", HTTP_ACCEPT_LANGUAGE="en")
    assert response.json()
    assert all(messages == ["This field is required."] for messages in response.json().values())


def test_the_pages_keep_the_language_of_their_address(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert response["Content-Language"] == "id"
    assert translation.get_language() == "id"


def _msgid(message) -> str:
    """The msgid behind a lazy translation."""
    return message._args[0] if hasattr(message, "_args") else str(message)


def drf_messages() -> set[str]:
    """Every error message of DRF's fields, serializers, relations and exceptions."""
    found: set[str] = set()
    for module in (fields, relations, serializers):
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            for message in getattr(cls, "default_error_messages", {}).values():
                found.add(_msgid(message))
    for _name, cls in inspect.getmembers(exceptions, inspect.isclass):
        if issubclass(cls, exceptions.APIException):
            found.add(_msgid(cls.default_detail))
    return found


def test_every_drf_message_is_translated_or_handed_to_the_portals_catalogue():
    with translation.override("id"):
        untranslated = {m for m in drf_messages() if translation.gettext(m) == m}
    assert untranslated - MESSAGES == set()
