"""The activity filters, read alike by every face that lists activities: the public calendar
(`/kegiatan/` and its feed `/kegiatan.ics`), the API (`activities/`) and the workspace's list
(`/ruang-kerja/kegiatan/`). A link to `/kegiatan/?tahap=pelatihan&bulan=2026-03` and the API
asked the same thing find the same activities.

Addresses speak Indonesian like the catalogue's: `tahap` a stage code, `dinas` an agency slug
(organising or co-organising), `wilayah` a region slug, `bulan` a month `YYYY-MM` (activities
running at some moment of it). What each face does with a value it does not understand is its
own: the API answers 400 naming the parameter (DjangoFilterBackend), the public page leaves it
out and says so above the list, the workspace shows it next to its field. Each leaves the
others applied (`FilterSet.qs` filters by the fields that are valid)."""

import datetime
import re
from typing import Any

import django_filters as filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field

from agencies.models import Agency
from catalog.models import Region
from support.models import Activity, Stage

MONTH = re.compile(r"^(\d{4})-(\d{2})$")
#: The years a month filter takes (the dashboard's year takes the same).
FIRST_YEAR, LAST_YEAR = 2000, 2100


class MonthField(forms.CharField):
    """A month written `YYYY-MM` (what `<input type="month">` sends), cleaned to its first day."""

    default_error_messages = {"invalid": _("Enter a month as YYYY-MM, e.g. 2026-05.")}

    def to_python(self, value: Any) -> datetime.date | None:  # type: ignore[override]
        text = super().to_python(value)
        if not text:
            return None
        match = MONTH.fullmatch(text)
        if not match:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        year, month = int(match.group(1)), int(match.group(2))
        if not (1 <= month <= 12 and FIRST_YEAR <= year <= LAST_YEAR):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return datetime.date(year, month, 1)


#: What `bulan` asks for, on the workspace form and in the API's schema.
MONTH_HELP = _("month, YYYY-MM: activities running in it")


# Documented as the text it is: the method's `datetime.date` would make it a full date.
@extend_schema_field({"type": "string", "pattern": MONTH.pattern, "description": MONTH_HELP})
class MonthFilter(filters.CharFilter):
    """A month (`MonthField`)."""

    field_class = MonthField


def month_bounds(first_day: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """The month starting on `first_day` as [start, end) instants in the portal's time zone
    (Asia/Jakarta: a training at 06:00 WIB on the 1st is in that month, not the one before)."""
    following = (first_day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    zone = timezone.get_default_timezone()
    start = datetime.datetime.combine(first_day, datetime.time.min, tzinfo=zone)
    end = datetime.datetime.combine(following, datetime.time.min, tzinfo=zone)
    return start, end


class ActivityFilter(filters.FilterSet):
    """`?tahap=pelatihan&dinas=dinas-pertanian&wilayah=kota-pangkalpinang&bulan=2026-03`."""

    tahap = filters.ModelChoiceFilter(
        queryset=Stage.objects.all(),
        to_field_name="code",
        method="filter_stage",
        label=_("stage (code)"),
    )
    dinas = filters.ModelChoiceFilter(
        queryset=Agency.objects.all(),
        to_field_name="slug",
        method="filter_agency",
        label=_("organising or co-organising agency"),
    )
    wilayah = filters.ModelChoiceFilter(
        queryset=Region.objects.all(), to_field_name="slug", field_name="region", label=_("region")
    )
    bulan = MonthFilter(method="filter_month", label=MONTH_HELP)

    def filter_stage(
        self, queryset: QuerySet[Activity], name: str, value: Stage
    ) -> QuerySet[Activity]:
        """Serving the stage (a subquery: no row twice)."""
        tagged = Activity.stages.through.objects.filter(stage=value).values("activity_id")
        return queryset.filter(pk__in=tagged)

    def filter_agency(
        self, queryset: QuerySet[Activity], name: str, value: Agency
    ) -> QuerySet[Activity]:
        """Organised or co-organised by the agency (a subquery: no row twice)."""
        co_organised = Activity.co_organisers.through.objects.filter(agency=value)
        return queryset.filter(Q(organiser=value) | Q(pk__in=co_organised.values("activity_id")))

    def filter_month(
        self, queryset: QuerySet[Activity], name: str, value: datetime.date
    ) -> QuerySet[Activity]:
        """Running at some moment of the month: a three-day exhibition from 30 March is in March
        and in April. (Each method's value is named `value`: the schema reads its type there.)"""
        start, end = month_bounds(value)
        return queryset.filter(starts_at__lt=end, ends_at__gte=start)
