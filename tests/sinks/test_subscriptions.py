from pathlib import Path

import pytest

from strikewatch.cli import main
from strikewatch.core.records import Actor, Location
from strikewatch.sinks.render import escape_markdown, map_link, render_message, safe_url
from strikewatch.sinks.subscriptions import (
    Subscription,
    SubscriptionsError,
    default_subscriptions,
    distance_km,
    load_subscriptions,
    match,
    parse_subscriptions,
)
from tests.sinks.receivers import sample_event

EXAMPLE = Path(__file__).resolve().parents[2] / "sinks" / "subscriptions.example.yaml"


def sub(**filters) -> Subscription:
    return Subscription.model_validate({"id": "s", "channels": [{"type": "console"}], "filters": filters})


@pytest.mark.parametrize("filters, expected", [
    ({}, True),
    ({"countries": ["iq"]}, True),
    ({"countries": ["SY"]}, False),
    ({"event_types": ["missile_attack", "drone_attack"]}, True),
    ({"event_types": ["bombing"]}, False),
    ({"perpetrators": ["iran-backed"]}, True),
    ({"perpetrators": ["Hamas"]}, False),
    ({"min_injured": 8}, True),
    ({"min_injured": 9}, False),
    ({"min_killed": 1}, False),
    ({"keywords": ["BALLISTIC"]}, True),
    ({"keywords": ["convoy", "air base"]}, True),
    ({"keywords": ["convoy"]}, False),
    ({"min_confidence": 0.9}, True),
    ({"min_confidence": 0.95}, False),
    ({"near": {"lat": 33.31, "lon": 44.36, "radius_km": 200}}, True),   # Baghdad, ~180 km
    ({"near": {"lat": 33.31, "lon": 44.36, "radius_km": 150}}, False),
    ({"bbox": [38.0, 29.0, 49.0, 37.5]}, True),                          # Iraq
    ({"bbox": [20.0, 40.0, 41.0, 53.0]}, False),                         # Ukraine
])
def test_match_applies_every_filter(filters, expected):
    assert match(sub(**filters), sample_event()) is expected


def test_unknown_values_fail_the_filters_on_them():
    unknown = sample_event(killed=None, location=Location(name="Iraq", country="IQ", precision="country"),
                           perpetrator=None)
    assert not match(sub(min_killed=0), unknown)
    assert not match(sub(near={"lat": 33.3, "lon": 44.4, "radius_km": 1000}), unknown)
    assert not match(sub(perpetrators=["militants"]), unknown)
    assert match(sub(countries=["IQ"]), unknown)


def test_bbox_across_the_antimeridian():
    fiji = sample_event(location=Location(name="Suva", country="FJ", lat=-18.14, lon=178.44))
    assert match(sub(bbox=[170.0, -25.0, -170.0, -10.0]), fiji)
    assert not match(sub(bbox=[170.0, -25.0, 175.0, -10.0]), fiji)


def test_perpetrator_aliases_match():
    event = sample_event(perpetrator=Actor(name="Islamic Resistance in Iraq", aliases_matched=["IRI"]))
    assert match(sub(perpetrators=["iri"]), event)


def test_distance_is_great_circle():
    assert distance_km(0, 0, 0, 1) == pytest.approx(111.2, abs=0.2)


def test_place_names_are_resolved_when_loaded():
    [s] = parse_subscriptions(
        "subscriptions:\n  - id: k\n    channels: [{type: console}]\n"
        "    filters:\n      near: {place: 'Kharkiv, UA', radius_km: 50}\n")
    assert s.filters.near.lat == pytest.approx(49.98, abs=0.1)
    kharkiv = sample_event(location=Location(name="Kharkiv", country="UA", lat=49.99, lon=36.23))
    assert match(s, kharkiv) and not match(s, sample_event())


def test_errors_name_file_line_and_field():
    text = """subscriptions:
  - id: a
    channels:
      - type: webhook+hmac
        url: https://h.example.org
    filters:
      event_types: [missile_attack, protest]
  - id: a
    channels: [{type: email, to: not-an-address}]
"""
    with pytest.raises(SubscriptionsError) as err:
        parse_subscriptions(text, "subs.yaml")
    lines = str(err.value).splitlines()
    assert "subs.yaml:4: subscriptions[0].channels[0]: webhook+hmac needs secret_env" in lines[0]
    assert lines[1].startswith("subs.yaml:7: subscriptions[0].filters.event_types: unknown event type protest")
    assert lines[2].startswith("subs.yaml:9: subscriptions[1].channels[0].to: not an e-mail address")


def test_unknown_place_and_bad_yaml_are_reported_with_lines():
    with pytest.raises(SubscriptionsError, match=r"s.yaml:5: subscriptions\[0\].filters.near.place: unknown place"):
        parse_subscriptions("subscriptions:\n  - id: k\n    channels: [{type: console}]\n    filters:\n"
                            "      near: {place: Xyzzyville, radius_km: 5}\n", "s.yaml")
    with pytest.raises(SubscriptionsError, match=r"s.yaml:3: not valid YAML"):
        parse_subscriptions("subscriptions:\n  - id: [\n", "s.yaml")
    with pytest.raises(SubscriptionsError, match="unknown field|Extra inputs"):
        parse_subscriptions("subscriptions:\n  - id: k\n    chanels: []\n", "s.yaml")


def test_the_bundled_example_is_valid(capsys):
    subs = load_subscriptions(EXAMPLE)
    assert len(subs) == 4
    assert main(["subscriptions", "check", str(EXAMPLE)]) == 0
    assert "4 subscription(s) valid" in capsys.readouterr().out


def test_without_a_file_one_console_subscriber_gets_everything():
    [s] = default_subscriptions()
    assert [c.type for c in s.channels] == ["console"] and s.updates
    assert match(s, sample_event(location=None, perpetrator=None, confidence=0.0))


# ------------------------------------------------------------------ rendering


def test_markdown_escapes_untrusted_text_and_drops_non_http_links():
    assert escape_markdown("*x* [a](b) @here <!channel>") == r"\*x\* \[a\]\(b\) \@here \<\!channel\>"
    assert safe_url("javascript:alert(1)") is None
    assert safe_url("https://e.org/a b") is None
    assert safe_url("https://e.org/x_(y)") == "https://e.org/x_%28y%29"


def test_message_has_map_link_sources_and_escaped_html():
    from strikewatch.core.records import Source
    from strikewatch.core.timefmt import utcnow
    from strikewatch.sinks.alerts import render_alert

    event = sample_event(summary="<img src=x onerror=alert(1)>",
                         sources=[Source(url="https://example.org/a1", outlet="Times & <Co>")])
    msg = render_message(render_alert(event, utcnow()))
    assert "https://www.openstreetmap.org/?mlat=33.78560&mlon=42.44120#map=15/" in msg.text
    assert "<img" not in msg.html and "&lt;img" in msg.html
    assert 'href="https://example.org/a1">Times &amp; &lt;Co&gt;</a>' in msg.html
    assert r"[Times \& \<Co\>](https://example.org/a1)" in msg.markdown
    assert map_link(sample_event(location=None)) is None


def test_the_subscriptions_table_round_trips_and_feeds_the_sink(db, tmp_path, monkeypatch, capsys):
    from prometheus_client import CollectorRegistry

    from strikewatch.core.metrics import Metrics
    from strikewatch.core.settings import SinkSettings
    from strikewatch.sinks.alerting import AlertSink
    from strikewatch.sinks.subscription_table import SubscriptionTable

    table = SubscriptionTable(db)
    table.replace(load_subscriptions(EXAMPLE))
    assert [s.id for s in table.load()] == sorted(s.id for s in load_subscriptions(EXAMPLE))
    near = {s.id: s for s in table.load()}["kyiv-radius"].filters.near
    assert near.lat == pytest.approx(49.98, abs=0.1)  # resolved once, on import

    # the CLI writes the table of the configured database; a sink without a file reads it
    monkeypatch.setenv("STRIKEWATCH_DATA_DIR", str(tmp_path / "cli"))
    (tmp_path / "one.yaml").write_text(
        "subscriptions:\n  - id: iq\n    channels: [{type: console}]\n    filters: {countries: [IQ]}\n")
    assert main(["subscriptions", "import", str(tmp_path / "one.yaml")]) == 0
    assert "1 subscription(s) imported" in capsys.readouterr().out
    assert main(["subscriptions", "list"]) == 0
    assert '"id":"iq"' in capsys.readouterr().out
    sink = AlertSink(SinkSettings(), Metrics(CollectorRegistry()))
    try:
        assert [s.subscription.id for s in sink.deliverer.subscribers] == ["iq"]
    finally:
        sink.close()
