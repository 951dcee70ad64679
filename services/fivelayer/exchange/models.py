"""The exchange's records: users, their orders on the tokenized route, withdrawals.

Custodial balances are ledger balances "user:<id>" per asset; the tokens and stablecoin behind
them sit in the exchange's omnibus hot wallet on chain.
"""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlmodel import Field, SQLModel

from fivelayer.kernel.db import DecimalText, UTCDateTime


class UserRow(SQLModel, table=True):
    __tablename__ = "exchange_user"
    user_id: str = Field(primary_key=True, max_length=20)
    name: str
    deposit_address: str
    created_at: datetime = Field(sa_type=UTCDateTime)


class OrderRow(SQLModel, table=True):
    __tablename__ = "exchange_order"
    order_id: str = Field(primary_key=True, max_length=20)
    request_id: str
    user_id: str = Field(index=True)
    route: str = "tokenized"
    side: str
    token: str
    quantity: Decimal = Field(sa_type=DecimalText)
    status: str
    price: Decimal = Field(default=Decimal(0), sa_type=DecimalText)
    fee: Decimal = Field(default=Decimal(0), sa_type=DecimalText)
    amount: Decimal = Field(default=Decimal(0), sa_type=DecimalText)
    expected: Decimal = Field(default=Decimal(0), sa_type=DecimalText)  # a sale's quoted proceeds while pending
    issuer_ref: str = ""
    created_at: datetime = Field(sa_type=UTCDateTime)
    completed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    failure_reason: str = ""


class WithdrawalRow(SQLModel, table=True):
    __tablename__ = "exchange_withdrawal"
    withdrawal_id: str = Field(primary_key=True, max_length=20)
    user_id: str
    asset: str
    amount: Decimal = Field(sa_type=DecimalText)
    to_address: str
    tx_hash: str
