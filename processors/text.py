"""Sentence splitting with character offsets into the original text.

Rule-based on purpose: news prose is regular enough, and a splitter that keeps exact
offsets is what evidence spans need. Only the first :data:`MAX_CHARS` characters are
scanned, so a 2 MB page costs the same as a long article.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import NamedTuple, TypeVar

_F = TypeVar("_F", bound=Callable)
#: every cache keyed by sentence text (:func:`sentence_cache`), for :func:`forget_sentences`
_SENTENCE_CACHES: list = []
#: Sentence-keyed caches hold about one long article: what they save is the second and
#: later reading of its sentences (the country counts, then each event's place and date).
SENTENCE_CACHE = 1024


def sentence_cache(maxsize: int) -> Callable[[_F], _F]:
    """``functools.lru_cache`` for a function of a sentence's text, registered so that
    :func:`forget_sentences` can empty it."""

    def wrap(function: _F) -> _F:
        cached = functools.lru_cache(maxsize=maxsize)(function)
        _SENTENCE_CACHES.append(cached)
        return cached  # type: ignore[return-value]

    return wrap


def forget_sentences() -> None:
    """Empty every cache keyed by sentence text. A benchmark that reads its texts again
    calls this between rounds: a stream does not repeat its sentences, so a figure
    served from these caches would flatter it."""
    for cached in _SENTENCE_CACHES:
        cached.cache_clear()

#: Characters of article text that are analysed; the rest is ignored (events are
#: reported in the first paragraphs, and this bounds the cost of huge pages).
MAX_CHARS = 20_000


class Sentence(NamedTuple):
    """One sentence: its text and [start, end) span in the article text."""

    index: int
    text: str
    start: int
    end: int
    paragraph: int


# Tokens that end with a period but do not end a sentence.
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof gen lt col maj capt sgt cpl pvt adm cmdr gov sen rep st mt
    jan feb mar apr jun jul aug sep sept oct nov dec no vs etc inc corp ltd co jr sr
    approx est fig dept univ u.s u.k u.n e.g i.e a.m p.m""".split()
)

# [.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])|\n\s*\n|\n(?=\s*[A-Z\"“]), written to start
# with one character class so that the regex engine skips ahead to candidates in C
_BOUNDARY = re.compile(
    r"[.!?\n](?:(?<=[.!?])[.!?]*[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])|(?<=\n)\s*\n|(?<=\n)(?=\s*[A-Z\"“]))"
)
_PARAGRAPH = re.compile(r"\n\s*\n")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)\.$")


def _is_abbreviation(text: str, dot: int) -> bool:
    """True when the period at ``dot`` closes an abbreviation or an initial."""
    m = _WORD_BEFORE.search(text, max(0, dot - 12), dot + 1)
    if not m:
        return False
    word = m.group(1).lower().rstrip(".")
    return word in _ABBREVIATIONS or len(word) == 1


def split_sentences(text: str, limit: int = MAX_CHARS) -> list[Sentence]:
    """Split ``text`` (its first ``limit`` characters) into sentences with offsets."""
    text = text[:limit]
    breaks: list[int] = []
    for m in _BOUNDARY.finditer(text):
        if m.group(0)[0] == "." and _is_abbreviation(text, m.start()):
            continue
        breaks.append(m.end())
    breaks.append(len(text))
    paragraph_starts = [m.end() for m in _PARAGRAPH.finditer(text)]
    sentences: list[Sentence] = []
    start = 0
    para = 0
    for end in breaks:
        chunk = text[start:end]
        stripped = chunk.strip()
        if stripped:
            lead = len(chunk) - len(chunk.lstrip())
            s = start + lead
            while para < len(paragraph_starts) and paragraph_starts[para] <= s:
                para += 1
            sentences.append(Sentence(len(sentences), stripped, s, s + len(stripped), para))
        start = end
    return sentences


#: ", two days after suicide bombers hit the police headquarters": a clause that tells an
#: earlier attack inside the report of a later one (a reply, a second attack); days or
#: hours, not minutes (a second blast minutes after the first is one attack)
PRIOR_LEAD = (
    r"(?:just\s+|only\s+|barely\s+)?(?:(?:a|one|two|three|four|five|six|seven|\d+|several|"
    r"a\s+few)\s+(?:days?|weeks?|hours?)|hours|days|a\s+day|the\s+day)\s+after\s"
)
_PRIOR_CLAUSE = re.compile(rf",\s+(?={PRIOR_LEAD})", re.I)


def split_clauses(sentences: list[Sentence]) -> list[Sentence]:
    """``sentences`` with each clause that tells an earlier attack ("..., two days after
    X hit Y") made a sentence of its own, so that it can be a report of its own event."""
    out: list[Sentence] = []
    for s in sentences:
        cut = [m.start() + 1 for m in _PRIOR_CLAUSE.finditer(s.text)] if "after" in s.text else []
        if not cut:
            out.append(s if s.index == len(out) else s._replace(index=len(out)))
            continue
        pieces = [0, *cut, len(s.text)]
        for a, b in zip(pieces, pieces[1:], strict=False):
            chunk = s.text[a:b]
            lead = len(chunk) - len(chunk.lstrip())
            text = chunk.strip()
            if text:
                start = s.start + a + lead
                out.append(Sentence(len(out), text, start, start + len(text), s.paragraph))
    return out
