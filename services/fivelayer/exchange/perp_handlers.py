"""The perpetuals' service layer: the sequences the Perpetuals face runs around a unit of work, once.

NYSE's price is read from control before a unit of work, never inside one. So a market read is: start
the markets not started yet, read the prices of the idle markets, then show each market as it stands
(an idle one as it would wake now) in one read (`read_markets`, for ListPerpMarkets, GetPerpMarket and
GetPerpBook). An order is: answer a replay as first, else check its terms, start the markets, fund the
maker once, read the price of an idle market, then wake it and place the order in one unit of work,
applied once by its request id (`place`).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TypeVar, cast

from google.protobuf.message import Message
from sqlmodel import Session, select

from fivelayer.exchange import perp_market, ports
from fivelayer.exchange import perp_trading as trading
from fivelayer.exchange.perp_models import PerpMarketRow, PerpOrderRow
from fivelayer.exchange.perps.params import MAKER_CAPITAL, market
from fivelayer.kernel.clock import ClockSource
from fivelayer.kernel.db import Database
from fivelayer.kernel.idempotency import apply_once, idempotency_key, request_hash, stored_response
from fivelayer.kernel.ledger import Ledger, LedgerPosting
from fivelayer.kernel.money import to_pb
from fivelayer.kernel.reference import EXCHANGE_HOT_WALLET, STABLECOIN
from fivelayer.v1 import chain_pb2
from fivelayer.v1 import perpetuals_pb2 as pb

CAPITAL_TRANSFER = "perps:maker-capital"
T = TypeVar("T")
M = TypeVar("M", bound=Message)


@dataclass
class PerpHandlers:
    db: Database
    clock: ClockSource
    clients: ports.Clients
    _started: bool = field(default=False, repr=False)
    _funded: bool = field(default=False, repr=False)

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

    @staticmethod
    def _rows(session: Session, symbols: list[str], now: datetime,
              quotes: dict[str, perp_market.Quote]) -> list[PerpMarketRow]:
        """The markets as they stand: an active one as its last update left it, an idle one as it would wake now."""
        rows = []
        for symbol in symbols:                          # bound: MARKETS
            row = session.get(PerpMarketRow, symbol)
            assert row is not None
            idle = symbol in quotes and symbol not in perp_market.active_markets(session)
            rows.append(perp_market.idle_view(row, now, quotes[symbol]) if idle else row)
        return rows

    def read_markets(self, symbols: list[str],
                     view: Callable[[Session, list[PerpMarketRow], datetime], T]) -> T:
        """`view` of the markets `symbols` as they stand now, in one read after their prices are known."""
        self.ready()
        now = self.clock.now()
        quotes = self._idle_quotes(symbols, now)
        with self.db.read() as session:
            return view(session, self._rows(session, symbols, now, quotes), now)

    def place(self, request: pb.PlacePerpOrderRequest, answer: Callable[[PerpOrderRow], M]) -> M:
        """Place an order (applied once by its request id; a replay answers as the first time)."""
        key, digest = idempotency_key("PlacePerpOrder", request), request_hash(request)
        with self.db.read() as session:   # a replay answers as first; else refuse before asking anyone
            done = stored_response(session, key, digest)
            if done is not None:
                return cast(M, done)
            symbol = trading.check_terms(session, request).params.symbol
            idle = symbol not in perp_market.active_markets(session)
        self.ready()
        self.fund_maker()
        now = self.clock.now()
        quote = perp_market.nyse(self.clients.market_data, market(symbol).underlying, now) if idle else None

        def place(session: Session) -> M:
            if quote is not None:   # read before the unit of work; wake checks again that it is idle
                perp_market.wake(session, now, symbol, quote)
            return answer(trading.place(session, now, request))

        return apply_once(self.db, "PlacePerpOrder", request, place)
