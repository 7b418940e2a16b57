"""End to end in one process: `strikewatch run --replay DIR --once` over generated load.

Every item is in its feed when the run starts, so an alert's latency is the time from
the start of the run to the alert line being written: poll, fetch, extract, dedup and
alert for the whole batch. Each batch size runs in a fresh process, so its peak RSS is
its own (a peak read in the bench process would be the highest of every bench before
it); the extraction and parser processes' peaks are reported next to it.
"""

from __future__ import annotations

import io
import json
import logging
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from strikewatch.bench.core import Row
from strikewatch.bench.loadgen import make_replay


class StampedStream(io.TextIOBase):
    """Records the time each alert line is written, and drops the text (keeping it
    would count the benchmark's own buffer in the runner's memory)."""

    def __init__(self) -> None:
        super().__init__()
        self.stamps: list[float] = []

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        self.stamps += [time.perf_counter()] * text.count("\n")
        return len(text)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def measure(n: int) -> dict:
    """One run over ``n`` generated articles in this process (call in a fresh process)."""
    from strikewatch.core.settings import RunSettings
    from strikewatch.runner import run

    with tempfile.TemporaryDirectory(prefix="strikewatch-bench-") as tmp:
        load = make_replay(Path(tmp) / "replay", n_articles=n, n_feeds=10)
        settings = RunSettings(data_dir=Path(tmp) / "data", metrics_port=0, feed_max_items=n)
        stream = StampedStream()
        logging.getLogger("strikewatch").setLevel(logging.WARNING)
        start = time.perf_counter()
        status = run(settings, replay=Path(tmp) / "replay", once=True, stream=stream)
        seconds = time.perf_counter() - start
    usage = resource.getrusage
    return {
        "articles": n, "attacks": load["attacks"], "status": status, "seconds": seconds,
        "alerts": len(stream.stamps), "latencies": [s - start for s in stream.stamps],
        "rss_mib": usage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "children_rss_mib": usage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }


def _in_fresh_process(n: int) -> dict:
    sys.stderr.write(f"[bench run] {n:,} articles in a fresh process ...\n")
    result = subprocess.run(
        [sys.executable, "-m", "strikewatch.bench.e2e_run", str(n)],
        capture_output=True, text=True, timeout=3600, env={**os.environ},
    )
    if result.returncode != 0:
        raise RuntimeError(f"run over {n} articles failed: {result.stderr.strip()[-400:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def bench(quick: bool) -> list[Row]:
    rows: list[Row] = []
    for n in (100,) if quick else (1000, 10_000):
        r = _in_fresh_process(n)
        stage = f"end to end (run, {n:,} articles)"
        note = f"{n:,} articles ({r['attacks']:,} attack reports) over 10 feeds; {r['alerts']:,} alerts"
        if r["status"] != 0 or not r["alerts"]:
            rows.append(Row(stage, "(failed)", None, "", note=f"exit {r['status']}; {note}"))
            continue
        rows += [
            Row(stage, "throughput", n / r["seconds"], "articles/s", note=note),
            Row(stage, "peak memory", r["rss_mib"], "MiB",
                note=f"runner process RSS; its largest extraction or parser process: "
                     f"{r['children_rss_mib']:.0f} MiB"),
        ]
        for p in (50, 95, 99):
            rows.append(Row(stage, f"p{p} latency item -> alert", percentile(r["latencies"], p), "s",
                            note="all items appear at the start of the run"))
    return rows


if __name__ == "__main__":
    print(json.dumps(measure(int(sys.argv[1]))))
