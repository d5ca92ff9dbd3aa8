"""What the partnership resources show and read (DESIGN §8): partners, agreements with their
parties, phase and obligations (each with its realisation, counted by
`support.services.agreements.realisation`), obligations, and monitoring reports with their lines
and steps. Related objects are written by slug or code (agencies, partners, stages) and by id
(agreements, obligations), as every resource of the API. The reports' serializers are in
`partnerships_report_serializers.py`.

An agreement's document is shown to whoever may see it: everyone when it is marked public,
otherwise members of any agency and administrators (the record is shared) and the staff of a
partner party to it; to anyone else `document` is null, as on the public register.
"""

from typing import Any

from django.db.models import Count, Prefetch, QuerySet
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers as drf

from agencies.models import Agency
from catalog.api.serializers import StrictFieldsMixin, by_slug
from support import rules
from support.models import Activity, Agreement, AgreementParty, Obligation, Partner, Service, Stage
from support.models.agreements import Phase, Unit
from support.services import agreements

from .common import choice, enum, label, username

PARTNER_KIND = "PartnerKindEnum"
AGREEMENT_KIND = "AgreementKindEnum"
AGREEMENT_STATUS = "AgreementStatusEnum"
PHASE = "AgreementPhaseEnum"
UNIT = "ObligationUnitEnum"
ACTIVITY_KIND = "ActivityKindEnum"
SERVICE_KIND = "ServiceKindEnum"
#: What an obligation counts may be left blank on the side it does not count.
ACTIVITY_KINDS = [("", "—"), *Activity.Kind.choices]
SERVICE_KINDS = [("", "—"), *Service.Kind.choices]


def _stages(**options: Any) -> "drf.SlugRelatedField[Stage]":
    return drf.SlugRelatedField(slug_field="code", **options)


# Partners ----------------------------------------------------------------------------------------


class PartnerSerializer(drf.ModelSerializer):
    """A partner organisation (an OKE OCE, a university, a bank...) as everyone sees it."""

    kind = choice(PARTNER_KIND, Partner.Kind.choices)
    kind_label = label("kind")

    class Meta:
        model = Partner
        fields = ["slug", "name", "kind", "kind_label", "description", "website", "contact",
                  "is_active", "created_at", "updated_at"]  # fmt: skip
        read_only_fields = fields

    @staticmethod
    def with_related(queryset: QuerySet[Partner]) -> QuerySet[Partner]:
        return queryset


class PartnerChangeSerializer(StrictFieldsMixin, drf.ModelSerializer):
    """What PATCH `partners/<slug>/` may change: everything but the slug (its address)."""

    kind = enum(PARTNER_KIND, Partner.Kind.choices)

    class Meta:
        model = Partner
        fields = ["name", "kind", "description", "website", "contact", "is_active"]


class PartnerCreateSerializer(PartnerChangeSerializer):
    """A new partner; its slug is made from its name when left out."""

    class Meta(PartnerChangeSerializer.Meta):
        fields = ["slug", *PartnerChangeSerializer.Meta.fields]
        extra_kwargs = {"slug": {"required": False}}


# Agreements --------------------------------------------------------------------------------------


class PartySerializer(drf.ModelSerializer):
    """A party: an agency or a partner (the other is null), with the number *it* gave the
    document and who signed for it."""

    agency = by_slug()
    partner = by_slug()
    name = drf.CharField(read_only=True)

    class Meta:
        model = AgreementParty
        fields = ["id", "agency", "partner", "name", "document_number", "signatory_name",
                  "signatory_title"]  # fmt: skip
        read_only_fields = fields


class NewPartySerializer(StrictFieldsMixin, drf.Serializer):
    """A party of a new agreement: `agency` or `partner` (by slug), and its own number."""

    agency = drf.SlugRelatedField(slug_field="slug", queryset=Agency.objects.all(), required=False)
    partner = drf.SlugRelatedField(
        slug_field="slug", queryset=Partner.objects.all(), required=False
    )
    document_number = drf.CharField(max_length=150, required=False, allow_blank=True)
    signatory_name = drf.CharField(max_length=200, required=False, allow_blank=True)
    signatory_title = drf.CharField(max_length=200, required=False, allow_blank=True)


class RealisationSerializer(drf.Serializer):
    """What an obligation realised in the agreement's term, counted from the records made under
    the agreement."""

    figure = drf.IntegerField()
    percent = drf.IntegerField(
        help_text=gettext_lazy("Realised over target in whole percent, at most 100.")
    )
    period_start = drf.DateField()
    period_end = drf.DateField()


class ObligationSerializer(drf.ModelSerializer):
    """What one party promised, with its realisation so far (one query per obligation)."""

    agreement: "drf.PrimaryKeyRelatedField[Agreement]" = drf.PrimaryKeyRelatedField(read_only=True)
    party: "drf.PrimaryKeyRelatedField[AgreementParty]" = drf.PrimaryKeyRelatedField(read_only=True)
    party_name = drf.CharField(source="party.name", read_only=True)
    stage = _stages(read_only=True)
    activity_kind = choice(ACTIVITY_KIND, ACTIVITY_KINDS)
    service_kind = choice(SERVICE_KIND, SERVICE_KINDS)
    what_counts = drf.CharField(read_only=True)
    unit = choice(UNIT, Unit.choices)
    unit_label = label("unit")
    realisation = drf.SerializerMethodField()

    class Meta:
        model = Obligation
        fields = ["id", "agreement", "party", "party_name", "stage", "activity_kind",
                  "service_kind", "what_counts", "target", "unit", "unit_label", "due_on",
                  "description", "realisation"]  # fmt: skip
        read_only_fields = fields

    @extend_schema_field(RealisationSerializer)
    def get_realisation(self, obligation: Obligation) -> dict[str, Any]:
        found = agreements.realisation(obligation)
        return RealisationSerializer(found).data

    @staticmethod
    def with_related(queryset: QuerySet[Obligation]) -> QuerySet[Obligation]:
        return queryset.select_related(
            "agreement", "party__agency", "party__partner", "stage"
        ).order_by("due_on", "pk")


class ObligationChangeSerializer(StrictFieldsMixin, drf.ModelSerializer):
    """An obligation's content: the responsible party by id (one of the agreement's), the stage
    by code, what counts (an activity kind or a service kind), the target and its unit."""

    party: "drf.PrimaryKeyRelatedField[AgreementParty]" = drf.PrimaryKeyRelatedField(
        queryset=AgreementParty.objects.all()
    )
    stage = _stages(queryset=Stage.objects.active())
    activity_kind = enum(ACTIVITY_KIND, ACTIVITY_KINDS, required=False)
    service_kind = enum(SERVICE_KIND, SERVICE_KINDS, required=False)
    unit = enum(UNIT, Unit.choices)

    class Meta:
        model = Obligation
        fields = list(agreements.OBLIGATION_FIELDS)


def _document_readers(user: Any) -> tuple[bool, set[int]]:
    """(sees every document, ids of the agreements whose document they see as a party)."""
    if rules.can_see_records(user):
        return True, set()
    return False, set(rules.partner_agreements(user).values_list("pk", flat=True))


class AgreementSerializer(drf.ModelSerializer):
    """An agreement as a list shows it: its parties and phase; `obligations` counts them (the
    detail shows each with its realisation)."""

    kind = choice(AGREEMENT_KIND, Agreement.Kind.choices)
    kind_label = label("kind")
    lead_agency = by_slug()
    stages = _stages(many=True, read_only=True)
    status = choice(AGREEMENT_STATUS, Agreement.Status.choices)
    status_label = label("status")
    phase = choice(PHASE, Phase.choices)
    phase_label = drf.SerializerMethodField()
    document = drf.SerializerMethodField()
    terminated_by = username("terminated_by")
    parties = PartySerializer(many=True, read_only=True)
    obligation_count = drf.IntegerField(read_only=True)

    class Meta:
        model = Agreement
        fields = ["id", "kind", "kind_label", "parent", "title", "lead_agency", "scope",
                  "stages", "signed_on", "valid_from", "valid_until", "legal_basis",
                  "document", "document_is_public", "status", "status_label", "phase",
                  "phase_label", "terminated_at", "terminated_by", "termination_reason",
                  "parties", "obligation_count", "created_at", "updated_at"]  # fmt: skip
        read_only_fields = fields

    def get_phase_label(self, agreement: Agreement) -> str:
        return str(Phase(agreement.phase).label)

    @extend_schema_field(OpenApiTypes.URI)
    def get_document(self, agreement: Agreement) -> str | None:
        if not agreement.document:
            return None
        if not agreement.document_is_public:
            # Read once for a whole list: `many=True` shows every row with this one serializer.
            readers = getattr(self, "_document_readers", None)
            if readers is None:
                request = self.context.get("request")
                readers = _document_readers(request.user if request else None)
                self._document_readers = readers
            everything, mine = readers
            if not (everything or agreement.pk in mine):
                return None
        request = self.context.get("request")
        url = agreement.document.url
        return request.build_absolute_uri(url) if request else url

    @staticmethod
    def with_related(queryset: QuerySet[Agreement]) -> QuerySet[Agreement]:
        parties = AgreementParty.objects.select_related("agency", "partner").order_by("pk")
        return (
            queryset.select_related("lead_agency", "terminated_by")
            .prefetch_related("stages", Prefetch("parties", queryset=parties))
            .annotate(obligation_count=Count("obligations", distinct=True))
        )


class AgreementDetailSerializer(AgreementSerializer):
    """One agreement, with each obligation and its realisation over the agreement's term."""

    obligations = ObligationSerializer(many=True, read_only=True)

    class Meta(AgreementSerializer.Meta):
        fields = [*AgreementSerializer.Meta.fields, "obligations"]
        read_only_fields = fields

    @staticmethod
    def with_related(queryset: QuerySet[Agreement]) -> QuerySet[Agreement]:
        obligations = ObligationSerializer.with_related(Obligation.objects.all())
        return AgreementSerializer.with_related(queryset).prefetch_related(
            Prefetch("obligations", queryset=obligations)
        )


class AgreementChangeSerializer(StrictFieldsMixin, drf.ModelSerializer):
    """What PATCH `agreements/<id>/` may change (while it is not terminated): the content, the
    stages by code, the parent by id. The document is `agreements/<id>/document/`."""

    kind = enum(AGREEMENT_KIND, Agreement.Kind.choices)
    stages = _stages(many=True, queryset=Stage.objects.active(), required=False)

    class Meta:
        model = Agreement
        fields = ["kind", "parent", "title", "scope", "stages", "valid_from", "valid_until",
                  "legal_basis", "document_is_public"]  # fmt: skip


class AgreementCreateSerializer(AgreementChangeSerializer):
    """A new agreement, a draft led by `lead_agency` (one you manage; leave it out if you edit
    for one agency only), with its parties."""

    lead_agency = drf.SlugRelatedField(
        slug_field="slug", queryset=Agency.objects.all(), required=False
    )
    parties = NewPartySerializer(many=True, required=False)

    class Meta(AgreementChangeSerializer.Meta):
        fields = ["lead_agency", *AgreementChangeSerializer.Meta.fields, "parties"]


class SigningSerializer(StrictFieldsMixin, drf.Serializer):
    """The day the agreement was signed (today when left out)."""

    signed_on = drf.DateField(required=False)


class DocumentSerializer(StrictFieldsMixin, drf.Serializer):
    """The signed document: a PDF of at most 10 MB, and whether the public register shows it."""

    document = drf.FileField()
    document_is_public = drf.BooleanField(required=False)
