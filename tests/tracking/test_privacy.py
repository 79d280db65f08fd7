"""No address is kept: not in any table, not in the click store before the flush."""

from datetime import timedelta

from django.db import connection

from onlinefriday.moderation.models import ReportReason
from onlinefriday.tracking.clicks import REDIS_KEY, journal_dir, redis_client
from onlinefriday.tracking.flushing import flush_clicks
from onlinefriday.tracking.links import click_url
from onlinefriday.tracking.models import VisitorSalt
from onlinefriday.tracking.visitors import forget_old_salts, vietnam_day

ADDRESS = "203.113.152.77"  # a Vietnamese mobile network's address


def everything_stored() -> str:
    """Every row of every table, as text."""
    with connection.cursor() as cursor:
        rows = []
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            rows.extend(map(str, cursor.fetchall()))
    return "\n".join(rows)


def test_no_address_stored(shopper, published_deal):
    # given a shopper who clicked a deal and then reported it
    shopper.get(click_url(published_deal), REMOTE_ADDR=ADDRESS)
    # then, before the flush, the click store holds no address
    client = redis_client()
    if client is not None:
        assert ADDRESS.encode() not in b"".join(client.lrange(REDIS_KEY, 0, -1))
    else:
        assert ADDRESS.encode() not in b"".join(p.read_bytes() for p in journal_dir().iterdir())
    shopper.post(
        f"/deals/{published_deal.pk}/report/",
        {"reason": ReportReason.WRONG_PRICE, "details": "Giá trên sàn khác"},
        REMOTE_ADDR=ADDRESS,
    )
    # when the clicks are counted
    flush_clicks()
    # then no table holds the address, in any table
    stored = everything_stored()
    assert published_deal.url in stored  # the dump does read the tables
    assert ADDRESS not in stored


def test_salts_are_forgotten_after_two_days(db):
    # given the salts of today and of the three days before
    today = vietnam_day()
    for days in range(4):
        VisitorSalt.objects.create(day=today - timedelta(days=days), salt=str(days))
    # when old salts are forgotten, then today's and yesterday's remain
    forget_old_salts(today)
    assert set(VisitorSalt.objects.values_list("day", flat=True)) == {
        today,
        today - timedelta(days=1),
    }
