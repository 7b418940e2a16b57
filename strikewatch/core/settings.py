"""Typed settings, one object per service.

Values come from environment variables prefixed ``STRIKEWATCH_`` and, when
``STRIKEWATCH_CONFIG`` names a YAML file, from that file (environment wins).
"""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    YamlConfigSettingsSource,
)

from strikewatch.core.netguard import NetworkPolicy
from strikewatch.core.topics import Topics


class CommonSettings(BaseSettings):
    """Settings every stage shares."""

    model_config = SettingsConfigDict(env_prefix="STRIKEWATCH_", frozen=True, extra="ignore")

    kafka_bootstrap: str = Field("localhost:9092", description="Kafka bootstrap servers, comma-separated.")
    kafka_security_protocol: str = Field("PLAINTEXT", description="PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL.")
    kafka_sasl_mechanism: str = Field("", description="e.g. PLAIN or SCRAM-SHA-512 when SASL is used.")
    kafka_sasl_username: str = Field("", description="SASL user name.")
    kafka_sasl_password: SecretStr = Field(SecretStr(""), description="SASL password (secret; from the environment).")
    kafka_ssl_cafile: str = Field("", description="CA bundle (PEM) that signed the brokers' certificates, for SSL and SASL_SSL; empty: the system CAs.")
    kafka_ssl_certfile: str = Field("", description="Client certificate (PEM) for mutual TLS; empty: none.")
    kafka_ssl_keyfile: str = Field("", description="Private key (PEM) of the client certificate; empty: in the certificate file.")
    kafka_reconnect_backoff_max_ms: int = Field(
        2000,
        ge=50,
        description="Longest wait between attempts to reconnect to a broker (kafka-python's own default, 30 s, "
        "keeps a service idle for up to 30 s after a broker is back).",
    )
    kafka_compression: str = Field(
        "gzip", description="Compression of produced batches: gzip, or empty for none."
    )
    create_topics: bool = Field(
        True,
        description="Create the pipeline's missing topics at start; false where a job or an operator "
        "creates them (the service then waits for them).",
    )
    topic_prefix: str = Field("strikewatch", description="Prefix of every Kafka topic name.")
    topic_partitions: int = Field(4, ge=1, description="Partitions used when a topic is created.")
    data_dir: Path = Field(Path("var"), description="Where local state (seen-set, stores) is kept.")
    metrics_port: int = Field(9108, ge=0, le=65535, description="Port of /metrics; 0 disables it.")
    allowed_networks: str = Field(
        "",
        description="Non-public addresses that feeds, articles, redirects, webhooks and apprise URLs may reach, "
        "comma-separated: loopback, private, a CIDR network (10.20.0.0/16) or one address:port "
        "(127.0.0.1:8080). Link-local and cloud metadata addresses are never reachable.",
    )
    allow_private_addresses: bool = Field(
        False, description="Older spelling of allowed_networks=loopback,private (tests, replays)."
    )
    log_level: str = Field("INFO", description="DEBUG, INFO, WARNING or ERROR; logs go to stderr.")
    database_url: SecretStr = Field(
        SecretStr(""), description="postgresql:// URL of the event archive and delivery log; empty: SQLite in data_dir."
    )
    ready_max_lag: int = Field(
        1000, ge=0, description="/readyz fails while a consumer's lag (messages behind its input topic) is above this."
    )

    @field_validator("allowed_networks")
    @classmethod
    def _policy(cls, v: str) -> str:
        NetworkPolicy.parse(v)  # PolicyError (a ValueError) names the entry
        return v

    @property
    def topics(self) -> Topics:
        return Topics(self.topic_prefix)

    @property
    def network_policy(self) -> NetworkPolicy:
        """Where outgoing connections may go (:mod:`strikewatch.core.netguard`)."""
        return NetworkPolicy.from_settings(self)

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        sources: list[PydanticBaseSettingsSource] = [init_settings, env_settings]
        config = os.environ.get("STRIKEWATCH_CONFIG")
        if config:
            sources.append(YamlConfigSettingsSource(settings_cls, yaml_file=config))
        return tuple(sources)


class ProducerSettings(CommonSettings):
    """The feed poller and the article fetcher."""

    feeds_file: Path | None = Field(None, description="YAML feeds file; default: the bundled list.")
    poll_interval_seconds: float = Field(300.0, gt=0, description="Seconds between polls of a feed.")
    user_agent: str = Field(
        "strikewatch/0.1 (+https://github.com/strikewatch/strikewatch)",
        description="User-Agent of every feed and page request.",
    )
    http_timeout_seconds: float = Field(20.0, gt=0, description="Time limit of one HTTP request.")
    max_body_bytes: int = Field(5_000_000, gt=0, description="Larger feeds and pages are refused.")
    fetch_concurrency: int = Field(8, ge=1, description="Article downloads in flight at once.")
    seen_ttl_days: float = Field(30.0, gt=0, description="How long a seen item id is remembered.")
    # Scheduling and politeness (producers/schedule.py); loopback hosts (replays) are exempt.
    poll_min_interval_seconds: float = Field(60.0, gt=0, description="Shortest interval of a busy feed.")
    poll_max_interval_seconds: float = Field(3600.0, gt=0, description="Longest interval of a quiet feed.")
    poll_concurrency: int = Field(200, ge=1, description="Feed requests in flight at once.")
    host_concurrency: int = Field(2, ge=1, description="Requests in flight to one host at once.")
    feed_host_delay_seconds: float = Field(1.0, ge=0, description="Pause between feed requests to one host.")
    host_delay_seconds: float = Field(5.0, ge=0, description="Pause between article requests to one host.")
    robots_txt: bool = Field(True, description="Honour robots.txt for article pages.")
    extract_workers: int = Field(2, ge=0, description="Extraction processes; 0 extracts in a thread.")
    feed_max_items: int = Field(
        1000, ge=1, description="Items read from one feed per poll (the first ones: newest first); the rest are dropped and counted."
    )
    feed_parse_seconds: float = Field(
        10.0, gt=0, description="Time limit of parsing one feed; past it the parser process is stopped and the poll fails."
    )
    feed_parse_workers: int = Field(
        1, ge=0, description="Feed parser processes; 0 parses in a thread, without the time limit."
    )


class ProcessorSettings(CommonSettings):
    """The faust app: classify, extract, deduplicate."""

    app_id: str = Field("strikewatch-processor", description="faust app id (consumer group).")
    dedup_window_days: int = Field(3, ge=1, description="Days within which reports may join one event.")
    min_confidence: float = Field(0.5, ge=0.0, le=1.0, description="Events below this are dropped.")


class SinkSettings(CommonSettings):
    """The alert sink."""

    group_id: str = Field("strikewatch-sink", description="Kafka consumer group of the sink.")
    console: bool = Field(True, description="Print each alert as one JSON line on stdout.")
    webhook_url: str = Field("", description="POST each alert as JSON to this URL.")
    webhook_timeout_seconds: float = Field(10.0, gt=0, description="Time limit of one webhook or SMTP delivery.")
    alert_settle_seconds: float = Field(
        3.0, ge=0, description="Hold an event's alert this long so near-simultaneous reports make one alert."
    )
    subscriptions_file: Path | None = Field(
        None, description="YAML subscriptions (sinks/subscriptions.example.yaml); none: console gets everything."
    )
    alert_retries: int = Field(3, ge=0, description="Retries of a failed alert delivery before dead-lettering.")
    alert_backoff_seconds: float = Field(0.5, ge=0, description="First retry delay; doubles, with jitter.")
    alert_backoff_max_seconds: float = Field(30.0, ge=0, description="Longest retry delay.")
    smtp_host: str = Field("", description="SMTP server for e-mail channels.")
    smtp_port: int = Field(587, ge=1, le=65535, description="SMTP server port.")
    smtp_security: str = Field("starttls", pattern="^(none|starttls|ssl)$", description="none, starttls or ssl.")
    smtp_username: str = Field("", description="SMTP login; empty: no login.")
    smtp_password: SecretStr = Field(SecretStr(""), description="SMTP password (secret; from the environment).")
    smtp_from: str = Field("strikewatch@localhost", description="From address of alert e-mails.")


class ApiSettings(CommonSettings):
    """The HTTP API and map page (`strikewatch serve`, `strikewatch run --serve`)."""

    api_host: str = Field("127.0.0.1", description="Address `strikewatch serve` listens on; any non-loopback address needs api_tokens.")
    api_port: int = Field(8080, ge=1, le=65535, description="Port `strikewatch serve` listens on.")
    api_tokens: SecretStr = Field(
        SecretStr(""),
        description="Bearer tokens allowed to use the API, comma-separated (secret). Empty: no token asked, "
        "and the API may only listen on a loopback address.",
    )
    api_rate_per_minute: int = Field(
        600, ge=1, description="Requests one client (token, else address) may make per minute; more get 429 with Retry-After."
    )
    api_max_stream_clients: int = Field(
        500, ge=1, description="Server-Sent Events clients connected at once; one more gets 503."
    )
    api_poll_seconds: float = Field(
        0.5, gt=0, le=10, description="How often the API reads new event revisions from the archive for the live stream."
    )
    api_tile_url: str = Field(
        "",
        description="Map tile URL template for the page (https://tiles.example/{z}/{x}/{y}.png); empty: offline "
        "country outlines only. Its host is added to the page's Content-Security-Policy.",
    )
    api_tile_attribution: str = Field("", description="Attribution text shown with the tiles (their licence usually asks for it).")

    @field_validator("api_tile_url")
    @classmethod
    def _tile_url(cls, v: str) -> str:
        if v and not v.startswith(("https://", "http://")):
            raise ValueError("must be an http(s):// URL template with {z}, {x} and {y}, or empty")
        return v

    @property
    def tokens(self) -> frozenset[str]:
        return frozenset(t.strip() for t in self.api_tokens.get_secret_value().split(",") if t.strip())


class RunSettings(ProducerSettings, ProcessorSettings, SinkSettings, ApiSettings):
    """`strikewatch run`: every stage in one process (no /metrics server with --once)."""
