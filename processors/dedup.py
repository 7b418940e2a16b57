"""First cross-outlet deduplication: does a freshly extracted event report a known one?

Pure functions over :class:`~strikewatch.records.Event`. The caller keeps the
state: a list of known (merged) events per dedup key — a dict in the one-process
runner, a faust Table on Kafka. The key is the event's country, so every report
of one attack lands in the same partition (see docs/architecture.md).
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from strikewatch.records import Event

#: Event types that outlets use for one and the same attack.
_FAMILIES: dict[str, str] = {
    "missile_attack": "stand_off",
    "rocket_attack": "stand_off",
    "drone_attack": "stand_off",
    "air_strike": "stand_off",
    "shelling": "stand_off",
    "bombing": "explosive",
    "suicide_bombing": "explosive",
    "ied": "explosive",
    "shooting": "assault",
    "armed_assault": "assault",
    "other_attack": "other",
}

MATCH_THRESHOLD = 0.65
MAX_SOURCES = 50

Status = Literal["new", "update", "duplicate"]


@dataclass(frozen=True)
class Decision:
    """The outcome for one candidate: its event id, status, and the merged event."""

    event_id: str
    status: Status
    event: Event
    score: float = 0.0


def dedup_key(event: Event) -> str:
    """Coarse, stable partition key: ISO country code, ``ZZ`` when unknown."""
    country = event.location.country if event.location else ""
    return (country or "ZZ").upper()


def new_event_id(candidate: Event) -> str:
    seed = f"{candidate.id}|{candidate.event_type}|{candidate.date}|{candidate.summary}"
    return "ev-" + hashlib.sha256(seed.encode("utf-8")).hexdigest()[:16]


def _distance_km(a: Event, b: Event) -> float | None:
    la, lb = a.location, b.location
    if not la or not lb or None in (la.lat, la.lon, lb.lat, lb.lon):
        return None
    p1, p2 = math.radians(la.lat), math.radians(lb.lat)
    dp, dl = p2 - p1, math.radians(lb.lon - la.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def _norm(name: str) -> str:
    return " ".join(name.lower().replace(".", "").split())


def match_score(known: Event, candidate: Event, window_days: int = 3) -> float:
    """Similarity in 0..1 of two events; 0 when they cannot be the same attack."""
    fk, fc = _FAMILIES[known.event_type], _FAMILIES[candidate.event_type]
    if known.event_type == candidate.event_type:
        type_score = 1.0
    elif fk == fc:
        type_score = 0.7
    elif "other" in (fk, fc):
        type_score = 0.4
    else:
        return 0.0

    if known.date and candidate.date:
        days = abs((known.date - candidate.date).days)
        if days > window_days:
            return 0.0
        date_score = {0: 1.0, 1: 0.7}.get(days, 0.3)
    else:
        date_score = 0.5

    distance = _distance_km(known, candidate)
    lk, lc = known.location, candidate.location
    if lk and lc and _norm(lk.name) == _norm(lc.name):
        place_score = 1.0
    elif distance is None or "country" in (lk.precision, lc.precision):
        place_score = 0.5
    elif distance <= 5:
        place_score = 0.9
    elif distance <= 30:
        place_score = 0.6
    elif distance <= 100:
        place_score = 0.2
    else:
        return 0.0

    pk, pc = known.perpetrator, candidate.perpetrator
    tk, tc = known.target, candidate.target
    if pk and tc and tc.name and _norm(pk.name) == _norm(tc.name):
        return 0.0  # one side's attack and the other side's reply
    if pc and tk and tk.name and _norm(pc.name) == _norm(tk.name):
        return 0.0
    if pk and pc:
        perp_score = 1.0 if _norm(pk.name) == _norm(pc.name) else 0.3
    else:
        perp_score = 0.6

    return 0.3 * type_score + 0.25 * date_score + 0.3 * place_score + 0.15 * perp_score


def _more_precise(a: Event, b: Event) -> bool:
    order = {"country": 0, "region": 1, "city": 2, "site": 3}
    if not b.location:
        return False
    if not a.location:
        return True
    return order[b.location.precision] > order[a.location.precision]


def merge(known: Event, candidate: Event) -> tuple[Event, bool]:
    """Merge a new report into a known event; say whether anything material changed."""
    changes: dict = {}
    for field in ("killed", "injured"):
        new = getattr(candidate, field)
        old = getattr(known, field)
        if new is not None and (old is None or new > old):
            changes[field] = new
            changes[f"{field}_at_least"] = getattr(candidate, f"{field}_at_least")
    if candidate.perpetrator and not known.perpetrator:
        changes["perpetrator"] = candidate.perpetrator
    if _more_precise(known, candidate):
        changes["location"] = candidate.location
    material = bool(changes)
    if not known.target and candidate.target:
        changes["target"] = candidate.target
    if not known.weapon and candidate.weapon:
        changes["weapon"] = candidate.weapon
    if known.date is None and candidate.date is not None:
        changes["date"] = candidate.date
    if material:
        kept = [e for e in known.evidence if e.field not in changes]
        changes["evidence"] = kept + [e for e in candidate.evidence if e.field in changes]
    known_urls = {s.url for s in known.sources}
    sources = list(known.sources) + [s for s in candidate.sources if s.url not in known_urls]
    changes["sources"] = sources[:MAX_SOURCES]
    changes["article_count"] = known.article_count + 1
    changes["confidence"] = max(known.confidence, candidate.confidence)
    if candidate.last_updated or candidate.first_seen:
        changes["last_updated"] = max(
            filter(None, (known.last_updated, candidate.last_updated or candidate.first_seen))
        )
    if material:
        changes["revision"] = known.revision + 1
        changes["status"] = "update"
    return known.model_copy(update=changes), material


def _reference_date(events: list[Event]) -> date | None:
    dates = [e.date for e in events if e.date]
    return max(dates) if dates else None


def deduplicate(
    candidate: Event, known: list[Event], window_days: int = 3
) -> tuple[Decision, list[Event]]:
    """Decide new / update / duplicate for ``candidate``; return the new state list.

    ``known`` holds the merged events under the candidate's dedup key. Events whose
    date falls more than twice the window behind the newest date are dropped
    from the state, so it stays bounded.
    """
    best_index, best_score = -1, 0.0
    for index, event in enumerate(known):
        if any(s.article_id and s.article_id == candidate.id for s in event.sources):
            continue  # two events of one article are two events
        score = match_score(event, candidate, window_days)
        if score > best_score:
            best_index, best_score = index, score

    state = list(known)
    if best_index >= 0 and best_score >= MATCH_THRESHOLD:
        merged, material = merge(known[best_index], candidate)
        state[best_index] = merged
        status: Status = "update" if material else "duplicate"
        decision = Decision(merged.event_id, status, merged, best_score)
    else:
        event_id = new_event_id(candidate)
        fresh = candidate.model_copy(
            update={
                "event_id": event_id,
                "status": "new",
                "revision": 1,
                "article_count": 1,
                "last_updated": candidate.last_updated or candidate.first_seen,
            }
        )
        state.append(fresh)
        decision = Decision(event_id, "new", fresh, best_score)

    newest = _reference_date(state)
    if newest is not None:
        horizon = newest - timedelta(days=2 * window_days)
        state = [e for e in state if e.date is None or e.date >= horizon]
    return decision, state


class LocalDedupStore:
    """Dedup state for the one-process runner: known events per dedup key, in memory."""

    def __init__(self, window_days: int = 3):
        self.window_days = window_days
        self._state: dict[str, list[Event]] = {}

    def add(self, candidate: Event) -> Decision:
        key = dedup_key(candidate)
        decision, self._state[key] = deduplicate(candidate, self._state.get(key, []), self.window_days)
        return decision

    def __len__(self) -> int:
        return sum(len(v) for v in self._state.values())
