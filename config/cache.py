"""A Redis cache that degrades instead of failing.

The cache holds sign-in rate limits and the work pages remember
(councils/freshness.py): nothing a page cannot do without. If
Redis cannot be reached, each call falls back to a cache in this process's
memory (so the limits still hold, per process) and logs one line, instead of
answering every sign-in with a 500. When Redis answers again, it is used again.
"""

from __future__ import annotations

import logging
import time

from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)
# After a failure, do not try Redis again for this long: each try can take
# up to the connect timeout.
RETRY_AFTER_SECONDS = 5.0

_DELEGATED = (
    "add",
    "get",
    "set",
    "touch",
    "delete",
    "get_many",
    "has_key",
    "incr",
    "set_many",
    "delete_many",
    "clear",
)


class DegradingRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._fallback = LocMemCache(f"degraded-{server}", {"TIMEOUT": params.get("TIMEOUT", 300)})
        self._down_until = 0.0

    def _call(self, name: str, *args, **kwargs):
        if time.monotonic() < self._down_until:
            return getattr(self._fallback, name)(*args, **kwargs)
        try:
            return getattr(super(), name)(*args, **kwargs)
        except UNREACHABLE as error:
            self._down_until = time.monotonic() + RETRY_AFTER_SECONDS
            logger.error(
                "cache: Redis unreachable, using this process's memory for %ss (%s: %s)",
                RETRY_AFTER_SECONDS,
                type(error).__name__,
                error,
            )
            return getattr(self._fallback, name)(*args, **kwargs)


def _delegate(name: str):
    def method(self, *args, **kwargs):
        return self._call(name, *args, **kwargs)

    method.__name__ = name
    return method


for _name in _DELEGATED:
    setattr(DegradingRedisCache, _name, _delegate(_name))
