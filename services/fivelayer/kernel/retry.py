"""Transient failures between services are retried with the same key, with backoff and a bound.

A peer that is down, restarting, slow or rate-limiting (UNAVAILABLE, DEADLINE_EXCEEDED,
RATE_LIMITED) is not an answer: the
call is repeated, and since every mutating sub-request carries a key derived from its parent's
request id, a repeat applies nothing twice. Only a business refusal (a reason code such as
ROUTE_CUT or INSUFFICIENT_FUNDS) is an outcome. Past the bound the transient error is raised, for
the caller to retry with the same id later (a saga resumes where it stopped).

Backoff and bound come from tenacity, a well-kept retry library, rather than a loop of our own.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from tenacity import Retrying, retry_if_exception, stop_after_delay, wait_exponential

from fivelayer.kernel.errors import DomainError

T = TypeVar("T")
TRANSIENT = frozenset({"UNAVAILABLE", "DEADLINE_EXCEEDED", "RATE_LIMITED"})
DEFAULT_BOUND = 10.0        # wall seconds of retrying before a transient failure is raised
START_BOUND = 60.0          # at start-up: the peers start at the same time (`Runtime.started_at`)
FIRST_WAIT, MAX_WAIT = 0.05, 1.0


def is_transient(error: BaseException) -> bool:
    return isinstance(error, DomainError) and error.reason in TRANSIENT


def retrying(call: Callable[[], T], bound: float = DEFAULT_BOUND) -> T:
    """`call()`, repeated on transient failures with exponential backoff for up to `bound` seconds."""
    if bound <= 0:
        return call()
    for attempt in Retrying(stop=stop_after_delay(bound), wait=wait_exponential(multiplier=FIRST_WAIT, max=MAX_WAIT),
                            retry=retry_if_exception(is_transient), reraise=True):
        with attempt:
            return call()
    raise AssertionError("unreachable: tenacity either returns or re-raises")
