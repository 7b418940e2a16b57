"""``strikewatch run``: every stage in one process, on the embedded defaults."""

from __future__ import annotations

import argparse
from pathlib import Path

NAME = "run"
HELP = "run every stage in one process (no broker)"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--feeds", type=Path, help="YAML feeds file (default: the bundled list)")
    p.add_argument("--once", action="store_true", help="poll each feed once, drain, print alerts, exit")
    p.add_argument("--serve", metavar="HOST:PORT",
                   help="also serve the map page and API (e.g. 127.0.0.1:8080 or :8080); with --once "
                        "it goes on serving after the cycle until interrupted")
    group = p.add_mutually_exclusive_group()
    group.add_argument("--demo", action="store_true", help="serve the bundled demo replay locally")
    group.add_argument("--replay", type=Path, metavar="DIR", help="serve a recorded replay directory")


def run(args: argparse.Namespace) -> int:
    from strikewatch.cli.common import load_settings
    from strikewatch.core.settings import RunSettings
    from strikewatch.runner import run as run_pipeline

    settings = load_settings(RunSettings)
    return run_pipeline(
        settings, feeds_file=args.feeds, once=args.once, demo=args.demo, replay=args.replay,
        serve=args.serve,
    )
