"""The market's drills: a weekend gap and a settlement fail that cascades.

Each returns (the fault, what it found), as the other drills do (`scenarios`); the runner adds the
invariants and the timeline. Instants are UTC; the comments give New York time.

- weekend-gap: the exchange and the issuer run 24/7, the stock market does not. Over the weekend the
  issuer quotes a mint at Friday's close and hedges it at Monday's open; news on Saturday moves the
  stock (the `price-gap` fault: control's market data gaps at Monday's open by a seeded 8-15% move).
  The SPV carries the unhedged shares over the weekend and takes the gap on every weekend mint.
- settlement-fail-cascade: the street withholds AAPL for three settlement days around Thanksgiving
  (the `settlement-fail` fault); the broker's purchases, and so the SPV's hedges, are not delivered;
  an AAPL dividend's record date falls inside the fail; the depository buys the fail in at the open of
  its Reg SHO Rule 204 deadline (`depository.buy_in`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from fivelayer.control.drills.scenarios import END, ScheduledFault, at, issuer_accounts, orders
from fivelayer.control.drills.world import TRADITIONAL, World
from fivelayer.kernel import calendar
from fivelayer.kernel.money import ZERO, fmt, from_pb, round_down, to_pb
from fivelayer.kernel.paging import all_pages, whole
from fivelayer.kernel.reference import STREET_PARTICIPANT
from fivelayer.kernel.timeutil import from_ts, iso, to_ts
from fivelayer.v1 import broker_pb2, control_pb2, depository_pb2, issuer_pb2, statuses_pb2

CENT = Decimal("0.01")
# The report's words for a CNS line's state (the drill's report keeps its words; the enum is the record).
OBLIGATION_WORDS: dict[statuses_pb2.ObligationStatus, str] = {
    statuses_pb2.OBLIGATION_STATUS_PENDING: "pending", statuses_pb2.OBLIGATION_STATUS_SETTLED: "settled",
    statuses_pb2.OBLIGATION_STATUS_FAILED: "failed"}


@dataclass(frozen=True)
class TargetedFault(ScheduledFault):
    """A scheduled fault with a target: a symbol, a DTC participant, a date (a settlement date, or the
    session a price gap opens)."""

    symbol: str = ""
    participant_id: str = ""
    settlement_date: str = ""

    def request(self, request_id: str) -> control_pb2.InjectFaultRequest:
        request = super().request(request_id)
        request.symbol, request.participant_id = self.symbol, self.participant_id
        request.settlement_date = self.settlement_date
        return request


def usd(value: Decimal) -> str:
    return str(value.quantize(CENT))


def price(world: World, symbol: str, instant: datetime) -> Decimal:
    return from_pb(world.clients.market_data.GetPrice(control_pb2.PriceRequest(symbol=symbol, at=to_ts(instant))).price)


# --- weekend-gap --------------------------------------------------------------------------------

GAP_SYMBOL, GAP_TOKEN = "AAPL", "AAPLx"
FRIDAY_CLOSE = at("2026-11-20T21:00:00")             # Friday 20 November, 4:00 pm
NEWS_AT = at("2026-11-21T14:00:00")                  # Saturday 9:00 am: the news breaks (the fault starts)
GAP_SESSION = date(2026, 11, 23)
MONDAY_OPEN = at("2026-11-23T14:30:00")              # Monday 9:30 am: the hedges fill
WEEKEND = (  # (instant, who, side, token): the 24/7 exchange keeps trading while the market is shut
    (at("2026-11-20T23:00:00"), "ada", "buy", GAP_TOKEN),   # Friday 6:00 pm, after the close
    (at("2026-11-21T12:00:00"), "bo", "buy", GAP_TOKEN),    # Saturday 7:00 am, before the news
    (at("2026-11-21T16:00:00"), "cy", "buy", GAP_TOKEN),    # Saturday 11:00 am, after it
    (at("2026-11-22T18:00:00"), "ada", "buy", GAP_TOKEN),   # Sunday 1:00 pm
    (at("2026-11-22T18:00:00"), "bo", "buy", "NVDAx"),      # Sunday 1:00 pm, a stock with no news
    (at("2026-11-22T20:00:00"), "bo", "sell", GAP_TOKEN),   # Sunday 3:00 pm, a redemption
    (at("2026-11-23T12:00:00"), "cy", "buy", GAP_TOKEN),    # Monday 7:00 am, before the open
)
REDEEM_AT = WEEKEND[5][0]


def unhedged(world: World, since: datetime) -> dict[str, Any]:
    """The SPV's weekend exposure now: the shares of the mints taken since `since` whose hedge has not
    filled, valued at the price quoted now (off-hours: Friday's close)."""
    mints = [m for m in whole(world.clients.issuer.ListMints, issuer_pb2.ListMintsRequest()).mints
             if from_ts(m.at) >= since]
    book = orders(world, issuer_accounts(world))
    row: dict[str, Any] = {"at": iso(world.now())}
    for token, symbol in ((GAP_TOKEN, GAP_SYMBOL), ("NVDAx", "NVDA")):
        shares = sum((from_pb(book[m.hedge_order_id].quantity) for m in mints if m.token == token
                      and m.hedge_order_id in book
                      and book[m.hedge_order_id].status == statuses_pb2.ORDER_STATUS_ACCEPTED), ZERO)
        quoted = price(world, symbol, world.now())
        row[token] = f"{fmt(shares)} shares unhedged x ${quoted} = ${usd(shares * quoted)}"
    return row


def weekend_gap(world: World) -> tuple[dict[str, str], dict[str, Any]]:
    def day(morning: datetime) -> None:
        world.buy("cy", GAP_TOKEN, Decimal(1))

    world.run_days(at("2026-11-20T22:45:00"), day)
    exposure = [unhedged(world, FRIDAY_CLOSE)]
    for instant, who, side, token in WEEKEND:
        if instant > NEWS_AT >= world.now():
            world.advance_to(NEWS_AT)  # the scheduled price-gap starts here: nothing quoted shows it yet
            world.note("market", f"news on {GAP_SYMBOL} over the weekend: it will gap at Monday's open")
        world.advance_to(instant)
        if side == "buy":
            world.buy(who, token, Decimal(world.rng.randrange(5, 21)))
        else:
            world.sell(who, token, Decimal(2))
        exposure.append(unhedged(world, FRIDAY_CLOSE))
    world.advance_to(at("2026-11-23T14:31:00"))  # a minute after the open: the hedges have filled
    exposure.append(unhedged(world, FRIDAY_CLOSE))
    world.run_days(END)

    close, opens = price(world, GAP_SYMBOL, FRIDAY_CLOSE), price(world, GAP_SYMBOL, MONDAY_OPEN)
    book = orders(world, issuer_accounts(world))
    per_mint, total = [], {GAP_TOKEN: ZERO, "NVDAx": ZERO}
    for m in whole(world.clients.issuer.ListMints, issuer_pb2.ListMintsRequest()).mints:
        if not FRIDAY_CLOSE <= from_ts(m.at) < MONDAY_OPEN or m.hedge_order_id not in book:
            continue
        hedge = book[m.hedge_order_id]
        shares, fill = from_pb(hedge.filled_quantity), from_pb(hedge.filled_avg_price)
        paid = from_pb(m.cost) - from_pb(m.fee)  # what the holder paid for the shares, the fee apart
        cost = shares * fill - paid
        total[m.token] += cost
        per_mint.append({"mint": m.mint_id, "at": iso(from_ts(m.at)), "token": m.token, "tokens": m.quantity.value,
                         "price paid": m.price.value, "hedge fill": fmt(fill), "hedge shares": fmt(shares),
                         "paid for the shares (USD)": usd(paid), "hedge cost (USD)": usd(shares * fill),
                         "SPV's hedging cost (+) or gain (-) (USD)": usd(cost), "fee kept (USD)": m.fee.value})
    sale = next((r for r in whole(world.clients.issuer.ListRedemptions, issuer_pb2.ListRedemptionsRequest()).redemptions
                 if from_ts(r.requested_at) == REDEEM_AT), None)
    move = (opens / close - 1) * 100
    findings = {
        "the gap": f"{GAP_SYMBOL} closed at ${close} on Friday 20 November and opened at ${opens} on Monday 23 "
                   f"November: {move.quantize(CENT)}% (the seeded move of the price-gap fault, on top of the "
                   "market's own opening draw); until that open every quote was Friday's close",
        "weekend mints, hedged at Monday's open": per_mint,
        "the SPV's hedging cost (+) or gain (-)": {
            token: f"${usd(value)}" for token, value in total.items()},
        "why": "the issuer prices a weekend mint at the last close and cannot hedge until the market opens: "
               "the holder gets the token at Friday's price and the SPV buys the shares at Monday's. A gap "
               "down is the SPV's gain and the weekend buyer's loss (against the Monday price); a gap up, "
               "with the same mints, would be the SPV's cost: it is short the stock all weekend",
        "exposure carried over the weekend": exposure,
        "a weekend redemption": (
            f"bo sold {sale.quantity.value} {GAP_TOKEN} on Sunday, when ${close} was quoted; the SPV sold the "
            f"shares at Monday's open at ${sale.sale_price.value} and pays what that sale fetched, less its fee, "
            f"once it settles: the holder, not the SPV, takes the gap "
            f"(${usd(from_pb(sale.quantity) * (from_pb(sale.sale_price) - close))} against Sunday's quote)"
            if sale is not None else "none"),
    }
    return {
        "at": iso(NEWS_AT),
        "what": f"news on {GAP_SYMBOL} over the weekend: control's market data gaps it at Monday's open "
                f"({GAP_SESSION}) by a seeded move, while the exchange keeps taking mints at Friday's close",
    }, findings


# --- settlement-fail-cascade ----------------------------------------------------------------------

FAIL_SYMBOL, FAIL_TOKEN = "AAPL", "AAPLx"
FAIL_FROM = at("2026-11-25T12:00:00")                 # Wednesday 25 November, 7:00 am
FAIL_UNTIL = at("2026-12-01T14:00:00")                # Tuesday 1 December, 9:00 am: the street never cures it
FAIL_DATES = ("2026-11-25", "2026-11-27", "2026-11-30", "2026-12-01")  # settlement days (not Thanksgiving)
DIVIDEND = ("0.26", "2026-11-30", "2026-12-01")       # USD per share, record date, pay date
CASCADE_END = at("2026-12-01T22:45:00")               # Tuesday 1 December, 5:45 pm


def owed_now(world: World) -> dict[str, Any]:
    """Each broker customer's AAPL purchases due by today and not delivered to it (failing)."""
    today = world.now().astimezone(calendar.NEW_YORK).date().isoformat()
    owed = {}
    customers = (("the SPV (its hedges)", issuer_accounts(world)), (TRADITIONAL, [world.traditional[TRADITIONAL][0]]))
    for name, accounts in customers:
        waiting = [o for o in orders(world, accounts).values()
                   if o.symbol == FAIL_SYMBOL and o.status == statuses_pb2.ORDER_STATUS_FILLED and not o.settled
                   and o.side == broker_pb2.BUY
                   and o.settlement_date <= today]
        shares = sum((from_pb(o.filled_quantity) for o in waiting), ZERO)
        paid = sum((from_pb(o.filled_quantity) * from_pb(o.filled_avg_price) for o in waiting), ZERO)
        owed[name] = f"{len(waiting)} purchases due and not delivered: {fmt(shares)} {FAIL_SYMBOL} (${usd(paid)} paid)"
    waiting_payout = [r for r in whole(world.clients.issuer.ListRedemptions,
                                       issuer_pb2.ListRedemptionsRequest()).redemptions
                      if r.token == FAIL_TOKEN and r.status == statuses_pb2.REDEMPTION_STATUS_SOLD
                      and from_ts(r.requested_at) < world.now()]
    owed["redeeming holders"] = (
        f"{len(waiting_payout)} {FAIL_TOKEN} redemptions sold and not yet paid: the SPV's sales net into the "
        "broker's failing CNS position, so they wait with it" if waiting_payout else "none waiting")
    return owed


def settlement_fail_cascade(world: World) -> tuple[dict[str, str], dict[str, Any]]:
    amount, record_date, pay_date = DIVIDEND
    action = world.attempt(
        "AAPL's paying agent", f"announce a ${amount} dividend, record date {record_date}, paid {pay_date}",
        lambda: world.clients.depository.AnnounceDividend(depository_pb2.AnnounceDividendRequest(
            request_id=world.rid("dividend"), symbol=FAIL_SYMBOL, amount=to_pb(Decimal(amount)),
            record_date=record_date, pay_date=pay_date)),
        lambda a: a.action_id)

    def day(morning: datetime) -> None:
        world.buy("cy", FAIL_TOKEN, Decimal(world.rng.randrange(1, 4)))
        world.broker_order(TRADITIONAL, FAIL_SYMBOL, "buy", Decimal(1))
        if morning.weekday() == 4:
            world.sell("bo", FAIL_TOKEN, Decimal(1))

    world.run_days(at("2026-11-30T22:45:00"), day)  # the evening before the deadline: the fail at its widest
    owed = owed_now(world)
    world.advance_to(at("2026-12-01T05:00:00"))  # Tuesday: the deadline's day
    world.run_days(CASCADE_END, day)

    cns = []
    for day_text in ("2026-11-24", *FAIL_DATES):
        report = world.clients.depository.GetSettlement(depository_pb2.SettlementRequest(settlement_date=day_text))
        for line in report.lines:
            if line.symbol == FAIL_SYMBOL:
                cns.append({"settlement date": day_text, "participant": line.participant_id,
                            "net (+receive/-deliver)": line.net_quantity.value,
                            "settled": line.settled_quantity.value, "open fail": line.failed_quantity.value,
                            "status": OBLIGATION_WORDS[line.status]})
    widest = next((r["open fail"] for r in cns if r["settlement date"] == FAIL_DATES[-2]
                   and r["participant"] != STREET_PARTICIPANT), "0")
    failed_sales = [t for t in all_pages(world.clients.depository.ListTrades, depository_pb2.ListTradesRequest(
        participant_id=STREET_PARTICIPANT), lambda page: page.trades)
        if t.symbol == FAIL_SYMBOL and t.settlement_date in FAIL_DATES[:-1]]
    proceeds = sum((from_pb(t.amount) * (1 if t.seller == STREET_PARTICIPANT else -1) for t in failed_sales), ZERO)
    buy_ins = list(all_pages(world.clients.depository.ListBuyIns, depository_pb2.ListBuyInsRequest(symbol=FAIL_SYMBOL),
                             lambda page: page.buy_ins))
    charged = sum((from_pb(b.cost) for b in buy_ins), ZERO)
    entitlements = list(all_pages(world.clients.depository.ListEntitlements, depository_pb2.ListEntitlementsRequest(
        action_id=action.action_id), lambda page: page.entitlements)) if action else []
    on_fail = sum((from_pb(e.pending) for e in entitlements if from_pb(e.pending) > 0), ZERO)
    diverted = round_down(on_fail * Decimal(amount), 2)
    findings = {
        "CNS positions in AAPL, settlement day by settlement day": cns,
        "who was owed what on Monday 30 November (the evening before the deadline)": {
            **owed,
            "the SPV's AAPLx": next((f"{t['on_chain']} tokens on chain; {t['shares_backed']} shares settled, "
                                     f"{t['shares_pending']} bought and not settled (failing, or due tomorrow)"
                                     for d in world.daily if d["at"] == "2026-11-30T22:45:00Z"
                                     for t in d["tokens"] if t["token"] == FAIL_TOKEN), "not seen"),
            "the broker at DTC": f"a fail to receive of {widest} {FAIL_SYMBOL}, its customers' purchases net of "
                                 "their sales (a redemption's sale nets into it and waits with it): NSCC owes it the "
                                 "shares (CNS is the counterparty to every trade, so the broker is owed by NSCC, not "
                                 "by the street)",
            "the street at DTC": "a fail to deliver, paid in full on each settlement date (NSCC settles net "
                                 "money in full) for shares it has not delivered",
        },
        "the dividend the fail diverts": {
            "announcement": f"{action.action_id}: ${amount} per share, record date {record_date} (inside the "
                            f"fail), paid {pay_date}" if action else "refused",
            "entitlements at DTC": [{"participant": e.participant_id, "settled": e.settled.value,
                                     "pending (+ to receive / - to deliver)": e.pending.value,
                                     "shares": e.shares.value, "cash": e.cash.value, "paid": str(e.paid)}
                                    for e in entitlements],
            "how": "at the record date DTC entitles each participant to its settled position plus its open CNS "
                   "obligations: the broker, failing to receive, is credited the dividend on the shares not "
                   "delivered, and the street, failing to deliver, is charged it (dividends on open fails are "
                   "debited and credited), so the holder of record's dividend follows the trade, not the "
                   f"delivery: ${usd(diverted)} on the {fmt(on_fail)} shares not delivered, charged to the street "
                   "and credited to the broker, which owes it to the customers who bought them",
        },
        "the buy-in": [{"buy-in": b.buy_in_id, "failing participant": b.participant_id,
                        "shares": b.quantity.value, "failing since": b.failing_since, "deadline": b.deadline,
                        "executed at": iso(from_ts(b.executed_at)), "price": b.price.value,
                        "cost charged": usd(from_pb(b.cost)),
                        "delivered to": ", ".join(f"{h.participant_id} {h.quantity.value}" for h in b.delivered),
                        "rule": b.rule} for b in buy_ins],
        "the failing seller's cost": (
            f"the street was paid ${usd(proceeds)} on the settlement dates for the AAPL it failed to deliver (NSCC "
            f"settles net money in full) and was charged ${usd(charged)} for the buy-in: the fail cost it "
            f"${usd(charged - proceeds)} (negative: the price fell while it failed). In the sandbox the street is "
            "also the market the buy-in buys from, so its cash nets out; a failing firm apart from the market "
            "pays it" if buy_ins else "no buy-in"),
        "after the buy-in": owed_now(world),
        "why the deadline": "Reg SHO Rule 204(a)(1): a long sale's fail is closed out by the open of the third "
                            "consecutive settlement day after the settlement date; Thanksgiving (26 November) is "
                            "no settlement day, so a fail from Wednesday 25 November is bought in at the open of "
                            "Tuesday 1 December",
    }
    return {
        "at": iso(FAIL_FROM),
        "what": f"participant {STREET_PARTICIPANT} (the street) withholds its {FAIL_SYMBOL} on every settlement "
                f"date until {iso(FAIL_UNTIL)}: the broker's purchases fail to settle",
    }, findings


WEEKEND_GAP_FAULTS: tuple[ScheduledFault, ...] = (TargetedFault(
    "price-gap", NEWS_AT, None, "drill: news on AAPL over the weekend", symbol=GAP_SYMBOL,
    settlement_date=GAP_SESSION.isoformat()),)
SETTLEMENT_FAIL_FAULTS: tuple[ScheduledFault, ...] = (TargetedFault(
    "settlement-fail", FAIL_FROM, FAIL_UNTIL, "drill: the street withholds AAPL", symbol=FAIL_SYMBOL,
    participant_id=STREET_PARTICIPANT),)

