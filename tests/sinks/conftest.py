"""Fixtures of the sink tests: the same test database on SQLite and on PostgreSQL.

The PostgreSQL cluster (``postgres_url``, ``postgres_db_url``) is the session's one, in
tests/conftest.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from strikewatch.sinks.db import Database, open_database


@pytest.fixture(params=["sqlite", "postgresql"])
def open_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator:
    """Opens the same test database on every call (a restart); SQLite file or PostgreSQL."""
    url = request.getfixturevalue("postgres_db_url") if request.param == "postgresql" else ""
    opened: list[Database] = []

    def open_() -> Database:
        database = open_database(url, tmp_path / "data")
        opened.append(database)
        return database

    yield open_
    for database in opened:
        database.close()


@pytest.fixture
def db(open_db) -> Database:
    """The same tests on the embedded SQLite file and on PostgreSQL."""
    return open_db()
