"""Forms of the flagship workflow's pages (nominations, assessments, decisions, designations).

A page asks catalog.workflow whether the step is the user's now (`check`: 403, then 409) before
it reads a form; these forms then read what a person typed (400, with the errors next to the
fields) and hand clean values to the step, whose models validate the rest (`full_clean`).
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency
from catalog import workflow
from catalog.models import Criterion, Designation, Nomination
from workspace.fields import SearchField

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

Action = workflow.Action

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
SCORE_CHOICES = [(value, str(value)) for value in range(1, 6)]
SCORE_PREFIX = "score_"


class FlagshipForm(forms.Form):
    """Labels of required fields carry a class (a visible mark); Django 5.2 ties help texts and
    errors to their inputs (aria-describedby) and marks invalid inputs (aria-invalid)."""

    required_css_class = "required"
    error_css_class = "has-error"

    def __init__(self, *args: Any, form_id: str, **kwargs: Any) -> None:
        # Several forms share a page: each gets its own element ids, the field names stay plain.
        kwargs.setdefault("auto_id", f"id_{form_id}_%s")
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.form_id = form_id


def show_errors(form: forms.Form, error: ValidationError) -> None:
    """Put the workflow's ValidationError (a model's `full_clean`, a rule of the step) on
    `form`, next to the fields it names; an error about no field of the form (the whole set of
    scores, say) goes above the form."""
    if not hasattr(error, "error_dict"):
        error = ValidationError({NON_FIELD_ERRORS: error.messages})
    for name, messages in error.message_dict.items():
        form.add_error(name if name in form.fields else None, messages)


class CommentField(forms.CharField):
    widget = forms.Textarea(attrs={"rows": 3})

    def __init__(
        self, *, required: bool = False, label: "StrOrPromise | None" = None, **kwargs: Any
    ) -> None:
        super().__init__(required=required, label=label or _("Comment"), **kwargs)


# Nominating and editing ------------------------------------------------------------------------


def justification_field() -> forms.CharField:
    return forms.CharField(
        label=_("Justification"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Why this product should be a flagship of the province."),
    )


def evidence_field() -> forms.CharField:
    return forms.CharField(
        label=_("Evidence"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Sales figures, awards, links to documents."),
    )


class NominationForm(FlagshipForm):
    agency = forms.ModelChoiceField(
        label=_("Nominating agency"),
        queryset=Agency.objects.none(),
        empty_label=None,
        widget=forms.RadioSelect,
        help_text=_("One of your agencies that curates this product."),
    )
    justification = justification_field()
    evidence = evidence_field()

    def __init__(self, *args: Any, agencies: list[Agency], **kwargs: Any) -> None:
        super().__init__(*args, form_id="nominate", **kwargs)
        if len(agencies) > 1:
            agency = cast("forms.ModelChoiceField[Agency]", self.fields["agency"])
            agency.queryset = Agency.objects.filter(
                pk__in=[agency.pk for agency in agencies]
            ).order_by("name")
        else:  # one agency: nothing to choose, the workflow takes it
            del self.fields["agency"]


class DraftForm(FlagshipForm):
    justification = justification_field()
    evidence = evidence_field()

    def __init__(self, *args: Any, nomination: Nomination, **kwargs: Any) -> None:
        initial = {"justification": nomination.justification, "evidence": nomination.evidence}
        super().__init__(*args, form_id="draft", initial=initial, **kwargs)


# Steps of the workflow ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    """How a step of the workflow reads on the page: its panel, its button, its success."""

    title: "StrOrPromise"
    button: "StrOrPromise"
    done: "StrOrPromise"
    danger: bool = False


#: By the form's key: "draft", "assess" or the value of an Action.
STEP_TEXTS: dict[str, Step] = {
    "draft": Step(_("Edit the draft"), _("Save the draft"), _("Draft saved.")),
    "assess": Step(_("Your assessment"), _("Save my scores"), _("Your assessment is saved.")),
    Action.SUBMIT: Step(_("Submit for review"), _("Submit"), _("Submitted for review.")),
    Action.RESUBMIT: Step(_("Submit again"), _("Resubmit"), _("Submitted again for review.")),
    Action.WITHDRAW: Step(_("Withdraw"), _("Withdraw"), _("Nomination withdrawn."), danger=True),
    Action.REQUEST_CHANGES: Step(
        _("Request changes"), _("Request changes"), _("Sent back to the nominating agency.")
    ),
    Action.RECOMMEND: Step(
        _("Recommend"),
        _("Recommend to the administrators"),
        _("Recommended to the administrators."),
    ),
    Action.REJECT: Step(_("Reject"), _("Reject"), _("Nomination rejected."), danger=True),
    Action.APPROVE: Step(
        _("Approve and designate"), _("Approve"), _("Approved: the product is now designated.")
    ),
    Action.DECLINE: Step(_("Decline"), _("Decline"), _("Nomination declined."), danger=True),
}


class StepForm(FlagshipForm):
    """A step with its comment: required where the workflow requires one."""

    comment = CommentField()

    def __init__(self, *args: Any, action: str, **kwargs: Any) -> None:
        super().__init__(*args, form_id=action, **kwargs)
        self.action = action
        if action in workflow.COMMENT_REQUIRED:
            self.fields["comment"].required = True
            self.fields["comment"].help_text = _("Required: say what and why.")


class ApproveForm(StepForm):
    year = forms.IntegerField(
        label=_("Year of the period"),
        required=False,
        min_value=2000,
        max_value=2100,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        help_text=_("Empty: the year in which the period starts."),
    )
    valid_from = forms.DateField(label=_("Valid from"), widget=DATE)
    valid_until = forms.DateField(label=_("Valid until"), widget=DATE)
    decree_number = forms.CharField(
        label=_("Decree number (Nomor SK)"), max_length=100, help_text=_("e.g. 188.44/12/2026")
    )
    decree_file = forms.FileField(
        label=_("Decree (PDF)"),
        required=False,
        help_text=_("Optional; a PDF of at most 10 MB."),
        widget=forms.FileInput(attrs={"accept": "application/pdf,.pdf"}),
    )
    field_order = ["year", "valid_from", "valid_until", "decree_number", "decree_file", "comment"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, action=Action.APPROVE, **kwargs)
        self.fields["year"].initial = timezone.localdate().year


class ScoreForm(FlagshipForm):
    """One radio group (1–5) per active criterion, and a comment. A reviewer may save part of
    the scores and come back; recommending needs every criterion scored (the workflow's rule)."""

    comment = CommentField()

    def __init__(
        self,
        *args: Any,
        criteria: Iterable[Criterion],
        previous: Mapping[str, Any] | None = None,
        **kwargs: Any,
    ) -> None:
        previous = previous or {}
        initial = {SCORE_PREFIX + code: score for code, score in previous.get("scores", {}).items()}
        initial["comment"] = previous.get("comment", "")
        super().__init__(*args, form_id="assess", initial=initial, **kwargs)
        self.criteria = list(criteria)
        comment = self.fields.pop("comment")
        for criterion in self.criteria:
            self.fields[SCORE_PREFIX + criterion.code] = forms.TypedChoiceField(
                label=criterion.display_name,
                choices=SCORE_CHOICES,
                coerce=int,
                required=False,
                widget=forms.RadioSelect,
                help_text=criterion.display_description,
            )
        self.fields["comment"] = comment

    def scores(self) -> dict[str, int]:
        """{code: score} of the criteria given a score (after `is_valid()`)."""
        return {
            name.removeprefix(SCORE_PREFIX): value
            for name, value in self.cleaned_data.items()
            if name.startswith(SCORE_PREFIX) and value not in ("", None)
        }


class RevokeForm(FlagshipForm):
    reason = CommentField(required=True, label=_("Reason for revocation"))

    def __init__(self, *args: Any, designation: Designation, **kwargs: Any) -> None:
        super().__init__(*args, form_id=f"revoke_{designation.pk}", **kwargs)
        self.designation = designation


# List filters ------------------------------------------------------------------------------------


class ProductSearch(forms.Form):
    q = SearchField(label=_("Product name contains"))


QUEUE_REVIEW, QUEUE_DECISION, QUEUE_MINE, QUEUE_ALL = "review", "keputusan", "saya", "semua"

#: The tabs of the nomination list, as they read on the page.
QUEUE_LABELS: dict[str, "StrOrPromise"] = {
    QUEUE_REVIEW: _("To assess"),
    QUEUE_DECISION: _("To decide"),
    QUEUE_MINE: _("My agencies' nominations"),
    QUEUE_ALL: _("All I may see"),
}


def queues(*, reviewer: bool, administrator: bool) -> list[str]:
    """The queues a person may pick, their default first: what waits for them (a reviewer's
    nominations to assess, an administrator's to decide), then their agencies', then all."""
    found = [QUEUE_REVIEW] if reviewer else []
    if administrator:
        found.append(QUEUE_DECISION)
    return [*found, QUEUE_MINE, QUEUE_ALL] if found else [QUEUE_ALL, QUEUE_MINE]


class NominationFilters(forms.Form):
    """Filters within a queue (the queue itself is a tab above them, kept across a search)."""

    q = SearchField(label=_("Product name contains"))
    status = forms.ChoiceField(
        label=_("State"),
        required=False,
        choices=[("", _("Every state")), *Nomination.State.choices],
    )


class DesignationFilters(forms.Form):
    q = SearchField(label=_("Product name contains"))
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Every designation")), *Designation.Status.choices],
    )
