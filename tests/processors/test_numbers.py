from strikewatch.processors.numbers import Quantity, find_casualties, parse_quantity, word_to_int


def test_word_numbers():
    assert word_to_int("eight") == 8
    assert word_to_int("twenty-one") == 21
    assert word_to_int("a dozen") == 12
    assert word_to_int("1,200") == 1200
    assert word_to_int("one hundred and twenty") == 120


def test_quantities():
    assert parse_quantity("at least 12") == Quantity(12, True)
    assert parse_quantity("more than 100") == Quantity(100, True)
    assert parse_quantity("12 to 15") == Quantity(12, True)
    assert parse_quantity("between 12 and 15") == Quantity(12, True)
    assert parse_quantity("dozens") == Quantity(24, True)
    assert parse_quantity("several") is None


def test_eight_injuries():
    assert find_casualties("The blast resulted in eight injuries.") == (None, Quantity(8, False))


def test_at_least_killed():
    assert find_casualties("At least 61 people were killed in the attack.").killed == Quantity(
        61, True
    )


def test_killing_and_wounding_dozens():
    killed, injured = find_casualties(
        "A car bomb exploded at a checkpoint, killing 12 and wounding dozens."
    )
    assert killed == Quantity(12, False)
    assert injured == Quantity(24, True)


def test_more_than_and_words():
    assert find_casualties("More than 100 people died.").killed == Quantity(100, True)
    assert find_casualties("Twenty-one soldiers were killed.").killed == Quantity(21, False)
    assert find_casualties("Between 12 and 15 civilians were wounded.").injured == Quantity(
        12, True
    )


def test_toll_and_appositions():
    c = find_casualties(
        "The death toll from Monday's bombing at the market has risen to at least 93, with more than 150 wounded."
    )
    assert c == (Quantity(93, True), Quantity(150, True))
    assert find_casualties("50 people, including five children, were killed.").killed == Quantity(
        50, False
    )


def test_none_and_vague():
    assert find_casualties("No one was hurt.") == (Quantity(0, False), Quantity(0, False))
    assert find_casualties("Scores more were wounded.") == (None, None)
    assert find_casualties("Several people were killed.") == (None, None)


def test_years_are_not_counts():
    assert find_casualties("In 2014 fighters killed 2015 people.").killed is None


def test_numbers_separate_fields():
    c = find_casualties("Gunmen killed 12 and 30 were wounded.")
    assert c == (Quantity(12, False), Quantity(30, False))


def test_two_groups_of_victims_are_added():
    c = find_casualties(
        "A boy opened fire at his school, killing eight children and a security guard "
        "and wounding six pupils and a teacher."
    )
    assert c == (Quantity(9, False), Quantity(7, False))
    assert find_casualties(
        "The gunman killed 19 children and two teachers at the school."
    ).killed == Quantity(21, False)
    assert find_casualties(
        "Three women and six children from one family were killed on Monday."
    ).killed == Quantity(9, False)
    assert find_casualties("A cameraman and another worker were wounded.").injured == Quantity(
        2, False
    )
    assert find_casualties(
        "The bomb went off under a van, killing 10 members of a reserve guard unit and their driver."
    ).killed == Quantity(11, False)


def test_sums_stop_at_verbs_attackers_and_ranges():
    assert find_casualties("Gunmen killed 12 people and wounded 30 others.") == (
        Quantity(12, False),
        Quantity(30, False),
    )
    assert find_casualties("Troops killed two soldiers and three attackers.").killed == Quantity(
        2, False
    )
    assert find_casualties("Between 12 and 15 civilians were wounded.").injured == Quantity(
        12, True
    )


def test_bodies_treated_and_left_dead():
    assert find_casualties("The hospital received the bodies of 29 children.").killed == Quantity(
        29, False
    )
    assert find_casualties(
        "Forty-eight people, including young children, were being treated for gunshot wounds."
    ).injured == Quantity(48, False)
    assert find_casualties(
        "The siege left 28 people of at least 18 nationalities dead."
    ).killed == Quantity(28, False)
    assert find_casualties("Eight people were in a critical condition.").injured == Quantity(
        8, False
    )


def test_attackers_are_not_victims():
    assert find_casualties("All five attackers were killed, police said.").killed is None


def test_one_named_victim():
    assert find_casualties("A gunman shot dead two fans and wounded a third man.") == (
        Quantity(2, False),
        Quantity(1, False),
    )
    assert find_casualties(
        "A rocket attack killed an American civilian contractor."
    ).killed == Quantity(1, False)
    assert find_casualties("A guard was shot in the leg.").injured == Quantity(1, False)


def test_hours_days_and_kilometres_are_no_victims():
    assert find_casualties(
        "He underwent about 16 hours of surgery for wounds to his head and chest."
    ) == (None, None)
    assert find_casualties("Five days of fighting left the town dead quiet.").killed is None
    assert find_casualties("Twelve soldiers were wounded.").injured == Quantity(12, False)


def test_attackers_killed_and_a_denied_toll_are_told_apart():
    assert find_casualties("Police say 14 of the attackers died.").killed is None
    assert find_casualties("Fourteen of the soldiers died.").killed == Quantity(14, False)
    assert find_casualties("None of them was killed.").killed == Quantity(0, False)
    assert find_casualties(
        "Police identified the officer killed in the morning attack as Colonel Vanoyan."
    ).killed == Quantity(1, False)
