import pathlib
import re

import feedparser
import trafilatura
import yaml

D = pathlib.Path(__file__).resolve().parents[2] / "strikewatch" / "demo"
BASE = "http://127.0.0.1:41234"
ok = True
y = yaml.safe_load((D / "feeds.yaml").read_text())
linked = {}
for f in y["feeds"]:
    p = D / f["url"]
    txt = p.read_text().replace("{{BASE}}", BASE)
    d = feedparser.parse(txt)
    if d.bozo:
        print("BOZO", p, d.bozo_exception)
        ok = False
    print(f"{f['name']}: {d.version} {len(d.entries)} entries")
    for e in d.entries:
        name = e.link.rsplit("/", 1)[1]
        linked.setdefault(name, []).append(f["name"])
        if not (D / "pages" / name).exists():
            print("MISSING", name)
            ok = False
        if not e.get("published_parsed"):
            print("NODATE", name)
            ok = False
        if e.get("id") != e.link:
            print("  guid!=link:", name, e.get("id"))
pages = {p.name for p in (D / "pages").glob("*.html")}
print("pages", len(pages), "linked", len(linked), "unlinked", pages - set(linked))
print("syndicated:", {k: v for k, v in linked.items() if len(v) > 1})
exp = yaml.safe_load((D / "expected.yaml").read_text())
ref = set(exp["non_events"])
for ev in exp["events"]:
    ref |= set(ev["pages"])
print("expected unreferenced:", pages - ref, "nonexistent:", ref - pages)
bad = [
    "cookies",
    "Accept all",
    "All rights reserved",
    "Most read",
    "Subscribe",
    "Share this",
    "Sign up",
    "fictional outlet",
    "Privacy",
]
for p in sorted(pages):
    h = (D / "pages" / p).read_text().replace("{{BASE}}", BASE)
    t = trafilatura.extract(h) or ""
    paras = re.findall(r"<p>(.*?)</p>", h.split("<article>")[1].split("</article>")[0], re.S)
    import html as H

    missing = [q[:40] for q in paras if H.unescape(q)[:60] not in t]
    leaks = [b for b in bad if b in t]
    md = trafilatura.extract_metadata(h)
    print(
        f"{p}: {len(t.split())} words, leaks={leaks}, missing={missing}, date={md.date if md else None}"
    )
    if leaks or missing:
        ok = False
print("SIZE", sum(f.stat().st_size for f in D.rglob("*") if f.is_file()))
print("OK" if ok else "PROBLEMS")
