"""Services: one-to-one help recorded by an agency for one business; corrected or voided only by
the agency that gave it, never deleted."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from agencies.models import Agency
from catalog.models import Business, Certificate
from support import rules
from support.models import Agreement, Partner, Service, Stage
from support.models.stages import STAGE_OF_SERVICE_KIND
from support.services.agreements import check_record_under
from umkm_portal.services import NotAllowedNow, assign, require, save_valid

SERVICE_FIELDS: tuple[str, ...] = (
    "stage", "kind", "provided_on", "hours", "mentor_name", "summary", "outcome", "benefit",
    "amount", "target_certificate_kind", "certificate",
)  # fmt: skip


def default_stage(kind: str) -> Stage | None:
    """The stage a kind of service serves unless the user says otherwise."""
    code = STAGE_OF_SERVICE_KIND.get(kind)
    return Stage.objects.filter(code=code).first() if code else None


def _check_certificate(service: Service) -> None:
    certificate: Certificate | None = service.certificate
    if certificate is not None and certificate.product.business_id != service.business_id:
        raise ValidationError({"certificate": _("This certificate is not this business's.")})


def check_changeable(service: Service, by) -> None:
    """Correct or void: 403 unless `by` edits for the providing agency, then 409 once the
    service is voided (it is kept as it was). Pages and the API ask it before they read a form
    or a body; the services below ask it again under their row lock."""
    require(rules.can_change_service(by, service))
    if service.is_voided:
        raise NotAllowedNow(_("This service is voided."))


def _check_agreement(service: Service) -> None:
    """A service under an agreement is given by one of its parties, within its term."""
    agreement: Agreement | None = service.agreement
    if agreement is None:
        if service.partner_id is not None:
            raise ValidationError(
                {"agreement": _("A partner records its help under one of its agreements.")}
            )
        return
    check_record_under(agreement, agency=service.agency, partner=service.partner)
    if service.provided_on and not agreement.covers(service.provided_on, service.provided_on):
        raise ValidationError({"provided_on": _("This date lies outside the agreement's term.")})


@transaction.atomic
def record_service(
    *,
    by,
    business: Business,
    agency: Agency | None = None,
    partner: Partner | None = None,
    agreement: Agreement | None = None,
    **fields: Any,
) -> Service:
    """Record help given as `agency` to an active business (any business: the record is
    shared), or as `partner` under one of its agreements that is active or expiring (partner
    staff, DESIGN §8); `agreement` is optional for an agency."""
    if (agency is None) == (partner is None):
        raise ValidationError({"agency": _("Give the service as an agency or as a partner.")})
    require(rules.can_record_service(by, agency, partner=partner, agreement=agreement))
    if not business.is_active:
        raise ValidationError({"business": _("This business is inactive.")})
    service = Service(
        agency=agency, partner=partner, agreement=agreement, business=business, recorded_by=by
    )
    assign(service, fields, set(SERVICE_FIELDS))
    if service.stage_id is None and service.kind:
        service.stage = default_stage(service.kind)
    if not service.provided_on:
        service.provided_on = timezone.localdate()
    _check_certificate(service)
    _check_agreement(service)
    return save_valid(service, by)


@transaction.atomic
def correct_service(*, service: Service, by, **fields: Any) -> Service:
    service = Service.objects.select_for_update().get(pk=service.pk)
    check_changeable(service, by)
    assign(service, fields, set(SERVICE_FIELDS))
    _check_certificate(service)
    _check_agreement(service)
    return save_valid(service, by)


@transaction.atomic
def void_service(*, service: Service, by, reason: str) -> Service:
    service = Service.objects.select_for_update().get(pk=service.pk)
    check_changeable(service, by)
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the service is voided.")})
    service.voided_at, service.voided_by, service.void_reason = timezone.now(), by, reason
    return save_valid(service, by)
