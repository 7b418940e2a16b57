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


def _archive(data_dir, *events) -> None:
    from strikewatch.sinks.archive import Archive
    from strikewatch.sinks.db import open_database

    db = open_database("", data_dir)
    try:
        archive = Archive(db)
        for event in events:
            archive.store(event)
    finally:
        db.close()


def test_events_list_on_an_empty_archive_says_so_and_where_it_looked(tmp_path):
    _archive(tmp_path)
    result = run(["events", "list"], {"STRIKEWATCH_DATA_DIR": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    assert f"the event archive at {tmp_path / 'sink.sqlite3'} holds no events yet" in result.stderr
    filtered = run(["events", "export", "--country", "IQ", "--since", "2024-01-01"],
                   {"STRIKEWATCH_DATA_DIR": str(tmp_path)})
    assert filtered.returncode == 0, filtered.stderr
    assert "no events match --country IQ --since 2024-01-01: the event archive" in filtered.stderr
    assert filtered.stdout.startswith('{"type": "FeatureCollection"')  # stdout stays machine-readable


def test_events_list_with_no_match_names_the_filters_and_the_archive(tmp_path):
    from tests.sinks.receivers import sample_event

    _archive(tmp_path, sample_event())  # an Iraqi missile attack
    env = {"STRIKEWATCH_DATA_DIR": str(tmp_path)}
    result = run(["events", "list", "--country", "SO", "--type", "drone_attack", "--format", "json"], env)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert result.stderr.strip() == (
        f"no events match --country SO --type drone_attack in the event archive at {tmp_path / 'sink.sqlite3'}")
    found = run(["events", "list", "--country", "IQ"], env)
    assert found.returncode == 0 and "ev-1" in found.stdout and found.stderr == ""


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
