"""Alert channels: console (JSON lines) and webhook (HTTP POST JSON)."""

from __future__ import annotations

import logging
import random
import sys
import time
from typing import IO, Protocol

import httpx

from strikewatch.metrics import Metrics
from strikewatch.records import Alert

log = logging.getLogger(__name__)


class DeliveryError(RuntimeError):
    """An alert could not be delivered after the last retry."""


class Channel(Protocol):
    name: str

    def send(self, alert: Alert) -> None: ...


class ConsoleChannel:
    """Each alert as one JSON line on a stream (stdout by default)."""

    name = "console"

    def __init__(self, stream: IO[str] | None = None):
        self.stream = stream or sys.stdout

    def send(self, alert: Alert) -> None:
        self.stream.write(alert.to_json() + "\n")
        self.stream.flush()


class WebhookChannel:
    """POST each alert as JSON; retry 5xx, 429 and connection errors with backoff."""

    name = "webhook"

    def __init__(self, url: str, timeout: float = 10.0, retries: int = 3,
                 client: httpx.Client | None = None, backoff_seconds: float = 0.5):
        self.url = url
        self.retries = retries
        self.backoff_seconds = backoff_seconds
        self.client = client or httpx.Client(timeout=timeout)

    def send(self, alert: Alert) -> None:
        body = alert.to_bytes()
        headers = {"Content-Type": "application/json", "Idempotency-Key": alert.alert_id}
        for attempt in range(self.retries + 1):
            try:
                response = self.client.post(self.url, content=body, headers=headers)
            except httpx.HTTPError as exc:
                problem = f"{type(exc).__name__}: {exc}"
            else:
                if response.status_code < 300:
                    return
                problem = f"HTTP {response.status_code}"
                if response.status_code < 500 and response.status_code != 429:
                    raise DeliveryError(f"webhook {self.url} refused alert {alert.alert_id}: {problem}")
            if attempt < self.retries:
                delay = self.backoff_seconds * (2**attempt) * (0.5 + random.random())
                log.warning("webhook retry url=%s alert=%s problem=%s in=%.2fs",
                            self.url, alert.alert_id, problem, delay)
                time.sleep(delay)
        raise DeliveryError(
            f"webhook {self.url} failed for alert {alert.alert_id} after {self.retries + 1} attempts: {problem}"
        )


class Dispatcher:
    """Send each alert to every channel; count outcomes; one failing channel spares the others."""

    def __init__(self, channels: list[Channel], metrics: Metrics):
        self.channels = channels
        self.metrics = metrics

    def dispatch(self, alert: Alert) -> bool:
        ok = True
        for channel in self.channels:
            try:
                channel.send(alert)
            except (DeliveryError, OSError) as exc:
                ok = False
                log.error("alert not delivered channel=%s alert=%s error=%s", channel.name, alert.alert_id, exc)
                self.metrics.alerts.labels(channel=channel.name, outcome="failed").inc()
                self.metrics.fail("alert", "delivery_failed")
            else:
                self.metrics.alerts.labels(channel=channel.name, outcome="sent").inc()
        return ok


def channels_from_settings(settings, stream: IO[str] | None = None) -> list[Channel]:
    channels: list[Channel] = []
    if settings.console:
        channels.append(ConsoleChannel(stream))
    if settings.webhook_url:
        channels.append(WebhookChannel(settings.webhook_url, settings.webhook_timeout_seconds,
                                       settings.webhook_retries))
    return channels
