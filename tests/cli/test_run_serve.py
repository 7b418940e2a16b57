"""The demo leaves an archive `events list` reads; `run --demo --once --serve` maps it and keeps serving."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import httpx

from strikewatch.api.server import free_port
from tests.cli.test_run_demo import run_cli


def test_demo_archive_is_listed_after_the_run_and_served_by_run_serve(tmp_path):
    env = {"STRIKEWATCH_DATA_DIR": str(tmp_path)}
    first = run_cli("run", "--demo", "--once", env=env)
    assert first.returncode == 0, first.stderr[-2000:]
    last = first.stderr.strip().splitlines()[-1]
    assert f"archived in {tmp_path / 'demo' / 'sink.sqlite3'}" in last and "events list" in last
    listed = run_cli("events", "list", "--format", "json", env={"STRIKEWATCH_DATA_DIR": str(tmp_path / "demo")})
    assert listed.returncode == 0, listed.stderr
    ids = {json.loads(line)["event_id"] for line in listed.stdout.splitlines()}
    assert len(ids) == len(first.stdout.splitlines()) == 8  # one archived event per alert

    # Again, now serving: the archive holds the one run's events, not two copies.
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "strikewatch.cli", "run", "--demo", "--once", "--serve", f":{port}"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, **env})
    try:
        deadline = time.monotonic() + 120
        for line in proc.stderr:
            if "still serving" in line:
                break
            assert time.monotonic() < deadline and proc.poll() is None, "run --serve never finished its cycle"
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=10) as c:
            body = c.get("/api/v1/events").json()
            assert len(body["events"]) == 8 and body["next_cursor"] is None
            assert c.get("/healthz").status_code == 200
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(30) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.stderr.close()
        proc.stdout.close()
