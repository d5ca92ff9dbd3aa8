"""The bare view: a page's bytes, fetched once from the real portal, answered from memory.

Everything the portal does besides building the page (gunicorn, the middleware, the URL
resolver, the response) is still done, so the portal's throughput divided by this view's is the
share of the framework's limit the portal's own code leaves."""

import functools
from pathlib import Path

from django.conf import settings
from django.http import Http404, HttpResponse


@functools.cache
def load_page(directory: Path, name: str) -> tuple[bytes, str]:
    """The body and content type the harness saved for page `name` (read once per process)."""
    body = directory / f"{name}.body"
    if not body.is_file():
        raise Http404(name)
    return body.read_bytes(), (directory / f"{name}.content-type").read_text().strip()


def bare(request, name):
    content, content_type = load_page(Path(settings.BENCH_PAGES_DIR), name)
    return HttpResponse(content, content_type=content_type)


def save_page(directory: Path, name: str, content: bytes, content_type: str) -> None:
    """Written by the harness after fetching the real page, read by `load_page`."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / f"{name}.body").write_bytes(content)
    (directory / f"{name}.content-type").write_text(content_type)
