"""Producer state on disk: the seen-set and per-feed conditional-GET validators.

Both live in one SQLite file (``data_dir/seen.sqlite3`` by default) so that a restarted
poller neither re-emits old items nor re-downloads unchanged feeds. Each store
keeps one connection guarded by a lock, so it can be shared between threads.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from strikewatch.core.timefmt import utcnow

#: File name of the producer state database inside ``data_dir``.
STATE_FILE = "seen.sqlite3"


def _connect(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, timeout=30, check_same_thread=False, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    return conn


class _Store:
    def __init__(self, path: Path):
        """Open (or create) the SQLite file at ``path``, e.g. ``data_dir / STATE_FILE``."""
        self.path = Path(path)
        self._conn = _connect(self.path)
        self._lock = threading.Lock()

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class SeenStore(_Store):
    """Keys of feed items already emitted, with when they were first and last seen.

    With ``confirm_sends`` (the poller service), a new key is *pending* until
    :meth:`confirm` records that Kafka acknowledged the item, and
    :meth:`forget_pending` (called at start) drops the keys of items a killed poller had
    handed to its producer but Kafka never acknowledged, so the next poll emits them
    again instead of losing them. Without it (``strikewatch run``, tools) keys are final
    when added.
    """

    def __init__(self, path: Path, confirm_sends: bool = False):
        super().__init__(path)
        self.confirm_sends = confirm_sends
        with self._lock:
            self._conn.execute(
                "CREATE TABLE IF NOT EXISTS seen ("
                " key TEXT PRIMARY KEY, first_seen REAL NOT NULL, last_seen REAL NOT NULL,"
                " pending INTEGER NOT NULL DEFAULT 0)"
            )
            columns = {row[1] for row in self._conn.execute("PRAGMA table_info(seen)")}
            if "pending" not in columns:  # a file written before pending keys existed
                self._conn.execute("ALTER TABLE seen ADD COLUMN pending INTEGER NOT NULL DEFAULT 0")
            self._conn.execute("CREATE INDEX IF NOT EXISTS seen_last ON seen (last_seen)")

    def add_new(self, keys: Iterable[str], now: datetime | None = None) -> set[str]:
        """Record ``keys``; return those that had not been seen before."""
        return self.add_items([list(keys)], now)[0]

    def add_items(
        self, items: Sequence[Collection[str]], now: datetime | None = None
    ) -> list[set[str]]:
        """For each item (a group of keys), record its keys and return the new ones.

        One transaction for the whole batch: concurrent callers see either all
        or none of it, so one item reached from two feeds is new for one only.
        """
        stamp = (now or utcnow()).timestamp()
        result: list[set[str]] = []
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                for keys in items:
                    new: set[str] = set()
                    for key in dict.fromkeys(keys):
                        seen = self._conn.execute(
                            "SELECT 1 FROM seen WHERE key = ?", (key,)
                        ).fetchone()
                        if seen:
                            # last_seen keeps items still listed in a feed from expiring.
                            self._conn.execute(
                                "UPDATE seen SET last_seen = ? WHERE key = ?", (stamp, key)
                            )
                        else:
                            self._conn.execute(
                                "INSERT INTO seen (key, first_seen, last_seen, pending)"
                                " VALUES (?, ?, ?, ?)",
                                (key, stamp, stamp, int(self.confirm_sends)),
                            )
                            new.add(key)
                    result.append(new)
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")
        return result

    def forget(self, keys: Iterable[str]) -> int:
        """Forget ``keys`` (an item whose send to Kafka failed must be emitted again)."""
        with self._lock:
            cursor = self._conn.executemany("DELETE FROM seen WHERE key = ?", [(k,) for k in keys])
            return cursor.rowcount

    def confirm(self, keys: Iterable[str]) -> None:
        """Kafka acknowledged the items of ``keys``: they are no longer pending."""
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                self._conn.executemany(
                    "UPDATE seen SET pending = 0 WHERE key = ? AND pending = 1", [(k,) for k in keys]
                )
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    def forget_pending(self) -> int:
        """Forget every pending key (items never acknowledged); return how many."""
        with self._lock:
            return self._conn.execute("DELETE FROM seen WHERE pending = 1").rowcount

    def pending(self) -> int:
        with self._lock:
            return self._conn.execute("SELECT COUNT(*) FROM seen WHERE pending = 1").fetchone()[0]

    def expire(self, older_than: datetime) -> int:
        """Forget keys not seen since ``older_than``; return how many were dropped."""
        with self._lock:
            cursor = self._conn.execute(
                "DELETE FROM seen WHERE last_seen < ?", (older_than.timestamp(),)
            )
            return cursor.rowcount

    def __len__(self) -> int:
        with self._lock:
            return self._conn.execute("SELECT COUNT(*) FROM seen").fetchone()[0]

    def __contains__(self, key: object) -> bool:
        with self._lock:
            return (
                self._conn.execute("SELECT 1 FROM seen WHERE key = ?", (key,)).fetchone()
                is not None
            )


#: Consecutive failures after which a feed counts as ``dead`` (still retried, slowly).
DEAD_AFTER_FAILURES = 10

#: Health states of a feed, a small fixed set (the ``health`` metrics label).
HEALTH_STATES = ("new", "ok", "failing", "dead", "retired")

_HEALTH_COLUMNS = {
    "moved_to": "TEXT",
    "retired_at": "REAL",
    "retired_reason": "TEXT",
    "last_polled": "REAL",
    "last_success": "REAL",
    "last_error": "TEXT",
    "last_error_at": "REAL",
    "consecutive_failures": "INTEGER NOT NULL DEFAULT 0",
    "polls": "INTEGER NOT NULL DEFAULT 0",
    "items_total": "INTEGER NOT NULL DEFAULT 0",
    "items_per_day": "REAL",
    "interval": "REAL",
    "next_poll": "REAL",
}


@dataclass(frozen=True)
class FeedHealth:
    """What the state database knows about one feed (times are UTC)."""

    url: str
    etag: str | None = None
    last_modified: str | None = None
    moved_to: str | None = None
    retired_at: datetime | None = None
    retired_reason: str | None = None
    last_polled: datetime | None = None
    last_success: datetime | None = None
    last_error: str | None = None
    last_error_at: datetime | None = None
    consecutive_failures: int = 0
    polls: int = 0
    items_total: int = 0
    items_per_day: float | None = None
    interval: float | None = None
    next_poll: datetime | None = None

    @property
    def health(self) -> str:
        """One of :data:`HEALTH_STATES`."""
        if self.retired_at is not None:
            return "retired"
        if self.consecutive_failures >= DEAD_AFTER_FAILURES:
            return "dead"
        if self.consecutive_failures:
            return "failing"
        return "ok" if self.last_success is not None else "new"


def _ts(value: float | None) -> datetime | None:
    return datetime.fromtimestamp(value, UTC) if value is not None else None


class FeedState(_Store):
    """Per-feed conditional-GET validators, permanent moves, retirement and health."""

    def __init__(self, path: Path):
        super().__init__(path)
        with self._lock:
            self._conn.execute(
                "CREATE TABLE IF NOT EXISTS feed_state ("
                " url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT, updated REAL NOT NULL)"
            )
            # Databases written before health was tracked get the new columns in place.
            have = {row[1] for row in self._conn.execute("PRAGMA table_info(feed_state)")}
            for column, kind in _HEALTH_COLUMNS.items():
                if column not in have:
                    self._conn.execute(f"ALTER TABLE feed_state ADD COLUMN {column} {kind}")

    def get(self, url: str) -> tuple[str | None, str | None]:
        """(ETag, Last-Modified) stored for the feed, or (None, None)."""
        with self._lock:
            row = self._conn.execute(
                "SELECT etag, last_modified FROM feed_state WHERE url = ?", (url,)
            ).fetchone()
        return (row[0], row[1]) if row else (None, None)

    def put(self, url: str, etag: str | None, last_modified: str | None) -> None:
        """Store the validators of the feed's last successful response."""
        self._upsert(url, etag=etag, last_modified=last_modified)

    def conditional_headers(self, url: str) -> dict[str, str]:
        """If-None-Match / If-Modified-Since headers for the next GET of ``url``."""
        etag, last_modified = self.get(url)
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        return headers

    def health(self, url: str) -> FeedHealth:
        """The feed's record (an empty ``new`` one if never polled)."""
        with self._lock:
            cursor = self._conn.execute("SELECT * FROM feed_state WHERE url = ?", (url,))
            row = cursor.fetchone()
            names = [d[0] for d in cursor.description]
        return self._health(dict(zip(names, row, strict=True))) if row else FeedHealth(url)

    def all_health(self) -> list[FeedHealth]:
        """Every feed the database knows, by URL."""
        with self._lock:
            cursor = self._conn.execute("SELECT * FROM feed_state ORDER BY url")
            names = [d[0] for d in cursor.description]
            rows = cursor.fetchall()
        return [self._health(dict(zip(names, row, strict=True))) for row in rows]

    def record_success(
        self,
        url: str,
        *,
        etag: str | None,
        last_modified: str | None,
        new_items: int,
        items_per_day: float | None,
        moved_to: str | None = None,
        now: datetime | None = None,
    ) -> None:
        """A 200 or 304: store validators, reset failures, update the publishing rate."""
        now = now or utcnow()
        fields: dict[str, object] = {
            "etag": etag,
            "last_modified": last_modified,
            "last_polled": now.timestamp(),
            "last_success": now.timestamp(),
            "consecutive_failures": 0,
        }
        if moved_to:
            fields["moved_to"] = moved_to
        if items_per_day is not None:
            fields["items_per_day"] = items_per_day
        self._upsert(url, **fields)
        with self._lock:
            self._conn.execute(
                "UPDATE feed_state SET polls = polls + 1, items_total = items_total + ?"
                " WHERE url = ?",
                (new_items, url),
            )

    def record_failure(self, url: str, error: str, now: datetime | None = None) -> int:
        """A failed poll; returns the number of consecutive failures."""
        now = now or utcnow()
        self._upsert(
            url, last_polled=now.timestamp(), last_error=error, last_error_at=now.timestamp()
        )
        with self._lock:
            self._conn.execute(
                "UPDATE feed_state SET polls = polls + 1,"
                " consecutive_failures = consecutive_failures + 1 WHERE url = ?",
                (url,),
            )
            return self._conn.execute(
                "SELECT consecutive_failures FROM feed_state WHERE url = ?", (url,)
            ).fetchone()[0]

    def retire(self, url: str, reason: str, now: datetime | None = None) -> None:
        """Stop polling the feed for good (HTTP 410 Gone)."""
        now = now or utcnow()
        self._upsert(
            url,
            retired_at=now.timestamp(),
            retired_reason=reason,
            last_error=reason,
            last_error_at=now.timestamp(),
        )

    def revive(self, url: str) -> None:
        """Poll a retired feed again (``strikewatch feeds add`` of the same URL)."""
        self._upsert(url, retired_at=None, retired_reason=None, consecutive_failures=0)

    def set_schedule(self, url: str, interval: float, next_poll: datetime) -> None:
        """Remember the feed's interval and next poll, so a restart keeps its rhythm."""
        self._upsert(url, interval=interval, next_poll=next_poll.timestamp())

    def forget(self, url: str) -> bool:
        """Drop everything about the feed; True if there was something."""
        with self._lock:
            return self._conn.execute("DELETE FROM feed_state WHERE url = ?", (url,)).rowcount > 0

    def _upsert(self, url: str, **fields: object) -> None:
        fields["updated"] = utcnow().timestamp()
        names = list(fields)
        with self._lock:
            self._conn.execute(
                f"INSERT INTO feed_state (url, {', '.join(names)})"
                f" VALUES (?, {', '.join('?' for _ in names)})"
                f" ON CONFLICT (url) DO UPDATE SET"
                f" {', '.join(f'{n} = excluded.{n}' for n in names)}",
                (url, *fields.values()),
            )

    @staticmethod
    def _health(row: dict) -> FeedHealth:
        return FeedHealth(
            url=row["url"],
            etag=row["etag"],
            last_modified=row["last_modified"],
            moved_to=row["moved_to"],
            retired_at=_ts(row["retired_at"]),
            retired_reason=row["retired_reason"],
            last_polled=_ts(row["last_polled"]),
            last_success=_ts(row["last_success"]),
            last_error=row["last_error"],
            last_error_at=_ts(row["last_error_at"]),
            consecutive_failures=row["consecutive_failures"] or 0,
            polls=row["polls"] or 0,
            items_total=row["items_total"] or 0,
            items_per_day=row["items_per_day"],
            interval=row["interval"],
            next_poll=_ts(row["next_poll"]),
        )
