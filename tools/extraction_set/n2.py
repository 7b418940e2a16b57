from common import N

N(
    "neg-op-drones",
    "2024-03-05T08:00:00Z",
    "Commentary based on public reporting on drone warfare in Ukraine",
    "Opinion: Cheap drones have rewritten the rules of war",
    """The war in Ukraine has shown that a drone costing a few hundred dollars can destroy a tank worth millions. Both armies now launch thousands of small first-person-view drones every month, and artillery shells are no longer the only way to hit a trench.

Western militaries should take note. Air defences designed to shoot down jets and cruise missiles are too expensive to use against swarms of cheap drones, and procurement systems that take a decade to field a weapon will not keep pace. The lesson is not that tanks are obsolete, but that every unit needs its own protection from the sky.""",
)

N(
    "neg-op-deterrence",
    "2024-04-20T08:00:00Z",
    "Commentary based on public reporting on Iran–Israel strikes, April 2024",
    "Analysis: Iran and Israel step back from the brink, for now",
    """After weeks of tit-for-tat, both Iran and Israel appear to have calibrated their strikes to avoid a full-scale war. Analysts say each side has tried to restore deterrence while leaving the other room to claim victory.

Whether that balance holds depends on events neither government fully controls, from militias in Iraq to Hezbollah on Israel's northern border. Diplomats warn that a single miscalculation could still set off a wider conflict.""",
)

N(
    "neg-lb-ceasefire-2024",
    "2024-11-27T06:00:00Z",
    "Wikipedia: 2024 Israel–Hezbollah ceasefire agreement",
    "Israel-Hezbollah ceasefire takes effect",
    """A ceasefire between Israel and Hezbollah took effect in Lebanon early on Wednesday after more than a year of fighting, under a deal brokered by the United States and France.

Under the agreement, Israeli forces are to withdraw from southern Lebanon over 60 days while Hezbollah moves its fighters and weapons north of the Litani river. Thousands of displaced Lebanese families began driving back south.""",
)

N(
    "neg-ps-ceasefire-2025",
    "2025-01-16T06:00:00Z",
    "Wikipedia: 2025 Gaza war ceasefire",
    "Gaza ceasefire and hostage deal agreed",
    """Israel and Hamas agreed on a ceasefire and hostage release deal on Wednesday after 15 months of war, mediators Qatar and the United States said.

In the first six-week phase, Hamas is to free 33 Israeli hostages in exchange for hundreds of Palestinian prisoners, and Israeli troops are to pull back from populated areas of Gaza.""",
)

N(
    "neg-us-sanctions-houthi",
    "2024-06-17T17:00:00Z",
    "U.S. Treasury press releases on Houthi sanctions, 2024",
    "U.S. sanctions vessels shipping Iranian goods for Houthis",
    """The U.S. Treasury imposed sanctions on Monday on three vessels and several companies it accused of shipping Iranian commodities on behalf of a Houthi financier, Sa'id al-Jamal.

Washington says the money helps fund the group's attacks on merchant ships in the Red Sea. The companies are registered in Hong Kong and the Marshall Islands.""",
)

N(
    "neg-at-swift-plot-2024",
    "2024-08-08T10:00:00Z",
    "Wikipedia: 2024 Taylor Swift concert terrorism plot",
    "Taylor Swift concerts in Vienna cancelled after foiled attack plot",
    """Organisers cancelled three Taylor Swift concerts in Vienna after Austrian police arrested two young men suspected of planning an Islamist attack on the shows, authorities said on Thursday.

The 19-year-old main suspect had pledged allegiance to Islamic State and had obtained chemicals and bomb-making instructions, police said. No explosives had been detonated, and no one was hurt.""",
)

N(
    "neg-us-arms-package",
    "2024-04-24T18:00:00Z",
    "U.S. Department of Defense announcements, April 2024",
    "U.S. rushes ATACMS missiles to Ukraine after aid bill passes",
    """President Joe Biden signed a $95 billion foreign aid package on Wednesday, and the Pentagon said it would send $1 billion of weapons to Ukraine immediately, including artillery shells, Bradley vehicles and air defence interceptors.

Officials also confirmed that the United States had quietly shipped long-range ATACMS missiles to Kyiv earlier in the spring.""",
)

N(
    "neg-film-topgun",
    "2022-05-27T08:00:00Z",
    "Review based on Top Gun: Maverick (2022)",
    "Review: Top Gun: Maverick soars",
    """Thirty-six years after the original, Tom Cruise returns as Pete "Maverick" Mitchell, now training a squad of young pilots for an impossible air strike on an enemy uranium plant hidden in a mountain valley.

The plot is thin, but the flying sequences, shot in real fighter jets, are breathtaking. By the time the missiles fly in the final act, even sceptics will be gripping their armrests.""",
)

N(
    "neg-biz-drones",
    "2023-04-20T12:00:00Z",
    "Company announcements: Zipline drone delivery, 2023",
    "Zipline unveils new home delivery drone",
    """Drone delivery company Zipline unveiled a quieter drone on Wednesday that lowers packages on a tether to a customer's doorstep, and said it would begin home deliveries in several U.S. cities next year.

The company, which built its business flying blood and medicine to clinics in Rwanda and Ghana, says its drones have completed more than 600,000 deliveries.""",
)

N(
    "neg-eg-shark-2023",
    "2023-06-08T18:00:00Z",
    "Wikipedia: 2023 Hurghada shark attack",
    "Shark kills Russian tourist off Egyptian resort",
    """A tiger shark attacked and killed a 23-year-old Russian man swimming off a beach in the Egyptian Red Sea resort of Hurghada on Thursday, officials said.

Horrified onlookers filmed the attack from the shore. Authorities closed beaches along a 74-km stretch of coast and said the shark had been caught.""",
)

N(
    "neg-heart-attack",
    "2023-06-12T10:00:00Z",
    "Wikipedia: Silvio Berlusconi",
    "Silvio Berlusconi dies at 86",
    """Silvio Berlusconi, the billionaire media tycoon who served as Italy's prime minister four times, died in a Milan hospital on Monday at the age of 86, his family said.

He had been treated for leukaemia and had suffered a series of health scares, including a heart attack. Political rivals and allies paid tribute to a figure who dominated Italian politics for three decades.""",
)

N(
    "neg-cyber-2024",
    "2024-03-01T12:00:00Z",
    "Wikipedia: 2024 Change Healthcare ransomware attack",
    "Cyberattack on Change Healthcare disrupts U.S. pharmacies",
    """A ransomware attack on UnitedHealth's Change Healthcare unit has disrupted pharmacies and hospitals across the United States for more than a week, the company said on Thursday.

The hacking group ALPHV, also known as BlackCat, claimed responsibility for the attack, which struck the systems that process insurance claims and prescriptions.""",
)

N(
    "neg-political-attack",
    "2024-06-28T04:00:00Z",
    "Wikipedia: 2024 presidential debates (United States)",
    "Trump and Biden trade attacks in first debate",
    """Donald Trump and Joe Biden attacked each other's records on the economy, immigration and abortion in their first debate on Thursday night in Atlanta, with the president stumbling over several answers.

Trump repeatedly struck at Biden over border crossings, while Biden called his rival a "convicted felon". Democrats privately voiced alarm at the president's performance.""",
)

N(
    "neg-de-wwii-bomb-2017",
    "2017-09-03T16:00:00Z",
    "Wikipedia: 2017 Frankfurt evacuation (unexploded bomb)",
    "Frankfurt evacuates 60,000 to defuse WWII bomb",
    """About 60,000 people left their homes in Frankfurt on Sunday so that experts could defuse a 1.4-tonne British bomb from the Second World War found on a building site, the largest such evacuation in Germany since the war.

The bomb disposal team removed the detonators and declared the area safe in the evening. Two hospitals had to move patients, including premature babies.""",
)

N(
    "neg-mx-fireworks-2016",
    "2016-12-21T06:00:00Z",
    "Wikipedia: 2016 San Pablito Market fireworks explosion",
    "Explosion at Mexican fireworks market kills 31",
    """A series of explosions ripped through the San Pablito fireworks market in Tultepec, north of Mexico City, on Tuesday, killing at least 31 people and injuring dozens, officials said.

Stalls packed with rockets and firecrackers for the Christmas season went up in chains of blasts. Officials said it was not yet clear what caused the first explosion.""",
)

N(
    "neg-us-maui-2023",
    "2023-08-11T18:00:00Z",
    "Wikipedia: 2023 Hawaii wildfires",
    "Maui wildfire death toll rises to 55",
    """The death toll from a wildfire that destroyed the historic town of Lahaina on the Hawaiian island of Maui rose to 55 on Thursday, Governor Josh Green said, making it the state's deadliest natural disaster in decades.

Hurricane-force winds drove the flames through the town, and residents jumped into the ocean to escape.""",
)

N(
    "neg-jp-osprey-2023",
    "2023-11-30T08:00:00Z",
    "Wikipedia: 2023 Yakushima Bell Boeing V-22 Osprey crash",
    "U.S. Osprey crashes off Japan with eight airmen aboard",
    """A U.S. Air Force CV-22 Osprey aircraft with eight airmen on board crashed into the sea off the southern Japanese island of Yakushima on Wednesday, Japan's coast guard said.

Fishermen reported seeing flames from the aircraft's left engine before it went down. The body of one crew member was recovered and searches continued for the others.""",
)

N(
    "neg-jp-hiroshima",
    "2023-08-06T04:00:00Z",
    "Wikipedia: Atomic bombings of Hiroshima and Nagasaki (commemorations)",
    "Hiroshima marks 78th anniversary of atomic bombing",
    """Hiroshima marked the 78th anniversary of the world's first atomic bombing on Sunday, with the city's mayor warning that nuclear deterrence theory was a "folly" that the world must abandon.

A bell tolled at 8:15 am, the moment the bomb exploded over the city on August 6, 1945, killing an estimated 140,000 people by the end of that year.""",
)

N(
    "neg-dday-80",
    "2024-06-06T14:00:00Z",
    "Wikipedia: 80th anniversary of D-Day",
    "Veterans and leaders mark 80 years since D-Day",
    """World leaders and the last surviving veterans gathered on the beaches of Normandy on Thursday to mark the 80th anniversary of the D-Day landings, when Allied troops stormed Nazi-occupied France.

More than 4,400 Allied troops were killed on June 6, 1944. President Emmanuel Macron awarded the Legion of Honour to several veterans in their late nineties.""",
)

N(
    "neg-ke-westgate-10y",
    "2023-09-21T09:00:00Z",
    "Wikipedia: Westgate shopping mall attack (anniversary)",
    "Ten years after Westgate, survivors still seek answers",
    """Ten years after al Shabaab gunmen stormed Nairobi's Westgate mall and killed 67 people, survivors gathered on Thursday at a memorial garden beside the rebuilt shopping centre.

Many said the trial of the attackers' accomplices, which ended in 2020, had left questions unanswered about how the security forces responded during the four-day siege.""",
)

N(
    "neg-us-campus-protest",
    "2024-04-30T12:00:00Z",
    "Wikipedia: 2024 Columbia University pro-Palestinian campus occupations",
    "Protesters occupy Columbia University building",
    """Pro-Palestinian protesters barricaded themselves inside a building at Columbia University in New York early on Tuesday, escalating demonstrations that have spread to dozens of U.S. campuses.

The protesters demand that the university divest from companies linked to Israel. University officials said students who occupied the building faced expulsion.""",
)

N(
    "neg-be-farmers",
    "2024-02-01T16:00:00Z",
    "Wikipedia: 2024 European farmers' protests",
    "Farmers block Brussels with tractors as EU leaders meet",
    """Hundreds of farmers drove tractors into Brussels on Thursday, setting fires and pelting the European Parliament with eggs as EU leaders met for a summit.

Farmers from across the bloc are protesting against cheap imports, red tape and environmental rules. Police used water cannon to put out the fires.""",
)

N(
    "neg-film-oppenheimer",
    "2023-07-24T08:00:00Z",
    "Box office reports, July 2023",
    "Barbenheimer weekend smashes box office expectations",
    """Barbie took in $155 million in North America on its opening weekend, while Christopher Nolan's Oppenheimer, about the physicist who led the race to build the atomic bomb, earned $80 million.

Cinemas reported their busiest weekend since the pandemic, with many fans dressing in pink for one film and black for the other.""",
)

N(
    "neg-ua-drone-stats",
    "2024-01-02T10:00:00Z",
    "Ukrainian Air Force statements, December 2023",
    "Russia launched more than 3,700 Shahed drones in 2023, Ukraine says",
    """Russia launched 3,738 Shahed attack drones at Ukraine during 2023, the Ukrainian air force said on Tuesday, and air defences destroyed about 80% of them.

Air force spokesman Yuriy Ihnat said Moscow had also fired hundreds of cruise and ballistic missiles over the year, and warned that the number of drones was likely to rise further in 2024.""",
)

N(
    "neg-pk-arrests",
    "2024-05-10T12:00:00Z",
    "Pakistani counter-terrorism department statements, 2024",
    "Pakistani police arrest suspects in Besham attack investigation",
    """Pakistani counter-terrorism police said on Friday they had arrested 11 people suspected of helping to plan the March suicide bombing that killed five Chinese engineers in the north-west.

Officials said the plot was organised from Afghanistan, a charge the Taliban government denied. China has demanded better protection for its citizens working on projects in Pakistan.""",
)

N(
    "neg-sy-reconstruction",
    "2024-09-02T08:00:00Z",
    "World Bank and UN reporting on Syria, 2024",
    "In Aleppo, residents rebuild homes destroyed by years of air strikes",
    """In the old city of Aleppo, residents are rebuilding homes that were flattened by barrel bombs and air strikes during years of fighting, often with their own savings.

The United Nations estimates that more than a third of the city's housing was damaged or destroyed in the war. Aid agencies say sanctions and a collapsing currency have slowed reconstruction.""",
)

N(
    "neg-iq-election",
    "2021-10-11T12:00:00Z",
    "Wikipedia: 2021 Iraqi parliamentary election",
    "Sadr's bloc wins most seats in Iraq election",
    """The bloc of Shi'ite cleric Moqtada al-Sadr won the most seats in Iraq's parliamentary election, preliminary results showed on Monday, while parties linked to Iran-backed militias lost ground.

Turnout was a record low of 41%. Militia-linked groups rejected the results and said they would challenge them.""",
)

N(
    "neg-us-nursing-strike",
    "2023-01-09T12:00:00Z",
    "Wikipedia: 2023 New York City nurses strike",
    "Thousands of New York nurses walk out",
    """About 7,000 nurses went on strike at two of New York City's largest private hospitals on Monday after talks over staffing and pay broke down.

Mount Sinai and Montefiore diverted ambulances and transferred newborns from intensive care units. The New York State Nurses Association said hospitals were dangerously understaffed.""",
)

N(
    "neg-ru-report-attack-denied",
    "2024-02-05T12:00:00Z",
    "Commentary based on public reporting on Houthi Red Sea attacks, 2024",
    "Shipping giants keep avoiding the Red Sea",
    """Maersk and Hapag-Lloyd said on Monday they would keep sending ships around the Cape of Good Hope for the foreseeable future rather than risk the Red Sea route.

Freight rates between Asia and Europe have more than doubled since December. Insurers say war-risk premiums remain high because of the danger of missile and drone attacks, although most vessels that have taken the route in recent weeks have passed without incident.""",
)
