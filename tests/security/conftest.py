"""The hostile-input suite (issue 7, item 2): one small world with two agencies that do not
trust each other, and the helpers every attack uses.

Agency A (Dinas Pertanian) is the attacker's: `editor_a` and `manager_a` work there, and it
curates "Lada Putih Muntok" (published) of the business "Lada Mentok Jaya". Agency B (Dinas
Pariwisata) is the victim: it registered "Kopi Tanjung" and curates "Kopi Draf Rahasia" (a draft
nobody outside B may see) and "Kopi Sanger" (published), to which it invited Dinas Kelautan
(pending) and which it nominated as a flagship (a draft nomination). Dinas Koperasi dan UKM is a
leading sector with a reviewer. `admin` is a superuser.

Every attack asserts a clear 4xx and that `snapshot()` of the database is what it was before.
"""

import io
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from agencies.models import Membership, Role
from catalog import models as m
from catalog import rules
from tests.factories import (
    AgencyFactory,
    BusinessFactory,
    CategoryFactory,
    CollaborationFactory,
    MembershipFactory,
    NominationFactory,
    ProductFactory,
    RegionFactory,
    UserFactory,
)

PASSWORD = "rahasia-123"  # tests.factories.UserFactory's

XSS = ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>']
SQL = ["' OR 1=1 --", "; DROP TABLE catalog_product;"]

#: Rows an attack must leave alone (every model a client can reach, and their histories).
WATCHED = [
    m.Product,
    m.Product.history.model,
    m.Business,
    m.Business.history.model,
    m.ProductImage,
    m.ProductLink,
    m.Certificate,
    m.Collaboration,
    m.Nomination,
    m.NominationEvent,
    m.Assessment,
    m.Designation,
    Membership,
    Token,
]
USER_FIELDS = ["pk", "username", "email", "password", "is_active", "is_staff", "is_superuser"]


def snapshot() -> dict:
    """Every watched row, field by field: equal before and after means nothing changed."""
    rows = {model._meta.label: list(model.objects.order_by("pk").values()) for model in WATCHED}
    rows["users"] = list(get_user_model().objects.order_by("pk").values(*USER_FIELDS))
    return rows


def stored_files(settings) -> list[str]:
    """Every file under MEDIA_ROOT (a throwaway folder per test, see tests/conftest.py)."""
    root = settings.MEDIA_ROOT
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


def api_as(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def page_as(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def token_client(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


def text_of(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def picture(format="JPEG", size=(64, 48), mode="RGB", **options) -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, (200, 120, 40) if mode == "RGB" else 1).save(
        buffer, format=format, **options
    )
    return buffer.getvalue()


def jpeg(name="foto.jpg", data=None, content_type="image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, picture() if data is None else data, content_type=content_type)


def member(agency, role=Role.EDITOR, **user):
    return MembershipFactory(agency=agency, role=role, user=UserFactory(**user)).user


@pytest.fixture(autouse=True)
def _fresh_counters():
    """Throttle counters live in the cache: each test starts with a full budget."""
    cache.clear()
    yield
    cache.clear()


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
