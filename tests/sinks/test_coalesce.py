from strikewatch.core.records import Event
from strikewatch.sinks.coalesce import Coalescer


def ev(event_id: str, revision: int, status: str, killed: int | None = None) -> Event:
    return Event(event_id=event_id, revision=revision, status=status, event_type="bombing", killed=killed)


def test_burst_of_revisions_makes_one_new_alert_with_the_latest_state():
    c = Coalescer(settle_seconds=2)
    c.add(ev("e1", 1, "new", killed=3), now=0.0, partition=0, offset=10)
    c.add(ev("e1", 2, "update", killed=5), now=1.0, partition=0, offset=11)
    assert c.due(1.9) == []
    [alert] = c.due(2.0)
    assert (alert.status, alert.revision, alert.killed) == ("new", 2, 5)
    assert len(c) == 0


def test_an_older_revision_arriving_late_does_not_replace_a_newer_one():
    c = Coalescer(settle_seconds=1)
    c.add(ev("e1", 3, "update", killed=9), now=0)
    c.add(ev("e1", 2, "update", killed=5), now=0.5)
    [alert] = c.due(1)
    assert alert.killed == 9 and alert.status == "update"


def test_offsets_to_commit_stop_before_the_first_held_message():
    c = Coalescer(settle_seconds=5)
    c.add(ev("e1", 1, "new"), now=0, partition=0, offset=7)
    c.add(ev("e2", 1, "new"), now=0, partition=0, offset=4)
    c.add(ev("e3", 1, "new"), now=0, partition=1, offset=9)
    assert c.held_offsets() == {0: 4, 1: 9}
    c.due(float("inf"))
    assert c.held_offsets() == {}


def test_zero_settle_time_releases_immediately():
    c = Coalescer(settle_seconds=0)
    c.add(ev("e1", 1, "new"), now=5)
    assert [e.event_id for e in c.due(5)] == ["e1"]
