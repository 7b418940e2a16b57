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
from collections import deque
from datetime import timedelta

from kafka.errors import KafkaTimeoutError

from strikewatch.core.errors import UsageError
from strikewatch.core.health import Health
from strikewatch.core.kafka import (
    DeadLetter,
    DeadLetters,
    commit_retrying,
    make_consumer,
    make_producer,
)
from strikewatch.core.kafka_start import prepare_kafka
from strikewatch.core.metrics import Metrics, serve_metrics
from strikewatch.core.readiness import ConsumerLag, add_consumer_checks
from strikewatch.core.records import Link, RecordError, decode, url_hash
from strikewatch.core.settings import ProducerSettings
from strikewatch.core.timefmt import utcnow
from strikewatch.producers.feeds import Feed, FeedsFileError, load_feeds
from strikewatch.producers.fetcher import ArticleFetcher
from strikewatch.producers.poller import FeedPoller, SeenStore, seen_keys
from strikewatch.producers.watch import watch

log = logging.getLogger(__name__)

#: Longest wait for the broker to take the last links when the poller stops.
SHUTDOWN_FLUSH_SECONDS = 20

def fetcher_group(settings: ProducerSettings) -> str:
    """The fetchers' consumer group, named after the topic prefix ("strikewatch-fetcher" by default)."""
    return f"{settings.topic_prefix}-fetcher"

#: Heartbeat deadline of a loop waiting for work (its waits are at most a second).
IDLE_DEADLINE_SECONDS = 60.0


def fetch_deadline(settings: ProducerSettings, links: int) -> float:
    """Longest a batch of ``links`` may take: every link timing out, one host, its pauses."""
    per_link = settings.http_timeout_seconds + settings.host_delay_seconds
    return IDLE_DEADLINE_SECONDS + links * per_link / settings.host_concurrency


class SendState:
    """Whether the poller's producer reaches the broker: metadata fetched, last send acknowledged."""

    def __init__(self) -> None:
        self.connected = False
        self.error: str | None = None

    def acked(self, _metadata: object) -> None:
        self.error = None

    def failed(self, exc: BaseException) -> None:
        self.error = f"{type(exc).__name__}: {exc}"

    def check(self) -> tuple[bool, str]:
        if not self.connected:
            return False, "no metadata from the broker yet"
        if self.error:
            return False, f"last send failed: {self.error}"
        return True, "connected"


def poll_loop(
    settings: ProducerSettings,
    feeds: list[Feed],
    metrics: Metrics,
    stop: threading.Event,
    once: bool,
    health: Health | None = None,
) -> None:
    """Publish new feed items to the links topic: every feed once, or each on its schedule."""
    health = health or Health()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    # New items stay pending in the seen-set until Kafka acknowledges them; what a
    # killed poller left pending is polled again (SeenStore.forget_pending).
    seen = SeenStore(settings.data_dir / "seen.sqlite3", confirm_sends=True)
    unconfirmed = seen.forget_pending()
    if unconfirmed:
        log.warning("items never acknowledged by Kafka before the last stop will be polled "
                    "again keys=%d", unconfirmed)
    poller = FeedPoller(settings, metrics, seen)
    producer = make_producer(settings)
    topic = settings.topics.links
    sends = SendState()
    health.add_check("poller-kafka", sends.check)
    acked_keys: deque[str] = deque()  # filled by the producer's I/O thread

    def sent(link: Link):
        keys = seen_keys(link)

        def acked(metadata: object) -> None:
            sends.acked(metadata)
            acked_keys.extend(keys)
        return acked

    def unsent(link: Link):
        def forget(exc: BaseException) -> None:
            # The seen-set recorded the item when it was polled; an item Kafka never took
            # must be emitted again by the next poll, not lost.
            sends.failed(exc)
            seen.forget(seen_keys(link))
            log.warning("link not sent, will be polled again url=%s error=%s", link.url, exc)
        return forget

    def confirm_acked() -> None:
        keys = []
        while acked_keys:
            keys.append(acked_keys.popleft())
        if keys:
            seen.confirm(keys)

    def emit(links: list[Link]) -> None:
        confirm_acked()
        for link in links:
            # Keyed by item id: every version of one item lands in one partition.
            future = producer.send(topic, key=url_hash(link.id).encode(), value=link.to_bytes())
            future.add_callback(sent(link)).add_errback(unsent(link))

    def tick() -> None:
        health.beat("poller", IDLE_DEADLINE_SECONDS)
        confirm_acked()

    try:
        producer.partitions_for(topic)  # blocks until the broker answered (or raises)
        sends.connected = True
        if once:
            health.beat("poller", IDLE_DEADLINE_SECONDS + len(feeds) * settings.http_timeout_seconds)
            links = poller.poll_all(feeds)
            emit(links)
            log.info("poll done feeds=%d new_links=%d", len(feeds), len(links))
        else:
            asyncio.run(watch(poller, feeds, emit, stop.is_set, on_tick=tick))
        try:
            producer.flush(timeout=SHUTDOWN_FLUSH_SECONDS)
        except KafkaTimeoutError:
            # Unsent links were forgotten by the seen-set (errback) or will be, so the next
            # start polls them again; do not hang a shutdown on a broker that is away.
            log.warning("links still unsent after %ss; they will be polled again", SHUTDOWN_FLUSH_SECONDS)
        seen.expire(utcnow() - timedelta(days=settings.seen_ttl_days))
        health.stopped("poller")
    finally:
        producer.close(timeout=10)
        confirm_acked()
        poller.close()


def fetch_loop(settings: ProducerSettings, metrics: Metrics, stop: threading.Event,
               health: Health | None = None) -> None:
    """Links -> articles until ``stop``; the batch in hand is finished, flushed and committed first."""
    health = health or Health()
    fetcher = ArticleFetcher(settings, metrics)
    producer = make_producer(settings)
    deadletters = DeadLetters(producer, settings.topics.deadletter, metrics)
    consumer = make_consumer(settings, settings.topics.links, fetcher_group(settings))
    lag = ConsumerLag(consumer, metrics.consumer_lag.labels(stage="fetch"))
    add_consumer_checks(health, "fetcher", lag, settings.ready_max_lag)
    topic = settings.topics.articles
    try:
        while not stop.is_set():
            health.beat("fetcher", IDLE_DEADLINE_SECONDS)
            batches = consumer.poll(timeout_ms=500)
            lag.refresh()
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
                            DeadLetter(
                                "fetch",
                                "invalid_record",
                                str(exc),
                                record.value,
                                record.topic,
                                record.partition,
                                record.offset,
                            )
                        )
            health.beat("fetcher", fetch_deadline(settings, len(links)))
            articles = fetcher.fetch_many(links)
            for article in articles:
                producer.send(topic, key=url_hash(article.url).encode(), value=article.to_bytes())
            producer.flush()
            on_kafka = utcnow()
            for article in articles:
                if article.discovered is not None:
                    metrics.link_to_article.observe((on_kafka - article.discovered).total_seconds())
            commit_retrying(consumer, stop=stop)  # waits out a broker outage
        health.stopped("fetcher")
    finally:
        consumer.close()
        producer.close(timeout=10)
        fetcher.close()


def main(settings: ProducerSettings, role: str = "all", once: bool = False) -> int:
    feeds: list[Feed] = []
    if role in ("all", "poller"):
        try:
            feeds = load_feeds(settings.feeds_file)
        except FeedsFileError as exc:
            raise UsageError(str(exc)) from None
    metrics = Metrics()
    health = serve_metrics(settings.metrics_port)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    if not prepare_kafka(settings, stop):  # waits for the broker and the topics
        return 0
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
        threads.append(guarded("fetcher", fetch_loop, settings, metrics, stop, health))
    if role in ("all", "poller"):
        threads.append(guarded("poller", poll_loop, settings, feeds, metrics, stop, once, health))
    for thread in threads:
        thread.start()
    log.info(
        "producer started role=%s bootstrap=%s feeds=%d", role, settings.kafka_bootstrap, len(feeds)
    )
    for thread in threads:
        while thread.is_alive():
            thread.join(timeout=0.5)
    return 1 if failed else 0
