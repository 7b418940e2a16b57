"""`strikewatch bench --quick` runs every benchmark and writes its report (a smoke run: no timing asserted)."""

import json
import os
import subprocess
import sys

import pytest

from strikewatch.bench.suite import SUITE


@pytest.mark.kafka
def test_quick_bench_runs_every_benchmark(kafka_bootstrap, tmp_path):
    report = tmp_path / "bench.json"
    result = subprocess.run(
        [sys.executable, "-m", "strikewatch.cli", "bench", "--quick", "--json", str(report)],
        capture_output=True, text=True, timeout=600, cwd=tmp_path,
        env={**os.environ, "STRIKEWATCH_KAFKA_BOOTSTRAP": kafka_bootstrap},
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "stage" in result.stdout and "JSON written to" in result.stdout
    data = json.loads(report.read_text())
    assert data["quick"] is True and data["machine"]["cpus"]
    rows = data["results"]
    assert not [r for r in rows if r["metric"] == "(failed)"]
    measured = [r for r in rows if r["value"] is not None]
    skipped = [r for r in rows if r["value"] is None]
    assert all(r["note"].startswith("skipped:") for r in skipped), skipped
    # every benchmark of the suite contributed a measured row (the text-extraction one
    # only where the shared benchmark pages are present)
    stages = " ".join(r["stage"] + " " + r["metric"] for r in measured)
    for word in ("feed parse", "poll loop", "poll -> Kafka", "classify + extract", "dedup", "alert delivery",
                 "end to end (run", "end to end (kafka", "processor (kafka", "sqlite query country+since+bbox",
                 "sqlite SSE store"):
        assert word in stages, f"no measured row for {word!r}"
    assert len(SUITE) == 11
    # progress on stderr: each benchmark as it starts and ends, counts as plain lines (no TTY)
    for i, name in enumerate(SUITE, 1):
        assert f"[bench {i}/{len(SUITE)}] {name} ..." in result.stderr
        assert f"[bench {i}/{len(SUITE)}] {name} done in " in result.stderr
    assert "[bench] processor, 1 worker(s): event messages: " in result.stderr
    # the waits for services to start are said, not silent
    assert "[bench] 1 processor ready after " in result.stderr
    assert "[bench] 1 processor, 1 sink ready after " in result.stderr
    assert "ECONNREFUSED" not in result.stderr and "\r" not in result.stderr


def test_the_help_of_only_names_every_benchmark_and_group():
    import argparse
    import re

    from strikewatch.bench.suite import GROUPS
    from strikewatch.cli.bench import add_arguments

    parser = argparse.ArgumentParser()
    add_arguments(parser)
    (only,) = [a for a in parser._actions if a.dest == "only"]
    named = set(re.findall(r"[a-z0-9_]+", only.help.split(":", 1)[1]))
    assert named == set(SUITE) | set(GROUPS)
