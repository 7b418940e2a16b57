"""Any start order works: producer, processor and sink, started in every relevant order on
the real broker, alert the first item within 10 s of its appearance in the feed.

Orders: sink first and the producer last, right after the topics were created; the
producer first (it creates the topics, the others start right after); the processor last;
every service before the topics exist (``STRIKEWATCH_CREATE_TOPICS=false``, an operator
creates them); every service before the broker (a broker of this test's own, started
after them, so the session broker is not disturbed).

An item is offered only once every service's process is up (its /metrics port answers,
which each service opens before it touches Kafka), so the 10 s cover joining the groups,
not importing Python. See docs/operations.md, "Start order".
"""

from __future__ import annotations

import signal
import subprocess
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest

from strikewatch.bench.e2e_kafka import AppearingFeeds, pipeline_env
from strikewatch.bench.loadgen import make_replay
from strikewatch.core.topics import Topics
from tests.integration.test_pipeline_kafka import Service, free_port, wait_for
from tests.kafka_broker import KafkaBroker, create_topics

pytestmark = pytest.mark.kafka

#: The promise of issue #18: the first alert within 10 s of the first item.
FIRST_ALERT_SECONDS = 10.0
#: Longest a service process may take to import and open its /metrics port.
UP_SECONDS = 60.0
PARTITIONS = 2


class Pipeline:
    """Producer, processor and sink over one topic prefix, and a feed that shows its items
    only from :meth:`offer` on."""

    def __init__(self, bootstrap: str, prefix: str, workdir: Path, **extra_env: str):
        self.bootstrap = bootstrap
        self.topics = Topics(prefix)
        self.workdir = workdir
        load = make_replay(workdir / "replay", n_articles=4, n_feeds=1, attack_share=1.0)
        self.feeds = AppearingFeeds(workdir / "replay", load["items"], rate=50.0, n_feeds=1)
        self.env = {
            **pipeline_env(bootstrap, prefix, PARTITIONS, workdir,
                           self.feeds.write_feeds_file(workdir / "feeds.yaml")),
            "STRIKEWATCH_ALERT_SETTLE_SECONDS": "0.5",
            "STRIKEWATCH_EXTRACT_WORKERS": "0",
            **extra_env,
        }
        self.services: dict[str, Service] = {}

    def start(self, role: str) -> Service:
        env = {**self.env, "STRIKEWATCH_METRICS_PORT": str(free_port())}
        self.services[role] = Service(role, [role], env, self.workdir)
        return self.services[role]

    def wait_up(self) -> None:
        """Until every service's /metrics answers (the process is past its imports)."""
        for service in self.services.values():
            assert wait_for(lambda s=service: self._answers(s), UP_SECONDS, 0.1), self.logs()

    def _answers(self, service: Service) -> bool:
        if service.process.poll() is not None:
            raise AssertionError(f"{service.name} exited with {service.process.returncode}\n{self.logs()}")
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{service.port}/metrics", timeout=2).read()
            return True
        except OSError:
            return False

    def offer(self) -> None:
        self.feeds.start()

    def seconds_to_first_alert(self, timeout: float) -> float | None:
        """Seconds from :meth:`offer` to the sink's first alert line; None if none in ``timeout``."""
        sink = self.services["sink"]
        deadline = self.feeds.t0 + timeout
        while time.perf_counter() < deadline:
            if sink.lines():
                return time.perf_counter() - self.feeds.t0
            for service in self.services.values():
                if service.process.poll() is not None:
                    raise AssertionError(f"{service.name} exited early\n{self.logs()}")
            time.sleep(0.1)
        return None

    def logs(self) -> str:
        return "\n".join(s.log_tail(3000) for s in self.services.values())

    def close(self) -> dict[str, int | None]:
        """SIGTERM to every service at once (one each: a second one could hit a process in
        interpreter shutdown, where the default handler is back), then their exit codes."""
        for service in self.services.values():
            if service.process.poll() is None:
                service.process.send_signal(signal.SIGTERM)
        codes: dict[str, int | None] = {}
        for name, service in self.services.items():
            try:
                codes[name] = service.process.wait(30)
            except subprocess.TimeoutExpired:
                service.process.kill()
                service.process.wait(10)
                codes[name] = None
        self.feeds.close()
        return codes


def check_first_alert(pipeline: Pipeline) -> None:
    pipeline.offer()
    seconds = pipeline.seconds_to_first_alert(FIRST_ALERT_SECONDS)
    assert seconds is not None, (
        f"no alert within {FIRST_ALERT_SECONDS:.0f}s of the first item\n{pipeline.logs()}")
    print(f"first alert {seconds:.1f}s after the first item")  # shown with pytest -rP


def right_after_topics(pipeline: Pipeline, order: list[str]) -> None:
    create_topics(pipeline.bootstrap, pipeline.topics.all(), PARTITIONS)
    for role in order:
        pipeline.start(role)


def first_creates_topics(pipeline: Pipeline, order: list[str]) -> None:
    for role in order:
        pipeline.start(role)


ORDERS: dict[str, tuple[Callable[[Pipeline, list[str]], None], list[str]]] = {
    "sink-processor-producer-after-topics": (right_after_topics, ["sink", "processor", "producer"]),
    "producer-first-creates-topics": (first_creates_topics, ["producer", "processor", "sink"]),
    "processor-last": (first_creates_topics, ["sink", "producer", "processor"]),
}


@pytest.mark.parametrize("order", list(ORDERS))
def test_first_alert_within_bound_in_any_order(order, kafka_bootstrap, unique, tmp_path):
    begin, roles = ORDERS[order]
    pipeline = Pipeline(kafka_bootstrap, unique("so"), tmp_path)
    try:
        begin(pipeline, roles)
        pipeline.wait_up()
        check_first_alert(pipeline)
    finally:
        codes = pipeline.close()
    assert codes == {"sink": 0, "processor": 0, "producer": 0}, codes


def start_all_waiting(pipeline: Pipeline, line: str) -> None:
    """Start every service and wait until each has logged that it is waiting (``line``)."""
    for role in ("sink", "processor", "producer"):
        pipeline.start(role)
    pipeline.wait_up()
    assert wait_for(lambda: all(line in s.err_path.read_text() for s in pipeline.services.values()),
                    30, 0.2), pipeline.logs()


def assert_logged_once(pipeline: Pipeline, line: str) -> None:
    """Each service said ``line`` once: one line per wait state, not one per attempt."""
    for service in pipeline.services.values():
        assert service.err_path.read_text().count(line) == 1, pipeline.logs()


def test_services_started_before_the_topics_wait_for_them(kafka_bootstrap, unique, tmp_path):
    """An operator creates the topics after the services started (they may not create them)."""
    pipeline = Pipeline(kafka_bootstrap, unique("so"), tmp_path, STRIKEWATCH_CREATE_TOPICS="false")
    try:
        start_all_waiting(pipeline, "waiting for kafka topics")
        create_topics(kafka_bootstrap, pipeline.topics.all(), PARTITIONS)
        check_first_alert(pipeline)
        assert_logged_once(pipeline, "waiting for kafka topics")
    finally:
        codes = pipeline.close()
    assert codes == {"sink": 0, "processor": 0, "producer": 0}, codes


def test_services_started_before_the_broker_wait_for_it(kafka_broker, unique, tmp_path):
    """Services started before their broker wait quietly and alert once it is up.

    The broker is this test's own (``kafka_broker`` only vouches that one can be started
    here, and skips or fails the way every Kafka test does when it cannot).
    """
    broker = KafkaBroker(jars_dir=kafka_broker.jars_dir, reserve_ports=True)
    pipeline = Pipeline(broker.bootstrap, unique("so"), tmp_path)
    try:
        start_all_waiting(pipeline, "kafka broker not reachable yet")
        broker.start()
        check_first_alert(pipeline)
        assert_logged_once(pipeline, "kafka broker not reachable yet")
        for service in pipeline.services.values():
            assert "ECONNREFUSED" not in service.err_path.read_text(), pipeline.logs()
    finally:
        codes = pipeline.close()
        broker.stop()
    assert codes == {"sink": 0, "processor": 0, "producer": 0}, codes
