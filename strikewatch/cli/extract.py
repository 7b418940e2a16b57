"""``strikewatch extract``: JSON Lines articles on stdin -> attack verdicts and events."""

from __future__ import annotations

import argparse
import sys
from typing import IO, TYPE_CHECKING

from strikewatch.cli.common import failed_line, unusable

if TYPE_CHECKING:
    from strikewatch.core.records import Event

NAME = "extract"
HELP = "JSON Lines articles on stdin -> attack verdicts and events"


def add_arguments(p: argparse.ArgumentParser) -> None:
    pass


def run(args: argparse.Namespace) -> int:
    # bytes, decoded line by line: a line that is not UTF-8 is that line's error
    return extract_stream(sys.stdin.buffer, sys.stdout)


def identified(event: Event, article_id: str, index: int) -> Event:
    """``event`` (the ``index``-th of article ``article_id``) with its identifiers filled in.

    The extractor leaves ``event_id`` and each evidence's ``article_id`` empty: on the
    pipeline the dedup stage names the real-world event and files the evidence. Offline
    output is read on its own, so each event gets ``<article id>#<index>`` (stable across
    runs on the same input) and its evidence names the article. ``strikewatch dedup``
    ignores this id and assigns its own: same dedup ``event_id`` = same real-world event.
    """
    evidence = [e if e.article_id else e.model_copy(update={"article_id": article_id})
                for e in event.evidence]
    return event.model_copy(update={"event_id": event.event_id or f"{article_id}#{index}",
                                    "evidence": evidence})


def extract_stream(stdin: IO[str] | IO[bytes], stdout: IO[str]) -> int:
    """One output line per valid article line; bad lines reported on stderr and skipped."""
    from strikewatch.core.jsonl import read_records, write_json_line
    from strikewatch.core.records import Article, RecordError
    from strikewatch.processors.extract import analyse

    errors: list[RecordError] = []
    count = 0
    for article in read_records(Article, stdin, "stdin", errors):
        count += 1
        try:
            analysis = analyse(article)
        except Exception as exc:  # one article must not end the stream
            failed_line(errors, "Article", f"stdin, article {article.id!r}", exc)
            continue
        write_json_line(
            {
                "id": article.id,
                "is_attack": analysis.is_attack,
                "confidence": round(analysis.confidence, 3),
                "language": analysis.language,
                "reasons": analysis.reasons,
                "events": [identified(e, article.id, i).to_dict() for i, e in enumerate(analysis.events)],
            },
            stdout,
        )
    return unusable("extract", errors, count)
