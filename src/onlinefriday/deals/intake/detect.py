"""Which kind of deal file this is, judged from its first bytes (never from its name, which
merchants' tools and browsers get wrong), and the reader for it."""

import os

from onlinefriday.core.text_encoding import UnreadableText, candidates
from onlinefriday.deals.intake.base import DealFile, IntakeError
from onlinefriday.deals.intake.feeds import open_google_rss
from onlinefriday.deals.intake.jsonfile import open_json
from onlinefriday.deals.intake.limits import Limits, empty_file, too_large
from onlinefriday.deals.intake.tabular import open_delimited
from onlinefriday.deals.intake.xlsx import legacy_or_encrypted, open_xlsx

ZIP_SIGNATURES = (b"PK\x03\x04", b"PK\x05\x06")  # an archive with entries; an empty one
OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Excel 97-2003, or an encrypted XLSX
HEAD = 4096


def open_deal_file(
    path: str | os.PathLike, *, max_bytes: int | None = None, max_rows: int | None = None
) -> DealFile:
    """Open a deal file of any supported format: XLSX, Google Merchant Center RSS, JSON, or
    delimited text (CSV, TSV, Google's TSV feed). The file is checked as a whole and its rows
    counted; ``rows()`` then reads them. Limits default to the settings DEAL_FILE_MAX_BYTES and
    DEAL_FILE_MAX_ROWS. Raises IntakeError when the file cannot be read at all."""
    limits = Limits.from_settings(max_bytes=max_bytes, max_rows=max_rows)
    try:
        size = os.path.getsize(path)
        with open(path, "rb") as file:
            head = file.read(HEAD)
    except OSError:
        raise IntakeError(
            "Không mở được tệp đã tải lên: hãy tải lên lại.",
            "The uploaded file cannot be opened: upload it again.",
        ) from None
    if size > limits.max_bytes:
        raise too_large(limits.max_bytes)
    if head.startswith(ZIP_SIGNATURES):
        return open_xlsx(path, limits)
    if head.startswith(OLE2_SIGNATURE):
        raise legacy_or_encrypted()
    start = _first_character(head)
    if not start:
        raise empty_file()
    if start == "<":
        return open_google_rss(path, limits)
    if start in "[{":
        return open_json(path, limits)
    return open_delimited(path, limits)


def _first_character(head: bytes) -> str:
    """The first character that is not a space, in the encoding the text seems to be in."""
    try:
        encoding = candidates(head)[0]
    except UnreadableText as error:
        raise IntakeError(error.message, error.message_en) from None
    return head.decode(encoding, errors="ignore").lstrip()[:1]
