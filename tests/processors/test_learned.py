"""The learned model beside the rules: deterministic training, offline reading, explained verdicts."""

import hashlib
import json
import sys
from pathlib import Path

import pytest

from strikewatch.core.records import Article
from strikewatch.processors import learned
from strikewatch.processors.classify import assess

ROOT = Path(__file__).resolve().parents[2]
TRAIN = ROOT / "eval" / "independent-train.jsonl"


def test_the_shipped_model_names_its_training_data_by_hash():
    meta = learned.default_model().meta
    (data,) = meta["training_data"]
    assert data["path"] == "eval/independent-train.jsonl"
    assert data["sha256"] == hashlib.sha256(TRAIN.read_bytes()).hexdigest()
    assert "stabbing" in meta["types"] and "vehicle_ramming" in meta["types"]


def test_training_is_deterministic_and_gives_the_shipped_model(tmp_path):
    pytest.importorskip("sklearn")
    from strikewatch.evaluation.training import main

    a, b = tmp_path / "a.npz", tmp_path / "b.npz"
    assert main([TRAIN], a, out=open("/dev/null", "w")) == 0
    assert main([TRAIN], b, out=open("/dev/null", "w")) == 0
    assert a.read_bytes() == b.read_bytes()
    shipped = learned.default_model()
    rebuilt = learned.Model.from_bytes(a.read_bytes(), learned.default_vectors())
    text = "Gunmen burst into a concert hall and fired at the audience, killing 40 people."
    assert rebuilt.scores("Concert hall attack", text) == pytest.approx(
        shipped.scores("Concert hall attack", text), abs=1e-4)


def test_reading_the_model_needs_no_scikit_learn():
    code = ("import sys; from strikewatch.processors.learned import default_model; "
            "p = default_model().predict('Blast', 'A bomb exploded in a market.'); "
            "print(0 <= p.attack <= 1, 'sklearn' in sys.modules)")
    import subprocess

    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True", "False"]


def test_a_broken_model_file_is_named_in_the_error():
    with pytest.raises(learned.ModelFileError, match="attack-model.npz"):
        learned.Model.from_bytes(b"not a zip", learned.default_vectors())


def test_a_rescued_report_says_the_model_found_it():
    rows = [json.loads(line) for line in (ROOT / "eval" / "independent-dev.jsonl").open()]
    rescued = []
    for r in rows:
        a = assess(Article(id=r["id"], title=r["title"], text=r["text"], published=r["published"]))
        if any(x.startswith("learned model: attack report") for x in a.verdict.reasons):
            rescued.append((r["id"], r["gold"]["is_attack"]))
    assert rescued, "the model rescued no dev report"
    assert sum(gold for _, gold in rescued) / len(rescued) >= 0.8


def test_the_model_vetoes_a_match_report_that_reads_like_a_bombing():
    article = Article(id="m", title="United blitz City 4-0 in derby", text=(
        "United produced a bombing display in the second half, scoring three goals in ten "
        "minutes as City's defence collapsed. The striker said the team attacked from the "
        "first whistle and the fans sang until the end of the match."))
    assert not assess(article).verdict.is_attack
