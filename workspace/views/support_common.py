"""What the development record's work pages share: the month filter and the choices of the
filter forms."""

from typing import Any

from django import forms

from agencies.models import Agency
from support import filters
from support.models import Stage


def month_input() -> forms.TextInput:
    """The phone's own month picker (it sends `YYYY-MM`; older browsers show the placeholder)."""
    return forms.TextInput(attrs={"type": "month", "placeholder": "2025-01"})


class MonthField(filters.MonthField):
    """An optional month (`support.filters.MonthField`, which the calendar and the API read
    too), cleaned to its first day."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(required=False, widget=month_input(), **kwargs)


def stage_choices(empty: str) -> list[tuple[str, str]]:
    return [("", empty), *((stage.code, stage.display_name) for stage in Stage.objects.active())]


def agency_choices(empty: str) -> list[tuple[str, str]]:
    return [("", empty), *Agency.objects.values_list("slug", "name")]
