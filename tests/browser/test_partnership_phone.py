"""Partnerships on a phone (360×740), in a real browser (issue 14): OKE OCE's mentor signs in and
records a mentoring service under the PKS with Dinas Koperasi dan UKM; the agency's manager opens
the PKS's monitoring report, finds the obligation's figure counted from the records (the new
service included), writes the obstacles and follow-up and submits it; a provincial administrator
accepts it and prints it; and the public register shows the obligation's progress.

Each step clicks and types as a person would, then looks at the database. On every page it visits
it checks that the page does not scroll sideways, that the browser logged no error (a blocked
inline script or style would: the pages run under a strict CSP) and that no request left the
portal's host. Full-page screenshots go to /tmp/shots/partnership-*.png for a person to look at.

Buttons, forms and links are found by where they post or lead, or by their ids, not by their
words: the translations change while the pages stay the same. What the test types (a summary,
obstacles) is what it then looks for."""

import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone

from agencies.models import Role
from catalog import rules
from support.models import MonitoringReport, ReportLine, ReportStep, Service
from tests.browser.helpers import open_workspace_menu
from tests.browser.phone import Phone
from tests.factories import (
    AgencyFactory,
    BusinessFactory,
    ObligationFactory,
    PartnerFactory,
    PartnerMembershipFactory,
    RegionFactory,
    ServiceFactory,
    UserFactory,
    signed_between,
    stage,
)
from tests.helpers import member

try:
    from playwright.sync_api import expect
except ImportError:  # the `browser` fixture then skips every test, saying why
    expect = None  # type: ignore[assignment]

# The live server answers from another thread: it only sees committed rows.
pytestmark = pytest.mark.django_db(transaction=True)

#: Typed by the mentor: stored as given, shown escaped.
SUMMARY = "Pendampingan pembukuan & label <halal> untuk jahe instan"
OBSTACLES = "Dua pelaku usaha belum punya NIB; jadwal pendampingan bergeser karena musim panen."
FOLLOW_UP = "Klinik NIB bersama DPMPTSP bulan depan; pendampingan lanjutan per kecamatan."
#: The obligation: OKE OCE mentors 12 businesses' bookkeeping under the PKS.
TARGET = 12
#: Mentoring services OKE OCE recorded under the PKS before the walk (counted by hand).
EARLIER = 2


class PartnerPhone(Phone):
    def sign_in(self, user, step: str | None = None) -> None:
        """Through the login form; the workspace greets the person by name, next to the sign-out
        button."""
        super().sign_in(user, step)
        greeting = user.get_full_name() or user.username
        expect(self.page.locator(".workspace-nav__logout")).to_contain_text(greeting)


@pytest.fixture
def phone(new_context, live_server, shots):
    return lambda: PartnerPhone(new_context, live_server, shots, "partnership")


@pytest.fixture
def scene(transactional_db):
    """The provincial MoU between Dinas Koperasi dan UKM (`diskop`, the lead agency) and OKE OCE
    Indonesia, and the PKS under it; OKE OCE promised to mentor 12 businesses under the PKS and
    has mentored two so far (a third service, under the MoU, does not count towards the PKS).
    OKE OCE's mentor has no agency; Diskop has a manager; the province an administrator. Two
    businesses have names close to the one the mentor looks for."""
    today = timezone.localdate()
    region = RegionFactory(name="Kabupaten Bangka")
    diskop = AgencyFactory(
        slug="diskop-ukm",
        name="Dinas Koperasi dan UKM Provinsi Kepulauan Bangka Belitung",
        short_name="Diskop UKM",
        is_leading_sector=True,
    )
    oke_oce = PartnerFactory(name="OKE OCE Indonesia", slug="oke-oce-indonesia")
    mou, _diskop_party, _oke_oce_party = signed_between(
        diskop,
        oke_oce,
        title="MoU Pemprov Babel dan OKE OCE Indonesia",
        valid_from=today - timedelta(days=400),
        valid_until=today + timedelta(days=700),
        signed_on=today - timedelta(days=410),
    )
    pks = signed_between(
        diskop,
        oke_oce,
        kind="pks",
        parent=mou,
        title="PKS Pendampingan UMKM Diskop UKM dan OKE OCE",
        scope="Pendampingan pembukuan dan perizinan usaha mikro binaan.",
    )[0]
    pks.stages.set([stage("pendampingan")])
    oke_oce_party = pks.parties.get(partner=oke_oce)
    obligation = ObligationFactory(
        agreement=pks,
        party=oke_oce_party,
        stage=stage("pendampingan"),
        service_kind="pendampingan",
        unit="layanan",
        target=TARGET,
    )
    jahe = BusinessFactory(name="KWT Jahe Merah Tuatunu Lestari", region=region)
    BusinessFactory(name="Jahe Instan Bu Sari", region=region)
    BusinessFactory(name="Kopi Merah Putih Manggar", region=region)
    for days in (5, 20):
        ServiceFactory(
            agency=None,
            partner=oke_oce,
            agreement=pks,
            business=BusinessFactory(region=region),
            provided_on=today - timedelta(days=days),
        )
    ServiceFactory(agency=None, partner=oke_oce, agreement=mou, provided_on=today)
    mentor = UserFactory(username="okeoce.mentor", first_name="Rina")
    PartnerMembershipFactory(user=mentor, partner=oke_oce)
    administrator = UserFactory(username="admin.provinsi")
    administrator.groups.add(rules.administrator_group())
    return {
        "diskop": diskop,
        "oke_oce": oke_oce,
        "mou": mou,
        "pks": pks,
        "oke_oce_party": oke_oce_party,
        "obligation": obligation,
        "jahe": jahe,
        "mentor": mentor,
        "manager": member(diskop, role=Role.MANAGER, username="koperasi.manajer"),
        "administrator": administrator,
    }


def progress_text(figure: int, target: int) -> re.Pattern[str]:
    """ "3 of 12 services (25%)" in whichever language: the two numbers, in that order."""
    return re.compile(rf"(^|\D){figure}\D+{target}(\D|$)")


def test_mentor_records_agency_reports_administrator_accepts_public_sees_progress(phone, scene):
    pks, oke_oce, obligation = scene["pks"], scene["oke_oce"], scene["obligation"]
    mentor, manager, administrator = scene["mentor"], scene["manager"], scene["administrator"]
    business = scene["jahe"]
    today = timezone.localdate()
    realised = EARLIER + 1

    # 1. The mentor signs in, lands on My tasks, and records a service under the PKS. ----------
    person = phone()
    page = person.page
    person.sign_in(mentor, "1")
    person.looks_right("1-my-tasks")
    # My tasks lists the agreements OKE OCE is party to: both open ones.
    for agreement in (scene["mou"], pks):
        agreement_path = reverse("workspace-agreement", args=[agreement.pk])
        expect(page.locator(f"main a[href='{agreement_path}']").first).to_be_visible()
    create = reverse("workspace-service-create")
    person.follow(page.locator(f"main a[href='{create}']").first, create)
    person.looks_right("1-service-form")
    form = page.locator("form.service-form")
    # A partner's staff have no agency to choose: they record as OKE OCE, under an agreement
    # (two are open: the MoU and the PKS, so it is a choice; one alone would be fixed text).
    expect(form.locator("#id_agency")).to_have_count(0)
    under = form.locator("#id_under")
    expect(under.locator("option:not([value=''])")).to_have_count(2)
    page.evaluate("window.__marker = 1")
    page.locator("#picker-q").press_sequentially("jahe mer", delay=40)
    choice = page.locator(f"#picker-choices label[for='business-{business.pk}']")
    expect(choice).to_be_visible()
    expect(page.locator("#picker-choices input[name=business]")).to_have_count(1)
    assert page.evaluate("window.__marker") == 1  # swapped in by htmx, not a new page
    box = choice.bounding_box()
    assert box is not None and box["height"] >= 44, f"the choice is a small target: {box}"
    choice.click()
    expect(page.locator(f"#business-{business.pk}")).to_be_checked()
    under.select_option(str(scene["oke_oce_party"].pk))
    form.locator("#id_kind").select_option("pendampingan")
    expect(form.locator("#id_provided_on")).to_have_value(today.isoformat())
    form.locator("#id_summary").fill(SUMMARY)
    person.looks_right("1-service-filled")
    form.locator("button[type=submit]:not([form])").click()  # not the picker's "Find"

    page.wait_for_url(re.compile(r"/ruang-kerja/layanan/$"))
    expect(page.locator(".messages .notice--success")).to_be_visible()
    expect(page.locator("main")).to_contain_text(SUMMARY)
    expect(page.locator("main halal")).to_have_count(0)  # the <halal> typed is text
    person.looks_right("1-service-recorded")
    recorded = Service.objects.get(business=business)
    assert (recorded.partner, recorded.agreement, recorded.agency) == (oke_oce, pks, None)
    assert recorded.recorded_by == mentor
    assert (recorded.kind, recorded.stage, recorded.provided_on) == (
        "pendampingan",
        stage("pendampingan"),
        today,
    )
    assert recorded.summary == SUMMARY
    assert recorded.voided_at is None

    # 2. The lead agency's manager opens the PKS's report, checks the figure, submits it. -------
    person = phone()
    page = person.page
    person.sign_in(manager, "2")
    agreements = reverse("workspace-agreements")
    open_workspace_menu(page)
    person.follow(page.locator(f".workspace-nav a[href='{agreements}']").first, agreements)
    person.looks_right("2-agreements")
    agreement_path = reverse("workspace-agreement", args=[pks.pk])
    person.follow(page.locator(f"main a[href='{agreement_path}']").first, agreement_path)
    person.looks_right("2-agreement")
    expect(page.locator("h1")).to_contain_text(pks.title)
    # The obligation's progress over the term: the mentor's service counted.
    expect(page.locator("main progress")).to_have_count(1)
    # The service just recorded is listed under the agreement.
    service_path = reverse("workspace-service", args=[recorded.pk])
    expect(page.locator(f"main a[href='{service_path}']")).to_have_count(1)

    open_path = reverse("workspace-report-open", args=[pks.pk])
    person.follow(page.locator(f"main a[href='{open_path}']"), open_path)
    form = page.locator(f"form[action='{open_path}']")
    period_start, period_end = pks.valid_from, today + timedelta(days=30)
    form.locator("#id_open_period_start").fill(period_start.isoformat())
    form.locator("#id_open_period_end").fill(period_end.isoformat())
    person.looks_right("2-report-open")
    form.locator("button[type=submit]").click()

    page.wait_for_url(re.compile(r"/ruang-kerja/kemitraan/laporan/\d+/$"))
    expect(page.locator(".messages .notice--success")).to_be_visible()
    report = MonitoringReport.objects.get(agreement=pks)
    assert (report.period_start, report.period_end) == (period_start, period_end)
    assert report.status == MonitoringReport.Status.DRAFT
    line = ReportLine.objects.get(report=report)
    assert (line.obligation, line.computed_figure, line.corrected_figure) == (
        obligation,
        realised,
        None,
    )
    # The line shows the figure counted from the records and the records behind it.
    shown = page.locator(f"#line-{line.pk}")
    expect(shown.locator(".facts dd").nth(0)).to_contain_text(str(TARGET))
    expect(shown.locator(".facts dd").nth(1)).to_have_text(str(realised))
    shown.locator("details.report-records > summary").click()
    expect(shown.locator(f"details a[href='{service_path}']")).to_contain_text(business.name)
    expect(shown.locator("details li")).to_have_count(realised)
    person.looks_right("2-report-draft")

    edit_path = reverse("workspace-report-edit", args=[report.pk])
    person.follow(page.locator(f"main a[href='{edit_path}']"), edit_path)
    form = page.locator(f"form[action='{edit_path}']")
    # Pre-filled: the figure from the records, no correction.
    expect(form.locator("fieldset.report-line")).to_contain_text(progress_text(realised, TARGET))
    expect(form.locator(f"#id_report_figure_{line.pk}")).to_have_value("")
    form.locator("#id_report_obstacles").fill(OBSTACLES)
    form.locator("#id_report_follow_up").fill(FOLLOW_UP)
    person.looks_right("2-report-edit")
    form.locator("button[type=submit]").click()

    report_path = reverse("workspace-report", args=[report.pk])
    page.wait_for_url(re.compile(rf"{re.escape(report_path)}$"))
    expect(page.locator(".messages .notice--success")).to_be_visible()
    expect(page.locator("main")).to_contain_text(OBSTACLES)
    expect(page.locator("main")).to_contain_text(FOLLOW_UP)
    submit = page.locator("form#submit")
    submit_path = reverse("workspace-report-kirim", args=[report.pk])
    assert urlsplit(submit.get_attribute("action")).path == submit_path
    expect(page.locator("form#accept")).to_have_count(0)  # the agency does not accept its own
    person.looks_right("2-report-saved")
    submit.locator("button[type=submit]").click()

    page.wait_for_url(re.compile(rf"{re.escape(report_path)}(#submit)?$"))
    expect(page.locator(".messages .notice--success")).to_be_visible()
    expect(page.locator("form#submit")).to_have_count(0)
    expect(page.locator(f"a[href='{edit_path}']")).to_have_count(0)  # no more changes
    person.looks_right("2-report-submitted")
    report.refresh_from_db()
    assert report.status == MonitoringReport.Status.SUBMITTED
    assert (report.obstacles, report.follow_up) == (OBSTACLES, FOLLOW_UP)
    assert list(report.steps.values_list("from_state", "to_state", "actor")) == [
        ("", "draft", manager.pk),
        ("draft", "submitted", manager.pk),
    ]

    # 3. The administrator accepts it, then opens the printable report. ----------------------
    person = phone()
    page = person.page
    person.sign_in(administrator, "3")
    reports = reverse("workspace-reports")
    page.goto(reports)
    person.looks_right("3-reports")
    person.follow(page.locator(f"main a[href='{report_path}']").first, report_path)
    accept = page.locator("form#accept")
    accept_path = reverse("workspace-report-terima", args=[report.pk])
    assert urlsplit(accept.get_attribute("action")).path == accept_path
    expect(page.locator("form#return")).to_be_visible()  # or returned, with a comment
    person.looks_right("3-report-submitted")
    accept.locator("button[type=submit]").click()

    page.wait_for_url(re.compile(rf"{re.escape(report_path)}(#accept)?$"))
    expect(page.locator(".messages .notice--success")).to_be_visible()
    expect(page.locator("form.action-panel")).to_have_count(0)  # nothing left to decide
    expect(page.locator(".report-status--accepted").first).to_be_visible()
    person.looks_right("3-report-accepted")
    report.refresh_from_db()
    assert report.status == MonitoringReport.Status.ACCEPTED
    last = ReportStep.objects.filter(report=report).last()
    assert (last.from_state, last.to_state, last.actor) == ("submitted", "accepted", administrator)
    assert report.steps.count() == 3

    print_path = reverse("workspace-report-print", args=[report.pk])
    person.follow(page.locator(f"main a[href='{print_path}']"), print_path)
    person.looks_right("3-report-print")
    printed = page.locator("body")
    for party in pks.parties.all():
        expect(printed).to_contain_text(party.document_number)
    expect(printed).to_contain_text(OBSTACLES)
    expect(printed).to_contain_text(FOLLOW_UP)
    # The obligation's row: target, then the realisation counted from the records.
    row = page.locator("section[aria-labelledby='print-obligations'] tbody tr")
    expect(row).to_have_count(1)
    expect(row.locator("td").nth(1)).to_contain_text(str(TARGET))
    expect(row.locator("td").nth(2)).to_have_text(str(realised))

    # 4. Anyone: the public register shows the obligation's progress. ------------------------
    person = phone()
    page = person.page
    public_path = reverse("partnership-detail", args=[pks.pk])
    page.goto(public_path)
    person.looks_right("4-public-agreement")
    expect(page.locator("h1")).to_have_text(pks.title)
    figure = page.locator(f"#obligation-{obligation.pk}")
    expect(figure).to_have_text(progress_text(realised, TARGET))
    bar = page.locator(f"progress[aria-labelledby='obligation-{obligation.pk}']")
    expect(bar).to_have_attribute("max", str(TARGET))
    expect(bar).to_have_attribute("value", str(realised))
    expect(page.locator("main")).to_contain_text(oke_oce.name)

    register = reverse("partnership-list")
    person.follow(page.locator(f"main a[href='{register}']").first, register)
    person.looks_right("4-public-register")
    item = page.locator("li.agreement").filter(has=page.locator(f"a[href='{public_path}']"))
    expect(item).to_have_count(1)
    expect(item.locator(f"#obligation-{obligation.pk}")).to_have_text(
        progress_text(realised, TARGET)
    )
    expect(item.locator("progress")).to_have_attribute("value", str(realised))
