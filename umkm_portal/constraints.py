"""What a broken database constraint says to a person: a message in words, next to its field.

The database keeps every invariant (check and unique constraints), and Django checks them again
before a save (`Model.validate_constraints`). Left alone, Django reports a check constraint on
the whole object under its name ("Constraint “product_price_min_not_above_max” is violated."),
which a person can neither read nor act on. `CONSTRAINT_ERRORS` is the one place that says, for
every constraint a person can break through a form or the API, which field it belongs to and
what to tell them; `FieldConstraints` applies it when a model validates (forms and API alike
call the services, which validate with `full_clean`), and `constraint_error` when the database
itself refuses a row that passed validation (two people saving at the same moment).
"""

import re
from collections.abc import Collection
from functools import cache
from typing import TYPE_CHECKING, NamedTuple, cast

from django.apps import apps
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, models, router
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class FieldMessage(NamedTuple):
    #: The field the message stands next to; None: the object as a whole.
    field: str | None
    #: None: the constraint's own `violation_error_message`.
    message: "StrOrPromise | None" = None


#: Constraint name → where and what to say. Names are unique across the project (Django's check
#: models.E032), so the name alone finds the entry, also in a database error.
CONSTRAINT_ERRORS: dict[str, FieldMessage] = {
    # agencies
    "membership_one_per_agency": FieldMessage("user", _("This person is a member already.")),
    # catalog
    "business_unique_nib": FieldMessage("nib", _("This NIB is registered already.")),
    "business_year_founded_range": FieldMessage(
        "year_founded", _("The year founded lies between 1900 and 2100.")
    ),
    # On the highest price, as the spreadsheet import always said it.
    "product_price_min_not_above_max": FieldMessage(
        "price_max", _("The highest price must not be below the lowest.")
    ),
    "certificate_expires_after_issue": FieldMessage(
        "expires_on", _("A certificate cannot expire before it was issued.")
    ),
    "collaboration_one_live_per_agency": FieldMessage(
        "agency", _("This agency is already invited or co-curating.")
    ),
    "nomination_one_open_per_product": FieldMessage("product"),
    "assessment_one_per_reviewer": FieldMessage(
        None, _("You have assessed this nomination already.")
    ),
    "score_one_per_criterion": FieldMessage("criterion", _("Score each criterion once.")),
    "score_between_1_and_5": FieldMessage(
        "score", _("Give a score from 1 to 5 for each criterion.")
    ),
    "designation_period_in_order": FieldMessage("valid_until"),
    "designation_revocation_has_reason": FieldMessage("revocation_reason"),
    "designation_has_decree_number": FieldMessage("decree_number"),
    "designation_one_per_product_year": FieldMessage("year"),
    # support
    "activity_ends_after_start": FieldMessage(
        "ends_at", _("An activity cannot end before it starts.")
    ),
    "activity_cancel_has_reason": FieldMessage(
        "cancel_reason", _("Say why the activity is cancelled.")
    ),
    "participation_one_per_business": FieldMessage(
        "business", _("This business is taking part already.")
    ),
    "partner_membership_one_per_partner": FieldMessage(
        "user", _("This person is on the partner's staff already.")
    ),
    "service_amount_matches_benefit": FieldMessage(
        "amount", _("Give the amount in rupiah for a grant, a loan or KUR, and only for them.")
    ),
    "service_void_has_reason": FieldMessage("void_reason", _("Say why the service is voided.")),
    "service_agency_xor_partner": FieldMessage(
        "agency", _("A service is given by an agency or by a partner: exactly one.")
    ),
    "agreement_until_after_from": FieldMessage(
        "valid_until", _("An agreement cannot end before it starts.")
    ),
    "agreement_parent_by_kind": FieldMessage(
        "parent",
        _("An MoU has no parent agreement, a PKS may be under an MoU, an addendum amends a PKS."),
    ),
    "agreement_not_its_own_parent": FieldMessage(
        "parent", _("An agreement cannot be under itself.")
    ),
    "agreement_signed_has_date": FieldMessage(
        "signed_on", _("Give the date the agreement was signed.")
    ),
    "agreement_termination_has_reason": FieldMessage(
        "termination_reason", _("Say why the agreement is terminated.")
    ),
    "agreement_party_agency_xor_partner": FieldMessage(
        "agency", _("A party is either an agency or a partner: choose exactly one.")
    ),
    "agreement_party_agency_once": FieldMessage(
        "agency", _("This organisation is a party already.")
    ),
    "agreement_party_partner_once": FieldMessage(
        "partner", _("This organisation is a party already.")
    ),
    "obligation_target_positive": FieldMessage("target", _("The target is a number above zero.")),
    "obligation_counts_one_kind": FieldMessage(
        "activity_kind", _("Choose what counts: an activity kind or a service kind.")
    ),
    "obligation_unit_fits_kind": FieldMessage(
        "unit",
        _(
            "Activities count participants, businesses or activities; services count "
            "businesses or services."
        ),
    ),
    "report_one_per_agreement_period": FieldMessage(
        "period_start", _("A report for this period exists already.")
    ),
    "report_period_in_order": FieldMessage(
        "period_end", _("The period cannot end before it starts.")
    ),
    "report_line_one_per_obligation": FieldMessage(
        "obligation", _("The report has a line for this obligation already.")
    ),
    "report_line_correction_has_note": FieldMessage("note", _("Say why the figure is corrected.")),
    "report_step_return_has_comment": FieldMessage(
        "comment", _("A comment is required for this step.")
    ),
    "referral_to_another_agency": FieldMessage(
        "to_agency", _("Refer the business to another agency.")
    ),
    "referral_decline_has_note": FieldMessage("answer_note", _("Say why.")),
    "referral_cancel_has_note": FieldMessage("cancel_note", _("Say why.")),
}

#: Constraints no person can break: a choice the field already limits (`*_known`), a value only
#: the code sets (timestamps of a step, counters the jobs compute), or a row the code writes with
#: get-or-create. Listed so that a new constraint needs a decision
#: (tests/test_constraint_errors.py).
INTERNAL_CONSTRAINTS: frozenset[str] = frozenset({
    "membership_role_known", "product_status_known", "certificate_kind_known",
    "collaboration_status_known", "nomination_state_known", "nomination_event_action_known",
    "activity_kind_known", "activity_benefit_known", "participation_status_known",
    "partner_kind_known", "service_kind_known", "service_outcome_known", "agreement_kind_known",
    "agreement_status_known", "report_status_known", "report_step_states_known",
    "snapshot_source_known", "milestone_kind_known", "referral_status_known",
    "referral_answer_recorded", "referral_completion_recorded", "referral_cancel_recorded",
    "business_tally_unique", "agency_tally_unique", "overlap_tally_unique",
    "notification_mail_known", "notification_sent_has_time", "preference_once_per_kind",
    "preference_delivery_known", "reminder_once_per_threshold", "job_state_known",
    "job_kind_known", "job_finished_when_done_or_failed",
})  # fmt: skip

#: What a constraint without an entry says (never its name).
UNNAMED = _("These values cannot be saved together.")


def violation(constraint: models.BaseConstraint, error: ValidationError, exclude=()) -> dict:
    """`{field: [error]}` for a broken constraint: on the field of its entry (unless the
    caller left that field out, as a form does with fields it does not show), else on the
    whole object; in the entry's words, or the constraint's own, never its name."""
    entry = CONSTRAINT_ERRORS.get(constraint.name)
    field = entry.field if entry else None
    fields: tuple[str, ...] = tuple(getattr(constraint, "fields", ()))
    if entry is None and error.code == "unique" and len(fields) == 1:
        field = fields[0]  # as Django does: a plain unique field speaks for itself
    if field is None or field in exclude:
        field = NON_FIELD_ERRORS
    if entry and entry.message is not None:
        error = ValidationError(entry.message, code=error.code)
    elif any(constraint.name in message for message in error.messages):
        error = ValidationError(UNNAMED, code=error.code)
    return {field: [error]}


class FieldConstraints(models.Model):
    """A model whose broken constraints are told in words next to their fields
    (`CONSTRAINT_ERRORS`), in every path that validates it: services, forms, the admin."""

    class Meta:
        abstract = True

    def validate_constraints(self, exclude: Collection[str] | None = None) -> None:
        # Django's loop, keeping which constraint broke (its error no longer says).
        exclude = set(exclude or ())
        using = router.db_for_write(type(self), instance=self)
        errors: dict[str, list[ValidationError]] = {}
        for model, constraints in self.get_constraints():
            for constraint in constraints:
                try:
                    constraint.validate(model, self, exclude=exclude, using=using)
                except ValidationError as error:
                    for field, items in violation(constraint, error, exclude).items():
                        errors.setdefault(field, []).extend(items)
        if errors:
            raise ValidationError(errors)


# SQLite names a broken check, but a broken unique index only by its columns.
SQLITE_CHECK = re.compile(r"CHECK constraint failed: (\w+)")
SQLITE_UNIQUE = re.compile(r"UNIQUE constraint failed: ([\w., ]+)")


@cache
def _unique_columns() -> dict[str, models.UniqueConstraint]:
    """`"table.column, table.column"` (as SQLite reports it) → the unique constraint."""
    found = {}
    for model in apps.get_models():
        table = model._meta.db_table
        for constraint in model._meta.constraints:
            if isinstance(constraint, models.UniqueConstraint) and constraint.fields:
                fields = (
                    cast(models.Field, model._meta.get_field(name)) for name in constraint.fields
                )
                columns = (field.column for field in fields)
                found[", ".join(f"{table}.{column}" for column in columns)] = constraint
    return found


def _broken_constraint(error: IntegrityError) -> str | None:
    diagnosis = getattr(error.__cause__, "diag", None)  # psycopg
    if diagnosis is not None:
        return getattr(diagnosis, "constraint_name", None)
    text = str(error)
    if match := SQLITE_CHECK.search(text):
        return match.group(1)
    if (match := SQLITE_UNIQUE.search(text)) and match.group(1) in _unique_columns():
        return _unique_columns()[match.group(1)].name
    return None


def constraint_error(error: IntegrityError) -> ValidationError | None:
    """The ValidationError a person should read for a row the database refused because it
    breaks a constraint of `CONSTRAINT_ERRORS` (another save slipped in between validation and
    the write); None for any other integrity error."""
    name = _broken_constraint(error)
    entry = CONSTRAINT_ERRORS.get(name or "")
    if entry is None:
        return None
    message = entry.message
    if message is None:
        message = next(
            c.violation_error_message
            for model in apps.get_models()
            for c in model._meta.constraints
            if c.name == name
        )
    return ValidationError({entry.field or NON_FIELD_ERRORS: [message]}, code="invalid")
