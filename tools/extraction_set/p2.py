from common import A

A(
    "de-berlin-2016",
    "2016-12-20T08:00:00Z",
    "Wikipedia: 2016 Berlin truck attack",
    "Truck rams Berlin Christmas market",
    """A truck ploughed into a crowded Christmas market next to the Kaiser Wilhelm Memorial Church in west Berlin on Monday evening, killing 12 people and injuring 48, police said.

The black Scania lorry careered through wooden stalls selling mulled wine and sausages on Breitscheidplatz. A Polish man was found dead in the passenger seat. Police said they were treating it as a likely terrorist attack; Islamic State later said one of its "soldiers" carried it out.""",
    [("vehicle_ramming", "2016-12-19", "DE", "Berlin", "Islamic State", 12, 48)],
)

A(
    "at-vienna-2020",
    "2020-11-03T07:00:00Z",
    "Wikipedia: 2020 Vienna attack",
    "Gunman kills four in Vienna's old town",
    """A gunman sympathetic to Islamic State opened fire at six locations in central Vienna on Monday evening, killing four people and wounding 22 before police shot him dead, Austrian authorities said.

The attack began near a synagogue on Seitenstettengasse, hours before a nationwide coronavirus lockdown took effect, while bars and restaurants were full. Interior Minister Karl Nehammer said the 20-year-old attacker had been convicted in 2019 of trying to join the group in Syria.""",
    [("shooting", "2020-11-02", "AT", "Vienna", None, 4, 22)],
)

A(
    "de-hanau-2020",
    "2020-02-20T09:00:00Z",
    "Wikipedia: Hanau shootings",
    "Nine killed in shootings at shisha bars near Frankfurt",
    """A gunman killed nine people at two shisha bars in the German city of Hanau late on Wednesday before apparently killing his mother and himself at his home, prosecutors said.

Five people were wounded. Federal prosecutors took over the case, saying the suspect, a 43-year-old German, had posted a video and a manifesto with far-right, racist views.""",
    [("shooting", "2020-02-19", "DE", "Hanau", None, 9, 5)],
)

A(
    "es-barcelona-2017",
    "2017-08-18T06:00:00Z",
    "Wikipedia: 2017 Barcelona attacks",
    "Van ploughs into crowds on Barcelona's Las Ramblas",
    """A van sped into crowds on Barcelona's famous Las Ramblas boulevard on Thursday afternoon, killing 13 people and injuring about 100, in what Spanish authorities called a terrorist attack.

The driver zigzagged down the pedestrian promenade for some 500 metres before abandoning the vehicle and fleeing on foot. Islamic State said the attack was carried out by its followers.""",
    [("vehicle_ramming", "2017-08-17", "ES", "Barcelona", "Islamic State", 13, 100)],
)

A(
    "gb-westminster-2017",
    "2017-03-23T07:00:00Z",
    "Wikipedia: 2017 Westminster attack",
    "Four dead after attack outside UK parliament",
    """A man drove a car into pedestrians on Westminster Bridge and then stabbed a police officer to death at the gates of parliament on Wednesday, London police said, in an attack that left four people dead, including the assailant.

About 40 people were injured. Police shot the attacker in the grounds of the Palace of Westminster. Prime Minister Theresa May called it a "sick and depraved terrorist attack".""",
    [("vehicle_ramming", "2017-03-22", "GB", "London", None, 4, 40)],
)

A(
    "gb-londonbridge-2017",
    "2017-06-04T08:00:00Z",
    "Wikipedia: 2017 London Bridge attack",
    "Seven killed in London Bridge van and knife attack",
    """Three attackers drove a van into pedestrians on London Bridge late on Saturday and then stabbed people in bars and restaurants around Borough Market, killing seven and wounding 48, police said.

Armed officers shot dead all three men within eight minutes of the first emergency call. The men had worn fake explosive vests.""",
    [("vehicle_ramming", "2017-06-03", "GB", "London", None, 7, 48)],
)

A(
    "de-halle-2019",
    "2019-10-09T18:00:00Z",
    "Wikipedia: Halle synagogue shooting",
    "Two killed in shooting near synagogue in Halle",
    """A heavily armed gunman killed two people in the eastern German city of Halle on Wednesday after failing to force his way into a synagogue where some 50 worshippers were marking Yom Kippur.

The attacker shot a woman in the street outside and a man at a nearby kebab shop, and wounded two others as he fled. He live-streamed the attack. Police arrested a 27-year-old German man.""",
    [("shooting", "2019-10-09", "DE", "Halle", None, 2, 2)],
)

A(
    "us-pittsburgh-2018",
    "2018-10-28T06:00:00Z",
    "Wikipedia: Pittsburgh synagogue shooting",
    "Gunman kills 11 at Pittsburgh synagogue",
    """A gunman shouting anti-Semitic slurs opened fire during Sabbath services at the Tree of Life synagogue in Pittsburgh on Saturday, killing 11 worshippers and wounding six people, including four police officers, authorities said.

The suspect, a 46-year-old man, surrendered after a shootout with police. It was the deadliest attack on Jews in U.S. history.""",
    [("shooting", "2018-10-27", "US", "Pittsburgh", None, 11, 6)],
)

A(
    "be-brussels-2023",
    "2023-10-17T07:00:00Z",
    "Wikipedia: 2023 Brussels shooting",
    "Two Swedes shot dead in Brussels before football match",
    """A gunman shot dead two Swedish football fans in central Brussels on Monday evening, hours before Belgium played Sweden in a Euro 2024 qualifier, and wounded a third man, Belgian authorities said.

The match at the King Baudouin Stadium was abandoned at half-time and 35,000 fans were kept inside for their safety. The suspect, a Tunisian man who had posted a video claiming allegiance to Islamic State, was shot by police in a cafe in Schaerbeek the next morning.""",
    [("shooting", "2023-10-16", "BE", "Brussels", None, 2, 1)],
)

A(
    "be-brussels-2016",
    "2016-03-22T18:00:00Z",
    "Wikipedia: 2016 Brussels bombings",
    "Blasts at Brussels airport and metro kill 31",
    """Two suicide bombers blew themselves up in the departures hall of Brussels Zaventem airport on Tuesday morning, and about an hour later a third explosion tore through a metro carriage at Maelbeek station near the European Union institutions.

At least 31 people were killed and about 270 wounded, Belgian officials said. Islamic State claimed responsibility through its Amaq news agency.""",
    [("suicide_bombing", "2016-03-22", "BE", "Brussels Airport", "Islamic State", 31, 270)],
)

A(
    "ru-stpete-2017",
    "2017-04-04T06:00:00Z",
    "Wikipedia: 2017 Saint Petersburg Metro bombing",
    "Bomb on St Petersburg metro kills 14",
    """An explosion tore through a train carriage on the St Petersburg metro on Monday afternoon, killing 14 people and injuring around 50, Russian officials said.

The blast hit a train between Sennaya Ploshchad and Tekhnologichesky Institut stations. Investigators said the suspected bomber was a Russian citizen born in Kyrgyzstan. A second, larger bomb was found and defused at another station.""",
    [("bombing", "2017-04-03", "RU", "Saint Petersburg", None, 14, 50)],
)

A(
    "ru-crocus-2024",
    "2024-03-23T06:00:00Z",
    "Wikipedia: Crocus City Hall attack",
    "Gunmen attack concert hall near Moscow",
    """Gunmen in camouflage burst into the Crocus City Hall concert venue on the western edge of Moscow on Friday evening, firing automatic weapons at the crowd and setting the building ablaze, killing at least 60 people and wounding more than 100.

The attack in Krasnogorsk came shortly before a performance by the rock band Picnic. Islamic State claimed responsibility in a statement posted by its Amaq agency. Russia's FSB said 11 people had been detained, including four directly involved.""",
    [("armed_assault", "2024-03-22", "RU", "Krasnogorsk", "Islamic State", 60, 100)],
)

A(
    "us-parkland-2018",
    "2018-02-15T06:00:00Z",
    "Wikipedia: Parkland high school shooting",
    "Seventeen killed in Florida school shooting",
    """A former student armed with an AR-15 style rifle opened fire at Marjory Stoneman Douglas High School in Parkland, Florida, on Wednesday, killing 17 people, authorities said.

The 19-year-old, who had been expelled from the school, pulled a fire alarm before shooting students and staff in the hallways. More than a dozen people were hospitalised. He was arrested about an hour later in a nearby town.""",
    [("shooting", "2018-02-14", "US", "Parkland", None, 17, None)],
)

A(
    "us-lasvegas-2017",
    "2017-10-02T14:00:00Z",
    "Wikipedia: 2017 Las Vegas shooting",
    "Las Vegas gunman kills 58 at country music festival",
    """A gunman firing from the 32nd floor of the Mandalay Bay hotel in Las Vegas killed 58 people and wounded more than 500 at an outdoor country music festival on Sunday night, the deadliest mass shooting in modern U.S. history.

Police said the 64-year-old shooter, a retired accountant from Mesquite, Nevada, killed himself before officers stormed his suite, where they found 23 guns.""",
    [("shooting", "2017-10-01", "US", "Las Vegas", None, 58, 500)],
)

A(
    "us-uvalde-2022",
    "2022-05-25T06:00:00Z",
    "Wikipedia: Robb Elementary School shooting",
    "Gunman kills 19 children and two teachers in Texas school",
    """An 18-year-old gunman killed 19 children and two teachers at Robb Elementary School in Uvalde, Texas, on Tuesday, in the deadliest school shooting in the United States in nearly a decade.

The attacker, who had shot his grandmother earlier, was killed by Border Patrol agents after barricading himself inside a classroom, officials said.""",
    [("shooting", "2022-05-24", "US", "Uvalde", None, 21, None)],
)

A(
    "us-elpaso-2019",
    "2019-08-04T08:00:00Z",
    "Wikipedia: 2019 El Paso shooting",
    "Twenty killed in El Paso Walmart shooting",
    """A gunman opened fire in a crowded Walmart store in El Paso, Texas, on Saturday morning, killing 20 people and wounding 26 others, officials said.

Police arrested a 21-year-old white man from a Dallas suburb. Authorities were examining an anti-immigrant manifesto posted online shortly before the attack and said they were treating it as possible domestic terrorism.""",
    [("shooting", "2019-08-03", "US", "El Paso", None, 20, 26)],
)

A(
    "us-orlando-2016",
    "2016-06-12T20:00:00Z",
    "Wikipedia: Pulse nightclub shooting",
    "Orlando nightclub shooting leaves 50 dead",
    """A gunman who pledged allegiance to Islamic State in a call to emergency services killed 49 people and wounded 53 at the Pulse gay nightclub in Orlando early on Sunday, before police killed him in a shootout.

The attack lasted about three hours. Officers breached a wall of the club with an armoured vehicle to free hostages held in a bathroom.""",
    [("shooting", "2016-06-12", "US", "Orlando", None, 49, 53)],
)

A(
    "us-butler-2024",
    "2024-07-14T08:00:00Z",
    "Wikipedia: Attempted assassination of Donald Trump in Pennsylvania",
    "Trump wounded at rally, spectator killed",
    """A gunman opened fire on a Donald Trump campaign rally near Butler, Pennsylvania, on Saturday, grazing the former president's right ear, killing one spectator and critically injuring two others, authorities said.

The shooter, a 20-year-old man from Bethel Park, fired from the roof of a building outside the security perimeter and was killed by a Secret Service counter-sniper.""",
    [("shooting", "2024-07-13", "US", "Butler", None, 1, 2)],
)

A(
    "sk-fico-2024",
    "2024-05-15T17:00:00Z",
    "Wikipedia: Attempted assassination of Robert Fico",
    "Slovak prime minister Fico shot and wounded",
    """Slovak Prime Minister Robert Fico was shot several times and seriously wounded on Wednesday after a government meeting in the town of Handlova, officials said.

A 71-year-old man fired at Fico as he greeted supporters outside the local cultural centre and was detained at the scene. Fico was flown by helicopter to a hospital in Banska Bystrica, where he underwent surgery.""",
    [("shooting", "2024-05-15", "SK", "Handlova", None, 0, 1)],
)

A(
    "jp-abe-2022",
    "2022-07-08T10:00:00Z",
    "Wikipedia: Assassination of Shinzo Abe",
    "Former Japanese PM Shinzo Abe shot dead in Nara",
    """Former Japanese Prime Minister Shinzo Abe died after being shot while giving a campaign speech in the western city of Nara on Friday, in an attack that stunned a country with some of the world's strictest gun laws.

A 41-year-old man fired a homemade gun at Abe from behind outside Yamato-Saidaiji station and was tackled by security officers. Abe was airlifted to hospital but was pronounced dead hours later.""",
    [("shooting", "2022-07-08", "JP", "Nara", None, 1, None)],
)

A(
    "ca-quebec-2017",
    "2017-01-30T10:00:00Z",
    "Wikipedia: Quebec City mosque shooting",
    "Six killed in shooting at Quebec City mosque",
    """A gunman opened fire during evening prayers at a mosque in Quebec City on Sunday, killing six men and wounding 19 other people, police said.

Prime Minister Justin Trudeau called it a terrorist attack on Muslims. A 27-year-old university student was charged with six counts of murder.""",
    [("shooting", "2017-01-29", "CA", "Quebec City", None, 6, 19)],
)

A(
    "se-stockholm-2017",
    "2017-04-08T07:00:00Z",
    "Wikipedia: 2017 Stockholm truck attack",
    "Hijacked truck driven into Stockholm shoppers",
    """A hijacked beer truck was driven into shoppers on Stockholm's busiest pedestrian street, Drottninggatan, on Friday afternoon before smashing into the Ahlens department store, killing four people and injuring 15, Swedish police said.

Police arrested a 39-year-old man from Uzbekistan later that evening.""",
    [("vehicle_ramming", "2017-04-07", "SE", "Stockholm", None, 4, 15)],
)

A(
    "nl-utrecht-2019",
    "2019-03-18T18:00:00Z",
    "Wikipedia: Utrecht tram shooting",
    "Three dead in Utrecht tram shooting",
    """A gunman opened fire on a tram in the Dutch city of Utrecht on Monday morning, killing three people and wounding five, police said.

Police arrested a 37-year-old man born in Turkey after a manhunt of several hours. The city raised its threat level to the highest and schools were told to keep children inside.""",
    [("shooting", "2019-03-18", "NL", "Utrecht", None, 3, 5)],
)

A(
    "dk-copenhagen-2015",
    "2015-02-15T09:00:00Z",
    "Wikipedia: 2015 Copenhagen shootings",
    "Gunman kills two in Copenhagen attacks",
    """A gunman killed a film director at a free speech event in Copenhagen on Saturday afternoon and then shot dead a Jewish security guard outside the city's main synagogue after midnight, Danish police said.

Five police officers were wounded in the two attacks. Police shot dead a 22-year-old man they believe carried out both shootings near a train station in the Norrebro district early on Sunday.""",
    [("shooting", "2015-02-14", "DK", "Copenhagen", None, 2, 5)],
)

A(
    "it-macerata-2018",
    "2018-02-04T09:00:00Z",
    "Wikipedia: 2018 Macerata shooting",
    "Gunman shoots six African migrants in Italian town",
    """A man fired shots from his car at African migrants in the central Italian town of Macerata on Saturday, wounding six people, before being arrested with an Italian flag draped around his shoulders.

The 28-year-old, a former local election candidate for the anti-immigrant League, drove around the town for two hours, police said. No one was killed.""",
    [("shooting", "2018-02-03", "IT", "Macerata", None, 0, 6)],
)

A(
    "rs-belgrade-2023",
    "2023-05-03T16:00:00Z",
    "Wikipedia: Belgrade school shooting",
    "Teenager kills eight pupils and guard at Belgrade school",
    """A 13-year-old boy opened fire at his primary school in central Belgrade on Wednesday morning, killing eight children and a security guard and wounding six pupils and a teacher, Serbian police said.

The boy took his father's guns to the Vladislav Ribnikar school and called police himself after the shooting. It was the first mass school shooting in Serbia's modern history.""",
    [("shooting", "2023-05-03", "RS", "Belgrade", None, 9, 7)],
)

A(
    "cz-prague-2023",
    "2023-12-22T07:00:00Z",
    "Wikipedia: 2023 Prague shooting",
    "Student kills 14 at Prague university",
    """A 24-year-old student opened fire in a building of Charles University's arts faculty in central Prague on Thursday, killing 14 people and wounding 25 before killing himself, Czech police said.

It was the deadliest mass shooting in the country's history. Police said the gunman, who was studying history, was also suspected of killing his father earlier that day.""",
    [("shooting", "2023-12-21", "CZ", "Prague", None, 14, 25)],
)
