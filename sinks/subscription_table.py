"""Subscriptions kept in the sink database (archive-backed deployments)."""

from __future__ import annotations

from pydantic import ValidationError

from strikewatch.core.netguard import PUBLIC_ONLY, NetworkPolicy
from strikewatch.core.timefmt import iso_z, utcnow
from strikewatch.sinks.subscriptions import Subscription, SubscriptionsError

TABLE_SCHEMA = """
CREATE TABLE IF NOT EXISTS subscriptions (
    id TEXT PRIMARY KEY,
    data TEXT NOT NULL,
    updated TEXT NOT NULL
)
"""


class SubscriptionTable:
    """Subscriptions kept in the sink database, so every sink replica reads the same set.

    ``strikewatch subscriptions import FILE`` replaces the whole set from a checked YAML
    file (place names already resolved); a sink without ``STRIKEWATCH_SUBSCRIPTIONS_FILE``
    reads the table at start.
    """

    def __init__(self, db):
        self.db = db
        db.script(TABLE_SCHEMA)

    def replace(self, subscriptions: list[Subscription]) -> None:

        now = iso_z(utcnow())
        with self.db.transaction():
            self.db.execute("DELETE FROM subscriptions")
            for sub in subscriptions:
                self.db.execute("INSERT INTO subscriptions (id, data, updated) VALUES (?, ?, ?)",
                                (sub.id, sub.model_dump_json(), now))

    def load(self, policy: NetworkPolicy = PUBLIC_ONLY) -> list[Subscription]:
        """The stored subscriptions, checked again against this sink's network ``policy``."""
        rows = self.db.query("SELECT id, data FROM subscriptions ORDER BY id")
        out = []
        for row in rows:
            try:
                out.append(Subscription.model_validate_json(row["data"], context={"policy": policy}))
            except ValidationError as exc:
                raise SubscriptionsError(f"subscriptions table, id {row['id']!r}: {exc.errors()[0]['msg']}") from None
        return out
