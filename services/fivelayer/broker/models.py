"""The broker's records: customer accounts (with their API routes) and orders.

Cash and positions are ledger balances, per account:
  cust:<id>:cash / :cash-due / :cash-receivable   (USD)
  cust:<id> / :receivable / :deliverable / :deliverable-pending  (shares, per symbol)
and the broker's own principal account, its fractional inventory (`orders.INVENTORY`): shares per
symbol, in [0, 1) after each fill, and the cash that inventory made or cost (USD), outside the customers' books.
"""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from enum import StrEnum

from sqlmodel import Field, SQLModel

from fivelayer.kernel.db import DecimalText, UTCDateTime


class AccountStatus(StrEnum):
    """A customer's standing (broker.proto `AccountStatus`); the reason is apart (`status_reason`). The values
    are what the rows already store."""
    ACTIVE = "active"
    FROZEN = "frozen"
    ESTATE = "estate"        # the customer is insolvent
    CLOSED = "closed"        # closed on the Broker API face (per account)


class AccountRow(SQLModel, table=True):
    __tablename__ = "broker_account"
    account_id: str = Field(primary_key=True, max_length=20)
    name: str
    kind: str
    status: str = AccountStatus.ACTIVE  # an `AccountStatus`
    status_reason: str = ""
    api_key_hash: str
    route_enabled: bool = True
    route_reason: str = ""
    created_at: datetime = Field(sa_type=UTCDateTime)
    correspondent: str = Field(default="", index=True)  # the partner that opened it (Broker API face)
    external_id: str = Field(default="", index=True)    # its id on the Broker API face (a UUID)
    application: str = ""                               # the Broker API application, as JSON
    tax_profile: str = "w9"                             # the tax status: the form on file (`tax.STATUSES`)
    withholding_rate: Decimal = Field(default=Decimal(0), sa_type=DecimalText)  # what the status comes to
    tax_country: str = ""                               # country of tax residence (ISO alpha-3), "" if none given
    # The customer it belongs to: the customer's first account id (a new customer's is its own, set at
    # opening: `accounts.open_account`). A customer's accounts share one route, one status, one SIPC claim.
    customer_id: str = Field(default="", index=True, max_length=20)


class OrderStatus(StrEnum):
    """An order's status (broker.proto `OrderStatus`). The values are what the rows store and what the
    Broker API face shows (Alpaca's own words), so neither needs a migration nor a second table."""
    ACCEPTED = "accepted"    # waiting to be priced
    NEW = "new"              # a limit order resting in a session
    FILLED = "filled"
    CANCELED = "canceled"
    REJECTED = "rejected"
    EXPIRED = "expired"
    REPLACED = "replaced"


class OrderRow(SQLModel, table=True):
    __tablename__ = "broker_order"
    order_id: str = Field(primary_key=True, max_length=20)
    client_order_id: str = Field(index=True)
    account_id: str = Field(index=True)
    symbol: str
    side: str  # "buy" or "sell"
    quantity: Decimal = Field(sa_type=DecimalText)
    status: str = OrderStatus.ACCEPTED  # an `OrderStatus`; the reason, if it has one, is `reject_reason`
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
    do_not_reduce: bool = False                         # DNR: a buy limit kept at its price on an ex-date
    # the whole shares the broker traded on the street for this fill (same side; 0: served from or
    # into its fractional inventory, no depository trade): `orders.street_quantity`
    street_quantity: Decimal = Field(default=Decimal(0), sa_type=DecimalText)


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
    of one underlying symbol behind its tokens ("": every symbol without its own row, the default),
    and the correspondent that may confirm its mints and redemptions (one per issuer)."""

    __tablename__ = "broker_tokenization_issuer"
    issuer: str = Field(primary_key=True, max_length=64)
    underlying_symbol: str = Field(default="", primary_key=True, max_length=12)
    account_id: str
    correspondent: str


class TokenizationStatus(StrEnum):
    """An in-kind request's status (broker.proto `TokenizationStatus`); the values are what the rows store
    and what the Broker API face shows (Alpaca's words)."""
    PENDING = "pending"
    COMPLETED = "completed"
    REJECTED = "rejected"


class TokenizationRow(SQLModel, table=True):
    """One in-kind mint or redemption: shares journaled between a participant and an issuer."""

    __tablename__ = "broker_tokenization"
    request_id: str = Field(primary_key=True, max_length=20)   # "tok-000001"
    external_id: str = Field(index=True)
    client_request_id: str = Field(default="", index=True)
    correspondent: str = Field(index=True)
    kind: str                                                  # "mint" or "redeem"
    status: str = TokenizationStatus.PENDING                   # a `TokenizationStatus`
    account_id: str = Field(index=True)                        # the authorized participant's account
    issuer: str
    issuer_account_id: str = ""                                # the issuer's account the shares went to / came from
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


class RecipientBankRow(SQLModel, table=True):
    """A bank a customer's money may be wired to (Alpaca's recipient bank, `broker/funding.py`):
    kept and shown; the sandbox sends no wires yet."""

    __tablename__ = "broker_recipient_bank"
    bank_id: str = Field(primary_key=True, max_length=40)
    account_id: str = Field(index=True)
    name: str
    bank_code: str
    bank_code_type: str                                        # "ABA" (domestic) or "BIC" (international)
    account_number: str
    country: str = ""
    state_province: str = ""
    postal_code: str = ""
    city: str = ""
    street_address: str = ""
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


class JournalStatus(StrEnum):
    """A journal's status (statuses.proto `JournalStatus`); the reason of a rejected one is apart (`reason`).
    The values are what the rows already store."""
    PENDING = "pending"
    EXECUTED = "executed"
    REJECTED = "rejected"
    CANCELED = "canceled"


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
    status: str = JournalStatus.PENDING                        # a `JournalStatus`
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


class ExDateAdjustmentRow(SQLModel, table=True):
    """A cash dividend's ex-date, on which the broker adjusted its open orders (FINRA Rule 5330): once."""

    __tablename__ = "broker_ex_date_adjustment"
    action_id: str = Field(primary_key=True, max_length=40)
    symbol: str
    at: datetime = Field(sa_type=UTCDateTime)


class TaxDepositRow(SQLModel, table=True):
    """Tax the broker withheld in one month, deposited with the IRS (`broker/withholding.py`): chapter 3
    tax (Form 1042) and backup withholding (Form 945) are deposited apart."""

    __tablename__ = "broker_tax_deposit"
    deposit_id: str = Field(primary_key=True, max_length=20)  # "1042:2026-11"
    form: str                                                 # "1042" or "945"
    period: str = Field(index=True)                           # "YYYY-MM", New York time
    amount: Decimal = Field(sa_type=DecimalText)
    due_at: datetime = Field(sa_type=UTCDateTime)
    deposited_at: datetime = Field(sa_type=UTCDateTime)


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
    tax_status: str = ""                                      # dividend: the payee's status when paid (`tax.STATUSES`)
    tax_country: str = ""
    new_shares: int = 0
    old_shares: int = 0
    shares_after: Decimal = Field(default=Decimal(0), sa_type=DecimalText)
    cash_in_lieu: Decimal = Field(default=Decimal(0), sa_type=DecimalText)
    record_date: str = ""
    pay_date: str = ""
    ex_date: str = ""                                         # dividend: the record date, or after the pay date
                                                              # for 25% or more (FINRA Rule 11140)
    effective_date: str = ""
    meeting_date: str = ""
    proposals: str = "[]"                                     # JSON list of the meeting's proposals
    at: datetime = Field(sa_type=UTCDateTime, index=True)


class ProxyMeetingRow(SQLModel, table=True):
    """A meeting the broker sent voting instruction forms for (`broker/proxy_voting.py`): its agenda,
    its cutoff and whether the broker has cast the votes."""

    __tablename__ = "broker_proxy_meeting"
    action_id: str = Field(primary_key=True, max_length=40)   # the depository's ("ca-000003")
    symbol: str
    record_date: str
    meeting_date: str
    cutoff: datetime = Field(sa_type=UTCDateTime, index=True)  # instructions are taken before it
    agenda: str = "[]"                                          # JSON: proposal_id, text, routine, board_recommendation
    status: str = Field(default="open", index=True)            # "open" or "cast"
    opened_at: datetime = Field(sa_type=UTCDateTime)
    cast_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class VotingFormRow(SQLModel, table=True):
    """One customer's voting instruction form for one meeting."""

    __tablename__ = "broker_voting_form"
    form_id: str = Field(primary_key=True, max_length=20)     # "vif-000001"
    external_id: str = Field(index=True)                      # its id on the Broker API face (a UUID)
    action_id: str = Field(index=True)
    account_id: str = Field(index=True)
    notice_id: str = ""
    symbol: str
    shares: Decimal = Field(sa_type=DecimalText)              # the position at the record date
    created_at: datetime = Field(sa_type=UTCDateTime)


class VotingInstructionRow(SQLModel, table=True):
    """The owner's instruction on one proposal of its form (the last one before the cutoff)."""

    __tablename__ = "broker_voting_instruction"
    form_id: str = Field(primary_key=True, max_length=20)
    proposal_id: str = Field(primary_key=True, max_length=20)
    choice: str                                               # "for", "against", "abstain"
    at: datetime = Field(sa_type=UTCDateTime)


class StandingVotingRow(SQLModel, table=True):
    """An owner's standing instruction for a symbol: do not vote its uninstructed shares."""

    __tablename__ = "broker_standing_voting"
    account_id: str = Field(primary_key=True, max_length=20)
    symbol: str = Field(primary_key=True, max_length=12)
    do_not_vote: bool = True
    reason: str = ""
    at: datetime = Field(sa_type=UTCDateTime)


class VoteRow(SQLModel, table=True):
    """What the broker cast at the cutoff: one form's shares on one proposal."""

    __tablename__ = "broker_vote"
    form_id: str = Field(primary_key=True, max_length=20)
    proposal_id: str = Field(primary_key=True, max_length=20)
    how: str = Field(primary_key=True, max_length=20)         # instructed, broker (non-)vote, not voted, fraction
    action_id: str = Field(index=True)
    account_id: str = Field(index=True)
    shares: Decimal = Field(sa_type=DecimalText)
    vote: str = ""                                            # for, against, abstain; "" not voted
    detail: str = ""
    at: datetime = Field(sa_type=UTCDateTime)


class CreditLineRow(SQLModel, table=True):
    """An account's credit line (`broker/credit.py`): buying power beyond its cash, against cash due
    by 13:00 ET on each buy's settlement date; late cash costs interest at `annual_rate` (actual/360)."""

    __tablename__ = "broker_credit_line"
    account_id: str = Field(primary_key=True, max_length=20)
    limit: Decimal = Field(sa_type=DecimalText)
    annual_rate: Decimal = Field(sa_type=DecimalText)
    interest_charged: Decimal = Field(default=Decimal(0), sa_type=DecimalText)
    interest_through: str = ""                                 # the last New York date interest was charged for
    set_at: datetime = Field(sa_type=UTCDateTime)


class CreditDrawRow(SQLModel, table=True):
    """One draw on a credit line: a buy's cash the account did not have, or a day's late interest;
    repaid first in, first out, by cash that arrives."""

    __tablename__ = "broker_credit_draw"
    draw_id: str = Field(primary_key=True, max_length=40)      # "fill:<order_id>" or "interest:<account>:<date>"
    account_id: str = Field(index=True)
    kind: str                                                  # "buy" or "interest"
    amount: Decimal = Field(sa_type=DecimalText)
    repaid: Decimal = Field(default=Decimal(0), sa_type=DecimalText)
    due_at: datetime = Field(sa_type=UTCDateTime, index=True)  # 13:00 ET on the settlement date; interest: at once
    drawn_at: datetime = Field(sa_type=UTCDateTime)
    open: bool = Field(default=True, index=True)               # not yet repaid in full


class LiquidationRow(SQLModel, table=True):
    """The broker's failure (`broker/liquidation.py`): at most one, valued at the failure instant."""

    __tablename__ = "broker_liquidation"
    id: int = Field(default=1, primary_key=True)
    request_id: str
    reason: str
    failed_at: datetime = Field(sa_type=UTCDateTime)
    shortfall: Decimal = Field(sa_type=DecimalText)
    customer_property: Decimal = Field(sa_type=DecimalText)
    total_net_equity: Decimal = Field(sa_type=DecimalText)
    pro_rata_rate: Decimal = Field(sa_type=DecimalText)
    sipc_advanced: Decimal = Field(sa_type=DecimalText)


class CustomerRecoveryRow(SQLModel, table=True):
    """What one customer of the failed broker recovers, and when: all its accounts counted as one."""

    __tablename__ = "broker_customer_recovery"
    account_id: str = Field(primary_key=True, max_length=20)  # the customer id (its first account)
    name: str
    account_ids: str = "[]"                                   # JSON: the customer's accounts, sorted
    securities: Decimal = Field(sa_type=DecimalText)
    cash: Decimal = Field(sa_type=DecimalText)
    net_equity: Decimal = Field(sa_type=DecimalText)
    from_property: Decimal = Field(sa_type=DecimalText)
    sipc_securities: Decimal = Field(sa_type=DecimalText)
    sipc_cash: Decimal = Field(sa_type=DecimalText)
    recovered: Decimal = Field(sa_type=DecimalText)
    loss: Decimal = Field(sa_type=DecimalText)
    property_at: datetime = Field(sa_type=UTCDateTime)
    sipc_at: datetime = Field(sa_type=UTCDateTime)
