"""Import jobs in the background (see ``deals.import_services``)."""

from celery import shared_task
from celery.signals import worker_ready
from django.db import OperationalError

from onlinefriday.deals import import_services

# A task submits this many chunks, then queues the rest of the file as a new task: one big file
# does not hold up the others' uploads on a worker that runs one task at a time.
CHUNKS_PER_TASK = 10


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5)
def process_import_job(job_id: int) -> None:
    job = import_services.process_import_job(job_id, max_chunks=CHUNKS_PER_TASK)
    if job is not None and not job.finished:
        import_services.resume_import_job(job)


@worker_ready.connect
def resume_stale_import_jobs(**kwargs) -> None:
    """A worker that starts takes over the jobs a dead worker left behind."""
    import_services.resume_stale_import_jobs()
