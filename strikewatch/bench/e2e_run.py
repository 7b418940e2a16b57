"""End to end in one process: `strikewatch run --replay DIR --once` over generated load.

Every item is in its feed when the run starts, so an alert's latency is the time from
the start of the run to the alert line being written: poll, fetch, extract, dedup and
alert for the whole batch.
"""

from __future__ import annotations

import io
import logging
import tempfile
import time
from pathlib import Path

from strikewatch.bench.core import Row, peak_rss_mib
from strikewatch.bench.loadgen import make_replay


class StampedStream(io.StringIO):
    """Records the time each alert line is written."""

    def __init__(self) -> None:
        super().__init__()
        self.stamps: list[float] = []

    def write(self, text: str) -> int:
        self.stamps += [time.perf_counter()] * text.count("\n")
        return super().write(text)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def bench(quick: bool) -> list[Row]:
    from strikewatch.core.settings import RunSettings
    from strikewatch.runner import run

    n = 100 if quick else 1000
    with tempfile.TemporaryDirectory(prefix="strikewatch-bench-") as tmp:
        load = make_replay(Path(tmp) / "replay", n_articles=n, n_feeds=10)
        settings = RunSettings(data_dir=Path(tmp) / "data", metrics_port=0)
        stream = StampedStream()
        logging.getLogger("strikewatch").setLevel(logging.WARNING)
        start = time.perf_counter()
        run(settings, replay=Path(tmp) / "replay", once=True, stream=stream)
        seconds = time.perf_counter() - start
    latencies = [s - start for s in stream.stamps]
    alerts = len(latencies)
    note = f"{n} articles ({load['attacks']} attack reports) over 10 feeds; {alerts} alerts"
    rows = [
        Row("end to end (run)", "throughput", n / seconds, "articles/s", note=note),
        Row("end to end (run)", "peak memory", peak_rss_mib(), "MiB", note="whole process, RSS"),
    ]
    if latencies:
        for p in (50, 95, 99):
            rows.append(Row("end to end (run)", f"p{p} latency item -> alert", percentile(latencies, p), "s",
                            note="all items appear at the start of the run"))
    return rows
