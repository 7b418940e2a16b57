"""``strikewatch train [--data FILE ...] [--output PATH]``: rebuild the learned model file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

NAME = "train"
HELP = "rebuild the learned model (processors/data/attack-model.npz) from labeled articles"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--data", type=Path, action="append", metavar="FILE",
                   help="labeled JSON Lines (repeatable; default eval/independent-train.jsonl)")
    p.add_argument("--output", type=Path, metavar="PATH",
                   help="where to write the model (default processors/data/attack-model.npz)")


def run(args: argparse.Namespace) -> int:
    from strikewatch.evaluation.training import main

    return main(args.data, args.output, sys.stdout)
