"""Database plumbing: one engine per service, a service-wide unit of work, exact column types.

SQLite files in the data folder by default, any SQLAlchemy URL by configuration (PostgreSQL in
compose.yaml). Local units of work in a service are serialized by one lock, and kept short: no
unit of work may be open while its thread waits on another service (the RPC clients assert it),
so the lock is never held across a network hop.
"""
from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import String, create_engine, event, text
from sqlalchemy.engine import Dialect, Engine, make_url
from sqlalchemy.types import DateTime, TypeDecorator
from sqlmodel import Session, SQLModel

from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.reasons import Common

Row = TypeVar("Row", bound=SQLModel)
_units = threading.local()  # how many units of work (transactions or reads) this thread has open


def open_units() -> int:
    """Units of work open on this thread: must be 0 whenever it calls another service."""
    return getattr(_units, "open", 0)


@contextmanager
def _counted() -> Iterator[None]:
    _units.open = open_units() + 1
    try:
        yield
    finally:
        _units.open = open_units() - 1


class DecimalText(TypeDecorator[Decimal]):
    """An exact decimal stored as text: SQLite has no exact numeric type."""

    impl = String(80)
    cache_ok = True

    def process_bind_param(self, value: Decimal | None, dialect: Dialect) -> str | None:
        if value is None:
            return None
        return format(Decimal(value), "f")

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        return None if value is None else Decimal(value)


class UTCDateTime(TypeDecorator[datetime]):
    """A UTC instant, stored naive (SQLite keeps no zone) and read back zone-aware."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is not None:
            value = value.astimezone(UTC)
        return value.replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


def get_row(session: Session, model: type[Row], key: object, what: str) -> Row:
    """The row with primary key `key`, or NOT_FOUND naming `what` (e.g. "mint")."""
    row = session.get(model, key)
    if row is None:
        raise DomainError(Common.NOT_FOUND, f"no {what} {key!r}", id=str(key))
    return row


def ensure_database(url: str) -> None:
    """Create the SQLite folder or the PostgreSQL database named in `url` if it is missing."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        return
    if parsed.get_backend_name() == "postgresql":
        admin = create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
        try:
            with admin.connect() as conn:
                exists = conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"),
                                      {"n": parsed.database}).scalar()
                if not exists:
                    conn.execute(text(f'CREATE DATABASE "{parsed.database}"'))
        finally:
            admin.dispose()


def make_engine(url: str) -> Engine:
    ensure_database(url)
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

        @event.listens_for(engine, "connect")
        def _pragmas(conn: Any, _record: Any) -> None:
            cursor = conn.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=FULL")
            cursor.close()

        return engine
    return create_engine(url, pool_pre_ping=True)


def _unit(session: Session) -> Iterator[Session]:
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise


class Database:
    """A service's database: its tables, and units of work serialized by one lock."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)
        self.lock = threading.RLock()
        SQLModel.metadata.create_all(self.engine)

    @contextmanager
    def transaction(self, durable: bool = True) -> Iterator[Session]:
        """One atomic unit of work: commits on success, rolls back on any exception.

        Each commit waits for the disk (SQLite's synchronous=FULL), except with `durable=False`: that
        commit survives the process's crash (it is in the write-ahead log) but reaches the disk only
        with the next durable commit, so a power cut may lose it. Only for records that a replay
        rebuilds (the chain's outcome of a journaled transaction); any other URL ignores it."""
        with _counted(), self.lock:
            if durable or not self.url.startswith("sqlite"):
                with Session(self.engine, expire_on_commit=False) as session:
                    yield from _unit(session)
                return
            with self.engine.connect() as connection:
                connection.exec_driver_sql("PRAGMA synchronous=NORMAL")
                connection.commit()
                try:
                    with Session(bind=connection, expire_on_commit=False) as session:
                        yield from _unit(session)
                finally:
                    connection.exec_driver_sql("PRAGMA synchronous=FULL")
                    connection.commit()

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only session (no commit)."""
        with _counted(), Session(self.engine, expire_on_commit=False) as session:
            yield session

    def dispose(self) -> None:
        self.engine.dispose()
