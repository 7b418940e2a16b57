# Article texts for the strikewatch demo replay. Written for the project.
A = []


def art(**kw):
    A.append(kw)


art(
    slug="ainasad-gulfdesk",
    outlet="gulf",
    published="2023-11-22T09:40:00+03:00",
    author="Rana Khalil",
    title="US gunship hits militants after missile strike on Ain al-Asad base",
    desc="Eight U.S. personnel were hurt when Iran-backed militants fired a close-range ballistic missile at the base west of Baghdad; an AC-130 struck back.",
    section="Iraq",
    body=[
        "U.S. forces stationed at Ain al-Asad air base, in Iraq's western Anbar province west of Baghdad, came under attack on Tuesday, 21 November, when Iran-backed militants fired a close-range ballistic missile at the base, the Pentagon said. Eight U.S. personnel were injured, none of them seriously, and the missile caused minor damage to infrastructure. No one was killed.",
        "Shortly after the launch, an American AC-130 gunship that was already flying in the area struck a vehicle carrying the militants who had fired the missile, killing several of them, according to U.S. Central Command, which called it a self-defence strike. Deputy Pentagon press secretary Sabrina Singh said the crew had kept the group in sight from the launch until they got into their vehicle.",
        "It is the first publicly acknowledged U.S. retaliation on Iraqi soil for the drone, rocket and missile attacks that Iran-aligned Iraqi militias have waged against American troops since mid-October. Until now, Washington had answered with three separate sets of strikes, all of them in Syria. By the Pentagon's count, U.S. forces have been attacked 66 times in Iraq and Syria since 17 October, and at least 62 personnel have been hurt in total, most of them with minor wounds or traumatic brain injuries.",
        "The Islamic Resistance in Iraq, a banner used by several Iran-aligned armed factions, claimed the attack on Ain al-Asad. The factions say they are targeting U.S. forces over Washington's support for Israel's bombardment of Gaza, and their campaign has ended a truce with the United States that had lasted about a year. Some of the groups were founded to fight U.S. troops after the 2003 invasion; others were formed in 2014 to fight the Islamic State group.",
        "The United States keeps about 2,500 troops in Iraq and about 900 in Syria, where they advise local forces trying to stop a resurgence of the Islamic State.",
    ],
)

art(
    slug="ainasad-meridian",
    outlet="meridian",
    published="2023-11-21T23:05:00+00:00",
    author="Meridian Wire staff",
    guid="urn:meridian-wire:story:2023-11-21:44710",
    title="Eight U.S. personnel hurt in missile attack on Iraq's Ain al-Asad base",
    desc="Iran-backed militants fired a close-range ballistic missile at the base in Anbar province on Tuesday, the Pentagon said.",
    dateline="BAGHDAD, Nov 21 (Meridian Wire)",
    body=[
        "A close-range ballistic missile fired by Iran-backed militants struck Ain al-Asad air base in western Iraq on Tuesday, injuring eight U.S. personnel and causing minor damage, the Pentagon said. None of the injuries was life-threatening and no deaths were reported at the base, which lies in Anbar province west of Baghdad and hosts U.S. and coalition troops.",
        "A U.S. AC-130 gunship that was in the area then carried out what officials called a self-defence strike on the militants' vehicle and the men who had launched the missile, killing several of them.",
        "The Islamic Resistance in Iraq, an alliance of Iran-aligned armed groups, said it was behind the missile attack. It was the first time a ballistic missile had been used against the base since the groups began targeting U.S. forces in October, officials said.",
        "The Pentagon did not identify the injured personnel. It said they were being evaluated and that operations at the base were continuing.",
    ],
)

art(
    slug="ainasad-northbridge",
    outlet="northbridge",
    published="2023-11-23T07:00:00+00:00",
    author="Tobias Wren",
    title="Analysis: a ballistic missile at Ain al-Asad, and a new kind of U.S. reply in Iraq",
    desc="The missile that hurt eight Americans on Tuesday and the gunship strike that followed mark an escalation in a month-long campaign.",
    section="World / Middle East",
    body=[
        "For a month, the attacks on American troops in Iraq and Syria had followed a pattern: a few rockets or one-way drones, a handful of minor injuries, and, at most, a U.S. strike on a depot across the border in Syria. Tuesday broke that pattern twice.",
        "On 21 November, Iran-backed militants fired a close-range ballistic missile at Ain al-Asad air base in Anbar province, west of Baghdad. The Pentagon said eight U.S. personnel were injured and the base suffered minor damage; nobody was killed. The Islamic Resistance in Iraq, the umbrella name that Iran-aligned factions use for their claims, said it carried out the attack.",
        "Within minutes, an AC-130 gunship that happened to be overhead fired on the militants and their vehicle, killing several of them, U.S. Central Command said. The Institute for the Study of War, a Washington research group, placed that strike near Abu Ghraib, west of the capital. It was the first American strike in Iraq that Washington had announced since the campaign began.",
        "The numbers explain the change of tone. U.S. officials count more than 60 attacks on their forces in Iraq and Syria since October, and at least 62 personnel hurt in total, most of them with concussions or other minor wounds. Those running tallies describe a campaign, not a single incident, and until this week none of the attacks had involved a ballistic missile.",
        "The factions say the campaign is retaliation for U.S. support of Israel's war in Gaza. Washington, which keeps about 2,500 troops in Iraq and 900 in Syria to help local forces against the Islamic State, says it does not want a wider war but will protect its people.",
        "Iraq's government, which depends on both Washington and the factions' political allies, has condemned attacks on the bases and, in the past, strikes on its territory alike. How Baghdad answers this week's exchange may matter as much as what the militias do next.",
    ],
)

art(
    slug="kramatorsk-meridian",
    outlet="meridian",
    published="2022-04-08T18:30:00+00:00",
    author="Meridian Wire staff",
    guid="urn:meridian-wire:story:2022-04-08:31877",
    title="Missile strike on Kramatorsk station kills at least 50 waiting to flee",
    desc="Civilians were waiting for evacuation trains in eastern Ukraine when the missile hit on Friday morning.",
    dateline="KRAMATORSK, Ukraine, April 8 (Meridian Wire)",
    body=[
        "A missile struck the railway station in Kramatorsk in eastern Ukraine on Friday morning while thousands of civilians waited there for evacuation trains, killing at least 50 people, five of them children, and wounding about 100, local officials said.",
        "The city's mayor, Oleksandr Honcharenko, said about 4,000 people were at the station when it was hit, most of them women, children and elderly people trying to leave the Donetsk region before an expected Russian offensive. Surgeons at the city's hospitals were operating on dozens of wounded at once, he said.",
        'President Volodymyr Zelenskiy said Russian forces had fired a Tochka-U missile at the station. Russia\'s defence ministry denied responsibility, said its forces did not use that type of missile and accused Ukraine of the strike. Photographs from the scene showed the remains of a missile with the words "for the children" painted on it in Russian.',
        "Ukraine's state railway said the station, the main departure point for evacuation trains in the region, had been targeted on purpose. Ukrainian prosecutors opened a war crimes investigation.",
        "The evacuation of civilians from Kramatorsk, Sloviansk and other towns in Donetsk region has gathered pace this week as Ukrainian officials urged residents to leave.",
    ],
)

art(
    slug="kramatorsk-northbridge",
    outlet="northbridge",
    published="2022-04-09T06:15:00+01:00",
    author="Ilse Marchetti",
    title="'They were waiting for a train': Kramatorsk counts its dead",
    desc="At least 50 people, including five children, were killed when a missile hit the station packed with evacuees on Friday.",
    section="World / Europe",
    body=[
        "The suitcases were still on the platform on Friday afternoon, hours after a missile burst over the railway station in Kramatorsk, the eastern Ukrainian city where thousands of people had gathered to catch the last trains west.",
        "At least 50 people were killed, five of them children, and about 100 were wounded in the strike on the morning of 8 April, Ukrainian officials said. Many of the wounded lost limbs. The station, in the Donetsk region, had become the main point of departure for civilians fleeing the fighting in the east, and the waiting hall and the square outside were crowded when it was hit.",
        'Ukrainian officials said Russian forces fired a Tochka-U ballistic missile carrying cluster munitions. Investigators photographed the tail section of the missile, on which someone had painted "for the children" in Russian. Moscow denied that its forces were responsible and blamed Ukraine, a claim Western governments rejected.',
        "President Volodymyr Zelenskiy called the strike an evil without limits. The European Commission president, who was in Kyiv on the same day, described it as despicable, and the United Nations secretary-general said attacks on civilians were a grave violation of international law.",
        "Rail staff resumed evacuations from other stations in the region the next day.",
    ],
)

art(
    slug="mogadishu-meridian",
    outlet="meridian",
    published="2022-10-30T08:10:00+00:00",
    author="Meridian Wire staff",
    guid="urn:meridian-wire:story:2022-10-30:33902",
    title="Somali president says twin Mogadishu car bombs killed 100",
    desc="Two car bombs exploded minutes apart at the education ministry near Zobe junction on Saturday.",
    dateline="MOGADISHU, Oct 30 (Meridian Wire)",
    body=[
        "At least 100 people were killed and 300 wounded when two car bombs exploded outside Somalia's education ministry in Mogadishu on Saturday, President Hassan Sheikh Mohamud said on Sunday after visiting the site.",
        "The bombs went off minutes apart at the busy Zobe junction in the capital on Saturday afternoon. The first struck the ministry building; the second exploded as ambulances arrived and people gathered to help the wounded, police said. The president said both the death toll and the number of wounded were still rising, and he appealed for blood donations.",
        "The Islamist militant group al-Shabaab, which is linked to al Qaeda, said in a statement that it had carried out the attack and that the ministry was its target.",
        "Among the dead was a local journalist, police said. Windows were shattered in buildings around the junction and several vehicles were burnt out.",
        "The president, who took office in May, has declared what he calls total war on al-Shabaab, and government forces and allied clan militias have retaken territory from the group in central Somalia in recent weeks.",
    ],
)

art(
    slug="mogadishu-sahel",
    outlet="sahel",
    published="2022-10-30T14:00:00+00:00",
    author="Amina Warsame",
    title="Mogadishu mourns after twin car bombs at Zobe junction",
    desc="Al-Shabaab claimed the two blasts outside the education ministry that killed at least 100 people and wounded 300.",
    section="East Africa",
    body=[
        "Families searched Mogadishu's hospitals on Sunday for relatives missing since two car bombs tore through the Zobe junction on Saturday, 29 October, killing at least 100 people and wounding 300, according to President Hassan Sheikh Mohamud.",
        "The vehicles, packed with explosives, were detonated a few minutes apart outside the Ministry of Education, on one of the busiest intersections of the Somali capital. The second blast caught rescuers, street vendors and passers-by who had rushed to the scene of the first. Witnesses described burnt-out vehicles in the street, and the tarmac outside the ministry covered in blood.",
        "Al-Shabaab claimed responsibility, saying it regarded the education ministry as an enemy base that was, in its words, taking Somali children away from Islam. The president said the victims included mothers carrying their children, students and traders.",
        "The junction was also the site of the truck bombing of October 2017, in which more than 500 people died. Saturday's blasts fell on the day the government was hosting leaders to discuss the campaign against the militants.",
        "Turkey, Qatar, Kenya, the United States and the United Nations condemned the attack. Hospitals called for donors as the wounded filled their wards.",
    ],
)

art(
    slug="peshawar-indus",
    outlet="indus",
    published="2023-01-31T10:30:00+05:00",
    author="Sana Yousafzai",
    guid="https://indusledger.example/?p=58214",
    title="Death toll from Peshawar police mosque bombing rises to 93",
    desc="A suicide bomber struck worshippers during afternoon prayers inside the Police Lines compound on Monday.",
    section="Khyber Pakhtunkhwa",
    body=[
        "At least 93 people were killed and more than 150 wounded when a suicide bomber blew himself up among worshippers in a mosque inside the Police Lines compound in Peshawar on Monday, officials said on Tuesday, as rescuers pulled more bodies from the rubble.",
        "Most of the dead were police officers. Around 300 people were at the afternoon prayers when the bomber, standing in one of the front rows, set off his explosives at about 1.30pm on 30 January. The blast brought down a wall and part of the roof, trapping many worshippers beneath it. The mosque's prayer leader was among those killed.",
        "The Police Lines sits in one of the most heavily guarded parts of the capital of Khyber Pakhtunkhwa province, next to the offices of the counter-terrorism department and other security agencies. The provincial police chief said investigators were trying to establish how the bomber got through several checkpoints and whether he had help from inside.",
        "A commander of the banned Tehreek-e-Taliban Pakistan (TTP) claimed the bombing soon after it happened, but the group's main spokesman later said the TTP had nothing to do with it and did not target mosques.",
        "Prime Minister Shehbaz Sharif visited the wounded at Lady Reading Hospital and vowed action against those behind the attack.",
    ],
)

art(
    slug="peshawar-meridian",
    outlet="meridian",
    published="2023-01-31T12:00:00+00:00",
    author="Meridian Wire staff",
    guid="urn:meridian-wire:story:2023-01-31:35120",
    title="Pakistan: suicide bomber kills 93 at mosque inside Peshawar police headquarters",
    desc="Monday's blast during prayers brought down part of the mosque; most victims were police officers.",
    dateline="PESHAWAR, Pakistan, Jan 31 (Meridian Wire)",
    body=[
        "The death toll from Monday's suicide bombing at a mosque inside the police headquarters in the northwestern Pakistani city of Peshawar has risen to at least 93, with more than 150 people wounded, officials said on Tuesday.",
        "The bomber detonated his explosives during afternoon prayers in the Police Lines area, one of the most secure parts of the city, and part of the mosque collapsed onto the worshippers, most of them policemen. Rescuers worked through the night to reach people trapped under the debris.",
        "A Pakistani Taliban commander initially claimed responsibility, but the Tehreek-e-Taliban Pakistan's spokesman later distanced the group from the attack. Police said they were investigating how the attacker entered the compound.",
        "Hospitals in the city declared an emergency and appealed for blood donors. Funeral prayers for police officers were held at the compound on Monday evening.",
        "It was one of the deadliest attacks on Pakistan's security forces in years. Militant violence has risen in Khyber Pakhtunkhwa province since the TTP ended a ceasefire with the government in November.",
    ],
)

art(
    slug="tower22-gulfdesk",
    outlet="gulf",
    published="2024-01-29T08:00:00+03:00",
    author="Yusuf Nabulsi",
    title="Three US soldiers killed in drone attack on Tower 22 base in Jordan",
    desc="The one-way drone hit the outpost near the Syrian border on Sunday; 34 troops were injured.",
    section="Jordan",
    body=[
        "Three U.S. Army soldiers were killed and 34 other service members injured when a one-way attack drone struck Tower 22, a small U.S. military outpost in northeast Jordan near the borders with Syria and Iraq, on Sunday, 28 January, U.S. Central Command said.",
        "The drone hit close to the troops' living quarters early in the morning, U.S. officials said, which explains why so many people were hurt. Several of the injured were flown out for further treatment, and officials said the number of wounded could rise as more soldiers were checked for traumatic brain injuries.",
        "They were the first American deaths from hostile fire in the region since the war in Gaza began in October. President Joe Biden said the attack had been carried out by radical Iran-backed militant groups operating in Syria and Iraq, and promised that the United States would respond at a time and in a manner of its choosing.",
        "The Islamic Resistance in Iraq, an umbrella group of Iran-aligned militias, said it had launched drones at several bases on the Jordan-Syria border on Sunday. Iran's foreign ministry said Tehran had no involvement.",
        "Tower 22 sits near Rukban, a few kilometres from the U.S. garrison at al-Tanf in Syria, and is used to support the coalition against the Islamic State. Jordan condemned the attack and said no Jordanian troops were hurt.",
    ],
)

art(
    slug="tower22-meridian",
    outlet="meridian",
    published="2024-01-28T21:40:00+00:00",
    author="Meridian Wire staff",
    guid="urn:meridian-wire:story:2024-01-28:40377",
    title="Drone attack kills three U.S. troops at outpost in Jordan",
    desc="Biden blamed Iran-backed militias for the strike on Tower 22, near the Syrian border.",
    dateline="WASHINGTON, Jan 28 (Meridian Wire)",
    body=[
        "Three U.S. service members were killed and 34 injured on Sunday when a drone struck a U.S. base in northeastern Jordan near the Syrian border, the U.S. military said, the first American troops killed by hostile fire in the Middle East since the Gaza war began.",
        "U.S. officials identified the site as Tower 22, a logistics outpost near the Rukban area that supports U.S. forces at the al-Tanf garrison just across the border in Syria.",
        "President Joe Biden said the attack had been carried out by radical militant groups backed by Iran and operating in Syria and Iraq, and vowed to hold those responsible to account. The Islamic Resistance in Iraq, an alliance of Iran-aligned militias, claimed drone attacks on bases along the border. Iran denied any role.",
        "U.S. forces in Iraq, Syria and Jordan have come under repeated rocket and drone fire since October, but until Sunday no American had been killed.",
    ],
)

art(
    slug="crocus-northbridge",
    outlet="northbridge",
    published="2024-03-24T22:00:00+00:00",
    author="Ilse Marchetti",
    title="Crocus City Hall: what we know about the attack near Moscow",
    desc="Gunmen killed 133 people at a concert hall in Krasnogorsk on Friday; Islamic State has claimed the attack.",
    section="World / Europe",
    body=[
        "Russia observed a day of national mourning on Sunday for the victims of Friday's attack on Crocus City Hall, a concert venue in Krasnogorsk on the western edge of Moscow, where gunmen killed 133 people and injured 154, according to Russian investigators and the health ministry.",
        "Shortly before 8pm on 22 March, as fans gathered for a sold-out concert by the rock band Picnic, four men in camouflage walked into the building and opened fire with automatic rifles in the foyer and the auditorium. They then set the hall on fire; part of the roof later collapsed. Investigators said many victims died from gunshot wounds and others from smoke.",
        "The Islamic State group claimed the attack through its Amaq news agency, and U.S. officials said they believed its Afghanistan-based branch, Islamic State Khorasan Province, was responsible. Washington said it had warned Moscow earlier in March of a possible attack on a large gathering.",
        "Russia's FSB security service said 11 people had been detained, including the four suspected gunmen, who were caught in the Bryansk region. President Vladimir Putin said they had been heading for the Ukrainian border. Kyiv denied any involvement.",
        "It is the deadliest attack in Russia since the Beslan school siege in 2004.",
    ],
)

art(
    slug="crocus-meridian",
    outlet="meridian",
    published="2024-03-24T20:30:00+00:00",
    author="Meridian Wire staff",
    guid="urn:meridian-wire:story:2024-03-24:41502",
    title="Death toll in Moscow concert hall attack rises to 133",
    desc="Four gunmen opened fire and set the Crocus City Hall ablaze on Friday; Islamic State claimed responsibility.",
    dateline="MOSCOW, March 24 (Meridian Wire)",
    body=[
        "The number of people killed in Friday's gun attack on the Crocus City Hall concert venue in Krasnogorsk, near Moscow, has risen to 133, Russian officials said on Sunday, and 154 people were injured, according to the health ministry.",
        "Four gunmen stormed the venue before a rock concert on Friday evening, firing on the crowd and setting the building alight. Rescue teams spent two days searching the burnt-out hall.",
        "Islamic State claimed responsibility. U.S. officials said the group's Afghan branch, known as ISIS-K, was behind the attack. Russian authorities said 11 people were in custody, four of them accused of being the gunmen.",
        "Sunday was declared a national day of mourning, and people laid flowers outside the venue and at memorials across the country.",
        "Investigators said the victims died of gunshot wounds and of smoke from the fire, which destroyed much of the auditorium. Thousands of people queued in Moscow to give blood for the injured, many of whom remained in hospital on Sunday.",
    ],
)

art(
    slug="kabul-indus",
    outlet="indus",
    published="2021-08-28T10:00:00+05:00",
    author="Farid Ahmadzai",
    guid="https://indusledger.example/?p=51877",
    title="Kabul airport bombing: death toll rises to at least 183",
    desc="An Islamic State suicide bomber struck crowds at Abbey Gate on Thursday as evacuation flights continued.",
    section="Afghanistan",
    body=[
        "At least 183 people were killed when a suicide bomber struck crowds outside Kabul's Hamid Karzai International Airport on Thursday, 26 August, among them 13 U.S. service members, according to U.S. and Afghan officials. Scores more were wounded.",
        "The bomber blew himself up near Abbey Gate, one of the entrances where U.S. Marines were searching Afghans trying to reach evacuation flights, late in the afternoon. Hundreds of people had been waiting in and around a drainage canal beside the gate. U.S. commanders initially said gunmen had opened fire after the explosion.",
        "The Islamic State group's regional branch, Islamic State Khorasan Province, claimed the attack. The Taliban, who took control of Kabul on 15 August, condemned it and said the area was under U.S. control.",
        "Western governments had warned on Wednesday of an imminent threat of an attack at the airport and told their citizens to stay away. The Pentagon later said there had been only one explosion, correcting earlier reports of a second blast at a nearby hotel.",
        "Evacuation flights resumed on Friday under heavy security ahead of the U.S. deadline of 31 August to withdraw its troops.",
    ],
)

art(
    slug="kabul-sahel",
    outlet="sahel",
    published="2021-08-28T09:00:00+00:00",
    author="Sahel Observer world desk",
    title="Suicide bombing at Kabul airport gate kills at least 183",
    desc="Islamic State's Afghan affiliate claimed Thursday's attack on crowds seeking to flee Afghanistan.",
    section="World",
    body=[
        "A suicide bombing at an entrance to Kabul airport on Thursday killed at least 183 people, including 13 American troops, making it the deadliest day for U.S. forces in Afghanistan in a decade, officials said.",
        "The attacker detonated an explosive vest among a crowd of Afghans gathered at Abbey Gate of Hamid Karzai International Airport, where U.S. and British troops were checking documents of people hoping to board evacuation flights. Many of the victims were standing in a sewage canal that runs alongside the airport wall.",
        "Islamic State Khorasan Province, the Afghan branch of the Islamic State group and a rival of the Taliban, said one of its members carried out the bombing. U.S. President Joe Biden told those responsible that the United States would hunt them down.",
        "Hospitals in Kabul were overwhelmed with wounded on Thursday night, and relatives went from ward to ward looking for missing family members.",
        "More than 100,000 people have been flown out of Kabul since the Taliban entered the city on 15 August. Several Western countries have ended their airlifts.",
    ],
)

# --- non-events ---
art(
    slug="rail-strike-northbridge",
    outlet="northbridge",
    published="2022-06-21T17:45:00+01:00",
    author="Harriet Bale",
    title="Britain's biggest rail strike in 30 years brings network to a halt",
    desc="Only about one in five trains ran on Tuesday as 40,000 RMT members walked out in a dispute over pay and jobs.",
    section="UK / Business",
    body=[
        "Most of Britain's railway network stood still on Tuesday as about 40,000 members of the RMT union at Network Rail and 13 train operating companies walked out in the biggest rail strike in three decades.",
        "Only around one in five scheduled trains ran, mostly on main lines between 7.30am and 6.30pm, and large parts of Scotland and Wales had no service at all. Stations in London, Manchester and Birmingham were quiet as commuters worked from home or took to the roads. London Underground services were also disrupted by a separate walkout.",
        "The union is demanding a pay rise that keeps pace with inflation, now above 9 per cent, and guarantees against compulsory redundancies as the industry tries to cut costs after the pandemic. Mick Lynch, the RMT's general secretary, joined a picket line at Euston and said the strikes would go on until members got a fair deal.",
        "The transport secretary, Grant Shapps, said the walkout was a stunt that would hurt the people it claimed to help, and the government plans to change the law so agency workers can cover for striking staff.",
        "Further strike days are set for Thursday and Saturday, and disruption is expected to spill into the days in between.",
    ],
)

art(
    slug="worldcup-final-indus",
    outlet="indus",
    published="2022-12-19T01:30:00+05:00",
    author="Ali Raza Shah",
    guid="https://indusledger.example/?p=57701",
    title="Messi finally lifts the World Cup after epic final against France",
    desc="Argentina beat France on penalties after a 3-3 draw in Lusail, despite a Mbappe hat-trick.",
    section="Sport",
    body=[
        "Lionel Messi won the World Cup at the fifth attempt on Sunday night as Argentina beat France 4-2 on penalties after a breathless 3-3 draw at the Lusail Stadium in Qatar.",
        "Argentina were cruising at 2-0 through Messi's penalty and a fine finish from Angel Di Maria after a flowing move. Then, in the space of two minutes, Kylian Mbappe turned the final on its head: a penalty in the 80th minute and a thumping volley a moment later that left Emiliano Martinez with no chance.",
        "Messi thought he had won it in extra time when he bundled the ball over the line, but Mbappe completed his hat-trick from the spot with two minutes left, the first hat-trick in a World Cup final since 1966. Martinez then saved Randal Kolo Muani's late strike at point-blank range to keep Argentina alive.",
        "In the shootout, Martinez saved from Kingsley Coman and Aurelien Tchouameni dragged his kick wide before Gonzalo Montiel fired the decisive penalty into the net.",
        "It is Argentina's third world title, after 1978 and 1986. Mbappe took the Golden Boot with eight goals, and Messi was named player of the tournament.",
    ],
)

art(
    slug="abedi-sentencing-northbridge",
    outlet="northbridge",
    published="2020-08-20T16:00:00+01:00",
    author="Harriet Bale",
    title="Manchester Arena bomber's brother jailed for at least 55 years",
    desc="Hashem Abedi was sentenced at the Old Bailey for his part in the 2017 attack that killed 22 people.",
    section="UK",
    body=[
        "Hashem Abedi, the younger brother of the Manchester Arena suicide bomber, was sentenced on Thursday to life in prison with a minimum term of 55 years for helping to plan the 2017 attack that killed 22 people.",
        "Mr Justice Jeremy Baker told the Old Bailey that Abedi, 23, was just as guilty as his brother Salman of the murders of the victims, who included seven children, at the end of an Ariana Grande concert on 22 May 2017. Hundreds of people were injured in the bombing. Salman Abedi died in the explosion.",
        "Abedi was convicted in March of 22 counts of murder, one of attempted murder covering the injured, and conspiracy to cause an explosion. The court heard that he had helped his brother buy chemicals and build the device before leaving for Libya shortly before the attack. He was extradited from Libya in 2019.",
        "He refused to come into court for the sentencing, and the judge said that because he was under 21 at the time of the offence, the law did not allow a whole-life order.",
        "Relatives of the victims, several of whom read statements to the court, said the sentence could not make up for what they had lost. A public inquiry into the bombing is hearing evidence in Manchester.",
    ],
)

art(
    slug="sept11-anniversary-meridian",
    outlet="meridian",
    published="2021-09-11T20:00:00+00:00",
    author="Meridian Wire staff",
    guid="urn:meridian-wire:story:2021-09-11:29055",
    title="U.S. marks 20 years since Sept. 11 attacks with names and silence",
    desc="Biden visited all three sites where nearly 3,000 people were killed in 2001.",
    dateline="NEW YORK, Sept 11 (Meridian Wire)",
    body=[
        "Americans marked the 20th anniversary of the September 11 attacks on Saturday with the reading of victims' names, tolling bells and moments of silence at the times the hijacked planes struck.",
        "In New York, relatives gathered at the National September 11 Memorial, where the twin towers of the World Trade Center stood, and read out the names of the nearly 3,000 people killed in 2001. The ceremony paused at 8.46am, when the first plane hit the north tower, and at the moments the south tower was struck and each tower fell.",
        "President Joe Biden attended the ceremony in New York and then travelled to the memorial near Shanksville, Pennsylvania, where United Airlines Flight 93 crashed, and to the Pentagon in Virginia. Former President George W. Bush, who was in office on the day of the attacks, spoke in Shanksville and called for national unity.",
        "The anniversary came less than two weeks after the last U.S. troops left Afghanistan, ending the war that Washington began after the attacks, which were planned by al Qaeda.",
        "At night, two columns of light rose again over lower Manhattan in tribute to the victims.",
    ],
)

art(
    slug="beirut-port-gulfdesk",
    outlet="gulf",
    published="2020-08-05T12:00:00+03:00",
    author="Rana Khalil",
    title="Beirut counts the cost of port explosion blamed on stored ammonium nitrate",
    desc="At least 100 people were killed and more than 4,000 injured when a warehouse at the port exploded on Tuesday.",
    section="Lebanon",
    body=[
        "Rescuers searched the rubble of Beirut's port on Wednesday after a huge explosion on Tuesday evening killed at least 100 people and injured more than 4,000, according to the Lebanese Red Cross, which said the toll was expected to rise.",
        "The blast, shortly after 6pm on 4 August, sent a mushroom cloud over the city and shattered windows kilometres away. Officials said it was caused by about 2,750 tonnes of ammonium nitrate that had been stored in a port warehouse for six years after being unloaded from a seized ship. A fire at the site is believed to have set off the chemicals.",
        "Prime Minister Hassan Diab said those responsible for keeping the material there would be held to account, and the government ordered port officials who oversaw its storage to be placed under house arrest pending an investigation. Officials said there was no indication of an attack.",
        "Hospitals, several of them damaged, turned wounded people away. The governor of Beirut said up to 300,000 people had been left without homes. The cabinet declared a two-week state of emergency in the capital.",
        "The explosion came as Lebanon was already struggling with its worst economic crisis in decades and a surge in coronavirus cases.",
    ],
)

art(
    slug="gaza-truce-gulfdesk",
    outlet="gulf",
    published="2023-11-22T11:30:00+03:00",
    author="Yusuf Nabulsi",
    title="Israel and Hamas agree four-day truce and hostage exchange",
    desc="The Qatar-brokered deal would free 50 hostages held in Gaza and 150 Palestinian prisoners held by Israel.",
    section="Palestine",
    body=[
        "Israel's cabinet approved early on Wednesday a deal with Hamas for a four-day pause in the fighting in Gaza, during which 50 Israeli women and children held hostage in Gaza would be freed in exchange for 150 Palestinian women and minors held in Israeli prisons.",
        "The agreement, mediated by Qatar with Egypt and the United States, also allows hundreds of trucks of humanitarian aid and fuel into the Gaza Strip each day. Israel said the pause could be extended by one day for every additional ten hostages released. The start time of the truce was expected to be announced within 24 hours.",
        "The health ministry in Hamas-run Gaza says more than 14,000 people have been killed in the territory since the war began on 7 October. Israel says about 1,200 people were killed in the Hamas-led attack on southern Israel that day, and some 240 were taken hostage.",
        "Prime Minister Benjamin Netanyahu said the war would continue after the pause until Israel's aims were achieved. Qatar's foreign ministry said it hoped the deal would lead to a wider agreement.",
        "Families of hostages in Israel welcomed the agreement but said they would not rest until every captive was home.",
    ],
)
