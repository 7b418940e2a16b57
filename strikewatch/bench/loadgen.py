"""Generated load: a replay directory of N feeds and M article pages, for the end-to-end benchmarks.

Attack reports name a distinct (city, week) each, so every one is its own real event;
the rest are ordinary news that must not become events. Texts are generated from
templates written for the project; place names are real cities (GeoNames).
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape

# (city, country as written in text); large cities present in the GeoNames gazetteer
CITIES = [
    ("Baghdad", "Iraq"), ("Mosul", "Iraq"), ("Basra", "Iraq"), ("Kirkuk", "Iraq"),
    ("Kabul", "Afghanistan"), ("Kandahar", "Afghanistan"), ("Herat", "Afghanistan"),
    ("Mogadishu", "Somalia"), ("Kismayo", "Somalia"), ("Quetta", "Pakistan"),
    ("Peshawar", "Pakistan"), ("Karachi", "Pakistan"), ("Lahore", "Pakistan"),
    ("Maiduguri", "Nigeria"), ("Kano", "Nigeria"), ("Kharkiv", "Ukraine"), ("Odesa", "Ukraine"),
    ("Dnipro", "Ukraine"), ("Zaporizhzhia", "Ukraine"), ("Sumy", "Ukraine"),
    ("Belgorod", "Russia"), ("Kursk", "Russia"), ("Aleppo", "Syria"), ("Idlib", "Syria"),
    ("Homs", "Syria"), ("Deir ez-Zor", "Syria"), ("Sanaa", "Yemen"), ("Aden", "Yemen"),
    ("Marib", "Yemen"), ("Khartoum", "Sudan"), ("El Fasher", "Sudan"), ("Goma", "DR Congo"),
    ("Beni", "DR Congo"), ("Bamako", "Mali"), ("Gao", "Mali"), ("Ouagadougou", "Burkina Faso"),
    ("Niamey", "Niger"), ("Tripoli", "Libya"), ("Benghazi", "Libya"), ("Beirut", "Lebanon"),
    ("Tyre", "Lebanon"), ("Damascus", "Syria"), ("Jenin", "Palestine"), ("Khan Yunis", "Palestine"),
    ("Mandalay", "Myanmar"), ("Cotabato", "Philippines"), ("Marawi", "Philippines"),
    ("Srinagar", "India"), ("Imphal", "India"), ("Bogota", "Colombia"), ("Cali", "Colombia"),
]

ATTACKS = [
    ("A car bomb exploded near a checkpoint in {city}, {country}, on {day}, killing {k} people "
     "and wounding {w}, police said."),
    ("At least {k} people were killed and {w} injured when a suicide bomber blew himself up at a "
     "market in {city}, {country}, on {day}, officials said."),
    ("A drone strike hit a fuel depot on the edge of {city}, {country}, on {day}, killing {k} "
     "workers and injuring {w}, the regional governor said."),
    ("Gunmen opened fire on a bus station in {city}, {country}, on {day}, killing {k} people and "
     "wounding {w} before fleeing, witnesses said."),
    ("Artillery shelling struck residential streets in {city}, {country}, on {day}, killing {k} "
     "civilians and injuring {w}, local authorities said."),
    ("A roadside bomb tore through an army patrol outside {city}, {country}, on {day}, killing "
     "{k} soldiers and wounding {w}, the military said."),
]
FOLLOW_UP = [
    "No group immediately claimed responsibility for the attack.",
    "Ambulances took the wounded to the main hospital, where doctors appealed for blood donors.",
    "Security forces sealed off the area and began searching nearby buildings.",
    "The government condemned the attack and promised to find those responsible.",
]
BACKGROUND = (
    "The city has seen repeated violence in recent years, and residents describe a tense "
    "routine of checkpoints, curfews and power cuts. Aid groups say thousands of families "
    "have been displaced from surrounding districts, and schools in the area have closed "
    "several times this year. Analysts say the security situation depends heavily on "
    "negotiations between the government and regional powers, which have stalled. "
)
ORDINARY = [
    "The central bank held its main interest rate steady on {day}, citing slowing inflation "
    "and a stronger currency, and said it would review the decision next month.",
    "The city council of {city} approved a new budget on {day} that raises spending on "
    "schools and public transport while trimming administrative costs.",
    "A new high-speed rail link between {city} and the coast opened on {day}, cutting the "
    "journey time by almost an hour, the transport ministry said.",
    "Farmers near {city} expect a record wheat harvest after steady spring rains, the "
    "agriculture ministry said on {day}.",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def reports(n_articles: int, attack_share: float = 0.5, seed: int = 7,
            start: datetime | None = None) -> list[dict]:
    """``n_articles`` generated reports in publication order.

    Each is ``{"i", "attack", "title", "paragraphs", "published"}``; every attack report
    is its own event (a distinct city and week).
    """
    rng = random.Random(seed)
    start = start or datetime(2024, 3, 4, 9, tzinfo=UTC)
    out: list[dict] = []
    attacks = 0
    for i in range(n_articles):
        is_attack = rng.random() < attack_share
        city, country = CITIES[(attacks if is_attack else i) % len(CITIES)]
        # a new week every time the city list wraps, so each attack is its own event
        week = (attacks if is_attack else i) // len(CITIES)
        published = start + timedelta(days=7 * week, minutes=i)
        day = DAYS[published.weekday()]
        if is_attack:
            attacks += 1
            k, w = rng.randint(2, 40), rng.randint(3, 90)
            lead = rng.choice(ATTACKS).format(city=city, country=country, day=day, k=k, w=w)
            body = [lead, rng.choice(FOLLOW_UP), BACKGROUND * 2, rng.choice(FOLLOW_UP)]
            title = f"Attack in {city} kills {k}"
        else:
            lead = rng.choice(ORDINARY).format(city=city, day=day)
            body = [lead, BACKGROUND * 3]
            title = f"{city}: {lead.split(',')[0][:60]}"
        out.append({"i": i, "attack": is_attack, "title": title, "paragraphs": body,
                    "published": published})
    return out


def make_articles(n_articles: int, attack_share: float = 0.5, seed: int = 7) -> list:
    """The same reports as :func:`make_replay`, as Article records (for the processor alone)."""
    from strikewatch.core.records import Article

    return [
        Article(id=f"bench-{r['i']}", url=f"https://bench.example/pages/a{r['i']:06d}.html",
                title=r["title"], text="\n\n".join(r["paragraphs"]), published=r["published"],
                source="Bench News")
        for r in reports(n_articles, attack_share, seed)
    ]


def make_replay(directory: Path, n_articles: int, n_feeds: int = 10, attack_share: float = 0.5,
                seed: int = 7, start: datetime | None = None) -> dict:
    """Write a replay with ``n_articles`` pages spread over ``n_feeds`` feeds.

    Returns ``{"attacks": n, "articles": n, "pages": {page_path: is_attack},
    "items": [(feed_index, rss_item_xml), ...]}`` (items in publication order).
    """
    (directory / "feeds").mkdir(parents=True, exist_ok=True)
    (directory / "pages").mkdir(parents=True, exist_ok=True)
    items: list[list[str]] = [[] for _ in range(n_feeds)]
    ordered: list[tuple[int, str]] = []
    pages: dict[str, bool] = {}
    attacks = 0
    for report in reports(n_articles, attack_share, seed, start):
        i, title, published = report["i"], report["title"], report["published"]
        attacks += report["attack"]
        name = f"pages/a{i:06d}.html"
        pages[name] = report["attack"]
        paragraphs = "".join(f"<p>{escape(p)}</p>" for p in report["paragraphs"])
        (directory / name).write_text(
            f"<!doctype html><html><head><title>{escape(title)}</title>"
            f'<meta property="article:published_time" content="{published.isoformat()}"></head>'
            f"<body><nav>Home | World | Business | Sport</nav><article><h1>{escape(title)}</h1>"
            f"{paragraphs}</article><footer>Copyright Bench News</footer></body></html>",
            encoding="utf-8",
        )
        item = (f"<item><title>{escape(title)}</title><link>{{{{BASE}}}}/{name}</link>"
                f"<guid>bench-{i}</guid><pubDate>{format_datetime(published)}</pubDate></item>")
        items[i % n_feeds].append(item)
        ordered.append((i % n_feeds, item))
    lines = ["feeds:"]
    for f, entries in enumerate(items):
        (directory / "feeds" / f"desk{f}.xml").write_text(rss(f"Bench desk {f}", entries), encoding="utf-8")
        lines.append(f"  - {{url: feeds/desk{f}.xml, name: Bench desk {f}}}")
    (directory / "feeds.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return {"attacks": attacks, "articles": n_articles, "pages": pages, "items": ordered}


def rss(title: str, items: list[str]) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>{escape(title)}</title><link>{{{{BASE}}}}/</link><description>bench</description>"
        f"{''.join(items)}</channel></rss>"
    )
