"""Forms of the flagship workflow's pages (nominations, assessments, decisions, designations).

These forms read what a person typed and show it back with its errors; they decide nothing.
catalog.workflow decides every right, state and rule, in the order the API promises: 403 (may
you), 409 (is it allowed now), 400 (is the input valid). So a view does not stop at an invalid
form: it hands the workflow `service_values()`, in which every value the form could not read
stays as typed (a string the workflow refuses), and the workflow answers in its order. A person
without the right thus gets 403 whatever they typed, and a reviewer who typed a score of 6 gets
the form back with the message next to that score.
"""

from dataclasses import dataclass

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency
from catalog import workflow
from catalog.models import Nomination
from catalog.search import clean_query

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
SCORE_CHOICES = [(value, str(value)) for value in range(1, 6)]
SCORE_PREFIX = "score_"


class FlagshipForm(forms.Form):
    """Labels of required fields carry a class (a visible mark); Django 5.2 ties help texts and
    errors to their inputs (aria-describedby) and marks invalid inputs (aria-invalid)."""

    required_css_class = "required"
    error_css_class = "has-error"

    def __init__(self, *args, form_id: str, **kwargs):
        # Several forms share a page: each gets its own element ids, the field names stay plain.
        kwargs.setdefault("auto_id", f"id_{form_id}_%s")
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.form_id = form_id

    def service_values(self) -> dict:
        """Each field's value for the workflow: the cleaned value when the form could read it;
        otherwise the value as typed (stripped where the field strips), which the workflow
        refuses with its own ValidationError, after its right and state checks."""
        self.is_valid()
        values = {}
        for name, field in self.fields.items():
            if name not in self.errors:
                values[name] = self.cleaned_data.get(name)
                continue
            raw = self[name].data
            try:
                values[name] = field.to_python(raw)
            except ValidationError:
                values[name] = raw
        return values


def show_errors(form: forms.Form, error: ValidationError) -> None:
    """Put the workflow's ValidationError on `form`, next to the fields it names. A field the
    form already found wrong keeps the form's message; an error about no field of the form
    (the whole set of scores, say) goes above the form when the form found nothing itself."""
    own = set(form.errors)
    messages = error.message_dict if hasattr(error, "error_dict") else {NON_FIELD_ERRORS: error}
    for name, errors in messages.items():
        if name in form.fields:
            if name not in own:
                form.add_error(name, errors)
        elif not own:
            form.add_error(None, errors)


class CommentField(forms.CharField):
    widget = forms.Textarea(attrs={"rows": 3})

    def __init__(self, *, required=False, label=None, **kwargs):
        super().__init__(required=required, label=label or _("Comment"), **kwargs)


# Nominating and editing ------------------------------------------------------------------------


def justification_field():
    return forms.CharField(
        label=_("Justification"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Why this product should be a flagship of the province."),
    )


def evidence_field():
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

    def __init__(self, *args, agencies: list, **kwargs):
        super().__init__(*args, form_id="nominate", **kwargs)
        if len(agencies) > 1:
            self.fields["agency"].queryset = Agency.objects.filter(
                pk__in=[agency.pk for agency in agencies]
            ).order_by("name")
        else:  # one agency: nothing to choose, the workflow takes it
            del self.fields["agency"]

    def service_values(self) -> dict:
        values = super().service_values()
        if "agency" in self.errors:
            # Not one of the user's nominating agencies: as if none was chosen (the workflow
            # then asks for one, 400); a value the user may not set is never applied.
            values["agency"] = None
        return values


class DraftForm(FlagshipForm):
    justification = justification_field()
    evidence = evidence_field()

    def __init__(self, *args, nomination: Nomination, **kwargs):
        initial = {"justification": nomination.justification, "evidence": nomination.evidence}
        super().__init__(*args, form_id="draft", initial=initial, **kwargs)


# Steps of the workflow ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    """How a step of the workflow reads on the page: its panel, its button, its success."""

    title: str
    button: str
    done: str
    danger: bool = False


STEP_TEXTS = {
    "draft": Step(_("Edit the draft"), _("Save the draft"), _("Draft saved.")),
    "assess": Step(_("Your assessment"), _("Save my scores"), _("Your assessment is saved.")),
    "submit": Step(_("Submit for review"), _("Submit"), _("Submitted for review.")),
    "resubmit": Step(_("Submit again"), _("Resubmit"), _("Submitted again for review.")),
    "withdraw": Step(_("Withdraw"), _("Withdraw"), _("Nomination withdrawn."), danger=True),
    "request_changes": Step(
        _("Request changes"), _("Request changes"), _("Sent back to the nominating agency.")
    ),
    "recommend": Step(
        _("Recommend"),
        _("Recommend to the administrators"),
        _("Recommended to the administrators."),
    ),
    "reject": Step(_("Reject"), _("Reject"), _("Nomination rejected."), danger=True),
    "approve": Step(
        _("Approve and designate"), _("Approve"), _("Approved: the product is now designated.")
    ),
    "decline": Step(_("Decline"), _("Decline"), _("Nomination declined."), danger=True),
}
EVENT_LABELS = {
    "nominate": _("Nominated"),
    "submit": _("Submitted"),
    "resubmit": _("Resubmitted"),
    "withdraw": _("Withdrawn"),
    "request_changes": _("Changes requested"),
    "recommend": _("Recommended"),
    "reject": _("Rejected"),
    "approve": _("Approved"),
    "decline": _("Declined"),
    "revoke": _("Designation revoked"),
}


class StepForm(FlagshipForm):
    """A step with its comment: required where the workflow requires one."""

    comment = CommentField()

    def __init__(self, *args, action: str, **kwargs):
        super().__init__(*args, form_id=action, **kwargs)
        self.action = action
        if workflow.STEPS[action].comment_required:
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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, action="approve", **kwargs)
        self.fields["year"].initial = timezone.localdate().year


class ScoreForm(FlagshipForm):
    """One radio group (1–5) per active criterion, and a comment. A reviewer may save part of
    the scores and come back; recommending needs every criterion scored (the workflow's rule)."""

    comment = CommentField()

    def __init__(self, *args, criteria, previous=None, **kwargs):
        previous = previous or {}
        initial = {SCORE_PREFIX + code: score for code, score in previous.get("scores", {}).items()}
        initial["comment"] = previous.get("comment", "")
        super().__init__(*args, form_id="assess", initial=initial, **kwargs)
        self.criteria = list(criteria)
        comment = self.fields.pop("comment")
        for criterion in self.criteria:
            self.fields[SCORE_PREFIX + criterion.code] = forms.TypedChoiceField(
                label=criterion.name,
                choices=SCORE_CHOICES,
                coerce=int,
                required=False,
                widget=forms.RadioSelect,
                help_text=criterion.description,
            )
        self.fields["comment"] = comment

    def score_fields(self):
        return [self[SCORE_PREFIX + criterion.code] for criterion in self.criteria]

    def scores(self, values: dict) -> dict:
        """{code: score} of the criteria given a score (an unreadable one as typed)."""
        return {
            name.removeprefix(SCORE_PREFIX): value
            for name, value in values.items()
            if name.startswith(SCORE_PREFIX) and value not in ("", None)
        }


class RevokeForm(FlagshipForm):
    reason = CommentField(required=True, label=_("Reason for revocation"))

    def __init__(self, *args, designation, **kwargs):
        super().__init__(*args, form_id=f"revoke_{designation.pk}", **kwargs)
        self.designation = designation


# List filters ------------------------------------------------------------------------------------


class SearchField(forms.CharField):
    widget = forms.SearchInput

    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)

    def clean(self, value):
        return clean_query(super().clean(value))


class ProductSearch(forms.Form):
    q = SearchField(label=_("Product name contains"))


QUEUE_REVIEW, QUEUE_DECISION, QUEUE_MINE = "review", "keputusan", "saya"


class NominationFilters(forms.Form):
    q = SearchField(label=_("Product name contains"))
    status = forms.ChoiceField(
        label=_("State"),
        required=False,
        choices=[("", _("Every state")), *Nomination.State.choices],
    )
    antrian = forms.ChoiceField(label=_("Queue"), required=False)

    def __init__(self, data, *, reviewer: bool, administrator: bool):
        super().__init__(data)
        queues = [("", _("Every nomination I may see"))]
        if reviewer:
            queues.append((QUEUE_REVIEW, _("To review (submitted, not by me)")))
        if administrator:
            queues.append((QUEUE_DECISION, _("To decide (recommended)")))
        queues.append((QUEUE_MINE, _("My agencies' nominations")))
        self.fields["antrian"].choices = queues


DESIGNATION_STATUSES = [
    ("current", _("Current")),
    ("upcoming", _("Not yet in force")),
    ("expired", _("Expired")),
    ("revoked", _("Revoked")),
]


class DesignationFilters(forms.Form):
    q = SearchField(label=_("Product name contains"))
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Every designation")), *DESIGNATION_STATUSES],
    )


def filter_values(form: forms.Form) -> dict:
    """The filter values that are valid; an invalid one stays on the form as its error."""
    form.is_valid()
    return {name: value for name, value in form.cleaned_data.items() if value not in ("", None)}
