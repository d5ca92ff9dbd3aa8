"""/ruang-kerja/kemitraan/mitra/: partners, the organisations that are no agency (OKE OCE, the
university, the regional bank, Dekranasda...). Everyone signed in sees them (they are public);
managers of a leading sector and administrators create and edit them (`rules.can_create_partner`,
`rules.can_edit_partner`)."""

from typing import Any

from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from catalog.models.base import unique_slug
from catalog.pagination import CappedPaginator
from support import rules
from support.models import AgreementParty, Partner
from umkm_portal.services import save_valid
from umkm_portal.signed_in import SignedInHttpRequest
from workspace.partnership_forms import PartnerForm

from .helpers import GET_OR_POST, posted, refuse_unless, workspace_page
from .partnership_common import workspace_agreements
from .support_common import written

PER_PAGE = 25


def partner_url(partner: Partner) -> str:
    return reverse("workspace-partner", args=[partner.slug])


def visible_partner(request: SignedInHttpRequest, slug: str) -> Partner:
    return get_object_or_404(Partner.objects.visible_to(request.user), slug=slug)


@workspace_page
@require_safe
def partner_list(request: SignedInHttpRequest) -> HttpResponse:
    user = request.user
    mine = workspace_agreements(user).values("pk")
    agreements = (
        AgreementParty.objects.filter(partner=OuterRef("pk"), agreement__in=mine)
        .order_by()
        .values("partner")
        .annotate(number=Count("pk"))
        .values("number")
    )
    partners = Partner.objects.visible_to(user).annotate(
        agreement_count=Coalesce(Subquery(agreements), 0)
    )
    context = {
        "page": CappedPaginator(partners.order_by("name"), PER_PAGE).get_page(
            request.GET.get("page")
        ),
        "can_create": rules.can_create_partner(user),
        "sees_reports": rules.can_see_records(user),
    }
    return render(request, "workspace/partnerships/partner_list.html", context)


@workspace_page
@GET_OR_POST
def partner_create(request: SignedInHttpRequest) -> HttpResponse:
    user = request.user
    refuse_unless(rules.can_create_partner(user))
    form = PartnerForm(posted(request))

    def create(data: dict[str, Any]) -> Partner:
        partner = Partner(**data)
        partner.slug = unique_slug(partner, partner.name, max_length=80)
        return save_valid(partner, user)

    done = written(
        request,
        form,
        create,
        success=lambda partner: _("Partner added: %(name)s.") % {"name": partner.name},
        then=partner_url,
    )
    return done or render(request, "workspace/partnerships/partner_form.html", {"form": form})


@workspace_page
@require_safe
def partner_page(request: SignedInHttpRequest, slug: str) -> HttpResponse:
    user = request.user
    partner = visible_partner(request, slug)
    parties = AgreementParty.objects.filter(partner=partner).values("agreement_id")
    agreements = (
        workspace_agreements(user)
        .filter(pk__in=parties)
        .with_phase()
        .select_related("lead_agency")
        .order_by("-valid_from", "-pk")
    )
    context = {
        "partner": partner,
        "agreements": agreements,
        "can_edit": rules.can_edit_partner(user, partner),
    }
    return render(request, "workspace/partnerships/partner_detail.html", context)


@workspace_page
@GET_OR_POST
def partner_edit(request: SignedInHttpRequest, slug: str) -> HttpResponse:
    user = request.user
    partner = visible_partner(request, slug)
    refuse_unless(rules.can_edit_partner(user, partner))
    form = PartnerForm(posted(request), instance=partner)

    def update(changes: dict[str, Any]) -> Partner:
        for name, value in changes.items():
            setattr(partner, name, value)
        return save_valid(partner, user)

    done = written(
        request,
        form,
        update,
        changes_only=True,
        success=_("Your changes are saved."),
        then=partner_url,
    )
    context = {"form": form, "partner": partner}
    return done or render(request, "workspace/partnerships/partner_form.html", context)
