"""Alert channels: console, signed webhook, SMTP e-mail, and anything apprise reaches.

A channel makes one attempt per call and raises :class:`DeliveryError` saying whether
trying again could help; retries, backoff and the delivery log live in
``sinks/delivery.py``, so every channel gets the same policy.
"""

from __future__ import annotations

import json
import logging
import smtplib
import ssl
import sys
import time
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from typing import IO, Protocol

import httpx

from strikewatch.core.errors import UsageError
from strikewatch.core.httpguard import sync_pinned_transport
from strikewatch.core.netguard import PUBLIC_ONLY, BlockedAddressError, NetworkPolicy
from strikewatch.core.records import Alert
from strikewatch.sinks.render import Message, render_digest, render_message
from strikewatch.sinks.signing import sign
from strikewatch.sinks.subscriptions import (
    AppriseTarget,
    ConsoleTarget,
    EmailTarget,
    Subscription,
    WebhookTarget,
    apprise_host,
)

log = logging.getLogger(__name__)


class DeliveryError(RuntimeError):
    """One delivery attempt failed; ``retryable`` says whether another attempt may succeed."""

    def __init__(self, message: str, retryable: bool = True):
        super().__init__(message)
        self.retryable = retryable


@dataclass(frozen=True)
class Payload:
    """What one channel sends once: one alert, or a digest of several."""

    key: str  # idempotency key, sent to receivers that can use it
    alerts: list[Alert]
    digest: bool = False
    message: Message = field(init=False)

    def __post_init__(self):
        msg = render_digest(self.alerts) if self.digest else render_message(self.alerts[0])
        object.__setattr__(self, "message", msg)

    def body(self) -> bytes:
        """The JSON body for machines: the Alert record, or a digest record of them."""
        if not self.digest:
            return self.alerts[0].to_bytes()
        return json.dumps({"schema": "strikewatch.digest/1", "key": self.key,
                           "alerts": [a.to_dict() for a in self.alerts]}).encode("utf-8")


class Channel(Protocol):
    kind: str  # the `channel` label of the metrics: console, webhook, email, apprise
    name: str  # for logs; never contains a secret

    def send(self, payload: Payload) -> None: ...


class ConsoleChannel:
    """Each alert as one JSON line on a stream (stdout by default)."""

    kind = name = "console"

    def __init__(self, stream: IO[str] | None = None):
        self.stream = stream or sys.stdout

    def send(self, payload: Payload) -> None:
        for alert in payload.alerts:
            self.stream.write(alert.to_json() + "\n")
        self.stream.flush()


class WebhookChannel:
    """POST the alert JSON; signed with HMAC-SHA256 when a secret is given (see signing.py).

    Connections go only where ``policy`` allows (the pinned transport of
    :mod:`strikewatch.core.httpguard`); redirects are not followed. A refused address is
    a permanent failure: the alert is dead-lettered with the reason, not retried.
    """

    kind = "webhook"

    def __init__(self, url: str, secret: bytes = b"", timeout: float = 10.0,
                 client: httpx.Client | None = None, policy: NetworkPolicy = PUBLIC_ONLY):
        self.url = url
        self.name = f"webhook {httpx.URL(url).copy_with(query=None, userinfo=b'')}"
        self.secret = secret
        self.client = client or httpx.Client(
            timeout=timeout, follow_redirects=False, transport=sync_pinned_transport(policy)
        )

    def send(self, payload: Payload) -> None:
        body = payload.body()
        headers = {"Content-Type": "application/json", "Idempotency-Key": payload.key,
                   "User-Agent": "strikewatch-alerts/1"}
        if self.secret:
            timestamp = str(int(time.time()))
            headers["X-Strikewatch-Timestamp"] = timestamp
            headers["X-Strikewatch-Signature"] = sign(self.secret, timestamp, body)
        try:
            response = self.client.post(self.url, content=body, headers=headers)
        except BlockedAddressError as exc:
            raise DeliveryError(f"{self.name}: refused by the network policy: {exc}", False) from None
        except httpx.HTTPError as exc:
            raise DeliveryError(f"{self.name}: {type(exc).__name__}: {exc}") from None
        if response.status_code >= 300:
            # 4xx other than 408/429 means this request will never be accepted.
            retryable = response.status_code >= 500 or response.status_code in (408, 429)
            raise DeliveryError(f"{self.name}: HTTP {response.status_code}", retryable)


@dataclass(frozen=True)
class SmtpConfig:
    host: str
    port: int = 25
    sender: str = "strikewatch@localhost"
    username: str = ""
    password: str = ""
    security: str = "starttls"  # none | starttls | ssl
    timeout: float = 20.0


class EmailChannel:
    """A multipart text + HTML e-mail through an SMTP server (stdlib smtplib)."""

    kind = "email"

    def __init__(self, to: str, config: SmtpConfig):
        self.to = to
        self.config = config
        self.name = f"email {to}"

    def build(self, payload: Payload) -> EmailMessage:
        msg = EmailMessage()
        # Header injection: the title is untrusted, so no line breaks in it.
        msg["Subject"] = " ".join(payload.message.title.split())[:200]
        msg["From"] = self.config.sender
        msg["To"] = self.to
        msg["Date"] = formatdate(localtime=False)
        msg["Message-ID"] = make_msgid(domain="strikewatch")
        msg["X-Strikewatch-Key"] = payload.key
        msg.set_content(payload.message.text)
        msg.add_alternative(f"<html><body>{payload.message.html}</body></html>", subtype="html")
        return msg

    def send(self, payload: Payload) -> None:
        c = self.config
        msg = self.build(payload)
        try:
            if c.security == "ssl":
                smtp = smtplib.SMTP_SSL(c.host, c.port, timeout=c.timeout,
                                        context=ssl.create_default_context())
            else:
                smtp = smtplib.SMTP(c.host, c.port, timeout=c.timeout)
            with smtp:
                if c.security == "starttls":
                    smtp.starttls(context=ssl.create_default_context())
                if c.username:
                    smtp.login(c.username, c.password)
                smtp.send_message(msg)
        except smtplib.SMTPResponseException as exc:
            # 4xx is a temporary refusal (greylisting, full queue); 5xx is final.
            raise DeliveryError(f"{self.name}: SMTP {exc.smtp_code} {exc.smtp_error!r}",
                                retryable=400 <= exc.smtp_code < 500) from None
        except smtplib.SMTPRecipientsRefused as exc:
            raise DeliveryError(f"{self.name}: recipient refused {exc.recipients}", False) from None
        except (smtplib.SMTPException, OSError) as exc:
            raise DeliveryError(f"{self.name}: {type(exc).__name__}: {exc}") from None


class AppriseChannel:
    """Slack, Teams, Telegram, Discord, ntfy, Matrix, ... through one apprise URL.

    The message goes as Markdown (untrusted text escaped); apprise converts it to
    each service's own format. For self-hosted services (:data:`SELF_HOSTED_APPRISE`)
    the host is checked against ``policy`` before each notification; apprise makes its
    own connection, so unlike a webhook's the address is not pinned between check and use.
    """

    kind = "apprise"

    def __init__(self, url: str, policy: NetworkPolicy = PUBLIC_ONLY):
        import apprise

        self.apprise = apprise
        self.notifier = apprise.Apprise()
        self.name = f"apprise {url.split('://')[0]}"  # the rest may hold tokens
        try:
            self.host = apprise_host(url)
        except BlockedAddressError:
            raise UsageError(f"not a usable apprise URL ({self.name}: no valid host)") from None
        self.policy = policy
        if not self.notifier.add(url):
            raise UsageError(f"not a usable apprise URL (scheme {url.split('://')[0]!r})")

    def check(self) -> None:
        """Raise :class:`BlockedAddressError` if the policy refuses the URL's host."""
        if self.host is not None:
            self.policy.addresses(*self.host)

    def send(self, payload: Payload) -> None:
        try:
            self.check()
        except BlockedAddressError as exc:
            raise DeliveryError(f"{self.name}: refused by the network policy: {exc}", False) from None
        ok = self.notifier.notify(
            title=payload.message.title[:250],
            body=payload.message.markdown,
            body_format=self.apprise.NotifyFormat.MARKDOWN,
        )
        if not ok:
            # apprise reports only success or failure; treat failures as transient.
            raise DeliveryError(f"{self.name}: notification failed")


def build_channels(subscription: Subscription, settings, stream: IO[str] | None = None,
                   environ: dict[str, str] | None = None) -> list[Channel]:
    """The channels of one subscription; a missing secret or SMTP server is a usage error."""
    import os

    env = os.environ if environ is None else environ
    channels: list[Channel] = []
    for target in subscription.channels:
        if isinstance(target, ConsoleTarget):
            channels.append(ConsoleChannel(stream))
        elif isinstance(target, WebhookTarget):
            secret = b""
            if target.secret_env:
                value = env.get(target.secret_env, "")
                if not value:
                    raise UsageError(f"subscription {subscription.id}: environment variable "
                                     f"{target.secret_env} (the webhook secret) is not set")
                secret = value.encode("utf-8")
            channels.append(WebhookChannel(target.url, secret, settings.webhook_timeout_seconds,
                                           policy=settings.network_policy))
        elif isinstance(target, EmailTarget):
            if not settings.smtp_host:
                raise UsageError(f"subscription {subscription.id}: e-mail needs STRIKEWATCH_SMTP_HOST")
            channels.append(EmailChannel(target.to, smtp_config(settings)))
        elif isinstance(target, AppriseTarget):
            try:
                channels.append(AppriseChannel(target.url, settings.network_policy))
            except UsageError as exc:
                raise UsageError(f"subscription {subscription.id}: {exc}") from None
    return channels


def smtp_config(settings) -> SmtpConfig:
    return SmtpConfig(
        host=settings.smtp_host, port=settings.smtp_port, sender=settings.smtp_from,
        username=settings.smtp_username, password=settings.smtp_password.get_secret_value(),
        security=settings.smtp_security, timeout=settings.webhook_timeout_seconds,
    )
