"""A product's certificates (halal, P-IRT, BPOM...): added, changed, removed by its editors, and
vouched for by the agency that saw the original."""

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from agencies.models import Agency
from catalog import rules
from catalog.models import Certificate, Product
from umkm_portal.services import assign, require, save_valid

if TYPE_CHECKING:  # the model AUTH_USER_MODEL names, as the Django plugin resolves it
    from django.contrib.auth.models import User

#: What editors write on a certificate; who verified it follows from `verified`.
CERTIFICATE_FIELDS = ("kind", "number", "issued_on", "expires_on")


def verifying_agency(user: "User", product: Product) -> Agency | None:
    """The agency that vouches for a certificate: the owner agency when the user acts for it (or
    is an administrator), otherwise the user's agency that co-curates the product."""
    if rules.can_manage_product(user, product):
        return product.owner_agency
    co_curating = product.collaborations.accepted().values("agency_id")
    return rules.editing_agencies(user).filter(pk__in=co_curating).first()


def _write(
    certificate: Certificate, by: "User", verified: bool, fields: dict[str, Any]
) -> Certificate:
    assign(certificate, fields, set(CERTIFICATE_FIELDS))
    issued, expires = certificate.issued_on, certificate.expires_on
    if issued and expires and expires < issued:
        raise ValidationError(
            {"expires_on": _("A certificate cannot expire before it was issued.")}
        )
    if not verified:
        certificate.verified_by, certificate.verified_at = None, None
    elif not certificate.verified_by_id:  # a verification stays with the agency that made it
        certificate.verified_by = verifying_agency(by, certificate.product)
        certificate.verified_at = timezone.now()
    return save_valid(certificate, by)


@transaction.atomic
def add_certificate(
    *, product: Product, by: "User", verified: bool = False, **fields: Any
) -> Certificate:
    """A certificate of `product`; `verified`: the user's agency has seen the original."""
    require(rules.can_edit_product(by, product))
    return _write(Certificate(product=product), by, verified, fields)


@transaction.atomic
def update_certificate(
    *, certificate: Certificate, by: "User", verified: bool, **fields: Any
) -> Certificate:
    """Change a certificate; unticking `verified` withdraws the verification."""
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    require(rules.can_edit_product(by, certificate.product))
    return _write(certificate, by, verified, fields)


@transaction.atomic
def remove_certificate(*, certificate: Certificate, by: "User") -> None:
    require(rules.can_edit_product(by, certificate.product))
    certificate.delete()
