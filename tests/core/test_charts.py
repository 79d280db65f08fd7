"""The price history chart: accessible SVG with the 30-day window, the start and the declared
'before' price marked, and every text escaped."""

import re
from datetime import datetime, timedelta
from xml.etree.ElementTree import Element, fromstring
from zoneinfo import ZoneInfo

from onlinefriday.core.charts import ChartText, price_chart_svg

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
START = datetime(2026, 12, 4, 0, 0, tzinfo=VIETNAM)
END = datetime(2026, 12, 6, 12, 0, tzinfo=VIETNAM)
SVG = "{http://www.w3.org/2000/svg}"
TEXT = ChartText(
    title="Lịch sử giá",
    description="Giá thấp nhất 30 ngày: 26.000.000 ₫",
    window="30 ngày trước khi bắt đầu",
    start="Bắt đầu",
    declared="Giá trước KM đã khai",
    sale="Giá KM",
)


def chart(points, **options) -> Element:
    svg = price_chart_svg(points, start=START, end=END, text=TEXT, **options)
    return fromstring(svg)  # noqa: S314 - our own markup; well-formed XML, or this raises


def by_class(root, name):
    return [element for element in root.iter() if element.get("class") == name]


def test_the_chart_is_an_image_named_and_described_for_screen_readers():
    # when a chart is drawn
    root = chart([(START - timedelta(days=40), 26_000_000)], chart_id="deal-7")
    # then it is an image whose title and description are its accessible name and description
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "deal-7-title deal-7-desc"
    assert root.find(f"{SVG}title").get("id") == "deal-7-title"
    assert root.find(f"{SVG}title").text == "Lịch sử giá"
    assert root.find(f"{SVG}desc").text == "Giá thấp nhất 30 ngày: 26.000.000 ₫"


def test_the_window_ends_at_the_start_and_the_start_is_marked():
    # when a chart of prices seen 40 and 10 days before the start is drawn
    root = chart(
        [(START - timedelta(days=40), 26_000_000), (START - timedelta(days=10), 34_000_000)]
    )
    # then the shaded window's right edge is the start line
    [window] = by_class(root, "price-chart__window")
    [start] = by_class(root, "price-chart__start")
    assert float(window.get("x")) + float(window.get("width")) == float(start.get("x1"))
    # and it begins 30 days before the start: three quarters of the way from 40 days before
    # the first price to the start, on a time axis that runs to the end (2.5 days after)
    left, width = 100, 640 - 116
    expected = left + width * 10 / 42.5
    assert abs(float(window.get("x")) - expected) < 0.2
    labels = [element.text for element in root.iter(f"{SVG}text")]
    assert "30 ngày trước khi bắt đầu" in labels
    assert "Bắt đầu" in labels
    assert "04/12" in labels


def test_the_declared_price_is_drawn_across_above_the_prices_charged():
    # given a month at 26,000,000 and a declared 'before' price of 34,000,000
    root = chart(
        [(START - timedelta(days=40), 26_000_000)],
        declared_price=34_000_000,
        sale_price=24_000_000,
    )
    # then the declared line is higher on the chart (smaller y) than the price line
    [declared] = by_class(root, "price-chart__declared")
    [sale] = by_class(root, "price-chart__sale")
    [prices] = by_class(root, "price-chart__prices")
    price_y = float(re.match(r"M[\d.]+ ([\d.]+)", prices.get("d")).group(1))
    assert float(declared.get("y1")) < price_y < float(sale.get("y1"))
    labels = [element.text for element in root.iter(f"{SVG}text")]
    assert "Giá trước KM đã khai: 34.000.000 ₫" in labels
    assert "Giá KM: 24.000.000 ₫" in labels


def test_each_price_is_a_step_that_holds_until_the_next_and_the_last_until_the_end():
    # given three prices
    points = [
        (START - timedelta(days=30), 26_000_000),
        (START - timedelta(days=5), 34_000_000),
        (START - timedelta(days=1), 26_000_000),
    ]
    # when drawn
    root = chart(points)
    # then the line goes across then up or down at each change, ending at the right edge, with
    # a dot per price whose tooltip gives the exact moment and price
    [prices] = by_class(root, "price-chart__prices")
    path = prices.get("d")
    assert path.count("H") == 3 and path.count("V") == 2
    assert path.endswith(f"H{100.0 + 640 - 116}")
    tips = [circle.find(f"{SVG}title").text for circle in root.iter(f"{SVG}circle")]
    assert tips == [
        "04/11/2026 00:00: 26.000.000 ₫",
        "29/11/2026 00:00: 34.000.000 ₫",
        "03/12/2026 00:00: 26.000.000 ₫",
    ]


def test_no_prices_still_draws_the_window_and_the_declared_price():
    # when there is no price history at all
    root = chart([], declared_price=5_000_000)
    # then the frame, the window and the declared line are there, and no price line
    assert by_class(root, "price-chart__window")
    assert by_class(root, "price-chart__declared")
    assert not by_class(root, "price-chart__prices")


def test_texts_are_escaped():
    # given words with markup in them
    text = ChartText(
        title="<script>alert(1)</script>", description="a & b", window="<w>", start='"s"'
    )
    # when drawn
    svg = price_chart_svg([], start=START, end=END, text=text)
    # then they are text, not markup
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg
    assert fromstring(svg).find(f"{SVG}desc").text == "a & b"  # noqa: S314 - our own markup
