"""No secret reaches a log line, an error message or /metrics: the SASL password, the webhook
HMAC secret, the SMTP password and the password in a database URL. The webhook signatures
are verified by the receiver on the way."""

from __future__ import annotations

import io
import logging
import socket

import pytest
import yaml
from prometheus_client import CollectorRegistry, generate_latest

from strikewatch.core.errors import UsageError
from strikewatch.core.kafka import client_config, faust_credentials
from strikewatch.core.metrics import Metrics
from strikewatch.core.records import Alert, decode
from strikewatch.core.settings import CommonSettings, RunSettings
from strikewatch.sinks.alerting import AlertSink
from strikewatch.sinks.db import open_database
from tests.cli.test_run_demo import run_cli
from tests.sinks.receivers import Receiver, sample_event

SASL = "sasl-Pw-7f3a91"
HMAC = "hmac-Key-55c2e0"
SMTP = "smtp-Pw-0b8d44"
DB = "db-Pw-91e6aa"
SECRETS = (SASL, HMAC, SMTP, DB)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def leaks(text: str) -> list[str]:
    return [secret for secret in SECRETS if secret in text]


def subscriptions(tmp_path, webhook_url: str) -> str:
    doc = {
        "subscriptions": [
            {
                "id": "ops",
                "channels": [
                    {"type": "webhook+hmac", "url": webhook_url, "secret_env": "SEC_TEST_HMAC"},
                    {"type": "email", "to": "ops@example.org"},
                ],
            },
        ]
    }
    path = tmp_path / "subs.yaml"
    path.write_text(yaml.safe_dump(doc))
    return str(path)


def test_runner_logs_no_secret(tmp_path):
    """`strikewatch run --demo --once` at DEBUG, every secret set, SMTP failing: stderr is clean."""
    with Receiver(secret=HMAC.encode()) as hook:
        env = {
            "STRIKEWATCH_DATA_DIR": str(tmp_path / "data"),
            "STRIKEWATCH_LOG_LEVEL": "DEBUG",
            "STRIKEWATCH_SUBSCRIPTIONS_FILE": subscriptions(tmp_path, hook.url),
            "SEC_TEST_HMAC": HMAC,
            "STRIKEWATCH_KAFKA_SASL_MECHANISM": "SCRAM-SHA-512",
            "STRIKEWATCH_KAFKA_SASL_USERNAME": "strikewatch",
            "STRIKEWATCH_KAFKA_SASL_PASSWORD": SASL,
            "STRIKEWATCH_SMTP_HOST": "127.0.0.1",
            "STRIKEWATCH_SMTP_PORT": str(free_port()),  # refused: the failure path is logged
            "STRIKEWATCH_SMTP_USERNAME": "alerts",
            "STRIKEWATCH_SMTP_PASSWORD": SMTP,
            "STRIKEWATCH_SMTP_SECURITY": "none",
            "STRIKEWATCH_ALERT_RETRIES": "0",
            "STRIKEWATCH_ALLOWED_NETWORKS": "loopback",  # the receiver listens there
        }
        result = run_cli("run", "--demo", "--once", env=env)
        assert result.returncode == 0, result.stderr[-2000:]
        assert hook.json() and hook.invalid == 0  # every webhook was signed with the secret
    alerts = [
        decode(Alert, line, f"stdout:{n}") for n, line in enumerate(result.stdout.splitlines(), 1)
    ]
    assert alerts == []  # no console channel in this subscription
    assert "email" in result.stderr  # the failing channel was logged ...
    assert leaks(result.stderr) == [] and leaks(result.stdout) == []  # ... without a secret


def test_sink_logs_and_metrics_carry_no_secret(tmp_path, caplog, monkeypatch):
    monkeypatch.setenv("SEC_TEST_HMAC", HMAC)
    registry = CollectorRegistry()
    with Receiver(failures=99, status=500, secret=HMAC.encode()) as hook:
        settings = RunSettings(
            data_dir=tmp_path / "data",
            subscriptions_file=subscriptions(tmp_path, hook.url),
            allowed_networks="loopback",
            kafka_sasl_mechanism="PLAIN",
            kafka_sasl_username="u",
            kafka_sasl_password=SASL,
            smtp_host="127.0.0.1",
            smtp_port=free_port(),
            smtp_username="alerts",
            smtp_password=SMTP,
            smtp_security="none",
            alert_retries=1,
            alert_backoff_seconds=0,
            alert_backoff_max_seconds=0,
            alert_settle_seconds=0,
        )
        with caplog.at_level(logging.DEBUG):
            sink = AlertSink(settings, Metrics(registry), stream=io.StringIO())
            try:
                sink.archive(sample_event())
                sink.alert(sample_event())
                sink.flush(force=True)
            finally:
                sink.close()
        assert hook.invalid == 0 and hook.requests >= 1  # signed, and failing with HTTP 500
    logged = "\n".join(f"{r.getMessage()} {r.exc_text or ''}" for r in caplog.records)
    assert "HTTP 500" in logged and "Connection refused" in logged  # both failures logged
    assert leaks(logged) == []
    assert leaks(generate_latest(registry).decode()) == []
    assert leaks(repr(settings) + str(settings) + settings.model_dump_json()) == []


@pytest.mark.parametrize(
    "url",
    [
        f"postgresql://strikewatch:{DB}@127.0.0.1:{free_port()}/events",  # refused
        f"postgresql://strikewatch:{DB} x@127.0.0.1/events",  # malformed
        f"postgresql://strikewatch:{DB}@127.0.0.1:1/events?sslmode=bogus",
    ],
    ids=["refused", "malformed", "bad-option"],  # the same ids in every collecting process
)
def test_database_errors_do_not_quote_the_password(url, tmp_path, caplog):
    with pytest.raises(Exception) as caught:
        open_database(url, tmp_path)
    assert leaks(str(caught.value)) == []
    settings = RunSettings(data_dir=tmp_path, database_url=url)
    with caplog.at_level(logging.DEBUG), pytest.raises((UsageError, Exception)) as caught:
        AlertSink(settings, Metrics(CollectorRegistry()))
    assert leaks(str(caught.value)) == [] and leaks(caplog.text) == []


def test_kafka_tls_and_sasl_reach_both_clients():
    import ssl

    import certifi
    import faust

    cafile = certifi.where()
    settings = CommonSettings(
        kafka_security_protocol="SASL_SSL",
        kafka_sasl_mechanism="SCRAM-SHA-512",
        kafka_sasl_username="u",
        kafka_sasl_password=SASL,
        kafka_ssl_cafile=cafile,
    )
    config = client_config(settings)
    assert config["security_protocol"] == "SASL_SSL"
    assert config["sasl_mechanism"] == "SCRAM-SHA-512" and config["sasl_plain_password"] == SASL
    assert config["ssl_cafile"] == cafile and "ssl_certfile" not in config
    mtls = settings.model_copy(
        update={"kafka_ssl_certfile": "/run/c.pem", "kafka_ssl_keyfile": "/run/k.pem"}
    )
    assert client_config(mtls)["ssl_certfile"] == "/run/c.pem"
    assert client_config(mtls)["ssl_keyfile"] == "/run/k.pem"
    credentials = faust_credentials(settings)
    assert isinstance(credentials, faust.SASLCredentials)
    assert credentials.protocol.value == "SASL_SSL"  # was SASL_PLAINTEXT: the password in clear
    assert isinstance(credentials.ssl_context, ssl.SSLContext)
    assert SASL not in repr(credentials)
    tls = faust_credentials(settings.model_copy(update={"kafka_security_protocol": "SSL"}))
    assert isinstance(tls, faust.SSLCredentials)
    assert faust_credentials(CommonSettings()) is None
