"""Control's rules: the clock, time-ordered job driving, market data, reconciliation, timeline digest,
and what it may do on chain: the faults reach the token contracts through the issuer (their owner),
and the drills' holders sign with their own wallets' keys, which control holds."""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any, cast

import pytest
from apscheduler.triggers.base import BaseTrigger
from fivelayer.control import faults, ports
from fivelayer.control.clock import MANUAL, REALTIME, SandboxClock
from fivelayer.control.drills.scenarios import check_mint
from fivelayer.control.drills.world import World, wallet
from fivelayer.control.driver import Driver, LocalScheduler, Participant
from fivelayer.control.marketdata import Dividend, MarketData, Split
from fivelayer.control.models import FaultRow, TimelineRow
from fivelayer.control.reconcile import issuer_shares, token_line
from fivelayer.control.timeline import digest
from fivelayer.kernel import evm, keys
from fivelayer.kernel.db import Database
from fivelayer.kernel.errors import DomainError, refusal
from fivelayer.kernel.jobs import CronFields, JobBook, JobRunner, SchedulerServicer
from fivelayer.kernel.money import from_pb, quantize, to_pb
from fivelayer.kernel.reasons import Common
from fivelayer.kernel.reference import ISSUER_ADDRESS
from fivelayer.kernel.timeutil import to_ts, utc
from fivelayer.v1 import broker_pb2, chain_pb2, common_pb2, control_pb2, issuer_pb2, statuses_pb2
from google.protobuf.message import Message

FRIDAY_EVENING = datetime(2026, 11, 20, 22, 0, tzinfo=UTC)




def test_manual_clock_stands_still_and_refuses_to_go_back(tmp_path: Path) -> None:
    clock = SandboxClock(Database(f"sqlite:///{tmp_path}/c.db"), FRIDAY_EVENING)
    assert clock.now() == FRIDAY_EVENING == clock.now()
    with pytest.raises(DomainError) as caught:
        clock.move_to(FRIDAY_EVENING - timedelta(seconds=1))
    assert caught.value.reason == "CLOCK_BACKWARDS"


def test_realtime_clock_runs_at_its_speed_and_survives_restart(tmp_path: Path) -> None:
    wall = [10**18]
    db = Database(f"sqlite:///{tmp_path}/c.db")
    clock = SandboxClock(db, FRIDAY_EVENING, wall_ns=lambda: wall[0])
    clock.set_mode(REALTIME, Decimal(60))
    clock.hold_at(None)  # no job is due: nothing holds it
    wall[0] += 2 * 10**9  # two wall seconds at x60 are two sandbox minutes
    assert clock.now() == FRIDAY_EVENING + timedelta(minutes=2)
    clock.set_mode(MANUAL, Decimal(60))
    wall[0] += 10**12
    assert clock.now() == FRIDAY_EVENING + timedelta(minutes=2)
    again = SandboxClock(db, datetime(2030, 1, 1, tzinfo=UTC), wall_ns=lambda: wall[0])
    assert again.now() == FRIDAY_EVENING + timedelta(minutes=2) and again.mode == MANUAL


def test_advance_runs_jobs_of_all_services_in_time_order(tmp_path: Path) -> None:
    """Jobs at the same instant run in service order; a later job in one service waits for an
    earlier one in another, across a whole week (weekend and Thanksgiving included)."""
    clock = SandboxClock(Database(f"sqlite:///{tmp_path}/control.db"), FRIDAY_EVENING)
    log: list[tuple[str, str, datetime]] = []

    def run(service: str, job: str, at: datetime) -> str:
        log.append((service, job, at))
        return "ok"

    def service(name: str, jobs: dict[str, CronFields]) -> Participant:
        book = JobBook()
        for job, cron in jobs.items():
            book.cron(job, **cron)(functools.partial(run, name, job))
        runner = JobRunner(name, Database(f"sqlite:///{tmp_path}/{name}.db"), book, clock)
        return Participant(name, LocalScheduler(SchedulerServicer(runner)))

    participants = [
        service("depository", {"settle": {"day_of_week": "mon-fri", "hour": 16, "minute": 15}}),
        service("broker", {"open": {"day_of_week": "mon-fri", "hour": 9, "minute": 30},
                           "sync": {"day_of_week": "mon-fri", "hour": 16, "minute": 30}}),
    ]
    driver = Driver(clock, lambda: participants)
    runs = driver.advance_to(FRIDAY_EVENING + timedelta(days=3))
    assert clock.now() == FRIDAY_EVENING + timedelta(days=3)
    assert [(n, j, at.isoformat()) for n, j, at in log] == [
        ("broker", "open", "2026-11-23T14:30:00+00:00"),
        ("depository", "settle", "2026-11-23T21:15:00+00:00"),
        ("broker", "sync", "2026-11-23T21:30:00+00:00"),
    ]
    assert [r.job for r in runs] == ["open", "settle", "sync"]
    assert driver.advance_to(clock.now()) == []  # nothing runs twice
    with pytest.raises(DomainError):
        driver.advance_to(FRIDAY_EVENING)


def test_work_one_service_gives_another_mid_advance_runs_in_that_advance_when_it_wakes_control(
        tmp_path: Path) -> None:
    """The issuer's 17:30 job asks the chain for a wire whose trigger is state, not a cron: the chain told
    control nothing was due, so without `wake` the wire would wait for the next advance."""
    clock = SandboxClock(Database(f"sqlite:///{tmp_path}/control.db"), FRIDAY_EVENING)
    wires: list[datetime] = []
    paid: list[datetime] = []

    class WireDue(BaseTrigger):
        def get_next_fire_time(self, previous_fire_time: datetime | None, now: datetime) -> datetime | None:
            return max(wires[0], now) if wires and not paid else None

    def pay(at: datetime) -> str:
        paid.append(at)
        return "paid"

    chain_book = JobBook()
    chain_book.add("wires", WireDue(), pay)
    chain = Participant("chain", LocalScheduler(SchedulerServicer(
        JobRunner("chain", Database(f"sqlite:///{tmp_path}/chain.db"), chain_book, clock))))
    woken: list[Driver] = []

    def ask_wire(at: datetime) -> str:
        wires.append(at + timedelta(minutes=5))
        if woken:
            woken[0].wake("chain")
        return "asked"

    issuer_book = JobBook()
    issuer_book.cron("offramp", day_of_week="mon-fri", hour=17, minute=30)(ask_wire)
    issuer = Participant("issuer", LocalScheduler(SchedulerServicer(
        JobRunner("issuer", Database(f"sqlite:///{tmp_path}/issuer.db"), issuer_book, clock))))
    driver = Driver(clock, lambda: [chain, issuer])
    driver.advance_to(FRIDAY_EVENING + timedelta(minutes=20))   # the chain says: nothing due
    woken.append(driver)
    driver.advance_to(FRIDAY_EVENING + timedelta(hours=2))
    assert wires == [datetime(2026, 11, 20, 22, 35, tzinfo=UTC)] and paid == wires   # in this advance


def test_market_data_is_seeded_and_exact() -> None:
    at = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)
    a, b, other = MarketData(7), MarketData(7), MarketData(8)
    assert a.price("AAPL", at) == b.price("AAPL", at)
    assert a.price("AAPL", at) != other.price("AAPL", at)
    price, market_open = a.price("NVDA", at)
    assert market_open and price == price.quantize(Decimal("0.01"))
    # Outside a session the price is the last close, all weekend long.
    saturday, sunday = datetime(2026, 11, 21, 12, tzinfo=UTC), datetime(2026, 11, 22, 23, tzinfo=UTC)
    friday_close = a.close("NVDA", datetime(2026, 11, 20).date())
    assert a.price("NVDA", saturday) == a.price("NVDA", sunday) == (friday_close, False)
    with pytest.raises(DomainError) as caught:
        a.price("ZZZZ", at)
    assert caught.value.reason == "UNKNOWN_SYMBOL"


def test_reconciliation_counts_unbacked_tokens() -> None:
    orders = [broker_pb2.Order(symbol="AAPL", side=broker_pb2.BUY, quantity=to_pb(Decimal(10)),
                               filled_quantity=to_pb(Decimal(10)), status=statuses_pb2.ORDER_STATUS_FILLED),
              broker_pb2.Order(symbol="AAPL", side=broker_pb2.BUY, quantity=to_pb(Decimal(5)),
                               filled_quantity=to_pb(Decimal(0)), status=statuses_pb2.ORDER_STATUS_ACCEPTED),
              broker_pb2.Order(symbol="AAPL", side=broker_pb2.BUY, quantity=to_pb(Decimal(7)),
                               filled_quantity=to_pb(Decimal(0)), status=statuses_pb2.ORDER_STATUS_REJECTED),
              broker_pb2.Order(symbol="AAPL", side=broker_pb2.SELL, quantity=to_pb(Decimal(2)),
                               filled_quantity=to_pb(Decimal(2)), status=statuses_pb2.ORDER_STATUS_FILLED)]
    positions = [broker_pb2.BrokerPosition(symbol="AAPL", settled=to_pb(Decimal(6)))]
    token = chain_pb2.Token(symbol="AAPLx", underlying="AAPL", total_supply=to_pb(Decimal(20)),
                            multiplier=to_pb(Decimal(1)))
    line = token_line(token, issuer_shares(orders, positions), Decimal(6), Decimal("100.00"))
    assert from_pb(line.shares_ordered) == 13 and from_pb(line.shares_filled) == 8
    assert from_pb(line.shares_pending) == 5 and from_pb(line.shares_unsettled) == 2
    assert from_pb(line.unbacked_shares) == 14 and from_pb(line.unbacked_value) == Decimal("1400.00")


def test_timeline_digest_depends_on_every_byte() -> None:
    at = FRIDAY_EVENING
    rows = [TimelineRow(service="chain", seq=1, at=at, type="token.mint", payload='{"amount":"1"}')]
    changed = [TimelineRow(service="chain", seq=1, at=at, type="token.mint", payload='{"amount":"2"}')]
    assert digest(rows) == digest(list(rows)) != digest(changed)
    assert to_ts(at).seconds == 1795212000


def test_prices_follow_an_announced_split_from_its_effective_date() -> None:
    market = MarketData(7)
    friday_close, monday_open = utc(datetime(2026, 12, 4, 21, 0)), utc(datetime(2026, 12, 7, 14, 30))
    before = [market.price("AAPL", at)[0] for at in (friday_close, monday_open)]
    market.set_splits([Split(date(2026, 12, 7), "AAPL", 4, 1)])
    assert market.price("AAPL", friday_close)[0] == before[0]                      # history is not rewritten
    assert market.price("AAPL", monday_open)[0] == quantize(before[1] / 4, 2)       # 4 shares for 1
    assert market.price("AAPL", utc(datetime(2026, 12, 7, 11, 0)))[0] == quantize(before[0] / 4, 2)  # from 06:00 ET
    assert market.price("NVDA", monday_open) == MarketData(7).price("NVDA", monday_open)
    market.set_splits([Split(date(2026, 12, 7), "AAPL", 4, 1), Split(date(2026, 12, 9), "AAPL", 1, 8)])
    assert market.split_factor("AAPL", date(2026, 12, 9)) == Fraction(1, 2)         # then one for eight


def test_prices_drop_by_an_announced_dividend_from_its_ex_date() -> None:
    market = MarketData(7)
    friday_close, monday_open = utc(datetime(2026, 12, 4, 21, 0)), utc(datetime(2026, 12, 7, 14, 30))
    before = [market.price("AAPL", at)[0] for at in (friday_close, monday_open)]
    market.set_dividends([Dividend(date(2026, 12, 7), "AAPL", Decimal("2.50"))])
    assert market.price("AAPL", friday_close)[0] == before[0]                      # history is not rewritten
    factor = 1 - Decimal("2.50") / before[0]
    assert market.price("AAPL", utc(datetime(2026, 12, 7, 11, 0)))[0] == before[0]   # before the open: the last trade
    assert market.price("AAPL", monday_open)[0] == quantize(before[1] * factor, 2)  # from the open, ex-dividend
    assert market.price("AAPL", utc(datetime(2026, 12, 7, 21, 0)))[0] == \
        quantize(MarketData(7).price("AAPL", utc(datetime(2026, 12, 7, 21, 0)))[0] * factor, 2)
    market.set_splits([Split(date(2026, 12, 9), "AAPL", 2, 1)])                    # both: split and dividend
    tuesday = utc(datetime(2026, 12, 9, 15, 0))
    assert market.price("AAPL", tuesday)[0] == quantize(MarketData(7).price("AAPL", tuesday)[0] / 2 * factor, 2)
    market.set_dividends([])
    assert market.price("AAPL", monday_open)[0] == before[1]


# --- on chain: the faults through the issuer, the drills' holders with their own keys -------------------

class Recorder:
    """Every request a fake answers, in order, by method name."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, Message]] = []

    def log(self, method: str, request: Message) -> None:
        self.calls.append((method, request))


class FakeIssuer(Recorder):
    def ListProducts(self, r: issuer_pb2.ListProductsRequest, /) -> issuer_pb2.ListProductsResponse:
        return issuer_pb2.ListProductsResponse(broker_account_id="acct-000001", products=[
            issuer_pb2.Product(token="AAPLx"), issuer_pb2.Product(token="NVDAx")])

    def SetHalt(self, r: issuer_pb2.SetHaltRequest, /) -> issuer_pb2.Product:
        self.log("SetHalt", r)
        return issuer_pb2.Product(token=r.token)

    def PauseToken(self, r: issuer_pb2.PauseTokenRequest, /) -> issuer_pb2.TokenControlReply:
        self.log("PauseToken", r)
        return issuer_pb2.TokenControlReply(tx_hash="0x1", block_number=7)

    def FreezeAddress(self, r: issuer_pb2.FreezeAddressRequest, /) -> issuer_pb2.TokenControlReply:
        self.log("FreezeAddress", r)
        return issuer_pb2.TokenControlReply(tx_hash="0x2", block_number=8)


class FakeChain(Recorder):
    """Control's wallet: token reads, and transfers signed only with keys it holds."""

    def __init__(self) -> None:
        super().__init__()
        self.held: set[str] = set()
        self.transfers_paused = True

    def hold(self, name: str) -> str:
        address = keys.address_of("control", name)
        self.held.add(address)
        return address

    def GetToken(self, r: chain_pb2.TokenRequest, /) -> chain_pb2.Token:
        return chain_pb2.Token(symbol=r.symbol, kind="stock", decimals=9, transfers_paused=self.transfers_paused)

    def Transfer(self, r: chain_pb2.TransferRequest, /) -> chain_pb2.Tx:
        if r.sender not in self.held:
            raise DomainError(Common.NOT_KEY_HOLDER, f"control holds no key for {r.sender}")
        self.log("Transfer", r)
        return chain_pb2.Tx(block_number=9)


class FakeChainService(Recorder):
    def __init__(self) -> None:
        super().__init__()
        self.refuse = ""

    def CheckCall(self, r: chain_pb2.CheckCallRequest, /) -> common_pb2.Empty:
        self.log("CheckCall", r)
        if self.refuse:
            raise refusal(self.refuse, "the contract reverted")
        return common_pb2.Empty()


class FakeBroker(Recorder):
    def SetAccountStatus(self, r: broker_pb2.SetAccountStatusRequest, /) -> broker_pb2.Account:
        self.log("SetAccountStatus", r)
        return broker_pb2.Account(account_id=r.account_id, status=r.status)


class FakeClock:
    def Now(self, r: common_pb2.Empty, /) -> control_pb2.ClockState:
        return control_pb2.ClockState(now=to_ts(FRIDAY_EVENING))


@dataclass
class FakeClients:
    """What these tests reach of control's ports.Clients; the rest is never called."""

    issuer: FakeIssuer = field(default_factory=FakeIssuer)
    chain: FakeChain = field(default_factory=FakeChain)
    chain_service: FakeChainService = field(default_factory=FakeChainService)
    broker: FakeBroker = field(default_factory=FakeBroker)
    clock: FakeClock = field(default_factory=FakeClock)
    market_data: Any = None
    faults: Any = None
    depository: Any = None
    exchange: Any = None

    def events(self, service: str) -> Any:
        raise AssertionError("not called")

    def books(self, service: str) -> Any:
        raise AssertionError("not called")

    def network_faults(self, service: str) -> Any:
        raise AssertionError("not called")

    def ports(self) -> ports.Clients:
        """As control's ports: the fakes answer only the calls these paths make (their protocols are wider)."""
        return cast(ports.Clients, self)


def inject(kind: str, **fields: Any) -> faults.Target:
    return faults.validate(control_pb2.InjectFaultRequest(request_id="r", kind=kind, **fields), lambda: "acct-000001")


def switch(clients: FakeClients, target: faults.Target, on: bool = True) -> None:
    faults.switch(target, on, "fault:flt-000001:apply", clients.ports(), MarketData(1), FRIDAY_EVENING)


def test_chain_faults_are_asked_of_the_issuer_as_the_tokens_owner() -> None:
    clients = FakeClients()
    switch(clients, inject("pause-transfers", token="AAPLx"))
    switch(clients, inject("halt-mint", token="NVDAx"))
    assert [(m, r) for m, r in clients.issuer.calls if m == "PauseToken"] == [
        ("PauseToken", issuer_pb2.PauseTokenRequest(request_id="fault:flt-000001:apply", token="AAPLx",
                                                    transfers_paused=True)),
        ("PauseToken", issuer_pb2.PauseTokenRequest(request_id="fault:flt-000001:apply:NVDAx", token="NVDAx",
                                                    mint_paused=True, transfers_paused=True))]  # transfers as they are
    assert clients.chain.calls == []                                   # control signs nothing for the issuer


def test_freeze_account_of_a_chain_address_freezes_it_in_the_token() -> None:
    address = "0x" + "Ab" * 20
    target = inject("freeze-account", account_id=address, token="AAPLx")
    assert (target.address, target.account_id, target.token) == (address.lower(), address.lower(), "AAPLx")
    assert target.description() == f"the issuer freezes {address.lower()} in AAPLx"
    clients = FakeClients()
    switch(clients, target)
    switch(clients, target, on=False)
    assert clients.issuer.calls == [
        ("FreezeAddress", issuer_pb2.FreezeAddressRequest(request_id="fault:flt-000001:apply", token="AAPLx",
                                                          address=address.lower(), frozen=True)),
        ("FreezeAddress", issuer_pb2.FreezeAddressRequest(request_id="fault:flt-000001:apply", token="AAPLx",
                                                          address=address.lower(), frozen=False))]
    assert clients.broker.calls == []
    row = FaultRow(fault_id="flt-000001", kind="freeze-account", token="AAPLx", account_id=address.lower(),
                   injected_at=FRIDAY_EVENING)
    assert faults.target_of(row) == faults.Target("freeze-account", token="AAPLx", account_id=address.lower(),
                                                  address=address.lower())
    with pytest.raises(DomainError) as caught:
        inject("freeze-account", account_id=address)                   # in which token?
    assert caught.value.reason == "INVALID_ARGUMENT"
    broker = inject("freeze-account")                                 # no address: the broker account, as before
    assert (broker.account_id, broker.address) == ("acct-000001", "")
    switch(clients, broker)
    assert [m for m, _ in clients.broker.calls] == ["SetAccountStatus"]


def test_a_drill_holder_sends_from_her_own_wallet_whose_key_control_holds() -> None:
    assert wallet("ada") == keys.address_of("control", "wallet:ada") != wallet("bo")
    clients = FakeClients()
    world = World(clients.ports(), seed=1)
    tx = world.transfer("ada", "bo", "AAPLx", Decimal(1))
    assert tx is not None and world.steps[-1].result == "ok"
    [(_, request)] = clients.chain.calls
    assert isinstance(request, chain_pb2.TransferRequest)
    assert (request.sender, request.to_address) == (wallet("ada"), wallet("bo"))


def test_a_direct_mint_is_simulated_as_the_issuer_and_its_refusal_recorded() -> None:
    clients = FakeClients()
    world = World(clients.ports(), seed=1)
    check_mint(world, "AAPLx", wallet("ada"), Decimal(1))
    [(_, request)] = clients.chain_service.calls
    assert isinstance(request, chain_pb2.CheckCallRequest)
    assert (request.symbol, request.sender) == ("AAPLx", ISSUER_ADDRESS)
    function, args = evm.interface("StockToken").decode_function_input(request.data)
    assert function.fn_name == "mint" and args == {"to": evm.checksum(wallet("ada")), "amount": 10**9}
    clients.chain_service.refuse = "MINT_PAUSED"
    world.attempt("issuer", "mint 1 AAPLx on chain directly", lambda: check_mint(world, "AAPLx", wallet("ada"),
                                                                                 Decimal(1)))
    assert world.steps[-1].result == "MINT_PAUSED"


def test_the_drills_control_runs_are_the_catalogue_the_cli_lists() -> None:
    from fivelayer.control.drills.runner import drill_list
    from fivelayer.control.drills.scenarios import DRILLS
    from fivelayer.control.drills.world import START
    from fivelayer.kernel import drills

    assert list(DRILLS) == list(drills.CATALOGUE) and START == drills.START
    assert [(d.name, d.title, d.summary) for d in drill_list().drills] == \
        [(d.name, d.title, d.summary) for d in drills.CATALOGUE.values()]


def test_the_job_log_pages_by_token_from_the_first_run_or_after_an_index(tmp_path: Path) -> None:
    from fivelayer.control.joblog import JobLog

    log = JobLog(Database(f"sqlite:///{tmp_path}/control.db"))
    log.append([common_pb2.JobRun(service="control", job=f"job{i}", at=to_ts(FRIDAY_EVENING), outcome="ok")
                for i in range(5)])
    seen, token = [], ""
    for _ in range(5):
        entries, token = log.page(0, token, 2)
        seen.append([i for i, _ in entries])
        if not token:
            break
    assert seen == [[1, 2], [3, 4], [5]]
    assert [i for i, _ in log.page(3, "", 0)[0]] == [4, 5]          # the first page after an index; 0 means 100
    for after, token, limit, name in ((-1, "", 0, "after"), (0, "", 1001, "limit"), (0, "forged", 0, "page_token")):
        with pytest.raises(DomainError) as refused:
            log.page(after, token, limit)
        assert refused.value.metadata["field"] == name
