"""Writing products through the API (docs/architecture.md §4, §5): create, change, publish,
unpublish, archive and hand over, for every person of the rights matrix, in the order 401 → 404 →
403 → 409 → 400, with the database checked after every request, refused ones included."""

import json

import pytest
from drf_spectacular.validation import validate_schema

from agencies.models import Role
from catalog.models import Collaboration, Product
from tests.api.helpers import url
from tests.factories import MembershipFactory

S = Product.Status


def new_product(**fields):
    return {
        "business": "lada-mentok-jaya",
        "name": "Madu Pelawan",
        "category": "pertanian-perkebunan",
        "price_min": 100_000,
        "price_max": 150_000,
        "unit": "per botol 250 ml",
        "owner_agency": "dinas-pertanian",
        **fields,
    }


def reread(product):
    product.refresh_from_db()
    return product


# Create -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("person", "expected"),
    [
        ("anonymous", 401),
        ("owner_editor", 201),
        ("owner_manager", 201),
        ("collab_editor", 403),
        ("foreign_editor", 403),
        ("reviewer", 403),
        ("invited_manager", 403),
        ("administrator", 201),
    ],
)
def test_create_a_product_for_an_agency_only_as_its_editor_or_an_administrator(
    world, client_of, person, expected
):
    before = Product.objects.count()

    response = client_of(person).post(url("product-list"), new_product(), format="json")

    assert response.status_code == expected, response.content
    if expected == 201:
        product = Product.objects.get(slug=response.json()["slug"])
        assert product.owner_agency == world.owner
        assert product.created_by == world.people[person]
        assert product.status == S.DRAFT
        assert product.history.latest().history_user == world.people[person]
    else:
        assert Product.objects.count() == before


def test_anonymous_create_asks_for_a_token(world, client_of):
    response = client_of("anonymous").post(url("product-list"), new_product(), format="json")

    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Token")


def test_an_editor_creates_for_their_own_agency_for_any_business(world, client_of):
    response = client_of("collab_editor").post(
        url("product-list"), new_product(owner_agency="dinas-koperasi-ukm"), format="json"
    )

    assert response.status_code == 201
    product = Product.objects.get(slug=response.json()["slug"])
    assert (product.owner_agency, product.business) == (world.collaborator, world.business)


def test_the_answer_is_the_product_as_the_read_api_shows_it(world, client_of):
    client = client_of("owner_editor")

    created = client.post(url("product-list"), new_product(), format="json")
    shown = client.get(url("product-detail", created.json()["slug"]))

    assert created.json() == shown.json()
    assert created.json()["owner_agency"] == "dinas-pertanian"
    assert created.json()["business"]["slug"] == "lada-mentok-jaya"


def test_owner_agency_may_be_left_out_by_whoever_edits_for_one_agency(world, client_of):
    data = new_product()
    del data["owner_agency"]

    response = client_of("owner_editor").post(url("product-list"), data, format="json")

    assert response.status_code == 201
    assert Product.objects.get(slug=response.json()["slug"]).owner_agency == world.owner


@pytest.mark.parametrize("person", ["owner_editor", "administrator"])
def test_owner_agency_is_required_of_whoever_edits_for_several_or_none(world, client_of, person):
    MembershipFactory(user=world.people["owner_editor"], agency=world.other)
    data = new_product()
    del data["owner_agency"]
    before = Product.objects.count()

    response = client_of(person).post(url("product-list"), data, format="json")

    assert response.status_code == 400
    assert list(response.json()) == ["owner_agency"]
    assert Product.objects.count() == before


def test_someone_who_edits_for_no_agency_is_refused_whatever_the_payload(world, client_of):
    response = client_of("reviewer").post(
        url("product-list"), {"owner_agency": "tidak-ada", "price_min": "x"}, format="json"
    )

    assert response.status_code == 403
    assert Product.objects.filter(name="Madu Pelawan").count() == 0


def test_a_new_product_may_be_published_at_once(world, client_of):
    response = client_of("owner_editor").post(
        url("product-list"), new_product(status="published"), format="json"
    )

    assert response.status_code == 201
    product = Product.objects.get(slug=response.json()["slug"])
    assert product.status == S.PUBLISHED and product.published_at is not None
    assert client_of("anonymous").get(url("product-detail", product.slug)).status_code == 200


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("created_by", 1),
        ("updated_by", 1),
        ("is_flagship", True),
        ("flagship", {"year": 2026}),
        ("slug", "slug-pilihan-saya"),
        ("collaborating_agencies", ["dinas-koperasi-ukm"]),
        ("published_at", "2020-01-01T00:00:00Z"),
        ("images", []),
        ("status", "archived"),
    ],
)
def test_create_refuses_fields_nobody_may_set(world, client_of, field, value):
    before = Product.objects.count()

    response = client_of("owner_editor").post(
        url("product-list"), new_product(**{field: value}), format="json"
    )

    assert response.status_code == 400
    assert list(response.json()) == [field]
    assert Product.objects.count() == before


@pytest.mark.parametrize(
    ("fields", "at_fault"),
    [
        ({"business": "tidak-ada"}, "business"),
        ({"business": "kopi-tanjung", "category": "tidak-ada"}, "category"),
        ({"owner_agency": "tidak-ada"}, "owner_agency"),
        ({"name": ""}, "name"),
        ({"name": "x" * 201}, "name"),
        ({"name": "Lada\x00"}, "name"),
        ({"price_min": -1}, "price_min"),
        ({"price_min": "seratus"}, "price_min"),
        ({"price_max": 10**30}, "price_max"),
        ({"price_min": 200_000, "price_max": 100_000}, "price_max"),
    ],
)
def test_create_with_an_invalid_payload_is_a_400_naming_the_field(
    world, client_of, fields, at_fault
):
    before = Product.objects.count()

    response = client_of("owner_editor").post(
        url("product-list"), new_product(**fields), format="json"
    )

    assert response.status_code == 400
    assert at_fault in response.json()
    assert Product.objects.count() == before


def test_a_closed_business_of_another_agency_is_unknown(world, client_of):
    world.foreign_business.is_active = False
    world.foreign_business.save()

    response = client_of("owner_editor").post(
        url("product-list"), new_product(business="kopi-tanjung"), format="json"
    )

    assert response.status_code == 400
    assert list(response.json()) == ["business"]
    assert not world.foreign_business.products.exclude(pk=world.foreign_draft.pk).exists()


def test_an_own_closed_business_gets_no_new_product(world, client_of):
    world.business.is_active = False
    world.business.save()

    response = client_of("owner_editor").post(url("product-list"), new_product(), format="json")

    assert response.status_code == 400
    assert list(response.json()) == ["business"]
    assert not Product.objects.filter(name="Madu Pelawan").exists()


@pytest.mark.parametrize(
    "name",
    [
        "Kopi ☕ Bangka — “Ünïcödé” 🌶️ 咖啡",
        "<script>alert('x')</script>",
        "Madu 🍯🐝",
        "🌶️🌶️",
    ],
)
def test_unicode_and_markup_in_names_round_trip_exactly(world, client_of, name):
    client = client_of("owner_editor")

    response = client.post(
        url("product-list"), new_product(name=name, summary=f"{name}!"), format="json"
    )

    assert response.status_code == 201
    slug = response.json()["slug"]
    assert response.json()["name"] == name
    assert client.get(url("product-detail", slug)).json()["name"] == name
    product = Product.objects.get(slug=slug)
    assert (product.name, product.summary) == (name, f"{name}!")


# Change content ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("person", "expected"),
    [
        ("anonymous", 401),
        ("owner_editor", 200),
        ("owner_manager", 200),
        ("collab_editor", 200),
        ("foreign_editor", 403),
        ("reviewer", 403),
        ("invited_manager", 403),
        ("administrator", 200),
    ],
)
def test_content_of_a_published_product_is_edited_by_curators_and_administrators(
    world, client_of, person, expected
):
    response = client_of(person).patch(
        url("product-detail", "lada-putih-muntok"),
        {"summary": "Lada putih terbaik.", "price_min": 50_000},
        format="json",
    )

    assert response.status_code == expected, response.content
    pepper = reread(world.published)
    if expected == 200:
        assert (pepper.summary, pepper.price_min) == ("Lada putih terbaik.", 50_000)
        assert pepper.updated_by == world.people[person]
        assert response.json()["summary"] == "Lada putih terbaik."
    else:
        assert (pepper.summary, pepper.price_min) == ("", 45_000)


@pytest.mark.parametrize(
    ("person", "expected"),
    [
        ("anonymous", 401),
        ("owner_editor", 200),
        ("collab_editor", 200),
        ("foreign_editor", 404),
        ("reviewer", 404),
        ("invited_manager", 404),
        ("administrator", 200),
    ],
)
def test_a_draft_is_edited_by_its_curators_and_unknown_to_everyone_else(
    world, client_of, person, expected
):
    response = client_of(person).patch(
        url("product-detail", "getas-draf"), {"name": "Getas Ikan"}, format="json"
    )

    assert response.status_code == expected
    assert reread(world.draft).name == ("Getas Ikan" if expected == 200 else "Getas Draf")


@pytest.mark.parametrize(
    ("person", "expected"),
    [
        ("owner_editor", 200),
        ("collab_editor", 404),
        ("reviewer", 404),
        ("administrator", 200),
    ],
)
def test_an_archived_product_is_edited_by_its_curating_agency_only(
    world, client_of, person, expected
):
    Product.objects.filter(pk=world.published.pk).update(status=S.ARCHIVED)
    world.published.collaborations.update(status=Collaboration.Status.ENDED)

    response = client_of(person).patch(
        url("product-detail", "lada-putih-muntok"), {"summary": "Arsip."}, format="json"
    )

    assert response.status_code == expected
    assert reread(world.published).summary == ("Arsip." if expected == 200 else "")


@pytest.mark.parametrize("method", ["patch", "delete"])
def test_another_agencys_draft_answers_404_even_with_an_invalid_payload(world, client_of, method):
    response = getattr(client_of("owner_editor"), method)(
        url("product-detail", "kopi-draf-pariwisata"), {"price_min": "x"}, format="json"
    )

    assert response.status_code == 404
    draft = reread(world.foreign_draft)
    assert (draft.status, draft.price_min) == (S.DRAFT, 45_000)


def test_the_answer_to_a_change_is_what_the_read_api_shows(world, client_of):
    client = client_of("owner_editor")

    changed = client.patch(
        url("product-detail", "lada-putih-muntok"), {"unit": "per 500 g"}, format="json"
    )

    assert changed.status_code == 200
    assert changed.json() == client.get(url("product-detail", "lada-putih-muntok")).json()
    assert changed.json()["collaborating_agencies"] == ["dinas-koperasi-ukm"]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("created_by", 1),
        ("updated_by", 1),
        ("is_flagship", True),
        ("flagship", {"year": 2026, "decree_number": "188.44/1/2026"}),
        ("slug", "lada-lain"),
        ("collaborating_agencies", ["disperindag"]),
        ("business", "kopi-tanjung"),
        ("published_at", None),
        ("certificates", []),
        ("url", "https://example.org/"),
    ],
)
def test_a_change_never_applies_fields_nobody_may_set(world, client_of, field, value):
    response = client_of("owner_editor").patch(
        url("product-detail", "lada-putih-muntok"),
        {"name": "Lada Baru", field: value},
        format="json",
    )

    assert response.status_code == 400
    assert list(response.json()) == [field]
    pepper = reread(world.published)
    assert (pepper.name, pepper.slug, pepper.business) == (
        "Lada Putih Muntok",
        "lada-putih-muntok",
        world.business,
    )
    assert pepper.created_by is None and not pepper.is_flagship


@pytest.mark.parametrize("person", ["foreign_editor", "reviewer", "invited_manager"])
def test_no_right_is_a_403_before_any_payload_check(world, client_of, person):
    response = client_of(person).patch(
        url("product-detail", "lada-putih-muntok"),
        {"price_min": "abc", "is_flagship": True, "name": ""},
        format="json",
    )

    assert response.status_code == 403
    assert reread(world.published).price_min == 45_000


@pytest.mark.parametrize(
    ("body", "at_fault"),
    [
        ({"price_min": 70_000}, "price_max"),  # above price_max
        ({"name": "x" * 201}, "name"),
        ({"category": "tidak-ada"}, "category"),
        ({"status": "deleted"}, "status"),
        ({"owner_agency": "tidak-ada"}, "owner_agency"),
        ({"owner_agency": "dinas-pertanian"}, "owner_agency"),  # its owner already
    ],
)
def test_an_invalid_change_is_a_400_and_changes_nothing(world, client_of, body, at_fault):
    response = client_of("owner_editor").patch(
        url("product-detail", "lada-putih-muntok"), body, format="json"
    )

    assert response.status_code == 400
    assert at_fault in response.json()
    pepper = reread(world.published)
    assert (pepper.price_min, pepper.name, pepper.status) == (
        45_000,
        "Lada Putih Muntok",
        S.PUBLISHED,
    )
    assert pepper.owner_agency == world.owner


@pytest.mark.parametrize("body", ["[1, 2]", '"lada"', "{not json", "null"])
def test_a_body_that_is_no_object_is_a_400(world, client_of, body):
    response = client_of("owner_editor").patch(
        url("product-detail", "lada-putih-muntok"), body, content_type="application/json"
    )

    assert response.status_code == 400
    assert reread(world.published).name == "Lada Putih Muntok"


def test_put_is_not_offered(world, client_of):
    response = client_of("owner_editor").put(
        url("product-detail", "lada-putih-muntok"), new_product(), format="json"
    )

    assert response.status_code == 405
    assert reread(world.published).name == "Lada Putih Muntok"


# Status: publish, unpublish, archive ------------------------------------------------------------


@pytest.mark.parametrize(
    ("person", "expected"),
    [
        ("anonymous", 401),
        ("owner_editor", 200),
        ("owner_manager", 200),
        ("collab_editor", 403),
        ("foreign_editor", 403),
        ("reviewer", 403),
        ("invited_manager", 403),
        ("administrator", 200),
    ],
)
def test_only_the_curating_agency_and_administrators_unpublish(world, client_of, person, expected):
    response = client_of(person).patch(
        url("product-detail", "lada-putih-muntok"), {"status": "draft"}, format="json"
    )

    assert response.status_code == expected
    assert reread(world.published).status == (S.DRAFT if expected == 200 else S.PUBLISHED)


@pytest.mark.parametrize(
    ("person", "expected"),
    [
        ("owner_editor", 200),
        ("collab_editor", 403),
        ("foreign_editor", 404),
        ("reviewer", 404),
        ("administrator", 200),
    ],
)
def test_only_the_curating_agency_and_administrators_publish_a_draft(
    world, client_of, person, expected
):
    response = client_of(person).patch(
        url("product-detail", "getas-draf"), {"status": "published"}, format="json"
    )

    assert response.status_code == expected
    draft = reread(world.draft)
    assert draft.status == (S.PUBLISHED if expected == 200 else S.DRAFT)
    if expected == 200:
        assert draft.published_at is not None
        assert response.json()["status"] == "published"


def test_a_co_curator_may_not_change_the_status_even_with_content(world, client_of):
    response = client_of("collab_editor").patch(
        url("product-detail", "lada-putih-muntok"),
        {"status": "archived", "summary": "Diarsipkan."},
        format="json",
    )

    assert response.status_code == 403
    pepper = reread(world.published)
    assert (pepper.status, pepper.summary) == (S.PUBLISHED, "")


@pytest.mark.parametrize(
    ("start", "wanted"),
    [
        (S.PUBLISHED, "published"),
        (S.DRAFT, "draft"),
        (S.ARCHIVED, "archived"),
        (S.ARCHIVED, "draft"),
    ],
)
def test_a_status_change_not_allowed_now_is_a_409(world, client_of, start, wanted):
    Product.objects.filter(pk=world.published.pk).update(status=start)

    response = client_of("owner_editor").patch(
        url("product-detail", "lada-putih-muntok"), {"status": wanted}, format="json"
    )

    assert response.status_code == 409
    assert "detail" in response.json()
    assert reread(world.published).status == start


def test_a_state_conflict_comes_before_an_invalid_payload(world, client_of):
    response = client_of("owner_editor").patch(
        url("product-detail", "lada-putih-muntok"),
        {"status": "published", "price_min": -5, "is_flagship": True},
        format="json",
    )

    assert response.status_code == 409
    assert reread(world.published).price_min == 45_000


def test_a_refused_payload_undoes_the_status_change_of_the_same_request(world, client_of):
    response = client_of("owner_editor").patch(
        url("product-detail", "lada-putih-muntok"),
        {"status": "archived", "price_min": -5},
        format="json",
    )

    assert response.status_code == 400
    assert list(response.json()) == ["price_min"]
    assert reread(world.published).status == S.PUBLISHED


def test_status_and_content_change_together(world, client_of):
    response = client_of("owner_editor").patch(
        url("product-detail", "getas-draf"),
        {"status": "published", "name": "Getas Ikan Tenggiri"},
        format="json",
    )

    assert response.status_code == 200
    draft = reread(world.draft)
    assert (draft.status, draft.name) == (S.PUBLISHED, "Getas Ikan Tenggiri")


def test_publishing_a_product_of_a_closed_business_is_a_400(world, client_of):
    world.business.is_active = False
    world.business.save()

    response = client_of("owner_editor").patch(
        url("product-detail", "getas-draf"), {"status": "published"}, format="json"
    )

    assert response.status_code == 400
    assert list(response.json()) == ["business"]
    assert reread(world.draft).status == S.DRAFT


# DELETE archives --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("person", "expected"),
    [
        ("anonymous", 401),
        ("owner_editor", 204),
        ("owner_manager", 204),
        ("collab_editor", 403),
        ("foreign_editor", 403),
        ("reviewer", 403),
        ("invited_manager", 403),
        ("administrator", 204),
    ],
)
def test_delete_archives_and_keeps_the_row(world, client_of, person, expected):
    before = Product.objects.count()

    response = client_of(person).delete(url("product-detail", "lada-putih-muntok"))

    assert response.status_code == expected
    assert Product.objects.count() == before
    pepper = reread(world.published)
    assert pepper.status == (S.ARCHIVED if expected == 204 else S.PUBLISHED)
    if expected == 204:
        assert response.content == b""
        assert pepper.collaborations.count() == 2  # the trail stays too
        anonymous = client_of("anonymous")
        assert anonymous.get(url("product-detail", "lada-putih-muntok")).status_code == 404


def test_deleting_an_archived_product_is_a_409(world, client_of):
    Product.objects.filter(pk=world.published.pk).update(status=S.ARCHIVED)

    response = client_of("owner_editor").delete(url("product-detail", "lada-putih-muntok"))

    assert response.status_code == 409
    assert reread(world.published).status == S.ARCHIVED


@pytest.mark.parametrize("person", ["foreign_editor", "reviewer"])
def test_deleting_a_draft_one_may_not_see_is_a_404(world, client_of, person):
    response = client_of(person).delete(url("product-detail", "getas-draf"))

    assert response.status_code == 404
    assert reread(world.draft).status == S.DRAFT


# Hand over --------------------------------------------------------------------------------------


def test_hand_over_to_another_of_ones_agencies_ends_its_collaboration(world, client_of):
    MembershipFactory(user=world.people["owner_editor"], agency=world.other)

    response = client_of("owner_editor").patch(
        url("product-detail", "lada-putih-muntok"),
        {"owner_agency": "dinas-kelautan-perikanan"},
        format="json",
    )

    assert response.status_code == 200
    assert response.json()["owner_agency"] == "dinas-kelautan-perikanan"
    assert reread(world.published).owner_agency == world.other
    world.invitation.refresh_from_db()
    assert world.invitation.status == Collaboration.Status.ENDED  # the trail keeps it


@pytest.mark.parametrize(
    ("person", "agency"),
    [
        ("owner_editor", "disperindag"),  # not one of theirs
        ("owner_manager", "dinas-pariwisata"),
        ("collab_editor", "dinas-koperasi-ukm"),  # theirs, but they do not curate
        ("reviewer", "disperindag"),
        ("invited_manager", "dinas-kelautan-perikanan"),
        ("foreign_editor", "dinas-pariwisata"),  # to their own agency, but not theirs to give
    ],
)
def test_hand_over_to_an_agency_one_is_not_in_or_by_a_non_curator_is_a_403(
    world, client_of, person, agency
):
    response = client_of(person).patch(
        url("product-detail", "lada-putih-muntok"), {"owner_agency": agency}, format="json"
    )

    assert response.status_code == 403
    assert reread(world.published).owner_agency == world.owner


def test_an_administrator_hands_over_to_any_agency(world, client_of):
    response = client_of("administrator").patch(
        url("product-detail", "lada-putih-muntok"),
        {"owner_agency": "dinas-pariwisata"},
        format="json",
    )

    assert response.status_code == 200
    assert reread(world.published).owner_agency == world.foreign


def test_after_a_hand_over_the_old_agency_only_sees_what_is_public(world, client_of):
    administrator = client_of("administrator")
    administrator.patch(
        url("product-detail", "getas-draf"), {"owner_agency": "dinas-pariwisata"}, format="json"
    )
    world.draft.collaborations.update(status=Collaboration.Status.ENDED)

    response = client_of("owner_editor").patch(
        url("product-detail", "getas-draf"), {"name": "Getas Lagi"}, format="json"
    )

    assert response.status_code == 404
    assert reread(world.draft).name == "Getas Draf"


# Schema -----------------------------------------------------------------------------------------


def test_the_schema_documents_every_write_with_its_errors(world, client_of):
    response = client_of("anonymous").get(
        url("schema"), HTTP_ACCEPT="application/vnd.oai.openapi+json"
    )
    schema = json.loads(response.content)
    validate_schema(schema)
    paths = schema["paths"]

    def codes(path, method):
        return set(paths[f"/api/v1/{path}"][method]["responses"])

    assert {"201", "400", "401", "403"} <= codes("products/", "post")
    assert {"200", "400", "401", "403", "404", "409"} <= codes("products/{slug}/", "patch")
    assert {"204", "401", "403", "404", "409"} <= codes("products/{slug}/", "delete")
    assert "put" not in paths["/api/v1/products/{slug}/"]
    assert {"201", "400", "403", "413"} <= codes("products/{slug}/images/", "post")
    assert (
        "multipart/form-data"
        in paths["/api/v1/products/{slug}/images/"]["post"]["requestBody"]["content"]
    )
    assert {"204", "404"} <= codes("products/{slug}/images/{image_id}/", "delete")
    assert {"200", "401"} <= codes("products/{slug}/collaborations/", "get")
    assert {"201", "409"} <= codes("products/{slug}/collaborations/", "post")
    for verb in ("accept", "decline", "end"):
        assert {"200", "403", "404", "409"} <= codes(f"collaborations/{{id}}/{verb}/", "post")
    assert {"201", "400", "403"} <= codes("businesses/", "post")
    assert {"200", "403", "404"} <= codes("businesses/{slug}/", "patch")
    assert {"204", "403"} <= codes("businesses/{slug}/", "delete")
    assert {"200", "401", "403"} <= codes("agencies/{slug}/members/", "get")
    assert {"201", "409"} <= codes("agencies/{slug}/members/", "post")
    assert {"200", "409"} <= codes("agencies/{slug}/members/{membership_id}/", "patch")
    assert {"204", "409"} <= codes("agencies/{slug}/members/{membership_id}/", "delete")
    assert {"200", "400", "429"} <= codes("auth/token/", "post")
    assert {"204", "401"} <= codes("auth/token/", "delete")


def test_a_manager_is_also_an_editor_for_creating(world, client_of):
    manager = world.people["invited_manager"]
    assert manager.memberships.get().role == Role.MANAGER

    response = client_of("invited_manager").post(
        url("product-list"), new_product(owner_agency="dinas-kelautan-perikanan"), format="json"
    )

    assert response.status_code == 201
    assert Product.objects.get(slug=response.json()["slug"]).owner_agency == world.other
