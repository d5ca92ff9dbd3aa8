import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings, tmp_path):
    """Fast password hashing, a throwaway media folder and an empty cache (throttle counters,
    import previews) for every test."""
    from django.core.cache import cache

    cache.clear()
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.RENDITIONS_ON_SAVE = False  # tests that look at renditions turn it back on


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in Indonesian: a request under /en/ leaves English active in the thread."""
    translation.activate("id")
    yield
    translation.activate("id")
