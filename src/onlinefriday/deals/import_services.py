"""Import jobs: a deal file is stored first, then read and submitted in the background.

``create_import_job`` keeps the upload (size checked, SHA-256 computed) and queues the task;
``process_import_job`` (the task's body, also run in process by ``onlinefriday import``) reads the
file with ``intake.open_deal_file`` and submits its rows in chunks through ``submit_deals``.
Each chunk's deals, its ``ImportRow`` rows and the job's counters and ``last_row`` are written
in one transaction, so a worker killed mid-job leaves whole chunks only: running the task again
goes on after ``last_row`` and ends as an uninterrupted run would have. A file is one submission
however many chunks it takes: a SKU or link seen in an earlier chunk of the same job is passed
to the engine as ``earlier``, so the later one is rejected as DUPLICATE_DEAL.

Who resumes a job a dead worker left behind: every worker, when it starts, queues again the jobs
that stopped moving (``resume_stale_import_jobs``, connected in ``deals.tasks``). Resuming is
always safe: a job that is finished is left alone, and two workers on one job cannot both write
a chunk (the second sees ``last_row`` moved and stops).
"""

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime, timedelta
from functools import cache
from itertools import islice

from django.conf import settings
from django.contrib.auth.models import User
from django.core.files import File
from django.db import connection, transaction
from django.db.models import F, Min
from django.db.models.functions import Coalesce
from django.utils import timezone

from onlinefriday.compliance.rules.batch import Earlier, Place, sku_key
from onlinefriday.core.bulk import (
    BulkUpsert,
    ReadAhead,
    database_not_mapped,
    loaded_objects_frozen,
)
from onlinefriday.deals.intake import IntakeError, RowOutcome, open_deal_file
from onlinefriday.deals.intake.limits import too_large
from onlinefriday.deals.models import (
    DealSource,
    ImportJob,
    ImportRow,
    ImportStatus,
    RowVerdict,
)
from onlinefriday.deals.submitting import (
    SubmissionRefused,
    SubmittedDeal,
    check_may_submit,
    refresh_statistics,
    submit_deals,
)
from onlinefriday.festivals.models import Festival
from onlinefriday.merchants.models import Merchant

# Rows a transaction: each commit leaves the search index a segment to merge, and 5,000 took
# 7% less CPU than 2,000 (which was a tenth faster than 1,000; docs/benchmarks.md).
CHUNK_ROWS = 5_000
STALE_AFTER = timedelta(minutes=10)  # a job that has not moved for this long has no worker

Progress = Callable[[ImportJob], None]


class JobTakenOver(Exception):
    """Another worker wrote a chunk of this job meanwhile: this one stops."""


def create_import_job(
    *,
    user: User | None,
    merchant: Merchant,
    festival: Festival,
    uploaded_file: File,
    in_background: bool = True,
) -> ImportJob:
    """Keep the uploaded file and queue its processing (unless the caller runs it itself:
    ``in_background=False``). Raises IntakeError for a file over the size limit and
    SubmissionRefused when the merchant may not submit deals now; nothing is kept then."""
    check_may_submit(merchant, festival)
    if uploaded_file.size > settings.DEAL_FILE_MAX_BYTES:
        raise too_large(settings.DEAL_FILE_MAX_BYTES)
    digest = hashlib.sha256()
    for piece in uploaded_file.chunks():
        digest.update(piece)
    uploaded_file.seek(0)
    job = ImportJob(
        merchant=merchant,
        festival=festival,
        uploaded_by=user,
        original_name=_base_name(uploaded_file.name)[:255],
        size=uploaded_file.size,
        sha256=digest.hexdigest(),
    )
    job.file.save("upload", uploaded_file, save=False)  # the name comes from upload_to
    with transaction.atomic():
        job.save()
        if in_background:
            _enqueue_on_commit(job)
    return job


def _base_name(name: str) -> str:
    """The file's name without the folders a browser or a shell may put before it."""
    return name.replace("\\", "/").rsplit("/", 1)[-1] or "upload"


def resume_import_job(job: ImportJob) -> bool:
    """Queue an unfinished job again (after the current transaction commits); False when it is
    finished. Safe to call for a job that is still running: see the module's docstring."""
    if job.finished:
        return False
    _enqueue_on_commit(job)
    return True


def resume_stale_import_jobs(now: datetime | None = None) -> list[ImportJob]:
    """Queue again every unfinished job that has not moved for STALE_AFTER: queued and never
    started, or left running by a worker that died. Returns them."""
    before = (now or timezone.now()) - STALE_AFTER
    stale = list(
        ImportJob.objects.filter(status__in=[ImportStatus.QUEUED, ImportStatus.RUNNING])
        .alias(moved_at=Coalesce("progressed_at", "created_at"))
        .filter(moved_at__lt=before)
    )
    for job in stale:
        resume_import_job(job)
    return stale


def _enqueue_on_commit(job: ImportJob) -> None:
    from onlinefriday.deals.tasks import process_import_job as task  # tasks import this module

    transaction.on_commit(lambda: task.delay(job.pk))


def process_import_job(
    job_id: int,
    *,
    chunk_rows: int = CHUNK_ROWS,
    max_chunks: int | None = None,
    progress: Progress | None = None,
) -> ImportJob | None:
    """Read the job's file and submit its rows from where the job stands, ``chunk_rows`` at a
    time; at most ``max_chunks`` chunks (None: to the end). ``progress(job)`` is called after
    each chunk. Returns the job as it is now, or None when there is nothing more for this call
    to do: no such job (deleted meanwhile), or another worker wrote a chunk of it meanwhile and
    goes on with it."""
    job = _claim(job_id)
    if job is None or job.finished:
        return job
    try:
        with loaded_objects_frozen(), database_not_mapped():
            return _process(job, chunk_rows, max_chunks, progress)
    except (IntakeError, SubmissionRefused) as refused:
        return _end(job, ImportStatus.FAILED, refused.message, refused.message_en)
    except JobTakenOver:
        return None


def _process(job, chunk_rows, max_chunks, progress) -> ImportJob:
    deal_file = open_deal_file(
        job.file.path,
        max_bytes=settings.DEAL_FILE_MAX_BYTES,
        max_rows=settings.DEAL_FILE_MAX_ROWS,
    )
    job = _describe(job, deal_file)
    chunks = ReadAhead(_chunks(deal_file.rows(start_after=job.last_row), chunk_rows))
    # SQLite commits in this process, quickly: a reading thread would only contend with it.
    read_ahead = connection.vendor == "postgresql"
    try:
        for done, outcomes in enumerate(chunks, start=1):
            last = max_chunks is not None and done >= max_chunks
            job = _submit_chunk(
                job, outcomes, chunks.take_next if read_ahead and not last else None
            )
            if done & (done - 1) == 0:  # after chunks 1, 2, 4, 8...: as the tables double
                refresh_statistics()
            if progress is not None:
                progress(job)
            if last:
                return job
    finally:
        chunks.close()
    return _end(job, ImportStatus.DONE)


def _claim(job_id: int) -> ImportJob | None:
    with transaction.atomic():
        job = ImportJob.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.finished:
            return job
        now = timezone.now()
        job.status = ImportStatus.RUNNING
        job.started_at = job.started_at or now
        job.progressed_at = now
        job.save(update_fields=["status", "started_at", "progressed_at"])
        return job


def _describe(job: ImportJob, deal_file) -> ImportJob:
    """What opening the file told: its format, its rows, its warnings."""
    job.format = deal_file.format
    job.total_rows = deal_file.total_rows
    job.warnings = [
        {"message": warning.message, "message_en": warning.message_en}
        for warning in deal_file.warnings
    ]
    job.save(update_fields=["format", "total_rows", "warnings"])
    return job


def _chunks(outcomes: Iterable[RowOutcome], size: int) -> Iterator[list[RowOutcome]]:
    iterator = iter(outcomes)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _submit_chunk(
    job: ImportJob, outcomes: list[RowOutcome], read_next: Callable[[], None] | None = None
) -> ImportJob:
    """One transaction: the chunk's deals, its rows' outcomes, the job's counters.
    ``read_next`` is called before the commit, in which the database checks the chunk's
    foreign keys (a tenth of an import's time on PostgreSQL): the next chunk is read meanwhile.
    Not earlier: each round trip of a statement had to win the interpreter's lock back from
    the reading thread."""
    with transaction.atomic():
        current = ImportJob.objects.select_for_update().get(pk=job.pk)
        if current.status != ImportStatus.RUNNING or current.last_row != job.last_row:
            raise JobTakenOver
        readable = [outcome for outcome in outcomes if outcome.deal is not None]
        deals = [outcome.deal for outcome in readable]
        results: dict[int, SubmittedDeal] = {}
        if deals:
            submitted = submit_deals(
                job.merchant,
                job.festival,
                deals,
                source=DealSource.FILE,
                places=[row_place(job.format, outcome.row) for outcome in readable],
                earlier=_earlier(job, deals),
            )
            results = {
                outcome.row: result for outcome, result in zip(readable, submitted, strict=True)
            }
        rows = [_import_row(job, outcome, results.get(outcome.row)) for outcome in outcomes]
        _row_writer().run(rows)
        counts = Counter(row[VERDICT] for row in rows)
        now = timezone.now()
        ImportJob.objects.filter(pk=job.pk).update(
            rows_done=F("rows_done") + len(rows),
            last_row=outcomes[-1].row,
            progressed_at=now,
            **{verdict: F(verdict) + counts[verdict] for verdict in RowVerdict.values},
        )
        if read_next is not None:
            read_next()
    job.refresh_from_db()
    return job


def row_place(file_format: str, row: int) -> Place:
    """How a reason names a row of a file of this format: a spreadsheet's row, a feed's item,
    a JSON file's deal (``DealFile.rows`` numbers each as the merchant's tool does)."""
    if file_format == "json":
        return (f"ưu đãi thứ {row}", f"deal {row}")
    if file_format == "google-rss":
        return (f"mục thứ {row}", f"item {row}")
    return (f"dòng {row}", f"row {row}")


def _url_key(url: str) -> str:
    url = url.strip()
    return hashlib.sha256(url.encode()).hexdigest() if url else ""


def _earlier(job: ImportJob, deals) -> Earlier:
    """The chunk's SKUs and links that earlier rows of the same job had, with the first row."""
    skus = {sku_key(deal.sku) for deal in deals} - {""}
    urls = {_url_key(deal.url): deal.url.strip() for deal in deals}
    urls.pop("", None)
    rows = ImportRow.objects.filter(job=job).order_by()
    first_skus = rows.filter(sku_key__any_of=skus).values_list("sku_key").annotate(Min("row"))
    first_urls = rows.filter(url_key__any_of=urls).values_list("url_key").annotate(Min("row"))
    return Earlier(
        skus={key: row_place(job.format, row) for key, row in first_skus},
        urls={urls[key]: row_place(job.format, row) for key, row in first_urls},
    )


ROW_FIELDS = ("job", "row", "sku", "sku_key", "url_key", "verdict", "messages", "messages_en")
VERDICT = ROW_FIELDS.index("verdict")


@cache
def _row_writer() -> BulkUpsert:
    """Rows' outcomes, a thousand at a time: a row written already (it cannot be, as its
    chunk's transaction writes them all or none) is left as it is."""
    return BulkUpsert(ImportRow, ROW_FIELDS, unique_fields=["job", "row"])


def _import_row(job: ImportJob, outcome: RowOutcome, result: SubmittedDeal | None) -> tuple:
    """The row's ``ImportRow`` as ``ROW_FIELDS``."""
    if result is None:  # the row could not be read
        found, deal = outcome.errors, None
        verdict = RowVerdict.INVALID.value
    else:
        found, deal = result.errors or result.reasons, outcome.deal
        verdict = RowVerdict.INVALID.value if result.errors else result.verdict.value
    return (
        job.pk,
        outcome.row,
        (deal.sku if deal else outcome.sku)[:100],
        sku_key(deal.sku) if deal else "",
        _url_key(deal.url) if deal else "",
        verdict,
        "\n".join(item.message for item in found),
        "\n".join(item.message_en for item in found),
    )


def _end(job: ImportJob, status: ImportStatus, message: str = "", message_en: str = ""):
    now = timezone.now()
    ImportJob.objects.filter(pk=job.pk, status=ImportStatus.RUNNING).update(
        status=status,
        error_message=message,
        error_message_en=message_en,
        progressed_at=now,
        finished_at=now,
    )
    job.refresh_from_db()
    return job
