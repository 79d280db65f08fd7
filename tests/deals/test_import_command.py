"""`onlinefriday import FILE --merchant TAXCODE --festival SLUG`: the same import job as an upload,
run in the process; progress on stderr, one summary line on stdout, exit codes 0, 1 and 2."""

import io
from io import StringIO

import pytest
from django.core.management import call_command
from python_calamine import CalamineWorkbook

from onlinefriday.deals.models import Deal, ImportJob
from tests.fixtures.imports import MIXED_ROWS, WITH_HISTORY, csv_bytes, row, xlsx_bytes

pytestmark = pytest.mark.usefixtures("deal_files", "in_english")


def run(*args: str) -> tuple[int, str, str]:
    out, err = StringIO(), StringIO()
    try:
        call_command("import", *args, stdout=out, stderr=err)
    except SystemExit as exit_:
        return exit_.code, out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


@pytest.fixture
def deal_file(tmp_path):
    def write(data: bytes, name: str = "uu-dai.csv") -> str:
        path = tmp_path / name
        path.write_bytes(data)
        return str(path)

    return write


def test_every_row_accepted_or_in_review_exits_0(deal_file, merchant, shop, open_festival):
    # given two rows that will be in review (no price history)
    path = deal_file(csv_bytes([row("A-1"), row("B-1")]))

    # when the merchant's tax code is typed with spaces
    code, out, err = run(path, "--merchant", "0100 233 488", "--festival", open_festival.slug)

    # then one summary line, progress on stderr, the deals stored through a kept job
    assert (code, out) == (
        0,
        "uu-dai.csv: 2 rows, 0 accepted, 2 to review, 0 rejected, 0 invalid.\n",
    )
    assert err.startswith("import: 2/2 rows (")
    job = ImportJob.objects.get()
    assert (job.merchant, job.status, job.original_name, job.uploaded_by) == (
        merchant, "done", "uu-dai.csv", None,
    )  # fmt: skip
    assert Deal.objects.count() == 2


def test_rejected_or_invalid_rows_exit_1_and_the_report_says_why(
    deal_file, tmp_path, merchant, shop, open_festival, price_history
):
    # given the mixed rows as an Excel file
    price_history(*WITH_HISTORY)
    path = deal_file(xlsx_bytes(MIXED_ROWS), "uu-dai.xlsx")
    report = tmp_path / "bao-cao.xlsx"

    # when
    code, out, err = run(
        path, "--merchant", "0100233488", "--festival", open_festival.slug, "--report", str(report)
    )

    # then
    assert (code, out) == (
        1,
        "uu-dai.xlsx: 5 rows, 1 accepted, 1 to review, 2 rejected, 1 invalid.\n",
    )
    assert "--report" not in err
    table = CalamineWorkbook.from_filelike(io.BytesIO(report.read_bytes()))
    rows = table.get_sheet_by_index(0).to_python()
    assert [r[2] for r in rows[1:]] == [
        "Được chấp nhận", "Chờ kiểm duyệt", "Bị từ chối", "Không hợp lệ", "Bị từ chối",
    ]  # fmt: skip


def test_without_a_report_the_command_says_how_to_get_one(deal_file, merchant, shop, open_festival):
    # when rows are invalid and no report was asked for
    code, _, err = run(
        deal_file(csv_bytes([row("A-1", price="không")])),
        "--merchant", "0100233488", "--festival", open_festival.slug,
    )  # fmt: skip

    # then
    assert code == 1
    assert err.endswith("Add --report FILE.xlsx (or .csv) for each row's verdict and reasons.\n")


def test_a_file_that_cannot_be_read_exits_2(deal_file, merchant, shop, open_festival):
    # given a file with its header row only
    path = deal_file(csv_bytes([]))

    # when
    code, out, err = run(path, "--merchant", "0100233488", "--festival", open_festival.slug)

    # then
    assert (code, out) == (2, "")
    assert err == (
        f"{path}: The file has only the header row and no deals: add one row per deal below it.\n"
    )
    assert not Deal.objects.exists()


@pytest.mark.parametrize(
    ("merchant_code", "festival", "message"),
    [
        ("0100233489", "black-friday-thu", "The check digit of tax code 0100233489 is wrong"),
        ("0101243150", "black-friday-thu", "No merchant has the tax code 0101243150."),
        ("0100233488", "khong-co", "There is no festival 'khong-co'"),
    ],
    ids=["invalid tax code", "unknown merchant", "unknown festival"],
)
def test_a_wrong_call_exits_2(
    deal_file, merchant, shop, open_festival, merchant_code, festival, message
):
    # when
    code, out, err = run(
        deal_file(csv_bytes([row("A-1")])), "--merchant", merchant_code, "--festival", festival
    )

    # then nothing was imported
    assert (code, out) == (2, "")
    assert err.startswith(message)
    assert not ImportJob.objects.exists()


def test_a_missing_file_or_a_report_of_another_kind_exits_2(
    tmp_path, deal_file, merchant, open_festival
):
    # when
    missing = run(str(tmp_path / "khong-co.csv"), "--merchant", "0100233488", "--festival",
                  open_festival.slug)  # fmt: skip
    wrong_report = run(
        deal_file(csv_bytes([row("A-1")])),
        "--merchant", "0100233488", "--festival", open_festival.slug, "--report", "bao-cao.pdf",
    )  # fmt: skip

    # then
    assert missing == (
        2,
        "",
        f"{tmp_path / 'khong-co.csv'} cannot be read: No such file or directory.\n",
    )
    assert wrong_report == (2, "", "The report must be a .xlsx or .csv file.\n")
    assert not ImportJob.objects.exists()


def test_a_merchant_not_approved_exits_2(deal_file, merchant, open_festival):
    # given
    merchant.status = "rejected"
    merchant.save()
    path = deal_file(csv_bytes([row("A-1")]))

    # when
    code, _, err = run(path, "--merchant", "0100233488", "--festival", open_festival.slug)

    # then
    assert code == 2
    assert err == (
        f"{path}: The business is not approved by the organisers yet, so it cannot submit deals.\n"
    )
