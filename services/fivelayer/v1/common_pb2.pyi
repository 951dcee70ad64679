import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from fivelayer.v1 import decimal_pb2 as _decimal_pb2
from fivelayer.v1 import events_pb2 as _events_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union
from fivelayer.v1.decimal_pb2 import Decimal as Decimal

DESCRIPTOR: _descriptor.FileDescriptor

class Empty(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class Event(_message.Message):
    __slots__ = ("service", "seq", "at", "type", "payload_json", "clock_advanced", "clock_mode", "market_open", "market_close", "fault_scheduled", "fault_injected", "fault_cleared", "fault_expired", "user_created", "withdrawal_sent", "deposit_seen", "deposit_credited", "deposit_dropped", "deposit_reversed", "deposit_swept", "exchange_order_filled", "exchange_order_pending", "exchange_order_failed", "exchange_order_rejected", "exchange_order_placed", "exchange_order_accepted", "exchange_order_new", "exchange_order_canceled", "exchange_order_expired", "exchange_order_replaced", "exchange_order_settled", "broker_account_opened", "broker_account_funded", "perp_market_opened", "perp_market_woken", "perp_funding", "perp_conditions", "perp_fill", "perp_liquidation", "perp_order_placed", "perp_order_closed", "perp_dividend", "perp_halted", "perp_split", "perp_reopened", "spv_account_opened", "spv_account_funded", "funding_buffer_opened", "mint_completed", "mint_hedged", "mint_hedge_settled", "redemption_requested", "redemption_failed", "redemption_paid", "product_halted", "product_resumed", "in_kind_minted", "in_kind_redeemed", "distribution_begun", "distribution_applied", "ex_dividend_planned", "ex_dividend_scheduled", "funding_wire_asked", "funding_wire_failed", "funding_wire_sent", "funding_wire_paid", "token_paused", "token_frozen", "token_unfrozen", "spv_key_compromised", "spv_loss_recognised", "spv_insolvent", "account_created", "account_funded", "route_changed", "account_status_changed", "account_tax_profile_set", "account_updated", "account_closed", "account_status_updated", "notice_dividend", "notice_split", "notice_meeting", "ca_applied", "inventory_split", "order_split_adjusted", "order_dividend_adjusted", "credit_line_set", "credit_drawn", "credit_repaid", "credit_interest_charged", "broker_failed", "ach_relationship_created", "ach_relationship_canceled", "recipient_bank_created", "recipient_bank_canceled", "transfer_queued", "transfer_completed", "transfer_canceled", "journal_executed", "journal_rejected", "journal_canceled", "firm_account_opened", "broker_order_accepted", "broker_order_new", "broker_order_filled", "broker_order_canceled", "broker_order_expired", "broker_order_rejected", "broker_order_replaced", "broker_order_settled", "vote_instructed", "vote_standing_instruction", "votes_cast", "tokenization_requested", "tokenization_completed", "tokenization_rejected", "tax_deposited", "participant_opened", "security_registered", "trade_captured", "delivery_fail_set", "delivery_fail_cleared", "settlement_line_settled", "settlement_line_failed", "settlement_completed", "trade_settled_late", "settlement_bought_in", "ca_announced", "ca_entitled", "ca_paid", "ca_due_bills_redeemed", "ca_held", "ca_split_applied", "chain_reorg", "token_deployed", "token_mint", "token_burn", "token_transfer", "token_approval", "token_pause", "token_freeze", "token_multiplier", "token_reverted", "token_call", "stablecoin_issued", "stablecoin_redemption_requested", "stablecoin_conditions_set", "stablecoin_wire_held", "stablecoin_wire_returned", "stablecoin_wire_sent")
    SERVICE_FIELD_NUMBER: _ClassVar[int]
    SEQ_FIELD_NUMBER: _ClassVar[int]
    AT_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    PAYLOAD_JSON_FIELD_NUMBER: _ClassVar[int]
    CLOCK_ADVANCED_FIELD_NUMBER: _ClassVar[int]
    CLOCK_MODE_FIELD_NUMBER: _ClassVar[int]
    MARKET_OPEN_FIELD_NUMBER: _ClassVar[int]
    MARKET_CLOSE_FIELD_NUMBER: _ClassVar[int]
    FAULT_SCHEDULED_FIELD_NUMBER: _ClassVar[int]
    FAULT_INJECTED_FIELD_NUMBER: _ClassVar[int]
    FAULT_CLEARED_FIELD_NUMBER: _ClassVar[int]
    FAULT_EXPIRED_FIELD_NUMBER: _ClassVar[int]
    USER_CREATED_FIELD_NUMBER: _ClassVar[int]
    WITHDRAWAL_SENT_FIELD_NUMBER: _ClassVar[int]
    DEPOSIT_SEEN_FIELD_NUMBER: _ClassVar[int]
    DEPOSIT_CREDITED_FIELD_NUMBER: _ClassVar[int]
    DEPOSIT_DROPPED_FIELD_NUMBER: _ClassVar[int]
    DEPOSIT_REVERSED_FIELD_NUMBER: _ClassVar[int]
    DEPOSIT_SWEPT_FIELD_NUMBER: _ClassVar[int]
    EXCHANGE_ORDER_FILLED_FIELD_NUMBER: _ClassVar[int]
    EXCHANGE_ORDER_PENDING_FIELD_NUMBER: _ClassVar[int]
    EXCHANGE_ORDER_FAILED_FIELD_NUMBER: _ClassVar[int]
    EXCHANGE_ORDER_REJECTED_FIELD_NUMBER: _ClassVar[int]
    EXCHANGE_ORDER_PLACED_FIELD_NUMBER: _ClassVar[int]
    EXCHANGE_ORDER_ACCEPTED_FIELD_NUMBER: _ClassVar[int]
    EXCHANGE_ORDER_NEW_FIELD_NUMBER: _ClassVar[int]
    EXCHANGE_ORDER_CANCELED_FIELD_NUMBER: _ClassVar[int]
    EXCHANGE_ORDER_EXPIRED_FIELD_NUMBER: _ClassVar[int]
    EXCHANGE_ORDER_REPLACED_FIELD_NUMBER: _ClassVar[int]
    EXCHANGE_ORDER_SETTLED_FIELD_NUMBER: _ClassVar[int]
    BROKER_ACCOUNT_OPENED_FIELD_NUMBER: _ClassVar[int]
    BROKER_ACCOUNT_FUNDED_FIELD_NUMBER: _ClassVar[int]
    PERP_MARKET_OPENED_FIELD_NUMBER: _ClassVar[int]
    PERP_MARKET_WOKEN_FIELD_NUMBER: _ClassVar[int]
    PERP_FUNDING_FIELD_NUMBER: _ClassVar[int]
    PERP_CONDITIONS_FIELD_NUMBER: _ClassVar[int]
    PERP_FILL_FIELD_NUMBER: _ClassVar[int]
    PERP_LIQUIDATION_FIELD_NUMBER: _ClassVar[int]
    PERP_ORDER_PLACED_FIELD_NUMBER: _ClassVar[int]
    PERP_ORDER_CLOSED_FIELD_NUMBER: _ClassVar[int]
    PERP_DIVIDEND_FIELD_NUMBER: _ClassVar[int]
    PERP_HALTED_FIELD_NUMBER: _ClassVar[int]
    PERP_SPLIT_FIELD_NUMBER: _ClassVar[int]
    PERP_REOPENED_FIELD_NUMBER: _ClassVar[int]
    SPV_ACCOUNT_OPENED_FIELD_NUMBER: _ClassVar[int]
    SPV_ACCOUNT_FUNDED_FIELD_NUMBER: _ClassVar[int]
    FUNDING_BUFFER_OPENED_FIELD_NUMBER: _ClassVar[int]
    MINT_COMPLETED_FIELD_NUMBER: _ClassVar[int]
    MINT_HEDGED_FIELD_NUMBER: _ClassVar[int]
    MINT_HEDGE_SETTLED_FIELD_NUMBER: _ClassVar[int]
    REDEMPTION_REQUESTED_FIELD_NUMBER: _ClassVar[int]
    REDEMPTION_FAILED_FIELD_NUMBER: _ClassVar[int]
    REDEMPTION_PAID_FIELD_NUMBER: _ClassVar[int]
    PRODUCT_HALTED_FIELD_NUMBER: _ClassVar[int]
    PRODUCT_RESUMED_FIELD_NUMBER: _ClassVar[int]
    IN_KIND_MINTED_FIELD_NUMBER: _ClassVar[int]
    IN_KIND_REDEEMED_FIELD_NUMBER: _ClassVar[int]
    DISTRIBUTION_BEGUN_FIELD_NUMBER: _ClassVar[int]
    DISTRIBUTION_APPLIED_FIELD_NUMBER: _ClassVar[int]
    EX_DIVIDEND_PLANNED_FIELD_NUMBER: _ClassVar[int]
    EX_DIVIDEND_SCHEDULED_FIELD_NUMBER: _ClassVar[int]
    FUNDING_WIRE_ASKED_FIELD_NUMBER: _ClassVar[int]
    FUNDING_WIRE_FAILED_FIELD_NUMBER: _ClassVar[int]
    FUNDING_WIRE_SENT_FIELD_NUMBER: _ClassVar[int]
    FUNDING_WIRE_PAID_FIELD_NUMBER: _ClassVar[int]
    TOKEN_PAUSED_FIELD_NUMBER: _ClassVar[int]
    TOKEN_FROZEN_FIELD_NUMBER: _ClassVar[int]
    TOKEN_UNFROZEN_FIELD_NUMBER: _ClassVar[int]
    SPV_KEY_COMPROMISED_FIELD_NUMBER: _ClassVar[int]
    SPV_LOSS_RECOGNISED_FIELD_NUMBER: _ClassVar[int]
    SPV_INSOLVENT_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_CREATED_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_FUNDED_FIELD_NUMBER: _ClassVar[int]
    ROUTE_CHANGED_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_STATUS_CHANGED_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_TAX_PROFILE_SET_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_UPDATED_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_CLOSED_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_STATUS_UPDATED_FIELD_NUMBER: _ClassVar[int]
    NOTICE_DIVIDEND_FIELD_NUMBER: _ClassVar[int]
    NOTICE_SPLIT_FIELD_NUMBER: _ClassVar[int]
    NOTICE_MEETING_FIELD_NUMBER: _ClassVar[int]
    CA_APPLIED_FIELD_NUMBER: _ClassVar[int]
    INVENTORY_SPLIT_FIELD_NUMBER: _ClassVar[int]
    ORDER_SPLIT_ADJUSTED_FIELD_NUMBER: _ClassVar[int]
    ORDER_DIVIDEND_ADJUSTED_FIELD_NUMBER: _ClassVar[int]
    CREDIT_LINE_SET_FIELD_NUMBER: _ClassVar[int]
    CREDIT_DRAWN_FIELD_NUMBER: _ClassVar[int]
    CREDIT_REPAID_FIELD_NUMBER: _ClassVar[int]
    CREDIT_INTEREST_CHARGED_FIELD_NUMBER: _ClassVar[int]
    BROKER_FAILED_FIELD_NUMBER: _ClassVar[int]
    ACH_RELATIONSHIP_CREATED_FIELD_NUMBER: _ClassVar[int]
    ACH_RELATIONSHIP_CANCELED_FIELD_NUMBER: _ClassVar[int]
    RECIPIENT_BANK_CREATED_FIELD_NUMBER: _ClassVar[int]
    RECIPIENT_BANK_CANCELED_FIELD_NUMBER: _ClassVar[int]
    TRANSFER_QUEUED_FIELD_NUMBER: _ClassVar[int]
    TRANSFER_COMPLETED_FIELD_NUMBER: _ClassVar[int]
    TRANSFER_CANCELED_FIELD_NUMBER: _ClassVar[int]
    JOURNAL_EXECUTED_FIELD_NUMBER: _ClassVar[int]
    JOURNAL_REJECTED_FIELD_NUMBER: _ClassVar[int]
    JOURNAL_CANCELED_FIELD_NUMBER: _ClassVar[int]
    FIRM_ACCOUNT_OPENED_FIELD_NUMBER: _ClassVar[int]
    BROKER_ORDER_ACCEPTED_FIELD_NUMBER: _ClassVar[int]
    BROKER_ORDER_NEW_FIELD_NUMBER: _ClassVar[int]
    BROKER_ORDER_FILLED_FIELD_NUMBER: _ClassVar[int]
    BROKER_ORDER_CANCELED_FIELD_NUMBER: _ClassVar[int]
    BROKER_ORDER_EXPIRED_FIELD_NUMBER: _ClassVar[int]
    BROKER_ORDER_REJECTED_FIELD_NUMBER: _ClassVar[int]
    BROKER_ORDER_REPLACED_FIELD_NUMBER: _ClassVar[int]
    BROKER_ORDER_SETTLED_FIELD_NUMBER: _ClassVar[int]
    VOTE_INSTRUCTED_FIELD_NUMBER: _ClassVar[int]
    VOTE_STANDING_INSTRUCTION_FIELD_NUMBER: _ClassVar[int]
    VOTES_CAST_FIELD_NUMBER: _ClassVar[int]
    TOKENIZATION_REQUESTED_FIELD_NUMBER: _ClassVar[int]
    TOKENIZATION_COMPLETED_FIELD_NUMBER: _ClassVar[int]
    TOKENIZATION_REJECTED_FIELD_NUMBER: _ClassVar[int]
    TAX_DEPOSITED_FIELD_NUMBER: _ClassVar[int]
    PARTICIPANT_OPENED_FIELD_NUMBER: _ClassVar[int]
    SECURITY_REGISTERED_FIELD_NUMBER: _ClassVar[int]
    TRADE_CAPTURED_FIELD_NUMBER: _ClassVar[int]
    DELIVERY_FAIL_SET_FIELD_NUMBER: _ClassVar[int]
    DELIVERY_FAIL_CLEARED_FIELD_NUMBER: _ClassVar[int]
    SETTLEMENT_LINE_SETTLED_FIELD_NUMBER: _ClassVar[int]
    SETTLEMENT_LINE_FAILED_FIELD_NUMBER: _ClassVar[int]
    SETTLEMENT_COMPLETED_FIELD_NUMBER: _ClassVar[int]
    TRADE_SETTLED_LATE_FIELD_NUMBER: _ClassVar[int]
    SETTLEMENT_BOUGHT_IN_FIELD_NUMBER: _ClassVar[int]
    CA_ANNOUNCED_FIELD_NUMBER: _ClassVar[int]
    CA_ENTITLED_FIELD_NUMBER: _ClassVar[int]
    CA_PAID_FIELD_NUMBER: _ClassVar[int]
    CA_DUE_BILLS_REDEEMED_FIELD_NUMBER: _ClassVar[int]
    CA_HELD_FIELD_NUMBER: _ClassVar[int]
    CA_SPLIT_APPLIED_FIELD_NUMBER: _ClassVar[int]
    CHAIN_REORG_FIELD_NUMBER: _ClassVar[int]
    TOKEN_DEPLOYED_FIELD_NUMBER: _ClassVar[int]
    TOKEN_MINT_FIELD_NUMBER: _ClassVar[int]
    TOKEN_BURN_FIELD_NUMBER: _ClassVar[int]
    TOKEN_TRANSFER_FIELD_NUMBER: _ClassVar[int]
    TOKEN_APPROVAL_FIELD_NUMBER: _ClassVar[int]
    TOKEN_PAUSE_FIELD_NUMBER: _ClassVar[int]
    TOKEN_FREEZE_FIELD_NUMBER: _ClassVar[int]
    TOKEN_MULTIPLIER_FIELD_NUMBER: _ClassVar[int]
    TOKEN_REVERTED_FIELD_NUMBER: _ClassVar[int]
    TOKEN_CALL_FIELD_NUMBER: _ClassVar[int]
    STABLECOIN_ISSUED_FIELD_NUMBER: _ClassVar[int]
    STABLECOIN_REDEMPTION_REQUESTED_FIELD_NUMBER: _ClassVar[int]
    STABLECOIN_CONDITIONS_SET_FIELD_NUMBER: _ClassVar[int]
    STABLECOIN_WIRE_HELD_FIELD_NUMBER: _ClassVar[int]
    STABLECOIN_WIRE_RETURNED_FIELD_NUMBER: _ClassVar[int]
    STABLECOIN_WIRE_SENT_FIELD_NUMBER: _ClassVar[int]
    service: str
    seq: int
    at: _timestamp_pb2.Timestamp
    type: str
    payload_json: str
    clock_advanced: _events_pb2.ClockAdvanced
    clock_mode: _events_pb2.ClockMode
    market_open: _events_pb2.MarketOpen
    market_close: _events_pb2.MarketClose
    fault_scheduled: _events_pb2.FaultScheduled
    fault_injected: _events_pb2.FaultInjected
    fault_cleared: _events_pb2.FaultCleared
    fault_expired: _events_pb2.FaultExpired
    user_created: _events_pb2.UserCreated
    withdrawal_sent: _events_pb2.WithdrawalSent
    deposit_seen: _events_pb2.DepositSeen
    deposit_credited: _events_pb2.DepositCredited
    deposit_dropped: _events_pb2.DepositDropped
    deposit_reversed: _events_pb2.DepositReversed
    deposit_swept: _events_pb2.DepositSwept
    exchange_order_filled: _events_pb2.ExchangeOrderFilled
    exchange_order_pending: _events_pb2.ExchangeOrderPending
    exchange_order_failed: _events_pb2.ExchangeOrderFailed
    exchange_order_rejected: _events_pb2.ExchangeOrderRejected
    exchange_order_placed: _events_pb2.ExchangeOrderPlaced
    exchange_order_accepted: _events_pb2.ExchangeOrderAccepted
    exchange_order_new: _events_pb2.ExchangeOrderNew
    exchange_order_canceled: _events_pb2.ExchangeOrderCanceled
    exchange_order_expired: _events_pb2.ExchangeOrderExpired
    exchange_order_replaced: _events_pb2.ExchangeOrderReplaced
    exchange_order_settled: _events_pb2.ExchangeOrderSettled
    broker_account_opened: _events_pb2.BrokerAccountOpened
    broker_account_funded: _events_pb2.BrokerAccountFunded
    perp_market_opened: _events_pb2.PerpMarketOpened
    perp_market_woken: _events_pb2.PerpMarketWoken
    perp_funding: _events_pb2.PerpFunding
    perp_conditions: _events_pb2.PerpConditions
    perp_fill: _events_pb2.PerpFill
    perp_liquidation: _events_pb2.PerpLiquidation
    perp_order_placed: _events_pb2.PerpOrderPlaced
    perp_order_closed: _events_pb2.PerpOrderClosed
    perp_dividend: _events_pb2.PerpDividend
    perp_halted: _events_pb2.PerpHalted
    perp_split: _events_pb2.PerpSplit
    perp_reopened: _events_pb2.PerpReopened
    spv_account_opened: _events_pb2.SpvAccountOpened
    spv_account_funded: _events_pb2.SpvAccountFunded
    funding_buffer_opened: _events_pb2.FundingBufferOpened
    mint_completed: _events_pb2.MintCompleted
    mint_hedged: _events_pb2.MintHedged
    mint_hedge_settled: _events_pb2.MintHedgeSettled
    redemption_requested: _events_pb2.RedemptionRequested
    redemption_failed: _events_pb2.RedemptionFailed
    redemption_paid: _events_pb2.RedemptionPaid
    product_halted: _events_pb2.ProductHalted
    product_resumed: _events_pb2.ProductResumed
    in_kind_minted: _events_pb2.InKindMinted
    in_kind_redeemed: _events_pb2.InKindRedeemed
    distribution_begun: _events_pb2.DistributionBegun
    distribution_applied: _events_pb2.DistributionApplied
    ex_dividend_planned: _events_pb2.ExDividendPlanned
    ex_dividend_scheduled: _events_pb2.ExDividendScheduled
    funding_wire_asked: _events_pb2.FundingWireAsked
    funding_wire_failed: _events_pb2.FundingWireFailed
    funding_wire_sent: _events_pb2.FundingWireSent
    funding_wire_paid: _events_pb2.FundingWirePaid
    token_paused: _events_pb2.TokenPaused
    token_frozen: _events_pb2.TokenFrozen
    token_unfrozen: _events_pb2.TokenUnfrozen
    spv_key_compromised: _events_pb2.SpvKeyCompromised
    spv_loss_recognised: _events_pb2.SpvLossRecognised
    spv_insolvent: _events_pb2.SpvInsolvent
    account_created: _events_pb2.AccountCreated
    account_funded: _events_pb2.AccountFunded
    route_changed: _events_pb2.RouteChanged
    account_status_changed: _events_pb2.AccountStatusChanged
    account_tax_profile_set: _events_pb2.AccountTaxProfileSet
    account_updated: _events_pb2.AccountUpdated
    account_closed: _events_pb2.AccountClosed
    account_status_updated: _events_pb2.AccountStatusUpdated
    notice_dividend: _events_pb2.NoticeDividend
    notice_split: _events_pb2.NoticeSplit
    notice_meeting: _events_pb2.NoticeMeeting
    ca_applied: _events_pb2.CaApplied
    inventory_split: _events_pb2.InventorySplit
    order_split_adjusted: _events_pb2.OrderSplitAdjusted
    order_dividend_adjusted: _events_pb2.OrderDividendAdjusted
    credit_line_set: _events_pb2.CreditLineSet
    credit_drawn: _events_pb2.CreditDrawn
    credit_repaid: _events_pb2.CreditRepaid
    credit_interest_charged: _events_pb2.CreditInterestCharged
    broker_failed: _events_pb2.BrokerFailed
    ach_relationship_created: _events_pb2.AchRelationshipCreated
    ach_relationship_canceled: _events_pb2.AchRelationshipCanceled
    recipient_bank_created: _events_pb2.RecipientBankCreated
    recipient_bank_canceled: _events_pb2.RecipientBankCanceled
    transfer_queued: _events_pb2.TransferQueued
    transfer_completed: _events_pb2.TransferCompleted
    transfer_canceled: _events_pb2.TransferCanceled
    journal_executed: _events_pb2.JournalExecuted
    journal_rejected: _events_pb2.JournalRejected
    journal_canceled: _events_pb2.JournalCanceled
    firm_account_opened: _events_pb2.FirmAccountOpened
    broker_order_accepted: _events_pb2.BrokerOrderAccepted
    broker_order_new: _events_pb2.BrokerOrderNew
    broker_order_filled: _events_pb2.BrokerOrderFilled
    broker_order_canceled: _events_pb2.BrokerOrderCanceled
    broker_order_expired: _events_pb2.BrokerOrderExpired
    broker_order_rejected: _events_pb2.BrokerOrderRejected
    broker_order_replaced: _events_pb2.BrokerOrderReplaced
    broker_order_settled: _events_pb2.BrokerOrderSettled
    vote_instructed: _events_pb2.VoteInstructed
    vote_standing_instruction: _events_pb2.VoteStandingInstruction
    votes_cast: _events_pb2.VotesCast
    tokenization_requested: _events_pb2.TokenizationRequested
    tokenization_completed: _events_pb2.TokenizationCompleted
    tokenization_rejected: _events_pb2.TokenizationRejected
    tax_deposited: _events_pb2.TaxDeposited
    participant_opened: _events_pb2.ParticipantOpened
    security_registered: _events_pb2.SecurityRegistered
    trade_captured: _events_pb2.TradeCaptured
    delivery_fail_set: _events_pb2.DeliveryFailSet
    delivery_fail_cleared: _events_pb2.DeliveryFailCleared
    settlement_line_settled: _events_pb2.SettlementLineSettled
    settlement_line_failed: _events_pb2.SettlementLineFailed
    settlement_completed: _events_pb2.SettlementCompleted
    trade_settled_late: _events_pb2.TradeSettledLate
    settlement_bought_in: _events_pb2.SettlementBoughtIn
    ca_announced: _events_pb2.CaAnnounced
    ca_entitled: _events_pb2.CaEntitled
    ca_paid: _events_pb2.CaPaid
    ca_due_bills_redeemed: _events_pb2.CaDueBillsRedeemed
    ca_held: _events_pb2.CaHeld
    ca_split_applied: _events_pb2.CaSplitApplied
    chain_reorg: _events_pb2.ChainReorg
    token_deployed: _events_pb2.TokenDeployed
    token_mint: _events_pb2.TokenMint
    token_burn: _events_pb2.TokenBurn
    token_transfer: _events_pb2.TokenTransfer
    token_approval: _events_pb2.TokenApproval
    token_pause: _events_pb2.TokenPause
    token_freeze: _events_pb2.TokenFreeze
    token_multiplier: _events_pb2.TokenMultiplier
    token_reverted: _events_pb2.TokenReverted
    token_call: _events_pb2.TokenCall
    stablecoin_issued: _events_pb2.StablecoinIssued
    stablecoin_redemption_requested: _events_pb2.StablecoinRedemptionRequested
    stablecoin_conditions_set: _events_pb2.StablecoinConditionsSet
    stablecoin_wire_held: _events_pb2.StablecoinWireHeld
    stablecoin_wire_returned: _events_pb2.StablecoinWireReturned
    stablecoin_wire_sent: _events_pb2.StablecoinWireSent
    def __init__(self, service: _Optional[str] = ..., seq: _Optional[int] = ..., at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., type: _Optional[str] = ..., payload_json: _Optional[str] = ..., clock_advanced: _Optional[_Union[_events_pb2.ClockAdvanced, _Mapping]] = ..., clock_mode: _Optional[_Union[_events_pb2.ClockMode, _Mapping]] = ..., market_open: _Optional[_Union[_events_pb2.MarketOpen, _Mapping]] = ..., market_close: _Optional[_Union[_events_pb2.MarketClose, _Mapping]] = ..., fault_scheduled: _Optional[_Union[_events_pb2.FaultScheduled, _Mapping]] = ..., fault_injected: _Optional[_Union[_events_pb2.FaultInjected, _Mapping]] = ..., fault_cleared: _Optional[_Union[_events_pb2.FaultCleared, _Mapping]] = ..., fault_expired: _Optional[_Union[_events_pb2.FaultExpired, _Mapping]] = ..., user_created: _Optional[_Union[_events_pb2.UserCreated, _Mapping]] = ..., withdrawal_sent: _Optional[_Union[_events_pb2.WithdrawalSent, _Mapping]] = ..., deposit_seen: _Optional[_Union[_events_pb2.DepositSeen, _Mapping]] = ..., deposit_credited: _Optional[_Union[_events_pb2.DepositCredited, _Mapping]] = ..., deposit_dropped: _Optional[_Union[_events_pb2.DepositDropped, _Mapping]] = ..., deposit_reversed: _Optional[_Union[_events_pb2.DepositReversed, _Mapping]] = ..., deposit_swept: _Optional[_Union[_events_pb2.DepositSwept, _Mapping]] = ..., exchange_order_filled: _Optional[_Union[_events_pb2.ExchangeOrderFilled, _Mapping]] = ..., exchange_order_pending: _Optional[_Union[_events_pb2.ExchangeOrderPending, _Mapping]] = ..., exchange_order_failed: _Optional[_Union[_events_pb2.ExchangeOrderFailed, _Mapping]] = ..., exchange_order_rejected: _Optional[_Union[_events_pb2.ExchangeOrderRejected, _Mapping]] = ..., exchange_order_placed: _Optional[_Union[_events_pb2.ExchangeOrderPlaced, _Mapping]] = ..., exchange_order_accepted: _Optional[_Union[_events_pb2.ExchangeOrderAccepted, _Mapping]] = ..., exchange_order_new: _Optional[_Union[_events_pb2.ExchangeOrderNew, _Mapping]] = ..., exchange_order_canceled: _Optional[_Union[_events_pb2.ExchangeOrderCanceled, _Mapping]] = ..., exchange_order_expired: _Optional[_Union[_events_pb2.ExchangeOrderExpired, _Mapping]] = ..., exchange_order_replaced: _Optional[_Union[_events_pb2.ExchangeOrderReplaced, _Mapping]] = ..., exchange_order_settled: _Optional[_Union[_events_pb2.ExchangeOrderSettled, _Mapping]] = ..., broker_account_opened: _Optional[_Union[_events_pb2.BrokerAccountOpened, _Mapping]] = ..., broker_account_funded: _Optional[_Union[_events_pb2.BrokerAccountFunded, _Mapping]] = ..., perp_market_opened: _Optional[_Union[_events_pb2.PerpMarketOpened, _Mapping]] = ..., perp_market_woken: _Optional[_Union[_events_pb2.PerpMarketWoken, _Mapping]] = ..., perp_funding: _Optional[_Union[_events_pb2.PerpFunding, _Mapping]] = ..., perp_conditions: _Optional[_Union[_events_pb2.PerpConditions, _Mapping]] = ..., perp_fill: _Optional[_Union[_events_pb2.PerpFill, _Mapping]] = ..., perp_liquidation: _Optional[_Union[_events_pb2.PerpLiquidation, _Mapping]] = ..., perp_order_placed: _Optional[_Union[_events_pb2.PerpOrderPlaced, _Mapping]] = ..., perp_order_closed: _Optional[_Union[_events_pb2.PerpOrderClosed, _Mapping]] = ..., perp_dividend: _Optional[_Union[_events_pb2.PerpDividend, _Mapping]] = ..., perp_halted: _Optional[_Union[_events_pb2.PerpHalted, _Mapping]] = ..., perp_split: _Optional[_Union[_events_pb2.PerpSplit, _Mapping]] = ..., perp_reopened: _Optional[_Union[_events_pb2.PerpReopened, _Mapping]] = ..., spv_account_opened: _Optional[_Union[_events_pb2.SpvAccountOpened, _Mapping]] = ..., spv_account_funded: _Optional[_Union[_events_pb2.SpvAccountFunded, _Mapping]] = ..., funding_buffer_opened: _Optional[_Union[_events_pb2.FundingBufferOpened, _Mapping]] = ..., mint_completed: _Optional[_Union[_events_pb2.MintCompleted, _Mapping]] = ..., mint_hedged: _Optional[_Union[_events_pb2.MintHedged, _Mapping]] = ..., mint_hedge_settled: _Optional[_Union[_events_pb2.MintHedgeSettled, _Mapping]] = ..., redemption_requested: _Optional[_Union[_events_pb2.RedemptionRequested, _Mapping]] = ..., redemption_failed: _Optional[_Union[_events_pb2.RedemptionFailed, _Mapping]] = ..., redemption_paid: _Optional[_Union[_events_pb2.RedemptionPaid, _Mapping]] = ..., product_halted: _Optional[_Union[_events_pb2.ProductHalted, _Mapping]] = ..., product_resumed: _Optional[_Union[_events_pb2.ProductResumed, _Mapping]] = ..., in_kind_minted: _Optional[_Union[_events_pb2.InKindMinted, _Mapping]] = ..., in_kind_redeemed: _Optional[_Union[_events_pb2.InKindRedeemed, _Mapping]] = ..., distribution_begun: _Optional[_Union[_events_pb2.DistributionBegun, _Mapping]] = ..., distribution_applied: _Optional[_Union[_events_pb2.DistributionApplied, _Mapping]] = ..., ex_dividend_planned: _Optional[_Union[_events_pb2.ExDividendPlanned, _Mapping]] = ..., ex_dividend_scheduled: _Optional[_Union[_events_pb2.ExDividendScheduled, _Mapping]] = ..., funding_wire_asked: _Optional[_Union[_events_pb2.FundingWireAsked, _Mapping]] = ..., funding_wire_failed: _Optional[_Union[_events_pb2.FundingWireFailed, _Mapping]] = ..., funding_wire_sent: _Optional[_Union[_events_pb2.FundingWireSent, _Mapping]] = ..., funding_wire_paid: _Optional[_Union[_events_pb2.FundingWirePaid, _Mapping]] = ..., token_paused: _Optional[_Union[_events_pb2.TokenPaused, _Mapping]] = ..., token_frozen: _Optional[_Union[_events_pb2.TokenFrozen, _Mapping]] = ..., token_unfrozen: _Optional[_Union[_events_pb2.TokenUnfrozen, _Mapping]] = ..., spv_key_compromised: _Optional[_Union[_events_pb2.SpvKeyCompromised, _Mapping]] = ..., spv_loss_recognised: _Optional[_Union[_events_pb2.SpvLossRecognised, _Mapping]] = ..., spv_insolvent: _Optional[_Union[_events_pb2.SpvInsolvent, _Mapping]] = ..., account_created: _Optional[_Union[_events_pb2.AccountCreated, _Mapping]] = ..., account_funded: _Optional[_Union[_events_pb2.AccountFunded, _Mapping]] = ..., route_changed: _Optional[_Union[_events_pb2.RouteChanged, _Mapping]] = ..., account_status_changed: _Optional[_Union[_events_pb2.AccountStatusChanged, _Mapping]] = ..., account_tax_profile_set: _Optional[_Union[_events_pb2.AccountTaxProfileSet, _Mapping]] = ..., account_updated: _Optional[_Union[_events_pb2.AccountUpdated, _Mapping]] = ..., account_closed: _Optional[_Union[_events_pb2.AccountClosed, _Mapping]] = ..., account_status_updated: _Optional[_Union[_events_pb2.AccountStatusUpdated, _Mapping]] = ..., notice_dividend: _Optional[_Union[_events_pb2.NoticeDividend, _Mapping]] = ..., notice_split: _Optional[_Union[_events_pb2.NoticeSplit, _Mapping]] = ..., notice_meeting: _Optional[_Union[_events_pb2.NoticeMeeting, _Mapping]] = ..., ca_applied: _Optional[_Union[_events_pb2.CaApplied, _Mapping]] = ..., inventory_split: _Optional[_Union[_events_pb2.InventorySplit, _Mapping]] = ..., order_split_adjusted: _Optional[_Union[_events_pb2.OrderSplitAdjusted, _Mapping]] = ..., order_dividend_adjusted: _Optional[_Union[_events_pb2.OrderDividendAdjusted, _Mapping]] = ..., credit_line_set: _Optional[_Union[_events_pb2.CreditLineSet, _Mapping]] = ..., credit_drawn: _Optional[_Union[_events_pb2.CreditDrawn, _Mapping]] = ..., credit_repaid: _Optional[_Union[_events_pb2.CreditRepaid, _Mapping]] = ..., credit_interest_charged: _Optional[_Union[_events_pb2.CreditInterestCharged, _Mapping]] = ..., broker_failed: _Optional[_Union[_events_pb2.BrokerFailed, _Mapping]] = ..., ach_relationship_created: _Optional[_Union[_events_pb2.AchRelationshipCreated, _Mapping]] = ..., ach_relationship_canceled: _Optional[_Union[_events_pb2.AchRelationshipCanceled, _Mapping]] = ..., recipient_bank_created: _Optional[_Union[_events_pb2.RecipientBankCreated, _Mapping]] = ..., recipient_bank_canceled: _Optional[_Union[_events_pb2.RecipientBankCanceled, _Mapping]] = ..., transfer_queued: _Optional[_Union[_events_pb2.TransferQueued, _Mapping]] = ..., transfer_completed: _Optional[_Union[_events_pb2.TransferCompleted, _Mapping]] = ..., transfer_canceled: _Optional[_Union[_events_pb2.TransferCanceled, _Mapping]] = ..., journal_executed: _Optional[_Union[_events_pb2.JournalExecuted, _Mapping]] = ..., journal_rejected: _Optional[_Union[_events_pb2.JournalRejected, _Mapping]] = ..., journal_canceled: _Optional[_Union[_events_pb2.JournalCanceled, _Mapping]] = ..., firm_account_opened: _Optional[_Union[_events_pb2.FirmAccountOpened, _Mapping]] = ..., broker_order_accepted: _Optional[_Union[_events_pb2.BrokerOrderAccepted, _Mapping]] = ..., broker_order_new: _Optional[_Union[_events_pb2.BrokerOrderNew, _Mapping]] = ..., broker_order_filled: _Optional[_Union[_events_pb2.BrokerOrderFilled, _Mapping]] = ..., broker_order_canceled: _Optional[_Union[_events_pb2.BrokerOrderCanceled, _Mapping]] = ..., broker_order_expired: _Optional[_Union[_events_pb2.BrokerOrderExpired, _Mapping]] = ..., broker_order_rejected: _Optional[_Union[_events_pb2.BrokerOrderRejected, _Mapping]] = ..., broker_order_replaced: _Optional[_Union[_events_pb2.BrokerOrderReplaced, _Mapping]] = ..., broker_order_settled: _Optional[_Union[_events_pb2.BrokerOrderSettled, _Mapping]] = ..., vote_instructed: _Optional[_Union[_events_pb2.VoteInstructed, _Mapping]] = ..., vote_standing_instruction: _Optional[_Union[_events_pb2.VoteStandingInstruction, _Mapping]] = ..., votes_cast: _Optional[_Union[_events_pb2.VotesCast, _Mapping]] = ..., tokenization_requested: _Optional[_Union[_events_pb2.TokenizationRequested, _Mapping]] = ..., tokenization_completed: _Optional[_Union[_events_pb2.TokenizationCompleted, _Mapping]] = ..., tokenization_rejected: _Optional[_Union[_events_pb2.TokenizationRejected, _Mapping]] = ..., tax_deposited: _Optional[_Union[_events_pb2.TaxDeposited, _Mapping]] = ..., participant_opened: _Optional[_Union[_events_pb2.ParticipantOpened, _Mapping]] = ..., security_registered: _Optional[_Union[_events_pb2.SecurityRegistered, _Mapping]] = ..., trade_captured: _Optional[_Union[_events_pb2.TradeCaptured, _Mapping]] = ..., delivery_fail_set: _Optional[_Union[_events_pb2.DeliveryFailSet, _Mapping]] = ..., delivery_fail_cleared: _Optional[_Union[_events_pb2.DeliveryFailCleared, _Mapping]] = ..., settlement_line_settled: _Optional[_Union[_events_pb2.SettlementLineSettled, _Mapping]] = ..., settlement_line_failed: _Optional[_Union[_events_pb2.SettlementLineFailed, _Mapping]] = ..., settlement_completed: _Optional[_Union[_events_pb2.SettlementCompleted, _Mapping]] = ..., trade_settled_late: _Optional[_Union[_events_pb2.TradeSettledLate, _Mapping]] = ..., settlement_bought_in: _Optional[_Union[_events_pb2.SettlementBoughtIn, _Mapping]] = ..., ca_announced: _Optional[_Union[_events_pb2.CaAnnounced, _Mapping]] = ..., ca_entitled: _Optional[_Union[_events_pb2.CaEntitled, _Mapping]] = ..., ca_paid: _Optional[_Union[_events_pb2.CaPaid, _Mapping]] = ..., ca_due_bills_redeemed: _Optional[_Union[_events_pb2.CaDueBillsRedeemed, _Mapping]] = ..., ca_held: _Optional[_Union[_events_pb2.CaHeld, _Mapping]] = ..., ca_split_applied: _Optional[_Union[_events_pb2.CaSplitApplied, _Mapping]] = ..., chain_reorg: _Optional[_Union[_events_pb2.ChainReorg, _Mapping]] = ..., token_deployed: _Optional[_Union[_events_pb2.TokenDeployed, _Mapping]] = ..., token_mint: _Optional[_Union[_events_pb2.TokenMint, _Mapping]] = ..., token_burn: _Optional[_Union[_events_pb2.TokenBurn, _Mapping]] = ..., token_transfer: _Optional[_Union[_events_pb2.TokenTransfer, _Mapping]] = ..., token_approval: _Optional[_Union[_events_pb2.TokenApproval, _Mapping]] = ..., token_pause: _Optional[_Union[_events_pb2.TokenPause, _Mapping]] = ..., token_freeze: _Optional[_Union[_events_pb2.TokenFreeze, _Mapping]] = ..., token_multiplier: _Optional[_Union[_events_pb2.TokenMultiplier, _Mapping]] = ..., token_reverted: _Optional[_Union[_events_pb2.TokenReverted, _Mapping]] = ..., token_call: _Optional[_Union[_events_pb2.TokenCall, _Mapping]] = ..., stablecoin_issued: _Optional[_Union[_events_pb2.StablecoinIssued, _Mapping]] = ..., stablecoin_redemption_requested: _Optional[_Union[_events_pb2.StablecoinRedemptionRequested, _Mapping]] = ..., stablecoin_conditions_set: _Optional[_Union[_events_pb2.StablecoinConditionsSet, _Mapping]] = ..., stablecoin_wire_held: _Optional[_Union[_events_pb2.StablecoinWireHeld, _Mapping]] = ..., stablecoin_wire_returned: _Optional[_Union[_events_pb2.StablecoinWireReturned, _Mapping]] = ..., stablecoin_wire_sent: _Optional[_Union[_events_pb2.StablecoinWireSent, _Mapping]] = ...) -> None: ...

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
    sum: _decimal_pb2.Decimal
    postings: int
    def __init__(self, asset: _Optional[str] = ..., sum: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., postings: _Optional[int] = ...) -> None: ...

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
    rate: _decimal_pb2.Decimal
    limit: int
    window_seconds: int
    seed: int
    max_requests: int
    def __init__(self, fault_id: _Optional[str] = ..., kind: _Optional[str] = ..., from_service: _Optional[str] = ..., face: _Optional[str] = ..., method: _Optional[str] = ..., latency_ms: _Optional[int] = ..., jitter_ms: _Optional[int] = ..., grpc_code: _Optional[str] = ..., http_status: _Optional[int] = ..., rate: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., limit: _Optional[int] = ..., window_seconds: _Optional[int] = ..., seed: _Optional[int] = ..., max_requests: _Optional[int] = ...) -> None: ...

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
