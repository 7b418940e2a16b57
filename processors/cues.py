"""Word cues for attack reporting: triggers by event type, and the cues that cancel them.

One pass per sentence produces a :class:`SentenceCues`; :mod:`strikewatch.processors.classify` turns
them into a verdict and :mod:`strikewatch.processors.extract` groups them into events.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from strikewatch.processors.numbers import find_casualties
from strikewatch.processors.prefilter import Filtered
from strikewatch.processors.text import PRIOR_LEAD

# Most specific first: when one event has several triggers, the earliest type in this
# list wins (a "suicide car bomb" is a suicide_bombing, a "drone strike" a drone_attack).
TYPE_PRIORITY = (
    "suicide_bombing",
    "ied",
    "missile_attack",
    "drone_attack",
    "rocket_attack",
    "air_strike",
    "shelling",
    "armed_assault",
    "bombing",
    "vehicle_ramming",
    "stabbing",
    "shooting",
    "other_attack",
)

#: an attempt, a shooting whatever the gun did: "pointed a pistol at the vice president"
_GUN_POINTED = r"(?:pointed|aimed)\s+(?:a|his|her|the)\s+(?:loaded\s+)?(?:pistol|gun|handgun|rifle|revolver)"
#: "the driver ... was shot by an officer": the attacker stopped, not an attack
_BY_POLICE = (
    r"\s+by\s+(?:an?\s+|the\s+)?(?:\w+\s+)?(?:police(?:man|men|woman)?|officers?|security\s+forces|"
    r"soldiers|troops|guards?|marshals?|sheriff'?s?\s+deputies|deputies)\b"
)
#: "Police shot dead four of the attackers": the attackers stopped
_ATTACKERS_SHOT = (
    r"\s+(?:\w+\s+){0,3}?(?:of\s+the\s+)?(?:attackers?|assailants?|gunm[ae]n|suspects?|"
    r"hostage-takers|the\s+driver|the\s+bomber)\b"
)
_RANGE = r"(?:(?:close|short|medium|long|intermediate)[- ]range\s+)?"
#: (event_type, specific, pattern). ``specific`` triggers name a weapon or method; the
#: generic ones ("attack", "struck") only count next to a specific one or a casualty.
_TRIGGERS: list[tuple[str, bool, str]] = [
    (
        "suicide_bombing",
        True,
        r"suicide\s+(?:car\s+)?(?:bomb(?:er|ers|ing|ings)?|attack(?:er|ers|s)?|blast|explosion|vest)|blew\s+(?:himself|herself|themselves)\s+up|explosives?[- ]laden\s+vest|suicide\s+vest",
    ),
    ("ied", True, r"roadside\s+bombs?|\bIEDs?\b|improvised\s+explosive\s+devices?|landmines?"),
    (
        "missile_attack",
        True,
        _RANGE
        + r"(?:ballistic|cruise|hypersonic|anti-ship|surface-to-surface|guided|precision)\s+missiles?|\bmissiles?\b|Iskander(?:-M)?|Kinzhal|Kalibr|Tochka(?:-U)?|ATACMS|Storm\s+Shadow",
    ),
    (
        "drone_attack",
        True,
        r"(?:(?:attack|kamikaze|suicide|explosive[- ]laden|one-way(?:\s+attack)?|armed)\s+)?drones?\b|\bUAVs?\b|unmanned\s+aerial\s+vehicles?|Shahed(?:-\d+)?|loitering\s+munitions?",
    ),
    ("rocket_attack", True, r"\brockets?\b|Katyushas?|\bGrad\b|rocket\s+fire|rocket\s+barrage"),
    (
        "air_strike",
        True,
        r"air\s*strikes?|air\s+raids?|aerial\s+(?:bombardment|bombing|attack)s?|warplanes?|fighter\s+jets?|gunships?|AC-130\w*|helicopter\s+gunships?"
        # "Chad's air force struck six positions", "Thai jets bombed": the striker names it
        r"|air\s+forces?\s+(?:jets\s+|planes\s+)?(?:struck|bombed|hit|pounded|targeted|raided)\b"
        r"|\bjets\s+(?:struck|bombed|bomb|hit|pounded|targeted)\b",
    ),
    (
        "shelling",
        True,
        r"\bshell(?:ing|ed|s)\b|artillery|\bmortars?\b|howitzers?|multiple\s+rocket\s+launchers?",
    ),
    (
        "armed_assault",
        True,
        r"\bstorm(?:ed|ing)\b|armed\s+assault|ambush(?:ed)?\b|overran|massacred?",
    ),
    (
        "bombing",
        True,
        r"(?:car|truck|vehicle|parcel|nail)\s+bombs?|vehicle[- ]borne|\bVBIEDs?\b|\bbomb(?:ing|ings|ed|s)?\b|explosions?|\bblasts?\b|exploded(?!\s+(?:views?|drawings?|diagrams?))|detonat(?:ed|ion)|explosives?|grenades?",
    ),
    (
        "vehicle_ramming",
        True,
        r"(?:car|van|truck|lorry|vehicle|suv|bus)[- ]ramming|ramming\s+attack|(?:ploughed|plowed|ploughing|plowing|ploughs|plows|drove|driven|driving|drives|rammed|ramming|rams|careered|sped|mowed|mowing|mown|mows)\s+(?:\w+\s+){0,6}?(?:into|through|down)\s+(?:\w+\s+){0,3}?(?:crowds?|pedestrians|shoppers|people|passers-by|cyclists|riders|soldiers|worshippers|revellers|a\s+crowd|market)|(?:car|van|truck|lorry|vehicle)\s+attack"
        # "steered a rented pickup truck onto a crowded bicycle path", "drove a car at speed through"
        r"|(?:steered|drove|swerved|veered|accelerated|aimed)\s+(?:\w+\s+){0,3}?(?:car|van|truck|lorry|vehicle|suv|pickup|pick-up)\s+(?:\w+\s+){0,4}?(?:into|onto|through|towards?|at)\s+(?:\w+\s+){0,3}?(?:crowds?|crowded|pedestrians|shoppers|people|passers-by|cyclists|riders|worshippers|revellers|bicycle\s+path|pavement|sidewalk|promenade|market|festival)"
        # "a pickup truck tore down a busy bike lane", "a van veered onto the sidewalk"
        r"|(?:car|van|truck|lorry|vehicle|suv|pickup|pick-up)\s+(?:\w+\s+)?(?:tore|ploughed|plowed|sped|careered|barrell?ed|smashed|veered|mounted)\s+"
        r"(?:down|through|along|into|onto|on\s+to)\s+(?:\w+\s+){0,3}?(?:bike\s+lane|bicycle\s+path|cycle\s+path|path|pavement|sidewalk|"
        r"promenade|crowds?|pedestrians|people|market|shoppers)",
    ),
    (
        "stabbing",
        True,
        r"stabb(?:ing|ings|ed)|\bstabs?\b|knife\s+attack(?:er|ers|s)?|knife-wielding|knifem[ae]n|\bmachetes?\b|\bhatchets?\b|hacked\s+(?:\w+\s+)?to\s+death|(?:with|wielding|armed\s+with)\s+(?:an?\s+)?(?:knife|knives|blade|sword|cleaver|axe)",
    ),
    (
        "shooting",
        True,
        rf"\bshooting\b|shot\s+dead(?!{_BY_POLICE}|{_ATTACKERS_SHOT})|shot\s+and\s+killed|opened\s+fire|open\s+fire|gunfire|\bgunm[ae]n\b|sniper|(?<!a\s)\bshot\s+at\b|mass\s+shooting|gun\s+attack|shot\s+(?:and\s+)?(?:wounded|injured)|\b(?:was|were|been|being)\s+shot\b(?!\s+down|(?:\s+dead)?{_BY_POLICE})|fired\s+shots|gunshot\s+wounds?"
        # an attempt: "pointed a pistol at the vice president", "aimed a loaded gun at her"
        rf"|{_GUN_POINTED}\s+at\b"
        # "fired on people near the Sarinah mall", "are firing on guests and staff"
        r"|(?:fired|firing)\s+(?:automatic\s+weapons\s+|shots\s+|indiscriminately\s+)?(?:on|at|into)\s+"
        r"(?:the\s+)?(?:\w+\s+)?(?:people|crowds?|guests|worshippers|police(?:men)?|officers|soldiers|"
        r"civilians|passers-by|shoppers|motorists|customers|students|audience|staff|passengers|mourners)\b",
    ),
    (
        "other_attack",
        False,
        r"\battack(?:s|ed|ing)?\b|\bassault(?:s|ed)?\b|\btargeted\b|\bstruck\b|\bstrikes?\b|\bslash(?:ed|ing)\b|\battackers\b|(?:jihadists|militants|insurgents|rebels|bandits)\s+(?:\w+\s+){0,2}?(?:killed|slaughtered|beheaded|massacred)|\barson\b|set(?:ting)?\s+(?:\w+\s+){0,3}?(?:on\s+fire|alight|ablaze)|retaliat\w+|struck\s+back|hit\s+back|counter-?strikes?|raid(?:s|ed)?\b",
    ),
]
# Every trigger as one leftmost-first alternation (at one position the earlier, more
# specific alternative wins), searched only in sentences that hold one of its words.
_TRIGGER_ALL = Filtered([(t, p) for t, _, p in _TRIGGERS])
_SPECIFIC = {t: specific for t, specific, _ in _TRIGGERS}

_CONTEXT = Filtered(
    r"\b(?:struck|hit|slammed|landed|fired|launched|killed|disabled|shot\s+down|ploughed|rammed|slashed|killing|wounded|wounding|injured|injuring|"
    r"destroyed|damaged|damaging|exploded|detonated|attacked|targeted|opened\s+fire|stormed|raided|"
    r"downed|shot|intercepted|claimed|carried\s+out|came\s+under|hitting|striking|targeting|"
    r"resulted\s+in|caused|left|involved|went\s+off|blew\s+up|blew\s+(?:himself|herself|themselves|itself)\s+up|blew\s+(?:\w+\s+){0,2}apart|set\s+off|retaliated|took\s+out|"
    r"taking\s+out|injuries|casualties|dead|died|ripped|tore\s+through|rocked|hurt|set\s+fire|burst|fell|crashed\s+into|rained|"
    # "the death toll from the attack has risen to 92"; "pointed a pistol at her and
    # pulled the trigger"
    r"toll\s+(?:\w+\s+){0,8}?(?:rose|risen|climbed|reached|jumped|increased)|pulled\s+the\s+trigger|"
    rf"{_GUN_POINTED})\b",
)
#: the clause :func:`strikewatch.processors.text.split_clauses` cuts off
_PRIOR = re.compile(PRIOR_LEAD, re.I)
RETALIATION = Filtered(
    r"\b(?:retaliat(?:ed|ing|ion|ory)|struck\s+back|hit\s+back|in\s+response|in\s+retaliation|"
    r"counter-?strikes?|counter-?attack(?:ed)?|responded\s+with|self-defen[cs]e\s+strikes?)\b",
)
_ANAPHORIC = Filtered(
    r"\b(?:the|this|that)\s+(?:\w+[\s-]+){0,2}?(?:attack|assault|strike|blast|explosion|bombing|incident|shooting|raid)\b",
)
SEPARATE = Filtered(
    r"\b(?:separately|in\s+a\s+separate|in\s+another|elsewhere|a\s+second\s+attack|meanwhile)\b",
)
TALLY = Filtered(
    r"\b(?:a\s+total\s+of|in\s+total|so\s+far\s+this\s+(?:year|month)|so\s+far|to\s+date|"
    r"since\s+(?:the\s+(?:start|beginning|outbreak)|(?:mid-|early\s+|late\s+)?(?:January|February|March|April|May|June|July|August|September|October|November|December)|"
    r"\d{1,2}\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)|the\s+war|the\s+conflict|the\s+invasion|(?:19|20)\d\d)|"
    r"cumulative|tally|overall|over\s+the\s+(?:past|last)\s+(?:\w+\s+)?(?:years?|months?|weeks?)|"
    r"war-wide|throughout\s+the\s+(?:war|conflict)|recorded\s+incidents|"
    r"(?:every|each|per)\s+(?:day|week|month|year|night)|over\s+the\s+(?:year|month|week))\b",
)
BACKGROUND = Filtered(
    r"\b(?:these|those|such|similar|previous|prior|past|earlier|recent|repeated|frequent|dozens\s+of|"
    r"scores\s+of|hundreds\s+of|a\s+series\s+of|a\s+wave\s+of|a\s+spate\s+of|a\s+string\s+of|a\s+number\s+of|"
    r"multiple|several|sets\s+of)\s+(?:[\w-]+[\s-]+){0,3}?(?:attacks|strikes|bombings|incidents|assaults|raids)\b"
    r"|\b(?:until\s+now|in\s+the\s+past|historically|the\s+origins?\s+of)\b",
)
_PAST_BE = re.compile(r"\b(?:were|was)\s+(?!planning|preparing|going|about|ready|set\s+to)", re.I)
_HYPOTHETICAL = Filtered(
    r"\b(?:will|would|could|might|can|cannot|threaten(?:s|ed|ing)?(?:\s+to)?|vow(?:s|ed|ing)?(?:\s+to)?|warn(?:s|ed|ing)?(?:\s+of)?|"
    r"plans?\s+to|planning\s+to|ready\s+to|preparing\s+to|capable\s+of|risk\s+of|fears?\s+of)\b",
)

#: negative cue category -> (pattern, which triggers it cancels: "all" or "generic" or a set of types)
_NEGATIVES: dict[str, tuple[str, object]] = {
    "anniversary": (
        r"\banniversar\w+|\bmemorial\s+(?:services?|ceremon\w+|garden|events?|mass|vigils?)\b|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty|thirty|fifty)\s+years\s+(?:ago|since|after|on)\b|commemorat\w+|remembrance|\btributes?\b|\b\d+\s+years\s+(?:ago|since|after|on)\b|\byears\s+after\b",
        "all",
    ),
    "trial": (
        r"\b(?:trial|sentenced|sentencing|convicted|conviction|courts?|judge|verdict|prosecutors?|charged\s+with|jury|testif\w+|acquitted|pleaded\s+guilty|life\s+sentence|jailed|extradit\w+|inquiry|inquest)\b",
        "all",
    ),
    "threat": (
        r"\b(?:threaten\w*|vow(?:s|ed|ing)?|warn(?:s|ed|ing)?|ultimatum)\b",
        "after",
    ),
    "plot": (
        r"\b(?:plot(?:s|ted|ting)?|foiled|thwarted)\b",
        "all",
    ),
    "exercise": (
        r"\b(?:exercises?|drills?|war\s+games|simulat\w+|test[- ]fir\w+|test\s+launch\w*|missile\s+test|manoeuvres|maneuvers|"
        r"(?:landed|landing|fell|falling|splashed\s+down)\s+(?:\w+\s+){0,4}?(?:sea|ocean|waters)|into\s+the\s+(?:sea|ocean))\b",
        "all",
    ),
    "hunger strike": (r"\bhunger\s+strik\w+", "all"),
    # "a shark attacked and killed a swimmer": an animal, not an attacker
    "animal": (
        r"\b(?:sharks?|crocodiles?|alligators?|bears?|tigers?|lions?|leopards?|elephants?|snakes?|hippos?|hippopotamus|wolf|wolves|stray\s+dogs|dogs?\s+attack\w*|swarm\s+of\s+(?:bees|hornets))\b",
        {"other_attack"},
    ),
    "accident": (
        r"\b(?:earthquake|quake|tremors?|accident\w*|crash(?:ed|es)?|derail\w*|industrial|factory|gas\s+(?:leak|explosion|cylinder|tank|pipeline)|boiler|chemical\s+plant|fire\s+broke\s+out|short\s+circuit|flood\w*|landslide|mine\s+collapse|fireworks|ammonium\s+nitrate|negligence|improperly\s+stored|hazardous\s+chemicals|chemicals\s+warehouse|hurricane|typhoon|cyclone|tornado|storm\s+[A-Z]?\w+\s+(?:struck|hit|slammed)|lightning|wildfire|monsoon|stored\s+(?:unsafely|improperly)|warehouse\s+fire)\b",
        {"bombing", "vehicle_ramming", "other_attack"},
    ),
    "labour strike": (
        r"\b(?:(?:on|went\s+on|go\s+on|going\s+on|national|general|rail|railway|transport|nationwide|staged?\s+a|walk-?out|strike)\s+strikes?|strike\s+action|strikers|walk-?outs?|industrial\s+action|picket\w*|unions?|trade\s+union|wages?|pay\s+(?:dispute|offer|rise)|workers)\b",
        {"air_strike", "other_attack"},
    ),
    "sport": (
        r"\b(?:striker|goals?|goalkeeper|match|league|football|soccer|cricket|world\s+cup|tournament|final|penalt\w+|scored|extra\s+time|season|coach|champions?|semi-final|fans|stadium|kick-off|fixture)\b",
        {"air_strike", "other_attack"},
    ),
    "protest": (
        r"\b(?:protest\w*|demonstrat(?:ion|ions|ors)|rall(?:y|ies)|marchers|sit-in)\b",
        "generic",
    ),
    "diplomacy": (
        r"\b(?:ceasefire|truce|hostage\s+(?:deal|exchange|release)|pause\s+in\s+(?:the\s+)?fighting|negotiat\w+)\b",
        "generic",
    ),
}


@functools.cache
def _negative(name: str) -> re.Pattern[str]:
    return re.compile(_NEGATIVES[name][0], re.I)


_NEGATIVE_ALL = Filtered([(k, p) for k, (p, _) in _NEGATIVES.items()])
_YEAR = re.compile(
    r"\b(?:in|the|of|since|during|January|February|March|April|May|June|July|August|September|October|November|December)\s+((?:19|20)\d\d)\b"
)


@dataclass
class Trigger:
    event_type: str
    specific: bool
    text: str
    start: int
    end: int


class _once:  # noqa: N801 - a decorator, named like one
    """``functools.cached_property`` without its lock (Python 3.11 takes one on every
    read): the flags are read thousands of times per article, by one thread."""

    def __init__(self, function: Callable[[Any], Any]) -> None:
        self.function = function
        self.name = function.__name__
        self.__doc__ = function.__doc__

    def __get__(self, obj: Any, owner: type | None = None) -> Any:
        if obj is None:
            return self
        value = obj.__dict__[self.name] = self.function(obj)
        return value


class SentenceCues:
    """What one sentence says about attacks; the flags are worked out when first read."""

    def __init__(self, sentence: str, triggers: list[Trigger] | None = None) -> None:
        self.sentence = sentence
        self.triggers: list[Trigger] = triggers or []  # surviving triggers
        self.cancelled: list[tuple[str, str]] = []  # (trigger text, negative)

    @_once
    def negatives(self) -> list[str]:
        """Negative cue categories in the sentence (read when first asked for, in a
        sentence without triggers; :func:`analyse_sentence` sets them in one with)."""
        return find_negatives(self.sentence)

    @_once
    def tally(self) -> bool:
        return TALLY.has(self.sentence)

    @_once
    def background(self) -> bool:
        return BACKGROUND.has(self.sentence)

    @_once
    def hypothetical(self) -> bool:
        """A modal or threat shortly before the first trigger ("could strike")."""
        if not self.triggers:
            return False
        first = self.triggers[0].start
        s = self.sentence
        return any(
            first - m.end() < 70
            # "those who could not recite it were made to lie down and were shot": a
            # past verb after the modal tells what happened
            and not _PAST_BE.search(s, m.end(), first)
            for _, m in _HYPOTHETICAL.finditer(s, first)
        )

    @_once
    def retaliation(self) -> bool:
        return RETALIATION.has(self.sentence)

    @_once
    def anaphoric(self) -> bool:
        return _ANAPHORIC.has(self.sentence)

    @_once
    def separate(self) -> bool:
        return SEPARATE.has(self.sentence)

    @_once
    def context(self) -> bool:
        return _CONTEXT.has(self.sentence)

    @_once
    def prior(self) -> bool:
        """A clause that tells an earlier attack ("two days after bombers hit ...")."""
        return bool(_PRIOR.match(self.sentence))

    @_once
    def casualties(self) -> bool:
        return any(find_casualties(self.sentence)) if self.triggers else False

    @_once
    def years(self) -> list[int]:
        s = self.sentence
        return [int(y) for y in _YEAR.findall(s)] if "19" in s or "20" in s else []

    @property
    def reports_attack(self) -> bool:
        """A past-tense report of one attack: not a tally, background or hypothesis."""
        if not self.triggers or self.tally or self.background or self.hypothetical:
            return False
        strong = (
            any(t.specific for t in self.triggers) or self.retaliation or len(self.triggers) > 1
        )
        return self.context and (strong or self.casualties)


def find_triggers(sentence: str) -> list[Trigger]:
    """Every trigger in ``sentence``, left to right, without overlaps."""
    return [
        Trigger(t, _SPECIFIC[t], sentence[m.start() : m.end()], m.start(), m.end())
        for t, m in _TRIGGER_ALL.finditer(sentence)
    ]


def find_negatives(sentence: str) -> list[str]:
    """Negative cue categories present in ``sentence``, in declaration order."""
    present = _NEGATIVE_ALL.tags(sentence)
    return [k for k in _NEGATIVES if k in present]


def analyse_sentence(sentence: str) -> SentenceCues:
    """Cues in one sentence, with negatives applied to the triggers they cancel."""
    cues = SentenceCues(sentence)
    triggers = find_triggers(sentence)
    if not triggers:
        return cues  # nothing to cancel: the negatives are read if ever asked for
    cues.negatives = find_negatives(sentence)
    for name in cues.negatives:
        scope = _NEGATIVES[name][1]
        kept = []
        # "vowed to strike": only what follows the threat is threatened
        after = _negative(name).search(sentence).start() if scope == "after" else 0  # type: ignore[union-attr]
        for t in triggers:
            if (
                (scope == "after" and t.start > after)
                or scope == "all"
                or (scope == "generic" and not t.specific)
                or (isinstance(scope, set) and t.event_type in scope)
            ):
                cues.cancelled.append((t.text, name))
            else:
                kept.append(t)
        triggers = kept
    cues.triggers = triggers
    return cues


def best_type(triggers: list[Trigger]) -> Trigger | None:
    """The most specific trigger of a list."""
    if not triggers:
        return None
    return min(triggers, key=lambda t: (TYPE_PRIORITY.index(t.event_type), t.start))
