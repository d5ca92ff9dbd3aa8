"""The partnerships' demo (seed_demo → seed_demo_support → support/demo/partnerships.py): the five
partners, the 2021 OKE OCE MoU with a PKS under it for Diskop UKM, Disperindag and Dinas
Pertanian, an agreement in every phase, reports in every state with their log, records under the
agreements, and `okeoce.mentor`, who signs in with the demo password and sees only OKE OCE's
agreements. A second run changes nothing.

Seeded once for the module inside a rolled-back transaction, as tests/support/
test_seed_demo_support.py does."""

from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.urls import reverse

from catalog.models.base import today
from support import rules
from support.demo import partnerships as demo_data
from support.models import (
    Activity,
    Agreement,
    MonitoringReport,
    Partner,
    PartnerMembership,
    Phase,
    Service,
)
from support.services.agreements import realisation

pytestmark = pytest.mark.django_db(transaction=False)

FAST = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    media = tmp_path_factory.mktemp("media")
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=media, PASSWORD_HASHERS=FAST, RENDITIONS_ON_SAVE=False),
        transaction.atomic(),
    ):
        out = StringIO()
        call_command("seed_demo", stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


def test_five_partners_of_the_kinds_the_issue_names(demo):
    kinds = dict(Partner.objects.values_list("slug", "kind"))
    assert kinds == {
        "oke-oce-indonesia": "community",
        "universitas-bangka-belitung": "university",
        "bank-sumsel-babel": "bank",
        "dekranasda-babel": "association",
        "pt-timah-tbk-csr": "soe",
    }


def test_the_2021_mou_with_oke_oce_and_a_pks_under_it_for_three_agencies(demo):
    mou = Agreement.objects.get(title=demo_data.MOU_TITLE)
    assert (mou.kind, mou.valid_from.year, mou.phase) == ("mou", 2021, Phase.ACTIVE)
    assert mou.parties.filter(partner__slug="oke-oce-indonesia").exists()
    children = mou.children.filter(kind="pks")
    assert set(children.values_list("lead_agency__slug", flat=True)) == {
        "dinas-koperasi-ukm",
        "disperindag",
        "dinas-pertanian",
    }
    for pks in children:
        assert pks.obligations.exists(), pks
        assert pks.parties.filter(partner__slug="oke-oce-indonesia").exists()
        under = Activity.objects.filter(agreement=pks).exists()
        assert under or Service.objects.filter(agreement=pks).exists(), pks


def test_obligations_span_several_stages_and_are_partly_realised(demo):
    pks = Agreement.objects.get(title=demo_data.PKS_DISKOP)
    obligations = list(pks.obligations.all())
    assert len({obligation.stage_id for obligation in obligations}) >= 3
    figures = [realisation(obligation).figure for obligation in obligations]
    assert all(figure > 0 for figure in figures)
    assert any(f < o.target for f, o in zip(figures, obligations, strict=True))


def test_an_agreement_in_every_phase(demo):
    phases = {agreement.phase for agreement in Agreement.objects.all()}
    assert phases == set(Phase)
    expiring = Agreement.objects.in_phase(Phase.EXPIRING).get()
    assert 0 <= (expiring.valid_until - today()).days <= 90
    assert Agreement.objects.in_phase(Phase.EXPIRED).get().valid_until < today()
    terminated = Agreement.objects.get(status="terminated")
    assert terminated.termination_reason and terminated.terminated_by is not None
    assert Agreement.objects.filter(status="draft").count() == 1


def test_reports_in_every_state_with_their_log(demo):
    reports = {report.status: report for report in MonitoringReport.objects.all()}
    assert set(reports) == set(MonitoringReport.Status.values)
    returned = reports["returned"].steps.order_by("created_at", "pk")
    assert [(s.from_state, s.to_state) for s in returned] == [
        ("", "draft"),
        ("draft", "submitted"),
        ("submitted", "returned"),
    ]
    assert returned.last().comment
    assert reports["accepted"].steps.last().actor.username == "admin"
    for report in reports.values():
        assert report.lines.count() == report.agreement.obligations.count()


def test_the_mentor_recorded_oke_oces_mentoring(demo):
    mentor = PartnerMembership.objects.get(user__username=demo_data.MENTOR)
    assert mentor.partner.slug == "oke-oce-indonesia"
    services = Service.objects.filter(recorded_by=mentor.user)
    assert services.count() >= 8
    assert set(services.values_list("partner__slug", flat=True)) == {"oke-oce-indonesia"}
    assert services.filter(kind="pendampingan").exists()
    assert Activity.objects.filter(created_by=mentor.user, partners=mentor.partner).exists()


def test_the_mentor_signs_in_with_the_demo_password_and_sees_only_oke_oce(demo, client):
    signed_in = client.post(
        reverse("login"), {"username": demo_data.MENTOR, "password": "demo12345"}
    )
    assert signed_in.status_code == 302
    mentor = PartnerMembership.objects.get(user__username=demo_data.MENTOR).user
    theirs = set(rules.partner_agreements(mentor))
    assert theirs and all(
        agreement.parties.filter(partner__slug="oke-oce-indonesia").exists() for agreement in theirs
    )

    tasks = client.get(reverse("workspace"))

    assert tasks.status_code == 200
    shown = {agreement.pk for agreement, _phase in tasks.context["agreements"]}
    assert shown == {agreement.pk for agreement in theirs}
    assert client.get(reverse("workspace-products")).status_code == 403
    assert client.get(reverse("workspace-service-create")).status_code == 200


def test_a_password_given_to_seed_demo_reaches_the_mentor(demo):
    call_command("seed_demo", password="lain-sandi-99", stdout=StringIO())
    mentor = PartnerMembership.objects.get(user__username=demo_data.MENTOR).user
    assert mentor.check_password("lain-sandi-99")


def test_the_report_lists_the_partnerships(demo):
    assert "partners: 5" in demo
    assert "agreements: 8 (" in demo
    assert "monitoring reports: 4 (1 accepted, 1 draft, 1 returned, 1 submitted)" in demo
    assert demo_data.MENTOR in demo


def support_counts():
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_app_config("support").get_models()
    }


def test_running_the_demo_again_changes_nothing(demo):
    before = support_counts()
    call_command("seed_demo", stdout=StringIO())
    call_command("seed_demo_support", stdout=StringIO())
    assert support_counts() == before  # history tables included
