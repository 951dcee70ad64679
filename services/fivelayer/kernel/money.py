"""Exact decimals for money and quantities: parsing, validation, rounding, wire conversion.

Floats never appear: amounts arrive as strings, are checked for sign and scale, and are kept as
`decimal.Decimal`. Share quantities carry up to 9 places, USD amounts 2, the stablecoin 6.
"""
from __future__ import annotations

from decimal import ROUND_DOWN, ROUND_HALF_EVEN, ROUND_UP, Decimal, DefaultContext, InvalidOperation, getcontext
from typing import TypeAlias

from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.reasons import Common
from fivelayer.v1 import common_pb2

# 50 significant digits in every thread: a context is per thread, and the threads that answer requests
# (gRPC's pool, the REST face's) start from DefaultContext, not from the importing thread's context.
DefaultContext.prec = 50
getcontext().prec = 50
# The largest amount or quantity accepted (exclusive): far beyond any real one, and small enough that a
# product of two (a price times a quantity) rounded to its places stays within the 50 digits.
MAX_AMOUNT = Decimal(10) ** 18

SHARE_PLACES = 9
USD_PLACES = 2
STABLECOIN_PLACES = 6
ZERO = Decimal(0)

RawAmount: TypeAlias = str | common_pb2.Decimal | Decimal  # an amount as it arrives: text, the wire message, a Decimal


def places(value: Decimal) -> int:
    """How many decimal places `value` uses (trailing zeros ignored)."""
    exponent = value.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def is_given(raw: RawAmount) -> bool:
    """Whether an optional amount was given: a decimal message left unset (or blank text) was not."""
    text = raw.value if isinstance(raw, common_pb2.Decimal) else raw
    return text is not None and str(text).strip() != ""


def parse_decimal(raw: RawAmount, field: str) -> Decimal:
    """Parse a decimal string; anything that is not a finite number is INVALID_AMOUNT."""
    if isinstance(raw, common_pb2.Decimal):
        raw = raw.value
    if isinstance(raw, Decimal):
        value = raw
    else:
        text = (raw or "").strip()
        if not text:
            raise DomainError(Common.INVALID_AMOUNT, f"{field} is missing", field=field)
        try:
            value = Decimal(text)
        except InvalidOperation:
            raise DomainError(Common.INVALID_AMOUNT, f"{field} is not a number: {text!r}", field=field) from None
    if not value.is_finite():
        raise DomainError(Common.INVALID_AMOUNT, f"{field} is not a finite number", field=field)
    if abs(value) >= MAX_AMOUNT:
        raise DomainError(Common.INVALID_AMOUNT, f"{field} is too large: at most 18 digits before the point",
                          field=field)
    return value


def parse_amount(raw: RawAmount, field: str, max_places: int,
                 *, allow_zero: bool = False) -> Decimal:
    """Parse a positive amount with at most `max_places` decimals (zero only if allowed)."""
    value = parse_decimal(raw, field)
    if value < 0 or (value == 0 and not allow_zero):
        raise DomainError(Common.INVALID_AMOUNT,
                          f"{field} must be {'zero or ' if allow_zero else ''}positive, got {value}",
                          field=field)
    if places(value) > max_places:
        raise DomainError(Common.TOO_MANY_DECIMALS, f"{field} has more than {max_places} decimal places: {value}",
                          field=field, max_places=max_places)
    return value.normalize() if value != 0 else ZERO


def quantize(value: Decimal, decimals: int, rounding: str = ROUND_HALF_EVEN) -> Decimal:
    """Round to `decimals` places with an explicit rounding rule."""
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=rounding)


def round_up(value: Decimal, decimals: int) -> Decimal:
    """Round away from zero: what a payer owes is never rounded in the payer's favour."""
    return quantize(value, decimals, ROUND_UP)


def round_down(value: Decimal, decimals: int) -> Decimal:
    """Round toward zero: what a payee receives is never rounded in the payee's favour."""
    return quantize(value, decimals, ROUND_DOWN)


def fmt(value: Decimal) -> str:
    """Canonical text: no exponent, no trailing zeros beyond the integer part."""
    if value == 0:
        return "0"
    text = format(value.normalize(), "f")
    return text


def to_pb(value: Decimal) -> common_pb2.Decimal:
    return common_pb2.Decimal(value=fmt(value))


def from_pb(message: common_pb2.Decimal, default: Decimal = ZERO) -> Decimal:
    """Read a Decimal message produced by a trusted service (empty means `default`)."""
    return Decimal(message.value) if message.value else default
