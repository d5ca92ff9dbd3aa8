"""The referrals inbox decides every row's buttons from the user's rights read once: its
queries do not grow with the number of agencies the rows come from or go to."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from support import rules
from support.models import Referral
from support.services.referrals import allowed_steps
from tests.factories import AgencyFactory, BusinessFactory, ReferralFactory
from tests.workspace.helpers import url

pytestmark = pytest.mark.django_db
R = Referral.Status


def inbox_queries(client) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url("workspace-referrals") + "?kotak=masuk")
    assert response.status_code == 200
    return len(captured), response.text


def refer(number, *, from_agency, to_agency, status):
    return ReferralFactory(
        business=BusinessFactory(name=f"Usaha {number}"),
        from_agency=from_agency,
        to_agency=to_agency,
        status=status,
        answered_at=timezone.now() if status != R.SENT else None,
    )


def test_the_inbox_costs_the_same_for_one_sending_agency_and_for_twelve(client, world):
    """Each (status, sender, receiver) on the page used to read the user's memberships again:
    a page of referrals from many agencies cost a query more for each."""
    client.force_login(world.people["collab_editor"])
    for number, status in enumerate([R.SENT, R.ACCEPTED]):
        refer(number, from_agency=world.owner, to_agency=world.collaborator, status=status)
    client.get(url("workspace-referrals"))  # the account's permissions, read once
    few, _ = inbox_queries(client)

    for number in range(2, 14):
        status = (R.SENT, R.ACCEPTED)[number % 2]
        refer(number, from_agency=AgencyFactory(), to_agency=world.collaborator, status=status)
    many, html = inbox_queries(client)

    assert many == few
    # Every row's step for the receiving agency: accept (sent) or complete (accepted).
    assert html.count('action="/ruang-kerja/rujukan/') == 14


@pytest.mark.parametrize(
    "who", ["owner_editor", "collab_editor", "collab_manager", "reviewer", "administrator"]
)
def test_the_rights_read_once_give_the_steps_the_user_gives(world, who):
    """`rules.editor(user)` in place of the user: the same predicates, the same answers."""
    user = world.people[who]
    referrals = [
        refer(number, from_agency=sender, to_agency=receiver, status=status)
        for number, (sender, receiver, status) in enumerate(
            [
                (world.owner, world.collaborator, R.SENT),
                (world.collaborator, world.owner, R.ACCEPTED),
                (world.other, world.collaborator, R.ACCEPTED),
                (world.owner, world.other, R.SENT),
                (world.owner, world.collaborator, R.DECLINED),
            ]
        )
    ]
    rights = rules.editor(user)

    for referral in referrals:
        assert allowed_steps(referral, rights) == allowed_steps(referral, user)


def test_only_an_unanswered_referral_says_when_its_answer_is_due(client, world):
    """The row's words follow the model's statuses (Referral.Status), not strings of their own."""
    client.force_login(world.people["collab_editor"])
    refer(0, from_agency=world.owner, to_agency=world.collaborator, status=R.SENT)
    refer(1, from_agency=world.owner, to_agency=world.collaborator, status=R.ACCEPTED)

    html = client.get(url("workspace-referrals")).text

    assert html.count("jawab paling lambat") == 1


@pytest.mark.parametrize(
    ("status", "said"), [(R.DECLINED, "Ditolak oleh"), (R.ACCEPTED, "Diterima oleh")]
)
def test_a_referral_page_says_who_declined_or_accepted_it(client, world, status, said):
    client.force_login(world.people["collab_editor"])
    referral = refer(0, from_agency=world.owner, to_agency=world.collaborator, status=status)
    Referral.objects.filter(pk=referral.pk).update(
        answered_by=world.people["collab_editor"], answer_note="Catatan"
    )

    html = client.get(url("workspace-referral", referral.pk)).text

    assert said in html
    assert ({"Ditolak oleh", "Diterima oleh"} - {said}).pop() not in html
