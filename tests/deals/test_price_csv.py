"""Reading a CSV of observed prices as merchants save it: encodings, delimiters, Vietnamese
headers, the ways prices and dates are written, and what each bad row or file is told."""

import unicodedata
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from onlinefriday.deals.price_csv import parse_price_csv

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
LIMITS = {"max_bytes": 5 * 1024 * 1024, "max_rows": 50_000}
EXAMPLE = (
    Path(__file__).parents[2] / "src/onlinefriday/static/onlinefriday/price-history-example.csv"
)


TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def windows_1258(text: str) -> bytes:
    """As old Vietnamese Excel saves text: letters with their tone mark apart ('ờ' = 'ơ' and a
    combining grave), since Windows-1258 has no room for every marked letter."""
    encoded = []
    for letter in text:
        parts = unicodedata.normalize("NFD", letter)
        base = unicodedata.normalize("NFC", "".join(p for p in parts if p not in TONE_MARKS))
        encoded.append((base + "".join(p for p in parts if p in TONE_MARKS)).encode("cp1258"))
    return b"".join(encoded)


def at(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=VIETNAM)


def parse(data: bytes, **limits):
    return parse_price_csv(data, **{**LIMITS, **limits})


def rows_of(result) -> list[tuple]:
    return [(row.row, row.sku, row.observed_at, row.price) for row in result.rows]


ENGLISH = "sku,observed_at,price\r\nIP15-256,2021-11-20T08:00:00+07:00,26990000\r\n"
VIETNAMESE = "Mã SKU;Thời điểm;Giá\nIP15-256;20/11/2021 08:00;26.990.000 ₫\n"
IPHONE_20_NOV = [(2, "IP15-256", at(2021, 11, 20, 8, 0), 26_990_000)]

FILES = [
    ("utf-8, commas, English headers", ENGLISH.encode()),
    ("utf-8 with BOM, semicolons, Vietnamese", b"\xef\xbb\xbf" + VIETNAMESE.encode()),
    (
        "utf-16 with BOM, tabs (Excel's Unicode text)",
        VIETNAMESE.replace(";", "\t").encode("utf-16"),
    ),
    ("utf-16 big-endian with BOM", b"\xfe\xff" + VIETNAMESE.encode("utf-16-be")),
    ("windows-1258 with separate tone marks", windows_1258(VIETNAMESE)),
    ("SKU and Ngay headers, no diacritics", b"SKU,Ngay,gia\nIP15-256,20/11/2021 8:00,26990000\n"),
    (
        "headers in capitals and with spaces",
        b"  SKU , OBSERVED AT , Price (VND)\nIP15-256,2021-11-20 08:00,26.990.000\n",
    ),
    (
        "quoted cells, UTC, commas between thousands, a trailing empty row",
        b'"sku","observed_at","price"\n"IP15-256","2021-11-20T01:00:00Z","26,990,000"\n,,\n',
    ),
    (
        "CR line ends, spaces between thousands, đ",
        "sku,observed_at,price\rIP15-256,20/11/2021 08:00,26 990 000đ\r".encode(),
    ),
]


@pytest.mark.parametrize(("case", "data"), FILES, ids=[case for case, _data in FILES])
def test_the_same_price_reads_the_same_whatever_the_file_looks_like(case, data):
    # given an iPhone at 26,990,000 đồng on 20/11/2021 at 08:00 Vietnam time, saved as `case`
    # when the file is read
    result = parse(data)
    # then that one price is read from row 2, with no error
    assert result.errors == []
    assert rows_of(result) == IPHONE_20_NOV


def test_windows_1258_separate_tone_marks_make_the_vietnamese_sku_whole():
    # given a SKU with Vietnamese letters, saved by old Excel in Windows-1258 (tone marks apart)
    data = windows_1258("Mã SKU,Ngày,Giá\nÁO-DÀI-ĐỎ,03/12/2021,450.000\n")
    assert b"\xcc" in data  # the grave accent of À, apart
    # when it is read
    result = parse(data)
    # then the SKU reads as typed (composed letters), so it matches the product's SKU
    assert [row.sku for row in result.rows] == ["ÁO-DÀI-ĐỎ"]
    assert result.rows[0].observed_at == at(2021, 12, 3, 0, 0)


BAD_ROWS = (
    "sku,observed_at,price,ghi chú\n"
    "OK-1,2021-11-01,100000,first\n"  # row 2: fine
    ",2021-11-01,100000,\n"  # row 3: no SKU
    "OK-1,hôm qua,100000,\n"  # row 4: not a date
    "OK-1,31/02/2021,100000,\n"  # row 5: no such day
    "OK-1,2021-11-02,1500000.5,\n"  # row 6: fractional đồng
    "OK-1,2021-11-03,-5000,\n"  # row 7: negative
    "OK-1,2021-11-04,0,\n"  # row 8: zero
    "OK-1,2021-11-05,mười nghìn,\n"  # row 9: words
    "OK-1,2021-11-06,20000000000,\n"  # row 10: above 10 billion
    "OK-1,2021-11-07,\n"  # row 11: a short row, the price missing
    ",bad,,\n"  # row 12: three problems at once
    "OK-2,07/11/2021 21:15,1.250.000 VND,\n"  # row 13: fine
)


def test_bad_rows_are_reported_with_row_column_and_reason_and_good_rows_are_kept():
    # given a file with two good rows and ten bad ones
    # when it is read
    result = parse(BAD_ROWS.encode())
    # then the good rows are kept
    assert rows_of(result) == [
        (2, "OK-1", at(2021, 11, 1, 0, 0), 100_000),
        (13, "OK-2", at(2021, 11, 7, 21, 15), 1_250_000),
    ]
    # and each bad cell is named by its row as a spreadsheet numbers it and by its column
    found = [(error.row, error.field, error.message_en) for error in result.errors]
    assert found == [
        (3, "sku", "The SKU is empty."),
        (4, "observed_at", "'hôm qua' is not a date and time: write dd/mm/yyyy hh:mm "
         "(03/12/2021 10:00) or ISO 8601 (2021-12-03T10:00:00+07:00)."),
        (5, "observed_at", "'31/02/2021' is not a date and time: write dd/mm/yyyy hh:mm "
         "(03/12/2021 10:00) or ISO 8601 (2021-12-03T10:00:00+07:00)."),
        (6, "price", "'1500000.5' is not a whole number of đồng: remove the decimals."),
        (7, "price", "The price '-5000' must be greater than zero."),
        (8, "price", "The price '0' must be greater than zero."),
        (9, "price", "'mười nghìn' is not an amount: write the number of đồng, e.g. 1500000."),
        (10, "price", "The price '20000000000' is above 10,000,000,000 VND, not a real price."),
        (11, "price", "The price is empty."),
        (12, "sku", "The SKU is empty."),
        (12, "observed_at", "'bad' is not a date and time: write dd/mm/yyyy hh:mm "
         "(03/12/2021 10:00) or ISO 8601 (2021-12-03T10:00:00+07:00)."),
        (12, "price", "The price is empty."),
    ]  # fmt: skip
    assert result.rejected_rows == 10
    # and the unknown column is ignored with a warning, in both languages
    assert [(w.row, w.field, w.message) for w in result.warnings] == [
        (1, "ghi chú", "Cột “ghi chú” không dùng đến và được bỏ qua.")
    ]


def test_messages_are_in_vietnamese_too():
    # given a price written with decimals, under Vietnamese headers
    data = 'Mã SKU,Thời điểm,Giá\nOK-1,03/12/2021,"1.500.000,50"\n'.encode()
    # when it is read
    error = parse(data).errors[0]
    # then the Vietnamese message names the column as written and the value
    assert (error.row, error.field) == (2, "Giá")
    assert (
        error.message == "“1.500.000,50” không phải số đồng nguyên: bỏ phần lẻ sau dấu thập phân."
    )


def test_row_numbers_are_the_spreadsheets_a_quoted_line_break_and_a_blank_line_included():
    # given a cell with a line break inside quotes (one spreadsheet row), a blank row, a bad row
    data = b'sku,observed_at,price,note\nOK-1,2021-11-01,1000,"two\nlines"\n\nOK-1,2021-11-02,x,\n'
    # when it is read
    result = parse(data)
    # then the bad row is row 4, as the spreadsheet shows it
    assert [(error.row, error.field) for error in result.errors] == [(4, "price")]
    assert [row.row for row in result.rows] == [2]


FILE_PROBLEMS = [
    ("empty", b"", "The file is empty"),
    ("blank lines only", b"\r\n \r\n", "The file is empty"),
    ("headers only", b"sku,observed_at,price\r\n", "The file has only the header row"),
    (
        "a missing column, named",
        b"sku,price\nOK-1,100000\n",
        "Missing column observed at (header 'observed_at' or 'Thời điểm')",
    ),
    (
        "two missing columns",
        b"ma hang,gia\nOK-1,100000\n",
        "Missing column SKU (header 'sku' or 'Mã SKU'); observed at",
    ),
    (
        "one column written twice",
        "sku,Ngày,Thời điểm,price\nOK-1,03/12/2021,03/12/2021,1000\n".encode(),
        "The columns 'Ngày' and 'Thời điểm' are both observed at",
    ),
    ("an Excel workbook", b"PK\x03\x04\x14\x00\x06\x00", "This is an Excel or zip file, not a CSV"),
    ("UTF-16 without BOM", "sku,observed_at,price\n".encode("utf-16-le"), "cannot be read"),
    ("bytes that are no text", b"sku,observed_at,price\n\x81\x8d\x8f\x90\n", "cannot be read"),
]


@pytest.mark.parametrize(
    ("case", "data", "message_en"), FILE_PROBLEMS, ids=[case for case, *_ in FILE_PROBLEMS]
)
def test_a_file_that_cannot_be_read_gives_one_clear_message_and_no_rows(case, data, message_en):
    # given a file that is `case`
    # when it is read
    result = parse(data)
    # then nothing is read, and one message for the whole file says why
    assert result.rows == []
    assert len(result.errors) == 1
    error = result.errors[0]
    assert (error.row, error.field) == (None, "")
    assert result.file_error == error
    assert message_en in error.message_en
    assert error.message and error.message != error.message_en


def test_a_file_over_the_size_limit_is_refused_before_it_is_read():
    # given a limit of 1 MiB and a file one byte larger
    data = b"sku,observed_at,price\n" + b"x" * (1024 * 1024 - 21)
    # when it is read
    result = parse(data, max_bytes=1024 * 1024)
    # then it is refused, saying the limit
    assert result.rows == []
    assert result.file_error.message_en == (
        "The file is larger than 1 MB: split it into smaller files."
    )
    assert result.file_error.message == "Tệp lớn hơn 1 MB: hãy chia thành nhiều tệp nhỏ hơn."


def test_a_file_over_the_row_limit_is_refused_saying_the_limit():
    # given a limit of 1,000 rows and a file of 1,001 (blank lines do not count)
    lines = ["sku,observed_at,price", ""] + [f"S{n},2021-11-01,1000" for n in range(1001)]
    # when it is read
    result = parse("\n".join(lines).encode(), max_rows=1000)
    # then it is refused as a whole
    assert result.rows == []
    assert result.file_error.message == "Tệp có hơn 1.000 dòng dữ liệu: hãy chia thành nhiều tệp."
    # and exactly 1,000 rows are fine
    assert len(parse("\n".join(lines[:-1]).encode(), max_rows=1000).rows) == 1000


def test_a_quote_left_open_is_a_file_problem_naming_the_row():
    # given a quote opened on row 3 and never closed, which would swallow the rows after it
    data = b'sku,observed_at,price\nOK-1,2021-11-01,1000\n"OK-2,2021-11-01,1000\nOK-3,2021-11-01,9'
    # when it is read
    result = parse(data)
    # then the file is refused, naming row 3
    assert result.rows == []
    assert result.file_error.message_en == (
        "Row 3 cannot be read (unexpected end of data): check the quotation marks in it."
    )


def test_the_example_file_offered_for_download_reads_without_a_problem():
    # given the example CSV linked from the upload page
    # when it is read
    result = parse(EXAMPLE.read_bytes())
    # then all its rows are valid
    assert result.errors == [] and result.warnings == []
    assert rows_of(result) == [
        (2, "IP15PM-256", at(2021, 11, 1, 8, 0), 26_990_000),
        (3, "IP15PM-256", at(2021, 11, 15, 8, 0), 25_990_000),
        (4, "IP15PM-256", at(2021, 11, 28, 20, 30), 26_490_000),
        (5, "ST25-5KG", at(2021, 11, 1, 0, 0), 189_000),
        (6, "ST25-5KG", at(2021, 11, 20, 9, 0), 179_000),
    ]
