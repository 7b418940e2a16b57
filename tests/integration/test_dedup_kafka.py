"""Dedup state on the real broker: it survives a worker restart and a rebalance.

Candidate events are written straight to the candidates topic (keyed by country, as the
extract agent does), so these tests exercise only the dedup agent and its Table.
"""

from __future__ import annotations

import time
from datetime import UTC, date, datetime

import pytest
from kafka import KafkaConsumer, KafkaProducer

from strikewatch.core.records import Actor, Event, Location, Source, Target
from strikewatch.core.topics import Topics
from tests.integration.test_pipeline_kafka import Service, free_port, wait_for
from tests.kafka_broker import create_topics

pytestmark = pytest.mark.kafka

ASAD = Location(name="Ain al-Asad Air Base", country="IQ", lat=33.7856, lon=42.4412, precision="site")
KERMAN = Location(name="Kerman", country="IR", lat=30.2839, lon=57.0834, precision="city")


def candidate(article: str, location: Location = ASAD, **overrides) -> Event:
    published = datetime(2023, 11, 21, 20, tzinfo=UTC)
    fields = dict(
        id=article, event_type="missile_attack", date=date(2023, 11, 21), location=location,
        perpetrator=Actor(name="Islamic Resistance in Iraq"), target=Target(category="military", name="U.S. forces"),
        injured=3, killed=0, summary="A ballistic missile struck the base, injuring personnel.",
        first_seen=published,
        sources=[Source(url=f"https://example.org/{article}", article_id=article, published=published)],
    )
    fields.update(overrides)
    return Event(**fields)


class Harness:
    """Processor workers of one app id, a producer of candidates, a reader of events."""

    def __init__(self, bootstrap: str, prefix: str, partitions: int, workdir):
        self.bootstrap, self.prefix, self.workdir = bootstrap, prefix, workdir
        self.env = {
            "STRIKEWATCH_KAFKA_BOOTSTRAP": bootstrap,
            "STRIKEWATCH_TOPIC_PREFIX": prefix,
            "STRIKEWATCH_TOPIC_PARTITIONS": str(partitions),
            "STRIKEWATCH_APP_ID": f"{prefix}-processor",
        }
        self.services: list[Service] = []
        # before anything is sent: the broker would auto-create them with one partition
        create_topics(bootstrap, Topics(prefix).all(), partitions)
        self.producer = KafkaProducer(bootstrap_servers=bootstrap)
        self.consumer: KafkaConsumer | None = None
        self.events: list[Event] = []

    def start(self, name: str) -> Service:
        env = {**self.env, "STRIKEWATCH_METRICS_PORT": str(free_port())}
        service = Service(name, ["processor"], env, self.workdir)
        self.services.append(service)
        return service

    def send(self, event: Event) -> None:
        key = event.location.country.encode() if event.location else b"ZZ"
        self.producer.send(f"{self.prefix}.candidates", key=key, value=event.to_bytes())
        self.producer.flush()

    def read(self) -> list[Event]:
        if self.consumer is None:
            self.consumer = KafkaConsumer(
                f"{self.prefix}.events", bootstrap_servers=self.bootstrap, auto_offset_reset="earliest",
                consumer_timeout_ms=500, group_id=None,
            )
        self.events += [Event.model_validate_json(m.value) for m in self.consumer]
        return self.events

    def wait_events(self, count: int, timeout: float = 90) -> list[Event]:
        def arrived() -> bool:
            for s in self.services:
                if s.process.poll() is not None and s.process.returncode not in (0, None):
                    raise AssertionError(f"{s.name} died\n{s.log_tail()}")
            return len(self.read()) >= count

        assert wait_for(arrived, timeout), f"{len(self.events)} of {count} events\n{self.logs()}"
        return self.events

    def logs(self) -> str:
        return "\n".join(s.log_tail() for s in self.services)

    def close(self) -> dict[str, int | None]:
        codes = {s.name: s.stop() for s in self.services}
        self.producer.close()
        if self.consumer:
            self.consumer.close()
        return codes


def test_state_survives_a_worker_restart(kafka_bootstrap, unique, tmp_path):
    h = Harness(kafka_bootstrap, unique("dr"), 1, tmp_path)
    try:
        first = h.start("processor-1")
        h.send(candidate("a1"))
        [opened] = h.wait_events(1)
        assert opened.status == "new"
        assert first.stop() == 0  # SIGTERM: a clean stop

        h.start("processor-2")
        h.send(candidate("a2", injured=8))  # a rising count: one update of the known event
        h.send(candidate("a3", injured=8))  # one more source: no event at all
        h.send(candidate("k1", location=KERMAN, event_type="bombing", date=date(2024, 1, 3),
                         perpetrator=None, target=None, summary="Blasts in Kerman."))  # marks the end
        events = h.wait_events(3)
        time.sleep(2)
        events = h.read()
        assert [(e.status, e.event_id == opened.event_id) for e in events] == [
            ("new", True), ("update", True), ("new", False)], h.logs()
        assert events[1].injured == 8 and events[1].article_count == 2
    finally:
        codes = h.close()
    assert codes["processor-2"] == 0, codes


def test_no_duplicate_new_after_a_rebalance(kafka_bootstrap, unique, tmp_path):
    # IQ and IR hash to different partitions of two (murmur2, as the producers key them).
    h = Harness(kafka_bootstrap, unique("rb"), 2, tmp_path)
    kerman = dict(location=KERMAN, event_type="bombing", date=date(2024, 1, 3), perpetrator=None,
                  target=None, summary="Two blasts hit the Soleimani memorial in Kerman.")
    try:
        h.start("worker-a")
        h.send(candidate("a1"))
        h.send(candidate("k1", killed=73, **kerman))
        opened = h.wait_events(2)
        assert [e.status for e in opened] == ["new", "new"]

        second = h.start("worker-b")  # same app id: the partitions are shared out again
        assert wait_for(lambda: "ready" in second.err_path.read_text().lower(), 60), h.logs()
        time.sleep(3)

        h.send(candidate("a2", injured=8))
        h.send(candidate("k2", killed=103, **kerman))
        h.send(candidate("a3", injured=8))
        h.send(candidate("k3", killed=103, **kerman))
        events = h.wait_events(4)
        time.sleep(3)
        events = h.read()
        ids = {e.event_id for e in opened}
        assert [e.status for e in events].count("new") == 2, h.logs()
        assert {e.event_id for e in events} == ids
        assert sorted(e.status for e in events[2:]) == ["update", "update"]
        handled = [second.metric("strikewatch_candidate_events_total", {"outcome": o}) or 0
                   for o in ("new", "update", "duplicate")]
        assert sum(handled) >= 1, "worker-b got no partition: the rebalance was not exercised\n" + h.logs()
    finally:
        h.close()
