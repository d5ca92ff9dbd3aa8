"""Reference data of the demo: regions, categories, the provincial agencies, the rubric and the
demo accounts. Regions, categories, agencies and criteria are also what a real installation
starts from."""

REGIONS = [
    # slug, name, seat
    ("pangkalpinang", "Kota Pangkalpinang", "Pangkalpinang"),
    ("bangka", "Kabupaten Bangka", "Sungailiat"),
    ("bangka-barat", "Kabupaten Bangka Barat", "Muntok"),
    ("bangka-tengah", "Kabupaten Bangka Tengah", "Koba"),
    ("bangka-selatan", "Kabupaten Bangka Selatan", "Toboali"),
    ("belitung", "Kabupaten Belitung", "Tanjung Pandan"),
    ("belitung-timur", "Kabupaten Belitung Timur", "Manggar"),
]

CATEGORIES = [
    # slug, name, English name, description
    (
        "makanan-minuman",
        "Makanan & Minuman",
        "Food & Drink",
        "Olahan pangan khas Babel: kemplang, getas, kue, sambal, sirup dan minuman.",
    ),
    (
        "kerajinan",
        "Kerajinan",
        "Crafts",
        "Pewter, anyaman resam dan pandan, perhiasan batu satam, ukiran dan cendera mata.",
    ),
    (
        "fesyen-kain",
        "Fesyen & Kain (Cual)",
        "Fashion & Textiles (Cual)",
        "Tenun cual, batik Babel, busana dan aksesori.",
    ),
    (
        "pertanian-perkebunan",
        "Pertanian & Perkebunan",
        "Farming & Plantation",
        "Lada putih, jahe merah, nanas, kopi, gula aren dan hasil kebun lainnya.",
    ),
    (
        "perikanan-hasil-laut",
        "Perikanan & Hasil Laut",
        "Fish & Seafood",
        "Terasi, rusip, ikan dan cumi asin, belacan serta olahan hasil laut.",
    ),
    (
        "madu-herbal",
        "Madu & Herbal",
        "Honey & Herbal",
        "Madu pelawan, madu kelulut, teh herbal dan ramuan tradisional.",
    ),
    (
        "jasa-wisata",
        "Jasa & Wisata",
        "Services & Tourism",
        "Wisata bahari, pemandu, homestay dan pengalaman budaya.",
    ),
]

_OFFICE = "Kompleks Perkantoran Gubernur Kepulauan Bangka Belitung, Air Itam, Pangkalpinang"

AGENCIES = [
    # slug, name, short name, leading sector, description
    (
        "dinas-koperasi-ukm",
        "Dinas Koperasi, Usaha Kecil dan Menengah",
        "Diskop UKM",
        True,
        "Sektor pemimpin pembinaan koperasi dan UMKM: pendampingan usaha, legalitas, "
        "sertifikasi halal dan akses pembiayaan.",
    ),
    (
        "disperindag",
        "Dinas Perindustrian dan Perdagangan",
        "Disperindag",
        True,
        "Sektor pemimpin pengembangan industri kecil menengah, standardisasi produk, "
        "kemasan dan perluasan pasar.",
    ),
    (
        "dinas-pertanian",
        "Dinas Pertanian",
        "Distan",
        False,
        "Pembinaan petani dan hasil pertanian serta perkebunan: lada, jahe merah, nanas, kopi.",
    ),
    (
        "dinas-kelautan-perikanan",
        "Dinas Kelautan dan Perikanan",
        "DKP",
        False,
        "Pembinaan nelayan, pembudidaya dan pengolah hasil perikanan.",
    ),
    (
        "dinas-pariwisata",
        "Dinas Pariwisata",
        "Dispar",
        False,
        "Pengembangan destinasi, ekonomi kreatif dan pelaku usaha wisata.",
    ),
    (
        "dinas-lingkungan-hidup-kehutanan",
        "Dinas Lingkungan Hidup dan Kehutanan",
        "DLHK",
        False,
        "Perhutanan sosial dan hasil hutan bukan kayu: madu hutan, resam, rotan.",
    ),
    (
        "dpmptsp",
        "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
        "DPMPTSP",
        False,
        "Perizinan berusaha dan Nomor Induk Berusaha (NIB) melalui OSS.",
    ),
]
AGENCY_ADDRESS = _OFFICE

CRITERIA = [
    # code, name, English name, description, English description
    (
        "bahan_baku_lokal",
        "Bahan baku lokal",
        "Local raw materials",
        "Sebagian besar bahan baku berasal dari Kepulauan Bangka Belitung.",
        "Most of the raw materials come from the Bangka Belitung Islands.",
    ),
    (
        "keunikan",
        "Keunikan dan identitas lokal",
        "Uniqueness and local identity",
        "Produk mencerminkan budaya, sejarah atau kekhasan daerah dan sulit ditiru.",
        "The product reflects the region's culture, history or character and is hard to copy.",
    ),
    (
        "nilai_tambah",
        "Nilai tambah",
        "Value added",
        "Pengolahan meningkatkan nilai bahan baku secara nyata.",
        "Processing clearly raises the value of the raw materials.",
    ),
    (
        "pasar",
        "Jangkauan dan potensi pasar",
        "Market reach and potential",
        "Pasar yang sudah dicapai dan peluang perluasannya.",
        "The markets already reached and the room to widen them.",
    ),
    (
        "kapasitas",
        "Kapasitas dan kesinambungan produksi",
        "Production capacity and continuity",
        "Mampu memenuhi pesanan secara rutin dengan mutu yang stabil.",
        "Able to fill orders regularly at a steady quality.",
    ),
    (
        "mutu_legalitas",
        "Mutu dan legalitas",
        "Quality and legality",
        "Sertifikat yang berlaku (halal, P-IRT, BPOM, SNI, merek) dan mutu yang terjaga.",
        "Valid certificates (halal, P-IRT, BPOM, SNI, trademark) and consistent quality.",
    ),
    (
        "kemasan",
        "Kemasan dan desain",
        "Packaging and design",
        "Kemasan aman, informatif dan menarik bagi pembeli.",
        "Packaging that is safe, informative and attractive to buyers.",
    ),
    (
        "dampak",
        "Dampak ekonomi dan sosial",
        "Economic and social impact",
        "Menyerap tenaga kerja lokal dan menggerakkan ekonomi masyarakat sekitar.",
        "Employs local workers and drives the economy of the surrounding community.",
    ),
]

#: username, first name, last name, agency slug, role (None for the administrator)
ACCOUNTS = [
    ("admin", "Administrator", "Provinsi", None, None),
    ("koperasi.reviewer", "Rina", "Marlina", "dinas-koperasi-ukm", "reviewer"),
    ("disperindag.reviewer", "Agus", "Salim", "disperindag", "reviewer"),
    ("pertanian.editor", "Dedi", "Kurniawan", "dinas-pertanian", "editor"),
    ("pertanian.manager", "Yuliana", "Putri", "dinas-pertanian", "manager"),
    ("perikanan.editor", "Hendra", "Saputra", "dinas-kelautan-perikanan", "editor"),
    ("koperasi.editor", "Fitri", "Handayani", "dinas-koperasi-ukm", "editor"),
    ("koperasi.manager", "Bambang", "Wijaya", "dinas-koperasi-ukm", "manager"),
]
