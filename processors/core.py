"""The processing step both runners share: article -> candidate events, counted."""

from __future__ import annotations

import logging

from processors.extract import analyse
from strikewatch.metrics import Metrics
from strikewatch.records import Article, Event

log = logging.getLogger(__name__)


def candidate_events(article: Article, metrics: Metrics, min_confidence: float = 0.0) -> list[Event]:
    """Classify and extract one article; return its events at or above ``min_confidence``."""
    with metrics.stage_seconds.labels(stage="extract").time():
        analysis = analyse(article)
    metrics.classified.labels(verdict="attack" if analysis.is_attack else "other").inc()
    kept = [e for e in analysis.events if e.confidence >= min_confidence]
    log.info(
        "classified article=%s attack=%s confidence=%.2f events=%d kept=%d",
        article.id, analysis.is_attack, analysis.confidence, len(analysis.events), len(kept),
    )
    return kept
