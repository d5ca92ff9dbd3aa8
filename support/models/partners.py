"""Partners: organisations that are no agency (OKE OCE, the university, the regional bank,
Dekranasda, a state company's CSR programme) and the staff who act for them (DESIGN §8)."""

from typing import Self

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from support import rules
from umkm_portal.constraints import FieldConstraints


class PartnerQuerySet(models.QuerySet["Partner"]):
    def active(self) -> Self:
        return self.filter(is_active=True)

    def visible_to(self, user) -> Self:
        """Partners are public (DESIGN §8 rights: everyone sees them); inactive ones only staff
        and the partner's own people."""
        if rules.can_see_records(user):
            return self.all()
        return self.filter(Q(is_active=True) | Q(pk__in=self.of_member(user).values("pk")))

    def of_member(self, user) -> Self:
        """The partners `user` acts for (their PartnerMemberships), inactive ones included."""
        if not rules.is_signed_in(user):
            return self.none()
        return self.filter(memberships__user=user)


class PartnerKind(models.TextChoices):
    COMMUNITY = "community", _("Community")
    UNIVERSITY = "university", _("University")
    BANK = "bank", _("Bank")
    SOE = "soe", _("State or regional company (BUMN/BUMD)")
    ASSOCIATION = "association", _("Association")
    GOVERNMENT = "government", _("Government office")
    PRIVATE = "private", _("Private company")


class Partner(models.Model):
    Kind = PartnerKind

    kind = models.CharField(_("kind"), max_length=15, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)
    contact = models.CharField(
        _("contact"), max_length=300, blank=True, help_text=_("Contact person, phone or e-mail.")
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])
    objects = PartnerQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=PartnerKind.values), name="partner_kind_known"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def short_name(self) -> str:
        """What a list that names agencies by their short names shows for a partner."""
        return self.name


class PartnerMembership(FieldConstraints):
    """A partner's staff member (e.g. an OKE OCE mentor): records help under the partner's
    active agreements, nothing else (`rules.can_record_service` and friends)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="partner_memberships",
        verbose_name=_("user"),
    )
    partner = models.ForeignKey(
        Partner, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("partner")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["partner__name", "user__username"]
        verbose_name = _("partner membership")
        verbose_name_plural = _("partner memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "partner"], name="partner_membership_one_per_partner"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.partner}"
