"""A festival open for deals, and deals of the fixture merchant in it as the engine judged them."""

from datetime import timedelta

import pytest

from tests.moderation.builders import send_deal


@pytest.fixture
def open_festival(festival_factory):
    """A festival starting in ten days: deals may still be sent and edited."""
    return festival_factory(starts_in=timedelta(days=10), slug="kiem-duyet-2030")


@pytest.fixture
def send(merchant, shop, open_festival):
    """Send a deal of the fixture merchant to the open festival (fields as in the API)."""

    def make(**fields):
        return send_deal(merchant, open_festival, **fields)

    return make


@pytest.fixture
def review_deal(send):
    """A TV with no price history: the engine asks a moderator (NO_PRICE_HISTORY)."""
    return send(sku="TV-55", price_history=[])


@pytest.fixture
def moderator_client(client, moderator):
    client.force_login(moderator)
    return client
