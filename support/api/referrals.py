"""`referrals/`: one agency hands a business to another for a stage it does not serve itself
(DESIGN §8). Members of any agency read them (`box=incoming|outgoing` narrows them to their own
agencies); editors and managers send them from their agency; the receiving agency accepts,
declines and completes, the sending agency cancels: `referrals/<id>/<step>/` with a `note`
(required to decline or cancel).

Each step is asked of `support.services.referrals.check` first (403, then 409), then its body is
read (400), then `answer_referral` takes it under a row lock, checking again: when two people
answer at the same moment, exactly one wins and the other is answered 409.
"""

from collections.abc import Callable

from django.db import transaction
from django.db.models import QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import mixins, status, viewsets
from rest_framework import serializers as drf
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from agencies.models import Agency
from catalog.api.base import answers, validated
from catalog.api.serializers import StrictFieldsMixin, by_slug, writable_slug
from support import rules
from support.models import Referral, Stage
from support.models.referrals import ReferralQuerySet
from support.services import referrals
from umkm_portal.signed_in import SignedInRequest

from .common import (
    AnswersAfresh,
    BusinessField,
    FiltersNarrowTheList,
    choice,
    creation,
    label,
    username,
)
from .filters import ReferralFilter

REFERRAL_STATUS = "ReferralStatusEnum"
STEP = "ReferralStepEnum"


class ReferralSerializer(drf.ModelSerializer):
    """A referral and every answer it got, each with who, when and a note."""

    business = by_slug()
    business_name = drf.CharField(source="business.name", read_only=True)
    from_agency = by_slug()
    to_agency = by_slug()
    stage: "drf.SlugRelatedField[Stage]" = drf.SlugRelatedField(slug_field="code", read_only=True)
    status = choice(REFERRAL_STATUS, Referral.Status.choices)
    status_label = label("status")
    is_overdue = drf.BooleanField(
        read_only=True, help_text=gettext_lazy("Unanswered past its due date.")
    )
    sent_by = username("sent_by")
    answered_by = username("answered_by")
    completed_by = username("completed_by")
    cancelled_by = username("cancelled_by")

    class Meta:
        model = Referral
        fields = [
            "id", "business", "business_name", "from_agency", "to_agency", "stage", "reason",
            "due_on", "status", "status_label", "is_overdue", "sent_by", "sent_at",
            "answered_by", "answered_at", "answer_note", "completed_by", "completed_at",
            "completion_note", "cancelled_by", "cancelled_at", "cancel_note",
        ]  # fmt: skip
        read_only_fields = fields

    @staticmethod
    def with_related(queryset: ReferralQuerySet) -> ReferralQuerySet:
        return queryset.with_parties()


class ReferralDetailSerializer(ReferralSerializer):
    """One referral, with the steps the requesting user may take on it now (the list leaves
    them out: they are asked of the rules one referral at a time)."""

    actions = drf.SerializerMethodField()

    class Meta(ReferralSerializer.Meta):
        fields = [*ReferralSerializer.Meta.fields, "actions"]
        read_only_fields = fields

    @extend_schema_field(drf.ListField(child=choice(STEP, list(referrals.STEPS))))
    def get_actions(self, referral: Referral) -> list[str]:
        return referrals.allowed_steps(referral, self.context["request"].user)


class NewReferralSerializer(StrictFieldsMixin, drf.Serializer):
    """A referral from `from_agency` (one of yours; leave it out if you edit for one agency only)
    to another agency, for a stage; the answer is due in 14 days unless `due_on` says otherwise."""

    from_agency = drf.SlugRelatedField(
        slug_field="slug", queryset=Agency.objects.all(), required=False
    )
    to_agency = writable_slug(Agency.objects.all())
    business = BusinessField()
    stage: "drf.SlugRelatedField[Stage]" = drf.SlugRelatedField(
        slug_field="code", queryset=Stage.objects.active()
    )
    reason = drf.CharField(max_length=5000)
    due_on = drf.DateField(required=False)


class NoteSerializer(drf.Serializer):
    """A step's note: required to decline or to cancel, optional otherwise."""

    note = drf.CharField(max_length=5000, required=False, allow_blank=True, default="")


class RequiredNoteSerializer(drf.Serializer):
    """Declining and cancelling say why."""

    note = drf.CharField(max_length=5000)


View = Callable[..., Response]


def note_serializer(name: str) -> type[drf.Serializer]:
    """The body of the step `name`: a note, required where the step must say why."""
    return RequiredNoteSerializer if referrals.STEPS[name].says_why else NoteSerializer


def step(name: str, description: str | Promise) -> Callable[[View], View]:
    """A POST `referrals/<id>/<name>/`, answered with the referral as it is afterwards."""

    def decorate(function: View) -> View:
        function = action(detail=True, methods=["post"])(function)
        return extend_schema(
            request=note_serializer(name),
            responses=answers({200: ReferralDetailSerializer}, 400, 401, 403, 404, 409),
            description=description,
        )(function)

    return decorate


class ReferralViewSet(
    FiltersNarrowTheList,
    AnswersAfresh,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Every referral, for members of any agency and administrators (anyone else finds none):
    overdue first, then unanswered by due date, then accepted, then the rest, newest first."""

    serializer_class = ReferralSerializer
    answer_serializer = ReferralDetailSerializer
    permission_classes = [IsAuthenticated]
    filterset_class = ReferralFilter

    def get_queryset(self) -> QuerySet[Referral]:
        visible = Referral.objects.visible_to(self.request.user)
        return ReferralSerializer.with_related(visible.overdue_first())

    def get_serializer_class(self) -> type[drf.BaseSerializer]:
        return ReferralSerializer if self.action == "list" else ReferralDetailSerializer

    @extend_schema(
        request=NewReferralSerializer,
        responses=answers({201: ReferralDetailSerializer}, 400, 401, 403),
        description=gettext_lazy(
            "Refer a business to another agency for a stage, from `from_agency` (one of your "
            "agencies; leave it out if you edit for one agency only)."
        ),
    )
    def create(self, request: SignedInRequest) -> Response:
        from_agency, fields = creation(
            request, NewReferralSerializer, "from_agency", may_act=rules.can_send_referral
        )
        with transaction.atomic():  # the answer before the commit, as for activities
            referral = referrals.send_referral(by=request.user, from_agency=from_agency, **fields)
            return self.shown(referral, status.HTTP_201_CREATED)

    def _take(self, request: SignedInRequest, name: str) -> Response:
        referral = self.get_object()  # 404
        referrals.check(referral, request.user, name)  # 403, then 409
        note = validated(note_serializer(name), request)["note"]  # 400
        with transaction.atomic():
            referral = referrals.answer_referral(
                referral=referral, by=request.user, action=name, note=note
            )
            return self.shown(referral)

    @step("accept", gettext_lazy("Accept the referral: the receiving agency."))
    def accept(self, request: SignedInRequest, pk: str | None = None) -> Response:
        return self._take(request, "accept")

    @step("decline", gettext_lazy("Decline the referral, saying why: the receiving agency."))
    def decline(self, request: SignedInRequest, pk: str | None = None) -> Response:
        return self._take(request, "decline")

    @step(
        "complete",
        gettext_lazy("Complete an accepted referral: the receiving agency, with what was done."),
    )
    def complete(self, request: SignedInRequest, pk: str | None = None) -> Response:
        return self._take(request, "complete")

    @step(
        "cancel",
        gettext_lazy("Cancel an open referral, saying why: the sending agency."),
    )
    def cancel(self, request: SignedInRequest, pk: str | None = None) -> Response:
        return self._take(request, "cancel")
