"""Dedup throughput and memory with a given amount of known-event state.

``run(n_state)`` fills an in-memory :class:`~strikewatch.processors.dedup.state.DedupState` with
``n_state`` synthetic known events (100 countries x the days the window keeps, random
places, types and actors), then times ``n_candidates`` decisions, half of them reports
of known events (duplicates or updates) and half new events. Memory is the traced
Python allocation of the filled state, bucket grids included. ``python -m strikewatch.bench.dedup`` prints a table.
"""

from __future__ import annotations

import random
import sys
import time
import tracemalloc
from datetime import UTC, date, datetime, timedelta

from strikewatch.bench.core import Row
from strikewatch.core.records import EVENT_TYPES, Actor, Event, Location, Source, Target
from strikewatch.processors.dedup.merge import opened
from strikewatch.processors.dedup.scoring import dedup_key
from strikewatch.processors.dedup.state import DedupState, memory_state

COUNTRIES = [f"{chr(65 + a)}{chr(65 + b)}" for a in range(10) for b in range(10)]
ACTORS = ["Islamic State", "al-Shabaab", "Russian forces", "Hamas", "Houthis", None]
DAY0 = date(2024, 6, 1)


def _event(rng: random.Random, n: int, window_days: int, country: str | None = None) -> Event:
    country = country or rng.choice(COUNTRIES)
    day = DAY0 + timedelta(days=rng.randrange(2 * window_days + 1))
    lat, lon = rng.uniform(-40, 60), rng.uniform(-20, 120)
    actor = rng.choice(ACTORS)
    published = datetime(day.year, day.month, day.day, rng.randrange(24), tzinfo=UTC)
    article = f"bench-{n}"
    return Event(
        id=article,
        event_type=rng.choice(EVENT_TYPES),
        date=day,
        location=Location(
            name=f"place {rng.randrange(100_000)}",
            country=country,
            lat=lat,
            lon=lon,
            precision=rng.choice(["site", "city"]),
        ),
        perpetrator=Actor(name=actor) if actor else None,
        target=Target(category="civilians", name="market"),
        killed=rng.randrange(30),
        injured=rng.randrange(60),
        summary=f"An attack on place {n} left people dead and wounded, officials said.",
        first_seen=published,
        sources=[
            Source(
                url=f"https://example.org/{article}",
                outlet="Bench Wire",
                article_id=article,
                published=published,
            )
        ],
    )


def _fill(
    n_state: int, window_days: int, rng: random.Random
) -> tuple[DedupState, list[Event], int]:
    """The filled state, the events in it, and the bytes the state holds (traced)."""
    known = [opened(_event(rng, n, window_days)) for n in range(n_state)]
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    state = memory_state(window_days)
    for event in known:
        state.remember(event)
    for key in {dedup_key(event) for event in known}:
        state.warm(key)
    state_bytes = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    return state, known, state_bytes


def run(n_state: int, n_candidates: int = 2000, window_days: int = 3, seed: int = 7) -> dict:
    """Decisions per second against ``n_state`` known events, and the state's memory."""
    rng = random.Random(seed)
    state, known, state_bytes = _fill(n_state, window_days, rng)

    candidates = []
    for n in range(n_candidates):
        if n % 2 and known:
            report = rng.choice(known)
            candidates.append(
                report.model_copy(
                    update={
                        "id": f"again-{n}",
                        "event_id": "",
                        "killed": (report.killed or 0) + rng.randrange(2),
                        "sources": [
                            Source(
                                url=f"https://example.org/again-{n}",
                                article_id=f"again-{n}",
                                published=report.first_seen,
                            )
                        ],
                    }
                )
            )
        else:
            candidates.append(_event(rng, n_state + n, window_days))
    outcomes = {"new": 0, "update": 0, "duplicate": 0}
    start = time.perf_counter()
    for candidate in candidates:
        outcomes[state.add(candidate).status] += 1
    seconds = time.perf_counter() - start
    return {
        "state_events": n_state,
        "candidates": n_candidates,
        "seconds": round(seconds, 3),
        "events_per_second": round(n_candidates / seconds, 1),
        "state_mb": round(state_bytes / 1e6, 1),
        "mb_per_100k_events": round(state_bytes / 1e6 * 100_000 / n_state, 1) if n_state else 0.0,
        **{f"outcome_{k}": v for k, v in outcomes.items()},
    }


def bench(quick: bool) -> list[Row]:
    rows = []
    for n_state in ((10_000,) if quick else (10_000, 100_000)):
        r = run(n_state, n_candidates=500 if quick else 2000)
        stage = f"dedup ({n_state // 1000}k events of state)"
        rows.append(Row(stage, "throughput", r["events_per_second"], "events/s/core",
                        note=f"{r['candidates']} candidates, half reports of known events"))
        rows.append(Row(stage, "state memory", r["mb_per_100k_events"], "MB per 100k events",
                        note=f"{r['state_mb']} MB for {n_state:,} events (tracemalloc)"))
    return rows


def main(sizes: tuple[int, ...] = (10_000, 100_000)) -> int:
    rows = [run(n) for n in sizes]
    out = sys.stdout
    out.write(
        f"{'state events':>12} {'events/s':>9} {'state MB':>9} {'MB/100k':>8} {'new':>5} {'update':>6} {'dup':>5}\n"
    )
    for r in rows:
        out.write(
            f"{r['state_events']:>12} {r['events_per_second']:>9} {r['state_mb']:>9} "
            f"{r['mb_per_100k_events']:>8} {r['outcome_new']:>5} {r['outcome_update']:>6} "
            f"{r['outcome_duplicate']:>5}\n"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
