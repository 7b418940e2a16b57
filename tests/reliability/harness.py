"""The whole pipeline on the real broker under generated load, with end-to-end counts.

:class:`PipelineRun` serves a generated replay (``strikewatch.bench.loadgen``) whose
items appear in their feeds at a steady rate, starts ``strikewatch producer``,
``processor`` and ``sink`` as separate processes (restartable, killable), and has the
sink post every alert to a local receiver that verifies each webhook signature.
:meth:`PipelineRun.tally` counts end to end: items sent, attack items, events, alerts,
attack items lost (in no alert) and alerts duplicated (a repeated idempotency key or
event revision).
"""

from __future__ import annotations

import json
import os
import signal
import time
from collections import Counter
from pathlib import Path

import yaml
from kafka import KafkaConsumer

from strikewatch.bench.e2e_kafka import AppearingFeeds, pipeline_env
from strikewatch.bench.loadgen import make_replay
from strikewatch.core.topics import Topics
from tests.integration.test_pipeline_kafka import Service, free_port, wait_for
from tests.kafka_broker import create_topics
from tests.sinks.receivers import Receiver

SECRET = "reliability-secret"
N_FEEDS = 5

#: Short group timeouts: a worker restarted after kill -9 waits for the dead member's
#: session to expire before it gets the partitions back (faust's default is 60 s).
FAST_GROUPS = {"BROKER_SESSION_TIMEOUT": "10", "BROKER_HEARTBEAT_INTERVAL": "2"}


class PipelineRun:
    """Producer, processor and sink processes over one topic prefix, a feed server and a receiver."""

    def __init__(self, bootstrap: str, prefix: str, workdir: Path, n_articles: int, rate: float,
                 partitions: int = 2, extra_env: dict | None = None):
        self.bootstrap, self.prefix, self.workdir = bootstrap, prefix, workdir
        self.topics = Topics(prefix)
        self.load = make_replay(workdir / "replay", n_articles=n_articles, n_feeds=N_FEEDS)
        self.feeds = AppearingFeeds(workdir / "replay", self.load["items"], rate, N_FEEDS)
        self.receiver = Receiver(secret=SECRET.encode())
        subs_file = workdir / "subscriptions.yaml"
        subs_file.write_text(yaml.safe_dump({"subscriptions": [{
            "id": "desk", "channels": [{"type": "webhook+hmac", "url": self.receiver.url,
                                        "secret_env": "RELIABILITY_SECRET"}]}]}))
        create_topics(bootstrap, self.topics.all(), partitions)
        self.env = {
            **pipeline_env(bootstrap, prefix, partitions, workdir,
                           self.feeds.write_feeds_file(workdir / "feeds.yaml")),
            "STRIKEWATCH_SUBSCRIPTIONS_FILE": str(subs_file),
            "STRIKEWATCH_ALERT_SETTLE_SECONDS": "0.5",
            "STRIKEWATCH_ALERT_BACKOFF_SECONDS": "0.05",
            "STRIKEWATCH_EXTRACT_WORKERS": "0",
            "RELIABILITY_SECRET": SECRET,
            **FAST_GROUPS,
            **(extra_env or {}),
        }
        self.services: list[Service] = []
        self.started = time.monotonic()

    # -- processes --------------------------------------------------------------------

    def start(self, role: str, *args: str) -> Service:
        """Start ``strikewatch <role>``; names are numbered per role (sink-1, sink-2, ...)."""
        number = 1 + sum(s.name.startswith(role + "-") for s in self.services)
        env = {**self.env, "STRIKEWATCH_METRICS_PORT": str(free_port())}
        service = Service(f"{role}-{number}", [role, *args], env, self.workdir)
        self.services.append(service)
        return service

    def start_all(self) -> dict[str, Service]:
        """Processor and sink first (they join their groups), then the producer, then the feeds."""
        processor, sink = self.start("processor"), self.start("sink")
        assert wait_for(lambda: "ready" in processor.err_path.read_text().lower(), 60), self.logs()
        producer = self.start("producer")
        self.feeds.start()
        return {"processor": processor, "sink": sink, "producer": producer}

    @staticmethod
    def kill(service: Service) -> None:
        """kill -9: no shutdown, no commit, no flush."""
        service.process.send_signal(signal.SIGKILL)
        service.process.wait(10)

    def check_alive(self) -> None:
        for s in self.services:
            code = s.process.poll()
            if code is not None and code != -signal.SIGKILL:
                raise AssertionError(f"{s.name} exited with {code}\n{s.log_tail()}")

    # -- counting ---------------------------------------------------------------------

    @property
    def attack_pages(self) -> set[str]:
        return {page for page, attack in self.load["pages"].items() if attack}

    def covered_pages(self) -> set[str]:
        """Attack pages named as a source by some alert that reached the receiver."""
        pages = set()
        for alert in self.receiver.json():
            for source in alert["event"]["sources"]:
                pages.add(source["url"].split(self.feeds.base + "/", 1)[-1])
        return pages

    def wait_alerts(self, timeout: float, quiet: float = 20) -> bool:
        """Until every attack page is in some alert, or nothing new came for ``quiet`` s after the load."""
        appeared = self.feeds.t0 + len(self.load["items"]) / self.feeds.rate
        seen, quiet_since = -1, time.monotonic()

        def done() -> bool:
            nonlocal seen, quiet_since
            self.check_alive()
            if self.attack_pages <= self.covered_pages():
                return True
            if len(self.receiver.bodies) != seen:
                seen, quiet_since = len(self.receiver.bodies), time.monotonic()
            return time.perf_counter() > appeared and time.monotonic() - quiet_since > quiet

        wait_for(done, timeout)
        return self.attack_pages <= self.covered_pages()

    def events(self) -> list[dict]:
        consumer = KafkaConsumer(self.topics.events, bootstrap_servers=self.bootstrap,
                                 auto_offset_reset="earliest", consumer_timeout_ms=2000, group_id=None)
        try:
            return [json.loads(m.value) for m in consumer]
        finally:
            consumer.close()

    def tally(self) -> dict:
        alerts = self.receiver.json()
        revisions = Counter((a["event_id"], a["event"]["revision"]) for a in alerts)
        keys = Counter(self.receiver.keys())
        events = self.events()
        return {
            "items": len(self.load["items"]),
            "attacks": len(self.attack_pages),
            "events": len({e["event_id"] for e in events}),
            "events_alerted": len({e["event_id"] for e in events} & {a["event_id"] for a in alerts}),
            "event_messages": len(events),
            "alerts": len(alerts),
            "lost": len(self.attack_pages - self.covered_pages()),
            "duplicated": sum(n - 1 for n in revisions.values()) + sum(n - 1 for n in keys.values()),
            "bad_signatures": self.receiver.invalid,
        }

    def logs(self, chars: int = 2000) -> str:
        return "\n".join(s.log_tail(chars) for s in self.services)

    def close(self) -> dict[str, int | None]:
        codes = {s.name: s.stop() for s in self.services if s.process.poll() is None}
        self.feeds.close()
        self.receiver.close()
        return codes


def summary(name: str, counts: dict) -> str:
    """One line of figures, printed by each test (read them with ``pytest -s``)."""
    return f"RELIABILITY {name}: " + " ".join(f"{k}={v}" for k, v in counts.items())


def env_seconds(name: str, default: float) -> float:
    return float(os.environ.get(name, default))


def scrape(service: Service, name: str) -> float:
    """Sum of every sample of metric ``name`` on the service's /metrics (0 when absent or down)."""
    import urllib.request

    try:
        body = urllib.request.urlopen(f"http://127.0.0.1:{service.port}/metrics", timeout=5).read().decode()
    except OSError:
        return 0.0
    total = 0.0
    for line in body.splitlines():
        if line.startswith(name) and line[len(name):len(name) + 1] in (" ", "{"):
            total += float(line.rsplit(" ", 1)[1])
    return total
