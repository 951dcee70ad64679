"""Domain errors with machine-readable reasons, carried as gRPC status + google.rpc.ErrorInfo.

A service raises `DomainError(reason, message)`; the transport turns it into a gRPC status whose
details hold an ErrorInfo with the same reason (and a REST problem+json with the same reason).
A client turns such a status back into a DomainError, so a reason survives several hops
(the exchange sees the broker's ROUTE_CUT through the issuer).
"""
from __future__ import annotations

from typing import Any

import grpc
from google.protobuf import any_pb2
from google.rpc import error_details_pb2, status_pb2
from grpc_status import rpc_status

from fivelayer.kernel import reasons

DOMAIN = "fivelayer.dev"

# reason -> gRPC status code; a reason not listed here is FAILED_PRECONDITION. The reasons that belong
# to one service are named in `reasons`.
REASON_CODES: dict[str, grpc.StatusCode] = {
    "INVALID_ARGUMENT": grpc.StatusCode.INVALID_ARGUMENT,
    "UNAVAILABLE": grpc.StatusCode.UNAVAILABLE,
    "DEADLINE_EXCEEDED": grpc.StatusCode.DEADLINE_EXCEEDED,
    "UNIMPLEMENTED": grpc.StatusCode.UNIMPLEMENTED,
    "RATE_LIMITED": grpc.StatusCode.RESOURCE_EXHAUSTED,
    "UNAUTHENTICATED": grpc.StatusCode.UNAUTHENTICATED,
    "INVALID_AMOUNT": grpc.StatusCode.INVALID_ARGUMENT,
    "TOO_MANY_DECIMALS": grpc.StatusCode.INVALID_ARGUMENT,
    "MISSING_REQUEST_ID": grpc.StatusCode.INVALID_ARGUMENT,
    "INVALID_DURATION": grpc.StatusCode.INVALID_ARGUMENT,
    "INVALID_PAGE_TOKEN": grpc.StatusCode.INVALID_ARGUMENT,   # not a next_page_token this list gave
    reasons.Control.INVALID_PRICE: grpc.StatusCode.INVALID_ARGUMENT,
    reasons.Control.INVALID_STUCK_AMOUNT: grpc.StatusCode.INVALID_ARGUMENT,
    reasons.Control.INVALID_FRACTION: grpc.StatusCode.INVALID_ARGUMENT,
    reasons.Control.INVALID_DELAY: grpc.StatusCode.INVALID_ARGUMENT,
    reasons.Control.MISSING_FAULT_PARAMETER: grpc.StatusCode.INVALID_ARGUMENT,
    reasons.Control.PARAMETER_NOT_USED: grpc.StatusCode.INVALID_ARGUMENT,
    reasons.Chain.INVALID_ADDRESS: grpc.StatusCode.INVALID_ARGUMENT,
    "UNKNOWN_SYMBOL": grpc.StatusCode.NOT_FOUND,
    "UNKNOWN_TOKEN": grpc.StatusCode.NOT_FOUND,
    reasons.Broker.UNKNOWN_ACCOUNT: grpc.StatusCode.NOT_FOUND,
    reasons.Exchange.UNKNOWN_USER: grpc.StatusCode.NOT_FOUND,
    reasons.Exchange.NO_BROKER_ACCOUNT: grpc.StatusCode.NOT_FOUND,
    reasons.Exchange.NOT_A_TOKEN: grpc.StatusCode.FAILED_PRECONDITION,
    reasons.Exchange.PERPS_HALTED: grpc.StatusCode.FAILED_PRECONDITION,
    reasons.Exchange.NO_LIQUIDITY: grpc.StatusCode.FAILED_PRECONDITION,
    reasons.Exchange.REDUCE_ONLY_VIOLATION: grpc.StatusCode.FAILED_PRECONDITION,
    reasons.Exchange.UNKNOWN_ORDER: grpc.StatusCode.NOT_FOUND,
    reasons.Exchange.ORDER_NOT_OPEN: grpc.StatusCode.FAILED_PRECONDITION,
    reasons.Depository.UNKNOWN_PARTICIPANT: grpc.StatusCode.NOT_FOUND,
    "NOT_FOUND": grpc.StatusCode.NOT_FOUND,
    "IDEMPOTENCY_KEY_REUSED": grpc.StatusCode.ALREADY_EXISTS,
    reasons.Chain.NOT_MINTER: grpc.StatusCode.PERMISSION_DENIED,
    reasons.Chain.NOT_OWNER: grpc.StatusCode.PERMISSION_DENIED,
    reasons.Broker.INVALID_API_KEY: grpc.StatusCode.PERMISSION_DENIED,
    reasons.Broker.NOT_AN_ISSUER: grpc.StatusCode.PERMISSION_DENIED,
    reasons.Broker.CUSTOMER_OF_ANOTHER_CORRESPONDENT: grpc.StatusCode.PERMISSION_DENIED,
    reasons.Broker.UNKNOWN_ISSUER: grpc.StatusCode.NOT_FOUND,
    reasons.Broker.UNKNOWN_TAX_STATUS: grpc.StatusCode.INVALID_ARGUMENT,
    "UNKNOWN_COUNTRY": grpc.StatusCode.INVALID_ARGUMENT,   # kernel.countries
    reasons.Broker.ROUTE_CUT: grpc.StatusCode.PERMISSION_DENIED,
    reasons.Broker.ACCOUNT_FROZEN: grpc.StatusCode.PERMISSION_DENIED,
    reasons.Chain.ADDRESS_FROZEN: grpc.StatusCode.PERMISSION_DENIED,
    "INSUFFICIENT_FUNDS": grpc.StatusCode.FAILED_PRECONDITION,
    reasons.Chain.INSUFFICIENT_ALLOWANCE: grpc.StatusCode.FAILED_PRECONDITION,
    reasons.Chain.TOO_MANY_HOLDERS: grpc.StatusCode.FAILED_PRECONDITION,
    reasons.Stablecoin.NOT_A_REDEMPTION: grpc.StatusCode.FAILED_PRECONDITION,
    reasons.Stablecoin.ALREADY_REDEEMED: grpc.StatusCode.ALREADY_EXISTS,
    reasons.Broker.INSUFFICIENT_BUYING_POWER: grpc.StatusCode.FAILED_PRECONDITION,
    reasons.Broker.INSUFFICIENT_POSITION: grpc.StatusCode.FAILED_PRECONDITION,
    reasons.Depository.MARKET_CLOSED: grpc.StatusCode.FAILED_PRECONDITION,
    reasons.Depository.LATE_ANNOUNCEMENT: grpc.StatusCode.FAILED_PRECONDITION,
    reasons.Issuer.MINT_HALTED: grpc.StatusCode.FAILED_PRECONDITION,
    reasons.Chain.MINT_PAUSED: grpc.StatusCode.FAILED_PRECONDITION,
    reasons.Chain.TRANSFERS_PAUSED: grpc.StatusCode.FAILED_PRECONDITION,
    reasons.Issuer.REDEMPTION_HALTED: grpc.StatusCode.FAILED_PRECONDITION,
    reasons.Issuer.ISSUER_INSOLVENT: grpc.StatusCode.FAILED_PRECONDITION,
    reasons.Issuer.SLIPPAGE_EXCEEDED: grpc.StatusCode.FAILED_PRECONDITION,
    reasons.Issuer.BUFFER_EXHAUSTED: grpc.StatusCode.FAILED_PRECONDITION,
    reasons.Issuer.CREDIT_LIMIT: grpc.StatusCode.FAILED_PRECONDITION,
    reasons.Issuer.IN_KIND_ONLY: grpc.StatusCode.FAILED_PRECONDITION,
    reasons.Control.CLOCK_BACKWARDS: grpc.StatusCode.FAILED_PRECONDITION,
    reasons.Broker.ORDER_NOT_CANCELABLE: grpc.StatusCode.FAILED_PRECONDITION,
    reasons.Broker.VOTING_FORM_NOT_FOUND: grpc.StatusCode.NOT_FOUND,
    reasons.Broker.NO_SHARES_TO_VOTE: grpc.StatusCode.FAILED_PRECONDITION,
    reasons.Broker.UNKNOWN_PROPOSAL: grpc.StatusCode.NOT_FOUND,
    reasons.Broker.INVALID_VOTE_CHOICE: grpc.StatusCode.INVALID_ARGUMENT,
    reasons.Broker.VOTING_CLOSED: grpc.StatusCode.FAILED_PRECONDITION,
    reasons.Broker.UNKNOWN_MEETING: grpc.StatusCode.NOT_FOUND,
    reasons.Broker.CREDIT_LIMIT: grpc.StatusCode.FAILED_PRECONDITION,
    reasons.Broker.BROKER_FAILED: grpc.StatusCode.FAILED_PRECONDITION,
    "JOB_FAILED": grpc.StatusCode.INTERNAL,
    reasons.Control.UNKNOWN_DRILL: grpc.StatusCode.NOT_FOUND,
    reasons.Control.SANDBOX_NOT_FRESH: grpc.StatusCode.FAILED_PRECONDITION,
    reasons.Control.DRILL_RUNNING: grpc.StatusCode.FAILED_PRECONDITION,
}

HTTP_STATUS: dict[grpc.StatusCode, int] = {
    grpc.StatusCode.INVALID_ARGUMENT: 400,
    grpc.StatusCode.NOT_FOUND: 404,
    grpc.StatusCode.ALREADY_EXISTS: 409,
    grpc.StatusCode.PERMISSION_DENIED: 403,
    grpc.StatusCode.UNAUTHENTICATED: 401,
    grpc.StatusCode.FAILED_PRECONDITION: 422,
    grpc.StatusCode.UNAVAILABLE: 503,
    grpc.StatusCode.DEADLINE_EXCEEDED: 504,
    grpc.StatusCode.RESOURCE_EXHAUSTED: 429,
    grpc.StatusCode.INTERNAL: 500,
    grpc.StatusCode.UNIMPLEMENTED: 501,
}


class DomainError(Exception):
    """A refusal a caller can act on: a reason code, a sentence, and optional details."""

    def __init__(self, reason: str, message: str, **metadata: object) -> None:
        super().__init__(f"[{reason}] {message}")
        self.reason = reason
        self.message = message
        self.metadata = {k: str(v) for k, v in metadata.items()}

    @property
    def code(self) -> grpc.StatusCode:
        return REASON_CODES.get(self.reason, grpc.StatusCode.FAILED_PRECONDITION)

    @property
    def http_status(self) -> int:
        return HTTP_STATUS.get(self.code, 422)

    def to_status(self) -> grpc.Status:
        info = error_details_pb2.ErrorInfo(reason=self.reason, domain=DOMAIN, metadata=self.metadata)
        detail = any_pb2.Any()
        detail.Pack(info)
        status = status_pb2.Status(code=self.code.value[0], message=str(self), details=[detail])
        return rpc_status.to_status(status)

    def problem(self) -> dict[str, Any]:
        """RFC 9457 problem details, with the same reason as the gRPC face."""
        return {"type": f"https://{DOMAIN}/problems/{self.reason.lower().replace('_', '-')}",
                "title": self.reason, "status": self.http_status, "detail": self.message,
                "reason": self.reason, **({"metadata": self.metadata} if self.metadata else {})}


def from_rpc_error(error: grpc.RpcError) -> DomainError:
    """Recover the DomainError a remote service raised; transport failures become UNAVAILABLE."""
    # the RpcError a stub raises is also the grpc.Call, whose trailing metadata holds the status
    status = rpc_status.from_call(error) if isinstance(error, grpc.Call) else None
    if status is not None:
        for detail in status.details:
            info = error_details_pb2.ErrorInfo()
            if detail.Is(info.DESCRIPTOR) and detail.Unpack(info):
                message = status.message
                prefix = f"[{info.reason}] "
                return DomainError(info.reason, message[len(prefix):] if message.startswith(prefix) else message,
                                   **dict(info.metadata))
    code = error.code() if hasattr(error, "code") else None
    details = error.details() if hasattr(error, "details") else str(error)
    transport = {grpc.StatusCode.DEADLINE_EXCEEDED: "DEADLINE_EXCEEDED",
                 grpc.StatusCode.RESOURCE_EXHAUSTED: "RATE_LIMITED",
                 # a service the peer does not serve (yet): an answer, not a transient failure to retry
                 grpc.StatusCode.UNIMPLEMENTED: "UNIMPLEMENTED"}
    reason = transport.get(code, "UNAVAILABLE") if code is not None else "UNAVAILABLE"
    return DomainError(reason, f"{code}: {details}")


def require(condition: bool, reason: str, message: str, **metadata: object) -> None:
    """Raise DomainError(reason, message) unless `condition` holds."""
    if not condition:
        raise DomainError(reason, message, **metadata)
