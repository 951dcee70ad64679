"""Reason codes: the registry every service declares its own codes in, and the codes the kernel owns.

A reason is a `Reason`: the wire string a caller reads (a `str`, so it compares equal to the string in
a google.rpc.ErrorInfo), its gRPC status and so its HTTP status, and a line for the OpenAPI document.
Each service declares the codes it gives in its own `fivelayer/<service>/reasons.py`, as attributes of a
`Reasons` subclass named with its owner; declaring them registers them here, so the REST face documents
them (kernel/rest.py) and tests/unit/test_reasons.py can hold every raise to the registry.
`DomainError` takes only a `Reason`, so mypy refuses a raw string where a reason goes.

A service never imports another service's reasons module. A code that more than one service gives or
acts on is the kernel's, below: `Common` (any service's generic refusals), `Revert` (the token
contracts' reverts, which every service that sends a transaction reads through kernel/evm.py), and
`Cutoff` (the broker's refusals that the exchange and the issuer act on).
"""
from __future__ import annotations

from typing import Any, ClassVar, Final

import grpc

KERNEL: Final = "kernel"

# gRPC status -> the HTTP status the REST face answers with
HTTP_STATUS: Final[dict[grpc.StatusCode, int]] = {
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


def http_status(code: grpc.StatusCode) -> int:
    """The REST face's status for a gRPC status (a status not in the table is a refusal: 422)."""
    return HTTP_STATUS.get(code, 422)


class Reason(str):
    """A reason code: its wire string (this str), its gRPC status, its HTTP status and what it means."""

    grpc_status: grpc.StatusCode
    doc: str

    def __new__(cls, code: str, grpc_status: grpc.StatusCode, doc: str) -> Reason:
        if not code or not code.replace("_", "").isalnum() or code.upper() != code:
            raise ValueError(f"a reason code is UPPER_SNAKE_CASE, got {code!r}")
        reason = super().__new__(cls, code)
        reason.grpc_status = grpc_status
        reason.doc = doc
        return reason

    @property
    def http_status(self) -> int:
        return http_status(self.grpc_status)

    def __reduce__(self) -> tuple[Any, ...]:
        """Copied (dataclasses.asdict deep-copies) and pickled with its statuses, as it is."""
        return _rebuild, (str(self), self.grpc_status, self.doc)


def _rebuild(code: str, grpc_status: grpc.StatusCode, doc: str) -> Reason:
    """A Reason as it was copied or pickled (not checked again: a relayed code may be any string)."""
    reason = str.__new__(Reason, code)
    reason.grpc_status, reason.doc = grpc_status, doc
    return reason


# owner ("kernel", "broker", ...) -> code -> Reason, filled as each Reasons subclass is declared
REGISTRY: dict[str, dict[str, Reason]] = {}


def register(owner: str, reason: Reason) -> None:
    """Enter `reason` under `owner`; one wire string means one status everywhere it is declared."""
    for other, codes in REGISTRY.items():
        known = codes.get(reason)
        if known is not None and known.grpc_status != reason.grpc_status:
            raise ValueError(f"{owner}'s {reason} is {reason.grpc_status.name} but {other}'s is "
                             f"{known.grpc_status.name}: a wire string has one status")
    REGISTRY.setdefault(owner, {})[str(reason)] = reason


class Reasons:
    """A group of reason codes of one owner: `class Broker(Reasons, owner="broker")`, each attribute a
    `Reason` whose code is the attribute's name. Declaring the class registers its codes."""

    owner: ClassVar[str]

    def __init_subclass__(cls, owner: str, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        cls.owner = owner
        for name, value in vars(cls).items():
            if isinstance(value, Reason):
                if name != value:
                    raise ValueError(f"{cls.__name__}.{name} declares the code {value!r}: name them alike")
                register(owner, value)


def documented(owner: str) -> dict[str, Reason]:
    """The codes a service's REST face documents: the kernel's, then its own (its own win a tie)."""
    return {**REGISTRY.get(KERNEL, {}), **REGISTRY.get(owner, {})}


def lookup(code: str) -> Reason | None:
    """The declared reason of that wire string, from any owner (they agree on its status)."""
    for codes in REGISTRY.values():
        if code in codes:
            return codes[code]
    return None


# the statuses reasons are declared with, named once for every service's reasons module
ARG: Final = grpc.StatusCode.INVALID_ARGUMENT
EXISTS: Final = grpc.StatusCode.ALREADY_EXISTS
FOUND: Final = grpc.StatusCode.NOT_FOUND
DENIED: Final = grpc.StatusCode.PERMISSION_DENIED
PRE: Final = grpc.StatusCode.FAILED_PRECONDITION


class Common(Reasons, owner=KERNEL):
    """The refusals any service may give: bad input, unknown ids, transport, idempotency."""

    INVALID_ARGUMENT: Final = Reason("INVALID_ARGUMENT", ARG, "a field is missing or not of its form")
    INVALID_AMOUNT: Final = Reason("INVALID_AMOUNT", ARG, "an amount is missing, not a number, or not positive")
    TOO_MANY_DECIMALS: Final = Reason("TOO_MANY_DECIMALS", ARG, "an amount has more decimal places than it takes")
    MISSING_REQUEST_ID: Final = Reason("MISSING_REQUEST_ID", ARG, "a mutating call needs a request_id")
    INVALID_DURATION: Final = Reason("INVALID_DURATION", ARG, "not a positive duration such as 1d, 2h30m or 90s")
    INVALID_PAGE_TOKEN: Final = Reason("INVALID_PAGE_TOKEN", ARG,
                                      "not a next_page_token this list gave (kernel/paging.py)")
    UNKNOWN_COUNTRY: Final = Reason("UNKNOWN_COUNTRY", ARG, "not an ISO 3166 country code (kernel/countries.py)")
    UNKNOWN_SYMBOL: Final = Reason("UNKNOWN_SYMBOL", FOUND, "no stock of that symbol")
    UNKNOWN_TOKEN: Final = Reason("UNKNOWN_TOKEN", FOUND, "no token of that symbol")
    NOT_FOUND: Final = Reason("NOT_FOUND", FOUND, "no record of that id")
    IDEMPOTENCY_KEY_REUSED: Final = Reason("IDEMPOTENCY_KEY_REUSED", grpc.StatusCode.ALREADY_EXISTS,
                                           "the request_id was used for a different request")
    INSUFFICIENT_FUNDS: Final = Reason("INSUFFICIENT_FUNDS", PRE, "the balance does not cover the amount")
    UNAVAILABLE: Final = Reason("UNAVAILABLE", grpc.StatusCode.UNAVAILABLE,
                                "a service this call needs is unavailable: retry with the same request_id")
    DEADLINE_EXCEEDED: Final = Reason("DEADLINE_EXCEEDED", grpc.StatusCode.DEADLINE_EXCEEDED,
                                      "a service this call needs did not answer in time: retry")
    RATE_LIMITED: Final = Reason("RATE_LIMITED", grpc.StatusCode.RESOURCE_EXHAUSTED,
                                 "rate limited: retry later with the same request_id")
    UNIMPLEMENTED: Final = Reason("UNIMPLEMENTED", grpc.StatusCode.UNIMPLEMENTED, "the peer does not serve that call")
    INTERNAL: Final = Reason("INTERNAL", grpc.StatusCode.INTERNAL, "the sandbox failed to finish the work it was asked")
    UNKNOWN: Final = Reason("UNKNOWN", PRE, "a transport error of unknown cause (gRPC UNKNOWN)")
    JOB_FAILED: Final = Reason("JOB_FAILED", grpc.StatusCode.INTERNAL, "a scheduled job failed (kernel/jobs.py)")
    REQUEST_REFUSED_MEANWHILE: Final = Reason("REQUEST_REFUSED_MEANWHILE", PRE,
                                              "a duplicate of a saga's request was refused meanwhile (kernel/saga.py)")
    NOT_KEY_HOLDER: Final = Reason("NOT_KEY_HOLDER", PRE, "no key for that sender here (kernel/wallet.py)")
    UNKNOWN_ROLE: Final = Reason("UNKNOWN_ROLE", PRE, "no sandbox key of that role (kernel/keys.py)")


class Revert(Reasons, owner=KERNEL):
    """The token contracts' reverts as reason codes (kernel/evm.py), read by every service that sends a
    transaction: shared, so they are the kernel's."""

    INVALID_ADDRESS: Final = Reason("INVALID_ADDRESS", ARG, "not a 0x-prefixed 20-byte address")
    NOT_MINTER: Final = Reason("NOT_MINTER", DENIED, "the sender is not the token's minter")
    NOT_OWNER: Final = Reason("NOT_OWNER", DENIED, "the sender is not the token's owner")
    MINT_PAUSED: Final = Reason("MINT_PAUSED", PRE, "minting is paused by the token's owner")
    TRANSFERS_PAUSED: Final = Reason("TRANSFERS_PAUSED", PRE, "transfers are paused by the token's owner")
    ADDRESS_FROZEN: Final = Reason("ADDRESS_FROZEN", DENIED, "the address is frozen in the token")
    INSUFFICIENT_ALLOWANCE: Final = Reason("INSUFFICIENT_ALLOWANCE", PRE, "the spender's allowance is short")
    TOO_MANY_PENDING_CHANGES: Final = Reason("TOO_MANY_PENDING_CHANGES", PRE,
                                             "too many multiplier changes are pending on the token")
    CALL_REVERTED: Final = Reason("CALL_REVERTED", PRE, "the contract reverted for another cause")


class Cutoff(Reasons, owner=KERNEL):
    """The broker's refusals that cut an account off: the broker gives them, the exchange checks the same
    before routing, and the issuer halts a product's route on them (issuer/spv.py)."""

    ROUTE_CUT: Final = Reason("ROUTE_CUT", DENIED, "the broker has cut the account's API route")
    ACCOUNT_FROZEN: Final = Reason("ACCOUNT_FROZEN", DENIED, "the account is not active (frozen, closed, an estate's)")
    BROKER_FAILED: Final = Reason("BROKER_FAILED", PRE, "the broker is in SIPC liquidation: nothing changes")
