"""The kernel's guarantees: balanced books, at-most-once requests, gap-free events, jobs once."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from fivelayer.kernel.clock import FixedClock
from fivelayer.kernel.db import Database, get_row
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.idempotency import apply_once
from fivelayer.kernel.jobs import FromTrigger, JobBook, JobRunner, SessionTrigger
from fivelayer.kernel.ledger import Ledger, LedgerBalance, prove
from fivelayer.kernel.money import to_pb
from fivelayer.kernel.outbox import OutboxEvent, emit
from fivelayer.kernel.reasons import Common
from fivelayer.kernel.reference import STABLECOIN
from fivelayer.kernel.rest import _inbound, to_json
from fivelayer.kernel.saga import IntentRow, TypedPlan, TypedSaga, run_saga
from fivelayer.kernel.timeutil import parse_duration, to_ts
from fivelayer.v1 import chain_pb2, common_pb2
from fivelayer.v1 import events_pb2 as ev
from sqlmodel import Session, col, select

AT = datetime(2026, 11, 20, 22, 0, tzinfo=UTC)


@pytest.fixture
def db(tmp_path: Path) -> Database:
    return Database(f"sqlite:///{tmp_path}/k.db")


def test_ledger_refuses_overdraft_whole_and_proves_balanced(db: Database) -> None:
    with db.transaction() as s:
        Ledger(s).transfer("@world", "alice", "USD", Decimal("100"), at=AT, transfer_id="t1")
    with pytest.raises(DomainError) as caught, db.transaction() as s:
        Ledger(s).post([("alice", "USD", Decimal("-150")), ("bob", "USD", Decimal("150"))], at=AT, transfer_id="t2")
    assert caught.value.reason == "INSUFFICIENT_FUNDS"
    with db.read() as s:
        assert Ledger(s).balance("alice", "USD") == Decimal("100")
        assert Ledger(s).balance("bob", "USD") == 0
        balanced, assets, problems = prove(s)
    assert balanced and problems == [] and assets["USD"] == (Decimal(0), 2)


def test_prove_catches_a_tampered_balance(db: Database) -> None:
    with db.transaction() as s:
        Ledger(s).transfer("@world", "alice", "USD", Decimal("5"), at=AT, transfer_id="t1")
    with db.transaction() as s:
        row = get_row(s, LedgerBalance, ("alice", "USD"), "balance")
        row.amount = Decimal("6")
        s.add(row)
    with db.read() as s:
        balanced, _, problems = prove(s)
    assert not balanced and "postings sum to 5" in problems[0]


def test_a_commit_that_need_not_wait_for_the_disk_is_still_atomic_and_leaves_full_sync(db: Database) -> None:
    with pytest.raises(DomainError), db.transaction(durable=False) as s:
        Ledger(s).transfer("@world", "alice", "USD", Decimal("5"), at=AT, transfer_id="t1")
        raise DomainError(Common.INVALID_ARGUMENT, "rolled back")
    with db.transaction(durable=False) as s:
        Ledger(s).transfer("@world", "alice", "USD", Decimal("7"), at=AT, transfer_id="t2")
    with db.read() as s:
        assert Ledger(s).balance("alice", "USD") == Decimal("7")
    with db.engine.connect() as connection:  # every pooled connection is back to waiting for the disk
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL


def test_unbalanced_transfer_is_a_bug(db: Database) -> None:
    with pytest.raises(ValueError), db.transaction() as s:
        Ledger(s).post([("a", "USD", Decimal(1)), ("b", "USD", Decimal(-2))], at=AT, transfer_id="bad")


def test_a_request_id_applies_once(db: Database) -> None:
    calls = []

    def work(session: Session) -> common_pb2.HeadResponse:
        calls.append(1)
        emit(session, AT, ev.AccountFunded(account_id="a", amount=to_pb(Decimal(len(calls)))))
        return common_pb2.HeadResponse(seq=len(calls))

    request = chain_pb2.TransferRequest(request_id="r1", symbol=STABLECOIN, amount=common_pb2.Decimal(value="1"))
    first = apply_once(db, "Transfer", request, work)
    again = apply_once(db, "Transfer", request, work)
    assert first == again and len(calls) == 1
    different = chain_pb2.TransferRequest(request_id="r1", symbol=STABLECOIN, amount=common_pb2.Decimal(value="2"))
    with pytest.raises(DomainError) as caught:
        apply_once(db, "Transfer", different, work)
    assert caught.value.reason == "IDEMPOTENCY_KEY_REUSED"
    with pytest.raises(DomainError) as caught:
        apply_once(db, "Transfer", chain_pb2.TransferRequest(), work)
    assert caught.value.reason == "MISSING_REQUEST_ID"


def test_a_refused_request_stores_nothing(db: Database) -> None:
    def refuse(session: Session) -> common_pb2.HeadResponse:
        emit(session, AT, ev.AccountClosed(account_id="never"))
        raise DomainError(Common.INSUFFICIENT_FUNDS, "no")

    with pytest.raises(DomainError):
        apply_once(db, "Transfer", chain_pb2.TransferRequest(request_id="r2"), refuse)
    with db.read() as s:
        assert list(s.exec(select(OutboxEvent))) == []


def test_event_sequence_is_gap_free_and_canonical(db: Database) -> None:
    with db.transaction() as s:
        emit(s, AT, ev.CreditDrawn(amount=to_pb(Decimal("1.50")), due_at=to_ts(AT)))
        emit(s, AT, ev.CaPaid(symbol="b", action_id="a"))
    with db.read() as s:
        events = list(s.exec(select(OutboxEvent).order_by(col(OutboxEvent.seq))))
    assert [e.seq for e in events] == [1, 2]
    assert events[0].payload == ('{"account_id":"","amount":{"value":"1.5"},"draw_id":"",'
                                 '"due_at":"2026-11-20T22:00:00Z"}')
    assert events[1].payload == '{"action_id":"a","pay_date":"","payments":[],"symbol":"b"}'


def test_jobs_run_once_each_and_survive_a_restart(db: Database) -> None:
    ran: list[datetime] = []
    book = JobBook()

    @book.cron("open", day_of_week="mon-fri", hour=9, minute=30)
    def job(at: datetime) -> str:
        ran.append(at)
        return "ok"

    clock = FixedClock(AT)
    runner = JobRunner("svc", db, book, clock)
    assert runner.next_due() == datetime(2026, 11, 23, 14, 30, tzinfo=UTC)  # Monday 09:30 ET
    runner.run_due(AT + timedelta(days=4))
    assert runner.following == runner.next_due()         # the next due instant, as asked afresh
    assert ran == [datetime(2026, 11, 23, 14, 30, tzinfo=UTC), datetime(2026, 11, 24, 14, 30, tzinfo=UTC)]
    restarted = JobRunner("svc", db, book, FixedClock(AT))
    restarted.run_due(AT + timedelta(days=4))
    assert len(ran) == 2
    assert restarted.next_due() == datetime(2026, 11, 25, 14, 30, tzinfo=UTC)


def test_a_job_fires_only_when_its_state_needs_it_and_reads_its_trigger_once_an_instant(db: Database) -> None:
    """A state trigger (`FromTrigger`) fires nothing while nothing waits; each instant's triggers are read
    once, and the reply's next instant is the one read after the jobs ran."""
    waiting: list[datetime] = []
    asked: list[datetime] = []

    def start() -> datetime | None:
        asked.append(AT)
        return min(waiting, default=None)

    book = JobBook()
    book.add("work", FromTrigger(start, SessionTrigger("close")), lambda at: waiting.pop(0).isoformat())
    refreshed: list[int] = []
    book.before_asking(lambda: refreshed.append(1))
    runner = JobRunner("svc", db, book, FixedClock(AT))
    assert runner.next_due() is None and refreshed == [1]                 # nothing waits: nothing due
    waiting.append(datetime(2026, 11, 25, 12, 0, tzinfo=UTC))            # work from Wednesday morning
    assert runner.next_due() == datetime(2026, 11, 25, 21, 0, tzinfo=UTC)  # that day's close
    asked.clear()
    runs = runner.run_due(datetime(2026, 11, 30, tzinfo=UTC))
    assert [r.job for r in runs] == ["work"] and runner.following is None
    assert len(asked) == 2 and len(refreshed) == 2                          # once per instant; RunDue refreshes nothing
    waiting.append(datetime(2026, 11, 26, 12, 0, tzinfo=UTC))            # older work, learned of late
    assert runner.next_due() == datetime(2026, 11, 30, 21, 0, tzinfo=UTC)  # after the watermark, not in the past
    assert SessionTrigger("close").get_next_fire_time(None, datetime(2026, 11, 27, 18, 0, tzinfo=UTC)) == \
        datetime(2026, 11, 27, 18, 0, tzinfo=UTC)                           # the early close, asked at it exactly


@dataclass(frozen=True)
class PayPlan(TypedPlan):
    account: str
    amount: Decimal
    due: datetime
    times: int = 1


def test_a_typed_plan_round_trips_and_a_stored_one_is_checked() -> None:
    plan = PayPlan("acct-1", Decimal("12.50"), AT, 3)
    assert PayPlan.from_json(plan.to_json()) == plan
    assert plan.to_json() == '{"account": "acct-1", "amount": "12.50", "due": "2026-11-20T22:00:00Z", "times": 3}'
    # a plan first stored as dict[str, str] with the same keys parses (its defaults filled in)
    assert PayPlan.from_json('{"account": "acct-1", "amount": "12.50", "due": "2026-11-20T22:00:00Z"}') == \
        PayPlan("acct-1", Decimal("12.50"), AT)
    for bad in ('{"account": "a", "amount": "x", "due": "2026-11-20T22:00:00Z"}',       # not a number
                '{"account": "a", "amount": "NaN", "due": "2026-11-20T22:00:00Z"}',     # not finite
                '{"account": "a", "due": "2026-11-20T22:00:00Z"}',                      # a field missing
                '{"account": 1, "amount": "1", "due": "2026-11-20T22:00:00Z"}',         # of the wrong type
                '{"account": "a", "amount": "1", "due": "2026-11-20T22:00:00Z", "x": "1"}',  # unknown
                '{"account": "a", "amount": "1", "due": "2026-11-20T22:00:00Z", "times": true}',
                '["a"]', "not json"):
        with pytest.raises(DomainError) as caught:
            PayPlan.from_json(bad)
        assert caught.value.reason == "INTERNAL" and "PayPlan" in caught.value.message


def test_a_typed_saga_resumes_from_its_stored_plan(db: Database) -> None:
    """A remote step that fails transiently leaves the intent; the retry carries on with the plan begin made,
    parsed back typed, and begin does not run again."""
    begun: list[PayPlan] = []
    calls: list[Decimal] = []

    def begin(session: object) -> PayPlan:
        begun.append(PayPlan("acct-1", Decimal("2.5"), AT))
        return begun[-1]

    def remote(plan: PayPlan) -> Decimal:
        calls.append(plan.amount)
        if len(calls) == 1:
            raise DomainError(Common.UNAVAILABLE, "the peer is away")
        return plan.amount * plan.times

    saga = TypedSaga(PayPlan, begin=begin, remote=remote,
                     finish=lambda session, plan, out: common_pb2.Decimal(value=str(out)))
    request = chain_pb2.TransferRequest(request_id="r1")
    with pytest.raises(DomainError):
        run_saga(db, "Pay", request, lambda: saga)
    with db.read() as s:
        [intent] = s.exec(select(IntentRow))
    assert PayPlan.from_json(intent.plan) == begun[0]
    assert run_saga(db, "Pay", request, lambda: saga).value == "2.5"
    assert len(begun) == 1 and calls == [Decimal("2.5"), Decimal("2.5")]


def test_durations() -> None:
    assert parse_duration("1d") == timedelta(days=1)
    assert parse_duration("2h30m") == timedelta(hours=2, minutes=30)
    for bad in ("", "1x", "d", "0s", "1d 2"):
        with pytest.raises(DomainError):
            parse_duration(bad)


def test_rest_decimals_are_plain_strings() -> None:
    body = _inbound(chain_pb2.TransferRequest.DESCRIPTOR, {"request_id": "r", "amount": "1.5"})
    assert body["amount"] == {"value": "1.5"}
    tx = chain_pb2.Tx(tx_hash="0xab", amount=common_pb2.Decimal(value="2.25"))
    assert to_json(tx)["amount"] == "2.25"


def test_a_scratch_sandbox_keeps_its_ports_below_the_ephemeral_range() -> None:
    """A test's second `up` on the same ports must find them free: an outgoing connection's source port
    (the kernel's ephemeral range) never lands on a scratch sandbox's port."""
    from fivelayer.cli.supervisor import ephemeral_floor, free_port_base, release_port_base
    from fivelayer.kernel.config import NODE_OFFSET, REST_OFFSET, SERVICES

    for _ in range(50):
        base = free_port_base()
        release_port_base(base)
        assert max(base + REST_OFFSET + len(SERVICES), base + NODE_OFFSET) < ephemeral_floor()


def test_a_claimed_port_block_is_not_handed_to_another_process() -> None:
    """Two test workers that ask for a base at the same moment get blocks that share no port: a block is
    claimed (a host-wide lock) before it is probed, so another process skips it until it is released."""
    import subprocess
    import sys

    from fivelayer.cli.supervisor import PORT_BLOCK, free_port_base, release_port_base

    mine = [free_port_base() for _ in range(20)]
    try:
        assert all(base % PORT_BLOCK == 0 for base in mine)
        code = "from fivelayer.cli.supervisor import free_port_base\nprint(*[free_port_base() for _ in range(20)])"
        theirs = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
        assert len(set(mine)) == 20 and not set(mine) & {int(base) for base in theirs.split()}
    finally:
        for base in mine:
            release_port_base(base)
    code = f"from fivelayer.cli.supervisor import _claim\nprint(_claim({mine[0]}))"
    again = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert again.strip() == "True"  # released: another process may take it now


def test_services_on_other_hosts_are_found_by_their_own_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    """A sandbox across hosts: each peer reached at FIVELAYER_<SERVICE>_HOST on the same port base, this
    process listening on FIVELAYER_BIND; unset, everything is FIVELAYER_HOST as before."""
    from fivelayer.kernel.config import Settings

    monkeypatch.setenv("FIVELAYER_HOST", "127.0.0.1")
    monkeypatch.setenv("FIVELAYER_PORT_BASE", "40000")
    monkeypatch.setenv("FIVELAYER_BROKER_HOST", "broker.internal")
    monkeypatch.setenv("FIVELAYER_BIND", "0.0.0.0")
    settings = Settings.from_env()
    assert settings.grpc_address("broker") == "broker.internal:40003"
    assert settings.rest_address("broker") == "http://broker.internal:40103"
    assert settings.grpc_address("issuer") == "127.0.0.1:40004"
    assert settings.listen_address("issuer") == "0.0.0.0:40004"
    for name, value in settings.to_env().items():
        monkeypatch.setenv(name, value)
    assert Settings.from_env() == settings
    assert Settings().listen_address("control") == "127.0.0.1:50050"


def test_a_stored_status_and_its_proto_enum_are_matched_by_name_and_cannot_drift() -> None:
    from enum import StrEnum

    from fivelayer.kernel.statuses import by_name, inverse
    from fivelayer.v1 import statuses_pb2

    class Trade(StrEnum):
        CAPTURED = "captured"
        SETTLED = "settled"

    mapping = by_name(Trade, statuses_pb2.TradeStatus)
    assert mapping == {Trade.CAPTURED: statuses_pb2.TRADE_STATUS_CAPTURED,
                       Trade.SETTLED: statuses_pb2.TRADE_STATUS_SETTLED}
    assert inverse(mapping)[statuses_pb2.TRADE_STATUS_SETTLED] is Trade.SETTLED

    class Drifted(StrEnum):
        LOST_IN_TRANSIT = "lost"

    with pytest.raises(ValueError):
        by_name(Drifted, statuses_pb2.TradeStatus)
