"""Reason codes that belong to one service, defined once, grouped by the service that gives them.

The owner raises them; a service that acts on another's refusal (the issuer halts when its broker
answers ROUTE_CUT) tests for them by these names. The generic reasons any service may give
(INVALID_ARGUMENT, INVALID_AMOUNT, UNKNOWN_TOKEN, INSUFFICIENT_FUNDS, NOT_FOUND, UNAVAILABLE, ...)
belong to the kernel; `errors.REASON_CODES` maps every reason to its gRPC status code.
"""
from __future__ import annotations

from typing import Final


class Chain:
    INVALID_ADDRESS: Final = "INVALID_ADDRESS"
    NOT_MINTER: Final = "NOT_MINTER"
    NOT_OWNER: Final = "NOT_OWNER"
    MINT_PAUSED: Final = "MINT_PAUSED"
    TRANSFERS_PAUSED: Final = "TRANSFERS_PAUSED"
    ADDRESS_FROZEN: Final = "ADDRESS_FROZEN"
    INSUFFICIENT_ALLOWANCE: Final = "INSUFFICIENT_ALLOWANCE"
    TOO_MANY_HOLDERS: Final = "TOO_MANY_HOLDERS"  # HoldersAt answers at most 10,000 holders


class Stablecoin:
    NOT_A_REDEMPTION: Final = "NOT_A_REDEMPTION"  # the transaction is not a FUSD transfer to the redemption address
    ALREADY_REDEEMED: Final = "ALREADY_REDEEMED"  # that transfer was redeemed by another request


class Depository:
    UNKNOWN_PARTICIPANT: Final = "UNKNOWN_PARTICIPANT"
    MARKET_CLOSED: Final = "MARKET_CLOSED"
    LATE_ANNOUNCEMENT: Final = "LATE_ANNOUNCEMENT"  # less than 10 days before the record date (SEC Rule 10b-17)
    NOT_WHOLE_SHARES: Final = "NOT_WHOLE_SHARES"    # DTC holds, nets and delivers whole shares only


class Broker:
    UNKNOWN_ACCOUNT: Final = "UNKNOWN_ACCOUNT"
    INVALID_API_KEY: Final = "INVALID_API_KEY"
    ROUTE_CUT: Final = "ROUTE_CUT"            # the broker has cut the account's API route
    ACCOUNT_FROZEN: Final = "ACCOUNT_FROZEN"  # the account is not active (frozen, closed, an estate's)
    INSUFFICIENT_BUYING_POWER: Final = "INSUFFICIENT_BUYING_POWER"
    INSUFFICIENT_POSITION: Final = "INSUFFICIENT_POSITION"
    ORDER_NOT_CANCELABLE: Final = "ORDER_NOT_CANCELABLE"
    ORDER_NOT_REPLACEABLE: Final = "ORDER_NOT_REPLACEABLE"
    DUPLICATE_CLIENT_ORDER_ID: Final = "DUPLICATE_CLIENT_ORDER_ID"  # client_order_id is unique per account
    ACCOUNT_NOT_ACTIVE: Final = "ACCOUNT_NOT_ACTIVE"  # an application not yet ACTIVE cannot trade
    ACCOUNT_CLOSED: Final = "ACCOUNT_CLOSED"
    UNKNOWN_ISSUER: Final = "UNKNOWN_ISSUER"    # no tokenization issuer of that name
    NOT_AN_ISSUER: Final = "NOT_AN_ISSUER"      # only the request's issuer confirms a tokenization
    CUSTOMER_OF_ANOTHER_CORRESPONDENT: Final = "CUSTOMER_OF_ANOTHER_CORRESPONDENT"  # another account for its customer
    UNKNOWN_TAX_STATUS: Final = "UNKNOWN_TAX_STATUS"  # not one of `broker.tax.STATUSES`
    VOTING_FORM_NOT_FOUND: Final = "VOTING_FORM_NOT_FOUND"  # no such voting instruction form of this account
    NO_SHARES_TO_VOTE: Final = "NO_SHARES_TO_VOTE"          # less than one whole share at the record date
    UNKNOWN_PROPOSAL: Final = "UNKNOWN_PROPOSAL"            # not on the meeting's agenda
    INVALID_VOTE_CHOICE: Final = "INVALID_VOTE_CHOICE"      # an instruction is for, against or abstain
    VOTING_CLOSED: Final = "VOTING_CLOSED"                  # at or after the cutoff: the broker has cast the votes
    UNKNOWN_MEETING: Final = "UNKNOWN_MEETING"              # no meeting the broker has sent forms for
    CREDIT_LIMIT: Final = "CREDIT_LIMIT"                    # a buy beyond the account's cash and credit line
    BROKER_FAILED: Final = "BROKER_FAILED"                  # the broker is in SIPC liquidation: nothing changes


class Issuer:
    MINT_HALTED: Final = "MINT_HALTED"
    REDEMPTION_HALTED: Final = "REDEMPTION_HALTED"
    ISSUER_INSOLVENT: Final = "ISSUER_INSOLVENT"
    SLIPPAGE_EXCEEDED: Final = "SLIPPAGE_EXCEEDED"
    BUFFER_EXHAUSTED: Final = "BUFFER_EXHAUSTED"  # a prefunded product's hedge would go past its free buffer
    CREDIT_LIMIT: Final = "CREDIT_LIMIT"          # a broker-credit product's hedge would go past the broker's line
    IN_KIND_ONLY: Final = "IN_KIND_ONLY"          # an in-kind product takes no cash mint or redemption


class Exchange:
    UNKNOWN_USER: Final = "UNKNOWN_USER"
    NOT_A_TOKEN: Final = "NOT_A_TOKEN"              # a stock of the traditional route is held at the broker
    NO_BROKER_ACCOUNT: Final = "NO_BROKER_ACCOUNT"  # the user has not traded the traditional route yet
    # perpetuals (issue 19)
    PERPS_HALTED: Final = "PERPS_HALTED"            # the market is halted (a fault, a split): no orders
    NO_LIQUIDITY: Final = "NO_LIQUIDITY"            # a market order's rest: nothing within 5% of the mark
    REDUCE_ONLY_VIOLATION: Final = "REDUCE_ONLY_VIOLATION"  # a reduce-only order would open or flip
    UNKNOWN_ORDER: Final = "UNKNOWN_ORDER"          # no perp order of that id
    ORDER_NOT_OPEN: Final = "ORDER_NOT_OPEN"        # only a resting order can be canceled


class Control:
    CLOCK_BACKWARDS: Final = "CLOCK_BACKWARDS"
    UNKNOWN_DRILL: Final = "UNKNOWN_DRILL"
    SANDBOX_NOT_FRESH: Final = "SANDBOX_NOT_FRESH"
    DRILL_RUNNING: Final = "DRILL_RUNNING"
    # a money-leg fault's parameters (control/money_faults.py): each names what is wrong
    INVALID_PRICE: Final = "INVALID_PRICE"            # depeg --price: USD per FUSD, above 0 and below 1
    INVALID_STUCK_AMOUNT: Final = "INVALID_STUCK_AMOUNT"  # depeg --stuck: positive dollars, at most 2 places
    INVALID_FRACTION: Final = "INVALID_FRACTION"      # broker-failure --fraction: in [0, 1)
    INVALID_DELAY: Final = "INVALID_DELAY"            # wire-delay --delay: a positive duration, e.g. 36h
    MISSING_FAULT_PARAMETER: Final = "MISSING_FAULT_PARAMETER"  # the kind needs a parameter not given
    PARAMETER_NOT_USED: Final = "PARAMETER_NOT_USED"  # a parameter the kind does not take
