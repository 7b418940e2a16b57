"""The faust processor on Apache Kafka, one worker against two: does it scale?

The end-to-end benchmark offers 50 items/s, below one worker's capacity, so it cannot
show scaling. Here the articles topic is filled as fast as the producer can (generated
reports, half attacks, each attack its own event) while 1 and then 2 ``strikewatch
processor`` workers run as separate processes on the same partition count; throughput
is articles in / seconds from the first article sent to the last event on the events
topic. On the 2-core machine the broker, the load generator and the workers share the
cores, so two workers cannot double it.

The broker is ``STRIKEWATCH_KAFKA_BOOTSTRAP`` when set, else one started from the Maven
jars as the test suite does.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from strikewatch.bench.core import Row
from strikewatch.bench.e2e_kafka import PARTITIONS, _broker, _free_port, stop_processes, wait_ready
from strikewatch.bench.e2e_watch import expected_alerts
from strikewatch.bench.loadgen import make_articles, reports
from strikewatch.bench.progress import counter
from strikewatch.core.records import url_hash
from strikewatch.core.topics import Topics

#: Beyond the time the articles need at a low rate, how long the harness waits.
DEADLINE_SLACK_SECONDS = 30.0


def _event_count(consumer, topic: str) -> int:
    from kafka import TopicPartition

    parts = [TopicPartition(topic, p) for p in consumer.partitions_for_topic(topic) or ()]
    return sum(consumer.end_offsets(parts).values()) if parts else 0


def _run_once(bootstrap: str, workers: int, n: int, workdir: Path) -> dict:
    from kafka import KafkaConsumer, KafkaProducer

    articles = make_articles(n)
    attacks = sum(1 for r in reports(n) if r["attack"])
    expected = expected_alerts(n).messages
    prefix = f"benchproc{os.getpid()}w{workers}t{int(time.time())}"
    topics = Topics(prefix)
    env = {
        **os.environ,
        "STRIKEWATCH_KAFKA_BOOTSTRAP": bootstrap,
        "STRIKEWATCH_TOPIC_PREFIX": prefix,
        "STRIKEWATCH_TOPIC_PARTITIONS": str(PARTITIONS),
        "STRIKEWATCH_DATA_DIR": str(workdir / "data"),
        "STRIKEWATCH_APP_ID": f"{prefix}-processor",
        "STRIKEWATCH_LOG_LEVEL": "WARNING",
    }
    subprocess.run([sys.executable, "-m", "strikewatch.cli", "topics", "create"], env=env,
                   check=True, capture_output=True, cwd=workdir)
    procs: list[subprocess.Popen] = []
    ports: list[int] = []
    producer = KafkaProducer(bootstrap_servers=bootstrap, acks="all", linger_ms=20)
    watcher = KafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False)  # no group: reads offsets only
    try:
        for w in range(workers):
            port = _free_port()
            ports.append(port)
            procs.append(subprocess.Popen(
                [sys.executable, "-m", "strikewatch.cli", "processor"],
                env={**env, "STRIKEWATCH_METRICS_PORT": str(port)},
                stdout=subprocess.DEVNULL, stderr=(workdir / f"processor-{w}.log").open("w"), cwd=workdir,
            ))
        wait_ready(procs, ports, workdir)
        payloads = [(url_hash(a.url).encode(), a.to_bytes()) for a in articles]
        started = time.perf_counter()
        for key, value in payloads:
            producer.send(topics.articles, key=key, value=value)
        producer.flush()
        sent = time.perf_counter()
        # Wait for every expected event message, at least 20 articles/s (a tenth of one
        # worker's measured rate) plus the slack; fewer is a failed run, not a figure.
        deadline = sent + n / 20 + DEADLINE_SLACK_SECONDS
        count, finished = 0, time.perf_counter()
        with counter(f"processor, {workers} worker(s): event messages", expected, "events") as update:
            while count < expected and time.perf_counter() < deadline:
                time.sleep(0.1)
                now = _event_count(watcher, topics.events)
                if now != count:
                    count, finished = now, time.perf_counter()
                    update(count)
        return {"articles": n, "attacks": attacks, "events": count, "expected": expected,
                "seconds": finished - started, "send_seconds": sent - started}
    finally:
        producer.close()
        watcher.close()
        stop_processes(procs)


def bench(quick: bool) -> list[Row]:
    bootstrap, broker = _broker()
    if bootstrap is None:
        return [Row("processor (kafka)", "throughput", None, "",
                    note="skipped: no STRIKEWATCH_KAFKA_BOOTSTRAP and no repository checkout to start a broker")]
    n = 150 if quick else 3000
    rows: list[Row] = []
    try:
        results = {}
        for workers in ((1,) if quick else (1, 2)):
            with tempfile.TemporaryDirectory(prefix="strikewatch-bench-proc-") as tmp:
                results[workers] = _run_once(bootstrap, workers, n, Path(tmp))
        for workers, r in results.items():
            stage = f"processor (kafka, {workers} worker{'s' if workers > 1 else ''})"
            counts = f"{r['events']} of {r['expected']} event messages"
            if r["events"] != r["expected"]:
                rows.append(Row(stage, "(failed)", None, "", note=f"{counts} by the deadline "
                                f"({r['attacks']} attack reports in {r['articles']} articles)"))
                continue
            rows.append(Row(stage, "articles -> events throughput", r["articles"] / r["seconds"], "articles/s",
                            note=f"{r['articles']} articles sent in {r['send_seconds']:.1f} s, {PARTITIONS} "
                                 f"partitions; {counts}"))
        if all(w in results and results[w]["events"] == results[w]["expected"] for w in (1, 2)):
            one, two = (results[w]["articles"] / results[w]["seconds"] for w in (1, 2))
            rows.append(Row("scale (processor)", "2 workers vs 1", two, "articles/s", "1 worker", one,
                            note=f"{PARTITIONS} partitions; broker, load and workers share 2 cores"))
    finally:
        if broker is not None:
            broker.stop()
    return rows
