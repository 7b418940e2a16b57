"""`strikewatch run --demo --once` with subscriptions, a signed webhook and the PostgreSQL archive."""

from __future__ import annotations

import json

import yaml

from strikewatch.core.records import Alert, decode
from tests.cli.test_run_demo import run_cli
from tests.demo_expect import expected_events, mismatches
from tests.sinks.receivers import Receiver


def test_demo_run_delivers_to_subscribers_and_archives_every_event(tmp_path, postgres_db_url):
    secret = "run-test-secret"
    with Receiver(secret=secret.encode()) as everything, Receiver() as iraq:
        subs = {"subscriptions": [
            {"id": "ops", "channels": [{"type": "console"},
                                       {"type": "webhook+hmac", "url": everything.url,
                                        "secret_env": "RUN_TEST_SECRET"}]},
            {"id": "iraq", "channels": [{"type": "webhook", "url": iraq.url}],
             "filters": {"countries": ["IQ"]}, "updates": False},
        ]}
        (tmp_path / "subs.yaml").write_text(yaml.safe_dump(subs))
        env = {"STRIKEWATCH_DATA_DIR": str(tmp_path / "data"),
               "STRIKEWATCH_SUBSCRIPTIONS_FILE": str(tmp_path / "subs.yaml"),
               "STRIKEWATCH_DATABASE_URL": postgres_db_url, "RUN_TEST_SECRET": secret,
               "STRIKEWATCH_ALLOWED_NETWORKS": "loopback"}  # the receivers listen there
        result = run_cli("run", "--demo", "--once", env=env)
        assert result.returncode == 0, result.stderr[-3000:]
        alerts = [decode(Alert, line, f"stdout:{n}") for n, line in enumerate(result.stdout.splitlines(), 1)]
        assert mismatches(alerts) == [], result.stderr[-3000:]
        assert everything.invalid == 0
        assert sorted(b["alert_id"] for b in everything.json()) == sorted(a.alert_id for a in alerts)
        iraq_ids = {a.event_id for a in alerts if a.event.location and a.event.location.country == "IQ"}
        assert iraq_ids and {b["event_id"] for b in iraq.json()} == iraq_ids

    listed = run_cli("events", "list", "--format", "json", "--limit", "0", env=env)
    assert listed.returncode == 0, listed.stderr
    rows = [json.loads(line) for line in listed.stdout.splitlines()]
    assert len(rows) == len(expected_events())
    assert {r["event_id"] for r in rows} == {a.event_id for a in alerts}
    exported = run_cli("events", "export", "--format", "geojson", env=env)
    features = json.loads(exported.stdout)["features"]
    assert len(features) == len(rows) and all(f["geometry"] for f in features)
