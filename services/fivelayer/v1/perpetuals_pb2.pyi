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

class PerpSide(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    PERP_SIDE_UNSPECIFIED: _ClassVar[PerpSide]
    PERP_SIDE_BUY: _ClassVar[PerpSide]
    PERP_SIDE_SELL: _ClassVar[PerpSide]

class PerpOrderType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    PERP_ORDER_TYPE_UNSPECIFIED: _ClassVar[PerpOrderType]
    PERP_ORDER_TYPE_MARKET: _ClassVar[PerpOrderType]
    PERP_ORDER_TYPE_LIMIT: _ClassVar[PerpOrderType]

class PerpEntryKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    PERP_ENTRY_KIND_UNSPECIFIED: _ClassVar[PerpEntryKind]
    PERP_ENTRY_KIND_FILL: _ClassVar[PerpEntryKind]
    PERP_ENTRY_KIND_FUNDING: _ClassVar[PerpEntryKind]
    PERP_ENTRY_KIND_LIQUIDATION: _ClassVar[PerpEntryKind]
    PERP_ENTRY_KIND_ADL: _ClassVar[PerpEntryKind]
    PERP_ENTRY_KIND_SPLIT: _ClassVar[PerpEntryKind]
    PERP_ENTRY_KIND_DIVIDEND: _ClassVar[PerpEntryKind]
PERP_SIDE_UNSPECIFIED: PerpSide
PERP_SIDE_BUY: PerpSide
PERP_SIDE_SELL: PerpSide
PERP_ORDER_TYPE_UNSPECIFIED: PerpOrderType
PERP_ORDER_TYPE_MARKET: PerpOrderType
PERP_ORDER_TYPE_LIMIT: PerpOrderType
PERP_ENTRY_KIND_UNSPECIFIED: PerpEntryKind
PERP_ENTRY_KIND_FILL: PerpEntryKind
PERP_ENTRY_KIND_FUNDING: PerpEntryKind
PERP_ENTRY_KIND_LIQUIDATION: PerpEntryKind
PERP_ENTRY_KIND_ADL: PerpEntryKind
PERP_ENTRY_KIND_SPLIT: PerpEntryKind
PERP_ENTRY_KIND_DIVIDEND: PerpEntryKind

class PerpMarket(_message.Message):
    __slots__ = ("symbol", "underlying", "max_leverage", "maintenance_rate", "impact_notional", "oracle_price", "mark_price", "last_session_price", "in_session", "lower_bound", "upper_bound", "best_bid", "best_ask", "last_trade", "impact_bid", "impact_ask", "open_interest", "premium", "funding_rate_8h", "funding_rate_hourly", "next_funding_at", "updated_at", "halted", "halt_reason", "oracle_stale", "oracle_jump")
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    UNDERLYING_FIELD_NUMBER: _ClassVar[int]
    MAX_LEVERAGE_FIELD_NUMBER: _ClassVar[int]
    MAINTENANCE_RATE_FIELD_NUMBER: _ClassVar[int]
    IMPACT_NOTIONAL_FIELD_NUMBER: _ClassVar[int]
    ORACLE_PRICE_FIELD_NUMBER: _ClassVar[int]
    MARK_PRICE_FIELD_NUMBER: _ClassVar[int]
    LAST_SESSION_PRICE_FIELD_NUMBER: _ClassVar[int]
    IN_SESSION_FIELD_NUMBER: _ClassVar[int]
    LOWER_BOUND_FIELD_NUMBER: _ClassVar[int]
    UPPER_BOUND_FIELD_NUMBER: _ClassVar[int]
    BEST_BID_FIELD_NUMBER: _ClassVar[int]
    BEST_ASK_FIELD_NUMBER: _ClassVar[int]
    LAST_TRADE_FIELD_NUMBER: _ClassVar[int]
    IMPACT_BID_FIELD_NUMBER: _ClassVar[int]
    IMPACT_ASK_FIELD_NUMBER: _ClassVar[int]
    OPEN_INTEREST_FIELD_NUMBER: _ClassVar[int]
    PREMIUM_FIELD_NUMBER: _ClassVar[int]
    FUNDING_RATE_8H_FIELD_NUMBER: _ClassVar[int]
    FUNDING_RATE_HOURLY_FIELD_NUMBER: _ClassVar[int]
    NEXT_FUNDING_AT_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    HALTED_FIELD_NUMBER: _ClassVar[int]
    HALT_REASON_FIELD_NUMBER: _ClassVar[int]
    ORACLE_STALE_FIELD_NUMBER: _ClassVar[int]
    ORACLE_JUMP_FIELD_NUMBER: _ClassVar[int]
    symbol: str
    underlying: str
    max_leverage: int
    maintenance_rate: _decimal_pb2.Decimal
    impact_notional: _decimal_pb2.Decimal
    oracle_price: _decimal_pb2.Decimal
    mark_price: _decimal_pb2.Decimal
    last_session_price: _decimal_pb2.Decimal
    in_session: bool
    lower_bound: _decimal_pb2.Decimal
    upper_bound: _decimal_pb2.Decimal
    best_bid: _decimal_pb2.Decimal
    best_ask: _decimal_pb2.Decimal
    last_trade: _decimal_pb2.Decimal
    impact_bid: _decimal_pb2.Decimal
    impact_ask: _decimal_pb2.Decimal
    open_interest: _decimal_pb2.Decimal
    premium: _decimal_pb2.Decimal
    funding_rate_8h: _decimal_pb2.Decimal
    funding_rate_hourly: _decimal_pb2.Decimal
    next_funding_at: _timestamp_pb2.Timestamp
    updated_at: _timestamp_pb2.Timestamp
    halted: bool
    halt_reason: str
    oracle_stale: bool
    oracle_jump: _decimal_pb2.Decimal
    def __init__(self, symbol: _Optional[str] = ..., underlying: _Optional[str] = ..., max_leverage: _Optional[int] = ..., maintenance_rate: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., impact_notional: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., oracle_price: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., mark_price: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., last_session_price: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., in_session: _Optional[bool] = ..., lower_bound: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., upper_bound: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., best_bid: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., best_ask: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., last_trade: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., impact_bid: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., impact_ask: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., open_interest: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., premium: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., funding_rate_8h: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., funding_rate_hourly: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., next_funding_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., updated_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., halted: _Optional[bool] = ..., halt_reason: _Optional[str] = ..., oracle_stale: _Optional[bool] = ..., oracle_jump: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ...) -> None: ...

class PerpMarketRequest(_message.Message):
    __slots__ = ("symbol",)
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    symbol: str
    def __init__(self, symbol: _Optional[str] = ...) -> None: ...

class ListPerpMarketsRequest(_message.Message):
    __slots__ = ("limit", "page_token")
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    limit: int
    page_token: str
    def __init__(self, limit: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListPerpMarketsResponse(_message.Message):
    __slots__ = ("markets", "next_page_token")
    MARKETS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    markets: _containers.RepeatedCompositeFieldContainer[PerpMarket]
    next_page_token: str
    def __init__(self, markets: _Optional[_Iterable[_Union[PerpMarket, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class PerpLevel(_message.Message):
    __slots__ = ("price", "size", "source")
    PRICE_FIELD_NUMBER: _ClassVar[int]
    SIZE_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    price: _decimal_pb2.Decimal
    size: _decimal_pb2.Decimal
    source: str
    def __init__(self, price: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., size: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., source: _Optional[str] = ...) -> None: ...

class PerpBookRequest(_message.Message):
    __slots__ = ("symbol", "depth")
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    DEPTH_FIELD_NUMBER: _ClassVar[int]
    symbol: str
    depth: int
    def __init__(self, symbol: _Optional[str] = ..., depth: _Optional[int] = ...) -> None: ...

class PerpBook(_message.Message):
    __slots__ = ("symbol", "bids", "asks", "oracle_price", "mark_price", "at")
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    BIDS_FIELD_NUMBER: _ClassVar[int]
    ASKS_FIELD_NUMBER: _ClassVar[int]
    ORACLE_PRICE_FIELD_NUMBER: _ClassVar[int]
    MARK_PRICE_FIELD_NUMBER: _ClassVar[int]
    AT_FIELD_NUMBER: _ClassVar[int]
    symbol: str
    bids: _containers.RepeatedCompositeFieldContainer[PerpLevel]
    asks: _containers.RepeatedCompositeFieldContainer[PerpLevel]
    oracle_price: _decimal_pb2.Decimal
    mark_price: _decimal_pb2.Decimal
    at: _timestamp_pb2.Timestamp
    def __init__(self, symbol: _Optional[str] = ..., bids: _Optional[_Iterable[_Union[PerpLevel, _Mapping]]] = ..., asks: _Optional[_Iterable[_Union[PerpLevel, _Mapping]]] = ..., oracle_price: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., mark_price: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class PlacePerpOrderRequest(_message.Message):
    __slots__ = ("request_id", "user_id", "symbol", "side", "type", "size", "limit_price", "leverage", "reduce_only")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    SIDE_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    SIZE_FIELD_NUMBER: _ClassVar[int]
    LIMIT_PRICE_FIELD_NUMBER: _ClassVar[int]
    LEVERAGE_FIELD_NUMBER: _ClassVar[int]
    REDUCE_ONLY_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    user_id: str
    symbol: str
    side: PerpSide
    type: PerpOrderType
    size: _decimal_pb2.Decimal
    limit_price: _decimal_pb2.Decimal
    leverage: int
    reduce_only: bool
    def __init__(self, request_id: _Optional[str] = ..., user_id: _Optional[str] = ..., symbol: _Optional[str] = ..., side: _Optional[_Union[PerpSide, str]] = ..., type: _Optional[_Union[PerpOrderType, str]] = ..., size: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., limit_price: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., leverage: _Optional[int] = ..., reduce_only: _Optional[bool] = ...) -> None: ...

class PerpOrder(_message.Message):
    __slots__ = ("order_id", "request_id", "user_id", "symbol", "side", "type", "size", "limit_price", "leverage", "reduce_only", "status", "reason", "filled_size", "average_price", "fee", "realized_pnl", "created_at", "updated_at")
    ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    SIDE_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    SIZE_FIELD_NUMBER: _ClassVar[int]
    LIMIT_PRICE_FIELD_NUMBER: _ClassVar[int]
    LEVERAGE_FIELD_NUMBER: _ClassVar[int]
    REDUCE_ONLY_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    FILLED_SIZE_FIELD_NUMBER: _ClassVar[int]
    AVERAGE_PRICE_FIELD_NUMBER: _ClassVar[int]
    FEE_FIELD_NUMBER: _ClassVar[int]
    REALIZED_PNL_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    order_id: str
    request_id: str
    user_id: str
    symbol: str
    side: PerpSide
    type: PerpOrderType
    size: _decimal_pb2.Decimal
    limit_price: _decimal_pb2.Decimal
    leverage: int
    reduce_only: bool
    status: _statuses_pb2.PerpOrderStatus
    reason: str
    filled_size: _decimal_pb2.Decimal
    average_price: _decimal_pb2.Decimal
    fee: _decimal_pb2.Decimal
    realized_pnl: _decimal_pb2.Decimal
    created_at: _timestamp_pb2.Timestamp
    updated_at: _timestamp_pb2.Timestamp
    def __init__(self, order_id: _Optional[str] = ..., request_id: _Optional[str] = ..., user_id: _Optional[str] = ..., symbol: _Optional[str] = ..., side: _Optional[_Union[PerpSide, str]] = ..., type: _Optional[_Union[PerpOrderType, str]] = ..., size: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., limit_price: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., leverage: _Optional[int] = ..., reduce_only: _Optional[bool] = ..., status: _Optional[_Union[_statuses_pb2.PerpOrderStatus, str]] = ..., reason: _Optional[str] = ..., filled_size: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., average_price: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., fee: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., realized_pnl: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., updated_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class PerpOrderRequest(_message.Message):
    __slots__ = ("order_id",)
    ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    order_id: str
    def __init__(self, order_id: _Optional[str] = ...) -> None: ...

class CancelPerpOrderRequest(_message.Message):
    __slots__ = ("request_id", "order_id")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    order_id: str
    def __init__(self, request_id: _Optional[str] = ..., order_id: _Optional[str] = ...) -> None: ...

class ListPerpOrdersRequest(_message.Message):
    __slots__ = ("user_id", "symbol", "limit", "page_token")
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    user_id: str
    symbol: str
    limit: int
    page_token: str
    def __init__(self, user_id: _Optional[str] = ..., symbol: _Optional[str] = ..., limit: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListPerpOrdersResponse(_message.Message):
    __slots__ = ("orders", "next_page_token")
    ORDERS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    orders: _containers.RepeatedCompositeFieldContainer[PerpOrder]
    next_page_token: str
    def __init__(self, orders: _Optional[_Iterable[_Union[PerpOrder, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class PerpPosition(_message.Message):
    __slots__ = ("user_id", "symbol", "size", "entry_price", "margin", "leverage", "mark_price", "notional", "unrealized_pnl", "equity", "maintenance_margin", "liquidation_price", "realized_pnl", "funding", "fees")
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    SIZE_FIELD_NUMBER: _ClassVar[int]
    ENTRY_PRICE_FIELD_NUMBER: _ClassVar[int]
    MARGIN_FIELD_NUMBER: _ClassVar[int]
    LEVERAGE_FIELD_NUMBER: _ClassVar[int]
    MARK_PRICE_FIELD_NUMBER: _ClassVar[int]
    NOTIONAL_FIELD_NUMBER: _ClassVar[int]
    UNREALIZED_PNL_FIELD_NUMBER: _ClassVar[int]
    EQUITY_FIELD_NUMBER: _ClassVar[int]
    MAINTENANCE_MARGIN_FIELD_NUMBER: _ClassVar[int]
    LIQUIDATION_PRICE_FIELD_NUMBER: _ClassVar[int]
    REALIZED_PNL_FIELD_NUMBER: _ClassVar[int]
    FUNDING_FIELD_NUMBER: _ClassVar[int]
    FEES_FIELD_NUMBER: _ClassVar[int]
    user_id: str
    symbol: str
    size: _decimal_pb2.Decimal
    entry_price: _decimal_pb2.Decimal
    margin: _decimal_pb2.Decimal
    leverage: int
    mark_price: _decimal_pb2.Decimal
    notional: _decimal_pb2.Decimal
    unrealized_pnl: _decimal_pb2.Decimal
    equity: _decimal_pb2.Decimal
    maintenance_margin: _decimal_pb2.Decimal
    liquidation_price: _decimal_pb2.Decimal
    realized_pnl: _decimal_pb2.Decimal
    funding: _decimal_pb2.Decimal
    fees: _decimal_pb2.Decimal
    def __init__(self, user_id: _Optional[str] = ..., symbol: _Optional[str] = ..., size: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., entry_price: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., margin: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., leverage: _Optional[int] = ..., mark_price: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., notional: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., unrealized_pnl: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., equity: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., maintenance_margin: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., liquidation_price: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., realized_pnl: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., funding: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., fees: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ...) -> None: ...

class PerpPositionsRequest(_message.Message):
    __slots__ = ("user_id", "symbol")
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    user_id: str
    symbol: str
    def __init__(self, user_id: _Optional[str] = ..., symbol: _Optional[str] = ...) -> None: ...

class PerpPositionsResponse(_message.Message):
    __slots__ = ("user_id", "positions")
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    POSITIONS_FIELD_NUMBER: _ClassVar[int]
    user_id: str
    positions: _containers.RepeatedCompositeFieldContainer[PerpPosition]
    def __init__(self, user_id: _Optional[str] = ..., positions: _Optional[_Iterable[_Union[PerpPosition, _Mapping]]] = ...) -> None: ...

class PerpHistoryRequest(_message.Message):
    __slots__ = ("user_id", "symbol", "kind", "limit", "page_token")
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    user_id: str
    symbol: str
    kind: PerpEntryKind
    limit: int
    page_token: str
    def __init__(self, user_id: _Optional[str] = ..., symbol: _Optional[str] = ..., kind: _Optional[_Union[PerpEntryKind, str]] = ..., limit: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class PerpHistoryEntry(_message.Message):
    __slots__ = ("entry_id", "kind", "symbol", "at", "size", "price", "amount", "rate", "ref", "note")
    ENTRY_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    AT_FIELD_NUMBER: _ClassVar[int]
    SIZE_FIELD_NUMBER: _ClassVar[int]
    PRICE_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    RATE_FIELD_NUMBER: _ClassVar[int]
    REF_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    entry_id: str
    kind: PerpEntryKind
    symbol: str
    at: _timestamp_pb2.Timestamp
    size: _decimal_pb2.Decimal
    price: _decimal_pb2.Decimal
    amount: _decimal_pb2.Decimal
    rate: _decimal_pb2.Decimal
    ref: str
    note: str
    def __init__(self, entry_id: _Optional[str] = ..., kind: _Optional[_Union[PerpEntryKind, str]] = ..., symbol: _Optional[str] = ..., at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., size: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., price: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., amount: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., rate: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., ref: _Optional[str] = ..., note: _Optional[str] = ...) -> None: ...

class PerpHistoryResponse(_message.Message):
    __slots__ = ("entries", "next_page_token")
    ENTRIES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    entries: _containers.RepeatedCompositeFieldContainer[PerpHistoryEntry]
    next_page_token: str
    def __init__(self, entries: _Optional[_Iterable[_Union[PerpHistoryEntry, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class ListFundingRequest(_message.Message):
    __slots__ = ("symbol", "limit", "page_token")
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    symbol: str
    limit: int
    page_token: str
    def __init__(self, symbol: _Optional[str] = ..., limit: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class FundingRoundRecord(_message.Message):
    __slots__ = ("round_id", "symbol", "at", "premium", "rate_8h", "hourly_rate", "capped", "oracle_price", "paid", "received", "residue", "positions")
    ROUND_ID_FIELD_NUMBER: _ClassVar[int]
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    AT_FIELD_NUMBER: _ClassVar[int]
    PREMIUM_FIELD_NUMBER: _ClassVar[int]
    RATE_8H_FIELD_NUMBER: _ClassVar[int]
    HOURLY_RATE_FIELD_NUMBER: _ClassVar[int]
    CAPPED_FIELD_NUMBER: _ClassVar[int]
    ORACLE_PRICE_FIELD_NUMBER: _ClassVar[int]
    PAID_FIELD_NUMBER: _ClassVar[int]
    RECEIVED_FIELD_NUMBER: _ClassVar[int]
    RESIDUE_FIELD_NUMBER: _ClassVar[int]
    POSITIONS_FIELD_NUMBER: _ClassVar[int]
    round_id: str
    symbol: str
    at: _timestamp_pb2.Timestamp
    premium: _decimal_pb2.Decimal
    rate_8h: _decimal_pb2.Decimal
    hourly_rate: _decimal_pb2.Decimal
    capped: bool
    oracle_price: _decimal_pb2.Decimal
    paid: _decimal_pb2.Decimal
    received: _decimal_pb2.Decimal
    residue: _decimal_pb2.Decimal
    positions: int
    def __init__(self, round_id: _Optional[str] = ..., symbol: _Optional[str] = ..., at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., premium: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., rate_8h: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., hourly_rate: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., capped: _Optional[bool] = ..., oracle_price: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., paid: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., received: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., residue: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., positions: _Optional[int] = ...) -> None: ...

class ListFundingResponse(_message.Message):
    __slots__ = ("rounds", "next_page_token")
    ROUNDS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    rounds: _containers.RepeatedCompositeFieldContainer[FundingRoundRecord]
    next_page_token: str
    def __init__(self, rounds: _Optional[_Iterable[_Union[FundingRoundRecord, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class AdlRankEntry(_message.Message):
    __slots__ = ("user_id", "key", "pnl_fraction", "leverage", "closed", "realized_pnl")
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    KEY_FIELD_NUMBER: _ClassVar[int]
    PNL_FRACTION_FIELD_NUMBER: _ClassVar[int]
    LEVERAGE_FIELD_NUMBER: _ClassVar[int]
    CLOSED_FIELD_NUMBER: _ClassVar[int]
    REALIZED_PNL_FIELD_NUMBER: _ClassVar[int]
    user_id: str
    key: _decimal_pb2.Decimal
    pnl_fraction: _decimal_pb2.Decimal
    leverage: _decimal_pb2.Decimal
    closed: _decimal_pb2.Decimal
    realized_pnl: _decimal_pb2.Decimal
    def __init__(self, user_id: _Optional[str] = ..., key: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., pnl_fraction: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., leverage: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., closed: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., realized_pnl: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ...) -> None: ...

class LiquidationRecord(_message.Message):
    __slots__ = ("liquidation_id", "symbol", "user_id", "at", "size", "mark_price", "bankruptcy_price", "book_size", "book_average_price", "backstop_size", "fund_change", "ranking", "returned")
    LIQUIDATION_ID_FIELD_NUMBER: _ClassVar[int]
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    AT_FIELD_NUMBER: _ClassVar[int]
    SIZE_FIELD_NUMBER: _ClassVar[int]
    MARK_PRICE_FIELD_NUMBER: _ClassVar[int]
    BANKRUPTCY_PRICE_FIELD_NUMBER: _ClassVar[int]
    BOOK_SIZE_FIELD_NUMBER: _ClassVar[int]
    BOOK_AVERAGE_PRICE_FIELD_NUMBER: _ClassVar[int]
    BACKSTOP_SIZE_FIELD_NUMBER: _ClassVar[int]
    FUND_CHANGE_FIELD_NUMBER: _ClassVar[int]
    RANKING_FIELD_NUMBER: _ClassVar[int]
    RETURNED_FIELD_NUMBER: _ClassVar[int]
    liquidation_id: str
    symbol: str
    user_id: str
    at: _timestamp_pb2.Timestamp
    size: _decimal_pb2.Decimal
    mark_price: _decimal_pb2.Decimal
    bankruptcy_price: _decimal_pb2.Decimal
    book_size: _decimal_pb2.Decimal
    book_average_price: _decimal_pb2.Decimal
    backstop_size: _decimal_pb2.Decimal
    fund_change: _decimal_pb2.Decimal
    ranking: _containers.RepeatedCompositeFieldContainer[AdlRankEntry]
    returned: _decimal_pb2.Decimal
    def __init__(self, liquidation_id: _Optional[str] = ..., symbol: _Optional[str] = ..., user_id: _Optional[str] = ..., at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., size: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., mark_price: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., bankruptcy_price: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., book_size: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., book_average_price: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., backstop_size: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., fund_change: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., ranking: _Optional[_Iterable[_Union[AdlRankEntry, _Mapping]]] = ..., returned: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ...) -> None: ...

class ListLiquidationsRequest(_message.Message):
    __slots__ = ("symbol", "limit", "page_token")
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    symbol: str
    limit: int
    page_token: str
    def __init__(self, symbol: _Optional[str] = ..., limit: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListLiquidationsResponse(_message.Message):
    __slots__ = ("liquidations", "next_page_token")
    LIQUIDATIONS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    liquidations: _containers.RepeatedCompositeFieldContainer[LiquidationRecord]
    next_page_token: str
    def __init__(self, liquidations: _Optional[_Iterable[_Union[LiquidationRecord, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class PerpDesk(_message.Message):
    __slots__ = ("margin_held", "insurance_fund", "maker_capital", "fees", "total", "fund_positions", "maker_positions")
    MARGIN_HELD_FIELD_NUMBER: _ClassVar[int]
    INSURANCE_FUND_FIELD_NUMBER: _ClassVar[int]
    MAKER_CAPITAL_FIELD_NUMBER: _ClassVar[int]
    FEES_FIELD_NUMBER: _ClassVar[int]
    TOTAL_FIELD_NUMBER: _ClassVar[int]
    FUND_POSITIONS_FIELD_NUMBER: _ClassVar[int]
    MAKER_POSITIONS_FIELD_NUMBER: _ClassVar[int]
    margin_held: _decimal_pb2.Decimal
    insurance_fund: _decimal_pb2.Decimal
    maker_capital: _decimal_pb2.Decimal
    fees: _decimal_pb2.Decimal
    total: _decimal_pb2.Decimal
    fund_positions: _containers.RepeatedCompositeFieldContainer[PerpPosition]
    maker_positions: _containers.RepeatedCompositeFieldContainer[PerpPosition]
    def __init__(self, margin_held: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., insurance_fund: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., maker_capital: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., fees: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., total: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., fund_positions: _Optional[_Iterable[_Union[PerpPosition, _Mapping]]] = ..., maker_positions: _Optional[_Iterable[_Union[PerpPosition, _Mapping]]] = ...) -> None: ...

class SetPerpConditionsRequest(_message.Message):
    __slots__ = ("request_id", "symbol", "halted", "halt_reason", "oracle_stale", "oracle_jump")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    HALTED_FIELD_NUMBER: _ClassVar[int]
    HALT_REASON_FIELD_NUMBER: _ClassVar[int]
    ORACLE_STALE_FIELD_NUMBER: _ClassVar[int]
    ORACLE_JUMP_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    symbol: str
    halted: bool
    halt_reason: str
    oracle_stale: bool
    oracle_jump: _decimal_pb2.Decimal
    def __init__(self, request_id: _Optional[str] = ..., symbol: _Optional[str] = ..., halted: _Optional[bool] = ..., halt_reason: _Optional[str] = ..., oracle_stale: _Optional[bool] = ..., oracle_jump: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ...) -> None: ...
