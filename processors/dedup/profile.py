"""The profile of a known event: the few fields matching reads, as one small row.

The dedup state holds one :class:`Profile` per known event and loads the full record
only for the event a candidate joins. A profile is a named tuple, so it is stored as a
plain JSON list (SQLite, the faust Table's changelog) and read back with
:meth:`Profile.of`.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache
from sys import intern
from typing import NamedTuple

from strikewatch.core.records import Event
from strikewatch.processors.actors import GENERIC_ACTORS


class Profile(NamedTuple):
    """One known event as matching reads it."""

    ref: str  #: where the full event is stored (its event id, or ``id#n``)
    event_type: str
    day: int | None  #: proleptic ordinal of the event's date
    place: str  #: normalised place name, "" without a location
    precision: str | None  #: location precision, None without a location
    lat: float | None
    lon: float | None
    perpetrator: str | None  #: normalised; None when unknown or generic
    target: str  #: normalised target name
    summary_words: str  #: content words of the summary, sorted, space-joined
    place_words: str  #: content words of the place name
    article_ids: tuple[str, ...]  #: the articles of the event's sources
    killed: int | None
    injured: int | None
    killed_said: float | None  #: when the killed figure was published (POSIX seconds)
    injured_said: float | None
    admin1: str = ""  #: normalised first-level region of the place ("" when unknown)
    week: bool = False  #: the date is only a week's ("last week's arson"): a day or more off

    @classmethod
    def of(cls, row) -> Profile:
        """A profile from a stored row (a list once it has been through JSON; rows stored
        before a field was added at the end read it as its default)."""
        if isinstance(row, cls):
            return row
        ref, kind, day, place, precision, lat, lon, actor, target, summary, words, ids, *rest = row
        return cls(ref, kind, day, place, precision, lat, lon, actor, target, summary, words,
                   tuple(ids), *rest)

    @property
    def loose(self) -> bool:
        """No coordinates, or only a country or region: a grid of places cannot rule it out."""
        return (
            self.lat is None
            or self.lon is None
            or self.precision is None
            or self.precision in ("country", "region")
        )


def event_day(event: Event) -> date | None:
    """The day an event is filed under: its date, else its first report's day."""
    if event.date:
        return event.date
    for source in event.sources:
        if source.published:
            return source.published.date()
    return event.first_seen.date() if event.first_seen else None


def profile(event: Event, ref: str | None = None) -> Profile:
    """The fields of ``event`` that matching reads; ``ref`` defaults to its event id."""
    loc = event.location
    target = event.target
    actor = actor_of(event)
    # names, types and actors repeat across events: one string object each
    return Profile(
        ref if ref is not None else event.event_id,
        intern(event.event_type),
        event.date.toordinal() if event.date else None,
        intern(norm(loc.name)) if loc else "",
        intern(loc.precision) if loc else None,
        loc.lat if loc else None,
        loc.lon if loc else None,
        intern(actor) if actor else None,
        intern(norm(target.name)) if target and target.name else "",
        " ".join(sorted(words(event.summary))),
        intern(" ".join(sorted(words(loc.name)))) if loc else "",
        tuple(s.article_id for s in event.sources),
        event.killed,
        event.injured,
        _timestamp(said_at(event, "killed")) if event.killed is not None else None,
        _timestamp(said_at(event, "injured")) if event.injured is not None else None,
        intern(norm(loc.admin1)) if loc and loc.admin1 else "",
        event.date is not None and event.date_precision == "week",
    )


def _timestamp(moment: datetime | None) -> float | None:
    return moment.timestamp() if moment else None


def norm(name: str) -> str:
    return " ".join(name.lower().replace(".", "").split())


def actor_of(event: Event) -> str | None:
    if not event.perpetrator:
        return None
    name = norm(event.perpetrator.name)
    return None if not name or name in GENERIC_ACTORS else name


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
def word_set(joined: str) -> frozenset[str]:
    return frozenset(joined.split())


def reported_at(event: Event) -> datetime | None:
    """When the report behind a single-article event was published (else first seen)."""
    for source in event.sources:
        if source.article_id == event.id and source.published:
            return source.published
    for source in event.sources:
        if source.published:
            return source.published
    return event.first_seen


def said_at(known: Event, field: str) -> datetime | None:
    """Publication time of the article behind ``known``'s value of ``field``.

    Without evidence of a later article the value is the opening report's.
    """
    for e in known.evidence:
        if e.field == field and e.article_id and e.article_id != known.id:
            for s in known.sources:
                if s.article_id == e.article_id:
                    return s.published
    return reported_at(known)
