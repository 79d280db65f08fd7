"""Tables people make in spreadsheets, read as they save them: CSV bytes in the encoding and with
the delimiter Excel or LibreOffice chose, columns found by their header in English or Vietnamese,
cells (whole đồng, dates) parsed as Vietnamese write them.

Pure: no Django, no database. Price observations are read with it, deal intake can be too. What
cannot be read raises ``TableError`` (the whole file) or ``CellError`` (one cell), each with its
message in Vietnamese and in English, so that the caller reports it and keeps the valid rows.
"""

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from onlinefriday.core.text import folded_key
from onlinefriday.core.text_encoding import UnreadableText, decode_bytes

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
DELIMITERS = (",", ";", "\t")
ZIP_SIGNATURE = b"PK\x03\x04"  # .xlsx and .ods files are zip archives


class MessageError(Exception):
    """A problem users read, in Vietnamese (``message``) and in English (``message_en``)."""

    def __init__(self, message: str, message_en: str):
        super().__init__(message_en)
        self.message = message
        self.message_en = message_en


class TableError(MessageError):
    """The file as a whole cannot be read."""


class CellError(MessageError):
    """One cell does not hold what its column needs."""


def decode_text(data: bytes) -> tuple[str, str]:
    """The text of a CSV file and the name of its encoding: UTF-8 (with or without BOM),
    UTF-16 with a BOM (Excel's "Unicode text"), else Windows-1258 (older Vietnamese Excel).
    The text is in NFC, so that Windows-1258's separate tone marks join their letters."""
    if data.startswith(ZIP_SIGNATURE):
        raise TableError(
            "Đây là tệp Excel hoặc tệp nén, không phải CSV: trong Excel chọn Lưu thành "
            "(Save As) > CSV UTF-8 rồi tải lên lại.",
            "This is an Excel or zip file, not a CSV: in Excel choose Save As > CSV UTF-8 "
            "and upload again.",
        )
    try:
        return decode_bytes(data)  # the one encoding detection, shared with deal files
    except UnreadableText as error:
        raise TableError(error.message, error.message_en) from None


def delimiter_of(first_line: str) -> str:
    """The delimiter the header line uses most: comma, semicolon (Excel where the decimal mark
    is a comma, as in Vietnam) or tab (Excel's "Unicode text"); a comma if none."""
    counts = {delimiter: first_line.count(delimiter) for delimiter in DELIMITERS}
    best = max(counts, key=counts.__getitem__)
    return best if counts[best] else ","


@dataclass(frozen=True)
class Table:
    """A CSV file's cells, stripped; rows are numbered as a spreadsheet shows them (the header
    is row 1 when the file starts with it) and rows with no value at all are left out."""

    header: list[str]
    rows: list[tuple[int, list[str]]]
    encoding: str
    delimiter: str


def read_csv(data: bytes, *, max_bytes: int, max_rows: int) -> Table:
    """The file's header and rows. Raises TableError for a file that is empty, larger than
    ``max_bytes``, not text, not CSV, with no row under the header or more than ``max_rows``."""
    if len(data) > max_bytes:
        size, size_en = _size(max_bytes)
        raise TableError(
            f"Tệp lớn hơn {size}: hãy chia thành nhiều tệp nhỏ hơn.",
            f"The file is larger than {size_en}: split it into smaller files.",
        )
    text, encoding = decode_text(data)
    if not text.strip():
        raise TableError(
            "Tệp trống: dòng đầu là tiêu đề cột, mỗi dòng sau là một giá.",
            "The file is empty: the first row names the columns, each row after it is a price.",
        )
    delimiter = delimiter_of(next(line for line in text.splitlines() if line.strip()))
    header: list[str] | None = None
    rows: list[tuple[int, list[str]]] = []
    # strict: a quote left open is an error, not the rest of the file read as one cell.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    number = 0
    try:
        for number, record in enumerate(reader, start=1):
            cells = [cell.strip() for cell in record]
            if not any(cells):
                continue
            if header is None:
                header = cells
                continue
            if len(rows) == max_rows:
                raise TableError(
                    f"Tệp có hơn {_thousands(max_rows)} dòng dữ liệu: hãy chia thành nhiều tệp.",
                    f"The file has more than {max_rows:,} rows of data: split it into several.",
                )
            rows.append((number, cells))
    except csv.Error as error:
        raise TableError(
            f"Dòng {number + 1} không đọc được ({error}): kiểm tra dấu ngoặc kép trong dòng đó.",
            f"Row {number + 1} cannot be read ({error}): check the quotation marks in it.",
        ) from None
    if not rows:
        raise TableError(
            "Tệp chỉ có dòng tiêu đề: thêm mỗi giá một dòng bên dưới.",
            "The file has only the header row: add one row per price below it.",
        )
    return Table(header=header, rows=rows, encoding=encoding, delimiter=delimiter)


def _size(size: int) -> tuple[str, str]:
    """'1,5 MB' and '1.5 MB'; KB below a megabyte."""
    number, unit = (size / 1_048_576, "MB") if size >= 1_048_576 else (size / 1024, "KB")
    return f"{number:.3g} {unit}".replace(".", ","), f"{number:.3g} {unit}"


def _thousands(number: int) -> str:
    """'50.000', as Vietnamese write numbers."""
    return f"{number:,}".replace(",", ".")


@dataclass(frozen=True)
class Column:
    """A column a reader needs, its name for users and the headers that mean it (compared
    folded: 'Mã SKU', 'ma sku' and 'MA_SKU' are one)."""

    field: str
    label: str  # Vietnamese
    label_en: str
    headers: tuple[str, ...]

    def matches(self, header: str) -> bool:
        return folded_key(header) in {folded_key(name) for name in self.headers}


@dataclass(frozen=True)
class ColumnMap:
    positions: dict[str, int]  # field -> index of its cell
    headers: dict[str, str]  # field -> its header as written in the file
    unknown: list[str]  # headers no column claims: ignored


def find_columns(header: list[str], columns: Iterable[Column]) -> ColumnMap:
    """Where each column is. Raises TableError naming the columns that are missing, or a column
    that two headers claim."""
    columns = list(columns)
    positions: dict[str, int] = {}
    unknown = []
    for index, name in enumerate(header):
        column = next((column for column in columns if column.matches(name)), None)
        if column is None:
            if name:
                unknown.append(name)
            continue
        if column.field in positions:
            first = header[positions[column.field]]
            raise TableError(
                f"Hai cột “{first}” và “{name}” cùng là {column.label}: giữ lại một cột.",
                f"The columns '{first}' and '{name}' are both {column.label_en}: keep one.",
            )
        positions[column.field] = index
    missing = [column for column in columns if column.field not in positions]
    if missing:
        vietnamese = "; ".join(
            f"{column.label} (tiêu đề “{column.headers[0]}” hoặc “{column.headers[1]}”)"
            for column in missing
        )
        english = "; ".join(
            f"{column.label_en} (header '{column.headers[0]}' or '{column.headers[1]}')"
            for column in missing
        )
        raise TableError(
            f"Thiếu cột {vietnamese}: thêm vào dòng tiêu đề (dòng 1).",
            f"Missing column {english}: add it to the header row (row 1).",
        )
    return ColumnMap(
        positions=positions,
        headers={field: header[index] for field, index in positions.items()},
        unknown=unknown,
    )


# --- Cells

VND_SUFFIX = re.compile(r"\s*(₫|đ|vnd|vnđ|đồng|dong)\.?$", re.IGNORECASE)
PLAIN_NUMBER = re.compile(r"-?[0-9]+")
# Thousands grouped by one separator throughout: dots (Vietnamese), commas (English), spaces.
GROUPED_NUMBER = re.compile(r"-?[0-9]{1,3}([., ])[0-9]{3}(?:\1[0-9]{3})*")
FRACTIONAL_NUMBER = re.compile(r"-?(?:[0-9]+|[0-9]{1,3}([., ])[0-9]{3}(?:\1[0-9]{3})*)[.,][0-9]+")


def parse_whole_vnd(text: str) -> int:
    """A whole number of đồng as people type it: '1500000', '1.500.000', '1,500,000',
    '1 500 000', optionally followed by '₫', 'đ' or 'VND'. Never through a float: '1500000.5'
    and '1,5' are errors, not rounded; the caller judges the range."""
    bare = VND_SUFFIX.sub("", " ".join(text.split()))  # no-break spaces become plain ones
    if PLAIN_NUMBER.fullmatch(bare) or GROUPED_NUMBER.fullmatch(bare):
        return int(re.sub(r"[., ]", "", bare))
    if FRACTIONAL_NUMBER.fullmatch(bare):
        raise CellError(
            f"“{text}” không phải số đồng nguyên: bỏ phần lẻ sau dấu thập phân.",
            f"'{text}' is not a whole number of đồng: remove the decimals.",
        )
    raise CellError(
        f"“{text}” không phải số tiền: ghi số đồng, ví dụ 1.500.000.",
        f"'{text}' is not an amount: write the number of đồng, e.g. 1500000.",
    )


DAY_MONTH_YEAR = re.compile(
    r"(\d{1,2})/(\d{1,2})/(\d{4})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?", re.ASCII
)


def parse_moment(text: str) -> datetime:
    """A moment written as ISO 8601 ('2021-12-03T10:00:00+07:00', '2021-12-03') or as Vietnamese
    write it ('03/12/2021', '3/12/2021 10:00'); without an offset it is Vietnam time."""
    text = text.strip()
    try:
        moment = _day_month_year(text) if "/" in text else datetime.fromisoformat(text)
    except ValueError:
        raise CellError(
            f"“{text}” không phải ngày giờ: ghi dd/mm/yyyy hh:mm (03/12/2021 10:00) "
            "hoặc ISO 8601 (2021-12-03T10:00:00+07:00).",
            f"'{text}' is not a date and time: write dd/mm/yyyy hh:mm (03/12/2021 10:00) "
            "or ISO 8601 (2021-12-03T10:00:00+07:00).",
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=VIETNAM)


def _day_month_year(text: str) -> datetime:
    match = DAY_MONTH_YEAR.fullmatch(text)
    if match is None:
        raise ValueError(text)
    day, month, year, hour, minute, second = (int(part or 0) for part in match.groups())
    return datetime(year, month, day, hour, minute, second)
