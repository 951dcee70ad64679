"""Block production: every operation journaled before the node sees it, applied under one lock.

Block time is sandbox time. A transaction lands in a block of its own, stamped with its sandbox
instant rounded down to the whole second (EVM timestamps are seconds), or with the head's stamp if
that is later: many transactions at one instant, or within one second, make consecutive blocks with
the same timestamp, in the order they were sent. `mine(at)` makes an empty block at `at` unless the
head is already there. Gas price and base fee are 0 and fixed, so a replayed transaction is the same
bytes and the same block.

Recovery: the node keeps nothing on disk. Whenever it is found dead, or behind the journal (a fresh
node), it is started again from the same genesis and the whole journal is replayed in order, so every
block, hash, balance and log comes back as it was; a reorg in the journal is replayed as a reorg.
An operation whose outcome was not yet recorded when the service died is recorded after the replay.
"""
from __future__ import annotations

import itertools
import logging
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, Final, cast

from eth_utils import keccak
from sqlalchemy import CursorResult, and_, or_, update
from sqlmodel import Session, col, select

from fivelayer.chain import reasons
from fivelayer.chain.jsonrpc import NodeClient, RpcError
from fivelayer.chain.models import JournalEntry
from fivelayer.chain.node import Node
from fivelayer.kernel.db import Database
from fivelayer.kernel.errors import DomainError, require
from fivelayer.kernel.reasons import Common

log = logging.getLogger(__name__)

# the coinbase of re-mined blocks, so each differs (a new hash) from the block it replaces
REORG_COINBASE: Final = "0x000000000000000000000000000000000000dead"
DEFAULT_COINBASE: Final = "0x0000000000000000000000000000000000000000"
MAX_REORG_DEPTH: Final = 64
WATCH_SECONDS: Final = 0.5
RECEIPT_WAIT: Final = 10.0
RECEIPTS_KEPT: Final = 256

Receipt = dict[str, Any]


def stamp(at: datetime) -> int:
    return int(at.timestamp())


def instant(seconds: int) -> datetime:
    return datetime.fromtimestamp(seconds, UTC)


class ReadClient:
    """Reads of the node for the faces: refused (UNAVAILABLE, which callers retry) while the node is down or
    replaying, and checked after as well, so a read that overlapped a restart is never answered from a
    partly replayed chain (reads take no lock: they do not wait behind the writes)."""

    def __init__(self, producer: Producer) -> None:
        self.producer = producer
        self.client = NodeClient(producer.node.url, producer.node.ipc)

    def call(self, method: str, *params: Any) -> Any:
        self.producer.ready()
        generation = self.producer.restarts
        result = self.client.call(method, *params)
        if self.producer.restarts != generation:
            raise DomainError(Common.UNAVAILABLE, "the chain's node restarted during the read: ask again")
        self.producer.ready()
        return result

    def forward(self, body: bytes) -> tuple[int, bytes]:
        self.producer.ready()
        return self.client.forward(body)

    def batch(self, calls: list[tuple[str, list[Any]]]) -> list[Any]:
        self.producer.ready()
        generation = self.producer.restarts
        results = self.client.batch(calls)
        if self.producer.restarts != generation:
            raise DomainError(Common.UNAVAILABLE, "the chain's node restarted during the read: ask again")
        return results


class Producer:
    """The only writer to the node. `on_landed(session, entry, receipt)` records an operation's outcome
    (its events) in the unit of work that marks it reported, so once per entry."""

    def __init__(self, db: Database, node: Node,
                 on_landed: Callable[[Session, JournalEntry, Receipt | None], None] | None = None) -> None:
        self.db = db
        self.node = node
        self.client = NodeClient(node.url, node.ipc)
        self.on_landed = on_landed or (lambda session, entry, receipt: None)
        self.lock = threading.RLock()
        self.landed = threading.Condition(self.lock)  # notified each time an operation lands
        self.head_number = 0
        self.head_at = node.genesis
        self.replays = 0
        self.restarts = 0
        self.replaying = False
        self.receipts: dict[str, Receipt] = {}  # the latest operations' receipts, so a reply needs no second read
        self._stop = threading.Event()

    # --- the node's life -----------------------------------------------------------------------

    def start(self) -> None:
        with self.lock:
            self._restart()

    def _restart(self) -> None:
        """A fresh node from the same genesis, then the journal. Reads are refused from before the old
        node is stopped until the replay is done (a fresh node answers, but from an empty chain)."""
        self.replaying = True
        self.restarts += 1
        try:
            self.node.stop()
            self.node.start()
            self._replay()
        finally:
            self.replaying = False

    def watch(self) -> None:
        """Restart a node found dead, in the background (a test may SIGKILL the binary)."""
        def loop() -> None:
            while not self._stop.wait(WATCH_SECONDS):
                try:
                    self.ensure(probe=True)
                except Exception:  # noqa: BLE001  (logged; the next pass tries again)
                    log.exception("the node could not be restarted")
        threading.Thread(target=loop, name="node-watch", daemon=True).start()

    def stop(self) -> None:
        self._stop.set()
        with self.lock:
            self.node.stop()
            self.client.close()

    def ensure(self, probe: bool = False) -> None:
        """The node is up (and, with `probe`, holds every journaled block); else restart it and replay the
        journal. The node is this process's child and nothing else writes to it, so before each operation
        its being alive is enough; the watchdog probes its head too."""
        with self.lock:
            if self.node.alive():
                try:
                    if not probe or int(self.client.call("eth_blockNumber"), 16) == self.head_number:
                        return
                except Exception:  # noqa: BLE001  (unreachable: restart it)
                    pass
            log.warning("the node is down or behind the journal: restarting it and replaying")
            self._restart()

    def reader(self) -> ReadClient:
        """A client for reads, which never answers from a node that is down or replaying."""
        return ReadClient(self)

    def ready(self) -> None:
        """Refuse a read while the node is down or replaying (it would answer from a partial chain)."""
        if self.replaying or not self.node.alive():
            raise DomainError(Common.UNAVAILABLE, "the chain's node is restarting and replaying its journal")

    def _replay(self) -> None:
        """Apply the whole journal to a fresh node, in order."""
        self.head_number, self.head_at = 0, self.node.genesis
        with self.db.read() as session:
            entries = list(session.exec(select(JournalEntry).order_by(col(JournalEntry.seq))))
        for entry in entries:
            self._apply(entry)
        self.replays += 1
        log.info("replayed %d journal entries: head %d", len(entries), self.head_number)

    # --- operations ----------------------------------------------------------------------------

    def block_instant(self, at: datetime) -> int:
        return max(stamp(at), self.head_at)

    def submit(self, raw: bytes, at: datetime, request_id: str | None, origin: str) -> JournalEntry:
        """Journal a signed transaction, then put it in a block stamped `at` (see the module's rule)."""
        tx_hash = "0x" + keccak(raw).hex()
        with self.lock:
            self.ensure()
            with self.db.transaction() as session:
                same = and_(col(JournalEntry.tx_hash) == tx_hash, col(JournalEntry.dropped).is_(False))
                if request_id is not None:
                    same = or_(same, col(JournalEntry.request_id) == request_id)
                for known in session.exec(select(JournalEntry).where(same)):  # at most two rows: one query
                    if request_id is not None and known.request_id == request_id:
                        return known
                    raise DomainError(reasons.Chain.ALREADY_KNOWN,
                                      f"transaction {tx_hash} is already on chain", tx_hash=tx_hash)
                entry = JournalEntry(kind="tx", at=max(at, instant(self.head_at)), request_id=request_id,
                                     raw="0x" + raw.hex(), tx_hash=tx_hash, origin=origin)
                session.add(entry)
            try:
                self._apply(entry)
            except DomainError:
                with self.db.transaction() as session:  # the node refused it: it never happened
                    stored = session.get(JournalEntry, entry.seq)
                    if stored is not None:
                        session.delete(stored)
                raise
            return entry

    def mine(self, at: datetime) -> bool:
        """An empty block at `at`, unless the head is already at or after it."""
        with self.lock:
            self.ensure()
            if stamp(at) <= self.head_at:
                return False
            with self.db.transaction() as session:
                entry = JournalEntry(kind="mine", at=instant(stamp(at)))
                session.add(entry)
            self._apply(entry)
            return True

    def reorg(self, request_id: str, depth: int, drop: list[str]) -> tuple[JournalEntry, list[str]]:
        """Replace the last `depth` blocks (see `_reorg`). Returns the entry and the replaced blocks' hashes."""
        with self.lock:
            self.ensure()
            with self.db.read() as session:
                known = session.exec(select(JournalEntry).where(JournalEntry.request_id == request_id)).first()
            if known is not None:
                return known, []
            require(1 <= depth <= min(MAX_REORG_DEPTH, self.head_number), Common.INVALID_ARGUMENT,
                    f"a reorg replaces 1 to {min(MAX_REORG_DEPTH, self.head_number)} blocks, not {depth}", depth=depth)
            window = self._window(depth)
            by_hash = {e.tx_hash: e for e in window if e.kind == "tx"}
            for tx_hash in drop:
                target = by_hash.get(tx_hash.lower())
                require(target is not None, reasons.Chain.NOT_IN_WINDOW,
                        f"{tx_hash} is not in the last {depth} blocks", tx_hash=tx_hash)
                assert target is not None
                require(target.origin == "integrator", reasons.Chain.SANDBOX_TX_KEPT,
                        f"{tx_hash} is the sandbox's own: a reorg keeps it (nothing acknowledged is lost)",
                        tx_hash=tx_hash)
            replaced = [self.client.call("eth_getBlockByNumber", hex(n), False)["hash"]
                        for n in range(self.head_number - depth + 1, self.head_number + 1)]
            with self.db.transaction() as session:
                entry = JournalEntry(kind="reorg", at=instant(self.head_at), request_id=request_id, depth=depth,
                                     drop=",".join(h.lower() for h in drop))
                session.add(entry)
            self._apply(entry)
            return entry, replaced

    # --- applying one journal entry ---------------------------------------------------------------

    def _window(self, depth: int) -> list[JournalEntry]:
        with self.db.read() as session:
            # by where they are now (a transaction an earlier reorg left out has block -1), so a replay,
            # which lands every transaction where it first landed, finds the same window
            return list(session.exec(select(JournalEntry).where(
                JournalEntry.block_number > self.head_number - depth,
                col(JournalEntry.kind).in_(("tx", "mine"))).order_by(col(JournalEntry.block_number))))

    def _apply(self, entry: JournalEntry) -> None:
        if entry.kind == "reorg":
            self._reorg(entry)
            self._landed(entry, None)
            return
        # a transaction a later reorg left out lands here as it first did; the reorg's replay drops it again
        receipt = self._include(entry)
        self._landed(entry, receipt)

    def _include(self, entry: JournalEntry) -> Receipt | None:
        at = stamp(entry.at)
        if entry.kind == "mine":
            self.client.call("evm_mine", at)
            self.head_number, self.head_at = self.head_number + 1, at
            return None
        self.client.call("evm_setNextBlockTimestamp", at)
        try:
            sent = self.client.call("eth_sendRawTransaction", entry.raw)
            assert sent == entry.tx_hash, (sent, entry.tx_hash)
        except RpcError as error:
            raise DomainError(reasons.Chain.TX_REJECTED, f"the node refused the transaction: {error.message}") from None
        receipt = self._receipt(entry.tx_hash)
        if receipt is None:  # queued behind a missing nonce: the sandbox's chain keeps no queue
            self.client.call("anvil_dropTransaction", entry.tx_hash)
            raise DomainError(reasons.Chain.NONCE_GAP, "the transaction's nonce is ahead of its sender's next one: "
                                           "each transaction is mined at once, nothing waits in a queue")
        self.head_number, self.head_at = int(receipt["blockNumber"], 16), at
        if len(self.receipts) >= RECEIPTS_KEPT:
            self.receipts.clear()
        self.receipts[entry.tx_hash] = receipt
        return receipt

    def _receipt(self, tx_hash: str) -> Receipt | None:
        """The receipt of a transaction just sent: automine seals its block at once, though the receipt
        may take a moment to be served; one that is queued (a nonce gap) never gets one."""
        deadline, pause = time.monotonic() + RECEIPT_WAIT, 0.0002
        for attempt in itertools.count():
            receipt = self.client.call("eth_getTransactionReceipt", tx_hash)
            if receipt is not None:
                return dict(receipt)
            if attempt % 8 == 7:  # now and then: is it queued behind a missing nonce (it would never be mined)?
                queued = self.client.call("txpool_content").get("queued", {})
                if any(tx.get("hash") == tx_hash for by_nonce in queued.values() for tx in by_nonce.values()):
                    return None
            if time.monotonic() > deadline:
                return None
            time.sleep(pause)
            pause = min(pause * 2, 0.01)
        raise AssertionError("unreachable")

    def _landed(self, entry: JournalEntry, receipt: Receipt | None) -> None:
        # not waiting for the disk: a replay of the journal rebuilds an outcome lost with the machine
        block = int(receipt["blockNumber"], 16) if receipt else (self.head_number if entry.kind == "mine" else -1)
        with self.db.transaction(durable=False) as session:
            if not entry.reported:  # as read from the journal (a replay) or just written (a new operation)
                self.on_landed(session, entry, receipt)
            updated = session.execute(update(JournalEntry).where(col(JournalEntry.seq) == entry.seq)
                                      .values(block_number=block, reported=True))
            assert cast(CursorResult[Any], updated).rowcount == 1, f"journal entry {entry.seq} vanished"
        entry.block_number, entry.reported = block, True
        self.landed.notify_all()

    def _reorg(self, entry: JournalEntry) -> None:
        """Roll back `depth` blocks, then mine them again, with a different coinbase (so every
        replaced block gets a new hash), holding the same operations at the same instants except the
        dropped transactions."""
        dropped = set(filter(None, entry.drop.split(",")))
        window = self._window(entry.depth)
        self.client.call("anvil_rollback", entry.depth)
        self.head_number -= entry.depth
        self.head_at = int(self.client.call("eth_getBlockByNumber", hex(self.head_number), False)["timestamp"], 16)
        self.client.call("anvil_setCoinbase", REORG_COINBASE)
        try:
            for kept in window:
                if kept.tx_hash and kept.tx_hash in dropped:
                    with self.db.transaction() as session:
                        stored = session.get(JournalEntry, kept.seq)
                        assert stored is not None
                        stored.dropped, stored.block_number = True, -1
                        session.add(stored)
                    continue
                receipt = self._include(kept)
                with self.db.transaction() as session:
                    stored = session.get(JournalEntry, kept.seq)
                    assert stored is not None
                    stored.block_number = int(receipt["blockNumber"], 16) if receipt else self.head_number
                    session.add(stored)
        finally:
            self.client.call("anvil_setCoinbase", DEFAULT_COINBASE)
