"""The staff workspace on a phone (360×740), in a real browser: signing in, creating a product,
adding its picture and publishing it; the flagship workflow from nomination to decree with the
three roles it takes; signing out.

Each test clicks and types as a person would, looks at what the page shows and then at the
database. On every workspace page it visits it also checks that the page does not scroll
sideways, and on every context that no request leaves the portal's host. The last test looks
closer at each page's layout (it caught the public flagship card's grid leaking into the
workspace's flagship pages, which squeezed them into two columns on a phone).

Buttons and links are found by where their form posts or where they lead, not by their words:
the translations change while the pages stay the same."""

import re
from datetime import timedelta
from importlib import import_module
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.utils import timezone

from agencies.models import Role
from catalog import rules, workflow
from catalog.models import Designation, Nomination, NominationEvent, Product
from tests.browser.helpers import PHONE, open_workspace_menu
from tests.factories import (
    AgencyFactory,
    BusinessFactory,
    CategoryFactory,
    CriterionFactory,
    ProductFactory,
    ProductImageFactory,
    RegionFactory,
    UserFactory,
    jpeg_bytes,
)
from tests.helpers import member

try:
    from playwright.sync_api import expect
except ImportError:  # the `browser` fixture then skips every test, saying why
    expect = None

# The live server answers from another thread: it only sees committed rows.
pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "rahasia-123"  # what tests.factories.UserFactory gives every user
WORKSPACE = "/ruang-kerja/"
LOGIN = "/accounts/login/"
DECREE = "188.44/321/DKUKM/2026"
CRITERIA = [("bahan_baku_lokal", "Bahan baku lokal"), ("keunikan", "Keunikan"), ("pasar", "Pasar")]


class Visit:
    """One person's browser: a phone-sized context that records every request it makes (the
    service worker's included) and the width of every workspace page it shows."""

    def __init__(self, new_context, live_server):
        self.context = new_context()
        self.page = self.context.new_page()
        self.url = live_server.url
        self.host = urlsplit(live_server.url).netloc
        self.requests = []
        self.widths = {}
        self.context.on("request", lambda request: self.requests.append(request.url))

    def fits(self, name):
        """Note the width of the workspace page on screen now (checked by `check`)."""
        page = self.page
        page.wait_for_load_state("load")
        assert urlsplit(page.url).path.startswith(WORKSPACE), page.url
        self.widths[name] = page.evaluate("document.documentElement.scrollWidth")

    def sign_in(self, user):
        page = self.page
        page.goto(LOGIN)
        form = page.locator(f"form[action='{LOGIN}']")
        form.locator("#id_username").fill(user.username)
        form.locator("#id_password").fill(PASSWORD)
        form.locator("button[type=submit]").click()
        page.wait_for_url(re.compile(rf"{re.escape(WORKSPACE)}$"))
        # The workspace greets the person by name, next to the sign-out button.
        expect(page.locator(".workspace-nav__logout")).to_contain_text(user.username)
        self.fits("dashboard")

    def signed_in_as(self, user):
        """A session made on the server side, for tests about something else than signing in."""
        client = Client()
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
        self.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": self.url}])

    def elsewhere(self) -> list[str]:
        return [
            url
            for url in self.requests
            if urlsplit(url).scheme not in {"data", "blob"} and urlsplit(url).netloc != self.host
        ]

    def check(self, known_too_wide=()):
        """Nothing left the portal, and no workspace page scrolled sideways (but those named in
        `known_too_wide`, each an expected failure of test_workspace_page_layout_on_a_phone)."""
        assert self.elsewhere() == []
        too_wide = {
            name: width
            for name, width in self.widths.items()
            if width > PHONE["width"] and name not in known_too_wide
        }
        assert too_wide == {}, f"workspace pages wider than the phone: {too_wide}"
        assert set(known_too_wide) <= set(self.widths)


@pytest.fixture
def visit(new_context, live_server):
    return lambda: Visit(new_context, live_server)


@pytest.fixture
def renditions(settings):
    """Make the WebP renditions when a picture is saved, so that the pages show real pictures."""
    settings.RENDITIONS_ON_SAVE = True


def picture_loaded(image) -> bool:
    image.scroll_into_view_if_needed()
    image.evaluate("img => img.decode ? img.decode().catch(() => {}) : null")
    return image.evaluate("img => img.complete && img.naturalWidth > 0")


# 1. A new product, its picture, published ------------------------------------------------------


def test_editor_creates_a_product_with_a_picture_and_publishes_it(
    visit, renditions, shots, tmp_path
):
    agency = AgencyFactory(slug="distan", name="Dinas Pertanian Babel", short_name="Distan")
    editor = member(agency, username="pertanian.editor")
    region = RegionFactory()
    business = BusinessFactory(
        name="Kebun Lada Mentok Jaya", region=region, registering_agency=agency
    )
    BusinessFactory(name="Usaha Lain Sungailiat", region=region)
    category = CategoryFactory(slug="pertanian-perkebunan", name="Pertanian & Perkebunan")
    CategoryFactory(slug="makanan-minuman", name="Makanan & Minuman")
    picture = tmp_path / "lada-putih.jpg"
    picture.write_bytes(jpeg_bytes(800, 600, (156, 61, 38)))
    name = "Lada Putih Muntok Butir 250 g"

    person = visit()
    page = person.page
    person.sign_in(editor)

    # From the dashboard, "new product".
    page.locator(f"a.button[href='{WORKSPACE}produk/baru/']").click()
    page.wait_for_url(re.compile(r"/ruang-kerja/produk/baru/$"))
    person.fits("product-create")
    form = page.locator("form.ws-form")
    # One agency: it is fixed, shown by name, not chosen.
    expect(form.locator(".ws-fixed")).to_contain_text(agency.name)
    form.locator("#id_business").select_option(label=business.name)
    form.locator("#id_name").fill(name)
    form.locator("#id_summary").fill("Lada putih khas Muntok, dijemur dan disortir tangan.")
    form.locator("#id_category").select_option(label=category.name)
    form.locator("#id_price_min").fill("45000")
    form.locator("#id_price_max").fill("60000")
    form.locator("#id_unit").fill("per 250 g")
    form.locator("button[type=submit]").click()

    page.wait_for_url(re.compile(r"/ruang-kerja/produk/[-\w]+/$"))
    slug = urlsplit(page.url).path.rstrip("/").rsplit("/", 1)[-1]
    person.fits("product")
    expect(page.locator("h1")).to_have_text(name)
    expect(page.locator(".messages .notice--success")).to_contain_text(name)
    expect(page.locator(".ws-meta .status")).to_have_class(re.compile(r"\bstatus--draft\b"))
    product = Product.objects.get(slug=slug)
    assert product.status == Product.Status.DRAFT

    # A picture, from the phone's files.
    pictures = page.locator("#pictures")
    pictures.locator("#id_picture_image").set_input_files(str(picture))
    pictures.locator("#id_picture_alt_text").fill("Kemasan lada putih Muntok 250 g")
    pictures.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(rf"/ruang-kerja/produk/{slug}/#pictures$"))
    person.fits("product-with-picture")
    expect(page.locator(".messages .notice--success")).to_be_visible()
    thumbnail = pictures.locator(".ws-image img")
    expect(thumbnail).to_have_count(1)
    expect(thumbnail).to_have_attribute("alt", "Kemasan lada putih Muntok 250 g")
    assert picture_loaded(thumbnail), "the uploaded picture does not show in the workspace"

    # Publish.
    page.locator(f"form[action='{WORKSPACE}produk/{slug}/terbitkan/'] button").click()
    page.wait_for_url(re.compile(rf"/ruang-kerja/produk/{slug}/$"))
    person.fits("product-published")
    expect(page.locator(".ws-meta .status")).to_have_class(re.compile(r"\bstatus--published\b"))
    expect(page.locator(".messages .notice--success")).to_be_visible()
    expect(page.locator(f"form[action='{WORKSPACE}produk/{slug}/terbitkan/']")).to_have_count(0)
    page.screenshot(path=str(shots / "ws-product.png"), full_page=True)

    # The public page, through the workspace's own link to it.
    page.locator(f".ws-links a[href='/produk/{slug}/']").click()
    page.wait_for_url(re.compile(rf"/produk/{slug}/$"))
    expect(page.locator("h1")).to_have_text(name)
    gallery_image = page.locator(".gallery img")
    expect(gallery_image).to_have_count(1)
    expect(gallery_image).to_have_attribute("alt", "Kemasan lada putih Muntok 250 g")
    assert picture_loaded(gallery_image), "the picture does not show on the public page"
    expect(page.locator(".notice--warning")).to_have_count(0)  # not the "not public" warning

    product = Product.objects.get(slug=slug)
    assert product.status == Product.Status.PUBLISHED
    assert product.published_at is not None
    assert product.is_public
    assert (product.name, product.business, product.category) == (name, business, category)
    assert (product.price_min, product.price_max, product.unit) == (45_000, 60_000, "per 250 g")
    assert (product.owner_agency, product.created_by) == (agency, editor)
    images = list(product.images.all())
    assert len(images) == 1
    assert images[0].alt_text == "Kemasan lada putih Muntok 250 g"
    assert Path(images[0].image.path).is_file()
    assert Path(images[0].image.path).stat().st_size > 0
    person.check()


# 2. The flagship path: nominate, submit, score, recommend, approve -----------------------------


@pytest.fixture
def flagship_people(renditions):
    owner = AgencyFactory(slug="distan", name="Dinas Pertanian Babel", short_name="Distan")
    leading = AgencyFactory(
        slug="diskop-ukm",
        name="Dinas Koperasi dan UKM",
        short_name="Diskop",
        is_leading_sector=True,
    )
    administrator = UserFactory(username="admin.provinsi")
    administrator.groups.add(rules.administrator_group())
    for order, (code, name) in enumerate(CRITERIA):
        CriterionFactory(code=code, name=name, order=order)
    product = ProductFactory(
        name="Lada Putih Muntok Butir 250 g",
        owner_agency=owner,
        business=BusinessFactory(name="Kebun Lada Mentok Jaya", registering_agency=owner),
    )
    ProductImageFactory(
        product=product, image__data=jpeg_bytes(640, 480), alt_text="Kemasan lada putih"
    )
    return {
        "owner": owner,
        "leading": leading,
        "editor": member(owner, username="pertanian.editor"),
        "reviewer": member(leading, Role.REVIEWER, username="diskop.reviewer"),
        "administrator": administrator,
        "product": product,
    }


def nomination_path(nomination) -> str:
    return f"{WORKSPACE}usulan/{nomination.pk}/"


def expect_state(page, state):
    expect(page.locator(".nomination__header .status")).to_have_class(
        re.compile(rf"\bstatus--{state}\b")
    )


def test_flagship_path_from_nomination_to_decree(visit, flagship_people, shots):
    people = flagship_people
    product, editor = people["product"], people["editor"]
    reviewer, administrator = people["reviewer"], people["administrator"]
    today = timezone.localdate()
    valid_until = today + timedelta(days=364)

    # The editor nominates the product from its workspace page, then submits the draft.
    nominator = visit()
    page = nominator.page
    nominator.sign_in(editor)
    open_workspace_menu(page)
    page.locator(f".workspace-nav a[href='{WORKSPACE}produk/']").click()
    page.wait_for_url(re.compile(r"/ruang-kerja/produk/$"))
    nominator.fits("products")
    page.locator(".list__title a", has_text=product.name).click()
    page.wait_for_url(re.compile(rf"/ruang-kerja/produk/{product.slug}/$"))
    nominator.fits("product")
    page.locator(f".ws-links a[href='{WORKSPACE}usulan/baru/?produk={product.slug}']").click()
    page.wait_for_url(re.compile(r"/ruang-kerja/usulan/baru/\?produk="))
    nominator.fits("nomination-create")
    expect(page.locator("h1")).to_contain_text(product.name)
    form = page.locator("form.flagship-form")
    form.locator("#id_nominate_justification").fill(
        "Lada putih Muntok berindikasi geografis, bahan baku lokal, pasar ekspor."
    )
    form.locator("#id_nominate_evidence").fill("Penjualan 2025: 12 ton.")
    form.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"/ruang-kerja/usulan/\d+/$"))
    nomination = Nomination.objects.get(product=product)
    assert urlsplit(page.url).path == nomination_path(nomination)
    nominator.fits("nomination-draft")
    expect(page.locator("h1")).to_have_text(product.name)
    expect_state(page, "draft")
    expect(page.locator(".messages .notice--success")).to_be_visible()

    page.locator("#panel-submit button[type=submit]").click()
    page.wait_for_url(re.compile(rf"{re.escape(nomination_path(nomination))}$"))
    nominator.fits("nomination-submitted")
    expect_state(page, "submitted")
    expect(page.locator("#panel-submit")).to_have_count(0)
    nominator.check()

    # The reviewer finds it among their tasks, scores every criterion and recommends it.
    assessor = visit()
    page = assessor.page
    assessor.sign_in(reviewer)
    page.locator(f"#to-review a.tasks__link[href='{nomination_path(nomination)}']").click()
    page.wait_for_url(re.compile(rf"{re.escape(nomination_path(nomination))}$"))
    assessor.fits("nomination-to-assess")
    expect_state(page, "submitted")
    panel = page.locator("#panel-assess")
    expect(panel).to_be_visible()
    page.screenshot(path=str(shots / "ws-nomination.png"), full_page=True)
    scores = {"bahan_baku_lokal": 5, "keunikan": 4, "pasar": 4}
    for code, name in CRITERIA:
        group = panel.get_by_role("group", name=name)
        group.get_by_role("radio", name=str(scores[code]), exact=True).click()
        expect(group.get_by_role("radio", name=str(scores[code]), exact=True)).to_be_checked()
    panel.locator("#id_assess_comment").fill("Layak: mutu dan pasar terbukti.")
    panel.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(rf"{re.escape(nomination_path(nomination))}$"))
    assessor.fits("nomination-assessed")
    expect(page.locator(".messages .notice--success")).to_be_visible()
    table = page.locator("table.scores")
    for code, name in CRITERIA:
        expect(table.locator("tbody tr", has_text=name).locator("td")).to_have_text(
            str(scores[code])
        )
    expect(page.locator(".scores__total strong")).to_have_text(re.compile(r"^4[.,]33$"))

    page.locator("#panel-recommend button[type=submit]").click()
    page.wait_for_url(re.compile(rf"{re.escape(nomination_path(nomination))}$"))
    assessor.fits("nomination-recommended")
    expect_state(page, "recommended")
    expect(page.locator("#panel-assess")).to_have_count(0)
    assessor.check()

    # The administrator decides, with the period and the decree.
    decider = visit()
    page = decider.page
    decider.sign_in(administrator)
    page.locator(f"#to-decide a.tasks__link[href='{nomination_path(nomination)}']").click()
    page.wait_for_url(re.compile(rf"{re.escape(nomination_path(nomination))}$"))
    decider.fits("nomination-to-decide")
    expect_state(page, "recommended")
    panel = page.locator("#panel-approve")
    panel.locator("#id_approve_year").fill(str(today.year))
    panel.locator("#id_approve_valid_from").fill(today.isoformat())
    panel.locator("#id_approve_valid_until").fill(valid_until.isoformat())
    panel.locator("#id_approve_decree_number").fill(DECREE)
    panel.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(rf"{re.escape(nomination_path(nomination))}$"))
    decider.fits("nomination-approved")
    expect_state(page, "approved")
    expect(page.locator(".messages .notice--success")).to_be_visible()
    expect(page.locator(".flagship .notice", has_text=DECREE)).to_be_visible()
    expect(page.locator("#actions .action-panel")).to_have_count(0)

    # The public page shows the badge, with the decree.
    page.locator(f"a.flagship-link[href='/produk/{product.slug}/']").click()
    page.wait_for_url(re.compile(rf"/produk/{product.slug}/$"))
    expect(page.locator("h1")).to_have_text(product.name)
    badge = page.locator(".product__summary .badge--flagship")
    expect(badge).to_be_visible()
    expect(badge).to_contain_text(DECREE)
    expect(badge).to_contain_text(str(today.year))
    decider.check()

    nomination.refresh_from_db()
    assert nomination.state == Nomination.State.APPROVED
    assert nomination.agency == people["owner"]
    assert nomination.submitted_by == editor
    events = list(
        NominationEvent.objects.filter(nomination=nomination).order_by("created_at", "pk")
    )
    assert [(e.action, e.from_state, e.to_state, e.actor, e.agency) for e in events] == [
        ("nominate", "", "draft", editor, people["owner"]),
        ("submit", "draft", "submitted", editor, people["owner"]),
        ("recommend", "submitted", "recommended", reviewer, people["leading"]),
        ("approve", "recommended", "approved", administrator, None),
    ]
    assessment = nomination.assessments.get()
    assert (assessment.reviewer, assessment.agency) == (reviewer, people["leading"])
    assert assessment.comment == "Layak: mutu dan pasar terbukti."
    assert {s.criterion.code: s.score for s in assessment.scores.all()} == scores
    designation = Designation.objects.get(nomination=nomination)
    assert designation.product == product
    assert designation.decree_number == DECREE
    assert (designation.year, designation.valid_from, designation.valid_until) == (
        today.year,
        today,
        valid_until,
    )
    assert designation.approved_by == administrator
    assert designation.revoked_at is None
    assert Designation.objects.current().filter(product=product).exists()


# 3. Signing out --------------------------------------------------------------------------------


def test_sign_out_ends_the_session(visit, settings):
    editor = member(AgencyFactory(), username="pertanian.editor")
    person = visit()
    page, context = person.page, person.context
    person.sign_in(editor)
    cookie_name = settings.SESSION_COOKIE_NAME
    session_key = next(c["value"] for c in context.cookies() if c["name"] == cookie_name)
    store = import_module(settings.SESSION_ENGINE).SessionStore
    assert store().exists(session_key)

    open_workspace_menu(page)
    page.locator("form.workspace-nav__logout button[type=submit]").click()
    page.wait_for_url(re.compile(r"//[^/]+/$"))
    expect(page.locator("form.workspace-nav__logout")).to_have_count(0)
    assert not store().exists(session_key)

    page.goto(WORKSPACE)
    page.wait_for_url(re.compile(rf"{re.escape(LOGIN)}\?next="))
    assert urlsplit(page.url).path == LOGIN
    assert urlsplit(page.url).query == "next=/ruang-kerja/"
    expect(page.locator(f"form[action='{LOGIN}'] #id_username")).to_be_visible()
    person.check()


# Each workspace page's layout on the phone ----------------------------------------------------

#: How the page on screen is laid out: its width; where its content column starts and how wide
#: it is; where its main heading starts, how wide it is, and how wide it would be on one line.
LAYOUT = """() => {
  const main = document.querySelector("main");
  const box = main.getBoundingClientRect(), style = getComputedStyle(main);
  const left = box.left + parseFloat(style.paddingLeft);
  const content = box.right - parseFloat(style.paddingRight) - left;
  const h1 = main.querySelector("h1"), heading = h1.getBoundingClientRect();
  const probe = h1.cloneNode(true);
  probe.style.cssText = "position: absolute; visibility: hidden; width: max-content";
  h1.parentElement.append(probe);
  const natural = probe.getBoundingClientRect().width;
  probe.remove();
  return {
    scrollWidth: document.documentElement.scrollWidth,
    content: content,
    h1Offset: Math.round(heading.left - left),
    h1Width: Math.round(heading.width),
    h1Natural: Math.round(natural),
  };
}"""
#: A box around the content (its padding and border) may take this much on each side.
BOX = 16


def advance(people, until):
    """A nomination of the product, taken by the workflow itself up to `until`."""
    product, editor, reviewer = people["product"], people["editor"], people["reviewer"]
    nomination = workflow.nominate(product=product, by=editor, justification="Bahan baku lokal.")
    if until == "draft":
        return nomination
    workflow.act(nomination=nomination, by=editor, action="submit")
    if until == "submitted":
        return nomination
    scores = {code: 4 for code, _name in CRITERIA}
    workflow.assess(nomination=nomination, by=reviewer, scores=scores, comment="Layak.")
    workflow.act(nomination=nomination, by=reviewer, action="recommend")
    today = timezone.localdate()
    workflow.act(
        nomination=nomination,
        by=people["administrator"],
        action="approve",
        year=today.year,
        valid_from=today,
        valid_until=today + timedelta(days=364),
        decree_number=DECREE,
    )
    return nomination


class PhoneLayoutBroken(AssertionError):
    """What the layout test raises for a broken page; any other failure is a failure."""


def squeezed(what):
    """Record a known layout regression of a page as an expected failure (see LAYOUT_MARKS)."""
    return pytest.mark.xfail(strict=True, raises=PhoneLayoutBroken, reason=what)


LAYOUT_PAGES = {
    # name: (who looks, the nomination's state or None, the address)
    "product": ("editor", None, lambda n, p: f"{WORKSPACE}produk/{p.slug}/"),
    "nominations": ("editor", "draft", lambda n, p: f"{WORKSPACE}usulan/"),
    "nomination-choose": ("editor", None, lambda n, p: f"{WORKSPACE}usulan/baru/"),
    "nomination-create": ("editor", None, lambda n, p: f"{WORKSPACE}usulan/baru/?produk={p.slug}"),
    "nomination-draft": ("editor", "draft", lambda n, p: nomination_path(n)),
    "nomination-to-assess": ("reviewer", "submitted", lambda n, p: nomination_path(n)),
    "nomination-approved": ("administrator", "approved", lambda n, p: nomination_path(n)),
    "nomination-record": (
        "administrator",
        "approved",
        lambda n, p: f"{nomination_path(n)}berita-acara/",
    ),
    "designations": ("administrator", "approved", lambda n, p: f"{WORKSPACE}unggulan/"),
}
LAYOUT_MARKS: dict = {}  # every page fits a phone; add a mark here to record a regression


@pytest.mark.parametrize(
    "name", [pytest.param(name, marks=LAYOUT_MARKS.get(name, ())) for name in LAYOUT_PAGES]
)
def test_workspace_page_layout_on_a_phone(visit, flagship_people, name):
    """No sideways scrolling, and the main heading starts at the left of the content column and
    takes the width it needs up to the whole column (it is not squeezed into a narrow column).
    The product's page passes: it shows that the check holds where it should."""
    who, state, address = LAYOUT_PAGES[name]
    product = flagship_people["product"]
    nomination = advance(flagship_people, state) if state else None
    person = visit()
    person.signed_in_as(flagship_people[who])
    person.page.goto(address(nomination, product))
    person.fits(name)
    layout = person.page.evaluate(LAYOUT)

    assert person.elsewhere() == []
    problems = []
    if layout["scrollWidth"] > PHONE["width"]:
        problems.append("the page scrolls sideways")
    if layout["h1Offset"] > BOX:
        problems.append("the heading starts in a column, away from the left edge")
    if layout["h1Width"] < min(layout["h1Natural"], layout["content"] - 2 * BOX):
        problems.append("the heading is squeezed narrower than it needs")
    if problems:
        raise PhoneLayoutBroken(f"{name}: {'; '.join(problems)}: {layout}")
