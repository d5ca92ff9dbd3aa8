"""Collaborations in the workspace: invite (owner agency), accept and decline (managers of the
invited agency), end (owner agency), and the list of my agencies' collaborations; the database is
checked after every request."""

import pytest
from django.core import mail

from catalog.models import Collaboration, Product
from tests.factories import AgencyFactory, CollaborationFactory, MembershipFactory
from tests.workspace.helpers import as_user, assert_sent_to_login, edited, messages_of, url

C = Collaboration.Status
INVITE = {
    "owner_editor": 302,
    "collab_editor": 403,
    "other_editor": 404,
    "reviewer": 404,
    "invited_manager": 404,
    "administrator": 302,
}


@pytest.fixture
def newcomer(db):
    agency = AgencyFactory(slug="dinas-perindustrian", name="Dinas Perindustrian")
    MembershipFactory(agency=agency, role="manager")
    return agency


@pytest.mark.parametrize("who", [*INVITE, "anonymous"])
def test_invite_to_a_draft(client, world, newcomer, who):
    response = as_user(client, world, who).post(
        url("workspace-product-invite", world.draft.slug),
        {"agency": newcomer.pk, "note": "pendampingan sertifikasi halal"},
    )

    invited = Collaboration.objects.filter(product=world.draft, agency=newcomer)
    if who == "anonymous":
        assert_sent_to_login(response)
        assert not invited.exists()
        return
    assert response.status_code == INVITE[who]
    if INVITE[who] == 302:
        collaboration = invited.get()
        assert (collaboration.status, collaboration.note) == (
            C.PENDING,
            "pendampingan sertifikasi halal",
        )
        assert collaboration.invited_by == world.people[who]
    else:
        assert not invited.exists()


def test_inviting_sends_mail_to_the_invited_agencys_managers(
    client, world, newcomer, django_capture_on_commit_callbacks
):
    client.force_login(world.people["owner_editor"])

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("workspace-product-invite", world.draft.slug), {"agency": newcomer.pk})

    assert len(mail.outbox) == 1


def test_inviting_an_agency_that_is_invited_already_says_why(client, world):
    client.force_login(world.people["owner_editor"])

    response = client.post(
        url("workspace-product-invite", world.published.slug), {"agency": world.other.pk}
    )

    assert response.status_code == 302
    assert messages_of(response)
    assert world.published.collaborations.filter(agency=world.other).count() == 1


def test_the_owner_agency_is_not_offered_and_cannot_be_forged(client, world):
    client.force_login(world.people["owner_editor"])

    response = client.post(
        url("workspace-product-invite", world.draft.slug), {"agency": world.owner.pk}
    )

    assert response.status_code == 200
    assert response.context["invite_form"].errors["agency"]
    assert not world.draft.collaborations.filter(agency=world.owner).exists()


ANSWER = {
    "owner_editor": 403,
    "collab_editor": 404,
    "other_editor": 403,  # an editor of the invited agency: only its managers answer
    "reviewer": 404,
    "invited_manager": 302,
    "administrator": 302,
}


@pytest.mark.parametrize("who", [*ANSWER, "anonymous"])
@pytest.mark.parametrize(("action", "after"), [("accept", C.ACCEPTED), ("decline", C.DECLINED)])
def test_answer_an_invitation(client, world, who, action, after):
    response = as_user(client, world, who).post(
        url(f"workspace-collaboration-{action}", world.invitation.pk)
    )

    world.invitation.refresh_from_db()
    if who == "anonymous":
        assert_sent_to_login(response)
        assert world.invitation.status == C.PENDING
        return
    assert response.status_code == ANSWER[who]
    if ANSWER[who] == 302:
        assert world.invitation.status == after
        assert world.invitation.answered_by == world.people[who]
    else:
        assert (world.invitation.status, world.invitation.answered_by) == (C.PENDING, None)


def test_answering_twice_says_why_and_changes_nothing(client, world):
    client.force_login(world.people["invited_manager"])
    client.post(url("workspace-collaboration-decline", world.invitation.pk))

    response = client.post(url("workspace-collaboration-accept", world.invitation.pk))

    assert response.status_code == 302
    assert messages_of(response)
    world.invitation.refresh_from_db()
    assert world.invitation.status == C.DECLINED


END = {  # the collaboration of Diskop on the published product
    "owner_editor": 302,
    "collab_editor": 403,
    "other_editor": 404,  # neither owner nor invited: not even seen
    "reviewer": 404,
    "invited_manager": 404,
    "administrator": 302,
}


@pytest.mark.parametrize("who", END)
def test_end_a_collaboration(client, world, who):
    collaboration = world.published.collaborations.get(agency=world.collaborator)

    response = as_user(client, world, who).post(
        url("workspace-collaboration-end", collaboration.pk)
    )

    collaboration.refresh_from_db()
    assert response.status_code == END[who]
    assert (collaboration.status == C.ENDED) is (END[who] == 302)


def test_end_from_the_product_page_goes_back_there_and_stays_in_the_trail(client, world):
    collaboration = world.published.collaborations.get(agency=world.collaborator)
    client.force_login(world.people["owner_editor"])
    back = url("workspace-product", world.published.slug) + "#collaborations"

    response = client.post(
        url("workspace-collaboration-end", collaboration.pk),
        {"next": back},
    )
    evil = client.post(
        url("workspace-collaboration-end", world.invitation.pk),
        {"next": "https://evil.example/"},
    )

    assert response.url == back
    assert evil.url == url("workspace-collaborations")
    page = client.get(url("workspace-product", world.published.slug)).content.decode()
    assert page.count('class="status status--ended"') == 2  # rows are never deleted


def test_invite_accept_edit_end_then_no_more_edit(client, world, newcomer):
    """The whole life of a collaboration, through the pages only."""
    invited_manager = newcomer.memberships.get().user
    invited_editor = MembershipFactory(agency=newcomer).user
    edit = url("workspace-product-edit", world.draft.slug)

    client.force_login(invited_editor)
    assert client.get(edit).status_code == 404  # a draft: not even seen before accepting

    client.force_login(world.people["owner_editor"])
    client.post(url("workspace-product-invite", world.draft.slug), {"agency": newcomer.pk})
    collaboration = world.draft.collaborations.get(agency=newcomer)

    client.force_login(invited_manager)
    client.post(url("workspace-collaboration-accept", collaboration.pk))

    client.force_login(invited_editor)
    response = client.post(edit, edited(world.draft, summary="Didampingi Disperin."))
    assert response.status_code == 302
    assert Product.objects.get(pk=world.draft.pk).summary == "Didampingi Disperin."
    assert client.post(url("workspace-product-archive", world.draft.slug)).status_code == 403
    assert Product.objects.get(pk=world.draft.pk).status == "draft"

    client.force_login(world.people["owner_editor"])
    client.post(url("workspace-collaboration-end", collaboration.pk))

    client.force_login(invited_editor)
    response = client.post(edit, edited(world.draft, summary="Masih bisa?"))
    assert response.status_code == 404
    assert Product.objects.get(pk=world.draft.pk).summary == "Didampingi Disperin."
    collaboration.refresh_from_db()
    assert collaboration.status == C.ENDED


def test_list_shows_invitations_to_and_from_my_agencies_with_their_buttons(client, world):
    sent_elsewhere = CollaborationFactory(product=world.published, status=C.PENDING)
    client.force_login(world.people["invited_manager"])

    page = client.get(url("workspace-collaborations")).content.decode()

    assert url("workspace-collaboration-accept", world.invitation.pk) in page
    assert url("workspace-collaboration-end", world.invitation.pk) not in page
    assert f"kolaborasi-{sent_elsewhere.pk}" not in page  # neither to nor from my agencies

    client.force_login(world.people["owner_editor"])
    page = client.get(url("workspace-collaborations")).content.decode()

    assert url("workspace-collaboration-accept", world.invitation.pk) not in page
    assert url("workspace-collaboration-end", world.invitation.pk) in page
    assert url("workspace-collaboration-end", sent_elsewhere.pk) in page


def test_list_is_private_and_for_signed_in_staff(client, world):
    assert_sent_to_login(client.get(url("workspace-collaborations")))
    client.force_login(world.people["reviewer"])

    response = client.get(url("workspace-collaborations"))

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "kolaborasi-" not in response.content.decode()


def test_administrator_sees_every_collaboration_and_may_answer(client, world):
    client.force_login(world.people["administrator"])

    page = client.get(url("workspace-collaborations")).content.decode()

    assert url("workspace-collaboration-accept", world.invitation.pk) in page
    assert page.count("kolaborasi-") == Collaboration.objects.count()
