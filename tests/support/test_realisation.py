"""Obligation realisation against hand-counted fixtures (issue 14 item 2).

Diskop (`D`, an agency party) and OKE OCE (`K`, a partner party) signed an agreement in force
from 2025 to 2027; Distan (`X`) is no party. The report period is the first half of 2026. Every
record below is listed with whether it counts, and why not when it does not; the figures in the
tests are those counts, made by hand.
"""

import datetime

import pytest
from django.utils import timezone

from support.models import Obligation
from support.services.agreements import realisation
from tests.factories import (
    ActivityFactory,
    AgencyFactory,
    AgreementFactory,
    BusinessFactory,
    ObligationFactory,
    ParticipationFactory,
    PartnerFactory,
    ServiceFactory,
    signed_between,
    stage,
)

pytestmark = pytest.mark.django_db

START, END = datetime.date(2026, 1, 1), datetime.date(2026, 6, 30)


def at(day: datetime.date, hour: int = 9, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


@pytest.fixture
def books():
    d = AgencyFactory(name="Dinas Koperasi dan UKM", slug="dinas-koperasi-ukm")
    x = AgencyFactory(name="Dinas Pertanian", slug="dinas-pertanian")
    k = PartnerFactory(name="OKE OCE Indonesia", slug="oke-oce")
    agreement, d_party, k_party = signed_between(
        d, k, valid_from=datetime.date(2025, 1, 1), valid_until=datetime.date(2027, 12, 31),
        signed_on=datetime.date(2024, 12, 20),
    )  # fmt: skip
    other_agreement, *_ = signed_between(
        d, k, valid_from=datetime.date(2025, 1, 1), valid_until=datetime.date(2027, 12, 31),
        signed_on=datetime.date(2024, 12, 20),
    )  # fmt: skip
    b = [BusinessFactory(name=f"Usaha {n}") for n in range(9)]  # b[1]..b[8] are used

    def service(provider, business, on, **fields):
        fields.setdefault("agreement", agreement)
        fields.setdefault("kind", "pendampingan")
        fields.setdefault("stage", stage("pendampingan"))
        who = {"partner": provider, "agency": None} if provider is k else {"agency": provider}
        return ServiceFactory(business=business, provided_on=on, **who, **fields)

    s = {
        "s1": service(k, b[1], datetime.date(2026, 2, 1)),  # counts
        "s2": service(k, b[1], datetime.date(2026, 3, 1)),  # counts (same business again)
        "s3": service(k, b[2], END),  # counts: the period's last day
        "s4": service(k, b[3], datetime.date(2026, 7, 1)),  # after the period, within the term
        "s5": service(k, b[3], datetime.date(2026, 4, 1), voided_at=timezone.now(),
                      void_reason="Salah catat"),  # voided
        "s6": service(k, b[3], datetime.date(2026, 4, 1), kind="konsultasi"),  # wrong kind
        "s7": service(k, b[3], datetime.date(2026, 4, 1), stage=stage("pemasaran")),  # stage
        "s8": service(d, b[3], datetime.date(2026, 4, 1)),  # the other party
        "s9": service(k, b[4], datetime.date(2026, 4, 1), agreement=other_agreement),
        "s10": service(k, b[4], datetime.date(2026, 4, 2), outcome="not_achieved"),  # counts
    }  # fmt: skip

    def activity(organiser, starts, *, co=(), partners=(), took_part=(), others=(), **fields):
        fields.setdefault("agreement", agreement)
        fields.setdefault("kind", "pelatihan")
        stages = fields.pop("stages", [stage("pelatihan")])
        made = ActivityFactory(organiser=organiser, starts_at=starts,
                               ends_at=starts + datetime.timedelta(minutes=30),
                               stages=stages, **fields)  # fmt: skip
        made.co_organisers.set(co)
        made.partners.set(partners)
        for business, status in [*took_part, *others]:
            ParticipationFactory(activity=made, business=business, status=status)
        return made

    a = {
        # D organises: b1 attended, b2 completed count; b3 registered and b4 absent do not.
        "a1": activity(d, at(datetime.date(2026, 2, 10)),
                       took_part=[(b[1], "attended"), (b[2], "completed")],
                       others=[(b[3], "registered"), (b[4], "absent")]),
        # X organises, D co-organises, K takes part; starts late on the period's last day.
        "a2": activity(x, at(END, 23, 30), co=[d], partners=[k],
                       stages=[stage("pelatihan"), stage("pemasaran")],
                       took_part=[(b[1], "completed"), (b[5], "attended")]),
        "a3": activity(d, at(datetime.date(2026, 3, 1)), cancelled_at=timezone.now(),
                       cancel_reason="Banjir", took_part=[(b[6], "attended")]),  # cancelled
        "a4": activity(d, at(datetime.date(2026, 3, 2)), kind="bimtek",
                       took_part=[(b[6], "attended")]),  # wrong kind
        "a5": activity(d, at(datetime.date(2026, 3, 3)), stages=[stage("pemasaran")],
                       took_part=[(b[6], "attended")]),  # wrong stage
        "a6": activity(d, at(datetime.date(2026, 8, 1)),
                       took_part=[(b[6], "attended")]),  # after the period
        "a7": activity(x, at(datetime.date(2026, 4, 1)), partners=[k],
                       took_part=[(b[7], "attended")]),  # K's, not D's
        "a8": activity(d, at(datetime.date(2026, 4, 1)), agreement=None,
                       took_part=[(b[8], "attended")]),  # under no agreement
    }  # fmt: skip

    def obligation(party, **fields):
        return ObligationFactory(agreement=agreement, party=party, **fields)

    service_kind = {"service_kind": "pendampingan", "stage": stage("pendampingan")}
    training = {"activity_kind": "pelatihan", "service_kind": "", "stage": stage("pelatihan")}
    o = {
        "services": obligation(k_party, unit="layanan", **service_kind),
        "served": obligation(k_party, unit="umkm", **service_kind),
        "participants": obligation(d_party, unit="peserta", **training),
        "trainings": obligation(d_party, unit="kegiatan", **training),
        "trained": obligation(d_party, unit="umkm", **training),
        "k_trainings": obligation(k_party, unit="kegiatan", **training),
        "licences": obligation(d_party, unit="layanan", service_kind="fasilitasi_sertifikasi",
                               stage=stage("perizinan")),
    }  # fmt: skip
    return agreement, s, a, o, b


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
