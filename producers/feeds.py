"""The feeds file: which RSS/Atom feeds to poll.

The file is YAML, ``feeds: [{url: ..., name: ...}, ...]``; more keys per entry
are allowed and kept. :func:`load_feeds` raises :class:`FeedsFileError` naming
the file, the line and entry, and the field that is wrong.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from strikewatch.core.strict_yaml import compose

log = logging.getLogger(__name__)

#: The feed list used when no feeds file is given.
DEFAULT_FEEDS_FILE = Path(__file__).with_name("default-feeds.yaml")

#: A feeds file larger than this, or with more feeds, is refused before it is read further.
MAX_FILE_CHARS = 10_000_000
MAX_FEEDS = 50_000

#: Placeholder in replay feeds files and recordings for the replay server's URL.
BASE_PLACEHOLDER = "{{BASE}}"


class Feed(BaseModel):
    """One feed to poll. Extra keys from the feeds file are kept."""

    model_config = ConfigDict(frozen=True, extra="allow")

    url: str
    name: str = ""

    @field_validator("url")
    @classmethod
    def _absolute_http_url(cls, value: str) -> str:
        value = value.strip()
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError(f"{value!r} is not an absolute http(s) URL")
        return value

    @property
    def label(self) -> str:
        """The name if set, else the URL (for messages)."""
        return self.name or self.url


class FeedsFileError(ValueError):
    """The feeds file cannot be used; the message says where and why."""


def load_feeds(path: Path | None, *, base_url: str | None = None) -> list[Feed]:
    """Read a feeds file (``None``: the bundled default list).

    With ``base_url`` (replays), relative ``url`` values are resolved against it
    and ``{{BASE}}`` is replaced by it. Duplicate URLs are dropped with a warning.
    """
    path = DEFAULT_FEEDS_FILE if path is None else Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise FeedsFileError(
            f"{path}: cannot read the feeds file ({exc.strerror or exc})"
        ) from None
    except UnicodeDecodeError as exc:
        raise FeedsFileError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    if len(text) > MAX_FILE_CHARS:
        raise FeedsFileError(
            f"{path}: {len(text):,} characters; a feeds file may hold at most {MAX_FILE_CHARS:,}"
        )
    try:
        root, data = compose(text)  # no aliases, no duplicate keys: cost linear in the size
        lines = _entry_lines(root)
    except RecursionError:
        raise FeedsFileError(f"{path}: not valid YAML: nested too deeply") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark is not None else str(path)
        problem = getattr(exc, "problem", None) or str(exc)
        raise FeedsFileError(f"{where}: not valid YAML: {problem}") from None
    if not isinstance(data, dict) or "feeds" not in data:
        raise FeedsFileError(
            f"{path}: expected a mapping with a 'feeds' list, e.g. 'feeds: [{{url: ...}}]'"
        )
    entries = data["feeds"]
    if not isinstance(entries, list) or not entries:
        raise FeedsFileError(
            f"{path}: 'feeds' must be a non-empty list of {{url: ..., name: ...}} entries"
        )
    if len(entries) > MAX_FEEDS:
        raise FeedsFileError(f"{path}: {len(entries):,} feeds; at most {MAX_FEEDS:,} per file")

    feeds: list[Feed] = []
    seen: dict[str, int] = {}
    for number, entry in enumerate(entries, start=1):
        where = _where(path, lines, number, entry)
        if not isinstance(entry, dict):
            raise FeedsFileError(
                f"{where}: expected a mapping with 'url' and 'name', got {type(entry).__name__}"
            )
        if base_url is not None:
            entry = _resolve(entry, base_url)
        try:
            feed = Feed.model_validate(entry)
        except ValidationError as exc:
            first = exc.errors()[0]
            field = ".".join(str(p) for p in first["loc"]) or "?"
            msg = first["msg"].removeprefix("Value error, ")
            raise FeedsFileError(f"{where}: field '{field}': {msg}") from None
        if feed.url in seen:
            log.warning(
                "duplicate feed dropped file=%s entry=%s url=%s first_entry=%s",
                path,
                number,
                feed.url,
                seen[feed.url],
            )
            continue
        seen[feed.url] = number
        feeds.append(feed)
    return feeds


def _resolve(entry: dict[str, Any], base_url: str) -> dict[str, Any]:
    url = entry.get("url")
    if not isinstance(url, str):
        return entry
    url = url.replace(BASE_PLACEHOLDER, base_url)
    return {**entry, "url": urljoin(base_url.rstrip("/") + "/", url)}


def _where(path: Path, lines: list[int], number: int, entry: Any) -> str:
    line = f":{lines[number - 1]}" if number <= len(lines) else ""
    name = entry.get("name") if isinstance(entry, dict) else None
    label = f" ({name!r})" if isinstance(name, str) and name else ""
    return f"{path}{line}: entry {number}{label}"


def _entry_lines(root: yaml.Node | None) -> list[int]:
    """1-based line of each item of the top-level ``feeds`` sequence (best effort)."""
    if not isinstance(root, yaml.MappingNode):
        return []
    for key, value in root.value:
        if (
            isinstance(key, yaml.ScalarNode)
            and key.value == "feeds"
            and isinstance(value, yaml.SequenceNode)
        ):
            return [item.start_mark.line + 1 for item in value.value]
    return []


def save_feeds(path: Path, feeds: list[Feed]) -> None:
    """Write a feeds file (``feeds: [{url, name, ...}]``); comments in an old file are not kept."""
    entries = [{k: v for k, v in feed.model_dump().items() if v != ""} for feed in feeds]
    text = yaml.safe_dump({"feeds": entries}, sort_keys=False, allow_unicode=True)
    tmp = Path(path).with_suffix(Path(path).suffix + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)  # atomic: a crash never leaves half a feeds file
