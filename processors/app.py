"""The faust-streaming app: articles -> candidate events -> deduplicated events.

Two agents, each a thin shell around a pure function:

* ``extract`` reads the articles topic, calls :func:`strikewatch.processors.extract.analyse`,
  and sends each candidate event to the candidates topic keyed by its dedup key
  (country), so that all reports of one attack meet in one partition;
* ``dedup`` reads the candidates topic and decides new / update / duplicate with
  :class:`strikewatch.processors.dedup.state.DedupState` over the known events of that key,
  kept in day buckets in a faust Table (changelogged to Kafka, so it survives restarts and
  rebalances; buckets expire in event time), and sends new and updated events to the
  events topic keyed by event id.

Near-duplicate articles (wire copies) are caught in ``extract`` by a per-worker
:class:`strikewatch.processors.neardup.NearDuplicateIndex`: articles are keyed by URL hash,
so two copies may sit in partitions of different workers, and the index is in memory, so a
restart empties it. Both only cost extraction work: a copy that is missed is extracted
and then merged by dedup as one more source.

:func:`create_app` builds the app from settings; ``strikewatch processor``
(:mod:`strikewatch.processors.service`) runs it as a worker.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import faust

from strikewatch.core.health import Health
from strikewatch.core.kafka import (
    METADATA_MAX_AGE_MS,
    DeadLetter,
    count_deadletter,
    faust_credentials,
)
from strikewatch.core.metrics import Metrics
from strikewatch.core.records import Article, Event, RecordError, decode
from strikewatch.core.settings import ProcessorSettings
from strikewatch.processors.core import candidate_events_or_copy
from strikewatch.processors.dedup.scoring import dedup_key
from strikewatch.processors.dedup.state import DedupState
from strikewatch.processors.dedup.stores.table import TableStore
from strikewatch.processors.faust_fixes import install as install_faust_fixes
from strikewatch.processors.neardup import NearDuplicateIndex

log = logging.getLogger(__name__)

#: Seconds between health reports of the worker, and the deadlines they promise.
HEALTH_EVERY_SECONDS = 5.0
WORKER_DEADLINE_SECONDS = 60.0
AGENTS_DEADLINE_SECONDS = 120.0


@dataclass
class Processor:
    """A built processor app with what its service shell serves next to it."""

    app: faust.App
    settings: ProcessorSettings
    metrics: Metrics
    health: Health


class WorkerProgress:
    """What the health timer last measured of the worker's consumer (read by the HTTP thread)."""

    def __init__(self, ready_max_lag: int) -> None:
        self.ready_max_lag = ready_max_lag
        self.partitions = 0
        self.lag: int | None = None
        self.positions: dict = {}

    def check_partitions(self) -> tuple[bool, str]:
        if self.partitions:
            return True, f"{self.partitions} input partitions assigned"
        return (
            False,
            "no input partitions assigned (starting, rebalancing, or more workers than partitions)",
        )

    def check_lag(self) -> tuple[bool, str]:
        if self.lag is None:
            return False, "lag not measured yet"
        return (
            self.lag <= self.ready_max_lag,
            f"lag {self.lag} messages (at most {self.ready_max_lag})",
        )


def create_app(settings: ProcessorSettings, metrics: Metrics | None = None) -> Processor:
    """The faust app with its topics, dedup Table, agents and health timer."""
    install_faust_fixes()  # start-up races of faust 0.15.3 that can skip a message
    metrics = metrics or Metrics()
    health = Health()
    topics = settings.topics
    app = faust.App(
        settings.app_id,
        broker=[f"kafka://{host}" for host in settings.kafka_bootstrap.split(",")],
        broker_credentials=faust_credentials(settings),
        store="memory://",
        topic_partitions=settings.topic_partitions,
        topic_replication_factor=1,
        web_enabled=False,
        key_serializer="raw",
        value_serializer="raw",
        consumer_auto_offset_reset="earliest",
        # aiokafka does not ask again for a topic it found missing until this refresh
        # (default 5 minutes); see strikewatch.core.kafka_start.
        consumer_metadata_max_age_ms=METADATA_MAX_AGE_MS,
    )
    articles_topic = app.topic(topics.articles, key_type=bytes, value_type=bytes)
    candidates_topic = app.topic(
        topics.candidates, key_type=bytes, value_type=bytes, partitions=settings.topic_partitions
    )
    events_topic = app.topic(topics.events, key_type=bytes, value_type=bytes)
    deadletter_topic = app.topic(topics.deadletter, key_type=bytes, value_type=bytes)

    #: "CC|YYYY-MM-DD" -> profile rows of the known events of that country and day;
    #: "CC|index" -> the days held for CC; "ev-…" -> one merged event (JSON text).
    #: See strikewatch/processors/dedup/state.py.
    known_events = app.Table(
        "dedup-buckets",
        default=list,
        partitions=settings.topic_partitions,
        key_type=str,  # values: JSON lists and strings (no value_type: faust would call list.from_data)
    )
    dedup_state = DedupState(TableStore(known_events), settings.dedup_window_days)
    near_duplicates = NearDuplicateIndex()

    async def dead_letter(stage: str, reason: str, error: str, event) -> None:
        message = event.message
        letter = DeadLetter(
            stage, reason, error, event.value, message.topic, message.partition, message.offset
        )
        await deadletter_topic.send(value=letter.to_bytes())
        count_deadletter(metrics, letter)

    async def records(stream, cls, stage: str):
        """(stream event, decoded record) of each message; the rest are dead letters."""
        async for event in stream.events():
            message = event.message
            try:
                record = decode(
                    cls, event.value, f"{message.topic}[{message.partition}]@{message.offset}"
                )
            except RecordError as exc:
                await dead_letter(stage, "invalid_record", str(exc), event)
                continue
            yield event, record

    @app.agent(articles_topic)
    async def extract(stream):
        async for event, article in records(stream, Article, "extract"):
            try:
                candidates = candidate_events_or_copy(
                    article, near_duplicates, metrics, settings.min_confidence
                )
            except Exception as exc:  # a bug on one article must not stop the stream
                log.exception("extraction failed article=%s", article.id)
                await dead_letter("extract", "processing_error", f"{type(exc).__name__}: {exc}", event)
                continue
            for candidate in candidates:
                await candidates_topic.send(
                    key=dedup_key(candidate).encode(), value=candidate.to_bytes()
                )

    @app.agent(candidates_topic)
    async def dedup(stream):
        async for event, candidate in records(stream, Event, "dedup"):
            try:
                decision = dedup_state.add(candidate)
            except Exception as exc:  # a bug on one candidate must not stop the stream
                log.exception("dedup failed article=%s", candidate.id)
                await dead_letter("dedup", "processing_error", f"{type(exc).__name__}: {exc}", event)
                continue
            metrics.candidates.labels(outcome=decision.status).inc()
            if decision.status == "duplicate":
                continue
            metrics.events.labels(status=decision.status).inc()
            if decision.status == "new":
                metrics.count_new_event(decision.event)
            await events_topic.send(key=decision.event_id.encode(), value=decision.event.to_bytes())

    progress = WorkerProgress(settings.ready_max_lag)
    health.add_check("processor-partitions", progress.check_partitions)
    health.add_check("processor-lag", progress.check_lag)

    @app.timer(interval=HEALTH_EVERY_SECONDS)
    async def report_health() -> None:
        """Heartbeats, input lag and readiness of this worker, every few seconds.

        ``worker`` beats while the event loop runs; ``agents`` beats while the agents keep
        up: nothing waiting, or the read positions moved since the last report. Lag is the
        high-water mark minus the consumer's fetch position, so messages fetched but still
        in faust's buffers count as read.
        """
        health.beat("worker", WORKER_DEADLINE_SECONDS)
        consumer = app.consumer
        sources = {topics.articles, topics.candidates}
        try:
            assigned = [tp for tp in consumer.assignment() if tp.topic in sources]
            highwaters = await consumer.highwaters(*assigned) if assigned else {}
            positions = {tp: await consumer.position(tp) for tp in assigned}
        except Exception as exc:  # a rebalance in progress: report next time
            log.debug("health not measured: %s", exc)
            return
        lag = sum(max(0, (highwaters.get(tp) or 0) - (positions[tp] or 0)) for tp in assigned)
        if lag == 0 or positions != progress.positions:
            health.beat("agents", AGENTS_DEADLINE_SECONDS)
        progress.partitions, progress.lag, progress.positions = len(assigned), lag, positions
        metrics.consumer_lag.labels(stage="process").set(lag)

    return Processor(app, settings, metrics, health)
