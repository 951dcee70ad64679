"""The deposit watcher: deposits found in the chain's Transfer logs, as a real exchange finds them.

Rules (`observe`, one unit of work per pass):
- A Transfer into a user's deposit address is seen with its block; it is credited to the user once it
  has `required` confirmations (head - block + 1: the block holding it counts as one), exactly once
  (keyed by transaction hash and log index).
- Each pass rereads the last `REORG_WINDOW` blocks. A transfer seen before that is no longer in the logs
  was reorganised out: a pending one is dropped; a credited one is reversed, and what the user already
  spent of it is the exchange's loss, recorded as the deposit's shortfall. A transfer that moved to
  another block in a reorg keeps its credit (it is the same transfer).
- A credited deposit is then swept into the hot wallet, signed with the deposit address's key; a
  sweep the chain refuses (a paused token, a frozen address) waits for the next pass.
"""
from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Final

from sqlmodel import Session, col, func, select

from fivelayer.exchange import ports
from fivelayer.exchange.custody import deposit_account, user_account
from fivelayer.exchange.models import DepositRow, DepositStatus, UserRow, WatchCursor
from fivelayer.kernel.clock import pinned
from fivelayer.kernel.db import Database
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.ledger import Ledger
from fivelayer.kernel.money import ZERO, from_pb, to_pb
from fivelayer.kernel.outbox import emit
from fivelayer.kernel.paging import whole
from fivelayer.kernel.reasons import Common
from fivelayer.kernel.reference import EXCHANGE_HOT_WALLET
from fivelayer.v1 import chain_pb2
from fivelayer.v1 import events_pb2 as ev

REORG_WINDOW: Final = 64       # blocks reread each pass (the chain's reorg fault replaces at most 64)
MAX_PAGES: Final = 100         # pages of 1,000 logs per token per pass; the rest waits for the next pass
DEFAULT_CONFIRMATIONS: Final = 1
OWED: Final = (DepositStatus.PENDING, DepositStatus.CREDITED)   # on chain as far as we know: a reorg touches them


@dataclass(frozen=True)
class SeenTransfer:
    """A Transfer log into a deposit address, as the chain reports it now."""

    tx_hash: str
    log_index: int
    block_number: int
    block_hash: str
    asset: str
    amount: Decimal
    from_address: str
    to_address: str


def confirmations(head: int, block: int) -> int:
    return max(head - block + 1, 0)


def observe(session: Session, now: datetime, head: int, window_start: int, seen: list[SeenTransfer],
            users: dict[str, str], required: int) -> list[DepositRow]:
    """Apply one pass's view of the chain (see the module's rules); returns what was credited or reversed."""
    assert required >= 1, "a deposit needs at least the block that holds it"
    changed: list[DepositRow] = []
    present = {(s.tx_hash, s.log_index) for s in seen}
    for s in seen:
        row = session.get(DepositRow, (s.tx_hash, s.log_index))
        if row is None:
            number = session.exec(select(func.count()).select_from(DepositRow)).one() + 1
            row = DepositRow(tx_hash=s.tx_hash, log_index=s.log_index, user_id=users[s.to_address], number=number,
                             asset=s.asset,
                             amount=s.amount, from_address=s.from_address, block_number=s.block_number,
                             block_hash=s.block_hash, seen_at=now)
            emit(session, now, ev.DepositSeen(user_id=row.user_id, asset=row.asset, amount=to_pb(row.amount),
                                              tx_hash=row.tx_hash, block=row.block_number, required=required))
        elif row.status == DepositStatus.DROPPED:  # back in a later block (re-sent): pending again
            row.status = DepositStatus.PENDING
        row.block_number, row.block_hash = s.block_number, s.block_hash
        row.confirmations = confirmations(head, s.block_number)
        if row.status == DepositStatus.PENDING and row.confirmations >= required:
            Ledger(session).transfer("@deposits", user_account(row.user_id), row.asset, row.amount, at=now,
                                     transfer_id=f"deposit:{row.tx_hash}:{row.log_index}")
            row.status, row.credited_at = DepositStatus.CREDITED, now
            emit(session, now, ev.DepositCredited(user_id=row.user_id, asset=row.asset, amount=to_pb(row.amount),
                                                  tx_hash=row.tx_hash, block=row.block_number,
                                                  confirmations=row.confirmations))
            changed.append(row)
        session.add(row)
    gone = session.exec(select(DepositRow).where(DepositRow.block_number >= window_start,
                                                 col(DepositRow.status).in_(OWED)))
    for row in list(gone):
        if (row.tx_hash, row.log_index) in present:
            continue
        if row.status == DepositStatus.CREDITED:
            reverse(session, now, row)
            changed.append(row)
        else:
            row.status = DepositStatus.DROPPED
            emit(session, now, ev.DepositDropped(user_id=row.user_id, asset=row.asset, amount=to_pb(row.amount),
                                                 tx_hash=row.tx_hash))
        row.block_number = -1
        session.add(row)
    return changed


def reverse(session: Session, now: datetime, row: DepositRow) -> None:
    """Take back a credit whose transfer a reorg removed: from the user's balance as far as it goes, the
    rest is the exchange's loss (a receivable from the user, `@shortfall:<user>`)."""
    ledger = Ledger(session)
    held = ledger.balance(user_account(row.user_id), row.asset)
    taken = min(max(held, ZERO), row.amount)
    shortfall = row.amount - taken
    legs = [("@deposits", row.asset, row.amount)]
    if taken:
        legs.append((user_account(row.user_id), row.asset, -taken))
    if shortfall:
        legs.append((f"@shortfall:{row.user_id}", row.asset, -shortfall))
    ledger.post(legs, at=now, transfer_id=f"reversal:{row.tx_hash}:{row.log_index}")
    row.status, row.reversed_at, row.shortfall = DepositStatus.REVERSED, now, shortfall
    emit(session, now, ev.DepositReversed(
        user_id=row.user_id, asset=row.asset, amount=to_pb(row.amount), tx_hash=row.tx_hash, shortfall=to_pb(shortfall),
        why="the transfer is no longer on chain: a reorganisation replaced the block that held it"))


class DepositWatcher:
    """Reads the chain's Transfer logs into deposit addresses, one pass at a time (thread-safe)."""

    def __init__(self, db: Database, chain: ports.Chain, clock: ports.Clock,
                 required: int = DEFAULT_CONFIRMATIONS) -> None:
        if required < 1:
            raise ValueError(f"deposit confirmations must be at least 1, not {required}")
        self.db, self.chain, self.clock, self.required = db, chain, clock, required
        self.lock = threading.Lock()
        self._symbols: list[str] = []
        self._last_view: tuple[int, str, int] | None = None  # (head, its hash, deposit addresses) last read

    def symbols(self) -> list[str]:
        if not self._symbols:
            self._symbols = sorted(t.symbol for t in whole(self.chain.ListTokens, chain_pb2.ListTokensRequest()).tokens)
        return self._symbols

    def _transfers(self, symbol: str, start: int) -> Iterator[tuple[int, chain_pb2.TransferLog]]:
        token = ""
        for _ in range(MAX_PAGES):
            page = self.chain.ListTransfers(chain_pb2.ListTransfersRequest(symbol=symbol, from_block=start,
                                                                          page_token=token))
            for log in page.transfers:
                yield page.head, log
            token = page.next_page_token
            if not token:
                return

    def scan(self) -> int:
        """One pass at one sandbox instant (a request's, or the clock's now for the background pass):
        read, credit or reverse, then sweep what is credited. Returns the deposits changed."""
        with self.lock, pinned(self.clock):
            with self.db.read() as session:
                users = {u.deposit_address: u.user_id for u in session.exec(select(UserRow))}
                cursor = session.get(WatchCursor, "deposits")
            if not users:
                return 0
            latest = self.chain.GetBlock(chain_pb2.BlockRequest())
            view = (latest.number, latest.hash, len(users))
            if view == self._last_view:  # no block and no deposit address since the last pass: nothing to read
                self.sweep()
                return 0
            start = max((cursor.head if cursor else 0) - REORG_WINDOW + 1, 0)
            head, seen = 0, []
            for symbol in self.symbols():
                for page_head, log in self._transfers(symbol, start):
                    head = max(head, page_head)
                    if log.to_address in users:
                        seen.append(SeenTransfer(log.tx_hash, log.log_index, log.block_number, log.block_hash,
                                                 log.symbol, from_pb(log.amount), log.from_address, log.to_address))
            if head == 0:
                head = self.chain.GetBlock(chain_pb2.BlockRequest()).number
            if cursor is not None and head < cursor.head - REORG_WINDOW:
                # a chain shorter than any reorg could make it: a node answering before it has caught up,
                # not a view to reverse deposits on; the next pass looks again
                raise DomainError(Common.UNAVAILABLE, f"the chain's head {head} is behind the watched {cursor.head}")
            seen += self._still_on_chain(start, seen)
            now = self.clock.now()
            with self.db.transaction() as session:
                changed = observe(session, now, head, start, seen, users, self.required)
                row = session.get(WatchCursor, "deposits") or WatchCursor(name="deposits")
                row.head = head
                session.add(row)
            self._last_view = view
            self.sweep()
            return len(changed)

    def _still_on_chain(self, start: int, seen: list[SeenTransfer]) -> list[SeenTransfer]:
        """Before a deposit counts as gone, ask the chain for its transaction: only one the chain no longer
        has (NOT_FOUND) is reorganised out; one it has moved is seen where it is now."""
        present = {(s.tx_hash, s.log_index) for s in seen}
        with self.db.read() as session:
            missing = [r for r in session.exec(select(DepositRow).where(
                DepositRow.block_number >= start, col(DepositRow.status).in_(OWED)))
                if (r.tx_hash, r.log_index) not in present]
            addresses = {u.user_id: u.deposit_address for u in session.exec(select(UserRow))}
        found = []
        for row in missing:
            try:
                tx = self.chain.GetTx(chain_pb2.TxRequest(tx_hash=row.tx_hash))
            except DomainError as error:
                if error.reason == Common.NOT_FOUND:
                    continue
                raise
            block = self.chain.GetBlock(chain_pb2.BlockRequest(number=tx.block_number))
            found.append(SeenTransfer(row.tx_hash, row.log_index, tx.block_number, block.hash, row.asset, row.amount,
                                      row.from_address, addresses[row.user_id]))
        return found

    def sweep(self) -> None:
        """Move credited deposits into the hot wallet (the sandbox's own transactions: a reorg keeps them)."""
        now = self.clock.now()
        with self.db.read() as session:
            due = list(session.exec(select(DepositRow).where(DepositRow.status == DepositStatus.CREDITED,
                                                             DepositRow.sweep_tx == "")
                                    .order_by(col(DepositRow.seen_at), col(DepositRow.tx_hash)).limit(100)))
            addresses = {u.user_id: u.deposit_address for u in session.exec(select(UserRow))}
        for row in due:
            self.chain.hold(deposit_account(row.user_id))
            try:
                tx = self.chain.Transfer(chain_pb2.TransferRequest(
                    request_id=f"sweep:{row.tx_hash}:{row.log_index}", symbol=row.asset,
                    sender=addresses[row.user_id], to_address=EXCHANGE_HOT_WALLET, amount=to_pb(row.amount)))
            except DomainError as error:
                if error.reason in (Common.UNAVAILABLE, Common.DEADLINE_EXCEEDED):
                    raise
                continue  # refused on chain for now (paused, frozen): the next pass tries again
            with self.db.transaction() as session:
                stored = session.get(DepositRow, (row.tx_hash, row.log_index))
                assert stored is not None
                stored.sweep_tx = tx.tx_hash
                session.add(stored)
                emit(session, now, ev.DepositSwept(user_id=row.user_id, asset=row.asset, amount=to_pb(row.amount),
                                                   tx_hash=row.tx_hash, sweep_tx=tx.tx_hash))

