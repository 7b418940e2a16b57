"""`strikewatch eval dedup`: scores hand-computed on a tiny file."""

import io
import json

import pytest

from strikewatch.evaluation.dedup import DEFAULT_FILE, main, score


def test_scores_by_hand():
    # gold {a,b,c} {d}; predicted {a,b} {c,d}
    s = score(["A", "A", "A", "D"], ["x", "x", "y", "y"])
    # pairs: gold-same ab ac bc (3); predicted-same ab cd (2); both ab (1)
    assert (s.pair_precision, s.pair_recall) == (0.5, pytest.approx(1 / 3))
    assert s.pair_f1 == pytest.approx(0.4)
    # B-cubed precision: a 1, b 1, c 1/2, d 1/2 -> 3/4; recall: a 2/3, b 2/3, c 1/3, d 1 -> 2/3
    assert s.b3_precision == pytest.approx(0.75)
    assert s.b3_recall == pytest.approx(2 / 3)
    assert s.b3_f1 == pytest.approx(2 * 0.75 * (2 / 3) / (0.75 + 2 / 3))
    assert (s.gold_clusters, s.predicted_clusters) == (2, 2)
    assert s.merges == {"y": ["A", "D"]}


def line(article: str, cluster: str, **kw) -> str:
    event = {"id": article, "event_type": "bombing", "date": "2024-01-03",
             "location": {"name": "Kerman", "country": "IR", "lat": 30.28, "lon": 57.08, "precision": "city"},
             "summary": "Blasts at the memorial in Kerman", "cluster": cluster}
    event.update(kw)
    return json.dumps(event) + "\n"


def test_eval_file_prints_the_table_and_lists_merges(tmp_path):
    path = tmp_path / "tiny.jsonl"
    path.write_text(line("a1", "kerman") + line("a2", "kerman") + "not json\n"
                    + line("a3", "other-kerman-blast"))
    out = io.StringIO()
    assert main(path, out) == 0
    text = out.getvalue()
    # all three reports fall into one predicted event: pairwise P = 1/3, R = 1
    assert "pairwise       0.333   1.000  0.500" in text
    assert "clusters: gold 2, predicted 1" in text
    assert "kerman + other-kerman-blast" in text


def test_missing_file_is_a_one_line_error(tmp_path, capsys):
    assert main(tmp_path / "nope.jsonl", io.StringIO()) == 2
    assert "nope.jsonl" in capsys.readouterr().err


def test_bundled_dev_set_meets_the_bar():
    out = io.StringIO()
    assert main(DEFAULT_FILE, out) == 0
    b3 = next(row for row in out.getvalue().splitlines() if row.startswith("B-cubed"))
    assert float(b3.split()[-1]) >= 0.9
    assert "merges of distinct gold clusters: 0" in out.getvalue()
