"""Moderators' decisions: the status and note the merchant reads, the append-only audit log, the
e-mail with the reason, many deals at once (all or nothing), and who may decide."""

import pytest
from django.core import mail
from django.db.models import ProtectedError

from onlinefriday.deals.models import Deal, DealStatus
from onlinefriday.moderation import services
from onlinefriday.moderation.models import AuditLogIsAppendOnly, Decision, ShopperReport
from onlinefriday.moderation.services import ModerationError
from tests.fixtures.accounts import make_user

pytestmark = pytest.mark.django_db


def test_review_deal_fixture_is_in_review(review_deal):
    # given / when a deal sent without price history
    # then the engine asked a moderator, for the reason a moderator reads
    assert review_deal.status == DealStatus.REVIEW
    assert list(review_deal.reasons.values_list("code", flat=True)) == ["NO_PRICE_HISTORY"]


def test_approve_records_who_when_what_why(review_deal, moderator):
    # when a moderator approves with a note
    decision = services.approve(review_deal, moderator, "  Đã đối chiếu hoá đơn nhập hàng.  ")
    # then the deal is accepted with the note, and the log says who, from what, to what, why
    review_deal.refresh_from_db()
    assert review_deal.status == DealStatus.ACCEPTED
    assert review_deal.moderation_note == "Đã đối chiếu hoá đơn nhập hàng."
    stored = Decision.objects.get()
    assert stored == decision
    assert (stored.actor, stored.action, stored.from_status, stored.to_status) == (
        moderator,
        "approve",
        "review",
        "accepted",
    )
    assert stored.reason == "Đã đối chiếu hoá đơn nhập hàng."
    assert stored.rule_codes == ["NO_PRICE_HISTORY"]
    assert stored.at is not None


def test_reject_needs_a_reason_and_changes_nothing_without_one(review_deal, moderator, in_english):
    # when a moderator rejects without a reason
    with pytest.raises(ModerationError) as refused:
        services.reject(review_deal, moderator, "   ")
    # then nothing changed, and the message asks for the reason
    assert refused.value.field == "reason"
    assert str(refused.value.message) == "Give the reason for the rejection: the merchant reads it."
    review_deal.refresh_from_db()
    assert review_deal.status == DealStatus.REVIEW
    assert not Decision.objects.exists()


def test_the_merchant_gets_the_reason_by_email_in_vietnamese(
    review_deal, moderator, merchant_user, django_capture_on_commit_callbacks
):
    # given the merchant has a user, hoangphat@example.com
    # when a moderator rejects its deal
    with django_capture_on_commit_callbacks(execute=True):
        services.reject(review_deal, moderator, "Giá trước khuyến mại không có chứng từ.")
    # then the user receives the decision and the reason, in Vietnamese
    [email] = mail.outbox
    assert email.to == ["hoangphat@example.com"]
    assert "Tivi Samsung 55 inch 4K" in email.subject
    assert "bị từ chối" in email.subject
    assert "Lý do: Giá trước khuyến mại không có chứng từ." in email.body
    assert "SKU TV-55" in email.body


def test_without_users_the_email_goes_to_the_merchants_address(
    review_deal, moderator, merchant, django_capture_on_commit_callbacks
):
    # given a merchant with no user account
    # when its deal is approved
    with django_capture_on_commit_callbacks(execute=True):
        services.approve(review_deal, moderator)
    # then the merchant's own address is told
    [email] = mail.outbox
    assert email.to == [merchant.email]
    assert "được chấp nhận" in email.body


def test_the_audit_log_refuses_changes_and_deletions(review_deal, moderator):
    # given a decision in the log
    decision = services.approve(review_deal, moderator, "ok")
    # when someone tries to change or remove it, one by one or in bulk
    decision.reason = "sửa lại"
    for attempt in (
        decision.save,
        decision.delete,
        lambda: Decision.objects.filter(pk=decision.pk).update(reason="x"),
        lambda: Decision.objects.all().delete(),
    ):
        with pytest.raises(AuditLogIsAppendOnly):
            attempt()
    # then the log still says what was decided
    assert Decision.objects.get().reason == "ok"


def test_a_decided_deal_cannot_be_deleted_with_its_log(review_deal, moderator):
    # given a decision on a deal
    services.approve(review_deal, moderator)
    # when the deal is deleted
    # then the database refuses: the log keeps its evidence
    with pytest.raises(ProtectedError):
        Deal.objects.filter(pk=review_deal.pk).delete()


def test_a_moderator_may_change_a_decision_and_the_log_keeps_both(review_deal, moderator):
    # given a deal approved
    services.approve(review_deal, moderator, "ok")
    # when it is rejected later
    services.reject(review_deal, moderator, "Hàng có dấu hiệu giả mạo.")
    # then it is rejected, and the log has both decisions, newest first
    review_deal.refresh_from_db()
    assert review_deal.status == DealStatus.REJECTED
    assert review_deal.moderation_note == "Hàng có dấu hiệu giả mạo."
    assert [(d.from_status, d.to_status) for d in Decision.objects.all()] == [
        ("accepted", "rejected"),
        ("review", "accepted"),
    ]


def test_bulk_decision_is_all_or_nothing(send, moderator, django_capture_on_commit_callbacks):
    # given two deals in review and one the engine has not judged yet
    first = send(sku="TV-1", price_history=[])
    second = send(sku="TV-2", price_history=[])
    waiting = send(sku="TV-3", price_history=[])
    Deal.objects.filter(pk=waiting.pk).update(status=DealStatus.SUBMITTED)
    # when a moderator rejects the three at once
    with pytest.raises(ModerationError) as refused:
        services.reject_many([first, second, waiting], moderator, "Thiếu lịch sử giá.")
    # then nothing changed, and the message names the deal that could not be decided
    assert "TV-3" in str(refused.value.message)
    assert set(Deal.objects.values_list("status", flat=True)) == {"review", "submitted"}
    assert not Decision.objects.exists()
    # when the two in review are rejected
    with django_capture_on_commit_callbacks(execute=True):
        decisions = services.reject_many([first, second], moderator, "Thiếu lịch sử giá.")
    # then both are, with one decision each and one e-mail to their merchant listing both
    assert len(decisions) == 2
    assert set(
        Deal.objects.filter(pk__in=[first.pk, second.pk]).values_list("status", flat=True)
    ) == {"rejected"}
    [email] = mail.outbox
    assert "2 ưu đãi" in email.subject
    assert "TV-1" in email.body and "TV-2" in email.body


def test_a_decision_resolves_the_shoppers_reports(send, moderator):
    # given an accepted deal that a shopper reported
    deal = send()
    report = ShopperReport.objects.create(deal=deal, reason="fake_discount", reporter_hash="a" * 64)
    # when a moderator confirms it
    services.approve(deal, moderator, "Đã kiểm tra: giá đúng.")
    # then the report is resolved, and the log starts from 'accepted'
    report.refresh_from_db()
    assert report.resolved_at is not None
    assert Decision.objects.get().from_status == "accepted"


@pytest.mark.parametrize("role", ["merchant_user", "other_merchant_user", None])
def test_only_moderators_and_organisers_decide(review_deal, role, request):
    # given a merchant's user (of this deal's merchant or another), or a user with no role
    user = request.getfixturevalue(role) if role else make_user("khach")
    # when it approves a deal through the service
    with pytest.raises(ModerationError):
        services.approve(review_deal, user)
    # then nothing changed
    review_deal.refresh_from_db()
    assert review_deal.status == DealStatus.REVIEW


def test_an_organiser_decides_too(review_deal, organiser):
    # when an organiser rejects a deal in review
    services.reject(review_deal, organiser, "Sai danh mục.")
    # then it is rejected
    review_deal.refresh_from_db()
    assert review_deal.status == DealStatus.REJECTED
