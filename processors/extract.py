"""Attack events from one article: who did what to whom, where, when, with what toll.

``analyse(article) -> Analysis`` is pure and deterministic. Sentences that report an
attack (see :mod:`strikewatch.processors.cues`) are grouped into events: the first report opens
the main event; a report with a retaliation cue ("struck back", "in response") opens
a second event whose perpetrator and target are the main event's target and
perpetrator unless the text names them; "separately" / "in another attack" opens
another. Running tallies and background sentences never feed an event.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from strikewatch.core.records import Actor, Article, Event, Evidence, Location, Source, Target
from strikewatch.processors import countries, gazetteer, places
from strikewatch.processors import cues as cue
from strikewatch.processors.actors import (
    ARM,
    ActorMention,
    find_actors,
    role,
)
from strikewatch.processors.classify import MAX_EVENT_AGE, Assessment, assess
from strikewatch.processors.dates import find_dates
from strikewatch.processors.event_types import fill_type, refine_type
from strikewatch.processors.geo import km
from strikewatch.processors.numbers import Quantity, find_casualties
from strikewatch.processors.perpetrators import fill_actors
from strikewatch.processors.places import fill_location, title_places
from strikewatch.processors.report_fields import (
    fill_casualties,
    fill_date,
    later_toll_sentences,
)

MAX_EVENTS = 5
SUMMARY_CHARS = 280
#: sentences after a report that may still supply casualties, actors or a place
SUPPORT_WINDOW = 2

_SITE_CATEGORY = {
    "military_base": "military",
    "airport": "transport",
    "transport": "transport",
    "infrastructure": "infrastructure",
    "border_crossing": "transport",
}
_TARGET_WORDS: list[tuple[str, re.Pattern[str]]] = [
    (c, re.compile(p, re.I))
    for c, p in [
        (
            "religious",
            r"\b(?:mosques?|churche?s?|synagogues?|temples?|shrines?|worshippers|pilgrims|congregation)\b",
        ),
        (
            "police",
            r"\b(?:police(?:men|\s+station|\s+officers?|\s+headquarters|\s+lines)?|policemen|constabulary)\b",
        ),
        (
            "military",
            r"\b(?:soldiers|troops|service\s+members|servicemen|personnel|military\s+base|air\s*base|barracks|outpost|convoy|army\s+post)\b",
        ),
        (
            "government",
            r"\b(?:ministry|ministries|government\s+(?:building|offices?)|parliament|embassy|governor|presidential\s+palace)\b",
        ),
        (
            "transport",
            r"\b(?:railway\s+station|train\s+station|bus\s+station|buses|trains?|passengers|airport|evacuees)\b",
        ),
        (
            "infrastructure",
            r"\b(?:power\s+(?:plant|station|grid)|energy\s+infrastructure|substations?|refinery|oil\s+depot|fuel\s+depot|pipeline|dam|bridge|port)\b",
        ),
        (
            "civilians",
            r"\b(?:civilians|residential|apartment|homes?|market|shoppers|concert(?:-goers|goers)?|audience|crowds?|wedding|school|hospital|hotel|restaurant|cafe|children|families|people)\b",
        ),
    ]
]


@dataclass(frozen=True)
class Analysis:
    is_attack: bool
    confidence: float  # 0..1
    reasons: list[str]
    language: str  # ISO 639-1 from py3langid
    events: list[Event]


@dataclass
class _Group:
    kind: str  # main | retaliation | separate
    reports: list[int] = field(default_factory=list)
    support: list[int] = field(default_factory=list)

    @property
    def sentences(self) -> list[int]:
        return sorted(self.reports + self.support)


@dataclass
class _Draft:
    group: _Group
    event_type: str = "other_attack"
    weapon: str = ""
    date: date | None = None
    date_precision: str = "day"
    location: Location | None = None
    perpetrator: Actor | None = None
    perpetrator_kind: str = ""
    target: Target | None = None
    target_actor: ActorMention | None = None
    killed: Quantity | None = None
    injured: Quantity | None = None
    evidence: dict[str, int] = field(default_factory=dict)  # field -> sentence index


class _LazyActors(dict):
    """Sentence index -> actor mentions, found only for the sentences that are asked about."""

    def __init__(self, a: Assessment) -> None:
        super().__init__()
        self._sentences = a.sentences

    def __missing__(self, i: int) -> list[ActorMention]:
        found = self[i] = find_actors(self._sentences[i].text)
        return found


def _reverses(a: Assessment, i: int, actors: dict[int, list[ActorMention]], main: _Group) -> bool:
    """True when sentence ``i`` has the main event's attackers on the receiving end."""
    roles = [(m, role(a.sentences[i].text, m)) for m in actors[i]]
    if any(r == "perpetrator" and m.kind == "non_state" for m, r in roles):
        return False
    if not any(r == "target" and m.kind == "non_state" for m, r in roles):
        return False
    for j in main.reports:
        for m in actors[j]:
            r = role(a.sentences[j].text, m)
            if (r == "perpetrator" and m.kind == "non_state") or (
                r == "target" and m.kind == "state"
            ):
                return True
    return False


#: "Saturday's bus massacre", "Monday's bombings": an attack of an earlier day, by name
_EARLIER_ATTACK = re.compile(
    r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|last\s+week)(?:'s|’s)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:massacre|attacks?|bombings?|blasts?|assault|raid|shooting|killings?|ambush)\b"
)
_REPLY_ACT = re.compile(r"\b(?:killing|killed|destroyed|struck|bombed|pounded|shelled|raided)\b", re.I)


def _replies_first(a: Assessment, i: int, actors: dict[int, list[ActorMention]]) -> bool:
    """Sentence ``i`` (the first report) tells a state's reply to an earlier day's attack
    that it names: the state's forces lead it, and they kill or destroy."""
    text = a.sentences[i].text
    earlier = _EARLIER_ATTACK.search(text)
    if earlier is None or not _REPLY_ACT.search(text, 0, earlier.start()):
        return False  # "mourning for Friday's attack, where gunmen killed 133": no reply
    first = next(iter(actors[i]), None)
    return (
        first is not None
        and first.kind == "state"
        and first.start < earlier.start()
        # the forces themselves ("Kenyan troops"), not a country that mourns or says
        and bool(ARM.search(first.surface))
    )


def _group(
    a: Assessment, actors: dict[int, list[ActorMention]], support: frozenset[str] = frozenset()
) -> list[_Group]:
    groups: list[_Group] = []
    current: _Group | None = None
    spots: dict[int, list[tuple[float, float]]] = {}  # id(group) -> where its reports are
    for i in a.reports:
        c = a.cues[i]
        here = places.attack_spots(a.sentences[i].text, support)
        first_retaliation = not any(g.kind == "retaliation" for g in groups)
        if current is None:
            current = _Group("main")
            groups.append(current)
            if _replies_first(a, i, actors):
                # "Kenyan troops crossed into Somalia and destroyed the camp where
                # Saturday's bus massacre was planned": the report opens with the reply;
                # the attack it answers is told after it
                groups.append(_Group("retaliation", [i]))
                continue
            head = i - 1  # "Thailand sent jets to strike targets inside Cambodia,"
            if c.prior and head >= 0 and a.sentences[head].text.endswith(",") and a.cues[head].triggers:
                # the clause before tells the reply, though in words that report nothing
                groups.append(_Group("retaliation", [head]))
        elif (
            c.prior
            and a.sentences[i - 1].text.endswith(",")  # a clause cut off its sentence
            and not c.anaphoric
            and not any(g.kind == "retaliation" for g in groups)
        ):
            # "Chad's air force struck positions in Nigeria, two days after suicide bombers
            # hit the police headquarters in N'Djamena": the clause tells the earlier attack,
            # the event so far is the reply to it
            for g in groups:
                if g.kind == "main":
                    g.kind = "retaliation"
            current = _Group("main")
            groups.insert(0, current)
        elif (
            first_retaliation
            and current.kind != "retaliation"
            and (c.retaliation or _reverses(a, i, actors, groups[0]))
        ):
            current = _Group("retaliation")
            groups.append(current)
        elif c.retaliation:
            current = next(g for g in groups if g.kind == "retaliation")
        elif (c.separate or _elsewhere(here, spots.get(id(current), []), c)) and (
            not c.anaphoric and len(groups) < MAX_EVENTS
        ):
            # "in a separate attack", or a fresh attack told in a town far from the
            # first ("Hours earlier, a helicopter was brought down ... in Amalfi")
            current = _Group("separate")
            groups.append(current)
        elif current.kind == "retaliation":
            current = groups[0]
        current.reports.append(i)
        spots.setdefault(id(current), []).extend(here)
    groups = [g for g in groups if g.reports]
    if groups and groups[0].kind != "main":
        groups[0].kind = "main"  # no attack it answers is told: the reply is the event
    taken = {i for g in groups for i in g.reports}
    for g in groups:
        for i in list(g.reports):
            for j in range(i + 1, min(i + 1 + SUPPORT_WINDOW, len(a.sentences))):
                c = a.cues[j]
                old = a.earlier_year(j)
                if (
                    j in taken
                    or c.tally
                    or c.background
                    or c.hypothetical
                    or old
                    or (c.retaliation and g.kind != "retaliation")
                ):
                    break
                g.support.append(j)
                taken.add(j)
    return groups


#: A report sentence whose attack is told this far from every place of the event so far
#: starts another event (one attack's places, a site and its town, are well within it).
ELSEWHERE_KM = 50.0


def _elsewhere(
    here: list[tuple[float, float]], before: list[tuple[float, float]], c: cue.SentenceCues
) -> bool:
    if not here or not before or not any(t.specific for t in c.triggers):
        return False
    return all(km(*p, *q) > ELSEWHERE_KM for p in here for q in before)


def _fill_target_words(d: _Draft, a: Assessment, site_kind: str) -> None:
    if d.target is not None:
        return
    for i in d.group.reports:
        text = a.sentences[i].text
        for t in a.cues[i].triggers:
            # the target is named just after the weapon or act ("...struck a market")
            window = text[t.end : t.end + 90]
            for category, regex in _TARGET_WORDS:
                m = regex.search(window)
                if m:
                    d.target = Target(category=category, name=m.group(0).lower())
                    d.evidence["target"] = i
                    return
    if site_kind in _SITE_CATEGORY:
        d.target = Target(category=_SITE_CATEGORY[site_kind], name="")


def _link_retaliation(drafts: list[_Draft]) -> None:
    if not drafts:
        return
    main = drafts[0]
    for r in drafts[1:]:
        if r.group.kind != "retaliation":
            continue
        if (
            main.perpetrator is None
            and r.target_actor is not None
            and r.target_actor.kind == "non_state"
        ):
            main.perpetrator = Actor(
                name=r.target_actor.name,
                aliases_matched=sorted({r.target_actor.surface} - {r.target_actor.name}),
            )
            main.perpetrator_kind = r.target_actor.kind
            main.evidence["perpetrator"] = r.evidence["target"]
        if r.target is None and main.perpetrator is not None:
            r.target = Target(category="military", name=main.perpetrator.name)
            r.evidence["target"] = main.evidence["perpetrator"]
        if (
            r.perpetrator is None
            and main.target_actor is not None
            and main.target_actor.kind == "state"
        ):
            r.perpetrator = Actor(name=main.target_actor.name, aliases_matched=[])
            r.perpetrator_kind = "state"
            r.evidence["perpetrator"] = main.evidence["target"]
        if r.date is None and main.date is not None:
            r.date, r.date_precision = main.date, main.date_precision
            r.evidence["date"] = main.evidence["date"]


def _country_of_towns(a: Assessment, support: frozenset[str]) -> str:
    """In an article that names no country, the country of the towns it names anywhere
    (background included: "the assault on Jalan Thamrin in central Jakarta in 2016"), when
    they agree on one."""
    found = {
        m.place.country
        for s in a.sentences
        for m in gazetteer.find_places(s.text, support, weak=True)
        if m.place.precision in ("city", "region")
    }
    return found.pop() if len(found) == 1 else ""


def _article_date(article: Article, a: Assessment):
    """Without a published date: the first full date in the title or opening sentences."""
    if a.published is not None:
        return None
    for index, text in [(None, article.title), *((s.index, s.text) for s in a.sentences[:3])]:
        for f in find_dates(text, None):
            if f.precision == "day":
                return f.value, "day", index
    return None


def _redate(d: _Draft, a: Assessment) -> bool:
    """Date an event whose date came from a background sentence of its group ("appointed
    in August last year"): the first recent date of its report sentences, else within
    the week of publication. False when there is nothing to date it by."""
    if a.published is None:
        return False
    for i in d.group.reports:
        for f in find_dates(a.sentences[i].text, a.published):
            if f.value <= a.published and a.published - f.value <= MAX_EVENT_AGE:
                d.date, d.date_precision = f.value, f.precision
                d.evidence["date"] = i
                return True
    d.date, d.date_precision = a.published, "week"
    d.evidence.pop("date", None)
    return True


def _title_toll(d: _Draft, title: str, a: Assessment) -> None:
    """A headline-first report gives the toll in its headline only ("Ten killed as
    gunmen attack police"): the one event's toll when the text gives none."""
    if not title or (a.title_cues is not None and a.title_cues.tally):
        return
    killed, injured = find_casualties(title)
    d.killed, d.injured = killed, injured  # the headline has no sentence to show


def _summary(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    if len(text) <= SUMMARY_CHARS:
        return text
    return text[:SUMMARY_CHARS].rsplit(" ", 1)[0] + "…"


def analyse(article: Article) -> Analysis:
    """Classify ``article`` and extract its attack events."""
    a = assess(article)
    v = a.verdict
    if not v.is_attack:
        return Analysis(False, v.confidence, list(v.reasons), a.language, [])
    # the headline is part of the article: "... in Niger" vouches for Agadez
    counts = countries.countries_mentioned([article.title, *(s.text for s in a.sentences)])
    support = frozenset(counts)
    headline = title_places(article.title, support)
    main_country = max(counts, key=lambda c: counts[c]) if counts else ""
    actors = _LazyActors(a)
    drafts = []
    for g in _group(a, actors, support)[:MAX_EVENTS]:
        d = _Draft(g)
        fill_actors(d, a, actors)
        d.evidence.setdefault("summary", g.reports[0])
        drafts.append(d)
    _link_retaliation(drafts)  # actors first: the swapped perpetrator decides the type
    reasons = list(v.reasons)
    events: list[Event] = []
    for d in drafts:
        taken = frozenset(i for o in drafts if o is not d for i in o.group.sentences)
        site_kind = fill_location(d, a, support, actors, counts, headline, taken)
        fallback = (main_country or _country_of_towns(a, support)) if d.location is None else ""
        if fallback:
            # the country only: the article places its events nowhere more precise
            d.location = Location(
                name=gazetteer.country_name(fallback), country=fallback, precision="country"
            )
            d.evidence["location"] = d.group.reports[0]
        fill_type(d, a, drafts[0].event_type)
        _fill_target_words(d, a, site_kind)
        fill_date(d, a)
        fill_casualties(d, a, several=len(drafts) > 1)
    if len(drafts) == 1 and (why := refine_type(drafts[0], a)):
        reasons.append(why)
    if len(drafts) == 1 and (drafts[0].killed is None or drafts[0].injured is None):
        # one event: a toll told later ("Nobody was hurt.", "73 people had been hurt")
        # is its toll; with two events a stray figure could be either one's
        fill_casualties(drafts[0], a, later_toll_sentences(a, drafts[0]))
    if len(drafts) == 1 and drafts[0].killed is None and drafts[0].injured is None:
        _title_toll(drafts[0], article.title, a)
    _link_retaliation(drafts)  # again, for the dates
    fallback = _article_date(article, a)
    for d in drafts:
        if d.date is None and fallback is not None:
            d.date, d.date_precision, index = fallback
            if index is not None:
                d.evidence["date"] = index
        elif d.date is None and a.published is not None:
            # no date phrase at all: within days of publication
            d.date, d.date_precision = a.published, "week"
        if a.published and d.date and (a.published - d.date) > MAX_EVENT_AGE:
            old = d.date
            if d.evidence.get("date") in d.group.reports or not _redate(d, a):
                reasons.append(f"event dated {d.date} is long before publication; dropped")
                continue
            reasons.append(f"{old} is a background sentence's date, not the event's: {d.date}")
        events.append(_event(article, a, d, v.confidence))
    if not events:
        return Analysis(False, min(v.confidence, 0.3), reasons, a.language, [])
    return Analysis(True, v.confidence, reasons, a.language, events)


def _event(article: Article, a: Assessment, d: _Draft, base: float) -> Event:
    filled = sum(
        x is not None for x in (d.location, d.perpetrator, d.target, d.killed, d.injured, d.date)
    )
    confidence = base * (0.85 if d.group.kind != "main" else 1.0) + 0.02 * filled
    evidence = []
    for name, i in sorted(d.evidence.items(), key=lambda kv: kv[1]):
        s = a.sentences[i]
        evidence.append(Evidence(field=name, text=s.text, start=s.start, end=s.end))
    first_seen = article.discovered or article.fetched or article.published
    return Event(
        id=article.id,
        event_type=d.event_type,  # type: ignore[arg-type]
        weapon=d.weapon,
        date=d.date,  # type: ignore[arg-type]
        date_precision=d.date_precision,  # type: ignore[arg-type]
        location=d.location,
        perpetrator=d.perpetrator,
        target=d.target,
        killed=d.killed.value if d.killed else None,
        killed_at_least=bool(d.killed and d.killed.at_least),
        injured=d.injured.value if d.injured else None,
        injured_at_least=bool(d.injured and d.injured.at_least),
        summary=_summary(a.sentences[d.group.reports[0]].text),
        confidence=round(min(0.99, confidence), 2),
        evidence=evidence,
        sources=[
            Source(
                url=article.url,
                outlet=article.outlet,
                article_id=article.id,
                published=article.published,
                fetched=article.fetched,
            )
        ],
        first_seen=first_seen,
        last_updated=first_seen,
    )


def extract_events(article: Article) -> list[Event]:
    """The attack events reported in ``article`` (empty when it reports none)."""
    return analyse(article).events
