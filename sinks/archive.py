"""The event archive: every event, every revision, every source (SQLite or PostgreSQL).

``events`` holds each event's newest revision with the columns one filters on;
``event_revisions`` every revision as received; ``event_sources`` each report
once, with the revision that first brought it; ``event_changes`` numbers each
revision as it is first stored (``seq``, ever increasing), so readers of the live
stream ask for what came after the last number they saw. Storing is idempotent, so
a replayed Kafka message changes nothing.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from strikewatch.core.records import Event, decode
from strikewatch.core.timefmt import iso_z, utcnow
from strikewatch.sinks.db import Database
from strikewatch.sinks.eventquery import (
    ORDER_SQL,
    SORT_DATE_SQL,
    SORT_SEEN_SQL,
    EventFilter,
    Position,
    where,
)

SCHEMA = """
CREATE TABLE IF NOT EXISTS events (
    event_id TEXT PRIMARY KEY,
    revision INTEGER NOT NULL,
    status TEXT NOT NULL,
    event_type TEXT NOT NULL,
    event_date TEXT,
    country TEXT NOT NULL DEFAULT '',
    place TEXT NOT NULL DEFAULT '',
    lat DOUBLE PRECISION,
    lon DOUBLE PRECISION,
    killed INTEGER,
    injured INTEGER,
    perpetrator TEXT NOT NULL DEFAULT '',
    confidence DOUBLE PRECISION NOT NULL,
    article_count INTEGER NOT NULL,
    first_seen TEXT,
    last_updated TEXT,
    archived TEXT NOT NULL,
    data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS events_by_country_date ON events (country, event_date);
CREATE INDEX IF NOT EXISTS events_by_type_date ON events (event_type, event_date);
CREATE TABLE IF NOT EXISTS event_revisions (
    event_id TEXT NOT NULL,
    revision INTEGER NOT NULL,
    status TEXT NOT NULL,
    archived TEXT NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (event_id, revision)
);
CREATE TABLE IF NOT EXISTS event_sources (
    event_id TEXT NOT NULL,
    source_key TEXT NOT NULL,
    url TEXT NOT NULL,
    outlet TEXT NOT NULL,
    article_id TEXT NOT NULL,
    published TEXT,
    fetched TEXT,
    first_revision INTEGER NOT NULL,
    PRIMARY KEY (event_id, source_key)
);
CREATE INDEX IF NOT EXISTS events_by_lat_lon ON events (lat, lon)
"""

#: The change sequence: a number per stored revision, in commit order.
CHANGES = {
    "sqlite": "CREATE TABLE IF NOT EXISTS event_changes (seq INTEGER PRIMARY KEY AUTOINCREMENT,"
              " event_id TEXT NOT NULL, revision INTEGER NOT NULL)",
    "postgresql": "CREATE TABLE IF NOT EXISTS event_changes (seq BIGINT GENERATED ALWAYS AS IDENTITY"
                  " PRIMARY KEY, event_id TEXT NOT NULL, revision INTEGER NOT NULL)",
}

#: Columns added after the first release, with how to fill them from ``data`` (the JSON).
ADDED_COLUMNS = {
    "summary": {"sqlite": "COALESCE(json_extract(data, '$.summary'), '')",
                "postgresql": "COALESCE(data::json->>'summary', '')"},
    "target": {"sqlite": "COALESCE(json_extract(data, '$.target.name'), '')",
               "postgresql": "COALESCE(data::json->'target'->>'name', '')"},
}

#: Newest first over the whole archive; pages are cut by this order.
SORT_INDEX = (f"CREATE INDEX IF NOT EXISTS events_by_order ON events (({SORT_DATE_SQL}) DESC,"
              f" ({SORT_SEEN_SQL}) DESC, event_id ASC)")

_COLUMNS = ("event_id", "revision", "status", "event_type", "event_date", "country", "place", "lat",
            "lon", "killed", "injured", "perpetrator", "confidence", "article_count", "first_seen",
            "last_updated", "summary", "target")


def _iso(value) -> str | None:
    """A date as ISO-8601, a datetime as UTC with ``Z``, None as None."""
    if value is None:
        return None
    return iso_z(value) if isinstance(value, datetime) else value.isoformat()


@dataclass(frozen=True)
class EventQuery:
    country: str = ""
    event_type: str = ""
    since: date | None = None
    limit: int = 50


class Archive:
    def __init__(self, db: Database):
        self.db = db
        db.script(SCHEMA)
        self._add_columns()
        db.script(f"{CHANGES[db.kind]}; {SORT_INDEX}")
        if db.kind == "sqlite":
            _math_functions(db)

    def _add_columns(self) -> None:
        """Bring an archive written by an older version up to the current columns."""
        if self.db.kind == "sqlite":
            have = {r["name"] for r in self.db.query("PRAGMA table_info(events)")}
        else:
            have = {r["column_name"] for r in self.db.query(
                "SELECT column_name FROM information_schema.columns"
                " WHERE table_name = 'events' AND table_schema = current_schema()")}
        with self.db.transaction():
            for name, fill in ADDED_COLUMNS.items():
                if name not in have:
                    self.db.execute(f"ALTER TABLE events ADD COLUMN {name} TEXT NOT NULL DEFAULT ''")
                    self.db.execute(f"UPDATE events SET {name} = {fill[self.db.kind]}")

    def store(self, event: Event) -> None:
        """Record one revision of an event (idempotent; an older revision never overwrites a newer)."""
        loc = event.location
        now = _iso(utcnow())
        data = event.to_json()
        row = (
            event.event_id, event.revision, event.status, event.event_type, _iso(event.date),
            (loc.country if loc else "").upper(), loc.name if loc else "",
            loc.lat if loc else None, loc.lon if loc else None, event.killed, event.injured,
            event.perpetrator.name if event.perpetrator else "", event.confidence,
            event.article_count, _iso(event.first_seen), _iso(event.last_updated), event.summary,
            event.target.name if event.target else "", now, data,
        )
        cols = ", ".join((*_COLUMNS, "archived", "data"))
        updates = ", ".join(f"{c} = excluded.{c}" for c in (*_COLUMNS[1:], "archived", "data"))
        with self.db.transaction():
            self.db.execute(
                f"INSERT INTO events ({cols}) VALUES ({', '.join('?' * len(row))})"
                f" ON CONFLICT (event_id) DO UPDATE SET {updates}"
                " WHERE excluded.revision >= events.revision",
                row)
            added = self.db.execute(
                "INSERT INTO event_revisions (event_id, revision, status, archived, data)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT (event_id, revision) DO NOTHING",
                (event.event_id, event.revision, event.status, now, data))
            if added:
                if self.db.kind == "postgresql":
                    # Numbers are drawn in commit order, or a reader could pass over a
                    # number still being committed by another sink.
                    self.db.execute("LOCK TABLE event_changes IN EXCLUSIVE MODE")
                self.db.execute("INSERT INTO event_changes (event_id, revision) VALUES (?, ?)",
                                (event.event_id, event.revision))
            for s in event.sources:
                key = s.url or s.article_id
                if not key:
                    continue
                self.db.execute(
                    "INSERT INTO event_sources (event_id, source_key, url, outlet, article_id,"
                    " published, fetched, first_revision) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                    " ON CONFLICT (event_id, source_key) DO NOTHING",
                    (event.event_id, key, s.url, s.outlet, s.article_id, _iso(s.published),
                     _iso(s.fetched), event.revision))

    def list(self, q: EventQuery = EventQuery()) -> list[dict[str, Any]]:
        """Newest first, by event date then first seen."""
        where, params = [], []
        if q.country:
            where.append("country = ?")
            params.append(q.country.upper())
        if q.event_type:
            where.append("event_type = ?")
            params.append(q.event_type)
        if q.since:
            where.append("COALESCE(event_date, substr(first_seen, 1, 10)) >= ?")
            params.append(q.since.isoformat())
        sql = f"SELECT {', '.join(_COLUMNS)} FROM events"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += f" ORDER BY {ORDER_SQL}"
        if q.limit:
            sql += f" LIMIT {int(q.limit)}"
        return self.db.query(sql, params)

    def clear(self) -> None:
        """Forget every event (the demo's own archive starts each run empty); the change
        numbers go on from where they were, so a connected stream reader misses nothing."""
        with self.db.transaction():
            for table in ("event_changes", "event_sources", "event_revisions", "events"):
                self.db.execute(f"DELETE FROM {table}")

    def search(self, f: EventFilter, limit: int, after: Position | None = None
               ) -> tuple[list[Event], Position | None]:
        """One page of events passing ``f``, newest first, and where the next page starts
        (None on the last page)."""
        conditions, params = where(f, after)
        sql = (f"SELECT event_id, {SORT_DATE_SQL} AS sort_date, {SORT_SEEN_SQL} AS sort_seen, data"
               " FROM events")
        if conditions:
            sql += " WHERE " + " AND ".join(conditions)
        sql += f" ORDER BY {ORDER_SQL} LIMIT {int(limit) + 1}"
        rows = self.db.query(sql, params)
        events = [decode(Event, r["data"], f"archive:{r['event_id']}") for r in rows[:limit]]
        if len(rows) <= limit:
            return events, None
        last = rows[limit - 1]
        return events, Position(last["sort_date"], last["sort_seen"], last["event_id"])

    def last_seq(self) -> int:
        """The number of the newest stored revision (0 in an empty archive)."""
        rows = self.db.query("SELECT MAX(seq) AS seq FROM event_changes")
        return int(rows[0]["seq"] or 0)

    def changes_after(self, seq: int, limit: int = 500) -> list[tuple[int, Event]]:
        """Revisions stored after number ``seq``, oldest first, as (number, event revision)."""
        rows = self.db.query(
            "SELECT c.seq, c.event_id, r.data FROM event_changes c JOIN event_revisions r"
            " ON r.event_id = c.event_id AND r.revision = c.revision"
            f" WHERE c.seq > ? ORDER BY c.seq LIMIT {int(limit)}", (seq,))
        return [(int(r["seq"]), decode(Event, r["data"], f"archive:{r['event_id']}")) for r in rows]

    def revisions(self, event_id: str) -> list[dict[str, Any]]:
        """Every revision of an event, oldest first: revision, status, archived, data (JSON)."""
        return self.db.query(
            "SELECT revision, status, archived, data FROM event_revisions WHERE event_id = ?"
            " ORDER BY revision", (event_id,))

    def sources(self, event_id: str) -> list[dict[str, Any]]:
        """Every report of an event, in the order they came."""
        return self.db.query(
            "SELECT url, outlet, article_id, published, fetched, first_revision FROM event_sources"
            " WHERE event_id = ? ORDER BY first_revision, url", (event_id,))

    def revised(self, event_ids: list[str]) -> dict[str, str]:
        """When each event's newest revision was first archived (event id -> ISO time)."""
        if not event_ids:
            return {}
        rows = self.db.query(
            "SELECT e.event_id, r.archived FROM events e JOIN event_revisions r"
            " ON r.event_id = e.event_id AND r.revision = e.revision"
            f" WHERE e.event_id IN ({', '.join('?' * len(event_ids))})", event_ids)
        return {r["event_id"]: r["archived"] for r in rows}

    def events(self, q: EventQuery) -> list[Event]:
        """The full newest revision of each event the query finds."""
        ids = [r["event_id"] for r in self.list(q)]
        return [e for e in (self.get(i) for i in ids) if e is not None]

    def get(self, event_id: str) -> Event | None:
        rows = self.db.query("SELECT data FROM events WHERE event_id = ?", (event_id,))
        return decode(Event, rows[0]["data"], f"archive:{event_id}") if rows else None

    def show(self, event_id: str) -> dict[str, Any] | None:
        """The event's newest revision, its revision history and every source."""
        event = self.get(event_id)
        if event is None:
            return None
        revisions = self.db.query(
            "SELECT revision, status, archived, data FROM event_revisions WHERE event_id = ?"
            " ORDER BY revision", (event_id,))
        sources = self.db.query(
            "SELECT url, outlet, article_id, published, fetched, first_revision FROM event_sources"
            " WHERE event_id = ? ORDER BY first_revision, url", (event_id,))
        history = []
        for r in revisions:
            e = json.loads(r["data"])
            history.append({"revision": r["revision"], "status": r["status"], "archived": r["archived"],
                            "killed": e.get("killed"), "injured": e.get("injured"),
                            "article_count": e.get("article_count")})
        return {"event": event.to_dict(), "revisions": history, "sources": sources}


def _math_functions(db: Database) -> None:
    """sin, cos, radians for the ``near`` filter where SQLite was built without them."""
    import math

    try:
        db.query("SELECT sin(radians(1.0)) * cos(1.0) AS x")
    except Exception:
        for name, fn in (("sin", math.sin), ("cos", math.cos), ("radians", math.radians)):
            db.conn.create_function(name, 1, lambda x, fn=fn: None if x is None else fn(x),
                                    deterministic=True)


def to_geojson(events: list[Event]) -> dict[str, Any]:
    """A GeoJSON FeatureCollection: one Point per event (null geometry where unlocated)."""
    features = []
    for e in events:
        loc = e.location
        geometry = ({"type": "Point", "coordinates": [loc.lon, loc.lat]}
                    if loc and loc.lat is not None and loc.lon is not None else None)
        props = _flat(e)
        props["sources"] = [s.url for s in e.sources if s.url]
        features.append({"type": "Feature", "id": e.event_id, "geometry": geometry, "properties": props})
    return {"type": "FeatureCollection", "features": features}


CSV_FIELDS = ("event_id", "revision", "event_type", "date", "place", "admin1", "country", "lat", "lon",
              "precision", "killed", "injured", "perpetrator", "target", "weapon", "confidence",
              "article_count", "first_seen", "last_updated", "summary", "sources")


def to_csv(events: list[Event]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for e in events:
        row = _flat(e)
        row["sources"] = " ".join(s.url for s in e.sources if s.url)
        # A cell starting with = + - @ is a formula to spreadsheets: defuse untrusted text.
        writer.writerow({k: (f"'{v}" if isinstance(v, str) and v != "" and v[:1] in "=+-@\t\r" else v)
                         for k, v in row.items()})
    return out.getvalue()


def _flat(e: Event) -> dict[str, Any]:
    loc = e.location
    return {
        "event_id": e.event_id, "revision": e.revision, "event_type": e.event_type,
        "date": _iso(e.date), "place": loc.name if loc else "", "admin1": loc.admin1 if loc else "",
        "country": loc.country if loc else "", "lat": loc.lat if loc else None,
        "lon": loc.lon if loc else None, "precision": loc.precision if loc else "",
        "killed": e.killed, "injured": e.injured,
        "perpetrator": e.perpetrator.name if e.perpetrator else "",
        "target": e.target.name if e.target else "", "weapon": e.weapon,
        "confidence": e.confidence, "article_count": e.article_count,
        "first_seen": _iso(e.first_seen), "last_updated": _iso(e.last_updated), "summary": e.summary,
    }
