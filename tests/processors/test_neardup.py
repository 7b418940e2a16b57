"""Near-duplicate articles reuse the original's events; a changed figure is not a copy."""

from datetime import UTC, date, datetime, timedelta

from strikewatch.core.records import Article, Event, Location
from strikewatch.processors.neardup import NearDuplicateIndex, reattribute

TEXT = ("A car bomb exploded at a busy checkpoint in Mogadishu on Sunday morning, killing nine "
        "people and wounding 14 others, police officials told reporters at the scene. The "
        "al-Shabaab group later claimed responsibility for the attack in a statement on its radio "
        "station, saying it had targeted government soldiers guarding the road to the airport.")
NOW = datetime(2024, 3, 4, 10, tzinfo=UTC)


def article(article_id: str, text: str = TEXT) -> Article:
    return Article(id=article_id, url=f"https://example.org/{article_id}", text=text, outlet="Wire")


def event() -> Event:
    return Event(id="a1", event_type="bombing", date=date(2024, 3, 3), killed=9,
                 location=Location(name="Mogadishu", country="SO", precision="city"))


def test_a_wire_copy_reuses_the_events_attributed_to_itself():
    index = NearDuplicateIndex()
    index.add(article("a1"), [event()], NOW)
    found = index.find(article("a2", TEXT.replace("Sunday morning", "Sunday")), NOW)
    assert found is not None and found[0] == "a1"
    [copy] = reattribute(found[1], article("a2"))
    assert copy.id == "a2" and copy.sources[0].article_id == "a2" and copy.killed == 9


def test_a_rewrite_with_a_new_figure_is_extracted_again():
    index = NearDuplicateIndex()
    index.add(article("a1"), [event()], NOW)
    assert index.find(article("a2", TEXT.replace("killing nine", "killing 12")), NOW) is None


def test_the_index_is_bounded_and_expires():
    index = NearDuplicateIndex(max_items=2, ttl=timedelta(days=1))
    for n in range(3):
        index.add(article(f"a{n}", TEXT + f" Update {'x' * n}."), [], NOW)
    assert len(index) == 2
    assert index.find(article("b"), NOW + timedelta(days=2)) is None
    assert len(index) == 0
