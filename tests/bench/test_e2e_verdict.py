"""The end-to-end benchmark cannot report a failure as a result: a run that missed an
expected alert is a failed row with the counts and what became of each missing alert."""

from __future__ import annotations

from strikewatch.bench.e2e_kafka import result_rows
from strikewatch.bench.e2e_watch import explain


def alert(*pages: str) -> dict:
    return {"event": {"sources": [{"url": f"http://127.0.0.1:1/{p}"} for p in pages]}}


EVENTS = {"ev-1": {"pages/a000001.html"}, "ev-2": {"pages/a000002.html", "pages/a000004.html"},
          "ev-3": {"pages/a000003.html"}, "ev-5": {"pages/a000005.html"}}


def test_every_missing_alert_is_late_or_lost_with_the_last_topic_it_reached():
    arrivals = [(1.0, alert("pages/a000001.html")), (2.0, alert("pages/a000004.html")),
                (50.0, alert("pages/a000003.html"))]  # after the deadline
    reached = {"pages/a000005.html": {"links": 1.0, "articles": 2.0}}
    verdict = explain(EVENTS, {"pages/a000006.html": "not detected as an attack"}, arrivals, 10.0, reached)
    assert (verdict.expected, verdict.arrived) == (4, 2)
    assert verdict.late == ["pages/a000003.html"]
    assert verdict.lost == ["pages/a000005.html last seen on articles"]
    assert not verdict.complete
    assert verdict.summary() == ("2 of 4 alerts, 1 late (pages/a000003.html), 1 lost "
                                 "(pages/a000005.html last seen on articles), "
                                 "1 attack reports no event by design")


def test_a_run_with_a_missing_alert_is_a_failed_row_and_no_figure():
    verdict = explain(EVENTS, {}, [(1.0, alert(*sorted(set().union(*EVENTS.values()))[:-1]))], 10.0, {})
    rows = result_rows({"label": "kafka, 1 processor", "verdict": verdict, "items": 10, "seconds": 1.0,
                        "latencies": [1.0], "stages": []}, rate=50.0)
    assert [r.metric for r in rows] == ["(failed)"]
    assert rows[0].value is None and "3 of 4 alerts" in rows[0].note and "lost" in rows[0].note


def test_a_complete_run_reports_throughput_and_latency():
    arrivals = [(1.0, alert(*pages)) for pages in EVENTS.values()]
    verdict = explain(EVENTS, {}, arrivals, 10.0, {})
    rows = result_rows({"label": "kafka, 1 processor", "verdict": verdict, "items": 100, "seconds": 2.0,
                        "latencies": [0.5, 1.0, 1.5, 2.0], "stages": []}, rate=50.0)
    assert rows[0].metric == "sustained throughput" and rows[0].value == 50.0
    assert "4 of 4 alerts" in rows[0].note
    assert {"p50 latency feed -> alert", "p95 latency feed -> alert"} <= {r.metric for r in rows}
