import hashlib
import json
import sys
from collections import Counter

import common

for m in ["p1", "p2", "p3", "p4", "p5", "n1", "n2"]:
    __import__(m)
items = common.ITEMS
ids = [i["id"] for i in items]
assert len(ids) == len(set(ids)), [k for k, v in Counter(ids).items() if v > 1]
pos = [i for i in items if i["gold"]["is_attack"]]
neg = [i for i in items if not i["gold"]["is_attack"]]


def is_test(i):  # deterministic ~30% split, stratified by label via hashing
    return int(hashlib.sha256(i["id"].encode()).hexdigest(), 16) % 10 < 3


dev = [i for i in items if not is_test(i)]
test = [i for i in items if is_test(i)]
countries = {e["country"] for i in items for e in i["gold"]["events"]}
types = Counter(e["event_type"] for i in items for e in i["gold"]["events"])
two = sum(len(i["gold"]["events"]) > 1 for i in items)
print(
    len(items),
    "pos",
    len(pos),
    "neg",
    len(neg),
    "dev",
    len(dev),
    "test",
    len(test),
    "two-event",
    two,
)
print(
    "dev neg",
    sum(not i["gold"]["is_attack"] for i in dev),
    "dev countries",
    len({e["country"] for i in dev for e in i["gold"]["events"]}),
)
print("countries", len(countries), sorted(countries))
print(types)
out = sys.argv[1]
for name, part in (("extraction-dev.jsonl", dev), ("extraction-test.jsonl", test)):
    with open(f"{out}/{name}", "w", encoding="utf-8") as f:
        for i in part:
            f.write(json.dumps(i, ensure_ascii=False) + "\n")
