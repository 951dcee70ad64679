"""The Perpetuals gRPC face (REST generated from it): thin transport over `perp_trading`, `perp_market`,
`perp_risk` and `perp_actions`. Markets start at NYSE's price the first time they are asked about; the
maker's capital comes from the faucet before the first order (`fund_maker`)."""
from __future__ import annotations

import json
from datetime import datetime
from decimal import Decimal
from typing import Any, cast

from sqlmodel import Session, col, select

from fivelayer.exchange import custody, perp_market, perp_trading as trading, ports
from fivelayer.exchange.perp_models import (
    FundingRoundRow, LiquidationRow, PerpEntryRow, PerpMarketRow, PerpOrderRow, PerpPositionRow,
)
from fivelayer.exchange.perps import book as perp_book, funding, margin, matching
from fivelayer.exchange.perps.params import MAKER_CAPITAL, MARKETS, PRICE_PLACES, market
from fivelayer.kernel.clock import ClockSource
from fivelayer.kernel.db import Database
from fivelayer.kernel.errors import require
from fivelayer.kernel.idempotency import apply_once, idempotency_key, request_hash, stored_response
from fivelayer.kernel.ledger import Ledger, LedgerPosting
from fivelayer.kernel.paging import page_by
from fivelayer.kernel.money import ZERO, quantize, to_pb
from fivelayer.kernel.reference import EXCHANGE_HOT_WALLET, STABLECOIN
from fivelayer.kernel.rpc import Context, answer, mutation, unary
from fivelayer.kernel.timeutil import to_ts
from fivelayer.v1 import chain_pb2, common_pb2, perpetuals_pb2 as pb, perpetuals_pb2_grpc
from fivelayer.kernel.reasons import Common

CAPITAL_TRANSFER = "perps:maker-capital"


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


def marks(session: Session) -> dict[str, Decimal]:
    return {r.symbol: r.mark_price for r in session.exec(select(PerpMarketRow))}


def desk(session: Session) -> pb.PerpDesk:
    ledger, mark = Ledger(session), marks(session)
    house = list(session.exec(select(PerpPositionRow).where(col(PerpPositionRow.account).in_(trading.HOUSE),
                                                            PerpPositionRow.size != 0)))
    maker_margin = sum((p.margin for p in house if p.account == trading.MAKER), ZERO)
    held, fund = ledger.balance(trading.MARGIN, STABLECOIN), ledger.balance(trading.FUND, STABLECOIN)
    maker, fees = ledger.balance(trading.MAKER, STABLECOIN), ledger.balance(trading.FEES, STABLECOIN)
    return pb.PerpDesk(
        margin_held=to_pb(held - maker_margin), insurance_fund=to_pb(fund), maker_capital=to_pb(maker + maker_margin),
        fees=to_pb(fees), total=to_pb(held + fund + maker + fees),
        fund_positions=[position_message(p, mark.get(p.symbol, ZERO)) for p in house if p.account == trading.FUND],
        maker_positions=[position_message(p, mark.get(p.symbol, ZERO)) for p in house if p.account == trading.MAKER])


class PerpetualsServicer(perpetuals_pb2_grpc.PerpetualsServicer):
    def __init__(self, db: Database, clock: ClockSource, clients: ports.Clients) -> None:
        self.db, self.clock, self.clients = db, clock, clients
        self._started = False
        self._funded = False

    def ready(self) -> None:
        """Start the markets not started yet at NYSE's price now (read before the unit of work)."""
        if self._started:
            return
        with self.db.read() as session:
            missing = perp_market.unstarted(session)
        if missing:
            now = self.clock.now()
            quotes = {s: perp_market.nyse(self.clients.market_data, market(s).underlying, now) for s in missing}
            with self.db.transaction() as session:
                perp_market.start(session, now, quotes)
        self._started = True

    def fund_maker(self) -> None:
        """The maker's capital, once: the faucet mints it into the hot wallet (keyed, so a retry mints
        nothing twice), then the books credit perps:maker from the outside world."""
        if self._funded:
            return
        with self.db.read() as session:
            done = session.exec(select(LedgerPosting).where(LedgerPosting.transfer_id == CAPITAL_TRANSFER)).first()
        if done is None:
            self.clients.chain_service.Faucet(chain_pb2.FaucetRequest(
                request_id=f"{CAPITAL_TRANSFER}:faucet", to_address=EXCHANGE_HOT_WALLET, amount=to_pb(MAKER_CAPITAL)))
            with self.db.transaction() as session:
                if session.exec(select(LedgerPosting).where(LedgerPosting.transfer_id == CAPITAL_TRANSFER)).first() \
                        is None:
                    Ledger(session).transfer("@faucet", trading.MAKER, STABLECOIN, MAKER_CAPITAL,
                                             at=self.clock.now(), transfer_id=CAPITAL_TRANSFER,
                                             memo="the designated maker's capital")
        self._funded = True

    def _idle_quotes(self, symbols: list[str], now: datetime) -> dict[str, perp_market.Quote]:
        """NYSE's prices now for those of `symbols` whose markets are idle (read before the unit of work)."""
        with self.db.read() as session:
            active = set(perp_market.active_markets(session))
        return {s: perp_market.nyse(self.clients.market_data, market(s).underlying, now)
                for s in symbols if s not in active}

    def _rows(self, session: Session, symbols: list[str], now: datetime,
              quotes: dict[str, perp_market.Quote]) -> list[PerpMarketRow]:
        """The markets as they stand: an active one as its last update left it, an idle one as it would wake now."""
        rows = []
        for symbol in symbols:                          # bound: MARKETS
            row = session.get(PerpMarketRow, symbol)
            assert row is not None
            idle = symbol in quotes and symbol not in perp_market.active_markets(session)
            rows.append(perp_market.idle_view(row, now, quotes[symbol]) if idle else row)
        return rows

    @unary
    def ListPerpMarkets(self, request: common_pb2.Empty, context: Any) -> pb.ListPerpMarketsResponse:
        self.ready()
        now = self.clock.now()
        quotes = self._idle_quotes(list(MARKETS), now)
        with self.db.read() as session:
            return pb.ListPerpMarketsResponse(markets=[
                market_message(session, r, now) for r in self._rows(session, list(MARKETS), now, quotes)])

    @unary
    def GetPerpMarket(self, request: pb.PerpMarketRequest, context: Any) -> pb.PerpMarket:
        params = market(request.symbol)
        self.ready()
        now = self.clock.now()
        quotes = self._idle_quotes([params.symbol], now)
        with self.db.read() as session:
            return market_message(session, self._rows(session, [params.symbol], now, quotes)[0], now)

    @unary
    def GetPerpBook(self, request: pb.PerpBookRequest, context: Any) -> pb.PerpBook:
        params = market(request.symbol)
        require(0 <= request.depth <= 100, Common.INVALID_ARGUMENT, f"depth is 0 to 100, got {request.depth}",
                field="depth")
        self.ready()
        now = self.clock.now()
        quotes = self._idle_quotes([params.symbol], now)
        with self.db.read() as session:
            row = self._rows(session, [params.symbol], now, quotes)[0]
            current = trading.book(session, row)
            depth = request.depth or 10

            def side(entries: list[matching.Resting]) -> list[pb.PerpLevel]:
                return [pb.PerpLevel(price=to_pb(p), size=to_pb(s), source="users" if u else "maker")
                        for p, s, u in matching.levels(entries, depth)]

            return pb.PerpBook(symbol=params.symbol, bids=side(current.bids), asks=side(current.asks),
                               oracle_price=to_pb(row.oracle_price), mark_price=to_pb(row.mark_price),
                               at=to_ts(self.clock.now()))

    def PlacePerpOrder(self, request: pb.PlacePerpOrderRequest, context: Context) -> pb.PerpOrder:
        def work() -> pb.PerpOrder:
            key, digest = idempotency_key("PlacePerpOrder", request), request_hash(request)
            with self.db.read() as session:   # a replay answers as first; else refuse before asking anyone
                done = stored_response(session, key, digest)
                if done is not None:
                    return cast(pb.PerpOrder, done)
                symbol = trading.check_terms(session, request).params.symbol
                idle = symbol not in perp_market.active_markets(session)
            self.ready()
            self.fund_maker()
            now = self.clock.now()
            quote = perp_market.nyse(self.clients.market_data, market(symbol).underlying, now) if idle else None

            def place(session: Session) -> pb.PerpOrder:
                if quote is not None:   # read before the unit of work; wake checks again that it is idle
                    perp_market.wake(session, now, symbol, quote)
                return order_message(trading.place(session, now, request))

            return apply_once(self.db, "PlacePerpOrder", request, place)

        return answer(self, context, work)

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
            custody.get_user(session, request.user_id)
            query = select(PerpOrderRow).where(PerpOrderRow.user_id == request.user_id)
            if request.symbol:
                query = query.where(PerpOrderRow.symbol == market(request.symbol).symbol)
            page, token = page_by(session, query, col(PerpOrderRow.order_id), request.page_token, request.limit,
                                  lambda o: o.order_id)
        return pb.ListPerpOrdersResponse(orders=[order_message(o) for o in page], next_page_token=token)

    @unary
    def GetPerpPositions(self, request: pb.PerpPositionsRequest, context: Any) -> pb.PerpPositionsResponse:
        with self.db.read() as session:
            custody.get_user(session, request.user_id)
            query = select(PerpPositionRow).where(PerpPositionRow.account == trading.holder(request.user_id),
                                                  PerpPositionRow.size != 0)
            if request.symbol:
                query = query.where(PerpPositionRow.symbol == market(request.symbol).symbol)
            mark = marks(session)
            return pb.PerpPositionsResponse(user_id=request.user_id, positions=[
                position_message(p, mark.get(p.symbol, ZERO))
                for p in session.exec(query.order_by(col(PerpPositionRow.symbol)))])

    @unary
    def GetPerpHistory(self, request: pb.PerpHistoryRequest, context: Any) -> pb.PerpHistoryResponse:
        require(request.kind in pb.PerpEntryKind.values(), Common.INVALID_ARGUMENT, f"no entry kind {request.kind}",
                field="kind")
        with self.db.read() as session:
            custody.get_user(session, request.user_id)
            query = select(PerpEntryRow).where(PerpEntryRow.account == trading.holder(request.user_id))
            if request.symbol:
                query = query.where(PerpEntryRow.symbol == market(request.symbol).symbol)
            if request.kind:
                query = query.where(PerpEntryRow.kind == request.kind)
            page, token = page_by(session, query, col(PerpEntryRow.entry_id), request.page_token, request.limit,
                                  lambda e: e.entry_id)
        return pb.PerpHistoryResponse(entries=[entry_message(e) for e in page], next_page_token=token)

    @unary
    def ListFunding(self, request: pb.ListFundingRequest, context: Any) -> pb.ListFundingResponse:
        with self.db.read() as session:
            query = select(FundingRoundRow)
            if request.symbol:
                query = query.where(FundingRoundRow.symbol == market(request.symbol).symbol)
            page, token = page_by(session, query, col(FundingRoundRow.round_id), request.page_token, request.limit,
                                  lambda r: r.round_id)
        return pb.ListFundingResponse(rounds=[funding_message(r) for r in page], next_page_token=token)

    @unary
    def ListLiquidations(self, request: pb.ListLiquidationsRequest, context: Any) -> pb.ListLiquidationsResponse:
        with self.db.read() as session:
            query = select(LiquidationRow)
            if request.symbol:
                query = query.where(LiquidationRow.symbol == market(request.symbol).symbol)
            page, token = page_by(session, query, col(LiquidationRow.liquidation_id), request.page_token,
                                  request.limit, lambda r: r.liquidation_id)
        return pb.ListLiquidationsResponse(liquidations=[liquidation_message(r) for r in page], next_page_token=token)

    @unary
    def GetPerpDesk(self, request: common_pb2.Empty, context: Any) -> pb.PerpDesk:
        with self.db.read() as session:
            return desk(session)

    @mutation
    def SetPerpConditions(self, request: pb.SetPerpConditionsRequest, session: Session) -> pb.ListPerpMarketsResponse:
        now = self.clock.now()
        rows = perp_market.set_conditions(session, now, request)
        return pb.ListPerpMarketsResponse(markets=[market_message(session, r, now) for r in rows if r.started])
