"""``strikewatch subscriptions check|import FILE``, ``subscriptions list``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from strikewatch.core.errors import UsageError

NAME = "subscriptions"
HELP = "check a subscriptions file; import it into the database"


def add_arguments(p: argparse.ArgumentParser) -> None:
    sp = p.add_subparsers(dest="subscriptions_command", required=True, metavar="ACTION")
    q = sp.add_parser("check", help="validate FILE; errors name the line and the field")
    q.add_argument("file", type=Path)
    q = sp.add_parser("import", help="validate FILE and make it the subscriptions table's content")
    q.add_argument("file", type=Path)
    sp.add_parser("list", help="the subscriptions in the table (JSON lines)")


def _load(path: Path):
    from strikewatch.cli.common import load_settings
    from strikewatch.core.settings import SinkSettings
    from strikewatch.sinks.subscriptions import SubscriptionsError, load_subscriptions

    try:  # the sink's network policy (STRIKEWATCH_ALLOWED_NETWORKS) decides which hosts pass
        return load_subscriptions(path, load_settings(SinkSettings).network_policy)
    except SubscriptionsError as exc:
        raise UsageError(f"{exc}") from None


def run(args: argparse.Namespace) -> int:
    from strikewatch.cli.common import load_settings
    from strikewatch.cli.events import open_sink_database
    from strikewatch.core.settings import SinkSettings
    from strikewatch.sinks.subscription_table import SubscriptionTable

    out = sys.stdout
    action = args.subscriptions_command
    if action == "check":
        subs = _load(args.file)
        for s in subs:
            kinds = ", ".join(t.type for t in s.channels)
            f = s.filters
            near = (f" near {f.near.place or ''}({f.near.lat:.3f}, {f.near.lon:.3f}) "
                    f"r={f.near.radius_km:g}km" if f.near else "")
            out.write(f"ok {s.id}: channels {kinds}{near}"
                      f"{'' if s.updates else '; no updates'}"
                      f"{f'; digest every {s.digest.every_seconds:g}s' if s.digest else ''}\n")
        out.write(f"{args.file}: {len(subs)} subscription(s) valid\n")
        return 0
    subs = _load(args.file) if action == "import" else None
    db = open_sink_database(create=action == "import")
    try:
        table = SubscriptionTable(db)
        if action == "import":
            table.replace(subs)
            out.write(f"{len(subs)} subscription(s) imported into {db.description}\n")
        else:
            for sub in table.load(load_settings(SinkSettings).network_policy):
                out.write(sub.model_dump_json() + "\n")
    finally:
        db.close()
    return 0
