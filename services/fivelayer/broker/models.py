"""The broker's records: customer accounts (with their API routes) and orders.

Cash and positions are ledger balances, per account:
  cust:<id>:cash / :cash-due / :cash-receivable   (USD)
  cust:<id> / :receivable / :deliverable / :deliverable-pending  (shares, per symbol)
"""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlmodel import Field, SQLModel

from fivelayer.kernel.db import DecimalText, UTCDateTime


class AccountRow(SQLModel, table=True):
    __tablename__ = "broker_account"
    account_id: str = Field(primary_key=True, max_length=20)
    name: str
    kind: str
    status: str = "active"              # "active", "frozen", "estate", "closed"
    status_reason: str = ""
    api_key_hash: str
    route_enabled: bool = True
    route_reason: str = ""
    created_at: datetime = Field(sa_type=UTCDateTime)
    correspondent: str = Field(default="", index=True)  # the partner that opened it (Broker API face)
    external_id: str = Field(default="", index=True)    # its id on the Broker API face (a UUID)
    application: str = ""                               # the Broker API application, as JSON


class OrderRow(SQLModel, table=True):
    __tablename__ = "broker_order"
    order_id: str = Field(primary_key=True, max_length=20)
    client_order_id: str = Field(index=True)
    account_id: str = Field(index=True)
    symbol: str
    side: str  # "buy" or "sell"
    quantity: Decimal = Field(sa_type=DecimalText)
    status: str = "accepted"
    filled_quantity: Decimal = Field(default=Decimal(0), sa_type=DecimalText)
    filled_avg_price: Decimal = Field(default=Decimal(0), sa_type=DecimalText)
    submitted_at: datetime = Field(sa_type=UTCDateTime)
    filled_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    trade_date: str = ""
    settlement_date: str = Field(default="", index=True)
    settled: bool = False
    reject_reason: str = ""
    reported: bool = Field(default=False, index=True)  # the depository has the trade (a fill reports it)


class CorrespondentRow(SQLModel, table=True):
    """A partner of the broker (an issuer, an exchange, an app): its API key and hashed secret."""

    __tablename__ = "broker_correspondent"
    key_id: str = Field(primary_key=True, max_length=64)
    name: str
    secret_hash: str            # pbkdf2-sha256, salted: the secret itself is never stored
    salt: str
    created_at: datetime = Field(sa_type=UTCDateTime)
