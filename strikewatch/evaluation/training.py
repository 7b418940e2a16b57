"""``strikewatch train``: rebuild the learned model file from labeled articles.

The same labeled data gives the same file, byte for byte: the features are hashed with
crc32, the solvers are deterministic (liblinear with a fixed seed, lbfgs), the arrays are
written in a fixed order into a zip with fixed dates, and the file names its training
data by path, line count and SHA-256. scikit-learn is needed only here (the ``train``
extra); reading the model needs numpy alone.
"""

from __future__ import annotations

import hashlib
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import numpy as np

from strikewatch.core.errors import UsageError
from strikewatch.core.records import EVENT_TYPES
from strikewatch.processors.learned import (
    BUCKETS,
    EMBED_SENTENCES,
    FEATURES_VERSION,
    TEXT_CHARS,
    default_vectors,
    dense_features,
    feature_ids,
    opening,
    save,
)

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DATA = (ROOT / "eval" / "independent-train.jsonl",)
DEFAULT_OUTPUT = ROOT / "processors" / "data" / "attack-model.npz"
#: inverse regularisation of each head (chosen on the dev split, never on test)
C_ATTACK = 4.0
C_FOLLOWUP = 2.0
C_TYPE = 8.0
#: bumped when the heads or their labels change meaning
MODEL_VERSION = 1


@dataclass(frozen=True)
class Example:
    title: str
    text: str
    is_attack: bool
    event_type: str  # the first gold event's type; "" for a non-attack
    followup: bool


def load_examples(path: Path) -> list[Example]:
    """Labeled articles of an evaluation file (``gold.is_attack``, ``gold.events``, ``style``)."""
    out = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise UsageError(f"cannot read training data {path}: {exc.strerror or exc}") from None
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            gold = row["gold"]
            events = gold.get("events") or []
            kind = events[0]["event_type"] if events else ""
            if kind and kind not in EVENT_TYPES:
                raise ValueError(f"unknown event type {kind!r}")
            out.append(Example(row.get("title") or "", row["text"], bool(gold["is_attack"]),
                               kind if gold["is_attack"] else "",
                               row.get("style") == "followup"))
        except (ValueError, KeyError, TypeError) as exc:
            raise UsageError(f"{path}:{n}: not a labeled article: {exc}") from None
    if not out:
        raise UsageError(f"{path}: no labeled articles")
    return out


def _matrix(examples: list[Example]):
    """Sparse hashed n-grams (BUCKETS columns), then the dense embedding block."""
    from scipy.sparse import csr_matrix, hstack

    indptr, indices = [0], []
    for e in examples:
        ids = np.sort(feature_ids(e.title, e.text))
        indices.extend(ids.tolist())
        indptr.append(len(indices))
    data = np.concatenate([
        np.full(indptr[i + 1] - indptr[i], 1.0 / np.sqrt(max(1, indptr[i + 1] - indptr[i])))
        for i in range(len(examples))
    ])
    sparse = csr_matrix((data, np.array(indices), np.array(indptr)), shape=(len(examples), BUCKETS))
    vectors = default_vectors()
    dense = np.array([dense_features(vectors, e.title, opening(e.text)) for e in examples])
    return hstack([sparse, csr_matrix(dense)], format="csr")


def _binary(x, y: list[bool], c: float):
    from sklearn.linear_model import LogisticRegression

    if len(set(y)) < 2:
        raise UsageError("the training data needs examples of both classes for every head")
    m = LogisticRegression(C=c, solver="liblinear", random_state=0, max_iter=1000)
    m.fit(x, np.array(y, dtype=int))
    return m.coef_[0], float(m.intercept_[0])


def fit(examples: list[Example]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, list[str]]:
    """(bucket ids, their weight rows, dense weights, biases, type names).

    Every weight matrix has one column per head: attack, follow-up, then one per type.
    """
    from sklearn.linear_model import LogisticRegression

    full = _matrix(examples)
    # fit on the columns that occur (a few tens of thousands of the 2**18 buckets, then
    # the dense block): the same solution, found in a second instead of half a minute
    used = np.unique(full.indices)
    x = full[:, used]
    w_attack, b_attack = _binary(x, [e.is_attack for e in examples], C_ATTACK)
    pos = [i for i, e in enumerate(examples) if e.is_attack]
    xp = x[pos]
    w_follow, b_follow = _binary(xp, [examples[i].followup for i in pos], C_FOLLOWUP)
    types = sorted({examples[i].event_type for i in pos})
    if len(types) < 2:
        raise UsageError("the training data needs attacks of at least two types")
    m = LogisticRegression(C=C_TYPE, solver="lbfgs", max_iter=2000)
    m.fit(xp, np.array([types.index(examples[i].event_type) for i in pos]))
    w_type = m.coef_  # (types, buckets)
    weights = np.zeros((full.shape[1], 2 + len(types)))  # (buckets + dense, heads)
    weights[used] = np.vstack([w_attack, w_follow, w_type]).T
    bias = np.concatenate([[b_attack, b_follow], m.intercept_])
    sparse, dense = weights[:BUCKETS], weights[BUCKETS:]
    ids = np.flatnonzero(np.abs(sparse).sum(axis=1) > 0)
    return ids, sparse[ids], dense, bias, types


def train(data: list[Path], output: Path, out: IO[str]) -> int:
    try:
        import sklearn
    except ImportError:
        raise UsageError(
            "strikewatch train needs scikit-learn: pip install 'strikewatch[train]'") from None
    examples, named = [], []
    for path in data:
        found = load_examples(path)
        examples.extend(found)
        try:
            shown = str(path.resolve().relative_to(ROOT))
        except ValueError:
            shown = str(path)
        named.append({"path": shown, "articles": len(found),
                      "sha256": hashlib.sha256(path.read_bytes()).hexdigest()})
    ids, rows, dense, bias, types = fit(examples)
    meta = {
        "model_version": MODEL_VERSION,
        "features_version": FEATURES_VERSION,
        "features": f"crc32-hashed title words and text uni+bigrams (first {TEXT_CHARS} chars), "
                    f"{BUCKETS} buckets, presence, L2-normalised; token-vector means of the title and "
                    f"the first {EMBED_SENTENCES} sentences (mean and max)",
        "token_vectors": default_vectors().meta["source"],
        "heads": ["attack", "followup", *(f"type:{t}" for t in types)],
        "types": types,
        "c": {"attack": C_ATTACK, "followup": C_FOLLOWUP, "type": C_TYPE},
        "training_data": named,
        "trainer": f"scikit-learn {sklearn.__version__}",
    }
    output.parent.mkdir(parents=True, exist_ok=True)
    save(output, ids, rows, dense, bias, meta)
    positives = sum(e.is_attack for e in examples)
    print(f"trained on {len(examples)} articles ({positives} attack reports, "
          f"{sum(e.followup for e in examples)} follow-ups, {len(types)} types) from "
          f"{', '.join(d['path'] for d in named)}", file=out)
    print(f"wrote {output} ({output.stat().st_size:,} bytes, {len(ids):,} weighted buckets, "
          f"sha256 {hashlib.sha256(output.read_bytes()).hexdigest()[:16]})", file=out)
    return 0


def main(data: list[Path] | None, output: Path | None, out: IO[str] = sys.stdout) -> int:
    return train(list(data or DEFAULT_DATA), output or DEFAULT_OUTPUT, out)
