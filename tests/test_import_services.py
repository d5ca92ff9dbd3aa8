"""The spreadsheet import writes through catalog.services: a rule changed there (or in
catalog.rules) changes what the import accepts, with the preview still saving nothing and the
confirmation still all-or-nothing."""

import csv
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import resolve, reverse

from catalog import rules
from catalog.models import Business, Product
from catalog.services import businesses as business_services
from catalog.services import products as product_services
from jobs.models import Job
from umkm_portal.services import NotAllowedNow

PRODUCTS = "workspace-import-products"
BUSINESSES = "workspace-import-businesses"
S = Product.Status


def upload(rows: list[dict], name="produk.csv") -> SimpleUploadedFile:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return SimpleUploadedFile(name, buffer.getvalue().encode("utf-8"), "text/csv")


def preview(client, rows, agency, url=PRODUCTS, name="produk.csv"):
    data = {"step": "preview", "agency": agency.pk, "file": upload(rows, name)}
    return client.post(reverse(url), data)


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


def new_product(world, **values) -> dict:
    row = {
        "slug": "",
        "name": "Kemplang Panggang",
        "business": world.business.slug,
        "category": world.category.slug,
        "price_min": "15000",
        "price_max": "25000",
    }
    return {**row, **values}


def new_business(world, **values) -> dict:
    row = {"slug": "", "name": "Madu Pelawan Koba", "owner_name": "Yati", "region": "bangka-barat"}
    return {**row, **values}


@pytest.fixture
def editor(client, world):
    client.force_login(world.people["owner_editor"])
    return world.people["owner_editor"]


def test_a_rule_that_refuses_edits_refuses_the_import_row(client, world, editor, monkeypatch):
    """The old import decided edits with its own queryset only; now the service's predicate."""
    monkeypatch.setattr(rules, "can_edit_product", lambda user, product: False)
    rows = [
        new_product(world, name="Getas Baru"),
        {**new_product(world), "slug": world.draft.slug, "name": "Getas Draf Baru"},
    ]

    response = preview(client, rows, world.owner)
    confirmed = confirm(client, response.context["token"])

    assert problems(response) == [(3, "slug")]
    assert job_of(confirmed).state == Job.State.FAILED
    assert Product.objects.get(pk=world.draft.pk).name == "Getas Draf"
    assert not Product.objects.filter(name="Getas Baru").exists()


def test_a_status_move_refused_by_the_service_refuses_the_row(client, world, editor, monkeypatch):
    def refuse(*, product, by):
        raise ValidationError({"status": "Publishing is closed today."})

    monkeypatch.setitem(product_services.STATUS_CHANGES, S.PUBLISHED, refuse)
    rows = [{"slug": world.draft.slug, "summary": "Renyah", "status": "published"}]

    response = preview(client, rows, world.owner)
    confirm(client, response.context["token"])

    assert response.context["summary"]["problems"] == [
        {"row": 2, "column": "status", "message": "Publishing is closed today."}
    ]
    draft = Product.objects.get(pk=world.draft.pk)
    assert (draft.status, draft.summary, draft.published_at) == (S.DRAFT, "", None)


def test_a_nib_check_of_the_service_refuses_the_row_and_saves_nothing(
    client, world, editor, monkeypatch
):
    def taken(nib, exclude_pk=None):
        if nib == "9120005554443":
            raise ValidationError({"nib": "Blocked by the register."})

    monkeypatch.setattr(business_services, "_check_nib", taken)
    rows = [new_business(world, nib=""), new_business(world, name="Kedua", nib="9120005554443")]
    before = Business.objects.count()

    response = preview(client, rows, world.owner, url=BUSINESSES, name="umkm.csv")
    confirmed = confirm(client, response.context["token"], url=BUSINESSES)

    assert problems(response) == [(3, "nib")]
    failed = job_of(confirmed)
    assert failed.state == Job.State.FAILED
    assert [(p["row"], p["column"]) for p in failed.outcome["problems"]] == [(3, "nib")]
    assert Business.objects.count() == before


def test_a_refusal_of_rights_is_a_row_error_not_a_server_error(client, world, editor, monkeypatch):
    def refuse(**fields):
        raise PermissionDenied

    monkeypatch.setattr("catalog.services.create_product", refuse)

    response = preview(client, [new_product(world)], world.owner)

    assert response.status_code == 200
    assert problems(response) == [(2, "owner_agency")]


def test_the_service_sets_who_and_when_on_an_imported_product(client, world, editor):
    rows = [new_product(world, name="Kemplang Terbit", status="published")]

    confirm(client, preview(client, rows, world.owner).context["token"])

    product = Product.objects.get(name="Kemplang Terbit")
    assert (product.created_by, product.updated_by) == (editor, editor)
    assert product.published_at is not None
    assert product.history.first().history_user == editor


def test_unreadable_cells_and_the_services_errors_are_listed_together(client, world, editor):
    rows = [new_product(world, category="tidak-ada", status="archived")]

    response = preview(client, rows, world.owner)

    assert problems(response) == [(2, "category"), (2, "status")]
    assert not Product.objects.filter(category__isnull=True).exists()


def test_a_row_that_fails_leaves_nothing_for_the_rows_after_it(client, world, editor, monkeypatch):
    """Each row is written in a savepoint of its own: the first row's NIB change is undone when
    its deactivation fails, so the second row may take that NIB."""

    def refuse(*, business, by):
        raise NotAllowedNow("Deactivation is closed today.")

    monkeypatch.setattr("catalog.services.deactivate_business", refuse)
    shared = {"owner_name": world.business.owner_name, "region": "bangka-barat"}
    rows = [
        {"slug": world.business.slug, "name": "Lada Mentok Jaya", **shared,
         "nib": "9120007778889", "is_active": "0"},
        {"slug": "", "name": "Usaha Baru", **shared, "nib": "9120007778889", "is_active": ""},
    ]  # fmt: skip

    response = preview(client, rows, world.owner, url=BUSINESSES, name="umkm.csv")

    assert response.context["summary"]["problems"] == [
        {"row": 2, "column": "is_active", "message": "Deactivation is closed today."}
    ]
    assert Business.objects.get(pk=world.business.pk).nib == "9120001234567"


def test_an_import_reactivates_a_business_through_the_service(client, world, editor):
    world.business.is_active = False
    world.business.save()
    rows = [{"slug": world.business.slug, "is_active": "1"}]

    response = preview(client, rows, world.owner, url=BUSINESSES, name="umkm.csv")
    confirm(client, response.context["token"], url=BUSINESSES)

    business = Business.objects.get(pk=world.business.pk)
    assert business.is_active
    assert business.history.first().history_user == editor


def test_a_new_row_keeps_its_slug_so_the_same_file_updates_next_time(client, world, editor):
    rows = [new_product(world, slug="kemplang-a", name="Kemplang Aroma")]

    confirm(client, preview(client, rows, world.owner).context["token"])
    rows[0]["price_max"] = "30000"
    again = preview(client, rows, world.owner)
    confirm(client, again.context["token"])

    product = Product.objects.get(slug="kemplang-a")
    assert again.context["summary"]["updated"] == 1
    assert product.price_max == 30_000
    assert Product.objects.filter(name="Kemplang Aroma").count() == 1


def test_a_slug_that_is_a_word_of_the_addresses_is_refused(client, world, editor):
    response = preview(client, [new_product(world, slug="baru")], world.owner)

    assert problems(response) == [(2, "slug")]


def test_a_co_curator_updates_content_and_the_product_keeps_its_agency(client, world):
    client.force_login(world.people["collab_editor"])
    rows = [{"slug": world.draft.slug, "summary": "Dari mitra"}]

    confirm(client, preview(client, rows, world.collaborator).context["token"])

    draft = Product.objects.get(pk=world.draft.pk)
    assert (draft.summary, draft.owner_agency) == ("Dari mitra", world.owner)
    assert draft.updated_by == world.people["collab_editor"]
