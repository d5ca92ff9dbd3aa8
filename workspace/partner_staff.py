"""A partner's staff in the workspace (DESIGN §8 "Partner accounts"): they sign in, see the
agreements their partner is party to and record services, activities and participants under the
open ones — nothing else.

The pages they may use (My tasks, activities, services, the partnership pages) decide per row
through `support.rules` and the `visible_to` querysets, as for everyone. Every other area of the
workspace — products, businesses, collaborations, members, imports and exports, statistics,
nominations, flagships, referrals, a business's record, the development dashboard — is agency
work: its URL modules pass their patterns through `agency_work`, which answers 403 to a person
who acts for a partner and for no agency before the page reads anything (the page's own checks
still run for everyone else).

Managers of an agreement's lead agency invite a partner's staff by e-mail as they invite their
own members, on the agency's members page (`support.services.partner_staff`)."""

import functools
from collections.abc import Callable, Iterable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.http import HttpRequest
from django.urls import URLPattern

from agencies.models import Membership
from agencies.rules import is_administrator, is_signed_in
from support.models import PartnerMembership


def acts_for_partner_only(user: Any) -> bool:
    """Whether `user` is a partner's staff (a PartnerMembership, of an active partner or not)
    and neither a member of any agency nor an administrator: the person the agency areas of
    the workspace refuse. One query for everyone; an administrator's permissions are read only
    for a partner's staff."""
    if not is_signed_in(user):
        return False
    agency_member = Membership.objects.filter(user=OuterRef("user"))
    partner_only = (
        PartnerMembership.objects.filter(user=user).filter(~Exists(agency_member)).exists()
    )
    return partner_only and not is_administrator(user)


#: The answer of `acts_for_partner_only`, read once when the person signs in (workspace/apps.py
#: connects `remember_at_sign_in` to `user_logged_in`), so agency staff pay no query for it on
#: every page. It only ever refuses: someone given an agency membership later signs in again.
SESSION_KEY = "workspace_partner_only"


def remember_at_sign_in(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    session = getattr(request, "session", None)
    if session is not None:
        session[SESSION_KEY] = acts_for_partner_only(user)


def partner_only(request: HttpRequest) -> bool:
    """`acts_for_partner_only(request.user)`, from the session when it was read at sign-in."""
    if not is_signed_in(request.user):
        return False
    remembered = getattr(request, "session", {}).get(SESSION_KEY)
    return acts_for_partner_only(request.user) if remembered is None else bool(remembered)


def refuse_partner_staff(view: Callable[..., Any]) -> Callable[..., Any]:
    """403 for a partner's staff; anyone else goes on to the page (which signs in the
    anonymous and checks its own rights)."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if partner_only(request):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def agency_work(patterns: Iterable[URLPattern]) -> list[URLPattern]:
    """`patterns` with every page refusing a partner's staff (`refuse_partner_staff`)."""
    wrapped = []
    for pattern in patterns:
        pattern.callback = refuse_partner_staff(pattern.callback)
        wrapped.append(pattern)
    return wrapped
