"""The pages measured (docs/architecture.md §5 addresses), chosen from the data in the bench
database."""

from dataclasses import asdict, dataclass
from urllib.parse import urlencode

from django.db.models import Count

#: Every scenario, in the order they run.
NAMES = (
    "list",
    "search-rare",
    "search-common",
    "search-misspelt",
    "filtered",
    "detail",
    "api-list",
)


@dataclass(frozen=True)
class Scenario:
    name: str  # also the bare view's page name
    label: str
    path: str
    #: the target family: list, search, detail or api (see report.TARGETS)
    family: str
    #: its SQL is search or filter SQL, held to the SQL target (every scenario is EXPLAINed)
    sql_target: bool = False

    def as_dict(self) -> dict:
        return asdict(self)


def search_terms() -> dict[str, str]:
    """The catalogue generator's terms: in a quarter of the names, in one name in thousands, and
    a typo matching no word (typo tolerance)."""
    from catalog.demo.generator import COMMON_TERM, MISSPELT_TERM, RARE_TERM

    return {"COMMON_TERM": COMMON_TERM, "RARE_TERM": RARE_TERM, "MISSPELT_TERM": MISSPELT_TERM}


def _filter_slugs():
    """The most populated category and region: the filtered list's heaviest ordinary case."""
    from catalog.models import Category, Product, Region

    published = Product.objects.published().order_by()

    def most(field):
        return published.values(field).annotate(n=Count("pk")).order_by("-n", field)[0][field]

    category = Category.objects.get(pk=most("category"))
    region = Region.objects.get(pk=most("business__region"))
    return category.slug, region.slug


def _detail_slug() -> str:
    """A published product, a current flagship if there is one (the fullest page)."""
    from catalog.models import Designation, Product

    published = Product.objects.published().order_by("pk")
    current = Designation.objects.current().values("product_id")
    product = published.filter(pk__in=current).first() or published.first()
    return product.slug


def discover() -> list[Scenario]:
    terms = search_terms()
    category, region = _filter_slugs()

    def search(term):
        return "/produk/?" + urlencode({"q": term})

    return [
        Scenario("list", "product list", "/produk/", "list"),
        Scenario("search-rare", f"search, rare “{terms['RARE_TERM']}”",
                 search(terms["RARE_TERM"]), "search", sql_target=True),
        Scenario("search-common", f"search, common “{terms['COMMON_TERM']}”",
                 search(terms["COMMON_TERM"]), "search", sql_target=True),
        Scenario("search-misspelt", f"search, misspelt “{terms['MISSPELT_TERM']}”",
                 search(terms["MISSPELT_TERM"]), "search", sql_target=True),
        Scenario("filtered", "filtered list",
                 "/produk/?" + urlencode({"kategori": category, "wilayah": region}),
                 "list", sql_target=True),
        Scenario("detail", "product detail", f"/produk/{_detail_slug()}/", "detail"),
        Scenario("api-list", "API product list", "/api/v1/products/", "api"),
    ]  # fmt: skip
