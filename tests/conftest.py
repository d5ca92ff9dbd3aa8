import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings, tmp_path):
    """Fast password hashing and a throwaway media folder for every test."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.RENDITIONS_ON_SAVE = False  # tests that look at renditions turn it back on


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in Indonesian: a request under /en/ leaves English active in the thread."""
    translation.activate("id")
    yield
    translation.activate("id")
