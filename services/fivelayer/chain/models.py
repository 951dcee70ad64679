"""The chain service's own records: the journal it replays into the node, and what it deployed.

Balances, allowances, pauses and multipliers are not here: the node holds them, in the contracts.
"""
from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from fivelayer.kernel.db import UTCDateTime


class JournalEntry(SQLModel, table=True):
    """One operation on the node, recorded before the node sees it, replayed in `seq` order.

    kind "tx": a signed transaction (`raw`) to include in a block stamped `at`; "mine": an empty block
    at `at`; "reorg": replace the last `depth` blocks, leaving out the transactions in `drop`."""

    __tablename__ = "chain_journal"
    seq: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=8)
    at: datetime = Field(sa_type=UTCDateTime)
    request_id: str | None = Field(default=None, unique=True, max_length=200)
    raw: str = ""                        # 0x-hex of the signed transaction
    tx_hash: str = Field(default="", index=True, max_length=66)
    origin: str = Field(default="sandbox", max_length=12)  # sandbox (a service's, by gRPC) or integrator (JSON-RPC)
    depth: int = 0
    drop: str = ""                       # comma-separated transaction hashes
    block_number: int = -1               # where it landed (-1: not yet, or left out by a reorg)
    dropped: bool = False                # left out of the chain by a later reorg
    reported: bool = False               # its events are in the outbox


class Deployment(SQLModel, table=True):
    """A token contract the chain deployed at genesis."""

    __tablename__ = "chain_deployment"
    symbol: str = Field(primary_key=True, max_length=20)
    address: str = Field(max_length=42)
    contract: str = Field(max_length=20)  # StockToken or FUSD
    name: str
    kind: str
    underlying: str
    decimals: int
    owner: str
    minter: str


class ChainMeta(SQLModel, table=True):
    """The chain's fixed facts: its genesis instant (block 0's timestamp, the same on every replay)."""

    __tablename__ = "chain_meta"
    key: str = Field(primary_key=True, max_length=40)
    value: str
