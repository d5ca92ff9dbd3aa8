"""Agency membership: managers add, change and remove members and invite new staff."""

from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from agencies import rules
from notifications.models import Kind
from notifications.services import notify
from umkm_portal.services import NotAllowedNow, require

from .models import Membership, Role

User = get_user_model()

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise

    StrOrPromise = str | _StrPromise


def _check_role(role, agency):
    """One rule for pages and API alike: the role must be one `rules.roles_for(agency)` offers."""
    if role not in Role.values:
        raise ValidationError({"role": _("Choose editor, manager or reviewer.")})
    if role not in dict(rules.roles_for(agency)):
        raise ValidationError(
            {"role": _("Only leading-sector agencies have reviewers (Diskop UKM, Disperindag).")}
        )


def _keeps_a_manager(membership, by):
    """An agency keeps at least one manager, unless an administrator decides otherwise."""
    if rules.is_administrator(by) or membership.role != Role.MANAGER:
        return
    others = Membership.objects.filter(agency=membership.agency, role=Role.MANAGER).exclude(
        pk=membership.pk
    )
    if not others.exists():
        raise NotAllowedNow(_("An agency needs at least one manager."))


@transaction.atomic
def add_member(*, agency, by, user, role) -> Membership:
    require(rules.can_manage_members(by, agency))
    _check_role(role, agency)
    try:
        with transaction.atomic():
            return Membership.objects.create(agency=agency, user=user, role=role)
    except IntegrityError as error:
        raise NotAllowedNow(_("This person is a member already.")) from error


@transaction.atomic
def change_role(*, membership, by, role) -> Membership:
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    require(rules.can_manage_members(by, membership.agency))
    _check_role(role, membership.agency)
    if role != Role.MANAGER:
        _keeps_a_manager(membership, by)
    membership.role = role
    membership.save()
    return membership


@transaction.atomic
def remove_member(*, membership, by) -> None:
    """Rights go with the membership: the next request of that person no longer has them."""
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    require(rules.can_manage_members(by, membership.agency))
    _keeps_a_manager(membership, by)
    membership.delete()


def invited_account(email: str) -> Any:
    """The account an e-mail invitation is for: the one with this address, else a new one
    without a password (it signs in only once the invitation's link has set one)."""
    email = User.objects.normalize_email(email or "").strip()
    if not email or "@" not in email:
        raise ValidationError({"email": _("Enter a valid e-mail address.")})
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User(username=email.lower()[:150], email=email)
        user.set_unusable_password()
        user.save()
    return user


def send_invitation(*, user, by, where: str, role: "StrOrPromise", request=None) -> None:
    """Tell an account that has no password yet (an existing account needs none) that it was
    added: a notification whose mail, sent by a task after the commit, carries a single-use,
    expiring link (Django's password-reset token, made when the mail is written: it dies when
    the password is set, and after PASSWORD_RESET_TIMEOUT). Accepting the invitation is setting
    that password: the membership already holds. `role` is a lazy label, so that it is written
    in the invitee's language."""
    if user.has_usable_password():
        return
    inviter = by.get_full_name() or by.username

    def message() -> tuple[str, str]:
        title = _("You are invited to Etalase UMKM Babel")
        body = _("%(inviter)s added you to %(agency)s as %(role)s.") % {
            "inviter": inviter,
            "agency": where,
            "role": role,
        }
        return title, body

    notify([user], Kind.INVITED, message, link=reverse("workspace"))


@transaction.atomic
def invite_staff(*, agency, by, email, role, request=None) -> Membership:
    """A new colleague: an account without a password and a single-use, expiring link
    (`invited_account`, `send_invitation`)."""
    require(rules.can_manage_members(by, agency))
    _check_role(role, agency)
    user = invited_account(email)
    membership = add_member(agency=agency, by=by, user=user, role=role)
    send_invitation(
        user=user, by=by, where=agency.name, role=Role(membership.role).label, request=request
    )
    return membership


def is_pending(user) -> bool:
    """An invited account whose person has not set a password yet (`invited_account`)."""
    return user.is_active and not user.has_usable_password()


@transaction.atomic
def resend_invitation(*, membership, by, request=None) -> Membership:
    """The invitation mail again, with a fresh link, for a member who has not set a password."""
    require(rules.can_manage_members(by, membership.agency))
    if not is_pending(membership.user):
        raise NotAllowedNow(_("This person has set their password already: no invitation waits."))
    send_invitation(
        user=membership.user,
        by=by,
        where=membership.agency.name,
        role=Role(membership.role).label,
        request=request,
    )
    return membership
