"""`/kegiatan.ics`: the public activities as an iCalendar feed (RFC 5545, written by the
`icalendar` library), for phones and calendar apps to subscribe to.

It carries what the calendar page shows, and takes the same filters (`tahap`, `dinas`,
`wilayah`, `bulan`), so that a business can subscribe to one agency's or one stage's activities.
Times are in UTC (`Z`): every client converts them, with no time-zone block to ship. Each event's
UID is made of the activity's id and the portal's fixed name, not the host, so that a calendar
that subscribed once recognises the same activity after an edit, whatever address it used."""

import datetime

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from icalendar import Calendar, Event, vCalAddress, vText

from support.filters import ActivityFilter
from support.models import Activity
from umkm_portal.caching import public_page

from .public import public_activities

#: The part of every UID after the "@": the portal's name, stable whatever host serves it.
UID_DOMAIN = "kegiatan.etalase-umkm-babel"

#: Activities that ended longer ago than this are left out of the feed.
KEPT_AFTER_END = datetime.timedelta(days=90)

#: The feed's bound: the soonest activities first (a calendar of a province, not an archive).
MAX_EVENTS = 500

#: How often a subscribed calendar should fetch the feed again (X-PUBLISHED-TTL says the same).
REFRESH = datetime.timedelta(hours=12)


@require_safe
@public_page
def activity_calendar(request: HttpRequest) -> HttpResponse:
    filterset = ActivityFilter(request.GET, queryset=public_activities())
    since = timezone.now() - KEPT_AFTER_END
    activities = filterset.qs.filter(ends_at__gte=since).order_by("starts_at", "pk")[:MAX_EVENTS]
    calendar = Calendar()
    calendar.add("prodid", "-//Etalase UMKM Babel//Kegiatan//ID")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", _("UMKM activities in Bangka Belitung"))
    calendar.add("x-wr-timezone", timezone.get_default_timezone_name())
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT12H")  # an X- property: written as given
    for activity in activities:
        calendar.add_component(_event(request, activity))
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="kegiatan.ics"'
    return response


def activity_uid(activity: Activity) -> str:
    return f"activity-{activity.pk}@{UID_DOMAIN}"


def _utc(moment: datetime.datetime) -> datetime.datetime:
    return moment.astimezone(datetime.UTC)


def _event(request: HttpRequest, activity: Activity) -> Event:
    url = request.build_absolute_uri(activity.get_absolute_url())
    event = Event()
    event.add("uid", activity_uid(activity))
    # The last change, not the time of the request: an unchanged feed is byte for byte the same
    # (its ETag still matches).
    event.add("dtstamp", _utc(activity.updated_at))
    event.add("last-modified", _utc(activity.updated_at))
    event.add("created", _utc(activity.created_at))
    event.add("dtstart", _utc(activity.starts_at))
    event.add("dtend", _utc(activity.ends_at))
    title = activity.title
    if activity.is_cancelled:
        title = _("Cancelled: %(title)s") % {"title": title}
    event.add("summary", title)
    event.add("status", "CANCELLED" if activity.is_cancelled else "CONFIRMED")
    event.add(
        "location", ", ".join(part for part in (activity.place, activity.region.name) if part)
    )
    event.add("url", url)
    event.add("categories", [activity.get_kind_display()])
    event.add("description", _description(activity, url))
    organiser = activity.organiser
    if organiser.email:
        address = vCalAddress(f"mailto:{organiser.email}")
        address.params["cn"] = vText(organiser.name)
        event.add("organizer", address)
    return event


def _description(activity: Activity, url: str) -> str:
    organisers = [activity.organiser.name] + [
        agency.name for agency in activity.co_organisers.all()
    ]
    parts = [
        activity.description.strip(),
        _("Organised by: %(agencies)s") % {"agencies": ", ".join(organisers)},
        _("Stages: %(stages)s")
        % {"stages": ", ".join(stage.display_name for stage in activity.stages.all())},
    ]
    if activity.registration_info.strip() and not activity.is_cancelled:
        parts.append(_("How to register: %(info)s") % {"info": activity.registration_info.strip()})
    parts.append(url)
    return "\n\n".join(part for part in parts if part)
