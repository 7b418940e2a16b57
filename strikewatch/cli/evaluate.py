"""``strikewatch eval [extract|dedup|pipeline] [FILE]``: score the extractor, the dedup, or both from text."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from strikewatch.core.errors import UsageError

NAME = "eval"
HELP = "score extraction (default), dedup, or the two together from text, against labeled JSON Lines"
DESCRIPTION = (
    "strikewatch eval [extract] [FILE] | strikewatch eval dedup [FILE] | "
    "strikewatch eval pipeline [FILE]; FILE defaults to the bundled development set under "
    "eval/ (pipeline: eval/independent-dev.jsonl)."
)


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("args", nargs="*", metavar="[extract|dedup|pipeline] [FILE]")
    p.add_argument(
        "--json", action="store_true", help="extract, pipeline: print the figures as JSON"
    )
    p.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help="extract: list every field error; pipeline: list the events of every split attack",
    )


def run(args: argparse.Namespace) -> int:
    words = list(args.args)
    kind = words.pop(0) if words and words[0] in ("extract", "dedup", "pipeline") else "extract"
    if len(words) > 1:
        raise UsageError("usage: strikewatch eval [extract|dedup|pipeline] [FILE]")
    path = Path(words[0]) if words else None
    if kind == "dedup":
        from strikewatch.evaluation.dedup import main as eval_dedup

        return eval_dedup(path, sys.stdout)
    if kind == "pipeline":
        from strikewatch.evaluation.pipeline import main as eval_pipeline

        return eval_pipeline(path, sys.stdout, as_json=args.json, verbose=args.verbose)
    from strikewatch.evaluation.extraction import main as eval_extract

    return eval_extract(path, sys.stdout, as_json=args.json, verbose=args.verbose)
