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


def test_once_exits_nonzero_when_every_feed_fails(tmp_path):
    feeds = tmp_path / "feeds.yaml"
    feeds.write_text("feeds:\n  - url: http://127.0.0.1:9/a.xml\n  - url: http://169.254.169.254/b.xml\n")
    result = run_cli("run", "--once", "--feeds", str(feeds), env={"STRIKEWATCH_DATA_DIR": str(tmp_path)})
    assert result.returncode == 1
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("strikewatch run: every feed failed (2 of 2: blocked_address 2)"), last
    assert result.stdout == ""


def test_once_exits_zero_when_some_feed_answers(tmp_path):
    """A replay with one feed that is missing: the others answered, so the run is a success."""
    import shutil

    from strikewatch.replay import DEMO_DIR

    replay = tmp_path / "replay"
    shutil.copytree(DEMO_DIR, replay)
    with (replay / "feeds.yaml").open("a") as f:
        f.write("  - url: feeds/missing.xml\n    name: Missing\n")
    result = run_cli("run", "--replay", str(replay), "--once", env={"STRIKEWATCH_DATA_DIR": str(tmp_path / "d")})
    assert result.returncode == 0, result.stderr[-2000:]
    assert "missing.xml" in result.stderr and result.stdout
