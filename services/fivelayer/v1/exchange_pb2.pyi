import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from fivelayer.v1 import common_pb2 as _common_pb2
from fivelayer.v1 import decimal_pb2 as _decimal_pb2
from fivelayer.v1 import statuses_pb2 as _statuses_pb2
from fivelayer.v1 import broker_pb2 as _broker_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class CreateUserRequest(_message.Message):
    __slots__ = ("request_id", "name", "country")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    COUNTRY_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    name: str
    country: str
    def __init__(self, request_id: _Optional[str] = ..., name: _Optional[str] = ..., country: _Optional[str] = ...) -> None: ...

class User(_message.Message):
    __slots__ = ("user_id", "name", "deposit_address", "created_at", "country")
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    DEPOSIT_ADDRESS_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    COUNTRY_FIELD_NUMBER: _ClassVar[int]
    user_id: str
    name: str
    deposit_address: str
    created_at: _timestamp_pb2.Timestamp
    country: str
    def __init__(self, user_id: _Optional[str] = ..., name: _Optional[str] = ..., deposit_address: _Optional[str] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., country: _Optional[str] = ...) -> None: ...

class UserRequest(_message.Message):
    __slots__ = ("user_id",)
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    user_id: str
    def __init__(self, user_id: _Optional[str] = ...) -> None: ...

class ListUsersRequest(_message.Message):
    __slots__ = ("limit", "page_token")
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    limit: int
    page_token: str
    def __init__(self, limit: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListUsersResponse(_message.Message):
    __slots__ = ("users", "next_page_token")
    USERS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    users: _containers.RepeatedCompositeFieldContainer[User]
    next_page_token: str
    def __init__(self, users: _Optional[_Iterable[_Union[User, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class DepositRequest(_message.Message):
    __slots__ = ("request_id", "user_id", "amount")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    user_id: str
    amount: _decimal_pb2.Decimal
    def __init__(self, request_id: _Optional[str] = ..., user_id: _Optional[str] = ..., amount: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ...) -> None: ...

class DepositRecord(_message.Message):
    __slots__ = ("tx_hash", "log_index", "asset", "amount", "from_address", "block_number", "confirmations", "required", "status", "seen_at", "credited_at", "reversed_at", "sweep_tx", "shortfall")
    TX_HASH_FIELD_NUMBER: _ClassVar[int]
    LOG_INDEX_FIELD_NUMBER: _ClassVar[int]
    ASSET_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    FROM_ADDRESS_FIELD_NUMBER: _ClassVar[int]
    BLOCK_NUMBER_FIELD_NUMBER: _ClassVar[int]
    CONFIRMATIONS_FIELD_NUMBER: _ClassVar[int]
    REQUIRED_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    SEEN_AT_FIELD_NUMBER: _ClassVar[int]
    CREDITED_AT_FIELD_NUMBER: _ClassVar[int]
    REVERSED_AT_FIELD_NUMBER: _ClassVar[int]
    SWEEP_TX_FIELD_NUMBER: _ClassVar[int]
    SHORTFALL_FIELD_NUMBER: _ClassVar[int]
    tx_hash: str
    log_index: int
    asset: str
    amount: _decimal_pb2.Decimal
    from_address: str
    block_number: int
    confirmations: int
    required: int
    status: _statuses_pb2.DepositStatus
    seen_at: _timestamp_pb2.Timestamp
    credited_at: _timestamp_pb2.Timestamp
    reversed_at: _timestamp_pb2.Timestamp
    sweep_tx: str
    shortfall: _decimal_pb2.Decimal
    def __init__(self, tx_hash: _Optional[str] = ..., log_index: _Optional[int] = ..., asset: _Optional[str] = ..., amount: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., from_address: _Optional[str] = ..., block_number: _Optional[int] = ..., confirmations: _Optional[int] = ..., required: _Optional[int] = ..., status: _Optional[_Union[_statuses_pb2.DepositStatus, str]] = ..., seen_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., credited_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., reversed_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., sweep_tx: _Optional[str] = ..., shortfall: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ...) -> None: ...

class ListDepositsRequest(_message.Message):
    __slots__ = ("user_id", "limit", "page_token")
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    user_id: str
    limit: int
    page_token: str
    def __init__(self, user_id: _Optional[str] = ..., limit: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListDepositsResponse(_message.Message):
    __slots__ = ("deposits", "next_page_token")
    DEPOSITS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    deposits: _containers.RepeatedCompositeFieldContainer[DepositRecord]
    next_page_token: str
    def __init__(self, deposits: _Optional[_Iterable[_Union[DepositRecord, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class AssetBalance(_message.Message):
    __slots__ = ("asset", "available", "pending", "route", "broker_account_id")
    ASSET_FIELD_NUMBER: _ClassVar[int]
    AVAILABLE_FIELD_NUMBER: _ClassVar[int]
    PENDING_FIELD_NUMBER: _ClassVar[int]
    ROUTE_FIELD_NUMBER: _ClassVar[int]
    BROKER_ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    asset: str
    available: _decimal_pb2.Decimal
    pending: _decimal_pb2.Decimal
    route: str
    broker_account_id: str
    def __init__(self, asset: _Optional[str] = ..., available: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., pending: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., route: _Optional[str] = ..., broker_account_id: _Optional[str] = ...) -> None: ...

class Balances(_message.Message):
    __slots__ = ("user_id", "balances")
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    BALANCES_FIELD_NUMBER: _ClassVar[int]
    user_id: str
    balances: _containers.RepeatedCompositeFieldContainer[AssetBalance]
    def __init__(self, user_id: _Optional[str] = ..., balances: _Optional[_Iterable[_Union[AssetBalance, _Mapping]]] = ...) -> None: ...

class TradeRequest(_message.Message):
    __slots__ = ("request_id", "user_id", "token", "quantity", "symbol")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    TOKEN_FIELD_NUMBER: _ClassVar[int]
    QUANTITY_FIELD_NUMBER: _ClassVar[int]
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    user_id: str
    token: str
    quantity: _decimal_pb2.Decimal
    symbol: str
    def __init__(self, request_id: _Optional[str] = ..., user_id: _Optional[str] = ..., token: _Optional[str] = ..., quantity: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., symbol: _Optional[str] = ...) -> None: ...

class ExchangeOrder(_message.Message):
    __slots__ = ("order_id", "request_id", "user_id", "route", "side", "token", "quantity", "status", "price", "fee", "amount", "issuer_ref", "created_at", "completed_at", "failure_reason", "symbol", "broker_account_id", "broker_order_id", "trade_date", "settlement_date", "settled", "funded")
    ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    ROUTE_FIELD_NUMBER: _ClassVar[int]
    SIDE_FIELD_NUMBER: _ClassVar[int]
    TOKEN_FIELD_NUMBER: _ClassVar[int]
    QUANTITY_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    PRICE_FIELD_NUMBER: _ClassVar[int]
    FEE_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    ISSUER_REF_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    COMPLETED_AT_FIELD_NUMBER: _ClassVar[int]
    FAILURE_REASON_FIELD_NUMBER: _ClassVar[int]
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    BROKER_ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    BROKER_ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    TRADE_DATE_FIELD_NUMBER: _ClassVar[int]
    SETTLEMENT_DATE_FIELD_NUMBER: _ClassVar[int]
    SETTLED_FIELD_NUMBER: _ClassVar[int]
    FUNDED_FIELD_NUMBER: _ClassVar[int]
    order_id: str
    request_id: str
    user_id: str
    route: str
    side: str
    token: str
    quantity: _decimal_pb2.Decimal
    status: _statuses_pb2.ExchangeOrderStatus
    price: _decimal_pb2.Decimal
    fee: _decimal_pb2.Decimal
    amount: _decimal_pb2.Decimal
    issuer_ref: str
    created_at: _timestamp_pb2.Timestamp
    completed_at: _timestamp_pb2.Timestamp
    failure_reason: str
    symbol: str
    broker_account_id: str
    broker_order_id: str
    trade_date: str
    settlement_date: str
    settled: bool
    funded: _decimal_pb2.Decimal
    def __init__(self, order_id: _Optional[str] = ..., request_id: _Optional[str] = ..., user_id: _Optional[str] = ..., route: _Optional[str] = ..., side: _Optional[str] = ..., token: _Optional[str] = ..., quantity: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., status: _Optional[_Union[_statuses_pb2.ExchangeOrderStatus, str]] = ..., price: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., fee: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., amount: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., issuer_ref: _Optional[str] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., completed_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., failure_reason: _Optional[str] = ..., symbol: _Optional[str] = ..., broker_account_id: _Optional[str] = ..., broker_order_id: _Optional[str] = ..., trade_date: _Optional[str] = ..., settlement_date: _Optional[str] = ..., settled: _Optional[bool] = ..., funded: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ...) -> None: ...

class OrderIdRequest(_message.Message):
    __slots__ = ("order_id",)
    ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    order_id: str
    def __init__(self, order_id: _Optional[str] = ...) -> None: ...

class ListUserOrdersRequest(_message.Message):
    __slots__ = ("user_id", "limit", "page_token")
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    user_id: str
    limit: int
    page_token: str
    def __init__(self, user_id: _Optional[str] = ..., limit: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListUserOrdersResponse(_message.Message):
    __slots__ = ("orders", "next_page_token")
    ORDERS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    orders: _containers.RepeatedCompositeFieldContainer[ExchangeOrder]
    next_page_token: str
    def __init__(self, orders: _Optional[_Iterable[_Union[ExchangeOrder, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class WithdrawRequest(_message.Message):
    __slots__ = ("request_id", "user_id", "asset", "amount", "to_address")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    ASSET_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    TO_ADDRESS_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    user_id: str
    asset: str
    amount: _decimal_pb2.Decimal
    to_address: str
    def __init__(self, request_id: _Optional[str] = ..., user_id: _Optional[str] = ..., asset: _Optional[str] = ..., amount: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., to_address: _Optional[str] = ...) -> None: ...

class Withdrawal(_message.Message):
    __slots__ = ("withdrawal_id", "user_id", "asset", "amount", "to_address", "tx_hash")
    WITHDRAWAL_ID_FIELD_NUMBER: _ClassVar[int]
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    ASSET_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    TO_ADDRESS_FIELD_NUMBER: _ClassVar[int]
    TX_HASH_FIELD_NUMBER: _ClassVar[int]
    withdrawal_id: str
    user_id: str
    asset: str
    amount: _decimal_pb2.Decimal
    to_address: str
    tx_hash: str
    def __init__(self, withdrawal_id: _Optional[str] = ..., user_id: _Optional[str] = ..., asset: _Optional[str] = ..., amount: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., to_address: _Optional[str] = ..., tx_hash: _Optional[str] = ...) -> None: ...

class BrokerAccount(_message.Message):
    __slots__ = ("user_id", "account_id", "broker", "name", "kind", "status", "route_enabled", "funded", "opened_at")
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    BROKER_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    ROUTE_ENABLED_FIELD_NUMBER: _ClassVar[int]
    FUNDED_FIELD_NUMBER: _ClassVar[int]
    OPENED_AT_FIELD_NUMBER: _ClassVar[int]
    user_id: str
    account_id: str
    broker: str
    name: str
    kind: str
    status: _statuses_pb2.AccountStatus
    route_enabled: bool
    funded: _decimal_pb2.Decimal
    opened_at: _timestamp_pb2.Timestamp
    def __init__(self, user_id: _Optional[str] = ..., account_id: _Optional[str] = ..., broker: _Optional[str] = ..., name: _Optional[str] = ..., kind: _Optional[str] = ..., status: _Optional[_Union[_statuses_pb2.AccountStatus, str]] = ..., route_enabled: _Optional[bool] = ..., funded: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., opened_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class UserNoticesRequest(_message.Message):
    __slots__ = ("user_id", "kind", "limit", "page_token")
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    user_id: str
    kind: str
    limit: int
    page_token: str
    def __init__(self, user_id: _Optional[str] = ..., kind: _Optional[str] = ..., limit: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...
