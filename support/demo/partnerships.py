"""The partnerships' demo (DESIGN §8, issue 14): partners, the 2021 MoU between the province and
OKE OCE Indonesia with a PKS under it for Dinas Koperasi dan UKM, Disperindag and Dinas
Pertanian, agreements with the other partners, obligations, the records made under them,
monitoring reports in every state, and the partner account `okeoce.mentor`.

Every write goes through the workflow functions (support.services.agreements, reports, help,
activities) as the demo account concerned would make it: the lead agency's manager (the
administrator for an agency without one) manages an agreement, its editor drafts reports, the
administrator decides them, the mentor records OKE OCE's help. Dates are counted from the day
the seed runs, so the phases stay right whenever it runs: one agreement active, one expiring
within 90 days, one expired, one terminated, one signed but not started, one draft.

Idempotent like the rest of the demo: an agreement is found by its title and, when it exists,
left alone with everything made under it; the mentor's account is (re)set like every demo
account, its password included."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model

from catalog.demo.seeding import AGENCY_MANAGERS
from support.models import (
    Activity,
    Agreement,
    MonitoringReport,
    Partner,
    PartnerMembership,
    ReportStep,
    Service,
)
from support.services import activities, help, reports
from support.services import agreements as workflow

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from .seeding import Demo

MENTOR = "okeoce.mentor"
OKE_OCE = "oke-oce-indonesia"
UBB = "universitas-bangka-belitung"
BANK = "bank-sumsel-babel"
DEKRANASDA = "dekranasda-babel"
TIMAH = "pt-timah-tbk-csr"
DISKOP, DISPERINDAG, DISTAN = "dinas-koperasi-ukm", "disperindag", "dinas-pertanian"

#: (slug, name, kind, description, website, contact)
PARTNERS = (
    (OKE_OCE, "OKE OCE Indonesia", "community",
     "Gerakan kewirausahaan sosial yang mendampingi UMKM lewat program 7 TOP: pendaftaran, "
     "pelatihan, pendampingan, perizinan, pemasaran, laporan keuangan dan permodalan.",
     "https://okeoce.id", "Koordinator Wilayah Babel, 0812-7100-2021"),
    (UBB, "Universitas Bangka Belitung", "university",
     "Perguruan tinggi negeri di Balunijuk; KKN tematik dan klinik bisnis untuk UMKM.",
     "https://www.ubb.ac.id", "LPPM UBB, (0717) 4260030"),
    (BANK, "Bank Sumsel Babel", "bank",
     "Bank pembangunan daerah; penyalur KUR dan kredit usaha mikro di Bangka Belitung.",
     "https://www.banksumselbabel.com", "Kantor Cabang Pangkalpinang, (0717) 421333"),
    (DEKRANASDA, "Dekranasda Provinsi Kepulauan Bangka Belitung", "association",
     "Dewan Kerajinan Nasional Daerah: pembinaan perajin cual, pewter dan anyaman.",
     "", "Sekretariat Dekranasda Babel, Pangkalpinang"),
    (TIMAH, "PT Timah Tbk — Program CSR UMKM", "soe",
     "Program tanggung jawab sosial dan lingkungan PT Timah Tbk untuk UMKM binaan di wilayah "
     "operasi.",
     "https://timah.com", "Divisi CSR PT Timah Tbk, Pangkalpinang"),
)  # fmt: skip

BUSINESSES = (
    "kwt-jahe-merah-tuatunu-lestari", "kemplang-panggang-atok-gabek",
    "getas-kericu-mak-rohana-belinyu", "lada-putih-mentok-sejahtera",
    "tempoyak-dan-lempok-durian-koba", "sirup-jeruk-kunci-nek-inah",
    "olahan-aren-lubuk-pabrik", "minyak-kelapa-kampung-riau-silip",
    "madu-hutan-pelawan-air-gegas", "kerupuk-tenggiri-manggar-mak-long",
    "kelompok-tani-lada-berkah-jebus", "ikan-asin-lepar-pongok",
)  # fmt: skip


@dataclass(frozen=True)
class ObligationSpec:
    party: str  # an agency or partner slug
    stage: str
    target: int
    unit: str
    service_kind: str = ""
    activity_kind: str = ""
    description: str = ""
    due: int | None = None  # days from today; None: the agreement's last day


@dataclass(frozen=True)
class ReportSpec:
    """A report over [start, end] (days from today) and the steps it went through."""

    start: int
    end: int
    steps: tuple[tuple[str, str], ...] = ()  # (action, comment)
    obstacles: str = ""
    follow_up: str = ""


@dataclass(frozen=True)
class AgreementSpec:
    title: str
    kind: str
    lead: str
    parties: tuple[tuple[str, str, str, str], ...]  # (slug, document number, signatory, title)
    valid: tuple[int, int]  # days from today; `fixed_from` wins for the start
    stages: tuple[str, ...]
    scope: str
    signed: int | None = None  # days from today; None: a draft
    fixed_from: datetime.date | None = None
    parent: str = ""
    legal_basis: str = ""
    terminated: str = ""  # the reason
    obligations: tuple[ObligationSpec, ...] = ()
    reports: tuple[ReportSpec, ...] = field(default=())


GOVERNOR = ("Gubernur Kepulauan Bangka Belitung", "Gubernur")
MOU_TITLE = (
    "Kesepakatan Bersama Pemerintah Provinsi Kepulauan Bangka Belitung dan OKE OCE Indonesia "
    "tentang Pengembangan Kewirausahaan dan UMKM (2021)"
)
PKS_DISKOP = "PKS Pendampingan UMKM 7 TOP — Dinas Koperasi dan UKM dan OKE OCE Indonesia"
PERGUB = "Pergub Kep. Babel No. 48 Tahun 2018 tentang Tata Cara Kerja Sama Daerah"

AGREEMENTS = (
    AgreementSpec(
        title=MOU_TITLE, kind="mou", lead=DISKOP,
        parties=(
            (DISKOP, "119/045/DKUKM/2021", *GOVERNOR),
            (DISPERINDAG, "119/046/DISPERINDAG/2021", *GOVERNOR),
            (DISTAN, "119/047/DISTAN/2021", *GOVERNOR),
            (OKE_OCE, "021/OKOC-MoU/V/2021", "Ketua Umum OKE OCE Indonesia", "Ketua Umum"),
        ),
        fixed_from=datetime.date(2021, 6, 1), valid=(0, 730), signed=None,
        stages=("pendaftaran", "pelatihan", "pendampingan", "perizinan", "pemasaran", "keuangan",
                "permodalan"),
        scope="Kerja sama pengembangan kewirausahaan: pendampingan UMKM dengan program 7 TOP, "
        "pelatihan, akses pasar dan akses permodalan di seluruh kabupaten/kota.",
        legal_basis=PERGUB,
    ),
    AgreementSpec(
        title=PKS_DISKOP, kind="pks", lead=DISKOP, parent=MOU_TITLE,
        parties=(
            (DISKOP, "500/212/DKUKM/2025", "Kepala Dinas Koperasi dan UKM", "Kepala Dinas"),
            (OKE_OCE, "034/OKOC-PKS/BABEL/2025", "Koordinator Wilayah Babel", "Korwil"),
        ),
        valid=(-300, 430), signed=-305,
        stages=("pendampingan", "pelatihan", "keuangan"),
        scope="Mentor OKE OCE mendampingi UMKM binaan Diskop UKM; Diskop menyelenggarakan "
        "pelatihan pembukuan dan kemasan bersama OKE OCE.",
        legal_basis=PERGUB,
        obligations=(
            ObligationSpec(OKE_OCE, "pendampingan", 10, "umkm", service_kind="pendampingan",
                           description="UMKM didampingi mentor OKE OCE."),
            ObligationSpec(OKE_OCE, "keuangan", 12, "layanan", service_kind="konsultasi",
                           description="Sesi konsultasi pembukuan sederhana."),
            ObligationSpec(DISKOP, "pelatihan", 30, "peserta", activity_kind="pelatihan",
                           description="Peserta pelatihan bersama OKE OCE."),
        ),
        reports=(
            ReportSpec(-300, -211, (("submit", ""), ("accept", "Sesuai bukti kegiatan.")),
                       obstacles="Jadwal mentor bentrok dengan musim panen lada.",
                       follow_up="Jadwal pendampingan disusun per kecamatan."),
            ReportSpec(-210, -121, (("submit", ""),
                                    ("return", "Lampirkan daftar hadir pelatihan dan koreksi "
                                               "jumlah UMKM yang didampingi.")),
                       obstacles="Sebagian UMKM belum memiliki NIB."),
            ReportSpec(-120, -31, (("submit", "Laporan triwulan ketiga."),),
                       follow_up="Pendampingan lanjutan untuk UMKM yang belum tuntas."),
            ReportSpec(-30, -1),
        ),
    ),
    AgreementSpec(
        title="PKS Akses Pasar UMKM — Disperindag dan OKE OCE Indonesia", kind="pks",
        lead=DISPERINDAG, parent=MOU_TITLE,
        parties=(
            (DISPERINDAG, "510/088/DISPERINDAG/2025", "Kepala Disperindag", "Kepala Dinas"),
            (OKE_OCE, "019/OKOC-PKS/BABEL/2025", "Koordinator Wilayah Babel", "Korwil"),
        ),
        valid=(-640, 60), signed=-650, stages=("pemasaran",),
        scope="Pameran dan temu bisnis bersama untuk produk UMKM binaan.",
        legal_basis=PERGUB,
        obligations=(
            ObligationSpec(OKE_OCE, "pemasaran", 3, "kegiatan", activity_kind="pameran",
                           description="Pameran yang diselenggarakan bersama OKE OCE."),
            # Due within two weeks and not begun: the daily reminders' "due in 14 days".
            ObligationSpec(DISPERINDAG, "pemasaran", 2, "kegiatan", activity_kind="temu_bisnis",
                           description="Temu bisnis UMKM binaan dengan pembeli ritel modern.",
                           due=10),
        ),
    ),
    AgreementSpec(
        title="PKS Pendampingan Petani Milenial — Dinas Pertanian dan OKE OCE Indonesia",
        kind="pks", lead=DISTAN, parent=MOU_TITLE,
        parties=(
            (DISTAN, "520/301/DISTAN/2024", "Kepala Dinas Pertanian", "Kepala Dinas"),
            (OKE_OCE, "007/OKOC-PKS/BABEL/2024", "Koordinator Wilayah Babel", "Korwil"),
        ),
        valid=(-760, -30), signed=-770, stages=("pendampingan",),
        scope="Pendampingan kelompok tani olahan jahe merah dan lada.",
        legal_basis=PERGUB,
        obligations=(
            ObligationSpec(DISTAN, "pendampingan", 8, "umkm", service_kind="pendampingan",
                           description="Kelompok tani didampingi."),
        ),
    ),
    AgreementSpec(
        title="Kesepakatan Bersama Dinas Koperasi dan UKM dan Universitas Bangka Belitung "
        "tentang KKN Tematik UMKM", kind="mou", lead=DISKOP,
        parties=(
            (DISKOP, "500/150/DKUKM/2026", "Kepala Dinas Koperasi dan UKM", "Kepala Dinas"),
            (UBB, "1021/UN50/KS/2026", "Rektor Universitas Bangka Belitung", "Rektor"),
        ),
        valid=(-200, 900), signed=-205, stages=("pendaftaran", "keuangan"),
        scope="Mahasiswa KKN membantu pendataan dan pembukuan UMKM desa.",
        terminated="Program KKN tematik dialihkan ke skema hibah kampus; kedua pihak sepakat "
        "mengakhiri kerja sama lebih awal.",
    ),
    AgreementSpec(
        title="Kesepakatan Bersama Disperindag dan Bank Sumsel Babel tentang Akses KUR UMKM",
        kind="mou", lead=DISPERINDAG,
        parties=(
            (DISPERINDAG, "", "Kepala Disperindag", "Kepala Dinas"),
            (BANK, "", "Pemimpin Cabang Pangkalpinang", "Pemimpin Cabang"),
        ),
        valid=(30, 1125), stages=("permodalan",),
        scope="Rancangan: klinik KUR bulanan dan kurasi calon debitur UMKM.",
    ),
    AgreementSpec(
        title="Kesepakatan Bersama Disperindag dan Dekranasda Babel tentang Pembinaan Perajin",
        kind="mou", lead=DISPERINDAG,
        parties=(
            (DISPERINDAG, "530/044/DISPERINDAG/2026", "Kepala Disperindag", "Kepala Dinas"),
            (DEKRANASDA, "12/DEKRANASDA-BABEL/2026", "Ketua Dekranasda Babel", "Ketua"),
        ),
        valid=(-100, 1000), signed=-110, stages=("pelatihan", "pemasaran"),
        scope="Pelatihan desain kain cual dan pewter, dan kurasi untuk pameran kriya.",
    ),
    AgreementSpec(
        title="Kesepakatan Bersama Dinas Koperasi dan UKM dan PT Timah Tbk tentang Program CSR "
        "UMKM Binaan", kind="mou", lead=DISKOP,
        parties=(
            (DISKOP, "500/260/DKUKM/2026", "Kepala Dinas Koperasi dan UKM", "Kepala Dinas"),
            (TIMAH, "TMH/CSR/0412/2026", "Kepala Divisi CSR PT Timah Tbk", "Kepala Divisi"),
        ),
        valid=(45, 1140), signed=-5, stages=("permodalan", "pemasaran"),
        scope="Pinjaman lunak dan pameran bagi UMKM di wilayah operasi PT Timah.",
    ),
)  # fmt: skip

#: The mentor's help under the Diskop PKS: (business index, days from today, kind, stage, summary)
MENTOR_SERVICES = (
    (0, -280, "pendampingan", "pendampingan", "Pendampingan penyusunan rencana usaha jahe merah."),
    (1, -250, "pendampingan", "pendampingan", "Pendampingan perbaikan kemasan kemplang."),
    (2, -190, "pendampingan", "pendampingan", "Pendampingan pencatatan stok getas."),
    (3, -160, "konsultasi", "keuangan", "Konsultasi pembukuan harian lada putih."),
    (4, -140, "konsultasi", "keuangan", "Konsultasi memisahkan uang usaha dan rumah tangga."),
    (5, -100, "pendampingan", "pendampingan", "Pendampingan pemasaran daring sirup jeruk kunci."),
    (6, -70, "konsultasi", "keuangan", "Konsultasi harga pokok produksi gula aren."),
    (7, -40, "pendampingan", "pendampingan", "Pendampingan pengurusan NIB minyak kelapa."),
    (0, -20, "konsultasi", "keuangan", "Konsultasi laporan laba rugi sederhana."),
    (8, -8, "pendampingan", "pendampingan", "Pendampingan label dan kemasan madu pelawan."),
)
#: Distan's help under its (now expired) PKS.
DISTAN_SERVICES = (
    (10, -500, "Pendampingan budidaya lada organik bersama mentor OKE OCE."),
    (0, -300, "Pendampingan olahan jahe merah instan bersama mentor OKE OCE."),
)


def seed_partnerships(demo: "Demo", password: str) -> None:
    """Partners, the mentor's account, the agreements and what was done under them."""
    partners = seed_partners()
    mentor = seed_mentor(partners[OKE_OCE], password)
    businesses = [demo.businesses[slug] for slug in BUSINESSES if slug in demo.businesses]
    for spec in AGREEMENTS:
        if Agreement.objects.filter(title=spec.title).exists():
            continue
        agreement = seed_agreement(demo, spec, partners)
        if spec.title == PKS_DISKOP:
            seed_diskop_records(demo, agreement, mentor, businesses)
        elif spec.lead == DISPERINDAG and spec.kind == "pks":
            seed_fair(demo, agreement, businesses)
        elif spec.lead == DISTAN:
            seed_distan_records(demo, agreement, businesses)
        for report in spec.reports:
            seed_report(demo, agreement, report)


def seed_partners() -> dict[str, Partner]:
    partners = {}
    for slug, name, kind, description, website, contact in PARTNERS:
        partner, _ = Partner.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "kind": kind,
                "description": description,
                "website": website,
                "contact": contact,
            },
        )
        partners[slug] = partner
    return partners


def seed_mentor(partner: Partner, password: str) -> "User":
    """`okeoce.mentor`, OKE OCE's staff, reset like every demo account (catalog.demo.seeding:
    `seed_accounts`): names, address, active, and the demo password."""
    user, _ = get_user_model().objects.get_or_create(username=MENTOR)
    user.first_name, user.last_name = "Rizky", "Mentor OKE OCE"
    user.email = f"{MENTOR}@umkm.example.org"
    user.is_active = True
    user.set_password(password)
    user.save()
    PartnerMembership.objects.get_or_create(user=user, partner=partner)
    return user


def manager(demo: "Demo", agency_slug: str) -> "User":
    """Who manages an agency's agreements: its demo manager, else the administrator."""
    return demo.user(AGENCY_MANAGERS.get(agency_slug, "admin"))


def seed_agreement(demo: "Demo", spec: AgreementSpec, partners: dict[str, Partner]) -> Agreement:
    by = manager(demo, spec.lead)
    valid_from = spec.fixed_from or demo.day(spec.valid[0])
    parties = []
    for slug, number, signatory, title in spec.parties:
        organisation: dict[str, Any] = (
            {"partner": partners[slug]} if slug in partners else {"agency": demo.agencies[slug]}
        )
        parties.append(
            {
                **organisation,
                "document_number": number,
                "signatory_name": signatory,
                "signatory_title": title,
            }
        )
    agreement = workflow.create_agreement(
        by=by,
        lead_agency=demo.agencies[spec.lead],
        stages=[demo.stages[code] for code in spec.stages],
        parties=parties,
        kind=spec.kind,
        parent=Agreement.objects.get(title=spec.parent) if spec.parent else None,
        title=spec.title,
        scope=spec.scope,
        valid_from=valid_from,
        valid_until=demo.day(spec.valid[1]),
        legal_basis=spec.legal_basis,
    )
    if spec.signed is not None or spec.fixed_from:
        signed_on = (
            spec.fixed_from - datetime.timedelta(days=10)
            if spec.fixed_from
            else demo.day(spec.signed or 0)
        )
        workflow.sign_agreement(agreement=agreement, by=by, signed_on=signed_on)
    for obligation in spec.obligations:
        party = agreement.parties.get(
            **(
                {"partner": partners[obligation.party]}
                if obligation.party in partners
                else {"agency": demo.agencies[obligation.party]}
            )
        )
        workflow.add_obligation(
            agreement=agreement,
            by=by,
            party=party,
            stage=demo.stages[obligation.stage],
            service_kind=obligation.service_kind,
            activity_kind=obligation.activity_kind,
            target=obligation.target,
            unit=obligation.unit,
            due_on=agreement.valid_until if obligation.due is None else demo.day(obligation.due),
            description=obligation.description,
        )
    if spec.terminated:
        workflow.terminate_agreement(agreement=agreement, by=by, reason=spec.terminated)
        Agreement.objects.filter(pk=agreement.pk).update(
            terminated_at=demo.past(demo.moment(demo.day(-20), 10))
        )
    Agreement.objects.filter(pk=agreement.pk).update(
        created_at=demo.past(demo.moment(agreement.signed_on or demo.day(-3), 9))
    )
    agreement.refresh_from_db()
    return agreement


def _service(demo: "Demo", by: "User", when: int, **fields: Any) -> Service:
    provided_on = demo.day(when)
    service = help.record_service(by=by, provided_on=provided_on, outcome="done", **fields)
    Service.objects.filter(pk=service.pk).update(created_at=demo.past(demo.moment(provided_on, 16)))
    return service


def seed_diskop_records(
    demo: "Demo", agreement: Agreement, mentor: "User", businesses: list[Any]
) -> None:
    """OKE OCE's mentoring recorded by its mentor; two trainings of Diskop with OKE OCE, one
    created by the mentor (Diskop organises, OKE OCE co-organises)."""
    oke_oce = Partner.objects.get(agreement_parties__agreement=agreement)
    for index, days, kind, stage, summary in MENTOR_SERVICES:
        if index < len(businesses):
            _service(
                demo,
                mentor,
                days,
                business=businesses[index],
                partner=oke_oce,
                agreement=agreement,
                kind=kind,
                stage=demo.stages[stage],
                hours=2,
                mentor_name="Rizky (OKE OCE)",
                summary=summary,
                benefit="non_financial",
            )
    diskop = agreement.lead_agency
    for by, days, title in (
        (demo.editor(DISKOP), -150, "Pelatihan Pembukuan Sederhana UMKM bersama OKE OCE"),
        (mentor, -45, "Kelas Kemasan dan Foto Produk OKE OCE"),
    ):
        starts = demo.moment(demo.day(days), 9)
        activity = activities.create_activity(
            by=by,
            organiser=diskop,
            stages=[demo.stages["pelatihan"]],
            agreement=agreement,
            partners=[oke_oce],
            kind="pelatihan",
            title=title,
            description="Diselenggarakan di bawah PKS Diskop UKM dan OKE OCE Indonesia.",
            starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=7),
            region=demo.regions["pangkalpinang"],
            place="Aula Dinas Koperasi dan UKM",
            capacity=30,
            funding="partner",
            benefit="non_financial",
            is_public=True,
        )
        activities.add_participants(
            activity=activity, by=by, businesses=businesses[:8], status="attended"
        )
        Activity.objects.filter(pk=activity.pk).update(
            created_at=demo.past(starts - datetime.timedelta(days=14))
        )


def seed_fair(demo: "Demo", agreement: Agreement, businesses: list[Any]) -> None:
    """One exhibition with OKE OCE under Disperindag's (expiring) PKS."""
    oke_oce = Partner.objects.get(agreement_parties__agreement=agreement)
    starts = demo.moment(demo.day(-90), 9)
    activity = activities.create_activity(
        by=demo.user("admin"),
        organiser=agreement.lead_agency,
        stages=[demo.stages["pemasaran"]],
        agreement=agreement,
        partners=[oke_oce],
        kind="pameran",
        title="Bazar UMKM OKE OCE Babel",
        description="Pameran produk UMKM binaan di bawah PKS Disperindag dan OKE OCE.",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(days=2, hours=8),
        region=demo.regions["pangkalpinang"],
        place="Alun-alun Taman Merdeka",
        funding="partner",
        benefit="non_financial",
        is_public=True,
    )
    activities.add_participants(
        activity=activity, by=demo.user("admin"), businesses=businesses[2:7], status="attended"
    )


def seed_distan_records(demo: "Demo", agreement: Agreement, businesses: list[Any]) -> None:
    """Distan's mentoring made while its PKS ran (it has expired since)."""
    for index, days, summary in DISTAN_SERVICES:
        if index < len(businesses):
            _service(
                demo,
                demo.editor(DISTAN),
                days,
                business=businesses[index],
                agency=agreement.lead_agency,
                agreement=agreement,
                kind="pendampingan",
                hours=3,
                summary=summary,
                benefit="non_financial",
            )


def seed_report(demo: "Demo", agreement: Agreement, spec: ReportSpec) -> MonitoringReport:
    """A report opened by the lead agency's editor a few days after its period, then the steps
    of `spec` (submitted by the editor, decided by the administrator), each backdated."""
    editor, admin = demo.editor(agreement.lead_agency.slug), demo.user("admin")
    report = reports.open_report(
        agreement=agreement,
        period_start=demo.day(spec.start),
        period_end=demo.day(spec.end),
        by=editor,
        obstacles=spec.obstacles,
        follow_up=spec.follow_up,
    )
    steps: dict[str, tuple[Callable[..., MonitoringReport], User]] = {
        "submit": (reports.submit, editor),
        "accept": (reports.accept, admin),
        "return": (reports.return_report, admin),
    }
    for action, comment in spec.steps:
        step, by = steps[action]
        report = step(report=report, by=by, comment=comment)
    moments = [demo.past(demo.moment(demo.day(spec.end + 1), 9))]
    for number, row in enumerate(report.steps.order_by("created_at", "pk")):
        moment = demo.past(demo.moment(demo.day(min(spec.end + 1 + 3 * number, -1)), 9 + number))
        ReportStep.objects.filter(pk=row.pk).update(created_at=moment)
        moments.append(moment)
    MonitoringReport.objects.filter(pk=report.pk).update(created_at=moments[0])
    return report
