"""The flagship workflow in the API (docs/architecture.md §3, §5): nominations, their actions,
assessments, events, and revoking a designation. Every write is a call to catalog.workflow, in
the order of checks the API promises: 401 (authentication) → 404 (`visible_to`) → 403 → 409
(`workflow.check`) → 400 (the serializer the schema documents, then the models' validation in
the step)."""

from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.utils.serializer_helpers import ReturnDict

from agencies.models import Agency
from catalog import evidence, workflow
from catalog.models import (
    Assessment,
    Criterion,
    Designation,
    Nomination,
    NominationEvent,
    Product,
)
from catalog.workflow import Action
from umkm_portal.signed_in import SignedInRequest

if TYPE_CHECKING:
    from catalog.models.flagship import ScoredNomination

from .base import answers, payload
from .serializers import BusinessEvidenceSerializer, StrictFieldsMixin

#: Every write of the workflow, in the documented shapes (field errors, `{detail}`).
ERRORS = answers({}, 400, 401, 403, 404, 409)


class NominationSerializer(serializers.ModelSerializer):
    product: "serializers.SlugRelatedField[Product]" = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    product_name = serializers.CharField(source="product.name", read_only=True)
    agency: "serializers.SlugRelatedField[Agency]" = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    created_by = serializers.CharField(source="created_by.username", read_only=True)
    submitted_by = serializers.CharField(
        source="submitted_by.username", read_only=True, default=None, allow_null=True
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


class NominationDetailSerializer(NominationSerializer):
    """One nomination, with the evidence of its business's development record."""

    business_evidence = serializers.SerializerMethodField()

    class Meta(NominationSerializer.Meta):
        fields = [*NominationSerializer.Meta.fields, "business_evidence"]
        read_only_fields = fields

    @extend_schema_field(BusinessEvidenceSerializer)
    def get_business_evidence(self, nomination: Nomination) -> dict[str, Any]:
        return evidence.for_business(nomination.product.business)


class NominateSerializer(serializers.Serializer):
    product = serializers.SlugField()
    justification = serializers.CharField(max_length=5000)
    evidence = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    agency = serializers.SlugRelatedField(
        slug_field="slug", queryset=Agency.objects.all(), required=False
    )


class DraftSerializer(StrictFieldsMixin, serializers.Serializer):
    """A draft's changes; any other field (its state, say) is refused with a 400 naming it."""

    justification = serializers.CharField(max_length=5000, required=False)
    evidence = serializers.CharField(max_length=5000, required=False, allow_blank=True)


class EventSerializer(serializers.ModelSerializer):
    actor = serializers.CharField(source="actor.username", read_only=True)
    agency: "serializers.SlugRelatedField[Agency]" = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )

    class Meta:
        model = NominationEvent
        fields = ["id", "action", "from_state", "to_state", "actor", "agency", "comment",
                  "created_at"]  # fmt: skip


class AssessmentSerializer(serializers.ModelSerializer):
    reviewer = serializers.CharField(source="reviewer.username", read_only=True)
    agency: "serializers.SlugRelatedField[Agency]" = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    scores = serializers.SerializerMethodField()
    total = serializers.FloatField(read_only=True)

    class Meta:
        model = Assessment
        fields = ["id", "reviewer", "agency", "comment", "scores", "total", "created_at",
                  "updated_at"]  # fmt: skip

    def get_scores(self, assessment: Assessment) -> dict[str, int]:
        return {score.criterion.code: score.score for score in assessment.scores.all()}


class StepSerializer(serializers.Serializer):
    """A step of the workflow, with an optional comment."""

    comment = serializers.CharField(required=False, allow_blank=True, default="")


class CommentedStepSerializer(serializers.Serializer):
    """A step that must say what and why: requesting changes, rejecting, declining."""

    comment = serializers.CharField()


class ApprovalSerializer(serializers.ModelSerializer):
    """Approving: the designation's period and decree (the model's own fields and validators),
    and an optional comment. `year` defaults to the year the period starts."""

    comment = serializers.CharField(required=False, allow_blank=True, default="")

    class Meta:
        model = Designation
        fields = ["year", "valid_from", "valid_until", "decree_number", "decree_file", "comment"]
        extra_kwargs = {"year": {"required": False}, "decree_file": {"required": False}}


def step_serializer(action: str) -> type[serializers.Serializer]:
    if action == Action.APPROVE:
        return ApprovalSerializer
    if action in workflow.COMMENT_REQUIRED:
        return CommentedStepSerializer
    return StepSerializer


class AssessmentInputSerializer(serializers.Serializer):
    """A reviewer's scores, 1 to 5 by criterion code, and a comment."""

    scores = serializers.DictField(
        child=serializers.IntegerField(min_value=1, max_value=5), allow_empty=False
    )
    comment = serializers.CharField(required=False, allow_blank=True, default="")

    def validate_scores(self, scores: dict[str, int]) -> dict[str, int]:
        known = set(Criterion.objects.active().values_list("code", flat=True))
        unknown = sorted(set(scores) - known)
        if unknown:
            raise serializers.ValidationError(
                [f"{code}: {_('Unknown criterion.')}" for code in unknown]
            )
        return scores


class NominationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Nominations a user may see: their agencies'; reviewers every submitted one;
    administrators all."""

    serializer_class = NominationSerializer
    permission_classes = [IsAuthenticated]
    filterset_fields = ["state"]

    def get_serializer_class(self) -> type[serializers.BaseSerializer]:
        # The evidence costs a few queries: on the detail only, so that a list stays constant.
        if self.action == "retrieve":
            return NominationDetailSerializer
        return NominationSerializer

    def get_queryset(self) -> "QuerySet[ScoredNomination]":
        return (
            Nomination.objects.visible_to(self.request.user)
            .select_related("product", "agency", "created_by", "submitted_by")
            .with_mean_score()
            .order_by("-created_at", "pk")
        )

    @extend_schema(request=NominateSerializer, responses={201: NominationSerializer, **ERRORS})
    def create(self, request: SignedInRequest) -> Response:
        # The product named first (404), whether this user may nominate it now (403, 409), and
        # only then what else the body says (400).
        visible = Product.objects.visible_to(request.user)
        product, slug = None, payload(request).get("product")
        if isinstance(slug, str) and slug:
            product = get_object_or_404(visible, slug=slug)
            workflow.check_nominate(product, request.user)
        body = NominateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        if product is None:  # a slug the serializer read from another type (a number)
            product = get_object_or_404(visible, slug=body.validated_data["product"])
            workflow.check_nominate(product, request.user)
        agency = body.validated_data.get("agency")
        # The answer is read in the same transaction as the write: a database lost between the
        # commit and the reading would answer 503 for a write that happened.
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
    def partial_update(self, request: SignedInRequest, pk: str | None = None) -> Response:
        nomination = self.get_object()
        workflow.check(nomination, request.user, workflow.EDIT)
        body = DraftSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        with transaction.atomic():
            nomination = workflow.update_draft(
                nomination=nomination, by=request.user, **body.validated_data
            )
            shown = self._show(nomination)
        return Response(shown)

    def _show(self, nomination: Nomination) -> ReturnDict[str, Any]:
        return self.get_serializer(self.get_queryset().get(pk=nomination.pk)).data

    def _act(self, request: SignedInRequest, action: str) -> Response:
        nomination = self.get_object()
        workflow.check(nomination, request.user, action)
        body = step_serializer(action)(data=request.data)
        body.is_valid(raise_exception=True)
        with transaction.atomic():
            nomination = workflow.act(
                nomination=nomination, by=request.user, action=action, **body.validated_data
            )
            shown = self._show(nomination)
        return Response(shown)

    @extend_schema(request=StepSerializer, responses={200: NominationSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def submit(self, request: SignedInRequest, pk: str | None = None) -> Response:
        return self._act(request, Action.SUBMIT)

    @extend_schema(request=StepSerializer, responses={200: NominationSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def withdraw(self, request: SignedInRequest, pk: str | None = None) -> Response:
        return self._act(request, Action.WITHDRAW)

    @extend_schema(request=CommentedStepSerializer, responses={200: NominationSerializer, **ERRORS})
    @action(detail=True, methods=["post"], url_path="request-changes")
    def request_changes(self, request: SignedInRequest, pk: str | None = None) -> Response:
        return self._act(request, Action.REQUEST_CHANGES)

    @extend_schema(request=StepSerializer, responses={200: NominationSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def resubmit(self, request: SignedInRequest, pk: str | None = None) -> Response:
        return self._act(request, Action.RESUBMIT)

    @extend_schema(request=StepSerializer, responses={200: NominationSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def recommend(self, request: SignedInRequest, pk: str | None = None) -> Response:
        return self._act(request, Action.RECOMMEND)

    @extend_schema(request=CommentedStepSerializer, responses={200: NominationSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def reject(self, request: SignedInRequest, pk: str | None = None) -> Response:
        return self._act(request, Action.REJECT)

    @extend_schema(request=ApprovalSerializer, responses={200: NominationSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def approve(self, request: SignedInRequest, pk: str | None = None) -> Response:
        return self._act(request, Action.APPROVE)

    @extend_schema(request=CommentedStepSerializer, responses={200: NominationSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def decline(self, request: SignedInRequest, pk: str | None = None) -> Response:
        return self._act(request, Action.DECLINE)

    @extend_schema(
        methods=["post"],
        request=AssessmentInputSerializer,
        responses={201: AssessmentSerializer, **ERRORS},
    )
    @extend_schema(methods=["get"], responses={200: AssessmentSerializer(many=True)})
    @action(detail=True, methods=["get", "post"], pagination_class=None)
    def assessments(self, request: SignedInRequest, pk: str | None = None) -> Response:
        nomination = self.get_object()
        if request.method == "POST":
            workflow.check(nomination, request.user, workflow.ASSESS)
            body = AssessmentInputSerializer(data=request.data)
            body.is_valid(raise_exception=True)
            workflow.assess(nomination=nomination, by=request.user, **body.validated_data)
        assessments = nomination.assessments.select_related("reviewer", "agency").prefetch_related(
            "scores__criterion"
        )
        if request.method == "POST":
            mine = assessments.get(reviewer=request.user)
            return Response(AssessmentSerializer(mine).data, status=status.HTTP_201_CREATED)
        return Response(AssessmentSerializer(assessments, many=True).data)

    @extend_schema(responses={200: EventSerializer(many=True)})
    @action(detail=True, methods=["get"], pagination_class=None)
    def events(self, request: SignedInRequest, pk: str | None = None) -> Response:
        events = self.get_object().events.select_related("actor", "agency")
        return Response(EventSerializer(events, many=True).data)
