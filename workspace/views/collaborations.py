"""Collaborations: an owner agency invites another to co-curate a product; a manager of the
invited agency accepts or declines; the owner agency ends it. Rows are never deleted.

Collaborations are found through `Collaboration.objects.visible_to(user)` (404 otherwise); the
services decide who may answer or end them."""

from collections.abc import Iterable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Case, QuerySet, Value, When
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from agencies.models import Agency
from catalog import rules, services
from catalog.models import Collaboration
from umkm_portal.services import NotAllowedNow
from umkm_portal.signed_in import SignedInHttpRequest
from workspace.forms import InviteForm

from .helpers import (
    add_errors,
    first_message,
    refuse_unless,
    run_action,
    workspace_action,
    workspace_page,
)
from .products import product_url, render_page, visible_product

#: Each list on the page shows the open invitations first, then the most recent answers.
LIST_LIMIT = 50
C = Collaboration.Status


def with_actions(collaborations: Iterable[Collaboration], user: Any) -> list[dict[str, Any]]:
    """The rows with what `user` may do on each, asked of the permission layer for live rows."""
    rows: list[dict[str, Any]] = []
    for collaboration in collaborations:
        pending = collaboration.status == C.PENDING
        live = collaboration.status in Collaboration.LIVE_STATUSES
        rows.append(
            {
                "collaboration": collaboration,
                "can_answer": pending and rules.can_answer_collaboration(user, collaboration),
                "can_end": live and rules.can_manage_product(user, collaboration.product),
            }
        )
    return rows


def newest_open_first(collaborations: QuerySet[Collaboration]) -> QuerySet[Collaboration]:
    return (
        collaborations.annotate(
            status_is_pending=Case(When(status=C.PENDING, then=Value(1)), default=Value(0))
        )
        .select_related("product__owner_agency", "agency", "invited_by", "answered_by", "ended_by")
        .order_by("-status_is_pending", "-invited_at", "-pk")
    )


@workspace_page
@require_safe
def collaboration_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    visible = Collaboration.objects.visible_to(user)
    mine = Agency.objects.where_member(user)
    sections = [
        (_("Invitations to my agencies"), visible.filter(agency__in=mine)),
        (_("Invitations my agencies sent"), visible.filter(product__owner_agency__in=mine)),
    ]
    if rules.is_administrator(user):
        others = visible.exclude(agency__in=mine).exclude(product__owner_agency__in=mine)
        sections.append((_("Collaborations of other agencies"), others))
    context = {
        "sections": [
            (title, with_actions(newest_open_first(rows)[:LIST_LIMIT], user))
            for title, rows in sections
        ],
        "limit": LIST_LIMIT,
    }
    return render(request, "workspace/catalogue/collaborations.html", context)


@workspace_action
def product_invite(request: SignedInHttpRequest, slug: str) -> HttpResponse:
    product = visible_product(request, slug)
    refuse_unless(rules.can_manage_product(request.user, product))
    form = InviteForm(request.POST, product=product)
    if form.is_valid():
        agency = form.cleaned_data["agency"]
        try:
            services.invite(
                product=product, by=request.user, agency=agency, note=form.cleaned_data["note"]
            )
        except NotAllowedNow as error:
            messages.error(request, first_message(error))
            return redirect(product_url(product, "collaborations"))
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("%(agency)s is invited; its managers are told by e-mail.") % {"agency": agency},
            )
            return redirect(product_url(product, "collaborations"))
    return render_page(request, product, invite_form=form)


def visible_collaboration(request: HttpRequest, pk: int) -> Collaboration:
    collaborations = Collaboration.objects.visible_to(request.user).select_related("product")
    return get_object_or_404(collaborations, pk=pk)


@workspace_action
def collaboration_accept(request: HttpRequest, pk: int) -> HttpResponse:
    collaboration = visible_collaboration(request, pk)
    return run_action(
        request,
        lambda: services.accept_collaboration(collaboration=collaboration, by=request.user),
        success=_("Accepted: your agency's editors may now edit “%(product)s”.")
        % {"product": collaboration.product},
        back=reverse("workspace-collaborations"),
    )


@workspace_action
def collaboration_decline(request: HttpRequest, pk: int) -> HttpResponse:
    collaboration = visible_collaboration(request, pk)
    return run_action(
        request,
        lambda: services.decline_collaboration(collaboration=collaboration, by=request.user),
        success=_("The invitation is declined."),
        back=reverse("workspace-collaborations"),
    )


@workspace_action
def collaboration_end(request: HttpRequest, pk: int) -> HttpResponse:
    collaboration = visible_collaboration(request, pk)
    return run_action(
        request,
        lambda: services.end_collaboration(collaboration=collaboration, by=request.user),
        success=_("The collaboration with %(agency)s has ended.")
        % {"agency": collaboration.agency},
        back=reverse("workspace-collaborations"),
    )
