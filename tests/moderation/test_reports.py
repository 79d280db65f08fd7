"""Shoppers report a deal; enough distinct shoppers take it off the storefront until a moderator
decides. The threshold is DEAL_REPORTS_TO_HIDE (default 5)."""

import pytest
from django.test import Client

from onlinefriday.deals.models import DealStatus
from onlinefriday.moderation import services
from onlinefriday.moderation.models import ReportReason, ShopperReport
from onlinefriday.moderation.selectors import moderation_queue
from onlinefriday.storefront.selectors import published_deals
from onlinefriday.tracking.links import click_url


@pytest.fixture
def deal(deal_factory):
    """A published iPhone deal."""
    return deal_factory(status=DealStatus.ACCEPTED)


def report(client, deal, address: str, reason=ReportReason.FAKE_DISCOUNT, **fields):
    return client.post(
        f"/deals/{deal.pk}/report/", {"reason": reason, **fields}, REMOTE_ADDR=address
    )


def is_published(deal) -> bool:
    return published_deals().filter(pk=deal.pk).exists()


def test_form_shows_the_reasons(client, deal, in_english):
    # when a shopper opens the form in English
    response = client.get(f"/en/deals/{deal.pk}/report/")
    # then it names the deal and offers the six reasons
    page = response.content.decode()
    assert response.status_code == 200
    assert deal.product.title in page
    for label in ("Fake discount", "Counterfeit goods", "Wrong price", "Broken link"):
        assert label in page
    assert 'value="expired_coupon"' in page and 'value="other"' in page


def test_form_in_vietnamese(client, deal):
    page = client.get(f"/deals/{deal.pk}/report/").content.decode()
    assert "Giảm giá ảo" in page


def test_report_is_stored_without_the_address(client, deal):
    # when a shopper reports a wrong price, with details and an e-mail address
    response = report(
        client,
        deal,
        "203.113.152.77",
        ReportReason.WRONG_PRICE,
        details="Trên sàn giá 27.990.000 ₫",
        contact="lan@example.com",
    )
    # then the thanks page follows, and the report keeps a hash, not the address
    assert response.status_code == 302
    assert response["Location"] == f"/deals/{deal.pk}/report/sent/"
    stored = ShopperReport.objects.get()
    assert (stored.reason, stored.details, stored.contact) == (
        ReportReason.WRONG_PRICE,
        "Trên sàn giá 27.990.000 ₫",
        "lan@example.com",
    )
    assert len(stored.reporter_hash) == 32 and "203.113" not in stored.reporter_hash
    assert client.get(response["Location"]).status_code == 200


def test_four_shoppers_do_not_hide_a_deal(client, deal):
    for number in range(4):
        report(client, deal, f"10.1.0.{number}")
    assert is_published(deal)


def test_five_shoppers_hide_a_deal_at_once(client, deal):
    # given a deal shoppers were clicking
    assert client.get(click_url(deal)).status_code == 302
    # when five shoppers on five connections report it
    for number in range(5):
        report(client, deal, f"10.1.0.{number}")
    # then the deal is off the storefront, its click-out leads nowhere, and moderators see it
    deal.refresh_from_db()
    assert deal.hidden_at is not None
    assert not is_published(deal)
    assert client.get(click_url(deal)).status_code == 404
    assert moderation_queue({}).get(pk=deal.pk).open_reports == 5


def test_one_shopper_five_times_does_not_hide(client, deal):
    for reason in list(ReportReason)[:5]:
        report(client, deal, "10.1.0.9", reason)
    assert ShopperReport.objects.filter(deal=deal).count() == 5
    assert is_published(deal)


def test_threshold_is_a_setting(client, deal, settings):
    settings.DEAL_REPORTS_TO_HIDE = 2
    report(client, deal, "10.1.0.1")
    report(client, deal, "10.1.0.2")
    assert not is_published(deal)


@pytest.mark.parametrize(
    ("decide", "published"),
    [
        (lambda deal, moderator: services.approve(deal, moderator), True),
        (lambda deal, moderator: services.reject(deal, moderator, "Giảm giá ảo"), False),
    ],
    ids=["approved", "rejected"],
)
def test_moderator_decision_ends_the_hiding(client, deal, moderator, decide, published):
    # given a deal hidden by five shoppers
    for number in range(5):
        report(client, deal, f"10.1.0.{number}")
    # when a moderator decides
    decide(deal, moderator)
    # then the deal is no longer hidden, its reports are answered; it shows again if approved
    deal.refresh_from_db()
    assert deal.hidden_at is None
    assert not ShopperReport.objects.filter(deal=deal, resolved_at__isnull=True).exists()
    assert is_published(deal) is published


def test_reports_after_a_decision_count_afresh(client, deal, moderator):
    # given a deal hidden by five shoppers, then approved
    for number in range(5):
        report(client, deal, f"10.1.0.{number}")
    services.approve(deal, moderator)
    # when one of them reports it again, then it stays (the answered reports no longer count)
    report(client, deal, "10.1.0.0")
    assert is_published(deal)


def test_deal_shoppers_cannot_see_cannot_be_reported(client, deal_factory):
    deal = deal_factory(status=DealStatus.REVIEW)
    assert client.get(f"/deals/{deal.pk}/report/").status_code == 404
    assert report(client, deal, "10.1.0.1").status_code == 404


def test_a_reason_is_needed(client, deal, in_english):
    response = client.post(f"/en/deals/{deal.pk}/report/", {"details": "?"})
    assert response.status_code == 200
    assert "error-summary" in response.content.decode()
    assert not ShopperReport.objects.exists()


def test_form_needs_the_csrf_token(deal):
    client = Client(enforce_csrf_checks=True)
    assert report(client, deal, "10.1.0.1").status_code == 403


def test_one_shopper_is_slowed_down(client, deal):
    # given a shopper who sent ten reports within the hour
    for _ in range(10):
        assert report(client, deal, "10.1.0.7").status_code == 302
    # when sending an eleventh
    response = report(client, deal, "10.1.0.7")
    # then it is refused with a page in Vietnamese, and another shopper may still report
    assert response.status_code == 429
    assert "Quá nhiều lần thử" in response.content.decode()
    assert report(client, deal, "10.1.0.8").status_code == 302
