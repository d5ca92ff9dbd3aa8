"""Workspace imports: /ruang-kerja/impor/produk/ and /ruang-kerja/impor/umkm/.

A preview is a dry run that saves nothing and lists every problem of every row; a confirmation
saves every row or none. Rows obey the same rules as the pages: only the user's agencies' data
is updated, new rows belong to the agency the user chose and are created by the user.
"""

import csv
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import resolve, reverse

from agencies.models import Role
from catalog.models import Business, Product
from jobs.models import Job
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

PRODUCTS = "workspace-import-products"
BUSINESSES = "workspace-import-businesses"


def csv_file(rows: list[dict], name="produk.csv", delimiter=",") -> SimpleUploadedFile:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), delimiter=delimiter)
    writer.writeheader()
    writer.writerows(rows)
    return SimpleUploadedFile(name, buffer.getvalue().encode("utf-8"), "text/csv")


def xlsx_file(rows: list[dict], name="produk.xlsx") -> SimpleUploadedFile:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(list(rows[0]))
    for row in rows:
        sheet.append(list(row.values()))
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(), "application/octet-stream")


def preview(client, upload, agency, url=PRODUCTS):
    return client.post(
        reverse(url), {"step": "preview", "agency": agency.pk, "file": upload}, follow=False
    )


def confirm(client, token, url=PRODUCTS):
    """Confirm the previewed import; its background job runs once the request commits."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(reverse(url), {"step": "confirm", "token": token})


def job_of(response) -> Job:
    """The background job a confirmation went to (its page is where the answer points)."""
    assert response.status_code == 303
    match = resolve(response["Location"])
    assert match.url_name == "workspace-job"
    return Job.objects.get(pk=match.kwargs["pk"])


def problems(response) -> list[tuple]:
    return [(p["row"], p["column"]) for p in response.context["summary"]["problems"]]


@pytest.fixture
def import_world(db):
    """My agency and another, a product of each and an editor of mine: what the import rules
    need, and no more (not the rights-matrix `world`)."""
    mine = AgencyFactory(slug="dinas-pertanian", name="Dinas Pertanian")
    other = AgencyFactory(slug="dinas-kelautan-perikanan", name="Dinas Kelautan dan Perikanan")
    region = RegionFactory()
    category = CategoryFactory()
    business = BusinessFactory(name="Lada Mentok Jaya", registering_agency=mine, region=region)
    other_business = BusinessFactory(registering_agency=other, region=region)
    own = ProductFactory(
        name="Lada Putih Muntok", slug="lada-putih-muntok", business=business,
        owner_agency=mine, category=category,
    )  # fmt: skip
    foreign = ProductFactory(
        name="Rusip", slug="rusip", business=other_business, owner_agency=other,
        category=category, price_min=10_000, price_max=20_000,
    )  # fmt: skip
    editor = MembershipFactory(agency=mine, role=Role.EDITOR, user=UserFactory()).user
    return {
        "mine": mine, "other": other, "editor": editor, "business": business, "own": own,
        "foreign": foreign, "category": category, "region": region,
        "other_business": other_business,
    }  # fmt: skip


def product_row(import_world, **values):
    row = {
        "slug": "",
        "name": "Kemplang Panggang",
        "business": import_world["business"].slug,
        "category": import_world["category"].slug,
        "price_min": "15000",
        "price_max": "25000",
        "unit": "per 250 g",
        "status": "",
    }
    row.update(values)
    return row


def test_import_page_shows_an_accessible_form(client, import_world):
    client.force_login(import_world["editor"])

    response = client.get(reverse(PRODUCTS))

    assert response.status_code == 200
    html = response.content.decode()
    assert 'for="id_file"' in html and 'for="id_agency"' in html
    assert 'aria-describedby="id_file_helptext"' in html
    assert {"no-store", "private"} <= {
        part.strip() for part in response["Cache-Control"].split(",")
    }


def test_anonymous_is_sent_to_sign_in(client, import_world):
    for url in (PRODUCTS, BUSINESSES):
        response = client.get(reverse(url))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_a_user_without_an_editing_role_may_not_import(client, import_world):
    reviewer = MembershipFactory(
        agency=AgencyFactory(is_leading_sector=True), role=Role.REVIEWER
    ).user
    client.force_login(reviewer)

    assert client.get(reverse(PRODUCTS)).status_code == 403
    assert client.get(reverse(BUSINESSES)).status_code == 403


def test_preview_lists_every_bad_row_and_saves_nothing(client, import_world):
    rows = [
        product_row(import_world, name="Baik"),
        product_row(import_world, name="Harga terbalik", price_min="50000", price_max="1000"),
        product_row(import_world, name="", category="tidak-ada"),
        product_row(import_world, name="Harga bukan angka", price_min="murah"),
        product_row(import_world, name="Usaha asing", business="tidak-ada"),
    ]
    client.force_login(import_world["editor"])
    before = (Product.objects.count(), Product.history.count())

    response = preview(client, csv_file(rows), import_world["mine"])

    assert response.status_code == 200
    assert (Product.objects.count(), Product.history.count()) == before
    assert not Product.objects.filter(name="Baik").exists()
    # Spreadsheet row numbers: the header is row 1.
    assert problems(response) == [
        (3, "price_max"),
        (4, "category"),
        (4, "name"),
        (5, "price_min"),
        (6, "business"),
    ]
    summary = response.context["summary"]
    assert [(c["row"], c["new"], c["name"]) for c in summary["changes"]] == [(2, True, "Baik")]
    html = response.content.decode()
    assert "tidak-ada" in html
    assert 'name="step" value="confirm"' not in html  # nothing to confirm while rows fail


def test_confirm_with_one_bad_row_saves_nothing(client, import_world):
    rows = [product_row(import_world, name=f"Produk {n}") for n in range(3)]
    rows.append(product_row(import_world, name="Rusak", price_min="9", price_max="1"))
    client.force_login(import_world["editor"])
    before = Product.objects.count()
    token = preview(client, csv_file(rows), import_world["mine"]).context["token"]

    response = confirm(client, token)

    job = job_of(response)
    assert job.state == Job.State.FAILED
    assert Product.objects.count() == before
    assert not Product.objects.filter(name__startswith="Produk ").exists()
    assert [(p["row"], p["column"]) for p in job.outcome["problems"]] == [(5, "price_max")]


def test_confirm_with_good_rows_saves_them_all(client, import_world):
    rows = [
        product_row(import_world, name="Kemplang Panggang"),
        product_row(import_world, name="Getas Ikan", status="published", slug="getas-ikan"),
    ]
    upload = csv_file(rows)
    client.force_login(import_world["editor"])
    token = preview(client, upload, import_world["mine"]).context["token"]

    response = confirm(client, token)

    assert job_of(response).state == Job.State.DONE
    created = Product.objects.filter(name__in=["Kemplang Panggang", "Getas Ikan"])
    assert created.count() == 2
    for product in created:
        assert product.owner_agency == import_world["mine"]
        assert product.created_by == import_world["editor"]
        assert product.updated_by == import_world["editor"]
        assert product.business == import_world["business"]
        assert (product.price_min, product.price_max) == (15_000, 25_000)
    assert Product.objects.get(name="Kemplang Panggang").status == "draft"
    getas = Product.objects.get(slug="getas-ikan")
    assert getas.status == "published" and getas.published_at is not None
    # the file went to the job: the same token cannot import twice, it leads to that job
    again = confirm(client, token)
    assert job_of(again) == job_of(response)
    assert Job.objects.count() == 1
    assert Product.objects.filter(name="Kemplang Panggang").count() == 1


def test_a_row_updates_a_product_i_may_edit_and_keeps_its_agency(client, import_world):
    second = AgencyFactory(slug="dinas-pariwisata")
    MembershipFactory(user=import_world["editor"], agency=second)
    upload = csv_file([{"slug": "lada-putih-muntok", "price_min": "50000", "price_max": "70000"}])
    client.force_login(import_world["editor"])
    response = preview(client, upload, second)
    [change] = response.context["summary"]["changes"]
    assert (change["row"], change["new"], change["name"]) == (2, False, "Lada Putih Muntok")

    confirm(client, response.context["token"])

    own = Product.objects.get(slug="lada-putih-muntok")
    assert (own.price_min, own.price_max) == (50_000, 70_000)
    assert own.owner_agency == import_world["mine"]


def test_a_row_with_another_agencys_product_is_refused(client, import_world):
    upload = csv_file([product_row(import_world, slug="rusip", name="Rusip diubah", price_min="1")])
    client.force_login(import_world["editor"])
    response = preview(client, upload, import_world["mine"])

    assert problems(response) == [(2, "slug")]
    confirm(client, response.context["token"])

    foreign = Product.objects.get(slug="rusip")
    assert foreign.name == "Rusip" and foreign.price_min == 10_000
    assert foreign.owner_agency == import_world["other"]
    assert Product.objects.filter(slug="rusip").count() == 1


def test_a_co_curator_may_edit_content_but_not_the_status(client, import_world):
    CollaborationFactory(product=import_world["foreign"], agency=import_world["mine"])
    client.force_login(import_world["editor"])
    content = csv_file([{"slug": "rusip", "summary": "Fermentasi ikan bilis"}])
    status = csv_file([{"slug": "rusip", "status": "archived"}])

    confirm(client, preview(client, content, import_world["mine"]).context["token"])
    refused = preview(client, status, import_world["mine"])

    foreign = Product.objects.get(slug="rusip")
    assert foreign.summary == "Fermentasi ikan bilis"
    assert problems(refused) == [(2, "status")]
    assert foreign.status == "published"


def test_a_product_for_an_inactive_business_is_refused(client, import_world):
    import_world["business"].is_active = False
    import_world["business"].save()
    client.force_login(import_world["editor"])

    response = preview(client, csv_file([product_row(import_world)]), import_world["mine"])

    assert problems(response) == [(2, "business")]


def test_an_agency_that_is_not_mine_cannot_be_chosen(client, import_world):
    client.force_login(import_world["editor"])

    response = preview(client, csv_file([product_row(import_world)]), import_world["other"])

    assert response.status_code == 400
    assert "agency" in response.context["form"].errors
    assert not Product.objects.filter(name="Kemplang Panggang").exists()


def test_an_xlsx_file_imports(client, import_world):
    rows = [product_row(import_world, name="Nanas Bikang", price_min=12000, price_max=18000)]
    client.force_login(import_world["editor"])
    response = preview(client, xlsx_file(rows), import_world["mine"])
    assert response.context["summary"]["problems"] == []

    confirm(client, response.context["token"])

    product = Product.objects.get(name="Nanas Bikang")
    assert (product.price_min, product.price_max) == (12_000, 18_000)
    assert product.owner_agency == import_world["mine"]


def test_a_semicolon_csv_from_excel_imports(client, import_world):
    client.force_login(import_world["editor"])
    upload = csv_file([product_row(import_world, name="Teh Tayu")], delimiter=";")

    response = preview(client, upload, import_world["mine"])

    assert response.context["summary"]["new"] == 1
    assert response.context["summary"]["problems"] == []


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("foto.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100),
        ("data.txt", b"name\nLada\n"),
        ("palsu.xlsx", b"name,price_min\nLada,1\n"),
        ("rusak.xlsx", b"PK\x03\x04" + b"\x00" * 200),
        ("kosong.csv", b""),
        ("latin1.csv", "name\nKopi ñ\n".encode("latin-1")),
    ],
)
def test_a_file_that_is_not_csv_or_xlsx_is_a_form_error(client, import_world, name, content):
    client.force_login(import_world["editor"])

    response = preview(client, SimpleUploadedFile(name, content), import_world["mine"])

    assert response.status_code == 400
    assert response.context["form"].errors["file"]
    assert "summary" not in response.context
    html = response.content.decode()
    assert 'id="id_file_error"' in html
    assert 'aria-describedby="id_file_helptext id_file_error"' in html
    assert 'aria-invalid="true"' in html


def test_a_file_over_5_mb_is_a_form_error(client, import_world):
    client.force_login(import_world["editor"])
    content = b"name\n" + b"x" * (5 * 1024 * 1024)

    response = preview(client, SimpleUploadedFile("besar.csv", content), import_world["mine"])

    assert response.status_code == 400
    assert "5 MB" in " ".join(response.context["form"].errors["file"])


def test_unicode_and_emoji_names_round_trip_exactly(client, import_world):
    name = "Kopi Tiam ☕ Manggar — Ñoño 🌶️ 漢字"
    client.force_login(import_world["editor"])
    response = preview(
        client, csv_file([product_row(import_world, name=name)]), import_world["mine"]
    )
    confirm(client, response.context["token"])

    product = Product.objects.get(name=name)
    exported = b"".join(
        client.get(reverse("workspace-export-products"), {"format": "csv"}).streaming_content
    ).decode("utf-8-sig")

    assert product.name == name
    assert name in exported


def test_text_is_stored_as_given_and_shown_escaped(client, import_world):
    name = "<script>alert('x')</script>"
    client.force_login(import_world["editor"])
    response = preview(
        client, csv_file([product_row(import_world, name=name)]), import_world["mine"]
    )

    html = response.content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    confirm(client, response.context["token"])
    assert Product.objects.filter(name=name).exists()


def test_an_export_imports_back_unchanged(client, import_world):
    """Formula escaping is undone on import: an exported file is a valid import of itself."""
    import_world["own"].name = '=HYPERLINK("http://evil")'
    import_world["own"].summary = "+62 812"
    import_world["own"].save()
    client.force_login(import_world["editor"])
    exported = b"".join(client.get(reverse("workspace-export-products")).streaming_content)

    response = preview(client, SimpleUploadedFile("produk.csv", exported), import_world["mine"])
    assert response.context["summary"]["problems"] == []
    confirm(client, response.context["token"])

    own = Product.objects.get(slug="lada-putih-muntok")
    assert own.name == '=HYPERLINK("http://evil")'
    assert own.summary == "+62 812"
    assert Product.objects.count() == 2


def test_a_second_click_while_the_import_runs_adds_nothing(client, import_world):
    client.force_login(import_world["editor"])
    token = preview(client, csv_file([product_row(import_world)]), import_world["mine"]).context[
        "token"
    ]
    with TestCase.captureOnCommitCallbacks(execute=False):  # the first job has not run yet
        first = client.post(reverse(PRODUCTS), {"step": "confirm", "token": token})

    second = confirm(client, token)

    assert job_of(second) == job_of(first)
    assert Job.objects.count() == 1
    assert not Product.objects.filter(name="Kemplang Panggang").exists()


def test_a_token_of_another_user_finds_nothing(client, import_world):
    client.force_login(import_world["editor"])
    token = preview(client, csv_file([product_row(import_world)]), import_world["mine"]).context[
        "token"
    ]
    colleague = MembershipFactory(agency=import_world["mine"], user=UserFactory()).user
    client.force_login(colleague)

    response = confirm(client, token)

    assert response.status_code == 302
    assert not Product.objects.filter(name="Kemplang Panggang").exists()


# Businesses --------------------------------------------------------------------------------------


def business_row(import_world, **values):
    row = {
        "slug": "",
        "name": "Kerupuk Kemplang Bu Yati",
        "owner_name": "Yati",
        "nib": "9120001112223",
        "scale": "mikro",
        "region": import_world["region"].slug,
        "phone": "+62 812-1111-2222",
        "is_active": "1",
    }
    row.update(values)
    return row


def test_business_import_registers_with_my_agency(client, import_world):
    rows = [
        business_row(import_world),
        business_row(import_world, name="Madu Pelawan Koba", nib=""),
    ]
    client.force_login(import_world["editor"])
    response = preview(client, csv_file(rows, "umkm.csv"), import_world["mine"], url=BUSINESSES)
    assert response.context["summary"]["problems"] == []

    confirm(client, response.context["token"], url=BUSINESSES)

    created = Business.objects.filter(name__in=["Kerupuk Kemplang Bu Yati", "Madu Pelawan Koba"])
    assert created.count() == 2
    for business in created:
        assert business.registering_agency == import_world["mine"]
        assert business.created_by == import_world["editor"]
        assert business.is_active
    assert Business.objects.get(nib="9120001112223").phone == "+62 812-1111-2222"


def test_business_import_checks_the_nib(client, import_world):
    import_world["other_business"].nib = "9120009998887"
    import_world["other_business"].save()
    rows = [
        business_row(import_world, name="Terlalu pendek", nib="123"),
        business_row(import_world, name="Sudah terdaftar", nib="9120009998887"),
        business_row(import_world, name="Pertama", nib="9120005554443"),
        business_row(import_world, name="Kembar di berkas", nib="9120005554443"),
        business_row(import_world, name="Skala aneh", nib="", scale="raksasa"),
    ]
    client.force_login(import_world["editor"])
    before = Business.objects.count()

    response = preview(client, csv_file(rows, "umkm.csv"), import_world["mine"], url=BUSINESSES)
    confirm(client, response.context["token"], url=BUSINESSES)

    assert problems(response) == [(2, "nib"), (3, "nib"), (5, "nib"), (6, "scale")]
    assert Business.objects.count() == before


def test_business_import_may_not_update_another_agencys_business(client, import_world):
    upload = csv_file(
        [
            business_row(
                import_world, slug=import_world["other_business"].slug, name="Diambil alih", nib=""
            )
        ],
        "umkm.csv",
    )
    client.force_login(import_world["editor"])

    response = preview(client, upload, import_world["mine"], url=BUSINESSES)
    confirm(client, response.context["token"], url=BUSINESSES)

    assert problems(response) == [(2, "slug")]
    import_world["other_business"].refresh_from_db()
    assert import_world["other_business"].name != "Diambil alih"
    assert import_world["other_business"].registering_agency == import_world["other"]


def test_an_xlsx_nib_typed_as_a_number_is_kept_as_its_digits(client, import_world):
    rows = [business_row(import_world, nib=9120001112223, year_founded=2015, show_owner="ya")]
    client.force_login(import_world["editor"])
    response = preview(client, xlsx_file(rows, "umkm.xlsx"), import_world["mine"], url=BUSINESSES)
    assert response.context["summary"]["problems"] == []

    confirm(client, response.context["token"], url=BUSINESSES)

    business = Business.objects.get(name="Kerupuk Kemplang Bu Yati")
    assert business.nib == "9120001112223"
    assert business.year_founded == 2015
    assert business.show_owner is True


def test_the_owner_agency_moves_a_status_as_the_pages_do(client, import_world):
    draft = ProductFactory(
        slug="draf",
        business=import_world["business"],
        owner_agency=import_world["mine"],
        status="draft",
    )
    archived = ProductFactory(
        slug="arsip",
        business=import_world["business"],
        owner_agency=import_world["mine"],
        status="archived",
    )
    rows = [{"slug": "draf", "status": "published"}, {"slug": "arsip", "status": "draft"}]
    client.force_login(import_world["editor"])

    response = preview(client, csv_file(rows), import_world["mine"])
    assert problems(response) == [(3, "status")]  # archived → draft is no move of the pages
    confirm(client, preview(client, csv_file(rows[:1]), import_world["mine"]).context["token"])

    draft.refresh_from_db()
    archived.refresh_from_db()
    assert draft.status == "published" and draft.published_at is not None
    assert archived.status == "archived"
