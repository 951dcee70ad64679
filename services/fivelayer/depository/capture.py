"""Participants, the Cede & Co register, and trade capture on trade date.

Shares are registered to Cede & Co (the "@register" account stands for the transfer agent's
register, where Cede is the one holder); participants hold interests in that fungible bulk as
ledger balances "p:<id>". Settlement moves those interests and never the registration.

Whole shares only: DTC books, nets and delivers whole shares (fractional shares live on a
broker's books, in its own fractional inventory). A trade that is not a whole number of shares
is refused with NOT_WHOLE_SHARES and changes nothing, so every position and CNS obligation,
being sums of whole trades, stays whole (a split pays cash in lieu for the fraction it makes).
"""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import func
from sqlmodel import Session, select

from fivelayer.depository import reasons
from fivelayer.depository.models import ParticipantRow, TradeRow
from fivelayer.kernel import calendar
from fivelayer.kernel.errors import DomainError, require
from fivelayer.kernel.ledger import Ledger
from fivelayer.kernel.money import SHARE_PLACES, RawAmount, parse_amount, quantize, to_pb
from fivelayer.kernel.outbox import emit
from fivelayer.kernel.reasons import Common
from fivelayer.kernel.reference import BROKER_PARTICIPANT, STREET_PARTICIPANT
from fivelayer.v1 import events_pb2 as ev

PARTICIPANTS = ((BROKER_PARTICIPANT, "Fivelayer Clearing LLC", "broker"),
                (STREET_PARTICIPANT, "Street Liquidity LP", "street"))
UNIVERSE = ("AAPL", "MSFT", "NVDA", "SPY", "TSLA")  # used when control cannot be asked
REGISTERED_SHARES = Decimal(100_000_000)             # per symbol, all held by the street at genesis
OPENING_CASH = Decimal(1_000_000_000)                # each participant's settlement bank balance
REGISTER, FED = "@register", "@fed"
CEDE = "Cede & Co"
PRICE_PLACES = 4


def account(participant_id: str) -> str:
    return f"p:{participant_id}"


def genesis(session: Session, at: datetime, symbols: list[str]) -> bool:
    """Open the participants, register the universe with Cede & Co, fund settlement banks; once."""
    if session.get(ParticipantRow, BROKER_PARTICIPANT) is not None:
        return False
    ledger = Ledger(session)
    for participant_id, name, kind in PARTICIPANTS:
        session.add(ParticipantRow(participant_id=participant_id, name=name, kind=kind))
        ledger.transfer(FED, account(participant_id), "USD", OPENING_CASH, at=at,
                        transfer_id=f"genesis:{participant_id}")
        emit(session, at, ev.ParticipantOpened(participant=participant_id, name=name, kind=kind,
                                                cash=to_pb(OPENING_CASH)))
    for symbol in symbols:
        ledger.transfer(REGISTER, account(STREET_PARTICIPANT), symbol, REGISTERED_SHARES, at=at,
                        transfer_id=f"register:{symbol}")
        emit(session, at, ev.SecurityRegistered(symbol=symbol, holder=CEDE, quantity=to_pb(REGISTERED_SHARES)))
    return True


def participant(session: Session, participant_id: str) -> ParticipantRow:
    row = session.get(ParticipantRow, participant_id)
    if row is None:
        raise DomainError(reasons.Depository.UNKNOWN_PARTICIPANT, f"no DTC participant {participant_id!r}",
                          participant=participant_id)
    return row


def registered(session: Session, symbol: str) -> Decimal:
    return -Ledger(session).balance(REGISTER, symbol)


def capture(session: Session, *, trade_ref: str, buyer: str, seller: str, symbol: str, raw_quantity: RawAmount,
            raw_price: RawAmount, executed_at: datetime) -> TradeRow:
    """Capture a compared trade on its trade date; it will settle T+1 on a settlement day."""
    participant(session, buyer)
    participant(session, seller)
    require(buyer != seller, Common.INVALID_ARGUMENT, "buyer and seller must be different participants")
    require(registered(session, symbol) > 0, Common.UNKNOWN_SYMBOL, f"{symbol!r} is not held at the depository",
            symbol=symbol)
    quantity = parse_amount(raw_quantity, "quantity", SHARE_PLACES)
    require(quantity == quantity.to_integral_value(), reasons.Depository.NOT_WHOLE_SHARES,
            f"DTC holds, nets and delivers whole shares: a trade of {quantity} {symbol} is refused (a broker "
            "executes fractions against its own fractional inventory and reports whole-share street trades)",
            quantity=quantity, symbol=symbol)
    price = parse_amount(raw_price, "price", PRICE_PLACES)
    require(calendar.market_open_at(executed_at), reasons.Depository.MARKET_CLOSED,
            f"{executed_at.isoformat()} is outside an NYSE session")
    trade_day = calendar.trade_date(executed_at)
    count = session.exec(select(func.count()).select_from(TradeRow)).one()
    trade = TradeRow(trade_id=f"T{count + 1:08d}", trade_ref=trade_ref, buyer=buyer, seller=seller, symbol=symbol,
                     quantity=quantity, price=price, amount=quantize(quantity * price, 2),
                     trade_date=trade_day.isoformat(),
                     settlement_date=calendar.settlement_date(trade_day).isoformat(), executed_at=executed_at)
    session.add(trade)
    emit(session, executed_at, ev.TradeCaptured(
        trade_id=trade.trade_id, trade_ref=trade_ref, buyer=buyer, seller=seller, symbol=symbol,
        quantity=to_pb(quantity), price=to_pb(price), amount=to_pb(trade.amount), trade_date=trade.trade_date,
        settlement_date=trade.settlement_date))
    session.flush()
    return trade
