"""The alert side of both runners: archive every event, deliver alerts to subscribers.

``strikewatch run`` and ``strikewatch sink`` build one :class:`AlertSink` from their
settings and call :meth:`AlertSink.archive` for every event revision and
:meth:`AlertSink.alert` for every (coalesced) revision to alert on.
"""

from __future__ import annotations

import logging
from typing import IO

from strikewatch.core.errors import UsageError
from strikewatch.core.metrics import Metrics
from strikewatch.core.records import Alert, Event
from strikewatch.core.timefmt import utcnow
from strikewatch.sinks.alerts import render_alert
from strikewatch.sinks.archive import Archive
from strikewatch.sinks.channels import build_channels
from strikewatch.sinks.db import Database, open_database
from strikewatch.sinks.delivery import Deliverer, DeliveryLog, FailureHandler, RetryPolicy
from strikewatch.sinks.subscription_table import SubscriptionTable
from strikewatch.sinks.subscriptions import (
    Subscription,
    SubscriptionsError,
    default_subscriptions,
    load_subscriptions,
)

log = logging.getLogger(__name__)


def subscriptions_from_settings(settings, db: Database | None = None) -> list[Subscription]:
    """The subscriptions file if set, else the subscriptions table if it has rows, else the default."""
    try:
        if settings.subscriptions_file is not None:
            return load_subscriptions(settings.subscriptions_file, settings.network_policy)
        if db is not None:
            stored = SubscriptionTable(db).load(settings.network_policy)
            if stored:
                return stored
        return default_subscriptions(settings.webhook_url, settings.console, settings.network_policy)
    except SubscriptionsError as exc:
        raise UsageError(str(exc)) from None


class AlertSink:
    """``archive_db``: where events are archived, when not beside the delivery log (the demo
    keeps its archive apart from the real one)."""

    def __init__(self, settings, metrics: Metrics, stream: IO[str] | None = None,
                 on_failure: FailureHandler | None = None, archive_db: Database | None = None):
        try:
            self.db = open_database(settings.database_url.get_secret_value(), settings.data_dir)
        except ValueError as exc:
            raise UsageError(str(exc)) from None
        try:
            subscriptions = subscriptions_from_settings(settings, self.db)
            subscribers = [(s, build_channels(s, settings, stream)) for s in subscriptions]
        except UsageError:
            self.db.close()
            raise
        self.archive_db = archive_db
        self.archive_store = Archive(archive_db or self.db)
        self.delivery_log = DeliveryLog(self.db)
        policy = RetryPolicy(settings.alert_retries, settings.alert_backoff_seconds,
                             settings.alert_backoff_max_seconds)
        self.deliverer = Deliverer(subscribers, self.delivery_log, metrics, policy, on_failure)
        log.info("alerts ready subscriptions=%d store=%s", len(subscriptions), self.db.description)

    def archive(self, event: Event) -> None:
        self.archive_store.store(event)

    def alert(self, event: Event) -> Alert:
        alert = render_alert(event, utcnow())
        self.deliverer.deliver(alert)
        return alert

    def flush(self, force: bool = False) -> None:
        self.deliverer.flush(force)

    def close(self) -> None:
        self.db.close()
        if self.archive_db is not None:
            self.archive_db.close()
