"""The snapshot and milestone forms share one page layout (_progress_form.html): each keeps its
own words, goes back to its own part of the record, and escapes the business's name."""

import pytest

from tests.workspace.helpers import as_user, url

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("route", "heading", "part"),
    [
        ("workspace-snapshot-create", "Catat data usaha", "snapshots"),
        ("workspace-milestone-create", "Catat capaian", "milestones"),
    ],
)
def test_each_progress_form_says_its_own_words_and_escapes_the_name(
    client, world, route, heading, part
):
    world.business.name = "Lada <b>Mentok</b>"
    world.business.save(update_fields=["name"])
    as_user(client, world, "owner_editor")

    html = client.get(url(route, world.business.slug)).text

    assert html.count("Lada &lt;b&gt;Mentok&lt;/b&gt;") >= 3  # title, breadcrumbs, intro
    assert "<b>Mentok</b>" not in html
    assert f"<h1>{heading}</h1>" in html
    assert f"{url('workspace-business-support', world.business.slug)}#{part}" in html
