"""A product's certificates (halal, P-IRT, BPOM...): added, changed, removed by its editors, and
vouched for by the agency that saw the original."""

from typing import TYPE_CHECKING, Any, Literal

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from agencies.models import Agency
from catalog import rules
from catalog.models import Certificate, Product
from catalog.uploads import clean_scan
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
    certificate: Certificate,
    by: "User",
    verified: bool,
    fields: dict[str, Any],
    scan: File | Literal[False] | None = None,
) -> Certificate:
    """`scan`: a new scan (checked, re-encoded when a picture), False to remove the scan, None
    to leave it as it is. A replaced or removed scan's file goes once the change is committed;
    nothing is stored when the certificate is refused."""
    assign(certificate, fields, set(CERTIFICATE_FIELDS))
    previous = certificate.scan.name if certificate.scan else ""
    if scan:
        try:
            certificate.scan = clean_scan(scan)
        except ValidationError as error:
            raise ValidationError({"scan": error.messages}) from error
    elif scan is False:
        certificate.scan = ""
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
    saved = save_valid(certificate, by)
    if previous and previous != saved.scan.name:
        storage = saved.scan.storage
        transaction.on_commit(lambda: storage.delete(previous))
    return saved


@transaction.atomic
def add_certificate(
    *,
    product: Product,
    by: "User",
    verified: bool = False,
    scan: File | Literal[False] | None = None,
    **fields: Any,
) -> Certificate:
    """A certificate of `product`; `verified`: the user's agency has seen the original;
    `scan`: a PDF, JPEG or PNG of it (catalog.uploads.clean_scan)."""
    require(rules.can_edit_product(by, product))
    return _write(Certificate(product=product), by, verified, fields, scan)


@transaction.atomic
def update_certificate(
    *,
    certificate: Certificate,
    by: "User",
    verified: bool,
    scan: File | Literal[False] | None = None,
    **fields: Any,
) -> Certificate:
    """Change a certificate; unticking `verified` withdraws the verification; `scan` as for
    `_write`."""
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    require(rules.can_edit_product(by, certificate.product))
    return _write(certificate, by, verified, fields, scan)


@transaction.atomic
def remove_certificate(*, certificate: Certificate, by: "User") -> None:
    require(rules.can_edit_product(by, certificate.product))
    scan = certificate.scan.name if certificate.scan else ""
    certificate.delete()
    if scan:
        storage = certificate.scan.storage
        transaction.on_commit(lambda: storage.delete(scan))
