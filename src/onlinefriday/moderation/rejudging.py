"""Judging every deal of a festival again, after a rule or the festival's terms changed.

A job works through the festival's deals in chunks ordered by id. Each chunk commits the deals'
new statuses, reasons and featured flags together with the job's progress (``last_deal_id``,
counts), so a worker killed mid-chunk loses only that chunk's uncommitted work, and running the
job again goes on from the last committed chunk to the same end state. The job's row is locked
while a chunk is written, so two workers given the same job share it instead of judging a chunk
twice.

A moderator's decision stands against a new 'review' verdict (the engine asks for a human, and
a human has answered); a new 'accepted' or 'rejected' verdict replaces it. Every status that
changes is logged as a Decision with action 'rejudge' and no actor.
"""

import logging
from collections import defaultdict

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import F, OuterRef, QuerySet, Subquery
from django.utils import timezone

from onlinefriday.compliance.engine import judge
from onlinefriday.compliance.facts import FestivalTerms
from onlinefriday.compliance.selectors import terms_for
from onlinefriday.core.page_cache import bump_storefront_version
from onlinefriday.deals.models import Deal, DealReason, DealStatus
from onlinefriday.deals.submitting import VERDICT_STATUS, stored_facts
from onlinefriday.festivals.models import Festival
from onlinefriday.moderation.models import Decision, DecisionAction, JobStatus, RejudgeJob

logger = logging.getLogger(__name__)

CHUNK_SIZE = 1_000  # deals judged and committed together
CHUNKS_PER_TASK = 20  # then the task sends itself again: a restart loses at most this slice
ACTIVE = (JobStatus.QUEUED, JobStatus.RUNNING)
COUNTED = {  # a status -> the job's count of deals left with it
    DealStatus.ACCEPTED: "accepted",
    DealStatus.REVIEW: "review",
    DealStatus.REJECTED: "rejected",
}
PROGRESS_FIELDS = ("done", "total", "last_deal_id", "changed", *COUNTED.values())


def judged_deals(festival: Festival) -> QuerySet[Deal]:
    """The deals a re-judging covers: all but drafts, which the merchant has not sent."""
    return Deal.objects.filter(festival=festival).exclude(status=DealStatus.DRAFT)


def request_rejudge(festival: Festival, requested_by: User) -> RejudgeJob:
    """A new job for the festival, or the one already waiting or running (sent to a worker
    again, so that pressing the button again revives a job whose worker went away)."""
    from onlinefriday.moderation.tasks import rejudge_festival  # the task module imports this one

    with transaction.atomic():
        job = (
            RejudgeJob.objects.select_for_update()
            .filter(festival=festival, status__in=ACTIVE)
            .first()
        )
        if job is None:
            job = RejudgeJob.objects.create(
                festival=festival,
                requested_by=requested_by,
                total=judged_deals(festival).count(),
            )
        transaction.on_commit(lambda: rejudge_festival.delay(job.pk))
    return job


def resume_unfinished_jobs() -> list[RejudgeJob]:
    """Send every job still waiting or running to a worker again (a worker that starts calls
    this): a job whose worker died goes on from its last committed chunk. A job another worker
    is running meanwhile is shared, not judged twice (its row is locked for each chunk)."""
    from onlinefriday.moderation.tasks import rejudge_festival  # the task module imports this one

    jobs = list(RejudgeJob.objects.filter(status__in=ACTIVE))
    for job in jobs:
        transaction.on_commit(lambda job_id=job.pk: rejudge_festival.delay(job_id))
    return jobs


def run(job_id: int, *, chunk_size: int = CHUNK_SIZE, max_chunks: int | None = None) -> bool:
    """Judge the job's deals from where it stopped, at most ``max_chunks`` chunks. True when
    nothing is left to do (the job is done or failed)."""
    job = RejudgeJob.objects.select_related("festival").filter(pk=job_id).first()
    if job is None:  # its festival was deleted meanwhile: nothing left to judge
        logger.warning("Re-judging job %s does not exist", job_id)
        return True
    if job.finished:
        return True
    RejudgeJob.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(
        status=JobStatus.RUNNING, started_at=timezone.now()
    )
    try:
        terms = terms_for(job.festival)
        chunks = 0
        while max_chunks is None or chunks < max_chunks:
            if not _judge_chunk(job_id, job.festival, terms, chunk_size):
                RejudgeJob.objects.filter(pk=job_id, status=JobStatus.RUNNING).update(
                    status=JobStatus.DONE, finished_at=timezone.now(), total=F("done")
                )
                return True
            chunks += 1
    except Exception as error:
        logger.exception("Re-judging job %s failed", job_id)
        RejudgeJob.objects.filter(pk=job_id).update(
            status=JobStatus.FAILED,
            finished_at=timezone.now(),
            error=f"{type(error).__name__}: {error}"[:2000],
        )
        return True
    return False


def _judge_chunk(job_id: int, festival: Festival, terms: FestivalTerms, size: int) -> int:
    """The next ``size`` deals after the job's last one, judged and saved with the progress, in
    one transaction; how many there were (0: the job is complete). Only what changed is
    written: after most rule changes most deals keep their status and reasons."""
    with transaction.atomic():
        job = RejudgeJob.objects.select_for_update().get(pk=job_id)
        if job.status != JobStatus.RUNNING:
            return 0
        deals = _next_deals(festival, job.last_deal_id, size)
        if not deals:
            return 0
        now = timezone.now()
        updates = defaultdict(list)  # the fields to set -> the deals to set them on
        new_reasons, replaced, decisions = [], [], []
        for deal, facts in zip(deals, stored_facts(festival, deals), strict=True):
            judgement = judge(facts, terms)
            status = VERDICT_STATUS[judgement.verdict]
            fields = {}
            if status != deal.status and not _decision_stands(deal, status):
                decisions.append(
                    Decision(
                        deal=deal,
                        action=DecisionAction.REJUDGE,
                        from_status=deal.status,
                        to_status=status,
                        rule_codes=sorted({reason.code for reason in judgement.reasons}),
                    )
                )
                # The note was about the status replaced; judged_at dates the engine's status.
                fields = {"status": status, "judged_at": now, "moderation_note": ""}
                deal.status = status
                job.changed += 1
            if judgement.featured != deal.featured:
                fields["featured"] = judgement.featured
            if fields:
                updates[tuple(sorted(fields.items()))].append(deal.pk)
            if _reason_rows(deal.reasons.all()) != _reason_rows(judgement.reasons):
                replaced.append(deal.pk)
                new_reasons.extend(
                    DealReason(
                        deal=deal,
                        code=r.code,
                        severity=r.severity,
                        message=r.message,
                        message_en=r.message_en,
                    )
                    for r in judgement.reasons
                )
            if deal.status in COUNTED:
                field = COUNTED[deal.status]
                setattr(job, field, getattr(job, field) + 1)
        for fields, ids in updates.items():
            Deal.objects.filter(pk__in=ids).update(**dict(fields), updated_at=now)
        if updates:
            bump_storefront_version()
        DealReason.objects.filter(deal_id__in=replaced).delete()
        DealReason.objects.bulk_create(new_reasons)
        Decision.objects.bulk_create(decisions)
        job.done += len(deals)
        job.total = max(job.total, job.done)
        job.last_deal_id = deals[-1].pk
        job.save(update_fields=PROGRESS_FIELDS)
    return len(deals)


def _next_deals(festival: Festival, after: int, size: int) -> list[Deal]:
    """The festival's next deals by id, with what judging them needs, their reasons, and when a
    moderator last decided on each."""
    last_decided = (
        Decision.objects.filter(
            deal=OuterRef("pk"), action__in=[DecisionAction.APPROVE, DecisionAction.REJECT]
        )
        .order_by("-at")
        .values("at")[:1]
    )
    return list(
        judged_deals(festival)
        .filter(pk__gt=after)
        .select_related("product__category", "platform")
        .prefetch_related("reasons")
        .annotate(last_decided_at=Subquery(last_decided))
        .order_by("pk")[:size]
    )


def _reason_rows(reasons) -> list[tuple[str, str, str, str]]:
    """Reasons (stored or the engine's) as comparable rows, in a stable order."""
    return sorted((r.code, str(r.severity), r.message, r.message_en) for r in reasons)


def _decision_stands(deal: Deal, verdict_status: str) -> bool:
    """A moderator decided the deal after the engine last set its status, and the engine's new
    verdict only asks for a moderator again."""
    decided = deal.last_decided_at is not None and (
        deal.judged_at is None or deal.last_decided_at >= deal.judged_at
    )
    return decided and verdict_status == DealStatus.REVIEW
