"""Businesses (UMKM) through the API (docs/architecture.md §4, §5): any editor registers one for
their agency, editors of the registering agency change or deactivate it, nothing is ever cascaded
away, and the NIB goes in but never comes out."""

import pytest

from catalog.models import Business, Product
from tests.api.helpers import url
from tests.factories import BusinessFactory, MembershipFactory

NIB = "9120001234567"  # the pepper business's


def new_business(**fields):
    return {
        "name": "Madu Kelulut Belinyu",
        "owner_name": "Rahmat Hidayat",
        "region": "bangka-barat",
        "scale": "mikro",
        "whatsapp": "0812-7777-1234",
        **fields,
    }


def reread(business):
    business.refresh_from_db()
    return business


# Register ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("person", "expected", "registered_by"),
    [
        ("anonymous", 401, None),
        ("owner_editor", 201, "dinas-pertanian"),
        ("owner_manager", 201, "dinas-pertanian"),
        ("collab_editor", 201, "dinas-koperasi-ukm"),
        ("foreign_editor", 201, "dinas-pariwisata"),
        ("invited_manager", 201, "dinas-kelautan-perikanan"),
        ("reviewer", 403, None),
    ],
)
def test_any_editor_registers_a_business_for_their_agency(
    world, client_of, person, expected, registered_by
):
    response = client_of(person).post(url("business-list"), new_business(), format="json")

    assert response.status_code == expected, response.content
    registered = Business.objects.filter(name="Madu Kelulut Belinyu")
    if expected == 201:
        business = registered.get()
        assert business.registering_agency.slug == registered_by
        assert business.created_by == world.people[person]
        assert response.json()["registering_agency"] == registered_by
        assert response.json()["slug"] == business.slug
    else:
        assert not registered.exists()


def test_an_administrator_names_the_registering_agency(world, client_of):
    administrator = client_of("administrator")

    without = administrator.post(url("business-list"), new_business(), format="json")
    with_agency = administrator.post(
        url("business-list"), new_business(registering_agency="disperindag"), format="json"
    )

    assert without.status_code == 400 and list(without.json()) == ["registering_agency"]
    assert with_agency.status_code == 201
    assert Business.objects.get(name="Madu Kelulut Belinyu").registering_agency == world.leading


def test_an_editor_of_several_agencies_names_one_of_theirs(world, client_of):
    MembershipFactory(user=world.people["owner_editor"], agency=world.other)
    client = client_of("owner_editor")

    without = client.post(url("business-list"), new_business(), format="json")
    not_theirs = client.post(
        url("business-list"), new_business(registering_agency="disperindag"), format="json"
    )
    theirs = client.post(
        url("business-list"),
        new_business(registering_agency="dinas-kelautan-perikanan"),
        format="json",
    )

    assert (without.status_code, not_theirs.status_code, theirs.status_code) == (400, 403, 201)
    assert Business.objects.get(name="Madu Kelulut Belinyu").registering_agency == world.other


def test_a_reviewer_is_refused_before_the_payload_is_read(world, client_of):
    response = client_of("reviewer").post(
        url("business-list"), {"nib": "12", "is_active": False}, format="json"
    )

    assert response.status_code == 403
    assert Business.objects.count() == 2


def test_a_nib_registered_already_is_a_400_pointing_at_its_business(world, client_of):
    response = client_of("foreign_editor").post(
        url("business-list"), new_business(nib=NIB), format="json"
    )

    assert response.status_code == 400
    assert response.json()["existing"] == "lada-mentok-jaya"
    assert response.json()["nib"]
    assert not Business.objects.filter(name="Madu Kelulut Belinyu").exists()


def test_the_nib_goes_in_but_never_comes_out(world, client_of):
    response = client_of("owner_editor").post(
        url("business-list"), new_business(nib="9120009999999"), format="json"
    )

    assert response.status_code == 201
    assert "9120009999999" not in response.content.decode()
    assert response.json()["has_nib"] is True
    assert Business.objects.get(name="Madu Kelulut Belinyu").nib == "9120009999999"


@pytest.mark.parametrize(
    ("fields", "at_fault"),
    [
        ({"nib": "12345"}, "nib"),
        ({"nib": "912000123456a"}, "nib"),
        ({"name": ""}, "name"),
        ({"name": "x" * 201}, "name"),
        ({"region": "tidak-ada"}, "region"),
        ({"scale": "raksasa"}, "scale"),
        ({"whatsapp": "telepon saya"}, "whatsapp"),
        ({"email": "bukan-email"}, "email"),
        ({"website": "javascript:alert(1)"}, "website"),
        ({"year_founded": 1800}, "year_founded"),
        ({"registering_agency": "tidak-ada"}, "registering_agency"),
        ({"is_active": False}, "is_active"),
        ({"created_by": 1}, "created_by"),
        ({"slug": "pilihan-saya"}, "slug"),
        ({"has_nib": True}, "has_nib"),
    ],
)
def test_an_invalid_business_is_a_400_naming_the_field(world, client_of, fields, at_fault):
    response = client_of("owner_editor").post(
        url("business-list"), new_business(**fields), format="json"
    )

    assert response.status_code == 400
    assert at_fault in response.json()
    assert Business.objects.count() == 2


@pytest.mark.parametrize("name", ["Kedai Kopi ☕ Ünïcödé — 咖啡", "<b>Usaha</b> & Co", "Madu 🍯"])
def test_unicode_business_names_round_trip_exactly(world, client_of, name):
    client = client_of("owner_editor")

    response = client.post(url("business-list"), new_business(name=name), format="json")

    assert response.status_code == 201
    assert response.json()["name"] == name
    assert client.get(url("business-detail", response.json()["slug"])).json()["name"] == name
    assert Business.objects.get(slug=response.json()["slug"]).name == name


# Change -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("person", "expected"),
    [
        ("anonymous", 401),
        ("owner_editor", 200),
        ("owner_manager", 200),
        ("collab_editor", 403),  # co-curates its product, not the business
        ("foreign_editor", 403),
        ("reviewer", 403),
        ("invited_manager", 403),
        ("administrator", 200),
    ],
)
def test_editors_of_the_registering_agency_change_a_business(world, client_of, person, expected):
    response = client_of(person).patch(
        url("business-detail", "lada-mentok-jaya"),
        {"description": "Lada putih sejak 2012.", "show_owner": True},
        format="json",
    )

    assert response.status_code == expected
    lada = reread(world.business)
    if expected == 200:
        assert (lada.description, lada.show_owner) == ("Lada putih sejak 2012.", True)
        assert response.json()["owner_name"] == lada.owner_name  # shown now, with consent
        assert lada.history.latest().history_user == world.people[person]
    else:
        assert (lada.description, lada.show_owner) == ("", False)


def test_no_right_to_change_is_a_403_before_the_payload(world, client_of):
    response = client_of("collab_editor").patch(
        url("business-detail", "lada-mentok-jaya"), {"nib": "x", "slug": "y"}, format="json"
    )

    assert response.status_code == 403
    assert reread(world.business).nib == NIB


@pytest.mark.parametrize(
    ("body", "at_fault"),
    [
        ({"registering_agency": "dinas-pariwisata"}, "registering_agency"),
        ({"is_active": False}, "is_active"),
        ({"created_by": 1}, "created_by"),
        ({"slug": "lada-lain"}, "slug"),
        ({"nib": "123"}, "nib"),
        ({"name": ""}, "name"),
    ],
)
def test_a_change_never_applies_fields_nobody_may_set(world, client_of, body, at_fault):
    response = client_of("owner_editor").patch(
        url("business-detail", "lada-mentok-jaya"), {"address": "Jl. Baru", **body}, format="json"
    )

    assert response.status_code == 400
    assert at_fault in response.json()
    lada = reread(world.business)
    assert (lada.address, lada.registering_agency, lada.is_active) == ("", world.owner, True)
    assert (lada.slug, lada.nib, lada.name) == ("lada-mentok-jaya", NIB, "Lada Mentok Jaya")


def test_changing_to_a_nib_of_another_business_is_a_400_pointing_at_it(world, client_of):
    BusinessFactory(name="Usaha Lain", registering_agency=world.foreign, nib="9120005555555")

    response = client_of("owner_editor").patch(
        url("business-detail", "lada-mentok-jaya"), {"nib": "9120005555555"}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["existing"] == "usaha-lain"
    assert reread(world.business).nib == NIB


def test_keeping_its_own_nib_is_no_duplicate(world, client_of):
    response = client_of("owner_editor").patch(
        url("business-detail", "lada-mentok-jaya"),
        {"nib": NIB, "name": "Lada Mentok"},
        format="json",
    )

    assert response.status_code == 200
    assert reread(world.business).name == "Lada Mentok"


@pytest.mark.parametrize(("person", "expected"), [("foreign_editor", 404), ("owner_editor", 200)])
def test_a_closed_business_is_unknown_outside_its_registering_agency(
    world, client_of, person, expected
):
    world.business.is_active = False
    world.business.save()

    response = client_of(person).patch(
        url("business-detail", "lada-mentok-jaya"), {"address": "Jl. Muntok"}, format="json"
    )

    assert response.status_code == expected
    assert reread(world.business).address == ("Jl. Muntok" if expected == 200 else "")


# Deactivate -------------------------------------------------------------------------------------


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
def test_delete_deactivates_and_cascades_nothing(world, client_of, person, expected):
    products = set(Product.objects.values_list("pk", "status"))

    response = client_of(person).delete(url("business-detail", "lada-mentok-jaya"))

    assert response.status_code == expected
    assert reread(world.business).is_active is (expected != 204)
    assert Business.objects.filter(pk=world.business.pk).exists()
    assert set(Product.objects.values_list("pk", "status")) == products
    if expected == 204:
        anonymous = client_of("anonymous")
        assert anonymous.get(url("business-detail", "lada-mentok-jaya")).status_code == 404
        assert anonymous.get(url("product-detail", "lada-putih-muntok")).status_code == 404
        owner = client_of("owner_editor")
        assert owner.get(url("product-detail", "lada-putih-muntok")).status_code == 200


def test_deactivating_a_business_one_may_not_see_is_a_404(world, client_of):
    world.foreign_business.is_active = False
    world.foreign_business.save()

    response = client_of("owner_editor").delete(url("business-detail", "kopi-tanjung"))

    assert response.status_code == 404
    assert reread(world.foreign_business).is_active is False
