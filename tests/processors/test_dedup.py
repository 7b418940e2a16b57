from datetime import date

from strikewatch.core.records import Actor, Event, Location, Source, Target
from strikewatch.processors.dedup.merge import deduplicate
from strikewatch.processors.dedup.scoring import dedup_key, match_score
from strikewatch.processors.dedup.state import DedupState, memory_state
from strikewatch.processors.dedup.stores.memory import MemoryStore

AIN_AL_ASAD = Location(name="Ain al-Asad Air Base", admin1="Al Anbar", country="IQ",
                       lat=33.7856, lon=42.4412, precision="site")
BAGHDAD = Location(name="Baghdad", country="IQ", lat=33.3406, lon=44.4009, precision="city")
IRAQ = Location(name="Iraq", country="IQ", precision="country")


def report(article: str, **overrides) -> Event:
    fields = dict(
        id=article,
        event_type="missile_attack",
        date=date(2023, 11, 21),
        location=AIN_AL_ASAD,
        perpetrator=Actor(name="Iran-backed militants"),
        target=Target(category="military", name="U.S. forces"),
        injured=8,
        killed=0,
        sources=[Source(url=f"https://example.org/{article}", article_id=article)],
    )
    fields.update(overrides)
    return Event(**fields)


def test_two_outlets_reporting_one_attack_make_one_event():
    store = memory_state()
    first = store.add(report("a1"))
    second = store.add(report("a2", event_type="rocket_attack", perpetrator=None))
    assert first.status == "new"
    assert second.status == "duplicate"
    assert second.event_id == first.event_id
    assert second.event.article_count == 2
    assert {s.article_id for s in second.event.sources} == {"a1", "a2"}


def test_rising_casualty_count_is_one_update_with_a_new_revision():
    store = memory_state()
    first = store.add(report("a1", injured=8))
    update = store.add(report("a2", injured=11))
    again = store.add(report("a3", injured=11))
    assert update.status == "update"
    assert update.event.injured == 11
    assert update.event.revision == first.event.revision + 1
    assert again.status == "duplicate"


def test_attack_and_retaliation_in_one_article_stay_apart():
    store = memory_state()
    attack = store.add(report("seed"))
    reply = store.add(report("seed", event_type="air_strike", location=IRAQ,
                             perpetrator=Actor(name="U.S. forces"),
                             target=Target(category="military", name="Iran-backed militants"),
                             injured=None, killed=None))
    assert reply.status == "new"
    assert reply.event_id != attack.event_id


def test_retaliation_reported_by_another_outlet_does_not_join_the_attack():
    known = report("a1")
    reply = report("a2", event_type="air_strike", perpetrator=Actor(name="U.S. forces"),
                   target=Target(category="military", name="Iran-backed militants"))
    assert match_score(known, reply) == 0.0


def test_same_base_a_week_apart_are_two_events():
    store = memory_state(window_days=3)
    first = store.add(report("a1"))
    later = store.add(report("a2", date=date(2023, 11, 28)))
    assert later.status == "new" and later.event_id != first.event_id


def test_far_apart_places_in_one_country_are_two_events():
    known = report("a1", event_type="bombing", location=BAGHDAD)
    basra = Location(name="Basra", country="IQ", lat=30.5085, lon=47.7804, precision="city")
    assert match_score(known, report("a2", event_type="bombing", location=basra)) == 0.0


def test_incompatible_types_never_merge():
    assert match_score(report("a1"), report("a2", event_type="shooting")) == 0.0


def test_key_is_country_or_unknown():
    assert dedup_key(report("a1")) == "IQ"
    assert dedup_key(report("a1", location=None)) == "ZZ"


def test_state_drops_events_far_behind_the_newest():
    buckets = MemoryStore()
    state = DedupState(buckets, window_days=3)
    state.add(report("a1"))
    state.add(report("a2", date=date(2023, 12, 20)))
    assert [e.id for e in state.known("IQ")] == ["a2"]
    assert buckets.get("IQ|index") == ["2023-12-20"]
    assert not [k for k in buckets.data if k.startswith("IQ|2023-11")]
    assert sum(1 for k in buckets.data if k.startswith("ev-")) == 1  # the expired event's record went too


def test_list_form_keeps_what_it_is_given():
    decision, state = deduplicate(report("a1"), [], window_days=3)
    decision, state = deduplicate(report("a2", date=date(2023, 12, 20)), state, window_days=3)
    assert [e.id for e in state] == ["a1", "a2"]


def test_location_refinement_is_material():
    store = memory_state()
    store.add(report("a1", location=IRAQ, killed=None, injured=None))
    refined = store.add(report("a2", killed=None, injured=None))
    assert refined.status == "update"
    assert refined.event.location.name == "Ain al-Asad Air Base"


def test_a_massacre_told_as_a_stabbing_by_one_outlet_and_an_assault_by_another_is_one():
    store = memory_state()
    first = store.add(report("a1", event_type="armed_assault", location=BAGHDAD, perpetrator=None))
    second = store.add(report("a2", event_type="stabbing", location=BAGHDAD, perpetrator=None))
    assert second.status == "duplicate" and second.event_id == first.event_id
    # a stabbing is still never a missile attack
    assert match_score(report("a3"), report("a4", event_type="stabbing")) == 0.0


def test_a_date_known_only_to_the_week_scores_like_an_unknown_one():
    exact = report("a1")
    two_days = report("a2", date=date(2023, 11, 23))
    week = report("a3", date=date(2023, 11, 23), date_precision="week")
    undated = report("a4", date=None)
    # two days off: a day-precise report scores lower than one with no date ...
    assert match_score(exact, two_days) < match_score(exact, undated)
    # ... but "last week's" date two days off is as good as no date, and never worse
    assert match_score(exact, week) == match_score(exact, undated)
    assert match_score(exact, report("a5", date_precision="week")) == match_score(exact, report("a6"))
    # more than a week off is another attack, whatever the precision
    assert match_score(exact, report("a7", date=date(2023, 11, 30), date_precision="week")) == 0.0


def test_a_report_that_tells_the_day_dates_an_event_known_to_the_week():
    store = memory_state()
    first = store.add(report("a1", date=date(2023, 11, 19), date_precision="week"))
    second = store.add(report("a2"))
    assert second.event_id == first.event_id
    assert (second.event.date, second.event.date_precision) == (date(2023, 11, 21), "day")
    # ... and is found under its day from then on
    third = store.add(report("a3", date=date(2023, 11, 24)))
    assert third.event_id == first.event_id
