"""Dedup state: known events in day buckets, with expiry, over a small key-value store.

Under each dedup key (the country) events are filed by day (``"IQ|2023-11-21"``; events
with no day at all under ``"IQ|undated"``). A bucket holds one small *profile* row per
event (:func:`strikewatch.processors.dedup.profile`: the fields matching reads), and each full
merged event sits under its own key (its event id, ``"ev-…"``; compact JSON), read only for
the event a candidate joins. A candidate dated *d* is compared with the buckets
*d - window* .. *d + window* and the undated one only, so the cost of a decision does
not grow with the state; inside a bucket a grid of the coordinates (cells of 0.5°)
skips the events too far away to score above 0 (:data:`strikewatch.processors.dedup.NEAR_KM`), so
it does not grow with a busy country's number of events either. Per key an index
(``"IQ|index"``) lists the days held; days more than twice the window behind the newest
day seen under that key are dropped, with their events — expiry in event time, so
replays of old news expire the same way as live news.

Three stores implement :class:`Buckets`: :class:`MemoryBuckets` (``strikewatch dedup``,
``eval dedup``, benchmarks), :class:`SqliteBuckets` (the one-process runner: survives
restarts) and :class:`MappingBuckets` over the faust Table of :mod:`strikewatch.processors.app`.
"""

from __future__ import annotations

import json
import math
import sqlite3
import zlib
from collections.abc import MutableMapping
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Protocol

from strikewatch.core.records import Event
from strikewatch.processors.dedup import (
    MATCH_THRESHOLD,
    NEAR_KM,
    REPLAY_SCORE,
    Decision,
    dedup_key,
    event_day,
    merge,
    opened,
    profile,
    profile_score,
)

UNDATED = "undated"

#: Grid cell size in degrees; one latitude band (55.6 km) is wider than NEAR_KM.
CELL_DEGREES = 0.5
#: Search radius of the grid: NEAR_KM with a margin for rounding.
_RADIUS_KM = NEAR_KM + 1.0
_EARTH_KM = 6371.0
_LON_CELLS = round(360 / CELL_DEGREES)
#: Bucket views (grids) kept in memory at most; older ones are rebuilt when needed.
MAX_VIEWS = 20_000


class Buckets(Protocol):
    """A key-value store of JSON-able values (lists, strings)."""

    def get(self, key: str) -> Any: ...
    def put(self, key: str, value: Any) -> None: ...
    def delete(self, key: str) -> None: ...


def bucket_of(key: str, day: date | None) -> str:
    return f"{key}|{day.isoformat() if day else UNDATED}"


def index_of(key: str) -> str:
    return f"{key}|index"


def _loose(row) -> bool:
    """Rows the grid cannot rule out: no coordinates, or a country or region."""
    return row[5] is None or row[6] is None or row[4] is None or row[4] in ("country", "region")


def _cell(lat: float, lon: float) -> tuple[int, int]:
    return math.floor(lat / CELL_DEGREES), math.floor((lon + 180.0) / CELL_DEGREES) % _LON_CELLS


def _file(index: dict, key, position: int) -> None:
    held = index.get(key)
    if held is None:
        index[key] = position
    elif isinstance(held, int):
        index[key] = [held, position]
    else:
        held.append(position)


def _collect(found: set[int], held) -> None:
    if held is None:
        return
    if isinstance(held, int):
        found.add(held)
    else:
        found.update(held)


class _View:
    """Where the rows of one bucket are: a grid of cells, names, and the loose rows."""

    __slots__ = ("rows", "grid", "names", "loose")

    def __init__(self, rows: list) -> None:
        self.rows = rows  # the stored list itself: a different object means a stale view
        # cell (band * _LON_CELLS + column) or name -> one position, or a list of them
        # (most cells and names hold one event)
        self.grid: dict[int, int | list[int]] = {}
        self.names: dict[str, int | list[int]] = {}
        self.loose: list[int] = []
        for position, row in enumerate(rows):
            self._add(position, row)

    def _add(self, position: int, row) -> None:
        if _loose(row):
            self.loose.append(position)
            return
        band, column = _cell(row[5], row[6])
        _file(self.grid, band * _LON_CELLS + column, position)
        _file(self.names, row[3], position)

    def near(self, candidate) -> list[int]:
        """Positions, in order, of every row that may score above 0 against ``candidate``."""
        if _loose(candidate):
            return range(len(self.rows))
        lat, lon = candidate[5], candidate[6]
        dlat = math.degrees(_RADIUS_KM / _EARTH_KM)
        # |Δlon| bound from haversine: sin(Δλ/2) <= sin(d/2R) / cos(max |lat|)
        widest = min(90.0, abs(lat) + dlat)
        ratio = math.sin(_RADIUS_KM / (2 * _EARTH_KM)) / max(math.cos(math.radians(widest)), 1e-12)
        found: set[int] = set(self.loose)
        _collect(found, self.names.get(candidate[3]))
        if ratio >= 1.0:
            columns = range(_LON_CELLS)  # near a pole: any longitude
        else:
            dlon = math.degrees(2 * math.asin(ratio))
            first = math.floor((lon - dlon + 180.0) / CELL_DEGREES)
            last = min(math.floor((lon + dlon + 180.0) / CELL_DEGREES), first + _LON_CELLS - 1)
            columns = {n % _LON_CELLS for n in range(first, last + 1)}
        for band in range(
            math.floor((lat - dlat) / CELL_DEGREES), math.floor((lat + dlat) / CELL_DEGREES) + 1
        ):
            for column in columns:
                _collect(found, self.grid.get(band * _LON_CELLS + column))
        return sorted(found)


class DedupState:
    """Decide new / update / duplicate for candidates against bucketed known events."""

    def __init__(self, buckets: Buckets, window_days: int = 3, threshold: float = MATCH_THRESHOLD):
        self.buckets = buckets
        self.window_days = window_days
        self.threshold = threshold
        self._views: dict[str, _View] = {}

    def _lookup(self, key: str, day: date | None) -> list[str]:
        if day is None:
            return [f"{key}|{d}" for d in self._index(key)]
        days = [day + timedelta(days=n) for n in range(-self.window_days, self.window_days + 1)]
        return [bucket_of(key, d) for d in days] + [bucket_of(key, None)]

    def _index(self, key: str) -> list[str]:
        return list(self.buckets.get(index_of(key)) or [])

    def _rows(self, bucket: str) -> list:
        rows = self.buckets.get(bucket)
        if rows and isinstance(rows[0], dict):  # a bucket of full events (the first layout)
            rows = []
            for item in self.buckets.get(bucket):
                event = Event.model_validate(item)
                ref = self._new_ref(event)
                self._put_event(ref, event)
                rows.append((ref, *profile(event)[1:]))
            self.buckets.put(bucket, rows)
        return rows or []

    def _view(self, bucket: str, rows: list) -> _View:
        view = self._views.get(bucket)
        if view is None or view.rows is not rows:
            if len(self._views) >= MAX_VIEWS:
                self._views.clear()
            view = self._views[bucket] = _View(rows)
        return view

    def _event(self, ref: str) -> Event:
        return Event.model_validate_json(self.buckets.get(ref))

    def _put_event(self, ref: str, event: Event) -> None:
        self.buckets.put(ref, event.model_dump_json(by_alias=True, exclude_defaults=True))

    def _new_ref(self, event: Event) -> str:
        """Where a new event is stored: its id, unless a sparse report opened that id twice."""
        ref, n = event.event_id, 1
        while self.buckets.get(ref) is not None:
            n += 1
            ref = f"{event.event_id}#{n}"
        return ref

    def add(self, candidate: Event) -> Decision:
        key = dedup_key(candidate)
        day = event_day(candidate)
        wanted = profile(candidate)
        article = candidate.id
        best: tuple[str, int] | None = None
        best_score = 0.0
        for bucket in dict.fromkeys(self._lookup(key, day)):
            rows = self._rows(bucket)
            if not rows:
                continue
            for position in self._view(bucket, rows).near(wanted):
                row = rows[position]
                score = profile_score(row, wanted, self.window_days)
                if article and article in row[11]:
                    if score >= REPLAY_SCORE:  # the same report again (at-least-once delivery)
                        known = self._event(row[0])
                        return Decision(known.event_id, "duplicate", known, score)
                    continue  # two events of one article are two events
                if score > best_score:
                    best, best_score = (bucket, position), score

        if best is None or best_score < self.threshold:
            fresh = opened(candidate)
            self._append(key, bucket_of(key, day), self._store(fresh))
            return Decision(fresh.event_id, "new", fresh, best_score)

        bucket, position = best
        rows = self._rows(bucket)
        ref = rows[position][0]
        merged, material = merge(self._event(ref), candidate)
        self._put_event(ref, merged)
        row = (ref, *profile(merged)[1:])
        target = bucket_of(key, event_day(merged))
        if target == bucket:
            before, rows[position] = rows[position], row
            if _loose(before) != _loose(rows[position]) or before[3:7] != rows[position][3:7]:
                self._views.pop(bucket, None)  # the event moved in the grid
            self.buckets.put(bucket, rows)
        else:  # the event got its date from this report
            del rows[position]
            self._views.pop(bucket, None)
            self._put_rows(bucket, rows)
            self._append(key, target, row)
        return Decision(merged.event_id, "update" if material else "duplicate", merged, best_score)

    def remember(self, event: Event) -> None:
        """File an event (already opened or merged) without matching it: loading, benchmarks."""
        self._append(
            dedup_key(event), bucket_of(dedup_key(event), event_day(event)), self._store(event)
        )

    def known(self, key: str) -> list[Event]:
        """Every event held under a dedup key, oldest day first (inspection, tests)."""
        return [
            self._event(row[0]) for day in self._index(key) for row in self._rows(f"{key}|{day}")
        ]

    def index_all(self) -> None:
        """Build the grid of every bucket now rather than on first use (benchmarks)."""
        for bucket, rows in getattr(self.buckets, "data", {}).items():
            if "|" in bucket and not bucket.endswith("|index"):
                self._view(bucket, rows)

    def _put_rows(self, bucket: str, rows: list) -> None:
        if rows:
            self.buckets.put(bucket, rows)
        else:
            self.buckets.delete(bucket)

    def _store(self, event: Event):
        """Store a new event; its profile row."""
        ref = self._new_ref(event)
        self._put_event(ref, event)
        return (ref, *profile(event)[1:])

    def _append(self, key: str, bucket: str, row) -> None:
        rows = self._rows(bucket)
        if not rows:
            rows = []
        rows.append(row)
        view = self._views.get(bucket)
        if view is not None and view.rows is rows:
            view._add(len(rows) - 1, row)
        self.buckets.put(bucket, rows)
        day = bucket.rsplit("|", 1)[1]
        days = self._index(key)
        if day not in days:
            days = sorted(days + [day])
            self._expire(key, days)

    def _expire(self, key: str, days: list[str]) -> None:
        dated = [d for d in days if d != UNDATED]
        if dated:
            horizon = (
                date.fromisoformat(max(dated)) - timedelta(days=2 * self.window_days)
            ).isoformat()
            for old in [d for d in dated if d < horizon]:
                bucket = f"{key}|{old}"
                for row in self._rows(bucket):
                    self.buckets.delete(row[0])
                self.buckets.delete(bucket)
                self._views.pop(bucket, None)
                days.remove(old)
        self.buckets.put(index_of(key), days)


#: What every event's JSON repeats (field names, URL and time shapes): a preset
#: dictionary halves the compressed size of a short text. Memory only, never persisted.
_ZDICT = (
    b'"killed_at_least":true,"injured_at_least":true,"date_precision":"month","status":"update",'
    b'"revision":2,"confidence":0.8,"article_count":2,"evidence":[{"field":"killed","text":"",'
    b'"start":0,"end":0,"article_id":""}],"first_seen":"2024-06-01T00:00:00Z","last_updated":'
    b'"2024-06-01T00:00:00Z"}],"sources":[{"url":"https://www.","outlet":"","article_id":"",'
    b'"published":"2024-06-01T00:00:00Z","fetched":"2024-06-01T00:00:00Z"}],"summary":"The attack '
    b'killed people and wounded others, officials said.","killed":1,"injured":1,"target":'
    b'{"category":"civilians","name":""},"perpetrator":{"name":"","aliases_matched":[]},'
    b'"location":{"name":"","admin1":"","country":"","lat":0.0,"lon":0.0,"precision":"city"},'
    b'"weapon":"","date":"2024-06-01","{"event_id":"ev-","id":"","event_type":"'
)


class MemoryBuckets:
    """The store in a plain dict; texts (the full events) kept zlib-compressed."""

    def __init__(self) -> None:
        self.data: dict[str, Any] = {}

    def get(self, key: str) -> Any:
        value = self.data.get(key)
        if isinstance(value, bytes):
            inflate = zlib.decompressobj(zdict=_ZDICT)
            return (inflate.decompress(value) + inflate.flush()).decode("utf-8")
        return value

    def put(self, key: str, value: Any) -> None:
        if isinstance(value, str):
            deflate = zlib.compressobj(zdict=_ZDICT)
            value = deflate.compress(value.encode("utf-8")) + deflate.flush()
        self.data[key] = value

    def delete(self, key: str) -> None:
        self.data.pop(key, None)


class MappingBuckets:
    """The store over a mapping that persists what is assigned to it: the faust Table
    (each assignment is a changelog message, each deletion a tombstone)."""

    def __init__(self, table: MutableMapping) -> None:
        self.table = table

    def get(self, key: str) -> Any:
        # not table.get: a Table with a default returns the default for a missing key
        return self.table[key] if key in self.table else None

    def put(self, key: str, value: Any) -> None:
        self.table[key] = value

    def delete(self, key: str) -> None:
        if key in self.table:
            del self.table[key]


class SqliteBuckets:
    """The store in one SQLite file, for the one-process runner: known events survive restarts.

    Bucket rows and indexes are cached decoded (the runner is the only writer); full
    events are read from the file when a candidate joins one.
    """

    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute(
            "CREATE TABLE IF NOT EXISTS dedup_buckets (bucket TEXT PRIMARY KEY, value TEXT NOT NULL)"
        )
        self._cache: dict[str, Any] = {}

    def get(self, key: str) -> Any:
        if key in self._cache:
            return self._cache[key]
        row = self.db.execute("SELECT value FROM dedup_buckets WHERE bucket = ?", (key,)).fetchone()
        value = json.loads(row[0]) if row else None
        if "|" in key:  # not a full event
            self._cache[key] = value
        return value

    def put(self, key: str, value: Any) -> None:
        if "|" in key:
            self._cache[key] = value
        self.db.execute(
            "INSERT INTO dedup_buckets (bucket, value) VALUES (?, ?) "
            "ON CONFLICT(bucket) DO UPDATE SET value = excluded.value",
            (key, json.dumps(value, separators=(",", ":"))),
        )

    def delete(self, key: str) -> None:
        self._cache.pop(key, None)
        self.db.execute("DELETE FROM dedup_buckets WHERE bucket = ?", (key,))

    def close(self) -> None:
        self.db.close()


def sqlite_state(
    path: Path, window_days: int = 3, threshold: float = MATCH_THRESHOLD
) -> DedupState:
    """Dedup state persisted in ``path`` (the runner: ``data_dir/dedup.sqlite3``)."""
    return DedupState(SqliteBuckets(path), window_days, threshold)
