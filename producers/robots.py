"""robots.txt for article fetching: fetched once per host, cached, honoured (RFC 9309).

A missing robots.txt (4xx) allows everything; an unavailable one (5xx) disallows
the host for a short while, as RFC 9309 asks; no answer at all (timeout,
connection refused) fails the page's fetch with that reason. A Crawl-delay
longer than our own pause slows the host down.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from strikewatch.core.settings import ProducerSettings
from strikewatch.producers.http import FetchError, afetch_bytes
from strikewatch.producers.schedule import HostLimiter

log = logging.getLogger(__name__)

#: How long a fetched robots.txt is trusted.
ROBOTS_TTL_SECONDS = 24 * 3600.0
#: How long an unreachable robots.txt keeps the host disallowed before we ask again.
UNREACHABLE_TTL_SECONDS = 600.0
#: robots.txt files are small; bigger ones are cut (RFC 9309 asks for at least 500 KiB).
ROBOTS_MAX_BYTES = 512 * 1024


def product_token(user_agent: str) -> str:
    """The name robots.txt groups match on: 'strikewatch' of 'strikewatch/0.1 (+url)'."""
    return user_agent.split("/", 1)[0].split()[0] if user_agent.strip() else "*"


class RobotsCache:
    """Per-host robots.txt rules, cached with a time to live."""

    def __init__(
        self,
        settings: ProducerSettings,
        limiter: HostLimiter | None = None,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.settings = settings.model_copy(
            update={"max_body_bytes": min(settings.max_body_bytes, ROBOTS_MAX_BYTES)}
        )
        self.agent = product_token(settings.user_agent)
        self.limiter = limiter
        self.clock = clock
        self._rules: dict[str, tuple[RobotFileParser | None, float]] = {}
        self._locks: dict[str, asyncio.Lock] = {}
        self._loop: asyncio.AbstractEventLoop | None = None

    async def allowed(self, client: httpx.AsyncClient, url: str) -> bool:
        """May ``url`` be fetched? Fetches the host's robots.txt when not cached."""
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        loop = asyncio.get_running_loop()
        if loop is not self._loop:  # asyncio locks belong to one loop
            self._loop, self._locks = loop, {}
        # One download per host even when many of its pages are asked for at once.
        async with self._locks.setdefault(origin, asyncio.Lock()):
            cached = self._rules.get(origin)
            if cached is None or cached[1] < self.clock():
                # A network failure (no answer at all) raises: the page's fetch fails with it.
                cached = self._rules[origin] = await self._load(client, origin)
        rules = cached[0]
        return rules is not None and rules.can_fetch(self.agent, url)

    async def _load(
        self, client: httpx.AsyncClient, origin: str
    ) -> tuple[RobotFileParser | None, float]:
        rules = RobotFileParser(origin + "/robots.txt")
        try:
            result = await afetch_bytes(client, origin + "/robots.txt", self.settings)
        except FetchError as exc:
            if exc.status is None:
                raise
            if 400 <= exc.status < 500:
                rules.allow_all = True
                return rules, self.clock() + ROBOTS_TTL_SECONDS
            log.warning(
                "robots.txt unreachable, host disallowed for now origin=%s: %s", origin, exc
            )
            return None, self.clock() + UNREACHABLE_TTL_SECONDS
        rules.parse(result.content.decode("utf-8", errors="replace").splitlines())
        delay = rules.crawl_delay(self.agent)
        if delay and self.limiter is not None:
            host = urlsplit(origin).hostname or ""
            self.limiter.set_delay(host, float(delay))
        return rules, self.clock() + ROBOTS_TTL_SECONDS
