"""Faults on demand: what an integrator can switch on in a live sandbox, under their own traffic.

Domain faults are made through the owning service's own API, as an operator would (the issuer
halts, the broker cuts a route or freezes an account, the issuer as the token contracts' owner
pauses a token or freezes an address in it, the depository sees a participant fail to deliver,
control's market data goes stale; the stablecoin's issuer halts its off-ramp, de-pegs or wires late,
the broker fails: `control/money_faults.py`; the exchange halts a perp market or its oracle goes stale or
jumps: `control/perp_faults.py`), and cleared by the opposite call. Control holds no key of a
token's owner: what happens on chain, the issuer signs. Network faults are handed to the faulted
service, which enforces them on its faces or on one hop into it (`kernel/netfaults.py`). A fault
may end by itself when the clock passes `until` (a `--for` duration) or, for network faults, after
`max_requests` hits.

Each kind is declared once, in `KINDS` below: its check, its words, its effect both ways (and what a
restart of control restores); its name, family, help and whether it can be undone are the kernel's
catalogue's (`kernel/faults.py`), which the CLI reads for its choices and help.

Each injection and clearance is a keyed sub-request (`fault:<id>:apply`, `fault:<id>:clear`),
so a retry applies nothing twice, and an event on the timeline.
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Final

from apscheduler.triggers.base import BaseTrigger
from sqlalchemy import func
from sqlmodel import Session, col, select

from fivelayer.control import money_faults as money
from fivelayer.control import perp_faults as perps
from fivelayer.control import perp_reads, ports, reasons
from fivelayer.control.marketdata import MarketData
from fivelayer.control.models import FaultRow, FaultState
from fivelayer.kernel import calendar, paging
from fivelayer.kernel.addresses import is_address, is_tx_hash  # freeze-account's --address; reorg's --drop
from fivelayer.kernel.config import SERVICES
from fivelayer.kernel.db import Database
from fivelayer.kernel.errors import DomainError, require
from fivelayer.kernel.faults import CATALOGUE, NETWORK, PERPS, FaultInfo, names
from fivelayer.kernel.money import from_pb
from fivelayer.kernel.outbox import emit
from fivelayer.kernel.reasons import Common
from fivelayer.kernel.saga import TypedPlan, TypedSaga, run_saga
from fivelayer.kernel.statuses import by_name
from fivelayer.kernel.timeutil import from_ts, iso, parse_duration, to_ts
from fivelayer.v1 import (
    broker_pb2,
    chain_pb2,
    common_pb2,
    control_pb2,
    depository_pb2,
    issuer_pb2,
    perpetuals_pb2,
    statuses_pb2,
)
from fivelayer.v1 import events_pb2 as ev

PRICE_GAP = "price-gap"  # the weekend-gap drill's: clear it before the open it gaps, or the prices since are rewritten
# An insolvent SPV stays insolvent: its estate is wound up.
PENDING_OR_ACTIVE = (FaultState.SCHEDULED, FaultState.ACTIVE)
GRPC_CODES = ("CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED", "NOT_FOUND", "ALREADY_EXISTS",
              "PERMISSION_DENIED", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION", "ABORTED", "OUT_OF_RANGE",
              "UNIMPLEMENTED", "INTERNAL", "UNAVAILABLE", "DATA_LOSS", "UNAUTHENTICATED")


@dataclass(frozen=True)
class Target:
    """A fault's validated target and parameters, before it is applied."""

    kind: str
    token: str = ""
    account_id: str = ""
    participant_id: str = ""
    symbol: str = ""
    settlement_date: str = ""
    service: str = ""
    network: common_pb2.NetworkFault | None = None
    reason: str = ""
    address: str = ""  # freeze-account: a chain address, frozen in `token` by the issuer (its owner)
    depth: int = 0     # reorg: the last `depth` blocks are replaced
    drop: tuple[str, ...] = ()  # reorg: integrators' transactions left out
    money: money.MoneyParams = money.MoneyParams()  # the money leg's faults: price, stuck amount, fraction, delay
    perp: perps.PerpParams = perps.PerpParams()     # the perpetuals' faults: market (also in `symbol`), jump

    def description(self) -> str:
        return KINDS[self.kind].describe(self) if self.kind in KINDS else self.kind


@dataclass(frozen=True)
class Asked:
    """What a kind's check reads: the request, the reason it will show, and how to find what it names."""

    request: control_pb2.InjectFaultRequest
    reason: str
    spv_account: Callable[[], str]
    perp_markets: Callable[[], Sequence[perpetuals_pb2.PerpMarket]]


@dataclass(frozen=True)
class World:
    """What a kind's effect acts through: the services' clients, control's market data, the sandbox's now."""

    clients: ports.Clients
    market: MarketData
    now: datetime


@dataclass(frozen=True)
class FaultKind:
    """One kind, declared once: its name, family, help and clearability (`kernel/faults.py`, which the CLI
    reads), how its parameters are checked, what it does in words, and how it is made (`on`) or undone.
    A network kind has no effect here: the faulted service enforces it (`kernel/netfaults.py`)."""

    name: str
    check: Callable[[Asked], Target]
    describe: Callable[[Target], str]
    effect: Callable[[Target, bool, str, World], None] | None = None
    restore: Callable[[FaultRow, MarketData], None] | None = None  # after a restart of control

    @property
    def info(self) -> FaultInfo:
        return CATALOGUE[self.name]


def no_perp_markets() -> list[perpetuals_pb2.PerpMarket]:
    """For a caller that checks requests with no exchange to ask: a named perp market cannot be checked."""
    raise DomainError(Common.UNAVAILABLE, "no exchange to check a perp market against")


def validate(request: control_pb2.InjectFaultRequest, spv_account: Callable[[], str],
             perp_markets: Callable[[], Sequence[perpetuals_pb2.PerpMarket]] = no_perp_markets) -> Target:
    """A fault's target and parameters, or a clear refusal naming what is wrong (nothing changes)."""
    kind = KINDS.get(request.kind)
    if kind is None:
        raise DomainError(reasons.Control.UNKNOWN_FAULT, f"unknown fault kind {request.kind!r}; one of "
                          f"{', '.join(KINDS)}", kind=request.kind)
    return kind.check(Asked(request, request.reason or f"fault injected: {request.kind}", spv_account, perp_markets))


def switch(target: Target, on: bool, key: str, clients: ports.Clients, market: MarketData, now: datetime) -> None:
    """Make a domain fault (`on`) or clear it, through the owning service's API: the same call
    both ways, with the opposite setting. Network faults are pushed apart."""
    kind = KINDS[target.kind]
    require(on or kind.info.clearable, reasons.Control.FAULT_NOT_CLEARABLE,
            f"{kind.name} cannot be undone: {kind.info.why_not}")
    if kind.effect is not None:
        kind.effect(target, on, key, World(clients, market, now))


# --- checks ----------------------------------------------------------------------------------------

def _plain(extra: Callable[[Asked], Target]) -> Callable[[Asked], Target]:
    """A kind that takes none of the money leg's parameters: those are refused first, then its own check."""
    def check(asked: Asked) -> Target:
        money.validate(asked.request.kind, asked.request)
        return extra(asked)
    return check


def _bare(asked: Asked) -> Target:
    return Target(asked.request.kind, reason=asked.reason)


def _token(asked: Asked) -> Target:
    return Target(asked.request.kind, token=asked.request.token, reason=asked.reason)


def _account(asked: Asked) -> Target:
    return Target(asked.request.kind, account_id=asked.request.account_id or asked.spv_account(), reason=asked.reason)


def _freeze(asked: Asked) -> Target:
    """freeze-account: a broker account (the SPV's by default), or a chain address frozen in --token."""
    r = asked.request
    if not is_address(r.account_id):
        return _account(asked)
    require(bool(r.token), Common.INVALID_ARGUMENT,
            "freeze-account of a chain address needs --token (the token it is frozen in)")
    return Target(r.kind, token=r.token, account_id=r.account_id.lower(), address=r.account_id.lower(),
                  reason=asked.reason)


def _pause_transfers(asked: Asked) -> Target:
    require(bool(asked.request.token), Common.INVALID_ARGUMENT, "pause-transfers needs --token (a token on chain)")
    return _token(asked)


def _settlement_fail(asked: Asked) -> Target:
    r = asked.request
    require(bool(r.participant_id and r.symbol), Common.INVALID_ARGUMENT,
            "settlement-fail needs --participant and --symbol (and optionally --date)")
    return Target(r.kind, participant_id=r.participant_id, symbol=r.symbol, settlement_date=r.settlement_date,
                  reason=asked.reason)


def _reorg(asked: Asked) -> Target:
    r = asked.request
    require(r.depth > 0, Common.INVALID_ARGUMENT, "reorg needs --depth (how many of the last blocks to replace)")
    require(all(is_tx_hash(h) for h in r.drop), Common.INVALID_ARGUMENT,
            "--drop takes transaction hashes: 0x and 64 hex characters")
    return Target(r.kind, depth=r.depth, drop=tuple(h.lower() for h in r.drop), reason=asked.reason)


def _price_gap(asked: Asked) -> Target:
    return price_gap_target(asked.request, asked.reason)


def price_gap_target(request: control_pb2.InjectFaultRequest, reason: str) -> Target:
    """price-gap: --symbol (in the market data's universe) and --date (the NYSE session whose open gaps)."""
    require(request.symbol in MarketData.symbols(), Common.INVALID_ARGUMENT,
            f"price-gap needs --symbol, one of {', '.join(MarketData.symbols())}; got {request.symbol!r}")
    require(bool(request.settlement_date), Common.INVALID_ARGUMENT,
            "price-gap needs --date: the NYSE session whose open gaps (YYYY-MM-DD)")
    try:
        session = date.fromisoformat(request.settlement_date)
    except ValueError:
        raise DomainError(Common.INVALID_ARGUMENT,
                          f"--date must be YYYY-MM-DD, got {request.settlement_date!r}") from None
    require(calendar.is_session(session), Common.INVALID_ARGUMENT, f"--date {session} is not an NYSE session")
    return Target(PRICE_GAP, symbol=request.symbol, settlement_date=session.isoformat(), reason=reason)


def _network(asked: Asked) -> Target:
    r = asked.request
    return Target(r.kind, service=r.service, network=network_spec(r.kind, r), reason=asked.reason)


def network_spec(kind: str, request: control_pb2.InjectFaultRequest) -> common_pb2.NetworkFault:
    n = common_pb2.NetworkFault()
    n.CopyFrom(request.network)
    n.kind = kind
    require(request.service in SERVICES, Common.INVALID_ARGUMENT,
            f"a network fault needs --service, one of {', '.join(SERVICES)}; got {request.service!r}")
    require(not n.from_service or n.from_service in SERVICES, Common.INVALID_ARGUMENT,
            f"--from must be a service, one of {', '.join(SERVICES)}; got {n.from_service!r}")
    require(n.face in ("", "grpc", "rest"), Common.INVALID_ARGUMENT, f"--face must be grpc or rest, got {n.face!r}")
    require(n.latency_ms >= 0 and n.jitter_ms >= 0 and n.max_requests >= 0, Common.INVALID_ARGUMENT,
            "latency, jitter and the request bound cannot be negative")
    if n.rate.value:
        try:
            rate = Decimal(n.rate.value)
        except InvalidOperation:
            rate = Decimal(-1)
        require(0 < rate <= 1, Common.INVALID_ARGUMENT,
                f"--rate is a share of requests in (0, 1], got {n.rate.value!r}")
    check = NETWORK_CHECKS.get(kind)
    if check is not None:
        check(n)
    return n


def _check_latency(n: common_pb2.NetworkFault) -> None:
    require(n.latency_ms > 0 or n.jitter_ms > 0, Common.INVALID_ARGUMENT, "latency needs --latency (and --jitter)")


def _check_error(n: common_pb2.NetworkFault) -> None:
    n.grpc_code = (n.grpc_code or "UNAVAILABLE").upper()
    require(n.grpc_code in GRPC_CODES, Common.INVALID_ARGUMENT,
            f"--code must be a gRPC status name, got {n.grpc_code!r}")
    n.http_status = n.http_status or 503
    require(400 <= n.http_status <= 599, Common.INVALID_ARGUMENT,
            f"--http-status must be an HTTP error status, got {n.http_status}")


def _check_rate_limit(n: common_pb2.NetworkFault) -> None:
    require(n.limit > 0 and n.window_seconds > 0, Common.INVALID_ARGUMENT, "rate-limit needs --limit and --window")


NETWORK_CHECKS: dict[str, Callable[[common_pb2.NetworkFault], None]] = {
    "latency": _check_latency, "error": _check_error, "rate-limit": _check_rate_limit}


# --- effects, through the owning service's API ----------------------------------------------------

def _products(clients: ports.Clients) -> issuer_pb2.ListProductsResponse:
    return clients.issuer.ListProducts(issuer_pb2.ListProductsRequest())


def _halts(clients: ports.Clients, token: str) -> tuple[bool, bool]:
    products = [p for p in _products(clients).products if not token or p.token == token]
    require(bool(products), Common.UNKNOWN_TOKEN, f"the issuer runs no product {token!r}", token=token)
    return products[0].mint_halted, products[0].redemption_halted


def _pause_minting(clients: ports.Clients, token: str, paused: bool, key: str) -> None:
    """The token contracts' own mint switch, set by the issuer as their owner (transfers unchanged)."""
    for product in _products(clients).products:
        if token and product.token != token:
            continue
        state = clients.chain.GetToken(chain_pb2.TokenRequest(symbol=product.token))
        clients.issuer.PauseToken(issuer_pb2.PauseTokenRequest(
            request_id=f"{key}:{product.token}", token=product.token, mint_paused=paused,
            transfers_paused=state.transfers_paused))


def _halt_mint(t: Target, on: bool, key: str, w: World) -> None:
    """The issuer's mint halt (its redemption switch as it is), and the contracts' mint pause: a direct
    mint on chain is refused too."""
    _, redeem = _halts(w.clients, t.token)
    w.clients.issuer.SetHalt(issuer_pb2.SetHaltRequest(request_id=key, token=t.token, mint_halted=on,
                                                       redemption_halted=redeem, reason=t.reason if on else ""))
    _pause_minting(w.clients, t.token, on, key)


def _halt_redeem(t: Target, on: bool, key: str, w: World) -> None:
    mint, _ = _halts(w.clients, t.token)
    w.clients.issuer.SetHalt(issuer_pb2.SetHaltRequest(request_id=key, token=t.token, mint_halted=mint,
                                                       redemption_halted=on, reason=t.reason if on else ""))


def _route(enabled_when_on: bool) -> Callable[[Target, bool, str, World], None]:
    """route-cut disables the route (cleared: enabled); route-restore enables it either way."""
    def effect(t: Target, on: bool, key: str, w: World) -> None:
        enabled = enabled_when_on or not on
        w.clients.broker.SetRoute(broker_pb2.SetRouteRequest(
            request_id=key, account_id=t.account_id, enabled=enabled,
            reason=t.reason if not enabled else "route restored"))
    return effect


def _freeze_effect(t: Target, on: bool, key: str, w: World) -> None:
    if t.address:
        w.clients.issuer.FreezeAddress(issuer_pb2.FreezeAddressRequest(
            request_id=key, token=t.token, address=t.address, frozen=on))
    else:
        w.clients.broker.SetAccountStatus(broker_pb2.SetAccountStatusRequest(
            request_id=key, account_id=t.account_id,
            status=statuses_pb2.ACCOUNT_STATUS_FROZEN if on else statuses_pb2.ACCOUNT_STATUS_ACTIVE,
            reason=t.reason if on else "unfrozen"))


def _insolvency(t: Target, on: bool, key: str, w: World) -> None:
    w.clients.issuer.DeclareInsolvency(issuer_pb2.DeclareInsolvencyRequest(request_id=key, reason=t.reason))


def _pause_transfers_effect(t: Target, on: bool, key: str, w: World) -> None:
    token = w.clients.chain.GetToken(chain_pb2.TokenRequest(symbol=t.token))
    w.clients.issuer.PauseToken(issuer_pb2.PauseTokenRequest(request_id=key, token=t.token,
                                                             mint_paused=token.mint_paused, transfers_paused=on))


def _settlement_fail_effect(t: Target, on: bool, key: str, w: World) -> None:
    w.clients.depository.SetDeliveryFail(depository_pb2.SetDeliveryFailRequest(
        request_id=key, participant_id=t.participant_id, symbol=t.symbol, settlement_date=t.settlement_date,
        failing=on))


def _stale_prices(t: Target, on: bool, key: str, w: World) -> None:
    w.market.freeze(w.now if on else None)


def _price_gap_effect(t: Target, on: bool, key: str, w: World) -> None:
    session = date.fromisoformat(t.settlement_date)
    require(not on or calendar.session_hours(session)[0] > w.now, Common.INVALID_ARGUMENT,
            f"the open of {session} has passed: a gap goes at an open still to come")
    w.market.set_gap(w.market.gap(t.symbol, session), on)


def _reorg_effect(t: Target, on: bool, key: str, w: World) -> None:
    """The chain's journal keeps it, so a restart replays the same chain."""
    w.clients.chain_service.Reorg(chain_pb2.ReorgRequest(request_id=key, depth=t.depth, drop=list(t.drop)))


# --- the kinds, one declaration each ----------------------------------------------------------------

def _network_words(t: Target) -> str:
    n = t.network or common_pb2.NetworkFault()
    hop = f"{n.from_service} -> {t.service}" if n.from_service else f"{t.service}'s {n.face or 'faces'}"
    params = {"latency": f"{n.latency_ms} ms + up to {n.jitter_ms} ms", "error": f"{n.grpc_code}/{n.http_status}",
              "rate-limit": f"{n.limit} per {n.window_seconds}s"}.get(t.kind, "")
    what = f"{t.kind} on {hop}{' ' + n.method if n.method else ''}" + (f" ({params})" if params else "")
    return what + (f", rate {n.rate.value}" if n.rate.value else "")


def _money_kind(fault: money.MoneyFault) -> FaultKind:
    def check(asked: Asked) -> Target:
        return Target(fault.kind, money=money.validate(fault.kind, asked.request), reason=asked.reason)

    def effect(t: Target, on: bool, key: str, w: World) -> None:
        fault.switch(t.money, on, key, t.reason, w.clients)
    return FaultKind(fault.kind, check, lambda t: fault.describe(t.money), effect)


def _perp_kind(fault: perps.PerpFault) -> FaultKind:
    def check(asked: Asked) -> Target:  # before the money leg's checks: oracle-jump takes --fraction too
        perp = perps.validate(asked.request, asked.perp_markets)
        return Target(fault.kind, symbol=perp.symbol, perp=perp, reason=asked.reason)

    def effect(t: Target, on: bool, key: str, w: World) -> None:
        perps.switch(fault.kind, t.perp, on, key, w.clients)
    return FaultKind(fault.kind, check, lambda t: fault.describe(t.perp), effect)


def _products_named(t: Target) -> str:
    return t.token or "every product"


def _restore_stale(row: FaultRow, market: MarketData) -> None:
    market.freeze(row.injected_at)  # stale prices stay stale


def _restore_gap(row: FaultRow, market: MarketData) -> None:
    market.set_gap(market.gap(row.symbol, date.fromisoformat(row.settlement_date)), True)


DOMAIN_DECLARED: Final = (
    FaultKind("halt-mint", _plain(_token), lambda t: f"the issuer halts minting {_products_named(t)} "
              "(and pauses its contracts' mint)", _halt_mint),
    FaultKind("halt-redeem", _plain(_token), lambda t: f"the issuer halts redemptions of {_products_named(t)}",
              _halt_redeem),
    FaultKind("route-cut", _plain(_account), lambda t: f"the broker cuts the API route of {t.account_id}",
              _route(False)),
    FaultKind("route-restore", _plain(_account), lambda t: t.kind, _route(True)),  # done once made
    FaultKind("freeze-account", _plain(_freeze), lambda t: f"the issuer freezes {t.address} in {t.token}"
              if t.address else f"the broker freezes {t.account_id}", _freeze_effect),
    FaultKind("insolvency", _plain(_bare), lambda t: "the issuer SPV is declared insolvent", _insolvency),
    FaultKind("pause-transfers", _plain(_pause_transfers),
              lambda t: f"the issuer pauses {t.token} transfers on chain", _pause_transfers_effect),
    FaultKind("settlement-fail", _plain(_settlement_fail),
              lambda t: f"participant {t.participant_id} fails to deliver {t.symbol}"
                        f" on {t.settlement_date or 'every settlement date'}", _settlement_fail_effect),
    FaultKind("stale-prices", _plain(_bare), lambda t: "market data stops updating", _stale_prices,
              restore=_restore_stale),
    FaultKind("reorg", _plain(_reorg), lambda t: f"the chain replaces its last {t.depth} blocks"
              + (f", leaving out {', '.join(t.drop)}" if t.drop else ""), _reorg_effect),
    FaultKind(PRICE_GAP, _plain(_price_gap), lambda t: f"{t.symbol} gaps at the open of {t.settlement_date} by a "
              "seeded move (control's market data; off-hours the last close is still quoted)", _price_gap_effect,
              restore=_restore_gap),
)
KINDS: Final[dict[str, FaultKind]] = {k.name: k for k in (
    *DOMAIN_DECLARED,
    *(_money_kind(f) for f in money.KINDS.values()),
    *(_perp_kind(f) for f in perps.KINDS.values()),
    *(FaultKind(name, _plain(_network), _network_words) for name in names(NETWORK)),
)}
DOMAIN_KINDS: Final = tuple(k for k in KINDS if CATALOGUE[k].family != NETWORK)
NOT_CLEARABLE: Final = tuple(k for k in KINDS if not CATALOGUE[k].clearable)


def why_not_clearable(kind: str) -> str:
    return CATALOGUE[kind].why_not


def apply(target: Target, key: str, clients: ports.Clients, market: MarketData, now: datetime) -> None:
    switch(target, True, key, clients, market, now)


def undo(row: FaultRow, key: str, clients: ports.Clients, market: MarketData) -> None:
    switch(target_of(row), False, key, clients, market, row.injected_at)


def target_of(row: FaultRow) -> Target:
    """A stored fault's target (a freeze-account of a chain address keeps the address as its account)."""
    address = row.account_id if row.kind == "freeze-account" and is_address(row.account_id) else ""
    perp = CATALOGUE[row.kind].family == PERPS if row.kind in CATALOGUE else False
    return Target(row.kind, token=row.token, account_id=row.account_id, participant_id=row.participant_id,
                  symbol=row.symbol, settlement_date=row.settlement_date, service=row.service, reason=row.reason,
                  address=address, depth=row.depth, drop=tuple(filter(None, row.drop.split(","))),
                  money=money.MoneyParams(price=row.price, amount=row.amount, fraction=row.fraction, delay=row.delay)
                  if not perp else money.MoneyParams(),
                  perp=perps.PerpParams(symbol=row.symbol, fraction=row.fraction) if perp else perps.PerpParams())


def network_of(row: FaultRow) -> common_pb2.NetworkFault:
    spec = common_pb2.NetworkFault()
    spec.ParseFromString(row.network)
    return spec


def push(clients: ports.Clients, local: Callable[[list[common_pb2.NetworkFault]], None], service: str,
         rows: Iterable[FaultRow]) -> None:
    """Give `service` the network faults in force on it (control's own are applied here)."""
    faults = [network_of(r) for r in rows if r.service == service and r.network]
    if service == "control":
        local(faults)
    else:
        clients.network_faults(service).Apply(common_pb2.NetworkFaultSet(faults=faults))


STATE_PB = by_name(FaultState, statuses_pb2.FaultState)


def message(row: FaultRow, hits: int = 0) -> control_pb2.Fault:
    fault = control_pb2.Fault(
        fault_id=row.fault_id, kind=row.kind, state=STATE_PB[FaultState(row.state)], description=row.description,
        injected_at=to_ts(row.injected_at), hits=hits, token=row.token, account_id=row.account_id,
        participant_id=row.participant_id, symbol=row.symbol, settlement_date=row.settlement_date,
        service=row.service)
    if row.until is not None:
        fault.until.CopyFrom(to_ts(row.until))
    if row.ended_at is not None:
        fault.ended_at.CopyFrom(to_ts(row.ended_at))
    if row.starts_at is not None:
        fault.starts_at.CopyFrom(to_ts(row.starts_at))
    if row.network:
        fault.network.CopyFrom(network_of(row))
    for name in ("price", "amount", "fraction"):
        if getattr(row, name):
            getattr(fault, name).value = getattr(row, name)
    fault.delay = row.delay
    return fault


def rate_of(spec: common_pb2.NetworkFault) -> Decimal:
    return from_pb(spec.rate, Decimal(1))


@dataclass(frozen=True)
class InjectPlan(TypedPlan):
    """An injection: the fault's id, chosen once so a resumed request makes the same fault."""

    fault_id: str


@dataclass(frozen=True)
class ClearPlan(TypedPlan):
    """A clearing: the faults it undoes (comma-separated ids), chosen once so a retry undoes the same ones."""

    ids: str

    def fault_ids(self) -> list[str]:
        return [fault_id for fault_id in self.ids.split(",") if fault_id]


class FaultBook:
    """Control's faults: inject, clear, expire, list; each a short unit of work around the keyed
    calls that make or undo the fault (none is made with a unit of work open)."""

    def __init__(self, db: Database, clients: ports.Clients, market: MarketData,
                 local: Callable[[list[common_pb2.NetworkFault]], None],
                 on_change: Callable[[], None] = lambda: None) -> None:
        self.db, self.clients, self.market, self.local, self.on_change = db, clients, market, local, on_change
        self._instants: list[datetime] | None = None  # when faults start or end; None: read them again

    def _spv_account(self) -> str:
        account = _products(self.clients).broker_account_id
        require(bool(account), Common.UNAVAILABLE, "the issuer has no broker account yet")
        return account

    def _perp_markets(self) -> list[perpetuals_pb2.PerpMarket]:
        return perp_reads.markets(self.clients.perpetuals)   # none when the exchange serves no perps

    def rows(self, include_ended: bool = False,
             states: tuple[FaultState, ...] = (FaultState.ACTIVE,)) -> list[FaultRow]:
        """Faults in the given states (all of them with `include_ended`), in id order."""
        with self.db.read() as session:
            query = select(FaultRow).order_by(col(FaultRow.fault_id))
            if not include_ended:
                query = query.where(col(FaultRow.state).in_(states))
            return list(session.exec(query))

    def page(self, include_ended: bool, token: str, limit: int,
             states: tuple[FaultState, ...] = PENDING_OR_ACTIVE) -> tuple[list[FaultRow], str]:
        """One page of `rows` in id order (`kernel.paging`: at most 1,000), and the next page's token."""
        with self.db.read() as session:
            query = select(FaultRow)
            if not include_ended:
                query = query.where(col(FaultRow.state).in_(states))
            return paging.page_by(session, query, col(FaultRow.fault_id), token, limit, lambda r: r.fault_id)

    def inject(self, request: control_pb2.InjectFaultRequest, now: datetime) -> control_pb2.Fault:
        """Validate, make the fault (keyed by the request id), record it, then hand network faults
        to the faulted service. A refusal changes nothing."""
        target = validate(request, self._spv_account, self._perp_markets)
        starts = from_ts(request.at) if request.HasField("at") else now
        require(starts >= now, reasons.Control.CLOCK_BACKWARDS,
                f"a fault cannot start in the past ({iso(starts)} < {iso(now)})")
        scheduled = starts > now
        until = starts + parse_duration(request.for_duration) if request.for_duration else None
        if target.network is not None:
            # unseeded: a seed from the request id, so a replayed script hits the same requests
            digest = hashlib.sha256(request.request_id.encode()).hexdigest()
            target.network.seed = target.network.seed or int(digest[:8], 16)

        def begin(session: Session) -> InjectPlan:
            return InjectPlan(f"flt-{session.exec(select(func.count()).select_from(FaultRow)).one() + 1:06d}")

        def remote(plan: InjectPlan) -> None:
            if target.network is None and not scheduled:
                apply(target, f"fault:{plan.fault_id}:apply", self.clients, self.market, now)

        def finish(session: Session, plan: InjectPlan, _: None) -> control_pb2.Fault:
            network = target.network
            if network is not None:
                network.fault_id = plan.fault_id
            row = FaultRow(fault_id=plan.fault_id, kind=target.kind,
                           state=FaultState.SCHEDULED if scheduled else FaultState.ACTIVE,
                           description=target.description(), reason=target.reason, token=target.token,
                           account_id=target.account_id, participant_id=target.participant_id,
                           symbol=target.symbol, settlement_date=target.settlement_date, service=target.service,
                           network=network.SerializeToString() if network is not None else b"",
                           depth=target.depth, drop=",".join(target.drop), injected_at=now, starts_at=starts,
                           until=until, price=target.money.price, amount=target.money.amount,
                           fraction=target.money.fraction or target.perp.fraction, delay=target.money.delay)
            if scheduled:
                session.add(row)
                emit(session, now, ev.FaultScheduled(fault_id=row.fault_id, kind=row.kind, description=row.description,
                                                     at=to_ts(starts), until=to_ts(until) if until else None,
                                                     reason=row.reason))
                return message(row)
            if target.kind == "route-restore":  # it ends the route cuts of that account, and is itself done
                row.state, row.ended_at = FaultState.CLEARED, now
                for cut in session.exec(select(FaultRow).where(FaultRow.state == FaultState.ACTIVE,
                                                               FaultRow.kind == "route-cut",
                                                               FaultRow.account_id == target.account_id)):
                    cut.state, cut.ended_at = FaultState.CLEARED, now
                    session.add(cut)
                    emit(session, now, ev.FaultCleared(fault_id=cut.fault_id, kind=cut.kind, by=row.fault_id))
            session.add(row)
            emit(session, now, ev.FaultInjected(fault_id=row.fault_id, kind=row.kind, description=row.description,
                                                until=to_ts(until) if until else None, reason=row.reason))
            return message(row)

        fault = run_saga(self.db, "InjectFault", request, lambda: TypedSaga(InjectPlan, begin=begin, remote=remote,
                                                                            finish=finish))
        self._after({fault.service} if fault.network.kind and fault.state == statuses_pb2.FAULT_STATE_ACTIVE else set())
        return fault

    def clear(self, request: control_pb2.ClearFaultRequest, now: datetime) -> control_pb2.ListFaultsResponse:
        """Undo one fault, or every clearable one; applied once per request id."""
        require(bool(request.fault_id) != request.all, Common.INVALID_ARGUMENT, "clear one fault (its id) or --all")

        def begin(session: Session) -> ClearPlan:
            active = list(session.exec(select(FaultRow).where(col(FaultRow.state).in_(PENDING_OR_ACTIVE))
                                       .order_by(col(FaultRow.fault_id))))
            if request.all:
                return ClearPlan(",".join(r.fault_id for r in active if r.kind not in NOT_CLEARABLE))
            row = session.get(FaultRow, request.fault_id)
            if row is None:
                raise DomainError(Common.NOT_FOUND, f"no fault {request.fault_id!r}")
            require(row.state in PENDING_OR_ACTIVE, reasons.Control.FAULT_ENDED,
                    f"{request.fault_id} has already ended ({row.state})")
            require(row.kind not in NOT_CLEARABLE, reasons.Control.FAULT_NOT_CLEARABLE,
                    f"{row.fault_id} ({row.kind}) cannot be undone: {why_not_clearable(row.kind)}")
            return ClearPlan(row.fault_id)

        def chosen(plan: ClearPlan) -> list[FaultRow]:
            ids = set(plan.fault_ids())
            return [r for r in self.rows() if r.fault_id in ids]  # active ones: a scheduled one was never made

        def remote(plan: ClearPlan) -> None:
            for row in chosen(plan):
                if not row.network:
                    undo(row, f"fault:{row.fault_id}:clear", self.clients, self.market)

        def finish(session: Session, plan: ClearPlan, _: None) -> control_pb2.ListFaultsResponse:
            ended = self._ended(session, plan.fault_ids(), FaultState.CLEARED, now)
            return control_pb2.ListFaultsResponse(faults=ended)

        response = run_saga(self.db, "ClearFault", request, lambda: TypedSaga(ClearPlan, begin=begin, remote=remote,
                                                                                finish=finish))
        self._after({f.service for f in response.faults if f.network.kind})
        return response

    def _ended(self, session: Session, ids: Iterable[str], state: FaultState,
               now: datetime) -> list[control_pb2.Fault]:
        ended = []
        for fault_id in filter(None, ids):
            row = session.get(FaultRow, fault_id)
            if row is None or row.state not in PENDING_OR_ACTIVE:
                continue
            row.state, row.ended_at = state, now
            session.add(row)
            emit(session, now, ev.FaultCleared(fault_id=row.fault_id, kind=row.kind) if state == FaultState.CLEARED
                 else ev.FaultExpired(fault_id=row.fault_id, kind=row.kind))
            ended.append(message(row))
        return ended

    def _after(self, services: Iterable[str]) -> None:
        """Hand each service whose network faults changed its new set; tell the clock's driver."""
        self._instants = None
        rows = self.rows()
        for service in sorted(services):
            push(self.clients, self.local, service, rows)
        self.on_change()

    def start_due(self, at: datetime) -> int:
        """Start every scheduled fault whose instant has come (a control job, at that instant)."""
        due = [r for r in self.rows(states=(FaultState.SCHEDULED,)) if r.starts_at is not None and r.starts_at <= at]
        for row in due:
            if not row.network:
                apply(target_of(row), f"fault:{row.fault_id}:apply", self.clients, self.market, at)
        if not due:
            return 0
        with self.db.transaction() as session:
            for row in due:
                stored = session.get(FaultRow, row.fault_id)
                if stored is None or stored.state != FaultState.SCHEDULED:
                    continue
                stored.state = FaultState.ACTIVE
                session.add(stored)
                emit(session, at, ev.FaultInjected(fault_id=stored.fault_id, kind=stored.kind,
                                                   description=stored.description,
                                                   until=to_ts(stored.until) if stored.until else None,
                                                   reason=stored.reason))
        self._after({r.service for r in due if r.network})
        return len(due)

    def run_due(self, at: datetime) -> str:
        started, ended = self.start_due(at), self.expire(at)
        return f"{started} faults started, {ended} ended by their time"

    def expire(self, at: datetime) -> int:
        """End every fault whose time is up (a control job, at the fault's own instant)."""
        due = [r for r in self.rows() if r.until is not None and r.until <= at]
        for row in due:
            if not row.network:
                undo(row, f"fault:{row.fault_id}:expire", self.clients, self.market)
        if not due:
            return 0
        with self.db.transaction() as session:
            ended = self._ended(session, [r.fault_id for r in due], FaultState.EXPIRED, at)
        self._after({r.service for r in due if r.network})
        return len(ended)

    def next_expiry(self, after: datetime) -> datetime | None:
        """The next instant a fault starts or ends by its time (the driver asks at every step, so
        the instants are kept in memory, and refreshed whenever a fault changes)."""
        if self._instants is None:
            rows = self.rows(states=PENDING_OR_ACTIVE)
            self._instants = sorted([r.until for r in rows if r.until is not None]
                                    + [r.starts_at for r in rows
                                       if r.state == FaultState.SCHEDULED and r.starts_at is not None])
        return next((at for at in self._instants if at > after), None)

    def restore(self) -> None:
        """After a restart of control: stale prices stay stale, and each service gets its faults again."""
        rows = self.rows()
        for row in rows:
            restore = KINDS[row.kind].restore if row.kind in KINDS else None
            if restore is not None:
                restore(row, self.market)
        for service in sorted({r.service for r in rows if r.network}):
            push(self.clients, self.local, service, rows)

    def hits(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for service in sorted({r.service for r in self.rows() if r.network}):
            try:
                reply = self.clients.network_faults(service).Hits(common_pb2.Empty())
            except DomainError:
                continue
            counts.update((h.fault_id, h.hits) for h in reply.hits)
        return counts


class ExpiryTrigger(BaseTrigger):
    """An APScheduler trigger whose fire times are the faults' `until` instants: control's
    `fault-expiry` job runs at each, under the sandbox clock like every other job."""

    def __init__(self, book: FaultBook) -> None:
        self.book = book

    def get_next_fire_time(self, previous_fire_time: datetime | None, now: datetime) -> datetime | None:
        return self.book.next_expiry(now - timedelta(microseconds=1))
