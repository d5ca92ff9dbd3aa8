"""Products: create, edit, publish, unpublish, archive, hand over."""

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Protocol

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from agencies.models import Agency
from catalog import rules
from catalog.models import Business, Collaboration, Product
from umkm_portal.services import NotAllowedNow, assign, require, save_valid

from .slugs import choose_slug

if TYPE_CHECKING:  # the model AUTH_USER_MODEL names, as the Django plugin resolves it
    from django.contrib.auth.models import User
    from django_stubs_ext import StrOrPromise

#: What editors (owner and co-curators) may change through `update_product`, in the order
#: forms and files show them: the form, the API's serializers and the spreadsheet import all
#: read this list.
PRODUCT_CONTENT_FIELDS: tuple[str, ...] = (
    "name", "name_en", "summary", "summary_en", "description", "description_en", "category",
    "price_min", "price_max", "unit",
)  # fmt: skip
S = Product.Status


@transaction.atomic
def create_product(
    *,
    by: "User",
    owner_agency: Agency,
    business: Business,
    status: str = S.DRAFT,
    slug: str = "",
    **fields: Any,
) -> Product:
    """A new product of `business`, curated by `owner_agency` (one of the creator's agencies);
    `slug` only when the caller names the product already (a spreadsheet row)."""
    require(rules.can_create_product(by, owner_agency))
    if not business.is_active:
        raise ValidationError({"business": _("This business is inactive.")})
    if status not in (S.DRAFT, S.PUBLISHED):
        raise ValidationError({"status": _("A new product is a draft or published.")})
    product = Product(business=business, owner_agency=owner_agency, created_by=by, updated_by=by)
    assign(product, fields, set(PRODUCT_CONTENT_FIELDS))
    product.status = status
    if status == S.PUBLISHED:
        product.published_at = timezone.now()
    return save_valid(product, by, exclude=choose_slug(product, slug))


@transaction.atomic
def update_product(*, product: Product, by: "User", **fields: Any) -> Product:
    """Change the content: the owner agency's and accepted co-curators' editors."""
    product = Product.objects.select_for_update().get(pk=product.pk)
    require(rules.can_edit_product(by, product))
    assign(product, fields, set(PRODUCT_CONTENT_FIELDS))
    product.updated_by = by
    return save_valid(product, by)


def _move(
    product: Product,
    by: "User",
    *,
    to: str,
    allowed_from: Iterable[str],
    message: "StrOrPromise",
) -> Product:
    product = Product.objects.select_for_update().get(pk=product.pk)
    require(rules.can_manage_product(by, product))
    if product.status not in allowed_from:
        raise NotAllowedNow(message)
    product.status = to
    product.updated_by = by
    if to == S.PUBLISHED:
        if not product.business.is_active:
            raise ValidationError({"business": _("The business is inactive: reactivate it first.")})
        product.published_at = product.published_at or timezone.now()
    return save_valid(product, by)


@transaction.atomic
def publish(*, product: Product, by: "User") -> Product:
    return _move(
        product, by, to=S.PUBLISHED, allowed_from=(S.DRAFT, S.ARCHIVED),
        message=_("The product is already published."),
    )  # fmt: skip


@transaction.atomic
def unpublish(*, product: Product, by: "User") -> Product:
    return _move(
        product, by, to=S.DRAFT, allowed_from=(S.PUBLISHED,),
        message=_("Only a published product can be unpublished."),
    )  # fmt: skip


@transaction.atomic
def archive(*, product: Product, by: "User") -> Product:
    """Archive (the API's DELETE): the product stays in the database and its history."""
    return _move(
        product, by, to=S.ARCHIVED, allowed_from=(S.DRAFT, S.PUBLISHED),
        message=_("The product is already archived."),
    )  # fmt: skip


class Move(Protocol):
    def __call__(self, *, product: Product, by: "User") -> Product: ...


#: The move that brings a product to each status.
STATUS_CHANGES: dict[str, Move] = {
    S.PUBLISHED: publish,
    S.DRAFT: unpublish,
    S.ARCHIVED: archive,
}


@transaction.atomic
def change_status(*, product: Product, by: "User", status: str) -> Product:
    """Bring `product` to `status` by the one move that leads there (publish, unpublish,
    archive), for callers that are given the status wanted rather than the move."""
    move = STATUS_CHANGES.get(status)
    if move is None:
        require(rules.can_manage_product(by, product))
        raise ValidationError({"status": _("A product is a draft, published or archived.")})
    return move(product=product, by=by)


@transaction.atomic
def hand_over(*, product: Product, by: "User", agency: Agency) -> Product:
    """Give the product to another of the user's agencies. A collaboration of the new owner ends
    (an agency does not co-curate its own product); the trail keeps it."""
    product = Product.objects.select_for_update().get(pk=product.pk)
    require(rules.can_hand_over_product(by, product, agency))
    if agency.pk == product.owner_agency_id:
        raise ValidationError({"owner_agency": _("The product already belongs to this agency.")})
    product.collaborations.filter(agency=agency, status__in=Collaboration.LIVE_STATUSES).update(
        status=Collaboration.Status.ENDED, ended_by=by, ended_at=timezone.now()
    )
    product.owner_agency = agency
    product.updated_by = by
    return save_valid(product, by)
