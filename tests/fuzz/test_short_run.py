"""The short fuzz run of CI: each atheris target for a few seconds over its seeds and fresh mutations.

A target that raises anything but its parser's own error, or breaks one of its promises,
fails the test with the crashing input and the traceback. STRIKEWATCH_FUZZ_SECONDS sets
the seconds per target (default 3; the long run by hand is in docs/reliability.md).
"""

from __future__ import annotations

import base64
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

pytest.importorskip("atheris", reason="atheris is not installed (pip install -e '.[dev]')")

ROOT = Path(__file__).resolve().parents[2]
CORPUS = Path(__file__).with_name("corpus")
TARGETS = ["records", "feed", "page", "extract", "dedup", "subscriptions"]
SECONDS = int(os.environ.get("STRIKEWATCH_FUZZ_SECONDS", "3"))
#: Targets fuzzed at once: CI machines have two cores; each target starts in ~2.5 s.
PARALLEL = 2


def _shown(path: Path) -> str:
    data = path.read_bytes()
    head = data[:600]
    cut = f" (first 600 of {len(data):,} bytes)" if len(data) > 600 else ""
    return f"{path.name}{cut}:\n  {head!r}\n  base64: {base64.b64encode(head).decode()}"


def run_target(name: str, seconds: int, tmp_path: Path) -> subprocess.CompletedProcess:
    """Fuzz ``name``; new corpus entries go to a scratch directory, never to the seeds."""
    scratch, artifacts = tmp_path / "corpus", tmp_path / "artifacts"
    scratch.mkdir()
    artifacts.mkdir()
    command = [
        sys.executable, "-m", "tests.fuzz.harness", name, str(scratch), str(CORPUS / name),
        f"-max_total_time={seconds}", "-max_len=8192", "-timeout=30", "-rss_limit_mb=2048",
        f"-artifact_prefix={artifacts}/", "-print_final_stats=1",
    ]  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True,
                          errors="replace", timeout=seconds + 120)  # fmt: skip


def crash_report(name: str, result: subprocess.CompletedProcess, artifacts: Path) -> str | None:
    """None when the run ended cleanly; else the crashing input and the end of the output."""
    found = sorted(artifacts.iterdir())
    if not found and result.returncode == 0 and "DONE" in result.stderr:
        return None
    inputs = "\n".join(_shown(p) for p in found) or "(no input saved)"
    # from atheris's "Uncaught Python exception" (the traceback) to libFuzzer's summary
    start = result.stderr.rfind("=== Uncaught Python exception")
    tail = result.stderr[start:] if start >= 0 else result.stderr
    tail = "\n".join(tail.splitlines()[:60])
    return (
        f"fuzz target {name!r} crashed (exit {result.returncode}); replay with\n"
        f"  python -m tests.fuzz.harness {name} <file>\ninput:\n{inputs}\n--- output ---\n{tail}"
    )


def test_no_fuzz_target_crashes_in_a_short_run(tmp_path):
    for name in TARGETS:
        assert any((CORPUS / name).iterdir()), f"no seeds in {CORPUS / name}"
        (tmp_path / name).mkdir()
    with ThreadPoolExecutor(PARALLEL) as pool:
        results = dict(zip(TARGETS, pool.map(lambda n: run_target(n, SECONDS, tmp_path / n), TARGETS), strict=True))
    reports = [crash_report(n, r, tmp_path / n / "artifacts") for n, r in results.items()]
    failed = [r for r in reports if r is not None]
    if failed:
        pytest.fail("\n\n".join(failed), pytrace=False)
