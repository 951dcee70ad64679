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

class Participant(_message.Message):
    __slots__ = ("participant_id", "name", "kind")
    PARTICIPANT_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    participant_id: str
    name: str
    kind: str
    def __init__(self, participant_id: _Optional[str] = ..., name: _Optional[str] = ..., kind: _Optional[str] = ...) -> None: ...

class ListParticipantsRequest(_message.Message):
    __slots__ = ("limit", "page_token")
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    limit: int
    page_token: str
    def __init__(self, limit: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListParticipantsResponse(_message.Message):
    __slots__ = ("participants", "next_page_token")
    PARTICIPANTS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    participants: _containers.RepeatedCompositeFieldContainer[Participant]
    next_page_token: str
    def __init__(self, participants: _Optional[_Iterable[_Union[Participant, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class SubmitTradeRequest(_message.Message):
    __slots__ = ("request_id", "trade_ref", "buyer", "seller", "symbol", "quantity", "price", "executed_at")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    TRADE_REF_FIELD_NUMBER: _ClassVar[int]
    BUYER_FIELD_NUMBER: _ClassVar[int]
    SELLER_FIELD_NUMBER: _ClassVar[int]
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    QUANTITY_FIELD_NUMBER: _ClassVar[int]
    PRICE_FIELD_NUMBER: _ClassVar[int]
    EXECUTED_AT_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    trade_ref: str
    buyer: str
    seller: str
    symbol: str
    quantity: _decimal_pb2.Decimal
    price: _decimal_pb2.Decimal
    executed_at: _timestamp_pb2.Timestamp
    def __init__(self, request_id: _Optional[str] = ..., trade_ref: _Optional[str] = ..., buyer: _Optional[str] = ..., seller: _Optional[str] = ..., symbol: _Optional[str] = ..., quantity: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., price: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., executed_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class SubmitTradesRequest(_message.Message):
    __slots__ = ("trades",)
    TRADES_FIELD_NUMBER: _ClassVar[int]
    trades: _containers.RepeatedCompositeFieldContainer[SubmitTradeRequest]
    def __init__(self, trades: _Optional[_Iterable[_Union[SubmitTradeRequest, _Mapping]]] = ...) -> None: ...

class SubmitTradesResponse(_message.Message):
    __slots__ = ("trades",)
    TRADES_FIELD_NUMBER: _ClassVar[int]
    trades: _containers.RepeatedCompositeFieldContainer[Trade]
    def __init__(self, trades: _Optional[_Iterable[_Union[Trade, _Mapping]]] = ...) -> None: ...

class SetDeliveryFailRequest(_message.Message):
    __slots__ = ("request_id", "participant_id", "symbol", "settlement_date", "failing")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    PARTICIPANT_ID_FIELD_NUMBER: _ClassVar[int]
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    SETTLEMENT_DATE_FIELD_NUMBER: _ClassVar[int]
    FAILING_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    participant_id: str
    symbol: str
    settlement_date: str
    failing: bool
    def __init__(self, request_id: _Optional[str] = ..., participant_id: _Optional[str] = ..., symbol: _Optional[str] = ..., settlement_date: _Optional[str] = ..., failing: _Optional[bool] = ...) -> None: ...

class DeliveryFail(_message.Message):
    __slots__ = ("participant_id", "symbol", "settlement_date", "failing")
    PARTICIPANT_ID_FIELD_NUMBER: _ClassVar[int]
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    SETTLEMENT_DATE_FIELD_NUMBER: _ClassVar[int]
    FAILING_FIELD_NUMBER: _ClassVar[int]
    participant_id: str
    symbol: str
    settlement_date: str
    failing: bool
    def __init__(self, participant_id: _Optional[str] = ..., symbol: _Optional[str] = ..., settlement_date: _Optional[str] = ..., failing: _Optional[bool] = ...) -> None: ...

class Trade(_message.Message):
    __slots__ = ("trade_id", "trade_ref", "buyer", "seller", "symbol", "quantity", "price", "amount", "trade_date", "settlement_date", "status", "executed_at")
    TRADE_ID_FIELD_NUMBER: _ClassVar[int]
    TRADE_REF_FIELD_NUMBER: _ClassVar[int]
    BUYER_FIELD_NUMBER: _ClassVar[int]
    SELLER_FIELD_NUMBER: _ClassVar[int]
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    QUANTITY_FIELD_NUMBER: _ClassVar[int]
    PRICE_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    TRADE_DATE_FIELD_NUMBER: _ClassVar[int]
    SETTLEMENT_DATE_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    EXECUTED_AT_FIELD_NUMBER: _ClassVar[int]
    trade_id: str
    trade_ref: str
    buyer: str
    seller: str
    symbol: str
    quantity: _decimal_pb2.Decimal
    price: _decimal_pb2.Decimal
    amount: _decimal_pb2.Decimal
    trade_date: str
    settlement_date: str
    status: _statuses_pb2.TradeStatus
    executed_at: _timestamp_pb2.Timestamp
    def __init__(self, trade_id: _Optional[str] = ..., trade_ref: _Optional[str] = ..., buyer: _Optional[str] = ..., seller: _Optional[str] = ..., symbol: _Optional[str] = ..., quantity: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., price: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., amount: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., trade_date: _Optional[str] = ..., settlement_date: _Optional[str] = ..., status: _Optional[_Union[_statuses_pb2.TradeStatus, str]] = ..., executed_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ListTradesRequest(_message.Message):
    __slots__ = ("participant_id", "settlement_date", "limit", "page_token")
    PARTICIPANT_ID_FIELD_NUMBER: _ClassVar[int]
    SETTLEMENT_DATE_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    participant_id: str
    settlement_date: str
    limit: int
    page_token: str
    def __init__(self, participant_id: _Optional[str] = ..., settlement_date: _Optional[str] = ..., limit: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListTradesResponse(_message.Message):
    __slots__ = ("trades", "next_page_token")
    TRADES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    trades: _containers.RepeatedCompositeFieldContainer[Trade]
    next_page_token: str
    def __init__(self, trades: _Optional[_Iterable[_Union[Trade, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class PositionsRequest(_message.Message):
    __slots__ = ("participant_id",)
    PARTICIPANT_ID_FIELD_NUMBER: _ClassVar[int]
    participant_id: str
    def __init__(self, participant_id: _Optional[str] = ...) -> None: ...

class Position(_message.Message):
    __slots__ = ("participant_id", "symbol", "settled", "pending_receive", "pending_deliver")
    PARTICIPANT_ID_FIELD_NUMBER: _ClassVar[int]
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    SETTLED_FIELD_NUMBER: _ClassVar[int]
    PENDING_RECEIVE_FIELD_NUMBER: _ClassVar[int]
    PENDING_DELIVER_FIELD_NUMBER: _ClassVar[int]
    participant_id: str
    symbol: str
    settled: _decimal_pb2.Decimal
    pending_receive: _decimal_pb2.Decimal
    pending_deliver: _decimal_pb2.Decimal
    def __init__(self, participant_id: _Optional[str] = ..., symbol: _Optional[str] = ..., settled: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., pending_receive: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., pending_deliver: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ...) -> None: ...

class PositionsResponse(_message.Message):
    __slots__ = ("participant_id", "positions", "cash", "pending_cash")
    PARTICIPANT_ID_FIELD_NUMBER: _ClassVar[int]
    POSITIONS_FIELD_NUMBER: _ClassVar[int]
    CASH_FIELD_NUMBER: _ClassVar[int]
    PENDING_CASH_FIELD_NUMBER: _ClassVar[int]
    participant_id: str
    positions: _containers.RepeatedCompositeFieldContainer[Position]
    cash: _decimal_pb2.Decimal
    pending_cash: _decimal_pb2.Decimal
    def __init__(self, participant_id: _Optional[str] = ..., positions: _Optional[_Iterable[_Union[Position, _Mapping]]] = ..., cash: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., pending_cash: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ...) -> None: ...

class SettlementRequest(_message.Message):
    __slots__ = ("settlement_date", "participant_id")
    SETTLEMENT_DATE_FIELD_NUMBER: _ClassVar[int]
    PARTICIPANT_ID_FIELD_NUMBER: _ClassVar[int]
    settlement_date: str
    participant_id: str
    def __init__(self, settlement_date: _Optional[str] = ..., participant_id: _Optional[str] = ...) -> None: ...

class SettlementLine(_message.Message):
    __slots__ = ("participant_id", "symbol", "net_quantity", "net_money", "settled_quantity", "failed_quantity", "status", "trades")
    PARTICIPANT_ID_FIELD_NUMBER: _ClassVar[int]
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    NET_QUANTITY_FIELD_NUMBER: _ClassVar[int]
    NET_MONEY_FIELD_NUMBER: _ClassVar[int]
    SETTLED_QUANTITY_FIELD_NUMBER: _ClassVar[int]
    FAILED_QUANTITY_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    TRADES_FIELD_NUMBER: _ClassVar[int]
    participant_id: str
    symbol: str
    net_quantity: _decimal_pb2.Decimal
    net_money: _decimal_pb2.Decimal
    settled_quantity: _decimal_pb2.Decimal
    failed_quantity: _decimal_pb2.Decimal
    status: _statuses_pb2.ObligationStatus
    trades: int
    def __init__(self, participant_id: _Optional[str] = ..., symbol: _Optional[str] = ..., net_quantity: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., net_money: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., settled_quantity: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., failed_quantity: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., status: _Optional[_Union[_statuses_pb2.ObligationStatus, str]] = ..., trades: _Optional[int] = ...) -> None: ...

class SettlementReport(_message.Message):
    __slots__ = ("settlement_date", "status", "lines", "gross_value", "net_value", "settled_at")
    SETTLEMENT_DATE_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    LINES_FIELD_NUMBER: _ClassVar[int]
    GROSS_VALUE_FIELD_NUMBER: _ClassVar[int]
    NET_VALUE_FIELD_NUMBER: _ClassVar[int]
    SETTLED_AT_FIELD_NUMBER: _ClassVar[int]
    settlement_date: str
    status: _statuses_pb2.ObligationStatus
    lines: _containers.RepeatedCompositeFieldContainer[SettlementLine]
    gross_value: _decimal_pb2.Decimal
    net_value: _decimal_pb2.Decimal
    settled_at: _timestamp_pb2.Timestamp
    def __init__(self, settlement_date: _Optional[str] = ..., status: _Optional[_Union[_statuses_pb2.ObligationStatus, str]] = ..., lines: _Optional[_Iterable[_Union[SettlementLine, _Mapping]]] = ..., gross_value: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., net_value: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., settled_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class RegisterRequest(_message.Message):
    __slots__ = ("symbol",)
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    symbol: str
    def __init__(self, symbol: _Optional[str] = ...) -> None: ...

class Holding(_message.Message):
    __slots__ = ("participant_id", "quantity")
    PARTICIPANT_ID_FIELD_NUMBER: _ClassVar[int]
    QUANTITY_FIELD_NUMBER: _ClassVar[int]
    participant_id: str
    quantity: _decimal_pb2.Decimal
    def __init__(self, participant_id: _Optional[str] = ..., quantity: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ...) -> None: ...

class Register(_message.Message):
    __slots__ = ("symbol", "registered_holder", "registered_quantity", "participants")
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    REGISTERED_HOLDER_FIELD_NUMBER: _ClassVar[int]
    REGISTERED_QUANTITY_FIELD_NUMBER: _ClassVar[int]
    PARTICIPANTS_FIELD_NUMBER: _ClassVar[int]
    symbol: str
    registered_holder: str
    registered_quantity: _decimal_pb2.Decimal
    participants: _containers.RepeatedCompositeFieldContainer[Holding]
    def __init__(self, symbol: _Optional[str] = ..., registered_holder: _Optional[str] = ..., registered_quantity: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., participants: _Optional[_Iterable[_Union[Holding, _Mapping]]] = ...) -> None: ...

class AnnounceDividendRequest(_message.Message):
    __slots__ = ("request_id", "symbol", "amount", "ex_date", "pay_date", "late", "record_date")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    EX_DATE_FIELD_NUMBER: _ClassVar[int]
    PAY_DATE_FIELD_NUMBER: _ClassVar[int]
    LATE_FIELD_NUMBER: _ClassVar[int]
    RECORD_DATE_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    symbol: str
    amount: _decimal_pb2.Decimal
    ex_date: str
    pay_date: str
    late: bool
    record_date: str
    def __init__(self, request_id: _Optional[str] = ..., symbol: _Optional[str] = ..., amount: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., ex_date: _Optional[str] = ..., pay_date: _Optional[str] = ..., late: _Optional[bool] = ..., record_date: _Optional[str] = ...) -> None: ...

class AnnounceSplitRequest(_message.Message):
    __slots__ = ("request_id", "symbol", "new_shares", "old_shares", "effective_date", "late")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    NEW_SHARES_FIELD_NUMBER: _ClassVar[int]
    OLD_SHARES_FIELD_NUMBER: _ClassVar[int]
    EFFECTIVE_DATE_FIELD_NUMBER: _ClassVar[int]
    LATE_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    symbol: str
    new_shares: int
    old_shares: int
    effective_date: str
    late: bool
    def __init__(self, request_id: _Optional[str] = ..., symbol: _Optional[str] = ..., new_shares: _Optional[int] = ..., old_shares: _Optional[int] = ..., effective_date: _Optional[str] = ..., late: _Optional[bool] = ...) -> None: ...

class Proposal(_message.Message):
    __slots__ = ("proposal_id", "text", "routine", "board_recommendation")
    PROPOSAL_ID_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    ROUTINE_FIELD_NUMBER: _ClassVar[int]
    BOARD_RECOMMENDATION_FIELD_NUMBER: _ClassVar[int]
    proposal_id: str
    text: str
    routine: bool
    board_recommendation: str
    def __init__(self, proposal_id: _Optional[str] = ..., text: _Optional[str] = ..., routine: _Optional[bool] = ..., board_recommendation: _Optional[str] = ...) -> None: ...

class AnnounceMeetingRequest(_message.Message):
    __slots__ = ("request_id", "symbol", "record_date", "meeting_date", "proposals", "agenda", "late")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    RECORD_DATE_FIELD_NUMBER: _ClassVar[int]
    MEETING_DATE_FIELD_NUMBER: _ClassVar[int]
    PROPOSALS_FIELD_NUMBER: _ClassVar[int]
    AGENDA_FIELD_NUMBER: _ClassVar[int]
    LATE_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    symbol: str
    record_date: str
    meeting_date: str
    proposals: _containers.RepeatedScalarFieldContainer[str]
    agenda: _containers.RepeatedCompositeFieldContainer[Proposal]
    late: bool
    def __init__(self, request_id: _Optional[str] = ..., symbol: _Optional[str] = ..., record_date: _Optional[str] = ..., meeting_date: _Optional[str] = ..., proposals: _Optional[_Iterable[str]] = ..., agenda: _Optional[_Iterable[_Union[Proposal, _Mapping]]] = ..., late: _Optional[bool] = ...) -> None: ...

class DueBill(_message.Message):
    __slots__ = ("trade_id", "trade_ref", "seller", "buyer", "shares", "cash", "trade_date", "settlement_date", "redeemed_at")
    TRADE_ID_FIELD_NUMBER: _ClassVar[int]
    TRADE_REF_FIELD_NUMBER: _ClassVar[int]
    SELLER_FIELD_NUMBER: _ClassVar[int]
    BUYER_FIELD_NUMBER: _ClassVar[int]
    SHARES_FIELD_NUMBER: _ClassVar[int]
    CASH_FIELD_NUMBER: _ClassVar[int]
    TRADE_DATE_FIELD_NUMBER: _ClassVar[int]
    SETTLEMENT_DATE_FIELD_NUMBER: _ClassVar[int]
    REDEEMED_AT_FIELD_NUMBER: _ClassVar[int]
    trade_id: str
    trade_ref: str
    seller: str
    buyer: str
    shares: _decimal_pb2.Decimal
    cash: _decimal_pb2.Decimal
    trade_date: str
    settlement_date: str
    redeemed_at: _timestamp_pb2.Timestamp
    def __init__(self, trade_id: _Optional[str] = ..., trade_ref: _Optional[str] = ..., seller: _Optional[str] = ..., buyer: _Optional[str] = ..., shares: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., cash: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., trade_date: _Optional[str] = ..., settlement_date: _Optional[str] = ..., redeemed_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class CorporateAction(_message.Message):
    __slots__ = ("action_id", "kind", "symbol", "amount", "new_shares", "old_shares", "ex_date", "record_date", "pay_date", "effective_date", "meeting_date", "proposals", "status", "announced_at", "agenda", "late", "notice_days", "last_close", "large_distribution", "due_bills")
    ACTION_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    NEW_SHARES_FIELD_NUMBER: _ClassVar[int]
    OLD_SHARES_FIELD_NUMBER: _ClassVar[int]
    EX_DATE_FIELD_NUMBER: _ClassVar[int]
    RECORD_DATE_FIELD_NUMBER: _ClassVar[int]
    PAY_DATE_FIELD_NUMBER: _ClassVar[int]
    EFFECTIVE_DATE_FIELD_NUMBER: _ClassVar[int]
    MEETING_DATE_FIELD_NUMBER: _ClassVar[int]
    PROPOSALS_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    ANNOUNCED_AT_FIELD_NUMBER: _ClassVar[int]
    AGENDA_FIELD_NUMBER: _ClassVar[int]
    LATE_FIELD_NUMBER: _ClassVar[int]
    NOTICE_DAYS_FIELD_NUMBER: _ClassVar[int]
    LAST_CLOSE_FIELD_NUMBER: _ClassVar[int]
    LARGE_DISTRIBUTION_FIELD_NUMBER: _ClassVar[int]
    DUE_BILLS_FIELD_NUMBER: _ClassVar[int]
    action_id: str
    kind: str
    symbol: str
    amount: _decimal_pb2.Decimal
    new_shares: int
    old_shares: int
    ex_date: str
    record_date: str
    pay_date: str
    effective_date: str
    meeting_date: str
    proposals: _containers.RepeatedScalarFieldContainer[str]
    status: _statuses_pb2.CorporateActionStatus
    announced_at: _timestamp_pb2.Timestamp
    agenda: _containers.RepeatedCompositeFieldContainer[Proposal]
    late: bool
    notice_days: int
    last_close: _decimal_pb2.Decimal
    large_distribution: bool
    due_bills: _containers.RepeatedCompositeFieldContainer[DueBill]
    def __init__(self, action_id: _Optional[str] = ..., kind: _Optional[str] = ..., symbol: _Optional[str] = ..., amount: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., new_shares: _Optional[int] = ..., old_shares: _Optional[int] = ..., ex_date: _Optional[str] = ..., record_date: _Optional[str] = ..., pay_date: _Optional[str] = ..., effective_date: _Optional[str] = ..., meeting_date: _Optional[str] = ..., proposals: _Optional[_Iterable[str]] = ..., status: _Optional[_Union[_statuses_pb2.CorporateActionStatus, str]] = ..., announced_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., agenda: _Optional[_Iterable[_Union[Proposal, _Mapping]]] = ..., late: _Optional[bool] = ..., notice_days: _Optional[int] = ..., last_close: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., large_distribution: _Optional[bool] = ..., due_bills: _Optional[_Iterable[_Union[DueBill, _Mapping]]] = ...) -> None: ...

class ListCorporateActionsRequest(_message.Message):
    __slots__ = ("symbol", "kind", "limit", "page_token")
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    symbol: str
    kind: str
    limit: int
    page_token: str
    def __init__(self, symbol: _Optional[str] = ..., kind: _Optional[str] = ..., limit: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListCorporateActionsResponse(_message.Message):
    __slots__ = ("actions", "next_page_token")
    ACTIONS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    actions: _containers.RepeatedCompositeFieldContainer[CorporateAction]
    next_page_token: str
    def __init__(self, actions: _Optional[_Iterable[_Union[CorporateAction, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class Entitlement(_message.Message):
    __slots__ = ("action_id", "participant_id", "symbol", "settled", "pending", "shares", "cash", "paid", "paid_at", "due_bill_shares", "due_bill_cash")
    ACTION_ID_FIELD_NUMBER: _ClassVar[int]
    PARTICIPANT_ID_FIELD_NUMBER: _ClassVar[int]
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    SETTLED_FIELD_NUMBER: _ClassVar[int]
    PENDING_FIELD_NUMBER: _ClassVar[int]
    SHARES_FIELD_NUMBER: _ClassVar[int]
    CASH_FIELD_NUMBER: _ClassVar[int]
    PAID_FIELD_NUMBER: _ClassVar[int]
    PAID_AT_FIELD_NUMBER: _ClassVar[int]
    DUE_BILL_SHARES_FIELD_NUMBER: _ClassVar[int]
    DUE_BILL_CASH_FIELD_NUMBER: _ClassVar[int]
    action_id: str
    participant_id: str
    symbol: str
    settled: _decimal_pb2.Decimal
    pending: _decimal_pb2.Decimal
    shares: _decimal_pb2.Decimal
    cash: _decimal_pb2.Decimal
    paid: bool
    paid_at: _timestamp_pb2.Timestamp
    due_bill_shares: _decimal_pb2.Decimal
    due_bill_cash: _decimal_pb2.Decimal
    def __init__(self, action_id: _Optional[str] = ..., participant_id: _Optional[str] = ..., symbol: _Optional[str] = ..., settled: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., pending: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., shares: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., cash: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., paid: _Optional[bool] = ..., paid_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., due_bill_shares: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., due_bill_cash: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ...) -> None: ...

class ListEntitlementsRequest(_message.Message):
    __slots__ = ("action_id", "participant_id", "limit", "page_token")
    ACTION_ID_FIELD_NUMBER: _ClassVar[int]
    PARTICIPANT_ID_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    action_id: str
    participant_id: str
    limit: int
    page_token: str
    def __init__(self, action_id: _Optional[str] = ..., participant_id: _Optional[str] = ..., limit: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListEntitlementsResponse(_message.Message):
    __slots__ = ("entitlements", "next_page_token")
    ENTITLEMENTS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    entitlements: _containers.RepeatedCompositeFieldContainer[Entitlement]
    next_page_token: str
    def __init__(self, entitlements: _Optional[_Iterable[_Union[Entitlement, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class BuyIn(_message.Message):
    __slots__ = ("buy_in_id", "participant_id", "symbol", "quantity", "price", "cost", "failing_since", "deadline", "executed_at", "delivered", "rule")
    BUY_IN_ID_FIELD_NUMBER: _ClassVar[int]
    PARTICIPANT_ID_FIELD_NUMBER: _ClassVar[int]
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    QUANTITY_FIELD_NUMBER: _ClassVar[int]
    PRICE_FIELD_NUMBER: _ClassVar[int]
    COST_FIELD_NUMBER: _ClassVar[int]
    FAILING_SINCE_FIELD_NUMBER: _ClassVar[int]
    DEADLINE_FIELD_NUMBER: _ClassVar[int]
    EXECUTED_AT_FIELD_NUMBER: _ClassVar[int]
    DELIVERED_FIELD_NUMBER: _ClassVar[int]
    RULE_FIELD_NUMBER: _ClassVar[int]
    buy_in_id: str
    participant_id: str
    symbol: str
    quantity: _decimal_pb2.Decimal
    price: _decimal_pb2.Decimal
    cost: _decimal_pb2.Decimal
    failing_since: str
    deadline: str
    executed_at: _timestamp_pb2.Timestamp
    delivered: _containers.RepeatedCompositeFieldContainer[Holding]
    rule: str
    def __init__(self, buy_in_id: _Optional[str] = ..., participant_id: _Optional[str] = ..., symbol: _Optional[str] = ..., quantity: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., price: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., cost: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., failing_since: _Optional[str] = ..., deadline: _Optional[str] = ..., executed_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., delivered: _Optional[_Iterable[_Union[Holding, _Mapping]]] = ..., rule: _Optional[str] = ...) -> None: ...

class ListBuyInsRequest(_message.Message):
    __slots__ = ("participant_id", "symbol", "limit", "page_token")
    PARTICIPANT_ID_FIELD_NUMBER: _ClassVar[int]
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    participant_id: str
    symbol: str
    limit: int
    page_token: str
    def __init__(self, participant_id: _Optional[str] = ..., symbol: _Optional[str] = ..., limit: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListBuyInsResponse(_message.Message):
    __slots__ = ("buy_ins", "next_page_token")
    BUY_INS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    buy_ins: _containers.RepeatedCompositeFieldContainer[BuyIn]
    next_page_token: str
    def __init__(self, buy_ins: _Optional[_Iterable[_Union[BuyIn, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...
