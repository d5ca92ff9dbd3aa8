"""/ruang-kerja/rujukan/: referrals between agencies — the inbox (incoming and outgoing, overdue
first), sending one, and its steps: the receiving agency accepts, declines or completes it, the
sending agency cancels it.

The buttons each person sees come from `support.services.referrals.allowed_steps`; each step
is checked (403, then 409) before its note is read (400), as the API does, and taken by
`answer_referral`, which locks the row so that of two people answering at once exactly one wins."""

from collections.abc import Iterable
from typing import Any

from django import forms
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from catalog.pagination import CappedPaginator
from support import rules
from support.models import Referral
from support.services import referrals as service
from umkm_portal.signed_in import SignedInHttpRequest
from workspace.fields import SearchField, valid_filters
from workspace.support_forms import ReferralForm, StepForm

from .helpers import (
    GET_OR_POST,
    posted,
    redirect_back,
    refuse_unless,
    workspace_action,
    workspace_page,
)
from .support_common import checked, stage_choices, written
from .support_picker import choices_fragment, picker_for, wants_fragment

PER_PAGE = 25
INCOMING, OUTGOING, EVERY = "masuk", "keluar", "semua"
OPEN = "terbuka"
#: The steps' addresses (Indonesian, like every workspace address) and their names in the
#: workflow.
STEP_PATHS = {"terima": "accept", "tolak": "decline", "selesai": "complete", "batalkan": "cancel"}
STEP_DONE = {
    "accept": gettext_lazy("Accepted: your agency takes the business on."),
    "decline": gettext_lazy("Declined: the sending agency sees your reason."),
    "complete": gettext_lazy("Completed: the help is given."),
    "cancel": gettext_lazy("The referral is cancelled."),
}


#: Each step's title on the referral's page, and what it means.
STEP_TEXT = {
    "accept": (
        gettext_lazy("Accept the referral"),
        gettext_lazy("Your agency takes the business on; complete it when the help is given."),
    ),
    "decline": (
        gettext_lazy("Decline the referral"),
        gettext_lazy("Say why, so that the sending agency can refer the business elsewhere."),
    ),
    "complete": (
        gettext_lazy("Complete the referral"),
        gettext_lazy("The help is given; a note of what was done helps the sending agency."),
    ),
    "cancel": (
        gettext_lazy("Cancel the referral"),
        gettext_lazy("Your agency withdraws it; say why."),
    ),
}


class ReferralFilters(forms.Form):
    q = SearchField(label=gettext_lazy("Business name contains"))
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        required=False,
        choices=[
            ("", gettext_lazy("Every status")),
            (OPEN, gettext_lazy("Open (sent or accepted)")),
            *Referral.Status.choices,
        ],
    )
    tahap = forms.ChoiceField(label=gettext_lazy("Stage"), required=False)

    def __init__(self, data: Any) -> None:
        super().__init__(data)
        tahap = self.fields["tahap"]
        assert isinstance(tahap, forms.ChoiceField)
        tahap.choices = stage_choices(_("Every stage"))


def referral_url(referral: Referral, anchor: str = "") -> str:
    return reverse("workspace-referral", args=[referral.pk]) + (f"#{anchor}" if anchor else "")


def visible_referral(request: SignedInHttpRequest, pk: int) -> Referral:
    referrals = Referral.objects.visible_to(request.user).with_parties()
    referrals = referrals.select_related("business__region")
    return get_object_or_404(referrals, pk=pk)


def with_steps(referrals: Iterable[Referral], user: Any) -> list[tuple[Referral, list[str]]]:
    """[(referral, the steps `user` may take on it)]. The user's editing rights are read once
    (`rules.editor`) and every row's steps decided from them by the same predicates, so a page
    costs the same whatever its rows."""
    rights = rules.editor(user)
    return [(referral, service.allowed_steps(referral, rights)) for referral in referrals]


@workspace_page
@require_safe
def referral_list(request: SignedInHttpRequest) -> HttpResponse:
    user = request.user
    administrator = rules.is_administrator(user)
    tabs = [INCOMING, OUTGOING, *([EVERY] if administrator else [])]
    tab = request.GET.get("kotak") or (EVERY if administrator else INCOMING)
    if tab not in tabs:
        raise Http404
    form = ReferralFilters(request.GET)
    values = valid_filters(form)
    visible = Referral.objects.visible_to(user)
    referrals = {
        INCOMING: visible.incoming_to(user),
        OUTGOING: visible.outgoing_from(user),
        EVERY: visible,
    }[tab]
    if values.get("status") == OPEN:
        referrals = referrals.open()
    elif "status" in values:
        referrals = referrals.filter(status=values["status"])
    if "tahap" in values:
        referrals = referrals.filter(stage__code=values["tahap"])
    if "q" in values:
        referrals = referrals.filter(business__name__icontains=values["q"])
    referrals = referrals.overdue_first().select_related(
        "business", "from_agency", "to_agency", "stage"
    )
    page = CappedPaginator(referrals, PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "tab": tab,
        "tabs": tabs,
        "waiting": visible.incoming_to(user).filter(status=Referral.Status.SENT).count(),
        "page": page,
        "rows": with_steps(page.object_list, user),
        "filtered": bool(values or form.errors),
        "can_send": rules.can_send_referral(user),
    }
    return render(request, "workspace/support/referral_list.html", context)


@workspace_page
@GET_OR_POST
def referral_create(request: SignedInHttpRequest) -> HttpResponse:
    user = request.user
    refuse_unless(rules.can_send_referral(user))
    picker = picker_for(request)
    if wants_fragment(request):
        return choices_fragment(request, picker)
    form = ReferralForm(posted(request), user=user)
    done = written(
        request,
        form,
        lambda data: service.send_referral(by=user, **data),
        success=lambda referral: (
            _("Sent to %(agency)s; its editors answer by %(date)s.")
            % {"agency": referral.to_agency, "date": formats.date_format(referral.due_on)}
        ),
        then=referral_url,
    )
    context = {"form": form, "picker": picker}
    return done or render(request, "workspace/support/referral_form.html", context)


def step_forms(referral: Referral, user: Any, **bound: StepForm) -> dict[str, StepForm]:
    """A form for every step the user may take now; `bound` ones (with their errors) as given."""
    return {
        step: bound.get(step) or StepForm(step=step, note_required=service.STEPS[step].says_why)
        for step in service.allowed_steps(referral, user)
    }


def render_page(
    request: SignedInHttpRequest, referral: Referral, **bound: StepForm
) -> HttpResponse:
    paths = {name: path for path, name in STEP_PATHS.items()}
    forms = step_forms(referral, request.user, **bound)
    context = {
        "referral": referral,
        "steps": [
            (
                step,
                *STEP_TEXT[step],
                form,
                reverse(f"workspace-referral-{paths[step]}", args=[referral.pk]),
            )
            for step, form in forms.items()
        ],
    }
    return render(request, "workspace/support/referral_detail.html", context)


@workspace_page
@require_safe
def referral_page(request: SignedInHttpRequest, pk: int) -> HttpResponse:
    return render_page(request, visible_referral(request, pk))


@workspace_action
def referral_step(request: SignedInHttpRequest, pk: int, step: str) -> HttpResponse:
    referral = visible_referral(request, pk)
    back = redirect_back(request, referral_url(referral)).url
    if refused := checked(request, lambda: service.check(referral, request.user, step), back):
        return refused  # 403 went on; 409: not from this state
    form = StepForm(request.POST, step=step, note_required=service.STEPS[step].says_why)
    done = written(
        request,
        form,
        lambda data: service.answer_referral(
            referral=referral, by=request.user, action=step, note=data["note"]
        ),
        success=STEP_DONE[step],
        then=back,  # also when someone else answered in the meantime (409)
    )
    return done or render_page(request, referral, **{step: form})
