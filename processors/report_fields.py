"""The day and the toll of an event from the whole report, beyond its own sentences.

Split from :mod:`strikewatch.processors.extract`, which calls :func:`fill_date` and
:func:`fill_casualties` for each event draft (the rules are in docs/event-types.md,
"Dates" and "Casualty conventions"); the type is in :mod:`strikewatch.processors.event_types`.
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

from strikewatch.processors import cues as cue
from strikewatch.processors.classify import Assessment
from strikewatch.processors.dates import find_dates
from strikewatch.processors.numbers import find_casualties

_DATELINE = re.compile(r"^[A-Z][A-Z .'-]+,(?:\s+[A-Z][a-z]+,)?\s*$")
_REPORTED = re.compile(
    r"\b(?:said|says|told\s+\w+|announced|added|reported|stated|confirmed)\s+(?:late\s+|early\s+)?(?:on\s+)?$",
    re.I,
)


#: A report can tell an attack this many days after it happened and still be news.
_FOLLOW_UP_DAYS = 10
#: The learned model's follow-up probability above which a report is a follow-up
#: (chosen on the dev split).
FOLLOW_UP_P = 0.35


def _dates_in(a: Assessment, i: int) -> list:
    text = a.sentences[i].text
    return [
        f
        for f in find_dates(text, a.published)
        if not _DATELINE.match(text[: f.start])
        and not _REPORTED.search(text[max(0, f.start - 30) : f.start])
    ]


def _tells_toll(a: Assessment, i: int) -> bool:
    return any(q is not None for q in find_casualties(a.sentences[i].text))


def fill_date(d: Any, a: Assessment) -> None:
    """The day of the attack.

    The date phrase nearest a trigger in the event's first dated sentence, as a report
    of the day tells it ("killed 12 on Tuesday"). A follow-up leads with the day of its
    own news ("police said on Monday", "arrested on Sunday") and names the attack's day
    elsewhere ("Thursday's bombing", "at the weekend", "the day before"): where the
    learned model calls the report a follow-up (or did not run) and the day chosen is the
    day of publication, or where no sentence of the event gives a day at all, and the
    event's sentences (for the main event also the opening ones) name an earlier day
    within :data:`_FOLLOW_UP_DAYS`, the earliest such day is the attack's. Otherwise,
    without any day, the caller dates the event by publication.
    """
    sentences = list(d.group.sentences)
    if d.group.kind == "main":
        sentences += [i for i in range(min(3, len(a.sentences))) if i not in sentences]
    # "Last Thursday, 5 October, the group went further. Armed men struck ...": the day
    # set just before the report
    before = d.group.reports[0] - 1
    if before >= 0 and before not in sentences:
        sentences.append(before)
    dated = {i: _dates_in(a, i) for i in sentences}
    chosen = None
    for i in d.group.sentences:
        # a sentence that follows the report dates the attack only if it tells of it
        # ("coordinates had been shared, most recently on Tuesday" does not)
        if dated[i] and (i in d.group.reports or a.cues[i].triggers or _tells_toll(a, i)):
            anchors = [t.start for t in a.cues[i].triggers] or [0]
            best = min(
                dated[i],
                key=lambda f: (f.precision != "day", min(abs(f.start - x) for x in anchors)),
            )
            chosen = (best, i)
            break
    follow_up = a.learned is None or a.learned.followup >= FOLLOW_UP_P
    if a.published is not None and (
        chosen is None or (follow_up and chosen[0].value >= a.published)
    ):
        earlier = [
            (f, i)
            for i in sentences
            if not (a.cues[i].tally or a.cues[i].background)
            for f in dated[i]
            if f.precision in ("day", "week")
            and timedelta(0) < a.published - f.value <= timedelta(days=_FOLLOW_UP_DAYS)
        ]
        if earlier:
            chosen = min(earlier, key=lambda fi: (fi[0].value, fi[0].precision != "day"))
    if chosen is None:
        return
    best, i = chosen
    d.date, d.date_precision = best.value, best.precision
    d.evidence["date"] = i


#: "Two attacks killed at least 13 people": the toll of several events together
_COMBINED = re.compile(
    r"\b(?:two|three|four|twin|separate|both|the)\s+(?:\w+\s+)?"
    r"(?:attacks|bombings|blasts|explosions|strikes|assaults|shootings)\b",
    re.I,
)


def fill_casualties(
    d: Any, a: Assessment, sentences: list[int] | None = None, several: bool = False
) -> None:
    """The event's toll: the largest figures its sentences give. With ``several`` events
    in the article, a sentence that tells them together gives only what no sentence of
    the event's own does."""
    indexes = sentences if sentences is not None else d.group.sentences
    if several:
        own = [i for i in indexes if not _COMBINED.search(a.sentences[i].text)]
        fill_casualties(d, a, own)
        if d.killed is not None or d.injured is not None:
            return
    for i in indexes:
        if a.cues[i].tally:
            continue
        text = a.sentences[i].text
        killed, injured = find_casualties(text)
        if killed and (d.killed is None or killed.value > d.killed.value):
            d.killed = killed
            d.evidence["killed"] = i
        if injured and (d.injured is None or injured.value > d.injured.value):
            d.injured = injured
            d.evidence["injured"] = i
    # a toll only where the text gives one: injuries without a word on deaths leave the
    # dead unknown (None), not 0; "nobody was killed" is 0


def later_toll_sentences(a: Assessment, d: Any) -> list[int]:
    """Sentences outside the event's group that may still give its toll (no history)."""
    inside = set(d.group.sentences)
    out = []
    for s, c in zip(a.sentences, a.cues, strict=True):
        if s.index in inside or c.tally or c.background or c.hypothetical:
            continue
        if a.earlier_year(s.index):
            continue
        if cue.SEPARATE.has(s.text) or cue.RETALIATION.has(s.text):
            continue
        out.append(s.index)
    return out
