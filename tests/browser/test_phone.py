"""The public portal on a phone (360×740), in a real browser: search, filters with and without
JavaScript, contacting a seller, the language switch, offline use, installability, accessibility
(axe-core, WCAG 2.2 AA), no request to another host, and no horizontal scrolling."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.browser.helpers import PHONE

try:
    from playwright.sync_api import expect
except ImportError:  # the `browser` fixture then skips every test, saying why
    expect = None

# The live server answers from another thread: it only sees committed rows.
pytestmark = pytest.mark.django_db(transaction=True)

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

MAKANAN = {
    "Madu Pelawan Pahit 250 ml",
    "Madu Pelawan Manis 500 ml",
    "Kemplang Ikan Tenggiri 200 g",
    "Getas Ikan Belitung 250 g",
}


def result_count(page) -> int:
    """The number in the results heading ("8 products", "8 produk", "10.000+ …")."""
    text = page.locator("#results-title").inner_text()
    return int(re.search(r"\d[\d.,]*", text).group().replace(".", "").replace(",", ""))


def card_titles(page) -> set[str]:
    return {title.strip() for title in page.locator("#catalogue .card__title").all_inner_texts()}


def wait_for_service_worker(page):
    """Wait until the service worker controls the page (it claims its clients on activation;
    reload once in case the first load finished before it did)."""
    try:
        page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=5_000)
    except Exception:
        page.reload()
        page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=5_000)


def load_lazy_content(page):
    """Scroll to the end and back so that lazy pictures load, then wait for the network."""
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    page.wait_for_load_state("networkidle")
    page.evaluate("window.scrollTo(0, 0)")


def test_search_from_the_home_page(page, catalogue):
    page.goto("/")
    page.locator("#home-q").fill("madu")
    page.locator(".hero form.search button[type=submit]").click()

    page.wait_for_url(re.compile(r"/produk/\?q=madu$"))
    expect(page.locator("#search-q")).to_have_value("madu")
    titles = card_titles(page)
    assert "Madu Pelawan Pahit 250 ml" in titles
    assert "Lada Putih Muntok Butir 250 g" not in titles
    assert not any("Lada" in title for title in titles)
    assert "Madu Pelawan Manis 500 ml" in titles
    assert result_count(page) == len(titles)


def test_facet_link_filters_the_list_in_place_with_htmx(page, catalogue):
    page.goto("/produk/")
    assert result_count(page) == 8
    facets = page.locator("details.facets")
    link = facets.locator("a[href*='kategori=makanan-minuman']")
    # On a phone the filters start closed, behind their summary.
    assert facets.evaluate("details => details.open") is False
    expect(link).to_be_hidden()

    facets.locator("summary").click()
    expect(link).to_be_visible()
    page.evaluate("window.__marker = 1")
    link.click()

    page.wait_for_url(re.compile(r"/produk/\?kategori=makanan-minuman$"))
    expect(page.locator("#results-title")).to_contain_text("4")
    assert result_count(page) == 4
    assert card_titles(page) == MAKANAN
    # Swapped by htmx, not loaded again: the page's JavaScript state survived.
    assert page.evaluate("window.__marker") == 1
    expect(page.locator("details.facets a[aria-current='true']")).to_contain_text(
        "Makanan & Minuman"
    )


def test_facet_link_filters_the_list_without_javascript(new_context, catalogue):
    page = new_context(java_script_enabled=False).new_page()
    page.goto("/produk/")
    assert result_count(page) == 8
    facets = page.locator("details.facets")
    link = facets.locator("a[href*='kategori=makanan-minuman']")
    expect(link).to_be_hidden()

    facets.locator("summary").click()  # <details> opens without any script
    expect(link).to_be_visible()
    with page.expect_navigation():
        link.click()

    assert urlsplit(page.url).query == "kategori=makanan-minuman"
    assert result_count(page) == 4
    assert card_titles(page) == MAKANAN
    expect(page.locator("details.facets a[aria-current='true']")).to_contain_text(
        "Makanan & Minuman"
    )


@pytest.mark.parametrize(
    "javascript",
    [
        pytest.param(False, id="without-js"),
        pytest.param(True, id="with-js"),
    ],
)
def test_open_a_product_from_the_list_and_contact_the_seller(
    new_context, live_server, catalogue, javascript
):
    page = new_context(java_script_enabled=javascript).new_page()
    product = catalogue["lada"]
    page.goto("/produk/")
    page.locator("#catalogue a.card__link", has_text=product.name).click()

    page.wait_for_url(re.compile(re.escape(product.get_absolute_url()) + "$"))
    expect(page.locator("h1")).to_have_text(product.name, timeout=3_000)
    whatsapp = page.locator("a.button--whatsapp")
    expect(whatsapp).to_be_visible()
    href = whatsapp.get_attribute("href")
    assert href.startswith("https://wa.me/6281271904532?text=")
    text = parse_qs(urlsplit(href).query)["text"][0]  # decoded
    assert product.name in text
    assert live_server.url + product.get_absolute_url() in text
    assert "noopener" in whatsapp.get_attribute("rel")


def test_language_switch_on_a_product_page(page, catalogue):
    product = catalogue["lada"]
    path = product.get_absolute_url()
    page.goto(path)
    expect(page.locator("html")).to_have_attribute("lang", "id")
    expect(page.locator("h1")).to_have_text("Lada Putih Muntok Butir 250 g")

    page.locator("a.lang-switch").click()
    page.wait_for_url(re.compile(rf"/en{re.escape(path)}$"))
    assert urlsplit(page.url).path == f"/en/produk/{product.slug}/"
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", name="Contact the seller")).to_be_visible()
    expect(page.get_by_role("link", name="Chat on WhatsApp")).to_be_visible()
    expect(page.locator("h1")).to_have_text("Muntok White Pepper, Whole, 250 g")
    expect(page.locator("a.lang-switch")).to_have_attribute("lang", "id")

    page.locator("a.lang-switch").click()
    page.wait_for_url(re.compile(rf"//[^/]+{re.escape(path)}$"))
    assert urlsplit(page.url).path == path
    expect(page.locator("html")).to_have_attribute("lang", "id")
    expect(page.locator("h1")).to_have_text("Lada Putih Muntok Butir 250 g")


def test_viewed_products_stay_available_offline(context, page, catalogue):
    visited, never_visited = catalogue["madu"], catalogue["kemplang"]
    offline_page = context.request.get("/offline/")
    assert offline_page.ok
    offline_title = re.search(r"<h1>(.*?)</h1>", offline_page.text()).group(1)

    page.goto("/")
    wait_for_service_worker(page)
    page.goto(visited.get_absolute_url())
    expect(page.locator("h1")).to_have_text(visited.name)

    context.set_offline(True)
    try:
        response = page.goto(visited.get_absolute_url())
        expect(page.locator("h1")).to_have_text(visited.name)
        assert response.from_service_worker

        page.goto(never_visited.get_absolute_url())
        expect(page.locator("h1")).to_have_text(offline_title)
        expect(page.get_by_text(never_visited.name)).to_have_count(0)
    finally:
        context.set_offline(False)


def test_the_home_page_is_installable(context, page, catalogue):
    page.goto("/")
    wait_for_service_worker(page)
    cdp = context.new_cdp_session(page)

    manifest = cdp.send("Page.getAppManifest")
    assert manifest["url"].endswith("/manifest.webmanifest")
    assert manifest["errors"] == []
    # Every Playwright context is off the record, and Chromium says "in-incognito" for it (an
    # installed app could not outlive the profile); it still runs every other check after it.
    allowed = {"in-incognito"}
    errors = []
    for _attempt in range(20):  # the icons are fetched and checked in the background
        errors = cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]
        if all(error["errorId"] in allowed for error in errors):
            break
        page.wait_for_timeout(250)
    assert [error for error in errors if error["errorId"] not in allowed] == []


def format_violations(url, violations) -> str:
    lines = [f"{len(violations)} accessibility violation(s) on {url}:"]
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        lines.append(f"  {violation['helpUrl']}")
        for node in violation["nodes"][:3]:
            lines.append(f"    {node['html'][:300]}")
            for check in node.get("any", []) + node.get("all", []) + node.get("none", []):
                lines.append(f"      · {check['message']}")
    return "\n".join(lines)


@pytest.mark.parametrize("where", ["/", "/produk/", "detail", "/en/produk/"])
def test_pages_have_no_wcag_violations(page, catalogue, where):
    Axe = pytest.importorskip("axe_playwright_python.sync_playwright").Axe
    url = catalogue["lada"].get_absolute_url() if where == "detail" else where
    page.goto(url)
    # Open every <details> (filters, price and sorting) so that their controls are checked too.
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
    results = Axe().run(
        page,
        options={
            "runOnly": {"type": "tag", "values": WCAG_TAGS},
            "resultTypes": ["violations"],
        },
    )
    violations = results.response["violations"]
    assert results.response["passes"], "axe-core checked nothing"
    assert not violations, format_violations(url, violations)


def test_no_request_leaves_the_portal(context, page, live_server, catalogue):
    requests = []
    # The context reports the page's requests and the service worker's own (its precache).
    context.on("request", lambda request: requests.append(request.url))
    for path in ["/", "/produk/", catalogue["lada"].get_absolute_url()]:
        page.goto(path)
        load_lazy_content(page)

    host = urlsplit(live_server.url).netloc
    elsewhere = [
        url
        for url in requests
        if urlsplit(url).scheme not in {"data", "blob"} and urlsplit(url).netloc != host
    ]
    assert elsewhere == []
    paths = {urlsplit(url).path for url in requests}
    assert any(path.endswith("/portal.css") for path in paths)
    assert any(path.endswith(".webp") for path in paths), "no picture was requested"


PAGES = {"home": "/", "list": "/produk/", "detail": None}


def page_url(catalogue, name):
    return PAGES[name] or catalogue["lada"].get_absolute_url()


@pytest.mark.parametrize("name", list(PAGES))
def test_pages_fit_a_phone_screen(page, catalogue, shots, name):
    page.goto(page_url(catalogue, name))
    if name == "list":
        page.locator("details.facets > summary").click()
        expect(page.locator("details.facets a[href*='kategori=']").first).to_be_visible()
    load_lazy_content(page)

    page.screenshot(path=str(shots / f"browser-{name}.png"), full_page=True)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the {name} page scrolls sideways: {width} px wide"


@pytest.mark.parametrize(
    "name",
    [
        "home",
        "list",
        "detail",
    ],
)
def test_every_picture_loads(page, catalogue, name):
    failed = []
    page.on(
        "response",
        lambda response: (
            response.request.resource_type == "image"
            and not response.ok
            and failed.append(f"{response.status} {response.url}")
        ),
    )
    page.goto(page_url(catalogue, name))
    load_lazy_content(page)

    assert failed == []
    assert page.locator("img").count() > 1
    # Loaded but not decodable (a lazy picture never scrolled to is simply not complete).
    undecodable = page.evaluate(
        "[...document.images].filter(i => i.complete && i.naturalWidth === 0).map(i => i.src)"
    )
    assert undecodable == []
