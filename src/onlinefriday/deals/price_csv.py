"""A CSV file of observed prices, one row per (SKU, moment, price), as merchants export it from
their shop's back office or type it in a spreadsheet.

Pure: bytes in, rows out. A row with a bad cell is reported (its row number as a spreadsheet
shows it, its column, what is wrong in Vietnamese and English) and the other rows are kept; a file
that cannot be read at all gives one problem with no row.
"""

from dataclasses import dataclass, field
from datetime import datetime

from onlinefriday.compliance.facts import MAX_PRICE
from onlinefriday.core.formatting import format_vnd
from onlinefriday.core.tabular import (
    CellError,
    Column,
    TableError,
    find_columns,
    parse_moment,
    parse_whole_vnd,
    read_csv,
)

SKU_MAX_LENGTH = 100  # Product.sku

COLUMNS = (
    Column("sku", "Mã SKU", "SKU", ("sku", "Mã SKU", "Mã sản phẩm", "Product SKU")),
    Column(
        "observed_at",
        "Thời điểm",
        "observed at",
        ("observed_at", "Thời điểm", "Ngày", "Thời gian", "Ngày giờ"),
    ),
    Column("price", "Giá", "price", ("price", "Giá", "Giá (VND)", "Giá bán", "Price (VND)")),
)


@dataclass(frozen=True, slots=True)
class PriceRow:
    """One valid row: the price ``sku`` sold at from ``observed_at``."""

    row: int
    sku: str
    observed_at: datetime
    price: int


@dataclass(frozen=True, slots=True)
class Problem:
    """What is wrong where: ``row`` as a spreadsheet numbers it (None: the whole file) and
    ``field``, the column's header as written in the file."""

    row: int | None
    field: str
    message: str  # Vietnamese
    message_en: str


@dataclass(frozen=True)
class PriceCsv:
    rows: list[PriceRow] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    @property
    def rejected_rows(self) -> int:
        """Rows left out for their errors."""
        return len({error.row for error in self.errors if error.row is not None})

    @property
    def file_error(self) -> Problem | None:
        """The problem that kept the whole file from being read, if any."""
        return next((error for error in self.errors if error.row is None), None)


def parse_price_csv(data: bytes, *, max_bytes: int, max_rows: int) -> PriceCsv:
    """The valid rows of the file, and a problem for each bad cell or for the file."""
    try:
        table = read_csv(data, max_bytes=max_bytes, max_rows=max_rows)
        columns = find_columns(table.header, COLUMNS)
    except TableError as error:
        return PriceCsv(errors=[Problem(None, "", error.message, error.message_en)])
    warnings = [
        Problem(
            1,
            header,
            f"Cột “{header}” không dùng đến và được bỏ qua.",
            f"The column '{header}' is not used and was ignored.",
        )
        for header in columns.unknown
    ]
    rows, errors = [], []
    for number, cells in table.rows:
        values = {
            name: cells[index] if index < len(cells) else ""
            for name, index in columns.positions.items()
        }
        found = {}
        for name, check in CHECKS.items():
            try:
                found[name] = check(values[name])
            except CellError as error:
                errors.append(
                    Problem(number, columns.headers[name], error.message, error.message_en)
                )
        if len(found) == len(CHECKS):
            rows.append(PriceRow(number, found["sku"], found["observed_at"], found["price"]))
    return PriceCsv(rows=rows, errors=errors, warnings=warnings)


def _sku(text: str) -> str:
    if not text:
        raise CellError("Mã SKU trống.", "The SKU is empty.")
    if len(text) > SKU_MAX_LENGTH:
        raise CellError(
            f"Mã SKU dài hơn {SKU_MAX_LENGTH} ký tự.",
            f"The SKU is longer than {SKU_MAX_LENGTH} characters.",
        )
    return text


def _observed_at(text: str) -> datetime:
    if not text:
        raise CellError("Thời điểm trống.", "The time is empty.")
    return parse_moment(text)


def _price(text: str) -> int:
    if not text:
        raise CellError("Giá trống.", "The price is empty.")
    price = parse_whole_vnd(text)
    if price <= 0:
        raise CellError(
            f"Giá “{text}” phải lớn hơn 0.", f"The price '{text}' must be greater than zero."
        )
    if price > MAX_PRICE:
        raise CellError(
            f"Giá “{text}” vượt quá {format_vnd(MAX_PRICE)}, không thể là giá thật.",
            f"The price '{text}' is above {MAX_PRICE:,} VND, not a real price.",
        )
    return price


CHECKS = {"sku": _sku, "observed_at": _observed_at, "price": _price}
