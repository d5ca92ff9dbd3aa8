"""Spreadsheets for people and machines (issue 16, item 22): exports name their columns in the
language of the page, with a second row of stable keys that the importer reads, so that a file
exported in Indonesian imports back (under either language); a file with one header row, of keys
or of names in either language, is read too; a blank template comes for each kind of import; the
preview lists, per row, what an update changes (old → new) and which rows are new; the job's page
links every row the import saved."""

import csv
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import resolve, reverse
from django.utils import translation

from agencies.models import Role
from catalog.models import Business, Product
from jobs.models import Job
from tests.factories import (
    AgencyFactory,
    BusinessFactory,
    CategoryFactory,
    MembershipFactory,
    ProductFactory,
    RegionFactory,
    UserFactory,
)
from workspace.resources import BusinessResource, ProductResource

pytestmark = pytest.mark.django_db


def address(name, language="id"):
    with translation.override(language):
        return reverse(name)


@pytest.fixture
def sheet_world(db):
    mine = AgencyFactory(slug="dinas-pertanian", name="Dinas Pertanian")
    region = RegionFactory()
    category = CategoryFactory()
    business = BusinessFactory(name="Lada Mentok Jaya", registering_agency=mine, region=region)
    own = ProductFactory(
        name="Lada Putih Muntok", slug="lada-putih-muntok", business=business,
        owner_agency=mine, category=category, price_min=45_000, price_max=60_000,
        unit="per 250 g",
    )  # fmt: skip
    editor = MembershipFactory(agency=mine, role=Role.EDITOR, user=UserFactory()).user
    return {
        "mine": mine, "editor": editor, "business": business, "own": own,
        "category": category, "region": region,
    }  # fmt: skip


def read_rows(response) -> list[list]:
    """Every row of a CSV or XLSX download, as a spreadsheet shows it (cells as text)."""
    if response["Content-Type"].startswith("text/csv"):
        raw = b"".join(response.streaming_content) if response.streaming else response.content
        return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
    return [
        ["" if cell is None else str(cell) for cell in row]
        for row in sheet.iter_rows(values_only=True)
    ]


def csv_upload(rows: list[list], name="produk.csv") -> SimpleUploadedFile:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return SimpleUploadedFile(name, buffer.getvalue().encode("utf-8"), "text/csv")


def xlsx_upload(rows: list[list], name="produk.xlsx") -> SimpleUploadedFile:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(), "application/octet-stream")


def preview(client, upload, agency, language="id", kind="workspace-import-products"):
    return client.post(
        address(kind, language), {"step": "preview", "agency": agency.pk, "file": upload}
    )


def confirm(client, token, language="id", kind="workspace-import-products"):
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(address(kind, language), {"step": "confirm", "token": token})
    assert response.status_code == 303
    match = resolve(response["Location"])
    return Job.objects.get(pk=match.kwargs["pk"])


def with_cell(rows: list[list], slug: str, column: str, value: str) -> list[list]:
    """`rows` (two header rows, then data) with one cell of the row of `slug` changed."""
    keys = rows[1]
    for row in rows[2:]:
        if row[keys.index("slug")] == slug:
            row[keys.index(column)] = value
    return rows


# Headers -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_an_export_names_its_columns_in_the_language_of_the_page_above_a_row_of_keys(
    client, sheet_world, fmt
):
    client.force_login(sheet_world["editor"])

    indonesian = read_rows(client.get(address("workspace-export-products"), {"format": fmt}))
    english = read_rows(client.get(address("workspace-export-products", "en"), {"format": fmt}))

    keys = ProductResource(user=sheet_world["editor"]).get_export_headers()
    assert indonesian[1] == keys == english[1]
    assert indonesian[0][:3] == ["Slug", "Nama", "Nama dalam bahasa Inggris"]
    assert english[0][:3] == ["Slug", "Name", "Name in English"]
    assert indonesian[0][keys.index("price_min")] == "Harga terendah (Rp)"
    assert english[0][keys.index("price_min")] == "Lowest price (Rp)"
    assert indonesian[2][keys.index("slug")] == "lada-putih-muntok"  # the data after both rows


def test_every_column_has_a_name_of_its_own_in_both_languages():
    for resource in (ProductResource, BusinessResource):
        for language in ("id", "en"):
            with translation.override(language):
                labels = [resource.column_label(field) for field in resource.fields.values()]
            assert len(set(labels)) == len(labels), (resource, language, labels)


# Round trips -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("fmt", "upload"), [("csv", csv_upload), ("xlsx", xlsx_upload)])
@pytest.mark.parametrize("import_language", ["id", "en"])
def test_an_indonesian_export_imports_back_with_its_changes(
    client, sheet_world, fmt, upload, import_language
):
    client.force_login(sheet_world["editor"])
    rows = read_rows(client.get(address("workspace-export-products"), {"format": fmt}))
    rows = with_cell(rows, "lada-putih-muntok", "price_min", "50000")
    rows = with_cell(rows, "lada-putih-muntok", "description_en", "White pepper from Muntok.")

    response = preview(client, upload(rows, f"produk.{fmt}"), sheet_world["mine"], import_language)

    summary = response.context["summary"]
    assert response.status_code == 200 and summary["problems"] == []
    assert summary["ignored_columns"] == []
    [change] = summary["changes"]
    assert (change["row"], change["new"]) == (3, False)  # below the two header rows
    assert Product.objects.get(slug="lada-putih-muntok").price_min == 45_000  # not yet

    job = confirm(client, response.context["token"], import_language)

    assert job.state == Job.State.DONE
    product = Product.objects.get(slug="lada-putih-muntok")
    assert product.price_min == 50_000
    assert product.description_en == "White pepper from Muntok."
    assert product.owner_agency == sheet_world["mine"]


def test_one_row_of_indonesian_column_names_is_read_without_a_key_row(client, sheet_world):
    client.force_login(sheet_world["editor"])
    rows = [
        ["Nama", "Usaha", "Kategori", "Harga terendah (Rp)", "Harga tertinggi (Rp)"],
        ["Kemplang Panggang", sheet_world["business"].slug, sheet_world["category"].slug,
         "15000", "25000"],
    ]  # fmt: skip

    response = preview(client, csv_upload(rows), sheet_world["mine"])
    confirm(client, response.context["token"])

    assert response.context["summary"]["problems"] == []
    product = Product.objects.get(name="Kemplang Panggang")
    assert (product.price_min, product.price_max) == (15_000, 25_000)
    assert product.business == sheet_world["business"]


def test_english_column_names_with_other_case_and_spaces_are_read(client, sheet_world):
    client.force_login(sheet_world["editor"])
    rows = [
        ["  name ", "BUSINESS", "Category", "lowest  price (rp)", "Highest price (Rp)"],
        ["Getas Ikan", sheet_world["business"].slug, sheet_world["category"].slug, "9000", "9000"],
    ]

    response = preview(client, csv_upload(rows), sheet_world["mine"], "en")

    assert response.context["summary"]["problems"] == []
    assert response.context["summary"]["new"] == 1


def test_problems_are_numbered_as_the_spreadsheet_shows_them_below_two_header_rows(
    client, sheet_world
):
    client.force_login(sheet_world["editor"])
    rows = read_rows(client.get(address("workspace-export-products"), {"format": "csv"}))
    rows = with_cell(rows, "lada-putih-muntok", "price_min", "banyak")

    response = preview(client, csv_upload(rows), sheet_world["mine"])

    assert [(p["row"], p["column"]) for p in response.context["summary"]["problems"]] == [
        (3, "price_min")
    ]


# Blank templates ---------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize(
    ("name", "resource", "stem"),
    [
        ("workspace-import-template-products", ProductResource, "templat-produk"),
        ("workspace-import-template-businesses", BusinessResource, "templat-umkm"),
    ],
)
def test_a_blank_template_holds_the_two_header_rows_of_the_importable_columns(
    client, sheet_world, fmt, name, resource, stem
):
    client.force_login(sheet_world["editor"])

    response = client.get(address(name), {"format": fmt})

    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="{stem}.{fmt}"'
    labels, keys = read_rows(response)
    assert keys == [field.column_name for field in resource.importable_fields()]
    assert "updated_at" not in keys and "slug" in keys and "name" in keys
    assert labels[keys.index("name")] == "Nama"


def test_a_filled_in_template_imports(client, sheet_world):
    client.force_login(sheet_world["editor"])
    rows = read_rows(
        client.get(address("workspace-import-template-products", "en"), {"format": "xlsx"})
    )
    keys = rows[1]
    row = [""] * len(keys)
    for key, value in {
        "name": "Sirup Jeruk Kunci",
        "business": sheet_world["business"].slug,
        "category": sheet_world["category"].slug,
        "price_min": "30000",
        "price_max": "35000",
    }.items():
        row[keys.index(key)] = value

    response = preview(client, xlsx_upload([*rows, row]), sheet_world["mine"])
    confirm(client, response.context["token"])

    assert response.context["summary"]["problems"] == []
    assert Product.objects.get(name="Sirup Jeruk Kunci").owner_agency == sheet_world["mine"]


def test_a_template_needs_a_sign_in_and_a_known_format(client, sheet_world):
    url = address("workspace-import-template-products")

    assert client.get(url).status_code == 302  # to the sign-in page
    client.force_login(sheet_world["editor"])
    assert client.get(url, {"format": "pdf"}).status_code == 400


def test_the_import_page_offers_the_templates(client, sheet_world):
    client.force_login(sheet_world["editor"])

    html = client.get(address("workspace-import-businesses")).content.decode()

    assert address("workspace-import-template-businesses") + "?format=xlsx" in html
    assert address("workspace-import-template-businesses") + "?format=csv" in html


# The preview of changes --------------------------------------------------------------------------


def test_the_preview_lists_the_columns_an_update_changes_and_marks_new_rows(client, sheet_world):
    client.force_login(sheet_world["editor"])
    rows = read_rows(client.get(address("workspace-export-products"), {"format": "csv"}))
    rows = with_cell(rows, "lada-putih-muntok", "price_max", "65000")
    rows = with_cell(rows, "lada-putih-muntok", "status", "draft")
    new = [""] * len(rows[1])
    for key, value in {
        "name": "Kemplang Panggang",
        "business": sheet_world["business"].slug,
        "category": sheet_world["category"].slug,
        "price_min": "15000",
        "price_max": "25000",
    }.items():
        new[rows[1].index(key)] = value

    response = preview(client, csv_upload([*rows, new]), sheet_world["mine"])

    update, created = response.context["summary"]["changes"]
    assert update["fields"] == [
        {"column": "Harga tertinggi (Rp)", "old": "60000", "new": "65000"},
        {"column": "Status", "old": "Terbit", "new": "Draf"},
    ]
    assert created["new"] and created["fields"] == []
    html = response.content.decode()
    assert "<del>60000</del>" in html and "<ins>65000</ins>" in html
    assert 'class="status status--new">baru</span>' in html
    assert Product.objects.get(slug="lada-putih-muntok").price_max == 60_000


def test_an_unchanged_row_says_so(client, sheet_world):
    client.force_login(sheet_world["editor"])
    rows = read_rows(client.get(address("workspace-export-products", "en"), {"format": "csv"}))

    response = preview(client, csv_upload(rows), sheet_world["mine"], "en")

    [change] = response.context["summary"]["changes"]
    assert change["fields"] == []
    assert "no change" in response.content.decode()


def test_the_preview_of_a_business_update_shows_yes_and_no(client, sheet_world):
    client.force_login(sheet_world["editor"])
    rows = read_rows(client.get(address("workspace-export-businesses", "en"), {"format": "csv"}))
    rows = with_cell(rows, sheet_world["business"].slug, "show_owner", "1")

    response = preview(
        client,
        csv_upload(rows, "umkm.csv"),
        sheet_world["mine"],
        "en",
        "workspace-import-businesses",
    )

    [change] = response.context["summary"]["changes"]
    assert change["fields"] == [{"column": "Show owner's name publicly", "old": "no", "new": "yes"}]
    assert not Business.objects.get(pk=sheet_world["business"].pk).show_owner


# Links after the import --------------------------------------------------------------------------


def test_the_job_page_links_the_rows_the_import_created_and_updated(client, sheet_world):
    client.force_login(sheet_world["editor"])
    rows = read_rows(client.get(address("workspace-export-products"), {"format": "csv"}))
    rows = with_cell(rows, "lada-putih-muntok", "price_min", "50000")
    new = [""] * len(rows[1])
    for key, value in {
        "name": "Kemplang Panggang",
        "business": sheet_world["business"].slug,
        "category": sheet_world["category"].slug,
        "price_min": "15000",
        "price_max": "25000",
    }.items():
        new[rows[1].index(key)] = value
    response = preview(client, csv_upload([*rows, new]), sheet_world["mine"])

    job = confirm(client, response.context["token"])

    created = Product.objects.get(name="Kemplang Panggang")
    html = client.get(job.get_absolute_url()).content.decode()
    assert job.state == Job.State.DONE
    assert [(link["slug"], link["new"], link["changed"]) for link in job.outcome["links"]] == [
        ("lada-putih-muntok", False, True),
        (created.slug, True, True),
    ]
    with translation.override("id"):
        updated_url = reverse("workspace-product", args=["lada-putih-muntok"])
        created_url = reverse("workspace-product", args=[created.slug])
    assert f'<a href="{updated_url}">Lada Putih Muntok</a>' in html
    assert f'<a href="{created_url}">Kemplang Panggang</a>' in html
