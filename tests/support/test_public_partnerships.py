"""The public register of partnerships: `/kemitraan/`, `/kemitraan/<id>/`, `/mitra/<slug>/`
(issue 14 item 5). What they show and to whom, the obligations' progress against the core's
`realisation()`, their budgets, their place in the page cache and in the sitemap."""

import re
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from support.models import Agreement, Obligation
from support.services.agreements import realisation
from tests.factories import (
    ActivityFactory,
    AgreementFactory,
    AgreementPartyFactory,
    BusinessFactory,
    ObligationFactory,
    PartnerFactory,
    ServiceFactory,
    signed_between,
    stage,
)
from tests.support.partnership_helpers import assert_public_and_cacheable

pytestmark = pytest.mark.django_db


def days(n: int):
    return timezone.localdate() + timedelta(days=n)


@pytest.fixture
def register(world):
    """Diskop (`collaborator`) and OKE OCE signed an MoU in force for another year, with a PKS
    under it and two obligations of OKE OCE: 20 businesses mentored (three so far: four
    services, two to the same business) and 2 trainings co-organised (a public one and an
    internal one). An old agreement with a partner that has since stopped expired with
    an obligation left at 0 of 5; another was terminated; a draft is still being written."""
    diskop, okeoce = world.collaborator, PartnerFactory(name="OKE OCE Indonesia", slug="oke-oce")
    sleeping = PartnerFactory(name="Koperasi Tidur", slug="koperasi-tidur", is_active=False)
    mou, diskop_party, oke_party = signed_between(
        diskop, okeoce, title="MoU Pemprov Babel dan OKE OCE", scope="Pendampingan UMKM 7 TOP",
        valid_from=days(-200), valid_until=days(400), signed_on=days(-210),
        legal_basis="Pergub Kep. Babel No. 48 Tahun 2018",
    )  # fmt: skip
    mou.stages.set([stage("pendampingan"), stage("pelatihan")])
    mentored = ObligationFactory(
        agreement=mou, party=oke_party, target=20, unit="umkm", due_on=days(300)
    )
    trainings = ObligationFactory(
        agreement=mou, party=oke_party, target=2, unit="kegiatan", due_on=days(300),
        activity_kind="pelatihan", service_kind="", stage=stage("pelatihan"),
    )  # fmt: skip
    first, second, third = (BusinessFactory(name=f"Usaha Binaan {n}") for n in range(3))
    for business, on in ((first, -20), (first, -10), (second, -5), (third, -1)):
        ServiceFactory(
            business=business, agency=None, partner=okeoce, agreement=mou, provided_on=days(on)
        )
    training = ActivityFactory(
        organiser=diskop, agreement=mou, is_public=True, title="Pelatihan Mentor OKE OCE",
        starts_at=timezone.now() - timedelta(days=3), ends_at=timezone.now() - timedelta(days=3)
        + timedelta(hours=4),
    )  # fmt: skip
    training.partners.add(okeoce)
    internal = ActivityFactory(
        organiser=diskop, agreement=mou, title="Rapat Internal OKE OCE",
        starts_at=timezone.now() - timedelta(days=2), ends_at=timezone.now() - timedelta(days=2)
        + timedelta(hours=1),
    )  # fmt: skip
    internal.partners.add(okeoce)
    pks = AgreementFactory(
        kind="pks", parent=mou, lead_agency=diskop, title="PKS Pendampingan Diskop",
        valid_from=days(-100), valid_until=days(60), signed_on=days(-110),
    )  # fmt: skip
    AgreementPartyFactory(agreement=pks, agency=diskop)
    AgreementPartyFactory(agreement=pks, partner=okeoce)
    expired, _, sleeping_party = signed_between(
        world.owner, sleeping, title="Kerja Sama Lama", valid_from=days(-800),
        valid_until=days(-40), signed_on=days(-810),
    )  # fmt: skip
    behind = ObligationFactory(agreement=expired, party=sleeping_party, target=5, due_on=days(-50))
    terminated, *_ = signed_between(
        world.leading, okeoce, title="Kerja Sama Dihentikan", status="terminated"
    )
    draft, *_ = signed_between(
        diskop, okeoce, title="Draf Rahasia Kerja Sama", status="draft", signed_on=None
    )
    return locals()


def url(agreement: Agreement) -> str:
    return f"/kemitraan/{agreement.pk}/"


def text(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def test_the_register_lists_active_partners_and_signed_agreements_never_drafts(client, register):
    content = text(client.get("/kemitraan/"))

    assert 'href="/mitra/oke-oce/"' in content
    assert "Koperasi Tidur</a>" not in content  # inactive: named as a party, never linked
    for title in ("MoU Pemprov Babel dan OKE OCE", "PKS Pendampingan Diskop", "Kerja Sama Lama",
                  "Kerja Sama Dihentikan"):  # fmt: skip
        assert title in content
    assert "Draf Rahasia" not in content
    assert "4 signed agreements" in text(client.get("/en/kemitraan/"))


def test_each_agreement_shows_parties_numbers_term_phase_and_stages(client, register):
    mou = register["mou"]
    content = text(client.get("/en/kemitraan/"))

    assert register["diskop_party"].document_number in content
    assert register["oke_party"].document_number in content
    assert "Mentoring" in content and "Training" in content  # the stages
    assert 'class="badge badge--ongoing">Active<' in content  # the MoU's phase
    assert 'class="badge">Expiring<' in content  # the PKS: 60 days left
    assert 'class="badge">Expired<' in content
    assert 'class="badge badge--cancelled">Terminated<' in content
    assert "In force" in content
    assert f'href="/en/kemitraan/{mou.pk}/"' in content


def test_obligation_progress_is_the_realisation_of_the_core(client, register):
    content = text(client.get(f"/en{url(register['mou'])}"))

    mentored = realisation(register["mentored"]).figure
    trainings = realisation(register["trainings"]).figure
    # Three businesses; both trainings, the internal one too (counted, never shown).
    assert (mentored, trainings) == (3, 2)
    assert '<progress max="20" value="3"' in content
    assert '<progress max="2" value="2"' in content
    assert "3 of 20 businesses (UMKM) (15%)" in content
    assert "2 of 2 activities (100%)" in content


def test_an_obligation_past_due_and_below_target_is_marked(client, register):
    content = text(client.get(f"/en{url(register['expired'])}"))

    assert "0 of 5" in content
    assert '<span class="badge badge--cancelled">Overdue, below target</span>' in content
    assert "obligation--behind" in content
    assert "obligation--behind" not in text(client.get(url(register["mou"])))


@pytest.mark.parametrize("who", ["anonymous", "administrator", "collab_manager"])
def test_a_draft_and_an_unknown_agreement_answer_404_to_everyone(client, register, world, who):
    if who != "anonymous":
        client.force_login(world.people[who])

    assert client.get(url(register["draft"])).status_code == 404
    assert client.get("/kemitraan/999999/").status_code == 404
    assert client.get("/kemitraan/99999999999999999999999/").status_code == 404


def test_the_detail_shows_scope_signatories_legal_basis_parent_and_children(client, register):
    content = text(client.get(url(register["mou"])))
    assert "Pendampingan UMKM 7 TOP" in content
    assert "Pergub Kep. Babel No. 48 Tahun 2018" in content
    assert "Kepala Dinas" in content  # the signatory
    assert f'href="/kemitraan/{register["pks"].pk}/"' in content  # the PKS under it

    pks = text(client.get(url(register["pks"])))
    assert f'href="/kemitraan/{register["mou"].pk}/"' in pks  # and back to its MoU


def test_the_public_activities_under_an_agreement_are_listed_internal_ones_never(client, register):
    content = text(client.get(url(register["mou"])))

    assert "Pelatihan Mentor OKE OCE" in content
    assert "Rapat Internal OKE OCE" not in content


def test_a_terminated_agreement_stays_and_says_so(client, register):
    content = text(client.get(f"/en{url(register['terminated'])}"))

    assert "This agreement was terminated on" in content
    assert "Mitra tidak aktif" in content  # the reason


def test_the_document_is_linked_only_when_marked_public(client, register):
    mou = register["mou"]
    mou.document.save("mou.pdf", ContentFile(b"%PDF-1.4 isi"), save=True)
    assert ".pdf" not in text(client.get(url(mou)))

    Agreement.objects.filter(pk=mou.pk).update(document_is_public=True)
    content = text(client.get(url(mou)))
    assert f'href="{Agreement.objects.get(pk=mou.pk).document.url}"' in content


def test_a_partner_page_shows_its_agreements_and_public_activities_it_co_organised(
    client, register
):
    content = text(client.get("/mitra/oke-oce/"))

    assert "OKE OCE Indonesia" in content
    for title in ("MoU Pemprov Babel dan OKE OCE", "PKS Pendampingan Diskop",
                  "Kerja Sama Dihentikan"):  # fmt: skip
        assert title in content
    assert "Kerja Sama Lama" not in content  # another partner's
    assert "Draf Rahasia" not in content
    assert "Pelatihan Mentor OKE OCE" in content
    assert "Rapat Internal OKE OCE" not in content


def test_an_inactive_or_unknown_partner_answers_404(client, register):
    assert client.get("/mitra/koperasi-tidur/").status_code == 404
    assert client.get("/mitra/tidak-ada/").status_code == 404


def test_stored_text_is_escaped(client, world):
    partner = PartnerFactory(
        name="<script>alert(1)</script> Mitra",
        slug="mitra-jahat",
        description="<b>tebal</b>",
        website="https://mitra.example.org",
    )
    agreement, *_ = signed_between(world.owner, partner, title="<img src=x onerror=alert(2)>")
    for path in ("/kemitraan/", url(agreement), "/mitra/mitra-jahat/"):
        content = text(client.get(path))
        assert "<script>alert(1)</script>" not in content
        assert "<img src=x" not in content
        assert "<b>tebal</b>" not in content


@pytest.mark.parametrize("path", ["/kemitraan/", "MOU", "/mitra/oke-oce/", "/en/kemitraan/",
                                  "/en/MOU", "/en/mitra/oke-oce/"])  # fmt: skip
def test_pages_are_public_cacheable_sessionless_and_without_inline_code(client, register, path):
    path = path.replace("/MOU", url(register["mou"])).replace("MOU", url(register["mou"]))
    assert_public_and_cacheable(client.get(path))


def test_english_under_en(client, register):
    content = text(client.get("/en/kemitraan/"))

    assert '<html lang="en">' in content
    assert "Partnerships" in content and "Partners" in content
    assert f'href="/en/kemitraan/{register["mou"].pk}/"' in content
    assert 'href="/en/mitra/oke-oce/"' in content
    detail = text(client.get(f"/en{url(register['mou'])}"))
    assert "3 of 20" in detail and "Obligations" in detail


def test_the_public_navigation_links_the_register(client, db):
    assert 'href="/kemitraan/"' in text(client.get("/"))
    assert 'href="/en/kemitraan/"' in text(client.get("/en/"))


# Budgets ----------------------------------------------------------------------------------------


def queries_for(client, path) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(path)
    assert response.status_code == 200
    return len(context.captured_queries)


def more_agreements(world, partner, count):
    for n in range(count):
        agreement, agency_party, partner_party = signed_between(
            world.collaborator, partner, title=f"PKS Tambahan {n}"
        )
        agreement.stages.set([stage("pendampingan"), stage("pemasaran")])
        for party in (agency_party, partner_party, partner_party):
            ObligationFactory(agreement=agreement, party=party)
        ServiceFactory(agency=None, partner=partner, agreement=agreement)
        activity = ActivityFactory(organiser=world.collaborator, agreement=agreement,
                                   is_public=True)  # fmt: skip
        activity.partners.add(partner)
        activity.co_organisers.add(world.owner)


@pytest.mark.parametrize("path", ["/kemitraan/", "/mitra/oke-oce/", "/kemitraan/?page=2"])
def test_list_queries_do_not_grow_with_the_rows(client, register, world, path):
    more_agreements(world, register["okeoce"], 8)
    few = queries_for(client, path)
    more_agreements(world, register["okeoce"], 12)
    many = queries_for(client, path)

    assert many == few
    assert many <= 10


def test_detail_queries_do_not_grow_with_the_obligations(client, register, world):
    mou = register["mou"]
    few = queries_for(client, url(mou))
    for _n in range(15):
        ObligationFactory(agreement=mou, party=register["oke_party"])
        AgreementPartyFactory(agreement=mou, partner=PartnerFactory())
    many = queries_for(client, url(mou))

    assert Obligation.objects.filter(agreement=mou).count() == 17
    assert many == few
    assert many <= 9


# The page cache and the sitemap --------------------------------------------------------------


@pytest.fixture
def cache_on(settings):
    settings.PUBLIC_CACHE = True


def fetch(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    return response, len(queries)


@pytest.mark.parametrize("page", ["/kemitraan/", "DETAIL", "/mitra/oke-oce/"])
def test_a_second_visit_is_served_from_the_cache_and_an_obligation_saved_makes_it_stale(
    client, register, cache_on, django_capture_on_commit_callbacks, page
):
    path = url(register["mou"]) if page == "DETAIL" else page
    first, _ = fetch(client, path)
    second, queries = fetch(client, path)
    assert (first["X-Cache"], second["X-Cache"], queries) == ("miss", "hit", 0)

    with django_capture_on_commit_callbacks(execute=True):
        obligation = Obligation.objects.get(pk=register["mentored"].pk)
        obligation.target = 40
        obligation.save()
    third, _ = fetch(client, path)
    assert third["X-Cache"] == "miss"
    assert b'<progress max="40" value="3"' in third.content


def test_the_sitemap_lists_the_register_agreements_and_partners_in_both_languages(client, register):
    content = client.get("/sitemap.xml").content.decode()

    assert "http://testserver/kemitraan/</loc>" in content
    assert 'hreflang="en" href="http://testserver/en/kemitraan/"' in content
    for name in ("mou", "pks", "expired", "terminated"):
        assert f"http://testserver/kemitraan/{register[name].pk}/</loc>" in content
    assert f"/kemitraan/{register['draft'].pk}/" not in content
    assert "http://testserver/mitra/oke-oce/</loc>" in content
    assert "http://testserver/en/mitra/oke-oce/" in content
    assert "/mitra/koperasi-tidur/" not in content


def test_no_page_loads_anything_from_elsewhere(client, register):
    for path in ("/kemitraan/", url(register["mou"]), "/mitra/oke-oce/"):
        html = client.get(path).content
        for value in re.findall(rb'(?:src|srcset)="([^"]+)"', html):
            assert not re.match(rb"https?://", value)
