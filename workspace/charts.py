"""Horizontal bar charts drawn on the server, as numbers for an inline SVG template.

No JavaScript and no inline style (the CSP forbids both): the template writes SVG presentation
attributes (`x`, `y`, `width`, `height`) from the numbers made here, and the colours come from CSS
classes. Widths are percentages of the chart's width, so a chart fills a 360 px phone as well as
a desktop column without scaling its text. Every number here is a string formatted with a dot,
so that the active language's decimal comma never reaches an SVG attribute.
"""

from dataclasses import dataclass

ROW_HEIGHT = 44  # px: a label line, then the bar
LABEL_BASELINE = 16
BAR_TOP = 22
BAR_HEIGHT = 16
VALUE_BASELINE = 35
MAX_BAR_PERCENT = 82  # the rest of the width holds the number after the longest bar
LABEL_MAX_CHARS = 40


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    label_y: str
    bar_y: str
    bar_height: str
    width: str  # percent of the chart's width
    value_x: str  # percent
    value_y: str


@dataclass(frozen=True)
class Chart:
    key: str
    bars: list[Bar]
    height: str

    @property
    def title_id(self) -> str:
        return f"chart-{self.key}-title"


def short(label: str, limit: int = LABEL_MAX_CHARS) -> str:
    """SVG text does not wrap: long names are cut (the table beside the chart has them whole)."""
    label = str(label)
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def bar_chart(key: str, rows: list[tuple[str, int]]) -> Chart:
    """A chart of `rows` [(label, value)], in the given order; bars scale to the largest value."""
    largest = max((value for _label, value in rows), default=0)
    bars = []
    for index, (label, value) in enumerate(rows):
        top = index * ROW_HEIGHT
        percent = MAX_BAR_PERCENT * value / largest if largest else 0
        bars.append(
            Bar(
                label=short(label),
                value=value,
                label_y=str(top + LABEL_BASELINE),
                bar_y=str(top + BAR_TOP),
                bar_height=str(BAR_HEIGHT),
                width=f"{percent:.2f}",
                value_x=f"{percent + 1.5:.2f}",
                value_y=str(top + VALUE_BASELINE),
            )
        )
    return Chart(key=key, bars=bars, height=str(max(len(rows), 1) * ROW_HEIGHT))
