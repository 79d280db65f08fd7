"""Django's Redis cache, with one ``redis.Redis`` client a connection pool.

Django's client builds a new ``redis.Redis`` for every operation; building one cost more CPU
than the GET it was for, and a shopper's page served from the cache makes two. The client is
thread-safe (its connections come from the pool), so each pool keeps one.
"""

from django.core.cache.backends import redis as django_redis


class _ClientPerPool(django_redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(django_redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _ClientPerPool
