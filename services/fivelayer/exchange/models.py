"""The exchange's records: users, their orders (tokenized and traditional routes), withdrawals,
and the users' accounts at the broker (the traditional route).

Custodial balances are ledger balances "user:<id>" per asset; the tokens and stablecoin behind
them sit in the exchange's omnibus hot wallet on chain. FUSD a user spends on the traditional
route leaves the hot wallet for the exchange's treasury ("treasury", on chain at
EXCHANGE_TREASURY), and the exchange wires the same USD to the user's broker account; what the
user holds at the broker is the broker's record, not the exchange's.
"""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from enum import StrEnum

from sqlmodel import Field, SQLModel

from fivelayer.kernel.db import DecimalText, UTCDateTime
from fivelayer.kernel.statuses import by_name
from fivelayer.v1 import statuses_pb2


class DepositStatus(StrEnum):
    """A deposit's state (exchange.proto `DepositStatus`); the values are what rows store."""
    PENDING = "pending"
    CREDITED = "credited"
    REVERSED = "reversed"
    DROPPED = "dropped"


class OrderStatus(StrEnum):
    """An exchange order's state on either route (statuses.proto `ExchangeOrderStatus`); the values are what rows
    store. A traditional order's is its broker order's (`traditional.FROM_BROKER`)."""
    FILLED = "filled"
    PENDING_REDEMPTION = "pending_redemption"
    FAILED = "failed"
    ACCEPTED = "accepted"
    NEW = "new"
    CANCELED = "canceled"
    EXPIRED = "expired"
    REJECTED = "rejected"
    REPLACED = "replaced"


# Each status as it travels (ExchangeOrder.status, the ExchangeOrderPlaced event).
ORDER_STATUS_PB = by_name(OrderStatus, statuses_pb2.ExchangeOrderStatus)


class UserRow(SQLModel, table=True):
    __tablename__ = "exchange_user"
    user_id: str = Field(primary_key=True, max_length=20)
    name: str
    deposit_address: str
    created_at: datetime = Field(sa_type=UTCDateTime)
    country: str = ""        # declared country of tax residence (ISO alpha-3), with its form; "" none declared


class OrderRow(SQLModel, table=True):
    __tablename__ = "exchange_order"
    order_id: str = Field(primary_key=True, max_length=20)
    request_id: str
    user_id: str = Field(index=True)
    route: str = "tokenized"
    side: str
    token: str
    quantity: Decimal = Field(sa_type=DecimalText)
    status: str                          # an `OrderStatus`
    price: Decimal = Field(default=Decimal(0), sa_type=DecimalText)
    fee: Decimal = Field(default=Decimal(0), sa_type=DecimalText)
    amount: Decimal = Field(default=Decimal(0), sa_type=DecimalText)
    expected: Decimal = Field(default=Decimal(0), sa_type=DecimalText)  # a sale's quoted proceeds while pending
    issuer_ref: str = ""
    created_at: datetime = Field(sa_type=UTCDateTime)
    completed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    failure_reason: str = ""             # why it is failed, rejected, canceled or expired (the status apart)


class DepositRow(SQLModel, table=True):
    """A Transfer log into a user's deposit address, from the first time the watcher saw it."""

    __tablename__ = "exchange_deposit"
    tx_hash: str = Field(primary_key=True, max_length=66)
    log_index: int = Field(primary_key=True)
    user_id: str = Field(index=True, max_length=20)
    number: int = 0                      # the order the watcher first saw deposits in (1, 2, ...)
    asset: str = Field(max_length=20)
    amount: Decimal = Field(sa_type=DecimalText)
    from_address: str = Field(max_length=42)
    block_number: int
    block_hash: str = Field(max_length=66)
    confirmations: int = 0
    status: str = Field(default=DepositStatus.PENDING, max_length=12, index=True)  # a `DepositStatus`
    seen_at: datetime = Field(sa_type=UTCDateTime)
    credited_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    reversed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    sweep_tx: str = ""
    shortfall: Decimal = Field(default=Decimal(0), sa_type=DecimalText)


class WatchCursor(SQLModel, table=True):
    """The last chain head the deposit watcher read up to."""

    __tablename__ = "exchange_watch_cursor"
    name: str = Field(primary_key=True, max_length=20)
    head: int = 0


class WithdrawalRow(SQLModel, table=True):
    __tablename__ = "exchange_withdrawal"
    withdrawal_id: str = Field(primary_key=True, max_length=20)
    user_id: str
    asset: str
    amount: Decimal = Field(sa_type=DecimalText)
    to_address: str
    tx_hash: str


class BrokerLinkRow(SQLModel, table=True):
    """A user's fully disclosed account at the broker (the traditional route), opened by the
    exchange as the broker's correspondent, and the API key of its route (kept as the issuer
    keeps its own, `issuer.models.BrokerLink`)."""

    __tablename__ = "exchange_broker_link"
    user_id: str = Field(primary_key=True, max_length=20)
    account_id: str = Field(index=True)
    api_key: str
    opened_at: datetime = Field(sa_type=UTCDateTime)


class BrokerOrderRow(SQLModel, table=True):
    """The broker side of a traditional-route order (its exchange_order row has route "traditional"
    and the stock symbol in `token`): where it was placed, and what the exchange wired in for it."""

    __tablename__ = "exchange_broker_order"
    order_id: str = Field(primary_key=True, max_length=20)
    account_id: str = Field(index=True)
    broker_order_id: str = ""           # empty when the broker refused the order
    symbol: str
    funded: Decimal = Field(default=Decimal(0), sa_type=DecimalText)  # USD wired in for it, from FUSD
    trade_date: str = ""
    settlement_date: str = ""
    settled: bool = False
