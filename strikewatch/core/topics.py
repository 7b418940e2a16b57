"""Kafka topic names, one place for all stages.

Every name starts with the configurable prefix (``STRIKEWATCH_TOPIC_PREFIX``,
default ``strikewatch``), so several deployments can share a cluster.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Topics:
    prefix: str = "strikewatch"

    @property
    def links(self) -> str:
        """New feed items; key = URL hash."""
        return f"{self.prefix}.links"

    @property
    def articles(self) -> str:
        """Fetched and extracted articles; key = URL hash."""
        return f"{self.prefix}.articles"

    @property
    def candidates(self) -> str:
        """Events extracted from single articles; key = dedup key (country)."""
        return f"{self.prefix}.candidates"

    @property
    def events(self) -> str:
        """Deduplicated events, status new|update; key = event id."""
        return f"{self.prefix}.events"

    @property
    def deadletter(self) -> str:
        """Messages that failed validation or processing, with the reason."""
        return f"{self.prefix}.deadletter"

    def all(self) -> list[str]:
        return [self.links, self.articles, self.candidates, self.events, self.deadletter]
