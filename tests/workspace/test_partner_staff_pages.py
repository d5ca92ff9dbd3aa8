"""A partner's staff in the workspace (DESIGN §8 "Partner accounts"): every workspace address,
read from the URLconf, tried as an OKE OCE mentor. They see their partner's agreements and
record services, activities and participants under the open ones; every other page refuses
them (403, or 404 for a record they may not see) and a refused POST changes nothing."""

import re
from datetime import timedelta

import pytest
from django.apps import apps
from django.core import mail
from django.urls import URLPattern, URLResolver, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

import workspace.urls
from support.models import Activity, Agreement, PartnerMembership, Service
from tests.factories import (
    ActivityFactory,
    MilestoneFactory,
    ParticipationFactory,
    PartnerFactory,
    PartnerMembershipFactory,
    ReferralFactory,
    ServiceFactory,
    SnapshotFactory,
    signed_between,
    stage,
)
from workspace.partner_staff import SESSION_KEY

from .helpers import messages_of

#: Pages a partner's staff use; every other workspace page is agency work and refuses them.
THEIRS = {
    "workspace",
    "workspace-notifications",
    "workspace-notification-settings",
    "workspace-notifications-read-all",
    "workspace-notification-read",
    "workspace-profile",
    "workspace-welcome",
    "workspace-activities",
    "workspace-activity-create",
    "workspace-activity",
    "workspace-activity-edit",
    "workspace-activity-cancel",
    "workspace-participants-add",
    "workspace-attendance",
    "workspace-participation-remove",
    "workspace-services",
    "workspace-service-create",
    "workspace-service",
    "workspace-service-edit",
    "workspace-service-void",
}
#: Partnership pages a partner's staff may read (their partner's agreements, the partners, which
#: the public register shows anyway); every write there is refused.
#: Their actions that are a button, not a page (405 to a GET).
POST_ONLY = {
    "workspace-participation-remove",
    "workspace-notifications-read-all",
    "workspace-notification-read",
}
READABLE = {
    "workspace-agreements",
    "workspace-agreement",
    "workspace-partners",
    "workspace-partner",
}


def workspace_patterns(patterns=None, prefix=""):
    for pattern in workspace.urls.urlpatterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            yield from workspace_patterns(pattern.url_patterns, prefix + str(pattern.pattern))
        else:
            assert isinstance(pattern, URLPattern)
            yield pattern, prefix + str(pattern.pattern)


PATTERNS = sorted({pattern.name: path for pattern, path in workspace_patterns()}.items())


@pytest.fixture
def oke_oce(world):
    """OKE OCE, party with Diskop UKM (`collaborator`) to an open PKS and an expired one; a
    mentor on its staff; records under its agreement and records of nobody's agreement."""
    partner = PartnerFactory(name="OKE OCE Indonesia", slug="oke-oce-indonesia")
    open_pks, _agency, party = signed_between(world.collaborator, partner, title="PKS OKE OCE")
    today = timezone.localdate()
    expired, _a, expired_party = signed_between(
        world.collaborator,
        partner,
        title="PKS lama",
        valid_from=today - timedelta(days=800),
        valid_until=today - timedelta(days=400),
        signed_on=today - timedelta(days=810),
    )
    other_partner = PartnerFactory(name="Universitas Bangka Belitung", slug="ubb")
    foreign, *_ = signed_between(world.owner, other_partner, title="PKS UBB")
    mentor = PartnerMembershipFactory(partner=partner, user__username="okeoce.mentor").user
    ours = ActivityFactory(organiser=world.collaborator, agreement=open_pks, title="Bimtek OKE")
    ours.partners.add(partner)
    theirs = ActivityFactory(organiser=world.owner, agreement=foreign, title="Kelas UBB")
    plain = ActivityFactory(organiser=world.owner, title="Pelatihan Distan")
    our_service = ServiceFactory(
        business=world.business, agency=None, partner=partner, agreement=open_pks
    )
    agency_service = ServiceFactory(business=world.business, agency=world.owner)
    world.__dict__.update(
        partner=partner,
        open_pks=open_pks,
        party=party,
        expired=expired,
        expired_party=expired_party,
        foreign=foreign,
        mentor=mentor,
        ours=ours,
        ours_participation=ParticipationFactory(activity=ours, business=world.business),
        theirs=theirs,
        plain=plain,
        plain_participation=ParticipationFactory(activity=plain, business=world.business),
        our_service=our_service,
        agency_service=agency_service,
        referral=ReferralFactory(
            business=world.business, from_agency=world.owner, to_agency=world.collaborator
        ),
        snapshot=SnapshotFactory(business=world.business),
        milestone=MilestoneFactory(business=world.business),
    )
    return world


def address(world, name, path, *, own=True):
    """`name` reversed with the world's objects: the mentor's own records when `own`, else
    records of nobody's agreement (which they may not see)."""
    kwargs = {}
    for key in re.findall(r"<(?:\w+:)?(\w+)>", path):
        if key == "slug":
            if "member" in name or "partner-staff" in name:
                kwargs[key] = world.owner.slug
            elif name.startswith("workspace-business") or "snapshot" in name or "milestone" in name:
                kwargs[key] = world.business.slug
            else:
                kwargs[key] = world.published.slug
        elif key == "participation":
            row = world.ours_participation if own else world.plain_participation
            kwargs[key] = row.pk
        elif key == "action":
            kwargs[key] = "submit"
        elif key == "figure":
            kwargs[key] = "didukung"
        elif key == "pk":
            objects = {
                "nomination": world.nomination,
                "activit": world.ours if own else world.plain,
                "particip": world.ours if own else world.plain,
                "attendance": world.ours if own else world.plain,
                "service": world.our_service if own else world.agency_service,
                "referral": world.referral,
                "snapshot": world.snapshot,
                "milestone": world.milestone,
                "collaboration": world.collaboration,
                "designation": world.nomination,
                "image": world.published,
                "certificate": world.published,
                "link": world.published,
                "member": world.owner,
            }
            found = [obj for part, obj in objects.items() if part in name]
            kwargs[key] = found[0].pk if found else 1
    return reverse(name, kwargs=kwargs)


def fingerprint():
    """Every row of the portal's own tables (history included): a write shows here."""
    rows = {}
    for label in ("agencies", "catalog", "support", "auth"):
        for model in apps.get_app_config(label).get_models():
            rows[model._meta.label] = sorted(map(repr, model.objects.values_list()))
    return rows


def test_every_workspace_page_is_walked():
    names = {name for name, _path in PATTERNS}
    assert names >= THEIRS
    assert len(names) > 60  # the walk reads the URLconf, not a list kept by hand


@pytest.mark.parametrize(("name", "path"), [p for p in PATTERNS if p[0] not in THEIRS])
def test_agency_work_refuses_partner_staff(client, oke_oce, name, path):
    client.force_login(oke_oce.mentor)
    target = address(oke_oce, name, path)
    before = fingerprint()

    got, posted = client.get(target), client.post(target, {"email": "x@example.org"})

    assert got.status_code in ((200, 404) if name in READABLE else (403, 404, 405)), name
    assert posted.status_code in (403, 404, 405), name
    assert fingerprint() == before


@pytest.mark.parametrize(("name", "path"), [p for p in PATTERNS if p[0] in THEIRS and "<" in p[1]])
def test_records_of_other_agreements_are_404(client, oke_oce, name, path):
    client.force_login(oke_oce.mentor)
    target = address(oke_oce, name, path, own=False)
    before = fingerprint()

    got, posted = client.get(target), client.post(target, {"reason": "salah input"})

    assert got.status_code in (404, 405), name  # 405: a POST-only action
    assert posted.status_code in (404, 405), name  # 405: a page only looked at
    assert fingerprint() == before


@pytest.mark.parametrize(
    ("name", "path"),
    [p for p in PATTERNS if p[0] in THEIRS and p[0] not in POST_ONLY],
)
def test_their_own_pages_open(client, oke_oce, name, path):
    client.force_login(oke_oce.mentor)
    assert client.get(address(oke_oce, name, path)).status_code == 200


def page_content(response):
    """The page without the workspace's navigation (templates/workspace/base.html)."""
    return response.content.decode().split('class="workspace-nav"')[1].split("</nav>", 1)[1]


def test_my_tasks_shows_their_agreements_and_no_agency_work(client, oke_oce):
    client.force_login(oke_oce.mentor)

    response = client.get(reverse("workspace"))

    content = page_content(response)
    assert "PKS OKE OCE" in content and "PKS lama" in content
    assert "PKS UBB" not in content
    assert reverse("workspace-service-create") in content
    for agency_work in ("workspace-products", "workspace-product-create", "workspace-nominations"):
        assert reverse(agency_work) not in content
    assert "product_counts" not in response.context


def test_lists_show_only_their_agreements_records(client, oke_oce):
    client.force_login(oke_oce.mentor)

    activities = client.get(reverse("workspace-activities"))
    services = client.get(reverse("workspace-services"))

    shown = [activity.pk for activity in activities.context["page"].object_list]
    assert oke_oce.ours.pk in shown and oke_oce.plain.pk not in shown
    assert [service.pk for service in services.context["page"].object_list] == [
        oke_oce.our_service.pk
    ]


def service_data(world, **changes):
    data = {
        "business": world.business.pk,
        "under": world.party.pk,
        "kind": "pendampingan",
        "provided_on": timezone.localdate().isoformat(),
        "outcome": "in_progress",
        "benefit": "non_financial",
        "summary": "Pendampingan pembukuan sederhana",
    }
    data.update(changes)
    return data


def test_partner_staff_record_a_service_as_their_partner_under_the_open_agreement(client, oke_oce):
    client.force_login(oke_oce.mentor)
    form = client.get(reverse("workspace-service-create")).context["form"]
    assert "agency" not in form.fields
    assert list(form.fields["under"].queryset) == [oke_oce.party]  # not the expired PKS
    assert form.fields["under"].widget.is_hidden  # one choice: shown as fixed text

    response = client.post(reverse("workspace-service-create"), service_data(oke_oce))

    assert response.status_code == 302, response.context and response.context["form"].errors
    service = Service.objects.get(summary="Pendampingan pembukuan sederhana")
    assert (service.partner, service.agreement, service.agency) == (
        oke_oce.partner,
        oke_oce.open_pks,
        None,
    )
    assert service.recorded_by == oke_oce.mentor


@pytest.mark.parametrize("which", ["expired_party", "foreign"])
def test_partner_staff_cannot_record_under_an_expired_or_foreign_agreement(client, oke_oce, which):
    client.force_login(oke_oce.mentor)
    party = (
        oke_oce.expired_party
        if which == "expired_party"
        else oke_oce.foreign.parties.get(partner__isnull=False)
    )
    before = Service.objects.count()

    response = client.post(
        reverse("workspace-service-create"), service_data(oke_oce, under=party.pk)
    )

    assert response.status_code == 200
    assert response.context["form"].errors["under"]
    assert Service.objects.count() == before


def test_partner_staff_create_an_activity_their_partner_co_organises(client, oke_oce):
    client.force_login(oke_oce.mentor)
    form = client.get(reverse("workspace-activity-create")).context["form"]
    assert "organiser" not in form.fields
    key = f"{oke_oce.open_pks.pk}-{oke_oce.collaborator.pk}"
    assert [value for value, _label in form.fields["under"].choices] == [key]
    starts = timezone.localtime() + timedelta(days=3)

    response = client.post(
        reverse("workspace-activity-create"),
        {
            "under": key,
            "kind": "pelatihan",
            "title": "Kelas Pembukuan OKE OCE",
            "starts_at": starts.strftime("%Y-%m-%dT%H:%M"),
            "ends_at": (starts + timedelta(hours=4)).strftime("%Y-%m-%dT%H:%M"),
            "region": oke_oce.business.region_id,
            "place": "Balai Desa",
            "funding": "partner",
            "benefit": "non_financial",
        },
    )

    activity = Activity.objects.get(title="Kelas Pembukuan OKE OCE")
    assert response.status_code == 302
    assert (activity.organiser, activity.agreement) == (oke_oce.collaborator, oke_oce.open_pks)
    assert list(activity.partners.all()) == [oke_oce.partner]
    assert list(activity.stages.all()) == [stage("pelatihan")]


def test_agency_staff_may_record_under_an_open_agreement_of_their_agency(client, oke_oce):
    client.force_login(oke_oce.people["collab_editor"])
    form = client.get(reverse("workspace-service-create")).context["form"]
    assert list(form.fields["agreement"].queryset) == [oke_oce.open_pks]
    assert not form.fields["agreement"].required
    data = service_data(oke_oce, agreement=oke_oce.open_pks.pk, summary="Di bawah PKS")
    del data["under"]
    data["agency"] = oke_oce.collaborator.pk

    response = client.post(reverse("workspace-service-create"), data)

    assert response.status_code == 302
    service = Service.objects.get(summary="Di bawah PKS")
    assert (service.agency, service.agreement) == (oke_oce.collaborator, oke_oce.open_pks)


def test_agency_staff_without_an_open_agreement_get_no_agreement_choice(client, oke_oce):
    client.force_login(oke_oce.people["other_editor"])
    form = client.get(reverse("workspace-service-create")).context["form"]
    assert "agreement" not in form.fields and "under" not in form.fields


# Invitations -----------------------------------------------------------------------------------


def invite(client, world, email, party=None):
    return client.post(
        reverse("workspace-partner-staff-invite", args=[world.collaborator.slug]),
        {"party": (party or world.party).pk, "email": email},
    )


def test_invite_accept_sign_in_and_see_only_their_partners_agreements(
    client, oke_oce, django_capture_on_commit_callbacks
):
    client.force_login(oke_oce.people["collab_manager"])
    members = client.get(reverse("workspace-members", args=[oke_oce.collaborator.slug]))
    assert list(members.context["partner_form"].fields["party"].queryset) == [
        oke_oce.party,
        oke_oce.expired_party,
    ]

    with django_capture_on_commit_callbacks(execute=True):
        response = invite(client, oke_oce, "mentor.baru@okeoce.example")
    assert response.status_code == 302
    assert "mentor.baru@okeoce.example" in messages_of(response)[0]
    membership = PartnerMembership.objects.get(user__email="mentor.baru@okeoce.example")
    assert membership.partner == oke_oce.partner
    assert not membership.user.has_usable_password()

    client.logout()
    link = re.search(r"https?://\S+|/accounts/reset/\S+", mail.outbox[-1].body).group(0)
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "Lada-Putih-2026!", "new_password2": "Lada-Putih-2026!"},
    )
    membership.user.refresh_from_db()
    assert membership.user.has_usable_password()
    signed_in = client.post(
        reverse("login"),
        {"username": membership.user.username, "password": "Lada-Putih-2026!"},
    )
    assert signed_in.status_code == 302

    tasks = page_content(client.get(reverse("workspace")))
    assert "PKS OKE OCE" in tasks and "PKS UBB" not in tasks
    assert client.get(reverse("workspace-products")).status_code == 403


def test_mail_is_sent_only_after_commit_and_once(
    client, oke_oce, django_capture_on_commit_callbacks
):
    client.force_login(oke_oce.people["collab_manager"])
    with django_capture_on_commit_callbacks(execute=True):
        invite(client, oke_oce, "satu@okeoce.example")
    assert [message.to for message in mail.outbox] == [["satu@okeoce.example"]]


@pytest.mark.parametrize("who", ["collab_editor", "owner_manager"])
def test_only_managers_of_the_lead_agency_invite_partner_staff(client, oke_oce, who):
    client.force_login(oke_oce.people[who])

    response = invite(client, oke_oce, "x@okeoce.example")

    assert response.status_code == 403
    assert not PartnerMembership.objects.filter(user__email="x@okeoce.example").exists()


def test_a_partner_of_another_agencys_agreement_is_no_choice(client, oke_oce):
    client.force_login(oke_oce.people["collab_manager"])
    foreign_party = oke_oce.foreign.parties.get(partner__isnull=False)

    response = invite(client, oke_oce, "y@okeoce.example", party=foreign_party)

    assert response.status_code == 200
    assert response.context["partner_form"].errors["party"]
    assert not PartnerMembership.objects.filter(user__email="y@okeoce.example").exists()


def test_inviting_someone_already_on_the_partners_staff_says_so(client, oke_oce):
    oke_oce.mentor.email = "mentor@okeoce.example"
    oke_oce.mentor.save()
    client.force_login(oke_oce.people["collab_manager"])

    response = invite(client, oke_oce, "mentor@okeoce.example")

    assert response.status_code == 302
    assert messages_of(response) == [_("This person is on the partner's staff already.")]
    assert PartnerMembership.objects.filter(user=oke_oce.mentor).count() == 1


def test_a_terminated_agreements_partner_is_no_choice(client, oke_oce):
    Agreement.objects.filter(pk=oke_oce.open_pks.pk).update(
        status="terminated", terminated_at=timezone.now(), termination_reason="Selesai"
    )
    client.force_login(oke_oce.people["collab_manager"])
    members = client.get(reverse("workspace-members", args=[oke_oce.collaborator.slug]))
    assert list(members.context["partner_form"].fields["party"].queryset) == [oke_oce.expired_party]


def test_an_agency_member_who_is_also_partner_staff_keeps_agency_work(client, oke_oce):
    PartnerMembershipFactory(user=oke_oce.people["owner_editor"], partner=oke_oce.partner)
    client.force_login(oke_oce.people["owner_editor"])
    assert client.get(reverse("workspace-products")).status_code == 200


def test_the_answer_is_read_at_sign_in_and_again_for_a_session_without_it(client, oke_oce):
    client.force_login(oke_oce.mentor)
    assert client.session[SESSION_KEY] is True
    session = client.session
    del session[SESSION_KEY]  # a session opened before the answer was kept
    session.save()

    assert client.get(reverse("workspace-statistics")).status_code == 403
