"""A merchant's deal file in a real browser, processed by a real worker: upload an XLSX from the
merchant area, watch the progress bar reach the end, download the per-row report."""

import io
import os
from datetime import timedelta

import pytest
from django.urls import reverse
from playwright.sync_api import expect
from python_calamine import CalamineWorkbook

from onlinefriday.deals.import_services import CHUNK_ROWS
from onlinefriday.deals.models import Deal, ImportJob
from tests.browser.test_registration_flow import seeded, sign_in  # noqa: F401 - seeded: a fixture
from tests.core.test_background_worker import start_worker
from tests.fixtures.imports import row, xlsx_bytes

ROWS = CHUNK_ROWS + 500  # two chunks: the bar moves in steps
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def worker():
    """An `onlinefriday worker` on the default queue, as `onlinefriday serve` starts one. It
    does not inherit the switch the browser needs for Django beside its event loop."""
    switch = os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    try:
        process = start_worker("celery")
    finally:
        if switch is not None:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = switch
    yield process
    process.terminate()
    process.communicate(timeout=30)


@pytest.mark.browser
def test_a_merchant_uploads_a_file_watches_it_and_downloads_the_report(
    seeded,  # noqa: F811 - the fixture imported above
    live_server,
    page,
    worker,
    merchant_user,
    password,
    shop,
    festival_factory,
    deal_files,
):
    # given a festival taking deals, and a file of 2,500 deals (no price history: to review)
    # and one whose price is written in words
    festival = festival_factory(starts_in=timedelta(days=10), slug="tai-tep-trinh-duyet")
    rows = [row(f"SP-{n:04d}") for n in range(1, ROWS + 1)]
    rows.append(row("SP-SAI", price="mười triệu"))
    base = live_server.url

    # when the merchant's user signs in and follows the link from its area to the upload page
    sign_in(page, base, merchant_user.username, password)
    expect(page).to_have_url(f"{base}/merchant/")
    page.locator(f"a[href='{reverse('deals:import-upload')}']").first.click()
    # then the page offers the festival and the template
    expect(page.locator("#id_festival")).to_contain_text(festival.name)
    expect(page.locator(f"a[href='{reverse('deals:import-template')}']")).to_be_visible()

    # when it chooses the festival and the Excel file, and sends it
    page.locator("#id_festival").select_option(label=festival.name)
    page.locator("#id_file").set_input_files(
        {"name": "uu-dai-thang-12.xlsx", "mimeType": XLSX, "buffer": xlsx_bytes(rows)}
    )
    page.locator("main form button[type=submit]").click()

    # then it lands on the file's page, whose bar the worker moves to the end
    job = ImportJob.objects.get()
    expect(page).to_have_url(f"{base}{reverse('deals:import-detail', args=[job.pk])}")
    expect(page.locator("h1")).to_have_text("uu-dai-thang-12.xlsx")
    bar = page.locator("progress#import-progress-bar")
    expect(bar).to_have_attribute("max", str(ROWS + 1), timeout=60_000)
    expect(bar).to_have_attribute("value", str(ROWS + 1), timeout=60_000)
    expect(page.locator('[data-field="review"]')).to_have_text(f"{ROWS:,}".replace(",", "."))
    expect(page.locator('[data-field="invalid"]')).to_have_text("1")
    job.refresh_from_db()
    assert (job.status, job.rows_done) == ("done", ROWS + 1)
    assert Deal.objects.filter(festival=festival).count() == ROWS

    # when it downloads the report
    with page.expect_download() as started:
        page.locator(f"a[href='{reverse('deals:import-report', args=[job.pk, 'xlsx'])}']").click()
    download = started.value

    # then the report has a line per row, the unreadable one saying why
    assert download.suggested_filename == f"bao-cao-tep-{job.pk}.xlsx"
    with open(download.path(), "rb") as report:
        table = CalamineWorkbook.from_filelike(io.BytesIO(report.read())).get_sheet_by_index(0)
    lines = table.to_python()
    assert len(lines) == ROWS + 2  # the header, then every row
    assert lines[1][1:3] == ["SP-0001", "Chờ kiểm duyệt"]
    assert lines[-1][1:3] == ["SP-SAI", "Không hợp lệ"]
    assert "mười triệu" in lines[-1][3]
