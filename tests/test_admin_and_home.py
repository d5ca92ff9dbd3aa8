"""The admin works for administrators on real data; the home page is public and cacheable."""

import pytest
from django.contrib import admin
from django.urls import reverse

from catalog.models import Nomination, Product
from tests.factories import DesignationFactory, ProductFactory, UserFactory

pytestmark = pytest.mark.django_db

PROJECT_MODELS = [
    model
    for model in admin.site._registry
    if model._meta.app_label in {"agencies", "catalog", "notifications"}
]


@pytest.fixture
def administrator(client):
    user = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(user)
    return user


@pytest.mark.parametrize("model", PROJECT_MODELS, ids=lambda m: m._meta.label)
def test_admin_changelist_and_add_pages_load(client, administrator, model):
    ProductFactory()
    DesignationFactory()
    info = (model._meta.app_label, model._meta.model_name)

    changelist = client.get(reverse("admin:{}_{}_changelist".format(*info)), {"q": "lada"})
    assert changelist.status_code == 200

    add = client.get(reverse("admin:{}_{}_add".format(*info)))
    assert add.status_code in {200, 403}  # 403 where adding is switched off (audit trail)


def test_admin_product_page_shows_inlines_and_history(client, administrator):
    product = ProductFactory(name="Lada Putih Muntok 250 g")

    page = client.get(reverse("admin:catalog_product_change", args=[product.pk]))
    history = client.get(reverse("admin:catalog_product_history", args=[product.pk]))

    assert page.status_code == 200
    content = page.content.decode()
    assert "images-TOTAL_FORMS" in content
    assert "certificates-TOTAL_FORMS" in content
    assert "collaborations-TOTAL_FORMS" in content
    assert history.status_code == 200


def test_nomination_state_is_read_only_in_the_admin(client, administrator):
    nomination = DesignationFactory().nomination
    url = reverse("admin:catalog_nomination_change", args=[nomination.pk])

    client.post(
        url,
        {
            "product": nomination.product.pk,
            "agency": nomination.agency.pk,
            "justification": "diubah",
            "created_by": nomination.created_by.pk,
            "state": "draft",
            "events-TOTAL_FORMS": 0,
            "events-INITIAL_FORMS": 0,
        },
    )

    nomination.refresh_from_db()
    assert nomination.state == Nomination.State.APPROVED


def test_agency_staff_cannot_enter_the_admin(client):
    client.force_login(UserFactory())
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_history_records_who_changed_a_product(client, administrator):
    product = ProductFactory(price_max=60_000)
    product.price_max = 65_000
    product.save()

    assert product.history.count() == 2
    assert product.history.first().price_max == 65_000


def test_home_is_public_and_cacheable(client):
    ProductFactory(name="Madu Pelawan Bangka Tengah 250 ml")
    ProductFactory(name="Rancangan Rahasia", status=Product.Status.DRAFT)

    response = client.get("/")

    assert response.status_code == 200
    content = response.content.decode()
    assert "Madu Pelawan Bangka Tengah" in content
    assert "Rancangan Rahasia" not in content
    assert not response.cookies
    assert "csrfmiddlewaretoken" not in content
    assert "Cookie" not in response.get("Vary", "")
    assert '<html lang="id">' in content


def test_home_in_english_links_back_to_indonesian(client):
    response = client.get("/en/")

    content = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en">' in content
    assert 'href="/"' in content and 'hreflang="id"' in content
