"""Monitoring reports ("laporan monev"): the lead agency opens one for a period, pre-filled with
each obligation's realisation; corrects a figure with a note (both numbers kept); submits; an
administrator accepts or returns it with a comment, and a returned report is submitted again.

Every step is appended to the report's log (`ReportStep`). When two people act on one report at
the same moment, exactly one wins: the row lock orders them and the second finds the state
changed (409), as with referrals.
"""

import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from support import notify, rules
from support.models import Agreement, MonitoringReport, ReportLine, ReportStep
from support.services import steps
from support.services.agreements import Realisation, realisation
from support.services.steps import Step
from umkm_portal.services import NotAllowedNow, require, save_valid

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise

    StrOrPromise = str | _StrPromise

R = MonitoringReport.Status


def _drafts(user, report: MonitoringReport) -> bool:
    return rules.can_draft_report(user, report.agreement)


STEPS: dict[str, Step] = {
    "submit": Step((R.DRAFT, R.RETURNED), R.SUBMITTED, _drafts, gettext_lazy("Submit")),
    "accept": Step((R.SUBMITTED,), R.ACCEPTED, rules.can_decide_report, gettext_lazy("Accept")),
    "return": Step(
        (R.SUBMITTED,), R.RETURNED, rules.can_decide_report, gettext_lazy("Return"), True
    ),
}


def allowed_steps(report: MonitoringReport, user) -> list[str]:
    """The steps this user may take on this report now (the buttons a page shows)."""
    return steps.allowed_steps(STEPS, report, user)


def check(report: MonitoringReport, user, action: str) -> Step:
    """403 when the user may not take this step at all, then 409 when not from this state."""
    refused = _("This report is %(status)s: it cannot be changed this way now.")
    return steps.check(STEPS, report, user, action, refused)


def check_editable(report: MonitoringReport, user) -> None:
    """Correct figures, obstacles and follow-up: 403 unless the user drafts the lead agency's
    reports, then 409 unless the report is a draft or was returned."""
    require(_drafts(user, report))
    if report.status not in MonitoringReport.EDITABLE:
        raise NotAllowedNow(_("Only a draft or a returned report can be changed."))


def _log(report: MonitoringReport, by, from_state: str, comment: str = "") -> ReportStep:
    return ReportStep.objects.create(
        report=report, actor=by, from_state=from_state, to_state=report.status, comment=comment
    )


def _locked(report: MonitoringReport) -> MonitoringReport:
    return MonitoringReport.objects.select_for_update().get(pk=report.pk)


def check_reportable(agreement: Agreement, by) -> None:
    """Open a report: 403 unless `by` drafts the lead agency's reports, then 409 while the
    agreement is a draft (asked before a form or a body is read)."""
    require(rules.can_draft_report(by, agreement))
    if agreement.status == Agreement.Status.DRAFT:
        raise NotAllowedNow(_("Only a signed agreement is monitored."))


@transaction.atomic
def open_report(
    *,
    agreement: Agreement,
    period_start: datetime.date,
    period_end: datetime.date,
    by,
    obstacles: str = "",
    follow_up: str = "",
) -> MonitoringReport:
    """A draft report of `agreement` for the period, one line per obligation pre-filled with its
    realisation in the period. The period lies within the agreement's term (400 otherwise); a
    draft agreement has nothing to report yet (409)."""
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    check_reportable(agreement, by)
    if agreement.reports.filter(period_start=period_start, period_end=period_end).exists():
        raise ValidationError(
            {"period_start": _("This agreement has a report for this period already.")}
        )
    report = MonitoringReport(
        agreement=agreement,
        period_start=period_start,
        period_end=period_end,
        obstacles=obstacles,
        follow_up=follow_up,
        created_by=by,
    )
    try:
        with transaction.atomic():
            save_valid(report, by)
    except IntegrityError as error:  # the same period opened at the same moment
        raise ValidationError(
            {"period_start": _("This agreement has a report for this period already.")}
        ) from error
    for obligation in agreement.obligations.select_related("party", "agreement"):
        found = realisation(obligation, period_start=period_start, period_end=period_end)
        ReportLine.objects.create(
            report=report, obligation=obligation, computed_figure=found.figure
        )
    _log(report, by, "")
    return report


def line_records(line: ReportLine) -> Realisation:
    """The realisation behind a line, for its report's period: the records a reader checks."""
    report = line.report
    return realisation(
        line.obligation, period_start=report.period_start, period_end=report.period_end
    )


@transaction.atomic
def refresh_figures(*, report: MonitoringReport, by) -> MonitoringReport:
    """Count each line's figure again from the records (made since the report was opened);
    corrections and their notes stay."""
    report = _locked(report)
    check_editable(report, by)
    for line in report.lines.select_related("obligation__party", "obligation__agreement"):
        line.computed_figure = line_records(line).figure
        save_valid(line, by)
    return report


@transaction.atomic
def correct_line(*, line: ReportLine, figure: int | None, note: str, by) -> ReportLine:
    """State `figure` in place of the one counted from the records, saying why in `note`; the
    counted figure is kept beside it. `figure=None` takes the correction back: the counted
    figure stands again (the note stays, as a remark)."""
    report = _locked(line.report)
    check_editable(report, by)
    line = ReportLine.objects.select_for_update().get(pk=line.pk)
    if figure is None:
        line.corrected_figure, line.corrected_by, line.corrected_at = None, None, None
        line.note = note
        return save_valid(line, by)
    if not isinstance(figure, int) or isinstance(figure, bool) or figure < 0:
        raise ValidationError({"figure": _("The figure is a whole number, zero or more.")})
    if not note.strip():
        raise ValidationError({"note": _("Say why the figure differs from the records.")})
    line.corrected_figure, line.note = figure, note
    line.corrected_by, line.corrected_at = by, timezone.now()
    return save_valid(line, by)


@transaction.atomic
def update_report(
    *, report: MonitoringReport, by, obstacles: str | None = None, follow_up: str | None = None
) -> MonitoringReport:
    report = _locked(report)
    check_editable(report, by)
    if obstacles is not None:
        report.obstacles = obstacles
    if follow_up is not None:
        report.follow_up = follow_up
    return save_valid(report, by)


def _take(report: MonitoringReport, by, action: str, comment: str) -> MonitoringReport:
    report = _locked(report)
    step = check(report, by, action)
    if step.says_why and not comment.strip():
        raise ValidationError({"comment": _("Say what must change.")})
    from_state = report.status
    report.status = step.target
    save_valid(report, by)
    _log(report, by, from_state, comment)
    notify.report_moved(report, by, comment)
    return report


@transaction.atomic
def submit(*, report: MonitoringReport, by, comment: str = "") -> MonitoringReport:
    """The lead agency sends the report to the administrators (again, once returned)."""
    return _take(report, by, "submit", comment)


@transaction.atomic
def accept(*, report: MonitoringReport, by, comment: str = "") -> MonitoringReport:
    """An administrator accepts a submitted report."""
    return _take(report, by, "accept", comment)


@transaction.atomic
def return_report(*, report: MonitoringReport, by, comment: str) -> MonitoringReport:
    """An administrator returns a submitted report to the lead agency, saying what must change."""
    return _take(report, by, "return", comment)
