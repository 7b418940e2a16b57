"""Alert delivery: signed webhooks to a local receiver through the durable delivery log."""

from __future__ import annotations

import os

from strikewatch.bench.core import Row


def bench(quick: bool) -> list[Row]:
    from strikewatch.sinks.bench import run

    r = run(alerts=200 if quick else 2000, subscribers=1,
            database_url=os.environ.get("STRIKEWATCH_DATABASE_URL", ""))
    note = (f"{r['delivered']} of {r['alerts']} delivered, {r['bad_signatures']} bad signatures; "
            f"delivery log on {r['store']}")
    return [
        Row("sinks", "alert delivery", r["deliveries_per_second"], "alerts/s", note=note),
        Row("sinks", "p50 latency event -> delivered", r["latency_p50_ms"], "ms", note="sink's own share"),
        Row("sinks", "p99 latency event -> delivered", r["latency_p99_ms"], "ms", note="sink's own share"),
    ]
