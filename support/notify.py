"""Who hears of a referral's or a monitoring report's step: the people who act next, told in the
same transaction as the step (notifications.services.notify), mailed after it commits."""

from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from agencies.models import EDITING_ROLES, Role
from catalog import rules as catalog_rules
from notifications.models import Kind
from notifications.services import notify
from support.models import MonitoringReport, Referral

if TYPE_CHECKING:  # the model AUTH_USER_MODEL names, as the Django plugin resolves it
    from django.contrib.auth.models import User
else:
    User = get_user_model()


def _staff(agency_id: int, roles) -> "QuerySet[User]":
    return User.objects.filter(
        memberships__agency=agency_id, memberships__role__in=roles, is_active=True
    )


def referral_sent(referral: Referral) -> None:
    """The receiving agency's managers: they accept or decline."""

    def message() -> tuple[str, str]:
        title = _("%(agency)s refers %(business)s to your agency") % {
            "agency": referral.from_agency,
            "business": referral.business,
        }
        body = _("Help asked: %(stage)s\nReason: %(reason)s\nAnswer by %(due)s.") % {
            "stage": referral.stage,
            "reason": referral.reason,
            "due": date_format(referral.due_on),
        }
        return title, body

    notify(
        _staff(referral.to_agency_id, [Role.MANAGER]),
        Kind.REFERRAL_MOVED,
        message,
        link=reverse("workspace-referral", args=[referral.pk]),
    )


def referral_answered(referral: Referral, by: "User") -> None:
    """An answer (accepted, declined, completed) goes to whoever sent the referral; a
    cancellation to the receiving agency's managers."""
    if referral.status == Referral.Status.CANCELLED:
        recipients = list(_staff(referral.to_agency_id, [Role.MANAGER]))
    else:
        recipients = [referral.sent_by] if referral.sent_by else []

    def message() -> tuple[str, str]:
        title = _("Referral of %(business)s: %(status)s") % {
            "business": referral.business,
            "status": referral.get_status_display(),
        }
        note = referral.cancel_note or referral.completion_note or referral.answer_note
        body = _("%(person)s (%(agency)s). Note: %(note)s") % {
            "person": by.get_full_name() or by.username,
            "agency": referral.from_agency
            if referral.status == Referral.Status.CANCELLED
            else referral.to_agency,
            "note": note or "-",
        }
        return title, body

    notify(
        recipients,
        Kind.REFERRAL_MOVED,
        message,
        link=reverse("workspace-referral", args=[referral.pk]),
        actor_id=by.pk,
    )


def report_moved(report: MonitoringReport, by: "User", comment: str) -> None:
    """A submitted report goes to the administrators, who decide; an accepted or returned one
    to the lead agency's editors and managers."""
    if report.status == MonitoringReport.Status.SUBMITTED:
        recipients = list(
            User.objects.with_perm(
                catalog_rules.ADMINISTRATOR_PERMISSION,
                is_active=True,
                backend="django.contrib.auth.backends.ModelBackend",
            )
        )
    else:
        recipients = list(_staff(report.agreement.lead_agency_id, EDITING_ROLES))

    def message() -> tuple[str, str]:
        title = _("Monitoring report of %(agreement)s: %(status)s") % {
            "agreement": report.agreement.title,
            "status": report.get_status_display(),
        }
        body = _("Period %(start)s – %(end)s, by %(person)s.\nComment: %(comment)s") % {
            "start": date_format(report.period_start),
            "end": date_format(report.period_end),
            "person": by.get_full_name() or by.username,
            "comment": comment or "-",
        }
        return title, body

    notify(
        recipients,
        Kind.REPORT_MOVED,
        message,
        link=reverse("workspace-report", args=[report.pk]),
        actor_id=by.pk,
    )
