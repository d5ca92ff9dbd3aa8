"""Agency boundaries (docs/architecture.md §4): an editor of agency A against agency B's objects, by
slug, by id and by forged form fields; and mass assignment of the fields nobody may set. Each attack
is refused with 404 (what A may not see) or 403 (what A sees but may not change), on the pages and
in the API alike, and the database is left exactly as it was."""

import pytest

from catalog.models import Business, Nomination, Product
from tests.factories import NominationFactory
from tests.helpers import member
from tests.security.helpers import api_as, jpeg, page_as, product_form, snapshot, stored_files

WS = "/ruang-kerja"
API = "/api/v1"

# (attacker, method, address(w), body, expected status)
PAGE_ATTACKS = {
    "draft page": ("editor_a", "get", lambda w: f"{WS}/produk/{w.draft_b.slug}/", None, 404),
    "draft public page": ("editor_a", "get", lambda w: f"/produk/{w.draft_b.slug}/", None, 404),
    "draft history": (
        "editor_a", "get", lambda w: f"{WS}/produk/{w.draft_b.slug}/riwayat/", None, 404
    ),
    "edit draft": (
        "editor_a", "post", lambda w: f"{WS}/produk/{w.draft_b.slug}/ubah/",
        {"name": "Diambil alih"}, 404,
    ),
    "publish draft": (
        "editor_a", "post", lambda w: f"{WS}/produk/{w.draft_b.slug}/terbitkan/", {}, 404
    ),
    "archive draft": (
        "editor_a", "post", lambda w: f"{WS}/produk/{w.draft_b.slug}/arsipkan/", {}, 404
    ),
    "hand over draft": (
        "editor_a", "post", lambda w: f"{WS}/produk/{w.draft_b.slug}/serahkan/",
        {"agency": "A"}, 404,
    ),
    "link on draft": (
        "editor_a", "post", lambda w: f"{WS}/produk/{w.draft_b.slug}/tautan/",
        {"kind": "shop", "url": "https://evil.example"}, 404,
    ),
    "invite to draft": (
        "editor_a", "post", lambda w: f"{WS}/produk/{w.draft_b.slug}/kolaborasi/",
        {"agency": "A"}, 404,
    ),
    "edit published": (
        "editor_a", "post", lambda w: f"{WS}/produk/{w.published_b.slug}/ubah/",
        {"name": "Diambil alih"}, 403,
    ),
    "unpublish published": (
        "editor_a", "post", lambda w: f"{WS}/produk/{w.published_b.slug}/tarik/", {}, 403
    ),
    "archive published": (
        "editor_a", "post", lambda w: f"{WS}/produk/{w.published_b.slug}/arsipkan/", {}, 403
    ),
    "certificate on published": (
        "editor_a", "post", lambda w: f"{WS}/produk/{w.published_b.slug}/sertifikat/",
        {"kind": "halal", "number": "ID-PALSU"}, 403,
    ),
    "invite to published": (
        "editor_a", "post", lambda w: f"{WS}/produk/{w.published_b.slug}/kolaborasi/",
        {"agency": "A"}, 403,
    ),
    "edit business": (
        "editor_a", "post", lambda w: f"{WS}/umkm/{w.business_b.slug}/",
        {"name": "Diambil alih", "owner_name": "X", "scale": "mikro", "region": "R"}, 403,
    ),
    "deactivate business": (
        "editor_a", "post", lambda w: f"{WS}/umkm/{w.business_b.slug}/nonaktifkan/", {}, 403
    ),
    "accept collaboration": (
        "manager_a", "post", lambda w: f"{WS}/kolaborasi/{w.collaboration_b.pk}/terima/", {}, 404
    ),
    "end collaboration": (
        "manager_a", "post", lambda w: f"{WS}/kolaborasi/{w.collaboration_b.pk}/akhiri/", {}, 404
    ),
    "members of B": ("manager_a", "get", lambda w: f"{WS}/dinas/{w.b.slug}/anggota/", None, 403),
    "remove B's member at B": (
        "manager_a", "post", lambda w: f"{WS}/dinas/{w.b.slug}/anggota/{w.membership_b.pk}/hapus/",
        {}, 403,
    ),
    "remove B's member at A": (
        "manager_a", "post", lambda w: f"{WS}/dinas/{w.a.slug}/anggota/{w.membership_b.pk}/hapus/",
        {}, 404,
    ),
    "promote B's member at A": (
        "manager_a", "post", lambda w: f"{WS}/dinas/{w.a.slug}/anggota/{w.membership_b.pk}/peran/",
        {"role": "manager"}, 404,
    ),
    "add self to B": (
        "manager_a", "post", lambda w: f"{WS}/dinas/{w.b.slug}/anggota/tambah/",
        {"username": "pertanian.manager", "role": "manager"}, 403,
    ),
    "nomination page": (
        "editor_a", "get", lambda w: f"{WS}/usulan/{w.nomination_b.pk}/", None, 404
    ),
    "edit nomination": (
        "editor_a", "post", lambda w: f"{WS}/usulan/{w.nomination_b.pk}/ubah/",
        {"justification": "Diambil alih"}, 404,
    ),
    "submit nomination": (
        "editor_a", "post", lambda w: f"{WS}/usulan/{w.nomination_b.pk}/langkah/submit/", {}, 404
    ),
    "export B's products": (
        "editor_a", "get", lambda w: f"{WS}/ekspor/produk/?dinas={w.b.slug}", None, 404
    ),
    "export B's businesses": (
        "editor_a", "get", lambda w: f"{WS}/ekspor/umkm/?dinas={w.b.slug}&format=xlsx", None, 404
    ),
}  # fmt: skip

API_ATTACKS = {
    "read draft": ("editor_a", "get", lambda w: f"{API}/products/{w.draft_b.slug}/", None, 404),
    "change draft": (
        "editor_a", "patch", lambda w: f"{API}/products/{w.draft_b.slug}/",
        {"name": "Diambil alih"}, 404,
    ),
    "publish draft": (
        "editor_a", "patch", lambda w: f"{API}/products/{w.draft_b.slug}/",
        {"status": "published"}, 404,
    ),
    "archive draft": (
        "editor_a", "delete", lambda w: f"{API}/products/{w.draft_b.slug}/", None, 404
    ),
    "draft trail": (
        "editor_a", "get", lambda w: f"{API}/products/{w.draft_b.slug}/collaborations/", None, 404
    ),
    "invite to draft": (
        "editor_a", "post", lambda w: f"{API}/products/{w.draft_b.slug}/collaborations/",
        {"agency": "dinas-pertanian"}, 404,
    ),
    "nominate draft": (
        "editor_a", "post", lambda w: f"{API}/nominations/",
        {"product": "kopi-draf-rahasia", "justification": "x", "agency": "dinas-pariwisata"}, 404,
    ),
    "change published": (
        "editor_a", "patch", lambda w: f"{API}/products/{w.published_b.slug}/",
        {"name": "Diambil alih"}, 403,
    ),
    "unpublish published": (
        "editor_a", "patch", lambda w: f"{API}/products/{w.published_b.slug}/",
        {"status": "draft"}, 403,
    ),
    "archive published": (
        "editor_a", "delete", lambda w: f"{API}/products/{w.published_b.slug}/", None, 403
    ),
    "invite to published": (
        "editor_a", "post", lambda w: f"{API}/products/{w.published_b.slug}/collaborations/",
        {"agency": "dinas-pertanian"}, 403,
    ),
    "nominate published": (
        "editor_a", "post", lambda w: f"{API}/nominations/",
        {"product": "kopi-sanger", "justification": "x", "agency": "dinas-pariwisata"}, 403,
    ),
    "change business": (
        "editor_a", "patch", lambda w: f"{API}/businesses/{w.business_b.slug}/",
        {"name": "Diambil alih"}, 403,
    ),
    "deactivate business": (
        "editor_a", "delete", lambda w: f"{API}/businesses/{w.business_b.slug}/", None, 403
    ),
    "accept collaboration": (
        "manager_a", "post", lambda w: f"{API}/collaborations/{w.collaboration_b.pk}/accept/",
        None, 404,
    ),
    "decline collaboration": (
        "manager_a", "post", lambda w: f"{API}/collaborations/{w.collaboration_b.pk}/decline/",
        None, 404,
    ),
    "end collaboration": (
        "manager_a", "post", lambda w: f"{API}/collaborations/{w.collaboration_b.pk}/end/",
        None, 404,
    ),
    "members of B": (
        "manager_a", "get", lambda w: f"{API}/agencies/{w.b.slug}/members/", None, 403
    ),
    "join B": (
        "manager_a", "post", lambda w: f"{API}/agencies/{w.b.slug}/members/",
        {"username": "pertanian.manager", "role": "manager"}, 403,
    ),
    "change B's member at B": (
        "manager_a", "patch", lambda w: f"{API}/agencies/{w.b.slug}/members/{w.membership_b.pk}/",
        {"role": "manager"}, 403,
    ),
    "change B's member at A": (
        "manager_a", "patch", lambda w: f"{API}/agencies/{w.a.slug}/members/{w.membership_b.pk}/",
        {"role": "manager"}, 404,
    ),
    "remove B's member at A": (
        "manager_a", "delete",
        lambda w: f"{API}/agencies/{w.a.slug}/members/{w.membership_b.pk}/", None, 404,
    ),
    "read nomination": (
        "editor_a", "get", lambda w: f"{API}/nominations/{w.nomination_b.pk}/", None, 404
    ),
    "nomination events": (
        "editor_a", "get", lambda w: f"{API}/nominations/{w.nomination_b.pk}/events/", None, 404
    ),
    "change nomination": (
        "editor_a", "patch", lambda w: f"{API}/nominations/{w.nomination_b.pk}/",
        {"justification": "Diambil alih"}, 404,
    ),
    "submit nomination": (
        "editor_a", "post", lambda w: f"{API}/nominations/{w.nomination_b.pk}/submit/", None, 404
    ),
    "withdraw nomination": (
        "editor_a", "post", lambda w: f"{API}/nominations/{w.nomination_b.pk}/withdraw/",
        None, 404,
    ),
}  # fmt: skip


def forge(w, body):
    """Placeholders in page bodies: `A` is agency A's id, `R` the region's."""
    ids = {"A": w.a.pk, "R": w.region.pk}
    return {key: ids.get(value, value) for key, value in (body or {}).items()}


@pytest.mark.parametrize("attack", PAGE_ATTACKS)
def test_pages_refuse_another_agencys_objects(w, attack):
    person, method, address, body, expected = PAGE_ATTACKS[attack]
    client = page_as(getattr(w, person))
    before = snapshot()

    if method == "get":
        response = client.get(address(w))
    else:
        response = client.post(address(w), forge(w, body))

    assert response.status_code == expected
    assert w.draft_b.name not in response.content.decode()
    assert snapshot() == before


@pytest.mark.parametrize("attack", API_ATTACKS)
def test_the_api_refuses_another_agencys_objects(w, attack):
    person, method, address, body, expected = API_ATTACKS[attack]
    client = api_as(getattr(w, person))
    before = snapshot()

    response = getattr(client, method)(address(w), body, format="json")

    assert response.status_code == expected
    assert response["Content-Type"] == "application/json"
    assert w.draft_b.name not in response.content.decode()
    assert snapshot() == before


def test_another_agencys_draft_is_in_no_list_and_no_search(w):
    client = api_as(w.editor_a)
    page = page_as(w.editor_a)

    answers = [
        client.get(f"{API}/products/", {"status": "draft"}),
        client.get(f"{API}/products/", {"search": "Rahasia"}),
        client.get(f"{API}/products/", {"agency": w.b.slug, "status": "draft"}),
        client.get(f"{API}/nominations/"),
        page.get(f"{WS}/produk/", {"q": "Rahasia"}),
        page.get(f"{WS}/kolaborasi/"),
        page.get(f"{WS}/usulan/"),
        page.get(f"{WS}/ekspor/produk/"),
        page.get("/produk/", {"q": "Rahasia"}),
    ]

    for response in answers:
        assert response.status_code == 200
        content = b"".join(response) if response.streaming else response.content
        assert w.draft_b.slug.encode() not in content
        assert b"Kopi Draf Rahasia" not in content


def test_an_image_upload_to_another_agencys_draft_stores_nothing(w, settings):
    before, files = snapshot(), stored_files(settings)
    picture = {"image": jpeg("foto.jpg"), "alt_text": "foto"}

    api = api_as(w.editor_a).post(
        f"{API}/products/{w.draft_b.slug}/images/", picture, format="multipart"
    )
    picture["image"].seek(0)
    page = page_as(w.editor_a).post(f"{WS}/produk/{w.published_b.slug}/gambar/", picture)

    assert (api.status_code, page.status_code) == (404, 403)
    assert snapshot() == before and stored_files(settings) == files


# Forged form fields -----------------------------------------------------------------------------


def test_a_product_created_on_the_page_for_another_agency_is_a_form_error(w):
    before = snapshot()

    response = page_as(w.editor_a).post(f"{WS}/produk/baru/", product_form(w, owner_agency=w.b.pk))

    assert response.status_code == 200
    assert "owner_agency" in response.context["form"].errors
    assert snapshot() == before


def test_protected_fields_forged_into_the_page_forms_are_ignored(w):
    client = page_as(w.editor_a)
    forged = {
        "status": "archived",
        "owner_agency": w.b.pk,
        "created_by": w.editor_b.pk,
        "updated_by": w.editor_b.pk,
        "is_flagship": "on",
        "slug": "diambil-alih",
        "published_at": "2000-01-01 00:00",
        "registering_agency": w.b.pk,
        "is_active": "",
    }
    product = client.post(
        f"{WS}/produk/{w.product_a.slug}/ubah/",
        {**product_form(w, name="Lada Putih Muntok Asli"), **forged},
    )
    business = client.post(
        f"{WS}/umkm/{w.business_a.slug}/",
        {"name": "Lada Mentok Jaya Abadi", "owner_name": "Siti Aminah", "scale": "mikro",
         "region": w.region.pk, **forged},
    )  # fmt: skip

    assert product.status_code == business.status_code == 302
    saved = Product.objects.get(pk=w.product_a.pk)
    assert saved.name == "Lada Putih Muntok Asli"  # the content changed, nothing else
    assert (saved.status, saved.owner_agency, saved.slug) == ("published", w.a, "lada-putih-muntok")
    assert saved.created_by is None and saved.updated_by == w.editor_a
    assert not saved.is_flagship
    registered = Business.objects.get(pk=w.business_a.pk)
    assert registered.name == "Lada Mentok Jaya Abadi"
    assert (registered.registering_agency, registered.is_active) == (w.a, True)
    assert registered.created_by is None


def test_handing_over_to_an_agency_one_does_not_belong_to_is_a_form_error(w):
    before = snapshot()

    response = page_as(w.editor_a).post(
        f"{WS}/produk/{w.product_a.slug}/serahkan/", {"agency": w.b.pk}
    )

    assert response.status_code == 200
    assert "agency" in response.context["hand_over_form"].errors
    assert snapshot() == before


# Mass assignment through the API ----------------------------------------------------------------


def new_product(w, **fields):
    return {
        "business": w.business_a.slug,
        "name": "Getas Lada",
        "category": w.category.slug,
        "price_min": 10_000,
        "price_max": 12_000,
        **fields,
    }


@pytest.mark.parametrize(
    ("fields", "expected", "at_fault"),
    [
        ({"owner_agency": "dinas-pariwisata"}, 403, None),
        ({"created_by": 1}, 400, "created_by"),
        ({"updated_by": 1}, 400, "updated_by"),
        ({"is_flagship": True}, 400, "is_flagship"),
        ({"flagship": {"decree_number": "188/1"}}, 400, "flagship"),
        ({"slug": "lada-putih-muntok"}, 400, "slug"),
        ({"published_at": "2000-01-01T00:00:00Z"}, 400, "published_at"),
        ({"collaborating_agencies": ["dinas-pariwisata"]}, 400, "collaborating_agencies"),
        ({"status": "archived"}, 400, "status"),
        ({"id": 1}, 400, "id"),
    ],
)
def test_protected_fields_of_a_new_product_are_refused(w, fields, expected, at_fault):
    before = snapshot()

    response = api_as(w.editor_a).post(f"{API}/products/", new_product(w, **fields), format="json")

    assert response.status_code == expected
    if at_fault:
        assert at_fault in response.json()
    assert snapshot() == before


@pytest.mark.parametrize(
    ("person", "fields", "expected", "at_fault"),
    [
        ("editor_a", {"owner_agency": "dinas-pariwisata"}, 403, None),
        ("editor_a", {"created_by": 1}, 400, "created_by"),
        ("editor_a", {"is_flagship": True}, 400, "is_flagship"),
        ("editor_a", {"business": "kopi-tanjung"}, 400, "business"),
        ("editor_a", {"slug": "kopi-sanger"}, 400, "slug"),
        ("editor_a", {"name": "Lada", "created_at": "2000-01-01T00:00:00Z"}, 400, "created_at"),
        ("collaborator", {"status": "archived"}, 403, None),
        ("collaborator", {"owner_agency": "dinas-kelautan-perikanan"}, 403, None),
    ],
)
def test_protected_fields_of_a_product_are_refused(w, person, fields, expected, at_fault):
    if person == "collaborator":  # Dinas Kelautan accepts B's invitation: it co-curates
        w.collaboration_b.status = "accepted"
        w.collaboration_b.save()
        user, product = member(w.kelautan, username="kelautan.editor"), w.published_b
    else:
        user, product = w.editor_a, w.product_a
    before = snapshot()

    response = api_as(user).patch(f"{API}/products/{product.slug}/", fields, format="json")

    assert response.status_code == expected
    if at_fault:
        assert at_fault in response.json()
    assert snapshot() == before


@pytest.mark.parametrize(
    ("method", "fields", "expected", "at_fault"),
    [
        ("post", {"registering_agency": "dinas-pariwisata"}, 403, None),
        ("post", {"is_active": False}, 400, "is_active"),
        ("post", {"created_by": 1}, 400, "created_by"),
        ("post", {"has_nib": True}, 400, "has_nib"),
        ("patch", {"registering_agency": "dinas-pariwisata"}, 400, "registering_agency"),
        ("patch", {"is_active": False}, 400, "is_active"),
        ("patch", {"slug": "kopi-tanjung"}, 400, "slug"),
        ("patch", {"logo": "../../etc/passwd"}, 400, "logo"),
    ],
)
def test_protected_fields_of_a_business_are_refused(w, method, fields, expected, at_fault):
    before = snapshot()
    client = api_as(w.editor_a)

    if method == "post":
        body = {"name": "Usaha Baru", "owner_name": "Ani", "region": w.region.slug, **fields}
        response = client.post(f"{API}/businesses/", body, format="json")
    else:
        response = client.patch(f"{API}/businesses/{w.business_a.slug}/", fields, format="json")

    assert response.status_code == expected
    if at_fault:
        assert at_fault in response.json()
    assert snapshot() == before


@pytest.fixture
def own_nomination(w):
    return NominationFactory(product=w.product_a, agency=w.a, created_by=w.editor_a)


def refuse_nomination_fields(w, nomination):
    client = api_as(w.editor_a)
    address = f"{API}/nominations/{nomination.pk}/"
    return [
        client.patch(address, {"state": "approved"}, format="json"),
        client.patch(
            address,
            {"justification": "Bagus", "submitted_by": w.reviewer.pk, "agency": "dinas-pariwisata"},
            format="json",
        ),
    ]


def test_a_nominations_state_cannot_be_set_by_the_client(w, own_nomination):
    fields = ["state", "justification", "agency_id", "submitted_by_id", "created_by_id"]
    before = Nomination.objects.values(*fields).get(pk=own_nomination.pk)

    state, others = refuse_nomination_fields(w, own_nomination)

    assert state.status_code == others.status_code == 400
    assert "state" in state.json() and {"submitted_by", "agency"} <= set(others.json())
    assert Nomination.objects.values(*fields).get(pk=own_nomination.pk) == before
    assert not own_nomination.events.exists()


def test_a_refused_nomination_change_writes_nothing_at_all(w, own_nomination):
    before = snapshot()

    refuse_nomination_fields(w, own_nomination)

    assert snapshot() == before


def test_a_new_nominations_state_and_author_are_never_taken_from_the_client(w):
    client = api_as(w.editor_a)

    response = client.post(
        f"{API}/nominations/",
        {
            "product": w.product_a.slug,
            "justification": "Lada putih terbaik.",
            "state": "approved",
            "created_by": w.editor_b.pk,
            "submitted_by": w.editor_b.pk,
        },
        format="json",
    )

    assert response.status_code in (201, 400)
    if response.status_code == 201:  # ignored, never applied
        nomination = Nomination.objects.get(product=w.product_a)
        assert nomination.state == Nomination.State.DRAFT
        assert (nomination.created_by, nomination.submitted_by) == (w.editor_a, None)
    else:
        assert not Nomination.objects.filter(product=w.product_a).exists()


@pytest.mark.parametrize(
    ("body", "at_fault"),
    [
        ({"username": "pariwisata.editor", "role": "superuser"}, "role"),
        (
            {"username": "pariwisata.editor", "role": "manager", "is_superuser": True},
            "is_superuser",
        ),
        (
            {"username": "pariwisata.editor", "role": "editor", "agency": "dinas-pariwisata"},
            "agency",
        ),
    ],
)
def test_a_manager_cannot_grant_more_than_a_role(w, body, at_fault):
    before = snapshot()

    response = api_as(w.manager_a).post(f"{API}/agencies/{w.a.slug}/members/", body, format="json")

    assert response.status_code == 400
    assert at_fault in response.json()
    assert snapshot() == before
