"""Idempotent mutations: a client request id is applied at most once.

As in Formance and Modern Treasury, the key stores a hash of the request and the response:
a replay with the same body returns the stored response; the same key with a different body is
IDEMPOTENCY_KEY_REUSED. The key, the state change and its events commit in one transaction;
a refused request stores nothing, so it may be retried.
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from typing import TypeVar, cast

from google.protobuf import descriptor_pool, message_factory
from google.protobuf.message import Message
from sqlalchemy import LargeBinary
from sqlmodel import Field, Session, SQLModel

from fivelayer.kernel.db import Database
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.reasons import Common

M = TypeVar("M", bound=Message)


class IdempotencyKey(SQLModel, table=True):
    __tablename__ = "idempotency_key"
    key: str = Field(primary_key=True, max_length=300)
    request_hash: str = Field(max_length=64)
    response_type: str = Field(max_length=200)
    response: bytes = Field(sa_type=LargeBinary)


def request_hash(request: Message) -> str:
    return hashlib.sha256(request.SerializeToString(deterministic=True)).hexdigest()


def parse_message(type_name: str, payload: bytes) -> Message:
    cls = message_factory.GetMessageClass(descriptor_pool.Default().FindMessageTypeByName(type_name))
    return cls.FromString(payload)


def idempotency_key(method: str, request: Message) -> str:
    """`method:request_id`, refusing a request without an id."""
    request_id: str = getattr(request, "request_id", "")
    if not request_id.strip():
        raise DomainError(Common.MISSING_REQUEST_ID, f"{method} needs a request_id (a client idempotency key)")
    return f"{method}:{request_id}"


def reused(key: str) -> DomainError:
    method, request_id = key.split(":", 1)
    return DomainError(Common.IDEMPOTENCY_KEY_REUSED, f"request_id {request_id!r} was used for a different {method} "
                       "request", request_id=request_id)


def stored_response(session: Session, key: str, digest: str) -> Message | None:
    """The response stored for `key`, if the request was applied; a different body is refused."""
    stored = session.get(IdempotencyKey, key)
    if stored is None:
        return None
    if stored.request_hash != digest:
        raise reused(key)
    return parse_message(stored.response_type, stored.response)


def apply_once(db: Database, method: str, request: Message, work: Callable[[Session], M]) -> M:
    """Run `work` in one transaction unless `request.request_id` was already applied to `method`."""
    key = idempotency_key(method, request)
    digest = request_hash(request)
    with db.transaction() as session:
        done = stored_response(session, key, digest)
        if done is not None:
            return cast(M, done)  # the type `work` returned then
        response = work(session)
        session.add(IdempotencyKey(key=key, request_hash=digest, response_type=response.DESCRIPTOR.full_name,
                                   response=response.SerializeToString(deterministic=True)))
        return response


MAX_BATCH = 500  # requests in one batch call: a bound, so one call cannot hold the lock for long


def apply_each(db: Database, method: str, requests: Sequence[Message],
               work: Callable[[Session, Message], M]) -> list[M]:
    """Apply each request of a batch once (by its own request id, as `method` would), all in one
    unit of work: a request already applied returns its stored response; a refusal refuses the
    whole batch, naming the request, and changes nothing."""
    if len(requests) > MAX_BATCH:
        raise DomainError(Common.INVALID_ARGUMENT, f"a batch holds at most {MAX_BATCH} requests, got {len(requests)}")
    keyed = [(idempotency_key(method, r), request_hash(r), r) for r in requests]
    responses: list[M] = []
    with db.transaction() as session:
        for key, digest, request in keyed:
            done = stored_response(session, key, digest)
            if done is not None:
                responses.append(cast(M, done))
                continue
            try:
                response = work(session, request)
            except DomainError as error:
                raise DomainError(error.reason, f"{key.split(':', 1)[1]}: {error.message}", **error.metadata) from None
            session.add(IdempotencyKey(key=key, request_hash=digest, response_type=response.DESCRIPTOR.full_name,
                                       response=response.SerializeToString(deterministic=True)))
            session.flush()
            responses.append(response)
    return responses
