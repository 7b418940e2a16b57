"""Run the benchmark suite: `strikewatch bench [--quick] [--only NAME,...] [--json PATH]`."""

from __future__ import annotations

import logging
import os
import sys
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
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
from strikewatch.bench.progress import Stages

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


#: the benchmarks that need a Kafka broker; run together, they share one
ON_KAFKA = ("poll_kafka", "processor_kafka", "kafka")


@contextmanager
def shared_broker(names: list[str], stages: Stages) -> Iterator[None]:
    """One broker for every Kafka benchmark of this run, unless STRIKEWATCH_KAFKA_BOOTSTRAP names one.

    Each Kafka benchmark started (and formatted, and warmed) a broker of its own: about
    6 s apiece on 2 cores. The benchmarks use their own topic prefixes, so they can share.
    """
    if os.environ.get("STRIKEWATCH_KAFKA_BOOTSTRAP") or sum(n in ON_KAFKA for n in names) < 2:
        yield
        return
    from strikewatch.bench.e2e_kafka import _broker

    stages.say(f"[bench] starting one Kafka broker for {', '.join(n for n in names if n in ON_KAFKA)} ...")
    try:
        bootstrap, broker = _broker()
    except Exception as exc:  # each Kafka benchmark then tries on its own and reports why it failed
        log.warning("could not start one Kafka broker for the suite (%s); each Kafka benchmark tries its own", exc)
        yield
        return
    if broker is None:
        yield
        return
    stages.say(f"[bench] Kafka broker ready on {bootstrap} after {broker.startup_seconds:.1f} s")
    os.environ["STRIKEWATCH_KAFKA_BOOTSTRAP"] = bootstrap
    try:
        yield
    finally:
        del os.environ["STRIKEWATCH_KAFKA_BOOTSTRAP"]
        broker.stop()


def main(quick: bool, only: list[str] | None, json_path: Path, out: IO[str] = sys.stdout,
         progress: IO[str] | None = None) -> int:
    """Run the benchmarks named by ``only`` (all by default): the table on ``out``, progress on
    ``progress`` (stderr)."""
    names = [n for name in (only or list(SUITE)) for n in GROUPS.get(name, [name])]
    unknown = [n for n in names if n not in SUITE]
    if unknown:
        from strikewatch.core.errors import UsageError

        raise UsageError(f"unknown benchmark(s) {', '.join(unknown)}; "
                         f"choose from {', '.join([*SUITE, *GROUPS])}")
    # the stages' own INFO lines would drown the table
    for name in ("strikewatch", "faust", "kafka", "tests"):  # tests: the broker of tests/kafka_broker.py
        logging.getLogger(name).setLevel(logging.WARNING)
    info = machine()
    out.write(f"strikewatch bench{' --quick' if quick else ''} on {info['cpu_model']} "
              f"({info['cpus']} cpus), Python {info['python']}, {info['date']}\n\n")
    rows: list[Row] = []
    stages = Stages(len(names), progress)
    with shared_broker(names, stages):
        for name in names:
            stages.begin(name)
            try:
                got = SUITE[name].bench(quick)
            except Exception as exc:  # one broken benchmark must not hide the others
                log.error("benchmark %s failed:\n%s", name, traceback.format_exc())
                got = [Row(name, "(failed)", None, "", note=f"{type(exc).__name__}: {exc}")]
            stages.end(failed=any(r.metric == "(failed)" for r in got))
            rows += got
    print_table(rows, out)
    write_json(rows, json_path, quick)
    out.write(f"\nJSON written to {json_path}\n")
    return 1 if any(r.metric == "(failed)" for r in rows) else 0
