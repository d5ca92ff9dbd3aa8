"""`/kegiatan.ics`: the public activities as an iCalendar feed that calendar apps subscribe to."""

import datetime
import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from icalendar import Calendar

from tests.factories import ActivityFactory, AgencyFactory, RegionFactory, stage

pytestmark = pytest.mark.django_db


@pytest.fixture
def feed(world):
    now = timezone.now().replace(microsecond=0)
    world.owner.email = "distan@babelprov.go.id"
    world.owner.save()
    training = ActivityFactory(
        organiser=world.owner,
        region=world.region,
        title="Pelatihan Pengemasan, Angkatan I; Lada",
        description="Kemasan standing pouch.",
        registration_info="WhatsApp 0812-1111-2222",
        starts_at=now + timedelta(days=3),
        ends_at=now + timedelta(days=3, hours=6),
        is_public=True,
    )
    training.co_organisers.add(world.collaborator)
    cancelled = ActivityFactory(
        organiser=world.collaborator,
        region=RegionFactory(slug="belitung", name="Kabupaten Belitung"),
        kind="klinik",
        title="Klinik Bisnis",
        starts_at=now + timedelta(days=5),
        ends_at=now + timedelta(days=5, hours=2),
        is_public=True,
        cancelled_at=now,
        cancel_reason="Catatan internal",
        stages=[stage("pendampingan")],
    )
    internal = ActivityFactory(title="Rapat Internal", is_public=False)
    long_ago = ActivityFactory(
        title="Pameran Lama",
        is_public=True,
        starts_at=now - timedelta(days=200),
        ends_at=now - timedelta(days=199),
    )
    recent = ActivityFactory(
        title="Kurasi Bulan Lalu",
        is_public=True,
        starts_at=now - timedelta(days=30),
        ends_at=now - timedelta(days=30, hours=-4),
    )
    return locals()


def events(response) -> dict[str, object]:
    calendar = Calendar.from_ical(response.content)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def summaries(response) -> set[str]:
    return {str(event["SUMMARY"]) for event in events(response).values()}


def test_the_feed_is_an_icalendar_of_public_activities(client, feed):
    response = client.get("/kegiatan.ics")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response.content.startswith(b"BEGIN:VCALENDAR\r\n")
    calendar = Calendar.from_ical(response.content)
    assert str(calendar["VERSION"]) == "2.0" and "PRODID" in calendar
    assert summaries(response) == {
        "Pelatihan Pengemasan, Angkatan I; Lada",
        "Dibatalkan: Klinik Bisnis",
        "Kurasi Bulan Lalu",
    } or summaries(response) == {
        "Pelatihan Pengemasan, Angkatan I; Lada",
        "Cancelled: Klinik Bisnis",
        "Kurasi Bulan Lalu",
    }  # the non-public one and the one that ended 200 days ago are left out


def test_an_event_carries_times_in_utc_place_organiser_and_page(client, feed):
    training = feed["training"]

    event = events(client.get("/kegiatan.ics"))[
        f"activity-{training.pk}@kegiatan.etalase-umkm-babel"
    ]

    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert start == training.starts_at and end == training.ends_at
    assert start.utcoffset() == timedelta(0)
    assert (
        b"DTSTART:"
        + training.starts_at.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ").encode()
        in client.get("/kegiatan.ics").content
    )
    assert str(event["LOCATION"]) == "Aula Dinas, Kabupaten Bangka Barat"
    assert str(event["URL"]) == f"http://testserver/kegiatan/{training.pk}/"
    assert str(event["STATUS"]) == "CONFIRMED"
    assert str(event["ORGANIZER"]) == "mailto:distan@babelprov.go.id"
    assert event["ORGANIZER"].params["CN"] == "Dinas Pertanian"
    description = str(event["DESCRIPTION"])
    assert "Kemasan standing pouch." in description
    assert "Dinas Koperasi dan UKM" in description  # a co-organiser
    assert "0812-1111-2222" in description


def test_a_cancelled_activity_says_so_and_keeps_its_reason_internal(client, feed):
    uid = f"activity-{feed['cancelled'].pk}@kegiatan.etalase-umkm-babel"
    response = client.get("/kegiatan.ics")

    event = events(response)[uid]
    assert str(event["STATUS"]) == "CANCELLED"
    assert b"Catatan internal" not in response.content
    assert "ORGANIZER" not in event  # its organiser has no e-mail address


def test_the_uid_is_stable_across_edits_and_hosts(client, feed, settings):
    settings.ALLOWED_HOSTS = ["testserver", "umkm.babelprov.go.id"]
    training = feed["training"]
    before = set(events(client.get("/kegiatan.ics")))

    training.title = "Pelatihan Pengemasan Angkatan II"
    training.starts_at += timedelta(days=1)
    training.ends_at += timedelta(days=1)
    training.save()
    after = events(client.get("/kegiatan.ics", HTTP_HOST="umkm.babelprov.go.id"))

    assert set(after) == before
    uid = f"activity-{training.pk}@kegiatan.etalase-umkm-babel"
    assert str(after[uid]["SUMMARY"]) == "Pelatihan Pengemasan Angkatan II"


def test_an_unchanged_feed_is_the_same_bytes(client, feed):
    assert client.get("/kegiatan.ics").content == client.get("/kegiatan.ics").content


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("dinas=dinas-koperasi-ukm",
         {"Pelatihan Pengemasan, Angkatan I; Lada", "Klinik Bisnis"}),  # co-organiser too
        ("wilayah=belitung", {"Klinik Bisnis"}),
        ("tahap=pendampingan", {"Klinik Bisnis"}),
        ("tahap=tidak-ada", {"Pelatihan Pengemasan, Angkatan I; Lada", "Klinik Bisnis",
                             "Kurasi Bulan Lalu"}),  # not understood: left out
    ],
)  # fmt: skip
def test_the_feed_takes_the_list_filters(client, feed, query, expected):
    found = {
        re.sub(r"^\w+: ", "", summary)
        for summary in summaries(client.get(f"/kegiatan.ics?{query}"))
    }

    assert found == expected


def test_english_under_en(client, feed):
    response = client.get("/en/kegiatan.ics")

    assert response.status_code == 200
    assert "Cancelled: Klinik Bisnis" in summaries(response)
    assert b"http://testserver/en/kegiatan/" in response.content


def test_the_feed_is_public_cacheable_and_sessionless(client, feed, settings):
    response = client.get("/kegiatan.ics")

    assert not response.cookies and "Cookie" not in response.get("Vary", "")
    assert "public" in response["Cache-Control"]
    assert "ETag" in response


def test_the_feed_is_served_from_the_page_cache_and_a_save_makes_it_stale(
    client, feed, settings, django_capture_on_commit_callbacks
):
    settings.PUBLIC_CACHE = True
    client.get("/kegiatan.ics")
    with CaptureQueriesContext(connection) as queries:
        hit = client.get("/kegiatan.ics")
    assert (hit["X-Cache"], len(queries)) == ("hit", 0)
    assert hit["Content-Type"] == "text/calendar; charset=utf-8"

    with django_capture_on_commit_callbacks(execute=True):
        ActivityFactory(title="Temu Bisnis Baru", is_public=True)
    response = client.get("/kegiatan.ics")

    assert response["X-Cache"] == "miss"
    assert "Temu Bisnis Baru" in summaries(response)


def test_stored_text_cannot_break_the_feed(client, world):
    ActivityFactory(
        is_public=True,
        title="Baris\r\nBEGIN:VEVENT\r\nSUMMARY:palsu",
        place="Aula; Lantai 2, Gedung <A>",
        organiser=AgencyFactory(name='Dinas "Kutip"; Koma,', email="a@b.id"),
    )

    response = client.get("/kegiatan.ics")

    assert response.content.split(b"\r\n").count(b"BEGIN:VEVENT") == 1  # a line of its own once
    (event,) = events(response).values()
    assert str(event["SUMMARY"]) == "Baris\nBEGIN:VEVENT\nSUMMARY:palsu"
    assert str(event["LOCATION"]) == "Aula; Lantai 2, Gedung <A>, Kabupaten Bangka Barat"


def test_feed_queries_do_not_grow_with_the_activities(client, world):
    def make(count):
        for _ in range(count):
            activity = ActivityFactory(
                is_public=True, stages=[stage("pelatihan"), stage("pemasaran")]
            )
            activity.co_organisers.add(world.collaborator, world.other)

    make(1)
    with CaptureQueriesContext(connection) as few:
        client.get("/kegiatan.ics")
    make(30)
    with CaptureQueriesContext(connection) as many:
        client.get("/kegiatan.ics")

    assert len(many) == len(few) <= 3  # activities, their co-organisers, their stages
