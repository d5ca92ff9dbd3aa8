"""The permission layer against every cell of the rights matrix (docs/architecture.md §4).

The world is the rights-matrix one of tests/conftest.py. Each row is an action, each column a
person; where the layer has both a queryset and a predicate for the action, the two must agree.
"""

import pytest
from django.contrib.auth.models import Group

from agencies.models import Agency
from catalog import rules
from catalog.models import Business, Collaboration, Nomination, NominationEvent, Product
from tests.factories import (
    DesignationFactory,
    MembershipFactory,
    NominationFactory,
    UserFactory,
)

S = Product.Status


@pytest.fixture(autouse=True)
def _owner_editor_also_works_for_second(world):
    """So that handing a product over to `second` is theirs to do (as on the staff pages)."""
    MembershipFactory(user=world.people["owner_editor"], agency=world.second)


def agreeing(predicate: bool, in_queryset: bool) -> bool:
    assert predicate == in_queryset, "predicate and queryset disagree"
    return predicate


def sees(world, user, product):
    return Product.objects.visible_to(user).filter(pk=product.pk).exists()


def sees_published(world, user):
    return (
        sees(world, user, world.published)
        and Business.objects.visible_to(user).filter(pk=world.business.pk).exists()
        and Agency.objects.filter(pk=world.owner.pk).exists()
    )


def edits(world, user):
    return agreeing(
        rules.can_edit_product(user, world.draft),
        Product.objects.editable_by(user).filter(pk=world.draft.pk).exists(),
    )


def manages(world, user):
    return agreeing(
        rules.can_manage_product(user, world.draft),
        Product.objects.manageable_by(user).filter(pk=world.draft.pk).exists(),
    )


def edits_business(world, user):
    return agreeing(
        rules.can_edit_business(user, world.business),
        Business.objects.editable_by(user).filter(pk=world.business.pk).exists(),
    )


def reviews_own_submission(world, user):
    world.nomination.submitted_by = user if user.is_authenticated else None
    return rules.can_review(user, world.nomination)


def decides_after_recommending(world, user):
    if user.is_authenticated:
        NominationEvent.objects.create(
            nomination=world.nomination,
            action="recommend",
            from_state="submitted",
            to_state="recommended",
            actor=user,
        )
    return rules.can_decide(user, world.nomination)


def nominates_as_collaborator(world, user):
    agencies = list(rules.nominating_agencies(user, world.published))
    return agencies == [world.collaborator]


def collaborator_nomination(world):
    world.nomination.agency = world.collaborator
    return world.nomination


Y, N = True, False
A, OE, OM, CE, XE, XM, R, AD = (
    "anonymous",
    "owner_editor",
    "owner_manager",
    "collab_editor",
    "other_editor",
    "invited_manager",
    "reviewer",
    "administrator",
)

# action, check(world, user) -> allowed, {person: expected}
MATRIX = [
    ("see published product, business, agency", sees_published,
     {A: Y, OE: Y, CE: Y, XE: Y, R: Y, AD: Y}),
    ("see a draft product", lambda w, u: sees(w, u, w.draft),
     {A: N, OE: Y, OM: Y, CE: Y, XE: N, R: N, AD: Y}),
    ("see an archived product", lambda w, u: sees(w, u, w.archived),
     {A: N, OE: Y, CE: Y, XE: N, R: N, AD: Y}),
    ("create a product for the owner agency", lambda w, u: rules.can_create_product(u, w.owner),
     {A: N, OE: Y, OM: Y, CE: N, XE: N, R: N, AD: Y}),
    ("create a product for one's own agency",
     lambda w, u: rules.can_create_product(u, w.collaborator),
     {A: N, CE: Y, R: N}),
    ("edit product content and images", edits,
     {A: N, OE: Y, OM: Y, CE: Y, XE: N, R: N, AD: Y}),
    ("publish, unpublish, archive", manages,
     {A: N, OE: Y, OM: Y, CE: N, XE: N, R: N, AD: Y}),
    ("hand over to another of one's own agencies",
     lambda w, u: rules.can_hand_over_product(u, w.draft, w.second),
     {A: N, OE: Y, CE: N, XE: N, R: N, AD: Y}),
    ("hand over to an agency one is not a member of",
     lambda w, u: rules.can_hand_over_product(u, w.draft, w.other),
     {OE: N, OM: N, AD: Y}),
    ("invite a collaborating agency, end a collaboration", manages,
     {A: N, OE: Y, CE: N, XE: N, R: N, AD: Y}),
    ("accept or decline an invitation",
     lambda w, u: rules.can_answer_collaboration(u, w.invitation),
     {A: N, OE: N, OM: N, CE: N, XE: N, XM: Y, R: N, AD: Y}),
    ("create a business", lambda w, u: rules.can_create_business(u),
     {A: N, OE: Y, CE: Y, XE: Y, R: N, AD: Y}),
    ("edit or deactivate a business", edits_business,
     {A: N, OE: Y, OM: Y, CE: N, XE: N, R: N, AD: Y}),
    ("manage the owner agency's members", lambda w, u: rules.can_manage_members(u, w.owner),
     {A: N, OE: N, OM: Y, CE: N, XE: N, XM: N, R: N, AD: Y}),
    ("nominate the product", lambda w, u: rules.can_nominate(u, w.published),
     {A: N, OE: Y, OM: Y, CE: Y, XE: N, R: N, AD: N}),
    ("nominate it through the co-curating agency", nominates_as_collaborator,
     {CE: Y, OE: N}),
    ("act as nominator on the owner agency's nomination",
     lambda w, u: rules.can_act_as_nominator(u, w.nomination),
     {A: N, OE: Y, OM: Y, CE: N, XE: N, R: N, AD: N}),
    ("act as nominator on the co-curator's nomination",
     lambda w, u: rules.can_act_as_nominator(u, collaborator_nomination(w)),
     {OE: N, CE: Y}),
    ("review a nomination", lambda w, u: rules.can_review(u, w.nomination),
     {A: N, OE: N, CE: N, XE: N, R: Y, AD: N}),
    ("review one's own submission", reviews_own_submission, {R: N}),
    ("approve or decline", lambda w, u: rules.can_decide(u, w.nomination),
     {A: N, OE: N, CE: N, XE: N, R: N, AD: Y}),
    ("approve what one recommended", decides_after_recommending, {AD: N}),
    ("revoke a designation",
     lambda w, u: rules.can_revoke(u, DesignationFactory(product=w.published)),
     {A: N, OE: N, CE: N, XE: N, R: N, AD: Y}),
]  # fmt: skip

CELLS = [
    pytest.param(check, person, expected, id=f"{action} | {person}")
    for action, check, expectations in MATRIX
    for person, expected in expectations.items()
]


@pytest.mark.parametrize(("check", "person", "expected"), CELLS)
def test_matrix(world, check, person, expected):
    assert check(world, world.people[person]) is expected


def test_nominations_are_visible_to_their_agency_reviewers_and_administrators(world):
    draft = NominationFactory(product=world.draft, agency=world.owner, created_by=world.people[OE])
    visible = {
        person: set(Nomination.objects.visible_to(user).values_list("pk", flat=True))
        for person, user in world.people.items()
    }
    both = {world.nomination.pk, draft.pk}
    assert visible[OE] == both
    assert visible[AD] == both
    # Reviewers see what was ever submitted, never another agency's draft.
    assert visible[R] == {world.nomination.pk}
    assert visible[A] == visible[XE] == visible[CE] == set()


def test_removed_member_loses_rights_on_the_next_check(world):
    editor = world.people[OE]
    assert rules.can_edit_product(editor, world.draft)

    editor.memberships.filter(agency=world.owner).delete()

    assert not rules.can_edit_product(editor, world.draft)
    assert not Product.objects.visible_to(editor).filter(pk=world.draft.pk).exists()


def test_deactivated_user_has_no_rights(world):
    editor = world.people[OE]
    editor.is_active = False
    editor.save()

    assert not rules.can_edit_product(editor, world.draft)
    assert not Product.objects.editable_by(editor).exists()


def test_ended_collaboration_takes_the_co_curators_rights_away(world):
    world.draft.collaborations.update(status=Collaboration.Status.ENDED)

    assert not rules.can_edit_product(world.people[CE], world.draft)
    assert not Product.objects.visible_to(world.people[CE]).filter(pk=world.draft.pk).exists()


def test_superuser_is_an_administrator(db):
    assert rules.is_administrator(UserFactory(is_superuser=True))
    assert not rules.is_administrator(UserFactory(is_staff=True))


def test_migrations_create_the_administrator_group(db):
    group = Group.objects.get(name=rules.ADMINISTRATOR_GROUP)
    assert group.permissions.filter(codename="approve_nomination").exists()
