"""Obligation realisation against hand-counted fixtures (issue 14 item 2).

Diskop (`D`, an agency party) and OKE OCE (`K`, a partner party) signed an agreement in force
from 2025 to 2027; Distan (`X`) is no party. The report period is the first half of 2026. Every
record below is listed with whether it counts, and why not when it does not; the figures in the
tests are those counts, made by hand.
"""

import pytest

from support.models import Obligation
from support.services.agreements import realisation
from tests.factories import (
    AgreementFactory,
    ObligationFactory,
)
from tests.support.partnership_helpers import END, START, hand_counted_books

pytestmark = pytest.mark.django_db


@pytest.fixture
def books():
    """The records (tests/support/partnership_helpers.py `hand_counted_books`): services `s`,
    activities `a`, obligations `o`, businesses `b`; each listed there with whether it counts."""
    return hand_counted_books()


def figure(obligation: Obligation, **period) -> int:
    return realisation(obligation, **period).figure


def in_period(obligation: Obligation):
    return realisation(obligation, period_start=START, period_end=END)


def test_services_count_standing_ones_of_the_kind_stage_period_and_party(books):
    _agreement, s, _a, o, _b = books
    found = in_period(o["services"])
    assert found.figure == 4
    assert list(found.records) == [s["s1"], s["s2"], s["s10"], s["s3"]]


def test_businesses_served_count_each_business_once(books):
    _agreement, _s, _a, o, b = books
    found = in_period(o["served"])
    assert found.figure == 3  # b1 (twice), b2, b4
    assert {service.business for service in found.records} == {b[1], b[2], b[4]}


def test_participants_count_those_who_took_part_in_the_party_s_activities(books):
    _agreement, _s, a, o, b = books
    found = in_period(o["participants"])
    assert found.figure == 4  # a1: b1, b2; a2 (co-organised): b1, b5
    assert {(p.activity, p.business) for p in found.records} == {
        (a["a1"], b[1]), (a["a1"], b[2]), (a["a2"], b[1]), (a["a2"], b[5]),
    }  # fmt: skip


def test_activities_count_those_the_party_organised_or_co_organised(books):
    _agreement, _s, a, o, _b = books
    found = in_period(o["trainings"])
    assert found.figure == 2
    assert list(found.records) == [a["a1"], a["a2"]]


def test_businesses_trained_count_each_business_once(books):
    *_, o, _b = books
    assert in_period(o["trained"]).figure == 3  # b1, b2, b5


def test_a_partner_party_counts_the_activities_it_co_organised(books):
    _agreement, _s, a, o, _b = books
    found = in_period(o["k_trainings"])
    assert found.figure == 2
    assert set(found.records) == {a["a2"], a["a7"]}


def test_an_obligation_with_nothing_behind_it_is_zero(books):
    *_, o, _b = books
    found = in_period(o["licences"])
    assert (found.figure, list(found.records), found.percent) == (0, [], 0)


def test_without_a_period_the_agreement_s_whole_term_counts(books):
    *_, o, _b = books
    assert figure(o["services"]) == 5  # s4, in July, joins
    assert figure(o["served"]) == 4  # and b3 with it
    assert figure(o["trainings"]) == 3  # a6, in August, joins
    assert figure(o["participants"]) == 5


def test_the_figure_is_one_query(books, django_assert_num_queries):
    *_, o, _b = books
    obligation = Obligation.objects.select_related("agreement", "party").get(pk=o["served"].pk)
    with django_assert_num_queries(1):
        assert in_period(obligation).figure == 3


def test_percent_is_realised_over_target_capped_for_the_bar(books):
    *_, o, _b = books
    Obligation.objects.filter(pk=o["services"].pk).update(target=8)
    assert in_period(Obligation.objects.get(pk=o["services"].pk)).percent == 50
    Obligation.objects.filter(pk=o["services"].pk).update(target=2)
    assert in_period(Obligation.objects.get(pk=o["services"].pk)).percent == 100


def test_another_agreement_s_records_never_count(books):
    agreement, *_ = books
    lonely = AgreementFactory(lead_agency=agreement.lead_agency)
    party = lonely.parties.create(agency=agreement.lead_agency)
    obligation = ObligationFactory(agreement=lonely, party=party)
    assert figure(obligation) == 0
