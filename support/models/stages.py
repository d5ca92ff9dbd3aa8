"""The seven development stages (OKE OCE's "7 TOP"): data, like the rubric's criteria."""

from typing import Self

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

#: The stable codes, in their order. Stages are parallel dimensions, not a ladder.
STAGE_CODES = (
    "pendaftaran",
    "pelatihan",
    "pendampingan",
    "perizinan",
    "pemasaran",
    "keuangan",
    "permodalan",
)


class StageQuerySet(models.QuerySet["Stage"]):
    def by_code(self) -> dict[str, "Stage"]:
        return {stage.code: stage for stage in self}

    def active(self) -> Self:
        return self.filter(is_active=True)


class Stage(models.Model):
    code = models.SlugField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=100)
    name_en = models.CharField(_("name in English"), max_length=100)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    objects = StageQuerySet.as_manager()

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("development stage")
        verbose_name_plural = _("development stages")

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.name_en if get_language() == "en" and self.name_en else self.name


#: The stage a kind of work usually serves: the default a form offers (the user may change it).
STAGE_OF_ACTIVITY_KIND = {
    "pelatihan": "pelatihan",
    "bimtek": "pelatihan",
    "pendampingan": "pendampingan",
    "kurasi": "pemasaran",
    "pameran": "pemasaran",
    "temu_bisnis": "pemasaran",
    "klinik": "pendampingan",
    "fasilitasi_sertifikasi": "perizinan",
    "akses_modal": "permodalan",
}
STAGE_OF_SERVICE_KIND = {
    "konsultasi": "pendampingan",
    "pendampingan": "pendampingan",
    "fasilitasi_perizinan": "perizinan",
    "fasilitasi_sertifikasi": "perizinan",
    "akses_pasar": "pemasaran",
    "akses_modal": "permodalan",
    "lainnya": "pendampingan",
}
STAGE_OF_MILESTONE_KIND = {
    "nib": "perizinan",
    "certificate": "perizinan",
    "first_sale_online": "pemasaran",
    "modern_retail": "pemasaran",
    "ekatalog": "pemasaran",
    "export": "pemasaran",
    "capital_received": "permodalan",
    "scale_up": "keuangan",
}
