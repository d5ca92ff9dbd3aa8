"""The steps of an agreement after it is drafted: its parties (while a draft), the signing, the
termination with a reason; and its obligations (added and changed until it is terminated).

Each page asks the service's check before the form is read (403, then 409 as a message and a
redirect to the agreement) and writes through support.services.agreements."""

from typing import Any

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from support.models import Obligation
from support.services import agreements as service
from umkm_portal.signed_in import SignedInHttpRequest
from workspace.partnership_forms import ObligationForm, PartyForm, SignForm, TerminateForm

from .helpers import GET_OR_POST, posted, workspace_page
from .partnership_common import agreement_url, visible_agreement, workspace_agreements
from .support_common import checked, written


@workspace_page
@GET_OR_POST
def party_add(request: SignedInHttpRequest, pk: int) -> HttpResponse:
    user = request.user
    agreement = visible_agreement(request, pk)
    back = agreement_url(agreement, "parties")
    if refused := checked(request, lambda: service.check_party_addable(agreement, user), back):
        return refused
    form = PartyForm(posted(request), agreement=agreement)

    def add(data: dict[str, Any]) -> Any:
        return service.add_party(agreement=agreement, by=user, **data)

    done = written(
        request,
        form,
        add,
        success=lambda party: _("Party added: %(name)s.") % {"name": party.name},
        then=back,
    )
    context = {"form": form, "agreement": agreement}
    return done or render(request, "workspace/partnerships/party_form.html", context)


@workspace_page
@GET_OR_POST
def agreement_sign(request: SignedInHttpRequest, pk: int) -> HttpResponse:
    user = request.user
    agreement = visible_agreement(request, pk)
    back = agreement_url(agreement)
    if refused := checked(request, lambda: service.check_signable(agreement, user), back):
        return refused
    form = SignForm(posted(request))
    done = written(
        request,
        form,
        lambda data: service.sign_agreement(
            agreement=agreement, by=user, signed_on=data["signed_on"]
        ),
        success=_("The signing is recorded: the agreement is in the public register."),
        then=back,
    )
    context = {"form": form, "agreement": agreement, "parties": agreement.parties.count()}
    return done or render(request, "workspace/partnerships/agreement_sign.html", context)


@workspace_page
@GET_OR_POST
def agreement_terminate(request: SignedInHttpRequest, pk: int) -> HttpResponse:
    user = request.user
    agreement = visible_agreement(request, pk)
    back = agreement_url(agreement)
    if refused := checked(request, lambda: service.check_terminable(agreement, user), back):
        return refused
    form = TerminateForm(posted(request))
    done = written(
        request,
        form,
        lambda data: service.terminate_agreement(
            agreement=agreement, by=user, reason=data["reason"]
        ),
        success=_("The agreement is terminated; it stays in the register, marked."),
        then=back,
    )
    context = {"form": form, "agreement": agreement}
    return done or render(request, "workspace/partnerships/agreement_terminate.html", context)


# Obligations ------------------------------------------------------------------------------------


@workspace_page
@GET_OR_POST
def obligation_create(request: SignedInHttpRequest, pk: int) -> HttpResponse:
    user = request.user
    agreement = visible_agreement(request, pk)
    back = agreement_url(agreement, "obligations")
    if refused := checked(request, lambda: service.check_manageable(agreement, user), back):
        return refused
    form = ObligationForm(posted(request), agreement=agreement)
    done = written(
        request,
        form,
        lambda data: service.add_obligation(agreement=agreement, by=user, **data),
        success=_("The obligation is added."),
        then=back,
    )
    context = {"form": form, "agreement": agreement}
    return done or render(request, "workspace/partnerships/obligation_form.html", context)


@workspace_page
@GET_OR_POST
def obligation_edit(request: SignedInHttpRequest, pk: int) -> HttpResponse:
    user = request.user
    obligations = Obligation.objects.filter(
        agreement__in=workspace_agreements(user)
    ).select_related("agreement__lead_agency")
    obligation = get_object_or_404(obligations, pk=pk)
    agreement = obligation.agreement
    back = agreement_url(agreement, "obligations")
    if refused := checked(request, lambda: service.check_manageable(agreement, user), back):
        return refused
    form = ObligationForm(posted(request), instance=obligation, agreement=agreement)
    done = written(
        request,
        form,
        lambda changes: service.update_obligation(obligation=obligation, by=user, **changes),
        changes_only=True,
        success=_("Your changes are saved."),
        then=back,
    )
    context = {"form": form, "agreement": agreement, "obligation": obligation}
    return done or render(request, "workspace/partnerships/obligation_form.html", context)
