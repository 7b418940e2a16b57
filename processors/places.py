"""The place of an event: its country by votes of every place named, then the most precise place there.

Split from :mod:`strikewatch.processors.extract`, which calls :func:`fill_location` for
each event draft (the rules are in docs/event-types.md, "Place").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from strikewatch.core.records import Location
from strikewatch.processors import countries, gazetteer, toponyms
from strikewatch.processors.classify import Assessment
from strikewatch.processors.geo import km

if TYPE_CHECKING:
    from strikewatch.processors.actors import ActorMention


def _location(place: gazetteer.Place) -> Location:
    return Location(
        name=place.name,
        admin1=place.admin1,
        country=place.country,
        lat=place.lat,
        lon=place.lon,
        precision=place.precision,  # type: ignore[arg-type]
    )


#: How much one mention of a place votes for its country (see :func:`fill_location`).
_VOTE_REPORT = 2.0  # in a sentence that reports the attack
_VOTE_SUPPORT = 1.0  # in a sentence that follows and supports it
_VOTE_DATELINE = 3.0  # the wire dateline opening the text
_VOTE_TITLE = 1.5  # in the headline
_VOTE_WEAK = 0.4  # factor for a big city named with no locative cue ("Quetta residents")
_VOTE_DEMONYM = 0.5  # factor for "on Iraqi territory"
_VOTE_NAMED = 0.2  # factor for a country named with no locative cue ("Uganda's role")
_VOTE_ARTICLE = 0.1  # every mention of a country anywhere in the article (a tie-break)

#: "missiles launched from Yemen": where it came from, not where it hit
_FROM = re.compile(r"\bfrom\s+(?:the\s+)?$", re.I)
#: "a man from Saitama near Tokyo", "friends from the city of Rosario": where people came
#: from, one step further off than :data:`_FROM` reads
_FROM_FAR = re.compile(
    r"\b[Ff]rom\s+(?:the\s+(?:city|town|village|province|region)\s+of\s+"
    r"|[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2},?\s+(?:near|in|outside)\s+(?:the\s+)?)$"
)

#: A city named as what the place is near: "the Paris suburb of Levallois-Perret",
#: "Tajoura, a suburb of Tripoli", "on the outskirts of Mogadishu".
_NEAR_BEFORE = re.compile(
    r"\b(?:(?:a|the|its)\s+(?:\w+ern\s+)?suburbs?|outskirts|edge)\s+of\s+(?:the\s+)?$", re.I
)
_NEAR_AFTER = re.compile(r"^(?:'s|’s)?\s+(?:suburbs?|outskirts)\b", re.I)
#: a place's name in a venue's name: "near the London Pub" (in Oslo), "the Paris Bar"
_VENUE_AFTER = re.compile(
    r"^\s+(?:Pub|Bar|Hotel|Restaurant|Cafe|Café|Club|Street|Road|Avenue|Mall|Plaza|Centre|"
    r"Center|Square|Mosque|Church|School|Hospital|Stadium|Theatre|Theater|Hall)\b"
)

#: a town's name as the name of a part of a city: "in the Dzerzhinsky district" (of
#: Volgograd), "in Fushimi ward" (of Kyoto); the gazetteer's town of that name may be far off
_PART_AFTER = re.compile(r"^\s+(?:district|ward|neighbou?rhood|quarter|borough)\b", re.I)
#: ... and it is another town when it lies further than this from every other town or
#: site the event's text names in its country
_PART_FAR_KM = 50.0


#: A place named as where someone is based, serves or came from, not where it happened:
#: "its role in the mission in Somalia", "militants in Syria", "crossed from Lebanon",
#: "China's special envoy for Myanmar".
_BASED_IN = re.compile(
    r"(?:\b(?:based|mission|missions|role|envoy|ambassador|deployed|deployment|trained|"
    r"travelled|traveled|fled|returned|crossed|infiltrat\w*|exile|hiding)"
    r"(?:\s+[\w'’-]+){0,3}?\s+(?:in|to|from|for|into|across)"
    # "a fighter with the Islamic State group in Syria" (not "militants stormed a hotel in")
    r"|\b(?:militants?|fighters?|jihadists?)(?:\s+groups?)?\s+"
    r"(?:(?:with|of|from|linked\s+to|loyal\s+to)\s+(?:the\s+)?(?:[A-Z][\w'’-]*\s+){1,4}"
    r"(?:group\s+)?)?(?:(?:fighting|operating|active)\s+)?(?:in|from|based\s+in))"
    r"\s+(?:the\s+)?(?:border\s+(?:from|with)\s+)?$",
    re.I,
)


#: A place named as where something was said, not where it happened.
_SPOKEN_IN = re.compile(
    r"\b(?:said|says|told|tells|reporters|journalists|statement|spokes(?:man|woman|person)|"
    r"officials?|ministry|government|authorities|conference|briefing|speaking|announced)"
    r"(?:\s+[\w'’-]+){0,3}\s+(?:in|from)\s+(?:the\s+)?$",
    re.I,
)


@dataclass(frozen=True)
class _PlaceSeen:
    place: gazetteer.Place
    sentence: int  # index in a.sentences
    order: int  # position among the event's sentences
    weight: float
    cued: bool  # introduced by a locative cue (or a curated site)
    dateline: bool = False  # where the story was filed: its country, not always its place
    vote_only: bool = False  # a country named with no cue: it votes, it is no place itself
    part: bool = False  # a town's name followed by "district", "ward" (:data:`_PART_AFTER`)


def title_places(title: str, support: frozenset[str]) -> list[gazetteer.Mention]:
    """The places the headline names (big cities even with no locative cue)."""
    if not title:
        return []
    found = []
    for m in gazetteer.find_places(title, support, weak=True):
        if m.contextual and _BASED_IN.search(title[max(0, m.start - 50) : m.start]):
            # "Malaysian militant in Syria muddies bar bombing probe": a weak candidate
            m = gazetteer.Mention(m.place, m.start, m.end, False)
        if m.contextual or m.place.precision == "city":
            found.append(m)
    return gazetteer.find_sites(title) + found


def attack_spots(text: str, support: frozenset[str]) -> list[tuple[float, float]]:
    """Coordinates of the towns and sites a report sentence places its attack in: named
    with a locative cue, not as where something was said, came from or is based."""
    out = []
    # weak=True: the same reading as the place vote's, so the cached one serves both
    for m in [*gazetteer.find_sites(text), *gazetteer.find_places(text, support, weak=True)]:
        if not m.contextual or m.place.precision not in ("city", "site") or m.place.lat is None:
            continue
        before = text[max(0, m.start - 50) : m.start]
        if (
            _FROM.search(before[-12:])
            or _FROM_FAR.search(before)
            or _SPOKEN_IN.search(before)
            or _BASED_IN.search(before)
        ):
            continue
        out.append((m.place.lat, m.place.lon))
    return out


def _seen_in(
    a: Assessment,
    indexes: list[int],
    reports: set[int],
    support: frozenset[str],
    actors: dict[int, list[ActorMention]],
) -> list[_PlaceSeen]:
    found_sites = {i: gazetteer.find_sites(a.sentences[i].text) for i in indexes}
    # "near Abbey Gate" beats "Kabul airport" wherever each is named
    outer = {m.place.within for ms in found_sites.values() for m in ms}
    seen: list[_PlaceSeen] = []
    for order, i in enumerate(indexes):
        text = a.sentences[i].text
        if a.earlier_year(i):
            continue  # "in February 2004 ... died in Germany": an earlier story's places
        base = _VOTE_REPORT if i in reports else _VOTE_SUPPORT
        weighted = [(m, 1.0) for m in found_sites[i] if m.place.name not in outer]
        for m in gazetteer.find_places(text, support, weak=True):
            if m.contextual:
                before = text[max(0, m.start - 50) : m.start]
                origin = _FROM.search(before[-12:]) or _FROM_FAR.search(before)
                weighted.append((m, _VOTE_WEAK if origin else 1.0))
            elif m.place.precision == "city":  # "Quetta residents", "a Kampala suburb"
                weighted.append((m, _VOTE_WEAK))
            elif m.place.precision == "country":  # "Uganda's role": involved, barely placed
                weighted.append((m, _VOTE_NAMED))
        weighted += [(m, _VOTE_DEMONYM) for m in countries.find_demonym_countries(text)]
        # "at Kormey, on the outskirts of Mandera": a place no gazetteer knows, by its
        # anchor; it replaces a homonym found at the same words
        anchored = toponyms.find_anchored(text, support)
        if anchored:
            weighted = [
                (m, f)
                for m, f in weighted
                if not any(x.start < m.end and m.start < x.end for x in anchored)
            ]
        weighted += [(m, 1.0) for m in anchored]
        for m, factor in weighted:
            # "Islamic Resistance in Iraq", "U.S. Central Command": names, not places
            if any(x.start < m.end and m.start < x.end for x in actors[i]):
                continue
            dateline = i == 0 and m.start == 0 and m.contextual and text[: m.end].isupper()
            cued = factor == 1.0 or dateline or m.place.precision == "site"
            if cued and not dateline and _BASED_IN.search(text[max(0, m.start - 50) : m.start]):
                factor, cued = _VOTE_WEAK, False
            if cued and not dateline and _SPOKEN_IN.search(text[max(0, m.start - 50) : m.start]):
                # "officials in Niamey said", "told reporters in Moscow": where it was said
                factor, cued = _VOTE_WEAK, False
            if _VENUE_AFTER.match(text[m.end : m.end + 12]):
                factor, cued = _VOTE_WEAK, False  # "the London Pub" in Oslo
            if cued and m.place.precision == "city" and (
                _NEAR_BEFORE.search(text[max(0, m.start - 30) : m.start])
                or _NEAR_AFTER.match(text[m.end : m.end + 20])
            ):
                cued = False  # it votes for its country all the same
            weight = _VOTE_DATELINE if dateline else base * factor
            vote_only = factor == _VOTE_NAMED
            part = m.place.precision == "city" and bool(_PART_AFTER.match(text[m.end : m.end + 16]))
            seen.append(_PlaceSeen(m.place, i, order, weight, cued, dateline, vote_only, part))
    return seen


def _without_far_parts(here: list[_PlaceSeen]) -> list[_PlaceSeen]:
    """Drop a town named as a part of a city ("the Dzerzhinsky district") that lies far
    from every other town or site named: a homonym (Dzerzhinsky near Moscow for a district
    of Volgograd). With no other town named it stays ("in Barmal district")."""
    towns = [
        p
        for p in here
        if not p.part and p.place.precision in ("city", "site") and p.place.lat is not None
    ]
    if not towns:
        return here
    kept = [
        p
        for p in here
        if not p.part
        or p.place.lat is None
        or any(
            km(p.place.lat, p.place.lon, t.place.lat, t.place.lon) <= _PART_FAR_KM for t in towns
        )
    ]
    return kept or here


def fill_location(
    d: Any,
    a: Assessment,
    support: frozenset[str],
    actors: dict[int, list[ActorMention]],
    counts: dict[str, int] | None = None,
    headline: list[gazetteer.Mention] | None = None,
    taken: frozenset[int] = frozenset(),
) -> str:
    """The place of the event: first its country, by votes, then the most precise place there.

    Every place named in the event's sentences votes for its country, more in the
    sentences that report the attack than in those that follow, more when a locative cue
    introduces it than when a big city is merely named; the dateline and the headline
    vote too, and every mention of a country anywhere in the article breaks ties. So a
    second country named in passing (where the attackers came from, a victim's home
    country, a leader abroad) does not become the place of the attack, however precisely
    it is named. Inside the winning country the most precise place wins (a curated
    site, then a city, a region, the country), the earliest among equals. When the
    event's sentences name no place, the opening sentences and then the headline do
    (sentences another event of the article claims, ``taken``, are not read for it).
    """
    headline = headline or []
    reports = set(d.group.reports)
    seen = _seen_in(a, d.group.sentences, reports, support, actors)
    if d.group.kind != "main":
        # the bureau the story was filed from is the main event's country, not a reply's
        seen = [p for p in seen if not p.dateline]
    lede: list[int] = []
    if not any(p.cued for p in seen) and d.group.kind == "main":
        # the opening sentences and the headline tell the main event (not a reply to it)
        # (those no other event of the article claims: a reply told first, "Kenyan troops
        # crossed into Somalia ...", leaves it the sentences just before its own)
        free = [i for i in range(len(a.sentences)) if i not in d.group.sentences and i not in taken]
        lede = [i for i in free if i < 2] or [i for i in free if i < min(d.group.sentences)][-2:]
        seen += _seen_in(a, lede, set(lede), support, actors)
    if support and not any(p.cued for p in seen):
        # "Malaysian tourists", "the Somali movement of that name": a country named in
        # passing raises the bar for every town of another country; when that leaves the
        # event no place named with a cue, its sentences are read again for towns as if
        # the article named no country
        indexes = d.group.sentences + [i for i in lede if i not in d.group.sentences]
        seen += [
            p
            for p in _seen_in(a, indexes, reports | set(lede), frozenset(), actors)
            if p.cued and p.place.precision == "city" and not p.dateline
        ]
    if d.group.kind == "main":
        # the headline's places: candidates after the text's own (they show no sentence)
        seen += [
            _PlaceSeen(
                m.place,
                -1,
                len(a.sentences),
                _VOTE_TITLE * (1.0 if m.contextual else _VOTE_WEAK),
                m.contextual or m.place.precision == "site",
            )
            for m in headline
        ]
    # in order of first mention, so that a tie goes to the country named first (a set
    # would make the choice depend on the process's string hash seed)
    votes = dict.fromkeys((p.place.country for p in seen if not p.vote_only), 0.0)
    if not votes:
        return ""
    for p in seen:
        if p.place.country in votes:
            votes[p.place.country] += p.weight
    for code, n in (counts or {}).items():
        if code in votes:
            votes[code] += _VOTE_ARTICLE * n
    country = max(votes, key=lambda c: votes[c])
    here = _without_far_parts([p for p in seen if p.place.country == country and not p.vote_only])
    # the place a named village or district is tied to yields to it
    anchors = {p.place.within for p in here if p.place.within}
    # "YANGON, Oct 24 - ... air strikes in Kachin state": the bureau's city is no place of
    # the attack when a report sentence names a region it does not lie in
    region_told = {
        p.place.admin1
        for p in here
        if p.place.precision == "region" and p.cued and not p.dateline and p.sentence in reports
    }
    best = min(
        here,
        key=lambda p: (
            9
            if p.dateline and region_told and p.place.admin1 not in region_told
            else gazetteer.precision_rank(p.place.precision),
            not p.cued,
            p.place.name in anchors,
            p.dateline,  # a bureau's city ("BANGKOK, July 24 -") yields to the town named
            p.sentence < 0,  # the text's mention, with its sentence, before the headline's
            -p.weight,
            p.order,
        ),
    )
    if best.sentence >= 0:  # a place from the headline has no sentence of the text to show
        d.evidence["location"] = best.sentence
    d.location = _location(best.place)
    return best.place.kind
