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

from fivelayer.kernel.reasons import HTTP_STATUS, Common, Reason, http_status, lookup

DOMAIN = "fivelayer.dev"
__all__ = ["DOMAIN", "HTTP_STATUS", "DomainError", "from_rpc_error", "refusal", "require"]


class DomainError(Exception):
    """A refusal a caller can act on: a reason code, a sentence, and optional details."""

    def __init__(self, reason: Reason, message: str, **metadata: object) -> None:
        super().__init__(f"[{reason}] {message}")
        self.reason = reason  # a str: compares equal to the wire string
        self.message = message
        self.metadata = {k: str(v) for k, v in metadata.items()}

    @property
    def code(self) -> grpc.StatusCode:
        return self.reason.grpc_status

    @classmethod
    def relayed(cls, reason: str, code: grpc.StatusCode, message: str, **metadata: object) -> DomainError:
        """A refusal another service gave, as it came over the wire: its reason may be one this service
        does not declare (another service's own), so it keeps the status it came with."""
        return cls(_wire(reason, code), message, **metadata)

    @property
    def http_status(self) -> int:
        return http_status(self.code)

    def to_status(self) -> grpc.Status:
        info = error_details_pb2.ErrorInfo(reason=str(self.reason), domain=DOMAIN, metadata=self.metadata)
        detail = any_pb2.Any()
        detail.Pack(info)
        status = status_pb2.Status(code=self.code.value[0], message=str(self), details=[detail])
        return rpc_status.to_status(status)

    def problem(self) -> dict[str, Any]:
        """RFC 9457 problem details, with the same reason as the gRPC face."""
        return {"type": f"https://{DOMAIN}/problems/{self.reason.lower().replace('_', '-')}",
                "title": str(self.reason), "status": self.http_status, "detail": self.message,
                "reason": str(self.reason), **({"metadata": self.metadata} if self.metadata else {})}


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
                return DomainError.relayed(info.reason, _status_code(status.code),
                                           message[len(prefix):] if message.startswith(prefix) else message,
                                           **dict(info.metadata))
    code = error.code() if hasattr(error, "code") else None
    details = error.details() if hasattr(error, "details") else str(error)
    transport = {grpc.StatusCode.DEADLINE_EXCEEDED: Common.DEADLINE_EXCEEDED,
                 grpc.StatusCode.RESOURCE_EXHAUSTED: Common.RATE_LIMITED,
                 # a service the peer does not serve (yet): an answer, not a transient failure to retry
                 grpc.StatusCode.UNIMPLEMENTED: Common.UNIMPLEMENTED}
    reason = transport.get(code, Common.UNAVAILABLE) if code is not None else Common.UNAVAILABLE
    return DomainError(reason, f"{code}: {details}")


def refusal(code: str, message: str, **metadata: object) -> DomainError:
    """A refusal named by a wire string that came inside a message, not as an error status (a broker
    order's reject_reason): the reason this process declares for it, else relayed as FAILED_PRECONDITION."""
    return DomainError(lookup(code) or _wire(code, grpc.StatusCode.FAILED_PRECONDITION), message, **metadata)


def _wire(code: str, status: grpc.StatusCode) -> Reason:
    """A code as it came from elsewhere, with the status it came with (not checked against the registry)."""
    wire = str.__new__(Reason, code)
    wire.grpc_status, wire.doc = status, "relayed"
    return wire


def _status_code(value: int) -> grpc.StatusCode:
    """The gRPC status of a status number (an unknown number is UNKNOWN)."""
    return next((c for c in grpc.StatusCode if c.value[0] == value), grpc.StatusCode.UNKNOWN)


def require(condition: bool, reason: Reason, message: str, **metadata: object) -> None:
    """Raise DomainError(reason, message) unless `condition` holds."""
    if not condition:
        raise DomainError(reason, message, **metadata)
