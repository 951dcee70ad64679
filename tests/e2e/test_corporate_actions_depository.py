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
from fivelayer.v1 import broker_pb2, control_pb2, depository_pb2

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


def test_dividend_entitles_trades_before_the_ex_date_and_pays_the_participant(sandbox_factory) -> None:
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
    assert (action.action_id, action.status, action.record_date) == ("ca-000001", "announced", "2026-12-02")
    assert (action.late, action.notice_days, action.large_distribution, action.ex_date) == (True, 1, False,
                                                                                          "2026-12-02")
    listed = c.depository.ListCorporateActions(depository_pb2.ListCorporateActionsRequest(symbol="AAPL")).actions
    assert [a.action_id for a in listed] == ["ca-000001"]

    account = c.broker.CreateAccount(broker_pb2.CreateAccountRequest(request_id="acct", name="Ada", kind="individual"))
    c.broker.FundAccount(broker_pb2.FundAccountRequest(request_id="fund", account_id=account.account_id,
                                                       amount=dec("100000")))

    def order(rid: str, side: int, quantity: str) -> broker_pb2.Order:
        placed = c.broker.PlaceOrder(broker_pb2.PlaceOrderRequest(
            request_id=rid, account_id=account.account_id, api_key=account.api_key, symbol="AAPL", side=side,
            quantity=dec(quantity)))
        assert placed.status == "filled", placed
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
        depository_pb2.ListCorporateActionsRequest()).actions] == ["paid"]


def test_a_large_distribution_goes_ex_after_the_pay_date_and_due_bills_follow_the_buyers(sandbox_factory) -> None:
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

    def order(account: broker_pb2.Account, rid: str, side: int, quantity: str) -> None:
        placed = c.broker.PlaceOrder(broker_pb2.PlaceOrderRequest(
            request_id=rid, account_id=account.account_id, api_key=account.api_key, symbol="AAPL", side=side,
            quantity=dec(quantity)))
        assert placed.status == "filled", placed

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
    assert listed[0].status == "paid"
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
