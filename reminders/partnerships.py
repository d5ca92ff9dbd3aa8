"""Reminders about the development record: agreements that end, obligations that fall due or are
overdue, monitoring reports that are due, and referrals waiting past their due date."""

import datetime
from collections.abc import Iterator

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from agencies.models import Role
from notifications.models import Kind
from support.models import Agreement, MonitoringReport, Obligation, Referral
from support.obligations import behind, with_realised

from .base import WINDOW, Due, Notice, day, in_days, reached, staff, unsent

#: Days before a signed agreement ends.
AGREEMENT_THRESHOLDS = (90, 30)
#: Days before an obligation falls due; 0 is "overdue" (past due and below target).
OBLIGATION_SOON = 14
OVERDUE = 0


def agreements(today: datetime.date) -> Iterator[Due]:
    """Signed agreements in force ending within 90 days → the lead agency's editors and
    managers."""
    found = (
        Agreement.objects.filter(
            status=Agreement.Status.SIGNED,
            valid_from__lte=today,
            valid_until__gte=today,
            valid_until__lte=today + datetime.timedelta(days=max(AGREEMENT_THRESHOLDS)),
        )
        .select_related("lead_agency")
        .order_by("valid_until", "pk")
    )
    ending = reached(found, lambda a: a.valid_until, AGREEMENT_THRESHOLDS, today)
    for agreement, threshold in unsent(Kind.AGREEMENT_ENDING, ending):

        def message(agreement=agreement) -> tuple[str, str]:
            words = {
                "title": agreement.title,
                "date": day(agreement.valid_until),
                "in_days": in_days((agreement.valid_until - today).days),
            }
            title = _("Agreement ends on %(date)s: %(title)s") % words
            body = (
                _(
                    "%(title)s ends on %(date)s, %(in_days)s. Prepare the final monitoring report "
                    "and agree with the partners whether to continue with an addendum or a new "
                    "agreement."
                )
                % words
            )
            return title, body

        yield Due(
            Kind.AGREEMENT_ENDING,
            agreement.pk,
            threshold,
            [
                Notice(
                    staff([agreement.lead_agency_id]),
                    Kind.AGREEMENT_ENDING,
                    message,
                    reverse("workspace-agreement", args=[agreement.pk]),
                )
            ],
        )


def obligations(today: datetime.date) -> Iterator[Due]:
    """Obligations of signed agreements due within 14 days and not yet met, and obligations
    overdue (support.obligations.behind: past due and below target) whose due date is within
    the window → the lead agency's editors and managers."""
    related = ("agreement", "party__agency", "party__partner", "stage")
    soon = with_realised(
        Obligation.objects.filter(
            agreement__status=Agreement.Status.SIGNED,
            due_on__gte=today,
            due_on__lte=today + datetime.timedelta(days=OBLIGATION_SOON),
        )
    ).select_related(*related)
    overdue = behind(
        Obligation.objects.filter(due_on__gte=today - datetime.timedelta(days=WINDOW)), today
    ).select_related(*related)
    # Already met: nothing to remind of (`realised` is support.obligations' figure).
    found = [(o, OBLIGATION_SOON) for o in soon if o.realised < o.target]  # type: ignore[attr-defined]
    found += [(o, OVERDUE) for o in overdue]
    found.sort(key=lambda pair: (pair[0].due_on, pair[0].pk))
    for obligation, threshold in unsent(Kind.OBLIGATION_DUE, found):
        yield Due(
            Kind.OBLIGATION_DUE,
            obligation.pk,
            threshold,
            [
                Notice(
                    staff([obligation.agreement.lead_agency_id]),
                    Kind.OBLIGATION_DUE,
                    _obligation_message(obligation, today),
                    reverse("workspace-agreement", args=[obligation.agreement_id]),
                )
            ],
        )


def _obligation_message(obligation: Obligation, today: datetime.date):
    def message() -> tuple[str, str]:
        words = {
            "agreement": obligation.agreement.title,
            "party": obligation.party.name,
            "target": obligation.target,
            "unit": obligation.get_unit_display(),
            "what": obligation.what_counts,
            "stage": obligation.stage,
            "date": day(obligation.due_on),
            "in_days": in_days((obligation.due_on - today).days),
            "realised": obligation.realised,  # type: ignore[attr-defined]
        }
        if obligation.due_on < today:
            title = _("Obligation overdue: %(target)s %(unit)s by %(party)s") % words
            body = (
                _(
                    "Under %(agreement)s, %(party)s promised %(target)s %(unit)s (%(what)s, "
                    "%(stage)s) by %(date)s; %(realised)s are on record. Record the work that was "
                    "done, or explain the shortfall in the next monitoring report."
                )
                % words
            )
        else:
            title = _("Obligation due on %(date)s: %(target)s %(unit)s by %(party)s") % words
            body = (
                _(
                    "Under %(agreement)s, %(party)s promised %(target)s %(unit)s (%(what)s, "
                    "%(stage)s) by %(date)s, %(in_days)s; %(realised)s are on record so far. "
                    "Check the progress on the agreement's page."
                )
                % words
            )
        return title, body

    return message


def reports(today: datetime.date) -> Iterator[Due]:
    """Monitoring reports due: still being written (draft, or returned for corrections) after
    their period ended, the period having ended within the window → the lead agency's
    editors and managers (who draft and submit them)."""
    found = (
        MonitoringReport.objects.filter(
            status__in=MonitoringReport.EDITABLE,
            period_end__lt=today,
            period_end__gte=today - datetime.timedelta(days=WINDOW),
        )
        .select_related("agreement")
        .order_by("period_end", "pk")
    )
    for report, _zero in unsent(Kind.REPORT_DUE, ((r, OVERDUE) for r in found)):

        def message(report=report) -> tuple[str, str]:
            words = {
                "agreement": report.agreement.title,
                "start": day(report.period_start),
                "end": day(report.period_end),
                "status": report.get_status_display(),
            }
            title = _("Monitoring report due: %(agreement)s") % words
            body = (
                _(
                    "The period %(start)s – %(end)s of %(agreement)s has ended and its monitoring "
                    "report is not submitted yet (status: %(status)s). Complete it and submit it "
                    "for a decision."
                )
                % words
            )
            return title, body

        yield Due(
            Kind.REPORT_DUE,
            report.pk,
            OVERDUE,
            [
                Notice(
                    staff([report.agreement.lead_agency_id]),
                    Kind.REPORT_DUE,
                    message,
                    reverse("workspace-report", args=[report.pk]),
                )
            ],
        )


def referrals(today: datetime.date) -> Iterator[Due]:
    """Referrals unanswered past their due date (`Referral.objects.overdue`), due within the
    window → the receiving agency's managers, and a copy to whoever sent it (the sending
    agency's managers when that account is gone)."""
    found = (
        Referral.objects.overdue(today)
        .filter(due_on__gte=today - datetime.timedelta(days=WINDOW))
        .with_parties()
        .order_by("due_on", "pk")
    )
    for referral, _zero in unsent(Kind.REFERRAL_OVERDUE, ((r, OVERDUE) for r in found)):
        words = {
            "business": referral.business.name,
            "from": referral.from_agency.name,
            "to": referral.to_agency.name,
            "date": referral.due_on,
            "sent": timezone.localtime(referral.sent_at).date(),
        }

        def to_receiver(words=words, referral=referral) -> tuple[str, str]:
            said = {**words, "stage": referral.stage, "date": day(words["date"])}
            said["sent"] = day(words["sent"])
            title = _("Referral waiting past its due date: %(business)s") % said
            body = (
                _(
                    "%(from)s referred %(business)s to %(to)s on %(sent)s for %(stage)s; an "
                    "answer was due on %(date)s. Accept or decline it on the referral's page."
                )
                % said
            )
            return title, body

        receivers = list(staff([referral.to_agency_id], [Role.MANAGER]))

        def to_sender(words=words, referral=referral, reminded=bool(receivers)) -> tuple[str, str]:
            said = {**words, "stage": referral.stage, "date": day(words["date"])}
            title = _("Your referral of %(business)s is still unanswered") % said
            lead = _(
                "%(to)s has not answered the referral of %(business)s (%(stage)s), due on %(date)s."
            )
            if reminded:
                advice = _(
                    "Its managers were reminded today; you may contact them, or cancel "
                    "the referral."
                )
            else:
                advice = _(
                    "It has no manager in the portal to remind: contact the agency "
                    "directly, or cancel the referral."
                )
            return title, f"{lead % said} {advice}"

        sender = (
            [referral.sent_by]
            if referral.sent_by is not None
            else staff([referral.from_agency_id], [Role.MANAGER])
        )
        link = reverse("workspace-referral", args=[referral.pk])
        yield Due(
            Kind.REFERRAL_OVERDUE,
            referral.pk,
            OVERDUE,
            [
                Notice(receivers, Kind.REFERRAL_OVERDUE, to_receiver, link),
                Notice(sender, Kind.REFERRAL_OVERDUE, to_sender, link),
            ],
        )
