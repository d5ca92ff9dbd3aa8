"""Master data: regions, categories and the assessment rubric. Administrators edit them."""

from typing import Self

from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Region(models.Model):
    """One of the seven regencies and cities of Kepulauan Bangka Belitung."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    seat = models.CharField(_("seat"), max_length=60, blank=True, help_text=_("e.g. Sungailiat"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return self.name


class Category(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    name_en = models.CharField(_("name in English"), max_length=100, blank=True)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self) -> str:
        return self.display_name

    def get_absolute_url(self) -> str:
        return reverse("product-list") + f"?kategori={self.slug}"

    @property
    def display_name(self) -> str:
        """The English name under /en/ (and in an English API answer) when one is given;
        category names are content."""
        if self.name_en and get_language() == "en":
            return self.name_en
        return self.name


class CriterionQuerySet(models.QuerySet["Criterion"]):
    def active(self) -> Self:
        return self.filter(is_active=True)


class Criterion(models.Model):
    """One line of the flagship rubric; data, not code, so administrators can change it."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=150)
    name_en = models.CharField(_("name in English"), max_length=150, blank=True)
    description = models.TextField(_("description"), blank=True)
    description_en = models.TextField(_("description in English"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    objects = CriterionQuerySet.as_manager()

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        """The English name under /en/ (and in an English API answer) when one is given."""
        if self.name_en and get_language() == "en":
            return self.name_en
        return self.name

    @property
    def display_description(self) -> str:
        if self.description_en and get_language() == "en":
            return self.description_en
        return self.description
