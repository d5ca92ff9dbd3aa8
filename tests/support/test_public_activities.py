"""The public activity calendar `/kegiatan/` and an activity's page `/kegiatan/<id>/`: what they
show and to whom, their filters, their budgets and their place in the page cache and sitemap."""

import gzip
import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from support.models import Participation
from tests.factories import (
    ActivityFactory,
    BusinessFactory,
    ParticipationFactory,
    RegionFactory,
    stage,
)
from umkm_portal import caching
from umkm_portal.caching import seconds_until_midnight

pytestmark = pytest.mark.django_db
S = Participation.Status


@pytest.fixture
def calendar(world):
    """Dinas Pertanian (`owner`) holds a packaging training next week in Bangka Barat and held a
    curation session last month; Diskop (`collaborator`) holds an exhibition in Belitung in two
    days, co-organised by Dinas Pertanian; a clinic was cancelled; an internal meeting is not
    public. Four businesses were in last month's session: one consented to show its trail and
    completed it, one attended without consent, one registered only, one was absent."""
    now = timezone.now()
    belitung = RegionFactory(slug="belitung", name="Kabupaten Belitung")
    training = ActivityFactory(
        organiser=world.owner,
        region=world.region,
        title="Pelatihan Pengemasan Lada",
        starts_at=now + timedelta(days=7),
        ends_at=now + timedelta(days=7, hours=6),
        is_public=True,
        capacity=30,
        registration_info="Daftar lewat WhatsApp 0812-1111-2222 atau https://daftar.example.org",
        description="Belajar kemasan standing pouch.",
    )
    exhibition = ActivityFactory(
        organiser=world.collaborator,
        region=belitung,
        kind="pameran",
        title="Pameran Produk Belitung",
        starts_at=now + timedelta(days=2),
        ends_at=now + timedelta(days=4),
        is_public=True,
        stages=[stage("pemasaran")],
    )
    exhibition.co_organisers.add(world.owner)
    past = ActivityFactory(
        organiser=world.owner,
        region=world.region,
        kind="kurasi",
        title="Kurasi Produk Lada",
        starts_at=now - timedelta(days=30),
        ends_at=now - timedelta(days=30) + timedelta(hours=5),
        is_public=True,
        stages=[stage("pemasaran")],
    )
    cancelled = ActivityFactory(
        organiser=world.other,
        region=world.region,
        kind="klinik",
        title="Klinik Bisnis Dibatalkan",
        starts_at=now + timedelta(days=10),
        ends_at=now + timedelta(days=10, hours=3),
        is_public=True,
        cancelled_at=now,
        cancel_reason="Anggaran dialihkan, catatan internal",
    )
    internal = ActivityFactory(
        organiser=world.owner,
        region=world.region,
        title="Rapat Internal Rahasia",
        starts_at=now + timedelta(days=1),
        ends_at=now + timedelta(days=1, hours=2),
    )
    consenting = BusinessFactory(name="Madu Pelawan Setuju", show_support=True)
    silent = BusinessFactory(name="Kemplang Diam-Diam")
    ParticipationFactory(activity=past, business=consenting, status=S.COMPLETED)
    ParticipationFactory(activity=past, business=silent, status=S.ATTENDED)
    ParticipationFactory(
        activity=past, business=BusinessFactory(name="Terasi Terdaftar", show_support=True)
    )
    ParticipationFactory(
        activity=past,
        business=BusinessFactory(name="Getas Absen", show_support=True),
        status=S.ABSENT,
    )
    return locals()


def titles(response) -> list[str]:
    return re.findall(r'<h3 class="list__title"><a href="/(?:en/)?kegiatan/\d+/">([^<]+)</a>',
                      response.content.decode())  # fmt: skip


def test_the_list_shows_public_activities_upcoming_first_and_past_ones_last(client, calendar):
    response = client.get("/kegiatan/")

    assert response.status_code == 200
    assert titles(response) == [
        "Pameran Produk Belitung",
        "Pelatihan Pengemasan Lada",
        "Klinik Bisnis Dibatalkan",
        "Kurasi Produk Lada",
    ]
    assert "Rapat Internal Rahasia" not in response.content.decode()


def test_a_cancelled_activity_is_marked_and_its_reason_stays_internal(client, calendar):
    content = client.get("/kegiatan/").content.decode()

    item = content[content.index("Klinik Bisnis Dibatalkan") - 600 :]
    assert 'class="activity activity--cancelled"' in item[:700]
    assert "Dibatalkan</span>" in content or "Cancelled</span>" in content
    detail = client.get(calendar["cancelled"].get_absolute_url()).content.decode()
    assert "notice--warning" in detail
    assert "catatan internal" not in detail
    assert "How to register" not in detail and "Cara mendaftar" not in detail


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("tahap=pemasaran", {"Pameran Produk Belitung", "Kurasi Produk Lada"}),
        ("tahap=pelatihan", {"Pelatihan Pengemasan Lada", "Klinik Bisnis Dibatalkan"}),
        # organiser or co-organiser, never twice
        ("dinas=dinas-pertanian",
         {"Pelatihan Pengemasan Lada", "Pameran Produk Belitung", "Kurasi Produk Lada"}),
        ("dinas=dinas-koperasi-ukm", {"Pameran Produk Belitung"}),
        ("wilayah=belitung", {"Pameran Produk Belitung"}),
        ("wilayah=belitung&tahap=pelatihan", set()),
        ("dinas=dinas-pertanian&tahap=pemasaran",
         {"Pameran Produk Belitung", "Kurasi Produk Lada"}),
    ],
)  # fmt: skip
def test_filters(client, calendar, query, expected):
    response = client.get(f"/kegiatan/?{query}")

    found = titles(response)
    assert set(found) == expected
    assert len(found) == len(set(found))


def test_the_month_filter_finds_what_runs_in_that_month(client, calendar):
    past = calendar["past"]
    month = timezone.localtime(past.starts_at).strftime("%Y-%m")
    assert "Kurasi Produk Lada" in titles(client.get(f"/kegiatan/?bulan={month}"))
    # An exhibition from the last day of a month to the first of the next is in both.
    last_day = timezone.localtime(past.starts_at).replace(day=1) - timedelta(days=1)
    ActivityFactory(
        title="Pameran Lintas Bulan",
        is_public=True,
        starts_at=last_day.replace(hour=9),
        ends_at=last_day.replace(hour=9) + timedelta(days=2),
    )
    assert "Pameran Lintas Bulan" in titles(client.get(f"/kegiatan/?bulan={month}"))
    before = last_day.strftime("%Y-%m")
    found = titles(client.get(f"/kegiatan/?bulan={before}"))
    assert "Pameran Lintas Bulan" in found and "Kurasi Produk Lada" not in found


@pytest.mark.parametrize(
    "query",
    ["tahap=tidak-ada", "dinas=%27%3B--", "wilayah=<script>alert(1)</script>", "bulan=2026-13",
     "bulan=kemarin", "bulan=99999-01", "page=abc", "page=-1", "page=99999",
     "tahap=<script>alert(1)</script>&bulan=<script>alert(1)</script>"],
)  # fmt: skip
def test_odd_input_gives_a_normal_page_and_is_escaped(client, calendar, query):
    response = client.get(f"/kegiatan/?{query}")

    assert response.status_code == 200
    content = response.content.decode()
    assert "<script>alert(1)</script>" not in content
    if not query.startswith("page"):
        assert 'role="alert"' in content  # the filter is reported, and left out
        assert "Pameran Produk Belitung" in content


def test_the_list_links_the_calendar_feed_with_its_filters(client, calendar):
    content = client.get("/kegiatan/?dinas=dinas-pertanian&page=1").content.decode()

    assert 'href="/kegiatan.ics?dinas=dinas-pertanian"' in content
    assert 'rel="alternate" type="text/calendar"' in content
    assert 'href="/kegiatan.ics"' in client.get("/kegiatan/").content.decode()


def test_the_list_is_paginated(client, world):
    for n in range(23):
        ActivityFactory(is_public=True, title=f"Bimtek {n:02}")

    first = client.get("/kegiatan/").content.decode()
    second = client.get("/kegiatan/?page=2").content.decode()

    assert first.count('class="list__title"') == 20 and second.count('class="list__title"') == 3
    assert 'rel="next"' in first


def test_the_detail_says_what_when_where_who_and_how_to_register(client, calendar):
    training = calendar["training"]

    content = client.get(f"/kegiatan/{training.pk}/").content.decode()

    assert "<h1>Pelatihan Pengemasan Lada</h1>" in content
    assert "Belajar kemasan standing pouch." in content
    assert "Aula Dinas" in content and "Kabupaten Bangka Barat" in content
    assert 'href="/dinas/dinas-pertanian/"' in content
    start = timezone.localtime(training.starts_at).replace(microsecond=0)
    assert f'datetime="{start.isoformat()}"' in content
    assert "WIB" in content
    assert "0812-1111-2222" in content
    assert '<a href="https://daftar.example.org" rel="nofollow">' in content
    assert "30 " in content  # places


def test_the_detail_names_co_organisers(client, calendar):
    content = client.get(calendar["exhibition"].get_absolute_url()).content.decode()

    assert 'href="/dinas/dinas-koperasi-ukm/"' in content
    assert 'href="/dinas/dinas-pertanian/"' in content


def test_after_it_ends_the_detail_counts_who_took_part_and_names_only_who_consented(
    client, calendar
):
    content = client.get(calendar["past"].get_absolute_url()).content.decode()

    figures = dict(re.findall(r"<dt>([^<]+)</dt><dd>(\d+)</dd>", content))
    assert list(figures.values()) == ["2", "1"]  # took part: completed + attended; completed
    assert "Madu Pelawan Setuju" in content  # consented and completed
    assert "Kemplang Diam-Diam" not in content  # took part without consent
    assert "Terasi Terdaftar" not in content  # consented, but only registered
    assert "Getas Absen" not in content  # consented, but absent
    assert "How to register" not in content and "Cara mendaftar" not in content


def test_before_it_ends_no_participant_is_counted_or_named(client, calendar):
    ParticipationFactory(
        activity=calendar["training"],
        business=BusinessFactory(name="Lada Sudah Daftar", show_support=True),
        status=S.ATTENDED,
    )
    content = client.get(calendar["training"].get_absolute_url()).content.decode()

    assert "Lada Sudah Daftar" not in content
    assert "turnout" not in content


@pytest.mark.parametrize("who", ["anonymous", "owner_editor", "administrator"])
def test_an_activity_not_public_answers_404_to_everyone(client, calendar, world, who):
    if who != "anonymous":
        client.force_login(world.people[who])

    assert client.get(calendar["internal"].get_absolute_url()).status_code == 404
    assert client.get("/kegiatan/999999/").status_code == 404
    assert client.get("/kegiatan/99999999999999999999999/").status_code == 404  # no overflow


def test_stored_text_is_escaped(client, world):
    activity = ActivityFactory(
        is_public=True,
        title="<script>alert(1)</script> Pelatihan",
        place="<img src=x onerror=alert(2)>",
        description="<b>tebal</b>",
        registration_info='<a href="javascript:alert(3)">daftar</a>',
        organiser=world.owner,
    )
    world.owner.name = "Dinas <i>Pertanian</i>"
    world.owner.save()

    for path in ("/kegiatan/", activity.get_absolute_url()):
        content = client.get(path).content.decode()
        assert "<script>alert(1)</script>" not in content
        assert "&lt;script&gt;alert(1)&lt;/script&gt; Pelatihan" in content
        assert "<img src=x" not in content
        assert "<i>Pertanian</i>" not in content
    detail = client.get(activity.get_absolute_url()).content.decode()
    assert "<b>tebal</b>" not in detail and 'href="javascript:' not in detail


def assert_public_and_cacheable(response):
    assert response.status_code == 200
    assert not response.cookies
    assert "csrfmiddlewaretoken" not in response.content.decode()
    assert "Cookie" not in response.get("Vary", "")
    control = response["Cache-Control"]
    assert "public" in control
    max_age = int(re.search(r"max-age=(\d+)", control).group(1))
    assert max_age <= seconds_until_midnight() + 1
    content = response.content.decode()
    assert not re.search(r"<script(?![^>]*\bsrc=)", content)  # no inline script
    assert "<style" not in content and " style=" not in content


@pytest.mark.parametrize(
    "path",
    ["/kegiatan/", "/kegiatan/?tahap=pemasaran&bulan=2026-05", "TRAINING", "PAST", "CANCELLED",
     "/en/kegiatan/", "/en/TRAINING", "/dinas/dinas-pertanian/"],
)  # fmt: skip
def test_pages_are_public_cacheable_sessionless_and_without_inline_code(client, calendar, path):
    paths = {
        "TRAINING": calendar["training"].get_absolute_url(),
        "PAST": calendar["past"].get_absolute_url(),
        "CANCELLED": calendar["cancelled"].get_absolute_url(),
    }
    if path.startswith("/en/"):
        path = "/en" + paths.get(path[4:], path[3:])
    assert_public_and_cacheable(client.get(paths.get(path, path)))


def test_english_under_en(client, calendar):
    content = client.get("/en/kegiatan/").content.decode()

    assert '<html lang="en">' in content
    assert "Activities for businesses" in content
    assert "Marketing" in content or "Market access" in content  # the stage's English name
    assert 'href="/en/kegiatan/' in content
    assert 'href="/kegiatan/"' in content  # the switch back to Indonesian
    detail = client.get(f"/en/kegiatan/{calendar['past'].pk}/").content.decode()
    assert "Businesses that took part" in detail


def test_the_public_navigation_links_the_calendar(client, calendar):
    assert 'href="/kegiatan/"' in client.get("/").content.decode()
    assert 'href="/en/kegiatan/"' in client.get("/en/").content.decode()


# Budgets ----------------------------------------------------------------------------------------


def queries_for(client, path) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(path)
    assert response.status_code == 200
    return len(context.captured_queries)


def make_activities(count, world):
    for n in range(count):
        activity = ActivityFactory(
            is_public=True,
            organiser=world.owner,
            region=world.region,
            stages=[stage("pelatihan"), stage("pemasaran")],
            starts_at=timezone.now() + timedelta(days=n - count // 2),
        )
        activity.co_organisers.add(world.collaborator, world.other)


@pytest.mark.parametrize(
    "path",
    ["/kegiatan/", "/kegiatan/?tahap=pelatihan&dinas=dinas-pertanian&wilayah=bangka-barat"
     "&bulan=MONTH"],
)  # fmt: skip
def test_list_queries_do_not_grow_with_the_page(client, world, path):
    path = path.replace("MONTH", timezone.localdate().strftime("%Y-%m"))
    make_activities(1, world)
    few = queries_for(client, path)
    make_activities(19, world)
    many = queries_for(client, path)

    assert many == few
    # stages, agencies, regions for the pickers; the slugs looked up; count; page; co-organisers
    # and stages of the page.
    assert many <= 10


def test_a_full_page_stays_light_and_loads_nothing_from_elsewhere(client, world):
    make_activities(20, world)

    html = client.get("/kegiatan/").content

    assert len(gzip.compress(html)) < 30 * 1024
    for value in re.findall(rb'(?:src|srcset|href)="([^"]+)"', html):
        assert not re.match(rb"https?://", value) or value.startswith(b"http://testserver/")


def test_detail_queries_do_not_grow_with_the_participants(client, world):
    activity = ActivityFactory(
        is_public=True,
        starts_at=timezone.now() - timedelta(days=2),
        ends_at=timezone.now() - timedelta(days=1),
    )
    activity.co_organisers.add(world.collaborator)
    ParticipationFactory(
        activity=activity, business=BusinessFactory(show_support=True), status=S.COMPLETED
    )
    few = queries_for(client, activity.get_absolute_url())
    for n in range(30):
        ParticipationFactory(
            activity=activity,
            business=BusinessFactory(show_support=n % 2 == 0),
            status=S.COMPLETED if n % 3 else S.ATTENDED,
        )
    activity.co_organisers.add(world.other, world.leading)
    many = queries_for(client, activity.get_absolute_url())

    assert many == few
    assert many <= 5  # the activity, co-organisers, stages, the counts, the named businesses


# The page cache ---------------------------------------------------------------------------------


@pytest.fixture
def cache_on(settings):
    settings.PUBLIC_CACHE = True


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    def run(write):
        with django_capture_on_commit_callbacks(execute=True):
            write()

    return run


def fetch(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    return response, len(queries)


@pytest.mark.parametrize("page", ["/kegiatan/", "DETAIL", "/en/kegiatan/"])
def test_a_second_anonymous_visit_is_served_from_the_cache_and_a_save_makes_it_stale(
    client, calendar, cache_on, commit, page
):
    training = calendar["training"]
    path = training.get_absolute_url() if page == "DETAIL" else page

    first, _ = fetch(client, path)
    second, queries = fetch(client, path)
    assert (first["X-Cache"], second["X-Cache"], queries) == ("miss", "hit", 0)
    assert second.content == first.content and "Set-Cookie" not in second

    def rename():
        training.title = "Pelatihan Pengemasan Lada Angkatan II"
        training.save()

    commit(rename)
    third, _ = fetch(client, path)
    assert third["X-Cache"] == "miss"
    assert b"Angkatan II" in third.content


def test_a_participation_saved_makes_the_turnout_stale(client, calendar, cache_on, commit):
    path = calendar["past"].get_absolute_url()
    fetch(client, path)
    assert fetch(client, path)[0]["X-Cache"] == "hit"

    commit(
        lambda: ParticipationFactory(
            activity=calendar["past"],
            business=BusinessFactory(name="Rusip Baru Setuju", show_support=True),
            status=S.COMPLETED,
        )
    )
    response, _ = fetch(client, path)

    assert response["X-Cache"] == "miss"
    assert b"Rusip Baru Setuju" in response.content


def test_a_signed_in_visitor_is_never_served_the_anonymous_copy(client, calendar, cache_on, world):
    fetch(client, "/kegiatan/")
    client.force_login(world.people["owner_editor"])

    response, _ = fetch(client, "/kegiatan/")

    assert "X-Cache" not in response


def test_a_page_showing_an_activity_that_turns_before_midnight_is_not_kept(
    client, world, cache_on, monkeypatch
):
    """The page cache keeps answers until midnight: a page whose activity starts or ends before
    then would go on saying "register" or "taking place now" after it ends."""
    monkeypatch.setattr(caching, "seconds_until_midnight", lambda: 3 * 3600)
    now = timezone.now()
    ending = ActivityFactory(
        is_public=True,
        region=world.region,
        starts_at=now - timedelta(hours=1),
        ends_at=now + timedelta(hours=1),
    )
    tomorrow = ActivityFactory(
        is_public=True,
        region=RegionFactory(slug="belitung", name="Kabupaten Belitung"),
        starts_at=now + timedelta(hours=5),
        ends_at=now + timedelta(hours=8),
    )

    for path in (ending.get_absolute_url(), "/kegiatan/"):
        fetch(client, path)
        response, _ = fetch(client, path)
        assert "X-Cache" not in response
        assert "no-store" in response["Cache-Control"] and "public" not in response["Cache-Control"]
    for path in (tomorrow.get_absolute_url(), "/kegiatan/?wilayah=belitung"):
        fetch(client, path)
        assert fetch(client, path)[0]["X-Cache"] == "hit"


# Sitemap ----------------------------------------------------------------------------------------


def test_the_sitemap_lists_the_calendar_and_public_activities_in_both_languages(client, calendar):
    content = client.get("/sitemap.xml").content.decode()

    assert "http://testserver/kegiatan/</loc>" in content
    assert 'hreflang="en" href="http://testserver/en/kegiatan/"' in content
    for name in ("training", "exhibition", "past", "cancelled"):
        assert f"http://testserver/kegiatan/{calendar[name].pk}/</loc>" in content
    assert f"/kegiatan/{calendar['internal'].pk}/" not in content
    assert f"http://testserver/en/kegiatan/{calendar['training'].pk}/" in content
