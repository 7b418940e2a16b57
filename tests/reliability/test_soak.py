"""Soak: the Kafka services under a steady load for STRIKEWATCH_SOAK_SECONDS (30 in CI), memory and
open files sampled; and the in-memory and on-disk state that must expire does expire."""

from __future__ import annotations

import os
import time
from datetime import UTC, datetime, timedelta

import pytest

from strikewatch.core.records import Article
from strikewatch.processors.neardup import NearDuplicateIndex
from strikewatch.producers.state import SeenStore
from strikewatch.sinks.coalesce import Coalescer
from tests.reliability.harness import PipelineRun, env_seconds, summary
from tests.sinks.receivers import sample_event

SOAK_SECONDS = env_seconds("STRIKEWATCH_SOAK_SECONDS", 30)
SAMPLE_SECONDS = 3.0
RATE = 2.0  # items per second


def rss_kib(pid: int) -> int:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def open_fds(pid: int) -> int:
    return len(os.listdir(f"/proc/{pid}/fd"))


@pytest.mark.kafka
def test_services_hold_memory_and_files_flat_under_steady_load(kafka_bootstrap, unique, tmp_path):
    run = PipelineRun(kafka_bootstrap, unique("soak"), tmp_path, n_articles=int(SOAK_SECONDS * RATE), rate=RATE)
    samples: dict[str, list[tuple[float, int, int]]] = {}
    try:
        services = run.start_all()
        started = time.monotonic()
        while time.monotonic() - started < SOAK_SECONDS:
            run.check_alive()
            for role, service in services.items():
                pid = service.process.pid
                samples.setdefault(role, []).append((time.monotonic() - started, rss_kib(pid), open_fds(pid)))
            time.sleep(SAMPLE_SECONDS)
        run.wait_alerts(timeout=60, quiet=10)
        counts = run.tally()
    finally:
        codes = run.close()
    figures = {"seconds": SOAK_SECONDS, "items": counts["items"], "alerts": counts["alerts"],
               "lost": counts["lost"], "duplicated": counts["duplicated"]}
    growth = {}
    for role, rows in samples.items():
        half = len(rows) // 2
        first, second = rows[:half], rows[half:]
        rss1, rss2 = max(r for _, r, _ in first), max(r for _, r, _ in second)
        fd1, fd2 = max(f for _, _, f in first), max(f for _, _, f in second)
        figures[f"{role}_rss_mib"] = f"{rows[0][1] // 1024}->{rows[-1][1] // 1024}"
        figures[f"{role}_fds"] = f"{rows[0][2]}->{rows[-1][2]}"
        growth[role] = (rss1, rss2, fd1, fd2)
    print(summary("soak", figures))
    assert counts["lost"] == 0 and counts["duplicated"] == 0, counts
    for role, (rss1, rss2, fd1, fd2) in growth.items():
        # the second half may not climb past the first half's peak (warm-up included) by much
        assert rss2 <= rss1 * 1.15 + 20 * 1024, (role, growth[role], samples[role])
        assert fd2 <= fd1 + 8, (role, growth[role], samples[role])
    assert all(code == 0 for code in codes.values()), codes


def article(n: int, words: int = 60) -> Article:
    text = " ".join(f"w{n}x{i}" for i in range(words))
    return Article(id=f"a{n}", url=f"https://example.org/{n}", text=text)


def test_near_duplicate_index_expires_and_stays_bounded():
    t0 = datetime(2024, 3, 4, tzinfo=UTC)
    index = NearDuplicateIndex(max_items=50, ttl=timedelta(days=3))
    for n in range(200):
        index.add(article(n), [], t0 + timedelta(minutes=n))
    assert len(index) == 50  # bounded: oldest evicted first
    index.find(article(999), t0 + timedelta(days=10))
    assert len(index) == 0  # every entry older than the time to live is gone


def test_seen_set_forgets_items_not_seen_within_its_time_to_live(tmp_path):
    with SeenStore(tmp_path / "seen.sqlite3") as seen:
        old = datetime(2024, 1, 1, tzinfo=UTC)
        seen.add_new([f"old-{n}" for n in range(100)], old)
        seen.add_new(["fresh"], old + timedelta(days=40))
        assert seen.expire(old + timedelta(days=10)) == 100
        assert seen.add_new(["old-1", "fresh"], old + timedelta(days=41)) == {"old-1"}


def test_coalescer_holds_nothing_after_the_settle_time():
    coalescer = Coalescer(settle_seconds=3)
    for n in range(1000):
        coalescer.add(sample_event(event_id=f"ev-{n}"), now=float(n % 10), partition=0, offset=n)
    assert len(coalescer.due(now=13.0)) == 1000
    assert len(coalescer) == 0 and coalescer.held_offsets() == {}
