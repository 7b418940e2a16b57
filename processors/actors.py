"""Perpetrators and targets: armed groups, state forces and unnamed attackers.

The list lives in ``data/armed_groups.yaml``; it is compiled once into two
alternations (acronyms case-sensitive, names case-insensitive) plus the patterns for
unnamed attackers ("unidentified gunmen", "Iran-backed militants").
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from strikewatch.processors import gazetteer
from strikewatch.processors.prefilter import Filtered

DATA = Path(__file__).parent / "data"

#: Perpetrator names that say nothing about who did it (lower case): the extractor
#: prefers a named actor to them, and dedup treats them as unknown.
GENERIC_ACTORS = frozenset({
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
})


@dataclass(frozen=True)
class ActorMention:
    name: str  # canonical
    kind: str  # non_state | state
    country: str
    surface: str
    start: int
    end: int


_DEMONYM_ALIAS = re.compile(r"^([A-Z][\w.]*)\s+(?:forces|troops|military|army)$")
_WEAPON_WORDS = (
    r"(?:(?:ballistic|cruise|hypersonic|guided|precision)\s+)?(?:missile\s+|drone\s+|rocket\s+|air\s+|artillery\s+)?"
    r"(?:strikes?|attacks?|missiles?|drones?|shelling|bombardment|rockets?|airstrikes?|raids?|barrage)"
)
#: a state mention named by its weapon ("Russian missile strike"): the state fired it
_BY_WEAPON = re.compile(rf"\s{_WEAPON_WORDS}$")


@dataclass(frozen=True)
class _Group:
    name: str
    kind: str
    country: str


class _Actors:
    def __init__(self) -> None:
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C loader is ~10x faster
        spec = yaml.load((DATA / "armed_groups.yaml").read_text(encoding="utf-8"), Loader=loader)  # noqa: S506
        self.by_alias: dict[str, _Group] = {}
        exact: list[str] = []
        loose: list[str] = []
        for g in spec["groups"]:
            group = _Group(g["name"], g.get("kind", "non_state"), g.get("country", ""))
            for alias in [g["name"], *g.get("aliases", [])]:
                sensitive = alias.isupper() or len(alias) <= 5
                self.by_alias[alias if sensitive else alias.lower()] = group
                (exact if sensitive else loose).append(alias)

        def alternatives(names: list[str]) -> list[tuple[str, str]]:
            # longest first: at one position the longest name wins
            parts = sorted(
                {re.escape(n).replace(r"\ ", r"[\s-]+").replace(r"\-", r"[\s-]+") for n in names},
                key=len,
                reverse=True,
            )
            return [("", r"(?<![\w-])" + p + r"(?![\w-])") for p in parts]

        self.exact = Filtered(alternatives(exact), split=False, ignore_case=False)
        self.loose = Filtered(alternatives(loose), split=False)
        # "a Russian missile strike", "Israeli drones": a state named by its weapon
        self.by_demonym: dict[str, _Group] = {}
        for g in spec["groups"]:
            if g.get("kind") != "state":
                continue
            for alias in g.get("aliases", []):
                m = _DEMONYM_ALIAS.match(alias)
                if m:
                    self.by_demonym.setdefault(
                        m.group(1), _Group(g["name"], "state", g.get("country", ""))
                    )
        demonyms = "|".join(re.escape(d) for d in sorted(self.by_demonym, key=len, reverse=True))
        self.weapons = Filtered(
            rf"(?<![\w-])(?:{demonyms})\s+{_WEAPON_WORDS}(?![\w-])", split=False, ignore_case=False
        )
        self.patterns = [
            (
                _Group(p["name"], p.get("kind", "non_state"), p.get("country", "")),
                Filtered(p["regex"]),
            )
            for p in spec["patterns"]
        ]

    def lookup(self, surface: str) -> _Group | None:
        key = re.sub(r"[\s-]+", " ", surface)
        for cand in (surface, key, surface.lower(), key.lower()):
            if cand in self.by_alias:
                return self.by_alias[cand]
        for alias, group in self.by_alias.items():
            if re.sub(r"[\s-]+", " ", alias).lower() == key.lower():
                return group
        return None


@functools.cache
def _actors() -> _Actors:
    return _Actors()


def described_names() -> frozenset[str]:
    """Canonical names of the unnamed-attacker patterns."""
    return frozenset(g.name for g, _ in _actors().patterns)


def find_actors(text: str) -> list[ActorMention]:
    """Named and described actors in ``text``, longest match first, no overlaps."""
    a = _actors()
    spans: list[ActorMention] = []
    for regex in (a.exact, a.loose):
        for _, m in regex.finditer(text):
            surface = text[m.start() : m.end()]
            group = a.lookup(surface)
            if group:
                spans.append(
                    ActorMention(group.name, group.kind, group.country, surface, m.start(), m.end())
                )
    for _, m in a.weapons.finditer(text):
        surface = text[m.start() : m.end()]
        group = a.by_demonym[surface.split()[0]]
        spans.append(
            ActorMention(group.name, group.kind, group.country, surface, m.start(), m.end())
        )
    for group, regex in a.patterns:
        for _, m in regex.finditer(text):
            surface = text[m.start() : m.end()]
            spans.append(
                ActorMention(group.name, group.kind, group.country, surface, m.start(), m.end())
            )
    spans += [
        f for f in _state_forces(text) if not any(x.start < f.end and f.start < x.end for x in spans)
    ]
    spans.sort(key=lambda s: (s.start, -(s.end - s.start)))
    result: list[ActorMention] = []
    for s in spans:
        if result and s.start < result[-1].end:
            continue
        result.append(s)
    return result


#: an arm of a state's forces, or its weapon, after the state's name: "Kenyan troops",
#: "Chad's air force", "Egyptian warplanes", "Cambodian rockets"
ARM = re.compile(
    r"(?<![\w-])(?:(?:armed|security|special|government|defen[cs]e)\s+)?(?:forces|troops|military|"
    r"army|air\s+force|navy|warplanes|jets|fighter\s+jets|artillery|soldiers|aircraft|"
    r"drones|helicopters|gunships|"
    # a state named by its weapon: "Cambodian rockets", "a Russian Kh-22 strike"
    r"(?:ballistic\s+|cruise\s+)?missiles?|rockets?|air\s*strikes?|strikes?|shelling|shells|bombers)(?![\w-])"
    # "Cambodian military targets", "the French army base": the arm is what was hit
    r"(?!\s+(?:targets?|positions?|bases?|sites?|posts?|installations?|facilit\w+|camps?|"
    r"barracks|checkpoints?|convoys?|vehicles?|officials?|spokes\w+|officers?|academy|hospital|"
    r"headquarters|general\s+staff|chief|commanders?|units?))"
)
_OWNER = re.compile(r"([A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)(?:'s|’s)?\s+(?:[A-Z][\w-]*\d[\w-]*\s+)?$")


def _state_forces(text: str) -> list[ActorMention]:
    """State forces named by their country's adjective or name before an arm word, for
    every country (the armed-groups list names the few that report most)."""
    idx = None
    found = []
    for m in ARM.finditer(text):
        owner = _OWNER.search(text[max(0, m.start() - 40) : m.start()])
        if owner is None:
            continue
        idx = idx or gazetteer.index()
        word = owner.group(1)
        code = idx.demonyms.get(gazetteer.normalize(word))
        if code is None:
            places = idx.lookup(gazetteer.normalize(word)) or []
            code = next((p.country for p in places if p.precision == "country"), None)
        if code is None:
            continue
        start = m.start() - len(owner.group(0))
        name = _listed_states().get(code) or f"{_adjective(code, idx) or word} forces"
        found.append(ActorMention(name, "state", code, text[start : m.end()], start, m.end()))
    return found


def _adjective(code: str, idx: gazetteer._Index) -> str:
    """ "Chadian" for TD: the first demonym countries.yaml gives the country."""
    return next((d.title() for d, c in idx.demonyms.items() if c == code), "")


@functools.cache
def _listed_states() -> dict[str, str]:
    """The listed state forces by country: "Turkish troops" is the list's "Turkish forces"."""
    out: dict[str, str] = {}
    for group in _actors().by_alias.values():
        if group.kind == "state" and group.country:
            out.setdefault(group.country, group.name)
    return out


_PASSIVE = re.compile(
    r"^[\s,]*(?:(?:stationed|based|deployed|positioned)\s+(?:\w+\s+){1,6}?|(?:at|in|near|on)\s+[^,;.]{1,80}?\s+)?(?:\w+\s+){0,2}?(?:were|was|had\s+been|have\s+been|has\s+been|came|come|being)\s+"
    r"(?:\w+ly\s+)?(?:targeted|attacked|hit|struck|killed|wounded|injured|ambushed|shelled|bombed|under\s+(?:attack|fire))\b",
    re.I,
)
_AGENT = re.compile(
    r"^(?:\s*,[^,]{1,80},)?[\s,]*(?:(?!were\b|was\b|been\b|being\b|had\b|have\b|has\b)[\w'’]+\s+){0,2}?(?:\w+ly\s+)?(?:fired|launched|attacked|struck|hit|"
    r"targeted|retaliated|carried\s+out|conducted|claimed|stormed|raided|opened\s+fire|shelled|bombed|set\s+off|planted|"
    r"detonated|killed|ambushed|responded|said\s+it\s+(?:had\s+)?(?:carried|struck|launched|targeted|hit))\b(?!\s+by\b)",
    re.I,
)
_BY = re.compile(
    r"(?<!backed )(?<!supported )(?<!funded )(?<!armed )\b(?:by|blamed(?:\s+on)?|attributed\s+to|claimed\s+by)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,2}$",
    re.I,
)
_ON = re.compile(
    r"\b(?:against|targeting|targeted|on|at|taking\s+out|took\s+out|killing|killed|wounding|hit|hitting|struck|striking|attacked|ambushed|"
    r"attack\s+on|strike\s+on|hitting)\s+(?:the\s+)?(?:(?:several|some|two|three|[\w'’-]+)\s+){0,3}$",
    re.I,
)


_AFFILIATION = re.compile(
    r"\b(?:linked|affiliated|allied|aligned|loyal|close|tied|connected)\s+(?:to|with)\s+(?:the\s+)?$|"
    r"\b(?:inspired\s+by|affiliate\s+of|offshoot\s+of|branch\s+of|wing\s+of)\s+(?:the\s+)?$",
    re.I,
)


def by_weapon(mention: ActorMention) -> bool:
    """True for a state named by its weapon ("Russian missile strike")."""
    return bool(_BY_WEAPON.search(mention.surface))


def role(sentence: str, mention: ActorMention) -> str:
    """ "perpetrator", "target" or "" for one actor mention, from the words around it."""
    after = sentence[mention.end : mention.end + 90]
    before = sentence[max(0, mention.start - 60) : mention.start]
    if _PASSIVE.match(after):
        return "target"
    if _AFFILIATION.search(before):
        return ""  # "militants linked to al Qaeda": a description, not the attacker
    if mention.kind == "state" and _BY_WEAPON.search(mention.surface):
        return "perpetrator"
    if _BY.search(before):
        return "perpetrator"
    if _ON.search(before) and not _SAID_THAT.search(before):
        return "target"
    if _AGENT.match(after) or _AGENT.match(_AUXILIARY.sub("", after, count=1)):
        return "perpetrator"
    return ""


#: "said on Thursday that Cambodian forces had fired": the actor opens a clause of its own
_SAID_THAT = re.compile(r"\b(?:said|says|told|added|claimed|announced|stated)\b[^,;]{0,40}\bthat\s+$", re.I)
#: "had fired", "have launched": the agent's verb after its auxiliary
_AUXILIARY = re.compile(r"^\s+(?:had|has|have)\s+(?:also\s+|reportedly\s+)?(?=\w+ed\b|struck|hit|shot|set\s+off)", re.I)
