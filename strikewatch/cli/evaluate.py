"""``strikewatch eval [extract|dedup] [FILE]``: score the extractor or the dedup on labeled data."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from strikewatch.core.errors import UsageError

NAME = "eval"
HELP = "score extraction (default) or dedup against labeled JSON Lines"
DESCRIPTION = (
    "strikewatch eval [extract] [FILE] | strikewatch eval dedup [FILE]; "
    "FILE defaults to the bundled development set under eval/."
)


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("args", nargs="*", metavar="[extract|dedup] [FILE]")
    p.add_argument("--json", action="store_true", help="extract: print the figures as JSON")


def run(args: argparse.Namespace) -> int:
    words = list(args.args)
    kind = words.pop(0) if words and words[0] in ("extract", "dedup") else "extract"
    if len(words) > 1:
        raise UsageError("usage: strikewatch eval [extract|dedup] [FILE]")
    path = Path(words[0]) if words else None
    if kind == "dedup":
        from strikewatch.evaluation.dedup import main as eval_dedup

        return eval_dedup(path, sys.stdout)
    from strikewatch.evaluation.extraction import main as eval_extract

    return eval_extract(path, sys.stdout, as_json=args.json)
