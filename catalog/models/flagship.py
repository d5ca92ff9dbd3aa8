"""The flagship ("produk unggulan") workflow: nominations, assessments, events, designations.

The transitions themselves (who may move a nomination from which state to which) are the
workflow's job; these models hold the states and the invariants the database must keep.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, FSMModelMixin, transition

from agencies.models import Agency
from catalog import rules

from .base import ServerFileName, today
from .product import Product
from .reference import Criterion


class NominationQuerySet(models.QuerySet):
    def open(self):
        return self.filter(state__in=Nomination.OPEN_STATES)

    def awaiting_review(self):
        return self.filter(state=Nomination.State.SUBMITTED)

    def awaiting_decision(self):
        return self.filter(state=Nomination.State.RECOMMENDED)

    def visible_to(self, user):
        """A user sees their agencies' nominations; reviewers every nomination ever submitted;
        administrators all of them, drafts included."""
        if rules.is_administrator(user):
            return self.all()
        visible = Q(agency__in=Agency.objects.where_member(user))
        if rules.is_reviewer(user):
            visible |= Q(submitted_at__isnull=False)
        return self.filter(visible)


def _nominator(nomination, user) -> bool:
    return rules.can_act_as_nominator(user, nomination)


def _reviewer(nomination, user) -> bool:
    return rules.can_review(user, nomination)


def _administrator(nomination, user) -> bool:
    return rules.can_decide(user, nomination)


class Nomination(FSMModelMixin, models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")
        RECOMMENDED = "recommended", _("Recommended")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    #: States in which a nomination is still under way; a product has at most one of these.
    OPEN_STATES = ("draft", "submitted", "changes_requested", "recommended")

    product = models.ForeignKey(
        Product, on_delete=models.PROTECT, related_name="nominations", verbose_name=_("product")
    )
    agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        related_name="nominations",
        verbose_name=_("nominating agency"),
    )
    justification = models.TextField(_("justification"))
    evidence = models.TextField(
        _("evidence"), blank=True, help_text=_("Sales figures, awards, links to documents.")
    )
    # Protected: the state changes only through the transitions below (catalog.workflow).
    state = FSMField(
        _("state"),
        max_length=20,
        choices=State.choices,
        default=State.DRAFT,
        db_index=True,
        protected=True,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("created by"),
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = NominationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "pk"]
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        permissions = [
            ("approve_nomination", _("Can approve nominations and issue flagship designations")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["product"],
                condition=Q(state__in=["draft", "submitted", "changes_requested", "recommended"]),
                name="nomination_one_open_per_product",
                violation_error_message=_("This product already has a nomination under way."),
            ),
            models.CheckConstraint(
                condition=Q(
                    state__in=[
                        "draft",
                        "submitted",
                        "changes_requested",
                        "recommended",
                        "approved",
                        "rejected",
                        "withdrawn",
                    ]
                ),
                name="nomination_state_known",
            ),
        ]

    def __str__(self):
        return f"{self.product} ({self.get_state_display()})"

    @property
    def is_open(self) -> bool:
        return self.state in self.OPEN_STATES

    # Transitions (DESIGN §3). Who may take them is the permission layer's answer; what else
    # happens (events, mail, the designation) is catalog.workflow's job.

    @transition(state, source=State.DRAFT, target=State.SUBMITTED, permission=_nominator)
    def submit(self, by):
        self.submitted_by, self.submitted_at = by, timezone.now()

    @transition(
        state,
        source=[State.DRAFT, State.SUBMITTED, State.CHANGES_REQUESTED],
        target=State.WITHDRAWN,
        permission=_nominator,
    )
    def withdraw(self, by):
        pass

    @transition(state, source=State.SUBMITTED, target=State.CHANGES_REQUESTED, permission=_reviewer)
    def request_changes(self, by):
        pass

    @transition(
        state, source=State.CHANGES_REQUESTED, target=State.SUBMITTED, permission=_nominator
    )
    def resubmit(self, by):
        self.submitted_by, self.submitted_at = by, timezone.now()

    @transition(state, source=State.SUBMITTED, target=State.RECOMMENDED, permission=_reviewer)
    def recommend(self, by):
        pass

    @transition(state, source=State.SUBMITTED, target=State.REJECTED, permission=_reviewer)
    def reject(self, by):
        pass

    @transition(state, source=State.RECOMMENDED, target=State.APPROVED, permission=_administrator)
    def approve(self, by):
        pass

    @transition(state, source=State.RECOMMENDED, target=State.REJECTED, permission=_administrator)
    def decline(self, by):
        pass


class AssessmentQuerySet(models.QuerySet):
    def complete(self):
        """Assessments that score every active criterion of the rubric."""
        active = Criterion.objects.active()
        return self.annotate(
            scored=models.Count("scores", filter=Q(scores__criterion__in=active), distinct=True)
        ).filter(scored=active.count())


class Assessment(models.Model):
    """One reviewer's scoring of one nomination against the rubric."""

    nomination = models.ForeignKey(
        Nomination,
        on_delete=models.PROTECT,
        related_name="assessments",
        verbose_name=_("nomination"),
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="assessments",
        verbose_name=_("reviewer"),
    )
    agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        related_name="assessments",
        verbose_name=_("leading-sector agency"),
    )
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        constraints = [
            models.UniqueConstraint(
                fields=["nomination", "reviewer"], name="assessment_one_per_reviewer"
            ),
        ]

    def __str__(self):
        return f"{self.nomination} · {self.reviewer}"

    @property
    def total(self) -> float | None:
        """Mean of this assessor's scores, or None before any score is given."""
        scores = [s.score for s in self.scores.all()]
        return sum(scores) / len(scores) if scores else None


class AssessmentScore(models.Model):
    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="scores", verbose_name=_("assessment")
    )
    criterion = models.ForeignKey(
        Criterion, on_delete=models.PROTECT, related_name="scores", verbose_name=_("criterion")
    )
    score = models.PositiveSmallIntegerField(
        _("score"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )

    class Meta:
        ordering = ["criterion__order", "pk"]
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "criterion"], name="score_one_per_criterion"
            ),
            models.CheckConstraint(
                condition=Q(score__gte=1, score__lte=5), name="score_between_1_and_5"
            ),
        ]

    def __str__(self):
        return f"{self.criterion.code}: {self.score}"


class NominationEvent(models.Model):
    """One transition of a nomination: the audit trail. Append-only."""

    nomination = models.ForeignKey(
        Nomination, on_delete=models.PROTECT, related_name="events", verbose_name=_("nomination")
    )
    action = models.CharField(_("action"), max_length=30)
    from_state = models.CharField(
        _("from state"), max_length=20, choices=Nomination.State.choices, blank=True
    )
    to_state = models.CharField(_("to state"), max_length=20, choices=Nomination.State.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="nomination_events",
        verbose_name=_("actor"),
    )
    agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="nomination_events",
        verbose_name=_("agency"),
    )
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("nomination event")
        verbose_name_plural = _("nomination events")
        indexes = [models.Index(fields=["nomination", "created_at"], name="event_nomination_time")]

    def __str__(self):
        return f"{self.action}: {self.from_state or '–'} → {self.to_state}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError(_("Nomination events are append-only."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("Nomination events are append-only."))


class DesignationQuerySet(models.QuerySet):
    def current(self, on=None):
        """Designations in force on `on` (today in Asia/Jakarta): within the period, not revoked.
        Expiry needs no job: it follows from the dates."""
        on = on or today()
        return self.filter(valid_from__lte=on, valid_until__gte=on, revoked_at__isnull=True)


class Designation(models.Model):
    """A product's flagship status for a period, granted by decree (SK)."""

    product = models.ForeignKey(
        Product, on_delete=models.PROTECT, related_name="designations", verbose_name=_("product")
    )
    nomination = models.OneToOneField(
        Nomination,
        on_delete=models.PROTECT,
        related_name="designation",
        verbose_name=_("nomination"),
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"))
    decree_number = models.CharField(_("decree number (Nomor SK)"), max_length=100)
    decree_file = models.FileField(
        _("decree (PDF)"), upload_to=ServerFileName("decrees"), blank=True
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("approved by"),
    )
    approved_at = models.DateTimeField(_("approved at"))
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revoked by"),
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revocation_reason = models.TextField(_("reason for revocation"), blank=True)

    objects = DesignationQuerySet.as_manager()

    class Meta:
        ordering = ["-valid_from", "pk"]
        verbose_name = _("flagship designation")
        verbose_name_plural = _("flagship designations")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__gte=models.F("valid_from")),
                name="designation_period_in_order",
            ),
            models.CheckConstraint(
                condition=Q(revoked_at__isnull=True) | ~Q(revocation_reason=""),
                name="designation_revocation_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(decree_number=""), name="designation_has_decree_number"
            ),
            # A product holds one unrevoked designation per period year.
            models.UniqueConstraint(
                fields=["product", "year"],
                condition=Q(revoked_at__isnull=True),
                name="designation_one_per_product_year",
            ),
        ]
        indexes = [
            models.Index(fields=["valid_from", "valid_until"], name="designation_period"),
        ]

    def __str__(self):
        return f"{self.product} · {self.year} · {self.decree_number}"

    @property
    def is_current(self) -> bool:
        return self.revoked_at is None and self.valid_from <= today() <= self.valid_until
