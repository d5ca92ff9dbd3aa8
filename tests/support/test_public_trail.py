"""What a business page shows of the development record (only with the business's consent,
`show_support`) and what an agency page shows of its year: stages reached, agencies that
helped, month and kind — never a note, an amount, a mentor's name or an unconsented name."""

import datetime
import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from support.models import Participation
from tests.factories import (
    ActivityFactory,
    AgencyFactory,
    BusinessFactory,
    MilestoneFactory,
    ParticipationFactory,
    ServiceFactory,
    SnapshotFactory,
    stage,
)

pytestmark = pytest.mark.django_db
S = Participation.Status

#: Stored text that must never reach a public page.
SECRETS = [
    "Catatan hasil rahasia",  # a participation's result note
    "SERT-0001-RAHASIA",  # its certificate number
    "Ringkasan layanan rahasia",  # a service's summary
    "Pak Mentor Rahasia",  # a mentor's name
    "25.000.000",  # an amount, as the portal writes rupiah
    "25000000",
    "Bukti milestone rahasia",  # a milestone's evidence
    "Salah input rahasia",  # a void reason
    "Perlu akses pameran",  # a referral's reason
    "Alasan batal rahasia",  # a cancel reason
    "300.000.000",  # a snapshot's turnover
    "Rapat Koordinasi Internal",  # a non-public activity's title
]


@pytest.fixture
def trail(world, record):
    """The world's business "Lada Mentok Jaya" consents. It completed Dinas Pertanian's training
    (co-organised by Diskop, not public), got a capital grant from Diskop and an ongoing
    mentoring from Dinas Pertanian; a service by DKP was voided; it completed an activity of
    Dinas Pariwisata that was then cancelled; Disperindag is credited with its verified first
    export; its NIB milestone is not verified yet."""
    business = world.business
    business.show_support = True
    business.save()
    record.activity.title = "Rapat Koordinasi Internal"
    record.activity.save()
    participation = record.participation
    participation.status = S.COMPLETED
    participation.result_note = "Catatan hasil rahasia"
    participation.certificate_number = "SERT-0001-RAHASIA"
    participation.save()
    record.service.summary = "Ringkasan layanan rahasia"
    record.service.mentor_name = "Pak Mentor Rahasia"
    record.service.save()
    grant = ServiceFactory(
        business=business,
        agency=world.collaborator,
        kind="akses_modal",
        stage=stage("permodalan"),
        outcome="done",
        benefit="grant",
        amount=25_000_000,
        summary="Ringkasan layanan rahasia",
        mentor_name="Pak Mentor Rahasia",
        provided_on=timezone.localdate() - timedelta(days=40),
    )
    ServiceFactory(
        business=business,
        agency=world.other,
        kind="fasilitasi_perizinan",
        stage=stage("perizinan"),
        outcome="done",
        voided_at=timezone.now(),
        void_reason="Salah input rahasia",
    )
    cancelled = ActivityFactory(
        organiser=world.foreign,
        is_public=True,
        title="Pameran Wisata Batal",
        cancelled_at=timezone.now(),
        cancel_reason="Alasan batal rahasia",
        stages=[stage("keuangan")],
    )
    ParticipationFactory(activity=cancelled, business=business, status=S.COMPLETED)
    export = MilestoneFactory(
        business=business,
        kind="export",
        stage=stage("pemasaran"),
        evidence="Bukti milestone rahasia",
        verified_at=timezone.now(),
        verified_by=world.people["reviewer"],
    )
    export.credited_agencies.add(world.leading)
    record.milestone.evidence = "Bukti milestone rahasia"
    record.milestone.save()
    SnapshotFactory(business=business, turnover=300_000_000)
    return {"world": world, "record": record, "grant": grant, "export": export}


def page(client, business, language=""):
    response = client.get(f"{language}/umkm/{business.slug}/")
    assert response.status_code == 200
    return response.content.decode()


def section(content: str) -> str:
    match = re.search(r'<section class="development".*?</section>', content, re.S)
    assert match, "no development trail on the page"
    return match.group(0)


def test_without_consent_nothing_of_the_record_is_shown(client, trail):
    business = trail["world"].business
    business.show_support = False
    business.save()

    content = page(client, business)

    assert 'class="development"' not in content
    for text in ["Distan", "Diskop", "Disperindag", *SECRETS]:
        assert text not in content.split('<section aria-labelledby="products-title">')[1]


def test_with_consent_the_stages_reached_are_marked(client, trail):
    trail_html = section(page(client, trail["world"].business))

    reached = re.findall(
        r'stage-strip__stage--reached"><span aria-hidden="true">✓</span> ([^<]+?) <', trail_html
    )
    # The completed training, the grant done and the verified export; the mentoring is still in
    # progress, the NIB unverified, the cancelled activity does not count.
    assert reached == ["Pelatihan", "Pemasaran dan akses pasar", "Akses permodalan"]
    assert trail_html.count('class="stage-strip__stage') == 7


def test_with_consent_the_agencies_that_helped_are_named(client, trail):
    trail_html = section(page(client, trail["world"].business))

    helped = re.findall(r'<li><a href="/dinas/([\w-]+)/">', trail_html)
    # Dinas Pertanian (organiser, mentoring), Diskop (co-organiser, grant), Disperindag
    # (credited): not DKP, whose service was voided, nor Dispar, whose activity was cancelled.
    assert sorted(helped) == ["dinas-koperasi-ukm", "dinas-pertanian", "disperindag"]


def test_with_consent_each_entry_says_month_and_kind(client, trail):
    trail_html = section(page(client, trail["world"].business))

    entries = re.findall(r"<li>\s*<time datetime=\"(\d{4}-\d{2})\">.*?</li>", trail_html, re.S)
    assert len(entries) == 4  # training, mentoring, grant, export
    grant_month = trail["grant"].provided_on.strftime("%Y-%m")
    assert grant_month in entries
    assert "Akses permodalan" in trail_html or "Access to capital" in trail_html
    assert "Distan" in trail_html and "Diskop" in trail_html


@pytest.mark.parametrize("language", ["", "/en"])
def test_no_note_amount_mentor_or_internal_title_leaks(client, trail, language):
    content = page(client, trail["world"].business, language)

    for secret in SECRETS:
        assert secret not in content, secret
    assert "Pameran Wisata Batal" not in content  # a cancelled activity is no help given
    assert "Dinas Pariwisata" not in content and "Dinas Kelautan" not in content


def test_a_public_activity_is_named_and_linked(client, trail):
    world = trail["world"]
    public = ActivityFactory(
        organiser=world.second, is_public=True, title="Bimtek Pemasaran Digital"
    )
    ParticipationFactory(activity=public, business=world.business, status=S.ATTENDED)

    trail_html = section(page(client, world.business))

    assert f'<a href="/kegiatan/{public.pk}/">' in trail_html
    assert "Bimtek Pemasaran Digital" in trail_html


def test_stored_text_is_escaped(client, trail):
    world = trail["world"]
    ServiceFactory(
        business=world.business,
        agency=AgencyFactory(name="<script>alert(1)</script>", short_name="<b>X</b>"),
    )
    public = ActivityFactory(is_public=True, title="<img src=x onerror=alert(2)>")
    ParticipationFactory(activity=public, business=world.business, status=S.COMPLETED)

    trail_html = section(page(client, world.business))

    assert "<script>alert(1)</script>" not in trail_html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in trail_html
    assert "<b>X</b>" not in trail_html and "&lt;b&gt;X&lt;/b&gt;" in trail_html
    assert "<img src=x" not in trail_html


def test_english_under_en(client, trail):
    trail_html = section(page(client, trail["world"].business, "/en"))

    assert "Development trail" in trail_html
    assert "Access to capital" in trail_html  # the stage's English name


def test_the_trail_shows_the_newest_entries_only(client, trail):
    world = trail["world"]
    for n in range(20):
        ServiceFactory(
            business=world.business,
            agency=world.owner,
            provided_on=timezone.localdate() - timedelta(days=400 + n),
        )

    trail_html = section(page(client, world.business))

    assert len(re.findall(r"<time datetime=", trail_html)) == 12


# Budgets ----------------------------------------------------------------------------------------


def queries_for(client, path) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(path)
    assert response.status_code == 200
    return len(context.captured_queries)


def add_record(business, agencies, count):
    for n in range(count):
        activity = ActivityFactory(organiser=agencies[n % 3], is_public=n % 2 == 0)
        activity.co_organisers.add(agencies[(n + 1) % 3])
        ParticipationFactory(activity=activity, business=business, status=S.COMPLETED)
        ServiceFactory(business=business, agency=agencies[n % 3], outcome="done")
        milestone = MilestoneFactory(business=business, verified_at=timezone.now())
        milestone.credited_agencies.add(*agencies)


def test_the_business_page_costs_the_same_queries_whatever_the_trail(client, world):
    business = BusinessFactory(show_support=True)
    agencies = [world.owner, world.collaborator, world.leading]
    add_record(business, agencies, 1)
    few = queries_for(client, business.get_absolute_url())
    add_record(business, agencies, 15)
    many = queries_for(client, business.get_absolute_url())

    assert many == few
    # The page's own (business, product count, products, images), then the trail: stages,
    # coverage (4), helping agencies, participations + co-organisers + stages, services,
    # milestones + credited agencies.
    assert many <= 16


def test_without_consent_the_trail_costs_no_query(client, world):
    business = BusinessFactory()
    add_record(business, [world.owner, world.collaborator, world.leading], 3)
    without = queries_for(client, business.get_absolute_url())
    business.show_support = True
    business.save()

    assert queries_for(client, business.get_absolute_url()) > without
    assert without == queries_for(client, BusinessFactory().get_absolute_url())


# The page cache ---------------------------------------------------------------------------------


def test_a_cached_business_page_is_stale_after_a_service_or_a_change_of_consent(
    client, trail, settings, django_capture_on_commit_callbacks
):
    settings.PUBLIC_CACHE = True
    world = trail["world"]
    path = world.business.get_absolute_url()
    client.get(path)
    assert client.get(path)["X-Cache"] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        ServiceFactory(business=world.business, agency=world.second, outcome="done")
    response = client.get(path)
    assert response["X-Cache"] == "miss"
    assert b'href="/dinas/dinas-perhubungan/"' in response.content

    with django_capture_on_commit_callbacks(execute=True):
        world.business.show_support = False
        world.business.save()
    response = client.get(path)
    assert response["X-Cache"] == "miss"
    assert b'class="development"' not in response.content


# An agency's figures for the year ---------------------------------------------------------------


@pytest.fixture
def year_of_work(world):
    """Dinas Pertanian this year: two activities it organised (one co-organised by Diskop with
    it as co-organiser, i.e. Diskop organises) and one cancelled; one of last year; three
    services (one voided) and one of last year; participants attended, completed, registered."""
    owner = world.owner
    year = timezone.localdate().year
    zone = timezone.get_default_timezone()
    this_year = datetime.datetime(year, 6, 15, 9, tzinfo=zone)
    last_year = datetime.datetime(year - 1, 6, 15, 9, tzinfo=zone)

    def activity(organiser, starts_at, **extra):
        return ActivityFactory(
            organiser=organiser,
            starts_at=starts_at,
            ends_at=starts_at + timedelta(hours=4),
            **extra,
        )

    own = activity(owner, this_year)
    shared = activity(world.collaborator, this_year)
    shared.co_organisers.add(owner)
    activity(owner, this_year, cancelled_at=timezone.now(), cancel_reason="x")
    old = activity(owner, last_year)
    one, two, three = BusinessFactory(), BusinessFactory(), BusinessFactory()
    ParticipationFactory(activity=own, business=one, status=S.COMPLETED)
    ParticipationFactory(activity=shared, business=two, status=S.ATTENDED)
    ParticipationFactory(activity=shared, business=three, status=S.REGISTERED)
    ParticipationFactory(activity=old, business=three, status=S.COMPLETED)
    today = timezone.localdate()
    ServiceFactory(business=one, agency=owner, provided_on=today)
    ServiceFactory(business=world.business, agency=owner, provided_on=today)
    ServiceFactory(
        business=three, agency=owner, provided_on=today, voided_at=timezone.now(), void_reason="x"
    )
    ServiceFactory(business=three, agency=owner, provided_on=today.replace(year=year - 1))
    return year


def figures(content: str) -> dict[str, str]:
    match = re.search(r'<section class="agency-figures".*?</section>', content, re.S)
    assert match
    return dict(re.findall(r"<dt>([^<]+)</dt><dd>([^<]+)</dd>", match.group(0)))


def test_an_agency_page_shows_its_figures_for_the_year(client, world, year_of_work):
    content = client.get("/en/dinas/dinas-pertanian/").content.decode()

    assert f"Support for businesses in {year_of_work}" in content
    assert figures(content) == {
        "Activities organised": "2",  # its own and the one it co-organises; not the cancelled
        "Businesses supported": "3",  # one (both), two (took part), the world's (a service)
        "Services given": "2",  # not the voided one, not last year's
        "Participants": "2",  # attended or completed, not registered
    }
    assert 'href="/en/kegiatan/?dinas=dinas-pertanian"' in content


def test_an_agency_without_work_shows_zeros(client, world):
    content = client.get("/dinas/dinas-perhubungan/").content.decode()

    assert set(figures(content).values()) == {"0"}


def test_the_agency_page_costs_the_same_queries_whatever_its_year(client, world):
    few = queries_for(client, "/dinas/dinas-pertanian/")
    add_record(BusinessFactory(), [world.owner, world.collaborator, world.leading], 15)
    many = queries_for(client, "/dinas/dinas-pertanian/")

    assert many == few
    assert many <= 6  # the agency, product count, products, images and one query of figures


def test_a_cached_agency_page_is_stale_after_a_service(
    client, world, settings, django_capture_on_commit_callbacks
):
    settings.PUBLIC_CACHE = True
    client.get("/dinas/dinas-pertanian/")
    assert client.get("/dinas/dinas-pertanian/")["X-Cache"] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        ServiceFactory(business=world.business, agency=world.owner)
    response = client.get("/dinas/dinas-pertanian/")

    assert response["X-Cache"] == "miss"
    # one service given, to one business supported
    assert sorted(figures(response.content.decode()).values()) == ["0", "0", "1", "1"]


def test_an_anonymous_agency_page_reads_its_figures_from_the_cache_of_aggregates(
    client, world, settings, django_capture_on_commit_callbacks
):
    settings.AGGREGATE_CACHE = True  # the page cache stays off: only the figures are kept

    def record_queries():
        with CaptureQueriesContext(connection) as context:
            client.get("/dinas/dinas-pertanian/")
        return [q["sql"] for q in context.captured_queries if "support_service" in q["sql"]]

    assert len(record_queries()) == 1
    assert record_queries() == []

    with django_capture_on_commit_callbacks(execute=True):
        ServiceFactory(business=world.business, agency=world.owner)
    content = client.get("/dinas/dinas-pertanian/").content.decode()

    assert sorted(figures(content).values()) == ["0", "0", "1", "1"]
