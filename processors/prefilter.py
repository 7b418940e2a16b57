"""Keyword pre-filters for regular expressions that are run on every sentence.

CPython's ``re`` tries every alternative of a large alternation at every position, so a
150-alternative trigger pattern costs about a microsecond per character. Most sentences
contain none of the words such a pattern needs. Each :class:`Filtered` pattern works
out, from its parse tree, the literal words of which every match must contain at least
one (``"shell"`` for ``\\bshell(?:ing|ed|s)\\b``); :func:`scan` turns a sentence into a
bit mask of the known words it contains (one dictionary hit per distinct token, cached),
and a pattern only runs on sentences whose mask says it can match. Alternations are cut
to the alternatives that can match, and searched leftmost-first exactly as the single
compiled alternation would be, so results are identical to the unfiltered regex.
"""

from __future__ import annotations

import re
from re import (
    _compiler,  # type: ignore[attr-defined]
    _parser,  # type: ignore[attr-defined]
)
from re import _constants as C  # type: ignore[attr-defined]
from typing import NamedTuple

from strikewatch.processors.text import sentence_cache

#: literal words shorter than this make a weak filter; such alternatives always run
MIN_KEYWORD = 3
_TOKEN = re.compile(r"[a-z0-9]+")
_ALNUM = re.compile(r"[a-z0-9]+")

_keywords: dict[str, int] = {}  # keyword -> bit
_longest = [0]  # length of the longest keyword
_heads: set[str] = set()  # first MIN_KEYWORD letters of every keyword
_word_masks: dict[str, int] = {}  # token -> bits of the keywords it contains
_WORD_CACHE = 200_000
_MEMO = 4096  # masks remembered per pattern (a sentence's mask, cut to the pattern's words)


def _bit(keyword: str) -> int:
    bit = _keywords.get(keyword)
    if bit is None:
        bit = _keywords[keyword] = 1 << len(_keywords)
        _longest[0] = max(_longest[0], len(keyword))
        _heads.add(keyword[:MIN_KEYWORD])
        # masks worked out before this keyword existed are incomplete
        _word_masks.clear()
        scan.cache_clear()
    return bit


def _word_mask(word: str) -> int:
    mask = 0
    keywords = _keywords
    longest = _longest[0]
    n = len(word)
    heads = _heads
    for i in range(n - MIN_KEYWORD + 1):
        if word[i : i + MIN_KEYWORD] not in heads:
            continue
        for j in range(i + MIN_KEYWORD, min(n, i + longest) + 1):
            bit = keywords.get(word[i:j])
            if bit is not None:
                mask |= bit
    if len(_word_masks) > _WORD_CACHE:
        _word_masks.clear()
    _word_masks[word] = mask
    return mask


class Scanned(NamedTuple):
    """A sentence ready for filtered search: the text searched and its keyword mask."""

    text: str  # lower-cased when lower-casing keeps offsets, else the original
    lowered: bool
    mask: int


@sentence_cache(maxsize=8192)
def scan(sentence: str) -> Scanned:
    """The lower-cased ``sentence`` and the bit mask of the known keywords in it."""
    low = sentence.lower()
    if len(low) != len(sentence):  # rare Unicode: keep offsets, skip the filter
        return Scanned(sentence, False, -1)
    masks = _word_masks
    mask = 0
    for w in set(_TOKEN.findall(low)):
        m = masks.get(w)
        mask |= _word_mask(w) if m is None else m
    return Scanned(low, True, mask)


def _cover(items) -> frozenset[str] | None:
    """Words of which every match of the parsed ``items`` contains one; None if unknown."""
    best: frozenset[str] | None = None

    def consider(cands: frozenset[str] | None) -> None:
        nonlocal best
        if not cands or min(map(len, cands)) < MIN_KEYWORD:
            return
        if best is None or (min(map(len, cands)), -len(cands)) > (
            min(map(len, best)),
            -len(best),
        ):
            best = cands

    run: list[str] = []

    def flush() -> None:
        if run:
            pieces = _ALNUM.findall("".join(run))
            if pieces:
                consider(frozenset({max(pieces, key=len)}))
            run.clear()

    for op, av in items:
        if op is C.LITERAL:
            run.append(chr(av))
            continue
        flush()
        if op is C.SUBPATTERN:
            consider(_cover(av[-1]))
        elif op is C.BRANCH:
            subs = [_cover(b) for b in av[1]]
            if all(s is not None for s in subs):
                consider(frozenset().union(*subs))  # type: ignore[arg-type]
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT) and av[0] >= 1:
            consider(_cover(av[2]))
    flush()
    return best


def split_alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of a regex source (``a|b(c|d)`` -> ``a``, ``b(c|d)``)."""
    parts: list[str] = []
    depth = 0
    in_class = False
    start = 0
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            if ch == "]":
                in_class = False
        elif ch == "[":
            in_class = True
            if pattern[i + 1 : i + 2] == "]":
                i += 1
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        i += 1
    parts.append(pattern[start:])
    return parts


_SOURCE_PART = re.compile(r"(\\.|\(\?P[<=]\w+>?)|[^\\(]+|\(")


class _Alternative:
    """One alternative: its keyword mask and its patterns."""

    __slots__ = ("_original", "ignore_case", "lower", "mask", "source", "tag")

    def __init__(
        self, tag: str, source: str, lower: re.Pattern[str], mask: int, ignore_case: bool
    ) -> None:
        self.tag = tag
        self.source = source
        self.lower = lower  # for lower-cased text (as written when case matters)
        self.mask = mask  # -1: always run
        self.ignore_case = ignore_case
        self._original: re.Pattern[str] | None = None

    @property
    def original(self) -> re.Pattern[str]:
        """The pattern for text that could not be lower-cased (compiled when first needed)."""
        if self._original is None:
            self._original = re.compile(self.source, re.I if self.ignore_case else 0)
        return self._original


def _lower_source(source: str) -> str:
    """Lower-case a pattern's letters but not its escapes (``\\S``, ``\\B``, ``\\W``, ``\\D``)."""
    return _SOURCE_PART.sub(lambda m: m.group(1) or m.group(0).lower(), source)


def _alternative(tag: str, source: str, ignore_case: bool) -> _Alternative:
    low = _lower_source(source)
    try:
        tree = _parser.parse(low)
        cover = _cover(tree.data)
        # compile the tree already parsed: parsing is most of the cost of compiling
        lower = _compiler.compile(tree) if ignore_case else re.compile(source)
    except Exception:  # a corner of the private parser: compile as usual, never filter
        cover = None
        lower = re.compile(low if ignore_case else source)
    mask = -1
    if cover is not None:
        mask = 0
        for k in cover:
            mask |= _bit(k)
    return _Alternative(tag, source, lower, mask, ignore_case)


class Filtered:
    """A regex (optionally several tagged ones, tried in order) searched only where it can match.

    ``Filtered([("a", p1), ("b", p2)])`` behaves like ``(?P<a>p1)|(?P<b>p2)`` compiled
    case-insensitively (``ignore_case=False``: as written); :meth:`finditer` yields
    ``(tag, match)``. Matches of a case-insensitive pattern are on the lower-cased text:
    take the matched text from the original by offsets.
    """

    def __init__(
        self,
        patterns: list[tuple[str, str]] | str,
        split: bool = True,
        ignore_case: bool = True,
    ) -> None:
        if isinstance(patterns, str):
            patterns = [("", patterns)]
        self.ignore_case = ignore_case
        self.alternatives = [
            _alternative(tag, alt, ignore_case)
            for tag, source in patterns
            for alt in (split_alternatives(source) if split else [source])
        ]
        self._memo: dict[int, list[tuple[str, re.Pattern[str]]]] = {}  # mask -> active
        self.mask = 0  # every keyword of every alternative
        self._always: list[int] = []  # alternatives without keywords
        self._by_bit: dict[int, list[int]] = {}  # keyword bit -> alternatives that need it
        for i, a in enumerate(self.alternatives):
            if a.mask < 0:
                self._always.append(i)
                continue
            self.mask |= a.mask
            m = a.mask
            while m:
                low = m & -m
                self._by_bit.setdefault(low, []).append(i)
                m ^= low

    def _active(self, s: Scanned) -> list[tuple[str, re.Pattern[str]]]:
        if not s.lowered:
            return [(a.tag, a.original) for a in self.alternatives]
        m = s.mask & self.mask
        if not m and not self._always:
            return []
        active = self._memo.get(m)
        if active is None:
            active = self._memo[m] = self._for_mask(m)
            if len(self._memo) > _MEMO:
                self._memo.clear()
        return active

    def _for_mask(self, m: int) -> list[tuple[str, re.Pattern[str]]]:
        found = set(self._always)
        by_bit = self._by_bit
        while m:
            low = m & -m
            found.update(by_bit[low])
            m ^= low
        alternatives = self.alternatives
        return [(alternatives[i].tag, alternatives[i].lower) for i in sorted(found)]

    def finditer(self, sentence: str, endpos: int | None = None):
        """``(tag, match)`` for every match, left to right, without overlaps."""
        s = scan(sentence)
        active = self._active(s)
        if not active:
            return
        text = s.text if self.ignore_case else sentence
        end = len(text) if endpos is None else endpos
        nxt: list[re.Match[str] | None] = [p.search(text, 0, end) for _, p in active]
        pos = 0
        while True:
            best = -1
            for k, m in enumerate(nxt):
                if m is not None and (best < 0 or m.start() < nxt[best].start()):  # type: ignore[union-attr]
                    best = k
            if best < 0:
                return
            m = nxt[best]
            assert m is not None
            yield active[best][0], m
            pos = m.end() if m.end() > m.start() else m.start() + 1
            if pos > end:
                return
            for k, other in enumerate(nxt):
                if other is not None and other.start() < pos:
                    nxt[k] = active[k][1].search(text, pos, end)

    def search(self, sentence: str, endpos: int | None = None) -> re.Match[str] | None:
        """The leftmost match (the earliest alternative at that position), or None."""
        for _, m in self.finditer(sentence, endpos):
            return m
        return None

    def tags(self, sentence: str) -> set[str]:
        """The tags of the alternatives that match somewhere in ``sentence``."""
        s = scan(sentence)
        text = s.text if self.ignore_case else sentence
        found: set[str] = set()
        for tag, p in self._active(s):
            if tag not in found and p.search(text):
                found.add(tag)
        return found

    def has(self, sentence: str) -> bool:
        """True when the pattern matches somewhere in ``sentence``."""
        s = scan(sentence)
        text = s.text if self.ignore_case else sentence
        for _, p in self._active(s):
            if p.search(text):
                return True
        return False
