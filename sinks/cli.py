"""``strikewatch events list|show|export`` and ``strikewatch subscriptions check``."""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path
from typing import IO

from strikewatch.core.errors import UsageError
from strikewatch.core.records import EVENT_TYPES
from strikewatch.sinks.archive import Archive, EventQuery, to_csv, to_geojson
from strikewatch.sinks.db import open_database
from strikewatch.sinks.subscriptions import (
    SubscriptionsError,
    SubscriptionTable,
    load_subscriptions,
)


def add_parsers(sub) -> None:
    """Add the ``events`` and ``subscriptions`` subcommands to the main parser."""
    p = sub.add_parser("events", help="query the event archive: list, show, export")
    ev = p.add_subparsers(dest="events_command", required=True, metavar="ACTION")

    def filters(q: argparse.ArgumentParser, limit: int) -> None:
        q.add_argument("--country", default="", help="ISO 3166-1 alpha-2 code, e.g. IQ")
        q.add_argument("--type", default="", dest="event_type", choices=["", *EVENT_TYPES],
                       metavar="TYPE", help="event type, e.g. drone_attack")
        q.add_argument("--since", type=_date, help="events on or after this date (YYYY-MM-DD)")
        q.add_argument("--limit", type=int, default=limit, help=f"at most this many (default {limit}; 0: all)")

    q = ev.add_parser("list", help="events, newest first")
    filters(q, 50)
    q.add_argument("--format", choices=["table", "json"], default="table")
    q.set_defaults(func=cmd_events)
    q = ev.add_parser("show", help="one event with its revisions and sources (JSON)")
    q.add_argument("event_id")
    q.set_defaults(func=cmd_events)
    q = ev.add_parser("export", help="events as GeoJSON or CSV on stdout")
    filters(q, 0)
    q.add_argument("--format", choices=["geojson", "csv"], default="geojson")
    q.set_defaults(func=cmd_events)

    p = sub.add_parser("subscriptions", help="check a subscriptions file; import it into the database")
    sp = p.add_subparsers(dest="subscriptions_command", required=True, metavar="ACTION")
    q = sp.add_parser("check", help="validate FILE; errors name the line and the field")
    q.add_argument("file", type=Path)
    q.set_defaults(func=cmd_subscriptions_check)
    q = sp.add_parser("import", help="validate FILE and make it the subscriptions table's content")
    q.add_argument("file", type=Path)
    q.set_defaults(func=cmd_subscriptions_import)
    q = sp.add_parser("list", help="the subscriptions in the table (JSON lines)")
    q.set_defaults(func=cmd_subscriptions_list)


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def cmd_subscriptions_check(args: argparse.Namespace, out: IO[str] | None = None) -> int:
    import sys

    out = out or sys.stdout
    try:
        subs = load_subscriptions(args.file)
    except SubscriptionsError as exc:
        raise UsageError(f"{exc}") from None
    for s in subs:
        kinds = ", ".join(t.type for t in s.channels)
        f = s.filters
        near = f" near {f.near.place or ''}({f.near.lat:.3f}, {f.near.lon:.3f}) r={f.near.radius_km:g}km" if f.near else ""
        out.write(f"ok {s.id}: channels {kinds}{near}"
                  f"{'' if s.updates else '; no updates'}"
                  f"{f'; digest every {s.digest.every_seconds:g}s' if s.digest else ''}\n")
    out.write(f"{args.file}: {len(subs)} subscription(s) valid\n")
    return 0


def _open(settings=None):
    from strikewatch.core.settings import SinkSettings

    settings = settings or SinkSettings()
    try:
        return open_database(settings.database_url.get_secret_value(), settings.data_dir)
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def cmd_subscriptions_import(args: argparse.Namespace, out: IO[str] | None = None, settings=None) -> int:
    import sys

    try:
        subs = load_subscriptions(args.file)
    except SubscriptionsError as exc:
        raise UsageError(f"{exc}") from None
    db = _open(settings)
    try:
        SubscriptionTable(db).replace(subs)
        (out or sys.stdout).write(f"{len(subs)} subscription(s) imported into {db.description}\n")
    finally:
        db.close()
    return 0


def cmd_subscriptions_list(args: argparse.Namespace, out: IO[str] | None = None, settings=None) -> int:
    import sys

    db = _open(settings)
    try:
        for sub in SubscriptionTable(db).load():
            (out or sys.stdout).write(sub.model_dump_json() + "\n")
    finally:
        db.close()
    return 0


def cmd_events(args: argparse.Namespace, out: IO[str] | None = None, settings=None) -> int:
    import sys

    out = out or sys.stdout
    db = _open(settings)
    try:
        archive = Archive(db)
        if args.events_command == "show":
            shown = archive.show(args.event_id)
            if shown is None:
                raise UsageError(f"no event {args.event_id!r} in the archive ({db.description})")
            out.write(json.dumps(shown, indent=2) + "\n")
            return 0
        q = EventQuery(args.country, args.event_type, args.since, args.limit)
        if args.events_command == "export":
            events = archive.events(q)
            out.write(json.dumps(to_geojson(events)) + "\n" if args.format == "geojson" else to_csv(events))
            return 0
        rows = archive.list(q)
        if args.format == "json":
            for row in rows:
                out.write(json.dumps(row) + "\n")
        else:
            out.write(_table(rows))
        return 0
    finally:
        db.close()


def _table(rows: list[dict]) -> str:
    cols = [("event_id", 16), ("event_date", 10), ("event_type", 15), ("country", 2),
            ("place", 28), ("killed", 6), ("injured", 7), ("revision", 3), ("article_count", 4)]
    heads = {"event_date": "date", "event_type": "type", "country": "cc", "revision": "rev",
             "article_count": "srcs"}

    def cell(v, width: int) -> str:
        s = "" if v is None else str(v)
        return (s[: width - 1] + "…" if len(s) > width else s).ljust(width)

    lines = ["  ".join(cell(heads.get(c, c), w) for c, w in cols).rstrip()]
    for r in rows:
        lines.append("  ".join(cell(r.get(c), w) for c, w in cols).rstrip())
    return "\n".join(lines) + "\n"
