"""The Kubernetes manifests in deploy/k8s, checked against the code (no cluster here)."""

import urllib.request
from pathlib import Path

import pytest
import yaml

from strikewatch.cli import build_parser
from strikewatch.core.health import Health, serve_health
from strikewatch.core.settings import (
    ApiSettings,
    CommonSettings,
    ProcessorSettings,
    ProducerSettings,
    SinkSettings,
)
from tests.core.test_health import _free_port

K8S = Path(__file__).resolve().parents[2] / "deploy" / "k8s"
FIELDS = {
    name
    for cls in (CommonSettings, ProducerSettings, ProcessorSettings, SinkSettings, ApiSettings)
    for name in cls.model_fields
}


def documents() -> list[dict]:
    kustomization = yaml.safe_load((K8S / "kustomization.yaml").read_text())
    docs = []
    for resource in kustomization["resources"]:
        docs += [d for d in yaml.safe_load_all((K8S / resource).read_text()) if d]
    return docs


def of_kind(kind: str) -> list[dict]:
    return [d for d in documents() if d["kind"] == kind]


def containers() -> list[dict]:
    pods = [d["spec"]["template"]["spec"] for d in of_kind("Deployment") + of_kind("Job")]
    return [c for pod in pods for c in pod["containers"]]


def test_every_manifest_file_is_listed_and_parses():
    kustomization = yaml.safe_load((K8S / "kustomization.yaml").read_text())
    files = {p.name for p in K8S.glob("*.yaml")} - {"kustomization.yaml"}
    assert set(kustomization["resources"]) == files
    assert {d["metadata"]["name"] for d in of_kind("Deployment")} == {
        "strikewatch-producer", "strikewatch-processor", "strikewatch-sink", "strikewatch-api",
    }


def test_container_commands_are_cli_subcommands():
    commands = set(build_parser()._subparsers._group_actions[0].choices)
    for container in containers():
        assert container["args"][0] in commands, container["args"]


def test_configmap_keys_are_settings():
    [configmap] = of_kind("ConfigMap")
    for key in configmap["data"]:
        assert key.startswith("STRIKEWATCH_") and key.removeprefix("STRIKEWATCH_").lower() in FIELDS, key
    assert int(configmap["data"]["STRIKEWATCH_METRICS_PORT"]) == 9108


def test_probes_hit_endpoints_the_services_serve():
    health = Health()
    server = serve_health(_free_port(), health, addr="127.0.0.1")
    try:
        for deployment in of_kind("Deployment"):
            if deployment["metadata"]["name"] == "strikewatch-api":
                continue  # probed on its own port: test_api_probes_and_port_match_the_app
            [container] = deployment["spec"]["template"]["spec"]["containers"]
            ports = {p["name"]: p["containerPort"] for p in container["ports"]}
            assert ports["metrics"] == CommonSettings.model_fields["metrics_port"].default
            for probe in ("livenessProbe", "readinessProbe"):
                get = container[probe]["httpGet"]
                assert get["port"] == "metrics"
                url = f"http://127.0.0.1:{server.server_port}{get['path']}"
                with urllib.request.urlopen(url, timeout=5) as response:
                    assert response.status == 200, (deployment["metadata"]["name"], probe)
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("kind", ["Deployment", "Job"])
def test_pods_run_as_non_root(kind):
    for doc in of_kind(kind):
        assert doc["spec"]["template"]["spec"]["securityContext"]["runAsNonRoot"] is True


def test_producer_keeps_its_state_on_a_volume_and_is_never_doubled():
    [producer] = [d for d in of_kind("Deployment") if d["metadata"]["name"] == "strikewatch-producer"]
    assert producer["spec"]["replicas"] == 1 and producer["spec"]["strategy"]["type"] == "Recreate"
    volumes = {v["name"]: v for v in producer["spec"]["template"]["spec"]["volumes"]}
    claim = volumes["data"]["persistentVolumeClaim"]["claimName"]
    assert claim in {d["metadata"]["name"] for d in of_kind("PersistentVolumeClaim")}


def test_sink_keeps_its_delivery_log_on_a_volume_unless_postgres_is_configured():
    """Without STRIKEWATCH_DATABASE_URL the delivery log is SQLite in data_dir: it must survive restarts."""
    [sink] = [d for d in of_kind("Deployment") if d["metadata"]["name"] == "strikewatch-sink"]
    pod = sink["spec"]["template"]["spec"]
    [container] = pod["containers"]
    [configmap] = of_kind("ConfigMap")
    data_dir = configmap["data"]["STRIKEWATCH_DATA_DIR"]
    mounts = {m["mountPath"]: m["name"] for m in container["volumeMounts"]}
    volumes = {v["name"]: v for v in pod["volumes"]}
    claim = volumes[mounts[data_dir]]["persistentVolumeClaim"]["claimName"]
    assert claim in {d["metadata"]["name"] for d in of_kind("PersistentVolumeClaim")}
    # SQLite on a ReadWriteOnce volume: one sink pod at a time, also during an upgrade
    assert sink["spec"]["replicas"] == 1 and sink["spec"]["strategy"]["type"] == "Recreate"
    # the PostgreSQL alternative: STRIKEWATCH_DATABASE_URL from the Secret the pod reads
    assert {"secretRef": {"name": "strikewatch-secrets", "optional": True}} in container["envFrom"]
    assert "database_url" in FIELDS
    guide = (K8S.parent.parent / "docs" / "operations.md").read_text()
    assert "STRIKEWATCH_DATABASE_URL" in guide and "strikewatch-secrets" in guide


def test_grace_period_outlasts_the_shutdown_bound():
    """SIGTERM drains within 15 s (tests/test_operations_kafka.py); k8s waits longer before SIGKILL."""
    for deployment in of_kind("Deployment"):
        assert deployment["spec"]["template"]["spec"]["terminationGracePeriodSeconds"] >= 20


def test_api_probes_and_port_match_the_app(tmp_path):
    """The API's probes reach /healthz on its --port without a token, even with tokens set."""
    import warnings

    from prometheus_client import CollectorRegistry

    from strikewatch.api.app import create_app
    from strikewatch.sinks.db import open_database

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient

    [api] = [d for d in of_kind("Deployment") if d["metadata"]["name"] == "strikewatch-api"]
    [container] = api["spec"]["template"]["spec"]["containers"]
    args = build_parser().parse_args(container["args"])
    ports = {p["name"]: p["containerPort"] for p in container["ports"]}
    assert args.command == "serve" and args.host == "0.0.0.0" and ports["http"] == args.port
    assert ports["metrics"] == CommonSettings.model_fields["metrics_port"].default
    assert {"secretRef": {"name": "strikewatch-secrets", "optional": True}} in container["envFrom"]
    db = open_database("", tmp_path)
    try:
        with TestClient(create_app(db, ApiSettings(api_tokens="t"), CollectorRegistry())) as client:
            for probe in ("livenessProbe", "readinessProbe"):
                get = container[probe]["httpGet"]
                assert get["port"] == "http"
                assert client.get(get["path"]).status_code == 200, probe
            assert client.get("/api/v1/events").status_code == 401
    finally:
        db.close()
