from common import A

A(
    "mm-pazigyi-2023",
    "2023-04-12T10:00:00Z",
    "Wikipedia: Pazigyi massacre",
    "Myanmar air strike on village gathering kills dozens",
    """Myanmar's military junta carried out an air strike on a gathering of villagers in the Sagaing region on Tuesday, killing about 100 people, including women and children, witnesses and local media said.

A fighter jet dropped bombs on a crowd attending the opening of an office of the opposition movement in Pazigyi village, and a helicopter then fired on the area. A junta spokesman confirmed the strike but said the victims were mostly fighters.""",
    [("air_strike", "2023-04-11", "MM", "Pazigyi", "Myanmar military", 100, None)],
)

A(
    "bd-holey-2016",
    "2016-07-02T12:00:00Z",
    "Wikipedia: July 2016 Dhaka attack",
    "Hostage siege at Dhaka cafe ends with 20 hostages dead",
    """Bangladeshi commandos stormed a cafe in Dhaka's diplomatic zone on Saturday morning to end a 12-hour siege by militants, but 20 hostages, most of them foreigners, had already been hacked or shot to death, the army said.

Gunmen had attacked the Holey Artisan Bakery in the Gulshan district on Friday night, and two police officers died in the initial exchange of fire. Islamic State claimed the attack.""",
    [("armed_assault", "2016-07-01", "BD", "Dhaka", "Islamic State", 22, None)],
)

A(
    "cn-kunming-2014",
    "2014-03-02T04:00:00Z",
    "Wikipedia: 2014 Kunming attack",
    "Knife attack at Kunming railway station kills 29",
    """A group of knife-wielding attackers slashed people at random at the railway station in the south-western Chinese city of Kunming on Saturday night, killing 29 people and wounding more than 130, state media said.

Police shot dead four of the attackers. Authorities blamed separatists from the far western region of Xinjiang.""",
    [("stabbing", "2014-03-01", "CN", "Kunming", None, 29, 130)],
)

A(
    "cn-urumqi-2014",
    "2014-05-22T12:00:00Z",
    "Wikipedia: May 2014 Ürümqi attack",
    "Explosions at Urumqi market kill 31",
    """Attackers drove two vehicles into shoppers at an open-air market in Urumqi, the capital of China's Xinjiang region, early on Thursday and threw explosives from the windows, killing 31 people and wounding more than 90, the government said.

The Ministry of Public Security called it a "serious violent terrorist incident".""",
    [("bombing", "2014-05-22", "CN", "Urumqi", None, 31, 90)],
)

A(
    "co-bogota-2019",
    "2019-01-18T06:00:00Z",
    "Wikipedia: 2019 Bogotá car bombing",
    "Car bomb at Bogota police academy kills 21",
    """A car bomb exploded at the General Santander police academy in Bogota on Thursday morning, killing 21 people, most of them young cadets, and injuring 68 in the Colombian capital's deadliest attack in years, officials said.

The driver, who also died, rammed through a checkpoint with some 80 kg of explosives. The government blamed the National Liberation Army (ELN), which later claimed the bombing.""",
    [("bombing", "2019-01-17", "CO", "Bogota", "National Liberation Army", 21, 68)],
)

A(
    "mx-lebaron-2019",
    "2019-11-05T15:00:00Z",
    "Wikipedia: Bavispe massacre",
    "Nine members of U.S.-Mexican Mormon family killed in ambush",
    """Three women and six children from a family of U.S.-Mexican Mormons were killed on Monday when suspected cartel gunmen ambushed their vehicles on a dirt road in the northern Mexican state of Sonora, family members and officials said.

Eight other children survived, some with gunshot wounds, after hiding in bushes. The family, related to the LeBaron community, was driving from Bavispe towards Chihuahua. Officials said the attackers may have mistaken the convoy for rivals.""",
    [("armed_assault", "2019-11-04", "MX", "Bavispe", None, 9, None)],
)

A(
    "mx-harfuch-2020",
    "2020-06-26T18:00:00Z",
    "Wikipedia: Assassination attempt on Omar García Harfuch",
    "Mexico City police chief wounded in cartel ambush",
    """Mexico City's police chief, Omar Garcia Harfuch, was wounded on Friday when gunmen armed with assault rifles and grenade launchers ambushed his armoured car in the upscale Lomas de Chapultepec district, killing two of his bodyguards and a passer-by.

Garcia Harfuch blamed the Jalisco New Generation Cartel. Police arrested 12 suspects.""",
    [("armed_assault", "2020-06-26", "MX", "Mexico City", "Jalisco New Generation Cartel", 3, 1)],
)

A(
    "ht-moise-2021",
    "2021-07-07T14:00:00Z",
    "Wikipedia: Assassination of Jovenel Moïse",
    "Haiti's president assassinated at his home",
    """Haitian President Jovenel Moise was shot dead when gunmen stormed his private residence in the hills above Port-au-Prince early on Wednesday, the interim prime minister said. First Lady Martine Moise was wounded and flown to Miami for treatment.

Interim Prime Minister Claude Joseph said the attack was carried out by a group of highly trained, heavily armed commandos, some of whom spoke Spanish.""",
    [("armed_assault", "2021-07-07", "HT", "Port-au-Prince", None, 1, 1)],
)

A(
    "ec-villavicencio-2023",
    "2023-08-10T06:00:00Z",
    "Wikipedia: Assassination of Fernando Villavicencio",
    "Ecuador presidential candidate shot dead at rally",
    """Ecuadorean presidential candidate Fernando Villavicencio was shot dead as he left a campaign rally in Quito on Wednesday, less than two weeks before the election, officials said.

Nine other people, including a candidate for the national assembly and two police officers, were wounded. A suspect died of wounds sustained in a firefight with security personnel. President Guillermo Lasso blamed organised crime.""",
    [("shooting", "2023-08-09", "EC", "Quito", None, 1, 9)],
)

A(
    "ec-tctv-2024",
    "2024-01-10T04:00:00Z",
    "Wikipedia: 2024 Ecuador TC Televisión station attack",
    "Armed men storm Ecuador TV studio during live broadcast",
    """Masked gunmen stormed the studio of public television channel TC Television in Guayaquil on Tuesday during a live broadcast, threatening staff with guns and what appeared to be explosives, before police retook the building and arrested 13 people.

No one was killed, police said, though a cameraman and another worker were wounded. The attack came a day after President Daniel Noboa declared a state of emergency following the escape of a gang leader from prison.""",
    [("armed_assault", "2024-01-09", "EC", "Guayaquil", None, 0, 2)],
)

A(
    "ve-maduro-drone-2018",
    "2018-08-05T06:00:00Z",
    "Wikipedia: Caracas drone attack",
    "Maduro unhurt after explosive drones detonate at Caracas parade",
    """Two drones loaded with explosives detonated near Venezuelan President Nicolas Maduro as he gave a speech at a military event in Caracas on Saturday, the government said, calling it an assassination attempt.

Maduro was unhurt, but seven soldiers were injured. Live television footage showed the president looking up in alarm and rows of troops breaking ranks.""",
    [("drone_attack", "2018-08-04", "VE", "Caracas", None, 0, 7)],
)

A(
    "br-blumenau-2023",
    "2023-04-05T18:00:00Z",
    "Wikipedia: Blumenau daycare attack",
    "Man with hatchet kills four children at Brazilian daycare",
    """A man armed with a hatchet jumped over the wall of a daycare centre in the southern Brazilian city of Blumenau on Wednesday and attacked children in the play area, killing four and wounding five, police said.

The 25-year-old attacker turned himself in at a police station after the attack.""",
    [("stabbing", "2023-04-05", "BR", "Blumenau", None, 4, 5)],
)

A(
    "ca-ottawa-2014",
    "2014-10-23T06:00:00Z",
    "Wikipedia: 2014 shootings at Parliament Hill, Ottawa",
    "Soldier killed at Ottawa war memorial, gunman storms parliament",
    """A gunman shot dead a soldier standing guard at the National War Memorial in Ottawa on Wednesday morning, then ran into the nearby parliament building, where he was killed in an exchange of fire.

Corporal Nathan Cirillo, 24, died of his wounds. A security guard was shot in the leg inside the Centre Block. Prime Minister Stephen Harper called it a terrorist attack.""",
    [("shooting", "2014-10-22", "CA", "Ottawa", None, 1, 1)],
)

A(
    "tj-cyclists-2018",
    "2018-07-31T09:00:00Z",
    "Wikipedia: 2018 attack on cyclists in Tajikistan",
    "Four foreign cyclists killed in Tajikistan car attack",
    """Four foreign cyclists, two Americans, a Swiss and a Dutchman, were killed on Sunday when a car rammed their group on a highway south of the Tajik capital Dushanbe and its occupants attacked survivors with knives, officials said.

Islamic State claimed responsibility on Monday. Tajik authorities blamed a banned opposition party.""",
    [("vehicle_ramming", "2018-07-29", "TJ", "Dushanbe", "Islamic State", 4, None)],
)

A(
    "so-kismayo-2019",
    "2019-07-13T09:00:00Z",
    "Wikipedia: 2019 Kismayo attack",
    "Suicide car bomb and gunmen hit Kismayo hotel",
    """At least 26 people, among them a prominent Somali-Canadian journalist and several foreigners, were killed when a suicide car bomber and gunmen attacked the Asasey hotel in the southern Somali port of Kismayo on Friday evening, officials said.

Security forces ended the siege after about 14 hours, killing four attackers. Fifty-six people were wounded. Al Shabaab claimed the attack.""",
    [("suicide_bombing", "2019-07-12", "SO", "Kismayo", "al-Shabaab", 26, 56)],
)

A(
    "af-kaaj-2022",
    "2022-09-30T12:00:00Z",
    "Wikipedia: 2022 Kabul school bombing",
    "Suicide bomber strikes Kabul education centre",
    """A suicide bomber blew himself up at an education centre in a Hazara neighbourhood of western Kabul on Friday as hundreds of students were sitting a practice university entrance exam, killing 19 people and wounding 27, police said.

Most of the victims at the Kaaj centre in Dasht-e-Barchi were young women. No group immediately claimed the attack.""",
    [("suicide_bombing", "2022-09-30", "AF", "Kabul", None, 19, 27)],
)

A(
    "af-school-2021",
    "2021-05-09T09:00:00Z",
    "Wikipedia: 2021 Kabul school bombing",
    "Blasts outside Kabul girls' school kill 50",
    """A car bomb and two further explosions outside a girls' school in the west of Kabul on Saturday killed at least 50 people, most of them students, and wounded more than 100, Afghan officials said.

The blasts struck the Sayed ul-Shuhada school in the Dasht-e-Barchi area as pupils were leaving. The government blamed the Taliban, who denied involvement.""",
    [("bombing", "2021-05-08", "AF", "Kabul", "Taliban", 50, 100)],
)

A(
    "pk-quetta-station-2024",
    "2024-11-09T12:00:00Z",
    "Wikipedia: 2024 Quetta railway station bombing",
    "Suicide bombing at Quetta railway station kills 26",
    """A suicide bomber blew himself up at the main railway station in Quetta in south-western Pakistan on Saturday morning, killing at least 26 people, including soldiers, and wounding 62, officials said.

The blast hit the platform as passengers waited for a train to Peshawar. The separatist Baloch Liberation Army claimed responsibility, saying it targeted army personnel.""",
    [("suicide_bombing", "2024-11-09", "PK", "Quetta", "Balochistan Liberation Army", 26, 62)],
)

A(
    "sd-khartoum-market-2023",
    "2023-09-10T18:00:00Z",
    "Wikipedia: War in Sudan (2023–present)",
    "Drone strike on Khartoum market kills 40",
    """At least 40 people were killed on Sunday when a drone struck an open-air market in the south of the Sudanese capital, Khartoum, activists said.

The local resistance committee said the strike hit the Gouro market in the May neighbourhood, an area controlled by the paramilitary Rapid Support Forces. The army, which uses drones and warplanes in its fight against the RSF, denied targeting civilians.""",
    [("drone_attack", "2023-09-10", "SD", "Khartoum", None, 40, None)],
)

A(
    "so-mogadishu-hotel-2024",
    "2024-03-15T10:00:00Z",
    "Wikipedia: 2024 SYL Hotel attack",
    "Al Shabaab gunmen storm hotel near Somali presidency",
    """Al Shabaab fighters stormed the SYL hotel near the presidential palace in Mogadishu on Thursday evening, setting off explosions and battling security forces for more than 13 hours, police said.

Three soldiers were killed and 27 people were wounded. All five attackers were killed, police said.""",
    [("armed_assault", "2024-03-14", "SO", "Mogadishu", "al-Shabaab", 3, 27)],
)

A(
    "ml-bamako-2024",
    "2024-09-18T08:00:00Z",
    "Wikipedia: 2024 Bamako attacks",
    "Jihadists attack military school and airport in Bamako",
    """Militants linked to al Qaeda attacked a military police training school and the military part of the airport in Mali's capital Bamako early on Tuesday, setting a presidential plane on fire, the army and witnesses said.

The army said the situation was under control but did not give a toll; security sources said dozens of gendarme students were killed. Jama'at Nusrat al-Islam wal-Muslimin claimed responsibility.""",
    [
        (
            "armed_assault",
            "2024-09-17",
            "ML",
            "Bamako",
            "Jama'at Nusrat al-Islam wal-Muslimin",
            24,
            None,
        )
    ],
)

A(
    "ps-jenin-drone-2023",
    "2023-07-03T08:00:00Z",
    "Wikipedia: July 2023 Jenin incursion",
    "Israel launches drone strikes and raid on Jenin",
    """Israel carried out drone strikes on the Jenin refugee camp in the occupied West Bank early on Monday and sent in hundreds of troops, in its biggest operation in the territory in two decades.

The Palestinian health ministry said eight Palestinians were killed and 50 wounded. The Israeli military said it had struck a joint operations centre used by militant groups.""",
    [("drone_attack", "2023-07-03", "PS", "Jenin", "Israel", 8, 50)],
)

A(
    "iq-ashraf-mortar-2013",
    "2013-09-01T16:00:00Z",
    "Wikipedia: Camp Ashraf",
    "Dozens of Iranian exiles killed at Iraq camp",
    """Gunmen attacked Camp Ashraf in Iraq's Diyala province on Sunday, killing dozens of members of the exiled Iranian opposition group People's Mojahedin Organisation, the group said.

Iraqi officials said the camp first came under mortar fire before gunmen moved in. The group said 52 of its members were killed.""",
    [("armed_assault", "2013-09-01", "IQ", "Camp Ashraf", None, 52, None)],
)
