"""The public activity calendar's month picker. The filters themselves (`tahap`, `dinas`,
`wilayah`, `bulan`) are `support.filters.ActivityFilter`, which the API and the workspace read
too: here a value not understood is left out and shown as an error above the list, as the
product list does; the page is never a 400 or a 500."""

import datetime

from django.utils import timezone
from django.utils.formats import date_format

#: How many months before and after the current one the month picker offers (any month can
#: still be asked for in the address).
MONTHS_AROUND = 12


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
