"""The citizens' catalogue: every public page, its filters and what it must never show."""

import gzip
import json
import re
from datetime import timedelta
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from catalog.models import Business, Certificate, Collaboration, Product
from tests.factories import (
    AgencyFactory,
    BusinessFactory,
    CategoryFactory,
    CertificateFactory,
    CollaborationFactory,
    DesignationFactory,
    MembershipFactory,
    ProductFactory,
    ProductImageFactory,
    RegionFactory,
)
from umkm_portal.caching import seconds_until_midnight

pytestmark = pytest.mark.django_db
S = Product.Status


@pytest.fixture
def catalogue():
    """A small catalogue: two regions, two categories, three agencies, a co-curated product,
    a flagship, certificates valid and lapsed, a draft and a product of an inactive business."""
    bangka = RegionFactory(slug="bangka", name="Kabupaten Bangka")
    belitung = RegionFactory(slug="belitung", name="Kabupaten Belitung")
    food = CategoryFactory(slug="makanan-minuman", name="Makanan & Minuman")
    honey = CategoryFactory(slug="madu-herbal", name="Madu & Herbal")
    farming = AgencyFactory(slug="dinas-pertanian", name="Dinas Pertanian", short_name="Distan")
    cooperatives = AgencyFactory(
        slug="dinas-koperasi-ukm", name="Dinas Koperasi dan UKM", short_name="Diskop UKM"
    )
    fisheries = AgencyFactory(slug="dinas-kelautan-perikanan", name="DKP", short_name="DKP")
    pepper_farm = BusinessFactory(
        name="Lada Mentok Sejahtera", region=bangka, whatsapp="0812-7190-4532", phone="0716-21453"
    )
    honey_house = BusinessFactory(name="Madu Hutan Namang", region=belitung)
    closed = BusinessFactory(name="Usaha Tutup", region=bangka, is_active=False)

    pepper = ProductFactory(
        name="Lada Putih Muntok Butir 250 g",
        business=pepper_farm,
        category=food,
        owner_agency=farming,
        price_min=45_000,
        price_max=60_000,
        unit="per 250 g",
        summary="Lada putih khas Muntok.",
    )
    ginger = ProductFactory(
        name="Jahe Merah Instan",
        business=pepper_farm,
        category=food,
        owner_agency=farming,
        price_min=20_000,
        price_max=20_000,
    )
    CollaborationFactory(product=ginger, agency=cooperatives, note="pendampingan halal")
    CollaborationFactory(product=pepper, agency=fisheries, status=Collaboration.Status.PENDING)
    honey_product = ProductFactory(
        name="Madu Pelawan Pahit 250 ml",
        business=honey_house,
        category=honey,
        owner_agency=cooperatives,
        price_min=150_000,
        price_max=175_000,
    )
    draft = ProductFactory(
        name="Rahasia Draf Terasi",
        business=pepper_farm,
        category=food,
        owner_agency=farming,
        status=S.DRAFT,
    )
    hidden = ProductFactory(
        name="Produk Usaha Tutup", business=closed, category=food, owner_agency=farming
    )
    today = timezone.localdate()
    CertificateFactory(product=pepper, kind=Certificate.Kind.HALAL)
    CertificateFactory(
        product=honey_product,
        kind=Certificate.Kind.HALAL,
        issued_on=today - timedelta(days=900),
        expires_on=today - timedelta(days=1),
    )
    DesignationFactory(product=pepper, nomination__product=pepper, decree_number="188.44/7/2026")
    for product in (pepper, ginger, honey_product):
        ProductImageFactory(product=product)
    return locals()


def slugs_in(response):
    return re.findall(r'href="/(?:en/)?produk/([\w-]+)/"', response.content.decode())


def assert_public_and_cacheable(response):
    assert response.status_code == 200
    assert not response.cookies
    assert "csrfmiddlewaretoken" not in response.content.decode()
    assert "Cookie" not in response.get("Vary", "")
    control = response["Cache-Control"]
    assert "public" in control
    max_age = int(re.search(r"max-age=(\d+)", control).group(1))
    assert max_age <= seconds_until_midnight() + 1


@pytest.mark.parametrize(
    "path",
    ["/", "/produk/", "/produk/lada-putih-muntok-butir-250-g/", "/unggulan/", "/umkm/",
     "/umkm/lada-mentok-sejahtera/", "/dinas/", "/dinas/dinas-pertanian/", "/offline/",
     "/en/", "/en/produk/", "/en/produk/lada-putih-muntok-butir-250-g/", "/en/unggulan/"],
)  # fmt: skip
def test_public_pages_are_public_cacheable_and_sessionless(client, catalogue, path):
    assert_public_and_cacheable(client.get(path))


def test_list_shows_published_products_only(client, catalogue):
    listed = set(slugs_in(client.get("/produk/")))

    assert {"lada-putih-muntok-butir-250-g", "jahe-merah-instan"} <= listed
    assert "rahasia-draf-terasi" not in listed
    assert "produk-usaha-tutup" not in listed


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kategori=madu-herbal", {"madu-pelawan-pahit-250-ml"}),
        ("wilayah=belitung", {"madu-pelawan-pahit-250-ml"}),
        # owner or accepted co-curator; a pending invitation does not count
        ("dinas=dinas-koperasi-ukm", {"madu-pelawan-pahit-250-ml", "jahe-merah-instan"}),
        ("dinas=dinas-kelautan-perikanan", set()),
        # only valid certificates: the honey's halal certificate has lapsed
        ("sertifikat=halal", {"lada-putih-muntok-butir-250-g"}),
        ("unggulan=1", {"lada-putih-muntok-butir-250-g"}),
        # price ranges that overlap [harga_min, harga_maks]
        ("harga_min=50000", {"lada-putih-muntok-butir-250-g", "madu-pelawan-pahit-250-ml"}),
        ("harga_maks=45000", {"lada-putih-muntok-butir-250-g", "jahe-merah-instan"}),
        ("harga_min=61000&harga_maks=149000", set()),
        ("q=madu", {"madu-pelawan-pahit-250-ml"}),
        ("q=rahasia", set()),
        ("q=lada&kategori=madu-herbal", set()),
    ],
)
def test_filters(client, catalogue, query, expected):
    response = client.get(f"/produk/?{query}")

    assert response.status_code == 200
    cards = re.findall(r'class="card__link" href="/produk/([\w-]+)/"', response.content.decode())
    assert set(cards) == expected


def test_facets_count_with_every_filter_but_their_own(client, catalogue):
    content = client.get("/produk/?kategori=makanan-minuman").content.decode()

    facet = re.search(r"Madu &amp; Herbal <span class=\"facet__count\">(\d+)", content)
    assert facet and facet.group(1) == "1"  # other categories still show their counts
    region = re.search(r"Kabupaten Bangka <span class=\"facet__count\">(\d+)", content)
    assert region and region.group(1) == "2"  # pepper and ginger, not the draft or closed one
    everything = client.get("/produk/").content.decode()
    # Full names, the short one after it: citizens do not know what "Diskop UKM" stands for.
    agency = re.search(
        r"Dinas Koperasi dan UKM \(Diskop UKM\) <span class=\"facet__count\">(\d+)", everything
    )
    assert agency and agency.group(1) == "2"  # owns the honey, co-curates the ginger
    assert "DKP <span" not in everything  # a pending invitation is no co-curation


def test_counts_stop_at_the_cap(client, catalogue, settings):
    settings.CATALOG_COUNT_CAP = 2

    content = client.get("/produk/").content.decode()

    assert re.search(r"2\+\s+produk", content) or "2+ products" in content


@pytest.mark.parametrize("sort", ["nama", "harga", "harga_turun", "terbaru"])
def test_sorting(client, catalogue, sort):
    response = client.get(f"/produk/?urut={sort}")
    cards = re.findall(r'class="card__link" href="/produk/([\w-]+)/"', response.content.decode())
    products = {p.slug: p for p in Product.objects.published()}
    key = {
        "nama": lambda s: products[s].name,
        "harga": lambda s: products[s].price_min,
        "harga_turun": lambda s: -products[s].price_max,
        "terbaru": lambda s: -products[s].created_at.timestamp(),
    }[sort]
    assert cards == sorted(cards, key=key)
    assert len(cards) == 3


@pytest.mark.parametrize(
    "query",
    ["q=%25", "q=_", "q=%22'%22", "q=" + "a" * 5000, "q=%F0%9F%8C%B6%EF%B8%8F", "q=%00",
     "q=<script>alert(1)</script>", "kategori=tidak-ada", "wilayah=%27%3B--", "page=-1",
     "page=abc", "page=1000000000", "harga_min=abc", "harga_maks=1e309", "unggulan=mungkin",
     "urut=password", "per_page=100000"],
)  # fmt: skip
def test_odd_input_gives_a_normal_page_and_is_escaped(client, catalogue, query):
    response = client.get(f"/produk/?{query}")

    # A NUL byte is refused at the door with a message (400); everything else is a normal page.
    assert response.status_code == (400 if "%00" in query else 200)
    content = response.content.decode()
    assert "<script>alert(1)</script>" not in content


def test_unknown_filter_values_are_reported(client, catalogue):
    content = client.get("/produk/?kategori=tidak-ada&harga_min=abc").content.decode()

    assert 'role="alert"' in content
    assert "kategori" in content and "harga_min" in content


def test_htmx_request_gets_the_catalogue_fragment(client, catalogue):
    response = client.get("/produk/?kategori=madu-herbal", headers={"HX-Request": "true"})

    content = response.content.decode()
    assert content.lstrip().startswith('<div id="catalogue"')
    assert "<html" not in content
    assert "HX-Request" in response["Vary"]


def test_product_detail(client, catalogue):
    response = client.get("/produk/lada-putih-muntok-butir-250-g/")
    content = response.content.decode()

    assert "Rp 45.000 – Rp 60.000 / 250 g" in content.replace("\xa0", " ")
    assert "Rp\xa045.000\xa0– Rp\xa060.000\xa0/ 250\xa0g" in content  # never broken apart
    assert "188.44/7/2026" in content  # flagship badge with the decree number
    assert "Dinas Pertanian" in content
    wa = re.search(r'href="(https://wa\.me/[^"]+)"', content).group(1)
    parts = urlsplit(wa.replace("&amp;", "&"))
    assert parts.path == "/6281271904532"
    message = parse_qs(parts.query)["text"][0]
    assert "Lada Putih Muntok Butir 250 g" in message
    assert "http://testserver/produk/lada-putih-muntok-butir-250-g/" in message
    assert 'href="tel:0716-21453"' not in content and 'href="tel:071621453"' in content
    assert 'srcset="' in content and 'loading="lazy"' in content


def test_product_detail_shows_co_curators_and_lapsed_certificates(client, catalogue):
    ginger = client.get("/produk/jahe-merah-instan/").content.decode()
    honey = client.get("/produk/madu-pelawan-pahit-250-ml/").content.decode()

    assert "Dinas Koperasi dan UKM" in ginger and "pendampingan halal" in ginger
    assert "certificate--expired" in honey


def test_product_json_ld_is_valid_and_cannot_break_out(client, catalogue):
    product = catalogue["pepper"]
    product.name = "Lada </script><script>alert(1)</script>"
    product.save()

    content = client.get(product.get_absolute_url()).content.decode()

    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', content, re.S)
    data = json.loads(block.group(1))
    assert data["@type"] == "Product"
    assert data["name"] == product.name
    assert data["offers"]["lowPrice"] == 45_000
    assert "<script>alert(1)" not in content


@pytest.mark.parametrize("slug", ["rahasia-draf-terasi", "produk-usaha-tutup", "tidak-ada"])
def test_hidden_products_answer_404_to_the_public(client, catalogue, slug):
    assert client.get(f"/produk/{slug}/").status_code == 404


def test_inactive_business_answers_404(client, catalogue):
    assert client.get("/umkm/usaha-tutup/").status_code == 404


def test_curating_editor_sees_the_draft_privately(client, catalogue):
    editor = MembershipFactory(agency=catalogue["farming"]).user
    client.force_login(editor)

    response = client.get("/produk/rahasia-draf-terasi/")

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_other_agency_and_reviewer_do_not_see_the_draft(client, catalogue):
    outsider = MembershipFactory(agency=catalogue["fisheries"]).user
    client.force_login(outsider)
    assert client.get("/produk/rahasia-draf-terasi/").status_code == 404


def test_business_page_hides_nib_and_owner_without_consent(client, catalogue):
    business = catalogue["pepper_farm"]
    business.nib = "9120105273841"
    business.owner_name = "Hj. Siti Aminah"
    business.show_owner = False
    business.save()

    content = client.get(business.get_absolute_url()).content.decode()

    assert "9120105273841" not in content
    assert "Hj. Siti Aminah" not in content
    assert "NIB" in content  # the "NIB registered" mark only

    Business.objects.filter(pk=business.pk).update(show_owner=True)
    assert "Hj. Siti Aminah" in client.get(business.get_absolute_url()).content.decode()


def test_flagship_page_follows_dates_and_revocations(client, catalogue):
    honey = catalogue["honey_product"]
    expired = DesignationFactory(
        product=honey, nomination__product=honey, decree_number="SK-LAMA",
        valid_from=timezone.localdate() - timedelta(days=400),
        valid_until=timezone.localdate() - timedelta(days=35), year=2025,
    )  # fmt: skip
    content = client.get("/unggulan/").content.decode()
    current, earlier = content.split('id="earlier-title"')

    assert "188.44/7/2026" in current
    assert expired.decree_number not in current
    # …but it is listed under the earlier periods, by year, linked to the product.
    assert expired.decree_number in earlier and 'id="earlier-2025"' in earlier
    assert f'href="{honey.get_absolute_url()}"' in earlier

    designation = catalogue["pepper"].designations.get()
    designation.revoked_at, designation.revocation_reason = timezone.now(), "Izin tidak berlaku"
    designation.save()
    assert "188.44/7/2026" not in client.get("/unggulan/").content.decode()


def test_an_earlier_flagship_taken_out_of_the_catalogue_is_named_without_a_link(client, catalogue):
    honey = catalogue["honey_product"]
    DesignationFactory(
        product=honey, nomination__product=honey, decree_number="SK-LAMA", year=2024,
        valid_from=timezone.localdate() - timedelta(days=700),
        valid_until=timezone.localdate() - timedelta(days=400),
    )  # fmt: skip
    revoked = DesignationFactory(
        product=honey, nomination__product=honey, decree_number="SK-CABUT", year=2023,
        valid_from=timezone.localdate() - timedelta(days=1000),
        valid_until=timezone.localdate() - timedelta(days=800), revoked_at=timezone.now(),
        revocation_reason="Izin tidak berlaku",
    )  # fmt: skip
    Product.objects.filter(pk=honey.pk).update(status=Product.Status.ARCHIVED)

    earlier = client.get("/unggulan/").content.decode().split('id="earlier-title"')[1]

    assert "SK-LAMA" in earlier and honey.display_name in earlier
    assert f'href="{honey.get_absolute_url()}"' not in earlier
    assert revoked.decree_number not in earlier


def test_sitemap_lists_published_products_only(client, catalogue):
    content = client.get("/sitemap.xml").content.decode()

    assert "/produk/lada-putih-muntok-butir-250-g/" in content
    assert "/en/produk/lada-putih-muntok-butir-250-g/" in content
    assert "rahasia-draf-terasi" not in content
    assert "produk-usaha-tutup" not in content
    assert "/umkm/usaha-tutup/" not in content


def test_robots_manifest_and_service_worker(client, catalogue):
    robots = client.get("/robots.txt").content.decode()
    manifest = client.get("/manifest.webmanifest")
    worker = client.get("/sw.js")

    assert (
        "Disallow: /ruang-kerja/" in robots and "Sitemap: http://testserver/sitemap.xml" in robots
    )
    data = manifest.json()
    assert data["display"] == "standalone" and data["start_url"] == "/"
    assert {icon["sizes"] for icon in data["icons"]} >= {"192x192", "512x512"}
    code = worker.content.decode()
    assert worker["Content-Type"].startswith("text/javascript")
    assert "ruang-kerja|accounts|admin|api" in code
    assert "/offline/" in code and "/en/offline/" in code


def test_language_switch_is_a_plain_link_to_the_same_page(client, catalogue):
    content = client.get("/produk/?kategori=madu-herbal").content.decode()
    english = client.get("/en/produk/lada-putih-muntok-butir-250-g/").content.decode()

    assert 'href="/en/produk/?kategori=madu-herbal"' in content
    assert 'href="/produk/lada-putih-muntok-butir-250-g/" hreflang="id"' in english


def test_english_product_name_is_shown_under_en(client, catalogue):
    pepper = catalogue["pepper"]
    pepper.name_en = "Muntok White Pepper, Whole"
    pepper.save()

    path = "/produk/lada-putih-muntok-butir-250-g/"
    assert "Muntok White Pepper, Whole" in client.get("/en" + path).content.decode()
    assert "Muntok White Pepper, Whole" not in client.get(path).content.decode()


def test_qr_code_is_an_svg_of_the_page(client, catalogue):
    response = client.get("/produk/lada-putih-muntok-butir-250-g/qr.svg")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert response.content.startswith(b"<svg")
    assert client.get("/produk/rahasia-draf-terasi/qr.svg").status_code == 404


# Budgets ----------------------------------------------------------------------------------------


def make_products(count):
    region, category, agency = RegionFactory(), CategoryFactory(), AgencyFactory()
    business = BusinessFactory(region=region)
    for n in range(count):
        product = ProductFactory(business=business, category=category, owner_agency=agency)
        ProductImageFactory(product=product)
        CertificateFactory(product=product)
        if n % 3 == 0:
            CollaborationFactory(product=product)
        if n % 5 == 0:
            DesignationFactory(product=product, nomination__product=product)
    return Product.objects.first()


def queries_for(client, path):
    with CaptureQueriesContext(connection) as context:
        response = client.get(path)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize(
    "path",
    ["/produk/?per_page=48", "/produk/?per_page=48&q=lada", "/", "/unggulan/", "/umkm/",
     "/produk/?per_page=48&kategori=pertanian-perkebunan&wilayah=bangka-barat&dinas=DINAS"
     "&sertifikat=halal&unggulan=1&harga_min=1&harga_maks=99999999&q=lada",
     "/dinas/", "DETAIL", "BUSINESS", "AGENCY"],
)  # fmt: skip
def test_queries_do_not_grow_with_the_page(client, path):
    def resolve(path):
        product = Product.objects.first()
        return {
            "DETAIL": product.get_absolute_url(),
            "BUSINESS": product.business.get_absolute_url(),
            "AGENCY": product.owner_agency.get_absolute_url(),
        }.get(path, path.replace("DINAS", product.owner_agency.slug))

    # A product page shows related products: it needs a second product to have any.
    first = 2 if path == "DETAIL" else 1
    make_products(first)
    few = queries_for(client, resolve(path))
    make_products(48 - first)
    many = queries_for(client, resolve(path))

    assert many == few
    # The full filtered search: candidates, count, 8 facet queries (the categories, regions
    # and agencies, each list's counts, partners, certificates), the flagship count, the page…
    assert many <= 16  # one more on PostgreSQL: typo tolerance when no word matches


def test_list_page_weight_and_no_external_assets(client, settings):
    make_products(24)

    response = client.get("/produk/")
    html = response.content

    assert len(gzip.compress(html)) < 30 * 1024
    for attribute in re.findall(rb'(?:src|srcset|href)="([^"]+)"', html):
        value = attribute.decode()
        if re.match(r"https?://", value):
            assert value.startswith("http://testserver/"), value
    assets = re.findall(rb'<(?:script|link)[^>]+(?:src|href)="(/static/[^"]+)"', html)
    assert assets, "the page loads its own CSS and JS"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="typo tolerance needs pg_trgm")
def test_typo_tolerant_search_on_postgresql(client, catalogue):
    content = client.get("/produk/?q=lada+mutok").content.decode()

    assert "lada-putih-muntok-butir-250-g" in content
    assert "rahasia-draf-terasi" not in content


@pytest.mark.skipif(connection.vendor != "postgresql", reason="full-text search is PostgreSQL's")
def test_full_text_search_weighs_names_and_stems_descriptions(client, catalogue):
    honey = catalogue["honey_product"]
    honey.description = "Dipanen dari hutan pelawan oleh para petani madu."
    honey.save()

    content = client.get("/produk/?q=petani").content.decode()  # stemmed Indonesian word

    assert "madu-pelawan-pahit-250-ml" in content
    assert client.get('/produk/?q="lada putih" -madu').status_code == 200


def test_critical_path_css_and_js_stay_under_100_kb(client):
    """Every stylesheet and script the base template loads, summed, uncompressed."""
    from django.contrib.staticfiles import finders

    make_products(1)
    html = client.get("/").content.decode()
    assets = re.findall(
        r'<(?:script|link rel="stylesheet")[^>]+(?:src|href)="/static/([^"]+)"', html
    )
    total = sum(Path(finders.find(path)).stat().st_size for path in assets)

    assert {"css/portal.css", "js/app.js", "django_htmx/htmx-2.min.js"} <= set(assets)
    assert total < 100 * 1024


def test_card_renditions_are_webp_under_20_kb(settings):
    """The demo's pictures (the same drawing as seed_demo) as the cards serve them."""
    from catalog.demo.images import product_picture

    settings.RENDITIONS_ON_SAVE = True
    image = ProductImageFactory(
        image__data=product_picture(
            name="Lada Putih Muntok Butir 250 g",
            business="Lada Mentok Sejahtera",
            category_slug="pertanian-perkebunan",
        )
    )

    for rendition in (image.w320, image.w480):
        with rendition.storage.open(rendition.name) as handle:
            data = handle.read()
        assert data[8:12] == b"WEBP"
        assert len(data) < 20 * 1024
    assert [width for width, _height, _url in image.renditions()] == [320, 480, 960]


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="candidates bound PostgreSQL's search"
)
def test_a_search_past_its_candidates_says_at_least(client, monkeypatch):
    from catalog import search

    monkeypatch.setattr(search, "SEARCH_CANDIDATES", 2)
    for n in range(3):
        ProductFactory(name=f"Madu Pelawan {n}")

    response = client.get("/produk/", {"q": "madu"})

    assert response.context["total"] == 2
    assert "2+ produk" in response.content.decode()


def test_every_value_with_products_shows_in_a_facet_past_the_count_cap(client, settings):
    """Each category, region and agency is counted on its own up to the cap: the first cap + 1
    matches of a big list may all be of one category, and the others must still show."""
    settings.CATALOG_COUNT_CAP = 3
    spices = CategoryFactory(name="Rempah", slug="rempah")
    honey = CategoryFactory(name="Madu", slug="madu")
    for _ in range(5):
        ProductFactory(category=spices)
    ProductFactory(category=honey)
    ProductFactory(category=honey)

    response = client.get("/produk/")

    counts = {value.slug: value.count for value in response.context["facets"]["kategori"]}
    assert counts == {"rempah": 4, "madu": 2}  # 4: "more than 3", shown as "3+"
    regions = response.context["facets"]["wilayah"]
    assert [(value.slug, value.count) for value in regions] == [("bangka-barat", 4)]
