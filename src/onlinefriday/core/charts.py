"""A product's price history as an SVG chart, drawn on the server (no JavaScript, no library).

Pure: prices in, markup out. The chart is a step line (a price holds until the next one) over
the 30 days before a promotion starts, with that window shaded, the start marked, and the
'before' price the merchant declared (and the sale price) drawn across. Every text is escaped
here, so callers may insert the result as it is. Words come from the caller, in its language.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from html import escape
from zoneinfo import ZoneInfo

from onlinefriday.core.formatting import format_vnd

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
INK, MUTED, LINE, WINDOW, DECLARED, SALE = (
    "#1d1d1f", "#5f6368", "#0b57d0", "#eef2fb", "#b3261e", "#146c2e",
)  # fmt: skip


@dataclass(frozen=True)
class ChartText:
    """What the chart says, in the reader's language. ``title`` and ``description`` are read
    out by screen readers (the description should state the numbers the chart shows)."""

    title: str
    description: str
    window: str  # e.g. "30 ngày trước khi bắt đầu"
    start: str  # e.g. "Bắt đầu"
    declared: str = ""  # e.g. "Giá trước KM đã khai"
    sale: str = ""  # e.g. "Giá KM"


@dataclass(frozen=True)
class _Frame:
    """Where a moment and a price land in the drawing."""

    left: float
    top: float
    width: float
    height: float
    first: datetime
    last: datetime
    low: int
    high: int

    def x(self, moment: datetime) -> float:
        span = (self.last - self.first).total_seconds() or 1
        share = (moment - self.first).total_seconds() / span
        return round(self.left + min(max(share, 0), 1) * self.width, 1)

    def y(self, price: int) -> float:
        share = (self.high - price) / ((self.high - self.low) or 1)
        return round(self.top + share * self.height, 1)


def price_chart_svg(
    points: Sequence[tuple[datetime, int]],
    *,
    start: datetime,
    end: datetime,
    text: ChartText,
    window_days: int = 30,
    declared_price: int | None = None,
    sale_price: int | None = None,
    chart_id: str = "price-chart",
    width: int = 640,
    height: int = 260,
    tz: tzinfo = VIETNAM,
) -> str:
    """An accessible SVG (role img, title and description) of ``points`` (moment, price), each
    price holding until the next point and the last until ``end``."""
    window_start = start - timedelta(days=window_days)
    end = max(end, start)
    first = min([window_start, *(at for at, _price in points)])
    prices = [price for _at, price in points]
    prices += [price for price in (declared_price, sale_price) if price is not None]
    low, high = _price_range(prices)
    frame = _Frame(
        left=100, top=28, width=width - 116, height=height - 64,
        first=first, last=end, low=low, high=high,
    )  # fmt: skip
    title_id, desc_id = f"{chart_id}-title", f"{chart_id}-desc"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" aria-labelledby="{title_id} {desc_id}" class="price-chart" '
        f'font-family="system-ui, sans-serif" font-size="12">',
        f'<title id="{title_id}">{escape(text.title)}</title>',
        f'<desc id="{desc_id}">{escape(text.description)}</desc>',
        *_window(frame, window_start, start, text),
        *_axes(frame, [window_start, start, end], tz),
        *_level(frame, declared_price, text.declared, DECLARED, "6 4", "declared"),
        *_level(frame, sale_price, text.sale, SALE, "2 3", "sale"),
        *_steps(frame, points, end, tz),
        "</svg>",
    ]
    return "".join(parts)


def _price_range(prices: list[int]) -> tuple[int, int]:
    """Lowest and highest price drawn, with a margin so that no line sits on the frame."""
    if not prices:
        return 0, 1
    low, high = min(prices), max(prices)
    margin = (high - low) // 10 or max(high // 10, 1)
    return max(low - margin, 0), high + margin


def _window(frame: _Frame, window_start: datetime, start: datetime, text: ChartText) -> list[str]:
    left, right = frame.x(window_start), frame.x(start)
    bottom = frame.top + frame.height
    return [
        f'<rect class="price-chart__window" x="{left}" y="{frame.top}" '
        f'width="{round(right - left, 1)}" height="{frame.height}" fill="{WINDOW}"/>',
        f'<text x="{left + 4}" y="{frame.top - 8}" fill="{MUTED}">{escape(text.window)}</text>',
        f'<line class="price-chart__start" x1="{right}" y1="{frame.top - 4}" x2="{right}" '
        f'y2="{bottom}" stroke="{INK}" stroke-width="1.5"/>',
        _start_label(frame, right, text.start),
    ]


def _start_label(frame: _Frame, x: float, label: str) -> str:
    """Above the plot, beside the start line: after it, or before it near the right edge."""
    after = x + 80 <= frame.left + frame.width
    anchor, at = ("start", x + 4) if after else ("end", x - 4)
    return (
        f'<text x="{round(at, 1)}" y="{frame.top - 8}" text-anchor="{anchor}" fill="{INK}">'
        f"{escape(label)}</text>"
    )


def _axes(frame: _Frame, moments: list[datetime], tz: tzinfo) -> list[str]:
    bottom = frame.top + frame.height
    parts = [
        f'<line x1="{frame.left}" y1="{bottom}" x2="{frame.left + frame.width}" y2="{bottom}" '
        f'stroke="{MUTED}"/>'
    ]
    for price in (frame.low, (frame.low + frame.high) // 2, frame.high):
        rounded = round(price, -3) if price >= 10_000 else price
        y = frame.y(rounded)
        parts.append(
            f'<line x1="{frame.left}" y1="{y}" x2="{frame.left + frame.width}" y2="{y}" '
            f'stroke="{WINDOW}" stroke-width="1"/>'
            f'<text x="{frame.left - 6}" y="{y + 4}" text-anchor="end" fill="{MUTED}">'
            f"{escape(format_vnd(rounded))}</text>"
        )
    shown = []
    for moment in moments:
        x = frame.x(moment)
        if all(abs(x - other) > 40 for other in shown):  # dates closer than that would overlap
            shown.append(x)
            parts.append(
                f'<text x="{x}" y="{bottom + 18}" text-anchor="middle" fill="{MUTED}">'
                f"{moment.astimezone(tz):%d/%m}</text>"
            )
    return parts


def _level(frame, price, label, colour, dashes, name) -> list[str]:
    """A price drawn across the whole chart, labelled at its right end."""
    if price is None:
        return []
    y = frame.y(price)
    right = frame.left + frame.width
    words = escape(f"{label}: {format_vnd(price)}" if label else format_vnd(price))
    return [
        f'<line class="price-chart__{name}" x1="{frame.left}" y1="{y}" x2="{right}" y2="{y}" '
        f'stroke="{colour}" stroke-width="1.5" stroke-dasharray="{dashes}"/>',
        f'<text x="{right}" y="{y - 5}" text-anchor="end" fill="{colour}">{words}</text>',
    ]


def _steps(frame: _Frame, points, end: datetime, tz: tzinfo) -> list[str]:
    """The prices as a step line, with a dot (and its exact value as a tooltip) at each."""
    if not points:
        return []
    (at, price), *rest = points
    path = [f"M{frame.x(at)} {frame.y(price)}"]
    for at, price in rest:
        path.append(f"H{frame.x(at)} V{frame.y(price)}")
    path.append(f"H{frame.x(end)}")
    parts = [
        f'<path class="price-chart__prices" d="{" ".join(path)}" fill="none" stroke="{LINE}" '
        f'stroke-width="2.5"/>'
    ]
    for at, price in points:
        tip = f"{at.astimezone(tz):%d/%m/%Y %H:%M}: {format_vnd(price)}"
        parts.append(
            f'<circle cx="{frame.x(at)}" cy="{frame.y(price)}" r="3.5" fill="{LINE}">'
            f"<title>{escape(tip)}</title></circle>"
        )
    return parts
