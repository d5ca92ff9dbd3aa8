"""The preview of a spreadsheet import on a 360 px phone (issue 16, item 22): each updated row
lists the columns it changes, old → new, a new row is marked new, and nothing scrolls sideways;
the rows are confirmed with a button large enough to tap."""

import pytest
from django.conf import settings as django_settings
from django.test import Client

from agencies.models import Role
from tests.browser.helpers import PHONE
from tests.factories import (
    AgencyFactory,
    BusinessFactory,
    CategoryFactory,
    ProductFactory,
    RegionFactory,
)
from tests.helpers import member

# The live server answers from another thread: it only sees committed rows.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def sheet(transactional_db):
    agency = AgencyFactory(slug="dinas-pertanian", name="Dinas Pertanian")
    business = BusinessFactory(
        name="Kebun Lada Mentok Jaya", slug="kebun-lada", registering_agency=agency,
        region=RegionFactory(),
    )  # fmt: skip
    category = CategoryFactory()
    ProductFactory(
        name="Lada Putih Muntok Butir Pilihan Kebun Keluarga 250 g", slug="lada-putih",
        business=business, owner_agency=agency, category=category, price_min=45_000,
        price_max=60_000,
    )  # fmt: skip
    editor = member(agency, Role.EDITOR, username="pertanian.editor")
    rows = [
        "Slug,Nama,Usaha,Kategori,Harga terendah (Rp),Harga tertinggi (Rp),Deskripsi",
        "slug,name,business,category,price_min,price_max,description",
        "lada-putih,Lada Putih Muntok Butir Pilihan Kebun Keluarga 250 g,kebun-lada,"
        f"{category.slug},45000,65000,Dipanen dari kebun keluarga di Muntok dan dijemur tiga hari "
        "di bawah matahari sebelum disortir dengan tangan satu per satu.",
        f",Kemplang Panggang,kebun-lada,{category.slug},15000,25000,",
    ]
    return {"editor": editor, "agency": agency, "csv": ("\n".join(rows) + "\n").encode()}


def signed_in_page(new_context, live_server, user):
    context = new_context()
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
    return context.new_page()


def test_the_preview_shows_each_change_and_fits_a_phone(new_context, live_server, sheet, shots):
    page = signed_in_page(new_context, live_server, sheet["editor"])
    page.goto("/ruang-kerja/impor/produk/")

    page.set_input_files(
        "input[type=file]",
        files=[{"name": "produk.csv", "mimeType": "text/csv", "buffer": sheet["csv"]}],
    )
    page.click("form.import-form button[type=submit]")
    page.wait_for_selector(".import-changes")

    page.screenshot(path=str(shots / "16-english-browser-import-preview.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    rows = page.locator(".import-changes tbody tr")
    assert rows.count() == 2
    first = rows.nth(0)
    assert first.locator(".import-diff li").count() == 2  # the highest price and description
    price = first.locator(".import-diff li", has_text="Harga tertinggi (Rp)")
    assert (price.locator("del").inner_text(), price.locator("ins").inner_text()) == (
        "60000",
        "65000",
    )
    assert rows.nth(1).locator(".status--new").count() == 1
    button = page.locator("form.import-confirm button[type=submit]").bounding_box()
    assert button["height"] >= 24 and button["width"] >= 24
    assert button["x"] + button["width"] <= PHONE["width"]
