"""CNS netting: NSCC is the counterparty to every compared trade, so each participant's trades
in a security net to one position per settlement date, plus fails still open from earlier days.

Pure functions over plain values, so the rule is easy to test: + receives shares and pays money,
- delivers shares and receives money. The saving shows as gross value (every trade's amount)
against net value (the money that actually moves: the sum of the net payers' debits).

Whole shares: DTC holds and delivers whole shares, so every trade netted is whole (capture refuses
any other with NOT_WHOLE_SHARES) and so is every net position and open fail; `net_positions`
refuses a fractional input rather than net it (a broker's fractions stay on its own books).
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

ZERO = Decimal(0)


@dataclass(frozen=True)
class Trade:
    buyer: str
    seller: str
    symbol: str
    quantity: Decimal
    amount: Decimal


@dataclass(frozen=True)
class NetPosition:
    participant: str
    symbol: str
    quantity: Decimal   # + receive from CNS, - deliver to CNS
    money: Decimal      # + receive money, - pay money
    trades: int


def whole(quantity: Decimal) -> bool:
    """Whether a quantity is a whole number of shares (what DTC books, nets and delivers)."""
    return quantity == quantity.to_integral_value()


def net_positions(trades: Iterable[Trade],
                  open_fails: Mapping[tuple[str, str], Decimal] | None = None) -> list[NetPosition]:
    """One net position per (participant, symbol), in participant then symbol order."""
    quantity: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    money: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    count: dict[tuple[str, str], int] = defaultdict(int)
    for trade in trades:
        if not whole(trade.quantity):
            raise ValueError(f"CNS nets whole shares: a trade of {trade.quantity} {trade.symbol} is not whole")
        for key, sign in (((trade.buyer, trade.symbol), 1), ((trade.seller, trade.symbol), -1)):
            quantity[key] += sign * trade.quantity
            money[key] -= sign * trade.amount
            count[key] += 1
    for key, failed in (open_fails or {}).items():
        if not whole(failed):
            raise ValueError(f"CNS nets whole shares: an open fail of {failed} {key[1]} is not whole")
        quantity[key] += failed
    keys = sorted(set(quantity) | set(money))
    return [NetPosition(p, s, quantity[(p, s)], money[(p, s)], count[(p, s)]) for p, s in keys
            if quantity[(p, s)] != 0 or money[(p, s)] != 0]


def gross_value(trades: Iterable[Trade]) -> Decimal:
    return sum((t.amount for t in trades), ZERO)


def net_value(positions: Iterable[NetPosition]) -> Decimal:
    """Money that moves after netting: what the net payers pay (equal to what the receivers get)."""
    per_participant: dict[str, Decimal] = defaultdict(Decimal)
    for position in positions:
        per_participant[position.participant] += position.money
    return sum((-m for m in per_participant.values() if m < 0), ZERO)
