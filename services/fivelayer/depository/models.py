"""The depository's records: participants, captured trades, settlement cycles and open fails.

Positions and cash are not here: they are ledger balances ("p:<participant>" per symbol and USD).
"""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from enum import StrEnum

from sqlmodel import Field, SQLModel

from fivelayer.kernel.db import DecimalText, UTCDateTime


class ParticipantRow(SQLModel, table=True):
    __tablename__ = "depository_participant"
    participant_id: str = Field(primary_key=True, max_length=8)
    name: str
    kind: str


class TradeStatus(StrEnum):
    """A captured trade's place in settlement (depository.proto `TradeStatus`); the values are what rows store."""
    CAPTURED = "captured"
    SETTLED = "settled"
    FAILED = "failed"


class ObligationStatus(StrEnum):
    """A settlement line's or report's state (depository.proto `ObligationStatus`); the values are what rows store."""
    PENDING = "pending"
    SETTLED = "settled"
    FAILED = "failed"


class CorporateActionStatus(StrEnum):
    """A corporate action's state (depository.proto `CorporateActionStatus`); the values are what rows store."""
    ANNOUNCED = "announced"
    ENTITLED = "entitled"
    DUE_BILLS = "due-bills"
    PAID = "paid"
    EFFECTIVE = "effective"
    HELD = "held"


class TradeRow(SQLModel, table=True):
    __tablename__ = "depository_trade"
    trade_id: str = Field(primary_key=True, max_length=20)
    trade_ref: str
    buyer: str
    seller: str
    symbol: str
    quantity: Decimal = Field(sa_type=DecimalText)
    price: Decimal = Field(sa_type=DecimalText)
    amount: Decimal = Field(sa_type=DecimalText)
    trade_date: str
    settlement_date: str = Field(index=True)
    status: str = TradeStatus.CAPTURED    # a `TradeStatus`
    executed_at: datetime = Field(sa_type=UTCDateTime)


class CycleRow(SQLModel, table=True):
    __tablename__ = "depository_cycle"
    settlement_date: str = Field(primary_key=True)
    settled_at: datetime = Field(sa_type=UTCDateTime)
    gross_value: Decimal = Field(sa_type=DecimalText)
    net_value: Decimal = Field(sa_type=DecimalText)


class LineRow(SQLModel, table=True):
    __tablename__ = "depository_line"
    id: int | None = Field(default=None, primary_key=True)
    settlement_date: str = Field(index=True)
    participant_id: str
    symbol: str
    net_quantity: Decimal = Field(sa_type=DecimalText)
    net_money: Decimal = Field(sa_type=DecimalText)
    settled_quantity: Decimal = Field(sa_type=DecimalText)
    failed_quantity: Decimal = Field(sa_type=DecimalText)
    status: str                           # an `ObligationStatus`
    trades: int


class OpenFail(SQLModel, table=True):
    """A CNS position that did not settle: + a fail to receive, - a fail to deliver."""

    __tablename__ = "depository_open_fail"
    participant_id: str = Field(primary_key=True, max_length=8)
    symbol: str = Field(primary_key=True, max_length=12)
    quantity: Decimal = Field(sa_type=DecimalText)


class DeliveryFailRow(SQLModel, table=True):
    """A participant that fails to deliver a security (a fault): on `settlement_date`, or on every
    settlement date while it stands when that is empty."""

    __tablename__ = "depository_delivery_fail"
    participant_id: str = Field(primary_key=True, max_length=10)
    symbol: str = Field(primary_key=True, max_length=20)
    settlement_date: str = Field(primary_key=True, max_length=10)


class CorporateActionRow(SQLModel, table=True):
    """A dividend, split or meeting announced on a security (see `corporate_actions`)."""

    __tablename__ = "depository_corporate_action"
    action_id: str = Field(primary_key=True, max_length=12)   # "ca-000001"
    kind: str = Field(max_length=10)                          # dividend | split | meeting
    symbol: str = Field(index=True, max_length=12)
    amount: Decimal = Field(sa_type=DecimalText)              # dividend USD per share; 0 otherwise
    new_shares: int = 0
    old_shares: int = 0
    ex_date: str = ""
    record_date: str = ""
    pay_date: str = ""
    effective_date: str = ""
    meeting_date: str = ""
    proposals: str = "[]"                                     # JSON list of texts
    status: str = Field(index=True, max_length=10)   # a `CorporateActionStatus`
    announced_at: datetime = Field(sa_type=UTCDateTime)
    late: bool = False                                        # under 10 days' notice, forced (SEC Rule 10b-17)
    notice_days: int = 0                                      # calendar days from the announcement to the record date
    last_close: Decimal | None = Field(default=None, sa_type=DecimalText)  # dividend: the close the 25% test used
    large_distribution: bool = False                          # dividend of 25% or more (FINRA Rule 11140): due bills


class EntitlementRow(SQLModel, table=True):
    """A participant's share of a corporate action: fixed at the record date (a dividend, a meeting)
    or at the split (settled = before, shares = after, cash = cash in lieu)."""

    __tablename__ = "depository_entitlement"
    id: int | None = Field(default=None, primary_key=True)
    action_id: str = Field(index=True, max_length=12)
    participant_id: str = Field(max_length=8)
    symbol: str = Field(max_length=12)
    settled: Decimal = Field(sa_type=DecimalText)
    pending: Decimal = Field(sa_type=DecimalText)
    shares: Decimal = Field(sa_type=DecimalText)
    cash: Decimal = Field(sa_type=DecimalText)
    paid: bool = False
    paid_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    due_bill_shares: Decimal = Field(default=Decimal(0), sa_type=DecimalText)   # + bought / - sold under due bills
    due_bill_cash: Decimal = Field(default=Decimal(0), sa_type=DecimalText)     # + received / - paid by them


class DueBillRow(SQLModel, table=True):
    """A due bill of a large distribution (FINRA Rule 11140): a trade executed before the ex date that
    settles after the record date; its seller, paid as the holder of record, owes the dividend to its buyer."""

    __tablename__ = "depository_due_bill"
    action_id: str = Field(primary_key=True, max_length=12)
    trade_id: str = Field(primary_key=True, max_length=20)
    trade_ref: str
    symbol: str = Field(max_length=12)
    seller: str = Field(max_length=8)
    buyer: str = Field(max_length=8)
    shares: Decimal = Field(sa_type=DecimalText)
    cash: Decimal = Field(sa_type=DecimalText)                # shares x the dividend, rounded down to the cent
    trade_date: str
    settlement_date: str
    redeemed_at: datetime = Field(sa_type=UTCDateTime)


class BuyInRow(SQLModel, table=True):
    """A CNS buy-in of a fail to deliver (`buy_in`): shares bought in the market for the failing
    participant at the open of its Reg SHO Rule 204 deadline, charged to it, delivered to the long side."""

    __tablename__ = "depository_buy_in"
    buy_in_id: str = Field(primary_key=True, max_length=12)   # "bi-000001"
    participant_id: str = Field(index=True, max_length=8)
    symbol: str = Field(max_length=12)
    quantity: Decimal = Field(sa_type=DecimalText)
    price: Decimal = Field(sa_type=DecimalText)
    cost: Decimal = Field(sa_type=DecimalText)
    failing_since: str
    deadline: str
    executed_at: datetime = Field(sa_type=UTCDateTime)
    delivered: str = "[]"                                     # JSON list of {participant, quantity}
