"""Run the benchmark suite: `strikewatch bench [--quick] [--only NAME,...] [--json PATH]`."""

from __future__ import annotations

import logging
import sys
import time
import traceback
from pathlib import Path
from typing import IO

from strikewatch.bench import (
    alerts,
    api,
    dedup,
    e2e_kafka,
    e2e_run,
    extraction,
    feeds,
    poll,
    poll_kafka,
    processing,
    processor_kafka,
)
from strikewatch.bench.core import Row, machine, print_table, write_json

log = logging.getLogger(__name__)

#: name -> module with ``bench(quick) -> list[Row]``, in the order they run
SUITE = {
    "feeds": feeds,
    "extraction": extraction,
    "poll": poll,
    "poll_kafka": poll_kafka,
    "processing": processing,
    "dedup": dedup,
    "processor_kafka": processor_kafka,
    "alerts": alerts,
    "api": api,
    "run": e2e_run,
    "kafka": e2e_kafka,
}


#: groups usable with --only, e.g. `strikewatch bench --only producers`
GROUPS = {
    "producers": ["feeds", "extraction", "poll", "poll_kafka"],
    "processors": ["processing", "dedup", "processor_kafka"],
    "sinks": ["alerts", "api"],
    "e2e": ["run", "kafka"],
}


def main(quick: bool, only: list[str] | None, json_path: Path, out: IO[str] = sys.stdout) -> int:
    names = [n for name in (only or list(SUITE)) for n in GROUPS.get(name, [name])]
    unknown = [n for n in names if n not in SUITE]
    if unknown:
        from strikewatch.core.errors import UsageError

        raise UsageError(f"unknown benchmark(s) {', '.join(unknown)}; "
                         f"choose from {', '.join([*SUITE, *GROUPS])}")
    # the stages' own INFO lines would drown the table
    for name in ("strikewatch", "faust", "kafka"):
        logging.getLogger(name).setLevel(logging.WARNING)
    info = machine()
    out.write(f"strikewatch bench{' --quick' if quick else ''} on {info['cpu_model']} "
              f"({info['cpus']} cpus), Python {info['python']}, {info['date']}\n\n")
    rows: list[Row] = []
    for name in names:
        start = time.perf_counter()
        try:
            module = SUITE[name]
            got = module.bench(quick)
        except Exception as exc:  # one broken benchmark must not hide the others
            log.error("benchmark %s failed:\n%s", name, traceback.format_exc())
            got = [Row(name, "(failed)", None, "", note=f"{type(exc).__name__}: {exc}")]
        log.info("benchmark %s took %.1fs", name, time.perf_counter() - start)
        rows += got
    print_table(rows, out)
    write_json(rows, json_path, quick)
    out.write(f"\nJSON written to {json_path}\n")
    return 1 if any(r.metric == "(failed)" for r in rows) else 0
