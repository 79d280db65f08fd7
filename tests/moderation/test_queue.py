"""The moderation queue in the back office: what waits for a moderator, the filters, bulk
decisions, and who may open it."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse

from onlinefriday.deals.models import Deal, DealStatus
from onlinefriday.moderation.models import Decision, ShopperReport
from tests.moderation.builders import send_deal

pytestmark = pytest.mark.django_db

QUEUE = reverse("dashboard:moderation:queue")
BULK = reverse("dashboard:moderation:bulk")


# Messages are asserted on the English pages (in_english: /en/...), as their msgids.


def skus(response) -> list[str]:
    return [deal.product.sku for deal in response.context["page"]]


def test_the_queue_lists_deals_in_review_and_reported_ones_first(send, moderator_client):
    # given a deal in review, an accepted deal with an open report, a rejected deal, and an
    # accepted one whose report was answered
    send(sku="REVIEW", price_history=[])
    reported = send(sku="REPORTED")
    send(sku="REJECTED", price=12_000_000)  # above the month's price: INFLATED_REFERENCE_PRICE
    answered = send(sku="ANSWERED")
    ShopperReport.objects.create(deal=reported, reason="wrong_price", reporter_hash="a" * 64)
    ShopperReport.objects.create(
        deal=answered, reason="broken_link", reporter_hash="b" * 64, resolved_at=answered.created_at
    )
    # when a moderator opens the queue
    response = moderator_client.get(QUEUE)
    # then it lists the reported deal first, then the one in review, and nothing else
    assert response.status_code == 200
    assert skus(response) == ["REPORTED", "REVIEW"]
    page = response.content.decode()
    assert "NO_PRICE_HISTORY" in page
    assert "6.500.000 ₫" in page


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"rule": "NO_PRICE_HISTORY"}, ["NO-HISTORY"]),
        ({"rule": "MISSING_ORIGIN"}, ["NO-ORIGIN"]),
        ({"category": "dien-thoai-may-tinh-bang"}, ["PHONE"]),
        ({"platform": "tiki"}, ["ON-TIKI"]),
        ({"merchant": "Lục Ngạn"}, ["OTHER-MERCHANT"]),
        ({"merchant": "2400123458"}, ["OTHER-MERCHANT"]),
        ({"festival": "kiem-duyet-2030"}, ["NO-HISTORY", "NO-ORIGIN", "ON-TIKI", "PHONE"]),
    ],
    ids=["rule", "another rule", "category", "platform", "merchant", "tax code", "festival"],
)
def test_each_filter_narrows_the_queue(
    query, expected, send, other_merchant, moderator_client, festival_factory
):
    # given a deal in review and reported deals that differ in what each filter looks at
    send(sku="NO-HISTORY", price_history=[])
    later = festival_factory(starts_in=timedelta(days=20), slug="khac")
    for deal in (
        send(sku="NO-ORIGIN", origin_country=""),
        send(sku="PHONE", category="dien-thoai-may-tinh-bang"),
        send(sku="ON-TIKI", platform="tiki", url="https://tiki.vn/tv-i.1"),
        send_deal(other_merchant, later, sku="OTHER-MERCHANT"),
    ):
        ShopperReport.objects.create(deal=deal, reason="other", reporter_hash="c" * 64)
    # when the moderator filters the queue
    response = moderator_client.get(QUEUE, query)
    # then only the matching deals are listed
    assert sorted(skus(response)) == expected


def test_a_filter_not_understood_is_ignored_with_a_warning(
    review_deal, moderator_client, in_english
):
    # when the moderator asks for a rule that does not exist
    response = moderator_client.get(reverse("dashboard:moderation:queue"), {"rule": "NO_SUCH"})
    # then the queue is shown whole, with a warning naming the filter
    assert response.status_code == 200
    assert skus(response) == ["TV-55"]
    assert [str(m) for m in response.context["messages"]] == [
        "Some filters were not understood and were ignored: Rule."
    ]


def test_the_queue_is_paginated(send, moderator_client):
    # given 51 deals in review
    for number in range(51):
        send(sku=f"TV-{number:02d}", price_history=[])
    # when the moderator opens the second page, filtered by rule
    response = moderator_client.get(QUEUE, {"rule": "NO_PRICE_HISTORY", "page": 2})
    # then it has the one deal left, and the page links keep the filter
    assert len(skus(response)) == 1
    assert "rule=NO_PRICE_HISTORY&amp;page=1" in response.content.decode()


def test_bulk_approve_with_one_note(
    send, moderator, moderator_client, django_capture_on_commit_callbacks
):
    # given two deals in review
    first = send(sku="TV-1", price_history=[])
    second = send(sku="TV-2", price_history=[])
    # when the moderator ticks both and approves them with one note
    with django_capture_on_commit_callbacks(execute=True):
        response = moderator_client.post(
            BULK,
            {
                "deals": [first.pk, second.pk],
                "decision": "approve",
                "reason": "Đã đối chiếu giá.",
                "query": "rule=NO_PRICE_HISTORY",
            },
        )
    # then both are accepted with the note, logged, the merchant told, and the queue comes back
    # with its filter
    assert response.status_code == 302
    assert response["Location"] == f"{QUEUE}?rule=NO_PRICE_HISTORY"
    assert set(Deal.objects.values_list("status", "moderation_note")) == {
        ("accepted", "Đã đối chiếu giá.")
    }
    assert Decision.objects.filter(actor=moderator, action="approve").count() == 2
    assert len(mail.outbox) == 1


def test_bulk_reject_without_a_reason_changes_nothing(review_deal, moderator_client, in_english):
    # when the moderator rejects a ticked deal without a reason
    response = moderator_client.post(
        reverse("dashboard:moderation:bulk"),
        {"deals": [review_deal.pk], "decision": "reject", "reason": ""},
        follow=True,
    )
    # then nothing changed and the page says why
    review_deal.refresh_from_db()
    assert review_deal.status == DealStatus.REVIEW
    assert "Give the reason for the rejection" in response.content.decode()


def test_bulk_with_nothing_ticked_says_so(review_deal, moderator_client, in_english):
    # when the moderator applies a decision without ticking a deal
    bulk = reverse("dashboard:moderation:bulk")
    response = moderator_client.post(bulk, {"decision": "approve"}, follow=True)
    # then the page says what to do, and nothing was decided
    assert "Tick at least one deal in the list." in response.content.decode()
    assert not Decision.objects.exists()


@pytest.mark.parametrize(
    ("role", "expected"),
    [("merchant_user", 403), ("other_merchant_user", 403), ("moderator", 200), ("organiser", 200)],
)
def test_who_opens_the_queue(role, expected, review_deal, client, request):
    # given a user in this role
    client.force_login(request.getfixturevalue(role))
    # when it opens the queue and the deal's evidence
    for url in (QUEUE, reverse("dashboard:moderation:deal", args=[review_deal.pk])):
        # then only moderators and organisers get in
        assert client.get(url).status_code == expected


def test_an_anonymous_visitor_is_sent_to_sign_in(review_deal, client):
    # when a visitor who is not signed in opens the queue
    response = client.get(QUEUE)
    # then it is sent to the sign-in page
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_a_merchant_user_cannot_approve_its_own_deal(review_deal, merchant_user, client):
    # given the merchant's own user
    client.force_login(merchant_user)
    # when it posts an approval of its deal, alone and in bulk
    approve = reverse("dashboard:moderation:approve", args=[review_deal.pk])
    assert client.post(approve, {"note": ""}).status_code == 403
    assert client.post(BULK, {"deals": [review_deal.pk], "decision": "approve"}).status_code == 403
    # then the deal is still in review
    review_deal.refresh_from_db()
    assert review_deal.status == DealStatus.REVIEW
