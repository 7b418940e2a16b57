"""What the benchmark suite shows on stderr while it runs, and the broker noise it hides.

Each benchmark gets a line when it starts and one with its elapsed time when it ends;
a wait with a known count (messages acknowledged, events out of the processor) shows a
tqdm bar on a terminal and plain lines, a few seconds apart, anywhere else (a CI log,
a file), where a redrawn bar would be a smear of carriage returns.

While the bench starts its own Kafka broker, kafka-python clients that reach the port
before it listens log each refused connection as an ERROR; those records are expected
and dropped, and only for the start-up (:func:`quiet_kafka_start`).
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import IO

log = logging.getLogger(__name__)

#: Seconds between two plain progress lines of one count (not on a terminal).
PLAIN_EVERY_SECONDS = 5.0

#: What kafka-python's messages say when nothing listens on the port yet (an ERROR per
#: attempt, and WARNINGs about the backoff that follows).
_REFUSED = ("ECONNREFUSED", "Connection refused", "Errno 111", "not ready; waiting")


def _is_tty(out: IO[str]) -> bool:
    try:
        return out.isatty()
    except (AttributeError, ValueError):
        return False


class Stages:
    """One line per benchmark on ``out``: "[bench 3/10] poll ..." then "... done in 4.2 s"."""

    def __init__(self, total: int, out: IO[str] | None = None):
        self.total = total
        self.out = out or sys.stderr
        self.index = 0
        self._head = ""
        self._start = 0.0

    def begin(self, name: str) -> None:
        self.index += 1
        self._head = f"[bench {self.index}/{self.total}] {name}"
        self._start = time.perf_counter()
        self.say(f"{self._head} ...")

    def end(self, failed: bool = False) -> None:
        self.say(f"{self._head} {'FAILED after' if failed else 'done in'} {time.perf_counter() - self._start:.1f} s")

    def say(self, text: str) -> None:
        self.out.write(text + "\n")
        self.out.flush()


@contextmanager
def counter(what: str, total: int, unit: str = "it", out: IO[str] | None = None,
            every: float = PLAIN_EVERY_SECONDS) -> Iterator[Callable[[int], None]]:
    """Progress of a count towards ``total``; yields ``update(done)`` (the count so far)."""
    out = out or sys.stderr
    if _is_tty(out):
        from tqdm import tqdm

        bar = tqdm(total=total, desc=f"[bench] {what}", unit=unit, file=out, leave=True,
                   dynamic_ncols=True)

        def update(done: int) -> None:
            if done != bar.n:
                bar.update(done - bar.n)

        try:
            yield update
        finally:
            bar.close()
        return
    start = time.perf_counter()
    state = {"done": 0, "shown": None, "at": start}

    def line() -> None:
        out.write(f"[bench] {what}: {state['done']:,}/{total:,} {unit} "
                  f"after {time.perf_counter() - start:.1f} s\n")
        out.flush()
        state["shown"], state["at"] = state["done"], time.perf_counter()

    def plain(done: int) -> None:
        state["done"] = done
        if done != state["shown"] and time.perf_counter() - state["at"] >= every:
            line()

    try:
        yield plain
    finally:
        if state["done"] != state["shown"]:
            line()  # where the count ended, whatever the last line said


@contextmanager
def quiet_kafka_start() -> Iterator[None]:
    """Drop kafka-python's connection-refused records while a broker starts; restore after.

    Any other record (the client giving up, "Bootstrap failed"; an authentication or protocol
    error) still shows, and the filter is gone when the block ends, so a broker that dies
    later is still heard.
    """
    import kafka  # noqa: F401  (creates kafka-python's loggers, so the filter reaches each)

    dropped = [0]

    class Refused(logging.Filter):
        def filter(self, record: logging.LogRecord) -> bool:
            if any(text in record.getMessage() for text in _REFUSED):
                dropped[0] += 1
                return False
            return True

    refused = Refused()
    loggers = [logger for name, logger in logging.root.manager.loggerDict.items()
               if (name == "kafka" or name.startswith("kafka.")) and isinstance(logger, logging.Logger)]
    for logger in loggers:
        logger.addFilter(refused)
    try:
        yield
    finally:
        for logger in loggers:
            logger.removeFilter(refused)
        if dropped[0]:
            log.debug("dropped %d connection-refused records of kafka-python while the broker started",
                      dropped[0])
