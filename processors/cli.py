"""`strikewatch extract` and `strikewatch dedup`: JSON Lines filters over stdin/stdout."""

from __future__ import annotations

import json
import logging
import sys
from typing import IO

from strikewatch.core.jsonl import read_records, write_json_line
from strikewatch.core.records import Article, Event, RecordError, decode
from strikewatch.processors.dedup import LocalDedupStore
from strikewatch.processors.extract import analyse

log = logging.getLogger(__name__)


def _unusable(command: str, errors: list[RecordError], count: int) -> int:
    """All lines bad: the input as a whole is unusable."""
    if errors and count == 0:
        print(
            f"strikewatch {command}: no valid line in input (first error: {errors[0]})",
            file=sys.stderr,
        )
        return 2
    return 0


def extract_main(stdin: IO[str], stdout: IO[str]) -> int:
    errors: list[RecordError] = []
    count = 0
    for article in read_records(Article, stdin, "stdin", errors):
        count += 1
        analysis = analyse(article)
        write_json_line(
            {
                "id": article.id,
                "is_attack": analysis.is_attack,
                "confidence": round(analysis.confidence, 3),
                "language": analysis.language,
                "reasons": analysis.reasons,
                "events": [e.to_dict() for e in analysis.events],
            },
            stdout,
        )
    return _unusable("extract", errors, count)


def _events_in(stdin: IO[str], errors: list[RecordError]):
    """Yield events from lines that are events, or extract output lines (their ``events``)."""
    for number, line in enumerate(stdin, start=1):
        if not line.strip():
            continue
        source = f"stdin:{number}"
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            error = RecordError(
                "Event", source, None, f"not JSON ({exc.msg} at column {exc.colno})"
            )
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


def dedup_main(stdin: IO[str], stdout: IO[str], window_days: int = 3) -> int:
    errors: list[RecordError] = []
    store = LocalDedupStore(window_days)
    count = 0
    for event in _events_in(stdin, errors):
        count += 1
        if not event.id:
            event = event.model_copy(update={"id": f"line-{count}"})
        decision = store.add(event)
        stdout.write(
            json.dumps({"id": event.id, "event_id": decision.event_id, "status": decision.status})
            + "\n"
        )
    stdout.flush()
    return _unusable("dedup", errors, count)
