"""Control's tables: the persisted clock and the event timeline gathered from every service."""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import BigInteger, LargeBinary
from sqlmodel import Field, SQLModel, UniqueConstraint

from fivelayer.kernel.db import DecimalText, UTCDateTime


class ClockRow(SQLModel, table=True):
    """The sandbox clock. In realtime mode, now = at + (wall now - wall_at) x speed."""

    __tablename__ = "control_clock"
    id: int = Field(default=1, primary_key=True)
    at: datetime = Field(sa_type=UTCDateTime)
    mode: str = "manual"
    speed: Decimal = Field(default=Decimal(1), sa_type=DecimalText)
    wall_at_ns: int = Field(default=0, sa_type=BigInteger)


class TimelineRow(SQLModel, table=True):
    """One event of one service, as streamed to control by sequence number."""

    __tablename__ = "control_timeline"
    __table_args__ = (UniqueConstraint("service", "seq"),)
    id: int | None = Field(default=None, primary_key=True)
    service: str = Field(max_length=40, index=True)
    seq: int
    at: datetime = Field(sa_type=UTCDateTime, index=True)
    type: str = Field(max_length=80)
    payload: str


class JobRunRow(SQLModel, table=True):
    """One job that ran, in any service, in the order the driver ran it (manual or realtime)."""

    __tablename__ = "control_job_run"
    id: int | None = Field(default=None, primary_key=True)
    service: str = Field(max_length=40)
    job: str = Field(max_length=80)
    at: datetime = Field(sa_type=UTCDateTime)
    outcome: str


class FaultState(StrEnum):
    """A fault's life (control.proto `FaultState`); the values are what the rows already store."""
    SCHEDULED = "scheduled"
    ACTIVE = "active"
    CLEARED = "cleared"
    EXPIRED = "expired"


class FaultRow(SQLModel, table=True):
    """A fault injected on demand, and how it ended. Network faults keep their spec as bytes."""

    __tablename__ = "control_fault"
    fault_id: str = Field(primary_key=True, max_length=20)
    kind: str = Field(max_length=40)
    state: str = Field(default=FaultState.ACTIVE, max_length=20, index=True)   # a `FaultState`
    description: str = ""
    reason: str = ""
    token: str = ""
    account_id: str = ""
    participant_id: str = ""
    symbol: str = ""
    settlement_date: str = ""
    service: str = ""
    network: bytes = Field(default=b"", sa_type=LargeBinary)
    depth: int = 0                       # reorg: blocks replaced
    drop: str = ""                       # reorg: transaction hashes left out, comma-separated
    price: str = ""                      # depeg: USD per FUSD
    amount: str = ""                     # depeg: reserve dollars stuck at a failed bank
    fraction: str = ""                   # broker-failure: customer property missing
    delay: str = ""                      # wire-delay: added to every outgoing wire
    injected_at: datetime = Field(sa_type=UTCDateTime)
    starts_at: datetime | None = Field(default=None, sa_type=UTCDateTime)  # a scheduled fault starts then
    until: datetime | None = Field(default=None, sa_type=UTCDateTime)
    ended_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
