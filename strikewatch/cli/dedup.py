"""``strikewatch dedup``: JSON Lines events on stdin -> event ids and statuses."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from typing import IO

from strikewatch.cli.common import bounded_int, failed_line, unusable

NAME = "dedup"
HELP = "JSON Lines events on stdin -> event ids and statuses"

log = logging.getLogger(__name__)


#: The widest dedup window accepted: reports of one attack arrive within days, not years.
MAX_WINDOW_DAYS = 365


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--window-days", type=bounded_int(0, MAX_WINDOW_DAYS, "whole number of days"), default=3,
                   help=f"days within which reports may merge (0-{MAX_WINDOW_DAYS}, default 3)")


def run(args: argparse.Namespace) -> int:
    # bytes, decoded line by line: a line that is not UTF-8 is that line's error
    return dedup_stream(sys.stdin.buffer, sys.stdout, window_days=args.window_days)


def _events_in(stdin: IO[str], errors: list):
    """Yield events from lines that are events, or extract output lines (their ``events``)."""
    from strikewatch.core.records import Event, RecordError, decode

    for number, line in enumerate(stdin, start=1):
        if not line.strip():
            continue
        source = f"stdin:{number}"
        try:
            if isinstance(line, bytes):
                line = line.decode("utf-8")
            data = json.loads(line)
        except UnicodeDecodeError as exc:
            error = RecordError("Event", source, None, f"not UTF-8 ({exc.reason} at byte {exc.start})")
            log.warning("skipped line: %s", error)
            errors.append(error)
            continue
        except (ValueError, RecursionError) as exc:  # ValueError: an integer of 4,300+ digits
            detail = (f"{exc.msg} at column {exc.colno}" if isinstance(exc, json.JSONDecodeError)
                      else "nested too deeply" if isinstance(exc, RecursionError) else str(exc))
            error = RecordError("Event", source, None, f"not JSON ({detail})")
            log.warning("skipped line: %s", error)
            errors.append(error)
            continue
        items = (
            data.get("events") if isinstance(data, dict) and "event_type" not in data else [data]
        )
        if not isinstance(items, list):
            items = [data]
        for index, item in enumerate(items):
            if (
                isinstance(item, dict)
                and not item.get("id")
                and isinstance(data, dict)
                and data.get("id")
            ):
                item = {**item, "id": data["id"]}
            try:
                yield decode(Event, item, source if len(items) == 1 else f"{source} event {index}")
            except RecordError as exc:
                log.warning("skipped line: %s", exc)
                errors.append(exc)


def dedup_stream(stdin: IO[str] | IO[bytes], stdout: IO[str], window_days: int = 3) -> int:
    """One output line per valid event; bad lines reported on stderr and skipped."""
    from strikewatch.processors.dedup.state import memory_state

    errors: list = []
    state = memory_state(window_days)
    count = 0
    for event in _events_in(stdin, errors):
        count += 1
        if not event.id:
            event = event.model_copy(update={"id": f"line-{count}"})
        try:
            decision = state.add(event)
        except Exception as exc:  # one event must not end the stream
            failed_line(errors, "Event", f"stdin, event of article {event.id!r}", exc)
            continue
        stdout.write(
            json.dumps({"id": event.id, "event_id": decision.event_id, "status": decision.status})
            + "\n"
        )
    stdout.flush()
    return unusable("dedup", errors, count)
