"""The click-out address: where it leads, and where it never leads."""

import time
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone, translation

from onlinefriday.core.page_cache import VERSION_KEY
from onlinefriday.deals.models import Deal, DealStatus
from onlinefriday.tracking import targets
from onlinefriday.tracking.clicks import REDIS_KEY, journal_dir, redis_client
from onlinefriday.tracking.links import click_url, signature, with_campaign

CAMPAIGN = "utm_source=onlinefriday&utm_medium=deal&utm_campaign=deal-factory-1"


def nothing_recorded() -> bool:
    client = redis_client()
    if client is not None:
        return client.llen(REDIS_KEY) == 0
    return not any(path.stat().st_size for path in journal_dir().glob("*"))


def test_click_goes_to_the_deal_with_our_campaign(shopper, published_deal):
    # given the iPhone deal of festival deal-factory-1
    # when a shopper follows our link
    response = shopper.get(click_url(published_deal))
    # then the platform's page opens, tagged with our campaign, and no cache keeps the answer
    assert response.status_code == 302
    assert response["Location"] == f"{published_deal.url}?{CAMPAIGN}"
    assert response["Cache-Control"] == "no-store"
    assert response["Referrer-Policy"] == "strict-origin"


def test_click_skips_sessions_but_keeps_security_headers(shopper, published_deal, settings):
    # given the production security settings
    settings.SECURE_CONTENT_TYPE_NOSNIFF = True
    # when a shopper follows our link (answered before the session and language middleware)
    response = shopper.get(click_url(published_deal))
    # then it carries the security headers of every page, and starts no session or language
    assert response.status_code == 302
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "default-src" in response["Content-Security-Policy"]
    assert not response.cookies
    assert "Vary" not in response


def test_merchant_parameters_stay_and_their_utm_are_replaced(shopper, deal_factory):
    # given a deal link with the shop's own parameters, an old campaign and a fragment
    deal = deal_factory(status=DealStatus.ACCEPTED)
    deal.url = "https://shopee.vn/ip15-i.1.2?sp_atk=a%20b&utm_source=facebook&UTM_Content=x#reviews"
    deal.save(update_fields=["url"])
    # when a shopper follows our link
    response = shopper.get(click_url(deal))
    # then the shop's parameter is kept as written, and only our campaign remains
    assert response["Location"] == f"https://shopee.vn/ip15-i.1.2?sp_atk=a%20b&{CAMPAIGN}#reviews"


def test_campaign_slug_is_encoded():
    assert with_campaign("https://tiki.vn/p", "tết 2030") == (
        "https://tiki.vn/p?utm_source=onlinefriday&utm_medium=deal&utm_campaign=t%E1%BA%BFt%202030"
    )


def test_link_is_the_same_in_every_language(published_deal):
    # when the English pages make the link
    with translation.override("en"):
        english = click_url(published_deal)
    # then it is the same address, with no language prefix
    assert english == click_url(published_deal)
    assert english == f"/go/{published_deal.pk}-{signature(published_deal.pk)}/"


def test_tampered_signature_is_not_found(shopper, published_deal):
    # given our link with one digit of its signature changed
    good = signature(published_deal.pk)
    bad = ("0" if good[0] != "0" else "1") + good[1:]
    # when a shopper follows it, then nothing is found and nothing counted
    assert shopper.get(f"/go/{published_deal.pk}-{bad}/").status_code == 404
    assert nothing_recorded()


def test_signature_of_another_deal_is_not_found(shopper, published_deal, deal_factory):
    other = deal_factory(status=DealStatus.ACCEPTED)
    response = shopper.get(f"/go/{published_deal.pk}-{signature(other.pk)}/")
    assert response.status_code == 404


def test_unknown_deal_is_not_found(shopper, db):
    # given a correctly signed link to a deal that does not exist
    response = shopper.get(f"/go/999999-{signature(999999)}/")
    # then it is a 404 that no cache keeps
    assert response.status_code == 404
    assert response["Cache-Control"] == "no-store"


def test_key_rotation_keeps_old_links(shopper, published_deal, settings):
    # given a link signed before the secret key changed
    url = click_url(published_deal)
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "a-new-key-" + "x" * 50
    # then it still leads to the deal
    assert shopper.get(url).status_code == 302


@pytest.mark.parametrize(
    "fields",
    [
        {"status": DealStatus.REVIEW},
        {"status": DealStatus.REJECTED},
        {"status": DealStatus.ACCEPTED, "hidden_at": timezone.now()},
        {
            "status": DealStatus.ACCEPTED,
            "starts_at": timezone.now() + timedelta(hours=1),
            "ends_at": timezone.now() + timedelta(hours=5),
        },
    ],
    ids=["in-review", "rejected", "hidden-by-reports", "not-started"],
)
def test_deal_shoppers_cannot_see_does_not_redirect(shopper, deal_factory, fields):
    # given a deal that is not published
    deal = deal_factory(**fields)
    # when a shopper follows its link (signed while it was visible, say)
    response = shopper.get(click_url(deal))
    # then nothing is found, and nothing counted
    assert response.status_code == 404
    assert response["Cache-Control"] == "no-store"
    assert nothing_recorded()


def test_ended_deal_says_it_ended(shopper, deal_factory):
    # given a deal that ended a minute ago, at 20:00 Vietnam time say
    ended = timezone.now() - timedelta(minutes=1)
    deal = deal_factory(
        status=DealStatus.ACCEPTED, starts_at=ended - timedelta(hours=2), ends_at=ended
    )
    # when a shopper follows an old link (click-out links carry no language: the site's own)
    response = shopper.get(click_url(deal))
    # then the page says in Vietnamese that the deal is over, with no redirect
    assert response.status_code == 410
    assert "Ưu đãi này đã kết thúc" in response.content.decode()
    assert nothing_recorded()


def test_deal_stops_at_its_end_time_exactly(shopper, deal_factory):
    # given a deal ending in a second and a half, clicked just now
    deal = deal_factory(status=DealStatus.ACCEPTED, ends_at=timezone.now() + timedelta(seconds=1.5))
    assert shopper.get(click_url(deal)).status_code == 302
    # when its end time passes, then its link no longer leads to the platform
    time.sleep(max(0, (deal.ends_at - timezone.now()).total_seconds()))
    assert shopper.get(click_url(deal)).status_code == 410


@pytest.mark.parametrize(
    "query",
    [
        "?next=https://evil.example/",
        "?url=https://evil.example/&redirect=//evil.example",
        "?utm_campaign=evil",
    ],
)
def test_query_cannot_change_the_target(shopper, published_deal, query):
    # when someone adds parameters to our link
    response = shopper.get(click_url(published_deal) + query)
    # then it still leads to the deal's own page, and nowhere else
    assert response["Location"] == f"{published_deal.url}?{CAMPAIGN}"


def test_only_get_and_head(shopper, published_deal):
    assert shopper.post(click_url(published_deal)).status_code == 405
    assert shopper.head(click_url(published_deal)).status_code == 302


def test_a_deal_taken_down_elsewhere_stops_once_the_storefront_version_changes(
    shopper, published_deal, monkeypatch
):
    # given a click that made this process remember where the deal leads
    assert shopper.get(click_url(published_deal)).status_code == 302
    # when another process hides the deal (no signal reaches this one) and renews the version
    Deal.objects.filter(pk=published_deal.pk).update(hidden_at=timezone.now())
    still = shopper.get(click_url(published_deal))
    cache.set(VERSION_KEY, "renewed by another process", timeout=None)
    seen_at = time.monotonic() + targets.TARGET_SECONDS
    monkeypatch.setattr(targets.time, "monotonic", lambda: seen_at)
    # then the remembered way out served until this process looked at the version, no longer
    assert still.status_code == 302
    assert shopper.get(click_url(published_deal)).status_code == 404
