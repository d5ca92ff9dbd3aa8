"""The services: rights first (403), then state (409), then data (400); nothing half-written."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from agencies import services as agency_services
from agencies.models import Membership, Role
from catalog import rules, services
from catalog.models import Business, Collaboration, Product, ProductImage
from tests.factories import (
    AgencyFactory,
    BusinessFactory,
    CategoryFactory,
    CollaborationFactory,
    MembershipFactory,
    ProductFactory,
    UserFactory,
    jpeg_bytes,
)
from umkm_portal.services import NotAllowedNow

pytestmark = pytest.mark.django_db
S = Product.Status


@pytest.fixture
def owner():
    return AgencyFactory(slug="dinas-pertanian")


@pytest.fixture
def editor(owner):
    return MembershipFactory(agency=owner, role=Role.EDITOR).user


@pytest.fixture
def draft(owner):
    return ProductFactory(owner_agency=owner, status=S.DRAFT, business__registering_agency=owner)


def test_create_product_for_own_agency(editor, owner):
    product = services.create_product(
        by=editor, owner_agency=owner, business=BusinessFactory(), category=CategoryFactory(),
        name="Lada Putih Muntok 🌶️ 250 g", price_min=45_000, price_max=60_000,
    )  # fmt: skip

    product.refresh_from_db()
    assert product.name == "Lada Putih Muntok 🌶️ 250 g"
    assert (product.status, product.created_by, product.owner_agency) == (S.DRAFT, editor, owner)
    assert product.history.first().history_user == editor


def test_create_product_for_another_agency_is_refused(editor):
    with pytest.raises(PermissionDenied):
        services.create_product(
            by=editor, owner_agency=AgencyFactory(), business=BusinessFactory(),
            category=CategoryFactory(), name="X", price_min=1, price_max=2,
        )  # fmt: skip
    assert not Product.objects.exists()


def test_create_product_validates_prices_and_refuses_protected_fields(editor, owner):
    base = {"by": editor, "owner_agency": owner, "business": BusinessFactory(),
            "category": CategoryFactory(), "name": "Madu"}  # fmt: skip
    with pytest.raises(ValidationError) as error:
        services.create_product(**base, price_min=60_000, price_max=45_000)
    assert list(error.value.message_dict) == ["price_max"]  # on the field (umkm_portal.constraints)
    with pytest.raises(ValidationError) as error:
        services.create_product(**base, price_min=1, price_max=2, created_by=UserFactory())
    assert "created_by" in error.value.message_dict
    assert not Product.objects.exists()


def test_co_curator_edits_content_but_cannot_publish(draft):
    co_curator = MembershipFactory(agency=CollaborationFactory(product=draft).agency).user

    services.update_product(product=draft, by=co_curator, summary="Diperbarui oleh mitra")
    with pytest.raises(PermissionDenied):
        services.publish(product=draft, by=co_curator)

    draft.refresh_from_db()
    assert (draft.summary, draft.status) == ("Diperbarui oleh mitra", S.DRAFT)


def test_update_refuses_status_and_owner(editor, draft):
    with pytest.raises(ValidationError) as error:
        services.update_product(product=draft, by=editor, status=S.PUBLISHED, owner_agency=None)
    assert set(error.value.message_dict) == {"status", "owner_agency"}
    draft.refresh_from_db()
    assert draft.status == S.DRAFT


def test_publish_unpublish_archive_and_their_states(editor, draft):
    services.publish(product=draft, by=editor)
    with pytest.raises(NotAllowedNow):
        services.publish(product=draft, by=editor)
    services.unpublish(product=draft, by=editor)
    services.archive(product=draft, by=editor)
    with pytest.raises(NotAllowedNow):
        services.archive(product=draft, by=editor)

    draft.refresh_from_db()
    assert draft.status == S.ARCHIVED
    assert draft.published_at is not None
    assert [h.status for h in draft.history.all()][:3] == ["archived", "draft", "published"]


def test_rights_are_checked_before_state(draft):
    outsider = MembershipFactory().user
    services.publish(product=draft, by=MembershipFactory(agency=draft.owner_agency).user)

    with pytest.raises(PermissionDenied):  # not 409, although it is published already
        services.publish(product=draft, by=outsider)


def test_hand_over_only_to_own_agencies_and_ends_its_collaboration(editor, draft):
    second = AgencyFactory()
    MembershipFactory(user=editor, agency=second)
    collaboration = CollaborationFactory(product=draft, agency=second)

    with pytest.raises(PermissionDenied):
        services.hand_over(product=draft, by=editor, agency=AgencyFactory())
    services.hand_over(product=draft, by=editor, agency=second)

    draft.refresh_from_db()
    collaboration.refresh_from_db()
    assert draft.owner_agency == second
    assert collaboration.status == Collaboration.Status.ENDED


def test_image_is_stored_with_a_row_or_not_at_all(editor, draft, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    good = SimpleUploadedFile("a.jpg", jpeg_bytes(), content_type="image/jpeg")
    image = services.add_image(product=draft, by=editor, upload=good, alt_text="Kemasan")
    assert image.image.storage.exists(image.image.name)

    bad = SimpleUploadedFile("b.png", b"<svg/>", content_type="image/png")
    with pytest.raises(ValidationError) as error:
        services.add_image(product=draft, by=editor, upload=bad, alt_text="Kemasan")
    assert "image" in error.value.message_dict
    assert ProductImage.objects.count() == 1
    files = list((settings.MEDIA_ROOT / "products").rglob("*.*"))
    assert len(files) == 1

    services.remove_image(image=image, by=editor)
    assert not ProductImage.objects.exists()


def test_collaboration_lifecycle_and_mail(
    editor, draft, mailoutbox, django_capture_on_commit_callbacks
):
    invited = AgencyFactory(name="Dinas Koperasi dan UKM")
    manager = MembershipFactory(agency=invited, role=Role.MANAGER, user__email="m@example.org").user
    invited_editor = MembershipFactory(agency=invited).user

    with pytest.raises(ValidationError):
        services.invite(product=draft, by=editor, agency=draft.owner_agency)
    with django_capture_on_commit_callbacks(execute=True):
        collaboration = services.invite(product=draft, by=editor, agency=invited, note="halal")
    with pytest.raises(NotAllowedNow):
        services.invite(product=draft, by=editor, agency=invited)
    with pytest.raises(PermissionDenied):  # an editor, not a manager, of the invited agency
        services.accept_collaboration(collaboration=collaboration, by=invited_editor)
    assert not rules.can_edit_product(invited_editor, draft)

    services.accept_collaboration(collaboration=collaboration, by=manager)
    assert rules.can_edit_product(invited_editor, draft)
    with pytest.raises(NotAllowedNow):
        services.decline_collaboration(collaboration=collaboration, by=manager)

    services.end_collaboration(collaboration=collaboration, by=editor)
    collaboration.refresh_from_db()
    assert collaboration.status == Collaboration.Status.ENDED
    assert not rules.can_edit_product(invited_editor, draft)
    assert mailoutbox[0].to == ["m@example.org"]


def test_duplicate_nib_points_at_the_existing_business(editor, owner):
    existing = BusinessFactory(nib="9120105273841")

    with pytest.raises(services.businesses.DuplicateNIB) as error:
        services.create_business(
            by=editor, registering_agency=owner, name="Kembar", owner_name="A",
            region=existing.region, nib="9120105273841",
        )  # fmt: skip
    assert error.value.existing == existing
    assert Business.objects.count() == 1


def test_business_edit_is_for_the_registering_agency_and_deactivation_keeps_products(editor):
    business = BusinessFactory()
    product = ProductFactory(business=business)
    with pytest.raises(PermissionDenied):
        services.deactivate_business(business=business, by=editor)

    registrar = MembershipFactory(agency=business.registering_agency).user
    services.deactivate_business(business=business, by=registrar)

    business.refresh_from_db()
    assert not business.is_active
    assert Product.objects.filter(pk=product.pk).exists()
    assert not Product.objects.published().filter(pk=product.pk).exists()


def test_members_keep_a_manager_and_invitations_send_a_link(
    owner, mailoutbox, django_capture_on_commit_callbacks
):
    manager = MembershipFactory(agency=owner, role=Role.MANAGER).user
    membership = Membership.objects.get(user=manager)
    with pytest.raises(NotAllowedNow):
        agency_services.remove_member(membership=membership, by=manager)

    with django_capture_on_commit_callbacks(execute=True):
        invited = agency_services.invite_staff(
            agency=owner, by=manager, email="baru@example.org", role=Role.EDITOR
        )

    assert invited.user.email == "baru@example.org"
    assert not invited.user.has_usable_password()
    assert len(mailoutbox) == 1 and "/accounts/reset/" in mailoutbox[0].body
    with pytest.raises(PermissionDenied):
        agency_services.add_member(agency=owner, by=invited.user, user=UserFactory(), role="editor")


def test_reviewers_exist_only_in_leading_sector_agencies(owner):
    manager = MembershipFactory(agency=owner, role=Role.MANAGER).user

    with pytest.raises(ValidationError) as error:
        agency_services.add_member(agency=owner, by=manager, user=UserFactory(), role="reviewer")

    assert "role" in error.value.message_dict
    assert not Membership.objects.filter(agency=owner, role="reviewer").exists()
