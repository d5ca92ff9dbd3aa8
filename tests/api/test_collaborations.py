"""Co-curation through the API (docs/architecture.md §4, §5): the curating agency invites and ends,
a manager of the invited agency accepts or declines, and the rows stay as the product's trail."""

import pytest

from agencies.models import Role
from catalog.models import Collaboration, Product
from tests.api.helpers import url
from tests.factories import CollaborationFactory, MembershipFactory

C = Collaboration.Status


def reread(collaboration):
    collaboration.refresh_from_db()
    return collaboration


# The trail --------------------------------------------------------------------------------------


def test_the_curating_agency_sees_every_collaboration_of_the_product(world, client_of):
    declined = CollaborationFactory(
        product=world.published, agency=world.leading, status=C.DECLINED
    )
    ended = CollaborationFactory(product=world.published, agency=world.foreign, status=C.ENDED)

    response = client_of("owner_editor").get(url("product-collaborations", "lada-putih-muntok"))

    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 4
    assert {(item["agency"], item["status"]) for item in data["results"]} == {
        ("dinas-koperasi-ukm", "accepted"),
        ("dinas-kelautan-perikanan", "pending"),
        ("disperindag", "declined"),
        ("dinas-pariwisata", "ended"),
    }
    assert {item["id"] for item in data["results"]} >= {declined.pk, ended.pk}


def test_a_collaboration_shows_who_what_and_when(world, client_of):
    response = client_of("administrator").get(url("product-collaborations", "lada-putih-muntok"))

    accepted = next(i for i in response.json()["results"] if i["id"] == world.collaboration.pk)
    assert set(accepted) == {
        "id",
        "product",
        "agency",
        "note",
        "status",
        "invited_by",
        "invited_at",
        "answered_at",
        "ended_at",
    }
    assert accepted["product"] == "lada-putih-muntok"
    assert accepted["note"] == "pendampingan halal"
    assert accepted["invited_by"] == world.collaboration.invited_by.username


@pytest.mark.parametrize(
    ("person", "expected"),
    [
        ("owner_manager", {"dinas-koperasi-ukm", "dinas-kelautan-perikanan"}),
        ("collab_editor", {"dinas-koperasi-ukm"}),  # its own only
        ("invited_manager", {"dinas-kelautan-perikanan"}),
        ("foreign_editor", set()),
        ("reviewer", set()),
        ("administrator", {"dinas-koperasi-ukm", "dinas-kelautan-perikanan"}),
    ],
)
def test_each_agency_sees_the_collaborations_it_takes_part_in(world, client_of, person, expected):
    response = client_of(person).get(url("product-collaborations", "lada-putih-muntok"))

    assert response.status_code == 200
    assert {item["agency"] for item in response.json()["results"]} == expected


def test_the_trail_is_not_for_anonymous_clients(world, client_of):
    response = client_of("anonymous").get(url("product-collaborations", "lada-putih-muntok"))

    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Token")


@pytest.mark.parametrize("person", ["owner_editor", "reviewer"])
def test_the_trail_of_a_draft_one_may_not_see_is_a_404(world, client_of, person):
    response = client_of(person).get(url("product-collaborations", "kopi-draf-pariwisata"))

    assert response.status_code == 404


# Invite -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("person", "expected"),
    [
        ("anonymous", 401),
        ("owner_editor", 201),
        ("owner_manager", 201),
        ("collab_editor", 403),
        ("foreign_editor", 403),
        ("reviewer", 403),
        ("invited_manager", 403),
        ("administrator", 201),
    ],
)
def test_only_the_curating_agency_and_administrators_invite(
    world, client_of, django_capture_on_commit_callbacks, mailoutbox, person, expected
):
    MembershipFactory(agency=world.leading, role=Role.MANAGER)

    with django_capture_on_commit_callbacks(execute=True):
        response = client_of(person).post(
            url("product-collaborations", "lada-putih-muntok"),
            {"agency": "disperindag", "note": "kurasi kemasan"},
            format="json",
        )

    assert response.status_code == expected
    invited = Collaboration.objects.filter(product=world.published, agency=world.leading)
    if expected == 201:
        collaboration = invited.get()
        assert response.json()["id"] == collaboration.pk
        assert (collaboration.status, collaboration.note) == (C.PENDING, "kurasi kemasan")
        assert collaboration.invited_by == world.people[person]
        assert len(mailoutbox) == 1
    else:
        assert not invited.exists()
        assert mailoutbox == []


def test_an_agency_invited_already_is_a_409(world, client_of):
    response = client_of("owner_editor").post(
        url("product-collaborations", "lada-putih-muntok"),
        {"agency": "dinas-kelautan-perikanan"},
        format="json",
    )

    assert response.status_code == 409
    assert world.published.collaborations.filter(agency=world.other).count() == 1


def test_a_declined_agency_may_be_invited_again_and_the_old_row_stays(world, client_of):
    Collaboration.objects.filter(pk=world.invitation.pk).update(status=C.DECLINED)

    response = client_of("owner_editor").post(
        url("product-collaborations", "lada-putih-muntok"),
        {"agency": "dinas-kelautan-perikanan"},
        format="json",
    )

    assert response.status_code == 201
    statuses = world.published.collaborations.filter(agency=world.other).values_list("status")
    assert sorted(s for (s,) in statuses) == ["declined", "pending"]


@pytest.mark.parametrize(
    ("body", "at_fault"),
    [
        ({"agency": "dinas-pertanian"}, "agency"),  # itself
        ({"agency": "tidak-ada"}, "agency"),
        ({}, "agency"),
        ({"agency": "disperindag", "note": "x" * 301}, "note"),
        ({"agency": "disperindag", "status": "accepted"}, "status"),
        ({"agency": "disperindag", "invited_by": 1}, "invited_by"),
    ],
)
def test_an_invalid_invitation_is_a_400_and_invites_nobody(world, client_of, body, at_fault):
    before = Collaboration.objects.count()

    response = client_of("owner_editor").post(
        url("product-collaborations", "lada-putih-muntok"), body, format="json"
    )

    assert response.status_code == 400
    assert at_fault in response.json()
    assert Collaboration.objects.count() == before


def test_a_co_curator_inviting_with_an_invalid_payload_is_a_403(world, client_of):
    before = Collaboration.objects.count()

    response = client_of("collab_editor").post(
        url("product-collaborations", "lada-putih-muntok"),
        {"agency": "tidak-ada", "status": "accepted"},
        format="json",
    )

    assert response.status_code == 403
    assert Collaboration.objects.count() == before


def test_inviting_to_a_draft_one_may_not_see_is_a_404(world, client_of):
    response = client_of("owner_editor").post(
        url("product-collaborations", "kopi-draf-pariwisata"),
        {"agency": "dinas-pertanian"},
        format="json",
    )

    assert response.status_code == 404
    assert not world.foreign_draft.collaborations.exists()


# Accept and decline -----------------------------------------------------------------------------


ANSWERS = [
    ("anonymous", 401),
    ("invited_manager", 200),
    ("other_editor", 403),  # sees the invitation of their agency, may not answer it
    ("owner_editor", 403),  # sees it as the curating agency, may not answer it
    ("owner_manager", 403),
    ("collab_editor", 404),  # neither curating nor invited: a forged id
    ("foreign_editor", 404),
    ("reviewer", 404),
    ("administrator", 200),
]


@pytest.mark.parametrize(("person", "expected"), ANSWERS)
def test_a_manager_of_the_invited_agency_accepts(world, client_of, person, expected):
    response = client_of(person).post(url("collaboration-accept", world.invitation.pk))

    assert response.status_code == expected
    pending = reread(world.invitation)
    if expected == 200:
        assert pending.status == C.ACCEPTED
        assert pending.answered_by == world.people[person]
        assert response.json()["status"] == "accepted"
        assert response.json()["answered_at"] is not None
    else:
        assert (pending.status, pending.answered_by) == (C.PENDING, None)


@pytest.mark.parametrize(("person", "expected"), ANSWERS)
def test_a_manager_of_the_invited_agency_declines(world, client_of, person, expected):
    response = client_of(person).post(url("collaboration-decline", world.invitation.pk))

    assert response.status_code == expected
    assert reread(world.invitation).status == (C.DECLINED if expected == 200 else C.PENDING)


def test_once_accepted_the_invited_agencys_editors_edit_the_product(world, client_of):
    other_editor = client_of("other_editor")
    before = other_editor.patch(
        url("product-detail", "lada-putih-muntok"), {"unit": "per kg"}, format="json"
    )

    client_of("invited_manager").post(url("collaboration-accept", world.invitation.pk))
    after = other_editor.patch(
        url("product-detail", "lada-putih-muntok"), {"unit": "per kg"}, format="json"
    )

    assert (before.status_code, after.status_code) == (403, 200)
    world.published.refresh_from_db()
    assert world.published.unit == "per kg"


@pytest.mark.parametrize("verb", ["accept", "decline"])
def test_answering_twice_is_a_409(world, client_of, verb):
    manager = MembershipFactory(agency=world.collaborator, role=Role.MANAGER).user
    client = client_of("anonymous")
    client.force_authenticate(manager)

    response = client.post(url(f"collaboration-{verb}", world.collaboration.pk))

    assert response.status_code == 409
    assert reread(world.collaboration).status == C.ACCEPTED


@pytest.mark.parametrize("collaboration_id", ["999999", "abc", "99999999999999999999", "-1"])
@pytest.mark.parametrize("verb", ["accept", "decline", "end"])
def test_forged_collaboration_ids_are_a_404(world, client_of, verb, collaboration_id):
    response = client_of("administrator").post(f"/api/v1/collaborations/{collaboration_id}/{verb}/")

    assert response.status_code == 404
    assert reread(world.invitation).status == C.PENDING


def test_an_invitation_of_a_draft_one_may_not_see_is_a_404(world, client_of):
    hidden = CollaborationFactory(
        product=world.foreign_draft, agency=world.leading, status=C.PENDING
    )

    response = client_of("invited_manager").post(url("collaboration-accept", hidden.pk))

    assert response.status_code == 404
    assert reread(hidden).status == C.PENDING


def test_collaborations_take_posts_only(world, client_of):
    response = client_of("invited_manager").get(url("collaboration-accept", world.invitation.pk))

    assert response.status_code == 405
    assert reread(world.invitation).status == C.PENDING


# End --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("person", "expected"),
    [
        ("anonymous", 401),
        ("owner_editor", 200),
        ("owner_manager", 200),
        ("collab_editor", 403),  # the co-curator may not end it
        ("invited_manager", 404),
        ("foreign_editor", 404),
        ("reviewer", 404),
        ("administrator", 200),
    ],
)
def test_only_the_curating_agency_and_administrators_end_a_collaboration(
    world, client_of, person, expected
):
    response = client_of(person).post(url("collaboration-end", world.collaboration.pk))

    assert response.status_code == expected
    accepted = reread(world.collaboration)
    if expected == 200:
        assert (accepted.status, accepted.ended_by) == (C.ENDED, world.people[person])
        assert response.json()["ended_at"] is not None
    else:
        assert (accepted.status, accepted.ended_by) == (C.ACCEPTED, None)


def test_the_curating_agency_withdraws_an_invitation(world, client_of):
    response = client_of("owner_editor").post(url("collaboration-end", world.invitation.pk))

    assert response.status_code == 200
    assert reread(world.invitation).status == C.ENDED


def test_the_invited_manager_may_not_end_an_invitation(world, client_of):
    response = client_of("invited_manager").post(url("collaboration-end", world.invitation.pk))

    assert response.status_code == 403
    assert reread(world.invitation).status == C.PENDING


def test_ending_twice_is_a_409_and_the_row_stays(world, client_of):
    Collaboration.objects.filter(pk=world.collaboration.pk).update(status=C.ENDED)

    response = client_of("owner_editor").post(url("collaboration-end", world.collaboration.pk))

    assert response.status_code == 409
    assert reread(world.collaboration).status == C.ENDED


def test_once_ended_the_co_curator_no_longer_edits_nor_sees_the_draft(world, client_of):
    co_curation_of_draft = world.draft.collaborations.get()

    client_of("owner_editor").post(url("collaboration-end", co_curation_of_draft.pk))
    response = client_of("collab_editor").patch(
        url("product-detail", "getas-draf"), {"name": "Getas Koperasi"}, format="json"
    )

    assert response.status_code == 404
    assert Product.objects.get(pk=world.draft.pk).name == "Getas Draf"
    assert reread(co_curation_of_draft).status == C.ENDED
