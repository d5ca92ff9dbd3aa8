"""The workspace's first page and the lists of my products and businesses."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from agencies.models import Role
from catalog import rules
from catalog.models import Collaboration, Nomination, NominationEvent, Product
from tests.factories import (
    AgencyFactory,
    BusinessFactory,
    CollaborationFactory,
    MembershipFactory,
    NominationFactory,
    ProductFactory,
    UserFactory,
)
from tests.helpers import member

pytestmark = pytest.mark.django_db

MAX_QUERIES = 15


# Who is who -------------------------------------------------------------------------------------


@pytest.fixture
def agency():
    return AgencyFactory(name="Dinas Pertanian", short_name="Distan", slug="dinas-pertanian")


@pytest.fixture
def other_agency():
    return AgencyFactory(
        name="Dinas Kelautan dan Perikanan", short_name="DKP", slug="dinas-kelautan-perikanan"
    )


@pytest.fixture
def leading_sector():
    return AgencyFactory(
        name="Dinas Koperasi dan UKM",
        short_name="Diskop UKM",
        slug="dinas-koperasi-ukm",
        is_leading_sector=True,
    )


@pytest.fixture
def manager(agency):
    return member(agency, Role.MANAGER, username="pertanian.manager")


@pytest.fixture
def editor(agency):
    return member(agency, username="pertanian.editor")


@pytest.fixture
def other_editor(other_agency):
    return member(other_agency, username="perikanan.editor")


@pytest.fixture
def reviewer(leading_sector):
    return member(leading_sector, Role.REVIEWER, username="koperasi.reviewer")


@pytest.fixture
def administrator():
    user = UserFactory(username="admin.provinsi")
    user.groups.add(rules.administrator_group())
    return user


def product_of(agency, **fields):
    business = fields.pop("business", None) or BusinessFactory(registering_agency=agency)
    return ProductFactory(owner_agency=agency, business=business, **fields)


def invitation(product, agency):
    return CollaborationFactory(product=product, agency=agency, status=Collaboration.Status.PENDING)


def nomination(agency, state, **fields):
    if state not in ("draft",):
        fields.setdefault("submitted_by", UserFactory())
        fields.setdefault("submitted_at", timezone.now())
    return NominationFactory(product=product_of(agency), state=state, **fields)


def never_cached(response) -> bool:
    directives = {part.strip() for part in response.get("Cache-Control", "").split(",")}
    return {"no-cache", "no-store", "private"} <= directives


def page_of(client, user, path="/ruang-kerja/", **params):
    client.force_login(user)
    response = client.get(path, params)
    assert response.status_code == 200
    return response


# Access -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/ruang-kerja/", "/ruang-kerja/produk/", "/ruang-kerja/umkm/"])
def test_workspace_pages_send_anonymous_visitors_to_sign_in(client, path):
    response = client.get(path)

    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={path}"
    assert never_cached(response)


def test_english_workspace_sends_to_the_english_sign_in(client):
    response = client.get("/en/ruang-kerja/")

    assert response["Location"] == "/en/accounts/login/?next=/en/ruang-kerja/"


@pytest.mark.parametrize("path", ["/ruang-kerja/", "/ruang-kerja/produk/", "/ruang-kerja/umkm/"])
def test_workspace_pages_are_never_cached(client, editor, path):
    response = page_of(client, editor, path)

    assert never_cached(response)
    assert "public" not in response["Cache-Control"]


@pytest.mark.parametrize("path", ["/ruang-kerja/", "/ruang-kerja/produk/", "/ruang-kerja/umkm/"])
def test_workspace_pages_refuse_writes(client, editor, path):
    client.force_login(editor)

    assert client.post(path).status_code == 405


# My agencies ------------------------------------------------------------------------------------


def test_dashboard_lists_my_agencies_and_my_role_in_each(client, editor, agency, leading_sector):
    MembershipFactory(user=editor, agency=leading_sector, role=Role.REVIEWER)
    AgencyFactory(name="Dinas Pariwisata", slug="dinas-pariwisata")

    response = page_of(client, editor, "/en/ruang-kerja/")

    memberships = response.context["memberships"]
    assert [(m.agency, m.role) for m in memberships] == [  # by agency name
        (leading_sector, Role.REVIEWER),
        (agency, Role.EDITOR),
    ]
    page = response.content.decode()
    assert 'Dinas Pertanian</a> · <span class="role">Editor</span>' in page
    assert 'Dinas Koperasi dan UKM</a> · <span class="role">Reviewer</span>' in page
    assert "Dinas Pariwisata" not in page
    assert not response.context["administrator"]
    assert "you act for every agency" not in page


def test_dashboard_tells_administrators_they_act_for_every_agency(client, administrator):
    response = page_of(client, administrator, "/en/ruang-kerja/")

    assert response.context["administrator"]
    assert "you act for every agency" in response.content.decode()


# My tasks ---------------------------------------------------------------------------------------


def test_manager_sees_the_invitations_of_their_agency(
    client, manager, agency, other_agency, leading_sector
):
    invited = invitation(product_of(other_agency, name="Kemplang Ikan Tenggiri"), agency)
    invitation(product_of(other_agency, name="Terasi Toboali"), leading_sector)
    accepted = CollaborationFactory(product=product_of(other_agency, name="Rusip"), agency=agency)

    response = page_of(client, manager)

    assert response.context["invitations"].items == [invited]
    page = response.content.decode()
    assert f'href="/ruang-kerja/kolaborasi/#kolaborasi-{invited.pk}"' in page
    assert "Kemplang Ikan Tenggiri" in page
    assert "Terasi Toboali" not in page
    assert accepted.product.name not in page


def test_editor_who_is_not_manager_has_no_invitation_task(client, manager, editor, agency):
    invitation(product_of(AgencyFactory(), name="Kemplang Ikan Tenggiri"), agency)

    response = page_of(client, editor)

    assert response.context["invitations"] is None
    page = response.content.decode()
    assert "Kemplang Ikan Tenggiri" not in page
    assert 'id="invitations"' not in page


def test_reviewer_sees_submitted_nominations_except_their_own(
    client, reviewer, agency, other_agency
):
    theirs = nomination(agency, "submitted")
    others = nomination(other_agency, "submitted")
    own = nomination(agency, "submitted", submitted_by=reviewer)
    draft = nomination(agency, "draft")
    recommended = nomination(agency, "recommended")
    sent_back = nomination(agency, "changes_requested")

    response = page_of(client, reviewer)

    assert set(response.context["to_review"].items) == {theirs, others}
    assert response.context["to_decide"] is None
    assert response.context["to_complete"] is None
    assert response.context["invitations"] is None
    page = response.content.decode()
    for shown in (theirs, others):
        assert f'href="/ruang-kerja/usulan/{shown.pk}/"' in page
    for hidden in (own, draft, recommended, sent_back):
        assert f"/ruang-kerja/usulan/{hidden.pk}/" not in page
    assert not response.context["edits"]
    assert 'href="/ruang-kerja/produk/baru/"' not in page


def test_administrator_sees_recommended_nominations_and_every_invitation(
    client, administrator, agency, other_agency
):
    recommended = nomination(agency, "recommended")
    self_recommended = nomination(other_agency, "recommended")
    NominationEvent.objects.create(
        nomination=self_recommended,
        action="recommend",
        from_state="submitted",
        to_state="recommended",
        actor=administrator,
    )
    submitted = nomination(agency, "submitted")
    invited = invitation(product_of(agency), other_agency)

    response = page_of(client, administrator)

    assert response.context["to_decide"].items == [recommended]
    assert response.context["invitations"].items == [invited]
    assert response.context["to_review"] is None
    page = response.content.decode()
    assert f'href="/ruang-kerja/usulan/{recommended.pk}/"' in page
    # Four eyes: who recommended it may not decide it.
    assert f"/ruang-kerja/usulan/{self_recommended.pk}/" not in page
    assert f"/ruang-kerja/usulan/{submitted.pk}/" not in page


def test_editor_sees_drafts_and_sent_back_nominations_of_their_agency(
    client, editor, agency, other_agency
):
    draft = nomination(agency, "draft")
    sent_back = nomination(agency, "changes_requested")
    nomination(agency, "submitted")
    nomination(agency, "recommended")
    other_draft = nomination(other_agency, "draft")

    response = page_of(client, editor)

    assert set(response.context["to_complete"].items) == {draft, sent_back}
    assert response.context["to_review"] is None
    page = response.content.decode()
    assert f'href="/ruang-kerja/usulan/{draft.pk}/"' in page
    assert f'href="/ruang-kerja/usulan/{sent_back.pk}/"' in page
    assert f"/ruang-kerja/usulan/{other_draft.pk}/" not in page


def test_task_lists_stop_at_the_limit_and_say_there_are_more(client, manager, agency, monkeypatch):
    monkeypatch.setattr("workspace.views.dashboard.TASK_LIMIT", 2)
    for _ in range(3):
        invitation(product_of(AgencyFactory()), agency)

    response = page_of(client, manager)

    tasks = response.context["invitations"]
    assert len(tasks.items) == 2 and tasks.more
    assert 'href="/ruang-kerja/kolaborasi/"' in response.content.decode()


def test_dashboard_counts_my_agencies_products_by_status(client, editor, agency, other_agency):
    for status in ("published", "published", "draft", "archived"):
        product_of(agency, status=status)
    co_curated = product_of(other_agency, status="draft")
    CollaborationFactory(product=co_curated, agency=agency)
    product_of(other_agency, status="published")
    invitation(product_of(other_agency, status="draft"), agency)  # not accepted: not mine

    response = page_of(client, editor)

    counts = {status: count for status, _label, count in response.context["product_counts"]}
    assert counts == {"draft": 2, "published": 2, "archived": 1}
    assert 'href="/ruang-kerja/produk/?status=draft"' in response.content.decode()


def test_administrator_counts_every_product(client, administrator, agency, other_agency):
    product_of(agency, status="published")
    product_of(other_agency, status="draft")

    response = page_of(client, administrator)

    counts = {status: count for status, _label, count in response.context["product_counts"]}
    assert counts == {"draft": 1, "published": 1, "archived": 0}


def test_dashboard_links_stay_in_english_under_en(client, editor, agency):
    draft = nomination(agency, "draft")

    page = page_of(client, editor, "/en/ruang-kerja/").content.decode()

    assert f'href="/en/ruang-kerja/usulan/{draft.pk}/"' in page
    assert 'href="/en/ruang-kerja/produk/baru/"' in page


# A constant number of queries -------------------------------------------------------------------


def queries_for(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


def grow_data(agency, other_agency, n):
    for _ in range(n):
        product = product_of(other_agency, status="draft")
        invitation(product, agency)
        CollaborationFactory(product=product_of(other_agency), agency=agency)
        nomination(agency, "draft")
        nomination(agency, "changes_requested")
        nomination(agency, "submitted")
        nomination(other_agency, "recommended")


@pytest.mark.parametrize("who", ["manager", "editor", "reviewer", "administrator"])
def test_dashboard_needs_the_same_few_queries_for_1_or_30_of_everything(
    client, request, who, agency, other_agency, reviewer, administrator, manager
):
    user = request.getfixturevalue(who)
    client.force_login(user)
    grow_data(agency, other_agency, 1)
    client.get("/ruang-kerja/")  # warm-up: content types and the like are cached once

    small = queries_for(client, "/ruang-kerja/")
    grow_data(agency, other_agency, 29)
    large = queries_for(client, "/ruang-kerja/")

    assert small == large
    assert large <= MAX_QUERIES


@pytest.mark.parametrize("path", ["/ruang-kerja/produk/", "/ruang-kerja/umkm/"])
@pytest.mark.parametrize("who", ["editor", "administrator"])
def test_lists_need_the_same_few_queries_for_1_or_30_rows(
    client, request, who, path, agency, other_agency
):
    user = request.getfixturevalue(who)
    client.force_login(user)
    product_of(agency)
    client.get(path)

    small = queries_for(client, path)
    for _ in range(29):
        product_of(agency)
        CollaborationFactory(product=product_of(other_agency), agency=agency)
    large = queries_for(client, path)

    assert small == large
    assert large <= MAX_QUERIES


# My products ------------------------------------------------------------------------------------


def shown_products(response):
    return [product.name for product in response.context["page"].object_list]


def test_product_list_shows_only_what_my_agencies_curate(client, editor, agency, other_agency):
    owned = product_of(agency, name="Lada Putih Muntok", status="draft")
    co_curated = product_of(other_agency, name="Madu Pelawan")
    CollaborationFactory(product=co_curated, agency=agency)
    product_of(other_agency, name="Kemplang Ikan")
    invitation(product_of(other_agency, name="Getas Ikan"), agency)
    ended = product_of(other_agency, name="Rusip Udang")
    CollaborationFactory(product=ended, agency=agency, status=Collaboration.Status.ENDED)

    response = page_of(client, editor, "/ruang-kerja/produk/")

    assert sorted(shown_products(response)) == ["Lada Putih Muntok", "Madu Pelawan"]
    page = response.content.decode()
    for hidden in ("Kemplang Ikan", "Getas Ikan", "Rusip Udang"):
        assert hidden not in page
    assert f'href="/ruang-kerja/produk/{owned.slug}/"' in page
    assert f'href="/ruang-kerja/produk/{co_curated.slug}/"' in page
    assert 'href="/ruang-kerja/produk/baru/"' in page
    assert owned.business.name in page
    rows = {product.name: product for product in response.context["page"].object_list}
    assert rows["Madu Pelawan"].co_curated and not rows["Lada Putih Muntok"].co_curated


def test_product_list_marks_what_my_agency_only_co_curates(client, editor, agency, other_agency):
    CollaborationFactory(product=product_of(other_agency, name="Madu Pelawan"), agency=agency)
    product_of(agency, name="Lada Putih Muntok")

    page = page_of(client, editor, "/en/ruang-kerja/produk/").content.decode()

    rows = re.findall(r"<li>.*?</li>", page, re.S)
    madu = next(row for row in rows if "Madu Pelawan" in row)
    lada = next(row for row in rows if "Lada Putih Muntok" in row)
    assert "Co-curated by your agency" in madu and "curated by DKP" in madu
    assert "Co-curated" not in lada and "curated by Distan" in lada
    assert "Published" in lada


def test_administrator_lists_every_product(client, administrator, agency, other_agency):
    product_of(agency, name="Lada Putih Muntok", status="draft")
    product_of(other_agency, name="Kemplang Ikan", status="archived")

    response = page_of(client, administrator, "/ruang-kerja/produk/")

    assert sorted(shown_products(response)) == ["Kemplang Ikan", "Lada Putih Muntok"]


def test_product_list_search_status_and_agency_filters(
    client, editor, agency, other_agency, leading_sector
):
    MembershipFactory(user=editor, agency=other_agency, role=Role.MANAGER)
    product_of(agency, name="Lada Putih Muntok", status="published")
    product_of(agency, name="Lada Hitam", status="draft")
    product_of(other_agency, name="Kemplang Lada", status="draft")
    product_of(leading_sector, name="Lada Koperasi", status="draft")

    def names(**params):
        return sorted(shown_products(page_of(client, editor, "/ruang-kerja/produk/", **params)))

    assert names(q="lada") == ["Kemplang Lada", "Lada Hitam", "Lada Putih Muntok"]
    assert names(q="LADA  hitam") == ["Lada Hitam"]
    assert names(status="draft") == ["Kemplang Lada", "Lada Hitam"]
    assert names(dinas="dinas-pertanian") == ["Lada Hitam", "Lada Putih Muntok"]
    assert names(dinas="dinas-kelautan-perikanan", status="draft") == ["Kemplang Lada"]
    # Not my agency: refused next to its field and ignored; nothing of that agency appears.
    response = page_of(client, editor, "/ruang-kerja/produk/", dinas="dinas-koperasi-ukm")
    assert "dinas" in response.context["form"].errors
    assert "Lada Koperasi" not in response.content.decode()
    assert len(shown_products(response)) == 3


def test_agency_filter_offers_only_my_agencies(client, editor, agency, other_agency):
    response = page_of(client, editor, "/ruang-kerja/produk/")

    choices = [value for value, _label in response.context["form"].fields["dinas"].choices]
    assert choices == ["", "dinas-pertanian"]
    assert "dinas-kelautan-perikanan" not in response.content.decode()


def test_product_list_paginates_by_25(client, editor, agency):
    for _ in range(30):
        product_of(agency)

    first = page_of(client, editor, "/ruang-kerja/produk/")
    second = page_of(client, editor, "/ruang-kerja/produk/", page="2")

    assert len(first.context["page"].object_list) == 25
    assert len(second.context["page"].object_list) == 5
    assert set(shown_products(first)).isdisjoint(shown_products(second))
    assert first.context["page"].paginator.count == 30
    assert 'href="?page=2"' in first.content.decode()


def test_pagination_keeps_the_filters(client, editor, agency):
    for _ in range(26):
        product_of(agency, status="draft")

    page = page_of(client, editor, "/ruang-kerja/produk/", status="draft").content.decode()

    assert 'href="?page=2&amp;status=draft"' in page


@pytest.mark.parametrize(
    "params",
    [
        {"page": "abc"},
        {"page": "-1"},
        {"page": "99999999999999999999"},
        {"status": "nope"},
        {"status": ["draft", "published"]},
        {"q": "%"},
        {"q": "_"},
        {"q": "a" * 5000},
        {"q": "'; DROP TABLE catalog_product; --"},
        {"dinas": "../../etc"},
        {"dinas": "dinas-kelautan-perikanan"},
        {"aktif": "ya"},
    ],
)
@pytest.mark.parametrize("path", ["/ruang-kerja/produk/", "/ruang-kerja/umkm/"])
def test_bad_input_never_breaks_a_list_nor_leaks(
    client, editor, agency, other_agency, path, params
):
    product_of(agency, name="Lada Putih Muntok")
    product_of(other_agency, name="Kemplang Ikan")
    BusinessFactory(registering_agency=other_agency, name="Usaha Perikanan Lain")

    response = page_of(client, editor, path, **params)

    page = response.content.decode()
    assert "Kemplang Ikan" not in page and "Usaha Perikanan Lain" not in page
    assert Product.objects.count() == 2


def test_bad_filter_values_are_reported_and_ignored(client, editor, agency):
    product_of(agency, name="Lada Putih Muntok")

    response = page_of(client, editor, "/ruang-kerja/produk/", status="nope", q="lada")

    assert "status" in response.context["form"].errors
    assert shown_products(response) == ["Lada Putih Muntok"]
    page = response.content.decode()
    assert 'aria-describedby="id_status_error"' in page and 'id="id_status_error"' in page


def test_percent_and_underscore_are_searched_literally(client, editor, agency):
    product_of(agency, name="Diskon 50% Lada")
    product_of(agency, name="Madu Pelawan")

    assert shown_products(page_of(client, editor, "/ruang-kerja/produk/", q="%")) == [
        "Diskon 50% Lada"
    ]
    assert shown_products(page_of(client, editor, "/ruang-kerja/produk/", q="_")) == []


def test_reviewer_sees_empty_lists_with_an_explanation(client, reviewer, leading_sector):
    product_of(leading_sector, name="Lada Koperasi")
    BusinessFactory(registering_agency=leading_sector, name="Usaha Koperasi")

    for path, hidden in (("/en/ruang-kerja/produk/", "Lada Koperasi"),
                         ("/en/ruang-kerja/umkm/", "Usaha Koperasi")):  # fmt: skip
        response = page_of(client, reviewer, path)
        assert list(response.context["page"].object_list) == []
        page = response.content.decode()
        assert hidden not in page
        assert "You hold no editor or manager role in an agency" in page
        assert "/baru/" not in page


def test_list_labels_every_filter_input(client, editor):
    for path in ("/ruang-kerja/produk/", "/ruang-kerja/umkm/"):
        page = page_of(client, editor, path).content.decode()
        inputs = re.findall(r'<(?:input|select)[^>]*\sid="([^"]+)"', page)
        ids = [i for i in inputs if i.startswith("id_")]
        assert ids
        for input_id in ids:
            assert f'<label for="{input_id}">' in page


# My businesses ----------------------------------------------------------------------------------


def shown_businesses(response):
    return sorted(business.name for business in response.context["page"].object_list)


def test_business_list_shows_only_what_my_agencies_registered(client, editor, agency, other_agency):
    mine = BusinessFactory(registering_agency=agency, name="Usaha Lada Mentok")
    BusinessFactory(registering_agency=agency, name="Usaha Madu", is_active=False)
    theirs = BusinessFactory(registering_agency=other_agency, name="Usaha Kemplang")
    # A product of my agency made by their business does not make the business mine to edit.
    ProductFactory(owner_agency=agency, business=theirs)

    response = page_of(client, editor, "/ruang-kerja/umkm/")

    assert shown_businesses(response) == ["Usaha Lada Mentok", "Usaha Madu"]
    page = response.content.decode()
    assert "Usaha Kemplang" not in page
    assert f'href="/ruang-kerja/umkm/{mine.slug}/"' in page
    assert 'href="/ruang-kerja/umkm/baru/"' in page


def test_business_list_search_and_active_filter(client, editor, agency):
    BusinessFactory(registering_agency=agency, name="Usaha Lada Mentok")
    BusinessFactory(registering_agency=agency, name="Usaha Lada Koba", is_active=False)
    BusinessFactory(registering_agency=agency, name="Kerajinan Pewter")

    def names(**params):
        return shown_businesses(page_of(client, editor, "/ruang-kerja/umkm/", **params))

    assert names(q="lada") == ["Usaha Lada Koba", "Usaha Lada Mentok"]
    assert names(aktif="1") == ["Kerajinan Pewter", "Usaha Lada Mentok"]
    assert names(aktif="0") == ["Usaha Lada Koba"]
    assert names(aktif="0", q="pewter") == []


def test_administrator_lists_every_business(client, administrator, agency, other_agency):
    BusinessFactory(registering_agency=agency, name="Usaha Lada Mentok")
    BusinessFactory(registering_agency=other_agency, name="Usaha Kemplang")

    response = page_of(client, administrator, "/ruang-kerja/umkm/")

    assert shown_businesses(response) == ["Usaha Kemplang", "Usaha Lada Mentok"]


def test_business_list_paginates_by_25(client, editor, agency):
    for _ in range(27):
        BusinessFactory(registering_agency=agency)

    first = page_of(client, editor, "/ruang-kerja/umkm/")
    last = page_of(client, editor, "/ruang-kerja/umkm/", page="abc")
    beyond = page_of(client, editor, "/ruang-kerja/umkm/", page="9")

    assert len(first.context["page"].object_list) == 25
    assert last.context["page"].number == 1
    assert beyond.context["page"].number == 2
    assert len(beyond.context["page"].object_list) == 2


def test_nomination_states_used_by_the_dashboard_exist():
    # The dashboard names these states; a rename in the model must fail here, not silently.
    assert {"draft", "changes_requested", "submitted", "recommended"} <= set(
        Nomination.State.values
    )


@pytest.mark.parametrize("path", ["/ruang-kerja/produk/", "/ruang-kerja/umkm/"])
def test_a_nul_byte_in_a_list_filter_is_a_400(client, editor, path):
    client.force_login(editor)

    response = client.get(path, {"q": "lada\x00"})

    assert response.status_code == 400
