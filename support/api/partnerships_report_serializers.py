"""What a monitoring report shows and reads (DESIGN §8, "laporan monev"): its lines (the figure
counted from the records and the corrected one with its note), its append-only log of steps,
and the steps the reader may take on it now."""

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers as drf

from catalog.api.serializers import StrictFieldsMixin
from support.models import Agreement, MonitoringReport, Obligation, ReportLine, ReportStep
from support.models.agreements import Unit
from support.services import reports

from .common import choice, enum, label, username
from .partnerships_serializers import UNIT

REPORT_STATUS = "ReportStatusEnum"
REPORT_STEP = "ReportStepEnum"


# Monitoring reports ------------------------------------------------------------------------------


class ReportLineSerializer(drf.ModelSerializer):
    """One obligation's figure: counted from the records, corrected (with a note) or not."""

    obligation: "drf.PrimaryKeyRelatedField[Obligation]" = drf.PrimaryKeyRelatedField(
        read_only=True
    )
    what_counts = drf.CharField(source="obligation.what_counts", read_only=True)
    party_name = drf.CharField(source="obligation.party.name", read_only=True)
    target = drf.IntegerField(source="obligation.target", read_only=True)
    unit = enum(UNIT, Unit.choices, read_only=True, source="obligation.unit")
    figure = drf.IntegerField(read_only=True)
    corrected_by = username("corrected_by")

    class Meta:
        model = ReportLine
        fields = ["id", "obligation", "what_counts", "party_name", "target", "unit",
                  "computed_figure", "corrected_figure", "figure", "note", "corrected_by",
                  "corrected_at"]  # fmt: skip
        read_only_fields = fields


class ReportStepSerializer(drf.ModelSerializer):
    actor = username("actor")
    from_state = choice(REPORT_STATUS, [("", "—"), *MonitoringReport.Status.choices])
    to_state = choice(REPORT_STATUS, MonitoringReport.Status.choices)

    class Meta:
        model = ReportStep
        fields = ["actor", "from_state", "to_state", "comment", "created_at"]
        read_only_fields = fields


class ReportSerializer(drf.ModelSerializer):
    """A monitoring report as a list shows it."""

    agreement: "drf.PrimaryKeyRelatedField[Agreement]" = drf.PrimaryKeyRelatedField(read_only=True)
    agreement_title = drf.CharField(source="agreement.title", read_only=True)
    status = choice(REPORT_STATUS, MonitoringReport.Status.choices)
    status_label = label("status")
    created_by = username("created_by")

    class Meta:
        model = MonitoringReport
        fields = ["id", "agreement", "agreement_title", "period_start", "period_end", "status",
                  "status_label", "obstacles", "follow_up", "created_by", "created_at",
                  "updated_at"]  # fmt: skip
        read_only_fields = fields

    @staticmethod
    def with_related(queryset: QuerySet[MonitoringReport]) -> QuerySet[MonitoringReport]:
        return queryset.select_related("agreement", "created_by")


class ReportDetailSerializer(ReportSerializer):
    """One report: its lines, its log, and the steps the reader may take on it now."""

    lines = ReportLineSerializer(many=True, read_only=True)
    steps = ReportStepSerializer(many=True, read_only=True)
    actions = drf.SerializerMethodField()

    class Meta(ReportSerializer.Meta):
        fields = [*ReportSerializer.Meta.fields, "lines", "steps", "actions"]
        read_only_fields = fields

    @extend_schema_field(drf.ListField(child=choice(REPORT_STEP, list(reports.STEPS))))
    def get_actions(self, report: MonitoringReport) -> list[str]:
        return reports.allowed_steps(report, self.context["request"].user)

    @staticmethod
    def with_related(queryset: QuerySet[MonitoringReport]) -> QuerySet[MonitoringReport]:
        lines = ReportLine.objects.select_related(
            "obligation__party__agency", "obligation__party__partner", "corrected_by"
        )
        return ReportSerializer.with_related(queryset).prefetch_related(
            Prefetch("lines", queryset=lines),
            Prefetch("steps", queryset=ReportStep.objects.select_related("actor")),
        )


class NewReportSerializer(StrictFieldsMixin, drf.Serializer):
    """A report for a period within the agreement's term, opened pre-filled from the records."""

    period_start = drf.DateField()
    period_end = drf.DateField()
    obstacles = drf.CharField(required=False, allow_blank=True, default="")
    follow_up = drf.CharField(required=False, allow_blank=True, default="")


class CorrectionSerializer(StrictFieldsMixin, drf.Serializer):
    """A line's figure stated in place of the counted one, saying why (both are kept); `figure`
    null takes the correction back (the counted figure stands again)."""

    line = drf.IntegerField(help_text=gettext_lazy("The line's id."))
    figure = drf.IntegerField(min_value=0, allow_null=True)
    note = drf.CharField(max_length=5000, required=False, allow_blank=True, default="")

    def validate(self, data: dict) -> dict:
        if data.get("figure") is not None and not data.get("note", "").strip():
            message = gettext_lazy("Say why the figure differs from the records.")
            raise drf.ValidationError({"note": message})
        return data


class ReportChangeSerializer(StrictFieldsMixin, drf.Serializer):
    """What PATCH `reports/<id>/` may change while the report is a draft or was returned:
    obstacles and follow-up, corrected figures, and `refresh` to count every line again from
    the records (corrections stay)."""

    obstacles = drf.CharField(required=False, allow_blank=True)
    follow_up = drf.CharField(required=False, allow_blank=True)
    corrections = CorrectionSerializer(many=True, required=False)
    refresh = drf.BooleanField(required=False, default=False)


class CommentSerializer(drf.Serializer):
    """A step's comment: required to return a report, optional otherwise."""

    comment = drf.CharField(max_length=5000, required=False, allow_blank=True, default="")


class RequiredCommentSerializer(drf.Serializer):
    """Returning a report says what must change."""

    comment = drf.CharField(max_length=5000)
