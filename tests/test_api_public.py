"""The public read API (docs/architecture.md §5): what each client sees, and how it filters,
orders and pages.

One world. Dinas Pertanian registers "Lada Mentok Jaya" (Bangka Barat, NIB given, no consent to
show its owner) and a closed business; Dinas Koperasi dan UKM registers "Madu Hutan Belitong"
(Belitung, owner shown with consent). Three products are public — the pepper (flagship, valid
halal certificate, co-curated by Koperasi, Kelautan only invited), the honey (expired designation,
expired halal certificate) and the kemplang (revoked designation, valid P-IRT) — and three are
not: a draft (co-curated by Koperasi), an archived one and a published one of the closed business.
"""

import io
import json
import re
from datetime import date, timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy
from drf_spectacular.validation import validate_schema
from PIL import Image
from rest_framework.test import APIClient
from rest_framework.throttling import AnonRateThrottle

from agencies.models import Role
from catalog import rules
from catalog.api.errors import exception_handler
from catalog.models import Certificate, Collaboration, Product, ProductImage, ProductLink
from tests.factories import (
    AgencyFactory,
    BusinessFactory,
    CategoryFactory,
    CertificateFactory,
    CollaborationFactory,
    CriterionFactory,
    DesignationFactory,
    ProductFactory,
    RegionFactory,
    UserFactory,
)
from tests.helpers import member

S = Product.Status
PUBLIC = ["lada-putih-muntok", "madu-pelawan", "kemplang-ikan-tenggiri"]  # newest first
HIDDEN = ["getas-draf", "teh-tayu-lama", "kemplang-toko-tutup"]
NIBS = ["9120001234567", "9120007654321"]


def url(name, *args):
    return reverse(f"api:{name}", args=args)


def results(response):
    assert response.status_code == 200, response.content
    return response.json()["results"]


def slugs(response):
    return [item["slug"] for item in results(response)]


def png(width=600, height=450):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "white").save(buffer, format="PNG")
    return ContentFile(buffer.getvalue(), name="foto.png")


@pytest.fixture
def api_client():
    return APIClient()


@pytest.fixture
def public_world(db):
    """A catalogue as the public sees it (regions, categories, active and closed businesses,
    products of every kind, flagships): its own data, not the rights-matrix `world`, because the
    lists, filters and orderings assert exact results."""
    today = timezone.localdate()
    bangka_barat = RegionFactory()
    belitung = RegionFactory(slug="belitung", name="Kabupaten Belitung", seat="Tanjung Pandan")
    farming = CategoryFactory()
    food = CategoryFactory(slug="makanan-minuman", name="Makanan & Minuman", name_en="Food")
    pertanian = AgencyFactory(slug="dinas-pertanian", name="Dinas Pertanian", short_name="Distan")
    koperasi = AgencyFactory(
        slug="dinas-koperasi-ukm",
        name="Dinas Koperasi dan UKM",
        short_name="Diskop UKM",
        is_leading_sector=True,
    )
    kelautan = AgencyFactory(slug="dinas-kelautan-perikanan", name="Dinas Kelautan dan Perikanan")
    disperindag = AgencyFactory(slug="disperindag", name="Disperindag", is_leading_sector=True)

    lada = BusinessFactory(
        name="Lada Mentok Jaya",
        region=bangka_barat,
        registering_agency=pertanian,
        nib=NIBS[0],
        owner_name="Siti Aminah",
        whatsapp="0812-3456-7890",
        phone="0716-21234",
        year_founded=2012,
    )
    madu = BusinessFactory(
        name="Madu Hutan Belitong",
        region=belitung,
        registering_agency=koperasi,
        owner_name="Darto Wijaya",
        show_owner=True,
        scale="kecil",
    )
    closed = BusinessFactory(
        name="Kemplang Tutup",
        region=bangka_barat,
        registering_agency=pertanian,
        nib=NIBS[1],
        is_active=False,
    )

    def product(name, business, owner, days_old, **fields):
        made = ProductFactory(name=name, business=business, owner_agency=owner, **fields)
        Product.objects.filter(pk=made.pk).update(created_at=timezone.now() - timedelta(days_old))
        return made

    pepper = product(
        "Lada Putih Muntok",
        lada,
        pertanian,
        1,
        category=farming,
        summary="Lada putih khas Muntok.",
        name_en="Muntok White Pepper",
    )
    honey = product(
        "Madu Pelawan",
        madu,
        koperasi,
        2,
        category=food,
        summary="Madu hutan khas Belitung.",
        price_min=100_000,
        price_max=150_000,
    )
    kemplang = product(
        "Kemplang Ikan Tenggiri",
        madu,
        kelautan,
        3,
        category=food,
        summary="Kerupuk ikan khas Bangka.",
        price_min=20_000,
        price_max=30_000,
    )
    draft = product("Getas Draf", lada, pertanian, 4, category=food, status=S.DRAFT)
    archived = product("Teh Tayu Lama", lada, pertanian, 5, category=food, status=S.ARCHIVED)
    hidden = product("Kemplang Toko Tutup", closed, pertanian, 6, category=food)

    CollaborationFactory(product=pepper, agency=koperasi, note="pendampingan halal")
    CollaborationFactory(product=pepper, agency=kelautan, status=Collaboration.Status.PENDING)
    CollaborationFactory(product=honey, agency=disperindag, status=Collaboration.Status.ENDED)
    CollaborationFactory(product=draft, agency=koperasi)
    CollaborationFactory(product=archived, agency=kelautan, status=Collaboration.Status.PENDING)

    CertificateFactory(
        product=pepper,
        number="ID00410000123",
        issued_on=date(2024, 1, 15),
        expires_on=today + timedelta(days=100),
        verified_by=koperasi,
    )
    CertificateFactory(product=honey, expires_on=today - timedelta(days=1))
    CertificateFactory(product=kemplang, kind=Certificate.Kind.PIRT)
    CertificateFactory(product=draft, kind=Certificate.Kind.BPOM)

    flagship = DesignationFactory(
        nomination__product=pepper,
        valid_from=today - timedelta(days=10),
        valid_until=today + timedelta(days=355),
        decree_number="188.44/123/DKUKM/2026",
    )
    expired = DesignationFactory(
        nomination__product=honey,
        year=today.year - 1,
        valid_from=today - timedelta(days=400),
        valid_until=today - timedelta(days=1),
    )
    revoked = DesignationFactory(
        nomination__product=kemplang,
        revoked_at=timezone.now(),
        revocation_reason="Izin edar dicabut.",
    )
    of_draft = DesignationFactory(nomination__product=draft)
    of_closed = DesignationFactory(nomination__product=hidden)

    CriterionFactory(code="keunikan", name="Keunikan")
    ProductLink.objects.create(
        product=pepper, kind=ProductLink.Kind.EKATALOG, url="https://e-katalog.lkpp.go.id/lada"
    )

    administrator = UserFactory(username="admin-provinsi")
    administrator.groups.add(rules.administrator_group())
    return {
        "pepper": pepper,
        "koperasi": koperasi,
        "designations": {
            "current": flagship,
            "expired": expired,
            "revoked": revoked,
            "of_draft": of_draft,
            "of_closed": of_closed,
        },
        "people": {
            "anonymous": AnonymousUser(),
            "owner_editor": member(pertanian),
            "collaborator_editor": member(koperasi),
            "invited_editor": member(kelautan),
            "reviewer": member(disperindag, Role.REVIEWER),
            "administrator": administrator,
        },
    }


def as_(client, public_world, person):
    user = public_world["people"][person]
    if user.is_authenticated:
        client.force_authenticate(user)
    return client


# Every endpoint ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "endpoint",
    ["region", "category", "agency", "business", "product", "flagship", "criterion"],
)
def test_every_list_is_paginated_json(api_client, public_world, endpoint):
    response = api_client.get(url(f"{endpoint}-list"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert set(response.json()) == {"count", "next", "previous", "results"}
    assert response.json()["count"] == len(response.json()["results"]) > 0


def test_regions_list_slug_name_and_seat(api_client, public_world):
    assert results(api_client.get(url("region-list"))) == [
        {"slug": "bangka-barat", "name": "Kabupaten Bangka Barat", "seat": "Muntok"},
        {"slug": "belitung", "name": "Kabupaten Belitung", "seat": "Tanjung Pandan"},
    ]


def test_categories_list_with_english_name(api_client, public_world):
    assert results(api_client.get(url("category-list"))) == [
        {
            "slug": "makanan-minuman",
            "name": "Makanan & Minuman",
            "name_en": "Food",
            "display_name": "Makanan & Minuman",
            "description": "",
        },
        {
            "slug": "pertanian-perkebunan",
            "name": "Pertanian & Perkebunan",
            "name_en": "",
            "display_name": "Pertanian & Perkebunan",
            "description": "",
        },
    ]


def test_agency_list_and_detail(api_client, public_world):
    listed = slugs(api_client.get(url("agency-list")))
    response = api_client.get(url("agency-detail", "dinas-koperasi-ukm"))

    assert listed == [
        "dinas-kelautan-perikanan",
        "dinas-koperasi-ukm",
        "dinas-pertanian",
        "disperindag",
    ]
    assert response.status_code == 200
    assert response.json() == {
        "slug": "dinas-koperasi-ukm",
        "name": "Dinas Koperasi dan UKM",
        "short_name": "Diskop UKM",
        "is_leading_sector": True,
        "description": "",
        "address": "",
        "phone": "",
        "email": "",
        "website": "",
        "logo": None,
    }


def test_agency_logo_is_an_absolute_url(api_client, public_world):
    agency = public_world["koperasi"]
    agency.logo.save("logo.png", png(64, 64))

    logo = api_client.get(url("agency-detail", agency.slug)).json()["logo"]

    assert logo.startswith("http://testserver/media/agencies/") and logo.endswith(".png")


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/agencies/tidak-ada/",
        "/api/v1/businesses/tidak-ada/",
        "/api/v1/products/tidak-ada/",
        "/api/v1/products/%00/",
        "/api/v1/products/%F0%9F%8C%B6/",
        "/api/v1/flagships/abc/",
        "/api/v1/flagships/99999999999999999999/",
    ],
)
def test_unknown_objects_answer_404_json(api_client, public_world, path):
    response = api_client.get(path)

    assert response.status_code == 404
    assert "detail" in response.json()


def test_criteria_lists_active_criteria_in_rubric_order(api_client, db):
    CriterionFactory(code="keunikan", name="Keunikan", order=2)
    CriterionFactory(code="bahan_baku_lokal", name="Bahan baku lokal", order=1, description="x")
    CriterionFactory(code="lama", name="Kriteria lama", is_active=False)

    assert results(api_client.get(url("criterion-list"))) == [
        {
            "code": "bahan_baku_lokal",
            "name": "Bahan baku lokal",
            "name_en": "",
            "display_name": "Bahan baku lokal",
            "description": "x",
            "description_en": "",
            "display_description": "x",
        },
        {
            "code": "keunikan",
            "name": "Keunikan",
            "name_en": "",
            "display_name": "Keunikan",
            "description": "",
            "description_en": "",
            "display_description": "",
        },
    ]


# Businesses -------------------------------------------------------------------------------------


def test_business_detail_shows_public_fields_only(api_client, public_world):
    response = api_client.get(url("business-detail", "lada-mentok-jaya"))

    assert response.status_code == 200
    assert response.json() == {
        "slug": "lada-mentok-jaya",
        "name": "Lada Mentok Jaya",
        "description": "",
        "region": "bangka-barat",
        "address": "",
        "phone": "0716-21234",
        "whatsapp": "0812-3456-7890",
        "email": "",
        "website": "",
        "instagram": "",
        "facebook": "",
        "tiktok": "",
        "shop_url": "",
        "logo": None,
        "scale": "mikro",
        "year_founded": 2012,
        "registering_agency": "dinas-pertanian",
        "has_nib": True,
        "owner_name": None,
        "is_active": True,
    }


@pytest.mark.parametrize("person", ["anonymous", "owner_editor", "administrator"])
def test_nib_never_appears_in_any_payload(api_client, public_world, person):
    as_(api_client, public_world, person)
    responses = [
        api_client.get(url("business-list")),
        api_client.get(url("business-detail", "lada-mentok-jaya")),
        api_client.get(url("product-list")),
        api_client.get(url("product-detail", "lada-putih-muntok")),
    ]
    if person != "anonymous":
        responses.append(api_client.get(url("business-detail", "kemplang-tutup")))

    for response in responses:
        assert response.status_code == 200
        text = response.content.decode()
        assert not any(nib in text for nib in NIBS)
        assert '"nib"' not in text


def test_owner_name_only_with_consent(api_client, public_world):
    by_slug = {item["slug"]: item for item in results(api_client.get(url("business-list")))}

    assert by_slug["madu-hutan-belitong"]["owner_name"] == "Darto Wijaya"
    assert by_slug["lada-mentok-jaya"]["owner_name"] is None
    assert "Siti Aminah" not in api_client.get(url("business-list")).content.decode()


def test_inactive_business_is_invisible_to_anonymous(api_client, public_world):
    assert slugs(api_client.get(url("business-list"))) == [
        "lada-mentok-jaya",
        "madu-hutan-belitong",
    ]
    assert api_client.get(url("business-detail", "kemplang-tutup")).status_code == 404
    assert slugs(api_client.get(url("business-list"), {"search": "tutup"})) == []


@pytest.mark.parametrize(
    ("person", "sees_closed"),
    [
        ("owner_editor", True),
        ("administrator", True),
        ("collaborator_editor", False),
        ("reviewer", False),
    ],
)
def test_inactive_business_is_visible_to_its_registering_agency_and_administrators(
    api_client, public_world, person, sees_closed
):
    as_(api_client, public_world, person)

    listed = slugs(api_client.get(url("business-list")))
    detail = api_client.get(url("business-detail", "kemplang-tutup"))

    assert ("kemplang-tutup" in listed) is sees_closed
    assert detail.status_code == (200 if sees_closed else 404)
    if sees_closed:
        assert detail.json()["is_active"] is False


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"region": "belitung"}, ["madu-hutan-belitong"]),
        ({"region": "bangka-barat"}, ["lada-mentok-jaya"]),
        ({"search": "MADU"}, ["madu-hutan-belitong"]),
        ({"search": "a", "region": "bangka-barat"}, ["lada-mentok-jaya"]),
        ({"search": "%"}, []),
    ],
)
def test_business_filters(api_client, public_world, params, expected):
    assert slugs(api_client.get(url("business-list"), params)) == expected


def test_business_filter_with_unknown_region_is_a_400(api_client, public_world):
    response = api_client.get(url("business-list"), {"region": "nope"})

    assert response.status_code == 400
    assert "region" in response.json()


# Products: payload ------------------------------------------------------------------------------


def test_product_detail_payload(api_client, public_world):
    ProductImage.objects.create(product=public_world["pepper"], image=png(), alt_text="Lada putih")
    designation = public_world["designations"]["current"]

    response = api_client.get(url("product-detail", "lada-putih-muntok"))

    assert response.status_code == 200
    data = response.json()
    assert data.pop("created_at") and data.pop("updated_at")
    [image] = data.pop("images")
    assert data == {
        "slug": "lada-putih-muntok",
        "name": "Lada Putih Muntok",
        "name_en": "Muntok White Pepper",
        "summary": "Lada putih khas Muntok.",
        "summary_en": "",
        "description": "",
        "description_en": "",
        "category": "pertanian-perkebunan",
        "business": {
            "slug": "lada-mentok-jaya",
            "name": "Lada Mentok Jaya",
            "region": "bangka-barat",
            "whatsapp": "0812-3456-7890",
            "phone": "0716-21234",
        },
        "price_min": 45_000,
        "price_max": 60_000,
        "unit": "per 250 g",
        "status": "published",
        "owner_agency": "dinas-pertanian",
        "collaborating_agencies": ["dinas-koperasi-ukm"],
        "certificates": [
            {
                "kind": "halal",
                "number": "ID00410000123",
                "issued_on": "2024-01-15",
                "expires_on": (timezone.localdate() + timedelta(days=100)).isoformat(),
                "is_expired": False,
                "verified": True,
            }
        ],
        "links": [{"kind": "ekatalog", "url": "https://e-katalog.lkpp.go.id/lada"}],
        "is_flagship": True,
        "flagship": {
            "id": designation.pk,
            "year": designation.year,
            "valid_from": designation.valid_from.isoformat(),
            "valid_until": designation.valid_until.isoformat(),
            "decree_number": "188.44/123/DKUKM/2026",
        },
        "url": "http://testserver/produk/lada-putih-muntok/",
    }
    assert image["alt_text"] == "Lada putih"
    assert (image["width"], image["height"]) == (600, 450)
    assert re.fullmatch(r"http://testserver/media/products/.+\.png", image["url"])
    assert [(r["width"], r["height"]) for r in image["renditions"]] == [(320, 240), (480, 360)]
    for rendition in image["renditions"]:
        assert re.fullmatch(r"http://testserver/media/renditions/.+\.webp", rendition["url"])


def test_expired_certificate_shows_as_expired_and_lapsed_designation_is_no_flagship(
    api_client, public_world
):
    data = api_client.get(url("product-detail", "madu-pelawan")).json()

    assert [(c["kind"], c["is_expired"], c["verified"]) for c in data["certificates"]] == [
        ("halal", True, False)
    ]
    assert data["is_flagship"] is False
    assert data["flagship"] is None
    assert data["collaborating_agencies"] == []  # the ended collaboration does not count


# Products: who sees what ------------------------------------------------------------------------


def test_anonymous_sees_only_published_products_of_active_businesses(api_client, public_world):
    assert slugs(api_client.get(url("product-list"))) == PUBLIC


@pytest.mark.parametrize("slug", HIDDEN)
def test_hidden_products_answer_404_to_anonymous(api_client, public_world, slug):
    response = api_client.get(url("product-detail", slug))

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"


@pytest.mark.parametrize(
    "params",
    [
        {"search": "getas"},
        {"search": "teh tayu"},
        {"status": "draft"},
        {"status": "archived"},
        {"agency": "dinas-pertanian", "category": "makanan-minuman"},
        {"certificate": "bpom"},
        {"region": "bangka-barat", "category": "makanan-minuman"},
    ],
)
def test_hidden_products_stay_hidden_in_search_and_filters(api_client, public_world, params):
    assert slugs(api_client.get(url("product-list"), params)) == []


@pytest.mark.parametrize(
    ("person", "visible"),
    [
        ("owner_editor", PUBLIC + HIDDEN),
        ("administrator", PUBLIC + HIDDEN),
        ("collaborator_editor", [*PUBLIC, "getas-draf"]),
        ("invited_editor", PUBLIC),
        ("reviewer", PUBLIC),
    ],
)
def test_who_sees_drafts_archived_and_closed_business_products(
    api_client, public_world, person, visible
):
    as_(api_client, public_world, person)

    assert slugs(api_client.get(url("product-list"))) == visible
    for slug in HIDDEN:
        expected = 200 if slug in visible else 404
        assert api_client.get(url("product-detail", slug)).status_code == expected


def test_status_filter_narrows_what_the_user_may_see(api_client, public_world):
    as_(api_client, public_world, "owner_editor")

    assert slugs(api_client.get(url("product-list"), {"status": "draft"})) == ["getas-draf"]
    assert slugs(api_client.get(url("product-list"), {"search": "getas"})) == ["getas-draf"]
    assert slugs(api_client.get(url("product-list"), {"status": "archived"})) == ["teh-tayu-lama"]


def test_reviewer_does_not_find_drafts_by_status(api_client, public_world):
    as_(api_client, public_world, "reviewer")

    assert slugs(api_client.get(url("product-list"), {"status": "draft"})) == []


# Products: filters ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"category": "makanan-minuman"}, ["madu-pelawan", "kemplang-ikan-tenggiri"]),
        ({"category": "pertanian-perkebunan"}, ["lada-putih-muntok"]),
        ({"region": "belitung"}, ["madu-pelawan", "kemplang-ikan-tenggiri"]),
        ({"region": "bangka-barat"}, ["lada-putih-muntok"]),
        # owner or accepted collaborator; a pending invitation or an ended collaboration is not
        ({"agency": "dinas-pertanian"}, ["lada-putih-muntok"]),
        ({"agency": "dinas-koperasi-ukm"}, ["lada-putih-muntok", "madu-pelawan"]),
        ({"agency": "dinas-kelautan-perikanan"}, ["kemplang-ikan-tenggiri"]),
        ({"agency": "disperindag"}, []),
        ({"business": "madu-hutan-belitong"}, ["madu-pelawan", "kemplang-ikan-tenggiri"]),
        # valid certificates only: the honey's halal certificate has expired
        ({"certificate": "halal"}, ["lada-putih-muntok"]),
        ({"certificate": "pirt"}, ["kemplang-ikan-tenggiri"]),
        ({"certificate": "bpom"}, []),
        # current designations only: not the expired one, not the revoked one
        ({"flagship": "true"}, ["lada-putih-muntok"]),
        ({"flagship": "1"}, ["lada-putih-muntok"]),
        ({"flagship": "false"}, ["madu-pelawan", "kemplang-ikan-tenggiri"]),
        # price ranges overlapping [price_min, price_max], bounds included
        ({"price_min": 50_000}, ["lada-putih-muntok", "madu-pelawan"]),
        ({"price_min": 60_000}, ["lada-putih-muntok", "madu-pelawan"]),
        ({"price_min": 60_001}, ["madu-pelawan"]),
        ({"price_max": 45_000}, ["lada-putih-muntok", "kemplang-ikan-tenggiri"]),
        ({"price_max": 44_999}, ["kemplang-ikan-tenggiri"]),
        (
            {"price_min": 25_000, "price_max": 50_000},
            ["lada-putih-muntok", "kemplang-ikan-tenggiri"],
        ),
        ({"price_min": 61_000, "price_max": 99_000}, []),
        ({"search": "pelawan"}, ["madu-pelawan"]),
        ({"search": "lada"}, ["lada-putih-muntok"]),
        ({"region": "belitung", "certificate": "pirt"}, ["kemplang-ikan-tenggiri"]),
        ({"status": "published"}, PUBLIC),
        ({"category": ""}, PUBLIC),
    ],
)
def test_product_filters(api_client, public_world, params, expected):
    assert slugs(api_client.get(url("product-list"), params)) == expected


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("category", "nope"),
        ("category", "\x00"),
        ("region", "nope"),
        ("agency", "nope"),
        ("business", "nope"),
        ("certificate", "gold"),
        ("flagship", "maybe"),
        ("status", "deleted"),
        ("price_min", "abc"),
        ("price_min", "-1"),
        ("price_min", "NaN"),
        ("price_max", "1e309"),
        ("price_max", "Infinity"),
    ],
)
def test_bad_filter_values_are_a_400_naming_the_field(api_client, public_world, field, value):
    response = api_client.get(url("product-list"), {field: value})

    assert response.status_code == 400
    assert list(response.json()) == [field]


@pytest.mark.parametrize(
    "text",
    [
        "%",
        "_",
        "'",
        '"lada',
        "' OR 1=1 --",
        "a" * 5000,
        "🌶️ lada",
        "<script>alert(1)</script>",
        "\x00",
    ],
)
def test_odd_search_text_never_fails(api_client, public_world, text):
    response = api_client.get(url("product-list"), {"search": text})

    assert response.status_code == 200
    assert set(slugs(response)) <= set(PUBLIC)


@pytest.mark.parametrize("text", ["%", "_"])
def test_like_wildcards_in_search_are_plain_characters(api_client, public_world, text):
    assert slugs(api_client.get(url("product-list"), {"search": text})) == []


# Products: ordering -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ordering", "expected"),
    [
        ("name", ["kemplang-ikan-tenggiri", "lada-putih-muntok", "madu-pelawan"]),
        ("-name", ["madu-pelawan", "lada-putih-muntok", "kemplang-ikan-tenggiri"]),
        ("price_min", ["kemplang-ikan-tenggiri", "lada-putih-muntok", "madu-pelawan"]),
        ("-price_min", ["madu-pelawan", "lada-putih-muntok", "kemplang-ikan-tenggiri"]),
        ("created_at", ["kemplang-ikan-tenggiri", "madu-pelawan", "lada-putih-muntok"]),
        ("-created_at", PUBLIC),
        ("", PUBLIC),
    ],
)
def test_ordering_from_the_allow_list(api_client, public_world, ordering, expected):
    assert slugs(api_client.get(url("product-list"), {"ordering": ordering})) == expected


def test_ordering_applies_to_search_results(api_client, public_world):
    response = api_client.get(url("product-list"), {"search": "khas", "ordering": "price_min"})

    assert slugs(response) == ["kemplang-ikan-tenggiri", "lada-putih-muntok", "madu-pelawan"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="ranking is PostgreSQL's")
def test_search_without_ordering_ranks_by_relevance(api_client, public_world):
    ProductFactory(name="Kopi Bangka", description="Nikmat dengan lada putih Muntok.")

    response = api_client.get(url("product-list"), {"search": "muntok"})

    assert slugs(response) == ["lada-putih-muntok", "kopi-bangka"]


@pytest.mark.parametrize(
    "ordering",
    ["business__nib", "-business__nib", "password", "name,password", "pk", "status", "\x00"],
)
def test_ordering_outside_the_allow_list_is_a_400(api_client, public_world, ordering):
    response = api_client.get(url("product-list"), {"ordering": ordering})

    assert response.status_code == 400
    assert list(response.json()) == ["ordering"]


# Pagination -------------------------------------------------------------------------------------


@pytest.fixture
def many_products(db):
    business = BusinessFactory()
    category = CategoryFactory()
    agency = AgencyFactory()
    return ProductFactory.create_batch(
        101, business=business, category=category, owner_agency=agency
    )


def test_pages_carry_count_and_links(api_client, many_products):
    first = api_client.get(url("product-list"), {"page_size": 40}).json()
    last = api_client.get(first["next"]).json()
    last = api_client.get(last["next"]).json()

    assert set(first) == {"count", "next", "previous", "results"}
    assert first["count"] == 101
    assert first["previous"] is None
    assert len(last["results"]) == 21
    assert last["next"] is None


def test_page_size_is_at_most_100(api_client, many_products):
    data = api_client.get(url("product-list"), {"page_size": 100}).json()
    too_many = api_client.get(url("product-list"), {"page_size": 1000})

    assert len(data["results"]) == 100
    assert data["next"] is not None
    # Refused, as the schema's `maximum` says, rather than quietly cut (issue 16, item 25).
    assert too_many.status_code == 400
    assert list(too_many.json()) == ["page_size"]


def test_pages_do_not_overlap_when_ordering_has_ties(api_client, many_products):
    pages = [
        slugs(api_client.get(url("product-list"), {"ordering": "price_min", "page": n}))
        for n in (1, 2, 3, 4, 5)
    ]

    seen = [slug for page in pages for slug in page]
    assert len(seen) == len(set(seen)) == 101


@pytest.mark.parametrize("page", ["abc", "-1", "0", "1.5", "\x00"])
def test_malformed_pages_answer_400_naming_the_parameter(api_client, public_world, page):
    response = api_client.get(url("product-list"), {"page": page})

    assert response.status_code == 400
    assert list(response.json()) == ["page"]


def test_a_page_past_the_last_answers_404_json(api_client, public_world):
    response = api_client.get(url("product-list"), {"page": "999999999"})

    assert response.status_code == 404
    assert "detail" in response.json()


def make_rich_product(agency, partner, number):
    """A product with every relation the list shows, each holding one row."""
    product = ProductFactory(owner_agency=agency, name=f"Produk {number}")
    CollaborationFactory(product=product, agency=partner)
    CertificateFactory(product=product)
    DesignationFactory(nomination__product=product)
    ProductImage.objects.create(product=product, image=png(64, 48), alt_text="foto")
    ProductLink.objects.create(product=product, kind="shopee", url="https://shopee.co.id/x")
    return product


def count_list_queries(client):
    client.get(url("product-list"), {"page_size": 48})  # warm up
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url("product-list"), {"page_size": 48})
    return len(results(response)), len(queries)


def test_product_list_queries_do_not_grow_with_the_page(api_client, db):
    agency, partner = AgencyFactory(), AgencyFactory()
    make_rich_product(agency, partner, 0)
    shown_one, queries_for_one = count_list_queries(api_client)
    for number in range(1, 48):
        make_rich_product(agency, partner, number)
    shown_many, queries_for_many = count_list_queries(api_client)

    assert (shown_one, shown_many) == (1, 48)
    assert queries_for_many == queries_for_one <= 12


# Flagships --------------------------------------------------------------------------------------


@pytest.mark.parametrize("person", ["anonymous", "administrator"])
def test_flagships_are_current_designations_of_public_products(api_client, public_world, person):
    as_(api_client, public_world, person)
    designation = public_world["designations"]["current"]

    assert results(api_client.get(url("flagship-list"))) == [
        {
            "id": designation.pk,
            "product": "lada-putih-muntok",
            "product_name": "Lada Putih Muntok",
            "year": designation.year,
            "valid_from": designation.valid_from.isoformat(),
            "valid_until": designation.valid_until.isoformat(),
            "decree_number": "188.44/123/DKUKM/2026",
            "revoked_at": None,
        }
    ]


@pytest.mark.parametrize(
    ("which", "status"),
    [("current", 200), ("expired", 404), ("revoked", 404), ("of_draft", 404), ("of_closed", 404)],
)
def test_flagship_detail_by_id(api_client, public_world, which, status):
    designation = public_world["designations"][which]

    response = api_client.get(url("flagship-detail", designation.pk))

    assert response.status_code == status
    if status == 200:
        assert response.json()["product"] == "lada-putih-muntok"


# Writes, errors, throttling ---------------------------------------------------------------------


def test_anonymous_write_is_a_401_asking_for_a_token(api_client, public_world):
    before = Product.objects.count()

    response = api_client.post(url("product-list"), {"name": "Lada Baru"}, format="json")

    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Token")
    assert "detail" in response.json()
    assert Product.objects.count() == before


def test_errors_are_json_even_for_a_browser(api_client, public_world):
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"

    response = api_client.get(url("product-detail", "getas-draf"), HTTP_ACCEPT=browser)

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"


def test_anonymous_clients_are_throttled(api_client, public_world, monkeypatch):
    monkeypatch.setattr(
        AnonRateThrottle, "THROTTLE_RATES", {**AnonRateThrottle.THROTTLE_RATES, "anon": "3/minute"}
    )

    statuses = [api_client.get(url("region-list")).status_code for _ in range(4)]
    response = api_client.get(url("product-list"))

    assert statuses == [200, 200, 200, 429]
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "detail" in response.json()


@pytest.mark.parametrize(
    ("error", "status", "body"),
    [
        (ValidationError({"name": ["Too long."]}), 400, {"name": ["Too long."]}),
        (ValidationError("Not now."), 400, {"non_field_errors": ["Not now."]}),
        (ValidationError({NON_FIELD_ERRORS: ["Both."]}), 400, {"non_field_errors": ["Both."]}),
        (PermissionDenied("Not yours."), 403, {"detail": "Not yours."}),
        # Django's own 404 messages are English ("No Product matches..."): the API's is translated.
        (Http404("Gone."), 404, {"detail": gettext_lazy("Not found.")}),
    ],
)
def test_exception_handler_turns_django_errors_into_json_answers(error, status, body):
    response = exception_handler(error, {})

    assert response.status_code == status
    assert response.data == body


def test_exception_handler_leaves_programming_errors_to_django():
    assert exception_handler(ZeroDivisionError(), {}) is None


# Schema and documentation -----------------------------------------------------------------------


def test_schema_is_valid_openapi_3(api_client, db):
    response = api_client.get(url("schema"), HTTP_ACCEPT="application/vnd.oai.openapi+json")

    assert response.status_code == 200
    schema = json.loads(response.content)
    validate_schema(schema)
    assert schema["openapi"].startswith("3.")
    assert {"/api/v1/products/", "/api/v1/products/{slug}/", "/api/v1/flagships/"} <= set(
        schema["paths"]
    )


def test_docs_page_has_no_inline_script(api_client, db):
    response = api_client.get(url("docs"))

    html = response.content.decode()
    scripts = re.findall(r"<script\b[^>]*>", html)
    assert response.status_code == 200
    assert scripts and all("src=" in tag for tag in scripts)
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert "unsafe-inline" not in response["Content-Security-Policy"]


def test_docs_script_is_served_from_our_origin(api_client, db):
    response = api_client.get(url("docs"), {"script": ""})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    assert reverse("api:schema") in response.content.decode()
