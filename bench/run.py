"""`make bench`: the portal against a bare Django view under gunicorn, driven by wrk.

    .venv/bin/python -m bench.run          (settings: BENCH_* variables, see bench/README.md)

Order of work: the bench database (generated once), collectstatic, the in-Django probe (queries
per page, EXPLAIN ANALYZE), then the uncached server: each page fetched once and saved for the
bare view, a warm-up, and `rounds` interleaved rounds (bare then portal, portal then bare, ...)
of every scenario; then the cached server for the list and detail; then the report."""

import datetime
import json
import subprocess
import time
from dataclasses import dataclass

import redis

from bench import dataset, machine, report, wrk
from bench.config import BENCH_DIR, PYTHON, ROOT, Config, portal_environment
from bench.scenarios import NAMES
from bench.server import Gunicorn, process_cpu_seconds
from bench.views import save_page

#: The pages also measured with the anonymous page cache on.
CACHED_SCENARIOS = ("list", "detail")
#: Seconds of starting servers, probing and collectstatic, for the estimate.
OVERHEAD_SECONDS = 60


@dataclass
class Measurement:
    server: Gunicorn
    config: Config
    cached: bool


def expected_seconds(config: Config, scenarios: int, cached: int) -> float:
    per_scenario = config.rounds * 2 * config.duration + 2 * config.warmup
    return (scenarios + cached) * per_scenario + OVERHEAD_SECONDS


def probe(environment: dict, *arguments: str) -> dict:
    completed = subprocess.run(
        [PYTHON, "-m", "bench.probe", *arguments],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
    )
    if completed.returncode:
        raise SystemExit(f"bench.probe failed:\n{completed.stderr}")
    return json.loads(completed.stdout)


def prerender(server: Gunicorn, scenarios: list[dict]) -> None:
    """Each real page once, saved for the bare view."""
    for scenario in scenarios:
        status, content, content_type = server.get(scenario["path"])
        if status != 200:
            raise SystemExit(f"{scenario['path']} answered {status}")
        save_page(BENCH_DIR / ".pages", scenario["name"], content, content_type)
        print(f"  {scenario['name']}: {len(content):,} bytes {content_type}", flush=True)


def url(server: Gunicorn, scenario: dict, variant: str) -> str:
    path = scenario["path"] if variant == "portal" else f"/__bare__/{scenario['name']}"
    return server.base_url + path


def helper_pids(config: Config) -> list[int]:
    """Processes working for the runs besides gunicorn and wrk: the workers' PostgreSQL
    backends and Redis. Their CPU time is ours, not other load."""
    return [*dataset.backend_pids(config), redis.Redis.from_url(config.redis).info()["process_id"]]


def timed_run(measurement: Measurement, scenario: dict, variant: str, number: int) -> dict:
    """One wrk run, with the workers' peak memory and the CPU other processes took meanwhile."""
    server, config = measurement.server, measurement.config
    load = machine.loadavg()
    server.reset_peak_memory()
    backends_before = {pid: process_cpu_seconds(pid) for pid in helper_pids(config)}
    ours_before = server.cpu_seconds() + machine.children_cpu_seconds()
    busy_before, started = machine.busy_cpu_seconds(), time.monotonic()
    result = wrk.run(
        url(server, scenario, variant),
        seconds=config.duration,
        connections=config.concurrency,
        threads=config.wrk_threads,
    )
    elapsed = time.monotonic() - started
    busy = machine.busy_cpu_seconds() - busy_before
    ours = server.cpu_seconds() + machine.children_cpu_seconds() - ours_before
    for pid in helper_pids(config):
        ours += process_cpu_seconds(pid) - backends_before.get(pid, 0.0)
    run = {
        "scenario": scenario["name"],
        "variant": variant,
        "cached": measurement.cached,
        "round": number,
        "loadavg": load,
        "foreign_cores": round(max(0.0, busy - ours) / elapsed, 2),
        "peak_memory_mb": server.peak_memory_mb(),
        "wrk": result.as_dict() | {"errors": result.errors},
    }
    print(
        f"  round {number + 1} {scenario['name']:<16} {variant:<6} "
        f"{result.requests_per_second:8.1f} req/s  p95 {result.p95_us / 1000:6.1f} ms  "
        f"errors {result.errors}  load {load:.2f}  other {run['foreign_cores']:.2f} cores",
        flush=True,
    )
    return run


def measure(measurement: Measurement, scenarios: list[dict]) -> list[dict]:
    config = measurement.config
    for scenario in scenarios:  # templates compiled, pages read, PostgreSQL's cache warm
        for variant in ("bare", "portal"):
            wrk.run(
                url(measurement.server, scenario, variant),
                seconds=config.warmup,
                connections=config.concurrency,
                threads=config.wrk_threads,
            )
    runs = []
    for number in range(config.rounds):
        for scenario in scenarios:
            order = ("bare", "portal") if number % 2 == 0 else ("portal", "bare")
            runs += [timed_run(measurement, scenario, variant, number) for variant in order]
    return runs


def flush_redis(config: Config) -> None:
    redis.Redis.from_url(config.redis).flushdb()


def load_note(runs: list[dict]) -> str:
    busy = [run for run in runs if run["foreign_cores"] > report.FOREIGN_LOAD_NOTE]
    highest = max((run["foreign_cores"] for run in runs), default=0)
    loads = [run["loadavg"] for run in runs]
    text = (
        f"1-minute loadavg before each run {min(loads):.2f}–{max(loads):.2f} (our own runs "
        f"included); CPU taken by other processes during a run: at most {highest:.2f} cores"
    )
    if busy:
        text += f", above {report.FOREIGN_LOAD_NOTE} cores in {len(busy)} of {len(runs)} runs"
    return text


def probe_all(config: Config, environment: dict) -> tuple[dict, dict, dict | None]:
    """(the probe without the aggregate cache, so that every count and facet query is seen and
    EXPLAINed; the queries per page as the timed runs make them; the 1M probe, if asked)."""
    print("Queries per page and EXPLAIN ANALYZE", flush=True)
    only = ["--only", config.only] if config.only else []
    probed = probe(portal_environment(config, public_cache=False, aggregate_cache=False), *only)
    queries = probe(environment, "--no-explain", "--no-dataset", *only)["queries"]
    if not config.explain_database:
        return probed, queries, None
    print(f"EXPLAIN ANALYZE on {config.explain_database}", flush=True)
    large = portal_environment(
        config, public_cache=False, aggregate_cache=False, database=config.explain_database
    )
    searches = ",".join(s["name"] for s in probed["scenarios"] if s["sql_target"])
    return probed, queries, probe(large, "--only", searches, "--no-warm")


def benchmark(config: Config, environment: dict, scenarios: list[dict]) -> list[dict]:
    """Every timed run: uncached, then the cached list and detail."""
    flush_redis(config)
    runs = []
    with Gunicorn(config, environment, name="uncached") as server:
        print(f"Pages for the bare view ({server.base_url})", flush=True)
        prerender(server, scenarios)
        runs += measure(Measurement(server, config, cached=False), scenarios)
    cached = [s for s in scenarios if s["name"] in CACHED_SCENARIOS]
    if cached:
        flush_redis(config)
        environment = portal_environment(config, public_cache=True)
        with Gunicorn(config, environment, name="cached") as server:
            runs += measure(Measurement(server, config, cached=True), cached)
    return runs


def main() -> None:
    config = Config()
    environment = portal_environment(config, public_cache=False)
    names = config.only.split(",") if config.only else NAMES
    cached_names = [name for name in names if name in CACHED_SCENARIOS]
    minutes = expected_seconds(config, len(names), len(cached_names)) / 60
    print(f"Expected duration: about {minutes:.0f} minutes, plus generating the catalogue once")
    print(f"Bench database {config.database}: {config.products:,} products, seed {config.seed}")
    source = dataset.ensure(config, environment)
    print("collectstatic", flush=True)
    subprocess.run(
        [PYTHON, "manage.py", "collectstatic", "--noinput", "--verbosity=0"],
        cwd=ROOT,
        env=environment,
        check=True,
    )
    probed, queries, explain_large = probe_all(config, environment)
    scenarios = probed["scenarios"]
    runs = benchmark(config, environment, scenarios)

    rows = report.summarise(runs, scenarios, queries, probed["queries"])
    result = {
        "date": datetime.date.today().isoformat(),
        "machine": machine.describe(),
        "dataset": probed["dataset"],
        "dataset_source": source.removeprefix("bench: "),
        "config": config.as_dict(),
        "terms": probed["terms"],
        "load_note": load_note(runs),
        "rows": rows,
        "targets": report.check_targets(rows, explain_large, scenarios),
        "explain": probed,
        "explain_large": explain_large,
        "runs": runs,
    }
    path = report.write(result, BENCH_DIR / "results")
    print(path.read_text())
    print(f"Written: {path} and {path.with_suffix('.json').name}")


if __name__ == "__main__":
    main()
