"""Everything a person can tap on a public page is at least 24 × 24 CSS px on a 360 px phone
(WCAG 2.2, success criterion 2.5.8 "Target Size (Minimum)", level AA).

The rule as measured here, on every public page in Indonesian and English (walked from the
URLconf over the demo data, tests/browser/walk.py), with every <details> opened:

- A target is a link (a[href]), button, input (not hidden), select, textarea or summary that is
  visible: rendered, not transparent, larger than 1 × 1 px (a visually hidden element is 1 px or
  clipped) and not moved off the page (the skip link waits above it until it has the focus,
  and then it is 44 px tall).
- Its border box must be at least 24 px wide and 24 px tall.
- Exception "inline" of 2.5.8: a target laid out inline (CSS display: inline) in a block that has
  other text, letters or digits outside any target, is in a sentence: its height is the line's,
  and it is exempt. A link alone in its paragraph, or among links and separators only ("·", "|"),
  is not in a sentence and must be 24 px tall itself (a "See all" link, a footer link, a phone
  number in a list).
- Exception "user agent control", as its consequence: a checkbox or radio button whose label
  (wrapping it or pointing at it) is at least 24 × 24 px counts by its label, which toggles it
  too.
- The spacing exception of 2.5.8 (a small target with 24 px of room around it) is not used: every
  target here is simply large enough.
"""

import pytest

from tests.browser.helpers import PHONE
from tests.browser.walk import Walk, seed_demo

# The live server answers from another thread: it only sees committed rows.
pytestmark = pytest.mark.django_db(transaction=True)

MINIMUM = 24

#: The targets on the page that are smaller than `minimum` CSS px, per the rule of the docstring.
SMALL_TARGETS = """(minimum) => {
  document.querySelectorAll("details").forEach(d => { d.open = true; });
  const selector = "a[href], button, input:not([type=hidden]), select, textarea, summary";
  const targets = [...document.querySelectorAll(selector)];
  const big = r => r.width >= minimum - 0.01 && r.height >= minimum - 0.01;
  const shown = el => {
    if (!el.checkVisibility({visibilityProperty: true, opacityProperty: true})) return false;
    const r = el.getBoundingClientRect();
    return r.width > 1 && r.height > 1 && r.bottom + scrollY > 0 && r.right + scrollX > 0;
  };
  const inSentence = el => {
    if (getComputedStyle(el).display !== "inline") return false;
    let block = el.parentElement;
    const inline = box => getComputedStyle(box).display.startsWith("inline");
    while (block && inline(block)) block = block.parentElement;
    const copy = block.cloneNode(true);
    copy.querySelectorAll(selector).forEach(target => target.remove());
    return /[\\p{L}\\p{N}]/u.test(copy.textContent);
  };
  const labelled = el => (el.type === "checkbox" || el.type === "radio")
    && [...(el.labels || [])].some(label => big(label.getBoundingClientRect()));
  return targets
    .filter(el => shown(el) && !big(el.getBoundingClientRect()) && !inSentence(el) && !labelled(el))
    .map(el => {
      const r = el.getBoundingClientRect();
      const text = (el.textContent || el.value || el.name || "").trim().replace(/\\s+/g, " ");
      const classes = [...el.classList].map(c => "." + c).join("");
      const parent = el.parentElement;
      const where = parent.tagName.toLowerCase() + [...parent.classList].map(c => "." + c).join("");
      const size = `${Math.round(r.width)}×${Math.round(r.height)}`;
      return `${el.tagName.toLowerCase()}${classes} in ${where} "${text.slice(0, 40)}" ${size}`;
    });
}"""


@pytest.fixture(autouse=True)
def renditions(settings):
    settings.RENDITIONS_ON_SAVE = True


def small_targets(page, label) -> list[str]:
    # Each kind of target once per page: a list of forty businesses names the fault once.
    found = page.evaluate(SMALL_TARGETS, MINIMUM)
    return sorted(set(found), key=found.index)[:8]


def public(path: str) -> bool:
    return not path.startswith(("/ruang-kerja/", "/en/ruang-kerja/", "/accounts/"))


def test_every_target_on_a_public_page_is_at_least_24_px(new_context, live_server):
    seed_demo()
    page = new_context().new_page()
    assert page.viewport_size == PHONE
    walk = Walk(page, live_server.url, public, small_targets, queries_per_name=3)
    walk.run(
        [
            "/",
            "/produk/?q=lada",
            "/produk/?q=tidak-ada-yang-cocok",
            "/offline/",
            "/accounts/login/",
            "/accounts/password/reset/",
        ]
    )
    english = sorted({f"/en{address}" for address in walk.queued if public(address)})
    walk.run([*english, "/en/accounts/login/"])

    assert walk.visits > 20
    assert walk.problems == {}, "\n".join(
        [f"targets smaller than {MINIMUM} × {MINIMUM} px:"]
        + [f"- {label}\n    " + "\n    ".join(found) for label, found in walk.problems.items()]
    )
