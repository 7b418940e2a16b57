"""Near-duplicate articles: wire copies and light rewrites, found before extraction.

MinHash signatures over word 5-shingles in a datasketch LSH index (Jaccard threshold
0.8 by default). A near duplicate reuses the events extracted from the article it
copies, re-attributed to itself, so it joins those events as one more source with no
classification or extraction work. Two texts that differ in any number ("killed 12"
vs "killed 15") are never near duplicates: a rewrite that updates a count must be
extracted, or the update would be lost.

The index is bounded (``max_items``, oldest evicted first) and expiring (entries older
than ``ttl`` are dropped), so memory stays flat in a long-running worker.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime, timedelta

from datasketch import MinHash, MinHashLSH

from strikewatch.core.records import Article, Event, Source

_TOKEN = re.compile(r"\w+", re.UNICODE)
_NUMBER = re.compile(r"\d+")
_NUMBER_WORDS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety "
    "hundred hundreds dozen dozens scores".split()
)


def shingles(text: str, size: int = 5) -> set[bytes]:
    words = _TOKEN.findall(text.lower())
    if len(words) < size:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i : i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


def numbers(text: str) -> frozenset[str]:
    """The figures a text states, in digits or words."""
    words = _TOKEN.findall(text.lower())
    return frozenset(_NUMBER.findall(text)) | frozenset(w for w in words if w in _NUMBER_WORDS)


@dataclass
class _Entry:
    numbers: frozenset[str]
    seen: datetime
    events: list[Event]


class NearDuplicateIndex:
    """Recent articles' MinHash signatures, with the events extracted from each."""

    def __init__(
        self,
        threshold: float = 0.8,
        num_perm: int = 64,
        max_items: int = 50_000,
        ttl: timedelta = timedelta(days=3),
        min_words: int = 30,
    ):
        self.threshold = threshold
        self.num_perm = num_perm
        self.max_items = max_items
        self.ttl = ttl
        self.min_words = min_words
        self._lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self._entries: OrderedDict[str, _Entry] = OrderedDict()

    def signature(self, text: str) -> MinHash:
        m = MinHash(num_perm=self.num_perm)
        m.update_batch(list(shingles(text)))
        return m

    @staticmethod
    def text_of(article: Article) -> str:
        return f"{article.title}\n{article.text}"

    def find(self, article: Article, now: datetime) -> tuple[str, list[Event]] | None:
        """The earlier article this one copies and its events, or None."""
        self._expire(now)
        text = self.text_of(article)
        if len(_TOKEN.findall(text)) < self.min_words:
            return None  # short texts (headlines) share too many shingles by chance
        figures = numbers(text)
        for key in self._lsh.query(self.signature(text)):
            entry = self._entries.get(key)
            if entry is not None and key != article.id and entry.numbers == figures:
                return key, entry.events
        return None

    def add(self, article: Article, events: list[Event], now: datetime) -> None:
        """Remember an extracted article (and its events) for later copies."""
        text = self.text_of(article)
        if article.id in self._entries or len(_TOKEN.findall(text)) < self.min_words:
            return
        self._lsh.insert(article.id, self.signature(text))
        self._entries[article.id] = _Entry(numbers(text), now, list(events))
        while len(self._entries) > self.max_items:
            self._drop(next(iter(self._entries)))

    def _expire(self, now: datetime) -> None:
        horizon = now - self.ttl
        while self._entries:
            key, entry = next(iter(self._entries.items()))
            if entry.seen >= horizon:
                break
            self._drop(key)

    def _drop(self, key: str) -> None:
        self._entries.pop(key, None)
        self._lsh.remove(key)

    def __len__(self) -> int:
        return len(self._entries)


def reattribute(events: list[Event], article: Article) -> list[Event]:
    """The events of an original article, as reported by its copy ``article``."""
    seen = article.discovered or article.fetched or article.published
    source = Source(
        url=article.url,
        outlet=article.outlet,
        article_id=article.id,
        published=article.published,
        fetched=article.fetched,
    )
    return [
        e.model_copy(
            update={
                "id": article.id,
                "sources": [source],
                "first_seen": seen,
                "last_updated": seen,
                "evidence": [],
            }
        )
        for e in events
    ]
