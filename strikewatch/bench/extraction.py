"""Article text extraction: quality (F1) and speed on real pages, against trafilatura's own extract().

The pages and their hand-made ground truth are the article-extraction-benchmark in the
shared data folder (``STRIKEWATCH_BENCH_PAGES`` or ../shared/data/article-extraction-benchmark
beside the repository). The scorer follows the benchmark's published method: word
4-gram shingles, per-page true/false positives and false negatives normalised by the
page's total, precision and recall averaged over pages, F1 from the two averages.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import statistics
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

from strikewatch.bench.core import Row

_WORD = re.compile(r"\w+")


def pages_dir() -> Path | None:
    env = os.environ.get("STRIKEWATCH_BENCH_PAGES")
    candidates = [Path(env)] if env else []
    repo = Path(__file__).resolve().parents[2]
    # the pages data set of a checkout of the project's shared data beside the repository
    candidates.append(repo.parent / "shared" / "data" / "article-extraction-benchmark")
    for path in candidates:
        if (path / "ground-truth.json").is_file():
            return path
    return None


def shingles(text: str, n: int = 4) -> Counter:
    words = _WORD.findall(text or "")
    if len(words) < n:
        return Counter([tuple(words)]) if words else Counter()
    return Counter(tuple(words[i:i + n]) for i in range(len(words) - n + 1))


def page_counts(truth: str, predicted: str) -> tuple[float, float, float]:
    """Normalised (tp, fp, fn) of one page."""
    t, p = shingles(truth), shingles(predicted)
    tp = sum((t & p).values())
    fp = sum((p - t).values())
    fn = sum((t - p).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def score(counts: list[tuple[float, float, float]]) -> dict[str, float]:
    def ratio(a: float, b: float) -> float:
        return a / (a + b)

    precisions = [1.0 if fp == fn == 0 else ratio(tp, fp) for tp, fp, fn in counts if tp + fp > 0]
    recalls = [1.0 if fp == fn == 0 else ratio(tp, fn) for tp, fp, fn in counts if tp + fn > 0]
    precision = statistics.mean(precisions) if precisions else 0.0
    recall = statistics.mean(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def load_pages(directory: Path, limit: int | None) -> list[tuple[str, str, str]]:
    truth = json.loads((directory / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for key in sorted(truth)[:limit]:
        html = gzip.decompress((directory / "html" / f"{key}.html.gz").read_bytes()).decode("utf-8", "replace")
        pages.append((truth[key].get("url", key), html, truth[key].get("articleBody", "")))
    return pages


def bench(quick: bool) -> list[Row]:
    import trafilatura

    from strikewatch.core.records import Link
    from strikewatch.producers.fetcher import ExtractionError, extract_article

    directory = pages_dir()
    if directory is None:
        return [Row("producers", "article text extraction", None, "",
                    note="skipped: article-extraction-benchmark folder not found "
                         "(set STRIKEWATCH_BENCH_PAGES)")]
    pages = load_pages(directory, 30 if quick else None)
    now = datetime.now(UTC)

    def ours(url: str, html: str) -> str:
        link = Link(id=url, url=url, discovered=now)
        try:
            return extract_article(html, link, now).text
        except ExtractionError:
            return ""

    def theirs(url: str, html: str) -> str:
        return trafilatura.extract(html, url=url) or ""

    results = {}
    for name, fn in (("strikewatch", ours), ("trafilatura.extract", theirs)):
        counts, times = [], []
        for url, html, truth in pages:
            start = time.perf_counter()
            text = fn(url, html)
            times.append(time.perf_counter() - start)
            counts.append(page_counts(truth, text))
        results[name] = (score(counts), times)

    (mine, my_times), (base, base_times) = results["strikewatch"], results["trafilatura.extract"]
    n = len(pages)
    return [
        Row("producers", "text extraction F1", mine["f1"], "F1", "trafilatura.extract()", base["f1"],
            note=f"{n} real pages; P {mine['precision']:.3f} R {mine['recall']:.3f} "
                 f"(baseline P {base['precision']:.3f} R {base['recall']:.3f})"),
        Row("producers", "text extraction speed", n / sum(my_times), "pages/s/core",
            "trafilatura.extract()", n / sum(base_times),
            note=f"median {statistics.median(my_times) * 1000:.1f} ms/page "
                 f"(baseline {statistics.median(base_times) * 1000:.1f} ms)"),
    ]
