"""Write eval/dedup-dev.jsonl and eval/dedup-test.jsonl: labeled clusters for `strikewatch eval dedup`.

Each cluster is one real attack; each report is one outlet's extracted event for it, as
`strikewatch extract` would output it, with realistic variation: casualty counts that
rise (or are revised down) over hours, the perpetrator named only after a claim, site vs
city vs country precision, a date one day off where time zones make that likely, and
summaries in the project's own words. The facts come from public reporting named in each
cluster's ``source``; outlets and URLs are made up; coordinates are approximate.

Look-alikes are deliberate: Ain al-Asad attacked five times within a month, attack and
retaliation on one day, two bombings in one city on one day (Brussels, Colombo, Paris),
one wave of strikes on two cities (Kyiv and Kryvyi Rih), pagers one day and radios the
next in Lebanon, a bus bomb and a car bomb two days apart in Peshawar, a truck bomb and a
small car bomb hours apart in Mogadishu (and tolls rising severalfold over a day). Whole groups of look-alikes go to one file, about 30% of the clusters
to the held-out test file, which the matching threshold is not tuned on.

Run: python tools/make_dedup_sets.py
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

OUTLETS = [
    ("Meridian Wire", "meridian-wire.example"),
    ("Northbridge Chronicle", "northbridge.example"),
    ("Gulf Desk Daily", "gulfdesk.example"),
    ("Sahel Observer", "sahelobserver.example"),
    ("Indus Ledger", "indusledger.example"),
    ("Baltic Courier", "balticcourier.example"),
    ("Pacific Dispatch", "pacificdispatch.example"),
    ("Levant Review", "levantreview.example"),
    ("Danube Post", "danubepost.example"),
    ("Atlas Newsroom", "atlasnewsroom.example"),
    ("Horn Monitor", "hornmonitor.example"),
    ("Steppe Times", "steppetimes.example"),
]


@dataclass
class R:
    """One report: hours after the attack, precision (s site, c city, r region, n country)."""

    h: float
    p: str = "c"
    k: int | None = None
    i: int | None = None
    perp: bool = False
    d: int = 0
    t: str | None = None
    s: int | None = None
    kl: bool = False
    il: bool = False


@dataclass
class C:
    key: str
    group: str
    event_type: str
    when: str  # UTC time of the attack, ISO
    country: str
    country_name: str
    city: tuple[str, float, float]
    site: tuple[str, float, float] | None
    perp: str | None
    target: tuple[str, str]
    summaries: list[str]
    reports: list[R]
    source: str
    region: str = ""
    test: bool = False
    extra: dict = field(default_factory=dict)


def r(*args, **kw) -> R:
    return R(*args, **kw)


IQ = ("IQ", "Iraq")
ASAD = ("Ain al-Asad Air Base", 33.7856, 42.4412)
ANBAR_CITY = ("al-Baghdadi", 33.9840, 42.5550)
ASAD_SRC = "Reuters reports carried by Arab News / Straits Times (31 Oct 2023), IFP (22 Oct 2023), Sawt Beirut (6 Dec 2023); Wikipedia: Attacks on US bases during the Israel-Hamas war"

CLUSTERS: list[C] = [
    # ---- Ain al-Asad: one base, five attacks in a month, and a retaliation ----
    C("asad-2023-10-22-rockets", "ain-al-asad", "rocket_attack", "2023-10-22T09:00:00Z", *IQ, ANBAR_CITY, ASAD,
      "Islamic Resistance in Iraq", ("military", "U.S. forces"),
      ["Katyusha rockets were fired at Ain al-Asad air base in western Iraq; one blast was heard inside the base.",
       "Rockets targeted the Anbar base hosting U.S. troops a day after drones were shot down near it.",
       "Army sources say a rocket salvo hit the Ain al-Asad base; no word yet on casualties."],
      [r(2, "s"), r(4, "s", s=1), r(7, "r", s=2), r(20, "s", perp=True)],
      ASAD_SRC + " (Sunday 22 October 2023 rocket attack)"),
    C("asad-2023-10-30-rockets", "ain-al-asad", "rocket_attack", "2023-10-30T16:00:00Z", *IQ, ANBAR_CITY, ASAD,
      "Islamic Resistance in Iraq", ("military", "U.S. forces"),
      ["Four Katyusha rockets were launched at Ain al-Asad air base; damage was unclear.",
       "A rocket attack on the Iraqi base housing U.S. and coalition forces was claimed by the Islamic Resistance in Iraq."],
      [r(3, "s"), r(6, "s", perp=True, s=1), r(10, "r", perp=True), r(26, "s", perp=True, d=0, s=1)],
      ASAD_SRC + " (Monday 30 October 2023, four Katyusha rockets, claimed)"),
    C("asad-2023-10-31-drones", "ain-al-asad", "drone_attack", "2023-10-31T01:30:00Z", *IQ, ANBAR_CITY, ASAD,
      "Islamic Resistance in Iraq", ("military", "U.S. forces"),
      ["Two armed drones targeted Ain al-Asad air base in the early hours, causing no casualties or damage.",
       "A pre-dawn drone attack on the Anbar air base was endorsed by the Islamic Resistance in Iraq."],
      [r(5, "s", k=0, i=0), r(8, "s", k=0, i=0, perp=True, s=1), r(9, "r", d=-1), r(12, "s", perp=True)],
      ASAD_SRC + " (Tuesday 31 October 2023, two drones, no casualties)"),
    C("asad-2023-11-16-rockets-drones", "ain-al-asad", "rocket_attack", "2023-11-16T18:00:00Z", *IQ, ANBAR_CITY, ASAD,
      None, ("military", "U.S. forces"),
      ["Rockets and drones caused several explosions inside Ain al-Asad air base on Thursday evening.",
       "The base in Anbar was hit by rockets and drones, the fourth attack on bases hosting U.S. troops in a day."],
      [r(3, "s"), r(5, "s", t="drone_attack", s=1), r(9, "r"), r(14, "s", d=1, s=1)],
      "Reuters security sources via worldreportnow.com (15 and 16 Nov 2023): rockets and drones hit Ain al-Asad on Thursday 16 November 2023"),
    C("asad-2023-11-21-missile", "ain-al-asad", "missile_attack", "2023-11-21T19:00:00Z", *IQ, ANBAR_CITY, ASAD,
      "Islamic Resistance in Iraq", ("military", "U.S. forces"),
      ["A close-range ballistic missile struck Ain al-Asad air base, injuring U.S. personnel and causing minor damage.",
       "Eight Americans were hurt when a short-range ballistic missile was fired at the base west of Baghdad.",
       "Iran-backed militants fired a ballistic missile at U.S. troops at Ain al-Asad."],
      [r(2, "s", i=3), r(4, "s", k=0, i=8, s=1), r(5, "s", k=0, i=8, perp=True, s=2), r(8, "n", i=8, s=1), r(22, "s", k=0, i=8, perp=True)],
      "U.S. Department of Defense press briefing, 21 Nov 2023; Wikipedia: Attacks on US bases during the Israel-Hamas war"),
    C("asad-2023-11-21-us-ac130", "ain-al-asad", "air_strike", "2023-11-21T20:00:00Z", *IQ, ("Abu Ghraib", 33.2925, 44.0650), None,
      "U.S. forces", ("armed_group", "Islamic Resistance in Iraq"),
      ["A U.S. AC-130 gunship struck the vehicle of the militants who had launched the missile, causing several casualties.",
       "The U.S. military said it hit back in self-defense at the militants behind the attack on Ain al-Asad."],
      [r(3, "n", perp=True), r(6, "c", perp=True, s=1), r(10, "c", perp=True)],
      "U.S. Central Command statement, 21 Nov 2023; ISW Iran Update, 21 Nov 2023 (near Abu Ghraib)"),
    # ---- Jordan: Tower 22 ----
    C("tower-22", "tower-22", "drone_attack", "2024-01-28T03:30:00Z", "JO", "Jordan", ("Rukban", 33.3200, 38.7000),
      ("Tower 22", 33.3210, 38.6930), "Islamic Resistance in Iraq", ("military", "U.S. forces"),
      ["A one-way attack drone hit a U.S. outpost in northeastern Jordan, killing three American soldiers.",
       "Three U.S. service members died and dozens were hurt in a drone strike on the Tower 22 logistics base.",
       "Iran-backed militants were blamed for the deadly drone attack on troops near the Syrian border."],
      [r(10, "n", k=3, i=25), r(12, "s", k=3, i=25, s=1), r(18, "s", k=3, i=34, perp=True, s=2), r(30, "s", k=3, i=40, perp=True, s=1)],
      "U.S. Department of Defense statements 28-29 Jan 2024; Wikipedia: Tower 22 drone attack"),
    # ---- Ukraine ----
    C("kramatorsk-station", "kramatorsk", "missile_attack", "2022-04-08T07:30:00Z", "UA", "Ukraine", ("Kramatorsk", 48.7305, 37.5560),
      ("Kramatorsk railway station", 48.7232, 37.5563), "Russian forces", ("civilians", "evacuees"),
      ["A missile hit the railway station in Kramatorsk where civilians were waiting to be evacuated.",
       "A Tochka-U missile with cluster munitions struck crowds at Kramatorsk station.",
       "Ukraine blamed Russia for the strike on the evacuation hub; Moscow denied it."],
      [r(1, "s", k=30, i=100, kl=True), r(3, "s", k=39, i=87, s=1), r(6, "c", k=50, i=98, perp=True, s=2), r(30, "s", k=52, i=100, perp=True)],
      "Wikipedia: Kramatorsk railway station attack; statements of Kramatorsk mayor Oleksandr Honcharenko, 8 Apr 2022"),
    C("hroza-cafe", "hroza", "missile_attack", "2023-10-05T10:30:00Z", "UA", "Ukraine", ("Hroza", 49.6300, 37.8300),
      ("Hroza village cafe", 49.6310, 37.8290), "Russian forces", ("civilians", "mourners at a wake"),
      ["A missile hit a cafe in the village of Hroza during a wake, killing dozens of residents.",
       "An Iskander missile struck a memorial gathering in Kharkiv region's Hroza."],
      [r(2, "c", k=48, kl=True), r(4, "s", k=51, perp=True, s=1), r(9, "c", k=52, i=6, perp=True), r(28, "c", k=52, perp=True, s=1, d=1)],
      "Wikipedia: Hroza missile attack; Ukrainian officials, 5-6 Oct 2023"),
    C("chernihiv-2024-04-17", "chernihiv", "missile_attack", "2024-04-17T06:00:00Z", "UA", "Ukraine", ("Chernihiv", 51.4982, 31.2893), None,
      "Russian forces", ("civilians", "city centre"),
      ["Three Russian missiles hit the centre of Chernihiv, killing and wounding residents.",
       "A missile strike on Chernihiv's city centre left buildings ruined and a rising death toll."],
      [r(1, "c", k=10), r(3, "c", k=13, i=60, perp=True, s=1), r(8, "c", k=17, i=61, perp=True), r(26, "c", k=18, i=78, perp=True, s=1)],
      "Wikipedia: April 2024 Chernihiv missile strike; Ukrainian State Emergency Service"),
    C("uman-2023-04-28", "uman", "missile_attack", "2023-04-28T01:30:00Z", "UA", "Ukraine", ("Uman", 48.7484, 30.2219), None,
      "Russian forces", ("civilians", "apartment building"),
      ["A cruise missile destroyed part of an apartment block in Uman overnight.",
       "Rescuers searched the rubble of a high-rise in Uman hit in a night attack."],
      [r(4, "c", k=10), r(7, "c", k=17, perp=True, s=1), r(12, "c", k=20, perp=True), r(40, "c", k=23, perp=True, s=1, d=0)],
      "Wikipedia: 2023 Uman missile strike"),
    C("kharkiv-2024-05-23-printing", "kharkiv-may-2024", "missile_attack", "2024-05-23T11:00:00Z", "UA", "Ukraine",
      ("Kharkiv", 49.9935, 36.2304), ("Factor-Druk printing house", 49.9630, 36.3210), "Russian forces", ("civilians", "printing house"),
      ["Missiles hit Kharkiv, setting the Factor-Druk printing house on fire and killing workers.",
       "A strike on one of Ukraine's largest printing houses in Kharkiv killed seven people."],
      [r(2, "c", k=3), r(4, "s", k=7, i=16, perp=True, s=1), r(9, "c", k=7, i=21, perp=True, s=0)],
      "Ukrainian officials (Kharkiv governor Oleh Syniehubov), 23 May 2024; Wikipedia: 2024 Kharkiv strikes"),
    C("kharkiv-2024-05-25-epicentr", "kharkiv-may-2024", "air_strike", "2024-05-25T13:00:00Z", "UA", "Ukraine",
      ("Kharkiv", 49.9935, 36.2304), ("Epicentr hypermarket", 50.0470, 36.3120), "Russian forces", ("civilians", "hypermarket"),
      ["Guided aerial bombs hit a crowded DIY hypermarket in Kharkiv on Saturday afternoon.",
       "Shoppers were killed when the Epicentr home-goods store in Kharkiv was bombed."],
      [r(2, "c", k=2, i=33), r(5, "s", k=12, i=43, perp=True, s=1), r(30, "s", k=16, i=43, perp=True), r(60, "s", k=19, i=54, perp=True, s=1)],
      "Wikipedia: Kharkiv hypermarket attack (25 May 2024)"),
    C("kyiv-2024-07-08", "ukraine-2024-07-08", "missile_attack", "2024-07-08T07:30:00Z", "UA", "Ukraine",
      ("Kyiv", 50.4501, 30.5234), ("Okhmatdyt children's hospital", 50.4540, 30.4780), "Russian forces", ("civilians", "children's hospital"),
      ["Daytime missile strikes hit Kyiv, including the Okhmatdyt children's hospital.",
       "A cruise missile struck Ukraine's largest children's hospital during a morning barrage on the capital."],
      [r(2, "c", k=7), r(4, "s", k=20, perp=True, s=1), r(10, "c", k=27, i=82, perp=True), r(28, "c", k=33, i=121, perp=True, s=1)],
      "Wikipedia: 8 July 2024 Russian strikes on Ukraine"),
    C("kryvyi-rih-2024-07-08", "ukraine-2024-07-08", "missile_attack", "2024-07-08T07:00:00Z", "UA", "Ukraine",
      ("Kryvyi Rih", 47.9105, 33.3918), None, "Russian forces", ("civilians", "industrial site"),
      ["A missile strike on Kryvyi Rih killed ten people in the same morning barrage.",
       "In President Zelensky's hometown Kryvyi Rih a missile hit an industrial facility."],
      [r(3, "c", k=3), r(6, "c", k=10, i=31, perp=True, s=1), r(12, "c", k=10, i=47, perp=True)],
      "Wikipedia: 8 July 2024 Russian strikes on Ukraine"),
    # ---- Russia ----
    C("crocus-city-hall", "crocus", "armed_assault", "2024-03-22T16:00:00Z", "RU", "Russia", ("Krasnogorsk", 55.8204, 37.3302),
      ("Crocus City Hall", 55.8256, 37.3896), "Islamic State - Khorasan Province", ("civilians", "concert audience"),
      ["Gunmen opened fire on a concert audience at Crocus City Hall and set the venue ablaze.",
       "Attackers in camouflage stormed the concert hall outside Moscow before a rock concert.",
       "Islamic State's Khorasan branch claimed the massacre at the concert hall near Moscow."],
      [r(1, "s", k=40, i=100, kl=True), r(2, "c", k=40, i=145), r(3, "s", k=60, i=145, perp=True, s=2),
       r(10, "s", k=115, i=145, perp=True, s=1), r(22, "s", k=133, i=145, perp=True), r(40, "c", k=137, i=182, perp=True, s=2),
       r(2.5, "c", k=40, t="shooting", s=1)],
      "Wikipedia: Crocus City Hall attack; Investigative Committee of Russia figures 22-24 Mar 2024",
      extra={"moscow": True}),
    C("belgorod-2023-12-30", "belgorod", "shelling", "2023-12-30T12:00:00Z", "RU", "Russia", ("Belgorod", 50.5997, 36.5983), None,
      "Ukrainian forces", ("civilians", "city centre"),
      ["Shelling hit the centre of Belgorod near the skating rink, killing civilians.",
       "Russia said Ukrainian rockets and cluster munitions struck downtown Belgorod."],
      [r(3, "c", k=10, i=45), r(6, "c", k=18, i=111, perp=True, s=1, t="rocket_attack"), r(30, "c", k=24, i=108, perp=True), r(50, "c", k=25, perp=True, s=1)],
      "Wikipedia: 2023 Belgorod shelling (30 Dec 2023)"),
    C("derbent-2024-06-23", "dagestan-2024-06-23", "armed_assault", "2024-06-23T15:00:00Z", "RU", "Russia", ("Derbent", 42.0580, 48.2890),
      ("Derbent synagogue and Orthodox church", 42.0600, 48.2880), None, ("religious", "synagogue and church"),
      ["Gunmen attacked a synagogue and an Orthodox church in Derbent, killing a priest.",
       "In Derbent militants set a synagogue on fire and killed an elderly Orthodox priest."],
      [r(2, "c"), r(5, "s", s=1), r(20, "c", k=2, kl=True, s=1)],
      "Wikipedia: 2024 Dagestan attacks (23 Jun 2024)"),
    C("makhachkala-2024-06-23", "dagestan-2024-06-23", "armed_assault", "2024-06-23T15:30:00Z", "RU", "Russia",
      ("Makhachkala", 42.9849, 47.5047), None, None, ("police", "police post and church"),
      ["Gunmen attacked a traffic police post and a church in Makhachkala, killing police officers.",
       "Police officers were shot dead in Dagestan's capital in a coordinated attack on the same evening."],
      [r(2, "c"), r(4, "c", k=6, kl=True, s=1), r(22, "c", k=15, s=0)],
      "Wikipedia: 2024 Dagestan attacks (23 Jun 2024)"),
    # ---- Iran, Pakistan ----
    C("kerman-2024-01-03", "kerman", "bombing", "2024-01-03T11:45:00Z", "IR", "Iran", ("Kerman", 30.2839, 57.0834),
      ("Martyrs' cemetery near Soleimani's tomb", 30.2770, 57.1050), "Islamic State", ("civilians", "memorial procession"),
      ["Two blasts tore through a crowd marking the anniversary of Qassem Soleimani's death in Kerman.",
       "Twin explosions near Soleimani's grave killed scores of mourners.",
       "The Islamic State claimed the two suicide bombings at the Kerman memorial."],
      [r(1, "c", k=73), r(2, "s", k=103, i=141, s=1), r(4, "s", k=103, i=211), r(20, "s", k=84, i=284, s=1),
       r(30, "c", k=84, i=284, perp=True, s=2, t="suicide_bombing"), r(60, "s", k=95, i=284, perp=True, s=2)],
      "Wikipedia: 2024 Kerman bombings (toll revised from 103 to 84, later 95; IS claim 4 Jan 2024)", test=True),
    C("peshawar-mosque", "peshawar", "suicide_bombing", "2023-01-30T08:30:00Z", "PK", "Pakistan", ("Peshawar", 34.0151, 71.5249),
      ("Police Lines mosque", 34.0056, 71.5540), "Jamaat-ul-Ahrar", ("police", "mosque in police compound"),
      ["A suicide bomber struck a packed mosque inside Peshawar's police headquarters during prayers.",
       "The roof of a police compound mosque in Peshawar collapsed after a suicide blast.",
       "Officials blamed a Pakistani Taliban faction for the mosque bombing."],
      [r(1, "c", k=17, i=90), r(3, "s", k=28, i=150, s=1), r(8, "s", k=46, i=157, s=0), r(20, "s", k=59, i=157, s=1),
       r(28, "s", k=93, i=221, perp=True, s=2), r(40, "c", k=100, i=221, perp=True)],
      "Wikipedia: 2023 Peshawar mosque bombing"),
    C("bajaur-rally", "bajaur", "suicide_bombing", "2023-07-30T11:00:00Z", "PK", "Pakistan", ("Khar", 34.7353, 71.5283),
      ("JUI-F workers' convention in Khar", 34.7360, 71.5270), "Islamic State - Khorasan Province", ("political", "JUI-F rally"),
      ["A suicide bomber attacked a rally of the JUI-F party in Bajaur district.",
       "Islamic State claimed the blast at a religious party's convention in Khar, Bajaur."],
      [r(2, "c", k=35, i=200), r(5, "s", k=44, i=200), r(26, "s", k=54, i=200, perp=True, s=1), r(60, "c", k=63, perp=True, s=1)],
      "Wikipedia: 2023 Bajaur suicide bombing", test=True),
    C("mastung-2023-09-29", "pakistan-2023-09-29", "suicide_bombing", "2023-09-29T07:00:00Z", "PK", "Pakistan",
      ("Mastung", 29.7997, 66.8450), None, None, ("religious", "Mawlid procession"),
      ["A suicide blast hit a procession for the Prophet's birthday in Mastung, Balochistan.",
       "Dozens of worshippers marking Eid Milad-un-Nabi were killed in Mastung."],
      [r(2, "c", k=34), r(5, "c", k=52, i=50, s=1), r(26, "c", k=60, s=0)],
      "Wikipedia: 2023 Mastung bombing"),
    C("hangu-2023-09-29", "pakistan-2023-09-29", "suicide_bombing", "2023-09-29T09:00:00Z", "PK", "Pakistan",
      ("Hangu", 33.5318, 71.0595), ("mosque in Doaba police station", 33.4380, 70.8350), None, ("police", "mosque"),
      ["Hours later a second suicide bomber struck a mosque inside a police station in Hangu.",
       "A mosque in Hangu's Doaba area was hit during Friday prayers."],
      [r(2, "c", k=4), r(4, "s", k=5, i=12, s=1), r(9, "c", k=5)],
      "Wikipedia: 2023 Mastung bombing (the same-day Hangu attack)"),
    C("panjgur-2024-01-16", "iran-pakistan-2024", "missile_attack", "2024-01-16T17:00:00Z", "PK", "Pakistan",
      ("Panjgur", 26.9644, 64.0903), None, "Iranian forces", ("armed_group", "Jaish al-Adl"),
      ["Iran launched missiles and drones at targets in Pakistan's Panjgur, killing two children.",
       "Pakistan condemned an Iranian strike in Balochistan that Tehran said targeted Jaish al-Adl."],
      [r(5, "c", k=2, i=3, perp=True), r(9, "c", k=2, i=3, perp=True, s=1, t="drone_attack"), r(24, "n", k=2, perp=True, d=1)],
      "Wikipedia: 2024 Iran-Pakistan border skirmishes"),
    C("saravan-2024-01-18", "iran-pakistan-2024", "air_strike", "2024-01-18T03:00:00Z", "IR", "Iran",
      ("Saravan", 27.3709, 62.3342), None, "Pakistani security forces", ("armed_group", "Baloch militants"),
      ["Pakistan struck targets near Saravan in Iran in retaliation, killing nine people.",
       "Pakistani strikes hit villages in Iran's Sistan-Baluchestan province."],
      [r(3, "c", k=7, perp=True), r(6, "c", k=9, perp=True, s=1), r(12, "n", k=9, perp=True)],
      "Wikipedia: 2024 Iran-Pakistan border skirmishes"),
    # ---- Somalia, Afghanistan ----
    C("mogadishu-2022-10-29", "mogadishu", "bombing", "2022-10-29T11:00:00Z", "SO", "Somalia", ("Mogadishu", 2.0469, 45.3182),
      ("Education ministry at Zobe junction", 2.0436, 45.3230), "al-Shabaab", ("government", "education ministry"),
      ["Two car bombs exploded minutes apart at the education ministry junction in Mogadishu.",
       "Al-Shabaab claimed twin car bombings at a busy Mogadishu intersection."],
      [r(2, "c", k=30), r(6, "s", k=100, i=300, perp=True, s=1), r(30, "s", k=100, i=300, perp=True), r(70, "c", k=121, i=333, perp=True, s=1)],
      "Wikipedia: 2022 Somali Ministry of Education bombings"),
    C("mogadishu-lido-2024-08-02", "mogadishu", "suicide_bombing", "2024-08-02T19:00:00Z", "SO", "Somalia", ("Mogadishu", 2.0469, 45.3182),
      ("Lido beach", 2.0547, 45.3469), "al-Shabaab", ("civilians", "beachgoers"),
      ["A suicide bomber and gunmen attacked Lido beach in Mogadishu on Friday evening.",
       "Al-Shabaab attacked beachgoers and a hotel on Mogadishu's Lido beach."],
      [r(3, "s", k=32, i=63), r(8, "s", k=32, i=63, perp=True, s=1), r(20, "c", k=37, i=212, perp=True, t="armed_assault")],
      "Wikipedia: 2024 Lido Beach attack"),
    C("mogadishu-hayat-2022-08-19", "mogadishu", "armed_assault", "2022-08-19T16:00:00Z", "SO", "Somalia", ("Mogadishu", 2.0469, 45.3182),
      ("Hayat Hotel", 2.0420, 45.3010), "al-Shabaab", ("civilians", "hotel"),
      ["Al-Shabaab fighters stormed the Hayat Hotel in Mogadishu, starting a long siege.",
       "Security forces ended a 30-hour siege of a Mogadishu hotel."],
      [r(4, "s", k=8, perp=True), r(20, "s", k=13, perp=True), r(32, "s", k=21, i=117, perp=True, s=1, d=1)],
      "Wikipedia: 2022 Hayat Hotel attack"),
    C("kabul-airport-2021-08-26", "kabul-2021-08", "suicide_bombing", "2021-08-26T13:50:00Z", "AF", "Afghanistan", ("Kabul", 34.5553, 69.2075),
      ("Abbey Gate, Hamid Karzai International Airport", 34.5620, 69.2050), "Islamic State - Khorasan Province", ("civilians", "evacuation crowd"),
      ["A suicide bomber struck crowds at Abbey Gate outside Kabul airport during the evacuation.",
       "Thirteen U.S. service members and scores of Afghans died in the blast at the airport gate.",
       "ISIS-K claimed the bombing at Kabul's airport."],
      [r(1, "s", k=13), r(4, "s", k=60, i=140, s=1), r(6, "s", k=72, perp=True, s=2), r(22, "s", k=103, perp=True, s=1),
       r(30, "c", k=170, perp=True, s=2)],
      "Wikipedia: 2021 Kabul airport attack"),
    C("kabul-drone-2021-08-29", "kabul-2021-08", "drone_attack", "2021-08-29T12:00:00Z", "AF", "Afghanistan", ("Kabul", 34.5553, 69.2075),
      None, "U.S. forces", ("armed_group", "Islamic State - Khorasan Province"),
      ["A U.S. drone strike on a car in a Kabul residential area killed ten civilians.",
       "The U.S. said its drone struck a suspected ISIS-K car bomb headed for the airport."],
      [r(3, "c", perp=True, s=1), r(20, "c", k=10, perp=True), r(40, "c", k=10, perp=True, d=0)],
      "Wikipedia: August 2021 Kabul drone strike"),
    C("kabul-russian-embassy", "kabul-2022", "suicide_bombing", "2022-09-05T06:00:00Z", "AF", "Afghanistan", ("Kabul", 34.5553, 69.2075),
      ("Russian embassy", 34.4727, 69.1320), "Islamic State - Khorasan Province", ("diplomatic", "Russian embassy"),
      ["A suicide bomber blew himself up near the entrance of the Russian embassy in Kabul, killing two staff.",
       "Islamic State claimed a suicide attack outside Russia's embassy in Kabul."],
      [r(2, "s", k=2), r(5, "s", k=6, i=10), r(10, "c", k=6, perp=True, s=1)],
      "Wikipedia: 2022 Russian embassy bombing in Kabul"),
    # ---- Europe ----
    C("brussels-zaventem", "brussels-2016", "suicide_bombing", "2016-03-22T07:00:00Z", "BE", "Belgium", ("Brussels", 50.8503, 4.3517),
      ("Brussels Airport, Zaventem", 50.9010, 4.4856), "Islamic State", ("civilians", "airport departure hall"),
      ["Two suicide bombs went off in the departure hall of Brussels Airport in Zaventem.",
       "Blasts ripped through the check-in area at Zaventem airport in the morning rush."],
      [r(1, "s", k=11, i=81), r(5, "s", k=14, i=81, s=1), r(10, "s", k=14, perp=True), r(40, "s", k=16, perp=True, s=1)],
      "Wikipedia: 2016 Brussels bombings"),
    C("brussels-maelbeek", "brussels-2016", "suicide_bombing", "2016-03-22T08:11:00Z", "BE", "Belgium", ("Brussels", 50.8503, 4.3517),
      ("Maelbeek metro station", 50.8435, 4.3768), "Islamic State", ("civilians", "metro train"),
      ["An hour later a bomb exploded on a metro train at Maelbeek station near the EU institutions.",
       "A suicide bomber attacked a rush-hour metro carriage at Maelbeek."],
      [r(1, "s", k=10, i=55), r(4, "s", k=20, i=106, s=1), r(10, "s", k=20, perp=True), r(40, "s", k=16, perp=True, s=1)],
      "Wikipedia: 2016 Brussels bombings"),
    C("paris-stade-de-france", "paris-2015-11-13", "suicide_bombing", "2015-11-13T20:20:00Z", "FR", "France",
      ("Saint-Denis", 48.9362, 2.3574), ("Stade de France", 48.9245, 2.3602), "Islamic State", ("civilians", "football match crowd"),
      ["Three suicide bombers blew themselves up outside the Stade de France during a France-Germany friendly.",
       "Explosions outside the national stadium in Saint-Denis killed a passer-by."],
      [r(2, "s", k=1, s=1), r(6, "s", k=4), r(30, "s", k=1, perp=True)],
      "Wikipedia: November 2015 Paris attacks"),
    C("paris-bataclan", "paris-2015-11-13", "armed_assault", "2015-11-13T20:40:00Z", "FR", "France", ("Paris", 48.8566, 2.3522),
      ("Bataclan theatre", 48.8631, 2.3708), "Islamic State", ("civilians", "concert audience"),
      ["Gunmen stormed the Bataclan concert hall during a rock concert and took hostages.",
       "Attackers killed dozens of people at an Eagles of Death Metal concert at the Bataclan."],
      [r(2, "s", k=100, kl=True), r(5, "s", k=82, i=200), r(14, "s", k=89, perp=True, s=1), r(40, "s", k=90, perp=True)],
      "Wikipedia: November 2015 Paris attacks; Bataclan theatre massacre"),
    C("paris-belle-equipe", "paris-2015-11-13", "shooting", "2015-11-13T20:36:00Z", "FR", "France", ("Paris", 48.8566, 2.3522),
      ("La Belle Equipe bar, rue de Charonne", 48.8537, 2.3819), "Islamic State", ("civilians", "cafe terrace"),
      ["Gunmen fired on the terrace of La Belle Equipe bar on rue de Charonne.",
       "Nineteen people died when attackers sprayed a cafe terrace in the 11th arrondissement with bullets."],
      [r(3, "s", k=18), r(8, "s", k=19, i=9, s=1), r(30, "s", k=19, perp=True)],
      "Wikipedia: November 2015 Paris attacks"),
    C("manchester-arena", "manchester", "suicide_bombing", "2017-05-22T21:31:00Z", "GB", "United Kingdom", ("Manchester", 53.4808, -2.2426),
      ("Manchester Arena", 53.4879, -2.2438), "Islamic State", ("civilians", "concert audience"),
      ["A suicide bomber detonated a device in the foyer of Manchester Arena after an Ariana Grande concert.",
       "Children were among those killed by the bomb at the end of a pop concert in Manchester."],
      [r(2, "s", k=19, i=50), r(5, "s", k=22, i=59, s=1), r(15, "s", k=22, i=59, perp=True), r(40, "c", k=22, i=119, perp=True, d=1, s=1)],
      "Wikipedia: Manchester Arena bombing"),
    C("halle-synagogue", "halle", "shooting", "2019-10-09T10:00:00Z", "DE", "Germany", ("Halle", 51.4969, 11.9688),
      ("Halle synagogue", 51.4900, 11.9785), None, ("religious", "synagogue on Yom Kippur"),
      ["A far-right gunman tried to force his way into the Halle synagogue on Yom Kippur and shot two passers-by.",
       "Two people were killed in Halle by an attacker who live-streamed the shooting."],
      [r(1, "c", k=2), r(4, "s", k=2, i=2), r(20, "s", k=2, i=2, s=1)],
      "Wikipedia: Halle synagogue shooting"),
    C("hanau-2020-02-19", "hanau", "shooting", "2020-02-19T21:00:00Z", "DE", "Germany", ("Hanau", 50.1328, 8.9169), None,
      None, ("civilians", "shisha bars"),
      ["A gunman shot dead nine people at two shisha bars in Hanau.",
       "A racist shooting at bars in the Hesse town of Hanau killed nine."],
      [r(3, "c", k=8), r(6, "c", k=9, i=5, d=1, s=1), r(20, "c", k=9, i=5)],
      "Wikipedia: Hanau shootings"),
    C("vienna-2020-11-02", "vienna", "shooting", "2020-11-02T19:00:00Z", "AT", "Austria", ("Vienna", 48.2082, 16.3738),
      ("Seitenstettengasse near Schwedenplatz", 48.2118, 16.3750), "Islamic State", ("civilians", "city centre bars"),
      ["A gunman opened fire in central Vienna near the main synagogue on the eve of a lockdown.",
       "Islamic State claimed the shooting in Vienna's old town that killed four people."],
      [r(2, "c", k=2), r(5, "s", k=3, i=15), r(16, "c", k=4, i=22, perp=True, s=1), r(30, "s", k=4, i=23, perp=True, s=1)],
      "Wikipedia: 2020 Vienna attack", test=True),
    C("istanbul-istiklal", "istanbul", "bombing", "2022-11-13T13:20:00Z", "TR", "Turkey", ("Istanbul", 41.0082, 28.9784),
      ("Istiklal Avenue", 41.0335, 28.9775), "PKK", ("civilians", "shopping street"),
      ["A bomb exploded on Istanbul's busy Istiklal Avenue on Sunday afternoon.",
       "Turkey blamed Kurdish militants for the Istiklal blast; the PKK denied it."],
      [r(1, "s", k=4, i=38), r(3, "s", k=6, i=53), r(12, "s", k=6, i=81, perp=True, s=1)],
      "Wikipedia: 2022 Istanbul bombing"),
    C("ankara-tusas", "ankara", "armed_assault", "2024-10-23T12:30:00Z", "TR", "Turkey", ("Ankara", 39.9334, 32.8597),
      ("TUSAS headquarters, Kahramankazan", 40.0797, 32.6889), "PKK", ("government", "aerospace company"),
      ["Attackers with rifles and explosives hit the headquarters of Turkish Aerospace near Ankara.",
       "The PKK claimed the assault on the TUSAS defence company in Kahramankazan."],
      [r(2, "c", k=3, i=14), r(5, "s", k=4, i=14), r(10, "s", k=5, i=22, perp=True), r(50, "s", k=5, i=22, perp=True, s=1)],
      "Wikipedia: 2024 Turkish Aerospace headquarters attack", test=True),
    # ---- Americas ----
    C("el-paso-walmart", "us-2019-08", "shooting", "2019-08-03T16:39:00Z", "US", "United States", ("El Paso", 31.7619, -106.4850),
      ("Walmart at Cielo Vista Mall", 31.7727, -106.3774), None, ("civilians", "shoppers"),
      ["A gunman killed shoppers at a Walmart near Cielo Vista Mall in El Paso.",
       "A racist mass shooting at an El Paso store targeted Hispanic shoppers."],
      [r(2, "c", k=18), r(5, "s", k=20, i=26), r(30, "s", k=22, i=24, s=1), r(100, "c", k=22, s=1)],
      "Wikipedia: 2019 El Paso Walmart shooting", test=True),
    C("dayton-oregon-district", "us-2019-08", "shooting", "2019-08-04T05:05:00Z", "US", "United States", ("Dayton", 39.7589, -84.1916),
      ("Oregon District", 39.7576, -84.1856), None, ("civilians", "nightlife district"),
      ["Hours after El Paso, a gunman killed nine people in Dayton's Oregon District bar area.",
       "Police shot dead an attacker within 32 seconds after he opened fire outside a Dayton bar."],
      [r(2, "c", k=9, i=16, d=-1), r(4, "s", k=9, i=27), r(20, "s", k=9, i=27, s=1)],
      "Wikipedia: 2019 Dayton shooting", test=True),
    C("buffalo-tops", "buffalo", "shooting", "2022-05-14T18:30:00Z", "US", "United States", ("Buffalo", 42.8864, -78.8784),
      ("Tops supermarket on Jefferson Avenue", 42.9125, -78.8486), None, ("civilians", "shoppers"),
      ["A white supremacist gunman killed ten Black people at a Buffalo supermarket.",
       "The Tops Friendly Markets store on Jefferson Avenue was the scene of a racist mass shooting."],
      [r(2, "c", k=10, i=3), r(5, "s", k=10, i=3, s=1), r(20, "s", k=10, i=3)],
      "Wikipedia: 2022 Buffalo shooting"),
    C("uvalde-robb", "uvalde", "shooting", "2022-05-24T16:30:00Z", "US", "United States", ("Uvalde", 29.2097, -99.7862),
      ("Robb Elementary School", 29.2106, -99.7911), None, ("education", "elementary school"),
      ["A gunman killed children and teachers at Robb Elementary School in Uvalde, Texas.",
       "Nineteen pupils and two teachers died in the Uvalde school shooting."],
      [r(2, "s", k=14), r(4, "s", k=18), r(6, "s", k=21, i=17, s=1), r(24, "c", k=21, i=17, s=1)],
      "Wikipedia: Uvalde school shooting"),
    # ---- Africa, South Asia ----
    C("owo-church", "owo", "armed_assault", "2022-06-05T10:00:00Z", "NG", "Nigeria", ("Owo", 7.1962, 5.5868),
      ("St Francis Xavier Catholic Church", 7.1961, 5.5880), "Islamic State West Africa Province", ("religious", "church congregation"),
      ["Gunmen with explosives attacked worshippers at St Francis Xavier Catholic Church in Owo during Pentecost mass.",
       "Nigeria's government blamed ISWAP for the Pentecost massacre at the Owo church."],
      [r(3, "s", k=22), r(8, "c", k=50, kl=True), r(30, "s", k=40, i=61), r(100, "s", k=41, perp=True, s=1)],
      "Wikipedia: Owo church attack", test=True),
    C("pulwama-2019", "pulwama", "suicide_bombing", "2019-02-14T09:45:00Z", "IN", "India", ("Pulwama", 33.8716, 74.8946),
      ("Lethpora, Jammu-Srinagar highway", 33.9620, 74.9780), "Jaish-e-Mohammed", ("police", "CRPF convoy"),
      ["A suicide bomber rammed an explosives-laden car into a CRPF convoy on the Jammu-Srinagar highway.",
       "Jaish-e-Mohammed claimed the attack on paramilitary police in Pulwama."],
      [r(2, "c", k=18, perp=True), r(4, "s", k=38, perp=True, s=1), r(14, "s", k=40, perp=True)],
      "Wikipedia: 2019 Pulwama attack"),
    C("pahalgam-2025", "pahalgam", "shooting", "2025-04-22T09:00:00Z", "IN", "India", ("Pahalgam", 34.0161, 75.3150),
      ("Baisaran meadow", 34.0260, 75.3260), "Lashkar-e-Taiba", ("civilians", "tourists"),
      ["Gunmen opened fire on tourists in the Baisaran meadow near Pahalgam, Kashmir.",
       "Indian officials blamed a Lashkar-e-Taiba front for the killing of tourists near Pahalgam."],
      [r(2, "c", k=20), r(5, "s", k=26, i=17), r(20, "s", k=26, i=17, perp=True, s=1)],
      "Wikipedia: 2025 Pahalgam attack", test=True),
    # ---- Sri Lanka: several bombings, one morning ----
    C("colombo-st-anthonys", "sri-lanka-2019-04-21", "suicide_bombing", "2019-04-21T03:15:00Z", "LK", "Sri Lanka", ("Colombo", 6.9271, 79.8612),
      ("St Anthony's Shrine, Kochchikade", 6.9469, 79.8562), None, ("religious", "Easter mass"),
      ["A bomb exploded during Easter mass at St Anthony's Shrine in Kochchikade, Colombo.",
       "Worshippers were killed at the Kochchikade shrine in one of a wave of Easter bombings."],
      [r(2, "s"), r(5, "s", s=1), r(48, "s", perp=True)],
      "Wikipedia: 2019 Sri Lanka Easter bombings", test=True, extra={"perp_late": "Islamic State"}),
    C("colombo-shangri-la", "sri-lanka-2019-04-21", "suicide_bombing", "2019-04-21T03:30:00Z", "LK", "Sri Lanka", ("Colombo", 6.9271, 79.8612),
      ("Shangri-La Hotel", 6.9300, 79.8440), None, ("civilians", "hotel breakfast"),
      ["Suicide bombers struck the breakfast restaurant of the Shangri-La Hotel in Colombo.",
       "The Shangri-La in Colombo was one of three luxury hotels hit on Easter morning."],
      [r(2, "s"), r(6, "s", s=1), r(48, "s", perp=True)],
      "Wikipedia: 2019 Sri Lanka Easter bombings", test=True, extra={"perp_late": "Islamic State"}),
    C("negombo-st-sebastians", "sri-lanka-2019-04-21", "suicide_bombing", "2019-04-21T03:15:00Z", "LK", "Sri Lanka", ("Negombo", 7.2008, 79.8737),
      ("St Sebastian's Church, Katuwapitiya", 7.2370, 79.8450), None, ("religious", "Easter mass"),
      ["A bomb tore through St Sebastian's Church in Negombo during Easter Sunday mass.",
       "More than a hundred worshippers died at the Katuwapitiya church north of Colombo."],
      [r(3, "s", k=50, kl=True), r(7, "c", k=104, s=1), r(48, "s", k=104, perp=True)],
      "Wikipedia: 2019 Sri Lanka Easter bombings", test=True, extra={"perp_late": "Islamic State"}),
    C("batticaloa-zion", "sri-lanka-2019-04-21", "suicide_bombing", "2019-04-21T03:40:00Z", "LK", "Sri Lanka", ("Batticaloa", 7.7170, 81.7000),
      ("Zion Church", 7.7160, 81.6980), None, ("religious", "Easter service"),
      ["A suicide bomber attacked Zion Church in Batticaloa on the east coast during the Easter service.",
       "Children at Sunday school were among the dead at the Batticaloa church."],
      [r(3, "s", k=25), r(8, "c", k=28, s=1), r(48, "s", k=28, perp=True)],
      "Wikipedia: 2019 Sri Lanka Easter bombings", test=True, extra={"perp_late": "Islamic State"}),
    # ---- Israel, Lebanon, Syria ----
    C("majdal-shams", "golan-beirut-2024-07", "rocket_attack", "2024-07-27T15:20:00Z", "IL", "Israel", ("Majdal Shams", 33.2680, 35.7710),
      ("football pitch in Majdal Shams", 33.2690, 35.7700), "Hezbollah", ("civilians", "children on a football pitch"),
      ["A rocket hit a football pitch in Majdal Shams in the Golan Heights, killing children.",
       "Israel blamed Hezbollah for the rocket strike on the Druze town; the group denied it."],
      [r(1, "c", k=10), r(3, "s", k=12, i=30), r(8, "s", k=12, i=30, perp=True, s=1)],
      "Wikipedia: 2024 Majdal Shams attack"),
    C("beirut-shukr", "golan-beirut-2024-07", "air_strike", "2024-07-30T16:40:00Z", "LB", "Lebanon", ("Beirut", 33.8938, 35.5018),
      ("Haret Hreik", 33.8530, 35.5040), "Israeli military", ("armed_group", "Hezbollah commander Fuad Shukr"),
      ["An Israeli strike on a building in Beirut's southern suburbs targeted Hezbollah commander Fuad Shukr.",
       "Israel said it killed the Hezbollah commander it held responsible for the Majdal Shams rocket."],
      [r(2, "s", k=3, i=74, perp=True), r(20, "s", k=5, i=80, perp=True, s=1)],
      "Wikipedia: 2024 Haret Hreik airstrike"),
    C("lebanon-pagers", "lebanon-2024-09", "other_attack", "2024-09-17T12:30:00Z", "LB", "Lebanon", ("Beirut", 33.8938, 35.5018), None,
      "Israeli military", ("armed_group", "Hezbollah members"),
      ["Thousands of pagers used by Hezbollah members exploded at once across Lebanon.",
       "Simultaneous pager blasts in Beirut's suburbs and southern Lebanon wounded thousands."],
      [r(2, "n", k=8, i=2750), r(5, "c", k=9, i=2800, s=1), r(20, "n", k=12, i=2800, perp=True)],
      "Wikipedia: 2024 Lebanon electronic device attacks (17 Sep 2024 pagers)", test=True),
    C("lebanon-walkie-talkies", "lebanon-2024-09", "other_attack", "2024-09-18T14:00:00Z", "LB", "Lebanon", ("Beirut", 33.8938, 35.5018), None,
      "Israeli military", ("armed_group", "Hezbollah members"),
      ["A day after the pager blasts, walkie-talkies used by Hezbollah exploded, including at a funeral.",
       "Handheld radios blew up across Lebanon in a second wave of device explosions."],
      [r(3, "n", k=14, i=450), r(6, "c", k=20, i=450, s=1), r(20, "n", k=25, i=608, perp=True)],
      "Wikipedia: 2024 Lebanon electronic device attacks (18 Sep 2024 walkie-talkies)", test=True),
    C("iran-missiles-2024-10-01", "israel-2024-10-01", "missile_attack", "2024-10-01T16:30:00Z", "IL", "Israel", ("Tel Aviv", 32.0853, 34.7818),
      ("Nevatim Airbase", 31.2083, 35.0122), "Iranian forces", ("military", "air bases"),
      ["Iran fired about 180 ballistic missiles at Israel; some hit near the Nevatim air base.",
       "Sirens sounded across Israel as Iranian ballistic missiles were intercepted over Tel Aviv.",
       "One man was killed in Jericho by falling debris during Iran's missile barrage."],
      [r(1, "n", perp=True), r(3, "c", perp=True, s=1), r(8, "s", k=1, perp=True, s=0), r(20, "n", k=1, perp=True, s=2)],
      "Wikipedia: October 2024 Iranian strikes against Israel"),
    C("jaffa-shooting-2024-10-01", "israel-2024-10-01", "shooting", "2024-10-01T15:50:00Z", "IL", "Israel", ("Tel Aviv", 32.0853, 34.7818),
      ("Jerusalem Boulevard, Jaffa", 32.0490, 34.7580), "Hamas", ("civilians", "light rail passengers"),
      ["Two gunmen opened fire at a light rail stop on Jerusalem Boulevard in Jaffa.",
       "Seven people were killed in a shooting attack in Jaffa minutes before the Iranian barrage."],
      [r(1, "s", k=6), r(3, "c", k=7, i=17), r(24, "s", k=7, i=16, perp=True, s=1)],
      "Wikipedia: 2024 Jaffa shooting"),
    C("homs-military-academy", "homs", "drone_attack", "2023-10-05T11:00:00Z", "SY", "Syria", ("Homs", 34.7324, 36.7137),
      ("Homs Military Academy", 34.7290, 36.7130), None, ("military", "graduation ceremony"),
      ["Armed drones struck a graduation ceremony at the military academy in Homs.",
       "A drone attack on cadets' families at the Homs academy killed scores."],
      [r(2, "s", k=60), r(5, "s", k=80, i=240), r(24, "c", k=89, i=277, s=1)],
      "Wikipedia: 2023 Homs military academy drone attack"),
    C("dnipro-2023-01-14", "dnipro", "missile_attack", "2023-01-14T13:30:00Z", "UA", "Ukraine", ("Dnipro", 48.4647, 35.0462),
      ("apartment block on Naberezhna Peremohy", 48.4050, 35.0960), "Russian forces", ("civilians", "apartment building"),
      ["A Russian Kh-22 missile destroyed a section of a nine-storey apartment block in Dnipro.",
       "Rescuers dug through the rubble of a Dnipro apartment building for days after the strike."],
      [r(3, "c", k=12, i=64), r(10, "s", k=20, i=73, perp=True), r(30, "s", k=30, i=75, perp=True, s=1),
       r(80, "s", k=40, perp=True, s=1), r(110, "c", k=46, i=80, perp=True)],
      "Wikipedia: 2023 Dnipro residential building airstrike", test=True),
    C("odesa-2024-03-02", "odesa-march-2024", "drone_attack", "2024-03-02T01:00:00Z", "UA", "Ukraine", ("Odesa", 46.4825, 30.7233), None,
      "Russian forces", ("civilians", "apartment building"),
      ["A Shahed drone hit an apartment building in Odesa overnight.",
       "Children were among the dead after a drone strike collapsed part of an Odesa housing block."],
      [r(5, "c", k=3), r(20, "c", k=8, perp=True, s=1), r(60, "c", k=12, perp=True, s=1)],
      "Wikipedia: 2 March 2024 Odesa drone strike", test=True),
    C("odesa-2024-03-06", "odesa-march-2024", "missile_attack", "2024-03-06T09:00:00Z", "UA", "Ukraine", ("Odesa", 46.4825, 30.7233),
      ("Odesa port", 46.4990, 30.7480), "Russian forces", ("civilians", "port"),
      ["A missile struck Odesa's port area while President Zelensky was hosting the Greek prime minister.",
       "The strike near the Zelensky-Mitsotakis convoy in Odesa killed five people."],
      [r(3, "s", k=5, perp=True), r(6, "c", k=5, perp=True, s=1)],
      "Reporting on 6 March 2024 (Zelensky and Mitsotakis visit to Odesa); Wikipedia: Odesa strikes (2022-present)", test=True),
    C("odesa-2024-03-15", "odesa-march-2024", "missile_attack", "2024-03-15T08:30:00Z", "UA", "Ukraine", ("Odesa", 46.4825, 30.7233), None,
      "Russian forces", ("civilians", "rescuers"),
      ["Two ballistic missiles hit Odesa in a 'double-tap' strike that killed rescuers arriving at the scene.",
       "A repeat missile strike on Odesa killed emergency workers and residents."],
      [r(3, "c", k=14, i=46, perp=True), r(8, "c", k=20, i=73, perp=True, s=1), r(30, "c", k=21, i=75, perp=True)],
      "Wikipedia: 15 March 2024 Odesa missile strike", test=True),
    # ---- one city, days apart, same type: a different device or a very different toll ----
    C("peshawar-2013-09-22-church", "peshawar-2013-09", "suicide_bombing", "2013-09-22T06:45:00Z", "PK", "Pakistan",
      ("Peshawar", 34.0151, 71.5249), ("All Saints Church, Kohati Gate", 34.0046, 71.5683), None,
      ("civilians", "Sunday service congregation"),
      ["Two suicide bombers blew themselves up outside a church in Peshawar's old city as worshippers left Sunday mass.",
       "The twin suicide blasts at All Saints Church were the deadliest attack on Pakistan's Christians.",
       "A Taliban faction said it sent the bombers who attacked the church congregation in Peshawar."],
      [r(2, "c", k=37, i=70), r(5, "s", k=60, i=120, s=1), r(20, "s", k=78, i=131, perp=True, s=2),
       r(32, "c", k=81, i=131, perp=True, s=1)],
      "Wikipedia: 2013 Peshawar church attack (22 September 2013); Dawn and BBC reporting of 22-23 Sep 2013",
      region="Khyber Pakhtunkhwa", extra={"perp_late": "Jundallah"}),
    C("peshawar-2013-09-27-bus", "peshawar-2013-09", "bombing", "2013-09-27T05:30:00Z", "PK", "Pakistan",
      ("Peshawar", 34.0151, 71.5249), ("Charsadda Road, Gulbela", 34.0720, 71.5930), None,
      ("civilians", "government employees' bus"),
      ["A bomb hidden on a bus carrying provincial government staff went off on the outskirts of Peshawar.",
       "Officials said the device planted under a seat of the commuter bus was detonated as it left for the city."],
      [r(2, "c", k=17, i=30), r(6, "c", k=19, i=40, s=1), r(26, "s", k=19, i=44, d=0)],
      "Reuters and Dawn reporting of the 27 September 2013 bus bombing near Peshawar; "
      "Wikipedia: List of terrorist incidents in 2013", region="Khyber Pakhtunkhwa"),
    C("peshawar-2013-09-29-qissa-khwani", "peshawar-2013-09", "bombing", "2013-09-29T07:30:00Z", "PK", "Pakistan",
      ("Peshawar", 34.0151, 71.5249), ("Qissa Khwani Bazaar", 34.0089, 71.5714), None,
      ("civilians", "market shoppers"),
      ["A car packed with explosives blew up in the crowded Qissa Khwani bazaar in old Peshawar.",
       "The car bomb near a mosque and police station in the Storytellers' bazaar killed dozens on Sunday.",
       "Peshawar's third deadly bombing in a week tore through a historic market."],
      [r(1.5, "c", k=33, i=70), r(4, "s", k=40, i=100, s=1), r(9, "c", k=42, i=100, s=2), r(28, "s", k=42, i=100)],
      "Wikipedia: 2013 Qissa Khwani Bazaar bombing (29 September 2013); Reuters reporting of 29 Sep 2013",
      region="Khyber Pakhtunkhwa"),
    C("mogadishu-2017-10-14-zoobe", "mogadishu-2017-10-14", "bombing", "2017-10-14T12:20:00Z", "SO", "Somalia",
      ("Mogadishu", 2.0469, 45.3182), ("Zoobe junction", 2.0400, 45.3116), None,
      ("civilians", "busy street junction"),
      ["A lorry packed with explosives blew up at the Zoobe junction in Mogadishu, flattening buildings and setting vehicles ablaze.",
       "The truck bombing in Mogadishu's Hodan district became the deadliest attack in Somalia's history.",
       "Rescuers kept pulling bodies from the rubble a day after the truck bomb at Zoobe junction."],
      [r(2, "c", k=20, i=50), r(6, "s", k=30, i=100, s=0), r(26, "c", k=231, i=275, perp=True, s=1),
       r(34, "s", k=276, i=300, perp=True, s=2), r(110, "c", k=358, i=228, perp=True, s=1)],
      "Wikipedia: 14 October 2017 Mogadishu bombings (Zoobe junction truck bomb; toll rose over days)",
      region="Banaadir", extra={"perp_late": "al-Shabaab"}),
    C("mogadishu-2017-10-14-madina", "mogadishu-2017-10-14", "bombing", "2017-10-14T14:30:00Z", "SO", "Somalia",
      ("Mogadishu", 2.0469, 45.3182), ("Madina district", 2.0300, 45.2930), None,
      ("civilians", "passers-by"),
      ["A second, smaller car bomb went off in Mogadishu's Madina district, killing two people.",
       "Police said a car bomb in Madina killed two people hours after the Zoobe blast."],
      [r(2, "c", k=2), r(5, "s", k=2, s=1)],
      "Wikipedia: 14 October 2017 Mogadishu bombings (second car bomb in Madina district, two killed)",
      region="Banaadir"),
    # ---- one event, the toll rising severalfold over a day or more ----
    C("kabul-kaaj-2022-09-30", "kabul-kaaj", "suicide_bombing", "2022-09-30T03:30:00Z", "AF", "Afghanistan",
      ("Kabul", 34.5553, 69.2075), ("Kaaj education centre, Dasht-e-Barchi", 34.5040, 69.1020), None,
      ("civilians", "students sitting a practice exam"),
      ["A suicide bomber attacked a tuition centre in western Kabul where students were taking a practice university exam.",
       "Most of the dead at the Kaaj centre in Dasht-e-Barchi were Hazara girls preparing for entrance exams.",
       "The UN raised the death toll of the Kabul classroom bombing to 53."],
      [r(2, "c", k=19, i=27), r(8, "s", k=32, i=82, s=1), r(30, "s", k=35, i=82, s=1), r(75, "c", k=53, i=110, s=2)],
      "Wikipedia: 2022 Kabul school bombing (Kaaj education centre, 30 September 2022); UNAMA figures of 3 Oct 2022"),
    C("istanbul-besiktas-2016", "istanbul-besiktas", "bombing", "2016-12-10T19:30:00Z", "TR", "Turkey",
      ("Istanbul", 41.0082, 28.9784), ("Vodafone Arena, Besiktas", 41.0394, 29.0027), None,
      ("security_forces", "riot police outside the stadium"),
      ["A car bomb and a suicide bomber struck riot police outside Besiktas's stadium after a football match in Istanbul.",
       "Two blasts near the Vodafone Arena in Istanbul targeted police buses, officials said.",
       "A Kurdish militant group claimed the twin bombings near the Besiktas stadium."],
      [r(2, "c", k=29, i=166), r(5, "s", k=38, i=155, s=1), r(20, "s", k=44, i=155, perp=True, s=2),
       r(50, "c", k=46, i=166, perp=True, s=2)],
      "Wikipedia: December 2016 Istanbul bombings (10 December 2016, claimed by the Kurdistan Freedom Hawks)",
      extra={"perp_late": "Kurdistan Freedom Hawks"}),
]


def _location(c: C, p: str) -> dict:
    if p == "s" and c.site:
        name, lat, lon = c.site
        return {"name": name, "country": c.country, "lat": lat, "lon": lon, "precision": "site"}
    if p == "r":
        return {"name": c.region or "Al Anbar", "country": c.country, "lat": None, "lon": None, "precision": "region"}
    if p == "n":
        return {"name": c.country_name, "country": c.country, "lat": None, "lon": None, "precision": "country"}
    name, lat, lon = c.city
    return {"name": name, "country": c.country, "lat": lat, "lon": lon, "precision": "city"}


def reports(c: C, outlet_offset: int) -> list[dict]:
    when = datetime.fromisoformat(c.when.replace("Z", "+00:00"))
    out = []
    for n, rep in enumerate(c.reports, 1):
        outlet, domain = OUTLETS[(outlet_offset + n) % len(OUTLETS)]
        published = when + timedelta(hours=rep.h)
        article = f"{c.key}-{n}"
        perp = c.perp or (c.extra.get("perp_late") if rep.perp else None)
        summary = c.summaries[(rep.s if rep.s is not None else n - 1) % len(c.summaries)]
        out.append({
            "id": article,
            "event_type": rep.t or c.event_type,
            "date": (when.date() + timedelta(days=rep.d)).isoformat(),
            "location": _location(c, rep.p),
            "perpetrator": {"name": perp} if (perp and rep.perp) else None,
            "target": {"category": c.target[0], "name": c.target[1]},
            "killed": rep.k,
            "killed_at_least": rep.kl,
            "injured": rep.i,
            "injured_at_least": rep.il,
            "summary": summary,
            "first_seen": published.isoformat().replace("+00:00", "Z"),
            "sources": [{"url": f"https://{domain}/news/{article}", "outlet": outlet, "article_id": article,
                         "published": published.isoformat().replace("+00:00", "Z")}],
            "cluster": c.key,
            "group": c.group,
            "source": c.source,
        })
    return out


def main() -> None:
    here = Path(__file__).resolve().parent.parent / "eval"
    keys = [c.key for c in CLUSTERS]
    assert len(keys) == len(set(keys)), "cluster keys must be unique"
    groups: dict[bool, list[dict]] = {False: [], True: []}
    for index, c in enumerate(CLUSTERS):
        groups[c.test].extend(reports(c, index))
    for test, rows in groups.items():
        rows.sort(key=lambda row: (row["sources"][0]["published"], row["id"]))
        path = here / ("dedup-test.jsonl" if test else "dedup-dev.jsonl")
        path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")
        clusters = {row["cluster"] for row in rows}
        print(f"{path.name}: {len(rows)} reports, {len(clusters)} clusters")


if __name__ == "__main__":
    main()
