"""Alert messages per channel markup: plain text, Markdown, HTML. Pure, no I/O.

Everything that came from a news article (place and actor names, summaries, outlet
names, URLs) is untrusted: it is escaped for the markup it goes into, and links are
only made from ``http(s)`` URLs, so a crafted article cannot inject markup, mentions
or ``javascript:`` links into a subscriber's Slack, Telegram or mailbox.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from urllib.parse import quote

from strikewatch.core.records import Alert, Event
from strikewatch.sinks.alerts import _TYPE_LABELS, _count, _place

_ZOOM = {"site": 15, "city": 12, "region": 8, "country": 5}


@dataclass(frozen=True)
class Message:
    """One alert (or digest) as a channel will show it."""

    title: str
    text: str
    markdown: str
    html: str


def map_link(event: Event) -> str | None:
    """OpenStreetMap link centred on the event, zoomed to its location precision."""
    loc = event.location
    if not loc or loc.lat is None or loc.lon is None:
        return None
    zoom = _ZOOM.get(loc.precision, 10)
    return (f"https://www.openstreetmap.org/?mlat={loc.lat:.5f}&mlon={loc.lon:.5f}"
            f"#map={zoom}/{loc.lat:.5f}/{loc.lon:.5f}")


def safe_url(url: str) -> str | None:
    """The URL if it is http(s) and has no characters that could break out of markup."""
    if not re.match(r"^https?://[^\s]+$", url or "", re.IGNORECASE):
        return None
    # Percent-encode what Markdown and HTML attributes treat specially.
    return quote(url, safe=":/?#@!$&'*+,;=%-._~[]").replace("(", "%28").replace(")", "%29")


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>~<&@:])")


def escape_markdown(text: str) -> str:
    """Backslash-escape Markdown (and Slack/Discord mention) syntax; fold newlines."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def facts(event: Event) -> list[tuple[str, str]]:
    """(label, value) lines of an alert, values still raw (untrusted)."""
    label = _TYPE_LABELS.get(event.event_type, "Attack")
    out = [("What", label + (f" ({event.weapon})" if event.weapon else ""))]
    where = _place(event)
    loc = event.location
    if loc and loc.lat is not None and loc.lon is not None:
        where += f" ({loc.lat:.4f}, {loc.lon:.4f})"
    out.append(("Where", where))
    out.append(("When", event.date.isoformat() if event.date else "unknown"))
    casualties = [c for c in (_count(event.killed, event.killed_at_least, "killed"),
                              _count(event.injured, event.injured_at_least, "injured")) if c]
    if casualties:
        out.append(("Casualties", ", ".join(casualties)))
    if event.perpetrator:
        out.append(("Perpetrator", event.perpetrator.name))
    if event.target and event.target.name:
        out.append(("Target", f"{event.target.name} ({event.target.category})"))
    out.append(("Confidence", f"{event.confidence:.0%} from {event.article_count} report(s)"))
    return out


def _sources(event: Event, limit: int = 5) -> list[tuple[str, str]]:
    return [(s.outlet or s.url, s.url) for s in event.sources[:limit] if s.url]


def render_message(alert: Alert) -> Message:
    event = alert.event
    map_url = map_link(event)
    sources = _sources(event)

    text = [alert.title, ""] + [f"{k}: {v}" for k, v in facts(event)]
    if event.summary:
        text += ["", event.summary]
    if map_url:
        text.append(f"Map: {map_url}")
    text += [f"Source: {name} {url}" if name != url else f"Source: {url}" for name, url in sources]

    md = [f"**{escape_markdown(alert.title)}**", ""]
    md += [f"**{k}:** {escape_markdown(v)}  " for k, v in facts(event)]
    if event.summary:
        md += ["", escape_markdown(event.summary)]
    if map_url:
        md.append(f"[Map]({map_url})  ")
    for name, url in sources:
        link = safe_url(url)
        md.append(f"Source: [{escape_markdown(name)}]({link})  " if link
                  else f"Source: {escape_markdown(url)}  ")

    e = html.escape
    rows = "".join(f"<tr><th align=\"left\">{e(k)}</th><td>{e(v)}</td></tr>" for k, v in facts(event))
    body = [f"<h2>{e(alert.title)}</h2>", f"<table>{rows}</table>"]
    if event.summary:
        body.append(f"<p>{e(event.summary)}</p>")
    if map_url:
        body.append(f'<p><a href="{e(map_url)}">Map (OpenStreetMap)</a></p>')
    items = []
    for name, url in sources:
        link = safe_url(url)
        items.append(f'<li><a href="{e(link)}">{e(name)}</a></li>' if link else f"<li>{e(url)}</li>")
    if items:
        body.append("<p>Sources:</p><ul>" + "".join(items) + "</ul>")
    return Message(alert.title, "\n".join(text), "\n".join(md).rstrip(), "\n".join(body))


def render_digest(alerts: list[Alert]) -> Message:
    """Several alerts as one message: a line per alert, newest last."""
    title = f"strikewatch digest: {len(alerts)} alert{'s' if len(alerts) != 1 else ''}"
    text, md, items = [title, ""], [f"**{escape_markdown(title)}**", ""], []
    for alert in alerts:
        link = map_link(alert.event)
        text.append(f"- {alert.title}" + (f" {link}" if link else ""))
        md.append(f"- {escape_markdown(alert.title)}" + (f" ([map]({link}))" if link else ""))
        items.append(f"<li>{html.escape(alert.title)}"
                     + (f' (<a href="{html.escape(link)}">map</a>)' if link else "") + "</li>")
    return Message(title, "\n".join(text), "\n".join(md),
                   f"<h2>{html.escape(title)}</h2><ul>{''.join(items)}</ul>")
