"""Walking every page of the portal in a browser, for the checks that must hold on all of them
(tests/browser/test_no_overflow.py, tests/browser/test_tap_targets.py).

The pages come from the URLconf: a walk starts from a few addresses, follows every link that
stays inside its part of the portal and visits each page (each URL name) once, or twice for a list
with and without a query string. Every form that asks for something is also sent once with its
required fields emptied, so that the page is measured with its errors shown too. Afterwards the
test compares the names it reached with the URLconf: a page that no link reaches and that is not
listed in NOT_PAGES with the reason fails the test, so a new page cannot slip past the checks.

The data is the demo (`manage.py seed_demo`): real names, long decree numbers, every state of
every workflow, the same as a new user sees on a fresh installation.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import timedelta
from io import StringIO
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.management import call_command
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve, reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from agencies.models import Agency

#: Every demo account's password (seed_demo resets them to it).
PASSWORD = "demo12345"
#: One person of each kind of staff (catalog/demo/reference.py, support/demo/partnerships.py).
STAFF = {
    "editor": "pertanian.editor",
    "manager": "koperasi.manager",
    "reviewer": "koperasi.reviewer",
    "administrator": "admin",
    "partner": "okeoce.mentor",
}

#: URL names of the pages' URLconf that are not pages a person looks at, with the reason. Every
#: other name must be reached by a walk.
NOT_PAGES = {
    # Files, not pages.
    "product-qr": "an SVG picture",
    "activity-calendar": "an iCalendar file",
    "workspace-export-products": "a spreadsheet download (or a background job)",
    "workspace-export-businesses": "a spreadsheet download (or a background job)",
    "workspace-export-support": "a spreadsheet download (or a background job)",
    "workspace-import-template-products": "a blank spreadsheet to fill in",
    "workspace-import-template-businesses": "a blank spreadsheet to fill in",
    "workspace-statistics-csv": "a CSV file",
    "workspace-support-dashboard-csv": "a CSV file",
    "workspace-support-dashboard-list-csv": "a CSV file",
    "workspace-job-download": "the job's file",
    "workspace-certificate-scan": "a certificate's scan, a download",
    "workspace-job-status": "an htmx fragment of the job page, measured with it",
    # Answers to a button (POST only): they redirect to a page that is walked.
    "logout": "POST only",
    "workspace-product-publish": "POST only",
    "workspace-product-unpublish": "POST only",
    "workspace-product-archive": "POST only",
    "workspace-product-hand-over": "POST only (its form is on the product's page)",
    "workspace-image-add": "POST only (its form is on the product's page)",
    "workspace-certificate-add": "POST only (its form is on the product's page)",
    "workspace-link-add": "POST only (its form is on the product's page)",
    "workspace-product-invite": "POST only (its form is on the product's page)",
    "workspace-member-add": "POST only (its form is on the members' page)",
    "workspace-member-invite": "POST only (its form is on the members' page)",
    "workspace-partner-staff-invite": "POST only (its form is on the members' page)",
    "workspace-nomination-update": "POST only (its form is on the nomination's page)",
    "workspace-nomination-assess": "POST only (its form is on the nomination's page)",
    "workspace-nomination-act": "POST only (its forms are on the nomination's page)",
    "workspace-designation-revoke": "POST only (its form is on the designations' page)",
    "workspace-image-move": "POST only",
    "workspace-image-remove": "POST only",
    "workspace-certificate-remove": "POST only",
    "workspace-link-remove": "POST only",
    "workspace-business-deactivate": "POST only",
    "workspace-collaboration-accept": "POST only",
    "workspace-collaboration-decline": "POST only",
    "workspace-collaboration-end": "POST only",
    "workspace-member-role": "POST only",
    "workspace-member-resend": "POST only",
    "workspace-notifications-read-all": "POST only",
    "workspace-notification-read": "POST only",
    "workspace-participation-remove": "POST only",
    "workspace-report-refresh": "POST only",
    "workspace-report-kirim": "POST only",
    "workspace-report-terima": "POST only",
    "workspace-report-kembalikan": "POST only",
    "workspace-referral-terima": "POST only",
    "workspace-referral-tolak": "POST only",
    "workspace-referral-selesai": "POST only",
    "workspace-referral-batalkan": "POST only",
    "workspace-snapshot-verify": "POST only",
    "workspace-milestone-verify": "POST only",
}

#: How far a walk goes: pages that read the world, never the ones that change it on a GET.
SKIPPED_PREFIXES = ("/admin/", "/api/", "/media/", "/static/")


def seed_demo() -> None:
    call_command("seed_demo", password=PASSWORD, stdout=StringIO(), stderr=StringIO())


def page_names() -> set[str]:
    """The URL names of the pages under the language prefix (the portal's HTML pages)."""
    names: set[str] = set()
    for entry in get_resolver().url_patterns:
        if isinstance(entry, URLResolver) and type(entry.pattern).__name__ == "LocalePrefixPattern":
            names |= _names(entry.url_patterns)
    return names


def _names(patterns: Iterable) -> set[str]:
    names: set[str] = set()
    for entry in patterns:
        if isinstance(entry, URLResolver):
            names |= _names(entry.url_patterns)
        elif isinstance(entry, URLPattern) and entry.name:
            names.add(entry.name)
    return names


def url_name(path: str) -> str | None:
    """The URL name of `path` (Indonesian, or English under /en/), None when none matches."""
    language = "en" if path == "/en" or path.startswith("/en/") else settings.LANGUAGE_CODE
    with translation.override(language):
        try:
            return resolve(path).url_name
        except Resolver404:
            return None


def password_reset_link() -> str:
    """The link of a password-reset e-mail for the administrator, as Django would send it."""
    user = get_user_model().objects.get(username=STAFF["administrator"])
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return f"/accounts/reset/{uid}/{default_token_generator.make_token(user)}/"


def waiting_pages() -> list[str]:
    """Pages the demo leaves nothing for, with what they need: a draft agreement (to sign and to
    add parties to), a failed import job; and an obligation's form, linked only from a
    collapsed list. The administrator may open all of them."""
    from jobs.models import Job
    from support.models import Obligation
    from tests.factories import AgreementFactory, AgreementPartyFactory

    administrator = get_user_model().objects.get(username=STAFF["administrator"])
    draft = AgreementFactory(
        status="draft",
        signed_on=None,
        title="Perjanjian Kerja Sama Pendampingan Sertifikasi Halal dan Pemasaran Digital",
        lead_agency=Agency.objects.get(slug="dinas-koperasi-ukm"),
    )
    AgreementPartyFactory(agreement=draft, agency=draft.lead_agency)
    now = timezone.now()
    job = Job.objects.create(
        user=administrator,
        kind=Job.Kind.IMPORT_PRODUCTS,
        state=Job.State.FAILED,
        error="Berkas tidak terbaca: kolom harga_minimum_per_satuan_kemasan_eceran tidak dikenal.",
        started_at=now,
        finished_at=now,
        expires_at=now + timedelta(days=7),
    )
    obligation = Obligation.objects.filter(agreement__status="signed").first()
    return [
        reverse("workspace-agreement", args=[draft.pk]),
        reverse("workspace-agreement-sign", args=[draft.pk]),
        reverse("workspace-party-add", args=[draft.pk]),
        reverse("workspace-obligation-edit", args=[obligation.pk]),
        reverse("workspace-jobs"),
        reverse("workspace-job", args=[job.pk]),
        reverse("workspace-welcome"),  # where an invitation's set-password page lands
    ]


#: Every link on the page, as the browser resolved it, but those that download a file.
LINKS = """() => [...document.querySelectorAll("a[href]")]
  .filter(a => !a.hasAttribute("download"))
  .map(a => a.href.split("#")[0])"""

#: Whether the page has a form for SEND_EMPTY.
HAS_FORM = """() => [...document.querySelectorAll("main form")]
  .some(f => (f.method || "").toLowerCase() === "post" && f.querySelector("[required]"))"""

#: Send the page's largest form that has required fields with all of them emptied (the browser's
#: own checks off, so that the server answers with its error messages). False when there is none.
#: Only forms in <main> that post and ask for something: buttons that act at once have no
#: required field and are left alone.
SEND_EMPTY = """() => {
  const forms = [...document.querySelectorAll("main form")]
    .filter(f => (f.method || "").toLowerCase() === "post")
    .filter(f => f.querySelector("[required]"));
  if (!forms.length) return false;
  forms.sort((a, b) => b.elements.length - a.elements.length);
  const form = forms[0];
  form.noValidate = true;
  form.querySelectorAll("[required]").forEach(el => {
    if (el.type === "checkbox" || el.type === "radio") el.checked = false;
    else if (el.tagName === "SELECT") el.selectedIndex = -1;
    else if (el.type !== "file") el.value = "";
  });
  // A plain submission (no submit event, so neither htmx nor a script takes it over): the
  // button's own name and value go with it as a hidden field.
  const button = [...form.elements].find(el => el.type === "submit");
  if (button && button.name) {
    const carried = document.createElement("input");
    carried.type = "hidden"; carried.name = button.name; carried.value = button.value;
    form.append(carried);
  }
  HTMLFormElement.prototype.submit.call(form);
  return true;
}"""


@dataclass
class Walk:
    """One browser page walking the portal from `starts`, following links for which `inside`
    holds, calling `measure(page, label)` on each page it shows; `measure` answers a list of
    problems, which the walk collects by address."""

    page: object
    base_url: str
    inside: Callable[[str], bool]
    measure: Callable[[object, str], list[str]]
    queries_per_name: int = 1
    reached: set[str] = field(default_factory=set)
    problems: dict[str, list[str]] = field(default_factory=dict)
    refused: list[str] = field(default_factory=list)
    visits: int = 0
    _seen: dict[tuple[str, bool, bool], int] = field(default_factory=dict)
    queued: set[str] = field(default_factory=set)

    def run(self, starts: Iterable[str], *, send_forms: bool = True) -> "Walk":
        queue = list(starts)
        self.queued |= set(queue)
        sent_forms: set[str] = set()
        while queue:
            address = queue.pop(0)
            path = urlsplit(address).path
            name = url_name(path)
            if name is None or name in NOT_PAGES:
                continue
            english = path.startswith("/en/")
            key = (name, english, bool(urlsplit(address).query))
            if self._seen.get(key, 0) >= (self.queries_per_name if key[2] else 1):
                continue
            self._seen[key] = self._seen.get(key, 0) + 1
            response = self.page.goto(address)
            self.visits += 1
            label = f"{address} ({name})"
            # A redirect to the same page (a password-reset link hides its token) is that page.
            moved = url_name(urlsplit(self.page.url).path) != name
            if response is None or response.status != 200 or moved:
                # A link someone was shown that refuses them or sends them elsewhere: noted for
                # the test to report, not measured (error pages have their own tests), not
                # followed; the page it redirects to is reached by its own links.
                self.refused.append(f"{address} {response.status if response else ''}")
                continue
            self.reached.add(name)
            self._note(label, self.measure(self.page, label))
            for link in self.page.evaluate(LINKS):
                parts = urlsplit(link)
                if parts.netloc != urlsplit(self.base_url).netloc:
                    continue
                local = parts.path + (f"?{parts.query}" if parts.query else "")
                if local in self.queued or parts.path.startswith(SKIPPED_PREFIXES):
                    continue
                if self.inside(parts.path):
                    self.queued.add(local)
                    queue.append(local)
            if send_forms and name not in sent_forms and self._send_empty_form():
                sent_forms.add(name)
                self._note(f"{label}, sent empty", self.measure(self.page, f"{label} (errors)"))
        return self

    def _send_empty_form(self) -> bool:
        if not self.page.evaluate(HAS_FORM):
            return False
        with self.page.expect_navigation(wait_until="load"):
            self.page.evaluate(SEND_EMPTY)
        return True

    def _note(self, label: str, problems: list[str]) -> None:
        if problems:
            self.problems.setdefault(label, []).extend(problems)


def report(problems: dict[str, list[str]]) -> str:
    lines = [f"{len(problems)} page(s):"]
    for label, found in problems.items():
        lines.append(f"- {label}")
        lines.extend(f"    {problem}" for problem in found)
    return "\n".join(lines)
