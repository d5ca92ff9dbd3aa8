"""A retried POST with the same Idempotency-Key creates nothing twice."""

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from catalog.models import Nomination, Product
from tests.factories import (
    AgencyFactory,
    BusinessFactory,
    CategoryFactory,
    MembershipFactory,
    ProductFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


@pytest.fixture
def editor():
    agency = AgencyFactory(slug="dinas-pertanian")
    BusinessFactory(slug="lada-mentok")
    CategoryFactory()
    return MembershipFactory(agency=agency).user


def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def product(name="Lada Putih Muntok 250 g"):
    return {"business": "lada-mentok", "category": "pertanian-perkebunan", "name": name,
            "price_min": 45000, "price_max": 60000, "owner_agency": "dinas-pertanian"}  # fmt: skip


def test_a_retried_create_is_answered_once(editor):
    client = api(editor)

    first = client.post("/api/v1/products/", product(), format="json", HTTP_IDEMPOTENCY_KEY="k1")
    again = client.post("/api/v1/products/", product(), format="json", HTTP_IDEMPOTENCY_KEY="k1")

    assert first.status_code == 201, first.content
    assert again.status_code == 201 and again["Idempotent-Replayed"] == "true"
    assert again.json() == first.json()
    assert Product.objects.count() == 1


def test_the_same_key_with_another_body_is_refused(editor):
    client = api(editor)
    client.post("/api/v1/products/", product(), format="json", HTTP_IDEMPOTENCY_KEY="k2")

    other = client.post("/api/v1/products/", product("Madu Pelawan"), format="json",
                        HTTP_IDEMPOTENCY_KEY="k2")  # fmt: skip

    assert other.status_code == 422
    assert Product.objects.count() == 1


def test_without_a_key_or_with_a_new_key_each_post_counts(editor):
    client = api(editor)
    client.post("/api/v1/products/", product("A"), format="json")
    client.post("/api/v1/products/", product("B"), format="json")
    client.post("/api/v1/products/", product("C"), format="json", HTTP_IDEMPOTENCY_KEY="k3")
    client.post("/api/v1/products/", product("D"), format="json", HTTP_IDEMPOTENCY_KEY="k4")

    assert Product.objects.count() == 4


def test_a_failed_request_can_be_retried_with_the_same_key(editor):
    client = api(editor)
    bad = {**product(), "price_min": 70000}

    refused = client.post("/api/v1/products/", bad, format="json", HTTP_IDEMPOTENCY_KEY="k5")
    fixed = client.post("/api/v1/products/", bad | {"price_min": 1}, format="json",
                        HTTP_IDEMPOTENCY_KEY="k5")  # fmt: skip

    assert refused.status_code == 400
    assert fixed.status_code == 201
    assert Product.objects.count() == 1


def test_keys_of_different_people_do_not_meet(editor):
    from rest_framework.authtoken.models import Token

    other = MembershipFactory(agency=editor.memberships.get().agency).user
    for user in (editor, other):
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
        client.post("/api/v1/products/", product("A"), format="json", HTTP_IDEMPOTENCY_KEY="k")

    assert Product.objects.count() == 2


def test_a_retried_nomination_is_made_once(editor):
    ProductFactory(slug="lada", owner_agency=editor.memberships.get().agency)
    client = api(editor)
    body = {"product": "lada", "justification": "Bahan baku lokal."}

    first = client.post("/api/v1/nominations/", body, format="json", HTTP_IDEMPOTENCY_KEY="n")
    again = client.post("/api/v1/nominations/", body, format="json", HTTP_IDEMPOTENCY_KEY="n")

    assert (first.status_code, again.status_code) == (201, 201)
    assert Nomination.objects.count() == 1
