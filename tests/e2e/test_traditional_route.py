"""The traditional route end to end: the exchange as an introducing front end of the broker.

A user with FUSD at the exchange buys 2 AAPL on a Friday evening: the exchange opens the user's
own fully disclosed account at the broker (as the broker's correspondent), moves the user's FUSD
to its treasury and wires the same USD in, and places the order, which waits for Monday's open,
fills, and settles T+1 on Tuesday. The shares are the user's at the broker (SIPC-protected), not
a token: a withdrawal to a wallet is refused. A sale's proceeds stay in the account as cash.
"""
from __future__ import annotations

from decimal import Decimal

import pytest
from alpaca.broker import BrokerClient
from fivelayer.kernel import credentials
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.money import from_pb, round_up
from fivelayer.kernel.paging import whole
from fivelayer.kernel.reference import BROKER_PARTICIPANT, EXCHANGE_HOT_WALLET, EXCHANGE_TREASURY, STABLECOIN
from fivelayer.v1 import broker_pb2, chain_pb2, control_pb2, depository_pb2, exchange_pb2, statuses_pb2

from .alpaca_flows import raw_list
from .conftest import Running, SandboxFactory
from .flows import advance_to, create_user, dec, deposit, reconciliation

pytestmark = pytest.mark.e2e

FRIDAY_EVENING = "2026-11-20T22:00:00Z"      # 17:00 ET, after the close
MONDAY_AFTER_OPEN = "2026-11-23T14:31:00Z"   # 09:31 ET
TUESDAY_EVENING = "2026-11-24T22:00:00Z"     # 17:00 ET, after the 16:15 ET settlement run
WEDNESDAY_AFTER_OPEN = "2026-11-25T14:31:00Z"


def partner_client(run: Running, service: str) -> BrokerClient:
    """The Broker API face as a service's correspondent credentials see it."""
    key_name, secret_name = credentials.env_names(service)
    return BrokerClient(run.sandbox.service_partners[key_name], run.sandbox.service_partners[secret_name],
                        url_override=run.settings.rest_address("broker"), raw_data=True)


def held(run: Running, user_id: str) -> dict[tuple[str, str], tuple[Decimal, Decimal]]:
    reply = run.clients.exchange.GetBalances(exchange_pb2.UserRequest(user_id=user_id))
    return {(b.asset, b.route): (from_pb(b.available), from_pb(b.pending)) for b in reply.balances}


def test_buy_stock_friday_fill_monday_settle_tuesday_in_the_users_own_account(sandbox_factory: SandboxFactory) -> None:
    run = sandbox_factory(FRIDAY_EVENING)
    c = run.clients
    bob = create_user(c, "bob")
    deposit(c, bob.user_id, "10000", "dep-1")
    assert c.exchange.GetBrokerAccount(exchange_pb2.UserRequest(user_id=bob.user_id)).account_id == ""

    # Friday evening: the account is opened and funded, the order waits for the open.
    close = from_pb(c.market_data.GetPrice(control_pb2.PriceRequest(symbol="AAPL")).price)
    request = exchange_pb2.TradeRequest(request_id="stock-1", user_id=bob.user_id, symbol="AAPL",
                                        quantity=dec("2"))
    order = c.exchange.BuyStock(request)
    assert (order.route, order.side, order.symbol, order.token, order.status) == \
        ("traditional", "buy", "AAPL", "", statuses_pb2.EXCHANGE_ORDER_STATUS_ACCEPTED)
    funded = round_up(2 * close * Decimal("1.02"), 2)                  # the order at Friday's close + the collar
    assert from_pb(order.funded) == funded
    assert c.exchange.BuyStock(request) == order                       # a retry is the same order
    assert held(run, bob.user_id)[(STABLECOIN, "custody")] == (Decimal(10000) - funded, Decimal(0))
    fusd = {address: from_pb(c.chain.BalanceOf(chain_pb2.BalanceRequest(symbol=STABLECOIN, address=address)).amount)
            for address in (EXCHANGE_HOT_WALLET, EXCHANGE_TREASURY)}
    assert fusd == {EXCHANGE_HOT_WALLET: Decimal(10000) - funded, EXCHANGE_TREASURY: funded}

    # The user's own account, opened by the exchange as the broker's correspondent.
    mine = c.exchange.GetBrokerAccount(exchange_pb2.UserRequest(user_id=bob.user_id))
    account_id = mine.account_id
    assert account_id == order.broker_account_id and from_pb(mine.funded) == funded
    account = c.broker.GetAccount(broker_pb2.AccountRequest(account_id=account_id))
    assert (account.name, account.kind, account.status) == ("bob", "individual", statuses_pb2.ACCOUNT_STATUS_ACTIVE)
    assert account_id in {a.account_id for a in whole(c.broker.ListAccounts, broker_pb2.ListAccountsRequest()).accounts}
    number = account_id.replace("acct-", "FL")
    assert number in {a["account_number"] for a in raw_list(partner_client(run, "exchange").list_accounts())}
    assert number not in {a["account_number"] for a in raw_list(partner_client(run, "issuer").list_accounts())}
    cash = c.broker.GetCash(broker_pb2.AccountRequest(account_id=account_id))
    assert from_pb(cash.settled) == funded

    # Monday 09:30 ET: filled at the open; the depository captures the trade for T+1.
    advance_to(c, MONDAY_AFTER_OPEN)
    at_broker = c.broker.GetOrder(broker_pb2.OrderRequest(account_id=account_id, order_id=order.broker_order_id))
    assert at_broker.client_order_id == "stock-1:order"
    assert (at_broker.status, at_broker.trade_date, at_broker.settlement_date, at_broker.settled) == \
        (statuses_pb2.ORDER_STATUS_FILLED, "2026-11-23", "2026-11-24", False)
    filled = c.exchange.GetOrder(exchange_pb2.OrderIdRequest(order_id=order.order_id))
    price = from_pb(at_broker.filled_avg_price)
    cost = round_up(2 * price, 2)
    assert (filled.status, from_pb(filled.price), from_pb(filled.amount), filled.settled) == \
        (statuses_pb2.EXCHANGE_ORDER_STATUS_FILLED, price, cost, False)
    monday = held(run, bob.user_id)
    assert monday[("AAPL", "traditional")] == (Decimal(0), Decimal(2))          # unsettled

    # Tuesday 16:15 ET: CNS settles; the broker marks it settled; the exchange records it at 16:45.
    advance_to(c, TUESDAY_EVENING)
    settled = c.exchange.GetOrder(exchange_pb2.OrderIdRequest(order_id=order.order_id))
    assert settled.status == statuses_pb2.EXCHANGE_ORDER_STATUS_FILLED and settled.settled
    tuesday = held(run, bob.user_id)
    assert tuesday[("AAPL", "traditional")] == (Decimal(2), Decimal(0))
    assert tuesday[("USD", "traditional")] == (funded - cost, Decimal(0))     # the collar's rest, as cash
    timeline = c.sandbox.ListEvents(control_pb2.ListEventsRequest(service="exchange")).events
    assert [e.event.type for e in timeline if e.event.type.startswith(("broker_account.", "order."))] == \
        ["broker_account.opened", "broker_account.funded", "order.placed", "order.filled", "order.settled"]
    at_dtc = {p.symbol: from_pb(p.settled) for p in c.depository.GetPositions(
        depository_pb2.PositionsRequest(participant_id=BROKER_PARTICIPANT)).positions}
    assert at_dtc["AAPL"] >= 2
    sipc = c.broker.GetSipc(broker_pb2.AccountRequest(account_id=account_id))
    assert from_pb(sipc.protected_securities) > 0 and from_pb(sipc.protected_total) > 0

    # The shares are not a token: no withdrawal to a wallet, and nothing changes.
    with pytest.raises(DomainError) as refused:
        c.exchange.Withdraw(exchange_pb2.WithdrawRequest(request_id="wd-1", user_id=bob.user_id, asset="AAPL",
                                                         amount=dec("2"), to_address="0x" + "b0" * 20))
    assert refused.value.reason == "NOT_A_TOKEN"
    assert "held for you at the broker" in refused.value.message and "ACATS" in refused.value.message
    assert held(run, bob.user_id) == tuesday
    reconciliation(c, "AAPLx")                                        # every service's books balance

    # A sale: filled on Wednesday; its proceeds stay in the account as cash (unsettled until Friday).
    sale = c.exchange.SellStock(exchange_pb2.TradeRequest(request_id="stock-2", user_id=bob.user_id, symbol="AAPL",
                                                          quantity=dec("1")))
    assert (sale.route, sale.side, sale.status) == ("traditional", "sell", statuses_pb2.EXCHANGE_ORDER_STATUS_ACCEPTED)
    advance_to(c, WEDNESDAY_AFTER_OPEN)
    sold = c.exchange.GetOrder(exchange_pb2.OrderIdRequest(order_id=sale.order_id))
    assert sold.status == statuses_pb2.EXCHANGE_ORDER_STATUS_FILLED and sold.settlement_date == "2026-11-27"
    wednesday = held(run, bob.user_id)
    assert wednesday[("AAPL", "traditional")] == (Decimal(2), Decimal(-1))   # 1 sold, delivered on Friday
    assert wednesday[("USD", "traditional")] == (funded - cost, from_pb(sold.amount))
    assert wednesday[(STABLECOIN, "custody")] == (Decimal(10000) - funded, Decimal(0))
