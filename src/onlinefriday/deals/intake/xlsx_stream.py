"""An XLSX sheet read straight from its XML, a row at a time, in memory that does not grow with
the sheet: the reader for workbooks too large for calamine (see ``xlsx``).

Standard library only: ``zipfile`` inflates an entry as it is read, expat parses it a chunk at a
time. A DTD is refused: Excel never writes one, and one could declare entities that expand to
gigabytes ("billion laughs") or read files and URLs (XXE).

Cells come as calamine gives them, so that both readers give the same rows: a number as a float,
or under a date format (the cell's style, in xl/styles.xml) as a date, datetime, time or
timedelta (``xlsx_dates``); text as str; TRUE/FALSE as bool; a blank cell or an error (#N/A)
as "".

A large workbook holds millions of distinct strings (titles, SKUs, links) in its table of shared
strings: as Python strings they alone would take hundreds of MB. They are written, UTF-8, to an
unnamed temporary file, an array keeping where each ends, and read back one at a time. Whatever
else is kept is bounded too, as a forged workbook may unpack to gigabytes: a text longer than
Excel allows (32,767 characters), or more strings or styles than Excel makes, is refused.
"""

import functools
import os
import posixpath
import re
import tempfile
import zipfile
from array import array
from collections.abc import Callable, Iterator
from string import ascii_uppercase
from typing import IO
from xml.parsers import expat

from onlinefriday.deals.intake.values import Cell
from onlinefriday.deals.intake.xlsx_dates import (
    BUILTIN_FORMATS,
    DATE,
    DURATION,
    NUMBER,
    duration,
    iso_moment,
    moment,
    number_format_shows,
)

CHUNK = 1 << 16  # bytes of XML parsed at a time
RECENT_STRINGS = 512  # shared strings kept in memory, the last ones read
MAX_TEXT = 32_767  # characters in a cell, at most, in Excel
MAX_PIECES = 64  # expat hands a text over in pieces of up to 8,192 characters
MAX_STRINGS = 1 << 24  # shared strings: 64 MB of offsets; a million rows have a few million
MAX_STYLES = 1 << 16  # number formats, cell styles (Excel allows 64,000)
MAX_NAMES = 256  # element names and cell styles remembered (a sheet uses a few)
BOOLEANS = {"0": False, "1": True}
# A character XML cannot hold, as OOXML writes it (_x000D_ for a carriage return); Excel writes
# a literal "_x" as _x005F_x.
ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")
COLUMN_LETTERS = re.compile(r"[A-Z]{1,3}")  # A to XFD, Excel's last column

Row = tuple[int, list[Cell]]
SHEET, STYLES, STRINGS = "sheet", "styles", "sharedStrings"  # the parts read, as _parts names them


class UnreadableSheet(Exception):
    """The workbook is not what Excel writes, or declares a DTD."""


class StreamedSheet:
    """The sheet named ``preferred`` (else the workbook's first), ready to be read as often as
    needed. Opening it reads the workbook's parts other than the sheet, the shared strings among
    them. Raises UnreadableSheet, or zipfile's and zlib's errors for a damaged archive."""

    def __init__(self, path: str | os.PathLike, preferred: str) -> None:
        self.path = path
        with zipfile.ZipFile(path) as archive:
            relation, self.date1904 = _workbook(archive, preferred)
            parts = _parts(archive, relation)
            if SHEET not in parts:
                raise UnreadableSheet(f"no sheet {relation!r}")
            self.part = parts[SHEET]
            present = set(archive.namelist())
            styles = parts.get(STYLES, "xl/styles.xml")
            strings = parts.get(STRINGS, "xl/sharedStrings.xml")
            self.formats = _cell_formats(archive, styles) if styles in present else b""
            self.strings = SharedStrings(archive, strings if strings in present else None)

    def rows(self) -> Iterator[Row]:
        """(row number as Excel shows it, cells from column A) for each row that has cells, in
        sheet order; a cell missing before the row's last is ""."""
        reader = _SheetReader(self)
        with zipfile.ZipFile(self.path) as archive:
            for _ in _parse(archive, self.part, reader.start, reader.end, reader.text):
                yield from reader.rows
                reader.rows.clear()
        if not reader.sheet_data:
            raise UnreadableSheet(f"{self.part} is no worksheet")


class SharedStrings:
    """The workbook's shared strings, in a temporary file: ``strings.get(i)`` reads the i-th."""

    def __init__(self, archive: zipfile.ZipFile, part: str | None) -> None:
        file = tempfile.TemporaryFile()  # noqa: SIM115 - open while the sheet is read; gone after
        ends = array("I")  # where each string ends in the file; the next one starts there
        if part is not None:
            _write_strings(archive, part, file, ends)

        def read(index: int) -> str:
            if index >= len(ends):
                raise UnreadableSheet(f"no shared string {index}")
            start = ends[index - 1] if index else 0
            return os.pread(file.fileno(), ends[index] - start, start).decode()

        # A column of a few values (a category, a brand, "có") repeats the same strings: the
        # last ones read are kept
        self.get = functools.lru_cache(maxsize=RECENT_STRINGS)(read)


def _write_strings(archive: zipfile.ZipFile, part: str, file: IO[bytes], ends: array) -> None:
    """Each ``<si>`` of ``part`` to ``file``, UTF-8, its end to ``ends``."""
    size = 0
    reader = _TextReader()

    def end(name: str) -> None:
        nonlocal size
        tag = _local(name)
        if tag == "si":
            encoded = reader.take().encode()
            file.write(encoded)
            size += len(encoded)
            if len(ends) == MAX_STRINGS or size > 0xFFFF_FFFF:  # (the offsets are 4 bytes)
                raise UnreadableSheet("more shared strings than a sheet of a million rows has")
            ends.append(size)
        else:
            reader.ended(tag)

    for _ in _parse(archive, part, reader.start, end, reader.text):
        pass
    file.flush()


class _TextReader:
    """expat's handlers for the text of string elements (``<si>``, ``<is>``): each one's
    ``<t>``, or the ``<t>`` of each of its runs (rich text, ``<r>``), joined; a phonetic reading
    (``<rPh>``) is left out."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.reading = False
        self.phonetic = False

    def start(self, name: str, attrs: dict[str, str]) -> None:
        self.started(_local(name))

    def started(self, tag: str) -> None:
        if tag == "t":
            self.reading = not self.phonetic
        elif tag == "rPh":
            self.phonetic = True

    def ended(self, tag: str) -> None:
        if tag == "t":
            self.reading = False
        elif tag == "rPh":
            self.phonetic = False

    def text(self, data: str) -> None:
        if self.reading:
            self.parts.append(data)
            if len(self.parts) > MAX_PIECES:
                raise UnreadableSheet("a text longer than Excel allows")

    def take(self) -> str:
        """The text read since the last call."""
        text = "".join(self.parts)
        self.parts.clear()
        if len(text) > MAX_TEXT:
            raise UnreadableSheet("a text longer than Excel allows")
        return _unescaped(text)


class _SheetReader(_TextReader):
    """expat's handlers for a worksheet: each row ends in ``rows`` as (number, cells). As
    calamine places them, a cell without its reference (``r``) follows the one before, and a row
    without its number is the one its cells' references name, else the one after the last. The
    text read is a cell's value (``<v>``) or its inline string (``<is>``)."""

    def __init__(self, sheet: StreamedSheet) -> None:
        super().__init__()
        self.strings = sheet.strings
        self.formats = sheet.formats
        self.date1904 = sheet.date1904
        self.rows: list[Row] = []
        self.sheet_data = False
        self.names: dict[str, str] = {}  # element name as written ("x:c") -> local name ("c")
        self.kinds: dict[str | None, int] = {None: NUMBER}  # a cell's style -> what it shows
        self.columns: dict[str, int] = {}  # column letters -> index from 0
        self.row = 0
        self.numbered = False  # whether the row's number is known (its r, or a cell's)
        self.cells: list[Cell] = []
        self.column = 0
        self.type: str | None = None
        self.style: str | None = None
        self.value: Cell = ""

    def start(self, name: str, attrs: dict[str, str]) -> None:
        tag = self.names.get(name) or self._local(name)
        if tag == "c":
            reference = attrs.get("r")
            if reference:
                self.column = self._column(reference)
                if not self.numbered:  # a row without its number: its cells' references say it
                    number = reference.lstrip(ascii_uppercase)
                    self.row, self.numbered = int(number) if number.isdigit() else self.row, True
            self.type, self.style, self.value = attrs.get("t"), attrs.get("s"), ""
        elif tag == "v":
            self.reading = True
        elif tag == "row":
            number = attrs.get("r")
            self.numbered = bool(number and number.isdigit())
            self.row = int(number) if self.numbered else self.row + 1
            self.cells, self.column = [], 0
        elif tag == "sheetData":
            self.sheet_data = True
        else:
            self.started(tag)

    def end(self, name: str) -> None:
        tag = self.names.get(name) or self._local(name)
        if tag == "v":
            self.reading = False
            text = "".join(self.parts)
            self.parts.clear()
            if len(text) > MAX_TEXT:
                raise UnreadableSheet("a value longer than Excel allows")
            if self.type != "inlineStr":  # its <v> repeats the <is>, or is empty
                self.value = self._value(text)
        elif tag == "c":
            cells, column = self.cells, self.column
            if column == len(cells):
                cells.append(self.value)
            elif column > len(cells):
                cells.extend([""] * (column - len(cells)))
                cells.append(self.value)
            else:
                cells[column] = self.value
            self.column = column + 1
        elif tag == "row":
            if self.cells:
                self.rows.append((self.row, self.cells))
        elif tag == "is":
            self.value = self.take()
        else:
            self.ended(tag)

    def _value(self, text: str) -> Cell:
        """A cell's ``<v>`` as calamine reads it, by the cell's type (``t``) and style."""
        kind = self.type
        if not text:
            return ""
        if kind is None or kind == "n":
            number = _number(text)
            if number is None:
                if kind is None:  # no type said: calamine keeps the text
                    return text
                raise UnreadableSheet(f"{text!r} is no number")
            shows = self.kinds.get(self.style)
            if shows is None:
                shows = self._shows(self.style)
            if shows == DATE:
                return moment(number, self.date1904)
            return duration(number) if shows == DURATION else number
        if kind == "s":
            return self.strings.get(int(text) if text.isascii() and text.isdigit() else 0)
        if kind == "str":
            return _unescaped(text)
        if kind == "b" and text in BOOLEANS:
            return BOOLEANS[text]
        if kind == "e":
            return ""  # #N/A, #DIV/0!...: calamine gives a blank
        if kind == "d":
            return iso_moment(text)
        raise UnreadableSheet(f"cell type {kind!r} with value {text!r}")

    def _shows(self, style: str) -> int:
        """What the cell style ``style`` (an index into cellXfs) shows numbers as; a style that
        is not there shows them as numbers, one that is no index as style 0 (as calamine)."""
        index = int(style) if style.isascii() and style.isdigit() else 0
        shows = self.formats[index] if index < len(self.formats) else NUMBER
        if len(self.kinds) < MAX_NAMES:
            self.kinds[style] = shows
        return shows

    def _local(self, name: str) -> str:
        local = _local(name)
        if len(self.names) < MAX_NAMES:
            self.names[name] = local
        return local

    def _column(self, reference: str) -> int:
        letters = reference.rstrip("0123456789")
        index = self.columns.get(letters)
        if index is None:
            if not COLUMN_LETTERS.fullmatch(letters):
                raise UnreadableSheet(f"cell reference {reference!r}")
            index = 0
            for letter in letters:
                index = index * 26 + ord(letter) - ord("A") + 1
            index = self.columns[letters] = index - 1
        return index


def _workbook(archive: zipfile.ZipFile, preferred: str) -> tuple[str, bool]:
    """The relationship id of the sheet named ``preferred``, else of the first sheet; and
    whether dates count from 1904."""
    first = named = None
    date1904 = False

    def start(name: str, attrs: dict[str, str]) -> None:
        nonlocal first, named, date1904
        tag = _local(name)
        if tag == "sheet":
            relation = next((value for key, value in attrs.items() if _local(key) == "id"), "")
            first = relation if first is None else first
            if named is None and attrs.get("name") == preferred:
                named = relation
        elif tag == "workbookPr":
            date1904 = attrs.get("date1904", "").lower() in ("1", "true")

    for _ in _parse(archive, "xl/workbook.xml", start):
        pass
    return named or first or "", date1904


def _parts(archive: zipfile.ZipFile, sheet: str) -> dict[str, str]:
    """Where the sheet whose relationship id is ``sheet``, the styles and the shared strings
    are in the archive, as the workbook's relationships say: {SHEET: "xl/worksheets/..."}."""
    parts: dict[str, str] = {}

    def start(name: str, attrs: dict[str, str]) -> None:
        if _local(name) != "Relationship":
            return
        kind = attrs.get("Type", "").rpartition("/")[2]
        if attrs.get("Id") == sheet:
            kind = SHEET
        elif kind not in (STYLES, STRINGS):
            return
        target = attrs.get("Target", "")
        parts[kind] = posixpath.normpath(posixpath.join("xl", target)).lstrip("/")

    for _ in _parse(archive, "xl/_rels/workbook.xml.rels", start):
        pass
    return parts


def _cell_formats(archive: zipfile.ZipFile, part: str) -> bytes:
    """What each cell style (cellXfs, in order) shows numbers as: its number format, one of
    Excel's built-in ones (numFmtId 14 to 22 and 45 to 47 are dates and times) or one the
    workbook defines (numFmts, read before cellXfs as Excel writes them)."""
    defined: dict[str, int] = {}  # numFmtId -> what it shows
    shows = bytearray()
    in_cell_formats = False

    def start(name: str, attrs: dict[str, str]) -> None:
        nonlocal in_cell_formats
        tag = _local(name)
        if tag == "numFmt":
            if len(defined) == MAX_STYLES:
                raise UnreadableSheet("more number formats than Excel allows")
            defined[attrs.get("numFmtId", "")] = number_format_shows(attrs.get("formatCode", ""))
        elif tag == "cellXfs":
            in_cell_formats = True
        elif tag == "xf" and in_cell_formats:
            if len(shows) == MAX_STYLES:
                raise UnreadableSheet("more cell styles than Excel allows")
            format_id = attrs.get("numFmtId", "0")
            shows.append(defined.get(format_id, BUILTIN_FORMATS.get(format_id, NUMBER)))

    def end(name: str) -> None:
        nonlocal in_cell_formats
        if _local(name) == "cellXfs":
            in_cell_formats = False

    for _ in _parse(archive, part, start, end):
        pass
    return bytes(shows)


def _parse(
    archive: zipfile.ZipFile,
    part: str,
    start: Callable[[str, dict[str, str]], None],
    end: Callable[[str], None] | None = None,
    text: Callable[[str], None] | None = None,
) -> Iterator[None]:
    """Feed the archive's entry ``part`` to expat a chunk at a time, the handlers called as
    elements start and end; yields after each chunk, for the caller to take what they
    gathered."""
    parser = expat.ParserCreate()
    parser.buffer_text = True  # one call for a cell's text, not one per line or entity
    parser.StartDoctypeDeclHandler = _refuse_dtd
    parser.EntityDeclHandler = _refuse_dtd
    parser.StartElementHandler = start
    if end is not None:
        parser.EndElementHandler = end
    if text is not None:
        parser.CharacterDataHandler = text
    try:
        entry = archive.open(part)
    except KeyError:
        raise UnreadableSheet(f"no {part}") from None
    try:
        with entry:
            while chunk := entry.read(CHUNK):
                parser.Parse(chunk, False)
                yield
        parser.Parse(b"", True)
    except (expat.ExpatError, LookupError) as error:  # LookupError: an unknown encoding
        raise UnreadableSheet(f"{part}: {error}") from None
    yield


def _refuse_dtd(*_declaration) -> None:
    raise UnreadableSheet("a DTD or an entity is declared")


def _local(name: str) -> str:
    """An element's or attribute's name without its namespace prefix: "x:c" is "c"."""
    return name.rpartition(":")[2]


def _unescaped(text: str) -> str:
    """``text`` with OOXML's _xHHHH_ escapes as the characters they stand for (surrogates and
    the non-characters U+FFFE and U+FFFF kept escaped, as calamine keeps them)."""
    return ESCAPED.sub(_character, text) if "_x" in text else text


def _character(match: re.Match) -> str:
    code = int(match[1], 16)
    return match[0] if 0xD800 <= code <= 0xDFFF or code >= 0xFFFE else chr(code)


def _number(text: str) -> float | None:
    """The number a cell holds, or None. Python's float() also takes what Excel never writes
    and calamine refuses: spaces around, underscores, digits of other scripts."""
    if not text.isascii() or "_" in text or text[0] <= " " or text[-1] <= " ":
        return None
    try:
        return float(text)
    except ValueError:
        return None
