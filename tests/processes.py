"""The portal as a separate process, for the tests that need a real server (tests/faults,
tests/scaleout): free ports, commands that fail the test with their output, and HTTP requests
that neither follow redirects nor go through a proxy."""

import json
import socket
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from email.message import Message
from pathlib import Path

import pytest


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def run(command: list[str], *, cwd: Path, env: dict | None = None, timeout: float = 120) -> str:
    """Run a command; on failure, fail the test with its output (not a bare exit status)."""
    done = subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    if done.returncode != 0:
        pytest.fail(f"{' '.join(command)} exited {done.returncode}:\n{done.stdout}{done.stderr}")
    return done.stdout


@dataclass
class Answer:
    status: int | None  # None: no HTTP answer at all (refused, reset, timed out)
    headers: Message
    content: bytes
    seconds: float

    @property
    def body(self) -> str:
        return self.content.decode("utf-8", "replace")

    text = body

    def json(self):
        return json.loads(self.content)

    def cookies(self) -> dict[str, str]:
        """The cookies this answer sets (name → value)."""
        found = {}
        for header in self.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            found[name.strip()] = rest.split(";", 1)[0]
        return found

    def describe(self) -> str:
        return f"{self.status} after {self.seconds:.2f} s: {self.body[:300]!r}"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a redirect is an answer to look at, not to follow


_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}), _NoRedirect())


def http(method: str, url: str, *, body=None, headers=None, timeout: float = 10) -> Answer:
    request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    started = time.monotonic()
    try:
        with _OPENER.open(request, timeout=timeout) as response:
            status, found, content = response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        status, found, content = error.code, error.headers, error.read()
    except OSError as error:  # refused, reset or timed out: no HTTP answer
        return Answer(None, Message(), repr(error).encode(), time.monotonic() - started)
    return Answer(status, found, content, time.monotonic() - started)
