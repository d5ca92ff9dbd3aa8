"""The product pages of the workspace against the rights matrix (docs/architecture.md §4), with the
database checked after every request, refused ones included.

The world is the rights-matrix one of tests/conftest.py (see tests/workspace/conftest.py)."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils.text import capfirst
from django.utils.translation import gettext

from catalog.models import Certificate, Collaboration, Product, ProductImage, ProductLink
from tests.factories import (
    CertificateFactory,
    CollaborationFactory,
    MembershipFactory,
    ProductImageFactory,
    jpeg_bytes,
)
from tests.workspace.helpers import (
    PEOPLE,
    as_user,
    assert_sent_to_login,
    edited,
    messages_of,
    url,
)

S = Product.Status


def jpeg_upload(name="foto.jpg", data=None, content_type="image/jpeg"):
    return SimpleUploadedFile(name, jpeg_bytes() if data is None else data, content_type)


def reloaded(product):
    return Product.objects.get(pk=product.pk)


# Seeing ----------------------------------------------------------------------------------------

DRAFT_PAGE = {
    "owner_editor": 200,
    "collab_editor": 200,
    "other_editor": 404,
    "reviewer": 404,
    "invited_manager": 404,
    "administrator": 200,
}


@pytest.mark.parametrize("who", PEOPLE)
def test_draft_page_only_for_curating_agencies_and_administrators(client, world, who):
    response = as_user(client, world, who).get(url("workspace-product", world.draft.slug))

    assert response.status_code == DRAFT_PAGE[who]
    if response.status_code == 200:
        assert world.draft.name in response.content.decode()
        assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("who", PEOPLE)
def test_published_page_is_seen_by_all_staff_but_actions_only_by_the_owner(client, world, who):
    response = as_user(client, world, who).get(url("workspace-product", world.published.slug))

    assert response.status_code == 200
    page = response.content.decode()
    manages = who in {"owner_editor", "administrator"}
    edits = manages or who == "collab_editor"
    assert (url("workspace-product-archive", world.published.slug) in page) is manages
    assert (url("workspace-product-invite", world.published.slug) in page) is manages
    assert (url("workspace-image-add", world.published.slug) in page) is edits
    assert ('enctype="multipart/form-data"' in page) is edits


@pytest.mark.parametrize(
    "name",
    ["workspace-product", "workspace-product-edit", "workspace-product-history"],
)
def test_anonymous_is_sent_to_sign_in(client, world, name):
    assert_sent_to_login(client.get(url(name, world.published.slug)))
    assert_sent_to_login(client.get(url("workspace-product-create")))


# Creating --------------------------------------------------------------------------------------


def new_product(world, **changes):
    data = {
        "business": world.business.pk,
        "owner_agency": world.owner.pk,
        "name": "Madu Pelawan Namang",
        "category": world.category.pk,
        "price_min": "85000",
        "price_max": "150000",
        "unit": "per 250 ml",
        "status": S.DRAFT,
    }
    data.update(changes)
    return data


def test_editor_creates_a_product_for_their_agency(client, world):
    client.force_login(world.people["owner_editor"])

    response = client.post(url("workspace-product-create"), new_product(world))

    product = Product.objects.get(name="Madu Pelawan Namang")
    assert response.status_code == 302
    assert response.url == url("workspace-product", product.slug)
    assert product.owner_agency == world.owner
    assert product.created_by == world.people["owner_editor"]
    assert product.status == S.DRAFT
    assert product.history.get().history_user == world.people["owner_editor"]


def test_forged_owner_agency_is_a_form_error_and_nothing_is_saved(client, world):
    client.force_login(world.people["collab_editor"])

    response = client.post(url("workspace-product-create"), new_product(world))

    assert response.status_code == 200
    assert response.context["form"].errors["owner_agency"]
    assert not Product.objects.filter(name="Madu Pelawan Namang").exists()


def test_single_agency_is_fixed_and_several_are_a_choice(client, world):
    client.force_login(world.people["collab_editor"])
    single = client.get(url("workspace-product-create")).content.decode()
    client.force_login(world.people["owner_editor"])
    several = client.get(url("workspace-product-create")).content.decode()

    assert 'type="hidden" name="owner_agency"' in single
    assert '<select name="owner_agency"' in several
    assert world.other.name not in several  # only the user's own agencies are offered


def test_product_form_is_accessible(client, world):
    client.force_login(world.people["owner_editor"])

    response = client.post(url("workspace-product-create"), new_product(world, name=""))

    page = response.content.decode()
    assert 'for="id_name"' in page
    assert 'aria-invalid="true"' in page
    assert 'aria-describedby="id_name_error"' in page
    assert '<ul class="errorlist" id="id_name_error">' in page
    assert 'class="required"' in page
    assert "<fieldset" in page and "<legend" in page


@pytest.mark.parametrize(
    ("changes", "field"),
    [({"price_min": "200000"}, "price_max"), ({"status": S.ARCHIVED}, "status")],
)
def test_invalid_product_is_refused_with_field_errors(client, world, changes, field):
    client.force_login(world.people["owner_editor"])

    response = client.post(url("workspace-product-create"), new_product(world, **changes))

    assert response.status_code == 200
    assert list(response.context["form"].errors) == [field]
    assert not Product.objects.filter(name="Madu Pelawan Namang").exists()


def test_inactive_business_cannot_get_a_new_product(client, world):
    world.business.is_active = False
    world.business.save()
    client.force_login(world.people["owner_editor"])

    response = client.post(url("workspace-product-create"), new_product(world))

    assert response.context["form"].errors["business"]
    assert not Product.objects.filter(name="Madu Pelawan Namang").exists()


def test_reviewer_may_not_create_products(client, world):
    client.force_login(world.people["reviewer"])

    assert client.get(url("workspace-product-create")).status_code == 403
    response = client.post(
        url("workspace-product-create"), new_product(world, owner_agency=world.owner.pk)
    )
    assert response.status_code == 403
    assert not Product.objects.filter(name="Madu Pelawan Namang").exists()


def test_administrator_creates_a_product_for_any_agency(client, world):
    client.force_login(world.people["administrator"])

    response = client.post(
        url("workspace-product-create"), new_product(world, owner_agency=world.other.pk)
    )

    assert response.status_code == 302
    assert Product.objects.get(name="Madu Pelawan Namang").owner_agency == world.other


# Editing content -------------------------------------------------------------------------------


EDIT = {
    "owner_editor": 302,
    "collab_editor": 302,
    "other_editor": 404,
    "reviewer": 404,
    "invited_manager": 404,
    "administrator": 302,
}


@pytest.mark.parametrize("who", PEOPLE)
def test_edit_draft_content(client, world, who):
    response = as_user(client, world, who).post(
        url("workspace-product-edit", world.draft.slug), edited(world.draft)
    )

    assert response.status_code == EDIT[who]
    changed = reloaded(world.draft).summary == "Lada putih pilihan dari Muntok."
    assert changed is (EDIT[who] == 302)


@pytest.mark.parametrize("who", ["other_editor", "reviewer", "invited_manager"])
def test_visible_product_of_another_agency_is_403_to_edit(client, world, who):
    client.force_login(world.people[who])

    assert client.get(url("workspace-product-edit", world.published.slug)).status_code == 403
    response = client.post(
        url("workspace-product-edit", world.published.slug), edited(world.published)
    )

    assert response.status_code == 403
    assert reloaded(world.published).summary == ""


def test_edit_refused_by_the_service_shows_field_errors(client, world):
    client.force_login(world.people["collab_editor"])

    response = client.post(
        url("workspace-product-edit", world.draft.slug), edited(world.draft, price_min=99_000_000)
    )

    assert response.status_code == 200
    assert response.context["form"].errors
    assert reloaded(world.draft).price_min == 45_000


def test_anonymous_edit_changes_nothing(client, world):
    response = client.post(url("workspace-product-edit", world.draft.slug), edited(world.draft))

    assert_sent_to_login(response)
    assert reloaded(world.draft).summary == ""


# Status and hand-over --------------------------------------------------------------------------

MANAGE_DRAFT = {
    "owner_editor": 302,
    "collab_editor": 403,
    "other_editor": 404,
    "reviewer": 404,
    "invited_manager": 404,
    "administrator": 302,
}


@pytest.mark.parametrize("who", PEOPLE)
@pytest.mark.parametrize(
    ("action", "after"),
    [("workspace-product-publish", S.PUBLISHED), ("workspace-product-archive", S.ARCHIVED)],
)
def test_publish_and_archive_a_draft(client, world, who, action, after):
    response = as_user(client, world, who).post(url(action, world.draft.slug))

    assert response.status_code == MANAGE_DRAFT[who]
    expected = after if MANAGE_DRAFT[who] == 302 else S.DRAFT
    assert reloaded(world.draft).status == expected


@pytest.mark.parametrize("who", ["collab_editor", "other_editor", "reviewer"])
def test_unpublish_is_for_the_owner_only(client, world, who):
    client.force_login(world.people[who])

    response = client.post(url("workspace-product-unpublish", world.published.slug))

    assert response.status_code == 403
    assert reloaded(world.published).status == S.PUBLISHED


def test_owner_unpublishes(client, world):
    client.force_login(world.people["owner_editor"])

    client.post(url("workspace-product-unpublish", world.published.slug))

    assert reloaded(world.published).status == S.DRAFT


def test_publishing_twice_says_why_and_changes_nothing(client, world):
    client.force_login(world.people["owner_editor"])
    before = reloaded(world.published)

    response = client.post(url("workspace-product-publish", world.published.slug))

    assert response.status_code == 302
    assert response.url == url("workspace-product", world.published.slug)
    assert messages_of(response) == [gettext("The product is already published.")]
    after = reloaded(world.published)
    assert (after.status, after.published_at) == (before.status, before.published_at)
    assert after.history.count() == before.history.count()


def test_actions_answer_get_with_405(client, world):
    client.force_login(world.people["owner_editor"])

    response = client.get(url("workspace-product-publish", world.draft.slug))

    assert response.status_code == 405
    assert reloaded(world.draft).status == S.DRAFT


def test_owner_hands_over_to_another_of_their_agencies(client, world):
    client.force_login(world.people["owner_editor"])

    response = client.post(
        url("workspace-product-hand-over", world.draft.slug), {"agency": world.second.pk}
    )

    assert response.status_code == 302
    assert reloaded(world.draft).owner_agency == world.second


def test_hand_over_to_an_agency_the_user_does_not_belong_to_is_refused(client, world):
    client.force_login(world.people["owner_editor"])

    response = client.post(
        url("workspace-product-hand-over", world.draft.slug), {"agency": world.other.pk}
    )

    assert response.status_code == 200
    assert response.context["hand_over_form"].errors["agency"]
    assert reloaded(world.draft).owner_agency == world.owner


def test_co_curator_may_not_hand_over(client, world):
    MembershipFactory(user=world.people["collab_editor"], agency=world.second)
    client.force_login(world.people["collab_editor"])

    response = client.post(
        url("workspace-product-hand-over", world.draft.slug), {"agency": world.second.pk}
    )

    assert response.status_code == 403
    assert reloaded(world.draft).owner_agency == world.owner


def test_forged_posts_to_another_agencys_draft_change_nothing(client, world):
    client.force_login(world.people["other_editor"])
    slug = world.draft.slug
    before = reloaded(world.draft)
    posts = [
        ("workspace-product-edit", edited(world.draft)),
        ("workspace-product-publish", {}),
        ("workspace-product-archive", {}),
        ("workspace-product-hand-over", {"agency": world.other.pk}),
        ("workspace-image-add", {"alt_text": "Foto", "image": jpeg_upload()}),
        ("workspace-certificate-add", {"kind": "halal", "number": "X1"}),
        ("workspace-link-add", {"kind": "shopee", "url": "https://x.id"}),
        ("workspace-product-invite", {"agency": world.other.pk}),
    ]

    answers = [client.post(url(name, slug), data).status_code for name, data in posts]

    assert answers == [404] * len(posts)
    after = reloaded(world.draft)
    assert (after.status, after.owner_agency_id, after.summary, after.name) == (
        before.status,
        before.owner_agency_id,
        before.summary,
        before.name,
    )
    assert not ProductImage.objects.exists()
    assert not Certificate.objects.exists()
    assert not ProductLink.objects.exists()
    assert not world.draft.collaborations.filter(agency=world.other).exists()


# Certificates and links ------------------------------------------------------------------------


def test_co_curator_adds_a_certificate_verified_by_their_own_agency(client, world):
    client.force_login(world.people["collab_editor"])

    response = client.post(
        url("workspace-certificate-add", world.draft.slug),
        {"kind": "halal", "number": "ID13110000123", "issued_on": "2025-01-10", "verified": "on"},
    )

    assert response.status_code == 302
    certificate = world.draft.certificates.get()
    assert certificate.verified_by == world.collaborator
    assert certificate.verified_at is not None


def test_owner_editor_verifies_for_the_owner_agency_and_unticking_clears_it(client, world):
    certificate = CertificateFactory(product=world.draft, number="PIRT-1")
    client.force_login(world.people["owner_editor"])
    edit = url("workspace-certificate-edit", world.draft.slug, certificate.pk)
    data = {"kind": "pirt", "number": "PIRT-1", "expires_on": "2030-12-31", "verified": "on"}

    assert client.get(edit).status_code == 200
    client.post(edit, data)
    certificate.refresh_from_db()
    assert (certificate.kind, certificate.verified_by) == ("pirt", world.owner)

    client.post(edit, {**data, "verified": ""})
    certificate.refresh_from_db()
    assert (certificate.verified_by, certificate.verified_at) == (None, None)


def test_certificate_expiring_before_issue_is_a_field_error(client, world):
    client.force_login(world.people["owner_editor"])

    response = client.post(
        url("workspace-certificate-add", world.draft.slug),
        {"kind": "halal", "number": "H-1", "issued_on": "2025-05-01", "expires_on": "2024-01-01"},
    )

    assert response.status_code == 200
    assert response.context["certificate_form"].errors["expires_on"]
    assert not Certificate.objects.exists()


@pytest.mark.parametrize("who", ["other_editor", "reviewer"])
def test_certificates_and_links_of_a_visible_product_are_403_to_others(client, world, who):
    certificate = CertificateFactory(product=world.published)
    link = ProductLink.objects.create(product=world.published, kind="shopee", url="https://s.id")
    client.force_login(world.people[who])
    slug = world.published.slug

    answers = [
        client.post(url("workspace-certificate-add", slug), {"kind": "sni", "number": "S"}),
        client.post(url("workspace-certificate-remove", slug, certificate.pk)),
        client.post(url("workspace-link-add", slug), {"kind": "padi", "url": "https://p.id"}),
        client.post(url("workspace-link-remove", slug, link.pk)),
    ]

    assert [answer.status_code for answer in answers] == [403] * 4
    assert list(Certificate.objects.all()) == [certificate]
    assert list(ProductLink.objects.all()) == [link]


def test_editor_adds_and_removes_links_and_certificates(client, world):
    client.force_login(world.people["collab_editor"])
    slug = world.draft.slug

    client.post(url("workspace-link-add", slug), {"kind": "ekatalog", "url": "katalog.lkpp.id/x"})
    link = world.draft.links.get()
    assert link.url == "https://katalog.lkpp.id/x"
    client.post(url("workspace-link-remove", slug, link.pk))
    certificate = CertificateFactory(product=world.draft)
    client.post(url("workspace-certificate-remove", slug, certificate.pk))

    assert not world.draft.links.exists()
    assert not world.draft.certificates.exists()


def test_a_certificate_of_another_product_is_404(client, world):
    certificate = CertificateFactory(product=world.published)
    client.force_login(world.people["owner_editor"])

    response = client.post(url("workspace-certificate-remove", world.draft.slug, certificate.pk))

    assert response.status_code == 404
    assert Certificate.objects.filter(pk=certificate.pk).exists()


# History ---------------------------------------------------------------------------------------


def test_history_lists_each_change_with_its_author_and_values(client, world):
    editor = world.people["collab_editor"]
    editor.first_name, editor.last_name = "Rina", "Koperasi"
    editor.save()
    client.force_login(editor)
    client.post(
        url("workspace-product-edit", world.draft.slug),
        edited(world.draft, name="Lada Putih Muntok Super", price_max=75_000),
    )
    client.force_login(world.people["owner_editor"])
    client.post(url("workspace-product-publish", world.draft.slug))

    response = client.get(url("workspace-product-history", world.draft.slug))

    entries = response.context["entries"]
    assert [record.history_user for record, _changes in entries] == [
        world.people["owner_editor"],
        editor,
        None,  # made by the factory, outside a request
    ]
    changed = [{(old, new) for _label, old, new in changes or []} for _r, changes in entries]
    assert (str(S.DRAFT.label), str(S.PUBLISHED.label)) in changed[0]
    assert (world.draft.name, "Lada Putih Muntok Super") in changed[1]
    assert ("60.000", "75.000") in changed[1]
    page = response.content.decode()
    assert "Rina Koperasi" in page
    assert str(capfirst(Product._meta.get_field("price_max").verbose_name)) in page


def test_history_of_a_draft_is_404_to_another_agency(client, world):
    client.force_login(world.people["other_editor"])

    assert client.get(url("workspace-product-history", world.draft.slug)).status_code == 404


# Pictures --------------------------------------------------------------------------------------


def upload(client, product, image, alt_text="Lada putih dalam kemasan 250 g"):
    return client.post(
        url("workspace-image-add", product.slug), {"image": image, "alt_text": alt_text}
    )


def test_co_curator_uploads_a_jpeg_which_is_stored_re_encoded(client, world):
    client.force_login(world.people["collab_editor"])
    original = jpeg_bytes(120, 90)

    response = upload(client, world.draft, jpeg_upload("../../etc/passwd.jpg", original))

    assert response.status_code == 302
    image = world.draft.images.get()
    assert image.alt_text == "Lada putih dalam kemasan 250 g"
    assert (image.width, image.height) == (120, 90)
    assert image.image.name.startswith("products/") and "passwd" not in image.image.name
    with image.image.open("rb") as stored:
        assert stored.read() != original  # re-encoded, not the uploaded bytes


@pytest.mark.parametrize(
    ("name", "data", "content_type"),
    [
        ("notes.jpg", b"just some text, not a picture", "image/jpeg"),
        ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>', "image/svg+xml"),
        ("cut.jpg", jpeg_bytes(200, 200)[:300], "image/jpeg"),
    ],
    ids=["text", "svg", "truncated"],
)
def test_a_file_that_is_not_a_whole_picture_is_a_form_error(
    client, world, name, data, content_type
):
    client.force_login(world.people["owner_editor"])

    response = upload(client, world.draft, jpeg_upload(name, data, content_type))

    assert response.status_code == 200
    assert response.context["image_form"].errors["image"]
    assert 'id="id_picture_image_error"' in response.content.decode()
    assert not ProductImage.objects.exists()


def test_missing_alt_text_is_a_form_error(client, world):
    client.force_login(world.people["owner_editor"])

    response = upload(client, world.draft, jpeg_upload(), alt_text="")

    assert response.context["image_form"].errors["alt_text"]
    assert not ProductImage.objects.exists()


@pytest.mark.parametrize("who", ["other_editor", "reviewer", "invited_manager"])
def test_pictures_of_a_visible_product_are_403_to_others(client, world, who):
    image = ProductImageFactory(product=world.published)
    client.force_login(world.people[who])
    slug = world.published.slug

    answers = [
        upload(client, world.published, jpeg_upload()).status_code,
        client.post(url("workspace-image-move", slug, image.pk), {"direction": "up"}).status_code,
        client.post(url("workspace-image-remove", slug, image.pk)).status_code,
    ]

    assert answers == [403, 403, 403]
    assert list(ProductImage.objects.all()) == [image]


def test_editor_moves_and_removes_pictures(client, world):
    first, second, third = (ProductImageFactory(product=world.draft, order=n) for n in (1, 2, 3))
    client.force_login(world.people["collab_editor"])
    slug = world.draft.slug

    client.post(url("workspace-image-move", slug, third.pk), {"direction": "up"})
    assert list(world.draft.images.values_list("pk", flat=True)) == [first.pk, third.pk, second.pk]
    client.post(url("workspace-image-move", slug, first.pk), {"direction": "up"})  # stays first
    assert list(world.draft.images.values_list("pk", flat=True)) == [first.pk, third.pk, second.pk]

    client.post(url("workspace-image-remove", slug, third.pk))
    assert list(world.draft.images.values_list("pk", flat=True)) == [first.pk, second.pk]


def test_a_picture_of_another_product_is_404(client, world):
    image = ProductImageFactory(product=world.published)
    client.force_login(world.people["owner_editor"])

    response = client.post(url("workspace-image-remove", world.draft.slug, image.pk))

    assert response.status_code == 404
    assert ProductImage.objects.filter(pk=image.pk).exists()


def test_product_page_takes_the_same_queries_whatever_it_holds(client, world):
    client.force_login(world.people["owner_editor"])

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url("workspace-product", world.draft.slug)).status_code == 200
        return len(captured)

    ProductImageFactory(product=world.draft)
    CertificateFactory(product=world.draft, verified_by=world.owner)
    few = queries()
    for _ in range(5):
        ProductImageFactory(product=world.draft)
        CertificateFactory(product=world.draft, verified_by=world.collaborator)
        CollaborationFactory(product=world.draft, status=Collaboration.Status.ENDED)
        ProductLink.objects.create(product=world.draft, kind="padi", url="https://padiumkm.id/x")

    assert queries() == few


def test_english_pages_live_under_en(client, world):
    client.force_login(world.people["owner_editor"])

    response = client.get("/en" + url("workspace-product", world.draft.slug))

    assert response.status_code == 200
    assert "Pictures" in response.content.decode()


def test_every_id_on_the_product_page_is_unique(client, world):
    ProductImageFactory(product=world.draft)
    CertificateFactory(product=world.draft)
    MembershipFactory(user=world.people["owner_editor"], agency=world.collaborator)
    client.force_login(world.people["owner_editor"])

    page = client.get(url("workspace-product", world.draft.slug)).content.decode()

    ids = re.findall(r'\sid="([^"]+)"', page)
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    for label_for in re.findall(r'<label for="([^"]+)"', page):
        assert label_for in ids


def test_a_post_without_the_csrf_token_is_refused_and_changes_nothing(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.people["owner_editor"])

    response = client.post(url("workspace-product-publish", world.draft.slug))

    assert response.status_code == 403
    assert reloaded(world.draft).status == S.DRAFT
