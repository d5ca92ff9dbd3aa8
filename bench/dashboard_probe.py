"""The development dashboard's queries at scale, inside Django (as bench/probe.py does for the
public pages): each page requested twice with `django.test.Client` as a signed-in person, the
queries of the second request kept, and each SELECT run under `EXPLAIN (ANALYZE, BUFFERS)`
three times (the median kept).

Run by `python -m bench.dashboard` under the portal's environment (the bench database, the
bench settings); prints JSON. Makes the records when the database has none (generate_support)
and two people to look with, marked as the bench's: an administrator, and an editor of the
busiest agency that is not a leading sector (who sees that agency's figures only)."""

import argparse
import json
import statistics
import sys
from pathlib import Path

import django
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

#: A fixed piece of work whose CPU time says how fast this machine's PostgreSQL is (a typical
#: server core: about 60 ms).
GAUGE = "SELECT count(*) FROM generate_series(1, 1000000)"
CPU_RUNS = 3

#: The indexes the dashboard's queries are measured with, proposed for the models (the lead adds
#: them by migration; see /tmp/decisions/dashboard.md): `--create-indexes` makes those missing
#: in the bench database, so a run measures the queries as they will be read.
PROPOSED_INDEXES = {
    # Key columns, not INCLUDE: SQLite has no covering indexes (Django's check models.W040).
    "service_standing_date": "CREATE INDEX IF NOT EXISTS service_standing_date ON support_service"
    " (provided_on, business_id, agency_id, stage_id, kind, outcome) WHERE voided_at IS NULL",
    "service_standing_business": "CREATE INDEX IF NOT EXISTS service_standing_business ON"
    " support_service (business_id, provided_on) WHERE voided_at IS NULL",
    "service_open_facilitation": "CREATE INDEX IF NOT EXISTS service_open_facilitation ON"
    " support_service (business_id) WHERE voided_at IS NULL AND outcome = 'in_progress'"
    " AND kind IN ('fasilitasi_sertifikasi', 'fasilitasi_perizinan')",
    "participation_activity_cover": "CREATE INDEX IF NOT EXISTS participation_activity_cover ON"
    " support_participation (activity_id, business_id, status)",
    "product_listed_business": "CREATE INDEX IF NOT EXISTS product_listed_business ON"
    " catalog_product (business_id) WHERE listed",
    "certificate_expires_on": "CREATE INDEX IF NOT EXISTS certificate_expires_on ON"
    " catalog_certificate (expires_on)",
}

ADMINISTRATOR = "bench.dashboard.admin"
EDITOR = "bench.dashboard.editor"


def ensure_records(seed: int) -> bool:
    """Generate the development records when the catalogue has none; True when it did."""
    from django.core.management import call_command

    from catalog.demo.generator import generator_user
    from support import generator

    if generator.exists(generator_user().pk):
        return False
    call_command("generate_support", seed=seed, replace=True)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    return True


def indexes(create: bool) -> dict[str, bool]:
    """{proposed index: present}, after making the missing ones when `create`."""
    with connection.cursor() as cursor:
        if create:
            for sql in PROPOSED_INDEXES.values():
                cursor.execute(sql)
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE indexname = ANY(%s)", [list(PROPOSED_INDEXES)]
        )
        present = {name for (name,) in cursor.fetchall()}
    return {name: name in present for name in PROPOSED_INDEXES}


def people() -> dict:
    from django.contrib.auth import get_user_model
    from django.db.models import Count

    from agencies.models import Agency, Membership, Role
    from support.models import Service

    users = get_user_model()
    administrator, _ = users.objects.get_or_create(username=ADMINISTRATOR)
    administrator.is_superuser, administrator.is_active = True, True
    administrator.set_unusable_password()
    administrator.save()
    busiest = (
        Service.objects.filter(agency__is_leading_sector=False)
        .values("agency")
        .annotate(n=Count("pk"))
        .order_by("-n", "agency")[0]["agency"]
    )
    editor, _ = users.objects.get_or_create(username=EDITOR)
    editor.set_unusable_password()
    editor.save()
    Membership.objects.filter(user=editor).exclude(agency_id=busiest).delete()
    Membership.objects.get_or_create(user=editor, agency_id=busiest, defaults={"role": Role.EDITOR})
    return {
        "administrator": administrator,
        "editor": editor,
        "editor_agency": Agency.objects.get(pk=busiest).slug,
    }


def dataset(year: int) -> dict:
    from catalog.models import Business
    from support.models import Activity, Milestone, Participation, Referral, Service, Snapshot

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_database_size(current_database()), current_setting('server_version'),"
            " current_setting('shared_buffers'), current_setting('work_mem')"
        )
        size, server_version, shared_buffers, work_mem = cursor.fetchone()
    return {
        "businesses": Business.objects.count(),
        "activities": Activity.objects.count(),
        "participations": Participation.objects.count(),
        "services": Service.objects.count(),
        "services_in_year": Service.objects.in_year(year).count(),
        "referrals": Referral.objects.count(),
        "snapshots": Snapshot.objects.count(),
        "milestones": Milestone.objects.count(),
        "database_size_mb": round(size / 2**20),
        "postgresql": server_version,
        "shared_buffers": shared_buffers,
        "work_mem": work_mem,
    }


def scenarios(year: int, editor_agency: str) -> list[dict]:
    from django.db.models import Count

    from catalog.models import Business, Region

    busiest_region = (
        Business.objects.values("region").annotate(n=Count("pk")).order_by("-n", "region")[0]
    )
    region = Region.objects.get(pk=busiest_region["region"]).slug
    board = "/ruang-kerja/pembinaan/"
    lists = board + "daftar/"

    def scenario(name, label, person, path):
        return {"name": name, "label": label, "person": person, "path": path}

    return [
        scenario("dashboard", "dashboard, every agency", "administrator", f"{board}?tahun={year}"),
        scenario("dashboard-agency", f"dashboard, one agency's staff ({editor_agency})", "editor",
                 f"{board}?tahun={year}"),
        scenario("dashboard-region", f"dashboard, region {region}", "administrator",
                 f"{board}?tahun={year}&wilayah={region}"),
        scenario("api", "API support/dashboard/", "administrator",
                 f"/api/v1/support/dashboard/?year={year}"),
        scenario("list-matrix", "list: the matrix", "administrator",
                 f"{lists}matriks/?tahun={year}"),
        scenario("list-overlaps", "list: overlaps", "administrator",
                 f"{lists}tumpang-tindih/?tahun={year}"),
        scenario("list-idle", "list: no support in 12 months", "administrator",
                 f"{lists}umkm-tanpa-pembinaan/?tahun={year}"),
    ]  # fmt: skip


def cpu_ms(sql: str) -> float | None:
    """The CPU time the PostgreSQL backend spends on `sql` (median of CPU_RUNS runs), read from
    its /proc/<pid>/schedstat: unlike the elapsed time, it hardly moves when other processes
    share the machine. None when PostgreSQL runs elsewhere."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        stat = Path(f"/proc/{cursor.fetchone()[0]}/schedstat")
        if not stat.exists():
            return None
        times = []
        for _run in range(CPU_RUNS):
            before = int(stat.read_text().split()[0])
            cursor.execute(sql)
            cursor.fetchall()
            times.append((int(stat.read_text().split()[0]) - before) / 1e6)
    return round(statistics.median(times), 2)


def page_queries(client: Client, path: str) -> list[str]:
    client.get(path)  # warm: the process, PostgreSQL's cache
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    if response.status_code != 200:
        raise SystemExit(f"{path} answered {response.status_code}")
    return [query["sql"] for query in captured.captured_queries]


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--year", type=int, default=0, help="default: this year")
    parser.add_argument("--only", default="", help="comma-separated scenario names")
    parser.add_argument(
        "--create-indexes", action="store_true", help="make the proposed indexes that are missing"
    )
    options = parser.parse_args(argv)
    django.setup()
    from django.utils import timezone

    from bench.probe import explain

    generated = ensure_records(options.seed)
    present = indexes(options.create_indexes)
    year = options.year or timezone.localdate().year
    found = people()
    result = {
        "gauge_cpu_ms": cpu_ms(GAUGE),
        "year": year,
        "generated_records": generated,
        "proposed_indexes": present,
        "dataset": dataset(year),
        "scenarios": scenarios(year, found["editor_agency"]),
        "queries": {},
        "explain": {},
    }
    if options.only:
        wanted = set(options.only.split(","))
        result["scenarios"] = [s for s in result["scenarios"] if s["name"] in wanted]
    for scenario in result["scenarios"]:
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(found[scenario["person"]])
        sql = page_queries(client, scenario["path"])
        result["queries"][scenario["name"]] = len(sql)
        selects = [query for query in sql if query.lstrip().upper().startswith(("SELECT", "WITH"))]
        result["explain"][scenario["name"]] = [
            {**explain(query), "cpu_ms": cpu_ms(query)} for query in selects
        ]
    json.dump(result, sys.stdout, default=str)


if __name__ == "__main__":
    main()
