"""Members (issue 16, item 20): an invited person who has not set a password shows once, as
pending, with the day of the invitation, and can be sent the invitation again or have it
cancelled; the reviewer role is offered only where the agency may have reviewers and refused
elsewhere on the field (pages and API, one rule); removing asks first; the invitation's
set-password page says where the person was invited and lands on a welcome; the profile page."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.utils import formats, timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext
from rest_framework.test import APIClient

from agencies import services
from agencies.models import Membership, Role, StaffProfile
from notifications.models import Kind, Notification
from tests.factories import UserFactory
from tests.workspace.helpers import as_user, messages_of, url

pytestmark = pytest.mark.django_db
User = get_user_model()


def indonesian(msgid: str) -> str:
    """The page's words (Indonesian by default), whether or not the catalogue has them yet."""
    with translation.override("id"):
        return gettext(msgid)


@pytest.fixture
def invited(world):
    """pegawai.baru@example.org, invited to Dinas Pertanian as an editor, no password yet."""
    return services.invite_staff(
        agency=world.owner,
        by=world.people["owner_manager"],
        email="pegawai.baru@example.org",
        role=Role.EDITOR,
    )


def test_an_invited_member_shows_once_as_pending_with_the_day(client, world, invited):
    html = as_user(client, world, "owner_manager").get(url("workspace-members", world.owner.slug))
    html = html.content.decode()
    row = html.split("pegawai.baru@example.org", 1)[1].split("</li>", 1)[0]

    assert indonesian("Pending") in row
    with translation.override("id"):
        day = formats.date_format(timezone.localtime(invited.created_at), "j M Y")
    assert day in row
    # its e-mail address is its name: shown once, in its role's label, and in the hidden words of
    # its two buttons (not three times over in its one line)
    assert html.count("pegawai.baru@example.org") == 4
    assert url("workspace-member-resend", world.owner.slug, invited.pk) in html
    # an active member is not pending
    editor_row = html.split("pertanian.editor", 1)[1].split("</li>", 1)[0]
    assert indonesian("Pending") not in editor_row


def test_the_invitation_can_be_sent_again(client, world, invited):
    as_user(client, world, "owner_manager")
    before = Notification.objects.filter(recipient=invited.user, kind=Kind.INVITED).count()

    response = client.post(url("workspace-member-resend", world.owner.slug, invited.pk))

    assert response.status_code == 302
    after = Notification.objects.filter(recipient=invited.user, kind=Kind.INVITED).count()
    assert after == before + 1


def test_no_invitation_is_resent_to_someone_with_a_password(client, world):
    as_user(client, world, "owner_manager")
    editor = Membership.objects.get(user=world.people["owner_editor"], agency=world.owner)

    response = client.post(url("workspace-member-resend", world.owner.slug, editor.pk), follow=True)

    assert not Notification.objects.filter(recipient=editor.user, kind=Kind.INVITED).exists()
    refusal = indonesian("This person has set their password already: no invitation waits.")
    assert refusal in messages_of(response)


def test_the_reviewer_role_is_offered_only_in_a_leading_sector(client, world):
    as_user(client, world, "administrator")
    plain = client.get(url("workspace-members", world.owner.slug)).content.decode()
    leading = client.get(url("workspace-members", world.collaborator.slug)).content.decode()

    assert 'value="reviewer"' not in plain
    assert 'value="editor"' in plain and 'value="manager"' in plain
    assert 'value="reviewer"' in leading


@pytest.mark.parametrize(
    ("view", "data"),
    [
        ("workspace-member-invite", {"email": "penilai@example.org", "role": "reviewer"}),
        ("workspace-member-add", {"username": "calon.penilai", "role": "reviewer"}),
    ],
)
def test_a_reviewer_outside_a_leading_sector_is_refused_on_the_field(client, world, view, data):
    UserFactory(username="calon.penilai")
    as_user(client, world, "owner_manager")

    response = client.post(url(view, world.owner.slug), data)

    assert response.status_code == 200
    form = response.context["invite_form" if "invite" in view else "add_form"]
    assert "role" in form.errors and "sektor pemimpin" in " ".join(form.errors["role"])
    assert not Membership.objects.filter(agency=world.owner, role=Role.REVIEWER).exists()
    assert not User.objects.filter(email="penilai@example.org").exists()


def test_the_api_refuses_a_reviewer_outside_a_leading_sector_the_same_way(world):
    api = APIClient()
    api.force_authenticate(world.people["owner_manager"])
    members = f"/api/v1/agencies/{world.owner.slug}/members/"
    editor = Membership.objects.get(user=world.people["owner_editor"], agency=world.owner)

    added = api.post(members, {"email": "penilai@example.org", "role": "reviewer"}, format="json")
    changed = api.patch(f"{members}{editor.pk}/", {"role": "reviewer"}, format="json")

    for response in (added, changed):
        assert response.status_code == 400
        assert "role" in response.json()
    editor.refresh_from_db()
    assert editor.role == Role.EDITOR
    assert not Membership.objects.filter(agency=world.owner, role=Role.REVIEWER).exists()


def test_the_api_lists_pending_members(world, invited):
    api = APIClient()
    api.force_authenticate(world.people["owner_manager"])

    rows = api.get(f"/api/v1/agencies/{world.owner.slug}/members/").json()["results"]

    pending = {row["email"]: row["pending"] for row in rows}
    assert pending["pegawai.baru@example.org"] is True
    assert pending[world.people["owner_editor"].email] is False


def test_removing_a_member_asks_first_and_only_a_post_removes(client, world):
    as_user(client, world, "owner_manager")
    editor = Membership.objects.get(user=world.people["owner_editor"], agency=world.owner)
    remove = url("workspace-member-remove", world.owner.slug, editor.pk)

    question = client.get(remove)

    assert question.status_code == 200
    html = question.content.decode()
    assert 'method="post"' in html and "pertanian.editor" in html
    assert Membership.objects.filter(pk=editor.pk).exists()
    members_page = client.get(url("workspace-members", world.owner.slug)).content.decode()
    assert f'href="{remove}"' in members_page  # the list's "Remove" is a link to the question

    response = client.post(remove)

    assert response.status_code == 302
    assert not Membership.objects.filter(pk=editor.pk).exists()


def test_cancelling_an_invitation_removes_its_membership(client, world, invited):
    as_user(client, world, "owner_manager")
    remove = url("workspace-member-remove", world.owner.slug, invited.pk)

    assert indonesian("Cancel the invitation") in client.get(remove).content.decode()
    client.post(remove)

    assert not Membership.objects.filter(pk=invited.pk).exists()


def test_the_removal_question_is_for_managers_only(client, world):
    editor = Membership.objects.get(user=world.people["owner_editor"], agency=world.owner)
    as_user(client, world, "other_editor")

    question = client.get(url("workspace-member-remove", world.owner.slug, editor.pk))
    assert question.status_code == 403


def invitation_link(user) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return url("password_reset_confirm", uid, token)


def test_setting_the_password_of_an_invitation_welcomes_and_signs_in(client, world, invited):
    page = client.get(invitation_link(invited.user), follow=True)
    html = page.content.decode()
    assert "Dinas Pertanian" in html and "pegawai.baru@example.org" in html
    form_address = page.redirect_chain[-1][0]

    response = client.post(
        form_address,
        {"new_password1": "Lada-Putih-2026", "new_password2": "Lada-Putih-2026"},
    )

    assert response.status_code == 302 and response.url == url("workspace-welcome")
    invited.user.refresh_from_db()
    assert invited.user.check_password("Lada-Putih-2026")
    welcome = client.get(response.url)
    assert welcome.status_code == 200  # signed in
    html = welcome.content.decode()
    assert "Dinas Pertanian" in html and "Editor" in html
    assert f'href="{url("workspace")}"' in html and f'href="{url("workspace-profile")}"' in html


def test_an_ordinary_password_reset_keeps_its_own_end(client, world):
    user = world.people["owner_editor"]
    page = client.get(invitation_link(user), follow=True)
    assert "Dinas Pertanian" not in page.content.decode().split('id="account-title"', 1)[1]

    response = client.post(
        page.redirect_chain[-1][0],
        {"new_password1": "Lada-Putih-2026", "new_password2": "Lada-Putih-2026"},
    )

    assert response.url == url("password_reset_complete")


def test_the_profile_shows_who_you_are_and_sets_your_name(client, world):
    user = world.people["owner_manager"]
    user.email = "manager@pertanian.example.org"
    user.save()
    client.force_login(user)

    html = client.get(url("workspace-profile")).content.decode()

    for expected in (
        "pertanian.manager",
        "manager<wbr>@pertanian<wbr>.example<wbr>.org",  # wraps at its @ and dots only
        "Dinas Pertanian",
        "Pengelola",
        "Bahasa Indonesia",
        f'href="{url("password_change")}"',
        f'href="{url("workspace-notification-settings")}"',
    ):
        assert expected in html, expected

    response = client.post(url("workspace-profile"), {"first_name": "Siti", "last_name": "Aminah"})

    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.first_name, user.last_name) == ("Siti", "Aminah")


def test_the_profile_sets_the_nip_printed_under_the_signature(client, world):
    user = world.people["reviewer"]
    client.force_login(user)
    form = {"first_name": "Dedi", "last_name": "Saputra"}

    refused = client.post(url("workspace-profile"), {**form, "nip": "1234"})
    saved = client.post(url("workspace-profile"), {**form, "nip": "198703122010011002"})

    assert refused.status_code == 200 and refused.context["form"].errors["nip"]
    assert saved.status_code == 302
    assert StaffProfile.objects.get(user=user).nip == "198703122010011002"
    page = client.get(url("workspace-profile")).content.decode()
    assert 'value="198703122010011002"' in page
