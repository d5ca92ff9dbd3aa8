"""The workspace's one navigation (issue 16, item 17): it marks where you are
(aria-current="page" on the page itself, "true" on the section of a page inside it), and each of
its links carries the same name as the page it opens, in the page's title and its heading."""

import re
from html import unescape

import pytest
from django.urls import reverse

from tests.workspace.helpers import as_user, url

pytestmark = pytest.mark.django_db


def nav_of(html: str) -> str:
    return html.split('class="workspace-nav"', 1)[1].split("</nav>", 1)[0]


def current_links(html: str) -> dict[str, str]:
    """{href: aria-current} of the navigation's marked links."""
    found = re.findall(r'<a href="([^"]+)"[^>]*aria-current="(page|true)"', nav_of(html))
    return dict(found)


def link_labels(html: str) -> dict[str, str]:
    """{href: label} of the navigation's workspace links, tags and spaces squeezed out."""
    links = re.findall(r'<a href="(/(?:en/)?ruang-kerja/[^"]*)"[^>]*>(.*?)</a>', nav_of(html), re.S)
    return {href: " ".join(unescape(re.sub(r"<[^>]+>", " ", text)).split()) for href, text in links}


def title_and_heading(html: str) -> tuple[str, str]:
    title = unescape(re.search(r"<title>(.*?)</title>", html, re.S).group(1)).split(" · ")[0]
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", html.split('id="content"', 1)[1], re.S).group(1)
    return " ".join(title.split()), " ".join(unescape(re.sub(r"<[^>]+>", "", heading)).split())


@pytest.mark.parametrize(
    "name",
    [
        "workspace",
        "workspace-products",
        "workspace-businesses",
        "workspace-nominations",
        "workspace-designations",
        "workspace-support-dashboard",
        "workspace-agreements",
        "workspace-notifications",
        "workspace-profile",
    ],
)
def test_the_page_shown_is_marked_current_and_only_it(client, world, name):
    html = as_user(client, world, "owner_manager").get(url(name)).content.decode()

    assert current_links(html) == {url(name): "page"}
    # the bar of the closed menu names the page too
    assert re.search(r'class="workspace-nav__here">[^<]+<', html)


def test_a_page_inside_a_section_marks_its_section(client, world):
    html = as_user(client, world, "owner_editor").get(url("workspace-notification-settings"))
    assert current_links(html.content.decode()) == {url("workspace-notifications"): "true"}

    html = client.get(url("workspace-product", world.published.slug)).content.decode()
    assert current_links(html) == {url("workspace-products"): "true"}


@pytest.mark.parametrize("language", ["id", "en"])
def test_every_link_has_the_name_of_the_page_it_opens(client, world, language):
    """ "Produk unggulan" in the menu and "Penetapan" on the page was one page under two names."""
    as_user(client, world, "administrator")
    home = f"/{language}/ruang-kerja/" if language == "en" else "/ruang-kerja/"
    labels = link_labels(client.get(home).content.decode())
    assert len(labels) >= 12
    checked = 0
    for href, label in labels.items():
        if "/dinas/" in href:  # "Members of <agency>": checked below with a manager
            continue
        response = client.get(href)
        assert response.status_code == 200, href
        title, heading = title_and_heading(response.content.decode())
        assert (title, heading) == (label, label), href
        checked += 1
    assert checked >= 12


def test_managers_find_their_agencys_members_in_the_menu(client, world):
    html = as_user(client, world, "owner_manager").get(url("workspace")).content.decode()
    members = url("workspace-members", world.owner.slug)
    label = link_labels(html)[members]

    page = client.get(members).content.decode()
    assert title_and_heading(page)[0] == label == f"Anggota {world.owner.short_name}"
    assert current_links(page) == {members: "page"}
    # an editor manages no one: no members link
    client.force_login(world.people["owner_editor"])
    assert "/anggota/" not in nav_of(client.get(url("workspace")).content.decode())


def test_the_public_links_are_in_the_menu_not_a_second_bar(client, world):
    html = as_user(client, world, "owner_editor").get(url("workspace")).content.decode()

    assert 'class="site-nav"' not in html
    assert f'href="{reverse("product-list")}"' in nav_of(html)
