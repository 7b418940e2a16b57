"""kill -9 of the processor and of the sink mid-stream, both restarted: nothing lost, nothing twice."""

from __future__ import annotations

import time

import pytest

from tests.integration.test_pipeline_kafka import wait_for
from tests.reliability.harness import PipelineRun, summary

pytestmark = pytest.mark.kafka


def test_processor_and_sink_killed_mid_stream_lose_and_duplicate_nothing(kafka_bootstrap, unique, tmp_path):
    run = PipelineRun(kafka_bootstrap, unique("crash"), tmp_path, n_articles=120, rate=6.0)
    try:
        services = run.start_all()
        attacks = len(run.attack_pages)

        # The processor dies a quarter of the way in, the sink halfway; each is restarted at once.
        assert wait_for(lambda: run.check_alive() or len(run.receiver.bodies) >= attacks // 4, 90), run.logs()
        run.kill(services["processor"])
        killed = {"processor_at_alert": len(run.receiver.bodies)}
        run.start("processor")
        assert wait_for(lambda: run.check_alive() or len(run.receiver.bodies) >= attacks // 2, 120), run.logs()
        run.kill(services["sink"])
        killed["sink_at_alert"] = len(run.receiver.bodies)
        run.start("sink")

        complete = run.wait_alerts(timeout=150)
        time.sleep(3)  # a duplicate would arrive now
        counts = {**run.tally(), **killed}
        print(summary("worker-crash", counts))
        assert complete, f"{counts}\n{run.logs()}"
    finally:
        codes = run.close()
    assert counts["lost"] == 0 and counts["duplicated"] == 0 and counts["bad_signatures"] == 0, counts
    # every event got its alert (an event two reports merged into gets an update alert too)
    assert counts["events_alerted"] == counts["events"] >= counts["attacks"] - 3, counts
    assert all(code == 0 for code in codes.values()), codes
