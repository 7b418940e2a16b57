from datetime import UTC, datetime

import pytest

from strikewatch.core.records import Article
from strikewatch.processors.classify import classify, detect_language

PUBLISHED = datetime(2024, 3, 22, 9, 0, tzinfo=UTC)


def article(text, title="", published=PUBLISHED):
    return Article(id="t", title=title, text=text, published=published)


ATTACKS = [
    "A ballistic missile struck the city centre on Tuesday, killing four people and wounding 20, officials said.",
    "Gunmen opened fire on a minibus near the border on Thursday, killing seven passengers.",
    "A roadside bomb hit a police patrol outside the town late on Wednesday, wounding three officers.",
    "Two suicide bombers blew themselves up at a crowded market on Friday, killing at least 30 people.",
    "Russian forces shelled the village overnight, damaging dozens of homes and injuring two residents.",
    "An air strike hit a school sheltering displaced families on Monday, killing 12 people, medics said.",
    "A man steered a hired pickup truck onto a crowded riverside bicycle path on Tuesday, killing six people.",
    "The van drove for almost two kilometres through lunchtime crowds on Monday, killing nine people, police said.",
]


@pytest.mark.parametrize("text", ATTACKS)
def test_attacks(text):
    v = classify(article(text))
    assert v.is_attack, v.reasons
    assert 0.5 <= v.confidence <= 1.0
    assert v.reasons


HARD_NEGATIVES = {
    "anniversary": "Survivors gathered on Sunday for a memorial service ten years after the bombing of the main market, which killed 40 people.",
    "trial": "A court sentenced a man to life in prison on Monday for his role in the truck bombing that killed 86 people.",
    "threat": "The group's leader vowed on Tuesday to launch missile attacks on the capital if the offensive continues.",
    "tally": "Since October, militants have carried out a total of 150 attacks across the province, killing at least 300 people, a monitoring group said.",
    "earthquake": "A powerful earthquake struck the region on Monday, killing at least 120 people and destroying hundreds of homes.",
    "crash": "A passenger plane crashed shortly after take-off on Friday, killing all 72 people on board.",
    "industrial explosion": "An explosion at a chemical factory in the industrial zone killed nine workers on Wednesday; officials blamed a gas leak.",
    "protest": "Thousands of protesters marched through the capital on Saturday and attacked the government's record on prices.",
    "labour strike": "Rail workers went on strike on Tuesday, halting trains across the country as the union pressed for a pay rise.",
    "sport": "The striker settled the final with a stunning late strike, and the fans in the stadium erupted.",
    "hunger strike": "A jailed activist has been on hunger strike for 40 days, his family said on Friday.",
    "exercise": "The navy test-fired two cruise missiles during annual exercises in the Black Sea on Thursday.",
}


@pytest.mark.parametrize("kind", sorted(HARD_NEGATIVES))
def test_hard_negatives(kind):
    v = classify(article(HARD_NEGATIVES[kind]))
    assert not v.is_attack, (kind, v)


def test_negative_reason_is_named():
    v = classify(article(HARD_NEGATIVES["anniversary"]))
    assert any("anniversary" in r for r in v.reasons)


def test_title_counts():
    text = "The bomb exploded outside the station, killing 22 people."
    assert classify(article(text)).is_attack
    assert not classify(article(text, title="Man jailed for life over station bombing")).is_attack


def test_old_event_is_not_news():
    text = "The bomb exploded outside the station on 22 May 2017, killing 22 people."
    v = classify(article(text))
    assert not v.is_attack
    assert any("2017" in r for r in v.reasons)


def test_empty():
    v = classify(article(""))
    assert not v.is_attack and v.reasons == ["empty text"]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Des hommes armés ont ouvert le feu sur un marché de la ville mardi, tuant douze personnes et en blessant vingt autres, selon la police.",
            "fr",
        ),
        (
            "قتل ثمانية أشخاص وأصيب عشرون آخرون في هجوم بطائرة مسيرة استهدف قاعدة عسكرية شمال العراق يوم الثلاثاء.",
            "ar",
        ),
    ],
)
def test_non_english(text, lang):
    assert detect_language(text) == lang
    v = classify(article(text))
    assert not v.is_attack
    assert "unsupported language" in v.reasons[0] and lang in v.reasons[0]
