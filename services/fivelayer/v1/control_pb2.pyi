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

class ClockMode(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    CLOCK_MODE_UNSPECIFIED: _ClassVar[ClockMode]
    MANUAL: _ClassVar[ClockMode]
    REALTIME: _ClassVar[ClockMode]
CLOCK_MODE_UNSPECIFIED: ClockMode
MANUAL: ClockMode
REALTIME: ClockMode

class ClockState(_message.Message):
    __slots__ = ("now", "mode", "speed", "market_open", "session")
    NOW_FIELD_NUMBER: _ClassVar[int]
    MODE_FIELD_NUMBER: _ClassVar[int]
    SPEED_FIELD_NUMBER: _ClassVar[int]
    MARKET_OPEN_FIELD_NUMBER: _ClassVar[int]
    SESSION_FIELD_NUMBER: _ClassVar[int]
    now: _timestamp_pb2.Timestamp
    mode: ClockMode
    speed: _decimal_pb2.Decimal
    market_open: bool
    session: str
    def __init__(self, now: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., mode: _Optional[_Union[ClockMode, str]] = ..., speed: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., market_open: _Optional[bool] = ..., session: _Optional[str] = ...) -> None: ...

class SetClockRequest(_message.Message):
    __slots__ = ("at", "mode", "speed")
    AT_FIELD_NUMBER: _ClassVar[int]
    MODE_FIELD_NUMBER: _ClassVar[int]
    SPEED_FIELD_NUMBER: _ClassVar[int]
    at: _timestamp_pb2.Timestamp
    mode: ClockMode
    speed: _decimal_pb2.Decimal
    def __init__(self, at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., mode: _Optional[_Union[ClockMode, str]] = ..., speed: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ...) -> None: ...

class AdvanceRequest(_message.Message):
    __slots__ = ("by", "to", "max_seconds")
    BY_FIELD_NUMBER: _ClassVar[int]
    TO_FIELD_NUMBER: _ClassVar[int]
    MAX_SECONDS_FIELD_NUMBER: _ClassVar[int]
    by: str
    to: _timestamp_pb2.Timestamp
    max_seconds: int
    def __init__(self, by: _Optional[str] = ..., to: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., max_seconds: _Optional[int] = ...) -> None: ...

class AdvanceResponse(_message.Message):
    __slots__ = ("to", "runs")
    FROM_FIELD_NUMBER: _ClassVar[int]
    TO_FIELD_NUMBER: _ClassVar[int]
    RUNS_FIELD_NUMBER: _ClassVar[int]
    to: _timestamp_pb2.Timestamp
    runs: _containers.RepeatedCompositeFieldContainer[_common_pb2.JobRun]
    def __init__(self, to: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., runs: _Optional[_Iterable[_Union[_common_pb2.JobRun, _Mapping]]] = ..., **kwargs) -> None: ...

class AdvanceProgress(_message.Message):
    __slots__ = ("reached", "jobs_run", "runs", "to", "done")
    REACHED_FIELD_NUMBER: _ClassVar[int]
    JOBS_RUN_FIELD_NUMBER: _ClassVar[int]
    RUNS_FIELD_NUMBER: _ClassVar[int]
    FROM_FIELD_NUMBER: _ClassVar[int]
    TO_FIELD_NUMBER: _ClassVar[int]
    DONE_FIELD_NUMBER: _ClassVar[int]
    reached: _timestamp_pb2.Timestamp
    jobs_run: int
    runs: _containers.RepeatedCompositeFieldContainer[_common_pb2.JobRun]
    to: _timestamp_pb2.Timestamp
    done: AdvanceResponse
    def __init__(self, reached: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., jobs_run: _Optional[int] = ..., runs: _Optional[_Iterable[_Union[_common_pb2.JobRun, _Mapping]]] = ..., to: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., done: _Optional[_Union[AdvanceResponse, _Mapping]] = ..., **kwargs) -> None: ...

class WakeRequest(_message.Message):
    __slots__ = ("service",)
    SERVICE_FIELD_NUMBER: _ClassVar[int]
    service: str
    def __init__(self, service: _Optional[str] = ...) -> None: ...

class PriceRequest(_message.Message):
    __slots__ = ("symbol", "at")
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    AT_FIELD_NUMBER: _ClassVar[int]
    symbol: str
    at: _timestamp_pb2.Timestamp
    def __init__(self, symbol: _Optional[str] = ..., at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class Price(_message.Message):
    __slots__ = ("symbol", "price", "at", "market_open")
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    PRICE_FIELD_NUMBER: _ClassVar[int]
    AT_FIELD_NUMBER: _ClassVar[int]
    MARKET_OPEN_FIELD_NUMBER: _ClassVar[int]
    symbol: str
    price: _decimal_pb2.Decimal
    at: _timestamp_pb2.Timestamp
    market_open: bool
    def __init__(self, symbol: _Optional[str] = ..., price: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., market_open: _Optional[bool] = ...) -> None: ...

class ListSymbolsRequest(_message.Message):
    __slots__ = ("limit", "page_token")
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    limit: int
    page_token: str
    def __init__(self, limit: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListSymbolsResponse(_message.Message):
    __slots__ = ("symbols", "next_page_token")
    SYMBOLS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    symbols: _containers.RepeatedScalarFieldContainer[str]
    next_page_token: str
    def __init__(self, symbols: _Optional[_Iterable[str]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class ReconcileRequest(_message.Message):
    __slots__ = ("token",)
    TOKEN_FIELD_NUMBER: _ClassVar[int]
    token: str
    def __init__(self, token: _Optional[str] = ...) -> None: ...

class TokenReconciliation(_message.Message):
    __slots__ = ("token", "underlying", "multiplier", "tokens_outstanding", "shares_represented", "shares_ordered", "shares_filled", "shares_settled", "shares_pending", "shares_unsettled", "broker_position_at_depository", "unbacked_shares", "unbacked_value", "price", "dividend_receivable_shares", "funding_mode", "buffer", "cash_in_transit", "credit_used", "stablecoin_held", "committed")
    TOKEN_FIELD_NUMBER: _ClassVar[int]
    UNDERLYING_FIELD_NUMBER: _ClassVar[int]
    MULTIPLIER_FIELD_NUMBER: _ClassVar[int]
    TOKENS_OUTSTANDING_FIELD_NUMBER: _ClassVar[int]
    SHARES_REPRESENTED_FIELD_NUMBER: _ClassVar[int]
    SHARES_ORDERED_FIELD_NUMBER: _ClassVar[int]
    SHARES_FILLED_FIELD_NUMBER: _ClassVar[int]
    SHARES_SETTLED_FIELD_NUMBER: _ClassVar[int]
    SHARES_PENDING_FIELD_NUMBER: _ClassVar[int]
    SHARES_UNSETTLED_FIELD_NUMBER: _ClassVar[int]
    BROKER_POSITION_AT_DEPOSITORY_FIELD_NUMBER: _ClassVar[int]
    UNBACKED_SHARES_FIELD_NUMBER: _ClassVar[int]
    UNBACKED_VALUE_FIELD_NUMBER: _ClassVar[int]
    PRICE_FIELD_NUMBER: _ClassVar[int]
    DIVIDEND_RECEIVABLE_SHARES_FIELD_NUMBER: _ClassVar[int]
    FUNDING_MODE_FIELD_NUMBER: _ClassVar[int]
    BUFFER_FIELD_NUMBER: _ClassVar[int]
    CASH_IN_TRANSIT_FIELD_NUMBER: _ClassVar[int]
    CREDIT_USED_FIELD_NUMBER: _ClassVar[int]
    STABLECOIN_HELD_FIELD_NUMBER: _ClassVar[int]
    COMMITTED_FIELD_NUMBER: _ClassVar[int]
    token: str
    underlying: str
    multiplier: _decimal_pb2.Decimal
    tokens_outstanding: _decimal_pb2.Decimal
    shares_represented: _decimal_pb2.Decimal
    shares_ordered: _decimal_pb2.Decimal
    shares_filled: _decimal_pb2.Decimal
    shares_settled: _decimal_pb2.Decimal
    shares_pending: _decimal_pb2.Decimal
    shares_unsettled: _decimal_pb2.Decimal
    broker_position_at_depository: _decimal_pb2.Decimal
    unbacked_shares: _decimal_pb2.Decimal
    unbacked_value: _decimal_pb2.Decimal
    price: _decimal_pb2.Decimal
    dividend_receivable_shares: _decimal_pb2.Decimal
    funding_mode: str
    buffer: _decimal_pb2.Decimal
    cash_in_transit: _decimal_pb2.Decimal
    credit_used: _decimal_pb2.Decimal
    stablecoin_held: _decimal_pb2.Decimal
    committed: _decimal_pb2.Decimal
    def __init__(self, token: _Optional[str] = ..., underlying: _Optional[str] = ..., multiplier: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., tokens_outstanding: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., shares_represented: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., shares_ordered: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., shares_filled: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., shares_settled: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., shares_pending: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., shares_unsettled: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., broker_position_at_depository: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., unbacked_shares: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., unbacked_value: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., price: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., dividend_receivable_shares: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., funding_mode: _Optional[str] = ..., buffer: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., cash_in_transit: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., credit_used: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., stablecoin_held: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., committed: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ...) -> None: ...

class ServiceBooks(_message.Message):
    __slots__ = ("service", "balanced", "problems")
    SERVICE_FIELD_NUMBER: _ClassVar[int]
    BALANCED_FIELD_NUMBER: _ClassVar[int]
    PROBLEMS_FIELD_NUMBER: _ClassVar[int]
    service: str
    balanced: bool
    problems: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, service: _Optional[str] = ..., balanced: _Optional[bool] = ..., problems: _Optional[_Iterable[str]] = ...) -> None: ...

class ReconcileResponse(_message.Message):
    __slots__ = ("at", "tokens", "books", "sponsor_loan")
    AT_FIELD_NUMBER: _ClassVar[int]
    TOKENS_FIELD_NUMBER: _ClassVar[int]
    BOOKS_FIELD_NUMBER: _ClassVar[int]
    SPONSOR_LOAN_FIELD_NUMBER: _ClassVar[int]
    at: _timestamp_pb2.Timestamp
    tokens: _containers.RepeatedCompositeFieldContainer[TokenReconciliation]
    books: _containers.RepeatedCompositeFieldContainer[ServiceBooks]
    sponsor_loan: _decimal_pb2.Decimal
    def __init__(self, at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., tokens: _Optional[_Iterable[_Union[TokenReconciliation, _Mapping]]] = ..., books: _Optional[_Iterable[_Union[ServiceBooks, _Mapping]]] = ..., sponsor_loan: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ...) -> None: ...

class ListEventsRequest(_message.Message):
    __slots__ = ("after", "limit", "service", "page_token")
    AFTER_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    SERVICE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    after: int
    limit: int
    service: str
    page_token: str
    def __init__(self, after: _Optional[int] = ..., limit: _Optional[int] = ..., service: _Optional[str] = ..., page_token: _Optional[str] = ...) -> None: ...

class TimelineEvent(_message.Message):
    __slots__ = ("index", "event")
    INDEX_FIELD_NUMBER: _ClassVar[int]
    EVENT_FIELD_NUMBER: _ClassVar[int]
    index: int
    event: _common_pb2.Event
    def __init__(self, index: _Optional[int] = ..., event: _Optional[_Union[_common_pb2.Event, _Mapping]] = ...) -> None: ...

class ListEventsResponse(_message.Message):
    __slots__ = ("events", "digest", "next_page_token")
    EVENTS_FIELD_NUMBER: _ClassVar[int]
    DIGEST_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    events: _containers.RepeatedCompositeFieldContainer[TimelineEvent]
    digest: str
    next_page_token: str
    def __init__(self, events: _Optional[_Iterable[_Union[TimelineEvent, _Mapping]]] = ..., digest: _Optional[str] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class ServiceStatus(_message.Message):
    __slots__ = ("service", "grpc_address", "rest_address", "serving", "head_seq")
    SERVICE_FIELD_NUMBER: _ClassVar[int]
    GRPC_ADDRESS_FIELD_NUMBER: _ClassVar[int]
    REST_ADDRESS_FIELD_NUMBER: _ClassVar[int]
    SERVING_FIELD_NUMBER: _ClassVar[int]
    HEAD_SEQ_FIELD_NUMBER: _ClassVar[int]
    service: str
    grpc_address: str
    rest_address: str
    serving: bool
    head_seq: int
    def __init__(self, service: _Optional[str] = ..., grpc_address: _Optional[str] = ..., rest_address: _Optional[str] = ..., serving: _Optional[bool] = ..., head_seq: _Optional[int] = ...) -> None: ...

class JobFailure(_message.Message):
    __slots__ = ("service", "job", "at", "reason", "message", "attempts")
    SERVICE_FIELD_NUMBER: _ClassVar[int]
    JOB_FIELD_NUMBER: _ClassVar[int]
    AT_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    ATTEMPTS_FIELD_NUMBER: _ClassVar[int]
    service: str
    job: str
    at: _timestamp_pb2.Timestamp
    reason: str
    message: str
    attempts: int
    def __init__(self, service: _Optional[str] = ..., job: _Optional[str] = ..., at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., reason: _Optional[str] = ..., message: _Optional[str] = ..., attempts: _Optional[int] = ...) -> None: ...

class Fault(_message.Message):
    __slots__ = ("fault_id", "kind", "state", "description", "injected_at", "until", "ended_at", "hits", "token", "account_id", "participant_id", "symbol", "settlement_date", "network", "service", "starts_at", "price", "amount", "fraction", "delay")
    FAULT_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    INJECTED_AT_FIELD_NUMBER: _ClassVar[int]
    UNTIL_FIELD_NUMBER: _ClassVar[int]
    ENDED_AT_FIELD_NUMBER: _ClassVar[int]
    HITS_FIELD_NUMBER: _ClassVar[int]
    TOKEN_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    PARTICIPANT_ID_FIELD_NUMBER: _ClassVar[int]
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    SETTLEMENT_DATE_FIELD_NUMBER: _ClassVar[int]
    NETWORK_FIELD_NUMBER: _ClassVar[int]
    SERVICE_FIELD_NUMBER: _ClassVar[int]
    STARTS_AT_FIELD_NUMBER: _ClassVar[int]
    PRICE_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    FRACTION_FIELD_NUMBER: _ClassVar[int]
    DELAY_FIELD_NUMBER: _ClassVar[int]
    fault_id: str
    kind: str
    state: _statuses_pb2.FaultState
    description: str
    injected_at: _timestamp_pb2.Timestamp
    until: _timestamp_pb2.Timestamp
    ended_at: _timestamp_pb2.Timestamp
    hits: int
    token: str
    account_id: str
    participant_id: str
    symbol: str
    settlement_date: str
    network: _common_pb2.NetworkFault
    service: str
    starts_at: _timestamp_pb2.Timestamp
    price: _decimal_pb2.Decimal
    amount: _decimal_pb2.Decimal
    fraction: _decimal_pb2.Decimal
    delay: str
    def __init__(self, fault_id: _Optional[str] = ..., kind: _Optional[str] = ..., state: _Optional[_Union[_statuses_pb2.FaultState, str]] = ..., description: _Optional[str] = ..., injected_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., until: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., ended_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., hits: _Optional[int] = ..., token: _Optional[str] = ..., account_id: _Optional[str] = ..., participant_id: _Optional[str] = ..., symbol: _Optional[str] = ..., settlement_date: _Optional[str] = ..., network: _Optional[_Union[_common_pb2.NetworkFault, _Mapping]] = ..., service: _Optional[str] = ..., starts_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., price: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., amount: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., fraction: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., delay: _Optional[str] = ...) -> None: ...

class InjectFaultRequest(_message.Message):
    __slots__ = ("request_id", "kind", "token", "account_id", "participant_id", "symbol", "settlement_date", "service", "network", "for_duration", "reason", "at", "depth", "drop", "price", "amount", "fraction", "delay")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    TOKEN_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    PARTICIPANT_ID_FIELD_NUMBER: _ClassVar[int]
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    SETTLEMENT_DATE_FIELD_NUMBER: _ClassVar[int]
    SERVICE_FIELD_NUMBER: _ClassVar[int]
    NETWORK_FIELD_NUMBER: _ClassVar[int]
    FOR_DURATION_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    AT_FIELD_NUMBER: _ClassVar[int]
    DEPTH_FIELD_NUMBER: _ClassVar[int]
    DROP_FIELD_NUMBER: _ClassVar[int]
    PRICE_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    FRACTION_FIELD_NUMBER: _ClassVar[int]
    DELAY_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    kind: str
    token: str
    account_id: str
    participant_id: str
    symbol: str
    settlement_date: str
    service: str
    network: _common_pb2.NetworkFault
    for_duration: str
    reason: str
    at: _timestamp_pb2.Timestamp
    depth: int
    drop: _containers.RepeatedScalarFieldContainer[str]
    price: _decimal_pb2.Decimal
    amount: _decimal_pb2.Decimal
    fraction: _decimal_pb2.Decimal
    delay: str
    def __init__(self, request_id: _Optional[str] = ..., kind: _Optional[str] = ..., token: _Optional[str] = ..., account_id: _Optional[str] = ..., participant_id: _Optional[str] = ..., symbol: _Optional[str] = ..., settlement_date: _Optional[str] = ..., service: _Optional[str] = ..., network: _Optional[_Union[_common_pb2.NetworkFault, _Mapping]] = ..., for_duration: _Optional[str] = ..., reason: _Optional[str] = ..., at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., depth: _Optional[int] = ..., drop: _Optional[_Iterable[str]] = ..., price: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., amount: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., fraction: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., delay: _Optional[str] = ...) -> None: ...

class ClearFaultRequest(_message.Message):
    __slots__ = ("request_id", "fault_id", "all")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    FAULT_ID_FIELD_NUMBER: _ClassVar[int]
    ALL_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    fault_id: str
    all: bool
    def __init__(self, request_id: _Optional[str] = ..., fault_id: _Optional[str] = ..., all: _Optional[bool] = ...) -> None: ...

class ListFaultsRequest(_message.Message):
    __slots__ = ("include_ended", "limit", "page_token")
    INCLUDE_ENDED_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    include_ended: bool
    limit: int
    page_token: str
    def __init__(self, include_ended: _Optional[bool] = ..., limit: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListFaultsResponse(_message.Message):
    __slots__ = ("faults", "next_page_token")
    FAULTS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    faults: _containers.RepeatedCompositeFieldContainer[Fault]
    next_page_token: str
    def __init__(self, faults: _Optional[_Iterable[_Union[Fault, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class StatusResponse(_message.Message):
    __slots__ = ("services", "clock", "seed", "last_job", "failing", "faults")
    SERVICES_FIELD_NUMBER: _ClassVar[int]
    CLOCK_FIELD_NUMBER: _ClassVar[int]
    SEED_FIELD_NUMBER: _ClassVar[int]
    LAST_JOB_FIELD_NUMBER: _ClassVar[int]
    FAILING_FIELD_NUMBER: _ClassVar[int]
    FAULTS_FIELD_NUMBER: _ClassVar[int]
    services: _containers.RepeatedCompositeFieldContainer[ServiceStatus]
    clock: ClockState
    seed: int
    last_job: _common_pb2.JobRun
    failing: _containers.RepeatedCompositeFieldContainer[JobFailure]
    faults: _containers.RepeatedCompositeFieldContainer[Fault]
    def __init__(self, services: _Optional[_Iterable[_Union[ServiceStatus, _Mapping]]] = ..., clock: _Optional[_Union[ClockState, _Mapping]] = ..., seed: _Optional[int] = ..., last_job: _Optional[_Union[_common_pb2.JobRun, _Mapping]] = ..., failing: _Optional[_Iterable[_Union[JobFailure, _Mapping]]] = ..., faults: _Optional[_Iterable[_Union[Fault, _Mapping]]] = ...) -> None: ...

class ListJobRunsRequest(_message.Message):
    __slots__ = ("after", "limit", "page_token")
    AFTER_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    after: int
    limit: int
    page_token: str
    def __init__(self, after: _Optional[int] = ..., limit: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class JobRunEntry(_message.Message):
    __slots__ = ("index", "run")
    INDEX_FIELD_NUMBER: _ClassVar[int]
    RUN_FIELD_NUMBER: _ClassVar[int]
    index: int
    run: _common_pb2.JobRun
    def __init__(self, index: _Optional[int] = ..., run: _Optional[_Union[_common_pb2.JobRun, _Mapping]] = ...) -> None: ...

class ListJobRunsResponse(_message.Message):
    __slots__ = ("runs", "next_page_token")
    RUNS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    runs: _containers.RepeatedCompositeFieldContainer[JobRunEntry]
    next_page_token: str
    def __init__(self, runs: _Optional[_Iterable[_Union[JobRunEntry, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class DrillInfo(_message.Message):
    __slots__ = ("name", "title", "summary")
    NAME_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_FIELD_NUMBER: _ClassVar[int]
    name: str
    title: str
    summary: str
    def __init__(self, name: _Optional[str] = ..., title: _Optional[str] = ..., summary: _Optional[str] = ...) -> None: ...

class ListDrillsRequest(_message.Message):
    __slots__ = ("limit", "page_token")
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    limit: int
    page_token: str
    def __init__(self, limit: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListDrillsResponse(_message.Message):
    __slots__ = ("drills", "next_page_token")
    DRILLS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    drills: _containers.RepeatedCompositeFieldContainer[DrillInfo]
    next_page_token: str
    def __init__(self, drills: _Optional[_Iterable[_Union[DrillInfo, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class RunDrillRequest(_message.Message):
    __slots__ = ("name", "seed", "faults_only", "max_seconds")
    NAME_FIELD_NUMBER: _ClassVar[int]
    SEED_FIELD_NUMBER: _ClassVar[int]
    FAULTS_ONLY_FIELD_NUMBER: _ClassVar[int]
    MAX_SECONDS_FIELD_NUMBER: _ClassVar[int]
    name: str
    seed: int
    faults_only: bool
    max_seconds: int
    def __init__(self, name: _Optional[str] = ..., seed: _Optional[int] = ..., faults_only: _Optional[bool] = ..., max_seconds: _Optional[int] = ...) -> None: ...

class DrillReportRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class DrillReport(_message.Message):
    __slots__ = ("name", "seed", "ok", "breaches", "timeline_digest", "report_json", "report_markdown")
    NAME_FIELD_NUMBER: _ClassVar[int]
    SEED_FIELD_NUMBER: _ClassVar[int]
    OK_FIELD_NUMBER: _ClassVar[int]
    BREACHES_FIELD_NUMBER: _ClassVar[int]
    TIMELINE_DIGEST_FIELD_NUMBER: _ClassVar[int]
    REPORT_JSON_FIELD_NUMBER: _ClassVar[int]
    REPORT_MARKDOWN_FIELD_NUMBER: _ClassVar[int]
    name: str
    seed: int
    ok: bool
    breaches: _containers.RepeatedScalarFieldContainer[str]
    timeline_digest: str
    report_json: str
    report_markdown: str
    def __init__(self, name: _Optional[str] = ..., seed: _Optional[int] = ..., ok: _Optional[bool] = ..., breaches: _Optional[_Iterable[str]] = ..., timeline_digest: _Optional[str] = ..., report_json: _Optional[str] = ..., report_markdown: _Optional[str] = ...) -> None: ...

class CompareRoutesRequest(_message.Message):
    __slots__ = ("amount", "symbol", "seed")
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    SEED_FIELD_NUMBER: _ClassVar[int]
    amount: _decimal_pb2.Decimal
    symbol: str
    seed: int
    def __init__(self, amount: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., symbol: _Optional[str] = ..., seed: _Optional[int] = ...) -> None: ...

class ValuePoint(_message.Message):
    __slots__ = ("at", "label", "price", "value")
    AT_FIELD_NUMBER: _ClassVar[int]
    LABEL_FIELD_NUMBER: _ClassVar[int]
    PRICE_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    at: _timestamp_pb2.Timestamp
    label: str
    price: _decimal_pb2.Decimal
    value: _decimal_pb2.Decimal
    def __init__(self, at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., label: _Optional[str] = ..., price: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., value: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ...) -> None: ...

class Recovery(_message.Message):
    __slots__ = ("insolvency", "at_stake", "recovered", "basis")
    INSOLVENCY_FIELD_NUMBER: _ClassVar[int]
    AT_STAKE_FIELD_NUMBER: _ClassVar[int]
    RECOVERED_FIELD_NUMBER: _ClassVar[int]
    BASIS_FIELD_NUMBER: _ClassVar[int]
    insolvency: str
    at_stake: _decimal_pb2.Decimal
    recovered: _decimal_pb2.Decimal
    basis: str
    def __init__(self, insolvency: _Optional[str] = ..., at_stake: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., recovered: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., basis: _Optional[str] = ...) -> None: ...

class RouteOutcome(_message.Message):
    __slots__ = ("route", "holder", "instrument", "available", "reason", "quantity", "exposure", "position_value", "cash", "value", "dividend_gross", "dividend_received", "withholding", "fees", "funding_received", "funding_paid", "recoveries", "values", "dividend_terms")
    ROUTE_FIELD_NUMBER: _ClassVar[int]
    HOLDER_FIELD_NUMBER: _ClassVar[int]
    INSTRUMENT_FIELD_NUMBER: _ClassVar[int]
    AVAILABLE_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    QUANTITY_FIELD_NUMBER: _ClassVar[int]
    EXPOSURE_FIELD_NUMBER: _ClassVar[int]
    POSITION_VALUE_FIELD_NUMBER: _ClassVar[int]
    CASH_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    DIVIDEND_GROSS_FIELD_NUMBER: _ClassVar[int]
    DIVIDEND_RECEIVED_FIELD_NUMBER: _ClassVar[int]
    WITHHOLDING_FIELD_NUMBER: _ClassVar[int]
    FEES_FIELD_NUMBER: _ClassVar[int]
    FUNDING_RECEIVED_FIELD_NUMBER: _ClassVar[int]
    FUNDING_PAID_FIELD_NUMBER: _ClassVar[int]
    RECOVERIES_FIELD_NUMBER: _ClassVar[int]
    VALUES_FIELD_NUMBER: _ClassVar[int]
    DIVIDEND_TERMS_FIELD_NUMBER: _ClassVar[int]
    route: str
    holder: str
    instrument: str
    available: bool
    reason: str
    quantity: _decimal_pb2.Decimal
    exposure: _decimal_pb2.Decimal
    position_value: _decimal_pb2.Decimal
    cash: _decimal_pb2.Decimal
    value: _decimal_pb2.Decimal
    dividend_gross: _decimal_pb2.Decimal
    dividend_received: _decimal_pb2.Decimal
    withholding: _decimal_pb2.Decimal
    fees: _decimal_pb2.Decimal
    funding_received: _decimal_pb2.Decimal
    funding_paid: _decimal_pb2.Decimal
    recoveries: _containers.RepeatedCompositeFieldContainer[Recovery]
    values: _containers.RepeatedCompositeFieldContainer[ValuePoint]
    dividend_terms: str
    def __init__(self, route: _Optional[str] = ..., holder: _Optional[str] = ..., instrument: _Optional[str] = ..., available: _Optional[bool] = ..., reason: _Optional[str] = ..., quantity: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., exposure: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., position_value: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., cash: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., value: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., dividend_gross: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., dividend_received: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., withholding: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., fees: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., funding_received: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., funding_paid: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., recoveries: _Optional[_Iterable[_Union[Recovery, _Mapping]]] = ..., values: _Optional[_Iterable[_Union[ValuePoint, _Mapping]]] = ..., dividend_terms: _Optional[str] = ...) -> None: ...

class RoutesReport(_message.Message):
    __slots__ = ("symbol", "amount", "seed", "routes", "timeline_digest", "report_json", "report_markdown")
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    SEED_FIELD_NUMBER: _ClassVar[int]
    ROUTES_FIELD_NUMBER: _ClassVar[int]
    TIMELINE_DIGEST_FIELD_NUMBER: _ClassVar[int]
    REPORT_JSON_FIELD_NUMBER: _ClassVar[int]
    REPORT_MARKDOWN_FIELD_NUMBER: _ClassVar[int]
    symbol: str
    amount: _decimal_pb2.Decimal
    seed: int
    routes: _containers.RepeatedCompositeFieldContainer[RouteOutcome]
    timeline_digest: str
    report_json: str
    report_markdown: str
    def __init__(self, symbol: _Optional[str] = ..., amount: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., seed: _Optional[int] = ..., routes: _Optional[_Iterable[_Union[RouteOutcome, _Mapping]]] = ..., timeline_digest: _Optional[str] = ..., report_json: _Optional[str] = ..., report_markdown: _Optional[str] = ...) -> None: ...

class DrillStep(_message.Message):
    __slots__ = ("at", "actor", "action", "result", "detail")
    AT_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    ACTION_FIELD_NUMBER: _ClassVar[int]
    RESULT_FIELD_NUMBER: _ClassVar[int]
    DETAIL_FIELD_NUMBER: _ClassVar[int]
    at: str
    actor: str
    action: str
    result: str
    detail: str
    def __init__(self, at: _Optional[str] = ..., actor: _Optional[str] = ..., action: _Optional[str] = ..., result: _Optional[str] = ..., detail: _Optional[str] = ...) -> None: ...

class DrillProgress(_message.Message):
    __slots__ = ("step", "report")
    STEP_FIELD_NUMBER: _ClassVar[int]
    REPORT_FIELD_NUMBER: _ClassVar[int]
    step: DrillStep
    report: DrillReport
    def __init__(self, step: _Optional[_Union[DrillStep, _Mapping]] = ..., report: _Optional[_Union[DrillReport, _Mapping]] = ...) -> None: ...

class TraceRightsRequest(_message.Message):
    __slots__ = ("holder",)
    HOLDER_FIELD_NUMBER: _ClassVar[int]
    holder: str
    def __init__(self, holder: _Optional[str] = ...) -> None: ...

class RightStep(_message.Message):
    __slots__ = ("layer", "status", "detail", "rule")
    LAYER_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    DETAIL_FIELD_NUMBER: _ClassVar[int]
    RULE_FIELD_NUMBER: _ClassVar[int]
    layer: str
    status: _statuses_pb2.RightStatus
    detail: str
    rule: str
    def __init__(self, layer: _Optional[str] = ..., status: _Optional[_Union[_statuses_pb2.RightStatus, str]] = ..., detail: _Optional[str] = ..., rule: _Optional[str] = ...) -> None: ...

class RightTrace(_message.Message):
    __slots__ = ("right", "outcome", "steps", "reached")
    RIGHT_FIELD_NUMBER: _ClassVar[int]
    OUTCOME_FIELD_NUMBER: _ClassVar[int]
    STEPS_FIELD_NUMBER: _ClassVar[int]
    REACHED_FIELD_NUMBER: _ClassVar[int]
    right: str
    outcome: _statuses_pb2.RightStatus
    steps: _containers.RepeatedCompositeFieldContainer[RightStep]
    reached: str
    def __init__(self, right: _Optional[str] = ..., outcome: _Optional[_Union[_statuses_pb2.RightStatus, str]] = ..., steps: _Optional[_Iterable[_Union[RightStep, _Mapping]]] = ..., reached: _Optional[str] = ...) -> None: ...

class RightsPosition(_message.Message):
    __slots__ = ("asset", "route", "quantity", "held_at", "rights")
    ASSET_FIELD_NUMBER: _ClassVar[int]
    ROUTE_FIELD_NUMBER: _ClassVar[int]
    QUANTITY_FIELD_NUMBER: _ClassVar[int]
    HELD_AT_FIELD_NUMBER: _ClassVar[int]
    RIGHTS_FIELD_NUMBER: _ClassVar[int]
    asset: str
    route: str
    quantity: _decimal_pb2.Decimal
    held_at: str
    rights: _containers.RepeatedCompositeFieldContainer[RightTrace]
    def __init__(self, asset: _Optional[str] = ..., route: _Optional[str] = ..., quantity: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., held_at: _Optional[str] = ..., rights: _Optional[_Iterable[_Union[RightTrace, _Mapping]]] = ...) -> None: ...

class RightsTraceResponse(_message.Message):
    __slots__ = ("holder", "kind", "positions")
    HOLDER_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    POSITIONS_FIELD_NUMBER: _ClassVar[int]
    holder: str
    kind: str
    positions: _containers.RepeatedCompositeFieldContainer[RightsPosition]
    def __init__(self, holder: _Optional[str] = ..., kind: _Optional[str] = ..., positions: _Optional[_Iterable[_Union[RightsPosition, _Mapping]]] = ...) -> None: ...
