"""/ruang-kerja/umkm/<slug>/pembinaan/: a business's development record (DESIGN §8) — the
seven-stage coverage strip, one timeline of everything every agency did for it, its snapshots
with the PP 7/2021 class beside the declared scale, its milestones with their verification, and
its open referrals.

The record is shared: everyone `support.rules.can_see_records` allows reads every business's. For
anyone else it does not exist (404), as a business the user may not see does not. Each part is a
fixed number of queries; the timeline is paginated (support/timeline.py), so the page costs the
same whatever the record's length."""

from typing import Any
from urllib.parse import urlencode

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from catalog.models import Business
from support import rules, timeline
from support.coverage import stage_coverage
from support.models import Milestone, Referral, Snapshot
from umkm_portal.signed_in import SignedInHttpRequest

from .helpers import workspace_page

#: Snapshots and milestones shown on the page, newest first; the timeline has them all.
SNAPSHOT_LIMIT = 10
MILESTONE_LIMIT = 20
REFERRAL_LIMIT = 20


def record_business(user: Any, slug: str) -> Business:
    """The business whose record `user` reads: 404 for a business they may not see, and for
    anyone who may not read development records at all."""
    if not rules.can_see_records(user):
        raise Http404
    businesses = Business.objects.visible_to(user).select_related("region", "registering_agency")
    return get_object_or_404(businesses, slug=slug)


def record_url(business: Business, part: str = "") -> str:
    url = reverse("workspace-business-support", args=[business.slug])
    return f"{url}#{part}" if part else url


def for_business(name: str, business: Business) -> str:
    """A workspace form that starts from this business (`?umkm=<slug>` preselects it)."""
    return f"{reverse(name)}?{urlencode({'umkm': business.slug})}"


@workspace_page
@require_safe
def business_support(request: SignedInHttpRequest, slug: str) -> HttpResponse:
    user = request.user
    business = record_business(user, slug)
    page, entries = timeline.page_of(business, user, request.GET.get("page"))
    snapshots = Snapshot.objects.filter(business=business).select_related(
        "recorded_by", "verified_by"
    )
    milestones = (
        Milestone.objects.filter(business=business)
        .select_related("stage", "recorded_by", "verified_by")
        .prefetch_related("credited_agencies")
    )
    referrals = (
        Referral.objects.open()
        .filter(business=business)
        .select_related("from_agency", "to_agency", "stage")
        .overdue_first()
    )
    snapshot_rows = list(snapshots[:SNAPSHOT_LIMIT])
    context = {
        "business": business,
        "coverage": stage_coverage(business),
        "page": page,
        "entries": entries,
        "snapshots": snapshot_rows,
        "latest": snapshot_rows[0] if snapshot_rows else None,
        "snapshot_limit": SNAPSHOT_LIMIT,
        "milestones": list(milestones[:MILESTONE_LIMIT]),
        "milestone_limit": MILESTONE_LIMIT,
        "referrals": list(referrals[:REFERRAL_LIMIT]),
        "can_record": rules.can_record_progress(user),
        "can_verify": rules.can_verify_progress(user),
        "service_url": for_business("workspace-service-create", business)
        if rules.can_record_service(user, business=business)
        else None,
        "referral_url": for_business("workspace-referral-create", business)
        if rules.can_send_referral(user)
        else None,
    }
    return render(request, "workspace/support/record.html", context)
