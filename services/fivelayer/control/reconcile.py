"""Reconciling the layers: tokens on chain against the shares behind them.

Per stock token: tokens outstanding on chain, the shares they represent (x multiplier), the
issuer's orders at the broker (ordered, filled, settled), the broker's own position at the
depository, and the unbacked exposure: shares represented that are not yet settled in the
issuer's account; beside them the money leg from the issuer's books (its GetFunding): the product's
funding mode, its free buffer, the FUSD it holds and has in transit to dollars, the hedges' cash
committed and the broker's credit it draws. Each service also proves its own books.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from decimal import ROUND_CEILING, Decimal

from fivelayer.control import ports
from fivelayer.kernel.config import SERVICES
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.money import SHARE_PLACES, ZERO, from_pb, quantize, to_pb
from fivelayer.kernel.paging import whole
from fivelayer.kernel.reasons import Common
from fivelayer.kernel.reference import BROKER_PARTICIPANT
from fivelayer.kernel.timeutil import from_ts
from fivelayer.v1 import broker_pb2, chain_pb2, common_pb2, control_pb2, depository_pb2, issuer_pb2, statuses_pb2

LIVE_STATUSES = {statuses_pb2.ORDER_STATUS_ACCEPTED, statuses_pb2.ORDER_STATUS_FILLED}


@dataclass
class IssuerShares:
    """The issuer's net shares per symbol at the broker, by stage."""

    ordered: dict[str, Decimal] = field(default_factory=lambda: defaultdict(Decimal))
    filled: dict[str, Decimal] = field(default_factory=lambda: defaultdict(Decimal))
    settled: dict[str, Decimal] = field(default_factory=lambda: defaultdict(Decimal))


def issuer_shares(orders: list[broker_pb2.Order], positions: list[broker_pb2.BrokerPosition]) -> IssuerShares:
    """Net buys minus sells of live orders; settled shares from the account's settled position."""
    shares = IssuerShares()
    for order in orders:
        if order.status not in LIVE_STATUSES:
            continue
        sign = 1 if order.side == broker_pb2.BUY else -1
        shares.ordered[order.symbol] += sign * from_pb(order.quantity)
        shares.filled[order.symbol] += sign * from_pb(order.filled_quantity)
    for position in positions:
        shares.settled[position.symbol] += from_pb(position.settled)
    return shares


def dividend_receivable(ex_dividends: list[issuer_pb2.ExDividend], orders: list[broker_pb2.Order],
                        now: datetime) -> dict[str, Decimal]:
    """Per token: the shares its tokens of record claim from a reinvested dividend's ex-date open until the
    pay date's purchase of them settles (the SPV is owed the dividend that pays for them)."""
    settled = {o.order_id for o in orders if o.settled}
    owed: dict[str, Decimal] = defaultdict(Decimal)
    for ex in ex_dividends:
        scheduled = ex.status == statuses_pb2.EX_DIVIDEND_STATUS_SCHEDULED
        if scheduled and from_ts(ex.effective_at) <= now and ex.order_id not in settled:
            owed[ex.token] += from_pb(ex.shares_owed)
    return owed


def token_line(token: chain_pb2.Token, shares: IssuerShares, depository_settled: Decimal,
               price: Decimal, receivable: Decimal = ZERO,
               funding: issuer_pb2.ProductFunding | None = None) -> control_pb2.TokenReconciliation:
    symbol = token.underlying
    outstanding = from_pb(token.total_supply)
    multiplier = from_pb(token.multiplier, Decimal(1))
    represented = outstanding * multiplier
    ordered, filled, settled = shares.ordered[symbol], shares.filled[symbol], shares.settled[symbol]
    # shares are booked to 9 places, a claim (tokens x an 18-place multiplier) to 27: the gap is read to a
    # share's 9 places, rounded up, so a claim beyond the shares by any amount shows, and a holding above the
    # claim by less than a share's 9th place (what a split's rounding leaves the SPV) reads as none
    unbacked = quantize(represented - settled - receivable, SHARE_PLACES, ROUND_CEILING)
    line = control_pb2.TokenReconciliation(
        token=token.symbol, underlying=symbol, multiplier=to_pb(multiplier), tokens_outstanding=to_pb(outstanding),
        shares_represented=to_pb(represented), shares_ordered=to_pb(ordered), shares_filled=to_pb(filled),
        shares_settled=to_pb(settled), shares_pending=to_pb(ordered - filled), shares_unsettled=to_pb(filled - settled),
        broker_position_at_depository=to_pb(depository_settled), unbacked_shares=to_pb(unbacked),
        unbacked_value=to_pb(quantize(unbacked * price, 2)), price=to_pb(price),
        dividend_receivable_shares=to_pb(receivable))
    if funding is not None:   # the product's cash, as the issuer's books hold it
        line.funding_mode = funding.funding_mode
        for name in ("buffer", "cash_in_transit", "credit_used", "stablecoin_held", "committed"):
            getattr(line, name).CopyFrom(getattr(funding, name))
    return line


def spv_accounts(products: issuer_pb2.ListProductsResponse) -> list[str]:
    """The SPV's accounts at the broker: each product's own, by account id."""
    return sorted({p.broker_account_id for p in products.products if p.broker_account_id})


def reconcile(clients: ports.Clients, now: datetime, token_filter: str = "") -> control_pb2.ReconcileResponse:
    tokens = [t for t in whole(clients.chain.ListTokens, chain_pb2.ListTokensRequest()).tokens
              if t.kind == "stock" and (not token_filter or t.symbol == token_filter)]
    if token_filter and not tokens:
        raise DomainError(Common.UNKNOWN_TOKEN, f"no stock token {token_filter!r} on chain", token=token_filter)
    products = clients.issuer.ListProducts(issuer_pb2.ListProductsRequest())
    accounts = spv_accounts(products)
    orders = [o for a in accounts
              for o in whole(clients.broker.ListOrders, broker_pb2.ListOrdersRequest(account_id=a)).orders]
    positions = [p for a in accounts
                 for p in clients.broker.GetPositions(broker_pb2.AccountRequest(account_id=a)).positions]
    shares = issuer_shares(orders, positions)
    at_depository = {p.symbol: from_pb(p.settled) for p in clients.depository.GetPositions(
        depository_pb2.PositionsRequest(participant_id=BROKER_PARTICIPANT)).positions}
    ex_dividends = whole(clients.issuer.ListExDividends, issuer_pb2.ListExDividendsRequest()).ex_dividends
    receivable = dividend_receivable(list(ex_dividends), orders,
                                     now)
    money = clients.issuer.GetFunding(common_pb2.Empty())
    by_token = {f.token: f for f in money.products}
    lines = []
    for token in tokens:
        price = clients.market_data.GetPrice(control_pb2.PriceRequest(symbol=token.underlying))
        lines.append(token_line(token, shares, at_depository.get(token.underlying, ZERO), from_pb(price.price),
                                receivable.get(token.symbol, ZERO), by_token.get(token.symbol)))
    books = []
    for service in SERVICES:
        report = clients.books(service).Prove(common_pb2.Empty())
        books.append(control_pb2.ServiceBooks(service=service, balanced=report.balanced, problems=report.problems))
    return control_pb2.ReconcileResponse(tokens=lines, books=books, sponsor_loan=money.sponsor_loan)

