from datetime import date

from strikewatch.processors.dates import find_dates

FRIDAY = date(2024, 3, 22)


def first(text, published=FRIDAY):
    found = find_dates(text, published)
    return (found[0].value, found[0].precision) if found else None


def test_weekday_before_published():
    assert first("The strike happened on Tuesday.") == (date(2024, 3, 19), "day")
    assert first("Gunmen attacked a bus late on Friday.") == (FRIDAY, "day")
    assert first("It happened last Friday.") == (date(2024, 3, 15), "day")


def test_relative_days():
    assert first("Drones hit the city last night.") == (date(2024, 3, 21), "day")
    assert first("A bomb exploded yesterday.") == (date(2024, 3, 21), "day")
    assert first("Shelling resumed this morning.") == (FRIDAY, "day")
    assert first("Fighting flared last week.") == (date(2024, 3, 15), "week")


def test_absolute_dates():
    assert first("on 21 November 2023 militants fired") == (date(2023, 11, 21), "day")
    assert first("On November 21, 2023, two drones") == (date(2023, 11, 21), "day")
    assert first("date 2023-11-21 In a recent incident") == (date(2023, 11, 21), "day")
    assert first("in March 2022") == (date(2022, 3, 1), "month")


def test_year_inferred_from_published():
    assert first("On November 21, two drones") == (date(2023, 11, 21), "day")
    assert first("On March 20, two drones") == (date(2024, 3, 20), "day")


def test_without_published():
    assert first("on 21 November 2023", None) == (date(2023, 11, 21), "day")
    assert first("on Tuesday", None) is None


def test_garbage_does_not_crash():
    text = "2024-02-30 31 November 2023 May 99 0000-00-00 " * 50 + "12/12/12 Tuesday's 2023-13-01"
    find_dates(text, FRIDAY)
    find_dates(text, None)
    assert first("It may rain.") is None


def test_days_counted_back_from_the_report():
    assert first("The prison was set alight the day before.") == (date(2024, 3, 21), "day")
    assert first("Two days earlier, gunmen had struck.") == (date(2024, 3, 20), "day")
    assert first("He drove at the crowd the previous evening.") == (date(2024, 3, 21), "day")
    # "the day before the vote" is counted from the vote, not from the report
    assert first("Rallies were held the day before the vote.") is None


def test_the_weekend_is_the_saturday_before():
    assert first("Officials raised the toll from the weekend assault.") == (
        date(2024, 3, 16),
        "week",
    )
    sunday = date(2024, 3, 24)
    assert first("after the weekend attack", sunday) == (date(2024, 3, 23), "week")
