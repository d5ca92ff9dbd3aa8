"""What is measured inside Django rather than over HTTP: the dataset, the scenarios, the queries
each page makes and the EXPLAIN ANALYZE of each of them.

Run by the harness as `python -m bench.probe` under the portal's environment (so against the
bench database with the bench settings); prints JSON. Never during a timed run."""

import argparse
import json
import re
import statistics
import sys

import django
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

#: EXPLAIN ANALYZE runs of each query; the median is reported (the first may find cold caches).
EXPLAIN_RUNS = 3
#: A query slower than this is EXPLAINed once only (at 1M a bad plan takes many seconds).
REPEAT_BELOW_MS = 1000


def dataset() -> dict:
    from agencies.models import Agency
    from catalog.models import (
        Business,
        Category,
        Certificate,
        Designation,
        Product,
        ProductImage,
        Region,
    )

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_database_size(current_database()), current_setting('server_version')"
        )
        size, server_version = cursor.fetchone()
        cursor.execute("SELECT current_setting('shared_buffers'), current_setting('work_mem')")
        shared_buffers, work_mem = cursor.fetchone()
    return {
        "products": Product.objects.count(),
        "published_products": Product.objects.published().count(),
        "businesses": Business.objects.count(),
        "agencies": Agency.objects.count(),
        "categories": Category.objects.count(),
        "regions": Region.objects.count(),
        "images": ProductImage.objects.count(),
        "certificates": Certificate.objects.count(),
        "current_designations": Designation.objects.current().count(),
        "database_size_mb": round(size / 2**20),
        "postgresql": server_version,
        "shared_buffers": shared_buffers,
        "work_mem": work_mem,
    }


def page_queries(client: Client, path: str, *, warm: bool = True) -> list[str]:
    """The SQL of one anonymous request to `path`, after a first one has warmed the process
    (and the aggregate cache, if on)."""
    if warm:
        client.get(path)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    if response.status_code != 200:
        raise SystemExit(f"{path} answered {response.status_code}")
    return [query["sql"] for query in captured.captured_queries]


def _walk(plan: dict):
    yield plan
    for child in plan.get("Plans", []):
        yield from _walk(child)


def _top_level(sql: str) -> str:
    """The statement without its parenthesised parts (subqueries, function arguments)."""
    while True:
        stripped = re.sub(r"\([^()]*\)", "", sql)
        if stripped == sql:
            return sql
        sql = stripped


def _subquery_after_from(sql: str) -> str:
    """The text of `FROM ( ... )`'s parentheses, for `SELECT COUNT(*) FROM (...) subquery`."""
    start = sql.index("(", sql.index(" FROM ("))
    depth = 0
    for position in range(start, len(sql)):
        depth += {"(": 1, ")": -1}.get(sql[position], 0)
        if depth == 0:
            return sql[start + 1 : position]
    return sql


def _table(sql: str) -> str:
    relation = re.search(r'\bFROM\s+"(\w+)"', _top_level(sql))
    if relation:
        return relation.group(1)
    return _table(_subquery_after_from(sql)) if " FROM (" in sql else "?"


def _describe(sql: str) -> str:
    """A few words for a query: what it does and to which table."""
    if sql.startswith("WITH"):  # a materialized CTE, then read as far as a LIMIT
        inner = sql[sql.index("(") + 1 :]
        return f"select {_table(inner)} (CTE)"
    table = _table(sql)
    if sql.startswith("SELECT COUNT(*)"):
        return f"count {table}"
    if re.match(r'SELECT (\(1\)|1) AS "a"', sql):
        return f"exists {table}"
    if "GROUP BY" in _top_level(sql):
        return f"group {table}"
    return f"select {table}"


def explain(sql: str) -> dict:
    times, plan = [], None
    with connection.cursor() as cursor:
        while len(times) < EXPLAIN_RUNS and sum(times) < REPEAT_BELOW_MS:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + sql)
            (result,) = cursor.fetchone()
            result = result if isinstance(result, list) else json.loads(result)
            plan = result[0]
            times.append(plan["Execution Time"])
    nodes = list(_walk(plan["Plan"]))
    return {
        "query": _describe(sql),
        "execution_ms": round(statistics.median(times), 2),
        "planning_ms": round(plan["Planning Time"], 2),
        "indexes": sorted({node["Index Name"] for node in nodes if "Index Name" in node}),
        "seq_scans": sorted(
            {node["Relation Name"] for node in nodes if node["Node Type"] == "Seq Scan"}
        ),
        "rows": plan["Plan"].get("Actual Rows"),
        "runs": len(times),
        "sql": sql,
    }


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--only", default="", help="comma-separated scenario names")
    parser.add_argument("--no-explain", action="store_true")
    parser.add_argument("--no-dataset", action="store_true")
    parser.add_argument(
        "--no-warm", action="store_true", help="capture the first request (slow pages at 1M)"
    )
    options = parser.parse_args(argv)
    django.setup()
    from bench.scenarios import discover, search_terms

    scenarios = discover()
    if options.only:
        wanted = set(options.only.split(","))
        scenarios = [scenario for scenario in scenarios if scenario.name in wanted]
    client = Client(HTTP_HOST="127.0.0.1")
    result = {
        "terms": search_terms(),
        "scenarios": [scenario.as_dict() for scenario in scenarios],
        "queries": {},
        "explain": {},
    }
    if not options.no_dataset:
        result["dataset"] = dataset()
    for scenario in scenarios:
        sql = page_queries(client, scenario.path, warm=not options.no_warm)
        result["queries"][scenario.name] = len(sql)
        if not options.no_explain:
            selects = [
                query for query in sql if query.lstrip().upper().startswith(("SELECT", "WITH"))
            ]
            result["explain"][scenario.name] = [explain(query) for query in selects]
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
