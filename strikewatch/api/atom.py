"""The Atom feed of events: one entry per event, its id stable, ``updated`` on every revision."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from feedgen.feed import FeedGenerator

from strikewatch.core.records import Event
from strikewatch.core.timefmt import utcnow

#: Characters XML 1.0 cannot hold (control characters an article may carry).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text(value: str) -> str:
    return _NOT_XML.sub("", value)


def entry_id(event_id: str) -> str:
    return f"urn:strikewatch:event:{event_id}"


def _title(e: Event) -> str:
    place = e.location.name if e.location else "unknown place"
    country = f" ({e.location.country})" if e.location and e.location.country else ""
    toll = []
    if e.killed is not None:
        toll.append(f"{e.killed}{'+' if e.killed_at_least else ''} killed")
    if e.injured is not None:
        toll.append(f"{e.injured}{'+' if e.injured_at_least else ''} injured")
    day = e.date.isoformat() if e.date else "undated"
    return " ".join([e.event_type.replace("_", " "), "in", place + country, day,
                     *(["—", ", ".join(toll)] if toll else [])])


def render_feed(events: list[Event], revised: dict[str, str], base_url: str, self_url: str) -> bytes:
    """Atom XML for ``events``; ``revised`` maps an event id to when its newest revision came."""
    fg = FeedGenerator()
    fg.id("urn:strikewatch:feed:events")
    fg.title("strikewatch: attack events")
    fg.subtitle("Deduplicated, geocoded attack events from the news, newest first.")
    fg.author({"name": "strikewatch"})
    fg.link(href=self_url, rel="self", type="application/atom+xml")
    fg.link(href=base_url + "/", rel="alternate", type="text/html")
    newest = utcnow()
    times = []
    for e in events:
        fe = fg.add_entry(order="append")
        fe.id(entry_id(e.event_id))
        fe.title(_text(_title(e)))
        when = revised.get(e.event_id)
        updated = datetime.fromisoformat(when.replace("Z", "+00:00")) if when else (e.last_updated or newest)
        times.append(updated)
        fe.updated(updated.astimezone(UTC))
        if e.first_seen:
            fe.published(e.first_seen)
        fe.link(href=f"{base_url}/api/v1/events/{e.event_id}", rel="alternate", type="application/json")
        summary = e.summary or _title(e)
        fe.summary(_text(f"{summary} (revision {e.revision}, {e.article_count} report(s))"))
        for s in e.sources[:20]:
            if s.url.startswith(("https://", "http://")):
                fe.link(href=_text(s.url), rel="related", title=_text(s.outlet or s.url))
    fg.updated(max(times) if times else newest)
    return fg.atom_str(pretty=False)
