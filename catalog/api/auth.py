"""API tokens (docs/architecture.md §5): `POST auth/token/` trades a username and password for a
token, `DELETE auth/token/` revokes the caller's token.

Signing in goes through `django.contrib.auth.authenticate` with the Django request, so that
django-axes counts every failure exactly as on the sign-in page and locks the username out from
that address after `AXES_FAILURE_LIMIT` failures: a locked-out sign-in answers 429, like a
throttled one (scope `token`, `DEFAULT_THROTTLE_RATES["token"]`, 10/minute unless set). An
unknown username and a wrong password get the same answer, so the endpoint tells nobody which
accounts exist.
"""

from collections.abc import Sequence
from typing import Any

from axes.helpers import get_cool_off
from django.contrib.auth import authenticate, user_logged_in
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers as drf
from rest_framework import status
from rest_framework.authentication import BaseAuthentication
from rest_framework.authtoken.models import Token
from rest_framework.exceptions import Throttled
from rest_framework.permissions import AllowAny, BasePermission, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.throttling import BaseThrottle, SimpleRateThrottle
from rest_framework.views import APIView

from umkm_portal.signed_in import SignedInRequest

from .base import answers
from .serializers import StrictFieldsMixin

#: Used when the settings give no rate for the scope `token`.
DEFAULT_TOKEN_RATE = "10/minute"


class TokenRateThrottle(SimpleRateThrottle):
    """Requests to `auth/token/` per client address. The rate is read from the settings at each
    request (not once at import, as DRF's own throttles do), so a test or a deployment can
    change it."""

    scope = "token"

    def get_rate(self) -> str | None:
        rates = api_settings.DEFAULT_THROTTLE_RATES
        # The stubs type the rates as numbers; DRF's are strings such as "10/minute".
        return rates.get(self.scope, DEFAULT_TOKEN_RATE)  # type: ignore[return-value]

    def get_cache_key(self, request: Request, view: APIView) -> str:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class CredentialsSerializer(StrictFieldsMixin, drf.Serializer):
    username = drf.CharField(max_length=150)
    password = drf.CharField(
        max_length=4096, trim_whitespace=False, style={"input_type": "password"}
    )


class TokenSerializer(drf.Serializer):
    token = drf.CharField(help_text=_("Send it as `Authorization: Token <token>`."))


class LockedOut(Throttled):
    default_detail = _("Too many failed sign-ins: try again later.")


class TokenView(APIView):
    def initialize_request(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Request:
        self.signing_in = request.method == "POST"
        return super().initialize_request(request, *args, **kwargs)

    def get_authenticators(self) -> list[BaseAuthentication]:
        # Signing in ignores whatever credentials come along: a client still sending a revoked
        # token must be able to get a new one.
        return [] if self.signing_in else super().get_authenticators()

    def get_permissions(self) -> Sequence[BasePermission]:
        return [AllowAny() if self.signing_in else IsAuthenticated()]

    def get_throttles(self) -> list[BaseThrottle]:
        return [*super().get_throttles(), TokenRateThrottle()]

    @extend_schema(
        request=CredentialsSerializer,
        responses=answers({200: TokenSerializer}, 400, 429),
        description=_(
            "Your API token, for `Authorization: Token <token>`. Repeated failures lock the "
            "username out from your address for a while (429)."
        ),
    )
    def post(self, request: Request) -> Response:
        serializer = CredentialsSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        django_request = request._request
        user = authenticate(request=django_request, **serializer.validated_data)
        if getattr(django_request, "axes_locked_out", False):
            # The API answers the lockout itself, in JSON like all its errors; left set, the
            # flag would make AxesMiddleware swap this answer for its HTML page.
            django_request.axes_locked_out = False  # type: ignore[attr-defined]  # axes' flag
            raise LockedOut(wait=lockout_seconds(django_request))
        if user is None:
            raise drf.ValidationError(
                {
                    api_settings.NON_FIELD_ERRORS_KEY: [
                        _("Unable to log in with provided credentials.")
                    ]
                }
            )
        # A token sign-in is a sign-in: django-axes resets the failures, Django the last login.
        user_logged_in.send(sender=user.__class__, request=django_request, user=user)
        token, _created = Token.objects.get_or_create(user=user)
        return Response({"token": token.key})

    @extend_schema(
        request=None,
        responses=answers({204: None}, 401),
        description=_("Revoke your token: it stops working at once."),
    )
    def delete(self, request: SignedInRequest) -> Response:
        Token.objects.filter(user=request.user).delete()
        return Response(status=status.HTTP_204_NO_CONTENT)


def lockout_seconds(request: HttpRequest) -> int | None:
    cool_off = get_cool_off(request)
    return int(cool_off.total_seconds()) if cool_off else None
