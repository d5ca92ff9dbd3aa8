"""The activity filters `tahap`, `dinas`, `wilayah`, `bulan` are one definition
(support/filters.py) read by three faces: the public calendar `/kegiatan/`, the API
`activities/` and the workspace list `/ruang-kerja/kegiatan/`. The same address finds the same
activities on each; a value not understood is each face's own answer (the API 400 naming the
parameter, the public page an error above the list, the workspace an error on the field), and
never a 500."""

import re
from datetime import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import ActivityFactory, RegionFactory, stage
from tests.workspace.helpers import as_user

pytestmark = pytest.mark.django_db

PUBLIC, API, WORKSPACE = "activity-list", "api-activity-list", "workspace-activities"


@pytest.fixture
def activities(world):
    """Public activities: a fair from 30 March to 2 April 2031 in Belitung, held by the foreign
    agency with Diskop (`collaborator`); a training in May 2031 in Bangka Barat by Dinas
    Pertanian (`owner`)."""
    zone = timezone.get_default_timezone()
    belitung = RegionFactory(slug="belitung", name="Kabupaten Belitung", seat="Tanjung Pandan")
    fair = ActivityFactory(
        organiser=world.foreign, region=belitung, kind="pameran", title="Pekan Raya",
        starts_at=timezone.make_aware(datetime(2031, 3, 30, 9), zone),
        ends_at=timezone.make_aware(datetime(2031, 4, 2, 17), zone),
        stages=[stage("pemasaran")], is_public=True,
    )  # fmt: skip
    fair.co_organisers.add(world.collaborator)
    ActivityFactory(
        organiser=world.owner, region=world.region, title="Pelatihan Lada",
        starts_at=timezone.make_aware(datetime(2031, 5, 6, 9), zone),
        ends_at=timezone.make_aware(datetime(2031, 5, 6, 15), zone),
        stages=[stage("pelatihan")], is_public=True,
    )  # fmt: skip


def found(client, name, query):
    """The titles the face `name` lists for `query`, in its order."""
    response = client.get(f"{reverse(name)}?{query}")
    assert response.status_code == 200
    if name == API:
        return sorted(row["title"] for row in response.json()["results"])
    return sorted(re.findall(r'class="list__title"><a [^>]*>([^<]+)</a>', response.text))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("tahap=pemasaran", ["Pekan Raya"]),
        ("dinas=dinas-koperasi-ukm", ["Pekan Raya"]),  # as co-organiser
        ("dinas=dinas-pertanian", ["Pelatihan Lada"]),
        ("wilayah=belitung", ["Pekan Raya"]),
        ("bulan=2031-03", ["Pekan Raya"]),
        ("bulan=2031-04", ["Pekan Raya"]),  # still running on 2 April
        ("bulan=2031-05", ["Pelatihan Lada"]),
        ("tahap=pelatihan&wilayah=belitung", []),
    ],
)
def test_every_face_finds_the_same_activities(client, world, activities, query, expected):
    as_user(client, world, "reviewer")

    assert found(client, PUBLIC, query) == expected
    assert found(client, API, query) == expected
    assert found(client, WORKSPACE, query) == expected


@pytest.mark.parametrize("month", ["0000-01", "9999-12", "2031-13", "maret"])
def test_a_month_out_of_range_is_each_faces_error_not_a_500(client, world, activities, month):
    """`9999-12` and `0000-01` were a 500 on the workspace list and the API: the month's end
    was computed past the last date Python knows, before the year was checked."""
    as_user(client, world, "reviewer")

    api = client.get(reverse(API), {"bulan": month})
    public = client.get(reverse(PUBLIC), {"bulan": month, "tahap": "pemasaran"})
    workspace = client.get(reverse(WORKSPACE), {"bulan": month, "tahap": "pemasaran"})

    assert api.status_code == 400
    assert list(api.json()) == ["bulan"]
    assert public.status_code == 200
    assert "<code>bulan</code>" in public.text
    assert found(client, PUBLIC, f"bulan={month}&tahap=pemasaran") == ["Pekan Raya"]
    assert workspace.status_code == 200
    assert 'id="id_bulan_error"' in workspace.text
    assert found(client, WORKSPACE, f"bulan={month}&tahap=pemasaran") == ["Pekan Raya"]
