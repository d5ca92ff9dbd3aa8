"""Workspace exports: /ruang-kerja/ekspor/produk/ and /ruang-kerja/ekspor/umkm/ (CSV and XLSX).

Two agencies: Dinas Pertanian (the user's) and Dinas Kelautan dan Perikanan (another one). The
files must hold only the user's agencies' rows, open in both formats, and never carry a formula.
"""

import csv
import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from agencies.models import Role
from tests.factories import (
    AgencyFactory,
    BusinessFactory,
    CategoryFactory,
    CollaborationFactory,
    MembershipFactory,
    ProductFactory,
    RegionFactory,
    UserFactory,
)
from tests.helpers import member
from workspace.resources import BusinessResource

PRODUCTS = "workspace-export-products"
BUSINESSES = "workspace-export-businesses"

PRODUCT_HEADERS = [
    "slug", "name", "name_en", "business", "business_name", "region", "category", "summary",
    "summary_en", "description", "description_en", "price_min", "price_max", "unit", "status",
    "owner_agency", "updated_at",
]  # fmt: skip
BUSINESS_HEADERS = [
    "slug", "name", "owner_name", "show_owner", "show_support", "nib", "scale", "region",
    "address", "phone", "whatsapp", "email", "website", "instagram", "facebook", "tiktok",
    "shop_url", "description", "year_founded", "is_active", "registering_agency", "updated_at",
]  # fmt: skip
FORMULAS = ['=HYPERLINK("http://evil")', "+1", "-2", "@SUM(A1)", "\tTAB", "\rCR"]


def file_rows(response) -> tuple[list, list[dict]]:
    """(headers, rows as dicts) of a CSV or XLSX download, read the way a spreadsheet would: the
    headers are the key row (the second), after the row of names for people."""
    if response["Content-Type"].startswith("text/csv"):
        raw = b"".join(response.streaming_content)
        assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 byte-order mark for Excel"
        reader = csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""))
        labels, headers, *rows = list(reader)
    else:
        book = openpyxl.load_workbook(io.BytesIO(response.content))
        sheet = book.worksheets[0]
        labels, headers, *rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert len(labels) == len(headers) and labels != headers
    return headers, [dict(zip(headers, row, strict=True)) for row in rows]


@pytest.fixture
def export_world(db):
    """My agency and another, with a product of each kind that an export must hold or leave out
    (see the module's docstring): the files are asserted row by row, so not the rights-matrix
    `world`."""
    mine = AgencyFactory(slug="dinas-pertanian", name="Dinas Pertanian", short_name="Distan")
    other = AgencyFactory(slug="dinas-kelautan-perikanan", name="Dinas Kelautan dan Perikanan")
    region = RegionFactory()
    category = CategoryFactory()
    my_business = BusinessFactory(
        name="Lada Mentok Jaya", registering_agency=mine, region=region,
        nib="9120001234567", owner_name="Siti Aminah",
    )  # fmt: skip
    other_business = BusinessFactory(
        name="Terasi Toboali", registering_agency=other, region=region, nib="9120007654321"
    )
    owned = ProductFactory(
        name="Lada Putih Muntok", business=my_business, owner_agency=mine, category=category
    )
    draft = ProductFactory(
        name="Madu Pelawan", business=my_business, owner_agency=mine, status="draft",
        category=category,
    )  # fmt: skip
    co_curated = ProductFactory(
        name="Kemplang Ikan", business=other_business, owner_agency=other, category=category
    )
    CollaborationFactory(product=co_curated, agency=mine)
    foreign = ProductFactory(
        name="Rusip", business=other_business, owner_agency=other, category=category
    )
    editor = member(mine)
    return {
        "mine": mine, "other": other, "editor": editor, "owned": owned, "draft": draft,
        "co_curated": co_curated, "foreign": foreign, "my_business": my_business,
        "other_business": other_business, "region": region, "category": category,
    }  # fmt: skip


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_product_export_holds_only_the_products_of_my_agencies(client, export_world, fmt):
    client.force_login(export_world["editor"])

    response = client.get(reverse(PRODUCTS), {"format": fmt})

    assert response.status_code == 200
    headers, rows = file_rows(response)
    assert headers == PRODUCT_HEADERS
    assert sorted(row["slug"] for row in rows) == sorted(
        [export_world["owned"].slug, export_world["draft"].slug, export_world["co_curated"].slug]
    )
    owned = next(row for row in rows if row["slug"] == export_world["owned"].slug)
    assert owned["name"] == "Lada Putih Muntok"
    assert owned["business"] == export_world["my_business"].slug
    assert owned["category"] == export_world["category"].slug
    assert owned["region"] == export_world["region"].slug
    assert owned["owner_agency"] == "dinas-pertanian"
    assert str(owned["price_min"]) == "45000" and str(owned["price_max"]) == "60000"
    assert owned["status"] == "published"
    assert "Rusip" not in {row["name"] for row in rows}


def test_xlsx_numbers_are_numbers_not_text(client, export_world):
    client.force_login(export_world["editor"])

    response = client.get(reverse(PRODUCTS), {"format": "xlsx"})

    _headers, rows = file_rows(response)
    assert {row["price_min"] for row in rows} == {45_000}


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_business_export_holds_only_businesses_my_agency_registered(client, export_world, fmt):
    client.force_login(export_world["editor"])

    response = client.get(reverse(BUSINESSES), {"format": fmt})

    assert response.status_code == 200
    headers, rows = file_rows(response)
    assert headers == BUSINESS_HEADERS
    assert [row["slug"] for row in rows] == [export_world["my_business"].slug]
    # The export is of their own data: the registering agency's staff see the NIB and owner.
    assert rows[0]["nib"] == "9120001234567"
    assert rows[0]["owner_name"] == "Siti Aminah"
    assert rows[0]["registering_agency"] == "dinas-pertanian"
    assert "9120007654321" not in str(rows)


def test_business_resource_never_gives_personal_data_to_another_agency(export_world):
    """Defence in depth: should the queryset ever widen, the resource itself hides the NIB and,
    without consent, the owner's name from staff of other agencies."""
    outsider = member(export_world["other"])
    business = export_world["my_business"]

    row = dict(
        zip(
            BUSINESS_HEADERS,
            BusinessResource(user=outsider).export_resource(business),
            strict=True,
        )
    )

    assert row["nib"] == ""
    assert row["owner_name"] == ""
    business.show_owner = True
    row = BusinessResource(user=outsider).export_resource(business)
    assert row[BUSINESS_HEADERS.index("owner_name")] == "Siti Aminah"
    assert row[BUSINESS_HEADERS.index("nib")] == ""


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_formula_looking_values_come_out_escaped(client, export_world, fmt):
    for index, value in enumerate(FORMULAS):
        ProductFactory(
            name=value, summary=value, business=export_world["my_business"],
            owner_agency=export_world["mine"], slug=f"formula-{index}",
        )  # fmt: skip
    BusinessFactory(
        name="=1+1", owner_name="@evil", phone="+62 812-3456-7890",
        registering_agency=export_world["mine"], region=export_world["region"],
    )  # fmt: skip
    client.force_login(export_world["editor"])

    _headers, rows = file_rows(client.get(reverse(PRODUCTS), {"format": fmt}))
    _headers, businesses = file_rows(client.get(reverse(BUSINESSES), {"format": fmt}))

    by_slug = {row["slug"]: row for row in rows}
    for index, value in enumerate(FORMULAS):
        if fmt == "xlsx":  # XML reads a carriage return back as a line feed
            value = value.replace("\r", "\n")
        assert by_slug[f"formula-{index}"]["name"] == "'" + value
        assert by_slug[f"formula-{index}"]["summary"] == "'" + value
    business = next(row for row in businesses if row["name"] == "'=1+1")
    assert business["owner_name"] == "'@evil"
    assert business["phone"] == "'+62 812-3456-7890"
    assert by_slug[export_world["owned"].slug]["name"] == "Lada Putih Muntok"  # others untouched


def test_xlsx_cells_with_formula_text_are_text_cells(client, export_world):
    ProductFactory(
        name='=HYPERLINK("http://evil")', business=export_world["my_business"],
        owner_agency=export_world["mine"],
    )  # fmt: skip
    client.force_login(export_world["editor"])

    response = client.get(reverse(PRODUCTS), {"format": "xlsx"})

    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert not [cell for cell in cells if cell.data_type == "f"]
    assert any(cell.value == '\'=HYPERLINK("http://evil")' for cell in cells)


@pytest.mark.parametrize(
    ("fmt", "content_type"),
    [
        ("csv", "text/csv; charset=utf-8"),
        ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ],
)
@pytest.mark.parametrize(("name", "stem"), [(PRODUCTS, "produk"), (BUSINESSES, "umkm")])
def test_download_headers(client, export_world, fmt, content_type, name, stem):
    client.force_login(export_world["editor"])

    response = client.get(reverse(name), {"format": fmt})

    today = timezone.localdate()
    assert response["Content-Type"] == content_type
    assert (
        response["Content-Disposition"] == f'attachment; filename="{stem}-{today:%Y-%m-%d}.{fmt}"'
    )
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"no-store", "private"} <= cache_control


def test_csv_is_the_default_format(client, export_world):
    client.force_login(export_world["editor"])

    response = client.get(reverse(PRODUCTS))

    assert response["Content-Type"].startswith("text/csv")


@pytest.mark.parametrize("name", [PRODUCTS, BUSINESSES])
def test_unknown_format_is_a_400_page(client, export_world, name):
    client.force_login(export_world["editor"])

    response = client.get(reverse(name), {"format": "pdf"})

    assert response.status_code == 400
    assert "text/html" in response["Content-Type"]
    assert b"CSV" in response.content


@pytest.mark.parametrize("name", [PRODUCTS, BUSINESSES])
def test_anonymous_is_sent_to_sign_in(client, export_world, name):
    response = client.get(reverse(name), {"format": "csv"})

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("name", [PRODUCTS, BUSINESSES])
def test_another_agencys_slug_is_404(client, export_world, name):
    client.force_login(export_world["editor"])

    assert client.get(reverse(name), {"dinas": "dinas-kelautan-perikanan"}).status_code == 404
    assert client.get(reverse(name), {"dinas": "no-such-agency"}).status_code == 404


def test_dinas_narrows_to_one_of_my_agencies(client, export_world):
    second = AgencyFactory(slug="dinas-pariwisata")
    MembershipFactory(user=export_world["editor"], agency=second, role=Role.MANAGER)
    ProductFactory(name="Tour Belitung", owner_agency=second, slug="tour-belitung")
    client.force_login(export_world["editor"])

    _headers, everything = file_rows(client.get(reverse(PRODUCTS)))
    _headers, narrowed = file_rows(client.get(reverse(PRODUCTS), {"dinas": "dinas-pariwisata"}))

    assert "tour-belitung" in {row["slug"] for row in everything}
    assert [row["slug"] for row in narrowed] == ["tour-belitung"]


def test_reviewer_exports_nothing(client, export_world):
    reviewer = member(AgencyFactory(is_leading_sector=True), role=Role.REVIEWER)
    client.force_login(reviewer)

    _headers, rows = file_rows(client.get(reverse(PRODUCTS)))

    assert rows == []


def test_administrator_exports_every_agency(client, export_world):
    admin = UserFactory(is_superuser=True)
    client.force_login(admin)

    _headers, rows = file_rows(client.get(reverse(PRODUCTS)))
    _headers, businesses = file_rows(
        client.get(reverse(BUSINESSES), {"dinas": "dinas-kelautan-perikanan"})
    )

    assert export_world["foreign"].slug in {row["slug"] for row in rows}
    assert [row["nib"] for row in businesses] == ["9120007654321"]


def test_unicode_and_emoji_come_out_exactly(client, export_world):
    name = "Kopi Tiam ☕ Manggar — Ñoño 🌶️ <b>"
    ProductFactory(
        name=name, business=export_world["my_business"], owner_agency=export_world["mine"]
    )
    client.force_login(export_world["editor"])

    for fmt in ("csv", "xlsx"):
        _headers, rows = file_rows(client.get(reverse(PRODUCTS), {"format": fmt}))
        assert name in {row["name"] for row in rows}


def test_export_queries_do_not_grow_with_the_rows(client, export_world):
    client.force_login(export_world["editor"])

    def queries():
        with CaptureQueriesContext(connection) as captured:
            for fmt in ("csv", "xlsx"):
                response = client.get(reverse(PRODUCTS), {"format": fmt})
                file_rows(response)
        return len(captured)

    few = queries()
    for _ in range(30):
        ProductFactory(business=export_world["my_business"], owner_agency=export_world["mine"])
    assert queries() == few


def test_export_is_capped_and_says_so(client, export_world, monkeypatch):
    from workspace.views import exports

    monkeypatch.setattr(exports, "EXPORT_MAX_ROWS", 2)
    client.force_login(export_world["editor"])

    response = client.get(reverse(PRODUCTS), {"format": "xlsx"})

    _headers, rows = file_rows(response)
    assert len(rows) == 2
    assert response["X-Export-Truncated"] == "true"
    assert response["X-Export-Max-Rows"] == "2"
    assert "X-Export-Truncated" not in client.get(reverse(BUSINESSES))
