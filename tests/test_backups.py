"""The restore drill: back up, wipe, restore, and find every row and every media file again."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from catalog.models import Business, Product, ProductImage
from tests.factories import CertificateFactory, ProductImageFactory
from umkm_portal.backups import row_counts, sha256


@pytest.mark.django_db(transaction=True)
def test_backup_wipe_restore_gives_back_every_row_and_file(settings, tmp_path):
    for n in range(3):
        image = ProductImageFactory(product__name=f"Lada Putih Muntok {n} 🌶️")
        CertificateFactory(product=image.product)
    before = row_counts()
    media_before = {
        path.relative_to(settings.MEDIA_ROOT).as_posix(): sha256(path)
        for path in settings.MEDIA_ROOT.rglob("*")
        if path.is_file()
    }
    assert media_before

    call_command("backup", output=str(tmp_path / "backups"))
    [backup] = (tmp_path / "backups").iterdir()
    call_command("flush", interactive=False)
    for path in settings.MEDIA_ROOT.rglob("*"):
        if path.is_file():
            path.unlink()
    assert not Product.objects.exists()

    call_command("restore", str(backup), yes=True)

    assert row_counts() == before
    media_after = {
        path.relative_to(settings.MEDIA_ROOT).as_posix(): sha256(path)
        for path in settings.MEDIA_ROOT.rglob("*")
        if path.is_file()
    }
    assert media_after == media_before
    assert Product.objects.filter(name="Lada Putih Muntok 1 🌶️").exists()
    image = ProductImage.objects.first()
    assert image.image.storage.exists(image.image.name)
    assert Business.objects.count() == before[Business._meta.db_table]


@pytest.mark.django_db(transaction=True)
def test_a_damaged_backup_is_refused_before_anything_is_touched(settings, tmp_path):
    ProductImageFactory()
    call_command("backup", output=str(tmp_path / "backups"))
    [backup] = (tmp_path / "backups").iterdir()
    damaged = next((backup / "media").rglob("*.*"))
    damaged.write_bytes(b"rusak")
    products = Product.objects.count()

    with pytest.raises(CommandError, match="damaged"):
        call_command("restore", str(backup), yes=True)
    with pytest.raises(CommandError):
        call_command("restore", str(backup), check=True)

    assert Product.objects.count() == products
    assert connection.vendor in {"sqlite", "postgresql"}
