"""Prices: whole VND, a real discount, within the festival's cap (Decree 81/2018 Art. 7)."""

from decimal import Decimal

import pytest

from tests.compliance.builders import CONCENTRATED, REGULAR, assert_reason, make_deal, reasons


@pytest.mark.parametrize(
    ("price", "sale_price", "present"),
    [
        pytest.param(1_500_000, 1_499_999, False, id="1 VND below the price before"),
        pytest.param(1_500_000, 1_500_000, True, id="equal to the price before"),
        pytest.param(1_500_000, 1_600_000, True, id="above the price before"),
        pytest.param(None, 1_600_000, False, id="no price before: INVALID_PRICE says so"),
    ],
)
def test_not_a_discount(price, sale_price, present):
    # given a deal with these prices
    deal = make_deal(price=price, sale_price=sale_price)
    # when it is judged
    found = reasons(deal)
    # then NOT_A_DISCOUNT is there only when the sale price is not below the price before
    assert ("NOT_A_DISCOUNT" in found) is present


@pytest.mark.parametrize(
    ("terms", "price", "sale_price", "present"),
    [
        pytest.param(CONCENTRATED, 1_500_000, 0, False, id="exactly 100% on a concentrated"),
        pytest.param(CONCENTRATED, 1_500_000, 1, False, id="1 VND short of 100%"),
        pytest.param(REGULAR, 1_500_000, 750_000, False, id="exactly 50% on a regular"),
        pytest.param(REGULAR, 1_500_000, 749_999, True, id="50% + 1 VND on a regular"),
        pytest.param(REGULAR, 1_500_000, 0, True, id="100% on a regular"),
        pytest.param(REGULAR, 3, 2, False, id="33.3% of 3 VND"),
        pytest.param(REGULAR, 3, 1, True, id="66.7% of 3 VND"),
        pytest.param(REGULAR, 9_999_999_999, 5_000_000_000, False, id="odd price, under half"),
        pytest.param(REGULAR, 9_999_999_999, 4_999_999_999, True, id="odd price, over half"),
        pytest.param(REGULAR, 10_000_000_000, 4_999_999_999, True, id="largest, 50% + 1 VND"),
    ],
)
def test_discount_over_cap(terms, price, sale_price, present):
    # given a festival with its cap and a deal with these prices
    deal = make_deal(price=price, sale_price=sale_price)
    # when it is judged
    found = reasons(deal, terms)
    # then DISCOUNT_OVER_CAP is there only when the discount is above the cap
    assert ("DISCOUNT_OVER_CAP" in found) is present


def test_more_than_100_percent_off_is_an_invalid_price_not_a_discount_over_the_cap():
    # given a concentrated festival and a sale price of -1 VND (100% + 1 VND off)
    deal = make_deal(price=1_500_000, sale_price=-1)
    # when it is judged
    found = reasons(deal, CONCENTRATED)
    # then the sale price itself is wrong, and no discount is computed from it
    assert "INVALID_PRICE" in found
    assert "DISCOUNT_OVER_CAP" not in found


@pytest.mark.parametrize(
    ("price", "sale_price", "present"),
    [
        pytest.param(1_500_000, 1_000_000, False, id="whole int prices"),
        pytest.param(None, 1_000_000, True, id="price before missing"),
        pytest.param(1_500_000, None, True, id="sale price missing"),
        pytest.param(-1_500_000, 1_000_000, True, id="negative price before"),
        pytest.param(1_500_000, -1, True, id="negative sale price"),
        pytest.param(0, 0, True, id="zero price before"),
        pytest.param(1_500_000, 0, False, id="zero sale price (100% off) is a price"),
        pytest.param(1_500_000.5, 1_000_000, True, id="fractional float"),
        pytest.param(Decimal("1500000.5"), 1_000_000, True, id="fractional Decimal"),
        pytest.param(1_500_000, Decimal("999999.99"), True, id="fractional sale price"),
        pytest.param(Decimal("1000000.0"), 800_000, False, id="Decimal 1000000.0 is whole"),
        pytest.param(Decimal("1E+6"), 800_000, False, id="Decimal 1E+6 is whole"),
        pytest.param(1_000_000.0, 800_000, False, id="float 1000000.0 is whole"),
        pytest.param(10_000_000_000, 1_000_000, False, id="exactly 10 billion"),
        pytest.param(10_000_000_001, 1_000_000, True, id="over 10 billion"),
        pytest.param(1_500_000, 10_000_000_001, True, id="sale price over 10 billion"),
        pytest.param(True, 0, True, id="True is not a price"),
        pytest.param(1_500_000, False, True, id="False is not a sale price"),
        pytest.param("1500000", 1_000_000, True, id="text is not a price"),
        pytest.param(float("nan"), 1_000_000, True, id="float NaN"),
        pytest.param(float("inf"), 1_000_000, True, id="float infinity"),
        pytest.param(Decimal("Infinity"), 1_000_000, True, id="Decimal infinity"),
        pytest.param(Decimal("NaN"), 1_000_000, True, id="Decimal NaN"),
    ],
)
def test_invalid_price(price, sale_price, present):
    # given a deal with these prices, as a file or JSON may carry them
    deal = make_deal(price=price, sale_price=sale_price)
    # when it is judged
    found = reasons(deal)
    # then INVALID_PRICE is there only when a price is not a whole number of đồng in range
    assert ("INVALID_PRICE" in found) is present


@pytest.mark.parametrize(
    ("currency", "present"),
    [
        ("VND", False),
        ("vnd", False),
        (" VND ", False),
        ("USD", True),
        ("EUR", True),
    ],
)
def test_currency_not_vnd(currency, present):
    # given a deal priced in this currency
    deal = make_deal(currency=currency)
    # when it is judged
    found = reasons(deal)
    # then CURRENCY_NOT_VND is there only for another currency than the đồng
    assert ("CURRENCY_NOT_VND" in found) is present


@pytest.mark.parametrize(
    ("fields", "terms", "code", "vi", "en"),
    [
        pytest.param(
            {"price": 1_500_000, "sale_price": 1_600_000},
            CONCENTRATED,
            "NOT_A_DISCOUNT",
            ("1.600.000 ₫", "1.500.000 ₫"),
            ("1,600,000 VND", "1,500,000 VND"),
            id="NOT_A_DISCOUNT",
        ),
        pytest.param(
            {"price": 1_500_000, "sale_price": 749_999},
            REGULAR,
            "DISCOUNT_OVER_CAP",
            ("50,01%", "1.500.000 ₫", "749.999 ₫", "tối đa 50%"),
            ("50.01%", "1,500,000 VND", "749,999 VND", "cap of 50%"),
            id="DISCOUNT_OVER_CAP: just over the cap never reads as the cap",
        ),
        pytest.param(
            {"price": 10_000_000_001, "sale_price": None},
            CONCENTRATED,
            "INVALID_PRICE",
            ("Giá trước khuyến mại: 10000000001", "10.000.000.000 ₫", "Giá khuyến mại: thiếu"),
            ("Price before the promotion: 10000000001", "10,000,000,000 VND", "missing"),
            id="INVALID_PRICE: both prices named",
        ),
        pytest.param(
            {"price": Decimal("1500000.5")},
            CONCENTRATED,
            "INVALID_PRICE",
            ("1500000.5",),
            ("1500000.5",),
            id="INVALID_PRICE: fractional",
        ),
        pytest.param(
            {"currency": "USD"},
            CONCENTRATED,
            "CURRENCY_NOT_VND",
            ("USD", "VND"),
            ("USD", "VND"),
            id="CURRENCY_NOT_VND",
        ),
    ],
)
def test_pricing_reasons_state_the_numbers_in_both_languages(fields, terms, code, vi, en):
    # given a deal that breaks a pricing rule
    deal = make_deal(**fields)
    # when it is judged
    found = reasons(deal, terms).get(code)
    # then the reason has the table's severity and both messages state the numbers
    assert_reason(found, code, vi, en)
