"""The flagship ("produk unggulan") workflow: nominations, assessments, events, designations.

The transitions themselves (who may move a nomination from which state to which) are the
workflow's job; these models hold the states and the invariants the database must keep.
"""

from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING, Any, NoReturn, Self, TypedDict

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Avg, Exists, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, FSMModelMixin, Transition, transition

from agencies.models import Agency
from catalog import rules
from umkm_portal.constraints import FieldConstraints

from .base import ServerFileName, today
from .product import Product
from .reference import Criterion

if TYPE_CHECKING:  # the model AUTH_USER_MODEL names, as the Django plugin resolves it
    from django.contrib.auth.models import AnonymousUser, User
    from django_stubs_ext import WithAnnotations


class MeanScore(TypedDict):
    """What NominationQuerySet.with_mean_score() adds to each nomination."""

    mean_score: float | None


class NominationQuerySet(models.QuerySet["Nomination"]):
    def open(self) -> Self:
        return self.filter(state__in=Nomination.OPEN_STATES)

    def awaiting_review(self, user: "User") -> Self:
        """What waits for this reviewer, oldest first: submitted, and not submitted by them
        (four eyes, as rules.can_review). Nothing for someone who does not review."""
        if not rules.is_reviewer(user):
            return self.none()
        return (
            self.filter(state=Nomination.State.SUBMITTED)
            .exclude(submitted_by=user)
            .order_by("submitted_at", "pk")
        )

    def awaiting_decision(self, user: "User") -> Self:
        """What waits for this administrator, oldest first: recommended, and not recommended by
        them (four eyes, as rules.can_decide). Nothing for anyone else."""
        if not rules.is_administrator(user):
            return self.none()
        recommended_by_user = NominationEvent.objects.filter(
            nomination=OuterRef("pk"), action=NominationEvent.Action.RECOMMEND, actor=user
        )
        return (
            self.filter(state=Nomination.State.RECOMMENDED)
            .exclude(Exists(recommended_by_user))
            .order_by("submitted_at", "pk")
        )

    def with_mean_score(self) -> "models.QuerySet[ScoredNomination]":
        """Annotate `mean_score`: the mean of each assessor's mean over the criteria they
        scored, so every assessor weighs the same however much of the rubric they filled in
        (docs/decisions.md). None before any score."""
        assessor_mean = (
            AssessmentScore.objects.filter(assessment=OuterRef("pk"))
            .values("assessment")
            .annotate(mean=Avg("score"))
            .values("mean")
        )
        means = (
            Assessment.objects.filter(nomination=OuterRef("pk"))
            .annotate(assessor_mean=Subquery(assessor_mean, output_field=models.FloatField()))
            .values("nomination")
            .annotate(mean=Avg("assessor_mean", output_field=models.FloatField()))
            .values("mean")
        )
        # The Django plugin loses the model of annotate() on a custom QuerySet: the return
        # type says what the rows are.
        return self.annotate(  # type: ignore[return-value]
            mean_score=Subquery(means, output_field=models.FloatField())
        )

    def visible_to(self, user: "User | AnonymousUser") -> Self:
        """A user sees their agencies' nominations; reviewers every nomination ever submitted;
        administrators all of them, drafts included."""
        if rules.is_administrator(user):
            return self.all()
        visible = Q(agency__in=Agency.objects.where_member(user))
        if rules.is_reviewer(user):
            visible |= Q(submitted_at__isnull=False)
        return self.filter(visible)


# The transitions' permissions. django-fsm types them for any model and any user, hence Any.


def _nominator(nomination: Any, user: Any) -> bool:
    return rules.can_act_as_nominator(user, nomination)


def _reviewer(nomination: Any, user: Any) -> bool:
    return rules.can_review(user, nomination)


def _administrator(nomination: Any, user: Any) -> bool:
    return rules.can_decide(user, nomination)


class NominationState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    RECOMMENDED = "recommended", _("Recommended")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


#: States in which a nomination is still under way; a product has at most one of these.
OPEN_STATES = [
    NominationState.DRAFT,
    NominationState.SUBMITTED,
    NominationState.CHANGES_REQUESTED,
    NominationState.RECOMMENDED,
]


class Nomination(FSMModelMixin, FieldConstraints):
    State = NominationState
    OPEN_STATES = OPEN_STATES

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
                condition=Q(state__in=OPEN_STATES),
                name="nomination_one_open_per_product",
                violation_error_message=_("This product already has a nomination under way."),
            ),
            models.CheckConstraint(
                condition=Q(state__in=NominationState.values), name="nomination_state_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.product} ({self.get_state_display()})"

    if TYPE_CHECKING:  # FSMField("state") adds these when the class is prepared

        def get_all_state_transitions(self) -> Iterator[Transition]: ...

        def get_available_user_state_transitions(
            self, user: "User | AnonymousUser"
        ) -> Iterator[Transition]: ...

    def recommended_by(self, user: "User") -> bool:
        """Whether `user` recommended this nomination: read from the events, not stored twice."""
        return self.events.filter(action=NominationEvent.Action.RECOMMEND, actor=user).exists()

    # Transitions (docs/architecture.md §3). Who may take them is the permission layer's
    # answer; what else happens (events, mail, the designation) is catalog.workflow's job.

    @transition(state, source=State.DRAFT, target=State.SUBMITTED, permission=_nominator)
    def submit(self, by: "User") -> None:
        self.submitted_by, self.submitted_at = by, timezone.now()

    @transition(
        state,
        source=[State.DRAFT, State.SUBMITTED, State.CHANGES_REQUESTED],
        target=State.WITHDRAWN,
        permission=_nominator,
    )
    def withdraw(self, by: "User") -> None:
        pass

    @transition(state, source=State.SUBMITTED, target=State.CHANGES_REQUESTED, permission=_reviewer)
    def request_changes(self, by: "User") -> None:
        pass

    @transition(
        state, source=State.CHANGES_REQUESTED, target=State.SUBMITTED, permission=_nominator
    )
    def resubmit(self, by: "User") -> None:
        self.submitted_by, self.submitted_at = by, timezone.now()

    @transition(state, source=State.SUBMITTED, target=State.RECOMMENDED, permission=_reviewer)
    def recommend(self, by: "User") -> None:
        pass

    @transition(state, source=State.SUBMITTED, target=State.REJECTED, permission=_reviewer)
    def reject(self, by: "User") -> None:
        pass

    @transition(state, source=State.RECOMMENDED, target=State.APPROVED, permission=_administrator)
    def approve(self, by: "User") -> None:
        pass

    @transition(state, source=State.RECOMMENDED, target=State.REJECTED, permission=_administrator)
    def decline(self, by: "User") -> None:
        pass


if TYPE_CHECKING:
    #: A nomination read through NominationQuerySet.with_mean_score().
    ScoredNomination = WithAnnotations[Nomination, MeanScore]


class AssessmentQuerySet(models.QuerySet["Assessment"]):
    def complete(self) -> Self:
        """Assessments that score every active criterion of the rubric."""
        active = Criterion.objects.active()
        return self.annotate(
            scored=models.Count("scores", filter=Q(scores__criterion__in=active), distinct=True)
        ).filter(scored=active.count())


class Assessment(FieldConstraints):
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

    def __str__(self) -> str:
        return f"{self.nomination} · {self.reviewer}"

    @property
    def total(self) -> float | None:
        """Mean of this assessor's scores, or None before any score is given."""
        scores = [s.score for s in self.scores.all()]
        return sum(scores) / len(scores) if scores else None


class AssessmentScore(FieldConstraints):
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

    def __str__(self) -> str:
        return f"{self.criterion.code}: {self.score}"


class NominationAction(models.TextChoices):
    """The steps of docs/architecture.md §3; revoking acts on the designation and is
    recorded on its nomination. The labels are how the timeline names each step."""

    NOMINATE = "nominate", _("Nominated")
    SUBMIT = "submit", _("Submitted")
    WITHDRAW = "withdraw", _("Withdrawn")
    REQUEST_CHANGES = "request_changes", _("Changes requested")
    RESUBMIT = "resubmit", _("Resubmitted")
    RECOMMEND = "recommend", _("Recommended")
    REJECT = "reject", _("Rejected")
    APPROVE = "approve", _("Approved")
    DECLINE = "decline", _("Declined")
    REVOKE = "revoke", _("Designation revoked")


class NominationEvent(models.Model):
    """One transition of a nomination: the audit trail. Append-only."""

    Action = NominationAction

    nomination = models.ForeignKey(
        Nomination, on_delete=models.PROTECT, related_name="events", verbose_name=_("nomination")
    )
    action = models.CharField(_("action"), max_length=30, choices=NominationAction.choices)
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
        constraints = [
            models.CheckConstraint(
                condition=Q(action__in=NominationAction.values),
                name="nomination_event_action_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.action}: {self.from_state or '–'} → {self.to_state}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ValidationError(_("Nomination events are append-only."))
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise ValidationError(_("Nomination events are append-only."))


MAX_DECREE_BYTES = 10 * 1024 * 1024


def validate_decree_pdf(upload: File) -> None:
    """A decree is a PDF (read from its first bytes, not its name) of at most 10 MB."""
    if upload.size > MAX_DECREE_BYTES:
        raise ValidationError(_("The decree PDF is larger than 10 MB."), code="too_large")
    upload.seek(0)
    head = upload.read(5)
    upload.seek(0)
    if head != b"%PDF-":
        raise ValidationError(_("The decree must be a PDF file."), code="not_pdf")


class DesignationQuerySet(models.QuerySet["Designation"]):
    def current(self, on: date | None = None) -> Self:
        """Designations in force on `on` (today in Asia/Jakarta): within the period, not revoked.
        Expiry needs no job: it follows from the dates."""
        return self.in_status(Designation.Status.CURRENT, on)

    def in_status(self, status: str, on: date | None = None) -> Self:
        """Designations whose status on `on` (today by default) is `status`: the filter twin
        of Designation.status()."""
        on = on or today()
        unrevoked = Q(revoked_at__isnull=True)
        conditions: dict[str, Q] = {
            Designation.Status.CURRENT: unrevoked & Q(valid_from__lte=on, valid_until__gte=on),
            Designation.Status.UPCOMING: unrevoked & Q(valid_from__gt=on),
            Designation.Status.EXPIRED: unrevoked & Q(valid_until__lt=on),
            Designation.Status.REVOKED: Q(revoked_at__isnull=False),
        }
        return self.filter(conditions[status])


#: Said next to the year when the same product is designated twice for one year.
ONE_PER_YEAR = _("The product already holds a designation for this year.")


class Designation(FieldConstraints):
    """A product's flagship status for a period, granted by decree (SK)."""

    class Status(models.TextChoices):
        """Derived from the dates and the revocation, never stored."""

        CURRENT = "current", _("Current")
        UPCOMING = "upcoming", _("Not yet in force")
        EXPIRED = "expired", _("Expired")
        REVOKED = "revoked", _("Revoked")

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
        _("decree (PDF)"),
        upload_to=ServerFileName("decrees"),
        blank=True,
        validators=[validate_decree_pdf],
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
                violation_error_message=_("The period cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(revoked_at__isnull=True) | ~Q(revocation_reason=""),
                name="designation_revocation_has_reason",
                violation_error_message=_("Say why the designation is revoked."),
            ),
            models.CheckConstraint(
                condition=~Q(decree_number=""),
                name="designation_has_decree_number",
                violation_error_message=_("The decree number (Nomor SK) is required."),
            ),
            # A product holds one unrevoked designation per period year.
            models.UniqueConstraint(
                fields=["product", "year"],
                condition=Q(revoked_at__isnull=True),
                name="designation_one_per_product_year",
                violation_error_message=ONE_PER_YEAR,
            ),
        ]
        indexes = [
            models.Index(fields=["valid_from", "valid_until"], name="designation_period"),
        ]

    def __str__(self) -> str:
        return f"{self.product} · {self.year} · {self.decree_number}"

    def clean(self) -> None:
        # Said next to the field; the constraint still guards the database. (A value that is
        # no date is reported by clean_fields, which runs first.)
        period = (self.valid_from, self.valid_until)
        if all(isinstance(day, date) for day in period) and self.valid_until < self.valid_from:
            raise ValidationError({"valid_until": _("The period cannot end before it starts.")})

    def status(self, on: date | None = None) -> "Designation.Status":
        """Current, not yet in force, expired or revoked on `on` (today by default): the
        one-object twin of DesignationQuerySet.in_status()."""
        on = on or today()
        if self.revoked_at is not None:
            return self.Status.REVOKED
        if self.valid_until < on:
            return self.Status.EXPIRED
        if self.valid_from > on:
            return self.Status.UPCOMING
        return self.Status.CURRENT

    @property
    def is_current(self) -> bool:
        return self.status() == self.Status.CURRENT
