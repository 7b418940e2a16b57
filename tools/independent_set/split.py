"""Split the independently written reports into train / dev / test, by attack.

The reports in ``written/`` were written by authors who never saw the extractor's code,
from the brief in ``BRIEF.md`` (facts from public reporting, texts in their own words,
outlets and URLs invented; each line's ``source`` names the public source). Every report
of one attack, and every attack told in one report with it, lands in the same split: the
attacks are joined into groups through the reports that tell of several, and a group's
split is fixed by the SHA-256 of its first event key (test 30 %, dev 20 %, train 50 %).
Negatives are split by the SHA-256 of their id. The split depends on nothing else, so
rerunning this script writes the same files:

    python tools/independent_set/split.py

The test split is frozen: never tune on it, only report its figures.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
EVAL = HERE.parents[1] / "eval"


def bucket(text: str) -> str:
    h = int(hashlib.sha256(text.encode("utf-8")).hexdigest()[:8], 16) % 100
    return "test" if h < 30 else "dev" if h < 50 else "train"


def main() -> None:
    rows = [json.loads(line) for f in sorted((HERE / "written").glob("*.jsonl"))
            for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]
    parent: dict[str, str] = {}

    def find(k: str) -> str:
        while parent.setdefault(k, k) != k:
            k = parent[k]
        return k

    for r in rows:
        keys = [e["event_key"] for e in r["gold"]["events"]]
        for k in keys[1:]:
            parent[find(k)] = find(keys[0])
        for k in keys:
            find(k)
    groups: dict[str, list[str]] = {}
    for k in parent:
        groups.setdefault(find(k), []).append(k)
    split_of = {k: bucket(min(members)) for members in groups.values() for k in members}
    out: dict[str, list[dict]] = {"train": [], "dev": [], "test": []}
    for r in rows:
        events = r["gold"]["events"]
        split = split_of[events[0]["event_key"]] if events else bucket(r["id"])
        out[split].append(r)
    for split, items in out.items():
        path = EVAL / f"independent-{split}.jsonl"
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in items),
                        encoding="utf-8")
        attacks = {e["event_key"] for r in items for e in r["gold"]["events"]}
        negatives = sum(1 for r in items if not r["gold"]["is_attack"])
        print(f"{path.name}: {len(items)} reports, {len(attacks)} attacks, {negatives} negatives")


if __name__ == "__main__":
    main()
