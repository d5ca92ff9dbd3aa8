"""Product images: added (checked and re-encoded), ordered, removed."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from catalog import rules
from catalog.exceptions import UploadTooLarge
from catalog.models import ProductImage
from catalog.uploads import clean_image

from .base import require

MAX_IMAGES = 12


def add_image(*, product, by, upload, alt_text, order=None) -> ProductImage:
    """Store the picture, then its row; if the row cannot be written, the file goes too, so no
    row ever points at a missing file and no file is left without a row."""
    require(rules.can_edit_product(by, product))
    alt_text = (alt_text or "").strip()
    if not alt_text:
        raise ValidationError({"alt_text": _("Describe the picture for people who cannot see it.")})
    if len(alt_text) > 200:
        raise ValidationError({"alt_text": _("At most 200 characters.")})
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
    image.image.save(content.name, content, save=False)
    try:
        with transaction.atomic():
            image.save()
    except Exception:
        image.image.delete(save=False)
        raise
    return image


@transaction.atomic
def remove_image(*, image, by) -> None:
    require(rules.can_edit_product(by, image.product))
    storage, name = image.image.storage, image.image.name
    image.delete()
    transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def reorder_images(*, product, by, order: list[int]) -> None:
    """`order`: the product's image ids, first shown first."""
    require(rules.can_edit_product(by, product))
    ids = list(product.images.values_list("pk", flat=True))
    if sorted(order) != sorted(ids):
        raise ValidationError({"order": _("List every picture of this product exactly once.")})
    for position, pk in enumerate(order):
        ProductImage.objects.filter(pk=pk).update(order=position)
