"""The live stream: one poller reads new revisions from the archive, every client gets them.

The archive numbers each stored revision (``event_changes.seq``); one
:class:`ChangeFeed` per API process asks for the numbers after the last it saw every
``api_poll_seconds`` and puts each revision on every subscriber's queue. Writers may
be this process (``strikewatch run --serve``) or another one (``strikewatch sink`` on
Kafka): the archive is the meeting point either way.

A client that cannot keep up (its queue full) is disconnected rather than allowed
to hold the others back; it reconnects with ``Last-Event-ID`` and gets what it
missed from the archive.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

from starlette.concurrency import run_in_threadpool

from strikewatch.core.records import Event
from strikewatch.sinks.archive import Archive
from strikewatch.sinks.eventquery import EventFilter, matches

log = logging.getLogger(__name__)

#: Revisions one client may have waiting before it is dropped as too slow.
QUEUE_SIZE = 1000
#: Revisions read from the archive per query (a backlog is read in several).
BATCH = 500


@dataclass(eq=False)
class Subscriber:
    filter: EventFilter
    queue: asyncio.Queue = field(default_factory=lambda: asyncio.Queue(QUEUE_SIZE))
    dropped: bool = False


class ChangeFeed:
    """The one poller of an API process and its subscribers."""

    def __init__(self, archive: Archive, poll_seconds: float):
        self.archive = archive
        self.poll_seconds = poll_seconds
        self.position = 0
        self.subscribers: set[Subscriber] = set()
        self._task: asyncio.Task | None = None
        self._started: asyncio.Future | None = None
        self.dropped_total = 0

    async def start(self) -> None:
        """Start polling from the newest revision stored now (once; later calls wait for it)."""
        if self._started is None:
            self._started = asyncio.get_running_loop().create_future()
            try:
                self.position = await run_in_threadpool(self.archive.last_seq)
            except BaseException as exc:
                self._started.set_exception(exc)
                self._started = None
                raise
            self._task = asyncio.create_task(self._run(), name="strikewatch-change-feed")
            self._started.set_result(None)
        await self._started

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def _run(self) -> None:
        while True:
            try:
                await self.poll()
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # the archive is down or restarting: try again next round
                log.warning("stream poll failed error=%s: %s", type(exc).__name__, exc)
                with contextlib.suppress(Exception):
                    await run_in_threadpool(self.archive.db.reconnect)
            await asyncio.sleep(self.poll_seconds)

    async def poll(self) -> int:
        """Hand every revision stored since the last poll to the subscribers; return how many."""
        count = 0
        while True:
            changes = await run_in_threadpool(self.archive.changes_after, self.position, BATCH)
            for seq, event in changes:
                self._publish(seq, event)
                self.position = seq
            count += len(changes)
            if len(changes) < BATCH:
                return count

    def _publish(self, seq: int, event: Event) -> None:
        for sub in list(self.subscribers):
            if sub.dropped or not matches(sub.filter, event):
                continue
            try:
                sub.queue.put_nowait((seq, event))
            except asyncio.QueueFull:
                # Too slow: end its stream (the sentinel needs a free place).
                sub.dropped = True
                self.dropped_total += 1
                while not sub.queue.empty():
                    sub.queue.get_nowait()
                sub.queue.put_nowait(None)

    async def revisions(self, f: EventFilter, after: int | None) -> AsyncIterator[tuple[int, Event]]:
        """Revisions passing ``f``: those stored after number ``after`` (from the archive), then
        every new one as it arrives. Ends when the client is dropped as too slow."""
        sub = Subscriber(f)
        self.subscribers.add(sub)
        try:
            sent = self.position if after is None else after
            live_from = self.position
            # Backlog first: what the client missed, up to where the poller stands.
            while sent < live_from:
                changes = await run_in_threadpool(self.archive.changes_after, sent, BATCH)
                changes = [(s, e) for s, e in changes if s <= live_from]
                if not changes:
                    break
                for seq, event in changes:
                    if matches(f, event):
                        yield seq, event
                sent = changes[-1][0]
            while True:
                item = await sub.queue.get()
                if item is None:
                    return
                seq, event = item
                if seq > sent:
                    sent = seq
                    yield seq, event
        finally:
            self.subscribers.discard(sub)
