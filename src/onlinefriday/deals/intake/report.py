"""The per-row report of an import that merchants download, as XLSX and as CSV.

Both stream: rows are written as they come (xlsxwriter's constant_memory keeps one row in
memory), so a report of a million rows costs no more memory than one of ten. Every text cell
that a spreadsheet could take for a formula (it starts with =, +, -, @, a tab or a carriage
return) is written with an apostrophe in front: a merchant's SKU or a reason quoting their title
must never run as a formula (CSV injection).
"""

import csv
import io
import os
from collections.abc import Iterable
from typing import BinaryIO, NamedTuple

import xlsxwriter

from onlinefriday.compliance.reasons import Verdict

HEADERS = ("Dòng", "Mã SKU", "Kết quả", "Lý do")
VERDICTS = {
    Verdict.ACCEPTED: "Được chấp nhận",
    Verdict.REVIEW: "Chờ kiểm duyệt",
    Verdict.REJECTED: "Bị từ chối",
}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
WIDTHS = (8, 24, 18, 100)

Output = str | os.PathLike | BinaryIO


class ReportRow(NamedTuple):
    row: int  # in the merchant's file
    sku: str
    verdict: str  # Vietnamese
    reasons: str  # Vietnamese, joined


def neutralise(value: object) -> object:
    """A text cell that cannot run as a formula; other values as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def write_report_xlsx(rows: Iterable[ReportRow], out: Output) -> None:
    """The report as an XLSX workbook, written to a path or a binary file."""
    workbook = xlsxwriter.Workbook(out, {"constant_memory": True})
    sheet = workbook.add_worksheet("Kết quả")
    bold = workbook.add_format({"bold": True})
    for index, width in enumerate(WIDTHS):
        sheet.set_column(index, index, width)
    sheet.freeze_panes(1, 0)
    sheet.write_row(0, 0, HEADERS, bold)
    for number, row in enumerate(rows, start=1):
        for index, value in enumerate(row):
            if isinstance(value, int):
                sheet.write_number(number, index, value)
            else:
                sheet.write_string(number, index, neutralise(value))
    workbook.close()


def write_report_csv(rows: Iterable[ReportRow], out: Output) -> None:
    """The report as CSV in UTF-8 with a BOM (so that Excel reads the Vietnamese), written to a
    path or a binary file."""
    if isinstance(out, str | os.PathLike):
        with open(out, "wb") as file:
            _write_csv(rows, file)
    else:
        _write_csv(rows, out)


def _write_csv(rows: Iterable[ReportRow], file: BinaryIO) -> None:
    text = io.TextIOWrapper(file, encoding="utf-8-sig", newline="")
    writer = csv.writer(text)
    writer.writerow(HEADERS)
    for row in rows:
        writer.writerow([neutralise(value) for value in row])
    text.flush()
    text.detach()  # the caller's file stays open
