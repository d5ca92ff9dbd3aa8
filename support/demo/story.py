"""The red-ginger story, end to end, around the catalog demo's "KWT Jahe Merah Tuatunu Lestari"
and its "Jahe Merah Instan Bubuk 250 g" (catalog/demo/data.py).

The order of events, as its development record shows them:
1. Dinas Pertanian trains the women farmers' group in cultivation (a field school: completed),
   visits their plots and gives them a dryer and a grinder (a grant).
2. Dinas Pertanian refers the group to Dinas Koperasi dan UKM for packaging and the P-IRT;
   Diskop UKM accepts, trains them in packaging and labels, mentors them on the jar's label
   (pendampingan, stage pemasaran) and facilitates the P-IRT (fasilitasi_sertifikasi aimed at
   `pirt`, done, linked to the P-IRT certificate it produced, which the catalog demo seeds);
   the referral is completed once the certificate is issued.
3. Diskop UKM refers the group to Disperindag for an exhibition; Disperindag accepts, gives
   them a stand at Babel Expo (the exhibition, completed) and completes the referral.
4. The product is co-curated by Diskop UKM, nominated by it and designated a flagship
   (catalog/demo/flagships.py, scenario "jahe-merah"); milestones and snapshots show the
   results; the group consents to its public trail (`show_support`).
"""

from .specs import (
    ActivitySpec,
    MilestoneSpec,
    ReferralSpec,
    ServiceSpec,
    SnapshotSpec,
    Step,
    Taking,
)

BUSINESS = "kwt-jahe-merah-tuatunu-lestari"
PRODUCT = "jahe-merah-instan-bubuk-250-g"
PIRT = (PRODUCT, "pirt")

DISTAN = "dinas-pertanian"
DISKOP = "dinas-koperasi-ukm"
DISPERINDAG = "disperindag"

TRAINING = "Sekolah Lapang Budidaya Jahe Merah di Pekarangan dan Lahan Reklamasi"
PACKAGING_TRAINING = "Bimtek Desain Kemasan dan Label Pangan Olahan"
PIRT_CLINIC = "Klinik Sertifikasi P-IRT dan Halal UMKM Pangan"
EXHIBITION = "Babel Expo Produk Unggulan Daerah"
PACKAGING_SUMMARY = (
    "Pendampingan desain kemasan toples 250 g dan label: komposisi, berat bersih, tanggal "
    "kedaluwarsa dan kode produksi; kemasan lama berupa plastik klip diganti toples bersegel."
)
PIRT_SUMMARY = (
    "Fasilitasi SPP-IRT: penyuluhan keamanan pangan untuk tiga anggota, pemeriksaan sarana "
    "produksi bersama Dinas Kesehatan Kota Pangkalpinang, berkas diajukan lewat OSS."
)
TO_DISKOP_REASON = (
    "Kelompok sudah panen rutin dan mulai mengolah jahe instan, tetapi dikemas plastik klip tanpa "
    "label dan belum punya P-IRT. Mohon pendampingan kemasan dan sertifikasi P-IRT."
)
TO_DISPERINDAG_REASON = (
    "Jahe merah instan kelompok ini sudah ber-P-IRT dan halal dengan kemasan baru. Mohon "
    "diikutkan Babel Expo agar bertemu pembeli grosir dan toko oleh-oleh."
)

ACTIVITIES = (
    ActivitySpec(
        organiser=DISTAN,
        kind="pelatihan",
        stages=("pelatihan",),
        title=TRAINING,
        description=(
            "Sekolah lapang tiga hari: pemilihan bibit rimpang sehat, pengolahan tanah bekas "
            "tambang dengan pupuk kandang, penanaman di polibag, pengendalian busuk rimpang dan "
            "panen umur sepuluh bulan."
        ),
        days=-700,
        length=2,
        region="pangkalpinang",
        place="Balai Penyuluhan Pertanian Kecamatan Gerunggang",
        capacity=25,
        participants=(
            Taking(
                BUSINESS,
                "completed",
                "Lulus. Kelompok menanam 40 polibag per anggota dan 0,5 ha lahan reklamasi.",
            ),
            Taking("poktan-jahe-merah-jada-bahrin", "completed"),
            Taking("minyak-kelapa-kampung-riau-silip", "attended"),
            Taking("olahan-aren-lubuk-pabrik", "absent"),
        ),
    ),
    ActivitySpec(
        organiser=DISKOP,
        co_organisers=(DISPERINDAG,),
        kind="bimtek",
        stages=("pelatihan", "pemasaran"),
        title=PACKAGING_TRAINING,
        description=(
            "Bimbingan teknis dua hari: kemasan primer yang aman untuk pangan, informasi wajib "
            "pada label, desain yang menarik di rak toko dan hitungan biaya kemasan."
        ),
        days=-560,
        length=1,
        region="pangkalpinang",
        place="Aula Dinas Koperasi dan UKM Provinsi, Air Itam",
        capacity=30,
        participants=(
            Taking(BUSINESS, "completed", "Rancangan label toples 250 g selesai di kelas."),
            Taking("keripik-singkong-pemali-renyah", "completed"),
            Taking("dapur-kue-nek-siti-sungailiat", "completed"),
            Taking("tempoyak-dan-lempok-durian-koba", "attended"),
            Taking("otak-otak-tenggiri-bu-yanti", "completed"),
            Taking("sirup-jeruk-kunci-nek-inah", "absent"),
        ),
    ),
    ActivitySpec(
        organiser=DISKOP,
        kind="klinik",
        stages=("perizinan",),
        title=PIRT_CLINIC,
        description=(
            "Klinik satu hari: syarat SPP-IRT dan sertifikasi halal self-declare, pemeriksaan "
            "berkas dan pendaftaran akun OSS dan SIHALAL di tempat."
        ),
        days=-540,
        region="pangkalpinang",
        place="Aula Dinas Koperasi dan UKM Provinsi, Air Itam",
        participants=(
            Taking(BUSINESS, "completed", "Berkas SPP-IRT lengkap; tinggal pemeriksaan sarana."),
            Taking("tempoyak-dan-lempok-durian-koba", "completed"),
            Taking("bumbu-lempah-mak-usu", "attended"),
            Taking("getas-kericu-mak-rohana-belinyu", "attended"),
        ),
    ),
    ActivitySpec(
        organiser=DISPERINDAG,
        kind="pameran",
        stages=("pemasaran",),
        title=EXHIBITION,
        description=(
            "Pameran empat hari produk unggulan tujuh kabupaten/kota dengan temu pembeli grosir, "
            "toko oleh-oleh dan pengelola gerai ritel modern."
        ),
        days=-200,
        length=3,
        hours=(10, 21),
        region="pangkalpinang",
        place="Alun-alun Taman Merdeka, Pangkalpinang",
        capacity=60,
        is_public=True,
        registration_info="Pendaftaran peserta ditutup; pengunjung gratis.",
        participants=(
            Taking(
                BUSINESS,
                "completed",
                "Terjual 140 toples; tiga pembeli grosir dari Jakarta dan Palembang.",
            ),
            Taking("terasi-udang-toboali-bu-jumiah", "completed"),
            Taking("kriya-pewter-timah-serumpun", "completed"),
            Taking("tenun-cual-kembang-bintang", "completed"),
            Taking("lada-putih-mentok-sejahtera", "completed"),
            Taking("rumah-madu-pelawan-namang-lestari", "completed"),
            Taking("sirup-jeruk-kunci-nek-inah", "attended"),
        ),
    ),
)

SERVICES = (
    ServiceSpec(
        business=BUSINESS,
        agency=DISTAN,
        kind="pendampingan",
        summary=(
            "Kunjungan lapang: pemupukan organik dan pengendalian busuk rimpang di lahan "
            "reklamasi; jadwal tanam bergilir agar panen tiap bulan."
        ),
        days=-650,
        hours="4",
        mentor_name="Ir. Suryani (PPL Gerunggang)",
    ),
    ServiceSpec(
        business=BUSINESS,
        agency=DISTAN,
        kind="akses_modal",
        summary="Bantuan alat pengering rimpang dan mesin penepung untuk rumah produksi kelompok.",
        days=-600,
        benefit="grant",
        amount=12_500_000,
    ),
    ServiceSpec(
        business=BUSINESS,
        agency=DISKOP,
        kind="pendampingan",
        stage="pemasaran",
        summary=PACKAGING_SUMMARY,
        days=-545,
        hours="6",
        mentor_name="Rahmat Hidayat (pendamping KUMKM)",
    ),
    ServiceSpec(
        business=BUSINESS,
        agency=DISKOP,
        kind="fasilitasi_sertifikasi",
        summary=PIRT_SUMMARY,
        days=-540,
        days_before_certificate=21,
        hours="8",
        mentor_name="Rahmat Hidayat (pendamping KUMKM)",
        target_certificate_kind="pirt",
        certificate=PIRT,
    ),
    ServiceSpec(
        business=BUSINESS,
        agency=DISPERINDAG,
        kind="akses_pasar",
        summary=(
            "Stan gratis di Babel Expo dan temu pembeli dengan dua distributor oleh-oleh dan satu "
            "jaringan swalayan lokal."
        ),
        days=-199,
        hours="4",
    ),
    ServiceSpec(
        business=BUSINESS,
        agency=DISKOP,
        kind="konsultasi",
        summary=(
            "Persiapan berkas usulan produk unggulan: data penjualan 12 bulan, foto kemasan baru "
            "dan salinan SPP-IRT serta sertifikat halal."
        ),
        days=-140,
        hours="2",
    ),
    ServiceSpec(
        business=BUSINESS,
        agency=DISKOP,
        kind="akses_pasar",
        summary="Pendaftaran jahe merah instan ke e-Katalog lokal Pemprov: foto dan harga.",
        days=-5,
        outcome="in_progress",
    ),
)

REFERRALS = (
    ReferralSpec(
        business=BUSINESS,
        from_agency=DISTAN,
        to_agency=DISKOP,
        stage="perizinan",
        reason=TO_DISKOP_REASON,
        days=-580,
        steps=(
            Step("accept", -577, "Diterima; pendamping KUMKM ditugaskan ke kelompok."),
            Step("complete", -505, "SPP-IRT terbit dan toples berlabel sudah dipakai."),
        ),
    ),
    ReferralSpec(
        business=BUSINESS,
        from_agency=DISKOP,
        to_agency=DISPERINDAG,
        stage="pemasaran",
        reason=TO_DISPERINDAG_REASON,
        days=-230,
        steps=(
            Step("accept", -226, "Disediakan satu stan di paviliun herbal Babel Expo."),
            Step("complete", -190, "Ikut pameran empat hari; tiga pembeli grosir menindaklanjuti."),
        ),
    ),
)

SNAPSHOTS = (
    SnapshotSpec(
        BUSINESS, -720, capital=45_000_000, turnover=60_000_000, workers_women=12,
        source="self_reported",
    ),
    SnapshotSpec(BUSINESS, -380, capital=110_000_000, turnover=240_000_000, workers_women=14,
                 workers_men=1, verified_by="koperasi.reviewer"),
    SnapshotSpec(BUSINESS, -25, capital=180_000_000, turnover=460_000_000, workers_women=15,
                 workers_men=2, verified_by="koperasi.reviewer"),
)  # fmt: skip

MILESTONES = (
    MilestoneSpec(
        business=BUSINESS,
        kind="certificate",
        evidence="SPP-IRT Jahe Merah Instan Bubuk 250 g, terbit lewat fasilitasi Diskop UKM.",
        days=-518,
        certificate=PIRT,
        credited=(DISKOP,),
        verified_by="koperasi.reviewer",
    ),
    MilestoneSpec(
        business=BUSINESS,
        kind="first_sale_online",
        evidence="Penjualan pertama lewat lokapasar: 12 toples ke Jakarta (tangkapan layar).",
        days=-300,
        credited=(DISKOP,),
    ),
    MilestoneSpec(
        business=BUSINESS,
        kind="modern_retail",
        evidence="Masuk enam gerai swalayan lokal setelah Babel Expo (surat kerja sama).",
        days=-150,
        credited=(DISPERINDAG, DISKOP),
        verified_by="disperindag.reviewer",
    ),
)

#: Businesses that consent to their public development trail.
CONSENTS = (BUSINESS,)
