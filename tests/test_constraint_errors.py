"""A broken database constraint is told in words next to its field, never by its name (issue 16
item 1, umkm_portal/constraints.py): in the pages and the API alike, in Indonesian and English,
also when the database itself refuses a row that passed validation (two saves at once)."""

import pytest
from django.apps import apps
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from rest_framework.test import APIClient

from catalog.models import Business, Product
from catalog.services import businesses
from tests.workspace.helpers import edited
from umkm_portal.constraints import (
    CONSTRAINT_ERRORS,
    INTERNAL_CONSTRAINTS,
    FieldConstraints,
    constraint_error,
    violation,
)

#: The apps whose rows people write through forms and the API.
WRITTEN_APPS = {"agencies", "catalog", "support", "notifications", "jobs"}
CONSTRAINTS = {
    constraint.name: (model, constraint)
    for model in apps.get_models()
    for constraint in model._meta.constraints
}
PRICES = "The lowest price cannot be above the highest price."


def said(message: str, language: str) -> str:
    with translation.override(language):
        return gettext(message)


def assert_no_constraint_name(text: str) -> None:
    named = [name for name in CONSTRAINTS if name in text]
    assert not named, f"constraint names shown to a person: {named}"


# The mapping ------------------------------------------------------------------------------------


def test_every_constraint_is_told_in_words_or_out_of_a_persons_reach():
    written = {
        name for name, (model, _) in CONSTRAINTS.items() if model._meta.app_label in WRITTEN_APPS
    }
    assert not set(CONSTRAINT_ERRORS) & INTERNAL_CONSTRAINTS
    assert written == set(CONSTRAINT_ERRORS) | INTERNAL_CONSTRAINTS


@pytest.mark.parametrize("name", sorted(CONSTRAINT_ERRORS))
@pytest.mark.parametrize("language", ["id", "en"])
def test_each_told_constraint_stands_next_to_a_field_of_its_model(name, language):
    model, constraint = CONSTRAINTS[name]
    assert issubclass(model, FieldConstraints), f"{model.__name__} does not validate with words"
    entry = CONSTRAINT_ERRORS[name]
    with translation.override(language):
        raw = ValidationError(constraint.get_violation_error_message())
        errors = violation(constraint, raw)
        message = str(errors[entry.field or NON_FIELD_ERRORS][0].message)
        left_out = violation(constraint, raw, exclude={entry.field})
    if entry.field:
        model._meta.get_field(entry.field)
    assert message.strip()
    assert_no_constraint_name(message)
    # A form that does not show the field still shows the message, above the form.
    assert list(left_out) == [NON_FIELD_ERRORS]


def test_an_unlisted_constraint_is_never_named():
    _, constraint = CONSTRAINTS["product_status_known"]
    errors = violation(constraint, ValidationError(constraint.get_violation_error_message()))
    assert [str(error.message) for error in errors[NON_FIELD_ERRORS]] == [
        gettext("These values cannot be saved together.")
    ]


def test_another_integrity_error_is_left_alone():
    assert (
        constraint_error(IntegrityError("NOT NULL constraint failed: catalog_product.name")) is None
    )


# The product form and the product API (the constraint of the screenshot) -----------------


def product_form_path(name: str, language: str, *args) -> str:
    with translation.override(language):
        return reverse(name, args=args)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["id", "en"])
def test_the_product_form_tells_the_prices_apart_next_to_the_lowest_price(client, world, language):
    client.force_login(world.people["owner_editor"])
    path = product_form_path("workspace-product-edit", language, world.published.slug)

    response = client.post(path, edited(world.published, price_min=900_000, price_max=100_000))

    assert response.status_code == 200
    assert response.context["form"].errors == {"price_min": [said(PRICES, language)]}
    page = response.content.decode()
    error_list = page.split('id="id_price_min_error"', 1)[1].split("</ul>", 1)[0]
    assert said(PRICES, language) in error_list
    assert_no_constraint_name(page)
    world.published.refresh_from_db()
    assert (world.published.price_min, world.published.price_max) == (45_000, 60_000)


@pytest.mark.django_db
def test_a_new_product_with_its_prices_swapped_is_not_created(client, world):
    client.force_login(world.people["owner_editor"])
    data = {
        "business": world.business.pk,
        "owner_agency": world.owner.pk,
        "name": "Madu Pelawan Namang",
        "category": world.category.pk,
        "price_min": "200000",
        "price_max": "150000",
        "unit": "per 250 ml",
        "status": Product.Status.DRAFT,
    }

    response = client.post(reverse("workspace-product-create"), data)

    assert response.context["form"].errors == {"price_min": [gettext(PRICES)]}
    assert_no_constraint_name(response.content.decode())
    assert not Product.objects.filter(name="Madu Pelawan Namang").exists()


def api_client(user, language: str) -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE=language)
    client.force_authenticate(user)
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["id", "en"])
def test_the_api_answers_swapped_prices_with_a_400_on_the_lowest_price(world, language):
    client = api_client(world.people["owner_editor"], language)
    path = reverse("api:product-detail", args=[world.published.slug])

    response = client.patch(path, {"price_min": 900_000}, format="json")

    assert response.status_code == 400
    assert response.json() == {"price_min": [said(PRICES, language)]}
    world.published.refresh_from_db()
    assert world.published.price_min == 45_000


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["id", "en"])
def test_the_api_creates_no_product_with_swapped_prices(world, language):
    client = api_client(world.people["owner_editor"], language)
    body = {
        "business": world.business.slug,
        "owner_agency": world.owner.slug,
        "name": "Madu Pelawan",
        "category": world.category.slug,
        "price_min": 200_000,
        "price_max": 100_000,
        "unit": "per botol",
    }

    response = client.post(reverse("api:product-list"), body, format="json")

    assert response.status_code == 400
    assert response.json() == {"price_min": [said(PRICES, language)]}
    assert not Product.objects.filter(name="Madu Pelawan").exists()


# When the database refuses what validation let through (two people saving at once) ---------------


@pytest.fixture
def validation_misses(monkeypatch):
    """Validation that sees no clash, as when another save lands between it and the write."""
    monkeypatch.setattr(FieldConstraints, "validate_constraints", lambda self, exclude=None: None)
    monkeypatch.setattr(businesses, "_check_nib", lambda nib, exclude_pk=None: None)


@pytest.mark.django_db
def test_a_refused_check_reaches_the_form_in_words(client, world, validation_misses):
    client.force_login(world.people["owner_editor"])
    path = reverse("workspace-product-edit", args=[world.published.slug])

    response = client.post(path, edited(world.published, price_min=900_000))

    assert response.context["form"].errors == {"price_min": [gettext(PRICES)]}
    world.published.refresh_from_db()
    assert world.published.price_min == 45_000


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["id", "en"])
def test_a_refused_check_reaches_the_api_in_words(world, validation_misses, language):
    client = api_client(world.people["owner_editor"], language)
    path = reverse("api:product-detail", args=[world.published.slug])

    response = client.patch(path, {"price_min": 900_000}, format="json")

    assert response.status_code == 400
    assert response.json() == {"price_min": [said(PRICES, language)]}
    world.published.refresh_from_db()
    assert world.published.price_min == 45_000


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["id", "en"])
def test_a_refused_unique_nib_reaches_the_api_in_words(world, validation_misses, language):
    client = api_client(world.people["owner_editor"], language)
    body = {
        "name": "Madu Kelulut Belinyu",
        "owner_name": "Rahmat Hidayat",
        "region": world.region.slug,
        "scale": "mikro",
        "nib": world.business.nib,
    }

    response = client.post(reverse("api:business-list"), body, format="json")

    assert response.status_code == 400
    assert response.json() == {"nib": [said("This NIB is registered already.", language)]}
    assert Business.objects.filter(nib=world.business.nib).count() == 1
