"""Filters over the archived events: one typed filter, its SQL, and the same test in Python.

:class:`EventFilter` is what the API's query parameters become once checked.
:func:`where` turns it into SQL over the ``events`` table (the same text for SQLite
and PostgreSQL); :func:`matches` applies it to one :class:`Event` (the live stream
filters revisions as they arrive, without a query). Both must agree: the API tests
run the same filters through both.

Pages are cut by keyset: a :class:`Position` is the sort key of the last event of a
page (event date, first seen, event id), so the next page starts strictly after it
and an event stored meanwhile neither repeats nor hides one.
"""

from __future__ import annotations

import base64
import json
import math
from dataclasses import dataclass
from datetime import date

from strikewatch.core.records import Event

#: Mean Earth radius (km), as used by the haversine distance.
EARTH_KM = 6371.0088
#: Half the Earth's circumference: every point is nearer than this.
MAX_NEAR_KM = 20_000.0

#: The day an event is filed under: its date, else the day it was first seen.
DAY_SQL = "COALESCE(event_date, substr(first_seen, 1, 10))"
#: The sort key, NULL-free so SQLite and PostgreSQL order alike (newest first).
SORT_DATE_SQL = "COALESCE(event_date, '')"
SORT_SEEN_SQL = "COALESCE(first_seen, '')"
ORDER_SQL = f"{SORT_DATE_SQL} DESC, {SORT_SEEN_SQL} DESC, event_id ASC"


@dataclass(frozen=True)
class EventFilter:
    """Every condition is optional; all given ones must hold."""

    countries: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    since: date | None = None
    until: date | None = None
    #: min_lon, min_lat, max_lon, max_lat (min_lon > max_lon crosses the antimeridian)
    bbox: tuple[float, float, float, float] | None = None
    #: lat, lon, km
    near: tuple[float, float, float] | None = None
    min_killed: int | None = None
    min_injured: int | None = None
    perpetrator: str = ""
    #: words that must each appear in the summary, place, perpetrator or target
    words: tuple[str, ...] = ()


@dataclass(frozen=True)
class Position:
    """Where a page ended: the sort key of its last event."""

    date: str
    first_seen: str
    event_id: str

    def encode(self) -> str:
        raw = json.dumps([self.date, self.first_seen, self.event_id], separators=(",", ":"))
        return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")

    @classmethod
    def decode(cls, cursor: str) -> Position:
        """The position a ``next_cursor`` names; ValueError when it is not one."""
        try:
            raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
            d, seen, event_id = json.loads(raw)
        except (ValueError, TypeError):
            raise ValueError("not a cursor this API gave out") from None
        if not all(isinstance(v, str) for v in (d, seen, event_id)) or not event_id:
            raise ValueError("not a cursor this API gave out")
        return cls(d, seen, event_id)


def _like(text: str) -> str:
    """A LIKE pattern matching ``text`` anywhere (its own % and _ taken literally)."""
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _lon_range(min_lon: float, max_lon: float) -> tuple[str, list]:
    if min_lon <= max_lon:
        return "lon BETWEEN ? AND ?", [min_lon, max_lon]
    return "(lon >= ? OR lon <= ?)", [min_lon, max_lon]  # across the antimeridian


def near_box(lat: float, lon: float, km: float) -> tuple[float, float, float, float]:
    """A box (min_lon, min_lat, max_lon, max_lat) holding every point within ``km``."""
    dlat = math.degrees(km / EARTH_KM)
    min_lat, max_lat = max(-90.0, lat - dlat), min(90.0, lat + dlat)
    coslat = math.cos(math.radians(max(abs(min_lat), abs(max_lat))))
    if max_lat >= 90.0 or min_lat <= -90.0 or coslat < 1e-6 or dlat / coslat >= 180.0:
        return (-180.0, min_lat, 180.0, max_lat)  # a pole inside: every longitude
    dlon = dlat / coslat
    wrap = lambda x: (x + 180.0) % 360.0 - 180.0  # noqa: E731
    return (wrap(lon - dlon), min_lat, wrap(lon + dlon), max_lat)


def _half_chord(km: float) -> float:
    """The haversine term a point ``km`` away reaches: nearer points stay below it."""
    return math.sin(km / (2 * EARTH_KM)) ** 2


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    a = (math.sin(math.radians(lat2 - lat1) / 2) ** 2
         + math.cos(math.radians(lat1)) * math.cos(math.radians(lat2))
         * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(a)))


def where(f: EventFilter, after: Position | None = None) -> tuple[list[str], list]:
    """SQL conditions (to be joined with AND) and their parameters."""
    sql: list[str] = []
    params: list = []
    if f.countries:
        sql.append(f"country IN ({', '.join('?' * len(f.countries))})")
        params += [c.upper() for c in f.countries]
    if f.types:
        sql.append(f"event_type IN ({', '.join('?' * len(f.types))})")
        params += list(f.types)
    if f.since:
        sql.append(f"{DAY_SQL} >= ?")
        params.append(f.since.isoformat())
    if f.until:
        sql.append(f"{DAY_SQL} <= ?")
        params.append(f.until.isoformat())
    if f.bbox:
        min_lon, min_lat, max_lon, max_lat = f.bbox
        lon_sql, lon_params = _lon_range(min_lon, max_lon)
        sql.append(f"lat BETWEEN ? AND ? AND {lon_sql}")
        params += [min_lat, max_lat, *lon_params]
    if f.near:
        lat, lon, km = f.near
        # The box uses the lat/lon index; the haversine term then keeps the true circle.
        min_lon, min_lat, max_lon, max_lat = near_box(lat, lon, km)
        lon_sql, lon_params = _lon_range(min_lon, max_lon)
        sql.append(f"lat BETWEEN ? AND ? AND {lon_sql}")
        params += [min_lat, max_lat, *lon_params]
        sql.append("sin(radians(lat - ?) / 2) * sin(radians(lat - ?) / 2)"
                   " + ? * cos(radians(lat)) * sin(radians(lon - ?) / 2) * sin(radians(lon - ?) / 2)"
                   " <= ?")
        params += [lat, lat, math.cos(math.radians(lat)), lon, lon, _half_chord(km)]
    if f.min_killed is not None:
        sql.append("killed >= ?")
        params.append(f.min_killed)
    if f.min_injured is not None:
        sql.append("injured >= ?")
        params.append(f.min_injured)
    if f.perpetrator:
        sql.append("LOWER(perpetrator) LIKE ? ESCAPE '\\'")
        params.append(_like(f.perpetrator))
    for word in f.words:
        fields = ("summary", "place", "perpetrator", "target")
        sql.append("(" + " OR ".join(f"LOWER({c}) LIKE ? ESCAPE '\\'" for c in fields) + ")")
        params += [_like(word)] * len(fields)
    if after is not None:
        # Strictly after the position. Written as a range on the first key plus a rest
        # that only trims the position's own day, so the sort index is walked in order
        # and the scan stops at the page's end (an OR of ranges makes SQLite sort them all).
        sql.append(f"{SORT_DATE_SQL} <= ? AND NOT ({SORT_DATE_SQL} = ? AND ({SORT_SEEN_SQL} > ?"
                   f" OR ({SORT_SEEN_SQL} = ? AND event_id <= ?)))")
        params += [after.date, after.date, after.first_seen, after.first_seen, after.event_id]
    return sql, params


def _in_box(lat: float, lon: float, box: tuple[float, float, float, float]) -> bool:
    min_lon, min_lat, max_lon, max_lat = box
    lon_ok = min_lon <= lon <= max_lon if min_lon <= max_lon else (lon >= min_lon or lon <= max_lon)
    return min_lat <= lat <= max_lat and lon_ok


def matches(f: EventFilter, e: Event) -> bool:
    """True when ``e`` passes every condition of ``f`` (what :func:`where` selects)."""
    loc = e.location
    if f.countries and (loc.country.upper() if loc else "") not in {c.upper() for c in f.countries}:
        return False
    if f.types and e.event_type not in f.types:
        return False
    day = e.date or (e.first_seen.date() if e.first_seen else None)
    if f.since and (day is None or day < f.since):
        return False
    if f.until and (day is None or day > f.until):
        return False
    located = loc is not None and loc.lat is not None and loc.lon is not None
    if f.bbox and not (located and _in_box(loc.lat, loc.lon, f.bbox)):
        return False
    if f.near and not (located and haversine_km(f.near[0], f.near[1], loc.lat, loc.lon) <= f.near[2]):
        return False
    if f.min_killed is not None and (e.killed is None or e.killed < f.min_killed):
        return False
    if f.min_injured is not None and (e.injured is None or e.injured < f.min_injured):
        return False
    perpetrator = (e.perpetrator.name if e.perpetrator else "").lower()
    if f.perpetrator and f.perpetrator.lower() not in perpetrator:
        return False
    if f.words:
        texts = [e.summary.lower(), (loc.name if loc else "").lower(), perpetrator,
                 (e.target.name if e.target else "").lower()]
        if not all(any(w.lower() in t for t in texts) for w in f.words):
            return False
    return True
