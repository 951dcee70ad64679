import datetime

from google.protobuf import descriptor_pb2 as _descriptor_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from fivelayer.v1 import decimal_pb2 as _decimal_pb2
from fivelayer.v1 import statuses_pb2 as _statuses_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor
EVENT_TYPE_FIELD_NUMBER: _ClassVar[int]
event_type: _descriptor.FieldDescriptor
EVENT_SERVICE_FIELD_NUMBER: _ClassVar[int]
event_service: _descriptor.FieldDescriptor

class ClockAdvanced(_message.Message):
    __slots__ = ("start", "to", "reason", "jobs")
    START_FIELD_NUMBER: _ClassVar[int]
    TO_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    JOBS_FIELD_NUMBER: _ClassVar[int]
    start: _timestamp_pb2.Timestamp
    to: _timestamp_pb2.Timestamp
    reason: str
    jobs: int
    def __init__(self, start: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., to: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., reason: _Optional[str] = ..., jobs: _Optional[int] = ...) -> None: ...

class ClockMode(_message.Message):
    __slots__ = ("mode", "speed")
    MODE_FIELD_NUMBER: _ClassVar[int]
    SPEED_FIELD_NUMBER: _ClassVar[int]
    mode: str
    speed: str
    def __init__(self, mode: _Optional[str] = ..., speed: _Optional[str] = ...) -> None: ...

class MarketOpen(_message.Message):
    __slots__ = ("session",)
    SESSION_FIELD_NUMBER: _ClassVar[int]
    session: str
    def __init__(self, session: _Optional[str] = ...) -> None: ...

class MarketClose(_message.Message):
    __slots__ = ("session", "settles")
    SESSION_FIELD_NUMBER: _ClassVar[int]
    SETTLES_FIELD_NUMBER: _ClassVar[int]
    session: str
    settles: str
    def __init__(self, session: _Optional[str] = ..., settles: _Optional[str] = ...) -> None: ...

class FaultScheduled(_message.Message):
    __slots__ = ("fault_id", "kind", "description", "at", "until", "reason")
    FAULT_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    AT_FIELD_NUMBER: _ClassVar[int]
    UNTIL_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    fault_id: str
    kind: str
    description: str
    at: _timestamp_pb2.Timestamp
    until: _timestamp_pb2.Timestamp
    reason: str
    def __init__(self, fault_id: _Optional[str] = ..., kind: _Optional[str] = ..., description: _Optional[str] = ..., at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., until: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., reason: _Optional[str] = ...) -> None: ...

class FaultInjected(_message.Message):
    __slots__ = ("fault_id", "kind", "description", "until", "reason")
    FAULT_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    UNTIL_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    fault_id: str
    kind: str
    description: str
    until: _timestamp_pb2.Timestamp
    reason: str
    def __init__(self, fault_id: _Optional[str] = ..., kind: _Optional[str] = ..., description: _Optional[str] = ..., until: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., reason: _Optional[str] = ...) -> None: ...

class FaultCleared(_message.Message):
    __slots__ = ("fault_id", "kind", "by")
    FAULT_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    BY_FIELD_NUMBER: _ClassVar[int]
    fault_id: str
    kind: str
    by: str
    def __init__(self, fault_id: _Optional[str] = ..., kind: _Optional[str] = ..., by: _Optional[str] = ...) -> None: ...

class FaultExpired(_message.Message):
    __slots__ = ("fault_id", "kind")
    FAULT_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    fault_id: str
    kind: str
    def __init__(self, fault_id: _Optional[str] = ..., kind: _Optional[str] = ...) -> None: ...

class ParticipantOpened(_message.Message):
    __slots__ = ("participant", "name", "kind", "cash")
    PARTICIPANT_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    CASH_FIELD_NUMBER: _ClassVar[int]
    participant: str
    name: str
    kind: str
    cash: _decimal_pb2.Decimal
    def __init__(self, participant: _Optional[str] = ..., name: _Optional[str] = ..., kind: _Optional[str] = ..., cash: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ...) -> None: ...

class SecurityRegistered(_message.Message):
    __slots__ = ("symbol", "holder", "quantity")
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    HOLDER_FIELD_NUMBER: _ClassVar[int]
    QUANTITY_FIELD_NUMBER: _ClassVar[int]
    symbol: str
    holder: str
    quantity: _decimal_pb2.Decimal
    def __init__(self, symbol: _Optional[str] = ..., holder: _Optional[str] = ..., quantity: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ...) -> None: ...

class TradeCaptured(_message.Message):
    __slots__ = ("trade_id", "trade_ref", "buyer", "seller", "symbol", "quantity", "price", "amount", "trade_date", "settlement_date")
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
    def __init__(self, trade_id: _Optional[str] = ..., trade_ref: _Optional[str] = ..., buyer: _Optional[str] = ..., seller: _Optional[str] = ..., symbol: _Optional[str] = ..., quantity: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., price: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., amount: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., trade_date: _Optional[str] = ..., settlement_date: _Optional[str] = ...) -> None: ...

class DeliveryFailSet(_message.Message):
    __slots__ = ("participant", "symbol", "settlement_date")
    PARTICIPANT_FIELD_NUMBER: _ClassVar[int]
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    SETTLEMENT_DATE_FIELD_NUMBER: _ClassVar[int]
    participant: str
    symbol: str
    settlement_date: str
    def __init__(self, participant: _Optional[str] = ..., symbol: _Optional[str] = ..., settlement_date: _Optional[str] = ...) -> None: ...

class DeliveryFailCleared(_message.Message):
    __slots__ = ("participant", "symbol", "settlement_date")
    PARTICIPANT_FIELD_NUMBER: _ClassVar[int]
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    SETTLEMENT_DATE_FIELD_NUMBER: _ClassVar[int]
    participant: str
    symbol: str
    settlement_date: str
    def __init__(self, participant: _Optional[str] = ..., symbol: _Optional[str] = ..., settlement_date: _Optional[str] = ...) -> None: ...

class SettlementLineSettled(_message.Message):
    __slots__ = ("settlement_date", "participant", "symbol", "net_quantity", "net_money", "settled_quantity", "failed_quantity")
    SETTLEMENT_DATE_FIELD_NUMBER: _ClassVar[int]
    PARTICIPANT_FIELD_NUMBER: _ClassVar[int]
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    NET_QUANTITY_FIELD_NUMBER: _ClassVar[int]
    NET_MONEY_FIELD_NUMBER: _ClassVar[int]
    SETTLED_QUANTITY_FIELD_NUMBER: _ClassVar[int]
    FAILED_QUANTITY_FIELD_NUMBER: _ClassVar[int]
    settlement_date: str
    participant: str
    symbol: str
    net_quantity: _decimal_pb2.Decimal
    net_money: _decimal_pb2.Decimal
    settled_quantity: _decimal_pb2.Decimal
    failed_quantity: _decimal_pb2.Decimal
    def __init__(self, settlement_date: _Optional[str] = ..., participant: _Optional[str] = ..., symbol: _Optional[str] = ..., net_quantity: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., net_money: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., settled_quantity: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., failed_quantity: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ...) -> None: ...

class SettlementLineFailed(_message.Message):
    __slots__ = ("settlement_date", "participant", "symbol", "net_quantity", "net_money", "settled_quantity", "failed_quantity")
    SETTLEMENT_DATE_FIELD_NUMBER: _ClassVar[int]
    PARTICIPANT_FIELD_NUMBER: _ClassVar[int]
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    NET_QUANTITY_FIELD_NUMBER: _ClassVar[int]
    NET_MONEY_FIELD_NUMBER: _ClassVar[int]
    SETTLED_QUANTITY_FIELD_NUMBER: _ClassVar[int]
    FAILED_QUANTITY_FIELD_NUMBER: _ClassVar[int]
    settlement_date: str
    participant: str
    symbol: str
    net_quantity: _decimal_pb2.Decimal
    net_money: _decimal_pb2.Decimal
    settled_quantity: _decimal_pb2.Decimal
    failed_quantity: _decimal_pb2.Decimal
    def __init__(self, settlement_date: _Optional[str] = ..., participant: _Optional[str] = ..., symbol: _Optional[str] = ..., net_quantity: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., net_money: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., settled_quantity: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., failed_quantity: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ...) -> None: ...

class SettlementCompleted(_message.Message):
    __slots__ = ("settlement_date", "trades", "lines", "gross_value", "net_value", "fails")
    SETTLEMENT_DATE_FIELD_NUMBER: _ClassVar[int]
    TRADES_FIELD_NUMBER: _ClassVar[int]
    LINES_FIELD_NUMBER: _ClassVar[int]
    GROSS_VALUE_FIELD_NUMBER: _ClassVar[int]
    NET_VALUE_FIELD_NUMBER: _ClassVar[int]
    FAILS_FIELD_NUMBER: _ClassVar[int]
    settlement_date: str
    trades: int
    lines: int
    gross_value: _decimal_pb2.Decimal
    net_value: _decimal_pb2.Decimal
    fails: int
    def __init__(self, settlement_date: _Optional[str] = ..., trades: _Optional[int] = ..., lines: _Optional[int] = ..., gross_value: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., net_value: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., fails: _Optional[int] = ...) -> None: ...

class TradeSettledLate(_message.Message):
    __slots__ = ("trade_id", "trade_ref", "symbol", "quantity", "settlement_date")
    TRADE_ID_FIELD_NUMBER: _ClassVar[int]
    TRADE_REF_FIELD_NUMBER: _ClassVar[int]
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    QUANTITY_FIELD_NUMBER: _ClassVar[int]
    SETTLEMENT_DATE_FIELD_NUMBER: _ClassVar[int]
    trade_id: str
    trade_ref: str
    symbol: str
    quantity: _decimal_pb2.Decimal
    settlement_date: str
    def __init__(self, trade_id: _Optional[str] = ..., trade_ref: _Optional[str] = ..., symbol: _Optional[str] = ..., quantity: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., settlement_date: _Optional[str] = ...) -> None: ...

class SettlementBoughtIn(_message.Message):
    __slots__ = ("buy_in_id", "participant", "symbol", "quantity", "price", "cost", "failing_since", "deadline", "rule", "delivered")
    class Delivery(_message.Message):
        __slots__ = ("participant", "quantity")
        PARTICIPANT_FIELD_NUMBER: _ClassVar[int]
        QUANTITY_FIELD_NUMBER: _ClassVar[int]
        participant: str
        quantity: _decimal_pb2.Decimal
        def __init__(self, participant: _Optional[str] = ..., quantity: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ...) -> None: ...
    BUY_IN_ID_FIELD_NUMBER: _ClassVar[int]
    PARTICIPANT_FIELD_NUMBER: _ClassVar[int]
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    QUANTITY_FIELD_NUMBER: _ClassVar[int]
    PRICE_FIELD_NUMBER: _ClassVar[int]
    COST_FIELD_NUMBER: _ClassVar[int]
    FAILING_SINCE_FIELD_NUMBER: _ClassVar[int]
    DEADLINE_FIELD_NUMBER: _ClassVar[int]
    RULE_FIELD_NUMBER: _ClassVar[int]
    DELIVERED_FIELD_NUMBER: _ClassVar[int]
    buy_in_id: str
    participant: str
    symbol: str
    quantity: _decimal_pb2.Decimal
    price: _decimal_pb2.Decimal
    cost: _decimal_pb2.Decimal
    failing_since: str
    deadline: str
    rule: str
    delivered: _containers.RepeatedCompositeFieldContainer[SettlementBoughtIn.Delivery]
    def __init__(self, buy_in_id: _Optional[str] = ..., participant: _Optional[str] = ..., symbol: _Optional[str] = ..., quantity: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., price: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., cost: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., failing_since: _Optional[str] = ..., deadline: _Optional[str] = ..., rule: _Optional[str] = ..., delivered: _Optional[_Iterable[_Union[SettlementBoughtIn.Delivery, _Mapping]]] = ...) -> None: ...

class CaAnnounced(_message.Message):
    __slots__ = ("action_id", "kind", "symbol", "amount", "new_shares", "old_shares", "ex_date", "record_date", "pay_date", "effective_date", "meeting_date", "proposals", "agenda", "late", "notice_days", "last_close", "large_distribution")
    class AgendaItem(_message.Message):
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
    AGENDA_FIELD_NUMBER: _ClassVar[int]
    LATE_FIELD_NUMBER: _ClassVar[int]
    NOTICE_DAYS_FIELD_NUMBER: _ClassVar[int]
    LAST_CLOSE_FIELD_NUMBER: _ClassVar[int]
    LARGE_DISTRIBUTION_FIELD_NUMBER: _ClassVar[int]
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
    agenda: _containers.RepeatedCompositeFieldContainer[CaAnnounced.AgendaItem]
    late: bool
    notice_days: int
    last_close: _decimal_pb2.Decimal
    large_distribution: bool
    def __init__(self, action_id: _Optional[str] = ..., kind: _Optional[str] = ..., symbol: _Optional[str] = ..., amount: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., new_shares: _Optional[int] = ..., old_shares: _Optional[int] = ..., ex_date: _Optional[str] = ..., record_date: _Optional[str] = ..., pay_date: _Optional[str] = ..., effective_date: _Optional[str] = ..., meeting_date: _Optional[str] = ..., proposals: _Optional[_Iterable[str]] = ..., agenda: _Optional[_Iterable[_Union[CaAnnounced.AgendaItem, _Mapping]]] = ..., late: _Optional[bool] = ..., notice_days: _Optional[int] = ..., last_close: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., large_distribution: _Optional[bool] = ...) -> None: ...

class CaEntitled(_message.Message):
    __slots__ = ("action_id", "kind", "symbol", "record_date", "shares", "cash", "entitlements")
    class Entitlement(_message.Message):
        __slots__ = ("participant", "settled", "pending", "shares")
        PARTICIPANT_FIELD_NUMBER: _ClassVar[int]
        SETTLED_FIELD_NUMBER: _ClassVar[int]
        PENDING_FIELD_NUMBER: _ClassVar[int]
        SHARES_FIELD_NUMBER: _ClassVar[int]
        participant: str
        settled: _decimal_pb2.Decimal
        pending: _decimal_pb2.Decimal
        shares: _decimal_pb2.Decimal
        def __init__(self, participant: _Optional[str] = ..., settled: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., pending: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., shares: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ...) -> None: ...
    ACTION_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    RECORD_DATE_FIELD_NUMBER: _ClassVar[int]
    SHARES_FIELD_NUMBER: _ClassVar[int]
    CASH_FIELD_NUMBER: _ClassVar[int]
    ENTITLEMENTS_FIELD_NUMBER: _ClassVar[int]
    action_id: str
    kind: str
    symbol: str
    record_date: str
    shares: _decimal_pb2.Decimal
    cash: _decimal_pb2.Decimal
    entitlements: _containers.RepeatedCompositeFieldContainer[CaEntitled.Entitlement]
    def __init__(self, action_id: _Optional[str] = ..., kind: _Optional[str] = ..., symbol: _Optional[str] = ..., record_date: _Optional[str] = ..., shares: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., cash: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., entitlements: _Optional[_Iterable[_Union[CaEntitled.Entitlement, _Mapping]]] = ...) -> None: ...

class CaPaid(_message.Message):
    __slots__ = ("action_id", "symbol", "pay_date", "amount", "cash", "payments")
    class Payment(_message.Message):
        __slots__ = ("participant", "shares", "cash")
        PARTICIPANT_FIELD_NUMBER: _ClassVar[int]
        SHARES_FIELD_NUMBER: _ClassVar[int]
        CASH_FIELD_NUMBER: _ClassVar[int]
        participant: str
        shares: _decimal_pb2.Decimal
        cash: _decimal_pb2.Decimal
        def __init__(self, participant: _Optional[str] = ..., shares: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., cash: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ...) -> None: ...
    ACTION_ID_FIELD_NUMBER: _ClassVar[int]
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    PAY_DATE_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    CASH_FIELD_NUMBER: _ClassVar[int]
    PAYMENTS_FIELD_NUMBER: _ClassVar[int]
    action_id: str
    symbol: str
    pay_date: str
    amount: _decimal_pb2.Decimal
    cash: _decimal_pb2.Decimal
    payments: _containers.RepeatedCompositeFieldContainer[CaPaid.Payment]
    def __init__(self, action_id: _Optional[str] = ..., symbol: _Optional[str] = ..., pay_date: _Optional[str] = ..., amount: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., cash: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., payments: _Optional[_Iterable[_Union[CaPaid.Payment, _Mapping]]] = ...) -> None: ...

class CaDueBillsRedeemed(_message.Message):
    __slots__ = ("action_id", "symbol", "amount", "record_date", "ex_date", "rule", "cash", "due_bills")
    class DueBill(_message.Message):
        __slots__ = ("trade_id", "trade_ref", "seller", "buyer", "shares", "cash", "trade_date")
        TRADE_ID_FIELD_NUMBER: _ClassVar[int]
        TRADE_REF_FIELD_NUMBER: _ClassVar[int]
        SELLER_FIELD_NUMBER: _ClassVar[int]
        BUYER_FIELD_NUMBER: _ClassVar[int]
        SHARES_FIELD_NUMBER: _ClassVar[int]
        CASH_FIELD_NUMBER: _ClassVar[int]
        TRADE_DATE_FIELD_NUMBER: _ClassVar[int]
        trade_id: str
        trade_ref: str
        seller: str
        buyer: str
        shares: _decimal_pb2.Decimal
        cash: _decimal_pb2.Decimal
        trade_date: str
        def __init__(self, trade_id: _Optional[str] = ..., trade_ref: _Optional[str] = ..., seller: _Optional[str] = ..., buyer: _Optional[str] = ..., shares: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., cash: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., trade_date: _Optional[str] = ...) -> None: ...
    ACTION_ID_FIELD_NUMBER: _ClassVar[int]
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    RECORD_DATE_FIELD_NUMBER: _ClassVar[int]
    EX_DATE_FIELD_NUMBER: _ClassVar[int]
    RULE_FIELD_NUMBER: _ClassVar[int]
    CASH_FIELD_NUMBER: _ClassVar[int]
    DUE_BILLS_FIELD_NUMBER: _ClassVar[int]
    action_id: str
    symbol: str
    amount: _decimal_pb2.Decimal
    record_date: str
    ex_date: str
    rule: str
    cash: _decimal_pb2.Decimal
    due_bills: _containers.RepeatedCompositeFieldContainer[CaDueBillsRedeemed.DueBill]
    def __init__(self, action_id: _Optional[str] = ..., symbol: _Optional[str] = ..., amount: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., record_date: _Optional[str] = ..., ex_date: _Optional[str] = ..., rule: _Optional[str] = ..., cash: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., due_bills: _Optional[_Iterable[_Union[CaDueBillsRedeemed.DueBill, _Mapping]]] = ...) -> None: ...

class CaHeld(_message.Message):
    __slots__ = ("action_id", "symbol", "meeting_date")
    ACTION_ID_FIELD_NUMBER: _ClassVar[int]
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    MEETING_DATE_FIELD_NUMBER: _ClassVar[int]
    action_id: str
    symbol: str
    meeting_date: str
    def __init__(self, action_id: _Optional[str] = ..., symbol: _Optional[str] = ..., meeting_date: _Optional[str] = ...) -> None: ...

class CaSplitApplied(_message.Message):
    __slots__ = ("action_id", "symbol", "new_shares", "old_shares", "effective_date", "close", "registered", "open_trades", "open_fails", "holdings")
    class Holding(_message.Message):
        __slots__ = ("holder", "before", "after", "cash_in_lieu")
        HOLDER_FIELD_NUMBER: _ClassVar[int]
        BEFORE_FIELD_NUMBER: _ClassVar[int]
        AFTER_FIELD_NUMBER: _ClassVar[int]
        CASH_IN_LIEU_FIELD_NUMBER: _ClassVar[int]
        holder: str
        before: _decimal_pb2.Decimal
        after: _decimal_pb2.Decimal
        cash_in_lieu: _decimal_pb2.Decimal
        def __init__(self, holder: _Optional[str] = ..., before: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., after: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., cash_in_lieu: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ...) -> None: ...
    ACTION_ID_FIELD_NUMBER: _ClassVar[int]
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    NEW_SHARES_FIELD_NUMBER: _ClassVar[int]
    OLD_SHARES_FIELD_NUMBER: _ClassVar[int]
    EFFECTIVE_DATE_FIELD_NUMBER: _ClassVar[int]
    CLOSE_FIELD_NUMBER: _ClassVar[int]
    REGISTERED_FIELD_NUMBER: _ClassVar[int]
    OPEN_TRADES_FIELD_NUMBER: _ClassVar[int]
    OPEN_FAILS_FIELD_NUMBER: _ClassVar[int]
    HOLDINGS_FIELD_NUMBER: _ClassVar[int]
    action_id: str
    symbol: str
    new_shares: int
    old_shares: int
    effective_date: str
    close: _decimal_pb2.Decimal
    registered: _decimal_pb2.Decimal
    open_trades: int
    open_fails: int
    holdings: _containers.RepeatedCompositeFieldContainer[CaSplitApplied.Holding]
    def __init__(self, action_id: _Optional[str] = ..., symbol: _Optional[str] = ..., new_shares: _Optional[int] = ..., old_shares: _Optional[int] = ..., effective_date: _Optional[str] = ..., close: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., registered: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., open_trades: _Optional[int] = ..., open_fails: _Optional[int] = ..., holdings: _Optional[_Iterable[_Union[CaSplitApplied.Holding, _Mapping]]] = ...) -> None: ...

class ChainReorg(_message.Message):
    __slots__ = ("depth", "dropped")
    DEPTH_FIELD_NUMBER: _ClassVar[int]
    DROPPED_FIELD_NUMBER: _ClassVar[int]
    depth: int
    dropped: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, depth: _Optional[int] = ..., dropped: _Optional[_Iterable[str]] = ...) -> None: ...

class TokenDeployed(_message.Message):
    __slots__ = ("symbol", "address", "tx_hash", "block")
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    ADDRESS_FIELD_NUMBER: _ClassVar[int]
    TX_HASH_FIELD_NUMBER: _ClassVar[int]
    BLOCK_FIELD_NUMBER: _ClassVar[int]
    symbol: str
    address: str
    tx_hash: str
    block: int
    def __init__(self, symbol: _Optional[str] = ..., address: _Optional[str] = ..., tx_hash: _Optional[str] = ..., block: _Optional[int] = ...) -> None: ...

class TokenMint(_message.Message):
    __slots__ = ("origin", "symbol", "sender", "tx_hash", "block", "to", "amount")
    ORIGIN_FIELD_NUMBER: _ClassVar[int]
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    SENDER_FIELD_NUMBER: _ClassVar[int]
    TX_HASH_FIELD_NUMBER: _ClassVar[int]
    BLOCK_FIELD_NUMBER: _ClassVar[int]
    FROM_FIELD_NUMBER: _ClassVar[int]
    TO_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    origin: str
    symbol: str
    sender: str
    tx_hash: str
    block: int
    to: str
    amount: _decimal_pb2.Decimal
    def __init__(self, origin: _Optional[str] = ..., symbol: _Optional[str] = ..., sender: _Optional[str] = ..., tx_hash: _Optional[str] = ..., block: _Optional[int] = ..., to: _Optional[str] = ..., amount: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., **kwargs) -> None: ...

class TokenBurn(_message.Message):
    __slots__ = ("origin", "symbol", "sender", "tx_hash", "block", "to", "amount")
    ORIGIN_FIELD_NUMBER: _ClassVar[int]
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    SENDER_FIELD_NUMBER: _ClassVar[int]
    TX_HASH_FIELD_NUMBER: _ClassVar[int]
    BLOCK_FIELD_NUMBER: _ClassVar[int]
    FROM_FIELD_NUMBER: _ClassVar[int]
    TO_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    origin: str
    symbol: str
    sender: str
    tx_hash: str
    block: int
    to: str
    amount: _decimal_pb2.Decimal
    def __init__(self, origin: _Optional[str] = ..., symbol: _Optional[str] = ..., sender: _Optional[str] = ..., tx_hash: _Optional[str] = ..., block: _Optional[int] = ..., to: _Optional[str] = ..., amount: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., **kwargs) -> None: ...

class TokenTransfer(_message.Message):
    __slots__ = ("origin", "symbol", "sender", "tx_hash", "block", "to", "amount")
    ORIGIN_FIELD_NUMBER: _ClassVar[int]
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    SENDER_FIELD_NUMBER: _ClassVar[int]
    TX_HASH_FIELD_NUMBER: _ClassVar[int]
    BLOCK_FIELD_NUMBER: _ClassVar[int]
    FROM_FIELD_NUMBER: _ClassVar[int]
    TO_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    origin: str
    symbol: str
    sender: str
    tx_hash: str
    block: int
    to: str
    amount: _decimal_pb2.Decimal
    def __init__(self, origin: _Optional[str] = ..., symbol: _Optional[str] = ..., sender: _Optional[str] = ..., tx_hash: _Optional[str] = ..., block: _Optional[int] = ..., to: _Optional[str] = ..., amount: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., **kwargs) -> None: ...

class TokenApproval(_message.Message):
    __slots__ = ("origin", "symbol", "sender", "tx_hash", "block", "to", "amount")
    ORIGIN_FIELD_NUMBER: _ClassVar[int]
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    SENDER_FIELD_NUMBER: _ClassVar[int]
    TX_HASH_FIELD_NUMBER: _ClassVar[int]
    BLOCK_FIELD_NUMBER: _ClassVar[int]
    FROM_FIELD_NUMBER: _ClassVar[int]
    TO_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    origin: str
    symbol: str
    sender: str
    tx_hash: str
    block: int
    to: str
    amount: _decimal_pb2.Decimal
    def __init__(self, origin: _Optional[str] = ..., symbol: _Optional[str] = ..., sender: _Optional[str] = ..., tx_hash: _Optional[str] = ..., block: _Optional[int] = ..., to: _Optional[str] = ..., amount: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., **kwargs) -> None: ...

class TokenPause(_message.Message):
    __slots__ = ("origin", "symbol", "sender", "tx_hash", "block", "mint_paused", "transfers_paused")
    ORIGIN_FIELD_NUMBER: _ClassVar[int]
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    SENDER_FIELD_NUMBER: _ClassVar[int]
    TX_HASH_FIELD_NUMBER: _ClassVar[int]
    BLOCK_FIELD_NUMBER: _ClassVar[int]
    MINT_PAUSED_FIELD_NUMBER: _ClassVar[int]
    TRANSFERS_PAUSED_FIELD_NUMBER: _ClassVar[int]
    origin: str
    symbol: str
    sender: str
    tx_hash: str
    block: int
    mint_paused: bool
    transfers_paused: bool
    def __init__(self, origin: _Optional[str] = ..., symbol: _Optional[str] = ..., sender: _Optional[str] = ..., tx_hash: _Optional[str] = ..., block: _Optional[int] = ..., mint_paused: _Optional[bool] = ..., transfers_paused: _Optional[bool] = ...) -> None: ...

class TokenFreeze(_message.Message):
    __slots__ = ("origin", "symbol", "sender", "tx_hash", "block", "to", "frozen")
    ORIGIN_FIELD_NUMBER: _ClassVar[int]
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    SENDER_FIELD_NUMBER: _ClassVar[int]
    TX_HASH_FIELD_NUMBER: _ClassVar[int]
    BLOCK_FIELD_NUMBER: _ClassVar[int]
    TO_FIELD_NUMBER: _ClassVar[int]
    FROZEN_FIELD_NUMBER: _ClassVar[int]
    origin: str
    symbol: str
    sender: str
    tx_hash: str
    block: int
    to: str
    frozen: bool
    def __init__(self, origin: _Optional[str] = ..., symbol: _Optional[str] = ..., sender: _Optional[str] = ..., tx_hash: _Optional[str] = ..., block: _Optional[int] = ..., to: _Optional[str] = ..., frozen: _Optional[bool] = ...) -> None: ...

class TokenMultiplier(_message.Message):
    __slots__ = ("origin", "symbol", "sender", "tx_hash", "block", "effective_at", "multiplier", "multiplier_before")
    ORIGIN_FIELD_NUMBER: _ClassVar[int]
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    SENDER_FIELD_NUMBER: _ClassVar[int]
    TX_HASH_FIELD_NUMBER: _ClassVar[int]
    BLOCK_FIELD_NUMBER: _ClassVar[int]
    EFFECTIVE_AT_FIELD_NUMBER: _ClassVar[int]
    MULTIPLIER_FIELD_NUMBER: _ClassVar[int]
    MULTIPLIER_BEFORE_FIELD_NUMBER: _ClassVar[int]
    origin: str
    symbol: str
    sender: str
    tx_hash: str
    block: int
    effective_at: _timestamp_pb2.Timestamp
    multiplier: _decimal_pb2.Decimal
    multiplier_before: _decimal_pb2.Decimal
    def __init__(self, origin: _Optional[str] = ..., symbol: _Optional[str] = ..., sender: _Optional[str] = ..., tx_hash: _Optional[str] = ..., block: _Optional[int] = ..., effective_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., multiplier: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., multiplier_before: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ...) -> None: ...

class TokenReverted(_message.Message):
    __slots__ = ("origin", "symbol", "sender", "tx_hash", "block")
    ORIGIN_FIELD_NUMBER: _ClassVar[int]
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    SENDER_FIELD_NUMBER: _ClassVar[int]
    TX_HASH_FIELD_NUMBER: _ClassVar[int]
    BLOCK_FIELD_NUMBER: _ClassVar[int]
    origin: str
    symbol: str
    sender: str
    tx_hash: str
    block: int
    def __init__(self, origin: _Optional[str] = ..., symbol: _Optional[str] = ..., sender: _Optional[str] = ..., tx_hash: _Optional[str] = ..., block: _Optional[int] = ...) -> None: ...

class TokenCall(_message.Message):
    __slots__ = ("origin", "symbol", "sender", "tx_hash", "block")
    ORIGIN_FIELD_NUMBER: _ClassVar[int]
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    SENDER_FIELD_NUMBER: _ClassVar[int]
    TX_HASH_FIELD_NUMBER: _ClassVar[int]
    BLOCK_FIELD_NUMBER: _ClassVar[int]
    origin: str
    symbol: str
    sender: str
    tx_hash: str
    block: int
    def __init__(self, origin: _Optional[str] = ..., symbol: _Optional[str] = ..., sender: _Optional[str] = ..., tx_hash: _Optional[str] = ..., block: _Optional[int] = ...) -> None: ...

class StablecoinIssued(_message.Message):
    __slots__ = ("to", "amount", "tx_hash", "request_id", "wire_reference")
    TO_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    TX_HASH_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    WIRE_REFERENCE_FIELD_NUMBER: _ClassVar[int]
    to: str
    amount: _decimal_pb2.Decimal
    tx_hash: str
    request_id: str
    wire_reference: str
    def __init__(self, to: _Optional[str] = ..., amount: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., tx_hash: _Optional[str] = ..., request_id: _Optional[str] = ..., wire_reference: _Optional[str] = ...) -> None: ...

class StablecoinRedemptionRequested(_message.Message):
    __slots__ = ("redemption_id", "holder", "amount", "tx_hash", "burn_tx", "beneficiary_account_id", "status", "value_date", "pays_at", "reason")
    REDEMPTION_ID_FIELD_NUMBER: _ClassVar[int]
    HOLDER_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    TX_HASH_FIELD_NUMBER: _ClassVar[int]
    BURN_TX_FIELD_NUMBER: _ClassVar[int]
    BENEFICIARY_ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    VALUE_DATE_FIELD_NUMBER: _ClassVar[int]
    PAYS_AT_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    redemption_id: str
    holder: str
    amount: _decimal_pb2.Decimal
    tx_hash: str
    burn_tx: str
    beneficiary_account_id: str
    status: _statuses_pb2.StablecoinRedemptionStatus
    value_date: str
    pays_at: _timestamp_pb2.Timestamp
    reason: str
    def __init__(self, redemption_id: _Optional[str] = ..., holder: _Optional[str] = ..., amount: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., tx_hash: _Optional[str] = ..., burn_tx: _Optional[str] = ..., beneficiary_account_id: _Optional[str] = ..., status: _Optional[_Union[_statuses_pb2.StablecoinRedemptionStatus, str]] = ..., value_date: _Optional[str] = ..., pays_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., reason: _Optional[str] = ...) -> None: ...

class StablecoinConditionsSet(_message.Message):
    __slots__ = ("redemptions_halted", "redemption_price", "wire_delay", "stuck_usd", "reason", "halted", "rescheduled")
    REDEMPTIONS_HALTED_FIELD_NUMBER: _ClassVar[int]
    REDEMPTION_PRICE_FIELD_NUMBER: _ClassVar[int]
    WIRE_DELAY_FIELD_NUMBER: _ClassVar[int]
    STUCK_USD_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    HALTED_FIELD_NUMBER: _ClassVar[int]
    RESCHEDULED_FIELD_NUMBER: _ClassVar[int]
    redemptions_halted: bool
    redemption_price: _decimal_pb2.Decimal
    wire_delay: str
    stuck_usd: _decimal_pb2.Decimal
    reason: str
    halted: int
    rescheduled: int
    def __init__(self, redemptions_halted: _Optional[bool] = ..., redemption_price: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., wire_delay: _Optional[str] = ..., stuck_usd: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., reason: _Optional[str] = ..., halted: _Optional[int] = ..., rescheduled: _Optional[int] = ...) -> None: ...

class StablecoinWireHeld(_message.Message):
    __slots__ = ("redemption_id", "status", "value_date", "reason")
    REDEMPTION_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    VALUE_DATE_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    redemption_id: str
    status: _statuses_pb2.StablecoinRedemptionStatus
    value_date: str
    reason: str
    def __init__(self, redemption_id: _Optional[str] = ..., status: _Optional[_Union[_statuses_pb2.StablecoinRedemptionStatus, str]] = ..., value_date: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class StablecoinWireReturned(_message.Message):
    __slots__ = ("redemption_id", "account_id", "usd", "reason")
    REDEMPTION_ID_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    USD_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    redemption_id: str
    account_id: str
    usd: _decimal_pb2.Decimal
    reason: str
    def __init__(self, redemption_id: _Optional[str] = ..., account_id: _Optional[str] = ..., usd: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., reason: _Optional[str] = ...) -> None: ...

class StablecoinWireSent(_message.Message):
    __slots__ = ("redemption_id", "account_id", "amount", "price", "usd", "value_date", "request_id")
    REDEMPTION_ID_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    PRICE_FIELD_NUMBER: _ClassVar[int]
    USD_FIELD_NUMBER: _ClassVar[int]
    VALUE_DATE_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    redemption_id: str
    account_id: str
    amount: _decimal_pb2.Decimal
    price: _decimal_pb2.Decimal
    usd: _decimal_pb2.Decimal
    value_date: str
    request_id: str
    def __init__(self, redemption_id: _Optional[str] = ..., account_id: _Optional[str] = ..., amount: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., price: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., usd: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., value_date: _Optional[str] = ..., request_id: _Optional[str] = ...) -> None: ...

class SpvAccountOpened(_message.Message):
    __slots__ = ("token", "account_id", "customer_id", "broker")
    TOKEN_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_ID_FIELD_NUMBER: _ClassVar[int]
    BROKER_FIELD_NUMBER: _ClassVar[int]
    token: str
    account_id: str
    customer_id: str
    broker: str
    def __init__(self, token: _Optional[str] = ..., account_id: _Optional[str] = ..., customer_id: _Optional[str] = ..., broker: _Optional[str] = ...) -> None: ...

class SpvAccountFunded(_message.Message):
    __slots__ = ("token", "account_id", "amount", "source")
    TOKEN_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    token: str
    account_id: str
    amount: _decimal_pb2.Decimal
    source: str
    def __init__(self, token: _Optional[str] = ..., account_id: _Optional[str] = ..., amount: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., source: _Optional[str] = ...) -> None: ...

class FundingBufferOpened(_message.Message):
    __slots__ = ("token", "buffer", "clause")
    TOKEN_FIELD_NUMBER: _ClassVar[int]
    BUFFER_FIELD_NUMBER: _ClassVar[int]
    CLAUSE_FIELD_NUMBER: _ClassVar[int]
    token: str
    buffer: _decimal_pb2.Decimal
    clause: str
    def __init__(self, token: _Optional[str] = ..., buffer: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., clause: _Optional[str] = ...) -> None: ...

class MintCompleted(_message.Message):
    __slots__ = ("mint_id", "token", "quantity", "price", "fee", "cost", "payer", "recipient", "mint_tx", "hedge_order_id", "hedge_status")
    MINT_ID_FIELD_NUMBER: _ClassVar[int]
    TOKEN_FIELD_NUMBER: _ClassVar[int]
    QUANTITY_FIELD_NUMBER: _ClassVar[int]
    PRICE_FIELD_NUMBER: _ClassVar[int]
    FEE_FIELD_NUMBER: _ClassVar[int]
    COST_FIELD_NUMBER: _ClassVar[int]
    PAYER_FIELD_NUMBER: _ClassVar[int]
    RECIPIENT_FIELD_NUMBER: _ClassVar[int]
    MINT_TX_FIELD_NUMBER: _ClassVar[int]
    HEDGE_ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    HEDGE_STATUS_FIELD_NUMBER: _ClassVar[int]
    mint_id: str
    token: str
    quantity: _decimal_pb2.Decimal
    price: _decimal_pb2.Decimal
    fee: _decimal_pb2.Decimal
    cost: _decimal_pb2.Decimal
    payer: str
    recipient: str
    mint_tx: str
    hedge_order_id: str
    hedge_status: _statuses_pb2.HedgeStatus
    def __init__(self, mint_id: _Optional[str] = ..., token: _Optional[str] = ..., quantity: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., price: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., fee: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., cost: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., payer: _Optional[str] = ..., recipient: _Optional[str] = ..., mint_tx: _Optional[str] = ..., hedge_order_id: _Optional[str] = ..., hedge_status: _Optional[_Union[_statuses_pb2.HedgeStatus, str]] = ...) -> None: ...

class MintHedged(_message.Message):
    __slots__ = ("mint_id", "hedge_order_id", "hedge_status")
    MINT_ID_FIELD_NUMBER: _ClassVar[int]
    HEDGE_ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    HEDGE_STATUS_FIELD_NUMBER: _ClassVar[int]
    mint_id: str
    hedge_order_id: str
    hedge_status: _statuses_pb2.HedgeStatus
    def __init__(self, mint_id: _Optional[str] = ..., hedge_order_id: _Optional[str] = ..., hedge_status: _Optional[_Union[_statuses_pb2.HedgeStatus, str]] = ...) -> None: ...

class MintHedgeSettled(_message.Message):
    __slots__ = ("mint_id", "order_id")
    MINT_ID_FIELD_NUMBER: _ClassVar[int]
    ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    mint_id: str
    order_id: str
    def __init__(self, mint_id: _Optional[str] = ..., order_id: _Optional[str] = ...) -> None: ...

class RedemptionRequested(_message.Message):
    __slots__ = ("redemption_id", "token", "quantity", "holder", "burn_tx", "hedge_order_id", "status")
    REDEMPTION_ID_FIELD_NUMBER: _ClassVar[int]
    TOKEN_FIELD_NUMBER: _ClassVar[int]
    QUANTITY_FIELD_NUMBER: _ClassVar[int]
    HOLDER_FIELD_NUMBER: _ClassVar[int]
    BURN_TX_FIELD_NUMBER: _ClassVar[int]
    HEDGE_ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    redemption_id: str
    token: str
    quantity: _decimal_pb2.Decimal
    holder: str
    burn_tx: str
    hedge_order_id: str
    status: _statuses_pb2.RedemptionStatus
    def __init__(self, redemption_id: _Optional[str] = ..., token: _Optional[str] = ..., quantity: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., holder: _Optional[str] = ..., burn_tx: _Optional[str] = ..., hedge_order_id: _Optional[str] = ..., status: _Optional[_Union[_statuses_pb2.RedemptionStatus, str]] = ...) -> None: ...

class RedemptionFailed(_message.Message):
    __slots__ = ("redemption_id", "reason")
    REDEMPTION_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    redemption_id: str
    reason: str
    def __init__(self, redemption_id: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class RedemptionPaid(_message.Message):
    __slots__ = ("redemption_id", "payout", "sale_price", "fee", "payout_tx")
    REDEMPTION_ID_FIELD_NUMBER: _ClassVar[int]
    PAYOUT_FIELD_NUMBER: _ClassVar[int]
    SALE_PRICE_FIELD_NUMBER: _ClassVar[int]
    FEE_FIELD_NUMBER: _ClassVar[int]
    PAYOUT_TX_FIELD_NUMBER: _ClassVar[int]
    redemption_id: str
    payout: _decimal_pb2.Decimal
    sale_price: _decimal_pb2.Decimal
    fee: _decimal_pb2.Decimal
    payout_tx: str
    def __init__(self, redemption_id: _Optional[str] = ..., payout: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., sale_price: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., fee: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., payout_tx: _Optional[str] = ...) -> None: ...

class ProductHalted(_message.Message):
    __slots__ = ("token", "mint_halted", "redemption_halted", "reason")
    TOKEN_FIELD_NUMBER: _ClassVar[int]
    MINT_HALTED_FIELD_NUMBER: _ClassVar[int]
    REDEMPTION_HALTED_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    token: str
    mint_halted: bool
    redemption_halted: bool
    reason: str
    def __init__(self, token: _Optional[str] = ..., mint_halted: _Optional[bool] = ..., redemption_halted: _Optional[bool] = ..., reason: _Optional[str] = ...) -> None: ...

class ProductResumed(_message.Message):
    __slots__ = ("token", "mint_halted", "redemption_halted", "reason")
    TOKEN_FIELD_NUMBER: _ClassVar[int]
    MINT_HALTED_FIELD_NUMBER: _ClassVar[int]
    REDEMPTION_HALTED_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    token: str
    mint_halted: bool
    redemption_halted: bool
    reason: str
    def __init__(self, token: _Optional[str] = ..., mint_halted: _Optional[bool] = ..., redemption_halted: _Optional[bool] = ..., reason: _Optional[str] = ...) -> None: ...

class InKindMinted(_message.Message):
    __slots__ = ("receipt_id", "token", "tokens", "shares", "account_id", "wallet", "tx_hash")
    RECEIPT_ID_FIELD_NUMBER: _ClassVar[int]
    TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOKENS_FIELD_NUMBER: _ClassVar[int]
    SHARES_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    WALLET_FIELD_NUMBER: _ClassVar[int]
    TX_HASH_FIELD_NUMBER: _ClassVar[int]
    receipt_id: str
    token: str
    tokens: _decimal_pb2.Decimal
    shares: _decimal_pb2.Decimal
    account_id: str
    wallet: str
    tx_hash: str
    def __init__(self, receipt_id: _Optional[str] = ..., token: _Optional[str] = ..., tokens: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., shares: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., account_id: _Optional[str] = ..., wallet: _Optional[str] = ..., tx_hash: _Optional[str] = ...) -> None: ...

class InKindRedeemed(_message.Message):
    __slots__ = ("receipt_id", "token", "tokens", "shares", "account_id", "wallet", "tx_hash")
    RECEIPT_ID_FIELD_NUMBER: _ClassVar[int]
    TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOKENS_FIELD_NUMBER: _ClassVar[int]
    SHARES_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    WALLET_FIELD_NUMBER: _ClassVar[int]
    TX_HASH_FIELD_NUMBER: _ClassVar[int]
    receipt_id: str
    token: str
    tokens: _decimal_pb2.Decimal
    shares: _decimal_pb2.Decimal
    account_id: str
    wallet: str
    tx_hash: str
    def __init__(self, receipt_id: _Optional[str] = ..., token: _Optional[str] = ..., tokens: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., shares: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., account_id: _Optional[str] = ..., wallet: _Optional[str] = ..., tx_hash: _Optional[str] = ...) -> None: ...

class DistributionBegun(_message.Message):
    __slots__ = ("distribution_id", "notice_id", "kind", "token", "policy")
    DISTRIBUTION_ID_FIELD_NUMBER: _ClassVar[int]
    NOTICE_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    TOKEN_FIELD_NUMBER: _ClassVar[int]
    POLICY_FIELD_NUMBER: _ClassVar[int]
    distribution_id: str
    notice_id: str
    kind: str
    token: str
    policy: str
    def __init__(self, distribution_id: _Optional[str] = ..., notice_id: _Optional[str] = ..., kind: _Optional[str] = ..., token: _Optional[str] = ..., policy: _Optional[str] = ...) -> None: ...

class DistributionApplied(_message.Message):
    __slots__ = ("distribution_id", "notice_id", "kind", "token", "policy", "net", "shares_bought", "multiplier_before", "multiplier_after", "effective_at", "paid_total", "holders", "retained", "detail", "dividend_equivalent", "tax_871m", "tax_871m_additional")
    DISTRIBUTION_ID_FIELD_NUMBER: _ClassVar[int]
    NOTICE_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    TOKEN_FIELD_NUMBER: _ClassVar[int]
    POLICY_FIELD_NUMBER: _ClassVar[int]
    NET_FIELD_NUMBER: _ClassVar[int]
    SHARES_BOUGHT_FIELD_NUMBER: _ClassVar[int]
    MULTIPLIER_BEFORE_FIELD_NUMBER: _ClassVar[int]
    MULTIPLIER_AFTER_FIELD_NUMBER: _ClassVar[int]
    EFFECTIVE_AT_FIELD_NUMBER: _ClassVar[int]
    PAID_TOTAL_FIELD_NUMBER: _ClassVar[int]
    HOLDERS_FIELD_NUMBER: _ClassVar[int]
    RETAINED_FIELD_NUMBER: _ClassVar[int]
    DETAIL_FIELD_NUMBER: _ClassVar[int]
    DIVIDEND_EQUIVALENT_FIELD_NUMBER: _ClassVar[int]
    TAX_871M_FIELD_NUMBER: _ClassVar[int]
    TAX_871M_ADDITIONAL_FIELD_NUMBER: _ClassVar[int]
    distribution_id: str
    notice_id: str
    kind: str
    token: str
    policy: str
    net: _decimal_pb2.Decimal
    shares_bought: _decimal_pb2.Decimal
    multiplier_before: _decimal_pb2.Decimal
    multiplier_after: _decimal_pb2.Decimal
    effective_at: _timestamp_pb2.Timestamp
    paid_total: _decimal_pb2.Decimal
    holders: int
    retained: _decimal_pb2.Decimal
    detail: str
    dividend_equivalent: bool
    tax_871m: _decimal_pb2.Decimal
    tax_871m_additional: _decimal_pb2.Decimal
    def __init__(self, distribution_id: _Optional[str] = ..., notice_id: _Optional[str] = ..., kind: _Optional[str] = ..., token: _Optional[str] = ..., policy: _Optional[str] = ..., net: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., shares_bought: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., multiplier_before: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., multiplier_after: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., effective_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., paid_total: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., holders: _Optional[int] = ..., retained: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., detail: _Optional[str] = ..., dividend_equivalent: _Optional[bool] = ..., tax_871m: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., tax_871m_additional: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ...) -> None: ...

class ExDividendPlanned(_message.Message):
    __slots__ = ("action_id", "token", "dividend", "reference", "supply", "multiplier_before", "multiplier_after", "shares_owed", "effective_at")
    ACTION_ID_FIELD_NUMBER: _ClassVar[int]
    TOKEN_FIELD_NUMBER: _ClassVar[int]
    DIVIDEND_FIELD_NUMBER: _ClassVar[int]
    REFERENCE_FIELD_NUMBER: _ClassVar[int]
    SUPPLY_FIELD_NUMBER: _ClassVar[int]
    MULTIPLIER_BEFORE_FIELD_NUMBER: _ClassVar[int]
    MULTIPLIER_AFTER_FIELD_NUMBER: _ClassVar[int]
    SHARES_OWED_FIELD_NUMBER: _ClassVar[int]
    EFFECTIVE_AT_FIELD_NUMBER: _ClassVar[int]
    action_id: str
    token: str
    dividend: _decimal_pb2.Decimal
    reference: _decimal_pb2.Decimal
    supply: _decimal_pb2.Decimal
    multiplier_before: _decimal_pb2.Decimal
    multiplier_after: _decimal_pb2.Decimal
    shares_owed: _decimal_pb2.Decimal
    effective_at: _timestamp_pb2.Timestamp
    def __init__(self, action_id: _Optional[str] = ..., token: _Optional[str] = ..., dividend: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., reference: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., supply: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., multiplier_before: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., multiplier_after: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., shares_owed: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., effective_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ExDividendScheduled(_message.Message):
    __slots__ = ("action_id", "token", "multiplier", "effective_at", "tx_hash")
    ACTION_ID_FIELD_NUMBER: _ClassVar[int]
    TOKEN_FIELD_NUMBER: _ClassVar[int]
    MULTIPLIER_FIELD_NUMBER: _ClassVar[int]
    EFFECTIVE_AT_FIELD_NUMBER: _ClassVar[int]
    TX_HASH_FIELD_NUMBER: _ClassVar[int]
    action_id: str
    token: str
    multiplier: _decimal_pb2.Decimal
    effective_at: _timestamp_pb2.Timestamp
    tx_hash: str
    def __init__(self, action_id: _Optional[str] = ..., token: _Optional[str] = ..., multiplier: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., effective_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., tx_hash: _Optional[str] = ...) -> None: ...

class FundingWireAsked(_message.Message):
    __slots__ = ("token", "wire_id", "amount")
    TOKEN_FIELD_NUMBER: _ClassVar[int]
    WIRE_ID_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    token: str
    wire_id: str
    amount: _decimal_pb2.Decimal
    def __init__(self, token: _Optional[str] = ..., wire_id: _Optional[str] = ..., amount: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ...) -> None: ...

class FundingWireFailed(_message.Message):
    __slots__ = ("token", "wire_id", "reason")
    TOKEN_FIELD_NUMBER: _ClassVar[int]
    WIRE_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    token: str
    wire_id: str
    reason: str
    def __init__(self, token: _Optional[str] = ..., wire_id: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class FundingWireSent(_message.Message):
    __slots__ = ("token", "wire_id", "amount", "redemption_id", "value_date", "pays_at")
    TOKEN_FIELD_NUMBER: _ClassVar[int]
    WIRE_ID_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    REDEMPTION_ID_FIELD_NUMBER: _ClassVar[int]
    VALUE_DATE_FIELD_NUMBER: _ClassVar[int]
    PAYS_AT_FIELD_NUMBER: _ClassVar[int]
    token: str
    wire_id: str
    amount: _decimal_pb2.Decimal
    redemption_id: str
    value_date: str
    pays_at: _timestamp_pb2.Timestamp
    def __init__(self, token: _Optional[str] = ..., wire_id: _Optional[str] = ..., amount: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., redemption_id: _Optional[str] = ..., value_date: _Optional[str] = ..., pays_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class FundingWirePaid(_message.Message):
    __slots__ = ("token", "wire_id", "redemption_id", "amount", "usd", "credit_repaid", "buffer")
    TOKEN_FIELD_NUMBER: _ClassVar[int]
    WIRE_ID_FIELD_NUMBER: _ClassVar[int]
    REDEMPTION_ID_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    USD_FIELD_NUMBER: _ClassVar[int]
    CREDIT_REPAID_FIELD_NUMBER: _ClassVar[int]
    BUFFER_FIELD_NUMBER: _ClassVar[int]
    token: str
    wire_id: str
    redemption_id: str
    amount: _decimal_pb2.Decimal
    usd: _decimal_pb2.Decimal
    credit_repaid: _decimal_pb2.Decimal
    buffer: _decimal_pb2.Decimal
    def __init__(self, token: _Optional[str] = ..., wire_id: _Optional[str] = ..., redemption_id: _Optional[str] = ..., amount: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., usd: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., credit_repaid: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., buffer: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ...) -> None: ...

class TokenPaused(_message.Message):
    __slots__ = ("token", "mint_paused", "transfers_paused", "tx_hash")
    TOKEN_FIELD_NUMBER: _ClassVar[int]
    MINT_PAUSED_FIELD_NUMBER: _ClassVar[int]
    TRANSFERS_PAUSED_FIELD_NUMBER: _ClassVar[int]
    TX_HASH_FIELD_NUMBER: _ClassVar[int]
    token: str
    mint_paused: bool
    transfers_paused: bool
    tx_hash: str
    def __init__(self, token: _Optional[str] = ..., mint_paused: _Optional[bool] = ..., transfers_paused: _Optional[bool] = ..., tx_hash: _Optional[str] = ...) -> None: ...

class TokenFrozen(_message.Message):
    __slots__ = ("token", "address", "tx_hash")
    TOKEN_FIELD_NUMBER: _ClassVar[int]
    ADDRESS_FIELD_NUMBER: _ClassVar[int]
    TX_HASH_FIELD_NUMBER: _ClassVar[int]
    token: str
    address: str
    tx_hash: str
    def __init__(self, token: _Optional[str] = ..., address: _Optional[str] = ..., tx_hash: _Optional[str] = ...) -> None: ...

class TokenUnfrozen(_message.Message):
    __slots__ = ("token", "address", "tx_hash")
    TOKEN_FIELD_NUMBER: _ClassVar[int]
    ADDRESS_FIELD_NUMBER: _ClassVar[int]
    TX_HASH_FIELD_NUMBER: _ClassVar[int]
    token: str
    address: str
    tx_hash: str
    def __init__(self, token: _Optional[str] = ..., address: _Optional[str] = ..., tx_hash: _Optional[str] = ...) -> None: ...

class SpvKeyCompromised(_message.Message):
    __slots__ = ("asset", "amount", "to", "reason", "tx_hash")
    ASSET_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    TO_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    TX_HASH_FIELD_NUMBER: _ClassVar[int]
    asset: str
    amount: _decimal_pb2.Decimal
    to: str
    reason: str
    tx_hash: str
    def __init__(self, asset: _Optional[str] = ..., amount: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., to: _Optional[str] = ..., reason: _Optional[str] = ..., tx_hash: _Optional[str] = ...) -> None: ...

class SpvLossRecognised(_message.Message):
    __slots__ = ("asset", "amount")
    ASSET_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    asset: str
    amount: _decimal_pb2.Decimal
    def __init__(self, asset: _Optional[str] = ..., amount: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ...) -> None: ...

class SpvInsolvent(_message.Message):
    __slots__ = ("reason", "gross_assets", "total_claims", "recovery_rate")
    REASON_FIELD_NUMBER: _ClassVar[int]
    GROSS_ASSETS_FIELD_NUMBER: _ClassVar[int]
    TOTAL_CLAIMS_FIELD_NUMBER: _ClassVar[int]
    RECOVERY_RATE_FIELD_NUMBER: _ClassVar[int]
    reason: str
    gross_assets: _decimal_pb2.Decimal
    total_claims: _decimal_pb2.Decimal
    recovery_rate: _decimal_pb2.Decimal
    def __init__(self, reason: _Optional[str] = ..., gross_assets: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., total_claims: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., recovery_rate: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ...) -> None: ...

class UserCreated(_message.Message):
    __slots__ = ("user_id", "name", "deposit_address", "country")
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    DEPOSIT_ADDRESS_FIELD_NUMBER: _ClassVar[int]
    COUNTRY_FIELD_NUMBER: _ClassVar[int]
    user_id: str
    name: str
    deposit_address: str
    country: str
    def __init__(self, user_id: _Optional[str] = ..., name: _Optional[str] = ..., deposit_address: _Optional[str] = ..., country: _Optional[str] = ...) -> None: ...

class WithdrawalSent(_message.Message):
    __slots__ = ("withdrawal_id", "user_id", "asset", "amount", "to", "tx_hash")
    WITHDRAWAL_ID_FIELD_NUMBER: _ClassVar[int]
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    ASSET_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    TO_FIELD_NUMBER: _ClassVar[int]
    TX_HASH_FIELD_NUMBER: _ClassVar[int]
    withdrawal_id: str
    user_id: str
    asset: str
    amount: _decimal_pb2.Decimal
    to: str
    tx_hash: str
    def __init__(self, withdrawal_id: _Optional[str] = ..., user_id: _Optional[str] = ..., asset: _Optional[str] = ..., amount: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., to: _Optional[str] = ..., tx_hash: _Optional[str] = ...) -> None: ...

class DepositSeen(_message.Message):
    __slots__ = ("user_id", "asset", "amount", "tx_hash", "block", "required")
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    ASSET_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    TX_HASH_FIELD_NUMBER: _ClassVar[int]
    BLOCK_FIELD_NUMBER: _ClassVar[int]
    REQUIRED_FIELD_NUMBER: _ClassVar[int]
    user_id: str
    asset: str
    amount: _decimal_pb2.Decimal
    tx_hash: str
    block: int
    required: int
    def __init__(self, user_id: _Optional[str] = ..., asset: _Optional[str] = ..., amount: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., tx_hash: _Optional[str] = ..., block: _Optional[int] = ..., required: _Optional[int] = ...) -> None: ...

class DepositCredited(_message.Message):
    __slots__ = ("user_id", "asset", "amount", "tx_hash", "block", "confirmations")
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    ASSET_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    TX_HASH_FIELD_NUMBER: _ClassVar[int]
    BLOCK_FIELD_NUMBER: _ClassVar[int]
    CONFIRMATIONS_FIELD_NUMBER: _ClassVar[int]
    user_id: str
    asset: str
    amount: _decimal_pb2.Decimal
    tx_hash: str
    block: int
    confirmations: int
    def __init__(self, user_id: _Optional[str] = ..., asset: _Optional[str] = ..., amount: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., tx_hash: _Optional[str] = ..., block: _Optional[int] = ..., confirmations: _Optional[int] = ...) -> None: ...

class DepositDropped(_message.Message):
    __slots__ = ("user_id", "asset", "amount", "tx_hash")
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    ASSET_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    TX_HASH_FIELD_NUMBER: _ClassVar[int]
    user_id: str
    asset: str
    amount: _decimal_pb2.Decimal
    tx_hash: str
    def __init__(self, user_id: _Optional[str] = ..., asset: _Optional[str] = ..., amount: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., tx_hash: _Optional[str] = ...) -> None: ...

class DepositReversed(_message.Message):
    __slots__ = ("user_id", "asset", "amount", "tx_hash", "shortfall", "why")
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    ASSET_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    TX_HASH_FIELD_NUMBER: _ClassVar[int]
    SHORTFALL_FIELD_NUMBER: _ClassVar[int]
    WHY_FIELD_NUMBER: _ClassVar[int]
    user_id: str
    asset: str
    amount: _decimal_pb2.Decimal
    tx_hash: str
    shortfall: _decimal_pb2.Decimal
    why: str
    def __init__(self, user_id: _Optional[str] = ..., asset: _Optional[str] = ..., amount: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., tx_hash: _Optional[str] = ..., shortfall: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., why: _Optional[str] = ...) -> None: ...

class DepositSwept(_message.Message):
    __slots__ = ("user_id", "asset", "amount", "tx_hash", "sweep_tx")
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    ASSET_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    TX_HASH_FIELD_NUMBER: _ClassVar[int]
    SWEEP_TX_FIELD_NUMBER: _ClassVar[int]
    user_id: str
    asset: str
    amount: _decimal_pb2.Decimal
    tx_hash: str
    sweep_tx: str
    def __init__(self, user_id: _Optional[str] = ..., asset: _Optional[str] = ..., amount: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., tx_hash: _Optional[str] = ..., sweep_tx: _Optional[str] = ...) -> None: ...

class ExchangeOrderFilled(_message.Message):
    __slots__ = ("order_id", "user_id", "side", "token", "quantity", "amount", "mint_id", "route", "symbol", "broker_order_id", "price", "trade_date", "settlement_date", "reason")
    ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    SIDE_FIELD_NUMBER: _ClassVar[int]
    TOKEN_FIELD_NUMBER: _ClassVar[int]
    QUANTITY_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    MINT_ID_FIELD_NUMBER: _ClassVar[int]
    ROUTE_FIELD_NUMBER: _ClassVar[int]
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    BROKER_ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    PRICE_FIELD_NUMBER: _ClassVar[int]
    TRADE_DATE_FIELD_NUMBER: _ClassVar[int]
    SETTLEMENT_DATE_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    order_id: str
    user_id: str
    side: str
    token: str
    quantity: _decimal_pb2.Decimal
    amount: _decimal_pb2.Decimal
    mint_id: str
    route: str
    symbol: str
    broker_order_id: str
    price: _decimal_pb2.Decimal
    trade_date: str
    settlement_date: str
    reason: str
    def __init__(self, order_id: _Optional[str] = ..., user_id: _Optional[str] = ..., side: _Optional[str] = ..., token: _Optional[str] = ..., quantity: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., amount: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., mint_id: _Optional[str] = ..., route: _Optional[str] = ..., symbol: _Optional[str] = ..., broker_order_id: _Optional[str] = ..., price: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., trade_date: _Optional[str] = ..., settlement_date: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class ExchangeOrderPending(_message.Message):
    __slots__ = ("order_id", "user_id", "side", "token", "quantity", "expected", "redemption_id")
    ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    SIDE_FIELD_NUMBER: _ClassVar[int]
    TOKEN_FIELD_NUMBER: _ClassVar[int]
    QUANTITY_FIELD_NUMBER: _ClassVar[int]
    EXPECTED_FIELD_NUMBER: _ClassVar[int]
    REDEMPTION_ID_FIELD_NUMBER: _ClassVar[int]
    order_id: str
    user_id: str
    side: str
    token: str
    quantity: _decimal_pb2.Decimal
    expected: _decimal_pb2.Decimal
    redemption_id: str
    def __init__(self, order_id: _Optional[str] = ..., user_id: _Optional[str] = ..., side: _Optional[str] = ..., token: _Optional[str] = ..., quantity: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., expected: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., redemption_id: _Optional[str] = ...) -> None: ...

class ExchangeOrderFailed(_message.Message):
    __slots__ = ("order_id", "user_id", "reason")
    ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    order_id: str
    user_id: str
    reason: str
    def __init__(self, order_id: _Optional[str] = ..., user_id: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class ExchangeOrderRejected(_message.Message):
    __slots__ = ("order_id", "user_id", "route", "reason", "message", "side", "symbol", "quantity", "broker_order_id", "price", "amount", "trade_date", "settlement_date")
    ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    ROUTE_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    SIDE_FIELD_NUMBER: _ClassVar[int]
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    QUANTITY_FIELD_NUMBER: _ClassVar[int]
    BROKER_ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    PRICE_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    TRADE_DATE_FIELD_NUMBER: _ClassVar[int]
    SETTLEMENT_DATE_FIELD_NUMBER: _ClassVar[int]
    order_id: str
    user_id: str
    route: str
    reason: str
    message: str
    side: str
    symbol: str
    quantity: _decimal_pb2.Decimal
    broker_order_id: str
    price: _decimal_pb2.Decimal
    amount: _decimal_pb2.Decimal
    trade_date: str
    settlement_date: str
    def __init__(self, order_id: _Optional[str] = ..., user_id: _Optional[str] = ..., route: _Optional[str] = ..., reason: _Optional[str] = ..., message: _Optional[str] = ..., side: _Optional[str] = ..., symbol: _Optional[str] = ..., quantity: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., broker_order_id: _Optional[str] = ..., price: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., amount: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., trade_date: _Optional[str] = ..., settlement_date: _Optional[str] = ...) -> None: ...

class ExchangeOrderPlaced(_message.Message):
    __slots__ = ("order_id", "user_id", "route", "side", "symbol", "quantity", "account_id", "broker_order_id", "status", "funded")
    ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    ROUTE_FIELD_NUMBER: _ClassVar[int]
    SIDE_FIELD_NUMBER: _ClassVar[int]
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    QUANTITY_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    BROKER_ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    FUNDED_FIELD_NUMBER: _ClassVar[int]
    order_id: str
    user_id: str
    route: str
    side: str
    symbol: str
    quantity: _decimal_pb2.Decimal
    account_id: str
    broker_order_id: str
    status: _statuses_pb2.ExchangeOrderStatus
    funded: _decimal_pb2.Decimal
    def __init__(self, order_id: _Optional[str] = ..., user_id: _Optional[str] = ..., route: _Optional[str] = ..., side: _Optional[str] = ..., symbol: _Optional[str] = ..., quantity: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., account_id: _Optional[str] = ..., broker_order_id: _Optional[str] = ..., status: _Optional[_Union[_statuses_pb2.ExchangeOrderStatus, str]] = ..., funded: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ...) -> None: ...

class ExchangeOrderAccepted(_message.Message):
    __slots__ = ("order_id", "user_id", "route", "side", "symbol", "quantity", "broker_order_id", "price", "amount", "trade_date", "settlement_date", "reason")
    ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    ROUTE_FIELD_NUMBER: _ClassVar[int]
    SIDE_FIELD_NUMBER: _ClassVar[int]
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    QUANTITY_FIELD_NUMBER: _ClassVar[int]
    BROKER_ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    PRICE_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    TRADE_DATE_FIELD_NUMBER: _ClassVar[int]
    SETTLEMENT_DATE_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    order_id: str
    user_id: str
    route: str
    side: str
    symbol: str
    quantity: _decimal_pb2.Decimal
    broker_order_id: str
    price: _decimal_pb2.Decimal
    amount: _decimal_pb2.Decimal
    trade_date: str
    settlement_date: str
    reason: str
    def __init__(self, order_id: _Optional[str] = ..., user_id: _Optional[str] = ..., route: _Optional[str] = ..., side: _Optional[str] = ..., symbol: _Optional[str] = ..., quantity: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., broker_order_id: _Optional[str] = ..., price: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., amount: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., trade_date: _Optional[str] = ..., settlement_date: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class ExchangeOrderNew(_message.Message):
    __slots__ = ("order_id", "user_id", "route", "side", "symbol", "quantity", "broker_order_id", "price", "amount", "trade_date", "settlement_date", "reason")
    ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    ROUTE_FIELD_NUMBER: _ClassVar[int]
    SIDE_FIELD_NUMBER: _ClassVar[int]
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    QUANTITY_FIELD_NUMBER: _ClassVar[int]
    BROKER_ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    PRICE_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    TRADE_DATE_FIELD_NUMBER: _ClassVar[int]
    SETTLEMENT_DATE_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    order_id: str
    user_id: str
    route: str
    side: str
    symbol: str
    quantity: _decimal_pb2.Decimal
    broker_order_id: str
    price: _decimal_pb2.Decimal
    amount: _decimal_pb2.Decimal
    trade_date: str
    settlement_date: str
    reason: str
    def __init__(self, order_id: _Optional[str] = ..., user_id: _Optional[str] = ..., route: _Optional[str] = ..., side: _Optional[str] = ..., symbol: _Optional[str] = ..., quantity: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., broker_order_id: _Optional[str] = ..., price: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., amount: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., trade_date: _Optional[str] = ..., settlement_date: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class ExchangeOrderCanceled(_message.Message):
    __slots__ = ("order_id", "user_id", "route", "side", "symbol", "quantity", "broker_order_id", "price", "amount", "trade_date", "settlement_date", "reason")
    ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    ROUTE_FIELD_NUMBER: _ClassVar[int]
    SIDE_FIELD_NUMBER: _ClassVar[int]
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    QUANTITY_FIELD_NUMBER: _ClassVar[int]
    BROKER_ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    PRICE_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    TRADE_DATE_FIELD_NUMBER: _ClassVar[int]
    SETTLEMENT_DATE_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    order_id: str
    user_id: str
    route: str
    side: str
    symbol: str
    quantity: _decimal_pb2.Decimal
    broker_order_id: str
    price: _decimal_pb2.Decimal
    amount: _decimal_pb2.Decimal
    trade_date: str
    settlement_date: str
    reason: str
    def __init__(self, order_id: _Optional[str] = ..., user_id: _Optional[str] = ..., route: _Optional[str] = ..., side: _Optional[str] = ..., symbol: _Optional[str] = ..., quantity: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., broker_order_id: _Optional[str] = ..., price: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., amount: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., trade_date: _Optional[str] = ..., settlement_date: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class ExchangeOrderExpired(_message.Message):
    __slots__ = ("order_id", "user_id", "route", "side", "symbol", "quantity", "broker_order_id", "price", "amount", "trade_date", "settlement_date", "reason")
    ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    ROUTE_FIELD_NUMBER: _ClassVar[int]
    SIDE_FIELD_NUMBER: _ClassVar[int]
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    QUANTITY_FIELD_NUMBER: _ClassVar[int]
    BROKER_ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    PRICE_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    TRADE_DATE_FIELD_NUMBER: _ClassVar[int]
    SETTLEMENT_DATE_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    order_id: str
    user_id: str
    route: str
    side: str
    symbol: str
    quantity: _decimal_pb2.Decimal
    broker_order_id: str
    price: _decimal_pb2.Decimal
    amount: _decimal_pb2.Decimal
    trade_date: str
    settlement_date: str
    reason: str
    def __init__(self, order_id: _Optional[str] = ..., user_id: _Optional[str] = ..., route: _Optional[str] = ..., side: _Optional[str] = ..., symbol: _Optional[str] = ..., quantity: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., broker_order_id: _Optional[str] = ..., price: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., amount: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., trade_date: _Optional[str] = ..., settlement_date: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class ExchangeOrderReplaced(_message.Message):
    __slots__ = ("order_id", "user_id", "route", "side", "symbol", "quantity", "broker_order_id", "price", "amount", "trade_date", "settlement_date", "reason")
    ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    ROUTE_FIELD_NUMBER: _ClassVar[int]
    SIDE_FIELD_NUMBER: _ClassVar[int]
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    QUANTITY_FIELD_NUMBER: _ClassVar[int]
    BROKER_ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    PRICE_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    TRADE_DATE_FIELD_NUMBER: _ClassVar[int]
    SETTLEMENT_DATE_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    order_id: str
    user_id: str
    route: str
    side: str
    symbol: str
    quantity: _decimal_pb2.Decimal
    broker_order_id: str
    price: _decimal_pb2.Decimal
    amount: _decimal_pb2.Decimal
    trade_date: str
    settlement_date: str
    reason: str
    def __init__(self, order_id: _Optional[str] = ..., user_id: _Optional[str] = ..., route: _Optional[str] = ..., side: _Optional[str] = ..., symbol: _Optional[str] = ..., quantity: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., broker_order_id: _Optional[str] = ..., price: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., amount: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., trade_date: _Optional[str] = ..., settlement_date: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class ExchangeOrderSettled(_message.Message):
    __slots__ = ("order_id", "user_id", "route", "side", "symbol", "quantity", "broker_order_id", "settlement_date")
    ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    ROUTE_FIELD_NUMBER: _ClassVar[int]
    SIDE_FIELD_NUMBER: _ClassVar[int]
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    QUANTITY_FIELD_NUMBER: _ClassVar[int]
    BROKER_ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    SETTLEMENT_DATE_FIELD_NUMBER: _ClassVar[int]
    order_id: str
    user_id: str
    route: str
    side: str
    symbol: str
    quantity: _decimal_pb2.Decimal
    broker_order_id: str
    settlement_date: str
    def __init__(self, order_id: _Optional[str] = ..., user_id: _Optional[str] = ..., route: _Optional[str] = ..., side: _Optional[str] = ..., symbol: _Optional[str] = ..., quantity: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., broker_order_id: _Optional[str] = ..., settlement_date: _Optional[str] = ...) -> None: ...

class BrokerAccountOpened(_message.Message):
    __slots__ = ("user_id", "account_id", "broker", "kind", "name")
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    BROKER_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    user_id: str
    account_id: str
    broker: str
    kind: str
    name: str
    def __init__(self, user_id: _Optional[str] = ..., account_id: _Optional[str] = ..., broker: _Optional[str] = ..., kind: _Optional[str] = ..., name: _Optional[str] = ...) -> None: ...

class BrokerAccountFunded(_message.Message):
    __slots__ = ("user_id", "account_id", "amount", "asset", "treasury_tx")
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    ASSET_FIELD_NUMBER: _ClassVar[int]
    TREASURY_TX_FIELD_NUMBER: _ClassVar[int]
    user_id: str
    account_id: str
    amount: _decimal_pb2.Decimal
    asset: str
    treasury_tx: str
    def __init__(self, user_id: _Optional[str] = ..., account_id: _Optional[str] = ..., amount: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., asset: _Optional[str] = ..., treasury_tx: _Optional[str] = ...) -> None: ...

class PerpMarketOpened(_message.Message):
    __slots__ = ("symbol", "oracle")
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    ORACLE_FIELD_NUMBER: _ClassVar[int]
    symbol: str
    oracle: _decimal_pb2.Decimal
    def __init__(self, symbol: _Optional[str] = ..., oracle: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ...) -> None: ...

class PerpMarketWoken(_message.Message):
    __slots__ = ("symbol", "oracle")
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    ORACLE_FIELD_NUMBER: _ClassVar[int]
    symbol: str
    oracle: _decimal_pb2.Decimal
    def __init__(self, symbol: _Optional[str] = ..., oracle: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ...) -> None: ...

class PerpFunding(_message.Message):
    __slots__ = ("round_id", "symbol", "hourly_rate", "premium", "oracle", "paid", "received", "residue", "positions")
    ROUND_ID_FIELD_NUMBER: _ClassVar[int]
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    HOURLY_RATE_FIELD_NUMBER: _ClassVar[int]
    PREMIUM_FIELD_NUMBER: _ClassVar[int]
    ORACLE_FIELD_NUMBER: _ClassVar[int]
    PAID_FIELD_NUMBER: _ClassVar[int]
    RECEIVED_FIELD_NUMBER: _ClassVar[int]
    RESIDUE_FIELD_NUMBER: _ClassVar[int]
    POSITIONS_FIELD_NUMBER: _ClassVar[int]
    round_id: str
    symbol: str
    hourly_rate: _decimal_pb2.Decimal
    premium: _decimal_pb2.Decimal
    oracle: _decimal_pb2.Decimal
    paid: _decimal_pb2.Decimal
    received: _decimal_pb2.Decimal
    residue: _decimal_pb2.Decimal
    positions: int
    def __init__(self, round_id: _Optional[str] = ..., symbol: _Optional[str] = ..., hourly_rate: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., premium: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., oracle: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., paid: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., received: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., residue: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., positions: _Optional[int] = ...) -> None: ...

class PerpConditions(_message.Message):
    __slots__ = ("symbol", "halted", "halt_reason", "oracle_stale", "oracle_jump")
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    HALTED_FIELD_NUMBER: _ClassVar[int]
    HALT_REASON_FIELD_NUMBER: _ClassVar[int]
    ORACLE_STALE_FIELD_NUMBER: _ClassVar[int]
    ORACLE_JUMP_FIELD_NUMBER: _ClassVar[int]
    symbol: str
    halted: bool
    halt_reason: str
    oracle_stale: bool
    oracle_jump: _decimal_pb2.Decimal
    def __init__(self, symbol: _Optional[str] = ..., halted: _Optional[bool] = ..., halt_reason: _Optional[str] = ..., oracle_stale: _Optional[bool] = ..., oracle_jump: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ...) -> None: ...

class PerpFill(_message.Message):
    __slots__ = ("symbol", "taker", "maker", "size", "price", "ref")
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    TAKER_FIELD_NUMBER: _ClassVar[int]
    MAKER_FIELD_NUMBER: _ClassVar[int]
    SIZE_FIELD_NUMBER: _ClassVar[int]
    PRICE_FIELD_NUMBER: _ClassVar[int]
    REF_FIELD_NUMBER: _ClassVar[int]
    symbol: str
    taker: str
    maker: str
    size: _decimal_pb2.Decimal
    price: _decimal_pb2.Decimal
    ref: str
    def __init__(self, symbol: _Optional[str] = ..., taker: _Optional[str] = ..., maker: _Optional[str] = ..., size: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., price: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., ref: _Optional[str] = ...) -> None: ...

class PerpLiquidation(_message.Message):
    __slots__ = ("liquidation_id", "symbol", "user_id", "size", "mark", "book", "backstop", "fund_change", "adl", "returned")
    LIQUIDATION_ID_FIELD_NUMBER: _ClassVar[int]
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    SIZE_FIELD_NUMBER: _ClassVar[int]
    MARK_FIELD_NUMBER: _ClassVar[int]
    BOOK_FIELD_NUMBER: _ClassVar[int]
    BACKSTOP_FIELD_NUMBER: _ClassVar[int]
    FUND_CHANGE_FIELD_NUMBER: _ClassVar[int]
    ADL_FIELD_NUMBER: _ClassVar[int]
    RETURNED_FIELD_NUMBER: _ClassVar[int]
    liquidation_id: str
    symbol: str
    user_id: str
    size: _decimal_pb2.Decimal
    mark: _decimal_pb2.Decimal
    book: _decimal_pb2.Decimal
    backstop: _decimal_pb2.Decimal
    fund_change: _decimal_pb2.Decimal
    adl: int
    returned: _decimal_pb2.Decimal
    def __init__(self, liquidation_id: _Optional[str] = ..., symbol: _Optional[str] = ..., user_id: _Optional[str] = ..., size: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., mark: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., book: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., backstop: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., fund_change: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., adl: _Optional[int] = ..., returned: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ...) -> None: ...

class PerpOrderPlaced(_message.Message):
    __slots__ = ("order_id", "user_id", "symbol", "side", "type", "size", "limit_price", "filled", "status")
    ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    SIDE_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    SIZE_FIELD_NUMBER: _ClassVar[int]
    LIMIT_PRICE_FIELD_NUMBER: _ClassVar[int]
    FILLED_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    order_id: str
    user_id: str
    symbol: str
    side: str
    type: str
    size: _decimal_pb2.Decimal
    limit_price: _decimal_pb2.Decimal
    filled: _decimal_pb2.Decimal
    status: _statuses_pb2.PerpOrderStatus
    def __init__(self, order_id: _Optional[str] = ..., user_id: _Optional[str] = ..., symbol: _Optional[str] = ..., side: _Optional[str] = ..., type: _Optional[str] = ..., size: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., limit_price: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., filled: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., status: _Optional[_Union[_statuses_pb2.PerpOrderStatus, str]] = ...) -> None: ...

class PerpOrderClosed(_message.Message):
    __slots__ = ("order_id", "user_id", "symbol", "status", "reason")
    ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    order_id: str
    user_id: str
    symbol: str
    status: _statuses_pb2.PerpOrderStatus
    reason: str
    def __init__(self, order_id: _Optional[str] = ..., user_id: _Optional[str] = ..., symbol: _Optional[str] = ..., status: _Optional[_Union[_statuses_pb2.PerpOrderStatus, str]] = ..., reason: _Optional[str] = ...) -> None: ...

class PerpDividend(_message.Message):
    __slots__ = ("symbol", "action_id", "holders")
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    ACTION_ID_FIELD_NUMBER: _ClassVar[int]
    HOLDERS_FIELD_NUMBER: _ClassVar[int]
    symbol: str
    action_id: str
    holders: int
    def __init__(self, symbol: _Optional[str] = ..., action_id: _Optional[str] = ..., holders: _Optional[int] = ...) -> None: ...

class PerpHalted(_message.Message):
    __slots__ = ("symbol", "reason")
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    symbol: str
    reason: str
    def __init__(self, symbol: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class PerpSplit(_message.Message):
    __slots__ = ("symbol", "action_id", "new", "old", "mark_before", "mark_after")
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    ACTION_ID_FIELD_NUMBER: _ClassVar[int]
    NEW_FIELD_NUMBER: _ClassVar[int]
    OLD_FIELD_NUMBER: _ClassVar[int]
    MARK_BEFORE_FIELD_NUMBER: _ClassVar[int]
    MARK_AFTER_FIELD_NUMBER: _ClassVar[int]
    symbol: str
    action_id: str
    new: int
    old: int
    mark_before: _decimal_pb2.Decimal
    mark_after: _decimal_pb2.Decimal
    def __init__(self, symbol: _Optional[str] = ..., action_id: _Optional[str] = ..., new: _Optional[int] = ..., old: _Optional[int] = ..., mark_before: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., mark_after: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ...) -> None: ...

class PerpReopened(_message.Message):
    __slots__ = ("symbol", "reason")
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    symbol: str
    reason: str
    def __init__(self, symbol: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class AccountCreated(_message.Message):
    __slots__ = ("account_id", "name", "kind", "tax_status", "tax_country", "withholding_rate", "customer_id")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    TAX_STATUS_FIELD_NUMBER: _ClassVar[int]
    TAX_COUNTRY_FIELD_NUMBER: _ClassVar[int]
    WITHHOLDING_RATE_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_ID_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    name: str
    kind: str
    tax_status: str
    tax_country: str
    withholding_rate: _decimal_pb2.Decimal
    customer_id: str
    def __init__(self, account_id: _Optional[str] = ..., name: _Optional[str] = ..., kind: _Optional[str] = ..., tax_status: _Optional[str] = ..., tax_country: _Optional[str] = ..., withholding_rate: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., customer_id: _Optional[str] = ...) -> None: ...

class AccountFunded(_message.Message):
    __slots__ = ("account_id", "amount")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    amount: _decimal_pb2.Decimal
    def __init__(self, account_id: _Optional[str] = ..., amount: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ...) -> None: ...

class RouteChanged(_message.Message):
    __slots__ = ("account_id", "enabled", "reason")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    ENABLED_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    enabled: bool
    reason: str
    def __init__(self, account_id: _Optional[str] = ..., enabled: _Optional[bool] = ..., reason: _Optional[str] = ...) -> None: ...

class AccountStatusChanged(_message.Message):
    __slots__ = ("account_id", "status", "reason")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    status: _statuses_pb2.AccountStatus
    reason: str
    def __init__(self, account_id: _Optional[str] = ..., status: _Optional[_Union[_statuses_pb2.AccountStatus, str]] = ..., reason: _Optional[str] = ...) -> None: ...

class AccountTaxProfileSet(_message.Message):
    __slots__ = ("account_id", "tax_status", "tax_country", "withholding_rate", "basis")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    TAX_STATUS_FIELD_NUMBER: _ClassVar[int]
    TAX_COUNTRY_FIELD_NUMBER: _ClassVar[int]
    WITHHOLDING_RATE_FIELD_NUMBER: _ClassVar[int]
    BASIS_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    tax_status: str
    tax_country: str
    withholding_rate: _decimal_pb2.Decimal
    basis: str
    def __init__(self, account_id: _Optional[str] = ..., tax_status: _Optional[str] = ..., tax_country: _Optional[str] = ..., withholding_rate: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., basis: _Optional[str] = ...) -> None: ...

class AccountUpdated(_message.Message):
    __slots__ = ("account_id", "fields")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    FIELDS_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    fields: str
    def __init__(self, account_id: _Optional[str] = ..., fields: _Optional[str] = ...) -> None: ...

class AccountClosed(_message.Message):
    __slots__ = ("account_id",)
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    def __init__(self, account_id: _Optional[str] = ...) -> None: ...

class AccountStatusUpdated(_message.Message):
    __slots__ = ("account_id", "status_from", "status_to")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FROM_FIELD_NUMBER: _ClassVar[int]
    STATUS_TO_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    status_from: _statuses_pb2.BrokerApiAccountStatus
    status_to: _statuses_pb2.BrokerApiAccountStatus
    def __init__(self, account_id: _Optional[str] = ..., status_from: _Optional[_Union[_statuses_pb2.BrokerApiAccountStatus, str]] = ..., status_to: _Optional[_Union[_statuses_pb2.BrokerApiAccountStatus, str]] = ...) -> None: ...

class NoticeDividend(_message.Message):
    __slots__ = ("notice_id", "action_id", "account_id", "symbol", "shares", "gross", "withheld", "net", "withholding_rate", "shares_after", "cash_in_lieu", "record_date", "pay_date", "effective_date", "meeting_date", "ex_date")
    NOTICE_ID_FIELD_NUMBER: _ClassVar[int]
    ACTION_ID_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    SHARES_FIELD_NUMBER: _ClassVar[int]
    GROSS_FIELD_NUMBER: _ClassVar[int]
    WITHHELD_FIELD_NUMBER: _ClassVar[int]
    NET_FIELD_NUMBER: _ClassVar[int]
    WITHHOLDING_RATE_FIELD_NUMBER: _ClassVar[int]
    SHARES_AFTER_FIELD_NUMBER: _ClassVar[int]
    CASH_IN_LIEU_FIELD_NUMBER: _ClassVar[int]
    RECORD_DATE_FIELD_NUMBER: _ClassVar[int]
    PAY_DATE_FIELD_NUMBER: _ClassVar[int]
    EFFECTIVE_DATE_FIELD_NUMBER: _ClassVar[int]
    MEETING_DATE_FIELD_NUMBER: _ClassVar[int]
    EX_DATE_FIELD_NUMBER: _ClassVar[int]
    notice_id: str
    action_id: str
    account_id: str
    symbol: str
    shares: _decimal_pb2.Decimal
    gross: _decimal_pb2.Decimal
    withheld: _decimal_pb2.Decimal
    net: _decimal_pb2.Decimal
    withholding_rate: _decimal_pb2.Decimal
    shares_after: _decimal_pb2.Decimal
    cash_in_lieu: _decimal_pb2.Decimal
    record_date: str
    pay_date: str
    effective_date: str
    meeting_date: str
    ex_date: str
    def __init__(self, notice_id: _Optional[str] = ..., action_id: _Optional[str] = ..., account_id: _Optional[str] = ..., symbol: _Optional[str] = ..., shares: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., gross: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., withheld: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., net: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., withholding_rate: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., shares_after: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., cash_in_lieu: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., record_date: _Optional[str] = ..., pay_date: _Optional[str] = ..., effective_date: _Optional[str] = ..., meeting_date: _Optional[str] = ..., ex_date: _Optional[str] = ...) -> None: ...

class NoticeSplit(_message.Message):
    __slots__ = ("notice_id", "action_id", "account_id", "symbol", "shares", "gross", "withheld", "net", "withholding_rate", "shares_after", "cash_in_lieu", "record_date", "pay_date", "effective_date", "meeting_date", "ex_date")
    NOTICE_ID_FIELD_NUMBER: _ClassVar[int]
    ACTION_ID_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    SHARES_FIELD_NUMBER: _ClassVar[int]
    GROSS_FIELD_NUMBER: _ClassVar[int]
    WITHHELD_FIELD_NUMBER: _ClassVar[int]
    NET_FIELD_NUMBER: _ClassVar[int]
    WITHHOLDING_RATE_FIELD_NUMBER: _ClassVar[int]
    SHARES_AFTER_FIELD_NUMBER: _ClassVar[int]
    CASH_IN_LIEU_FIELD_NUMBER: _ClassVar[int]
    RECORD_DATE_FIELD_NUMBER: _ClassVar[int]
    PAY_DATE_FIELD_NUMBER: _ClassVar[int]
    EFFECTIVE_DATE_FIELD_NUMBER: _ClassVar[int]
    MEETING_DATE_FIELD_NUMBER: _ClassVar[int]
    EX_DATE_FIELD_NUMBER: _ClassVar[int]
    notice_id: str
    action_id: str
    account_id: str
    symbol: str
    shares: _decimal_pb2.Decimal
    gross: _decimal_pb2.Decimal
    withheld: _decimal_pb2.Decimal
    net: _decimal_pb2.Decimal
    withholding_rate: _decimal_pb2.Decimal
    shares_after: _decimal_pb2.Decimal
    cash_in_lieu: _decimal_pb2.Decimal
    record_date: str
    pay_date: str
    effective_date: str
    meeting_date: str
    ex_date: str
    def __init__(self, notice_id: _Optional[str] = ..., action_id: _Optional[str] = ..., account_id: _Optional[str] = ..., symbol: _Optional[str] = ..., shares: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., gross: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., withheld: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., net: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., withholding_rate: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., shares_after: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., cash_in_lieu: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., record_date: _Optional[str] = ..., pay_date: _Optional[str] = ..., effective_date: _Optional[str] = ..., meeting_date: _Optional[str] = ..., ex_date: _Optional[str] = ...) -> None: ...

class NoticeMeeting(_message.Message):
    __slots__ = ("notice_id", "action_id", "account_id", "symbol", "shares", "gross", "withheld", "net", "withholding_rate", "shares_after", "cash_in_lieu", "record_date", "pay_date", "effective_date", "meeting_date", "ex_date")
    NOTICE_ID_FIELD_NUMBER: _ClassVar[int]
    ACTION_ID_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    SHARES_FIELD_NUMBER: _ClassVar[int]
    GROSS_FIELD_NUMBER: _ClassVar[int]
    WITHHELD_FIELD_NUMBER: _ClassVar[int]
    NET_FIELD_NUMBER: _ClassVar[int]
    WITHHOLDING_RATE_FIELD_NUMBER: _ClassVar[int]
    SHARES_AFTER_FIELD_NUMBER: _ClassVar[int]
    CASH_IN_LIEU_FIELD_NUMBER: _ClassVar[int]
    RECORD_DATE_FIELD_NUMBER: _ClassVar[int]
    PAY_DATE_FIELD_NUMBER: _ClassVar[int]
    EFFECTIVE_DATE_FIELD_NUMBER: _ClassVar[int]
    MEETING_DATE_FIELD_NUMBER: _ClassVar[int]
    EX_DATE_FIELD_NUMBER: _ClassVar[int]
    notice_id: str
    action_id: str
    account_id: str
    symbol: str
    shares: _decimal_pb2.Decimal
    gross: _decimal_pb2.Decimal
    withheld: _decimal_pb2.Decimal
    net: _decimal_pb2.Decimal
    withholding_rate: _decimal_pb2.Decimal
    shares_after: _decimal_pb2.Decimal
    cash_in_lieu: _decimal_pb2.Decimal
    record_date: str
    pay_date: str
    effective_date: str
    meeting_date: str
    ex_date: str
    def __init__(self, notice_id: _Optional[str] = ..., action_id: _Optional[str] = ..., account_id: _Optional[str] = ..., symbol: _Optional[str] = ..., shares: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., gross: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., withheld: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., net: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., withholding_rate: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., shares_after: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., cash_in_lieu: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., record_date: _Optional[str] = ..., pay_date: _Optional[str] = ..., effective_date: _Optional[str] = ..., meeting_date: _Optional[str] = ..., ex_date: _Optional[str] = ...) -> None: ...

class CaApplied(_message.Message):
    __slots__ = ("action_id", "kind", "symbol", "dtc_shares", "dtc_cash", "customer_shares", "paid", "withheld", "retained", "notices")
    ACTION_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    DTC_SHARES_FIELD_NUMBER: _ClassVar[int]
    DTC_CASH_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_SHARES_FIELD_NUMBER: _ClassVar[int]
    PAID_FIELD_NUMBER: _ClassVar[int]
    WITHHELD_FIELD_NUMBER: _ClassVar[int]
    RETAINED_FIELD_NUMBER: _ClassVar[int]
    NOTICES_FIELD_NUMBER: _ClassVar[int]
    action_id: str
    kind: str
    symbol: str
    dtc_shares: _decimal_pb2.Decimal
    dtc_cash: _decimal_pb2.Decimal
    customer_shares: _decimal_pb2.Decimal
    paid: _decimal_pb2.Decimal
    withheld: _decimal_pb2.Decimal
    retained: _decimal_pb2.Decimal
    notices: int
    def __init__(self, action_id: _Optional[str] = ..., kind: _Optional[str] = ..., symbol: _Optional[str] = ..., dtc_shares: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., dtc_cash: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., customer_shares: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., paid: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., withheld: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., retained: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., notices: _Optional[int] = ...) -> None: ...

class InventorySplit(_message.Message):
    __slots__ = ("action_id", "symbol", "before", "after", "dtc_change", "dtc_cash_in_lieu")
    ACTION_ID_FIELD_NUMBER: _ClassVar[int]
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    BEFORE_FIELD_NUMBER: _ClassVar[int]
    AFTER_FIELD_NUMBER: _ClassVar[int]
    DTC_CHANGE_FIELD_NUMBER: _ClassVar[int]
    DTC_CASH_IN_LIEU_FIELD_NUMBER: _ClassVar[int]
    action_id: str
    symbol: str
    before: _decimal_pb2.Decimal
    after: _decimal_pb2.Decimal
    dtc_change: _decimal_pb2.Decimal
    dtc_cash_in_lieu: _decimal_pb2.Decimal
    def __init__(self, action_id: _Optional[str] = ..., symbol: _Optional[str] = ..., before: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., after: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., dtc_change: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., dtc_cash_in_lieu: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ...) -> None: ...

class OrderSplitAdjusted(_message.Message):
    __slots__ = ("order_id", "account_id", "symbol", "quantity", "limit_price", "new_shares", "old_shares", "action_id")
    ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    QUANTITY_FIELD_NUMBER: _ClassVar[int]
    LIMIT_PRICE_FIELD_NUMBER: _ClassVar[int]
    NEW_SHARES_FIELD_NUMBER: _ClassVar[int]
    OLD_SHARES_FIELD_NUMBER: _ClassVar[int]
    ACTION_ID_FIELD_NUMBER: _ClassVar[int]
    order_id: str
    account_id: str
    symbol: str
    quantity: _decimal_pb2.Decimal
    limit_price: _decimal_pb2.Decimal
    new_shares: int
    old_shares: int
    action_id: str
    def __init__(self, order_id: _Optional[str] = ..., account_id: _Optional[str] = ..., symbol: _Optional[str] = ..., quantity: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., limit_price: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., new_shares: _Optional[int] = ..., old_shares: _Optional[int] = ..., action_id: _Optional[str] = ...) -> None: ...

class OrderDividendAdjusted(_message.Message):
    __slots__ = ("order_id", "account_id", "symbol", "limit_before", "limit_price", "dividend", "action_id", "rule")
    ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    LIMIT_BEFORE_FIELD_NUMBER: _ClassVar[int]
    LIMIT_PRICE_FIELD_NUMBER: _ClassVar[int]
    DIVIDEND_FIELD_NUMBER: _ClassVar[int]
    ACTION_ID_FIELD_NUMBER: _ClassVar[int]
    RULE_FIELD_NUMBER: _ClassVar[int]
    order_id: str
    account_id: str
    symbol: str
    limit_before: _decimal_pb2.Decimal
    limit_price: _decimal_pb2.Decimal
    dividend: _decimal_pb2.Decimal
    action_id: str
    rule: str
    def __init__(self, order_id: _Optional[str] = ..., account_id: _Optional[str] = ..., symbol: _Optional[str] = ..., limit_before: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., limit_price: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., dividend: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., action_id: _Optional[str] = ..., rule: _Optional[str] = ...) -> None: ...

class CreditLineSet(_message.Message):
    __slots__ = ("account_id", "limit", "annual_rate", "used")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    ANNUAL_RATE_FIELD_NUMBER: _ClassVar[int]
    USED_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    limit: _decimal_pb2.Decimal
    annual_rate: _decimal_pb2.Decimal
    used: _decimal_pb2.Decimal
    def __init__(self, account_id: _Optional[str] = ..., limit: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., annual_rate: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., used: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ...) -> None: ...

class CreditDrawn(_message.Message):
    __slots__ = ("account_id", "draw_id", "amount", "due_at", "used")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    DRAW_ID_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    DUE_AT_FIELD_NUMBER: _ClassVar[int]
    USED_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    draw_id: str
    amount: _decimal_pb2.Decimal
    due_at: _timestamp_pb2.Timestamp
    used: _decimal_pb2.Decimal
    def __init__(self, account_id: _Optional[str] = ..., draw_id: _Optional[str] = ..., amount: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., due_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., used: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ...) -> None: ...

class CreditRepaid(_message.Message):
    __slots__ = ("account_id", "amount", "source", "used")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    USED_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    amount: _decimal_pb2.Decimal
    source: str
    used: _decimal_pb2.Decimal
    def __init__(self, account_id: _Optional[str] = ..., amount: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., source: _Optional[str] = ..., used: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ...) -> None: ...

class CreditInterestCharged(_message.Message):
    __slots__ = ("account_id", "amount", "overdue", "annual_rate", "days", "used")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    OVERDUE_FIELD_NUMBER: _ClassVar[int]
    ANNUAL_RATE_FIELD_NUMBER: _ClassVar[int]
    DAYS_FIELD_NUMBER: _ClassVar[int]
    USED_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    amount: _decimal_pb2.Decimal
    overdue: _decimal_pb2.Decimal
    annual_rate: _decimal_pb2.Decimal
    days: _containers.RepeatedScalarFieldContainer[str]
    used: _decimal_pb2.Decimal
    def __init__(self, account_id: _Optional[str] = ..., amount: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., overdue: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., annual_rate: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., days: _Optional[_Iterable[str]] = ..., used: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ...) -> None: ...

class BrokerFailed(_message.Message):
    __slots__ = ("reason", "shortfall", "customer_property", "total_net_equity", "pro_rata_rate", "sipc_advanced", "customers", "orders_canceled", "property_at", "sipc_at")
    REASON_FIELD_NUMBER: _ClassVar[int]
    SHORTFALL_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_PROPERTY_FIELD_NUMBER: _ClassVar[int]
    TOTAL_NET_EQUITY_FIELD_NUMBER: _ClassVar[int]
    PRO_RATA_RATE_FIELD_NUMBER: _ClassVar[int]
    SIPC_ADVANCED_FIELD_NUMBER: _ClassVar[int]
    CUSTOMERS_FIELD_NUMBER: _ClassVar[int]
    ORDERS_CANCELED_FIELD_NUMBER: _ClassVar[int]
    PROPERTY_AT_FIELD_NUMBER: _ClassVar[int]
    SIPC_AT_FIELD_NUMBER: _ClassVar[int]
    reason: str
    shortfall: _decimal_pb2.Decimal
    customer_property: _decimal_pb2.Decimal
    total_net_equity: _decimal_pb2.Decimal
    pro_rata_rate: _decimal_pb2.Decimal
    sipc_advanced: _decimal_pb2.Decimal
    customers: int
    orders_canceled: int
    property_at: _timestamp_pb2.Timestamp
    sipc_at: _timestamp_pb2.Timestamp
    def __init__(self, reason: _Optional[str] = ..., shortfall: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., customer_property: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., total_net_equity: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., pro_rata_rate: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., sipc_advanced: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., customers: _Optional[int] = ..., orders_canceled: _Optional[int] = ..., property_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., sipc_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class AchRelationshipCreated(_message.Message):
    __slots__ = ("relationship_id", "account_id")
    RELATIONSHIP_ID_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    relationship_id: str
    account_id: str
    def __init__(self, relationship_id: _Optional[str] = ..., account_id: _Optional[str] = ...) -> None: ...

class AchRelationshipCanceled(_message.Message):
    __slots__ = ("relationship_id", "account_id")
    RELATIONSHIP_ID_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    relationship_id: str
    account_id: str
    def __init__(self, relationship_id: _Optional[str] = ..., account_id: _Optional[str] = ...) -> None: ...

class RecipientBankCreated(_message.Message):
    __slots__ = ("bank_id", "account_id")
    BANK_ID_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    bank_id: str
    account_id: str
    def __init__(self, bank_id: _Optional[str] = ..., account_id: _Optional[str] = ...) -> None: ...

class RecipientBankCanceled(_message.Message):
    __slots__ = ("bank_id", "account_id")
    BANK_ID_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    bank_id: str
    account_id: str
    def __init__(self, bank_id: _Optional[str] = ..., account_id: _Optional[str] = ...) -> None: ...

class TransferQueued(_message.Message):
    __slots__ = ("transfer_id", "account_id", "direction", "amount")
    TRANSFER_ID_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    DIRECTION_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    transfer_id: str
    account_id: str
    direction: str
    amount: _decimal_pb2.Decimal
    def __init__(self, transfer_id: _Optional[str] = ..., account_id: _Optional[str] = ..., direction: _Optional[str] = ..., amount: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ...) -> None: ...

class TransferCompleted(_message.Message):
    __slots__ = ("transfer_id", "account_id", "direction", "amount")
    TRANSFER_ID_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    DIRECTION_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    transfer_id: str
    account_id: str
    direction: str
    amount: _decimal_pb2.Decimal
    def __init__(self, transfer_id: _Optional[str] = ..., account_id: _Optional[str] = ..., direction: _Optional[str] = ..., amount: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ...) -> None: ...

class TransferCanceled(_message.Message):
    __slots__ = ("transfer_id", "account_id")
    TRANSFER_ID_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    transfer_id: str
    account_id: str
    def __init__(self, transfer_id: _Optional[str] = ..., account_id: _Optional[str] = ...) -> None: ...

class JournalExecuted(_message.Message):
    __slots__ = ("journal_id", "entry_type", "from_account", "to_account", "amount", "symbol", "qty")
    JOURNAL_ID_FIELD_NUMBER: _ClassVar[int]
    ENTRY_TYPE_FIELD_NUMBER: _ClassVar[int]
    FROM_ACCOUNT_FIELD_NUMBER: _ClassVar[int]
    TO_ACCOUNT_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    QTY_FIELD_NUMBER: _ClassVar[int]
    journal_id: str
    entry_type: str
    from_account: str
    to_account: str
    amount: _decimal_pb2.Decimal
    symbol: str
    qty: _decimal_pb2.Decimal
    def __init__(self, journal_id: _Optional[str] = ..., entry_type: _Optional[str] = ..., from_account: _Optional[str] = ..., to_account: _Optional[str] = ..., amount: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., symbol: _Optional[str] = ..., qty: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ...) -> None: ...

class JournalRejected(_message.Message):
    __slots__ = ("journal_id", "from_account", "to_account", "reason")
    JOURNAL_ID_FIELD_NUMBER: _ClassVar[int]
    FROM_ACCOUNT_FIELD_NUMBER: _ClassVar[int]
    TO_ACCOUNT_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    journal_id: str
    from_account: str
    to_account: str
    reason: str
    def __init__(self, journal_id: _Optional[str] = ..., from_account: _Optional[str] = ..., to_account: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class JournalCanceled(_message.Message):
    __slots__ = ("journal_id", "from_account", "to_account")
    JOURNAL_ID_FIELD_NUMBER: _ClassVar[int]
    FROM_ACCOUNT_FIELD_NUMBER: _ClassVar[int]
    TO_ACCOUNT_FIELD_NUMBER: _ClassVar[int]
    journal_id: str
    from_account: str
    to_account: str
    def __init__(self, journal_id: _Optional[str] = ..., from_account: _Optional[str] = ..., to_account: _Optional[str] = ...) -> None: ...

class FirmAccountOpened(_message.Message):
    __slots__ = ("account_id", "correspondent", "funded")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    CORRESPONDENT_FIELD_NUMBER: _ClassVar[int]
    FUNDED_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    correspondent: str
    funded: _decimal_pb2.Decimal
    def __init__(self, account_id: _Optional[str] = ..., correspondent: _Optional[str] = ..., funded: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ...) -> None: ...

class BrokerOrderAccepted(_message.Message):
    __slots__ = ("order_id", "account_id", "symbol", "side", "quantity", "notional", "type", "time_in_force", "limit_price", "opens")
    ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    SIDE_FIELD_NUMBER: _ClassVar[int]
    QUANTITY_FIELD_NUMBER: _ClassVar[int]
    NOTIONAL_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    TIME_IN_FORCE_FIELD_NUMBER: _ClassVar[int]
    LIMIT_PRICE_FIELD_NUMBER: _ClassVar[int]
    OPENS_FIELD_NUMBER: _ClassVar[int]
    order_id: str
    account_id: str
    symbol: str
    side: str
    quantity: _decimal_pb2.Decimal
    notional: _decimal_pb2.Decimal
    type: str
    time_in_force: str
    limit_price: _decimal_pb2.Decimal
    opens: _timestamp_pb2.Timestamp
    def __init__(self, order_id: _Optional[str] = ..., account_id: _Optional[str] = ..., symbol: _Optional[str] = ..., side: _Optional[str] = ..., quantity: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., notional: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., type: _Optional[str] = ..., time_in_force: _Optional[str] = ..., limit_price: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., opens: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class BrokerOrderNew(_message.Message):
    __slots__ = ("order_id", "account_id", "symbol", "side", "quantity", "limit_price", "time_in_force", "expires_at")
    ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    SIDE_FIELD_NUMBER: _ClassVar[int]
    QUANTITY_FIELD_NUMBER: _ClassVar[int]
    LIMIT_PRICE_FIELD_NUMBER: _ClassVar[int]
    TIME_IN_FORCE_FIELD_NUMBER: _ClassVar[int]
    EXPIRES_AT_FIELD_NUMBER: _ClassVar[int]
    order_id: str
    account_id: str
    symbol: str
    side: str
    quantity: _decimal_pb2.Decimal
    limit_price: _decimal_pb2.Decimal
    time_in_force: str
    expires_at: _timestamp_pb2.Timestamp
    def __init__(self, order_id: _Optional[str] = ..., account_id: _Optional[str] = ..., symbol: _Optional[str] = ..., side: _Optional[str] = ..., quantity: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., limit_price: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., time_in_force: _Optional[str] = ..., expires_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class BrokerOrderFilled(_message.Message):
    __slots__ = ("order_id", "account_id", "symbol", "side", "quantity", "price", "amount", "trade_date", "settlement_date", "street_quantity")
    ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    SIDE_FIELD_NUMBER: _ClassVar[int]
    QUANTITY_FIELD_NUMBER: _ClassVar[int]
    PRICE_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    TRADE_DATE_FIELD_NUMBER: _ClassVar[int]
    SETTLEMENT_DATE_FIELD_NUMBER: _ClassVar[int]
    STREET_QUANTITY_FIELD_NUMBER: _ClassVar[int]
    order_id: str
    account_id: str
    symbol: str
    side: str
    quantity: _decimal_pb2.Decimal
    price: _decimal_pb2.Decimal
    amount: _decimal_pb2.Decimal
    trade_date: str
    settlement_date: str
    street_quantity: _decimal_pb2.Decimal
    def __init__(self, order_id: _Optional[str] = ..., account_id: _Optional[str] = ..., symbol: _Optional[str] = ..., side: _Optional[str] = ..., quantity: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., price: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., amount: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., trade_date: _Optional[str] = ..., settlement_date: _Optional[str] = ..., street_quantity: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ...) -> None: ...

class BrokerOrderCanceled(_message.Message):
    __slots__ = ("order_id", "account_id", "reason")
    ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    order_id: str
    account_id: str
    reason: str
    def __init__(self, order_id: _Optional[str] = ..., account_id: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class BrokerOrderExpired(_message.Message):
    __slots__ = ("order_id", "account_id", "reason")
    ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    order_id: str
    account_id: str
    reason: str
    def __init__(self, order_id: _Optional[str] = ..., account_id: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class BrokerOrderRejected(_message.Message):
    __slots__ = ("order_id", "account_id", "reason")
    ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    order_id: str
    account_id: str
    reason: str
    def __init__(self, order_id: _Optional[str] = ..., account_id: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class BrokerOrderReplaced(_message.Message):
    __slots__ = ("order_id", "account_id", "replaced_by")
    ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    REPLACED_BY_FIELD_NUMBER: _ClassVar[int]
    order_id: str
    account_id: str
    replaced_by: str
    def __init__(self, order_id: _Optional[str] = ..., account_id: _Optional[str] = ..., replaced_by: _Optional[str] = ...) -> None: ...

class BrokerOrderSettled(_message.Message):
    __slots__ = ("order_id", "account_id", "symbol", "side", "quantity", "settlement_date")
    ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    SIDE_FIELD_NUMBER: _ClassVar[int]
    QUANTITY_FIELD_NUMBER: _ClassVar[int]
    SETTLEMENT_DATE_FIELD_NUMBER: _ClassVar[int]
    order_id: str
    account_id: str
    symbol: str
    side: str
    quantity: _decimal_pb2.Decimal
    settlement_date: str
    def __init__(self, order_id: _Optional[str] = ..., account_id: _Optional[str] = ..., symbol: _Optional[str] = ..., side: _Optional[str] = ..., quantity: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., settlement_date: _Optional[str] = ...) -> None: ...

class VoteInstructed(_message.Message):
    __slots__ = ("form_id", "action_id", "account_id", "symbol", "proposal_id", "choice", "votes")
    FORM_ID_FIELD_NUMBER: _ClassVar[int]
    ACTION_ID_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    PROPOSAL_ID_FIELD_NUMBER: _ClassVar[int]
    CHOICE_FIELD_NUMBER: _ClassVar[int]
    VOTES_FIELD_NUMBER: _ClassVar[int]
    form_id: str
    action_id: str
    account_id: str
    symbol: str
    proposal_id: str
    choice: str
    votes: _decimal_pb2.Decimal
    def __init__(self, form_id: _Optional[str] = ..., action_id: _Optional[str] = ..., account_id: _Optional[str] = ..., symbol: _Optional[str] = ..., proposal_id: _Optional[str] = ..., choice: _Optional[str] = ..., votes: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ...) -> None: ...

class VoteStandingInstruction(_message.Message):
    __slots__ = ("account_id", "symbols", "do_not_vote", "reason")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    SYMBOLS_FIELD_NUMBER: _ClassVar[int]
    DO_NOT_VOTE_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    symbols: _containers.RepeatedScalarFieldContainer[str]
    do_not_vote: bool
    reason: str
    def __init__(self, account_id: _Optional[str] = ..., symbols: _Optional[_Iterable[str]] = ..., do_not_vote: _Optional[bool] = ..., reason: _Optional[str] = ...) -> None: ...

class Tally(_message.Message):
    __slots__ = ("proposal_id", "routine", "board", "against", "abstain", "instructed", "broker_votes", "broker_non_votes", "not_voted", "fractions", "entitled")
    PROPOSAL_ID_FIELD_NUMBER: _ClassVar[int]
    ROUTINE_FIELD_NUMBER: _ClassVar[int]
    BOARD_FIELD_NUMBER: _ClassVar[int]
    FOR_FIELD_NUMBER: _ClassVar[int]
    AGAINST_FIELD_NUMBER: _ClassVar[int]
    ABSTAIN_FIELD_NUMBER: _ClassVar[int]
    INSTRUCTED_FIELD_NUMBER: _ClassVar[int]
    BROKER_VOTES_FIELD_NUMBER: _ClassVar[int]
    BROKER_NON_VOTES_FIELD_NUMBER: _ClassVar[int]
    NOT_VOTED_FIELD_NUMBER: _ClassVar[int]
    FRACTIONS_FIELD_NUMBER: _ClassVar[int]
    ENTITLED_FIELD_NUMBER: _ClassVar[int]
    proposal_id: str
    routine: bool
    board: str
    against: _decimal_pb2.Decimal
    abstain: _decimal_pb2.Decimal
    instructed: _decimal_pb2.Decimal
    broker_votes: _decimal_pb2.Decimal
    broker_non_votes: _decimal_pb2.Decimal
    not_voted: _decimal_pb2.Decimal
    fractions: _decimal_pb2.Decimal
    entitled: _decimal_pb2.Decimal
    def __init__(self, proposal_id: _Optional[str] = ..., routine: _Optional[bool] = ..., board: _Optional[str] = ..., against: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., abstain: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., instructed: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., broker_votes: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., broker_non_votes: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., not_voted: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., fractions: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., entitled: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., **kwargs) -> None: ...

class VotesCast(_message.Message):
    __slots__ = ("action_id", "symbol", "meeting_date", "cutoff", "method", "forms", "proposals")
    ACTION_ID_FIELD_NUMBER: _ClassVar[int]
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    MEETING_DATE_FIELD_NUMBER: _ClassVar[int]
    CUTOFF_FIELD_NUMBER: _ClassVar[int]
    METHOD_FIELD_NUMBER: _ClassVar[int]
    FORMS_FIELD_NUMBER: _ClassVar[int]
    PROPOSALS_FIELD_NUMBER: _ClassVar[int]
    action_id: str
    symbol: str
    meeting_date: str
    cutoff: _timestamp_pb2.Timestamp
    method: str
    forms: int
    proposals: _containers.RepeatedCompositeFieldContainer[Tally]
    def __init__(self, action_id: _Optional[str] = ..., symbol: _Optional[str] = ..., meeting_date: _Optional[str] = ..., cutoff: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., method: _Optional[str] = ..., forms: _Optional[int] = ..., proposals: _Optional[_Iterable[_Union[Tally, _Mapping]]] = ...) -> None: ...

class TokenizationRequested(_message.Message):
    __slots__ = ("request_id", "kind", "account_id", "issuer", "symbol", "qty", "wallet", "fees")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    ISSUER_FIELD_NUMBER: _ClassVar[int]
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    QTY_FIELD_NUMBER: _ClassVar[int]
    WALLET_FIELD_NUMBER: _ClassVar[int]
    FEES_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    kind: str
    account_id: str
    issuer: str
    symbol: str
    qty: _decimal_pb2.Decimal
    wallet: str
    fees: _decimal_pb2.Decimal
    def __init__(self, request_id: _Optional[str] = ..., kind: _Optional[str] = ..., account_id: _Optional[str] = ..., issuer: _Optional[str] = ..., symbol: _Optional[str] = ..., qty: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., wallet: _Optional[str] = ..., fees: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ...) -> None: ...

class TokenizationCompleted(_message.Message):
    __slots__ = ("request_id", "kind", "account_id", "issuer_request_id", "tx_hash", "qty", "fees")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    ISSUER_REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    TX_HASH_FIELD_NUMBER: _ClassVar[int]
    QTY_FIELD_NUMBER: _ClassVar[int]
    FEES_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    kind: str
    account_id: str
    issuer_request_id: str
    tx_hash: str
    qty: _decimal_pb2.Decimal
    fees: _decimal_pb2.Decimal
    def __init__(self, request_id: _Optional[str] = ..., kind: _Optional[str] = ..., account_id: _Optional[str] = ..., issuer_request_id: _Optional[str] = ..., tx_hash: _Optional[str] = ..., qty: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., fees: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ...) -> None: ...

class TokenizationRejected(_message.Message):
    __slots__ = ("request_id", "kind", "account_id", "reason")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    kind: str
    account_id: str
    reason: str
    def __init__(self, request_id: _Optional[str] = ..., kind: _Optional[str] = ..., account_id: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class TaxDeposited(_message.Message):
    __slots__ = ("form", "period", "amount", "account", "authority", "due_at", "left")
    FORM_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_FIELD_NUMBER: _ClassVar[int]
    AUTHORITY_FIELD_NUMBER: _ClassVar[int]
    DUE_AT_FIELD_NUMBER: _ClassVar[int]
    LEFT_FIELD_NUMBER: _ClassVar[int]
    form: str
    period: str
    amount: _decimal_pb2.Decimal
    account: str
    authority: str
    due_at: _timestamp_pb2.Timestamp
    left: _decimal_pb2.Decimal
    def __init__(self, form: _Optional[str] = ..., period: _Optional[str] = ..., amount: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., account: _Optional[str] = ..., authority: _Optional[str] = ..., due_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., left: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ...) -> None: ...
