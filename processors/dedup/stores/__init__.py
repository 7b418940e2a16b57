"""The dedup state's storage: one small key-value interface, one module per backend.

A store holds JSON-able values (lists, strings) under string keys. Backends:
:mod:`.memory` (``strikewatch dedup``, ``eval dedup``, benchmarks), :mod:`.sqlite` (the
one-process runner: survives restarts) and :mod:`.table` (the faust Table of the
processor app: changelogged to Kafka).
"""

from __future__ import annotations

from typing import Any, Protocol


class Store(Protocol):
    """A key-value store of JSON-able values (lists, strings)."""

    def get(self, key: str) -> Any:
        """The value under ``key``, or None."""

    def put(self, key: str, value: Any) -> None:
        """Store ``value`` under ``key`` (replacing any)."""

    def delete(self, key: str) -> None:
        """Remove ``key`` if present."""
