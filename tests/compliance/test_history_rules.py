"""The price before the promotion against the prices really applied: the lowest of the 30 days
before the deal's start (observations after it ignored), enough of them, and the yearly limit
of discount days."""

from dataclasses import replace
from datetime import timedelta

import pytest

from tests.compliance.builders import (
    CONCENTRATED,
    FESTIVAL_START,
    assert_reason,
    history,
    make_deal,
    reasons,
)

PRICE = 34_000_000  # declared as the price before; the sale price is 24,000,000
RAISED = 26_000_000


@pytest.mark.parametrize(
    ("observations", "present"),
    [
        pytest.param([(28, PRICE), (20, PRICE), (5, PRICE)], False, id="steady at the price"),
        pytest.param([(28, RAISED), (20, RAISED), (5, PRICE)], True, id="raised 5 days before"),
        pytest.param([(28, PRICE), (20, 36_000_000)], False, id="declared the lowest"),
        pytest.param([(28, 36_000_000), (5, 35_000_000)], False, id="declared below all"),
        pytest.param([(29, RAISED), (29 - 1 / 24, PRICE)], True, id="lower for one hour"),
        pytest.param([(40, RAISED), (20, PRICE)], True, id="in force when the window opens"),
        pytest.param(
            [(40, RAISED), (35, PRICE), (20, PRICE)], False, id="replaced before the window"
        ),
        pytest.param([(28, PRICE), (-1, RAISED)], False, id="lower after the start: ignored"),
        pytest.param([(28, PRICE), (0, RAISED)], False, id="lower exactly at the start: ignored"),
        pytest.param([(-1, RAISED), (-2, RAISED), (-3, RAISED)], False, id="all after the start"),
        pytest.param([], False, id="no history"),
    ],
)
def test_inflated_reference_price(observations, present):
    # given a deal declaring 34,000,000 as its price before, and what the shop really charged
    deal = make_deal(price=PRICE, sale_price=24_000_000, price_history=history(*observations))
    # when it is judged
    found = reasons(deal)
    # then INFLATED_REFERENCE_PRICE is there only when a lower price applied in the 30 days
    assert ("INFLATED_REFERENCE_PRICE" in found) is present


@pytest.mark.parametrize(
    ("observations", "present"),
    [
        pytest.param(
            [(29.5, RAISED), (29.2, PRICE)], False, id="lower only before the deal's window"
        ),
        pytest.param([(-0.5, RAISED)], True, id="lower price in the festival, before the deal"),
        pytest.param([(-1.5, RAISED)], False, id="lower price after the deal starts"),
    ],
)
def test_the_window_is_anchored_at_the_deals_own_start(observations, present):
    # given a deal starting a day into the festival, at the price seen for the month before,
    # and a lower price seen at some moment (days before the festival's start)
    starts_at = FESTIVAL_START + timedelta(days=1)
    steady = [(25, PRICE), (15, PRICE), (5, PRICE)]
    deal = make_deal(
        price=PRICE, starts_at=starts_at, price_history=history(*steady, *observations)
    )
    # when it is judged
    found = reasons(deal)
    # then only a lower price seen before the deal's own start counts
    assert ("INFLATED_REFERENCE_PRICE" in found) is present


@pytest.mark.parametrize(
    ("observations", "minimum", "present"),
    [
        pytest.param([(25, PRICE), (15, PRICE), (5, PRICE)], 3, False, id="3 of 3"),
        pytest.param([(15, PRICE), (5, PRICE)], 3, True, id="2 of 3"),
        pytest.param([], 3, True, id="none"),
        pytest.param([(40, PRICE), (15, PRICE), (5, PRICE)], 3, False, id="one in force at open"),
        pytest.param([(40, PRICE), (35, PRICE), (31, PRICE)], 3, True, id="all before the window"),
        pytest.param([(-1, PRICE), (-2, PRICE), (-3, PRICE)], 3, True, id="all after the start"),
        pytest.param([(15, PRICE), (5, PRICE), (0, PRICE)], 3, True, id="one exactly at start"),
        pytest.param([(25, PRICE), (15, PRICE), (5, PRICE)], 5, True, id="3 of 5 (configured)"),
        pytest.param([(40, PRICE)], 1, False, id="1 of 1 (configured)"),
        pytest.param([], 0, False, id="none needed (configured)"),
    ],
)
def test_no_price_history(observations, minimum, present):
    # given a festival asking for `minimum` observations, and a deal seen at its price before
    terms = replace(CONCENTRATED, min_price_observations=minimum)
    deal = make_deal(price=PRICE, price_history=history(*observations))
    # when it is judged
    found = reasons(deal, terms)
    # then NO_PRICE_HISTORY is there only with fewer observations in the 30 days than asked
    assert ("NO_PRICE_HISTORY" in found) is present


@pytest.mark.parametrize(
    ("days", "present"),
    [(0, False), (120, False), (121, True), (366, True)],
)
def test_promotion_days_exceeded(days, present):
    # given a product that was on discount `days` days in the past year
    deal = make_deal(discount_days_past_year=days)
    # when it is judged
    found = reasons(deal)
    # then PROMOTION_DAYS_EXCEEDED is there only beyond 120 days
    assert ("PROMOTION_DAYS_EXCEEDED" in found) is present


@pytest.mark.parametrize(
    ("fields", "code", "vi", "en"),
    [
        pytest.param(
            {"price_history": history((28, RAISED), (20, RAISED), (5, PRICE))},
            "INFLATED_REFERENCE_PRICE",
            ("34.000.000 ₫", "26.000.000 ₫", "30 ngày", "04/11/2026 00:00 – 04/12/2026 00:00"),
            ("34,000,000 VND", "26,000,000 VND", "30 days", "04/11/2026 00:00 – 04/12/2026 00:00"),
            id="INFLATED_REFERENCE_PRICE",
        ),
        pytest.param(
            {"price_history": history((15, PRICE), (5, PRICE))},
            "NO_PRICE_HISTORY",
            ("Chỉ có 2 lần", "ít nhất 3", "04/11/2026 00:00 – 04/12/2026 00:00"),
            (": 2;", "at least 3", "04/11/2026 00:00 – 04/12/2026 00:00"),
            id="NO_PRICE_HISTORY",
        ),
        pytest.param(
            {"discount_days_past_year": 121},
            "PROMOTION_DAYS_EXCEEDED",
            ("121 ngày", "120"),
            ("121 days", "120"),
            id="PROMOTION_DAYS_EXCEEDED",
        ),
    ],
)
def test_history_reasons_state_the_numbers_in_both_languages(fields, code, vi, en):
    # given a deal that breaks a price history rule
    deal = make_deal(price=PRICE, **fields)
    # when it is judged
    found = reasons(deal).get(code)
    # then the reason has the table's severity and both messages state the numbers
    assert_reason(found, code, vi, en)
