"""The command-line contract: JSON Lines in and out, bad lines reported and skipped."""

import io
import json

from tests.cli.test_run_demo import run_cli

MOGADISHU = {
    "id": "m1", "url": "https://example.org/m1", "title": "Car bomb kills nine in Mogadishu",
    "text": "A car bomb exploded at a checkpoint in Mogadishu, Somalia, on Sunday, killing nine "
            "people and wounding 14, police said. Al-Shabaab said it carried out the attack.",
    "published": "2024-03-04T10:00:00Z",
}
MATCH = {
    "id": "f1", "url": "https://example.org/f1", "title": "Late strike sinks the visitors",
    "text": "A late strike from the edge of the box sank the visitors on Saturday, and the home "
            "side climbed to third in the table.",
    "published": "2024-03-02T18:00:00Z",
}


def test_extract_reports_bad_lines_with_their_number_and_goes_on():
    stdin = "\n".join([json.dumps(MOGADISHU), "{broken", json.dumps({"title": "no id"}), json.dumps(MATCH)])
    result = run_cli("extract", stdin=stdin + "\n")
    assert result.returncode == 0, result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["id"] for o in out] == ["m1", "f1"]
    assert out[0]["is_attack"] is True and out[0]["events"][0]["killed"] == 9
    assert out[1]["is_attack"] is False and out[1]["events"] == []
    assert "stdin:2" in result.stderr and "not JSON" in result.stderr
    assert "stdin:3" in result.stderr and "'id'" in result.stderr


def test_extract_output_names_each_event_and_the_article_of_its_evidence():
    from strikewatch.cli.dedup import dedup_stream
    from strikewatch.cli.extract import extract_stream

    def extract() -> list[dict]:
        out = io.StringIO()
        assert extract_stream(io.StringIO(json.dumps(MOGADISHU) + "\n" + json.dumps(MATCH) + "\n"), out) == 0
        return [json.loads(line) for line in out.getvalue().splitlines()]

    first = extract()
    (event,) = first[0]["events"]
    assert event["event_id"] == "m1#0"
    assert event["evidence"] and {e["article_id"] for e in event["evidence"]} == {"m1"}
    assert extract() == first  # the same input gives the same ids
    # dedup reads this output and names the real-world event itself
    deduped = io.StringIO()
    assert dedup_stream(io.StringIO(json.dumps(first[0]) + "\n"), deduped) == 0
    (decision,) = [json.loads(line) for line in deduped.getvalue().splitlines()]
    assert decision["id"] == "m1" and decision["status"] == "new"
    assert decision["event_id"].startswith("ev-")


def test_extract_with_no_usable_line_is_a_one_line_error():
    result = run_cli("extract", stdin="not json\nstill not\n")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines()[-1].startswith("strikewatch extract: no valid line")


def test_dedup_groups_reports_of_one_event_and_reads_extract_output():
    second = {**MOGADISHU, "id": "m2", "url": "https://example.org/m2",
              "text": "Nine people died and 14 were hurt when a car bomb went off at a checkpoint "
                      "in Mogadishu on Sunday. Al-Shabaab claimed it."}
    extracted = run_cli("extract", stdin=json.dumps(MOGADISHU) + "\n" + json.dumps(second) + "\n")
    assert extracted.returncode == 0, extracted.stderr
    result = run_cli("dedup", stdin=extracted.stdout + "{bad\n")
    assert result.returncode == 0, result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["id"] for o in out] == ["m1", "m2"]
    assert out[0]["event_id"] == out[1]["event_id"]
    assert [o["status"] for o in out] == ["new", "duplicate"]
    assert "stdin:3" in result.stderr
