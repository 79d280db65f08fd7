"""Deal files as merchants have them: CSV, XLSX, Google Merchant Center feeds (RSS or TSV), JSON.

``open_deal_file`` detects the format from the content (never from the file name), checks the
file as a whole (size, encoding, zip bombs, XML entities, required columns, row limit) and
raises ``IntakeError`` with a message in Vietnamese and English when it cannot be read at all.
Otherwise ``DealFile.rows()`` streams one ``RowOutcome`` per data row: a ``DealIn`` (the API's
field names) when the row could be read, or the row's field errors, so that valid rows are kept
when others fail. Pure Python: no database.

The modules, one concern each: ``detect`` (which format), ``columns`` (the one table of column
names), ``values`` (cells to prices, booleans, dates), ``record`` (a row to a DealIn), the readers
``tabular``, ``xlsx`` (with ``xlsx_stream`` and ``xlsx_dates`` for workbooks too large for
calamine), ``feeds`` and ``jsonfile``, then ``template`` (the XLSX to download) and ``report``
(per-row results for merchants, XLSX and CSV).
"""

from onlinefriday.deals.intake.base import DealFile, FieldError, IntakeError, RowOutcome, Warning
from onlinefriday.deals.intake.detect import open_deal_file

__all__ = ["DealFile", "FieldError", "IntakeError", "RowOutcome", "Warning", "open_deal_file"]
