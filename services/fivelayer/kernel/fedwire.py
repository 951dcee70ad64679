"""When a wire asked for at an instant is paid: Fedwire's calendar and hours, as a pure rule.

A bank day is a weekday that is not a Federal Reserve holiday. The Fed's holidays are the federal ones
with one difference from the government's observance: a holiday on a Sunday closes the Monday after,
but one on a Saturday moves nowhere (the Reserve Banks are open that Friday: Christmas 2027, a Saturday,
leaves Friday 24 December a bank day). Columbus Day and Veterans Day close the Fed but not the NYSE.
The holidays come from the `holidays` library's Federal Reserve calendar (XFED), not a hand-kept list.

The funds service for bank day D opens at 21:00 ET on the calendar evening before D and takes customer
transfers until 18:00 ET on D (it closes 19:00 ET; the last hour is for banks' own settlement). The hours
and their source are `config.FEDWIRE_HOURS`. A wire asked at t:

- inside [open, cut-off] of a bank day D: sent at t, value date D;
- otherwise: sent when the next bank day's window opens (21:00 ET the evening before it), value that day.

So Friday 17:00 ET pays Friday; Friday 19:30 ET pays Monday, credited Sunday 21:00 ET (Tuesday's window,
Monday 21:00 ET, when Monday is a holiday); Thursday 21:30 ET is already Friday's value date.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo

from fivelayer.kernel.config import FEDWIRE_HOURS, FedwireHours
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.reasons import Common
from fivelayer.kernel.timeutil import utc

NEW_YORK = ZoneInfo(FEDWIRE_HOURS.zone)
MAX_SEARCH_DAYS = 14  # no run of non-bank days is this long
FIRST_YEAR, LAST_YEAR = 1999, 2199  # the span quotes are given for (far past and future dates are a caller's error)


@dataclass(frozen=True)
class WireQuote:
    value_date: date
    pays_at: datetime   # UTC: the instant the wire is sent and credited
    rule: str           # why, in words


@cache
def _holidays(year: int) -> dict[date, str]:
    import holidays  # a small library, but only the chain service (the stablecoin issuer) needs it

    return dict(holidays.financial_holidays("XFED", years=year).items())


def holiday(day: date) -> str:
    """The Federal Reserve holiday on `day` ("" if none); a Saturday one stays on the Saturday."""
    return _holidays(day.year).get(day, "")


def is_bank_day(day: date) -> bool:
    """A weekday the Federal Reserve Banks are open."""
    return day.weekday() < 5 and not holiday(day)


def window(day: date, hours: FedwireHours = FEDWIRE_HOURS) -> tuple[datetime, datetime]:
    """Bank day `day`'s window for customer transfers, UTC: the evening-before open to the cut-off."""
    opens = datetime.combine(day - timedelta(days=1), hours.opens, NEW_YORK)
    cutoff = datetime.combine(day, hours.customer_cutoff, NEW_YORK)
    return utc(opens), utc(cutoff)


def _day_text(day: date) -> str:
    return f"{day:%a} {day.isoformat()}"


def _why_not(day: date) -> str:
    if day.weekday() >= 5:
        return f"{_day_text(day)} is a weekend"
    return f"{_day_text(day)} is a Federal Reserve holiday ({holiday(day)})"


def next_bank_day(day: date) -> date:
    """The first bank day strictly after `day`."""
    for offset in range(1, MAX_SEARCH_DAYS + 1):
        if is_bank_day(candidate := day + timedelta(days=offset)):
            return candidate
    raise AssertionError(f"no bank day within {MAX_SEARCH_DAYS} days after {day}")


def quote(at: datetime, hours: FedwireHours = FEDWIRE_HOURS) -> WireQuote:
    """When a customer wire asked for at `at` is sent, for which value date, and why."""
    at = utc(at)
    if not FIRST_YEAR <= at.year <= LAST_YEAR:
        raise DomainError(Common.INVALID_ARGUMENT, f"Fedwire's calendar here covers {FIRST_YEAR} to {LAST_YEAR}, not "
                          f"{at.year}", first_year=FIRST_YEAR, last_year=LAST_YEAR)
    local = at.astimezone(NEW_YORK)
    # the window `at` falls in belongs to today, or to tomorrow once tonight's open has passed
    day = local.date() + timedelta(days=1) if local.time() >= hours.opens else local.date()
    stamp = f"{local:%a %Y-%m-%d %H:%M} ET"
    if is_bank_day(day):
        opens, cutoff = window(day, hours)
        if opens <= at <= cutoff:
            return WireQuote(day, at, f"{stamp} is inside the funds service window of bank day {_day_text(day)} "
                                      f"(opens {hours.opens:%H:%M} ET the evening before, customer transfers cut "
                                      f"off {hours.customer_cutoff:%H:%M} ET): sent at once")
        skipped = [f"after the {hours.customer_cutoff:%H:%M} ET cut-off of {_day_text(day)}"]
    else:
        skipped = [_why_not(day)]
    value = next_bank_day(day)
    skipped += [_why_not(d) for d in (day + timedelta(days=n) for n in range(1, (value - day).days))]
    opens = window(value, hours)[0]
    return WireQuote(value, opens, f"{stamp}: " + "; ".join(skipped) + f"; sent when bank day {_day_text(value)}'s "
                                   f"window opens, {opens.astimezone(NEW_YORK):%a %H:%M} ET the evening before")
