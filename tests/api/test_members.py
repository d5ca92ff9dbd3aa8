"""An agency's members through the API (docs/architecture.md §4, §5): its managers and
administrators add, change and remove them and invite new staff by e-mail; everyone else signed in
is refused with 403 (agencies are public), anonymous clients with 401."""

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model

from agencies.models import Membership, Role
from tests.api.helpers import url
from tests.factories import MembershipFactory, UserFactory

User = get_user_model()

#: Who may manage Dinas Pertanian's members.
MATRIX = [
    ("anonymous", 401),
    ("owner_editor", 403),
    ("owner_manager", None),  # the success code of the request
    ("collab_editor", 403),
    ("foreign_editor", 403),
    ("reviewer", 403),
    ("invited_manager", 403),  # a manager, of another agency
    ("administrator", None),
]


def members_url(agency="dinas-pertanian"):
    return url("agency-members", agency)


def member_url(membership, agency="dinas-pertanian"):
    return url("agency-member", agency, membership.pk)


def membership_of(world, person, agency=None):
    return Membership.objects.get(user=world.people[person], agency=agency or world.owner)


# List -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("person", "expected"), MATRIX)
def test_only_managers_and_administrators_list_the_members(world, client_of, person, expected):
    response = client_of(person).get(members_url())

    assert response.status_code == (expected or 200)
    if expected is None:
        assert [m["username"] for m in response.json()["results"]] == [
            "pertanian.editor",
            "pertanian.manager",
        ]


def test_a_member_shows_id_username_full_name_email_and_role(world, client_of):
    manager = world.people["owner_manager"]
    manager.first_name, manager.last_name = "Siti", "Rahayu"
    manager.save()

    response = client_of("owner_manager").get(members_url())

    row = response.json()["results"][1]
    assert row.pop("created_at")  # when they were added (or invited)
    assert row == {
        "id": membership_of(world, "owner_manager").pk,
        "username": "pertanian.manager",
        "full_name": "Siti Rahayu",
        "email": "pertanian.manager@example.org",
        "role": "manager",
        "pending": False,  # has a password: not an invitation waiting
    }


def test_an_unknown_agency_is_a_404(world, client_of):
    assert client_of("administrator").get(members_url("tidak-ada")).status_code == 404


# Add --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("person", "expected"), MATRIX)
def test_only_managers_and_administrators_add_members(world, client_of, person, expected):
    newcomer = UserFactory(username="staf.baru")

    response = client_of(person).post(
        members_url(), {"username": "staf.baru", "role": "editor"}, format="json"
    )

    assert response.status_code == (expected or 201)
    added = Membership.objects.filter(user=newcomer, agency=world.owner)
    if expected is None:
        assert added.get().role == Role.EDITOR
        assert response.json()["id"] == added.get().pk
        assert response.json()["username"] == "staf.baru"
    else:
        assert not added.exists()


@pytest.mark.parametrize(("person", "expected"), MATRIX)
def test_only_managers_and_administrators_invite_staff_by_e_mail(
    world, client_of, django_capture_on_commit_callbacks, mailoutbox, person, expected
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_of(person).post(
            members_url(), {"email": "staf@babelprov.go.id", "role": "editor"}, format="json"
        )

    assert response.status_code == (expected or 201)
    invited = User.objects.filter(email="staf@babelprov.go.id")
    assert invited.exists() is (expected is None)
    assert len(mailoutbox) == (1 if expected is None else 0)


def test_a_manager_invites_new_staff_by_e_mail(
    world, client_of, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_of("owner_manager").post(
            members_url(), {"email": "Staf.Baru@Babelprov.go.id", "role": "editor"}, format="json"
        )

    assert response.status_code == 201
    user = User.objects.get(email__iexact="staf.baru@babelprov.go.id")
    assert not user.has_usable_password()
    assert Membership.objects.get(user=user).agency == world.owner
    [mail] = mailoutbox
    assert mail.to == ["Staf.Baru@babelprov.go.id"]
    assert f"{settings.SITE_URL}/" in mail.body  # an absolute link, to set the password


@pytest.mark.parametrize(
    ("body", "at_fault"),
    [
        ({"username": "tidak-ada", "role": "editor"}, "username"),
        ({"username": "staf.baru", "role": "direktur"}, "role"),
        ({"username": "staf.baru"}, "role"),
        ({"email": "bukan-email", "role": "editor"}, "email"),
        ({"role": "editor"}, "non_field_errors"),
        (
            {"username": "staf.baru", "email": "staf@example.org", "role": "editor"},
            "non_field_errors",
        ),
        ({"username": "staf.baru", "role": "editor", "agency": "disperindag"}, "agency"),
    ],
)
def test_an_invalid_new_member_is_a_400_and_adds_nobody(
    world, client_of, mailoutbox, body, at_fault
):
    UserFactory(username="staf.baru")
    before = Membership.objects.count()

    response = client_of("owner_manager").post(members_url(), body, format="json")

    assert response.status_code == 400
    assert at_fault in response.json()
    assert Membership.objects.count() == before
    assert mailoutbox == []


def test_adding_a_member_twice_is_a_409(world, client_of):
    response = client_of("owner_manager").post(
        members_url(), {"username": "pertanian.editor", "role": "manager"}, format="json"
    )

    assert response.status_code == 409
    assert membership_of(world, "owner_editor").role == Role.EDITOR


def test_a_refused_manager_learns_nothing_from_the_payload(world, client_of):
    response = client_of("invited_manager").post(
        members_url(), {"username": "tidak-ada", "role": "direktur"}, format="json"
    )

    assert response.status_code == 403


# Change role ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("person", "expected"), MATRIX)
def test_only_managers_and_administrators_change_roles(world, client_of, person, expected):
    editor = membership_of(world, "owner_editor")

    response = client_of(person).patch(member_url(editor), {"role": "manager"}, format="json")

    assert response.status_code == (expected or 200)
    editor.refresh_from_db()
    assert editor.role == (Role.MANAGER if expected is None else Role.EDITOR)
    if expected is None:
        assert response.json()["role"] == "manager"


def test_the_last_manager_may_not_step_down(world, client_of):
    manager = membership_of(world, "owner_manager")

    response = client_of("owner_manager").patch(
        member_url(manager), {"role": "editor"}, format="json"
    )

    assert response.status_code == 409
    manager.refresh_from_db()
    assert manager.role == Role.MANAGER


@pytest.mark.parametrize(
    ("body", "at_fault"),
    [({"role": "direktur"}, "role"), ({}, "role"), ({"role": "editor", "user": 1}, "user")],
)
def test_an_invalid_role_change_is_a_400(world, client_of, body, at_fault):
    editor = membership_of(world, "owner_editor")

    response = client_of("owner_manager").patch(member_url(editor), body, format="json")

    assert response.status_code == 400
    assert at_fault in response.json()
    editor.refresh_from_db()
    assert editor.role == Role.EDITOR


@pytest.mark.parametrize("method", ["patch", "delete"])
def test_a_membership_of_another_agency_is_a_404_here(world, client_of, method):
    foreign = membership_of(world, "foreign_editor", world.foreign)

    response = getattr(client_of("owner_manager"), method)(
        member_url(foreign), {"role": "manager"}, format="json"
    )

    assert response.status_code == 404
    foreign.refresh_from_db()
    assert foreign.role == Role.EDITOR


@pytest.mark.parametrize("membership_id", ["abc", "99999999", "99999999999999999999"])
def test_forged_membership_ids_are_a_404(world, client_of, membership_id):
    response = client_of("administrator").delete(
        f"/api/v1/agencies/dinas-pertanian/members/{membership_id}/"
    )

    assert response.status_code == 404
    assert world.owner.memberships.count() == 2


# Remove -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("person", "expected"), MATRIX)
def test_only_managers_and_administrators_remove_members(world, client_of, person, expected):
    editor = membership_of(world, "owner_editor")

    response = client_of(person).delete(member_url(editor))

    assert response.status_code == (expected or 204)
    assert Membership.objects.filter(pk=editor.pk).exists() is (expected is not None)


def test_rights_go_with_the_membership(world, client_of):
    editor = client_of("owner_editor")

    client_of("owner_manager").delete(member_url(membership_of(world, "owner_editor")))
    response = editor.patch(
        url("product-detail", "lada-putih-muntok"), {"unit": "per kg"}, format="json"
    )

    assert response.status_code == 403
    world.published.refresh_from_db()
    assert world.published.unit == "per 250 g"


def test_the_last_manager_may_not_leave_but_an_administrator_may_remove_them(world, client_of):
    manager = membership_of(world, "owner_manager")

    refused = client_of("owner_manager").delete(member_url(manager))
    assert Membership.objects.filter(pk=manager.pk).exists()
    removed = client_of("administrator").delete(member_url(manager))

    assert (refused.status_code, removed.status_code) == (409, 204)
    assert not Membership.objects.filter(pk=manager.pk).exists()


def test_a_second_manager_may_remove_the_first(world, client_of):
    MembershipFactory(agency=world.owner, role=Role.MANAGER, user__username="kepala.dinas")
    manager = membership_of(world, "owner_manager")

    response = client_of("owner_manager").delete(member_url(manager))

    assert response.status_code == 204
    assert not Membership.objects.filter(pk=manager.pk).exists()
