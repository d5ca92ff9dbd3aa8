"""The browser's console stays clean while htmx updates the pages (issue 16 item 7), at 360×740.

The pages run under a strict Content-Security-Policy (default-src 'self', no 'unsafe-inline'):
an inline style or script that anything adds to a page is blocked, and the browser says so in
the console ("Applying inline style violates the following Content Security Policy directive")
and with a `securitypolicyviolation` event. Each test listens to all three: the console's
errors, the page's uncaught exceptions and the CSP's violation events (reported to Python by an
init script, so that none is lost when a page is replaced).

The source of the errors seen in the walkthrough: htmx's settling copied the old element's
`style` attribute onto the new one (`attributesToSettle`), and its history snapshot (the body's
HTML in sessionStorage) turned styles set through the CSSOM, which the CSP allows, into inline
style attributes when Back restored it. Only a page on which something had styled an element
(a browser's translation, a reader extension, a script) showed them, hence "a later try did not
reproduce them". templates/base.html's htmx-config leaves `style` out of the settled attributes
and keeps no snapshot: Back loads the page from the server.

The list's controls are driven by their addresses and names (links by href, fields by name),
not by where the filter panel puts them: events are dispatched to them, so that a collapsed
panel or a sheet does not matter. A value set in the page (`window.__same_page`) that survives a
step shows that htmx made it, not a new page load."""

import re
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.urls import reverse

from jobs.models import Job
from tests.factories import AgencyFactory, BusinessFactory, ProductFactory, RegionFactory
from tests.helpers import member

try:
    from playwright.sync_api import expect
except ImportError:  # the `browser` fixture then skips every test, saying why
    expect = None  # type: ignore[assignment]

# The live server answers from another thread: it only sees committed rows.
pytestmark = pytest.mark.django_db(transaction=True)

#: Reports every CSP violation of every page of the context to Python, as it happens.
LISTEN = """
document.addEventListener("securitypolicyviolation", function (event) {
  window.reportViolation(event.violatedDirective + " blocked " + (event.blockedURI || "inline")
    + " at " + event.sourceFile + ":" + event.lineNumber + " " + event.sample);
});
"""
#: What a browser's page translation or a reader extension does: styles set through the CSSOM
#: (allowed by the CSP) on elements htmx swaps, one of them with an id htmx settles.
RESTYLE = """
document.querySelectorAll("#results-title, #catalogue .cards, #job-status").forEach(
  function (element) { element.style.outline = "1px dotted currentColor"; }
);
"""
#: What htmx marks while a request, a swap or a settling is under way.
BUSY = ".htmx-request, .htmx-swapping, .htmx-settling"


class Console:
    """A phone-sized context whose console errors, uncaught exceptions and CSP violations are
    kept in `problems`; signed in as `user` when one is given."""

    def __init__(self, new_context, live_server, user=None):
        self.problems: list[str] = []
        self.context = new_context()
        self.context.expose_function(
            "reportViolation", lambda text: self.problems.append(f"CSP: {text}")
        )
        self.context.add_init_script(LISTEN)
        if user is not None:
            client = Client()
            client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
            cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
            self.context.add_cookies(
                [{"name": cookie.key, "value": cookie.value, "url": live_server.url}]
            )
        self.page = self.context.new_page()
        self.page.on(
            "console",
            lambda message: (
                self.problems.append(f"console: {message.text}")
                if message.type == "error"
                else None
            ),
        )
        self.page.on("pageerror", lambda error: self.problems.append(f"exception: {error}"))

    def settle(self) -> None:
        """Wait until the page has loaded and htmx has finished its swap."""
        self.page.wait_for_load_state("load")
        expect(self.page.locator(BUSY)).to_have_count(0)

    def clean(self, step: str) -> None:
        self.settle()
        assert self.problems == [], f"{step}: {self.problems}"

    def mark(self) -> None:
        self.page.evaluate("window.__same_page = true")

    def same_page(self) -> bool:
        return self.page.evaluate("window.__same_page === true")

    def back(self, direction: str = "back") -> None:
        """Back (or forward) to a step htmx made: the page is loaded again from the server."""
        with self.page.expect_event("load"):
            getattr(self.page, f"go_{direction}")()


def query(page) -> dict[str, str]:
    return dict(parse_qsl(urlsplit(page.url).query))


def titles(page) -> list[str]:
    return page.locator("#catalogue .cards h3, #catalogue .cards h2").all_inner_texts()


@pytest.fixture
def many(catalogue):
    """Enough pepper products beside the catalogue's for a second page of a pepper search."""
    lada = catalogue["lada"]
    for number in range(26):
        ProductFactory(
            name=f"Lada Putih Olahan {number:02d}",
            business=lada.business,
            category=lada.category,
            owner_agency=lada.owner_agency,
            price_min=10_000 + number * 1_000,
            price_max=10_000 + number * 1_000,
        )
    return catalogue


def test_search_filters_sorting_pages_and_back_keep_the_console_clean(
    new_context, live_server, many, shots
):
    phone = Console(new_context, live_server)
    page = phone.page
    page.goto(reverse("product-list"))
    phone.clean("the product list")
    phone.mark()

    # Search: the boosted form (its field by name).
    page.locator("#catalogue input[name=q]").fill("lada")
    page.locator("#catalogue input[name=q]").press("Enter")
    page.wait_for_url(re.compile(r"[?&]q=lada"))
    phone.clean("search")
    assert phone.same_page()
    assert titles(page) and all("Lada" in title for title in titles(page))

    # A filter: its link, by the address it leads to.
    page.locator("#catalogue a[href*='kategori=pertanian-perkebunan']").first.dispatch_event(
        "click"
    )
    page.wait_for_url(re.compile(r"kategori=pertanian-perkebunan"))
    phone.clean("a filter")
    assert phone.same_page()
    assert query(page)["q"] == "lada"

    # Sorting: the sort field, by name, and its form sent as the button would.
    page.evaluate(
        """() => {
          const field = document.querySelector("#catalogue [name=urut]");
          field.value = "harga";
          field.form.requestSubmit();
        }"""
    )
    page.wait_for_url(re.compile(r"urut=harga"))
    phone.clean("sorting")
    assert phone.same_page()
    assert titles(page)[0].startswith("Lada Putih Olahan 00")  # the cheapest first

    # The next page: its link, by its address.
    page.locator("#catalogue a[href*='page=2']").first.dispatch_event("click")
    page.wait_for_url(re.compile(r"page=2"))
    phone.clean("the second page")
    assert phone.same_page()
    assert query(page)["urut"] == "harga" and query(page)["kategori"] == "pertanian-perkebunan"
    page.screenshot(path=str(shots / "16-console-page-2.png"), full_page=True)

    # Back and forward through the steps htmx made: each is the page at its address.
    phone.back()
    phone.clean("back to the first page")
    assert "page" not in query(page) and query(page)["urut"] == "harga"
    expect(page.locator(".site-header")).to_be_visible()
    phone.back()
    phone.clean("back again")
    assert "urut" not in query(page)
    phone.back("forward")
    phone.clean("forward")
    assert query(page)["urut"] == "harga"


def test_styles_other_scripts_set_do_not_turn_into_blocked_inline_styles(
    new_context, live_server, many, shots
):
    """A translated page (the browser's translation styles what it rewrites) or an extension's
    styles: htmx neither copies them as an attribute nor restores them from a snapshot."""
    phone = Console(new_context, live_server)
    page = phone.page
    page.goto(reverse("product-list") + "?q=lada")
    phone.clean("the search")
    phone.mark()
    page.evaluate(RESTYLE)

    page.locator("#catalogue a[href*='page=2']").first.dispatch_event("click")
    page.wait_for_url(re.compile(r"page=2"))
    phone.clean("the second page of a restyled list")
    assert phone.same_page()
    page.evaluate(RESTYLE)

    page.locator("#catalogue a[href*='kategori=pertanian-perkebunan']").first.dispatch_event(
        "click"
    )
    page.wait_for_url(re.compile(r"kategori=pertanian-perkebunan"))
    phone.clean("a filter on a restyled list")
    assert phone.same_page()

    phone.back()
    phone.clean("back from a restyled list")
    assert query(page).get("page") == "2"
    phone.back()
    phone.clean("back again")
    expect(page.locator("#catalogue")).to_be_visible()
    page.screenshot(path=str(shots / "16-console-back.png"), full_page=True)


def test_public_pages_log_nothing(new_context, live_server, many):
    phone = Console(new_context, live_server)
    product = many["lada"]
    for path in (
        reverse("home"),
        reverse("flagship-list"),
        reverse("business-list"),
        reverse("agency-list"),
        product.get_absolute_url(),
        "/en" + reverse("product-list") + "?q=pepper",
    ):
        phone.page.goto(path)
        phone.clean(path)


def test_a_jobs_progress_polls_and_ends_with_a_clean_console(new_context, live_server, catalogue):
    editor = member(catalogue["lada"].owner_agency, username="pertanian.editor")
    job = Job.objects.create(user=editor, kind=Job.Kind.EXPORT_PRODUCTS, total=4)
    Job.objects.filter(pk=job.pk).update(state=Job.State.RUNNING, done=1)
    phone = Console(new_context, live_server, editor)
    page = phone.page
    status_url = reverse("workspace-job-status", args=[job.pk])

    page.goto(job.get_absolute_url())
    phone.clean("the job's page")
    phone.mark()
    page.evaluate(RESTYLE)
    with page.expect_response(lambda response: response.url.endswith(status_url)):
        pass  # one poll while it runs
    phone.clean("a poll while the job runs")

    job.refresh_from_db()
    job.finish(Job.State.FAILED, error="Berkas tidak terbaca.")
    expect(page.locator("#job-status.job-status--failed")).to_be_visible(timeout=8_000)
    expect(page.locator("#job-status")).to_contain_text("Berkas tidak terbaca.")
    phone.clean("the job's end")
    assert phone.same_page()
    assert page.locator("#job-status[hx-trigger]").count() == 0  # the polling stopped


def test_the_business_pickers_type_ahead_keeps_the_console_clean(new_context, live_server):
    agency = AgencyFactory(slug="diskop-ukm", name="Dinas Koperasi dan UKM")
    region = RegionFactory()
    wanted = BusinessFactory(name="KWT Jahe Merah Tuatunu Lestari", region=region)
    BusinessFactory(name="Jahe Instan Bu Sari", region=region)
    BusinessFactory(name="Kopi Merah Putih Manggar", region=region)
    phone = Console(new_context, live_server, member(agency, username="koperasi.editor"))
    page = phone.page

    page.goto(reverse("workspace-service-create"))
    phone.clean("the service form")
    phone.mark()
    page.locator("#picker-q").press_sequentially("jahe mer", delay=40)
    expect(page.locator("#picker-choices input[name=business]")).to_have_count(1)
    expect(page.locator(f"#picker-choices #business-{wanted.pk}")).to_have_count(1)
    phone.clean("the picker's matches")
    assert phone.same_page()
