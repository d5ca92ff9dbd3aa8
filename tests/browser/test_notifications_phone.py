"""Notifications on a phone (360×740), in a real browser (issue 15): an editor sees the unread
count in the workspace navigation, opens the inbox, marks one notification read, opens another
(which takes them to what it is about), marks the rest read, then chooses in the settings a daily
digest for one kind and English as their language.

Each step clicks as a person would, then looks at the database. Every page it visits must not
scroll sideways, must log no browser error (a blocked inline script or style would: the pages run
under a strict CSP), must make no request to another host, and must pass axe-core's WCAG 2.2 AA
checks. Full-page screenshots go to /tmp/shots/inbox-*.png for a person to look at.

Buttons, forms and links are found by where they post or lead, or by their ids, not by their
words: the translations change while the pages stay the same."""

import re

import pytest

from notifications.models import Kind, Notification, Preference, Reader
from tests.browser.helpers import PHONE, open_workspace_menu
from tests.browser.phone import LOGIN, PASSWORD, WIDTH, WORKSPACE, Phone
from tests.factories import AgencyFactory
from tests.helpers import member
from tests.notifications.inbox_helpers import notification

try:
    from playwright.sync_api import expect
except ImportError:  # the `browser` fixture then skips every test, saying why
    expect = None  # type: ignore[assignment]

# The live server answers from another thread: it only sees committed rows.
pytestmark = pytest.mark.django_db(transaction=True)

INBOX = "/ruang-kerja/notifikasi/"
SETTINGS = "/ruang-kerja/notifikasi/pengaturan/"
#: A title with no space to break at: the page must wrap it, not scroll.
LONG = "Sertifikat-PIRT-2063/1901/01-Kemplang-Ikan-Tenggiri-Bu-Yati-berakhir-dalam-30-hari"


@pytest.fixture
def phone(new_context, live_server, shots):
    return lambda: Phone(new_context, live_server, shots, "inbox", accessible=True)


@pytest.fixture
def scene(transactional_db):
    """An editor of Dinas Pertanian with three unread notifications (one about a nomination, one
    about a certificate with a long unbroken title, one invitation) and one read; another
    person's notification the editor must never see."""
    editor = member(AgencyFactory(name="Dinas Pertanian"), username="pertanian.editor")
    return {
        "editor": editor,
        "read": notification(editor, "Undangan kurasi dijawab", read=True, days_ago=3),
        "nomination": notification(
            editor,
            "Usulan Lada Putih Muntok meminta perbaikan",
            body="Reviewer Diskop UKM meminta bukti penjualan 2025.\nBuka usulan untuk catatannya.",
            link=WORKSPACE,
            days_ago=1,
        ),
        "certificate": notification(
            editor, LONG, kind=Kind.CERTIFICATE_EXPIRING, link="/ruang-kerja/produk/", days_ago=2
        ),
        "invitation": notification(
            editor, "Diskop UKM mengundang Dinas Pertanian", kind=Kind.COLLABORATION_INVITED
        ),
        "theirs": notification(member(AgencyFactory()), "Milik orang lain"),
    }


def unread(user) -> set[int]:
    return set(
        Notification.objects.filter(recipient=user, read_at__isnull=True).values_list(
            "pk", flat=True
        )
    )


def test_an_editor_reads_their_notifications_and_chooses_how_they_arrive(phone, scene):
    editor = scene["editor"]
    person = phone()
    page = person.page
    person.sign_in(editor)

    # The navigation counts three unread, in words for a screen reader too.
    link = page.locator(f".workspace-nav a[href='{INBOX}']")
    expect(link.locator(".nav-count [aria-hidden=true]")).to_have_text("3")
    expect(link.locator(".nav-count .visually-hidden")).to_contain_text("3")
    open_workspace_menu(page)
    link.click()
    page.wait_for_url(re.compile(rf"{re.escape(INBOX)}$"))
    person.looks_right("list")

    # Unread first (newest first among them), then the read one; not another person's.
    items = page.locator(".inbox__item")
    expect(items).to_have_count(4)
    expect(page.locator(".inbox__item--unread")).to_have_count(3)
    expect(items.nth(0)).to_contain_text(scene["invitation"].title)
    expect(items.nth(3)).to_contain_text(scene["read"].title)
    expect(page.locator(".inbox")).not_to_contain_text("Milik orang lain")

    # Mark the invitation read: back on the inbox, two unread left.
    invitation = scene["invitation"]
    form = page.locator(f"form[action='{INBOX}{invitation.pk}/baca/']")
    form.locator("button.button--secondary").click()
    page.wait_for_url(re.compile(rf"{re.escape(INBOX)}$"))
    expect(page.locator(".messages .notice--success")).to_be_visible()
    expect(page.locator(".inbox__item--unread")).to_have_count(2)
    expect(link.locator(".nav-count [aria-hidden=true]")).to_have_text("2")
    assert unread(editor) == {scene["nomination"].pk, scene["certificate"].pk}

    # Open the nomination's: it is read, and the workspace page it is about opens.
    nomination = scene["nomination"]
    page.locator(f"form[action='{INBOX}{nomination.pk}/baca/'] button.inbox__open").click()
    page.wait_for_url(re.compile(rf"{re.escape(WORKSPACE)}$"))
    assert unread(editor) == {scene["certificate"].pk}

    # Mark all read.
    page.goto(INBOX)
    page.locator(f"form[action='{INBOX}baca-semua/'] button").click()
    page.wait_for_url(re.compile(rf"{re.escape(INBOX)}$"))
    expect(page.locator(".inbox__item--unread")).to_have_count(0)
    expect(link.locator(".nav-count")).to_have_count(0)
    person.looks_right("all-read")
    assert unread(editor) == set()
    assert unread(scene["theirs"].recipient) == {scene["theirs"].pk}

    # The settings: the certificate reminders in a daily digest, and English.
    page.locator(f".inbox-bar a[href='{SETTINGS}']").click()
    page.wait_for_url(re.compile(rf"{re.escape(SETTINGS)}$"))
    person.looks_right("settings")
    page.locator("label[for='id_certificate_expiring_1']").click()
    page.locator("#id_language").select_option("en")
    page.locator("form.notification-settings button[type=submit]").click()
    page.wait_for_url(re.compile(rf"{re.escape(SETTINGS)}$"))
    expect(page.locator(".messages .notice--success")).to_be_visible()
    expect(page.locator("#id_certificate_expiring_1")).to_be_checked()
    person.looks_right("settings-saved")
    assert Reader.objects.get(user=editor).language == "en"
    assert Preference.objects.get(user=editor, kind=Kind.CERTIFICATE_EXPIRING).delivery == "digest"
    assert Preference.objects.get(user=editor, kind=Kind.NOMINATION_MOVED).delivery == "immediate"


def test_the_inbox_works_without_javascript(new_context, live_server, scene, shots):
    """Every action is a form: with JavaScript off, marking read still works."""
    context = new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(LOGIN)
    form = page.locator(f"form[action='{LOGIN}']")
    form.locator("#id_username").fill(scene["editor"].username)
    form.locator("#id_password").fill(PASSWORD)
    form.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(rf"{re.escape(WORKSPACE)}$"))
    page.goto(INBOX)

    page.locator(f"form[action='{INBOX}baca-semua/'] button").click()
    page.wait_for_url(re.compile(rf"{re.escape(INBOX)}$"))

    assert unread(scene["editor"]) == set()
    assert page.evaluate(WIDTH) <= PHONE["width"]
