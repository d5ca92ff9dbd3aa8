"""Signing in and out, changing and resetting a password: Django's auth views, our templates.

What we add to the stock views:

- the addresses after signing in and out stay in the visitor's language (`/en/` stays English);
- a failed sign-in marks both inputs invalid and ties them to the error (the message does not
  say which of the two was wrong, so an unknown username answers like a known one);
- the lockout answer of django-axes (`locked_out`, set as `AXES_LOCKOUT_CALLABLE`): HTTP 429
  with a page saying what happened and when to try again, JSON under the API;
- a successful password reset lifts the lockout of that username: the person proved they hold
  the account's e-mail address.
"""

import math
from typing import Any

from axes.helpers import get_cool_off
from axes.utils import reset as reset_lockouts
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm, SetPasswordForm
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render, resolve_url
from django.urls import translate_url
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language, override
from django.utils.translation import gettext as _

SIGN_IN_ERRORS_ID = "signin-errors"

#: Names and addresses in e-mails: without the sites framework Django would use the host name.
SITE_NAME = "Etalase UMKM Babel"


def in_current_language(url: str) -> str:
    """`url` (a path or a URL name, in the default language, as settings give it) as the page in
    the language of this request: signing in under /en/ lands in the English workspace."""
    language = get_language()
    with override(settings.LANGUAGE_CODE):
        return translate_url(resolve_url(url), language)


class SignInForm(AuthenticationForm):
    """The stock form; on failure both inputs point at the message that explains it."""

    def clean(self) -> dict[str, Any]:
        try:
            return super().clean()
        except ValidationError:
            for name in ("username", "password"):
                attrs = self.fields[name].widget.attrs
                attrs["aria-describedby"] = SIGN_IN_ERRORS_ID
                attrs["aria-invalid"] = "true"
            raise


class SignInView(auth_views.LoginView):
    authentication_form = SignInForm
    template_name = "registration/login.html"

    def get_default_redirect_url(self) -> str:
        return in_current_language(settings.LOGIN_REDIRECT_URL)


class SignOutView(auth_views.LogoutView):
    """POST only (Django's LogoutView answers 405 to GET)."""

    def get_default_redirect_url(self) -> str:
        return in_current_language(settings.LOGOUT_REDIRECT_URL or "/")


class PasswordResetView(auth_views.PasswordResetView):
    extra_email_context = {"site_name": SITE_NAME}


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Also the page of an invitation's link: an account without a usable password was invited
    (agencies.services.invited_account). Its page says where the person was added, and setting
    the password signs them in and lands on the welcome page (what they can do now)."""

    def invited(self) -> bool:
        user = getattr(self, "user", None)
        return user is not None and not user.has_usable_password()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        if context.get("validlink") and self.invited():
            context["invitation"] = invitation_places(self.user)
        return context

    def form_valid(self, form: SetPasswordForm) -> HttpResponse:
        if self.invited():
            self.post_reset_login = True
            self.post_reset_login_backend = "django.contrib.auth.backends.ModelBackend"
            self.success_url = in_current_language("workspace-welcome")
        response = super().form_valid(form)
        reset_lockouts(username=form.user.get_username())
        return response


def invitation_places(user: Any) -> list[str]:
    """ "Dinas Pertanian (Editor)", "OKE OCE Indonesia": where an invited account was added."""
    places = [
        f"{membership.agency.name} ({membership.get_role_display()})"
        for membership in user.memberships.select_related("agency").order_by("agency__name")
    ]
    places += [
        membership.partner.name
        for membership in user.partner_memberships.select_related("partner").order_by(
            "partner__name"
        )
    ]
    return places


def locked_out(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict | None = None,
) -> HttpResponse:
    """django-axes' answer once a username has failed too often from one address: HTTP 429.

    The same for every username, known or not, so the page tells nothing about accounts."""
    cool_off = get_cool_off(request)
    seconds = int(cool_off.total_seconds()) if cool_off else None
    message = _("Too many failed sign-in attempts. Sign-in is paused for this account.")
    if request.path.startswith("/api/") or request.headers.get("x-requested-with") == (
        "XMLHttpRequest"
    ):
        response: HttpResponse = JsonResponse({"detail": message}, status=429)
    else:
        context = {"minutes": math.ceil(seconds / 60) if seconds else None}
        response = render(request, "registration/locked_out.html", context, status=429)
    if seconds:
        response["Retry-After"] = str(seconds)
    add_never_cache_headers(response)
    return response
