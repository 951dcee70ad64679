import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from fivelayer.v1 import common_pb2 as _common_pb2
from fivelayer.v1 import decimal_pb2 as _decimal_pb2
from fivelayer.v1 import statuses_pb2 as _statuses_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Product(_message.Message):
    __slots__ = ("token", "underlying", "name", "decimals", "multiplier", "mint_fee_bps", "redemption_fee_bps", "mint_halted", "redemption_halted", "halt_reason", "terms_json", "funding_mode", "standing", "broker_account_id")
    TOKEN_FIELD_NUMBER: _ClassVar[int]
    UNDERLYING_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    DECIMALS_FIELD_NUMBER: _ClassVar[int]
    MULTIPLIER_FIELD_NUMBER: _ClassVar[int]
    MINT_FEE_BPS_FIELD_NUMBER: _ClassVar[int]
    REDEMPTION_FEE_BPS_FIELD_NUMBER: _ClassVar[int]
    MINT_HALTED_FIELD_NUMBER: _ClassVar[int]
    REDEMPTION_HALTED_FIELD_NUMBER: _ClassVar[int]
    HALT_REASON_FIELD_NUMBER: _ClassVar[int]
    TERMS_JSON_FIELD_NUMBER: _ClassVar[int]
    FUNDING_MODE_FIELD_NUMBER: _ClassVar[int]
    STANDING_FIELD_NUMBER: _ClassVar[int]
    BROKER_ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    token: str
    underlying: str
    name: str
    decimals: int
    multiplier: _decimal_pb2.Decimal
    mint_fee_bps: _decimal_pb2.Decimal
    redemption_fee_bps: _decimal_pb2.Decimal
    mint_halted: bool
    redemption_halted: bool
    halt_reason: str
    terms_json: str
    funding_mode: str
    standing: str
    broker_account_id: str
    def __init__(self, token: _Optional[str] = ..., underlying: _Optional[str] = ..., name: _Optional[str] = ..., decimals: _Optional[int] = ..., multiplier: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., mint_fee_bps: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., redemption_fee_bps: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., mint_halted: _Optional[bool] = ..., redemption_halted: _Optional[bool] = ..., halt_reason: _Optional[str] = ..., terms_json: _Optional[str] = ..., funding_mode: _Optional[str] = ..., standing: _Optional[str] = ..., broker_account_id: _Optional[str] = ...) -> None: ...

class ProductFunding(_message.Message):
    __slots__ = ("token", "funding_mode", "buffer", "buffer_target", "committed", "stablecoin_held", "cash_in_transit", "credit_limit", "credit_used", "credit_overdue", "interest_paid", "mints_refused", "next_wire", "broker_account_id")
    TOKEN_FIELD_NUMBER: _ClassVar[int]
    FUNDING_MODE_FIELD_NUMBER: _ClassVar[int]
    BUFFER_FIELD_NUMBER: _ClassVar[int]
    BUFFER_TARGET_FIELD_NUMBER: _ClassVar[int]
    COMMITTED_FIELD_NUMBER: _ClassVar[int]
    STABLECOIN_HELD_FIELD_NUMBER: _ClassVar[int]
    CASH_IN_TRANSIT_FIELD_NUMBER: _ClassVar[int]
    CREDIT_LIMIT_FIELD_NUMBER: _ClassVar[int]
    CREDIT_USED_FIELD_NUMBER: _ClassVar[int]
    CREDIT_OVERDUE_FIELD_NUMBER: _ClassVar[int]
    INTEREST_PAID_FIELD_NUMBER: _ClassVar[int]
    MINTS_REFUSED_FIELD_NUMBER: _ClassVar[int]
    NEXT_WIRE_FIELD_NUMBER: _ClassVar[int]
    BROKER_ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    token: str
    funding_mode: str
    buffer: _decimal_pb2.Decimal
    buffer_target: _decimal_pb2.Decimal
    committed: _decimal_pb2.Decimal
    stablecoin_held: _decimal_pb2.Decimal
    cash_in_transit: _decimal_pb2.Decimal
    credit_limit: _decimal_pb2.Decimal
    credit_used: _decimal_pb2.Decimal
    credit_overdue: _decimal_pb2.Decimal
    interest_paid: _decimal_pb2.Decimal
    mints_refused: int
    next_wire: str
    broker_account_id: str
    def __init__(self, token: _Optional[str] = ..., funding_mode: _Optional[str] = ..., buffer: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., buffer_target: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., committed: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., stablecoin_held: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., cash_in_transit: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., credit_limit: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., credit_used: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., credit_overdue: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., interest_paid: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., mints_refused: _Optional[int] = ..., next_wire: _Optional[str] = ..., broker_account_id: _Optional[str] = ...) -> None: ...

class FundingResponse(_message.Message):
    __slots__ = ("products", "sponsor_loan")
    PRODUCTS_FIELD_NUMBER: _ClassVar[int]
    SPONSOR_LOAN_FIELD_NUMBER: _ClassVar[int]
    products: _containers.RepeatedCompositeFieldContainer[ProductFunding]
    sponsor_loan: _decimal_pb2.Decimal
    def __init__(self, products: _Optional[_Iterable[_Union[ProductFunding, _Mapping]]] = ..., sponsor_loan: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ...) -> None: ...

class ListProductsRequest(_message.Message):
    __slots__ = ("limit", "page_token")
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    limit: int
    page_token: str
    def __init__(self, limit: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListProductsResponse(_message.Message):
    __slots__ = ("products", "issuer_address", "broker_account_id", "next_page_token")
    PRODUCTS_FIELD_NUMBER: _ClassVar[int]
    ISSUER_ADDRESS_FIELD_NUMBER: _ClassVar[int]
    BROKER_ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    products: _containers.RepeatedCompositeFieldContainer[Product]
    issuer_address: str
    broker_account_id: str
    next_page_token: str
    def __init__(self, products: _Optional[_Iterable[_Union[Product, _Mapping]]] = ..., issuer_address: _Optional[str] = ..., broker_account_id: _Optional[str] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class QuoteRequest(_message.Message):
    __slots__ = ("token", "quantity", "side")
    TOKEN_FIELD_NUMBER: _ClassVar[int]
    QUANTITY_FIELD_NUMBER: _ClassVar[int]
    SIDE_FIELD_NUMBER: _ClassVar[int]
    token: str
    quantity: _decimal_pb2.Decimal
    side: str
    def __init__(self, token: _Optional[str] = ..., quantity: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., side: _Optional[str] = ...) -> None: ...

class Quote(_message.Message):
    __slots__ = ("token", "quantity", "price", "gross", "fee", "total", "at")
    TOKEN_FIELD_NUMBER: _ClassVar[int]
    QUANTITY_FIELD_NUMBER: _ClassVar[int]
    PRICE_FIELD_NUMBER: _ClassVar[int]
    GROSS_FIELD_NUMBER: _ClassVar[int]
    FEE_FIELD_NUMBER: _ClassVar[int]
    TOTAL_FIELD_NUMBER: _ClassVar[int]
    AT_FIELD_NUMBER: _ClassVar[int]
    token: str
    quantity: _decimal_pb2.Decimal
    price: _decimal_pb2.Decimal
    gross: _decimal_pb2.Decimal
    fee: _decimal_pb2.Decimal
    total: _decimal_pb2.Decimal
    at: _timestamp_pb2.Timestamp
    def __init__(self, token: _Optional[str] = ..., quantity: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., price: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., gross: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., fee: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., total: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class MintRequest(_message.Message):
    __slots__ = ("request_id", "token", "quantity", "payer_address", "recipient_address", "max_cost")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    TOKEN_FIELD_NUMBER: _ClassVar[int]
    QUANTITY_FIELD_NUMBER: _ClassVar[int]
    PAYER_ADDRESS_FIELD_NUMBER: _ClassVar[int]
    RECIPIENT_ADDRESS_FIELD_NUMBER: _ClassVar[int]
    MAX_COST_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    token: str
    quantity: _decimal_pb2.Decimal
    payer_address: str
    recipient_address: str
    max_cost: _decimal_pb2.Decimal
    def __init__(self, request_id: _Optional[str] = ..., token: _Optional[str] = ..., quantity: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., payer_address: _Optional[str] = ..., recipient_address: _Optional[str] = ..., max_cost: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ...) -> None: ...

class MintReceipt(_message.Message):
    __slots__ = ("mint_id", "request_id", "token", "quantity", "price", "fee", "cost", "payment_tx", "mint_tx", "hedge_order_id", "hedge_status", "at", "hedge_reason")
    MINT_ID_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    TOKEN_FIELD_NUMBER: _ClassVar[int]
    QUANTITY_FIELD_NUMBER: _ClassVar[int]
    PRICE_FIELD_NUMBER: _ClassVar[int]
    FEE_FIELD_NUMBER: _ClassVar[int]
    COST_FIELD_NUMBER: _ClassVar[int]
    PAYMENT_TX_FIELD_NUMBER: _ClassVar[int]
    MINT_TX_FIELD_NUMBER: _ClassVar[int]
    HEDGE_ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    HEDGE_STATUS_FIELD_NUMBER: _ClassVar[int]
    AT_FIELD_NUMBER: _ClassVar[int]
    HEDGE_REASON_FIELD_NUMBER: _ClassVar[int]
    mint_id: str
    request_id: str
    token: str
    quantity: _decimal_pb2.Decimal
    price: _decimal_pb2.Decimal
    fee: _decimal_pb2.Decimal
    cost: _decimal_pb2.Decimal
    payment_tx: str
    mint_tx: str
    hedge_order_id: str
    hedge_status: _statuses_pb2.HedgeStatus
    at: _timestamp_pb2.Timestamp
    hedge_reason: str
    def __init__(self, mint_id: _Optional[str] = ..., request_id: _Optional[str] = ..., token: _Optional[str] = ..., quantity: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., price: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., fee: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., cost: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., payment_tx: _Optional[str] = ..., mint_tx: _Optional[str] = ..., hedge_order_id: _Optional[str] = ..., hedge_status: _Optional[_Union[_statuses_pb2.HedgeStatus, str]] = ..., at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., hedge_reason: _Optional[str] = ...) -> None: ...

class RedeemRequest(_message.Message):
    __slots__ = ("request_id", "token", "quantity", "holder_address", "payout_address")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    TOKEN_FIELD_NUMBER: _ClassVar[int]
    QUANTITY_FIELD_NUMBER: _ClassVar[int]
    HOLDER_ADDRESS_FIELD_NUMBER: _ClassVar[int]
    PAYOUT_ADDRESS_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    token: str
    quantity: _decimal_pb2.Decimal
    holder_address: str
    payout_address: str
    def __init__(self, request_id: _Optional[str] = ..., token: _Optional[str] = ..., quantity: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., holder_address: _Optional[str] = ..., payout_address: _Optional[str] = ...) -> None: ...

class Redemption(_message.Message):
    __slots__ = ("redemption_id", "request_id", "token", "quantity", "holder_address", "payout_address", "status", "burn_tx", "hedge_order_id", "sale_price", "fee", "payout", "payout_tx", "requested_at", "paid_at")
    REDEMPTION_ID_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    TOKEN_FIELD_NUMBER: _ClassVar[int]
    QUANTITY_FIELD_NUMBER: _ClassVar[int]
    HOLDER_ADDRESS_FIELD_NUMBER: _ClassVar[int]
    PAYOUT_ADDRESS_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    BURN_TX_FIELD_NUMBER: _ClassVar[int]
    HEDGE_ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    SALE_PRICE_FIELD_NUMBER: _ClassVar[int]
    FEE_FIELD_NUMBER: _ClassVar[int]
    PAYOUT_FIELD_NUMBER: _ClassVar[int]
    PAYOUT_TX_FIELD_NUMBER: _ClassVar[int]
    REQUESTED_AT_FIELD_NUMBER: _ClassVar[int]
    PAID_AT_FIELD_NUMBER: _ClassVar[int]
    redemption_id: str
    request_id: str
    token: str
    quantity: _decimal_pb2.Decimal
    holder_address: str
    payout_address: str
    status: _statuses_pb2.RedemptionStatus
    burn_tx: str
    hedge_order_id: str
    sale_price: _decimal_pb2.Decimal
    fee: _decimal_pb2.Decimal
    payout: _decimal_pb2.Decimal
    payout_tx: str
    requested_at: _timestamp_pb2.Timestamp
    paid_at: _timestamp_pb2.Timestamp
    def __init__(self, redemption_id: _Optional[str] = ..., request_id: _Optional[str] = ..., token: _Optional[str] = ..., quantity: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., holder_address: _Optional[str] = ..., payout_address: _Optional[str] = ..., status: _Optional[_Union[_statuses_pb2.RedemptionStatus, str]] = ..., burn_tx: _Optional[str] = ..., hedge_order_id: _Optional[str] = ..., sale_price: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., fee: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., payout: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., payout_tx: _Optional[str] = ..., requested_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., paid_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class IdRequest(_message.Message):
    __slots__ = ("id",)
    ID_FIELD_NUMBER: _ClassVar[int]
    id: str
    def __init__(self, id: _Optional[str] = ...) -> None: ...

class ListMintsRequest(_message.Message):
    __slots__ = ("limit", "page_token")
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    limit: int
    page_token: str
    def __init__(self, limit: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListMintsResponse(_message.Message):
    __slots__ = ("mints", "next_page_token")
    MINTS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    mints: _containers.RepeatedCompositeFieldContainer[MintReceipt]
    next_page_token: str
    def __init__(self, mints: _Optional[_Iterable[_Union[MintReceipt, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class PayoutRequest(_message.Message):
    __slots__ = ("request_id", "redemption_id")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    REDEMPTION_ID_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    redemption_id: str
    def __init__(self, request_id: _Optional[str] = ..., redemption_id: _Optional[str] = ...) -> None: ...

class NoticeRequest(_message.Message):
    __slots__ = ("request_id", "notice_id")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    NOTICE_ID_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    notice_id: str
    def __init__(self, request_id: _Optional[str] = ..., notice_id: _Optional[str] = ...) -> None: ...

class ListRedemptionsRequest(_message.Message):
    __slots__ = ("limit", "page_token")
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    limit: int
    page_token: str
    def __init__(self, limit: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListRedemptionsResponse(_message.Message):
    __slots__ = ("redemptions", "next_page_token")
    REDEMPTIONS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    redemptions: _containers.RepeatedCompositeFieldContainer[Redemption]
    next_page_token: str
    def __init__(self, redemptions: _Optional[_Iterable[_Union[Redemption, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class SetHaltRequest(_message.Message):
    __slots__ = ("request_id", "token", "mint_halted", "redemption_halted", "reason")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    TOKEN_FIELD_NUMBER: _ClassVar[int]
    MINT_HALTED_FIELD_NUMBER: _ClassVar[int]
    REDEMPTION_HALTED_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    token: str
    mint_halted: bool
    redemption_halted: bool
    reason: str
    def __init__(self, request_id: _Optional[str] = ..., token: _Optional[str] = ..., mint_halted: _Optional[bool] = ..., redemption_halted: _Optional[bool] = ..., reason: _Optional[str] = ...) -> None: ...

class ReservesResponse(_message.Message):
    __slots__ = ("token", "tokens_outstanding", "shares_settled", "shares_unsettled", "shares_on_order", "broker_cash", "stablecoin_treasury")
    TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOKENS_OUTSTANDING_FIELD_NUMBER: _ClassVar[int]
    SHARES_SETTLED_FIELD_NUMBER: _ClassVar[int]
    SHARES_UNSETTLED_FIELD_NUMBER: _ClassVar[int]
    SHARES_ON_ORDER_FIELD_NUMBER: _ClassVar[int]
    BROKER_CASH_FIELD_NUMBER: _ClassVar[int]
    STABLECOIN_TREASURY_FIELD_NUMBER: _ClassVar[int]
    token: str
    tokens_outstanding: _decimal_pb2.Decimal
    shares_settled: _decimal_pb2.Decimal
    shares_unsettled: _decimal_pb2.Decimal
    shares_on_order: _decimal_pb2.Decimal
    broker_cash: _decimal_pb2.Decimal
    stablecoin_treasury: _decimal_pb2.Decimal
    def __init__(self, token: _Optional[str] = ..., tokens_outstanding: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., shares_settled: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., shares_unsettled: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., shares_on_order: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., broker_cash: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., stablecoin_treasury: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ...) -> None: ...

class DeclareInsolvencyRequest(_message.Message):
    __slots__ = ("request_id", "reason")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    reason: str
    def __init__(self, request_id: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class EstateLine(_message.Message):
    __slots__ = ("kind", "description", "quantity", "price", "value", "pool")
    KIND_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    QUANTITY_FIELD_NUMBER: _ClassVar[int]
    PRICE_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    POOL_FIELD_NUMBER: _ClassVar[int]
    kind: str
    description: str
    quantity: _decimal_pb2.Decimal
    price: _decimal_pb2.Decimal
    value: _decimal_pb2.Decimal
    pool: str
    def __init__(self, kind: _Optional[str] = ..., description: _Optional[str] = ..., quantity: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., price: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., value: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., pool: _Optional[str] = ...) -> None: ...

class TokenClaimRate(_message.Message):
    __slots__ = ("token", "claim_per_token", "recovery_per_token", "standing")
    TOKEN_FIELD_NUMBER: _ClassVar[int]
    CLAIM_PER_TOKEN_FIELD_NUMBER: _ClassVar[int]
    RECOVERY_PER_TOKEN_FIELD_NUMBER: _ClassVar[int]
    STANDING_FIELD_NUMBER: _ClassVar[int]
    token: str
    claim_per_token: _decimal_pb2.Decimal
    recovery_per_token: _decimal_pb2.Decimal
    standing: str
    def __init__(self, token: _Optional[str] = ..., claim_per_token: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., recovery_per_token: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., standing: _Optional[str] = ...) -> None: ...

class EstateTranche(_message.Message):
    __slots__ = ("rank", "kind", "token", "pool", "description", "claim", "paid")
    RANK_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    TOKEN_FIELD_NUMBER: _ClassVar[int]
    POOL_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    CLAIM_FIELD_NUMBER: _ClassVar[int]
    PAID_FIELD_NUMBER: _ClassVar[int]
    rank: int
    kind: str
    token: str
    pool: str
    description: str
    claim: _decimal_pb2.Decimal
    paid: _decimal_pb2.Decimal
    def __init__(self, rank: _Optional[int] = ..., kind: _Optional[str] = ..., token: _Optional[str] = ..., pool: _Optional[str] = ..., description: _Optional[str] = ..., claim: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., paid: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ...) -> None: ...

class Estate(_message.Message):
    __slots__ = ("insolvent", "reason", "declared_at", "assets", "gross_assets", "administration_costs", "distributable", "claims", "total_claims", "recovery_rate", "tokens", "broker_account_id", "terms", "waterfall", "general_estate", "sponsor_loan")
    INSOLVENT_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    DECLARED_AT_FIELD_NUMBER: _ClassVar[int]
    ASSETS_FIELD_NUMBER: _ClassVar[int]
    GROSS_ASSETS_FIELD_NUMBER: _ClassVar[int]
    ADMINISTRATION_COSTS_FIELD_NUMBER: _ClassVar[int]
    DISTRIBUTABLE_FIELD_NUMBER: _ClassVar[int]
    CLAIMS_FIELD_NUMBER: _ClassVar[int]
    TOTAL_CLAIMS_FIELD_NUMBER: _ClassVar[int]
    RECOVERY_RATE_FIELD_NUMBER: _ClassVar[int]
    TOKENS_FIELD_NUMBER: _ClassVar[int]
    BROKER_ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    TERMS_FIELD_NUMBER: _ClassVar[int]
    WATERFALL_FIELD_NUMBER: _ClassVar[int]
    GENERAL_ESTATE_FIELD_NUMBER: _ClassVar[int]
    SPONSOR_LOAN_FIELD_NUMBER: _ClassVar[int]
    insolvent: bool
    reason: str
    declared_at: _timestamp_pb2.Timestamp
    assets: _containers.RepeatedCompositeFieldContainer[EstateLine]
    gross_assets: _decimal_pb2.Decimal
    administration_costs: _decimal_pb2.Decimal
    distributable: _decimal_pb2.Decimal
    claims: _containers.RepeatedCompositeFieldContainer[EstateLine]
    total_claims: _decimal_pb2.Decimal
    recovery_rate: _decimal_pb2.Decimal
    tokens: _containers.RepeatedCompositeFieldContainer[TokenClaimRate]
    broker_account_id: str
    terms: str
    waterfall: _containers.RepeatedCompositeFieldContainer[EstateTranche]
    general_estate: _decimal_pb2.Decimal
    sponsor_loan: _decimal_pb2.Decimal
    def __init__(self, insolvent: _Optional[bool] = ..., reason: _Optional[str] = ..., declared_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., assets: _Optional[_Iterable[_Union[EstateLine, _Mapping]]] = ..., gross_assets: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., administration_costs: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., distributable: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., claims: _Optional[_Iterable[_Union[EstateLine, _Mapping]]] = ..., total_claims: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., recovery_rate: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., tokens: _Optional[_Iterable[_Union[TokenClaimRate, _Mapping]]] = ..., broker_account_id: _Optional[str] = ..., terms: _Optional[str] = ..., waterfall: _Optional[_Iterable[_Union[EstateTranche, _Mapping]]] = ..., general_estate: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., sponsor_loan: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ...) -> None: ...

class InKindMintRequest(_message.Message):
    __slots__ = ("request_id", "account_id", "underlying_symbol", "qty", "network", "wallet_address")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    UNDERLYING_SYMBOL_FIELD_NUMBER: _ClassVar[int]
    QTY_FIELD_NUMBER: _ClassVar[int]
    NETWORK_FIELD_NUMBER: _ClassVar[int]
    WALLET_ADDRESS_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    account_id: str
    underlying_symbol: str
    qty: _decimal_pb2.Decimal
    network: str
    wallet_address: str
    def __init__(self, request_id: _Optional[str] = ..., account_id: _Optional[str] = ..., underlying_symbol: _Optional[str] = ..., qty: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., network: _Optional[str] = ..., wallet_address: _Optional[str] = ...) -> None: ...

class InKindRedeemRequest(_message.Message):
    __slots__ = ("request_id", "account_id", "token", "quantity", "wallet_address")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    TOKEN_FIELD_NUMBER: _ClassVar[int]
    QUANTITY_FIELD_NUMBER: _ClassVar[int]
    WALLET_ADDRESS_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    account_id: str
    token: str
    quantity: _decimal_pb2.Decimal
    wallet_address: str
    def __init__(self, request_id: _Optional[str] = ..., account_id: _Optional[str] = ..., token: _Optional[str] = ..., quantity: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., wallet_address: _Optional[str] = ...) -> None: ...

class InKindReceipt(_message.Message):
    __slots__ = ("id", "kind", "token", "tokens", "shares", "account_id", "wallet_address", "tx_hash", "broker_request_id", "at")
    ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOKENS_FIELD_NUMBER: _ClassVar[int]
    SHARES_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    WALLET_ADDRESS_FIELD_NUMBER: _ClassVar[int]
    TX_HASH_FIELD_NUMBER: _ClassVar[int]
    BROKER_REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    AT_FIELD_NUMBER: _ClassVar[int]
    id: str
    kind: str
    token: str
    tokens: _decimal_pb2.Decimal
    shares: _decimal_pb2.Decimal
    account_id: str
    wallet_address: str
    tx_hash: str
    broker_request_id: str
    at: _timestamp_pb2.Timestamp
    def __init__(self, id: _Optional[str] = ..., kind: _Optional[str] = ..., token: _Optional[str] = ..., tokens: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., shares: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., account_id: _Optional[str] = ..., wallet_address: _Optional[str] = ..., tx_hash: _Optional[str] = ..., broker_request_id: _Optional[str] = ..., at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ListInKindRequest(_message.Message):
    __slots__ = ("limit", "page_token")
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    limit: int
    page_token: str
    def __init__(self, limit: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListInKindResponse(_message.Message):
    __slots__ = ("receipts", "next_page_token")
    RECEIPTS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    receipts: _containers.RepeatedCompositeFieldContainer[InKindReceipt]
    next_page_token: str
    def __init__(self, receipts: _Optional[_Iterable[_Union[InKindReceipt, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class ExDividend(_message.Message):
    __slots__ = ("action_id", "token", "dividend", "withholding_rate", "reference", "supply", "multiplier_before", "multiplier_after", "shares_owed", "effective_at", "snapshot_at", "status", "order_id")
    ACTION_ID_FIELD_NUMBER: _ClassVar[int]
    TOKEN_FIELD_NUMBER: _ClassVar[int]
    DIVIDEND_FIELD_NUMBER: _ClassVar[int]
    WITHHOLDING_RATE_FIELD_NUMBER: _ClassVar[int]
    REFERENCE_FIELD_NUMBER: _ClassVar[int]
    SUPPLY_FIELD_NUMBER: _ClassVar[int]
    MULTIPLIER_BEFORE_FIELD_NUMBER: _ClassVar[int]
    MULTIPLIER_AFTER_FIELD_NUMBER: _ClassVar[int]
    SHARES_OWED_FIELD_NUMBER: _ClassVar[int]
    EFFECTIVE_AT_FIELD_NUMBER: _ClassVar[int]
    SNAPSHOT_AT_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    action_id: str
    token: str
    dividend: _decimal_pb2.Decimal
    withholding_rate: _decimal_pb2.Decimal
    reference: _decimal_pb2.Decimal
    supply: _decimal_pb2.Decimal
    multiplier_before: _decimal_pb2.Decimal
    multiplier_after: _decimal_pb2.Decimal
    shares_owed: _decimal_pb2.Decimal
    effective_at: _timestamp_pb2.Timestamp
    snapshot_at: _timestamp_pb2.Timestamp
    status: _statuses_pb2.ExDividendStatus
    order_id: str
    def __init__(self, action_id: _Optional[str] = ..., token: _Optional[str] = ..., dividend: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., withholding_rate: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., reference: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., supply: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., multiplier_before: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., multiplier_after: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., shares_owed: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., effective_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., snapshot_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., status: _Optional[_Union[_statuses_pb2.ExDividendStatus, str]] = ..., order_id: _Optional[str] = ...) -> None: ...

class ListExDividendsRequest(_message.Message):
    __slots__ = ("limit", "page_token")
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    limit: int
    page_token: str
    def __init__(self, limit: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListExDividendsResponse(_message.Message):
    __slots__ = ("ex_dividends", "next_page_token")
    EX_DIVIDENDS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    ex_dividends: _containers.RepeatedCompositeFieldContainer[ExDividend]
    next_page_token: str
    def __init__(self, ex_dividends: _Optional[_Iterable[_Union[ExDividend, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class Distribution(_message.Message):
    __slots__ = ("id", "notice_id", "kind", "token", "action_id", "gross", "withheld", "net", "shares_bought", "multiplier_before", "multiplier_after", "effective_at", "paid_total", "holders", "retained", "clause", "policy", "status", "price", "order_id", "snapshot_at", "new_shares", "old_shares", "detail", "last_error", "at", "applied_at", "dividend_equivalent", "tax_871m", "tax_871m_additional", "tax_note")
    ID_FIELD_NUMBER: _ClassVar[int]
    NOTICE_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    TOKEN_FIELD_NUMBER: _ClassVar[int]
    ACTION_ID_FIELD_NUMBER: _ClassVar[int]
    GROSS_FIELD_NUMBER: _ClassVar[int]
    WITHHELD_FIELD_NUMBER: _ClassVar[int]
    NET_FIELD_NUMBER: _ClassVar[int]
    SHARES_BOUGHT_FIELD_NUMBER: _ClassVar[int]
    MULTIPLIER_BEFORE_FIELD_NUMBER: _ClassVar[int]
    MULTIPLIER_AFTER_FIELD_NUMBER: _ClassVar[int]
    EFFECTIVE_AT_FIELD_NUMBER: _ClassVar[int]
    PAID_TOTAL_FIELD_NUMBER: _ClassVar[int]
    HOLDERS_FIELD_NUMBER: _ClassVar[int]
    RETAINED_FIELD_NUMBER: _ClassVar[int]
    CLAUSE_FIELD_NUMBER: _ClassVar[int]
    POLICY_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    PRICE_FIELD_NUMBER: _ClassVar[int]
    ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    SNAPSHOT_AT_FIELD_NUMBER: _ClassVar[int]
    NEW_SHARES_FIELD_NUMBER: _ClassVar[int]
    OLD_SHARES_FIELD_NUMBER: _ClassVar[int]
    DETAIL_FIELD_NUMBER: _ClassVar[int]
    LAST_ERROR_FIELD_NUMBER: _ClassVar[int]
    AT_FIELD_NUMBER: _ClassVar[int]
    APPLIED_AT_FIELD_NUMBER: _ClassVar[int]
    DIVIDEND_EQUIVALENT_FIELD_NUMBER: _ClassVar[int]
    TAX_871M_FIELD_NUMBER: _ClassVar[int]
    TAX_871M_ADDITIONAL_FIELD_NUMBER: _ClassVar[int]
    TAX_NOTE_FIELD_NUMBER: _ClassVar[int]
    id: str
    notice_id: str
    kind: str
    token: str
    action_id: str
    gross: _decimal_pb2.Decimal
    withheld: _decimal_pb2.Decimal
    net: _decimal_pb2.Decimal
    shares_bought: _decimal_pb2.Decimal
    multiplier_before: _decimal_pb2.Decimal
    multiplier_after: _decimal_pb2.Decimal
    effective_at: _timestamp_pb2.Timestamp
    paid_total: _decimal_pb2.Decimal
    holders: int
    retained: _decimal_pb2.Decimal
    clause: str
    policy: str
    status: _statuses_pb2.DistributionStatus
    price: _decimal_pb2.Decimal
    order_id: str
    snapshot_at: _timestamp_pb2.Timestamp
    new_shares: int
    old_shares: int
    detail: str
    last_error: str
    at: _timestamp_pb2.Timestamp
    applied_at: _timestamp_pb2.Timestamp
    dividend_equivalent: bool
    tax_871m: _decimal_pb2.Decimal
    tax_871m_additional: _decimal_pb2.Decimal
    tax_note: str
    def __init__(self, id: _Optional[str] = ..., notice_id: _Optional[str] = ..., kind: _Optional[str] = ..., token: _Optional[str] = ..., action_id: _Optional[str] = ..., gross: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., withheld: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., net: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., shares_bought: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., multiplier_before: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., multiplier_after: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., effective_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., paid_total: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., holders: _Optional[int] = ..., retained: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., clause: _Optional[str] = ..., policy: _Optional[str] = ..., status: _Optional[_Union[_statuses_pb2.DistributionStatus, str]] = ..., price: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., order_id: _Optional[str] = ..., snapshot_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., new_shares: _Optional[int] = ..., old_shares: _Optional[int] = ..., detail: _Optional[str] = ..., last_error: _Optional[str] = ..., at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., applied_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., dividend_equivalent: _Optional[bool] = ..., tax_871m: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., tax_871m_additional: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., tax_note: _Optional[str] = ...) -> None: ...

class ListDistributionsRequest(_message.Message):
    __slots__ = ("limit", "page_token")
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    limit: int
    page_token: str
    def __init__(self, limit: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListDistributionsResponse(_message.Message):
    __slots__ = ("distributions", "next_page_token")
    DISTRIBUTIONS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    distributions: _containers.RepeatedCompositeFieldContainer[Distribution]
    next_page_token: str
    def __init__(self, distributions: _Optional[_Iterable[_Union[Distribution, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class DistributionPayment(_message.Message):
    __slots__ = ("distribution_id", "token", "address", "balance", "amount", "status", "tx_hash", "reason")
    DISTRIBUTION_ID_FIELD_NUMBER: _ClassVar[int]
    TOKEN_FIELD_NUMBER: _ClassVar[int]
    ADDRESS_FIELD_NUMBER: _ClassVar[int]
    BALANCE_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    TX_HASH_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    distribution_id: str
    token: str
    address: str
    balance: _decimal_pb2.Decimal
    amount: _decimal_pb2.Decimal
    status: _statuses_pb2.PaymentStatus
    tx_hash: str
    reason: str
    def __init__(self, distribution_id: _Optional[str] = ..., token: _Optional[str] = ..., address: _Optional[str] = ..., balance: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., amount: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., status: _Optional[_Union[_statuses_pb2.PaymentStatus, str]] = ..., tx_hash: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class ListDistributionPaymentsRequest(_message.Message):
    __slots__ = ("distribution_id", "address", "limit", "page_token")
    DISTRIBUTION_ID_FIELD_NUMBER: _ClassVar[int]
    ADDRESS_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    distribution_id: str
    address: str
    limit: int
    page_token: str
    def __init__(self, distribution_id: _Optional[str] = ..., address: _Optional[str] = ..., limit: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListDistributionPaymentsResponse(_message.Message):
    __slots__ = ("payments", "next_page_token")
    PAYMENTS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    payments: _containers.RepeatedCompositeFieldContainer[DistributionPayment]
    next_page_token: str
    def __init__(self, payments: _Optional[_Iterable[_Union[DistributionPayment, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class PauseTokenRequest(_message.Message):
    __slots__ = ("request_id", "token", "mint_paused", "transfers_paused")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    TOKEN_FIELD_NUMBER: _ClassVar[int]
    MINT_PAUSED_FIELD_NUMBER: _ClassVar[int]
    TRANSFERS_PAUSED_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    token: str
    mint_paused: bool
    transfers_paused: bool
    def __init__(self, request_id: _Optional[str] = ..., token: _Optional[str] = ..., mint_paused: _Optional[bool] = ..., transfers_paused: _Optional[bool] = ...) -> None: ...

class FreezeAddressRequest(_message.Message):
    __slots__ = ("request_id", "token", "address", "frozen")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    TOKEN_FIELD_NUMBER: _ClassVar[int]
    ADDRESS_FIELD_NUMBER: _ClassVar[int]
    FROZEN_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    token: str
    address: str
    frozen: bool
    def __init__(self, request_id: _Optional[str] = ..., token: _Optional[str] = ..., address: _Optional[str] = ..., frozen: _Optional[bool] = ...) -> None: ...

class CompromiseKeyRequest(_message.Message):
    __slots__ = ("request_id", "to_address", "reason")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    TO_ADDRESS_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    to_address: str
    reason: str
    def __init__(self, request_id: _Optional[str] = ..., to_address: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class TokenControlReply(_message.Message):
    __slots__ = ("tx_hash", "block_number")
    TX_HASH_FIELD_NUMBER: _ClassVar[int]
    BLOCK_NUMBER_FIELD_NUMBER: _ClassVar[int]
    tx_hash: str
    block_number: int
    def __init__(self, tx_hash: _Optional[str] = ..., block_number: _Optional[int] = ...) -> None: ...
