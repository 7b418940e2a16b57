"""Cross-outlet deduplication: does a freshly extracted event report a known one?

Pure functions over :class:`~strikewatch.core.records.Event`:

* :func:`match_score` scores a candidate against a known event from features (type
  compatibility, date distance, place, perpetrator, summary text) — 0 when they cannot
  be one attack;
* :func:`merge` folds a report into a known event, keeping the latest reported
  casualty counts with the article that said them, and says whether anything
  *material* changed (casualties, perpetrator newly named, location refined);
* :func:`deduplicate` decides new / update / duplicate against a list of known events.

The state lives elsewhere (:mod:`strikewatch.processors.dedup_state`): known events in day buckets
under the dedup key (the country), in memory, SQLite or a faust Table.
"""

from __future__ import annotations

import hashlib
import math
import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from sys import intern
from typing import Literal

from strikewatch.core.records import Event, Evidence, Source

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

#: How often outlets call one attack by these two types (symmetric; same type = 1).
_TYPE_PAIRS: dict[frozenset[str], float] = {
    frozenset({"missile_attack", "rocket_attack"}): 0.85,
    frozenset({"missile_attack", "air_strike"}): 0.7,
    frozenset({"rocket_attack", "shelling"}): 0.8,
    frozenset({"missile_attack", "shelling"}): 0.6,
    frozenset({"drone_attack", "air_strike"}): 0.7,
    # drones are told apart from rockets and missiles (slow, seen, often shot down)
    frozenset({"drone_attack", "missile_attack"}): 0.3,
    frozenset({"drone_attack", "rocket_attack"}): 0.3,
    frozenset({"bombing", "suicide_bombing"}): 0.85,
    frozenset({"bombing", "ied"}): 0.85,
    frozenset({"suicide_bombing", "ied"}): 0.6,
    frozenset({"shooting", "armed_assault"}): 0.85,
}
_FAMILY_PAIRS: dict[frozenset[str], float] = {
    frozenset({"stand_off"}): 0.5,
    frozenset({"explosive"}): 0.6,
    frozenset({"assault"}): 0.6,
    # a gun-and-bomb attack is told as either; a missile impact is often "an explosion"
    frozenset({"explosive", "assault"}): 0.35,
    frozenset({"stand_off", "explosive"}): 0.25,
}

#: Perpetrator names that say nothing about who did it.
_GENERIC_ACTORS = {
    "militants",
    "suspected militants",
    "unidentified gunmen",
    "gunmen",
    "gunman",
    "suicide bomber",
    "attackers",
    "unknown",
    "unknown attackers",
    "armed men",
}
#: Umbrella names that outlets use for the same actors.
_UMBRELLAS: dict[str, set[str]] = {
    "iran-backed militants": {
        "islamic resistance in iraq",
        "kataib hezbollah",
        "harakat al-nujaba",
        "popular mobilization forces",
    },
    "islamic state": {
        "islamic state - khorasan province",
        "islamic state west africa province",
        "islamic state sahel province",
    },
    "tehreek-e-taliban pakistan": {"jamaat-ul-ahrar"},
}

# Weights of the features and the threshold, tuned with `strikewatch eval dedup` on
# eval/dedup-dev.jsonl (eval/dedup-test.jsonl is held out).
WEIGHTS = {"type": 0.2, "date": 0.2, "place": 0.3, "perpetrator": 0.1, "text": 0.2}
MATCH_THRESHOLD = 0.62
#: A report of an article already in an event that scores this high is a redelivery.
REPLAY_SCORE = 0.9
MAX_SOURCES = 50
#: Distinct named sites further apart than this are distinct attacks.
DISTINCT_SITES_KM = 1.0

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


def event_day(event: Event) -> date | None:
    """The day an event is filed under: its date, else its first report's day."""
    if event.date:
        return event.date
    for source in event.sources:
        if source.published:
            return source.published.date()
    return event.first_seen.date() if event.first_seen else None


#: A known event as matching reads it: one small JSON-able row per event, so that the
#: state holds rows and loads the full record only for the event a candidate joins.
#: Fields: event id, type, day (proleptic ordinal), normalised place name ("" without a
#: location), location precision (None without a location), lat, lon, perpetrator
#: (normalised, None when unknown or generic), target name (normalised), content words
#: of the summary and of the place name (space-joined), the article ids of the sources,
#: killed and injured, and when each count was published (POSIX seconds, None if unknown).
Profile = tuple[
    str,
    str,
    int | None,
    str,
    str | None,
    float | None,
    float | None,
    str | None,
    str,
    str,
    str,
    tuple[str, ...],
    int | None,
    int | None,
    float | None,
    float | None,
]


def profile(event: Event) -> Profile:
    """The fields of ``event`` that matching reads."""
    loc = event.location
    target = event.target
    actor = _actor(event)
    # names, types and actors repeat across events: one string object each
    return (
        event.event_id,
        intern(event.event_type),
        event.date.toordinal() if event.date else None,
        intern(_norm(loc.name)) if loc else "",
        intern(loc.precision) if loc else None,
        loc.lat if loc else None,
        loc.lon if loc else None,
        intern(actor) if actor else None,
        intern(_norm(target.name)) if target and target.name else "",
        " ".join(sorted(words(event.summary))),
        intern(" ".join(sorted(words(loc.name)))) if loc else "",
        tuple(s.article_id for s in event.sources),
        event.killed,
        event.injured,
        _timestamp(_said_at(event, "killed")) if event.killed is not None else None,
        _timestamp(_said_at(event, "injured")) if event.injured is not None else None,
    )


def _timestamp(moment: datetime | None) -> float | None:
    return moment.timestamp() if moment else None


def _haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def _norm(name: str) -> str:
    return " ".join(name.lower().replace(".", "").split())


def type_score(a: str, b: str) -> float:
    """Compatibility of two event types in 0..1."""
    if a == b:
        return 1.0
    pair = _TYPE_PAIRS.get(frozenset({a, b}))
    if pair is not None:
        return pair
    fa, fb = _FAMILIES[a], _FAMILIES[b]
    if "other" in (fa, fb):
        return 0.5
    return _FAMILY_PAIRS.get(frozenset({fa, fb}), 0.0)


def _day_score(a: int | None, b: int | None, window_days: int) -> float:
    if a is None or b is None:
        return 0.5
    days = abs(a - b)
    if days > window_days:
        return 0.0
    return {0: 1.0, 1: 0.75, 2: 0.35}.get(days, 0.15)


#: No two places further apart than this score above 0 (a site within 50 km of a city).
NEAR_KM = 50.0


def place_score(known: Event, candidate: Event) -> float:
    """Agreement of two places in 0..1 (both are in one country: the dedup key)."""
    return _place(profile(known), profile(candidate))


def _place(k: Profile, c: Profile) -> float:
    pk, pc = k[4], c[4]
    if pk is None or pc is None:
        return 0.5
    same_name = k[3] == c[3]
    if None in (k[5], k[6], c[5], c[6]) or "country" in (pk, pc) or "region" in (pk, pc):
        return 1.0 if same_name and pk not in ("country", "region") else 0.5
    if same_name:
        return 1.0
    distance = _haversine_km(k[5], k[6], c[5], c[6])
    if pk == "site" and pc == "site":
        return 0.7 if distance <= DISTINCT_SITES_KM else 0.0
    if "site" in (pk, pc):  # a site and a city: is the site in that city?
        return 0.8 if distance <= 25 else 0.4 if distance <= NEAR_KM else 0.0
    return 0.6 if distance <= 10 else 0.3 if distance <= 30 else 0.0


def _actor(event: Event) -> str | None:
    if not event.perpetrator:
        return None
    name = _norm(event.perpetrator.name)
    return None if not name or name in _GENERIC_ACTORS else name


def _perpetrator(k: Profile, c: Profile) -> float:
    """Agreement of perpetrators; -1 when one side's attack is the other side's reply."""
    pk, pc, tk, tc = k[7], c[7], k[8], c[8]
    if (pk and tc and (pk == tc or pk in tc)) or (pc and tk and (pc == tk or pc in tk)):
        return -1.0
    if pk and pc:
        if pk == pc:
            return 1.0
        if pc in _UMBRELLAS.get(pk, ()) or pk in _UMBRELLAS.get(pc, ()):
            return 0.8
        if set(pk.split()) <= set(pc.split()) or set(pc.split()) <= set(pk.split()):
            return 0.8
        return 0.1
    return 0.6 if (pk or pc) else 0.5


_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset(
    "the a an and or of in on at to for from by with was were is are has have had been be "
    "after before near into its it as that this said says say their they them who which "
    "one two three four five six seven eight nine ten least more than over people killed "
    "injured wounded dead attack attacks attacked struck strike hit air base city town "
    "damage casualties casualty".split()
)


def words(text: str) -> frozenset[str]:
    """Content words of a summary, crudely singularised."""
    out = set()
    for w in _WORD.findall(text.lower()):
        if len(w) < 3 or w in _STOP:
            continue
        out.add(w[:-1] if len(w) > 4 and w.endswith("s") else w)
    return frozenset(out)


@lru_cache(maxsize=16384)
def _word_set(joined: str) -> frozenset[str]:
    return frozenset(joined.split())


def _text(k: Profile, c: Profile) -> float:
    """Overlap of summary words: shared / smaller set, 0.5 when either is empty.

    Words of either place name do not count: the place is scored on its own, and every
    attack on one base shares the base's name.
    """
    places = _word_set(k[10]) | _word_set(c[10])
    a, b = _word_set(k[9]) - places, _word_set(c[9]) - places
    if not a or not b:
        return 0.5
    return min(1.0, 1.6 * len(a & b) / min(len(a), len(b)))


#: A report published after a known toll of at least MIN_TOLL that gives less than
#: 1/TOLL_RATIO of it is another attack: one attack's toll rises over hours and days and
#: is revised down a little at most (tuned on eval/dedup-dev.jsonl: a second, small car
#: bomb in Mogadishu hours after the truck bomb; no report of one attack falls this far).
MIN_TOLL = 10
TOLL_RATIO = 3.0


def _tolls_disagree(k: Profile, c: Profile) -> bool:
    for count, said in ((12, 14), (13, 15)):
        old, new = k[count], c[count]
        if old is None or new is None or old < MIN_TOLL or old < TOLL_RATIO * new:
            continue
        if k[said] is not None and c[said] is not None and c[said] >= k[said]:
            return True  # not an older report arriving late
    return False


def match_score(known: Event, candidate: Event, window_days: int = 3) -> float:
    """Similarity in 0..1 of two events; 0 when they cannot be the same attack."""
    return profile_score(profile(known), profile(candidate), window_days)


def profile_score(k: Profile, c: Profile, window_days: int = 3) -> float:
    """:func:`match_score` on profiles (what the state holds)."""
    t = type_score(k[1], c[1])
    if t == 0.0:
        return 0.0
    d = _day_score(k[2], c[2], window_days)
    if d == 0.0:
        return 0.0
    p = _place(k, c)
    if p == 0.0:
        return 0.0
    a = _perpetrator(k, c)
    if a < 0:
        return 0.0
    if _tolls_disagree(k, c):
        return 0.0
    x = _text(k, c)
    w = WEIGHTS
    return w["type"] * t + w["date"] * d + w["place"] * p + w["perpetrator"] * a + w["text"] * x


_PRECISION = {"country": 0, "region": 1, "city": 2, "site": 3}


def _more_precise(a: Event, b: Event) -> bool:
    if not b.location:
        return False
    if not a.location:
        return True
    return _PRECISION[b.location.precision] > _PRECISION[a.location.precision]


def reported_at(event: Event) -> datetime | None:
    """When the report behind a single-article event was published (else first seen)."""
    for source in event.sources:
        if source.article_id == event.id and source.published:
            return source.published
    for source in event.sources:
        if source.published:
            return source.published
    return event.first_seen


def _said_at(known: Event, field: str) -> datetime | None:
    """Publication time of the article behind ``known``'s value of ``field``.

    Without evidence of a later article the value is the opening report's.
    """
    for e in known.evidence:
        if e.field == field and e.article_id and e.article_id != known.id:
            for s in known.sources:
                if s.article_id == e.article_id:
                    return s.published
    return reported_at(known)


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
    said, now = _said_at(known, field), reported_at(candidate)
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
    if _actor(candidate) and not _actor(known):
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
    if known.date is None and candidate.date is not None:
        changes["date"] = candidate.date
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


def best_match(
    candidate: Event, known: list[Event], window_days: int = 3, threshold: float = MATCH_THRESHOLD
) -> tuple[int, float, bool]:
    """Index and score of the known event the candidate reports, -1 if none; and
    whether the candidate is a redelivery of a report already merged there."""
    return best_profile(
        profile(candidate), candidate.id, [profile(e) for e in known], window_days, threshold
    )


def best_profile(
    candidate: Profile,
    article_id: str,
    known,
    window_days: int = 3,
    threshold: float = MATCH_THRESHOLD,
) -> tuple[int, float, bool]:
    """:func:`best_match` over profiles; ``known`` is any sequence of profiles."""
    best_index, best_score = -1, 0.0
    for index, row in enumerate(known):
        score = profile_score(row, candidate, window_days)
        if article_id and article_id in row[11]:
            if score >= REPLAY_SCORE:
                return index, score, True  # the same report again (at-least-once delivery)
            continue  # two events of one article are two events
        if score > best_score:
            best_index, best_score = index, score
    if best_score < threshold:
        return -1, best_score, False
    return best_index, best_score, False


def deduplicate(
    candidate: Event, known: list[Event], window_days: int = 3, threshold: float = MATCH_THRESHOLD
) -> tuple[Decision, list[Event]]:
    """Decide new / update / duplicate for ``candidate`` against ``known``; return the new list."""
    index, score, replay = best_match(candidate, known, window_days, threshold)
    state = list(known)
    if replay:
        return Decision(known[index].event_id, "duplicate", known[index], score), state
    if index >= 0:
        merged, material = merge(known[index], candidate)
        state[index] = merged
        return Decision(
            merged.event_id, "update" if material else "duplicate", merged, score
        ), state
    fresh = opened(candidate)
    state.append(fresh)
    return Decision(fresh.event_id, "new", fresh, score), state


def LocalDedupStore(window_days: int = 3, threshold: float = MATCH_THRESHOLD):  # noqa: N802
    """Dedup state in memory (kept for callers of the first version)."""
    from strikewatch.processors.dedup_state import DedupState, MemoryBuckets

    return DedupState(MemoryBuckets(), window_days, threshold)
