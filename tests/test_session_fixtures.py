"""The session's expensive fixtures (a Kafka broker, a PostgreSQL cluster) exist once.

pytest keeps a session fixture per definition: a conftest that defines one again, or
imports it from another conftest (which registers it again), starts a second broker or
cluster in the same run.
"""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent
SESSION_FIXTURES = {"kafka_broker", "kafka_bootstrap", "postgres_url"}


def names_in(conftest: Path) -> set[str]:
    """Functions defined and names imported at the top of a conftest."""
    tree = ast.parse(conftest.read_text())
    names = set()
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            names.add(node.name)
        elif isinstance(node, ast.ImportFrom | ast.Import):
            names |= {alias.asname or alias.name for alias in node.names}
    return names


def test_each_session_fixture_is_defined_once_in_the_top_conftest():
    assert SESSION_FIXTURES <= names_in(TESTS / "conftest.py")
    again = {str(c.relative_to(TESTS)): sorted(SESSION_FIXTURES & names_in(c))
             for c in TESTS.rglob("conftest.py") if c != TESTS / "conftest.py"}
    assert {c: n for c, n in again.items() if n} == {}
