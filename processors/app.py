"""The faust-streaming app: articles -> candidate events -> deduplicated events.

Two agents, each a thin shell around a pure function:

* ``extract`` reads the articles topic, calls :func:`processors.extract.analyse`,
  and sends each candidate event to the candidates topic keyed by its dedup key
  (country), so that all reports of one attack meet in one partition;
* ``dedup`` reads the candidates topic, calls :func:`processors.dedup.deduplicate`
  against the known events under that key (a faust Table, changelogged to Kafka so
  it survives restarts and rebalances), and sends new and updated events to the
  events topic keyed by event id.

Run it with ``strikewatch processor`` (or ``faust -A processors.app worker``).
"""

from __future__ import annotations

import logging

import faust

from processors.core import candidate_events
from processors.dedup import dedup_key, deduplicate
from strikewatch.metrics import Metrics
from strikewatch.records import Article, Event, RecordError, decode
from strikewatch.settings import ProcessorSettings

log = logging.getLogger(__name__)

settings = ProcessorSettings()
metrics = Metrics()
topics = settings.topics


def _credentials(s: ProcessorSettings):
    if s.kafka_sasl_mechanism:
        return faust.SASLCredentials(
            username=s.kafka_sasl_username,
            password=s.kafka_sasl_password.get_secret_value(),
            mechanism=s.kafka_sasl_mechanism,
            ssl_context=None,
        )
    return None


app = faust.App(
    settings.app_id,
    broker=[f"kafka://{host}" for host in settings.kafka_bootstrap.split(",")],
    broker_credentials=_credentials(settings),
    store="memory://",
    topic_partitions=settings.topic_partitions,
    topic_replication_factor=1,
    web_enabled=False,
    key_serializer="raw",
    value_serializer="raw",
    consumer_auto_offset_reset="earliest",
)

articles_topic = app.topic(topics.articles, key_type=bytes, value_type=bytes)
candidates_topic = app.topic(
    topics.candidates, key_type=bytes, value_type=bytes, partitions=settings.topic_partitions
)
events_topic = app.topic(topics.events, key_type=bytes, value_type=bytes)
deadletter_topic = app.topic(topics.deadletter, key_type=bytes, value_type=bytes)

#: dedup key -> list of known merged events (as JSON-able dicts)
known_events = app.Table(
    "dedup-known-events",
    default=list,
    partitions=settings.topic_partitions,
    key_type=str,  # values: JSON lists of event dicts (no value_type: faust would call list.from_data)
)


async def _dead_letter(stage: str, reason: str, error: str, event) -> None:
    import base64
    import json

    from strikewatch.records import utcnow

    message = event.message
    record = {
        "schema": "strikewatch.deadletter/1",
        "stage": stage,
        "reason": reason,
        "error": error,
        "topic": message.topic,
        "partition": message.partition,
        "offset": message.offset,
        "original_b64": base64.b64encode(event.value or b"").decode("ascii"),
        "at": utcnow().isoformat().replace("+00:00", "Z"),
    }
    await deadletter_topic.send(value=json.dumps(record).encode("utf-8"))
    metrics.deadletters.labels(stage=stage).inc()
    metrics.fail(stage, reason)
    log.warning("dead-lettered stage=%s reason=%s topic=%s partition=%s offset=%s error=%s",
                stage, reason, message.topic, message.partition, message.offset, error)


@app.agent(articles_topic)
async def extract(stream):
    async for event in stream.events():
        message = event.message
        try:
            article = decode(Article, event.value, f"{message.topic}[{message.partition}]@{message.offset}")
        except RecordError as exc:
            await _dead_letter("extract", "invalid_record", str(exc), event)
            continue
        try:
            candidates = candidate_events(article, metrics, settings.min_confidence)
        except Exception as exc:  # a bug on one article must not stop the stream
            log.exception("extraction failed article=%s", article.id)
            await _dead_letter("extract", "processing_error", f"{type(exc).__name__}: {exc}", event)
            continue
        for candidate in candidates:
            await candidates_topic.send(key=dedup_key(candidate).encode(), value=candidate.to_bytes())


@app.agent(candidates_topic)
async def dedup(stream):
    async for event in stream.events():
        message = event.message
        try:
            candidate = decode(Event, event.value, f"{message.topic}[{message.partition}]@{message.offset}")
        except RecordError as exc:
            await _dead_letter("dedup", "invalid_record", str(exc), event)
            continue
        key = dedup_key(candidate)
        known = [Event.model_validate(item) for item in known_events[key]]
        decision, state = deduplicate(candidate, known, settings.dedup_window_days)
        known_events[key] = [e.to_dict() for e in state]
        metrics.candidates.labels(outcome=decision.status).inc()
        if decision.status == "duplicate":
            continue
        metrics.events.labels(status=decision.status).inc()
        await events_topic.send(key=decision.event_id.encode(), value=decision.event.to_bytes())
