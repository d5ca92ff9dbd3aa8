"""Browser tests: Debian's Chromium driven by Playwright's sync API at a 360×740 phone viewport,
against pytest-django's live server.

Playwright's sync API runs an event loop in the test thread, so Django's guard against database
access from async code must be told that this is fine here.
"""

import os
from pathlib import Path

import pytest

from tests.browser.helpers import PHONE
from tests.factories import (
    AgencyFactory,
    BusinessFactory,
    CategoryFactory,
    CertificateFactory,
    DesignationFactory,
    ProductFactory,
    ProductImageFactory,
    RegionFactory,
    jpeg_bytes,
)

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WHATSAPP = "081271904532"
SHOTS = Path("/tmp/shots")


@pytest.fixture(scope="module")
def browser():
    """Chromium for one test module. Playwright's sync API keeps an event loop running in the
    test thread while it is open, and the fixtures write to the database meanwhile: Django would
    take that for async code and refuse, so the check is off exactly as long as the loop runs."""
    if not CHROMIUM.exists():
        pytest.skip(f"browser tests need Chromium at {CHROMIUM}, which is not installed")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as error:
        pytest.skip(f"browser tests need Playwright, which cannot be imported: {error}")
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def new_context(browser, live_server):
    """Make phone-sized browser contexts (closed after the test); options override the defaults."""
    contexts = []

    def make(**options):
        defaults = {
            "viewport": PHONE,
            "screen": PHONE,
            "is_mobile": True,
            "has_touch": True,
            "locale": "id-ID",
            "service_workers": "allow",
            "base_url": live_server.url,
        }
        context = browser.new_context(**{**defaults, **options})
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def context(new_context):
    return new_context()


@pytest.fixture
def page(context):
    return context.new_page()


@pytest.fixture
def catalogue(settings):
    """A small, realistic catalogue: 8 published products in 2 categories and 2 regions, from
    3 businesses curated by 2 agencies, some with pictures, one flagship with a certificate.

    Image renditions are made on save here (the suite turns that off elsewhere), so that the
    pages show real WebP pictures."""
    settings.RENDITIONS_ON_SAVE = True

    pertanian = CategoryFactory(
        slug="pertanian-perkebunan",
        name="Pertanian & Perkebunan",
        name_en="Agriculture & Plantations",
    )
    makanan = CategoryFactory(
        slug="makanan-minuman", name="Makanan & Minuman", name_en="Food & Drink"
    )
    bangka_barat = RegionFactory(slug="bangka-barat", name="Kabupaten Bangka Barat", seat="Muntok")
    belitung = RegionFactory(slug="belitung", name="Kabupaten Belitung", seat="Tanjung Pandan")
    diskop = AgencyFactory(
        slug="diskop-ukm",
        name="Dinas Koperasi dan UKM Provinsi Kepulauan Bangka Belitung",
        short_name="Diskop UKM",
        is_leading_sector=True,
    )
    distan = AgencyFactory(
        slug="distan",
        name="Dinas Pertanian Provinsi Kepulauan Bangka Belitung",
        short_name="Distan",
    )
    lada = BusinessFactory(
        name="Kebun Lada Mentok Jaya",
        region=bangka_barat,
        registering_agency=distan,
        whatsapp=WHATSAPP,
    )
    madu = BusinessFactory(
        name="Madu Hutan Pelawan Belitong",
        region=belitung,
        registering_agency=diskop,
        whatsapp=WHATSAPP,
    )
    kemplang = BusinessFactory(
        name="Kemplang Ikan Bu Yati",
        region=bangka_barat,
        registering_agency=diskop,
        whatsapp=WHATSAPP,
    )

    def product(name, business, category, agency, price_min, price_max, unit, colour=None, **kw):
        item = ProductFactory(
            name=name,
            business=business,
            category=category,
            owner_agency=agency,
            price_min=price_min,
            price_max=price_max,
            unit=unit,
            **kw,
        )
        if colour:
            ProductImageFactory(
                product=item,
                image__data=jpeg_bytes(640, 480, colour),
                alt_text=f"Kemasan {name}",
            )
        return item

    products = {
        "lada": product(
            "Lada Putih Muntok Butir 250 g",
            lada,
            pertanian,
            distan,
            45_000,
            60_000,
            "per 250 g",
            colour=(232, 224, 200),
            name_en="Muntok White Pepper, Whole, 250 g",
            summary="Lada putih khas Muntok, dijemur dan disortir tangan.",
            summary_en="Muntok white pepper, sun-dried and sorted by hand.",
            description="Dipanen dari kebun di Kabupaten Bangka Barat.",
        ),
        "lada_bubuk": product(
            "Lada Putih Bubuk 100 g",
            lada,
            pertanian,
            distan,
            25_000,
            25_000,
            "per 100 g",
            colour=(210, 200, 170),
        ),
        "lada_hitam": product(
            "Lada Hitam Butir 250 g", lada, pertanian, distan, 40_000, 48_000, "per 250 g"
        ),
        "kopi": product(
            "Kopi Robusta Belitung 200 g", madu, pertanian, diskop, 35_000, 35_000, "per 200 g"
        ),
        "madu": product(
            "Madu Pelawan Pahit 250 ml",
            madu,
            makanan,
            diskop,
            150_000,
            175_000,
            "per botol 250 ml",
            colour=(150, 90, 20),
            summary="Madu hutan dari bunga pohon pelawan, rasa pahit yang khas.",
        ),
        "madu_manis": product(
            "Madu Pelawan Manis 500 ml", madu, makanan, diskop, 120_000, 140_000, "per botol"
        ),
        "kemplang": product(
            "Kemplang Ikan Tenggiri 200 g",
            kemplang,
            makanan,
            diskop,
            30_000,
            32_000,
            "per bungkus",
            colour=(240, 230, 210),
        ),
        "getas": product(
            "Getas Ikan Belitung 250 g", kemplang, makanan, distan, 28_000, 28_000, "per bungkus"
        ),
    }
    flagship = products["lada"]
    # A second picture makes the gallery a sideways-scrolling region.
    ProductImageFactory(
        product=flagship,
        image__data=jpeg_bytes(640, 480, (120, 110, 90)),
        alt_text="Butir lada putih Muntok di telapak tangan",
        order=1,
    )
    DesignationFactory(product=flagship, nomination__product=flagship)
    CertificateFactory(product=flagship, verified_by=diskop)
    return products


@pytest.fixture(scope="session")
def shots():
    SHOTS.mkdir(parents=True, exist_ok=True)
    return SHOTS
