"""`obligations/<id>/` and `reports/<id>/` with `reports/<id>/<step>/` (`submit`, `accept`,
`return`; DESIGN §8). An agreement's lists of them, and opening a report, are the agreement's
(`agreements/<id>/obligations/`, `agreements/<id>/reports/`, in `partnerships.py`).

A report is read by members of any agency and administrators; the lead agency's editors and
managers correct it while it is a draft or was returned, and submit it; administrators accept it
or return it with a comment. Each step is asked of `support.services.reports.check` first (403,
then 409), then its body is read (400), then the step is taken under a row lock, checking again:
when two people act on one report at the same moment, exactly one wins and the others are
answered 409.
"""

from collections.abc import Callable

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework import serializers as drf
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from catalog.api.base import answers, validated
from support.models import MonitoringReport, Obligation
from support.services import agreements, reports
from umkm_portal.signed_in import SignedInRequest

from . import partnerships_report_serializers as rs
from . import partnerships_serializers as s
from .common import AnswersAfresh


class ObligationViewSet(AnswersAfresh, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """One obligation with its realisation, for whoever sees its agreement."""

    serializer_class = answer_serializer = s.ObligationSerializer

    def get_queryset(self) -> QuerySet[Obligation]:
        return s.ObligationSerializer.with_related(Obligation.objects.visible_to(self.request.user))

    @extend_schema(
        request=s.ObligationChangeSerializer,
        responses=answers({200: s.ObligationSerializer}, 400, 401, 403, 404, 409),
        description=gettext_lazy(
            "Change an obligation: managers of the lead agency and administrators, while its "
            "agreement is not terminated (409)."
        ),
    )
    def partial_update(self, request: SignedInRequest, pk: str | None = None) -> Response:
        obligation = self.get_object()
        agreements.check_manageable(obligation.agreement, request.user)  # 403, then 409
        fields = validated(s.ObligationChangeSerializer, request, partial=True, instance=obligation)
        with transaction.atomic():
            obligation = agreements.update_obligation(
                obligation=obligation, by=request.user, **fields
            )
            return self.shown(obligation)


View = Callable[..., Response]


def comment_serializer(name: str) -> type[drf.Serializer]:
    """The body of the step `name`: a comment, required where the step must say why."""
    if reports.STEPS[name].says_why:
        return rs.RequiredCommentSerializer
    return rs.CommentSerializer


def step(name: str, description: str | Promise) -> Callable[[View], View]:
    """A POST `reports/<id>/<name>/`, answered with the report as it is afterwards."""

    def decorate(function: View) -> View:
        function = action(detail=True, methods=["post"], url_path=name, url_name=name)(function)
        return extend_schema(
            request=comment_serializer(name),
            responses=answers({200: rs.ReportDetailSerializer}, 400, 401, 403, 404, 409),
            description=description,
        )(function)

    return decorate


class ReportViewSet(AnswersAfresh, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """One monitoring report: its lines (counted and corrected figures), its log, and the steps
    the reader may take on it now. Members of any agency and administrators."""

    serializer_class = answer_serializer = rs.ReportDetailSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self) -> QuerySet[MonitoringReport]:
        visible = MonitoringReport.objects.visible_to(self.request.user)
        if self.action == "retrieve":
            return rs.ReportDetailSerializer.with_related(visible)
        return visible.select_related("agreement")

    @extend_schema(
        request=rs.ReportChangeSerializer,
        responses=answers({200: rs.ReportDetailSerializer}, 400, 401, 403, 404, 409),
        description=gettext_lazy(
            "Write the report while it is a draft or was returned: editors and managers of the "
            "lead agency. `corrections` state a line's figure in place of the counted one with "
            "a note (both are kept); `refresh` counts every line again from the records."
        ),
    )
    def partial_update(self, request: SignedInRequest, pk: str | None = None) -> Response:
        report = self.get_object()
        user = request.user
        reports.check_editable(report, user)  # 403, then 409
        body = validated(rs.ReportChangeSerializer, request, partial=True)
        lines = {line.pk: line for line in report.lines.all()}
        unknown = [c["line"] for c in body.get("corrections", []) if c["line"] not in lines]
        if unknown:
            raise DjangoValidationError(
                {"corrections": _("Not a line of this report: %(ids)s.")
                 % {"ids": ", ".join(map(str, unknown))}}
            )  # fmt: skip
        with transaction.atomic():
            if "obstacles" in body or "follow_up" in body:
                reports.update_report(
                    report=report,
                    by=user,
                    obstacles=body.get("obstacles"),
                    follow_up=body.get("follow_up"),
                )
            if body.get("refresh"):
                reports.refresh_figures(report=report, by=user)
            for correction in body.get("corrections", []):
                reports.correct_line(
                    line=lines[correction["line"]],
                    figure=correction["figure"],
                    note=correction.get("note", ""),
                    by=user,
                )
            return self.shown(report)

    def _take(self, request: SignedInRequest, name: str) -> Response:
        report = self.get_object()  # 404
        reports.check(report, request.user, name)  # 403, then 409
        comment = validated(comment_serializer(name), request)["comment"]  # 400
        take = {"submit": reports.submit, "accept": reports.accept}.get(name, reports.return_report)
        with transaction.atomic():
            report = take(report=report, by=request.user, comment=comment)
            return self.shown(report)

    @step(
        "submit",
        gettext_lazy(
            "Send the report to the administrators (again, once returned): editors and managers "
            "of the lead agency."
        ),
    )
    def submit(self, request: SignedInRequest, pk: str | None = None) -> Response:
        return self._take(request, "submit")

    @step("accept", gettext_lazy("Accept a submitted report: administrators."))
    def accept(self, request: SignedInRequest, pk: str | None = None) -> Response:
        return self._take(request, "accept")

    @step(
        "return",
        gettext_lazy(
            "Return a submitted report to the lead agency, saying what must change: administrators."
        ),
    )
    def return_(self, request: SignedInRequest, pk: str | None = None) -> Response:
        return self._take(request, "return")
