"""`services/`: one-to-one help an agency gave one business (DESIGN §8) — read by members of any
agency (the record is shared), recorded as one of the user's agencies for any active business,
corrected and voided only by the agency that gave it. Never deleted: `services/<id>/void/`
keeps it, with the reason, out of every count.

Every write is a call to `support.services.help`; every right a rule of `support.rules`, asked
before the body is read. (The module is named after `support.services.help`: a "service" here is
the help, not a service layer.)
"""

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework import serializers as drf
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from agencies.models import Agency
from catalog.api.base import answers, validated
from catalog.api.serializers import StrictFieldsMixin, by_slug
from catalog.models import Certificate
from support import rules
from support.models import Agreement, Benefit, Partner, Service, Stage
from support.services import help
from umkm_portal.services import require
from umkm_portal.signed_in import SignedInRequest

from .common import (
    AnswersAfresh,
    BusinessField,
    FiltersNarrowTheList,
    ReasonSerializer,
    choice,
    creation,
    enum,
    label,
    username,
)
from .filters import ServiceFilter
from .partnerships_records import acting_partner, named_agreement

SERVICE_KIND = "ServiceKindEnum"
OUTCOME = "ServiceOutcomeEnum"
BENEFIT = "BenefitEnum"
TARGET = "TargetCertificateKindEnum"
#: A facilitation may aim at no certificate at all (blank).
TARGETS = [("", "—"), *Certificate.Kind.choices]


class ServiceSerializer(drf.ModelSerializer):
    """A service as members of any agency see it, amounts included. Given by an `agency` or
    a `partner` (the other is null), under an `agreement` (its id) or none."""

    business = by_slug()
    business_name = drf.CharField(source="business.name", read_only=True)
    agency = by_slug()
    partner = by_slug()
    agreement: "drf.PrimaryKeyRelatedField[Agreement]" = drf.PrimaryKeyRelatedField(read_only=True)
    stage: "drf.SlugRelatedField[Stage]" = drf.SlugRelatedField(slug_field="code", read_only=True)
    kind = choice(SERVICE_KIND, Service.Kind.choices)
    kind_label = label("kind")
    outcome = choice(OUTCOME, Service.Outcome.choices)
    outcome_label = label("outcome")
    benefit = choice(BENEFIT, Benefit.choices)
    benefit_label = label("benefit")
    target_certificate_kind = choice(TARGET, TARGETS)
    is_voided = drf.BooleanField(read_only=True)
    voided_by = username("voided_by")
    recorded_by = username("recorded_by")

    class Meta:
        model = Service
        fields = [
            "id", "business", "business_name", "agency", "partner", "agreement", "stage", "kind",
            "kind_label",
            "provided_on", "hours", "mentor_name", "summary", "outcome", "outcome_label",
            "benefit", "benefit_label", "amount", "target_certificate_kind", "certificate",
            "is_voided", "voided_at", "voided_by", "void_reason", "recorded_by", "created_at",
            "updated_at",
        ]  # fmt: skip
        read_only_fields = fields

    @staticmethod
    def with_related(queryset: QuerySet[Service]) -> QuerySet[Service]:
        return queryset.select_related(
            "business", "agency", "partner", "stage", "recorded_by", "voided_by"
        )


class ServiceChangeSerializer(StrictFieldsMixin, drf.ModelSerializer):
    """What PATCH `services/<id>/` may correct: everything but the business and the agency.
    The stage by code; the certificate produced by id (one of the business's). An amount
    exactly for a grant, a loan or KUR is the model's own rule (`Service.clean`, run by the
    service): a 400 on `amount`, as on the workspace form."""

    stage: "drf.SlugRelatedField[Stage]" = drf.SlugRelatedField(
        slug_field="code", queryset=Stage.objects.active()
    )
    kind = enum(SERVICE_KIND, Service.Kind.choices)
    outcome = enum(OUTCOME, Service.Outcome.choices, required=False)
    benefit = enum(BENEFIT, Benefit.choices, required=False)
    target_certificate_kind = enum(TARGET, TARGETS, required=False)
    certificate: "drf.PrimaryKeyRelatedField[Certificate]" = drf.PrimaryKeyRelatedField(
        queryset=Certificate.objects.all(), required=False, allow_null=True
    )

    class Meta:
        model = Service
        fields = list(help.SERVICE_FIELDS)


class ServiceCreateSerializer(ServiceChangeSerializer):
    """A new service, given as `agency` (one of yours; leave it out if you edit for one agency
    only) or as `partner` (partner staff: leave it out if you act for one partner only, and name
    the `agreement` it is given under) to any active business. Left out, the date is today and
    the stage the one the kind usually serves."""

    agency = drf.SlugRelatedField(slug_field="slug", queryset=Agency.objects.all(), required=False)
    partner = drf.SlugRelatedField(
        slug_field="slug", queryset=Partner.objects.all(), required=False
    )
    agreement: "drf.PrimaryKeyRelatedField[Agreement]" = drf.PrimaryKeyRelatedField(
        queryset=Agreement.objects.all(), required=False, allow_null=True
    )
    business = BusinessField()
    stage: "drf.SlugRelatedField[Stage]" = drf.SlugRelatedField(
        slug_field="code", queryset=Stage.objects.active(), required=False
    )

    class Meta(ServiceChangeSerializer.Meta):
        fields = [
            "agency", "partner", "agreement", "business", *ServiceChangeSerializer.Meta.fields
        ]  # fmt: skip
        extra_kwargs = {"provided_on": {"required": False}}


class ServiceViewSet(
    FiltersNarrowTheList,
    AnswersAfresh,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Every agency's services, for members of any agency and administrators (anyone else finds
    none); latest first. Voided ones only with `include_voided=true`, or by id."""

    serializer_class = answer_serializer = ServiceSerializer
    permission_classes = [IsAuthenticated]
    filterset_class = ServiceFilter

    def get_queryset(self) -> QuerySet[Service]:
        visible = Service.objects.visible_to(self.request.user)
        return ServiceSerializer.with_related(visible).order_by("-provided_on", "-pk")

    @extend_schema(
        request=ServiceCreateSerializer,
        responses=answers({201: ServiceSerializer}, 400, 401, 403, 404),
        description=gettext_lazy(
            "Record help given as `agency` (one of your agencies; leave it out if you edit for "
            "one agency only) to any active business, optionally under an `agreement` (id) the "
            "agency is party to. Partner staff record as their `partner` under its agreement "
            "while it is active or expiring (403 otherwise; 404 for an agreement they may not "
            "see). `amount` in rupiah exactly for a grant, a loan or KUR."
        ),
    )
    def create(self, request: SignedInRequest) -> Response:
        user = request.user
        require(rules.can_record_service(user))  # 403: may they record as anyone at all
        agreement = named_agreement(request)  # 404
        partner = acting_partner(request, agreement)
        agency: Agency | None = None
        if partner is None:
            agency, fields = creation(
                request, ServiceCreateSerializer, "agency", may_act=rules.can_record_service
            )
        else:
            require(rules.can_record_service(user, partner=partner, agreement=agreement))
            fields = validated(ServiceCreateSerializer, request)
        for name in ("agency", "partner", "agreement"):
            fields.pop(name, None)
        with transaction.atomic():  # the answer before the commit, as for activities
            service = help.record_service(
                by=user, agency=agency, partner=partner, agreement=agreement, **fields
            )
            return self.shown(service, status.HTTP_201_CREATED)

    @extend_schema(
        request=ServiceChangeSerializer,
        responses=answers({200: ServiceSerializer}, 400, 401, 403, 404, 409),
        description=gettext_lazy(
            "Correct a service: the providing agency's editors and managers. A voided service "
            "stays as it was (409)."
        ),
    )
    def partial_update(self, request: SignedInRequest, pk: str | None = None) -> Response:
        service = self.get_object()
        help.check_changeable(service, request.user)  # 403, then 409
        fields = validated(ServiceChangeSerializer, request, partial=True, instance=service)
        with transaction.atomic():
            service = help.correct_service(service=service, by=request.user, **fields)
            return self.shown(service)

    @extend_schema(
        request=ReasonSerializer,
        responses=answers({200: ServiceSerializer}, 400, 401, 403, 404, 409),
        description=gettext_lazy(
            "Void a service recorded in error, saying why: the providing agency. It stays in "
            "the record, out of every count."
        ),
    )
    @action(detail=True, methods=["post"])
    def void(self, request: SignedInRequest, pk: str | None = None) -> Response:
        service = self.get_object()
        help.check_changeable(service, request.user)  # 403, then 409
        reason = validated(ReasonSerializer, request)["reason"]
        with transaction.atomic():
            service = help.void_service(service=service, by=request.user, reason=reason)
            return self.shown(service)
