"""Dividend withholding at the broker, as a US withholding agent does it: pure rules, no database,
no transport (`accounts` keeps each customer's status, `corporate_actions` applies the rate,
`withholding` deposits the tax and makes the year-end statements).

A customer's tax status is the form the broker has on file [IRS Publication 515]:

- "w9": a US person (Form W-9): nothing withheld.
- "w8ben" / "w8ben_e": a foreign individual / entity (Form W-8BEN / W-8BEN-E) resident for tax
  in `country`: the statutory 30%, or the portfolio-dividend rate of the US income tax treaty with
  that country (the TREATIES table; the form's Part II claim is taken as made for a treaty
  country, as brokers' electronic forms fill it in from the residence).
- "undocumented_us": a US person with no valid W-9 on file: backup withholding, 24%
  (IRC 3406; reported on Form 1099-DIV, deposited with Form 945).
- "undocumented_foreign": no documentation, presumed foreign (the presumption for an offshore
  account's payee): 30% (IRC 1441/1442).

The rate applies to the gross payment and the tax is rounded to the nearest cent, halves up
(0.015 -> 0.02, 0.0149 -> 0.01), as withholding agents round: 30% of 0.01 is 0.003, so nothing is
withheld, and the tax never exceeds the statutory rate by a rounding. A foreign recipient's year
is reported on Form 1042-S (income code 06: dividends paid by US corporations), a US person's on
Form 1099-DIV.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Final

from fivelayer.broker import reasons
from fivelayer.kernel import calendar, corporate_actions
from fivelayer.kernel.countries import US, country_code
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.money import ZERO
from fivelayer.kernel.reasons import Common

W9: Final = "w9"
W8BEN: Final = "w8ben"
W8BEN_E: Final = "w8ben_e"
UNDOCUMENTED_US: Final = "undocumented_us"
UNDOCUMENTED_FOREIGN: Final = "undocumented_foreign"
STATUSES: Final = (W9, W8BEN, W8BEN_E, UNDOCUMENTED_US, UNDOCUMENTED_FOREIGN)
FOREIGN_FORMS: Final = (W8BEN, W8BEN_E)
US_STATUSES: Final = (W9, UNDOCUMENTED_US)          # reported on Form 1099-DIV; the others on Form 1042-S

STATUTORY_RATE: Final = Decimal("0.30")   # IRC 1441/1442: FDAP income of a foreign person
BACKUP_RATE: Final = Decimal("0.24")      # IRC 3406(a)(1), since 2018
INCOME_CODE_DIVIDENDS: Final = "06"       # Form 1042-S: dividends paid by US corporations, general
FORM_1042S, FORM_1099DIV = "1042-S", "1099-DIV"

TREATY_SOURCE: Final = ("IRS Tax Treaty Tables, Table 1 'Tax Rates on Income Other Than Personal Service Income "
                        "Under Chapter 3, Internal Revenue Code, and Income Tax Treaties', column 'Dividends paid by "
                        "U.S. corporations - general' (income code 06), irs.gov/individuals/international-taxpayers/"
                        "tax-treaty-tables")


@dataclass(frozen=True)
class Treaty:
    country: str     # ISO 3166-1 alpha-3
    name: str
    rate: Decimal    # portfolio dividends (code 06; the lower "qualifying" rate needs a 10%+ holding)


# The treaty rate on portfolio dividends, by country of residence [TREATY_SOURCE]. A resident of a
# country not listed (Singapore, Hong Kong, the UAE, Brazil, Jersey ... have no US income tax
# treaty) is withheld at the statutory 30%. Limitation-on-benefits tests, REIT and RIC dividends
# and treaties' special cases are not modelled.
TREATIES: Final[dict[str, Treaty]] = {t.country: t for t in (
    Treaty("AUS", "Australia", Decimal("0.15")),
    Treaty("AUT", "Austria", Decimal("0.15")),
    Treaty("BEL", "Belgium", Decimal("0.15")),
    Treaty("BGR", "Bulgaria", Decimal("0.10")),
    Treaty("CAN", "Canada", Decimal("0.15")),
    Treaty("CHE", "Switzerland", Decimal("0.15")),
    Treaty("CHN", "China", Decimal("0.10")),
    Treaty("DEU", "Germany", Decimal("0.15")),
    Treaty("DNK", "Denmark", Decimal("0.15")),
    Treaty("ESP", "Spain", Decimal("0.15")),
    Treaty("FIN", "Finland", Decimal("0.15")),
    Treaty("FRA", "France", Decimal("0.15")),
    Treaty("GBR", "United Kingdom", Decimal("0.15")),
    Treaty("IND", "India", Decimal("0.25")),
    Treaty("IRL", "Ireland", Decimal("0.15")),
    Treaty("ISR", "Israel", Decimal("0.25")),
    Treaty("ITA", "Italy", Decimal("0.15")),
    Treaty("JPN", "Japan", Decimal("0.10")),
    Treaty("KOR", "Korea, Republic of", Decimal("0.15")),
    Treaty("MEX", "Mexico", Decimal("0.10")),
    Treaty("NLD", "Netherlands", Decimal("0.15")),
    Treaty("NOR", "Norway", Decimal("0.15")),
    Treaty("PHL", "Philippines", Decimal("0.25")),
    Treaty("POL", "Poland", Decimal("0.15")),
    Treaty("PRT", "Portugal", Decimal("0.15")),
    Treaty("ROU", "Romania", Decimal("0.10")),
    Treaty("SWE", "Sweden", Decimal("0.15")),
    Treaty("TUN", "Tunisia", Decimal("0.20")),
    Treaty("TUR", "Turkey", Decimal("0.20")),
    Treaty("ZAF", "South Africa", Decimal("0.15")),
)}


@dataclass(frozen=True)
class Withholding:
    """What a status and country come to: the rate, the year-end form, and why, in words."""

    status: str
    country: str
    rate: Decimal
    form: str        # FORM_1042S or FORM_1099DIV
    basis: str

    @property
    def backup(self) -> bool:
        """Backup withholding (a US person's), deposited apart from chapter 3 tax (Form 945, not 1042)."""
        return self.status == UNDOCUMENTED_US


def check_status(raw: str) -> str:
    status = raw.strip().lower()
    if status not in STATUSES:
        raise DomainError(reasons.Broker.UNKNOWN_TAX_STATUS, f"tax status {raw.strip()!r} is not one of "
                          "w9 (a US person, 0%), w8ben / w8ben_e (a foreign individual / entity: 30% or its "
                          "country's treaty rate), undocumented_us (backup withholding, 24%), undocumented_foreign "
                          "(presumed foreign, 30%)", tax_status=raw.strip())
    return status


def withholding_for(raw_status: str, raw_country: str = "") -> Withholding:
    """The rate and its basis for a status and a country of tax residence (ISO alpha-3; a W-8BEN
    must name one, not the US). Bad input raises a specific error, before anything changes."""
    status, country = check_status(raw_status), country_code(raw_country, "country")
    if status in FOREIGN_FORMS:
        form = "W-8BEN-E" if status == W8BEN_E else "W-8BEN"
        if not country:
            raise DomainError(Common.INVALID_ARGUMENT, f"a {form} names the beneficial owner's country of residence "
                              "for tax: give its ISO 3166-1 alpha-3 code (GBR, DEU, JPN, ...)", tax_status=status)
        if country == US:
            raise DomainError(Common.INVALID_ARGUMENT, f"a {form} is a foreign person's: a US person certifies on a "
                              "W-9 (tax status w9)", tax_status=status, country=country)
        treaty = TREATIES.get(country)
        if treaty is None:
            return Withholding(status, country, STATUTORY_RATE, FORM_1042S,
                               f"{form}, {country}: no US income tax treaty in the table, statutory 30%")
        return Withholding(status, country, treaty.rate, FORM_1042S,
                           f"{form}, {country}: US-{treaty.name} treaty rate on portfolio dividends "
                           f"{treaty.rate * 100:.0f}% (IRS treaty Table 1, income code 06)")
    if status == W9:
        return Withholding(status, country, ZERO, FORM_1099DIV, "W-9: a US person, nothing withheld")
    if status == UNDOCUMENTED_US:
        return Withholding(status, country, BACKUP_RATE, FORM_1099DIV,
                           "no valid W-9 on file: backup withholding 24% (IRC 3406)")
    return Withholding(status, country, STATUTORY_RATE, FORM_1042S,
                       "no documentation, presumed foreign: 30% (IRC 1441)")


def default_status(kind: str, raw_country: str = "", documented: bool | None = None) -> str:
    """The status of an account opened without one. An individual's application certifies its
    status (`documented` unless said otherwise): a W-9 if it is resident for tax in the US (or says
    nowhere), a W-8BEN elsewhere; so does a correspondent's own firm account (a US firm). An
    institution must file its own form: without one it is undocumented, a US person if its country
    is the US, else presumed foreign."""
    country = country_code(raw_country, "country")
    if documented is None:
        documented = kind in ("individual", "firm")
    if country in ("", US):
        return W9 if documented else (UNDOCUMENTED_US if country == US else UNDOCUMENTED_FOREIGN)
    return W8BEN if documented else UNDOCUMENTED_FOREIGN


def withhold(gross: Decimal, rate: Decimal) -> Decimal:
    """Tax withheld on a gross payment: gross x rate, to the nearest cent, halves up (the shared rule,
    `fivelayer.kernel.corporate_actions.withholding`)."""
    return corporate_actions.withholding(gross, rate)


# --- depositing what was withheld -------------------------------------------------------------------

DEPOSIT_HOUR = time(12, 0)   # New York: after the 10:00 dividend allocation


def period_of(instant: datetime) -> str:
    """The deposit period (a calendar month, New York time) an amount withheld at `instant` falls in."""
    return instant.astimezone(calendar.NEW_YORK).strftime("%Y-%m")


def period_bounds(period: str) -> tuple[datetime, datetime]:
    """The UTC instants a "YYYY-MM" period starts at and ends before (New York midnights)."""
    year, month = (int(part) for part in period.split("-"))
    start = datetime(year, month, 1, tzinfo=calendar.NEW_YORK)
    end = datetime(year + month // 12, month % 12 + 1, 1, tzinfo=calendar.NEW_YORK)
    return start.astimezone(UTC), end.astimezone(UTC)


def deposit_due(period: str) -> datetime:
    """When the tax withheld in a month is deposited: the 15th of the next month, or the next bank day
    when the 15th is a weekend or holiday, at noon New York time.

    Publication 515 ("Depositing withheld taxes"): undeposited tax of $200 to $2,000 at a month's end
    is deposited within 15 days after it; $2,000 or more at the end of a quarter-monthly period,
    within 3 business days; under $200 may be carried to the next month (by March 15 at the year's
    end). The broker deposits monthly, whatever the amount: the sandbox's amounts are small, carrying
    them would leave the account full until March, and depositing early is never late."""
    _, end = period_bounds(period)
    day = end.astimezone(calendar.NEW_YORK).date() + timedelta(days=14)
    while not calendar.is_bank_day(day):
        day += timedelta(days=1)
    return datetime.combine(day, DEPOSIT_HOUR, tzinfo=calendar.NEW_YORK).astimezone(UTC)


# --- the year-end statement -------------------------------------------------------------------------

@dataclass(frozen=True)
class Payment:
    """One dividend paid to the recipient, as the broker's notice recorded it."""

    gross: Decimal
    rate: Decimal
    withheld: Decimal
    status: str
    country: str


@dataclass(frozen=True)
class StatementLine:
    form: str
    income_code: str
    status: str
    country: str
    rate: Decimal
    gross: Decimal
    withheld: Decimal
    payments: int


def statement_lines(payments: Iterable[Payment]) -> list[StatementLine]:
    """A year's payments summed by form, status, country and rate: Form 1042-S takes one form per
    income code and rate, so a recipient whose rate changed in the year has one line per rate."""
    sums: dict[tuple[str, str, Decimal], list[Decimal]] = {}
    for p in payments:
        line = sums.setdefault((p.status or W9, p.country, p.rate), [ZERO, ZERO, ZERO])
        line[0] += p.gross
        line[1] += p.withheld
        line[2] += 1
    out = []
    for (status, country, rate), (gross, withheld, count) in sorted(sums.items()):
        form = FORM_1099DIV if status in US_STATUSES else FORM_1042S
        out.append(StatementLine(form, INCOME_CODE_DIVIDENDS, status, country, rate, gross, withheld, int(count)))
    return out


def year_bounds(year: int) -> tuple[date, date]:
    if not 1900 < year < 10000:
        raise DomainError(Common.INVALID_ARGUMENT, f"year must be a calendar year such as 2026, got {year}", year=year)
    return date(year, 1, 1), date(year, 12, 31)
