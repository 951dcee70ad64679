"""Fedwire's calendar and hours (kernel/fedwire.py): the edges a wire's value date turns on."""
from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from fivelayer.kernel import calendar, fedwire
from fivelayer.kernel.timeutil import utc

NY = ZoneInfo("America/New_York")


def et(text: str) -> datetime:
    """A New York wall-clock time, as a UTC instant."""
    return utc(datetime.fromisoformat(text).replace(tzinfo=NY))


def paid(text: str) -> tuple[str, str]:
    """(value date, when it is sent in New York time) for a wire asked at `text` ET."""
    quote = fedwire.quote(et(text))
    return quote.value_date.isoformat(), quote.pays_at.astimezone(NY).strftime("%Y-%m-%d %H:%M")


def test_friday_before_the_cutoff_pays_friday_at_once() -> None:
    quote = fedwire.quote(et("2026-11-20T17:00"))
    assert quote.value_date == date(2026, 11, 20) and quote.pays_at == et("2026-11-20T17:00")
    assert "sent at once" in quote.rule


def test_friday_evening_pays_monday_credited_sunday_night() -> None:
    assert paid("2026-11-20T19:30") == ("2026-11-23", "2026-11-22 21:00")
    rule = fedwire.quote(et("2026-11-20T19:30")).rule
    assert "after the 18:00 ET cut-off of Fri 2026-11-20" in rule and "Sat 2026-11-21 is a weekend" in rule


def test_the_cutoff_is_inclusive_to_the_second() -> None:
    assert paid("2026-11-18T18:00:00") == ("2026-11-18", "2026-11-18 18:00")
    assert paid("2026-11-18T18:00:01") == ("2026-11-19", "2026-11-18 21:00")
    assert paid("2026-11-18T18:45") == ("2026-11-19", "2026-11-18 21:00")  # the banks' own hour


def test_the_evening_open_is_the_next_days_value() -> None:
    assert paid("2026-11-19T21:30") == ("2026-11-20", "2026-11-19 21:30")  # Thu night: Fri value, at once
    assert paid("2026-11-19T21:00") == ("2026-11-20", "2026-11-19 21:00")
    assert paid("2026-11-19T20:59") == ("2026-11-20", "2026-11-19 21:00")
    assert paid("2026-11-22T22:00") == ("2026-11-23", "2026-11-22 22:00")  # Sunday night: Monday's window


def test_before_a_monday_holiday_pays_tuesday() -> None:
    # Labor Day, Monday 2026-09-07
    assert paid("2026-09-04T19:30") == ("2026-09-08", "2026-09-07 21:00")
    assert "Mon 2026-09-07 is a Federal Reserve holiday (Labor Day)" in fedwire.quote(et("2026-09-04T19:30")).rule


@pytest.mark.parametrize("day", [date(2026, 10, 12), date(2026, 11, 11)])
def test_columbus_and_veterans_day_are_nyse_sessions_but_not_bank_days(day: date) -> None:
    assert calendar.is_session(day)
    assert not fedwire.is_bank_day(day)
    text = day.isoformat()
    assert paid(f"{text}T10:00")[0] == fedwire.next_bank_day(day).isoformat()


def test_columbus_day_and_veterans_day_quotes() -> None:
    assert paid("2026-10-09T19:30") == ("2026-10-13", "2026-10-12 21:00")  # Fri before Columbus Day: Tue
    assert paid("2026-11-10T17:00") == ("2026-11-10", "2026-11-10 17:00")
    assert paid("2026-11-10T18:30") == ("2026-11-12", "2026-11-11 21:00")  # over Veterans Day (Wed)


def test_a_saturday_holiday_does_not_close_the_friday() -> None:
    assert fedwire.holiday(date(2027, 12, 25)) == "Christmas Day"
    assert fedwire.is_bank_day(date(2027, 12, 24))          # the government observes it Friday; the Fed does not
    assert paid("2027-12-24T12:00") == ("2027-12-24", "2027-12-24 12:00")
    assert paid("2027-12-24T18:30") == ("2027-12-27", "2027-12-26 21:00")
    # 2026-07-04 is a Saturday: the NYSE closes Friday 3 July, the Fed is open
    assert not calendar.is_session(date(2026, 7, 3))
    assert fedwire.is_bank_day(date(2026, 7, 3))
    assert paid("2026-07-03T09:00") == ("2026-07-03", "2026-07-03 09:00")


def test_a_sunday_holiday_closes_the_monday() -> None:
    # Juneteenth 2022 fell on a Sunday: the Fed closed Monday 20 June
    assert not fedwire.is_bank_day(date(2022, 6, 20))
    assert paid("2022-06-17T19:00") == ("2022-06-21", "2022-06-20 21:00")
    # Independence Day 2027 is a Sunday: closed Monday 5 July
    assert paid("2027-07-02T18:30") == ("2027-07-06", "2027-07-05 21:00")


def test_thanksgiving_friday_is_a_bank_day() -> None:
    assert paid("2026-11-25T18:30") == ("2026-11-27", "2026-11-26 21:00")


@pytest.mark.parametrize(("asked", "credited_utc"), [
    ("2026-03-06T19:30", "2026-03-09T01:00:00+00:00"),  # clocks go forward Sun 8 Mar: Sun 21:00 EDT
    ("2026-10-30T19:30", "2026-11-02T02:00:00+00:00"),  # clocks go back Sun 1 Nov: Sun 21:00 EST
])
def test_the_window_follows_new_york_daylight_saving(asked: str, credited_utc: str) -> None:
    assert fedwire.quote(et(asked)).pays_at.isoformat() == credited_utc


def test_the_hours_carry_their_source() -> None:
    from fivelayer.kernel.config import FEDWIRE_HOURS

    assert FEDWIRE_HOURS.opens.hour == 21 and FEDWIRE_HOURS.customer_cutoff.hour == 18
    assert FEDWIRE_HOURS.closes.hour == 19 and "Federal Reserve" in FEDWIRE_HOURS.source


def test_a_quote_far_outside_the_calendar_is_a_callers_error() -> None:
    from fivelayer.kernel.errors import DomainError

    for year in (1, 9999):
        with pytest.raises(DomainError) as refused:
            fedwire.quote(datetime(year, 6, 1, 12))
        assert refused.value.reason == "INVALID_ARGUMENT"
