"""Corporate actions at the depository: entitlements at the record date (the ex-date boundary under
T+1, fails), dividend cash rounded down to the cent, split arithmetic with cash in lieu, refusals; SEC
Rule 10b-17's 10 days of notice; FINRA Rule 11140's large distributions (ex after the pay date, due bills)."""
from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import cast

import pytest
from fivelayer.depository import capture, corporate_actions
from fivelayer.depository import reasons as depository_reasons
from fivelayer.depository.corporate_actions import (
    SplitLine,
    cash_in_lieu,
    dividend_cash,
    dividend_ex_date,
    record_holdings,
    split_holdings,
    split_quantity,
)
from fivelayer.depository.handlers import Depository
from fivelayer.depository.jobs import CorporateActionTrigger, depository_jobs
from fivelayer.depository.models import DeliveryFailRow, DueBillRow, TradeRow
from fivelayer.depository.service import DepositoryServicer
from fivelayer.depository.settlement import open_fails
from fivelayer.kernel.clock import FixedClock
from fivelayer.kernel.db import Database
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.jobs import JobRunner
from fivelayer.kernel.ledger import Ledger, prove
from fivelayer.kernel.money import to_pb
from fivelayer.kernel.outbox import OutboxEvent, typed
from fivelayer.kernel.reference import BROKER_PARTICIPANT, STREET_PARTICIPANT
from fivelayer.kernel.rpc import LocalContext
from fivelayer.v1 import common_pb2, control_pb2, depository_pb2, statuses_pb2
from fivelayer.v1 import events_pb2 as ev
from sqlmodel import col, select

D = Decimal
BROKER, STREET = BROKER_PARTICIPANT, STREET_PARTICIPANT
GENESIS = datetime(2026, 11, 20, 22, 0, tzinfo=UTC)
MONDAY_10 = datetime(2026, 11, 30, 15, 0, tzinfo=UTC)     # Mon 30 Nov 2026, 10:00 ET
TUESDAY_10 = datetime(2026, 12, 1, 15, 0, tzinfo=UTC)
WEDNESDAY_10 = datetime(2026, 12, 2, 15, 0, tzinfo=UTC)   # the ex (= record) date below
WEDNESDAY_1730 = datetime(2026, 12, 2, 22, 30, tzinfo=UTC)
THURSDAY_0630 = datetime(2026, 12, 3, 11, 30, tzinfo=UTC)
THURSDAY_1730 = datetime(2026, 12, 3, 22, 30, tzinfo=UTC)
FRIDAY_10 = datetime(2026, 12, 4, 15, 0, tzinfo=UTC)
CTX = LocalContext()


def dec(value: str) -> common_pb2.Decimal:
    return common_pb2.Decimal(value=value)


class FakeMarket:
    def __init__(self, close: str) -> None:
        self.close = close
        self.asked: list[str] = []
        self.at: list[datetime] = []

    def ListSymbols(self, request: control_pb2.ListSymbolsRequest, /) -> control_pb2.ListSymbolsResponse:
        return control_pb2.ListSymbolsResponse(symbols=["AAPL"])

    def GetPrice(self, request: control_pb2.PriceRequest, /) -> control_pb2.Price:
        self.asked.append(request.symbol)
        self.at.append(request.at.ToDatetime(UTC))
        return control_pb2.Price(symbol=request.symbol, price=to_pb(D(self.close)))


class World:
    """A depository with its jobs, driven like control drives it."""

    def __init__(self, tmp_path: Path, close: str = "200") -> None:
        self.db = Database(f"sqlite:///{tmp_path}/dep.db")
        with self.db.transaction() as s:
            capture.genesis(s, GENESIS, ["AAPL"])
        self.clock = FixedClock(MONDAY_10)
        self.market = FakeMarket(close)
        self.depository = Depository(self.db, self.clock, self.market)
        self.servicer = DepositoryServicer(self.depository)
        self.book = depository_jobs(self.depository)
        self.runner = JobRunner("depository", self.db, self.book, self.clock)
        self.runner.watermark()
        self.trades = 0

    def run_to(self, at: datetime) -> list[str]:
        self.clock.at = at
        return [f"{r.job}: {r.outcome}" for r in self.runner.run_due(at)]

    def trade(self, at: datetime, buyer: str, seller: str, quantity: str, price: str = "100") -> None:
        self.run_to(at)
        self.trades += 1
        with self.db.transaction() as s:
            capture.capture(s, trade_ref=f"t{self.trades}", buyer=buyer, seller=seller, symbol="AAPL",
                            raw_quantity=quantity, raw_price=price, executed_at=at)

    def dividend(self, amount: str, ex: str, pay: str, rid: str = "div", late: bool = True
                 ) -> depository_pb2.CorporateAction:
        return self.servicer.AnnounceDividend(depository_pb2.AnnounceDividendRequest(
            request_id=rid, symbol="AAPL", amount=dec(amount), ex_date=ex, pay_date=pay, late=late), CTX)

    def split(self, new: int, old: int, effective: str, rid: str = "split") -> depository_pb2.CorporateAction:
        return self.servicer.AnnounceSplit(depository_pb2.AnnounceSplitRequest(
            request_id=rid, symbol="AAPL", new_shares=new, old_shares=old, effective_date=effective, late=True), CTX)

    def entitlements(self, action_id: str) -> dict[str, tuple[Decimal, ...]]:
        reply = self.servicer.ListEntitlements(depository_pb2.ListEntitlementsRequest(action_id=action_id), CTX)
        return {e.participant_id: (D(e.settled.value), D(e.pending.value), D(e.shares.value), D(e.cash.value))
                for e in reply.entitlements}

    def balance(self, account: str, asset: str) -> Decimal:
        with self.db.read() as s:
            return Ledger(s).balance(account, asset)

    def events(self, prefix: str) -> list[str]:
        with self.db.read() as s:
            events = s.exec(select(OutboxEvent).order_by(col(OutboxEvent.seq)))
            return [e.type for e in events if e.type.startswith(prefix)]


# --- pure arithmetic -----------------------------------------------------------------------------

def test_dividend_cash_rounds_down_to_the_cent_and_charges_a_short_rounded_up() -> None:
    assert dividend_cash(D(10), D("0.123456")) == D("1.23")            # 1.23456
    assert dividend_cash(D("0.999999999"), D("0.01")) == D("0.00")     # 0.00999999999
    assert dividend_cash(D(3), D("0.333333")) == D("0.99")             # 0.999999
    assert dividend_cash(D(-10), D("0.123456")) == D("-1.24")          # a fail to deliver is charged
    assert dividend_cash(D(0), D("1")) == 0


def test_record_holdings_add_pending_obligations_and_skip_empty_participants() -> None:
    holdings = record_holdings({"A": D(0), "B": D(100), "C": D(0)}, {"A": D(10), "B": D(-10)})
    assert [(h.participant, h.settled, h.pending, h.shares) for h in holdings] == \
        [("A", D(0), D(10), D(10)), ("B", D(100), D(-10), D(90))]


def test_forward_split_four_for_one_is_exact() -> None:
    lines = split_holdings({"p:A": D(10), "p:B": D(3)}, 4, 1, None)
    assert lines == [SplitLine("p:A", D(10), D(40), D(0)), SplitLine("p:B", D(3), D(12), D(0))]
    assert split_quantity(D(7), 4, 1) == (D(28), Fraction(0))


def test_dtc_keeps_whole_shares_per_participant_and_pays_cash_in_lieu_at_the_last_close() -> None:
    # 0555 holds 7 for all its customers together: a 3:2 split leaves it 10 whole shares and 0.5
    # share's cash in lieu at the last close adjusted for the split (100 x 2/3 per new share)
    assert split_quantity(D(7), 3, 2) == (D(10), Fraction(1, 2))
    lines = split_holdings({"p:0555": D(7), "p:0999": D(100)}, 3, 2, D("100"))
    assert lines == [SplitLine("p:0555", D(7), D(10), D("33.33")), SplitLine("p:0999", D(100), D(150), D(0))]
    assert all(line.after == line.after.to_integral_value() for line in lines)


def test_reverse_split_one_for_four_pays_cash_in_lieu_for_the_fraction() -> None:
    kept, cut = split_quantity(D(10), 1, 4)                         # 2.5
    assert (kept, cut) == (D(2), Fraction(1, 2))
    assert cash_in_lieu(cut, D("200"), 1, 4) == D("400.00")         # half a post-split share at 800
    lines = split_holdings({"p:A": D(10), "p:B": D(8)}, 1, 4, D("200"))
    assert [(x.after, x.cash) for x in lines] == [(D(2), D("400.00")), (D(2), D(0))]
    with pytest.raises(ValueError):
        split_holdings({"p:A": D(10)}, 1, 4, None)                  # a fraction needs a price
    assert split_quantity(D(10), 2, 3) == (D(6), Fraction(2, 3))    # an uneven ratio cuts too
    assert split_quantity(D(-3), 1, 4)[0] == D(0)                   # a fail to deliver scales toward zero


# --- the ex-date boundary, through the jobs --------------------------------------------------------

@pytest.mark.parametrize("street_fails", [False, True])
def test_entitled_before_the_ex_date_not_on_it_and_a_fail_still_entitles_the_buyer(
        tmp_path: Path, street_fails: bool) -> None:
    w = World(tmp_path)
    with w.db.read() as s:
        assert CorporateActionTrigger(w.db).get_next_fire_time(None, MONDAY_10) is None  # no action, no job
        assert corporate_actions.next_instant(s, MONDAY_10) is None
    action = w.dividend("0.123456", "2026-12-02", "2026-12-04")
    assert (action.action_id, action.kind, action.status, action.record_date) == \
        ("ca-000001", "dividend", statuses_pb2.CORPORATE_ACTION_STATUS_ANNOUNCED, "2026-12-02")
    assert w.dividend("0.123456", "2026-12-02", "2026-12-04").action_id == "ca-000001"  # a retry is the same
    assert w.book.next_due(MONDAY_10) is not None
    with w.db.read() as s:   # Wednesday 17:00 ET, after the 16:15 CNS run
        assert corporate_actions.next_instant(s, MONDAY_10) == datetime(2026, 12, 2, 22, 0, tzinfo=UTC)
    if street_fails:
        with w.db.transaction() as s:
            s.add(DeliveryFailRow(participant_id=STREET, symbol="AAPL", settlement_date="2026-12-02"))
    w.trade(TUESDAY_10, BROKER, STREET, "10")     # the day before the ex date: settles on the record date
    w.trade(WEDNESDAY_10, BROKER, STREET, "7")    # on the ex date: settles Thursday, not entitled
    w.trade(WEDNESDAY_10, STREET, BROKER, "4")    # a sale on the ex date: the seller keeps the dividend
    runs = w.run_to(WEDNESDAY_1730)
    assert any(r.startswith("corporate-actions: ca-000001 dividend AAPL") for r in runs), runs
    street_settled = capture.REGISTERED_SHARES - (0 if street_fails else 10)
    expected = {BROKER: (D(10), D(0), D(10), D("1.23")),
                STREET: (street_settled, D(0), street_settled, D("12345598.76"))}
    if street_fails:  # the buyer's fail to receive is pending, the failing seller's delivery counts against it
        expected = {BROKER: (D(0), D(10), D(10), D("1.23")),
                    STREET: (capture.REGISTERED_SHARES, D(-10), D(99_999_990), D("12345598.76"))}
    assert w.entitlements("ca-000001") == expected
    broker_cash = w.balance("p:0555", "USD")
    w.run_to(THURSDAY_1730)
    assert w.entitlements("ca-000001") == expected  # fixed at the record date: Thursday changes nothing
    cash_before_pay = w.balance("p:0555", "USD")
    assert cash_before_pay != broker_cash                 # Thursday's CNS money moved
    w.run_to(FRIDAY_10)
    assert w.balance("p:0555", "USD") == cash_before_pay + D("1.23")
    assert w.balance("@paying-agent:AAPL", "USD") == -(D("1.23") + D("12345598.76"))
    reply = w.servicer.ListEntitlements(depository_pb2.ListEntitlementsRequest(participant_id=BROKER), CTX)
    assert [(e.paid, e.paid_at.ToDatetime(UTC)) for e in reply.entitlements] == \
        [(True, datetime(2026, 12, 4, 14, 0, tzinfo=UTC))]
    actions = w.servicer.ListCorporateActions(depository_pb2.ListCorporateActionsRequest(symbol="AAPL"), CTX)
    assert [a.status for a in actions.actions] == [statuses_pb2.CORPORATE_ACTION_STATUS_PAID]
    assert w.events("ca.") == ["ca.announced", "ca.entitled", "ca.paid"]
    with w.db.read() as s:
        assert prove(s)[0]
        assert corporate_actions.next_instant(s, FRIDAY_10) is None  # nothing left: no more job runs


def test_pay_date_on_the_record_date_pays_after_the_entitlements(tmp_path: Path) -> None:
    w = World(tmp_path)
    w.dividend("1", "2026-12-02", "2026-12-02")
    w.trade(TUESDAY_10, BROKER, STREET, "2")
    runs = w.run_to(WEDNESDAY_1730)
    assert [r.split(":")[0] for r in runs[-1:]] == ["corporate-actions"]
    assert w.entitlements("ca-000001")[BROKER] == (D(2), D(0), D(2), D(2))
    assert w.events("ca.") == ["ca.announced", "ca.entitled", "ca.paid"]


# --- splits ------------------------------------------------------------------------------------------

def test_forward_split_scales_positions_open_trades_and_fails(tmp_path: Path) -> None:
    w = World(tmp_path)
    w.split(4, 1, "2026-12-03")
    with w.db.transaction() as s:   # the street fails to deliver on Wednesday: an open fail at the split
        s.add(DeliveryFailRow(participant_id=STREET, symbol="AAPL", settlement_date="2026-12-02"))
    w.trade(TUESDAY_10, BROKER, STREET, "10", "200")
    w.trade(WEDNESDAY_10, STREET, BROKER, "3", "200")   # traded before the split, settles Thursday after it
    w.trade(WEDNESDAY_10, BROKER, STREET, "1", "200")
    w.run_to(WEDNESDAY_1730)
    with w.db.read() as s:
        assert open_fails(s) == {(BROKER, "AAPL"): D(10), (STREET, "AAPL"): D(-10)}
    w.run_to(THURSDAY_0630)
    assert w.market.asked == []                          # 4:1 leaves no fraction: no price needed
    assert w.balance("p:0999", "AAPL") == capture.REGISTERED_SHARES * 4
    with w.db.read() as s:
        assert capture.registered(s, "AAPL") == capture.REGISTERED_SHARES * 4
        assert open_fails(s) == {(BROKER, "AAPL"): D(40), (STREET, "AAPL"): D(-40)}
        open_trades = sorted((t.quantity, t.price, t.amount) for t in s.exec(
            select(TradeRow).where(TradeRow.status == "captured")))
        assert open_trades == [(D(4), D(50), D(200)), (D(12), D(50), D(600))]  # the money does not change
        assert prove(s)[0]
    assert w.entitlements("ca-000001") == {STREET: (capture.REGISTERED_SHARES, D(0), capture.REGISTERED_SHARES * 4,
                                                    D(0))}
    w.run_to(THURSDAY_1730)
    assert w.balance("p:0555", "AAPL") == 32             # the fail's 40, less 12 sold, plus 4 bought
    actions = w.servicer.ListCorporateActions(depository_pb2.ListCorporateActionsRequest(kind="split"), CTX)
    assert [(a.status, a.new_shares, a.old_shares, a.ex_date, a.effective_date) for a in actions.actions] == \
        [(statuses_pb2.CORPORATE_ACTION_STATUS_EFFECTIVE, 4, 1, "2026-12-03", "2026-12-03")]
    assert w.events("ca.") == ["ca.announced", "ca.split_applied"]


def test_reverse_split_scales_an_open_fail_toward_zero_on_both_sides(tmp_path: Path) -> None:
    w = World(tmp_path, close="40000000")
    w.split(1, 4, "2026-12-03")
    with w.db.transaction() as s:
        s.add(DeliveryFailRow(participant_id=STREET, symbol="AAPL", settlement_date="2026-12-02"))
    w.trade(TUESDAY_10, BROKER, STREET, "3")
    w.trade(TUESDAY_10, BROKER, STREET, "2")
    w.run_to(THURSDAY_0630)
    assert w.market.asked == ["AAPL"]
    with w.db.read() as s:   # 5 / 4 = 1.25, cut to whole shares on both sides
        assert open_fails(s) == {(BROKER, "AAPL"): D(1), (STREET, "AAPL"): D(-1)}
        assert prove(s)[0]
    assert w.balance("p:0999", "AAPL") == capture.REGISTERED_SHARES / 4
    assert w.entitlements("ca-000001") == {STREET: (capture.REGISTERED_SHARES, D(0), D(25_000_000), D(0))}


def test_reverse_split_leaves_whole_shares_and_pays_cash_in_lieu_of_the_fraction(tmp_path: Path) -> None:
    # was: 1.000000001 shares cut to 0.25 with 0.04 of cash in lieu (DTC kept 9 places); DTC now
    # holds whole shares, so the fraction of a share is what it pays cash in lieu for
    w = World(tmp_path, close="200")
    w.split(1, 4, "2026-12-03")
    w.trade(TUESDAY_10, BROKER, STREET, "5")
    w.run_to(THURSDAY_0630)
    cash = w.entitlements("ca-000001")[BROKER]
    assert cash == (D(5), D(0), D(1), D("200.00"))     # 1.25 -> 1, and a quarter of an 800 share
    assert w.balance("p:0555", "AAPL") == D(1)
    # the street's 99999995 / 4 = 24999998.75: three quarters of a share paid in lieu
    assert w.entitlements("ca-000001")[STREET][2:] == (D(24999998), D("600.00"))
    assert w.balance("@paying-agent:AAPL", "USD") == D("-800.00")
    with w.db.read() as s:
        assert prove(s)[0]
        event = typed("depository", [e for e in s.exec(select(OutboxEvent)) if e.type == "ca.split_applied"][0])
        assert isinstance(event, ev.CaSplitApplied)
        assert event.close.value == "200"
        assert event.registered.value == "24999999"  # the fractions paid in lieu left the register


# --- refusals -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("kind", "fields", "reason"), [
    ("dividend", {"symbol": "ZZZZ"}, "UNKNOWN_SYMBOL"),
    ("dividend", {"amount": dec("0")}, "INVALID_AMOUNT"),
    ("dividend", {"amount": dec("-1")}, "INVALID_AMOUNT"),
    ("dividend", {"amount": dec("0.1234567")}, "TOO_MANY_DECIMALS"),
    ("dividend", {"amount": common_pb2.Decimal()}, "INVALID_AMOUNT"),
    ("dividend", {"ex_date": "2026-11-30"}, "INVALID_ARGUMENT"),      # today: the ex date must be after it
    ("dividend", {"ex_date": "2026-12-05"}, "INVALID_ARGUMENT"),      # a Saturday
    ("dividend", {"ex_date": "12/02/2026"}, "INVALID_ARGUMENT"),
    ("dividend", {"pay_date": "2026-12-01"}, "INVALID_ARGUMENT"),     # before the record date
    ("dividend", {"pay_date": "2026-12-06"}, "INVALID_ARGUMENT"),     # a Sunday
    ("dividend", {"pay_date": "2031-01-02"}, "INVALID_ARGUMENT"),     # outside the calendar
    ("split", {"new_shares": 1, "old_shares": 1}, "INVALID_ARGUMENT"),
    ("split", {"new_shares": 0}, "INVALID_ARGUMENT"),
    ("split", {"old_shares": -4}, "INVALID_ARGUMENT"),
    ("split", {"effective_date": "2026-11-27"}, "INVALID_ARGUMENT"),  # in the past
    ("meeting", {"meeting_date": "2026-12-02"}, "INVALID_ARGUMENT"),  # not after the record date
    ("meeting", {"record_date": "2026-12-25"}, "INVALID_ARGUMENT"),   # Christmas: no session
    ("meeting", {"proposals": ["", "x"]}, "INVALID_ARGUMENT"),
    ("meeting", {"proposals": [], "agenda": [depository_pb2.Proposal(proposal_id="1", text="a"),
                                             depository_pb2.Proposal(proposal_id="1", text="b")]}, "INVALID_ARGUMENT"),
    ("meeting", {"proposals": [], "agenda": [depository_pb2.Proposal(text="a", board_recommendation="abstain")]},
     "INVALID_ARGUMENT"),
    ("meeting", {"agenda": [depository_pb2.Proposal(text="also an agenda")]}, "INVALID_ARGUMENT"),  # not both
    ("dividend", {"record_date": "2026-12-03"}, "INVALID_ARGUMENT"),  # ex_date names the record date: not another
    ("dividend", {"late": False}, "LATE_ANNOUNCEMENT"),               # SEC Rule 10b-17: two days' notice
    ("split", {"late": False}, "LATE_ANNOUNCEMENT"),
    ("meeting", {"late": False}, "LATE_ANNOUNCEMENT"),
])
def test_bad_announcements_are_refused_and_change_nothing(tmp_path: Path, kind: str, fields: dict[str, object],
                                                          reason: str) -> None:
    w = World(tmp_path)
    base: dict[str, dict[str, object]] = {
        "dividend": {"symbol": "AAPL", "amount": dec("0.25"), "ex_date": "2026-12-02", "pay_date": "2026-12-04"},
        "split": {"symbol": "AAPL", "new_shares": 4, "old_shares": 1, "effective_date": "2026-12-02"},
        "meeting": {"symbol": "AAPL", "record_date": "2026-12-02", "meeting_date": "2027-01-15",
                    "proposals": ["Elect the board"]}}
    for terms in base.values():
        terms["late"] = True   # two days' notice: forced past SEC Rule 10b-17
    request = {**base[kind], **fields, "request_id": "r1"}
    method, message = {"dividend": (w.servicer.AnnounceDividend, depository_pb2.AnnounceDividendRequest),
                       "split": (w.servicer.AnnounceSplit, depository_pb2.AnnounceSplitRequest),
                       "meeting": (w.servicer.AnnounceMeeting, depository_pb2.AnnounceMeetingRequest)}[kind]
    with pytest.raises(DomainError) as refused:
        method(message(**request), CTX)  # type: ignore[operator]
    assert refused.value.reason == reason, refused.value
    assert not w.servicer.ListCorporateActions(depository_pb2.ListCorporateActionsRequest(), CTX).actions
    assert w.events("ca.") == []
    good = method(message(**{**base[kind], "request_id": "r1"}), CTX)  # type: ignore[operator]
    # the refused request stored nothing: its id is free
    assert good.status == statuses_pb2.CORPORATE_ACTION_STATUS_ANNOUNCED


def test_a_meetings_agenda_says_which_proposals_are_routine_and_what_the_board_recommends(tmp_path: Path) -> None:
    w = World(tmp_path)
    agenda = w.servicer.AnnounceMeeting(depository_pb2.AnnounceMeetingRequest(
        request_id="m2", symbol="AAPL", record_date="2026-12-01", meeting_date="2026-12-03", late=True, agenda=[
            depository_pb2.Proposal(proposal_id="4a", text=" Ratify the auditor ", routine=True),
            depository_pb2.Proposal(text="Report on lobbying", board_recommendation="Against")]), CTX).agenda
    assert [(p.proposal_id, p.text, p.routine, p.board_recommendation) for p in agenda] == [
        ("4a", "Ratify the auditor", True, "for"), ("2", "Report on lobbying", False, "against")]
    listed = w.servicer.ListCorporateActions(depository_pb2.ListCorporateActionsRequest(kind="meeting"), CTX)
    assert list(listed.actions[0].agenda) == list(agenda) and list(listed.actions[0].proposals) == [
        "Ratify the auditor", "Report on lobbying"]


def test_meeting_fixes_votes_at_the_record_date_and_is_held(tmp_path: Path) -> None:
    w = World(tmp_path)
    meeting = w.servicer.AnnounceMeeting(depository_pb2.AnnounceMeetingRequest(
        request_id="m", symbol="AAPL", record_date="2026-12-01", meeting_date="2026-12-03",
        proposals=["Elect the board", "Ratify the auditor"], late=True), CTX)
    assert list(meeting.proposals) == ["Elect the board", "Ratify the auditor"] and meeting.ex_date == ""
    assert [(p.proposal_id, p.routine, p.board_recommendation) for p in meeting.agenda] == [
        ("1", False, "for"), ("2", False, "for")]   # texts only: numbered, non-routine, the board For
    w.trade(MONDAY_10, BROKER, STREET, "5")
    w.run_to(datetime(2026, 12, 1, 22, 30, tzinfo=UTC))
    assert w.entitlements("ca-000001")[BROKER] == (D(5), D(0), D(5), D(0))
    w.run_to(THURSDAY_1730)
    assert [a.status for a in w.servicer.ListCorporateActions(
        depository_pb2.ListCorporateActionsRequest(kind="meeting"), CTX).actions] == \
        [statuses_pb2.CORPORATE_ACTION_STATUS_HELD]
    with pytest.raises(DomainError) as unknown:
        w.servicer.ListEntitlements(depository_pb2.ListEntitlementsRequest(action_id="ca-999999"), CTX)
    assert unknown.value.reason == "NOT_FOUND"


# --- SEC Rule 10b-17: ten calendar days of notice ----------------------------------------------------

def announce(w: World, kind: str, day: str, late: bool, rid: str) -> depository_pb2.CorporateAction:
    """An announcement whose record date (a split's: its effective date) is `day`."""
    if kind == "dividend":
        return w.servicer.AnnounceDividend(depository_pb2.AnnounceDividendRequest(
            request_id=rid, symbol="AAPL", amount=dec("0.25"), record_date=day, pay_date="2026-12-14", late=late), CTX)
    if kind == "split":
        return w.servicer.AnnounceSplit(depository_pb2.AnnounceSplitRequest(
            request_id=rid, symbol="AAPL", new_shares=4, old_shares=1, effective_date=day, late=late), CTX)
    return w.servicer.AnnounceMeeting(depository_pb2.AnnounceMeetingRequest(
        request_id=rid, symbol="AAPL", record_date=day, meeting_date="2027-01-15", proposals=["Elect the board"],
        late=late), CTX)


@pytest.mark.parametrize("kind", ["dividend", "split", "meeting"])
def test_an_announcement_needs_ten_days_notice_unless_forced_late(tmp_path: Path, kind: str) -> None:
    w = World(tmp_path)                                   # today: Monday 2026-11-30
    with pytest.raises(DomainError) as refused:           # Wednesday 2026-12-09: 9 days
        announce(w, kind, "2026-12-09", False, "r1")
    assert refused.value.reason == "LATE_ANNOUNCEMENT"
    assert "SEC Rule 10b-17" in refused.value.message and "9 days" in refused.value.message
    assert refused.value.metadata["notice_days"] == "9"
    assert not w.servicer.ListCorporateActions(depository_pb2.ListCorporateActionsRequest(), CTX).actions
    assert w.events("ca.") == []                          # the refusal changed nothing

    on_time = announce(w, kind, "2026-12-10", False, "r1")   # Thursday: 10 days, on time (the id was free)
    assert (on_time.late, on_time.notice_days, on_time.status) == \
        (False, 10, statuses_pb2.CORPORATE_ACTION_STATUS_ANNOUNCED)
    forced = announce(w, kind, "2026-12-09", True, "r2")
    assert (forced.late, forced.notice_days) == (True, 9)
    assert announce(w, kind, "2026-12-11", True, "r3").late is False   # late only when the notice is short
    with w.db.read() as s:
        announced = [cast(ev.CaAnnounced, typed("depository", e))
                     for e in s.exec(select(OutboxEvent).order_by(col(OutboxEvent.seq))) if e.type == "ca.announced"]
    assert [(e.late, e.notice_days) for e in announced] == [(False, 10), (True, 9), (False, 11)]
    listed = w.servicer.ListCorporateActions(depository_pb2.ListCorporateActionsRequest(), CTX).actions
    assert [a.late for a in listed] == [False, True, False]


def test_a_late_announcement_is_failed_precondition_422_on_rest() -> None:
    error = DomainError(depository_reasons.Depository.LATE_ANNOUNCEMENT, "SEC Rule 10b-17")
    assert (error.to_status().code.name, error.http_status) == ("FAILED_PRECONDITION", 422)


# --- FINRA Rule 11140: large distributions, ex after the pay date, due bills --------------------------

def test_a_distribution_of_25_percent_goes_ex_the_first_session_after_the_pay_date() -> None:
    record, pay = date(2026, 12, 2), date(2026, 12, 3)
    ordinary = dividend_ex_date(D("24.99"), D("100"), record, pay)
    assert (ordinary.large, ordinary.ex_date) == (False, record)          # 24.99%: ex on the record date
    assert not dividend_ex_date(D("24.999999"), D("100"), record, pay).large
    large = dividend_ex_date(D("25"), D("100"), record, pay)
    assert (large.large, large.ex_date) == (True, date(2026, 12, 4))       # 25%: the session after the pay date
    assert dividend_ex_date(D("50"), D("200"), record, pay).large
    assert not dividend_ex_date(D("50"), None, record, pay).large         # not priced: ordinary
    # a holiday after the pay date: Independence Day observed on Friday 2026-07-03, so Monday
    assert dividend_ex_date(D("30"), D("100"), date(2026, 6, 30), date(2026, 7, 2)).ex_date == date(2026, 7, 6)
    # Thanksgiving, then its early-close Friday; Christmas, then the Monday after
    assert dividend_ex_date(D("30"), D("100"), date(2026, 11, 20), date(2026, 11, 25)).ex_date == date(2026, 11, 27)
    assert dividend_ex_date(D("30"), D("100"), date(2026, 12, 21), date(2026, 12, 24)).ex_date == date(2026, 12, 28)
    # Columbus Day is an NYSE session (a bank holiday): the ex date is a trading day, so it counts
    assert dividend_ex_date(D("30"), D("100"), date(2026, 10, 5), date(2026, 10, 9)).ex_date == date(2026, 10, 12)


def test_who_carries_a_due_bill() -> None:
    large = dividend_ex_date(D("25"), D("100"), date(2026, 12, 2), date(2026, 12, 3))   # ex Friday 12-04
    assert not large.carries_due_bill(date(2026, 12, 1), date(2026, 12, 2))  # settles on the record date: of record
    assert large.carries_due_bill(date(2026, 12, 2), date(2026, 12, 3))      # on the record date
    assert large.carries_due_bill(date(2026, 12, 3), date(2026, 12, 4))      # on the pay date
    assert not large.carries_due_bill(date(2026, 12, 4), date(2026, 12, 7))  # on the ex date: the seller keeps it
    ordinary = dividend_ex_date(D("1"), D("100"), date(2026, 12, 2), date(2026, 12, 3))
    assert not ordinary.carries_due_bill(date(2026, 12, 2), date(2026, 12, 3))


def test_the_last_close_is_todays_after_the_close_and_the_previous_sessions_before_it() -> None:
    assert corporate_actions.last_close(MONDAY_10) == datetime(2026, 11, 27, 18, 0, tzinfo=UTC)   # Friday, 13:00 ET
    assert corporate_actions.last_close(datetime(2026, 11, 30, 21, 0, tzinfo=UTC)) == \
        datetime(2026, 11, 30, 21, 0, tzinfo=UTC)                                               # Monday's close
    assert corporate_actions.last_close(datetime(2026, 11, 29, 12, 0, tzinfo=UTC)) == \
        datetime(2026, 11, 27, 18, 0, tzinfo=UTC)                                               # a Sunday


THURSDAY_10 = datetime(2026, 12, 3, 15, 0, tzinfo=UTC)     # the pay date below, after DTC's 09:00 payment


def test_a_due_bill_moves_a_large_distribution_from_the_seller_to_the_buyer(tmp_path: Path) -> None:
    w = World(tmp_path, close="200")
    ordinary = w.dividend("49.99", "2026-12-02", "2026-12-03", rid="small")          # 24.995% of 200
    assert (ordinary.large_distribution, ordinary.ex_date) == (False, "2026-12-02")
    action = w.dividend("50", "2026-12-02", "2026-12-03", rid="large")               # 25%
    assert (action.large_distribution, action.record_date, action.pay_date, action.ex_date) == \
        (True, "2026-12-02", "2026-12-03", "2026-12-04")
    assert action.last_close.value == "200"
    assert w.market.at[-1] == datetime(2026, 11, 27, 18, 0, tzinfo=UTC)              # the close before Monday
    w.trade(TUESDAY_10, BROKER, STREET, "10")      # settles on the record date: of record, no due bill
    w.trade(WEDNESDAY_10, BROKER, STREET, "7")     # on the record date: settles after it, the street owes 0555
    w.trade(THURSDAY_10, STREET, BROKER, "4")      # on the pay date: 0555 owes the street
    w.run_to(WEDNESDAY_1730)
    assert w.entitlements("ca-000002")[BROKER] == (D(10), D(0), D(10), D(500))       # of record: 10 shares
    w.run_to(THURSDAY_10)
    listed = {a.action_id: a for a in w.servicer.ListCorporateActions(
        depository_pb2.ListCorporateActionsRequest(), CTX).actions}
    assert (listed["ca-000001"].status, listed["ca-000002"].status) == \
        (statuses_pb2.CORPORATE_ACTION_STATUS_PAID, statuses_pb2.CORPORATE_ACTION_STATUS_DUE_BILLS)
    w.run_to(datetime(2026, 12, 4, 13, 59, tzinfo=UTC))                             # Friday 08:59 ET
    cash_before = w.balance("p:0555", "USD")
    w.trade(FRIDAY_10, BROKER, STREET, "3")        # on the ex date: no due bill
    assert w.balance("p:0555", "USD") == cash_before + D(150)                       # 7 x 50 in, 4 x 50 out
    reply = w.servicer.ListEntitlements(depository_pb2.ListEntitlementsRequest(action_id="ca-000002"), CTX)
    due = {e.participant_id: (D(e.shares.value), D(e.due_bill_shares.value), D(e.cash.value), D(e.due_bill_cash.value))
           for e in reply.entitlements}
    assert due[BROKER] == (D(10), D(3), D(500), D(150))     # by trade date before the ex date: 13 shares
    assert due[STREET][1:4:2] == (D(-3), D(-150))
    large = w.servicer.ListCorporateActions(depository_pb2.ListCorporateActionsRequest(), CTX).actions[1]
    assert large.status == statuses_pb2.CORPORATE_ACTION_STATUS_PAID
    assert [(b.seller, b.buyer, D(b.shares.value), D(b.cash.value), b.trade_date) for b in large.due_bills] == [
        (STREET, BROKER, D(7), D(350), "2026-12-02"), (BROKER, STREET, D(4), D(200), "2026-12-03")]
    with w.db.read() as s:
        assert len(list(s.exec(select(DueBillRow)))) == 2
        assert prove(s)[0]
        assert corporate_actions.next_instant(s, FRIDAY_10) is None
        redeemed = [cast(ev.CaDueBillsRedeemed, typed("depository", e)) for e in s.exec(select(OutboxEvent))
                    if e.type == "ca.due_bills_redeemed"]
    assert [(b.seller, b.buyer, b.shares.value, b.cash.value) for b in redeemed[0].due_bills] == [
        (STREET, BROKER, "7", "350"), (BROKER, STREET, "4", "200")]
    assert w.events("ca.") == ["ca.announced", "ca.announced", "ca.entitled", "ca.entitled", "ca.paid", "ca.paid",
                               "ca.due_bills_redeemed"]
