"""Dedup behaviour beyond one match: provenance of counts, redelivery, buckets, SQLite."""

from datetime import UTC, date, datetime, timedelta

from strikewatch.core.records import Actor, Event, Location, Source, Target
from strikewatch.processors.dedup.merge import merge
from strikewatch.processors.dedup.scoring import place_score
from strikewatch.processors.dedup.state import DedupState, sqlite_state
from strikewatch.processors.dedup.stores.memory import MemoryStore

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
    state = DedupState(MemoryStore())
    state.add(report("k1", 12, killed=103))
    revised = state.add(report("k2", 20, killed=84))
    assert revised.status == "update" and revised.event.killed == 84
    [evidence] = [e for e in revised.event.evidence if e.field == "killed"]
    assert evidence.article_id == "k2"


def test_an_older_report_arriving_late_does_not_roll_the_count_back():
    state = DedupState(MemoryStore())
    state.add(report("k1", 12, killed=103))
    late = state.add(report("k0", 11, killed=73))
    assert late.status == "duplicate" and late.event.killed == 103


def test_lower_at_least_figure_agrees_with_a_higher_count():
    known, _ = merge(report("k1", 12, killed=95), report("k2", 13, killed=50, killed_at_least=True))
    assert known.killed == 95


def test_extra_sources_are_duplicates_and_counted_with_first_seen_kept():
    state = DedupState(MemoryStore())
    first = state.add(report("k1", 12, killed=103))
    again = state.add(report("k2", 13, killed=103))
    assert again.status == "duplicate"
    assert again.event.article_count == 2
    assert again.event.first_seen == first.event.first_seen
    assert again.event.revision == 1


def test_perpetrator_claimed_later_is_an_update():
    state = DedupState(MemoryStore())
    state.add(report("k1", 12, killed=84))
    claimed = state.add(report("k2", 30, killed=84, perpetrator=Actor(name="Islamic State"), date=date(2024, 1, 4)))
    assert claimed.status == "update" and claimed.event.perpetrator.name == "Islamic State"


def test_redelivered_report_is_a_duplicate_not_a_new_event():
    state = DedupState(MemoryStore())
    first = state.add(report("k1", 12, killed=103))
    again = state.add(report("k1", 12, killed=103))
    assert again.status == "duplicate" and again.event_id == first.event_id
    assert again.event.article_count == 1


def test_two_sites_in_one_city_on_one_day_stay_apart():
    airport = report("b1", 7, location=ZAVENTEM, summary="Bombs in the airport departure hall.")
    metro = report("b2", 8, location=MAELBEEK, summary="A bomb on a metro train at Maelbeek.")
    assert place_score(airport, metro) == 0.0
    state = DedupState(MemoryStore())
    a, m = state.add(airport), state.add(metro)
    assert m.status == "new" and m.event_id != a.event_id
    # a city-level report that names the metro joins the metro bombing
    follow = state.add(report("b3", 9, location=BRUSSELS, summary="The metro train bombing at Maelbeek killed 20."))
    assert follow.event_id == m.event_id


def test_a_late_date_off_by_one_still_meets_the_event_in_the_next_bucket():
    state = DedupState(MemoryStore())
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


def test_grid_finds_every_place_that_can_score_across_the_antimeridian_and_near_poles():
    import random

    from strikewatch.processors.dedup.profile import profile
    from strikewatch.processors.dedup.scoring import _place
    from strikewatch.processors.dedup.state import _View

    rng = random.Random(5)
    centres = [(0.0, 179.9), (0.0, -179.9), (89.7, 10.0), (-89.8, -100.0), (60.0, 30.0), (33.0, 44.0)]

    def place(n):
        lat, lon = rng.choice(centres)
        # places of one region score up to ADMIN_NEAR_KM apart: spread them wider than that
        lat = max(-90.0, min(90.0, lat + rng.uniform(-1.6, 1.6)))
        lon = (lon + rng.uniform(-2.2, 2.2) + 180.0) % 360.0 - 180.0
        coords = (None, None) if n % 17 == 0 else (lat, lon)
        return Location(name=f"place {rng.randrange(40)}", country="XX", lat=coords[0], lon=coords[1],
                        admin1=rng.choice(["", "A", "B"]),
                        precision=rng.choice(["site", "city", "city", "region"]))

    rows = [profile(report(f"r{n}", 1, location=place(n))) for n in range(600)]
    view = _View(rows)
    for n in range(300):
        wanted = profile(report(f"c{n}", 1, location=place(n + 1)))
        near = set(view.near(wanted))
        assert {i for i, row in enumerate(rows) if _place(row, wanted) > 0} <= near


def test_state_decides_as_a_full_scan_of_the_window_would():
    import random

    from strikewatch.bench.dedup import _event
    from strikewatch.processors.dedup.merge import opened
    from strikewatch.processors.dedup.profile import profile
    from strikewatch.processors.dedup.scoring import best_match

    rng = random.Random(11)
    state, known = DedupState(MemoryStore()), []
    for n in range(400):
        candidate = _event(rng, n, 3, country="AA")
        lat, lon = rng.choice([(50.4, 30.5), (49.9, 36.2), (50.6, 30.9)])
        candidate = candidate.model_copy(update={"location": candidate.location.model_copy(
            update={"lat": lat + rng.uniform(-0.3, 0.3), "lon": lon + rng.uniform(-0.3, 0.3)})})
        # the state reads day buckets oldest first, each in arrival order: ties go the same way
        nearby = sorted((e for e in known if abs((e.date - candidate.date).days) <= 3), key=lambda e: e.date)
        rows = ((n, profile(e)) for n, e in enumerate(nearby))
        index, _, _ = best_match(profile(candidate), candidate.id, rows)
        decision = state.add(candidate)
        if index is None:
            assert decision.status == "new"
            known.append(opened(candidate))
        else:
            assert decision.event_id == nearby[index].event_id
            known[known.index(nearby[index])] = decision.event


def test_buckets_of_full_events_from_the_first_layout_are_read():
    buckets = MemoryStore()
    old = report("k1", 12, killed=103).model_copy(update={"event_id": "ev-old", "status": "new"})
    buckets.put("IR|2024-01-03", [old.to_dict()])
    buckets.put("IR|index", ["2024-01-03"])
    update = DedupState(buckets).add(report("k2", 20, killed=84))
    assert update.event_id == "ev-old" and update.status == "update" and update.event.article_count == 2


def test_a_table_that_returns_a_default_for_missing_keys_works():
    from strikewatch.processors.dedup.stores.table import TableStore

    class Table(dict):  # faust's Table: a missing key reads as the default
        def __missing__(self, key):
            return []

    table = Table()
    state = DedupState(TableStore(table))
    first = state.add(report("k1", 12, killed=103))
    again = state.add(report("k2", 13, killed=110))
    assert again.status == "update" and again.event_id == first.event_id
    assert isinstance(table[first.event_id], str) and table["IR|index"] == ["2024-01-03"]


def test_a_later_report_with_a_far_lower_toll_is_another_attack_but_a_rising_toll_is_not():
    state = DedupState(MemoryStore())
    big = state.add(report("m1", 2, killed=20))
    small = state.add(report("m2", 4, killed=2))  # hours later, a tenth of the toll: another bomb
    assert small.status == "new" and small.event_id != big.event_id
    risen = state.add(report("m3", 26, killed=231))  # a day later, ten times the toll: the same one
    assert risen.event_id == big.event_id and risen.status == "update"
    late = state.add(report("m0", 1, killed=5))  # published before the known toll: stale, not distinct
    assert late.event_id == big.event_id


SUZANO = Location(name="Suzano", admin1="Sao Paulo", country="BR", lat=-23.5425, lon=-46.3108, precision="city")
SAO_PAULO = Location(name="São Paulo", admin1="Sao Paulo", country="BR", lat=-23.5475, lon=-46.6361, precision="city")
AGADEZ = Location(name="Agadez", admin1="Agadez", country="NE", lat=16.9733, lon=7.9911, precision="city")
ARLIT = Location(name="Arlit", admin1="Agadez", country="NE", lat=18.7369, lon=7.3853, precision="city")


def test_a_town_and_the_big_city_of_its_region_join_only_when_the_words_agree():
    # 32 km apart: two towns of one region that far apart scored 0 before
    shooting = dict(event_type="shooting", target=None)
    town = report("s1", 1, location=SUZANO, summary="Two former pupils opened fire inside the Raul Brasil state school, killing eight.", **shooting)
    city = report("s2", 2, location=SAO_PAULO, summary="Eight dead after two former pupils opened fire at the Raul Brasil state school.", **shooting)
    other = report("s3", 3, location=SAO_PAULO, summary="Police shot a robber outside a bank branch on a busy avenue.", **shooting)
    state = DedupState(MemoryStore())
    first = state.add(town)
    assert state.add(city).event_id == first.event_id
    assert state.add(other).event_id != first.event_id


def test_two_towns_of_one_region_200_km_apart_stay_two_attacks_whatever_the_words():
    words = "Suicide car bombs hit a military camp and a uranium mine at dawn."
    state = DedupState(MemoryStore())
    a = state.add(report("n1", 1, location=AGADEZ, summary=words))
    b = state.add(report("n2", 2, location=ARLIT, summary=words))
    assert b.status == "new" and b.event_id != a.event_id


def test_a_region_and_a_town_in_it_agree_more_than_a_town_elsewhere():
    kachin = Location(name="Kachin", admin1="Kachin", country="MM", precision="region")
    hpakant = Location(name="Hpakant", admin1="Kachin", country="MM", lat=25.61, lon=96.31, precision="city")
    yangon = Location(name="Yangon", admin1="Yangon", country="MM", lat=16.80, lon=96.16, precision="city")
    region = report("m1", 1, location=kachin)
    assert place_score(region, report("m2", 2, location=hpakant)) > place_score(region, report("m3", 3, location=yangon))
    # without a region on either side nothing is known: the old middle score
    assert place_score(region, report("m4", 4, location=yangon.model_copy(update={"admin1": ""}))) == 0.5


def test_a_profile_stored_before_admin1_existed_reads_with_an_empty_region():
    from strikewatch.processors.dedup.profile import Profile, profile

    row = list(profile(report("p1", 1, location=SUZANO)))
    at = Profile._fields.index("admin1")
    assert row[at] == "sao paulo"
    old = Profile.of(row[:at])
    assert old.admin1 == "" and old.place == "suzano" and old.week is False
    # a row stored before the week flag existed reads as a day-precise date
    assert Profile.of(row[: at + 1]).week is False and Profile.of(row).admin1 == "sao paulo"
