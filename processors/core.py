"""The processing step both runners share: article -> candidate events, counted."""

from __future__ import annotations

import logging

from strikewatch.core.metrics import Metrics
from strikewatch.core.records import Article, Event
from strikewatch.core.timefmt import utcnow
from strikewatch.processors.extract import analyse
from strikewatch.processors.neardup import NearDuplicateIndex, reattribute

log = logging.getLogger(__name__)


def candidate_events(
    article: Article, metrics: Metrics, min_confidence: float = 0.0
) -> list[Event]:
    """Classify and extract one article; return its events at or above ``min_confidence``."""
    with metrics.stage_seconds.labels(stage="extract").time():
        analysis = analyse(article)
    metrics.classified.labels(verdict="attack" if analysis.is_attack else "other").inc()
    kept = [e for e in analysis.events if e.confidence >= min_confidence]
    log.info(
        "classified article=%s attack=%s confidence=%.2f events=%d kept=%d",
        article.id,
        analysis.is_attack,
        analysis.confidence,
        len(analysis.events),
        len(kept),
    )
    return kept


def candidate_events_or_copy(
    article: Article, index: NearDuplicateIndex, metrics: Metrics, min_confidence: float = 0.0
) -> list[Event]:
    """Like :func:`candidate_events`, but a near copy of a recent article reuses its events.

    The copy's events are the original's, attributed to the copy, so dedup counts it as
    one more source of the same events without classifying or extracting it again.
    """
    now = utcnow()
    found = index.find(article, now)
    if found is not None:
        original, events = found
        log.info("near-duplicate article=%s of=%s events=%d", article.id, original, len(events))
        return reattribute(events, article)
    kept = candidate_events(article, metrics, min_confidence)
    index.add(article, kept, now)
    return kept
