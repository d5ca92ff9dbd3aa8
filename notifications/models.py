"""What the portal tells a person: a Notification in their workspace inbox (always) and, as they
choose per kind, an e-mail at once, in a daily digest, or none. A Reminder row is the proof that a
dated reminder went out, unique per object and threshold, so two schedulers cannot both send it."""

from typing import Self

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    """What a notification is about; a person chooses the delivery per kind."""

    NOMINATION_MOVED = "nomination_moved", _("A flagship nomination moved")
    COLLABORATION_INVITED = "collaboration_invited", _("Invitation to co-curate a product")
    COLLABORATION_ANSWERED = "collaboration_answered", _("Answer to a co-curation invitation")
    CERTIFICATE_EXPIRING = "certificate_expiring", _("A certificate expires")
    DESIGNATION_ENDING = "designation_ending", _("A flagship designation ends")
    AGREEMENT_ENDING = "agreement_ending", _("A partnership agreement ends")
    OBLIGATION_DUE = "obligation_due", _("An obligation falls due or is overdue")
    REPORT_DUE = "report_due", _("A monitoring report falls due")
    REFERRAL_MOVED = "referral_moved", _("A referral to or from your agency moved")
    REFERRAL_OVERDUE = "referral_overdue", _("A referral waits past its due date")
    REPORT_MOVED = "report_moved", _("A monitoring report was submitted, accepted or returned")
    INVITATION_WAITING = "invitation_waiting", _("An invitation waits for an answer")
    INVITED = "invited", _("You are invited to the portal")


class Delivery(models.TextChoices):
    IMMEDIATE = "immediate", _("E-mail at once")
    DIGEST = "digest", _("One e-mail a day (digest)")
    NONE = "none", _("No e-mail (workspace only)")


class NotificationQuerySet(models.QuerySet["Notification"]):
    def of(self, user) -> Self:
        """`user`'s own notifications: the only ones any page or API answer starts from."""
        if not (user and user.is_authenticated):
            return self.none()
        return self.filter(recipient=user)

    def unread(self) -> Self:
        return self.filter(read_at__isnull=True)

    def inbox_order(self) -> Self:
        """Unread first, then newest first (by when they were made, read or not: ordering by
        `read_at` would put the read ones oldest-read first)."""
        unread = models.ExpressionWrapper(
            Q(read_at__isnull=True), output_field=models.BooleanField()
        )
        return self.order_by(unread.desc(), "-created_at", "-pk")

    def mark_read(self) -> int:
        return self.unread().update(read_at=timezone.now())


class Notification(models.Model):
    class Mail(models.TextChoices):
        PENDING = "pending", _("to be sent")
        SENT = "sent", _("sent")
        DIGEST = "digest", _("waiting for the digest")
        NOT_SENT = "not_sent", _("no e-mail")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    kind = models.CharField(_("kind"), max_length=40, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("text"), blank=True)
    #: A path inside the portal (/ruang-kerja/…); mails make it absolute with SITE_URL.
    link = models.CharField(_("link"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    mail = models.CharField(_("e-mail"), max_length=10, choices=Mail.choices)
    #: The language the title and text are written in (the recipient's, when it was made).
    language = models.CharField(_("language"), max_length=5, default=settings.LANGUAGE_CODE)
    mail_attempts = models.PositiveSmallIntegerField(_("e-mail attempts"), default=0)
    mail_tried_at = models.DateTimeField(_("last e-mail attempt"), null=True, blank=True)
    mail_error = models.CharField(_("last e-mail error"), max_length=300, blank=True)
    mailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(mail__in=["pending", "sent", "digest", "not_sent"]),
                name="notification_mail_known",
            ),
            models.CheckConstraint(
                condition=~Q(mail="sent") | Q(mailed_at__isnull=False),
                name="notification_sent_has_time",
            ),
        ]
        indexes = [
            models.Index(fields=["recipient", "read_at", "-created_at"], name="notification_inbox"),
            models.Index(
                fields=["mail", "created_at"],
                condition=Q(mail__in=["pending", "digest"]),
                name="notification_mail_waiting",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return self.link


class Preference(models.Model):
    """How `user` wants notifications of `kind` delivered; without a row: e-mail at once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preferences",
        verbose_name=_("user"),
    )
    kind = models.CharField(_("kind"), max_length=40, choices=Kind.choices)
    delivery = models.CharField(_("delivery"), max_length=10, choices=Delivery.choices)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="preference_once_per_kind"),
            models.CheckConstraint(
                condition=Q(delivery__in=["immediate", "digest", "none"]),
                name="preference_delivery_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.kind}: {self.delivery}"


class Reader(models.Model):
    """The language a person reads their notifications and mails in."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="reader",
        verbose_name=_("user"),
    )
    language = models.CharField(
        _("language"), max_length=5, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )

    class Meta:
        verbose_name = _("notification language")
        verbose_name_plural = _("notification languages")

    def __str__(self) -> str:
        return f"{self.user}: {self.language}"


class Reminder(models.Model):
    """A dated reminder that went out: about which object (`kind` names its model), at which
    threshold (days before the date; 0 on the date or when overdue). The unique constraint, not a
    lock, is what makes a second scheduler's run send nothing."""

    kind = models.CharField(_("kind"), max_length=40, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField(_("object"))
    threshold = models.SmallIntegerField(_("days before"))
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id", "threshold"], name="reminder_once_per_threshold"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} #{self.object_id} ({self.threshold})"
