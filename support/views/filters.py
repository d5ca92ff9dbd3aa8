"""The public activity calendar's filters: `/kegiatan/?tahap=...&dinas=...&wilayah=...&bulan=...`.

Addresses speak Indonesian like the catalogue's (`tahap` a stage code, `dinas` an agency slug,
`wilayah` a region slug, `bulan` a month `YYYY-MM`). A value not understood is left out and shown
as an error above the list, as the product list does; the page is never a 400 or a 500."""

import datetime
import re
from typing import Any

import django_filters as filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency
from catalog.models import Region
from support.models import Activity, Stage

MONTH = re.compile(r"(\d{4})-(\d{2})")

#: How many months before and after the current one the month picker offers (any month can
#: still be asked for in the address).
MONTHS_AROUND = 12


class MonthField(forms.CharField):
    """A month written `YYYY-MM` (what `<input type="month">` sends), as its first day."""

    default_error_messages = {"invalid": _("Enter a month as YYYY-MM, e.g. 2026-05.")}

    def to_python(self, value: Any) -> datetime.date | None:  # type: ignore[override]
        text = super().to_python(value)
        if not text:
            return None
        match = MONTH.fullmatch(text)
        if not match:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        year, month = int(match.group(1)), int(match.group(2))
        if not (1 <= month <= 12 and 2000 <= year <= 2100):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return datetime.date(year, month, 1)


class MonthFilter(filters.Filter):
    field_class = MonthField


def month_bounds(first_day: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """The month starting on `first_day` as [start, end) instants in the portal's time zone
    (Asia/Jakarta: a training at 06:00 WIB on the 1st is in that month, not the one before)."""
    following = (first_day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    zone = timezone.get_default_timezone()
    start = datetime.datetime.combine(first_day, datetime.time.min, tzinfo=zone)
    end = datetime.datetime.combine(following, datetime.time.min, tzinfo=zone)
    return start, end


class PublicActivityFilter(filters.FilterSet):
    tahap = filters.ModelChoiceFilter(
        queryset=Stage.objects.all(), to_field_name="code", field_name="stages", label=_("stage")
    )
    dinas = filters.ModelChoiceFilter(
        queryset=Agency.objects.all(), to_field_name="slug", method="filter_agency"
    )
    wilayah = filters.ModelChoiceFilter(
        queryset=Region.objects.all(), to_field_name="slug", field_name="region"
    )
    bulan = MonthFilter(method="filter_month", label=_("month"))

    def filter_agency(
        self, queryset: QuerySet[Activity], name: str, agency: Agency
    ) -> QuerySet[Activity]:
        """Organised or co-organised by the agency (a subquery: no row twice)."""
        co_organised = Activity.co_organisers.through.objects.filter(agency=agency)
        return queryset.filter(Q(organiser=agency) | Q(pk__in=co_organised.values("activity_id")))

    def filter_month(
        self, queryset: QuerySet[Activity], name: str, first_day: datetime.date
    ) -> QuerySet[Activity]:
        """Running at some time in the month: an exhibition from the 28th to the 3rd is in
        both months."""
        start, end = month_bounds(first_day)
        return queryset.filter(starts_at__lt=end, ends_at__gte=start)


def month_choices(selected: datetime.date | None = None) -> list[tuple[str, str]]:
    """(value, label) of the months around this one, and the one chosen if it lies further."""
    today = timezone.localdate().replace(day=1)
    months = []
    for offset in range(-MONTHS_AROUND, MONTHS_AROUND + 1):
        index = today.year * 12 + today.month - 1 + offset
        months.append(datetime.date(index // 12, index % 12 + 1, 1))
    if selected and selected not in months:
        months.append(selected)
        months.sort()
    return [(f"{month:%Y-%m}", date_format(month, "YEAR_MONTH_FORMAT")) for month in months]
