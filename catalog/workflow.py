"""The flagship workflow (docs/architecture.md §3): nominate, submit, review, decide, revoke.

One function per step, called by the workspace pages and the API alike, and `check()`, which a
caller asks first so that every client hears "never yours" (PermissionDenied, 403) before "not
now" (NotAllowedNow, 409) and both before "invalid input" (the caller's form or serializer, 400).
Every step runs in a transaction, locks the nomination row and checks again under the lock (so
when two people act at once, the one who waited finds the state changed and gets 409), lets the
models validate the data (`full_clean`), writes exactly one NominationEvent, and e-mails the
people who act next after the transaction commits.
"""

import logging
from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_fsm import can_proceed

from agencies.models import Agency
from catalog import notify_workflow, rules
from catalog.models import (
    Assessment,
    AssessmentScore,
    Criterion,
    Designation,
    Nomination,
    NominationEvent,
    Product,
)
from umkm_portal.services import NotAllowedNow, assign, require

if TYPE_CHECKING:  # the model AUTH_USER_MODEL names, as the Django plugin resolves it
    from django.contrib.auth.models import User

logger = logging.getLogger(__name__)

Action = NominationEvent.Action
State = Nomination.State

#: The transitions `act` takes, in the order the pages offer them.
TRANSITIONS = (
    Action.SUBMIT,
    Action.RESUBMIT,
    Action.WITHDRAW,
    Action.REQUEST_CHANGES,
    Action.RECOMMEND,
    Action.REJECT,
    Action.APPROVE,
    Action.DECLINE,
)
#: Transitions that need a comment saying what and why.
COMMENT_REQUIRED = frozenset({Action.REQUEST_CHANGES, Action.REJECT, Action.DECLINE})
#: Steps that are no transition and write no event, checked like the transitions.
ASSESS, EDIT = "assess", "edit"


def check(nomination: Nomination, user: "User", action: str) -> None:
    """May `user` take `action` (a transition, ASSESS or EDIT) on `nomination` now?
    PermissionDenied when the step is never theirs on it (role, four eyes), NotAllowedNow when
    it is theirs but not from the current state; nothing when they may go ahead."""
    if action == EDIT:
        require(
            rules.can_act_as_nominator(user, nomination),
            _("Only the nominating agency edits its nomination."),
        )
        if nomination.state != State.DRAFT:
            raise NotAllowedNow(_("Only a draft can be edited."))
        return
    if action == ASSESS:
        require(
            rules.can_review(user, nomination),
            _("Only leading-sector reviewers assess, and not their own."),
        )
        if nomination.state != State.SUBMITTED:
            raise NotAllowedNow(_("Only a submitted nomination can be assessed."))
        return
    if action not in TRANSITIONS:
        raise ValueError(f"not a step of the workflow: {action!r}")
    # The permission declared on the model's transition, whatever the state: so that 403
    # ("never yours") is decided before 409 ("yours, but not now").
    transitions = [t for t in nomination.get_all_state_transitions() if t.name == action]
    require(
        any(transition.has_perm(nomination, user) for transition in transitions),
        _("You may not take this step on this nomination."),
    )
    if not can_proceed(getattr(nomination, action)):
        raise NotAllowedNow(
            _("This step is not possible while the nomination is “%(state)s”.")
            % {"state": nomination.get_state_display()}
        )


def check_nominate(product: Product, user: "User") -> None:
    """May `user` nominate `product` now? 403 unless one of their agencies curates the published
    product; 409 while the product has a nomination under way."""
    require(
        rules.can_nominate(user, product), _("Your agency does not curate this published product.")
    )
    if product.nominations.open().exists():
        raise NotAllowedNow(_("This product already has a nomination under way."))


def check_revoke(designation: Designation, user: "User") -> None:
    """May `user` revoke `designation` now? 403 for anyone but an administrator; 409 once it is
    revoked."""
    require(
        rules.can_revoke(user, designation),
        _("Only provincial administrators revoke designations."),
    )
    if designation.revoked_at is not None:
        raise NotAllowedNow(_("This designation has been revoked already."))


def _agency_of(user: "User", nomination: Nomination) -> Agency | None:
    """The agency the actor acts for: the nominating agency for its staff, the reviewer's
    leading-sector agency for reviewers, none for administrators."""
    if nomination.agency_id in rules.editing_agency_ids(user):
        return nomination.agency
    return rules.reviewing_agencies(user).first()


def _record(
    nomination: Nomination, by: "User", action: str, from_state: str, comment: str = ""
) -> NominationEvent:
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
def nominate(
    *,
    product: Product,
    by: "User",
    justification: str,
    evidence: str = "",
    agency: Agency | None = None,
) -> Nomination:
    """A draft nomination by an agency that owns or co-curates the (published) product; the
    nominating agency may be left out when the user nominates through one agency only."""
    check_nominate(product, by)
    agencies = list(rules.nominating_agencies(by, product))
    if agency is None and len(agencies) == 1:
        agency = agencies[0]
    require(
        agency is None or agency in agencies,
        _("Your agency does not curate this published product."),
    )
    if agency is None:
        raise ValidationError({"agency": _("Choose the nominating agency.")})
    nomination = Nomination(
        product=product,
        agency=agency,
        justification=justification,
        evidence=evidence,
        created_by=by,
    )
    # The state is protected (only transitions set it); the open-nomination rule was checked
    # above and the database keeps it against a simultaneous nomination.
    nomination.full_clean(exclude=["state"], validate_constraints=False)
    try:
        with transaction.atomic():
            nomination.save()
    except IntegrityError as error:  # another nomination was made at the same moment
        raise NotAllowedNow(_("This product already has a nomination under way.")) from error
    _record(nomination, by, Action.NOMINATE, "")
    return nomination


@transaction.atomic
def update_draft(*, nomination: Nomination, by: "User", **fields: str) -> Nomination:
    """Change the justification or the evidence of a draft."""
    nomination = Nomination.objects.select_for_update().get(pk=nomination.pk)
    check(nomination, by, EDIT)
    assign(nomination, fields, allowed={"justification", "evidence"})
    nomination.full_clean(exclude=["state"])  # protected: only transitions may touch it
    nomination.save()
    return nomination


@transaction.atomic
def act(
    *,
    nomination: Nomination,
    by: "User",
    action: str,
    comment: str = "",
    **decree: Any,
) -> Nomination:
    """Take one transition (a member of TRANSITIONS). Approving takes the designation's
    `year` (by default the year the period starts), `valid_from`, `valid_until`,
    `decree_number` and optionally `decree_file`, and creates the designation."""
    nomination = Nomination.objects.select_for_update().get(pk=nomination.pk)
    check(nomination, by, action)
    comment = comment.strip()
    if action in COMMENT_REQUIRED and not comment:
        raise ValidationError({"comment": _("A comment is required for this step.")})
    if action == Action.RECOMMEND and not _has_complete_assessment(nomination, by):
        raise ValidationError(
            {"scores": _("Score every criterion of the rubric before recommending.")}
        )
    designation = _designation(nomination, by, **decree) if action == Action.APPROVE else None
    from_state = nomination.state
    getattr(nomination, action)(by=by)
    nomination.save()
    event = _record(nomination, by, action, from_state, comment)
    if designation is not None:
        _save_designation(designation)
    notify_workflow.moved(nomination, event)
    logger.info(
        "nomination %s: %s (%s → %s) by %s", nomination.pk, action, from_state,
        nomination.state, by.pk,
    )  # fmt: skip
    return nomination


def _has_complete_assessment(nomination: Nomination, reviewer: "User") -> bool:
    return nomination.assessments.filter(reviewer=reviewer).complete().exists()


def _designation(
    nomination: Nomination,
    by: "User",
    *,
    valid_from: date,
    valid_until: date,
    decree_number: str,
    year: int | None = None,
    decree_file: UploadedFile | None = None,
) -> Designation:
    """The designation an approval creates, validated by the model (period, decree, file, one
    per product and year) before anything is written."""
    designation = Designation(
        product=nomination.product,
        nomination=nomination,
        valid_from=valid_from,
        valid_until=valid_until,
        decree_number=decree_number,
        approved_by=by,
        approved_at=timezone.now(),
    )
    # By default the year the period starts; with neither, full_clean says the year is missing
    # (next to what is wrong with `valid_from`, which then is no date).
    if year is None and isinstance(valid_from, date):
        year = valid_from.year
    if year is not None:
        designation.year = year
    if decree_file is not None:
        designation.decree_file = File(decree_file, name="sk.pdf")  # the server names files
    designation.full_clean()
    return designation


def _save_designation(designation: Designation) -> None:
    try:
        with transaction.atomic():
            designation.save()
    except IntegrityError as error:  # the same product and year approved at the same moment
        if designation.decree_file:
            designation.decree_file.delete(save=False)
        raise ValidationError(
            {"year": _("The product already holds a designation for this year.")}
        ) from error


@transaction.atomic
def assess(
    *, nomination: Nomination, by: "User", scores: Mapping[str, int], comment: str = ""
) -> Assessment:
    """A reviewer's scores (1–5 for each criterion code given) and comment; scoring again
    replaces the reviewer's earlier scores for those criteria."""
    nomination = Nomination.objects.select_for_update().get(pk=nomination.pk)
    check(nomination, by, ASSESS)
    if not isinstance(scores, Mapping) or not scores:
        raise ValidationError({"scores": _("Give a score from 1 to 5 for each criterion.")})
    criteria = Criterion.objects.active().in_bulk(list(scores), field_name="code")
    assessment = Assessment.objects.filter(nomination=nomination, reviewer=by).first()
    if assessment is None:
        assessment = Assessment(nomination=nomination, reviewer=by)
    agency = rules.reviewing_agencies(by).first()
    if agency is None:  # check() found `by` a reviewer; a role removed since is refused alike
        raise PermissionDenied(_("Only leading-sector reviewers assess, and not their own."))
    assessment.agency = agency
    assessment.comment = comment.strip()
    rows, errors = [], []
    for code, value in scores.items():
        if code not in criteria:
            errors.append(f"{code}: {_('Unknown criterion.')}")
            continue
        row = AssessmentScore(assessment=assessment, criterion=criteria[code], score=value)
        try:
            row.full_clean(exclude=["assessment"], validate_unique=False)
        except ValidationError as error:
            errors.extend(f"{code}: {message}" for message in error.messages)
        rows.append(row)
    if errors:
        raise ValidationError({"scores": errors})
    assessment.full_clean(validate_unique=False)
    assessment.save()
    for row in rows:
        AssessmentScore.objects.update_or_create(
            assessment=assessment, criterion=row.criterion, defaults={"score": row.score}
        )
    return assessment


@transaction.atomic
def revoke(*, designation: Designation, by: "User", reason: str) -> Designation:
    """End a designation before its time; the product stops being a flagship at once."""
    designation = Designation.objects.select_for_update().get(pk=designation.pk)
    check_revoke(designation, by)
    designation.revoked_by, designation.revoked_at = by, timezone.now()
    designation.revocation_reason = reason.strip()
    # The decree on file is not the revoker's to fix (nor read back from storage): only the
    # revocation is validated.
    designation.full_clean(exclude=["decree_file"])
    designation.save()
    nomination = designation.nomination
    event = NominationEvent.objects.create(
        nomination=nomination,
        action=Action.REVOKE,
        from_state=nomination.state,
        to_state=nomination.state,
        actor=by,
        comment=designation.revocation_reason,
    )
    notify_workflow.moved(nomination, event)
    return designation
