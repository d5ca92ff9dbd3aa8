"""The workspace's spreadsheet line ("Lembar kerja: Ekspor (XLSX) · Ekspor (CSV) · Impor") on
the product and business lists: one row on a desktop; on a phone it wraps between whole items, and
its separators are drawn by CSS after each item but the last, so that none stands alone on a row.

It once was inline text in a grid, which put each link and each "·" on a row of its own."""

import pytest
from django.conf import settings as django_settings
from django.test import Client

from agencies.models import Role
from tests.browser.helpers import PHONE
from tests.factories import AgencyFactory
from tests.helpers import member

# The live server answers from another thread: it only sees committed rows.
pytestmark = pytest.mark.django_db(transaction=True)

DESKTOP = {"width": 1280, "height": 800}

#: The line's parts: text outside its items, each item's links and text, where each sits, and the
#: separator CSS draws after it.
LINE = """() => {
  const line = document.querySelector(".data-links");
  const list = line.querySelector("ul");
  const stray = [...line.childNodes, ...list.childNodes]
    .filter(node => node.nodeType === Node.TEXT_NODE && node.textContent.trim())
    .map(node => node.textContent.trim());
  const box = line.getBoundingClientRect();
  const items = [...list.children].map(item => {
    const link = item.querySelector("a"), r = link.getBoundingClientRect();
    return {
      tag: item.tagName.toLowerCase(),
      links: item.querySelectorAll("a").length,
      text: item.textContent.trim(),
      linkText: link.textContent.trim(),
      top: Math.round(r.top),
      bottom: Math.round(r.bottom),
      height: r.height,
      inside: r.left >= box.left - 0.5 && r.right <= box.right + 0.5,
      after: getComputedStyle(item, "::after").content,
    };
  });
  const label = line.firstElementChild.getBoundingClientRect();
  return {stray, items, labelTop: Math.round(label.top), labelHeight: label.height,
          scrollWidth: document.documentElement.scrollWidth};
}"""


@pytest.fixture
def editor(transactional_db):
    return member(AgencyFactory(), Role.EDITOR, username="editor")


def open_as(new_context, live_server, user, viewport, path):
    context = new_context(viewport=viewport, screen=viewport, is_mobile=viewport == PHONE)
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
    page = context.new_page()
    page.goto(path)
    return page


LISTS = ["/ruang-kerja/produk/", "/ruang-kerja/umkm/"]


def assert_clean(line):
    """Three items, each one whole link, the separators drawn after all but the last one."""
    assert line["stray"] == []
    assert [(item["tag"], item["links"]) for item in line["items"]] == [("li", 1)] * 3
    assert all(item["text"] == item["linkText"] for item in line["items"])
    assert ["·" in item["after"] for item in line["items"]] == [True, True, False]
    assert all(item["height"] >= 24 for item in line["items"])


@pytest.mark.parametrize("path", LISTS)
def test_the_spreadsheet_line_is_one_row_on_a_desktop(new_context, live_server, editor, path):
    page = open_as(new_context, live_server, editor, DESKTOP, path)
    line = page.evaluate(LINE)

    assert_clean(line)
    assert {item["top"] for item in line["items"]} == {line["items"][0]["top"]}
    # The label sits on that row too.
    first = line["items"][0]
    assert first["top"] <= line["labelTop"] + line["labelHeight"] / 2 <= first["bottom"]


@pytest.mark.parametrize("path", LISTS)
def test_the_spreadsheet_line_wraps_cleanly_on_a_phone(
    new_context, live_server, editor, shots, path
):
    page = open_as(new_context, live_server, editor, PHONE, path)
    page.locator(".data-links").screenshot(
        path=str(shots / f"16-layout-data-links{path.replace('/', '-')}360.png")
    )
    line = page.evaluate(LINE)

    assert_clean(line)
    assert all(item["inside"] for item in line["items"]), line["items"]
    assert line["scrollWidth"] <= PHONE["width"]
