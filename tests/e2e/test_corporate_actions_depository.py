"""A cash dividend through the depository, end to end: announced over gRPC, trades placed at the
broker on both sides of the ex date, entitlements fixed at 17:00 ET on the record date, and the
broker's participant (0555) paid at 09:00 ET on the pay date. An announcement with less than 10 days'
notice is refused (SEC Rule 10b-17) on both faces unless forced late; a distribution of 25% or more goes
ex after its pay date and its due bills follow the buyers (FINRA Rule 11140), to the broker's customers."""
from __future__ import annotations

from datetime import UTC, datetime
from decimal import ROUND_CEILING, Decimal

import httpx
import pytest
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.money import from_pb
from fivelayer.kernel.reference import BROKER_PARTICIPANT, STREET_PARTICIPANT
from fivelayer.kernel.timeutil import to_ts
from fivelayer.v1 import broker_pb2, common_pb2, control_pb2, depository_pb2, statuses_pb2

from .conftest import SandboxFactory
from .flows import advance_to, dec

pytestmark = pytest.mark.e2e

TUESDAY_10 = "2026-12-01T15:00:00Z"          # 10:00 ET: announce, and buy the day before the ex date
WEDNESDAY_10 = "2026-12-02T15:00:00Z"        # the ex (= record) date: these trades are not entitled
WEDNESDAY_1730 = "2026-12-02T22:30:00Z"      # after the 16:15 CNS run and the 17:00 entitlement run
FRIDAY_0830 = "2026-12-04T13:30:00Z"         # pay date, before the 09:00 ET payment
FRIDAY_0905 = "2026-12-04T14:05:00Z"
THURSDAY_10 = "2026-12-03T15:00:00Z"         # a large distribution's pay date, after DTC's 09:00 payment
FRIDAY_1005 = "2026-12-04T15:05:00Z"         # its ex date, after DTC's due bills (09:00) and the broker's run (10:00)


def dtc_cash(c, participant: str) -> Decimal:  # type: ignore[no-untyped-def]
    return from_pb(c.depository.GetPositions(depository_pb2.PositionsRequest(participant_id=participant)).cash)


def test_dividend_entitles_trades_before_the_ex_date_and_pays_the_participant(sandbox_factory: SandboxFactory) -> None:
    run = sandbox_factory(TUESDAY_10)
    c = run.clients
    request = depository_pb2.AnnounceDividendRequest(
        request_id="div-1", symbol="AAPL", amount=dec("0.123456"), ex_date="2026-12-02", pay_date="2026-12-04")
    with pytest.raises(DomainError) as refused:            # a day's notice: SEC Rule 10b-17 wants ten
        c.depository.AnnounceDividend(request)
    assert refused.value.reason == "LATE_ANNOUNCEMENT" and "SEC Rule 10b-17" in refused.value.message
    rest = httpx.post(f"{run.settings.rest_address('depository')}/v1/Depository/AnnounceDividend", timeout=30,
                      json={"request_id": "div-1", "symbol": "AAPL", "amount": "0.123456", "ex_date": "2026-12-02",
                            "pay_date": "2026-12-04"})
    assert (rest.status_code, rest.json()["reason"]) == (422, "LATE_ANNOUNCEMENT"), rest.text
    assert "SEC Rule 10b-17" in rest.json()["detail"]
    assert not c.depository.ListCorporateActions(depository_pb2.ListCorporateActionsRequest()).actions
    request.late = True                                     # forced: announced, and marked late
    action = c.depository.AnnounceDividend(request)
    assert (action.action_id, action.status, action.record_date) == \
        ("ca-000001", statuses_pb2.CORPORATE_ACTION_STATUS_ANNOUNCED, "2026-12-02")
    assert (action.late, action.notice_days, action.large_distribution, action.ex_date) == (True, 1, False,
                                                                                          "2026-12-02")
    listed = c.depository.ListCorporateActions(depository_pb2.ListCorporateActionsRequest(symbol="AAPL")).actions
    assert [a.action_id for a in listed] == ["ca-000001"]

    account = c.broker.CreateAccount(broker_pb2.CreateAccountRequest(request_id="acct", name="Ada", kind="individual"))
    c.broker.FundAccount(broker_pb2.FundAccountRequest(request_id="fund", account_id=account.account_id,
                                                       amount=dec("100000")))

    def order(rid: str, side: broker_pb2.Side, quantity: str) -> broker_pb2.Order:
        placed = c.broker.PlaceOrder(broker_pb2.PlaceOrderRequest(
            request_id=rid, account_id=account.account_id, api_key=account.api_key, symbol="AAPL", side=side,
            quantity=dec(quantity)))
        assert placed.status == statuses_pb2.ORDER_STATUS_FILLED, placed
        return placed

    assert order("buy-tue", broker_pb2.BUY, "10").settlement_date == "2026-12-02"   # settles on the record date
    advance_to(c, WEDNESDAY_10)
    assert order("buy-wed", broker_pb2.BUY, "7").settlement_date == "2026-12-03"    # after it: not entitled
    order("sell-wed", broker_pb2.SELL, "4")                                          # the seller keeps it

    advance_to(c, WEDNESDAY_1730)
    entitled = {e.participant_id: e for e in c.depository.ListEntitlements(
        depository_pb2.ListEntitlementsRequest(action_id=action.action_id)).entitlements}
    broker = entitled[BROKER_PARTICIPANT]
    assert (from_pb(broker.settled), from_pb(broker.pending), from_pb(broker.shares), from_pb(broker.cash)) == \
        (Decimal(10), Decimal(0), Decimal(10), Decimal("1.23"))   # 10 x 0.123456, rounded down
    assert not broker.paid
    assert from_pb(entitled[STREET_PARTICIPANT].shares) == Decimal(99_999_990)

    advance_to(c, FRIDAY_0830)
    before = dtc_cash(c, BROKER_PARTICIPANT)
    advance_to(c, FRIDAY_0905)
    assert dtc_cash(c, BROKER_PARTICIPANT) == before + Decimal("1.23")
    paid = c.depository.ListEntitlements(depository_pb2.ListEntitlementsRequest(
        action_id=action.action_id, participant_id=BROKER_PARTICIPANT)).entitlements
    assert [(e.paid, from_pb(e.cash)) for e in paid] == [(True, Decimal("1.23"))]
    assert [a.status for a in c.depository.ListCorporateActions(
        depository_pb2.ListCorporateActionsRequest()).actions] == [statuses_pb2.CORPORATE_ACTION_STATUS_PAID]


def test_a_large_distribution_goes_ex_after_the_pay_date_and_due_bills_follow_the_buyers(
        sandbox_factory: SandboxFactory) -> None:
    c = sandbox_factory(TUESDAY_10).clients
    close = from_pb(c.market_data.GetPrice(control_pb2.PriceRequest(       # Monday's close: the last before
        symbol="AAPL", at=to_ts(datetime(2026, 11, 30, 21, 0, tzinfo=UTC)))).price)   # the announcement
    amount = (close / 4).quantize(Decimal("0.01"), rounding=ROUND_CEILING)   # 25% of it, or a cent more
    action = c.depository.AnnounceDividend(depository_pb2.AnnounceDividendRequest(
        request_id="big", symbol="AAPL", amount=dec(str(amount)), record_date="2026-12-02", pay_date="2026-12-03",
        late=True))
    assert (action.large_distribution, from_pb(action.last_close), action.record_date, action.ex_date) == \
        (True, close, "2026-12-02", "2026-12-04")           # ex on the session after the Thursday pay date

    def customer(name: str) -> broker_pb2.Account:
        account = c.broker.CreateAccount(broker_pb2.CreateAccountRequest(request_id=name, name=name, kind="individual"))
        c.broker.FundAccount(broker_pb2.FundAccountRequest(request_id=f"fund-{name}", account_id=account.account_id,
                                                           amount=dec("100000")))
        return account

    def order(account: broker_pb2.Account, rid: str, side: broker_pb2.Side, quantity: str) -> None:
        placed = c.broker.PlaceOrder(broker_pb2.PlaceOrderRequest(
            request_id=rid, account_id=account.account_id, api_key=account.api_key, symbol="AAPL", side=side,
            quantity=dec(quantity)))
        assert placed.status == statuses_pb2.ORDER_STATUS_FILLED, placed

    ada, bo = customer("ada"), customer("bo")
    order(ada, "ada-tue", broker_pb2.BUY, "10")             # settles on the record date: ada is of record
    advance_to(c, WEDNESDAY_10)
    order(bo, "bo-wed", broker_pb2.BUY, "7")                # on the record date: a due bill from the street
    advance_to(c, THURSDAY_10)
    order(ada, "ada-thu", broker_pb2.SELL, "4")             # on the pay date: 0555 owes the street a due bill
    entitled = c.depository.ListEntitlements(depository_pb2.ListEntitlementsRequest(
        action_id=action.action_id, participant_id=BROKER_PARTICIPANT)).entitlements
    assert [(from_pb(e.shares), from_pb(e.cash), e.paid) for e in entitled] == [(Decimal(10), 10 * amount, True)]
    assert c.broker.ListNotices(broker_pb2.ListNoticesRequest(kind="dividend")).notices == []  # not before the ex date

    advance_to(c, FRIDAY_1005)
    listed = c.depository.ListCorporateActions(depository_pb2.ListCorporateActionsRequest(kind="dividend")).actions
    assert listed[0].status == statuses_pb2.CORPORATE_ACTION_STATUS_PAID
    assert [(b.seller, b.buyer, from_pb(b.shares), from_pb(b.cash)) for b in listed[0].due_bills] == [
        (STREET_PARTICIPANT, BROKER_PARTICIPANT, Decimal(7), 7 * amount),
        (BROKER_PARTICIPANT, STREET_PARTICIPANT, Decimal(4), 4 * amount)]
    [broker] = c.depository.ListEntitlements(depository_pb2.ListEntitlementsRequest(
        action_id=action.action_id, participant_id=BROKER_PARTICIPANT)).entitlements
    assert (from_pb(broker.due_bill_shares), from_pb(broker.due_bill_cash)) == (Decimal(3), 3 * amount)
    notices = {n.account_id: n for n in c.broker.ListNotices(broker_pb2.ListNoticesRequest(kind="dividend")).notices}
    assert {a: (from_pb(n.shares), from_pb(n.gross), n.record_date, n.ex_date) for a, n in notices.items()} == {
        ada.account_id: (Decimal(6), 6 * amount, "2026-12-02", "2026-12-04"),     # of record for 10, sold 4 before ex
        bo.account_id: (Decimal(7), 7 * amount, "2026-12-02", "2026-12-04")}      # bought after the record date


THURSDAY_1000 = "2026-12-03T15:00:00Z"       # a split's effective date, after DTC (06:00 ET) and the broker (06:30)


def test_whole_shares_at_dtc_fractions_on_the_broker_books_and_a_3_for_2_split(sandbox_factory: SandboxFactory) -> None:
    """Issue 17 item 4: DTC refuses a fractional trade; the broker fills fractions from its own
    inventory and reports whole-share street trades only; a 3:2 split gives 0555 floor(9 x 3/2) = 13
    whole shares and cash in lieu of half a share, while the broker keeps its customer's 7 as 10.5."""
    run = sandbox_factory(TUESDAY_10)
    c = run.clients
    fractional = depository_pb2.SubmitTradeRequest(
        request_id="frac", trade_ref="frac", buyer=BROKER_PARTICIPANT, seller=STREET_PARTICIPANT, symbol="AAPL",
        quantity=dec("0.5"), price=dec("100"), executed_at=to_ts(datetime(2026, 12, 1, 15, 0, tzinfo=UTC)))
    with pytest.raises(DomainError) as refused:
        c.depository.SubmitTrade(fractional)
    assert refused.value.reason == "NOT_WHOLE_SHARES"
    assert not c.depository.ListTrades(depository_pb2.ListTradesRequest()).trades

    accounts = {}
    for name in ("ada", "bo"):
        account = c.broker.CreateAccount(broker_pb2.CreateAccountRequest(request_id=name, name=name, kind="individual"))
        c.broker.FundAccount(broker_pb2.FundAccountRequest(request_id=f"fund-{name}", account_id=account.account_id,
                                                           amount=dec("100000")))
        accounts[name] = account

    def order(rid: str, name: str, quantity: str) -> broker_pb2.Order:
        account = accounts[name]
        placed = c.broker.PlaceOrder(broker_pb2.PlaceOrderRequest(
            request_id=rid, account_id=account.account_id, api_key=account.api_key, symbol="AAPL", side=broker_pb2.BUY,
            quantity=dec(quantity)))
        assert placed.status == statuses_pb2.ORDER_STATUS_FILLED, placed
        return placed

    placed = [order("a1", "ada", "7"), order("b1", "bo", "0.3"), order("b2", "bo", "0.5"), order("b3", "bo", "1.2")]
    trades = c.depository.ListTrades(depository_pb2.ListTradesRequest(participant_id=BROKER_PARTICIPANT)).trades
    # street trades: 7; 1 for bo's 0.3 (0.7 kept); none for 0.5 (0.2 kept); 1 for 1.2 (none kept)
    assert [(t.trade_ref, from_pb(t.quantity)) for t in trades] == \
        [(placed[0].order_id, Decimal(7)), (placed[1].order_id, Decimal(1)), (placed[3].order_id, Decimal(1))]
    c.depository.AnnounceSplit(depository_pb2.AnnounceSplitRequest(
        request_id="split", symbol="AAPL", new_shares=3, old_shares=2, effective_date="2026-12-03", late=True))

    advance_to(c, WEDNESDAY_1730)                  # every order settled once, T+1, the 0.5 without a DTC trade
    for p in placed:
        got = c.broker.GetOrder(broker_pb2.OrderRequest(account_id=p.account_id, order_id=p.order_id))
        assert got.settled and got.settlement_date == "2026-12-02"

    def at_dtc() -> Decimal:
        return {p.symbol: from_pb(p.settled) for p in c.depository.GetPositions(
            depository_pb2.PositionsRequest(participant_id=BROKER_PARTICIPANT)).positions}["AAPL"]

    def held(name: str) -> Decimal:
        return {p.symbol: from_pb(p.settled) for p in c.broker.GetPositions(
            broker_pb2.AccountRequest(account_id=accounts[name].account_id)).positions}["AAPL"]

    def inventory() -> Decimal:
        return {p.symbol: from_pb(p.settled) for p in c.broker.GetInventory(common_pb2.Empty()).positions
                }.get("AAPL", Decimal(0))

    assert (at_dtc(), held("ada"), held("bo"), inventory()) == (Decimal(9), Decimal(7), Decimal(2), Decimal(0))

    advance_to(c, THURSDAY_1000)
    [entitlement] = c.depository.ListEntitlements(depository_pb2.ListEntitlementsRequest(
        participant_id=BROKER_PARTICIPANT)).entitlements
    assert (from_pb(entitlement.settled), from_pb(entitlement.shares)) == (Decimal(9), Decimal(13))
    assert from_pb(entitlement.cash) > 0                               # half a share, in lieu, to 0555
    assert at_dtc() == Decimal(13)                                     # whole shares at DTC
    assert (held("ada"), held("bo")) == (Decimal("10.5"), Decimal(3))  # the broker's policy: fractions kept
    assert inventory() == Decimal("-0.5")                              # 13 = 10.5 + 3 - 0.5
    books = c.sandbox.Reconcile(control_pb2.ReconcileRequest()).books
    assert all(b.balanced for b in books), [(b.service, list(b.problems)) for b in books]
