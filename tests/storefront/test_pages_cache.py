"""Shopper pages are shared for a few seconds, per language, and never a signed-in user's; every
page carries the Content-Security-Policy."""

import os
import subprocess
import sys

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone

from onlinefriday.core.page_cache import bump_storefront_version
from onlinefriday.deals.models import Deal
from onlinefriday.moderation.models import ReportReason
from onlinefriday.moderation.services import approve, reject

pytestmark = pytest.mark.django_db


def vary(response) -> set[str]:
    return {part.strip() for part in response.get("Vary", "").split(",")}


@pytest.mark.parametrize("name", ["home", "category", "platform", "deal"])
def test_shared_pages_are_public_for_a_few_seconds_and_vary_by_language_and_cookie(
    client, published_deal, name
):
    # given a published deal
    args = {
        "home": [],
        "category": ["dien-thoai-may-tinh-bang"],
        "platform": ["shopee"],
        "deal": [published_deal.pk],
    }[name]
    # when an anonymous shopper opens the page, twice
    first = client.get(reverse(f"storefront:{name}", args=args))
    second = client.get(reverse(f"storefront:{name}", args=args))
    # then a shared cache may keep the first five seconds and the second what is left of them,
    # by language and cookie, and the second is the same page
    assert first["Cache-Control"] == "public, max-age=5"
    assert second["Cache-Control"] in ("public, max-age=5", "public, max-age=4")
    for response in (first, second):
        assert response.status_code == 200
        assert {"Accept-Language", "Cookie"} <= vary(response)
        assert not response.cookies
    assert second.content == first.content


def test_search_results_are_not_shared(client, published_deal):
    # when a shopper searches
    response = client.get(reverse("storefront:search"), {"q": "iphone"})
    # then the answer is not marked for a shared cache
    assert "public" not in response.get("Cache-Control", "")


def test_a_cached_page_shows_until_a_deal_changes_state(
    client, published_deal, django_capture_on_commit_callbacks
):
    # given a deal's page seen once (and kept)
    url = reverse("storefront:deal", args=[published_deal.pk])
    assert client.get(url).status_code == 200
    # when shoppers' reports hide it, without telling the cache, the kept copy still shows
    Deal.objects.filter(pk=published_deal.pk).update(hidden_at=timezone.now())
    assert client.get(url).status_code == 200
    # then once the service renews the storefront's version, the page is gone
    with django_capture_on_commit_callbacks(execute=True):
        bump_storefront_version()
    assert client.get(url).status_code == 404


def test_each_language_has_its_own_copy(client, published_deal):
    # given the Vietnamese deal page seen (and kept)
    url = reverse("storefront:deal", args=[published_deal.pk])
    client.get(url)
    # when an English reader opens the English page
    english = client.get(f"/en{url}").content.decode()
    # then it is English
    assert '<html lang="en">' in english


def test_signed_in_users_get_their_own_page_never_the_shared_copy(client, published_deal):
    # given the home page kept for anonymous shoppers
    client.get("/")
    user = User.objects.create_user("kiemduyet", password="x" * 12)
    client.force_login(user)
    # when a signed-in user opens it
    response = client.get("/")
    page = response.content.decode()
    # then it is rendered for them (with their sign-out form) and private
    assert "csrfmiddlewaretoken" in page
    assert "public" not in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    # and anonymous shoppers after them still get a page without anyone's form token
    client.logout()
    assert "csrfmiddlewaretoken" not in client.get("/").content.decode()


@pytest.mark.parametrize(
    "path", ["/", "/en/", "/tim-kiem/", "/accounts/login/", "/admin/login/", "/api/v1/docs"]
)
def test_every_page_carries_the_content_security_policy(client, path):
    # when any page is shown
    policy = client.get(path)["Content-Security-Policy"]
    # then scripts and styles come from our origin only, images also from https, no framing
    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy
    assert "img-src 'self' data: https:" in policy
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy


def test_a_moderators_rejection_takes_the_deal_off_at_once(
    client, published_deal, moderator, django_capture_on_commit_callbacks
):
    # given a deal's page seen once (and kept for a few seconds)
    url = reverse("storefront:deal", args=[published_deal.pk])
    assert client.get(url).status_code == 200
    # when a moderator rejects the deal
    with django_capture_on_commit_callbacks(execute=True):
        reject(published_deal, moderator, "Giá trước khuyến mại không đúng.")
    # then its page is gone now, not when the kept copy expires
    assert client.get(url).status_code == 404


def test_five_shoppers_reports_take_a_kept_page_off_at_once(
    client, published_deal, django_capture_on_commit_callbacks
):
    # given the deal's page and its category's list, each seen once (and kept)
    page = reverse("storefront:deal", args=[published_deal.pk])
    listing = reverse("storefront:category", args=["dien-thoai-may-tinh-bang"])
    assert client.get(page).status_code == 200
    assert "iPhone 15 Pro Max" in client.get(listing).content.decode()
    # when five shoppers report it through the form
    with django_capture_on_commit_callbacks(execute=True):
        for number in range(5):
            client.post(
                reverse("reports:report", args=[published_deal.pk]),
                {"reason": ReportReason.FAKE_DISCOUNT},
                REMOTE_ADDR=f"10.1.0.{number}",
            )
    # then neither kept copy shows it any more
    assert client.get(page).status_code == 404
    assert "iPhone 15 Pro Max" not in client.get(listing).content.decode()


def test_an_approval_shows_the_deal_on_a_kept_list_at_once(
    client, deal_factory, moderator, django_capture_on_commit_callbacks
):
    # given a deal in review, and its category's list seen (and kept) without it
    deal = deal_factory(status="review")
    listing = reverse("storefront:category", args=["dien-thoai-may-tinh-bang"])
    assert "iPhone 15 Pro Max" not in client.get(listing).content.decode()
    # when a moderator approves it
    with django_capture_on_commit_callbacks(execute=True):
        approve(deal, moderator)
    # then the list shows it now, not when the kept copy expires
    assert "iPhone 15 Pro Max" in client.get(listing).content.decode()


def test_production_keeps_the_pages_in_redis(tmp_path):
    # given the settings read with REDIS_URL set, as in production
    probe = (
        "import django; django.setup(); from django.conf import settings;"
        "print(settings.CACHES['default']['BACKEND'], settings.CACHES['default']['LOCATION'])"
    )
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env.update(
        REDIS_URL="redis://cache.internal:6379/0",
        DJANGO_SETTINGS_MODULE="onlinefriday.settings",
        ONLINEFRIDAY_VAR_DIR=str(tmp_path),
    )
    # when a process starts with them
    done = subprocess.run(
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True, timeout=60
    )
    # then the cache the shopper pages are kept in is that Redis
    assert done.stdout.split() == [
        "onlinefriday.core.redis_cache.RedisCache",
        "redis://cache.internal:6379/0",
    ], done.stderr


@pytest.mark.parametrize("name", ["category", "platform", "deal"])
def test_a_kept_copy_carries_the_content_security_policy_too(client, published_deal, name):
    # given a shopper page served once, then from the shared cache
    args = {
        "category": ["dien-thoai-may-tinh-bang"],
        "platform": ["shopee"],
        "deal": [published_deal.pk],
    }[name]
    address = reverse(f"storefront:{name}", args=args)
    first, kept = client.get(address), client.get(address)
    # then both answers carry the policy
    assert kept.content == first.content
    for response in (first, kept):
        assert "script-src 'self'" in response["Content-Security-Policy"]
