"""Bounded feed parsing: at most ``max_items`` items, at most ``time_limit`` seconds.

feedparser's cost grows with what a feed holds, not only with its size: a 4.5 MB feed of
60,000 tiny items, a 5 MB item of escaped HTML (its sanitizer) or 200,000 empty tags each
take seconds to tens of seconds of CPU, every poll. Two bounds keep one hostile feed from
burning a core:

- :func:`strikewatch.producers.feedparse.keep_first_items` cuts a feed after its first ``max_items`` items (feeds list
  their newest items first) and closes the elements that were open, so the rest is never
  parsed; the dropped items are counted.
- :class:`ParsePool` parses in worker processes and kills a worker whose parse runs past
  the time limit (a thread cannot be stopped; a process can). The feed's poll fails with
  ``reason=parse_timeout``, so its scheduler backs it off like any failing feed.
"""

from __future__ import annotations

import logging
import multiprocessing
import queue
import threading
from datetime import datetime
from multiprocessing.connection import Connection

from strikewatch.core.records import Link
from strikewatch.producers.feedparse import FeedParseError, parse_feed

log = logging.getLogger(__name__)

#: How long a new parser process may take to import its modules.
STARTUP_SECONDS = 60.0


class ParseTimeout(Exception):
    """A feed's parse ran past the time limit; its worker was stopped."""


def _serve(conn: Connection) -> None:
    """A worker process: parse what arrives, send back ("ok", links) or ("error", message)."""
    conn.send(("ready", None))  # imports done: the time limit counts parsing only
    while True:
        try:
            args, kwargs = conn.recv()
        except EOFError:
            return
        try:
            conn.send(("ok", parse_feed(*args, **kwargs)))
        except FeedParseError as exc:
            conn.send(("error", str(exc)))
        except Exception as exc:  # noqa: BLE001 - any other error is this feed's, not the worker's
            conn.send(("error", f"{args[1].url}: not a readable feed ({type(exc).__name__}: {exc})"))


class _Worker:
    def __init__(self, context) -> None:
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(child,), name="feed-parser", daemon=True)
        self.process.start()
        child.close()
        if not self.conn.poll(STARTUP_SECONDS):
            self.stop()
            raise RuntimeError(f"feed parser process not ready within {STARTUP_SECONDS:g}s")
        self.conn.recv()

    def stop(self) -> None:
        self.conn.close()
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=5)


class ParsePool:
    """Parse feeds in up to ``workers`` processes, each parse within ``time_limit`` seconds.

    Workers start on first use and are reused; a worker that overruns is killed and
    replaced on the next parse. Thread-safe (the poller parses from worker threads).
    """

    def __init__(self, workers: int, time_limit: float) -> None:
        self.time_limit = time_limit
        self._context = multiprocessing.get_context("spawn")  # no fork of a threaded process
        self._slots = threading.BoundedSemaphore(workers)
        self._idle: queue.SimpleQueue[_Worker] = queue.SimpleQueue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False

    def parse(self, content: bytes, feed, now: datetime, **kwargs) -> list[Link]:
        """:func:`parse_feed` in a worker: its links, or FeedParseError / ParseTimeout."""
        with self._slots:
            worker = self._take()
            try:
                worker.conn.send(((content, feed, now), kwargs))
                if not worker.conn.poll(self.time_limit):
                    raise ParseTimeout(f"{feed.url}: parsing took over {self.time_limit:g}s; stopped")
                status, value = worker.conn.recv()
            except (OSError, EOFError) as exc:  # the worker died (killed, out of memory)
                self._drop(worker)
                raise FeedParseError(f"{feed.url}: the parser process failed ({exc!r})") from None
            except ParseTimeout:
                self._drop(worker)
                raise
            self._idle.put(worker)
        if status == "error":
            raise FeedParseError(value)
        return value

    def _take(self) -> _Worker:
        try:
            return self._idle.get_nowait()
        except queue.Empty:
            worker = _Worker(self._context)
            with self._lock:
                self._all.add(worker)
            return worker

    def _drop(self, worker: _Worker) -> None:
        with self._lock:
            self._all.discard(worker)
        worker.stop()

    def close(self) -> None:
        """Stop every worker."""
        with self._lock:
            workers, self._all = list(self._all), set()
        for worker in workers:
            worker.stop()
