"""Word cues for attack reporting: triggers by event type, and the cues that cancel them.

One pass per sentence produces a :class:`SentenceCues`; :mod:`processors.classify` turns
them into a verdict and :mod:`processors.extract` groups them into events.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from processors.numbers import find_casualties

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
    "shooting",
    "other_attack",
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
        r"air\s*strikes?|air\s+raids?|aerial\s+(?:bombardment|bombing|attack)s?|warplanes?|fighter\s+jets?|gunships?|AC-130\w*|helicopter\s+gunships?",
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
        "shooting",
        True,
        r"\bshooting\b|shot\s+dead|shot\s+and\s+killed|opened\s+fire|open\s+fire|gunfire|\bgunm[ae]n\b|sniper|(?<!a\s)\bshot\s+at\b|mass\s+shooting|gun\s+attack|shot\s+(?:and\s+)?(?:wounded|injured)|\b(?:was|were|been|being)\s+shot\b(?!\s+down)|fired\s+shots|gunshot\s+wounds?",
    ),
    (
        "other_attack",
        False,
        r"\battack(?:s|ed|ing)?\b|\bassault(?:s|ed)?\b|\btargeted\b|\bstruck\b|\bstrikes?\b|stabb(?:ing|ed)|knife\s+attack|knife-wielding|machetes?|hatchet|\bslash(?:ed|ing)\b|hacked\s+(?:\w+\s+)?to\s+death|(?:ploughed|plowed|drove|driven|rammed|careered|sped)\s+(?:\w+\s+){0,3}?into\s+(?:\w+\s+){0,2}?(?:crowds?|pedestrians|shoppers|people|a\s+crowd)|\battackers\b|(?:jihadists|militants|insurgents|rebels|bandits)\s+(?:\w+\s+){0,2}?(?:killed|slaughtered|beheaded|massacred)|\barson\b|set(?:ting)?\s+(?:\w+\s+){0,3}?(?:on\s+fire|alight|ablaze)|retaliat\w+|struck\s+back|hit\s+back|counter-?strikes?|raid(?:s|ed)?\b",
    ),
]
TRIGGERS = [(t, specific, re.compile(p, re.I)) for t, specific, p in _TRIGGERS]
# One pass per sentence: every trigger in one alternation, the group name tells the
# type (at one position the earlier, more specific alternative wins).
_TRIGGER_ALL = re.compile("|".join(f"(?P<{t}>{p})" for t, _, p in _TRIGGERS), re.I)
_SPECIFIC = {t: specific for t, specific, _ in _TRIGGERS}


def _lowercase_pattern(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """The same pattern for lower-cased text: twice as fast as re.IGNORECASE in CPython."""
    return re.compile(pattern.pattern.lower().replace("(?p<", "(?P<"))


def _search_text(sentence: str) -> tuple[str, bool]:
    low = sentence.lower()
    return (low, True) if len(low) == len(sentence) else (sentence, False)


_TRIGGER_LOWER = _lowercase_pattern(_TRIGGER_ALL)

_CONTEXT = re.compile(
    r"\b(?:struck|hit|slammed|landed|fired|launched|killed|disabled|shot\s+down|ploughed|rammed|slashed|killing|wounded|wounding|injured|injuring|"
    r"destroyed|damaged|damaging|exploded|detonated|attacked|targeted|opened\s+fire|stormed|raided|"
    r"downed|shot|intercepted|claimed|carried\s+out|came\s+under|hitting|striking|targeting|"
    r"resulted\s+in|caused|left|involved|went\s+off|blew\s+up|set\s+off|retaliated|took\s+out|"
    r"taking\s+out|injuries|casualties|dead|died|ripped|tore\s+through|rocked|hurt|set\s+fire|burst|fell|crashed\s+into|rained)\b",
    re.I,
)
RETALIATION = re.compile(
    r"\b(?:retaliat(?:ed|ing|ion|ory)|struck\s+back|hit\s+back|in\s+response|in\s+retaliation|"
    r"counter-?strikes?|counter-?attack(?:ed)?|responded\s+with|self-defen[cs]e\s+strikes?)\b",
    re.I,
)
_ANAPHORIC = re.compile(
    r"\b(?:the|this|that)\s+(?:\w+[\s-]+){0,2}?(?:attack|assault|strike|blast|explosion|bombing|incident|shooting|raid)\b",
    re.I,
)
SEPARATE = re.compile(
    r"\b(?:separately|in\s+a\s+separate|in\s+another|elsewhere|a\s+second\s+attack|meanwhile)\b",
    re.I,
)
TALLY = re.compile(
    r"\b(?:a\s+total\s+of|in\s+total|so\s+far\s+this\s+(?:year|month)|so\s+far|to\s+date|"
    r"since\s+(?:the\s+(?:start|beginning|outbreak)|(?:mid-|early\s+|late\s+)?(?:January|February|March|April|May|June|July|August|September|October|November|December)|"
    r"\d{1,2}\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)|the\s+war|the\s+conflict|the\s+invasion|(?:19|20)\d\d)|"
    r"cumulative|tally|overall|over\s+the\s+(?:past|last)\s+(?:\w+\s+)?(?:years?|months?|weeks?)|"
    r"war-wide|throughout\s+the\s+(?:war|conflict)|recorded\s+incidents|"
    r"(?:every|each|per)\s+(?:day|week|month|year|night)|over\s+the\s+(?:year|month|week))\b",
    re.I,
)
BACKGROUND = re.compile(
    r"\b(?:these|those|such|similar|previous|prior|past|earlier|recent|repeated|frequent|dozens\s+of|"
    r"scores\s+of|hundreds\s+of|a\s+series\s+of|a\s+wave\s+of|a\s+spate\s+of|a\s+string\s+of|a\s+number\s+of|"
    r"multiple|several|sets\s+of)\s+(?:[\w-]+[\s-]+){0,3}?(?:attacks|strikes|bombings|incidents|assaults|raids)\b"
    r"|\b(?:until\s+now|in\s+the\s+past|historically|the\s+origins?\s+of)\b",
    re.I,
)
_HYPOTHETICAL = re.compile(
    r"\b(?:will|would|could|might|can|cannot|threaten(?:s|ed|ing)?(?:\s+to)?|vow(?:s|ed|ing)?(?:\s+to)?|warn(?:s|ed|ing)?(?:\s+of)?|"
    r"plans?\s+to|planning\s+to|ready\s+to|preparing\s+to|capable\s+of|risk\s+of|fears?\s+of)\b",
    re.I,
)

#: negative cue category -> (pattern, which triggers it cancels: "all" or "generic" or a set of types)
_NEGATIVES: dict[str, tuple[str, object]] = {
    "anniversary": (
        r"\banniversar\w+|\bmemorial\s+(?:services?|ceremon\w+|garden|events?|mass|vigils?)\b|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty|thirty|fifty)\s+years\s+(?:ago|since|after|on)\b|commemorat\w+|remembrance|\bmourners\b|\btributes?\b|\b\d+\s+years\s+(?:ago|since|after|on)\b|\byears\s+after\b",
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
    "accident": (
        r"\b(?:earthquake|quake|tremors?|accident\w*|crash(?:ed|es)?|derail\w*|industrial|factory|gas\s+(?:leak|explosion|cylinder|tank|pipeline)|boiler|chemical\s+plant|fire\s+broke\s+out|short\s+circuit|flood\w*|landslide|mine\s+collapse|fireworks|ammonium\s+nitrate|negligence|improperly\s+stored|hazardous\s+chemicals|chemicals\s+warehouse|hurricane|typhoon|cyclone|tornado|storm\s+[A-Z]?\w+\s+(?:struck|hit|slammed)|lightning|wildfire|monsoon|stored\s+(?:unsafely|improperly)|warehouse\s+fire)\b",
        {"bombing", "other_attack"},
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
NEGATIVES = {k: (re.compile(p, re.I), scope) for k, (p, scope) in _NEGATIVES.items()}
_NEGATIVE_GROUP = {f"n{i}": k for i, k in enumerate(_NEGATIVES)}
_NEGATIVE_ALL = re.compile(
    "|".join(f"(?P<n{i}>{p})" for i, (p, _) in enumerate(_NEGATIVES.values())), re.I
)
_NEGATIVE_LOWER = _lowercase_pattern(_NEGATIVE_ALL)
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


@dataclass
class SentenceCues:
    """What one sentence says about attacks."""

    triggers: list[Trigger] = field(default_factory=list)  # surviving triggers
    cancelled: list[tuple[str, str]] = field(default_factory=list)  # (trigger text, negative)
    negatives: list[str] = field(default_factory=list)
    tally: bool = False
    background: bool = False
    hypothetical: bool = False
    retaliation: bool = False
    anaphoric: bool = False
    separate: bool = False
    context: bool = False
    casualties: bool = False
    years: list[int] = field(default_factory=list)

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
    text, lowered = _search_text(sentence)
    pattern = _TRIGGER_LOWER if lowered else _TRIGGER_ALL
    return [
        Trigger(
            m.lastgroup, _SPECIFIC[m.lastgroup], sentence[m.start() : m.end()], m.start(), m.end()
        )  # type: ignore[index,arg-type]
        for m in pattern.finditer(text)
    ]


def find_negatives(sentence: str) -> list[str]:
    """Negative cue categories present in ``sentence``, in declaration order."""
    text, lowered = _search_text(sentence)
    pattern = _NEGATIVE_LOWER if lowered else _NEGATIVE_ALL
    present = {_NEGATIVE_GROUP[m.lastgroup] for m in pattern.finditer(text)}  # type: ignore[index]
    return [k for k in _NEGATIVES if k in present]


def analyse_sentence(sentence: str) -> SentenceCues:
    """Cues in one sentence, with negatives applied to the triggers they cancel."""
    cues = SentenceCues()
    triggers = find_triggers(sentence)
    for name in find_negatives(sentence):
        scope = NEGATIVES[name][1]
        cues.negatives.append(name)
        kept = []
        # "vowed to strike": only what follows the threat is threatened
        after = NEGATIVES[name][0].search(sentence).start() if scope == "after" else 0  # type: ignore[union-attr]
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
    if triggers:
        first = triggers[0].start
        for m in _HYPOTHETICAL.finditer(sentence, 0, first):
            if first - m.end() < 70:
                cues.hypothetical = True
    cues.triggers = triggers
    cues.tally = bool(TALLY.search(sentence))
    cues.background = bool(BACKGROUND.search(sentence))
    cues.retaliation = bool(RETALIATION.search(sentence))
    cues.anaphoric = bool(_ANAPHORIC.search(sentence))
    cues.separate = bool(SEPARATE.search(sentence))
    cues.context = bool(_CONTEXT.search(sentence))
    cues.years = [int(y) for y in _YEAR.findall(sentence)]
    cues.casualties = any(find_casualties(sentence)) if triggers else False
    return cues


def best_type(triggers: list[Trigger]) -> Trigger | None:
    """The most specific trigger of a list."""
    if not triggers:
        return None
    return min(triggers, key=lambda t: (TYPE_PRIORITY.index(t.event_type), t.start))
