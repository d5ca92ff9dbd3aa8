"""The signed-in person's own pages: their profile (name, e-mail, agencies and roles, the language
they read notifications in, links to change the password and the notification settings), and the
welcome an invited person lands on once they have set their password
(`accounts.PasswordResetConfirmView`). Everyone signed in, partner staff included."""

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language_info, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from agencies.models import Membership, StaffProfile, nip_validator
from notifications import preferences
from support.models import PartnerMembership
from umkm_portal.signed_in import SignedInHttpRequest
from workspace.forms import Look

from .helpers import GET_OR_POST, posted, workspace_page


class ProfileForm(Look, forms.ModelForm):
    """The name colleagues see beside the person's work (members lists, timelines, mails), and
    the NIP printed under their signature on official records (agencies.StaffProfile)."""

    nip = StaffProfile._meta.get_field("nip").formfield(validators=[nip_validator])

    class Meta:
        model = get_user_model()
        fields = ["first_name", "last_name"]
        labels = {"first_name": gettext_lazy("First name"), "last_name": gettext_lazy("Last name")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["nip"].initial = StaffProfile.objects.nips_of([self.instance]).get(
            self.instance.pk, ""
        )

    @transaction.atomic
    def save(self, commit: bool = True) -> Any:
        user = super().save()
        StaffProfile.objects.update_or_create(user=user, defaults={"nip": self.cleaned_data["nip"]})
        return user


def where_they_work(user) -> tuple[list[Membership], list[PartnerMembership]]:
    memberships = list(
        Membership.objects.filter(user=user).select_related("agency").order_by("agency__name")
    )
    partners = list(
        PartnerMembership.objects.filter(user=user)
        .select_related("partner")
        .order_by("partner__name")
    )
    return memberships, partners


@workspace_page
@GET_OR_POST
def profile(request: SignedInHttpRequest) -> HttpResponse:
    form = ProfileForm(posted(request), instance=request.user)
    if form.is_bound and form.is_valid():
        form.save()
        messages.success(request, _("Your profile is saved."))
        return redirect("workspace-profile")
    memberships, partners = where_they_work(request.user)
    language = preferences.chosen_by(request.user).language
    context = {
        "form": form,
        "memberships": memberships,
        "partners": partners,
        "language": get_language_info(language)["name_local"],
    }
    return render(request, "workspace/profile.html", context)


@workspace_page
@require_safe
def welcome(request: HttpRequest) -> HttpResponse:
    """What an invited person may do now, for each place they were added to."""
    memberships, partners = where_they_work(request.user)
    context = {"memberships": memberships, "partners": partners}
    return render(request, "workspace/welcome.html", context)
