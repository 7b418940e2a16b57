import time
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from strikewatch.core.records import Article, Event
from strikewatch.processors.extract import Analysis, analyse, extract_events
from strikewatch.processors.gazetteer import normalize
from strikewatch.processors.text import MAX_CHARS

SEED = Path("/work/shared/examples/seed-article.txt")
DEMO = Path(__file__).resolve().parents[2] / "strikewatch" / "demo"

# The seed report's facts, retold in our own words.
PARAPHRASE = """Baghdad, 2023-11-21. American troops at the Ain al-Asad air base west of the Iraqi capital came under attack when a close-range ballistic missile struck the base. Eight personnel were injured and a few buildings were lightly damaged.

Within hours the U.S. military retaliated, killing a number of Iranian-backed militants who took part in the attack.

Washington has counted a total of 66 attacks on its troops in Iraq and Syria since October, and at least 62 U.S. personnel have been hurt in total. Iran-aligned factions say they will keep up the pressure."""


def check_seed_result(result: Analysis) -> None:
    assert result.is_attack, result.reasons
    assert result.language == "en"
    assert len(result.events) == 2, [e.event_type for e in result.events]
    attack, reply = result.events

    assert attack.event_type == "missile_attack"
    assert attack.date == date(2023, 11, 21) and attack.date_precision == "day"
    loc = attack.location
    assert loc is not None
    assert (loc.name, loc.admin1, loc.country, loc.precision) == (
        "Ain al-Asad Air Base",
        "Al Anbar",
        "IQ",
        "site",
    )
    assert loc.lat == pytest.approx(33.79, abs=0.01) and loc.lon == pytest.approx(42.44, abs=0.01)
    assert attack.perpetrator is not None and attack.perpetrator.name == "Iran-backed militants"
    assert attack.perpetrator.aliases_matched
    assert attack.target is not None and (attack.target.name, attack.target.category) == (
        "U.S. forces",
        "military",
    )
    assert "ballistic missile" in attack.weapon
    assert (attack.injured, attack.injured_at_least) == (8, False)
    # the report counts the injured and says nothing of deaths: the dead are unknown
    # (None), not 0 (0 only where the text says nobody died; issue #14)
    assert (attack.killed, attack.killed_at_least) == (None, False)

    assert reply.event_type == "air_strike"
    assert reply.perpetrator is not None and reply.perpetrator.name == "U.S. forces"
    assert reply.target is not None and reply.target.name == "Iran-backed militants"
    assert reply.location is not None and reply.location.country == "IQ"

    for e in result.events:
        # running tallies never become figures
        assert e.killed not in (62, 66) and e.injured not in (62, 66)
        assert "66" not in e.summary and "62" not in e.summary


def check_event_basics(article: Article, event: Event) -> None:
    assert event.id == article.id and event.event_id == "" and event.status == "new"
    assert event.sources[0].article_id == article.id
    assert 0 < event.confidence <= 1
    fields = {ev.field for ev in event.evidence}
    for name in ("event_type", "location", "date", "perpetrator", "target"):
        if name == "event_type" or getattr(event, name) is not None:
            assert name in fields, name
    for ev in event.evidence:
        assert article.text[ev.start : ev.end] == ev.text


def test_seed_article():
    if not SEED.exists():
        pytest.skip(f"{SEED} not present")
    art = Article(id="seed", text=SEED.read_text(encoding="utf-8"), published=None)
    result = analyse(art)
    check_seed_result(result)
    for e in result.events:
        check_event_basics(art, e)
    assert extract_events(art) == result.events


def test_seed_paraphrase():
    art = Article(id="para", text=PARAPHRASE, published=None)
    result = analyse(art)
    check_seed_result(result)
    for e in result.events:
        check_event_basics(art, e)


def test_paraphrase_with_published_and_weekday():
    text = PARAPHRASE.replace("Baghdad, 2023-11-21. ", "").replace(
        "came under attack", "came under attack late on Tuesday"
    )
    published = datetime(2023, 11, 22, 8, 0, tzinfo=UTC)
    art = Article(
        id="p2", url="https://example.org/a", outlet="Example", text=text, published=published
    )
    events = extract_events(art)
    assert [e.event_type for e in events] == ["missile_attack", "air_strike"]
    assert events[0].date == date(2023, 11, 21)
    assert events[0].first_seen == published
    assert events[0].sources[0].url == "https://example.org/a"


def test_single_event_fields():
    text = (
        "KABUL, Aug 28 - A suicide bomber blew himself up near Abbey Gate at Kabul airport on Thursday, "
        "killing at least 60 people, officials said on Saturday. "
        "Islamic State Khorasan Province claimed responsibility for the attack."
    )
    art = Article(id="k", text=text, published=datetime(2021, 8, 28, 6, tzinfo=UTC))
    (event,) = extract_events(art)
    assert event.event_type == "suicide_bombing"
    assert event.location.name == "Abbey Gate" and event.location.country == "AF"
    assert event.date == date(2021, 8, 26)
    assert (event.killed, event.killed_at_least) == (60, True)
    assert event.injured is None
    assert event.perpetrator.name == "Islamic State - Khorasan Province"


def test_city_location_and_region():
    text = "Two rockets hit a residential building in Kharkiv, Ukraine on Monday, wounding five people."
    art = Article(id="c", text=text, published=datetime(2024, 5, 14, tzinfo=UTC))
    (event,) = extract_events(art)
    assert event.event_type == "rocket_attack"
    assert (event.location.name, event.location.country, event.location.precision) == (
        "Kharkiv",
        "UA",
        "city",
    )
    assert event.location.lat == pytest.approx(50.0, abs=0.1)
    assert event.target.category == "civilians"
    assert event.date == date(2024, 5, 13)


def test_no_events_for_negatives():
    text = "Rail workers went on strike on Tuesday, halting trains across the country as the union pressed for a pay rise."
    result = analyse(Article(id="n", text=text))
    assert not result.is_attack and result.events == []


def test_empty_text():
    result = analyse(Article(id="e", text=""))
    assert (result.is_attack, result.events, result.reasons) == (False, [], ["empty text"])


def test_non_english_has_no_events():
    text = "Des hommes armés ont ouvert le feu sur un marché de la ville mardi, tuant douze personnes et en blessant vingt autres, selon la police."
    result = analyse(Article(id="fr", text=text))
    assert result.language == "fr" and not result.is_attack and result.events == []
    assert "unsupported language" in result.reasons[0]


@pytest.mark.timeout(60)
def test_two_megabytes_is_capped():
    paragraph = (
        "A car bomb exploded outside a police station in Mogadishu on Monday, killing 12 people. "
        * 3
    )
    text = (paragraph + "\n\n") * (2_000_000 // (len(paragraph) + 2))
    art = Article(id="big", text=text, published=datetime(2024, 1, 2, tzinfo=UTC))
    result = analyse(art)
    assert result.is_attack
    assert any(str(MAX_CHARS) in r for r in result.reasons)
    assert all(ev.end <= MAX_CHARS for e in result.events for ev in e.evidence)


def test_numbers_and_dates_soup_does_not_crash():
    soup = " ".join(
        f"{i} {i * 7} 2023-{i % 14:02d}-{i % 33:02d} on {i} May killed {i} twenty-{i}"
        for i in range(400)
    )
    analyse(Article(id="soup", text=soup, published=datetime(2024, 1, 2, tzinfo=UTC)))
    analyse(Article(id="soup", text="killed " * 5000))


# --- the bundled demo replay (ground truth written by the demo's author) ---


def _demo_articles():
    import feedparser
    import trafilatura
    import yaml

    expected = yaml.safe_load((DEMO / "expected.yaml").read_text(encoding="utf-8"))
    published = {}
    for feed in (DEMO / "feeds").glob("*.xml"):
        parsed = feedparser.parse(
            feed.read_text(encoding="utf-8").replace("{{BASE}}", "http://demo.invalid")
        )
        for entry in parsed.entries:
            when = entry.get("published_parsed") or entry.get("updated_parsed")
            if when:
                published[entry.get("link", "").rsplit("/", 1)[-1]] = datetime(
                    *when[:6], tzinfo=UTC
                )
    articles = {}
    for page in (DEMO / "pages").glob("*.html"):
        html = page.read_text(encoding="utf-8")
        meta = trafilatura.extract_metadata(html)
        articles[page.name] = Article(
            id=page.name,
            title=(meta.title if meta else "") or "",
            text=trafilatura.extract(html) or "",
            published=published.get(page.name),
        )
    return expected, articles


def _same_place(expected: str, got: str) -> bool:
    stop = {"air", "base", "international", "airport", "the", "of"}
    want = set(normalize(expected).replace(",", " ").split()) - stop
    have = set(normalize(got).split()) - stop
    return bool(want & have)


@pytest.mark.skipif(not (DEMO / "expected.yaml").exists(), reason="demo replay not present")
def test_demo_replay():
    expected, articles = _demo_articles()
    problems = []
    for item in expected["events"]:
        for page in item["pages"]:
            events = extract_events(articles[page])
            match = [e for e in events if e.event_type == item["event_type"]]
            if not match:
                problems.append(
                    f"{item['key']} {page}: no {item['event_type']} in {[e.event_type for e in events]}"
                )
                continue
            e = match[0]
            got = (e.location.country if e.location else None, str(e.date), e.killed, e.injured)
            want = (item["country"], str(item["date"]), item["killed"], item["injured"])
            if got != want:
                problems.append(f"{item['key']} {page}: {got} != {want}")
            # a page that does not name the place can only give the country
            if (
                e.location
                and e.location.precision != "country"
                and not _same_place(item["place"], e.location.name)
            ):
                problems.append(
                    f"{item['key']} {page}: place {e.location.name!r} != {item['place']!r}"
                )
    for page in expected["non_events"]:
        result = analyse(articles[page])
        if result.is_attack or result.events:
            problems.append(f"non-event {page}: {result.reasons}")
    assert not problems, "\n".join(problems)


def test_speed_smoke():
    # behaviour, not a benchmark: the gazetteer is built once and reused
    analyse(Article(id="w", text="A drone hit a fuel depot in Sevastopol on Monday."))
    start = time.perf_counter()
    for _ in range(20):
        analyse(Article(id="w", text=PARAPHRASE))
    assert time.perf_counter() - start < 20


def _perpetrator(text: str) -> str | None:
    events = extract_events(Article(id="p", text=text, published=datetime(2024, 3, 1, tzinfo=UTC)))
    assert events, text
    p = events[0].perpetrator
    return p.name if p else None


def test_reported_blame_names_the_perpetrator():
    text = (
        "A truck bomb exploded in Kabul's diplomatic quarter on Wednesday, killing at least 90 "
        "people. The Taliban denied involvement. Afghanistan's intelligence agency blamed the "
        "Haqqani network."
    )
    assert _perpetrator(text) == "Haqqani network"


def test_state_named_by_its_weapon():
    text = (
        "Rescuers in Dnipro ended their search on Tuesday after a Russian missile strike on "
        "Saturday that killed 45 people, Ukrainian officials said."
    )
    assert _perpetrator(text) == "Russian forces"


def test_claim_beats_description_and_affiliation():
    text = (
        "Militants linked to al Qaeda attacked a police training school in Bamako on Tuesday, "
        "killing dozens of students. Jama'at Nusrat al-Islam wal-Muslimin claimed responsibility."
    )
    assert _perpetrator(text) == "JNIM"
    text = (
        "Taliban gunmen stormed a school in Peshawar on Tuesday, killing 141 people. "
        "The Tehreek-e-Taliban Pakistan said the attack was revenge for a military offensive."
    )
    assert _perpetrator(text) == "Tehreek-e-Taliban Pakistan"


def _one(title: str, text: str, published: str = "2024-03-22T09:00:00Z") -> Event:
    events = extract_events(
        Article(id="t", title=title, text=text, published=datetime.fromisoformat(published))
    )
    assert len(events) == 1, events
    return events[0]


def test_follow_up_dates_the_attack_not_the_news():
    # published on a Friday: the arrests are Thursday's news, the bombing Tuesday's
    e = _one(
        "Police arrest three over market bombing",
        "Police said on Thursday they had arrested three men over the bombing of a market in "
        "the city of Peshawar that killed 12 people. The bomb went off on Tuesday evening as "
        "shoppers crowded the stalls.",
    )
    assert e.date == date(2024, 3, 19)


def test_a_second_country_named_in_passing_is_not_the_place():
    # the attackers' home country is named with a locative cue, more precisely than Niger
    e = _one(
        "Suicide bombers hit army barracks in Niger",
        "Suicide bombers struck an army barracks in the northern city of Agadez on Thursday, "
        "killing 18 soldiers, officials said. The group that claimed the attack was driven "
        "out of the town of Gao in Mali this year.",
    )
    assert (e.location.country, e.location.name) == ("NE", "Agadez")


def test_dateline_and_diacritics_place_the_event():
    e = _one(
        "Gunman kills ten at school",
        "ÖREBRO, Sweden, Feb 4 - A gunman shot dead ten people at an adult education school "
        "on Tuesday, police said.",
        "2025-02-05T08:00:00Z",
    )
    assert (e.location.country, e.location.name) == ("SE", "Örebro")


def test_the_type_may_be_told_later_in_the_report():
    article = Article(
        id="t",
        title="Bomb kills nine at market",
        text="A bomb exploded at a crowded market in the city of Maiduguri on Tuesday, killing "
        "nine people, police said. Witnesses said the bomber, a young man, blew himself up "
        "near the entrance.",
        published=datetime(2024, 3, 22, 9, tzinfo=UTC),
    )
    result = analyse(article)
    (event,) = result.events
    assert event.event_type == "suicide_bombing"
    # the reason names the sentence that tells the type (a report sentence of its own
    # since "blew himself up" reads as one)
    assert any("suicide_bombing" in r and "sentence 2" in r for r in result.reasons)
    assert any(e.field == "event_type" and "blew himself up" in e.text for e in event.evidence)


def test_extraction_does_not_depend_on_the_hash_seed():
    # ties between places, types or dates must not be broken by set order, which
    # changes with PYTHONHASHSEED from one process to the next
    import os
    import subprocess
    import sys

    script = (
        "import json, sys\n"
        "from strikewatch.evaluation.extraction import load\n"
        "from strikewatch.processors.extract import analyse\n"
        "for g in load(open(sys.argv[1], encoding='utf-8'), 'train'):\n"
        "    print(json.dumps([e.model_dump(mode='json') for e in analyse(g.article).events]))\n"
    )
    # the train split holds a report whose two countries tie (Colombia and Ecuador):
    # under seeds 0-3 and 4-8 a set-ordered choice gave two different places
    train = Path(__file__).resolve().parents[2] / "eval" / "independent-train.jsonl"
    outputs = set()
    for seed in ("1", "5"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run(
            [sys.executable, "-c", script, str(train)], env=env, capture_output=True, text=True
        )
        assert run.returncode == 0, run.stderr
        outputs.add(run.stdout)
    assert len(outputs) == 1


def test_forget_sentences_empties_every_sentence_keyed_cache():
    from strikewatch.processors import countries, gazetteer, prefilter, toponyms
    from strikewatch.processors.numbers import find_casualties
    from strikewatch.processors.text import forget_sentences

    analyse(Article(id="f", text="A car bomb exploded in Baghdad on Monday, killing five people.",
                    published=datetime(2024, 3, 1, tzinfo=UTC)))
    cached = (prefilter.scan, find_casualties, gazetteer._sites, gazetteer._places,
              countries._countries_in, toponyms._anchored)
    assert all(f.cache_info().currsize for f in cached)
    forget_sentences()
    assert [f.cache_info().currsize for f in cached] == [0] * len(cached)


def _analysed(title: str, text: str, published: datetime) -> Analysis:
    return analyse(Article(id="t", title=title, text=text, published=published))


def test_a_background_date_in_the_events_sentences_does_not_drop_a_fresh_attack():
    text = (
        "Officials vowed to find those behind the attempt on the governor's life. "
        "Nobody was hurt. "
        "Witnesses said a bomb was detonated as his convoy passed, and that shots were fired afterwards. "
        "The governor, who was appointed in August last year, returned to his office within hours."
    )
    analysis = _analysed("Governor survives convoy attack", text, datetime(2020, 3, 10, 8, tzinfo=UTC))
    (event,) = analysis.events
    assert date(2020, 3, 3) <= event.date <= date(2020, 3, 10)
    # the appointment's month is no date of the attack: that sentence tells no attack
    assert not any("2019" in r for r in analysis.reasons)


def test_a_verdict_in_the_title_still_ends_the_story():
    text = "A car bomb exploded outside the police station on Tuesday, killing nine officers, police said."
    title = "Man jailed for life over police station car bomb"
    assert not _analysed(title, text, datetime(2024, 3, 8, tzinfo=UTC)).is_attack


def test_two_attacks_told_in_towns_far_apart_are_two_events():
    text = (
        "Two attacks killed at least 13 people in Colombia on Thursday, officials said. "
        "In the city of Cali, a truck loaded with explosives blew up next to an air force school, "
        "killing six civilians. "
        "Hours earlier, a police helicopter was brought down by a drone in Amalfi, in Antioquia "
        "department, killing seven officers."
    )
    title = "Truck bomb and drone attack hit Colombia"
    events = _analysed(title, text, datetime(2025, 8, 22, 8, tzinfo=UTC)).events
    assert sorted(e.location.name for e in events) == ["Amalfi", "Cali"]
    assert sorted(e.killed for e in events) == [6, 7]


def test_a_site_and_its_town_in_two_sentences_stay_one_event():
    text = (
        "A car bomb exploded outside the main gate of Bagram Airfield on Monday, killing four people. "
        "The blast in Bagram also damaged a school, police said."
    )
    assert len(_analysed("Car bomb at Bagram", text, datetime(2024, 3, 5, tzinfo=UTC)).events) == 1


def test_a_headline_first_report_takes_its_toll_from_the_headline():
    text = ("Gunmen attacked a police checkpoint outside the town on Sunday and then fled into "
            "the hills, officials said.")
    when = datetime(2016, 12, 19, tzinfo=UTC)
    (event,) = _analysed("Six killed as gunmen attack police checkpoint", text, when).events
    assert event.killed == 6
    (event,) = _analysed("Gunmen attack police checkpoint", text, when).events
    assert event.killed is None


def test_a_bomber_who_blew_himself_up_reports_the_attack_and_the_day_set_before_it_dates_it():
    e = _one(
        "Families wait outside hospitals again",
        "Families in Aden spent the night outside the hospitals. Shops stayed shut. Few "
        "people went out. Last Thursday, 14 March, the "
        "unrest went further than before. A man wearing an explosive vest walked up to "
        "soldiers queueing near the base and blew himself up. Medical officials said 52 "
        "soldiers died.",
        "2024-03-19T09:00:00Z",
    )
    assert (e.event_type, e.date, e.killed) == ("suicide_bombing", date(2024, 3, 14), 52)


def test_a_reply_told_days_after_the_attack_it_answers_is_an_event_of_its_own():
    result = _analysed(
        "Chad bombs militant bases after capital attacks",
        "Chad's air force struck six Boko Haram positions inside Nigeria on Wednesday, the "
        "army said, two days after suicide bombers hit the police headquarters in N'Djamena. "
        "In N'Djamena, the toll from Monday's bombings has risen to 33 dead.",
        datetime(2015, 6, 18, 9, tzinfo=UTC),
    )
    events = {e.event_type: e for e in result.events}
    assert set(events) == {"suicide_bombing", "air_strike"}
    bombing, reply = events["suicide_bombing"], events["air_strike"]
    assert (bombing.location.country, bombing.date, bombing.killed) == ("TD", date(2015, 6, 15), 33)
    assert (reply.location.country, reply.date) == ("NG", date(2015, 6, 17))


def test_a_second_blast_minutes_after_the_first_is_the_same_attack():
    result = _analysed(
        "Twin blasts hit market",
        "A bomb exploded at a market in the city of Peshawar on Tuesday, minutes after a "
        "first blast killed 12 people nearby.",
        datetime(2024, 3, 20, 9, tzinfo=UTC),
    )
    assert len(result.events) == 1


def test_any_countrys_forces_are_a_state_actor_but_a_hit_army_base_is_not():
    from strikewatch.processors.actors import find_actors

    def named(text: str) -> list[tuple[str, str, str]]:
        return [(a.name, a.kind, a.country) for a in find_actors(text)]

    assert named("Kenyan troops crossed the border overnight.") == [("Kenyan forces", "state", "KE")]
    assert named("Chad's air force struck six positions.") == [("Chadian forces", "state", "TD")]
    # a country the armed-groups list already names keeps its listed name
    assert named("Turkish artillery shelled targets.") == [("Turkish forces", "state", "TR")]
    assert named("Jets hit Cambodian military targets.") == []
    assert named("Bombers hit Burkina Faso's army headquarters.") == []


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # guns and bombs together, knives and guns together: a complex armed assault
        ("Heavy gunfire and several explosions shook Karachi airport on Sunday night, and "
         "officials said 18 people were killed.", "armed_assault"),
        ("A man stabbed two police officers in Liege on Tuesday, took their pistols and "
         "opened fire, killing three people.", "armed_assault"),
        # gunmen who raid or storm a place
        ("Gunmen raided a camp of quarry workers near Mandera on Tuesday and killed 36 of them.",
         "armed_assault"),
        # the police who stop the attacker do not make a knife attack a shooting
        ("Attackers armed with knives stabbed people at a railway station in Kunming on "
         "Saturday, killing 29. Police shot dead four of the attackers.", "stabbing"),
        # a car bomb recalled from ten days before is not this attack's weapon
        ("Gunmen fired at the president's helicopter in Cucuta on Friday, wounding nobody. "
         "The shooting came ten days after a car bomb exploded at an army base there.",
         "shooting"),
    ],
)
def test_the_type_follows_how_conflict_data_files_complex_attacks(text, kind):
    assert _one("Attack", text, "2024-03-26T09:00:00Z").event_type == kind


def test_a_rampage_told_by_the_truck_and_the_attacker_shot_by_police_is_a_ramming():
    e = _one(
        "Truck rampage on bike path",
        "A pickup truck tore down a busy bike lane in New York on Tuesday, killing eight "
        "people. Police said the driver was shot by an officer and arrested.",
    )
    assert e.event_type == "vehicle_ramming"


def test_mourners_killed_at_a_funeral_are_victims_not_a_commemoration():
    e = _one(
        "Funeral bombing",
        "A suicide bomber blew himself up at a funeral in Nangarhar province on Tuesday, "
        "killing 24 mourners.",
    )
    assert (e.event_type, e.killed) == ("suicide_bombing", 24)


@pytest.mark.parametrize(
    "text",
    [
        # a follow-up whose only report is the risen toll
        "Families ended their sit-in on Monday. The death toll from the attack on the "
        "snooker hall has risen to 92.",
        # an attempt whose gun did not fire
        "A man pointed a pistol at the vice president outside her home in Buenos Aires on "
        "Thursday and pulled the trigger, but no shot was fired.",
        # "could not" is what the victims could not do, not an attack that might happen
        "Gunmen stopped a bus near Mandera on Saturday. Those who could not recite the "
        "prayer were made to lie down by the roadside and were shot.",
    ],
)
def test_reports_told_by_a_toll_an_attempt_or_after_a_negated_modal_are_attacks(text):
    assert analyse(
        Article(id="r", title="Report", text=text, published=datetime(2024, 3, 25, 9, tzinfo=UTC))
    ).is_attack


def test_an_attack_recalled_from_last_year_is_not_this_articles_event():
    result = analyse(
        Article(
            id="r",
            title="A familiar pattern",
            text="In September last year gunmen besieged a shopping mall in Nairobi, killing 67.",
            published=datetime(2024, 3, 25, 9, tzinfo=UTC),
        )
    )
    assert result.events == []


def test_the_agent_of_a_reported_clause_is_not_a_target_and_states_are_named_by_weapons():
    from strikewatch.processors.actors import find_actors, role

    text = "The army said on Thursday that Cambodian forces had fired rockets into Si Sa Ket."
    (m,) = [x for x in find_actors(text) if x.country == "KH"]
    assert role(text, m) == "perpetrator"
    blamed = "Kyiv blamed a Russian Kh-22 strike fired by long-range bombers."
    (russia,) = find_actors(blamed)
    assert (russia.name, role(blamed, russia)) == ("Russian forces", "perpetrator")


def test_a_claim_told_by_what_its_fighters_did_names_the_perpetrator():
    e = _one(
        "Blast at cathedral",
        "A bomb exploded during Mass at a cathedral in Jolo on Sunday, killing 20 people. "
        "The Islamic State group said in a statement relayed by a monitoring firm that its "
        "fighters had set off the device.",
    )
    assert e.perpetrator is not None and e.perpetrator.name == "Islamic State"


def test_a_report_that_opens_with_the_reply_still_gives_the_attack_it_answers():
    result = _analysed(
        "Kenya says it killed more than 100 militants after bus massacre",
        "Kenyan troops crossed into Somalia overnight and destroyed the camp where "
        "Saturday's bus massacre was planned, killing more than 100 militants. Survivors "
        "said the gunmen stopped the bus near Mandera shortly after dawn on Saturday and "
        "shot dead 28 passengers.",
        datetime(2014, 11, 23, 12, tzinfo=UTC),
    )
    by_country = {e.location.country: e for e in result.events}
    assert set(by_country) == {"KE", "SO"}
    assert by_country["KE"].date == date(2014, 11, 22) and by_country["KE"].killed == 28
    assert by_country["SO"].killed == 100


def test_a_country_that_mourns_an_earlier_days_attack_is_no_reply_to_it():
    result = _analysed(
        "What we know about the attack",
        "Russia observed a day of national mourning on Sunday for the victims of Friday's "
        "attack on a concert hall near Moscow, where gunmen killed 133 people.",
        datetime(2024, 3, 24, 12, tzinfo=UTC),
    )
    (event,) = result.events
    assert event.killed == 133


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("Officials said the attack bore the hallmarks of the Jaime Martinez front.", "Jaime Martinez"),
        ("Police said members of the Barrio 18 gang broke into the prison module.", "Barrio 18"),
        ("A little-known group calling itself Ansar Bangla 7 claimed the killing online.", "Ansar Bangla 7"),
    ],
)
def test_a_group_no_list_holds_is_named_where_the_text_attributes_the_attack(text, group):
    e = _one("Attack", "A bomb exploded at a police station in Cali on Tuesday, killing five officers. " + text)
    assert e.perpetrator is not None and e.perpetrator.name == group


def test_a_region_or_an_adjective_is_no_unlisted_group():
    e = _one("Attack", "A bomb exploded at a police station in Nalchik on Tuesday, killing five "
                       "officers. Officials blamed the North Caucasus insurgency and Jewish extremists.")
    assert e.perpetrator is None or e.perpetrator.name not in ("North Caucasus", "Jewish")


@pytest.mark.parametrize(
    ("said_by", "place"),
    [
        # Oktyabrsky is also a town in Bashkortostan, over 1,000 km off: with Rostov-on-Don
        # named, the district is part of that city
        ("police in Rostov-on-Don said", "Rostov-on-Don"),
        # with no other town named, the district keeps its name
        ("Russian police said", "Oktyabrsky"),
    ],
)
def test_a_district_named_like_a_far_town_is_part_of_the_other_town_named(said_by, place):
    e = _one(
        "Bomb kills four at bus stop",
        "A bomb exploded at a crowded bus stop in the Oktyabrsky district on Tuesday morning, "
        f"killing four people and wounding 11, {said_by}.",
    )
    assert (e.location.country, e.location.name) == ("RU", place)


def test_an_attack_told_after_its_reply_is_placed_by_the_sentences_no_reply_claims():
    # the opening sentences tell the reply (and where it was announced); the place of the
    # attack is in the sentence before the attack's own, which no other event claims
    events = extract_events(
        Article(
            id="t",
            title="Kenya says it killed 40 militants after quarry attack",
            text=(
                "Kenyan troops crossed into Somalia overnight and destroyed the camp where "
                "Saturday's quarry massacre was planned, killing 40 militants, the army said on "
                "Monday. A military spokesman told reporters in Nairobi that two operations had "
                "been carried out. The figures could not be independently verified. The "
                "announcement came as the bodies of the 17 quarry workers killed near Kotulo, in "
                "Mandera County, were flown to Nairobi. Survivors said the gunmen arrived at the "
                "quarry at dawn on Saturday and shot those who could not recite prayers. "
                "Al-Shabaab claimed the killings."
            ),
            published=datetime.fromisoformat("2024-03-18T09:00:00+00:00"),
        )
    )
    places = {(e.location.name, e.location.country) for e in events}
    assert ("Kotulo", "KE") in places and ("Nairobi", "KE") not in places
