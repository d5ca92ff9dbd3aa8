"""Nothing lost, nothing doubled: concurrent writers while the database restarts.

The portal runs in its own process against the throwaway cluster (cluster.py), with the demo's
reference data and accounts (not its catalogue, whose pictures take long to make) and one
business registered through the API. WRITERS threads act like phones on a bad network: each
makes products through `POST /api/v1/products/`, nominates each one (`POST
/api/v1/nominations/`) and submits the nomination (`POST .../submit/`), every logical write
with an `Idempotency-Key` of its own. A write whose answer does not come (timeout, connection
refused or reset), or comes as 503, or as the middleware's "in progress" 409, is sent again, the
same body with the same key, until a definitive answer comes. Every DROP_EVERY-th write also
loses its first answer on the way back (the client throws it away, like a phone whose
connection broke as the answer came): it must get the same answer again, replayed. Meanwhile
the cluster is restarted RESTARTS times with `pg_ctl restart -m fast` (every session ended, open
transactions rolled back) or `-m immediate` (the server killed outright, crash recovery from
the WAL on start).

Then the database is reconciled with what the writers were told:

- every acknowledged (2xx) write is there exactly once: lost 0, duplicated 0;
- nothing unacknowledged is there twice, and nothing is there that nobody wrote;
- the audit trail matches the workflow: every nomination's events form one chain from
  `nominate` (from "" to draft), each event starting where the previous one ended, the last one
  ending in the nomination's state — no state change without its event, no event without its
  state change, no step recorded twice.

The counts are printed (run with `-s`) and recorded as properties of the test (JUnit XML), so
that they can be quoted. About 40 s with the cluster's set-up.
"""

import itertools
import json
import random
import threading
import time
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import pytest
from django.conf import settings

from .cluster import POSTGRESQL_ONLY, Answer, Portal

pytestmark = POSTGRESQL_ONLY

WRITERS = 8
#: Restarts of the cluster in each test, with PHASE_SECONDS of writing before, between and after.
RESTARTS = 2
PHASE_SECONDS = 2.0
#: How long one logical write may be retried before the writer gives up on it (a failure).
ANSWER_DEADLINE = 30.0
#: How long one attempt may wait for its answer.
ATTEMPT_TIMEOUT = 5.0
#: Every DROP_EVERY-th write, the client throws its first definitive answer away and asks again.
DROP_EVERY = 5
EDITOR = "pertanian.editor"  # edits for one agency only: products need no `owner_agency`


@dataclass
class Write:
    """One logical write and what its client was finally told."""

    kind: str  # "product", "nominate" or "submit"
    path: str
    body: dict
    product: str  # the name of the product it concerns
    key: str = field(default_factory=lambda: uuid.uuid4().hex)
    attempts: int = 0
    status: int | None = None  # the definitive answer; None: none came before the deadline
    answer: dict = field(default_factory=dict)
    replayed: bool = False  # the definitive answer was the middleware's replay
    drop_first_answer: bool = False
    dropped: bool = False  # its first definitive answer was thrown away

    @property
    def acknowledged(self) -> bool:
        return self.status is not None and 200 <= self.status < 300


def must_retry(answer: Answer) -> bool:
    """No answer, the outage's 503, or "a request with this key is in progress" (409)."""
    if answer.status is None or answer.status == 503:
        return True
    return answer.status == 409 and "Idempotency-Key" in answer.body


@dataclass
class Client:
    portal: Portal
    token: str
    business: str
    category: str
    run: str
    writes: list[Write] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def send(self, write: Write) -> Write:
        with self.lock:
            self.writes.append(write)
            write.drop_first_answer = len(self.writes) % DROP_EVERY == 0
        give_up = time.monotonic() + ANSWER_DEADLINE
        headers = {
            "Authorization": f"Token {self.token}",
            "Content-Type": "application/json",
            "Accept": "application/json",
            "Idempotency-Key": write.key,
        }
        body = json.dumps(write.body).encode()
        while True:
            write.attempts += 1
            answer = self.portal.request(
                "POST", write.path, body=body, headers=headers, timeout=ATTEMPT_TIMEOUT
            )
            if not must_retry(answer) and write.drop_first_answer and not write.dropped:
                write.dropped = True  # lost on the way back: the client never saw it
                continue
            if not must_retry(answer):
                write.status = answer.status
                write.replayed = answer.headers.get("Idempotent-Replayed") == "true"
                try:
                    write.answer = json.loads(answer.body)
                except ValueError:
                    write.answer = {"body": answer.body[:300]}
                return write
            if time.monotonic() > give_up:
                return write
            time.sleep(random.uniform(0.05, 0.3))  # a phone waits a little, then tries again

    def work(self, number: int, stop: threading.Event) -> None:
        """Product, nomination, submission, again and again until `stop`."""
        count = 0
        while not stop.is_set():
            count += 1
            name = f"{self.run} w{number} n{count}"
            product = self.send(
                Write(
                    "product",
                    "/api/v1/products/",
                    {"business": self.business, "name": name, "category": self.category,
                     "price_min": 15000, "price_max": 20000, "status": "published"},
                    name,
                )
            )  # fmt: skip
            if not product.acknowledged:
                continue
            nominate = self.send(
                Write(
                    "nominate",
                    "/api/v1/nominations/",
                    {"product": product.answer["slug"], "justification": "Uji beban."},
                    name,
                )
            )
            if nominate.acknowledged:
                self.send(
                    Write(
                        "submit", f"/api/v1/nominations/{nominate.answer['id']}/submit/", {}, name
                    )
                )


#: The demo's regions, categories, agencies and accounts (password: settings.DEMO_PASSWORD).
SEED = (
    "from django.conf import settings; "
    "from catalog.demo.seeding import seed_accounts, seed_reference; "
    "seed_reference(); seed_accounts(settings.DEMO_PASSWORD)"
)


@pytest.fixture(scope="module")
def portal(cluster, app_folder):
    portal = Portal(app_folder, cluster.database_url, serving="threaded")
    portal.manage("shell", "-c", SEED)
    try:
        portal.start()
        yield portal
    finally:
        portal.stop()


def sign_in(portal: Portal) -> str:
    answer = portal.request(
        "POST",
        "/api/v1/auth/token/",
        body=json.dumps({"username": EDITOR, "password": settings.DEMO_PASSWORD}).encode(),
        headers={"Content-Type": "application/json"},
    )
    assert answer.status == 200, answer.describe()
    return json.loads(answer.body)["token"]


def first_slug(portal: Portal, path: str) -> str:
    answer = portal.get(path)
    assert answer.status == 200, answer.describe()
    data = json.loads(answer.body)
    return (data["results"] if isinstance(data, dict) else data)[0]["slug"]


def register_business(portal: Portal, token: str) -> str:
    body = {"name": f"Usaha Uji Beban {uuid.uuid4().hex[:8]}", "owner_name": "Siti Aminah",
            "region": first_slug(portal, "/api/v1/regions/")}  # fmt: skip
    answer = portal.request(
        "POST",
        "/api/v1/businesses/",
        body=json.dumps(body).encode(),
        headers={"Authorization": f"Token {token}", "Content-Type": "application/json"},
    )
    assert answer.status == 201, answer.describe()
    return json.loads(answer.body)["slug"]


def load(cluster, portal, mode: str) -> Client:
    """Writers at work while the cluster restarts RESTARTS times in `mode`."""
    token = sign_in(portal)
    client = Client(
        portal,
        token=token,
        business=register_business(portal, token),
        category=first_slug(portal, "/api/v1/categories/"),
        run=f"Uji beban {mode} {uuid.uuid4().hex[:8]}",
    )
    stop = threading.Event()
    writers = [
        threading.Thread(target=client.work, args=(number, stop), daemon=True)
        for number in range(WRITERS)
    ]
    for writer in writers:
        writer.start()
    try:
        for _restart in range(RESTARTS):
            time.sleep(PHASE_SECONDS)
            cluster.restart(mode)
        time.sleep(PHASE_SECONDS)
    finally:
        stop.set()
        for writer in writers:
            writer.join(timeout=ANSWER_DEADLINE + ATTEMPT_TIMEOUT + 5)
    assert not any(writer.is_alive() for writer in writers), "a writer never finished"
    return client


def stored(cluster, run: str) -> tuple[Counter, dict, dict]:
    """What the database holds of this run: products by name; nominations by product name
    ([(id, state)]); the events of each nomination in the order they were written."""
    with cluster.connect() as db, db.cursor() as cursor:
        pattern = run.replace("_", r"\_") + " %"
        cursor.execute("SELECT name FROM catalog_product WHERE name LIKE %s", [pattern])
        products = Counter(name for (name,) in cursor.fetchall())
        cursor.execute(
            "SELECT p.name, n.id, n.state FROM catalog_nomination n "
            "JOIN catalog_product p ON p.id = n.product_id WHERE p.name LIKE %s",
            [pattern],
        )
        nominations = defaultdict(list)
        for name, pk, state in cursor.fetchall():
            nominations[name].append((pk, state))
        cursor.execute(
            "SELECT e.nomination_id, e.action, e.from_state, e.to_state "
            "FROM catalog_nominationevent e JOIN catalog_nomination n ON n.id = e.nomination_id "
            "JOIN catalog_product p ON p.id = n.product_id WHERE p.name LIKE %s ORDER BY e.id",
            [pattern],
        )
        events = defaultdict(list)
        for pk, action, from_state, to_state in cursor.fetchall():
            events[pk].append((action, from_state, to_state))
    return products, nominations, events


def is_done(write: Write, products: Counter, nominations: dict, events: dict) -> int:
    """How many times `write` is in the database."""
    if write.kind == "product":
        return products[write.product]
    mine = nominations.get(write.product, [])
    if write.kind == "nominate":
        return len(mine)
    return sum(action == "submit" for pk, _state in mine for action, *_ in events.get(pk, []))


def trail_problems(nominations: dict, events: dict) -> list[str]:
    """Where the audit trail and the workflow states disagree."""
    problems = []
    for name, mine in nominations.items():
        for pk, state in mine:
            chain = events.get(pk, [])
            if not chain or chain[0][:2] != ("nominate", ""):
                problems.append(f"{name}: nomination {pk} does not start with `nominate`: {chain}")
                continue
            for (_a, _f, before), (action, after_from, _t) in itertools.pairwise(chain):
                if after_from != before:
                    problems.append(f"{name}: `{action}` starts at {after_from}, not {before}")
            if chain[-1][2] != state:
                problems.append(f"{name}: state {state}, but the last event ends in {chain[-1]}")
            repeated = [a for a, n in Counter(a for a, *_ in chain).items() if n > 1]
            if repeated:
                problems.append(f"{name}: {repeated} recorded more than once: {chain}")
    return problems


def reconcile(client: Client, cluster) -> tuple[dict, list[str]]:
    products, nominations, events = stored(cluster, client.run)
    counts = Counter()
    problems = []
    for write in client.writes:
        found = is_done(write, products, nominations, events)
        counts["writes"] += 1
        counts["attempts"] += write.attempts
        counts["retried"] += write.attempts > 1
        counts["replayed"] += write.replayed
        counts["answers dropped"] += write.dropped
        if write.dropped and write.acknowledged and not write.replayed:
            problems.append(f"{write.kind} of {write.product!r}: not replayed after a lost answer")
        if write.acknowledged:
            counts["acknowledged"] += 1
            counts[f"acknowledged {write.kind}"] += 1
            if found == 0:
                counts["lost"] += 1
                problems.append(f"lost: {write.kind} of {write.product!r} was acknowledged")
        elif write.status is None:
            counts["no answer"] += 1
            problems.append(f"no definitive answer in {ANSWER_DEADLINE} s: {write.kind} of "
                            f"{write.product!r}")  # fmt: skip
        elif found:
            # Refused in the end (a 409 after an attempt whose answer was lost) although it was
            # done: the client is not told it worked, but nothing is lost or doubled.
            counts["done but refused"] += 1
        if write.status is not None and write.status >= 500:
            problems.append(f"{write.kind} of {write.product!r}: {write.status} {write.answer}")
        if found > 1:
            counts["duplicated"] += 1
            problems.append(f"duplicated: {write.kind} of {write.product!r} is there {found}×")
    written = {write.product for write in client.writes if write.kind == "product"}
    problems += [f"nobody wrote {name!r}" for name in products if name not in written]
    problems += trail_problems(nominations, events)
    for name in ("lost", "duplicated"):
        counts.setdefault(name, 0)
    return counts, problems


@pytest.mark.parametrize("mode", ["fast", "immediate"])
def test_every_acknowledged_write_survives_restarts_exactly_once(
    cluster, portal, mode, record_property
):
    client = load(cluster, portal, mode)

    counts, problems = reconcile(client, cluster)

    summary = ", ".join(f"{name} {number}" for name, number in sorted(counts.items()))
    print(f"\n{RESTARTS} × restart -m {mode}, {WRITERS} writers: {summary}")
    for name, number in counts.items():
        record_property(name, number)
    assert counts["acknowledged"] > 0, "no write was acknowledged at all"
    # Without a write that met a restart, this test would prove nothing.
    assert counts["retried"] > 0, "no write met a restart"
    assert not problems, "\n".join(problems[:30])
