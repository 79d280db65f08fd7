"""A worker that starts sends the unfinished re-judging jobs on again: a job whose worker died
is not left waiting for an organiser to press the button a second time."""

import pytest

from onlinefriday.moderation import rejudging
from onlinefriday.moderation.models import JobStatus, RejudgeJob

pytestmark = pytest.mark.django_db


def test_a_starting_worker_resumes_waiting_and_running_jobs_only(
    open_festival, organiser, django_capture_on_commit_callbacks
):
    # given a job left running by a dead worker, one waiting, and two that ended
    def job(status):
        return RejudgeJob.objects.create(
            festival=open_festival, requested_by=organiser, status=status
        )

    running, queued = job(JobStatus.RUNNING), job(JobStatus.QUEUED)
    job(JobStatus.DONE)
    job(JobStatus.FAILED)

    # when a worker starts
    with django_capture_on_commit_callbacks() as sent:
        resumed = rejudging.resume_unfinished_jobs()

    # then the two unfinished jobs are sent to a worker again, and only they
    assert {job.pk for job in resumed} == {running.pk, queued.pk}
    assert len(sent) == 2


def test_a_resumed_job_goes_on_from_its_last_chunk(send, open_festival, organiser):
    # given three deals, and a job whose worker died after judging the first chunk of one deal
    deals = [send(sku=f"TV-{n}") for n in range(3)]
    job = rejudging.request_rejudge(open_festival, organiser)
    rejudging.run(job.pk, chunk_size=1, max_chunks=1)
    job.refresh_from_db()
    assert (job.status, job.done, job.last_deal_id) == (JobStatus.RUNNING, 1, deals[0].pk)

    # when a new worker takes it over and runs it
    [resumed] = rejudging.resume_unfinished_jobs()
    rejudging.run(resumed.pk, chunk_size=1)

    # then it finishes with every deal judged once
    job.refresh_from_db()
    assert (job.status, job.done, job.total) == (JobStatus.DONE, 3, 3)
