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
from support.models import Service, Stage
from support.models.stages import STAGE_OF_SERVICE_KIND
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


@transaction.atomic
def record_service(*, by, agency: Agency, business: Business, **fields: Any) -> Service:
    """Record help given as `agency` to an active business (any business: the record is shared)."""
    require(rules.can_record_service(by, agency))
    if not business.is_active:
        raise ValidationError({"business": _("This business is inactive.")})
    service = Service(agency=agency, business=business, recorded_by=by)
    assign(service, fields, set(SERVICE_FIELDS))
    if service.stage_id is None and service.kind:
        service.stage = default_stage(service.kind)
    if not service.provided_on:
        service.provided_on = timezone.localdate()
    _check_certificate(service)
    return save_valid(service, by)


@transaction.atomic
def correct_service(*, service: Service, by, **fields: Any) -> Service:
    service = Service.objects.select_for_update().get(pk=service.pk)
    check_changeable(service, by)
    assign(service, fields, set(SERVICE_FIELDS))
    _check_certificate(service)
    return save_valid(service, by)


@transaction.atomic
def void_service(*, service: Service, by, reason: str) -> Service:
    service = Service.objects.select_for_update().get(pk=service.pk)
    check_changeable(service, by)
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the service is voided.")})
    service.voided_at, service.voided_by, service.void_reason = timezone.now(), by, reason
    return save_valid(service, by)
