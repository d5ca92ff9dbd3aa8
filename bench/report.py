"""From the runs to the table: ratios to the bare view, latencies, the targets met or missed."""

import json
import statistics
from dataclasses import dataclass
from pathlib import Path

#: Other processes using more than this many cores during a run are reported as load.
FOREIGN_LOAD_NOTE = 0.15


@dataclass(frozen=True)
class Target:
    text: str
    families: frozenset
    cached: bool
    metric: str  # "ratio" or "p95_ms"
    limit: float

    def met(self, value: float) -> bool:
        return value >= self.limit if self.metric == "ratio" else value <= self.limit


def _target(text, families, metric, limit, cached=False):
    return Target(text, frozenset(families.split()), cached, metric, limit)


#: The targets: at 100k products, PostgreSQL, concurrency 8. The filtered list is the
#: product list page and is held to the list's targets.
TARGETS = [
    _target("list, detail, API list ≥ 0.25 of bare", "list detail api", "ratio", 0.25),
    _target("search ≥ 0.20 of bare", "search", "ratio", 0.20),
    _target("p95 ≤ 40 ms (list, detail)", "list detail", "p95_ms", 40),
    _target("p95 ≤ 60 ms (search)", "search", "p95_ms", 60),
    _target("cached list, detail ≥ 0.70 of bare", "list detail", "ratio", 0.70, cached=True),
]
SQL_LIMIT_MS = 20
SQL_TARGET_PRODUCTS = 1_000_000


def _median(values):
    return statistics.median(values) if values else 0.0


def summarise(runs: list[dict], scenarios: list[dict], queries: dict, all_queries: dict) -> list:
    """One row per scenario and cache mode, from the interleaved runs. `queries`: per request as
    timed; `all_queries`: per request without the aggregate cache."""
    rows = []
    for cached in (False, True):
        for scenario in scenarios:
            mine = [r for r in runs if r["scenario"] == scenario["name"] and r["cached"] == cached]
            if not mine:
                continue
            bare = {r["round"]: r for r in mine if r["variant"] == "bare"}
            portal = {r["round"]: r for r in mine if r["variant"] == "portal"}
            ratios = [
                portal[n]["wrk"]["requests_per_second"] / bare[n]["wrk"]["requests_per_second"]
                for n in sorted(portal)
                if n in bare and bare[n]["wrk"]["requests_per_second"]
            ]

            def med(key, of=portal):
                return _median([r["wrk"][key] for r in of.values()])

            rows.append(
                {
                    **scenario,
                    "cached": cached,
                    "bare_rps": round(med("requests_per_second", bare), 1),
                    "portal_rps": round(med("requests_per_second"), 1),
                    "ratio": round(_median(ratios), 3),
                    "ratio_min": round(min(ratios, default=0), 3),
                    "ratio_max": round(max(ratios, default=0), 3),
                    "p50_ms": round(med("p50_us") / 1000, 1),
                    "p95_ms": round(med("p95_us") / 1000, 1),
                    "p99_ms": round(med("p99_us") / 1000, 1),
                    "queries": None if cached else queries.get(scenario["name"]),
                    "queries_uncached": all_queries.get(scenario["name"]),
                    "peak_worker_mb": max(r["peak_memory_mb"] for r in portal.values()),
                    "errors": sum(r["wrk"]["errors"] for r in mine),
                    "max_loadavg": max(r["loadavg"] for r in mine),
                    "max_foreign_cores": max(r["foreign_cores"] for r in mine),
                }
            )
    return rows


def check_targets(rows: list[dict], explain_large: dict | None, scenarios: list[dict]) -> list:
    """(target, scenario label, value, met) for each target and the rows it applies to."""
    checks = []
    for target in TARGETS:
        for row in rows:
            if row["family"] in target.families and row["cached"] == target.cached:
                value = row[target.metric]
                checks.append((target.text, row["label"], value, target.met(value)))
    text = f"search and filter SQL ≤ {SQL_LIMIT_MS} ms at 1M"
    if not explain_large:
        checks.append((text, "—", None, None))
        return checks
    for scenario in scenarios:
        if scenario["sql_target"]:
            timings = [
                q["execution_ms"] for q in explain_large["explain"].get(scenario["name"], [])
            ]
            slowest = max(timings, default=0.0)
            checks.append((text, scenario["label"], slowest, slowest <= SQL_LIMIT_MS))
    return checks


def _queries(row):
    if row["queries"] is None:
        return "—"
    if row["queries"] == row["queries_uncached"]:
        return str(row["queries"])
    return f"{row['queries']} ({row['queries_uncached']})"


def _ms(value):
    return f"{value:.1f}"


def markdown(result: dict) -> str:
    machine, dataset, config = result["machine"], result["dataset"], result["config"]
    lines = [
        f"# Benchmark {result['date']}: {dataset['products']:,} products",
        "",
        f"Portal against the bare view (the same page's bytes through the same middleware in "
        f"the same gunicorn), wrk at {config['concurrency']} connections, "
        f"{config['rounds']} interleaved rounds of {config['duration']:g} s per side.",
        "",
        "## Machine",
        "",
        f"- CPU: {machine['cpu']}, {machine['cores']} cores, {machine['memory_gb']} GB RAM; "
        f"Linux {machine['kernel']}",
        f"- PostgreSQL {dataset['postgresql']} on the same machine (shared_buffers "
        f"{dataset['shared_buffers']}, work_mem {dataset['work_mem']}); Redis on the same machine",
        f"- Python {machine['python']}, Django {machine['django']}, {machine['gunicorn']}, "
        f"{machine['wrk']} (on the same machine, {config['wrk_threads']} threads)",
        f"- gunicorn: {config['workers']} {config['worker_class']} workers"
        + (f" × {config['threads']} threads" if config["worker_class"] == "gthread" else "")
        + f", CONN_MAX_AGE={config['conn_max_age']}",
        f"- Other load: {result['load_note']}",
        "",
        "## Dataset",
        "",
        f"- {result['dataset_source']}, database `{config['database']}` "
        f"({dataset['database_size_mb']:,} MB)",
        f"- {dataset['products']:,} products ({dataset['published_products']:,} published), "
        f"{dataset['businesses']:,} businesses, {dataset['agencies']} agencies, "
        f"{dataset['categories']} categories, {dataset['regions']} regions, "
        f"{dataset['images']:,} images, {dataset['certificates']:,} certificates, "
        f"{dataset['current_designations']} current flagships",
        "",
        "## Configuration",
        "",
        "DEBUG=False, PostgreSQL, whitenoise (CompressedManifestStaticFilesStorage, "
        "collectstatic), the real middleware, REDIS_URL set (sessions, throttles), "
        "SECURE_SSL_REDIRECT=False (no TLS in front), throttles at 100000000/minute, "
        f"LOG_LEVEL=WARNING. Uncached: PUBLIC_CACHE=false, AGGREGATE_CACHE="
        f"{str(config['aggregate_cache']).lower()}; cached: PUBLIC_CACHE=true. The Redis "
        "database is flushed before each server starts; a warm-up precedes the timed runs. "
        "With the page cache on, a cached page leaves from the page-cache middleware (after "
        "the security headers, CSP and ETag middleware, before sessions, language, CSRF, "
        "authentication and the view) and pays one round trip to Redis; the bare view passes "
        "through every middleware and is not looked up in the cache.",
        "",
        "Ratio: the portal's requests/s over the bare view's in the same round (median and "
        "range over the rounds); latencies: the portal's, median over the rounds; queries: per "
        "request as timed (in brackets: without the aggregate cache); peak worker RSS: the "
        "highest VmHWM of any worker during the portal's runs.",
        "",
        "## Results",
        "",
        "| scenario | cache | bare req/s | portal req/s | ratio median [min–max] "
        "| p50 / p95 / p99 ms | queries | peak worker RSS MB | errors |",
        "|---|---|---:|---:|---|---|---:|---:|---:|",
    ]
    for row in result["rows"]:
        lines.append(
            f"| {row['label']} (`{row['path']}`) | {'on' if row['cached'] else 'off'} "
            f"| {row['bare_rps']:.0f} | {row['portal_rps']:.0f} "
            f"| {row['ratio']:.2f} [{row['ratio_min']:.2f}–{row['ratio_max']:.2f}] "
            f"| {_ms(row['p50_ms'])} / {_ms(row['p95_ms'])} / {_ms(row['p99_ms'])} "
            f"| {_queries(row)} "
            f"| {row['peak_worker_mb']:.0f} | {row['errors']} |"
        )
    lines += ["", "## Targets", ""]
    if dataset["products"] != 100_000 or config["concurrency"] != 8:
        lines += ["The targets are set at 100k products and concurrency 8: indicative only.", ""]
    lines += ["| target | scenario | value | |", "|---|---|---:|---|"]
    for text, label, value, met in result["targets"]:
        shown = "—" if value is None else f"{value:.2f}"
        verdict = "not measured" if met is None else ("met" if met else "**missed**")
        lines.append(f"| {text} | {label} | {shown} | {verdict} |")
    for title, explained in (("", result["explain"]), (" at 1M", result.get("explain_large"))):
        if not explained:
            continue
        lines += [
            "",
            f"## EXPLAIN ANALYZE{title}: {explained['dataset']['products']:,} products "
            "(ms: median of three runs, a single run for queries over a second)",
            "",
            "| scenario | # | query | execution | planning | rows | indexes | seq scans |",
            "|---|---:|---|---:|---:|---:|---|---|",
        ]
        labels = {s["name"]: s["label"] for s in explained["scenarios"]}
        for name, queries in explained["explain"].items():
            for number, query in enumerate(queries, 1):
                lines.append(
                    f"| {labels[name]} | {number} | {query['query']} "
                    f"| {query['execution_ms']:.2f} | {query['planning_ms']:.2f} "
                    f"| {query['rows']} | {', '.join(query['indexes']) or '—'} "
                    f"| {', '.join(query['seq_scans']) or '—'} |"
                )
    lines += ["", "Full SQL and every run: the JSON file beside this one.", ""]
    return "\n".join(lines)


def write(result: dict, directory: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    stem = directory / f"{result['date']}-{result['dataset']['products']}"
    stem.with_suffix(".json").write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n")
    path = stem.with_suffix(".md")
    path.write_text(markdown(result))
    return path
