"""The API over a large archive: query latency through HTTP, and live-stream fan-out.

    python -m strikewatch.bench.api [--events 100000] [--clients 200] [--database-url postgresql://...]

The archive is filled with synthetic events through ``Archive.store()`` (SQLite in a
temporary folder; PostgreSQL too when ``STRIKEWATCH_DATABASE_URL`` is set or the
PostgreSQL server binaries can start a throwaway cluster). ``strikewatch serve`` runs
in a process of its own over it, as in deployment. Measured:

* the latency of filtered queries (client send -> last byte), after a warm-up;
* fan-out: ``clients`` streams connected at once; the time from ``store()`` of a new
  event to its arrival at each client (p50/p99/max over every client and round). A
  client that never gets it makes the row a failure, never a figure.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import httpx

from strikewatch.api.server import free_port
from strikewatch.bench.core import Row
from strikewatch.bench.pg import throwaway_postgres
from strikewatch.core.records import EVENT_TYPES, Actor, Event, Location, Source, Target
from strikewatch.sinks.archive import Archive
from strikewatch.sinks.db import Database, open_database

#: (country, min_lon, min_lat, max_lon, max_lat): where synthetic events fall
COUNTRIES = [("IQ", 39, 29, 48, 37), ("SY", 36, 32, 42, 37), ("UA", 22, 45, 40, 52), ("AF", 61, 29, 74, 38),
             ("SO", 41, 0, 51, 11), ("NG", 3, 4, 14, 13), ("YE", 42, 12, 53, 19), ("PK", 61, 24, 77, 37),
             ("ML", -12, 10, 4, 25), ("SD", 22, 9, 38, 22), ("IL", 34, 29, 36, 33), ("LB", 35, 33, 36, 34)]
PERPETRATORS = ["Islamic State", "al-Shabaab", "Russian forces", "Houthi movement", "unknown gunmen",
                "Boko Haram", "Taliban", "government forces"]
WORDS = ["market", "checkpoint", "convoy", "village", "mosque", "school", "base", "bridge", "depot"]

#: name -> query string: the filtered query of the brief, and two more kinds
QUERIES = {
    "country+since+bbox": "country=IQ&since=2025-01-01&bbox=40,30,48,37&limit=100",
    "near 100 km": "near=33.31,44.36,100&limit=100",
    "text q + type": "q=market&type=bombing,ied&limit=100",
    "unfiltered page 50": None,  # filled in: the 50th page by cursor
}
#: New events stored one after another for the fan-out, each at a random moment of the
#: poll cycle (a store right after a poll waits a whole interval, one just before hardly any).
ROUNDS = 10


def synthetic(n: int, rng: random.Random) -> Event:
    cc, x0, y0, x1, y1 = rng.choice(COUNTRIES)
    day = date(2024, 1, 1) + timedelta(days=rng.randrange(730))
    seen = datetime(2024, 1, 1, tzinfo=UTC) + timedelta(seconds=rng.randrange(63_000_000))
    word = rng.choice(WORDS)
    return Event(
        event_id=f"ev-bench-{n:07d}", event_type=rng.choice(EVENT_TYPES), date=day,
        location=Location(name=f"{word.title()} {n % 997}", country=cc, lat=round(rng.uniform(y0, y1), 4),
                          lon=round(rng.uniform(x0, x1), 4)),
        perpetrator=Actor(name=rng.choice(PERPETRATORS)), target=Target(category="civilians", name=word),
        killed=rng.choice([None, 0, 1, 2, 5, 12]), injured=rng.choice([None, 0, 3, 9, 40]),
        summary=f"An attack near the {word} was reported (synthetic event {n}).", confidence=0.8,
        sources=[Source(url=f"https://bench.example/{n}", outlet="Bench Wire", article_id=f"a{n}")],
        first_seen=seen)


def fill(db: Database, count: int, batch: int = 2000) -> float:
    """Store ``count`` synthetic events; return the seconds it took."""
    archive, rng = Archive(db), random.Random(16)
    start = time.perf_counter()
    for first in range(0, count, batch):
        with db.transaction():  # one commit per batch: a backfill, not a live sink
            for n in range(first, min(count, first + batch)):
                archive.store(synthetic(n, rng))
    return time.perf_counter() - start


@contextlib.contextmanager
def serving(data_dir: Path, database_url: str):
    """``strikewatch serve`` in its own process; yields its base URL."""
    port = free_port()
    env = {**os.environ, "STRIKEWATCH_DATA_DIR": str(data_dir), "STRIKEWATCH_DATABASE_URL": database_url,
           "STRIKEWATCH_API_RATE_PER_MINUTE": "100000000", "STRIKEWATCH_API_TOKENS": "",
           "STRIKEWATCH_LOG_LEVEL": "WARNING"}
    proc = subprocess.Popen([sys.executable, "-m", "strikewatch.cli", "serve", "--port", str(port)],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"strikewatch serve exited: {proc.stderr.read()[-500:]}")
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(url + "/healthz", timeout=2).status_code == 200:
                    break
            if time.monotonic() > deadline:
                raise RuntimeError("strikewatch serve did not answer /healthz within 60 s")
            time.sleep(0.1)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
        proc.stderr.close()


def _pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def query_latency(url: str, requests: int) -> dict[str, dict]:
    out = {}
    with httpx.Client(base_url=url, timeout=30) as c:
        cursor = None
        for _ in range(49):
            cursor = c.get("/api/v1/events", params={"limit": 100, **({"cursor": cursor} if cursor else {})}
                           ).json()["next_cursor"]
        for name, query in QUERIES.items():
            query = query or f"limit=100&cursor={cursor}"
            first = c.get(f"/api/v1/events?{query}")
            first.raise_for_status()
            found = len(first.json()["events"])
            times = []
            for _ in range(requests):
                start = time.perf_counter()
                c.get(f"/api/v1/events?{query}").raise_for_status()
                times.append((time.perf_counter() - start) * 1000)
            out[name] = {"p50": statistics.median(times), "p99": _pct(times, 0.99), "found": found}
    return out


async def _fan_out(url: str, db: Database, clients: int, rounds: int) -> dict:
    archive = Archive(db)
    arrivals: dict[str, list[float]] = {}
    wanted = [f"ev-fanout-{r}" for r in range(rounds)]
    done = {w: asyncio.Event() for w in wanted}
    after = archive.last_seq()  # every client resumes from here, so none misses a revision

    async def listen(c: httpx.AsyncClient, ready: asyncio.Event, connected: list) -> None:
        async with c.stream("GET", "/api/v1/stream", headers={"Last-Event-ID": str(after)}) as r:
            r.raise_for_status()
            connected.append(1)
            if len(connected) == clients:
                ready.set()
            async for line in r.aiter_lines():
                if line.startswith("data: "):
                    now = time.time()
                    event_id = line[6:].split('"event_id":"', 1)[1].split('"', 1)[0]
                    got = arrivals.setdefault(event_id, [])
                    got.append(now)
                    if len(got) == clients and event_id in done:
                        done[event_id].set()

    limits = httpx.Limits(max_connections=clients + 10, max_keepalive_connections=clients + 10)
    async with httpx.AsyncClient(base_url=url, timeout=httpx.Timeout(60, read=None), limits=limits) as c:
        ready, connected = asyncio.Event(), []
        tasks = [asyncio.create_task(listen(c, ready, connected)) for _ in range(clients)]
        await asyncio.wait_for(ready.wait(), 60)
        await asyncio.sleep(1.0)  # let every handler register before the first store
        latencies, missing, stored = [], 0, {}
        rng = random.Random(99)
        for r, event_id in enumerate(wanted):
            await asyncio.sleep(rng.uniform(0, 1.0))
            e = synthetic(10_000_000 + r, rng).model_copy(update={"event_id": event_id})
            stored[event_id] = time.time()
            await asyncio.to_thread(archive.store, e)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(done[event_id].wait(), 30)
            got = arrivals.get(event_id, [])
            missing += clients - len(got)
            latencies += [(t - stored[event_id]) * 1000 for t in got]
        for t in tasks:
            t.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    return {"clients": clients, "rounds": rounds, "missing": missing,
            "p50": statistics.median(latencies) if latencies else None,
            "p99": _pct(latencies, 0.99) if latencies else None,
            "max": max(latencies) if latencies else None}


def run(events: int, clients: int, requests: int, database_url: str, data_dir: Path,
        rounds: int = ROUNDS) -> dict:
    db = open_database(database_url, data_dir)
    try:
        fill_seconds = fill(db, events)
        with serving(data_dir, database_url) as url:
            queries = query_latency(url, requests)
            fan = asyncio.run(_fan_out(url, db, clients, rounds))
        return {"store": db.kind, "events": events, "fill_seconds": fill_seconds, "queries": queries,
                "fan_out": fan}
    finally:
        db.close()


def _rows(r: dict, requests: int) -> list[Row]:
    store = r["store"]
    rows = [Row("api", f"fill {store} ({r['events']:,} events)", r["events"] / r["fill_seconds"], "events/s",
                note="Archive.store(), 2,000 per commit")]
    for name, q in r["queries"].items():
        note = f"{requests} requests over HTTP, {q['found']} events per answer"
        rows.append(Row("api", f"{store} query {name} p50", q["p50"], "ms", note=note))
        rows.append(Row("api", f"{store} query {name} p99", q["p99"], "ms", note=note))
    fan = r["fan_out"]
    label = f"{store} SSE store -> {fan['clients']} clients"
    if fan["missing"]:
        rows.append(Row("api", "(failed)", None, "", note=f"{label}: {fan['missing']} of "
                        f"{fan['clients'] * fan['rounds']} receipts missing"))
    else:
        note = f"{fan['rounds']} events x {fan['clients']} clients; the API polls every 0.5 s"
        rows += [Row("api", f"{label} p50", fan["p50"], "ms", note=note),
                 Row("api", f"{label} p99", fan["p99"], "ms", note=note),
                 Row("api", f"{label} max", fan["max"], "ms", note=note)]
    return rows


def bench(quick: bool) -> list[Row]:
    """Full: 100,000 events, 200 stream clients, on SQLite and PostgreSQL. Quick (a smoke
    run inside the test suite): 2,000 events, 20 clients, 3 rounds, PostgreSQL only when
    STRIKEWATCH_DATABASE_URL names one."""
    events, clients, requests, rounds = (2_000, 20, 20, 3) if quick else (100_000, 200, 200, ROUNDS)
    rows = []
    with tempfile.TemporaryDirectory(prefix="strikewatch-bench-api-") as tmp:
        rows += _rows(run(events, clients, requests, "", Path(tmp) / "sqlite", rounds), requests)
        url = os.environ.get("STRIKEWATCH_DATABASE_URL", "")
        with contextlib.ExitStack() as stack:
            if not url and not quick:
                url = stack.enter_context(throwaway_postgres())
            if url:
                rows += _rows(run(events, clients, requests, url, Path(tmp) / "pg", rounds), requests)
            else:
                rows.append(Row("api", "postgresql", None, "", note="skipped: " + (
                    "quick run without STRIKEWATCH_DATABASE_URL" if quick
                    else "no STRIKEWATCH_DATABASE_URL and no PostgreSQL server binaries")))
    return rows


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m strikewatch.bench.api", description=__doc__.splitlines()[0])
    p.add_argument("--events", type=int, default=100_000)
    p.add_argument("--clients", type=int, default=200)
    p.add_argument("--requests", type=int, default=200)
    p.add_argument("--database-url", default="", help="postgresql:// URL; default: SQLite in a temp dir")
    args = p.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="strikewatch-bench-api-") as tmp:
        rows = _rows(run(args.events, args.clients, args.requests, args.database_url, Path(tmp)), args.requests)
    from strikewatch.bench.core import print_table

    print_table(rows, sys.stdout)
    return 1 if any(r.metric == "(failed)" for r in rows) else 0


if __name__ == "__main__":
    raise SystemExit(main())
