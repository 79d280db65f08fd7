"""Money and countdowns as Vietnamese readers expect them."""

from datetime import timedelta

import pytest
from django.template import Context, Template
from django.utils import translation

from onlinefriday.core.formatting import format_countdown, format_vnd, split_duration
from onlinefriday.core.templatetags.links import is_web_url


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (1_234_000, "1.234.000 ₫"),
        (26_000_000, "26.000.000 ₫"),
        (999, "999 ₫"),
        (0, "0 ₫"),
    ],
)
def test_format_vnd_puts_dots_between_thousands(amount, expected):
    assert format_vnd(amount) == expected


def test_vnd_filter_in_a_template_and_for_a_missing_price():
    # given a template that shows two prices, one of them unknown
    template = Template("{% load money %}[{{ price|vnd }}] [{{ missing|vnd }}]")
    # when it is rendered
    text = template.render(Context({"price": 24_000_000, "missing": None}))
    # then the known price reads in VND and the unknown one is empty, never 0 ₫
    assert text == "[24.000.000 ₫] []"


def test_split_duration_never_goes_below_zero():
    assert split_duration(timedelta(days=2, hours=3, minutes=15, seconds=7)) == {
        "day": 2,
        "hour": 3,
        "minute": 15,
        "second": 7,
    }
    assert split_duration(-timedelta(seconds=5)) == {"day": 0, "hour": 0, "minute": 0, "second": 0}


@pytest.mark.parametrize(
    ("language", "remaining", "expected"),
    [
        (
            "vi",
            timedelta(days=2, hours=3, minutes=15, seconds=7),
            "Còn 2 ngày 03 giờ 15 phút 07 giây",
        ),
        ("vi", timedelta(minutes=1, seconds=59), "Còn 00 giờ 01 phút 59 giây"),
        (
            "en",
            timedelta(days=2, hours=3, minutes=15, seconds=7),
            "2 days 03 hours 15 minutes 07 seconds left",
        ),
        (
            "en",
            timedelta(days=1, hours=1, minutes=1, seconds=1),
            "1 day 01 hour 01 minute 01 second left",
        ),
    ],
)
def test_format_countdown(language, remaining, expected):
    with translation.override(language):
        assert format_countdown(remaining) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://onlinefriday.vn/dang-ky", True),
        ("HTTP://example.vn", True),
        ("javascript:alert(1)", False),
        ("ftp://example.vn/file", False),
        ("https://", False),
        ("", False),
        (None, False),
    ],
)
def test_only_web_addresses_become_links(url, expected):
    assert is_web_url(url) is expected
