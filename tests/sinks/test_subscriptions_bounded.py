"""A subscriptions file costs bounded time and memory, whatever is in it (issue #17)."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from strikewatch.sinks.subscriptions import (
    MAX_FILE_BYTES,
    MAX_SUBSCRIPTIONS,
    SubscriptionsError,
    load_subscriptions,
    parse_subscriptions,
)

GOOD = """subscriptions:
  - id: desk
    channels:
      - type: console
"""


def alias_bomb(levels: int = 9, width: int = 8) -> str:
    """Each anchor a list of ``width`` aliases of the one before: width**levels nodes."""
    lines = ["a0: &a0 [x]"]
    for n in range(1, levels):
        lines.append(f"a{n}: &a{n} [{', '.join(f'*a{n - 1}' for _ in range(width))}]")
    lines.append(f"subscriptions: *a{levels - 1}")
    return "\n".join(lines) + "\n"


def test_an_alias_bomb_is_refused_at_once_naming_the_line():
    text = alias_bomb()
    assert len(text) < 500
    start = time.perf_counter()
    with pytest.raises(SubscriptionsError, match=r"bomb\.yaml:2: not valid YAML: aliases"):
        parse_subscriptions(text, "bomb.yaml")
    assert time.perf_counter() - start < 1.0


def test_subscriptions_check_on_an_alias_bomb_is_a_one_line_error(tmp_path):
    path = tmp_path / "bomb.yaml"
    path.write_text(alias_bomb())
    result = subprocess.run(
        [sys.executable, "-m", "strikewatch.cli", "subscriptions", "check", str(path)],
        capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "aliases" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_duplicate_key_is_refused_naming_both_lines():
    text = GOOD.replace("      - type: console\n", "      - type: console\n    id: other\n")
    with pytest.raises(SubscriptionsError, match=r"s\.yaml:5: .*duplicate key 'id' \(first given on line 2\)"):
        parse_subscriptions(text, "s.yaml")


def test_a_file_that_is_not_utf8_is_a_one_line_error(tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes(GOOD.encode() + "# caf\xe9\n".encode("latin-1"))
    with pytest.raises(SubscriptionsError, match=r"latin1\.yaml:5: not UTF-8 \(byte 0xe9"):
        load_subscriptions(path)


def test_an_oversized_file_is_refused_before_parsing(tmp_path):
    path = tmp_path / "big.yaml"
    path.write_text(GOOD + "#" * MAX_FILE_BYTES + "\n")
    with pytest.raises(SubscriptionsError, match="at most 2,000,000"):
        load_subscriptions(path)


def test_too_many_subscriptions_are_refused():
    entries = "".join(
        f"  - {{id: s{n}, channels: [{{type: console}}]}}\n" for n in range(MAX_SUBSCRIPTIONS + 1)
    )
    with pytest.raises(SubscriptionsError, match=r"10,001 subscriptions; at most 10,000"):
        parse_subscriptions("subscriptions:\n" + entries, "many.yaml")


def test_deep_nesting_is_an_error_not_a_crash():
    text = "subscriptions: " + "[" * 50_000 + "]" * 50_000 + "\n"
    with pytest.raises(SubscriptionsError, match="deep.yaml"):
        parse_subscriptions(text, "deep.yaml")


def test_the_line_index_still_names_the_line_of_a_bad_field():
    text = GOOD + "  - id: second\n    channels:\n      - type: webhook\n        url: not-a-url\n"
    with pytest.raises(SubscriptionsError, match=r"s\.yaml:8: subscriptions\[1\]\.channels\[0\]\.url"):
        parse_subscriptions(text, "s.yaml")
