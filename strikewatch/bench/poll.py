"""Poll loop capacity: feeds polled per second against a local server, first pass (200) and 304s."""

from __future__ import annotations

from strikewatch.bench.core import Row


def bench(quick: bool) -> list[Row]:
    from strikewatch.producers.bench import poll_capacity

    n = 200 if quick else 1000
    r = poll_capacity(n)
    note = f"{n} feeds x 20 items on one local server, {r['concurrency']} polls in flight"
    return [
        Row("producers", "poll loop, feeds changed (200)", r["first_pass_200_feeds_per_second"], "feeds/s",
            note=f"{note}; outcomes {r['first_pass_200_outcomes']}"),
        Row("producers", "poll loop, feeds unchanged (304)", r["second_pass_304_feeds_per_second"],
            "feeds/s", "first pass (200)", r["first_pass_200_feeds_per_second"],
            note=f"outcomes {r['second_pass_304_outcomes']}"),
    ]
