"""Double-entry books: every balance is the sum of immutable postings.

A transfer is a set of postings (account, asset, signed amount) that sums to zero per asset.
Accounts whose name starts with "@" stand for the outside world (the faucet, the market, CNS)
and may go negative; every other account refuses an overdraft with INSUFFICIENT_FUNDS, and the
whole transfer is refused, so nothing changes. A balance cache is kept in the same transaction
and `prove` checks it against the postings.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import datetime
from decimal import Decimal

import grpc
from sqlmodel import Field, Session, SQLModel, select

from fivelayer.kernel.db import Database, DecimalText, UTCDateTime
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.money import ZERO, fmt, to_pb
from fivelayer.kernel.reasons import Common
from fivelayer.v1 import common_pb2, common_pb2_grpc

Leg = tuple[str, str, Decimal]  # (account, asset, signed amount)


class LedgerPosting(SQLModel, table=True):
    __tablename__ = "ledger_posting"
    id: int | None = Field(default=None, primary_key=True)
    transfer_id: str = Field(index=True, max_length=120)
    at: datetime = Field(sa_type=UTCDateTime)
    account: str = Field(index=True, max_length=120)
    asset: str = Field(max_length=40)
    amount: Decimal = Field(sa_type=DecimalText)
    memo: str = ""


class LedgerBalance(SQLModel, table=True):
    __tablename__ = "ledger_balance"
    account: str = Field(primary_key=True, max_length=120)
    asset: str = Field(primary_key=True, max_length=40)
    amount: Decimal = Field(sa_type=DecimalText)


def is_external(account: str) -> bool:
    return account.startswith("@")


class Ledger:
    """Postings and balances inside one unit of work."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def _row(self, account: str, asset: str) -> LedgerBalance | None:
        """The balance row, from this unit of work's own cache first: rows added here and not yet
        flushed are found without a flush, so a transfer of many legs flushes once, at commit."""
        rows: dict[tuple[str, str], LedgerBalance] = self.session.info.setdefault("ledger_rows", {})
        row = rows.get((account, asset))
        if row is None:
            row = self.session.get(LedgerBalance, (account, asset))
            if row is not None:
                rows[(account, asset)] = row
        return row

    def balance(self, account: str, asset: str) -> Decimal:
        row = self._row(account, asset)
        return row.amount if row else ZERO

    def balances(self, prefix: str = "") -> dict[tuple[str, str], Decimal]:
        """Non-zero balances of accounts whose name starts with `prefix`."""
        rows = self.session.exec(select(LedgerBalance).where(LedgerBalance.account.startswith(prefix)))
        return {(r.account, r.asset): r.amount for r in rows if r.amount != 0}

    def transfer(self, source: str, destination: str, asset: str, amount: Decimal, *, at: datetime,
                 transfer_id: str, memo: str = "") -> None:
        """Move `amount` of `asset` from `source` to `destination`."""
        if amount <= 0:
            raise DomainError(Common.INVALID_AMOUNT, f"a transfer moves a positive amount, got {amount}")
        self.post([(source, asset, -amount), (destination, asset, amount)], at=at,
                  transfer_id=transfer_id, memo=memo)

    def post(self, legs: Sequence[Leg], *, at: datetime, transfer_id: str, memo: str = "") -> None:
        """Post a balanced multi-leg transfer atomically, or refuse it whole."""
        totals: dict[str, Decimal] = defaultdict(Decimal)
        for _, asset, amount in legs:
            totals[asset] += amount
        unbalanced = {a: t for a, t in totals.items() if t != 0}
        if unbalanced:
            raise ValueError(f"transfer {transfer_id} does not balance: {unbalanced}")
        net: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
        for account, asset, amount in legs:
            net[(account, asset)] += amount
        for (account, asset), delta in net.items():
            after = self.balance(account, asset) + delta
            if after < 0 and not is_external(account):
                raise DomainError(Common.INSUFFICIENT_FUNDS,
                                  f"{account} holds {fmt(self.balance(account, asset))} {asset}, "
                                  f"needs {fmt(-delta)}", account=account, asset=asset)
        for account, asset, amount in legs:
            if amount != 0:
                self.session.add(LedgerPosting(transfer_id=transfer_id, at=at, account=account, asset=asset,
                                               amount=amount, memo=memo))
        for (account, asset), delta in net.items():
            row = self._row(account, asset)
            if row is None:
                row = LedgerBalance(account=account, asset=asset, amount=delta)
                self.session.info["ledger_rows"][(account, asset)] = row
            else:
                row.amount = row.amount + delta
            self.session.add(row)


def prove(session: Session) -> tuple[bool, dict[str, tuple[Decimal, int]], list[str]]:
    """Check the books: each transfer and each asset sums to zero, cached balances match postings,
    and no internal account is negative. Returns (balanced, per-asset (sum, postings), problems)."""
    problems: list[str] = []
    by_transfer: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    by_account: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    by_asset: dict[str, list[Decimal]] = defaultdict(list)
    for p in session.exec(select(LedgerPosting)):
        by_transfer[(p.transfer_id, p.asset)] += p.amount
        by_account[(p.account, p.asset)] += p.amount
        by_asset[p.asset].append(p.amount)
    problems += [f"transfer {t} in {a} sums to {fmt(s)}" for (t, a), s in by_transfer.items() if s != 0]
    cached = {(b.account, b.asset): b.amount for b in session.exec(select(LedgerBalance))}
    for key in sorted(set(cached) | set(by_account)):
        if cached.get(key, ZERO) != by_account.get(key, ZERO):
            problems.append(f"balance of {key[0]} in {key[1]} is {fmt(cached.get(key, ZERO))}, "
                            f"postings sum to {fmt(by_account.get(key, ZERO))}")
        if by_account.get(key, ZERO) < 0 and not is_external(key[0]):
            problems.append(f"{key[0]} is overdrawn in {key[1]}: {fmt(by_account[key])}")
    assets = {a: (sum(v, ZERO), len(v)) for a, v in sorted(by_asset.items())}
    problems += [f"asset {a} sums to {fmt(s)}" for a, (s, _) in assets.items() if s != 0]
    return not problems, assets, problems


def books_report(service: str, session: Session,
                 extra_checks: Iterable[str] = ()) -> common_pb2.BooksReport:
    balanced, assets, problems = prove(session)
    problems = problems + list(extra_checks)
    return common_pb2.BooksReport(
        service=service, balanced=balanced and not problems, problems=problems,
        assets=[common_pb2.AssetTotal(asset=a, sum=to_pb(s), postings=n) for a, (s, n) in assets.items()])


class BooksServicer(common_pb2_grpc.BooksServicer):
    """Proves the service's double-entry books on request."""

    def __init__(self, service: str, db: Database) -> None:
        self.service = service
        self.db = db

    def Prove(self, request: common_pb2.Empty, context: grpc.ServicerContext) -> common_pb2.BooksReport:
        with self.db.read() as session:
            return books_report(self.service, session)
