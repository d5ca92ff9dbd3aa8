"""Activities (a training, a bimtek, a curation session, an exhibition...) and who took part."""

import datetime
from typing import Self

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from agencies.models import Agency
from catalog.models import Business, Region
from support import rules
from umkm_portal.constraints import FieldConstraints

from .choices import Benefit
from .stages import Stage


class ActivityQuerySet(models.QuerySet["Activity"]):
    def public(self) -> Self:
        """What the calendar shows: public activities, cancelled ones included (marked)."""
        return self.filter(is_public=True)

    def visible_to(self, user) -> Self:
        """Public activities for everyone; all of them for staff (the record is shared); partner
        staff also those of the agreements their partner is party to."""
        if rules.can_see_records(user):
            return self.all()
        mine = rules.partner_agreements(user)
        return self.filter(Q(is_public=True) | Q(agreement__in=mine.values("pk")))

    def _partner_work(self, user) -> Q:
        """Activities partner staff work on: co-organised by their partner, under its open
        agreement (`rules.can_edit_activity`)."""
        partners = rules.member_partners(user).values("pk")
        with_partner = Activity.partners.through.objects.filter(partner__in=partners)
        return Q(pk__in=with_partner.values("activity_id")) & Q(
            agreement__in=rules.open_agreements(user).values("pk")
        )

    def editable_by(self, user) -> Self:
        if rules.is_administrator(user):
            return self.all()
        return self.filter(Q(organiser__in=rules.editing_agencies(user)) | self._partner_work(user))

    def managed_by(self, user) -> Self:
        """Activities whose participants the user manages: organiser or co-organiser (partner
        staff: as `editable_by`)."""
        if rules.is_administrator(user):
            return self.all()
        agencies = rules.editing_agencies(user)
        co_organised = Activity.co_organisers.through.objects.filter(agency__in=agencies)
        return self.filter(
            Q(organiser__in=agencies)
            | Q(pk__in=co_organised.values("activity_id"))
            | self._partner_work(user)
        )

    def running(self) -> Self:
        return self.filter(cancelled_at__isnull=True)

    def upcoming_first(self) -> Self:
        """Running and upcoming activities soonest first, then past ones, latest first."""
        now = timezone.now()
        ended = Q(ends_at__lt=now)
        return self.annotate(
            is_over=models.Case(
                models.When(ended, then=models.Value(True)),
                default=models.Value(False),
                output_field=models.BooleanField(),
            )
        ).order_by(
            "is_over",
            models.Case(models.When(~ended, then=F("starts_at"))).asc(nulls_last=True),
            "-starts_at",
            "pk",
        )

    def in_year(self, year: int) -> Self:
        return self.filter(starts_at__year=year)


class ActivityKind(models.TextChoices):
    PELATIHAN = "pelatihan", _("Training")
    BIMTEK = "bimtek", _("Technical guidance (bimtek)")
    PENDAMPINGAN = "pendampingan", _("Mentoring")
    KURASI = "kurasi", _("Curation session")
    PAMERAN = "pameran", _("Exhibition")
    TEMU_BISNIS = "temu_bisnis", _("Business meeting")
    KLINIK = "klinik", _("Business clinic")
    FASILITASI_SERTIFIKASI = "fasilitasi_sertifikasi", _("Certification facilitation")
    AKSES_MODAL = "akses_modal", _("Access to capital")
    LAINNYA = "lainnya", _("Other")


class Activity(FieldConstraints):
    Kind = ActivityKind

    class Funding(models.TextChoices):
        APBD = "apbd", _("Regional budget (APBD)")
        APBN = "apbn", _("National budget (APBN)")
        PARTNER = "partner", _("Partner")
        CSR = "csr", _("CSR")
        OTHER = "other", _("Other")

    organiser = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        related_name="organised_activities",
        verbose_name=_("organising agency"),
    )
    co_organisers = models.ManyToManyField(
        Agency,
        blank=True,
        related_name="co_organised_activities",
        verbose_name=_("co-organising agencies"),
    )
    partners = models.ManyToManyField(
        "support.Partner",
        blank=True,
        related_name="co_organised_activities",
        verbose_name=_("co-organising partners"),
    )
    agreement = models.ForeignKey(
        "support.Agreement",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("agreement"),
        help_text=_("The agreement this activity is held under, if any."),
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    stages = models.ManyToManyField(Stage, related_name="activities", verbose_name=_("stages"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="activities", verbose_name=_("region")
    )
    place = models.CharField(_("place"), max_length=200, blank=True)
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)
    funding = models.CharField(
        _("funding source"), max_length=10, choices=Funding.choices, default=Funding.APBD
    )
    benefit = models.CharField(
        _("benefit"), max_length=15, choices=Benefit.choices, default=Benefit.NON_FINANCIAL
    )
    is_public = models.BooleanField(
        _("public"), default=False, help_text=_("Shown in the public activity calendar.")
    )
    registration_info = models.TextField(
        _("how to register"), blank=True, help_text=_("Shown on the public page.")
    )
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])
    objects = ActivityQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at", "pk"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gte=F("starts_at")), name="activity_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(cancelled_at__isnull=True) | ~Q(cancel_reason=""),
                name="activity_cancel_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=ActivityKind.values), name="activity_kind_known"
            ),
            models.CheckConstraint(
                condition=Q(benefit__in=Benefit.values),
                name="activity_benefit_known",
            ),
        ]
        indexes = [
            models.Index(fields=["starts_at"], name="activity_starts"),
            models.Index(fields=["is_public", "starts_at"], name="activity_public_starts"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("activity-detail", args=[self.pk])

    def clean(self) -> None:
        # Said next to the end, where a form and an API client can act on it; the constraint
        # still guards the database but speaks for no field ("constraint ... is violated").
        # Values that are no datetimes were reported by clean_fields, which runs first.
        period = (self.starts_at, self.ends_at)
        if (
            all(isinstance(moment, datetime.datetime) for moment in period)
            and timezone.is_aware(self.starts_at) == timezone.is_aware(self.ends_at)
            and self.ends_at < self.starts_at
        ):
            raise ValidationError({"ends_at": _("An activity cannot end before it starts.")})

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None

    @property
    def has_ended(self) -> bool:
        return self.ends_at < timezone.now()


class Participation(FieldConstraints):
    class Status(models.TextChoices):
        REGISTERED = "registered", _("Registered")
        ATTENDED = "attended", _("Attended")
        COMPLETED = "completed", _("Completed")
        ABSENT = "absent", _("Absent")

    #: Statuses that count as taking part (and reach the activity's stages).
    TOOK_PART = (Status.ATTENDED, Status.COMPLETED)

    activity = models.ForeignKey(
        Activity,
        on_delete=models.PROTECT,
        related_name="participations",
        verbose_name=_("activity"),
    )
    business = models.ForeignKey(
        Business,
        on_delete=models.PROTECT,
        related_name="participations",
        verbose_name=_("business"),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.REGISTERED
    )
    result_note = models.TextField(_("result"), blank=True)
    certificate_number = models.CharField(_("certificate number"), max_length=100, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["activity", "business__name"]
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        indexes = [
            # Who took part, and how, read from the index alone by coverage and the dashboard.
            models.Index(
                fields=["activity", "business", "status"], name="participation_activity_cover"
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "business"], name="participation_one_per_business"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["registered", "attended", "completed", "absent"]),
                name="participation_status_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.business} @ {self.activity}"
