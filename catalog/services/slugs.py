"""A slug chosen by the caller for a new product or business."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from catalog.models import Business, Product
from catalog.models.base import RESERVED_SLUGS


def choose_slug(instance: Product | Business, slug: str) -> list[str]:
    """Give a new row the slug its caller chose (a spreadsheet names its rows by slug, so that the
    same file imported twice updates instead of duplicating); without one the model makes it
    from the name. Returns the fields `save_valid` must leave unchecked."""
    if not slug:
        return ["slug"]
    if slug in RESERVED_SLUGS:
        raise ValidationError({"slug": _("This slug is a word of the portal's addresses.")})
    instance.slug = slug
    return []
