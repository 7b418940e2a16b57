"""The Kafka broker stops for 30 s under load and starts again: nothing lost, nothing twice.

At the end of the outage the producer, with links buffered and unacknowledged, is killed
with kill -9 and started again once the broker is back: the links it had polled but Kafka
never acknowledged are polled again (producers/state.py, pending seen keys).

The test has a broker of its own (the session broker is shared by the other tests).
"""

from __future__ import annotations

import os
import re
import time

import pytest

from tests.integration.test_pipeline_kafka import wait_for
from tests.kafka_broker import BrokerUnavailable, KafkaBroker
from tests.reliability.harness import PipelineRun, env_seconds, scrape, summary

pytestmark = pytest.mark.kafka

OUTAGE_SECONDS = env_seconds("STRIKEWATCH_OUTAGE_SECONDS", 30)


def repolled(producer) -> int:
    """Seen keys the producer found pending at start (items never acknowledged by Kafka)."""
    found = re.search(r"polled again keys=(\d+)", producer.err_path.read_text())
    return int(found.group(1)) if found else 0


@pytest.fixture
def own_broker():
    broker = KafkaBroker()
    try:
        broker.start()
    except BrokerUnavailable as exc:
        if os.environ.get("CI"):
            pytest.fail(f"Kafka tests cannot run in CI: {exc}", pytrace=False)
        pytest.skip(f"no Kafka broker: {exc}")
    try:
        yield broker
    finally:
        broker.stop()


def test_broker_outage_under_load_loses_and_duplicates_nothing(own_broker, unique, tmp_path):
    run = PipelineRun(own_broker.bootstrap, unique("outage"), tmp_path, n_articles=90, rate=2.0)
    samples: list[tuple[float, float, float]] = []  # (seconds into the outage, unacked, send errors)
    try:
        services = run.start_all()
        producer = services["producer"]
        assert wait_for(lambda: run.check_alive() or len(run.receiver.bodies) >= 5, 90), run.logs()
        before = {"alerts_before": len(run.receiver.bodies)}

        own_broker.stop_broker()
        stopped = time.monotonic()
        while time.monotonic() - stopped < OUTAGE_SECONDS:
            run.check_alive()
            samples.append((time.monotonic() - stopped, scrape(producer, "strikewatch_kafka_unacked_messages"),
                            scrape(producer, "strikewatch_kafka_send_errors_total")))
            time.sleep(1)
        outage = time.monotonic() - stopped
        during = len(run.receiver.bodies) - before["alerts_before"]
        run.kill(producer)  # its buffer of unacknowledged links dies with it
        own_broker.start_again()
        back = time.monotonic()
        producer = run.start("producer")

        complete = run.wait_alerts(timeout=180)
        time.sleep(3)  # a duplicate would arrive now
        recovered = {
            "outage_s": round(outage, 1),
            "broker_restart_s": round(own_broker.timings["start"], 1),
            "alerts_during_outage": during,
            "max_unacked_during_outage": max(u for _, u, _ in samples),
            "unacked_after": scrape(producer, "strikewatch_kafka_unacked_messages"),
            "send_errors": scrape(producer, "strikewatch_kafka_send_errors_total"),
            "repolled_keys": repolled(producer),
            "drained_s": round(time.monotonic() - back - 3, 1),
        }
        counts = {**run.tally(), **before, **recovered}
        print(summary("broker-outage", counts))
        assert complete, f"{counts}\n{run.logs()}"
    finally:
        codes = run.close()
    assert counts["lost"] == 0 and counts["duplicated"] == 0 and counts["bad_signatures"] == 0, counts
    assert counts["events_alerted"] == counts["events"], counts
    # the outage shows in the metrics: links buffered unacknowledged, then all acknowledged
    assert counts["max_unacked_during_outage"] > 0 and counts["unacked_after"] == 0, counts
    # the restarted producer found the killed one's unacknowledged links and polled them again
    assert counts["repolled_keys"] > 0, counts
    assert all(code == 0 for code in codes.values()), codes
