"""Where to buy or procure a product (marketplaces, e-Katalog): links added and removed by the
product's editors."""

from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Max

from catalog import rules
from catalog.models import Product, ProductLink
from umkm_portal.services import require, save_valid

if TYPE_CHECKING:  # the model AUTH_USER_MODEL names, as the Django plugin resolves it
    from django.contrib.auth.models import User


@transaction.atomic
def add_link(*, product: Product, by: "User", kind: str, url: str) -> ProductLink:
    """A link of `product`, shown after its others."""
    require(rules.can_edit_product(by, product))
    last = product.links.aggregate(last=Max("order"))["last"] or 0
    return save_valid(ProductLink(product=product, kind=kind, url=url, order=last + 1), by)


@transaction.atomic
def remove_link(*, link: ProductLink, by: "User") -> None:
    require(rules.can_edit_product(by, link.product))
    link.delete()
