"""`strikewatch run --demo --once`: the whole pipeline in one process, from the CLI."""

import os
import subprocess
import sys

from strikewatch.core.records import Alert, decode
from tests.demo_expect import mismatches


def run_cli(*args: str, env: dict | None = None, stdin: str = "", timeout: float = 180):
    return subprocess.run(
        [sys.executable, "-m", "strikewatch.cli", *args],
        input=stdin, capture_output=True, text=True, timeout=timeout,
        env={**os.environ, **(env or {})},
    )


def test_demo_once_prints_one_alert_per_real_event(tmp_path):
    result = run_cli("run", "--demo", "--once", env={"STRIKEWATCH_DATA_DIR": str(tmp_path)})
    assert result.returncode == 0, result.stderr[-3000:]
    alerts = [decode(Alert, line, f"stdout:{n}") for n, line in enumerate(result.stdout.splitlines(), 1)]
    assert mismatches(alerts) == [], result.stderr[-3000:]
    # logs go to stderr, never into the alert stream
    assert all(line.startswith("{") for line in result.stdout.splitlines())


def test_missing_feeds_file_is_one_line_error_and_nonzero_exit(tmp_path):
    result = run_cli("run", "--once", "--feeds", str(tmp_path / "nope.yaml"))
    assert result.returncode == 2
    assert "nope.yaml" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
