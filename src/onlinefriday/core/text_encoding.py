"""Which character encoding a text file is in, and its text in NFC.

Spreadsheet tools save CSV in a handful of encodings: UTF-8 (with or without the BOM Excel adds
for "CSV UTF-8"), UTF-16 with a BOM (Excel's "Unicode text") and, on older Vietnamese Windows,
the code page Windows-1258, which writes most tone marks as separate combining characters (hence
NFC). Anything else (UTF-32, Shift-JIS, binary data) is refused rather than read as garbage:
Windows-1258 decodes almost any byte, so text decoded with it must also look like Vietnamese.

One detection for every tabular upload: deal files stream from disk (``file_encoding`` then
``text_lines``), price observations decode bytes (``decode_bytes``). Pure: no Django.
"""

import codecs
import itertools
import os
import unicodedata
from collections.abc import Iterable, Iterator

UTF8, UTF8_BOM, UTF16, CP1258 = "utf-8", "utf-8-sig", "utf-16", "cp1258"
CHUNK = 1 << 20

# What Windows-1258 gives for bytes that Vietnamese text does not use: signs from 0x80-0x9F other
# than quotes, dashes and the like, and Latin letters of other languages. Japanese or Chinese text
# decoded as Windows-1258 is full of them; a tone mark still standing alone after NFC (it followed
# no vowel) is another sign of a wrong guess.
NOT_VIETNAMESE = set("‚ƒ„†‡ˆ‰‹Œ›œŸ˜ÄÅÆÇËÎÏÑÖØÛÜßäåæçëîïñöøûüÿ\u0300\u0301\u0303\u0309\u0323")
NOT_VIETNAMESE_SHARE = 0.1  # of the text's non-ASCII characters


class UnreadableText(Exception):
    """The bytes are not text in an encoding we read; ``message`` says what to do (Vietnamese),
    ``message_en`` the same in English."""

    def __init__(self, message: str, message_en: str):
        super().__init__(message_en)
        self.message = message
        self.message_en = message_en


def unknown_encoding() -> UnreadableText:
    return UnreadableText(
        "Không đọc được chữ trong tệp: không nhận ra bảng mã (chỉ đọc được UTF-8, UTF-16 có BOM "
        "hoặc Windows-1258); trong Excel chọn Lưu thành (Save As) > CSV UTF-8 rồi tải lên lại.",
        "The file's text cannot be read: its character encoding is not recognised (only UTF-8, "
        "UTF-16 with a BOM or Windows-1258); in Excel choose Save As > CSV UTF-8 and upload again.",
    )


def candidates(head: bytes) -> tuple[str, ...]:
    """The encodings the file may be in, judged from its first bytes, most likely first."""
    if head.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        raise UnreadableText(
            "Không đọc được chữ trong tệp: tệp dùng bảng mã UTF-32, không được hỗ trợ; hãy lưu "
            "lại dạng CSV UTF-8.",
            "The file's text cannot be read: it is in UTF-32, which is not supported; save it "
            "again as CSV UTF-8.",
        )
    if head.startswith(codecs.BOM_UTF8):
        return (UTF8_BOM,)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return (UTF16,)
    if b"\x00" in head:
        raise _nul_bytes()
    return UTF8, CP1258


def _nul_bytes() -> UnreadableText:
    return UnreadableText(
        "Không đọc được chữ trong tệp: tệp chứa byte rỗng (NUL) nên không phải văn bản CSV; nếu "
        "là UTF-16, hãy lưu lại có BOM (Excel: Văn bản Unicode), tốt nhất là lưu dạng CSV UTF-8.",
        "The file's text cannot be read: it contains NUL bytes, so it is not CSV text; if it is "
        "UTF-16, save it again with a BOM (Excel: Unicode Text), best as CSV UTF-8.",
    )


class _WrongGuess(Exception):
    pass


def _decoded(chunks: Iterable[bytes], encoding: str) -> Iterator[str]:
    """The text in NFC, chunk by chunk; raises _WrongGuess if it is not in ``encoding``."""
    decoder = codecs.getincrementaldecoder(encoding)()
    non_ascii = not_vietnamese = 0
    try:
        for chunk in itertools.chain(chunks, (b"",)):
            text = unicodedata.normalize("NFC", decoder.decode(chunk, final=not chunk))
            if "\x00" in text:
                raise _nul_bytes()
            if encoding == CP1258 and not text.isascii():
                non_ascii += len(text) - len(text.encode("ascii", "ignore"))
                not_vietnamese += sum(text.count(char) for char in NOT_VIETNAMESE)
            yield text
    except UnicodeDecodeError:
        raise _WrongGuess from None
    if not_vietnamese > NOT_VIETNAMESE_SHARE * non_ascii:
        raise _WrongGuess


def _chunks(path: str | os.PathLike) -> Iterator[bytes]:
    with open(path, "rb") as file:
        while chunk := file.read(CHUNK):
            yield chunk


def file_encoding(path: str | os.PathLike) -> str:
    """The encoding of the file at ``path``, read through once in chunks (the whole file: a
    UTF-8 error may sit on its last line). Raises UnreadableText."""
    with open(path, "rb") as file:
        head = file.read(4)
    for encoding in candidates(head):
        try:
            for _text in _decoded(_chunks(path), encoding):
                pass
        except _WrongGuess:
            continue
        return encoding
    raise unknown_encoding()


def text_lines(path: str | os.PathLike, encoding: str) -> Iterator[str]:
    """The file's lines in NFC, line ends kept (as ``csv.reader`` wants them), streamed."""
    with open(path, encoding=encoding, newline="") as file:
        for line in file:
            yield unicodedata.normalize("NFC", line)


def decode_bytes(data: bytes) -> tuple[str, str]:
    """The text (NFC) of ``data`` and the name of its encoding. Raises UnreadableText."""
    for encoding in candidates(data[:4]):
        try:
            return "".join(_decoded((data,), encoding)), encoding
        except _WrongGuess:
            continue
    raise unknown_encoding()
