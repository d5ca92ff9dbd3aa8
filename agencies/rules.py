"""Who may act for an agency: the membership predicates every other app builds on.

Agency membership is the only source of write rights; the provincial administrator is whoever
holds the permission ``catalog.approve_nomination`` (superusers hold every permission). Roles
are read fresh on every call, so a removed member loses rights on the next request.
"""

from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, Group

from .models import EDITING_ROLES, Agency, AgencyQuerySet, Membership, Role

ADMINISTRATOR_PERMISSION = "catalog.approve_nomination"
ADMINISTRATOR_GROUP = "Administrator Produk Unggulan"

User = AbstractBaseUser | AnonymousUser


def administrator_group() -> Group:
    """The group whose members are provincial administrators (made by a migration)."""
    from django.contrib.auth.models import Permission

    group, _ = Group.objects.get_or_create(name=ADMINISTRATOR_GROUP)
    app_label, codename = ADMINISTRATOR_PERMISSION.split(".")
    group.permissions.add(
        Permission.objects.get(content_type__app_label=app_label, codename=codename)
    )
    return group


def is_signed_in(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def is_administrator(user) -> bool:
    """Provincial administrator: approves flagships and may act on every agency's data."""
    return is_signed_in(user) and user.has_perm(ADMINISTRATOR_PERMISSION)


def roles_of(user) -> dict[int, str]:
    """{agency_id: role} of the user's memberships, read fresh on every call."""
    return Membership.objects.roles_of(user)


def editing_agency_ids(user) -> set[int]:
    """Agencies in which the user is an editor or manager."""
    return {agency_id for agency_id, role in roles_of(user).items() if role in EDITING_ROLES}


def editing_agencies(user) -> AgencyQuerySet:
    """The agencies a user acts for: those where they are editor or manager."""
    return Agency.objects.where_member(user, roles=EDITING_ROLES)


def acting_agencies(user) -> AgencyQuerySet:
    """The agencies a user may choose to act for (a new product's or business's agency, an
    export, an import): where they edit or manage; every agency for an administrator."""
    if is_administrator(user):
        return Agency.objects.all()
    return editing_agencies(user)


def reviewing_agencies(user) -> AgencyQuerySet:
    """Leading-sector agencies in which the user is a reviewer."""
    return Agency.objects.where_member(user, roles=[Role.REVIEWER]).leading_sectors()


def is_reviewer(user) -> bool:
    return reviewing_agencies(user).exists()


def can_manage_members(user, agency) -> bool:
    return is_administrator(user) or roles_of(user).get(agency.pk) == Role.MANAGER


def roles_for(agency) -> list[tuple[str, Any]]:
    """The roles a member of `agency` may hold, as (value, label) choices: reviewers only in a
    leading sector (DESIGN §1), so a form never offers what the service would refuse."""
    return [
        (value, label)
        for value, label in Role.choices
        if value != Role.REVIEWER or agency.is_leading_sector
    ]
