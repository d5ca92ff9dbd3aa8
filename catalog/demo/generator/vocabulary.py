"""Words the generated catalogue is made of: products, places, adjectives and people of Bangka
Belitung. Lists are ordered from common to rare; `Zipf` picks from them with a skew, so a few
words occur in very many names and most in few (like real search traffic and real catalogues).
"""

import random
from bisect import bisect_right
from collections.abc import Iterable
from itertools import accumulate
from typing import Generic, TypeVar

T = TypeVar("T")

#: A kind of product: (name, category slug, English name, unit, lowest price in Rp, highest price
#: in Rp, variants that may follow the name).
Kind = tuple[str, str, str, str, int, int, list[str]]

#: In about a quarter of all product names ("Lada Putih …", "Lada Hitam …"): a search for it
#: matches many rows.
COMMON_TERM = "lada"
#: In the name of one product in RARE_EVERY (and in no other word of these lists).
RARE_TERM = "kelubi"
RARE_EVERY = 25_000
#: A typo of the town Muntok: no word matches it exactly, so search falls back to trigrams.
MISSPELT_TERM = "mutok"

# fmt: off
# Products, most common first: (name, category slug, English name, unit, lowest price in Rp,
# highest price in Rp, variants that may follow the name).
PRODUCTS: list[Kind] = [
    ("Lada Putih", "pertanian-perkebunan", "White Pepper", "per 250 g", 35_000, 120_000,
     ["Butiran", "Bubuk", "Super", "Kemasan Toples"]),
    ("Kemplang", "makanan-minuman", "Fish Crackers", "per 250 g", 20_000, 60_000,
     ["Ikan Tenggiri", "Ikan Parang", "Udang", "Panggang", "Goreng"]),
    ("Madu Pelawan", "madu-herbal", "Pelawan Honey", "per botol 250 ml", 150_000, 450_000,
     ["Pahit", "Manis", "Hutan"]),
    ("Kerupuk", "makanan-minuman", "Crackers", "per 500 g", 15_000, 50_000,
     ["Ikan", "Udang", "Cumi", "Kerang"]),
    ("Terasi", "perikanan-hasil-laut", "Shrimp Paste", "per 200 g", 15_000, 45_000,
     ["Udang Rebon", "Bakar", "Bubuk"]),
    ("Lada Hitam", "pertanian-perkebunan", "Black Pepper", "per 250 g", 30_000, 100_000,
     ["Butiran", "Bubuk"]),
    ("Getas", "makanan-minuman", "Getas Fish Snack", "per 250 g", 18_000, 45_000,
     ["Ikan", "Udang", "Pedas"]),
    ("Kain Cual", "fesyen-kain", "Cual Woven Cloth", "per lembar", 450_000, 4_500_000,
     ["Motif Kembang Kenanga", "Motif Bebek", "Motif Kucing Tidur", "Sutra", "Katun"]),
    ("Kopi", "pertanian-perkebunan", "Coffee", "per 250 g", 30_000, 90_000,
     ["Robusta", "Liberika", "Bubuk", "Biji Sangrai"]),
    ("Rusip", "perikanan-hasil-laut", "Fermented Anchovies", "per botol", 20_000, 40_000,
     ["Ikan Bilis", "Pedas"]),
    ("Jahe Merah", "madu-herbal", "Red Ginger", "per 250 g", 25_000, 75_000,
     ["Instan", "Bubuk", "Segar"]),
    ("Kue Rintak", "makanan-minuman", "Rintak Cookies", "per toples", 30_000, 60_000,
     ["Sagu", "Kacang Hijau"]),
    ("Ikan Asin", "perikanan-hasil-laut", "Salted Fish", "per 500 g", 30_000, 120_000,
     ["Kapas", "Tenggiri", "Sepat"]),
    ("Pewter", "kerajinan", "Pewter", "per buah", 75_000, 1_500_000,
     ["Gantungan Kunci", "Miniatur Kapal", "Piring Hias", "Tempat Lilin"]),
    ("Nanas", "pertanian-perkebunan", "Pineapple", "per buah", 8_000, 25_000,
     ["Bikang", "Madu", "Segar"]),
    ("Sambal", "makanan-minuman", "Chilli Sauce", "per botol", 20_000, 45_000,
     ["Lingkong", "Terasi", "Cumi", "Ikan Bilis"]),
    ("Otak-Otak", "makanan-minuman", "Fish Cakes", "per paket isi 20", 45_000, 70_000,
     ["Ikan Tenggiri", "Cumi", "Beku"]),
    ("Cumi Asin", "perikanan-hasil-laut", "Salted Squid", "per 250 g", 40_000, 120_000,
     ["Kering", "Jumbo"]),
    ("Anyaman Resam", "kerajinan", "Resam Weaving", "per buah", 50_000, 600_000,
     ["Tas", "Topi", "Tempat Tisu", "Dompet"]),
    ("Madu Kelulut", "madu-herbal", "Stingless Bee Honey", "per botol 250 ml", 120_000,
     350_000, ["Asam Manis", "Murni"]),
    ("Batik Babel", "fesyen-kain", "Babel Batik", "per lembar", 150_000, 900_000,
     ["Tulis", "Cap", "Motif Pucuk Rebung"]),
    ("Teh", "madu-herbal", "Tea", "per kotak", 20_000, 60_000,
     ["Tayu", "Daun Pelawan", "Herbal"]),
    ("Gula Aren", "pertanian-perkebunan", "Palm Sugar", "per kg", 25_000, 50_000,
     ["Cetak", "Semut"]),
    ("Belacan", "perikanan-hasil-laut", "Belacan Shrimp Paste", "per 250 g", 20_000, 45_000,
     ["Udang", "Kering"]),
    ("Sirup", "makanan-minuman", "Syrup", "per botol 600 ml", 25_000, 55_000,
     ["Jeruk Kunci", "Nanas", "Cempedak"]),
    ("Kerajinan Batu Satam", "kerajinan", "Satam Stone Crafts", "per buah", 150_000,
     3_500_000, ["Cincin", "Liontin", "Gelang"]),
    ("Paket Wisata", "jasa-wisata", "Tour Package", "per orang", 250_000, 2_500_000,
     ["Hopping Island", "Snorkeling", "Sejarah Kota Tua", "Geopark"]),
    ("Kaos", "fesyen-kain", "T-shirt", "per potong", 75_000, 150_000,
     ["Sablon Khas Babel", "Motif Cual"]),
    ("Keripik Sukun", "makanan-minuman", "Breadfruit Chips", "per 250 g", 15_000, 35_000,
     ["Original", "Balado"]),
    ("Homestay", "jasa-wisata", "Homestay", "per malam", 200_000, 750_000,
     ["Tepi Pantai", "Rumah Panggung"]),
    ("Kerang Kering", "perikanan-hasil-laut", "Dried Clams", "per 250 g", 35_000, 80_000, []),
    ("Ukiran Kayu", "kerajinan", "Wood Carving", "per buah", 100_000, 1_200_000,
     ["Kayu Pelawan", "Perahu"]),
    ("Minyak Kelapa", "pertanian-perkebunan", "Coconut Oil", "per botol 500 ml", 30_000,
     70_000, ["Murni", "Kampung"]),
    ("Jamu", "madu-herbal", "Herbal Tonic", "per botol", 15_000, 45_000,
     ["Kunyit Asam", "Beras Kencur", "Temulawak"]),
    ("Pemandu Wisata", "jasa-wisata", "Tour Guide", "per hari", 300_000, 900_000,
     ["Berbahasa Inggris", "Pendakian Bukit"]),
    ("Songket", "fesyen-kain", "Songket", "per lembar", 750_000, 6_000_000, ["Benang Emas"]),
    ("Durian Bangka", "pertanian-perkebunan", "Bangka Durian", "per buah", 50_000, 250_000,
     ["Montong", "Lokal"]),
    ("Tudung Saji", "kerajinan", "Food Cover", "per buah", 60_000, 300_000, ["Pandan"]),
]

#: The rare product of RARE_TERM: one product in RARE_EVERY, whatever the skew picks.
RARE_PRODUCT: Kind = ("Manisan Kelubi", "makanan-minuman", "Candied Kelubi Fruit", "per toples",
                25_000, 60_000, ["Asam Manis"])

# Towns and districts of each region (Kabupaten / Kota), main town first.
PLACES = {
    "pangkalpinang": ["Pangkalpinang", "Gerunggang", "Bukit Intan", "Taman Sari", "Girimaya",
                      "Rangkui", "Pangkal Balam", "Gabek"],
    "bangka": ["Sungailiat", "Belinyu", "Merawang", "Pemali", "Mendo Barat", "Riau Silip",
               "Puding Besar", "Bakam"],
    "bangka-barat": ["Muntok", "Jebus", "Kelapa", "Tempilang", "Simpang Teritip", "Parittiga"],
    "bangka-tengah": ["Koba", "Pangkalan Baru", "Namang", "Sungai Selan", "Simpang Katis",
                      "Lubuk Besar"],
    "bangka-selatan": ["Toboali", "Payung", "Simpang Rimba", "Air Gegas", "Tukak Sadai",
                       "Lepar Pongok", "Pulau Besar"],
    "belitung": ["Tanjung Pandan", "Sijuk", "Membalong", "Badau", "Selat Nasik"],
    "belitung-timur": ["Manggar", "Gantung", "Kelapa Kampit", "Dendang", "Damar",
                       "Simpang Renggiang"],
}

#: How many businesses each region has, relative to the others.
REGION_WEIGHTS = {
    "pangkalpinang": 24,
    "bangka": 20,
    "bangka-barat": 11,
    "bangka-tengah": 12,
    "bangka-selatan": 11,
    "belitung": 13,
    "belitung-timur": 9,
}

ADJECTIVES = ["Asli", "Khas Bangka", "Premium", "Super", "Original", "Renyah", "Gurih",
              "Tradisional", "Spesial", "Pilihan", "Istimewa", "Organik", "Segar", "Homemade",
              "Kemasan Baru", "Oleh-Oleh", "Murni", "Juara", "Warisan", "Eksklusif"]

#: Which agency registers a business, by its main category (others join at random).
CATEGORY_AGENCIES = {
    "makanan-minuman": "dinas-koperasi-ukm",
    "kerajinan": "disperindag",
    "fesyen-kain": "disperindag",
    "pertanian-perkebunan": "dinas-pertanian",
    "perikanan-hasil-laut": "dinas-kelautan-perikanan",
    "madu-herbal": "dinas-lingkungan-hidup-kehutanan",
    "jasa-wisata": "dinas-pariwisata",
}

#: Certificates a product of a category may hold: (kind, chance).
CATEGORY_CERTIFICATES = {
    "makanan-minuman": [("halal", 0.7), ("pirt", 0.6), ("bpom", 0.12), ("merek", 0.1)],
    "kerajinan": [("merek", 0.3), ("sni", 0.05)],
    "fesyen-kain": [("merek", 0.25), ("ig", 0.05)],
    "pertanian-perkebunan": [("halal", 0.3), ("pirt", 0.3), ("ig", 0.15)],
    "perikanan-hasil-laut": [("halal", 0.6), ("pirt", 0.5), ("bpom", 0.1)],
    "madu-herbal": [("halal", 0.5), ("pirt", 0.5), ("bpom", 0.15)],
    "jasa-wisata": [("merek", 0.05)],
}

COLLABORATION_NOTES = [
    "pendampingan sertifikasi halal",
    "pelatihan desain kemasan",
    "fasilitasi pameran dan promosi",
    "pendampingan mutu bahan baku",
    "akses pembiayaan dan KUR",
    "pendaftaran merek (HKI)",
    "perluasan pasar ke e-Katalog",
]

FIRST_NAMES = ["Siti", "Budi", "Yanti", "Hendra", "Agus", "Dewi", "Rudi", "Fitri", "Ahmad",
               "Lina", "Asiong", "Nurhayati", "Rahmat", "Sri", "Herman", "Aling", "Syahrul",
               "Wati", "Jumadi", "Akiong", "Sulaiman", "Meilani", "Bong", "Rosita", "Effendi",
               "Apin", "Zulkifli", "Suryani", "Liang", "Marlina"]
LAST_NAMES = ["Saputra", "Wijaya", "Susanto", "Hidayat", "Pratama", "Kurniawan", "Lestari",
              "Handayani", "Rahman", "Tan", "Lim", "Hasan", "Gunawan", "Syafei", "Bakri",
              "Sutanto", "Halim", "Yusuf", "Chandra", "Firmansyah"]
BUSINESS_PATTERNS = ["{word} Bu {first}", "{word} Pak {first}", "UD {first} {place}",
                     "CV {word} {place}", "Kelompok Usaha {first} {last}", "{word} {place} Jaya",
                     "Rumah Produksi {first}", "KUB {place} Mandiri", "{first} {last} Babel"]
STREETS = ["Jl. Jenderal Sudirman", "Jl. Ahmad Yani", "Jl. Depati Amir", "Jl. Merdeka",
           "Jl. Diponegoro", "Jl. Hormen Maddati", "Jl. Pahlawan", "Jl. Raya Koba",
           "Jl. Sekolah", "Jl. Pelabuhan", "Jl. Batin Tikal", "Jl. Kampung Melayu"]
# fmt: on


class Zipf(Generic[T]):
    """Picks from `items` (most common first) with weight 1 / rank**s."""

    def __init__(self, items: Iterable[T], s: float = 1.0) -> None:
        self.items = list(items)
        self.cum = list(accumulate(1 / (rank**s) for rank in range(1, len(self.items) + 1)))
        self.total = self.cum[-1]

    def pick(self, rng: random.Random) -> T:
        return self.items[bisect_right(self.cum, rng.random() * self.total)]


class Weighted(Generic[T]):
    """Picks from {item: weight}."""

    def __init__(self, weights: dict[T, int]) -> None:
        self.items = list(weights)
        self.cum = list(accumulate(weights.values()))
        self.total = self.cum[-1]

    def pick(self, rng: random.Random) -> T:
        return self.items[bisect_right(self.cum, rng.random() * self.total)]


#: The last sentence of a product's description ({word}: the product, in lower case).
SENTENCES = [
    "Diproduksi dalam jumlah terbatas setiap minggu dan dikemas rapi untuk oleh-oleh.",
    "Cocok untuk keluarga, hadiah dan oleh-oleh khas Bangka Belitung.",
    "Tanpa bahan pengawet; simpan di tempat kering dan sejuk.",
    "Tersedia untuk pesanan partai besar, hotel dan restoran.",
    "Setiap {word} diperiksa satu per satu sebelum dikemas.",
    "Dikirim ke seluruh Indonesia melalui jasa ekspedisi.",
    "Resep dan cara pembuatannya diwariskan turun-temurun.",
    "Telah dipasarkan di pusat oleh-oleh Pangkalpinang dan Tanjung Pandan.",
]
