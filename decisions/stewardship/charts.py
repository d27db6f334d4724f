"""Charts for the stewardship page, laid out on the server and drawn by templates as SVG.

No JavaScript and no inline style (the CSP allows neither): shapes carry coordinates as SVG
attributes and colours as classes (static/css/stewardship.css, `series-0` to `series-7`).
"""

import math
from dataclasses import dataclass, field
from decimal import Decimal

SERIES_COLOURS = 8
WIDTH, HEIGHT = 720, 260
LEFT, RIGHT, TOP, BOTTOM = 56, 12, 12, 40
MAX_BAR_WIDTH = 64


@dataclass(frozen=True)
class Segment:
    x: float
    y: float
    width: float
    height: float
    series: int
    title: str


@dataclass(frozen=True)
class Tick:
    y: float
    label: str


@dataclass
class StackedBars:
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    bottom: float = HEIGHT - BOTTOM
    segments: list[Segment] = field(default_factory=list)
    labels: list[tuple[float, str]] = field(default_factory=list)  # x, month under the bars
    ticks: list[Tick] = field(default_factory=list)
    legend: list[tuple[int, str]] = field(default_factory=list)  # series, name

    @property
    def empty(self) -> bool:
        return not self.segments


def nice_ceiling(value: float) -> float:
    """The axis top: 1, 2 or 5 times a power of ten at or above `value`."""
    if value <= 0:
        return 1
    power = 10 ** math.floor(math.log10(value))
    return next(step * power for step in (1, 2, 5, 10) if step * power >= value)


def stacked_bars(rows: list[dict], *, names: dict[str, str], unit: str = "g") -> StackedBars:
    """Rows {"month": date, "group": str, "grams": number} as one bar a month, a segment a group."""
    groups = sorted({r["group"] or "" for r in rows})
    series = {g: i % SERIES_COLOURS for i, g in enumerate(groups)}
    months = sorted({r["month"] for r in rows})
    totals = {m: sum(float(r["grams"] or 0) for r in rows if r["month"] == m) for m in months}
    chart = StackedBars(legend=[(series[g], names.get(g, g) or "Not recorded") for g in groups])
    if not months:
        return chart
    top = nice_ceiling(max(totals.values()))
    plot_height = HEIGHT - TOP - BOTTOM
    slot = (WIDTH - LEFT - RIGHT) / len(months)
    scale = plot_height / top
    for i, month in enumerate(months):
        bar = min(slot * 0.7, MAX_BAR_WIDTH)
        x, y = LEFT + (i + 0.5) * slot - bar / 2, chart.bottom
        for row in (r for r in rows if r["month"] == month):
            grams = float(row["grams"] or 0)
            height = grams * scale
            y -= height
            name = names.get(row["group"], row["group"]) or "Not recorded"
            title = f"{month:%b %Y}, {name}: {_amount(row['grams'])} {unit}"
            chart.segments.append(
                Segment(round(x, 1), round(y, 1), round(bar, 1), round(height, 1),
                        series[row["group"] or ""], title)
            )  # fmt: skip
        chart.labels.append((round(LEFT + (i + 0.5) * slot, 1), f"{month:%b %Y}"))
    chart.ticks = [
        Tick(round(chart.bottom - k * plot_height / 4, 1), f"{_amount(top * k / 4)} {unit}")
        for k in range(5)
    ]
    return chart


@dataclass(frozen=True)
class Bar:
    y: float
    width: float
    label: str
    value_label: str
    series: int
    value_x: float  # the value is written after the bar, on the page's background


@dataclass
class HorizontalBars:
    width: int = WIDTH
    height: int = 0
    left: int = 180
    bars: list[Bar] = field(default_factory=list)
    target_x: float | None = None
    target_label: str = ""


def share_bars(items: list[tuple[str, int]], *, total: int, target: float | None = None):
    """One bar per item, its length its share of `total` (a percentage), with an optional target
    line (e.g. NHS England's 90% of outcomes recorded)."""
    row, left, span = 28, 180, WIDTH - 180 - 150
    chart = HorizontalBars(height=row * len(items) + 8, left=left)
    for i, (label, count) in enumerate(items):
        share = count / total if total else 0
        width = round(span * share, 1)
        chart.bars.append(
            Bar(i * row + 4, width, label, f"{share:.0%} ({count} of {total})",
                i % SERIES_COLOURS, round(left + width + 6, 1))
        )  # fmt: skip
    if target is not None:
        chart.target_x = round(left + span * target, 1)
        chart.target_label = f"target {target:.0%}"
    return chart


def _amount(value) -> str:
    value = Decimal(str(value))
    return f"{value:,.0f}" if value == value.to_integral() or value >= 10 else f"{value:,.1f}"
