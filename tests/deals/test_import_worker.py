"""A job a dead worker left half done is finished by the next worker that starts: a real
`onlinefriday worker` process, on the embedded queue (or Redis in the PostgreSQL pass)."""

import time
from datetime import timedelta

import pytest
from django.utils import timezone

from onlinefriday.deals.import_services import create_import_job, process_import_job
from onlinefriday.deals.models import Deal, ImportJob
from tests.core.test_background_worker import start_worker
from tests.fixtures.imports import csv_bytes, row, uploaded


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_worker_that_starts_finishes_a_job_left_running(
    merchant, shop, open_festival, deal_files
):
    # given a job of three rows whose worker died after the first chunk, twenty minutes ago
    job = create_import_job(
        user=None,
        merchant=merchant,
        festival=open_festival,
        uploaded_file=uploaded(csv_bytes([row("A-1"), row("B-1"), row("C-1")])),
        in_background=False,
    )
    process_import_job(job.pk, chunk_rows=1, max_chunks=1)
    ImportJob.objects.filter(pk=job.pk).update(progressed_at=timezone.now() - timedelta(minutes=20))

    # when a worker starts, on the queue tasks go to by default
    worker = start_worker("celery")
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            job.refresh_from_db()
            if job.finished:
                break
            time.sleep(0.5)
    finally:
        worker.terminate()
        output, _ = worker.communicate(timeout=30)

    # then it took the job over and finished it, as a run without the failure would have
    assert (job.status, job.rows_done, job.review) == ("done", 3, 3), output
    assert sorted(Deal.objects.values_list("product__sku", flat=True)) == ["A-1", "B-1", "C-1"]
