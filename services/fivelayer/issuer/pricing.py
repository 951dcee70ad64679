"""Quotes: what a mint costs and what a redemption pays, under the product's terms.

gross = tokens x multiplier x price; the fee is in basis points of gross. Rounding never favours
the counterparty: a mint's total is rounded up to the stablecoin's 6 places, a redemption's down.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from fivelayer.kernel.contracts import Contract
from fivelayer.kernel.money import STABLECOIN_PLACES, round_down, round_up

BPS = Decimal(10_000)


@dataclass(frozen=True)
class Quote:
    gross: Decimal
    fee: Decimal
    total: Decimal


def shares_for(contract: Contract, tokens: Decimal) -> Decimal:
    return tokens * contract.multiplier


def quote(contract: Contract, tokens: Decimal, price: Decimal, side: str) -> Quote:
    gross = shares_for(contract, tokens) * price
    if side == "mint":
        fee = round_up(gross * contract.mint_fee_bps / BPS, STABLECOIN_PLACES)
        return Quote(gross, fee, round_up(gross + fee, STABLECOIN_PLACES))
    fee = round_up(gross * contract.redemption_fee_bps / BPS, STABLECOIN_PLACES)
    return Quote(gross, fee, max(round_down(gross - fee, STABLECOIN_PLACES), Decimal(0)))
