"""The flagship workflow in the API (DESIGN §3, §5): nominations, their actions, assessments,
events, and revoking a designation. Every write is a call to catalog.workflow; the order of
checks is 401 (authentication) → 404 (`visible_to`) → 403 → 409 → 400 (the workflow's)."""

from django.db import transaction
from django.db.models import Avg
from django.shortcuts import get_object_or_404
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from agencies.models import Agency
from catalog import workflow
from catalog.models import Assessment, Designation, Nomination, NominationEvent, Product

ERRORS = {
    400: OpenApiResponse(description="Invalid data, with field errors"),
    401: OpenApiResponse(description="No credentials"),
    403: OpenApiResponse(description="Not allowed for this person (role, four eyes)"),
    404: OpenApiResponse(description="Unknown or invisible"),
    409: OpenApiResponse(description="Not allowed in the current state"),
}


class NominationSerializer(serializers.ModelSerializer):
    product = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    product_name = serializers.CharField(source="product.name", read_only=True)
    agency = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    created_by = serializers.CharField(source="created_by.username", read_only=True)
    submitted_by = serializers.CharField(
        source="submitted_by.username", read_only=True, default=None
    )
    mean_score = serializers.FloatField(read_only=True, allow_null=True)

    class Meta:
        model = Nomination
        fields = [
            "id", "product", "product_name", "agency", "justification", "evidence", "state",
            "created_by", "submitted_by", "submitted_at", "mean_score", "created_at",
            "updated_at",
        ]  # fmt: skip
        read_only_fields = fields


class NominateSerializer(serializers.Serializer):
    product = serializers.SlugField()
    justification = serializers.CharField(max_length=5000)
    evidence = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    agency = serializers.SlugField(required=False)


class DraftSerializer(serializers.Serializer):
    justification = serializers.CharField(max_length=5000, required=False)
    evidence = serializers.CharField(max_length=5000, required=False, allow_blank=True)


class EventSerializer(serializers.ModelSerializer):
    actor = serializers.CharField(source="actor.username", read_only=True)
    agency = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = NominationEvent
        fields = ["id", "action", "from_state", "to_state", "actor", "agency", "comment",
                  "created_at"]  # fmt: skip


class AssessmentSerializer(serializers.ModelSerializer):
    reviewer = serializers.CharField(source="reviewer.username", read_only=True)
    agency = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    scores = serializers.SerializerMethodField()
    total = serializers.FloatField(read_only=True)

    class Meta:
        model = Assessment
        fields = ["id", "reviewer", "agency", "comment", "scores", "total", "created_at",
                  "updated_at"]  # fmt: skip

    def get_scores(self, assessment) -> dict[str, int]:
        return {score.criterion.code: score.score for score in assessment.scores.all()}


ActionBody = inline_serializer(
    "NominationAction",
    {
        "comment": serializers.CharField(required=False),
        "year": serializers.IntegerField(required=False, help_text="approve only"),
        "valid_from": serializers.DateField(required=False, help_text="approve only"),
        "valid_until": serializers.DateField(required=False, help_text="approve only"),
        "decree_number": serializers.CharField(required=False, help_text="approve only"),
    },
)
AssessBody = inline_serializer(
    "AssessmentInput",
    {
        "scores": serializers.DictField(child=serializers.IntegerField(min_value=1, max_value=5)),
        "comment": serializers.CharField(required=False),
    },
)


def _date(value):
    """A date, or the value as it came when it is not one (the workflow then says 400, after
    it has checked the role and the state)."""
    try:
        return parse_date(value) or value if isinstance(value, str) else value
    except ValueError:
        return value


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return value


class NominationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Nominations a user may see: their agencies'; reviewers every submitted one;
    administrators all."""

    serializer_class = NominationSerializer
    permission_classes = [IsAuthenticated]
    filterset_fields = ["state"]

    def get_queryset(self):
        return (
            Nomination.objects.visible_to(self.request.user)
            .select_related("product", "agency", "created_by", "submitted_by")
            .annotate(mean_score=Avg("assessments__scores__score"))
            .order_by("-created_at", "pk")
        )

    @extend_schema(request=NominateSerializer, responses={201: NominationSerializer, **ERRORS})
    def create(self, request):
        body = NominateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        product = get_object_or_404(
            Product.objects.visible_to(request.user), slug=body.validated_data["product"]
        )
        agency = None
        if "agency" in body.validated_data:
            agency = get_object_or_404(Agency, slug=body.validated_data["agency"])
        # The answer is read in the same transaction as the write: a database lost between the
        # commit and the reading would answer 503 for a write that happened (issue 7).
        with transaction.atomic():
            nomination = workflow.nominate(
                product=product,
                by=request.user,
                agency=agency,
                justification=body.validated_data["justification"],
                evidence=body.validated_data.get("evidence", ""),
            )
            shown = self._show(nomination)
        return Response(shown, status=status.HTTP_201_CREATED)

    @extend_schema(request=DraftSerializer, responses={200: NominationSerializer, **ERRORS})
    def partial_update(self, request, pk=None):
        nomination = self.get_object()
        unknown = sorted(set(request.data) - {"justification", "evidence"})
        if unknown:
            # Rights and state first (403, 409), then the refusal of the fields (400).
            workflow.update_draft(nomination=nomination, by=request.user)
            raise serializers.ValidationError(
                {name: [_("This field cannot be changed here.")] for name in unknown}
            )
        # Validated by the workflow (after rights and state), not here.
        changes = {name: str(value) for name, value in request.data.items()}
        with transaction.atomic():
            nomination = workflow.update_draft(nomination=nomination, by=request.user, **changes)
            shown = self._show(nomination)
        return Response(shown)

    def _show(self, nomination):
        return self.get_serializer(self.get_queryset().get(pk=nomination.pk)).data

    def _act(self, request, name):
        nomination = self.get_object()
        data = request.data
        details = {}
        if name == "approve":
            details = {
                "year": _int(data.get("year")),
                "valid_from": _date(data.get("valid_from")),
                "valid_until": _date(data.get("valid_until")),
                "decree_number": data.get("decree_number", ""),
                "decree_file": request.FILES.get("decree_file"),
            }
        with transaction.atomic():
            nomination = workflow.act(
                nomination=nomination,
                by=request.user,
                action=name,
                comment=str(data.get("comment", "")),
                **details,
            )
            shown = self._show(nomination)
        return Response(shown)

    @extend_schema(request=ActionBody, responses={200: NominationSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        return self._act(request, "submit")

    @extend_schema(request=ActionBody, responses={200: NominationSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        return self._act(request, "withdraw")

    @extend_schema(request=ActionBody, responses={200: NominationSerializer, **ERRORS})
    @action(detail=True, methods=["post"], url_path="request-changes")
    def request_changes(self, request, pk=None):
        return self._act(request, "request_changes")

    @extend_schema(request=ActionBody, responses={200: NominationSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def resubmit(self, request, pk=None):
        return self._act(request, "resubmit")

    @extend_schema(request=ActionBody, responses={200: NominationSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def recommend(self, request, pk=None):
        return self._act(request, "recommend")

    @extend_schema(request=ActionBody, responses={200: NominationSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        return self._act(request, "reject")

    @extend_schema(request=ActionBody, responses={200: NominationSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        return self._act(request, "approve")

    @extend_schema(request=ActionBody, responses={200: NominationSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def decline(self, request, pk=None):
        return self._act(request, "decline")

    @extend_schema(
        methods=["post"], request=AssessBody, responses={201: AssessmentSerializer, **ERRORS}
    )
    @extend_schema(methods=["get"], responses={200: AssessmentSerializer(many=True)})
    @action(detail=True, methods=["get", "post"], pagination_class=None)
    def assessments(self, request, pk=None):
        nomination = self.get_object()
        if request.method == "POST":
            workflow.assess(
                nomination=nomination,
                by=request.user,
                scores=request.data.get("scores"),
                comment=str(request.data.get("comment", "")),
            )
        assessments = nomination.assessments.select_related("reviewer", "agency").prefetch_related(
            "scores__criterion"
        )
        if request.method == "POST":
            mine = assessments.get(reviewer=request.user)
            return Response(AssessmentSerializer(mine).data, status=status.HTTP_201_CREATED)
        return Response(AssessmentSerializer(assessments, many=True).data)

    @extend_schema(responses={200: EventSerializer(many=True)})
    @action(detail=True, methods=["get"], pagination_class=None)
    def events(self, request, pk=None):
        events = self.get_object().events.select_related("actor", "agency")
        return Response(EventSerializer(events, many=True).data)


class RevokeDesignation(APIView):
    """POST `{reason}`: an administrator revokes a designation; the product stops being a
    flagship at once."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=inline_serializer("Revocation", {"reason": serializers.CharField()}),
        responses={200: OpenApiResponse(description="Revoked"), **ERRORS},
    )
    def post(self, request, pk):
        designation = get_object_or_404(Designation, pk=pk)
        designation = workflow.revoke(
            designation=designation, by=request.user, reason=str(request.data.get("reason", ""))
        )
        return Response(
            {
                "id": designation.pk,
                "product": designation.product.slug,
                "revoked_at": designation.revoked_at,
                "revocation_reason": designation.revocation_reason,
            }
        )
