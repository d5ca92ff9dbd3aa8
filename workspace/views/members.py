"""An agency's members: its managers (and administrators) add, change and remove them and invite
new staff by e-mail — their own, or a partner's staff for an agreement the agency leads
(workspace/partner_staff.py). Everyone else gets 403; an unknown agency 404.

Rights go with the membership and are read fresh on every request: a removed member has lost
them by their next click."""

from collections.abc import Callable
from typing import Any

from django import forms as django_forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from agencies import services
from agencies.models import Agency, Membership
from catalog import rules
from support.models import PartnerMembership
from support.services.partner_staff import invitable_parties, invite_partner_staff
from umkm_portal.services import NotAllowedNow
from workspace.forms import AddMemberForm, InviteStaffForm, RoleForm
from workspace.support_forms import InvitePartnerStaffForm

from .helpers import (
    GET_OR_POST,
    add_errors,
    first_message,
    refuse_unless,
    run_action,
    workspace_action,
    workspace_page,
)


def managed_agency(request: HttpRequest, slug: str) -> Agency:
    agency = get_object_or_404(Agency, slug=slug)
    refuse_unless(rules.can_manage_members(request.user, agency))
    return agency


def members_url(agency: Agency) -> str:
    return reverse("workspace-members", args=[agency.slug])


def render_members(
    request: HttpRequest, agency: Agency, **forms: django_forms.Form
) -> HttpResponse:
    memberships = agency.memberships.select_related("user").order_by("role", "user__username")
    context = {
        "agency": agency,
        "rows": [
            (
                membership,
                RoleForm(
                    initial={"role": membership.role},
                    auto_id=f"id_m{membership.pk}_%s",
                    agency=agency,
                ),
                services.is_pending(membership.user),
            )
            for membership in memberships
        ],
        "add_form": forms.get("add_form") or AddMemberForm(agency=agency),
        "invite_form": forms.get("invite_form") or InviteStaffForm(agency=agency),
        "partner_form": forms.get("partner_form")
        or InvitePartnerStaffForm(parties=invitable_parties(agency)),
    }
    return render(request, "workspace/catalogue/members.html", context)


@workspace_page
@require_safe
def members_page(request: HttpRequest, slug: str) -> HttpResponse:
    return render_members(request, managed_agency(request, slug))


def submit(
    request: HttpRequest,
    agency: Agency,
    form: django_forms.Form,
    save: Callable[[dict[str, Any]], Any],
    *,
    success: Callable[[Any], str],
    form_name: str,
) -> HttpResponse:
    """Validate `form`, then run `save(data)`: success → back to the list with the message
    `success(membership)`; NotAllowedNow → the same with its reason; invalid data → the page
    again with the errors on the form."""
    if form.is_valid():
        try:
            membership = save(form.cleaned_data)
        except NotAllowedNow as error:
            messages.error(request, first_message(error))
            return redirect(members_url(agency))
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, success(membership))
            return redirect(members_url(agency))
    return render_members(request, agency, **{form_name: form})


@workspace_action
def member_add(request: HttpRequest, slug: str) -> HttpResponse:
    agency = managed_agency(request, slug)
    return submit(
        request,
        agency,
        AddMemberForm(request.POST, agency=agency),
        lambda data: services.add_member(
            agency=agency, by=request.user, user=data["username"], role=data["role"]
        ),
        success=lambda membership: _("%(user)s is now a member.") % {"user": membership.user},
        form_name="add_form",
    )


@workspace_action
def member_invite(request: HttpRequest, slug: str) -> HttpResponse:
    agency = managed_agency(request, slug)
    return submit(
        request,
        agency,
        InviteStaffForm(request.POST, agency=agency),
        lambda data: services.invite_staff(
            agency=agency, by=request.user, email=data["email"], role=data["role"], request=request
        ),
        success=invited_message,
        form_name="invite_form",
    )


@workspace_action
def partner_staff_invite(request: HttpRequest, slug: str) -> HttpResponse:
    """A partner's staff member, for a partner of an agreement this agency leads."""
    agency = managed_agency(request, slug)
    return submit(
        request,
        agency,
        InvitePartnerStaffForm(request.POST, parties=invitable_parties(agency)),
        lambda data: invite_partner_staff(
            party=data["party"], by=request.user, email=data["email"], request=request
        ),
        success=invited_message,
        form_name="partner_form",
    )


def invited_message(membership: Membership | PartnerMembership) -> str:
    user = membership.user
    if user.has_usable_password():  # an existing account: no e-mail is needed
        return _("%(user)s already had an account and is now a member.") % {"user": user}
    return _("An invitation is on its way to %(email)s.") % {"email": user.email}


def after_change(request: HttpRequest, agency: Agency) -> str:
    """Back to the list, or to the workspace when the change took the user's own right away."""
    if rules.can_manage_members(request.user, agency):
        return members_url(agency)
    return reverse("workspace")


@workspace_action
def member_role(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    agency = managed_agency(request, slug)
    membership = get_object_or_404(agency.memberships.select_related("user"), pk=pk)
    form = RoleForm(request.POST, agency=agency)
    if not form.is_valid():
        messages.error(request, _("Choose editor, manager or reviewer."))
        return redirect(members_url(agency))
    run_action(
        request,
        lambda: services.change_role(
            membership=membership, by=request.user, role=form.cleaned_data["role"]
        ),
        success=_("%(user)s's role is changed.") % {"user": membership.user},
        back=members_url(agency),
    )
    return redirect(after_change(request, agency))


@workspace_page
@GET_OR_POST
def member_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """GET: the question (nothing changes); POST: the removal. Without JavaScript."""
    agency = managed_agency(request, slug)
    membership = get_object_or_404(agency.memberships.select_related("user"), pk=pk)
    pending = services.is_pending(membership.user)
    if request.method != "POST":
        context = {"agency": agency, "membership": membership, "pending": pending}
        return render(request, "workspace/catalogue/member_remove.html", context)
    if pending:
        success = _("The invitation of %(email)s is cancelled.") % {"email": membership.user.email}
    else:
        success = _("%(user)s is no longer a member.") % {"user": membership.user}
    run_action(
        request,
        lambda: services.remove_member(membership=membership, by=request.user),
        success=success,
        back=members_url(agency),
    )
    return redirect(after_change(request, agency))


@workspace_action
def member_resend(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The invitation mail again, with a fresh link."""
    agency = managed_agency(request, slug)
    membership = get_object_or_404(agency.memberships.select_related("user"), pk=pk)
    run_action(
        request,
        lambda: services.resend_invitation(membership=membership, by=request.user, request=request),
        success=_("The invitation is sent again to %(email)s.") % {"email": membership.user.email},
        back=members_url(agency),
    )
    return redirect(members_url(agency))
