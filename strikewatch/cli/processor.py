"""``strikewatch processor``: the faust worker (articles -> candidates -> events)."""

from __future__ import annotations

import argparse

NAME = "processor"
HELP = "service: the faust app (classify, extract, dedup)"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--loglevel", default="info", choices=["crit", "error", "warn", "info", "debug"])


def run(args: argparse.Namespace) -> int:
    from strikewatch.cli.common import load_settings
    from strikewatch.core.settings import ProcessorSettings
    from strikewatch.processors.service import main as processor_main

    return processor_main(load_settings(ProcessorSettings), loglevel=args.loglevel)
