"""``strikewatch extract``: JSON Lines articles on stdin -> attack verdicts and events."""

from __future__ import annotations

import argparse
import sys
from typing import IO

from strikewatch.cli.common import failed_line, unusable

NAME = "extract"
HELP = "JSON Lines articles on stdin -> attack verdicts and events"


def add_arguments(p: argparse.ArgumentParser) -> None:
    pass


def run(args: argparse.Namespace) -> int:
    # bytes, decoded line by line: a line that is not UTF-8 is that line's error
    return extract_stream(sys.stdin.buffer, sys.stdout)


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
                "events": [e.to_dict() for e in analysis.events],
            },
            stdout,
        )
    return unusable("extract", errors, count)
