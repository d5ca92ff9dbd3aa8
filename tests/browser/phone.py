"""One person's phone in a real browser, shared by the walk-through tests (issue 13–15 and on).

A `Phone` is a 360×740 context that records every browser error and every request. `looks_right`
is the check each step of a walk-through makes: the page fits the phone (no sideways scrolling),
the browser logged no error (a blocked inline script or style would: the pages run under a strict
CSP), nothing was asked of another host, and — where the test asks — axe-core's WCAG 2.2 AA checks
pass. A full-page screenshot of each step goes to /tmp/shots/<prefix>-<step>.png."""

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.test import Client

from tests.browser.helpers import PHONE

PASSWORD = "rahasia-123"  # what tests.factories.UserFactory gives every user
LOGIN = "/accounts/login/"
WORKSPACE = "/ruang-kerja/"
WIDTH = "document.scrollingElement.scrollWidth"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


class Phone:
    """One person's browser: a phone-sized context that records the browser's errors and every
    request it makes. `accessible=True` adds axe-core to every `looks_right`."""

    def __init__(self, new_context, live_server, shots: Path, prefix: str, *, accessible=False):
        self.context = new_context()
        self.page = self.context.new_page()
        self.live_server = live_server
        self.shots = shots
        self.prefix = prefix
        self.checks_accessibility = accessible
        self.host = urlsplit(live_server.url).netloc
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.context.on("request", lambda request: self.requests.append(request.url))
        self.page.on(
            "console",
            lambda message: self.errors.append(message.text) if message.type == "error" else None,
        )
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def sign_in(self, user, step: str | None = None) -> None:
        """Through the login form, as a person does; the workspace opens. With `step`, the login
        page is checked too."""
        page = self.page
        page.goto(LOGIN)
        if step:
            self.looks_right(f"{step}-login")
        form = page.locator(f"form[action='{LOGIN}']")
        form.locator("#id_username").fill(user.username)
        form.locator("#id_password").fill(PASSWORD)
        form.locator("button[type=submit]").click()
        page.wait_for_url(re.compile(rf"{re.escape(WORKSPACE)}$"))

    def sign_in_quietly(self, user) -> None:
        """A session made on the server side, for tests whose subject is not signing in."""
        client = Client()
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        self.context.add_cookies(
            [{"name": cookie.key, "value": cookie.value, "url": self.live_server.url}]
        )

    def follow(self, link, path: str) -> None:
        link.click()
        self.page.wait_for_url(re.compile(rf"{re.escape(path)}(#\w+)?$"))

    def looks_right(self, name: str) -> None:
        """The page on screen fits the phone, logged no error and asked nothing of another host
        (and passes axe-core, if asked); its screenshot is saved."""
        page = self.page
        page.wait_for_load_state("load")
        page.screenshot(path=str(self.shots / f"{self.prefix}-{name}.png"), full_page=True)
        width = page.evaluate(WIDTH)
        assert width <= PHONE["width"], f"{name} scrolls sideways: {width} px"
        assert self.errors == [], f"{name}: the browser logged errors: {self.errors}"
        elsewhere = [
            url
            for url in self.requests
            if urlsplit(url).scheme not in {"data", "blob"} and urlsplit(url).netloc != self.host
        ]
        assert elsewhere == [], f"{name}: requests left the portal: {elsewhere}"
        if self.checks_accessibility:
            self.accessible(name)

    def accessible(self, name: str) -> None:
        axe = pytest.importorskip("axe_playwright_python.sync_playwright").Axe
        results = axe().run(
            self.page,
            options={
                "runOnly": {"type": "tag", "values": WCAG_TAGS},
                "resultTypes": ["violations"],
            },
        )
        assert results.response["passes"], "axe-core checked nothing"
        violations = [
            f"{v['id']}: {v['help']} — {[n['html'][:200] for n in v['nodes'][:3]]}"
            for v in results.response["violations"]
        ]
        assert violations == [], f"{name}: {violations}"
