"""/ruang-kerja/kemitraan/laporan/: monitoring reports ("laporan monev").

The lead agency's editors and managers open a report for a period (pre-filled by
`reports.open_report`), correct a line's figure with a note, write the obstacles and follow-up,
and submit it; an administrator accepts or returns it with a comment. Every page finds the report
through `MonitoringReport.objects.visible_to` (agency staff and administrators; 404 for anyone
else, partner staff included). A step the report's state no longer allows (someone acted first)
answers 409 with the reason on the report's page. The printable report is the record an agency
files with the province's cooperation bureau."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from catalog.pagination import CappedPaginator
from support import rules
from support.models import MonitoringReport, ReportLine
from support.services import passes
from support.services import reports as service
from umkm_portal.services import NotAllowedNow
from umkm_portal.signed_in import SignedInHttpRequest
from workspace.partnership_forms import ReportForm, ReportOpenForm, StepForm

from .helpers import (
    GET_OR_POST,
    add_errors,
    first_message,
    posted,
    refuse_unless,
    run_action,
    workspace_action,
    workspace_page,
)
from .partnership_common import (
    agreement_url,
    report_url,
    visible_agreement,
    visible_report,
    with_status,
)
from .support_common import checked, written

PER_PAGE = 25
#: Records shown under a line (the figure says how many there are in all).
RECORDS_SHOWN = 25

#: {address word: step}, and what each step's button and message say.
STEP_PATHS = {"kirim": "submit", "terima": "accept", "kembalikan": "return"}
STEP_WORDS = {step: word for word, step in STEP_PATHS.items()}
STEP_TEXT = {
    "submit": (
        gettext_lazy("Submit"),
        gettext_lazy("Send the report to the provincial administrators."),
    ),
    "accept": (gettext_lazy("Accept"), gettext_lazy("The report is complete and correct.")),
    "return": (
        gettext_lazy("Return"),
        gettext_lazy("Send it back to the lead agency, saying what must change."),
    ),
}
STEP_DONE = {
    "submit": gettext_lazy("The report is submitted to the administrators."),
    "accept": gettext_lazy("The report is accepted."),
    "return": gettext_lazy("The report is returned to the lead agency."),
}
TAKE = {"submit": service.submit, "accept": service.accept, "return": service.return_report}


@workspace_page
@require_safe
def report_list(request: SignedInHttpRequest) -> HttpResponse:
    """Reports awaiting a decision first, then the newest periods."""
    user = request.user
    refuse_unless(rules.can_see_records(user))
    reports = (
        MonitoringReport.objects.visible_to(user)
        .select_related("agreement__lead_agency")
        .order_by("-period_start", "-pk")
    )
    status = request.GET.get("status", "")
    if status in MonitoringReport.Status.values:
        reports = reports.filter(status=status)
    context = {
        "page": CappedPaginator(reports, PER_PAGE).get_page(request.GET.get("page")),
        "status": status,
        "statuses": MonitoringReport.Status.choices,
    }
    return render(request, "workspace/partnerships/report_list.html", context)


@workspace_page
@GET_OR_POST
def report_open(request: SignedInHttpRequest, pk: int) -> HttpResponse:
    user = request.user
    agreement = visible_agreement(request, pk)
    back = agreement_url(agreement, "reports")
    if refused := checked(request, lambda: service.check_reportable(agreement, user), back):
        return refused
    form = ReportOpenForm(posted(request))
    done = written(
        request,
        form,
        lambda data: service.open_report(agreement=agreement, by=user, **data),
        success=_("The report is opened with the figures from the records."),
        then=report_url,
    )
    context = {"form": form, "agreement": agreement}
    return done or render(request, "workspace/partnerships/report_open.html", context)


def report_lines(report: MonitoringReport) -> list[ReportLine]:
    return list(
        report.lines.select_related(
            "obligation__party__agency", "obligation__party__partner", "obligation__stage",
            "obligation__agreement", "corrected_by",
        )
    )  # fmt: skip


def records_of(line: ReportLine) -> tuple[list[Any], str]:
    """The first records behind a line (`line_records`) and what they are."""
    found = service.line_records(line)
    records = found.records
    model = records.model._meta.model_name
    if model == "participation":
        records = records.select_related("business", "activity")
    elif model == "service":
        records = records.select_related("business")
    return list(records[:RECORDS_SHOWN]), model


def render_page(
    request: SignedInHttpRequest,
    report: MonitoringReport,
    *,
    status: int = 200,
    bound: dict[str, StepForm] | None = None,
) -> HttpResponse:
    bound = bound or {}
    user = request.user
    lines = report_lines(report)
    steps = [
        (
            step,
            *STEP_TEXT[step],
            bound.get(step) or StepForm(step=step, comment_required=service.STEPS[step].says_why),
            reverse(f"workspace-report-{STEP_WORDS[step]}", args=[report.pk]),
        )
        for step in service.allowed_steps(report, user)
    ]
    context = {
        "report": report,
        "agreement": report.agreement,
        "lines": [(line, *records_of(line)) for line in lines],
        "records_shown": RECORDS_SHOWN,
        "log": report.steps.select_related("actor"),
        "steps": steps,
        "can_edit": passes(service.check_editable, report, user),
    }
    return render(request, "workspace/partnerships/report_detail.html", context, status=status)


@workspace_page
@require_safe
def report_page(request: SignedInHttpRequest, pk: int) -> HttpResponse:
    return render_page(request, visible_report(request, pk))


@workspace_page
@GET_OR_POST
def report_edit(request: SignedInHttpRequest, pk: int) -> HttpResponse:
    """Obstacles, follow-up and the corrected figures, saved together or not at all."""
    user = request.user
    report = visible_report(request, pk)
    back = report_url(report)
    if refused := checked(request, lambda: service.check_editable(report, user), back):
        return refused
    lines = report_lines(report)
    form = ReportForm(posted(request), report=report, lines=lines)
    if request.method == "POST" and form.is_valid():
        try:
            save_report(form, report, user)
        except NotAllowedNow as error:
            messages.error(request, first_message(error))
            return redirect(back)
        except _Refused:
            pass  # the refused lines' errors are on the form; nothing was kept
        else:
            messages.success(request, _("The report is saved."))
            return redirect(back)
    context = {
        "form": form,
        "report": report,
        "agreement": report.agreement,
        "rows": [(line, *form.line_fields(line)) for line in lines],
    }
    return render(request, "workspace/partnerships/report_form.html", context)


def save_report(form: ReportForm, report: MonitoringReport, user: Any) -> None:
    """Every change of the form in one transaction: a refused change puts its error on its
    field and undoes the whole form (`_Refused`)."""
    with transaction.atomic():
        failed = False
        try:
            service.update_report(
                report=report,
                by=user,
                obstacles=form.cleaned_data["obstacles"],
                follow_up=form.cleaned_data["follow_up"],
            )
        except ValidationError as error:
            failed = True
            add_errors(form, error)
        for line, figure, note in form.corrections():
            try:
                with transaction.atomic():
                    service.correct_line(line=line, figure=figure, note=note, by=user)
            except ValidationError as error:
                failed = True
                for field, errors in error.message_dict.items():
                    name = "note" if field == "note" else "figure"
                    form.add_error(f"{name}_{line.pk}", errors)
        if failed:
            raise _Refused


class _Refused(Exception):
    """A line's correction was refused: nothing of the form is kept."""


@workspace_action
def report_refresh(request: SignedInHttpRequest, pk: int) -> HttpResponse:
    report = visible_report(request, pk)
    return run_action(
        request,
        lambda: service.refresh_figures(report=report, by=request.user),
        success=_("The figures are counted again from the records; corrections stay."),
        back=report_url(report),
    )


@workspace_action
def report_step(request: SignedInHttpRequest, pk: int, step: str) -> HttpResponse:
    user = request.user
    report = visible_report(request, pk)
    try:
        service.check(report, user, step)  # 403 goes on
    except NotAllowedNow as error:
        messages.error(request, first_message(error))
        return render_page(request, report, status=409)
    form = StepForm(request.POST, step=step, comment_required=service.STEPS[step].says_why)
    if form.is_valid():
        try:
            TAKE[step](report=report, by=user, comment=form.cleaned_data["comment"])
        except NotAllowedNow as error:  # someone acted first
            messages.error(request, first_message(error))
            report.refresh_from_db()
            return render_page(request, report, status=409)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, STEP_DONE[step])
            return redirect(report_url(report))
    return with_status(render_page(request, report, bound={step: form}), 400)


@workspace_page
@require_safe
def report_print(request: SignedInHttpRequest, pk: int) -> HttpResponse:
    """The printable monitoring report: parties and their numbers, the period, each obligation's
    target and figure, obstacles, follow-up and the signature block."""
    report = visible_report(request, pk)
    agreement = report.agreement
    parties = list(agreement.parties.select_related("agency", "partner").order_by("pk"))
    lead = [party for party in parties if party.agency_id == agreement.lead_agency_id]
    partners = [party for party in parties if party.partner_id is not None]
    context = {
        "report": report,
        "agreement": agreement,
        "parties": parties,
        "lines": report_lines(report),
        "signers": lead + partners,
        "decision": report.steps.select_related("actor").order_by("-created_at", "-pk").first(),
    }
    return render(request, "workspace/partnerships/report_print.html", context)
