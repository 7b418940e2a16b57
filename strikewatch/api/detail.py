"""One event in full: what each revision changed, what each source supports, the evidence.

Pure functions over what the archive returns (:meth:`Archive.revisions`,
:meth:`Archive.sources`), so the page can show "revision 3: killed 4 -> 7".
"""

from __future__ import annotations

import json
from typing import Any

from strikewatch.core.records import Event

#: The fields whose change a revision reports, in the order shown.
TRACKED = ("event_type", "date", "location", "perpetrator", "target", "weapon", "killed", "injured")


def _value(data: dict[str, Any], field: str) -> Any:
    value = data.get(field)
    if field == "location" and isinstance(value, dict):
        return {k: value.get(k) for k in ("name", "admin1", "country", "lat", "lon", "precision")}
    if field in ("perpetrator", "target") and isinstance(value, dict):
        return value.get("name") or None
    return value


def revision_changes(revisions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each revision with ``changes``: field -> [before, after] against the revision before
    (the first revision lists no changes: everything is new)."""
    out = []
    before: dict[str, Any] | None = None
    for r in revisions:
        data = json.loads(r["data"])
        changes = {}
        if before is not None:
            for field in TRACKED:
                old, new = _value(before, field), _value(data, field)
                if old != new:
                    changes[field] = [old, new]
        out.append({"revision": r["revision"], "status": r["status"], "archived": r["archived"],
                    "changes": changes})
        before = data
    return out


def source_fields(event: Event, sources: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each source with the event fields its article's evidence supports."""
    by_article: dict[str, list[str]] = {}
    for ev in event.evidence:
        fields = by_article.setdefault(ev.article_id, [])
        if ev.field not in fields:
            fields.append(ev.field)
    first_article = event.sources[0].article_id if event.sources else ""
    out = []
    for s in sources:
        fields = list(by_article.get(s["article_id"], []))
        # Evidence without an article id is the first report's own (before any merge).
        if s["article_id"] == first_article:
            fields += [f for f in by_article.get("", []) if f not in fields]
        out.append({"outlet": s["outlet"], "url": s["url"], "published": s["published"],
                    "first_revision": s["first_revision"], "fields": fields})
    return out


def evidence(event: Event) -> list[dict[str, Any]]:
    """Each evidence sentence with the URL and outlet of the article it is from."""
    by_article = {s.article_id: s for s in event.sources if s.article_id}
    first = event.sources[0] if event.sources else None
    out = []
    for ev in event.evidence:
        source = by_article.get(ev.article_id) if ev.article_id else first
        out.append({**ev.to_dict(), "url": source.url if source else "",
                    "outlet": source.outlet if source else ""})
    return out


def event_detail(event: Event, revisions: list[dict[str, Any]],
                 sources: list[dict[str, Any]]) -> dict[str, Any]:
    return {"event": event.to_dict(), "revisions": revision_changes(revisions),
            "sources": source_fields(event, sources), "evidence": evidence(event)}
