"""The Redis cache backend (umkm_portal.cache): Django's, with one client per connection pool."""

import pytest

from umkm_portal.cache import RedisCache

REDIS_URL = "redis://127.0.0.1:6379/11"


def _redis_answers() -> bool:
    try:
        import redis

        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping())
    except Exception:
        return False


pytestmark = pytest.mark.skipif(not _redis_answers(), reason=f"no Redis at {REDIS_URL}")


@pytest.fixture
def cache():
    backend = RedisCache(REDIS_URL, {"KEY_PREFIX": "test-cache-backend"})
    yield backend
    backend.clear()


def test_every_operation_shares_one_client_per_pool(cache):
    client = cache._cache.get_client()

    assert cache._cache.get_client(write=True) is client
    assert cache._cache.get_client("any key") is client


def test_it_keeps_what_the_portal_keeps(cache):
    cache.set("page", (7, b"<html>", {"Content-Type": "text/html"}), 60)
    cache.set("catalog:version", 41, None)
    cache.incr("catalog:version")

    assert cache.get("page") == (7, b"<html>", {"Content-Type": "text/html"})
    assert cache.get_many(["catalog:version", "missing"]) == {"catalog:version": 42}
    assert cache.get_or_set("fresh", lambda: 5, 60) == 5
    assert cache.add("fresh", 6) is False
    cache.delete("page")
    assert cache.get("page") is None
