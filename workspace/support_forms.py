"""Forms of the development record's work pages: activities and their participants, services,
referrals.

As in workspace/forms.py, forms read and check what a person typed and the services of
`support.services` save.

The rules of the data (an activity ends after it starts; an amount goes with a grant, a loan or
KUR and only with them; a referral goes to another agency) are the models' own `clean`, which the
services run: their messages come back onto these forms' fields.

A business is chosen from search results (`workspace/views/support_picker.py`): its field is a
model choice over every active business, so that any one may be posted, but it is never rendered
as a widget (that would list every business); the template shows the matches instead."""

import datetime
import json
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency
from catalog.models import Business, Certificate, Region
from support import rules
from support.models import (
    Activity,
    Agreement,
    AgreementParty,
    Participation,
    Referral,
    Service,
    Stage,
)
from support.models.stages import STAGE_OF_ACTIVITY_KIND, STAGE_OF_SERVICE_KIND
from support.services.referrals import ANSWER_DAYS
from workspace.forms import DATE, AccessibleForm, AgencyChoiceField, ServiceForm, single_agency

if TYPE_CHECKING:  # the model AUTH_USER_MODEL names, as the Django plugin resolves it
    from django.contrib.auth.models import User

#: A date and time as the phone's own picker shows it.
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
CHOICES = forms.CheckboxSelectMultiple
RADIOS = forms.RadioSelect


def choose_business(*, multiple: bool = False) -> forms.ModelChoiceField:
    """Any active business, by id: the field behind the search-and-choose picker."""
    if multiple:
        return forms.ModelMultipleChoiceField(
            label=_("Businesses"),
            queryset=Business.objects.active(),
            error_messages={"required": _("Choose at least one business.")},
        )
    return forms.ModelChoiceField(
        label=_("Business"),
        queryset=Business.objects.active(),
        error_messages={"required": _("Choose the business.")},
    )


def kind_field(field: forms.Field, kinds: list[tuple[str, Any]]) -> None:
    """The kind starts at a prompt instead of Django's "---------"."""
    cast(forms.ChoiceField, field).choices = [("", _("Choose the kind")), *kinds]


# Under an agreement (DESIGN §8 partner accounts) ------------------------------------------------


class AgreementChoiceField(forms.ModelChoiceField):
    """An agency's optional agreement: the open ones (active or expiring) its agencies are
    party to or lead. The service checks that the chosen agency is one of its parties."""

    def label_from_instance(self, obj: Agreement) -> str:
        return f"{obj.get_kind_display()}: {obj.title}"


def agreement_field(user: "User") -> AgreementChoiceField | None:
    """The optional "under agreement" choice of an agency's staff, None when no agreement of
    their agencies is open."""
    agencies = rules.acting_agencies(user)
    agreements = (
        Agreement.objects.open_for_records()
        .filter(Q(lead_agency__in=agencies) | Q(parties__agency__in=agencies))
        .distinct()
        .order_by("-valid_from", "title")
    )
    if not agreements.exists():
        return None
    return AgreementChoiceField(
        label=_("Under agreement"),
        queryset=agreements,
        required=False,
        empty_label=_("No agreement"),
        help_text=_("Only if this help is given under an agreement with a partner."),
    )


class PartnerPartyField(forms.ModelChoiceField):
    """As which partner, under which agreement: a partner's staff choose one of their
    partner's places in an open agreement (one choice: fixed, shown beside a hidden input)."""

    fixed: AgreementParty | None = None

    def label_from_instance(self, obj: AgreementParty) -> str:
        return _("%(partner)s, under %(agreement)s") % {
            "partner": obj.name,
            "agreement": obj.agreement.title,
        }

    @property
    def fixed_label(self) -> str:
        return self.label_from_instance(self.fixed) if self.fixed is not None else ""


def partner_party_field(user: "User") -> PartnerPartyField:
    """The places of `user`'s partners in their open agreements (`rules.open_agreements`)."""
    parties = (
        AgreementParty.objects.filter(
            partner__in=rules.member_partners(user).values("pk"),
            agreement__in=rules.open_agreements(user).values("pk"),
        )
        .select_related("partner", "agreement")
        .order_by("partner__name", "-agreement__valid_from", "agreement__title")
    )
    field = PartnerPartyField(
        label=_("As partner, under agreement"),
        queryset=parties,
        error_messages={"required": _("Choose the agreement you work under.")},
    )
    choices = list(parties[:2])
    if len(choices) == 1:
        field.initial = choices[0].pk
        field.widget = forms.HiddenInput()
        field.fixed = choices[0]
    return field


class OrganiserUnderField(forms.ChoiceField):
    """A partner's staff create an activity organised by an agency of their partner's open
    agreement: one choice per (agreement, agency party or lead agency), cleaned to the pair.
    One choice: fixed, shown beside a hidden input."""

    fixed_label = ""

    def __init__(self, user: "User", **kwargs: Any) -> None:
        agreements = (
            rules.open_agreements(user)
            .select_related("lead_agency")
            .prefetch_related("parties__agency")
            .order_by("-valid_from", "title")
        )
        self.pairs: dict[str, tuple[Agreement, Agency]] = {}
        for agreement in agreements:
            agencies = {agreement.lead_agency_id: agreement.lead_agency}
            for party in agreement.parties.all():
                if party.agency is not None:
                    agencies.setdefault(party.agency.pk, party.agency)
            for agency in agencies.values():
                self.pairs[f"{agreement.pk}-{agency.pk}"] = (agreement, agency)
        choices = [
            (
                key,
                _("%(agency)s, under %(agreement)s")
                % {"agency": agency.name, "agreement": agreement.title},
            )
            for key, (agreement, agency) in self.pairs.items()
        ]
        super().__init__(
            choices=choices,
            label=_("Organised by, under agreement"),
            error_messages={"required": _("Choose the agreement you work under.")},
            **kwargs,
        )
        if len(choices) == 1:
            self.initial = choices[0][0]
            self.widget = forms.HiddenInput()
            self.fixed_label = str(choices[0][1])

    def clean(self, value: Any) -> tuple[Agreement, Agency]:
        return self.pairs[super().clean(value)]


def records_as_partner(user: "User") -> bool:
    """A partner's staff without an agency to act for: they record as their partner."""
    return not rules.acting_agencies(user).exists() and rules.is_partner_staff(user)


# Activities -------------------------------------------------------------------------------------


class ActivityForm(ServiceForm):
    """A new activity (with its organising agency) or an existing one (without: it never moves)."""

    class Meta:
        model = Activity
        fields = [
            "organiser", "kind", "title", "description", "stages", "starts_at", "ends_at",
            "region", "place", "capacity", "co_organisers", "funding", "benefit", "is_public",
            "registration_info",
        ]  # fmt: skip
        field_classes = {"organiser": AgencyChoiceField}
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "registration_info": forms.Textarea(attrs={"rows": 3}),
            "starts_at": DATETIME,
            "ends_at": DATETIME,
            "capacity": forms.NumberInput(attrs={"min": 1, "inputmode": "numeric"}),
            "stages": CHOICES,
            "co_organisers": CHOICES,
        }

    def __init__(self, *args: Any, user: "User", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["organiser"]
        elif records_as_partner(user):  # organised by an agency of their open agreement
            del self.fields["organiser"]
            self.fields["under"] = OrganiserUnderField(user)
            self.order_fields(["under"])
        else:
            single_agency(
                cast(AgencyChoiceField, self.fields["organiser"]), rules.acting_agencies(user)
            )
            if (agreement := agreement_field(user)) is not None:
                self.fields["agreement"] = agreement
        kind_field(self.fields["kind"], Activity.Kind.choices)
        stages = cast("forms.ModelMultipleChoiceField[Stage]", self.fields["stages"])
        stages.queryset = Stage.objects.active()
        stages.required = False
        stages.help_text = _("None ticked: the stage this kind of activity usually serves.")
        co_organisers = cast("forms.ModelMultipleChoiceField[Agency]", self.fields["co_organisers"])
        co_organisers.help_text = _("Their editors may add and mark participants.")
        cast(forms.ModelChoiceField, self.fields["region"]).queryset = Region.objects.all()

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if "stages" in data and not data["stages"]:
            code = STAGE_OF_ACTIVITY_KIND.get(data.get("kind") or "")
            data["stages"] = list(Stage.objects.filter(code=code)) if code else []
            if not data["stages"]:
                self.add_error("stages", _("Choose at least one stage."))
        return data


class ReasonForm(AccessibleForm):
    """Why an activity is cancelled or a service voided: kept on the record, shown to everyone."""

    reason = forms.CharField(
        label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class ParticipantsForm(AccessibleForm):
    """Several businesses join an activity in one step."""

    default_auto_id = "id_add_%s"
    status = forms.ChoiceField(
        label=_("Add them as"),
        choices=[
            (Participation.Status.REGISTERED, Participation.Status.REGISTERED.label),
            (Participation.Status.ATTENDED, Participation.Status.ATTENDED.label),
        ],
        initial=Participation.Status.REGISTERED,
        widget=RADIOS,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["business"] = choose_business(multiple=True)
        self.order_fields(["business", "status"])


class AttendanceForm(AccessibleForm):
    """Attendance and completion of every participant on one screen: per participation its
    status, a result note and a certificate number (`status_<id>`, `result_<id>`,
    `certificate_<id>`). A row that was not on the screen when it was sent (a participant added
    meanwhile) is left alone."""

    default_auto_id = "id_mark_%s"

    def __init__(
        self, data: Mapping[str, Any] | None, *, participations: Iterable[Participation]
    ) -> None:
        super().__init__(data)
        self.participations = [
            p for p in participations if data is None or f"status_{p.pk}" in data
        ]
        for participation in self.participations:
            pk = participation.pk
            self.fields[f"status_{pk}"] = forms.ChoiceField(
                label=_("Status"),
                choices=Participation.Status.choices,
                initial=participation.status,
                widget=RADIOS,
            )
            self.fields[f"result_{pk}"] = forms.CharField(
                label=_("Result"),
                required=False,
                max_length=2000,
                initial=participation.result_note,
            )
            self.fields[f"certificate_{pk}"] = forms.CharField(
                label=_("Certificate number"),
                required=False,
                max_length=100,
                initial=participation.certificate_number,
            )

    def rows(
        self,
    ) -> list[tuple[Participation, forms.BoundField, forms.BoundField, forms.BoundField]]:
        """[(participation, its status, result and certificate fields)], in the screen's order."""
        return [
            (p, self[f"status_{p.pk}"], self[f"result_{p.pk}"], self[f"certificate_{p.pk}"])
            for p in self.participations
        ]

    def changes(self) -> dict[int, dict[str, str]]:
        """{participation id: the fields that changed}, for `mark_participants`."""
        names = {"status": "status", "result": "result_note", "certificate": "certificate_number"}
        changes: dict[int, dict[str, str]] = {}
        for name in self.changed_data:
            prefix, pk = name.rsplit("_", 1)
            changes.setdefault(int(pk), {})[names[prefix]] = self.cleaned_data[name]
        return changes


# Services ---------------------------------------------------------------------------------------

SERVICE_FORM_FIELDS = [
    "kind", "stage", "provided_on", "outcome", "summary", "hours", "mentor_name", "benefit",
    "amount", "target_certificate_kind",
]  # fmt: skip


class CertificateChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Certificate) -> str:
        return f"{obj.get_kind_display()} {obj.number} — {obj.product.name}"


class ServiceCorrectForm(ServiceForm):
    """A service as its agency corrects it: the business and the agency stay."""

    class Meta:
        model = Service
        fields = [*SERVICE_FORM_FIELDS, "certificate"]
        field_classes: dict[str, type[forms.Field]] = {"certificate": CertificateChoiceField}
        widgets = {
            "provided_on": DATE,
            "outcome": RADIOS,
            "benefit": RADIOS,
            "summary": forms.Textarea(attrs={"rows": 3}),
            "hours": forms.NumberInput(attrs={"min": 0, "step": "0.5", "inputmode": "decimal"}),
            "amount": forms.NumberInput(attrs={"min": 1, "inputmode": "numeric"}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kind_field(self.fields["kind"], Service.Kind.choices)
        stage = cast("forms.ModelChoiceField[Stage]", self.fields["stage"])
        stage.queryset = Stage.objects.active()
        stage.help_text = _("The kind suggests one; change it when the help served another.")
        if "certificate" in self.fields:
            certificate = cast("forms.ModelChoiceField[Certificate]", self.fields["certificate"])
            certificate.queryset = Certificate.objects.filter(
                product__business=self.instance.business_id
            ).select_related("product")
            certificate.help_text = _("When the facilitation is done: the certificate it produced.")


class ServiceRecordForm(ServiceCorrectForm):
    """A new service, quick to fill from a phone: today, the user's agency (fixed when they have
    one), the stage from the kind unless chosen, the outcome in progress."""

    class Meta(ServiceCorrectForm.Meta):
        fields = ["agency", *SERVICE_FORM_FIELDS]
        field_classes = {"agency": AgencyChoiceField}

    def __init__(self, *args: Any, user: "User", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["business"] = choose_business()
        if records_as_partner(user):  # as their partner, under one of its open agreements
            del self.fields["agency"]
            self.fields["under"] = partner_party_field(user)
            self.order_fields(["business", "under"])
        else:
            self.order_fields(["business", "agency"])
            single_agency(
                cast(AgencyChoiceField, self.fields["agency"]), rules.acting_agencies(user)
            )
            if (agreement := agreement_field(user)) is not None:
                self.fields["agreement"] = agreement
        stage = cast("forms.ModelChoiceField[Stage]", self.fields["stage"])
        stage.required = False
        stage.empty_label = _("As the kind suggests")
        stage.help_text = _("Leave it to the kind unless the help served another stage.")
        stage.widget.attrs["data-kind-stages"] = json.dumps(kind_stages(), ensure_ascii=False)
        self.fields["provided_on"].initial = timezone.localdate


def kind_stages() -> dict[str, str]:
    """{service kind: the name of the stage it serves}: the hint beside the stage while the kind
    is chosen (static/js/support-forms.js)."""
    stages = {stage.code: stage.display_name for stage in Stage.objects.active()}
    return {kind: stages[code] for kind, code in STAGE_OF_SERVICE_KIND.items() if code in stages}


# Referrals --------------------------------------------------------------------------------------


class ReferralForm(ServiceForm):
    class Meta:
        model = Referral
        fields = ["from_agency", "to_agency", "stage", "reason", "due_on"]
        field_classes = {"from_agency": AgencyChoiceField}
        widgets = {"reason": forms.Textarea(attrs={"rows": 3}), "due_on": DATE}

    def __init__(self, *args: Any, user: "User", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["business"] = choose_business()
        self.order_fields(["business", "from_agency", "to_agency", "stage", "reason", "due_on"])
        from_agency = cast(AgencyChoiceField, self.fields["from_agency"])
        single_agency(from_agency, rules.acting_agencies(user))
        to_agency = cast("forms.ModelChoiceField[Agency]", self.fields["to_agency"])
        if from_agency.fixed is not None:  # the sender is known: it is not offered as receiver
            to_agency.queryset = Agency.objects.exclude(pk=from_agency.fixed.pk)
        cast(forms.ModelChoiceField, self.fields["stage"]).queryset = Stage.objects.active()
        self.fields["due_on"].initial = lambda: (
            timezone.localdate() + datetime.timedelta(days=ANSWER_DAYS)
        )
        self.fields["due_on"].help_text = _("The receiving agency answers by this date.")


class StepForm(AccessibleForm):
    """The note of one step on a referral (accept, decline, complete, cancel)."""

    note = forms.CharField(
        label=_("Note"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, step: str, note_required: bool, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"id_{step}_%s")
        super().__init__(*args, **kwargs)
        note = self.fields["note"]
        note.required = note_required
        if note_required:
            note.label = _("Reason")


# Partner staff ----------------------------------------------------------------------------------


class PartyChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: AgreementParty) -> str:
        return _("%(partner)s, under %(agreement)s") % {
            "partner": obj.name,
            "agreement": obj.agreement.title,
        }


class InvitePartnerStaffForm(AccessibleForm):
    """A partner's staff member invited by e-mail, for one of the partners of the agreements
    the agency leads (`support.services.partner_staff.invitable_parties`)."""

    default_auto_id = "id_partner_%s"
    email = forms.EmailField(label=_("E-mail"))

    def __init__(self, *args: Any, parties: "QuerySet[AgreementParty]", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["party"] = PartyChoiceField(
            label=_("Partner and agreement"),
            queryset=parties,
            error_messages={"required": _("Choose the partner and its agreement.")},
        )
        self.order_fields(["party", "email"])
