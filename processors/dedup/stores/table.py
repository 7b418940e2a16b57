"""The dedup store over the faust Table of the processor app."""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any


class TableStore:
    """The store over a mapping that persists what is assigned to it: the faust Table
    (each assignment is a changelog message, each deletion a tombstone)."""

    def __init__(self, table: MutableMapping) -> None:
        self.table = table

    def get(self, key: str) -> Any:
        # not table.get: a Table with a default returns the default for a missing key
        return self.table[key] if key in self.table else None

    def put(self, key: str, value: Any) -> None:
        self.table[key] = value

    def delete(self, key: str) -> None:
        if key in self.table:
            del self.table[key]
