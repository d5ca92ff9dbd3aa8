"""UMKM businesses: the micro, small and medium enterprises that make the products."""

from typing import Any, Self

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from agencies.models import Agency
from catalog import rules
from umkm_portal.constraints import FieldConstraints

from .base import ServerFileName, unique_slug, year_not_in_the_future
from .reference import Region

nib_validator = RegexValidator(r"^\d{13}$", _("The NIB has exactly 13 digits."))
phone_validator = RegexValidator(
    r"^\+?[0-9][0-9 \-]{5,19}$", _("Enter a phone number of digits, e.g. 0812-3456-7890.")
)


class BusinessQuerySet(models.QuerySet["Business"]):
    def active(self) -> Self:
        return self.filter(is_active=True)

    def visible_to(self, user) -> Self:
        """Active businesses for everyone; inactive ones for their registering agency and
        administrators."""
        if rules.is_administrator(user):
            return self.all()
        return self.filter(
            Q(is_active=True) | Q(registering_agency__in=rules.editing_agencies(user))
        )

    def editable_by(self, user) -> Self:
        if rules.is_administrator(user):
            return self.all()
        return self.filter(registering_agency__in=rules.editing_agencies(user))


class Business(FieldConstraints):
    class Scale(models.TextChoices):
        MICRO = "mikro", _("Micro")
        SMALL = "kecil", _("Small")
        MEDIUM = "menengah", _("Medium")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True, blank=True)
    owner_name = models.CharField(_("owner's name"), max_length=200)
    show_owner = models.BooleanField(
        _("show owner's name publicly"),
        default=False,
        help_text=_("Only with the owner's consent (UU PDP)."),
    )
    show_support = models.BooleanField(
        _("show development trail publicly"),
        default=False,
        help_text=_(
            "Only with the owner's consent: the stages reached and who helped, by month and kind;"
            " never notes or amounts."
        ),
    )
    nib = models.CharField(
        _("NIB"),
        max_length=13,
        blank=True,
        validators=[nib_validator],
        help_text=_("Nomor Induk Berusaha: 13 digits. Never shown publicly."),
    )
    scale = models.CharField(_("scale"), max_length=10, choices=Scale.choices, default=Scale.MICRO)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="businesses", verbose_name=_("region")
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True, validators=[phone_validator])
    whatsapp = models.CharField(
        _("WhatsApp number"), max_length=30, blank=True, validators=[phone_validator]
    )
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    instagram = models.URLField(_("Instagram"), blank=True)
    facebook = models.URLField(_("Facebook"), blank=True)
    tiktok = models.URLField(_("TikTok"), blank=True)
    shop_url = models.URLField(_("online shop"), blank=True)
    description = models.TextField(_("description"), blank=True)
    logo = models.ImageField(_("logo"), upload_to=ServerFileName("businesses"), blank=True)
    year_founded = models.PositiveSmallIntegerField(
        _("year founded"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100), year_not_in_the_future],
    )
    registering_agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        related_name="registered_businesses",
        verbose_name=_("registering agency"),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])
    objects = BusinessQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("business (UMKM)")
        verbose_name_plural = _("businesses (UMKM)")
        constraints = [
            # NIB is optional, but a given NIB belongs to one business only.
            models.UniqueConstraint(
                fields=["nib"], condition=~Q(nib=""), name="business_unique_nib"
            ),
            models.CheckConstraint(
                condition=Q(year_founded__isnull=True)
                | Q(year_founded__gte=1900, year_founded__lte=2100),
                name="business_year_founded_range",
            ),
        ]
        indexes = [models.Index(fields=["is_active", "name"], name="business_active_name")]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self.slug:
            self.slug = unique_slug(self, self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("business-detail", args=[self.slug])

    @property
    def public_owner_name(self) -> str | None:
        """The owner's name as the public may see it: only with their consent (UU PDP)."""
        return self.owner_name if self.show_owner else None

    @property
    def has_nib(self) -> bool:
        """Public pages show only this mark, never the NIB itself."""
        return bool(self.nib)
