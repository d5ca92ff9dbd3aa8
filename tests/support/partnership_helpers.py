"""Plain helpers of the partnership tests (tests/support/test_*partnerships.py,
tests/api/test_dashboard_partnerships.py): records counted by hand, built in the rights-matrix
world of tests/conftest.py. Fixtures in the test modules call them."""

import datetime
import re
from datetime import timedelta

from django.utils import timezone

from tests.factories import (
    ActivityFactory,
    AgencyFactory,
    AgreementPartyFactory,
    BusinessFactory,
    MilestoneFactory,
    ObligationFactory,
    ParticipationFactory,
    PartnerFactory,
    RegionFactory,
    ServiceFactory,
    signed_between,
    stage,
)
from umkm_portal.caching import seconds_until_midnight

TODAY = timezone.localdate()
YEAR = TODAY.year
MIDYEAR = datetime.date(YEAR, 6, 15)
START, END = datetime.date(2026, 1, 1), datetime.date(2026, 6, 30)


def days(n: int) -> datetime.date:
    return TODAY + timedelta(days=n)


def at(day: datetime.date, hour: int = 9, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def assert_public_and_cacheable(response):
    assert response.status_code == 200
    assert not response.cookies
    assert "csrfmiddlewaretoken" not in response.content.decode()
    assert "Cookie" not in response.get("Vary", "")
    control = response["Cache-Control"]
    assert "public" in control
    max_age = int(re.search(r"max-age=(\d+)", control).group(1))
    assert max_age <= seconds_until_midnight() + 1
    content = response.content.decode()
    assert not re.search(r"<script(?![^>]*\bsrc=)", content)  # no inline script
    assert "<style" not in content and " style=" not in content


def hand_counted_books():
    """Records counted by hand, for `realisation()` (tests/support/test_realisation.py) and the
    lists' one-query figures (`support.obligations`): Diskop `d` and OKE OCE `k` signed an
    agreement in force 2025-2027; Distan `x` is no party. Each record says whether it counts for
    the first half of 2026, and why not when it does not."""
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


def make_deals(world):
    """Agreements of every kind around the world's agencies (Distan `owner`, Diskop
    `collaborator`, DKP `other`, Disperindag `leading`, Dispar `foreign`):

    - `a1`, led by Distan with OKE OCE, 60 days left (expiring): one mentoring service by Distan;
      Distan's obligations `behind` (past due, 1 of 5), `met` (past due, 1 of 1), `later` (not
      due yet);
    - `a2`, led by Diskop with DKP and the university, 200 days left: `a2_behind` (0 of 3);
    - `a3`, led by Dispar with the bank, expired 20 days ago: `a3_behind` (0 of 3);
    - `a4` terminated and `a5` a draft, both led by Distan, each with an obligation past due at 0;
    - `a6`, led by Disperindag with OKE OCE, exactly 90 days left (still expiring); `a7` 91."""
    okeoce = PartnerFactory(name="OKE OCE Indonesia", slug="oke-oce")
    univ = PartnerFactory(name="Universitas Bangka Belitung", slug="ubb", kind="university")
    bank = PartnerFactory(name="Bank Sumsel Babel", slug="bank-sumsel-babel", kind="bank")
    term = {"valid_from": days(-300), "signed_on": days(-310)}

    a1, a1_distan, _ = signed_between(world.owner, okeoce, valid_until=days(60), **term)
    ServiceFactory(agency=world.owner, agreement=a1, provided_on=days(-100))
    mentoring = {"agreement": a1, "party": a1_distan, "unit": "layanan"}
    behind = ObligationFactory(**mentoring, target=5, due_on=days(-10))
    met = ObligationFactory(**mentoring, target=1, due_on=days(-10))
    later = ObligationFactory(**mentoring, target=5, due_on=days(30))

    a2, _a2_diskop, _ = signed_between(world.collaborator, univ, valid_until=days(200), **term)
    a2_dkp = AgreementPartyFactory(agreement=a2, agency=world.other)
    a2_behind = ObligationFactory(agreement=a2, party=a2_dkp, target=3, due_on=days(-5))

    a3, _, a3_bank = signed_between(world.foreign, bank, valid_until=days(-20), **term)
    a3_behind = ObligationFactory(agreement=a3, party=a3_bank, target=3, due_on=days(-30))

    a4, _, a4_oke = signed_between(world.owner, okeoce, status="terminated", **term)
    ObligationFactory(agreement=a4, party=a4_oke, target=3, due_on=days(-5))
    a5, _, a5_oke = signed_between(world.owner, okeoce, status="draft", valid_until=days(30),
                                   valid_from=days(-300), signed_on=None)  # fmt: skip
    ObligationFactory(agreement=a5, party=a5_oke, target=3, due_on=days(-5))

    a6, *_ = signed_between(world.leading, okeoce, valid_until=days(90), **term)
    a7, *_ = signed_between(world.leading, okeoce, valid_until=days(91), **term)
    return locals()


def make_partner_work(world):
    """Counted by hand for the year:

    OKE OCE gave services to b1 (twice) and b2, one to b7 was voided, one to b6 was last year;
    it co-organised, with the university, a training where b2 attended, b3 (in Belitung)
    completed and b4 only registered, a cancelled clinic b5 attended, and last year's training b6
    completed. Served: OKE OCE b1, b2, b3 (3); the university b2, b3 (2); the bank none.
    Milestones verified in the year: m1 (b1) credits OKE OCE and the university, m2 (b3) OKE OCE;
    m3 is not verified, m4 was last year. Credited: OKE OCE 2, the university 1, the bank 0."""
    okeoce = PartnerFactory(name="OKE OCE Indonesia", slug="oke-oce")
    univ = PartnerFactory(name="Universitas Bangka Belitung", slug="ubb", kind="university")
    bank = PartnerFactory(name="Bank Sumsel Babel", slug="bank-sumsel-babel", kind="bank")
    belitung = RegionFactory(slug="belitung", name="Kabupaten Belitung")
    b = {n: BusinessFactory(name=f"Usaha {n}", region=world.region) for n in range(1, 8)}
    b[3].region = belitung
    b[3].save()
    agreement, *_ = signed_between(world.owner, okeoce, valid_from=datetime.date(YEAR - 1, 1, 1),
                                   valid_until=datetime.date(YEAR + 1, 12, 31))  # fmt: skip
    last_year = datetime.date(YEAR - 1, 6, 15)

    def service(business, on=MIDYEAR, **fields):
        return ServiceFactory(agency=None, partner=okeoce, agreement=agreement, business=business,
                              provided_on=on, **fields)  # fmt: skip

    service(b[1])
    service(b[1], MIDYEAR + timedelta(days=1))
    service(b[2])
    service(b[7], voided_at=timezone.now(), void_reason="Salah catat")
    service(b[6], last_year)

    def activity(day, partners_, took_part, **fields):
        made = ActivityFactory(organiser=world.owner, starts_at=at(day), ends_at=at(day, 15),
                               **fields)  # fmt: skip
        made.partners.set(partners_)
        for business, status in took_part:
            ParticipationFactory(activity=made, business=business, status=status)
        return made

    activity(MIDYEAR, [okeoce, univ],
             [(b[2], "attended"), (b[3], "completed"), (b[4], "registered")])  # fmt: skip
    activity(MIDYEAR, [okeoce], [(b[5], "attended")], cancelled_at=timezone.now(),
             cancel_reason="Banjir")  # fmt: skip
    activity(last_year, [okeoce], [(b[6], "completed")])

    def milestone(business, credited, achieved_on=MIDYEAR, verified=True):
        made = MilestoneFactory(business=business, achieved_on=achieved_on,
                                verified_at=timezone.now() if verified else None)  # fmt: skip
        made.credited_partners.set(credited)
        return made

    m1 = milestone(b[1], [okeoce, univ])
    m2 = milestone(b[3], [okeoce])
    milestone(b[2], [okeoce], verified=False)
    milestone(b[2], [okeoce], achieved_on=last_year)
    return locals()
