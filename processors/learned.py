"""A small learned model beside the rules: is this an attack report, of which type, a follow-up?

A linear model over two kinds of features of the title and the opening of the text:
hashed word n-grams (what words are there) and static token embeddings (what the
sentences are about, so "slammed into" lands near "struck" though no rule names it).
The embeddings are wordllama's (MIT), projected to 64 dimensions and shipped as
``processors/data/token-vectors.npz`` (built by ``tools/learned/make_token_vectors.py``);
the model is trained by ``strikewatch train`` on the labeled train split and shipped as
``processors/data/attack-model.npz``. Inference is numpy only. Three heads share the
features:

- ``attack``: probability that the article reports an attack (detection recall where no
  rule trigger fires; it never decides alone when the rules found a report);
- ``event_type``: probabilities of the main event's type (the rules' vocabulary);
- ``followup``: probability that the article follows up an earlier attack (a revised
  toll, arrests, a claim, mourning) rather than breaking it.

The hashing is :func:`zlib.crc32`, stable across processes and machines (Python's own
``hash`` is salted per process), so the model file means the same thing everywhere.
"""

from __future__ import annotations

import functools
import io
import json
import re
import zipfile
import zlib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

#: the version of the feature function; a model file built for another one is refused
FEATURES_VERSION = 1
#: hashed feature space (2**18 buckets)
BUCKETS = 1 << 18
#: characters of the text read after the title (the lede carries the report)
TEXT_CHARS = 2000
MODEL_FILE = "attack-model.npz"
VECTORS_FILE = "token-vectors.npz"
#: sentences after the title that the embedding features read
EMBED_SENTENCES = 6
#: weight of the dense block against the (L2-normalised) sparse block
DENSE_SCALE = 1.0

_WORD = re.compile(r"[a-z]+|\d+")
_PIECE_WORD = re.compile(r"\S+")


def tokens(text: str) -> list[str]:
    """Lower-case words; every number becomes ``0`` (the count does not make the type)."""
    return ["0" if w[0].isdigit() else w for w in _WORD.findall(text.lower())]


_HASHES: dict[str, int] = {}


def _hash(word: str) -> int:
    h = _HASHES.get(word)
    if h is None:
        h = zlib.crc32(word.encode())
        if len(_HASHES) < 500_000:
            _HASHES[word] = h
    return h


def feature_ids(title: str, text: str) -> np.ndarray:
    """The distinct hashed buckets of an article (sorted, int64).

    Title words (``t:`` prefixed), and unigrams and bigrams of the opening text. A word
    hashes by crc32 (cached); a bigram by mixing its two words' hashes, so only new
    words cost a crc32.
    """
    title_ids = [_hash("t:" + w) for w in tokens(title)]
    words = np.array([_hash(w) for w in tokens(text[:TEXT_CHARS])], dtype=np.int64)
    bigrams = (words[:-1] * 1_000_003) ^ words[1:] if len(words) > 1 else words[:0]
    every = np.concatenate([np.array(title_ids, dtype=np.int64), words, bigrams])
    return np.unique(every & (BUCKETS - 1))


def _read_npz(data: bytes, name: str, keys: tuple[str, ...]) -> tuple[dict[str, np.ndarray], dict]:
    try:
        with np.load(io.BytesIO(data), allow_pickle=False) as z:
            arrays = {k: z[k] for k in (*keys, "meta")}
        meta = json.loads(arrays.pop("meta").tobytes().decode())
    except (OSError, ValueError, KeyError, zipfile.BadZipFile) as exc:
        raise ModelFileError(f"{name}: not a strikewatch model file ({exc})") from None
    return arrays, meta


class TokenVectors:
    """Token pieces (Llama-2 vocabulary) and their 64-d vectors; texts become mean vectors.

    A word is cut into the longest pieces of the vocabulary from its start, "▁" marking
    the start of a word as in the source tokenizer; pieces are cached per word.
    """

    def __init__(self, pieces: list[str], vectors: np.ndarray, meta: dict[str, Any]) -> None:
        self.meta = meta
        self.index = {p: i for i, p in enumerate(pieces)}
        self.longest = max(map(len, pieces))
        self.vectors = vectors.astype(np.float32)
        self.dims = self.vectors.shape[1]
        self._cache: dict[str, list[int]] = {}

    @classmethod
    def from_bytes(cls, data: bytes, name: str = VECTORS_FILE) -> TokenVectors:
        arrays, meta = _read_npz(data, name, ("pieces", "vectors"))
        pieces = arrays["pieces"].tobytes().decode("utf-8").split("\n")
        return cls(pieces, arrays["vectors"], meta)

    def _pieces(self, word: str) -> list[int]:
        found = self._cache.get(word)
        if found is not None:
            return found
        rest, out = "▁" + word, []
        while rest:
            for j in range(min(len(rest), self.longest), 0, -1):
                i = self.index.get(rest[:j])
                if i is not None:
                    out.append(i)
                    rest = rest[j:]
                    break
            else:
                rest = rest[1:]  # a character outside the vocabulary
        if len(self._cache) < 200_000:
            self._cache[word] = out
        return out

    def embed(self, texts: list[str]) -> np.ndarray:
        """One unit-length mean vector per text (zeros for a text without pieces)."""
        ids: list[int] = []
        starts, counts = [], []
        for text in texts:
            start = len(ids)
            for w in _PIECE_WORD.findall(text):
                ids.extend(self._pieces(w))
            starts.append(start)
            counts.append(len(ids) - start)
        out = np.zeros((len(texts), self.dims), dtype=np.float32)
        filled = [i for i, n in enumerate(counts) if n]
        if filled:
            sums = np.add.reduceat(self.vectors[ids], [starts[i] for i in filled], axis=0)
            norms = np.linalg.norm(sums, axis=1, keepdims=True)
            out[filled] = sums / np.where(norms > 0, norms, 1.0)
        return out


def opening(text: str) -> list[str]:
    """The opening sentences the embedding features read."""
    from strikewatch.processors.text import split_sentences

    return [s.text for s in split_sentences(text[: TEXT_CHARS * 2], TEXT_CHARS * 2)][:EMBED_SENTENCES]


def dense_features(vectors: TokenVectors, title: str, sentences: list[str]) -> np.ndarray:
    """Title vector, then the mean and the maximum of the opening sentences' vectors."""
    rows = vectors.embed([title, *sentences[:EMBED_SENTENCES]])
    block = rows[1:] if len(rows) > 1 else np.zeros((1, vectors.dims), np.float32)
    return np.concatenate([rows[0], block.mean(axis=0), block.max(axis=0)]) * DENSE_SCALE


@dataclass(frozen=True)
class Prediction:
    attack: float
    followup: float
    types: dict[str, float]

    @property
    def event_type(self) -> str:
        return max(self.types, key=lambda t: self.types[t]) if self.types else ""

    @property
    def type_probability(self) -> float:
        return max(self.types.values()) if self.types else 0.0


class ModelFileError(ValueError):
    """A model file that is missing, unreadable or built for another feature version."""


class Model:
    """The three heads: ``rows[k]`` are the weight rows of the buckets in ``ids``."""

    def __init__(self, arrays: dict[str, np.ndarray], meta: dict[str, Any],
                 vectors: TokenVectors) -> None:
        if meta.get("features_version") != FEATURES_VERSION:
            raise ModelFileError(
                f"model built for feature version {meta.get('features_version')!r}, "
                f"this code reads version {FEATURES_VERSION}: run `strikewatch train`"
            )
        self.meta = meta
        self.types: list[str] = list(meta["types"])
        ids = arrays["ids"].astype(np.int64)
        self._slot = np.full(BUCKETS, -1, dtype=np.int32)
        self._slot[ids] = np.arange(len(ids), dtype=np.int32)
        self._rows = arrays["rows"].astype(np.float32)  # (n, 2 + len(types))
        self._bias = arrays["bias"].astype(np.float32)
        self._dense = arrays["dense"].astype(np.float32)  # (3 * dims, 2 + len(types))
        self.vectors = vectors
        if self._dense.shape[0] != 3 * vectors.dims:
            raise ModelFileError("the model and the token vectors do not fit: run `strikewatch train`")

    @classmethod
    def from_bytes(cls, data: bytes, vectors: TokenVectors, name: str = MODEL_FILE) -> Model:
        arrays, meta = _read_npz(data, name, ("ids", "rows", "bias", "dense"))
        return cls(arrays, meta, vectors)

    def scores(self, title: str, text: str, sentences: list[str] | None = None) -> np.ndarray:
        """The raw head scores (attack, follow-up, then one per type).

        ``sentences``: the text's sentences when the caller has split it already.
        """
        ids = feature_ids(title, text)
        slots = self._slot[ids]
        slots = slots[slots >= 0]
        # presence features, L2-normalised over the article's buckets (as in training)
        sparse = self._rows[slots].sum(axis=0) / np.sqrt(max(1, len(ids)))
        opening_ = opening(text) if sentences is None else sentences[:EMBED_SENTENCES]
        return sparse + dense_features(self.vectors, title, opening_) @ self._dense + self._bias

    def predict(self, title: str, text: str, sentences: list[str] | None = None) -> Prediction:
        score = self.scores(title, text, sentences)
        attack = float(1.0 / (1.0 + np.exp(-score[0])))
        followup = float(1.0 / (1.0 + np.exp(-score[1])))
        logits = score[2:] - score[2:].max()
        probs = np.exp(logits) / np.exp(logits).sum()
        return Prediction(attack, followup, {t: float(p) for t, p in zip(self.types, probs, strict=True)})


def write_npz(path: Path, arrays: dict[str, np.ndarray], meta: dict[str, Any]) -> None:
    """An ``.npz`` that is byte for byte the same for the same arrays (fixed zip dates)."""
    arrays = {**arrays, "meta": np.frombuffer(json.dumps(meta, sort_keys=True).encode(), dtype=np.uint8)}
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for name, array in arrays.items():
            buf = io.BytesIO()
            np.save(buf, array, allow_pickle=False)
            info = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, buf.getvalue())


def save(path: Path, ids: np.ndarray, rows: np.ndarray, dense: np.ndarray, bias: np.ndarray,
         meta: dict[str, Any]) -> None:
    """Write a model file (see :func:`write_npz`)."""
    write_npz(path, {
        "ids": ids.astype(np.int32),
        "rows": rows.astype(np.float32),
        "dense": dense.astype(np.float32),
        "bias": bias.astype(np.float32),
    }, meta)


def _data(name: str):
    return resources.files("strikewatch.processors.data").joinpath(name)


@functools.cache
def default_vectors() -> TokenVectors:
    """The token vectors shipped with the package."""
    return TokenVectors.from_bytes(_data(VECTORS_FILE).read_bytes())


@functools.cache
def default_model() -> Model | None:
    """The model shipped with the package; None when the file is not there."""
    ref = _data(MODEL_FILE)
    if not ref.is_file():
        return None
    return Model.from_bytes(ref.read_bytes(), default_vectors())
