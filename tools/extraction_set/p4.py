from common import A

A(
    "ir-kerman-2024",
    "2024-01-04T06:00:00Z",
    "Wikipedia: 2024 Kerman bombings",
    "Twin blasts at Soleimani memorial ceremony kill 84",
    """Two bombs exploded on Wednesday near the tomb of Qassem Soleimani in the south-eastern Iranian city of Kerman as crowds marked the fourth anniversary of the general's death, killing 84 people and wounding 284, Iranian officials said.

The blasts went off about 15 minutes apart on the road leading to the cemetery. Islamic State claimed responsibility on Thursday, saying two of its members had detonated explosive belts.""",
    [("suicide_bombing", "2024-01-03", "IR", "Kerman", "Islamic State", 84, 284)],
)

A(
    "ir-shiraz-2022",
    "2022-10-27T07:00:00Z",
    "Wikipedia: 2022 Shah Cheragh massacre",
    "Gunman kills 15 at Shiraz shrine",
    """A gunman opened fire at the Shah Cheragh shrine in the southern Iranian city of Shiraz on Wednesday evening, killing 15 people and wounding about 40, state media reported.

Islamic State claimed responsibility for the attack on one of the holiest Shi'ite sites in Iran. Officials said one attacker was arrested.""",
    [("shooting", "2022-10-26", "IR", "Shiraz", "Islamic State", 15, 40)],
)

A(
    "ir-fakhrizadeh-2020",
    "2020-11-27T18:00:00Z",
    "Wikipedia: Assassination of Mohsen Fakhrizadeh",
    "Iran's top nuclear scientist killed near Tehran",
    """Mohsen Fakhrizadeh, the scientist who led Iran's military nuclear programme for two decades, was killed in an ambush on his car in Absard, a town east of Tehran, on Friday, Iran's defence ministry said.

His vehicle came under gunfire after an explosion, and he died of his wounds in hospital. Iran's foreign minister said there were "serious indications of Israeli role". Several bodyguards were wounded.""",
    [("armed_assault", "2020-11-27", "IR", "Absard", "Israel", 1, None)],
)

A(
    "pk-ir-strikes-2024",
    "2024-01-18T12:00:00Z",
    "Wikipedia: 2024 Iran–Pakistan border skirmishes",
    "Pakistan strikes militant hideouts inside Iran",
    """Pakistan carried out military strikes on what it called militant hideouts inside Iran early on Thursday, killing nine people, Iranian officials said, two days after Iran launched missile and drone strikes on Pakistani territory.

Iranian state media said the dead in a village near Saravan in Sistan-Baluchestan province were all foreign nationals, including four children. Pakistan said it had targeted Baloch separatist groups.

On Tuesday, Iran had struck what it said were bases of the Jaish al-Adl group near Panjgur in Pakistan's Balochistan province. Pakistan said two children were killed and three girls were injured in that attack and recalled its ambassador from Tehran.""",
    [
        ("air_strike", "2024-01-18", "IR", "Saravan", "Pakistan", 9, None),
        ("missile_attack", "2024-01-16", "PK", "Panjgur", "Iran", 2, 3),
    ],
)

A(
    "in-pahalgam-2025",
    "2025-04-23T06:00:00Z",
    "Wikipedia: 2025 Pahalgam attack",
    "Gunmen kill 26 tourists in Kashmir",
    """Militants opened fire on tourists at a meadow near the resort town of Pahalgam in Indian Kashmir on Tuesday, killing 26 men in the deadliest attack on civilians in the region in years, police said.

Survivors said the gunmen emerged from the forest around the Baisaran valley and singled out men. A group calling itself The Resistance Front, which Indian officials link to Lashkar-e-Taiba, claimed the attack. At least 17 people were wounded.""",
    [("shooting", "2025-04-22", "IN", "Pahalgam", "The Resistance Front", 26, 17)],
)

A(
    "pk-in-sindoor-2025",
    "2025-05-07T12:00:00Z",
    "Wikipedia: 2025 India–Pakistan strikes",
    "India strikes Pakistan; cross-border shelling kills civilians",
    """India fired missiles at nine sites in Pakistan and Pakistan-administered Kashmir early on Wednesday, saying it targeted "terrorist infrastructure" linked to last month's massacre of tourists in Pahalgam. Pakistan's military said 26 civilians were killed and 46 wounded, including in Bahawalpur and Muzaffarabad.

Pakistani troops responded with heavy artillery fire across the Line of Control, and the Indian army said 15 civilians were killed in the shelling in the Poonch district.""",
    [
        ("missile_attack", "2025-05-07", "PK", "Bahawalpur", "India", 26, 46),
        ("shelling", "2025-05-07", "IN", "Poonch", "Pakistan", 15, None),
    ],
)

A(
    "in-dantewada-2023",
    "2023-04-26T14:00:00Z",
    "Wikipedia: 2023 Dantewada bombing",
    "Maoist landmine kills 10 police in Chhattisgarh",
    """Maoist rebels set off a powerful improvised explosive device under a van carrying police in the Dantewada district of Chhattisgarh on Wednesday, killing 10 members of a district reserve guard unit and their civilian driver, officials said.

The blast left a deep crater on the road near Aranpur as the team returned from an anti-insurgency operation. Chief Minister Bhupesh Baghel said the rebels would not be spared.""",
    [("ied", "2023-04-26", "IN", "Dantewada", "Communist Party of India (Maoist)", 11, None)],
)

A(
    "ml-hombori-2020",
    "2020-12-29T08:00:00Z",
    "Wikipedia: Operation Barkhane",
    "Three French soldiers killed by roadside bomb in Mali",
    """Three French soldiers were killed on Monday when their armoured vehicle struck a roadside bomb in central Mali, the office of President Emmanuel Macron said.

The soldiers were taking part in an operation near Hombori in the Mopti region. It brought to 47 the number of French troops killed in the Sahel since France intervened in 2013.""",
    [("ied", "2020-12-28", "ML", "Hombori", None, 3, None)],
)

A(
    "ne-tongotongo-2017",
    "2017-10-05T10:00:00Z",
    "Wikipedia: Tongo Tongo ambush",
    "Three U.S. soldiers killed in Niger ambush",
    """Three U.S. Army special forces soldiers and at least four Nigerien troops were killed when their joint patrol was ambushed near the border with Mali on Wednesday, officials said.

The patrol came under fire near the village of Tongo Tongo in south-western Niger. Two other Americans were wounded and evacuated to a military hospital in Germany. A fourth American soldier was later found dead.""",
    [("armed_assault", "2017-10-04", "NE", "Tongo Tongo", None, 7, 2)],
)

A(
    "ne-inates-2019",
    "2019-12-12T09:00:00Z",
    "Wikipedia: Battle of Inates",
    "Seventy-one soldiers killed in attack on Niger army camp",
    """Militants killed 71 soldiers in an attack on a military camp in western Niger on Tuesday, the defence ministry said, the deadliest assault on the country's army in years.

Hundreds of fighters attacked the Inates camp near the border with Mali with heavy weapons, shelling and suicide bombers, the ministry said. Islamic State in the Greater Sahara claimed the attack.""",
    [
        (
            "armed_assault",
            "2019-12-10",
            "NE",
            "Inates",
            "Islamic State in the Greater Sahara",
            71,
            None,
        )
    ],
)

A(
    "bf-solhan-2021",
    "2021-06-05T16:00:00Z",
    "Wikipedia: Solhan massacre",
    "Gunmen kill at least 100 in Burkina Faso village",
    """Gunmen killed at least 100 civilians in a night-time raid on the village of Solhan in northern Burkina Faso, the government said on Saturday, the worst attack of its kind in the country's six-year conflict with Islamist militants.

The attackers struck around 2 am, targeting a post of the volunteer defence militia and then homes and the market, and set houses on fire. No group claimed the attack.""",
    [("armed_assault", "2021-06-05", "BF", "Solhan", None, 100, None)],
)

A(
    "bf-boungou-2019",
    "2019-11-07T09:00:00Z",
    "Wikipedia: Boungou ambush",
    "Ambush on mining convoy in Burkina Faso kills 37",
    """Gunmen ambushed a convoy carrying workers of Canadian gold miner Semafo in eastern Burkina Faso on Wednesday, killing 37 people and wounding 60, the regional governor said.

The five buses, escorted by the army, were hit by an explosive device before attackers opened fire, about 40 km from the Boungou mine. No group claimed responsibility.""",
    [("armed_assault", "2019-11-06", "BF", "Boungou", None, 37, 60)],
)

A(
    "ng-owo-2022",
    "2022-06-05T19:00:00Z",
    "Wikipedia: Owo church attack",
    "Gunmen attack Catholic church in Nigeria's Ondo state",
    """Gunmen stormed a Catholic church in the town of Owo in south-western Nigeria during Pentecost Sunday mass, opening fire on worshippers and setting off explosives, killing dozens, local officials said.

The attackers struck St. Francis Xavier Catholic Church and fled in a car. Ondo state governor Rotimi Akeredolu condemned the "vile and satanic attack". The government later blamed Islamic State West Africa Province.""",
    [("armed_assault", "2022-06-05", "NG", "Owo", "Islamic State West Africa Province", 24, None)],
)

A(
    "ng-kano-2014",
    "2014-11-28T18:00:00Z",
    "Wikipedia: 2014 Kano attack",
    "Bombs and gunfire at Kano central mosque kill more than 100",
    """Suicide bombers blew themselves up at the central mosque in the northern Nigerian city of Kano during Friday prayers, and gunmen then opened fire on worshippers as they fled, killing more than 100 people, witnesses said.

The mosque sits next to the palace of the Emir of Kano, who had urged people to defend themselves against Boko Haram.""",
    [("suicide_bombing", "2014-11-28", "NG", "Kano", "Boko Haram", 100, None)],
)

A(
    "ng-koshobe-2020",
    "2020-11-29T14:00:00Z",
    "Wikipedia: Kwashabawa massacre",
    "Boko Haram fighters kill farm workers in Borno",
    """Jihadists killed at least 43 farm labourers in rice fields near the village of Koshobe in north-east Nigeria's Borno state on Saturday, tying many of them up and slitting their throats, officials said.

The workers, many of them from Sokoto state, had been harvesting near Zabarmari, about 20 km from the state capital Maiduguri. Officials blamed Boko Haram.""",
    [("armed_assault", "2020-11-28", "NG", "Koshobe", "Boko Haram", 43, None)],
)

A(
    "ug-kampala-2021",
    "2021-11-16T15:00:00Z",
    "Wikipedia: 2021 Kampala bombings",
    "Twin suicide blasts in Ugandan capital",
    """Two suicide bombers blew themselves up in central Kampala on Tuesday, one near the central police station and another close to parliament, killing three people and injuring 33, Ugandan police said.

Police blamed the Allied Democratic Forces, a rebel group allied with Islamic State, which later claimed the attack.""",
    [("suicide_bombing", "2021-11-16", "UG", "Kampala", "Allied Democratic Forces", 3, 33)],
)

A(
    "ug-mpondwe-2023",
    "2023-06-17T12:00:00Z",
    "Wikipedia: 2023 Mpondwe school massacre",
    "Rebels kill 41 in attack on Ugandan school",
    """Suspected rebels killed 41 people, most of them students, in an attack on a secondary school in western Uganda near the Congolese border late on Friday, police said.

The attackers, believed to be members of the Allied Democratic Forces, set fire to a dormitory at the Lhubiriha school in Mpondwe and hacked and shot students before fleeing towards Congo's Virunga national park with six abductees. Eight people were in a critical condition.""",
    [("armed_assault", "2023-06-16", "UG", "Mpondwe", "Allied Democratic Forces", 41, 8)],
)

A(
    "cd-kasindi-2023",
    "2023-01-15T18:00:00Z",
    "Wikipedia: 2023 Kasindi church bombing",
    "Bomb at church in eastern Congo kills 10",
    """A bomb exploded during a service at a Pentecostal church in the town of Kasindi in eastern Congo on Sunday, killing at least 10 people and injuring 39, the army said.

Army spokesman Antony Mualushayi said the explosive was planted by the Allied Democratic Forces. Kasindi lies on the border with Uganda in North Kivu province. Islamic State later claimed the bombing.""",
    [("bombing", "2023-01-15", "CD", "Kasindi", "Allied Democratic Forces", 10, 39)],
)

A(
    "mz-palma-2021",
    "2021-03-29T08:00:00Z",
    "Wikipedia: Battle of Palma",
    "Dozens killed as insurgents overrun Mozambique town of Palma",
    """Islamist insurgents attacked the town of Palma in northern Mozambique on Wednesday, killing dozens of people, including some who were trying to flee a besieged hotel in a convoy, the government said on Sunday.

Palma lies next to the gas projects on the Afungi peninsula led by TotalEnergies. Thousands of residents fled into the bush or by boat to Pemba.""",
    [("armed_assault", "2021-03-24", "MZ", "Palma", None, 24, None)],
)

A(
    "eg-rawda-2017",
    "2017-11-25T06:00:00Z",
    "Wikipedia: 2017 Sinai mosque attack",
    "Gunmen kill 235 at Sinai mosque",
    """Militants detonated a bomb and then opened fire on worshippers at a mosque in Egypt's North Sinai on Friday, killing at least 235 people and wounding 109 in the deadliest attack in the country's modern history, state media said.

Around 25 to 30 gunmen surrounded the al-Rawda mosque in Bir al-Abed, west of el-Arish, during Friday prayers and shot at people trying to flee, the prosecutor-general said. Attackers carried an Islamic State flag.""",
    [("armed_assault", "2017-11-24", "EG", "Bir al-Abed", "Islamic State", 235, 109)],
)

A(
    "eg-palmsunday-2017",
    "2017-04-09T17:00:00Z",
    "Wikipedia: Palm Sunday church bombings",
    "Blasts at two Egyptian churches on Palm Sunday",
    """A bomb exploded inside St George's church in the Nile Delta city of Tanta during Palm Sunday services, killing 27 people and wounding 78, Egypt's health ministry said.

Hours later, a suicide bomber blew himself up outside St Mark's Cathedral in Alexandria, where Coptic Pope Tawadros II had been leading mass, killing 17 people, including police who stopped him at the gate. Islamic State claimed both attacks.""",
    [
        ("bombing", "2017-04-09", "EG", "Tanta", "Islamic State", 27, 78),
        ("suicide_bombing", "2017-04-09", "EG", "Alexandria", "Islamic State", 17, None),
    ],
)

A(
    "tn-sousse-2015",
    "2015-06-26T19:00:00Z",
    "Wikipedia: 2015 Sousse attacks",
    "Gunman kills 38 at Tunisian beach resort",
    """A gunman disguised as a tourist pulled a rifle from a parasol and opened fire on a beach at a hotel near the Tunisian city of Sousse on Friday, killing 38 people, most of them British holidaymakers.

The 23-year-old student then walked into the Imperial Marhaba hotel, shooting guests, before he was shot dead by police. Islamic State claimed responsibility.""",
    [("shooting", "2015-06-26", "TN", "Sousse", "Islamic State", 38, None)],
)

A(
    "tn-bardo-2015",
    "2015-03-18T18:00:00Z",
    "Wikipedia: Bardo National Museum attack",
    "Gunmen kill foreign tourists at Tunis museum",
    """Gunmen in military uniforms attacked the Bardo museum in Tunis on Wednesday, killing 19 people, 17 of them foreign tourists, and taking hostages before security forces stormed the building, Prime Minister Habib Essid said.

Two attackers were killed. The museum is next to the parliament, which was evacuated.""",
    [("armed_assault", "2015-03-18", "TN", "Tunis", None, 19, None)],
)

A(
    "ly-noc-2018",
    "2018-09-10T17:00:00Z",
    "Wikipedia: 2018 National Oil Corporation headquarters attack",
    "Gunmen attack Libya's state oil company headquarters",
    """Gunmen stormed the headquarters of Libya's National Oil Corporation in Tripoli on Monday, setting off explosions and a fire, killing two employees, officials said.

Witnesses said the attackers opened fire in the lobby before the building went up in flames. Ten people were wounded. Islamic State later claimed the attack.""",
    [("armed_assault", "2018-09-10", "LY", "Tripoli", "Islamic State", 2, 10)],
)
