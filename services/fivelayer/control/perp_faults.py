"""The perpetuals' faults: a market halts, its oracle feed goes stale, its oracle jumps on a bad print.

One declaration per kind: the parameters it takes, how they are checked, what it does in words, and
the exchange's call that makes and clears it (its name and help are the kernel's catalogue's,
`kernel/faults.py`, which the CLI reads too). A perp market's operator
conditions are one setting (`Perpetuals.SetPerpConditions` sets halted, oracle_stale and oracle_jump
together), so each fault reads the market's conditions in force and changes only its own: a halt and
a stale oracle stand together and end apart, and a halt the exchange made itself (a split) is left
alone. `--symbol` names one market ("AAPL-PERP", or its underlying "AAPL"); none: every market, each
set on its own so their other conditions stay theirs. All three are cleared by the opposite setting.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Final

from fivelayer.control import ports
from fivelayer.control.perp_reads import NOT_SERVED
from fivelayer.control.reasons import Control
from fivelayer.kernel.errors import DomainError, require
from fivelayer.kernel.money import fmt, from_pb, places, to_pb
from fivelayer.kernel.paging import all_pages
from fivelayer.kernel.perp_faults import HELP, JUMP_HIGH, JUMP_LOW
from fivelayer.kernel.reasons import Common
from fivelayer.v1 import control_pb2, perpetuals_pb2

HALT_REASON: Final = "fault: halt-perps"   # what the market shows while this fault halts it
JUMP_PLACES: Final = 6


@dataclass(frozen=True)
class PerpParams:
    """A perp fault's parameters as canonical text, as stored with the fault ("" symbol: every market)."""

    symbol: str = ""    # the perp market, "AAPL-PERP"
    fraction: str = ""  # oracle-jump: the oracle moves by this fraction, e.g. "-0.2"


@dataclass(frozen=True)
class PerpFault:
    """One kind: what it takes, how it is checked and told, and how its condition is set (`on`) or cleared."""

    kind: str
    takes_fraction: bool
    describe: Callable[[PerpParams], str]
    condition: Callable[[perpetuals_pb2.PerpMarket, PerpParams, bool], perpetuals_pb2.SetPerpConditionsRequest]

    @property
    def help(self) -> str:
        """Its line for `fivelayer fault inject --help`, from the kernel's catalogue."""
        return HELP[self.kind]


def _conditions(market: perpetuals_pb2.PerpMarket) -> perpetuals_pb2.SetPerpConditionsRequest:
    """The market's conditions as they stand, to change one of them."""
    return perpetuals_pb2.SetPerpConditionsRequest(
        symbol=market.symbol, halted=market.halted, halt_reason=market.halt_reason,
        oracle_stale=market.oracle_stale, oracle_jump=to_pb(from_pb(market.oracle_jump)))


def _halt(market: perpetuals_pb2.PerpMarket, params: PerpParams, on: bool) -> perpetuals_pb2.SetPerpConditionsRequest:
    """A market the exchange halted itself (a split) stays as it is: that halt is not this fault's to end."""
    now = _conditions(market)
    if on and not market.halted:
        now.halted, now.halt_reason = True, HALT_REASON
    elif not on and market.halt_reason == HALT_REASON:
        now.halted, now.halt_reason = False, ""
    return now


def _stale(market: perpetuals_pb2.PerpMarket, params: PerpParams, on: bool) -> perpetuals_pb2.SetPerpConditionsRequest:
    now = _conditions(market)
    now.oracle_stale = on
    return now


def _jump(market: perpetuals_pb2.PerpMarket, params: PerpParams, on: bool) -> perpetuals_pb2.SetPerpConditionsRequest:
    now = _conditions(market)
    now.oracle_jump.CopyFrom(to_pb(Decimal(params.fraction) if on else Decimal(0)))
    return now


def _where(p: PerpParams) -> str:
    return p.symbol or "every perp market"


def _percent(fraction: str) -> str:
    value = Decimal(fraction) * 100
    return f"{'+' if value > 0 else ''}{fmt(value)}%"


KINDS: Final[dict[str, PerpFault]] = {f.kind: f for f in (
    PerpFault("halt-perps", False,
              lambda p: f"the exchange halts {_where(p)}: no orders, no funding, no liquidations", _halt),
    PerpFault("oracle-stale", False,
              lambda p: f"the oracle feed of {_where(p)} stops: oracle and mark hold while the stock moves", _stale),
    PerpFault("oracle-jump", True,
              lambda p: f"a bad print moves the oracle of {_where(p)} by {_percent(p.fraction)}", _jump),
)}


def market_symbol(raw: str, markets: Sequence[perpetuals_pb2.PerpMarket]) -> str:
    """The perp market `raw` names ("AAPL-PERP", "aapl-perp" or its underlying "AAPL"); "" for every market."""
    wanted = raw.strip().upper()
    if not wanted:
        return ""
    for market in markets:
        if wanted in (market.symbol.upper(), market.underlying.upper()):
            return market.symbol
    known = f"markets: {', '.join(m.symbol for m in markets)}" if markets else "it runs none"
    raise DomainError(Common.UNKNOWN_SYMBOL, f"no perpetual market {raw!r} at the exchange; {known}", symbol=raw)


def _fraction(raw: str) -> str:
    require(bool(raw), Control.MISSING_FAULT_PARAMETER,
            f"oracle-jump needs --fraction: the oracle's move, between {JUMP_LOW} and {JUMP_HIGH}, not 0, "
            "e.g. -0.2 for a print 20% low", kind="oracle-jump")
    what = f"--fraction is the oracle's move, between {JUMP_LOW} and {JUMP_HIGH} and not 0; got {raw!r}"
    try:
        value = Decimal(raw.strip())
    except InvalidOperation:
        raise DomainError(Control.INVALID_FRACTION, what) from None
    require(value.is_finite() and JUMP_LOW <= value <= JUMP_HIGH and value != 0, Control.INVALID_FRACTION, what)
    require(places(value) <= JUMP_PLACES, Control.INVALID_FRACTION,
            f"--fraction has at most {JUMP_PLACES} decimal places; got {raw}")
    return fmt(value)


def validate(request: control_pb2.InjectFaultRequest,
             markets: Callable[[], Sequence[perpetuals_pb2.PerpMarket]]) -> PerpParams:
    """A perp fault's checked parameters: every check that needs no market first, then the symbol
    against the exchange's markets (read only when one is named)."""
    fault = KINDS[request.kind]
    given = {"--price": request.price.value, "--stuck": request.amount.value, "--delay": request.delay,
             "--fraction": "" if fault.takes_fraction else request.fraction.value}
    unused = [option for option, value in given.items() if value]
    require(not unused, Control.PARAMETER_NOT_USED,
            f"{fault.kind} takes no {', '.join(unused)} (it takes --symbol"
            + (", --fraction)" if fault.takes_fraction else ")"), kind=fault.kind)
    fraction = _fraction(request.fraction.value) if fault.takes_fraction else ""
    symbol = market_symbol(request.symbol, markets()) if request.symbol.strip() else ""
    return PerpParams(symbol=symbol, fraction=fraction)


def switch(kind: str, params: PerpParams, on: bool, key: str, clients: ports.Clients) -> None:
    """Set (`on`) or clear the kind's condition on its market, or on each market one by one, keeping
    the conditions the market has besides (keyed `<key>:<market>`, so a retry sets nothing twice)."""
    perps = clients.perpetuals
    try:
        if params.symbol:
            markets = [perps.GetPerpMarket(perpetuals_pb2.PerpMarketRequest(symbol=params.symbol))]
        else:
            markets = list(all_pages(perps.ListPerpMarkets, perpetuals_pb2.ListPerpMarketsRequest(),
                                     lambda page: page.markets))
    except DomainError as error:
        if error.reason == NOT_SERVED:
            raise DomainError(NOT_SERVED, f"{kind}: the exchange serves no perpetuals, so it has no perp market "
                              "to fault") from None
        raise
    for market in markets:
        request = KINDS[kind].condition(market, params, on)
        request.request_id = f"{key}:{market.symbol}"
        perps.SetPerpConditions(request)
