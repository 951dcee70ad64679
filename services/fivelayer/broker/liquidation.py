"""The broker's failure: a SIPC liquidation, as pure arithmetic over its customers' books.

What a customer is owed is its net equity at the failure instant: its securities at the failure's
prices plus its cash (a debit, such as a credit line drawn, reduces it; a net equity below zero is
no claim: that customer owes the estate). What is left of customer property (the missing fraction
is the failure's `shortfall`) is shared pro rata over the claims, at a rate rounded down to 6 places
(a trustee never hands out more than it holds). SIPC then advances toward what each customer's share
left uncovered, up to $500,000 per customer of which at most $250,000 for a claim for cash
(`orders.sipc`); what is still missing is a general creditor's claim on the broker's estate.
sipc.org's own example ("How the claims process works": 40% of customer property recovered): a
$250,000 securities claim gets 40% from property and the rest from SIPC; a $1,000,000 one gets $400,000
from property and $500,000 from SIPC, and is a general creditor for $100,000.

Who is a customer: a customer id at the broker (`accounts.customer_of`), with all its accounts summed
into one book (`failure.books`), so the limits apply once per customer whatever its number of accounts.
An issuer SPV is ONE customer for all its token holders, whatever their number, and for all its
products' segregated accounts (one per product); an exchange's traditional users are customers in
their own names, one account each. The broker's own books (its fractional inventory, its capital: the
"@" accounts) are not.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from fivelayer.broker.orders import SIPC_CASH, SIPC_TOTAL, sipc
from fivelayer.kernel.money import USD_PLACES, ZERO, round_down

RATE_PLACES = 6
ONE = Decimal(1)

# When customers get what is theirs, counted from the failure instant. The SEC/SIPC Investor Bulletin
# "SIPC Protection (Part 2: Filing a SIPC Claim)" (sec.gov, June 2023) and sipc.org ("When SIPC gets
# involved", "How the claims process works") describe the sequence: a trustee is appointed, customer
# accounts are moved to another SIPC member where the records allow it, claims are filed and satisfied;
# neither gives a number of days. The durations here are the sandbox's assumption (not a quoted figure):
# property (the pro rata share, moved with the accounts) 3 weeks after the failure, SIPC's advance 2
# months after it, a plausible order for a liquidation whose records are in order. A drill's report
# states them as assumptions.
PROPERTY_AFTER = timedelta(weeks=3)
SIPC_AFTER = timedelta(days=60)
TIMING_SOURCE = ("the sequence from the SEC/SIPC Investor Bulletin 'Filing a SIPC Claim' (2023) and sipc.org; "
                 "the durations (3 weeks, 60 days) are the sandbox's assumption, not a published figure")
RULE = ("net equity = securities at the failure's prices + cash (a debit reduces it); customer property = "
        "sum of net equity x (1 - shortfall), shared pro rata (rate rounded down to 6 places); SIPC then "
        f"advances toward each customer's remaining claim up to {SIPC_TOTAL:,} USD, of which at most "
        f"{SIPC_CASH:,} USD for cash; the rest is a general creditor's claim")


@dataclass(frozen=True)
class CustomerBook:
    """One customer's books at the failure, all its accounts together: securities at the failure's
    prices, and cash (negative: a debit). `account_id` is the customer id (its first account)."""

    account_id: str
    name: str
    securities: Decimal
    cash: Decimal
    account_ids: tuple[str, ...] = ()   # the customer's accounts; empty: just `account_id`

    @property
    def accounts(self) -> tuple[str, ...]:
        return self.account_ids or (self.account_id,)

    @property
    def net_equity(self) -> Decimal:
        return self.securities + self.cash


@dataclass(frozen=True)
class Recovery:
    """What one customer gets back, from where, and what it loses."""

    book: CustomerBook
    from_property: Decimal
    sipc_securities: Decimal
    sipc_cash: Decimal

    @property
    def claim(self) -> Decimal:
        return max(self.book.net_equity, ZERO)

    @property
    def recovered(self) -> Decimal:
        return self.from_property + self.sipc_securities + self.sipc_cash

    @property
    def loss(self) -> Decimal:
        return self.claim - self.recovered


@dataclass(frozen=True)
class Outcome:
    customer_property: Decimal
    total_net_equity: Decimal
    rate: Decimal
    recoveries: tuple[Recovery, ...]

    @property
    def sipc_advanced(self) -> Decimal:
        return sum((r.sipc_securities + r.sipc_cash for r in self.recoveries), ZERO)


def claim_parts(book: CustomerBook) -> tuple[Decimal, Decimal]:
    """(securities claim, cash claim): a credit balance is a claim for cash; a debit is set against
    the securities first, so a customer who owes cash has no cash claim and a smaller securities one."""
    if book.cash >= 0:
        return max(book.securities, ZERO), book.cash
    return max(book.securities + book.cash, ZERO), ZERO


def pro_rata_rate(customer_property: Decimal, total: Decimal) -> Decimal:
    """Customer property over the claims, at most 1, rounded down to 6 places (1 when nobody has a claim)."""
    if total <= 0:
        return ONE
    return min(ONE, round_down(customer_property / total, RATE_PLACES))


def share(books: Iterable[CustomerBook], shortfall: Decimal) -> Outcome:
    """Share what is left of customer property pro rata over net equity, then SIPC's advances."""
    if not ZERO <= shortfall < ONE:
        raise ValueError(f"shortfall must be in [0, 1), got {shortfall}")
    ordered = sorted(books, key=lambda b: b.account_id)
    ids = [b.account_id for b in ordered]
    if len(set(ids)) != len(ids):
        raise ValueError("one book per customer: sum a customer's accounts into one book before sharing")
    total = sum((max(b.net_equity, ZERO) for b in ordered), ZERO)
    customer_property = round_down(total * (ONE - shortfall), USD_PLACES)
    rate = pro_rata_rate(customer_property, total)
    out = []
    for book in ordered:
        securities, cash = claim_parts(book)
        got_securities = round_down(securities * rate, USD_PLACES)
        got_cash = round_down(cash * rate, USD_PLACES)
        sipc_securities, sipc_cash, _ = sipc(securities - got_securities, cash - got_cash)
        out.append(Recovery(book, got_securities + got_cash, sipc_securities, sipc_cash))
    return Outcome(customer_property, total, rate, tuple(out))


def timing(failed_at: datetime) -> tuple[datetime, datetime]:
    """(when the property share is delivered, when SIPC's advance is paid)."""
    return failed_at + PROPERTY_AFTER, failed_at + SIPC_AFTER
