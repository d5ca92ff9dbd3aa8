"""The API keeps its schema's promises (issue 16, items 23–25): unknown query parameters and
malformed paging answer 400 naming them, a body that is no JSON object answers 400 before any
view reads it, every error is JSON in the documented shape, and nothing a client sends gives a
500. Refused writes leave the database as it was."""

import pytest
from django.utils.translation import gettext as _
from rest_framework.test import APIClient

from catalog.api.root import collections
from catalog.models import Designation, Nomination, Product
from tests.factories import DesignationFactory, NominationFactory

pytestmark = pytest.mark.django_db

API = "/api/v1/"


def signed_in(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def field_errors(response):
    """The documented 400: field → list of messages."""
    body = response.json()
    assert response.status_code == 400, body
    assert body and all(
        isinstance(messages, list) and all(isinstance(m, str) for m in messages)
        for messages in body.values()
    ), body
    return body


# Item 23: unknown query parameters ---------------------------------------------------------------


def test_a_typo_in_a_parameter_is_refused_instead_of_listing_everything(world):
    response = APIClient().get(f"{API}products/", {"q": "lada"})
    errors = field_errors(response)
    assert list(errors) == ["q"]
    assert "search" in errors["q"][0]


def test_every_list_refuses_unknown_parameters(world):
    admin = signed_in(world.people["administrator"])
    assert {
        "products/",
        "businesses/",
        "nominations/",
        "notifications/",
        "stages/",
    } <= collections()
    for route in sorted(collections()):
        response = admin.get(f"{API}{route}", {"zzz": "1"})
        assert response.status_code == 400, route
        assert list(response.json()) == ["zzz"], route


def test_the_documented_parameters_pass(world):
    response = APIClient().get(
        f"{API}products/",
        {
            "search": "lada",
            "page": "1",
            "page_size": "5",
            "ordering": "-name",
            "format": "json",
            "category": world.category.slug,
            "flagship": "false",
            "price_min": "0",
        },
    )
    assert response.status_code == 200, response.json()
    assert [row["slug"] for row in response.json()["results"]] == [world.published.slug]
    reviewer = signed_in(world.people["reviewer"])
    assert (
        reviewer.get(f"{API}nominations/", {"state": "submitted", "page": "last"}).status_code
        == 200
    )


def test_a_detail_is_left_alone(world):
    response = APIClient().get(f"{API}products/{world.published.slug}/", {"utm_source": "x"})
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("parameter", "value"),
    [("page", "0"), ("page", "-1"), ("page", "abc"), ("page_size", "null"),
     ("page_size", "0"), ("page_size", "101"), ("page_size", "1.5")],
)  # fmt: skip
def test_malformed_paging_is_a_400_naming_the_parameter(world, parameter, value):
    response = APIClient().get(f"{API}products/", {parameter: value})
    assert list(field_errors(response)) == [parameter]


def test_a_page_past_the_last_is_a_documented_404(world):
    response = APIClient().get(f"{API}products/", {"page": "9"})
    assert response.status_code == 404
    assert set(response.json()) == {"detail"}


# Item 25: bodies that are not objects ------------------------------------------------------------


@pytest.mark.parametrize("body", ["null", "[null, null]", "[]", "1", '"reason"', "true"])
def test_revoking_with_a_body_that_is_no_object_is_a_400(world, body):
    designation = DesignationFactory()
    admin = signed_in(world.people["administrator"])
    response = admin.post(
        f"{API}flagships/{designation.pk}/revoke/", data=body, content_type="application/json"
    )
    assert field_errors(response) == {"non_field_errors": [_("The body must be a JSON object.")]}
    designation.refresh_from_db()
    assert designation.revoked_at is None


@pytest.mark.parametrize("body", ["null", "[1]", "{bad json"])
def test_declining_with_a_body_that_is_no_object_is_a_400(world, body):
    nomination = world.nomination
    Nomination.objects.filter(pk=nomination.pk).update(state=Nomination.State.RECOMMENDED)
    admin = signed_in(world.people["administrator"])
    response = admin.post(
        f"{API}nominations/{nomination.pk}/decline/", data=body, content_type="application/json"
    )
    assert list(field_errors(response)) == ["non_field_errors"]
    nomination.refresh_from_db()
    assert nomination.state == Nomination.State.RECOMMENDED
    assert not nomination.events.exists()


@pytest.mark.parametrize(
    ("path", "body"),
    [("products/", "null"), ("products/", "[]"), ("businesses/", "7"), ("nominations/", "null"),
     ("notifications/preferences/", "[]")],
)  # fmt: skip
def test_every_json_body_must_be_an_object(world, path, body):
    products, nominations = Product.objects.count(), Nomination.objects.count()
    editor = signed_in(world.people["owner_editor"])
    method = editor.put if path.startswith("notifications") else editor.post
    response = method(f"{API}{path}", data=body, content_type="application/json")
    assert field_errors(response) == {"non_field_errors": [_("The body must be a JSON object.")]}
    assert (Product.objects.count(), Nomination.objects.count()) == (products, nominations)


def test_unparseable_json_answers_field_errors_saying_where(world):
    editor = signed_in(world.people["owner_editor"])
    response = editor.post(f"{API}products/", data='{"name": }', content_type="application/json")
    message = _("The body is not valid JSON (line %(line)s, column %(column)s).") % {
        "line": 1,
        "column": 10,
    }
    assert field_errors(response) == {"non_field_errors": [message]}


def test_an_empty_body_is_still_an_empty_object(world):
    """Steps whose comment is optional take no body at all."""
    nomination = NominationFactory(
        product=world.draft, agency=world.owner, created_by=world.people["owner_editor"]
    )
    editor = signed_in(world.people["owner_editor"])
    response = editor.post(f"{API}nominations/{nomination.pk}/submit/")
    assert response.status_code == 200, response.json()


# Item 25: addresses a client makes up ------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    ["categories/null,null/", "regions/null,null/", "criteria/1/", "flagships/null,null/",
     "flagships/abc/", "flagships/99999999999999999999/", "products/%20x/", "products/a/b/",
     "agencies/%E2%80%8B/", "nominations/abc/", "nominations/1.5/", "activities/x/",
     "notifications/abc/", "no-such-resource/"],
)  # fmt: skip
def test_made_up_addresses_answer_a_json_404(world, path):
    clients = {401: APIClient(), 404: signed_in(world.people["administrator"])}
    for worst, client in clients.items():  # anonymous: 401 where reading needs credentials
        response = client.get(f"{API}{path}")
        assert response.status_code in {404, worst}, (path, response.content[:200])
        assert response["Content-Type"].startswith("application/json")
        assert set(response.json()) == {"detail"}


def test_a_404_says_not_found_in_the_clients_language(world):
    response = APIClient().get(f"{API}products/no-such-product/")
    assert response.json() == {"detail": _("Not found.")}


def test_revoking_an_unknown_designation_changes_nothing(world):
    designation = DesignationFactory()
    admin = signed_in(world.people["administrator"])
    response = admin.post(f"{API}flagships/abc/revoke/", {"reason": "x"}, format="json")
    assert response.status_code == 404
    assert Designation.objects.filter(revoked_at__isnull=False).count() == 0
    assert designation.pk


# Item 25: the nominations' `submitted_by` -------------------------------------------------------


def test_a_draft_nomination_shows_submitted_by_null_as_the_schema_says(world):
    from catalog.api.nominations import NominationSerializer

    nomination = NominationFactory(
        product=world.draft, agency=world.owner, created_by=world.people["owner_editor"]
    )
    editor = signed_in(world.people["owner_editor"])
    shown = editor.get(f"{API}nominations/{nomination.pk}/").json()
    assert shown["submitted_by"] is None
    assert NominationSerializer().fields["submitted_by"].allow_null


# Item 23: the root -------------------------------------------------------------------------------


def test_the_root_lists_the_resources_the_schema_and_the_docs(world):
    response = APIClient().get(API)
    assert response.status_code == 200
    body = response.json()
    assert body["resources"]["products"] == "http://testserver/api/v1/products/"
    assert body["resources"]["notifications"] == "http://testserver/api/v1/notifications/"
    assert body["schema"] == "http://testserver/api/v1/schema/"
    assert body["docs"] == "http://testserver/api/v1/docs/"
    assert body["portal"] == "http://testserver/"
    for address in body["resources"].values():
        assert APIClient().get(address).status_code in (200, 401), address
