import io
import json
from pathlib import Path

import pytest

from strikewatch.evaluation import extraction as evaluate

TINY = Path(__file__).resolve().parents[1] / "resources" / "eval" / "extraction-tiny.jsonl"
ROOT = Path(__file__).resolve().parents[2]


def run(path, **kw):
    out = io.StringIO()
    code = evaluate.main(path, out, **kw)
    return code, out.getvalue()


def test_tiny_file_exact_figures(capsys):
    code, text = run(TINY, as_json=True)
    assert code == 0
    d = json.loads(text)
    assert d["articles"] == 4
    # hit: tp; miss: fn; neg: tn; false-alarm: fp
    assert d["detection"] == {
        "tp": 1, "fp": 1, "fn": 1, "tn": 1, "precision": 0.5, "recall": 0.5, "f1": 0.5
    }  # fmt: skip
    # gold events: hit + miss; predicted: hit + false-alarm; one match
    assert d["events"] == {
        "gold": 2, "predicted": 2, "matched": 1, "precision": 0.5, "recall": 0.5, "f1": 0.5
    }  # fmt: skip
    # one aligned pair (hit): everything right except injured (20 predicted, 25 gold)
    fields = d["fields"]
    assert fields["aligned"] == 1
    assert fields["injured"] == 0.0
    assert all(fields[f] == 1.0 for f in evaluate.FIELDS if f != "injured")
    assert d["false_positives"] == ["false-alarm"] and d["false_negatives"] == ["miss"]
    err = capsys.readouterr().err
    assert f"{TINY}:4: skipped: not JSON" in err
    assert f'{TINY}:5: skipped: no "gold"' in err


def test_table_output():
    code, text = run(TINY)
    assert code == 0
    assert "detection (articles)" in text and "tp=1 fp=1 fn=1 tn=1" in text
    assert "gold=2 predicted=2 matched=1" in text
    assert "  injured" in text and "0/1" in text


def test_unreadable_file(tmp_path, capsys):
    code, text = run(tmp_path / "missing.jsonl")
    assert code == 2 and text == ""
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "cannot read" in err[0]


def test_no_valid_line(tmp_path, capsys):
    bad = tmp_path / "bad.jsonl"
    bad.write_text("nope\n", encoding="utf-8")
    code, _ = run(bad)
    assert code == 2
    assert "no labeled article" in capsys.readouterr().err


def test_field_comparisons():
    from strikewatch.core.records import Actor, Event, Location

    e = Event(
        id="x",
        event_type="bombing",
        location=Location(name="St.-Petersburg", country="RU", precision="city"),
        perpetrator=Actor(name="Islamic State", aliases_matched=["ISIS"]),
        killed=3,
    )
    assert evaluate.same_place("Saint Petersburg", e) is False  # different spelling, no overlap
    assert evaluate.same_place("Petersburg", e)
    assert evaluate.same_perpetrator("ISIS", e)
    assert not evaluate.same_perpetrator(None, e)
    assert evaluate.field_ok("killed", {"killed": 3}, e)


@pytest.mark.skipif(not (ROOT / "eval" / "extraction-dev.jsonl").exists(), reason="no dev set")
def test_dev_set_is_well_formed(capsys):
    names = ("extraction-dev.jsonl", "extraction-test.jsonl",
             "independent-train.jsonl", "independent-dev.jsonl", "independent-test.jsonl")
    for name in names:
        with (ROOT / "eval" / name).open(encoding="utf-8") as f:
            items = evaluate.load(f, name)
        assert items
        assert capsys.readouterr().err == ""
