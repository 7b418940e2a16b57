"""``strikewatch events list|show|export``: query the event archive."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date

from strikewatch.cli.common import bounded_int
from strikewatch.core.errors import UsageError
from strikewatch.core.records import EVENT_TYPES

NAME = "events"
HELP = "query the event archive: list, show, export"


#: The largest --limit: beyond it a query is an export (``events export``).
MAX_LIMIT = 1_000_000


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def add_arguments(p: argparse.ArgumentParser) -> None:
    ev = p.add_subparsers(dest="events_command", required=True, metavar="ACTION")

    def filters(q: argparse.ArgumentParser, limit: int) -> None:
        q.add_argument("--country", default="", help="ISO 3166-1 alpha-2 code, e.g. IQ")
        q.add_argument("--type", default="", dest="event_type", choices=["", *EVENT_TYPES],
                       metavar="TYPE", help="event type, e.g. drone_attack")
        q.add_argument("--since", type=_date, help="events on or after this date (YYYY-MM-DD)")
        q.add_argument("--limit", type=bounded_int(0, MAX_LIMIT), default=limit,
                       help=f"at most this many (default {limit}; 0: all; at most {MAX_LIMIT:,})")

    q = ev.add_parser("list", help="events, newest first")
    filters(q, 50)
    q.add_argument("--format", choices=["table", "json"], default="table")
    q = ev.add_parser("show", help="one event with its revisions and sources (JSON)")
    q.add_argument("event_id")
    q = ev.add_parser("export", help="events as GeoJSON or CSV on stdout")
    filters(q, 0)
    q.add_argument("--format", choices=["geojson", "csv"], default="geojson")


def open_sink_database(settings=None, create: bool = False):
    """The sink's database (archive, delivery log, subscriptions) named by the settings.

    Without ``create``, a missing SQLite archive is a usage error that says where it was
    looked for (reading creates nothing); an unreachable PostgreSQL is a one-line error.
    """
    from strikewatch.cli.common import load_settings
    from strikewatch.core.settings import SinkSettings
    from strikewatch.sinks.db import open_database

    settings = settings or load_settings(SinkSettings)
    url = settings.database_url.get_secret_value()
    if not url and not create:
        path = settings.data_dir / "sink.sqlite3"
        if not path.is_file():
            raise UsageError(
                f"no event archive at {path} (STRIKEWATCH_DATA_DIR={settings.data_dir}); "
                "`strikewatch run` or `strikewatch sink` writes it, or set STRIKEWATCH_DATABASE_URL"
            )
    try:
        return open_database(url, settings.data_dir)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    except Exception as exc:  # psycopg's OperationalError: the message names host and cause
        first = " ".join(str(exc).split())
        raise UsageError(f"cannot open the archive database: {first}") from None


def run(args: argparse.Namespace) -> int:
    from strikewatch.sinks.archive import Archive, EventQuery, to_csv, to_geojson

    out = sys.stdout
    db = open_sink_database()
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
            if not events:
                sys.stderr.write(_nothing_found(archive, db.description, q) + "\n")
            out.write(json.dumps(to_geojson(events)) + "\n" if args.format == "geojson" else to_csv(events))
            return 0
        rows = archive.list(q)
        if not rows:
            sys.stderr.write(_nothing_found(archive, db.description, q) + "\n")
        if args.format == "json":
            for row in rows:
                out.write(json.dumps(row) + "\n")
        else:
            out.write(_table(rows))
        return 0
    finally:
        db.close()


def _nothing_found(archive, where: str, q) -> str:
    """The line that says an answer is empty, where the archive is and what was asked."""
    from strikewatch.sinks.archive import EventQuery

    empty = (f"the event archive at {where} holds no events yet "
             "(`strikewatch run` or `strikewatch sink` stores them there)")
    asked = [f"--{flag} {value}" for flag, value in
             (("country", q.country), ("type", q.event_type), ("since", q.since)) if value]
    if not asked:
        return empty
    if not archive.list(EventQuery(limit=1)):
        return f"no events match {' '.join(asked)}: {empty}"
    return f"no events match {' '.join(asked)} in the event archive at {where}"


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
