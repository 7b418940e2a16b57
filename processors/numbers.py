"""Casualty numbers in English news prose.

Conventions (documented in docs/event-types.md too):
- "at least 12", "more than 100", "over 30", "upwards of" -> the stated number, ``at_least``.
- ranges "12 to 15", "12-15", "between 12 and 15" -> the lower bound, ``at_least``.
- "a dozen" -> 12; "dozens" -> 24 with ``at_least`` (two dozen is the least that the
  plural can mean); "hundreds" -> 200 and "thousands" -> 2000, ``at_least``.
- "several", "many", "scores", "a number of" give no number (unknown, ``None``).
- "no one was killed", "no casualties", "no injuries" -> 0.
- two groups of victims are added up ("killing eight children and a guard" -> 9).
- attackers are not victims ("all five attackers were killed" -> no figure).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from strikewatch.core.records import MAX_COUNT
from strikewatch.processors.prefilter import Filtered
from strikewatch.processors.text import sentence_cache

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
#: vague plurals: (value, at_least)
_VAGUE = {"dozens": 24, "hundreds": 200, "thousands": 2000}

_UNIT_RE = "|".join(sorted(_UNITS, key=len, reverse=True))
_TENS_RE = "|".join(_TENS)
_WORDNUM = (
    rf"(?:(?:{_TENS_RE})(?:[- ](?:{_UNIT_RE}))?|{_UNIT_RE})"
    rf"(?:\s+(?:hundred|thousand)(?:\s+(?:and\s+)?(?:(?:{_TENS_RE})(?:[- ](?:{_UNIT_RE}))?|{_UNIT_RE}))?)?"
)
_DIGITS = r"\d{1,3}(?:,\d{3})+|\d+"
#: one number, in digits or words, or a vague quantity
NUMBER = rf"(?:{_DIGITS}|a\s+dozen|a\s+hundred|{_WORDNUM}|dozens|hundreds|thousands)"
_QUALIFIER = (
    r"(?:at\s+least|more\s+than|over|upwards\s+of|in\s+excess\s+of|no\s+fewer\s+than|"
    r"not\s+less\s+than|nearly|almost|about|around|approximately|roughly|some|up\s+to|"
    r"as\s+many\s+as|an\s+estimated)"
)
_AT_LEAST = re.compile(
    r"^(?:at\s+least|more\s+than|over|upwards\s+of|in\s+excess\s+of|no\s+fewer\s+than|not\s+less\s+than)",
    re.I,
)
#: a quantity: optional qualifier, number, optional range upper bound
QUANTITY = (
    rf"(?:between\s+{NUMBER}\s+and\s+{NUMBER}|(?:{_QUALIFIER}\s+)?{NUMBER}"
    rf"(?:\s*(?:-|–|to|or)\s*{NUMBER}(?=\s))?)"
)
_QUANTITY_RE = re.compile(
    rf"(?:between\s+(?P<b1>{NUMBER})\s+and\s+(?P<b2>{NUMBER})|(?P<qual>{_QUALIFIER}\s+)?(?P<n1>{NUMBER})"
    rf"(?:\s*(?:-|–|to|or)\s*(?P<n2>{NUMBER})(?=\s|$))?)",
    re.I,
)


class Quantity(NamedTuple):
    value: int
    at_least: bool


def _count(value: int, at_least: bool) -> Quantity | None:
    """A count of victims, or None past MAX_COUNT (a figure no event record may carry)."""
    return Quantity(value, at_least) if value <= MAX_COUNT else None


def word_to_int(words: str) -> int | None:
    """Parse one number in digits or English words ("twenty-one", "a dozen", "1,200")."""
    w = words.strip().lower().replace("–", "-")
    if re.fullmatch(_DIGITS, w):
        digits = w.replace(",", "")
        # int() refuses over 4,300 digits; no count of people has more than MAX_COUNT's
        return int(digits) if len(digits) <= len(str(MAX_COUNT)) else None
    if w in ("a dozen", "dozen"):
        return 12
    if w in _VAGUE:
        return _VAGUE[w]
    w = re.sub(r"^(a|one)\s+hundred", "one hundred", w)
    total = 0
    current = 0
    for token in re.split(r"[\s-]+", w):
        if token == "and":
            continue
        if token in _UNITS:
            current += _UNITS[token]
        elif token in _TENS:
            current += _TENS[token]
        elif token == "hundred":
            current = max(current, 1) * 100
        elif token == "thousand":
            total += max(current, 1) * 1000
            current = 0
        else:
            return None
    return total + current


def parse_quantity(text: str) -> Quantity | None:
    """Parse a quantity phrase such as "at least 61", "12 to 15", "dozens", "eight"."""
    m = _QUANTITY_RE.fullmatch(text.strip())
    if not m:
        return None
    if m.group("b1"):
        low = word_to_int(m.group("b1"))
        return None if low is None else _count(low, True)
    value = word_to_int(m.group("n1"))
    if value is None:
        return None
    at_least = bool(m.group("qual") and _AT_LEAST.match(m.group("qual")))
    at_least = at_least or bool(m.group("n2")) or m.group("n1").lower() in _VAGUE
    return _count(value, at_least)


class Casualties(NamedTuple):
    killed: Quantity | None
    injured: Quantity | None


_PEOPLE = (
    r"(?:(?!(?:before|after|when|while|until|as|and|in(?!\s+all\b)|on|at)\s)[A-Za-z.'’-][\w.'’-]*\s+){0,4}?"
    r"(?:[\w.'’-]+,\s*(?:including|among\s+them|most\s+of\s+them|many\s+of\s+them)\s+[^,;]{1,90},\s*)?"
)
_KILLED_WORDS = r"(?:killed|dead|died|deaths|fatalities|slain|lives|perished|bodies)"
_INJURED_WORDS = r"(?:injured|wounded|hurt|injuries|wounds|injuring|wounding)"
_BE = r"(?:(?:were|was|have\s+been|has\s+been|had\s+been|are|is|being|reportedly|also|later|believed\s+to\s+have|thought\s+to\s+have|feared|confirmed|have|had|)\s*){0,3}"

_KILL_VERB = r"(?:killing|killed|kills|shot\s+dead|gunned\s+down|claimed\s+the\s+lives\s+of|took\s+the\s+lives\s+of)"
_INJURE_VERB = r"(?:wounding|wounded|injuring|injured|hurting)"
#: the words naming a group of victims between a number and "and" ("members of a unit")
_NOUNS = (
    r"(?:(?!(?:and|or|killing|wounding|injuring|killed|wounded|injured|were|was|who|while|when|as|"
    r"after|before|in|at|on|during|including|among|with|the)\b)[\w.'’-]+\s+){%d,7}?"
)
_NOUNS1, _NOUNS = _NOUNS % 1, _NOUNS % 0
#: a second group of victims: a number, or "a"/"their" for one person ("and a guard")
_AND_MORE = (
    rf"and\s+(?P<q2>{QUANTITY}|an?|one|their|his|her|another)\s+"
    r"(?!(?:other|others|more|of|attackers?|assailants?|gunm[ae]n|bombers?|militants?|suspects?|"
    r"shooters?|were|was|injured|wounded|hurt|killed|dead|people\s+were)\b)[\w'’-]+"
)

_PASSIVE = r"(?:were|was|have\s+been|has\s+been|had\s+been|are|is)\s+(?:\w+\s+)?"
_KILLED_AFTER = rf"(?:{_PASSIVE}(?:killed|slain|shot\s+dead)|died|perished|(?:were|are)\s+dead|lost\s+their\s+lives)"
_INJURED_AFTER = rf"(?:{_PASSIVE}(?:injured|wounded|hurt)|suffered\s+(?:\w+\s+)?injuries)"
#: victims, not attackers ("all five attackers were killed")
_NOT_ATTACKERS = (
    r"(?!(?:of\s+the\s+|[\w-]+\s+)?(?:attackers|assailants|gunmen|bombers|shooters|hostage-takers|militants)\b)"
)

#: a number of hours, days or kilometres is no number of victims ("16 hours of surgery
#: for wounds")
_MEASURE = r"(?:years?|months?|weeks?|days?|hours?|minutes?|km|kilometres|kilometers|miles|metres|meters)"

_PATTERNS: list[tuple[str, Filtered]] = [
    # "killing eight children and a security guard", "19 children and two teachers were killed":
    # two groups of victims, added up (tried first: the sum is more than either part)
    (
        "killed",
        Filtered(rf"\b{_KILL_VERB}\s+(?P<q>{QUANTITY})\s+{_NOUNS1}{_AND_MORE}", split=False),
    ),
    (
        "injured",
        Filtered(rf"\b{_INJURE_VERB}\s+(?P<q>{QUANTITY})\s+{_NOUNS1}{_AND_MORE}", split=False),
    ),
    (
        "killed",
        Filtered(
            rf"(?<![\w.,-])(?P<q>{QUANTITY}|an?)\s+{_NOUNS1}{_AND_MORE}\s+{_NOUNS}{_KILLED_AFTER}\b",
            split=False,
        ),
    ),
    (
        "injured",
        Filtered(
            rf"(?<![\w.,-])(?P<q>{QUANTITY}|an?)\s+{_NOUNS1}{_AND_MORE}\s+{_NOUNS}{_INJURED_AFTER}\b",
            split=False,
        ),
    ),
    # "left 28 people of at least 18 nationalities dead"
    (
        "killed",
        Filtered(
            rf"\bleft\s+(?P<q>{QUANTITY})\s+(?:[\w'’-]+\s+){{0,6}}?(?:dead|killed)\b", split=False
        ),
    ),
    # "the bodies of 29 children"
    ("killed", Filtered(rf"\bbodies\s+of\s+(?P<q>{QUANTITY})\b", split=False)),
    # "killing 12 and wounding dozens", "killed at least five soldiers", "left 3 dead"
    (
        "killed",
        Filtered(
            rf"\b{_KILL_VERB}\s+(?P<q>{QUANTITY})\b(?!\s*(?:years?|days?|hours?|km|kilometres|miles|percent|%|(?:of\s+the\s+|the\s+)?(?:attackers|assailants|gunmen|bombers)))",
            split=False,
        ),
    ),
    (
        "injured",
        Filtered(
            rf"\b(?:wounding|wounded|injuring|injured|hurting)\s+(?P<q>{QUANTITY})\b(?!\s*(?:years?|days?|hours?|km|percent|%))",
            split=False,
        ),
    ),
    # "61 people were killed", "eight injuries", "50 dead", "three U.S. service members killed"
    (
        "killed",
        Filtered(
            rf"(?<![\w.,-])(?P<q>{QUANTITY})\s+(?!(?:nationalities|countries|nations|{_MEASURE})\b){_NOT_ATTACKERS}{_PEOPLE}{_BE}{_KILLED_WORDS}\b",
            split=False,
        ),
    ),
    (
        "injured",
        Filtered(
            rf"(?<![\w.,-])(?P<q>{QUANTITY})\s+(?!{_MEASURE}\b){_PEOPLE}{_BE}(?:injured|wounded|hurt|injuries|wounds|(?:suffered|sustained)\s+(?:\w+\s+)?injuries|treated\s+for\s+(?:\w+\s+){{0,2}}?(?:wounds|injuries)|in\s+(?:a\s+)?(?:critical|serious)\s+condition)\b",
            split=False,
        ),
    ),
    (
        "killed",
        Filtered(
            rf"\b(?:death\s+toll|number\s+of\s+(?:people\s+|those\s+)?(?:killed|dead))\b[^.;]{{0,160}}?\b(?:rose|risen|climbed|reached|stands|stood|jumped|increased|was|is|of|to|at)\s+(?:to\s+|at\s+)?(?P<q>{QUANTITY})\b",
            split=False,
        ),
    ),
    (
        "injured",
        Filtered(
            rf"\bnumber\s+of\s+(?:people\s+)?(?:injured|wounded)\b[^.;]{{0,160}}?\b(?:rose|risen|climbed|reached|stands|stood|jumped|increased)\s+(?:to\s+|at\s+)?(?P<q>{QUANTITY})\b",
            split=False,
        ),
    ),
    ("injured", Filtered(rf"\binjuries\s+to\s+(?P<q>{QUANTITY})\b", split=False)),
]
_UNHURT = r"(?:escaped|was|were|is|are|remained|emerged)\s+(?:\w+\s+)?(?:unhurt|unharmed|uninjured|unscathed)"
_NONE_KILLED = Filtered(
    r"\b(?:no\s+(?:one|body|(?:\w+\s+)?deaths|(?:\w+\s+)?fatalities|(?:\w+\s+)?casualties)|nobody)\b(?:\s+(?:was|were|had\s+been)\s+(?:killed|hurt|injured))?|\bwithout\s+casualties\b"
    r"|\bnone\s+of\s+(?:the\s+|them\s+)(?:[\w-]+\s+){0,2}?(?:was\s+|were\s+)?(?:killed|died|dead)\b"
    r"|\b(?:attacker|bomber|gunman|assailant|driver)s?\s+(?:was|were)\s+the\s+only\s+(?:person|people|one|ones|fatality|fatalities)\b"
    rf"|\b{_UNHURT}\b",
)
_NONE_INJURED = Filtered(
    r"\bno\s+(?:(?:reports?\s+of\s+)?injuries|(?:\w+\s+)?casualties|one\s+(?:was|were)\s+(?:\w+\s+)?(?:hurt|injured|wounded))\b|\bnobody\s+(?:was|were)\s+(?:\w+\s+)?(?:hurt|injured|wounded)\b"
    rf"|\b{_UNHURT}\b",
)
_NEGATED = re.compile(r"\bno\s$", re.I)
_YEAR_LIKE = re.compile(r"^(?:1[89]|20)\d\d$")


# one named or described person: "X was shot dead", "the guard was wounded"
_ONE_KILLED = Filtered(
    r"\b(?:killed|killing|shot\s+dead)\s+(?:an?|one)\s+(?!(?:number|total|dozen|hundred|thousand|handful|few|couple|series|wave|day|week)\b)[\w-]+|"
    r"\b(?:was|has\s+been)\s+(?:\w+ly\s+)?(?:shot\s+dead|killed|assassinated|(?:stabbed|hacked|burned|burnt|beaten)\s+to\s+death)\b"
    r"|\b(?:has|had)\s+(?:since\s+|later\s+)?died\b"
    r"|\bdied\s+(?:of\s+(?:his|her)\s+(?:wounds|injuries)|after\s+being\s+shot)|\bwas\s+pronounced\s+dead\b"
    # "the officer killed in the morning attack"
    r"|\bthe\s+(?:\w+\s+)?(?:officer|policeman|policewoman|soldier|guard|man|woman|boy|girl|priest|"
    r"journalist|teacher|victim|worker|civilian|colonel|commander)\s+(?:who\s+was\s+)?killed\s+(?:in|on|at|by|during)\b",
)
# "killed Avijit Roy": one named victim (case matters: a name, not "killing hired thugs")
_NAMED_VICTIM = re.compile(
    r"\b(?:killed|killing|shot\s+dead|shooting\s+dead|assassinated|(?:stabbed|hacked)\s+to\s+death)\s+"
    r"(?:(?:Mr|Mrs|Ms|Dr)\.?\s+)?[A-Z][a-z]+(?:\s+(?:al-|bin\s+|de\s+)?[A-Z][a-z]+){1,2}\b"
    r"(?!\s+(?:fighters|militants|members|soldiers|troops|forces|supporters|commanders|men|people|"
    r"State|Army|Guard|Front|Party|Movement)\b)"
)
_ONE_INJURED = Filtered(
    r"\b(?:wounded|wounding|injured|injuring)\s+(?:a|an|one)\s+(?:\w+\s+)?(?:man|woman|boy|girl|person|officer|"
    r"guard|soldier|policeman|civilian|child|teacher|bystander|passer-by)\b|"
    r"\bwas\s+shot\s+in\s+the\s+(?:leg|legs|arm|back|chest|head|shoulder|stomach|hand|foot|neck)\b|"
    r"\b(?:was|has\s+been)\s+(?:\w+ly\s+)?(?:(?:shot\s+(?:\w+\s+){0,3}?and\s+)?(?:\w+ly\s+)?(?:wounded|injured|hurt))\b",
)
_ONE_EXCLUDED = re.compile(
    r"\b(?:attacker|gunman|bomber|assailant|suspect|shooter|no\s+one|nobody|none)\s+(?:\w+\s+){0,3}$",
    re.I,
)


def _add(q: Quantity, more: str) -> Quantity | None:
    """``q`` plus a second group of victims ("a"/"their" guard: one)."""
    if more.lower() in ("a", "an", "one", "their", "his", "her", "another"):
        return _count(q.value + 1, q.at_least)
    if _YEAR_LIKE.match(more.strip()):
        return None
    q2 = parse_quantity(more)
    return None if q2 is None else _count(q.value + q2.value, q.at_least or q2.at_least)


def _singular(pattern: Filtered, sentence: str) -> Quantity | None:
    for _, m in pattern.finditer(sentence):
        if not _ONE_EXCLUDED.search(sentence, max(0, m.start() - 40), m.start()):
            return Quantity(1, False)
    return None


@sentence_cache(maxsize=4096)
def find_casualties(sentence: str) -> Casualties:
    """Killed and injured counts stated in one sentence (largest mention of each)."""
    found: dict[str, Quantity] = {}
    for field, pattern in _PATTERNS:
        for _, m in pattern.finditer(sentence):
            raw = m.group("q")
            if _NEGATED.search(sentence, max(0, m.start() - 4), m.start()):
                continue
            if _YEAR_LIKE.match(raw.strip()):
                continue
            q = parse_quantity(raw)
            if q is None and raw.lower() in ("a", "an"):
                q = Quantity(1, False)  # "a cameraman and another worker were wounded"
            if q is None:
                continue
            if "q2" in m.re.groupindex:
                q = _add(q, m.group("q2"))
                if q is None:
                    continue
            best = found.get(field)
            if best is None or q.value > best.value:
                found[field] = q
    if "killed" not in found and not _NONE_KILLED.has(sentence):
        one = _singular(_ONE_KILLED, sentence)
        if one is None and ("kill" in sentence or "dead" in sentence or "death" in sentence
                            or "assassinat" in sentence) and _NAMED_VICTIM.search(sentence):
            one = Quantity(1, False)
        if one:
            found["killed"] = one
    if "injured" not in found and not _NONE_INJURED.has(sentence):
        one = _singular(_ONE_INJURED, sentence)
        if one:
            found["injured"] = one
    if "killed" not in found and _NONE_KILLED.has(sentence):
        found["killed"] = Quantity(0, False)
    if "injured" not in found and _NONE_INJURED.has(sentence):
        found["injured"] = Quantity(0, False)
    return Casualties(found.get("killed"), found.get("injured"))
