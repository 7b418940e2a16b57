"""Health endpoints and graceful shutdown of the services, on the real broker.

* /readyz follows the consumer: 503 before partitions are assigned and while the lag is
  above STRIKEWATCH_READY_MAX_LAG, 200 once caught up (in process, deterministic);
* /healthz turns 503 when a work loop stops beating (a stalled fetcher, fake clock);
* SIGTERM in the middle of a stream: the fetcher, the processor and the sink each
  finish their batch, commit and exit 0 within 15 s; a restart resumes where it stopped
  (every item exactly once downstream: nothing lost, nothing sent twice).
"""

from __future__ import annotations

import datetime as dt
import json
import threading
import time
from pathlib import Path

import pytest
from kafka import KafkaConsumer, KafkaProducer

from strikewatch.core.health import Health, serve_health
from strikewatch.core.kafka import make_consumer
from strikewatch.core.metrics import Metrics
from strikewatch.core.readiness import ConsumerLag, add_consumer_checks
from strikewatch.core.records import Alert, Article, Event, Link, Location, decode, url_hash
from strikewatch.core.settings import ProducerSettings
from strikewatch.core.timefmt import utcnow
from strikewatch.replay import ReplayServer
from tests.core.test_health import get
from tests.demo_expect import DEMO_DIR
from tests.integration.test_pipeline_kafka import Service, free_port, wait_for
from tests.kafka_broker import create_topics

pytestmark = pytest.mark.kafka

#: What "within a bound" means for every service (k8s gives them 30 s before SIGKILL).
EXIT_BOUND_SECONDS = 15.0

PLACES = [("Mogadishu", "Somalia"), ("Kabul", "Afghanistan"), ("Baghdad", "Iraq"),
          ("Peshawar", "Pakistan"), ("Maiduguri", "Nigeria"), ("Kharkiv", "Ukraine"),
          ("Aleppo", "Syria"), ("Sanaa", "Yemen"), ("Quetta", "Pakistan"), ("Mosul", "Iraq"),
          ("Kandahar", "Afghanistan"), ("Kismayo", "Somalia")]


def attack_articles() -> list[Article]:
    """One car bombing per place, 12 days apart: each its own event."""
    articles = []
    for i, (city, country) in enumerate(PLACES):
        day = dt.date(2024, 1, 5) + dt.timedelta(days=12 * i)
        text = (f"A car bomb exploded at a checkpoint in {city}, {country}, on {day.day} {day:%B} "
                f"{day.year}, killing {i + 3} people and wounding {i + 10}, police said.")
        articles.append(Article(
            id=f"art-{i}", url=f"https://example.org/{i}", title=f"Car bomb kills {i + 3} in {city}",
            text=text, published=dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC),
        ))
    return articles


def read_topic(bootstrap: str, topic: str) -> list[bytes]:
    consumer = KafkaConsumer(topic, bootstrap_servers=bootstrap, auto_offset_reset="earliest",
                             consumer_timeout_ms=1500, group_id=None)
    try:
        return [m.value for m in consumer]
    finally:
        consumer.close()


def trickle(bootstrap: str, topic: str, items: list[tuple[bytes, bytes]], interval: float) -> threading.Thread:
    """Send ``(key, value)`` items one by one in the background, so services stop mid-stream."""
    def run() -> None:
        producer = KafkaProducer(bootstrap_servers=bootstrap, linger_ms=0)
        for key, value in items:
            producer.send(topic, key=key, value=value)
            producer.flush()
            time.sleep(interval)
        producer.close()

    thread = threading.Thread(target=run, name=f"trickle {topic}", daemon=True)
    thread.start()
    return thread


def terminate(service: Service) -> tuple[int | None, float]:
    """SIGTERM ``service``; its exit code (None: killed after 30 s) and seconds to exit."""
    started = time.monotonic()
    code = service.stop(timeout=30)
    return code, time.monotonic() - started


def service_env(kafka_bootstrap: str, prefix: str, tmp_path: Path, **extra: str) -> dict[str, str]:
    return {
        "STRIKEWATCH_KAFKA_BOOTSTRAP": kafka_bootstrap,
        "STRIKEWATCH_TOPIC_PREFIX": prefix,
        "STRIKEWATCH_TOPIC_PARTITIONS": "2",
        "STRIKEWATCH_DATA_DIR": str(tmp_path / "data"),
        "STRIKEWATCH_ALLOW_PRIVATE_ADDRESSES": "1",
        "STRIKEWATCH_APP_ID": f"{prefix}-processor",
        "STRIKEWATCH_GROUP_ID": f"{prefix}-sink",
        **extra,
    }


def start(name: str, args: list[str], env: dict[str, str], tmp_path: Path) -> Service:
    return Service(name, args, {**env, "STRIKEWATCH_METRICS_PORT": str(free_port())}, tmp_path)


def http_status(service: Service, path: str) -> int | None:
    try:
        return get(f"http://127.0.0.1:{service.port}{path}")[0]
    except OSError:
        return None  # not listening yet


# --- health ---------------------------------------------------------------------------


def test_readyz_follows_assignment_and_lag(kafka_bootstrap, unique):
    topic, group = unique("ready"), unique("group")
    create_topics(kafka_bootstrap, [topic], partitions=1)
    producer = KafkaProducer(bootstrap_servers=kafka_bootstrap)
    for i in range(300):
        producer.send(topic, value=b"x" * 100, key=str(i).encode())
    producer.flush()
    producer.close()

    settings = ProducerSettings(kafka_bootstrap=kafka_bootstrap)
    metrics = Metrics(registry=_registry())
    consumer = make_consumer(settings, topic, group)  # at most 100 records per poll
    health = Health()
    lag = ConsumerLag(consumer, metrics.consumer_lag.labels(stage="test"))
    add_consumer_checks(health, "test", lag, max_lag=50)
    server = serve_health(free_port(), health, metrics.registry, addr="127.0.0.1")
    base = f"http://127.0.0.1:{server.server_port}"
    try:
        lag.refresh(force=True)
        status, body = get(base + "/readyz")
        assert status == 503
        assert "no partitions assigned" in json.loads(body)["checks"]["test-partitions"]

        records = 0
        while not records:
            records = sum(len(r) for r in consumer.poll(timeout_ms=1000, max_records=100).values())
        lag.refresh(force=True)
        assert lag.partitions == 1 and lag.lag == 300 - records > 50
        status, body = get(base + "/readyz")
        assert status == 503
        assert json.loads(body)["checks"]["test-lag"] == f"not ready: lag {lag.lag} messages (at most 50)"
        assert f'strikewatch_consumer_lag_messages{{stage="test"}} {float(lag.lag)}' in get(base + "/metrics")[1].decode()

        while records < 300:
            records += sum(len(r) for r in consumer.poll(timeout_ms=1000).values())
        lag.refresh(force=True)
        assert lag.lag == 0
        assert get(base + "/readyz")[0] == 200
    finally:
        server.shutdown()
        server.server_close()
        consumer.close()


def _registry():
    from prometheus_client import CollectorRegistry

    return CollectorRegistry()


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_healthz_fails_while_the_fetcher_is_stalled(kafka_bootstrap, unique, tmp_path, monkeypatch):
    import strikewatch.producers.service as service

    entered, release = threading.Event(), threading.Event()

    class StalledFetcher:
        def __init__(self, *args, **kwargs):
            pass

        def fetch_many(self, links):
            entered.set()
            release.wait(30)
            return []

        def close(self):
            pass

    monkeypatch.setattr(service, "ArticleFetcher", StalledFetcher)
    prefix = unique("stall")
    settings = ProducerSettings(kafka_bootstrap=kafka_bootstrap, topic_prefix=prefix, data_dir=tmp_path)
    create_topics(kafka_bootstrap, settings.topics.all(), partitions=1)
    link = Link(id="1", url="https://example.org/a", discovered=utcnow())
    producer = KafkaProducer(bootstrap_servers=kafka_bootstrap)
    producer.send(settings.topics.links, key=b"1", value=link.to_bytes())
    producer.flush()
    producer.close()

    clock = Clock()
    health = Health(clock)
    stop = threading.Event()
    loop = threading.Thread(target=service.fetch_loop,
                            args=(settings, Metrics(registry=_registry()), stop, health))
    server = serve_health(free_port(), health, _registry(), addr="127.0.0.1")
    healthz = f"http://127.0.0.1:{server.server_port}/healthz"
    loop.start()
    try:
        assert entered.wait(30), "the fetcher never got the link"
        assert get(healthz)[0] == 200
        assert health.ready()[1]["fetcher-partitions"] == "1 partitions assigned"
        clock.now += service.fetch_deadline(settings, 1) + 1
        status, body = get(healthz)
        assert status == 503 and json.loads(body)["checks"]["fetcher"].startswith("no heartbeat for")
    finally:
        release.set()
        stop.set()
        loop.join(30)
        server.shutdown()
        server.server_close()
    assert not loop.is_alive()
    assert health.live() == (True, {}), "a loop that ended on purpose is no longer expected to beat"


# --- graceful shutdown and restart -----------------------------------------------------


def test_sink_sigterm_drains_commits_and_restarts_without_resending(kafka_bootstrap, unique, tmp_path):
    prefix = unique("sinkterm")
    env = service_env(kafka_bootstrap, prefix, tmp_path, STRIKEWATCH_ALERT_SETTLE_SECONDS="0.5")
    topic = f"{prefix}.events"
    create_topics(kafka_bootstrap, [f"{prefix}.{t}" for t in ("links", "articles", "candidates", "events",
                                                                "deadletter")], partitions=2)
    events = [
        Event(event_id=f"ev-{i}", event_type="bombing", first_seen=utcnow(),
              location=Location(name=city, country="SO"), summary=f"Car bomb in {city}")
        for i, (city, _) in enumerate(PLACES * 3)
    ]
    sink = start("sink-1", ["sink"], env, tmp_path)
    services = [sink]
    try:
        assert wait_for(lambda: http_status(sink, "/readyz") == 200, timeout=30), sink.log_tail()
        feeder = trickle(kafka_bootstrap, topic, [(e.event_id.encode(), e.to_bytes()) for e in events], 0.1)
        assert wait_for(lambda: len(sink.lines()) >= 5, timeout=30), sink.log_tail()
        code, seconds = terminate(sink)
        first = [decode(Alert, line).event_id for line in sink.lines()]
        assert code == 0 and seconds < EXIT_BOUND_SECONDS, (code, seconds, sink.log_tail())
        print(f"sink exit after SIGTERM mid-stream: {seconds:.1f}s")
        assert "sink drained and committed" in sink.err_path.read_text()
        assert len(first) < len(events), "stopped after the stream ended: not mid-stream"

        again = start("sink-2", ["sink"], env, tmp_path)
        services.append(again)
        feeder.join(30)
        assert wait_for(lambda: len(first) + len(again.lines()) >= len(events), timeout=30), again.log_tail()
        time.sleep(2)  # a re-sent alert would arrive now
        second = [decode(Alert, line).event_id for line in again.lines()]
        assert sorted(first + second) == sorted(e.event_id for e in events)  # none lost, none twice
        assert wait_for(lambda: http_status(again, "/readyz") == 200, timeout=15), again.log_tail()
        assert http_status(again, "/healthz") == 200
        # the gauge is refreshed by the consume loop: it reaches 0 on the next turns
        assert wait_for(lambda: again.metric("strikewatch_consumer_lag_messages", {"stage": "alert"}) == 0,
                        timeout=10), again.metric("strikewatch_consumer_lag_messages", {"stage": "alert"})
        code, seconds = terminate(again)
        assert code == 0 and seconds < EXIT_BOUND_SECONDS, (code, seconds)
        print(f"sink exit after SIGTERM: {seconds:.1f}s")
    finally:
        for s in services:
            s.stop()


def test_fetcher_sigterm_mid_stream_then_restart_fetches_every_link_once(kafka_bootstrap, unique, tmp_path):
    prefix = unique("fetchterm")
    env = service_env(kafka_bootstrap, prefix, tmp_path)
    pages = sorted(p.name for p in (DEMO_DIR / "pages").glob("*.html"))
    with ReplayServer(DEMO_DIR) as server:
        links = [Link(id=name, url=server.url(f"pages/{name}"), discovered=utcnow()) for name in pages]
        fetcher = start("fetcher-1", ["producer", "--role", "fetcher"], env, tmp_path)
        services = [fetcher]
        try:
            assert wait_for(lambda: http_status(fetcher, "/readyz") == 200, timeout=30), fetcher.log_tail()
            feeder = trickle(kafka_bootstrap, f"{prefix}.links",
                             [(url_hash(link.url).encode(), link.to_bytes()) for link in links], 0.25)
            assert wait_for(lambda: fetcher.metric("strikewatch_articles_total", {"outcome": "ok"}), timeout=30)
            code, seconds = terminate(fetcher)
            assert code == 0 and seconds < EXIT_BOUND_SECONDS, (code, seconds, fetcher.log_tail())
            print(f"fetcher exit after SIGTERM mid-stream: {seconds:.1f}s")
            assert feeder.is_alive(), "stopped after the stream ended: not mid-stream"

            again = start("fetcher-2", ["producer", "--role", "fetcher"], env, tmp_path)
            services.append(again)
            feeder.join(30)

            def urls() -> list[str]:
                return [decode(Article, v).url for v in read_topic(kafka_bootstrap, f"{prefix}.articles")]

            assert wait_for(lambda: len(urls()) >= len(links), timeout=40), again.log_tail()
            time.sleep(1)
            assert sorted(urls()) == sorted(link.url for link in links)  # none lost, none twice
            code, seconds = terminate(again)
            assert code == 0 and seconds < EXIT_BOUND_SECONDS, (code, seconds)
            print(f"fetcher exit after SIGTERM: {seconds:.1f}s")
        finally:
            for s in services:
                s.stop()


def test_processor_sigterm_mid_stream_then_restart_opens_every_event_once(kafka_bootstrap, unique, tmp_path):
    prefix = unique("procterm")
    env = service_env(kafka_bootstrap, prefix, tmp_path)
    articles = attack_articles()
    create_topics(kafka_bootstrap, [f"{prefix}.{t}" for t in ("links", "articles", "candidates", "events",
                                                                "deadletter")], partitions=2)
    processor = start("processor-1", ["processor"], env, tmp_path)
    services = [processor]

    def events() -> list[Event]:
        return [decode(Event, v) for v in read_topic(kafka_bootstrap, f"{prefix}.events")]

    try:
        assert wait_for(lambda: http_status(processor, "/readyz") == 200, timeout=40), processor.log_tail()
        # The first half arrives while it runs; it is stopped as soon as one event is out
        # (the first article costs the most: extraction warms up), the rest arrives after.
        items = [(a.id.encode(), a.to_bytes()) for a in articles]
        half = len(items) // 2
        trickle(kafka_bootstrap, f"{prefix}.articles", items[:half], 0.05)
        assert wait_for(lambda: events(), timeout=30), processor.log_tail()
        code, seconds = terminate(processor)
        assert code == 0 and seconds < EXIT_BOUND_SECONDS, (code, seconds, processor.log_tail())
        print(f"processor exit after SIGTERM mid-stream: {seconds:.1f}s")

        again = start("processor-2", ["processor"], env, tmp_path)
        services.append(again)
        trickle(kafka_bootstrap, f"{prefix}.articles", items[half:], 0.05).join(30)
        assert wait_for(lambda: len(events()) >= len(articles), timeout=60), again.log_tail()
        time.sleep(2)
        found = events()
        assert [e.status for e in found] == ["new"] * len(articles)
        assert len({e.event_id for e in found}) == len(articles)
        assert wait_for(lambda: http_status(again, "/readyz") == 200, timeout=15), again.log_tail()
        assert http_status(again, "/healthz") == 200
        assert again.metric("strikewatch_events_by_type_total", {"event_type": "bombing"}) >= 1
        code, seconds = terminate(again)
        assert code == 0 and seconds < EXIT_BOUND_SECONDS, (code, seconds)
        print(f"processor exit after SIGTERM: {seconds:.1f}s")
    finally:
        for s in services:
            s.stop()
