"""Small helpers shared by the catalogue's models."""

import datetime
import uuid
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.text import slugify
from django.utils.translation import gettext as _

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


def not_in_the_future(value: datetime.date) -> None:
    """A date that has happened already (a certificate's issue): today at the latest, in
    Asia/Jakarta."""
    if value is not None and value > today():
        raise ValidationError(_("This date cannot be in the future."), code="future_date")


def year_not_in_the_future(value: int) -> None:
    """A year that has begun already (the year a business was founded)."""
    if value is not None and value > today().year:
        raise ValidationError(
            _("The year cannot be later than this year (%(year)s).") % {"year": today().year},
            code="future_year",
        )
