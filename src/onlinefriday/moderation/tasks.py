"""Re-judging a festival's deals in the background (a Celery task; embedded: the in-process
worker that ``onlinefriday serve`` starts)."""

from celery import shared_task
from celery.signals import worker_ready

from onlinefriday.moderation import rejudging


@shared_task
def rejudge_festival(job_id: int) -> None:
    """A slice of the job, then the task sends itself again for the rest: a festival of a
    million deals does not hold one worker for an hour, and a restart loses at most a slice."""
    if not rejudging.run(job_id, max_chunks=rejudging.CHUNKS_PER_TASK):
        rejudge_festival.delay(job_id)


@worker_ready.connect
def resume_unfinished_jobs(**kwargs) -> None:
    """A worker that starts takes over the jobs a dead worker left unfinished."""
    rejudging.resume_unfinished_jobs()
