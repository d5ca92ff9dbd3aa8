import importlib
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone, translation
from rest_framework.test import APIClient

from agencies.models import Role
from catalog import rules
from catalog.models import Collaboration, Nomination, Product
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


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings, tmp_path):
    """Fast password hashing, a throwaway media folder and an empty cache (throttle counters,
    import previews) for every test, emptied again after it."""
    from django.core.cache import cache

    cache.clear()
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.RENDITIONS_ON_SAVE = False  # tests that look at renditions turn it back on
    yield
    cache.clear()


@pytest.fixture(autouse=True, scope="session")
def _tasks_fail_their_test():
    """Tasks run in the test's process (no broker); one that raises fails the test that ran it,
    where a fresh checkout's `make run` logs it and answers the request that queued it."""
    from umkm_portal.celery import app

    app.conf.task_eager_propagates = True


@pytest.fixture(autouse=True)
def _development_stages(request):
    """The seven development stages are rows a data migration writes; a transactional test (and
    the query-plan module) flushes the database when it ends, taking them along. Before a test
    that uses the database, they are put back when missing, outside its transaction, as the
    migration wrote them."""
    if not {"db", "transactional_db"} & set(request.fixturenames):
        return
    request.getfixturevalue("django_db_setup")
    with request.getfixturevalue("django_db_blocker").unblock():
        from django.apps import apps

        if not apps.get_model("support", "Stage").objects.exists():
            importlib.import_module("support.migrations.0002_seed_stages").seed(apps, None)


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in Indonesian: a request under /en/ leaves English active in the thread."""
    translation.activate("id")
    yield
    translation.activate("id")


@pytest.fixture
def world(db):
    """The rights-matrix world (docs/architecture.md §4): a person for every column, a product
    in every state.

    Dinas Pertanian (`owner`) registered the business "Lada Mentok Jaya" and curates its products
    "Lada Putih Muntok" (`published`), "Getas Draf" (`draft`) and "Kemplang Arsip" (`archived`).
    Dinas Koperasi dan UKM (`collaborator`, a leading sector) co-curates all three (accepted);
    Dinas Kelautan dan Perikanan (`other`) is invited to the published one (pending: no rights
    yet). Disperindag (`leading`) is a leading sector with a reviewer. Dinas Pariwisata
    (`foreign`) registered "Kopi Tanjung" and has a draft, "Kopi Draf Pariwisata", that nobody
    else may see. Dinas Perhubungan (`second`) has nobody and nothing: somewhere to hand a
    product over to (tests/workspace/conftest.py makes the owner's editor a member of it). The
    owner agency's editor submitted a nomination of the published product.
    """
    region = RegionFactory()
    category = CategoryFactory()
    owner = AgencyFactory(slug="dinas-pertanian", name="Dinas Pertanian", short_name="Distan")
    collaborator = AgencyFactory(
        slug="dinas-koperasi-ukm",
        name="Dinas Koperasi dan UKM",
        short_name="Diskop",
        is_leading_sector=True,
    )
    other = AgencyFactory(
        slug="dinas-kelautan-perikanan", name="Dinas Kelautan dan Perikanan", short_name="DKP"
    )
    leading = AgencyFactory(slug="disperindag", name="Disperindag", is_leading_sector=True)
    foreign = AgencyFactory(slug="dinas-pariwisata", name="Dinas Pariwisata", short_name="Dispar")
    second = AgencyFactory(slug="dinas-perhubungan", name="Dinas Perhubungan", short_name="Dishub")

    business = BusinessFactory(
        name="Lada Mentok Jaya", region=region, registering_agency=owner, nib="9120001234567"
    )
    foreign_business = BusinessFactory(
        name="Kopi Tanjung", region=region, registering_agency=foreign
    )

    def product(name, status, business=business, owner_agency=owner):
        return ProductFactory(
            name=name,
            business=business,
            owner_agency=owner_agency,
            category=category,
            status=status,
        )

    published = product("Lada Putih Muntok", Product.Status.PUBLISHED)
    draft = product("Getas Draf", Product.Status.DRAFT)
    archived = product("Kemplang Arsip", Product.Status.ARCHIVED)
    foreign_draft = product("Kopi Draf Pariwisata", Product.Status.DRAFT, foreign_business, foreign)
    collaboration = CollaborationFactory(
        product=published, agency=collaborator, note="pendampingan halal"
    )
    for curated in (draft, archived):
        CollaborationFactory(product=curated, agency=collaborator)
    invitation = CollaborationFactory(
        product=published, agency=other, status=Collaboration.Status.PENDING
    )

    administrator = UserFactory(username="admin-provinsi")
    administrator.groups.add(rules.administrator_group())
    people = {
        "anonymous": AnonymousUser(),
        "owner_editor": member(owner, username="pertanian.editor"),
        "owner_manager": member(owner, Role.MANAGER, username="pertanian.manager"),
        "collab_editor": member(collaborator, username="koperasi.editor"),
        "collab_manager": member(collaborator, Role.MANAGER, username="koperasi.manager"),
        "other_editor": member(other, username="kelautan.editor"),
        "invited_manager": member(other, Role.MANAGER, username="kelautan.manager"),
        "foreign_editor": member(foreign, username="pariwisata.editor"),
        "reviewer": member(leading, Role.REVIEWER, username="disperindag.reviewer"),
        "administrator": administrator,
    }
    nomination = NominationFactory(
        product=published,
        agency=owner,
        state=Nomination.State.SUBMITTED,
        created_by=people["owner_editor"],
        submitted_by=people["owner_editor"],
        submitted_at=timezone.now(),
    )
    return SimpleNamespace(
        region=region,
        category=category,
        owner=owner,
        collaborator=collaborator,
        other=other,
        leading=leading,
        foreign=foreign,
        second=second,
        business=business,
        foreign_business=foreign_business,
        published=published,
        draft=draft,
        archived=archived,
        foreign_draft=foreign_draft,
        collaboration=collaboration,
        invitation=invitation,
        nomination=nomination,
        people=people,
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
