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
    tax_profile: str = "us_person"                      # dividend withholding (`accounts.TAX_PROFILES`)
    withholding_rate: Decimal = Field(default=Decimal(0), sa_type=DecimalText)


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
    external_id: str = Field(default="", index=True)   # its id on the Broker API face (a UUID)
    order_type: str = "market"                          # "market" or "limit"
    time_in_force: str = "day"                          # "day" (expires at its session's close) or "gtc"
    limit_price: Decimal | None = Field(default=None, sa_type=DecimalText)
    notional: Decimal | None = Field(default=None, sa_type=DecimalText)  # USD; the quantity is fixed at fill
    expires_at: datetime | None = Field(default=None, sa_type=UTCDateTime)  # a day order: its session's close
    updated_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    ended_at: datetime | None = Field(default=None, sa_type=UTCDateTime)  # canceled, expired, replaced, rejected
    replaces: str = ""                                  # the order this one replaced (an order_id)
    replaced_by: str = ""                               # the order that replaced this one


class CorrespondentRow(SQLModel, table=True):
    """A partner of the broker (an issuer, an exchange, an app): its API key and hashed secret."""

    __tablename__ = "broker_correspondent"
    key_id: str = Field(primary_key=True, max_length=64)
    name: str
    secret_hash: str            # pbkdf2-sha256, salted: the secret itself is never stored
    salt: str
    created_at: datetime = Field(sa_type=UTCDateTime)


class TokenizationIssuerRow(SQLModel, table=True):
    """An issuer of tokens on the Instant Tokenization Network: the account that receives the shares
    behind its tokens, and the correspondent that may confirm its mints and redemptions."""

    __tablename__ = "broker_tokenization_issuer"
    issuer: str = Field(primary_key=True, max_length=64)
    account_id: str
    correspondent: str


class TokenizationRow(SQLModel, table=True):
    """One in-kind mint or redemption: shares journaled between a participant and an issuer."""

    __tablename__ = "broker_tokenization"
    request_id: str = Field(primary_key=True, max_length=20)   # "tok-000001"
    external_id: str = Field(index=True)
    client_request_id: str = Field(default="", index=True)
    correspondent: str = Field(index=True)
    kind: str                                                  # "mint" or "redeem"
    status: str = "pending"                                    # "pending", "completed", "rejected"
    account_id: str = Field(index=True)                        # the authorized participant's account
    issuer: str
    network: str
    underlying_symbol: str
    qty: Decimal = Field(sa_type=DecimalText)
    wallet_address: str
    fees: Decimal = Field(default=Decimal(0), sa_type=DecimalText)
    issuer_request_id: str = ""
    tx_hash: str = ""
    reject_reason: str = ""
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)
    begun_wall: float = 0.0    # wall seconds, for the resumer of a mint left pending (never sandbox state)


class AchRelationshipRow(SQLModel, table=True):
    """A customer's bank account linked for ACH (`broker/funding.py`); its id is a UUID, as on the face."""

    __tablename__ = "broker_ach_relationship"
    relationship_id: str = Field(primary_key=True, max_length=40)
    account_id: str = Field(index=True)
    account_owner_name: str
    bank_account_type: str                                     # "CHECKING" or "SAVINGS"
    bank_account_number: str
    bank_routing_number: str
    nickname: str = ""
    created_at: datetime = Field(sa_type=UTCDateTime)
    canceled_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class TransferRow(SQLModel, table=True):
    """Cash into or out of an account over an ACH relationship (`broker/funding.py`)."""

    __tablename__ = "broker_transfer"
    transfer_id: str = Field(primary_key=True, max_length=40)  # a UUID, as on the face
    account_id: str = Field(index=True)
    relationship_id: str
    type: str = "ach"
    direction: str                                             # "INCOMING" or "OUTGOING"
    amount: Decimal = Field(sa_type=DecimalText)
    status: str = "QUEUED"                                     # "QUEUED", "COMPLETE", "CANCELED"
    reason: str = ""
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)
    completed_at: datetime | None = Field(default=None, sa_type=UTCDateTime, index=True)


class JournalRow(SQLModel, table=True):
    """Cash (JNLC) or settled shares (JNLS) moved between two accounts of the broker (`broker/journals.py`)."""

    __tablename__ = "broker_journal"
    journal_id: str = Field(primary_key=True, max_length=40)   # a UUID, as on the face
    entry_type: str                                            # "JNLC" or "JNLS"
    from_account: str = Field(index=True)
    to_account: str = Field(index=True)
    amount: Decimal = Field(default=Decimal(0), sa_type=DecimalText)   # JNLC: USD
    symbol: str = ""                                                   # JNLS
    qty: Decimal = Field(default=Decimal(0), sa_type=DecimalText)      # JNLS: shares
    description: str = ""
    status: str = "pending"                                    # "pending", "executed", "rejected", "canceled"
    reason: str = ""
    created_at: datetime = Field(sa_type=UTCDateTime, index=True)
    updated_at: datetime = Field(sa_type=UTCDateTime)
    executed_at: datetime | None = Field(default=None, sa_type=UTCDateTime, index=True)


class CorporateActionRow(SQLModel, table=True):
    """A depository corporate action the broker has passed on to its customers (once): what DTC
    credited participant 0555, what the customers got, and what the broker kept."""

    __tablename__ = "broker_corporate_action"
    action_id: str = Field(primary_key=True, max_length=40)   # the depository's ("ca-000001")
    kind: str                                                 # "dividend", "split", "meeting"
    symbol: str
    dtc_shares: Decimal = Field(default=Decimal(0), sa_type=DecimalText)  # 0555's entitlement at DTC
    dtc_cash: Decimal = Field(default=Decimal(0), sa_type=DecimalText)    # DTC's credit (dividend, cash in lieu)
    customer_shares: Decimal = Field(default=Decimal(0), sa_type=DecimalText)  # by the broker's own books
    paid: Decimal = Field(default=Decimal(0), sa_type=DecimalText)        # gross to customers / cash in lieu paid
    withheld: Decimal = Field(default=Decimal(0), sa_type=DecimalText)
    retained: Decimal = Field(default=Decimal(0), sa_type=DecimalText)    # dtc_cash - paid (negative: a shortfall)
    notices: int = 0
    applied_at: datetime = Field(sa_type=UTCDateTime)


class NoticeRow(SQLModel, table=True):
    """What one customer got from one corporate action (`broker/corporate_actions.py`)."""

    __tablename__ = "broker_notice"
    notice_id: str = Field(primary_key=True, max_length=20)   # "ntc-000001"
    kind: str = Field(index=True)                             # "dividend", "split", "meeting"
    action_id: str = Field(index=True)
    account_id: str = Field(index=True)
    symbol: str
    shares: Decimal = Field(default=Decimal(0), sa_type=DecimalText)    # entitled / held before a split
    rate: Decimal = Field(default=Decimal(0), sa_type=DecimalText)      # dividend per share
    gross: Decimal = Field(default=Decimal(0), sa_type=DecimalText)
    withheld: Decimal = Field(default=Decimal(0), sa_type=DecimalText)
    net: Decimal = Field(default=Decimal(0), sa_type=DecimalText)
    withholding_rate: Decimal = Field(default=Decimal(0), sa_type=DecimalText)
    new_shares: int = 0
    old_shares: int = 0
    shares_after: Decimal = Field(default=Decimal(0), sa_type=DecimalText)
    cash_in_lieu: Decimal = Field(default=Decimal(0), sa_type=DecimalText)
    record_date: str = ""
    pay_date: str = ""
    effective_date: str = ""
    meeting_date: str = ""
    proposals: str = "[]"                                     # JSON list of the meeting's proposals
    at: datetime = Field(sa_type=UTCDateTime, index=True)
