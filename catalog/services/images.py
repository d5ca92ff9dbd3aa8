"""Product images: added (checked and re-encoded), ordered, removed."""

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from django.db import DatabaseError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from catalog import rules
from catalog.exceptions import UploadTooLarge
from catalog.models import Product, ProductImage
from catalog.uploads import StorageUnavailable, clean_image
from umkm_portal import public_cache
from umkm_portal.services import require

if TYPE_CHECKING:  # the model AUTH_USER_MODEL names, as the Django plugin resolves it
    from django.contrib.auth.models import User

MAX_IMAGES = 12
logger = logging.getLogger(__name__)


def add_image(
    *, product: Product, by: "User", upload: File, alt_text: str, order: int | None = None
) -> ProductImage:
    """Store the picture, then its row (and, with it, its renditions); if the row or a rendition
    cannot be written, every file of the picture goes too, so no row ever points at a missing
    file and no file is left without a row.

    Raises StorageUnavailable when the storage fails (a full disk, a failing volume); a database
    error while writing the row is raised as it is (the portal's 503)."""
    require(rules.can_edit_product(by, product))
    alt_text = _alt_text(alt_text)
    if product.images.count() >= MAX_IMAGES:
        raise ValidationError(
            {"image": _("A product has at most %(n)s pictures.") % {"n": MAX_IMAGES}}
        )
    try:
        content = clean_image(upload)
    except UploadTooLarge:
        raise  # its own answer (413), not a field error
    except ValidationError as error:
        raise ValidationError({"image": error.messages}) from error
    if order is None:
        order = (product.images.aggregate(last=Max("order"))["last"] or 0) + 1
    image = ProductImage(product=product, alt_text=alt_text, order=order)
    _store(image, content)
    committing = False
    try:
        with transaction.atomic():
            image.save()  # RenditionsOnSave makes the renditions here, before the commit
            committing = True
    except Exception as error:
        if committing:
            # The COMMIT itself failed, and may have happened all the same (its answer lost
            # with the connection): then the row exists and needs its files. A file without a
            # row is only waste; a row without its file is a broken picture.
            raise
        _delete_files(image)
        if isinstance(error, DatabaseError):
            raise
        logger.error("Storage failed while making the renditions of %s", image.image.name,
                     exc_info=True)  # fmt: skip
        raise StorageUnavailable() from error
    return image


@transaction.atomic
def add_images(
    *, product: Product, by: "User", uploads: Sequence[File], alt_text: str
) -> list[ProductImage]:
    """Several pictures at once, all or none: every file is checked (and re-encoded) before any
    is stored, and if one cannot be stored or saved, those stored before it go again. With
    several, each gets `alt_text` and its number ("…, 2 of 3"), which an editor may rewrite.

    Raises ValidationError under `image` naming each refused file (a file over the limit is
    one of them here, not a 413), StorageUnavailable when the storage fails."""
    require(rules.can_edit_product(by, product))
    alt_text = _alt_text(alt_text)
    if not uploads:
        raise ValidationError({"image": _("Choose at least one picture.")})
    if product.images.count() + len(uploads) > MAX_IMAGES:
        raise ValidationError(
            {
                "image": _(
                    "A product has at most %(n)s pictures; it has %(has)s, so add at most "
                    "%(left)s more."
                )
                % {
                    "n": MAX_IMAGES,
                    "has": product.images.count(),
                    "left": max(MAX_IMAGES - product.images.count(), 0),
                }
            }
        )
    contents, refused = [], []
    for upload in uploads:
        try:
            contents.append(clean_image(upload))
        except ValidationError as error:  # UploadTooLarge included
            name = getattr(upload, "name", "") or _("a file")
            refused += [f"{name}: {message}" for message in error.messages]
    if refused:
        raise ValidationError({"image": [_("Nothing was added."), *refused]})
    last = product.images.aggregate(last=Max("order"))["last"] or 0
    added: list[ProductImage] = []
    try:
        for number, content in enumerate(contents, start=1):
            text = alt_text
            if len(contents) > 1:
                text = _("%(text)s, %(n)s of %(count)s") % {
                    "text": alt_text,
                    "n": number,
                    "count": len(contents),
                }
            image = ProductImage(product=product, alt_text=text[:200], order=last + number)
            _store(image, content)
            added.append(image)
            image.save()  # RenditionsOnSave makes the renditions here
    except Exception as error:
        for image in added:
            _delete_files(image)
        if isinstance(error, DatabaseError | StorageUnavailable):
            raise
        logger.error("Storage failed while adding pictures to %s", product.pk, exc_info=True)
        raise StorageUnavailable() from error
    return added


def _alt_text(alt_text: str) -> str:
    alt_text = (alt_text or "").strip()
    if not alt_text:
        raise ValidationError({"alt_text": _("Describe the picture for people who cannot see it.")})
    if len(alt_text) > 200:
        raise ValidationError({"alt_text": _("At most 200 characters.")})
    return alt_text


def _store(image: ProductImage, content: ContentFile) -> None:
    """Save the picture's file under a server-made name. If the storage fails, remove what it
    may have written (Django's FileSystemStorage leaves the part written before a full disk
    stopped it) and raise StorageUnavailable."""
    field = image.image.field
    assert content.name is not None  # clean_image names every file it makes
    name = field.generate_filename(image, content.name)
    try:
        stored = image.image.storage.save(name, content, max_length=field.max_length)
        image.image = stored  # reads the width and height back from the storage
    except Exception as error:
        logger.error("Storage failed while saving %s", name, exc_info=True)
        _delete_quietly(image.image.storage, name)
        raise StorageUnavailable() from error


def _files(image: ProductImage) -> list[tuple[Storage, str | None]]:
    """(storage, name) of the picture and of each of its renditions."""
    files = [(image.image.storage, image.image.name)]
    for width in ProductImage.RENDITION_WIDTHS:
        rendition = getattr(image, f"w{width}")
        files.append((rendition.storage, rendition.name))
    return files


def _delete_files(image: ProductImage) -> None:
    try:
        files = _files(image)
    except Exception:  # the renditions' names could not even be worked out
        logger.warning("Could not name the renditions of %s", image.image.name, exc_info=True)
        files = [(image.image.storage, image.image.name)]
    for storage, name in files:
        _delete_quietly(storage, name)


def _delete_quietly(storage: Storage, name: str | None) -> None:
    """Delete a file that may be missing, on a storage that may be failing: the error that
    brought us here is the one to report, so this one is only logged."""
    if name is None:  # nothing was stored
        return
    try:
        storage.delete(name)
    except Exception:
        logger.warning("Could not delete %s; it is left without a row", name, exc_info=True)


@transaction.atomic
def remove_image(*, image: ProductImage, by: "User") -> None:
    """Remove the row; once that is committed, the picture's files and its renditions."""
    require(rules.can_edit_product(by, image.product))
    files = _files(image)
    image.delete()

    def delete_files() -> None:
        for storage, name in files:
            _delete_quietly(storage, name)

    transaction.on_commit(delete_files)


@transaction.atomic
def reorder_images(*, product: Product, by: "User", order: list[int]) -> None:
    """`order`: the product's image ids, first shown first."""
    require(rules.can_edit_product(by, product))
    ids = list(product.images.values_list("pk", flat=True))
    if sorted(order) != sorted(ids):
        raise ValidationError({"order": _("List every picture of this product exactly once.")})
    for position, pk in enumerate(order):
        ProductImage.objects.filter(pk=pk).update(order=position)
    public_cache.catalog_changed()  # .update() sends no signal
