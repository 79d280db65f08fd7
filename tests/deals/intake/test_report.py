"""The per-row import report, XLSX and CSV: Vietnamese headers, no formula can run from a
cell, and rows streamed rather than held."""

import csv
import io
import tracemalloc
import zipfile

import pytest
from python_calamine import CalamineWorkbook

from onlinefriday.deals.intake.report import (
    ReportRow,
    neutralise,
    write_report_csv,
    write_report_xlsx,
)

ROWS = [
    ReportRow(2, "IP15-128", "Được chấp nhận", ""),
    ReportRow(3, '=HYPERLINK("http://evil.example")', "Bị từ chối", "-Giá: thiếu"),
    ReportRow(4, "+84-SKU", "Chờ kiểm duyệt", "@SUM(A1:A2)"),
]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+84912345678", "'+84912345678"),
        ("-5", "'-5"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("IP15-128", "IP15-128"),
        ("Giá: -5", "Giá: -5"),
        (3, 3),
    ],
)
def test_a_cell_that_could_run_as_a_formula_is_neutralised(value, expected):
    # given a cell value
    # when it is made safe for a spreadsheet
    # then a formula start gets an apostrophe; anything else is unchanged
    assert neutralise(value) == expected


def test_the_xlsx_report_has_vietnamese_headers_and_no_formula(tmp_path):
    # given rows whose SKU and reasons start like formulas
    path = tmp_path / "bao-cao.xlsx"
    # when the XLSX report is written and read back
    write_report_xlsx(iter(ROWS), path)
    with CalamineWorkbook.from_path(path) as workbook:
        cells = workbook.get_sheet_by_index(0).to_python()
    # then the headers are Vietnamese, row numbers are numbers and every formula is text
    assert cells[0] == ["Dòng", "Mã SKU", "Kết quả", "Lý do"]
    assert cells[1] == [2.0, "IP15-128", "Được chấp nhận", ""]
    assert cells[2] == [3.0, '\'=HYPERLINK("http://evil.example")', "Bị từ chối", "'-Giá: thiếu"]
    assert cells[3][1::2] == ["'+84-SKU", "'@SUM(A1:A2)"]
    assert "<f>" not in _sheet_xml(path)


def _sheet_xml(path) -> str:
    return zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml").decode()


def test_the_csv_report_is_utf8_with_a_bom_and_no_formula():
    # given the same rows
    out = io.BytesIO()
    # when the CSV report is written to a binary file
    write_report_csv(iter(ROWS), out)
    # then Excel finds its BOM, the file stays open for the caller, and formulas are text
    data = out.getvalue()
    assert data.startswith(b"\xef\xbb\xbf")
    assert not out.closed
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == ["Dòng", "Mã SKU", "Kết quả", "Lý do"]
    assert rows[2] == ["3", '\'=HYPERLINK("http://evil.example")', "Bị từ chối", "'-Giá: thiếu"]


def test_the_csv_report_may_go_to_a_path(tmp_path):
    # given a path
    path = tmp_path / "bao-cao.csv"
    # when the report is written there
    write_report_csv(iter(ROWS[:1]), path)
    # then the file holds it
    assert path.read_text(encoding="utf-8-sig").splitlines()[1] == "2,IP15-128,Được chấp nhận,"


def _many_rows(count: int):
    for row in range(2, count + 2):
        yield ReportRow(row, f"SKU-{row:06d}", "Bị từ chối", f"Giá trước khuyến mại {row} đồng.")


@pytest.mark.parametrize("writer", [write_report_xlsx, write_report_csv])
def test_a_report_is_streamed_not_held(tmp_path, writer):
    # given 20,000 rows made one at a time (about 5 MB if they were all kept)
    path = tmp_path / "bao-cao"
    # when the report is written, memory traced
    tracemalloc.start()
    writer(_many_rows(20_000), path)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    # then the writer never held more than a small part of them, and wrote them all
    assert peak < 2_000_000
    assert path.stat().st_size > 400_000
