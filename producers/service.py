"""`strikewatch producer`: the feed poller and the article fetcher as a Kafka service.

The poller publishes new feed items to the links topic; the fetcher consumes
links, downloads and extracts the pages, and publishes articles. Both keyed by
URL hash. The fetcher commits its offsets only after the articles are acknowledged
by the broker (at-least-once).
"""

from __future__ import annotations

import asyncio
import logging
import signal
import threading
from datetime import timedelta

from producers.feeds import Feed, FeedsFileError, load_feeds
from producers.fetcher import ArticleFetcher
from producers.poller import FeedPoller, SeenStore
from producers.watch import watch
from strikewatch.errors import UsageError
from strikewatch.kafka import DeadLetters, ensure_topics, make_consumer, make_producer
from strikewatch.metrics import Metrics, serve_metrics
from strikewatch.records import Link, RecordError, decode, url_hash, utcnow
from strikewatch.settings import ProducerSettings

log = logging.getLogger(__name__)

FETCHER_GROUP = "strikewatch-fetcher"


def poll_loop(
    settings: ProducerSettings,
    feeds: list[Feed],
    metrics: Metrics,
    stop: threading.Event,
    once: bool,
) -> None:
    """Publish new feed items to the links topic: every feed once, or each on its schedule."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    seen = SeenStore(settings.data_dir / "seen.sqlite3")
    poller = FeedPoller(settings, metrics, seen)
    producer = make_producer(settings)
    topic = settings.topics.links

    def emit(links: list[Link]) -> None:
        for link in links:
            producer.send(topic, key=url_hash(link.url).encode(), value=link.to_bytes())

    try:
        if once:
            links = poller.poll_all(feeds)
            emit(links)
            log.info("poll done feeds=%d new_links=%d", len(feeds), len(links))
        else:
            asyncio.run(watch(poller, feeds, emit, stop.is_set))
        producer.flush()
        seen.expire(utcnow() - timedelta(days=settings.seen_ttl_days))
    finally:
        producer.close(timeout=10)
        poller.close()


def fetch_loop(settings: ProducerSettings, metrics: Metrics, stop: threading.Event) -> None:
    fetcher = ArticleFetcher(settings, metrics)
    producer = make_producer(settings)
    deadletters = DeadLetters(producer, settings.topics.deadletter, metrics)
    consumer = make_consumer(settings, settings.topics.links, FETCHER_GROUP)
    topic = settings.topics.articles
    try:
        while not stop.is_set():
            batches = consumer.poll(timeout_ms=500)
            if not batches:
                continue
            links: list[Link] = []
            for records in batches.values():
                for record in records:
                    try:
                        links.append(
                            decode(
                                Link,
                                record.value,
                                f"{record.topic}[{record.partition}]@{record.offset}",
                            )
                        )
                    except RecordError as exc:
                        deadletters.send(
                            "fetch",
                            "invalid_record",
                            str(exc),
                            record.value,
                            record.topic,
                            record.partition,
                            record.offset,
                        )
            for article in fetcher.fetch_many(links):
                producer.send(topic, key=url_hash(article.url).encode(), value=article.to_bytes())
            producer.flush()
            consumer.commit()
    finally:
        consumer.close()
        producer.close(timeout=10)


def main(settings: ProducerSettings, role: str = "all", once: bool = False) -> int:
    feeds: list[Feed] = []
    if role in ("all", "poller"):
        try:
            feeds = load_feeds(settings.feeds_file)
        except FeedsFileError as exc:
            raise UsageError(str(exc)) from None
    metrics = Metrics()
    serve_metrics(settings.metrics_port)
    ensure_topics(settings)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    failed: list[str] = []

    def guarded(name, target, *args):
        def body():
            try:
                target(*args)
            except Exception:  # a dead loop must stop the service, not linger half-alive
                log.exception("%s loop crashed; stopping the producer", name)
                failed.append(name)
                stop.set()

        return threading.Thread(target=body, name=name)

    threads = []
    if role in ("all", "fetcher"):
        threads.append(guarded("fetcher", fetch_loop, settings, metrics, stop))
    if role in ("all", "poller"):
        threads.append(guarded("poller", poll_loop, settings, feeds, metrics, stop, once))
    for thread in threads:
        thread.start()
    log.info(
        "producer started role=%s bootstrap=%s feeds=%d", role, settings.kafka_bootstrap, len(feeds)
    )
    for thread in threads:
        while thread.is_alive():
            thread.join(timeout=0.5)
    return 1 if failed else 0
