"""One row of a deal file, whatever its format, made a DealIn or the list of what is wrong.

Every cell is read, so that a row's errors come all at once, each naming the column as the file
names it; a row with any error gives no deal (nothing is stored half-read).
"""

from collections.abc import Iterable
from typing import Any, NamedTuple

from pydantic import ValidationError

from onlinefriday.compliance.submission import DealIn
from onlinefriday.compliance.submission_errors import validation_problems
from onlinefriday.core.tabular import CellError
from onlinefriday.deals.intake.base import FieldError, RowOutcome
from onlinefriday.deals.intake.columns import WRITTEN_CURRENCY, Mapped
from onlinefriday.deals.intake.values import Cell, is_blank


class Place(NamedTuple):
    """What a file calls the place a value is in, to name it in messages."""

    vi: str
    en: str


COLUMN = Place("Cột", "Column")  # CSV, TSV, XLSX
ELEMENT = Place("Thẻ", "Element")  # an XML feed's item
FIELD = Place("Trường", "Field")  # a JSON object


def row_outcome(row: int, cells: Iterable[tuple[Mapped, Cell]], place: Place) -> RowOutcome:
    """The deal in a row's cells, or its errors; blank cells leave the field's default."""
    fields: dict[str, Any] = {}
    read_from: list[tuple[str, dict[str, Any]]] = []  # (header, the fields read from it)
    currencies: dict[str, str] = {}  # currency written -> the first header writing it
    errors = []
    for mapped, cell in cells:
        if is_blank(cell):
            continue
        try:
            read = mapped.column.read(mapped.column.field, cell)
        except CellError as error:
            errors.append(_error(mapped.column.field, mapped.header, place, error))
            continue
        currency = read.pop(WRITTEN_CURRENCY, None) or read.get("currency")
        if currency is not None:
            currencies.setdefault(currency, mapped.header)
        fields.update(read)
        read_from.append((mapped.header, read))
    if len(currencies) > 1:
        errors.append(_currencies(currencies, place))
    elif currencies:
        fields["currency"] = next(iter(currencies))
    try:
        deal = DealIn.model_validate(fields)
    except ValidationError as invalid:
        for problem in validation_problems(invalid.errors()):
            field = str(problem.loc[0]) if problem.loc else ""
            header = next((h for h, read in read_from if field in read), field)
            errors.append(_error(field, header, place, problem))
        deal = None
    sku = str(fields.get("sku", ""))
    if errors:
        return RowOutcome(row, None, tuple(errors), sku)
    return RowOutcome(row, deal, sku=deal.sku)


def _currencies(currencies: dict[str, str], place: Place) -> FieldError:
    """Amounts of one deal in two currencies: which one is meant cannot be guessed."""
    written = ", ".join(
        f"{currency} ({place.vi.lower()} “{header}”)" for currency, header in currencies.items()
    )
    written_en = ", ".join(
        f"{currency} ({place.en.lower()} '{header}')" for currency, header in currencies.items()
    )
    return FieldError(
        "currency",
        f"Một khuyến mại ghi nhiều loại tiền: {written}. Mọi giá phải cùng một loại tiền (VND).",
        f"One deal is written in several currencies: {written_en}. All its prices must be in "
        "one currency (VND).",
    )


def _error(field: str, header: str, place: Place, error: Any) -> FieldError:
    """``error`` has ``message`` and ``message_en`` (a CellError, a submission Problem)."""
    return FieldError(
        field,
        f"{place.vi} “{header}”: {error.message}",
        f"{place.en} '{header}': {error.message_en}",
    )
