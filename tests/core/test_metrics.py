"""Metrics with labels from bounded sets only."""

from prometheus_client import CollectorRegistry

from strikewatch.core.metrics import Metrics
from strikewatch.core.records import Event, Location


def test_new_events_are_counted_by_type_and_by_a_bounded_country_code():
    registry = CollectorRegistry()
    metrics = Metrics(registry)
    metrics.count_new_event(Event(event_type="bombing", location=Location(name="Mogadishu", country="so")))
    metrics.count_new_event(Event(event_type="shooting", location=Location(name="X", country="Atlantis")))
    metrics.count_new_event(Event(event_type="shooting"))

    def value(name: str, labels: dict) -> float | None:
        return registry.get_sample_value(name, labels)

    assert value("strikewatch_events_by_type_total", {"event_type": "bombing"}) == 1
    assert value("strikewatch_events_by_type_total", {"event_type": "shooting"}) == 2
    assert value("strikewatch_events_by_country_total", {"country": "SO"}) == 1
    assert value("strikewatch_events_by_country_total", {"country": "ZZ"}) == 2  # unknown or not a code
