"""Excel's dates, for the streaming XLSX reader: which number formats show a date, and a number
shown as one turned into what calamine gives for it, so that both readers agree.

A date in a workbook is a number of days (since 30 December 1899, or 1 January 1904 in old Mac
workbooks) that its cell's number format shows as a date: one of Excel's built-in formats, or one
the workbook defines ("dd/mm/yyyy hh:mm"), told apart by the letters in it.
"""

import math
from datetime import date, datetime, time, timedelta

from onlinefriday.deals.intake.values import Cell

NUMBER, DATE, DURATION = 0, 1, 2  # what a number format shows a number as
BUILTIN_FORMATS = {str(id): DATE for id in (*range(14, 23), 45, 47)} | {"46": DURATION}
EPOCH = datetime(1899, 12, 30)  # day 0 of Excel's 1900 date system
DAYS_TO_1904 = 1462  # day 0 of the 1904 system (old Mac workbooks), in the 1900 system
DAY_MS = 86_400_000


def number_format_shows(code: str) -> int:
    """Whether a number format code shows a date or time (DATE), an elapsed time such as
    [h]:mm (DURATION) or a number (NUMBER), as calamine judges it: from its first section only,
    where the letters d, m, y, h and s are parts of a date unless quoted ("d"), escaped (\\d, _d,
    *d) or in brackets ([Red], [$-409]); "AM/PM" is a time too."""
    escaped = quoted = am_pm = False
    bracket: str | None = None  # what is inside [...] so far; None outside brackets
    for char in code:
        if escaped:
            escaped = False
        elif char in "\\_*":
            escaped = True
        elif quoted:
            quoted = char != '"'
        elif char == '"':
            quoted = True
        elif char == ";":
            break
        elif char == "[":
            bracket = ""
        elif bracket is not None:
            if char != "]":
                bracket += char
                continue
            if bracket[:1].lower() in ("h", "m", "s") and len(set(bracket.lower())) == 1:
                return DURATION
            bracket = None
        elif am_pm and char in "pPmM/":
            return DATE
        elif char in "aA":
            am_pm = True
        elif not am_pm and char in "dmyhsDMYHS":
            return DATE
    return NUMBER


def moment(serial: float, date1904: bool) -> Cell:
    """A number under a date format, as calamine gives it: a time below 1 (a time of day), a
    date when whole, else a datetime, to the millisecond; the number itself when it is no date
    Python can hold (past the year 9999)."""
    if not math.isfinite(serial):
        return serial
    if date1904:
        days = serial + DAYS_TO_1904
    elif serial < 60:  # the 1900 system counts a 29 February 1900 that never was: day 60
        days = serial + 1
    else:
        days = serial
    milliseconds = _rounded(days * DAY_MS)
    if serial < 1:
        return (datetime.min + timedelta(milliseconds=milliseconds % DAY_MS)).time()
    try:
        when = EPOCH + timedelta(milliseconds=milliseconds)
    except OverflowError:
        return serial
    return when.date() if serial.is_integer() else when


def duration(serial: float) -> Cell:
    """A number under an elapsed-time format ([h]:mm), in days, to the millisecond."""
    try:
        return timedelta(milliseconds=_rounded(serial * DAY_MS))
    except (OverflowError, ValueError):
        return serial


def _rounded(value: float) -> int:
    """Half away from zero, as Rust rounds (Python's round() rounds half to even)."""
    return int(math.copysign(math.floor(abs(value) + 0.5), value))


def iso_moment(text: str) -> Cell:
    """A date cell written in ISO 8601 (t="d", which some tools write), as calamine gives it."""
    try:
        if ":" not in text:
            return date.fromisoformat(text)
        if "-" not in text:
            return time.fromisoformat(text)
        return datetime.fromisoformat(text)
    except ValueError:
        return text
