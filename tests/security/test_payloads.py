"""Hostile text and numbers: XSS, SQL-looking strings, NUL bytes, right-to-left overrides, huge
names, numbers out of range, orderings off the allow-list and floods of form fields. Text is
stored as given and always shown escaped; everything else is a clear 400 (API) or a form error
(page), never a 500, and nothing is saved (docs/architecture.md §5)."""

import json

import pytest
from django.conf import settings as django_settings
from django.utils import timezone
from django.utils.html import escape

from catalog.models import Business, Designation, Nomination, Product
from tests.factories import CriterionFactory, DesignationFactory, NominationFactory
from tests.security.helpers import SQL, XSS, api_as, jpeg, page_as, product_form, snapshot

API = "/api/v1"
ON_POSTGRESQL = "postgresql" in django_settings.DATABASES["default"]["ENGINE"]
NUL = "\x00"
RLO = "\u202e"


def new_product(w, **fields):
    return {
        "business": w.business_a.slug,
        "name": "Getas Lada",
        "category": w.category.slug,
        "price_min": 10_000,
        "price_max": 12_000,
        **fields,
    }


def new_business(w, **fields):
    return {"name": "Usaha Baru", "owner_name": "Ani", "region": w.region.slug, **fields}


def assert_escaped(html: str, payloads=XSS):
    """No payload as markup; at least one shown as escaped text."""
    assert "<script>alert" not in html and "<img src=x" not in html
    assert any(escape(payload) in html for payload in payloads)


# XSS --------------------------------------------------------------------------------------------


@pytest.fixture
def hostile(w):
    """A business and a product created through the API with a payload in every text field."""
    client = api_as(w.editor_a)
    script, image = XSS
    business = client.post(
        f"{API}/businesses/",
        new_business(
            w,
            name=script,
            owner_name=image,
            show_owner=True,
            address=image,
            description=f"{script}\n{image}",
        ),
        format="json",
    )
    assert business.status_code == 201, business.json()
    product = client.post(
        f"{API}/products/",
        new_product(
            w,
            business=business.json()["slug"],
            name=image,
            name_en=script,
            summary=script,
            summary_en=image,
            description=f"{script}\n\n{image}",
            unit=image,
            status="published",
        ),
        format="json",
    )
    assert product.status_code == 201, product.json()
    return Business.objects.get(slug=business.json()["slug"]), Product.objects.get(
        slug=product.json()["slug"]
    )


def test_xss_payloads_are_stored_exactly_as_given(hostile):
    business, product = hostile
    script, image = XSS

    assert (business.name, business.owner_name, business.address) == (script, image, image)
    assert (product.name, product.name_en, product.summary, product.unit) == (
        image,
        script,
        script,
        image,
    )
    assert product.description == f"{script}\n\n{image}"


@pytest.mark.parametrize(
    ("who", "address"),
    [
        (None, lambda b, p: f"/produk/{p.slug}/"),
        (None, lambda b, p: f"/en/produk/{p.slug}/"),
        (None, lambda b, p: f"/umkm/{b.slug}/"),
        (None, lambda b, p: "/produk/?q=alert"),
        (None, lambda b, p: "/umkm/?q=alert"),
        (None, lambda b, p: "/dinas/dinas-pertanian/"),
        (None, lambda b, p: "/"),
        ("editor_a", lambda b, p: f"/ruang-kerja/produk/{p.slug}/"),
        ("editor_a", lambda b, p: f"/ruang-kerja/produk/{p.slug}/ubah/"),
        ("editor_a", lambda b, p: f"/ruang-kerja/umkm/{b.slug}/"),
        ("editor_a", lambda b, p: "/ruang-kerja/produk/"),
        ("admin", lambda b, p: "/admin/catalog/product/"),
        ("admin", lambda b, p: "/admin/catalog/business/"),
        ("admin", lambda b, p: f"/admin/catalog/product/{p.pk}/change/"),
    ],
)
def test_xss_payloads_are_shown_escaped_on_every_page(w, hostile, who, address):
    business, product = hostile

    response = page_as(getattr(w, who) if who else None).get(address(business, product))

    assert response.status_code == 200
    assert_escaped(response.content.decode())


def test_xss_payloads_come_back_from_the_api_as_json_data(w, hostile):
    _business, product = hostile

    response = api_as().get(f"{API}/products/{product.slug}/")

    assert response["Content-Type"] == "application/json"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response.json()["name"] == XSS[1] and response.json()["business"]["name"] == XSS[0]


@pytest.mark.parametrize("payload", XSS)
@pytest.mark.parametrize(
    ("who", "path", "parameter"),
    [
        (None, "/produk/", "q"),
        (None, "/produk/", "kategori"),
        (None, "/produk/", "harga_min"),
        (None, "/umkm/", "q"),
        (None, "/umkm/", "wilayah"),
        (None, "/accounts/login/", "next"),
        ("editor_a", "/ruang-kerja/produk/", "q"),
        ("editor_a", "/ruang-kerja/umkm/", "q"),
        ("editor_a", "/ruang-kerja/usulan/", "q"),
        ("editor_a", "/ruang-kerja/ekspor/produk/", "format"),
        ("admin", "/admin/catalog/product/", "q"),
    ],
)
def test_xss_in_query_parameters_is_never_reflected_as_markup(w, who, path, parameter, payload):
    response = page_as(getattr(w, who) if who else None).get(path, {parameter: payload})

    assert response.status_code in (200, 400)
    html = response.content.decode()
    assert "<script>alert" not in html and "<img src=x" not in html


@pytest.mark.parametrize("payload", XSS)
@pytest.mark.parametrize("path", ["/products/", "/businesses/"])
def test_xss_in_the_api_search_is_plain_data(w, path, payload):
    response = api_as().get(f"{API}{path}", {"search": payload})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json()["count"] == 0


@pytest.mark.parametrize(
    "field", ["website", "instagram", "facebook", "tiktok", "shop_url", "email", "phone"]
)
@pytest.mark.parametrize("value", ["javascript:alert(1)", XSS[1], "data:text/html,<script>x"])
def test_script_addresses_are_refused_in_link_and_contact_fields(w, field, value):
    before = snapshot()

    response = api_as(w.editor_a).post(
        f"{API}/businesses/", new_business(w, **{field: value}), format="json"
    )

    assert response.status_code == 400 and field in response.json()
    assert snapshot() == before


def test_a_product_link_with_a_script_address_is_a_form_error(w):
    before = snapshot()

    response = page_as(w.editor_a).post(
        f"/ruang-kerja/produk/{w.product_a.slug}/tautan/",
        {"kind": "shop", "url": "javascript:alert(1)"},
    )

    assert response.status_code == 200
    assert "url" in response.context["link_form"].errors
    assert snapshot() == before


# SQL-looking text -------------------------------------------------------------------------------


@pytest.mark.parametrize("text", SQL)
@pytest.mark.parametrize(
    ("path", "parameter"),
    [
        ("/produk/", "q"),
        ("/produk/", "kategori"),
        ("/produk/", "dinas"),
        ("/produk/", "urut"),
        ("/umkm/", "q"),
        ("/umkm/", "wilayah"),
        (f"{API}/products/", "search"),
        (f"{API}/products/", "category"),
        (f"{API}/products/", "status"),
        (f"{API}/businesses/", "search"),
        (f"{API}/businesses/", "region"),
    ],
)
def test_sql_looking_text_in_searches_and_filters_gets_a_normal_answer(w, path, parameter, text):
    published = Product.objects.published().count()

    response = page_as().get(path, {parameter: text})

    assert response.status_code in (200, 400)
    content = response.content.decode()
    assert w.draft_b.slug not in content and "Kopi Draf Rahasia" not in content
    assert Product.objects.published().count() == published  # the table is still there


@pytest.mark.parametrize("text", SQL)
def test_sql_looking_names_are_stored_as_given_and_searching_for_them_is_harmless(w, text):
    client = api_as(w.editor_a)

    business = client.post(f"{API}/businesses/", new_business(w, name=text), format="json")
    product = client.post(
        f"{API}/products/", new_product(w, name=text, status="published"), format="json"
    )
    found = client.get(f"{API}/products/", {"search": text.strip("';- ")})

    assert business.status_code == product.status_code == 201
    assert Business.objects.get(slug=business.json()["slug"]).name == text
    assert Product.objects.get(slug=product.json()["slug"]).name == text
    assert found.status_code == 200
    assert Product.objects.count() == 4  # the world's three and this one


# NUL bytes --------------------------------------------------------------------------------------

NUL_QUERIES = [
    (None, "/produk/", {"q": NUL}),
    (None, "/produk/", {"kategori": NUL, "wilayah": NUL, "dinas": NUL, "sertifikat": NUL}),
    (None, "/produk/", {"harga_min": NUL, "urut": NUL, "page": NUL, "per_page": NUL}),
    (None, "/umkm/", {"q": NUL}),
    (None, "/accounts/login/", {"next": NUL}),
    ("editor_a", "/ruang-kerja/produk/", {"q": NUL, "dinas": NUL, "status": NUL}),
    ("editor_a", "/ruang-kerja/umkm/", {"q": NUL, "aktif": NUL}),
    ("editor_a", "/ruang-kerja/usulan/", {"q": NUL, "status": NUL, "antrian": NUL}),
    ("editor_a", "/ruang-kerja/unggulan/", {"q": NUL, "tahun": NUL, "status": NUL}),
    ("editor_a", "/ruang-kerja/statistik/", {"dinas": NUL, "tahun": NUL}),
    ("provincial", "/ruang-kerja/audit/", {"jenis": NUL, "pengguna": NUL}),
    ("admin", "/admin/catalog/product/", {"q": NUL}),
    ("admin", "/admin/catalog/business/", {"q": NUL, "region__id__exact": NUL}),
    ("editor_a", "/ruang-kerja/ekspor/produk/", {"format": NUL}),
    (None, f"{API}/products/", {"search": NUL, "ordering": NUL}),
    (None, f"{API}/products/", {"category": NUL, "region": NUL, "agency": NUL}),
    (None, f"{API}/products/", {"business": NUL, "certificate": NUL, "flagship": NUL}),
    (None, f"{API}/products/", {"price_min": NUL, "status": NUL, "page_size": NUL}),
    (None, f"{API}/businesses/", {"search": NUL, "region": NUL}),
    (None, f"{API}/products/{NUL}/", {}),
    ("editor_a", f"{API}/nominations/", {"state": NUL}),
    ("editor_a", f"{API}/agencies/{NUL}/members/", {}),
    # These four looked the raw value up in the database: 500 on PostgreSQL at first.
    (None, "/umkm/", {"wilayah": NUL}),
    ("editor_a", "/ruang-kerja/ekspor/produk/", {"dinas": NUL}),
    ("editor_a", "/ruang-kerja/produk/baru/", {"umkm": NUL}),
    ("editor_a", "/ruang-kerja/usulan/baru/", {"produk": NUL}),
]


@pytest.mark.parametrize(("who", "path", "query"), NUL_QUERIES)
def test_nul_bytes_in_query_strings_are_never_a_500(w, who, path, query):
    client = page_as(getattr(w, who) if who else None)

    response = client.get(path, query)

    assert response.status_code in (200, 400, 404)


@pytest.mark.parametrize(
    ("address", "body", "at_fault"),
    [
        ("/products/", lambda w: new_product(w, name=f"Lada{NUL}"), "name"),
        ("/products/", lambda w: new_product(w, description=f"a{NUL}b"), "description"),
        ("/products/", lambda w: new_product(w, business=NUL), "business"),
        ("/products/", lambda w: new_product(w, category=f"x{NUL}"), "category"),
        ("/businesses/", lambda w: new_business(w, address=NUL), "address"),
        ("/businesses/", lambda w: new_business(w, region=NUL), "region"),
        ("/businesses/", lambda w: new_business(w, email=f"a{NUL}@b.example"), "email"),
        ("/nominations/", lambda w: {"product": "lada-putih-muntok", "justification": NUL},
         "justification"),
        ("/agencies/dinas-pertanian/members/", lambda w: {"email": f"{NUL}@x.example",
                                                         "role": "editor"}, "email"),
        ("/agencies/dinas-pertanian/members/", lambda w: {"username": NUL, "role": "editor"},
         "username"),
        ("/products/lada-putih-muntok/collaborations/", lambda w: {"agency": "dinas-pariwisata",
                                                                  "note": NUL}, "note"),
        ("/auth/token/", lambda w: {"username": NUL, "password": NUL}, "username"),
    ],
)  # fmt: skip
def test_nul_bytes_in_json_are_a_400(w, address, body, at_fault):
    before = snapshot()

    response = api_as(w.manager_a).post(f"{API}{address}", body(w), format="json")

    assert response.status_code == 400
    assert at_fault in response.json() or "detail" in response.json()  # field or request refused
    assert snapshot() == before


@pytest.mark.parametrize("text", ["Diskon 100%00 hari ini", "Kode \\u0000 di label"])
def test_text_that_only_looks_like_a_nul_is_stored_as_given(w, text):
    response = api_as(w.editor_a).post(
        f"{API}/products/", new_product(w, description=text), format="json"
    )

    assert response.status_code == 201
    assert Product.objects.get(slug=response.json()["slug"]).description == text


@pytest.fixture
def nomination(w):
    """Agency A's draft nomination of its pepper, a rubric of one criterion, and a designation of
    B's coffee to revoke."""
    CriterionFactory(code="mutu")
    DesignationFactory(product=w.published_b)
    return NominationFactory(product=w.product_a, agency=w.a, created_by=w.editor_a)


@pytest.mark.parametrize(
    ("who", "action"),
    [
        pytest.param(
            "editor_a",
            lambda w, n: api_as(w.editor_a).patch(
                f"{API}/nominations/{n.pk}/", {"justification": f"a{NUL}b"}, format="json"
            ),
            id="nomination PATCH justification",
        ),
        pytest.param(
            "editor_a",
            lambda w, n: api_as(w.editor_a).post(
                f"{API}/nominations/{n.pk}/submit/", {"comment": f"a{NUL}b"}, format="json"
            ),
            id="nomination action comment",
        ),
        pytest.param(
            "reviewer",
            lambda w, n: api_as(w.reviewer).post(
                f"{API}/nominations/{n.pk}/assessments/",
                {"scores": {"mutu": 4}, "comment": f"a{NUL}b"},
                format="json",
            ),
            id="assessment comment",
        ),
        pytest.param(
            "provincial",
            lambda w, n: api_as(w.provincial).post(
                f"{API}/flagships/{Designation.objects.get().pk}/revoke/",
                {"reason": f"a{NUL}b"},
                format="json",
            ),
            id="revocation reason",
        ),
    ],
)
def test_nul_bytes_in_workflow_text_are_a_400(w, nomination, who, action):
    if who == "reviewer":  # the workflow's field is protected: set the state in the database
        Nomination.objects.filter(pk=nomination.pk).update(
            state="submitted", submitted_by=w.editor_a, submitted_at=timezone.now()
        )
    before = snapshot()

    response = action(w, nomination)

    assert response.status_code == 400
    assert snapshot() == before


@pytest.mark.parametrize("method", ["post", "patch"])
def test_nul_bytes_in_an_agency_slug_are_a_400(w, method):
    """`owner_agency` was looked up before any serializer saw it: 500 on PostgreSQL at first."""
    before = snapshot()
    client = api_as(w.editor_a)

    if method == "post":
        body = new_product(w, owner_agency=NUL)
        response = client.post(f"{API}/products/", body, format="json")
    else:
        body = {"owner_agency": NUL}
        response = client.patch(f"{API}/products/{w.product_a.slug}/", body, format="json")

    assert response.status_code == 400
    assert snapshot() == before


@pytest.mark.parametrize(
    ("who", "method", "address", "body"),
    [
        ("editor_a", "patch", lambda w, n: f"/nominations/{n.pk}/", {"justification": f"a{NUL}"}),
        ("editor_a", "post", lambda w, n: f"/nominations/{n.pk}/submit/", {"comment": f"a{NUL}"}),
        ("provincial", "post", lambda w, n: f"/flagships/{Designation.objects.get().pk}/revoke/",
         {"reason": f"a{NUL}"}),
        ("editor_a", "post", lambda w, n: "/products/", {"owner_agency": NUL, "name": "x"}),
        ("editor_a", "patch", lambda w, n: "/products/lada-putih-muntok/", {"owner_agency": NUL}),
        ("editor_a", "patch", lambda w, n: "/products/lada-putih-muntok/", {"name": f"a{NUL}"}),
        ("editor_a", "post", lambda w, n: "/businesses/", {"name": f"a{NUL}", "owner_name": "x"}),
        ("manager_a", "post", lambda w, n: "/agencies/dinas-pertanian/members/",
         {"username": NUL, "role": "editor"}),
        ("editor_a", "post", lambda w, n: "/products/lada-putih-muntok/images/",
         {"image": jpeg(), "alt_text": f"a{NUL}"}),
    ],
)  # fmt: skip
def test_nul_bytes_in_multipart_bodies_are_a_400(w, nomination, who, method, address, body):
    """Multipart bodies (uploads) pass the door check for NUL bytes (umkm_portal.http): what
    stands behind it must refuse them too, on both databases."""
    before = snapshot()

    response = getattr(api_as(getattr(w, who)), method)(
        f"{API}{address(w, nomination)}", body, format="multipart"
    )

    assert response.status_code == 400
    assert snapshot() == before


def test_nul_bytes_in_page_forms_are_form_errors(w):
    before = snapshot()

    response = page_as(w.editor_a).post(
        "/ruang-kerja/produk/baru/", product_form(w, name=f"Lada{NUL}", unit=NUL)
    )

    assert response.status_code == 200
    assert {"name", "unit"} <= set(response.context["form"].errors)
    assert snapshot() == before


# Right-to-left override -------------------------------------------------------------------------


def test_a_right_to_left_override_is_stored_as_given_and_shown_escaped(w):
    name = f"Lada {RLO}<b>tuM</b>"

    created = api_as(w.editor_a).post(
        f"{API}/products/", new_product(w, name=name, status="published"), format="json"
    )

    assert created.status_code == 201
    product = Product.objects.get(slug=created.json()["slug"])
    assert product.name == name
    for path in (f"/produk/{product.slug}/", "/produk/?q=Lada"):
        html = page_as().get(path).content.decode()
        assert escape(name) in html and "<b>tuM</b>" not in html
    workspace = page_as(w.editor_a).get(f"/ruang-kerja/produk/{product.slug}/")
    assert escape(name) in workspace.content.decode()


# Long text --------------------------------------------------------------------------------------

LONG = "L" * 10_000


@pytest.mark.parametrize(
    ("address", "body", "at_fault"),
    [
        ("/products/", lambda w: new_product(w, name=LONG), "name"),
        ("/products/", lambda w: new_product(w, name_en=LONG), "name_en"),
        ("/products/", lambda w: new_product(w, summary=LONG), "summary"),
        ("/products/", lambda w: new_product(w, unit=LONG), "unit"),
        ("/businesses/", lambda w: new_business(w, name=LONG), "name"),
        ("/businesses/", lambda w: new_business(w, owner_name=LONG), "owner_name"),
        ("/businesses/", lambda w: new_business(w, address=LONG), "address"),
    ],
)
def test_ten_thousand_character_names_are_a_400_naming_the_field(w, address, body, at_fault):
    before = snapshot()

    response = api_as(w.editor_a).post(f"{API}{address}", body(w), format="json")

    assert response.status_code == 400
    assert at_fault in response.json()
    assert snapshot() == before


def test_ten_thousand_character_names_change_nothing(w):
    before = snapshot()

    api = api_as(w.editor_a).patch(
        f"{API}/products/{w.product_a.slug}/", {"name": LONG}, format="json"
    )
    page = page_as(w.editor_a).post(
        f"/ruang-kerja/produk/{w.product_a.slug}/ubah/", product_form(w, name=LONG)
    )
    created = page_as(w.editor_a).post("/ruang-kerja/produk/baru/", product_form(w, name=LONG))
    searched = page_as().get("/produk/", {"q": LONG})

    assert api.status_code == 400 and "name" in api.json()
    assert page.status_code == created.status_code == 200
    assert "name" in page.context["form"].errors and "name" in created.context["form"].errors
    assert searched.status_code == 200
    assert snapshot() == before


# Numbers ----------------------------------------------------------------------------------------

BAD_NUMBERS = [-1, "-1", "NaN", "nan", "Infinity", "1e309", 9999999999999999999999,
               "9999999999999999999999", 1.5, "12abc", ""]  # fmt: skip


@pytest.mark.parametrize("value", BAD_NUMBERS)
def test_prices_out_of_range_are_a_400_in_the_api(w, value):
    before = snapshot()
    client = api_as(w.editor_a)

    created = client.post(f"{API}/products/", new_product(w, price_min=value), format="json")
    changed = client.patch(
        f"{API}/products/{w.product_a.slug}/", {"price_max": value}, format="json"
    )

    assert created.status_code == changed.status_code == 400
    assert "price_min" in created.json() and "price_max" in changed.json()
    assert snapshot() == before


@pytest.mark.parametrize("literal", ["NaN", "Infinity", "-Infinity", "1e309", "-1e309"])
def test_non_finite_json_numbers_are_a_400(w, literal):
    before = snapshot()
    body = json.dumps(new_product(w)).replace('"price_min": 10000', f'"price_min": {literal}')

    response = api_as(w.editor_a).post(f"{API}/products/", body, content_type="application/json")

    assert response.status_code == 400
    assert snapshot() == before


@pytest.mark.parametrize("value", [v for v in BAD_NUMBERS if v != ""])
def test_prices_out_of_range_are_form_errors_on_the_page(w, value):
    before = snapshot()

    response = page_as(w.editor_a).post(
        "/ruang-kerja/produk/baru/", product_form(w, price_min=value)
    )

    assert response.status_code == 200
    assert "price_min" in response.context["form"].errors
    assert snapshot() == before


@pytest.mark.parametrize("value", [-1, "NaN", "1e309", 9999999999999999999999, 1900.5, 99999])
def test_a_year_founded_out_of_range_is_a_400(w, value):
    before = snapshot()

    response = api_as(w.editor_a).post(
        f"{API}/businesses/", new_business(w, year_founded=value), format="json"
    )

    assert response.status_code == 400 and "year_founded" in response.json()
    assert snapshot() == before


@pytest.mark.parametrize("value", ["-1", "NaN", "Infinity", "1e309", "9999999999999999999999"])
def test_price_filters_out_of_range_are_reported(w, value):
    api = api_as().get(f"{API}/products/", {"price_min": value})
    page = page_as().get("/produk/", {"harga_min": value})

    assert api.status_code == 400 and "price_min" in api.json()
    assert page.status_code == 200 and "harga_min" in page.context["errors"]


# Ordering ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "ordering",
    [
        "business__nib",
        "-created_by__password",
        "owner_agency__memberships__user__password",
        "name,business__owner_name",
        "random()",
        "(SELECT 1)",
        "?",
        "status",
    ],
)
def test_ordering_outside_the_allow_list_is_a_400(w, ordering):
    response = api_as(w.editor_a).get(f"{API}/products/", {"ordering": ordering})

    assert response.status_code == 400
    assert "ordering" in response.json()


# A flood of form fields -------------------------------------------------------------------------


def flood(base: dict) -> dict:
    return {**base, **{f"field{n}": "x" for n in range(1_001)}}


@pytest.mark.parametrize(
    "address",
    [
        lambda w: f"/ruang-kerja/produk/{w.product_a.slug}/ubah/",
        lambda w: "/ruang-kerja/produk/baru/",
        lambda w: f"/ruang-kerja/umkm/{w.business_a.slug}/",
        lambda w: "/accounts/login/",
    ],
)
def test_more_than_a_thousand_form_fields_are_a_400(w, address):
    before = snapshot()

    response = page_as(w.editor_a).post(address(w), flood(product_form(w, name="Banjir")))

    assert response.status_code == 400
    assert snapshot() == before


def test_more_than_a_thousand_form_fields_are_a_400_in_the_api(w):
    before = snapshot()

    response = api_as(w.editor_a).patch(
        f"{API}/products/{w.product_a.slug}/",
        flood({"name": "Banjir"}),
        format="multipart",
    )

    assert response.status_code == 400
    assert snapshot() == before


def test_a_flood_of_fields_is_answered_in_json_by_the_api(w):
    response = api_as(w.editor_a).patch(
        f"{API}/products/{w.product_a.slug}/", flood({"name": "Banjir"}), format="multipart"
    )

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
