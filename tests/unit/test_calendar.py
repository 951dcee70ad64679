"""Calendar rules: sessions, holidays, early closes, and T+1 on settlement days."""
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from fivelayer.kernel import calendar
from fivelayer.kernel.errors import DomainError


@pytest.mark.parametrize("trade, settles", [
    (date(2026, 11, 20), date(2026, 11, 23)),   # Friday -> Monday (weekend skipped)
    (date(2026, 10, 9), date(2026, 10, 13)),    # Columbus Day: an NYSE session, not a settlement day
    (date(2026, 11, 10), date(2026, 11, 12)),   # Veterans Day likewise
    (date(2026, 11, 25), date(2026, 11, 27)),   # Thanksgiving: NYSE holiday
    (date(2026, 12, 24), date(2026, 12, 28)),   # Christmas on Friday, then the weekend
    (date(2026, 4, 2), date(2026, 4, 6)),       # Good Friday: NYSE holiday
    (date(2026, 12, 31), date(2027, 1, 4)),     # New Year's Day, then the weekend
])
def test_t_plus_one(trade: date, settles: date) -> None:
    assert calendar.settlement_date(trade) == settles


def test_columbus_and_veterans_day_are_sessions_but_not_settlement_days() -> None:
    for day in (date(2026, 10, 12), date(2026, 11, 11)):
        assert calendar.is_session(day)
        assert not calendar.is_settlement_day(day)


def test_weekends_and_holidays_are_not_sessions() -> None:
    assert not calendar.is_session(date(2026, 11, 21))  # Saturday
    assert not calendar.is_session(date(2026, 11, 26))  # Thanksgiving
    assert not calendar.is_session(date(2026, 7, 3))    # Independence Day observed (July 4 is a Saturday)


def test_early_close_day_after_thanksgiving() -> None:
    opens, closes = calendar.session_hours(date(2026, 11, 27))
    assert opens == datetime(2026, 11, 27, 14, 30, tzinfo=UTC)
    assert closes == datetime(2026, 11, 27, 18, 0, tzinfo=UTC)  # 13:00 ET
    assert calendar.market_open_at(datetime(2026, 11, 27, 17, 59, tzinfo=UTC))
    assert not calendar.market_open_at(datetime(2026, 11, 27, 18, 0, tzinfo=UTC))


def test_market_hours_edges() -> None:
    assert not calendar.market_open_at(datetime(2026, 11, 23, 14, 29, 59, tzinfo=UTC))
    assert calendar.market_open_at(datetime(2026, 11, 23, 14, 30, tzinfo=UTC))
    assert not calendar.market_open_at(datetime(2026, 11, 23, 21, 0, tzinfo=UTC))


def test_next_open_from_friday_evening_is_monday() -> None:
    friday_evening = datetime(2026, 11, 20, 23, 0, tzinfo=UTC)
    assert calendar.next_open(friday_evening) == datetime(2026, 11, 23, 14, 30, tzinfo=UTC)
    assert calendar.current_or_next_session(friday_evening) == date(2026, 11, 23)


def test_daylight_saving_shifts_the_open_in_utc() -> None:
    assert calendar.session_hours(date(2026, 7, 1))[0] == datetime(2026, 7, 1, 13, 30, tzinfo=UTC)


def test_the_machine_table_is_the_libraries_answer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Services read the calendar from a table the libraries built; read back, it is the same."""
    monkeypatch.setenv("FIVELAYER_CACHE", str(tmp_path))
    built = calendar._build()
    calendar._write(calendar._cache_file(), built)
    read = calendar._read(calendar._cache_file())
    assert read == built and len(read.hours) > 2700
    assert read.hours[date(2026, 11, 27)] == (datetime(2026, 11, 27, 14, 30, tzinfo=UTC),
                                              datetime(2026, 11, 27, 18, 0, tzinfo=UTC))  # early close
    assert date(2026, 11, 26) not in read.hours and date(2026, 10, 12) not in read.bank_days


@pytest.mark.parametrize("instant", [datetime(398, 12, 8, tzinfo=UTC), datetime(2031, 1, 2, 15, tzinfo=UTC)])
def test_a_day_outside_the_calendar_is_bad_input_not_a_crash(instant: datetime) -> None:
    """Found by REST fuzzing: MarketData.GetPrice at year 398 was a 500; now a 400 with a reason."""
    with pytest.raises(DomainError) as caught:
        calendar.market_open_at(instant)
    assert caught.value.reason == "INVALID_ARGUMENT"
    assert caught.value.http_status == 400
    assert isinstance(caught.value, ValueError)  # what code asking the calendar caught before
