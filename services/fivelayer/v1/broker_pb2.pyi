import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from fivelayer.v1 import common_pb2 as _common_pb2
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
    __slots__ = ("request_id", "name", "kind")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    name: str
    kind: str
    def __init__(self, request_id: _Optional[str] = ..., name: _Optional[str] = ..., kind: _Optional[str] = ...) -> None: ...

class Account(_message.Message):
    __slots__ = ("account_id", "name", "kind", "status", "status_reason", "api_key", "route_enabled", "created_at", "tax_profile", "withholding_rate")
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
    account_id: str
    name: str
    kind: str
    status: str
    status_reason: str
    api_key: str
    route_enabled: bool
    created_at: _timestamp_pb2.Timestamp
    tax_profile: str
    withholding_rate: _common_pb2.Decimal
    def __init__(self, account_id: _Optional[str] = ..., name: _Optional[str] = ..., kind: _Optional[str] = ..., status: _Optional[str] = ..., status_reason: _Optional[str] = ..., api_key: _Optional[str] = ..., route_enabled: _Optional[bool] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., tax_profile: _Optional[str] = ..., withholding_rate: _Optional[_Union[_common_pb2.Decimal, _Mapping]] = ...) -> None: ...

class AccountRequest(_message.Message):
    __slots__ = ("account_id",)
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    def __init__(self, account_id: _Optional[str] = ...) -> None: ...

class ListAccountsResponse(_message.Message):
    __slots__ = ("accounts",)
    ACCOUNTS_FIELD_NUMBER: _ClassVar[int]
    accounts: _containers.RepeatedCompositeFieldContainer[Account]
    def __init__(self, accounts: _Optional[_Iterable[_Union[Account, _Mapping]]] = ...) -> None: ...

class FundAccountRequest(_message.Message):
    __slots__ = ("request_id", "account_id", "amount")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    account_id: str
    amount: _common_pb2.Decimal
    def __init__(self, request_id: _Optional[str] = ..., account_id: _Optional[str] = ..., amount: _Optional[_Union[_common_pb2.Decimal, _Mapping]] = ...) -> None: ...

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
    quantity: _common_pb2.Decimal
    def __init__(self, request_id: _Optional[str] = ..., account_id: _Optional[str] = ..., api_key: _Optional[str] = ..., symbol: _Optional[str] = ..., side: _Optional[_Union[Side, str]] = ..., quantity: _Optional[_Union[_common_pb2.Decimal, _Mapping]] = ...) -> None: ...

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
    quantity: _common_pb2.Decimal
    status: str
    filled_quantity: _common_pb2.Decimal
    filled_avg_price: _common_pb2.Decimal
    submitted_at: _timestamp_pb2.Timestamp
    filled_at: _timestamp_pb2.Timestamp
    trade_date: str
    settlement_date: str
    settled: bool
    reject_reason: str
    def __init__(self, order_id: _Optional[str] = ..., client_order_id: _Optional[str] = ..., account_id: _Optional[str] = ..., symbol: _Optional[str] = ..., side: _Optional[_Union[Side, str]] = ..., quantity: _Optional[_Union[_common_pb2.Decimal, _Mapping]] = ..., status: _Optional[str] = ..., filled_quantity: _Optional[_Union[_common_pb2.Decimal, _Mapping]] = ..., filled_avg_price: _Optional[_Union[_common_pb2.Decimal, _Mapping]] = ..., submitted_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., filled_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., trade_date: _Optional[str] = ..., settlement_date: _Optional[str] = ..., settled: _Optional[bool] = ..., reject_reason: _Optional[str] = ...) -> None: ...

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
    __slots__ = ("account_id", "status", "order_ids")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    ORDER_IDS_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    status: str
    order_ids: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, account_id: _Optional[str] = ..., status: _Optional[str] = ..., order_ids: _Optional[_Iterable[str]] = ...) -> None: ...

class ListOrdersResponse(_message.Message):
    __slots__ = ("orders",)
    ORDERS_FIELD_NUMBER: _ClassVar[int]
    orders: _containers.RepeatedCompositeFieldContainer[Order]
    def __init__(self, orders: _Optional[_Iterable[_Union[Order, _Mapping]]] = ...) -> None: ...

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
    settled: _common_pb2.Decimal
    unsettled: _common_pb2.Decimal
    total: _common_pb2.Decimal
    def __init__(self, symbol: _Optional[str] = ..., settled: _Optional[_Union[_common_pb2.Decimal, _Mapping]] = ..., unsettled: _Optional[_Union[_common_pb2.Decimal, _Mapping]] = ..., total: _Optional[_Union[_common_pb2.Decimal, _Mapping]] = ...) -> None: ...

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
    settled: _common_pb2.Decimal
    unsettled: _common_pb2.Decimal
    buying_power: _common_pb2.Decimal
    def __init__(self, account_id: _Optional[str] = ..., settled: _Optional[_Union[_common_pb2.Decimal, _Mapping]] = ..., unsettled: _Optional[_Union[_common_pb2.Decimal, _Mapping]] = ..., buying_power: _Optional[_Union[_common_pb2.Decimal, _Mapping]] = ...) -> None: ...

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
    status: str
    reason: str
    def __init__(self, request_id: _Optional[str] = ..., account_id: _Optional[str] = ..., status: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class SipcResponse(_message.Message):
    __slots__ = ("account_id", "securities_value", "cash", "protected_securities", "protected_cash", "protected_total")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    SECURITIES_VALUE_FIELD_NUMBER: _ClassVar[int]
    CASH_FIELD_NUMBER: _ClassVar[int]
    PROTECTED_SECURITIES_FIELD_NUMBER: _ClassVar[int]
    PROTECTED_CASH_FIELD_NUMBER: _ClassVar[int]
    PROTECTED_TOTAL_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    securities_value: _common_pb2.Decimal
    cash: _common_pb2.Decimal
    protected_securities: _common_pb2.Decimal
    protected_cash: _common_pb2.Decimal
    protected_total: _common_pb2.Decimal
    def __init__(self, account_id: _Optional[str] = ..., securities_value: _Optional[_Union[_common_pb2.Decimal, _Mapping]] = ..., cash: _Optional[_Union[_common_pb2.Decimal, _Mapping]] = ..., protected_securities: _Optional[_Union[_common_pb2.Decimal, _Mapping]] = ..., protected_cash: _Optional[_Union[_common_pb2.Decimal, _Mapping]] = ..., protected_total: _Optional[_Union[_common_pb2.Decimal, _Mapping]] = ...) -> None: ...

class RegisterTokenizationIssuerRequest(_message.Message):
    __slots__ = ("request_id", "issuer", "account_id")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    ISSUER_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    issuer: str
    account_id: str
    def __init__(self, request_id: _Optional[str] = ..., issuer: _Optional[str] = ..., account_id: _Optional[str] = ...) -> None: ...

class TokenizationIssuer(_message.Message):
    __slots__ = ("issuer", "account_id")
    ISSUER_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    issuer: str
    account_id: str
    def __init__(self, issuer: _Optional[str] = ..., account_id: _Optional[str] = ...) -> None: ...

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
    qty: _common_pb2.Decimal
    wallet_address: str
    issuer_request_id: str
    tx_hash: str
    def __init__(self, request_id: _Optional[str] = ..., kind: _Optional[str] = ..., tokenization_request_id: _Optional[str] = ..., account_id: _Optional[str] = ..., underlying_symbol: _Optional[str] = ..., qty: _Optional[_Union[_common_pb2.Decimal, _Mapping]] = ..., wallet_address: _Optional[str] = ..., issuer_request_id: _Optional[str] = ..., tx_hash: _Optional[str] = ...) -> None: ...

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
    status: str
    account_id: str
    issuer: str
    network: str
    underlying_symbol: str
    qty: _common_pb2.Decimal
    wallet_address: str
    fees: _common_pb2.Decimal
    issuer_request_id: str
    tx_hash: str
    reject_reason: str
    created_at: _timestamp_pb2.Timestamp
    updated_at: _timestamp_pb2.Timestamp
    def __init__(self, id: _Optional[str] = ..., client_request_id: _Optional[str] = ..., kind: _Optional[str] = ..., status: _Optional[str] = ..., account_id: _Optional[str] = ..., issuer: _Optional[str] = ..., network: _Optional[str] = ..., underlying_symbol: _Optional[str] = ..., qty: _Optional[_Union[_common_pb2.Decimal, _Mapping]] = ..., wallet_address: _Optional[str] = ..., fees: _Optional[_Union[_common_pb2.Decimal, _Mapping]] = ..., issuer_request_id: _Optional[str] = ..., tx_hash: _Optional[str] = ..., reject_reason: _Optional[str] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., updated_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ListTokenizationRequestsRequest(_message.Message):
    __slots__ = ("account_id", "limit")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    limit: int
    def __init__(self, account_id: _Optional[str] = ..., limit: _Optional[int] = ...) -> None: ...

class ListTokenizationRequestsResponse(_message.Message):
    __slots__ = ("requests",)
    REQUESTS_FIELD_NUMBER: _ClassVar[int]
    requests: _containers.RepeatedCompositeFieldContainer[TokenizationRequest]
    def __init__(self, requests: _Optional[_Iterable[_Union[TokenizationRequest, _Mapping]]] = ...) -> None: ...

class SetTaxProfileRequest(_message.Message):
    __slots__ = ("request_id", "account_id", "tax_profile", "withholding_rate")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    TAX_PROFILE_FIELD_NUMBER: _ClassVar[int]
    WITHHOLDING_RATE_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    account_id: str
    tax_profile: str
    withholding_rate: _common_pb2.Decimal
    def __init__(self, request_id: _Optional[str] = ..., account_id: _Optional[str] = ..., tax_profile: _Optional[str] = ..., withholding_rate: _Optional[_Union[_common_pb2.Decimal, _Mapping]] = ...) -> None: ...

class Notice(_message.Message):
    __slots__ = ("notice_id", "kind", "action_id", "account_id", "symbol", "shares", "rate", "gross", "withheld", "net", "withholding_rate", "new_shares", "old_shares", "shares_after", "cash_in_lieu", "record_date", "pay_date", "effective_date", "meeting_date", "proposals", "at")
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
    notice_id: str
    kind: str
    action_id: str
    account_id: str
    symbol: str
    shares: _common_pb2.Decimal
    rate: _common_pb2.Decimal
    gross: _common_pb2.Decimal
    withheld: _common_pb2.Decimal
    net: _common_pb2.Decimal
    withholding_rate: _common_pb2.Decimal
    new_shares: int
    old_shares: int
    shares_after: _common_pb2.Decimal
    cash_in_lieu: _common_pb2.Decimal
    record_date: str
    pay_date: str
    effective_date: str
    meeting_date: str
    proposals: _containers.RepeatedScalarFieldContainer[str]
    at: _timestamp_pb2.Timestamp
    def __init__(self, notice_id: _Optional[str] = ..., kind: _Optional[str] = ..., action_id: _Optional[str] = ..., account_id: _Optional[str] = ..., symbol: _Optional[str] = ..., shares: _Optional[_Union[_common_pb2.Decimal, _Mapping]] = ..., rate: _Optional[_Union[_common_pb2.Decimal, _Mapping]] = ..., gross: _Optional[_Union[_common_pb2.Decimal, _Mapping]] = ..., withheld: _Optional[_Union[_common_pb2.Decimal, _Mapping]] = ..., net: _Optional[_Union[_common_pb2.Decimal, _Mapping]] = ..., withholding_rate: _Optional[_Union[_common_pb2.Decimal, _Mapping]] = ..., new_shares: _Optional[int] = ..., old_shares: _Optional[int] = ..., shares_after: _Optional[_Union[_common_pb2.Decimal, _Mapping]] = ..., cash_in_lieu: _Optional[_Union[_common_pb2.Decimal, _Mapping]] = ..., record_date: _Optional[str] = ..., pay_date: _Optional[str] = ..., effective_date: _Optional[str] = ..., meeting_date: _Optional[str] = ..., proposals: _Optional[_Iterable[str]] = ..., at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ListNoticesRequest(_message.Message):
    __slots__ = ("account_id", "kind", "limit")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    kind: str
    limit: int
    def __init__(self, account_id: _Optional[str] = ..., kind: _Optional[str] = ..., limit: _Optional[int] = ...) -> None: ...

class ListNoticesResponse(_message.Message):
    __slots__ = ("notices",)
    NOTICES_FIELD_NUMBER: _ClassVar[int]
    notices: _containers.RepeatedCompositeFieldContainer[Notice]
    def __init__(self, notices: _Optional[_Iterable[_Union[Notice, _Mapping]]] = ...) -> None: ...
