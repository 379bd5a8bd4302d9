"""A bound on the bytes a cache may take for what anonymous clients cause to be stored.

Every distinct query or persisted document a client sends can become a cache entry, so without a bound a client
could fill Redis (and, under `allkeys-lru`, push out what must stay). Entries of one kind all live `seconds`; the
bytes stored are counted per window of that length, and an entry is admitted only while the bytes stored in the
current and the previous window stay within the budget. Anything older has expired, so the live bytes never
exceed it, whatever the eviction policy. Refused entries are simply not cached: the answer is still given.
"""

import time
from dataclasses import dataclass

from django.core.cache import cache
from django_redis.exceptions import ConnectionInterrupted
from redis.exceptions import RedisError

# What a cache answers when it cannot be reached (django-redis wraps most of redis's errors).
CACHE_ERRORS = (ConnectionInterrupted, RedisError, OSError)


@dataclass(frozen=True)
class ByteBudget:
    name: str
    seconds: int
    max_bytes: int

    def window_key(self, window: int) -> str:
        return f"cache-bytes:{self.name}:{window}"

    def admit(self, size: int) -> bool:
        """Whether `size` more bytes fit; counted when they do. Entries that would live no time (the cache switched
        off with a lifetime of 0) never fit."""
        if size > self.max_bytes or self.seconds <= 0:
            return False
        window = int(time.time() // self.seconds)
        current, previous = self.window_key(window), self.window_key(window - 1)
        cache.add(current, 0, 2 * self.seconds)
        try:
            stored = cache.incr(current, size)
        except ValueError:  # the counter was evicted between the two calls: do not guess
            return False
        if stored + (cache.get(previous) or 0) > self.max_bytes:
            cache.decr(current, size)
            return False
        return True
