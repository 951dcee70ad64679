"""The money leg's faults: the stablecoin's off-ramp halts, FUSD de-pegs, wires are delayed, the broker fails.

One declaration per kind: the parameters it takes, how they are checked, what it does in words, and
the owning service's call that makes it (and, if it can be undone, clears it); its name, help and
whether it can be undone are the kernel's catalogue's (`kernel/faults.py`), which the CLI reads too. The stablecoin's
conditions are one setting (`Stablecoin.SetConditions` sets them all at once), so each fault reads
the conditions in force and changes only its own: an off-ramp halt and a de-peg can stand together
and end apart. A broker failure is a SIPC liquidation: like an issuer's insolvency, it is not undone.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Final

from fivelayer.control import ports
from fivelayer.control.reasons import Control
from fivelayer.kernel.errors import DomainError, require
from fivelayer.kernel.money import fmt, from_pb, places, to_pb
from fivelayer.kernel.reasons import Reason
from fivelayer.kernel.timeutil import parse_duration
from fivelayer.v1 import broker_pb2, chain_pb2, common_pb2, control_pb2

PARAMETERS: Final = ("price", "amount", "fraction", "delay")
OPTION: Final = {"price": "--price", "amount": "--stuck", "fraction": "--fraction", "delay": "--delay"}
PAR: Final = Decimal(1)


@dataclass(frozen=True)
class MoneyParams:
    """A money fault's parameters as canonical text ("" when not given), as stored with the fault."""

    price: str = ""     # depeg: USD per FUSD
    amount: str = ""    # depeg: reserve dollars stuck at a failed bank
    fraction: str = ""  # broker-failure: the share of customer property missing
    delay: str = ""     # wire-delay: added to every outgoing wire

    def given(self) -> tuple[str, ...]:
        return tuple(p for p in PARAMETERS if getattr(self, p))


@dataclass(frozen=True)
class MoneyFault:
    """One kind: what it takes, how it is checked and told, and how it is made (`on`) or cleared."""

    kind: str
    takes: tuple[str, ...]
    check: Callable[[MoneyParams], MoneyParams]
    describe: Callable[[MoneyParams], str]
    switch: Callable[[MoneyParams, bool, str, str, ports.Clients], None]


def _decimal(raw: str, reason: Reason, option: str, what: str) -> Decimal:
    try:
        value = Decimal(raw.strip())
    except InvalidOperation:
        raise DomainError(reason, f"{option} is {what}; got {raw!r}") from None
    require(value.is_finite(), reason, f"{option} is {what}; got {raw!r}")
    return value


def params_of(request: control_pb2.InjectFaultRequest) -> MoneyParams:
    return MoneyParams(price=request.price.value, amount=request.amount.value, fraction=request.fraction.value,
                       delay=request.delay)


def refuse_unused(kind: str, takes: tuple[str, ...], params: MoneyParams) -> None:
    """A parameter the kind would ignore is refused: the caller meant something else."""
    unused = [p for p in params.given() if p not in takes]
    require(not unused, Control.PARAMETER_NOT_USED,
            f"{kind} takes no {', '.join(OPTION[p] for p in unused)}"
            + (f" (it takes {', '.join(OPTION[p] for p in takes)})" if takes else ""), kind=kind)


# --- the conditions at the stablecoin's issuer ---------------------------------------------------

def _set_conditions(clients: ports.Clients, key: str, reason: str, *, halted: bool | None = None,
                    price: Decimal | None = None, stuck: Decimal | None = None, delay: str | None = None) -> None:
    """Change some of the stablecoin issuer's conditions, keeping the others as they stand."""
    now = clients.stablecoin.GetReserve(common_pb2.Empty())
    halted = now.redemptions_halted if halted is None else halted
    price = from_pb(now.redemption_price, PAR) if price is None else price
    stuck = from_pb(now.stuck_usd) if stuck is None else stuck
    delay = now.wire_delay if delay is None else delay
    normal = not halted and price == PAR and not stuck and not delay
    clients.stablecoin.SetConditions(chain_pb2.SetStablecoinConditionsRequest(
        request_id=key, redemptions_halted=halted, redemption_price=to_pb(price), stuck_usd=to_pb(stuck),
        wire_delay=delay, reason="" if normal else (reason or now.reason)))


def _no_params(params: MoneyParams) -> MoneyParams:
    return params


def _check_depeg(params: MoneyParams) -> MoneyParams:
    require(bool(params.price or params.amount), Control.MISSING_FAULT_PARAMETER,
            "depeg needs --price (USD paid per FUSD, below 1, e.g. 0.88) and/or --stuck (reserve dollars "
            "stuck at a failed bank)", kind="depeg")
    price = amount = ""
    if params.price:
        value = _decimal(params.price, Control.INVALID_PRICE, "--price", "USD paid per FUSD, above 0 and below 1")
        require(0 < value < 1, Control.INVALID_PRICE,
                f"--price is USD paid per FUSD while de-pegged, above 0 and below 1 (par); got {params.price}")
        require(places(value) <= 6, Control.INVALID_PRICE, f"--price has at most 6 decimal places; got {params.price}")
        price = fmt(value)
    if params.amount:
        value = _decimal(params.amount, Control.INVALID_STUCK_AMOUNT, "--stuck", "dollars of the reserve")
        require(value > 0, Control.INVALID_STUCK_AMOUNT,
                f"--stuck is the reserve dollars stuck at a failed bank, above 0; got {params.amount}")
        require(places(value) <= 2, Control.INVALID_STUCK_AMOUNT,
                f"--stuck is dollars and cents (at most 2 decimal places); got {params.amount}")
        amount = fmt(value)
    return MoneyParams(price=price, amount=amount)


def _check_delay(params: MoneyParams) -> MoneyParams:
    require(bool(params.delay), Control.MISSING_FAULT_PARAMETER,
            "wire-delay needs --delay (added to every outgoing wire, e.g. 36h or 2d)", kind="wire-delay")
    try:
        parse_duration(params.delay)
    except DomainError as bad:
        raise DomainError(Control.INVALID_DELAY, f"--delay: {bad.message}") from None
    return MoneyParams(delay=params.delay.replace(" ", "").lower())


def _check_fraction(params: MoneyParams) -> MoneyParams:
    if not params.fraction:
        return MoneyParams(fraction="0")
    value = _decimal(params.fraction, Control.INVALID_FRACTION, "--fraction",
                     "the share of customer property missing, from 0 up to (not including) 1")
    require(0 <= value < 1, Control.INVALID_FRACTION,
            f"--fraction is the share of customer property missing, from 0 up to (not including) 1; "
            f"got {params.fraction}")
    require(places(value) <= 6, Control.INVALID_FRACTION,
            f"--fraction has at most 6 decimal places; got {params.fraction}")
    return MoneyParams(fraction=fmt(value))


def _offramp(params: MoneyParams, on: bool, key: str, reason: str, clients: ports.Clients) -> None:
    _set_conditions(clients, key, reason, halted=on)


def _depeg(params: MoneyParams, on: bool, key: str, reason: str, clients: ports.Clients) -> None:
    if on:
        _set_conditions(clients, key, reason, price=Decimal(params.price) if params.price else None,
                        stuck=Decimal(params.amount) if params.amount else None)
    else:
        _set_conditions(clients, key, reason, price=PAR, stuck=Decimal(0))


def _wire_delay(params: MoneyParams, on: bool, key: str, reason: str, clients: ports.Clients) -> None:
    _set_conditions(clients, key, reason, delay=params.delay if on else "")


def _broker_failure(params: MoneyParams, on: bool, key: str, reason: str, clients: ports.Clients) -> None:
    clients.broker.FailBroker(broker_pb2.FailBrokerRequest(request_id=key, reason=reason,
                                                           shortfall=to_pb(Decimal(params.fraction or "0"))))


def _depeg_words(p: MoneyParams) -> str:
    parts = ([f"redeems FUSD at ${p.price}"] if p.price else []) + (
        [f"has ${p.amount} of its reserve stuck at a failed bank"] if p.amount else [])
    return "the stablecoin's issuer " + " and ".join(parts)


KINDS: Final[dict[str, MoneyFault]] = {f.kind: f for f in (
    MoneyFault("offramp-halt", (), _no_params,
               lambda p: "the stablecoin's issuer halts FUSD redemptions: they queue until it reopens", _offramp),
    MoneyFault("depeg", ("price", "amount"), _check_depeg, _depeg_words, _depeg),
    MoneyFault("wire-delay", ("delay",), _check_delay,
               lambda p: f"every wire the stablecoin's issuer sends is {p.delay} late", _wire_delay),
    MoneyFault("broker-failure", ("fraction",), _check_fraction,
               lambda p: f"the broker fails (SIPC liquidation) with {fmt(Decimal(p.fraction or '0') * 100)}% of "
                         "customer property missing", _broker_failure),
)}


def validate(kind: str, request: control_pb2.InjectFaultRequest) -> MoneyParams:
    """A money fault's checked parameters (any kind: the others take none of them)."""
    params = params_of(request)
    declared = KINDS.get(kind)
    refuse_unused(kind, declared.takes if declared else (), params)
    return declared.check(params) if declared else params
