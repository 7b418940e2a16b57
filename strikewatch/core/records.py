"""Message records: Link, Article, Event, Alert.

Defined once, versioned by their ``schema`` field, serialised as JSON with UTC
ISO-8601 datetimes. Every boundary (stdin, HTTP, Kafka) decodes with
:func:`decode`, which raises :class:`RecordError` naming the record type, the
field and the input that was wrong.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from datetime import UTC, datetime
from typing import Annotated, Any, Literal, TypeVar

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    ValidationError,
    model_validator,
)

from strikewatch.core.timefmt import iso_z

#: Dates and times a record may carry: news of attacks, not of year 1 or year 9999 (whose
#: arithmetic overflows). Anything outside is a validation error naming the field.
MIN_YEAR, MAX_YEAR = 1900, 2100
#: No attack report counts more victims than this; a larger figure is a bad record.
MAX_COUNT = 10_000_000


def _year_in_range(value: dt.date) -> dt.date:
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise ValueError(f"year {value.year} is outside {MIN_YEAR}-{MAX_YEAR}")
    return value


def _to_utc(value: datetime) -> datetime:
    return value.astimezone(UTC)


_SURROGATE = re.compile("[\ud800-\udfff]")


def _writable(value: Any) -> Any:
    """Text without lone surrogates (U+FFFD for each): they cannot be written as UTF-8.

    JSON escapes (``"\\ud800"``) and UTF-7 pages decode to them; a record holding one
    would decode but never serialise, so the next stage could not be sent it.
    """
    if isinstance(value, str):
        return value if value.isascii() or not _SURROGATE.search(value) else _SURROGATE.sub("\ufffd", value)
    if isinstance(value, list):
        return [_writable(item) for item in value]
    return value


#: A timezone-aware datetime, normalised to UTC, written as ISO-8601 with ``Z``.
UtcDatetime = Annotated[
    AwareDatetime, AfterValidator(_year_in_range), AfterValidator(_to_utc), PlainSerializer(iso_z)
]
#: A calendar day within MIN_YEAR..MAX_YEAR.
Day = Annotated[dt.date, AfterValidator(_year_in_range)]

EventType = Literal[
    "missile_attack",
    "rocket_attack",
    "drone_attack",
    "air_strike",
    "shelling",
    "bombing",
    "suicide_bombing",
    "ied",
    "shooting",
    "armed_assault",
    "vehicle_ramming",
    "stabbing",
    "other_attack",
]
EVENT_TYPES: tuple[str, ...] = EventType.__args__  # type: ignore[attr-defined]

LocationPrecision = Literal["site", "city", "region", "country"]
DatePrecision = Literal["day", "week", "month"]
EventStatus = Literal["new", "update"]


class RecordError(ValueError):
    """A message that does not match its record type.

    ``str(err)`` reads like ``Article from stdin:3: field 'published': Input should
    have timezone info``.
    """

    def __init__(self, record: str, source: str, field: str | None, reason: str):
        self.record = record
        self.source = source
        self.field = field
        self.reason = reason
        where = f"field '{field}': " if field else ""
        super().__init__(f"{record} from {source}: {where}{reason}")


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore", populate_by_name=True, allow_inf_nan=False)

    @model_validator(mode="before")
    @classmethod
    def _text_is_writable(cls, data: Any) -> Any:
        # nested records run this themselves; dict keys are field names
        if isinstance(data, dict):
            return {key: _writable(value) for key, value in data.items()}
        return data

    def to_json(self) -> str:
        return self.model_dump_json(by_alias=True)

    def to_bytes(self) -> bytes:
        return self.to_json().encode("utf-8")

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json", by_alias=True)


def url_hash(url: str) -> str:
    """Stable 16-hex-digit key for a URL (Kafka message key for links and articles)."""
    return hashlib.sha256(url.encode("utf-8")).hexdigest()[:16]


class Link(_Record):
    """A new item seen in a feed: something to fetch."""

    schema_: Literal["strikewatch.link/1"] = Field("strikewatch.link/1", alias="schema")
    id: str = Field(min_length=1, description="stable item id (GUID, else the canonical URL)")
    url: str = Field(min_length=1)
    title: str = ""
    summary: str = ""
    published: UtcDatetime | None = None
    feed_url: str = ""
    feed_name: str = ""
    discovered: UtcDatetime


class Article(_Record):
    """An article's text and metadata, as fetched and extracted."""

    schema_: Literal["strikewatch.article/1"] = Field("strikewatch.article/1", alias="schema")
    id: str = Field(min_length=1)
    url: str = ""
    title: str = ""
    text: str = ""
    published: UtcDatetime | None = None
    outlet: str = ""
    author: str = ""
    language: str = ""
    fetched: UtcDatetime | None = None
    #: when the item was first seen in its feed (for end-to-end latency)
    discovered: UtcDatetime | None = None
    #: the page's rel=canonical URL, when it names one
    canonical_url: str = ""


class Location(_Record):
    name: str
    admin1: str = ""
    country: str = Field("", description="ISO 3166-1 alpha-2 code")
    lat: float | None = Field(None, ge=-90.0, le=90.0)
    lon: float | None = Field(None, ge=-180.0, le=180.0)
    precision: LocationPrecision = "city"


class Actor(_Record):
    name: str
    aliases_matched: list[str] = []


class Target(_Record):
    category: str = "unknown"
    name: str = ""


class Evidence(_Record):
    """The sentence that supports one field, with its character span in the text."""

    field: str
    text: str
    start: int
    end: int
    #: the article the sentence is from (set when reports are merged; "" = the event's own)
    article_id: str = ""


class Source(_Record):
    url: str = ""
    outlet: str = ""
    article_id: str = ""
    published: UtcDatetime | None = None
    fetched: UtcDatetime | None = None


class Event(_Record):
    """An attack event: extracted from one article, or merged across many."""

    schema_: Literal["strikewatch.event/1"] = Field("strikewatch.event/1", alias="schema")
    event_id: str = ""
    status: EventStatus = "new"
    revision: int = Field(1, ge=1)
    #: the article this event was extracted from (extract output; dedup input)
    id: str = ""
    event_type: EventType
    weapon: str = ""
    date: Day | None = None
    date_precision: DatePrecision = "day"
    location: Location | None = None
    perpetrator: Actor | None = None
    target: Target | None = None
    killed: int | None = Field(None, ge=0, le=MAX_COUNT)
    killed_at_least: bool = False
    injured: int | None = Field(None, ge=0, le=MAX_COUNT)
    injured_at_least: bool = False
    summary: str = ""
    confidence: float = Field(0.5, ge=0.0, le=1.0)
    evidence: list[Evidence] = []
    sources: list[Source] = []
    first_seen: UtcDatetime | None = None
    last_updated: UtcDatetime | None = None
    article_count: int = Field(1, ge=1)


class Alert(_Record):
    """What a subscriber receives about a new or updated event."""

    schema_: Literal["strikewatch.alert/1"] = Field("strikewatch.alert/1", alias="schema")
    alert_id: str
    event_id: str
    revision: int = Field(ge=1)
    status: EventStatus
    title: str
    text: str
    created: UtcDatetime
    event: Event


R = TypeVar("R", bound=_Record)


def decode(cls: type[R], data: bytes | str | dict[str, Any], source: str = "input") -> R:
    """Parse and validate one message; raise :class:`RecordError` naming what is wrong."""
    name = cls.__name__
    if isinstance(data, bytes | bytearray):
        try:
            data = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise RecordError(name, source, None, f"not UTF-8 ({exc.reason} at byte {exc.start})") from None
    if isinstance(data, str):
        try:
            data = json.loads(data)
        except json.JSONDecodeError as exc:
            raise RecordError(name, source, None, f"not JSON ({exc.msg} at column {exc.colno})") from None
        except RecursionError:
            raise RecordError(name, source, None, "not JSON: nested too deeply") from None
        except ValueError as exc:  # an integer of over 4,300 digits
            raise RecordError(name, source, None, f"not JSON ({exc})") from None
    if not isinstance(data, dict):
        raise RecordError(name, source, None, f"expected a JSON object, got {type(data).__name__}")
    try:
        return cls.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first["loc"]) or None
        more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
        raise RecordError(name, source, field, first["msg"] + more) from None
    except (ArithmeticError, ValueError, RecursionError) as exc:  # e.g. a date that overflows
        raise RecordError(name, source, None, f"{type(exc).__name__}: {exc}") from None
