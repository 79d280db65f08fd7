"""XLSX workbooks, read by one of two readers: calamine, or our own streaming reader for large
ones.

An XLSX is a zip archive, so it is checked before either reader opens it: an archive that is
truncated, encrypted, not a workbook, or that unpacks to far more than it weighs (a zip bomb) is
refused, and so is one that unpacks to more than DEAL_FILE_MAX_UNPACKED_BYTES in all. The sizes
are measured by inflating each entry, not taken from the archive's directory, which a forged
file can fill with any numbers.

Why two readers: python-calamine is fast (written in Rust), but loads the whole sheet into
memory when it opens it: about twice the sheet's unpacked XML, 2 kB a row for the template's 20
columns (measured: 100,000 rows, 83-95 MB unpacked, 230 MB resident). So it reads the workbooks
that unpack to at most DEAL_FILE_MAX_IN_MEMORY_UNPACKED_BYTES (120 MB: some 130,000 such rows,
under 300 MB); larger ones, up to a million rows, are read a row at a time by ``xlsx_stream``
(standard library: zipfile and expat), slower but in memory that does not grow with the sheet.
Both give the same rows of cells, which one function makes the deal file of: the header, the
rows under it counted, then read again as DealIns one at a time.
"""

import os
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator, Sequence

from python_calamine import CalamineError, CalamineWorkbook

from onlinefriday.deals.intake.base import DealFile, IntakeError, RowOutcome
from onlinefriday.deals.intake.columns import map_headers
from onlinefriday.deals.intake.limits import (
    Limits,
    empty_file,
    headers_only,
    megabytes,
    thousands,
    too_many_rows,
)
from onlinefriday.deals.intake.record import COLUMN, row_outcome
from onlinefriday.deals.intake.values import Cell, is_blank
from onlinefriday.deals.intake.xlsx_stream import StreamedSheet, UnreadableSheet

DEAL_SHEET = "Khuyến mại"  # the template's sheet; else the workbook's first sheet is read
RATIO_FROM = 1_000_000  # bytes: smaller entries may compress as well as they like
LOCAL_HEADER = struct.Struct("<4s22xHH")  # signature ... file name length, extra field length
DAMAGED_ARCHIVE = (zipfile.BadZipFile, zlib.error, struct.error, EOFError, OSError)

# A sheet's rows, read from its start at each call: (row number as Excel shows it, its cells
# from column A), blank rows included.
SheetRows = Callable[[], Iterator[tuple[int, Sequence[Cell]]]]


def open_xlsx(path: str | os.PathLike, limits: Limits) -> DealFile:
    unpacked = check_archive(path, limits)
    if unpacked <= limits.max_in_memory_unpacked_bytes:
        return _deal_file(calamine_rows(path), limits)
    return _deal_file(streamed_rows(path), limits)


def _deal_file(rows: SheetRows, limits: Limits) -> DealFile:
    """The deal file a sheet holds, whichever reader reads it: its first row with a value names
    the columns, each row with a value under it is a deal. Read once here (the header, the rows
    counted), then again by ``read``."""
    header_row, headers, total_rows = 0, None, 0
    for row, cells in rows():
        if is_blank_row(cells):
            continue
        if headers is None:
            header_row, headers = row, map_headers(cells)
            continue
        total_rows += 1
        if total_rows > limits.max_rows:
            raise too_many_rows(limits.max_rows)
    if headers is None:
        raise empty_file()
    if not total_rows:
        raise headers_only()

    def read(start_after: int) -> Iterator[RowOutcome]:
        for row, cells in rows():
            if row > max(start_after, header_row) and not is_blank_row(cells):
                yield row_outcome(row, headers.cells(cells), COLUMN)

    return DealFile(
        format="xlsx",
        total_rows=total_rows,
        warnings=headers.warnings,
        columns=headers.columns,
        read=read,
    )


def calamine_rows(path: str | os.PathLike) -> SheetRows:
    """The rows of the deal sheet (DEAL_SHEET, else the first), loaded whole by calamine."""
    try:
        with CalamineWorkbook.from_path(path) as workbook:
            names = workbook.sheet_names
            sheet = workbook.get_sheet_by_name(DEAL_SHEET if DEAL_SHEET in names else names[0])
    except (CalamineError, IndexError, ValueError):
        raise _damaged() from None
    # python-calamine 0.9's rows begin at row 1 (blank ones stand for the rows above the first
    # with a value) but at the first column with a value: blanks before make them begin at A
    before = [""] * sheet.start[1] if sheet.start else []

    def rows() -> Iterator[tuple[int, Sequence[Cell]]]:
        for row, cells in enumerate(sheet.iter_rows(), start=1):
            yield row, before + cells if before else cells

    return rows


def streamed_rows(path: str | os.PathLike) -> SheetRows:
    """The rows of the deal sheet, read from the archive a row at a time at each call."""
    try:
        sheet = StreamedSheet(path, DEAL_SHEET)
    except (UnreadableSheet, *DAMAGED_ARCHIVE):
        raise _damaged() from None

    def rows() -> Iterator[tuple[int, Sequence[Cell]]]:
        try:
            yield from sheet.rows()
        except (UnreadableSheet, *DAMAGED_ARCHIVE):
            raise _damaged() from None

    return rows


def check_archive(path: str | os.PathLike, limits: Limits) -> int:
    """What the workbook unpacks to, in all. Refuses (IntakeError) a zip that is not a plain
    XLSX workbook, or that unpacks to more than the limits allow."""
    try:
        with zipfile.ZipFile(path) as archive, open(path, "rb") as file:
            entries = archive.infolist()
            if "xl/workbook.xml" not in {entry.filename for entry in entries}:
                raise _not_a_workbook()
            unpacked = 0
            for entry in entries:
                if entry.flag_bits & 0x1:
                    raise _encrypted()
                if entry.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                    raise _not_a_workbook()
                size = _inflated_size(file, entry, limits.max_unpacked_bytes - unpacked)
                unpacked += size
                if size > RATIO_FROM and size > limits.max_zip_ratio * entry.compress_size:
                    raise _zip_bomb()
                if unpacked > limits.max_unpacked_bytes:
                    raise _too_large_unpacked(limits)
    except DAMAGED_ARCHIVE:
        raise _damaged() from None
    return unpacked


def _inflated_size(file, entry: zipfile.ZipInfo, limit: int) -> int:
    """What the entry's data really unpacks to, counted up to just past ``limit``; memory stays
    at one chunk whatever the data holds."""
    file.seek(entry.header_offset)
    signature, name_length, extra_length = LOCAL_HEADER.unpack(file.read(LOCAL_HEADER.size))
    if signature != b"PK\x03\x04":
        raise zipfile.BadZipFile(entry.filename)
    file.seek(entry.header_offset + LOCAL_HEADER.size + name_length + extra_length)
    if entry.compress_type == zipfile.ZIP_STORED:
        return entry.compress_size
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)  # a zip entry is raw deflate
    remaining, size = entry.compress_size, 0
    while remaining and size <= limit and not inflater.eof:
        data = file.read(min(remaining, 1 << 16))
        if not data:
            raise EOFError(entry.filename)
        remaining -= len(data)
        while data and size <= limit:
            size += len(inflater.decompress(data, 1 << 20))
            data = inflater.unconsumed_tail
    return size


def _damaged() -> IntakeError:
    return IntakeError(
        "Tệp Excel bị hỏng hoặc chưa tải lên hết: hãy mở lại bằng Excel, lưu dạng .xlsx rồi "
        "tải lên lại.",
        "The Excel file is damaged or was not uploaded in full: open it in Excel again, save "
        "it as .xlsx and upload it again.",
    )


def _not_a_workbook() -> IntakeError:
    return IntakeError(
        "Tệp nén (ZIP) này không phải bảng tính Excel (.xlsx): hãy tải lên tệp .xlsx, .csv "
        "hoặc nguồn cấp Google.",
        "This zip archive is not an Excel workbook (.xlsx): upload an .xlsx or .csv file or a "
        "Google feed.",
    )


def _encrypted() -> IntakeError:
    return IntakeError(
        "Tệp Excel có mật khẩu: hãy bỏ mật khẩu (Tệp > Thông tin > Bảo vệ sổ làm việc) rồi tải "
        "lên lại.",
        "The Excel file is password-protected: remove the password (File > Info > Protect "
        "Workbook) and upload it again.",
    )


def _zip_bomb() -> IntakeError:
    return IntakeError(
        "Tệp Excel giải nén ra lớn bất thường (có thể là “bom nén”), không được xử lý: hãy lưu "
        "lại bảng tính bằng Excel, hoặc chia thành nhiều tệp nhỏ hơn.",
        "The Excel file unpacks to an abnormal size (possibly a zip bomb) and was not "
        "processed: save the workbook again with Excel, or split it into smaller files.",
    )


def _too_large_unpacked(limits: Limits) -> IntakeError:
    """Larger than DEAL_FILE_MAX_UNPACKED_BYTES (2 GB: a million rows of the template unpack to
    about 1 GB). The same rows as CSV are several times smaller."""
    size, rows = megabytes(limits.max_unpacked_bytes), thousands(limits.max_rows)
    return IntakeError(
        f"Tệp Excel quá lớn để đọc (giải nén ra hơn {size} MB): hãy chia thành nhiều tệp, hoặc "
        f"lưu dạng CSV UTF-8 (đọc được tới {rows} dòng).",
        f"The Excel file is too large to read (it unpacks to more than {size} MB): split it "
        f"into several files, or save it as CSV UTF-8 (read up to {rows} rows).",
    )


def legacy_or_encrypted() -> IntakeError:
    """An OLE2 file: Excel 97-2003 (.xls), or an XLSX that Excel encrypted with a password."""
    return IntakeError(
        "Tệp Excel 97-2003 (.xls) hoặc tệp Excel có mật khẩu chưa được hỗ trợ: hãy mở bằng Excel, "
        "bỏ mật khẩu nếu có và lưu dạng Sổ làm việc Excel (.xlsx).",
        "Excel 97-2003 files (.xls) and password-protected Excel files are not supported: open "
        "it in Excel, remove any password and save it as an Excel Workbook (.xlsx).",
    )


def is_blank_row(cells: Sequence[Cell]) -> bool:
    return all(is_blank(cell) for cell in cells)
