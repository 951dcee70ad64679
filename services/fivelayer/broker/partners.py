"""Correspondents (partners): who may use the Broker API face, with HTTP Basic key and secret.

Secrets are stored as salted PBKDF2-SHA256 hashes, as a real broker stores API secrets; a
verified pair is remembered for the process's life (by a hash of the pair), so each request does
not pay for the key stretching again. One partner sees and moves only the accounts it opened.
"""
from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
from datetime import datetime

from sqlmodel import Session

from fivelayer.broker.models import CorrespondentRow
from fivelayer.kernel import credentials
from fivelayer.kernel.db import Database
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.reasons import Common
from fivelayer.broker import reasons

ITERATIONS = 120_000
_verified: set[str] = set()
_lock = threading.Lock()


def hash_secret(secret: str, salt: str) -> str:
    return hashlib.pbkdf2_hmac("sha256", secret.encode(), bytes.fromhex(salt), ITERATIONS).hex()


def ensure(session: Session, key_id: str, secret: str, name: str, now: datetime) -> CorrespondentRow:
    """Create the partner, or give it this secret (an operator's `--partner-secret` at start-up)."""
    if not key_id.strip() or len(secret) < 8:
        raise DomainError(Common.INVALID_ARGUMENT, "a partner needs a key id and a secret of at least 8 characters")
    row = session.get(CorrespondentRow, key_id) or CorrespondentRow(key_id=key_id, name=name, secret_hash="",
                                                                       salt="", created_at=now)
    row.salt = secrets.token_hex(16)
    row.secret_hash = hash_secret(secret, row.salt)
    session.add(row)
    return row


def authenticate(db: Database, key_id: str, secret: str) -> str:
    """The partner's key id, or UNAUTHENTICATED (a wrong key and a wrong secret look the same)."""
    pair = hashlib.sha256(f"{key_id}\x00{secret}".encode()).hexdigest()
    with _lock:
        if pair in _verified:
            return key_id
    with db.read() as session:
        row = session.get(CorrespondentRow, key_id)
    if row is None or not hmac.compare_digest(row.secret_hash, hash_secret(secret, row.salt)):
        raise DomainError(reasons.Broker.UNAUTHENTICATED, "the key id or secret is wrong")
    with _lock:
        _verified.add(pair)
    return key_id


def forget() -> None:
    """Drop remembered pairs (a secret was changed)."""
    with _lock:
        _verified.clear()


def from_metadata(db: Database, context: object) -> str:
    """The correspondent a gRPC call presents (HTTP Basic in its `authorization` metadata, as the
    issuer and the exchange send it), or "" for a call with none (an operator's: the CLI, a drill)."""
    metadata = getattr(context, "invocation_metadata", None)
    if not callable(metadata):
        return ""
    for key, value in metadata():
        if key == credentials.AUTHORIZATION:
            pair = credentials.parse_basic(value)
            if pair is None:
                raise DomainError(reasons.Broker.UNAUTHENTICATED,
                                  "authorization must be HTTP Basic: a key id and a secret")
            return authenticate(db, *pair)
    return ""


def require_partner(db: Database, context: object) -> str:
    partner = from_metadata(db, context)
    if not partner:
        raise DomainError(reasons.Broker.UNAUTHENTICATED,
                          "this call needs a correspondent's key and secret (HTTP Basic)")
    return partner
