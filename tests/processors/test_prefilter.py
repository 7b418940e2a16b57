"""Keyword pre-filtered regexes give exactly what the plain regex gives."""

import json
import re
from pathlib import Path

from strikewatch.processors.cues import _TRIGGERS
from strikewatch.processors.prefilter import Filtered, scan, split_alternatives
from strikewatch.processors.text import split_sentences

EVAL = Path(__file__).resolve().parents[2] / "eval"


def test_split_alternatives_respects_groups_classes_and_escapes():
    assert split_alternatives(r"a|b(c|d)|[|]|\|x") == ["a", "b(c|d)", "[|]", r"\|x"]


def test_words_missing_from_a_sentence_skip_the_pattern():
    f = Filtered(r"\bshell(?:ing|ed|s)\b")
    assert f.has("Heavy shelling hit the town.")
    assert not f.has("Heavy rain hit the town.")
    assert scan("Heavy rain hit the town.").mask & f.mask == 0


def test_same_matches_as_one_compiled_alternation():
    combined = re.compile("|".join(f"(?P<{t}>{p})" for t, _, p in _TRIGGERS), re.I)
    filtered = Filtered([(t, p) for t, _, p in _TRIGGERS])
    sentences = [
        s.text
        for name in ("extraction-dev.jsonl", "extraction-test.jsonl")
        for line in (EVAL / name).read_text(encoding="utf-8").splitlines()
        for s in split_sentences(json.loads(line)["text"])
    ]
    sentences += ["İstanbul: a car bomb exploded near the İstiklal avenue."]  # not lower-cased
    assert len(sentences) > 500
    for s in sentences:
        want = [(m.lastgroup, m.span()) for m in combined.finditer(s)]
        got = [(t, m.span()) for t, m in filtered.finditer(s)]
        assert got == want, s


def test_the_tags_present_are_the_tags_of_every_match():
    from strikewatch.processors.cues import _NEGATIVE_ALL

    sentences = [
        s.text
        for line in (EVAL / "extraction-dev.jsonl").read_text(encoding="utf-8").splitlines()
        for s in split_sentences(json.loads(line)["text"])
    ]
    for s in sentences + ["A drill was held; the ceasefire held.", "İstanbul drill exercise"]:
        assert _NEGATIVE_ALL.tags(s) == {t for t, _ in _NEGATIVE_ALL.finditer(s)}, s


def test_case_sensitive_patterns_stay_case_sensitive():
    f = Filtered([("", r"(?<![\w-])ISIS(?![\w-])")], split=False, ignore_case=False)
    assert f.has("ISIS claimed it.")
    assert not f.has("The crisis deepened.")


def test_a_clause_telling_an_earlier_attack_is_cut_off_its_sentence_with_its_offsets():
    from strikewatch.processors.text import split_clauses

    text = (
        "Jets struck positions inside Nigeria on Wednesday, two days after bombers hit "
        "N'Djamena. Police said so, hours later."
    )
    pieces = split_clauses(split_sentences(text))
    assert [p.text for p in pieces] == [
        "Jets struck positions inside Nigeria on Wednesday,",
        "two days after bombers hit N'Djamena.",
        "Police said so, hours later.",
    ]
    assert all(text[p.start : p.end] == p.text for p in pieces)
    assert [p.index for p in pieces] == [0, 1, 2]
