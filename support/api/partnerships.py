"""`partners/` and `agreements/` (DESIGN §8, issue 14 item 6): partner organisations, and the
agreements (MoU, PKS, addendum) the province signs with them — their parties, phase and
obligations with realisation — with `terminate/`, `sign/`, `document/`, `obligations/` and
`reports/` under an agreement. One obligation is `obligations/<id>/`, one report `reports/<id>/`
(`partnerships_reports.py`).

Everyone reads partners and signed agreements (drafts: agency staff, administrators and the
staff of a partner party to one); managers of a leading sector create and edit partners;
managers of the lead agency create, edit, sign and terminate agreements and add obligations;
the lead agency's editors and managers open monitoring reports. Every write is a call to
`support.services.agreements` or `support.services.reports`, every right a rule of
`support.rules`, asked before the body is read (401 → 404 → 403 → 409 → 400).
"""

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.text import slugify
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework import serializers as drf
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from catalog.api.base import answers, page_of, validated
from catalog.api.errors import PayloadTooLarge
from support import rules
from support.models import Agreement, MonitoringReport, Obligation, Partner
from support.services import agreements, reports
from umkm_portal.services import require, save_valid
from umkm_portal.signed_in import SignedInRequest

from . import partnerships_report_serializers as rs
from . import partnerships_serializers as s
from .common import AnswersAfresh, FiltersNarrowTheList, ReasonSerializer, creation
from .partnerships_filters import AgreementFilter, PartnerFilter

#: An agreement's document over 10 MB (`validate_agreement_pdf`): the API's 413.
TOO_LARGE = "too_large"


class PartnerViewSet(
    FiltersNarrowTheList,
    AnswersAfresh,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Partner organisations, by name: everyone (inactive ones only agency staff, administrators
    and the partner's own people)."""

    serializer_class = answer_serializer = s.PartnerSerializer
    filterset_class = PartnerFilter
    lookup_field = "slug"

    def get_queryset(self) -> QuerySet[Partner]:
        return Partner.objects.visible_to(self.request.user).order_by("name", "pk")

    @extend_schema(
        request=s.PartnerCreateSerializer,
        responses=answers({201: s.PartnerSerializer}, 400, 401, 403),
        description=gettext_lazy(
            "A new partner organisation: managers of a leading sector and administrators. The "
            "slug is made from the name when left out."
        ),
    )
    def create(self, request: SignedInRequest) -> Response:
        require(rules.can_create_partner(request.user))
        fields = validated(s.PartnerCreateSerializer, request)
        if not fields.get("slug"):
            fields["slug"] = slugify(fields["name"])[:80]
        with transaction.atomic():
            partner = save_valid(Partner(**fields), request.user)
            return self.shown(partner, status.HTTP_201_CREATED)

    @extend_schema(
        request=s.PartnerChangeSerializer,
        responses=answers({200: s.PartnerSerializer}, 400, 401, 403, 404),
        description=gettext_lazy(
            "Change a partner: managers of a leading sector and administrators."
        ),
    )
    def partial_update(self, request: SignedInRequest, slug: str | None = None) -> Response:
        partner = self.get_object()
        require(rules.can_edit_partner(request.user, partner))
        fields = validated(s.PartnerChangeSerializer, request, partial=True, instance=partner)
        with transaction.atomic():
            for name, value in fields.items():
                setattr(partner, name, value)
            partner = save_valid(partner, request.user)
            return self.shown(partner)


class AgreementViewSet(
    FiltersNarrowTheList,
    AnswersAfresh,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Agreements, latest first: signed (and terminated) ones for everyone; drafts for agency
    staff, administrators and the staff of a partner party to them. Filters: `phase`,
    `partner`, `lead_agency`, `stage`, `kind`, `status`."""

    serializer_class = s.AgreementSerializer
    answer_serializer = s.AgreementDetailSerializer
    filterset_class = AgreementFilter

    def get_queryset(self) -> QuerySet[Agreement]:
        visible = Agreement.objects.visible_to(self.request.user).order_by("-valid_from", "-pk")
        if self.action == "list":
            return s.AgreementSerializer.with_related(visible)
        if self.action == "retrieve":
            return s.AgreementDetailSerializer.with_related(visible)
        return visible.select_related("lead_agency")

    def get_serializer_class(self) -> type[drf.BaseSerializer]:
        return s.AgreementSerializer if self.action == "list" else s.AgreementDetailSerializer

    @extend_schema(
        request=s.AgreementCreateSerializer,
        responses=answers({201: s.AgreementDetailSerializer}, 400, 401, 403),
        description=gettext_lazy(
            "A new draft agreement led by `lead_agency` (one you manage; leave it out if you edit "
            "for one agency only), with its stages (codes) and parties (each an `agency` or a "
            "`partner` by slug, with the number it gave the document)."
        ),
    )
    def create(self, request: SignedInRequest) -> Response:
        lead_agency, fields = creation(
            request, s.AgreementCreateSerializer, "lead_agency", may_act=rules.can_create_agreement
        )
        with transaction.atomic():  # the answer before the commit, as for activities
            agreement = agreements.create_agreement(
                by=request.user, lead_agency=lead_agency, **fields
            )
            return self.shown(agreement, status.HTTP_201_CREATED)

    @extend_schema(
        request=s.AgreementChangeSerializer,
        responses=answers({200: s.AgreementDetailSerializer}, 400, 401, 403, 404, 409),
        description=gettext_lazy(
            "Change an agreement: managers of the lead agency and administrators. A terminated "
            "agreement stays as it was (409)."
        ),
    )
    def partial_update(self, request: SignedInRequest, pk: str | None = None) -> Response:
        agreement = self.get_object()
        agreements.check_manageable(agreement, request.user)  # 403, then 409
        fields = validated(s.AgreementChangeSerializer, request, partial=True, instance=agreement)
        with transaction.atomic():
            agreement = agreements.update_agreement(agreement=agreement, by=request.user, **fields)
            return self.shown(agreement)

    @extend_schema(
        request=s.SigningSerializer,
        responses=answers({200: s.AgreementDetailSerializer}, 400, 401, 403, 404, 409),
        description=gettext_lazy(
            "Record that a draft agreement with at least two parties was signed (on `signed_on`, "
            "today when left out): managers of the lead agency and administrators."
        ),
    )
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def sign(self, request: SignedInRequest, pk: str | None = None) -> Response:
        agreement = self.get_object()
        agreements.check_signable(agreement, request.user)  # 403, then 409
        body = validated(s.SigningSerializer, request)
        with transaction.atomic():
            agreement = agreements.sign_agreement(agreement=agreement, by=request.user, **body)
            return self.shown(agreement)

    @extend_schema(
        request=ReasonSerializer,
        responses=answers({200: s.AgreementDetailSerializer}, 400, 401, 403, 404, 409),
        description=gettext_lazy(
            "End a signed agreement before its term, saying why: managers of the lead agency and "
            "administrators. It stays in the register, marked terminated."
        ),
    )
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def terminate(self, request: SignedInRequest, pk: str | None = None) -> Response:
        agreement = self.get_object()
        agreements.check_terminable(agreement, request.user)  # 403, then 409
        reason = validated(ReasonSerializer, request)["reason"]
        with transaction.atomic():
            agreement = agreements.terminate_agreement(
                agreement=agreement, by=request.user, reason=reason
            )
            return self.shown(agreement)

    @extend_schema(
        request={"multipart/form-data": s.DocumentSerializer},
        responses=answers({200: s.AgreementDetailSerializer}, 400, 401, 403, 404, 409, 413),
        description=gettext_lazy(
            "Upload the signed document: a PDF (read from its first bytes) of at most 10 MB, "
            "stored under a name of our own; `document_is_public` shows it on the public "
            "register. Managers of the lead agency and administrators."
        ),
    )
    @action(
        detail=True,
        methods=["put"],
        permission_classes=[IsAuthenticated],
        parser_classes=[MultiPartParser, FormParser],
    )
    def document(self, request: SignedInRequest, pk: str | None = None) -> Response:
        agreement = self.get_object()
        agreements.check_manageable(agreement, request.user)  # 403, then 409
        body = validated(s.DocumentSerializer, request)
        try:
            with transaction.atomic():
                agreement = agreements.update_agreement(
                    agreement=agreement, by=request.user, **body
                )
                return self.shown(agreement)
        except DjangoValidationError as error:
            too_large = [
                message
                for message in getattr(error, "error_dict", {}).get("document", [])
                if getattr(message, "code", None) == TOO_LARGE
            ]
            if too_large:  # the size is its own answer (413), not a field error
                raise PayloadTooLarge(too_large[0].messages[0]) from None
            raise

    # Obligations and reports of one agreement ---------------------------------------------------

    @extend_schema(
        methods=["GET"],
        responses=answers({200: s.ObligationSerializer(many=True)}, 404),
        description=gettext_lazy(
            "The agreement's obligations, each with what it realised over the agreement's term."
        ),
    )
    @extend_schema(
        methods=["POST"],
        request=s.ObligationChangeSerializer,
        responses=answers({201: s.ObligationSerializer}, 400, 401, 403, 404, 409),
        description=gettext_lazy(
            "Add an obligation of one of the agreement's parties (`party` by id): managers of the "
            "lead agency and administrators, while the agreement is not terminated."
        ),
    )
    @action(detail=True, methods=["get", "post"])
    def obligations(self, request: Any, pk: str | None = None) -> Response:
        agreement = self.get_object()
        if request.method == "POST":
            agreements.check_manageable(agreement, request.user)  # 403, then 409
            fields = validated(s.ObligationChangeSerializer, request)
            with transaction.atomic():
                obligation = agreements.add_obligation(
                    agreement=agreement, by=request.user, **fields
                )
                shown = s.ObligationSerializer.with_related(
                    Obligation.objects.filter(pk=obligation.pk)
                ).get()
                data = s.ObligationSerializer(shown, context=self.get_serializer_context()).data
            return Response(data, status=status.HTTP_201_CREATED)
        listed = s.ObligationSerializer.with_related(agreement.obligations.all())
        return page_of(self, listed, s.ObligationSerializer)

    @extend_schema(
        methods=["GET"],
        responses=answers({200: rs.ReportSerializer(many=True)}, 401, 403, 404),
        description=gettext_lazy(
            "The agreement's monitoring reports, latest period first: members of any agency and "
            "administrators."
        ),
    )
    @extend_schema(
        methods=["POST"],
        request=rs.NewReportSerializer,
        responses=answers({201: rs.ReportDetailSerializer}, 400, 401, 403, 404, 409),
        description=gettext_lazy(
            "Open a monitoring report for a period within the agreement's term, each obligation's "
            "figure counted from the records: editors and managers of the lead agency. A draft "
            "agreement is not monitored yet (409); one report per period (400)."
        ),
    )
    @action(detail=True, methods=["get", "post"], permission_classes=[IsAuthenticated])
    def reports(self, request: SignedInRequest, pk: str | None = None) -> Response:
        agreement = self.get_object()
        user = request.user
        if request.method == "POST":
            reports.check_reportable(agreement, user)  # 403, then 409 for a draft agreement
            fields = validated(rs.NewReportSerializer, request)  # 400
            with transaction.atomic():
                report = reports.open_report(agreement=agreement, by=user, **fields)
                shown = rs.ReportDetailSerializer.with_related(
                    MonitoringReport.objects.filter(pk=report.pk)
                ).get()
                data = rs.ReportDetailSerializer(shown, context=self.get_serializer_context()).data
            return Response(data, status=status.HTTP_201_CREATED)
        require(rules.can_see_records(user))
        listed = rs.ReportSerializer.with_related(
            MonitoringReport.objects.visible_to(user).filter(agreement=agreement)
        ).order_by("-period_start", "-pk")
        return page_of(self, listed, rs.ReportSerializer)
