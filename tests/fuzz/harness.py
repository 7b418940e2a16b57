"""Run one fuzz target under atheris (libFuzzer): ``python -m tests.fuzz.harness TARGET [options]``.

    .venv/bin/python -m tests.fuzz.harness records tests/fuzz/corpus/records -max_total_time=300

TARGET is one of records, feed, page, extract, dedup, subscriptions (tests/fuzz/targets.py);
the options are libFuzzer's (``-help=1``). A directory argument is a corpus: libFuzzer
runs every file in it, then mutates them, and writes inputs that reach new code into the
*first* directory, so give a scratch directory first to keep the committed seeds as they
are. A crash is saved as ``crash-<sha1>`` (``-artifact_prefix=DIR/``); pass that file
instead of a directory to replay it.

Only strikewatch's own modules are instrumented by default (2 s to start); for a long
run, STRIKEWATCH_FUZZ_INSTRUMENT=feedparser,trafilatura adds libraries (slower to start).
"""

from __future__ import annotations

import os
import sys

import atheris


def main(argv: list[str]) -> None:
    names = ("records", "feed", "page", "extract", "dedup", "subscriptions")
    if len(argv) < 2 or argv[1] not in names:
        sys.exit(f"usage: python -m tests.fuzz.harness {{{','.join(names)}}} [libFuzzer options]")
    name = argv.pop(1)
    extra = [p for p in os.environ.get("STRIKEWATCH_FUZZ_INSTRUMENT", "").split(",") if p]
    if not extra:  # the libraries load uninstrumented, so only strikewatch's code is traced
        import feedparser  # noqa: E401, F401
    with atheris.instrument_imports(include=["strikewatch", "tests.fuzz", *extra]):
        from tests.fuzz.targets import TARGETS
    atheris.Setup(argv, TARGETS[name])
    atheris.Fuzz()


if __name__ == "__main__":
    main(sys.argv)
