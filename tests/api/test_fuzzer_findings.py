"""What Schemathesis found (issue 16 item 25; tests/fuzz runs it in CI), each kept by a plain
test: answers that may hold null say so in the schema, a web address that may be empty is not
promised to be a URI, and a nested field's errors keep the documented 400 shape (field → list of
messages), named by their path."""

import pytest
from drf_spectacular.generators import SchemaGenerator
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def components(django_db_blocker):
    with django_db_blocker.unblock():
        schema = SchemaGenerator().get_schema(request=None, public=True)
    return schema["components"]["schemas"]


@pytest.mark.parametrize(
    ("component", "field"),
    [
        ("Activity", "agreement"),  # an activity under no agreement
        ("Service", "agreement"),
        ("Service", "partner"),  # given by an agency, so no partner
        ("Party", "partner"),
        ("Party", "agency"),
        ("Agreement", "document"),  # no document, or not one the reader may see
        ("Nomination", "submitted_by"),
    ],
)
def test_an_answer_that_may_be_null_is_nullable_in_the_schema(components, component, field):
    assert components[component]["properties"][field].get("nullable") is True


def test_a_web_address_that_may_be_empty_is_not_promised_as_a_uri(components):
    website = components["Partner"]["properties"]["website"]
    assert website["type"] == "string" and "format" not in website


def test_a_field_that_is_never_null_stays_so(components):
    assert "nullable" not in components["Product"]["properties"]["name"]


def test_a_nested_fields_errors_are_named_by_their_path():
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=UserFactory()).key}")

    response = client.put(
        "/api/v1/notifications/preferences/",
        {"language": "id", "deliveries": {"invited": "AAA"}},
        format="json",
    )

    assert response.status_code == 400
    body = response.json()
    assert list(body) == ["deliveries.invited"]
    assert all(isinstance(message, str) for message in body["deliveries.invited"])


def test_every_operation_with_a_body_documents_415(components):
    schema = SchemaGenerator().get_schema(request=None, public=True)
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            if isinstance(operation, dict) and "requestBody" in operation:
                assert "415" in operation["responses"], (method, path)


def test_a_body_in_a_format_the_operation_does_not_read_is_a_documented_415():
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=UserFactory()).key}")

    response = client.put(
        "/api/v1/notifications/preferences/", "language=id", content_type="text/plain"
    )

    assert response.status_code == 415
    assert list(response.json()) == ["detail"]
