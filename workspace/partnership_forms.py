"""Forms of the partnership pages (/ruang-kerja/kemitraan/): partners, agreements and their
parties, obligations and monitoring reports, and the agreement list's filters.

As in workspace/forms.py, forms read and check what a person typed; support.services.agreements
and support.services.reports save and hold every rule (a PKS under an MoU, dates in order, a
target above zero, a report period within the term): their messages come back onto these forms'
fields. The agreement's PDF is checked by the model's validator, run by the service: a file that
is no PDF is a field error, one over 10 MB a field error the page answers with 413."""

from collections.abc import Iterable, Mapping
from typing import Any, cast

import django_filters as filters
from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency
from support.models import (
    Activity,
    Agreement,
    AgreementParty,
    MonitoringReport,
    Obligation,
    Partner,
    ReportLine,
    Service,
    Stage,
)
from support.models.agreements import AgreementQuerySet, Phase
from workspace.forms import DATE, AccessibleForm, ServiceForm
from workspace.support_forms import CHOICES, kind_field

# Partners ---------------------------------------------------------------------------------------


class PartnerForm(ServiceForm):
    """A partner's master data; its slug is made from the name when it is created."""

    class Meta:
        model = Partner
        fields = ["kind", "name", "description", "website", "contact", "is_active"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kind_field(self.fields["kind"], Partner.Kind.choices)
        if self.instance.pk is None:
            del self.fields["is_active"]


# Agreements -------------------------------------------------------------------------------------

AGREEMENT_FORM_FIELDS = [
    "kind", "parent", "title", "scope", "stages", "valid_from", "valid_until", "legal_basis",
    "document", "document_is_public",
]  # fmt: skip


class ParentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Agreement) -> str:
        return f"{obj.get_kind_display()}: {obj.title}"


class AgreementForm(ServiceForm):
    """A new agreement (with the agency that leads it) or an existing one (the lead agency stays).
    The parent is any MoU or PKS the person sees; which kind fits is the model's rule."""

    lead_agency = forms.ModelChoiceField(label=_("Lead agency"), queryset=Agency.objects.none())

    class Meta:
        model = Agreement
        fields = AGREEMENT_FORM_FIELDS
        field_classes = {"parent": ParentChoiceField}
        widgets = {
            "scope": forms.Textarea(attrs={"rows": 4}),
            "valid_from": DATE,
            "valid_until": DATE,
            "stages": CHOICES,
            "document": forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
        }

    def __init__(
        self,
        *args: Any,
        lead_agencies: QuerySet[Agency] | None,
        parents: QuerySet[Agreement],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if lead_agencies is None:
            del self.fields["lead_agency"]
        else:
            lead = cast("forms.ModelChoiceField[Agency]", self.fields["lead_agency"])
            lead.queryset = lead_agencies
            lead.help_text = _("Its managers manage the agreement; its editors write the reports.")
            self.order_fields(["lead_agency"])
        kind_field(self.fields["kind"], Agreement.Kind.choices)
        parent = cast(ParentChoiceField, self.fields["parent"])
        parent.queryset = parents.filter(kind__in=[Agreement.Kind.MOU, Agreement.Kind.PKS]).exclude(
            pk=self.instance.pk
        )
        parent.empty_label = _("None (an MoU)")
        stages = cast("forms.ModelMultipleChoiceField[Stage]", self.fields["stages"])
        stages.queryset = Stage.objects.active()
        document = self.fields["document"]
        document.help_text = _("The signed document: a PDF of at most 10 MB.")


class PartyForm(AccessibleForm):
    """A party of a draft agreement: an agency or a partner (exactly one), with the number that
    party gave the document and who signed for it."""

    default_auto_id = "id_party_%s"
    agency = forms.ModelChoiceField(
        label=_("Agency"), queryset=Agency.objects.none(), required=False
    )
    partner = forms.ModelChoiceField(
        label=_("or partner"), queryset=Partner.objects.none(), required=False
    )
    document_number = forms.CharField(
        label=_("Document number"),
        max_length=150,
        required=False,
        help_text=_("The number this party gave the document."),
    )
    signatory_name = forms.CharField(label=_("Signatory"), max_length=200, required=False)
    signatory_title = forms.CharField(label=_("Signatory's title"), max_length=200, required=False)

    def __init__(self, *args: Any, agreement: Agreement, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        taken = AgreementParty.objects.filter(agreement=agreement)
        agency = cast("forms.ModelChoiceField[Agency]", self.fields["agency"])
        agency.queryset = Agency.objects.exclude(
            pk__in=taken.filter(agency__isnull=False).values("agency_id")
        )
        agency.empty_label = _("Not an agency")
        partner = cast("forms.ModelChoiceField[Partner]", self.fields["partner"])
        partner.queryset = Partner.objects.active().exclude(
            pk__in=taken.filter(partner__isnull=False).values("partner_id")
        )
        partner.empty_label = _("Not a partner")

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if bool(data.get("agency")) == bool(data.get("partner")):
            self.add_error(
                "agency", _("A party is either an agency or a partner: choose exactly one.")
            )
        return data


class SignForm(AccessibleForm):
    default_auto_id = "id_sign_%s"
    signed_on = forms.DateField(label=_("Signed on"), widget=DATE, initial=timezone.localdate)


class TerminateForm(AccessibleForm):
    default_auto_id = "id_terminate_%s"
    reason = forms.CharField(
        label=_("Reason for terminating"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


# Obligations ------------------------------------------------------------------------------------


class PartyChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: AgreementParty) -> str:
        return obj.name


class ObligationForm(ServiceForm):
    """What one party promised. Exactly one of the activity kind or the service kind counts, and
    the unit fits it (the model's rules, reported on their fields)."""

    class Meta:
        model = Obligation
        fields = [
            "party", "stage", "activity_kind", "service_kind", "target", "unit", "due_on",
            "description",
        ]  # fmt: skip
        field_classes = {"party": PartyChoiceField}
        widgets = {
            "due_on": DATE,
            "target": forms.NumberInput(attrs={"min": 1, "inputmode": "numeric"}),
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, agreement: Agreement, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        party = cast(PartyChoiceField, self.fields["party"])
        party.queryset = agreement.parties.select_related("agency", "partner")
        stage = cast("forms.ModelChoiceField[Stage]", self.fields["stage"])
        stage.queryset = Stage.objects.active()
        activity_kind = cast(forms.ChoiceField, self.fields["activity_kind"])
        activity_kind.choices = [("", _("None: services count")), *Activity.Kind.choices]
        service_kind = cast(forms.ChoiceField, self.fields["service_kind"])
        service_kind.choices = [("", _("None: activities count")), *Service.Kind.choices]
        service_kind.help_text = _("Choose one kind: of an activity or of a service.")


# Monitoring reports -----------------------------------------------------------------------------


class ReportOpenForm(AccessibleForm):
    default_auto_id = "id_open_%s"
    period_start = forms.DateField(label=_("Period from"), widget=DATE)
    period_end = forms.DateField(label=_("Period until"), widget=DATE)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The period cannot end before it starts."))
        return data


class ReportForm(AccessibleForm):
    """Obstacles, follow-up and, per line, a corrected figure with its note (`figure_<id>`,
    `note_<id>`). A line left without a figure keeps the one counted from the records."""

    default_auto_id = "id_report_%s"
    obstacles = forms.CharField(
        label=_("Obstacles"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    follow_up = forms.CharField(
        label=_("Follow-up"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(
        self,
        data: Mapping[str, Any] | None,
        *,
        report: MonitoringReport,
        lines: Iterable[ReportLine],
    ) -> None:
        super().__init__(
            data, initial={"obstacles": report.obstacles, "follow_up": report.follow_up}
        )
        self.lines = list(lines)
        for line in self.lines:
            self.fields[f"figure_{line.pk}"] = forms.IntegerField(
                label=_("Corrected figure"),
                required=False,
                initial=line.corrected_figure,
                widget=forms.NumberInput(attrs={"min": 0, "inputmode": "numeric"}),
                help_text=_("Leave empty to keep the figure from the records."),
            )
            self.fields[f"note_{line.pk}"] = forms.CharField(
                label=_("Why it differs from the records"),
                required=False,
                max_length=2000,
                initial=line.note,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def corrections(self) -> list[tuple[ReportLine, int | None, str]]:
        """[(line, figure, note)] for every line whose correction or note changed and that has a
        figure (the service refuses a correction without a note), or whose figure was emptied
        (None: the correction is taken back)."""
        changed = set(self.changed_data)
        found = []
        for line in self.lines:
            figure = self.cleaned_data.get(f"figure_{line.pk}")
            note = self.cleaned_data.get(f"note_{line.pk}", "")
            if not {f"figure_{line.pk}", f"note_{line.pk}"} & changed:
                continue
            if figure is not None or line.corrected_figure is not None:
                found.append((line, figure, note))
        return found

    def line_fields(self, line: ReportLine) -> tuple[forms.BoundField, forms.BoundField]:
        return self[f"figure_{line.pk}"], self[f"note_{line.pk}"]


class StepForm(AccessibleForm):
    """The comment of one step on a report (submit, accept, return); required to return one."""

    comment = forms.CharField(
        label=_("Comment"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, step: str, comment_required: bool, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"id_{step}_%s")
        super().__init__(*args, **kwargs)
        comment = self.fields["comment"]
        comment.required = comment_required
        if comment_required:
            comment.label = _("What must change")


# The agreement list's filters -----------------------------------------------------------------


class AgreementFilter(filters.FilterSet):
    """`?fase=expiring&mitra=oke-oce&dinas=dinas-koperasi-ukm&tahap=pendampingan`: the phase
    (decided in SQL by `Agreement.objects.in_phase`), a partner party, the lead agency and a
    stage covered. An invalid value is reported next to its field; the valid ones still apply."""

    fase = filters.ChoiceFilter(
        label=_("Phase"),
        choices=Phase.choices,
        empty_label=_("Every phase"),
        method="filter_phase",
    )
    mitra = filters.ModelChoiceFilter(
        label=_("Partner"),
        queryset=Partner.objects.all(),
        to_field_name="slug",
        empty_label=_("Every partner"),
        method="filter_partner",
    )
    dinas = filters.ModelChoiceFilter(
        label=_("Lead agency"),
        queryset=Agency.objects.all(),
        to_field_name="slug",
        empty_label=_("Every agency"),
        field_name="lead_agency",
    )
    tahap = filters.ModelChoiceFilter(
        label=_("Stage"),
        queryset=Stage.objects.active(),
        to_field_name="code",
        empty_label=_("Every stage"),
        method="filter_stage",
    )

    def filter_phase(
        self, queryset: QuerySet[Agreement], name: str, value: str
    ) -> QuerySet[Agreement]:
        return cast(AgreementQuerySet, queryset).in_phase(value)

    def filter_partner(
        self, queryset: QuerySet[Agreement], name: str, value: Partner
    ) -> QuerySet[Agreement]:
        return cast(AgreementQuerySet, queryset).with_partner(value)

    def filter_stage(
        self, queryset: QuerySet[Agreement], name: str, value: Stage
    ) -> QuerySet[Agreement]:
        return cast(AgreementQuerySet, queryset).covering(value)
