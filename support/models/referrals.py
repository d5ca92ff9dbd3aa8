"""Referrals: one agency hands a business to another for a stage it does not serve itself."""

import datetime
from typing import Self

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from agencies.models import Agency
from catalog.models import Business
from catalog.models.base import today
from support import rules
from umkm_portal.constraints import FieldConstraints

from .stages import Stage

User = settings.AUTH_USER_MODEL


class ReferralQuerySet(models.QuerySet["Referral"]):
    def visible_to(self, user) -> Self:
        return self.all() if rules.can_see_records(user) else self.none()

    def open(self) -> Self:
        return self.filter(status__in=Referral.OPEN)

    def with_parties(self) -> Self:
        """With the business, both agencies, the stage and whoever took each step, in the same
        query: what a referral's page and its API answer show."""
        return self.select_related(
            "business",
            "from_agency",
            "to_agency",
            "stage",
            "sent_by",
            "answered_by",
            "completed_by",
            "cancelled_by",
        )

    def incoming_to(self, user) -> Self:
        """Sent to an agency the user is a member of (any role): their inbox."""
        return self.filter(to_agency__in=Agency.objects.where_member(user))

    def outgoing_from(self, user) -> Self:
        """Sent from an agency the user is a member of (any role)."""
        return self.filter(from_agency__in=Agency.objects.where_member(user))

    def awaiting_answer_by(self, user) -> Self:
        """Open referrals whose next step is the user's (`rules.can_respond_to_referral`): to
        accept or decline, or to complete, for the agencies where they are editor or manager;
        every open one for administrators."""
        received = self.open()
        if rules.is_administrator(user):
            return received
        return received.filter(to_agency__in=rules.editing_agencies(user))

    def overdue(self, on: datetime.date | None = None) -> Self:
        """Unanswered past the due date."""
        return self.filter(status=Referral.Status.SENT, due_on__lt=on or today())

    def overdue_first(self) -> Self:
        """The inbox order: overdue, then unanswered by due date, then the rest, newest first."""
        now = today()
        return self.annotate(
            waiting=models.Case(
                models.When(Q(status=Referral.Status.SENT, due_on__lt=now), then=0),
                models.When(status=Referral.Status.SENT, then=1),
                models.When(status=Referral.Status.ACCEPTED, then=2),
                default=3,
                output_field=models.IntegerField(),
            )
        ).order_by("waiting", "due_on", "-sent_at", "-pk")


class Referral(FieldConstraints):
    class Status(models.TextChoices):
        SENT = "sent", _("Sent")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        COMPLETED = "completed", _("Completed")
        CANCELLED = "cancelled", _("Cancelled")

    OPEN = (Status.SENT, Status.ACCEPTED)

    business = models.ForeignKey(
        Business, on_delete=models.PROTECT, related_name="referrals", verbose_name=_("business")
    )
    from_agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        related_name="referrals_sent",
        verbose_name=_("from agency"),
    )
    to_agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        related_name="referrals_received",
        verbose_name=_("to agency"),
    )
    stage = models.ForeignKey(
        Stage, on_delete=models.PROTECT, related_name="referrals", verbose_name=_("stage")
    )
    reason = models.TextField(_("reason"))
    due_on = models.DateField(_("answer due by"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default="sent")
    sent_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    # The receiving agency's answer (accept or decline), then its completion; or the sender's
    # cancelling. Each with who, when and a note.
    answered_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answer_note = models.TextField(_("answer"), blank=True)
    completed_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    completion_note = models.TextField(_("completion note"), blank=True)
    cancelled_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    cancel_note = models.TextField(_("reason for cancelling"), blank=True)

    history = HistoricalRecords()
    objects = ReferralQuerySet.as_manager()

    class Meta:
        ordering = ["-sent_at", "-pk"]
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        constraints = [
            models.CheckConstraint(
                condition=~Q(to_agency=F("from_agency")), name="referral_to_another_agency"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["sent", "accepted", "declined", "completed", "cancelled"]),
                name="referral_status_known",
            ),
            # Every state after `sent` carries the time of the step that led to it.
            models.CheckConstraint(
                condition=~Q(status__in=["accepted", "declined", "completed"])
                | Q(answered_at__isnull=False),
                name="referral_answer_recorded",
            ),
            models.CheckConstraint(
                condition=~Q(status="completed") | Q(completed_at__isnull=False),
                name="referral_completion_recorded",
            ),
            models.CheckConstraint(
                condition=~Q(status="cancelled") | Q(cancelled_at__isnull=False),
                name="referral_cancel_recorded",
            ),
            # Declining and cancelling say why (support.services.referrals.STEPS).
            models.CheckConstraint(
                condition=~Q(status="declined") | ~Q(answer_note=""),
                name="referral_decline_has_note",
            ),
            models.CheckConstraint(
                condition=~Q(status="cancelled") | ~Q(cancel_note=""),
                name="referral_cancel_has_note",
            ),
        ]
        indexes = [
            models.Index(fields=["to_agency", "status"], name="referral_to_status"),
            models.Index(fields=["from_agency", "status"], name="referral_from_status"),
            models.Index(fields=["status", "due_on"], name="referral_status_due"),
        ]

    def __str__(self) -> str:
        return f"{self.business}: {self.from_agency} → {self.to_agency}"

    def clean(self) -> None:
        # Said next to the receiving agency; the constraint still guards the database.
        if self.from_agency_id is not None and self.from_agency_id == self.to_agency_id:
            raise ValidationError({"to_agency": _("Refer the business to another agency.")})

    @property
    def is_overdue(self) -> bool:
        return self.status == self.Status.SENT and self.due_on < today()

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN
