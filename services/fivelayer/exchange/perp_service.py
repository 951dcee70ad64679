"""The Perpetuals gRPC face (REST generated from it): thin transport over the service layer
(`perp_handlers`: markets start at NYSE's price the first time they are asked about, the maker's capital
comes from the faucet before the first order) and the perp books' queries (`perp_queries`)."""
from __future__ import annotations

import json
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlmodel import Session

from fivelayer.exchange import perp_market, perp_queries, ports
from fivelayer.exchange import perp_trading as trading
from fivelayer.exchange.perp_handlers import PerpHandlers
from fivelayer.exchange.perp_models import (
    FundingRoundRow,
    LiquidationRow,
    PerpEntryRow,
    PerpMarketRow,
    PerpOrderRow,
    PerpPositionRow,
)
from fivelayer.exchange.perps import book as perp_book
from fivelayer.exchange.perps import funding, margin, matching
from fivelayer.exchange.perps.params import MARKETS, PRICE_PLACES, market
from fivelayer.kernel.clock import ClockSource
from fivelayer.kernel.db import Database
from fivelayer.kernel.errors import require
from fivelayer.kernel.money import ZERO, quantize, to_pb
from fivelayer.kernel.paging import page_of
from fivelayer.kernel.reasons import Common
from fivelayer.kernel.rpc import Context, answer, mutation, unary
from fivelayer.kernel.timeutil import to_ts
from fivelayer.v1 import common_pb2, perpetuals_pb2_grpc
from fivelayer.v1 import perpetuals_pb2 as pb


def optional(value: Decimal | None) -> common_pb2.Decimal | None:
    return to_pb(value) if value is not None else None


def market_message(session: Session, row: PerpMarketRow, now: datetime) -> pb.PerpMarket:
    params = market(row.symbol)
    current = trading.book(session, row)
    bids, asks = current.levels(True), current.levels(False)
    premium = row.premium_sum / row.premium_count if row.premium_count else ZERO
    rate = funding.funding_rate(premium)
    interest = sum((p.size for p in trading.open_positions(session, row.symbol) if p.size > 0), ZERO)
    bound = params.discovery_bound
    return pb.PerpMarket(
        symbol=row.symbol, underlying=params.underlying, max_leverage=params.max_leverage,
        maintenance_rate=to_pb(params.maintenance_rate), impact_notional=to_pb(params.impact_notional),
        oracle_price=to_pb(row.oracle_price), mark_price=to_pb(row.mark_price),
        last_session_price=to_pb(row.last_session_price), in_session=row.in_session,
        lower_bound=to_pb(row.last_session_price * (1 - bound)),
        upper_bound=to_pb(row.last_session_price * (1 + bound)),
        best_bid=optional(bids[0].price if bids else None), best_ask=optional(asks[0].price if asks else None),
        last_trade=optional(row.last_trade or None),
        impact_bid=optional(perp_book.impact_price(bids, params.impact_notional)),
        impact_ask=optional(perp_book.impact_price(asks, params.impact_notional)),
        open_interest=to_pb(interest), premium=to_pb(quantize(premium, 12)), funding_rate_8h=to_pb(rate.rate_8h),
        funding_rate_hourly=to_pb(rate.hourly), next_funding_at=to_ts(perp_market.next_hour(now)),
        updated_at=to_ts(row.updated_at) if row.updated_at else None, halted=row.halted,
        halt_reason=row.halt_reason, oracle_stale=row.oracle_stale, oracle_jump=to_pb(row.oracle_jump))


def order_message(o: PerpOrderRow) -> pb.PerpOrder:
    return pb.PerpOrder(
        order_id=o.order_id, request_id=o.request_id, user_id=o.user_id, symbol=o.symbol, side=o.side,  # type: ignore[arg-type]
        type=o.type, size=to_pb(o.size), limit_price=to_pb(o.limit_price) if o.limit_price else None,  # type: ignore[arg-type]
        leverage=o.leverage, reduce_only=o.reduce_only, status=o.status, reason=o.reason,  # type: ignore[arg-type]
        filled_size=to_pb(o.filled_size),
        average_price=to_pb(o.filled_value / o.filled_size) if o.filled_size else None, fee=to_pb(o.fee),
        realized_pnl=to_pb(o.realized_pnl), created_at=to_ts(o.created_at), updated_at=to_ts(o.updated_at))


def position_message(p: PerpPositionRow, mark: Decimal) -> pb.PerpPosition:
    params, position = market(p.symbol), trading.as_position(p)
    exact = margin.liquidation_price(position, params) if p.size and p.account not in trading.HOUSE else None
    liquidation = quantize(exact, PRICE_PLACES) if exact is not None else None   # shown as prices are
    return pb.PerpPosition(
        user_id=trading.user_of(p.account), symbol=p.symbol, size=to_pb(p.size), entry_price=to_pb(p.entry_price),
        margin=to_pb(p.margin), leverage=p.leverage, mark_price=to_pb(mark),
        notional=to_pb(margin.notional(p.size, mark)), unrealized_pnl=to_pb(margin.unrealized_pnl(position, mark)),
        equity=to_pb(margin.equity(position, mark)),
        maintenance_margin=to_pb(margin.maintenance_margin(position, mark, params)),
        liquidation_price=optional(liquidation), realized_pnl=to_pb(p.realized_pnl), funding=to_pb(p.funding),
        fees=to_pb(p.fees))


def entry_message(e: PerpEntryRow) -> pb.PerpHistoryEntry:
    return pb.PerpHistoryEntry(entry_id=e.entry_id, kind=e.kind, symbol=e.symbol, at=to_ts(e.at),  # type: ignore[arg-type]
                               size=to_pb(e.size), price=to_pb(e.price), amount=to_pb(e.amount), rate=to_pb(e.rate),
                               ref=e.ref, note=e.note)


def funding_message(r: FundingRoundRow) -> pb.FundingRoundRecord:
    return pb.FundingRoundRecord(round_id=r.round_id, symbol=r.symbol, at=to_ts(r.at),
                                 premium=to_pb(quantize(r.premium, 12)),
                                 rate_8h=to_pb(r.rate_8h), hourly_rate=to_pb(r.hourly_rate), capped=r.capped,
                                 oracle_price=to_pb(r.oracle_price), paid=to_pb(r.paid), received=to_pb(r.received),
                                 residue=to_pb(r.residue), positions=r.positions)


def liquidation_message(r: LiquidationRow) -> pb.LiquidationRecord:
    ranking = [pb.AdlRankEntry(user_id=e["user_id"], key=to_pb(Decimal(e["key"])),
                               pnl_fraction=to_pb(Decimal(e["pnl_fraction"])), leverage=to_pb(Decimal(e["leverage"])),
                               closed=to_pb(Decimal(e["closed"])), realized_pnl=to_pb(Decimal(e["realized_pnl"])))
               for e in json.loads(r.ranking)]
    return pb.LiquidationRecord(
        liquidation_id=r.liquidation_id, symbol=r.symbol, user_id=trading.user_of(r.account), at=to_ts(r.at),
        size=to_pb(r.size), mark_price=to_pb(r.mark_price), bankruptcy_price=to_pb(r.bankruptcy_price),
        book_size=to_pb(r.book_size), book_average_price=optional(r.book_average_price if r.book_size else None),
        backstop_size=to_pb(r.backstop_size), fund_change=to_pb(r.fund_change), ranking=ranking,
        returned=to_pb(r.returned))


def desk_message(d: perp_queries.Desk, mark: dict[str, Decimal]) -> pb.PerpDesk:
    return pb.PerpDesk(
        margin_held=to_pb(d.margin_held), insurance_fund=to_pb(d.insurance_fund), maker_capital=to_pb(d.maker_capital),
        fees=to_pb(d.fees), total=to_pb(d.total),
        fund_positions=[position_message(p, mark.get(p.symbol, ZERO)) for p in d.fund_positions],
        maker_positions=[position_message(p, mark.get(p.symbol, ZERO)) for p in d.maker_positions])


class PerpetualsServicer(perpetuals_pb2_grpc.PerpetualsServicer):
    """Requests to `perp_handlers` and `perp_queries`, answers to messages."""

    def __init__(self, db: Database, clock: ClockSource, clients: ports.Clients) -> None:
        self.db, self.clock, self.clients = db, clock, clients
        self.handlers = PerpHandlers(db, clock, clients)

    @unary
    def ListPerpMarkets(self, request: pb.ListPerpMarketsRequest, context: Any) -> pb.ListPerpMarketsResponse:
        catalogue = list(enumerate(MARKETS))    # keyed by place: the catalogue's order
        chosen, following = page_of(catalogue, lambda entry: (entry[0],), [int], request.page_token, request.limit)
        return self.handlers.read_markets([symbol for _, symbol in chosen], lambda session, rows, now:
                                          pb.ListPerpMarketsResponse(markets=[market_message(session, r, now)
                                                                              for r in rows],
                                                                     next_page_token=following))

    @unary
    def GetPerpMarket(self, request: pb.PerpMarketRequest, context: Any) -> pb.PerpMarket:
        params = market(request.symbol)
        return self.handlers.read_markets([params.symbol],
                                          lambda session, rows, now: market_message(session, rows[0], now))

    @unary
    def GetPerpBook(self, request: pb.PerpBookRequest, context: Any) -> pb.PerpBook:
        params = market(request.symbol)
        require(0 <= request.depth <= 100, Common.INVALID_ARGUMENT, f"depth is 0 to 100, got {request.depth}",
                field="depth")
        depth = request.depth or 10

        def side(entries: list[matching.Resting]) -> list[pb.PerpLevel]:
            return [pb.PerpLevel(price=to_pb(p), size=to_pb(s), source="users" if u else "maker")
                    for p, s, u in matching.levels(entries, depth)]

        def view(session: Session, rows: list[PerpMarketRow], now: datetime) -> pb.PerpBook:
            row = rows[0]
            current = trading.book(session, row)
            return pb.PerpBook(symbol=params.symbol, bids=side(current.bids), asks=side(current.asks),
                               oracle_price=to_pb(row.oracle_price), mark_price=to_pb(row.mark_price),
                               at=to_ts(self.clock.now()))

        return self.handlers.read_markets([params.symbol], view)

    def PlacePerpOrder(self, request: pb.PlacePerpOrderRequest, context: Context) -> pb.PerpOrder:
        return answer(self, context, lambda: self.handlers.place(request, order_message))

    @mutation
    def CancelPerpOrder(self, request: pb.CancelPerpOrderRequest, session: Session) -> pb.PerpOrder:
        return order_message(trading.cancel(session, self.clock.now(), request.order_id))

    @unary
    def GetPerpOrder(self, request: pb.PerpOrderRequest, context: Any) -> pb.PerpOrder:
        with self.db.read() as session:
            return order_message(trading.get_order(session, request.order_id))

    @unary
    def ListPerpOrders(self, request: pb.ListPerpOrdersRequest, context: Any) -> pb.ListPerpOrdersResponse:
        with self.db.read() as session:
            page, token = perp_queries.orders(session, request.user_id, request.symbol, request.page_token,
                                              request.limit)
        return pb.ListPerpOrdersResponse(orders=[order_message(o) for o in page], next_page_token=token)

    @unary
    def GetPerpPositions(self, request: pb.PerpPositionsRequest, context: Any) -> pb.PerpPositionsResponse:
        with self.db.read() as session:
            positions = perp_queries.positions(session, request.user_id, request.symbol)
            mark = perp_queries.marks(session)
            return pb.PerpPositionsResponse(user_id=request.user_id, positions=[
                position_message(p, mark.get(p.symbol, ZERO)) for p in positions])

    @unary
    def GetPerpHistory(self, request: pb.PerpHistoryRequest, context: Any) -> pb.PerpHistoryResponse:
        require(request.kind in pb.PerpEntryKind.values(), Common.INVALID_ARGUMENT, f"no entry kind {request.kind}",
                field="kind")
        with self.db.read() as session:
            page, token = perp_queries.history(session, request.user_id, request.symbol, request.kind,
                                               request.page_token, request.limit)
        return pb.PerpHistoryResponse(entries=[entry_message(e) for e in page], next_page_token=token)

    @unary
    def ListFunding(self, request: pb.ListFundingRequest, context: Any) -> pb.ListFundingResponse:
        with self.db.read() as session:
            page, token = perp_queries.funding_rounds(session, request.symbol, request.page_token, request.limit)
        return pb.ListFundingResponse(rounds=[funding_message(r) for r in page], next_page_token=token)

    @unary
    def ListLiquidations(self, request: pb.ListLiquidationsRequest, context: Any) -> pb.ListLiquidationsResponse:
        with self.db.read() as session:
            page, token = perp_queries.liquidations(session, request.symbol, request.page_token, request.limit)
        return pb.ListLiquidationsResponse(liquidations=[liquidation_message(r) for r in page], next_page_token=token)

    @unary
    def GetPerpDesk(self, request: common_pb2.Empty, context: Any) -> pb.PerpDesk:
        with self.db.read() as session:
            return desk_message(perp_queries.desk(session), perp_queries.marks(session))

    @mutation
    def SetPerpConditions(self, request: pb.SetPerpConditionsRequest, session: Session) -> pb.ListPerpMarketsResponse:
        now = self.clock.now()
        rows = perp_market.set_conditions(session, now, request)
        return pb.ListPerpMarketsResponse(markets=[market_message(session, r, now) for r in rows if r.started])
