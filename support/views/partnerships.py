"""The public register of partnerships (DESIGN §8 addresses, issue 14 item 5): `/kemitraan/`
(partners and signed agreements with their obligations' progress), `/kemitraan/<id>/` (one
agreement) and `/mitra/<slug>/` (a partner, its agreements and the public activities it
co-organised); in English under `/en/`.

What the public sees: agreements that were signed (terminated ones too, marked), never drafts
(`Agreement.objects.published()`: a draft's address answers 404 to everyone, staff read drafts in
the workspace); active partners; the signed document only when it is marked public. Each
obligation shows its figure over the agreement's term (`support.obligations`, one query for every
obligation on the page) against its target.

Cacheable like every public page (`umkm_portal.caching.public_page`): GET only, no session read,
kept until the next midnight at most, when phases change (they are computed from today's date);
every committed write to a partner, an agreement, a party or an obligation makes the cached pages
stale (`support/apps.py`), as do the records counted (activities, participations, services). A
page listing an activity that starts or ends before midnight is not kept, as on the activity
calendar (`support.views.public.changes_before_midnight`)."""

from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from catalog.models.base import today
from catalog.views.public import paginate
from support.models import Activity, Agreement, AgreementParty, Obligation, Partner
from support.models.agreements import AgreementQuerySet
from support.obligations import is_behind, percent, with_realised
from umkm_portal.caching import mark_private, public_page

from .public import changes_before_midnight, public_activities

#: Agreements per page of the register and of a partner's page.
PER_PAGE = 10
#: Public activities shown on a partner's or an agreement's page (upcoming first).
ACTIVITIES_SHOWN = 20


def public_agreements() -> AgreementQuerySet:
    """Signed and terminated agreements with their lead agency, parent, parties, stages and
    obligations (each with `realised`), in a fixed number of queries whatever the page size."""
    obligations = with_realised(
        Obligation.objects.select_related("stage", "party__agency", "party__partner")
    ).order_by("due_on", "pk")
    parties = AgreementParty.objects.select_related("agency", "partner").order_by("pk")
    return (
        Agreement.objects.published()
        .select_related("lead_agency", "parent")
        .prefetch_related(
            Prefetch("parties", queryset=parties),
            "stages",
            Prefetch("obligations", queryset=obligations),
        )
        .order_by("-valid_from", "-pk")
    )


def _with_progress(agreements: list[Agreement]) -> list[Agreement]:
    """Mark each obligation with what its bar shows: the percent, the figure the bar is filled
    to (at most the target), and whether it is behind (a signed agreement's obligation past its
    due date and below its target, as the dashboard counts it)."""
    on = today()
    for agreement in agreements:
        for obligation in agreement.obligations.all():
            obligation.agreement = agreement  # the row at hand: no query for its status
            realised = obligation.realised  # type: ignore[attr-defined]  # with_realised
            obligation.percent = percent(realised, obligation.target)  # type: ignore[attr-defined]
            obligation.filled = min(realised, obligation.target)  # type: ignore[attr-defined]
            obligation.is_behind = is_behind(obligation, realised, on)  # type: ignore[attr-defined]
    return agreements


def _page_of(request: HttpRequest, agreements: QuerySet[Agreement]):
    page = paginate(request, agreements, PER_PAGE)
    page.object_list = _with_progress(list(page.object_list))
    return page


def _activities(activities: QuerySet[Activity]) -> list[Activity]:
    return list(activities.upcoming_first()[:ACTIVITIES_SHOWN])  # type: ignore[attr-defined]


@require_safe
@public_page
def partnership_list(request: HttpRequest) -> HttpResponse:
    context = {
        "partners": Partner.objects.active().order_by("name"),
        "page": _page_of(request, public_agreements()),
    }
    return render(request, "support/partnerships/register.html", context)


@require_safe
@public_page
def partnership_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One signed agreement: its parties with their numbers, scope, stages, term and phase,
    obligations with progress, the agreements under it, the public activities held under it."""
    try:
        agreement = public_agreements().get(pk=pk)
    except Agreement.DoesNotExist:
        raise Http404 from None
    _with_progress([agreement])
    activities = _activities(public_activities().filter(agreement=agreement))
    context = {
        "agreement": agreement,
        "children": Agreement.objects.published()
        .filter(parent=agreement)
        .order_by("valid_from", "pk"),
        "activities": activities,
    }
    response = render(request, "support/partnerships/agreement_detail.html", context)
    mark_private(response, changes_before_midnight(activities))
    return response


@require_safe
@public_page
def partner_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """An active partner, the signed agreements it is party to and the public activities it
    co-organised. An inactive partner answers 404, as a draft does."""
    try:
        partner = Partner.objects.active().get(slug=slug)
    except Partner.DoesNotExist:
        raise Http404 from None
    party_to = AgreementParty.objects.filter(partner=partner).values("agreement")
    co_organised = Activity.partners.through.objects.filter(partner=partner)
    activities = _activities(public_activities().filter(pk__in=co_organised.values("activity_id")))
    context = {
        "partner": partner,
        "page": _page_of(request, public_agreements().filter(pk__in=party_to)),
        "activities": activities,
    }
    response = render(request, "support/partnerships/partner_detail.html", context)
    mark_private(response, changes_before_midnight(activities))
    return response
