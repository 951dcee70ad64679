from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from typing import ClassVar as _ClassVar

DESCRIPTOR: _descriptor.FileDescriptor

class AccountStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    ACCOUNT_STATUS_UNSPECIFIED: _ClassVar[AccountStatus]
    ACCOUNT_STATUS_ACTIVE: _ClassVar[AccountStatus]
    ACCOUNT_STATUS_FROZEN: _ClassVar[AccountStatus]
    ACCOUNT_STATUS_ESTATE: _ClassVar[AccountStatus]
    ACCOUNT_STATUS_CLOSED: _ClassVar[AccountStatus]

class OrderStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    ORDER_STATUS_UNSPECIFIED: _ClassVar[OrderStatus]
    ORDER_STATUS_ACCEPTED: _ClassVar[OrderStatus]
    ORDER_STATUS_NEW: _ClassVar[OrderStatus]
    ORDER_STATUS_FILLED: _ClassVar[OrderStatus]
    ORDER_STATUS_CANCELED: _ClassVar[OrderStatus]
    ORDER_STATUS_REJECTED: _ClassVar[OrderStatus]
    ORDER_STATUS_EXPIRED: _ClassVar[OrderStatus]
    ORDER_STATUS_REPLACED: _ClassVar[OrderStatus]

class TokenizationStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    TOKENIZATION_STATUS_UNSPECIFIED: _ClassVar[TokenizationStatus]
    TOKENIZATION_STATUS_PENDING: _ClassVar[TokenizationStatus]
    TOKENIZATION_STATUS_COMPLETED: _ClassVar[TokenizationStatus]
    TOKENIZATION_STATUS_REJECTED: _ClassVar[TokenizationStatus]

class MeetingStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    MEETING_STATUS_UNSPECIFIED: _ClassVar[MeetingStatus]
    MEETING_STATUS_OPEN: _ClassVar[MeetingStatus]
    MEETING_STATUS_CAST: _ClassVar[MeetingStatus]

class BrokerApiAccountStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    BROKER_API_ACCOUNT_STATUS_UNSPECIFIED: _ClassVar[BrokerApiAccountStatus]
    BROKER_API_ACCOUNT_STATUS_SUBMITTED: _ClassVar[BrokerApiAccountStatus]
    BROKER_API_ACCOUNT_STATUS_ACTION_REQUIRED: _ClassVar[BrokerApiAccountStatus]
    BROKER_API_ACCOUNT_STATUS_REJECTED: _ClassVar[BrokerApiAccountStatus]
    BROKER_API_ACCOUNT_STATUS_APPROVED: _ClassVar[BrokerApiAccountStatus]
    BROKER_API_ACCOUNT_STATUS_ACTIVE: _ClassVar[BrokerApiAccountStatus]
    BROKER_API_ACCOUNT_STATUS_DISABLED: _ClassVar[BrokerApiAccountStatus]
    BROKER_API_ACCOUNT_STATUS_ACCOUNT_CLOSED: _ClassVar[BrokerApiAccountStatus]

class JournalStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    JOURNAL_STATUS_UNSPECIFIED: _ClassVar[JournalStatus]
    JOURNAL_STATUS_PENDING: _ClassVar[JournalStatus]
    JOURNAL_STATUS_EXECUTED: _ClassVar[JournalStatus]
    JOURNAL_STATUS_REJECTED: _ClassVar[JournalStatus]
    JOURNAL_STATUS_CANCELED: _ClassVar[JournalStatus]

class TradeStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    TRADE_STATUS_UNSPECIFIED: _ClassVar[TradeStatus]
    TRADE_STATUS_CAPTURED: _ClassVar[TradeStatus]
    TRADE_STATUS_SETTLED: _ClassVar[TradeStatus]
    TRADE_STATUS_FAILED: _ClassVar[TradeStatus]

class ObligationStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    OBLIGATION_STATUS_UNSPECIFIED: _ClassVar[ObligationStatus]
    OBLIGATION_STATUS_PENDING: _ClassVar[ObligationStatus]
    OBLIGATION_STATUS_SETTLED: _ClassVar[ObligationStatus]
    OBLIGATION_STATUS_FAILED: _ClassVar[ObligationStatus]

class CorporateActionStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    CORPORATE_ACTION_STATUS_UNSPECIFIED: _ClassVar[CorporateActionStatus]
    CORPORATE_ACTION_STATUS_ANNOUNCED: _ClassVar[CorporateActionStatus]
    CORPORATE_ACTION_STATUS_ENTITLED: _ClassVar[CorporateActionStatus]
    CORPORATE_ACTION_STATUS_DUE_BILLS: _ClassVar[CorporateActionStatus]
    CORPORATE_ACTION_STATUS_PAID: _ClassVar[CorporateActionStatus]
    CORPORATE_ACTION_STATUS_EFFECTIVE: _ClassVar[CorporateActionStatus]
    CORPORATE_ACTION_STATUS_HELD: _ClassVar[CorporateActionStatus]

class DepositStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    DEPOSIT_STATUS_UNSPECIFIED: _ClassVar[DepositStatus]
    DEPOSIT_STATUS_PENDING: _ClassVar[DepositStatus]
    DEPOSIT_STATUS_CREDITED: _ClassVar[DepositStatus]
    DEPOSIT_STATUS_REVERSED: _ClassVar[DepositStatus]
    DEPOSIT_STATUS_DROPPED: _ClassVar[DepositStatus]

class PerpOrderStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    PERP_ORDER_STATUS_UNSPECIFIED: _ClassVar[PerpOrderStatus]
    PERP_ORDER_STATUS_OPEN: _ClassVar[PerpOrderStatus]
    PERP_ORDER_STATUS_PARTIALLY_FILLED: _ClassVar[PerpOrderStatus]
    PERP_ORDER_STATUS_FILLED: _ClassVar[PerpOrderStatus]
    PERP_ORDER_STATUS_CANCELED: _ClassVar[PerpOrderStatus]
    PERP_ORDER_STATUS_REJECTED: _ClassVar[PerpOrderStatus]

class HedgeStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    HEDGE_STATUS_UNSPECIFIED: _ClassVar[HedgeStatus]
    HEDGE_STATUS_PENDING: _ClassVar[HedgeStatus]
    HEDGE_STATUS_ACCEPTED: _ClassVar[HedgeStatus]
    HEDGE_STATUS_NEW: _ClassVar[HedgeStatus]
    HEDGE_STATUS_FILLED: _ClassVar[HedgeStatus]
    HEDGE_STATUS_SETTLED: _ClassVar[HedgeStatus]
    HEDGE_STATUS_CANCELED: _ClassVar[HedgeStatus]
    HEDGE_STATUS_REJECTED: _ClassVar[HedgeStatus]
    HEDGE_STATUS_EXPIRED: _ClassVar[HedgeStatus]

class RedemptionStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    REDEMPTION_STATUS_UNSPECIFIED: _ClassVar[RedemptionStatus]
    REDEMPTION_STATUS_SELLING: _ClassVar[RedemptionStatus]
    REDEMPTION_STATUS_SOLD: _ClassVar[RedemptionStatus]
    REDEMPTION_STATUS_PAID: _ClassVar[RedemptionStatus]
    REDEMPTION_STATUS_FAILED: _ClassVar[RedemptionStatus]

class PaymentStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    PAYMENT_STATUS_UNSPECIFIED: _ClassVar[PaymentStatus]
    PAYMENT_STATUS_PENDING: _ClassVar[PaymentStatus]
    PAYMENT_STATUS_PAID: _ClassVar[PaymentStatus]
    PAYMENT_STATUS_RETAINED: _ClassVar[PaymentStatus]
    PAYMENT_STATUS_NOTHING_DUE: _ClassVar[PaymentStatus]

class ExDividendStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    EX_DIVIDEND_STATUS_UNSPECIFIED: _ClassVar[ExDividendStatus]
    EX_DIVIDEND_STATUS_SCHEDULING: _ClassVar[ExDividendStatus]
    EX_DIVIDEND_STATUS_SCHEDULED: _ClassVar[ExDividendStatus]

class DistributionStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    DISTRIBUTION_STATUS_UNSPECIFIED: _ClassVar[DistributionStatus]
    DISTRIBUTION_STATUS_PENDING: _ClassVar[DistributionStatus]
    DISTRIBUTION_STATUS_APPLIED: _ClassVar[DistributionStatus]

class StablecoinRedemptionStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    STABLECOIN_REDEMPTION_STATUS_UNSPECIFIED: _ClassVar[StablecoinRedemptionStatus]
    STABLECOIN_REDEMPTION_STATUS_QUEUED: _ClassVar[StablecoinRedemptionStatus]
    STABLECOIN_REDEMPTION_STATUS_HALTED: _ClassVar[StablecoinRedemptionStatus]
    STABLECOIN_REDEMPTION_STATUS_SENDING: _ClassVar[StablecoinRedemptionStatus]
    STABLECOIN_REDEMPTION_STATUS_PAID: _ClassVar[StablecoinRedemptionStatus]
    STABLECOIN_REDEMPTION_STATUS_RETURNED: _ClassVar[StablecoinRedemptionStatus]

class FaultState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    FAULT_STATE_UNSPECIFIED: _ClassVar[FaultState]
    FAULT_STATE_SCHEDULED: _ClassVar[FaultState]
    FAULT_STATE_ACTIVE: _ClassVar[FaultState]
    FAULT_STATE_CLEARED: _ClassVar[FaultState]
    FAULT_STATE_EXPIRED: _ClassVar[FaultState]

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
ACCOUNT_STATUS_UNSPECIFIED: AccountStatus
ACCOUNT_STATUS_ACTIVE: AccountStatus
ACCOUNT_STATUS_FROZEN: AccountStatus
ACCOUNT_STATUS_ESTATE: AccountStatus
ACCOUNT_STATUS_CLOSED: AccountStatus
ORDER_STATUS_UNSPECIFIED: OrderStatus
ORDER_STATUS_ACCEPTED: OrderStatus
ORDER_STATUS_NEW: OrderStatus
ORDER_STATUS_FILLED: OrderStatus
ORDER_STATUS_CANCELED: OrderStatus
ORDER_STATUS_REJECTED: OrderStatus
ORDER_STATUS_EXPIRED: OrderStatus
ORDER_STATUS_REPLACED: OrderStatus
TOKENIZATION_STATUS_UNSPECIFIED: TokenizationStatus
TOKENIZATION_STATUS_PENDING: TokenizationStatus
TOKENIZATION_STATUS_COMPLETED: TokenizationStatus
TOKENIZATION_STATUS_REJECTED: TokenizationStatus
MEETING_STATUS_UNSPECIFIED: MeetingStatus
MEETING_STATUS_OPEN: MeetingStatus
MEETING_STATUS_CAST: MeetingStatus
BROKER_API_ACCOUNT_STATUS_UNSPECIFIED: BrokerApiAccountStatus
BROKER_API_ACCOUNT_STATUS_SUBMITTED: BrokerApiAccountStatus
BROKER_API_ACCOUNT_STATUS_ACTION_REQUIRED: BrokerApiAccountStatus
BROKER_API_ACCOUNT_STATUS_REJECTED: BrokerApiAccountStatus
BROKER_API_ACCOUNT_STATUS_APPROVED: BrokerApiAccountStatus
BROKER_API_ACCOUNT_STATUS_ACTIVE: BrokerApiAccountStatus
BROKER_API_ACCOUNT_STATUS_DISABLED: BrokerApiAccountStatus
BROKER_API_ACCOUNT_STATUS_ACCOUNT_CLOSED: BrokerApiAccountStatus
JOURNAL_STATUS_UNSPECIFIED: JournalStatus
JOURNAL_STATUS_PENDING: JournalStatus
JOURNAL_STATUS_EXECUTED: JournalStatus
JOURNAL_STATUS_REJECTED: JournalStatus
JOURNAL_STATUS_CANCELED: JournalStatus
TRADE_STATUS_UNSPECIFIED: TradeStatus
TRADE_STATUS_CAPTURED: TradeStatus
TRADE_STATUS_SETTLED: TradeStatus
TRADE_STATUS_FAILED: TradeStatus
OBLIGATION_STATUS_UNSPECIFIED: ObligationStatus
OBLIGATION_STATUS_PENDING: ObligationStatus
OBLIGATION_STATUS_SETTLED: ObligationStatus
OBLIGATION_STATUS_FAILED: ObligationStatus
CORPORATE_ACTION_STATUS_UNSPECIFIED: CorporateActionStatus
CORPORATE_ACTION_STATUS_ANNOUNCED: CorporateActionStatus
CORPORATE_ACTION_STATUS_ENTITLED: CorporateActionStatus
CORPORATE_ACTION_STATUS_DUE_BILLS: CorporateActionStatus
CORPORATE_ACTION_STATUS_PAID: CorporateActionStatus
CORPORATE_ACTION_STATUS_EFFECTIVE: CorporateActionStatus
CORPORATE_ACTION_STATUS_HELD: CorporateActionStatus
DEPOSIT_STATUS_UNSPECIFIED: DepositStatus
DEPOSIT_STATUS_PENDING: DepositStatus
DEPOSIT_STATUS_CREDITED: DepositStatus
DEPOSIT_STATUS_REVERSED: DepositStatus
DEPOSIT_STATUS_DROPPED: DepositStatus
PERP_ORDER_STATUS_UNSPECIFIED: PerpOrderStatus
PERP_ORDER_STATUS_OPEN: PerpOrderStatus
PERP_ORDER_STATUS_PARTIALLY_FILLED: PerpOrderStatus
PERP_ORDER_STATUS_FILLED: PerpOrderStatus
PERP_ORDER_STATUS_CANCELED: PerpOrderStatus
PERP_ORDER_STATUS_REJECTED: PerpOrderStatus
HEDGE_STATUS_UNSPECIFIED: HedgeStatus
HEDGE_STATUS_PENDING: HedgeStatus
HEDGE_STATUS_ACCEPTED: HedgeStatus
HEDGE_STATUS_NEW: HedgeStatus
HEDGE_STATUS_FILLED: HedgeStatus
HEDGE_STATUS_SETTLED: HedgeStatus
HEDGE_STATUS_CANCELED: HedgeStatus
HEDGE_STATUS_REJECTED: HedgeStatus
HEDGE_STATUS_EXPIRED: HedgeStatus
REDEMPTION_STATUS_UNSPECIFIED: RedemptionStatus
REDEMPTION_STATUS_SELLING: RedemptionStatus
REDEMPTION_STATUS_SOLD: RedemptionStatus
REDEMPTION_STATUS_PAID: RedemptionStatus
REDEMPTION_STATUS_FAILED: RedemptionStatus
PAYMENT_STATUS_UNSPECIFIED: PaymentStatus
PAYMENT_STATUS_PENDING: PaymentStatus
PAYMENT_STATUS_PAID: PaymentStatus
PAYMENT_STATUS_RETAINED: PaymentStatus
PAYMENT_STATUS_NOTHING_DUE: PaymentStatus
EX_DIVIDEND_STATUS_UNSPECIFIED: ExDividendStatus
EX_DIVIDEND_STATUS_SCHEDULING: ExDividendStatus
EX_DIVIDEND_STATUS_SCHEDULED: ExDividendStatus
DISTRIBUTION_STATUS_UNSPECIFIED: DistributionStatus
DISTRIBUTION_STATUS_PENDING: DistributionStatus
DISTRIBUTION_STATUS_APPLIED: DistributionStatus
STABLECOIN_REDEMPTION_STATUS_UNSPECIFIED: StablecoinRedemptionStatus
STABLECOIN_REDEMPTION_STATUS_QUEUED: StablecoinRedemptionStatus
STABLECOIN_REDEMPTION_STATUS_HALTED: StablecoinRedemptionStatus
STABLECOIN_REDEMPTION_STATUS_SENDING: StablecoinRedemptionStatus
STABLECOIN_REDEMPTION_STATUS_PAID: StablecoinRedemptionStatus
STABLECOIN_REDEMPTION_STATUS_RETURNED: StablecoinRedemptionStatus
FAULT_STATE_UNSPECIFIED: FaultState
FAULT_STATE_SCHEDULED: FaultState
FAULT_STATE_ACTIVE: FaultState
FAULT_STATE_CLEARED: FaultState
FAULT_STATE_EXPIRED: FaultState
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
