"""What the bundled demo replay must produce: one alert per real event in expected.yaml."""

from __future__ import annotations

from collections import Counter

import yaml

from strikewatch.core.records import Alert
from strikewatch.replay import DEMO_DIR


def expected_events() -> list[dict]:
    return yaml.safe_load((DEMO_DIR / "expected.yaml").read_text(encoding="utf-8"))["events"]


def mismatches(alerts: list[Alert]) -> list[str]:
    """Differences between the alerts and the expected events; [] when they agree."""
    problems: list[str] = []
    new = [a for a in alerts if a.status == "new"]
    updates = [a for a in alerts if a.status != "new"]
    if updates:
        problems.append(f"unexpected updates: {[a.title for a in updates]}")
    ids = Counter(a.event_id for a in alerts)
    problems += [f"event {i} alerted {n} times" for i, n in ids.items() if n > 1]
    remaining = list(new)
    for want in expected_events():
        match = next(
            (a for a in remaining
             if a.event.event_type == want["event_type"]
             and a.event.location is not None and a.event.location.country == want["country"]),
            None,
        )
        if match is None:
            problems.append(f"no alert for {want['key']} ({want['event_type']} in {want['country']})")
        else:
            remaining.remove(match)
    problems += [f"alert for no real event: {a.title}" for a in remaining]
    return problems
