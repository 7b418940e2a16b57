from common import N

N(
    "neg-lk-anniv-2024",
    "2024-04-21T10:00:00Z",
    "Wikipedia: 2019 Sri Lanka Easter bombings (aftermath)",
    "Sri Lanka marks five years since Easter Sunday bombings",
    """Church bells rang across Sri Lanka on Sunday as Catholics marked five years since the Easter Sunday suicide bombings that killed 269 people at churches and hotels.

Cardinal Malcolm Ranjith led a memorial service at St Anthony's Shrine in Colombo and repeated his call for a full investigation into intelligence failures before the 2019 attacks. Families of victims held candles and photographs outside the church.""",
)

N(
    "neg-us-911-20",
    "2021-09-11T18:00:00Z",
    "Wikipedia: September 11 attacks (20th anniversary)",
    "America marks 20 years since 9/11",
    """Relatives read aloud the names of the nearly 3,000 people killed on September 11, 2001, at a ceremony at the World Trade Center memorial in New York on Saturday, as the United States marked the 20th anniversary of the attacks.

President Joe Biden visited all three crash sites, in New York, Shanksville, Pennsylvania, and at the Pentagon. Moments of silence marked the times when hijacked planes struck the twin towers.""",
)

N(
    "neg-gb-arena-inquiry-2023",
    "2023-03-02T12:00:00Z",
    "Wikipedia: Manchester Arena Inquiry",
    "Manchester Arena inquiry finds MI5 missed chance to stop bomber",
    """MI5 missed a significant opportunity to take action that might have prevented the Manchester Arena bombing, the chairman of the public inquiry into the attack said on Thursday.

Sir John Saunders said the security service failed to act swiftly on two pieces of intelligence about the bomber in the months before the May 2017 attack, in which 22 people were killed. MI5's director general apologised to the families.""",
)

N(
    "neg-no-breivik-parole-2022",
    "2022-02-01T12:00:00Z",
    "Wikipedia: Anders Behring Breivik (parole hearing)",
    "Norwegian court denies Breivik parole",
    """A Norwegian court on Tuesday rejected a request for parole by Anders Behring Breivik, who killed 77 people in a bombing and shooting spree in 2011, saying he remained a danger to society.

The three judges said the mass killer had shown no sign of rehabilitation. Breivik gave a Nazi salute when he entered the makeshift courtroom at Skien prison last month.""",
)

N(
    "neg-nz-sentencing-2020",
    "2020-08-27T04:00:00Z",
    "Wikipedia: Christchurch mosque shootings (sentencing)",
    "Christchurch mosque gunman sentenced to life without parole",
    """The Australian white supremacist who shot dead 51 Muslim worshippers at two Christchurch mosques was sentenced on Thursday to life in prison without the possibility of parole, the first such sentence in New Zealand's history.

Justice Cameron Mander said the gunman's crimes were so wicked that a lifetime of imprisonment could not exhaust the requirements of punishment. Survivors and relatives had confronted him in court during a four-day hearing.""",
)

N(
    "neg-fr-abdeslam-2022",
    "2022-06-29T19:00:00Z",
    "Wikipedia: Salah Abdeslam (trial)",
    "Paris attacks survivor Abdeslam gets life sentence",
    """A Paris court convicted Salah Abdeslam on Wednesday of murder and terrorism offences over the November 2015 attacks on the Bataclan concert hall, bars and the national stadium, and sentenced him to life in prison.

He was the only surviving member of the Islamic State cell that killed 130 people. Nineteen other defendants were also convicted at the end of a ten-month trial.""",
)

N(
    "neg-us-tsarnaev-2022",
    "2022-03-04T17:00:00Z",
    "Wikipedia: Dzhokhar Tsarnaev",
    "Supreme Court reinstates Boston Marathon bomber's death sentence",
    """The U.S. Supreme Court on Friday reinstated the death sentence of Dzhokhar Tsarnaev for his role in the 2013 Boston Marathon bombing, which killed three people and injured hundreds.

The justices voted 6-3 to overturn an appeals court ruling that had thrown out the sentence over concerns about jury selection.""",
)

N(
    "neg-ir-vow-2024",
    "2024-07-31T15:00:00Z",
    "Wikipedia: Assassination of Ismail Haniyeh (reactions)",
    "Iran vows harsh punishment as tensions soar",
    """Iran's supreme leader Ayatollah Ali Khamenei vowed on Wednesday that Israel would face "harsh punishment", and Hezbollah's leader warned that the region had entered a new phase.

Diplomats in Washington and Doha urged restraint, warning that any retaliation could draw the United States deeper into a regional war. Oil prices jumped about 3% in Asian trade.""",
)

N(
    "neg-houthi-threat-2023",
    "2023-11-15T12:00:00Z",
    "Wikipedia: Houthi involvement in the Israel–Hamas war",
    "Houthi leader threatens ships in Red Sea",
    """The leader of Yemen's Houthi movement said on Tuesday his fighters would target Israeli ships in the Red Sea and the Bab el-Mandeb strait, and threatened to fire missiles at any vessel linked to Israel.

Abdul-Malik al-Houthi said in a televised speech that the group's forces were watching the waters closely. Shipping insurers said they were reviewing premiums for vessels crossing the area.""",
)

N(
    "neg-ua-ohchr-tally-2023",
    "2023-11-21T10:00:00Z",
    "OHCHR: Ukraine civilian casualties update, November 2023",
    "UN says more than 10,000 civilians killed in Ukraine war",
    """More than 10,000 civilians have been killed in Ukraine since Russia's full-scale invasion began in February 2022, the UN human rights monitoring mission said on Tuesday, adding that the real figure is likely significantly higher.

About half of the deaths in the past three months occurred far behind the front line, caused by long-range missiles and loitering munitions. The mission said it had verified 18,500 civilians injured in total.""",
)

N(
    "neg-ps-toll-2024",
    "2024-08-15T12:00:00Z",
    "Gaza Health Ministry figures, August 2024",
    "Gaza death toll passes 40,000, health ministry says",
    """The number of Palestinians killed in Gaza since the war began in October passed 40,000 on Thursday, the territory's health ministry said, with more than 92,000 wounded.

The ministry does not distinguish between civilians and combatants. Mediators meeting in Doha said they hoped to close gaps on a ceasefire and hostage release deal.""",
)

N(
    "neg-gti-2024",
    "2024-02-29T09:00:00Z",
    "Institute for Economics and Peace: Global Terrorism Index 2024",
    "Terrorism deaths rise to highest level since 2017, index says",
    """Deaths from terrorism rose by 22% last year to 8,352, the highest level since 2017, the Global Terrorism Index said on Thursday, even as the number of incidents fell.

Burkina Faso was the country most affected for the first time, followed by Israel, Mali and Pakistan. The central Sahel now accounts for more than half of all deaths from terrorism, the report said, with Islamic State and its affiliates the deadliest group.""",
)

N(
    "neg-sahel-acled-2023",
    "2023-07-20T09:00:00Z",
    "ACLED: Sahel mid-year update 2023",
    "Violence against civilians surges in Sahel, monitor says",
    """Militant attacks on civilians in Burkina Faso, Mali and Niger rose sharply in the first half of the year, the Armed Conflict Location and Event Data Project said in a report on Thursday.

The monitor recorded more than 2,700 fatalities from political violence in Burkina Faso alone in the six months to June. Analysts said the withdrawal of French forces had left large rural areas without protection.""",
)

N(
    "neg-lb-port-2020",
    "2020-08-05T09:00:00Z",
    "Wikipedia: 2020 Beirut explosion",
    "Huge blast at Beirut port kills over 100",
    """A massive explosion at Beirut's port on Tuesday killed more than 100 people, injured about 4,000 and flattened swathes of the city's waterfront, Lebanese officials said.

The government said the blast was caused by 2,750 tonnes of ammonium nitrate that had been stored unsafely in a warehouse at the port for six years. President Michel Aoun promised that those responsible for the negligence would face the harshest punishment.""",
)

N(
    "neg-cn-tianjin-2015",
    "2015-08-13T08:00:00Z",
    "Wikipedia: 2015 Tianjin explosions",
    "Explosions at Tianjin chemical warehouse kill dozens",
    """Two huge explosions ripped through a warehouse storing hazardous chemicals in the Chinese port city of Tianjin late on Wednesday, killing at least 50 people, including 17 firefighters, and injuring more than 700, state media said.

The blasts, which sent fireballs into the night sky, began with a fire at a site owned by Ruihai Logistics. Shockwaves shattered windows kilometres away.""",
)

N(
    "neg-in-odisha-train-2023",
    "2023-06-03T10:00:00Z",
    "Wikipedia: 2023 Odisha train collision",
    "Odisha train crash kills more than 280",
    """More than 280 people were killed and about 900 injured when a passenger train derailed and collided with a goods train and another express in the eastern Indian state of Odisha on Friday evening, officials said.

Rescuers worked through the night to cut survivors from mangled carriages near Balasore. Railway officials said a signalling failure was suspected.""",
)

N(
    "neg-kr-jeju-crash-2024",
    "2024-12-29T12:00:00Z",
    "Wikipedia: Jeju Air Flight 2216",
    "Jeju Air plane crashes at Muan airport, 179 dead",
    """A Jeju Air passenger jet carrying 181 people skidded off the runway at Muan International Airport in South Korea on Sunday, slammed into a wall and burst into flames, killing all but two people on board.

The Boeing 737-800 was arriving from Bangkok. Officials said a bird strike and a landing gear failure were being investigated.""",
)

N(
    "neg-ke-gas-2024",
    "2024-02-02T09:00:00Z",
    "Wikipedia: 2024 Embakasi gas explosion",
    "Gas explosion in Nairobi kills three, injures hundreds",
    """A lorry loaded with gas cylinders exploded in Nairobi's Embakasi district late on Thursday, setting off a huge fireball that killed three people and injured about 280, the Kenyan government said.

The blast set homes, cars and businesses ablaze. Officials said the gas filling site was operating illegally and that its licence had been rejected.""",
)

N(
    "neg-kr-itaewon-2022",
    "2022-10-30T06:00:00Z",
    "Wikipedia: Seoul Halloween crowd crush",
    "Halloween crowd crush in Seoul kills 151",
    """At least 151 people were killed and dozens injured when a huge Halloween crowd surged into a narrow alley in Seoul's Itaewon nightlife district on Saturday night, officials said.

Most of the victims were in their twenties. Witnesses said people fell on top of each other as the crowd pushed down the sloping lane.""",
)

N(
    "neg-ly-storm-2023",
    "2023-09-12T09:00:00Z",
    "Wikipedia: 2023 Libya floods",
    "Storm Daniel kills thousands in eastern Libya",
    """Storm Daniel struck eastern Libya on Sunday, bursting two dams above the city of Derna and sweeping whole neighbourhoods into the sea, officials said. More than 2,000 people were killed and thousands more were missing.

Rescuers struggled to reach the city after roads and bridges were destroyed.""",
)

N(
    "neg-us-helene-2024",
    "2024-09-27T12:00:00Z",
    "Wikipedia: Hurricane Helene",
    "Hurricane Helene slams into Florida",
    """Hurricane Helene struck Florida's Big Bend coast late on Thursday as a Category 4 storm, killing at least three people and knocking out power to more than a million homes and businesses.

The storm then tore north into Georgia and the Carolinas, causing catastrophic flooding in the mountains around Asheville.""",
)

N(
    "neg-ma-quake-2023",
    "2023-09-09T12:00:00Z",
    "Wikipedia: 2023 Marrakesh–Safi earthquake",
    "Morocco earthquake kills more than 2,000",
    """A powerful earthquake struck Morocco's High Atlas mountains late on Friday, killing more than 2,000 people and damaging buildings in Marrakesh, the interior ministry said.

Most deaths were in Al Haouz province, where villages of mud-brick homes collapsed. Rescuers dug through rubble by hand.""",
)

N(
    "neg-in-lightning-2020",
    "2020-06-25T15:00:00Z",
    "Wikipedia: 2020 Bihar lightning strikes",
    "Lightning strikes kill 83 in Indian state of Bihar",
    """Lightning strikes killed 83 people in the eastern Indian state of Bihar on Thursday as monsoon storms swept the region, state officials said.

Most of the victims were farmers working in their fields. Another 24 people were killed by lightning in neighbouring Uttar Pradesh.""",
)

N(
    "neg-us-sag-strike-2023",
    "2023-07-14T10:00:00Z",
    "Wikipedia: 2023 SAG-AFTRA strike",
    "Hollywood actors go on strike",
    """Hollywood actors went on strike on Friday for the first time in 43 years, joining screenwriters on picket lines in a dispute with studios over pay and the use of artificial intelligence.

The SAG-AFTRA union, which represents about 160,000 performers, said talks had collapsed. The walkout brings film and television production across the United States to a halt.""",
)

N(
    "neg-fr-pension-strike-2023",
    "2023-03-07T18:00:00Z",
    "Wikipedia: 2023 French pension reform strikes",
    "French unions stage biggest strike yet against pension reform",
    """Hundreds of thousands of people marched across France on Tuesday and strikes halted trains, schools and refineries as unions stepped up their fight against President Emmanuel Macron's plan to raise the pension age to 64.

Unions said 3.5 million people took part; the interior ministry put the figure at 1.28 million. Rail workers voted to extend their strike.""",
)

N(
    "neg-us-boeing-strike-2024",
    "2024-09-13T12:00:00Z",
    "Wikipedia: 2024 Boeing machinists strike",
    "Boeing machinists walk off the job",
    """More than 30,000 Boeing factory workers in the Seattle area went on strike on Friday after rejecting a contract offer, halting production of the company's best-selling jet.

Members of the International Association of Machinists voted 94.6% to reject the deal, which offered a 25% pay rise over four years. Analysts said a long strike could cost Boeing billions.""",
)

N(
    "neg-us-ports-strike-2024",
    "2024-10-01T11:00:00Z",
    "Wikipedia: 2024 United States port strike",
    "Dockworkers strike shuts ports from Maine to Texas",
    """Dockworkers at ports from Maine to Texas went on strike on Tuesday for the first time in nearly 50 years, halting about half of the country's ocean shipping.

The International Longshoremen's Association is demanding higher wages and a ban on automation. Economists warned the strike could cost billions of dollars a day.""",
)

N(
    "neg-euro-final-2024",
    "2024-07-15T06:00:00Z",
    "Wikipedia: UEFA Euro 2024 final",
    "Spain beat England to win record fourth European title",
    """Mikel Oyarzabal's late strike gave Spain a 2-1 win over England in the Euro 2024 final in Berlin on Sunday, sealing a record fourth European Championship.

Nico Williams fired Spain ahead just after half-time before Cole Palmer's long-range shot levelled the match. Oyarzabal then slid in to meet Marc Cucurella's cross four minutes from time, breaking English hearts once again.""",
)

N(
    "neg-cricket-2023",
    "2023-11-19T16:00:00Z",
    "Wikipedia: 2023 Cricket World Cup final",
    "Head century fires Australia to sixth World Cup title",
    """Travis Head struck a brilliant 137 as Australia beat hosts India by six wickets in the Cricket World Cup final in Ahmedabad on Sunday, silencing a crowd of more than 90,000.

Australia's bowlers had earlier restricted India to 240, with Mitchell Starc striking early and Pat Cummins removing Virat Kohli. Head and Marnus Labuschagne put on 192 for the fourth wicket.""",
)

N(
    "neg-baseball-2023",
    "2023-11-02T06:00:00Z",
    "Wikipedia: 2023 World Series",
    "Rangers win first World Series title",
    """The Texas Rangers beat the Arizona Diamondbacks 5-0 in Game 5 on Wednesday to win the first World Series championship in the franchise's 63-year history.

Nathan Eovaldi struck out five over six innings, and Mitch Garver broke a scoreless tie with a single in the seventh. Corey Seager was named series MVP after hitting three home runs.""",
)

N(
    "neg-eg-hunger-2022",
    "2022-11-08T12:00:00Z",
    "Wikipedia: Alaa Abd El-Fattah",
    "Jailed Egyptian activist escalates hunger strike during COP27",
    """The family of jailed British-Egyptian activist Alaa Abd El-Fattah said on Tuesday they feared for his life after he stopped drinking water, escalating a hunger strike that has lasted more than 200 days.

World leaders attending the COP27 climate summit in Sharm el-Sheikh raised his case with Egyptian President Abdel Fattah al-Sisi.""",
)

N(
    "neg-tw-drills-2024",
    "2024-05-23T08:00:00Z",
    "Wikipedia: Joint Sword-2024",
    "China stages military drills around Taiwan after new president takes office",
    """China launched two days of large-scale military drills around Taiwan on Thursday, sending warships and warplanes to simulate strikes on the island in what it called punishment for "separatist acts".

The exercises, named Joint Sword-2024A, began three days after Lai Ching-te was sworn in as Taiwan's president. Taiwan scrambled jets and put missile units on alert.""",
)

N(
    "neg-kp-icbm-2023",
    "2023-04-13T06:00:00Z",
    "Wikipedia: Hwasong-18",
    "North Korea test-fires new solid-fuel ICBM",
    """North Korea test-fired a new solid-fuel intercontinental ballistic missile on Thursday, state media said, calling the Hwasong-18 its most powerful nuclear weapon.

The missile flew about 1,000 km before falling into the sea between the Korean peninsula and Japan. Japan briefly issued an evacuation warning for residents of Hokkaido, then withdrew it.""",
)

N(
    "neg-kp-overjapan-2022",
    "2022-10-04T06:00:00Z",
    "Wikipedia: 2022 North Korean missile tests",
    "North Korean missile flies over Japan for first time in five years",
    """North Korea fired a ballistic missile over Japan on Tuesday for the first time in five years, prompting a rare warning for residents to take cover, the Japanese government said.

The missile flew about 4,600 km before landing in the Pacific Ocean. No damage was reported. Japan and South Korea condemned the launch as a reckless provocation.""",
)

N(
    "neg-nato-exercise-2024",
    "2024-01-18T12:00:00Z",
    "Wikipedia: Steadfast Defender 2024",
    "NATO to hold biggest exercise since Cold War",
    """NATO will launch its largest military exercise in decades next week, with about 90,000 troops taking part in drills that will run until May, the alliance's top commander said on Thursday.

Steadfast Defender 2024 will rehearse how U.S. forces could reinforce European allies in a conflict with an adversary of comparable strength.""",
)
