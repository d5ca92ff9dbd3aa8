"""seed_demo fills every part of the domain and is idempotent."""

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command

from agencies.models import Agency, Membership
from catalog.models import (
    Business,
    Collaboration,
    Criterion,
    Designation,
    Nomination,
    Product,
    ProductImage,
    Region,
)

pytestmark = pytest.mark.django_db(transaction=False)

EXPECTED_ACCOUNTS = {
    "koperasi.reviewer": ("dinas-koperasi-ukm", "reviewer"),
    "disperindag.reviewer": ("disperindag", "reviewer"),
    "pertanian.editor": ("dinas-pertanian", "editor"),
    "pertanian.manager": ("dinas-pertanian", "manager"),
    "perikanan.editor": ("dinas-kelautan-perikanan", "editor"),
    "koperasi.editor": ("dinas-koperasi-ukm", "editor"),
    "koperasi.manager": ("dinas-koperasi-ukm", "manager"),
}


def counts():
    """Rows of every model of the project's apps (history tables included)."""
    return {
        model._meta.label: model._default_manager.count()
        for app in ("agencies", "catalog", "auth")
        for model in apps.get_app_config(app).get_models()
    }


@pytest.fixture
def seeded(capsys):
    call_command("seed_demo")
    return capsys.readouterr().out


def test_seed_demo_twice_gives_the_same_counts(seeded):
    first = counts()
    call_command("seed_demo")
    second = counts()
    changed = {
        label: (first[label], second[label])
        for label in first
        if first[label] != second[label] and not label.startswith("catalog.Historical")
    }
    assert changed == {}
    assert first["catalog.Product"] >= 100


def test_seed_demo_fills_the_reference_data(seeded):
    assert Region.objects.count() == 7
    assert set(Agency.objects.leading_sectors().values_list("slug", flat=True)) == {
        "dinas-koperasi-ukm",
        "disperindag",
    }
    assert {"dinas-pertanian", "dinas-kelautan-perikanan"} <= set(
        Agency.objects.values_list("slug", flat=True)
    )
    assert set(Criterion.objects.values_list("code", flat=True)) == {
        "bahan_baku_lokal",
        "keunikan",
        "nilai_tambah",
        "pasar",
        "kapasitas",
        "mutu_legalitas",
        "kemasan",
        "dampak",
    }


def test_seed_demo_makes_a_realistic_catalogue(seeded):
    assert Business.objects.count() >= 40
    assert Product.objects.published().count() >= 100
    assert Product.objects.filter(status="draft").exists()
    assert Product.objects.filter(name__icontains="lada putih").exists()
    assert not Product.objects.filter(description__icontains="lorem").exists()
    every_published_has_a_picture = not Product.objects.published().filter(images=None).exists()
    assert every_published_has_a_picture
    image = ProductImage.objects.first()
    assert image.alt_text and image.width == 960 and image.image.storage.exists(image.image.name)
    co_curated_jahe = Product.objects.filter(
        name__icontains="jahe merah",
        owner_agency__slug="dinas-pertanian",
        collaborations__agency__slug="dinas-koperasi-ukm",
        collaborations__status=Collaboration.Status.ACCEPTED,
    )
    assert co_curated_jahe.exists()


def test_seed_demo_covers_every_workflow_state_with_events(seeded):
    states = set(Nomination.objects.values_list("state", flat=True))
    assert states == set(Nomination.State.values)
    for nomination in Nomination.objects.exclude(state="draft"):
        assert nomination.events.exists(), nomination
        assert nomination.events.last().to_state == nomination.state
    assert Designation.objects.current().count() >= 1
    assert Designation.objects.filter(revoked_at__isnull=False).exists()
    expired = [d for d in Designation.objects.filter(revoked_at=None) if not d.is_current]
    assert expired


def test_seed_demo_accounts_and_password(seeded):
    User = get_user_model()
    assert "demo12345" in seeded
    admin = User.objects.get(username="admin")
    assert admin.is_superuser and admin.check_password("demo12345")
    for username, (agency, role) in EXPECTED_ACCOUNTS.items():
        assert Membership.objects.filter(
            user__username=username, agency__slug=agency, role=role
        ).exists(), username

    call_command("seed_demo", password="rahasia-baru-2026")

    for username in ["admin", *EXPECTED_ACCOUNTS]:
        assert User.objects.get(username=username).check_password("rahasia-baru-2026")
