"""Countries an article names: demonyms in locative phrases, and how often each country
is named at all (country names, demonyms, curated sites), per sentence.

The counts decide between homonyms and break ties in the place vote
(:mod:`strikewatch.processors.places`); a sentence is counted once and the result
cached, since an article's sentences are read again for each of its events.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from strikewatch.processors.gazetteer import (
    _ACTOR_AFTER,
    _TOKEN,
    Mention,
    Place,
    _sites,
    index,
    normalize,
)
from strikewatch.processors.text import SENTENCE_CACHE, sentence_cache

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


def countries_mentioned(texts: Iterable[str]) -> dict[str, int]:
    """How often each country is named (country names, demonyms, sites) in ``texts``
    (the headline and the sentences of an article)."""
    counts: dict[str, int] = {}
    for text in texts:
        for code, n in _countries_in(text):
            counts[code] = counts.get(code, 0) + n
    return counts


@sentence_cache(maxsize=SENTENCE_CACHE)
def _countries_in(text: str) -> tuple[tuple[str, int], ...]:
    idx = index()
    counts: dict[str, int] = {}
    for m in _WORD.finditer(text):
        code = idx.demonyms.get(m.group(0).lower())
        if code:
            counts[code] = counts.get(code, 0) + 1
    for mention in _sites(text):
        counts[mention.place.country] = counts.get(mention.place.country, 0) + 2
    for t in _TOKEN.finditer(text):
        word = t.group(0)
        if not word[0].isupper():
            continue
        candidates = idx.lookup(
            normalize(word.rstrip(".") if word not in ("U.S.", "U.K.") else word)
        )
        if not candidates or _ACTOR_AFTER.match(text[t.end() : t.end() + 30]):
            continue
        for cand in candidates:
            if cand.precision == "country":
                counts[cand.country] = counts.get(cand.country, 0) + 1
                break
    return tuple(counts.items())
