"""/ruang-kerja/unggulan/: flagship designations, current, not yet in force, expired and revoked.

Every signed-in member of staff sees the designations of the products they may see; the
provincial administrators also find a revoke form next to each designation still in force or
still to come. Revoking asks catalog.workflow who may (403) and whether it still can be (409:
revoked already) before the form is read (400: a reason is required).
"""

from typing import TYPE_CHECKING

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from catalog import rules, workflow
from catalog.models import Designation, Nomination, Product
from catalog.models.base import today
from catalog.models.flagship import DesignationQuerySet
from catalog.pagination import CappedPaginator
from umkm_portal.services import NotAllowedNow
from umkm_portal.signed_in import SignedInHttpRequest
from workspace import flagship_forms as ff
from workspace.fields import valid_filters
from workspace.views.helpers import first_message
from workspace.views.nominations import PER_PAGE, flagship_page

if TYPE_CHECKING:  # the model AUTH_USER_MODEL names, as the Django plugin resolves it
    from django.contrib.auth.models import User

#: Statuses in which the list offers administrators the revoke form.
REVOCABLE = (Designation.Status.CURRENT, Designation.Status.UPCOMING)


def visible_designations(user: "User") -> DesignationQuerySet:
    """Designations of the products the user may see; each marks whether its nomination is
    theirs to open (so that no row links to a 404)."""
    nomination = Nomination.objects.visible_to(user).filter(pk=OuterRef("nomination_id"))
    return Designation.objects.filter(product__in=Product.objects.visible_to(user)).annotate(
        nomination_visible=Exists(nomination)
    )


def list_page(
    request: SignedInHttpRequest, bound: ff.RevokeForm | None = None, status: int = 200
) -> HttpResponse:
    user, on = request.user, today()
    administrator = rules.is_administrator(user)
    form = ff.DesignationFilters(request.GET)
    values = valid_filters(form)
    designations = visible_designations(user)
    if "status" in values:
        designations = designations.in_status(values["status"], on)
    if "q" in values:
        designations = designations.filter(product__name__icontains=values["q"])
    designations = designations.select_related(
        "product__business", "nomination__agency", "approved_by", "revoked_by"
    ).order_by("-valid_from", "product__name", "pk")
    page = CappedPaginator(designations, PER_PAGE).get_page(request.GET.get("page"))
    rows = list(page.object_list)
    for designation in rows:
        state = designation.status(on)
        designation.status_value, designation.status_label = state.value, state.label
        designation.revoke_form = None
        if administrator and state in REVOCABLE:
            if bound is not None and bound.designation.pk == designation.pk:
                designation.revoke_form = bound
            else:
                designation.revoke_form = ff.RevokeForm(designation=designation)
    context = {
        "form": form,
        "page": page,
        "rows": rows,
        "filtered": bool(values),
        "administrator": administrator,
        "query": request.GET.urlencode(),
    }
    return render(request, "workspace/flagship/designation_list.html", context, status=status)


@flagship_page
@require_safe
def designation_list(request: SignedInHttpRequest) -> HttpResponse:
    return list_page(request)


@flagship_page
@require_POST
def designation_revoke(request: SignedInHttpRequest, pk: int) -> HttpResponse:
    designation = get_object_or_404(visible_designations(request.user), pk=pk)
    form = ff.RevokeForm(request.POST, designation=designation)
    try:
        workflow.check_revoke(designation, request.user)
        if not form.is_valid():
            return list_page(request, bound=form, status=400)
        workflow.revoke(designation=designation, by=request.user, **form.cleaned_data)
    except NotAllowedNow as error:
        messages.error(request, first_message(error))
    except ValidationError as error:
        ff.show_errors(form, error)
        return list_page(request, bound=form, status=400)
    else:
        messages.success(
            request,
            _("The designation of %(product)s is revoked.") % {"product": designation.product},
        )
    # Back to the list as it was filtered: the form posts with the list's query string.
    query = request.GET.urlencode()
    return redirect(reverse("workspace-designations") + (f"?{query}" if query else ""))
