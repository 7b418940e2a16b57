"""Rows, the machine description, the table and the JSON report; generated feed replays."""

from __future__ import annotations

import json
import os
import platform
import resource
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO


def write_feeds(root: Path, n_feeds: int, feed: Callable[[int], str]) -> None:
    """A replay directory for the ReplayServer: ``feeds/<i>.xml`` = ``feed(i)`` for each feed."""
    (root / "feeds").mkdir(parents=True)
    for i in range(n_feeds):
        (root / "feeds" / f"{i}.xml").write_text(feed(i))
    (root / "feeds.yaml").write_text("feeds: [{url: feeds/0.xml}]\n")


@dataclass
class Row:
    stage: str
    metric: str
    value: float | None
    unit: str
    baseline: str = ""
    baseline_value: float | None = None
    note: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def ratio(self) -> float | None:
        if self.value is None or not self.baseline_value:
            return None
        return self.value / self.baseline_value


def machine() -> dict:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cpu_model": model or platform.processor(),
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }


def rate(count: int, seconds: float) -> float:
    return count / seconds if seconds > 0 else float("inf")


def timed(fn: Callable[[], object], min_seconds: float = 0.5, max_rounds: int = 50) -> tuple[float, int]:
    """Run ``fn`` repeatedly for at least ``min_seconds``; return (seconds per round, rounds)."""
    rounds = 0
    start = time.perf_counter()
    while True:
        fn()
        rounds += 1
        elapsed = time.perf_counter() - start
        if elapsed >= min_seconds or rounds >= max_rounds:
            return elapsed / rounds, rounds


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _fmt(value: float | None) -> str:
    if value is None:
        return "—"
    if value >= 100:
        return f"{value:,.0f}"
    if value >= 1:
        return f"{value:,.2f}"
    return f"{value:.3f}"


def print_table(rows: Iterable[Row], out: IO[str]) -> None:
    rows = list(rows)
    header = ("stage", "metric", "value", "unit", "baseline", "baseline value", "ratio", "note")
    table = [
        (r.stage, r.metric, _fmt(r.value), r.unit, r.baseline, _fmt(r.baseline_value),
         f"{r.ratio:.2f}x" if r.ratio is not None else "", r.note)
        for r in rows
    ]
    widths = [max(len(str(x)) for x in col) for col in zip(header, *table, strict=False)]
    line = "  ".join(f"{{:{w}}}" for w in widths)
    out.write(line.format(*header).rstrip() + "\n")
    out.write("  ".join("-" * w for w in widths) + "\n")
    for t in table:
        out.write(line.format(*t).rstrip() + "\n")


def write_json(rows: Iterable[Row], path: Path, quick: bool) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    report = {
        "machine": machine(),
        "quick": quick,
        "results": [{**asdict(r), "ratio": r.ratio} for r in rows],
    }
    path.write_text(json.dumps(report, indent=2) + "\n")
