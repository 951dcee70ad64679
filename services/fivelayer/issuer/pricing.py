"""Quotes: what a mint costs and what a redemption pays, under the product's terms.

gross = tokens x multiplier x price; the fee is in basis points of gross. Rounding never favours
the counterparty: a mint's total is rounded up to the stablecoin's 6 places, a redemption's down.
The multiplier is the chain's (it owns it; the contract file's is only its genesis value): the
caller reads it from the chain and passes it in, so pricing stays pure.
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


def shares_for(multiplier: Decimal, tokens: Decimal) -> Decimal:
    """The shares of the underlying that `tokens` represent at the token's `multiplier`."""
    return tokens * multiplier


def quote(contract: Contract, multiplier: Decimal, tokens: Decimal, price: Decimal, side: str) -> Quote:
    """What minting `tokens` costs, or what redeeming them pays, at `price` per share."""
    return quote_shares(contract, shares_for(multiplier, tokens), price, side)


def quote_shares(contract: Contract, shares: Decimal, price: Decimal, side: str) -> Quote:
    """The same for a number of shares: a redemption is paid what its sale sold."""
    gross = shares * price
    if side == "mint":
        fee = round_up(gross * contract.mint_fee_bps / BPS, STABLECOIN_PLACES)
        return Quote(gross, fee, round_up(gross + fee, STABLECOIN_PLACES))
    fee = round_up(gross * contract.redemption_fee_bps / BPS, STABLECOIN_PLACES)
    return Quote(gross, fee, max(round_down(gross - fee, STABLECOIN_PLACES), Decimal(0)))
