"""The depository's records: participants, captured trades, settlement cycles and open fails.

Positions and cash are not here: they are ledger balances ("p:<participant>" per symbol and USD).
"""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlmodel import Field, SQLModel

from fivelayer.kernel.db import DecimalText, UTCDateTime


class ParticipantRow(SQLModel, table=True):
    __tablename__ = "depository_participant"
    participant_id: str = Field(primary_key=True, max_length=8)
    name: str
    kind: str


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
    status: str = "captured"
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
    status: str
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
