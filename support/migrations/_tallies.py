"""SQL of the dashboard's tallies (support.models.tallies): the statements that make a set of
businesses' tallies again from their records, and the triggers that run them when a record that
counts changes, on PostgreSQL and on SQLite.

One refresh, written once: for the businesses a change touched, delete their tally rows and insert
them again from the records (a business has a handful; an activity's change touches its
participants). PostgreSQL runs it once per statement over the rows the statement changed
(transition tables: the generator's COPY of 200,000 services is one refresh); SQLite once per row.

Beware: Django remakes a SQLite table to alter a column; SQLite refuses to rename the remade table
while a trigger names it, and the remade table has no triggers. A migration that remakes a table
these triggers read (support's records, catalog_business, catalog_product) drops them first and
makes them again after, both ways (`drop_triggers`, `triggers`; as support 0005 does).
"""

import zoneinfo
from datetime import datetime

from django.conf import settings

TALLIES = (
    "support_businesstally",
    "support_agencytally",
    "support_overlaptally",
    "support_reachtally",
)
#: Tables of the catalogue whose changes move a business's recency row (`recency`).
CATALOGUE = {
    "catalog_business": ("id", "region_id, registering_agency_id"),
    "catalog_product": ("business_id", "business_id, listed"),
}
TOOK_PART = "('attended', 'completed')"
#: A statement that touches more businesses than this (the generators' COPY batches, a restore)
#: makes every tally again, in one pass of hash joins: the planner takes a list of changed ids
#: for ten rows, and on tables loaded without their indexes a per-business plan reads each
#: table once per business.
BULK = 2000


def _utc_offset_hours() -> int:
    """SQLite keeps datetimes in UTC: an activity's year is read at the portal's offset (Asia/
    Jakarta has kept +7 since 1964, without summer time)."""
    offset = datetime.now(zoneinfo.ZoneInfo(settings.TIME_ZONE)).utcoffset()
    return int(offset.total_seconds() // 3600) if offset else 0


def _years(vendor: str) -> dict[str, str]:
    if vendor == "postgresql":
        zone = settings.TIME_ZONE.replace("'", "")
        return {
            "service": "CAST(EXTRACT(YEAR FROM s.provided_on) AS integer)",
            "activity": f"CAST(EXTRACT(YEAR FROM a.starts_at AT TIME ZONE '{zone}') AS integer)",
            "milestone": "CAST(EXTRACT(YEAR FROM m.achieved_on) AS integer)",
        }
    hours = _utc_offset_hours()
    return {
        "service": "CAST(strftime('%Y', s.provided_on) AS integer)",
        "activity": f"CAST(strftime('%Y', a.starts_at, '{hours:+d} hours') AS integer)",
        "milestone": "CAST(strftime('%Y', m.achieved_on) AS integer)",
    }


def _work(vendor: str, of: str, *, stages: bool) -> str:
    """Who helped whom: a row per standing service of an agency, and per participation that took
    part in an activity not cancelled and each of its organising agencies (and, `stages`, each of
    its stages; a service has one). `record`: a service by its id, an activity by its id made
    negative (one activity organised by two agencies together is one record)."""
    year = _years(vendor)
    stage = ", st.stage_id AS stage_id, a.kind AS kind" if stages else ""
    stage_join = " JOIN support_activity_stages st ON st.activity_id = a.id" if stages else ""
    took_part = (
        f"FROM support_participation p JOIN support_activity a ON a.id = p.activity_id{stage_join} "
    )
    took_part_where = (
        f"WHERE p.status IN {TOOK_PART} AND a.cancelled_at IS NULL AND p.business_id {of}"
    )
    service_stage = ", s.stage_id AS stage_id, s.kind AS kind" if stages else ""
    return (
        f"SELECT s.business_id AS business_id, {year['service']} AS year, "
        f"s.agency_id AS agency_id{service_stage}, s.id AS record "
        "FROM support_service s "
        f"WHERE s.voided_at IS NULL AND s.agency_id IS NOT NULL AND s.business_id {of} "
        "UNION ALL "
        f"SELECT p.business_id, {year['activity']}, a.organiser_id{stage}, 0 - a.id "
        f"{took_part}{took_part_where} "
        "UNION ALL "
        f"SELECT p.business_id, {year['activity']}, co.agency_id{stage}, 0 - a.id "
        f"{took_part}JOIN support_activity_co_organisers co ON co.activity_id = a.id "
        f"{took_part_where}"
    )


def _reached(vendor: str, of: str) -> str:
    """Stages reached, by agency (NULL: the milestones credited to nobody): a service done, an
    activity's stage taken part in, a verified milestone with a stage."""
    year = _years(vendor)
    return (
        f"SELECT s.business_id AS business_id, {year['service']} AS year, "
        "s.stage_id AS stage_id, s.agency_id AS agency_id FROM support_service s "
        f"WHERE s.voided_at IS NULL AND s.outcome = 'done' AND s.business_id {of} "
        "UNION ALL "
        "SELECT w.business_id, w.year, w.stage_id, w.agency_id "
        f"FROM ({_work(vendor, of, stages=True)}) w WHERE w.record < 0 "
        "UNION ALL "
        f"SELECT m.business_id, {year['milestone']}, m.stage_id, c.agency_id "
        "FROM support_milestone m "
        "LEFT JOIN support_milestone_credited_agencies c ON c.milestone_id = m.id "
        f"WHERE m.verified_at IS NOT NULL AND m.stage_id IS NOT NULL AND m.business_id {of}"
    )


def refresh(vendor: str, of: str) -> list[str]:
    """The statements that make the tallies of the businesses whose id is `of` (an SQL condition
    such as `= NEW.business_id` or `IN (SELECT ...)`) again. Each row carries its business's
    region (the dashboard's region filter without a join)."""
    work = _work(vendor, of, stages=False)
    staged = _work(vendor, of, stages=True)
    region = "JOIN catalog_business b ON b.id = w.business_id"
    return [
        *(f"DELETE FROM {table} WHERE business_id {of}" for table in TALLIES),
        # With the business's totals beside each agency's count: one agency's rows of the matrix
        # in order from one index.
        "INSERT INTO support_agencytally (business_id, year, region_id, agency_id, records, "
        "business_agencies, business_records) "
        "SELECT business_id, year, region_id, agency_id, records, "
        "COUNT(*) OVER (PARTITION BY business_id, year), "
        "SUM(records) OVER (PARTITION BY business_id, year) FROM ("
        "SELECT w.business_id, w.year, b.region_id, w.agency_id, COUNT(*) AS records "
        f"FROM ({work}) w {region} "
        "GROUP BY w.business_id, w.year, b.region_id, w.agency_id) g",
        "INSERT INTO support_businesstally (business_id, year, region_id, agencies, records) "
        "SELECT business_id, year, region_id, COUNT(*), SUM(records) FROM support_agencytally "
        f"WHERE business_id {of} GROUP BY business_id, year, region_id",
        "INSERT INTO support_overlaptally "
        "(business_id, year, region_id, stage_id, kind, agency_id) "
        "SELECT DISTINCT w.business_id, w.year, b.region_id, w.stage_id, w.kind, w.agency_id "
        f"FROM ({staged}) w {region} "
        "JOIN ("
        f"SELECT business_id, year, stage_id, kind FROM ({staged}) g "
        "GROUP BY business_id, year, stage_id, kind "
        "HAVING COUNT(DISTINCT agency_id) >= 2 AND COUNT(DISTINCT record) >= 2"
        ") o ON o.business_id = w.business_id AND o.year = w.year AND o.stage_id = w.stage_id "
        "AND o.kind = w.kind",
        # Through an agency, and through anyone (agency NULL).
        "INSERT INTO support_reachtally (business_id, year, region_id, stage_id, agency_id) "
        "SELECT DISTINCT w.business_id, w.year, b.region_id, w.stage_id, w.agency_id "
        f"FROM ({_reached(vendor, of)}) w {region} WHERE w.agency_id IS NOT NULL",
        "INSERT INTO support_reachtally (business_id, year, region_id, stage_id, agency_id) "
        "SELECT DISTINCT w.business_id, w.year, b.region_id, w.stage_id, CAST(NULL AS bigint) "
        f"FROM ({_reached(vendor, of)}) w {region}",
        *recency(vendor, of),
    ]


def recency(vendor: str, of: str) -> list[str]:
    """Every business's row for the "no support in 12 months" gap: whether it has listed
    products, and the date of its latest support (a standing service, an activity taken part
    in), with the business's region and registering agency."""
    if vendor == "postgresql":
        zone = settings.TIME_ZONE.replace("'", "")
        started_on = f"CAST(a.starts_at AT TIME ZONE '{zone}' AS date)"
    else:
        started_on = f"date(a.starts_at, '{_utc_offset_hours():+d} hours')"
    # Set-based (grouped subqueries joined, never one lookup per business): the generators load
    # their tables without indexes, where a correlated lookup would read the table per business.
    services = (
        "SELECT s.business_id, MAX(s.provided_on) AS supported_on FROM support_service s "
        f"WHERE s.voided_at IS NULL AND s.business_id {of} GROUP BY s.business_id"
    )
    activities = (
        f"SELECT p.business_id, MAX({started_on}) AS supported_on FROM support_participation p "
        "JOIN support_activity a ON a.id = p.activity_id "
        f"WHERE p.status IN {TOOK_PART} AND a.cancelled_at IS NULL AND p.business_id {of} "
        "GROUP BY p.business_id"
    )
    listed = f"SELECT l.business_id FROM catalog_product l WHERE l.listed AND l.business_id {of}"
    return [
        f"DELETE FROM support_recencytally WHERE business_id {of}",
        "INSERT INTO support_recencytally "
        "(business_id, region_id, registering_agency_id, listed, last_supported_on) "
        f"SELECT b.id, b.region_id, b.registering_agency_id, b.id IN ({listed}), "
        "CASE WHEN pa.supported_on IS NULL OR sv.supported_on >= pa.supported_on "
        "THEN sv.supported_on ELSE pa.supported_on END "
        f"FROM catalog_business b LEFT JOIN ({services}) sv ON sv.business_id = b.id "
        f"LEFT JOIN ({activities}) pa ON pa.business_id = b.id WHERE b.id {of}",
    ]


def _moved(row: str) -> list[str]:
    """A business moved to another region: its tallies follow."""
    return [
        f"UPDATE {table} SET region_id = {row}.region_id WHERE business_id = {row}.id"
        for table in TALLIES
    ]


def rebuild_statements(vendor: str) -> list[str]:
    """Every business's tallies, from scratch."""
    everyone = "IS NOT NULL"
    return [f"DELETE FROM {table}" for table in TALLIES] + refresh(vendor, everyone)[len(TALLIES) :]


# Which records count, and whose businesses a change touches ----------------------------------

#: table: (the businesses of an old or new row, as SQL over `{row}`; the row's table alias).
_BY_ACTIVITY = (
    "IN (SELECT business_id FROM support_participation WHERE activity_id = {row}.{column})"
)
TRIGGERED = {
    "support_service": "= {row}.business_id",
    "support_participation": "= {row}.business_id",
    "support_milestone": "= {row}.business_id",
    "support_activity": _BY_ACTIVITY.replace("{column}", "id"),
    "support_activity_stages": _BY_ACTIVITY.replace("{column}", "activity_id"),
    "support_activity_co_organisers": _BY_ACTIVITY.replace("{column}", "activity_id"),
    "support_milestone_credited_agencies": (
        "IN (SELECT business_id FROM support_milestone WHERE id = {row}.milestone_id)"
    ),
}
#: The columns whose change matters, for tables that also change in other ways.
WATCHED = {
    "support_service": "business_id, agency_id, stage_id, kind, provided_on, outcome, voided_at",
    "support_participation": "business_id, activity_id, status",
    "support_milestone": "business_id, stage_id, achieved_on, verified_at",
    "support_activity": "organiser_id, kind, starts_at, cancelled_at",
}


def sqlite_triggers() -> list[str]:
    statements = []
    for table, businesses in TRIGGERED.items():
        for event, rows in (("INSERT", ("NEW",)), ("UPDATE", ("OLD", "NEW")), ("DELETE", ("OLD",))):
            if event == "UPDATE" and table not in WATCHED:
                continue  # a many-to-many row is added or removed, never changed
            of = f"IN (SELECT id FROM catalog_business WHERE id {businesses.format(row=rows[0])}"
            if len(rows) == 2:
                of += f" OR id {businesses.format(row=rows[1])}"
            of += ")"
            columns = f" OF {WATCHED[table]}" if event == "UPDATE" else ""
            body = ";\n".join(refresh("sqlite", of))
            statements.append(
                f"CREATE TRIGGER {table}_tally_{event.lower()} AFTER {event}{columns} ON {table} "
                f"BEGIN {body}; END"
            )
    statements += _sqlite_catalogue_triggers()
    return statements


def _sqlite_catalogue_triggers() -> list[str]:
    """A business added, moved or gone, a product listed or not: the recency row follows (and a
    moved business's tallies)."""
    statements = []
    for table, (business, watched) in CATALOGUE.items():
        for event, rows in (("INSERT", ("NEW",)), ("UPDATE", ("OLD", "NEW")), ("DELETE", ("OLD",))):
            of = "IN (" + ", ".join(f"{row}.{business}" for row in rows) + ")"
            body = recency("sqlite", of)
            if table == "catalog_business" and event == "UPDATE":
                body = _moved("NEW") + body
            columns = f" OF {watched}" if event == "UPDATE" else ""
            statements.append(
                f"CREATE TRIGGER {table}_tally_{event.lower()} AFTER {event}{columns} ON {table} "
                f"BEGIN {';'.join(body)}; END"
            )
    return statements


def sqlite_drop_triggers() -> list[str]:
    return [
        f"DROP TRIGGER IF EXISTS {table}_tally_{event}"
        for table in [*TRIGGERED, *CATALOGUE]
        for event in ("insert", "update", "delete")
    ]


def postgresql_functions() -> list[str]:
    of = "IN (SELECT unnest(changed))"
    body = ";\n".join(refresh("postgresql", of))
    everyone = ";\n".join(rebuild_statements("postgresql"))
    statements = [
        "CREATE FUNCTION support_tally_refresh(changed bigint[]) RETURNS void AS $$\n"
        f"BEGIN\nIF cardinality(changed) > {BULK} THEN\n{everyone};\n"
        f"ELSE\n{body};\nEND IF;\nEND\n$$ LANGUAGE plpgsql"
    ]
    for table, businesses in TRIGGERED.items():
        parts = []
        for row in ("old_rows", "new_rows"):
            condition = businesses.format(row="r")
            parts.append(
                f"(SELECT b.id FROM catalog_business b, {row} r WHERE b.id {condition})"
                if condition.startswith("IN")
                else f"(SELECT r.business_id FROM {row} r)"
            )
        for event in ("insert", "update", "delete"):
            if event == "update" and table not in WATCHED:
                continue
            sources = {"insert": parts[1:], "update": parts, "delete": parts[:1]}[event]
            union = " UNION ".join(sources)
            changed = f"ARRAY(SELECT DISTINCT id FROM ({union}) c(id))"
            statements.append(
                f"CREATE FUNCTION {table}_tally_{event}() RETURNS trigger AS $$\n"
                f"BEGIN PERFORM support_tally_refresh({changed}); RETURN NULL; END\n"
                "$$ LANGUAGE plpgsql"
            )
            referencing = {
                "insert": "NEW TABLE AS new_rows",
                "update": "OLD TABLE AS old_rows NEW TABLE AS new_rows",
                "delete": "OLD TABLE AS old_rows",
            }[event]
            statements.append(
                f"CREATE TRIGGER {table}_tally_{event} AFTER {event.upper()} ON {table} "
                f"REFERENCING {referencing} FOR EACH STATEMENT "
                f"EXECUTE FUNCTION {table}_tally_{event}()"
            )
    return statements + _postgresql_catalogue_triggers()


def _postgresql_catalogue_triggers() -> list[str]:
    recency_body = ";\n".join(recency("postgresql", "IN (SELECT unnest(changed))"))
    everyone = ";\n".join(recency("postgresql", "IS NOT NULL"))
    statements = [
        "CREATE FUNCTION support_recency_refresh(changed bigint[]) RETURNS void AS $$\n"
        f"BEGIN\nIF cardinality(changed) > {BULK} THEN\n{everyone};\n"
        f"ELSE\n{recency_body};\nEND IF;\nEND\n$$ LANGUAGE plpgsql"
    ]
    moved = "".join(
        f"UPDATE {table} t SET region_id = r.region_id FROM new_rows r, old_rows o "
        "WHERE r.id = o.id AND r.region_id IS DISTINCT FROM o.region_id "
        "AND t.business_id = r.id;\n"
        for table in TALLIES
    )
    for table, (business, _watched) in CATALOGUE.items():
        for event in ("insert", "update", "delete"):
            rows = {"insert": ["new_rows"], "update": ["old_rows", "new_rows"]}.get(
                event, ["old_rows"]
            )
            union = " UNION ".join(f"SELECT {business} FROM {row}" for row in rows)
            before = moved if (table, event) == ("catalog_business", "update") else ""
            statements += [
                f"CREATE FUNCTION {table}_tally_{event}() RETURNS trigger AS $$\n"
                f"BEGIN {before}PERFORM support_recency_refresh(ARRAY({union}));"
                " RETURN NULL; END\n$$ LANGUAGE plpgsql",
                f"CREATE TRIGGER {table}_tally_{event} AFTER {event.upper()} ON {table} "
                f"REFERENCING {_REFERENCING[event]} FOR EACH STATEMENT "
                f"EXECUTE FUNCTION {table}_tally_{event}()",
            ]
    return statements


_REFERENCING = {
    "insert": "NEW TABLE AS new_rows",
    "update": "OLD TABLE AS old_rows NEW TABLE AS new_rows",
    "delete": "OLD TABLE AS old_rows",
}


def postgresql_drop_functions() -> list[str]:
    statements = []
    for table in [*TRIGGERED, *CATALOGUE]:
        for event in ("insert", "update", "delete"):
            statements.append(f"DROP TRIGGER IF EXISTS {table}_tally_{event} ON {table}")
            statements.append(f"DROP FUNCTION IF EXISTS {table}_tally_{event}()")
    statements.append("DROP FUNCTION IF EXISTS support_tally_refresh(bigint[])")
    statements.append("DROP FUNCTION IF EXISTS support_recency_refresh(bigint[])")
    return statements


def triggers(vendor: str) -> list[str]:
    return {"postgresql": postgresql_functions, "sqlite": sqlite_triggers}[vendor]()


def drop_triggers(vendor: str) -> list[str]:
    return {"postgresql": postgresql_drop_functions, "sqlite": sqlite_drop_triggers}[vendor]()
