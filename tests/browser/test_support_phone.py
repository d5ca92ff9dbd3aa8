"""The development record's work on a phone (360×740), in a real browser (issue 13): an agency
editor records a service with the business picker's type-ahead, the receiving agency answers two
referrals from its inbox (accepts one, declines the other with a reason), and the service shows
on the business's development record and on the development dashboard, whose figure leads to its
list.

Each step clicks and types as a person would, then looks at the database. On every page it visits
it checks that the page does not scroll sideways, that the browser logged no error (a blocked
inline script or style would: the pages run under a strict CSP) and that no request left the
portal's host. Full-page screenshots go to /tmp/shots/support-*.png for a person to look at.

Buttons, forms and links are found by where they post or lead, or by their ids, not by their
words: the translations change while the pages stay the same. What the test types (a summary, a
reason) is what it then looks for."""

import re
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone

from support.models import Referral, Service, Stage
from tests.browser.helpers import open_workspace_menu
from tests.browser.phone import Phone
from tests.factories import (
    AgencyFactory,
    BusinessFactory,
    ReferralFactory,
    RegionFactory,
    stage,
)
from tests.helpers import member

try:
    from playwright.sync_api import expect
except ImportError:  # the `browser` fixture then skips every test, saying why
    expect = None  # type: ignore[assignment]

# The live server answers from another thread: it only sees committed rows.
pytestmark = pytest.mark.django_db(transaction=True)

#: Typed into the service's summary: stored as given, shown escaped.
SUMMARY = "Berkas P-IRT lengkap & label <halal> dicek"
ACCEPT_NOTE = "Kami daftarkan di pameran akhir tahun."
DECLINE_NOTE = "Kuota KUR tahun ini habis; coba bank daerah."


def signed_in_phone(new_context, live_server, shots, user) -> Phone:
    phone = Phone(new_context, live_server, shots, "support")
    phone.sign_in_quietly(user)  # signing in has its own test (test_workspace_phone.py)
    return phone


@pytest.fixture
def phone(new_context, live_server, shots):
    return lambda user: signed_in_phone(new_context, live_server, shots, user)


@pytest.fixture
def scene(transactional_db):
    """Dinas Koperasi dan UKM (`diskop`) helps a women farmers' group that grows red ginger;
    Dinas Pertanian (`distan`) referred it, and a pepper farm, to Disperindag (`disperindag`),
    each agency with one editor. Two other businesses have names close to the group's, so that
    the picker's type-ahead has something to narrow."""
    region = RegionFactory(name="Kota Pangkalpinang")
    diskop = AgencyFactory(
        slug="diskop-ukm", name="Dinas Koperasi dan UKM", short_name="Diskop UKM"
    )
    distan = AgencyFactory(slug="distan", name="Dinas Pertanian", short_name="Distan")
    disperindag = AgencyFactory(
        slug="disperindag", name="Dinas Perindustrian dan Perdagangan", short_name="Disperindag"
    )
    jahe = BusinessFactory(
        name="KWT Jahe Merah Tuatunu Lestari", region=region, registering_agency=distan
    )
    BusinessFactory(name="Jahe Instan Bu Sari", region=region)
    BusinessFactory(name="Kopi Merah Putih Manggar", region=region)
    lada = BusinessFactory(name="Kebun Lada Mentok Jaya", region=region, registering_agency=distan)
    sender = member(distan, username="pertanian.editor")
    to_accept = ReferralFactory(
        business=jahe,
        from_agency=distan,
        to_agency=disperindag,
        stage=stage("pemasaran"),
        reason="Siap ikut pameran: kemasan dan P-IRT sudah ada.",
        sent_by=sender,
    )
    to_decline = ReferralFactory(
        business=lada,
        from_agency=distan,
        to_agency=disperindag,
        stage=stage("permodalan"),
        reason="Butuh modal kerja untuk mesin pengering lada.",
        sent_by=sender,
    )
    return {
        "diskop": diskop,
        "distan": distan,
        "disperindag": disperindag,
        "jahe": jahe,
        "lada": lada,
        "diskop_editor": member(diskop, username="koperasi.editor"),
        "disperindag_editor": member(disperindag, username="disperindag.editor"),
        "to_accept": to_accept,
        "to_decline": to_decline,
    }


# 1, 3 and 4. A service recorded from a phone, then seen on the record and the dashboard ---------


def test_record_a_service_then_see_it_on_the_record_and_the_dashboard(phone, scene):
    business, agency, editor = scene["jahe"], scene["diskop"], scene["diskop_editor"]
    licensing = stage("perizinan")
    person = phone(editor)
    page = person.page

    # 1. Record a service: type part of the name, choose the business, pick a kind, send.
    page.goto(reverse("workspace-service-create"))
    person.looks_right("1-service-form")
    form = page.locator("form.service-form")
    # One agency: it is fixed, shown by name, not chosen.
    expect(form.locator(".ws-fixed")).to_contain_text(agency.name)
    page.evaluate("window.__marker = 1")
    page.locator("#picker-q").press_sequentially("jahe mer", delay=40)
    choice = page.locator(f"#picker-choices label[for='business-{business.pk}']")
    expect(choice).to_be_visible()
    expect(page.locator("#picker-status")).to_contain_text("1")
    # Only the group matches "jahe mer"; the list was swapped in by htmx, not a new page.
    expect(page.locator("#picker-choices input[name=business]")).to_have_count(1)
    assert page.evaluate("window.__marker") == 1
    box = choice.bounding_box()
    assert box is not None and box["height"] >= 44, f"the choice is a small target: {box}"
    choice.click()
    expect(page.locator(f"#business-{business.pk}")).to_be_checked()
    form.locator("#id_kind").select_option("fasilitasi_perizinan")
    # The stage's first option names the stage the kind serves (static/js/support-forms.js).
    expect(form.locator("#id_stage option[value='']")).to_contain_text(licensing.display_name)
    expect(form.locator("#id_provided_on")).to_have_value(timezone.localdate().isoformat())
    form.locator("#id_summary").fill(SUMMARY)
    person.looks_right("1-service-filled")
    form.locator("button[type=submit]:not([form])").click()  # not the picker's "Find"

    page.wait_for_url(re.compile(r"/ruang-kerja/layanan/$"))
    expect(page.locator(".messages .notice--success")).to_be_visible()
    person.looks_right("1-service-recorded")
    recorded = Service.objects.get(business=business)
    assert (recorded.agency, recorded.recorded_by) == (agency, editor)
    assert recorded.provided_on == timezone.localdate()
    assert (recorded.kind, recorded.stage) == ("fasilitasi_perizinan", licensing)
    assert recorded.outcome == Service.Outcome.IN_PROGRESS
    assert recorded.summary == SUMMARY
    assert recorded.voided_at is None

    # 3. Its business's development record: the service's page leads to it.
    service_path = reverse("workspace-service", args=[recorded.pk])
    page.locator(f".work-list .list__title a[href='{service_path}']").click()
    page.wait_for_url(re.compile(rf"{re.escape(service_path)}$"))
    person.looks_right("3-service")
    record_path = reverse("workspace-business-support", args=[business.slug])
    page.locator(f".facts a[href='{record_path}']").click()
    page.wait_for_url(re.compile(rf"{re.escape(record_path)}$"))
    person.looks_right("3-record")
    expect(page.locator("h1")).to_have_text(business.name)
    strip = page.locator("#coverage ol.coverage > li.coverage__stage")
    expect(strip).to_have_count(7)
    stages = list(Stage.objects.active())
    expect(strip.locator(".coverage__name")).to_have_text([s.display_name for s in stages])
    # The service under way puts licensing in progress; the open referral, marketing.
    for code in ("perizinan", "pemasaran"):
        index = next(i for i, s in enumerate(stages) if s.code == code)
        expect(strip.nth(index)).to_have_class(re.compile(r"coverage__stage--in_progress"))
    expect(strip.locator(".coverage__stage--reached")).to_have_count(0)
    # Its timeline: the service just recorded (its summary shown as typed, escaped), and the
    # referral Dinas Pertanian sent.
    entries = page.locator("#timeline .record-timeline > li.timeline__event")
    expect(entries).to_have_count(2)
    entry = entries.filter(has_text=SUMMARY)
    expect(entry).to_have_count(1)
    expect(entry).to_contain_text(agency.short_name)
    expect(entry).to_contain_text(licensing.display_name)
    expect(entry.locator("time")).to_have_attribute("datetime", timezone.localdate().isoformat())
    expect(page.locator("#timeline halal")).to_have_count(0)  # the <halal> typed is text
    expect(entries.filter(has_text=scene["to_accept"].reason)).to_have_count(1)

    # 4. The dashboard, from the workspace's navigation: the figures of Diskop's year.
    dashboard = reverse("workspace-support-dashboard")
    open_workspace_menu(page)
    page.locator(f".workspace-nav a[href='{dashboard}']").click()
    page.wait_for_url(re.compile(rf"{re.escape(dashboard)}$"))
    person.looks_right("4-dashboard")
    figures = page.locator(".support-dash__figures > li > a")
    assert figures.count() >= 5
    for figure in figures.all():  # a figure is a number (or a dash) that links to its list
        expect(figure.locator(".support-dash__value")).to_have_text(re.compile(r"^(\d+|—)$"))
        assert urlsplit(figure.get_attribute("href")).path.startswith(f"{dashboard}daftar/")
    services_list = reverse("workspace-support-dashboard-list", args=["layanan"])
    services = page.locator(f".support-dash__figures a[href='{services_list}']")
    expect(services.locator(".support-dash__value")).to_have_text("1")
    # The charts are drawn on the server, each beside the table of its numbers.
    expect(page.locator("#dash-funnel ~ .stat__body svg")).to_have_count(1)
    expect(page.locator("#dash-gaps ~ .stat__body svg")).to_have_count(1)

    services.click()
    page.wait_for_url(re.compile(rf"{re.escape(services_list)}$"))
    person.looks_right("4-dashboard-services")
    rows = page.locator("table.support-dash__list tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text(business.name)


# 2. Answering referrals from the inbox ------------------------------------------------------------


def test_answer_referrals_from_the_inbox(phone, scene):
    editor = scene["disperindag_editor"]
    to_accept, to_decline = scene["to_accept"], scene["to_decline"]
    inbox = reverse("workspace-referrals")
    person = phone(editor)
    page = person.page

    # The inbox opens on the incoming referrals: both wait for an answer.
    page.goto(inbox)
    person.looks_right("2-inbox")
    expect(page.locator(".tabs a[aria-current='page'] .tabs__count")).to_contain_text("2")
    expect(page.locator(".work-list > li.referral-row")).to_have_count(2)

    # Accept the first, with a note, on its page.
    accept_path = reverse("workspace-referral", args=[to_accept.pk])
    page.locator(f".referral-row .list__title a[href='{accept_path}']").click()
    page.wait_for_url(re.compile(rf"{re.escape(accept_path)}$"))
    person.looks_right("2-referral")
    expect(page.locator("h1")).to_contain_text(to_accept.business.name)
    panel = page.locator("form#accept")
    panel.locator("#id_accept_note").fill(ACCEPT_NOTE)
    panel.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(rf"{re.escape(accept_path)}(#accept)?$"))
    expect(page.locator(".messages .notice--success")).to_be_visible()
    expect(page.locator("form#accept")).to_have_count(0)
    expect(page.locator("form#complete")).to_be_visible()  # the next step is completing it
    expect(page.locator(".timeline")).to_contain_text(ACCEPT_NOTE)
    person.looks_right("2-accepted")
    to_accept.refresh_from_db()
    assert to_accept.status == Referral.Status.ACCEPTED
    assert (to_accept.answered_by, to_accept.answer_note) == (editor, ACCEPT_NOTE)
    assert to_accept.answered_at is not None

    # Decline the second: without a reason it is refused and nothing changes; with one, done.
    page.goto(inbox)
    expect(page.locator(".tabs a[aria-current='page'] .tabs__count")).to_contain_text("1")
    decline_path = reverse("workspace-referral", args=[to_decline.pk])
    page.locator(f".referral-row .list__title a[href='{decline_path}']").click()
    page.wait_for_url(re.compile(rf"{re.escape(decline_path)}$"))
    panel = page.locator("form#decline")
    panel.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"/tolak/#decline$"))
    panel = page.locator("form#decline")
    expect(panel.locator("#id_decline_note")).to_have_attribute("aria-invalid", "true")
    expect(panel.locator(".form-field--invalid")).to_be_visible()
    person.looks_right("2-decline-refused")
    to_decline.refresh_from_db()
    assert (to_decline.status, to_decline.answered_at) == (Referral.Status.SENT, None)

    panel.locator("#id_decline_note").fill(DECLINE_NOTE)
    panel.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(rf"{re.escape(decline_path)}(#decline)?$"))
    expect(page.locator(".messages .notice--success")).to_be_visible()
    expect(page.locator("form.action-panel")).to_have_count(0)  # nothing left to answer
    expect(page.locator(".timeline")).to_contain_text(DECLINE_NOTE)
    person.looks_right("2-declined")
    to_decline.refresh_from_db()
    assert to_decline.status == Referral.Status.DECLINED
    assert (to_decline.answered_by, to_decline.answer_note) == (editor, DECLINE_NOTE)

    # The inbox has nothing waiting any more; the accepted one still offers completing it.
    page.goto(inbox)
    expect(page.locator(".tabs a[aria-current='page'] .tabs__count")).to_have_count(0)
    complete = reverse("workspace-referral-selesai", args=[to_accept.pk])
    expect(page.locator(f".referral-row form[action='{complete}']")).to_be_visible()
    person.looks_right("2-inbox-answered")
    assert Referral.objects.filter(status=Referral.Status.SENT).count() == 0
