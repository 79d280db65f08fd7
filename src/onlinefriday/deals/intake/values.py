"""Cells as merchants write them, read as the values a DealIn takes.

A cell is what a reader hands over: text (CSV, feeds), or what calamine gives for an XLSX cell
(float, int, bool, date, datetime), or a JSON value (int, Decimal, str, bool). Amounts are never
read through a float: text is parsed digit by digit, an XLSX float by its shortest decimal form,
and a fractional amount stays an exact Decimal so that the engine, not the reader, refuses it
(INVALID_PRICE). What cannot be read raises ``CellError`` saying what to write instead.
"""

import functools
import math
import re
from datetime import date, datetime, time
from decimal import Decimal

from onlinefriday.core.tabular import CellError, parse_moment
from onlinefriday.core.text import folded_key

Cell = str | int | float | Decimal | bool | date | datetime | None
Amount = int | Decimal

CURRENCY_WORDS = {"₫": "VND", "đ": "VND", "vnd": "VND", "vnđ": "VND", "đồng": "VND", "dong": "VND"}
_CURRENCY = r"₫|vnđ|vnd|đồng|dong|đ|[a-z]{3}"
AMOUNT_TEXT = re.compile(
    rf"(?:(?P<before>{_CURRENCY})\.?\s*)?(?P<number>[-+]?\d[\d.,\s]*?)\s*"
    rf"(?:(?P<after>{_CURRENCY})\.?)?",
    re.IGNORECASE,
)
# Thousands grouped with one separator, and decimals (if any) after the other one: Vietnamese
# "1.500.000,50", English "1,500,000.50". A single separator followed by three digits groups
# thousands ("1.500" is 1500, as Vietnamese write it); otherwise it is the decimal mark.
GROUPED = re.compile(
    r"(?P<whole>\d{1,3}(?P<sep>[.,])\d{3}(?:(?P=sep)\d{3})*)(?:(?P<mark>[.,])(?P<frac>\d+))?"
)
DECIMAL = re.compile(r"(?P<whole>\d+)(?:[.,](?P<frac>\d+))?")

TRUE_WORDS = {"co", "x", "yes", "y", "true", "1", "dung"}  # có, x, yes, true, 1, đúng
FALSE_WORDS = {"khong", "no", "n", "false", "0", "sai"}  # không, no, false, 0, sai
OUT_OF_STOCK = {"out_of_stock", "het_hang"}  # Google's value; hết hàng
PERIOD = re.compile(r"\s*(\d{4}-\S+?)\s*/\s*(\d{4}-\S+)\s*")

# A file repeats the same few dates and yes/no words on every row: each is worked out once.
_moment = functools.lru_cache(maxsize=1024)(parse_moment)
_folded = functools.lru_cache(maxsize=1024)(folded_key)


def is_blank(cell: Cell) -> bool:
    return cell is None or (type(cell) is str and not cell.strip())


def text(cell: Cell) -> str:
    """The cell as text; a whole number typed into a spreadsheet (a GTIN, a numeric SKU) without
    Excel's '.0'."""
    if type(cell) is str:  # the usual case, first
        return cell.strip()
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, date):
        return cell.isoformat()
    return str(cell).strip()


def code(cell: Cell) -> str:
    """A code written in capitals (currency VND, country VN), whatever case it was typed in."""
    return text(cell).upper()


def amount(cell: Cell) -> tuple[Amount, str | None]:
    """An amount and the currency written with it, if any: 1500000, "1.500.000", "1,500,000",
    "1500000 VND", "1.500.000 ₫", "65.00 USD" (Google's form). Whole amounts come back as int;
    a fractional one as its exact Decimal."""
    if type(cell) is str and cell.isdigit() and cell.isascii():  # the usual case, first
        return int(cell), None
    if isinstance(cell, bool):
        raise _not_an_amount(cell)
    if isinstance(cell, int):
        return cell, None
    if isinstance(cell, float | Decimal):
        if not (math.isfinite(cell) if isinstance(cell, float) else cell.is_finite()):
            raise _not_an_amount(cell)
        # repr gives the shortest decimal that is this float: what the spreadsheet shows
        return _whole_if_whole(Decimal(repr(cell)) if isinstance(cell, float) else cell), None
    try:
        return _written_amount(text(cell))
    except ValueError:
        raise _not_an_amount(cell) from None


@functools.lru_cache(maxsize=1024)
def _written_amount(written: str) -> tuple[Amount, str | None]:
    """``amount`` of text; a file repeats the same few prices, each is read once. Raises
    ValueError."""
    match = AMOUNT_TEXT.fullmatch(written)
    if match is None or (match["before"] and match["after"]):
        raise ValueError(written)
    currency = match["before"] or match["after"]
    if currency is not None:
        currency = CURRENCY_WORDS.get(currency.lower(), currency.upper())
    return _number(match["number"]), currency


def _number(written: str) -> Amount:
    bare = re.sub(r"\s", "", written)
    sign = "-" if bare.startswith("-") else ""
    bare = bare.lstrip("+-")
    grouped = GROUPED.fullmatch(bare)
    if grouped and grouped["mark"] != grouped["sep"]:
        whole, frac = grouped["whole"].replace(grouped["sep"], ""), grouped["frac"]
    elif (plain := DECIMAL.fullmatch(bare)) is not None:
        whole, frac = plain["whole"], plain["frac"]
    else:
        raise ValueError(written)
    return _whole_if_whole(Decimal(f"{sign}{whole}.{frac}" if frac else f"{sign}{whole}"))


def _whole_if_whole(value: Decimal) -> Amount:
    return int(value) if value == value.to_integral_value() else value


def _not_an_amount(cell: Cell) -> CellError:
    return CellError(
        f"“{cell}” không phải số tiền: ghi số đồng, ví dụ 1500000 hoặc 1.500.000.",
        f"'{cell}' is not an amount: write the number of đồng, e.g. 1500000 or 1.500.000.",
    )


def whole_number(cell: Cell) -> int:
    """A count (stock, days): 100, "1.000", 100.0 from a spreadsheet."""
    try:
        value, currency = amount(cell)
    except CellError:
        value, currency = None, None
    if not isinstance(value, int) or currency is not None:
        raise CellError(
            f"“{cell}” không phải số nguyên: ghi một số, ví dụ 100.",
            f"'{cell}' is not a whole number: write a number, e.g. 100.",
        )
    return value


def boolean(cell: Cell) -> bool:
    """có/không, x (a ticked box), yes/no, true/false, 1/0, Đúng/Sai; a spreadsheet's TRUE/FALSE."""
    if isinstance(cell, bool):
        return cell
    word = _folded(text(cell))
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise CellError(
        f"“{cell}” không phải có/không: ghi “có” hoặc “không” (hoặc x cho “có”).",
        f"'{cell}' is not yes/no: write “có” (yes) or “không” (no), or x for yes.",
    )


def moment(cell: Cell) -> datetime:
    """A date and time: an XLSX date cell, ISO 8601 ("2021-12-03T00:00:00+07:00") or
    dd/mm/yyyy [HH:MM[:SS]]. Without an offset it is Vietnam time (a date alone: midnight)."""
    if isinstance(cell, datetime):
        return cell  # naive: DealIn makes it Vietnam time
    if isinstance(cell, date):
        return datetime.combine(cell, time())
    return _moment(text(cell))


def period(cell: Cell) -> tuple[datetime, datetime]:
    """Google's sale_price_effective_date: start and end in ISO 8601, joined by a slash
    ("2021-12-03T00:00+07:00/2021-12-05T12:00+07:00")."""
    match = PERIOD.fullmatch(text(cell))
    if match is None:
        raise CellError(
            f"“{cell}” không phải khoảng thời gian: ghi bắt đầu/kết thúc theo ISO 8601, ví dụ "
            "2021-12-03T00:00+07:00/2021-12-05T23:59+07:00.",
            f"'{cell}' is not a period: write start/end in ISO 8601, e.g. "
            "2021-12-03T00:00+07:00/2021-12-05T23:59+07:00.",
        )
    return parse_moment(match[1]), parse_moment(match[2])


def stock_from_availability(cell: Cell) -> int | None:
    """Google's availability, kept simple: out of stock is a stock of 0; any other value (in
    stock, preorder, backorder) says nothing about the quantity on sale, so leaves it unset."""
    return 0 if _folded(text(cell)) in OUT_OF_STOCK else None
