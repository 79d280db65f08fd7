"""Price history maths: the prices that applied in the 30 days before a start, and the chart."""

from datetime import timedelta

import pytest

from onlinefriday.compliance.history import PriceHistory, PricePoint, Reference
from tests.compliance.builders import FESTIVAL_END, FESTIVAL_START, days_before, history

OPENING = days_before(30)  # the 30-day window before the festival opens here


@pytest.mark.parametrize(
    ("observations", "expected"),
    [
        pytest.param([], Reference(0, None, None), id="none"),
        pytest.param(
            [(20, 25_000_000), (1, 30_000_000)],
            Reference(2, 25_000_000, 30_000_000),
            id="lowest and last differ",
        ),
        pytest.param(
            [(1, 30_000_000), (28, 25_000_000), (10, 27_000_000)],
            Reference(3, 25_000_000, 30_000_000),
            id="unsorted",
        ),
        pytest.param(
            [(31, 20_000_000), (10, 30_000_000)],
            Reference(2, 20_000_000, 30_000_000),
            id="in force when the window opens",
        ),
        pytest.param(
            [(31, 20_000_000), (30, 25_000_000), (10, 30_000_000)],
            Reference(2, 25_000_000, 30_000_000),
            id="replaced exactly 30 days before",
        ),
        pytest.param(
            [(40, 30_000_000), (35, 29_000_000)],
            Reference(1, 29_000_000, 29_000_000),
            id="only older than the window",
        ),
        pytest.param(
            [(10, 30_000_000), (0, 10_000_000)],
            Reference(1, 30_000_000, 30_000_000),
            id="exactly at the start: ignored",
        ),
        pytest.param(
            [(-1, 10_000_000), (-2, 9_000_000)],
            Reference(0, None, None),
            id="all after the start",
        ),
    ],
)
def test_reference(observations, expected):
    # given a product's observed prices, as (days before the start, price)
    prices = history(*observations)
    # when the 30 days before the start are read
    reference = prices.reference(FESTIVAL_START, 30)
    # then the prices that applied then are counted, with the lowest and the last
    assert reference == expected


def test_observations_at_the_same_moment_count_alike_whatever_their_order():
    # given two prices seen at the same moment, 10 days before the start, in either order
    moment = days_before(10)
    one = PriceHistory([(moment, 30_000_000), (moment, 28_000_000), (days_before(5), 29_000_000)])
    other = PriceHistory([(days_before(5), 29_000_000), (moment, 28_000_000), (moment, 30_000_000)])
    # when the 30 days before the start are read from both
    # then both count, the lowest is the lower one, and the order they came in does not matter
    assert one.reference(FESTIVAL_START, 30) == Reference(3, 28_000_000, 29_000_000)
    assert other.reference(FESTIVAL_START, 30) == one.reference(FESTIVAL_START, 30)
    assert other.points == one.points


def test_a_shorter_window_and_another_start_are_read_afresh():
    # given a price of 20,000,000 until 10 days before the start, then 30,000,000
    prices = history((25, 20_000_000), (10, 30_000_000))
    # when it is read for windows of 30 and 7 days, then before a start 20 days earlier
    month = prices.reference(FESTIVAL_START, 30)
    week = prices.reference(FESTIVAL_START, 7)
    earlier = prices.reference(days_before(20), 30)
    # then each answer is that window's (an earlier answer is not reused)
    assert month == Reference(2, 20_000_000, 30_000_000)
    assert week == Reference(1, 30_000_000, 30_000_000)
    assert earlier == Reference(1, 20_000_000, 20_000_000)
    assert prices.reference(FESTIVAL_START + timedelta(0), 30) == month


@pytest.mark.parametrize(
    ("observations", "expected"),
    [
        pytest.param([], [], id="none"),
        pytest.param(
            [(40, 30_000_000), (20, 30_000_000), (5, 34_000_000), (-1, 24_000_000)],
            [
                PricePoint(OPENING, 30_000_000),
                PricePoint(days_before(5), 34_000_000),
                PricePoint(days_before(-1), 24_000_000),
            ],
            id="opening price, then each change",
        ),
        pytest.param(
            [(-1, 24_000_000), (40, 30_000_000), (5, 34_000_000)],
            [
                PricePoint(OPENING, 30_000_000),
                PricePoint(days_before(5), 34_000_000),
                PricePoint(days_before(-1), 24_000_000),
            ],
            id="unsorted",
        ),
        pytest.param(
            [(45, 20_000_000), (30, 30_000_000), (10, 34_000_000), (5, 30_000_000)],
            [
                PricePoint(OPENING, 30_000_000),
                PricePoint(days_before(10), 34_000_000),
                PricePoint(days_before(5), 30_000_000),
            ],
            id="changed exactly at the opening, and back later",
        ),
        pytest.param(
            [(20, 30_000_000), (5, 34_000_000)],
            [PricePoint(days_before(20), 30_000_000), PricePoint(days_before(5), 34_000_000)],
            id="nothing before the opening",
        ),
        pytest.param(
            [(20, 30_000_000), (-2.5, 24_000_000), (-3, 20_000_000)],
            [PricePoint(days_before(20), 30_000_000), PricePoint(FESTIVAL_END, 24_000_000)],
            id="up to the end inclusive, nothing after",
        ),
    ],
)
def test_chart(observations, expected):
    # given a product's observed prices, as (days before the festival's start, price)
    prices = history(*observations)
    # when the chart of the festival and the 30 days before is drawn
    steps = prices.chart(FESTIVAL_START, FESTIVAL_END, 30)
    # then it starts with the price in force at the opening and steps at each change
    assert steps == expected
