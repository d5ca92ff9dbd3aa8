"""Small helpers shared by the catalogue's models."""

import datetime
import uuid
from pathlib import PurePath

from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.text import slugify

#: Slugs the workspace uses as words in its addresses (`/ruang-kerja/produk/baru/`).
RESERVED_SLUGS = {"baru"}


def unique_slug(instance, value: str, *, max_length: int = 220) -> str:
    """A slug for `value` not yet used by another row of the instance's model."""
    base = slugify(value)[: max_length - 8].strip("-") or "item"
    model = type(instance)
    others = model._default_manager.exclude(pk=instance.pk)
    slug, n = base, 2
    while slug in RESERVED_SLUGS or others.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@deconstructible
class ServerFileName:
    """An upload_to callable: files are stored under names the server makes, never the client's."""

    def __init__(self, folder: str):
        self.folder = folder

    def __call__(self, instance, filename: str) -> str:
        suffix = PurePath(filename).suffix.lower()[:6]
        return f"{self.folder}/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ServerFileName) and other.folder == self.folder


def today() -> datetime.date:
    """Today's date in the portal's time zone (Asia/Jakarta)."""
    return timezone.localdate()
