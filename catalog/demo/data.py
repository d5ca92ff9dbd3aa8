"""Demo catalogue of seed_demo: UMKM businesses and products of Kepulauan Bangka Belitung."""

from typing import Any

BUSINESSES: list[dict[str, Any]] = [
    {
        "name": "Otak-Otak Tenggiri Bu Yanti",
        "owner_name": "Yanti Susanto",
        "region": "pangkalpinang",
        "scale": "kecil",
        "address": "Jl. Depati Hamzah No. 27, Kel. Semabung Baru, Kec. Bukit Intan, Pangkalpinang",
        "phone": "0717-432618",
        "whatsapp": "081271904532",
        "email": "otakotakyanti@example.com",
        "description": (
            "Usaha keluarga yang membuat otak-otak ikan khas Pangkalpinang sejak 2011, berawal "
            "dari lapak kecil di depan rumah. Ikan tenggiri dibeli setiap pagi dari nelayan dan "
            "pengepul di Pangkalpinang, lalu diolah tanpa pengawet dengan resep turun-temurun."
        ),
        "year_founded": 2011,
        "registering_agency": "dinas-koperasi-ukm",
        "show_owner": True,
        "nib": "9120105273841",
        "products": [
            {
                "name": "Otak-Otak Ikan Tenggiri Beku isi 25",
                "name_en": "Frozen Spanish Mackerel Fish Cakes, 25 pcs",
                "summary": (
                    "Otak-otak rebus khas Pangkalpinang dari daging tenggiri segar, lengkap dengan "
                    "sambal tauco."
                ),
                "summary_en": (
                    "Boiled Pangkalpinang-style fish cakes made from fresh Spanish mackerel, with "
                    "fermented soybean chilli sauce."
                ),
                "description": (
                    "Daging ikan tenggiri segar digiling halus lalu dicampur tepung sagu, santan, "
                    "dan sedikit garam. Adonan dibentuk lonjong, direbus hingga matang, kemudian "
                    "dibekukan cepat agar teksturnya tetap kenyal. Setiap paket berisi 25 potong "
                    "dan sebungkus sambal tauco khas Bangka. Simpan di freezer hingga tiga bulan, "
                    "lalu kukus atau bakar sebentar sebelum disajikan."
                ),
                "category": "makanan-minuman",
                "price_min": 55000,
                "price_max": 60000,
                "unit": "per paket isi 25",
                "status": "published",
                "certificates": ["halal", "bpom"],
                "collaborators": [
                    [
                        "dinas-kelautan-perikanan",
                        "pendampingan mutu bahan baku ikan dan rantai dingin",
                    ],
                ],
            },
            {
                "name": "Otak-Otak Cumi Beku isi 20",
                "name_en": "",
                "summary": (
                    "Otak-otak cumi yang gurih dan kenyal, favorit anak-anak untuk lauk dan "
                    "camilan."
                ),
                "summary_en": "",
                "description": (
                    "Dibuat dari cumi-cumi segar tangkapan nelayan Bangka yang dicincang dan "
                    "dipadukan dengan daging ikan tenggiri serta tepung sagu. Adonan direbus lalu "
                    "dibekukan dalam kemasan vakum. Rasanya gurih dengan aroma laut yang khas, "
                    "cocok dicocol sambal tauco atau sambal terasi. Tahan tiga bulan di freezer."
                ),
                "category": "makanan-minuman",
                "price_min": 60000,
                "price_max": 65000,
                "unit": "per paket isi 20",
                "status": "published",
                "certificates": ["halal", "bpom"],
                "collaborators": [],
            },
            {
                "name": "Kulit Ikan Tenggiri Goreng 150 g",
                "name_en": "Fried Mackerel Skin Crisps, 150 g",
                "summary": (
                    "Kulit ikan tenggiri goreng renyah, camilan pendamping otak-otak khas Bangka."
                ),
                "summary_en": (
                    "Crispy fried Spanish mackerel skin, the classic Bangka companion to fish "
                    "cakes."
                ),
                "description": (
                    "Kulit ikan tenggiri sisa pengolahan otak-otak dibersihkan, dibumbui bawang "
                    "putih dan garam, lalu digoreng dua kali hingga renyah. Rasanya gurih dan "
                    "sedikit asin, enak dimakan langsung atau sebagai pelengkap bubur dan nasi. "
                    "Dikemas dalam standing pouch berzip agar tetap renyah hingga dua bulan."
                ),
                "category": "makanan-minuman",
                "price_min": 30000,
                "price_max": 30000,
                "unit": "per bungkus 150 g",
                "status": "published",
                "certificates": ["halal", "pirt"],
                "collaborators": [],
            },
            {
                "name": "Sambal Tauco Otak-Otak Botol 200 ml",
                "name_en": "",
                "summary": (
                    "Sambal tauco manis pedas racikan sendiri untuk cocolan otak-otak dan gorengan."
                ),
                "summary_en": "",
                "description": (
                    "Sambal ini dibuat dari tauco, cabai merah, bawang putih, dan gula aren yang "
                    "dimasak perlahan hingga mengental. Rasanya manis, asin, dan pedas sedang, "
                    "persis seperti cocolan otak-otak di kedai-kedai Pangkalpinang. Setelah "
                    "dibuka, simpan di lemari es dan habiskan dalam dua minggu."
                ),
                "category": "makanan-minuman",
                "price_min": 25000,
                "price_max": 25000,
                "unit": "per botol 200 ml",
                "status": "draft",
                "certificates": [],
                "collaborators": [],
            },
        ],
    },
    {
        "name": "Tenun Cual Kembang Bintang",
        "owner_name": "Hj. Maimunah Rasyid",
        "region": "pangkalpinang",
        "scale": "kecil",
        "address": "Gg. Mawar No. 8, Kel. Bintang, Kec. Rangkui, Pangkalpinang",
        "phone": "0717-424517",
        "whatsapp": "081368215590",
        "email": "cualbintang@example.com",
        "description": (
            "Sanggar tenun yang melestarikan kain cual, wastra khas Bangka yang dulu dikenakan "
            "bangsawan Muntok. Sejak 2008 sanggar ini melatih ibu-ibu dan remaja putri di "
            "Kelurahan Bintang menenun dengan alat tenun bukan mesin (ATBM)."
        ),
        "year_founded": 2008,
        "registering_agency": "disperindag",
        "show_owner": True,
        "nib": "9120207746130",
        "products": [
            {
                "name": "Kain Tenun Cual Motif Kembang Kenanga 2 m",
                "name_en": "Cual Handwoven Cloth, Kenanga Motif, 2 m",
                "summary": (
                    "Kain tenun cual khas Bangka bermotif kembang kenanga, ditenun tangan dengan "
                    "ATBM."
                ),
                "summary_en": (
                    "Traditional Bangka cual cloth with a kenanga flower motif, handwoven on a "
                    "non-machine loom."
                ),
                "description": (
                    "Kain ini ditenun dengan teknik ikat pakan dipadukan songket benang emas, ciri "
                    "khas cual Bangka. Satu lembar dikerjakan seorang penenun selama kurang lebih "
                    "lima minggu. Motif kembang kenanga melambangkan keharuman nama keluarga dan "
                    "biasa dipakai untuk acara adat serta pernikahan. Simpan terlipat dengan "
                    "kertas bebas asam dan hindari menyetrika langsung bagian benang emas."
                ),
                "category": "fesyen-kain",
                "price_min": 2500000,
                "price_max": 3500000,
                "unit": "per lembar 2 m",
                "status": "published",
                "certificates": ["merek"],
                "collaborators": [
                    [
                        "dinas-pariwisata",
                        "promosi kain cual sebagai busana resmi dan cendera mata wisata",
                    ],
                ],
            },
            {
                "name": "Selendang Tenun Cual Motif Pucuk Rebung",
                "name_en": "Cual Woven Shawl, Bamboo Shoot Motif",
                "summary": (
                    "Selendang cual motif pucuk rebung, pas untuk pelengkap kebaya dan baju kurung."
                ),
                "summary_en": (
                    "Cual shawl with the bamboo-shoot motif, a fitting match for kebaya or baju "
                    "kurung."
                ),
                "description": (
                    "Selendang berukuran sekitar 200 x 50 cm ini ditenun dari benang katun halus "
                    "dan benang emas. Motif pucuk rebung di kedua ujung melambangkan harapan dan "
                    "pertumbuhan, motif yang akrab dalam wastra Melayu Bangka. Pengerjaannya "
                    "memakan waktu dua sampai tiga minggu. Cuci kering (dry clean) agar warnanya "
                    "awet."
                ),
                "category": "fesyen-kain",
                "price_min": 850000,
                "price_max": 1250000,
                "unit": "per lembar",
                "status": "published",
                "certificates": ["merek"],
                "collaborators": [
                    [
                        "dinas-pariwisata",
                        "kurasi untuk etalase cendera mata di Bandara Depati Amir",
                    ],
                ],
            },
            {
                "name": "Kain Songket Cual Benang Emas Motif Kembang Setaman",
                "name_en": "",
                "summary": (
                    "Kain songket cual penuh benang emas untuk busana pengantin dan acara adat "
                    "Melayu."
                ),
                "summary_en": "",
                "description": (
                    "Ini adalah kain cual kelas tertinggi kami, dengan songket benang emas yang "
                    "memenuhi hampir seluruh permukaan kain. Motif kembang setaman terdiri dari "
                    "susunan bunga yang tersebar rapat dan dikerjakan hingga tiga bulan oleh "
                    "penenun senior. Warna dasar bisa dipilih merah marun, hijau botol, atau ungu "
                    "terong. Pemesanan dilakukan minimal tiga bulan sebelum acara."
                ),
                "category": "fesyen-kain",
                "price_min": 5500000,
                "price_max": 8500000,
                "unit": "per lembar 2 m",
                "status": "published",
                "certificates": ["merek"],
                "collaborators": [],
            },
            {
                "name": "Sarung Tenun Cual Pria Motif Kotak Bersusun",
                "name_en": "",
                "summary": (
                    "Sarung cual pria bermotif kotak bersusun untuk salat Jumat dan hari raya."
                ),
                "summary_en": "",
                "description": (
                    "Sarung ini ditenun dari benang katun dengan aksen benang emas tipis pada "
                    "bagian kepala sarung. Motif kotak bersusun memberi kesan rapi dan sederhana. "
                    "Dibuat berdasarkan pesanan dengan waktu pengerjaan sekitar tiga minggu; warna "
                    "dasar bisa dipilih hijau tua, biru dongker, atau cokelat."
                ),
                "category": "fesyen-kain",
                "price_min": 1100000,
                "price_max": 1350000,
                "unit": "per lembar",
                "status": "published",
                "certificates": [],
                "collaborators": [],
            },
        ],
    },
    {
        "name": "Kriya Pewter Timah Serumpun",
        "owner_name": "Budi Hartono",
        "region": "pangkalpinang",
        "scale": "kecil",
        "address": "Jl. Soekarno Hatta No. 45, Kel. Bacang, Kec. Bukit Intan, Pangkalpinang",
        "phone": "0717-438092",
        "whatsapp": "082177340916",
        "email": "",
        "description": (
            "Bengkel kriya pewter yang mengolah timah Bangka menjadi cendera mata dan hiasan sejak "
            "2013. Perajinnya sebagian besar mantan pekerja tambang yang dilatih membuat cetakan, "
            "mengecor, dan memoles pewter bebas timbal."
        ),
        "year_founded": 2013,
        "registering_agency": "disperindag",
        "show_owner": False,
        "nib": "9120318852074",
        "products": [
            {
                "name": "Gantungan Kunci Pewter Ikon Pangkalpinang",
                "name_en": "Pewter Keychain, Pangkalpinang Icons",
                "summary": (
                    "Gantungan kunci pewter bergambar ikon Pangkalpinang, oleh-oleh ringan dan "
                    "awet."
                ),
                "summary_en": (
                    "Pewter keychain featuring Pangkalpinang landmarks, a light and durable "
                    "souvenir."
                ),
                "description": (
                    "Dicor dari paduan timah Bangka sekitar 97 persen dengan sedikit antimon dan "
                    "tembaga, tanpa timbal. Tersedia desain Tugu Pahlawan 12, Museum Timah "
                    "Indonesia, dan siluet ikan tenggiri. Permukaannya dipoles doff sehingga tidak "
                    "mudah terlihat goresan. Bersihkan cukup dengan kain kering."
                ),
                "category": "kerajinan",
                "price_min": 35000,
                "price_max": 45000,
                "unit": "per buah",
                "status": "published",
                "certificates": [],
                "collaborators": [],
            },
            {
                "name": "Miniatur Perahu Layar Pewter 15 cm",
                "name_en": "Pewter Sailing Boat Miniature, 15 cm",
                "summary": (
                    "Miniatur perahu layar dari pewter, pajangan meja yang mengenang jalur niaga "
                    "timah."
                ),
                "summary_en": (
                    "Pewter sailing boat miniature, a desk piece recalling the old tin trade "
                    "routes."
                ),
                "description": (
                    "Miniatur setinggi 15 cm ini dirakit dari beberapa bagian cor pewter yang "
                    "disolder dan dipoles tangan. Bentuknya terinspirasi perahu layar yang dahulu "
                    "mengangkut timah dari Bangka. Dilengkapi alas kayu dan kotak kemasan berlapis "
                    "busa sehingga aman dibawa dalam pesawat."
                ),
                "category": "kerajinan",
                "price_min": 275000,
                "price_max": 350000,
                "unit": "per buah",
                "status": "published",
                "certificates": ["merek"],
                "collaborators": [],
            },
            {
                "name": "Plakat Pewter Peta Bangka Belitung",
                "name_en": "",
                "summary": (
                    "Plakat kayu dengan relief pewter peta Kepulauan Bangka Belitung, bisa diberi "
                    "ukiran nama."
                ),
                "summary_en": "",
                "description": (
                    "Relief peta Bangka Belitung dicor dari pewter lalu dipasang pada papan kayu "
                    "berukuran 25 x 30 cm. Bagian bawah dapat diukir nama instansi atau ucapan "
                    "untuk kenang-kenangan tamu dan purnabakti. Pemesanan dengan ukiran "
                    "membutuhkan waktu sekitar satu minggu."
                ),
                "category": "kerajinan",
                "price_min": 450000,
                "price_max": 750000,
                "unit": "per buah",
                "status": "published",
                "certificates": ["merek"],
                "collaborators": [],
            },
            {
                "name": "Piring Hias Pewter Motif Cual 20 cm",
                "name_en": "",
                "summary": (
                    "Piring hias pewter dengan motif kain cual, pajangan dinding atau lemari."
                ),
                "summary_en": "",
                "description": (
                    "Piring berdiameter 20 cm ini memadukan kriya pewter dengan motif kembang kain "
                    "cual. Motif dicetak timbul lalu diberi efek antik agar detailnya menonjol. "
                    "Model ini masih dalam tahap uji cetakan sebelum diproduksi rutin."
                ),
                "category": "kerajinan",
                "price_min": 350000,
                "price_max": 350000,
                "unit": "per buah",
                "status": "draft",
                "certificates": [],
                "collaborators": [],
            },
        ],
    },
    {
        "name": "Batik Cual Seruni",
        "owner_name": "Rina Agustina",
        "region": "pangkalpinang",
        "scale": "mikro",
        "address": "Jl. Kartini No. 15, Kel. Batin Tikal, Kec. Taman Sari, Pangkalpinang",
        "phone": "",
        "whatsapp": "085268903174",
        "email": "batikseruni@example.com",
        "description": (
            "Usaha batik rumahan yang memindahkan motif kain cual ke kain batik cap dan tulis agar "
            "wastra Bangka bisa dipakai sehari-hari. Dikerjakan oleh lima pembatik perempuan di "
            "Pangkalpinang sejak 2017."
        ),
        "year_founded": 2017,
        "registering_agency": "dinas-koperasi-ukm",
        "show_owner": True,
        "nib": "",
        "products": [
            {
                "name": "Kain Batik Cual Cap Motif Bunga Cempaka 2 m",
                "name_en": "Cual Stamped Batik, Cempaka Motif, 2 m",
                "summary": (
                    "Kain batik cap bermotif bunga cempaka khas cual, bahan katun primisima."
                ),
                "summary_en": (
                    "Stamped batik cloth with the cual cempaka flower motif on primisima cotton."
                ),
                "description": (
                    "Motif bunga cempaka diadaptasi dari kain cual lama lalu dicap dengan canting "
                    "cap tembaga di atas katun primisima. Pewarnaan memakai zat warna sintetis "
                    "yang tahan luntur, dengan pilihan warna merah bata, biru laut, dan hijau "
                    "daun. Cocok dijahit menjadi kemeja atau seragam kantor. Cuci dengan sabun "
                    "lerak atau sabun lembut dan jemur di tempat teduh."
                ),
                "category": "fesyen-kain",
                "price_min": 225000,
                "price_max": 300000,
                "unit": "per lembar 2 m",
                "status": "published",
                "certificates": [],
                "collaborators": [],
            },
            {
                "name": "Kemeja Batik Cual Pria Lengan Pendek",
                "name_en": "",
                "summary": (
                    "Kemeja batik cual pria lengan pendek, potongan modern untuk kerja dan acara "
                    "santai."
                ),
                "summary_en": "",
                "description": (
                    "Kemeja dijahit dari kain batik cap motif cual dengan furing di bagian bahu. "
                    "Tersedia ukuran S sampai XXL dengan potongan reguler. Kancing memakai batok "
                    "kelapa sehingga terkesan alami. Pemesanan seragam untuk kantor atau komunitas "
                    "bisa disesuaikan warnanya."
                ),
                "category": "fesyen-kain",
                "price_min": 185000,
                "price_max": 250000,
                "unit": "per potong",
                "status": "published",
                "certificates": [],
                "collaborators": [],
            },
            {
                "name": "Tunik Batik Cual Wanita",
                "name_en": "Women's Cual Batik Tunic",
                "summary": (
                    "Tunik batik cual wanita berbahan katun adem, nyaman untuk kegiatan "
                    "sehari-hari."
                ),
                "summary_en": (
                    "Women's cual batik tunic in breathable cotton, comfortable for everyday wear."
                ),
                "description": (
                    "Tunik sepanjang lutut ini memakai kain batik cap motif kembang cual dengan "
                    "kombinasi kain polos di bagian lengan. Jahitan rapi dengan kancing depan "
                    "sehingga ramah untuk ibu menyusui. Tersedia ukuran M, L, dan XL."
                ),
                "category": "fesyen-kain",
                "price_min": 210000,
                "price_max": 275000,
                "unit": "per potong",
                "status": "published",
                "certificates": [],
                "collaborators": [],
            },
        ],
    },
    {
        "name": "Sirup Jeruk Kunci Nek Inah",
        "owner_name": "Nurhasanah",
        "region": "pangkalpinang",
        "scale": "kecil",
        "address": "Jl. Pahlawan 12 No. 33, Kel. Air Itam, Kec. Bukit Intan, Pangkalpinang",
        "phone": "0717-437751",
        "whatsapp": "081367722041",
        "email": "",
        "description": (
            "Produsen sirup jeruk kunci rumahan yang dirintis almarhumah Nek Inah pada 1998 dan "
            "kini diteruskan cucunya. Jeruk kunci dibeli langsung dari kebun warga di Pulau Bangka "
            "dan diperas setiap hari produksi."
        ),
        "year_founded": 1998,
        "registering_agency": "disperindag",
        "show_owner": True,
        "nib": "9120401968255",
        "products": [
            {
                "name": "Sirup Jeruk Kunci Asli 620 ml",
                "name_en": "Original Calamansi Syrup, 620 ml",
                "summary": (
                    "Sirup jeruk kunci khas Bangka, segar asam manis, diperas dari buah segar."
                ),
                "summary_en": "Bangka calamansi syrup, tangy-sweet and pressed from fresh fruit.",
                "description": (
                    "Jeruk kunci atau kalamansi dipetik dari kebun warga di Bangka, dicuci, lalu "
                    "diperas tanpa memakai perisa tambahan. Sari buah dimasak dengan gula pasir "
                    "hingga menjadi sirup kental. Cukup dicampur empat bagian air dingin untuk "
                    "minuman segar khas kedai kopi Bangka. Simpan di lemari es setelah dibuka."
                ),
                "category": "makanan-minuman",
                "price_min": 38000,
                "price_max": 42000,
                "unit": "per botol 620 ml",
                "status": "published",
                "certificates": ["halal", "pirt", "merek"],
                "collaborators": [],
            },
            {
                "name": "Sirup Jeruk Kunci Rendah Gula 330 ml",
                "name_en": "",
                "summary": (
                    "Sirup jeruk kunci dengan kadar gula lebih rendah, rasa asamnya lebih menonjol."
                ),
                "summary_en": "",
                "description": (
                    "Resepnya sama dengan sirup jeruk kunci asli, tetapi takaran gulanya dikurangi "
                    "sekitar sepertiga. Rasanya lebih asam dan segar, cocok bagi yang membatasi "
                    "gula. Karena gula lebih sedikit, sirup ini sebaiknya dihabiskan dalam dua "
                    "minggu setelah dibuka."
                ),
                "category": "makanan-minuman",
                "price_min": 28000,
                "price_max": 28000,
                "unit": "per botol 330 ml",
                "status": "published",
                "certificates": ["halal", "pirt"],
                "collaborators": [],
            },
            {
                "name": "Selai Jeruk Kunci 200 g",
                "name_en": "Calamansi Jam, 200 g",
                "summary": (
                    "Selai jeruk kunci dengan potongan kulit tipis, enak untuk roti dan kue."
                ),
                "summary_en": "Calamansi jam with thin peel shreds, lovely on bread and pastries.",
                "description": (
                    "Selai dibuat dari sari dan kulit jeruk kunci yang diiris tipis, dimasak "
                    "bersama gula hingga mengental. Rasanya manis dengan getir segar dari kulit "
                    "jeruk. Enak dioles pada roti panggang atau dijadikan isian kue kering. Simpan "
                    "di lemari es setelah dibuka."
                ),
                "category": "makanan-minuman",
                "price_min": 30000,
                "price_max": 30000,
                "unit": "per toples 200 g",
                "status": "published",
                "certificates": ["halal", "pirt"],
                "collaborators": [],
            },
        ],
    },
    {
        "name": "Kemplang Panggang Atok Gabek",
        "owner_name": "Rusli bin Hasan",
        "region": "pangkalpinang",
        "scale": "kecil",
        "address": "Jl. Air Salemba No. 21, Kel. Gabek Dua, Kec. Gabek, Pangkalpinang",
        "phone": "0717-425936",
        "whatsapp": "081949031267",
        "email": "kemplangatok@example.com",
        "description": (
            "Usaha kemplang yang dirintis Atok Rusli pada 2004 dengan memanggang kemplang di atas "
            "bara arang. Kini mempekerjakan dua belas warga Gabek dan memasok toko oleh-oleh di "
            "Pangkalpinang dan Sungailiat."
        ),
        "year_founded": 2004,
        "registering_agency": "dinas-kelautan-perikanan",
        "show_owner": True,
        "nib": "9120502185397",
        "products": [
            {
                "name": "Kemplang Panggang Ikan Tenggiri 250 g",
                "name_en": "Grilled Mackerel Kemplang Crackers, 250 g",
                "summary": (
                    "Kemplang ikan tenggiri dipanggang di atas bara arang, renyah tanpa minyak."
                ),
                "summary_en": (
                    "Spanish mackerel crackers grilled over charcoal, crispy and oil-free."
                ),
                "description": (
                    "Adonan kemplang dibuat dari daging tenggiri segar dan tepung tapioka dengan "
                    "perbandingan ikan yang tinggi. Setelah dikukus, diiris, dan dijemur, kemplang "
                    "dipanggang satu per satu di atas bara arang hingga mengembang. Hasilnya "
                    "renyah, gurih ikan, dan tidak berminyak. Simpan dalam wadah tertutup agar "
                    "tidak melempem."
                ),
                "category": "perikanan-hasil-laut",
                "price_min": 35000,
                "price_max": 40000,
                "unit": "per bungkus 250 g",
                "status": "published",
                "certificates": ["halal", "pirt", "merek"],
                "collaborators": [
                    ["disperindag", "pelatihan desain kemasan dan fasilitasi pameran produk"],
                ],
            },
            {
                "name": "Kemplang Udang Panggang 200 g",
                "name_en": "",
                "summary": (
                    "Kemplang udang panggang dengan rasa udang yang kuat, oleh-oleh favorit dari "
                    "Pangkalpinang."
                ),
                "summary_en": "",
                "description": (
                    "Kemplang ini memakai udang segar yang digiling bersama sedikit ikan dan "
                    "tepung tapioka. Lempengan adonan dijemur dua hingga tiga hari lalu dipanggang "
                    "di atas arang. Warnanya kemerahan dengan aroma udang yang harum. Cocok untuk "
                    "teman makan lempah kuning atau dicocol sambal."
                ),
                "category": "perikanan-hasil-laut",
                "price_min": 38000,
                "price_max": 38000,
                "unit": "per bungkus 200 g",
                "status": "published",
                "certificates": ["halal", "pirt"],
                "collaborators": [
                    ["disperindag", "pendampingan pendaftaran merek dan pemasaran daring"],
                ],
            },
            {
                "name": "Kerupuk Ikan Tenggiri Mentah 500 g",
                "name_en": "",
                "summary": "Kerupuk ikan tenggiri mentah siap goreng, mengembang besar dan gurih.",
                "summary_en": "",
                "description": (
                    "Kerupuk dijual dalam keadaan kering sehingga awet hingga enam bulan bila "
                    "disimpan di tempat kering. Goreng dalam minyak panas dengan api sedang sampai "
                    "mengembang. Kandungan ikan tenggirinya tinggi sehingga rasa ikannya terasa "
                    "jelas. Cocok untuk stok di rumah atau dijual kembali."
                ),
                "category": "perikanan-hasil-laut",
                "price_min": 55000,
                "price_max": 60000,
                "unit": "per bungkus 500 g",
                "status": "published",
                "certificates": ["halal", "pirt"],
                "collaborators": [],
            },
        ],
    },
    {
        "name": "KWT Jahe Merah Tuatunu Lestari",
        "owner_name": "Sri Wahyuni",
        "region": "pangkalpinang",
        "scale": "mikro",
        "address": "Jl. Tuatunu Indah No. 5, Kel. Tuatunu Indah, Kec. Gerunggang, Pangkalpinang",
        "phone": "",
        "whatsapp": "085381447260",
        "email": "",
        "description": (
            "Kelompok wanita tani yang menanam jahe merah di pekarangan dan lahan bekas tambang "
            "yang sudah direklamasi di Tuatunu. Sejak 2019 hasil panen diolah sendiri menjadi "
            "minuman jahe instan."
        ),
        "year_founded": 2019,
        "registering_agency": "dinas-pertanian",
        "show_owner": False,
        "nib": "",
        "products": [
            {
                "name": "Jahe Merah Instan Bubuk 250 g",
                "name_en": "Instant Red Ginger Drink Powder, 250 g",
                "summary": (
                    "Minuman jahe merah instan dari jahe merah Bangka, hangat dan pedas di "
                    "tenggorokan."
                ),
                "summary_en": "Instant red ginger drink from Bangka red ginger, warming and spicy.",
                "description": (
                    "Jahe merah dipanen pada umur sekitar sepuluh bulan agar rasa pedasnya kuat. "
                    "Rimpang diparut, diperas, lalu sarinya dimasak bersama gula pasir sampai "
                    "mengkristal menjadi bubuk. Seduh dua sendok makan dengan air panas untuk "
                    "menghangatkan badan. Simpan dalam toples tertutup rapat di tempat kering."
                ),
                "category": "madu-herbal",
                "price_min": 35000,
                "price_max": 40000,
                "unit": "per toples 250 g",
                "status": "published",
                "certificates": ["halal", "pirt"],
                "collaborators": [
                    ["dinas-koperasi-ukm", "pendampingan sertifikasi halal dan desain kemasan"],
                ],
            },
            {
                "name": "Jahe Merah Instan Sachet isi 10",
                "name_en": "",
                "summary": (
                    "Jahe merah instan dalam sachet praktis untuk dibawa bepergian dan ke kantor."
                ),
                "summary_en": "",
                "description": (
                    "Isi dan cara pembuatannya sama dengan jahe merah instan toples, tetapi "
                    "dikemas per sachet 20 gram untuk sekali seduh. Praktis untuk bekal perjalanan "
                    "atau suguhan rapat. Satu kotak berisi sepuluh sachet."
                ),
                "category": "madu-herbal",
                "price_min": 25000,
                "price_max": 25000,
                "unit": "per kotak isi 10",
                "status": "published",
                "certificates": ["halal", "pirt"],
                "collaborators": [
                    [
                        "dinas-koperasi-ukm",
                        "fasilitasi pemasaran di galeri UMKM dan toko swalayan lokal",
                    ],
                ],
            },
            {
                "name": "Wedang Jahe Merah Serai Sachet isi 10",
                "name_en": "Red Ginger and Lemongrass Drink, 10 sachets",
                "summary": "Perpaduan jahe merah dan serai, harum dan menghangatkan.",
                "summary_en": "A fragrant, warming blend of red ginger and lemongrass.",
                "description": (
                    "Sari jahe merah dipadukan dengan serai dan sedikit kayu manis, lalu "
                    "dikristalkan dengan gula pasir. Aromanya lebih segar daripada jahe merah "
                    "murni. Enak diminum hangat pada malam hari atau saat musim hujan."
                ),
                "category": "madu-herbal",
                "price_min": 27000,
                "price_max": 27000,
                "unit": "per kotak isi 10",
                "status": "published",
                "certificates": ["halal", "pirt"],
                "collaborators": [],
            },
        ],
    },
    {
        "name": "Getas Kericu Mak Rohana Belinyu",
        "owner_name": "Rohana",
        "region": "bangka",
        "scale": "mikro",
        "address": "Jl. Pasar Lama No. 17, Kel. Kuto Panji, Kec. Belinyu, Kab. Bangka",
        "phone": "0717-321845",
        "whatsapp": "081278450391",
        "email": "",
        "description": (
            "Dapur olahan hasil laut di Belinyu yang dikelola Mak Rohana bersama anak dan "
            "menantunya sejak 2009. Bahan baku ikan dan cumi dibeli langsung dari nelayan di "
            "pelabuhan Belinyu sehingga selalu segar."
        ),
        "year_founded": 2009,
        "registering_agency": "dinas-kelautan-perikanan",
        "show_owner": True,
        "nib": "9120603317482",
        "products": [
            {
                "name": "Getas Ikan Tenggiri Belinyu 250 g",
                "name_en": "Belinyu Mackerel Getas Crackers, 250 g",
                "summary": "Getas lonjong renyah dari ikan tenggiri dan sagu, camilan khas Bangka.",
                "summary_en": (
                    "Crunchy oval getas crackers of Spanish mackerel and sago, a Bangka classic."
                ),
                "description": (
                    "Getas dibuat dari daging tenggiri yang diuleni dengan tepung sagu, telur, dan "
                    "garam, lalu dibentuk lonjong seukuran jari. Adonan digoreng perlahan dalam "
                    "minyak kelapa hingga mengembang dan retak di permukaannya. Rasanya gurih ikan "
                    "dengan tekstur renyah yang padat. Dikemas dalam toples plastik tertutup, "
                    "tahan hingga tiga bulan."
                ),
                "category": "perikanan-hasil-laut",
                "price_min": 32000,
                "price_max": 35000,
                "unit": "per bungkus 250 g",
                "status": "published",
                "certificates": ["halal", "pirt"],
                "collaborators": [],
            },
            {
                "name": "Kericu Telur Cumi 200 g",
                "name_en": "Squid Roe Kericu Crisps, 200 g",
                "summary": "Kericu renyah dari telur cumi dan sagu, camilan langka khas Bangka.",
                "summary_en": "Crispy kericu made from squid roe and sago, a rare Bangka snack.",
                "description": (
                    "Kericu dibuat dari adonan telur cumi, tepung sagu, telur ayam, dan garam yang "
                    "diuleni hingga mengembang. Adonan dipilin tipis sebesar sedotan, direndam "
                    "sebentar dalam minyak kelapa, lalu digoreng hingga kering. Rasanya gurih "
                    "dengan aroma cumi yang lembut. Telur cumi hanya tersedia pada musim tertentu "
                    "sehingga produksi terbatas."
                ),
                "category": "makanan-minuman",
                "price_min": 35000,
                "price_max": 40000,
                "unit": "per bungkus 200 g",
                "status": "published",
                "certificates": ["halal", "pirt"],
                "collaborators": [],
            },
            {
                "name": "Getas Udang Pedas 200 g",
                "name_en": "",
                "summary": (
                    "Getas udang dengan taburan cabai kering, gurih pedas untuk teman minum kopi."
                ),
                "summary_en": "",
                "description": (
                    "Adonan getas memakai udang segar dan ikan yang digiling halus bersama sagu. "
                    "Setelah digoreng, getas dibalur bubuk cabai kering dan sedikit gula. Pedasnya "
                    "sedang dan cocok dinikmati bersama kopi O khas Bangka."
                ),
                "category": "perikanan-hasil-laut",
                "price_min": 30000,
                "price_max": 30000,
                "unit": "per bungkus 200 g",
                "status": "published",
                "certificates": ["halal", "pirt"],
                "collaborators": [],
            },
            {
                "name": "Kemplang Ikan Belinyu Mentah 500 g",
                "name_en": "",
                "summary": (
                    "Kemplang ikan mentah siap goreng atau panggang, stok camilan untuk di rumah."
                ),
                "summary_en": "",
                "description": (
                    "Kemplang dijual dalam bentuk lempengan kering yang belum digoreng. Bisa "
                    "digoreng dengan minyak panas atau dipanggang di atas arang dan teflon. "
                    "Adonannya dari ikan tenggiri dan ikan parang yang dicampur tapioka. Simpan di "
                    "tempat kering, awet hingga enam bulan."
                ),
                "category": "perikanan-hasil-laut",
                "price_min": 50000,
                "price_max": 50000,
                "unit": "per bungkus 500 g",
                "status": "published",
                "certificates": ["halal", "pirt"],
                "collaborators": [],
            },
        ],
    },
    {
        "name": "Rusip Mak Senah Sungailiat",
        "owner_name": "Masenah",
        "region": "bangka",
        "scale": "mikro",
        "address": (
            "Jl. Pantai Matras, Lingk. Matras, Kel. Sinar Baru, Kec. Sungailiat, Kab. Bangka"
        ),
        "phone": "",
        "whatsapp": "082372018854",
        "email": "",
        "description": (
            "Usaha rumahan di kampung nelayan Matras yang membuat rusip dan cincalok menurut resep "
            "keluarga. Ikan bilis dan udang rebon dibeli dari perahu nelayan yang baru merapat."
        ),
        "year_founded": 2015,
        "registering_agency": "dinas-kelautan-perikanan",
        "show_owner": False,
        "nib": "",
        "products": [
            {
                "name": "Rusip Ikan Bilis Botol 250 ml",
                "name_en": "Rusip Fermented Anchovies, 250 ml",
                "summary": (
                    "Rusip fermentasi ikan bilis khas Bangka, lauk tradisional untuk teman nasi "
                    "hangat."
                ),
                "summary_en": "Bangka fermented anchovy rusip, a traditional relish for warm rice.",
                "description": (
                    "Ikan bilis segar dicuci dengan air laut, lalu dicampur garam dan gula aren "
                    "dan difermentasi dalam wadah tertutup selama sekitar dua minggu. Hasilnya "
                    "berupa ikan yang lembut dengan kuah kental beraroma khas. Rusip biasa dimakan "
                    "dengan irisan cabai, bawang merah, dan perasan jeruk kunci bersama lalapan. "
                    "Simpan di lemari es setelah dibuka."
                ),
                "category": "perikanan-hasil-laut",
                "price_min": 25000,
                "price_max": 28000,
                "unit": "per botol 250 ml",
                "status": "published",
                "certificates": ["pirt"],
                "collaborators": [],
            },
            {
                "name": "Sambal Rusip Siap Saji 150 g",
                "name_en": "",
                "summary": (
                    "Sambal rusip yang sudah diracik dengan cabai dan bawang, tinggal makan."
                ),
                "summary_en": "",
                "description": (
                    "Rusip pilihan diolah bersama cabai rawit, bawang merah, dan jeruk kunci lalu "
                    "dimasak sebentar agar lebih awet. Praktis untuk yang ingin menikmati rusip "
                    "tanpa repot meracik. Rasanya asin, asam, dan pedas. Tahan sebulan di lemari "
                    "es."
                ),
                "category": "makanan-minuman",
                "price_min": 28000,
                "price_max": 28000,
                "unit": "per botol 150 g",
                "status": "published",
                "certificates": ["pirt"],
                "collaborators": [],
            },
            {
                "name": "Cincalok Udang Rebon 250 ml",
                "name_en": "",
                "summary": "Cincalok dari udang rebon segar, fermentasi khas pesisir Bangka.",
                "summary_en": "",
                "description": (
                    "Udang rebon segar dicampur garam dan sedikit nasi, lalu difermentasi beberapa "
                    "hari hingga beraroma khas. Cincalok biasa disantap mentah dengan irisan "
                    "bawang merah, cabai, dan jeruk kunci, atau ditumis dengan telur. Simpan di "
                    "lemari es."
                ),
                "category": "perikanan-hasil-laut",
                "price_min": 25000,
                "price_max": 25000,
                "unit": "per botol 250 ml",
                "status": "published",
                "certificates": [],
                "collaborators": [],
            },
        ],
    },
    {
        "name": "Poktan Jahe Merah Jada Bahrin",
        "owner_name": "Sarifudin",
        "region": "bangka",
        "scale": "kecil",
        "address": "Dusun II, Desa Jada Bahrin, Kec. Merawang, Kab. Bangka",
        "phone": "",
        "whatsapp": "081273306618",
        "email": "jahemerahjadabahrin@example.com",
        "description": (
            "Kelompok tani yang membudidayakan jahe merah di Desa Jada Bahrin sejak 2016 dengan "
            "anggota dua puluh petani. Selain menjual rimpang segar, kelompok ini mengolah jahe "
            "menjadi simplisia kering dan menyediakan bibit untuk petani lain di Bangka."
        ),
        "year_founded": 2016,
        "registering_agency": "dinas-pertanian",
        "show_owner": True,
        "nib": "9120700451826",
        "products": [
            {
                "name": "Jahe Merah Segar Sortir 1 kg",
                "name_en": "Fresh Sorted Red Ginger, 1 kg",
                "summary": "Rimpang jahe merah segar hasil sortir, bersih dan berumur cukup panen.",
                "summary_en": "Fresh sorted red ginger rhizomes, clean and fully matured.",
                "description": (
                    "Jahe merah dipanen pada umur sembilan sampai sepuluh bulan sehingga kandungan "
                    "minyak atsirinya tinggi dan rasanya pedas. Rimpang dicuci, dikeringanginkan, "
                    "lalu disortir berdasarkan ukuran. Cocok untuk bahan jamu, minuman, atau bumbu "
                    "masakan. Simpan di tempat kering dan berudara, jangan dalam plastik tertutup."
                ),
                "category": "pertanian-perkebunan",
                "price_min": 35000,
                "price_max": 45000,
                "unit": "per kg",
                "status": "published",
                "certificates": [],
                "collaborators": [
                    [
                        "dinas-koperasi-ukm",
                        "pendampingan kelembagaan kelompok tani dan akses pasar",
                    ],
                ],
            },
            {
                "name": "Bibit Jahe Merah Bangka 1 kg",
                "name_en": "",
                "summary": "Bibit rimpang jahe merah dari tanaman induk sehat, siap tanam.",
                "summary_en": "",
                "description": (
                    "Bibit dipilih dari rimpang tua yang bernas dan bebas penyakit layu. Setiap "
                    "kilogram berisi sekitar 40 sampai 60 potong bertunas. Kami menyertakan "
                    "panduan singkat penanaman di polybag maupun bedengan. Pengiriman dilakukan "
                    "pada awal musim hujan untuk hasil terbaik."
                ),
                "category": "pertanian-perkebunan",
                "price_min": 40000,
                "price_max": 50000,
                "unit": "per kg",
                "status": "published",
                "certificates": [],
                "collaborators": [],
            },
            {
                "name": "Simplisia Jahe Merah Iris Kering 250 g",
                "name_en": "Dried Sliced Red Ginger, 250 g",
                "summary": "Irisan jahe merah kering untuk rebusan jamu dan campuran teh herbal.",
                "summary_en": "Dried red ginger slices for herbal decoctions and tea blends.",
                "description": (
                    "Jahe merah segar diiris tipis lalu dikeringkan dalam rumah pengering "
                    "berdinding plastik UV agar bersih dari debu dan serangga. Irisan kering tahan "
                    "hingga setahun bila disimpan rapat. Cukup rebus tiga sampai lima iris dalam "
                    "segelas air untuk minuman penghangat."
                ),
                "category": "madu-herbal",
                "price_min": 45000,
                "price_max": 50000,
                "unit": "per bungkus 250 g",
                "status": "published",
                "certificates": ["pirt"],
                "collaborators": [
                    [
                        "dinas-koperasi-ukm",
                        "pelatihan pengeringan higienis dan pengurusan izin PIRT",
                    ],
                ],
            },
            {
                "name": "Jahe Merah Bubuk Murni 100 g",
                "name_en": "",
                "summary": "Bubuk jahe merah murni tanpa gula untuk bumbu dan minuman.",
                "summary_en": "",
                "description": (
                    "Simplisia jahe merah kering digiling halus dan diayak. Tidak dicampur gula "
                    "maupun bahan lain sehingga bisa dipakai untuk bumbu masakan, jamu, atau "
                    "campuran kopi. Produk ini sedang dalam tahap uji kemasan."
                ),
                "category": "madu-herbal",
                "price_min": 30000,
                "price_max": 30000,
                "unit": "per bungkus 100 g",
                "status": "draft",
                "certificates": [],
                "collaborators": [
                    ["dinas-koperasi-ukm", "uji coba kemasan dan pengurusan sertifikasi halal"],
                ],
            },
        ],
    },
    {
        "name": "Dapur Kue Nek Siti Sungailiat",
        "owner_name": "Siti Rahmah",
        "region": "bangka",
        "scale": "mikro",
        "address": "Jl. Depati Bahrin No. 40, Kel. Srimenanti, Kec. Sungailiat, Kab. Bangka",
        "phone": "",
        "whatsapp": "085366091472",
        "email": "",
        "description": (
            "Dapur kue tradisional yang membuat kue rintak dan kue basah Melayu Bangka sejak 2005. "
            "Ramai pesanan menjelang Lebaran, Imlek, dan acara nganggung di kampung."
        ),
        "year_founded": 2005,
        "registering_agency": "dinas-koperasi-ukm",
        "show_owner": True,
        "nib": "9120800762194",
        "products": [
            {
                "name": "Kue Rintak Sagu Toples 500 g",
                "name_en": "Rintak Sago Cookies, 500 g jar",
                "summary": (
                    "Kue rintak sagu yang lumer di mulut, suguhan wajib hari raya di Bangka."
                ),
                "summary_en": (
                    "Melt-in-the-mouth rintak sago cookies, a must for Bangka festive tables."
                ),
                "description": (
                    "Kue rintak dibuat dari tepung sagu yang disangrai, santan kental, gula, dan "
                    "telur. Adonan dicetak dengan cetakan kayu bermotif bunga lalu dipanggang "
                    "hingga kering. Teksturnya renyah di luar dan langsung lumer saat digigit. "
                    "Simpan dalam toples tertutup, tahan sampai dua bulan."
                ),
                "category": "makanan-minuman",
                "price_min": 55000,
                "price_max": 60000,
                "unit": "per toples 500 g",
                "status": "published",
                "certificates": ["halal", "pirt"],
                "collaborators": [],
            },
            {
                "name": "Kue Rintak Jahe Wijen 250 g",
                "name_en": "",
                "summary": "Varian kue rintak dengan jahe dan taburan wijen, hangat dan harum.",
                "summary_en": "",
                "description": (
                    "Adonan kue rintak sagu ditambah parutan jahe dan ditaburi wijen sebelum "
                    "dipanggang. Rasa jahenya lembut dan cocok bagi yang menyukai kue tidak "
                    "terlalu manis. Dikemas dalam kantong berzip."
                ),
                "category": "makanan-minuman",
                "price_min": 32000,
                "price_max": 32000,
                "unit": "per bungkus 250 g",
                "status": "published",
                "certificates": ["halal", "pirt"],
                "collaborators": [],
            },
            {
                "name": "Kue Jongkong Pandan Gula Merah isi 10",
                "name_en": "Jongkong Pandan Cakes, box of 10",
                "summary": (
                    "Kue jongkong tiga lapis: gula merah, pandan, dan santan, dibungkus daun "
                    "pisang."
                ),
                "summary_en": (
                    "Three-layer jongkong cakes of palm sugar, pandan and coconut cream in banana "
                    "leaf."
                ),
                "description": (
                    "Lapisan bawah berupa gula merah cair, lapisan tengah adonan tepung beras "
                    "dengan sari daun pandan dan suji, dan lapisan atas bubur santan yang gurih. "
                    "Semua pewarnanya alami dan tanpa pengawet. Kue hanya tahan satu hari sehingga "
                    "dibuat berdasarkan pesanan; pesan paling lambat sehari sebelumnya."
                ),
                "category": "makanan-minuman",
                "price_min": 30000,
                "price_max": 35000,
                "unit": "per kotak isi 10",
                "status": "published",
                "certificates": [],
                "collaborators": [],
            },
        ],
    },
    {
        "name": "Keripik Singkong Pemali Renyah",
        "owner_name": "Agus Salim",
        "region": "bangka",
        "scale": "mikro",
        "address": "Jl. Raya Pemali No. 56, Desa Pemali, Kec. Pemali, Kab. Bangka",
        "phone": "",
        "whatsapp": "081996513508",
        "email": "",
        "description": (
            "Usaha keripik yang mengolah singkong dan ubi dari kebun petani di Pemali sejak 2014. "
            "Singkong digoreng dengan minyak baru setiap hari produksi agar tidak tengik."
        ),
        "year_founded": 2014,
        "registering_agency": "dinas-koperasi-ukm",
        "show_owner": True,
        "nib": "9120901046317",
        "products": [
            {
                "name": "Keripik Singkong Balado 250 g",
                "name_en": "Cassava Chips with Balado Chilli, 250 g",
                "summary": "Keripik singkong tipis dengan bumbu balado pedas manis.",
                "summary_en": "Thin cassava chips coated in sweet-spicy balado chilli.",
                "description": (
                    "Singkong dari kebun Pemali dikupas, diiris sangat tipis, lalu digoreng hingga "
                    "renyah. Keripik kemudian dibalur bumbu balado dari cabai merah, bawang, dan "
                    "gula. Rasanya pedas manis dan tidak terlalu berminyak. Tahan dua bulan dalam "
                    "kemasan tertutup."
                ),
                "category": "makanan-minuman",
                "price_min": 18000,
                "price_max": 20000,
                "unit": "per bungkus 250 g",
                "status": "published",
                "certificates": ["halal", "pirt"],
                "collaborators": [],
            },
            {
                "name": "Keripik Singkong Bawang Original 250 g",
                "name_en": "",
                "summary": (
                    "Keripik singkong gurih dengan bumbu bawang putih, cocok untuk semua umur."
                ),
                "summary_en": "",
                "description": (
                    "Irisan singkong direndam dalam air bawang putih dan garam sebelum digoreng, "
                    "sehingga rasa gurihnya meresap. Tidak pedas dan disukai anak-anak. Cocok "
                    "untuk camilan keluarga atau suguhan tamu."
                ),
                "category": "makanan-minuman",
                "price_min": 17000,
                "price_max": 17000,
                "unit": "per bungkus 250 g",
                "status": "published",
                "certificates": ["halal", "pirt"],
                "collaborators": [],
            },
            {
                "name": "Keripik Ubi Ungu 200 g",
                "name_en": "Purple Sweet Potato Chips, 200 g",
                "summary": "Keripik ubi jalar ungu yang manis alami dan berwarna cantik.",
                "summary_en": "Naturally sweet purple sweet potato chips with a striking colour.",
                "description": (
                    "Ubi jalar ungu dari petani sekitar Pemali diiris tipis dan digoreng dengan "
                    "suhu terjaga agar warnanya tetap ungu. Rasanya manis alami tanpa tambahan "
                    "pewarna. Cocok untuk camilan sehat dan bingkisan."
                ),
                "category": "makanan-minuman",
                "price_min": 20000,
                "price_max": 20000,
                "unit": "per bungkus 200 g",
                "status": "published",
                "certificates": ["halal", "pirt"],
                "collaborators": [],
            },
        ],
    },
    {
        "name": "Bumbu Lempah Mak Usu",
        "owner_name": "Zubaidah",
        "region": "bangka",
        "scale": "mikro",
        "address": "Jl. Pemuda No. 14, Kel. Parit Padang, Kec. Sungailiat, Kab. Bangka",
        "phone": "",
        "whatsapp": "082280417733",
        "email": "bumbulempahmakusu@example.com",
        "description": (
            "Usaha bumbu masak instan khas Bangka yang dirintis Mak Usu setelah bertahun-tahun "
            "melayani pesanan masakan kenduri. Bumbu digiling dari rempah segar tanpa MSG "
            "berlebihan."
        ),
        "year_founded": 2018,
        "registering_agency": "disperindag",
        "show_owner": True,
        "nib": "",
        "products": [
            {
                "name": "Bumbu Lempah Kuning Instan 150 g",
                "name_en": "Instant Lempah Kuning Spice Paste, 150 g",
                "summary": (
                    "Bumbu lempah kuning siap pakai untuk masak ikan kuah kuning khas Bangka."
                ),
                "summary_en": (
                    "Ready-to-use spice paste for Bangka's yellow fish soup, lempah kuning."
                ),
                "description": (
                    "Bumbu dibuat dari kunyit, lengkuas, cabai, bawang merah, bawang putih, dan "
                    "terasi yang digiling halus lalu ditumis hingga matang. Cukup rebus satu "
                    "bungkus dengan satu liter air, tambahkan ikan dan potongan nanas atau asam, "
                    "jadilah lempah kuning untuk empat sampai lima porsi. Simpan di lemari es "
                    "setelah dibuka."
                ),
                "category": "makanan-minuman",
                "price_min": 20000,
                "price_max": 25000,
                "unit": "per bungkus 150 g",
                "status": "published",
                "certificates": ["halal", "pirt"],
                "collaborators": [],
            },
            {
                "name": "Bumbu Lempah Darat Instan 150 g",
                "name_en": "",
                "summary": (
                    "Bumbu lempah darat untuk sayur kuah kuning berisi umbut, keladi, atau rebung."
                ),
                "summary_en": "",
                "description": (
                    "Lempah darat adalah masakan sayur berkuah khas Bangka dengan isian seperti "
                    "umbut kelapa, rebung, keladi, atau pepaya muda. Bumbunya memakai kunyit, "
                    "cabai, terasi, dan bawang yang ditumis. Satu bungkus cukup untuk sepanci "
                    "sayur keluarga."
                ),
                "category": "makanan-minuman",
                "price_min": 20000,
                "price_max": 20000,
                "unit": "per bungkus 150 g",
                "status": "published",
                "certificates": ["halal", "pirt"],
                "collaborators": [],
            },
        ],
    },
    {
        "name": "Pemandu Wisata Bangka Serumpun",
        "owner_name": "Rizky Pratama",
        "region": "bangka",
        "scale": "mikro",
        "address": "Jl. Jenderal Sudirman No. 102, Kel. Kuday, Kec. Sungailiat, Kab. Bangka",
        "phone": "",
        "whatsapp": "081366924085",
        "email": "",
        "description": (
            "Jasa pemandu wisata berlisensi yang mengantar tamu menjelajahi pantai, kuliner, dan "
            "situs sejarah di Kabupaten Bangka. Pemandunya warga asli yang fasih berbahasa Inggris "
            "dan Mandarin dasar."
        ),
        "year_founded": 2019,
        "registering_agency": "dinas-pariwisata",
        "show_owner": True,
        "nib": "9121002318849",
        "products": [
            {
                "name": "Paket Tur Sehari Pantai Timur Sungailiat",
                "name_en": "Sungailiat East Coast Day Tour",
                "summary": (
                    "Tur sehari ke pantai-pantai granit Sungailiat, Vihara Puri Tri Agung, dan "
                    "kuliner lempah."
                ),
                "summary_en": (
                    "A day tour of Sungailiat's granite beaches, Puri Tri Agung temple and local "
                    "food."
                ),
                "description": (
                    "Tur dimulai pukul 08.00 dengan penjemputan di hotel Sungailiat atau "
                    "Pangkalpinang. Rute meliputi Pantai Tanjung Pesona, Pantai Matras, dan Vihara "
                    "Puri Tri Agung di tepi Pantai Tikus Emas. Makan siang lempah kuning dan air "
                    "minum sudah termasuk, begitu pula mobil ber-AC dan pemandu. Minimal dua orang "
                    "per pemesanan."
                ),
                "category": "jasa-wisata",
                "price_min": 350000,
                "price_max": 450000,
                "unit": "per orang",
                "status": "published",
                "certificates": [],
                "collaborators": [],
            },
            {
                "name": "Paket Tur Kota Tua Belinyu dan Pantai Romodong",
                "name_en": "",
                "summary": (
                    "Jelajah kota tua Belinyu, Benteng Kuto Panji, dan senja di Pantai Romodong."
                ),
                "summary_en": "",
                "description": (
                    "Peserta diajak menyusuri deretan ruko tua dan kelenteng di Belinyu, lalu "
                    "mengunjungi sisa Benteng Kuto Panji. Sore hari perjalanan berlanjut ke Pantai "
                    "Romodong untuk menikmati matahari terbenam. Paket termasuk transportasi, "
                    "pemandu, dan santap malam mi Belinyu."
                ),
                "category": "jasa-wisata",
                "price_min": 300000,
                "price_max": 400000,
                "unit": "per orang",
                "status": "published",
                "certificates": [],
                "collaborators": [],
            },
        ],
    },
    {
        "name": "Minyak Kelapa Kampung Riau Silip",
        "owner_name": "Hamidah",
        "region": "bangka",
        "scale": "mikro",
        "address": "Dusun Pugul, Desa Pugul, Kec. Riau Silip, Kab. Bangka",
        "phone": "",
        "whatsapp": "085273650129",
        "email": "",
        "description": (
            "Usaha rumahan yang membuat minyak kelapa dengan cara tradisional dari kelapa tua "
            "kebun warga Riau Silip. Sejak 2012 memasok warung dan rumah makan di Sungailiat."
        ),
        "year_founded": 2012,
        "registering_agency": "dinas-pertanian",
        "show_owner": False,
        "nib": "",
        "products": [
            {
                "name": "Minyak Kelapa Kampung 1 Liter",
                "name_en": "Traditional Coconut Oil, 1 litre",
                "summary": (
                    "Minyak kelapa kampung hasil olahan tradisional, harum untuk menggoreng dan "
                    "menumis."
                ),
                "summary_en": (
                    "Traditionally made village coconut oil, fragrant for frying and sautéing."
                ),
                "description": (
                    "Kelapa tua diparut, diperas santannya, lalu santan dimasak di kuali besar "
                    "hingga minyak terpisah dari blondo. Minyak disaring dua kali agar jernih. "
                    "Aromanya harum khas kelapa dan membuat gorengan lebih gurih. Simpan jauh dari "
                    "sinar matahari langsung."
                ),
                "category": "pertanian-perkebunan",
                "price_min": 40000,
                "price_max": 45000,
                "unit": "per botol 1 liter",
                "status": "published",
                "certificates": ["pirt"],
                "collaborators": [],
            },
            {
                "name": "Virgin Coconut Oil Riau Silip 250 ml",
                "name_en": "",
                "summary": "Minyak kelapa murni (VCO) diproses dingin tanpa pemanasan.",
                "summary_en": "",
                "description": (
                    "Santan kelapa segar didiamkan hingga minyak terpisah secara alami, kemudian "
                    "disaring berulang tanpa dipanaskan. Minyaknya bening dengan aroma kelapa "
                    "segar. Dapat diminum satu sendok makan sehari atau dipakai untuk perawatan "
                    "kulit dan rambut."
                ),
                "category": "pertanian-perkebunan",
                "price_min": 45000,
                "price_max": 50000,
                "unit": "per botol 250 ml",
                "status": "published",
                "certificates": ["halal", "pirt"],
                "collaborators": [],
            },
        ],
    },
    {
        "name": "Lada Putih Mentok Sejahtera",
        "owner_name": "Hj. Siti Aminah",
        "region": "bangka-barat",
        "scale": "kecil",
        "address": "Jl. Jenderal Sudirman No. 12, Kel. Sungai Daeng, Muntok",
        "phone": "0716-214532",
        "whatsapp": "081234567890",
        "email": "ladamentok@example.com",
        "description": (
            "Usaha pengemasan lada putih yang menampung hasil panen petani di Kecamatan Muntok dan "
            "Simpang Teritip sejak 2014. Lada dipilih dari buah yang dipetik matang lalu direndam "
            "dan dijemur dengan cara tradisional Bangka."
        ),
        "year_founded": 2014,
        "registering_agency": "dinas-pertanian",
        "show_owner": True,
        "nib": "9121100583706",
        "products": [
            {
                "name": "Lada Putih Muntok Butir 250 g",
                "name_en": "Muntok White Pepper, Whole, 250 g",
                "summary": (
                    "Lada putih Muntok butir bersertifikat Indikasi Geografis, pedas dan harum."
                ),
                "summary_en": (
                    "Whole Muntok white pepper with Geographical Indication, pungent and aromatic."
                ),
                "description": (
                    "Buah lada dipetik saat sebagian tangkainya sudah merah, lalu direndam dalam "
                    "air mengalir sekitar dua minggu hingga kulitnya terkelupas. Biji dicuci "
                    "bersih dan dijemur tiga sampai lima hari sampai kering. Lada putih Muntok "
                    "dikenal dengan rasa pedas yang tajam dan aroma yang kuat. Giling sesaat "
                    "sebelum dipakai dan simpan dalam wadah kedap udara."
                ),
                "category": "pertanian-perkebunan",
                "price_min": 50000,
                "price_max": 60000,
                "unit": "per 250 g",
                "status": "published",
                "certificates": ["ig", "sni", "halal", "pirt", "merek"],
                "collaborators": [
                    ["disperindag", "fasilitasi pameran dagang dan penjajakan pembeli luar daerah"],
                ],
            },
            {
                "name": "Lada Putih Muntok Bubuk 100 g",
                "name_en": "Muntok White Pepper, Ground, 100 g",
                "summary": (
                    "Lada putih Muntok bubuk halus, digiling dari butir pilihan tanpa campuran."
                ),
                "summary_en": (
                    "Finely ground Muntok white pepper, milled from selected berries with no "
                    "fillers."
                ),
                "description": (
                    "Butir lada putih Muntok disangrai ringan lalu digiling halus dalam jumlah "
                    "kecil agar aromanya tidak cepat hilang. Tidak dicampur tepung atau beras "
                    "seperti lada bubuk murah di pasaran. Cocok untuk sup, tumisan, dan bumbu "
                    "marinasi. Tutup rapat kemasan setelah dipakai."
                ),
                "category": "pertanian-perkebunan",
                "price_min": 28000,
                "price_max": 32000,
                "unit": "per bungkus 100 g",
                "status": "published",
                "certificates": ["ig", "halal", "pirt", "merek"],
                "collaborators": [],
            },
            {
                "name": "Lada Putih Muntok Butir 1 kg",
                "name_en": "",
                "summary": "Kemasan hemat lada putih Muntok butir untuk rumah makan dan reseller.",
                "summary_en": "",
                "description": (
                    "Lada putih Muntok dari panen musim ini dengan kadar air di bawah 13 persen "
                    "sesuai SNI. Biji disortir untuk membuang kotoran dan biji hampa. Dikemas "
                    "dalam plastik tebal berlapis karung kecil agar aman dikirim. Harga dapat "
                    "berubah mengikuti harga lada di tingkat petani."
                ),
                "category": "pertanian-perkebunan",
                "price_min": 175000,
                "price_max": 190000,
                "unit": "per kg",
                "status": "published",
                "certificates": ["ig", "sni", "halal", "pirt"],
                "collaborators": [],
            },
            {
                "name": "Lada Putih Muntok Bubuk Botol Tabur 50 g",
                "name_en": "",
                "summary": "Lada putih Muntok bubuk dalam botol tabur praktis untuk meja makan.",
                "summary_en": "",
                "description": (
                    "Lada putih bubuk dikemas dalam botol kaca kecil bertutup tabur. Produk ini "
                    "tidak lagi diproduksi karena pasokan botol kaca terhenti; pembeli disarankan "
                    "memilih kemasan bubuk 100 g."
                ),
                "category": "pertanian-perkebunan",
                "price_min": 22000,
                "price_max": 22000,
                "unit": "per botol 50 g",
                "status": "archived",
                "certificates": ["ig", "halal", "pirt"],
                "collaborators": [],
            },
        ],
    },
    {
        "name": "Kelompok Tani Lada Berkah Jebus",
        "owner_name": "Samsudin",
        "region": "bangka-barat",
        "scale": "kecil",
        "address": "Jl. Raya Jebus No. 3, Desa Jebus, Kec. Jebus, Kab. Bangka Barat",
        "phone": "0716-331208",
        "whatsapp": "082175519034",
        "email": "",
        "description": (
            "Kelompok tani lada beranggotakan tiga puluh lima petani di Jebus, salah satu sentra "
            "lada tertua di Pulau Bangka. Kelompok ini menjual lada bersama agar petani mendapat "
            "harga yang lebih adil."
        ),
        "year_founded": 2010,
        "registering_agency": "dinas-pertanian",
        "show_owner": True,
        "nib": "9121201697530",
        "products": [
            {
                "name": "Lada Putih Muntok Curah Petani Jebus 1 kg",
                "name_en": "Jebus Farmers' Muntok White Pepper, 1 kg",
                "summary": (
                    "Lada putih Muntok curah langsung dari petani Jebus, cocok untuk kebutuhan "
                    "besar."
                ),
                "summary_en": (
                    "Bulk Muntok white pepper straight from Jebus farmers, ideal for larger needs."
                ),
                "description": (
                    "Lada berasal dari kebun anggota kelompok yang memakai junjung kayu hidup dan "
                    "pupuk organik. Setelah dipetik, buah direndam di kolam perendaman, dikupas, "
                    "dan dijemur di para-para. Kelompok melakukan sortir ulang sebelum pengiriman. "
                    "Pemesanan di atas 10 kg dapat harga khusus."
                ),
                "category": "pertanian-perkebunan",
                "price_min": 160000,
                "price_max": 170000,
                "unit": "per kg",
                "status": "published",
                "certificates": ["ig", "sni"],
                "collaborators": [],
            },
            {
                "name": "Lada Putih Muntok Standing Pouch 100 g",
                "name_en": "",
                "summary": (
                    "Lada putih Muntok butir dalam standing pouch berzip, pas untuk dapur rumah."
                ),
                "summary_en": "",
                "description": (
                    "Butir lada putih pilihan dari petani Jebus dikemas dalam standing pouch "
                    "berjendela sehingga isinya terlihat. Kemasan berzip menjaga aroma tetap kuat. "
                    "Cocok juga sebagai oleh-oleh khas Bangka Barat."
                ),
                "category": "pertanian-perkebunan",
                "price_min": 25000,
                "price_max": 28000,
                "unit": "per bungkus 100 g",
                "status": "published",
                "certificates": ["ig", "halal", "pirt"],
                "collaborators": [],
            },
            {
                "name": "Bibit Lada Stek Varietas Petaling 1",
                "name_en": "Petaling 1 Pepper Cuttings",
                "summary": "Bibit lada stek varietas unggul Petaling 1 dalam polybag, siap tanam.",
                "summary_en": (
                    "Rooted cuttings of the Petaling 1 pepper variety in polybags, ready to plant."
                ),
                "description": (
                    "Bibit diperbanyak dari sulur panjat tanaman induk varietas Petaling 1 yang "
                    "dikembangkan untuk kondisi Bangka. Setiap bibit sudah berakar dan berdaun "
                    "tiga sampai lima helai. Pembelian minimal 50 polybag; pengambilan di kebun "
                    "pembibitan Jebus atau dikirim ke wilayah Bangka."
                ),
                "category": "pertanian-perkebunan",
                "price_min": 5000,
                "price_max": 7000,
                "unit": "per polybag",
                "status": "published",
                "certificates": [],
                "collaborators": [],
            },
        ],
    },
    {
        "name": "Teh Tayu Warisan Ketap",
        "owner_name": "Liana Kam",
        "region": "bangka-barat",
        "scale": "mikro",
        "address": "Dusun Tayu, Desa Ketap, Kec. Jebus, Kab. Bangka Barat",
        "phone": "",
        "whatsapp": "081273885147",
        "email": "tehtayu@example.com",
        "description": (
            "Usaha keluarga keturunan Hakka yang merawat kebun teh warisan di Dusun Tayu, salah "
            "satu dari sedikit kebun teh dataran rendah di Indonesia. Daun teh dipetik dan "
            "disangrai dengan tangan seperti yang dilakukan leluhur mereka."
        ),
        "year_founded": 2018,
        "registering_agency": "disperindag",
        "show_owner": False,
        "nib": "9121301804665",
        "products": [
            {
                "name": "Teh Tayu Pucuk Sangrai 50 g",
                "name_en": "Tayu Roasted Tea Buds, 50 g",
                "summary": (
                    "Teh hijau dari pucuk teh Tayu, disangrai tangan, pekat dan sedikit sepat."
                ),
                "summary_en": (
                    "Green tea from hand-roasted Tayu tea buds, rich and slightly astringent."
                ),
                "description": (
                    "Teh Tayu berasal dari tanaman Camellia sinensis yang dibawa para penambang "
                    "timah Tionghoa ke Jebus ratusan tahun lalu. Hanya pucuk dan dua daun teratas "
                    "yang dipetik, lalu disangrai di wajan besi dan digulung dengan tangan. "
                    "Seduhannya berwarna kuning kehijauan dan biasa diminum tanpa gula, misalnya "
                    "setelah makan durian. Simpan dalam wadah kedap udara."
                ),
                "category": "madu-herbal",
                "price_min": 40000,
                "price_max": 45000,
                "unit": "per bungkus 50 g",
                "status": "published",
                "certificates": ["pirt"],
                "collaborators": [],
            },
            {
                "name": "Teh Tayu Daun Muda 100 g",
                "name_en": "",
                "summary": (
                    "Teh Tayu dari daun muda, rasanya lebih ringan untuk penikmat teh pemula."
                ),
                "summary_en": "",
                "description": (
                    "Daun muda di bawah pucuk diolah dengan cara sangrai yang sama namun dipotong "
                    "lebih kasar. Seduhannya lebih jernih dan tidak terlalu pahit. Cocok diminum "
                    "hangat setiap hari atau dicampur gula batu."
                ),
                "category": "madu-herbal",
                "price_min": 35000,
                "price_max": 40000,
                "unit": "per bungkus 100 g",
                "status": "published",
                "certificates": ["pirt"],
                "collaborators": [],
            },
            {
                "name": "Teh Tayu Celup isi 20",
                "name_en": "",
                "summary": "Teh Tayu dalam kantong celup untuk seduhan praktis.",
                "summary_en": "",
                "description": (
                    "Daun teh Tayu dicacah halus lalu dimasukkan ke dalam kantong celup tanpa "
                    "staples. Satu kotak berisi dua puluh kantong. Produk ini masih menunggu hasil "
                    "uji kemasan."
                ),
                "category": "madu-herbal",
                "price_min": 35000,
                "price_max": 35000,
                "unit": "per kotak isi 20",
                "status": "draft",
                "certificates": [],
                "collaborators": [],
            },
        ],
    },
    {
        "name": "Tenun Cual Muntok Dayang Nurlela",
        "owner_name": "Nurlela",
        "region": "bangka-barat",
        "scale": "mikro",
        "address": "Jl. Yos Sudarso No. 27, Kel. Tanjung, Muntok",
        "phone": "",
        "whatsapp": "085367402218",
        "email": "",
        "description": (
            "Penenun cual di Muntok, kota asal kain cual yang dahulu ditenun untuk kaum bangsawan. "
            "Nurlela belajar dari neneknya dan sejak 2016 mengajar remaja di kampungnya menenun."
        ),
        "year_founded": 2016,
        "registering_agency": "dinas-koperasi-ukm",
        "show_owner": True,
        "nib": "",
        "products": [
            {
                "name": "Kain Tenun Cual Muntok Motif Kembang Setangkai 2 m",
                "name_en": "",
                "summary": (
                    "Kain tenun cual Muntok dengan motif kembang setangkai, warna dasar merah "
                    "marun."
                ),
                "summary_en": "",
                "description": (
                    "Kain ditenun di rumah dengan ATBM memakai benang sutra dan benang emas. Motif "
                    "kembang setangkai tersebar di badan kain dengan tumpal di bagian kepala. "
                    "Setiap lembar dikerjakan sekitar satu bulan. Cocok untuk kain sampin, "
                    "selendang pengantin, atau koleksi wastra."
                ),
                "category": "fesyen-kain",
                "price_min": 2200000,
                "price_max": 3000000,
                "unit": "per lembar 2 m",
                "status": "published",
                "certificates": [],
                "collaborators": [
                    [
                        "dinas-pariwisata",
                        "promosi melalui kalender acara budaya dan pameran wastra Muntok",
                    ],
                ],
            },
            {
                "name": "Tanjak Melayu Kain Cual",
                "name_en": "Malay Tanjak Headdress in Cual Cloth",
                "summary": (
                    "Tanjak ikat kepala Melayu dari kain cual, siap pakai tanpa perlu diikat ulang."
                ),
                "summary_en": "Ready-to-wear Malay tanjak headdress made of cual cloth.",
                "description": (
                    "Tanjak dibentuk dari potongan kain cual dan kain songket yang dilipat serta "
                    "dijahit sehingga bentuknya tetap. Cocok untuk pakaian adat pria, acara "
                    "pernikahan, dan penyambutan tamu. Tersedia lingkar kepala 54 sampai 60 cm."
                ),
                "category": "fesyen-kain",
                "price_min": 150000,
                "price_max": 225000,
                "unit": "per buah",
                "status": "published",
                "certificates": [],
                "collaborators": [],
            },
        ],
    },
    {
        "name": "Kerupuk Ikan Tempilang Bahari",
        "owner_name": "Abdul Karim",
        "region": "bangka-barat",
        "scale": "mikro",
        "address": "Jl. Raya Tempilang, Desa Air Lintang, Kec. Tempilang, Kab. Bangka Barat",
        "phone": "",
        "whatsapp": "082182664053",
        "email": "",
        "description": (
            "Usaha olahan ikan di pesisir Tempilang yang membuat kerupuk dan ikan asin dari "
            "tangkapan nelayan setempat. Ramai pembeli setiap perayaan Perang Ketupat di Tempilang."
        ),
        "year_founded": 2013,
        "registering_agency": "dinas-kelautan-perikanan",
        "show_owner": True,
        "nib": "9121401275988",
        "products": [
            {
                "name": "Kerupuk Ikan Parang Tempilang 500 g",
                "name_en": "Tempilang Wolf Herring Crackers, 500 g",
                "summary": "Kerupuk mentah dari ikan parang, mengembang renyah dan gurih.",
                "summary_en": "Uncooked wolf-herring crackers that fry up light and savoury.",
                "description": (
                    "Ikan parang segar dipisahkan dari durinya, digiling, lalu dicampur tapioka "
                    "dan bumbu. Adonan dikukus, diiris tipis, dan dijemur di bawah matahari "
                    "pesisir Tempilang. Goreng dengan minyak panas sampai mengembang. Awet hingga "
                    "enam bulan di tempat kering."
                ),
                "category": "perikanan-hasil-laut",
                "price_min": 45000,
                "price_max": 50000,
                "unit": "per bungkus 500 g",
                "status": "published",
                "certificates": ["halal", "pirt"],
                "collaborators": [],
            },
            {
                "name": "Ikan Teri Asin Tempilang 250 g",
                "name_en": "",
                "summary": "Teri asin jemur matahari dari nelayan Tempilang, rasa asin sedang.",
                "summary_en": "",
                "description": (
                    "Ikan teri direbus sebentar dalam air garam di atas perahu, lalu dijemur "
                    "hingga kering di darat. Ukurannya seragam dan tidak hancur. Enak digoreng "
                    "untuk sambal teri, nasi goreng, atau pelengkap lempah."
                ),
                "category": "perikanan-hasil-laut",
                "price_min": 30000,
                "price_max": 35000,
                "unit": "per bungkus 250 g",
                "status": "published",
                "certificates": [],
                "collaborators": [],
            },
        ],
    },
    {
        "name": "Jelajah Muntok Heritage",
        "owner_name": "Hendra Saputra",
        "region": "bangka-barat",
        "scale": "mikro",
        "address": "Jl. Kampung Teluk Rubiah No. 5, Kel. Tanjung, Muntok",
        "phone": "",
        "whatsapp": "081379046611",
        "email": "jelajahmuntok@example.com",
        "description": (
            "Jasa tur sejarah yang dikelola pemuda Muntok untuk memperkenalkan kota tua Muntok, "
            "tempat pengasingan para pemimpin Republik pada 1949. Bekerja sama dengan petani lada "
            "setempat untuk wisata kebun."
        ),
        "year_founded": 2020,
        "registering_agency": "dinas-pariwisata",
        "show_owner": True,
        "nib": "9121500934172",
        "products": [
            {
                "name": "Paket Tur Jejak Sejarah Kota Muntok",
                "name_en": "Muntok Heritage Trail Tour",
                "summary": (
                    "Tur sehari ke Pesanggrahan Menumbing, Wisma Ranggam, Mercusuar Tanjung "
                    "Kalian, dan kota tua."
                ),
                "summary_en": (
                    "Day tour to Menumbing, Wisma Ranggam, Tanjung Kalian lighthouse and the old "
                    "town."
                ),
                "description": (
                    "Perjalanan dimulai dari Pesanggrahan Menumbing di puncak Bukit Menumbing, "
                    "lalu Wisma Ranggam tempat Bung Karno dan tokoh Republik diasingkan. Rute "
                    "berlanjut ke Masjid Jamik dan Kelenteng Kong Fuk Miau yang berdiri "
                    "berdampingan, serta Mercusuar Tanjung Kalian menjelang senja. Harga termasuk "
                    "transportasi, pemandu, tiket masuk, dan makan siang."
                ),
                "category": "jasa-wisata",
                "price_min": 250000,
                "price_max": 350000,
                "unit": "per orang",
                "status": "published",
                "certificates": [],
                "collaborators": [],
            },
            {
                "name": "Paket Tur Kebun Lada Putih Muntok",
                "name_en": "",
                "summary": (
                    "Wisata ke kebun lada, ikut memetik, merendam, dan menjemur lada putih bersama "
                    "petani."
                ),
                "summary_en": "",
                "description": (
                    "Peserta dibawa ke kebun lada milik petani di sekitar Muntok untuk melihat "
                    "tanaman lada pada junjungnya. Pada musim panen, peserta bisa ikut memetik dan "
                    "melihat proses perendaman serta penjemuran lada putih. Setiap peserta membawa "
                    "pulang sebungkus lada putih 100 g. Tanyakan jadwal musim panen sebelum "
                    "memesan."
                ),
                "category": "jasa-wisata",
                "price_min": 200000,
                "price_max": 275000,
                "unit": "per orang",
                "status": "published",
                "certificates": [],
                "collaborators": [
                    [
                        "dinas-pertanian",
                        "penyusunan materi budidaya lada dan pendampingan kunjungan kebun",
                    ],
                ],
            },
        ],
    },
    {
        "name": "Rumah Madu Pelawan Namang Lestari",
        "owner_name": "Zulkarnain",
        "region": "bangka-tengah",
        "scale": "kecil",
        "address": "Jl. Raya Koba, Desa Namang, Kec. Namang, Kab. Bangka Tengah",
        "phone": "0718-412637",
        "whatsapp": "081367319820",
        "email": "madupelawan@example.com",
        "description": (
            "Pengumpul dan pengemas madu pelawan dari hutan pelawan di sekitar Desa Namang sejak "
            "2012. Madu dipanen oleh pemanjat lebah hutan dengan cara tradisional yang tidak "
            "merusak sarang."
        ),
        "year_founded": 2012,
        "registering_agency": "dinas-lingkungan-hidup-kehutanan",
        "show_owner": True,
        "nib": "9121602743051",
        "products": [
            {
                "name": "Madu Pelawan Pahit Namang 250 ml",
                "name_en": "Namang Bitter Pelawan Honey, 250 ml",
                "summary": (
                    "Madu pahit dari bunga pohon pelawan di hutan Namang, rasa pahit-manis yang "
                    "khas."
                ),
                "summary_en": (
                    "Bitter honey from pelawan tree blossoms in the Namang forest, distinctly "
                    "bittersweet."
                ),
                "description": (
                    "Madu pelawan dihasilkan lebah hutan yang mengisap nektar bunga pohon pelawan, "
                    "pohon berbatang merah yang tumbuh di hutan Bangka Tengah. Rasanya manis di "
                    "awal lalu meninggalkan pahit di pangkal lidah, itulah sebabnya warga "
                    "menyebutnya madu pahit. Madu hanya dipanen sekali dalam setahun pada musim "
                    "bunga pelawan dan disaring tanpa dipanaskan. Simpan pada suhu ruang, tidak "
                    "perlu di lemari es."
                ),
                "category": "madu-herbal",
                "price_min": 175000,
                "price_max": 200000,
                "unit": "per botol 250 ml",
                "status": "published",
                "certificates": ["halal", "pirt"],
                "collaborators": [
                    ["dinas-koperasi-ukm", "pendampingan izin PIRT dan desain label kemasan"],
                ],
            },
            {
                "name": "Madu Pelawan Pahit Namang 500 ml",
                "name_en": "",
                "summary": "Madu pelawan pahit Namang kemasan 500 ml untuk konsumsi keluarga.",
                "summary_en": "",
                "description": (
                    "Isi sama dengan kemasan 250 ml, berasal dari panen musim yang sama. Madu "
                    "diuji kadar airnya sebelum dikemas agar tidak mudah berfermentasi. Minum satu "
                    "sendok makan setiap pagi atau campurkan dengan air hangat. Karena panen "
                    "terbatas, stok dapat habis sebelum musim berikutnya."
                ),
                "category": "madu-herbal",
                "price_min": 325000,
                "price_max": 375000,
                "unit": "per botol 500 ml",
                "status": "published",
                "certificates": ["halal", "pirt"],
                "collaborators": [],
            },
            {
                "name": "Jamur Pelawan Kering 100 g",
                "name_en": "Dried Pelawan Mushrooms, 100 g",
                "summary": (
                    "Kulat pelawan kering, jamur hutan langka yang hanya tumbuh di bawah pohon "
                    "pelawan."
                ),
                "summary_en": (
                    "Dried pelawan mushrooms, a rare wild fungus that grows only under pelawan "
                    "trees."
                ),
                "description": (
                    "Kulat pelawan tumbuh liar di hutan pelawan beberapa hari setelah hujan "
                    "disertai petir pada musim penghujan. Jamur berwarna merah kecokelatan ini "
                    "dipungut warga, dibersihkan, lalu dijemur hingga kering. Rasanya gurih dan "
                    "harum, biasa dimasak menjadi sup atau tumisan pada acara istimewa. Rendam air "
                    "hangat sebelum dimasak."
                ),
                "category": "pertanian-perkebunan",
                "price_min": 250000,
                "price_max": 300000,
                "unit": "per bungkus 100 g",
                "status": "published",
                "certificates": [],
                "collaborators": [],
            },
        ],
    },
    {
        "name": "Budidaya Kelulut Lubuk Lingkuk",
        "owner_name": "Rahmat Hidayat",
        "region": "bangka-tengah",
        "scale": "mikro",
        "address": "Desa Lubuk Lingkuk, Kec. Lubuk Besar, Kab. Bangka Tengah",
        "phone": "",
        "whatsapp": "082281153406",
        "email": "",
        "description": (
            "Peternak lebah kelulut yang memelihara lebih dari dua ratus stup di tepi hutan desa "
            "Lubuk Lingkuk. Usaha ini dimulai pada 2017 sebagai alternatif pendapatan selain "
            "berkebun sawit dan lada."
        ),
        "year_founded": 2017,
        "registering_agency": "dinas-pertanian",
        "show_owner": True,
        "nib": "9121703860284",
        "products": [
            {
                "name": "Madu Kelulut Asam Manis 250 ml",
                "name_en": "Kelulut Stingless Bee Honey, 250 ml",
                "summary": "Madu kelulut dari lebah tanpa sengat, rasa asam manis dan encer.",
                "summary_en": "Honey from stingless kelulut bees, tangy-sweet and runny.",
                "description": (
                    "Lebah kelulut menyimpan madu dalam kantong-kantong kecil dari propolis "
                    "sehingga madunya bercita rasa asam manis dengan aroma resin. Madu dipanen "
                    "dengan alat sedot khusus tanpa memeras sarang. Teksturnya lebih encer "
                    "daripada madu biasa dan bisa sedikit berbuih karena fermentasi alami. Simpan "
                    "di lemari es agar rasanya stabil."
                ),
                "category": "madu-herbal",
                "price_min": 130000,
                "price_max": 150000,
                "unit": "per botol 250 ml",
                "status": "published",
                "certificates": ["pirt"],
                "collaborators": [
                    [
                        "dinas-lingkungan-hidup-kehutanan",
                        "pendampingan budidaya kelulut di kawasan hutan desa",
                    ],
                ],
            },
            {
                "name": "Madu Kelulut Botol Kecil 100 ml",
                "name_en": "",
                "summary": "Madu kelulut kemasan kecil, cocok untuk mencoba atau bingkisan.",
                "summary_en": "",
                "description": (
                    "Madu kelulut yang sama dengan kemasan 250 ml, dikemas dalam botol kaca kecil. "
                    "Pas untuk yang baru ingin mencicipi rasa asam manis khas madu kelulut. Simpan "
                    "di lemari es setelah dibuka."
                ),
                "category": "madu-herbal",
                "price_min": 60000,
                "price_max": 65000,
                "unit": "per botol 100 ml",
                "status": "published",
                "certificates": ["pirt"],
                "collaborators": [],
            },
        ],
    },
    {
        "name": "Tempoyak dan Lempok Durian Koba",
        "owner_name": "Nurhayati",
        "region": "bangka-tengah",
        "scale": "mikro",
        "address": (
            "Jl. Raya Simpang Perlang No. 11, Kel. Simpang Perlang, Kec. Koba, Kab. Bangka Tengah"
        ),
        "phone": "",
        "whatsapp": "085279361140",
        "email": "",
        "description": (
            "Usaha olahan durian yang memanfaatkan durian kampung dari kebun warga sekitar Koba. "
            "Pada musim durian, buah yang tidak laku dijual segar diolah menjadi lempok dan "
            "tempoyak."
        ),
        "year_founded": 2015,
        "registering_agency": "dinas-koperasi-ukm",
        "show_owner": True,
        "nib": "",
        "products": [
            {
                "name": "Lempok Durian Bangka 250 g",
                "name_en": "Bangka Durian Lempok Sweet, 250 g",
                "summary": "Lempok durian kampung legit, dibungkus daun atau plastik per potong.",
                "summary_en": "Sticky durian lempok confection from village durians.",
                "description": (
                    "Daging durian kampung dimasak bersama gula di kuali selama berjam-jam sambil "
                    "terus diaduk hingga berwarna cokelat dan legit. Tidak memakai tepung sehingga "
                    "rasa duriannya pekat. Lempok tahan hingga tiga bulan di suhu ruang bila "
                    "kemasan tertutup rapat."
                ),
                "category": "makanan-minuman",
                "price_min": 45000,
                "price_max": 50000,
                "unit": "per bungkus 250 g",
                "status": "published",
                "certificates": ["halal", "pirt"],
                "collaborators": [],
            },
            {
                "name": "Tempoyak Durian Lokal 250 g",
                "name_en": "",
                "summary": (
                    "Tempoyak dari durian lokal Bangka Tengah, bumbu fermentasi untuk sambal dan "
                    "masakan."
                ),
                "summary_en": "",
                "description": (
                    "Daging durian matang dicampur sedikit garam lalu difermentasi dalam wadah "
                    "tertutup selama beberapa hari hingga asam. Tempoyak dipakai untuk sambal "
                    "tempoyak, masak ikan patin, atau dicampur teri goreng. Simpan di lemari es, "
                    "tahan hingga dua bulan."
                ),
                "category": "makanan-minuman",
                "price_min": 30000,
                "price_max": 35000,
                "unit": "per toples 250 g",
                "status": "published",
                "certificates": ["pirt"],
                "collaborators": [],
            },
            {
                "name": "Durian Kampung Koba Utuh",
                "name_en": "",
                "summary": (
                    "Durian kampung segar dari kebun warga Koba, dijual per buah pada musimnya."
                ),
                "summary_en": "",
                "description": (
                    "Durian jatuh dipungut setiap pagi dari kebun warga lalu dipilih yang matang "
                    "sempurna. Ukurannya bervariasi antara satu sampai tiga kilogram. Musim durian "
                    "tahun ini sudah berakhir; produk akan dibuka lagi pada musim berikutnya."
                ),
                "category": "pertanian-perkebunan",
                "price_min": 50000,
                "price_max": 120000,
                "unit": "per buah",
                "status": "archived",
                "certificates": [],
                "collaborators": [],
            },
        ],
    },
    {
        "name": "Olahan Aren Lubuk Pabrik",
        "owner_name": "Sulaiman",
        "region": "bangka-tengah",
        "scale": "mikro",
        "address": "Dusun I, Desa Lubuk Pabrik, Kec. Lubuk Besar, Kab. Bangka Tengah",
        "phone": "",
        "whatsapp": "081958207735",
        "email": "",
        "description": (
            "Penyadap nira aren yang mengolah nira menjadi gula cetak dan gula semut sejak 2011. "
            "Pohon aren tumbuh di kebun dan pinggiran hutan sekitar Lubuk Besar."
        ),
        "year_founded": 2011,
        "registering_agency": "dinas-pertanian",
        "show_owner": False,
        "nib": "9121804417396",
        "products": [
            {
                "name": "Gula Aren Cetak 500 g",
                "name_en": "Moulded Palm Sugar, 500 g",
                "summary": "Gula aren cetak batok dari nira segar, legit dan harum karamel.",
                "summary_en": (
                    "Coconut-shell moulded palm sugar from fresh sap, rich with caramel notes."
                ),
                "description": (
                    "Nira aren disadap pagi dan sore, lalu langsung dimasak di tungku kayu agar "
                    "tidak masam. Setelah mengental, gula dituang ke cetakan batok kelapa dan "
                    "didinginkan. Warnanya cokelat kemerahan dengan aroma karamel. Cocok untuk "
                    "kue, kolak, dan campuran kopi."
                ),
                "category": "pertanian-perkebunan",
                "price_min": 25000,
                "price_max": 30000,
                "unit": "per bungkus 500 g",
                "status": "published",
                "certificates": ["pirt"],
                "collaborators": [],
            },
            {
                "name": "Gula Semut Aren 250 g",
                "name_en": "",
                "summary": "Gula aren bubuk (gula semut) yang mudah larut untuk minuman dan kue.",
                "summary_en": "",
                "description": (
                    "Nira aren dimasak lebih lama hingga mengkristal, lalu diaduk dan diayak "
                    "menjadi butiran halus. Gula semut lebih awet daripada gula cetak dan mudah "
                    "larut dalam minuman dingin. Simpan dalam wadah tertutup agar tidak menggumpal."
                ),
                "category": "pertanian-perkebunan",
                "price_min": 28000,
                "price_max": 32000,
                "unit": "per bungkus 250 g",
                "status": "published",
                "certificates": ["halal", "pirt"],
                "collaborators": [],
            },
        ],
    },
    {
        "name": "Hasil Laut Kurau Bahari",
        "owner_name": "Ahmad Fauzi",
        "region": "bangka-tengah",
        "scale": "kecil",
        "address": "Jl. Nelayan No. 7, Desa Kurau, Kec. Koba, Kab. Bangka Tengah",
        "phone": "0718-415802",
        "whatsapp": "081271627749",
        "email": "kuraubahari@example.com",
        "description": (
            "Usaha pengolahan hasil laut di kampung nelayan Kurau yang menampung tangkapan puluhan "
            "perahu setiap hari. Berdiri sejak 2007 dan memasok ikan asin ke Pangkalpinang serta "
            "Jakarta."
        ),
        "year_founded": 2007,
        "registering_agency": "dinas-kelautan-perikanan",
        "show_owner": True,
        "nib": "9121905128463",
        "products": [
            {
                "name": "Ikan Asin Kurau Belah 500 g",
                "name_en": "Split Salted Threadfin, 500 g",
                "summary": (
                    "Ikan kurau asin belah, ikan asin premium dengan daging tebal dan tidak "
                    "terlalu asin."
                ),
                "summary_en": "Premium split salted threadfin with thick flesh and mild saltiness.",
                "description": (
                    "Ikan kurau segar dibelah, dibersihkan, lalu direndam larutan garam "
                    "secukupnya. Ikan dijemur di para-para bambu selama dua sampai tiga hari "
                    "hingga kering merata. Dagingnya tebal, gurih, dan tidak hancur saat digoreng. "
                    "Simpan di tempat sejuk dan kering atau di lemari es."
                ),
                "category": "perikanan-hasil-laut",
                "price_min": 95000,
                "price_max": 120000,
                "unit": "per bungkus 500 g",
                "status": "published",
                "certificates": ["pirt"],
                "collaborators": [],
            },
            {
                "name": "Cumi Asin Kurau 250 g",
                "name_en": "",
                "summary": "Cumi asin jemur dari perairan Kurau, kenyal dan gurih.",
                "summary_en": "",
                "description": (
                    "Cumi segar dibersihkan, direbus sebentar dalam air garam, lalu dijemur hingga "
                    "kering. Rasanya gurih dengan asin yang pas untuk tumis cabai hijau atau "
                    "sambal. Cuci dan rendam sebentar sebelum dimasak untuk mengurangi asin."
                ),
                "category": "perikanan-hasil-laut",
                "price_min": 55000,
                "price_max": 65000,
                "unit": "per bungkus 250 g",
                "status": "published",
                "certificates": ["pirt"],
                "collaborators": [],
            },
            {
                "name": "Udang Kering Ebi Kurau 250 g",
                "name_en": "Kurau Dried Shrimp, 250 g",
                "summary": "Ebi dari udang laut Kurau, berwarna oranye cerah tanpa pewarna.",
                "summary_en": (
                    "Dried shrimp from Kurau waters, bright orange with no added colouring."
                ),
                "description": (
                    "Udang laut kecil direbus dengan garam, dijemur, lalu dikupas dan diayak "
                    "hingga bersih. Ebi dipakai untuk sambal, tumisan, isian kue, atau kuah mi. "
                    "Warna oranyenya alami dari udang itu sendiri."
                ),
                "category": "perikanan-hasil-laut",
                "price_min": 55000,
                "price_max": 60000,
                "unit": "per bungkus 250 g",
                "status": "published",
                "certificates": ["pirt"],
                "collaborators": [],
            },
            {
                "name": "Kerupuk Udang Kurau Mentah 500 g",
                "name_en": "",
                "summary": "Kerupuk udang mentah dengan kandungan udang tinggi, siap goreng.",
                "summary_en": "",
                "description": (
                    "Udang segar digiling bersama tapioka, bawang putih, dan garam, lalu dikukus, "
                    "diiris, dan dijemur. Kerupuk mengembang besar dan renyah setelah digoreng. "
                    "Simpan di wadah kering agar awet hingga enam bulan."
                ),
                "category": "perikanan-hasil-laut",
                "price_min": 60000,
                "price_max": 65000,
                "unit": "per bungkus 500 g",
                "status": "published",
                "certificates": ["halal", "pirt"],
                "collaborators": [],
            },
        ],
    },
    {
        "name": "Anyaman Pandan Terentang",
        "owner_name": "Asmah",
        "region": "bangka-tengah",
        "scale": "mikro",
        "address": "Desa Terentang III, Kec. Koba, Kab. Bangka Tengah",
        "phone": "",
        "whatsapp": "082375508126",
        "email": "",
        "description": (
            "Kelompok perajin perempuan yang menganyam daun pandan duri menjadi tikar dan tas. "
            "Keterampilan menganyam diwariskan turun-temurun dan kini dikembangkan menjadi produk "
            "modern sejak 2014."
        ),
        "year_founded": 2014,
        "registering_agency": "dinas-koperasi-ukm",
        "show_owner": True,
        "nib": "9122006339517",
        "products": [
            {
                "name": "Tikar Pandan Anyam 150 x 200 cm",
                "name_en": "Woven Pandan Mat, 150 x 200 cm",
                "summary": "Tikar anyaman pandan duri, adem dan kuat untuk alas duduk dan tidur.",
                "summary_en": "Woven screw-pine mat, cool and sturdy for sitting or sleeping.",
                "description": (
                    "Daun pandan duri diambil dari tepi rawa, dibuang durinya, dibelah, direbus, "
                    "lalu dijemur hingga putih kekuningan. Helai-helai pandan dianyam rapat "
                    "menjadi tikar berukuran 150 x 200 cm dengan motif garis berwarna. Satu tikar "
                    "dikerjakan sekitar satu minggu. Jemur sesekali agar tidak lembap."
                ),
                "category": "kerajinan",
                "price_min": 175000,
                "price_max": 225000,
                "unit": "per lembar",
                "status": "published",
                "certificates": [],
                "collaborators": [],
            },
            {
                "name": "Tas Jinjing Anyaman Pandan",
                "name_en": "",
                "summary": "Tas jinjing anyaman pandan dengan furing kain dan resleting.",
                "summary_en": "",
                "description": (
                    "Tas dianyam dari pandan yang diwarnai alami lalu dijahit dengan furing kain "
                    "batik di bagian dalam. Dilengkapi resleting dan pegangan kulit sintetis. "
                    "Cocok untuk belanja ke pasar atau jalan-jalan santai."
                ),
                "category": "kerajinan",
                "price_min": 85000,
                "price_max": 125000,
                "unit": "per buah",
                "status": "published",
                "certificates": [],
                "collaborators": [],
            },
            {
                "name": "Kotak Tisu Anyaman Pandan",
                "name_en": "Woven Pandan Tissue Box",
                "summary": "Kotak tisu anyaman pandan untuk meja tamu dan kantor.",
                "summary_en": "Woven pandan tissue box cover for living rooms and offices.",
                "description": (
                    "Kotak tisu dianyam di atas rangka karton tebal lalu dilapisi pernis tipis "
                    "agar tahan debu. Ukurannya pas untuk tisu kemasan standar. Tersedia warna "
                    "alami dan kombinasi merah-hijau."
                ),
                "category": "kerajinan",
                "price_min": 45000,
                "price_max": 45000,
                "unit": "per buah",
                "status": "published",
                "certificates": [],
                "collaborators": [],
            },
        ],
    },
    {
        "name": "Terasi Udang Toboali Bu Jumiah",
        "owner_name": "Jumiah",
        "region": "bangka-selatan",
        "scale": "kecil",
        "address": (
            "Jl. Jenderal Sudirman No. 62, Kel. Tanjung Ketapang, Kec. Toboali, Kab. Bangka Selatan"
        ),
        "phone": "0718-431905",
        "whatsapp": "081377420583",
        "email": "",
        "description": (
            "Produsen terasi udang Toboali yang dirintis Bu Jumiah pada 2003 di kampung nelayan "
            "Tanjung Ketapang. Terasi dibuat dari udang rebon segar tangkapan nelayan setempat "
            "tanpa campuran ikan atau pewarna."
        ),
        "year_founded": 2003,
        "registering_agency": "dinas-kelautan-perikanan",
        "show_owner": True,
        "nib": "9122107440628",
        "products": [
            {
                "name": "Terasi Udang Toboali 250 g",
                "name_en": "Toboali Shrimp Paste, 250 g",
                "summary": (
                    "Terasi udang rebon khas Toboali, kemerahan, harum, dan tidak terlalu asin."
                ),
                "summary_en": (
                    "Toboali shrimp paste from fresh krill, reddish, fragrant and not overly salty."
                ),
                "description": (
                    "Udang rebon segar dijemur sekitar dua jam, lalu ditumbuk bersama garam di "
                    "lesung kayu. Adonan diperam semalam, dijemur lagi, dan ditumbuk hingga halus "
                    "sebelum dicetak. Warnanya merah kecokelatan alami dan aromanya harum saat "
                    "dibakar. Simpan dalam wadah tertutup di tempat kering."
                ),
                "category": "perikanan-hasil-laut",
                "price_min": 30000,
                "price_max": 35000,
                "unit": "per bungkus 250 g",
                "status": "published",
                "certificates": ["halal", "pirt", "merek"],
                "collaborators": [
                    ["disperindag", "pelatihan kemasan vakum dan promosi di gerai oleh-oleh"],
                ],
            },
            {
                "name": "Terasi Udang Toboali 500 g",
                "name_en": "",
                "summary": "Terasi Toboali kemasan besar untuk rumah makan dan stok dapur.",
                "summary_en": "",
                "description": (
                    "Terasi yang sama dengan kemasan 250 g, dicetak dalam balok lebih besar dan "
                    "dibungkus plastik vakum. Cocok untuk rumah makan yang membuat sambal setiap "
                    "hari. Terasi yang tersimpan baik awet hingga satu tahun."
                ),
                "category": "perikanan-hasil-laut",
                "price_min": 55000,
                "price_max": 60000,
                "unit": "per bungkus 500 g",
                "status": "published",
                "certificates": ["halal", "pirt", "merek"],
                "collaborators": [
                    [
                        "disperindag",
                        "fasilitasi kerja sama pemasokan dengan toko oleh-oleh di Pangkalpinang",
                    ],
                ],
            },
            {
                "name": "Terasi Toboali Sangrai Siap Pakai 100 g",
                "name_en": "Ready-to-Use Toasted Toboali Shrimp Paste",
                "summary": (
                    "Terasi Toboali yang sudah disangrai dan dihaluskan, tinggal tabur ke sambal."
                ),
                "summary_en": "Toasted, crumbled Toboali shrimp paste, ready to stir into sambal.",
                "description": (
                    "Terasi udang disangrai tanpa minyak hingga harum lalu dihaluskan dan dikemas "
                    "dalam toples kecil. Praktis untuk yang tidak ingin dapurnya berbau saat "
                    "membakar terasi. Cukup satu sendok teh untuk satu cobek sambal."
                ),
                "category": "perikanan-hasil-laut",
                "price_min": 22000,
                "price_max": 22000,
                "unit": "per toples 100 g",
                "status": "published",
                "certificates": ["halal", "pirt"],
                "collaborators": [],
            },
            {
                "name": "Sambal Terasi Toboali Botol 150 g",
                "name_en": "",
                "summary": "Sambal terasi Toboali siap makan, pedas dan harum terasi bakar.",
                "summary_en": "",
                "description": (
                    "Cabai merah, cabai rawit, tomat, dan bawang ditumis lalu diulek bersama "
                    "terasi Toboali bakar. Rasanya pedas dan gurih, cocok untuk lalapan, ikan "
                    "bakar, dan nasi hangat. Simpan di lemari es setelah dibuka."
                ),
                "category": "makanan-minuman",
                "price_min": 30000,
                "price_max": 30000,
                "unit": "per botol 150 g",
                "status": "published",
                "certificates": ["halal", "pirt"],
                "collaborators": [],
            },
        ],
    },
    {
        "name": "KWT Nanas Bikang Manis",
        "owner_name": "Sukarni",
        "region": "bangka-selatan",
        "scale": "mikro",
        "address": "Desa Bikang, Kec. Toboali, Kab. Bangka Selatan",
        "phone": "",
        "whatsapp": "085267735410",
        "email": "",
        "description": (
            "Kelompok wanita tani di Desa Bikang, sentra nanas di Bangka Selatan, yang mengolah "
            "nanas hasil kebun anggotanya. Kelompok ini berdiri pada 2016 agar nanas tidak lagi "
            "terbuang murah saat panen raya."
        ),
        "year_founded": 2016,
        "registering_agency": "dinas-pertanian",
        "show_owner": True,
        "nib": "9122208551734",
        "products": [
            {
                "name": "Nanas Bikang Segar",
                "name_en": "Fresh Bikang Pineapple",
                "summary": (
                    "Nanas Bikang yang besar dan manis, dipetik matang dari kebun Desa Bikang."
                ),
                "summary_en": (
                    "Large, sweet Bikang pineapple, picked ripe from farms in Bikang village."
                ),
                "description": (
                    "Nanas Bikang terkenal dengan buahnya yang besar, daging kuning, rasa manis, "
                    "dan kadar air yang tidak berlebihan. Buah dipetik saat kulitnya mulai "
                    "menguning agar manisnya maksimal. Berat per buah sekitar 1,5 sampai 2,5 kg. "
                    "Pengiriman hanya untuk wilayah Pulau Bangka."
                ),
                "category": "pertanian-perkebunan",
                "price_min": 10000,
                "price_max": 15000,
                "unit": "per buah",
                "status": "published",
                "certificates": [],
                "collaborators": [],
            },
            {
                "name": "Dodol Nanas Bikang 250 g",
                "name_en": "Bikang Pineapple Dodol, 250 g",
                "summary": "Dodol nanas legit dari buah nanas Bikang, manis asam segar.",
                "summary_en": "Chewy pineapple dodol made from Bikang pineapples, sweet and tangy.",
                "description": (
                    "Daging nanas Bikang diparut lalu dimasak bersama gula dan tepung ketan selama "
                    "beberapa jam sambil terus diaduk. Dodol dipotong kecil dan dibungkus plastik "
                    "satu per satu. Tahan sekitar dua bulan di suhu ruang."
                ),
                "category": "makanan-minuman",
                "price_min": 25000,
                "price_max": 25000,
                "unit": "per bungkus 250 g",
                "status": "published",
                "certificates": ["halal", "pirt"],
                "collaborators": [
                    [
                        "dinas-koperasi-ukm",
                        "pendampingan izin PIRT dan pencantuman informasi nilai gizi",
                    ],
                ],
            },
            {
                "name": "Selai Nanas Bikang 250 g",
                "name_en": "",
                "summary": "Selai nanas kental untuk isian kue nastar dan olesan roti.",
                "summary_en": "",
                "description": (
                    "Selai dibuat dari nanas Bikang yang diparut, dimasak dengan gula, kayu manis, "
                    "dan cengkih hingga berwarna keemasan dan kental. Teksturnya pas untuk isian "
                    "nastar karena tidak lembek. Simpan di lemari es setelah dibuka."
                ),
                "category": "makanan-minuman",
                "price_min": 25000,
                "price_max": 28000,
                "unit": "per toples 250 g",
                "status": "published",
                "certificates": ["halal", "pirt"],
                "collaborators": [],
            },
            {
                "name": "Sirup Nanas Bikang 500 ml",
                "name_en": "",
                "summary": "Sirup nanas dari sari nanas Bikang untuk minuman segar.",
                "summary_en": "",
                "description": (
                    "Sari nanas Bikang disaring dan dimasak dengan gula menjadi sirup. Cukup "
                    "dicampur air dingin dan es. Produk ini masih dalam tahap uji daya simpan "
                    "sebelum dijual."
                ),
                "category": "makanan-minuman",
                "price_min": 30000,
                "price_max": 30000,
                "unit": "per botol 500 ml",
                "status": "draft",
                "certificates": [],
                "collaborators": [],
            },
        ],
    },
    {
        "name": "Madu Hutan Pelawan Air Gegas",
        "owner_name": "Marzuki",
        "region": "bangka-selatan",
        "scale": "mikro",
        "address": "Desa Air Gegas, Kec. Air Gegas, Kab. Bangka Selatan",
        "phone": "",
        "whatsapp": "081271958832",
        "email": "",
        "description": (
            "Kelompok pemanjat madu hutan di Air Gegas yang memanen madu dari sarang lebah liar di "
            "pohon-pohon tinggi. Kelompok ini juga ikut menjaga sisa hutan pelawan agar tidak "
            "dibuka untuk tambang."
        ),
        "year_founded": 2014,
        "registering_agency": "dinas-lingkungan-hidup-kehutanan",
        "show_owner": False,
        "nib": "",
        "products": [
            {
                "name": "Madu Pelawan Pahit Air Gegas 250 ml",
                "name_en": "Air Gegas Bitter Pelawan Honey, 250 ml",
                "summary": (
                    "Madu pahit pelawan dari hutan Bangka Selatan, dipanen dari sarang lebah liar."
                ),
                "summary_en": (
                    "Bitter pelawan honey from the forests of South Bangka, taken from wild hives."
                ),
                "description": (
                    "Madu dipanen malam hari oleh pemanjat yang mengasapi sarang dengan obor "
                    "serabut kelapa, lalu hanya bagian kepala sarang berisi madu yang dipotong. "
                    "Madu diperas dan disaring kain tanpa dipanaskan. Rasanya pahit-manis khas "
                    "bunga pelawan dengan warna cokelat gelap. Simpan pada suhu ruang dan jauhkan "
                    "dari sinar matahari."
                ),
                "category": "madu-herbal",
                "price_min": 160000,
                "price_max": 185000,
                "unit": "per botol 250 ml",
                "status": "published",
                "certificates": ["pirt"],
                "collaborators": [],
            },
            {
                "name": "Madu Hutan Manis Bangka Selatan 500 ml",
                "name_en": "",
                "summary": "Madu hutan manis dari aneka bunga hutan dan kebun di Bangka Selatan.",
                "summary_en": "",
                "description": (
                    "Madu ini dipanen di luar musim bunga pelawan sehingga rasanya manis tanpa "
                    "rasa pahit. Warnanya kuning keemasan dan aromanya bunga. Cocok untuk campuran "
                    "minuman, jamu, atau dioles pada roti."
                ),
                "category": "madu-herbal",
                "price_min": 150000,
                "price_max": 175000,
                "unit": "per botol 500 ml",
                "status": "published",
                "certificates": ["pirt"],
                "collaborators": [],
            },
        ],
    },
    {
        "name": "Ikan Asin Lepar Pongok",
        "owner_name": "Syahrial",
        "region": "bangka-selatan",
        "scale": "mikro",
        "address": "Desa Tanjung Labu, Kec. Lepar Pongok, Kab. Bangka Selatan",
        "phone": "",
        "whatsapp": "082178046615",
        "email": "",
        "description": (
            "Usaha pengeringan hasil laut di Pulau Lepar yang dijalankan bersama enam keluarga "
            "nelayan. Produk dikirim dengan kapal ke Toboali dua kali seminggu."
        ),
        "year_founded": 2012,
        "registering_agency": "dinas-kelautan-perikanan",
        "show_owner": True,
        "nib": "9122309662801",
        "products": [
            {
                "name": "Cumi Asin Kering Lepar 500 g",
                "name_en": "Lepar Island Salted Dried Squid, 500 g",
                "summary": "Cumi asin kering dari perairan Pulau Lepar, tebal dan manis.",
                "summary_en": (
                    "Salted dried squid from the waters around Lepar Island, thick and sweet."
                ),
                "description": (
                    "Cumi ditangkap nelayan bagan di sekitar Pulau Lepar, direbus air garam di "
                    "atas kapal, lalu dijemur di pulau hingga kering. Ukurannya sedang sampai "
                    "besar dengan daging yang tebal. Enak digoreng, dibakar, atau dimasak sambal. "
                    "Simpan di lemari es agar warnanya tidak berubah."
                ),
                "category": "perikanan-hasil-laut",
                "price_min": 110000,
                "price_max": 130000,
                "unit": "per bungkus 500 g",
                "status": "published",
                "certificates": ["pirt"],
                "collaborators": [],
            },
            {
                "name": "Ikan Bilis Kering Pongok 250 g",
                "name_en": "",
                "summary": "Ikan bilis kering tawar dari Pongok, tidak terlalu asin.",
                "summary_en": "",
                "description": (
                    "Ikan bilis direbus dengan sedikit garam lalu dijemur di bawah matahari hingga "
                    "kering. Cocok digoreng kering dengan kacang atau dijadikan kuah sup. Karena "
                    "garamnya sedikit, simpan di lemari es setelah kemasan dibuka."
                ),
                "category": "perikanan-hasil-laut",
                "price_min": 35000,
                "price_max": 40000,
                "unit": "per bungkus 250 g",
                "status": "published",
                "certificates": [],
                "collaborators": [],
            },
            {
                "name": "Ikan Asin Selar Belah 500 g",
                "name_en": "Split Salted Scad, 500 g",
                "summary": "Ikan selar asin belah, lauk sehari-hari yang murah dan gurih.",
                "summary_en": "Split salted scad, an affordable and savoury everyday side dish.",
                "description": (
                    "Ikan selar dibelah punggung, dibersihkan isi perutnya, direndam garam, lalu "
                    "dijemur dua hari. Ukurannya seragam sehingga matang merata saat digoreng. "
                    "Nikmat dengan nasi hangat dan sambal terasi."
                ),
                "category": "perikanan-hasil-laut",
                "price_min": 45000,
                "price_max": 50000,
                "unit": "per bungkus 500 g",
                "status": "published",
                "certificates": [],
                "collaborators": [],
            },
        ],
    },
    {
        "name": "Lada Putih Payung Tani Jaya",
        "owner_name": "Muhammad Yusuf",
        "region": "bangka-selatan",
        "scale": "kecil",
        "address": "Jl. Raya Payung No. 21, Desa Payung, Kec. Payung, Kab. Bangka Selatan",
        "phone": "0718-432267",
        "whatsapp": "081367558209",
        "email": "ladapayung@example.com",
        "description": (
            "Usaha keluarga petani lada di Payung, salah satu sentra lada terbesar di Bangka "
            "Selatan. Selain lada putih, keluarga ini mulai mengolah lada hitam untuk pasar "
            "restoran."
        ),
        "year_founded": 2009,
        "registering_agency": "dinas-pertanian",
        "show_owner": True,
        "nib": "9122410773915",
        "products": [
            {
                "name": "Lada Putih Muntok Petik Merah Payung 500 g",
                "name_en": "Red-Picked Muntok White Pepper, 500 g",
                "summary": (
                    "Lada putih Muntok dari buah yang dipetik merah, butir besar dan bernas."
                ),
                "summary_en": (
                    "Muntok white pepper from red-ripe berries, with large, full kernels."
                ),
                "description": (
                    "Hanya tangkai lada yang buahnya sudah merah yang dipetik, sehingga biji lebih "
                    "bernas dan pedasnya lebih kuat. Buah direndam, dikupas, dan dijemur di atas "
                    "terpal bersih. Lada diayak untuk memisahkan butir besar sebelum dikemas. "
                    "Simpan di wadah kedap udara agar aroma tidak hilang."
                ),
                "category": "pertanian-perkebunan",
                "price_min": 85000,
                "price_max": 95000,
                "unit": "per bungkus 500 g",
                "status": "published",
                "certificates": ["ig", "sni", "pirt"],
                "collaborators": [],
            },
            {
                "name": "Lada Putih Muntok Bubuk Sachet isi 10",
                "name_en": "",
                "summary": (
                    "Lada putih Muntok bubuk dalam sachet 5 g, praktis untuk bekal dan warung."
                ),
                "summary_en": "",
                "description": (
                    "Lada putih Muntok digiling halus lalu dikemas dalam sachet aluminium 5 gram "
                    "agar aromanya terjaga. Satu kotak berisi sepuluh sachet. Praktis untuk warung "
                    "makan, bekal perjalanan, atau dibagikan sebagai contoh produk."
                ),
                "category": "pertanian-perkebunan",
                "price_min": 20000,
                "price_max": 22000,
                "unit": "per kotak isi 10",
                "status": "published",
                "certificates": ["ig", "halal", "pirt"],
                "collaborators": [],
            },
            {
                "name": "Lada Hitam Bangka Selatan 250 g",
                "name_en": "South Bangka Black Pepper, 250 g",
                "summary": "Lada hitam butir dari kebun Payung, pedas hangat dengan aroma kayu.",
                "summary_en": "Whole black pepper from Payung farms, warm heat with woody aroma.",
                "description": (
                    "Buah lada dipetik saat masih hijau tua lalu dijemur utuh bersama kulitnya "
                    "hingga menghitam dan keriput. Rasanya lebih hangat dan beraroma dibanding "
                    "lada putih. Cocok untuk steak, lada hitam sapi, dan masakan barat."
                ),
                "category": "pertanian-perkebunan",
                "price_min": 40000,
                "price_max": 45000,
                "unit": "per bungkus 250 g",
                "status": "published",
                "certificates": ["pirt"],
                "collaborators": [],
            },
        ],
    },
    {
        "name": "Kerajinan Resam Rias",
        "owner_name": "Siti Khadijah",
        "region": "bangka-selatan",
        "scale": "mikro",
        "address": "Desa Rias, Kec. Toboali, Kab. Bangka Selatan",
        "phone": "",
        "whatsapp": "085273419958",
        "email": "",
        "description": (
            "Perajin resam di Desa Rias yang mengolah batang paku resam dari tepi hutan menjadi "
            "perhiasan dan perlengkapan rumah. Usaha ini dirintis pada 2019 bersama ibu-ibu PKK "
            "desa."
        ),
        "year_founded": 2019,
        "registering_agency": "dinas-lingkungan-hidup-kehutanan",
        "show_owner": True,
        "nib": "",
        "products": [
            {
                "name": "Gelang Resam Anyam Halus",
                "name_en": "Finely Woven Resam Fern Bracelet",
                "summary": "Gelang anyaman resam halus berwarna hitam alami, ringan dan awet.",
                "summary_en": (
                    "Finely woven bracelet of resam fern stems, naturally black, light and durable."
                ),
                "description": (
                    "Batang paku resam dibelah, diraut menjadi serat tipis, lalu dianyam rapat "
                    "mengikuti lingkar pergelangan. Warna hitam mengilap berasal dari kulit batang "
                    "resam itu sendiri tanpa cat. Satu gelang dikerjakan satu sampai dua hari. "
                    "Hindari terendam air terlalu lama."
                ),
                "category": "kerajinan",
                "price_min": 75000,
                "price_max": 150000,
                "unit": "per buah",
                "status": "published",
                "certificates": [],
                "collaborators": [],
            },
            {
                "name": "Tatakan Gelas Resam isi 6",
                "name_en": "",
                "summary": "Set tatakan gelas anyaman resam dan rotan, isi enam buah.",
                "summary_en": "",
                "description": (
                    "Tatakan berdiameter 10 cm dianyam dari serat resam dengan bingkai rotan. "
                    "Tahan panas dari gelas kopi dan teh. Dikemas dalam kotak kertas daur ulang, "
                    "cocok sebagai bingkisan."
                ),
                "category": "kerajinan",
                "price_min": 65000,
                "price_max": 80000,
                "unit": "per set isi 6",
                "status": "published",
                "certificates": [],
                "collaborators": [],
            },
        ],
    },
    {
        "name": "Belacan Sijuk Bu Saniah",
        "owner_name": "Saniah",
        "region": "belitung",
        "scale": "mikro",
        "address": "Jl. Raya Sijuk, Desa Sijuk, Kec. Sijuk, Kab. Belitung",
        "phone": "",
        "whatsapp": "081929340572",
        "email": "",
        "description": (
            "Pembuat belacan di Desa Sijuk, kampung tua di pesisir utara Belitung yang terkenal "
            "dengan belacannya. Bu Saniah meneruskan usaha ibunya dan kini dibantu empat tetangga."
        ),
        "year_founded": 2006,
        "registering_agency": "dinas-kelautan-perikanan",
        "show_owner": True,
        "nib": "9122511884026",
        "products": [
            {
                "name": "Belacan Udang Sijuk 250 g",
                "name_en": "Sijuk Shrimp Belacan, 250 g",
                "summary": (
                    "Belacan Belitung dari udang rebon Sijuk, aromanya lembut dan tidak menyengat."
                ),
                "summary_en": (
                    "Belitung belacan from Sijuk krill, gently aromatic rather than pungent."
                ),
                "description": (
                    "Udang rebon segar dari nelayan Sijuk dijemur, ditumbuk dengan garam, lalu "
                    "diperam beberapa hari sebelum dijemur dan ditumbuk kembali. Belacan dicetak "
                    "dalam kotak kecil dan dibungkus kertas. Aromanya khas fermentasi laut namun "
                    "tidak menyengat. Simpan di tempat kering dalam wadah tertutup."
                ),
                "category": "perikanan-hasil-laut",
                "price_min": 28000,
                "price_max": 32000,
                "unit": "per bungkus 250 g",
                "status": "published",
                "certificates": ["halal", "pirt"],
                "collaborators": [
                    ["disperindag", "pendampingan kemasan kotak dan pemasaran di gerai oleh-oleh"],
                ],
            },
            {
                "name": "Belacan Udang Sijuk Balok 500 g",
                "name_en": "",
                "summary": "Belacan Sijuk balok besar untuk rumah makan dan keluarga besar.",
                "summary_en": "",
                "description": (
                    "Belacan dicetak dalam balok 500 gram dan dibungkus plastik tebal. Cocok untuk "
                    "rumah makan yang memasak gangan dan sambal setiap hari. Potong seperlunya dan "
                    "bakar sebentar sebelum diulek."
                ),
                "category": "perikanan-hasil-laut",
                "price_min": 50000,
                "price_max": 55000,
                "unit": "per bungkus 500 g",
                "status": "published",
                "certificates": ["halal", "pirt"],
                "collaborators": [],
            },
            {
                "name": "Sambal Belacan Belitung 200 g",
                "name_en": "Belitung Belacan Chilli Sambal, 200 g",
                "summary": "Sambal belacan siap makan dengan belacan Sijuk dan cabai rawit.",
                "summary_en": "Ready-to-eat sambal made with Sijuk belacan and bird's-eye chilli.",
                "description": (
                    "Belacan Sijuk dibakar lalu diulek dengan cabai rawit, cabai merah, bawang, "
                    "dan perasan jeruk kunci, kemudian dimasak sebentar agar awet. Rasanya pedas, "
                    "asam segar, dan gurih. Teman makan ikan bakar dan lalapan. Simpan di lemari "
                    "es setelah dibuka."
                ),
                "category": "makanan-minuman",
                "price_min": 30000,
                "price_max": 35000,
                "unit": "per botol 200 g",
                "status": "published",
                "certificates": ["halal", "pirt"],
                "collaborators": [],
            },
        ],
    },
    {
        "name": "Batik Simpor Billiton",
        "owner_name": "Desi Ratnasari",
        "region": "belitung",
        "scale": "kecil",
        "address": "Jl. Sriwijaya No. 56, Kel. Pangkal Lalang, Kec. Tanjung Pandan, Kab. Belitung",
        "phone": "0719-243185",
        "whatsapp": "081373961208",
        "email": "batiksimpor@example.com",
        "description": (
            "Rumah batik di Tanjung Pandan yang mengangkat motif alam dan budaya Belitung seperti "
            "daun simpor, ikan cempedik, dan batu granit. Berdiri sejak 2012 dan mempekerjakan "
            "belasan pembatik lokal."
        ),
        "year_founded": 2012,
        "registering_agency": "disperindag",
        "show_owner": True,
        "nib": "9122612995148",
        "products": [
            {
                "name": "Kain Batik Tulis Motif Daun Simpor 2 m",
                "name_en": "Hand-Drawn Batik, Simpor Leaf Motif, 2 m",
                "summary": "Batik tulis motif daun simpor, daun pembungkus makanan khas Belitung.",
                "summary_en": (
                    "Hand-drawn batik with the simpor leaf motif, Belitung's traditional food wrap."
                ),
                "description": (
                    "Daun simpor dipakai orang Belitung untuk membungkus nasi dan menjadi alas "
                    "makanan dalam tradisi makan bedulang. Motifnya digambar dengan canting tangan "
                    "di atas kain katun primisima lalu diwarnai secara bertahap. Satu lembar "
                    "membutuhkan dua sampai tiga minggu. Cuci dengan tangan memakai sabun lerak."
                ),
                "category": "fesyen-kain",
                "price_min": 650000,
                "price_max": 1200000,
                "unit": "per lembar 2 m",
                "status": "published",
                "certificates": ["merek"],
                "collaborators": [
                    [
                        "dinas-pariwisata",
                        "promosi batik Belitung dalam paket cendera mata Geopark Belitong",
                    ],
                ],
            },
            {
                "name": "Kain Batik Cap Motif Ikan Cempedik 2 m",
                "name_en": "",
                "summary": (
                    "Batik cap motif ikan cempedik, ikan kecil khas sungai dan pesisir Belitung."
                ),
                "summary_en": "",
                "description": (
                    "Ikan cempedik adalah ikan kecil yang akrab dalam masakan Belitung. Motifnya "
                    "dicap berulang dengan cap tembaga sehingga harga lebih terjangkau daripada "
                    "batik tulis. Tersedia warna biru laut, hijau toska, dan cokelat sogan."
                ),
                "category": "fesyen-kain",
                "price_min": 225000,
                "price_max": 275000,
                "unit": "per lembar 2 m",
                "status": "published",
                "certificates": ["merek"],
                "collaborators": [],
            },
            {
                "name": "Kemeja Batik Simpor Lengan Panjang",
                "name_en": "Long-Sleeved Simpor Batik Shirt",
                "summary": (
                    "Kemeja batik pria lengan panjang motif simpor, berfuring, untuk acara resmi."
                ),
                "summary_en": (
                    "Men's long-sleeved simpor batik shirt, fully lined, for formal occasions."
                ),
                "description": (
                    "Kemeja dijahit dari batik cap kombinasi tulis motif daun simpor dengan furing "
                    "penuh. Tersedia ukuran M sampai XXXL. Cocok untuk acara kantor, kondangan, "
                    "dan seragam komunitas."
                ),
                "category": "fesyen-kain",
                "price_min": 275000,
                "price_max": 350000,
                "unit": "per potong",
                "status": "published",
                "certificates": ["merek"],
                "collaborators": [],
            },
            {
                "name": "Kain Batik Cap Motif Kapal Ketek 2 m",
                "name_en": "",
                "summary": "Batik cap bermotif perahu ketek nelayan Belitung.",
                "summary_en": "",
                "description": (
                    "Motif perahu ketek nelayan dicap di atas kain katun. Motif ini sudah tidak "
                    "diproduksi karena cap tembaganya rusak dan sedang dibuat ulang dengan desain "
                    "baru."
                ),
                "category": "fesyen-kain",
                "price_min": 200000,
                "price_max": 200000,
                "unit": "per lembar 2 m",
                "status": "archived",
                "certificates": [],
                "collaborators": [],
            },
        ],
    },
    {
        "name": "Galeri Satam Tanjong Pandan",
        "owner_name": "Hendrik Wijaya",
        "region": "belitung",
        "scale": "kecil",
        "address": "Jl. Merdeka No. 19, Kel. Kota, Kec. Tanjung Pandan, Kab. Belitung",
        "phone": "0719-226751",
        "whatsapp": "082183660471",
        "email": "",
        "description": (
            "Bengkel perhiasan di pusat kota Tanjung Pandan yang mengolah batu satam, batu hitam "
            "khas Belitung yang ditemukan di bekas tambang timah. Didirikan pada 1996 oleh ayah "
            "pemilik sekarang yang dulu perajin perak."
        ),
        "year_founded": 1996,
        "registering_agency": "disperindag",
        "show_owner": False,
        "nib": "9122713006259",
        "products": [
            {
                "name": "Cincin Perak Batu Satam",
                "name_en": "Silver Ring with Belitung Satam Stone",
                "summary": (
                    "Cincin perak 925 bermata batu satam asli Belitung, ukuran bisa disesuaikan."
                ),
                "summary_en": (
                    "Sterling silver ring set with genuine Belitung satam stone, resizable."
                ),
                "description": (
                    "Batu satam adalah tektit hitam berkilau yang hanya ditemukan di lapisan tanah "
                    "tambang timah Belitung, dengan permukaan berlekuk yang khas. Batu dibentuk "
                    "dan dipoles seperlunya lalu diikat pada cincin perak 925 buatan tangan. "
                    "Setiap batu unik sehingga bentuk dan ukurannya sedikit berbeda. Dilengkapi "
                    "kartu keterangan asal batu."
                ),
                "category": "kerajinan",
                "price_min": 850000,
                "price_max": 2500000,
                "unit": "per buah",
                "status": "published",
                "certificates": ["merek"],
                "collaborators": [],
            },
            {
                "name": "Liontin Batu Satam Bingkai Perak",
                "name_en": "",
                "summary": (
                    "Liontin batu satam berbingkai perak, sudah termasuk rantai perak 45 cm."
                ),
                "summary_en": "",
                "description": (
                    "Batu satam utuh dengan permukaan alami diikat dengan bingkai perak ukir motif "
                    "daun simpor. Harga tergantung ukuran dan bentuk batu. Termasuk rantai perak "
                    "45 cm dan kotak perhiasan."
                ),
                "category": "kerajinan",
                "price_min": 650000,
                "price_max": 1800000,
                "unit": "per buah",
                "status": "published",
                "certificates": ["merek"],
                "collaborators": [],
            },
            {
                "name": "Anting Batu Satam Perak",
                "name_en": "Silver Satam Stone Earrings",
                "summary": "Anting tusuk perak dengan butiran batu satam kecil yang serasi.",
                "summary_en": "Silver stud earrings with a matched pair of small satam stones.",
                "description": (
                    "Sepasang butiran satam kecil dipilih yang bentuk dan kilapnya serupa, lalu "
                    "dipasang pada anting tusuk perak 925. Ringan dipakai sehari-hari. Bersihkan "
                    "perak dengan kain lap perak agar tetap berkilau."
                ),
                "category": "kerajinan",
                "price_min": 450000,
                "price_max": 750000,
                "unit": "per pasang",
                "status": "published",
                "certificates": ["merek"],
                "collaborators": [],
            },
        ],
    },
    {
        "name": "Anyaman Resam Membalong",
        "owner_name": "Rusmini",
        "region": "belitung",
        "scale": "mikro",
        "address": "Desa Membalong, Kec. Membalong, Kab. Belitung",
        "phone": "",
        "whatsapp": "085366205817",
        "email": "",
        "description": (
            "Kelompok perajin resam di Membalong yang menganyam batang paku resam menjadi gelang, "
            "tas, dan tudung saji. Resam diambil dari semak di tepi hutan tanpa mencabut akarnya "
            "sehingga cepat tumbuh kembali."
        ),
        "year_founded": 2010,
        "registering_agency": "dinas-lingkungan-hidup-kehutanan",
        "show_owner": True,
        "nib": "9122814117360",
        "products": [
            {
                "name": "Gelang Resam Belitung Anyam Tangan",
                "name_en": "Hand-Woven Belitung Resam Bracelet",
                "summary": "Gelang resam khas Belitung, dianyam tangan dengan pola kepang halus.",
                "summary_en": "Belitung resam fern bracelet, hand-woven in a fine braided pattern.",
                "description": (
                    "Batang resam yang sudah tua dibelah dan diraut hingga menjadi serat setipis "
                    "lidi. Serat dianyam dengan pola kepang tanpa sambungan lem, beberapa model "
                    "diberi sisipan perak. Warnanya hitam cokelat alami dan makin mengilap seiring "
                    "pemakaian. Tersedia ukuran pergelangan dewasa dan anak."
                ),
                "category": "kerajinan",
                "price_min": 100000,
                "price_max": 250000,
                "unit": "per buah",
                "status": "published",
                "certificates": [],
                "collaborators": [
                    [
                        "disperindag",
                        "pelatihan desain produk dan promosi di pameran kriya nasional",
                    ],
                ],
            },
            {
                "name": "Tas Tangan Anyaman Resam",
                "name_en": "",
                "summary": "Tas tangan anyaman resam yang elegan untuk pesta dan acara resmi.",
                "summary_en": "",
                "description": (
                    "Tas dianyam dari serat resam dengan tutup berengsel dan tali kulit. "
                    "Pengerjaan satu tas membutuhkan sekitar dua minggu oleh perajin "
                    "berpengalaman. Kuat, ringan, dan tidak mudah berjamur bila disimpan di tempat "
                    "kering."
                ),
                "category": "kerajinan",
                "price_min": 450000,
                "price_max": 850000,
                "unit": "per buah",
                "status": "published",
                "certificates": [],
                "collaborators": [],
            },
            {
                "name": "Tudung Saji Anyaman Resam",
                "name_en": "Woven Resam Food Cover",
                "summary": (
                    "Tudung saji resam untuk menutup hidangan, seperti dipakai dalam tradisi "
                    "bedulang."
                ),
                "summary_en": (
                    "Resam food cover, like those used in the Belitung bedulang dining tradition."
                ),
                "description": (
                    "Tudung saji dianyam dari resam dengan rangka rotan berdiameter sekitar 50 cm. "
                    "Selain untuk menutup makanan, banyak pembeli memakainya sebagai hiasan "
                    "dinding. Bersihkan dengan kuas kering."
                ),
                "category": "kerajinan",
                "price_min": 250000,
                "price_max": 400000,
                "unit": "per buah",
                "status": "published",
                "certificates": [],
                "collaborators": [],
            },
        ],
    },
    {
        "name": "Kopi Bubuk Cap Perahu Layar",
        "owner_name": "Lukas Tjhin",
        "region": "belitung",
        "scale": "kecil",
        "address": "Jl. Jenderal Sudirman No. 71, Kel. Parit, Kec. Tanjung Pandan, Kab. Belitung",
        "phone": "0719-219346",
        "whatsapp": "081995428730",
        "email": "kopiperahulayar@example.com",
        "description": (
            "Usaha penyangraian kopi keluarga di Tanjung Pandan yang sudah tiga generasi memasok "
            "warung kopi di Belitung. Biji kopi disangrai dengan tungku kayu untuk menghasilkan "
            "kopi O pekat khas warung Belitung."
        ),
        "year_founded": 1987,
        "registering_agency": "dinas-koperasi-ukm",
        "show_owner": False,
        "nib": "9122915228471",
        "products": [
            {
                "name": "Kopi Bubuk Belitung Robusta 250 g",
                "name_en": "Belitung Robusta Ground Coffee, 250 g",
                "summary": (
                    "Kopi bubuk robusta sangrai tungku kayu, pekat seperti kopi O di warung "
                    "Belitung."
                ),
                "summary_en": (
                    "Wood-fired roasted robusta, as strong as the kopi O of Belitung coffee shops."
                ),
                "description": (
                    "Biji robusta pilihan dari Sumatra bagian selatan disangrai di Tanjung Pandan "
                    "dengan tungku kayu hingga cokelat gelap. Kopi digiling halus sehingga cocok "
                    "diseduh dengan saringan kain ala warung kopi Belitung. Rasanya pahit tebal "
                    "dengan sedikit aroma asap. Simpan dalam wadah kedap udara."
                ),
                "category": "makanan-minuman",
                "price_min": 40000,
                "price_max": 45000,
                "unit": "per bungkus 250 g",
                "status": "published",
                "certificates": ["halal", "pirt", "merek"],
                "collaborators": [],
            },
            {
                "name": "Biji Kopi Robusta Sangrai Belitung 500 g",
                "name_en": "",
                "summary": (
                    "Biji kopi robusta sangrai utuh untuk digiling sendiri di rumah atau kedai."
                ),
                "summary_en": "",
                "description": (
                    "Biji yang sama dengan kopi bubuk kami, dijual utuh agar aromanya lebih tahan "
                    "lama. Cocok untuk pemilik kedai atau penikmat kopi yang menggiling sendiri. "
                    "Giling kasar untuk tubruk dan halus untuk saring kain."
                ),
                "category": "makanan-minuman",
                "price_min": 85000,
                "price_max": 95000,
                "unit": "per bungkus 500 g",
                "status": "published",
                "certificates": ["halal", "pirt"],
                "collaborators": [],
            },
        ],
    },
    {
        "name": "Perahu Wisata Tanjung Kelayang",
        "owner_name": "Iskandar",
        "region": "belitung",
        "scale": "mikro",
        "address": "Jl. Pantai Tanjung Kelayang, Desa Keciput, Kec. Sijuk, Kab. Belitung",
        "phone": "",
        "whatsapp": "081271300946",
        "email": "",
        "description": (
            "Nelayan Keciput yang beralih melayani wisata perahu di Pantai Tanjung Kelayang sejak "
            "2011. Memiliki tiga perahu bermesin dengan pelampung dan juru mudi berpengalaman."
        ),
        "year_founded": 2011,
        "registering_agency": "dinas-pariwisata",
        "show_owner": True,
        "nib": "9123016339582",
        "products": [
            {
                "name": "Paket Island Hopping Tanjung Kelayang Gabung",
                "name_en": "Tanjung Kelayang Shared Island Hopping",
                "summary": (
                    "Tur perahu gabungan keliling pulau dari Tanjung Kelayang ke Pulau Lengkuas."
                ),
                "summary_en": (
                    "Shared boat tour from Tanjung Kelayang around the islands to Lengkuas Island."
                ),
                "description": (
                    "Perahu berangkat pukul 08.30 dari Pantai Tanjung Kelayang menuju Batu Garuda, "
                    "Pulau Pasir, Pulau Batu Berlayar, Pulau Lengkuas dengan mercusuarnya, dan "
                    "Pulau Kepayang. Harga sudah termasuk pelampung, alat snorkel, dan air "
                    "mineral, tetapi belum termasuk tiket naik mercusuar dan makan siang. Jadwal "
                    "dapat berubah mengikuti cuaca dan gelombang."
                ),
                "category": "jasa-wisata",
                "price_min": 175000,
                "price_max": 225000,
                "unit": "per orang",
                "status": "published",
                "certificates": [],
                "collaborators": [],
            },
            {
                "name": "Sewa Perahu Island Hopping Privat",
                "name_en": "",
                "summary": (
                    "Sewa satu perahu untuk rombongan hingga 10 orang, rute dan jam berangkat "
                    "bebas."
                ),
                "summary_en": "",
                "description": (
                    "Cocok untuk keluarga atau rombongan kantor yang ingin berangkat sesuai jadwal "
                    "sendiri. Rute standar mencakup Pulau Lengkuas, Pulau Pasir, dan Pulau "
                    "Kepayang, dengan tambahan Pulau Burung atas permintaan. Termasuk juru mudi, "
                    "pelampung, dan alat snorkel untuk seluruh penumpang."
                ),
                "category": "jasa-wisata",
                "price_min": 850000,
                "price_max": 1100000,
                "unit": "per perahu",
                "status": "published",
                "certificates": [],
                "collaborators": [],
            },
            {
                "name": "Paket Snorkeling Pulau Lengkuas",
                "name_en": "Lengkuas Island Snorkelling Package",
                "summary": "Snorkeling di terumbu karang sekitar Pulau Lengkuas dengan pendamping.",
                "summary_en": "Guided snorkelling on the coral reefs around Lengkuas Island.",
                "description": (
                    "Peserta dibawa ke titik snorkeling di sekitar Pulau Lengkuas yang jernih dan "
                    "kaya ikan karang. Pendamping ikut turun ke air untuk menjaga keselamatan "
                    "peserta yang belum lancar berenang. Termasuk alat snorkel, pelampung, dan "
                    "dokumentasi foto bawah air."
                ),
                "category": "jasa-wisata",
                "price_min": 250000,
                "price_max": 300000,
                "unit": "per orang",
                "status": "published",
                "certificates": [],
                "collaborators": [],
            },
        ],
    },
    {
        "name": "Homestay Pondok Tanjung Tinggi",
        "owner_name": "Marlina",
        "region": "belitung",
        "scale": "mikro",
        "address": "Desa Tanjung Tinggi, Kec. Sijuk, Kab. Belitung",
        "phone": "",
        "whatsapp": "082373087614",
        "email": "pondoktanjungtinggi@example.com",
        "description": (
            "Homestay milik keluarga warga Tanjung Tinggi, sekitar lima menit berjalan kaki dari "
            "pantai berbatu granit yang terkenal lewat film Laskar Pelangi. Pemiliknya juga "
            "pemandu wisata bersertifikat."
        ),
        "year_founded": 2016,
        "registering_agency": "dinas-pariwisata",
        "show_owner": True,
        "nib": "",
        "products": [
            {
                "name": "Kamar Homestay Dekat Pantai Tanjung Tinggi",
                "name_en": "Homestay Room near Tanjung Tinggi Beach",
                "summary": (
                    "Kamar homestay bersih dengan AC dan kamar mandi dalam, termasuk sarapan khas "
                    "Belitung."
                ),
                "summary_en": (
                    "Clean air-conditioned homestay room with private bathroom and Belitung "
                    "breakfast."
                ),
                "description": (
                    "Setiap kamar memiliki kasur untuk dua orang, AC, kamar mandi dalam, dan akses "
                    "Wi-Fi. Sarapan berupa mi Belitung atau nasi gemuk disajikan di teras rumah. "
                    "Tamu dapat meminjam sepeda untuk ke pantai dan desa sekitar. Harga lebih "
                    "tinggi pada akhir pekan dan musim liburan."
                ),
                "category": "jasa-wisata",
                "price_min": 300000,
                "price_max": 400000,
                "unit": "per kamar per malam",
                "status": "published",
                "certificates": [],
                "collaborators": [],
            },
            {
                "name": "Jasa Pemandu Wisata Geopark Belitong",
                "name_en": "",
                "summary": (
                    "Pemandu lokal untuk menjelajahi situs-situs Geopark Belitong dalam satu hari."
                ),
                "summary_en": "",
                "description": (
                    "Pemandu mendampingi tamu ke situs geopark pilihan seperti Pantai Tanjung "
                    "Tinggi, Bukit Peramun, dan Danau Kaolin, sambil menjelaskan sejarah batuan "
                    "dan tambang timah. Belum termasuk kendaraan dan tiket masuk, tetapi pemandu "
                    "dapat membantu menyewakan mobil. Tersedia pemandu berbahasa Inggris."
                ),
                "category": "jasa-wisata",
                "price_min": 400000,
                "price_max": 550000,
                "unit": "per hari",
                "status": "published",
                "certificates": [],
                "collaborators": [],
            },
        ],
    },
    {
        "name": "Dapur Gangan Mak Ani Badau",
        "owner_name": "Ani Kartini",
        "region": "belitung",
        "scale": "mikro",
        "address": "Desa Badau, Kec. Badau, Kab. Belitung",
        "phone": "",
        "whatsapp": "081367945203",
        "email": "",
        "description": (
            "Usaha rumahan yang membuat bumbu gangan, sambal lingkung, dan ketam isi untuk "
            "oleh-oleh. Resepnya berasal dari dapur keluarga yang biasa memasak untuk hajatan di "
            "Badau."
        ),
        "year_founded": 2017,
        "registering_agency": "dinas-koperasi-ukm",
        "show_owner": True,
        "nib": "9123117440693",
        "products": [
            {
                "name": "Bumbu Gangan Belitung Instan 150 g",
                "name_en": "Instant Belitung Gangan Spice Paste, 150 g",
                "summary": "Bumbu gangan siap masak untuk sup ikan kuah kuning khas Belitung.",
                "summary_en": "Ready-to-cook paste for Belitung's yellow fish soup, gangan.",
                "description": (
                    "Bumbu dibuat dari kunyit, lengkuas, kemiri, cabai, bawang merah, dan belacan "
                    "Belitung yang digiling lalu ditumis matang. Tambahkan air, potongan nanas, "
                    "dan ikan seperti ketarap atau kakap untuk membuat gangan bagi empat sampai "
                    "lima orang. Simpan di lemari es setelah dibuka."
                ),
                "category": "makanan-minuman",
                "price_min": 22000,
                "price_max": 25000,
                "unit": "per bungkus 150 g",
                "status": "published",
                "certificates": ["halal", "pirt"],
                "collaborators": [],
            },
            {
                "name": "Sambal Lingkung Ikan Tenggiri 200 g",
                "name_en": "",
                "summary": "Sambal lingkung, abon ikan tenggiri berbumbu khas Bangka Belitung.",
                "summary_en": "",
                "description": (
                    "Daging ikan tenggiri direbus, disuwir halus, lalu disangrai lama dengan "
                    "santan, serai, lengkuas, dan bawang sampai kering. Hasilnya abon ikan yang "
                    "gurih, harum, dan sedikit manis. Biasa dipakai untuk isi lempar ketan atau "
                    "lauk nasi hangat. Tahan hingga dua bulan dalam wadah tertutup."
                ),
                "category": "makanan-minuman",
                "price_min": 50000,
                "price_max": 55000,
                "unit": "per toples 200 g",
                "status": "published",
                "certificates": ["halal", "pirt"],
                "collaborators": [],
            },
            {
                "name": "Ketam Isi Siap Goreng isi 10",
                "name_en": "Stuffed Crab Shells, pack of 10",
                "summary": (
                    "Ketam isi khas Belitung, cangkang kepiting diisi daging kepiting berbumbu."
                ),
                "summary_en": "Belitung stuffed crab shells filled with spiced crab meat.",
                "description": (
                    "Kepiting direbus, dagingnya dikeluarkan lalu dicampur tepung, telur, dan "
                    "bumbu, kemudian dimasukkan kembali ke cangkangnya. Ketam isi dijual dalam "
                    "keadaan sudah dikukus sehingga tinggal digoreng sebentar. Tahan tiga hari di "
                    "suhu sejuk atau dua minggu di freezer."
                ),
                "category": "perikanan-hasil-laut",
                "price_min": 100000,
                "price_max": 110000,
                "unit": "per paket isi 10",
                "status": "published",
                "certificates": [],
                "collaborators": [],
            },
        ],
    },
    {
        "name": "Kopi Manggar Seribu Warung",
        "owner_name": "Asnawi",
        "region": "belitung-timur",
        "scale": "kecil",
        "address": "Jl. Jenderal Sudirman No. 88, Kel. Lalang, Kec. Manggar, Kab. Belitung Timur",
        "phone": "0719-913742",
        "whatsapp": "081271845069",
        "email": "kopimanggar@example.com",
        "description": (
            "Penyangrai kopi di Manggar, kota yang dijuluki Kota 1001 Warung Kopi. Sejak 2005 "
            "memasok kopi bubuk ke puluhan warung kopi di Belitung Timur."
        ),
        "year_founded": 2005,
        "registering_agency": "dinas-koperasi-ukm",
        "show_owner": True,
        "nib": "9123218551704",
        "products": [
            {
                "name": "Kopi Manggar Bubuk Robusta 250 g",
                "name_en": "Manggar Robusta Ground Coffee, 250 g",
                "summary": "Kopi bubuk robusta racikan warung kopi Manggar, pekat dan wangi.",
                "summary_en": (
                    "Robusta ground coffee blended the Manggar coffee-shop way, bold and fragrant."
                ),
                "description": (
                    "Biji robusta dari Sumatra bagian selatan disangrai di Manggar dengan sedikit "
                    "mentega sesuai kebiasaan warung kopi setempat. Kopi digiling halus untuk "
                    "diseduh dengan saringan kain lalu disajikan sebagai kopi O atau kopi susu. "
                    "Rasanya tebal dengan aroma karamel. Simpan dalam wadah kedap udara setelah "
                    "dibuka."
                ),
                "category": "makanan-minuman",
                "price_min": 38000,
                "price_max": 42000,
                "unit": "per bungkus 250 g",
                "status": "published",
                "certificates": ["halal", "pirt", "merek"],
                "collaborators": [
                    [
                        "dinas-pertanian",
                        "pendampingan kemitraan pasokan biji kopi dan uji mutu hasil sangrai",
                    ],
                ],
            },
            {
                "name": "Kopi Manggar Bubuk 1 kg",
                "name_en": "",
                "summary": "Kopi Manggar kemasan 1 kg untuk warung kopi, kantor, dan acara.",
                "summary_en": "",
                "description": (
                    "Racikan yang sama dengan kemasan 250 g dalam kantong aluminium berkatup. "
                    "Cocok untuk pemilik warung kopi dan kantor dengan kebutuhan harian besar. "
                    "Satu kilogram cukup untuk sekitar 80 sampai 100 gelas kopi O."
                ),
                "category": "makanan-minuman",
                "price_min": 140000,
                "price_max": 155000,
                "unit": "per bungkus 1 kg",
                "status": "published",
                "certificates": ["halal", "pirt"],
                "collaborators": [],
            },
            {
                "name": "Kopi Manggar Jahe 200 g",
                "name_en": "Manggar Coffee with Ginger, 200 g",
                "summary": "Kopi bubuk Manggar berpadu jahe, hangat untuk pagi dan malam.",
                "summary_en": (
                    "Manggar ground coffee blended with ginger, warming morning or night."
                ),
                "description": (
                    "Kopi bubuk robusta dicampur jahe kering yang digiling halus dengan "
                    "perbandingan yang pas. Rasa pedas jahe tidak menutupi rasa kopi. Seduh dengan "
                    "air mendidih dan tambahkan gula atau susu kental manis sesuai selera."
                ),
                "category": "makanan-minuman",
                "price_min": 35000,
                "price_max": 35000,
                "unit": "per bungkus 200 g",
                "status": "published",
                "certificates": ["halal", "pirt"],
                "collaborators": [],
            },
        ],
    },
    {
        "name": "Madu Teran Gantung Lestari",
        "owner_name": "Zainal Abidin",
        "region": "belitung-timur",
        "scale": "mikro",
        "address": "Desa Lenggang, Kec. Gantung, Kab. Belitung Timur",
        "phone": "",
        "whatsapp": "082281736024",
        "email": "",
        "description": (
            "Kelompok pemanen madu hutan di Gantung yang mengumpulkan madu teran dari hutan "
            "Belitung Timur dan madu kelulut dari mitra peternak di Dendang. Kelompok ini aktif "
            "menanam kembali pohon teran di lahan kritis."
        ),
        "year_founded": 2013,
        "registering_agency": "dinas-lingkungan-hidup-kehutanan",
        "show_owner": True,
        "nib": "9123319662815",
        "products": [
            {
                "name": "Madu Pahit Teran Belitung Timur 250 ml",
                "name_en": "East Belitung Bitter Teran Honey, 250 ml",
                "summary": "Madu pahit dari bunga pohon teran di hutan Belitung Timur.",
                "summary_en": (
                    "Bitter honey from teran tree blossoms in the forests of East Belitung."
                ),
                "description": (
                    "Lebah hutan mengisap nektar bunga pohon teran sehingga madunya berasa "
                    "pahit-manis, serupa madu pelawan di Pulau Bangka. Madu dipanen dari sarang "
                    "lebah liar dengan cara tiris tanpa diperas, lalu disaring dan dikemas tanpa "
                    "pemanasan. Warnanya cokelat tua dan kental. Simpan pada suhu ruang."
                ),
                "category": "madu-herbal",
                "price_min": 150000,
                "price_max": 180000,
                "unit": "per botol 250 ml",
                "status": "published",
                "certificates": ["pirt"],
                "collaborators": [],
            },
            {
                "name": "Madu Kelulut Dendang 250 ml",
                "name_en": "",
                "summary": "Madu kelulut dari peternak mitra di Dendang, asam manis segar.",
                "summary_en": "",
                "description": (
                    "Madu dihasilkan lebah kelulut yang dipelihara dalam kotak kayu di kebun-kebun "
                    "Dendang. Rasanya asam manis dengan aroma propolis yang khas. Disedot langsung "
                    "dari kantong madu dan disimpan di lemari pendingin sebelum dikirim."
                ),
                "category": "madu-herbal",
                "price_min": 120000,
                "price_max": 140000,
                "unit": "per botol 250 ml",
                "status": "published",
                "certificates": ["pirt"],
                "collaborators": [],
            },
        ],
    },
    {
        "name": "Batik Tulis Lenggang Gantung",
        "owner_name": "Yuliana",
        "region": "belitung-timur",
        "scale": "mikro",
        "address": "Jl. Raya Gantung, Desa Gantung, Kec. Gantung, Kab. Belitung Timur",
        "phone": "",
        "whatsapp": "085267491830",
        "email": "",
        "description": (
            "Sanggar batik kecil di Gantung yang dirintis lulusan pelatihan membatik pada 2018. "
            "Motifnya mengambil kehidupan pesisir Belitung Timur dan memakai pewarna alam dari "
            "kayu sepang."
        ),
        "year_founded": 2018,
        "registering_agency": "disperindag",
        "show_owner": True,
        "nib": "",
        "products": [
            {
                "name": "Kain Batik Tulis Motif Kapal Layar Gantung 2 m",
                "name_en": "",
                "summary": (
                    "Batik tulis motif kapal layar dan gelombang, mengenang Gantung sebagai kota "
                    "pelabuhan."
                ),
                "summary_en": "",
                "description": (
                    "Motif kapal layar dan gelombang laut digambar dengan canting tangan di atas "
                    "katun primisima. Pewarnaan memakai kombinasi warna alam dan sintetis sehingga "
                    "warnanya lembut namun tahan lama. Satu lembar dikerjakan sekitar dua minggu. "
                    "Cuci dengan tangan dan jemur di tempat teduh."
                ),
                "category": "fesyen-kain",
                "price_min": 550000,
                "price_max": 850000,
                "unit": "per lembar 2 m",
                "status": "published",
                "certificates": [],
                "collaborators": [],
            },
            {
                "name": "Selendang Batik Pewarna Kayu Sepang",
                "name_en": "Batik Shawl Dyed with Sappanwood",
                "summary": "Selendang batik berwarna merah alami dari kayu sepang Belitung Timur.",
                "summary_en": "Batik shawl in natural reds from East Belitung sappanwood.",
                "description": (
                    "Serutan kayu sepang direbus untuk mendapatkan larutan warna merah, lalu kain "
                    "dicelup berulang dan dikunci dengan tawas. Motif daun dan bunga digambar "
                    "dengan canting sebelum pencelupan. Warnanya bisa sedikit berbeda antarlembar "
                    "karena memakai pewarna alam."
                ),
                "category": "fesyen-kain",
                "price_min": 275000,
                "price_max": 350000,
                "unit": "per lembar",
                "status": "published",
                "certificates": [],
                "collaborators": [],
            },
        ],
    },
    {
        "name": "Kerupuk Tenggiri Manggar Mak Long",
        "owner_name": "Hasnah",
        "region": "belitung-timur",
        "scale": "mikro",
        "address": "Desa Baru, Kec. Manggar, Kab. Belitung Timur",
        "phone": "",
        "whatsapp": "081373620957",
        "email": "",
        "description": (
            "Usaha kerupuk dan ikan asin di pesisir Manggar yang dirintis Mak Long pada 2008. Ikan "
            "dibeli langsung dari tempat pelelangan ikan Manggar setiap pagi."
        ),
        "year_founded": 2008,
        "registering_agency": "dinas-kelautan-perikanan",
        "show_owner": True,
        "nib": "9123420773926",
        "products": [
            {
                "name": "Kerupuk Tenggiri Manggar Mentah 500 g",
                "name_en": "Manggar Mackerel Crackers, Uncooked, 500 g",
                "summary": (
                    "Kerupuk ikan tenggiri mentah dari Manggar, gurih dan mengembang sempurna."
                ),
                "summary_en": (
                    "Uncooked Spanish mackerel crackers from Manggar, savoury and well-puffed."
                ),
                "description": (
                    "Daging tenggiri segar digiling dan dicampur tapioka, bawang putih, serta "
                    "garam. Adonan digulung, dikukus, diiris tipis, lalu dijemur dua sampai tiga "
                    "hari. Goreng dengan minyak panas, kerupuk akan mengembang dua kali lipat. "
                    "Awet hingga enam bulan di tempat kering."
                ),
                "category": "perikanan-hasil-laut",
                "price_min": 55000,
                "price_max": 60000,
                "unit": "per bungkus 500 g",
                "status": "published",
                "certificates": ["halal", "pirt"],
                "collaborators": [],
            },
            {
                "name": "Ikan Asin Tenggiri Belah Manggar 500 g",
                "name_en": "",
                "summary": "Ikan asin tenggiri belah, daging tebal dan gurih untuk lauk istimewa.",
                "summary_en": "",
                "description": (
                    "Ikan tenggiri dipotong melintang, direndam garam secukupnya, lalu dijemur "
                    "hingga kering. Dagingnya padat dan tidak mudah hancur. Goreng dengan api "
                    "sedang dan sajikan bersama sambal belacan dan nasi hangat."
                ),
                "category": "perikanan-hasil-laut",
                "price_min": 85000,
                "price_max": 95000,
                "unit": "per bungkus 500 g",
                "status": "published",
                "certificates": ["pirt"],
                "collaborators": [],
            },
            {
                "name": "Sotong Asin Manggar 250 g",
                "name_en": "Manggar Salted Cuttlefish, 250 g",
                "summary": "Sotong asin jemur dari nelayan Manggar, kenyal dan manis.",
                "summary_en": "Sun-dried salted cuttlefish from Manggar fishers, chewy and sweet.",
                "description": (
                    "Sotong segar dibersihkan, dibelah, dan dijemur dengan sedikit garam hingga "
                    "kering. Rasanya manis gurih dengan tekstur kenyal. Enak dibakar lalu disuwir "
                    "untuk teman minum kopi atau dimasak sambal."
                ),
                "category": "perikanan-hasil-laut",
                "price_min": 55000,
                "price_max": 60000,
                "unit": "per bungkus 250 g",
                "status": "published",
                "certificates": ["pirt"],
                "collaborators": [],
            },
        ],
    },
    {
        "name": "Teh Sepang Tebat Rasau",
        "owner_name": "Darmawan",
        "region": "belitung-timur",
        "scale": "mikro",
        "address": "Desa Lintang, Kec. Simpang Renggiang, Kab. Belitung Timur",
        "phone": "",
        "whatsapp": "082379512406",
        "email": "",
        "description": (
            "Usaha minuman herbal warga Desa Lintang yang mengolah kayu sepang dari sekitar rawa "
            "Tebat Rasau. Dimulai pada 2020 seiring ramainya wisatawan ke geosite Tebat Rasau."
        ),
        "year_founded": 2020,
        "registering_agency": "dinas-lingkungan-hidup-kehutanan",
        "show_owner": False,
        "nib": "",
        "products": [
            {
                "name": "Teh Kayu Sepang Serut 100 g",
                "name_en": "Shaved Sappanwood Herbal Tea, 100 g",
                "summary": "Serutan kayu sepang untuk minuman herbal berwarna merah segar.",
                "summary_en": "Shaved sappanwood for a bright red herbal drink.",
                "description": (
                    "Batang sepang atau secang diambil dari tanaman warga, dikupas, diserut tipis, "
                    "lalu dijemur sampai kering. Seduh satu sendok makan serutan dengan air "
                    "mendidih hingga airnya berwarna merah. Rasanya ringan dan sedikit kelat, enak "
                    "ditambah madu atau serai. Simpan di wadah kering."
                ),
                "category": "madu-herbal",
                "price_min": 20000,
                "price_max": 25000,
                "unit": "per bungkus 100 g",
                "status": "published",
                "certificates": ["pirt"],
                "collaborators": [],
            },
            {
                "name": "Teh Sepang Celup isi 20",
                "name_en": "",
                "summary": "Teh kayu sepang dalam kantong celup untuk seduhan cepat.",
                "summary_en": "",
                "description": (
                    "Serutan kayu sepang dicacah halus dan dicampur sedikit serai, lalu dikemas "
                    "dalam kantong celup. Satu kotak berisi dua puluh kantong. Produk masih "
                    "menunggu izin PIRT sebelum dijual."
                ),
                "category": "madu-herbal",
                "price_min": 25000,
                "price_max": 25000,
                "unit": "per kotak isi 20",
                "status": "draft",
                "certificates": [],
                "collaborators": [],
            },
        ],
    },
    {
        "name": "Tur Laskar Pelangi Gantung",
        "owner_name": "Yudi Hermawan",
        "region": "belitung-timur",
        "scale": "mikro",
        "address": "Jl. Raya Gantung, Desa Selinsing, Kec. Gantung, Kab. Belitung Timur",
        "phone": "",
        "whatsapp": "081949376128",
        "email": "turlaskarpelangi@example.com",
        "description": (
            "Jasa tur yang dikelola pemuda Gantung untuk mengantar wisatawan ke lokasi-lokasi "
            "cerita Laskar Pelangi dan tempat menarik lain di Belitung Timur. Berdiri sejak 2015."
        ),
        "year_founded": 2015,
        "registering_agency": "dinas-pariwisata",
        "show_owner": True,
        "nib": "9123521884037",
        "products": [
            {
                "name": "Paket Tur Sehari Laskar Pelangi Belitung Timur",
                "name_en": "Laskar Pelangi Day Tour, East Belitung",
                "summary": (
                    "Tur sehari ke Replika SD Muhammadiyah Gantung, Museum Kata, dan Bendungan "
                    "Pice."
                ),
                "summary_en": (
                    "Day tour to the Gantung school replica, the Museum Kata and the Pice Dam."
                ),
                "description": (
                    "Tur dimulai dengan kunjungan ke Replika SD Muhammadiyah Gantung dan Museum "
                    "Kata Andrea Hirata, lalu ke Bendungan Pice peninggalan masa Belanda. Siang "
                    "hari peserta makan gangan di warung lokal dan sore harinya singgah di Pantai "
                    "Burung Mandi. Harga termasuk mobil ber-AC, pemandu, makan siang, dan tiket "
                    "masuk."
                ),
                "category": "jasa-wisata",
                "price_min": 350000,
                "price_max": 450000,
                "unit": "per orang",
                "status": "published",
                "certificates": [],
                "collaborators": [],
            },
            {
                "name": "Paket Tur Kopi dan Pantai Manggar",
                "name_en": "",
                "summary": (
                    "Tur setengah hari mencicipi warung kopi Manggar dan menikmati Pantai Serdang."
                ),
                "summary_en": "",
                "description": (
                    "Peserta diajak mencicipi kopi di beberapa warung kopi tua Manggar sambil "
                    "mendengar cerita budaya ngopi di kota ini. Tur ditutup dengan menikmati senja "
                    "di Pantai Serdang. Paket ini masih dalam tahap uji coba rute."
                ),
                "category": "jasa-wisata",
                "price_min": 250000,
                "price_max": 250000,
                "unit": "per orang",
                "status": "draft",
                "certificates": [],
                "collaborators": [],
            },
        ],
    },
]
