"""The flagship workflow (DESIGN §3): nominate, submit, review, decide, revoke.

One function per step, called by the workspace pages and the API alike. Every transition runs
in a transaction, locks the nomination row, checks in the order the API promises — who may act
(PermissionDenied, 403), whether the state allows it (NotAllowedNow, 409), whether the data is
valid (ValidationError, 400) — writes exactly one NominationEvent, and e-mails the people who
act next after the transaction commits. When two people act at once, the row lock makes one
wait; it then finds the state changed and gets 409.
"""

import logging
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_fsm import can_proceed

from catalog import notify_workflow, rules
from catalog.models import (
    Assessment,
    AssessmentScore,
    Criterion,
    Designation,
    Nomination,
    NominationEvent,
)
from umkm_portal.services import NotAllowedNow

MAX_DECREE_BYTES = 10 * 1024 * 1024
logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Step:
    method: str
    comment_required: bool = False


STEPS = {
    "submit": Step("submit"),
    "withdraw": Step("withdraw"),
    "request_changes": Step("request_changes", comment_required=True),
    "resubmit": Step("resubmit"),
    "recommend": Step("recommend"),
    "reject": Step("reject", comment_required=True),
    "approve": Step("approve"),
    "decline": Step("decline", comment_required=True),
}


def _no_nul(value, field):
    """Text with a NUL byte is refused (PostgreSQL cannot store it; SQLite would)."""
    if isinstance(value, str) and "\x00" in value:
        raise ValidationError({field: _("Null characters are not allowed.")})


def _agency_of(user, nomination):
    """The agency the actor acts for: the nominating agency for its staff, the reviewer's
    leading-sector agency for reviewers, none for administrators."""
    if nomination.agency_id in rules.editing_agency_ids(user):
        return nomination.agency
    return rules.reviewing_agencies(user).first()


def _record(nomination, by, action, from_state, comment=""):
    return NominationEvent.objects.create(
        nomination=nomination,
        action=action,
        from_state=from_state,
        to_state=nomination.state,
        actor=by,
        agency=_agency_of(by, nomination),
        comment=comment,
    )


@transaction.atomic
def nominate(*, product, by, justification, evidence="", agency=None) -> Nomination:
    """A draft nomination by an agency that owns or co-curates the (published) product."""
    agencies = list(rules.nominating_agencies(by, product))
    if agency is None and len(agencies) == 1:
        agency = agencies[0]
    if not agencies or (agency is not None and agency not in agencies):
        raise PermissionDenied(_("Your agency does not curate this published product."))
    if agency is None:
        raise ValidationError({"agency": _("Choose the nominating agency.")})
    if product.nominations.open().exists():
        raise NotAllowedNow(_("This product already has a nomination under way."))
    if not (justification or "").strip():
        raise ValidationError({"justification": _("Say why this product should be a flagship.")})
    _no_nul(justification, "justification")
    _no_nul(evidence, "evidence")
    try:
        with transaction.atomic():
            nomination = Nomination.objects.create(
                product=product,
                agency=agency,
                justification=justification,
                evidence=evidence or "",
                created_by=by,
            )
    except IntegrityError as error:  # another nomination was made at the same moment
        raise NotAllowedNow(_("This product already has a nomination under way.")) from error
    _record(nomination, by, "nominate", "")
    return nomination


@transaction.atomic
def update_draft(*, nomination, by, **fields) -> Nomination:
    nomination = Nomination.objects.select_for_update().get(pk=nomination.pk)
    if not rules.can_act_as_nominator(by, nomination):
        raise PermissionDenied(_("Only the nominating agency edits its nomination."))
    if nomination.state != Nomination.State.DRAFT:
        raise NotAllowedNow(_("Only a draft can be edited."))
    refused = set(fields) - {"justification", "evidence"}
    if refused:
        raise ValidationError({name: _("This field cannot be changed here.") for name in refused})
    if not fields:
        return nomination  # nothing to change: the checks above were the point
    for name, value in fields.items():
        _no_nul(value, name)
        setattr(nomination, name, value)
    nomination.full_clean(exclude=["state"])  # protected: only transitions may touch it
    nomination.save()
    return nomination


@transaction.atomic
def act(*, nomination, by, action, comment="", **details) -> Nomination:
    """Take one step of the workflow: `action` is a key of STEPS."""
    step = STEPS.get(action)
    if step is None:
        raise ValidationError({"action": _("Unknown action.")})
    nomination = Nomination.objects.select_for_update().get(pk=nomination.pk)
    method = getattr(nomination, step.method)
    if not _permitted(method, nomination, by):
        raise PermissionDenied(_("You may not take this step on this nomination."))
    if not can_proceed(method):
        raise NotAllowedNow(
            _("This step is not possible while the nomination is “%(state)s”.")
            % {"state": nomination.get_state_display()}
        )
    comment = (comment or "").strip()
    _no_nul(comment, "comment")
    if step.comment_required and not comment:
        raise ValidationError({"comment": _("A comment is required for this step.")})
    if action == "recommend" and not _has_complete_assessment(nomination, by):
        raise ValidationError(
            {"scores": _("Score every criterion of the rubric before recommending.")}
        )
    period = _clean_period(details) if action == "approve" else None
    from_state = nomination.state
    method(by=by)
    nomination.save()
    event = _record(nomination, by, action, from_state, comment)
    if period is not None:
        _designate(nomination, by, **period)
    transaction.on_commit(lambda: notify_workflow.moved(nomination, event))
    logger.info(
        "nomination %s: %s (%s → %s) by %s", nomination.pk, action, from_state,
        nomination.state, by.pk,
    )  # fmt: skip
    return nomination


def _permitted(method, nomination, user) -> bool:
    """Whether the user may take this transition at all, whatever the state (the permission
    declared on the model's transition, the same from every source): so that 403 ("never
    yours") is decided before 409 ("yours, but not now")."""
    transition = next(iter(method._django_fsm.transitions.values()))
    return transition.has_perm(nomination, user)


def _has_complete_assessment(nomination, reviewer) -> bool:
    return nomination.assessments.filter(reviewer=reviewer).complete().exists()


def _clean_period(details) -> dict:
    errors = {}
    decree_number = (details.get("decree_number") or "").strip()
    if not decree_number:
        errors["decree_number"] = _("The decree number (Nomor SK) is required.")
    elif len(decree_number) > 100:
        errors["decree_number"] = _("At most 100 characters.")
    valid_from, valid_until = details.get("valid_from"), details.get("valid_until")
    for name, value in (("valid_from", valid_from), ("valid_until", valid_until)):
        if not isinstance(value, date):
            errors[name] = _("Enter a date.")
    if not errors.get("valid_from") and not errors.get("valid_until") and valid_until < valid_from:
        errors["valid_until"] = _("The period cannot end before it starts.")
    year = details.get("year") or (valid_from.year if isinstance(valid_from, date) else None)
    if not isinstance(year, int) or not 2000 <= year <= 2100:
        errors["year"] = _("Enter the year of the period.")
    decree_file = details.get("decree_file")
    if decree_file is not None:
        errors.update(_check_pdf(decree_file))
    if errors:
        raise ValidationError(errors)
    return {
        "year": year,
        "valid_from": valid_from,
        "valid_until": valid_until,
        "decree_number": decree_number,
        "decree_file": decree_file,
    }


def _check_pdf(upload) -> dict:
    if upload.size > MAX_DECREE_BYTES:
        return {"decree_file": _("The decree PDF is larger than 10 MB.")}
    upload.seek(0)
    if upload.read(5) != b"%PDF-":
        return {"decree_file": _("The decree must be a PDF file.")}
    upload.seek(0)
    return {}


def _designate(nomination, by, *, decree_file, **period) -> Designation:
    designation = Designation(
        product=nomination.product,
        nomination=nomination,
        approved_by=by,
        approved_at=timezone.now(),
        **period,
    )
    if decree_file is not None:
        designation.decree_file.save("sk.pdf", decree_file, save=False)
    try:
        with transaction.atomic():
            designation.save()
    except IntegrityError as error:
        if decree_file is not None:
            designation.decree_file.delete(save=False)
        raise ValidationError(
            {"year": _("The product already holds a designation for this year.")}
        ) from error
    return designation


@transaction.atomic
def assess(*, nomination, by, scores: dict, comment="") -> Assessment:
    """A reviewer's scores (1–5 for each criterion code) and comment; scoring again replaces
    the reviewer's earlier scores."""
    nomination = Nomination.objects.select_for_update().get(pk=nomination.pk)
    if not rules.can_review(by, nomination):
        raise PermissionDenied(_("Only leading-sector reviewers assess, and not their own."))
    if nomination.state != Nomination.State.SUBMITTED:
        raise NotAllowedNow(_("Only a submitted nomination can be assessed."))
    _no_nul(comment, "comment")
    criteria = {criterion.code: criterion for criterion in Criterion.objects.active()}
    errors = {}
    if not isinstance(scores, dict) or not scores:
        raise ValidationError({"scores": _("Give a score from 1 to 5 for each criterion.")})
    for code, value in scores.items():
        if code not in criteria:
            errors[code] = _("Unknown criterion.")
        elif isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
            errors[code] = _("A score is a whole number from 1 to 5.")
    if errors:
        raise ValidationError(
            {"scores": [f"{code}: {message}" for code, message in errors.items()]}
        )
    agency = rules.reviewing_agencies(by).first()
    assessment, _created = Assessment.objects.update_or_create(
        nomination=nomination,
        reviewer=by,
        defaults={"agency": agency, "comment": (comment or "").strip()},
    )
    for code, value in scores.items():
        AssessmentScore.objects.update_or_create(
            assessment=assessment, criterion=criteria[code], defaults={"score": value}
        )
    return assessment


@transaction.atomic
def revoke(*, designation, by, reason) -> Designation:
    designation = Designation.objects.select_for_update().get(pk=designation.pk)
    if not rules.can_revoke(by, designation):
        raise PermissionDenied(_("Only provincial administrators revoke designations."))
    if designation.revoked_at is not None:
        raise NotAllowedNow(_("This designation has been revoked already."))
    reason = (reason or "").strip()
    _no_nul(reason, "reason")
    if not reason:
        raise ValidationError({"reason": _("Say why the designation is revoked.")})
    designation.revoked_by, designation.revoked_at = by, timezone.now()
    designation.revocation_reason = reason
    designation.save()
    nomination = designation.nomination
    event = NominationEvent.objects.create(
        nomination=nomination,
        action="revoke",
        from_state=nomination.state,
        to_state=nomination.state,
        actor=by,
        comment=reason,
    )
    transaction.on_commit(lambda: notify_workflow.moved(nomination, event))
    return designation
