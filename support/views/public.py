"""The public activity calendar: what citizens and businesses see of the trainings, exhibitions
and clinics the agencies run. GET-only, no session read for a visitor who has none, cacheable
until the next midnight like the catalogue's pages (`umkm_portal.caching.public_page`); the
page cache is made stale by every committed write to an activity or a participation
(`support/apps.py`).

Unlike a product, an activity changes with the hour: it starts (no more registration), runs,
ends (its turnout appears) and moves from the top of the list to the bottom. A page showing an
activity that starts or ends before the next midnight is therefore not kept (`mark_private`):
the page cache would keep it until midnight, past the moment it turns wrong."""

import datetime
from collections.abc import Iterable
from urllib.parse import urlencode

from django.db.models import Count, Prefetch, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from agencies.models import Agency
from catalog.models import Region
from catalog.views.public import paginate
from support.filters import ActivityFilter
from support.models import Activity, Participation, Stage
from umkm_portal import caching
from umkm_portal.caching import mark_private, public_page

from .filters import month_choices

#: Activities per page of the calendar.
PER_PAGE = 20
#: At most this many consenting participants are named on an activity's page.
NAMED = 50


def public_activities() -> QuerySet[Activity]:
    """Public activities as the calendar shows them: organiser, region, co-organisers and
    stages in a fixed number of queries whatever the page size."""
    return (
        Activity.objects.public()
        .select_related("organiser", "region")
        .prefetch_related(
            Prefetch("co_organisers", queryset=Agency.objects.order_by("name")),
            "stages",
        )
    )


@require_safe
@public_page
def activity_list(request: HttpRequest) -> HttpResponse:
    filterset = ActivityFilter(request.GET, queryset=public_activities())
    activities = filterset.qs.upcoming_first()
    cleaned = filterset.form.cleaned_data if filterset.is_bound else {}
    selected = {name: request.GET.get(name, "") for name in filterset.filters}
    # The feed takes the same filters: subscribe to what the list shows.
    chosen = urlencode({name: value for name, value in selected.items() if value})
    context = {
        "page": paginate(request, activities, PER_PAGE),
        "errors": filterset.errors,
        "selected": selected,
        "active_filters": sum(1 for name in filterset.filters if cleaned.get(name)),
        "stages": Stage.objects.active(),
        "agencies": Agency.objects.order_by("-is_leading_sector", "name"),
        "regions": Region.objects.all(),
        "months": month_choices(cleaned.get("bulan")),
        "calendar_url": reverse("activity-calendar") + (f"?{chosen}" if chosen else ""),
    }
    response = render(request, "support/activity_list.html", context)
    mark_private(response, changes_before_midnight(context["page"].object_list))
    return response


@require_safe
@public_page
def activity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One public activity; after it ends, how many took part and completed, naming only the
    businesses that consented to show their development trail (`Business.show_support`).
    Activities not public answer 404 to everyone: staff read them in the workspace."""
    try:
        activity = public_activities().get(pk=pk)
    except Activity.DoesNotExist:
        raise Http404 from None
    context = {"activity": activity}
    if activity.has_ended and not activity.is_cancelled:
        context.update(_turnout(activity))
    response = render(request, "support/activity_detail.html", context)
    mark_private(response, changes_before_midnight([activity]))
    return response


def changes_before_midnight(activities: Iterable[Activity]) -> bool:
    """Whether one of `activities` (not cancelled) starts or ends between now and the next
    midnight in Asia/Jakarta, so that a page showing it turns wrong before the cache lets go."""
    now = timezone.now()
    midnight = now + datetime.timedelta(seconds=caching.seconds_until_midnight())
    return any(
        now < moment <= midnight
        for activity in activities
        if not activity.is_cancelled
        for moment in (activity.starts_at, activity.ends_at)
    )


def _turnout(activity: Activity) -> dict:
    """How many took part (attended or completed) and completed, and the consenting businesses
    among them (the first `NAMED` by name): two queries whatever the number of participants."""
    took_part = activity.participations.filter(status__in=Participation.TOOK_PART)
    counts = dict(
        took_part.order_by().values("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    named = [
        participation.business
        for participation in took_part.filter(business__show_support=True, business__is_active=True)
        .select_related("business")
        .order_by("business__name", "pk")[: NAMED + 1]
    ]
    return {
        "took_part": sum(counts.values()),
        "completed": counts.get(Participation.Status.COMPLETED, 0),
        "named": named[:NAMED],
        "named_more": len(named) > NAMED,
    }
