"""Certificates and links of a product: written by its editors only, through the services the
pages call; a verification names the agency that saw the original."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from catalog import services
from catalog.models import Certificate, ProductLink
from tests.factories import CertificateFactory

HALAL = {"kind": "halal", "number": "ID131100001", "issued_on": datetime.date(2024, 1, 10)}


@pytest.mark.parametrize(
    ("who", "verifier"),
    [
        ("owner_editor", "owner"),
        ("collab_editor", "collaborator"),
        ("administrator", "owner"),
    ],
)
def test_a_verified_certificate_names_the_agency_of_the_person_who_verified_it(
    world, who, verifier
):
    certificate = services.add_certificate(
        product=world.published, by=world.people[who], verified=True, **HALAL
    )

    certificate.refresh_from_db()
    assert certificate.verified_by == getattr(world, verifier)
    assert certificate.verified_at is not None
    assert certificate.product == world.published


@pytest.mark.parametrize("who", ["other_editor", "foreign_editor", "reviewer", "invited_manager"])
def test_people_who_may_not_edit_the_product_write_no_certificate_or_link(world, who):
    person = world.people[who]
    certificate = CertificateFactory(product=world.published, number="PIRT-1")
    link = ProductLink.objects.create(product=world.published, kind="shopee", url="https://s.id")

    for action in (
        lambda: services.add_certificate(product=world.published, by=person, **HALAL),
        lambda: services.update_certificate(
            certificate=certificate, by=person, verified=True, **HALAL
        ),
        lambda: services.remove_certificate(certificate=certificate, by=person),
        lambda: services.add_link(
            product=world.published, by=person, kind="padi", url="https://p.id"
        ),
        lambda: services.remove_link(link=link, by=person),
    ):
        with pytest.raises(PermissionDenied):
            action()

    assert list(Certificate.objects.all()) == [certificate]
    certificate.refresh_from_db()
    assert (certificate.number, certificate.verified_by) == ("PIRT-1", None)
    assert list(ProductLink.objects.all()) == [link]


def test_a_verification_stays_with_its_agency_until_it_is_withdrawn(world):
    certificate = services.add_certificate(
        product=world.draft, by=world.people["collab_editor"], verified=True, **HALAL
    )

    services.update_certificate(
        certificate=certificate, by=world.people["owner_editor"], verified=True,
        **{**HALAL, "number": "ID131100002"},
    )  # fmt: skip
    certificate.refresh_from_db()
    assert (certificate.number, certificate.verified_by) == ("ID131100002", world.collaborator)

    services.update_certificate(
        certificate=certificate, by=world.people["owner_editor"], verified=False, **HALAL
    )
    certificate.refresh_from_db()
    assert (certificate.verified_by, certificate.verified_at) == (None, None)


def test_a_certificate_cannot_expire_before_it_was_issued(world):
    with pytest.raises(ValidationError) as refused:
        services.add_certificate(
            product=world.draft, by=world.people["owner_editor"],
            **{**HALAL, "expires_on": datetime.date(2023, 1, 1)},
        )  # fmt: skip

    assert list(refused.value.message_dict) == ["expires_on"]
    assert not Certificate.objects.exists()


def test_a_certificate_takes_only_its_own_fields(world):
    with pytest.raises(ValidationError) as refused:
        services.add_certificate(
            product=world.draft, by=world.people["owner_editor"], verified_by=world.foreign,
            **HALAL,
        )  # fmt: skip

    assert list(refused.value.message_dict) == ["verified_by"]
    assert not Certificate.objects.exists()


def test_links_are_added_after_the_others_and_removed(world):
    editor = world.people["collab_editor"]

    first = services.add_link(product=world.draft, by=editor, kind="padi", url="https://p.id/1")
    second = services.add_link(product=world.draft, by=editor, kind="shopee", url="https://s.id")
    services.remove_link(link=first, by=editor)

    assert second.order == first.order + 1
    assert list(world.draft.links.all()) == [second]


def test_a_link_that_is_no_address_is_refused(world):
    with pytest.raises(ValidationError) as refused:
        services.add_link(
            product=world.draft, by=world.people["owner_editor"], kind="padi", url="bukan alamat"
        )

    assert list(refused.value.message_dict) == ["url"]
    assert not ProductLink.objects.exists()
