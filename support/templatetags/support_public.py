"""Template tags through which public pages show the development record.

The catalogue's business and agency pages load this library (`{% load support_public %}`) to show
a business's consented trail and an agency's figures for the year: the catalogue never imports
the development record (tests/test_layering.py); the template asks for it by name."""

from typing import Any

from django import template
from django.template.context import Context
from django.utils import timezone
from django.utils.formats import date_format, time_format
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from agencies.models import Agency
from catalog.models import Business
from support.models import Activity
from support.views import trail
from umkm_portal.public_cache import aggregates

register = template.Library()


@register.inclusion_tag("support/_development_trail.html")
def development_trail(business: Business) -> dict[str, Any]:
    """The business's public trail, only with its consent (`show_support`): nothing is read
    from the database without it."""
    return {"business": business, "trail": trail.public_trail(business)}


@register.inclusion_tag("support/_agency_figures.html", takes_context=True)
def agency_figures(context: Context, agency: Agency) -> dict[str, Any]:
    """The agency's work this year (Asia/Jakarta), in one query; an anonymous visitor's figures
    come from the cache of aggregates, like the catalogue's counts."""
    year = timezone.localdate().year
    request = context.get("request")
    if request is None:  # rendered outside a request: nothing to key a cached figure by
        figures = trail.agency_figures(agency, year)
    else:
        figures = aggregates.get(
            request,
            f"support:agency-figures:{agency.pk}:{year}",
            lambda: trail.agency_figures(agency, year),
        )
    return {"agency": agency, "year": year, "figures": figures}


@register.filter
def activity_status(activity: Activity) -> str:
    """`cancelled`, `ended`, `ongoing` or `upcoming`: what the calendar marks."""
    if activity.is_cancelled:
        return "cancelled"
    now = timezone.now()
    if activity.ends_at < now:
        return "ended"
    if activity.starts_at <= now:
        return "ongoing"
    return "upcoming"


@register.simple_tag
def activity_when(activity: Activity) -> SafeString:
    """When it runs, in the portal's time zone (WIB): "Sabtu, 16 Mei 2026, 09.00–15.00 WIB" on
    one day, both ends in full across days; each end a <time> with its machine-readable instant."""
    start = timezone.localtime(activity.starts_at).replace(microsecond=0)
    end = timezone.localtime(activity.ends_at).replace(microsecond=0)
    zone = start.tzname() or ""
    start_day = _("%(weekday)s, %(date)s") % {
        "weekday": date_format(start, "l"),
        "date": date_format(start, "DATE_FORMAT"),
    }
    if start.date() == end.date():
        return format_html(
            '<time datetime="{}">{}, {}</time>–<time datetime="{}">{}</time> {}',
            start.isoformat(),
            start_day,
            time_format(start),
            end.isoformat(),
            time_format(end),
            zone,
        )
    return format_html(
        '<time datetime="{}">{}, {}</time> – <time datetime="{}">{}, {}</time> {}',
        start.isoformat(),
        start_day,
        time_format(start),
        end.isoformat(),
        date_format(end, "DATE_FORMAT"),
        time_format(end),
        zone,
    )
