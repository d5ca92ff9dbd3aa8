"""The partnership pages cost a number of queries that does not grow with their rows (DESIGN §7):
each page is counted once, then again after more rows of what it lists were added, and the
second count may not exceed the first. An agreement's page counts every obligation's realisation
in one query (`support.obligations.with_realised`); a report's page counts one per line (its
period is the report's), so there the lines stay as they are and the records under them grow."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from agencies.models import Role
from support.models import ReportLine
from tests.factories import (
    ActivityFactory,
    BusinessFactory,
    MonitoringReportFactory,
    ObligationFactory,
    ParticipationFactory,
    PartnerFactory,
    PartnerMembershipFactory,
    ServiceFactory,
    UserFactory,
    signed_between,
    stage,
)
from tests.helpers import member
from tests.workspace.helpers import url


@pytest.fixture
def setting(world):
    oke = PartnerFactory(name="OKE OCE Indonesia", slug="oke-oce")
    manager = member(world.collaborator, Role.MANAGER, username="koperasi.manajer")
    mentor = PartnerMembershipFactory(partner=oke, user=UserFactory(username="mentor")).user
    active, agency_party, partner_party = signed_between(world.collaborator, oke)
    service_obligation = ObligationFactory(agreement=active, party=partner_party)
    activity_obligation = ObligationFactory(
        agreement=active,
        party=agency_party,
        stage=stage("pelatihan"),
        service_kind="",
        activity_kind="pelatihan",
        unit="peserta",
    )
    report = MonitoringReportFactory(agreement=active)
    for obligation in (service_obligation, activity_obligation):
        ReportLine.objects.create(report=report, obligation=obligation, computed_figure=0)
    return {
        "world": world,
        "oke": oke,
        "manager": manager,
        "mentor": mentor,
        "active": active,
        "report": report,
    }


def records(s, n):
    """`n` more services and trainings (each with a participant) under the active agreement."""
    active, oke, world = s["active"], s["oke"], s["world"]
    start = timezone.now() - datetime.timedelta(days=1)
    for _ in range(n):
        business = BusinessFactory(region=world.region)
        ServiceFactory(
            business=business, agency=None, partner=oke, agreement=active,
            stage=stage("pendampingan"),
        )  # fmt: skip
        activity = ActivityFactory(
            organiser=world.collaborator, agreement=active, region=world.region,
            starts_at=start, ends_at=start + datetime.timedelta(hours=3),
        )  # fmt: skip
        ParticipationFactory(activity=activity, business=business, status="attended")


def agreements(s, n):
    for i in range(n):
        partner = PartnerFactory()
        agreement, *_ = signed_between(s["world"].collaborator, partner, title=f"PKS {i}")
        agreement.stages.set([stage("pelatihan"), stage("pemasaran")])
        signed_between(s["world"].leading, s["oke"], title=f"PKS OKE {i}")


def obligations(s, n):
    """`n` more obligations of the active agreement (each counted in the page's one query)."""
    party = s["active"].parties.get(partner=s["oke"])
    for _ in range(n):
        ObligationFactory(agreement=s["active"], party=party)


def partners(s, n):
    for _ in range(n):
        PartnerFactory()


def reports(s, n):
    active = s["active"]
    made = active.reports.count()
    for i in range(made, made + n):
        day = active.valid_from + datetime.timedelta(days=i)
        MonitoringReportFactory(agreement=active, period_start=day, period_end=day)


def count(client, address):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(address)
    assert response.status_code == 200, address
    return len(queries)


PAGES = [
    ("agreements", lambda s: url("workspace-agreements"), agreements, "manager"),
    ("agreements of a partner's staff", lambda s: url("workspace-agreements"), agreements,
     "mentor"),
    ("agreement", lambda s: url("workspace-agreement", s["active"].pk), records, "manager"),
    ("agreement's obligations", lambda s: url("workspace-agreement", s["active"].pk),
     obligations, "manager"),
    ("partners", lambda s: url("workspace-partners"), partners, "manager"),
    ("partner", lambda s: url("workspace-partner", s["oke"].slug), agreements, "manager"),
    ("reports", lambda s: url("workspace-reports"), reports, "manager"),
    ("report", lambda s: url("workspace-report", s["report"].pk), records, "manager"),
    ("printable report", lambda s: url("workspace-report-print", s["report"].pk), records,
     "manager"),
    ("report form", lambda s: url("workspace-report-edit", s["report"].pk), records, "manager"),
]  # fmt: skip


@pytest.mark.parametrize(("page", "address", "grow", "who"), PAGES, ids=[p[0] for p in PAGES])
def test_a_page_costs_the_same_queries_with_more_rows(client, setting, page, address, grow, who):
    client.force_login(setting[who])
    grow(setting, 1)
    few = count(client, address(setting))
    grow(setting, 6)
    many = count(client, address(setting))
    assert many <= few, f"{page}: {few} queries with few rows, {many} with more"
