"""Delimited text: CSV (comma or semicolon), Excel's "Unicode text" and Google's TSV feed.

Streamed from disk: the file is read once when opened (its encoding, its header, its rows
counted) and once more for each call of ``rows``; no more than one row is held at a time.
"""

import csv
import os
from collections.abc import Iterator

from onlinefriday.core.tabular import delimiter_of
from onlinefriday.core.text_encoding import UnreadableText, file_encoding, text_lines
from onlinefriday.deals.intake.base import DealFile, IntakeError, RowOutcome
from onlinefriday.deals.intake.columns import map_headers
from onlinefriday.deals.intake.limits import Limits, empty_file, headers_only, too_many_rows
from onlinefriday.deals.intake.record import COLUMN, row_outcome


def open_delimited(path: str | os.PathLike, limits: Limits) -> DealFile:
    try:
        encoding = file_encoding(path)
    except UnreadableText as error:
        raise IntakeError(error.message, error.message_en) from None
    first_line = next((line for line in text_lines(path, encoding) if line.strip()), None)
    if first_line is None:
        raise empty_file()
    delimiter = delimiter_of(first_line)
    records = _records(path, encoding, delimiter)
    header_row, header = next(records, (0, []))
    if not header:
        raise empty_file()
    headers = map_headers(header)
    total_rows = 0
    for _row in records:
        total_rows += 1
        if total_rows > limits.max_rows:
            raise too_many_rows(limits.max_rows)
    if not total_rows:
        raise headers_only()

    def read(start_after: int) -> Iterator[RowOutcome]:
        for row, cells in _records(path, encoding, delimiter):
            if row > max(start_after, header_row):
                yield row_outcome(row, headers.cells(cells), COLUMN)

    google_tsv = headers.google_feed and delimiter == "\t"
    return DealFile(
        format="google-tsv" if google_tsv else "csv",
        total_rows=total_rows,
        warnings=headers.warnings,
        columns=headers.columns,
        read=read,
    )


def _records(path: str | os.PathLike, encoding: str, delimiter: str) -> Iterator[tuple[int, list]]:
    """(row number, cells) of each row with a value, numbered as a spreadsheet shows the rows
    (a row is a record: a quoted cell may span lines)."""
    reader = csv.reader(text_lines(path, encoding), delimiter=delimiter)
    row = 0
    try:
        for row, cells in enumerate(reader, start=1):
            if any(cell.strip() for cell in cells):
                yield row, cells
    except csv.Error as error:
        raise IntakeError(
            f"Dòng {row + 1} không đọc được ({error}): kiểm tra dấu ngoặc kép trong dòng đó.",
            f"Row {row + 1} cannot be read ({error}): check the quotation marks in it.",
        ) from None
