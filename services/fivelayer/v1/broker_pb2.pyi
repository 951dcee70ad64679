import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from fivelayer.v1 import common_pb2 as _common_pb2
from fivelayer.v1 import decimal_pb2 as _decimal_pb2
from fivelayer.v1 import statuses_pb2 as _statuses_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Side(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    SIDE_UNSPECIFIED: _ClassVar[Side]
    BUY: _ClassVar[Side]
    SELL: _ClassVar[Side]
SIDE_UNSPECIFIED: Side
BUY: Side
SELL: Side

class CreateAccountRequest(_message.Message):
    __slots__ = ("request_id", "name", "kind", "country_of_tax_residence", "tax_status", "customer_account_id")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    COUNTRY_OF_TAX_RESIDENCE_FIELD_NUMBER: _ClassVar[int]
    TAX_STATUS_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    name: str
    kind: str
    country_of_tax_residence: str
    tax_status: str
    customer_account_id: str
    def __init__(self, request_id: _Optional[str] = ..., name: _Optional[str] = ..., kind: _Optional[str] = ..., country_of_tax_residence: _Optional[str] = ..., tax_status: _Optional[str] = ..., customer_account_id: _Optional[str] = ...) -> None: ...

class Account(_message.Message):
    __slots__ = ("account_id", "name", "kind", "status", "status_reason", "api_key", "route_enabled", "created_at", "tax_profile", "withholding_rate", "tax_country", "customer_id", "tax_basis")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    STATUS_REASON_FIELD_NUMBER: _ClassVar[int]
    API_KEY_FIELD_NUMBER: _ClassVar[int]
    ROUTE_ENABLED_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    TAX_PROFILE_FIELD_NUMBER: _ClassVar[int]
    WITHHOLDING_RATE_FIELD_NUMBER: _ClassVar[int]
    TAX_COUNTRY_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_ID_FIELD_NUMBER: _ClassVar[int]
    TAX_BASIS_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    name: str
    kind: str
    status: _statuses_pb2.AccountStatus
    status_reason: str
    api_key: str
    route_enabled: bool
    created_at: _timestamp_pb2.Timestamp
    tax_profile: str
    withholding_rate: _decimal_pb2.Decimal
    tax_country: str
    customer_id: str
    tax_basis: str
    def __init__(self, account_id: _Optional[str] = ..., name: _Optional[str] = ..., kind: _Optional[str] = ..., status: _Optional[_Union[_statuses_pb2.AccountStatus, str]] = ..., status_reason: _Optional[str] = ..., api_key: _Optional[str] = ..., route_enabled: _Optional[bool] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., tax_profile: _Optional[str] = ..., withholding_rate: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., tax_country: _Optional[str] = ..., customer_id: _Optional[str] = ..., tax_basis: _Optional[str] = ...) -> None: ...

class AccountRequest(_message.Message):
    __slots__ = ("account_id",)
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    def __init__(self, account_id: _Optional[str] = ...) -> None: ...

class ListAccountsRequest(_message.Message):
    __slots__ = ("limit", "page_token")
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    limit: int
    page_token: str
    def __init__(self, limit: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListAccountsResponse(_message.Message):
    __slots__ = ("accounts", "next_page_token")
    ACCOUNTS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    accounts: _containers.RepeatedCompositeFieldContainer[Account]
    next_page_token: str
    def __init__(self, accounts: _Optional[_Iterable[_Union[Account, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class FundAccountRequest(_message.Message):
    __slots__ = ("request_id", "account_id", "amount")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    account_id: str
    amount: _decimal_pb2.Decimal
    def __init__(self, request_id: _Optional[str] = ..., account_id: _Optional[str] = ..., amount: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ...) -> None: ...

class PlaceOrderRequest(_message.Message):
    __slots__ = ("request_id", "account_id", "api_key", "symbol", "side", "quantity")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    API_KEY_FIELD_NUMBER: _ClassVar[int]
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    SIDE_FIELD_NUMBER: _ClassVar[int]
    QUANTITY_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    account_id: str
    api_key: str
    symbol: str
    side: Side
    quantity: _decimal_pb2.Decimal
    def __init__(self, request_id: _Optional[str] = ..., account_id: _Optional[str] = ..., api_key: _Optional[str] = ..., symbol: _Optional[str] = ..., side: _Optional[_Union[Side, str]] = ..., quantity: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ...) -> None: ...

class Order(_message.Message):
    __slots__ = ("order_id", "client_order_id", "account_id", "symbol", "side", "quantity", "status", "filled_quantity", "filled_avg_price", "submitted_at", "filled_at", "trade_date", "settlement_date", "settled", "reject_reason")
    ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    CLIENT_ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    SIDE_FIELD_NUMBER: _ClassVar[int]
    QUANTITY_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    FILLED_QUANTITY_FIELD_NUMBER: _ClassVar[int]
    FILLED_AVG_PRICE_FIELD_NUMBER: _ClassVar[int]
    SUBMITTED_AT_FIELD_NUMBER: _ClassVar[int]
    FILLED_AT_FIELD_NUMBER: _ClassVar[int]
    TRADE_DATE_FIELD_NUMBER: _ClassVar[int]
    SETTLEMENT_DATE_FIELD_NUMBER: _ClassVar[int]
    SETTLED_FIELD_NUMBER: _ClassVar[int]
    REJECT_REASON_FIELD_NUMBER: _ClassVar[int]
    order_id: str
    client_order_id: str
    account_id: str
    symbol: str
    side: Side
    quantity: _decimal_pb2.Decimal
    status: _statuses_pb2.OrderStatus
    filled_quantity: _decimal_pb2.Decimal
    filled_avg_price: _decimal_pb2.Decimal
    submitted_at: _timestamp_pb2.Timestamp
    filled_at: _timestamp_pb2.Timestamp
    trade_date: str
    settlement_date: str
    settled: bool
    reject_reason: str
    def __init__(self, order_id: _Optional[str] = ..., client_order_id: _Optional[str] = ..., account_id: _Optional[str] = ..., symbol: _Optional[str] = ..., side: _Optional[_Union[Side, str]] = ..., quantity: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., status: _Optional[_Union[_statuses_pb2.OrderStatus, str]] = ..., filled_quantity: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., filled_avg_price: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., submitted_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., filled_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., trade_date: _Optional[str] = ..., settlement_date: _Optional[str] = ..., settled: _Optional[bool] = ..., reject_reason: _Optional[str] = ...) -> None: ...

class OrderRequest(_message.Message):
    __slots__ = ("account_id", "order_id", "client_order_id")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    CLIENT_ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    order_id: str
    client_order_id: str
    def __init__(self, account_id: _Optional[str] = ..., order_id: _Optional[str] = ..., client_order_id: _Optional[str] = ...) -> None: ...

class ListOrdersRequest(_message.Message):
    __slots__ = ("account_id", "status", "order_ids", "limit", "page_token")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    ORDER_IDS_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    status: _statuses_pb2.OrderStatus
    order_ids: _containers.RepeatedScalarFieldContainer[str]
    limit: int
    page_token: str
    def __init__(self, account_id: _Optional[str] = ..., status: _Optional[_Union[_statuses_pb2.OrderStatus, str]] = ..., order_ids: _Optional[_Iterable[str]] = ..., limit: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListOrdersResponse(_message.Message):
    __slots__ = ("orders", "next_page_token")
    ORDERS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    orders: _containers.RepeatedCompositeFieldContainer[Order]
    next_page_token: str
    def __init__(self, orders: _Optional[_Iterable[_Union[Order, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class CancelOrderRequest(_message.Message):
    __slots__ = ("request_id", "account_id", "order_id")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    account_id: str
    order_id: str
    def __init__(self, request_id: _Optional[str] = ..., account_id: _Optional[str] = ..., order_id: _Optional[str] = ...) -> None: ...

class BrokerPosition(_message.Message):
    __slots__ = ("symbol", "settled", "unsettled", "total")
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    SETTLED_FIELD_NUMBER: _ClassVar[int]
    UNSETTLED_FIELD_NUMBER: _ClassVar[int]
    TOTAL_FIELD_NUMBER: _ClassVar[int]
    symbol: str
    settled: _decimal_pb2.Decimal
    unsettled: _decimal_pb2.Decimal
    total: _decimal_pb2.Decimal
    def __init__(self, symbol: _Optional[str] = ..., settled: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., unsettled: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., total: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ...) -> None: ...

class AccountPositions(_message.Message):
    __slots__ = ("account_id", "positions")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    POSITIONS_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    positions: _containers.RepeatedCompositeFieldContainer[BrokerPosition]
    def __init__(self, account_id: _Optional[str] = ..., positions: _Optional[_Iterable[_Union[BrokerPosition, _Mapping]]] = ...) -> None: ...

class CashResponse(_message.Message):
    __slots__ = ("account_id", "settled", "unsettled", "buying_power")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    SETTLED_FIELD_NUMBER: _ClassVar[int]
    UNSETTLED_FIELD_NUMBER: _ClassVar[int]
    BUYING_POWER_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    settled: _decimal_pb2.Decimal
    unsettled: _decimal_pb2.Decimal
    buying_power: _decimal_pb2.Decimal
    def __init__(self, account_id: _Optional[str] = ..., settled: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., unsettled: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., buying_power: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ...) -> None: ...

class SetRouteRequest(_message.Message):
    __slots__ = ("request_id", "account_id", "enabled", "reason")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    ENABLED_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    account_id: str
    enabled: bool
    reason: str
    def __init__(self, request_id: _Optional[str] = ..., account_id: _Optional[str] = ..., enabled: _Optional[bool] = ..., reason: _Optional[str] = ...) -> None: ...

class SetAccountStatusRequest(_message.Message):
    __slots__ = ("request_id", "account_id", "status", "reason")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    account_id: str
    status: _statuses_pb2.AccountStatus
    reason: str
    def __init__(self, request_id: _Optional[str] = ..., account_id: _Optional[str] = ..., status: _Optional[_Union[_statuses_pb2.AccountStatus, str]] = ..., reason: _Optional[str] = ...) -> None: ...

class SipcResponse(_message.Message):
    __slots__ = ("account_id", "securities_value", "cash", "protected_securities", "protected_cash", "protected_total")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    SECURITIES_VALUE_FIELD_NUMBER: _ClassVar[int]
    CASH_FIELD_NUMBER: _ClassVar[int]
    PROTECTED_SECURITIES_FIELD_NUMBER: _ClassVar[int]
    PROTECTED_CASH_FIELD_NUMBER: _ClassVar[int]
    PROTECTED_TOTAL_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    securities_value: _decimal_pb2.Decimal
    cash: _decimal_pb2.Decimal
    protected_securities: _decimal_pb2.Decimal
    protected_cash: _decimal_pb2.Decimal
    protected_total: _decimal_pb2.Decimal
    def __init__(self, account_id: _Optional[str] = ..., securities_value: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., cash: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., protected_securities: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., protected_cash: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., protected_total: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ...) -> None: ...

class RegisterTokenizationIssuerRequest(_message.Message):
    __slots__ = ("request_id", "issuer", "account_id", "underlying_symbol")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    ISSUER_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    UNDERLYING_SYMBOL_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    issuer: str
    account_id: str
    underlying_symbol: str
    def __init__(self, request_id: _Optional[str] = ..., issuer: _Optional[str] = ..., account_id: _Optional[str] = ..., underlying_symbol: _Optional[str] = ...) -> None: ...

class TokenizationIssuer(_message.Message):
    __slots__ = ("issuer", "account_id", "underlying_symbol")
    ISSUER_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    UNDERLYING_SYMBOL_FIELD_NUMBER: _ClassVar[int]
    issuer: str
    account_id: str
    underlying_symbol: str
    def __init__(self, issuer: _Optional[str] = ..., account_id: _Optional[str] = ..., underlying_symbol: _Optional[str] = ...) -> None: ...

class TokenizationCallbackRequest(_message.Message):
    __slots__ = ("request_id", "kind", "tokenization_request_id", "account_id", "underlying_symbol", "qty", "wallet_address", "issuer_request_id", "tx_hash")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    TOKENIZATION_REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    UNDERLYING_SYMBOL_FIELD_NUMBER: _ClassVar[int]
    QTY_FIELD_NUMBER: _ClassVar[int]
    WALLET_ADDRESS_FIELD_NUMBER: _ClassVar[int]
    ISSUER_REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    TX_HASH_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    kind: str
    tokenization_request_id: str
    account_id: str
    underlying_symbol: str
    qty: _decimal_pb2.Decimal
    wallet_address: str
    issuer_request_id: str
    tx_hash: str
    def __init__(self, request_id: _Optional[str] = ..., kind: _Optional[str] = ..., tokenization_request_id: _Optional[str] = ..., account_id: _Optional[str] = ..., underlying_symbol: _Optional[str] = ..., qty: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., wallet_address: _Optional[str] = ..., issuer_request_id: _Optional[str] = ..., tx_hash: _Optional[str] = ...) -> None: ...

class TokenizationRequest(_message.Message):
    __slots__ = ("id", "client_request_id", "kind", "status", "account_id", "issuer", "network", "underlying_symbol", "qty", "wallet_address", "fees", "issuer_request_id", "tx_hash", "reject_reason", "created_at", "updated_at")
    ID_FIELD_NUMBER: _ClassVar[int]
    CLIENT_REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    ISSUER_FIELD_NUMBER: _ClassVar[int]
    NETWORK_FIELD_NUMBER: _ClassVar[int]
    UNDERLYING_SYMBOL_FIELD_NUMBER: _ClassVar[int]
    QTY_FIELD_NUMBER: _ClassVar[int]
    WALLET_ADDRESS_FIELD_NUMBER: _ClassVar[int]
    FEES_FIELD_NUMBER: _ClassVar[int]
    ISSUER_REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    TX_HASH_FIELD_NUMBER: _ClassVar[int]
    REJECT_REASON_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    id: str
    client_request_id: str
    kind: str
    status: _statuses_pb2.TokenizationStatus
    account_id: str
    issuer: str
    network: str
    underlying_symbol: str
    qty: _decimal_pb2.Decimal
    wallet_address: str
    fees: _decimal_pb2.Decimal
    issuer_request_id: str
    tx_hash: str
    reject_reason: str
    created_at: _timestamp_pb2.Timestamp
    updated_at: _timestamp_pb2.Timestamp
    def __init__(self, id: _Optional[str] = ..., client_request_id: _Optional[str] = ..., kind: _Optional[str] = ..., status: _Optional[_Union[_statuses_pb2.TokenizationStatus, str]] = ..., account_id: _Optional[str] = ..., issuer: _Optional[str] = ..., network: _Optional[str] = ..., underlying_symbol: _Optional[str] = ..., qty: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., wallet_address: _Optional[str] = ..., fees: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., issuer_request_id: _Optional[str] = ..., tx_hash: _Optional[str] = ..., reject_reason: _Optional[str] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., updated_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ListTokenizationRequestsRequest(_message.Message):
    __slots__ = ("account_id", "limit", "page_token")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    limit: int
    page_token: str
    def __init__(self, account_id: _Optional[str] = ..., limit: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListTokenizationRequestsResponse(_message.Message):
    __slots__ = ("requests", "next_page_token")
    REQUESTS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    requests: _containers.RepeatedCompositeFieldContainer[TokenizationRequest]
    next_page_token: str
    def __init__(self, requests: _Optional[_Iterable[_Union[TokenizationRequest, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class ParticipantMintRequest(_message.Message):
    __slots__ = ("request_id", "correspondent", "account_id", "underlying_symbol", "qty", "issuer", "network", "wallet_address", "client_request_id")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    CORRESPONDENT_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    UNDERLYING_SYMBOL_FIELD_NUMBER: _ClassVar[int]
    QTY_FIELD_NUMBER: _ClassVar[int]
    ISSUER_FIELD_NUMBER: _ClassVar[int]
    NETWORK_FIELD_NUMBER: _ClassVar[int]
    WALLET_ADDRESS_FIELD_NUMBER: _ClassVar[int]
    CLIENT_REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    correspondent: str
    account_id: str
    underlying_symbol: str
    qty: str
    issuer: str
    network: str
    wallet_address: str
    client_request_id: str
    def __init__(self, request_id: _Optional[str] = ..., correspondent: _Optional[str] = ..., account_id: _Optional[str] = ..., underlying_symbol: _Optional[str] = ..., qty: _Optional[str] = ..., issuer: _Optional[str] = ..., network: _Optional[str] = ..., wallet_address: _Optional[str] = ..., client_request_id: _Optional[str] = ...) -> None: ...

class SetTaxProfileRequest(_message.Message):
    __slots__ = ("request_id", "account_id", "tax_profile", "country")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    TAX_PROFILE_FIELD_NUMBER: _ClassVar[int]
    COUNTRY_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    account_id: str
    tax_profile: str
    country: str
    def __init__(self, request_id: _Optional[str] = ..., account_id: _Optional[str] = ..., tax_profile: _Optional[str] = ..., country: _Optional[str] = ...) -> None: ...

class TaxStatementRequest(_message.Message):
    __slots__ = ("account_id", "year")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    year: int
    def __init__(self, account_id: _Optional[str] = ..., year: _Optional[int] = ...) -> None: ...

class TaxStatementLine(_message.Message):
    __slots__ = ("form", "income_code", "tax_status", "country", "rate", "gross", "withheld", "payments")
    FORM_FIELD_NUMBER: _ClassVar[int]
    INCOME_CODE_FIELD_NUMBER: _ClassVar[int]
    TAX_STATUS_FIELD_NUMBER: _ClassVar[int]
    COUNTRY_FIELD_NUMBER: _ClassVar[int]
    RATE_FIELD_NUMBER: _ClassVar[int]
    GROSS_FIELD_NUMBER: _ClassVar[int]
    WITHHELD_FIELD_NUMBER: _ClassVar[int]
    PAYMENTS_FIELD_NUMBER: _ClassVar[int]
    form: str
    income_code: str
    tax_status: str
    country: str
    rate: _decimal_pb2.Decimal
    gross: _decimal_pb2.Decimal
    withheld: _decimal_pb2.Decimal
    payments: int
    def __init__(self, form: _Optional[str] = ..., income_code: _Optional[str] = ..., tax_status: _Optional[str] = ..., country: _Optional[str] = ..., rate: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., gross: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., withheld: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., payments: _Optional[int] = ...) -> None: ...

class TaxStatement(_message.Message):
    __slots__ = ("account_id", "year", "recipient", "withholding_agent", "tax_status", "country", "basis", "final", "lines", "gross", "withheld")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    RECIPIENT_FIELD_NUMBER: _ClassVar[int]
    WITHHOLDING_AGENT_FIELD_NUMBER: _ClassVar[int]
    TAX_STATUS_FIELD_NUMBER: _ClassVar[int]
    COUNTRY_FIELD_NUMBER: _ClassVar[int]
    BASIS_FIELD_NUMBER: _ClassVar[int]
    FINAL_FIELD_NUMBER: _ClassVar[int]
    LINES_FIELD_NUMBER: _ClassVar[int]
    GROSS_FIELD_NUMBER: _ClassVar[int]
    WITHHELD_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    year: int
    recipient: str
    withholding_agent: str
    tax_status: str
    country: str
    basis: str
    final: bool
    lines: _containers.RepeatedCompositeFieldContainer[TaxStatementLine]
    gross: _decimal_pb2.Decimal
    withheld: _decimal_pb2.Decimal
    def __init__(self, account_id: _Optional[str] = ..., year: _Optional[int] = ..., recipient: _Optional[str] = ..., withholding_agent: _Optional[str] = ..., tax_status: _Optional[str] = ..., country: _Optional[str] = ..., basis: _Optional[str] = ..., final: _Optional[bool] = ..., lines: _Optional[_Iterable[_Union[TaxStatementLine, _Mapping]]] = ..., gross: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., withheld: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ...) -> None: ...

class Notice(_message.Message):
    __slots__ = ("notice_id", "kind", "action_id", "account_id", "symbol", "shares", "rate", "gross", "withheld", "net", "withholding_rate", "new_shares", "old_shares", "shares_after", "cash_in_lieu", "record_date", "pay_date", "effective_date", "meeting_date", "proposals", "at", "tax_status", "tax_country", "ex_date")
    NOTICE_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    ACTION_ID_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    SHARES_FIELD_NUMBER: _ClassVar[int]
    RATE_FIELD_NUMBER: _ClassVar[int]
    GROSS_FIELD_NUMBER: _ClassVar[int]
    WITHHELD_FIELD_NUMBER: _ClassVar[int]
    NET_FIELD_NUMBER: _ClassVar[int]
    WITHHOLDING_RATE_FIELD_NUMBER: _ClassVar[int]
    NEW_SHARES_FIELD_NUMBER: _ClassVar[int]
    OLD_SHARES_FIELD_NUMBER: _ClassVar[int]
    SHARES_AFTER_FIELD_NUMBER: _ClassVar[int]
    CASH_IN_LIEU_FIELD_NUMBER: _ClassVar[int]
    RECORD_DATE_FIELD_NUMBER: _ClassVar[int]
    PAY_DATE_FIELD_NUMBER: _ClassVar[int]
    EFFECTIVE_DATE_FIELD_NUMBER: _ClassVar[int]
    MEETING_DATE_FIELD_NUMBER: _ClassVar[int]
    PROPOSALS_FIELD_NUMBER: _ClassVar[int]
    AT_FIELD_NUMBER: _ClassVar[int]
    TAX_STATUS_FIELD_NUMBER: _ClassVar[int]
    TAX_COUNTRY_FIELD_NUMBER: _ClassVar[int]
    EX_DATE_FIELD_NUMBER: _ClassVar[int]
    notice_id: str
    kind: str
    action_id: str
    account_id: str
    symbol: str
    shares: _decimal_pb2.Decimal
    rate: _decimal_pb2.Decimal
    gross: _decimal_pb2.Decimal
    withheld: _decimal_pb2.Decimal
    net: _decimal_pb2.Decimal
    withholding_rate: _decimal_pb2.Decimal
    new_shares: int
    old_shares: int
    shares_after: _decimal_pb2.Decimal
    cash_in_lieu: _decimal_pb2.Decimal
    record_date: str
    pay_date: str
    effective_date: str
    meeting_date: str
    proposals: _containers.RepeatedScalarFieldContainer[str]
    at: _timestamp_pb2.Timestamp
    tax_status: str
    tax_country: str
    ex_date: str
    def __init__(self, notice_id: _Optional[str] = ..., kind: _Optional[str] = ..., action_id: _Optional[str] = ..., account_id: _Optional[str] = ..., symbol: _Optional[str] = ..., shares: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., rate: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., gross: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., withheld: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., net: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., withholding_rate: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., new_shares: _Optional[int] = ..., old_shares: _Optional[int] = ..., shares_after: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., cash_in_lieu: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., record_date: _Optional[str] = ..., pay_date: _Optional[str] = ..., effective_date: _Optional[str] = ..., meeting_date: _Optional[str] = ..., proposals: _Optional[_Iterable[str]] = ..., at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., tax_status: _Optional[str] = ..., tax_country: _Optional[str] = ..., ex_date: _Optional[str] = ...) -> None: ...

class ListNoticesRequest(_message.Message):
    __slots__ = ("account_id", "kind", "limit", "page_token")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    kind: str
    limit: int
    page_token: str
    def __init__(self, account_id: _Optional[str] = ..., kind: _Optional[str] = ..., limit: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListAnnouncementsRequest(_message.Message):
    __slots__ = ("kind", "symbol", "limit", "page_token")
    KIND_FIELD_NUMBER: _ClassVar[int]
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    kind: str
    symbol: str
    limit: int
    page_token: str
    def __init__(self, kind: _Optional[str] = ..., symbol: _Optional[str] = ..., limit: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class Announcement(_message.Message):
    __slots__ = ("action_id", "kind", "symbol", "amount", "ex_date", "record_date", "pay_date", "effective_date", "new_shares", "old_shares", "status")
    ACTION_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    EX_DATE_FIELD_NUMBER: _ClassVar[int]
    RECORD_DATE_FIELD_NUMBER: _ClassVar[int]
    PAY_DATE_FIELD_NUMBER: _ClassVar[int]
    EFFECTIVE_DATE_FIELD_NUMBER: _ClassVar[int]
    NEW_SHARES_FIELD_NUMBER: _ClassVar[int]
    OLD_SHARES_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    action_id: str
    kind: str
    symbol: str
    amount: _decimal_pb2.Decimal
    ex_date: str
    record_date: str
    pay_date: str
    effective_date: str
    new_shares: int
    old_shares: int
    status: _statuses_pb2.CorporateActionStatus
    def __init__(self, action_id: _Optional[str] = ..., kind: _Optional[str] = ..., symbol: _Optional[str] = ..., amount: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., ex_date: _Optional[str] = ..., record_date: _Optional[str] = ..., pay_date: _Optional[str] = ..., effective_date: _Optional[str] = ..., new_shares: _Optional[int] = ..., old_shares: _Optional[int] = ..., status: _Optional[_Union[_statuses_pb2.CorporateActionStatus, str]] = ...) -> None: ...

class ListAnnouncementsResponse(_message.Message):
    __slots__ = ("announcements", "next_page_token")
    ANNOUNCEMENTS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    announcements: _containers.RepeatedCompositeFieldContainer[Announcement]
    next_page_token: str
    def __init__(self, announcements: _Optional[_Iterable[_Union[Announcement, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class ListNoticesResponse(_message.Message):
    __slots__ = ("notices", "next_page_token")
    NOTICES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    notices: _containers.RepeatedCompositeFieldContainer[Notice]
    next_page_token: str
    def __init__(self, notices: _Optional[_Iterable[_Union[Notice, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class VotingProposal(_message.Message):
    __slots__ = ("proposal_id", "text", "routine", "board_recommendation", "instruction", "instructed_at", "vote", "how")
    PROPOSAL_ID_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    ROUTINE_FIELD_NUMBER: _ClassVar[int]
    BOARD_RECOMMENDATION_FIELD_NUMBER: _ClassVar[int]
    INSTRUCTION_FIELD_NUMBER: _ClassVar[int]
    INSTRUCTED_AT_FIELD_NUMBER: _ClassVar[int]
    VOTE_FIELD_NUMBER: _ClassVar[int]
    HOW_FIELD_NUMBER: _ClassVar[int]
    proposal_id: str
    text: str
    routine: bool
    board_recommendation: str
    instruction: str
    instructed_at: _timestamp_pb2.Timestamp
    vote: str
    how: str
    def __init__(self, proposal_id: _Optional[str] = ..., text: _Optional[str] = ..., routine: _Optional[bool] = ..., board_recommendation: _Optional[str] = ..., instruction: _Optional[str] = ..., instructed_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., vote: _Optional[str] = ..., how: _Optional[str] = ...) -> None: ...

class VotingForm(_message.Message):
    __slots__ = ("form_id", "action_id", "account_id", "symbol", "shares", "votes", "record_date", "meeting_date", "cutoff", "status", "do_not_vote", "proposals", "notice_id", "cast_at")
    FORM_ID_FIELD_NUMBER: _ClassVar[int]
    ACTION_ID_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    SHARES_FIELD_NUMBER: _ClassVar[int]
    VOTES_FIELD_NUMBER: _ClassVar[int]
    RECORD_DATE_FIELD_NUMBER: _ClassVar[int]
    MEETING_DATE_FIELD_NUMBER: _ClassVar[int]
    CUTOFF_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    DO_NOT_VOTE_FIELD_NUMBER: _ClassVar[int]
    PROPOSALS_FIELD_NUMBER: _ClassVar[int]
    NOTICE_ID_FIELD_NUMBER: _ClassVar[int]
    CAST_AT_FIELD_NUMBER: _ClassVar[int]
    form_id: str
    action_id: str
    account_id: str
    symbol: str
    shares: _decimal_pb2.Decimal
    votes: _decimal_pb2.Decimal
    record_date: str
    meeting_date: str
    cutoff: _timestamp_pb2.Timestamp
    status: _statuses_pb2.MeetingStatus
    do_not_vote: bool
    proposals: _containers.RepeatedCompositeFieldContainer[VotingProposal]
    notice_id: str
    cast_at: _timestamp_pb2.Timestamp
    def __init__(self, form_id: _Optional[str] = ..., action_id: _Optional[str] = ..., account_id: _Optional[str] = ..., symbol: _Optional[str] = ..., shares: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., votes: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., record_date: _Optional[str] = ..., meeting_date: _Optional[str] = ..., cutoff: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., status: _Optional[_Union[_statuses_pb2.MeetingStatus, str]] = ..., do_not_vote: _Optional[bool] = ..., proposals: _Optional[_Iterable[_Union[VotingProposal, _Mapping]]] = ..., notice_id: _Optional[str] = ..., cast_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ListVotingFormsRequest(_message.Message):
    __slots__ = ("account_id", "action_id", "limit", "page_token")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    ACTION_ID_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    action_id: str
    limit: int
    page_token: str
    def __init__(self, account_id: _Optional[str] = ..., action_id: _Optional[str] = ..., limit: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListVotingFormsResponse(_message.Message):
    __slots__ = ("forms", "next_page_token")
    FORMS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    forms: _containers.RepeatedCompositeFieldContainer[VotingForm]
    next_page_token: str
    def __init__(self, forms: _Optional[_Iterable[_Union[VotingForm, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class VoteInstructionRequest(_message.Message):
    __slots__ = ("request_id", "account_id", "form_id", "action_id", "proposal_id", "choice")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    FORM_ID_FIELD_NUMBER: _ClassVar[int]
    ACTION_ID_FIELD_NUMBER: _ClassVar[int]
    PROPOSAL_ID_FIELD_NUMBER: _ClassVar[int]
    CHOICE_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    account_id: str
    form_id: str
    action_id: str
    proposal_id: str
    choice: str
    def __init__(self, request_id: _Optional[str] = ..., account_id: _Optional[str] = ..., form_id: _Optional[str] = ..., action_id: _Optional[str] = ..., proposal_id: _Optional[str] = ..., choice: _Optional[str] = ...) -> None: ...

class StandingVotingInstructionRequest(_message.Message):
    __slots__ = ("request_id", "account_id", "symbols", "do_not_vote", "reason")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    SYMBOLS_FIELD_NUMBER: _ClassVar[int]
    DO_NOT_VOTE_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    account_id: str
    symbols: _containers.RepeatedScalarFieldContainer[str]
    do_not_vote: bool
    reason: str
    def __init__(self, request_id: _Optional[str] = ..., account_id: _Optional[str] = ..., symbols: _Optional[_Iterable[str]] = ..., do_not_vote: _Optional[bool] = ..., reason: _Optional[str] = ...) -> None: ...

class StandingVotingInstruction(_message.Message):
    __slots__ = ("account_id", "symbols", "do_not_vote", "reason", "set_at")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    SYMBOLS_FIELD_NUMBER: _ClassVar[int]
    DO_NOT_VOTE_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    SET_AT_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    symbols: _containers.RepeatedScalarFieldContainer[str]
    do_not_vote: bool
    reason: str
    set_at: _timestamp_pb2.Timestamp
    def __init__(self, account_id: _Optional[str] = ..., symbols: _Optional[_Iterable[str]] = ..., do_not_vote: _Optional[bool] = ..., reason: _Optional[str] = ..., set_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class VoteTallyRequest(_message.Message):
    __slots__ = ("action_id",)
    ACTION_ID_FIELD_NUMBER: _ClassVar[int]
    action_id: str
    def __init__(self, action_id: _Optional[str] = ...) -> None: ...

class ProposalTally(_message.Message):
    __slots__ = ("proposal_id", "text", "routine", "board_recommendation", "votes_for", "votes_against", "abstentions", "instructed", "broker_votes", "broker_non_votes", "not_voted", "fractions", "entitled")
    PROPOSAL_ID_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    ROUTINE_FIELD_NUMBER: _ClassVar[int]
    BOARD_RECOMMENDATION_FIELD_NUMBER: _ClassVar[int]
    VOTES_FOR_FIELD_NUMBER: _ClassVar[int]
    VOTES_AGAINST_FIELD_NUMBER: _ClassVar[int]
    ABSTENTIONS_FIELD_NUMBER: _ClassVar[int]
    INSTRUCTED_FIELD_NUMBER: _ClassVar[int]
    BROKER_VOTES_FIELD_NUMBER: _ClassVar[int]
    BROKER_NON_VOTES_FIELD_NUMBER: _ClassVar[int]
    NOT_VOTED_FIELD_NUMBER: _ClassVar[int]
    FRACTIONS_FIELD_NUMBER: _ClassVar[int]
    ENTITLED_FIELD_NUMBER: _ClassVar[int]
    proposal_id: str
    text: str
    routine: bool
    board_recommendation: str
    votes_for: _decimal_pb2.Decimal
    votes_against: _decimal_pb2.Decimal
    abstentions: _decimal_pb2.Decimal
    instructed: _decimal_pb2.Decimal
    broker_votes: _decimal_pb2.Decimal
    broker_non_votes: _decimal_pb2.Decimal
    not_voted: _decimal_pb2.Decimal
    fractions: _decimal_pb2.Decimal
    entitled: _decimal_pb2.Decimal
    def __init__(self, proposal_id: _Optional[str] = ..., text: _Optional[str] = ..., routine: _Optional[bool] = ..., board_recommendation: _Optional[str] = ..., votes_for: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., votes_against: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., abstentions: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., instructed: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., broker_votes: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., broker_non_votes: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., not_voted: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., fractions: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., entitled: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ...) -> None: ...

class VoteLine(_message.Message):
    __slots__ = ("form_id", "account_id", "proposal_id", "shares", "vote", "how", "detail")
    FORM_ID_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    PROPOSAL_ID_FIELD_NUMBER: _ClassVar[int]
    SHARES_FIELD_NUMBER: _ClassVar[int]
    VOTE_FIELD_NUMBER: _ClassVar[int]
    HOW_FIELD_NUMBER: _ClassVar[int]
    DETAIL_FIELD_NUMBER: _ClassVar[int]
    form_id: str
    account_id: str
    proposal_id: str
    shares: _decimal_pb2.Decimal
    vote: str
    how: str
    detail: str
    def __init__(self, form_id: _Optional[str] = ..., account_id: _Optional[str] = ..., proposal_id: _Optional[str] = ..., shares: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., vote: _Optional[str] = ..., how: _Optional[str] = ..., detail: _Optional[str] = ...) -> None: ...

class VoteTally(_message.Message):
    __slots__ = ("action_id", "symbol", "record_date", "meeting_date", "cutoff", "status", "broker_vote_method", "proposals", "lines", "cast_at")
    ACTION_ID_FIELD_NUMBER: _ClassVar[int]
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    RECORD_DATE_FIELD_NUMBER: _ClassVar[int]
    MEETING_DATE_FIELD_NUMBER: _ClassVar[int]
    CUTOFF_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    BROKER_VOTE_METHOD_FIELD_NUMBER: _ClassVar[int]
    PROPOSALS_FIELD_NUMBER: _ClassVar[int]
    LINES_FIELD_NUMBER: _ClassVar[int]
    CAST_AT_FIELD_NUMBER: _ClassVar[int]
    action_id: str
    symbol: str
    record_date: str
    meeting_date: str
    cutoff: _timestamp_pb2.Timestamp
    status: _statuses_pb2.MeetingStatus
    broker_vote_method: str
    proposals: _containers.RepeatedCompositeFieldContainer[ProposalTally]
    lines: _containers.RepeatedCompositeFieldContainer[VoteLine]
    cast_at: _timestamp_pb2.Timestamp
    def __init__(self, action_id: _Optional[str] = ..., symbol: _Optional[str] = ..., record_date: _Optional[str] = ..., meeting_date: _Optional[str] = ..., cutoff: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., status: _Optional[_Union[_statuses_pb2.MeetingStatus, str]] = ..., broker_vote_method: _Optional[str] = ..., proposals: _Optional[_Iterable[_Union[ProposalTally, _Mapping]]] = ..., lines: _Optional[_Iterable[_Union[VoteLine, _Mapping]]] = ..., cast_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class SetCreditLineRequest(_message.Message):
    __slots__ = ("request_id", "account_id", "limit", "annual_rate")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    ANNUAL_RATE_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    account_id: str
    limit: _decimal_pb2.Decimal
    annual_rate: _decimal_pb2.Decimal
    def __init__(self, request_id: _Optional[str] = ..., account_id: _Optional[str] = ..., limit: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., annual_rate: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ...) -> None: ...

class CreditLine(_message.Message):
    __slots__ = ("account_id", "limit", "annual_rate", "used", "available", "due", "due_at", "overdue", "interest_charged")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    ANNUAL_RATE_FIELD_NUMBER: _ClassVar[int]
    USED_FIELD_NUMBER: _ClassVar[int]
    AVAILABLE_FIELD_NUMBER: _ClassVar[int]
    DUE_FIELD_NUMBER: _ClassVar[int]
    DUE_AT_FIELD_NUMBER: _ClassVar[int]
    OVERDUE_FIELD_NUMBER: _ClassVar[int]
    INTEREST_CHARGED_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    limit: _decimal_pb2.Decimal
    annual_rate: _decimal_pb2.Decimal
    used: _decimal_pb2.Decimal
    available: _decimal_pb2.Decimal
    due: _decimal_pb2.Decimal
    due_at: _timestamp_pb2.Timestamp
    overdue: _decimal_pb2.Decimal
    interest_charged: _decimal_pb2.Decimal
    def __init__(self, account_id: _Optional[str] = ..., limit: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., annual_rate: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., used: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., available: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., due: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., due_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., overdue: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., interest_charged: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ...) -> None: ...

class FailBrokerRequest(_message.Message):
    __slots__ = ("request_id", "reason", "shortfall")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    SHORTFALL_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    reason: str
    shortfall: _decimal_pb2.Decimal
    def __init__(self, request_id: _Optional[str] = ..., reason: _Optional[str] = ..., shortfall: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ...) -> None: ...

class CustomerRecovery(_message.Message):
    __slots__ = ("account_id", "name", "securities", "cash", "net_equity", "from_property", "sipc_securities", "sipc_cash", "recovered", "loss", "property_at", "sipc_at", "account_ids")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    SECURITIES_FIELD_NUMBER: _ClassVar[int]
    CASH_FIELD_NUMBER: _ClassVar[int]
    NET_EQUITY_FIELD_NUMBER: _ClassVar[int]
    FROM_PROPERTY_FIELD_NUMBER: _ClassVar[int]
    SIPC_SECURITIES_FIELD_NUMBER: _ClassVar[int]
    SIPC_CASH_FIELD_NUMBER: _ClassVar[int]
    RECOVERED_FIELD_NUMBER: _ClassVar[int]
    LOSS_FIELD_NUMBER: _ClassVar[int]
    PROPERTY_AT_FIELD_NUMBER: _ClassVar[int]
    SIPC_AT_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_IDS_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    name: str
    securities: _decimal_pb2.Decimal
    cash: _decimal_pb2.Decimal
    net_equity: _decimal_pb2.Decimal
    from_property: _decimal_pb2.Decimal
    sipc_securities: _decimal_pb2.Decimal
    sipc_cash: _decimal_pb2.Decimal
    recovered: _decimal_pb2.Decimal
    loss: _decimal_pb2.Decimal
    property_at: _timestamp_pb2.Timestamp
    sipc_at: _timestamp_pb2.Timestamp
    account_ids: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, account_id: _Optional[str] = ..., name: _Optional[str] = ..., securities: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., cash: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., net_equity: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., from_property: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., sipc_securities: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., sipc_cash: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., recovered: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., loss: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., property_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., sipc_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., account_ids: _Optional[_Iterable[str]] = ...) -> None: ...

class Liquidation(_message.Message):
    __slots__ = ("failed", "reason", "failed_at", "shortfall", "customer_property", "total_net_equity", "pro_rata_rate", "sipc_advanced", "customers", "next_page_token", "rule")
    FAILED_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    FAILED_AT_FIELD_NUMBER: _ClassVar[int]
    SHORTFALL_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_PROPERTY_FIELD_NUMBER: _ClassVar[int]
    TOTAL_NET_EQUITY_FIELD_NUMBER: _ClassVar[int]
    PRO_RATA_RATE_FIELD_NUMBER: _ClassVar[int]
    SIPC_ADVANCED_FIELD_NUMBER: _ClassVar[int]
    CUSTOMERS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    RULE_FIELD_NUMBER: _ClassVar[int]
    failed: bool
    reason: str
    failed_at: _timestamp_pb2.Timestamp
    shortfall: _decimal_pb2.Decimal
    customer_property: _decimal_pb2.Decimal
    total_net_equity: _decimal_pb2.Decimal
    pro_rata_rate: _decimal_pb2.Decimal
    sipc_advanced: _decimal_pb2.Decimal
    customers: _containers.RepeatedCompositeFieldContainer[CustomerRecovery]
    next_page_token: str
    rule: str
    def __init__(self, failed: _Optional[bool] = ..., reason: _Optional[str] = ..., failed_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., shortfall: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., customer_property: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., total_net_equity: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., pro_rata_rate: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., sipc_advanced: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., customers: _Optional[_Iterable[_Union[CustomerRecovery, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., rule: _Optional[str] = ...) -> None: ...

class LiquidationRequest(_message.Message):
    __slots__ = ("limit", "page_token")
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    limit: int
    page_token: str
    def __init__(self, limit: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ResetPartnerRequest(_message.Message):
    __slots__ = ("request_id", "partner_key")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    PARTNER_KEY_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    partner_key: str
    def __init__(self, request_id: _Optional[str] = ..., partner_key: _Optional[str] = ...) -> None: ...

class ResetPartnerResponse(_message.Message):
    __slots__ = ("partner_key", "closed_account_ids", "orders_canceled", "cash_returned", "firm_account_id", "firm_cash_adjustment")
    PARTNER_KEY_FIELD_NUMBER: _ClassVar[int]
    CLOSED_ACCOUNT_IDS_FIELD_NUMBER: _ClassVar[int]
    ORDERS_CANCELED_FIELD_NUMBER: _ClassVar[int]
    CASH_RETURNED_FIELD_NUMBER: _ClassVar[int]
    FIRM_ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    FIRM_CASH_ADJUSTMENT_FIELD_NUMBER: _ClassVar[int]
    partner_key: str
    closed_account_ids: _containers.RepeatedScalarFieldContainer[str]
    orders_canceled: int
    cash_returned: _decimal_pb2.Decimal
    firm_account_id: str
    firm_cash_adjustment: _decimal_pb2.Decimal
    def __init__(self, partner_key: _Optional[str] = ..., closed_account_ids: _Optional[_Iterable[str]] = ..., orders_canceled: _Optional[int] = ..., cash_returned: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., firm_account_id: _Optional[str] = ..., firm_cash_adjustment: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ...) -> None: ...
