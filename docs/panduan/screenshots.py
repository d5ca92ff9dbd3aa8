"""Screenshots for the user guides in docs/panduan/, taken from a running portal.

    .venv/bin/python docs/panduan/screenshots.py http://127.0.0.1:8000

The portal must hold the demo (`manage.py seed_demo`); the script signs in through the sign-in
form as the demo accounts (password `demo12345`, or `--password`), opens each page at phone
size (360×740, as tests/browser does) in Indonesian and in English, and saves what is on the
screen (the viewport, not the whole page) as an optimised PNG in docs/panduan/img/:
`<name>-id.png` and `<name>-en.png`. It only reads: forms are filled to show what they ask,
never sent. It talks to the portal over HTTP only and imports nothing from the project.

Debian's Chromium at /usr/bin/chromium, driven by Playwright, with the same switches as the
browser tests. Each file is kept at most 60 KB: if Pillow's `optimize=True` is not enough, the
picture is reduced to a palette of 256 colours (then fewer) before saving.
"""

import argparse
import io
import re
import sys
import time
import urllib.request
from datetime import date
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE = {"width": 360, "height": 740}
LANGUAGES = {"id": ("", "id-ID"), "en": ("/en", "en-US")}
OUT = Path(__file__).resolve().parent / "img"
LIMIT = 60 * 1024
LOGIN = "/accounts/login/"

# A published flagship of the demo, with pictures, certificates and a WhatsApp number.
DEMO_PRODUCT = "lada-putih-muntok-bubuk-100-g"


# Helpers -----------------------------------------------------------------------------------------


def scroll_to(page, selector: str, margin: int = 8) -> None:
    """Put the top of the first element matching `selector` at the top of the screen."""
    element = page.locator(selector).first
    element.wait_for(state="attached")
    page.evaluate(
        "([el, margin]) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY"
        " - margin)",
        [element.element_handle(), margin],
    )


def first_link(page, path: str) -> str:
    """The address of the first nomination listed at `path` (a queue of the nomination list)."""
    page.goto(path)
    link = page.locator("ul.work-list h2.list__title a").first
    if not link.count():
        raise SystemExit(f"nothing listed at {path}: is the demo seeded (manage.py seed_demo)?")
    return link.get_attribute("href")


def nomination_path(page, queue: str) -> str:
    """/ruang-kerja/usulan/<id>/ of the first nomination in a queue, without a language prefix."""
    href = first_link(page, f"/ruang-kerja/usulan/?antrian={queue}")
    return re.sub(r"^/en/", "/", href)


def save(raw: bytes, path: Path) -> int:
    """Save a PNG screenshot optimised, within LIMIT bytes where a palette makes that possible."""
    image = Image.open(io.BytesIO(raw)).convert("RGB")
    data = b""
    for colours in (None, 256, 128, 64):
        candidate = image if colours is None else image.quantize(colours)
        buffer = io.BytesIO()
        candidate.save(buffer, "PNG", optimize=True)
        data = buffer.getvalue()
        if len(data) <= LIMIT:
            break
    path.write_bytes(data)
    return len(data)


# What each screenshot shows ----------------------------------------------------------------------


def home(page, prefix, ctx):
    page.goto(f"{prefix}/")


def product_filters(page, prefix, ctx):
    # One filter chosen: the panel opens by itself and says how many filters are active.
    page.goto(f"{prefix}/produk/?kategori=pertanian-perkebunan")
    if page.locator("details.facets[open]").count() == 0:
        page.locator("details.facets > summary").click()
    scroll_to(page, "#catalogue")


def product_whatsapp(page, prefix, ctx):
    page.goto(f"{prefix}/produk/{DEMO_PRODUCT}/")
    page.locator(".button--whatsapp").wait_for()
    scroll_to(page, ".product__summary h1")


def workspace_dashboard(page, prefix, ctx):
    page.goto(f"{prefix}/ruang-kerja/")
    scroll_to(page, ".workspace-nav")


def workspace_product(page, prefix, ctx):
    page.goto(f"{prefix}/ruang-kerja/produk/{DEMO_PRODUCT}/")
    scroll_to(page, ".ws-breadcrumbs")


def nomination_scoring(page, prefix, ctx):
    page.goto(f"{prefix}{ctx['submitted']}")
    scroll_to(page, "#actions")
    # Two criteria scored, to show how the form reads; nothing is sent.
    for index, score in ((0, 4), (1, 5)):
        group = page.locator("#panel-assess fieldset.choice-group").nth(index)
        group.locator(f"label.choice:has(input[value='{score}'])").click()
    page.evaluate("document.activeElement && document.activeElement.blur()")


def nomination_approval(page, prefix, ctx):
    page.goto(f"{prefix}{ctx['recommended']}")
    scroll_to(page, "#panel-approve")
    year = date.today().year
    panel = page.locator("#panel-approve")
    panel.locator("input[name=valid_from]").fill(f"{year}-12-01")
    panel.locator("input[name=valid_until]").fill(f"{year + 1}-11-30")
    panel.locator("input[name=decree_number]").fill(f"188.44/201/DKUKM/{year}")
    page.evaluate("document.activeElement && document.activeElement.blur()")


# (file name, demo account or None for a visitor, what to do)
SHOTS = [
    ("home", None, home),
    ("products-filters", None, product_filters),
    ("product-whatsapp", None, product_whatsapp),
    ("workspace-dashboard", "pertanian.editor", workspace_dashboard),
    ("workspace-product", "pertanian.editor", workspace_product),
    ("nomination-scoring", "koperasi.reviewer", nomination_scoring),
    ("nomination-approval", "admin", nomination_approval),
]


# Running -----------------------------------------------------------------------------------------


def wait_for_portal(base: str, seconds: int = 30) -> None:
    """Wait until the portal answers its health check (a server just started may need a moment)."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise SystemExit(f"no portal answers at {base}/healthz")
        time.sleep(1)


def sign_in(page, username: str, password: str) -> None:
    page.goto(LOGIN)
    form = page.locator(f"form[action='{LOGIN}']")
    form.locator("input[name=username]").fill(username)
    form.locator("input[name=password]").fill(password)
    form.locator("button[type=submit]").click()
    page.wait_for_load_state("load")
    if "/ruang-kerja/" not in page.url:
        raise SystemExit(
            f"could not sign in as {username} (still at {page.url}): is the demo seeded and "
            "is the password right?"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("base_url", help="the running portal, e.g. http://127.0.0.1:8000")
    parser.add_argument("--password", default="demo12345", help="password of the demo accounts")
    parser.add_argument("--out", type=Path, default=OUT, help=f"folder for the PNGs ({OUT})")
    args = parser.parse_args()
    base = args.base_url.rstrip("/")
    args.out.mkdir(parents=True, exist_ok=True)
    wait_for_portal(base)

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        contexts = {}

        def page_for(user, language):
            """One browser context per person and language (signed in once)."""
            key = (user, language)
            if key not in contexts:
                context = browser.new_context(
                    base_url=base,
                    viewport=PHONE,
                    screen=PHONE,
                    device_scale_factor=1,
                    is_mobile=True,
                    has_touch=True,
                    locale=LANGUAGES[language][1],
                    service_workers="block",
                )
                context.set_default_timeout(15_000)
                page = context.new_page()
                if user:
                    sign_in(page, user, args.password)
                contexts[key] = page
            return contexts[key]

        # The nominations to show, found through the queues of the people who act on them.
        ctx = {
            "submitted": nomination_path(page_for("koperasi.reviewer", "id"), "review"),
            "recommended": nomination_path(page_for("admin", "id"), "keputusan"),
        }

        for name, user, prepare in SHOTS:
            for language, (prefix, _locale) in LANGUAGES.items():
                page = page_for(user, language)
                prepare(page, prefix, ctx)
                page.wait_for_load_state("networkidle")
                raw = page.screenshot(animations="disabled", caret="hide")
                target = args.out / f"{name}-{language}.png"
                size = save(raw, target)
                print(f"{target.name:32} {size / 1024:5.1f} KB  {page.url}")
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
