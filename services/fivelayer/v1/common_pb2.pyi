import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Decimal(_message.Message):
    __slots__ = ("value",)
    VALUE_FIELD_NUMBER: _ClassVar[int]
    value: str
    def __init__(self, value: _Optional[str] = ...) -> None: ...

class Empty(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class Event(_message.Message):
    __slots__ = ("service", "seq", "at", "type", "payload_json")
    SERVICE_FIELD_NUMBER: _ClassVar[int]
    SEQ_FIELD_NUMBER: _ClassVar[int]
    AT_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    PAYLOAD_JSON_FIELD_NUMBER: _ClassVar[int]
    service: str
    seq: int
    at: _timestamp_pb2.Timestamp
    type: str
    payload_json: str
    def __init__(self, service: _Optional[str] = ..., seq: _Optional[int] = ..., at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., type: _Optional[str] = ..., payload_json: _Optional[str] = ...) -> None: ...

class SubscribeRequest(_message.Message):
    __slots__ = ("after_seq", "follow", "max_seconds")
    AFTER_SEQ_FIELD_NUMBER: _ClassVar[int]
    FOLLOW_FIELD_NUMBER: _ClassVar[int]
    MAX_SECONDS_FIELD_NUMBER: _ClassVar[int]
    after_seq: int
    follow: bool
    max_seconds: int
    def __init__(self, after_seq: _Optional[int] = ..., follow: _Optional[bool] = ..., max_seconds: _Optional[int] = ...) -> None: ...

class HeadResponse(_message.Message):
    __slots__ = ("seq",)
    SEQ_FIELD_NUMBER: _ClassVar[int]
    seq: int
    def __init__(self, seq: _Optional[int] = ...) -> None: ...

class NextDueResponse(_message.Message):
    __slots__ = ("has_due", "at")
    HAS_DUE_FIELD_NUMBER: _ClassVar[int]
    AT_FIELD_NUMBER: _ClassVar[int]
    has_due: bool
    at: _timestamp_pb2.Timestamp
    def __init__(self, has_due: _Optional[bool] = ..., at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class RunDueRequest(_message.Message):
    __slots__ = ("now",)
    NOW_FIELD_NUMBER: _ClassVar[int]
    now: _timestamp_pb2.Timestamp
    def __init__(self, now: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class JobRun(_message.Message):
    __slots__ = ("service", "job", "at", "outcome")
    SERVICE_FIELD_NUMBER: _ClassVar[int]
    JOB_FIELD_NUMBER: _ClassVar[int]
    AT_FIELD_NUMBER: _ClassVar[int]
    OUTCOME_FIELD_NUMBER: _ClassVar[int]
    service: str
    job: str
    at: _timestamp_pb2.Timestamp
    outcome: str
    def __init__(self, service: _Optional[str] = ..., job: _Optional[str] = ..., at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., outcome: _Optional[str] = ...) -> None: ...

class RunDueResponse(_message.Message):
    __slots__ = ("runs", "has_next", "next_at")
    RUNS_FIELD_NUMBER: _ClassVar[int]
    HAS_NEXT_FIELD_NUMBER: _ClassVar[int]
    NEXT_AT_FIELD_NUMBER: _ClassVar[int]
    runs: _containers.RepeatedCompositeFieldContainer[JobRun]
    has_next: bool
    next_at: _timestamp_pb2.Timestamp
    def __init__(self, runs: _Optional[_Iterable[_Union[JobRun, _Mapping]]] = ..., has_next: _Optional[bool] = ..., next_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ResetClockRequest(_message.Message):
    __slots__ = ("at",)
    AT_FIELD_NUMBER: _ClassVar[int]
    at: _timestamp_pb2.Timestamp
    def __init__(self, at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class AssetTotal(_message.Message):
    __slots__ = ("asset", "sum", "postings")
    ASSET_FIELD_NUMBER: _ClassVar[int]
    SUM_FIELD_NUMBER: _ClassVar[int]
    POSTINGS_FIELD_NUMBER: _ClassVar[int]
    asset: str
    sum: Decimal
    postings: int
    def __init__(self, asset: _Optional[str] = ..., sum: _Optional[_Union[Decimal, _Mapping]] = ..., postings: _Optional[int] = ...) -> None: ...

class BooksReport(_message.Message):
    __slots__ = ("service", "balanced", "assets", "problems")
    SERVICE_FIELD_NUMBER: _ClassVar[int]
    BALANCED_FIELD_NUMBER: _ClassVar[int]
    ASSETS_FIELD_NUMBER: _ClassVar[int]
    PROBLEMS_FIELD_NUMBER: _ClassVar[int]
    service: str
    balanced: bool
    assets: _containers.RepeatedCompositeFieldContainer[AssetTotal]
    problems: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, service: _Optional[str] = ..., balanced: _Optional[bool] = ..., assets: _Optional[_Iterable[_Union[AssetTotal, _Mapping]]] = ..., problems: _Optional[_Iterable[str]] = ...) -> None: ...

class NetworkFault(_message.Message):
    __slots__ = ("fault_id", "kind", "from_service", "face", "method", "latency_ms", "jitter_ms", "grpc_code", "http_status", "rate", "limit", "window_seconds", "seed", "max_requests")
    FAULT_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    FROM_SERVICE_FIELD_NUMBER: _ClassVar[int]
    FACE_FIELD_NUMBER: _ClassVar[int]
    METHOD_FIELD_NUMBER: _ClassVar[int]
    LATENCY_MS_FIELD_NUMBER: _ClassVar[int]
    JITTER_MS_FIELD_NUMBER: _ClassVar[int]
    GRPC_CODE_FIELD_NUMBER: _ClassVar[int]
    HTTP_STATUS_FIELD_NUMBER: _ClassVar[int]
    RATE_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    WINDOW_SECONDS_FIELD_NUMBER: _ClassVar[int]
    SEED_FIELD_NUMBER: _ClassVar[int]
    MAX_REQUESTS_FIELD_NUMBER: _ClassVar[int]
    fault_id: str
    kind: str
    from_service: str
    face: str
    method: str
    latency_ms: int
    jitter_ms: int
    grpc_code: str
    http_status: int
    rate: Decimal
    limit: int
    window_seconds: int
    seed: int
    max_requests: int
    def __init__(self, fault_id: _Optional[str] = ..., kind: _Optional[str] = ..., from_service: _Optional[str] = ..., face: _Optional[str] = ..., method: _Optional[str] = ..., latency_ms: _Optional[int] = ..., jitter_ms: _Optional[int] = ..., grpc_code: _Optional[str] = ..., http_status: _Optional[int] = ..., rate: _Optional[_Union[Decimal, _Mapping]] = ..., limit: _Optional[int] = ..., window_seconds: _Optional[int] = ..., seed: _Optional[int] = ..., max_requests: _Optional[int] = ...) -> None: ...

class NetworkFaultSet(_message.Message):
    __slots__ = ("faults",)
    FAULTS_FIELD_NUMBER: _ClassVar[int]
    faults: _containers.RepeatedCompositeFieldContainer[NetworkFault]
    def __init__(self, faults: _Optional[_Iterable[_Union[NetworkFault, _Mapping]]] = ...) -> None: ...

class FaultHit(_message.Message):
    __slots__ = ("fault_id", "hits", "exhausted")
    FAULT_ID_FIELD_NUMBER: _ClassVar[int]
    HITS_FIELD_NUMBER: _ClassVar[int]
    EXHAUSTED_FIELD_NUMBER: _ClassVar[int]
    fault_id: str
    hits: int
    exhausted: bool
    def __init__(self, fault_id: _Optional[str] = ..., hits: _Optional[int] = ..., exhausted: _Optional[bool] = ...) -> None: ...

class FaultHits(_message.Message):
    __slots__ = ("hits",)
    HITS_FIELD_NUMBER: _ClassVar[int]
    hits: _containers.RepeatedCompositeFieldContainer[FaultHit]
    def __init__(self, hits: _Optional[_Iterable[_Union[FaultHit, _Mapping]]] = ...) -> None: ...
