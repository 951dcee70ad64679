"""The issuer's records: its broker account, product switches, mints, redemptions and distributions."""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from enum import StrEnum

from sqlmodel import Field, SQLModel

from fivelayer.kernel.db import DecimalText, UTCDateTime


class BrokerLink(SQLModel, table=True):
    """A product's own account at the SPV's broker (its hedges, its buffer or credit line, its segregated
    shares), with the API key of its route. All are accounts of one customer, the SPV (`customer_id`)."""

    __tablename__ = "issuer_broker_account"
    token: str = Field(primary_key=True, max_length=20)
    account_id: str
    api_key: str
    customer_id: str
    funded: bool = False


class ProductSwitch(SQLModel, table=True):
    __tablename__ = "issuer_product_switch"
    token: str = Field(primary_key=True, max_length=20)
    mint_halted: bool = False
    redemption_halted: bool = False
    reason: str = ""


class HedgeStatus(StrEnum):
    """A mint's hedge at the broker (issuer.proto `HedgeStatus`); the reason is apart (`MintRow.hedge_reason`)."""
    PENDING = "pending"      # the broker was away: placed when it returns
    ACCEPTED = "accepted"
    NEW = "new"
    FILLED = "filled"
    SETTLED = "settled"
    CANCELED = "canceled"
    REJECTED = "rejected"
    EXPIRED = "expired"


class MintRow(SQLModel, table=True):
    __tablename__ = "issuer_mint"
    mint_id: str = Field(primary_key=True, max_length=20)
    request_id: str
    token: str
    quantity: Decimal = Field(sa_type=DecimalText)
    shares: Decimal = Field(default=Decimal(0), sa_type=DecimalText)  # the hedge: tokens x multiplier at the mint
    price: Decimal = Field(sa_type=DecimalText)
    fee: Decimal = Field(sa_type=DecimalText)
    cost: Decimal = Field(sa_type=DecimalText)
    payment_tx: str
    mint_tx: str
    hedge_order_id: str = ""
    hedge_status: str = ""   # a `HedgeStatus`
    hedge_reason: str = ""   # a canceled or rejected hedge: the broker's reason code
    at: datetime = Field(sa_type=UTCDateTime)


class RedemptionStatus(StrEnum):
    """A redemption's state (issuer.proto `RedemptionStatus`); the values are what rows store."""
    SELLING = "selling"
    SOLD = "sold"
    PAID = "paid"
    FAILED = "failed"


OPEN_REDEMPTIONS = (RedemptionStatus.SELLING, RedemptionStatus.SOLD)   # the sale not yet paid out or failed


class RedemptionRow(SQLModel, table=True):
    __tablename__ = "issuer_redemption"
    redemption_id: str = Field(primary_key=True, max_length=20)
    request_id: str
    token: str
    quantity: Decimal = Field(sa_type=DecimalText)
    holder_address: str
    payout_address: str
    status: str = RedemptionStatus.SELLING   # a `RedemptionStatus`
    burn_tx: str = ""
    hedge_order_id: str = ""
    sale_price: Decimal = Field(default=Decimal(0), sa_type=DecimalText)
    fee: Decimal = Field(default=Decimal(0), sa_type=DecimalText)
    payout: Decimal = Field(default=Decimal(0), sa_type=DecimalText)
    payout_tx: str = ""
    requested_at: datetime = Field(sa_type=UTCDateTime)
    paid_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class EstateRow(SQLModel, table=True):
    """The insolvent SPV's estate: present once the SPV is declared insolvent."""

    __tablename__ = "issuer_estate"
    id: int = Field(default=1, primary_key=True)
    reason: str
    declared_at: datetime = Field(sa_type=UTCDateTime)
    broker_account_id: str
    statement: str                       # estate.Statement as JSON


class InKindRow(SQLModel, table=True):
    """An in-kind mint or redemption: tokens against shares journaled at the broker, no hedge."""

    __tablename__ = "issuer_in_kind"
    receipt_id: str = Field(primary_key=True, max_length=120)   # "ink-<the request id>"
    request_id: str
    kind: str                                                   # "mint" or "redeem"
    token: str
    tokens: Decimal = Field(sa_type=DecimalText)
    shares: Decimal = Field(sa_type=DecimalText)
    account_id: str                                             # the participant's broker account
    wallet_address: str
    tx_hash: str
    at: datetime = Field(sa_type=UTCDateTime)


class DistributionStatus(StrEnum):
    """A distribution's status (statuses.proto `DistributionStatus`); why a pending one waits is apart
    (`last_error`). The values are what the rows already store."""
    PENDING = "pending"      # its remote calls under way, or waiting to be retried
    APPLIED = "applied"      # done


class DistributionRow(SQLModel, table=True):
    """What the SPV did with one corporate-action notice from its broker, under the product's contract."""

    __tablename__ = "issuer_distribution"
    id: str = Field(primary_key=True, max_length=20)                 # "dist-000001"
    notice_id: str = Field(unique=True, max_length=60)
    kind: str                                                         # "dividend", "split", "meeting"
    token: str
    underlying: str
    action_id: str = ""
    policy: str                                                       # reinvest|stablecoin|none|multiplier|voting: none
    status: str = DistributionStatus.PENDING                          # a `DistributionStatus`
    gross: Decimal = Field(default=Decimal(0), sa_type=DecimalText)   # USD
    withheld: Decimal = Field(default=Decimal(0), sa_type=DecimalText)
    net: Decimal = Field(default=Decimal(0), sa_type=DecimalText)
    dividend_equivalent: bool = False                                 # section 871(m): what passes on tracks it
    tax_871m: Decimal = Field(default=Decimal(0), sa_type=DecimalText)  # USD: 30% of gross, due on it
    tax_871m_additional: Decimal = Field(default=Decimal(0), sa_type=DecimalText)  # USD: withheld by the SPV on top
    tax_note: str = ""                                                # the 871(m) fact, in words
    price: Decimal = Field(default=Decimal(0), sa_type=DecimalText)   # reinvest: USD per share
    shares_bought: Decimal = Field(default=Decimal(0), sa_type=DecimalText)
    cost: Decimal = Field(default=Decimal(0), sa_type=DecimalText)    # reinvest: shares_bought x price
    order_id: str = ""
    multiplier_before: Decimal = Field(default=Decimal(0), sa_type=DecimalText)
    multiplier_after: Decimal = Field(default=Decimal(0), sa_type=DecimalText)
    effective_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    multiplier_tx: str = ""
    snapshot_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    supply: Decimal = Field(default=Decimal(0), sa_type=DecimalText)  # tokens outstanding at the snapshot
    holders: int = 0
    paid_total: Decimal = Field(default=Decimal(0), sa_type=DecimalText)  # FUSD
    retained: Decimal = Field(default=Decimal(0), sa_type=DecimalText)    # USD the SPV kept
    new_shares: int = 0
    old_shares: int = 0
    record_date: str = ""
    clause: str = ""
    detail: str = ""
    last_error: str = ""
    at: datetime = Field(sa_type=UTCDateTime)
    applied_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class ExDividendStatus(StrEnum):
    """An ex-dividend's status (statuses.proto `ExDividendStatus`); the values are what the rows already store."""
    SCHEDULING = "scheduling"  # the multiplier change being set on chain
    SCHEDULED = "scheduled"    # the multiplier change is on chain


class ExDividendRow(SQLModel, table=True):
    """A reinvesting product's cash dividend, taken into its multiplier at the ex-date's open
    (`issuer.ex_dividends`), its status an `ExDividendStatus`; the shares it owes the tokens of record are
    bought on the pay date (its DistributionRow)."""

    __tablename__ = "issuer_ex_dividend"
    action_id: str = Field(primary_key=True, max_length=40)          # the depository's announcement
    token: str = Field(primary_key=True, max_length=20)
    underlying: str
    dividend: Decimal = Field(sa_type=DecimalText)                    # USD per share
    withholding_rate: Decimal = Field(sa_type=DecimalText)            # the SPV's, at its broker
    ex_date: str
    pay_date: str
    close_before: Decimal = Field(sa_type=DecimalText)                # the close before the ex-date
    reference: Decimal = Field(sa_type=DecimalText)                   # close_before - dividend
    snapshot_at: datetime = Field(sa_type=UTCDateTime)                # the holders of record
    supply: Decimal = Field(sa_type=DecimalText)                      # tokens of record
    multiplier_before: Decimal = Field(sa_type=DecimalText)
    multiplier_after: Decimal = Field(sa_type=DecimalText)
    shares_owed: Decimal = Field(sa_type=DecimalText)                 # supply x (after - before), rounded up
    effective_at: datetime = Field(sa_type=UTCDateTime)               # the ex-date's open (or the next, if late)
    multiplier_tx: str = ""
    status: str = ExDividendStatus.SCHEDULING                        # an `ExDividendStatus`
    order_id: str = ""                                                # the pay date's purchase of the shares owed
    at: datetime = Field(sa_type=UTCDateTime)


class PaymentStatus(StrEnum):
    """A distribution line's outcome (issuer.proto `PaymentStatus`); the reason is apart."""
    PENDING = "pending"
    PAID = "paid"
    RETAINED = "retained"
    NOTHING_DUE = "nothing due"


class DistributionPayment(SQLModel, table=True):
    """A stablecoin distribution's line for one holder of record."""

    __tablename__ = "issuer_distribution_payment"
    distribution_id: str = Field(primary_key=True, max_length=20)
    address: str = Field(primary_key=True, index=True, max_length=42)
    token: str
    balance: Decimal = Field(sa_type=DecimalText)
    amount: Decimal = Field(sa_type=DecimalText)   # FUSD
    status: str = PaymentStatus.PENDING            # a `PaymentStatus`
    tx_hash: str = ""
    reason: str = ""                               # retained or nothing due: why (`notices.RETAINED_FROZEN`, ...)


class FundingStatus(StrEnum):
    """Where a hedge's draw on its product's funding stands (`HedgeFunding.status`); the values are what rows store."""
    RESERVED = "reserved"     # held at the mint's begin
    COMMITTED = "committed"   # the hedge is placed: its cash is the broker's to take
    SPENT = "spent"           # the hedge settled: `spent` is its cost
    RELEASED = "released"     # refused or cancelled: the reservation went back


class HedgeFunding(SQLModel, table=True):
    """What a cash mint's hedge draws on its product's funding (`issuer.funding`): reserved at the mint's
    begin (prefunded: out of the free buffer), committed when the hedge is placed, spent when it settles,
    released when it is refused or cancelled. Keyed by the mint's request id."""

    __tablename__ = "issuer_hedge_funding"
    request_id: str = Field(primary_key=True, max_length=200)
    token: str = Field(index=True, max_length=20)
    mode: str = Field(max_length=20)                      # the product's funding mode at the mint
    estimate: Decimal = Field(sa_type=DecimalText)        # shares x price x (1 + the fill margin), USD
    spent: Decimal = Field(default=Decimal(0), sa_type=DecimalText)  # the fill's cost, once it settled
    status: str = Field(default=FundingStatus.RESERVED, index=True, max_length=20)  # a FundingStatus
    mint_id: str = ""
    at: datetime = Field(sa_type=UTCDateTime)


class WireStatus(StrEnum):
    """An off-ramp wire's state (statuses.proto `OffRampWireStatus`); the values are what rows store. What it
    waits on, or why it failed, is its `reason`, apart."""
    SENDING = "sending"
    IN_TRANSIT = "in-transit"
    PAID = "paid"
    FAILED = "failed"


class OffRampWire(SQLModel, table=True):
    """FUSD held for a product sent to the stablecoin's issuer for redemption, and the wire it pays to the
    SPV's broker account on Fedwire's days and hours (`issuer.funding`)."""

    __tablename__ = "issuer_offramp_wire"
    wire_id: str = Field(primary_key=True, max_length=40)  # "wire-<token>-000001": the sub-request keys' stem
    token: str = Field(index=True, max_length=20)
    amount: Decimal = Field(sa_type=DecimalText)          # FUSD sent
    status: str = Field(default=WireStatus.SENDING, index=True, max_length=20)  # a `WireStatus`
    send_tx: str = ""
    redemption_id: str = ""                               # the stablecoin issuer's
    usd: Decimal = Field(default=Decimal(0), sa_type=DecimalText)  # the wire's amount, once known
    value_date: str = ""
    pays_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    paid_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    reason: str = ""
    at: datetime = Field(sa_type=UTCDateTime)


class FundingRefusal(SQLModel, table=True):
    """Cash mints refused for want of buffer or credit (or because the product is in-kind only), per product."""

    __tablename__ = "issuer_funding_refusal"
    token: str = Field(primary_key=True, max_length=20)
    count: int = 0
    last_reason: str = ""
