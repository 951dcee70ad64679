"""The stablecoin issuer's own records (its dollars and FUSD are in the kernel's ledger tables).

A redemption row follows one FUSD redemption from the holder's transfer to the wire that pays it;
the conditions row is the issuer's state of the off-ramp (halted, de-pegged, delayed, stuck dollars).
"""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from enum import StrEnum

from sqlmodel import Field, SQLModel

from fivelayer.kernel.db import DecimalText, UTCDateTime
from fivelayer.kernel.statuses import by_name
from fivelayer.v1 import statuses_pb2


class RedemptionStatus(StrEnum):
    """A stablecoin redemption's state (statuses.proto `StablecoinRedemptionStatus`); the values are what rows store."""
    QUEUED = "queued"
    HALTED = "halted"
    SENDING = "sending"
    PAID = "paid"
    RETURNED = "returned"


# the state as statuses.proto names it (messages and events)
REDEMPTION_STATUS_PB = by_name(RedemptionStatus, statuses_pb2.StablecoinRedemptionStatus)


class StablecoinRedemption(SQLModel, table=True):
    __tablename__ = "stablecoin_redemption"
    seq: int | None = Field(default=None, primary_key=True)   # the order redemptions came in (pages)
    redemption_id: str = Field(unique=True, max_length=40)
    request_id: str = Field(unique=True, max_length=200)
    tx_hash: str = Field(unique=True, max_length=66)           # the holder's transfer to the redemption address
    holder: str = Field(index=True, max_length=42)
    amount: Decimal = Field(sa_type=DecimalText)               # FUSD received and burned
    beneficiary_account_id: str = Field(max_length=120)
    status: str = Field(index=True, max_length=12)             # a `RedemptionStatus`
    requested_at: datetime = Field(sa_type=UTCDateTime)
    value_date: str = Field(default="", max_length=10)
    pays_at: datetime | None = Field(default=None, sa_type=UTCDateTime, index=True)
    paid_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    price: Decimal | None = Field(default=None, sa_type=DecimalText)  # applied when the wire is sent
    usd: Decimal | None = Field(default=None, sa_type=DecimalText)
    burn_tx: str = Field(default="", max_length=66)
    reason: str = ""


class StablecoinIssue(SQLModel, table=True):
    """An Issue request: the incoming wire's reference, read when its mint lands (to book the dollars)."""

    __tablename__ = "stablecoin_issue"
    request_id: str = Field(primary_key=True, max_length=200)
    to_address: str = Field(max_length=42)
    amount: Decimal = Field(sa_type=DecimalText)
    wire_reference: str = ""


class StablecoinConditions(SQLModel, table=True):
    __tablename__ = "stablecoin_conditions"
    id: int = Field(default=1, primary_key=True)
    redemptions_halted: bool = False
    redemption_price: Decimal = Field(default=Decimal(1), sa_type=DecimalText)
    wire_delay: str = ""
    stuck_usd: Decimal = Field(default=Decimal(0), sa_type=DecimalText)
    reason: str = ""


def status_pb(row: StablecoinRedemption) -> statuses_pb2.StablecoinRedemptionStatus:
    """The row's state as statuses.proto names it."""
    return REDEMPTION_STATUS_PB[RedemptionStatus(row.status)]
