"""An agency's members page: managers of that agency and administrators add, change and remove
members and invite new staff; everyone else 403, an unknown agency 404. The database is checked
after every request."""

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import translation
from django.utils.translation import gettext

from agencies.models import Membership, Role
from tests.factories import UserFactory
from tests.workspace.helpers import (
    as_user,
    assert_sent_to_login,
    edited,
    messages_of,
    url,
)

User = get_user_model()

MANAGE_OWNER = {  # the members of Dinas Pertanian
    "owner_editor": 403,
    "owner_manager": 200,
    "collab_editor": 403,
    "other_editor": 403,
    "reviewer": 403,
    "invited_manager": 403,  # a manager, but of another agency
    "administrator": 200,
}


@pytest.mark.parametrize("who", MANAGE_OWNER)
def test_members_page_is_for_the_agencys_managers(client, world, who):
    response = as_user(client, world, who).get(url("workspace-members", world.owner.slug))

    assert response.status_code == MANAGE_OWNER[who]
    if response.status_code == 200:
        assert "pertanian.editor" in response.content.decode()
        assert "no-store" in response["Cache-Control"]


def test_unknown_agency_is_404_and_anonymous_signs_in(client, world):
    assert_sent_to_login(client.get(url("workspace-members", world.owner.slug)))
    client.force_login(world.people["owner_manager"])

    assert client.get(url("workspace-members", "dinas-tidak-ada")).status_code == 404


@pytest.mark.parametrize("who", MANAGE_OWNER)
def test_add_a_member_by_username(client, world, who):
    newcomer = UserFactory(username="pegawai.baru")

    response = as_user(client, world, who).post(
        url("workspace-member-add", world.owner.slug),
        {"username": "pegawai.baru", "role": Role.EDITOR},
    )

    added = Membership.objects.filter(user=newcomer, agency=world.owner)
    if MANAGE_OWNER[who] == 200:
        assert response.status_code == 302
        assert added.get().role == Role.EDITOR
    else:
        assert response.status_code == 403
        assert not added.exists()


def test_an_unknown_username_is_a_form_error(client, world):
    client.force_login(world.people["owner_manager"])

    response = client.post(
        url("workspace-member-add", world.owner.slug), {"username": "tidak.ada", "role": "editor"}
    )

    assert response.status_code == 200
    assert response.context["add_form"].errors["username"]
    assert world.owner.memberships.count() == 2


def test_adding_a_member_twice_says_why(client, world):
    client.force_login(world.people["owner_manager"])

    response = client.post(
        url("workspace-member-add", world.owner.slug),
        {"username": "pertanian.editor", "role": Role.MANAGER},
    )

    assert response.status_code == 302
    assert messages_of(response)
    assert world.owner.memberships.get(user__username="pertanian.editor").role == Role.EDITOR


def test_manager_changes_a_role(client, world):
    membership = world.owner.memberships.get(user__username="pertanian.editor")
    client.force_login(world.people["owner_manager"])

    client.post(
        url("workspace-member-role", world.owner.slug, membership.pk), {"role": Role.MANAGER}
    )

    membership.refresh_from_db()
    assert membership.role == Role.MANAGER


@pytest.mark.parametrize("who", ["owner_editor", "invited_manager", "collab_editor"])
def test_non_managers_may_not_change_or_remove(client, world, who):
    membership = world.owner.memberships.get(user__username="pertanian.editor")
    client.force_login(world.people[who])

    changed = client.post(
        url("workspace-member-role", world.owner.slug, membership.pk), {"role": Role.MANAGER}
    )
    removed = client.post(url("workspace-member-remove", world.owner.slug, membership.pk))

    assert (changed.status_code, removed.status_code) == (403, 403)
    membership.refresh_from_db()
    assert membership.role == Role.EDITOR


def test_a_membership_of_another_agency_is_404(client, world):
    elsewhere = world.other.memberships.first()
    client.force_login(world.people["owner_manager"])

    response = client.post(url("workspace-member-remove", world.owner.slug, elsewhere.pk))

    assert response.status_code == 404
    assert Membership.objects.filter(pk=elsewhere.pk).exists()


def test_a_removed_member_loses_access_on_the_next_request(client, world):
    editor = world.people["owner_editor"]
    membership = world.owner.memberships.get(user=editor)
    client.force_login(editor)
    assert client.get(url("workspace-product-edit", world.draft.slug)).status_code == 200

    client.force_login(world.people["owner_manager"])
    response = client.post(url("workspace-member-remove", world.owner.slug, membership.pk))
    assert response.status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()

    client.force_login(editor)
    assert client.get(url("workspace-product-edit", world.draft.slug)).status_code == 404
    response = client.post(
        url("workspace-product-edit", world.draft.slug), edited(world.draft, summary="Masih?")
    )
    assert response.status_code == 404
    world.draft.refresh_from_db()
    assert world.draft.summary == ""


def test_the_last_manager_cannot_be_removed_or_demoted(client, world):
    manager = world.people["owner_manager"]
    membership = world.owner.memberships.get(user=manager)
    client.force_login(manager)

    removed = client.post(url("workspace-member-remove", world.owner.slug, membership.pk))
    demoted = client.post(
        url("workspace-member-role", world.owner.slug, membership.pk), {"role": Role.EDITOR}
    )

    assert messages_of(removed) and messages_of(demoted)
    membership.refresh_from_db()
    assert membership.role == Role.MANAGER


def test_a_manager_who_steps_down_goes_back_to_the_workspace(client, world):
    manager = world.people["owner_manager"]
    world.owner.memberships.filter(user=world.people["owner_editor"]).update(role=Role.MANAGER)
    client.force_login(manager)

    response = client.post(
        url(
            "workspace-member-role", world.owner.slug, world.owner.memberships.get(user=manager).pk
        ),
        {"role": Role.EDITOR},
    )

    assert response.url == url("workspace")
    assert world.owner.memberships.get(user=manager).role == Role.EDITOR
    assert client.get(url("workspace-members", world.owner.slug)).status_code == 403


def test_administrator_may_remove_the_last_manager(client, world):
    membership = world.owner.memberships.get(user=world.people["owner_manager"])
    client.force_login(world.people["administrator"])

    client.post(url("workspace-member-remove", world.owner.slug, membership.pk))

    assert not Membership.objects.filter(pk=membership.pk).exists()


@pytest.mark.parametrize("who", MANAGE_OWNER)
def test_invite_new_staff_by_email(client, world, who, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = as_user(client, world, who).post(
            url("workspace-member-invite", world.owner.slug),
            {"email": "Staf.Baru@Babelprov.go.id", "role": Role.EDITOR},
        )

    invited = Membership.objects.filter(
        agency=world.owner, user__email__iexact="staf.baru@babelprov.go.id"
    )
    if MANAGE_OWNER[who] == 200:
        assert response.status_code == 302
        user = invited.get().user
        assert not user.has_usable_password()
        assert len(mail.outbox) == 1
        assert f"{settings.SITE_URL}/" in mail.outbox[0].body  # an absolute link (SITE_URL)
    else:
        assert response.status_code == 403
        assert not invited.exists()
        assert not User.objects.filter(email__iexact="staf.baru@babelprov.go.id").exists()
        assert not mail.outbox


def test_an_invalid_email_is_a_form_error(client, world):
    client.force_login(world.people["owner_manager"])

    response = client.post(
        url("workspace-member-invite", world.owner.slug), {"email": "bukan-email", "role": "editor"}
    )

    assert response.status_code == 200
    assert response.context["invite_form"].errors["email"]
    assert 'id="id_invite_email_error"' in response.content.decode()
    assert world.owner.memberships.count() == 2


def test_inviting_someone_who_has_an_account_adds_them_without_mail(
    client, world, django_capture_on_commit_callbacks
):
    colleague = UserFactory(username="rina", email="rina@babelprov.go.id")
    client.force_login(world.people["owner_manager"])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("workspace-member-invite", world.owner.slug),
            {"email": "rina@babelprov.go.id", "role": Role.EDITOR},
        )

    assert world.owner.memberships.get(user=colleague).role == Role.EDITOR
    assert not mail.outbox
    assert "rina" in messages_of(response)[0]


def test_the_invitation_is_written_in_the_invitees_language(
    client, world, django_capture_on_commit_callbacks
):
    """A manager working in English invites a newcomer: the mail is in Indonesian (the portal's
    language, the newcomer has chosen none), the role included — not half in the inviter's."""
    client.force_login(world.people["owner_manager"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/en" + url("workspace-member-invite", world.owner.slug),
            {"email": "staf.baru@babelprov.go.id", "role": Role.MANAGER},
        )

    [sent] = mail.outbox
    with translation.override("id"):
        assert gettext("Manager") in sent.body  # Pengelola
        assert sent.subject == gettext("You are invited to Etalase UMKM Babel")
    assert "Manager" not in sent.body
