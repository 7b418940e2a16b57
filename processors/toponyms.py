"""Places the gazetteer does not know, placed by the known place the text ties them to.

Reports name villages, camps, districts and quarters that no shipped gazetteer holds,
and say where they are in the same breath: "at Kormey, on the outskirts of Mandera
town", "in the village of Togoga, about 20 km west of Mekelle", "near Omar Jillo, in
Mandera County", "in Santiago's Las Condes district", "the Kampung Melayu area of East
Jakarta". :func:`find_anchored` returns such a name as a place of its own, with the
country, region and coordinates of the known place it is tied to (its *anchor*; the
place's ``within``), so that the event is told where the text says it happened and
still lands on the map near the right spot. This is the gazetteer-less toponym pattern
of news geoparsers: a capitalised name after a locative cue, then a spatial relation to
a resolvable place.
"""

from __future__ import annotations

import re

from strikewatch.processors import gazetteer
from strikewatch.processors.gazetteer import Mention, Place
from strikewatch.processors.geo import km
from strikewatch.processors.text import SENTENCE_CACHE, sentence_cache

_PARTICLE = r"(?:al|el|ad|ash|as|an|ar|at|az|de|del|da|do|dos|das|la|le|di|du|van|von|bin|ibn|ban)"
#: a capitalised name of one to four words ("Omar Jillo", "San Miguel del Ene", "al-Solban")
_NAME = (
    rf"(?:{_PARTICLE}-)?[A-Z][\w'’]*(?:-[\w'’]+)*"
    rf"(?:\s+(?:{_PARTICLE}[-\s])?[A-Z][\w'’]*(?:-[\w'’]+)*){{0,3}}"
)
_KIND = (
    r"(?:village|town|city|settlement|district|area|neighbourhood|neighborhood|suburb|camp|"
    r"hamlet|community|commune|locality|township|quarter)"
)
#: the cue before the name: "in", "at", "near", "attacked", "the village of"
_LEAD = (
    rf"(?:\b(?:in|at|near|on|struck|hit|attacked|raided|stormed|shelled|bombed)\s+(?:the\s+)?"
    rf"(?:{_KIND}\s+of\s+)?"
    # "and the nearby village of Weldon in Saskatchewan": the kind is the cue itself
    rf"|\bthe\s+(?:[a-z]+\s+)?{_KIND}\s+of\s+)"
)
_DIRECTION = r"(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)(?:ern)?"
#: how the name is tied to the next place named
_RELATION = (
    r"(?:,\s*|\s+)(?:"
    r"on\s+the\s+(?:\w+\s+)?(?:outskirts|edge)\s+of"
    r"|(?:about\s+|some\s+|around\s+|roughly\s+)?[\d.,]+\s*(?:km|kilometres|kilometers|miles)"
    rf"\s+(?:{_DIRECTION}\s+)?(?:of|from|outside)"
    rf"|{_DIRECTION}\s+of|near|outside|close\s+to|in"
    rf"|(?:a|an)\s+(?:[\w'’-]+\s+){{0,4}}?(?:{_KIND}|base|camp|site)\s+(?:in|of|near|outside|{_DIRECTION}\s+of)"
    r")\s+(?:the\s+)?"
    r"|,\s+"
)
_TIED = re.compile(rf"{_LEAD}(?P<name>{_NAME})(?P<relation>{_RELATION})")
#: "Santiago's Las Condes district", "the Kampung Melayu area of East Jakarta"
_OWNED = re.compile(rf"(?P<anchor>[A-Z][\w'’-]*)(?:'s|’s)\s+(?P<name>{_NAME})\s+(?:{_KIND})\b")
_AREA_OF = re.compile(
    rf"\bthe\s+(?P<name>{_NAME})\s+(?:district|area|neighbourhood|neighborhood|quarter)\s+of\s+"
)
_NOT_A_NAME = frozenset(
    "the a an this that these those his her its their our my some several two three four five "
    "police army security government ministry officials parliament congress senate court "
    "hospital school university church mosque temple market station monday tuesday wednesday thursday "
    "friday saturday sunday january february march april may june july august september "
    "october november december christmas easter ramadan eid new year".split()
)
#: a name ending so is a building, street or site in the town, not a place of its own:
#: the town it is in is the event's place ("Robb Elementary School, Uvalde")
_FACILITY = (
    "street", "road", "avenue", "boulevard", "square", "bridge", "school", "college",
    "university", "hospital", "clinic", "hotel", "casino", "mall", "centre", "center",
    "market", "mosque", "church", "cathedral", "temple", "synagogue", "shrine", "memorial",
    "stadium", "arena", "station", "airport", "terminal", "base", "barracks", "prison",
    "embassy", "office", "offices", "club", "restaurant", "cafe", "bar", "theatre",
    "theater", "hall", "tower", "building", "plaza", "park", "castle", "palace",
)
#: the words that end a named site's name, and the kind of site each makes
_SITE_KINDS = {
    "base": "military_base", "barracks": "military_base", "camp": "", "club": "",
    "mall": "", "bridge": "infrastructure", "pass": "", "gorge": "", "hotel": "",
    "market": "", "mosque": "", "church": "", "cathedral": "", "shrine": "",
    "stadium": "", "station": "transport", "airport": "airport", "terminal": "transport",
    "square": "", "chowk": "", "prison": "", "hospital": "", "embassy": "",
}  # fmt: skip
_SITE_TIED = re.compile(
    rf"\b(?:in|at|near|on|outside|inside|struck|hit|attacked|stormed|targeted|raided)\s+"
    rf"(?:the\s+)?(?P<name>{_NAME}\s+(?:(?:military|army|air|naval|police|refugee|bus|railway|train)\s+)?"
    rf"(?P<kind>(?i:rugby\s+club|{'|'.join(_SITE_KINDS)})))"
    r"(?:,\s*|\s+)(?:in|near|outside|on\s+the\s+outskirts\s+of|of)\s+(?:the\s+)?"
    r"(?:(?:\w+ern|central)\s+)?(?:(?:city|town)\s+of\s+)?"
)
#: how far after the relation the anchor must start (its name, or "Haiti's" before it)
_ANCHOR_WITHIN = 12
_ANCHOR_SPAN = 60


def find_anchored(text: str, support: frozenset[str] = frozenset()) -> list[Mention]:
    """Unknown places in ``text`` tied to a known one; mentions of the unknown names."""
    return list(_anchored(text, support))


@sentence_cache(maxsize=SENTENCE_CACHE)
def _anchored(text: str, support: frozenset[str]) -> tuple[Mention, ...]:
    if not text or not any(c.isupper() for c in text[1:]):
        return ()
    found: list[Mention] = []
    taken: set[int] = set()

    def add(start: int, name: str, anchor: Place, district: bool = False) -> None:
        if start in taken or not _plausible(name, known_ok=district and _far(name, anchor)):
            return
        taken.add(start)
        found.append(Mention(_tied_to(name, anchor), start, start + len(name), True))

    for m in _TIED.finditer(text):
        anchor = _anchor_at(text, m.end("relation"), support)
        if anchor is not None:
            add(m.start("name"), m.group("name"), anchor)
    # a district of a named city is that, though a town elsewhere has its name
    # ("Volgograd's Dzerzhinsky district" is not Dzerzhinsky near Moscow)
    for m in _AREA_OF.finditer(text):
        anchor = _anchor_at(text, m.end(), support)
        if anchor is not None:
            add(m.start("name"), m.group("name"), anchor, district=True)
    for m in _OWNED.finditer(text):
        anchor = _resolve(m.group("anchor"), support)
        if anchor is not None and anchor.precision in ("city", "region"):
            add(m.start("name"), m.group("name"), anchor, district=True)
    # "near the al-Solban base in Aden", "at the Kyadondo Rugby Club in Kampala": a named
    # site, placed at its town
    for m in _SITE_TIED.finditer(text):
        if (
            m.start("name") in taken
            or _NOT_A_NAME & {m.group("name").split()[0].lower()}
            or gazetteer.find_sites(m.group("name"))  # a curated site is known as itself
        ):
            continue
        anchor = _anchor_at(text, m.end(), support)
        if anchor is None or anchor.precision != "city":
            continue
        taken.add(m.start("name"))
        # named with its town ("Parsons Green station, London"): the site says where in
        # the town, the town where in the world
        site = Place(
            f"{m.group('name')}, {anchor.name}", "site", anchor.country, anchor.admin1,
            anchor.lat, anchor.lon,
            within=anchor.name, kind=_SITE_KINDS.get(m.group("kind").lower().split()[-1], ""),
        )
        found.append(Mention(site, m.start("name"), m.end("name"), True))
    return tuple(sorted(found, key=lambda x: x.start))


def _far(name: str, anchor: Place) -> bool:
    """Every place the gazetteer knows by ``name`` is far from ``anchor`` (or unplaced)."""
    if anchor.lat is None or anchor.lon is None:
        return False
    known = gazetteer.index().lookup(gazetteer.normalize(name)) or []
    return all(
        p.lat is None or p.lon is None or km(p.lat, p.lon, anchor.lat, anchor.lon) > _DISTRICT_KM
        for p in known
    )


#: a known place this close to the city is the district itself
_DISTRICT_KM = 30.0


def _plausible(name: str, known_ok: bool = False) -> bool:
    first = re.sub(r"['’]s$", "", name.split()[0]).lower()
    words = re.split(r"[\s-]+", name.lower())
    if first in _NOT_A_NAME or len(name) < 3 or name.lower().endswith(_FACILITY) or any(
        w in _FACILITY for w in words
    ):
        return False
    # known to the gazetteer: find_places resolves it (or rejected it as a homonym)
    return known_ok or not gazetteer.index().lookup(gazetteer.normalize(name))


_SPAN = re.compile(r"[A-Z][\w'’]*(?:[-\s][A-Z][\w'’]*){0,2}")


def _anchor_at(text: str, at: int, support: frozenset[str]) -> Place | None:
    """The most precise known place named right at ``at``: "Mandera town", "Haiti's
    Artibonite department" (the country, then its region), "East Jakarta" (Jakarta)."""
    window = text[at : at + _ANCHOR_SPAN]
    found: list[Place] = []
    for m in _SPAN.finditer(window):
        if not found and m.start() > _ANCHOR_WITHIN:
            return None
        region = bool(_REGION_WORD.match(window[m.end() : m.end() + 20]))
        place = _resolve(m.group(0), support, region)
        if place is None:
            continue
        if found and place.country != found[0].country:
            break
        found.append(place)
        if not re.match(r"(?:'s|’s)\s", window[m.end() : m.end() + 3]):
            break  # only "Haiti's ..." goes on to the next, more precise name
    if not found:
        return None
    return min(found, key=lambda p: gazetteer.precision_rank(p.precision))


_REGION_WORD = re.compile(
    r"\s+(?:governorate|province|oblast|region|state|county|prefecture|department)\b", re.I
)


def _resolve(span: str, support: frozenset[str], region: bool = False) -> Place | None:
    """The known place a capitalised span starts or ends with (longest first); a region
    where a word like "province" follows the name, else a town before a region."""
    words = span.replace("-", " ").split()
    for n in range(len(words), 0, -1):
        for part in (words[:n], words[-n:]):
            candidates = gazetteer.index().lookup(gazetteer.normalize(" ".join(part)))
            if not candidates:
                continue
            local = [p for p in candidates if p.country in support] if support else candidates
            if local:
                return max(
                    local,
                    key=lambda p: (p.precision == ("region" if region else "city"), p.population),
                )
    return None


def _tied_to(name: str, anchor: Place) -> Place:
    """The unknown place as a city near its anchor (no coordinates when only a country is)."""
    if anchor.precision == "country":
        return Place(name, "city", anchor.country, within=anchor.name)
    admin1 = anchor.admin1 or (anchor.name if anchor.precision == "region" else "")
    return Place(name, "city", anchor.country, admin1, anchor.lat, anchor.lon, within=anchor.name)
