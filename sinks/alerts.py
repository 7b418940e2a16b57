"""Render an event into an alert: pure, no I/O."""

from __future__ import annotations

from datetime import datetime

from strikewatch.core.records import Alert, Event

_TYPE_LABELS = {
    "missile_attack": "Missile attack",
    "rocket_attack": "Rocket attack",
    "drone_attack": "Drone attack",
    "air_strike": "Air strike",
    "shelling": "Shelling",
    "bombing": "Bombing",
    "suicide_bombing": "Suicide bombing",
    "ied": "IED attack",
    "shooting": "Shooting",
    "armed_assault": "Armed assault",
    "vehicle_ramming": "Vehicle-ramming attack",
    "stabbing": "Stabbing",
    "other_attack": "Attack",
}


def _count(n: int | None, at_least: bool, word: str) -> str | None:
    if n is None:
        return None
    return f"{'at least ' if at_least else ''}{n} {word}"


def _place(event: Event) -> str:
    loc = event.location
    if not loc:
        return "unknown location"
    parts = [loc.name]
    if loc.admin1 and loc.admin1 != loc.name:
        parts.append(loc.admin1)
    if loc.country and loc.country not in parts and loc.precision != "country":
        parts.append(loc.country)
    return ", ".join(parts)


def render_alert(event: Event, now: datetime) -> Alert:
    """One alert per (event, revision): the title says what and where, the text the rest."""
    label = _TYPE_LABELS.get(event.event_type, "Attack")
    casualties = [
        c for c in (
            _count(event.killed, event.killed_at_least, "killed"),
            _count(event.injured, event.injured_at_least, "injured"),
        ) if c
    ]
    prefix = "UPDATE: " if event.status == "update" else ""
    preposition = "at" if event.location and event.location.precision == "site" else "in"
    title = f"{prefix}{label} {preposition} {_place(event)}"
    headline = [c for c in casualties if not c.startswith("0 ")]
    if headline:
        title += " — " + ", ".join(headline)
    lines = [
        f"What: {label}" + (f" ({event.weapon})" if event.weapon else ""),
        f"Where: {_place(event)}"
        + (f" ({event.location.lat:.4f}, {event.location.lon:.4f})"
           if event.location and event.location.lat is not None and event.location.lon is not None
           else ""),
        f"When: {event.date.isoformat() if event.date else 'unknown'}",
    ]
    if casualties:
        lines.append("Casualties: " + ", ".join(casualties))
    if event.perpetrator:
        lines.append(f"Perpetrator: {event.perpetrator.name}")
    if event.target and event.target.name:
        lines.append(f"Target: {event.target.name} ({event.target.category})")
    lines.append(f"Confidence: {event.confidence:.2f}; sources: {event.article_count}")
    lines.extend(f"Source: {s.url}" for s in event.sources[:5] if s.url)
    return Alert(
        alert_id=f"{event.event_id}:{event.revision}",
        event_id=event.event_id,
        revision=event.revision,
        status=event.status,
        title=title,
        text="\n".join(lines),
        created=now,
        event=event,
    )
