"""Regional agencies (Perangkat Daerah) and their staff.

Membership is the only source of write rights: a user's role in an agency decides what they may
change. The queries that answer "which agencies may this user act for" live here, so that pages,
the API and the admin all ask the same question the same way.
"""

from typing import Self

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from umkm_portal.constraints import FieldConstraints


class Role(models.TextChoices):
    EDITOR = "editor", _("Editor")
    MANAGER = "manager", _("Manager")
    REVIEWER = "reviewer", _("Reviewer")


#: Roles that may change an agency's businesses and products.
EDITING_ROLES = (Role.EDITOR, Role.MANAGER)


class AgencyQuerySet(models.QuerySet["Agency"]):
    def leading_sectors(self) -> Self:
        return self.filter(is_leading_sector=True)

    def where_member(self, user, roles=None) -> Self:
        """Agencies in which `user` holds one of `roles` (any role when `roles` is None)."""
        if not (user and user.is_authenticated and user.is_active):
            return self.none()
        memberships = Membership.objects.filter(user=user)
        if roles is not None:
            memberships = memberships.filter(role__in=roles)
        return self.filter(pk__in=memberships.values("agency_id"))


class Agency(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    short_name = models.CharField(_("short name"), max_length=50, help_text=_("e.g. Diskop UKM"))
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    is_leading_sector = models.BooleanField(
        _("leading sector"),
        default=False,
        help_text=_("Leading-sector agencies assess flagship nominations."),
    )
    description = models.TextField(_("description"), blank=True)
    logo = models.ImageField(_("logo"), upload_to="agencies/", blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = AgencyQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("agency-detail", args=[self.slug])


class MembershipQuerySet(models.QuerySet["Membership"]):
    def roles_of(self, user) -> dict[int, str]:
        """{agency_id: role} for `user`; empty for anonymous or inactive users."""
        if not (user and user.is_authenticated and user.is_active):
            return {}
        return dict(self.filter(user=user).values_list("agency_id", "role"))


class Membership(FieldConstraints):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("user"),
    )
    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("agency")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.EDITOR)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()
    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["agency__name", "user__username"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "agency"], name="membership_one_per_agency"),
            models.CheckConstraint(condition=Q(role__in=Role.values), name="membership_role_known"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.agency.short_name} · {self.get_role_display()}"


#: A civil servant's identity number (Nomor Induk Pegawai): 18 digits.
nip_validator = RegexValidator(r"^\d{18}\Z", _("A NIP has exactly 18 digits."))


class StaffProfileQuerySet(models.QuerySet["StaffProfile"]):
    def nips_of(self, users) -> dict[int, str]:
        """{user_id: NIP} of those of `users` who gave one."""
        return dict(self.filter(user__in=users).exclude(nip="").values_list("user_id", "nip"))


class StaffProfile(models.Model):
    """What official records say of a person beyond their account: the NIP printed under their
    signature (the assessment record, the berita acara). One per person, whatever their
    agencies: a NIP belongs to the civil servant, not to a membership. Administrators need it
    too, and they may have no membership at all."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="staff_profile",
        verbose_name=_("user"),
    )
    nip = models.CharField(
        _("NIP"),
        max_length=18,
        blank=True,
        validators=[nip_validator],
        help_text=_(
            "Civil servant identity number (Nomor Induk Pegawai), 18 digits, printed under "
            "your signature on official records. Empty for staff who are not civil servants."
        ),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = StaffProfileQuerySet.as_manager()

    class Meta:
        verbose_name = _("staff profile")
        verbose_name_plural = _("staff profiles")

    def __str__(self) -> str:
        return str(self.user)
