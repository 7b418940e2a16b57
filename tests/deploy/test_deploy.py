"""The deployment files agree with the code (no Docker needed: parse and compare)."""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

import promql_parser
import pytest
import yaml
from prometheus_client import CollectorRegistry

from strikewatch.cli import build_parser
from strikewatch.core.metrics import Metrics
from strikewatch.core.settings import (
    ApiSettings,
    CommonSettings,
    ProcessorSettings,
    ProducerSettings,
    SinkSettings,
)
from strikewatch.core.topics import Topics

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = ROOT / "docker-compose.yml"
DOCKERFILE = ROOT / "Dockerfile"
PROMETHEUS = ROOT / "deploy" / "prometheus" / "prometheus.yml"
GRAFANA = ROOT / "deploy" / "grafana"
DASHBOARD = GRAFANA / "dashboards" / "strikewatch.json"

SETTINGS_CLASSES = (CommonSettings, ProducerSettings, ProcessorSettings, SinkSettings, ApiSettings)
ENV_NAME = re.compile(r"\bSTRIKEWATCH_[A-Z0-9_]+")
METRIC_NAME = re.compile(r"\bstrikewatch_[a-z0-9_]+")
SUFFIXES = {
    "counter": ("_total", "_created"),
    "histogram": ("_bucket", "_sum", "_count", "_created"),
    "summary": ("", "_sum", "_count", "_created"),
    "gauge": ("",),
}


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load(COMPOSE.read_text())


@pytest.fixture(scope="module")
def strikewatch_services(compose) -> dict[str, dict]:
    """Services built from this repository's Dockerfile."""
    services = {name: svc for name, svc in compose["services"].items() if "build" in svc}
    assert {"producer", "processor", "sink"} <= services.keys()
    return services


@pytest.fixture(scope="module")
def prometheus() -> dict:
    return yaml.safe_load(PROMETHEUS.read_text())


def _metric_names() -> set[str]:
    """Every series name a fresh Metrics object can expose (with labels or not)."""
    from strikewatch.api.guard import ApiMetrics
    from strikewatch.producers.metrics import producer_metrics

    metrics = Metrics(CollectorRegistry())
    producer_metrics(metrics)  # the producers' own families, on the same registry
    ApiMetrics(metrics.registry)  # and the API's
    names = set()
    for family in metrics.registry.collect():
        names.update(family.name + suffix for suffix in SUFFIXES[family.type])
    return names


def _words(command: str | list[str]) -> list[str]:
    return command.split() if isinstance(command, str) else list(command)


def _scrape_ports(prometheus: dict) -> dict[str, int]:
    """Service name -> port Prometheus scrapes it on."""
    ports = {}
    for job in prometheus["scrape_configs"]:
        for static in job.get("static_configs", []):
            for target in static["targets"]:
                host, port = target.rsplit(":", 1)
                ports[host] = int(port)
        for dns in job.get("dns_sd_configs", []):
            for name in dns["names"]:
                ports[name] = int(dns["port"])
    return ports


def test_compose_commands_are_cli_subcommands(strikewatch_services):
    parser = build_parser()
    (sub,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    for name, svc in strikewatch_services.items():
        words = _words(svc["command"])
        assert words[0] in sub.choices, f"service {name}: unknown subcommand {words[0]!r}"
        parser.parse_args(words)  # options given in compose must parse too


def test_compose_env_vars_are_settings_fields(compose, strikewatch_services):
    fields = {name for cls in SETTINGS_CLASSES for name in cls.model_fields}
    used = set(ENV_NAME.findall(COMPOSE.read_text()))
    for svc in strikewatch_services.values():
        env = svc.get("environment", {})
        assert isinstance(env, dict), "use the mapping form of environment:"
        used.update(env)
    assert used, "no STRIKEWATCH_* variable found in docker-compose.yml"
    unknown = sorted(v for v in used if v.removeprefix("STRIKEWATCH_").lower() not in fields)
    assert not unknown, f"not a field of {[c.__name__ for c in SETTINGS_CLASSES]}: {unknown}"


def test_services_take_config_from_strikewatch_env_only(strikewatch_services):
    for name, svc in strikewatch_services.items():
        other = [k for k in svc.get("environment", {}) if not k.startswith("STRIKEWATCH_")]
        assert not other, f"service {name}: non-STRIKEWATCH_ variables {other}"
        assert "env_file" not in svc, f"service {name}: env_file hides configuration"


def test_metrics_port_is_the_scraped_port(strikewatch_services, prometheus):
    scraped = _scrape_ports(prometheus)
    default = CommonSettings.model_fields["metrics_port"].default
    for name, svc in strikewatch_services.items():
        port = int(svc["environment"].get("STRIKEWATCH_METRICS_PORT", default))
        assert scraped.get(name) == port, f"service {name} serves :{port}, scraped {scraped}"


def test_processor_is_scalable(compose):
    processor = compose["services"]["processor"]
    assert "container_name" not in processor
    assert "ports" not in processor
    jobs = [j for j in yaml.safe_load(PROMETHEUS.read_text())["scrape_configs"]
            if any("processor" in d["names"] for d in j.get("dns_sd_configs", []))]
    assert jobs, "scrape the processor replicas with dns_sd_configs"


def test_producer_data_dir_is_a_named_volume(compose):
    producer = compose["services"]["producer"]
    data_dir = producer["environment"]["STRIKEWATCH_DATA_DIR"]
    volumes = [v.split(":") for v in producer.get("volumes", []) if isinstance(v, str)]
    assert any(target == data_dir and source in compose.get("volumes", {})
               for source, target, *_ in volumes)


def test_kafka_init_creates_every_topic(compose):
    script = "\n".join(_words(compose["services"]["kafka-init"]["command"]))
    created = re.findall(r"^\s*create\s+(\S+)", script, flags=re.MULTILINE)
    assert created == Topics().all()


def test_images_are_pinned(compose):
    images = [svc["image"] for svc in compose["services"].values() if "image" in svc]
    base = re.findall(r"^FROM\s+(?:--\S+\s+)*(\S+)", DOCKERFILE.read_text(), flags=re.MULTILINE)
    assert base, "Dockerfile has no FROM"
    for image in images + base:
        assert ":" in image.rsplit("/", 1)[-1], f"{image}: pin a tag"
        tag = image.rsplit(":", 1)[1]
        assert tag != "latest" and re.search(r"\d", tag), f"{image}: pin a versioned tag"


def test_dockerfile_runs_as_non_root():
    text = DOCKERFILE.read_text()
    users = re.findall(r"^USER\s+(\S+)", text, flags=re.MULTILINE)
    assert users and users[-1].split(":")[0] not in {"root", "0"}
    assert re.search(r'^ENTRYPOINT\s+\["strikewatch"\]', text, flags=re.MULTILINE)
    assert re.search(r"^EXPOSE\s+.*\b9108\b", text, flags=re.MULTILINE)


def test_dashboard_and_prometheus_use_defined_metrics():
    known = _metric_names()
    dashboard = json.loads(DASHBOARD.read_text())
    exprs = [t["expr"] for p in dashboard["panels"] for t in p.get("targets", [])]
    assert exprs, "the dashboard has no queries"
    used = {m for e in exprs for m in METRIC_NAME.findall(e)}
    used |= set(METRIC_NAME.findall(PROMETHEUS.read_text()))
    assert used, "the dashboard uses no strikewatch metric"
    assert not used - known, f"not defined in strikewatch/core/metrics.py: {sorted(used - known)}"


def test_grafana_provisioning(compose):
    datasources = yaml.safe_load((GRAFANA / "provisioning/datasources/prometheus.yml").read_text())
    providers = yaml.safe_load((GRAFANA / "provisioning/dashboards/dashboards.yml").read_text())
    uids = {d["uid"] for d in datasources["datasources"]}
    assert any(d["url"] == "http://prometheus:9090" for d in datasources["datasources"])

    dashboard = json.loads(DASHBOARD.read_text())
    for panel in dashboard["panels"]:
        for ref in [panel.get("datasource"), *(t.get("datasource") for t in panel["targets"])]:
            assert ref is None or ref["uid"] in uids, f"panel {panel['title']!r}: unknown {ref}"

    # The provider's path is where compose mounts deploy/grafana/dashboards.
    mounts = dict(v.split(":")[:2] for v in compose["services"]["grafana"]["volumes"])
    paths = {p["options"]["path"] for p in providers["providers"]}
    assert mounts.get("./deploy/grafana/dashboards") in paths
    assert mounts.get("./deploy/grafana/provisioning") == "/etc/grafana/provisioning"


RULES = ROOT / "deploy" / "prometheus" / "rules.yml"


def _rules() -> list[dict]:
    return [rule for group in yaml.safe_load(RULES.read_text())["groups"] for rule in group["rules"]]


def test_alert_rules_parse_as_promql_and_use_defined_metrics():
    known = _metric_names()
    rules = _rules()
    assert {r["alert"] for r in rules} >= {
        "StrikewatchFeedsFailing", "StrikewatchConsumerLagGrowing", "StrikewatchNoEvents",
        "StrikewatchAlertDeliveryFailing", "StrikewatchDeadLettersGrowing",
    }
    for rule in rules:
        promql_parser.parse(rule["expr"])  # raises ValueError on a syntax error
        used = set(METRIC_NAME.findall(rule["expr"]))
        assert not used - known, f"{rule['alert']}: not defined in strikewatch/core/metrics.py: {used - known}"
        assert rule["labels"]["severity"] in ("warning", "critical")
        assert rule["annotations"]["summary"]


def test_dashboard_queries_parse_as_promql():
    dashboard = json.loads(DASHBOARD.read_text())
    for panel in dashboard["panels"]:
        for target in panel.get("targets", []):
            promql_parser.parse(target["expr"].replace("$__rate_interval", "5m"))


def test_prometheus_loads_the_rules_compose_mounts(compose, prometheus):
    mounts = dict(v.split(":")[:2] for v in compose["services"]["prometheus"]["volumes"])
    assert mounts["./deploy/prometheus/rules.yml"] in prometheus["rule_files"]


def test_every_alert_rule_is_explained_in_the_operations_guide():
    guide = (ROOT / "docs" / "operations.md").read_text()
    for rule in _rules():
        assert rule["alert"] in guide, f"docs/operations.md does not explain {rule['alert']}"


def test_dashboard_shows_health_latency_lag_and_events_by_type_and_country():
    dashboard = json.loads(DASHBOARD.read_text())
    exprs = " ".join(t["expr"] for p in dashboard["panels"] for t in p.get("targets", []))
    for metric in ("strikewatch_feeds", "strikewatch_feed_poll_duration_seconds_bucket",
                   "strikewatch_alert_queue_depth", "strikewatch_consumer_lag_messages",
                   "strikewatch_events_by_type_total", "strikewatch_events_by_country_total",
                   "strikewatch_alerts_total"):
        assert re.search(rf"\b{metric}\b", exprs), f"no panel shows {metric}"
    for quantile in ("0.5", "0.95", "0.99"):
        assert f"histogram_quantile({quantile}, sum by (le, channel) " \
               "(rate(strikewatch_alert_delivery_latency_seconds_bucket" in exprs
    ids = [p["id"] for p in dashboard["panels"]]
    assert len(ids) == len(set(ids)), "panel ids must be unique"


def test_services_get_time_to_drain_on_stop(strikewatch_services):
    """SIGTERM drains within 15 s (tests/test_operations_kafka.py); compose's default 10 s is too short."""
    for name, svc in strikewatch_services.items():
        grace = svc.get("stop_grace_period", "10s")
        assert grace.endswith("s") and int(grace[:-1]) >= 20, f"service {name}: stop_grace_period {grace}"


def test_api_service_serves_the_sinks_archive_on_its_published_port(compose, strikewatch_services):
    api, sink = strikewatch_services["api"], strikewatch_services["sink"]
    args = build_parser().parse_args(_words(api["command"]))
    assert args.command == "serve" and args.host == "0.0.0.0"
    published = [p.rsplit(":", 1) for p in api["ports"]]
    assert [(host_part.split(":")[0], int(port)) for host_part, port in published] == [("127.0.0.1", args.port)]
    env = api["environment"]
    # off loopback the API refuses to start without tokens: compose must pass them through
    assert env["STRIKEWATCH_API_TOKENS"] == "${STRIKEWATCH_API_TOKENS:-}"
    assert env["STRIKEWATCH_DATABASE_URL"] == sink["environment"]["STRIKEWATCH_DATABASE_URL"]
    assert "postgres" in api["depends_on"]
    assert api["profiles"] == ["api"]  # started on purpose, with tokens set


def test_dashboard_shows_api_requests_latency_quantiles_and_stream_clients():
    dashboard = json.loads(DASHBOARD.read_text())
    exprs = " ".join(t["expr"] for p in dashboard["panels"] for t in p.get("targets", []))
    assert re.search(r"\bstrikewatch_api_requests_total\b", exprs)
    assert re.search(r"\bstrikewatch_api_stream_clients\b", exprs)
    for quantile in ("0.5", "0.95", "0.99"):
        assert f"histogram_quantile({quantile}, sum by (le, route) " \
               "(rate(strikewatch_api_request_duration_seconds_bucket" in exprs
