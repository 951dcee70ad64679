"""The perp markets' records (issue 19): per-market state, orders, positions, the users' history, funding
rounds, liquidations and the corporate actions applied. The money itself is in the ledger (`perp_money`).

Accounts: a user's position is held by "user:<id>", the maker's by "perps:maker", the insurance fund's
by "perps:insurance" (the ledger accounts that carry their cash).
"""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlmodel import Field, SQLModel

from fivelayer.kernel.db import DecimalText, UTCDateTime

ZERO_D = Decimal(0)


class PerpMarketRow(SQLModel, table=True):
    """A market's state between updates: oracle and mark states, the hour's premium, the maker's last
    quote (the inventory it was computed from and what was taken since), operator conditions."""

    __tablename__ = "perp_market"
    symbol: str = Field(primary_key=True, max_length=20)
    started: bool = False
    oracle_price: Decimal = Field(default=ZERO_D, sa_type=DecimalText)
    last_session_price: Decimal = Field(default=ZERO_D, sa_type=DecimalText)
    in_session: bool = True
    oracle_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    mark_price: Decimal = Field(default=ZERO_D, sa_type=DecimalText)
    basis_ema: Decimal = Field(default=ZERO_D, sa_type=DecimalText)
    mark_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    premium_sum: Decimal = Field(default=ZERO_D, sa_type=DecimalText)
    premium_count: int = 0
    last_trade: Decimal = Field(default=ZERO_D, sa_type=DecimalText)   # 0: none yet
    quote_oracle: Decimal = Field(default=ZERO_D, sa_type=DecimalText)  # the maker's ladder: centred here
    quote_inventory: Decimal = Field(default=ZERO_D, sa_type=DecimalText)
    quote_in_session: bool = True
    bid_taken: Decimal = Field(default=ZERO_D, sa_type=DecimalText)     # contracts taken from it since
    ask_taken: Decimal = Field(default=ZERO_D, sa_type=DecimalText)
    halted: bool = False
    halt_reason: str = ""
    oracle_stale: bool = False
    oracle_jump: Decimal = Field(default=ZERO_D, sa_type=DecimalText)
    updated_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class PerpOrderRow(SQLModel, table=True):
    __tablename__ = "perp_order"
    order_id: str = Field(primary_key=True, max_length=20)
    sequence: int = Field(index=True)
    request_id: str = ""
    user_id: str = Field(index=True, max_length=20)
    symbol: str = Field(index=True, max_length=20)
    side: int                       # PerpSide
    type: int                       # PerpOrderType
    size: Decimal = Field(sa_type=DecimalText)
    limit_price: Decimal = Field(default=ZERO_D, sa_type=DecimalText)
    leverage: int = 1
    reduce_only: bool = False
    status: int = Field(index=True)  # PerpOrderStatus
    reason: str = ""
    filled_size: Decimal = Field(default=ZERO_D, sa_type=DecimalText)
    filled_value: Decimal = Field(default=ZERO_D, sa_type=DecimalText)   # sum of size x price: the average
    fee: Decimal = Field(default=ZERO_D, sa_type=DecimalText)
    realized_pnl: Decimal = Field(default=ZERO_D, sa_type=DecimalText)
    reserved: Decimal = Field(default=ZERO_D, sa_type=DecimalText)       # FUSD held for the resting rest
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)


class PerpPositionRow(SQLModel, table=True):
    """One isolated position per account and market (size 0: closed, kept for its totals)."""

    __tablename__ = "perp_position"
    account: str = Field(primary_key=True, max_length=40)
    symbol: str = Field(primary_key=True, max_length=20)
    size: Decimal = Field(default=ZERO_D, sa_type=DecimalText)
    entry_price: Decimal = Field(default=ZERO_D, sa_type=DecimalText)
    margin: Decimal = Field(default=ZERO_D, sa_type=DecimalText)
    leverage: int = 1
    realized_pnl: Decimal = Field(default=ZERO_D, sa_type=DecimalText)
    funding: Decimal = Field(default=ZERO_D, sa_type=DecimalText)
    fees: Decimal = Field(default=ZERO_D, sa_type=DecimalText)


class PerpEntryRow(SQLModel, table=True):
    __tablename__ = "perp_entry"
    entry_id: str = Field(primary_key=True, max_length=20)
    number: int = Field(index=True)
    account: str = Field(index=True, max_length=40)
    kind: int                       # PerpEntryKind
    symbol: str = Field(max_length=20)
    at: datetime = Field(sa_type=UTCDateTime)
    size: Decimal = Field(default=ZERO_D, sa_type=DecimalText)
    price: Decimal = Field(default=ZERO_D, sa_type=DecimalText)
    amount: Decimal = Field(default=ZERO_D, sa_type=DecimalText)
    rate: Decimal = Field(default=ZERO_D, sa_type=DecimalText)
    ref: str = ""
    note: str = ""


class FundingRoundRow(SQLModel, table=True):
    __tablename__ = "perp_funding_round"
    round_id: str = Field(primary_key=True, max_length=20)
    number: int = Field(index=True)
    symbol: str = Field(index=True, max_length=20)
    at: datetime = Field(sa_type=UTCDateTime)
    premium: Decimal = Field(sa_type=DecimalText)
    rate_8h: Decimal = Field(sa_type=DecimalText)
    hourly_rate: Decimal = Field(sa_type=DecimalText)
    capped: bool = False
    oracle_price: Decimal = Field(sa_type=DecimalText)
    paid: Decimal = Field(sa_type=DecimalText)
    received: Decimal = Field(sa_type=DecimalText)
    residue: Decimal = Field(sa_type=DecimalText)
    positions: int = 0


class LiquidationRow(SQLModel, table=True):
    __tablename__ = "perp_liquidation"
    liquidation_id: str = Field(primary_key=True, max_length=20)
    number: int = Field(index=True)
    symbol: str = Field(index=True, max_length=20)
    account: str = Field(max_length=40)
    at: datetime = Field(sa_type=UTCDateTime)
    size: Decimal = Field(sa_type=DecimalText)
    mark_price: Decimal = Field(sa_type=DecimalText)
    bankruptcy_price: Decimal = Field(sa_type=DecimalText)
    book_size: Decimal = Field(sa_type=DecimalText)
    book_average_price: Decimal = Field(default=ZERO_D, sa_type=DecimalText)
    backstop_size: Decimal = Field(default=ZERO_D, sa_type=DecimalText)
    fund_change: Decimal = Field(default=ZERO_D, sa_type=DecimalText)
    returned: Decimal = Field(default=ZERO_D, sa_type=DecimalText)
    ranking: str = "[]"             # JSON: the ADL ranking, as AdlRankEntry fields


class PerpActionRow(SQLModel, table=True):
    """A corporate action of an underlying, applied to a market once."""

    __tablename__ = "perp_action"
    action_id: str = Field(primary_key=True, max_length=20)
    symbol: str = Field(primary_key=True, max_length=20)
    kind: str = Field(max_length=12)
    at: datetime = Field(sa_type=UTCDateTime)
