"""With only REDIS_URL set, the cache and the task queues live in different Redis databases, so
that clearing the cache (FLUSHDB) never empties the queues."""

import pytest

from onlinefriday.settings import next_redis_database


@pytest.mark.parametrize(
    ("cache", "broker"),
    [
        ("redis://127.0.0.1:6379/0", "redis://127.0.0.1:6379/1"),
        ("redis://127.0.0.1:6379", "redis://127.0.0.1:6379/1"),
        ("rediss://:s3cret@cache.internal:6380/4", "rediss://:s3cret@cache.internal:6380/5"),
    ],
)
def test_the_broker_takes_the_caches_next_database(cache, broker):
    # given the cache's URL / when the broker's is derived / then it is the next database
    assert next_redis_database(cache) == broker
