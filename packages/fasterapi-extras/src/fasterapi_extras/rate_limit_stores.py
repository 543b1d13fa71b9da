"""Where ``RateLimitMiddleware`` counts requests: in this process, or in Redis for every worker and machine.

A store answers one question per request: "count one more hit for this client; how many hits has its
current window seen, and in how many seconds does the window end?" A window starts with a client's
first hit and lasts ``window`` seconds (a fixed window per client).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, Protocol

__all__ = ["MemoryRateLimitStore", "RateLimitStore", "RedisRateLimitStore"]


class RateLimitStore(Protocol):
    """What ``RateLimitMiddleware`` needs from a store."""

    async def hit(self, key: str, window: float) -> tuple[int, float]:
        """Count one hit for ``key``: (hits in the current window including this one, seconds left in it)."""
        ...


class MemoryRateLimitStore:
    """Counters in this process: the default, right for one worker process (each worker counts alone)."""

    _PRUNE_EVERY = 1024

    def __init__(self, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self._windows: dict[str, tuple[float, int]] = {}
        self._calls = 0

    async def hit(self, key: str, window: float) -> tuple[int, float]:
        now = self.clock()
        self._calls += 1
        if self._calls % self._PRUNE_EVERY == 0:  # forget clients whose window is over
            self._windows = {k: w for k, w in self._windows.items() if now - w[0] < window}
        start, count = self._windows.get(key, (now, 0))
        if now - start >= window:
            start, count = now, 0
        self._windows[key] = (start, count + 1)
        return count + 1, start + window - now


class AsyncRedisScripting(Protocol):
    """What ``RedisRateLimitStore`` needs from its client: ``redis.asyncio.Redis`` fits."""

    async def eval(self, script: str, numkeys: int, *keys_and_args: str) -> Any: ...


# One round trip, atomic: the first hit of a window sets its expiry; a key that lost its expiry gets one.
_HIT_SCRIPT = """
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {count, ttl}
"""


class RedisRateLimitStore:
    """Counters in Redis, shared by every worker process and machine that uses the same Redis and prefix.

    ``RedisRateLimitStore(redis.asyncio.Redis.from_url("redis://..."))``. Each hit is one atomic
    script call (``INCR`` plus ``PEXPIRE`` on a window's first hit); windows end by Redis expiry, so
    nothing needs cleaning up. If Redis cannot be reached the request fails with the client's error.
    """

    def __init__(self, redis_client: AsyncRedisScripting, *, key_prefix: str = "fasterapi:ratelimit:") -> None:
        self.redis = redis_client
        self.key_prefix = key_prefix

    async def hit(self, key: str, window: float) -> tuple[int, float]:
        window_ms = max(1, round(window * 1000))
        count, ttl_ms = await self.redis.eval(_HIT_SCRIPT, 1, self.key_prefix + key, str(window_ms))
        return int(count), int(ttl_ms) / 1000
