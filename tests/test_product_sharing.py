"""The product page's gallery, sharing, favourites and QR code (issue 16, items 9 and 12), as
the server renders them: what works without JavaScript is in the HTML, and what the scripts
enhance carries the data they need. In the browser: tests/browser/test_product_phone_gallery.py."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import translation
from django.utils.translation import gettext

from catalog.models import Product
from tests.factories import BusinessFactory, ProductFactory, ProductImageFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def product():
    item = ProductFactory(
        name="Kain Cual Motif Kembang Kundur",
        slug="kain-cual-kembang-kundur",
        status=Product.Status.PUBLISHED,
        business=BusinessFactory(name="Tenun Cual Ishadi"),
        price_min=850_000,
        price_max=850_000,
    )
    for order, alt in enumerate(["Kain dilipat", "Motif dari dekat", "Kain dipakai"]):
        ProductImageFactory(product=item, alt_text=alt, order=order)
    return item


def page(client, path):
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def test_gallery_has_a_thumbnail_counter_and_larger_view_for_every_picture(client, product):
    html = page(client, product.get_absolute_url())
    images = list(product.images.order_by("order"))

    thumbs = re.findall(r'<a class="gallery__thumb" href="#foto-(\d)"', html)
    assert thumbs == ["1", "2", "3"]
    for number in (1, 2, 3):
        assert f'id="foto-{number}"' in html
        assert f'<span aria-hidden="true">{number}/3</span>' in html
    # Each picture links to its largest rendition: the larger view without JavaScript.
    for image in images:
        assert f'href="{image.url960}" data-gallery-zoom' in html
    assert gettext("Picture %(number)s of %(total)s") % {"number": 2, "total": 3} in html
    # Buttons and the live counter wait for the script (hidden until it runs).
    assert re.search(r'class="gallery__controls" data-gallery-controls hidden', html)
    assert 'aria-live="polite" data-gallery-counter' in html
    assert "js/gallery.js" in html and "css/product.css" in html


def test_a_single_picture_gets_no_thumbnails_or_counter(client):
    single = ProductFactory(status=Product.Status.PUBLISHED)
    ProductImageFactory(product=single)

    html = page(client, single.get_absolute_url())

    assert "gallery__thumb" not in html
    assert "data-gallery-counter" not in html
    assert "data-gallery-zoom" in html


def test_share_links_carry_the_page_address(client, product):
    html = page(client, product.get_absolute_url())
    address = "http://testserver/produk/kain-cual-kembang-kundur/"

    whatsapp = re.search(r'href="(https://wa\.me/\?text=[^"]+)"', html).group(1)
    text = parse_qs(urlsplit(whatsapp.replace("&amp;", "&")).query)["text"][0]
    assert address in text and "Kain Cual Motif Kembang Kundur" in text
    assert f'data-copy-url="{address}"' in html
    assert f'data-share-url="{address}"' in html
    assert 'role="status" data-share-status' in html


def test_english_page_shares_the_english_address(client, product):
    html = page(client, "/en" + product.get_absolute_url())

    assert 'data-copy-url="http://testserver/en/produk/kain-cual-kembang-kundur/"' in html
    assert "Share on WhatsApp" in html


def test_save_button_holds_what_the_favourites_list_shows(client, product):
    html = page(client, product.get_absolute_url())
    first = product.images.order_by("order").first()

    button = re.search(r"<button[^>]*data-favourite [^>]*>", html).group(0)
    assert 'data-url="/produk/kain-cual-kembang-kundur/"' in button
    assert 'data-name="Kain Cual Motif Kembang Kundur"' in button
    assert f'data-image="{first.url320}"' in button
    assert re.search(r'data-price="Rp.850\.000', button)
    assert 'aria-pressed="false"' in button
    assert "js/favourites.js" in html


def test_draft_page_offers_no_sharing_or_qr(client, product):
    product.status = Product.Status.DRAFT
    product.save()
    client.force_login(UserFactory(is_superuser=True))

    html = page(client, product.get_absolute_url())

    # Its curators see it; there is nothing to share or print while nobody else can open it.
    assert "<h1>Kain Cual Motif Kembang Kundur</h1>" in html
    assert "data-share" not in html and "data-favourite" not in html
    assert "qr.svg" not in html and "cetak-qr" not in html


def test_qr_code_can_be_downloaded_and_printed(client, product):
    html = page(client, product.get_absolute_url())

    assert (
        '<a class="button button--secondary" href="/produk/kain-cual-kembang-kundur/qr.svg" '
        'download="qr-kain-cual-kembang-kundur.svg">'
    ) in html
    assert 'href="/produk/kain-cual-kembang-kundur/cetak-qr/"' in html
    svg = client.get("/produk/kain-cual-kembang-kundur/qr.svg")
    assert svg.status_code == 200 and svg["Content-Type"] == "image/svg+xml"


def test_qr_print_sheet_names_the_product_and_its_address(client, product):
    response = client.get("/produk/kain-cual-kembang-kundur/cetak-qr/")
    html = response.content.decode()

    assert response.status_code == 200
    assert "public" in response["Cache-Control"]
    assert "<h1>Kain Cual Motif Kembang Kundur</h1>" in html
    assert "Tenun Cual Ishadi" in html
    assert 'src="/produk/kain-cual-kembang-kundur/qr.svg"' in html
    assert "http://testserver/produk/kain-cual-kembang-kundur/" in html
    assert 'name="robots" content="noindex"' in html


def test_qr_print_sheet_of_an_unpublished_product_is_not_found(client, product):
    product.status = Product.Status.DRAFT
    product.save()

    assert client.get("/produk/kain-cual-kembang-kundur/cetak-qr/").status_code == 404
    assert client.get("/produk/tidak-ada/cetak-qr/").status_code == 404


@pytest.mark.parametrize("path", ["/favorit/", "/en/favorit/"])
def test_favourites_page_is_public_and_says_it_needs_javascript(client, path):
    response = client.get(path)
    html = response.content.decode()
    with translation.override("en" if path.startswith("/en/") else "id"):
        needs_javascript = gettext(
            "Favourites are kept in this browser and need JavaScript, which is turned off."
        )

    assert response.status_code == 200
    assert "public" in response["Cache-Control"]
    assert not response.cookies
    assert "data-favourites-list" in html and "js/favourites.js" in html
    assert "<noscript>" in html and needs_javascript in html


def test_favourites_page_is_in_the_footer_of_every_page(client, product):
    assert 'href="/favorit/"' in page(client, "/")
    assert 'href="/en/favorit/"' in page(client, "/en/produk/")


def test_offline_page_lists_the_favourites(client):
    html = page(client, "/offline/")

    assert "data-favourites-list" in html
    assert "js/favourites.js" in html and "css/product.css" in html


def test_service_worker_precaches_the_favourites_page_and_script(client):
    code = client.get("/sw.js").content.decode()

    for needed in ("/favorit/", "/en/favorit/", "js/favourites.js", "css/product.css"):
        assert needed in code
