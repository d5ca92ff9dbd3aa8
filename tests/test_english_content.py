"""English content (issue 16): a product's English description beside its English name and
summary, and the English names of categories, criteria and stages, on every English page and in
English API answers, with the Indonesian text wherever no English one was entered."""

import importlib

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import translation
from rest_framework.test import APIClient

from catalog import workflow
from catalog.models import Category, Criterion, Product
from support.models import Stage
from tests import factories as f
from tests.api.helpers import url as api_url
from tests.helpers import member

pytestmark = pytest.mark.django_db

DESCRIPTION = "Lada putih dijemur di bawah matahari Muntok."
DESCRIPTION_EN = "White pepper dried under the Muntok sun."


def english(name, *args):
    with translation.override("en"):
        return reverse(name, args=args)


def indonesian(name, *args):
    with translation.override("id"):
        return reverse(name, args=args)


def about(page: str) -> str:
    """The "About this product" section of a product page."""
    start = page.index('id="about-title"')
    return page[start : page.index("</section>", start)]


# The product's English description -----------------------------------------------------------


def test_the_english_page_shows_the_english_description_and_the_indonesian_one_stays(client):
    product = f.ProductFactory(description=DESCRIPTION, description_en=DESCRIPTION_EN)

    english_page = client.get(english("product-detail", product.slug)).content.decode()
    indonesian_page = client.get(indonesian("product-detail", product.slug)).content.decode()

    assert DESCRIPTION_EN in about(english_page) and DESCRIPTION not in about(english_page)
    assert '<div class="prose" lang="en">' in about(english_page)
    assert DESCRIPTION in about(indonesian_page) and DESCRIPTION_EN not in indonesian_page
    assert '<div class="prose" lang="id">' in about(indonesian_page)


def test_without_an_english_description_the_english_page_shows_the_indonesian_one(client):
    product = f.ProductFactory(description=DESCRIPTION, description_en="")

    page = client.get(english("product-detail", product.slug)).content.decode()

    assert DESCRIPTION in about(page)
    assert '<div class="prose" lang="id">' in about(page)  # marked as Indonesian text


def test_an_english_description_alone_is_shown_on_english_pages_only(client):
    product = f.ProductFactory(description="", description_en=DESCRIPTION_EN)

    assert DESCRIPTION_EN in client.get(english("product-detail", product.slug)).content.decode()
    indonesian_page = client.get(indonesian("product-detail", product.slug)).content.decode()
    assert 'id="about-title"' not in indonesian_page


def test_the_product_form_saves_the_english_description(client, world):
    client.force_login(world.people["owner_editor"])
    product = world.published
    data = {
        "name": product.name,
        "category": product.category_id,
        "price_min": product.price_min,
        "price_max": product.price_max,
        "unit": product.unit,
        "description": DESCRIPTION,
        "description_en": DESCRIPTION_EN,
    }

    form = client.get(indonesian("workspace-product-edit", product.slug)).content.decode()
    response = client.post(indonesian("workspace-product-edit", product.slug), data)

    assert 'name="description_en"' in form
    assert response.status_code == 302
    product.refresh_from_db()
    assert product.description_en == DESCRIPTION_EN
    assert product.history.latest().description_en == DESCRIPTION_EN


def test_the_api_writes_and_reads_the_english_description(world, client_of):
    slug = world.published.slug

    changed = client_of("owner_editor").patch(
        api_url("product-detail", slug), {"description_en": DESCRIPTION_EN}, format="json"
    )
    shown = client_of("anonymous").get(api_url("product-detail", slug))

    assert changed.status_code == 200, changed.content
    assert Product.objects.get(slug=slug).description_en == DESCRIPTION_EN
    assert changed.json()["description_en"] == DESCRIPTION_EN
    assert shown.json()["description_en"] == DESCRIPTION_EN


def test_the_api_refuses_the_english_description_from_who_may_not_edit(world, client_of):
    slug = world.published.slug

    response = client_of("other_editor").patch(
        api_url("product-detail", slug), {"description_en": DESCRIPTION_EN}, format="json"
    )

    assert response.status_code in (403, 404)
    assert Product.objects.get(slug=slug).description_en == ""


# English names of categories, criteria and stages --------------------------------------------


def test_the_reference_lists_of_the_api_name_things_in_the_language_of_the_request():
    f.CategoryFactory(slug="madu-herbal", name="Madu & Herbal", name_en="Honey & Herbal")
    f.CriterionFactory(code="kemasan", name="Kemasan dan desain", name_en="Packaging and design")
    client = APIClient()

    def names(path, language, key):
        response = client.get(path, HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 200
        return {row[key]: row["display_name"] for row in response.json()["results"]}

    assert names("/api/v1/categories/", "en", "slug")["madu-herbal"] == "Honey & Herbal"
    assert names("/api/v1/categories/", "id", "slug")["madu-herbal"] == "Madu & Herbal"
    assert names("/api/v1/criteria/", "en", "code")["kemasan"] == "Packaging and design"
    assert names("/api/v1/criteria/", "id", "code")["kemasan"] == "Kemasan dan desain"


def test_the_stages_of_the_api_are_named_in_the_language_of_the_request(world, client_of):
    client = client_of("owner_editor")

    def name_of_training(language):
        response = client.get("/api/v1/stages/", HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 200
        rows = {row["code"]: row for row in response.json()["results"]}
        return rows["pelatihan"]["display_name"], rows["pelatihan"]["name_en"]

    assert name_of_training("en") == ("Training", "Training")
    assert name_of_training("id")[0] == "Pelatihan"


def test_an_english_name_left_empty_falls_back_to_the_indonesian_one():
    criterion = f.CriterionFactory(code="dampak", name="Dampak ekonomi dan sosial", name_en="")

    with translation.override("en"):
        assert criterion.display_name == "Dampak ekonomi dan sosial"
        assert str(criterion) == "Dampak ekonomi dan sosial"


def test_the_english_nomination_pages_name_the_criteria_and_the_category_in_english(client):
    owner = f.AgencyFactory(slug="dinas-pertanian", name="Dinas Pertanian")
    leading = f.AgencyFactory(slug="disperindag", is_leading_sector=True)
    category = f.CategoryFactory(slug="madu-herbal", name="Madu & Herbal", name_en="Honey & Herbal")
    f.CriterionFactory(
        code="kemasan",
        name="Kemasan dan desain",
        name_en="Packaging and design",
        description="Kemasan aman.",
        description_en="Safe packaging.",
    )
    editor = member(owner, username="pertanian.editor")
    reviewer = member(leading, "reviewer", username="disperindag.reviewer")
    product = f.ProductFactory(owner_agency=owner, category=category)
    nomination = workflow.nominate(product=product, by=editor, justification="Lokal.")
    workflow.act(nomination=nomination, by=editor, action="submit")
    workflow.assess(nomination=nomination, by=reviewer, scores={"kemasan": 4})
    client.force_login(reviewer)

    english_page = client.get(english("workspace-nomination", nomination.pk)).content.decode()
    record = client.get(english("workspace-nomination-record", nomination.pk)).content.decode()
    indonesian_page = client.get(indonesian("workspace-nomination", nomination.pk)).content.decode()

    assert "Packaging and design" in english_page and "Safe packaging." in english_page
    assert "Kemasan dan desain" not in english_page
    assert "Honey &amp; Herbal" in english_page
    assert '<th scope="row">Packaging and design</th>' in record
    assert "Honey &amp; Herbal" in record
    assert "Kemasan dan desain" in indonesian_page and "Packaging and design" not in indonesian_page


def test_the_english_product_list_names_the_categories_in_english(client):
    category = f.CategoryFactory(slug="kerajinan", name="Kerajinan", name_en="Crafts")
    f.ProductFactory(category=category)

    page = client.get(english("product-list")).content.decode()

    assert "Crafts" in page


# The data migration of the English names -----------------------------------------------------


def test_the_migration_fills_missing_english_names_and_keeps_those_entered():
    migration = importlib.import_module("catalog.migrations.0014_english_reference_names")
    Category.objects.create(slug="kerajinan", name="Kerajinan", name_en="")
    Category.objects.create(slug="jasa-wisata", name="Jasa & Wisata", name_en="Tours")
    Criterion.objects.create(code="keunikan", name="Keunikan", name_en="")
    Criterion.objects.create(code="pasar", name="Pasar", name_en="Markets", description_en="")

    migration.fill_english_names(apps, None)

    assert Category.objects.get(slug="kerajinan").name_en == "Crafts"
    assert Category.objects.get(slug="jasa-wisata").name_en == "Tours"  # entered: kept
    assert Criterion.objects.get(code="keunikan").name_en == "Uniqueness and local identity"
    pasar = Criterion.objects.get(code="pasar")
    assert pasar.name_en == "Markets"
    assert pasar.description_en == "The markets already reached and the room to widen them."


def test_every_seeded_stage_has_an_english_name():
    assert Stage.objects.exists()
    assert not Stage.objects.filter(name_en="").exists()
