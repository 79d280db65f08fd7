"""Reads of import jobs: a merchant's own, the back office's, a job's per-row report."""

from collections.abc import Iterator
from datetime import datetime
from typing import BinaryIO

from django.db.models import Q, QuerySet
from django.utils import timezone

from onlinefriday.deals.intake.report import (
    VERDICTS,
    ReportRow,
    write_report_csv,
    write_report_xlsx,
)
from onlinefriday.deals.models import ImportJob, ImportRow, RowVerdict
from onlinefriday.festivals.models import Festival
from onlinefriday.merchants.models import Merchant


def festivals_taking_deals(now: datetime | None = None) -> QuerySet[Festival]:
    """Festivals whose deals may still be submitted and edited: before the review deadline, or
    before the end when there is none (as ``submitting.check_may_submit`` decides)."""
    now = now or timezone.now()
    return Festival.objects.filter(
        Q(review_closes_at__gt=now) | Q(review_closes_at__isnull=True, ends_at__gt=now)
    ).order_by("starts_at")


def import_jobs_of(merchant: Merchant) -> QuerySet[ImportJob]:
    """The merchant's jobs, newest first."""
    return ImportJob.objects.filter(merchant=merchant).select_related("festival")


def import_job_of(merchant: Merchant, pk: int) -> ImportJob:
    """One of the merchant's jobs; raises ImportJob.DoesNotExist for another merchant's."""
    return import_jobs_of(merchant).get(pk=pk)


def import_jobs() -> QuerySet[ImportJob]:
    """Every merchant's jobs, newest first (the back office)."""
    return ImportJob.objects.select_related("merchant", "festival", "uploaded_by")


# The report is in Vietnamese whatever the page's language, as the readers' messages are.
REPORT_VERDICTS = {**VERDICTS, RowVerdict.INVALID: "Không hợp lệ"}
REPORT_WRITERS = {"xlsx": write_report_xlsx, "csv": write_report_csv}


def report_rows(job: ImportJob) -> Iterator[ReportRow]:
    """The job's rows in file order, read in batches: a report of 100,000 rows never sits in
    memory whole."""
    rows = (
        ImportRow.objects.filter(job=job)
        .order_by("row")
        .values_list("row", "sku", "verdict", "messages")
        .iterator(chunk_size=2_000)
    )
    for row, sku, verdict, messages in rows:
        yield ReportRow(row, sku, REPORT_VERDICTS[verdict], messages.replace("\n", "; "))


def write_report(job: ImportJob, kind: str, out: BinaryIO) -> None:
    """The job's per-row report as ``kind`` ("xlsx" or "csv"), written to a binary file."""
    REPORT_WRITERS[kind](report_rows(job), out)
