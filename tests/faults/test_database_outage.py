"""A real database outage, not a mock (docs/architecture.md §7 "Never loses data").

The portal runs as a separate process (`manage.py runserver`, DEBUG off, production settings,
behind a pretend load balancer) against a THROWAWAY PostgreSQL cluster on a free port of
127.0.0.1 that the fault suite creates and removes afterwards (cluster.py, conftest.py); the
shared server is never touched. While
the portal keeps running, the cluster is stopped (`pg_ctl stop -m fast`, `-m immediate`) or
frozen (every server process SIGSTOPped: connections are accepted, nothing answers). Then:

- every address answers 503 with Retry-After within 2 seconds — we allow 2.5 s, because the
  connect timeout alone is 2 s and the answer still has to be rendered and sent;
- pages show the bilingual maintenance page, the API answers JSON, `/healthz` says 503, and no
  answer shows a traceback or the driver's error;
- once the cluster is back, the same process (no restart) answers 200 again, with no error.

Each outage is tried against two ways of serving (see SERVING): a new connection per request
(CONN_MAX_AGE=0, the default) and a connection kept between requests (CONN_MAX_AGE>0, one
thread, like a gunicorn sync worker). A hung server with a kept connection used to hold requests
for as long as it hung (CONN_HEALTH_CHECKS' SELECT 1 waited for ever); every round trip of a
request is now bounded (umkm_portal.database_deadline).

Runs only when the suite itself runs on PostgreSQL (DATABASE_URL) and the PostgreSQL server
binaries are installed; `initdb` and `pg_ctl` refuse to run as root, so as root they run as the
`postgres` user through `runuser`. Skipped cleanly otherwise. About 30 s.
"""

import pytest

from .cluster import POSTGRESQL_ONLY, SERVING, Answer, Portal

ADDRESSES = ["/", "/produk/", "/api/v1/products/", "/healthz"]
PAGES = {"/", "/produk/"}
#: The promise is 2 s; the allowance covers rendering and sending after a 2 s connect timeout.
DEADLINE = 2.5
#: Requests after the database is back, all of which must succeed.
RECOVERY_REQUESTS = 20
#: What an answer must never show: a traceback or the database driver's own words.
LEAKS = ("Traceback", "psycopg", "OperationalError", "InterfaceError", "could not connect")
pytestmark = POSTGRESQL_ONLY


@pytest.fixture(scope="module", params=list(SERVING))
def portal(cluster, app_folder, request):
    portal = Portal(app_folder, cluster.database_url, serving=request.param)
    try:
        portal.start()
        yield portal
    finally:
        portal.stop()


def check_outage_answer(path: str, answer: Answer) -> list[str]:
    """What is wrong with one answer given while the database is away."""
    problems = []
    if answer.status != 503:
        problems.append(f"{path}: expected 503, got {answer.describe()}")
        return problems
    if answer.seconds > DEADLINE:
        problems.append(f"{path}: 503 only after {answer.seconds:.2f} s (allowed {DEADLINE} s)")
    retry_after = answer.headers.get("Retry-After", "")
    if not retry_after.isdigit() or int(retry_after) <= 0:
        problems.append(f"{path}: Retry-After is {retry_after!r}")
    problems += [f"{path}: the answer shows {leak!r}" for leak in LEAKS if leak in answer.body]
    kind = answer.headers.get_content_type()
    if path in PAGES:
        if kind != "text/html":
            problems.append(f"{path}: {kind}, not the HTML maintenance page")
        if "pemeliharaan" not in answer.body or "maintenance" not in answer.body:
            problems.append(f"{path}: not the bilingual maintenance page: {answer.body[:300]!r}")
    elif kind != "application/json":
        problems.append(f"{path}: {kind}, not JSON: {answer.body[:300]!r}")
    return problems


@pytest.mark.parametrize("outage", ["fast", "immediate", "frozen"])
def test_an_outage_is_a_quick_503_and_the_portal_recovers_by_itself(cluster, portal, outage):
    """`fast` and `immediate` are pg_ctl's stop modes (the port refuses connections); `frozen`
    is a hung server (SIGSTOP: connections are accepted and never answered)."""
    pid = portal.process.pid
    before = {path: portal.get(path) for path in ADDRESSES}
    assert {p: a.status for p, a in before.items()} == dict.fromkeys(ADDRESSES, 200), before
    if portal.serving == "persistent":  # the case under test: a connection kept across requests
        assert cluster.sessions() >= 1

    down: list[tuple[str, Answer]] = []
    cluster.break_down(outage)
    try:
        for path in [*ADDRESSES, "/produk/"]:  # the last: a second request is just as quick
            down.append((path, portal.get(path, timeout=DEADLINE + 1.5)))
            if down[-1][1].status is None:
                break  # no answer: one hang fails the test, no need to wait for more
    finally:
        cluster.repair()
    log_mark = len(portal.log_text())
    back = [portal.get(ADDRESSES[i % len(ADDRESSES)]) for i in range(RECOVERY_REQUESTS)]

    timings = ", ".join(
        f"{path} {answer.status} in {answer.seconds:.3f} s" for path, answer in down
    )
    print(f"\n{portal.serving}, {outage}: {timings}")
    problems = [problem for path, answer in down for problem in check_outage_answer(path, answer)]
    health = dict(down).get("/healthz")
    if health and health.status == 503 and '"down"' not in health.body:
        problems.append(f"/healthz: does not say the database is down: {health.body!r}")
    problems += [
        f"after the database came back: {ADDRESSES[i % len(ADDRESSES)]}: {answer.describe()}"
        for i, answer in enumerate(back)
        if answer.status != 200
    ]
    # django.request logs every 5xx (and its traceback) before the answer leaves, so nothing
    # of the outage itself can land after the mark.
    after_log = portal.log_text()[log_mark:]
    if "Traceback" in after_log or "django.request" in after_log:
        problems.append(f"errors logged after the database came back:\n{after_log[-2000:]}")
    if not portal.alive() or portal.process.pid != pid:
        problems.append("the portal process did not survive the outage")

    assert not problems, "\n".join(problems)
