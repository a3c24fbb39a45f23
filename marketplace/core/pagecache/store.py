"""Where rendered pages are kept: Redis (shared by every worker and machine) or a
dictionary in the process (`make run`, tests), with the same meaning.

An entry is stored with the tags of what it shows. Invalidating a tag deletes the
entries holding it. A render reads the rows first and stores its page afterwards, so
an invalidation can fall in between: the render would store a page made of rows that
have changed since. To refuse such a page, the store keeps a counter that every
invalidation moves on, and, per tag, the counter's value at the tag's last
invalidation; a render notes the counter before reading anything (`clock()`), and
`put` refuses the page when one of its tags was invalidated after that. In Redis the
check and the write are one Lua script, and so is an invalidation: nothing runs
between their steps.

`clear()` forgets every page at once (a full reindex, a new catalogue): it records
the counter, and an entry stored before it counts as missing.

Keys (PAGE_CACHE_PREFIX, default "ocop:page:"): `e:<hash>` an entry, `t:<tag>` the set
of entries holding a tag, `v:<tag>` the counter at the tag's last invalidation,
`clock` the counter, `cleared` the counter at the last `clear()`. Lua scripts touch
keys they compute, so this needs one Redis server (or a primary), not Redis Cluster.
"""
import logging
import threading
import time
from collections import OrderedDict

log = logging.getLogger(__name__)

# How long a tag's invalidation is remembered: longer than any render can take
# (gunicorn's timeout is 30 s), so a render that read before it cannot store after it.
VERSION_SECONDS = 600
DEL_CHUNK = 500

_PUT = """
local prefix, since = ARGV[1], tonumber(ARGV[2])
local cleared = redis.call('GET', prefix .. 'cleared')
if cleared and tonumber(cleared) > since then return 0 end
for i = 5, #ARGV do
  local v = redis.call('GET', prefix .. 'v:' .. ARGV[i])
  if v and tonumber(v) > since then return 0 end
end
local ttl = tonumber(ARGV[3])
redis.call('SET', KEYS[1], ARGV[4], 'EX', ttl)
for i = 5, #ARGV do
  local set = prefix .. 't:' .. ARGV[i]
  redis.call('SADD', set, KEYS[1])
  if redis.call('TTL', set) < ttl then redis.call('EXPIRE', set, ttl) end
end
return 1
"""

_INVALIDATE = """
local prefix, keep = ARGV[1], ARGV[2]
local clock = redis.call('INCR', prefix .. 'clock')
local removed = 0
for i = 3, #ARGV do
  local tag = ARGV[i]
  redis.call('SET', prefix .. 'v:' .. tag, clock, 'EX', keep)
  local set = prefix .. 't:' .. tag
  local members = redis.call('SMEMBERS', set)
  for j = 1, #members, %(chunk)d do
    removed = removed + redis.call('DEL', unpack(members, j, math.min(j + %(chunk)d - 1, #members)))
  end
  redis.call('DEL', set)
end
return removed
""" % {"chunk": DEL_CHUNK}

_CLEAR = """
local clock = redis.call('INCR', ARGV[1] .. 'clock')
redis.call('SET', ARGV[1] .. 'cleared', clock)
return clock
"""


class StoreUnavailable(Exception):
    """The shared store did not answer; the page is served without it."""


class RedisStore:
    """Pages in Redis. After a failure the store is left alone for `retry_after` seconds
    (pages are rendered as if uncached) rather than making every request wait for it."""

    kind = "redis"

    def __init__(self, url, prefix="ocop:page:", timeout=0.25, retry_after=5.0):
        import redis
        self.url = url
        self.prefix = prefix
        self.redis = redis.Redis.from_url(url, socket_timeout=timeout, socket_connect_timeout=timeout,
                                          health_check_interval=30)
        self._put = self.redis.register_script(_PUT)
        self._invalidate = self.redis.register_script(_INVALIDATE)
        self._clear = self.redis.register_script(_CLEAR)
        self.retry_after = retry_after
        self._down_until = 0.0

    def _call(self, fn, *args, **kwargs):
        import redis
        if time.monotonic() < self._down_until:
            raise StoreUnavailable("page cache store marked down")
        try:
            return fn(*args, **kwargs)
        except (redis.RedisError, OSError) as exc:
            self._down_until = time.monotonic() + self.retry_after
            log.warning("page cache: Redis unavailable (%s); serving without it for %ss", exc, self.retry_after)
            raise StoreUnavailable(str(exc)) from exc

    def clock(self):
        value = self._call(self.redis.get, self.prefix + "clock")
        return int(value or 0)

    def get(self, key):
        """(value, cleared) : the entry's bytes or None, and the counter at the last clear."""
        value, cleared = self._call(self.redis.mget, [self.prefix + "e:" + key, self.prefix + "cleared"])
        return value, int(cleared or 0)

    def put(self, key, value, tags, ttl, since):
        if ttl < 1:
            return False
        return bool(self._call(self._put, keys=[self.prefix + "e:" + key],
                               args=[self.prefix, since, int(ttl), value, *sorted(tags)]))

    def invalidate(self, tags):
        tags = sorted(set(tags))
        if not tags:
            return 0
        if "*" in tags:
            self.clear()
            return 0
        removed = 0
        for start in range(0, len(tags), 200):  # a bounded script run per call
            removed += int(self._call(self._invalidate, args=[self.prefix, VERSION_SECONDS,
                                                              *tags[start:start + 200]]))
        return removed

    def clear(self):
        self._call(self._clear, args=[self.prefix])

    def health(self):
        try:
            self._call(self.redis.ping)
            return {"ok": True, "store": "redis"}
        except StoreUnavailable as exc:
            return {"ok": False, "store": "redis", "error": str(exc)}


class LocalStore:
    """Pages in this process's memory, for one process (`make run`, tests): the same
    counters and tags as RedisStore, under a lock, with at most `max_entries` pages
    (the least recently used go first). Wall-clock expiry, so a test that moves the
    clock sees pages expire."""

    kind = "local"

    def __init__(self, max_entries=2000):
        self.max_entries = max_entries
        self._lock = threading.Lock()
        self._entries = OrderedDict()  # key -> (value, expires_at, tags)
        self._tags = {}  # tag -> set of keys
        self._versions = {}  # tag -> (clock, forget_at)
        self._clock = 0
        self._cleared = 0

    def clock(self):
        with self._lock:
            return self._clock

    def get(self, key):
        with self._lock:
            found = self._entries.get(key)
            if found is None:
                return None, self._cleared
            if found[1] <= time.time():
                self._drop(key)
                return None, self._cleared
            self._entries.move_to_end(key)
            return found[0], self._cleared

    def put(self, key, value, tags, ttl, since):
        if ttl < 1:
            return False
        now = time.time()
        with self._lock:
            if self._cleared > since:
                return False
            for tag in tags:
                version = self._versions.get(tag)
                if version is not None and version[0] > since and version[1] > now:
                    return False
            self._drop(key)
            self._entries[key] = (value, now + ttl, frozenset(tags))
            for tag in tags:
                self._tags.setdefault(tag, set()).add(key)
            while len(self._entries) > self.max_entries:
                self._drop(next(iter(self._entries)))
            return True

    def _drop(self, key):
        found = self._entries.pop(key, None)
        if found is not None:
            for tag in found[2]:
                holders = self._tags.get(tag)
                if holders is not None:
                    holders.discard(key)
                    if not holders:
                        del self._tags[tag]

    def invalidate(self, tags):
        tags = set(tags)
        if "*" in tags:
            self.clear()
            return 0
        now = time.time()
        removed = 0
        with self._lock:
            self._clock += 1
            for tag in tags:
                self._versions[tag] = (self._clock, now + VERSION_SECONDS)
                for key in list(self._tags.get(tag, ())):
                    self._drop(key)
                    removed += 1
            if len(self._versions) > 10_000:
                self._versions = {t: v for t, v in self._versions.items() if v[1] > now}
        return removed

    def clear(self):
        with self._lock:
            self._clock += 1
            self._cleared = self._clock
            self._entries.clear()
            self._tags.clear()

    def health(self):
        return {"ok": True, "store": "local", "entries": len(self._entries)}

    def __len__(self):
        return len(self._entries)


class NearStore:
    """A shared store with each worker's most requested pages held near for a second.

    Under load, a page served from Redis costs one round trip per request, and on a
    machine whose cores are busy with the workers themselves that round trip (a switch
    to the Redis process and back) is most of a kept page's time. This layer keeps the
    entries this worker read from the shared store for `seconds` (PAGE_CACHE_NEAR_SECONDS,
    1 by default, below the 2 seconds in which a change must show), at most `max_entries`
    of them (the least recently used go first).

    What it costs: a change committed by *another* process shows here up to `seconds`
    later; a change this process commits, or a message of the outbox it handles, empties
    the layer at once (invalidations pass through it). Renders and puts go straight to the
    shared store, so pages are kept once for every worker."""

    def __init__(self, shared, seconds=1.0, max_entries=128, clock=time.monotonic):
        self.shared = shared
        self.clock = clock  # the tests pass their own, so that "a moment later" is not a race with the machine
        self.kind = shared.kind
        self.seconds = seconds
        self.max_entries = max_entries
        self._lock = threading.Lock()
        self._near = OrderedDict()  # key -> (value, cleared, read_at)

    def get(self, key):
        now = self.clock()
        with self._lock:
            found = self._near.get(key)
            if found is not None and now - found[2] < self.seconds:
                self._near.move_to_end(key)
                return found[0], found[1]
        value, cleared = self.shared.get(key)
        if value is not None:
            with self._lock:
                self._near[key] = (value, cleared, now)
                self._near.move_to_end(key)
                while len(self._near) > self.max_entries:
                    self._near.popitem(last=False)
        return value, cleared

    def forget(self):
        with self._lock:
            self._near.clear()

    def invalidate(self, tags):
        self.forget()
        return self.shared.invalidate(tags)

    def clear(self):
        self.forget()
        self.shared.clear()

    def clock(self):
        return self.shared.clock()

    def put(self, key, value, tags, ttl, since):
        return self.shared.put(key, value, tags, ttl, since)

    def health(self):
        return {**self.shared.health(), "near_seconds": self.seconds, "near_entries": len(self._near)}


def make_store(config):
    """The store PAGE_CACHE_URL names: redis://…, "local", or None for "off"."""
    url = (config.get("PAGE_CACHE_URL") or "off").strip()
    if url in ("off", "none", "0", ""):
        return None
    if url == "local":
        return LocalStore(int(config.get("PAGE_CACHE_LOCAL_ENTRIES") or 2000))
    if url.startswith(("redis://", "rediss://", "unix://")):
        shared = RedisStore(url, prefix=config.get("PAGE_CACHE_PREFIX") or "ocop:page:")
        near = float(config.get("PAGE_CACHE_NEAR_SECONDS") or 0)
        return NearStore(shared, seconds=near) if near > 0 else shared
    raise RuntimeError(f"PAGE_CACHE_URL must be redis://…, local or off; got {url!r}")
