"""A request that spans services: three short local steps around keyed remote sub-requests.

No service holds its lock or an open transaction while it waits on another. So a request that
needs other services (an exchange buy asks the issuer to mint; a mint asks the chain and the
broker) runs as:

1. begin (one short transaction): validate, reserve what the request will spend (funds moved
   to an escrow account), and record an intent holding the request and its plan;
2. remote (no unit of work open): the sub-requests, each keyed from the request id
   (`<id>:approve`, `<id>:mint`), retried on transient failures; the callee applies each once;
3. finish (one short transaction): record the outcome and its events, store the response under
   the request's idempotency key, drop the intent.

A business refusal in step 2 runs `refused` (release the reservation) and stores nothing, so
the request may be retried. A transient failure past its bound leaves the intent: a retry with
the same request id, or the service's resumer, carries it on from step 2 with the same plan, and
since every sub-request is keyed nothing is applied twice. A crash anywhere does the same.

Plans. A saga kind declares its plan as a frozen dataclass deriving from `TypedPlan` (fields of type
str, int, bool, Decimal, datetime or date) and builds a `TypedSaga[ThePlan, Out, Response]`: begin returns
the plan, remote, finish and refused take it, and mypy checks every field they read. The intent stores it as
canonical JSON (`TypedPlan.to_json`: Decimals and instants as text) and parses it back with validation
(`TypedPlan.from_json`: every field present and of its type, no other key; else an INTERNAL error naming it), so a
resumed saga carries on with exactly the plan its begin step made. Every saga kind has a typed plan; the first
form (a `dict[str, str]` plan read through string keys) is gone. An intent it stored, with the same keys, still
parses into the typed plan (numbers and instants as text, booleans as "True"/"False"), so intents in flight
when a service is upgraded carry on.
"""
from __future__ import annotations

import dataclasses
import json
import logging
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any, Generic, Self, TypeVar, cast, get_type_hints

from google.protobuf.message import Message
from sqlalchemy import LargeBinary
from sqlmodel import Field, Session, SQLModel, col, select

from fivelayer.kernel.background import FailureLog
from fivelayer.kernel.db import Database
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.idempotency import (
    IdempotencyKey,
    idempotency_key,
    parse_message,
    request_hash,
    reused,
    stored_response,
)
from fivelayer.kernel.reasons import Common
from fivelayer.kernel.retry import is_transient
from fivelayer.kernel.timeutil import iso, utc

log = logging.getLogger(__name__)
Out = TypeVar("Out")  # what the remote step returns
M = TypeVar("M", bound=Message)
RESUME_AFTER = 5.0   # wall seconds an intent may wait for its client's retry before the resumer acts
RESUME_BATCH = 50    # intents the resumer carries on per pass


class IntentRow(SQLModel, table=True):
    """A request begun and not yet finished: what it asked, and the plan its begin step made."""

    __tablename__ = "saga_intent"
    key: str = Field(primary_key=True, max_length=300)
    method: str = Field(max_length=100)
    request_hash: str = Field(max_length=64)
    request_type: str = Field(max_length=200)
    request: bytes = Field(sa_type=LargeBinary)
    plan: str
    begun_wall: float  # wall seconds, for the resumer only (never sandbox state)


PLAN_CORRUPT = Common.INTERNAL   # a stored plan that does not parse is the service's fault, never the caller's


def _corrupt(kind: str, why: str) -> DomainError:
    return DomainError(PLAN_CORRUPT, f"a stored {kind} plan {why}", plan=kind)


@dataclass(frozen=True)
class TypedPlan:
    """A saga kind's plan: subclass it as a frozen dataclass. `to_json` and `from_json` round-trip it
    exactly; `from_json` validates what it reads (a plan is stored data: it is checked, not trusted)."""

    def to_json(self) -> str:
        def text(value: object) -> object:
            if isinstance(value, Decimal):
                return str(value)
            if isinstance(value, datetime):
                return iso(value)
            if isinstance(value, date):
                return value.isoformat()
            return value
        return json.dumps({f.name: text(getattr(self, f.name)) for f in dataclasses.fields(self)}, sort_keys=True)

    @classmethod
    def from_json(cls, stored: str) -> Self:
        kind = cls.__name__
        try:
            raw = json.loads(stored)
        except ValueError:
            raise _corrupt(kind, "is not JSON") from None
        if not isinstance(raw, dict):
            raise _corrupt(kind, "is not an object")
        hints = get_type_hints(cls)
        fields = {f.name: f for f in dataclasses.fields(cls)}
        if unknown := sorted(set(raw) - set(fields)):
            raise _corrupt(kind, f"has unknown fields {', '.join(unknown)}")
        values: dict[str, object] = {}
        for name, f in fields.items():
            if name not in raw:
                if f.default is not dataclasses.MISSING:
                    continue
                raise _corrupt(kind, f"lacks {name}")
            values[name] = cls._parse(kind, name, hints[name], raw[name])
        return cls(**values)

    @staticmethod
    def _parse(kind: str, name: str, wanted: object, value: object) -> object:
        try:
            if wanted is Decimal and isinstance(value, (str, int)) and not isinstance(value, bool):
                parsed = Decimal(value)
                if parsed.is_finite():
                    return parsed
            elif wanted is datetime and isinstance(value, str):
                return utc(datetime.fromisoformat(value.replace("Z", "+00:00")))
            elif wanted is date and isinstance(value, str):
                return date.fromisoformat(value)
            elif wanted is bool and isinstance(value, bool):
                return value
            elif wanted is bool and value in ("True", "False"):  # a dict-plan intent stored str(bool)
                return value == "True"
            elif wanted is int and isinstance(value, int) and not isinstance(value, bool):
                return value
            elif wanted is str and isinstance(value, str):
                return value
        except (InvalidOperation, ValueError):
            pass
        raise _corrupt(kind, f"has {name} = {value!r}, not a {getattr(wanted, '__name__', wanted)}")


P = TypeVar("P", bound=TypedPlan)


@dataclass(frozen=True)
class TypedSaga(Generic[P, Out, M]):
    """A saga whose plan is a `TypedPlan` of `plan_type`: its steps read typed fields, checked by mypy."""

    plan_type: type[P]
    begin: Callable[[Session], P]
    remote: Callable[[P], Out]
    finish: Callable[[Session, P, Out], M]
    refused: Callable[[Session, P, DomainError], None] = lambda session, plan, error: None

    def encode(self, plan: P) -> str:
        if not isinstance(plan, self.plan_type):
            raise TypeError(f"begin returned a {type(plan).__name__}, not a {self.plan_type.__name__}")
        return plan.to_json()

    def decode(self, text: str) -> P:
        return self.plan_type.from_json(text)


AnySaga = TypedSaga[Any, Out, M]   # a saga of any plan type, as `run_saga` and the guard take it


def run_saga(db: Database, method: str, request: Message, make: Callable[[], AnySaga[Out, M]]) -> M:
    """Apply `request` once, by the saga `make()` builds (it may read other services first)."""
    key = idempotency_key(method, request)
    digest = request_hash(request)
    with db.read() as session:
        done = stored_response(session, key, digest)
    if done is not None:
        return cast(M, done)  # the response type this saga stored then
    saga = make()
    with db.transaction() as session:
        done = stored_response(session, key, digest)
        if done is not None:
            return cast(M, done)  # the response type this saga stored then
        intent = session.get(IntentRow, key)
        if intent is not None:
            if intent.request_hash != digest:
                raise reused(key)
            plan: Any = saga.decode(intent.plan)
        else:
            plan = saga.begin(session)
            session.add(IntentRow(key=key, method=method, request_hash=digest,
                                  request_type=request.DESCRIPTOR.full_name,
                                  request=request.SerializeToString(deterministic=True),
                                  plan=saga.encode(plan), begun_wall=time.time()))
    try:
        outcome = saga.remote(plan)
    except DomainError as error:
        if not is_transient(error):
            with db.transaction() as session:
                intent = session.get(IntentRow, key)
                if intent is not None:  # release once, even if a duplicate was refused too
                    saga.refused(session, plan, error)
                    session.delete(intent)
        raise
    with db.transaction() as session:
        done = stored_response(session, key, digest)
        if done is not None:
            return cast(M, done)  # the response type this saga stored then
        intent = session.get(IntentRow, key)
        if intent is None:
            raise DomainError(Common.REQUEST_REFUSED_MEANWHILE, f"a duplicate of {method} request "
                              f"{key.split(':', 1)[1]!r} was refused while this one ran; retry it")
        response = saga.finish(session, plan, outcome)
        session.delete(intent)
        session.add(IdempotencyKey(key=key, request_hash=digest, response_type=response.DESCRIPTOR.full_name,
                                   response=response.SerializeToString(deterministic=True)))
        return response


def stale_intents(db: Database, older_than: float = RESUME_AFTER, limit: int = RESUME_BATCH) -> list[IntentRow]:
    with db.read() as session:
        return list(session.exec(select(IntentRow).where(col(IntentRow.begun_wall) < time.time() - older_than)
                                 .order_by(col(IntentRow.begun_wall)).limit(limit)))


def resume(db: Database, servicer: Any, context: Any, older_than: float = RESUME_AFTER,
           failures: FailureLog | None = None) -> Iterator[str]:
    """Carry on every intent left waiting (its client gave up, or the service crashed mid-way) by
    calling the servicer method again with the stored request: it resumes from its plan. Yields
    the keys it finished; a failure is left for the next pass and logged, once per pass, or with
    `failures` (the pass's own, kept across passes) once per cause and intent."""
    for intent in stale_intents(db, older_than):
        request = parse_message(intent.request_type, intent.request)
        try:
            getattr(servicer, intent.method)(request, context)
        except DomainError as error:
            if failures is None:
                log.warning("resuming %s: [%s] %s", intent.key, error.reason, error.message)
            else:
                failures.failed(error, intent.key)
            continue
        if failures is not None:
            failures.succeeded(intent.key)
        yield intent.key
