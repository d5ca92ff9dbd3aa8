"""A business's progress: snapshots of its size (scale class by PP 7/2021) and milestones."""

from typing import Self

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from agencies.models import Agency
from catalog.models import Business
from support import rules

from .stages import Stage

User = settings.AUTH_USER_MODEL

MILLION = 1_000_000
BILLION = 1_000 * MILLION


class ScaleClass(models.TextChoices):
    """PP 7/2021 Art. 35: the class by business capital (excluding land and buildings) or, when
    the capital is not known, by annual turnover. Values are Business.Scale's, so the computed
    class compares with the declared scale."""

    MICRO = "mikro", _("Micro")
    SMALL = "kecil", _("Small")
    MEDIUM = "menengah", _("Medium")
    LARGE = "besar", _("Large")


#: (upper bound inclusive, class), in order: capital, then turnover.
CAPITAL_BOUNDS = ((1 * BILLION, ScaleClass.MICRO), (5 * BILLION, ScaleClass.SMALL),
                  (10 * BILLION, ScaleClass.MEDIUM))  # fmt: skip
TURNOVER_BOUNDS = ((2 * BILLION, ScaleClass.MICRO), (15 * BILLION, ScaleClass.SMALL),
                   (50 * BILLION, ScaleClass.MEDIUM))  # fmt: skip


def scale_class(capital: int | None, turnover: int | None) -> ScaleClass | None:
    """The PP 7/2021 class: by capital when given, else by turnover; None when neither is."""
    if capital is not None:
        value, bounds = capital, CAPITAL_BOUNDS
    elif turnover is not None:
        value, bounds = turnover, TURNOVER_BOUNDS
    else:
        return None
    for upper, found in bounds:
        if value <= upper:
            return found
    return ScaleClass.LARGE


class Verifiable(models.Model):
    """Verified by a leading-sector reviewer (or an administrator): who and when, both or none."""

    verified_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        abstract = True

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None


class ProgressQuerySet(models.QuerySet):
    def visible_to(self, user) -> Self:
        return self.all() if rules.can_see_records(user) else self.none()

    def verified(self) -> Self:
        return self.filter(verified_at__isnull=False)


class Snapshot(Verifiable):
    class Source(models.TextChoices):
        SELF_REPORTED = "self_reported", _("Self-reported")
        STAFF_RECORDED = "staff_recorded", _("Recorded by staff")

    business = models.ForeignKey(
        Business, on_delete=models.PROTECT, related_name="snapshots", verbose_name=_("business")
    )
    taken_on = models.DateField(_("date"))
    turnover = models.PositiveBigIntegerField(_("annual turnover (Rp)"), null=True, blank=True)
    capital = models.PositiveBigIntegerField(
        _("business capital (Rp)"),
        null=True,
        blank=True,
        help_text=_("Excluding land and buildings."),
    )
    workers_women = models.PositiveIntegerField(_("workers (women)"), default=0)
    workers_men = models.PositiveIntegerField(_("workers (men)"), default=0)
    exports = models.BooleanField(_("exports"), default=False)
    source = models.CharField(
        _("source"), max_length=15, choices=Source.choices, default=Source.STAFF_RECORDED
    )

    history = HistoricalRecords()
    objects = ProgressQuerySet.as_manager()

    class Meta:
        ordering = ["-taken_on", "-pk"]
        verbose_name = _("snapshot")
        verbose_name_plural = _("snapshots")
        constraints = [
            models.CheckConstraint(
                condition=Q(source__in=["self_reported", "staff_recorded"]),
                name="snapshot_source_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.business} {self.taken_on}"

    @property
    def scale_class(self) -> ScaleClass | None:
        return scale_class(self.capital, self.turnover)

    @property
    def workers(self) -> int:
        return self.workers_women + self.workers_men


class MilestoneKind(models.TextChoices):
    NIB = "nib", _("NIB obtained")
    CERTIFICATE = "certificate", _("Certificate obtained")
    FIRST_SALE_ONLINE = "first_sale_online", _("First online sale")
    MODERN_RETAIL = "modern_retail", _("In modern retail")
    EKATALOG = "ekatalog", _("Listed in e-Katalog")
    EXPORT = "export", _("First export")
    CAPITAL_RECEIVED = "capital_received", _("Capital received")
    SCALE_UP = "scale_up", _("Moved up a scale class")
    OTHER = "other", _("Other")


class Milestone(Verifiable):
    Kind = MilestoneKind

    business = models.ForeignKey(
        Business, on_delete=models.PROTECT, related_name="milestones", verbose_name=_("business")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    stage = models.ForeignKey(
        Stage,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="milestones",
        verbose_name=_("stage"),
        help_text=_("Filled from the kind when left empty."),
    )
    achieved_on = models.DateField(_("achieved on"))
    evidence = models.TextField(_("evidence"), blank=True)
    credited_agencies = models.ManyToManyField(
        Agency, blank=True, related_name="credited_milestones", verbose_name=_("credited agencies")
    )
    credited_partners = models.ManyToManyField(
        "support.Partner",
        blank=True,
        related_name="credited_milestones",
        verbose_name=_("credited partners"),
    )

    history = HistoricalRecords(m2m_fields=[credited_agencies, credited_partners])
    objects = ProgressQuerySet.as_manager()

    class Meta:
        ordering = ["-achieved_on", "-pk"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=MilestoneKind.values), name="milestone_kind_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.business}"
