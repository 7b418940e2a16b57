"""Dedup decisions per second against 10k and 100k known events, and memory per 100k events."""

from __future__ import annotations

from strikewatch.bench.core import Row


def bench(quick: bool) -> list[Row]:
    from strikewatch.processors.dedup_bench import run

    rows = []
    for n_state in ((10_000,) if quick else (10_000, 100_000)):
        r = run(n_state, n_candidates=500 if quick else 2000)
        stage = f"dedup ({n_state // 1000}k events of state)"
        rows.append(Row(stage, "throughput", r["events_per_second"], "events/s/core",
                        note=f"{r['candidates']} candidates, half reports of known events"))
        rows.append(Row(stage, "state memory", r["mb_per_100k_events"], "MB per 100k events",
                        note=f"{r['state_mb']} MB for {n_state:,} events (tracemalloc)"))
    return rows
