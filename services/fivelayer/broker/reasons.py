"""The reason codes the broker gives, declared once (kernel/reasons.py registers them with their statuses).

Other services never import this module: a code another service must recognise belongs to the kernel.
"""
from __future__ import annotations

from typing import Final

import grpc

from fivelayer.kernel.reasons import ARG, DENIED, FOUND, PRE, Reason, Reasons


class Broker(Reasons, owner="broker"):
    UNKNOWN_ACCOUNT: Final = Reason("UNKNOWN_ACCOUNT", FOUND, "no account of that id")
    INVALID_API_KEY: Final = Reason("INVALID_API_KEY", DENIED, "no correspondent of that key")
    INSUFFICIENT_BUYING_POWER: Final = Reason("INSUFFICIENT_BUYING_POWER", PRE, "the account's buying power is short")
    INSUFFICIENT_POSITION: Final = Reason("INSUFFICIENT_POSITION", PRE, "the account holds fewer shares")
    ORDER_NOT_CANCELABLE: Final = Reason("ORDER_NOT_CANCELABLE", PRE, "the order is filled, canceled or rejected")
    ORDER_NOT_REPLACEABLE: Final = Reason("ORDER_NOT_REPLACEABLE", PRE, "the order is no longer open")
    DUPLICATE_CLIENT_ORDER_ID: Final = Reason("DUPLICATE_CLIENT_ORDER_ID", PRE,
                                              "client_order_id is unique per account")
    ACCOUNT_NOT_ACTIVE: Final = Reason("ACCOUNT_NOT_ACTIVE", PRE, "an application not yet ACTIVE cannot trade")
    ACCOUNT_CLOSED: Final = Reason("ACCOUNT_CLOSED", PRE, "the account is closed")
    UNKNOWN_ISSUER: Final = Reason("UNKNOWN_ISSUER", FOUND, "no tokenization issuer of that name")
    NOT_AN_ISSUER: Final = Reason("NOT_AN_ISSUER", DENIED, "only the request's issuer confirms a tokenization")
    CUSTOMER_OF_ANOTHER_CORRESPONDENT: Final = Reason("CUSTOMER_OF_ANOTHER_CORRESPONDENT", DENIED,
                                                      "the customer has an account of another correspondent")
    UNKNOWN_TAX_STATUS: Final = Reason("UNKNOWN_TAX_STATUS", ARG, "not one of broker.tax.STATUSES")
    VOTING_FORM_NOT_FOUND: Final = Reason("VOTING_FORM_NOT_FOUND", FOUND,
                                          "no such voting instruction form of this account")
    NO_SHARES_TO_VOTE: Final = Reason("NO_SHARES_TO_VOTE", PRE, "less than one whole share at the record date")
    UNKNOWN_PROPOSAL: Final = Reason("UNKNOWN_PROPOSAL", FOUND, "not on the meeting's agenda")
    INVALID_VOTE_CHOICE: Final = Reason("INVALID_VOTE_CHOICE", ARG, "an instruction is for, against or abstain")
    VOTING_CLOSED: Final = Reason("VOTING_CLOSED", PRE, "at or after the cutoff: the broker has cast the votes")
    UNKNOWN_MEETING: Final = Reason("UNKNOWN_MEETING", FOUND, "no meeting the broker has sent forms for")
    CREDIT_LIMIT: Final = Reason("CREDIT_LIMIT", PRE, "a buy beyond the account's cash and credit line")
    ACH_RELATIONSHIP_EXISTS: Final = Reason("ACH_RELATIONSHIP_EXISTS", PRE, "the account has a live ACH relationship")
    ACH_RELATIONSHIP_CANCELED: Final = Reason("ACH_RELATIONSHIP_CANCELED", PRE, "the ACH relationship is canceled")
    ACH_RELATIONSHIP_NOT_APPROVED: Final = Reason("ACH_RELATIONSHIP_NOT_APPROVED", PRE,
                                                  "the ACH relationship is not approved yet")
    TRANSFER_NOT_QUEUED: Final = Reason("TRANSFER_NOT_QUEUED", PRE, "the transfer is no longer queued")
    TRANSFER_NOT_CANCELABLE: Final = Reason("TRANSFER_NOT_CANCELABLE", PRE, "only a queued transfer can be canceled")
    JOURNAL_NOT_CANCELABLE: Final = Reason("JOURNAL_NOT_CANCELABLE", PRE, "only a pending journal can be canceled")
    UNKNOWN_PARTNER: Final = Reason("UNKNOWN_PARTNER", FOUND, "no partner (correspondent) of that key")
    SERVICE_PARTNER: Final = Reason("SERVICE_PARTNER", PRE,
                                    "the issuer's and the exchange's own correspondents are not reset")
    UNAUTHENTICATED: Final = Reason("UNAUTHENTICATED", grpc.StatusCode.UNAUTHENTICATED,
                                    "a correspondent's key and secret are missing or wrong")
    PERMISSION_DENIED: Final = Reason("PERMISSION_DENIED", DENIED, "the caller may not act on that record")
    FAILED_PRECONDITION: Final = Reason("FAILED_PRECONDITION", PRE, "the record is not in a state for that call")
    UNSUPPORTED: Final = Reason("UNSUPPORTED", PRE, "a variant of the call this sandbox does not serve")
    PRICES_NEEDED: Final = Reason("PRICES_NEEDED", PRE, "an open order's hold needs today's price")
