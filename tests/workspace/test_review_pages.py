"""Reviewing a nomination in the workspace (issue 16, item 21): the product's photos on the
nomination page, the queue a reviewer starts from, the timeline in words, and the assessment
record (berita acara) — letterhead, place and date, signatures with NIP, print stylesheet —
which a nomination never submitted does not have."""

from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from agencies.models import Role, StaffProfile
from catalog import rules, workflow
from tests import factories as f
from tests.helpers import member

pytestmark = pytest.mark.django_db

CODES = ("bahan_baku_lokal", "kemasan")
NIP = "198203142006041002"


@pytest.fixture
def people():
    owner = f.AgencyFactory(slug="dinas-pertanian", name="Dinas Pertanian", short_name="Distan")
    leading = f.AgencyFactory(
        slug="disperindag",
        name="Dinas Perindustrian dan Perdagangan",
        short_name="Disperindag",
        is_leading_sector=True,
        address="Jl. Pulau Bangka, Air Itam",
    )
    admin = f.UserFactory(username="admin.prov", first_name="Rahmat", last_name="Hidayat")
    admin.groups.add(rules.administrator_group())
    for order, code in enumerate(CODES):
        f.CriterionFactory(code=code, name=f"Kriteria {code}", order=order)
    return SimpleNamespace(
        owner=owner,
        leading=leading,
        admin=admin,
        editor=member(owner, username="pertanian.editor", first_name="Dedi"),
        reviewer=member(leading, Role.REVIEWER, username="disperindag.reviewer", first_name="Agus"),
        product=f.ProductFactory(owner_agency=owner, name="Lada Putih Muntok"),
    )


def nominated(people, product=None):
    return workflow.nominate(
        product=product or people.product, by=people.editor, justification="Bahan lokal."
    )


def submitted(people, product=None):
    return workflow.act(nomination=nominated(people, product), by=people.editor, action="submit")


def approved(people):
    nomination = submitted(people)
    workflow.assess(nomination=nomination, by=people.reviewer, scores=dict.fromkeys(CODES, 4))
    workflow.act(nomination=nomination, by=people.reviewer, action="recommend")
    today = timezone.localdate()
    return workflow.act(
        nomination=nomination,
        by=people.admin,
        action="approve",
        year=today.year,
        valid_from=today,
        valid_until=today.replace(year=today.year + 1),
        decree_number="188.44/1/2026",
    )


def detail_url(nomination):
    return reverse("workspace-nomination", args=[nomination.pk])


def record_url(nomination):
    return reverse("workspace-nomination-record", args=[nomination.pk])


def html(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


# Photos -----------------------------------------------------------------------------------------


def test_the_nomination_page_shows_the_products_photos_each_opening_larger(client, people):
    front = f.ProductImageFactory(product=people.product, alt_text="Kemasan depan", order=0)
    back = f.ProductImageFactory(product=people.product, alt_text="Label belakang", order=1)
    nomination = submitted(people)
    client.force_login(people.reviewer)

    page = html(client.get(detail_url(nomination)))

    photos = page[page.index('class="dossier-photos"') :]
    for image in (front, back):
        assert f'href="{image.url960}"' in photos
        assert f'src="{image.url320}" alt="{image.alt_text}"' in photos
    assert photos.index("Kemasan depan") < photos.index("Label belakang")


def test_a_product_without_photos_says_so(client, people):
    client.force_login(people.reviewer)

    with translation.override("en"):
        page = html(client.get(detail_url(submitted(people))))

    assert "dossier-photos" not in page
    assert "The product has no photo yet." in page


# The queue -------------------------------------------------------------------------------------


def test_a_reviewer_starts_from_what_waits_for_their_assessment(client, people):
    waiting = submitted(people)
    draft = nominated(people, f.ProductFactory(owner_agency=people.owner, name="Madu Pelawan"))
    decided = f.NominationFactory(
        product__owner_agency=people.owner, state="rejected", submitted_at=timezone.now()
    )
    client.force_login(people.reviewer)

    page = html(client.get(reverse("workspace-nominations")))

    assert detail_url(waiting) in page
    assert detail_url(decided) not in page and detail_url(draft) not in page
    assert 'href="?antrian=review" aria-current="page"' in page
    # The other queues are one tap away, and "all" lists what the reviewer may see.
    assert 'href="?antrian=semua"' in page
    everything = html(client.get(reverse("workspace-nominations") + "?antrian=semua"))
    assert detail_url(waiting) in everything and detail_url(decided) in everything
    assert 'href="?antrian=semua" aria-current="page"' in everything


def test_the_queue_is_kept_by_the_filters_and_an_unknown_one_falls_back(client, people):
    submitted(people)
    client.force_login(people.reviewer)

    page = html(client.get(reverse("workspace-nominations") + "?antrian=semua&q=lada"))
    assert '<input type="hidden" name="antrian" value="semua">' in page

    fallback = html(client.get(reverse("workspace-nominations") + "?antrian=nope"))
    assert 'href="?antrian=review" aria-current="page"' in fallback


def test_an_editor_starts_from_every_nomination_they_may_see(client, people):
    draft = nominated(people)
    client.force_login(people.editor)

    page = html(client.get(reverse("workspace-nominations")))

    assert detail_url(draft) in page
    assert 'href="?antrian=semua" aria-current="page"' in page
    assert "antrian=review" not in page


# The timeline ----------------------------------------------------------------------------------


def test_the_timeline_tells_each_step_in_words_with_the_day(client, people):
    nomination = submitted(people)
    client.force_login(people.reviewer)

    with translation.override("en"):
        page = html(client.get(detail_url(nomination)))

    timeline = page[page.index('class="timeline"') :]
    timeline = timeline[: timeline.index("</ol>")]
    assert "Dedi" in timeline and "(Distan) nominated the product" in timeline
    assert "(Distan) submitted the nomination for review." in timeline
    day = timezone.localdate(nomination.submitted_at)
    assert f"{day.day} {day:%B} {day.year} at " in timeline
    assert "→" not in timeline and "submitted</" not in timeline


# The assessment record -------------------------------------------------------------------------


def test_a_draft_has_no_record_and_its_address_sends_back(client, people):
    draft = nominated(people)
    client.force_login(people.editor)

    detail = html(client.get(detail_url(draft)))
    response = client.get(record_url(draft))

    assert record_url(draft) not in detail
    assert response.status_code == 302 and response["Location"] == detail_url(draft)
    assert [m.level_tag for m in get_messages(response.wsgi_request)] == ["info"]


def test_a_submitted_nomination_links_its_record(client, people):
    nomination = submitted(people)
    client.force_login(people.editor)

    assert record_url(nomination) in html(client.get(detail_url(nomination)))
    assert client.get(record_url(nomination)).status_code == 200


def test_the_record_has_a_letterhead_place_date_and_signers_with_their_nip(client, people):
    StaffProfile.objects.create(user=people.reviewer, nip=NIP)
    nomination = approved(people)
    approval = nomination.events.get(action="approve")
    client.force_login(people.admin)

    with translation.override("en"):
        page = html(client.get(record_url(nomination)))

    letterhead = page[page.index('class="letterhead"') : page.index("record__kind")]
    assert "Provincial Government of Kepulauan Bangka Belitung" in letterhead
    assert "Dinas Perindustrian dan Perdagangan" in letterhead  # the assessing agency
    assert "Jl. Pulau Bangka, Air Itam" in letterhead
    signatures = page[page.index('class="record__signatures"') :]
    day = timezone.localdate(approval.created_at)
    assert f"Pangkalpinang, {day.day} {day:%B} {day.year}" in signatures
    assessor, administrator = signatures.split('<li class="signature">')[1:3]
    assert people.reviewer.get_full_name() in assessor and f"NIP {NIP}" in assessor
    assert "Dinas Perindustrian dan Perdagangan" in assessor
    assert "Rahmat Hidayat" in administrator and "NIP ……" in administrator  # none given
    # The print button is there for the script to show; nothing inline.
    assert "data-print hidden" in page and "onclick" not in page


def test_the_record_links_its_print_stylesheet_which_hides_the_navigation(client, people):
    nomination = submitted(people)
    client.force_login(people.editor)

    page = html(client.get(record_url(nomination)))

    assert 'href="/static/css/review.css"' in page and 'src="/static/js/print.js"' in page
    css = (Path(settings.BASE_DIR) / "static/css/review.css").read_text()
    printed = css[css.index("@media print") :]
    for hidden in (".site-header", ".site-nav", ".workspace-nav", ".site-footer", ".record__tools"):
        assert hidden in printed.split("display: none")[0]


def test_a_nip_has_eighteen_digits(people):
    profile = StaffProfile(user=people.reviewer, nip="1982-0314")
    with pytest.raises(ValidationError) as refused:
        profile.full_clean()
    assert "nip" in refused.value.message_dict
    StaffProfile(user=people.reviewer, nip=NIP).full_clean()
    StaffProfile(user=people.reviewer, nip="").full_clean()
