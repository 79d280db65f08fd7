"""The merchant area's deal files: upload, progress, reports, template; and the organisers' copy of
each original file. Rows as in tests/fixtures/imports.py."""

import csv
import io
import re

import pytest
from django.test import Client
from django.urls import reverse
from python_calamine import CalamineWorkbook

from onlinefriday.deals.import_services import create_import_job, process_import_job
from onlinefriday.deals.models import ImportJob
from tests.fixtures.imports import MIXED_ROWS, WITH_HISTORY, csv_bytes, row, uploaded, xlsx_bytes

pytestmark = pytest.mark.usefixtures("deal_files")

UPLOAD = reverse("deals:import-upload")


@pytest.fixture
def signed_in(client, merchant_user) -> Client:
    client.force_login(merchant_user)
    return client


@pytest.fixture
def done_job(merchant, shop, open_festival, price_history, merchant_user) -> ImportJob:
    """The mixed file, uploaded by the merchant's user and processed."""
    price_history(*WITH_HISTORY)
    job = create_import_job(
        user=merchant_user,
        merchant=merchant,
        festival=open_festival,
        uploaded_file=uploaded(csv_bytes(MIXED_ROWS)),
    )
    return process_import_job(job.pk)


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_the_upload_page_offers_the_festivals_taking_deals_and_the_template(
    signed_in, open_festival, festival_factory
):
    # given a festival whose deadline has passed
    from datetime import timedelta

    festival_factory(starts_in=-timedelta(days=5), slug="da-qua", name="Lễ hội đã qua")

    # when
    page = signed_in.get(UPLOAD).content.decode()

    # then only the open festival is offered, with the file field and the template's link
    assert open_festival.name in page
    assert "Lễ hội đã qua" not in page
    assert 'type="file"' in page
    assert reverse("deals:import-template") in page


def test_an_upload_is_stored_queued_and_followed_on_its_page(
    signed_in, merchant, open_festival, django_capture_on_commit_callbacks
):
    # when the merchant's user uploads a file
    with django_capture_on_commit_callbacks() as queued:
        response = signed_in.post(
            UPLOAD,
            {"festival": open_festival.pk, "file": uploaded(csv_bytes(MIXED_ROWS), "t12.csv")},
        )

    # then the job is stored, queued for a worker (not run in the request), and its page shown
    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("deals:import-detail", args=[job.pk])
    assert (job.merchant, job.original_name, job.status, job.rows_done) == (
        merchant, "t12.csv", "queued", 0,
    )  # fmt: skip
    assert len(queued) == 1


def test_a_file_over_the_limit_is_refused_before_its_body_is_read(
    signed_in, open_festival, settings
):
    # given a limit of 1,000 bytes
    settings.DEAL_FILE_MAX_BYTES = 1_000

    # when a file of 100 kB is sent
    response = signed_in.post(
        UPLOAD, {"festival": open_festival.pk, "file": uploaded(b"x" * 100_000)}
    )

    # then it is refused, saying the limit, and nothing is kept
    assert response.status_code == 413
    assert "0.001 MB" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_a_merchant_not_approved_is_told_why(signed_in, merchant, open_festival):
    # given
    merchant.status = "verified"
    merchant.save()

    # when
    response = signed_in.post(
        UPLOAD, {"festival": open_festival.pk, "file": uploaded(csv_bytes(MIXED_ROWS))}
    )

    # then
    assert response.status_code == 400
    assert "chưa được Ban tổ chức phê duyệt" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_a_job_in_progress_shows_its_bar_and_refreshes_itself(
    signed_in, merchant, shop, open_festival
):
    # given a file of three rows, one chunk of two done
    job = create_import_job(
        user=None,
        merchant=merchant,
        festival=open_festival,
        uploaded_file=uploaded(csv_bytes([row("A"), row("B"), row("C")])),
    )
    process_import_job(job.pk, chunk_rows=2, max_chunks=1)

    # when its page is opened
    page = signed_in.get(reverse("deals:import-detail", args=[job.pk])).content.decode()

    # then the bar says 2 of 3, the page refreshes itself without script, polls with one
    assert re.search(r'<progress id="import-progress-bar" max="3" value="2"', page)
    assert '<noscript><meta http-equiv="refresh" content="5"></noscript>' in page
    assert reverse("deals:import-progress", args=[job.pk]) in page
    assert "job-progress.js" in page
    assert reverse("deals:import-report", args=[job.pk, "xlsx"]) not in page


def test_the_progress_answers_in_json(signed_in, merchant, shop, open_festival, in_english):
    # given the same job, two rows of three done
    job = create_import_job(
        user=None,
        merchant=merchant,
        festival=open_festival,
        uploaded_file=uploaded(csv_bytes([row("A"), row("B"), row("C")])),
    )
    process_import_job(job.pk, chunk_rows=2, max_chunks=1)

    # when
    response = signed_in.get(reverse("deals:import-progress", args=[job.pk]))

    # then
    assert response.json() == {
        "status": "running",
        "status_label": "Processing",
        "finished": False,
        "total_rows": 3,
        "rows_done": 2,
        "accepted": 0,
        "review": 2,
        "rejected": 0,
        "invalid": 0,
    }
    assert "no-cache" in response["Cache-Control"]


def test_a_job_done_shows_its_counts_and_reports(signed_in, done_job):
    # when
    page = signed_in.get(reverse("deals:import-detail", args=[done_job.pk])).content.decode()

    # then
    assert '<progress id="import-progress-bar" max="5" value="5"' in page
    assert re.search(r'data-field="rejected">2<', page)
    assert reverse("deals:import-report", args=[done_job.pk, "xlsx"]) in page
    assert reverse("deals:import-report", args=[done_job.pk, "csv"]) in page
    assert "refresh" not in page
    assert "job-progress.js" not in page


def test_a_refused_file_says_why_in_vietnamese(signed_in, merchant, shop, open_festival):
    # given a file with only its header row, processed
    job = create_import_job(
        user=None, merchant=merchant, festival=open_festival, uploaded_file=uploaded(csv_bytes([]))
    )
    process_import_job(job.pk)

    # when
    page = signed_in.get(reverse("deals:import-detail", args=[job.pk])).content.decode()

    # then
    assert "Tệp chỉ có dòng tiêu đề" in page
    assert 'role="alert"' in page


def test_the_reports_list_every_row_in_vietnamese(signed_in, done_job):
    # when both reports are downloaded
    xlsx = signed_in.get(reverse("deals:import-report", args=[done_job.pk, "xlsx"]))
    csv_response = signed_in.get(reverse("deals:import-report", args=[done_job.pk, "csv"]))

    # then both have a row per line of the file: row, SKU, verdict, reasons
    assert xlsx["Content-Disposition"].startswith("attachment")
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(body(xlsx))).get_sheet_by_index(0)
    table = sheet.to_python()
    lines = list(csv.reader(io.StringIO(body(csv_response).decode("utf-8-sig"))))
    assert table[0] == lines[0] == ["Dòng", "Mã SKU", "Kết quả", "Lý do"]
    assert [(int(r[0]), r[1], r[2]) for r in table[1:]] == [
        (2, "TV-55", "Được chấp nhận"),
        (3, "NOI-18", "Chờ kiểm duyệt"),
        (4, "QUAT-01", "Bị từ chối"),
        (5, "BAD-1", "Không hợp lệ"),
        (6, "TV-55", "Bị từ chối"),
    ]
    assert [line[:3] for line in lines[1:]] == [[str(int(r[0])), *r[1:3]] for r in table[1:]]
    assert "dòng 2" in table[5][3]


def test_a_formula_in_a_report_cell_is_neutralised(signed_in, merchant, shop, open_festival):
    # given SKUs that a spreadsheet would run as formulas
    rows = [row('=HYPERLINK("http://x")'), row("@SUM(1)", price="không")]
    job = create_import_job(
        user=None,
        merchant=merchant,
        festival=open_festival,
        uploaded_file=uploaded(csv_bytes(rows)),
    )
    process_import_job(job.pk)

    # when the reports are downloaded
    xlsx = body(signed_in.get(reverse("deals:import-report", args=[job.pk, "xlsx"])))
    text = body(signed_in.get(reverse("deals:import-report", args=[job.pk, "csv"])))

    # then each such cell starts with an apostrophe, in both
    table = CalamineWorkbook.from_filelike(io.BytesIO(xlsx)).get_sheet_by_index(0).to_python()
    skus = [line[1] for line in csv.reader(io.StringIO(text.decode("utf-8-sig")))][1:]
    assert [r[1] for r in table[1:]] == skus == ['\'=HYPERLINK("http://x")', "'@SUM(1)"]


def test_the_template_is_an_xlsx_with_vietnamese_headers(signed_in):
    # when
    response = signed_in.get(reverse("deals:import-template"))

    # then
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = CalamineWorkbook.from_filelike(io.BytesIO(response.content))
    header = book.get_sheet_by_index(0).to_python()[0]
    assert {"Mã SKU", "Tên sản phẩm", "Giá khuyến mại (VND)"} <= set(header)


def test_the_list_shows_the_merchants_own_jobs_only(
    signed_in, done_job, other_merchant, open_festival
):
    # given another merchant's job
    theirs = create_import_job(
        user=None,
        merchant=other_merchant,
        festival=open_festival,
        uploaded_file=uploaded(csv_bytes([row("X")]), "cua-ho.csv"),
    )

    # when
    page = signed_in.get(reverse("deals:import-list")).content.decode()

    # then
    assert reverse("deals:import-detail", args=[done_job.pk]) in page
    assert reverse("deals:import-detail", args=[theirs.pk]) not in page
    assert "cua-ho.csv" not in page


@pytest.mark.parametrize("name", ["import-detail", "import-progress", "import-report"])
def test_another_merchants_user_gets_404(client, other_merchant_user, done_job, name):
    # given a user of another merchant
    client.force_login(other_merchant_user)
    args = [done_job.pk, "csv"] if name == "import-report" else [done_job.pk]

    # when it opens the job's addresses, then they do not exist for it
    assert client.get(reverse(f"deals:{name}", args=args)).status_code == 404


def test_the_merchant_area_links_to_the_upload(signed_in):
    page = signed_in.get(reverse("merchants:area")).content.decode()
    assert reverse("deals:import-upload") in page


def test_an_organiser_downloads_the_original_file(client, organiser, done_job):
    # given an organiser in the back office
    client.force_login(organiser)

    # when it lists the files and downloads the original of one
    listing = client.get(reverse("dashboard:imports:list")).content.decode()
    response = client.get(reverse("dashboard:imports:original", args=[done_job.pk]))

    # then it gets the bytes the merchant sent, under the merchant's file name
    assert done_job.merchant.name in listing
    assert reverse("dashboard:imports:original", args=[done_job.pk]) in listing
    assert body(response) == csv_bytes(MIXED_ROWS)
    assert 'filename="uu-dai.csv"' in response["Content-Disposition"]


@pytest.mark.parametrize("role", ["merchant_user", "moderator"])
def test_only_organisers_download_originals(client, request, done_job, role):
    client.force_login(request.getfixturevalue(role))
    response = client.get(reverse("dashboard:imports:original", args=[done_job.pk]))
    assert response.status_code == 403


def test_an_xlsx_upload_end_to_end(signed_in, merchant, shop, open_festival, price_history):
    # given the mixed rows as an Excel file
    price_history(*WITH_HISTORY)

    # when it is uploaded and the worker processes it
    signed_in.post(
        UPLOAD,
        {"festival": open_festival.pk, "file": uploaded(xlsx_bytes(MIXED_ROWS), "t12.xlsx")},
    )
    job = process_import_job(ImportJob.objects.get().pk)

    # then the page shows it done, with the counts
    progress = signed_in.get(reverse("deals:import-progress", args=[job.pk])).json()
    assert (progress["status"], progress["rows_done"], progress["accepted"]) == ("done", 5, 1)
    assert job.format == "xlsx"
