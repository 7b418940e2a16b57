"""Time on the wire: timezone-aware UTC, written as ISO-8601 with ``Z``."""

from __future__ import annotations

from datetime import UTC, datetime


def utcnow() -> datetime:
    """Now, timezone-aware, in UTC."""
    return datetime.now(UTC)


def iso_z(value: datetime) -> str:
    """``value`` in UTC as ISO-8601 with ``Z`` (``2024-06-01T12:00:00Z``); must be aware."""
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")
