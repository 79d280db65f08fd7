"""Import jobs end to end on real files: stored first, processed in chunks, nothing lost, nothing
duplicated, resumable after a worker dies (see tests/fixtures/imports.py for the rows)."""

import hashlib
from datetime import timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone

from onlinefriday.deals import import_services
from onlinefriday.deals.import_services import (
    create_import_job,
    process_import_job,
    resume_stale_import_jobs,
)
from onlinefriday.deals.intake import IntakeError
from onlinefriday.deals.models import Deal, DealStatus, ImportJob, ImportRow, Product
from onlinefriday.deals.submitting import SubmissionRefused
from onlinefriday.festivals.models import Festival
from tests.fixtures.imports import (
    HEADER,
    MIXED_ROWS,
    WITH_HISTORY,
    csv_bytes,
    row,
    uploaded,
    xlsx_bytes,
)

pytestmark = pytest.mark.usefixtures("deal_files")


def import_file(merchant, festival, data: bytes, name="uu-dai.csv", user=None, **processing):
    job = create_import_job(
        user=user, merchant=merchant, festival=festival, uploaded_file=uploaded(data, name)
    )
    return process_import_job(job.pk, **processing)


def outcomes(job: ImportJob) -> list[tuple[int, str, str]]:
    return list(job.rows.order_by("row").values_list("row", "sku", "verdict"))


def stored(festival) -> dict[str, str]:
    return dict(Deal.objects.filter(festival=festival).values_list("product__sku", "status"))


MIXED_OUTCOMES = [
    (2, "TV-55", "accepted"),
    (3, "NOI-18", "review"),
    (4, "QUAT-01", "rejected"),
    (5, "BAD-1", "invalid"),
    (6, "TV-55", "rejected"),
]


@pytest.mark.parametrize(
    ("name", "write", "detected"),
    [("uu-dai.csv", csv_bytes, "csv"), ("uu-dai.xlsx", xlsx_bytes, "xlsx")],
)
def test_valid_rows_are_stored_and_bad_ones_reported(
    merchant, shop, open_festival, price_history, merchant_user, name, write, detected
):
    # given a file of five rows: accepted, in review, rejected, unreadable, a duplicate
    price_history(*WITH_HISTORY)
    data = write(MIXED_ROWS)

    # when the merchant's user uploads it and it is processed
    job = import_file(merchant, open_festival, data, name, user=merchant_user)

    # then each row has its outcome, the counters add up, and the job is done
    assert outcomes(job) == MIXED_OUTCOMES
    assert (job.status, job.format, job.total_rows, job.rows_done) == ("done", detected, 5, 5)
    assert (job.accepted, job.review, job.rejected, job.invalid) == (1, 1, 2, 1)
    assert job.uploaded_by == merchant_user
    assert job.started_at <= job.finished_at
    # the three judged deals are stored with their verdicts; the unreadable and duplicate not
    assert stored(open_festival) == {
        "TV-55": DealStatus.ACCEPTED,
        "NOI-18": DealStatus.REVIEW,
        "QUAT-01": DealStatus.REJECTED,
    }
    # and the reasons say why, naming the place of the first TV-55
    invalid, duplicate = job.rows.filter(row__in=[5, 6]).order_by("row")
    assert "mười triệu" in invalid.messages
    assert "dòng 2" in duplicate.messages
    assert "row 2" in duplicate.messages_en


def test_the_original_file_is_kept_with_its_size_and_digest(merchant, shop, open_festival):
    # given
    data = csv_bytes(MIXED_ROWS)

    # when
    job = create_import_job(
        user=None,
        merchant=merchant,
        festival=open_festival,
        uploaded_file=uploaded(data, "C:\\Users\\lan\\Ưu đãi tháng 12.csv"),
    )

    # then the bytes are kept as received, under a name that is not the merchant's
    with job.file.open("rb") as kept:
        assert kept.read() == data
    assert job.original_name == "Ưu đãi tháng 12.csv"
    assert "Ưu đãi" not in job.file.name
    assert job.size == len(data)
    assert job.sha256 == hashlib.sha256(data).hexdigest()
    assert job.status == "queued"


def test_the_same_file_twice_changes_nothing(merchant, shop, open_festival, price_history):
    # given the file was imported once
    price_history(*WITH_HISTORY)
    data = csv_bytes(MIXED_ROWS)
    first = import_file(merchant, open_festival, data)
    before = list(Deal.objects.order_by("pk").values())
    products = Product.objects.count()

    # when the same file is uploaded again
    second = import_file(merchant, open_festival, data)

    # then the second job reports the same, and no deal or product was added or changed
    assert outcomes(second) == outcomes(first)
    assert list(Deal.objects.order_by("pk").values()) == before
    assert Product.objects.count() == products


def test_a_job_interrupted_after_a_chunk_resumes_to_the_same_end(
    merchant, shop, open_festival, price_history
):
    # given a festival like the first, for an uninterrupted run of the same file
    price_history(*WITH_HISTORY)
    twin = Festival.objects.get(pk=open_festival.pk)
    twin.pk, twin.slug = None, "black-friday-thu-2"
    twin.save()
    data = csv_bytes(MIXED_ROWS)
    straight = import_file(merchant, twin, data, chunk_rows=2)

    # when a worker stops after the first chunk of two rows (a worker that died)
    job = import_file(merchant, open_festival, data, chunk_rows=2, max_chunks=1)
    assert (job.status, job.rows_done, job.last_row) == ("running", 2, 3)
    assert stored(open_festival) == {"TV-55": "accepted", "NOI-18": "review"}
    # and the task runs again
    job = process_import_job(job.pk, chunk_rows=2)

    # then it ends as the uninterrupted run did
    assert job.status == "done"
    assert outcomes(job) == outcomes(straight) == MIXED_OUTCOMES
    assert (job.accepted, job.review, job.rejected, job.invalid) == (1, 1, 2, 1)
    assert stored(open_festival) == stored(twin)
    assert list(job.rows.values_list("messages", flat=True)) == list(
        straight.rows.values_list("messages", flat=True)
    )


def test_a_chunk_cut_short_leaves_nothing_of_itself(
    merchant, shop, open_festival, price_history, monkeypatch
):
    # given the worker dies in the second chunk, after its deals were written
    price_history(*WITH_HISTORY)
    job = create_import_job(
        user=None,
        merchant=merchant,
        festival=open_festival,
        uploaded_file=uploaded(csv_bytes(MIXED_ROWS)),
    )
    real_submit = import_services.submit_deals
    calls = []

    def dies_in_second_chunk(*args, **kwargs):
        results = real_submit(*args, **kwargs)
        calls.append(1)
        if len(calls) == 2:
            raise SystemExit("worker killed")
        return results

    monkeypatch.setattr(import_services, "submit_deals", dies_in_second_chunk)
    with pytest.raises(SystemExit):
        process_import_job(job.pk, chunk_rows=2)

    # then only the first chunk is there: its deals, its rows, its counters
    job.refresh_from_db()
    assert (job.status, job.rows_done, job.last_row, job.accepted, job.review) == (
        "running", 2, 3, 1, 1,
    )  # fmt: skip
    assert stored(open_festival) == {"TV-55": "accepted", "NOI-18": "review"}
    assert job.rows.count() == 2

    # and when it runs again it ends as if nothing happened
    monkeypatch.setattr(import_services, "submit_deals", real_submit)
    job = process_import_job(job.pk, chunk_rows=2)
    assert outcomes(job) == MIXED_OUTCOMES


def test_two_workers_on_one_job_never_write_a_chunk_twice(merchant, shop, open_festival):
    # given a job of four rows, one per chunk
    job = create_import_job(
        user=None,
        merchant=merchant,
        festival=open_festival,
        uploaded_file=uploaded(csv_bytes([row("A-1"), row("B-1"), row("C-1"), row("D-1")])),
    )
    second_worker = []

    def meanwhile_another_worker_runs_it(_job):
        if not second_worker:  # after the first worker's first chunk
            second_worker.append(process_import_job(job.pk, chunk_rows=1))

    # when a second worker runs the job to its end while the first is between two chunks
    first = process_import_job(job.pk, chunk_rows=1, progress=meanwhile_another_worker_runs_it)

    # then the first stops without writing (nothing more for it to do), and each row counts once
    assert first is None
    job.refresh_from_db()
    assert (job.status, job.rows_done, job.review) == ("done", 4, 4)
    assert second_worker[0].status == "done"
    assert job.rows.count() == 4


def test_a_sku_repeated_in_a_later_chunk_is_rejected_as_a_duplicate(merchant, shop, open_festival):
    # given a SKU and a link that come back three chunks later (in another case, for the SKU)
    rows = [
        row("A-1"),
        row("B-1", url="https://shopee.vn/chung-mot-link"),
        row("C-1"),
        row("D-1"),
        row("a-1", url="https://shopee.vn/a-lan-hai"),
        row("E-1", url="https://shopee.vn/chung-mot-link"),
    ]

    # when it is imported one row per chunk
    job = import_file(merchant, open_festival, csv_bytes(rows), chunk_rows=1)

    # then the later ones are rejected, naming the row of the first, and were not stored
    assert outcomes(job)[4:] == [(6, "a-1", "rejected"), (7, "E-1", "rejected")]
    repeated_sku, repeated_link = job.rows.filter(row__in=[6, 7]).order_by("row")
    assert "dòng 2" in repeated_sku.messages
    assert "dòng 3" in repeated_link.messages
    assert sorted(stored(open_festival)) == ["A-1", "B-1", "C-1", "D-1"]


def test_a_file_that_cannot_be_read_fails_the_job_with_its_message(merchant, shop, open_festival):
    # when a file with the header row only is imported
    job = import_file(merchant, open_festival, csv_bytes([]))

    # then the job failed with a message in both languages, and nothing was stored
    assert job.status == "failed"
    assert job.error_message.startswith("Tệp chỉ có dòng tiêu đề")
    assert job.error_message_en.startswith("The file has only the header row")
    assert job.finished_at is not None
    assert not Deal.objects.exists()


def test_unknown_columns_are_a_warning_in_both_languages(merchant, shop, open_festival):
    # when a file has a column the readers do not know
    data = csv_bytes([[*row("TV-55"), "x"]], header=[*HEADER, "Ghi chú"])
    job = import_file(merchant, open_festival, data)

    # then the job still runs, and says the column was ignored
    assert job.status == "done"
    [warning] = job.warnings
    assert "Ghi chú" in warning["message"]
    assert "Ghi chú" in warning["message_en"]


def test_a_file_over_the_size_limit_is_refused_at_upload(merchant, shop, open_festival, settings):
    # given a limit of 1,000 bytes
    settings.DEAL_FILE_MAX_BYTES = 1_000

    # when a larger file is uploaded, then nothing is kept
    with pytest.raises(IntakeError) as refused:
        create_import_job(
            user=None,
            merchant=merchant,
            festival=open_festival,
            uploaded_file=uploaded(b"x" * 1_001),
        )
    assert "0.001 MB" in refused.value.message
    assert not ImportJob.objects.exists()


def test_a_merchant_not_approved_cannot_upload(merchant, open_festival):
    # given
    merchant.status = "verified"
    merchant.save()

    # when, then
    with pytest.raises(SubmissionRefused):
        create_import_job(
            user=None,
            merchant=merchant,
            festival=open_festival,
            uploaded_file=uploaded(csv_bytes(MIXED_ROWS)),
        )
    assert not ImportJob.objects.exists()


def test_a_finished_job_is_left_alone(merchant, shop, open_festival):
    # given a job done
    job = import_file(merchant, open_festival, csv_bytes([row("TV-55")]))
    finished_at = job.finished_at

    # when the task runs again (a message delivered twice)
    again = process_import_job(job.pk)

    # then nothing moved
    assert (again.status, again.finished_at, again.rows_done) == ("done", finished_at, 1)
    assert ImportRow.objects.filter(job=job).count() == 1


def test_jobs_without_a_worker_for_ten_minutes_are_queued_again(
    merchant, shop, open_festival, django_capture_on_commit_callbacks
):
    # given a job left running 11 minutes ago, one running now, one done, one queued long ago
    def job(status: str, minutes_ago: int) -> ImportJob:
        made = create_import_job(
            user=None,
            merchant=merchant,
            festival=open_festival,
            uploaded_file=uploaded(csv_bytes([row("TV-55")])),
            in_background=False,
        )
        moment = timezone.now() - timedelta(minutes=minutes_ago)
        ImportJob.objects.filter(pk=made.pk).update(
            status=status, created_at=moment, progressed_at=moment if status != "queued" else None
        )
        return made

    stale, queued = job("running", 11), job("queued", 30)
    job("running", 1), job("done", 60)

    # when a worker starts and looks for them
    with django_capture_on_commit_callbacks() as queued_tasks:
        resumed = resume_stale_import_jobs()

    # then the two without a worker are queued again, and only they
    assert {job.pk for job in resumed} == {stale.pk, queued.pk}
    assert len(queued_tasks) == 2


def test_the_planner_learns_of_the_deals_an_import_adds(merchant, shop, open_festival):
    # given a festival without deals, whose table the planner believes empty
    from django.db import connection

    def planned_deals() -> float:
        with connection.cursor() as cursor:
            cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'deals_deal'")
            return cursor.fetchone()[0]

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's planner statistics; SQLite plans by its unique indexes")
    # when five rows are imported, one per chunk
    import_file(
        merchant, open_festival, csv_bytes([row(f"SP-{n}") for n in range(5)]), chunk_rows=1
    )
    # then the planner's count was refreshed as the table grew (after chunks 1, 2 and 4), with
    # the columns the import's reads filter deals by
    assert planned_deals() >= 4
    with connection.cursor() as cursor:
        cursor.execute("SELECT attname FROM pg_stats WHERE tablename = 'deals_deal'")
        measured = {name for (name,) in cursor.fetchall()}
    assert {"festival_id", "product_id", "status", "starts_at", "ends_at"} <= measured


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's mapped memory")
def test_a_job_reads_the_database_without_mapping_it_and_gives_the_mapping_back(
    merchant, shop, open_festival, price_history
):
    # given a connection that maps the database, as every one does
    price_history(*WITH_HISTORY)

    def mapped() -> int:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA mmap_size")
            return cursor.fetchone()[0]

    assert mapped() == settings.SQLITE_MMAP_BYTES
    during = []

    # when a job runs on it
    job = import_file(
        merchant, open_festival, csv_bytes(MIXED_ROWS), progress=lambda job: during.append(mapped())
    )

    # then it mapped nothing while it ran, and maps again afterwards
    assert job.status == "done"
    assert during == [0]
    assert mapped() == settings.SQLITE_MMAP_BYTES
