from common import A

A(
    "lk-easter-2019",
    "2019-04-22T05:00:00Z",
    "Wikipedia: 2019 Sri Lanka Easter bombings",
    "Sri Lanka reels after Easter Sunday bombings at churches and hotels",
    """COLOMBO - Suicide bombers struck three churches and three luxury hotels across Sri Lanka on Easter Sunday, killing more than 250 people and wounding about 500 in the deadliest violence the island has seen since its civil war ended in 2009.

The blasts tore through St Anthony's Shrine in Colombo, St Sebastian's Church in Negombo and Zion Church in Batticaloa during morning services, while the Shangri-La, Cinnamon Grand and Kingsbury hotels in the capital were hit around breakfast time.

Officials blamed a little-known local Islamist group, National Thowheeth Jama'ath. A curfew was imposed and social media platforms were blocked.""",
    [("suicide_bombing", "2019-04-21", "LK", "Colombo", "National Thowheeth Jama'ath", 250, 500)],
)

A(
    "gb-manchester-2017",
    "2017-05-23T07:30:00Z",
    "Wikipedia: Manchester Arena bombing",
    "Explosion at Manchester Arena concert",
    """Twenty-two people, including children, were killed and 59 injured when a man detonated a homemade bomb as fans streamed out of an Ariana Grande concert at Manchester Arena late on Monday, police said.

Greater Manchester Police said the attacker, who died at the scene, had acted alone and was carrying an improvised explosive device. Prime Minister Theresa May called it a "callous terrorist attack".

The blast happened in the foyer connecting the arena to Victoria railway station shortly after 22:30.""",
    [("suicide_bombing", "2017-05-22", "GB", "Manchester", None, 22, 59)],
)

A(
    "nz-christchurch-2019",
    "2019-03-15T11:00:00Z",
    "Wikipedia: Christchurch mosque shootings",
    "Gunman kills dozens at two Christchurch mosques",
    """A gunman opened fire on worshippers at two mosques in Christchurch during Friday prayers, killing 49 people in what Prime Minister Jacinda Ardern called one of New Zealand's darkest days.

Forty-eight people, including young children, were being treated for gunshot wounds at Christchurch Hospital, health officials said. The attacks took place at the Al Noor mosque on Deans Avenue and at a second mosque in the suburb of Linwood.

A man in his late twenties has been charged with murder and will appear in court on Saturday.""",
    [("shooting", "2019-03-15", "NZ", "Christchurch", None, 49, 48)],
)

A(
    "fr-nice-2016",
    "2016-07-15T06:00:00Z",
    "Wikipedia: 2016 Nice truck attack",
    "Truck ploughs into Bastille Day crowd in Nice",
    """NICE, France - A man drove a 19-tonne truck into crowds celebrating Bastille Day on the Promenade des Anglais on Thursday night, killing at least 84 people before he was shot dead by police.

The driver zigzagged along the seafront for about two kilometres as families watched the fireworks. Dozens of people were in critical condition, the interior ministry said.

President Francois Hollande extended the state of emergency declared after the November attacks in Paris.""",
    [("vehicle_ramming", "2016-07-14", "FR", "Nice", None, 84, None)],
)

A(
    "iq-ainalasad-2020",
    "2020-01-08T08:00:00Z",
    "Wikipedia: Operation Martyr Soleimani",
    "Iran fires missiles at bases housing U.S. troops in Iraq",
    """Iran launched more than a dozen ballistic missiles early on Wednesday at two Iraqi bases hosting American and coalition forces, in retaliation for the U.S. drone strike that killed General Qassem Soleimani.

The Islamic Revolutionary Guard Corps said it targeted Ain al-Asad air base in Anbar province and a facility in Erbil. Iraq's military said no Iraqi personnel were hurt, and U.S. officials said initial assessments showed no American casualties.

President Donald Trump wrote on Twitter that "All is well!" and said damage was being assessed.""",
    [
        (
            "missile_attack",
            "2020-01-08",
            "IQ",
            "Ain al-Asad Air Base",
            "Islamic Revolutionary Guard Corps",
            0,
            0,
        )
    ],
)

A(
    "sa-abqaiq-2019",
    "2019-09-14T15:00:00Z",
    "Wikipedia: 2019 Abqaiq–Khurais attack",
    "Drone attacks set Saudi oil facilities ablaze",
    """Drones struck the world's largest oil processing facility at Abqaiq and the Khurais oilfield in Saudi Arabia before dawn on Saturday, starting large fires, the interior ministry said.

Yemen's Houthi movement said it had sent ten drones in the attack. The fires were brought under control, and there were no reports of injuries.

The strikes knocked out about half of the kingdom's crude output, according to people familiar with the matter.""",
    [("drone_attack", "2019-09-14", "SA", "Abqaiq", "Houthis", None, 0)],
)

A(
    "jo-tower22-2024",
    "2024-01-28T21:00:00Z",
    "Wikipedia: Tower 22 drone attack",
    "Three U.S. soldiers killed in drone attack in Jordan",
    """Three American service members were killed and at least 34 injured when a one-way attack drone struck a small U.S. outpost in northeastern Jordan near the Syrian border overnight, the Pentagon said on Sunday.

The base, known as Tower 22, supports the U.S. mission at al-Tanf across the border. President Joe Biden blamed "radical Iran-backed militant groups operating in Syria and Iraq" and vowed to respond.

The Islamic Resistance in Iraq, an umbrella of Iran-aligned factions, claimed attacks on three bases near the border. They were the first U.S. troops killed by enemy fire in the region since the Gaza war began.""",
    [("drone_attack", "2024-01-28", "JO", "Tower 22", "Islamic Resistance in Iraq", 3, 34)],
)

A(
    "no-oslo-utoya-2011",
    "2011-07-23T09:00:00Z",
    "Wikipedia: 2011 Norway attacks",
    "Norway bomb and island shooting leave scores dead",
    """OSLO - A car bomb ripped through the government quarter in central Oslo on Friday afternoon, killing seven people and damaging the building that houses the prime minister's office.

Less than two hours later a man dressed as a police officer opened fire at a Labour Party youth camp on the island of Utoya, about 40 km north-west of the capital. Police said at least 80 young people were killed on the island.

A 32-year-old Norwegian man was arrested on Utoya and police believe he was responsible for both attacks.""",
    [
        ("bombing", "2011-07-22", "NO", "Oslo", None, 7, None),
        ("shooting", "2011-07-22", "NO", "Utoya", None, 80, None),
    ],
)

A(
    "so-mogadishu-2017",
    "2017-10-15T10:00:00Z",
    "Wikipedia: 14 October 2017 Mogadishu bombings",
    "Truck bomb kills hundreds in Mogadishu",
    """A truck packed with explosives blew up at a busy junction in Mogadishu on Saturday, killing at least 231 people and wounding more than 275, officials said on Sunday, in the deadliest single attack in Somalia's history.

The blast at the K5 intersection in Hodan district flattened a hotel and set dozens of vehicles on fire. Rescue workers were still pulling bodies from the rubble.

No group has claimed the bombing, but officials blamed al Shabaab, which has waged an insurgency against the government for a decade.""",
    [("bombing", "2017-10-14", "SO", "Mogadishu", "al-Shabaab", 231, 275)],
)

A(
    "so-mogadishu-2022",
    "2022-10-30T08:00:00Z",
    "Wikipedia: October 2022 Mogadishu bombings",
    "Twin car bombs at Somali education ministry kill 100",
    """At least 100 people were killed and 300 wounded when two car bombs exploded minutes apart outside the education ministry in Mogadishu on Saturday, President Hassan Sheikh Mohamud said.

The second blast struck as ambulances and onlookers gathered at the Zobe intersection. Al Shabaab said it carried out the bombings, calling the ministry an "enemy base".""",
    [("bombing", "2022-10-29", "SO", "Mogadishu", "al-Shabaab", 100, 300)],
)

A(
    "ke-westgate-2013",
    "2013-09-22T07:00:00Z",
    "Wikipedia: Westgate shopping mall attack",
    "Gunmen storm Nairobi mall",
    """Islamist gunmen stormed the upscale Westgate shopping centre in Nairobi on Saturday, spraying shoppers with gunfire and lobbing grenades, killing at least 39 people and wounding more than 150, Kenyan officials said.

Somalia's al Shabaab said it was behind the attack in retaliation for Kenya's military operations in Somalia. Security forces were still trying to flush the attackers out of the building overnight, and an unknown number of hostages were being held inside.""",
    [("armed_assault", "2013-09-21", "KE", "Nairobi", "al-Shabaab", 39, 150)],
)

A(
    "ke-garissa-2015",
    "2015-04-03T06:00:00Z",
    "Wikipedia: Garissa University College attack",
    "Al Shabaab gunmen kill 147 at Kenyan university",
    """Gunmen from Somalia's al Shabaab stormed a university campus in Garissa in north-east Kenya on Thursday, killing 147 people, most of them students, before security forces ended a siege of nearly 15 hours.

The attackers singled out Christians and held dozens hostage in a dormitory, survivors said. Interior Minister Joseph Nkaissery said 79 people were wounded and four attackers were killed.""",
    [("armed_assault", "2015-04-02", "KE", "Garissa", "al-Shabaab", 147, 79)],
)

A(
    "ke-dusit-2019",
    "2019-01-16T09:00:00Z",
    "Wikipedia: 2019 Nairobi DusitD2 complex attack",
    "Nairobi hotel siege over, 14 dead",
    """Kenyan security forces ended a siege at the DusitD2 hotel complex in Nairobi on Wednesday morning, nearly 20 hours after militants set off a suicide blast and opened fire on the compound.

President Uhuru Kenyatta said 14 people were killed and all the attackers had been "eliminated". Al Shabaab claimed responsibility for the assault on the complex in the Westlands district, which houses offices, banks and restaurants.""",
    [("armed_assault", "2019-01-15", "KE", "Nairobi", "al-Shabaab", 14, None)],
)

A(
    "ml-bamako-2015",
    "2015-11-21T06:00:00Z",
    "Wikipedia: 2015 Bamako hotel attack",
    "Gunmen seize hostages at Bamako hotel",
    """Gunmen shouting "Allahu Akbar" stormed the Radisson Blu hotel in Mali's capital Bamako on Friday and took about 170 guests and staff hostage. At least 19 people were killed before Malian and foreign special forces freed the survivors floor by floor.

The Saharan jihadist group Al Mourabitoun, led by Mokhtar Belmokhtar, claimed the attack. Two gunmen were also killed, officials said.""",
    [("armed_assault", "2015-11-20", "ML", "Bamako", "Al-Mourabitoun", 19, None)],
)

A(
    "bf-ouagadougou-2016",
    "2016-01-16T12:00:00Z",
    "Wikipedia: 2016 Ouagadougou attacks",
    "Burkina Faso hotel siege ends with 28 dead",
    """Burkinabe and French troops retook the Splendid Hotel in Ouagadougou on Saturday after an overnight siege by al Qaeda-linked gunmen that left 28 people of at least 18 nationalities dead.

The attackers had opened fire on the Cappuccino cafe across the street on Friday evening before storming the hotel, which is popular with foreigners and UN staff. Fifty-six people were wounded, the security minister said. Al Qaeda in the Islamic Maghreb claimed responsibility.""",
    [
        (
            "armed_assault",
            "2016-01-15",
            "BF",
            "Ouagadougou",
            "al-Qaeda in the Islamic Maghreb",
            28,
            56,
        )
    ],
)

A(
    "af-kabul-truck-2017",
    "2017-05-31T12:00:00Z",
    "Wikipedia: 31 May 2017 Kabul attack",
    "Huge truck bomb in Kabul diplomatic quarter",
    """A truck bomb hidden in a sewage tanker exploded during the morning rush hour in Kabul's heavily guarded diplomatic quarter on Wednesday, killing at least 90 people and wounding about 400, Afghan officials said.

The blast near Zanbaq Square left a crater several metres deep and shattered windows of embassies hundreds of metres away. The Taliban denied involvement. Afghanistan's intelligence agency blamed the Haqqani network.""",
    [("bombing", "2017-05-31", "AF", "Kabul", "Haqqani network", 90, 400)],
)

A(
    "af-maternity-nangarhar-2020",
    "2020-05-12T16:00:00Z",
    "Wikipedia: May 2020 Afghanistan attacks",
    "Attack on Kabul maternity ward, funeral bombing in east",
    """Gunmen disguised as police attacked a maternity hospital run by Medecins Sans Frontieres in western Kabul on Tuesday, killing at least 16 people, among them two newborn babies and several mothers, the interior ministry said. The assault in the Dasht-e-Barchi area lasted several hours before commandos killed the three attackers.

In a separate attack in eastern Nangarhar province, a suicide bomber blew himself up at the funeral of a police commander, killing 24 mourners and wounding 68 others. Islamic State claimed the funeral bombing.""",
    [
        ("armed_assault", "2020-05-12", "AF", "Kabul", None, 16, None),
        ("suicide_bombing", "2020-05-12", "AF", "Nangarhar", "Islamic State", 24, 68),
    ],
)

A(
    "pk-peshawar-mosque-2023",
    "2023-01-31T06:00:00Z",
    "Wikipedia: 2023 Peshawar mosque bombing",
    "Death toll in Peshawar mosque bombing rises to 93",
    """The death toll from a suicide bombing inside a mosque in a police compound in the Pakistani city of Peshawar rose to 93 on Tuesday as rescuers pulled more bodies from the rubble, officials said.

The bomber struck during afternoon prayers on Monday in the mosque in the Police Lines area, bringing down a wall and part of the roof. More than 220 people were wounded, most of them policemen.

A commander of the Pakistani Taliban initially claimed the bombing, though a spokesman for the group later distanced it from the attack.""",
    [("suicide_bombing", "2023-01-30", "PK", "Peshawar", "Tehrik-i-Taliban Pakistan", 93, 220)],
)

A(
    "pk-aps-2014",
    "2014-12-16T16:00:00Z",
    "Wikipedia: 2014 Peshawar school massacre",
    "Taliban massacre at Peshawar army school",
    """Taliban gunmen stormed an army-run school in the north-western Pakistani city of Peshawar on Tuesday, killing 141 people, 132 of them children, in the deadliest militant attack in the country's history.

Seven attackers wearing suicide vests went from classroom to classroom shooting pupils, survivors said. The army said the siege ended after about eight hours when all the gunmen were killed. The Tehreek-e-Taliban Pakistan said the attack was revenge for a military offensive in North Waziristan.""",
    [("armed_assault", "2014-12-16", "PK", "Peshawar", "Tehrik-i-Taliban Pakistan", 141, None)],
)

A(
    "pk-peshawar-shia-2022",
    "2022-03-04T14:00:00Z",
    "Wikipedia: 2022 Peshawar mosque attack",
    "Blast at Shi'ite mosque in Peshawar kills 56",
    """A suicide bomber attacked a packed Shi'ite mosque in the old city of Peshawar during Friday prayers, killing 56 people and wounding 194, hospital officials said.

Police said the attacker first shot dead two policemen guarding the entrance of the Kocha Risaldar mosque before walking inside and detonating his explosives. Islamic State's Khorasan branch later claimed responsibility.""",
    [
        (
            "suicide_bombing",
            "2022-03-04",
            "PK",
            "Peshawar",
            "Islamic State - Khorasan Province",
            56,
            194,
        )
    ],
)

A(
    "pk-besham-2024",
    "2024-03-26T13:00:00Z",
    "Wikipedia: 2024 Besham attack",
    "Five Chinese engineers killed in Pakistan suicide attack",
    """A suicide bomber rammed an explosives-laden vehicle into a convoy carrying Chinese engineers in north-west Pakistan on Tuesday, killing five Chinese nationals and their Pakistani driver, police said.

The convoy was travelling from Islamabad to the Dasu hydropower project when it was hit near Besham in Shangla district. No group immediately claimed the attack.""",
    [("suicide_bombing", "2024-03-26", "PK", "Besham", None, 6, None)],
)

A(
    "in-pulwama-2019",
    "2019-02-14T17:00:00Z",
    "Wikipedia: 2019 Pulwama attack",
    "Kashmir car bombing kills 40 paramilitary police",
    """At least 40 Indian paramilitary police were killed on Thursday when a suicide bomber rammed a car packed with explosives into their convoy in Indian-controlled Kashmir, the deadliest attack on security forces in the region in decades.

The convoy of more than 70 vehicles carrying members of the Central Reserve Police Force was travelling on the Jammu-Srinagar highway near Lethpora in Pulwama district. The Pakistan-based militant group Jaish-e-Mohammad claimed responsibility.""",
    [("suicide_bombing", "2019-02-14", "IN", "Pulwama", "Jaish-e-Mohammed", 40, None)],
)

A(
    "ph-jolo-2019",
    "2019-01-27T09:00:00Z",
    "Wikipedia: 2019 Jolo Cathedral bombings",
    "Twin blasts hit cathedral on Philippine island of Jolo",
    """Two bombs exploded at a Roman Catholic cathedral on the southern Philippine island of Jolo during Sunday mass, killing at least 20 people and wounding 81, officials said.

The first device went off inside the Cathedral of Our Lady of Mount Carmel, and the second detonated in the parking area as soldiers responded. Islamic State later claimed responsibility, though the military pointed to the Abu Sayyaf faction operating on the island.""",
    [("bombing", "2019-01-27", "PH", "Jolo", "Islamic State", 20, 81)],
)

A(
    "id-surabaya-2018",
    "2018-05-13T10:00:00Z",
    "Wikipedia: 2018 Surabaya bombings",
    "Family of suicide bombers attacks three churches in Surabaya",
    """Suicide bombers from a single family attacked three churches in Indonesia's second-largest city, Surabaya, on Sunday morning, killing at least 13 people and wounding more than 40, police said.

The mother and her two young daughters blew themselves up at one church, while the father drove a car bomb into another and two sons rode a motorbike into the third, national police chief Tito Karnavian said. The family belonged to Jemaah Ansharut Daulah, a network that supports Islamic State.""",
    [("suicide_bombing", "2018-05-13", "ID", "Surabaya", "Jamaah Ansharut Daulah", 13, 40)],
)

A(
    "th-erawan-2015",
    "2015-08-18T03:00:00Z",
    "Wikipedia: 2015 Bangkok bombing",
    "Bomb at Bangkok shrine kills 20",
    """A bomb exploded at the Erawan Shrine in the heart of Bangkok's shopping district on Monday evening, killing 20 people and wounding more than 120, many of them foreign tourists.

The pipe bomb, left in a backpack, went off at about 7 pm at the Hindu shrine at the busy Ratchaprasong intersection. Thailand's military government said the attacker aimed to destroy the economy and tourism.""",
    [("bombing", "2015-08-17", "TH", "Bangkok", None, 20, 120)],
)

A(
    "th-korat-2020",
    "2020-02-09T08:00:00Z",
    "Wikipedia: Nakhon Ratchasima shootings",
    "Thai soldier kills 29 in shooting spree",
    """Thai commandos shot dead a soldier on Sunday morning who had killed 29 people and wounded 57 in a rampage that began at an army camp and ended in a shopping mall in the north-eastern city of Nakhon Ratchasima.

The sergeant major shot his commanding officer over a property dispute, seized weapons and drove to the Terminal 21 mall, where he opened fire on shoppers and held people inside for more than 16 hours.""",
    [("shooting", "2020-02-08", "TH", "Nakhon Ratchasima", None, 29, 57)],
)

A(
    "tr-ataturk-2016",
    "2016-06-29T05:00:00Z",
    "Wikipedia: 2016 Atatürk Airport attack",
    "Suicide attack at Istanbul airport kills 36",
    """Three suicide bombers opened fire and then blew themselves up at the entrance to Istanbul's Ataturk airport on Tuesday night, killing 36 people and wounding 147, Turkish officials said.

Prime Minister Binali Yildirim said initial indications pointed to Islamic State. Taxis ferried the wounded to hospital as flights were suspended at one of the world's busiest airports.""",
    [("suicide_bombing", "2016-06-28", "TR", "Ataturk Airport", "Islamic State", 36, 147)],
)

A(
    "tr-ankara-2015",
    "2015-10-11T06:00:00Z",
    "Wikipedia: 2015 Ankara bombings",
    "Twin blasts at Ankara peace rally kill 95",
    """Two explosions struck a rally of pro-Kurdish and labour activists near Ankara's main railway station on Saturday morning, killing at least 95 people in the deadliest attack of its kind in Turkey, the government said.

Prime Minister Ahmet Davutoglu said there were strong signs that the blasts were carried out by two suicide bombers. Some 246 people were wounded, 48 of them in intensive care. The marchers had gathered to call for an end to violence between the state and Kurdish militants.""",
    [("suicide_bombing", "2015-10-10", "TR", "Ankara", None, 95, 246)],
)

A(
    "tr-istiklal-2022",
    "2022-11-14T07:00:00Z",
    "Wikipedia: 2022 Istanbul bombing",
    "Turkey arrests suspect after Istanbul street blast",
    """Turkish police have detained a Syrian woman suspected of planting the bomb that exploded on Istanbul's busy Istiklal Avenue on Sunday afternoon, killing six people and wounding 81, the interior minister said on Monday.

Minister Suleyman Soylu blamed the Kurdistan Workers' Party (PKK) and its Syrian affiliate for the blast on the pedestrian street. The PKK denied any involvement.""",
    [("bombing", "2022-11-13", "TR", "Istanbul", "Kurdistan Workers' Party", 6, 81)],
)
