"""The development record in the Django admin: provincial administrators' tool for the stages
(master data) and for looking into every record with its history.

The record is written through support/services (rights, states and the acting user); the admin
does not go around them. Records are therefore read-mostly here: never added nor deleted (a
service is voided with a reason, an activity cancelled, both in the workspace), and only their
descriptive fields can be corrected while they are open. Workflow fields (states, who and when,
void and cancel reasons, verification) are read-only, and a record closed by the workflow (voided,
cancelled, verified, answered) is read-only as a whole. History is shown through django-simple-
history's admin without its "revert", which would restore workflow fields as well.
"""

from typing import Any

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Activity,
    Agreement,
    AgreementParty,
    Milestone,
    MonitoringReport,
    Obligation,
    Participation,
    Partner,
    PartnerMembership,
    Referral,
    ReportLine,
    ReportStep,
    Service,
    Snapshot,
    Stage,
)


@admin.register(Stage)
class StageAdmin(admin.ModelAdmin):
    """Master data: names, descriptions, order and whether a stage is offered. The code is
    what the code and the demo data refer to, so it is fixed once the stage exists, and a stage is
    never deleted (records point at it)."""

    list_display = ["code", "name", "name_en", "order", "is_active"]
    list_editable = ["order", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["code", "name", "name_en"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return ["code"] if obj is not None else []

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class RecordAdmin(SimpleHistoryAdmin):
    """Read-mostly: no add, no delete, no revert; only `correctable` fields change, and only
    while the record is open (`is_closed`)."""

    correctable: tuple[str, ...] = ()

    def is_closed(self, obj: Any) -> bool:
        return False

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        every = [field.name for field in self.model._meta.get_fields() if field.concrete]
        every += [field.name for field in self.model._meta.many_to_many]
        if obj is not None and self.is_closed(obj):
            return list(dict.fromkeys(every))
        return [name for name in dict.fromkeys(every) if name not in self.correctable]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def revert_disabled(self, request: HttpRequest, obj: Any = None) -> bool:
        return True

    def history_form_view(
        self,
        request: HttpRequest,
        object_id: str,
        version_id: str,
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        # The page shows an old version; posting it would write every old field back.
        if request.method != "GET":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


PARTICIPATION_FIELDS = ("business", "status", "result_note", "certificate_number", "created_at")


class ParticipationInline(admin.TabularInline):
    model = Participation
    extra = 0
    can_delete = False
    fields = PARTICIPATION_FIELDS
    readonly_fields = PARTICIPATION_FIELDS
    show_change_link = True

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_queryset(self, request: HttpRequest) -> QuerySet[Participation]:
        return super().get_queryset(request).select_related("business")


@admin.register(Activity)
class ActivityAdmin(RecordAdmin):
    list_display = ["title", "organiser", "kind", "starts_at", "region", "is_public",
                    "participant_count", "is_cancelled"]  # fmt: skip
    list_filter = ["kind", "stages", "is_public", "funding", "benefit", "organiser", "region",
                   ("cancelled_at", admin.EmptyFieldListFilter)]  # fmt: skip
    search_fields = ["title", "description", "place", "organiser__name", "organiser__short_name"]
    list_select_related = ["organiser", "region"]
    date_hierarchy = "starts_at"
    correctable = ("title", "description", "place", "capacity", "registration_info")
    inlines = [ParticipationInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Activity]:
        return super().get_queryset(request).annotate(participant_total=Count("participations"))

    def is_closed(self, obj: Activity) -> bool:
        return obj.is_cancelled

    @admin.display(description=_("participants"), ordering="participant_total")
    def participant_count(self, activity: Activity) -> int:
        return activity.participant_total  # type: ignore[attr-defined]

    @admin.display(boolean=True, description=_("cancelled"), ordering="cancelled_at")
    def is_cancelled(self, activity: Activity) -> bool:
        return activity.is_cancelled


@admin.register(Participation)
class ParticipationAdmin(RecordAdmin):
    list_display = ["business", "activity", "status", "certificate_number", "created_at"]
    list_filter = ["status", "activity__organiser", "activity__kind"]
    search_fields = ["business__name", "activity__title", "certificate_number"]
    list_select_related = ["business", "activity"]
    correctable = ("result_note", "certificate_number")

    def is_closed(self, obj: Participation) -> bool:
        return obj.activity.is_cancelled


@admin.register(Service)
class ServiceAdmin(RecordAdmin):
    list_display = ["provided_on", "business", "provider", "stage", "kind", "outcome", "benefit",
                    "amount", "is_voided"]  # fmt: skip
    list_filter = ["stage", "kind", "outcome", "benefit", "agency", "partner",
                   ("voided_at", admin.EmptyFieldListFilter)]  # fmt: skip
    search_fields = ["business__name", "agency__name", "agency__short_name", "partner__name",
                     "mentor_name", "summary"]  # fmt: skip
    list_select_related = ["business", "agency", "partner", "stage"]
    date_hierarchy = "provided_on"
    correctable = ("hours", "mentor_name", "summary")

    def is_closed(self, obj: Service) -> bool:
        return obj.is_voided

    @admin.display(description=_("provided by"))
    def provider(self, service: Service) -> str:
        return service.provider_name

    @admin.display(boolean=True, description=_("voided"), ordering="voided_at")
    def is_voided(self, service: Service) -> bool:
        return service.is_voided


@admin.register(Referral)
class ReferralAdmin(RecordAdmin):
    list_display = ["business", "from_agency", "to_agency", "stage", "status", "due_on",
                    "is_overdue", "sent_at"]  # fmt: skip
    list_filter = ["status", "stage", "from_agency", "to_agency"]
    search_fields = ["business__name", "reason", "from_agency__name", "to_agency__name"]
    list_select_related = ["business", "from_agency", "to_agency", "stage"]
    date_hierarchy = "sent_at"
    correctable = ("reason",)

    def is_closed(self, obj: Referral) -> bool:
        return not obj.is_open

    @admin.display(boolean=True, description=_("overdue"))
    def is_overdue(self, referral: Referral) -> bool:
        return referral.is_overdue


class VerifiedFilter(admin.SimpleListFilter):
    title = _("verified")
    parameter_name = "verified"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return [("yes", _("Verified")), ("no", _("Not verified"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() in ("yes", "no"):
            return queryset.filter(verified_at__isnull=self.value() == "no")
        return queryset


@admin.register(Snapshot)
class SnapshotAdmin(RecordAdmin):
    list_display = ["business", "taken_on", "capital", "turnover", "scale_class",
                    "declared_scale", "source", "is_verified"]  # fmt: skip
    list_filter = [VerifiedFilter, "source", "exports"]
    search_fields = ["business__name"]
    list_select_related = ["business"]
    date_hierarchy = "taken_on"
    correctable = ("workers_women", "workers_men", "exports")

    def is_closed(self, obj: Snapshot) -> bool:
        return obj.is_verified

    @admin.display(description=_("scale class (PP 7/2021)"))
    def scale_class(self, snapshot: Snapshot) -> str:
        found = snapshot.scale_class
        return str(found.label) if found else "—"

    @admin.display(description=_("declared scale"))
    def declared_scale(self, snapshot: Snapshot) -> str:
        return snapshot.business.get_scale_display()

    @admin.display(boolean=True, description=_("verified"), ordering="verified_at")
    def is_verified(self, snapshot: Snapshot) -> bool:
        return snapshot.is_verified


@admin.register(Milestone)
class MilestoneAdmin(RecordAdmin):
    list_display = ["business", "kind", "stage", "achieved_on", "is_verified"]
    list_filter = [VerifiedFilter, "kind", "stage"]
    search_fields = ["business__name", "evidence"]
    list_select_related = ["business", "stage"]
    date_hierarchy = "achieved_on"
    correctable = ("evidence",)

    def is_closed(self, obj: Milestone) -> bool:
        return obj.is_verified

    @admin.display(boolean=True, description=_("verified"), ordering="verified_at")
    def is_verified(self, milestone: Milestone) -> bool:
        return milestone.is_verified


# Partnerships (DESIGN §8). Partners and partner staff are master data the administrators keep
# here; agreements, obligations and reports are written through support/services/agreements.py
# and reports.py (rights, states, the log), so the admin reads them and corrects wording only.


OBLIGATION_COLUMNS: tuple[str, ...] = (
    "party",
    "stage",
    "activity_kind",
    "service_kind",
    "target",
    "unit",
    "due_on",
)
LINE_COLUMNS: tuple[str, ...] = (
    "obligation",
    "computed_figure",
    "corrected_figure",
    "note",
    "corrected_by",
)
STEP_COLUMNS: tuple[str, ...] = ("created_at", "actor", "from_state", "to_state", "comment")


class PartnerMembershipInline(admin.TabularInline):
    model = PartnerMembership
    extra = 0
    autocomplete_fields = ["user"]
    readonly_fields = ["created_at"]


@admin.register(Partner)
class PartnerAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "is_active", "website"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "slug", "description", "contact"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [PartnerMembershipInline]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # agreements and services point at it: deactivate instead


@admin.register(PartnerMembership)
class PartnerMembershipAdmin(SimpleHistoryAdmin):
    list_display = ["user", "partner", "created_at"]
    list_filter = ["partner"]
    search_fields = ["user__username", "user__email", "partner__name"]
    autocomplete_fields = ["user", "partner"]
    list_select_related = ["user", "partner"]


class PartyInline(admin.TabularInline):
    model = AgreementParty
    extra = 0
    can_delete = False
    fields = ["agency", "partner", "document_number", "signatory_name", "signatory_title"]
    readonly_fields = ["agency", "partner"]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ObligationInline(admin.TabularInline):
    model = Obligation
    extra = 0
    can_delete = False
    fields = readonly_fields = OBLIGATION_COLUMNS

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Agreement)
class AgreementAdmin(RecordAdmin):
    list_display = ["title", "kind", "lead_agency", "status", "phase", "valid_from",
                    "valid_until"]  # fmt: skip
    list_filter = ["kind", "status", "lead_agency", "stages"]
    search_fields = ["title", "scope", "legal_basis", "parties__document_number",
                     "parties__partner__name", "parties__agency__name"]  # fmt: skip
    list_select_related = ["lead_agency"]
    date_hierarchy = "valid_from"
    correctable = ("title", "scope", "legal_basis", "document_is_public")
    inlines = [PartyInline, ObligationInline]

    def is_closed(self, obj: Agreement) -> bool:
        return obj.status == Agreement.Status.TERMINATED

    @admin.display(description=_("phase"))
    def phase(self, agreement: Agreement) -> str:
        return str(agreement.phase.label)


@admin.register(Obligation)
class ObligationAdmin(RecordAdmin):
    list_display = ["agreement", "party", "stage", "target", "unit", "due_on"]
    list_filter = ["unit", "stage", "activity_kind", "service_kind"]
    search_fields = ["agreement__title", "description"]
    list_select_related = ["agreement", "party__agency", "party__partner", "stage"]
    correctable = ("description",)


class LineInline(admin.TabularInline):
    model = ReportLine
    extra = 0
    can_delete = False
    fields = readonly_fields = LINE_COLUMNS

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class StepInline(admin.TabularInline):
    """The report's log: append-only, so read-only here."""

    model = ReportStep
    extra = 0
    can_delete = False
    fields = readonly_fields = STEP_COLUMNS

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(MonitoringReport)
class MonitoringReportAdmin(RecordAdmin):
    list_display = ["agreement", "period_start", "period_end", "status", "updated_at"]
    list_filter = ["status", "agreement__lead_agency"]
    search_fields = ["agreement__title", "obstacles", "follow_up"]
    list_select_related = ["agreement"]
    inlines = [LineInline, StepInline]

    def is_closed(self, obj: MonitoringReport) -> bool:
        return True  # written through its workflow only
