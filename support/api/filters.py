"""List filters of the development record's work resources. Values are slugs and codes; an
unknown one, or a malformed month or year, is a 400 (as for products, docs/architecture.md §5).

The activity filters keep the public calendar's names (`tahap`, `dinas`, `wilayah`, `bulan`),
so that a link to `/kegiatan/?tahap=pelatihan` and the API ask the same thing; `year` is the
dashboard's.
"""

import datetime
from typing import Any

import django_filters as filters
from django import forms
from django.core.validators import RegexValidator
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency
from catalog.filters import StrictBooleanFilter
from catalog.models import Business, Region
from support.models import Activity, Referral, Service, Stage
from support.models.referrals import ReferralQuerySet
from support.models.services import ServiceQuerySet


class YearFilter(filters.NumberFilter):
    """A calendar year, as a whole number."""

    field_class = forms.IntegerField

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 2000)
        kwargs.setdefault("max_value", 2100)
        kwargs.setdefault("label", _("year"))
        super().__init__(*args, **kwargs)


MONTH = RegexValidator(r"^\d{4}-(0[1-9]|1[0-2])$", _("Enter a month as YYYY-MM."))


def month_bounds(value: str) -> tuple[datetime.datetime, datetime.datetime]:
    """The first moment of the month `YYYY-MM` and of the next one, in Asia/Jakarta."""
    year, month = (int(part) for part in value.split("-"))
    start = datetime.datetime(year, month, 1)
    end = datetime.datetime(year + month // 12, month % 12 + 1, 1)
    zone = timezone.get_current_timezone()
    return timezone.make_aware(start, zone), timezone.make_aware(end, zone)


def _slug(queryset: QuerySet[Any], label: Any, *, method: str | None = None, **kwargs: Any) -> Any:
    return filters.ModelChoiceFilter(
        queryset=queryset, to_field_name="slug", method=method, label=label, **kwargs
    )


def _stage(label: Any, **kwargs: Any) -> Any:
    return filters.ModelChoiceFilter(
        queryset=Stage.objects.all(), to_field_name="code", label=label, **kwargs
    )


class ActivityFilter(filters.FilterSet):
    """`?tahap=pelatihan&dinas=dinas-pertanian&wilayah=kota-pangkalpinang&bulan=2026-03`."""

    tahap = _stage(_("stage (code)"), method="filter_stage")
    dinas = _slug(
        Agency.objects.all(), _("organising or co-organising agency"), method="filter_agency"
    )
    wilayah = _slug(Region.objects.all(), _("region"), field_name="region")
    bulan = filters.CharFilter(
        method="filter_month",
        validators=[MONTH],
        label=_("month, YYYY-MM: activities running in it"),
    )
    year = YearFilter(field_name="starts_at", lookup_expr="year", label=_("year it starts in"))

    def filter_stage(
        self, queryset: QuerySet[Activity], name: str, value: Stage
    ) -> QuerySet[Activity]:
        tagged = Activity.stages.through.objects.filter(stage=value).values("activity_id")
        return queryset.filter(pk__in=tagged)

    def filter_agency(
        self, queryset: QuerySet[Activity], name: str, value: Agency
    ) -> QuerySet[Activity]:
        """Organised or co-organised by the agency."""
        co_organised = Activity.co_organisers.through.objects.filter(agency=value)
        return queryset.filter(Q(organiser=value) | Q(pk__in=co_organised.values("activity_id")))

    def filter_month(
        self, queryset: QuerySet[Activity], name: str, value: str
    ) -> QuerySet[Activity]:
        """Running at some moment of the month: a three-day exhibition from 30 March is in March
        and in April."""
        start, end = month_bounds(value)
        return queryset.filter(starts_at__lt=end, ends_at__gte=start)


class ServiceFilter(filters.FilterSet):
    """`?business=...&agency=...&stage=perizinan&year=2026`; voided services only with
    `include_voided=true`."""

    business = _slug(Business.objects.all(), _("business"), field_name="business")
    agency = _slug(Agency.objects.all(), _("providing agency"), field_name="agency")
    stage = _stage(_("stage (code)"), field_name="stage")
    year = YearFilter(field_name="provided_on", lookup_expr="year")
    include_voided = StrictBooleanFilter(
        method="filter_include_voided", label=_("include voided services")
    )

    def filter_include_voided(
        self, queryset: QuerySet[Service], name: str, value: bool | None
    ) -> QuerySet[Service]:
        return queryset  # `filter_queryset` reads it: leaving it out must narrow too

    def filter_queryset(self, queryset: ServiceQuerySet) -> ServiceQuerySet:
        queryset = super().filter_queryset(queryset)
        if not self.form.cleaned_data.get("include_voided"):
            queryset = queryset.standing()
        return queryset


class Box(filters.ChoiceFilter):
    """Incoming or outgoing, relative to the agencies the user is a member of."""

    INCOMING, OUTGOING = "incoming", "outgoing"


class ReferralFilter(filters.FilterSet):
    """`?box=incoming&status=sent&overdue=true`."""

    box = Box(
        choices=[(Box.INCOMING, _("incoming")), (Box.OUTGOING, _("outgoing"))],
        method="filter_box",
        label=_("incoming (to your agencies) or outgoing (from them)"),
    )
    status = filters.ChoiceFilter(choices=Referral.Status.choices, label=_("status"))
    overdue = StrictBooleanFilter(method="filter_overdue", label=_("unanswered past due"))

    def filter_box(self, queryset: QuerySet[Referral], name: str, value: str) -> QuerySet[Referral]:
        mine = Agency.objects.where_member(self.request.user if self.request else None)
        if value == Box.INCOMING:
            return queryset.filter(to_agency__in=mine)
        return queryset.filter(from_agency__in=mine)

    def filter_overdue(
        self, queryset: ReferralQuerySet, name: str, value: bool | None
    ) -> ReferralQuerySet:
        if value is None:
            return queryset
        if value:
            return queryset.overdue()
        return queryset.exclude(pk__in=Referral.objects.overdue().values("pk"))
