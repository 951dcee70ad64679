"""The chain's state: token contracts, allowances, blocks and their transactions.

Balances are not here: they are kernel ledger balances (account = address, asset = symbol).
"""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlmodel import Field, SQLModel

from fivelayer.kernel.db import DecimalText, UTCDateTime


class TokenContract(SQLModel, table=True):
    __tablename__ = "chain_token"
    symbol: str = Field(primary_key=True, max_length=20)
    name: str
    kind: str
    underlying: str
    decimals: int
    owner: str
    minter: str
    multiplier: Decimal = Field(sa_type=DecimalText)  # at deployment; later ones are MultiplierChange rows
    mint_paused: bool = False
    transfers_paused: bool = False


class Frozen(SQLModel, table=True):
    __tablename__ = "chain_frozen"
    symbol: str = Field(primary_key=True, max_length=20)
    address: str = Field(primary_key=True, max_length=42)


class AllowanceRow(SQLModel, table=True):
    __tablename__ = "chain_allowance"
    symbol: str = Field(primary_key=True, max_length=20)
    owner: str = Field(primary_key=True, max_length=42)
    spender: str = Field(primary_key=True, max_length=42)
    amount: Decimal = Field(sa_type=DecimalText)


class BlockRow(SQLModel, table=True):
    __tablename__ = "chain_block"
    number: int = Field(primary_key=True)
    at: datetime = Field(sa_type=UTCDateTime)
    hash: str
    parent_hash: str


class TxRow(SQLModel, table=True):
    __tablename__ = "chain_tx"
    tx_hash: str = Field(primary_key=True, max_length=66)
    block_number: int = Field(index=True)
    at: datetime = Field(sa_type=UTCDateTime)
    symbol: str
    kind: str
    sender: str
    from_address: str = ""
    to_address: str = ""
    amount: Decimal = Field(default=Decimal(0), sa_type=DecimalText)


class MultiplierChange(SQLModel, table=True):
    """A multiplier the owner set, in force from `effective_at` (until a later change takes effect).
    The token's own `multiplier` column is its genesis value, in force before any change."""

    __tablename__ = "chain_multiplier"
    id: int | None = Field(default=None, primary_key=True)
    symbol: str = Field(index=True, max_length=20)
    multiplier: Decimal = Field(sa_type=DecimalText)
    effective_at: datetime = Field(sa_type=UTCDateTime)
    set_at: datetime = Field(sa_type=UTCDateTime)
    tx_hash: str = Field(max_length=66)
