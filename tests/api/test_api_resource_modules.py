"""Each API resource is one viewset, reads and writes together, and the restructuring that made it
so kept the addresses and their documented answers (docs/architecture.md §5)."""

import json
import re

import pytest
from django.urls import NoReverseMatch, resolve, reverse
from rest_framework.test import APIClient

from catalog.api import agencies, businesses, products, urls
from tests.factories import CategoryFactory, CriterionFactory, RegionFactory

WRITES = {"create", "update", "partial_update", "destroy"}


def written_actions(viewset) -> set[str]:
    """The names of the viewset's methods that change something: DRF's write actions it has,
    and its extra actions that answer anything but GET."""
    names = {name for name in WRITES if hasattr(viewset, name)}
    for extra in viewset.get_extra_actions():
        if set(extra.mapping) - {"get"}:
            names |= set(extra.mapping.values())
    return names


WRITING_VIEWSETS = [
    viewset for _prefix, viewset, _basename in urls.router.registry if written_actions(viewset)
]


def test_the_resources_that_write_are_found():
    assert {agencies.AgencyViewSet, businesses.BusinessViewSet, products.ProductViewSet} <= set(
        WRITING_VIEWSETS
    )


@pytest.mark.parametrize("viewset", WRITING_VIEWSETS, ids=lambda viewset: viewset.__name__)
def test_a_viewset_that_writes_defines_its_writes_itself(viewset):
    """Not in a mixin of another module: reading the viewset's class shows all it does."""
    for name in written_actions(viewset):
        owner = next(klass for klass in viewset.__mro__ if name in vars(klass))
        assert owner is viewset or owner.__module__.startswith("rest_framework."), (
            f"{viewset.__name__}.{name} comes from {owner.__module__}.{owner.__name__}"
        )


@pytest.mark.parametrize("viewset", WRITING_VIEWSETS, ids=lambda viewset: viewset.__name__)
def test_no_viewset_that_writes_stands_on_a_read_only_base(viewset):
    assert not [klass for klass in viewset.__mro__ if "ReadOnly" in klass.__name__]


@pytest.mark.parametrize(
    ("name", "factory"),
    [("region", RegionFactory), ("category", CategoryFactory), ("criterion", CriterionFactory)],
)
def test_a_list_only_resource_has_no_detail_address(db, name, factory):
    """They used to have one, through the public cache's `retrieve`, and it answered 500."""
    listed = factory()
    list_url = reverse(f"api:{name}-list")

    response = APIClient().get(f"{list_url}{listed.pk}/")

    assert response.status_code == 404
    assert APIClient().get(list_url).status_code == 200
    with pytest.raises(NoReverseMatch):
        reverse(f"api:{name}-detail", args=[listed.pk])


#: Every operation of the resources outside the flagship workflow, with the answers it documents.
OPERATIONS = {
    ("GET", "/api/v1/"): "200 401 429",
    ("GET", "/api/v1/agencies/"): "200 400 401 404 429",
    ("GET", "/api/v1/agencies/{slug}/"): "200 401 404 429",
    ("GET", "/api/v1/agencies/{slug}/members/"): "200 400 401 403 404 429",
    ("POST", "/api/v1/agencies/{slug}/members/"): "201 400 401 403 404 409 413 415 422 429",
    (
        "PATCH",
        "/api/v1/agencies/{slug}/members/{membership_id}/",
    ): "200 400 401 403 404 409 413 415 429",
    ("DELETE", "/api/v1/agencies/{slug}/members/{membership_id}/"): "204 401 403 404 409 429",
    ("POST", "/api/v1/auth/token/"): "200 400 401 413 415 422 429",
    ("DELETE", "/api/v1/auth/token/"): "204 401 429",
    ("GET", "/api/v1/businesses/"): "200 400 401 404 429",
    ("POST", "/api/v1/businesses/"): "201 400 401 403 413 415 422 429",
    ("GET", "/api/v1/businesses/{slug}/"): "200 401 404 429",
    ("PATCH", "/api/v1/businesses/{slug}/"): "200 400 401 403 404 413 415 429",
    ("DELETE", "/api/v1/businesses/{slug}/"): "204 401 403 404 429",
    ("GET", "/api/v1/categories/"): "200 400 401 404 429",
    ("POST", "/api/v1/collaborations/{id}/accept/"): "200 401 403 404 409 422 429",
    ("POST", "/api/v1/collaborations/{id}/decline/"): "200 401 403 404 409 422 429",
    ("POST", "/api/v1/collaborations/{id}/end/"): "200 401 403 404 409 422 429",
    ("GET", "/api/v1/criteria/"): "200 400 401 404 429",
    ("GET", "/api/v1/flagships/"): "200 400 401 404 429",
    ("GET", "/api/v1/flagships/{id}/"): "200 401 404 429",
    ("GET", "/api/v1/products/"): "200 400 401 404 429",
    ("POST", "/api/v1/products/"): "201 400 401 403 413 415 422 429",
    ("GET", "/api/v1/products/{slug}/"): "200 401 404 429",
    ("PATCH", "/api/v1/products/{slug}/"): "200 400 401 403 404 409 413 415 429",
    ("DELETE", "/api/v1/products/{slug}/"): "204 401 403 404 409 429",
    ("GET", "/api/v1/products/{slug}/collaborations/"): "200 400 401 404 429",
    ("POST", "/api/v1/products/{slug}/collaborations/"): "201 400 401 403 404 409 413 415 422 429",
    ("POST", "/api/v1/products/{slug}/images/"): "201 400 401 403 404 413 415 422 429",
    ("DELETE", "/api/v1/products/{slug}/images/{image_id}/"): "204 401 403 404 429",
    ("GET", "/api/v1/regions/"): "200 400 401 404 429",
}


def served_by_the_development_record(path: str) -> bool:
    """The development record's addresses are its own tests' (tests/api/test_support_*.py), and
    so are the notifications' (tests/notifications/test_notifications_api.py)."""
    match = resolve(re.sub(r"\{[^}]+\}", "1", path))
    view = getattr(match.func, "cls", match.func)
    return view.__module__.startswith(("support.", "notifications."))


def test_the_schema_keeps_every_address_and_its_documented_answers(db):
    response = APIClient().get(
        reverse("api:schema"), HTTP_ACCEPT="application/vnd.oai.openapi+json"
    )
    paths = json.loads(response.content)["paths"]

    documented = {
        (method.upper(), path): " ".join(sorted(operation["responses"]))
        for path, operations in paths.items()
        if not path.startswith(("/api/v1/nominations/", "/api/v1/flagships/{id}/revoke/"))
        and not served_by_the_development_record(path)
        for method, operation in operations.items()
    }

    assert documented == OPERATIONS
