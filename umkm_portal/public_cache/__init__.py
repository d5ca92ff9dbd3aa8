"""The server-side cache of anonymous public pages and API answers (docs/architecture.md §7).

An anonymous visitor's page is the same for every anonymous visitor, so its bytes are kept in the
configured cache (Redis in production, shared by every app server) and served again without
touching the database. Only what is the same for everyone is cached: GET and HEAD without a
session cookie or an `Authorization` header, answered 200 and not marked private. Switched by
`PUBLIC_CACHE` (settings): on by default only with a shared cache (`REDIS_URL`), because a
per-process cache cannot be invalidated across processes. Everything kept expires at the next
midnight in Asia/Jakarta too, when designations start and end.

The parts, one job each:

- `version`: the catalogue version, a counter in the cache that every committed write to a
  watched model (the catalogue names them, `catalog/apps.py`) increments, so that everything
  kept under an older version is stale at once on every server; `catalog_changed()` for writes
  that send no signal.
- `pages`: whole answers, fetched and stored under the version, and the middleware that serves
  public pages before sessions, language and the view.
- `recent`: each worker's memory of the answers it served lately (assumes sync workers).
- `aggregates`: counts and facets of anonymous lists, kept under the version.
- `request`: what the parts learn about one request, kept on it as `request.public_cache`.
"""

from .version import catalog_changed

__all__ = ["catalog_changed"]
