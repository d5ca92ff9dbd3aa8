"""Businesses (UMKM): register, edit, deactivate. Nothing is ever cascaded away."""

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from agencies.models import Agency
from catalog import rules
from catalog.models import Business
from umkm_portal.services import assign, require, save_valid

from .slugs import choose_slug

if TYPE_CHECKING:  # the model AUTH_USER_MODEL names, as the Django plugin resolves it
    from django.contrib.auth.models import User

#: What editors of the registering agency may write, in the order forms and files show them:
#: the form, the API's serializers and the spreadsheet import all read this list.
BUSINESS_FIELDS: tuple[str, ...] = (
    "name", "owner_name", "show_owner", "show_support", "nib", "scale", "region", "address",
    "phone", "whatsapp", "email", "website", "instagram", "facebook", "tiktok", "shop_url",
    "description", "year_founded",
)  # fmt: skip


class DuplicateNIB(ValidationError):
    """The NIB belongs to a business already registered: show that one instead."""

    def __init__(self, existing: Business) -> None:
        super().__init__(
            {"nib": _("This NIB is registered already: %(name)s.") % {"name": existing.name}},
            code="duplicate_nib",
        )
        self.existing = existing


def _check_nib(nib: str, exclude_pk: int | None = None) -> None:
    if not nib:
        return
    others = Business.objects.filter(nib=nib)
    if exclude_pk is not None:
        others = others.exclude(pk=exclude_pk)
    existing = others.first()
    if existing:
        raise DuplicateNIB(existing)


@transaction.atomic
def create_business(
    *, by: "User", registering_agency: Agency, slug: str = "", **fields: Any
) -> Business:
    """Any editor registers a business; their agency becomes its registering agency. `slug` only
    when the caller names the business already (a spreadsheet row)."""
    require(rules.can_create_business(by, registering_agency))
    business = Business(registering_agency=registering_agency, created_by=by)
    assign(business, fields, set(BUSINESS_FIELDS))
    _check_nib(business.nib)
    return save_valid(business, by, exclude=choose_slug(business, slug))


@transaction.atomic
def update_business(*, business: Business, by: "User", **fields: Any) -> Business:
    business = Business.objects.select_for_update().get(pk=business.pk)
    require(rules.can_edit_business(by, business))
    assign(business, fields, set(BUSINESS_FIELDS))
    _check_nib(business.nib, exclude_pk=business.pk)
    return save_valid(business, by)


def _set_active(business: Business, by: "User", active: bool) -> Business:
    business = Business.objects.select_for_update().get(pk=business.pk)
    require(rules.can_edit_business(by, business))
    business.is_active = active
    return save_valid(business, by)


@transaction.atomic
def deactivate_business(*, business: Business, by: "User") -> Business:
    """Hide the business and its products from the public; everything stays in the database."""
    return _set_active(business, by, False)


@transaction.atomic
def reactivate_business(*, business: Business, by: "User") -> Business:
    """Show a deactivated business (and its published products) to the public again."""
    return _set_active(business, by, True)


def similar_businesses(
    name: str, *, exclude_pk: int | None = None, limit: int = 5
) -> QuerySet[Business]:
    """Registered businesses whose name looks like `name`, to warn before a duplicate is made:
    trigram similarity on PostgreSQL, the name contained on SQLite."""
    name = (name or "").strip()
    if len(name) < 3:
        return Business.objects.none()
    businesses = Business.objects.all()
    if exclude_pk is not None:
        businesses = businesses.exclude(pk=exclude_pk)
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import TrigramSimilarity

        return (
            businesses.annotate(similarity=TrigramSimilarity("name", name))
            .filter(name__trigram_similar=name)
            .order_by("-similarity")[:limit]
        )
    return businesses.filter(name__icontains=name)[:limit]
