from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from typing import ClassVar as _ClassVar

DESCRIPTOR: _descriptor.FileDescriptor

class ExchangeOrderStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    EXCHANGE_ORDER_STATUS_UNSPECIFIED: _ClassVar[ExchangeOrderStatus]
    EXCHANGE_ORDER_STATUS_FILLED: _ClassVar[ExchangeOrderStatus]
    EXCHANGE_ORDER_STATUS_PENDING_REDEMPTION: _ClassVar[ExchangeOrderStatus]
    EXCHANGE_ORDER_STATUS_FAILED: _ClassVar[ExchangeOrderStatus]
    EXCHANGE_ORDER_STATUS_ACCEPTED: _ClassVar[ExchangeOrderStatus]
    EXCHANGE_ORDER_STATUS_NEW: _ClassVar[ExchangeOrderStatus]
    EXCHANGE_ORDER_STATUS_CANCELED: _ClassVar[ExchangeOrderStatus]
    EXCHANGE_ORDER_STATUS_EXPIRED: _ClassVar[ExchangeOrderStatus]
    EXCHANGE_ORDER_STATUS_REJECTED: _ClassVar[ExchangeOrderStatus]
    EXCHANGE_ORDER_STATUS_REPLACED: _ClassVar[ExchangeOrderStatus]

class OffRampWireStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    OFF_RAMP_WIRE_STATUS_UNSPECIFIED: _ClassVar[OffRampWireStatus]
    OFF_RAMP_WIRE_STATUS_SENDING: _ClassVar[OffRampWireStatus]
    OFF_RAMP_WIRE_STATUS_IN_TRANSIT: _ClassVar[OffRampWireStatus]
    OFF_RAMP_WIRE_STATUS_PAID: _ClassVar[OffRampWireStatus]
    OFF_RAMP_WIRE_STATUS_FAILED: _ClassVar[OffRampWireStatus]

class RightStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    RIGHT_STATUS_UNSPECIFIED: _ClassVar[RightStatus]
    RIGHT_STATUS_KEPT: _ClassVar[RightStatus]
    RIGHT_STATUS_TRANSFORMED: _ClassVar[RightStatus]
    RIGHT_STATUS_LOST: _ClassVar[RightStatus]
EXCHANGE_ORDER_STATUS_UNSPECIFIED: ExchangeOrderStatus
EXCHANGE_ORDER_STATUS_FILLED: ExchangeOrderStatus
EXCHANGE_ORDER_STATUS_PENDING_REDEMPTION: ExchangeOrderStatus
EXCHANGE_ORDER_STATUS_FAILED: ExchangeOrderStatus
EXCHANGE_ORDER_STATUS_ACCEPTED: ExchangeOrderStatus
EXCHANGE_ORDER_STATUS_NEW: ExchangeOrderStatus
EXCHANGE_ORDER_STATUS_CANCELED: ExchangeOrderStatus
EXCHANGE_ORDER_STATUS_EXPIRED: ExchangeOrderStatus
EXCHANGE_ORDER_STATUS_REJECTED: ExchangeOrderStatus
EXCHANGE_ORDER_STATUS_REPLACED: ExchangeOrderStatus
OFF_RAMP_WIRE_STATUS_UNSPECIFIED: OffRampWireStatus
OFF_RAMP_WIRE_STATUS_SENDING: OffRampWireStatus
OFF_RAMP_WIRE_STATUS_IN_TRANSIT: OffRampWireStatus
OFF_RAMP_WIRE_STATUS_PAID: OffRampWireStatus
OFF_RAMP_WIRE_STATUS_FAILED: OffRampWireStatus
RIGHT_STATUS_UNSPECIFIED: RightStatus
RIGHT_STATUS_KEPT: RightStatus
RIGHT_STATUS_TRANSFORMED: RightStatus
RIGHT_STATUS_LOST: RightStatus
