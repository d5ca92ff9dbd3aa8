"""Business (UMKM) pages of the workspace: register (any editor; duplicate NIB and similar names
caught before a duplicate is made), see, edit and deactivate (editors of the registering agency
and administrators); the database is checked after every request."""

import pytest
from django.utils.translation import gettext

from catalog.models import Business
from tests.factories import BusinessFactory, ProductFactory, RegionFactory
from tests.workspace.helpers import PEOPLE, as_user, assert_sent_to_login, url


def new_business(world, **changes):
    data = {
        "registering_agency": world.owner.pk,
        "name": "Kerupuk Kemplang Pak Amat",
        "owner_name": "Amat Sulaiman",
        "scale": "mikro",
        "region": RegionFactory().pk,
        "nib": "1234567890123",
        "whatsapp": "0812-7190-4532",
    }
    data.update(changes)
    return data


CREATE = {
    "owner_editor": 302,
    "collab_editor": 200,  # may register, but only for their own agency: the forged one is an error
    "other_editor": 200,
    "reviewer": 403,
    "invited_manager": 200,
    "administrator": 302,
}


@pytest.mark.parametrize("who", PEOPLE)
def test_register_a_business_for_the_owner_agency(client, world, who):
    response = as_user(client, world, who).post(
        url("workspace-business-create"), new_business(world)
    )

    assert response.status_code == CREATE[who]
    created = Business.objects.filter(name="Kerupuk Kemplang Pak Amat").first()
    if CREATE[who] == 302:
        assert created.registering_agency == world.owner
        assert created.created_by == world.people[who]
        assert response.url == url("workspace-business", created.slug)
    else:
        assert created is None
    if CREATE[who] == 200:
        assert response.context["form"].errors["registering_agency"]


def test_editor_registers_for_their_own_agency(client, world):
    client.force_login(world.people["other_editor"])

    response = client.post(
        url("workspace-business-create"), new_business(world, registering_agency=world.other.pk)
    )

    assert response.status_code == 302
    assert Business.objects.get(nib="1234567890123").registering_agency == world.other


def test_anonymous_is_sent_to_sign_in(client, world):
    assert_sent_to_login(client.get(url("workspace-business-create")))
    assert_sent_to_login(client.post(url("workspace-business-create"), new_business(world)))
    assert not Business.objects.filter(name="Kerupuk Kemplang Pak Amat").exists()


def test_a_registered_nib_links_to_the_existing_business_and_makes_none(client, world):
    existing = BusinessFactory(name="Kemplang Ikan Tenggiri", nib="1234567890123")
    client.force_login(world.people["owner_editor"])

    response = client.post(url("workspace-business-create"), new_business(world))

    assert response.status_code == 200
    assert response.context["form"].errors["nib"]
    assert f'href="{url("workspace-business", existing.slug)}"' in response.content.decode()
    assert Business.objects.filter(nib="1234567890123").count() == 1
    assert not Business.objects.filter(name="Kerupuk Kemplang Pak Amat").exists()


def test_similar_names_warn_first_and_the_checkbox_lets_it_through(client, world):
    similar = BusinessFactory(name="Kerupuk Kemplang Pak Amat Sungailiat")
    client.force_login(world.people["owner_editor"])
    data = new_business(world, name="Kerupuk Kemplang Pak Amat")

    first = client.post(url("workspace-business-create"), data)

    assert first.status_code == 200
    page = first.content.decode()
    assert similar.name in page
    assert 'name="different_business"' in page
    assert not Business.objects.filter(name="Kerupuk Kemplang Pak Amat").exists()

    second = client.post(url("workspace-business-create"), {**data, "different_business": "on"})

    assert second.status_code == 302
    assert Business.objects.filter(name="Kerupuk Kemplang Pak Amat").count() == 1


def test_invalid_business_is_refused_with_field_errors(client, world):
    client.force_login(world.people["owner_editor"])

    response = client.post(
        url("workspace-business-create"), new_business(world, nib="12345", whatsapp="abc")
    )

    errors = response.context["form"].errors
    assert "nib" in errors and "whatsapp" in errors
    assert 'aria-describedby="id_nib_helptext id_nib_error"' in response.content.decode()
    assert not Business.objects.filter(name="Kerupuk Kemplang Pak Amat").exists()


# Seeing, editing, deactivating -----------------------------------------------------------------

EDIT = {
    "owner_editor": 302,
    "collab_editor": 403,
    "other_editor": 403,
    "reviewer": 403,
    "invited_manager": 403,
    "administrator": 302,
}


def business_data(business, **changes):
    data = {
        "name": business.name,
        "owner_name": business.owner_name,
        "scale": business.scale,
        "region": business.region_id,
        "address": "Jl. Sudirman 1, Muntok",
    }
    data.update(changes)
    return data


@pytest.mark.parametrize("who", PEOPLE)
def test_edit_a_business(client, world, who):
    page = as_user(client, world, who).get(url("workspace-business", world.business.slug))
    response = client.post(
        url("workspace-business", world.business.slug), business_data(world.business)
    )

    assert page.status_code == 200
    assert response.status_code == EDIT[who]
    world.business.refresh_from_db()
    assert (world.business.address == "Jl. Sudirman 1, Muntok") is (EDIT[who] == 302)
    assert ('name="owner_name"' in page.content.decode()) is (EDIT[who] == 302)


@pytest.mark.parametrize("who", PEOPLE)
def test_deactivate_a_business(client, world, who):
    response = as_user(client, world, who).post(
        url("workspace-business-deactivate", world.business.slug)
    )

    assert response.status_code == EDIT[who]
    world.business.refresh_from_db()
    assert world.business.is_active is (EDIT[who] != 302)


INACTIVE_PAGE = {
    "owner_editor": 200,
    "collab_editor": 404,
    "other_editor": 404,
    "reviewer": 404,
    "invited_manager": 404,
    "administrator": 200,
}


@pytest.mark.parametrize("who", PEOPLE)
def test_an_inactive_business_is_seen_only_by_its_agency_and_administrators(client, world, who):
    world.business.is_active = False
    world.business.save()

    response = as_user(client, world, who).get(url("workspace-business", world.business.slug))
    forged = client.post(
        url("workspace-business", world.business.slug), business_data(world.business)
    )

    assert response.status_code == INACTIVE_PAGE[who]
    world.business.refresh_from_db()
    if INACTIVE_PAGE[who] == 404:
        assert forged.status_code == 404
        assert world.business.address == ""


def test_changing_the_nib_to_a_registered_one_links_to_that_business(client, world):
    existing = BusinessFactory(name="Madu Pelawan Namang", nib="9876543210123")
    client.force_login(world.people["owner_editor"])

    response = client.post(
        url("workspace-business", world.business.slug),
        business_data(world.business, nib="9876543210123"),
    )

    assert response.status_code == 200
    assert f'href="{url("workspace-business", existing.slug)}"' in response.content.decode()
    world.business.refresh_from_db()
    assert world.business.nib == "9120001234567"  # unchanged


def test_business_page_lists_only_the_products_the_user_may_see(client, world):
    elsewhere = ProductFactory(business=world.business, status="draft")  # another agency's draft
    client.force_login(world.people["collab_editor"])

    page = client.get(url("workspace-business", world.business.slug)).content.decode()

    assert world.draft.name in page  # co-curated
    assert world.published.name in page
    assert elsewhere.name not in page
    assert "Siti Aminah" not in page  # the owner's name is not for other agencies


def test_business_pages_are_private(client, world):
    client.force_login(world.people["owner_editor"])

    response = client.get(url("workspace-business", world.business.slug))

    assert "no-store" in response["Cache-Control"]
    assert_sent_to_login(
        client.logout() or client.get(url("workspace-business", world.business.slug))
    )


def test_a_business_without_products_says_what_to_do_next(client, world):
    """It read "No product that you may see" — like a refusal; now it offers the first product."""
    business = BusinessFactory(registering_agency=world.owner)
    client.force_login(world.people["owner_editor"])

    page = client.get(url("workspace-business", business.slug)).content.decode()

    assert gettext("This business has no product in the portal yet.") in page
    assert f'href="{url("workspace-product-create")}?umkm={business.slug}"' in page
    assert gettext("Add its first product") in page
