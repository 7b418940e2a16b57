"""`strikewatch eval pipeline`: extraction and dedup scored together, from text."""

import io
import json
import subprocess
import sys

from strikewatch.evaluation.extraction import load
from strikewatch.evaluation.pipeline import DEFAULT_FILE, main, run, summary

KERMAN = (
    "KERMAN, Iran, Jan 3 - Two bombs exploded minutes apart near the tomb of Qassem Soleimani "
    "in the city of Kerman on Wednesday, killing 84 people and wounding 284, officials said."
)
KERMAN_LATER = (
    "The death toll from the twin bombings in the city of Kerman on Wednesday rose to 95, "
    "officials said on Thursday, with 211 people wounded."
)
QUETTA = (
    "A suicide bomber blew himself up at a police checkpoint in the city of Quetta, Pakistan, on "
    "Saturday, killing 12 people and wounding 30, police said."
)
NEGATIVE = "The city council of Kerman approved a budget for new parks on Wednesday."


def article(aid, title, text, published, events):
    return json.dumps(
        {"id": aid, "title": title, "text": text, "published": published,
         "gold": {"is_attack": bool(events), "events": events}}
    ) + "\n"  # fmt: skip


def gold(key, etype, day, country, place, killed, injured):
    return {"event_key": key, "event_type": etype, "date": day, "country": country,
            "place": place, "perpetrator": None, "killed": killed, "injured": injured}  # fmt: skip


KERMAN_GOLD = gold("ir-kerman", "bombing", "2024-01-03", "IR", "Kerman", 84, 284)


def tiny(tmp_path):
    path = tmp_path / "tiny.jsonl"
    path.write_text(
        article("k2", "Kerman toll rises", KERMAN_LATER, "2024-01-04T09:00:00Z", [KERMAN_GOLD])
        + article("k1", "Twin blasts in Kerman", KERMAN, "2024-01-03T12:00:00Z", [KERMAN_GOLD])
        + article("q1", "Quetta bombing", QUETTA, "2024-01-06T12:00:00Z",
                  [gold("pk-quetta", "suicide_bombing", "2024-01-06", "PK", "Quetta", 12, 30)])
        + article("n1", "Kerman budget", NEGATIVE, "2024-01-03T15:00:00Z", [])
        + "not json\n"
    )  # fmt: skip
    return path


def test_two_reports_of_one_attack_make_one_event(tmp_path):
    with tiny(tmp_path).open() as f:
        items = load(f, "tiny")
    result = run(items)
    # the stream order is the publication order, not the file order
    assert [m.article for m in result.mentions] == ["k1", "k2", "q1"]
    k1, k2, q1 = result.mentions
    assert k1.event_id and k1.event_id == k2.event_id
    assert q1.event_id and q1.event_id != k1.event_id
    d = summary(result)
    assert d["b3"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert d["false_merges"] == {} and d["split_attacks"] == {}
    assert (d["attacks"], d["attacks_found"], d["events_per_found_attack"]) == (2, 2, 1.0)
    assert d["spurious_events"] == 0
    # the later report's higher toll is a revision of the event
    assert result.final[k1.event_id].killed == 95


def test_a_missed_report_is_its_own_cluster(tmp_path):
    path = tmp_path / "missed.jsonl"
    # the second "report" says nothing of an attack: the pipeline cannot place it
    path.write_text(
        article("k1", "Twin blasts in Kerman", KERMAN, "2024-01-03T12:00:00Z", [KERMAN_GOLD])
        + article("k2", "Kerman", NEGATIVE, "2024-01-04T12:00:00Z", [KERMAN_GOLD])
    )
    with path.open() as f:
        d = summary(run(load(f, "missed")))
    assert d["missed_mentions"] == 1
    # B-cubed recall: each of the two mentions finds 1 of its 2 -> 1/2; precision 1
    assert d["b3"]["precision"] == 1.0 and d["b3"]["recall"] == 0.5
    assert list(d["split_attacks"]) == ["ir-kerman"]


def test_cli_prints_the_table(tmp_path):
    out = subprocess.run(
        [sys.executable, "-m", "strikewatch.cli", "eval", "pipeline", str(tiny(tmp_path)), "-v"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert "B-cubed        1.000   1.000  1.000" in out.stdout
    assert "false merges (one event, several attacks): 0" in out.stdout
    assert "tiny.jsonl:5: skipped: not JSON" in out.stderr


def test_a_file_without_event_keys_is_refused(tmp_path, capsys):
    path = tmp_path / "old.jsonl"
    path.write_text(
        json.dumps({"id": "a", "title": "t", "text": KERMAN, "gold": {"is_attack": True, "events": [
            {"event_type": "bombing", "date": "2024-01-03", "country": "IR"}]}}) + "\n"
    )  # fmt: skip
    assert main(path, io.StringIO()) == 2
    assert "event_key" in capsys.readouterr().err


def test_missing_file_is_a_one_line_error(tmp_path, capsys):
    assert main(tmp_path / "nope.jsonl", io.StringIO()) == 2
    assert "nope.jsonl" in capsys.readouterr().err


def test_bundled_dev_set_runs():
    out = io.StringIO()
    assert main(DEFAULT_FILE, out, as_json=True) == 0
    d = json.loads(out.getvalue())
    assert d["mentions"] > 50 and 0.0 < d["b3"]["f1"] <= 1.0
