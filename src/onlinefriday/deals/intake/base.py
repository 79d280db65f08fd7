"""What reading a deal file gives: the file's verdict as a whole, then one outcome per row."""

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from onlinefriday.compliance.submission import DealIn
from onlinefriday.core.tabular import MessageError


class IntakeError(MessageError):
    """The whole file is refused; nothing in it was read as deals. ``message`` is Vietnamese,
    ``message_en`` English."""


@dataclass(frozen=True, slots=True)
class FieldError:
    field: str  # the API field name ("price"), or "" for the row as a whole
    message: str  # Vietnamese, naming the column as the file names it
    message_en: str


@dataclass(frozen=True, slots=True)
class RowOutcome:
    row: int  # as the merchant's tool numbers it: the header is row 1 in a spreadsheet or CSV
    deal: DealIn | None  # None when the row has errors
    errors: tuple[FieldError, ...] = ()
    sku: str = ""  # the SKU as written, also when the row has errors (for reports)


@dataclass(frozen=True, slots=True)
class Warning:  # shadows the builtin inside this package only; it is never raised
    message: str
    message_en: str


@dataclass
class DealFile:
    format: str  # "csv", "xlsx", "google-rss", "google-tsv", "json"
    total_rows: int  # data rows, counted when the file was opened (for progress bars)
    warnings: list[Warning] = field(default_factory=list)  # e.g. unknown columns, ignored
    # API field -> the column (header, element or key) as the file names it
    columns: dict[str, str] = field(default_factory=dict)
    # The reader behind ``rows``: each call reads the file again from its start.
    read: Callable[[int], Iterator[RowOutcome]] = field(kw_only=True, repr=False)

    def rows(self, start_after: int = 0) -> Iterator[RowOutcome]:
        """Data rows in file order; ``start_after`` skips rows up to that row number (a job
        that resumes). Rows with no value at all are left out."""
        return self.read(start_after)
