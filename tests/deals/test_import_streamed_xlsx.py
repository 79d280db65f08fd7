"""An import job on a workbook too large to load whole, read a row at a time (deals/intake/xlsx.py):
every row imported, and a job cut short resumes to the same end."""

import pytest

from onlinefriday.deals.import_services import process_import_job
from onlinefriday.deals.intake import xlsx
from tests.deals.test_import_jobs import MIXED_OUTCOMES, import_file, outcomes, stored
from tests.fixtures.imports import MIXED_ROWS, WITH_HISTORY, row, xlsx_bytes

pytestmark = pytest.mark.usefixtures("deal_files")


@pytest.fixture
def streamed(settings, monkeypatch):
    """Every workbook counts as too large for calamine, which fails the test if it is used."""
    settings.DEAL_FILE_MAX_IN_MEMORY_UNPACKED_BYTES = 0
    monkeypatch.setattr(xlsx, "CalamineWorkbook", None)


def test_a_streamed_workbook_is_imported_row_by_row(
    merchant, shop, open_festival, price_history, streamed
):
    # given the mixed rows and 200 more good ones, in a workbook read a row at a time
    price_history(*WITH_HISTORY)
    more = [row(f"SP-{number:03d}") for number in range(200)]
    data = xlsx_bytes(MIXED_ROWS + more)

    # when it is imported in chunks of 50 rows
    job = import_file(merchant, open_festival, data, "uu-dai.xlsx", chunk_rows=50)

    # then every row has its outcome, on the row Excel shows it on
    assert (job.status, job.format, job.total_rows, job.rows_done) == ("done", "xlsx", 205, 205)
    assert outcomes(job)[:5] == MIXED_OUTCOMES
    assert [(number, sku) for number, sku, _verdict in outcomes(job)[5:]] == [
        (number + 7, f"SP-{number:03d}") for number in range(200)
    ]
    assert (job.accepted, job.review, job.rejected, job.invalid) == (1, 201, 2, 1)


def test_a_streamed_workbook_cut_short_resumes_to_the_same_end(
    merchant, shop, open_festival, price_history, streamed
):
    # given a job on the mixed rows as a workbook, stopped after its first chunk of two rows
    price_history(*WITH_HISTORY)
    job = import_file(
        merchant, open_festival, xlsx_bytes(MIXED_ROWS), "uu-dai.xlsx", chunk_rows=2, max_chunks=1
    )
    assert (job.status, job.rows_done, job.last_row) == ("running", 2, 3)

    # when the task runs again
    job = process_import_job(job.pk, chunk_rows=2)

    # then it reads on from row 4 and ends as an uninterrupted run
    assert job.status == "done"
    assert outcomes(job) == MIXED_OUTCOMES
    assert stored(open_festival) == {"TV-55": "accepted", "NOI-18": "review", "QUAT-01": "rejected"}
