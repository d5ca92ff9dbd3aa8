"""Services: one-to-one help to one business (a mentoring session, a licence facilitation, a
market introduction, a loan application). Never deleted: voided with a reason."""

from typing import TYPE_CHECKING, Self

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from agencies.models import Agency
from catalog.models import Business, Certificate
from support import rules

if TYPE_CHECKING:
    from .partners import Partner

from umkm_portal.constraints import FieldConstraints

from .choices import WITH_AMOUNT, Benefit, amount_matches_benefit
from .stages import Stage


class ServiceQuerySet(models.QuerySet["Service"]):
    def visible_to(self, user) -> Self:
        """The record is shared: every member of an agency and administrators see every service;
        the public none (their trail is read through `coverage.public_trail`). Partner staff see
        the services of the agreements their partner is party to."""
        if rules.can_see_records(user):
            return self.all()
        return self.filter(agreement__in=rules.partner_agreements(user).values("pk"))

    def changeable_by(self, user) -> Self:
        """Services the user may correct or void: their agencies' (every one for administrators)."""
        if rules.is_administrator(user):
            return self.all()
        return self.filter(
            Q(agency__in=rules.editing_agencies(user))
            | Q(
                partner__in=rules.member_partners(user).values("pk"),
                agreement__in=rules.open_agreements(user).values("pk"),
            )
        )

    def standing(self) -> Self:
        """Services that count: not voided."""
        return self.filter(voided_at__isnull=True)

    def in_year(self, year: int) -> Self:
        return self.filter(provided_on__year=year)


class ServiceKind(models.TextChoices):
    KONSULTASI = "konsultasi", _("Consultation")
    PENDAMPINGAN = "pendampingan", _("Mentoring")
    FASILITASI_PERIZINAN = "fasilitasi_perizinan", _("Licence facilitation")
    FASILITASI_SERTIFIKASI = "fasilitasi_sertifikasi", _("Certification facilitation")
    AKSES_PASAR = "akses_pasar", _("Market access")
    AKSES_MODAL = "akses_modal", _("Access to capital")
    LAINNYA = "lainnya", _("Other")


class ServiceOutcome(models.TextChoices):
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    NOT_ACHIEVED = "not_achieved", _("Not achieved")


class Service(FieldConstraints):
    Kind = ServiceKind

    Outcome = ServiceOutcome

    business = models.ForeignKey(
        Business, on_delete=models.PROTECT, related_name="services", verbose_name=_("business")
    )
    # Given by an agency or by a partner (under an agreement), never both, never neither.
    agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="services",
        verbose_name=_("providing agency"),
    )
    partner = models.ForeignKey(
        "support.Partner",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="services",
        verbose_name=_("providing partner"),
    )
    agreement = models.ForeignKey(
        "support.Agreement",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="services",
        verbose_name=_("agreement"),
        help_text=_("The agreement this help was given under, if any."),
    )
    stage = models.ForeignKey(
        Stage, on_delete=models.PROTECT, related_name="services", verbose_name=_("stage")
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    provided_on = models.DateField(_("date"))
    hours = models.DecimalField(
        _("hours"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MaxValueValidator(999)],
    )
    mentor_name = models.CharField(_("mentor's name"), max_length=200, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=15, choices=Outcome.choices, default=Outcome.IN_PROGRESS
    )
    benefit = models.CharField(
        _("benefit"), max_length=15, choices=Benefit.choices, default=Benefit.NON_FINANCIAL
    )
    amount = models.PositiveBigIntegerField(
        _("amount (Rp)"),
        null=True,
        blank=True,
        help_text=_("Required for a grant, a loan or KUR; empty otherwise."),
    )
    target_certificate_kind = models.CharField(
        _("certificate aimed at"),
        max_length=10,
        choices=Certificate.Kind.choices,
        blank=True,
    )
    certificate = models.ForeignKey(
        Certificate,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="facilitations",
        verbose_name=_("certificate produced"),
    )
    voided_at = models.DateTimeField(_("voided at"), null=True, blank=True)
    voided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    void_reason = models.TextField(_("reason for voiding"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])
    objects = ServiceQuerySet.as_manager()

    class Meta:
        ordering = ["-provided_on", "-pk"]
        verbose_name = _("service")
        verbose_name_plural = _("services")
        constraints = [
            models.CheckConstraint(
                condition=amount_matches_benefit(), name="service_amount_matches_benefit"
            ),
            models.CheckConstraint(
                condition=Q(voided_at__isnull=True) | ~Q(void_reason=""),
                name="service_void_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=ServiceKind.values), name="service_kind_known"
            ),
            models.CheckConstraint(
                condition=Q(agency__isnull=False, partner__isnull=True)
                | Q(agency__isnull=True, partner__isnull=False),
                name="service_agency_xor_partner",
            ),
            models.CheckConstraint(
                condition=Q(outcome__in=ServiceOutcome.values),
                name="service_outcome_known",
            ),
        ]
        indexes = [
            models.Index(fields=["provided_on"], name="service_provided_on"),
            models.Index(fields=["business", "provided_on"], name="service_business_date"),
            models.Index(fields=["agency", "provided_on"], name="service_agency_date"),
            # The dashboard's year of standing help, read from the index alone (bench/results/
            # 2026-12-05-dashboard-99843.md), and the open facilitations its gaps look for.
            models.Index(
                fields=["provided_on", "business", "agency", "stage", "kind", "outcome"],
                condition=Q(voided_at__isnull=True),
                name="service_standing_date",
            ),
            models.Index(
                fields=["business", "provided_on"],
                condition=Q(voided_at__isnull=True),
                name="service_standing_business",
            ),
            models.Index(
                fields=["business"],
                condition=Q(
                    voided_at__isnull=True,
                    outcome="in_progress",
                    kind__in=["fasilitasi_sertifikasi", "fasilitasi_perizinan"],
                ),
                name="service_open_facilitation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.business}"

    def clean(self) -> None:
        if (self.agency_id is None) == (self.partner_id is None):
            raise ValidationError(
                {"agency": _("A service is given by an agency or by a partner: exactly one.")}
            )
        # Said next to the amount; the constraint still guards the database but speaks for no
        # field. An amount that is no number was reported by clean_fields, which runs first.
        if not (self.amount is None or isinstance(self.amount, int)):
            return
        if self.benefit in WITH_AMOUNT and not self.amount:
            raise ValidationError(
                {"amount": _("Give the amount in rupiah for a grant, a loan or KUR.")}
            )
        if self.benefit not in WITH_AMOUNT and self.amount is not None:
            raise ValidationError(
                {"amount": _("An amount is given only for a grant, a loan or KUR.")}
            )

    @property
    def provider(self) -> "Agency | Partner | None":
        """The providing agency or partner (one of them is set: a database constraint)."""
        return self.agency if self.agency_id is not None else self.partner

    @property
    def provider_name(self) -> str:
        """The provider's short name where it has one (an agency), else its name."""
        provider = self.provider
        return (getattr(provider, "short_name", "") or provider.name) if provider else ""

    @property
    def is_voided(self) -> bool:
        return self.voided_at is not None
