"""What the development record's work pages share: the month filter and the choices of the
filter forms."""

import datetime
import re
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency
from support.models import Stage

MONTH = re.compile(r"^(\d{4})-(\d{2})$")


class MonthField(forms.CharField):
    """A month as `<input type="month">` sends it (YYYY-MM); cleaned to its first day."""

    widget = forms.TextInput(attrs={"type": "month", "placeholder": "2025-01"})

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(required=False, **kwargs)

    def clean(self, value: Any) -> datetime.date | None:
        value = super().clean(value).strip()
        if not value:
            return None
        match = MONTH.match(value)
        if not match or not 1 <= int(match.group(2)) <= 12 or int(match.group(1)) < 1900:
            raise forms.ValidationError(_("Give a month as year and month, e.g. 2025-03."))
        return datetime.date(int(match.group(1)), int(match.group(2)), 1)


def month_span(first_day: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """[start, end) of the month of `first_day` in the portal's time zone."""
    following = (first_day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    start = datetime.datetime.combine(first_day, datetime.time.min)
    end = datetime.datetime.combine(following, datetime.time.min)
    return timezone.make_aware(start), timezone.make_aware(end)


def stage_choices(empty: str) -> list[tuple[str, str]]:
    return [("", empty), *((stage.code, stage.display_name) for stage in Stage.objects.active())]


def agency_choices(empty: str) -> list[tuple[str, str]]:
    return [("", empty), *Agency.objects.values_list("slug", "name")]
