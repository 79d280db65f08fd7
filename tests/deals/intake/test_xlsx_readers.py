"""The two XLSX readers: calamine for ordinary workbooks, the streaming reader for those too large
to load whole. Whichever reads a workbook, its rows must be the same: each workbook here is read
by both and compared cell by cell, type included (1.0 is not True, a date is not a datetime)."""

import re
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
import xlsxwriter

from onlinefriday.deals.intake import IntakeError, open_deal_file, xlsx
from onlinefriday.deals.intake.template import deal_template_xlsx
from onlinefriday.deals.intake.xlsx import calamine_rows, streamed_rows
from tests.deals.intake.helpers import CORPUS, refusal
from tests.deals.intake.test_bad_files import DAMAGED

NUMBER_FORMATS = {  # number formats a merchant's workbook uses, built-in (an id) or its own
    "date": 14,  # the short date, as the reader's locale writes it
    "date and time": 22,  # the short date and the time
    "template's moment": "dd/mm/yyyy hh:mm",
    "time": "hh:mm",
    "elapsed": "[h]:mm",
    "amount": "#,##0",
    "dong": '#,##0\\ "₫"',
    "long date": "[$-42A]dddd, dd mmmm yyyy",
}


def _every_kind_of_cell(path: Path, *, constant_memory: bool = False) -> None:
    """A workbook as merchants' Excel saves it: the deal sheet second, its table starting at
    B3, with text, numbers, booleans, formulas, dates and times in several formats, rich text,
    blank cells and a blank row. xlsxwriter writes strings to the shared table, or inline (in
    the cells) with ``constant_memory``."""
    workbook = xlsxwriter.Workbook(
        path, {"constant_memory": constant_memory, "strings_to_urls": False}
    )
    notes = workbook.add_worksheet("Ghi chú")
    notes.write_string(0, 0, "Trang ghi chú, không phải trang khuyến mại")
    sheet = workbook.add_worksheet("Khuyến mại")
    formats = {
        name: workbook.add_format({"num_format": code}) for name, code in NUMBER_FORMATS.items()
    }
    bold = workbook.add_format({"bold": True})
    sheet.write_row(2, 1, ["Mã SKU", "Tên sản phẩm", "Giá", "Bắt đầu", "Chính hãng", "Ghi chú"])
    sheet.write_row(3, 1, ["IP15-128", "Điện thoại iPhone 15 128GB", 22_990_000])
    sheet.write_datetime(3, 4, datetime(2021, 12, 3), formats["date"])
    sheet.write_boolean(3, 5, True)
    sheet.write_rich_string(3, 6, "Giá ", bold, "sốc", " hôm nay")
    sheet.write_row(4, 1, ["NC-18", "  Nồi cơm điện  ", 1_500_000.5])
    sheet.write_datetime(4, 4, datetime(2021, 12, 5, 23, 59), formats["template's moment"])
    sheet.write_boolean(4, 5, False)
    sheet.write_string(4, 6, "dòng 1\r\ndòng 2\tcột")
    # row 6 left blank; row 7 has gaps, a styled blank cell and an empty string
    sheet.write_string(6, 1, "Q-01")
    sheet.write_blank(6, 2, None, formats["amount"])
    sheet.write_number(6, 3, 500_000, formats["amount"])
    sheet.write_string(6, 5, "")
    sheet.write_number(6, 7, 195949036354)
    sheet.write_row(7, 1, ["_x0041_ như viết", "ký tự điều khiển \x01", -3, 0.1 + 0.2, 1e20])
    sheet.write_formula(8, 1, '="Quạt "&"điện"', None, "Quạt điện")
    sheet.write_formula(8, 2, "=1/0", None, "#DIV/0!")
    sheet.write_formula(8, 3, "=2*3", None, 6)
    sheet.write_formula(8, 4, "=1>0", None, True)
    for column, (name, value) in enumerate(
        [
            ("date and time", datetime(2021, 12, 3, 10, 30)),
            ("time", 0.5),
            ("elapsed", 1.75),
            ("date", 31),  # 31 January 1900
            ("date", 60),  # Excel's 29 February 1900, which never was
            ("date", 0),
            ("dong", 18_990_000),
            ("long date", datetime(2021, 12, 3, 0, 0, 0, 123000)),
        ],
        start=1,
    ):
        if isinstance(value, datetime):
            sheet.write_datetime(9, column, value, formats[name])
        else:
            sheet.write_number(9, column, value, formats[name])
    sheet.write_string(10, 1, "   ")  # only spaces: a blank row to the deal file
    sheet.write_row(11, 1, ["  TV-55 ", "Tivi Sony 55 inch – giảm 50%"])
    workbook.close()


def _template_with_rows(path: Path, rows: int) -> None:
    """The template as merchants download it, its example row copied down ``rows`` times (as
    a merchant fills it in Excel), dates typed as dates in every other row."""
    template = deal_template_xlsx([("dien-thoai", "Điện thoại")], [("shopee", "Shopee")])
    path.write_bytes(template)
    sheet = zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml").decode()
    example = re.search(r'<row r="2".*?</row>', sheet)[0]
    copies = []
    for number in range(3, rows + 3):
        copy = re.sub(r'r="([A-Z]+)2"', rf'r="\g<1>{number}"', example)
        copy = copy.replace('<row r="2"', f'<row r="{number}"')
        if number % 2:  # start and end (columns K, L) in the template's date format
            for column, serial in (("K", 44533 + number / 7), ("L", 44540)):
                copy = re.sub(
                    rf'<c r="{column}{number}" s="(\d+)" t="s"><v>\d+</v></c>',
                    rf'<c r="{column}{number}" s="\g<1>"><v>{serial}</v></c>',
                    copy,
                )
        copies.append(copy)
    _replace_parts(
        path, {"xl/worksheets/sheet1.xml": sheet.replace(example, example + "".join(copies))}
    )


def _replace_parts(path: Path, parts: dict[str, str | bytes]) -> None:
    """Write the workbook again with these parts' XML changed."""
    with zipfile.ZipFile(path) as archive:
        entries = [(entry, archive.read(entry)) for entry in archive.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for entry, data in entries:
            part = parts.get(entry.filename, data)
            archive.writestr(entry.filename, part.encode() if isinstance(part, str) else part)


def _rewritten(path: Path, part: str, change) -> None:
    data = zipfile.ZipFile(path).read(part).decode()
    _replace_parts(path, {part: change(data)})


SHEET = "xl/worksheets/sheet2.xml"  # the deal sheet of _every_kind_of_cell


def _without_cell_references(path: Path) -> None:
    """Cells without their reference (r="B4") follow the cell before, from column A."""
    _every_kind_of_cell(path)
    _rewritten(path, SHEET, lambda xml: re.sub(r'(<c) r="[A-Z]+\d+"', r"\1", xml))


def _without_row_numbers(path: Path) -> None:
    """Rows without their number (r="4") follow the row before, from row 1."""
    _every_kind_of_cell(path)
    _rewritten(path, SHEET, lambda xml: re.sub(r'(<row) r="\d+"', r"\1", xml))


def _with_phonetic_readings(path: Path) -> None:
    """Japanese Excel adds a reading (<rPh>) to strings; it is not part of the text."""
    _every_kind_of_cell(path)
    reading = '<rPh sb="0" eb="1"><t>よみ</t></rPh><phoneticPr fontId="0" type="noConversion"/>'
    _rewritten(path, "xl/sharedStrings.xml", lambda xml: xml.replace("</si>", reading + "</si>"))


def _dated_from_1904(path: Path) -> None:
    """Old Mac workbooks count dates from 1904."""
    _every_kind_of_cell(path)
    _rewritten(
        path, "xl/workbook.xml", lambda xml: xml.replace("<workbookPr", '<workbookPr date1904="1"')
    )


HANDWRITTEN_SHEET = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>
<x:row r="2"><x:c r="A2" t="inlineStr"><x:is><x:t>sku</x:t></x:is></x:c><x:c t="inlineStr"><x:is>
<x:r><x:t>ti</x:t></x:r><x:r><x:t xml:space="preserve">tle </x:t></x:r><x:rPh sb="0" eb="1">
<x:t>よみ</x:t></x:rPh></x:is></x:c><x:c t="str"><x:f>A1</x:f><x:v>dòng_x000D_ một</x:v></x:c>
</x:row>
<x:row r="4"><x:c r="C4"><x:v>3</x:v></x:c><x:c r="A4"><x:v>1</x:v></x:c><x:c><x:v>2</x:v></x:c>
<x:c r="E4"><x:f>1+1</x:f></x:c><x:c t="e"><x:v>#N/A</x:v></x:c><x:c><x:v>1e3</x:v></x:c></x:row>
<x:row><x:c t="d"><x:v>2021-12-03T10:00:00</x:v></x:c><x:c t="d"><x:v>2021-12-03</x:v></x:c>
<x:c t="s"><x:v>0</x:v></x:c><x:c t="b"><x:v>1</x:v></x:c><x:c><x:v> 7 </x:v></x:c>
<x:c t="str"><x:v>a &amp; b&#10;c</x:v></x:c></x:row>
</x:sheetData></x:worksheet>"""


def _written_by_another_tool(path: Path) -> None:
    """A sheet as tools other than Excel write it: a namespace prefix, cells without
    references and out of order, ISO dates (t="d"), a formula with no value kept."""
    workbook = xlsxwriter.Workbook(path)
    workbook.add_worksheet().write_string(0, 0, "chuỗi chung")
    workbook.close()
    _replace_parts(path, {"xl/worksheets/sheet1.xml": HANDWRITTEN_SHEET})


WORKBOOKS = {
    "template with rows": lambda path: _template_with_rows(path, rows=40),
    "every kind of cell, shared strings": _every_kind_of_cell,
    "every kind of cell, inline strings": lambda path: _every_kind_of_cell(
        path, constant_memory=True
    ),
    "cells without references": _without_cell_references,
    "rows without numbers": _without_row_numbers,
    "phonetic readings": _with_phonetic_readings,
    "dates from 1904": _dated_from_1904,
    "written by another tool": _written_by_another_tool,
}


def _rows_with_values(rows: xlsx.SheetRows) -> list[tuple[int, list[tuple[type, object]]]]:
    """(row, [(type, value)...]) of each row with a cell, trailing blank cells left out
    (calamine pads every row to the sheet's width: a missing cell is blank either way)."""
    read = []
    for row, cells in rows():
        cells = list(cells)
        while cells and cells[-1] == "":
            cells.pop()
        if cells:
            read.append((row, [(type(cell), cell) for cell in cells]))
    return read


@pytest.mark.parametrize("write", WORKBOOKS.values(), ids=WORKBOOKS.keys())
def test_the_streaming_reader_gives_the_rows_calamine_gives(tmp_path, write):
    # given a workbook
    path = tmp_path / "uu-dai.xlsx"
    write(path)
    # when each reader reads its deal sheet
    by_calamine = _rows_with_values(calamine_rows(path))
    streamed = _rows_with_values(streamed_rows(path))
    # then both give the same rows, numbered alike, with the same cells of the same types
    assert by_calamine  # (the workbook has rows)
    assert streamed == by_calamine


def test_the_kinds_of_cell_read_are_what_merchants_typed(tmp_path):
    # given the workbook of every kind of cell
    path = tmp_path / "uu-dai.xlsx"
    _every_kind_of_cell(path)
    # when it is streamed
    rows = dict(_rows_with_values(streamed_rows(path)))
    # then the deal sheet is read (not the first), rows numbered as Excel shows them, cells
    # from column A
    assert rows[3][1] == (str, "Mã SKU")
    assert rows[4][1:] == [
        (str, "IP15-128"),
        (str, "Điện thoại iPhone 15 128GB"),
        (float, 22_990_000.0),
        (date, date(2021, 12, 3)),
        (bool, True),
        (str, "Giá sốc hôm nay"),
    ]
    assert rows[5][4] == (datetime, datetime(2021, 12, 5, 23, 59))
    assert rows[5][6] == (str, "dòng 1\r\ndòng 2\tcột")
    assert rows[7][1:5] == [(str, "Q-01"), (str, ""), (float, 500_000.0), (str, "")]
    assert rows[8][1:3] == [(str, "_x0041_ như viết"), (str, "ký tự điều khiển \x01")]
    assert rows[9][1:5] == [(str, "Quạt điện"), (str, ""), (float, 6.0), (bool, True)]
    assert 6 not in rows  # the blank row


@pytest.mark.parametrize("name", sorted(path.name for path in CORPUS.glob("*.xlsx")))
def test_a_workbook_of_the_corpus_is_read_alike_or_refused_alike(name):
    # given a workbook of the corpus (today: two damaged ones)
    path = CORPUS / name
    # when each reader reads it
    results = []
    for reader in (calamine_rows, streamed_rows):
        try:
            results.append(_rows_with_values(reader(path)))
        except IntakeError as refused:
            results.append(refused.message)
    # then both give the same rows, or both refuse it with the same message
    assert results[1] == results[0]


def test_a_workbook_too_large_for_calamine_is_streamed(tmp_path, settings, monkeypatch):
    # given workbooks unpacking to more than 1 kB are to be streamed, and calamine failing
    # the test if it is used
    settings.DEAL_FILE_MAX_IN_MEMORY_UNPACKED_BYTES = 1_000
    monkeypatch.setattr(xlsx, "CalamineWorkbook", None)
    # and the template with 300 rows filled in
    path = tmp_path / "mau.xlsx"
    _template_with_rows(path, rows=300)
    # when it is opened and read
    deal_file = open_deal_file(path)
    outcomes = list(deal_file.rows())
    # then every row is a deal, rows 2 (the example) to 302
    assert (deal_file.format, deal_file.total_rows, deal_file.warnings) == ("xlsx", 301, [])
    assert [outcome.row for outcome in outcomes] == list(range(2, 303))
    assert all(outcome.deal is not None for outcome in outcomes)
    # and dates typed as dates are read as dates: row 3's start, 44533 + 3/7 days
    assert outcomes[1].deal.starts_at.replace(tzinfo=None) == datetime(
        2021, 12, 3, 10, 17, 8, 571000
    )
    # and a job resuming after row 250 reads on from row 251
    assert [outcome.row for outcome in deal_file.rows(start_after=250)] == list(range(251, 303))


def test_the_same_deals_come_from_either_reader(tmp_path, settings):
    # given the template with rows
    path = tmp_path / "mau.xlsx"
    _template_with_rows(path, rows=20)
    # when it is read whole by calamine, then streamed
    in_memory = list(open_deal_file(path).rows())
    settings.DEAL_FILE_MAX_IN_MEMORY_UNPACKED_BYTES = 0
    streamed = list(open_deal_file(path).rows())
    # then the outcomes are the same, row by row
    assert len(in_memory) == 21
    assert streamed == in_memory


BILLION_LAUGHS = (
    '<!DOCTYPE x [<!ENTITY a "hahahahahaha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
    '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'
)
EXTERNAL_ENTITY = '<!DOCTYPE x [<!ENTITY c SYSTEM "file:///etc/passwd">]>'


@pytest.mark.parametrize("declaration", [BILLION_LAUGHS, EXTERNAL_ENTITY], ids=["laughs", "xxe"])
@pytest.mark.parametrize(
    "part",
    ["xl/worksheets/sheet2.xml", "xl/sharedStrings.xml", "xl/workbook.xml", "xl/styles.xml"],
)
def test_a_dtd_in_a_streamed_workbook_is_refused(tmp_path, settings, part, declaration):
    # given a workbook to be streamed, one of its parts declaring entities (and using one,
    # where it has text)
    settings.DEAL_FILE_MAX_IN_MEMORY_UNPACKED_BYTES = 0
    path = tmp_path / "uu-dai.xlsx"
    _every_kind_of_cell(path)

    def declare(xml: str) -> str:
        head, _, body = xml.partition("?>\n")
        return (
            head + "?>\n" + declaration + re.sub(r"<t>([^<]*)</t>", r"<t>\1&c;</t>", body, count=1)
        )

    _rewritten(path, part, declare)
    # when it is opened
    refused = refusal(path)
    # then it is refused as a damaged workbook, to be saved again with Excel
    assert (refused.message, refused.message_en[: len(DAMAGED[1])]) == DAMAGED


def test_a_text_longer_than_excel_allows_is_refused_when_streamed(tmp_path, settings):
    # given a workbook to be streamed, one of its strings made 40,000 characters long (Excel
    # keeps 32,767 at most: a forged file could hold one of gigabytes)
    settings.DEAL_FILE_MAX_IN_MEMORY_UNPACKED_BYTES = 0
    path = tmp_path / "uu-dai.xlsx"
    _every_kind_of_cell(path)
    _rewritten(path, "xl/sharedStrings.xml", lambda xml: xml.replace("IP15-128", "x" * 40_000))
    # when it is opened
    refused = refusal(path)
    # then it is refused as a workbook Excel did not save
    assert (refused.message, refused.message_en[: len(DAMAGED[1])]) == DAMAGED
