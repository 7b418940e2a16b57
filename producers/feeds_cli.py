"""`strikewatch feeds add|list|check|remove|import|export|discover`: manage the feed list.

The feed list is the YAML feeds file (``--feeds`` or ``STRIKEWATCH_FEEDS_FILE``);
health comes from the producer state database in ``STRIKEWATCH_DATA_DIR``.
``check`` and ``discover`` download now but never touch the seen-set or the
stored validators, so they cannot make the poller miss an item.
"""

from __future__ import annotations

import argparse
import asyncio
import re
import sys
import tempfile
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import IO
from urllib.parse import urljoin

from prometheus_client import CollectorRegistry
from pydantic import ValidationError

from strikewatch.core.errors import UsageError
from strikewatch.core.metrics import Metrics
from strikewatch.core.settings import ProducerSettings
from strikewatch.core.timefmt import utcnow
from strikewatch.producers.feeds import Feed, FeedsFileError, load_feeds, save_feeds
from strikewatch.producers.http import FetchError, afetch_bytes, make_async_client
from strikewatch.producers.opml import OpmlError, from_opml, to_opml
from strikewatch.producers.pages import decode_page
from strikewatch.producers.poller import FEED_ACCEPT, FeedParseError, FeedPoller, parse_feed
from strikewatch.producers.state import STATE_FILE, FeedHealth, FeedState, SeenStore

#: Paths tried by ``discover`` when a page names no feed.
COMMON_FEED_PATHS = (
    "/feed",
    "/rss",
    "/feed.xml",
    "/rss.xml",
    "/atom.xml",
    "/index.xml",
    "/feeds/all.atom.xml",
)

_ALTERNATE = re.compile(r"<link\b[^>]*>", re.I)
_ATTR = re.compile(r"""([a-zA-Z-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
_FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/feed+json",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="strikewatch feeds", description="Manage the feed list: strikewatch feeds ACTION ..."
    )
    common = argparse.ArgumentParser(add_help=False)
    # After the action (`feeds add URL --feeds FILE`): the top-level parser hands everything over.
    common.add_argument(
        "--feeds", type=Path, help="YAML feeds file (default: STRIKEWATCH_FEEDS_FILE)"
    )
    sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    p = sub.add_parser("list", parents=[common], help="feeds with their health")
    p = sub.add_parser(
        "check", parents=[common], help="poll feeds now and report (nothing is marked seen)"
    )
    p.add_argument("urls", nargs="*", metavar="URL", help="only these feeds (default: all)")
    p = sub.add_parser("add", parents=[common], help="add a feed to the feeds file")
    p.add_argument("url")
    p.add_argument("--name", default="")
    p = sub.add_parser(
        "remove", parents=[common], help="remove a feed from the feeds file and forget its state"
    )
    p.add_argument("url")
    p = sub.add_parser("import", parents=[common], help="add the feeds of an OPML file")
    p.add_argument("opml", type=Path)
    p = sub.add_parser("export", parents=[common], help="write the feeds as OPML to stdout")
    p = sub.add_parser("discover", parents=[common], help="find the feeds a site offers")
    p.add_argument("url")
    return parser


def main(argv: Sequence[str], settings: ProducerSettings, out: IO[str] | None = None) -> int:
    """Run one ``feeds`` action; raises :class:`UsageError` for unusable input."""
    out = out or sys.stdout
    args = build_parser().parse_args(list(argv))
    path = args.feeds or settings.feeds_file
    action = args.action
    if action == "discover":
        return _discover(args.url, settings, out)
    if action in ("add", "remove", "import") and path is None:
        raise UsageError(
            f"feeds {action}: name the feeds file with --feeds or STRIKEWATCH_FEEDS_FILE"
        )
    feeds = _load(path, must_exist=action not in ("add", "import"))
    if action == "list":
        return _list(feeds, settings, out)
    if action == "check":
        chosen = [f for f in feeds if not args.urls or f.url in args.urls]
        chosen += [Feed(url=u) for u in args.urls if u not in {f.url for f in feeds}]
        return _check(chosen, settings, out)
    if action == "export":
        out.write(to_opml(feeds))
        return 0
    if action == "add":
        try:
            feed = Feed(url=args.url, name=args.name)
        except ValidationError as exc:
            raise UsageError(
                f"feeds add: {exc.errors()[0]['msg'].removeprefix('Value error, ')}"
            ) from None
        return _add(path, feeds, [feed], settings, out)
    if action == "import":
        try:
            imported = from_opml(args.opml.read_bytes(), str(args.opml))
        except OSError as exc:
            raise UsageError(f"{args.opml}: cannot read ({exc.strerror or exc})") from None
        except OpmlError as exc:
            raise UsageError(str(exc)) from None
        return _add(path, feeds, imported, settings, out)
    return _remove(path, feeds, args.url, settings, out)


def _load(path: Path | None, must_exist: bool) -> list[Feed]:
    if path is not None and not Path(path).exists() and not must_exist:
        return []
    try:
        return load_feeds(path)
    except FeedsFileError as exc:
        raise UsageError(str(exc)) from None


def _state(settings: ProducerSettings) -> FeedState:
    return FeedState(settings.data_dir / STATE_FILE)


def _add(path: Path, feeds: list[Feed], new: list[Feed], settings: ProducerSettings, out) -> int:
    known = {f.url for f in feeds}
    added = [f for f in new if f.url not in known and not known.add(f.url)]
    if added:
        save_feeds(path, feeds + added)
    with _state(settings) as state:
        for feed in new:
            if state.health(feed.url).retired_at is not None:
                state.revive(feed.url)  # adding a retired feed again means: try it again
    for feed in added:
        print(f"added {feed.url}" + (f" ({feed.name})" if feed.name else ""), file=out)
    print(
        f"{len(added)} added, {len(new) - len(added)} already listed, {len(feeds) + len(added)} feeds in {path}",
        file=out,
    )
    return 0


def _remove(path: Path, feeds: list[Feed], url: str, settings: ProducerSettings, out) -> int:
    kept = [f for f in feeds if f.url != url]
    if len(kept) == len(feeds):
        raise UsageError(f"{path}: no feed with URL {url}")
    if not kept:
        raise UsageError(f"{path}: {url} is the last feed; a feeds file needs at least one")
    save_feeds(path, kept)
    with _state(settings) as state:
        state.forget(url)
    print(f"removed {url}; {len(kept)} feeds in {path}", file=out)
    return 0


def _ago(when: datetime | None, now: datetime) -> str:
    if when is None:
        return "never"
    seconds = (now - when).total_seconds()
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds >= size:
            return f"{seconds / size:.0f}{unit} ago"
    return f"{max(seconds, 0):.0f}s ago"


def _health_lines(records: list[FeedHealth], names: dict[str, str]) -> list[str]:
    now = utcnow()
    lines = [f"{'health':8} {'fails':>5} {'items/day':>9} {'last success':>13}  feed"]
    for r in records:
        rate = f"{r.items_per_day:.1f}" if r.items_per_day is not None else "-"
        label = r.url + (f" ({names[r.url]})" if names.get(r.url) else "")
        lines.append(
            f"{r.health:8} {r.consecutive_failures:>5} {rate:>9} {_ago(r.last_success, now):>13}  {label}"
        )
        if r.moved_to:
            lines.append(f"{'':40}moved to {r.moved_to}")
        if r.last_error and r.health != "ok":
            lines.append(f"{'':40}last error {_ago(r.last_error_at, now)}: {r.last_error}")
    return lines


def _list(feeds: list[Feed], settings: ProducerSettings, out) -> int:
    with _state(settings) as state:
        records = [state.health(f.url) for f in feeds]
    for line in _health_lines(records, {f.url: f.name for f in feeds}):
        print(line, file=out)
    tally: dict[str, int] = {}
    for r in records:
        tally[r.health] = tally.get(r.health, 0) + 1
    print(
        f"{len(feeds)} feeds: " + ", ".join(f"{n} {h}" for h, n in sorted(tally.items())), file=out
    )
    return 0


def _check(feeds: list[Feed], settings: ProducerSettings, out) -> int:
    """Poll each feed now against a scratch state; print one line per feed; 1 if any failed."""
    with tempfile.TemporaryDirectory(prefix="strikewatch-check-") as tmp:
        scratch = settings.model_copy(
            update={"data_dir": Path(tmp), "feed_host_delay_seconds": 0.0}
        )
        metrics = Metrics(CollectorRegistry())
        with (
            SeenStore(Path(tmp) / STATE_FILE) as seen,
            FeedPoller(scratch, metrics, seen) as poller,
        ):
            results = asyncio.run(poller._poll_all(feeds))
    failed = 0
    with _state(settings) as state:
        for result in results:
            stored = state.health(result.feed.url)
            if result.outcome == "ok":
                rate = f", {result.items_per_day:.1f} items/day" if result.items_per_day else ""
                status = f"ok: {result.items} items{rate}, {result.seconds:.2f}s"
            else:
                failed += 1
                status = f"{result.outcome}: {result.reason}"
            print(f"{result.feed.url}: {status} (stored health: {stored.health})", file=out)
    print(f"{len(feeds) - failed} of {len(feeds)} feeds ok", file=out)
    return 1 if failed else 0


def alternate_feeds(html: str, base_url: str) -> list[str]:
    """Feed URLs a page announces with ``<link rel="alternate" type="application/rss+xml">``."""
    found: list[str] = []
    for tag in _ALTERNATE.findall(html[:300_000]):
        attrs = {
            m.group(1).lower(): m.group(2) or m.group(3) or m.group(4) or ""
            for m in _ATTR.finditer(tag)
        }
        if (
            "alternate" in attrs.get("rel", "").lower().split()
            and attrs.get("type", "").lower() in _FEED_TYPES
        ):
            url = urljoin(base_url, attrs.get("href", "").strip())
            if url not in found and attrs.get("href"):
                found.append(url)
    return found


def _discover(url: str, settings: ProducerSettings, out) -> int:
    try:
        Feed(url=url)
    except ValidationError:
        raise UsageError(f"feeds discover: {url!r} is not an absolute http(s) URL") from None
    found = asyncio.run(discover(url, settings))
    for feed_url, title in found:
        print(f"{feed_url}\t{title}", file=out)
    if not found:
        print(f"no feed found at {url}", file=sys.stderr)
        return 1
    return 0


async def discover(url: str, settings: ProducerSettings) -> list[tuple[str, str]]:
    """(feed URL, title) of the feeds a site offers: the URL itself, its announced feeds, or common paths."""
    async with make_async_client(settings, 8) as client:
        try:
            page = await afetch_bytes(
                client, url, settings, {"Accept": f"text/html, {FEED_ACCEPT}"}
            )
        except FetchError as exc:
            raise UsageError(str(exc)) from None
        title = _feed_title(page.content, page.url)
        if title is not None:
            return [(page.url, title)]
        candidates = alternate_feeds(decode_page(page.content, page.charset), page.url)
        if not candidates:
            candidates = [urljoin(page.url, path) for path in COMMON_FEED_PATHS]
        found = []
        for candidate in candidates:
            try:
                got = await afetch_bytes(client, candidate, settings, {"Accept": FEED_ACCEPT})
            except FetchError:
                continue
            title = _feed_title(got.content, got.url)
            if title is not None:
                found.append((got.url, title))
        return found


def _feed_title(content: bytes, url: str) -> str | None:
    """The feed's title if ``content`` is a feed, else None."""
    try:
        links = parse_feed(content, Feed(url=url), datetime.now(UTC))
    except FeedParseError:
        return None
    import feedparser

    parsed = feedparser.parse(content)
    return (parsed.feed.get("title") or "").strip() or f"{len(links)} items"
