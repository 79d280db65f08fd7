"""Cells as merchants write them, read as DealIn values: every form in the table by hand."""

from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from onlinefriday.core.tabular import CellError
from onlinefriday.deals.intake import values

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
PLUS_7 = timezone(timedelta(hours=7))

AMOUNTS = [
    (1500000, 1_500_000, None),
    ("1500000", 1_500_000, None),
    ("1.500.000", 1_500_000, None),
    ("1,500,000", 1_500_000, None),
    ("1 500 000", 1_500_000, None),
    ("1\u00a0500\u00a0000", 1_500_000, None),
    ("1500000 VND", 1_500_000, "VND"),
    ("1.500.000 VND", 1_500_000, "VND"),
    ("1.500.000 ₫", 1_500_000, "VND"),
    ("1.500.000đ", 1_500_000, "VND"),
    ("1.500.000 đồng", 1_500_000, "VND"),
    ("VND 1500000", 1_500_000, "VND"),
    ("1500000.00", 1_500_000, None),
    ("1.500.000,00", 1_500_000, None),
    ("1,500,000.00", 1_500_000, None),
    ("65.00 USD", 65, "USD"),
    ("65.50 usd", Decimal("65.50"), "USD"),
    ("1.500", 1_500, None),  # a dot before three digits groups thousands, as Vietnamese write
    ("1500000.5", Decimal("1500000.5"), None),
    ("1.500.000,5", Decimal("1500000.5"), None),
    ("1,5", Decimal("1.5"), None),
    ("-1.500.000", -1_500_000, None),
    (1500000.0, 1_500_000, None),  # an XLSX number cell
    (1500000.5, Decimal("1500000.5"), None),
    (0.1, Decimal("0.1"), None),  # its decimal form, not the float's binary value
    (Decimal("1500000.00"), 1_500_000, None),  # JSON, parsed exactly
    (Decimal("22990000.75"), Decimal("22990000.75"), None),
]


@pytest.mark.parametrize(("cell", "amount", "currency"), AMOUNTS, ids=[repr(a[0]) for a in AMOUNTS])
def test_an_amount_is_read_exactly_with_the_currency_written_beside_it(cell, amount, currency):
    # given a price cell written `cell`
    # when it is read
    read, written_currency = values.amount(cell)
    # then it is the amount, exactly (an int when whole), and the currency written with it
    assert read == amount
    assert type(read) is type(amount)
    assert written_currency == currency


@pytest.mark.parametrize(
    "cell",
    ["abc", "1.500.000.5", "1,500.000,5", "12 tỷ", "₫1.500.000 VND", True, float("nan"), "1.500."],
)
def test_what_is_no_amount_is_refused_with_what_to_write(cell):
    # given a price cell that holds no amount
    # when it is read
    with pytest.raises(CellError) as refused:
        values.amount(cell)
    # then the message quotes it and shows how to write one, in both languages
    assert refused.value.message.startswith(f"“{cell}” không phải số tiền")
    assert "1.500.000" in refused.value.message
    assert refused.value.message_en.startswith(f"'{cell}' is not an amount")


BOOLEANS = [
    ("có", True),
    ("Có", True),
    ("CÓ", True),
    ("co", True),
    ("x", True),
    ("X", True),
    ("yes", True),
    ("true", True),
    ("TRUE", True),
    ("1", True),
    (1, True),
    (1.0, True),
    ("Đúng", True),
    (True, True),
    ("không", False),
    ("Không", False),
    ("khong", False),
    ("no", False),
    ("false", False),
    ("0", False),
    (0, False),
    ("Sai", False),
    (False, False),
]


@pytest.mark.parametrize(("cell", "expected"), BOOLEANS, ids=[repr(b[0]) for b in BOOLEANS])
def test_yes_and_no_are_read_in_the_ways_merchants_write_them(cell, expected):
    # given a yes/no cell written `cell`
    # when it is read
    # then it is the boolean meant
    assert values.boolean(cell) is expected


def test_a_yes_no_cell_with_another_word_says_what_to_write():
    # given a yes/no cell saying "có lẽ" (maybe)
    # when it is read
    with pytest.raises(CellError) as refused:
        values.boolean("có lẽ")
    # then the message asks for có or không
    assert refused.value.message == (
        "“có lẽ” không phải có/không: ghi “có” hoặc “không” (hoặc x cho “có”)."
    )
    assert refused.value.message_en.startswith("'có lẽ' is not yes/no")


MOMENTS = [
    ("2021-12-03T10:00:00+07:00", datetime(2021, 12, 3, 10, 0, tzinfo=PLUS_7)),
    ("2021-12-03T10:00:00Z", datetime(2021, 12, 3, 10, 0, tzinfo=UTC)),
    ("2021-12-03T10:00", datetime(2021, 12, 3, 10, 0, tzinfo=VIETNAM)),
    ("2021-12-03", datetime(2021, 12, 3, tzinfo=VIETNAM)),
    ("03/12/2021", datetime(2021, 12, 3, tzinfo=VIETNAM)),
    ("3/12/2021 10:00", datetime(2021, 12, 3, 10, 0, tzinfo=VIETNAM)),
    ("03/12/2021 23:59:30", datetime(2021, 12, 3, 23, 59, 30, tzinfo=VIETNAM)),
    (datetime(2021, 12, 3, 10, 0), datetime(2021, 12, 3, 10, 0)),  # an XLSX cell; DealIn: VN
    (date(2021, 12, 3), datetime(2021, 12, 3)),  # an XLSX date cell at midnight
]


@pytest.mark.parametrize(("cell", "expected"), MOMENTS, ids=[str(m[0]) for m in MOMENTS])
def test_a_moment_is_read_in_iso_or_as_vietnamese_write_dates(cell, expected):
    # given a date cell written `cell`
    # when it is read
    moment = values.moment(cell)
    # then it is that moment: Vietnam time when no offset is written
    assert moment == expected
    assert moment.tzinfo == expected.tzinfo


@pytest.mark.parametrize("cell", ["31/02/2021", "2021-13-01", "ngày mai", 44533.5])
def test_what_is_no_date_says_how_to_write_one(cell):
    # given a date cell that holds no date (a 31st of February, a plain number)
    # when it is read
    with pytest.raises(CellError) as refused:
        values.moment(cell)
    # then the message shows both accepted forms
    assert "dd/mm/yyyy hh:mm" in refused.value.message
    assert "is not a date and time" in refused.value.message_en


def test_googles_sale_period_gives_start_and_end():
    # given Google's sale_price_effective_date
    cell = "2021-12-03T00:00+07:00/2021-12-05T12:00+07:00"
    # when it is read
    starts_at, ends_at = values.period(cell)
    # then both ends are read with their offset
    assert starts_at == datetime(2021, 12, 3, 0, 0, tzinfo=PLUS_7)
    assert ends_at == datetime(2021, 12, 5, 12, 0, tzinfo=PLUS_7)


def test_a_sale_period_with_one_end_says_how_to_write_it():
    # given a period written as a single date
    # when it is read
    with pytest.raises(CellError) as refused:
        values.period("03/12/2021")
    # then the message shows Google's form
    assert "2021-12-03T00:00+07:00/2021-12-05T23:59+07:00" in refused.value.message
    assert refused.value.message_en.startswith("'03/12/2021' is not a period")


@pytest.mark.parametrize(
    ("cell", "expected"),
    [(100, 100), ("100", 100), ("1.000", 1000), (100.0, 100), (Decimal("100"), 100), ("-5", -5)],
)
def test_a_count_is_a_whole_number(cell, expected):
    # given a stock cell
    # when it is read
    # then it is the whole number written (a negative one is the model's to refuse)
    assert values.whole_number(cell) == expected


@pytest.mark.parametrize("cell", ["1,5", "nhiều", "100 VND", True])
def test_what_is_no_count_is_refused(cell):
    # given a stock cell that holds no whole number
    # when it is read
    with pytest.raises(CellError) as refused:
        values.whole_number(cell)
    # then the message says a whole number is needed
    assert refused.value.message == f"“{cell}” không phải số nguyên: ghi một số, ví dụ 100."


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (8930000000001.0, "8930000000001"),  # a GTIN typed as a number: no ".0"
        (12345, "12345"),
        ("  IP15-128  ", "IP15-128"),
        (1.5, "1.5"),
    ],
)
def test_text_is_what_the_merchant_sees(cell, expected):
    # given a text cell, perhaps a number in a spreadsheet
    # when it is read as text
    # then it reads as the merchant sees it
    assert values.text(cell) == expected


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("out of stock", 0),
        ("out_of_stock", 0),
        ("Hết hàng", 0),
        ("in stock", None),
        ("preorder", None),
    ],
)
def test_googles_availability_only_says_when_nothing_is_left(cell, expected):
    # given Google's availability
    # when it is read as stock
    # then out of stock is 0, and any other value leaves the stock unset
    assert values.stock_from_availability(cell) == expected
