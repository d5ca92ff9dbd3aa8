"""What a run measures and under which settings, all from BENCH_* environment variables."""

import os
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "bench"
#: The venv's Python, which runs the harness (`make bench`).
PYTHON = Path(sys.executable)


def _env(name, default, cast=str):
    value = os.environ.get(name, "")
    return cast(value) if value != "" else default


@dataclass
class Config:
    duration: float = field(default_factory=lambda: _env("BENCH_DURATION", 8.0, float))
    rounds: int = field(default_factory=lambda: _env("BENCH_ROUNDS", 5, int))
    concurrency: int = field(default_factory=lambda: _env("BENCH_CONCURRENCY", 8, int))
    warmup: float = field(default_factory=lambda: _env("BENCH_WARMUP", 2.0, float))
    products: int = field(default_factory=lambda: _env("BENCH_PRODUCTS", 100_000, int))
    seed: int = field(default_factory=lambda: _env("BENCH_SEED", 1, int))
    database: str = field(default_factory=lambda: _env("BENCH_DATABASE", "umkm_bench_100k"))
    #: A database at 1M products (optional): its search and filter SQL is EXPLAINed too.
    explain_database: str = field(default_factory=lambda: _env("BENCH_EXPLAIN_DATABASE", ""))
    postgres: str = field(
        default_factory=lambda: _env("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
    )
    redis: str = field(default_factory=lambda: _env("BENCH_REDIS", "redis://127.0.0.1:6379/13"))
    port: int = field(default_factory=lambda: _env("BENCH_PORT", 8731, int))
    workers: int = field(default_factory=lambda: _env("BENCH_WORKERS", 3, int))
    worker_class: str = field(default_factory=lambda: _env("BENCH_WORKER_CLASS", "sync"))
    threads: int = field(default_factory=lambda: _env("BENCH_THREADS", 1, int))
    wrk_threads: int = field(default_factory=lambda: _env("BENCH_WRK_THREADS", 2, int))
    #: The cache of counts and facets (on in production with Redis), apart from the page cache.
    aggregate_cache: bool = field(
        default_factory=lambda: _env("BENCH_AGGREGATE_CACHE", "true").lower() == "true"
    )
    conn_max_age: int = field(default_factory=lambda: _env("BENCH_CONN_MAX_AGE", 60, int))
    #: Only these scenarios (comma-separated names), for development.
    only: str = field(default_factory=lambda: _env("BENCH_ONLY", ""))

    def database_url(self, name: str | None = None) -> str:
        return f"{self.postgres}/{name or self.database}"

    def as_dict(self) -> dict:
        return asdict(self)


def portal_environment(
    config: Config, *, public_cache: bool, aggregate_cache: bool | None = None, database: str = ""
) -> dict:
    """The environment the portal runs under: production settings, as the README describes them,
    with the throttles opened wide so that they are not what the API run measures."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "REDIS_", "PUBLIC_CACHE", "AGGREGATE_CACHE"))
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        DEBUG="False",
        SECRET_KEY="bench-only-secret-key-not-for-production-0123456789abcdefghij",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="False",
        SESSION_COOKIE_SECURE="True",
        CSRF_COOKIE_SECURE="True",
        DATABASE_URL=config.database_url(database or None),
        CONN_MAX_AGE=str(config.conn_max_age),
        REDIS_URL=config.redis,
        CACHE_KEY_PREFIX="bench",
        PUBLIC_CACHE=str(public_cache).lower(),
        AGGREGATE_CACHE=str(
            config.aggregate_cache if aggregate_cache is None else aggregate_cache
        ).lower(),
        STATIC_ROOT=str(BENCH_DIR / ".staticfiles"),
        BENCH_PAGES_DIR=str(BENCH_DIR / ".pages"),
        THROTTLE_ANON="100000000/minute",
        THROTTLE_USER="100000000/minute",
        LOG_LEVEL="WARNING",
        PYTHONDONTWRITEBYTECODE="1",
    )
    return environment
