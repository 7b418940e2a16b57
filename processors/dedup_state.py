"""Dedup state: known events in day buckets, with expiry, over a small storage interface.

Under each dedup key (the country) events are filed by day (``"IQ|2023-11-21"``; events
with no day at all under ``"IQ|undated"``). A candidate dated *d* is compared with the
buckets *d - window* .. *d + window* and the undated one only, so the cost of a decision
does not grow with the state. Per key an index (``"IQ|index"``) lists the days held;
days more than twice the window behind the newest day seen under that key are dropped
— expiry in event time, so replays of old news expire the same way as live news.

Three storages implement :class:`Buckets`: :class:`MemoryBuckets` (``strikewatch dedup``,
``eval dedup``, benchmarks), :class:`SqliteBuckets` (the one-process runner: survives
restarts) and the faust Table adapter in :mod:`processors.app`.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import date, timedelta
from pathlib import Path
from typing import Protocol

from processors.dedup import (
    MATCH_THRESHOLD,
    Decision,
    best_match,
    dedup_key,
    event_day,
    merge,
    opened,
)
from strikewatch.records import Event

UNDATED = "undated"


class Buckets(Protocol):
    """Where the known events live: lists of events and per-key day indexes."""

    def get_events(self, bucket: str) -> list[Event]: ...
    def put_events(self, bucket: str, events: list[Event]) -> None: ...
    def delete(self, bucket: str) -> None: ...
    def get_index(self, key: str) -> list[str]: ...
    def put_index(self, key: str, days: list[str]) -> None: ...


def bucket_of(key: str, day: date | None) -> str:
    return f"{key}|{day.isoformat() if day else UNDATED}"


def index_of(key: str) -> str:
    return f"{key}|index"


class DedupState:
    """Decide new / update / duplicate for candidates against bucketed known events."""

    def __init__(self, buckets: Buckets, window_days: int = 3, threshold: float = MATCH_THRESHOLD):
        self.buckets = buckets
        self.window_days = window_days
        self.threshold = threshold

    def _lookup(self, key: str, day: date | None) -> list[str]:
        if day is None:
            return [f"{key}|{d}" for d in self.buckets.get_index(key)]
        days = [day + timedelta(days=n) for n in range(-self.window_days, self.window_days + 1)]
        return [bucket_of(key, d) for d in days] + [bucket_of(key, None)]

    def add(self, candidate: Event) -> Decision:
        key = dedup_key(candidate)
        day = event_day(candidate)
        known: list[Event] = []
        home: list[tuple[str, int]] = []  # (bucket, position) of each known event
        loaded: dict[str, list[Event]] = {}
        for bucket in dict.fromkeys(self._lookup(key, day)):
            events = self.buckets.get_events(bucket)
            if events:
                loaded[bucket] = events
                known.extend(events)
                home.extend((bucket, n) for n in range(len(events)))

        index, score, replay = best_match(candidate, known, self.window_days, self.threshold)
        if replay:
            return Decision(known[index].event_id, "duplicate", known[index], score)
        if index >= 0:
            merged, material = merge(known[index], candidate)
            bucket, position = home[index]
            events = list(loaded[bucket])
            target = bucket_of(key, event_day(merged))
            if target == bucket:
                events[position] = merged
                self.buckets.put_events(bucket, events)
            else:  # the event got its date from this report
                del events[position]
                self.buckets.put_events(bucket, events)
                self._append(key, target, merged)
            decision = Decision(merged.event_id, "update" if material else "duplicate", merged, score)
        else:
            fresh = opened(candidate)
            self._append(key, bucket_of(key, day), fresh)
            decision = Decision(fresh.event_id, "new", fresh, score)
        return decision

    def _append(self, key: str, bucket: str, event: Event) -> None:
        self.buckets.put_events(bucket, self.buckets.get_events(bucket) + [event])
        day = bucket.rsplit("|", 1)[1]
        days = self.buckets.get_index(key)
        if day not in days:
            days = sorted(days + [day])
            self._expire(key, days)

    def _expire(self, key: str, days: list[str]) -> None:
        dated = [d for d in days if d != UNDATED]
        if dated:
            horizon = (date.fromisoformat(max(dated)) - timedelta(days=2 * self.window_days)).isoformat()
            for old in [d for d in dated if d < horizon]:
                self.buckets.delete(f"{key}|{old}")
                days.remove(old)
        self.buckets.put_index(key, days)

    def __len__(self) -> int:
        return sum(len(v) for v in getattr(self.buckets, "events", {}).values())


class MemoryBuckets:
    """Buckets in plain dicts."""

    def __init__(self) -> None:
        self.events: dict[str, list[Event]] = {}
        self.indexes: dict[str, list[str]] = {}

    def get_events(self, bucket: str) -> list[Event]:
        return self.events.get(bucket, [])

    def put_events(self, bucket: str, events: list[Event]) -> None:
        if events:
            self.events[bucket] = events
        else:
            self.events.pop(bucket, None)

    def delete(self, bucket: str) -> None:
        self.events.pop(bucket, None)

    def get_index(self, key: str) -> list[str]:
        return list(self.indexes.get(key, []))

    def put_index(self, key: str, days: list[str]) -> None:
        self.indexes[key] = list(days)


class SqliteBuckets:
    """Buckets in one SQLite file, for the one-process runner: known events survive restarts."""

    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("CREATE TABLE IF NOT EXISTS dedup_buckets (bucket TEXT PRIMARY KEY, value TEXT NOT NULL)")
        # decoded buckets: a decision reads up to 2 * window + 2 of them
        self._cache: dict[str, list[Event]] = {}

    def _get(self, bucket: str):
        row = self.db.execute("SELECT value FROM dedup_buckets WHERE bucket = ?", (bucket,)).fetchone()
        return json.loads(row[0]) if row else None

    def _put(self, bucket: str, value) -> None:
        self.db.execute(
            "INSERT INTO dedup_buckets (bucket, value) VALUES (?, ?) "
            "ON CONFLICT(bucket) DO UPDATE SET value = excluded.value",
            (bucket, json.dumps(value)),
        )

    def get_events(self, bucket: str) -> list[Event]:
        if bucket not in self._cache:
            self._cache[bucket] = [Event.model_validate(item) for item in self._get(bucket) or []]
        return self._cache[bucket]

    def put_events(self, bucket: str, events: list[Event]) -> None:
        self._cache[bucket] = list(events)
        if events:
            self._put(bucket, [e.to_dict() for e in events])
        else:
            self.delete(bucket)

    def delete(self, bucket: str) -> None:
        self._cache.pop(bucket, None)
        self.db.execute("DELETE FROM dedup_buckets WHERE bucket = ?", (bucket,))

    def get_index(self, key: str) -> list[str]:
        return list(self._get(index_of(key)) or [])

    def put_index(self, key: str, days: list[str]) -> None:
        self._put(index_of(key), days)

    def close(self) -> None:
        self.db.close()


def sqlite_state(path: Path, window_days: int = 3, threshold: float = MATCH_THRESHOLD) -> DedupState:
    """Dedup state persisted in ``path`` (the runner: ``data_dir/dedup.sqlite3``)."""
    return DedupState(SqliteBuckets(path), window_days, threshold)
