"""Rights through the layers, end to end: one dividend, one meeting and one split announced at the
depository reach three holders on different routes and products differently, and every service's
books balance after each action."""
from __future__ import annotations

from decimal import Decimal

import pytest
from fivelayer.kernel.money import from_pb
from fivelayer.kernel.rpc import Clients
from fivelayer.v1 import (
    broker_pb2,
    chain_pb2,
    common_pb2,
    control_pb2,
    depository_pb2,
    exchange_pb2,
    issuer_pb2,
    statuses_pb2,
)

from .conftest import SandboxFactory
from .flows import advance_to, buy, create_user, dec, deposit, token_contract

pytestmark = pytest.mark.e2e

FRIDAY_EVENING = "2026-11-20T21:00:00Z"
WALLET = "0x" + "cd" * 20
KEPT, TRANSFORMED, LOST = statuses_pb2.RIGHT_STATUS_KEPT, statuses_pb2.RIGHT_STATUS_TRANSFORMED, \
    statuses_pb2.RIGHT_STATUS_LOST


def books_balance(c: Clients) -> None:
    reply = c.sandbox.Reconcile(control_pb2.ReconcileRequest())
    assert all(b.balanced for b in reply.books), [(b.service, list(b.problems)) for b in reply.books]


def rights(c: Clients, holder: str) -> dict[tuple[str, str], control_pb2.RightTrace]:
    trace = c.sandbox.TraceRights(control_pb2.TraceRightsRequest(holder=holder))
    return {(p.asset, r.right): r for p in trace.positions for r in p.rights}


def test_one_dividend_a_meeting_and_a_split_through_five_layers(sandbox_factory: SandboxFactory) -> None:
    run = sandbox_factory(FRIDAY_EVENING)
    c = run.clients
    ada, bo = create_user(c, "ada"), create_user(c, "bo", "USA")         # bo certified a W-9 at sign-up
    deposit(c, ada.user_id, "10000", "d1")
    deposit(c, bo.user_id, "10000", "d2")
    buy(c, ada.user_id, "AAPLx", "10", "b1")                              # reinvesting product, omnibus custody
    buy(c, ada.user_id, "NVDAx", "5", "b2")                               # stablecoin product ...
    c.exchange.Withdraw(exchange_pb2.WithdrawRequest(request_id="w1", user_id=ada.user_id, asset="NVDAx",
                                                     amount=dec("5"), to_address=WALLET))  # ... in her own wallet
    c.exchange.BuyStock(exchange_pb2.TradeRequest(request_id="s1", user_id=bo.user_id, symbol="AAPL",
                                                  quantity=dec("10")))   # the traditional route
    advance_to(c, "2026-11-24T23:00:00Z")                                 # filled Monday, settled Tuesday
    books_balance(c)

    c.depository.AnnounceDividend(depository_pb2.AnnounceDividendRequest(
        request_id="a1", symbol="AAPL", amount=dec("0.26"), ex_date="2026-11-30", pay_date="2026-12-03", late=True))
    c.depository.AnnounceDividend(depository_pb2.AnnounceDividendRequest(
        request_id="a2", symbol="NVDA", amount=dec("0.01"), ex_date="2026-11-30", pay_date="2026-12-03", late=True))
    c.depository.AnnounceMeeting(depository_pb2.AnnounceMeetingRequest(
        request_id="a3", symbol="AAPL", record_date="2026-11-30", meeting_date="2026-12-15",
        proposals=["Elect the board"], late=True))
    advance_to(c, "2026-12-04T15:00:00Z")                                 # paid, passed on, applied
    books_balance(c)

    bo_account = c.exchange.GetBrokerAccount(exchange_pb2.UserRequest(user_id=bo.user_id)).account_id
    bo_notices = c.broker.ListNotices(broker_pb2.ListNoticesRequest(account_id=bo_account)).notices
    assert sorted((n.kind, n.gross.value, n.withheld.value) for n in bo_notices) == [
        ("dividend", "2.6", "0"), ("meeting", "0", "0")]                  # a US person: nothing withheld

    traditional = rights(c, bo.user_id)
    assert {right: r.outcome for (_, right), r in traditional.items() if r.outcome != KEPT} == {
        "voting": TRANSFORMED}                                          # an instruction right, through the broker
    assert traditional[("AAPL", "voting")].reached == (
        "ca-000003 (10 of 10 AAPL vote): instructions taken until 2026-12-15T04:59:00Z; 1 no instruction yet")
    assert traditional[("AAPL", "dividends")].reached == "2.6 USD cash (gross 2.6, withheld 0)"

    token = rights(c, ada.user_id)
    assert token[("AAPLx", "voting")].outcome == LOST                   # the meeting stopped at the SPV
    assert [s.layer for s in token[("AAPLx", "voting")].steps if s.status == LOST] == ["issuer SPV"]
    assert token[("AAPLx", "dividends")].reached.startswith("no cash; the multiplier rose 1 -> 1.0005")
    assert token[("AAPLx", "SIPC protection")].outcome == LOST

    wallet = rights(c, WALLET)                                            # NVDAx in her own wallet: paid FUSD
    paid = from_pb(c.issuer.ListDistributionPayments(issuer_pb2.ListDistributionPaymentsRequest(
        address=WALLET)).payments[0].amount)
    assert paid == Decimal("0.03") and wallet[("NVDAx", "dividends")].reached == "0.03 FUSD to the holder's address"

    c.depository.AnnounceSplit(depository_pb2.AnnounceSplitRequest(
        request_id="a4", symbol="AAPL", new_shares=4, old_shares=1, effective_date="2026-12-08", late=True))
    before = from_pb(c.chain.GetToken(chain_pb2.TokenRequest(symbol="AAPLx")).multiplier)
    last_close = from_pb(c.market_data.GetPrice(control_pb2.PriceRequest(symbol="AAPL")).price)
    advance_to(c, "2026-12-08T15:00:00Z")                                 # split effective at the open
    price = from_pb(c.market_data.GetPrice(control_pb2.PriceRequest(symbol="AAPL")).price)
    assert last_close / 4 * Decimal("0.95") < price < last_close / 4 * Decimal("1.05")  # prices follow the split
    held = {p.symbol: from_pb(p.total) for p in c.broker.GetPositions(broker_pb2.AccountRequest(
        account_id=bo_account)).positions}
    assert held["AAPL"] == Decimal(40)                                    # bo's shares x 4
    assert from_pb(c.chain.GetToken(chain_pb2.TokenRequest(symbol="AAPLx")).multiplier) == before * 4
    # an integrator sees both changes with web3.py: the dividend's rise and the split, each an event
    aapl = token_contract(c, "AAPLx")
    changes = [(e.args.previous, e.args.multiplier) for e in aapl.events.MultiplierScheduled.get_logs(from_block=0)]
    assert [m for _, m in changes] == [int(before * 10**18), int(before * 4 * 10**18)]
    assert aapl.functions.multiplier().call() == int(before * 4 * 10**18)
    books_balance(c)
    assert c.clock.Now(common_pb2.Empty()).now.ToJsonString().startswith("2026-12-08T15:00")
