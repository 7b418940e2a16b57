"""``strikewatch bench``: the benchmark suite (strikewatch/bench/)."""

from __future__ import annotations

import argparse
from pathlib import Path

NAME = "bench"
HELP = "benchmark every stage and end to end; print a table, write JSON"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--quick", action="store_true", help="small inputs, for CI smoke runs")
    p.add_argument("--only", help="comma-separated benchmarks or groups: feeds,extraction,poll,poll_kafka,"
                   "processing,dedup,processor_kafka,alerts,api,run,kafka | producers,processors,sinks,e2e")
    p.add_argument("--json", type=Path, default=Path("bench-results/bench.json"), help="where to write JSON")


def run(args: argparse.Namespace) -> int:
    from strikewatch.bench.suite import main as bench_main

    only = [n.strip() for n in args.only.split(",")] if args.only else None
    return bench_main(args.quick, only, args.json)
