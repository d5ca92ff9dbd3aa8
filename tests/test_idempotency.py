"""A retried POST with the same Idempotency-Key creates nothing twice."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import IntegrityError
from django.utils import timezone
from rest_framework.test import APIClient

from catalog.models import Nomination, Product
from tests.factories import (
    AgencyFactory,
    BusinessFactory,
    CategoryFactory,
    MembershipFactory,
    ProductFactory,
)
from umkm_portal.idempotency import IdempotencyMiddleware
from umkm_portal.models import IdempotencyRecord

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


def test_a_retry_that_reaches_another_server_is_answered_from_the_database(editor):
    """Another worker or app server has another cache (or the cache was flushed): the record
    committed with the product still answers the retry."""
    client = api(editor)
    first = client.post("/api/v1/products/", product(), format="json", HTTP_IDEMPOTENCY_KEY="k6")

    cache.clear()
    again = client.post("/api/v1/products/", product(), format="json", HTTP_IDEMPOTENCY_KEY="k6")

    assert again.status_code == 201 and again["Idempotent-Replayed"] == "true"
    assert again.json() == first.json()
    assert Product.objects.count() == 1
    assert IdempotencyRecord.objects.count() == 1


def test_two_requests_racing_past_the_check_write_once(editor, monkeypatch):
    """Both saw no record (and no flag): the second to commit finds the first's record by its
    unique name and undoes its own write."""
    client = api(editor)
    client.post("/api/v1/products/", product(), format="json", HTTP_IDEMPOTENCY_KEY="k7")
    monkeypatch.setattr(IdempotencyMiddleware, "_kept", staticmethod(lambda name: None))

    raced = client.post("/api/v1/products/", product(), format="json", HTTP_IDEMPOTENCY_KEY="k7")

    assert raced.status_code == 409
    assert Product.objects.count() == 1


def test_a_write_whose_record_cannot_be_kept_is_undone(editor, monkeypatch):
    def broken(*args, **kwargs):
        raise IntegrityError("disk full")

    monkeypatch.setattr(IdempotencyRecord.objects, "create", broken)
    client = api(editor)

    answer = client.post("/api/v1/products/", product(), format="json", HTTP_IDEMPOTENCY_KEY="k8")

    assert answer.status_code == 409
    assert Product.objects.count() == 0


def test_records_last_a_day(editor, monkeypatch):
    from umkm_portal import idempotency

    client = api(editor)
    client.post("/api/v1/products/", product("A"), format="json", HTTP_IDEMPOTENCY_KEY="k9")
    IdempotencyRecord.objects.update(created_at=timezone.now() - timedelta(hours=25))
    monkeypatch.setattr(idempotency, "PURGE_EVERY", 1)
    cache.clear()

    later = client.post("/api/v1/products/", product("B"), format="json", HTTP_IDEMPOTENCY_KEY="k9")

    assert later.status_code == 201 and "Idempotent-Replayed" not in later
    assert Product.objects.count() == 2
    assert IdempotencyRecord.objects.count() == 1  # the expired one purged
