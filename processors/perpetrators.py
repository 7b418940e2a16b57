"""Who did it, and to whom: the perpetrator and target of one drafted event.

The perpetrator is the group or state the text makes the agent of the attack, or failing
that the one that claimed it or that officials blamed (docs/event-types.md,
Perpetrators); generic names ("gunmen") give way to named ones.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from strikewatch.core.records import Actor, Target
from strikewatch.processors import gazetteer
from strikewatch.processors.actors import (
    GENERIC_ACTORS,
    ActorMention,
    by_weapon,
    described_names,
    role,
)

if TYPE_CHECKING:
    from strikewatch.processors.classify import Assessment
    from strikewatch.processors.extract import _Draft

_CLAIM = re.compile(
    r"\bclaimed\s+(?:responsibility|(?:the|both|this|that|these)\s+(?:[\w-]+\s+)?(?:attacks?|bombings?|strikes?|assault|shootings?|killings?|blasts?|raid)|it)\b|"
    r"\bresponsibility\s+for\b|\b(?:later|also|quickly|swiftly)\s+claimed\b|"
    r"\bsaid\s+(?:\w+\s+){0,4}?(?:that\s+)?it\s+(?:had\s+)?carried\s+out\b|"
    r"\bsaid\s+(?:the\s+)?(?:attack|bombing|strike|assault|shooting)\s+(?:was|had\s+been)\s+carried\s+out\s+by\s+its\b|"
    r"\bsaid\s+it\s+(?:was|had\s+been)\s+(?:behind|responsible)\b|"
    # "said in a statement ... that its fighters had set off the device", "claimed via its
    # Amaq agency that he was one of its fighters"
    r"\b(?:said|says|claimed|announced)\s+(?:[\w,'’-]+\s+){0,14}?(?:that\s+)?(?:its|their)\s+"
    r"(?:fighters|militants|members|men|operatives|soldiers|mujahideen)\s+(?:had\s+|have\s+)?"
    r"(?:carried\s+out|set\s+off|detonated|attacked|were\s+behind|struck|launched|killed|targeted|planted)\b|"
    r"\bclaimed\s+(?:via|through|in|on)\s+(?:[\w'’-]+\s+){0,4}?that\b|\bone\s+of\s+its\s+(?:fighters|soldiers|members)\b|"
    r"\bsaid\s+the\s+(?:attack|bombing|strike|assault|shooting)\s+was\s+(?:revenge|retaliation|in\s+(?:response|retaliation))\b",
    re.I,
)
#: a reported attribution: "X blamed Y", "Y was blamed for the strike" (role() finds Y)
_BLAME = re.compile(
    r"\bblam(?:ed|es|ing)\b|\battributed\s+(?:it|the\s+\w+)\s+to\b|"
    r"\b(?:might|may|could)\s+be\s+responsible\b|\blikely\s+responsible\b",
    re.I,
)
_NEVER_TARGETS = {"suicide bomber", "unidentified gunmen"}

#: A group the armed-groups list does not hold, named where the text attributes the attack
#: to it: "bore the hallmarks of the Jaime Martinez front", "members of the Barrio 18 gang
#: broke into", "linked the bombers to Jamaah Ansharut Daulah", "a little-known group
#: calling itself Ansar Bangla 7", "whose members call themselves Sasna Tsrer".
_UNLISTED = re.compile(
    r"\b(?:bore\s+the\s+(?:hall)?marks\s+of|pointed\s+to|linked\s+(?:\w+\s+){0,2}?to|"
    r"(?:was|were)\s+carried\s+out\s+by|members\s+of|calling\s+itself|call\s+themselves|"
    r"suspected|blamed)\s+(?:the\s+)?"
    r"(?P<name>(?:[A-Z][\w'’-]*|\d+|de|del|al|of|the|for|in)(?:\s+(?:[A-Z][\w'’-]*|\d+|de|del|al|of|the|for|in)){0,5})"
)
#: words that end such a name without being part of it
_TRAILING = re.compile(r"(?:\s+(?:de|del|al|of|the|for|in))+$")


def _unlisted(a: Assessment) -> list[tuple[int, ActorMention]]:
    """A group named only where the text attributes the attack, when no listed actor is."""
    for i, s in enumerate(a.sentences[:40]):
        if a.cues[i].tally:
            continue
        for m in _UNLISTED.finditer(s.text):
            name = _TRAILING.sub("", m.group("name"))
            first = name.split()[0]
            if len(name) < 3 or not first[0].isupper() or _not_a_group(name):
                continue
            return [(i, ActorMention(name, "non_state", "", name, m.start("name"), m.start("name") + len(name)))]
    return []


def _not_a_group(name: str) -> bool:
    """A place, a nationality, a person's title or a day is no group."""
    key = gazetteer.normalize(name)
    idx = gazetteer.index()
    words = name.split()
    if words[0] in ("North", "South", "East", "West", "Central", "Northern", "Southern", "Eastern", "Western"):
        return True  # "the North Caucasus": a region the gazetteer lacks
    if len(words) == 1 and not name.isupper() and re.search(r"(?:ish|ian|ese|an|i)$", name):
        return True  # "Jewish", "Kurdish", "Afghan": a description, not a name
    return bool(
        idx.lookup(key)
        or idx.demonyms.get(key)
        or key.split()[0] in {"president", "police", "the", "monday", "tuesday", "wednesday",
                              "thursday", "friday", "saturday", "sunday", "mr", "mrs", "ms", "dr"}
    )


def _is_described(m: ActorMention) -> bool:
    """An unnamed attacker described by a pattern ("Iran-backed militants")."""
    return m.name in described_names()


def _specialises(name: str, general: str) -> bool:
    """True when ``name`` is a branch of ``general`` ("Tehreek-e-Taliban Pakistan", "Taliban")."""
    words = set(gazetteer.normalize(general).split())
    return name != general and words <= set(gazetteer.normalize(name).split())


def _actor(mentions: list[ActorMention]) -> Actor:
    first = mentions[0]
    aliases = sorted({m.surface for m in mentions if m.surface != first.name})
    return Actor(name=first.name, aliases_matched=aliases)


def _pick_actor(
    candidates: list[tuple[int, ActorMention]],
) -> tuple[int, list[ActorMention]] | None:
    """The best named actor among (sentence, mention) candidates, with all its mentions."""
    if not candidates:
        return None
    named = [c for c in candidates if c[1].name.lower() not in GENERIC_ACTORS]
    pool = named or candidates
    sentence, best = pool[0]
    same = [m for _, m in candidates if m.name == best.name]
    return sentence, same


def fill_actors(d: _Draft, a: Assessment, all_actors: dict[int, list[ActorMention]]) -> None:
    perps: list[tuple[int, ActorMention]] = []
    targets: list[tuple[int, ActorMention]] = []
    for i in d.group.sentences:
        text = a.sentences[i].text
        for m in all_actors[i]:
            r = role(text, m)
            if r == "perpetrator":
                perps.append((i, m))
            elif r == "target":
                targets.append((i, m))
            elif (
                _CLAIM.search(text)
                and m.kind == "non_state"
                and (d.group.kind != "retaliation" or a.cues[i].retaliation)
            ):
                # in a retaliation's sentences, a claim is of the first attack unless it says
                # it was the response
                perps.append((i, m))
    if not perps and d.group.kind == "main":
        # "X claimed responsibility" or "officials blamed X" is often a paragraph or two below
        # the lead
        for i, s in enumerate(a.sentences[:40]):
            if a.cues[i].tally:
                continue
            if _CLAIM.search(s.text):
                perps += [(i, m) for m in all_actors[i] if m.kind == "non_state"]
            elif _BLAME.search(s.text):
                perps += [(i, m) for m in all_actors[i] if role(s.text, m) == "perpetrator"]
        if not perps:
            perps = _unlisted(a)
    # a state named only by its weapon ("a U.S. strike") is weaker evidence than an agent
    strong = [p for p in perps if not (p[1].kind == "state" and by_weapon(p[1]))]
    picked = _pick_actor(strong) or _pick_actor(perps)
    if d.group.kind == "main" and (
        picked is None or picked[1][0].kind == "non_state" or _is_described(picked[1][0])
    ):
        # a named group that claimed the attack says more than "Iran-backed militants" or
        # "Taliban gunmen" (Tehreek-e-Taliban Pakistan), but not more than another named group
        for i, s in enumerate(a.sentences[:40]):
            named = [m for m in all_actors[i] if m.kind == "non_state" and not _is_described(m)]
            if named and _CLAIM.search(s.text) and not a.cues[i].tally:
                if (
                    picked is None
                    or _is_described(picked[1][0])
                    or _specialises(named[0].name, picked[1][0].name)
                ):
                    picked = (i, [m for m in named if m.name == named[0].name])
                break
    perp_names = set()
    if picked:
        i, mentions = picked
        d.perpetrator = _actor(mentions)
        d.perpetrator_kind = mentions[0].kind
        d.evidence["perpetrator"] = i
        perp_names.add(mentions[0].name)
    picked = _pick_actor([t for t in targets if t[1].name not in perp_names | _NEVER_TARGETS])
    if picked:
        i, mentions = picked
        d.target_actor = mentions[0]
        category = "police" if "police" in mentions[0].name.lower() else "military"
        d.target = Target(category=category, name=mentions[0].name)
        d.evidence["target"] = i
