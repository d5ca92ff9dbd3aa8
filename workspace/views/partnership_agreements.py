"""/ruang-kerja/kemitraan/: agreements (MoU, PKS, addendum) — the list with its filters, a new
one, its page (parties, obligations with their progress, the records made under it, the document,
its monitoring reports) and its edit.

Every page finds the agreement through `workspace_agreements(user)` (404 for what a user may not
see), asks the service's check before a form is read (403, then 409), and writes through
support.services.agreements. The signed PDF is checked by the model's validator in the service:
over 10 MB the page answers 413 with the error on the field, and nothing is stored."""

from typing import Any

from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from agencies.models import Agency
from catalog.models.base import today
from catalog.pagination import CappedPaginator
from support import rules
from support.models import Activity, AgreementParty, MonitoringReport, Service
from support.obligations import is_behind, percent, with_realised
from support.services import agreements as service
from support.services import passes
from umkm_portal.signed_in import SignedInHttpRequest
from workspace.fields import valid_filters
from workspace.partnership_forms import AgreementFilter, AgreementForm

from .helpers import GET_OR_POST, posted, refuse_unless, workspace_page
from .partnership_common import (
    agreement_url,
    visible_agreement,
    with_status,
    workspace_agreements,
)
from .support_common import checked, written

PER_PAGE = 25
#: Records under an agreement shown on its page, newest first (the lists hold the rest).
RECORDS_SHOWN = 20

PARTIES = Prefetch(
    "parties", queryset=AgreementParty.objects.select_related("agency", "partner").order_by("pk")
)


@workspace_page
@require_safe
def agreement_list(request: SignedInHttpRequest) -> HttpResponse:
    user = request.user
    filters = AgreementFilter(request.GET, queryset=workspace_agreements(user))
    values = valid_filters(filters.form)
    agreements = (
        filters.qs.with_phase()
        .select_related("lead_agency", "parent")
        .prefetch_related(PARTIES, "stages")
        .order_by("-valid_from", "-pk")
    )
    context = {
        "form": filters.form,
        "page": CappedPaginator(agreements, PER_PAGE).get_page(request.GET.get("page")),
        "filtered": bool(values or filters.form.errors),
        "can_create": rules.can_create_agreement(user),
        "sees_reports": rules.can_see_records(user),
    }
    return render(request, "workspace/partnerships/agreement_list.html", context)


def lead_agencies(user) -> Any:
    if rules.is_administrator(user):
        return Agency.objects.all()
    return rules.managing_agencies(user)


def render_form(
    request: SignedInHttpRequest, form: AgreementForm, agreement: Any = None
) -> HttpResponse:
    """The form again; 413 when the document was refused for its size (nothing was stored)."""
    response = render(
        request,
        "workspace/partnerships/agreement_form.html",
        {"form": form, "agreement": agreement},
    )
    if form.has_error("document", code="too_large"):
        return with_status(response, 413)
    return response


def _without_empty_document(data: dict[str, Any]) -> dict[str, Any]:
    data = dict(data)
    if not data.get("document"):
        data.pop("document", None)
    return data


@workspace_page
@GET_OR_POST
def agreement_create(request: SignedInHttpRequest) -> HttpResponse:
    user = request.user
    refuse_unless(rules.can_create_agreement(user))
    form = AgreementForm(
        posted(request),
        request.FILES or None,
        lead_agencies=lead_agencies(user),
        parents=workspace_agreements(user),
    )

    def create(data: dict[str, Any]) -> Any:
        data = _without_empty_document(data)
        return service.create_agreement(
            by=user, lead_agency=data.pop("lead_agency"), stages=data.pop("stages"), **data
        )

    done = written(
        request,
        form,
        create,
        success=_("The draft agreement is saved. Add its parties, then record the signing."),
        then=agreement_url,
    )
    return done or render_form(request, form)


@workspace_page
@GET_OR_POST
def agreement_edit(request: SignedInHttpRequest, pk: int) -> HttpResponse:
    user = request.user
    agreement = visible_agreement(request, pk)
    back = agreement_url(agreement)
    if refused := checked(request, lambda: service.check_manageable(agreement, user), back):
        return refused
    form = AgreementForm(
        posted(request),
        request.FILES or None,
        instance=agreement,
        lead_agencies=None,
        parents=workspace_agreements(user),
    )

    def update(changes: dict[str, Any]) -> Any:
        changes = _without_empty_document(changes)
        stages = changes.pop("stages", None)
        return service.update_agreement(agreement=agreement, by=user, stages=stages, **changes)

    done = written(
        request,
        form,
        update,
        changes_only=True,
        success=_("Your changes are saved."),
        then=back,
    )
    return done or render_form(request, form, agreement)


def obligation_rows(agreement: Any) -> list[dict[str, Any]]:
    """Each obligation with its realisation over the agreement's term (all in one query:
    `support.obligations.with_realised`), and whether it is behind (`is_behind`: a signed
    agreement's obligation past its due date and below target)."""
    day = today()
    rows = []
    listed = with_realised(
        agreement.obligations.select_related("party__agency", "party__partner", "stage")
    )
    for obligation in listed:
        obligation.agreement = agreement
        realised: int = obligation.realised  # type: ignore[attr-defined]  # with_realised
        rows.append(
            {
                "obligation": obligation,
                "figure": realised,
                "percent": percent(realised, obligation.target),
                "overdue": is_behind(obligation, realised, day),
            }
        )
    return rows


@workspace_page
@require_safe
def agreement_page(request: SignedInHttpRequest, pk: int) -> HttpResponse:
    user = request.user
    agreement = visible_agreement(request, pk)
    activities = (
        Activity.objects.visible_to(user)
        .filter(agreement=agreement)
        .select_related("organiser")
        .order_by("-starts_at", "-pk")
    )
    services = (
        Service.objects.visible_to(user)
        .filter(agreement=agreement)
        .select_related("business", "agency", "partner")
        .order_by("-provided_on", "-pk")
    )
    reports = MonitoringReport.objects.visible_to(user).filter(agreement=agreement)
    manageable = passes(service.check_manageable, agreement, user)
    is_draft = agreement.status == agreement.Status.DRAFT
    context = {
        "agreement": agreement,
        "phase": agreement.phase,
        "parties": list(agreement.parties.select_related("agency", "partner").order_by("pk")),
        "stages": list(agreement.stages.all()),
        "children": list(workspace_agreements(user).filter(parent=agreement)),
        "obligations": obligation_rows(agreement),
        "activities": list(activities[:RECORDS_SHOWN]),
        "services": list(services[:RECORDS_SHOWN]),
        "records_shown": RECORDS_SHOWN,
        "reports": list(reports.order_by("-period_start", "-pk")),
        "sees_reports": rules.can_see_records(user),
        "can_manage": manageable,
        "can_add_party": manageable and is_draft,
        "can_sign": passes(service.check_signable, agreement, user),
        "can_terminate": passes(service.check_terminable, agreement, user),
        "can_open_report": not is_draft and rules.can_draft_report(user, agreement),
        "new_obligation": reverse("workspace-obligation-create", args=[agreement.pk]),
    }
    return render(request, "workspace/partnerships/agreement_detail.html", context)
