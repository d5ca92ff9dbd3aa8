"""Reminders about the catalogue: certificates that expire, flagship designations that end, and
co-curation invitations nobody answered."""

import datetime
from collections.abc import Iterator

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from agencies.models import Role
from catalog.models import Certificate, Collaboration, Designation, Product
from notifications.models import Kind

from .base import (
    INVITATION_DAYS,
    WINDOW,
    Due,
    Notice,
    day,
    in_days,
    reached,
    staff,
    staff_and_reviewers,
    start_of,
    unsent,
)

#: Days before a certificate expires (0: on the day, and after it within the window).
CERTIFICATE_THRESHOLDS = (60, 30, 7, 0)
#: Days before a designation ends.
DESIGNATION_THRESHOLDS = (90, 30)


def certificates(today: datetime.date) -> Iterator[Due]:
    """Certificates expiring within 60 days, or expired within the window, of products that are
    not archived → editors and managers of the owning and co-curating agencies."""
    found = (
        Certificate.objects.filter(
            expires_on__gte=today - datetime.timedelta(days=WINDOW),
            expires_on__lte=today + datetime.timedelta(days=max(CERTIFICATE_THRESHOLDS)),
        )
        .exclude(product__status=Product.Status.ARCHIVED)
        .select_related("product__business")
        .order_by("expires_on", "pk")
    )
    expiring = reached(found, _expiry, CERTIFICATE_THRESHOLDS, today)
    for certificate, threshold in unsent(Kind.CERTIFICATE_EXPIRING, expiring):
        product = certificate.product
        agencies = {product.owner_agency_id} | set(
            product.collaborations.accepted().values_list("agency_id", flat=True)
        )
        yield Due(
            Kind.CERTIFICATE_EXPIRING,
            certificate.pk,
            threshold,
            [
                Notice(
                    staff(agencies),
                    Kind.CERTIFICATE_EXPIRING,
                    _certificate_message(certificate, today),
                    reverse("workspace-product", args=[product.slug]),
                )
            ],
        )


def _expiry(certificate: Certificate) -> datetime.date:
    assert certificate.expires_on is not None  # the query took only dated ones
    return certificate.expires_on


def _certificate_message(certificate: Certificate, today: datetime.date):
    product = certificate.product
    expires_on = _expiry(certificate)
    days_left = (expires_on - today).days

    def message() -> tuple[str, str]:
        words = {
            "kind": certificate.get_kind_display(),
            "number": certificate.number,
            "product": product.name,
            "business": product.business.name,
            "date": day(expires_on),
            "in_days": in_days(days_left),
        }
        if days_left > 0:
            title = _("%(kind)s certificate of %(product)s expires on %(date)s") % words
            lead = _(
                "The %(kind)s certificate %(number)s of %(product)s (%(business)s) expires "
                "on %(date)s, %(in_days)s."
            )
        elif days_left == 0:
            title = _("%(kind)s certificate of %(product)s expires today") % words
            lead = _(
                "The %(kind)s certificate %(number)s of %(product)s (%(business)s) expires "
                "today, %(date)s."
            )
        else:
            title = _("%(kind)s certificate of %(product)s expired on %(date)s") % words
            lead = _(
                "The %(kind)s certificate %(number)s of %(product)s (%(business)s) expired "
                "on %(date)s. The product page shows it as expired and it no longer counts in "
                "the certificate filters."
            )
        advice = _(
            "Help the business renew it, then record the new certificate on the product's page."
        )
        return title, f"{lead % words}\n{advice}"

    return message


def designations(today: datetime.date) -> Iterator[Due]:
    """Unrevoked designations ending within 90 days, unless a later one of the same product
    is already issued → the nominating agency's editors and managers and the leading-sector
    reviewers: time for re-evaluation."""
    later = Designation.objects.filter(
        product=OuterRef("product"),
        revoked_at__isnull=True,
        valid_from__gt=OuterRef("valid_until"),
    )
    found = (
        Designation.objects.filter(
            revoked_at__isnull=True,
            valid_until__gte=today,
            valid_until__lte=today + datetime.timedelta(days=max(DESIGNATION_THRESHOLDS)),
        )
        .exclude(Exists(later))
        .select_related("product", "nomination__agency")
        .order_by("valid_until", "pk")
    )
    ending = reached(found, lambda d: d.valid_until, DESIGNATION_THRESHOLDS, today)
    for designation, threshold in unsent(Kind.DESIGNATION_ENDING, ending):
        agency = designation.nomination.agency

        def message(designation=designation, agency=agency) -> tuple[str, str]:
            words = {
                "product": designation.product.name,
                "decree": designation.decree_number,
                "year": designation.year,
                "date": day(designation.valid_until),
                "in_days": in_days((designation.valid_until - today).days),
                "agency": agency.name,
            }
            title = _("Flagship designation of %(product)s ends on %(date)s") % words
            body = (
                _(
                    "The flagship designation of %(product)s (%(year)s, decree %(decree)s) ends on "
                    "%(date)s, %(in_days)s. It is time for re-evaluation: %(agency)s may nominate "
                    "the product again, and the leading sectors can plan its assessment."
                )
                % words
            )
            return title, body

        yield Due(
            Kind.DESIGNATION_ENDING,
            designation.pk,
            threshold,
            [
                Notice(
                    staff_and_reviewers(agency.pk),
                    Kind.DESIGNATION_ENDING,
                    message,
                    reverse("workspace-nomination", args=[designation.nomination_id]),
                )
            ],
        )


def collaborations(today: datetime.date) -> Iterator[Due]:
    """Co-curation invitations pending for 7 days (invited at most the window earlier) → the
    invited agency's managers. The Reminder row is kept under COLLABORATION_INVITED (it names
    the Collaboration); the notification is an INVITATION_WAITING."""
    last_day = today - datetime.timedelta(days=INVITATION_DAYS)
    found = (
        Collaboration.objects.pending()
        .filter(
            invited_at__lt=start_of(last_day + datetime.timedelta(days=1)),
            invited_at__gte=start_of(last_day - datetime.timedelta(days=WINDOW)),
        )
        .select_related("product__owner_agency", "agency")
        .order_by("invited_at", "pk")
    )
    for collaboration, _zero in unsent(Kind.COLLABORATION_INVITED, ((c, 0) for c in found)):

        def message(collaboration=collaboration) -> tuple[str, str]:
            words = {
                "owner": collaboration.product.owner_agency.name,
                "agency": collaboration.agency.name,
                "product": collaboration.product.name,
                "date": day(timezone.localtime(collaboration.invited_at).date()),
                "note": collaboration.note or "-",
            }
            title = _("The invitation to co-curate %(product)s waits for your answer") % words
            body = (
                _(
                    "%(owner)s invited %(agency)s on %(date)s to co-curate %(product)s "
                    "(contribution: %(note)s). Accept or decline the invitation in the workspace."
                )
                % words
            )
            return title, body

        yield Due(
            Kind.COLLABORATION_INVITED,
            collaboration.pk,
            0,
            [
                Notice(
                    staff([collaboration.agency_id], [Role.MANAGER]),
                    Kind.INVITATION_WAITING,
                    message,
                    reverse("workspace-collaborations"),
                )
            ],
        )
