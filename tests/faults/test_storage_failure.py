"""A full disk or failing storage on upload: a clear error, no row pointing at a missing
file, no file left without a row — through the workspace page and the API alike.

The faults are injected into the real FileSystemStorage: a full disk stops the write halfway,
leaving the part already written (what Django's `_save` leaves behind on ENOSPC), then raises;
the row can fail after the file is saved; the disk can fill up while the renditions are made,
after the first of them is written.

The answer to a storage fault is 503 with Retry-After: the request was fine and the fault is
the server's and passing — not a 4xx (nothing for the client to correct), not a 500 (it is
expected and handled), not 507 (WebDAV's, and it would tell the world our disk is full). The
page shows the message on the picture field of its form; the API answers JSON `{"detail": ...}`.
A database error while writing the row is the portal's database outage answer (503 as well).
"""

import errno
import os

import pytest
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError
from django.test import Client
from rest_framework.test import APIClient

from agencies.models import Role
from catalog.models import ProductImage
from catalog.uploads import StorageUnavailable
from tests.factories import (
    AgencyFactory,
    MembershipFactory,
    ProductFactory,
    UserFactory,
    jpeg_bytes,
)

WAYS = ["page", "api"]


@pytest.fixture
def product(db, settings):
    settings.RENDITIONS_ON_SAVE = True  # the renditions are part of what must not be left over
    agency = AgencyFactory(slug="dinas-pertanian")
    return ProductFactory(owner_agency=agency, business__registering_agency=agency)


@pytest.fixture
def editor(product):
    user = UserFactory(username="pertanian.editor")
    MembershipFactory(user=user, agency=product.owner_agency, role=Role.EDITOR)
    return user


def upload(way: str, user, product):
    picture = SimpleUploadedFile("foto.jpg", jpeg_bytes(800, 600), content_type="image/jpeg")
    data = {"image": picture, "alt_text": "Lada putih dalam karung"}
    if way == "api":
        client = APIClient(raise_request_exception=False)
        client.force_authenticate(user)
        return client.post(f"/api/v1/products/{product.slug}/images/", data, format="multipart")
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client.post(f"/ruang-kerja/produk/{product.slug}/gambar/", data)


def stored_files(settings) -> list[str]:
    root = settings.MEDIA_ROOT
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


def disk_full_for(monkeypatch, folder: str, *, after: int = 0) -> list[str]:
    """From the `after`+1-th file saved under `folder` on, the disk is full: half the file is
    written, then ENOSPC. Returns the names the fault hit."""
    save = FileSystemStorage._save
    hit, seen = [], []

    def _save(storage, name, content):
        if not name.startswith(folder):
            return save(storage, name, content)
        seen.append(name)
        if len(seen) <= after:
            return save(storage, name, content)
        hit.append(name)
        path = storage.path(name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        data = content.read()
        with open(path, "wb") as partial:
            partial.write(data[: len(data) // 2])
        raise OSError(errno.ENOSPC, "No space left on device", path)

    monkeypatch.setattr(FileSystemStorage, "_save", _save)
    return hit


def assert_storage_answer(way: str, response) -> None:
    """503, Retry-After, the message where the person (or the client) reads it."""
    message = str(StorageUnavailable().message)
    assert response.status_code == 503, response.content[:500]
    assert int(response["Retry-After"]) > 0
    assert b"Traceback" not in response.content and b"ENOSPC" not in response.content
    assert b"No space left" not in response.content
    if way == "api":
        assert response.json() == {"detail": message}
    else:
        assert response.context["image_form"].errors["image"] == [message]


@pytest.mark.parametrize("way", WAYS)
def test_a_full_disk_while_saving_the_picture_is_a_503_leaving_no_row_and_no_file(
    way, editor, product, settings, monkeypatch
):
    hit = disk_full_for(monkeypatch, "products/")

    response = upload(way, editor, product)

    assert hit, "the fault was never injected"
    assert_storage_answer(way, response)
    assert not ProductImage.objects.exists()
    assert stored_files(settings) == []  # the half-written file is gone too


@pytest.mark.parametrize("way", WAYS)
def test_a_full_disk_while_making_the_renditions_is_a_503_leaving_no_row_and_no_file(
    way, editor, product, settings, monkeypatch
):
    hit = disk_full_for(monkeypatch, "renditions/", after=1)  # the first rendition is written

    response = upload(way, editor, product)

    assert hit, "the fault was never injected"
    assert_storage_answer(way, response)
    assert not ProductImage.objects.exists()
    assert stored_files(settings) == []  # the original and the first rendition are gone


@pytest.mark.parametrize("way", WAYS)
def test_a_row_that_fails_after_the_file_is_saved_leaves_no_file(
    way, editor, product, settings, monkeypatch
):
    saved = []
    save_file = FileSystemStorage._save

    def _save(storage, name, content):
        saved.append(name)
        return save_file(storage, name, content)

    def save_row(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(FileSystemStorage, "_save", _save)
    monkeypatch.setattr(ProductImage, "save", save_row)

    response = upload(way, editor, product)

    assert saved, "the file was never saved, so this proves nothing"
    assert response.status_code == 503  # the database outage's answer
    assert b"Traceback" not in response.content and b"OperationalError" not in response.content
    assert not ProductImage.objects.exists()
    assert stored_files(settings) == []


@pytest.mark.parametrize("way", WAYS)
def test_after_the_storage_recovers_the_same_upload_keeps_its_row_and_files(
    way, editor, product, settings, monkeypatch
):
    with monkeypatch.context() as fault:
        disk_full_for(fault, "products/")
        assert upload(way, editor, product).status_code == 503

    response = upload(way, editor, product)

    assert response.status_code == (201 if way == "api" else 302)
    image = ProductImage.objects.get()
    renditions = [getattr(image, f"w{width}").name for width in ProductImage.RENDITION_WIDTHS]
    assert stored_files(settings) == sorted([image.image.name, *renditions])


def test_removing_a_picture_removes_its_renditions_too(
    editor, product, settings, django_capture_on_commit_callbacks
):
    from catalog.services import add_image, remove_image

    picture = SimpleUploadedFile("foto.jpg", jpeg_bytes(800, 600), content_type="image/jpeg")
    image = add_image(product=product, by=editor, upload=picture, alt_text="Lada")
    assert len(stored_files(settings)) == 1 + len(ProductImage.RENDITION_WIDTHS)

    with django_capture_on_commit_callbacks(execute=True):
        remove_image(image=image, by=editor)

    assert not ProductImage.objects.exists()
    assert stored_files(settings) == []
