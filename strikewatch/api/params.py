"""Query parameters of the API: one table of what each accepts, and the strict parser.

Every parameter is checked before a query runs; a wrong one is a :class:`ParamError`
that names the parameter, what was given and the accepted form (the API answers it
with 400). A parameter the endpoint does not know is an error too, so a typo
(``contry=IQ``) never silently returns everything.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from starlette.datastructures import QueryParams

from strikewatch.core.records import EVENT_TYPES
from strikewatch.sinks.eventquery import MAX_NEAR_KM, EventFilter, Position

DEFAULT_LIMIT = 100
MAX_LIMIT = 1000
#: Longest text filter, and most words in ``q``: a query, not a document.
MAX_TEXT = 200
MAX_WORDS = 10
FORMATS = ("json", "geojson", "csv")

#: name -> (OpenAPI schema, description); the filters every listing endpoint shares.
FILTERS: dict[str, tuple[dict, str]] = {
    "country": ({"type": "string", "example": "IQ,SY"},
                "ISO 3166-1 alpha-2 country codes, comma-separated (any of them)."),
    "type": ({"type": "string", "example": "drone_attack,air_strike"},
             "Event types, comma-separated (any of them): " + ", ".join(EVENT_TYPES) + "."),
    "since": ({"type": "string", "format": "date"},
              "Events on or after this day (YYYY-MM-DD; an undated event counts on the day first seen)."),
    "until": ({"type": "string", "format": "date"}, "Events on or before this day (YYYY-MM-DD)."),
    "bbox": ({"type": "string", "example": "38.0,29.0,49.0,37.5"},
             "min_lon,min_lat,max_lon,max_lat in degrees; min_lon > max_lon crosses the antimeridian."),
    "near": ({"type": "string", "example": "33.31,44.36,50"},
             f"lat,lon,km: events within km (great-circle, 0 < km <= {MAX_NEAR_KM:,.0f}) of a point."),
    "min_killed": ({"type": "integer", "minimum": 0}, "At least this many killed (unknown tolls excluded)."),
    "min_injured": ({"type": "integer", "minimum": 0}, "At least this many injured (unknown tolls excluded)."),
    "perpetrator": ({"type": "string"}, "Case-insensitive part of the perpetrator's name."),
    "q": ({"type": "string"},
          f"Words (at most {MAX_WORDS}) that must each appear in the summary, place, perpetrator or target."),
}
#: Accepted on every endpoint that may need a token (EventSource and feed readers cannot send headers).
AUTH = {"token": ({"type": "string"}, "An API token, where an Authorization header cannot be sent.")}
PAGING = {
    "limit": ({"type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": DEFAULT_LIMIT},
              f"Events per page (1-{MAX_LIMIT}, default {DEFAULT_LIMIT})."),
    "cursor": ({"type": "string"}, "Where to go on: the next_cursor of the previous page (opaque)."),
    "format": ({"type": "string", "enum": list(FORMATS), "default": "json"},
               "json (events and next_cursor), geojson (a FeatureCollection) or csv."),
}
STREAM = {"last_event_id": ({"type": "integer", "minimum": 0},
                            "Resume after this message id (same as the Last-Event-ID header).")}

_COUNTRY = re.compile(r"^[A-Za-z]{2}$")


class ParamError(ValueError):
    """A query parameter the API cannot use; ``str()`` is the message for the user."""

    def __init__(self, param: str, message: str):
        self.param = param
        super().__init__(f"parameter {param!r}: {message}")


def check_known(params: QueryParams, allowed: dict[str, tuple]) -> None:
    """Every parameter is one the endpoint knows, and given once."""
    for name in params:
        if name not in allowed:
            raise ParamError(name, "unknown parameter; this endpoint accepts "
                             + ", ".join(sorted(allowed)))
        if len(params.getlist(name)) > 1:
            raise ParamError(name, "given more than once; give it once (lists are comma-separated)")


def _list(param: str, text: str) -> list[str]:
    items = [item.strip() for item in text.split(",")]
    if not all(items):
        raise ParamError(param, f"{text!r} has an empty item; expected a comma-separated list")
    return items


def _day(param: str, text: str) -> date:
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise ParamError(param, f"{text!r} is not a date; expected YYYY-MM-DD, e.g. 2024-05-01") from None
    if len(text) != 10:
        raise ParamError(param, f"{text!r}: expected YYYY-MM-DD, e.g. 2024-05-01")
    return day


def _numbers(param: str, text: str, count: int, form: str) -> list[float]:
    parts = text.split(",")
    try:
        values = [float(p) for p in parts]
    except ValueError:
        values = []
    if len(values) != count or not all(v == v and abs(v) != float("inf") for v in values):
        raise ParamError(param, f"{text!r}: expected {form}, {count} numbers separated by commas")
    return values


def _lat_lon(param: str, lat: float, lon: float) -> None:
    if not -90 <= lat <= 90:
        raise ParamError(param, f"latitude {lat:g} is outside -90..90")
    if not -180 <= lon <= 180:
        raise ParamError(param, f"longitude {lon:g} is outside -180..180")


def _int(param: str, text: str, low: int, high: int) -> int:
    try:
        value = int(text)
    except ValueError:
        raise ParamError(param, f"{text!r} is not a whole number") from None
    if not low <= value <= high:
        raise ParamError(param, f"{value:,} is outside {low:,}-{high:,}")
    return value


def _text(param: str, text: str) -> str:
    text = text.strip()
    if len(text) > MAX_TEXT:
        raise ParamError(param, f"longer than {MAX_TEXT} characters")
    return text


def event_filter(params: QueryParams) -> EventFilter:
    """The filter the shared parameters describe (absent ones: no condition)."""
    get = params.get
    countries: tuple[str, ...] = ()
    if get("country"):
        countries = tuple(_list("country", get("country")))
        bad = [c for c in countries if not _COUNTRY.match(c)]
        if bad:
            raise ParamError("country", f"{bad[0]!r} is not an ISO 3166-1 alpha-2 code (two letters, e.g. IQ)")
        countries = tuple(c.upper() for c in countries)
    types: tuple[str, ...] = ()
    if get("type"):
        types = tuple(_list("type", get("type")))
        bad = [t for t in types if t not in EVENT_TYPES]
        if bad:
            raise ParamError("type", f"{bad[0]!r} is not an event type; choose from {', '.join(EVENT_TYPES)}")
    since = _day("since", get("since")) if get("since") else None
    until = _day("until", get("until")) if get("until") else None
    if since and until and since > until:
        raise ParamError("until", f"{until} is before since={since}")
    bbox = None
    if get("bbox"):
        min_lon, min_lat, max_lon, max_lat = _numbers("bbox", get("bbox"), 4, "min_lon,min_lat,max_lon,max_lat")
        _lat_lon("bbox", min_lat, min_lon)
        _lat_lon("bbox", max_lat, max_lon)
        if min_lat > max_lat:
            raise ParamError("bbox", f"min_lat {min_lat:g} is above max_lat {max_lat:g}")
        bbox = (min_lon, min_lat, max_lon, max_lat)
    near = None
    if get("near"):
        lat, lon, km = _numbers("near", get("near"), 3, "lat,lon,km")
        _lat_lon("near", lat, lon)
        if not 0 < km <= MAX_NEAR_KM:
            raise ParamError("near", f"distance {km:g} km: expected more than 0 and at most {MAX_NEAR_KM:,.0f}")
        near = (lat, lon, km)
    min_killed = _int("min_killed", get("min_killed"), 0, 10_000_000) if get("min_killed") else None
    min_injured = _int("min_injured", get("min_injured"), 0, 10_000_000) if get("min_injured") else None
    perpetrator = _text("perpetrator", get("perpetrator", ""))
    words = tuple(_text("q", get("q", "")).split())
    if len(words) > MAX_WORDS:
        raise ParamError("q", f"{len(words)} words; at most {MAX_WORDS}")
    return EventFilter(countries, types, since, until, bbox, near, min_killed, min_injured,
                       perpetrator, words)


@dataclass(frozen=True)
class Page:
    limit: int = DEFAULT_LIMIT
    after: Position | None = None
    format: str = "json"


def page(params: QueryParams) -> Page:
    limit = _int("limit", params["limit"], 1, MAX_LIMIT) if params.get("limit") else DEFAULT_LIMIT
    after = None
    if params.get("cursor"):
        try:
            after = Position.decode(params["cursor"])
        except ValueError as exc:
            raise ParamError("cursor", f"{exc}; pass the next_cursor of the previous page unchanged") from None
    fmt = params.get("format") or "json"
    if fmt not in FORMATS:
        raise ParamError("format", f"{fmt!r}: choose json, geojson or csv")
    return Page(limit, after, fmt)


def last_event_id(header: str | None, params: QueryParams) -> int | None:
    """Where a reconnecting stream resumes: the header, else the parameter."""
    text = header if header is not None else params.get("last_event_id")
    if text is None or text == "":
        return None
    return _int("Last-Event-ID" if header is not None else "last_event_id", text, 0, 2**63 - 1)
