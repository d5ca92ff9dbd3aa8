"""Indonesian first, English complete: no untranslated or fuzzy string in either catalogue."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest

LOCALE = Path(__file__).resolve().parent.parent / "locale"


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext is not installed")
@pytest.mark.parametrize("language", ["id", "en"])
def test_catalogue_is_complete(language):
    result = subprocess.run(
        ["msgfmt", "--check-format", "--statistics", "-o", "/dev/null",
         LOCALE / language / "LC_MESSAGES" / "django.po"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip

    assert result.returncode == 0, result.stderr
    statistics = result.stderr.strip().splitlines()[-1]
    assert re.fullmatch(r"\d+ translated messages\.", statistics), statistics


@pytest.mark.django_db
def test_home_is_indonesian_by_default_and_english_under_en(client):
    indonesian = client.get("/").content.decode()
    english = client.get("/en/").content.decode()

    assert "Langsung ke konten" in indonesian and "Produk unggulan" in indonesian
    assert "Skip to content" in english and "Flagships" in english
    assert "Langsung ke konten" not in english
