"""The hostile-input suite: one small world with two agencies that do not
trust each other (the helpers every attack uses are in helpers.py).

Agency A (Dinas Pertanian) is the attacker's: `editor_a` and `manager_a` work there, and it
curates "Lada Putih Muntok" (published) of the business "Lada Mentok Jaya". Agency B (Dinas
Pariwisata) is the victim: it registered "Kopi Tanjung" and curates "Kopi Draf Rahasia" (a draft
nobody outside B may see) and "Kopi Sanger" (published), to which it invited Dinas Kelautan
(pending) and which it nominated as a flagship (a draft nomination). Dinas Koperasi dan UKM is a
leading sector with a reviewer. `admin` is a superuser.

Every attack asserts a clear 4xx and that `snapshot()` of the database is what it was before.
This world is not the rights-matrix one of tests/conftest.py on purpose: the victim agency has a
published product with a pending invitation and a nomination, which would change what the
matrix's people see there.
"""

from types import SimpleNamespace

import pytest

from agencies.models import Membership, Role
from catalog import models as m
from catalog import rules
from tests.factories import (
    AgencyFactory,
    BusinessFactory,
    CategoryFactory,
    CollaborationFactory,
    NominationFactory,
    ProductFactory,
    RegionFactory,
    UserFactory,
)
from tests.helpers import member


@pytest.fixture
def w(db):
    region = RegionFactory()
    category = CategoryFactory()
    a = AgencyFactory(slug="dinas-pertanian", name="Dinas Pertanian", short_name="Distan")
    b = AgencyFactory(slug="dinas-pariwisata", name="Dinas Pariwisata", short_name="Dispar")
    koperasi = AgencyFactory(
        slug="dinas-koperasi-ukm", name="Dinas Koperasi dan UKM", is_leading_sector=True
    )
    kelautan = AgencyFactory(slug="dinas-kelautan-perikanan", name="Dinas Kelautan")

    editor_a = member(a, username="pertanian.editor")
    manager_a = member(a, Role.MANAGER, username="pertanian.manager")
    editor_b = member(b, username="pariwisata.editor")
    manager_b = member(b, Role.MANAGER, username="pariwisata.manager")
    reviewer = member(koperasi, Role.REVIEWER, username="koperasi.reviewer")
    admin = UserFactory(username="admin", is_staff=True, is_superuser=True)
    provincial = UserFactory(username="admin-provinsi")
    provincial.groups.add(rules.administrator_group())

    business_a = BusinessFactory(name="Lada Mentok Jaya", region=region, registering_agency=a)
    business_b = BusinessFactory(name="Kopi Tanjung", region=region, registering_agency=b)
    product_a = ProductFactory(
        name="Lada Putih Muntok", business=business_a, owner_agency=a, category=category
    )
    draft_b = ProductFactory(
        name="Kopi Draf Rahasia",
        business=business_b,
        owner_agency=b,
        category=category,
        status=m.Product.Status.DRAFT,
    )
    published_b = ProductFactory(
        name="Kopi Sanger", business=business_b, owner_agency=b, category=category
    )
    collaboration_b = CollaborationFactory(
        product=published_b,
        agency=kelautan,
        status=m.Collaboration.Status.PENDING,
        invited_by=manager_b,
    )
    nomination_b = NominationFactory(product=published_b, agency=b, created_by=editor_b)
    return SimpleNamespace(
        region=region,
        category=category,
        a=a,
        b=b,
        koperasi=koperasi,
        kelautan=kelautan,
        editor_a=editor_a,
        manager_a=manager_a,
        editor_b=editor_b,
        manager_b=manager_b,
        reviewer=reviewer,
        admin=admin,
        provincial=provincial,
        business_a=business_a,
        business_b=business_b,
        product_a=product_a,
        draft_b=draft_b,
        published_b=published_b,
        collaboration_b=collaboration_b,
        nomination_b=nomination_b,
        membership_b=Membership.objects.get(user=editor_b, agency=b),
    )
