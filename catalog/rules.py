"""The permission layer of the catalogue: who may do what (docs/architecture.md §4).

Two kinds of answer live here and in the model querysets that call into it:

- *querysets* narrowed to a user (``Product.objects.visible_to(user)``, ``editable_by``...) are
  where every view starts, so that an object a user may not see answers 404;
- *predicates* (``can_edit_product(user, product)``...) decide one action on one object.

Workspace pages and the API call these functions; no view decides a right on its own. The
membership predicates come from `agencies.rules` and are re-exported, so a caller asks one module.
"""

from collections.abc import Callable
from typing import TYPE_CHECKING

from agencies.models import Agency, AgencyQuerySet, Role
from agencies.rules import (
    ADMINISTRATOR_GROUP,
    ADMINISTRATOR_PERMISSION,
    acting_agencies,
    administrator_group,
    can_manage_members,
    editing_agencies,
    editing_agency_ids,
    is_administrator,
    is_reviewer,
    is_signed_in,
    reviewing_agencies,
    roles_of,
)

if TYPE_CHECKING:  # the models call into this module: imported for the annotations only
    from catalog.models import Business, Collaboration, Designation, Nomination, Product

__all__ = [
    "ADMINISTRATOR_GROUP",
    "ADMINISTRATOR_PERMISSION",
    "acting_agencies",
    "administrator_group",
    "business_editor",
    "can_act_as_nominator",
    "can_answer_collaboration",
    "can_create_business",
    "can_create_product",
    "can_decide",
    "can_edit_business",
    "can_edit_product",
    "can_hand_over_product",
    "can_manage_members",
    "can_manage_product",
    "can_nominate",
    "can_review",
    "can_revoke",
    "editing_agencies",
    "editing_agency_ids",
    "is_administrator",
    "is_reviewer",
    "is_signed_in",
    "nominating_agencies",
    "reviewing_agencies",
    "roles_of",
]


# Products ---------------------------------------------------------------------------------------


def _accepted_collaborator_ids(product: "Product") -> set[int]:
    return set(product.collaborations.accepted().values_list("agency_id", flat=True))


def can_create_product(user, agency: Agency) -> bool:
    """Create a product owned by `agency` (for any active business)."""
    return is_administrator(user) or agency.pk in editing_agency_ids(user)


def can_edit_product(user, product: "Product") -> bool:
    """Change content and images: the owner agency and accepted collaborators."""
    if is_administrator(user):
        return True
    agency_ids = editing_agency_ids(user)
    return product.owner_agency_id in agency_ids or bool(
        agency_ids & _accepted_collaborator_ids(product)
    )


def can_manage_product(user, product: "Product") -> bool:
    """Publish, unpublish, archive, invite and end collaborations: the owner agency only."""
    return is_administrator(user) or product.owner_agency_id in editing_agency_ids(user)


def can_hand_over_product(user, product: "Product", agency: Agency) -> bool:
    """Give the product to another agency: only to one where the user is editor or manager too."""
    if is_administrator(user):
        return True
    return can_manage_product(user, product) and agency.pk in editing_agency_ids(user)


def can_answer_collaboration(user, collaboration: "Collaboration") -> bool:
    """Accept or decline an invitation: a manager of the invited agency."""
    if is_administrator(user):
        return True
    return roles_of(user).get(collaboration.agency_id) == Role.MANAGER


# Businesses -------------------------------------------------------------------------------------


def can_create_business(user, agency: Agency | None = None) -> bool:
    """Any editor may register a business; their agency (`agency`, when given: one where they
    are editor or manager) becomes its registering agency."""
    if is_administrator(user):
        return True
    agency_ids = editing_agency_ids(user)
    return agency.pk in agency_ids if agency is not None else bool(agency_ids)


def can_edit_business(user, business: "Business") -> bool:
    """Edit or deactivate: editors of the registering agency."""
    return business_editor(user)(business)


def business_editor(user) -> Callable[["Business"], bool]:
    """`can_edit_business` for many businesses (an export's rows): the user's rights read once."""
    if is_administrator(user):
        return lambda business: True
    agency_ids = editing_agency_ids(user)
    return lambda business: business.registering_agency_id in agency_ids


# Flagship workflow ------------------------------------------------------------------------------


def nominating_agencies(user, product: "Product") -> AgencyQuerySet:
    """Agencies through which the user may nominate `product`: owner or accepted collaborator
    where the user is editor or manager. Administrators nominate only through a membership."""
    if not product.is_public:
        return Agency.objects.none()
    curating = [product.owner_agency_id, *_accepted_collaborator_ids(product)]
    return editing_agencies(user).filter(pk__in=curating)


def can_nominate(user, product: "Product") -> bool:
    return nominating_agencies(user, product).exists()


def can_act_as_nominator(user, nomination: "Nomination") -> bool:
    """Edit, submit, resubmit or withdraw: editors and managers of the nominating agency."""
    return nomination.agency_id in editing_agency_ids(user)


def can_review(user, nomination: "Nomination") -> bool:
    """Assess, request changes, recommend, reject: a leading-sector reviewer who did not submit
    the nomination (four eyes)."""
    if not is_reviewer(user):
        return False
    return nomination.submitted_by_id != user.pk


def can_decide(user, nomination: "Nomination") -> bool:
    """Approve or decline: an administrator who did not recommend it (four eyes)."""
    if not is_administrator(user):
        return False
    return not nomination.recommended_by(user)


def can_revoke(user, designation: "Designation") -> bool:
    return is_administrator(user)
