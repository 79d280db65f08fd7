"""Judging a festival's deals again after a rule changed: new verdicts, moderators' decisions,
the audit log, progress, resuming after a worker died, and the organisers' pages."""

import pytest
from django.urls import reverse

from onlinefriday.deals.models import Deal, DealReason, DealStatus
from onlinefriday.festivals.models import Festival, PromotionKind
from onlinefriday.moderation import rejudging, services
from onlinefriday.moderation.models import Decision, JobStatus, RejudgeJob
from onlinefriday.moderation.tasks import rejudge_festival

pytestmark = pytest.mark.django_db


def becomes_regular(festival: Festival) -> None:
    """The rule change of these tests: the festival is no longer a concentrated programme, so
    its discount cap falls from 100% to 50% (Decree 81/2018 Art. 7)."""
    festival.promotion_kind = PromotionKind.REGULAR
    festival.save(update_fields=["promotion_kind"])


def rejudge(festival, organiser, **options) -> RejudgeJob:
    job = rejudging.request_rejudge(festival, organiser)
    rejudging.run(job.pk, **options)
    job.refresh_from_db()
    return job


def test_a_cap_lowered_to_50_percent_rejects_a_60_percent_discount(send, open_festival, organiser):
    # given a TV at 10,000,000 sold at 4,000,000 (60% off), accepted in a concentrated programme
    deal = send(sale_price=4_000_000)
    assert deal.status == DealStatus.ACCEPTED
    # when the festival becomes a regular programme and its deals are judged again
    becomes_regular(open_festival)
    job = rejudge(open_festival, organiser)
    # then the deal is rejected for the cap, and the log says the engine changed it
    deal.refresh_from_db()
    assert deal.status == DealStatus.REJECTED
    assert deal.featured is False
    assert list(DealReason.objects.filter(deal=deal).values_list("code", flat=True)) == [
        "DISCOUNT_OVER_CAP"
    ]
    decision = Decision.objects.get()
    assert (decision.actor, decision.action, decision.from_status, decision.to_status) == (
        None,
        "rejudge",
        "accepted",
        "rejected",
    )
    assert decision.rule_codes == ["DISCOUNT_OVER_CAP"]
    assert (job.status, job.total, job.done, job.rejected, job.changed) == ("done", 1, 1, 1, 1)
    assert job.finished_at is not None


def test_a_moderators_decision_stands_against_review_but_not_against_reject(
    send, open_festival, moderator, organiser
):
    # given two deals without price history (review) that a moderator approved, one of them
    # 60% off
    kept = send(sku="KEPT", price_history=[])
    replaced = send(sku="REPLACED", price_history=[], sale_price=4_000_000)
    services.approve_many([kept, replaced], moderator, "Đã xem hoá đơn.")
    # when the cap falls to 50% and the deals are judged again
    becomes_regular(open_festival)
    job = rejudge(open_festival, organiser)
    # then the engine's 'review' leaves the moderator's decision, its 'rejected' replaces it
    kept.refresh_from_db()
    replaced.refresh_from_db()
    assert (kept.status, kept.moderation_note) == ("accepted", "Đã xem hoá đơn.")
    assert (replaced.status, replaced.moderation_note) == ("rejected", "")
    assert set(DealReason.objects.filter(deal=replaced).values_list("code", flat=True)) == {
        "DISCOUNT_OVER_CAP",
        "NO_PRICE_HISTORY",
    }
    rejudged = Decision.objects.filter(action="rejudge")
    assert [(d.deal_id, d.from_status, d.to_status) for d in rejudged] == [
        (replaced.pk, "accepted", "rejected")
    ]
    assert (job.accepted, job.rejected, job.changed) == (1, 1, 1)


def test_a_decision_older_than_the_merchants_last_edit_no_longer_stands(
    send, open_festival, moderator, organiser
):
    # given a deal without price history that a moderator rejected, which the merchant then
    # sent again with four prices from the month before (accepted)
    deal = send(price_history=[])
    services.reject(deal, moderator, "Thiếu lịch sử giá.")
    deal = send()
    assert deal.status == DealStatus.ACCEPTED
    # when the festival asks for ten prices instead of three, and its deals are judged again
    open_festival.min_price_observations = 10
    open_festival.save(update_fields=["min_price_observations"])
    job = rejudge(open_festival, organiser)
    # then the deal goes to review: the rejection was about the deal before the edit, and the
    # engine's 'review' is for a moderator to answer again
    deal.refresh_from_db()
    assert deal.status == DealStatus.REVIEW
    assert (job.review, job.changed) == (1, 1)
    assert Decision.objects.filter(action="rejudge", to_status="review").count() == 1


def test_a_job_killed_half_way_goes_on_to_the_same_end_state(send, open_festival, organiser):
    # given five deals 60% off, accepted, and the cap falling to 50%
    deals = [send(sku=f"TV-{n}", sale_price=4_000_000) for n in range(5)]
    becomes_regular(open_festival)
    job = rejudging.request_rejudge(open_festival, organiser)
    # when a worker judges one chunk of two deals and dies
    finished = rejudging.run(job.pk, chunk_size=2, max_chunks=1)
    # then the job is running, with the first two deals judged and committed
    job.refresh_from_db()
    assert finished is False
    assert (job.status, job.done, job.total, job.last_deal_id) == ("running", 2, 5, deals[1].pk)
    statuses = dict(Deal.objects.values_list("product__sku", "status"))
    assert [statuses[f"TV-{n}"] for n in range(5)] == ["rejected"] * 2 + ["accepted"] * 3
    # when the task runs again
    rejudge_festival(job.pk)
    # then it goes on where it stopped: every deal judged once, nothing logged twice
    job.refresh_from_db()
    assert (job.status, job.done, job.total, job.rejected, job.changed) == ("done", 5, 5, 5, 5)
    assert set(Deal.objects.values_list("status", flat=True)) == {"rejected"}
    assert Decision.objects.filter(action="rejudge").count() == 5
    assert DealReason.objects.count() == 5
    # and a whole run from the start changes nothing more: the same end state
    again = rejudge(open_festival, organiser)
    assert (again.done, again.rejected, again.changed) == (5, 5, 0)
    assert Decision.objects.count() == 5


def test_asking_twice_gives_the_job_already_waiting(open_festival, organiser, review_deal):
    # given a job waiting for a worker
    first = rejudging.request_rejudge(open_festival, organiser)
    # when the organiser presses the button again
    second = rejudging.request_rejudge(open_festival, organiser)
    # then it is the same job (sent to a worker again), not a second one
    assert second.pk == first.pk
    assert RejudgeJob.objects.count() == 1
    assert first.total == 1


def test_a_job_that_cannot_read_the_terms_fails_with_the_error(
    open_festival, organiser, review_deal
):
    # given a festival whose list of banned goods was broken outside the admin's checks
    Festival.objects.filter(pk=open_festival.pk).update(banned_goods={"nhóm": "không hợp lệ"})
    # when its deals are judged again
    job = rejudge(open_festival, organiser)
    # then the job failed, says why, and the deal is as it was
    assert job.status == JobStatus.FAILED
    assert job.error
    review_deal.refresh_from_db()
    assert review_deal.status == DealStatus.REVIEW


# --- The organisers' pages


def test_the_organiser_starts_a_job_and_watches_its_progress(
    open_festival, organiser, client, review_deal, django_capture_on_commit_callbacks
):
    # given an organiser on the re-judging page
    client.force_login(organiser)
    page = client.get(reverse("dashboard:moderation:rejudge")).content.decode()
    start = reverse("dashboard:moderation:rejudge-start", args=[open_festival.slug])
    assert f'action="{start}"' in page
    # when the organiser presses "judge all deals again" (the job waits for a worker)
    with django_capture_on_commit_callbacks(execute=False) as sent:
        response = client.post(start)
    # then a job is queued, one task is sent, and the organiser sees its progress page
    job = RejudgeJob.objects.get()
    assert len(sent) == 1
    assert response["Location"] == reverse("dashboard:moderation:rejudge-job", args=[job.pk])
    page = client.get(response["Location"]).content.decode()
    assert '<progress id="job-progress" max="100" value="0"' in page
    assert '<noscript><meta http-equiv="refresh" content="3"></noscript>' in page
    assert "job-progress.js" in page
    # when the worker has judged the deal
    rejudging.run(job.pk)
    # then the progress answers 100%, and the page no longer refreshes itself
    progress = client.get(reverse("dashboard:moderation:rejudge-progress", args=[job.pk])).json()
    assert progress == {
        "status": "done",
        "status_label": progress["status_label"],
        "finished": True,
        "total": 1,
        "done": 1,
        "percent": 100,
        "accepted": 0,
        "review": 1,
        "rejected": 0,
        "changed": 0,
    }
    page = client.get(response["Location"]).content.decode()
    assert 'value="100"' in page
    assert "http-equiv" not in page


@pytest.mark.parametrize("role", ["moderator", "merchant_user"])
def test_only_organisers_judge_again(role, open_festival, client, request):
    # given a moderator or a merchant's user
    client.force_login(request.getfixturevalue(role))
    # when it opens the page or posts the button
    start = reverse("dashboard:moderation:rejudge-start", args=[open_festival.slug])
    responses = [client.get(reverse("dashboard:moderation:rejudge")), client.post(start)]
    # then it is refused and no job starts
    assert [r.status_code for r in responses] == [403, 403]
    assert not RejudgeJob.objects.exists()
