"""Dedup state: known events in day buckets, with expiry, over a small key-value store.

Under each dedup key (the country) events are filed by day (``"IQ|2023-11-21"``; events
with no day at all under ``"IQ|undated"``). A bucket holds one small *profile* row per
event (:class:`~strikewatch.processors.dedup.profile.Profile`: the fields matching reads), and each full
merged event sits under its own key (its event id, ``"ev-…"``; compact JSON), read only for
the event a candidate joins. A candidate dated *d* is compared with the buckets
*d - window* .. *d + window* and the undated one only, so the cost of a decision does
not grow with the state; inside a bucket a grid of the coordinates (cells of 0.5°)
skips the events too far away to score above 0
(:data:`~strikewatch.processors.dedup.scoring.ADMIN_NEAR_KM`), so
it does not grow with a busy country's number of events either. Per key an index
(``"IQ|index"``) lists the days held; days more than twice the window behind the newest
day seen under that key are dropped, with their events — expiry in event time, so
replays of old news expire the same way as live news.

The store behind it is any :class:`~strikewatch.processors.dedup.stores.Store`.
"""

from __future__ import annotations

import math
from datetime import date, timedelta
from pathlib import Path

from strikewatch.core.records import Event
from strikewatch.processors.dedup.merge import merge, opened
from strikewatch.processors.dedup.profile import Profile, event_day, profile
from strikewatch.processors.dedup.scoring import (
    ADMIN_NEAR_KM,
    MATCH_THRESHOLD,
    NEAR_KM,
    Decision,
    best_match,
    dedup_key,
)
from strikewatch.processors.dedup.stores import Store
from strikewatch.processors.dedup.stores.memory import MemoryStore
from strikewatch.processors.dedup.stores.sqlite import SqliteStore

UNDATED = "undated"

#: Grid cell size in degrees; one latitude band (55.6 km) is wider than NEAR_KM.
CELL_DEGREES = 0.5
#: Search radius of the grid: the furthest two places can be and still score above 0
#: (ADMIN_NEAR_KM, one region), with a margin for rounding.
_RADIUS_KM = max(NEAR_KM, ADMIN_NEAR_KM) + 1.0
_EARTH_KM = 6371.0
_LON_CELLS = round(360 / CELL_DEGREES)
#: Bucket views (grids) kept in memory at most; older ones are rebuilt when needed.
MAX_VIEWS = 20_000


def bucket_of(key: str, day: date | None) -> str:
    return f"{key}|{day.isoformat() if day else UNDATED}"


def index_of(key: str) -> str:
    return f"{key}|index"


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
        if row.loose:
            self.loose.append(position)
            return
        band, column = _cell(row.lat, row.lon)
        _file(self.grid, band * _LON_CELLS + column, position)
        _file(self.names, row.place, position)

    def near(self, candidate) -> list[int]:
        """Positions, in order, of every row that may score above 0 against ``candidate``."""
        if candidate.loose:
            return range(len(self.rows))
        lat, lon = candidate.lat, candidate.lon
        dlat = math.degrees(_RADIUS_KM / _EARTH_KM)
        # |Δlon| bound from haversine: sin(Δλ/2) <= sin(d/2R) / cos(max |lat|)
        widest = min(90.0, abs(lat) + dlat)
        ratio = math.sin(_RADIUS_KM / (2 * _EARTH_KM)) / max(math.cos(math.radians(widest)), 1e-12)
        found: set[int] = set(self.loose)
        _collect(found, self.names.get(candidate.place))
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

    def __init__(self, buckets: Store, window_days: int = 3, threshold: float = MATCH_THRESHOLD):
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

    def _rows(self, bucket: str) -> list[Profile]:
        rows = self.buckets.get(bucket)
        if not rows:
            return []
        if isinstance(rows[0], dict):  # a bucket of full events (the first layout)
            converted = []
            for item in rows:
                event = Event.model_validate(item)
                ref = self._new_ref(event)
                self._put_event(ref, event)
                converted.append(profile(event, ref))
            self.buckets.put(bucket, converted)
            return converted
        if not isinstance(rows[0], Profile):  # read back from JSON: typed once, kept typed
            rows = [Profile.of(row) for row in rows]
            self.buckets.put(bucket, rows)
        return rows

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

    def _candidates(self, key: str, day: date | None, wanted: Profile):
        """(bucket, position) and profile of every known row that may match ``wanted``."""
        for bucket in dict.fromkeys(self._lookup(key, day)):
            rows = self._rows(bucket)
            if rows:
                for position in self._view(bucket, rows).near(wanted):
                    yield (bucket, position), rows[position]

    def add(self, candidate: Event) -> Decision:
        key = dedup_key(candidate)
        day = event_day(candidate)
        wanted = profile(candidate)
        best, best_score, replay = best_match(
            wanted, candidate.id, self._candidates(key, day, wanted), self.window_days,
            self.threshold,
        )
        if replay:
            bucket, position = best
            known = self._event(self._rows(bucket)[position].ref)
            return Decision(known.event_id, "duplicate", known, best_score)
        if best is None:
            fresh = opened(candidate)
            self._append(key, bucket_of(key, day), self._store(fresh))
            return Decision(fresh.event_id, "new", fresh, best_score)

        bucket, position = best
        rows = self._rows(bucket)
        ref = rows[position].ref
        merged, material = merge(self._event(ref), candidate)
        self._put_event(ref, merged)
        row = profile(merged, ref)
        target = bucket_of(key, event_day(merged))
        if target == bucket:
            before, rows[position] = rows[position], row
            moved = (before.place, before.precision, before.lat, before.lon) != (
                row.place, row.precision, row.lat, row.lon
            )
            if before.loose != row.loose or moved:
                self._views.pop(bucket, None)  # the event moved in the grid
            self.buckets.put(bucket, rows)
        else:  # the event got its date from this report
            del rows[position]
            self._views.pop(bucket, None)
            self._put_rows(bucket, rows)
            self._append(key, target, row)
        return Decision(merged.event_id, "update" if material else "duplicate", merged, best_score)

    def remember(self, event: Event) -> None:
        """File an event (already opened or merged) without matching it, e.g. when loading an archive."""
        self._append(
            dedup_key(event), bucket_of(dedup_key(event), event_day(event)), self._store(event)
        )

    def known(self, key: str) -> list[Event]:
        """Every event held under a dedup key, oldest day first (inspection, tests)."""
        return [
            self._event(row.ref) for day in self._index(key) for row in self._rows(f"{key}|{day}")
        ]

    def warm(self, key: str) -> None:
        """Build the grids of every bucket held under a dedup key now, not on first use."""
        for day in self._index(key):
            bucket = f"{key}|{day}"
            rows = self._rows(bucket)
            if rows:
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
        return profile(event, ref)

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
                    self.buckets.delete(row.ref)
                self.buckets.delete(bucket)
                self._views.pop(bucket, None)
                days.remove(old)
        self.buckets.put(index_of(key), days)


def memory_state(window_days: int = 3, threshold: float = MATCH_THRESHOLD) -> DedupState:
    """Dedup state in memory (``strikewatch dedup``, ``eval dedup``, benchmarks)."""
    return DedupState(MemoryStore(), window_days, threshold)


def sqlite_state(path: Path, window_days: int = 3, threshold: float = MATCH_THRESHOLD) -> DedupState:
    """Dedup state persisted in ``path`` (the runner: ``data_dir/dedup.sqlite3``)."""
    return DedupState(SqliteStore(path), window_days, threshold)
