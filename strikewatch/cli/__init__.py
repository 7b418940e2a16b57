"""The ``strikewatch`` command: one module per subcommand.

Every command module has the same shape: ``NAME`` and ``HELP`` (the subcommand and its
one-line help), ``add_arguments(parser)`` and ``run(args) -> int`` (the exit code).
Heavy imports happen inside ``run``, so ``strikewatch extract`` does not load faust.
The commands follow the command-line contract in README.md.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from strikewatch.cli import (
    bench,
    dedup,
    evaluate,
    events,
    extract,
    feeds,
    processor,
    producer,
    run,
    serve,
    sink,
    status,
    subscriptions,
    topics,
    train,
)
from strikewatch.cli.common import setup_logging
from strikewatch.core.errors import UsageError

#: In the order ``strikewatch --help`` lists them.
COMMANDS = (
    run,
    extract,
    dedup,
    evaluate,
    train,
    topics,
    status,
    bench,
    producer,
    feeds,
    processor,
    sink,
    serve,
    events,
    subscriptions,
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="strikewatch",
        description="News feeds in, deduplicated geocoded attack events and alerts out.",
    )
    parser.add_argument("--log-level", default=os.environ.get("STRIKEWATCH_LOG_LEVEL", "INFO"))
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in COMMANDS:
        p = sub.add_parser(
            command.NAME,
            help=command.HELP,
            description=getattr(command, "DESCRIPTION", None) or command.HELP,
        )
        command.add_arguments(p)
        p.set_defaults(func=command.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    setup_logging(args.log_level)
    try:
        return args.func(args) or 0
    except UsageError as exc:
        print(f"strikewatch {args.command}: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
