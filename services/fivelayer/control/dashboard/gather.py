"""Asking the layers for the figures the boxes show, through their public gRPC APIs.

The same reads as `fivelayer reconcile` (and its `token_line`), but each service asked once and
on its own: a service that is down or faulted marks its own boxes unavailable, the others still
show. The clients used here have short deadlines, so a page never hangs on a stalled peer.
"""
from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Callable
from decimal import Decimal
from typing import TypeVar

from fivelayer.control import perp_reads
from fivelayer.control.dashboard.figures import Snapshot
from fivelayer.control.dashboard.ports import Reads
from fivelayer.control.reconcile import issuer_shares, spv_accounts, token_line
from fivelayer.kernel.config import SERVICES
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.money import ZERO, from_pb, to_pb
from fivelayer.kernel.paging import all_pages, whole
from fivelayer.kernel.reference import BROKER_PARTICIPANT, EXCHANGE_HOT_WALLET
from fivelayer.v1 import (
    broker_pb2,
    chain_pb2,
    common_pb2,
    control_pb2,
    depository_pb2,
    exchange_pb2,
    issuer_pb2,
    statuses_pb2,
)

T = TypeVar("T")
# A workshop has a handful of customers; past this many, the traditional route's totals are partial.
MAX_CUSTOMERS = 50
EMPTY = common_pb2.Empty()


class Attempts:
    """Each call attributed to a service; a refusal or an outage recorded once per service."""

    def __init__(self, snap: Snapshot) -> None:
        self.snap = snap

    def __call__(self, service: str, call: Callable[[], T]) -> T | None:
        try:
            return call()
        except DomainError as error:
            self.snap.errors.setdefault(service, f"[{error.reason}] {error.message}")
            return None


def customer_positions(clients: Reads, accounts: list[broker_pb2.Account]
                       ) -> dict[str, tuple[Decimal, Decimal]]:
    """Shares held in customers' own names at the broker, per symbol: (settled, unsettled)."""
    settled: dict[str, Decimal] = defaultdict(Decimal)
    unsettled: dict[str, Decimal] = defaultdict(Decimal)
    for account in accounts[:MAX_CUSTOMERS]:
        for p in clients.broker.GetPositions(broker_pb2.AccountRequest(account_id=account.account_id)).positions:
            settled[p.symbol] += from_pb(p.settled)
            unsettled[p.symbol] += from_pb(p.unsettled)
    return {s: (settled[s], unsettled[s]) for s in sorted(set(settled) | set(unsettled))}


def latest_token_events(clients: Reads, head: chain_pb2.Block | None, limit: int = 3,
                        blocks: int = 12) -> list[chain_pb2.Tx]:
    """The newest token events, read block by block back from the head (at most `blocks` blocks)."""
    found: list[chain_pb2.Tx] = []
    number = head.number if head is not None else 0
    while number > 0 and len(found) < limit and blocks > 0:
        block = head if head is not None and number == head.number else \
            clients.chain.GetBlock(chain_pb2.BlockRequest(number=number))
        found += [tx for tx in reversed(block.txs) if tx.symbol and tx.kind not in ("deployed", "call")]
        number, blocks = number - 1, blocks - 1
    return found[:limit]


def perp_users(clients: Reads, users: list[exchange_pb2.User]) -> dict[str, tuple[Decimal, Decimal]]:
    """Contracts users hold in each perp market: (long, short as a negative)."""
    long: dict[str, Decimal] = defaultdict(Decimal)
    short: dict[str, Decimal] = defaultdict(Decimal)
    for user in users[:MAX_CUSTOMERS]:
        for p in perp_reads.positions(clients.perpetuals, user.user_id):
            size = from_pb(p.size)
            (long if size > 0 else short)[p.symbol] += size
    return {s: (long[s], short[s]) for s in sorted(set(long) | set(short))}


def spv_cash(clients: Reads, accounts: list[str]) -> broker_pb2.CashResponse:
    """The SPV's cash at the broker, summed over its products' accounts."""
    cash = [clients.broker.GetCash(broker_pb2.AccountRequest(account_id=a)) for a in accounts]
    return broker_pb2.CashResponse(settled=to_pb(sum((from_pb(c.settled) for c in cash), ZERO)),
                                   unsettled=to_pb(sum((from_pb(c.unsettled) for c in cash), ZERO)))


def gather(clients: Reads) -> Snapshot:
    snap = Snapshot()
    read = Attempts(snap)
    snap.tokens = read("chain", lambda: list(whole(clients.chain.ListTokens, chain_pb2.ListTokensRequest()).tokens))
    snap.head = read("chain", lambda: clients.chain.GetBlock(chain_pb2.BlockRequest()))
    if snap.head is not None:
        snap.token_events = read("chain", lambda: latest_token_events(clients, snap.head))
    snap.products = read("issuer", lambda: whole(clients.issuer.ListProducts, issuer_pb2.ListProductsRequest()))
    estate = read("issuer", lambda: clients.issuer.GetEstate(EMPTY))
    snap.insolvent = estate.insolvent if estate is not None else None
    snap.funding = read("issuer", lambda: clients.issuer.GetFunding(EMPTY))
    money = {f.token: f for f in snap.funding.products} if snap.funding is not None else {}
    spv = snap.products.broker_account_id if snap.products is not None else ""

    accounts = read("broker", lambda: list(all_pages(clients.broker.ListAccounts, broker_pb2.ListAccountsRequest(),
                                                     lambda page: page.accounts)))
    if accounts is not None:   # the SPV is one customer with an account per product
        snap.spv_account = next((a for a in accounts if a.account_id == spv), None)
        snap.customers = [a for a in accounts if (a.customer_id or a.account_id) != spv]
        snap.customer_positions = read("broker", lambda: customer_positions(clients, snap.customers or []))
    own = spv_accounts(snap.products) if snap.products is not None else []
    orders = read("broker", lambda: [o for a in own for o in whole(clients.broker.ListOrders,
                                                                   broker_pb2.ListOrdersRequest(account_id=a)).orders])
    positions = read("broker", lambda: [p for a in own for p in clients.broker.GetPositions(
        broker_pb2.AccountRequest(account_id=a)).positions])
    snap.spv_cash = read("broker", lambda: spv_cash(clients, own)) if own else None

    snap.dtc = read("depository", lambda: clients.depository.GetPositions(
        depository_pb2.PositionsRequest(participant_id=BROKER_PARTICIPANT)))
    trades = read("depository", lambda: list(all_pages(clients.depository.ListTrades, depository_pb2.ListTradesRequest(
        participant_id=BROKER_PARTICIPANT), lambda page: page.trades)))
    snap.unsettled_trades = sum(1 for t in trades if t.status != statuses_pb2.TRADE_STATUS_SETTLED) \
        if trades is not None else None

    users = read("exchange", lambda: list(whole(clients.exchange.ListUsers, exchange_pb2.ListUsersRequest()).users))
    snap.users = len(users) if users is not None else None
    snap.perp_markets = read("exchange", lambda: perp_reads.markets(clients.perpetuals))
    if snap.perp_markets is not None:   # the perp route (an empty desk when the exchange runs none)
        snap.perp_desk = read("exchange", lambda: perp_reads.desk(clients.perpetuals))
    if snap.perp_markets:
        snap.perp_users = read("exchange", lambda: perp_users(clients, users or []))
    if snap.tokens is not None:
        symbols = [t.symbol for t in snap.tokens]
        snap.hot_wallet = read("chain", lambda: {s: from_pb(clients.chain.BalanceOf(chain_pb2.BalanceRequest(
            symbol=s, address=EXCHANGE_HOT_WALLET)).amount) for s in symbols})

    if snap.tokens is not None and orders is not None and positions is not None and snap.dtc is not None:
        shares = issuer_shares(orders, positions)
        at_dtc = {p.symbol: from_pb(p.settled) for p in snap.dtc.positions}
        stocks = [t for t in snap.tokens if t.kind == "stock"]
        prices = read("control", lambda: {t.underlying: from_pb(clients.market_data.GetPrice(
            control_pb2.PriceRequest(symbol=t.underlying)).price) for t in stocks})
        if prices is not None:
            snap.lines = [token_line(t, shares, at_dtc.get(t.underlying, ZERO), prices[t.underlying],
                                     funding=money.get(t.symbol)) for t in stocks]
    for service in SERVICES:
        report = read(service, functools.partial(clients.books(service).Prove, EMPTY))
        if report is not None:
            snap.books[service] = report.balanced
    return snap
