"""One world for the write API's tests, with a person for every column of DESIGN §4.

Dinas Pertanian curates "Lada Putih Muntok" (published) and "Getas Draf" (a draft) of the
business "Lada Mentok Jaya" it registered. Dinas Koperasi dan UKM co-curates both (accepted);
Dinas Kelautan dan Perikanan is invited to the pepper (pending). Dinas Pariwisata has a draft of
its own, "Kopi Draf Pariwisata", that nobody else may see. Disperindag has a reviewer.
"""

from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.urls import reverse
from rest_framework.test import APIClient

from agencies.models import Role
from catalog import rules
from catalog.models import Collaboration, Product
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

#: The columns of DESIGN §4, and a manager each of the owner and of the invited agency.
PEOPLE = [
    "anonymous",
    "owner_editor",
    "owner_manager",
    "collaborator_editor",
    "other_editor",
    "reviewer",
    "invited_manager",
    "administrator",
]


def url(name, *args):
    return reverse(f"api:{name}", args=args)


def member(agency, role=Role.EDITOR, **user):
    return MembershipFactory(agency=agency, role=role, user=UserFactory(**user)).user


@pytest.fixture(autouse=True)
def _fresh_throttle_counters():
    """Throttle counters live in the cache; without this, tests would share one budget."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def world(db):
    region = RegionFactory()
    category = CategoryFactory()
    pertanian = AgencyFactory(slug="dinas-pertanian", name="Dinas Pertanian")
    koperasi = AgencyFactory(
        slug="dinas-koperasi-ukm", name="Dinas Koperasi dan UKM", is_leading_sector=True
    )
    kelautan = AgencyFactory(slug="dinas-kelautan-perikanan", name="Dinas Kelautan dan Perikanan")
    disperindag = AgencyFactory(slug="disperindag", name="Disperindag", is_leading_sector=True)
    pariwisata = AgencyFactory(slug="dinas-pariwisata", name="Dinas Pariwisata")

    lada = BusinessFactory(
        name="Lada Mentok Jaya", region=region, registering_agency=pertanian, nib="9120001234567"
    )
    kopi = BusinessFactory(name="Kopi Tanjung", region=region, registering_agency=pariwisata)
    pepper = ProductFactory(
        name="Lada Putih Muntok", business=lada, owner_agency=pertanian, category=category
    )
    draft = ProductFactory(
        name="Getas Draf",
        business=lada,
        owner_agency=pertanian,
        category=category,
        status=Product.Status.DRAFT,
    )
    foreign_draft = ProductFactory(
        name="Kopi Draf Pariwisata",
        business=kopi,
        owner_agency=pariwisata,
        category=category,
        status=Product.Status.DRAFT,
    )
    accepted = CollaborationFactory(product=pepper, agency=koperasi, note="pendampingan halal")
    pending = CollaborationFactory(
        product=pepper, agency=kelautan, status=Collaboration.Status.PENDING
    )
    CollaborationFactory(product=draft, agency=koperasi)

    administrator = UserFactory(username="admin-provinsi")
    administrator.groups.add(rules.administrator_group())
    return SimpleNamespace(
        region=region,
        category=category,
        pertanian=pertanian,
        koperasi=koperasi,
        kelautan=kelautan,
        disperindag=disperindag,
        pariwisata=pariwisata,
        lada=lada,
        kopi=kopi,
        pepper=pepper,
        draft=draft,
        foreign_draft=foreign_draft,
        accepted=accepted,
        pending=pending,
        people={
            "anonymous": AnonymousUser(),
            "owner_editor": member(pertanian, username="pertanian.editor"),
            "owner_manager": member(pertanian, Role.MANAGER, username="pertanian.manager"),
            "collaborator_editor": member(koperasi, username="koperasi.editor"),
            "other_editor": member(pariwisata, username="pariwisata.editor"),
            "reviewer": member(disperindag, Role.REVIEWER, username="disperindag.reviewer"),
            "invited_manager": member(kelautan, Role.MANAGER, username="kelautan.manager"),
            "invited_editor": member(kelautan, username="kelautan.editor"),
            "administrator": administrator,
        },
    )


@pytest.fixture
def client_of(world):
    """`client_of("owner_editor")`: an API client signed in as that person (none: anonymous)."""

    def make(person):
        client = APIClient()
        user = world.people[person]
        if user.is_authenticated:
            client.force_authenticate(user)
        return client

    return make
