"""The SPV's money leg end to end: each product's funding mode on a Friday evening.

TSLAx is prefunded: a mint beyond its buffer is refused BUFFER_EXHAUSTED before it is paid. AAPLx is
prefunded: a mint reserves its hedge's estimated cost from AAPLx's buffer, and the FUSD it was
paid in goes out at the 17:30 ET off-ramp to FUSD's issuer, whose wire (same bank day: before Fedwire's
18:00 ET cut-off) lands in AAPLx's own account at the broker and refills the buffer. NVDAx is bought on the
broker's credit, on NVDAx's own account: its wire lands first, the hedge's fill on Monday draws the rest
from the line, and what is still drawn past 13:00 ET on the settlement date costs interest. SPYx is in kind
only: a cash mint is refused IN_KIND_ONLY.
"""
from __future__ import annotations

from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

import pytest
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.money import from_pb
from fivelayer.kernel.paging import whole
from fivelayer.kernel.reference import STABLECOIN
from fivelayer.kernel.rpc import Clients
from fivelayer.v1 import broker_pb2, chain_pb2, common_pb2, control_pb2, issuer_pb2, statuses_pb2

from .conftest import SandboxFactory
from .flows import advance_to, balances, buy, create_user, deposit, reconciliation

pytestmark = pytest.mark.e2e

FRIDAY_EVENING = "2026-11-20T22:00:00Z"   # 17:00 ET, after the close and the 17:00 payouts
AFTER_OFFRAMP = "2026-11-20T22:30:30Z"    # 17:30:30 ET: the 17:30 off-ramp sent AAPLx's FUSD to its issuer
AFTER_WIRE = "2026-11-20T22:35:00Z"       # 17:35 ET: the wire paid at 17:30:01 (value date Friday), read at 17:31
MONDAY_AFTER_OPEN = "2026-11-23T15:00:00Z"  # 10:00 ET: the hedges filled at the open
WEDNESDAY_AFTER_CHARGE = "2026-11-25T18:30:00Z"  # 13:30 ET: a day past the 13:00 ET due time of Tuesday's settlement
EMPTY = common_pb2.Empty()


def funding(c: Clients, token: str) -> issuer_pb2.ProductFunding:
    return next(p for p in c.issuer.GetFunding(EMPTY).products if p.token == token)


def d(value: common_pb2.Decimal) -> Decimal:
    return from_pb(value)


def cash(c: Clients, account: str) -> Decimal:
    """An account's cash at the broker, settled."""
    return from_pb(c.broker.GetCash(broker_pb2.AccountRequest(account_id=account)).settled)


def price(c: Clients, symbol: str) -> Decimal:
    return from_pb(c.market_data.GetPrice(control_pb2.PriceRequest(symbol=symbol)).price)


def test_each_product_pays_for_its_hedges_by_its_funding_mode(sandbox_factory: SandboxFactory) -> None:
    run = sandbox_factory(FRIDAY_EVENING)
    c = run.clients
    alice = create_user(c, "alice")
    deposit(c, alice.user_id, "1000000", "dep-1")
    listed = c.issuer.ListProducts(issuer_pb2.ListProductsRequest())
    accounts = {p.token: p.broker_account_id for p in listed.products}
    assert len(set(accounts.values())) == 4                                  # each product its own account ...
    customers = {c.broker.GetAccount(broker_pb2.AccountRequest(account_id=a)).customer_id for a in accounts.values()}
    assert customers == {listed.broker_account_id}     # ... all of one customer, the SPV
    assert from_pb(c.issuer.GetFunding(EMPTY).sponsor_loan) == Decimal(3_000_000)
    assert {t: cash(c, a) for t, a in accounts.items()} == {                 # the loan, as each buffer
        "AAPLx": Decimal(2_000_000), "TSLAx": Decimal(1_000_000), "NVDAx": 0, "SPYx": 0}
    line = c.broker.GetCreditLine(broker_pb2.AccountRequest(account_id=accounts["NVDAx"]))
    assert (d(line.limit), d(line.annual_rate)) == (Decimal(2_000_000), Decimal("0.08"))

    # TSLAx, prefunded with 1,000,000: a mint whose hedge may cost more is refused before it is paid.
    tsla = price(c, "TSLA")
    quantity = int(Decimal(1_000_000) / (tsla * Decimal("1.05"))) + 1    # the smallest that goes past the buffer
    held = balances(c, alice.user_id)[STABLECOIN][0]
    with pytest.raises(DomainError) as refused:
        buy(c, alice.user_id, "TSLAx", str(quantity), "buy-tsla")
    assert refused.value.reason == "BUFFER_EXHAUSTED" and "1000000 USD free of 1000000" in refused.value.message
    assert balances(c, alice.user_id)[STABLECOIN][0] == held                # nothing was taken
    assert from_pb(c.chain.GetToken(chain_pb2.TokenRequest(symbol="TSLAx")).total_supply) == 0
    assert funding(c, "TSLAx").mints_refused == 1

    # AAPLx, prefunded: the hedge's estimated cost (shares x price x 1.05) leaves the free buffer.
    aapl = price(c, "AAPL")
    order = buy(c, alice.user_id, "AAPLx", "150", "buy-aapl")
    assert order.status == statuses_pb2.EXCHANGE_ORDER_STATUS_FILLED
    estimate = (150 * aapl * Decimal("1.05")).quantize(Decimal("0.01"), ROUND_CEILING)
    f = funding(c, "AAPLx")
    assert (f.funding_mode, d(f.buffer), d(f.committed)) == ("prefunded", Decimal(2_000_000) - estimate, estimate)
    assert d(f.stablecoin_held) == from_pb(order.amount) and d(f.cash_in_transit) == 0
    line_aapl = reconciliation(c, "AAPLx")
    assert line_aapl["buffer"] == Decimal(2_000_000) - estimate and line_aapl["unbacked_shares"] == 150

    # NVDAx, on the broker's credit: the mint commits the line; the broker lends nothing until the hedge fills.
    nvda = price(c, "NVDA")
    buy(c, alice.user_id, "NVDAx", "20", "buy-nvda")
    committed = (20 * nvda * Decimal("1.05")).quantize(Decimal("0.01"), ROUND_CEILING)
    f = funding(c, "NVDAx")
    assert (f.funding_mode, d(f.committed), d(f.credit_used), d(f.credit_limit)) == (
        "broker-credit", committed, Decimal(0), Decimal(2_000_000))
    assert f.broker_account_id == accounts["NVDAx"] and reconciliation(c, "NVDAx")["credit_used"] == 0

    # SPYx, in kind only: no cash mint.
    with pytest.raises(DomainError) as in_kind:
        buy(c, alice.user_id, "SPYx", "1", "buy-spy")
    assert in_kind.value.reason == "IN_KIND_ONLY" and "tokenization" in in_kind.value.message

    # 17:30 ET: the off-ramp sends AAPLx's FUSD beyond its 25,000 float, and NVDAx's beyond its 1,000 (the
    # rest of the hedge is the line's), to FUSD's issuer; the wires are paid the same bank day (before the
    # 18:00 ET cut-off), each into its product's own account: AAPLx's refills its buffer, NVDAx's waits
    # there for its hedge.
    before = funding(c, "AAPLx")
    nvda_before = funding(c, "NVDAx")
    nvda_sent = (d(nvda_before.stablecoin_held) - Decimal(1_000)).quantize(Decimal("0.01"), ROUND_FLOOR)
    to_send = (d(before.stablecoin_held) - Decimal(25_000)).quantize(Decimal("0.01"), ROUND_FLOOR)   # to the cent
    assert to_send > 0
    advance_to(c, AFTER_OFFRAMP)
    sent = funding(c, "AAPLx")
    assert d(sent.cash_in_transit) == to_send and "lands 2026-11-20T22:30:00" in sent.next_wire
    # The chain pays the wire in the same advance (it tells control its schedule moved: Clock.Wake); the
    # issuer reads the landing a minute after the wire's time.
    advance_to(c, AFTER_WIRE)
    after = funding(c, "AAPLx")
    assert d(after.stablecoin_held) == d(before.stablecoin_held) - to_send and d(after.cash_in_transit) == 0
    assert d(after.buffer) == d(before.buffer) + to_send
    wires = {r.beneficiary_account_id: r for r in c.stablecoin.ListRedemptions(
        chain_pb2.ListStablecoinRedemptionsRequest()).redemptions}
    aapl_wire = wires[accounts["AAPLx"]]
    assert (d(aapl_wire.amount), aapl_wire.status, aapl_wire.value_date) == \
        (to_send, statuses_pb2.STABLECOIN_REDEMPTION_STATUS_PAID, "2026-11-20")
    assert cash(c, accounts["AAPLx"]) == Decimal(2_000_000) + to_send    # the wire is in AAPLx's own account
    nvda_wire = wires[accounts["NVDAx"]]
    assert (d(nvda_wire.amount), nvda_wire.status) == (nvda_sent, statuses_pb2.STABLECOIN_REDEMPTION_STATUS_PAID)
    assert cash(c, accounts["NVDAx"]) == nvda_sent and d(funding(c, "NVDAx").cash_in_transit) == 0
    runs = c.sandbox.ListJobRuns(control_pb2.ListJobRunsRequest(limit=1000)).runs
    assert [r.run.outcome for r in runs if r.run.service == "issuer" and r.run.job == "offramp"][0].startswith(
        "2 wires sent")
    reply = c.sandbox.Reconcile(control_pb2.ReconcileRequest())
    assert all(b.balanced for b in reply.books), [(b.service, list(b.problems)) for b in reply.books]

    # Monday's open: NVDAx's hedge fills; what its account's cash does not cover the broker lends on the line,
    # due by 13:00 ET on Tuesday, the settlement date. The FUSD float stays: the draw is still there Wednesday
    # and the broker has charged a day's interest on it.
    advance_to(c, MONDAY_AFTER_OPEN)
    mint = next(m for m in whole(c.issuer.ListMints, issuer_pb2.ListMintsRequest()).mints if m.token == "NVDAx")
    hedge = c.broker.GetOrder(broker_pb2.OrderRequest(account_id=accounts["NVDAx"], order_id=mint.hedge_order_id))
    assert hedge.status == statuses_pb2.ORDER_STATUS_FILLED
    cost = d(hedge.filled_quantity) * d(hedge.filled_avg_price)
    drawn = cost - nvda_sent
    assert drawn > 0, "the seeded prices give NVDAx's hedge a cost above the wire"
    line = c.broker.GetCreditLine(broker_pb2.AccountRequest(account_id=accounts["NVDAx"]))
    assert abs(d(line.used) - drawn) < Decimal("0.01"), (line.used, drawn)   # the broker's cash is to the cent
    assert d(funding(c, "NVDAx").credit_used) == d(line.used)                # the issuer shows the broker's line
    advance_to(c, WEDNESDAY_AFTER_CHARGE)
    f = funding(c, "NVDAx")
    assert d(f.credit_overdue) > 0 and d(f.interest_paid) > 0, f
    assert reconciliation(c, "NVDAx")["credit_used"] == d(f.credit_used)
