"""JSON Lines in and out, for the command-line stages."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterable, Iterator
from typing import IO, TypeVar

from strikewatch.core.records import RecordError, _Record, decode

log = logging.getLogger(__name__)

R = TypeVar("R", bound=_Record)


def read_records(
    cls: type[R],
    lines: Iterable[str] | Iterable[bytes],
    source: str = "stdin",
    errors: list[RecordError] | None = None,
) -> Iterator[R]:
    """Yield valid records; report each bad line on stderr with its number and skip it.

    Lines may be bytes (each decoded as UTF-8 on its own, so one bad line is one error).
    """
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            yield decode(cls, line, source=f"{source}:{number}")
        except RecordError as exc:
            log.warning("skipped line: %s", exc)
            if errors is not None:
                errors.append(exc)


def write_json_line(obj: dict | _Record, out: IO[str] | None = None) -> None:
    import json

    out = out or sys.stdout
    text = obj.to_json() if isinstance(obj, _Record) else json.dumps(obj, ensure_ascii=False)
    out.write(text + "\n")
    out.flush()
