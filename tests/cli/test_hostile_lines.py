"""One bad line never ends a stream: every hostile input of issue #17 is that line's
error on stderr, and every good line around it is still answered (real subprocesses)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

GOOD_ARTICLE = {
    "id": "good",
    "text": "A car bomb exploded outside a police station in Kirkuk on 3 May 2021, "
            "killing four officers and wounding nine, police said.",
    "published": "2021-05-03T12:00:00Z",
}


def run(args: list[str], data: bytes) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "strikewatch.cli", *args], input=data, capture_output=True,
        timeout=120, env={"PATH": "/usr/bin:/bin", "LC_ALL": "C", "PYTHONIOENCODING": "ascii:strict"},
    )


def lines(*items) -> bytes:
    return b"".join((i if isinstance(i, bytes) else json.dumps(i).encode()) + b"\n" for i in items)


HOSTILE_ARTICLES = {
    "deep nesting": b"[" * 100_000,
    "year 1 with an offset": json.dumps({"id": "y1", "text": "x", "published": "0001-01-01T00:00:00+01:00"}).encode(),
    "year 9999": json.dumps({"id": "y9", "text": "x", "published": "9999-12-31T23:59:59-05:00"}).encode(),
    "not UTF-8": b'{"id": "bad", "text": "caf\xe9"}',
}


@pytest.mark.parametrize("name", list(HOSTILE_ARTICLES))
def test_extract_reports_the_hostile_line_and_answers_the_good_ones(name):
    result = run(["extract"], lines(GOOD_ARTICLE, HOSTILE_ARTICLES[name], {**GOOD_ARTICLE, "id": "after"}))
    assert result.returncode == 0, result.stderr.decode()[-2000:]
    out = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [o["id"] for o in out] == ["good", "after"]
    assert out[0]["is_attack"] and out[0]["events"]
    err = result.stderr.decode()
    assert "Traceback" not in err and "stdin:2" in err


def event(article: str, **over) -> dict:
    base = {"id": article, "event_type": "bombing", "date": "2021-05-03",
            "location": {"name": "Kirkuk", "country": "IQ", "lat": 35.47, "lon": 44.39},
            "killed": 4, "summary": "A car bomb outside a police station in Kirkuk killed four."}
    return {**base, **over}


HOSTILE_EVENTS = {
    "date in year 1": event("h", date="0001-01-01"),
    "date in year 9999": event("h", date="9999-12-31"),
    "first_seen in year 1 with an offset": event("h", first_seen="0001-01-01T00:30:00+01:00"),
    "lat NaN next to a matching event": b'{"id": "h", "event_type": "bombing", "date": "2021-05-03", '
                                        b'"location": {"name": "Kirkuk", "country": "IQ", "lat": NaN, "lon": 44.39}}',
    "lat 999": event("h", location={"name": "Kirkuk", "country": "IQ", "lat": 999, "lon": 44.39}),
    "killed 1e30": b'{"id": "h", "event_type": "bombing", "killed": 1e30}',
    "revision -1": event("h", revision=-1),
    "deep nesting": b"[" * 100_000,
    "not UTF-8": b'{"id": "h\xff", "event_type": "bombing"}',
}


@pytest.mark.parametrize("name", list(HOSTILE_EVENTS))
def test_dedup_reports_the_hostile_line_and_answers_the_good_ones(name):
    result = run(["dedup"], lines(event("a1"), HOSTILE_EVENTS[name], event("a2")))
    assert result.returncode == 0, result.stderr.decode()[-2000:]
    out = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [o["id"] for o in out] == ["a1", "a2"]
    assert out[0]["event_id"] == out[1]["event_id"]  # the stream and its state went on
    err = result.stderr.decode()
    assert "Traceback" not in err and "stdin:2" in err


@pytest.mark.parametrize("days", ["1000000", "-1", "three"])
def test_an_unusable_dedup_window_is_a_usage_error(days):
    result = run(["dedup", "--window-days", days], lines(event("a1")))
    assert result.returncode == 2
    assert "window-days" in result.stderr.decode() and "Traceback" not in result.stderr.decode()
