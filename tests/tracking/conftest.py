"""A published deal to click on, and an empty click store for each test: a journal directory of
its own (embedded) or an empty Redis list (when the broker is Redis)."""

import pytest

from onlinefriday.deals.models import DealStatus
from onlinefriday.tracking.clicks import REDIS_KEY, redis_client
from onlinefriday.tracking.flushing import REDIS_TAKEN

BROWSER = (
    "Mozilla/5.0 (Linux; Android 14; SM-A556E) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Mobile Safari/537.36"
)


def _empty_redis() -> None:
    client = redis_client()
    if client is not None:
        client.delete(REDIS_KEY, *client.keys(f"{REDIS_TAKEN}*"))


@pytest.fixture(autouse=True)
def click_store(settings, tmp_path):
    settings.CLICK_JOURNAL_DIR = tmp_path / "clicks"
    _empty_redis()
    yield settings.CLICK_JOURNAL_DIR
    _empty_redis()


@pytest.fixture
def published_deal(deal_factory):
    """An accepted iPhone deal of a festival that started an hour ago (slug deal-factory-1)."""
    return deal_factory(status=DealStatus.ACCEPTED)


@pytest.fixture
def shopper(client):
    """The test client as a shopper's phone browser."""
    client.defaults["HTTP_USER_AGENT"] = BROWSER
    return client
