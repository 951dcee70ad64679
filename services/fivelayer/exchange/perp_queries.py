"""What the Perpetuals face reads from the perp books: the pages of its lists (`kernel.paging`), a
user's open positions, the marks, and the desk's accounts. Each is a query in the caller's unit of work."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlmodel import Session, col, select

from fivelayer.exchange import custody
from fivelayer.exchange import perp_trading as trading
from fivelayer.exchange.perp_models import (
    FundingRoundRow,
    LiquidationRow,
    PerpEntryRow,
    PerpMarketRow,
    PerpOrderRow,
    PerpPositionRow,
)
from fivelayer.exchange.perps.params import market
from fivelayer.kernel.ledger import Ledger
from fivelayer.kernel.money import ZERO
from fivelayer.kernel.paging import page_by
from fivelayer.kernel.reference import STABLECOIN


def orders(session: Session, user_id: str, symbol: str, token: str, limit: int) -> tuple[list[PerpOrderRow], str]:
    """A page of the user's orders (of one market, when `symbol` names one), in id order."""
    custody.get_user(session, user_id)
    query = select(PerpOrderRow).where(PerpOrderRow.user_id == user_id)
    if symbol:
        query = query.where(PerpOrderRow.symbol == market(symbol).symbol)
    return page_by(session, query, col(PerpOrderRow.order_id), token, limit, lambda o: o.order_id)


def positions(session: Session, user_id: str, symbol: str) -> list[PerpPositionRow]:
    """The user's open positions (in one market, when `symbol` names one): one a market at most."""
    custody.get_user(session, user_id)
    query = select(PerpPositionRow).where(PerpPositionRow.account == trading.holder(user_id),
                                          PerpPositionRow.size != 0)
    if symbol:
        query = query.where(PerpPositionRow.symbol == market(symbol).symbol)
    return list(session.exec(query.order_by(col(PerpPositionRow.symbol))))


def history(session: Session, user_id: str, symbol: str, kind: int, token: str,
            limit: int) -> tuple[list[PerpEntryRow], str]:
    """A page of the user's entries (fills, funding, liquidations, ...; of one market and kind when
    asked), in id order."""
    custody.get_user(session, user_id)
    query = select(PerpEntryRow).where(PerpEntryRow.account == trading.holder(user_id))
    if symbol:
        query = query.where(PerpEntryRow.symbol == market(symbol).symbol)
    if kind:
        query = query.where(PerpEntryRow.kind == kind)
    return page_by(session, query, col(PerpEntryRow.entry_id), token, limit, lambda e: e.entry_id)


def funding_rounds(session: Session, symbol: str, token: str, limit: int) -> tuple[list[FundingRoundRow], str]:
    query = select(FundingRoundRow)
    if symbol:
        query = query.where(FundingRoundRow.symbol == market(symbol).symbol)
    return page_by(session, query, col(FundingRoundRow.round_id), token, limit, lambda r: r.round_id)


def liquidations(session: Session, symbol: str, token: str, limit: int) -> tuple[list[LiquidationRow], str]:
    query = select(LiquidationRow)
    if symbol:
        query = query.where(LiquidationRow.symbol == market(symbol).symbol)
    return page_by(session, query, col(LiquidationRow.liquidation_id), token, limit, lambda r: r.liquidation_id)


def marks(session: Session) -> dict[str, Decimal]:
    return {r.symbol: r.mark_price for r in session.exec(select(PerpMarketRow))}


@dataclass(frozen=True)
class Desk:
    """The perp desk's FUSD: users' margin held, the insurance fund, the maker's capital, fees; and the
    positions the fund and the maker hold."""
    margin_held: Decimal
    insurance_fund: Decimal
    maker_capital: Decimal
    fees: Decimal
    total: Decimal
    fund_positions: list[PerpPositionRow]
    maker_positions: list[PerpPositionRow]


def desk(session: Session) -> Desk:
    ledger = Ledger(session)
    house = list(session.exec(select(PerpPositionRow).where(col(PerpPositionRow.account).in_(trading.HOUSE),
                                                            PerpPositionRow.size != 0)))
    maker_margin = sum((p.margin for p in house if p.account == trading.MAKER), ZERO)
    held, fund = ledger.balance(trading.MARGIN, STABLECOIN), ledger.balance(trading.FUND, STABLECOIN)
    maker, fees = ledger.balance(trading.MAKER, STABLECOIN), ledger.balance(trading.FEES, STABLECOIN)
    return Desk(margin_held=held - maker_margin, insurance_fund=fund, maker_capital=maker + maker_margin, fees=fees,
                total=held + fund + maker + fees,
                fund_positions=[p for p in house if p.account == trading.FUND],
                maker_positions=[p for p in house if p.account == trading.MAKER])
