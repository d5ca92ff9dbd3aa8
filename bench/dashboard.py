"""EXPLAIN ANALYZE of the development dashboard at about 100k businesses (issue 13: "the
dashboard for a year at 100k businesses answers with a constant number of queries and each query
≤ 50 ms on PostgreSQL").

    .venv/bin/python -m bench.dashboard                   # ~6 minutes the first time, then ~1
    .venv/bin/python -m bench.dashboard --create-indexes  # with the indexes proposed for it

Makes (once) the database BENCH_DASHBOARD_DATABASE (default `umkm_bench_dashboard`) with
`generate_catalog --products BENCH_DASHBOARD_PRODUCTS --seed BENCH_SEED` (350,000 products are
about 100,000 businesses; generate_catalog also runs generate_support: about one service per
business a year, two years back), as bench/dataset.py makes the page benchmark's; then runs
bench/dashboard_probe.py under the portal's environment and writes
`bench/results/<date>-dashboard-<businesses>.md` and the `.json` beside it (full SQL). No
gunicorn and no wrk: only the queries are measured.
"""

import json
import os
import subprocess
import sys
from dataclasses import replace
from datetime import date

from bench import dataset, machine
from bench.config import BENCH_DIR, PYTHON, ROOT, Config, portal_environment
from bench.dashboard_probe import GAUGE

SQL_LIMIT_MS = 50


def config() -> Config:
    return replace(
        Config(),
        database=os.environ.get("BENCH_DASHBOARD_DATABASE", "umkm_bench_dashboard"),
        products=int(os.environ.get("BENCH_DASHBOARD_PRODUCTS", "350000")),
    )


def markdown(result: dict) -> str:
    data, about = result["dataset"], result["machine"]
    lines = [
        f"# Development dashboard {result['date']}: {data['businesses']:,} businesses",
        "",
        "The dashboard's SQL for the year "
        f"{result['year']} under `EXPLAIN (ANALYZE, BUFFERS)` (bench/dashboard.py): each page "
        "requested twice as a signed-in person, the second request's queries kept, each SELECT "
        "run three times and the median kept; beside it the CPU time PostgreSQL's backend spent "
        "on the query (median of three runs, from /proc/<pid>/schedstat), which other processes "
        f"on the machine hardly change. Target: every query ≤ {SQL_LIMIT_MS} ms.",
        "",
        "## Machine",
        "",
        f"- CPU: {about['cpu']}, {about['cores']} cores, {about['memory_gb']} GB RAM; "
        f"Linux {about['kernel']}",
        f"- PostgreSQL {data['postgresql']} on the same machine (shared_buffers "
        f"{data['shared_buffers']}, work_mem {data['work_mem']}); Python {about['python']}, "
        f"Django {about['django']}",
        f"- 1-minute loadavg before the probe: {result['loadavg']:.2f} (other sessions share "
        "the machine)",
        f"- CPU gauge: `{GAUGE}` takes {result['gauge_cpu_ms']} ms of CPU here; the same query "
        "on another machine scales the CPU column to it",
        "",
        "## Dataset",
        "",
        f"- {result['made_by']}, database `{result['database']}` ({data['database_size_mb']} MB)",
        f"- {data['businesses']:,} businesses, {data['services']:,} services "
        f"({data['services_in_year']:,} in {result['year']}), {data['activities']:,} activities, "
        f"{data['participations']:,} participations, {data['referrals']:,} referrals, "
        f"{data['snapshots']:,} snapshots, {data['milestones']:,} milestones",
        "- proposed indexes present (bench/dashboard_probe.py PROPOSED_INDEXES; "
        "`--create-indexes` makes them): "
        + (
            ", ".join(
                f"{name} {'yes' if there else 'no'}"
                for name, there in result["proposed_indexes"].items()
            )
            or "—"
        ),
        "",
        "## Queries per page",
        "",
        "| scenario | address | queries | slowest query ms (CPU ms) | over the target |",
        "|---|---|---:|---:|---:|",
    ]
    for scenario in result["scenarios"]:
        plans = result["explain"][scenario["name"]]
        slowest = max(plans, key=lambda plan: plan["execution_ms"], default=None)
        over = sum(plan["execution_ms"] > SQL_LIMIT_MS for plan in plans)
        shown = f"{slowest['execution_ms']:.2f} ({slowest['cpu_ms']})" if slowest else "—"
        lines.append(
            f"| {scenario['label']} | `{scenario['path']}` | {result['queries'][scenario['name']]}"
            f" | {shown} | {over} |"
        )
    lines += [
        "",
        "## EXPLAIN ANALYZE (ms: median of three runs)",
        "",
        "| scenario | # | query | execution | CPU | planning | rows | indexes | seq scans |",
        "|---|---:|---|---:|---:|---:|---:|---|---|",
    ]
    for scenario in result["scenarios"]:
        for number, plan in enumerate(result["explain"][scenario["name"]], 1):
            execution = f"{plan['execution_ms']:.2f}"
            if plan["execution_ms"] > SQL_LIMIT_MS:
                execution = f"**{execution}**"
            lines.append(
                f"| {scenario['name']} | {number} | {plan['query']} | {execution} | "
                f"{plan['cpu_ms']} | {plan['planning_ms']:.2f} | {plan['rows']} | "
                f"{', '.join(plan['indexes']) or '—'} | {', '.join(plan['seq_scans']) or '—'} |"
            )
    lines += ["", "Full SQL of every query: the JSON file beside this one.", ""]
    return "\n".join(lines)


def main() -> None:
    settings = config()
    environment = portal_environment(settings, public_cache=False)
    made_by = dataset.ensure(settings, environment)
    subprocess.run(  # the pages' static files, as production serves them (manifest storage)
        [PYTHON, "manage.py", "collectstatic", "--noinput", "--verbosity=0"],
        cwd=ROOT,
        env=environment,
        check=True,
    )
    load = machine.loadavg()
    arguments = [str(PYTHON), "-m", "bench.dashboard_probe", "--seed", str(settings.seed)]
    arguments += sys.argv[1:]
    probe = subprocess.run(arguments, cwd=ROOT, env=environment, capture_output=True, text=True)
    if probe.returncode:
        raise SystemExit(probe.stderr)
    result = json.loads(probe.stdout)
    result.update(
        date=date.today().isoformat(),
        database=settings.database,
        made_by=made_by.removeprefix("bench: "),
        machine=machine.describe(),
        loadavg=load,
    )
    stem = BENCH_DIR / "results" / f"{result['date']}-dashboard-{result['dataset']['businesses']}"
    stem.with_suffix(".json").write_text(json.dumps(result, indent=1) + "\n")
    stem.with_suffix(".md").write_text(markdown(result))
    print(stem.with_suffix(".md").read_text())


if __name__ == "__main__":
    main()
