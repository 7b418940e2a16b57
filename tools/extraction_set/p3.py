from common import A

A(
    "ua-kramatorsk-2022",
    "2022-04-08T15:00:00Z",
    "Wikipedia: Kramatorsk railway station attack",
    "Missile strike on Kramatorsk railway station kills 50",
    """A missile struck the railway station in Kramatorsk in eastern Ukraine on Friday as thousands of civilians waited to be evacuated, killing at least 50 people, five of them children, and wounding 98, regional officials said.

The remains of a Tochka-U missile with the words "for the children" painted in Russian lay near the station. Russia's defence ministry denied it had fired at the station.""",
    [("missile_attack", "2022-04-08", "UA", "Kramatorsk", "Russia", 50, 98)],
)

A(
    "ua-vinnytsia-2022",
    "2022-07-14T17:00:00Z",
    "Wikipedia: 2022 Vinnytsia missile strike",
    "Russian cruise missiles hit central Vinnytsia",
    """Russian cruise missiles struck the centre of Vinnytsia, a city in west-central Ukraine far from the front line, on Thursday, killing at least 23 people, including three children, Ukrainian officials said.

Ukraine's national police said more than 100 people were wounded. The missiles, which Ukraine said were Kalibr fired from a submarine in the Black Sea, hit an office building and a concert hall.""",
    [("missile_attack", "2022-07-14", "UA", "Vinnytsia", "Russia", 23, 100)],
)

A(
    "ua-dnipro-2023",
    "2023-01-18T09:00:00Z",
    "Wikipedia: 2023 Dnipro residential building airstrike",
    "Rescuers end search at Dnipro apartment block",
    """Rescuers in Dnipro ended their search of a nine-storey apartment block on Tuesday after a Russian missile strike on Saturday that killed 45 people, among them six children, Ukrainian officials said.

Seventy-nine people were injured in the strike by a Kh-22 anti-ship missile, the deadliest single attack on civilians since the autumn. Twenty people remain missing.""",
    [("missile_attack", "2023-01-14", "UA", "Dnipro", "Russia", 45, 79)],
)

A(
    "ua-kramatorsk-pizza-2023",
    "2023-06-28T10:00:00Z",
    "Wikipedia: June 2023 Kramatorsk missile strike",
    "Missile strike on Kramatorsk restaurant kills 10",
    """A Russian missile struck a popular pizza restaurant in the centre of Kramatorsk on Tuesday evening, killing 10 people, including three children, and wounding 61, Ukrainian officials said on Wednesday.

The Ria Pizza restaurant was packed with soldiers, aid workers and journalists. The Ukrainian security service said it had detained a man suspected of helping to guide the Iskander strike.""",
    [("missile_attack", "2023-06-27", "UA", "Kramatorsk", "Russia", 10, 61)],
)

A(
    "ua-mariupol-theatre-2022",
    "2022-03-25T12:00:00Z",
    "Wikipedia: Mariupol theatre airstrike",
    "About 300 feared dead in Mariupol theatre bombing",
    """About 300 people are believed to have died in the Russian air strike on the Mariupol drama theatre last week, the city council said on Friday, citing eyewitnesses.

Hundreds of civilians, including many children, had been sheltering in the building, which had the word "children" painted in giant letters on the ground outside. The theatre was hit on March 16.""",
    [("air_strike", "2022-03-16", "UA", "Mariupol", "Russia", 300, None)],
)

A(
    "ua-kyiv-drones-2022",
    "2022-10-17T15:00:00Z",
    "Wikipedia: October 2022 missile strikes on Ukraine",
    "Kamikaze drones hit Kyiv during morning rush hour",
    """Russia attacked Kyiv with Iranian-made kamikaze drones on Monday morning, hitting a residential building and killing four people, including a young couple expecting a baby, Ukrainian officials said.

The Shahed drones also struck energy infrastructure, President Volodymyr Zelensky said. Blasts echoed across the capital as police fired rifles at drones flying overhead.""",
    [("drone_attack", "2022-10-17", "UA", "Kyiv", "Russia", 4, None)],
)

A(
    "ua-mariupol-grad-2015",
    "2015-01-24T18:00:00Z",
    "Wikipedia: 2015 Mariupol rocket attack",
    "Rocket barrage on Mariupol kills 30",
    """Rockets fired from Grad launchers slammed into a residential district of the Ukrainian port city of Mariupol on Saturday, killing at least 30 people and wounding 102, local officials said.

The barrage hit the eastern Vostochny neighbourhood, including a market and apartment blocks. Monitors from the OSCE said the rockets were fired from territory controlled by pro-Russian separatists, whose leader had announced an offensive on the city.""",
    [("rocket_attack", "2015-01-24", "UA", "Mariupol", "Donetsk People's Republic", 30, 102)],
)

A(
    "ua-donetsk-market-2024",
    "2024-01-21T14:00:00Z",
    "Wikipedia: 2024 Donetsk market attack",
    "Shelling of Donetsk market kills 27, Moscow-installed officials say",
    """Shelling of a market in the Russian-held city of Donetsk killed 27 people and wounded 25 on Sunday, the Moscow-installed head of the region, Denis Pushilin, said.

He blamed Ukrainian forces for the attack on the Tekstilshchik market in the city's Kirovskyi district. Ukraine's military did not comment. Reuters could not independently verify the accounts.""",
    [("shelling", "2024-01-21", "UA", "Donetsk", "Ukraine", 27, 25)],
)

A(
    "ru-belgorod-2023",
    "2023-12-31T08:00:00Z",
    "Wikipedia: 29 December 2023 Russian strikes on Ukraine; 2023 Belgorod shelling",
    "Strikes on Belgorod kill 24 after Russia's biggest air attack on Ukraine",
    """Ukrainian rockets struck the centre of the Russian city of Belgorod on Saturday, killing 24 people, four of them children, and injuring 108, Russian officials said. Moscow's defence ministry said most of the rockets were shot down but that cluster munitions fell on a skating rink and shops.

The strike came a day after Russia fired 122 missiles and dozens of drones at cities across Ukraine in the largest air attack of the war, killing at least 39 civilians and wounding about 160, according to Ukrainian officials.

President Vladimir Putin's spokesman said the attack on Belgorod would not go unpunished.""",
    [
        ("rocket_attack", "2023-12-30", "RU", "Belgorod", "Ukraine", 24, 108),
        ("missile_attack", "2023-12-29", "UA", None, "Russia", 39, 160),
    ],
)

A(
    "ru-kremlin-drones-2023",
    "2023-05-03T13:00:00Z",
    "Wikipedia: 2023 Kremlin drone attack",
    "Russia says it downed two drones over the Kremlin",
    """Russia said on Wednesday that two drones were sent overnight to attack the Kremlin in an attempt on President Vladimir Putin's life, and that they were disabled by electronic defences before they could do harm.

Putin was not in the Kremlin at the time and was unhurt, his spokesman said. No one was injured, and debris fell on the grounds of the fortress in central Moscow. Kyiv denied any involvement.""",
    [("drone_attack", "2023-05-03", "RU", "Moscow", "Ukraine", 0, 0)],
)

A(
    "az-ganja-2020",
    "2020-10-17T09:00:00Z",
    "Wikipedia: October 2020 Ganja missile attacks",
    "Missile strike on Azerbaijan's Ganja kills 13",
    """A missile struck a residential area of Ganja, Azerbaijan's second-largest city, overnight, killing 13 civilians and wounding more than 50, Azerbaijani officials said on Saturday, as fighting over Nagorno-Karabakh continued despite a truce.

Azerbaijan blamed Armenian forces for the strike, which destroyed several homes. Armenia's defence ministry denied firing at the city.""",
    [("missile_attack", "2020-10-17", "AZ", "Ganja", "Armenia", 13, 50)],
)

A(
    "iq-baghdad-2021",
    "2021-01-21T15:00:00Z",
    "Wikipedia: January 2021 Baghdad bombings",
    "Twin suicide bombings at Baghdad market kill 32",
    """Two suicide bombers blew themselves up at a crowded outdoor clothing market in central Baghdad on Thursday, killing 32 people and wounding 110, Iraq's health ministry said.

The first attacker, who had complained of feeling ill, drew a crowd at Tayaran Square before detonating his vest; the second struck as people gathered to help. Islamic State claimed the attack, the first major suicide bombing in the capital in three years.""",
    [("suicide_bombing", "2021-01-21", "IQ", "Baghdad", "Islamic State", 32, 110)],
)

A(
    "iq-karrada-2016",
    "2016-07-03T12:00:00Z",
    "Wikipedia: 2016 Karrada bombing",
    "Suicide truck bomb in Baghdad shopping district kills 125",
    """A suicide bomber driving a refrigerated truck packed with explosives struck a busy shopping street in Baghdad's Karrada district early on Sunday, killing at least 125 people, officials said.

Families were out shopping after breaking the Ramadan fast when the blast set shops and a mall ablaze. At least 147 people were wounded. Islamic State claimed the attack.""",
    [("suicide_bombing", "2016-07-03", "IQ", "Baghdad", "Islamic State", 125, 147)],
)

A(
    "iq-erbil-2022",
    "2022-03-13T12:00:00Z",
    "Wikipedia: 2022 Erbil missile attack",
    "Iran's Guards claim missile barrage on Erbil",
    """A dozen ballistic missiles struck near the U.S. consulate in Erbil, the capital of Iraq's Kurdistan region, early on Sunday, Kurdish officials said. One civilian was hurt and there were no deaths.

Iran's Revolutionary Guards said they had targeted an Israeli "strategic centre" in the city. The missiles damaged a television station and houses nearby.""",
    [("missile_attack", "2022-03-13", "IQ", "Erbil", "Islamic Revolutionary Guard Corps", 0, 1)],
)

A(
    "iq-soleimani-2020",
    "2020-01-03T10:00:00Z",
    "Wikipedia: Assassination of Qasem Soleimani",
    "U.S. strike kills Iran's Soleimani at Baghdad airport",
    """A U.S. drone strike killed Iran's most powerful military commander, Qassem Soleimani, at Baghdad International Airport early on Friday, the Pentagon said, a dramatic escalation in tensions between Washington and Tehran.

The strike hit a convoy leaving the airport, killing ten people in all, including the Iraqi militia leader Abu Mahdi al-Muhandis, Iraqi officials said. Iran's supreme leader vowed "harsh revenge".""",
    [
        (
            "drone_attack",
            "2020-01-03",
            "IQ",
            "Baghdad International Airport",
            "U.S. forces",
            10,
            None,
        )
    ],
)

A(
    "iq-k1-kh-2019",
    "2019-12-30T07:00:00Z",
    "Wikipedia: 2019 K-1 Air Base attack; December 2019 United States strikes in Iraq and Syria",
    "U.S. strikes Iran-backed militia after contractor killed",
    """The United States carried out air strikes on Sunday against five facilities of the Iran-backed Kataib Hezbollah militia in Iraq and Syria, killing at least 25 fighters and wounding 55, militia and security sources said.

The Pentagon said the strikes were in response to a rocket attack on Friday on the K-1 military base near Kirkuk that killed an American civilian contractor and wounded four U.S. service members and two Iraqi troops. More than 30 rockets hit the base.""",
    [
        ("air_strike", "2019-12-29", "IQ", None, "U.S. forces", 25, 55),
        ("rocket_attack", "2019-12-27", "IQ", "K-1 Air Base", "Kataib Hezbollah", 1, 6),
    ],
)

A(
    "sy-khan-shaykhun-shayrat-2017",
    "2017-04-07T08:00:00Z",
    "Wikipedia: 2017 Shayrat missile strike; Khan Shaykhun chemical attack",
    "U.S. fires cruise missiles at Syrian air base",
    """The United States fired 59 Tomahawk cruise missiles at the Shayrat air base in Syria early on Friday in response to a chemical weapons attack that killed at least 86 people in a rebel-held town on Tuesday.

Syria's army said six people were killed at the base near Homs. Washington said the base was used to launch the warplanes that dropped sarin on Khan Sheikhoun in Idlib province, where the victims included many children.""",
    [
        ("missile_attack", "2017-04-07", "SY", "Shayrat Air Base", "U.S. forces", 6, None),
        ("air_strike", "2017-04-04", "SY", "Khan Sheikhoun", "Syrian government", 86, None),
    ],
)

A(
    "sy-damascus-consulate-2024",
    "2024-04-01T19:00:00Z",
    "Wikipedia: 2024 Israeli strike on the Iranian consulate in Damascus",
    "Strike on Iran's consulate in Damascus kills Guards commanders",
    """An air strike destroyed the Iranian consulate building next to the embassy in Damascus on Monday, killing seven members of the Revolutionary Guards, among them senior commander Mohammad Reza Zahedi, Iran said.

Syria and Iran blamed Israel for the strike in the Mezzeh district. Israel did not comment. Tehran vowed a response.""",
    [("air_strike", "2024-04-01", "SY", "Damascus", "Israel", 7, None)],
)

A(
    "lb-arouri-2024",
    "2024-01-02T20:00:00Z",
    "Wikipedia: Assassination of Saleh al-Arouri",
    "Hamas deputy leader killed in Beirut strike",
    """Senior Hamas official Saleh al-Arouri was killed in a drone strike on an office in Beirut's southern suburbs on Tuesday, Lebanese security sources and Hamas said.

Seven people in all died in the blast in the Dahiyeh district, a Hezbollah stronghold. Lebanon's caretaker prime minister blamed Israel, which did not claim the strike.""",
    [("drone_attack", "2024-01-02", "LB", "Beirut", "Israel", 7, None)],
)

A(
    "lb-pagers-2024",
    "2024-09-18T06:00:00Z",
    "Wikipedia: 2024 Lebanon pager explosions",
    "Pagers explode across Lebanon, wounding thousands",
    """Pagers used by members of Hezbollah exploded almost simultaneously across Lebanon on Tuesday afternoon, killing at least nine people, including an eight-year-old girl, and wounding about 2,800, Lebanese officials said.

Hezbollah blamed Israel for the attack, which hit its fighters and medics in Beirut's southern suburbs, the south and the Bekaa valley. The Israeli military declined to comment.""",
    [("bombing", "2024-09-17", "LB", None, "Israel", 9, 2800)],
)

A(
    "il-gaza-oct7-2023",
    "2023-10-08T04:00:00Z",
    "Wikipedia: 7 October attacks; October 2023 Gaza airstrikes",
    "Hamas attack on Israel, Israeli strikes on Gaza",
    """Hamas gunmen broke through the fence around the Gaza Strip on Saturday and rampaged through Israeli towns and kibbutzim under cover of thousands of rockets, killing at least 250 people and wounding more than 1,500, Israeli officials said. Gunmen took hostages back into Gaza.

Israel responded with air strikes across Gaza that killed at least 232 Palestinians, the territory's health ministry said, and Prime Minister Benjamin Netanyahu said the country was at war.""",
    [
        ("armed_assault", "2023-10-07", "IL", None, "Hamas", 250, 1500),
        ("air_strike", "2023-10-07", "PS", "Gaza", "Israel", 232, None),
    ],
)

A(
    "il-jerusalem-gaza-2021",
    "2021-05-11T06:00:00Z",
    "Wikipedia: 2021 Israel–Palestine crisis",
    "Hamas fires rockets at Jerusalem; Israeli strikes kill 20 in Gaza",
    """Hamas fired rockets towards Jerusalem on Monday evening after days of clashes at the Al-Aqsa mosque compound, sounding air raid sirens across the city for the first time in years. One rocket hit a house outside Jerusalem and caused light injuries.

Israel retaliated with air strikes on the Gaza Strip that killed 20 people, including nine children, the Gaza health ministry said. The Israeli military said it had killed at least three Hamas militants.""",
    [
        ("rocket_attack", "2021-05-10", "IL", "Jerusalem", "Hamas", None, None),
        ("air_strike", "2021-05-10", "PS", "Gaza", "Israel", 20, None),
    ],
)

A(
    "il-jerusalem-busstop-2022",
    "2022-11-23T12:00:00Z",
    "Wikipedia: November 2022 Jerusalem bombings",
    "Twin blasts at Jerusalem bus stops kill teenager",
    """Two explosions at bus stops at the entrances to Jerusalem on Wednesday morning killed a 16-year-old student and wounded 18 people, Israeli police and medics said.

The bombs, packed with nails, were hidden in bags and set off remotely about half an hour apart during the rush hour. Police said they suspected a Palestinian militant cell.""",
    [("bombing", "2022-11-23", "IL", "Jerusalem", None, 1, 18)],
)

A(
    "ps-tabiin-2024",
    "2024-08-10T12:00:00Z",
    "Wikipedia: Al-Tabi'in school attack",
    "Israeli strike on Gaza school shelter kills over 90, civil defence says",
    """An Israeli strike on a school sheltering displaced Palestinians in Gaza City during dawn prayers on Saturday killed more than 90 people, Gaza's civil defence agency said.

The Israeli military said it had struck a Hamas command centre inside the al-Tabi'in school compound and disputed the toll. Footage showed bodies wrapped in blankets in the courtyard.""",
    [("air_strike", "2024-08-10", "PS", "Gaza City", "Israel", 90, None)],
)

A(
    "il-iran-apr2024",
    "2024-04-14T09:00:00Z",
    "Wikipedia: April 2024 Iranian strikes against Israel",
    "Iran launches drones and missiles at Israel",
    """Iran launched more than 300 drones and missiles at Israel overnight in its first direct military attack on the country, the Israeli military said on Sunday. Nearly all were shot down by Israeli air defences with help from the United States, Britain and Jordan.

A seven-year-old Bedouin girl was seriously injured by shrapnel in the southern Negev region, and a military base sustained light damage. Iran said the attack was retaliation for the strike on its consulate in Damascus.""",
    [("missile_attack", "2024-04-14", "IL", "Negev", "Iran", None, 1)],
)

A(
    "il-iran-oct2024",
    "2024-10-02T06:00:00Z",
    "Wikipedia: October 2024 Iranian strikes against Israel",
    "Iran fires about 180 ballistic missiles at Israel",
    """Iran fired about 180 ballistic missiles at Israel on Tuesday evening, sending millions of people into bomb shelters, the Israeli military said. Most were intercepted, but some landed in central and southern Israel.

A Palestinian man was killed by falling debris in Jericho in the occupied West Bank. Iran's Revolutionary Guards said the barrage was in response to the killing of Hezbollah leader Hassan Nasrallah.""",
    [("missile_attack", "2024-10-01", "IL", None, "Islamic Revolutionary Guard Corps", 1, None)],
)

A(
    "ye-telaviv-hodeidah-2024",
    "2024-07-21T06:00:00Z",
    "Wikipedia: 2024 Tel Aviv drone attack; July 2024 Israeli strikes on Yemen",
    "Israel strikes Yemen's Hodeidah port after Houthi drone hits Tel Aviv",
    """Israeli warplanes struck the Houthi-held port of Hodeidah in Yemen on Saturday, setting fuel storage tanks ablaze and killing three people and wounding 87, the Houthi-run health ministry said.

The Israeli military said the strikes were a response to a drone attack on Tel Aviv on Friday, when a Houthi drone slammed into an apartment building near the U.S. embassy branch office, killing one man and injuring 10 people.""",
    [
        ("air_strike", "2024-07-20", "YE", "Hodeidah", "Israel", 3, 87),
        ("drone_attack", "2024-07-19", "IL", "Tel Aviv", "Houthis", 1, 10),
    ],
)

A(
    "ye-dahyan-2018",
    "2018-08-10T06:00:00Z",
    "Wikipedia: Dahyan air strike",
    "Air strike on school bus in Yemen kills children",
    """An air strike by the Saudi-led coalition hit a bus carrying schoolchildren at a market in Dahyan in northern Yemen on Thursday, killing dozens of people, most of them children, the International Committee of the Red Cross said.

A hospital supported by the ICRC in Saada received the bodies of 29 children, all under 15, and 48 wounded people. The coalition said the strike was a "legitimate military action" against those responsible for a missile attack on Saudi Arabia.""",
    [("air_strike", "2018-08-09", "YE", "Dahyan", "Saudi-led coalition", 29, 48)],
)

A(
    "ae-abudhabi-2022",
    "2022-01-17T15:00:00Z",
    "Wikipedia: 2022 Abu Dhabi attack",
    "Houthi drone attack on Abu Dhabi kills three",
    """Three fuel tankers exploded near an ADNOC storage facility in Abu Dhabi's Musaffah area on Monday and a fire broke out at a construction site at Abu Dhabi International Airport, in what police said was probably a drone attack.

Two Indian nationals and a Pakistani were killed and six people were injured, police said. Yemen's Houthi movement said it had launched drones and missiles at the United Arab Emirates.""",
    [("drone_attack", "2022-01-17", "AE", "Abu Dhabi", "Houthis", 3, 6)],
)
