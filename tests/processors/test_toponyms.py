"""Places no gazetteer knows, found by the known place the text ties them to."""

from datetime import UTC, datetime

import pytest

from strikewatch.core.records import Article
from strikewatch.processors import gazetteer
from strikewatch.processors.extract import analyse
from strikewatch.processors.toponyms import find_anchored

KE_ET = frozenset({"KE", "ET", "CL", "ID", "HT", "TH", "HN", "AF"})


@pytest.mark.parametrize(
    ("text", "name", "anchor", "admin1"),
    [
        ("Gunmen shot dead eleven workers at Kormey, on the outskirts of Mandera town, overnight.",
         "Kormey", "Mandera", "Mandera"),
        ("A bomb hit the market in the village of Togoga, about 20 km west of Mekelle, at noon.",
         "Togoga", "Mek'ele", "Tigray"),
        ("The bus was stopped near Omar Jillo, in Mandera County, before dawn.",
         "Omar Jillo", "Mandera", "Mandera"),
        ("A parcel bomb went off in Santiago's Las Condes district at lunchtime.",
         "Las Condes", "Santiago", None),
        ("Two blasts went off in the Kampung Melayu area of East Jakarta on Wednesday.",
         "Kampung Melayu", "Jakarta", None),
        ("Gangs attacked the town of Pont-Sondé in Haiti's Artibonite department.",
         "Pont-Sondé", "Artibonite", "Artibonite"),
        ("A rocket struck a shop in Ban Phue, Kantharalak district, killing six.",
         "Ban Phue", "Kantharalak", None),
    ],
)
def test_an_unknown_place_tied_to_a_known_one_takes_its_country_and_coordinates(text, name, anchor, admin1):
    assert not gazetteer.index().lookup(gazetteer.normalize(name))  # the gazetteer lacks it
    found = find_anchored(text, KE_ET)
    assert [m.place.name for m in found] == [name]
    place = found[0].place
    assert text[found[0].start : found[0].end] == name
    assert place.within == anchor and place.precision == "city"
    known = min(gazetteer.index().lookup(gazetteer.normalize(anchor)),
                key=lambda p: (p.country not in KE_ET, p.precision != "city"))
    assert place.country == known.country
    if admin1:
        assert place.admin1 == admin1
    assert place.lat is not None and place.lon is not None


@pytest.mark.parametrize(
    "text",
    [
        "The attack happened in March, in Kabul, officials said.",  # a month
        "The vote in Parliament, Kabul's lawmakers said, was delayed.",  # an institution
        "Gunmen stormed Robb Elementary School, in Uvalde, on Tuesday.",  # a building: the town is the place
        "He was seen in Mandera, near the border, on Monday.",  # known to the gazetteer already
        "The convoy reached Zorgblat, near Nowhereville, at dusk.",  # no known anchor
    ],
)
def test_no_place_is_made_up_from_months_institutions_buildings_or_unanchored_names(text):
    assert find_anchored(text, frozenset({"AF", "US", "KE"})) == []


def test_the_event_is_placed_in_the_village_the_report_names_not_the_town_it_is_near():
    text = (
        "Gunmen shot dead eleven quarry workers at Kormey, on the outskirts of Mandera town, "
        "in the early hours of Tuesday, police said. Al-Shabaab claimed the attack."
    )
    art = Article(id="v", title="Quarry workers killed in Kenya", text=text,
                  published=datetime(2014, 12, 2, 9, tzinfo=UTC))
    (event,) = analyse(art).events
    loc = event.location
    assert (loc.name, loc.country, loc.admin1) == ("Kormey", "KE", "Mandera")
    mandera = max(gazetteer.index().lookup("mandera"), key=lambda p: p.precision == "city")
    assert (loc.lat, loc.lon) == (mandera.lat, mandera.lon)
    evidence = next(e for e in event.evidence if e.field == "location")
    assert "Kormey" in text[evidence.start : evidence.end]


def test_a_province_named_after_its_capital_is_the_province():
    (m,) = [x for x in gazetteer.find_places("rockets hit a station in Thailand's Si Sa Ket province", frozenset({"TH"}))
            if x.place.name == "Si Sa Ket"]
    assert m.place.precision == "region" and m.place.country == "TH"
    (town,) = gazetteer.find_places("rockets hit a station in Si Sa Ket on Thursday", frozenset({"TH"}))
    assert town.place.precision == "city"


def test_in_an_article_that_names_no_country_a_town_without_a_homonym_of_its_size_is_placed():
    (m,) = gazetteer.find_places("several people were hit by a car in Ra'anana", frozenset())
    assert (m.place.name, m.place.country) == ("Ra'anana", "IL")
    # a word that folds to a town's name is not the town ("Savé", Benin)
    assert gazetteer.find_places("the offices of Save the Children were attacked", frozenset()) == []
    # once the article names a country, a small town abroad needs the old population floor
    assert gazetteer.find_places("a car hit people in Ra'anana", frozenset({"FR"})) == []


def test_demonyms_of_more_countries_count_for_them():
    from strikewatch.processors.countries import countries_mentioned

    counts = countries_mentioned(["Honduran military police took over the prisons", "Vietnamese police said"])
    assert counts == {"HN": 1, "VN": 1}


def _place_of(title: str, text: str) -> tuple[str, str]:
    art = Article(id="p", title=title, text=text, published=datetime(2022, 6, 27, 9, tzinfo=UTC))
    events = analyse(art).events
    assert events, "no event"
    return events[0].location.name, events[0].location.country


def test_where_a_group_is_based_or_serves_does_not_place_the_attack():
    text = (
        "Police found an unexploded suicide vest at a nightclub on Tuesday as the toll from "
        "Sunday's twin bombings at a rugby club rose to 74. Al-Shabaab, which claimed the "
        "bombings, said they were revenge for Uganda's role in the peacekeeping mission in Somalia."
    )
    assert _place_of("Kampala bombing toll reaches 74", text)[1] == "UG"


def test_a_city_in_a_venue_name_is_not_the_place():
    text = (
        "A court in Bergen on Monday ordered the suspect held for four weeks. "
        "Two men were killed and 21 people wounded when a gunman opened fire near the London Pub "
        "early on Saturday."
    )
    name, country = _place_of("Suspect held after bar shooting", text)
    assert country == "NO"


def test_a_fighter_based_abroad_does_not_move_the_attack_there():
    text = (
        "A Malaysian fighter with the Islamic State group in Syria has claimed that militants "
        "threw the grenade that wounded eight people at a karaoke bar in Puchong on Tuesday."
    )
    assert _place_of("Malaysian militant in Syria claims bar grenade attack", text)[1] == "MY"


def test_a_district_of_a_named_city_is_not_a_far_town_of_the_same_name():
    (m,) = find_anchored("A bomb exploded on a trolleybus in Volgograd's Dzerzhinsky district.", frozenset({"RU"}))
    assert (m.place.name, m.place.within, m.place.admin1) == ("Dzerzhinsky", "Volgograd", "Volgograd")
    # a district that the gazetteer knows close by is found as itself, not made up
    assert find_anchored("Fighting hit Kabul's Kabul district", frozenset({"AF"})) == []


def test_a_nationality_named_in_passing_does_not_hide_the_only_town():
    # "Malaysian tourists" makes Malaysia the one country the article names, which raised
    # the bar for every Thai town; the event is still placed in the town its report names
    text = (
        "Residents of Yala were still clearing glass on Sunday after three bombs hit the city "
        "on Saturday, killing 11 people. Many of the wounded were Malaysian tourists."
    )
    assert _place_of("Survivors describe Saturday's bombings", text) == ("Yala", "TH")


def test_the_village_of_a_name_in_a_region_is_a_place_of_its_own():
    text = "People were stabbed across the reserve and the nearby village of Weldon in Saskatchewan."
    (m,) = find_anchored(text, frozenset({"CA"}))
    assert (m.place.name, m.place.within, m.place.country) == ("Weldon", "Saskatchewan", "CA")


def test_where_a_suspect_comes_from_does_not_place_the_attack():
    text = (
        "KYOTO, July 20 - The toll from Thursday's arson attack on an animation studio rose "
        "to 34 on Saturday. The suspect, a man from Saitama near Tokyo, is in hospital."
    )
    assert _place_of("Arson toll climbs to 34", text) == ("Kyoto", "JP")


def test_a_bureau_city_yields_to_the_region_the_report_names():
    text = (
        "YANGON, June 26 - Air strikes on a concert in northern Myanmar's Kachin state killed "
        "at least 50 people on Sunday night, a rebel group said."
    )
    name, country = _place_of("Air strikes on concert kill 50", text)
    assert (name, country) == ("Kachin", "MM")


def test_an_article_that_names_no_country_takes_it_from_the_towns_it_names_anywhere():
    text = (
        "Three nights earlier, two men blew themselves up beside the bus terminal, killing "
        "three officers. Police linked them to the group blamed for the assault in central "
        "Jakarta in January 2016."
    )
    art = Article(id="p", title="A fasting month that began at a crime scene", text=text,
                  published=datetime(2017, 5, 27, 9, tzinfo=UTC))
    (event,) = analyse(art).events
    assert (event.location.country, event.location.precision) == ("ID", "country")


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("A suicide bomber struck soldiers near the al-Solban base in Aden on Sunday.",
         "al-Solban base, Aden", "military_base"),
        ("Two blasts hit fans at the Kyadondo Rugby Club in Kampala.", "Kyadondo Rugby Club, Kampala", ""),
        ("A bomb went off at the al-Solban military base in Aden.", "al-Solban military base, Aden", "military_base"),
    ],
)
def test_a_named_site_tied_to_its_town_is_placed_at_the_town_under_both_names(text, name, kind):
    (m,) = find_anchored(text, frozenset())
    assert (m.place.name, m.place.precision, m.place.kind, m.place.within) == (name, "site", kind, name.split(", ")[1])


def test_a_curated_site_is_not_made_up_again_from_its_town():
    assert find_anchored("Gunmen attacked Jinnah International Airport in Karachi.", frozenset()) == []
