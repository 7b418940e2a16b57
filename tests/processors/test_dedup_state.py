"""Dedup behaviour beyond one match: provenance of counts, redelivery, buckets, SQLite."""

from datetime import UTC, date, datetime, timedelta

from processors.dedup import merge, place_score
from processors.dedup_state import DedupState, MemoryBuckets, sqlite_state
from strikewatch.records import Actor, Event, Location, Source, Target

KERMAN = Location(name="Kerman", country="IR", lat=30.2839, lon=57.0834, precision="city")
ZAVENTEM = Location(name="Brussels Airport", country="BE", lat=50.9010, lon=4.4856, precision="site")
MAELBEEK = Location(name="Maelbeek metro station", country="BE", lat=50.8435, lon=4.3768, precision="site")
BRUSSELS = Location(name="Brussels", country="BE", lat=50.8503, lon=4.3517, precision="city")


def report(article: str, hour: int, **overrides) -> Event:
    published = datetime(2024, 1, 3, tzinfo=UTC) + timedelta(hours=hour)
    fields = dict(
        id=article, event_type="bombing", date=date(2024, 1, 3), location=KERMAN,
        target=Target(category="civilians", name="memorial procession"),
        summary="Two blasts hit a crowd at the Soleimani memorial in Kerman.",
        first_seen=published,
        sources=[Source(url=f"https://example.org/{article}", article_id=article, published=published)],
    )
    fields.update(overrides)
    return Event(**fields)


def test_latest_count_wins_even_when_revised_down_and_names_its_article():
    state = DedupState(MemoryBuckets())
    state.add(report("k1", 12, killed=103))
    revised = state.add(report("k2", 20, killed=84))
    assert revised.status == "update" and revised.event.killed == 84
    [evidence] = [e for e in revised.event.evidence if e.field == "killed"]
    assert evidence.article_id == "k2"


def test_an_older_report_arriving_late_does_not_roll_the_count_back():
    state = DedupState(MemoryBuckets())
    state.add(report("k1", 12, killed=103))
    late = state.add(report("k0", 11, killed=73))
    assert late.status == "duplicate" and late.event.killed == 103


def test_lower_at_least_figure_agrees_with_a_higher_count():
    known, _ = merge(report("k1", 12, killed=95), report("k2", 13, killed=50, killed_at_least=True))
    assert known.killed == 95


def test_extra_sources_are_duplicates_and_counted_with_first_seen_kept():
    state = DedupState(MemoryBuckets())
    first = state.add(report("k1", 12, killed=103))
    again = state.add(report("k2", 13, killed=103))
    assert again.status == "duplicate"
    assert again.event.article_count == 2
    assert again.event.first_seen == first.event.first_seen
    assert again.event.revision == 1


def test_perpetrator_claimed_later_is_an_update():
    state = DedupState(MemoryBuckets())
    state.add(report("k1", 12, killed=84))
    claimed = state.add(report("k2", 30, killed=84, perpetrator=Actor(name="Islamic State"), date=date(2024, 1, 4)))
    assert claimed.status == "update" and claimed.event.perpetrator.name == "Islamic State"


def test_redelivered_report_is_a_duplicate_not_a_new_event():
    state = DedupState(MemoryBuckets())
    first = state.add(report("k1", 12, killed=103))
    again = state.add(report("k1", 12, killed=103))
    assert again.status == "duplicate" and again.event_id == first.event_id
    assert again.event.article_count == 1


def test_two_sites_in_one_city_on_one_day_stay_apart():
    airport = report("b1", 7, location=ZAVENTEM, summary="Bombs in the airport departure hall.")
    metro = report("b2", 8, location=MAELBEEK, summary="A bomb on a metro train at Maelbeek.")
    assert place_score(airport, metro) == 0.0
    state = DedupState(MemoryBuckets())
    a, m = state.add(airport), state.add(metro)
    assert m.status == "new" and m.event_id != a.event_id
    # a city-level report that names the metro joins the metro bombing
    follow = state.add(report("b3", 9, location=BRUSSELS, summary="The metro train bombing at Maelbeek killed 20."))
    assert follow.event_id == m.event_id


def test_a_late_date_off_by_one_still_meets_the_event_in_the_next_bucket():
    state = DedupState(MemoryBuckets())
    first = state.add(report("k1", 12, killed=103))
    other_day = state.add(report("k2", 23, killed=103, date=date(2024, 1, 4)))
    assert other_day.event_id == first.event_id


def test_sqlite_state_survives_a_restart(tmp_path):
    path = tmp_path / "dedup.sqlite3"
    first = sqlite_state(path).add(report("k1", 12, killed=103))
    reopened = sqlite_state(path)
    update = reopened.add(report("k2", 20, killed=84))
    assert update.status == "update" and update.event_id == first.event_id
    assert update.event.article_count == 2
