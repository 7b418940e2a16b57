"""What every command shares: logging set-up and settings that fail as a usage error."""

from __future__ import annotations

import argparse
import logging
import sys
from typing import TypeVar

from pydantic import ValidationError

from strikewatch.core.errors import UsageError

S = TypeVar("S")

log = logging.getLogger(__name__)


def setup_logging(level: str = "INFO") -> None:
    logging.basicConfig(
        stream=sys.stderr,
        level=getattr(logging, level.upper(), logging.INFO),
        format="%(asctime)s %(levelname)s %(name)s %(message)s",
    )
    # One line per HTTP request drowns the pipeline's own log lines.
    for noisy in ("httpx", "httpcore", "kafka", "aiokafka", "trafilatura"):
        logging.getLogger(noisy).setLevel(max(logging.WARNING, logging.getLogger().level))


def bounded_int(low: int, high: int, what: str = "whole number"):
    """An argparse ``type`` for an integer within ``low``..``high`` (a usage error outside)."""

    def parse(text: str) -> int:
        try:
            n = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a {what}: {text!r}") from None
        if not low <= n <= high:
            raise argparse.ArgumentTypeError(f"{n:,} is outside {low:,}-{high:,}")
        return n

    return parse


def load_settings(cls: type[S]) -> S:
    """``cls()`` from the environment; an invalid value is a one-line usage error."""
    try:
        return cls()
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first["loc"])
        raise UsageError(f"invalid setting STRIKEWATCH_{field.upper()}: {first['msg']}") from None


def unusable(command: str, errors: list, count: int) -> int:
    """Exit code 2 when every line was bad: the input as a whole is unusable."""
    if errors and count == 0:
        print(
            f"strikewatch {command}: no valid line in input (first error: {errors[0]})",
            file=sys.stderr,
        )
        return 2
    return 0


def failed_line(errors: list, record: str, source: str, exc: Exception) -> None:
    """A line whose processing raised: report it like a bad line and go on with the next."""
    from strikewatch.core.records import RecordError

    error = RecordError(record, source, None, f"not processed ({type(exc).__name__}: {exc})")
    log.warning("skipped line: %s", error)
    errors.append(error)
