"""The address of a product taken out of the catalogue (issue 16, item 6): a QR code printed on
old packaging still leads somewhere useful. An archived product that was public answers 410
Gone with a page that says so and offers its business and similar products; a draft, or a
product archived before it was ever published, stays a plain 404."""

import pytest
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext

from catalog import services
from catalog.models import Product
from tests.factories import AgencyFactory, BusinessFactory, CategoryFactory, ProductFactory
from tests.helpers import member

pytestmark = pytest.mark.django_db

GONE = "This product is no longer listed"


@pytest.fixture
def shelf():
    """Pepper from one business, its curating agency's editor, and other products: two of the
    same category (one of them a draft), one of another."""
    pepper = CategoryFactory(slug="pertanian-perkebunan", name="Pertanian & Perkebunan")
    honey = CategoryFactory(slug="madu-herbal", name="Madu & Herbal")
    agency = AgencyFactory(slug="distan", name="Dinas Pertanian", short_name="Distan")
    business = BusinessFactory(
        name="Kebun Lada Mentok Jaya", slug="kebun-lada-mentok-jaya", registering_agency=agency
    )
    product = ProductFactory(
        name="Lada Putih Muntok 250 g", slug="lada-putih-muntok", business=business,
        owner_agency=agency,
        category=pepper, status=Product.Status.DRAFT, price_min=77_000, price_max=77_000,
    )  # fmt: skip
    editor = member(product.owner_agency, username="distan.editor")
    return {
        "product": product,
        "business": business,
        "editor": editor,
        "similar": ProductFactory(name="Lada Hitam Belitung", category=pepper),
        "draft": ProductFactory(
            name="Lada Hijau Draf",
            category=pepper,
            status=Product.Status.DRAFT,
            owner_agency=product.owner_agency,
        ),
        "other": ProductFactory(name="Madu Pelawan", category=honey),
    }


def published_then_archived(shelf) -> Product:
    product, editor = shelf["product"], shelf["editor"]
    services.publish(product=product, by=editor)
    return services.archive(product=product, by=editor)


@pytest.mark.parametrize("language", ["id", "en"])
def test_an_archived_product_says_it_is_gone_and_offers_its_business_and_similar_products(
    client, shelf, language
):
    published_then_archived(shelf)
    prefix = "/en" if language == "en" else ""

    response = client.get(f"{prefix}/produk/lada-putih-muntok/")

    content = response.content.decode()
    assert response.status_code == 410
    with translation.override(language):
        assert f"<h1>{gettext(GONE)}</h1>" in content
    assert "Lada Putih Muntok 250 g" in content  # which product it was
    assert f'href="{prefix}/umkm/kebun-lada-mentok-jaya/"' in content
    assert "Lada Hitam Belitung" in content  # published, same category
    assert "Lada Hijau Draf" not in content and "Madu Pelawan" not in content
    assert '<meta name="robots" content="noindex">' in content
    assert "Rp\u00a077.000" not in content  # not the product's page: no price, no contacts
    assert Product.objects.get(slug="lada-putih-muntok").status == Product.Status.ARCHIVED


def test_an_inactive_business_is_not_offered(client, shelf):
    published_then_archived(shelf)
    services.deactivate_business(business=shelf["business"], by=shelf["editor"])

    response = client.get("/produk/lada-putih-muntok/")

    content = response.content.decode()
    assert response.status_code == 410
    assert "/umkm/kebun-lada-mentok-jaya/" not in content
    assert "Lada Hitam Belitung" in content


def test_a_draft_or_a_product_archived_before_it_was_published_is_a_404(client, shelf, settings):
    settings.DEBUG = False
    never_published = services.archive(product=shelf["draft"], by=shelf["editor"])
    assert never_published.published_at is None

    draft = client.get("/produk/lada-putih-muntok/")
    archived_draft = client.get(never_published.get_absolute_url())

    for response in (draft, archived_draft):
        content = response.content.decode()
        assert response.status_code == 404
        assert f"<h1>{gettext('Page not found')}</h1>" in content
        assert gettext(GONE) not in content
        assert "Lada" not in content.split("<main", 1)[1]  # nothing about the product


def test_the_curating_editor_still_sees_the_archived_products_own_page(client, shelf):
    published_then_archived(shelf)
    client.force_login(shelf["editor"])

    response = client.get("/produk/lada-putih-muntok/")

    assert response.status_code == 200
    assert gettext(GONE) not in response.content.decode()


def test_the_page_cache_never_serves_the_product_after_it_is_archived_nor_the_410_after(
    settings, shelf, django_capture_on_commit_callbacks
):
    settings.PUBLIC_CACHE = True
    client, product, editor = Client(), shelf["product"], shelf["editor"]
    with django_capture_on_commit_callbacks(execute=True):
        services.publish(product=product, by=editor)
    first, second = (
        client.get("/produk/lada-putih-muntok/"),
        client.get("/produk/lada-putih-muntok/"),
    )
    assert (first.status_code, first["X-Cache"], second["X-Cache"]) == (200, "miss", "hit")

    with django_capture_on_commit_callbacks(execute=True):
        services.archive(product=product, by=editor)
    gone = [client.get("/produk/lada-putih-muntok/") for _ in range(2)]
    assert [response.status_code for response in gone] == [410, 410]
    assert all("X-Cache" not in response for response in gone)  # never kept

    with django_capture_on_commit_callbacks(execute=True):
        services.publish(product=product, by=editor)
    back = client.get("/produk/lada-putih-muntok/")
    assert back.status_code == 200 and gettext(GONE) not in back.content.decode()
