"""The stablecoin issuer's books and rules (chain/stablecoin.py) and its wire job against a fake broker."""
from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any, cast
from zoneinfo import ZoneInfo

import pytest
from fivelayer.chain import (
    stablecoin,
    stablecoin_models,  # noqa: F401  (tables)
)
from fivelayer.chain.handlers import Chain
from fivelayer.chain.ports import Broker
from fivelayer.chain.reader import TRANSFER_TOPIC
from fivelayer.chain.stablecoin_handlers import StablecoinIssuer, schedule
from fivelayer.chain.stablecoin_models import StablecoinConditions, StablecoinRedemption
from fivelayer.kernel.clock import FixedClock
from fivelayer.kernel.db import Database
from fivelayer.kernel.errors import DomainError, refusal
from fivelayer.kernel.ledger import Ledger, prove
from fivelayer.kernel.money import from_pb
from fivelayer.kernel.outbox import OutboxEvent
from fivelayer.kernel.timeutil import utc
from fivelayer.v1 import broker_pb2, statuses_pb2
from sqlmodel import select

NY = ZoneInfo("America/New_York")
FUSD_ADDRESS = "0x" + "f" * 40
REDEMPTION = "0x18e2b692e9444653349faf5adf297a55032e3e2e"
HOLDER = "0x" + "a" * 40


def et(text: str) -> datetime:
    return utc(datetime.fromisoformat(text).replace(tzinfo=NY))


def padded(address: str) -> str:
    return "0x" + "0" * 24 + address[2:]


def receipt(*logs: tuple[str, str, str, int], status: str = "0x1") -> dict[str, Any]:
    return {"status": status, "logs": [{"address": token, "topics": [TRANSFER_TOPIC, padded(source), padded(to)],
                                        "data": hex(units)} for token, source, to, units in logs]}


# --- rules ---------------------------------------------------------------------------------------------------


def test_the_wire_pays_price_times_amount_rounded_down_to_the_cent() -> None:
    assert stablecoin.wire_usd(Decimal("20"), Decimal("0.88")) == Decimal("17.60")
    assert stablecoin.wire_usd(Decimal("0.019999"), Decimal(1)) == Decimal("0.01")
    assert stablecoin.wire_usd(Decimal("10.555555"), Decimal("0.9")) == Decimal("9.49")  # 9.4999995 down


def test_conditions_are_checked() -> None:
    assert stablecoin.conditions(False, "", "", "", "") == stablecoin.Conditions()
    depeg = stablecoin.conditions(True, "0.88", "36h", "3300", " bank failed ")
    assert depeg.price == Decimal("0.88") and depeg.delay() == timedelta(hours=36) and depeg.reason == "bank failed"
    for price in ("1.01", "0", "-1", "abc", "0.1234567"):
        with pytest.raises(DomainError):
            stablecoin.conditions(False, price, "", "", "")
    with pytest.raises(DomainError) as bad:
        stablecoin.conditions(False, "", "soon", "", "")
    assert bad.value.reason == "INVALID_DURATION"
    with pytest.raises(DomainError):
        stablecoin.conditions(False, "", "", "-5", "")


def test_a_wire_delay_comes_before_the_fedwire_rule() -> None:
    quote = stablecoin.schedule(et("2026-11-20T10:00"), timedelta(hours=36))  # Sat 22:00 ET: Monday's window
    assert quote.value_date.isoformat() == "2026-11-23" and quote.pays_at == et("2026-11-22T21:00")
    assert quote.rule.startswith("after a wire delay of 36h")


def test_a_redemption_is_a_fusd_transfer_to_the_redemption_address() -> None:
    found = stablecoin.redeemed_transfer(receipt((FUSD_ADDRESS, HOLDER, REDEMPTION, 5_000_000)), FUSD_ADDRESS,
                                         REDEMPTION, TRANSFER_TOPIC)
    assert found == (HOLDER, 5_000_000)
    refused = [
        None,                                                                 # no such transaction
        receipt((FUSD_ADDRESS, HOLDER, REDEMPTION, 1), status="0x0"),         # reverted
        receipt((FUSD_ADDRESS, HOLDER, "0x" + "b" * 40, 5)),                  # to someone else
        receipt(("0x" + "c" * 40, HOLDER, REDEMPTION, 5)),                    # another token
        receipt(),                                                            # no transfer at all
    ]
    for r in refused:
        with pytest.raises(DomainError) as no:
            stablecoin.redeemed_transfer(r, FUSD_ADDRESS, REDEMPTION, TRANSFER_TOPIC)
        assert no.value.reason == "NOT_A_REDEMPTION"


# --- the books and the wire job --------------------------------------------------------------------------------


class FakeBroker:
    """The broker as the chain service calls it (checked against `chain.ports.Broker` by mypy)."""

    def __init__(self) -> None:
        self.credits: dict[str, tuple[str, Decimal]] = {}
        self.fail_next: str = ""

    def GetAccount(self, request: broker_pb2.AccountRequest, /) -> broker_pb2.Account:
        return broker_pb2.Account(account_id=request.account_id, status=statuses_pb2.ACCOUNT_STATUS_ACTIVE)

    def FundAccount(self, request: broker_pb2.FundAccountRequest, /) -> broker_pb2.CashResponse:
        if self.fail_next:
            reason, self.fail_next = self.fail_next, ""
            raise refusal(reason, "the broker says no")
        self.credits.setdefault(request.request_id, (request.account_id, from_pb(request.amount)))  # keyed: once
        return broker_pb2.CashResponse(account_id=request.account_id)


class FakeChain:
    """The chain's service layer as the wire job touches it: only the hook list the issuer joins."""

    def __init__(self) -> None:
        self.landed_hooks: list[Any] = []


@pytest.fixture
def world(tmp_path: Path) -> tuple[StablecoinIssuer, FakeBroker, Database]:
    db = Database(f"sqlite:///{tmp_path}/chain.db")
    broker = FakeBroker()
    port: Broker = broker
    servicer = StablecoinIssuer(db, FixedClock(et("2026-11-20T16:00")), cast(Chain, FakeChain()), port)
    with db.transaction() as session:
        stablecoin.book_received(Ledger(session), et("2026-11-20T09:00"), "0xdeposit", Decimal(1000), "faucet")
    return servicer, broker, db


def redemption(db: Database, name: str, amount: str, asked: datetime, conditions: stablecoin.Conditions) -> None:
    with db.transaction() as session:
        row = StablecoinRedemption(redemption_id=name, request_id=name, tx_hash="0x" + name.ljust(64, "0"),
                                   holder=HOLDER, amount=Decimal(amount), beneficiary_account_id="acct",
                                   status="queued", requested_at=asked)
        schedule(row, conditions, asked)
        session.add(row)
        stablecoin.book_redemption(Ledger(session), asked, name, Decimal(amount))


def status(db: Database, name: str) -> StablecoinRedemption:
    with db.read() as session:
        return session.exec(select(StablecoinRedemption).where(StablecoinRedemption.redemption_id == name)).one()


def test_the_job_fires_at_the_earliest_queued_wire_and_credits_once(
        world: tuple[StablecoinIssuer, FakeBroker, Database]) -> None:
    servicer, broker, db = world
    assert servicer.next_wire() is None  # nothing waits: no fire time
    redemption(db, "r1", "100", et("2026-11-20T19:30"), stablecoin.Conditions())
    redemption(db, "r2", "40", et("2026-11-20T17:00"), stablecoin.Conditions())
    assert servicer.next_wire() == et("2026-11-20T17:00")
    assert servicer.pay_due(et("2026-11-20T17:00")) == "wired 1"
    assert broker.credits == {"stablecoin:wire:r2": ("acct", Decimal("40.00"))}
    assert servicer.next_wire() == et("2026-11-22T21:00")  # r1: Monday's value, Sunday evening
    broker.fail_next = "UNAVAILABLE"
    with pytest.raises(DomainError):
        servicer.pay_due(et("2026-11-22T21:00"))
    assert status(db, "r1").status == "sending"  # booked out of the reserve, the broker not yet answered
    assert servicer.pay_due(et("2026-11-22T21:00")) == "wired 1"
    assert status(db, "r1").status == "paid" and status(db, "r1").paid_at == et("2026-11-22T21:00")
    assert servicer.next_wire() is None
    with db.read() as session:
        ledger = Ledger(session)
        assert stablecoin.reserve(ledger) == (Decimal(860), Decimal(0))
        assert ledger.balance(stablecoin.OWED, stablecoin.USD) == 0
        assert ledger.balance(stablecoin.OUTSTANDING, stablecoin.FUSD) == Decimal(860)
        assert prove(session)[0]
        types = [e.type for e in session.exec(select(OutboxEvent))]
    assert types == ["stablecoin.wire_sent", "stablecoin.wire_sent"]


def test_a_refused_wire_is_returned_and_stays_owed(world: tuple[StablecoinIssuer, FakeBroker, Database]) -> None:
    servicer, broker, db = world
    redemption(db, "r1", "10", et("2026-11-20T10:00"), stablecoin.Conditions())
    broker.fail_next = "ACCOUNT_FROZEN"
    assert servicer.pay_due(et("2026-11-20T10:00")) == "wired 0, 1 returned"
    row = status(db, "r1")
    assert row.status == "returned" and "ACCOUNT_FROZEN" in row.reason
    with db.read() as session:
        ledger = Ledger(session)
        assert stablecoin.reserve(ledger)[0] == Decimal(1000)
        assert ledger.balance(stablecoin.OWED, stablecoin.USD) == Decimal(10)


def test_halted_wires_wait_and_a_short_reserve_waits_a_bank_day(
        world: tuple[StablecoinIssuer, FakeBroker, Database]) -> None:
    servicer, broker, db = world
    redemption(db, "r1", "300", et("2026-11-20T10:00"), stablecoin.Conditions())
    with db.transaction() as session:
        session.add(StablecoinConditions(id=1, redemptions_halted=True, reason="bank failed"))
    assert servicer.pay_due(et("2026-11-20T10:00")) == "wired 0, 1 halted"
    assert status(db, "r1").status == "halted" and servicer.next_wire() is None
    with db.transaction() as session:
        conditions = session.get(StablecoinConditions, 1)
        assert conditions is not None
        conditions.redemptions_halted = False
        stablecoin.book_stuck(Ledger(session), et("2026-11-20T11:00"), "stuck", Decimal(800))
        redemption_row = session.exec(select(StablecoinRedemption)).one()
        schedule(redemption_row, stablecoin.Conditions(), et("2026-11-20T11:00"))
    assert servicer.pay_due(et("2026-11-20T11:00")) == "wired 0, 1 short of liquid reserve"
    row = status(db, "r1")
    assert row.status == "queued" and row.value_date == "2026-11-23" and "stuck at a failed bank" in row.reason
    assert broker.credits == {}
    with db.read() as session:
        assert [e.type for e in session.exec(select(OutboxEvent))] == ["stablecoin.wire_held"] * 2


def test_stuck_dollars_move_between_banks_and_never_exceed_the_reserve(
        world: tuple[StablecoinIssuer, FakeBroker, Database]) -> None:
    _, _, db = world
    with db.transaction() as session:
        ledger = Ledger(session)
        stablecoin.book_stuck(ledger, et("2026-11-20T11:00"), "a", Decimal(300))
        assert stablecoin.reserve(ledger) == (Decimal(1000), Decimal(300))
        stablecoin.book_stuck(ledger, et("2026-11-20T12:00"), "b", Decimal(100))
        assert stablecoin.reserve(ledger) == (Decimal(1000), Decimal(100))
        with pytest.raises(DomainError) as too_much:
            stablecoin.book_stuck(ledger, et("2026-11-20T13:00"), "c", Decimal(1001))
        assert too_much.value.reason == "INSUFFICIENT_FUNDS"


def test_a_wire_delay_is_bounded() -> None:
    for delay in ("31d", "99999999999999w"):
        with pytest.raises(DomainError) as refused:
            stablecoin.conditions(False, "", delay, "", "")
        assert refused.value.reason == "INVALID_DURATION"


def test_the_wire_job_is_due_only_when_a_wire_waits() -> None:
    from fivelayer.chain.jobs import chain_jobs

    waiting: list[datetime] = []
    book = chain_jobs(lambda after: [], lambda at: False, (lambda: min(waiting, default=None), lambda at: "wired"))
    friday = et("2026-11-20T16:00")
    assert book.next_due(friday) is None                       # nothing queued: never
    waiting.append(et("2026-11-22T21:00"))
    assert book.next_due(friday) == et("2026-11-22T21:00")     # the earliest send time
    waiting.append(friday)                                     # asked inside the window: due at once
    assert book.next_due(friday) == friday + timedelta(seconds=1)
    assert [j.name for j in book.due_at(friday, friday + timedelta(seconds=1))] == ["stablecoin-wires"]


def test_redemptions_page_in_the_order_they_came_in(world: tuple[StablecoinIssuer, FakeBroker, Database]) -> None:
    """ListRedemptions' handler pages as every list does (kernel/paging.py): a forged token is refused."""
    issuer, _, db = world
    for name in ("r1", "r2", "r3"):
        redemption(db, name, "1", et("2026-11-20T10:00"), stablecoin.Conditions())
    first, token = issuer.redemptions("", 2, "")
    rest, last = issuer.redemptions("", 2, token)
    assert [r.redemption_id for r in first + rest] == ["r1", "r2", "r3"] and token and not last
    assert issuer.redemptions("0x" + "b" * 40, 0, "") == ([], "")
    for limit, page_token, reason in ((1001, "", "INVALID_ARGUMENT"), (0, "2", "INVALID_PAGE_TOKEN")):
        with pytest.raises(DomainError) as refused:
            issuer.redemptions("", limit, page_token)
        assert refused.value.reason == reason
