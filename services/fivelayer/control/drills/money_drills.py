"""The money leg's drills: FUSD de-pegs over a long weekend, and the self-clearing broker fails.

Each is a function World -> (the fault, what it found) and a schedule of faults, as the drills of
`scenarios.py` are (its registry imports this module: import `scenarios` first). Instants are UTC;
the comments give New York time. The figures come from the services' own books (the issuer's
funding, the stablecoin issuer's redemptions, the broker trustee's liquidation); the arithmetic that
spreads them over holders is pure and tested on its own (`spread_recovery`, `discount_shortfall`).
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import ROUND_DOWN, Decimal
from typing import Any

from fivelayer.control.drills.scenarios import ScheduledFault, at, issuer_account, tally
from fivelayer.control.drills.world import TRADITIONAL, StepKind, World
from fivelayer.kernel.money import ZERO, fmt, from_pb
from fivelayer.kernel.reference import ISSUER_ADDRESS, STABLECOIN
from fivelayer.kernel.timeutil import from_ts, iso
from fivelayer.v1 import broker_pb2, chain_pb2, common_pb2, control_pb2, exchange_pb2, issuer_pb2, statuses_pb2

CENT = Decimal("0.01")
# The report's words for a stablecoin redemption's state (the drill's report keeps its words).
REDEMPTION_WORDS: dict[statuses_pb2.StablecoinRedemptionStatus, str] = {
    statuses_pb2.STABLECOIN_REDEMPTION_STATUS_QUEUED: "queued",
    statuses_pb2.STABLECOIN_REDEMPTION_STATUS_HALTED: "halted",
    statuses_pb2.STABLECOIN_REDEMPTION_STATUS_SENDING: "sending",
    statuses_pb2.STABLECOIN_REDEMPTION_STATUS_PAID: "paid",
    statuses_pb2.STABLECOIN_REDEMPTION_STATUS_RETURNED: "returned"}


def usd(value: Decimal) -> str:
    return str(value.quantize(CENT))


@dataclass(frozen=True)
class ParamFault(ScheduledFault):
    """A scheduled fault with the money leg's parameters (control.proto InjectFaultRequest 15-18)."""

    price: str = ""
    amount: str = ""
    fraction: str = ""
    delay: str = ""

    def request(self, request_id: str) -> control_pb2.InjectFaultRequest:
        request = super().request(request_id)
        for name in ("price", "amount", "fraction"):
            if getattr(self, name):
                getattr(request, name).value = getattr(self, name)
        request.delay = self.delay
        return request


def walk(world: World, plan: Iterable[tuple[datetime, Callable[[], object]]]) -> None:
    """Advance to each instant in turn (jobs and scheduled faults run on the way) and act there."""
    for instant, action in sorted(plan, key=lambda p: p[0]):
        world.advance_to(instant)
        action()


# --- pure arithmetic ----------------------------------------------------------------------------


def discount_shortfall(redemptions: Iterable[tuple[Decimal, Decimal]]) -> Decimal:
    """What a redeemer lost to a de-peg: FUSD redeemed x (1 - price), over (amount, dollars paid) pairs."""
    return sum((amount - paid for amount, paid in redemptions), ZERO)


def spread_recovery(claims: dict[str, Decimal], recovered: Decimal) -> tuple[Decimal, dict[str, Decimal]]:
    """The SPV's recovery from the broker spread over its token holders by their claims, ahead of the
    sponsor's subordinated loan: (the holders' rate, at most 1; each claim's dollars, rounded down to
    the cent). What is left after the holders goes to the sponsor."""
    total = sum(claims.values(), ZERO)
    if total <= 0:
        return Decimal(1), {k: ZERO for k in claims}
    rate = min(Decimal(1), recovered / total).quantize(Decimal("0.000001"), ROUND_DOWN)
    return rate, {k: (v * rate).quantize(CENT, ROUND_DOWN) for k, v in claims.items()}


# --- stablecoin-depeg ---------------------------------------------------------------------------

BANK_FAILS = at("2026-11-20T16:00:00")   # Friday 20 November 11:00: the reserve's bank fails
REOPENS = at("2026-11-23T14:00:00")      # Monday 9:00: redemptions reopen, at the discount
PAR_AGAIN = at("2026-11-24T14:00:00")    # Tuesday 9:00: the stuck dollars are backstopped, par again
DEPEG_END = at("2026-11-24T22:45:00")    # Tuesday 17:45: after that day's wires and settlement
DEPEG_PRICE, STUCK_USD = "0.88", "10000"  # USDC's low in March 2023; part of the sandbox reserve stuck
FUND, FUND_DEPOSIT, CHUNK = "fay", Decimal(4_000_000), Decimal(1000)  # a fund buying AAPLx in size

DEPEG_FAULTS: tuple[ScheduledFault, ...] = (
    ParamFault("offramp-halt", BANK_FAILS, REOPENS, "drill: the bank holding part of FUSD's reserve has failed; "
               "redemptions are halted until the issuer knows what it can pay"),
    ParamFault("depeg", BANK_FAILS, PAR_AGAIN, "drill: part of FUSD's reserve is stuck at a failed bank",
               price=DEPEG_PRICE, amount=STUCK_USD),
)


def funding_row(world: World, label: str) -> dict[str, Any]:
    """The SPV's money leg now, per product, with the stablecoin issuer's conditions."""
    funding = world.clients.issuer.GetFunding(common_pb2.Empty())
    reserve = world.clients.stablecoin.GetReserve(common_pb2.Empty())
    row: dict[str, Any] = {
        "at": iso(world.now()), "when": label,
        "FUSD": f"{'halted' if reserve.redemptions_halted else 'open'} at ${reserve.redemption_price.value or '1'}"
                f", ${reserve.stuck_usd.value or '0'} stuck, ${reserve.in_transit_usd.value or '0'} owed in wires",
    }
    for p in funding.products:
        if p.funding_mode == "in-kind":
            continue
        figures = {"buffer": p.buffer.value, "committed": p.committed.value, "FUSD held": p.stablecoin_held.value,
                   "in transit": p.cash_in_transit.value, "mints refused": str(p.mints_refused)}
        if p.funding_mode == "broker-credit":
            figures = {"credit used": p.credit_used.value, "overdue": p.credit_overdue.value,
                       "interest": p.interest_paid.value, "FUSD held": p.stablecoin_held.value,
                       "in transit": p.cash_in_transit.value, "mints refused": str(p.mints_refused)}
        row[p.token] = ", ".join(f"{k} {v or '0'}" for k, v in figures.items())
    return row


def spv_redemptions(world: World) -> list[chain_pb2.StablecoinRedemption]:
    """The SPV's off-ramp: its FUSD redemptions at the stablecoin issuer, every page."""
    out: list[chain_pb2.StablecoinRedemption] = []
    token = ""
    while True:
        page = world.clients.stablecoin.ListRedemptions(chain_pb2.ListStablecoinRedemptionsRequest(
            holder=ISSUER_ADDRESS, limit=1000, page_token=token))
        out += page.redemptions
        token = page.next_page_token
        if not token:
            return out


def fusd_balances(world: World) -> dict[str, Decimal]:
    """Each exchange user's FUSD (available and pending) now."""
    out = {}
    for name, user_id in sorted(world.users.items()):
        reply = world.clients.exchange.GetBalances(exchange_pb2.UserRequest(user_id=user_id))
        out[name] = sum((from_pb(b.available) + from_pb(b.pending) for b in reply.balances if b.asset == STABLECOIN),
                        ZERO)
    return out


def stablecoin_depeg(world: World) -> tuple[dict[str, str], dict[str, Any]]:
    over_time: list[dict[str, Any]] = []

    def look(label: str) -> Callable[[], None]:
        return lambda: over_time.append(funding_row(world, label))

    def fund_buys(count: int) -> Callable[[], None]:
        def go() -> None:
            for _ in range(count):
                if world.buy(FUND, "AAPLx", CHUNK) is None:
                    break
        return go

    def open_fund() -> None:
        world.open_exchange_user(FUND, FUND_DEPOSIT)

    def small_trades() -> None:
        world.buy("cy", "AAPLx", Decimal(2))
        world.sell("bo", "AAPLx", Decimal(1))
        world.buy("ada", "NVDAx", Decimal(1))

    marked: dict[str, Decimal] = {}

    def mark() -> None:
        marked.update(fusd_balances(world))

    walk(world, [
        (at("2026-11-18T15:30:00"), small_trades),                     # Wed 10:30
        (at("2026-11-18T22:45:00"), look("Wednesday evening, before")),
        (at("2026-11-19T15:00:00"), open_fund),                       # Thu 10:00: a fund arrives
        (at("2026-11-19T15:30:00"), fund_buys(2)),
        (at("2026-11-19T22:45:00"), look("Thursday evening: the fund's first mints, wires sent before 18:00")),
        (at("2026-11-20T15:30:00"), fund_buys(2)),                    # Fri 10:30, before the failure
        (at("2026-11-20T16:00:01"), mark),                            # FUSD holders at the de-peg
        (at("2026-11-20T16:05:00"), look("Friday 11:05: the reserve's bank failed, redemptions halted")),
        (at("2026-11-20T17:00:00"), fund_buys(3)),                    # Fri 12:00: mints go on against the buffer
        (at("2026-11-20T17:05:00"), small_trades),
        (at("2026-11-20T22:45:00"), look("Friday evening: no wire came")),
        (at("2026-11-21T17:00:00"), fund_buys(4)),                    # Saturday: the exchange trades 24/7
        (at("2026-11-21T17:05:00"), lambda: world.sell("cy", "AAPLx", Decimal(1))),
        (at("2026-11-21T17:10:00"), look("Saturday noon")),
        (at("2026-11-22T17:00:00"), fund_buys(4)),                    # Sunday
        (at("2026-11-22T17:10:00"), look("Sunday noon: what is free cannot cover a lot")),
        (at("2026-11-23T13:55:00"), look("Monday 8:55, before redemptions reopen")),
        (at("2026-11-23T15:30:00"), fund_buys(2)),                    # Mon 10:30
        (at("2026-11-23T15:35:00"), small_trades),
        (at("2026-11-23T22:45:00"), look("Monday evening: queued redemptions paid at the discount")),
        (at("2026-11-24T15:30:00"), fund_buys(2)),                    # Tue 10:30, at par again
        (at("2026-11-24T22:45:00"), look("Tuesday evening: par again")),
    ])
    world.advance_to(DEPEG_END)
    world.snapshot()

    redemptions = spv_redemptions(world)
    price = Decimal(DEPEG_PRICE)
    discounted = [r for r in redemptions
                  if r.status == statuses_pb2.STABLECOIN_REDEMPTION_STATUS_PAID and from_pb(r.price, Decimal(1)) < 1]
    shortfall = discount_shortfall((from_pb(r.amount), from_pb(r.usd)) for r in discounted)
    fund_steps = [s for s in world.steps if s.actor == FUND and s.kind == StepKind.BUY]
    first_refusal = next((s for s in fund_steps if s.result != "ok"), None)
    during = [s for s in world.steps if iso(BANK_FAILS) <= s.at < iso(REOPENS) and s.kind == StepKind.BUY]
    buys_ok, buys_tried = tally(during, StepKind.BUY)
    findings = {
        "the fault": f"at {iso(BANK_FAILS)} the bank holding ${STUCK_USD} of FUSD's reserve fails: redemptions halt "
                     f"until {iso(REOPENS)} and then pay ${DEPEG_PRICE} per FUSD until {iso(PAR_AGAIN)}, as USDC's "
                     "conversions paused over the weekend of 11-12 March 2023 ($3.3B of ~$40B at Silicon Valley "
                     "Bank; low about $0.87-0.88)",
        "mints": f"{buys_ok} of {buys_tried} buys on the exchange went through while redemptions were halted: each "
                 "cash mint is paid in FUSD at once and reserves its hedge's cost from AAPLx's buffer at the broker, "
                 "which no wire refills while the SPV's FUSD cannot be turned into dollars; "
                 + (f"the first refusal: {first_refusal.at} {first_refusal.result} — {first_refusal.detail}"
                    if first_refusal else "none was refused (the buffer outlasted the halt)"),
        "the SPV's money leg over time": over_time,
        "redemptions at the stablecoin's issuer (the SPV's off-ramp)": [
            {"redemption": r.redemption_id, "FUSD": r.amount.value, "asked": iso(from_ts(r.requested_at)),
             "status": REDEMPTION_WORDS[r.status], "price": r.price.value or "", "usd": r.usd.value or "",
             "value date": r.value_date, "paid": iso(from_ts(r.paid_at)) if r.HasField("paid_at") else "",
             "why it waited": r.reason}
            for r in redemptions],
        "token redemptions": "sales of tokens are paid in FUSD from the SPV's treasury, as always: "
                             + ", ".join(f"{s.at} {s.result}" for s in world.steps if s.kind == StepKind.SELL)
                             + f" — the holder is paid in a coin worth ${DEPEG_PRICE} in dollars while it lasts",
        "who is left short": {
            "the SPV": f"${usd(shortfall)}: {fmt(sum((from_pb(r.amount) for r in discounted), ZERO))} FUSD redeemed "
                       f"at the discount x (1 - price); its buffer is refilled short by as much, a loss its sponsor's "
                       "subordinated loan bears before any holder",
            "FUSD holders at the failure": [
                {"holder": name, "FUSD": fmt(amount), f"worth at ${DEPEG_PRICE}": usd(amount * price),
                 "short on paper": usd(amount * (1 - price))}
                for name, amount in sorted(marked.items()) if amount],
            "after par": "a holder who waited is whole again at par; only what was redeemed at the discount "
                         "(or sold below par) was lost",
        },
    }
    return {"at": iso(BANK_FAILS), "what": f"FUSD's off-ramp halts over the long weekend and reopens at ${DEPEG_PRICE} "
                                           f"(${STUCK_USD} of its reserve stuck at a failed bank); par again "
                                           f"{iso(PAR_AGAIN)}"}, findings


# --- broker-insolvency --------------------------------------------------------------------------

BROKER_FAILS = at("2026-11-19T21:30:00")   # Thursday 19 November 16:30, after the close
SHORTFALL = "0.2"                          # a fifth of customer property is missing
SIPC_LIMIT, SIPC_CASH_LIMIT = Decimal(500_000), Decimal(250_000)

BROKER_FAULTS: tuple[ScheduledFault, ...] = (
    ParamFault("broker-failure", BROKER_FAILS, None, "drill: the self-clearing broker fails with customer property "
               "missing; SIPC appoints a trustee", fraction=SHORTFALL),
)


def liquidation(world: World) -> tuple[broker_pb2.Liquidation, list[broker_pb2.CustomerRecovery]]:
    """The trustee's liquidation and every customer's recovery, every page."""
    customers: list[broker_pb2.CustomerRecovery] = []
    token, first = "", None
    while True:
        page = world.clients.broker.GetLiquidation(broker_pb2.LiquidationRequest(limit=1000, page_token=token))
        first = first or page
        customers += page.customers
        token = page.next_page_token
        if not token:
            return first, customers


def took(failed: datetime, message: broker_pb2.CustomerRecovery, field: str) -> str:
    if not message.HasField(field):
        return ""
    when = from_ts(getattr(message, field))
    days = (when - failed) / timedelta(days=1)
    return f"{iso(when)} ({days:g} days)"


def token_claims(world: World, when: datetime) -> tuple[dict[str, Decimal], list[dict[str, str]]]:
    """Each token holding's claim on the SPV: tokens x multiplier x the underlying's price at the failure."""
    products = {p.token: p for p in world.clients.issuer.ListProducts(issuer_pb2.ListProductsRequest()).products}
    prices: dict[str, Decimal] = {}
    claims: dict[str, Decimal] = {}
    rows = []
    on_chain = set(world.tokens())
    for n, row in enumerate(world.holdings()):
        product = products.get(row["asset"])
        if product is None or row["asset"] not in on_chain:
            continue
        if product.underlying not in prices:
            prices[product.underlying] = from_pb(world.clients.market_data.GetPrice(
                control_pb2.PriceRequest(symbol=product.underlying)).price)
        quantity = Decimal(row["quantity"])
        claim = (quantity * from_pb(product.multiplier, Decimal(1)) * prices[product.underlying]).quantize(CENT)
        if quantity:
            key = f"{n}"
            claims[key] = claim
            rows.append({**row, "key": key, "standing": product.standing or "unsecured", "claim_usd": usd(claim)})
    return claims, rows


def broker_insolvency(world: World) -> tuple[dict[str, str], dict[str, Any]]:
    def day(morning: datetime) -> None:
        world.buy("cy", "AAPLx", Decimal(2))
        world.sell("bo", "NVDAx", Decimal(1))
        world.broker_order(TRADITIONAL, "AAPL", "sell" if morning.day % 2 else "buy", Decimal(1))

    world.run_days(BROKER_FAILS - timedelta(minutes=5), day)
    world.advance_to(BROKER_FAILS)   # the scheduled failure: the trustee takes over
    failed_at = world.now()
    world.note("broker", "fails; SIPC's trustee takes over the customers' accounts")
    claims, claim_rows = token_claims(world, failed_at)
    world.advance_to(BROKER_FAILS + timedelta(minutes=5))
    world.broker_order(TRADITIONAL, "AAPL", "sell", Decimal(1))
    world.run_days(at("2026-11-23T22:45:00"), day)
    world.transfer("ada", "bo", "AAPLx", Decimal(1))

    liq, customers = liquidation(world)
    spv_account = issuer_account(world)
    dee_account = world.traditional[TRADITIONAL][0]
    by_account = {c.account_id: c for c in customers}
    spv = by_account.get(spv_account, broker_pb2.CustomerRecovery(account_id=spv_account))
    dee = by_account.get(dee_account, broker_pb2.CustomerRecovery(account_id=dee_account))
    rate, paid = spread_recovery(claims, from_pb(spv.recovered))
    holders = [{"holder": r["holder"], "where": r["where"], "token": r["asset"], "route": "tokenized",
                "quantity": r["quantity"],
                "standing at the issuer": r["standing"], "claim_usd": r["claim_usd"],
                "recovery_usd": usd(paid[r["key"]]), "rate": fmt(rate),
                "when": "after the SPV's own recovery: " + (took(failed_at, spv, "sipc_at") or took(
                    failed_at, spv, "property_at") or "not yet")}
               for r in claim_rows]
    holders.append({"holder": TRADITIONAL, "where": "broker account (a customer in her own name)", "token": "AAPL, USD",
                    "route": "traditional",
                    "quantity": "", "standing at the issuer": "", "claim_usd": dee.net_equity.value,
                    "recovery_usd": dee.recovered.value,
                    "rate": fmt((from_pb(dee.recovered) / from_pb(dee.net_equity)).quantize(
                        Decimal("0.000001"), ROUND_DOWN)) if from_pb(dee.net_equity) else "1",
                    "when": took(failed_at, dee, "sipc_at") or took(failed_at, dee, "property_at")})
    total_claims = sum(claims.values(), ZERO)
    after_holders = from_pb(spv.recovered) - sum(paid.values(), ZERO)
    refusals = sorted({s.result for s in world.steps if s.at >= iso(BROKER_FAILS) and s.result != "ok"})

    def customer(c: broker_pb2.CustomerRecovery) -> dict[str, str]:
        return {"account": c.account_id, "name": c.name, "net equity": c.net_equity.value,
                "securities": c.securities.value, "cash": c.cash.value, "from property": c.from_property.value,
                "SIPC for securities": c.sipc_securities.value, "SIPC for cash": c.sipc_cash.value,
                "recovered": c.recovered.value, "loss": c.loss.value,
                "property delivered": took(failed_at, c, "property_at"), "SIPC paid": took(failed_at, c, "sipc_at")}

    findings = {
        "the liquidation": {"failed at": iso(from_ts(liq.failed_at)) if liq.HasField("failed_at") else "",
                            "shortfall": liq.shortfall.value, "customer property": liq.customer_property.value,
                            "total net equity": liq.total_net_equity.value, "pro rata rate": liq.pro_rata_rate.value,
                            "SIPC advanced": liq.sipc_advanced.value, "rule": liq.rule},
        "customers": [customer(c) for c in customers],
        "the SPV, one customer": f"its accounts ({', '.join(spv.account_ids) or spv_account}), one per product, hold "
                                 "every product's shares and cash for all its token holders and are one customer: one "
                                 f"net equity of ${spv.net_equity.value or '0'}, one SIPC advance (at most "
                                 f"${fmt(SIPC_LIMIT)}, of which ${fmt(SIPC_CASH_LIMIT)} for cash) — "
                                 f"${spv.sipc_securities.value or '0'} for securities and ${spv.sipc_cash.value or '0'}"
                                 f" for cash; recovered ${spv.recovered.value or '0'}, lost ${spv.loss.value or '0'}",
        "token holders through the SPV": f"their claims on the SPV total ${usd(total_claims)}; the SPV's recovery is "
                                         f"spread over them by claim ahead of the sponsor's subordinated loan: "
                                         f"{fmt(rate)} of each claim; ${usd(max(after_holders, ZERO))} is left for "
                                         "the sponsor, whose buffer absorbs the broker's shortfall first",
        "recovery per holder": holders,
        "the traditional holder": f"{TRADITIONAL} is a customer in her own name: her pro rata share of property plus "
                                  f"her own SIPC advance; recovered ${dee.recovered.value or '0'} of "
                                  f"${dee.net_equity.value or '0'}",
        "refusals after the failure": refusals or ["none"],
    }
    return {"at": iso(BROKER_FAILS), "what": f"the self-clearing broker fails with {fmt(Decimal(SHORTFALL) * 100)}% "
                                             "of customer property missing: a SIPC liquidation"}, findings

