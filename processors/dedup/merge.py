"""Merging: fold a report into the known event it reports.

The latest reported casualty counts win, with the article that said them; a
perpetrator newly named or a more precise place is taken; the result says whether
anything *material* changed (that makes an ``update``).
"""

from __future__ import annotations

from strikewatch.core.records import Event, Evidence, Source
from strikewatch.processors.dedup.profile import actor_of, profile, reported_at, said_at
from strikewatch.processors.dedup.scoring import (
    MATCH_THRESHOLD,
    Decision,
    best_match,
    new_event_id,
)

MAX_SOURCES = 50

_PRECISION = {"country": 0, "region": 1, "city": 2, "site": 3}


def _more_precise(a: Event, b: Event) -> bool:
    if not b.location:
        return False
    if not a.location:
        return True
    return _PRECISION[b.location.precision] > _PRECISION[a.location.precision]


def _evidence_for(candidate: Event, field: str) -> list[Evidence]:
    """The candidate's evidence for ``field``, stamped with its article id."""
    own = [
        e.model_copy(update={"article_id": candidate.id})
        for e in candidate.evidence
        if e.field == field
    ]
    if own:
        return own
    return [
        Evidence(field=field, text=candidate.summary[:300], start=0, end=0, article_id=candidate.id)
    ]


def _newer_count(known: Event, candidate: Event, field: str) -> bool:
    """Does the candidate's count of ``field`` replace the known one?

    The latest report wins, so a count revised down replaces a higher one; a report
    published before the one that gave the known count does not, nor does a lower
    "at least" figure, which agrees with the higher count.
    """
    new, old = getattr(candidate, field), getattr(known, field)
    if new is None or new == old:
        return False
    if old is None:
        return True
    said, now = said_at(known, field), reported_at(candidate)
    if said and now and now < said:
        return False
    if new < old and getattr(candidate, f"{field}_at_least"):
        return False
    return True


def merge(known: Event, candidate: Event) -> tuple[Event, bool]:
    """Merge a new report into a known event; say whether anything material changed."""
    changes: dict = {}
    evidence_fields: set[str] = set()
    for field in ("killed", "injured"):
        if _newer_count(known, candidate, field):
            changes[field] = getattr(candidate, field)
            changes[f"{field}_at_least"] = getattr(candidate, f"{field}_at_least")
            evidence_fields.add(field)
    if actor_of(candidate) and not actor_of(known):
        changes["perpetrator"] = candidate.perpetrator
        evidence_fields.add("perpetrator")
    if _more_precise(known, candidate):
        changes["location"] = candidate.location
        evidence_fields.add("location")
    material = bool(changes)
    if not known.target and candidate.target:
        changes["target"] = candidate.target
    if not known.weapon and candidate.weapon:
        changes["weapon"] = candidate.weapon
    if candidate.date is not None and (
        known.date is None
        or (known.date_precision != "day" and candidate.date_precision == "day")
    ):  # the day, from a report that tells it, for "last week's" or no date
        changes["date"] = candidate.date
        changes["date_precision"] = candidate.date_precision
    if evidence_fields:
        kept = [e for e in known.evidence if e.field not in evidence_fields]
        for field in sorted(evidence_fields):
            kept.extend(_evidence_for(candidate, field))
        changes["evidence"] = kept
    changes["sources"] = _merge_sources(known.sources, candidate.sources)
    changes["article_count"] = known.article_count + 1
    changes["confidence"] = max(known.confidence, candidate.confidence)
    seen = [t for t in (known.first_seen, candidate.first_seen) if t]
    if seen:
        changes["first_seen"] = min(seen)
    updated = [t for t in (known.last_updated, candidate.last_updated or candidate.first_seen) if t]
    if updated:
        changes["last_updated"] = max(updated)
    if material:
        changes["revision"] = known.revision + 1
        changes["status"] = "update"
    return known.model_copy(update=changes), material


def _merge_sources(known: list[Source], new: list[Source]) -> list[Source]:
    """All sources, bounded: the first ones and the latest ones (which said the counts)."""
    urls = {s.url for s in known}
    sources = list(known) + [s for s in new if s.url not in urls or not s.url]
    if len(sources) > MAX_SOURCES:
        sources = sources[: MAX_SOURCES - 10] + sources[-10:]
    return sources


def opened(candidate: Event) -> Event:
    """A candidate as the first report of a new event."""
    own = [e.model_copy(update={"article_id": candidate.id}) for e in candidate.evidence]
    return candidate.model_copy(
        update={
            "event_id": new_event_id(candidate),
            "status": "new",
            "revision": 1,
            "article_count": 1,
            "evidence": own,
            "last_updated": candidate.last_updated or candidate.first_seen,
        }
    )


def deduplicate(
    candidate: Event, known: list[Event], window_days: int = 3, threshold: float = MATCH_THRESHOLD
) -> tuple[Decision, list[Event]]:
    """Decide new / update / duplicate for ``candidate`` against ``known``; return the new list."""
    rows = ((index, profile(event)) for index, event in enumerate(known))
    index, score, replay = best_match(profile(candidate), candidate.id, rows, window_days, threshold)
    state = list(known)
    if replay:
        return Decision(known[index].event_id, "duplicate", known[index], score), state
    if index is not None:
        merged, material = merge(known[index], candidate)
        state[index] = merged
        return Decision(
            merged.event_id, "update" if material else "duplicate", merged, score
        ), state
    fresh = opened(candidate)
    state.append(fresh)
    return Decision(fresh.event_id, "new", fresh, score), state
