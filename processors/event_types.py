"""The type of an event: from its report sentences, then from the whole report.

Split from :mod:`strikewatch.processors.extract`, which calls :func:`fill_type` for each
event draft and :func:`refine_type` for a one-event article. The conventions follow how
conflict data sets file attacks (docs/event-types.md, the table and its notes).
"""

from __future__ import annotations

import re
from typing import Any

from strikewatch.processors import cues as cue
from strikewatch.processors.classify import Assessment

_STRIKE_WORDS = re.compile(
    r"^(?:strikes?|struck|retaliat\w+|struck back|hit back|counter-?strikes?)$", re.I
)
#: "Gunmen raided a camp", "armed men stormed the hotel": a group's assault on a place
_GROUP_ASSAULT = re.compile(
    r"\b(?:gunmen|militants|fighters|attackers|assailants|armed\s+men|insurgents|bandits)\b"
    r"[^.;]{0,60}?\b(?:attacked|raided|stormed|ambushed|besieged|overran|swept\s+into|burst\s+into)\b",
    re.I,
)
_RECALLED = re.compile(
    r"\b(?:days?|weeks?|months?|years?)\s+(?:after|before|earlier|ago)\b|\bearlier\b|"
    r"\blast\s+(?:week|month|year)\b|\bprevious\b",
    re.I,
)
#: weapons of which two, one of them guns or knives, make a complex armed assault (guns
#: with bombs, knives with guns, gunmen with rocket launchers)
_SEVERAL_WEAPONS = frozenset({"shooting", "armed_assault", "bombing", "stabbing", "rocket_attack"})


_ARSON = re.compile(r"arson|set\s.*(?:fire|alight|ablaze)|storm", re.I)


def fill_type(d: Any, a: Assessment, main_type: str) -> None:
    """The event's type and weapon from its report sentences (docs/event-types.md)."""
    # "The shooting came ten days after a car bomb exploded": the car bomb was another
    # attack; its sentence types the event only when no other report sentence can
    own = [
        i
        for i in d.group.reports
        if a.cues[i].prior or not _RECALLED.search(a.sentences[i].text)
    ]
    triggers = [t for i in own or d.group.reports for t in a.cues[i].triggers]
    if d.group.kind == "retaliation":
        # "struck the militants who had fired the missile": the missile is the first attack's
        triggers = [t for t in triggers if t.specific and t.event_type != main_type]
    best = cue.best_type(triggers)
    every = [t for i in d.group.sentences for t in a.cues[i].triggers]
    if (
        best is not None
        and best.event_type == "shooting"
        and (
            any(_ARSON.search(t.text) for t in every)
            or any(_GROUP_ASSAULT.search(a.sentences[i].text) for i in d.group.reports)
        )
    ):
        # gunmen who also storm or burn the place: a complex armed assault
        d.event_type = "armed_assault"
        d.weapon = "firearms"
        d.evidence["event_type"] = d.evidence["weapon"] = next(
            i for i in d.group.reports if best in a.cues[i].triggers
        )
        return
    # the weapons of this attack: its report sentences and those that follow them, not
    # an earlier attack recalled ("ten days after a car bomb exploded")
    kinds = {
        t.event_type
        for i in d.group.sentences
        if not _RECALLED.search(a.sentences[i].text)
        for t in a.cues[i].triggers
        if t.specific
    }
    if (
        best is not None
        and best.event_type in ("bombing", "ied", "shooting", "stabbing", "rocket_attack")
        and not any(t.event_type == "suicide_bombing" for c in a.cues for t in c.triggers)
        and len(kinds & _SEVERAL_WEAPONS) >= 2
        and kinds & {"shooting", "armed_assault", "stabbing"}
    ):
        # guns and bombs, knives and guns, machetes and grenades: a complex armed assault,
        # as the GTD and ACLED file it (its weapons are several)
        d.event_type = "armed_assault"
        d.evidence["event_type"] = next(i for i in d.group.reports if best in a.cues[i].triggers)
        return
    if best is None or (best.event_type == "other_attack" and _STRIKE_WORDS.match(best.text)):
        # a state's unspecified "strike" or retaliation is, in reporting, an air strike
        if d.perpetrator_kind == "state" or (
            best is not None and best.text.lower().startswith("strike")
        ):
            d.event_type = "air_strike"
        if best is not None:
            d.evidence["event_type"] = next(
                i for i in d.group.reports if best in a.cues[i].triggers
            )
        elif d.group.reports:
            d.evidence["event_type"] = d.group.reports[0]
        return
    d.event_type = best.event_type
    d.evidence["event_type"] = next(i for i in d.group.reports if best in a.cues[i].triggers)
    if best.specific and best.event_type != "shooting":
        d.weapon = re.sub(r"\s+", " ", best.text.lower())
        d.evidence["weapon"] = d.evidence["event_type"]
    elif best.event_type == "shooting":
        d.weapon = "firearms"
        d.evidence["weapon"] = d.evidence["event_type"]


#: A type the whole report may make more precise: a bombing told later to be a suicide
#: bombing or a roadside bomb, a shooting told to be an assault ("stormed", "massacre").
_REFINEMENTS = {
    "bombing": ("suicide_bombing", "ied"),
    "shooting": ("armed_assault",),
}
#: The learned type head's probability above which it names the type the rules could
#: not ("other_attack"); chosen on the dev split.
LEARNED_TYPE_P = 0.5


def refine_type(d: Any, a: Assessment) -> str:
    """One event in the article: its type from every sentence, not just the lede.

    "A bomb exploded at a checkpoint... Police said the bomber blew himself up" is a
    suicide bombing; the more specific type may be told anywhere in the article, except
    in sentences about other attacks (tallies, background, earlier years, separate
    attacks). Where the rules name no type at all, or a type the report may refine (a
    bombing, a shooting), the learned type head names the type when it is sure enough.
    Returns the reason to give, "" when nothing changed.
    """
    for kind in _REFINEMENTS.get(d.event_type, ()):
        for s, c in zip(a.sentences, a.cues, strict=True):
            if c.tally or c.background or c.hypothetical or a.earlier_year(s.index):
                continue
            if any(t.event_type == kind for t in c.triggers):
                d.event_type = kind
                d.evidence["event_type"] = s.index
                if kind != "armed_assault":
                    d.weapon = next(t.text.lower() for t in c.triggers if t.event_type == kind)
                    d.evidence["weapon"] = s.index
                return f"type {kind}: told in sentence {s.index + 1}"
    if a.learned is None or a.learned.type_probability < LEARNED_TYPE_P:
        return ""
    guess = a.learned.event_type
    if guess in ("", "other_attack", d.event_type):
        return ""
    if d.event_type == "other_attack" or guess in _REFINEMENTS.get(d.event_type, ()):
        was, d.event_type = d.event_type, guess
        return f"type {guess}: learned model p={a.learned.type_probability:.2f} (rules: {was})"
    return ""
