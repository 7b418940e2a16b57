"""``strikewatch feeds add|list|check|remove|import|export|discover``: manage the feed list.

The feed list is the YAML feeds file (``--feeds`` or ``STRIKEWATCH_FEEDS_FILE``);
health comes from the producer state database in ``STRIKEWATCH_DATA_DIR``.
``check`` and ``discover`` download now but never touch the seen-set or the
stored validators, so they cannot make the poller miss an item.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
from datetime import datetime
from pathlib import Path
from typing import IO

from strikewatch.core.errors import UsageError

NAME = "feeds"
HELP = "manage feeds: add|list|check|remove|import|export|discover"


def add_arguments(p: argparse.ArgumentParser) -> None:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--feeds", type=Path, help="YAML feeds file (default: STRIKEWATCH_FEEDS_FILE)")
    sub = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    sub.add_parser("list", parents=[common], help="feeds with their health")
    q = sub.add_parser("check", parents=[common], help="poll feeds now and report (nothing is marked seen)")
    q.add_argument("urls", nargs="*", metavar="URL", help="only these feeds (default: all)")
    q = sub.add_parser("add", parents=[common], help="add a feed to the feeds file")
    q.add_argument("url")
    q.add_argument("--name", default="")
    q = sub.add_parser("remove", parents=[common], help="remove a feed from the feeds file and forget its state")
    q.add_argument("url")
    q = sub.add_parser("import", parents=[common], help="add the feeds of an OPML file")
    q.add_argument("opml", type=Path)
    sub.add_parser("export", parents=[common], help="write the feeds as OPML to stdout")
    q = sub.add_parser("discover", parents=[common], help="find the feeds a site offers")
    q.add_argument("url")


def run(args: argparse.Namespace) -> int:
    from strikewatch.cli.common import load_settings
    from strikewatch.core.settings import ProducerSettings

    return feeds_command(args, load_settings(ProducerSettings), sys.stdout)


def feeds_command(args: argparse.Namespace, settings, out: IO[str]) -> int:
    """Run one ``feeds`` action with these settings; raises :class:`UsageError` for unusable input."""
    from pydantic import ValidationError

    from strikewatch.producers.feeds import Feed
    from strikewatch.producers.opml import OpmlError, from_opml, to_opml

    path = args.feeds or settings.feeds_file
    action = args.action
    if action == "discover":
        return _discover(args.url, settings, out)
    if action in ("add", "remove", "import") and path is None:
        raise UsageError(f"feeds {action}: name the feeds file with --feeds or STRIKEWATCH_FEEDS_FILE")
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
            raise UsageError(f"feeds add: {exc.errors()[0]['msg'].removeprefix('Value error, ')}") from None
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


def _load(path: Path | None, must_exist: bool) -> list:
    from strikewatch.producers.feeds import FeedsFileError, load_feeds

    if path is not None and not Path(path).exists() and not must_exist:
        return []
    try:
        return load_feeds(path)
    except FeedsFileError as exc:
        raise UsageError(str(exc)) from None


def _state(settings):
    from strikewatch.producers.state import STATE_FILE, FeedState

    return FeedState(settings.data_dir / STATE_FILE)


def _add(path: Path, feeds: list, new: list, settings, out) -> int:
    from strikewatch.producers.feeds import save_feeds

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


def _remove(path: Path, feeds: list, url: str, settings, out) -> int:
    from strikewatch.producers.feeds import save_feeds

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


def _health_lines(records: list, names: dict[str, str]) -> list[str]:
    from strikewatch.core.timefmt import utcnow

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


def _list(feeds: list, settings, out) -> int:
    with _state(settings) as state:
        records = [state.health(f.url) for f in feeds]
    for line in _health_lines(records, {f.url: f.name for f in feeds}):
        print(line, file=out)
    tally: dict[str, int] = {}
    for r in records:
        tally[r.health] = tally.get(r.health, 0) + 1
    print(f"{len(feeds)} feeds: " + ", ".join(f"{n} {h}" for h, n in sorted(tally.items())), file=out)
    return 0


def _check(feeds: list, settings, out) -> int:
    """Poll each feed now against a scratch state; print one line per feed; 1 if any failed."""
    from prometheus_client import CollectorRegistry

    from strikewatch.core.metrics import Metrics
    from strikewatch.producers.poller import FeedPoller
    from strikewatch.producers.state import STATE_FILE, SeenStore

    with tempfile.TemporaryDirectory(prefix="strikewatch-check-") as tmp:
        scratch = settings.model_copy(update={"data_dir": Path(tmp), "feed_host_delay_seconds": 0.0})
        metrics = Metrics(CollectorRegistry())
        with (
            SeenStore(Path(tmp) / STATE_FILE) as seen,
            FeedPoller(scratch, metrics, seen) as poller,
        ):
            results = asyncio.run(poller.poll_results(feeds))
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


def _discover(url: str, settings, out) -> int:
    from pydantic import ValidationError

    from strikewatch.producers.discover import DiscoveryError, discover
    from strikewatch.producers.feeds import Feed

    try:
        Feed(url=url)
    except ValidationError:
        raise UsageError(f"feeds discover: {url!r} is not an absolute http(s) URL") from None
    try:
        found = asyncio.run(discover(url, settings))
    except DiscoveryError as exc:
        raise UsageError(str(exc)) from None
    for feed_url, title in found:
        print(f"{feed_url}\t{title}", file=out)
    if not found:
        print(f"no feed found at {url}", file=sys.stderr)
        return 1
    return 0
