"""Archive commands on unusable input: one line naming what is wrong, never a traceback (#17)."""

from __future__ import annotations

import socket
import subprocess
import sys

import pytest


def run(args: list[str], env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "strikewatch.cli", *args], capture_output=True,
                          text=True, timeout=60, env={"PATH": "/usr/bin:/bin", **env})


def one_line_error(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().count("\n") == 0, result.stderr
    return result.stderr


def test_events_list_without_an_archive_says_where_it_looked_and_creates_nothing(tmp_path):
    data = tmp_path / "missing"
    err = one_line_error(run(["events", "list"], {"STRIKEWATCH_DATA_DIR": str(data)}))
    assert f"no event archive at {data / 'sink.sqlite3'}" in err
    assert not data.exists()


@pytest.mark.parametrize("limit", ["999999999999999999999999", "-5", "many"])
def test_an_unusable_limit_is_a_usage_error(tmp_path, limit):
    result = run(["events", "list", "--limit", limit], {"STRIKEWATCH_DATA_DIR": str(tmp_path)})
    assert result.returncode == 2 and "--limit" in result.stderr and "Traceback" not in result.stderr


def test_an_unreachable_database_is_a_one_line_error(tmp_path):
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"postgresql://strikewatch:hunter2@127.0.0.1:{port}/db"
    err = one_line_error(run(["events", "list"], {"STRIKEWATCH_DATABASE_URL": url,
                                                   "STRIKEWATCH_DATA_DIR": str(tmp_path)}))
    assert "cannot open the archive database" in err and str(port) in err
    assert "hunter2" not in err


def test_a_webhook_url_that_cannot_be_parsed_fails_the_check(tmp_path):
    path = tmp_path / "subs.yaml"
    path.write_text("subscriptions:\n  - id: w\n    channels:\n      - type: webhook\n"
                    "        url: 'http://[::1'\n")
    err = one_line_error(run(["subscriptions", "check", str(path)], {}))
    assert "subs.yaml:5: subscriptions[0].channels[0].url: not a valid URL" in err
