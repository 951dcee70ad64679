"""In-kind tokenization at the broker: only settled shares move, by journal, with the issuer's fee
rounded down; an issuer's refusal journals everything back; a callback applies once and only the
issuer's correspondent may make it."""
from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import grpc
import pytest
from fivelayer.broker import accounts, orders, tokenization
from fivelayer.broker.in_kind import InKindMints, MintPlan
from fivelayer.broker.models import AccountRow, AccountStatus, TokenizationRow
from fivelayer.broker.tokenization import MintAsk
from fivelayer.kernel.clock import FixedClock
from fivelayer.kernel.db import Database
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.ledger import Ledger, prove
from fivelayer.kernel.reasons import Common, Reason
from fivelayer.kernel.reference import NETWORK, TOKENIZATION_ISSUER
from fivelayer.kernel.rpc import LocalContext
from fivelayer.kernel.saga import resume, stale_intents
from fivelayer.v1 import issuer_pb2
from sqlmodel import Session

AT = datetime(2026, 11, 24, 22, 0, tzinfo=UTC)
D = Decimal
FEES = {"AAPL": D("5")}
WALLET = "0x" + "ab" * 20


class World:
    def __init__(self, db: Database) -> None:
        self.db = db
        with db.transaction() as s:
            self.ap = self._open(s, "AP Desk", "PKAP")
            self.spv = self._open(s, "Fivelayer Tokens SPV Ltd", "PKISSUER")
            tokenization.register_issuer(s, TOKENIZATION_ISSUER, self.spv, "PKISSUER")
            ledger = Ledger(s)
            ledger.transfer("@cns", orders.shares(self.ap), "AAPL", D(10), at=AT, transfer_id="settled")
            ledger.transfer("@cns", orders.shares(self.ap, "receivable"), "AAPL", D(5), at=AT, transfer_id="bought")
            accounts.fund(s, AT, self.ap, "100")

    @staticmethod
    def _open(s: object, name: str, partner: str) -> str:
        row, _ = accounts.open_account(s, AT, 7, name, "institutional")  # type: ignore[arg-type]
        row.correspondent, row.external_id = partner, accounts.external_id(row.account_id)
        return row.account_id

    def account(self, account_id: str) -> AccountRow:
        with self.db.read() as s:
            return accounts.get(s, account_id)

    def shares(self, account_id: str) -> Decimal:
        with self.db.read() as s:
            return Ledger(s).balance(orders.shares(account_id), "AAPL")

    def cash(self, account_id: str) -> Decimal:
        with self.db.read() as s:
            return Ledger(s).balance(accounts.cash(account_id), "USD")

    def mint(self, qty: str, client_request_id: str = "", price: str = "233.33") -> TokenizationRow:
        ask = MintAsk("AAPL", qty, TOKENIZATION_ISSUER, NETWORK, WALLET, client_request_id)
        with self.db.transaction() as s:
            return tokenization.begin_mint(s, AT, correspondent="PKAP", account=self.account(self.ap), ask=ask,
                                           price=D(price), fee_bps=FEES)


@pytest.fixture
def world(tmp_path: Path) -> World:
    return World(Database(f"sqlite:///{tmp_path}/broker.db"))


def test_the_fee_never_exceeds_its_rate() -> None:
    assert tokenization.fee(D("3"), D("233.33"), D("5")) == D("0.34")   # 0.349995 rounded down


def test_a_mint_journals_settled_shares_and_the_fee_to_the_issuer(world: World) -> None:
    row = world.mint("3")
    assert (row.status, row.fees) == ("pending", D("0.34"))
    assert world.shares(world.ap) == D(7) and world.shares(world.spv) == D(3)
    assert world.cash(world.spv) == D("0.34") and world.cash(world.ap) == D("99.66")
    assert world.mint("3", client_request_id="k1").request_id != row.request_id
    assert world.mint("3", client_request_id="k1").request_id == world.mint("3", "k1").request_id  # once per key
    with pytest.raises(DomainError) as reused:
        world.mint("2", client_request_id="k1")
    assert reused.value.reason == "IDEMPOTENCY_KEY_REUSED"
    with world.db.read() as s:
        assert prove(s)[0]


def test_unsettled_shares_cannot_move(world: World) -> None:
    with pytest.raises(DomainError) as refused:
        world.mint("12")                          # 10 settled, 5 bought but not yet received
    assert "settled" in refused.value.message and world.shares(world.ap) == D(10) and world.cash(world.ap) == D(100)


def test_an_issuer_refusal_journals_everything_back(world: World) -> None:
    row = world.mint("3")
    with world.db.transaction() as s:
        tokenization.reject_mint(s, AT, tokenization.get(s, row.request_id), "[MINT_HALTED] halted")
        tokenization.reject_mint(s, AT, tokenization.get(s, row.request_id), "again")   # once
    assert world.shares(world.ap) == D(10) and world.cash(world.ap) == D(100) and world.shares(world.spv) == 0
    with world.db.read() as s:
        assert tokenization.get(s, row.request_id).status == "rejected" and prove(s)[0]


def test_a_cut_route_or_an_estate_refuses_before_anything_moves(world: World) -> None:
    changes: tuple[tuple[Callable[[Session], object], str], ...] = (
        (lambda s: accounts.set_route(s, AT, world.spv, False, "drill"), "ROUTE_CUT"),
        (lambda s: accounts.set_status(s, AT, world.spv, AccountStatus.ESTATE, "insolvent"), "ACCOUNT_FROZEN"))
    for change, reason in changes:
        with world.db.transaction() as s:
            accounts.set_route(s, AT, world.spv, True, "")
            change(s)
        with pytest.raises(DomainError) as refused:
            world.mint("1")
        assert refused.value.reason == reason and world.shares(world.ap) == D(10)


def test_only_the_issuer_confirms_and_a_redemption_applies_once(world: World) -> None:
    row = world.mint("3")
    with world.db.transaction() as s:
        with pytest.raises(DomainError) as stranger:
            tokenization.confirm_mint(s, AT, "PKAP", row.request_id, "ink-1", "0x1")
        assert stranger.value.reason == "NOT_FOUND"
        tokenization.confirm_mint(s, AT, "PKISSUER", row.request_id, "ink-1", "0x1")
        assert tokenization.get(s, row.request_id).status == "completed"
    for _ in range(2):
        with world.db.transaction() as s:
            tokenization.confirm_redeem(s, AT, correspondent="PKISSUER", account=accounts.get(s, world.ap),
                                        symbol="AAPL", raw_qty="2", wallet=WALLET, issuer_request_id="ink-r1",
                                        tx_hash="0x2", price=D("233.33"), fee_bps=FEES)
    assert world.shares(world.ap) == D(9) and world.shares(world.spv) == D(1)
    with world.db.transaction() as s, pytest.raises(DomainError) as not_issuer:
        tokenization.confirm_redeem(s, AT, correspondent="PKAP", account=accounts.get(s, world.ap), symbol="AAPL",
                                    raw_qty="1", wallet=WALLET, issuer_request_id="x", tx_hash="", price=D(1),
                                    fee_bps=FEES)
    assert not_issuer.value.reason == "NOT_AN_ISSUER"


class FakeIssuer:
    """The issuer SPV as the in-kind saga asks it: answers with a receipt, a refusal, or is away."""

    def __init__(self) -> None:
        self.answer: DomainError | None = None
        self.asked: list[str] = []

    def InKindMint(self, request: issuer_pb2.InKindMintRequest, /) -> issuer_pb2.InKindReceipt:
        self.asked.append(request.request_id)
        if self.answer is not None:
            raise self.answer
        return issuer_pb2.InKindReceipt(id=f"iss-{len(self.asked)}", tx_hash=f"0x{len(self.asked)}")


class Quotes:
    def price(self, symbol: str, at: datetime) -> tuple[Decimal, bool]:
        return D("233.33"), True


def test_an_in_kind_mint_is_a_saga_completed_rejected_or_carried_on_by_the_resumer(world: World) -> None:
    issuer = FakeIssuer()
    mints = InKindMints(world.db, FixedClock(AT), Quotes(), issuer, FEES)
    ask = MintAsk("AAPL", "3", TOKENIZATION_ISSUER, NETWORK, WALLET, "ap-1")
    done = mints.request("PKAP", world.account(world.ap), ask)
    assert (done.status, done.issuer_request_id, done.tx_hash) == ("completed", "iss-1", "0x1")
    assert mints.request("PKAP", world.account(world.ap), ask).request_id == done.request_id   # once per key
    assert issuer.asked == [done.request_id]
    with pytest.raises(DomainError) as reused:
        mints.request("PKAP", world.account(world.ap), MintAsk("AAPL", "2", TOKENIZATION_ISSUER, NETWORK, WALLET,
                                                                "ap-1"))
    assert reused.value.reason == "IDEMPOTENCY_KEY_REUSED" and world.shares(world.ap) == D(7)

    # a refusal is an answer
    issuer.answer = DomainError(Reason("MINT_HALTED", grpc.StatusCode.FAILED_PRECONDITION,
                                       "the issuer's refusal, as the wire gives it"), "minting is halted")
    halted = mints.request("PKAP", world.account(world.ap), MintAsk("AAPL", "2", TOKENIZATION_ISSUER, NETWORK,
                                                                    WALLET))
    assert halted.status == "rejected" and "MINT_HALTED" in halted.reject_reason and world.shares(world.ap) == D(7)

    issuer.answer = DomainError(Common.UNAVAILABLE, "the issuer is down")           # away: left pending, intent kept
    away = mints.request("PKAP", world.account(world.ap), MintAsk("AAPL", "1", TOKENIZATION_ISSUER, NETWORK,
                                                                  WALLET, "ap-2"))
    assert away.status == "pending" and world.shares(world.ap) == D(6)
    assert [s.key for s in stale_intents(world.db, older_than=-1)] == ["InKindMint:PKAP:ap-2"]
    assert list(resume(world.db, mints, LocalContext(), older_than=-1)) == []  # still away: logged, kept
    issuer.answer = None
    assert list(resume(world.db, mints, LocalContext(), older_than=-1)) == ["InKindMint:PKAP:ap-2"]
    with world.db.read() as s:
        assert tokenization.get(s, away.request_id).status == "completed"
    assert stale_intents(world.db, older_than=-1) == [] and issuer.asked.count(away.request_id) == 3
    assert mints.request("PKAP", world.account(world.ap), MintAsk("AAPL", "1", TOKENIZATION_ISSUER, NETWORK, WALLET,
                                                                  "ap-2")).request_id == away.request_id


def test_a_mint_plan_is_typed_and_crosses_the_kernels_plan_unchanged(world: World) -> None:
    row = world.mint("3")
    plan = MintPlan.of(row)
    assert MintPlan.from_json(plan.to_json()) == plan and plan.qty == "3" and plan.status == "pending"
