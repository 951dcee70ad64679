"""A drill's small world, driven only through the services' public APIs.

Every action a participant tries is logged with its sandbox instant and its outcome (ok, or the
reason code of the refusal), so a report can show what integrators saw. Request ids are derived
from the step, never random, so the same seed gives the same timeline.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import Any, TypeVar

from google.protobuf.internal.enum_type_wrapper import EnumTypeWrapper

from fivelayer.control import ports
from fivelayer.control.reconcile import reconcile
from fivelayer.kernel import keys
from fivelayer.kernel.drills import START as DRILL_START
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.money import fmt, from_pb, to_pb
from fivelayer.kernel.paging import whole
from fivelayer.kernel.reference import STABLECOIN
from fivelayer.kernel.timeutil import from_ts, iso, to_ts
from fivelayer.v1 import broker_pb2, chain_pb2, common_pb2, control_pb2, exchange_pb2, statuses_pb2

START = DRILL_START  # Monday 8:00 am New York (kernel.drills: the CLI starts its scratch sandbox there)
EXCHANGE_USERS = ("ada", "bo", "cy")
TRADITIONAL = "dee"
T = TypeVar("T")


def named(enum: EnumTypeWrapper, value: int) -> str:
    """A status as a drill's report words it: its enum name without the type's prefix, in lower case
    (ORDER_STATUS_FILLED: "filled"). The prefix is the UNSPECIFIED value's, so any status enum reads alike."""
    prefix = enum.Name(0).removesuffix("UNSPECIFIED")
    return enum.Name(value).removeprefix(prefix).lower()


def wallet(name: str) -> str:
    """A holder's own (self-custody) address on chain: the named account "wallet:<name>", whose key
    control holds (it plays the drills' end users)."""
    return keys.address_of("control", f"wallet:{name}")


class StepKind(StrEnum):
    """What a step tried: the findings pick steps by it, not by the text of their action."""
    BUY = "buy"
    SELL = "sell"
    SEND = "send"
    MINT = "mint"
    OTHER = "other"


@dataclass
class Step:
    at: str
    actor: str
    action: str
    result: str  # "ok" or a reason code
    detail: str = ""
    kind: StepKind = StepKind.OTHER   # what was tried, for the findings to count (never read from `action`)


class StepLog(list[Step]):
    """The world's steps, each also told to `on_step` as it is taken (a streamed drill's progress)."""

    def __init__(self, on_step: Callable[[Step], None]) -> None:
        super().__init__()
        self.on_step = on_step

    def append(self, step: Step) -> None:
        super().append(step)
        self.on_step(step)


@dataclass
class World:
    clients: ports.Clients
    seed: int
    rng: random.Random = field(init=False)
    users: dict[str, str] = field(default_factory=dict)  # name -> exchange user id
    traditional: dict[str, tuple[str, str]] = field(default_factory=dict)  # name -> (broker account, key)
    steps: list[Step] = field(default_factory=list)
    daily: list[dict[str, Any]] = field(default_factory=list)
    counter: int = 0
    first_deposit: exchange_pb2.DepositRequest | None = None

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)

    # --- time ---------------------------------------------------------------------------------

    def now(self) -> datetime:
        return from_ts(self.clients.clock.Now(common_pb2.Empty()).now)

    def advance_to(self, at: datetime) -> None:
        if at > self.now():
            self.clients.clock.Advance(control_pb2.AdvanceRequest(to=to_ts(at)))

    def run_days(self, until: datetime, each_day: Callable[[datetime], None] | None = None) -> None:
        """Advance day by day to `until`, acting at 10:30 am New York on weekdays (`each_day`), and
        taking a snapshot of the layers after each day's last job (17:45 New York)."""
        day = self.now().date()
        while True:
            morning = datetime.fromisoformat(f"{day}T15:30:00+00:00")
            evening = datetime.fromisoformat(f"{day}T22:45:00+00:00")
            if morning > until:
                break
            if each_day and morning >= self.now() and morning.weekday() < 5:
                self.advance_to(morning)
                each_day(morning)
            if evening <= until and evening.weekday() < 5:
                self.advance_to(evening)
                self.snapshot()
            day += timedelta(days=1)
        self.advance_to(until)

    # --- acting -------------------------------------------------------------------------------

    def rid(self, label: str) -> str:
        self.counter += 1
        return f"drill:{self.counter:04d}:{label}"

    def attempt(self, actor: str, action: str, call: Callable[[], T], describe: Callable[[T], str] = str,
                kind: StepKind = StepKind.OTHER) -> T | None:
        """Try `call`; log ok with `describe(result)`, or the refusal's reason. Never raises a refusal."""
        try:
            result = call()
        except DomainError as refused:
            self.steps.append(Step(iso(self.now()), actor, action, refused.reason, refused.message, kind))
            return None
        self.steps.append(Step(iso(self.now()), actor, action, "ok", describe(result), kind))
        return result

    def note(self, actor: str, action: str) -> None:
        """Log something the drill made happen (the fault itself), as done now."""
        self.steps.append(Step(iso(self.now()), actor, action, "ok"))

    def open_exchange_user(self, name: str, amount: Decimal) -> None:
        user = self.clients.exchange.CreateUser(exchange_pb2.CreateUserRequest(request_id=self.rid(name), name=name))
        self.users[name] = user.user_id
        request = exchange_pb2.DepositRequest(
            request_id=self.rid("deposit"), user_id=user.user_id, amount=to_pb(amount)
        )
        self.first_deposit = self.first_deposit or request
        self.attempt(
            name, f"deposit {amount} {STABLECOIN}", lambda: self.clients.exchange.Deposit(request), lambda _: "credited"
        )

    def replay_first_deposit(self) -> bool:
        """Send the first deposit again, same request id: nothing may change."""
        request = self.first_deposit
        if request is None:
            return True
        user = exchange_pb2.UserRequest(user_id=request.user_id)
        before = (self.clients.exchange.GetBalances(user), self.clients.events("exchange").Head(common_pb2.Empty()).seq)
        self.clients.exchange.Deposit(request)
        after = (self.clients.exchange.GetBalances(user), self.clients.events("exchange").Head(common_pb2.Empty()).seq)
        return before == after

    def open_traditional(self, name: str, amount: Decimal) -> None:
        account = self.clients.broker.CreateAccount(
            broker_pb2.CreateAccountRequest(request_id=self.rid(name), name=name, kind="individual")
        )
        self.clients.broker.FundAccount(
            broker_pb2.FundAccountRequest(
                request_id=self.rid("wire"), account_id=account.account_id, amount=to_pb(amount)
            )
        )
        self.traditional[name] = (account.account_id, account.api_key)

    def trade(self, side: str, name: str, token: str, quantity: Decimal) -> exchange_pb2.ExchangeOrder | None:
        """A buy (a mint at the issuer) or a sale (a redemption) on the exchange's tokenized route."""
        method = self.clients.exchange.Buy if side == "buy" else self.clients.exchange.Sell
        request = exchange_pb2.TradeRequest(request_id=self.rid(side), user_id=self.users[name], token=token,
                                            quantity=to_pb(quantity))
        return self.attempt(name, f"{side} {quantity} {token} on the exchange", lambda: method(request),
                            lambda o: f"{o.order_id} {named(statuses_pb2.ExchangeOrderStatus, o.status)}"
                            + (f" {o.amount.value} {STABLECOIN}" if side == "buy" else ""),
                            StepKind.BUY if side == "buy" else StepKind.SELL)

    def buy(self, name: str, token: str, quantity: Decimal) -> exchange_pb2.ExchangeOrder | None:
        return self.trade("buy", name, token, quantity)

    def sell(self, name: str, token: str, quantity: Decimal) -> exchange_pb2.ExchangeOrder | None:
        return self.trade("sell", name, token, quantity)

    def withdraw(self, name: str, token: str, quantity: Decimal) -> exchange_pb2.Withdrawal | None:
        return self.attempt(
            name,
            f"withdraw {quantity} {token} to own wallet",
            lambda: self.clients.exchange.Withdraw(
                exchange_pb2.WithdrawRequest(
                    request_id=self.rid("withdraw"),
                    user_id=self.users[name],
                    asset=token,
                    amount=to_pb(quantity),
                    to_address=wallet(name),
                )
            ),
            lambda w: w.tx_hash[:12],
        )

    def transfer(self, name: str, to: str, token: str, quantity: Decimal) -> chain_pb2.Tx | None:
        """`name` sends from their own wallet: control's wallet takes its key, and signs."""
        sender = self.clients.chain.hold(f"wallet:{name}")
        return self.attempt(
            name,
            f"send {quantity} {token} on chain to {to}",
            lambda: self.clients.chain.Transfer(
                chain_pb2.TransferRequest(
                    request_id=self.rid("transfer"),
                    symbol=token,
                    sender=sender,
                    to_address=wallet(to),
                    amount=to_pb(quantity),
                )
            ),
            lambda t: f"block {t.block_number}",
            StepKind.SEND,
        )

    def broker_order(self, name: str, symbol: str, side: str, quantity: Decimal) -> broker_pb2.Order | None:
        account, key = self.traditional[name]
        return self.attempt(
            name,
            f"{side} {quantity} {symbol} at the broker",
            lambda: self.clients.broker.PlaceOrder(
                broker_pb2.PlaceOrderRequest(
                    request_id=self.rid(side),
                    account_id=account,
                    api_key=key,
                    symbol=symbol,
                    side=broker_pb2.BUY if side == "buy" else broker_pb2.SELL,
                    quantity=to_pb(quantity),
                )
            ),
            lambda o: f"{o.order_id} {named(statuses_pb2.OrderStatus, o.status)}",
        )

    # --- looking ------------------------------------------------------------------------------

    def snapshot(self) -> None:
        """The layers per token, in shares: backed (settled in the issuer's account), pending (live
        orders not yet settled: buys to receive, negative for sales to deliver), unbacked (tokens
        with no live order behind them), and the unbacked value at the day's price."""
        tokens = []
        for line in reconcile(self.clients, self.now()).tokens:
            represented, settled = from_pb(line.shares_represented), from_pb(line.shares_settled)
            ordered, price = from_pb(line.shares_ordered), from_pb(line.price)
            unbacked = represented - ordered
            if represented or settled:
                tokens.append({"token": line.token, "on_chain": fmt(from_pb(line.tokens_outstanding)),
                               "shares_backed": fmt(settled), "shares_pending": fmt(ordered - settled),
                               "shares_unbacked": fmt(unbacked), "price": fmt(price),
                               "unbacked_value": str((unbacked * price).quantize(Decimal("0.01")))})
        self.daily.append({"at": iso(self.now()), "tokens": tokens})

    def holdings(self) -> list[dict[str, str]]:
        """Who holds what at the end: exchange users' claims, wallets, and traditional accounts."""
        rows = []
        tokens = self.tokens()
        for name, user_id in self.users.items():
            reply = self.clients.exchange.GetBalances(exchange_pb2.UserRequest(user_id=user_id))
            for b in reply.balances:
                rows.append(
                    {
                        "holder": name,
                        "where": "exchange account",
                        "asset": b.asset,
                        "quantity": str(from_pb(b.available) + from_pb(b.pending)),
                    }
                )
            for token in tokens:
                held = from_pb(
                    self.clients.chain.BalanceOf(chain_pb2.BalanceRequest(symbol=token, address=wallet(name))).amount
                )
                if held:
                    rows.append({"holder": name, "where": "own wallet", "asset": token, "quantity": str(held)})
        for name, (account, _) in self.traditional.items():
            for p in self.clients.broker.GetPositions(broker_pb2.AccountRequest(account_id=account)).positions:
                rows.append(
                    {
                        "holder": name,
                        "where": "broker account",
                        "asset": p.symbol,
                        "quantity": str(from_pb(p.settled) + from_pb(p.unsettled)),
                    }
                )
            cash = self.clients.broker.GetCash(broker_pb2.AccountRequest(account_id=account))
            rows.append(
                {
                    "holder": name,
                    "where": "broker account",
                    "asset": "USD",
                    "quantity": str(from_pb(cash.settled) + from_pb(cash.unsettled)),
                }
            )
        return rows

    def tokens(self) -> list[str]:
        tokens = whole(self.clients.chain.ListTokens, chain_pb2.ListTokensRequest()).tokens
        return [t.symbol for t in tokens if t.kind == "stock"]


def build(world: World) -> None:
    """The common world every drill starts from, at START (Monday 8 am New York):
    Monday: three exchange users deposit and buy AAPLx and NVDAx (the hedges fill at the open);
    ada takes some AAPLx to her own wallet; dee buys AAPL directly at the broker (the traditional
    route). Tuesday: those trades settle; cy mints NVDAx in the session (filled, settling Wednesday).
    Wednesday 8:30 am: bo mints AAPLx before the open (the hedge waits). The fault comes next."""
    rng = world.rng
    world.advance_to(START)
    for name in EXCHANGE_USERS:
        world.open_exchange_user(name, Decimal(rng.randrange(30_000, 60_001, 500)))
    world.open_traditional(TRADITIONAL, Decimal(50_000))
    for name in EXCHANGE_USERS:
        world.buy(name, "AAPLx", Decimal(rng.randrange(10, 41)))
        world.buy(name, "NVDAx", Decimal(rng.randrange(10, 61)) / 2)
    world.withdraw("ada", "AAPLx", Decimal(5))
    world.broker_order(TRADITIONAL, "AAPL", "buy", Decimal(rng.randrange(10, 41)))
    world.advance_to(datetime.fromisoformat("2026-11-16T22:45:00+00:00"))
    world.snapshot()
    world.advance_to(datetime.fromisoformat("2026-11-17T16:00:00+00:00"))
    world.buy("cy", "NVDAx", Decimal(rng.randrange(4, 13)))
    world.advance_to(datetime.fromisoformat("2026-11-17T22:45:00+00:00"))
    world.snapshot()
    world.advance_to(datetime.fromisoformat("2026-11-18T13:30:00+00:00"))
    world.buy("bo", "AAPLx", Decimal(rng.randrange(5, 16)))
