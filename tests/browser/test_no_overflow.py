"""No page of the portal scrolls sideways on a 360 px phone: every public page (in Indonesian and
in English) and every workspace page as an editor, a manager, a reviewer, an administrator and a
partner's staff, forms with their errors shown included.

The pages are walked from the URLconf over the demo data (tests/browser/walk.py). A page that is
too wide is reported with the elements that stick out past the screen's right edge (an element
inside a box that scrolls on its own, like a wide table in .table-scroll, does not count: the
page itself stays still)."""

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.test import Client

from tests.browser.helpers import PHONE
from tests.browser.walk import (
    NOT_PAGES,
    STAFF,
    Walk,
    page_names,
    password_reset_link,
    report,
    seed_demo,
    waiting_pages,
)

# The live server answers from another thread: it only sees committed rows.
pytestmark = pytest.mark.django_db(transaction=True)

WORKSPACE = "/ruang-kerja/"
#: Pages only a signed-in person sees (the rest of the URLconf is public).
PRIVATE = ("workspace", "password_change")

#: The page's width, and what sticks out past the right edge of the screen when it is too wide
#: (the innermost elements first; those inside a box that scrolls sideways on its own excepted).
OVERFLOW = """(width) => {
  const scrollWidth = document.documentElement.scrollWidth;
  if (scrollWidth <= width) return {scrollWidth, culprits: []};
  const clipped = el => {
    for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
      const x = getComputedStyle(up).overflowX;
      if (x === "auto" || x === "scroll" || x === "hidden" || x === "clip") return true;
    }
    return false;
  };
  const describe = el => {
    const classes = [...el.classList].map(c => "." + c).join("");
    const text = (el.textContent || "").trim().replace(/\\s+/g, " ").slice(0, 60);
    const right = Math.round(el.getBoundingClientRect().right);
    return `${el.tagName.toLowerCase()}${classes} right=${right} "${text}"`;
  };
  // An element past the edge, or one whose text runs out of it (a word too long to wrap).
  const spills = el => el.getBoundingClientRect().right > width + 0.5
    || (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX === "visible"
        && el.getBoundingClientRect().left + el.scrollWidth > width + 0.5);
  const wide = [...document.body.querySelectorAll("*")].filter(el => spills(el) && !clipped(el));
  const innermost = wide.filter(el => !wide.some(other => other !== el && el.contains(other)));
  return {scrollWidth, culprits: innermost.slice(0, 5).map(describe)};
}"""


@pytest.fixture(autouse=True)
def renditions(settings):
    """Make the demo's pictures' WebP renditions as they are saved, as a real portal shows them."""
    settings.RENDITIONS_ON_SAVE = True


def too_wide(shots):
    def measure(page, label) -> list[str]:
        found = page.evaluate(OVERFLOW, PHONE["width"])
        if found["scrollWidth"] <= PHONE["width"]:
            return []
        name = "".join(c if c.isalnum() else "-" for c in label)[:90]
        page.screenshot(path=str(shots / f"16-layout-wide-{name}.png"))
        return [f"{found['scrollWidth']} px wide: {', '.join(found['culprits'])}"]

    return measure


def sign_in(context, live_server, username):
    client = Client()
    user = get_user_model().objects.get(username=username)
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def public(path: str) -> bool:
    return not path.startswith((WORKSPACE, "/en/ruang-kerja/", "/accounts/password/"))


def private(path: str) -> bool:
    return not public(path)


def public_starts() -> list[str]:
    return [
        "/",
        "/produk/?q=lada&urut=harga",
        "/produk/?kategori=pertanian-perkebunan&unggulan=1&sertifikat=halal",
        "/offline/",
        "/accounts/login/",
        "/accounts/password/reset/",
        "/accounts/password/reset/done/",
        password_reset_link(),
        "/accounts/reset/done/",
    ]


def test_no_public_page_scrolls_sideways(new_context, live_server, shots):
    seed_demo()
    page = new_context().new_page()
    walk = Walk(page, live_server.url, public, too_wide(shots), queries_per_name=3)
    walk.run(public_starts())
    english = sorted({f"/en{address}" for address in walk.queued if public(address)})
    walk.run([address for address in english if not address.startswith("/en/accounts/reset/")])

    expected = {name for name in page_names() if not name.startswith(PRIVATE)} - set(NOT_PAGES)
    assert walk.problems == {}, report(walk.problems)
    assert sorted(expected - walk.reached) == [], (
        f"no walk reached {sorted(expected - walk.reached)}"
    )


def test_no_workspace_page_scrolls_sideways(new_context, live_server, shots):
    """Each kind of staff walks the workspace; between them they reach every workspace page of
    the URLconf (a new page must be linked from the workspace, or listed in walk.NOT_PAGES)."""
    seed_demo()
    waiting = waiting_pages()
    reached: set[str] = set()
    problems: dict[str, list[str]] = {}
    for role, username in STAFF.items():
        context = new_context()
        sign_in(context, live_server, username)
        walk = Walk(context.new_page(), live_server.url, private, too_wide(shots))
        starts = [WORKSPACE, "/accounts/password/", "/accounts/password/done/"]
        walk.run(starts + (waiting if role == "administrator" else []))
        assert walk.visits > 5, f"the {role} saw only {sorted(walk.reached)}"
        print(f"{role}: {walk.visits} pages; not answered 200: {walk.refused}")
        reached |= walk.reached
        problems |= {f"{role}: {label}": found for label, found in walk.problems.items()}
        context.close()

    expected = {name for name in page_names() if name.startswith(PRIVATE)} - set(NOT_PAGES)
    assert problems == {}, report(problems)
    assert sorted(expected - reached) == [], f"no walk reached {sorted(expected - reached)}"
