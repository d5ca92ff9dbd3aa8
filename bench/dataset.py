"""The bench database: created, migrated and filled by `generate_catalog` once, then reused.

The database's comment records what filled it (`generate_catalog --products N --seed S`), so a
later run with the same size and seed skips the minutes of generating."""

import contextlib
import subprocess

import psycopg2
from psycopg2 import sql

from bench.config import PYTHON, ROOT, Config


@contextlib.contextmanager
def _cursor(config: Config, database: str):
    connection = psycopg2.connect(config.database_url(database))
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            yield cursor
    finally:
        connection.close()


def _state(config: Config, database: str) -> tuple[bool, str, int | None]:
    """(exists, the comment on it, how many products it holds, None before migrations)."""
    with _cursor(config, "postgres") as cursor:
        cursor.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
            [database],
        )
        row = cursor.fetchone()
    if row is None:
        return False, "", None
    with _cursor(config, database) as cursor:
        cursor.execute("SELECT to_regclass('catalog_product') IS NOT NULL")
        if not cursor.fetchone()[0]:
            return True, row[0] or "", None
        cursor.execute("SELECT count(*) FROM catalog_product")
        return True, row[0] or "", cursor.fetchone()[0]


def _manage(environment: dict, *arguments: str) -> None:
    print("  manage.py", *arguments, flush=True)
    subprocess.run([PYTHON, "manage.py", *arguments], cwd=ROOT, env=environment, check=True)


def marker(config: Config) -> str:
    return f"bench: generate_catalog --products {config.products} --seed {config.seed}"


def ensure(config: Config, environment: dict) -> str:
    """Make the bench database hold `config.products` products from `config.seed`; returns how
    the data was made."""
    database = config.database
    exists, comment, products = _state(config, database)
    wanted = marker(config)
    unrecorded = exists and not comment.startswith("bench:")
    if unrecorded and products == config.products:
        # Left by someone else (say generate_catalog run by hand): trusted as its size matches.
        print(f"{database}: {products} products, seed not recorded: assumed {config.seed}")
        comment = wanted
    if exists and comment == wanted and products == config.products:
        print(f"{database}: already {products} products from seed {config.seed}")
        _manage(environment, "migrate", "--noinput", "--verbosity=0")
        return wanted
    if exists:
        if not database.startswith("umkm_bench"):
            raise SystemExit(f"{database} holds other data; only umkm_bench* databases are reset")
        print(f"{database}: {products} products ({comment or 'no record'}): recreating")
        with _cursor(config, "postgres") as cursor:
            cursor.execute(
                sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(database))
            )
    with _cursor(config, "postgres") as cursor:
        cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database)))
    _manage(environment, "migrate", "--noinput", "--verbosity=0")
    arguments = ["--products", str(config.products), "--seed", str(config.seed)]
    _manage(environment, "generate_catalog", *arguments)
    with _cursor(config, database) as cursor:
        cursor.execute("VACUUM ANALYZE")
        cursor.execute(
            sql.SQL("COMMENT ON DATABASE {} IS {}").format(
                sql.Identifier(database), sql.Literal(wanted)
            )
        )
    return wanted


def backend_pids(config: Config) -> list[int]:
    """The PostgreSQL backends serving the bench database (the workers' persistent
    connections), whose CPU time counts as ours, not as other load."""
    with _cursor(config, "postgres") as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            [config.database],
        )
        return [pid for (pid,) in cursor.fetchall()]


if __name__ == "__main__":  # make a bench database without measuring, e.g. the 1M one
    from bench.config import portal_environment

    settings = Config()
    ensure(settings, portal_environment(settings, public_cache=False))
