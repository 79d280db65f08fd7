"""Every click counted once: people and robots apart, per deal and per day, distinct visitors by
the day's hash. Runs on the journal (embedded) or on Redis, as the settings say."""

import os
import threading
import time
from datetime import date

import pytest
from django.utils import timezone

from onlinefriday.deals.models import DealStatus
from onlinefriday.tracking import clicks
from onlinefriday.tracking.clicks import Click, record
from onlinefriday.tracking.flushing import TAKEN_SUFFIX, count_batch, flush_clicks
from onlinefriday.tracking.links import click_url
from onlinefriday.tracking.models import DailyClicks, DailyVisitor, DealClicks, FlushedBatch
from onlinefriday.tracking.visitors import vietnam_day
from tests.tracking.conftest import BROWSER

GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"


def test_clicks_sent_equal_clicks_counted(client, published_deal):
    # given 120 clicks from 40 shoppers' phones (3 each), and 30 by robots of several kinds
    url = click_url(published_deal)
    for number in range(120):
        client.get(url, REMOTE_ADDR=f"10.0.0.{number % 40}", HTTP_USER_AGENT=BROWSER)
    for _ in range(10):
        client.get(url, HTTP_USER_AGENT=GOOGLEBOT)
        client.head(url, HTTP_USER_AGENT=BROWSER)
        client.get(url, HTTP_USER_AGENT=BROWSER, HTTP_SEC_PURPOSE="prefetch;prerender")
    # when the clicks are flushed
    assert flush_clicks() == 150
    # then the counts are those sent, robots apart, and 40 distinct visitors today
    counts = DealClicks.objects.get(deal=published_deal)
    assert (counts.clicks, counts.bot_clicks) == (120, 30)
    today = DailyClicks.objects.get(deal=published_deal)
    assert (today.day, today.clicks, today.bot_clicks) == (vietnam_day(), 120, 30)
    assert DailyVisitor.objects.filter(deal=published_deal, day=vietnam_day()).count() == 40


def test_flushes_add_up_and_count_nothing_twice(shopper, published_deal):
    # given 3 clicks flushed, then 2 more
    for _ in range(3):
        shopper.get(click_url(published_deal))
    flush_clicks()
    for _ in range(2):
        shopper.get(click_url(published_deal))
    # when flushing twice more
    flush_clicks()
    assert flush_clicks() == 0
    # then the deal has 5 clicks, and the sort reads them through deal.clicks
    published_deal.refresh_from_db()
    assert published_deal.clicks.clicks == 5


def test_journal_taken_by_a_flush_that_stopped_is_counted_once(published_deal, click_store):
    # given a journal file an earlier flush took and stopped on, before counting it
    line = Click(published_deal.pk, date(2030, 11, 29), False, "a" * 32).encode()
    click_store.mkdir(parents=True, exist_ok=True)
    (click_store / f"web-1-abc{TAKEN_SUFFIX}").write_bytes(line * 4)
    # and one it had counted, but not yet deleted
    (click_store / f"web-1-def{TAKEN_SUFFIX}").write_bytes(line * 7)
    FlushedBatch.objects.create(name="web-1-def", clicks=7)
    # when the next flush runs
    assert flush_clicks() == 4
    # then the first counts once, the second not again, and both files are gone
    assert DealClicks.objects.get(deal=published_deal).clicks == 4
    assert not list(click_store.iterdir())


def test_a_batch_counted_twice_counts_once(published_deal):
    lines = [Click(published_deal.pk, date(2030, 11, 29), True, "").encode()] * 3
    assert count_batch("flushing:1", lines) == 3
    assert count_batch("flushing:1", lines) == 0
    assert DealClicks.objects.get(deal=published_deal).bot_clicks == 3


def test_clicks_on_a_deleted_deal_are_dropped(published_deal, deal_factory):
    other = deal_factory()
    lines = [
        Click(deal.pk, date(2030, 11, 29), False, "").encode() for deal in (published_deal, other)
    ]
    other.delete()
    assert count_batch("flushing:2", lines) == 2
    assert DealClicks.objects.get().deal_id == published_deal.pk


def test_no_click_lost_while_flushing(published_deal):
    # given 8 web threads recording 500 clicks each while the worker flushes, again and again
    click = Click(published_deal.pk, timezone.localdate(), False, "b" * 32)

    def web():
        for _ in range(500):
            record(click)

    threads = [threading.Thread(target=web) for _ in range(8)]
    for thread in threads:
        thread.start()
    counted = 0
    while any(thread.is_alive() for thread in threads):
        counted += flush_clicks()
    # when the last flush runs
    counted += flush_clicks()
    # then every click is counted, once
    assert counted == 4_000
    assert DealClicks.objects.get(deal=published_deal).clicks == 4_000


def test_click_waits_in_the_journal_when_redis_fails(published_deal, monkeypatch):
    # given a Redis that refuses every command
    import redis

    class Down:
        def rpush(self, *args):
            raise redis.ConnectionError("down")

    monkeypatch.setattr(clicks, "redis_client", lambda: Down())
    # when a click is recorded, then it is in this process's journal, and counted from there
    record(Click(published_deal.pk, vietnam_day(), False, ""))
    monkeypatch.undo()
    assert flush_clicks() == 1


@pytest.mark.parametrize(
    "agent",
    [
        GOOGLEBOT,
        "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
        "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
        "Mozilla/5.0 (compatible; coccocbot-web/1.0; +http://help.coccoc.com/searchengine)",
        "Mozilla/5.0 (compatible; Zalo-Preview/1.0)",
        "TelegramBot (like TwitterBot)",
        "curl/8.5.0",
        "python-requests/2.32.3",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 HeadlessChrome/126.0.0.0",
        "",
    ],
)
def test_robots(client, published_deal, agent):
    client.get(click_url(published_deal), HTTP_USER_AGENT=agent)
    flush_clicks()
    counts = DealClicks.objects.get(deal=published_deal)
    assert (counts.clicks, counts.bot_clicks) == (0, 1)


@pytest.mark.parametrize(
    "agent",
    [
        BROWSER,
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
        "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
        # Zalo's in-app browser: a shopper who tapped a link in a chat
        "Mozilla/5.0 (Linux; Android 13; 2201117TG) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Version/4.0 Chrome/120.0.6099.230 Mobile Safari/537.36 Zalo android/12100664",
        "Mozilla/5.0 (Linux; Android 9; CUBOT X19) AppleWebKit/537.36 Chrome/92.0 Mobile",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/126.0.0.0 Safari/537.36 coc_coc_browser/124.0.178",
    ],
)
def test_people(client, published_deal, agent):
    client.get(click_url(published_deal), HTTP_USER_AGENT=agent)
    flush_clicks()
    counts = DealClicks.objects.get(deal=published_deal)
    assert (counts.clicks, counts.bot_clicks) == (1, 0)


# Transactional: the worker's thread flushes through its own connection, which must see the deal.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_worker_counts_clicks_as_they_come_and_when_it_stops(deal_factory, settings):
    # given a worker that flushes every tenth of a second
    from onlinefriday.tracking.tasks import flush_before_stopping, start_flushing

    settings.CLICK_FLUSH_SECONDS = 0.1
    deal = deal_factory(status=DealStatus.ACCEPTED)
    start_flushing()
    try:
        # when a click comes, then it is counted within a few rounds
        record(Click(deal.pk, vietnam_day(), False, ""))
        for _ in range(100):
            if DealClicks.objects.filter(deal=deal).exists():
                break
            time.sleep(0.1)
        assert DealClicks.objects.get(deal=deal).clicks == 1
        # and a click just before the worker stops is counted as it stops
        record(Click(deal.pk, vietnam_day(), False, ""))
    finally:
        flush_before_stopping()
    assert DealClicks.objects.get(deal=deal).clicks == 2


def test_forked_web_processes_keep_their_own_journals(published_deal):
    # given a web server's master that recorded a click, then forked three workers
    click = Click(published_deal.pk, vietnam_day(), False, "")
    record(click)
    children = []
    for _ in range(3):
        pid = os.fork()
        if pid == 0:  # a worker records 200 clicks, then exits
            try:
                for _ in range(200):
                    record(click)
            finally:
                os._exit(0)
        children.append(pid)
    for pid in children:
        os.waitpid(pid, 0)
    # when the clicks are flushed, then none was lost or written twice
    assert flush_clicks() == 601
