"""The portal's own settings (from the environment, as in production) plus the bare view's URL.

Only the URL conf differs, so the bare view passes through exactly the portal's middleware."""

from umkm_portal.settings import *  # noqa: F403
from umkm_portal.settings import BASE_DIR, env

ROOT_URLCONF = "bench.urls"

#: Where the harness wrote the pre-rendered pages the bare view answers with.
BENCH_PAGES_DIR = env.path("BENCH_PAGES_DIR", default=BASE_DIR / "bench" / ".pages")
