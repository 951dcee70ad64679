"""The deposit watcher's rules: credit after N confirmations exactly once, keep a credit through a reorg
that keeps the transfer, reverse one the reorg removed (the spent part is the exchange's shortfall)."""
from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from fivelayer.exchange import custody
from fivelayer.exchange.deposits import DepositWatcher, confirmations
from fivelayer.exchange.models import DepositRow
from fivelayer.kernel import keys
from fivelayer.kernel.clock import FixedClock
from fivelayer.kernel.db import Database
from fivelayer.kernel.ledger import Ledger
from fivelayer.kernel.outbox import OutboxEvent
from fivelayer.kernel.reference import EXCHANGE_HOT_WALLET, STABLECOIN
from fivelayer.v1 import chain_pb2
from sqlmodel import SQLModel, col, select

from tests.unit.chain_logs import TransferLogs

AT = datetime(2026, 11, 20, 22, 0, tzinfo=UTC)
D = Decimal
OUTSIDER = "0x" + "77" * 20


class FakeWallet(TransferLogs):
    """The exchange's wallet over fake logs: sweeps are logged transfers too."""

    def __init__(self) -> None:
        super().__init__()
        self.sweeps: list[str] = []
        self.refuse = ""

    def hold(self, name: str) -> str:
        return keys.address_of("exchange", name)

    def GetToken(self, r: chain_pb2.TokenRequest) -> chain_pb2.Token:
        return chain_pb2.Token(symbol=r.symbol, decimals=6)

    def BalanceOf(self, r: chain_pb2.BalanceRequest) -> chain_pb2.Balance:
        return chain_pb2.Balance()

    def IncreaseAllowance(self, r: chain_pb2.IncreaseAllowanceRequest) -> chain_pb2.Tx:
        self.grant(r)
        return chain_pb2.Tx()

    def Transfer(self, r: chain_pb2.TransferRequest) -> chain_pb2.Tx:
        from fivelayer.kernel.errors import refusal
        if self.refuse:
            raise refusal(self.refuse, "refused on chain")
        assert r.to_address == EXCHANGE_HOT_WALLET
        self.sweeps.append(r.request_id)
        return chain_pb2.Tx(tx_hash=f"0xsweep{len(self.sweeps)}")


World = tuple[DepositWatcher, "FakeWallet", str, Database]


@pytest.fixture
def world(tmp_path: Path) -> World:
    db = Database(f"sqlite:///{tmp_path}/exchange.db")
    SQLModel.metadata.create_all(db.engine)
    with db.transaction() as session:
        user = custody.create_user(session, AT, "ada")
    wallet = FakeWallet()
    return DepositWatcher(db, wallet, FixedClock(AT), required=3), wallet, user.deposit_address, db


def held(db: Database, asset: str = STABLECOIN) -> Decimal:
    with db.read() as session:
        return Ledger(session).balance(custody.user_account("usr-000001"), asset)


def statuses(db: Database) -> list[tuple[str, str]]:
    with db.read() as session:
        return [(r.tx_hash, r.status) for r in session.exec(select(DepositRow).order_by(DepositRow.tx_hash))]


def test_confirmations_count_the_block_that_holds_it() -> None:
    assert confirmations(10, 10) == 1 and confirmations(12, 10) == 3 and confirmations(9, 10) == 0


def test_credited_after_its_confirmations_once_and_swept(world: World) -> None:
    watcher, chain, address, db = world
    chain.log_transfer("0xother", STABLECOIN, OUTSIDER, "0x" + "88" * 20, D("9"))  # not a deposit address
    chain.log_transfer("0xa", STABLECOIN, OUTSIDER, address, D("25"))
    watcher.scan()
    assert statuses(db) == [("0xa", "pending")] and held(db) == 0
    with db.read() as session:
        assert custody.balances(session, "usr-000001") == [(STABLECOIN, D(0), D(25))]
    chain.mine()
    watcher.scan()
    assert statuses(db) == [("0xa", "pending")]  # two confirmations of three
    chain.mine()
    watcher.scan()
    watcher.scan()
    assert statuses(db) == [("0xa", "credited")] and held(db) == D(25)
    assert chain.sweeps == ["sweep:0xa:0"]


def test_a_reorg_that_keeps_the_transfer_keeps_the_credit(world: World) -> None:
    watcher, chain, address, db = world
    chain.log_transfer("0xa", STABLECOIN, OUTSIDER, address, D("25"))
    chain.mine(2)
    watcher.scan()
    [log] = chain.logs  # the same transfer re-mined in another block, as a reorg that keeps it does
    log.block_number, log.block_hash = log.block_number + 1, "0xnew"
    chain.mine()
    watcher.scan()
    assert statuses(db) == [("0xa", "credited")] and held(db) == D(25)


def test_a_reorg_that_removes_a_credited_deposit_reverses_it(world: World) -> None:
    watcher, chain, address, db = world
    chain.log_transfer("0xa", STABLECOIN, OUTSIDER, address, D("25"))
    chain.mine(2)
    watcher.scan()
    with db.transaction() as session:  # the user spends 20 of it
        Ledger(session).transfer(custody.user_account("usr-000001"), "@spent", STABLECOIN, D(20), at=AT,
                                 transfer_id="spend")
    chain.drop("0xa")
    watcher.scan()
    assert statuses(db) == [("0xa", "reversed")] and held(db) == 0
    with db.read() as session:
        row = session.get(DepositRow, ("0xa", 0))
        assert row is not None and row.shortfall == D(20) and row.block_number == -1
        assert Ledger(session).balance("@shortfall:usr-000001", STABLECOIN) == D(-20)
        types = [e.type for e in session.exec(select(OutboxEvent).order_by(col(OutboxEvent.seq)))]
    assert types[-1] == "deposit.reversed"


def test_a_pending_deposit_removed_is_dropped_and_a_refused_sweep_waits(world: World) -> None:
    watcher, chain, address, db = world
    chain.log_transfer("0xa", STABLECOIN, OUTSIDER, address, D("5"))
    watcher.scan()
    chain.drop("0xa")
    watcher.scan()
    assert statuses(db) == [("0xa", "dropped")]
    chain.log_transfer("0xb", STABLECOIN, OUTSIDER, address, D("7"))
    chain.mine(2)
    chain.refuse = "TRANSFERS_PAUSED"
    watcher.scan()
    assert statuses(db)[-1] == ("0xb", "credited") and chain.sweeps == []
    chain.refuse = ""
    watcher.scan()
    assert chain.sweeps == ["sweep:0xb:0"]
