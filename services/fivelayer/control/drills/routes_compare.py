"""The route comparison (issue 19): one stock bought for the same dollars on each of the three routes,
held over a dividend, a weekend gap and both insolvencies, in one drill world. The gathering: it drives
the world and reads what each layer says; `routes_report` does the arithmetic.

The span (UTC instants; New York time in the comments): a fresh sandbox at the drills' START (Monday
16 November 2026), where the stock's paying agent announces a cash dividend, record (= ex) date Monday
23 November, paid Tuesday 24 November (the broker allocates it at 10:00). On Friday 20 November at
9:35 am three fresh exchange users, each funded with the same FUSD (the amount plus HEADROOM for fees and
the traditional route's collar), buy the same shares of exposure (the amount at the price then): the token
(Buy: a mint at the issuer),
the stock (BuyStock: the user's own account at the broker) and the perp (PlacePerpOrder on SYMBOL-PERP,
a market buy at leverage 1). News on Saturday gaps the stock at Monday's open (control's `price-gap`
fault, as the weekend-gap drill). The value of each holder (position and cash) is read at each
session's close, on Sunday and a minute after Monday's open; the end is Tuesday once the dividend is paid.
The span is as short as the story allows (Friday, the weekend, Monday, Tuesday morning): while a perp
position is open the exchange updates its oracle every minute of a session and every five minutes
outside, and each update is a job the clock runs.

The buy's instant: just after Friday's open. The exchange's perp jobs (perps-exch e03ed5a) start from
the exchange's job watermark, its last job before the position opened (Thursday's 17:30 redemption
sync), so the first advance after the buy runs every update and funding round since then in one call;
the nearer the buy to that watermark, the smaller that burst (and the fewer funding rounds charged for
hours before the position existed: an exchange bug, reported).

Why both insolvencies in the same world, one after the other, and not a world each: each drill is
terminal for its layer, but neither moves what the other reads. The issuer fails first (the
issuer-insolvency drill's effects: its FUSD treasury drained by a stolen key, then the `insolvency`
fault): the estate values each token's claim and recovery at its declaration, and the holders' shares
and cash at the broker are untouched (the stolen treasury was FUSD on chain, and the SPV's accounts only
pass to the estate). The broker fails a quarter of an hour later (the broker-insolvency drill's
`broker-failure` fault, a fifth of customer property missing): the trustee values each customer's net
equity at that instant, which the SPV's failure did not change, so the SPV's recovery spread over its
token holders is the one a separate world would give, and the traditional holder's is hers. A second
world would replay the same span for a figure the first already gives, doubling the run. What the
report does not show is the two failures compounding (the broker's payout to an estate rather than to
a solvent SPV): it says so. The perp holder's claim is on the exchange, which neither failure reaches.
"""
from __future__ import annotations

import json
from datetime import datetime, timedelta
from decimal import ROUND_DOWN, Decimal

from fivelayer.control import ports, reasons
from fivelayer.control.drills.market_drills import TargetedFault
from fivelayer.control.drills.money_drills import ParamFault, spread_recovery
from fivelayer.control.drills.routes_report import (
    CENT,
    Facts,
    Point,
    Recovered,
    assemble,
    in_kind_dividend,
    shares_for,
    to_message,
)
from fivelayer.control.drills.scenarios import ScheduledFault, at, issuer_account
from fivelayer.control.drills.world import START, World, named, wallet
from fivelayer.control.timeline import Timeline, digest
from fivelayer.kernel.errors import DomainError, require
from fivelayer.kernel.money import ZERO, fmt, from_pb, round_down, to_pb
from fivelayer.kernel.paging import whole
from fivelayer.kernel.reasons import Common
from fivelayer.kernel.reference import LISTINGS, STABLECOIN
from fivelayer.kernel.timeutil import iso
from fivelayer.v1 import (
    broker_pb2,
    common_pb2,
    control_pb2,
    depository_pb2,
    exchange_pb2,
    issuer_pb2,
    perpetuals_pb2,
    statuses_pb2,
)

BUY_AT = at("2026-11-20T14:35:00")            # Friday 9:35 am, in session (see "The buy's instant")
NEWS_AT = at("2026-11-21T14:00:00")           # Saturday 9:00 am: the news (the price-gap fault starts)
GAP_SESSION = "2026-11-23"                    # Monday: its open gaps
RECORD_DATE, PAY_DATE = "2026-11-23", "2026-11-24"  # Monday; paid Tuesday (the broker allocates at 10:00)
SAMPLES = ((at("2026-11-20T14:36:00"), "Friday, bought"), (at("2026-11-20T21:00:00"), "Friday close"),
           (at("2026-11-22T21:00:00"), "Sunday"), (at("2026-11-23T14:31:00"), "Monday open"),
           (at("2026-11-23T21:00:00"), "Monday close"), (at("2026-11-24T15:05:00"), "Tuesday, paid"))
END = at("2026-11-24T15:05:00")               # Tuesday 10:05 am: the dividend has been paid
DRAIN_AT = at("2026-11-24T15:10:00")          # the SPV's hot key is stolen
ISSUER_FAILS = at("2026-11-24T15:15:00")      # Tuesday 10:15 am
BROKER_FAILS = at("2026-11-24T15:30:00")      # Tuesday 10:30 am
SHORTFALL = "0.2"                             # as the broker-insolvency drill: a fifth of customer property
HEADROOM = Decimal("1.05")                    # each holder's FUSD: the amount + 5% (fees, the collar)
ORDER = statuses_pb2.ExchangeOrderStatus        # an exchange order's status, worded in the steps by `named`
DIVIDEND_YIELD = Decimal("0.0025")            # a quarter of a 1% yearly yield on the price at the announcement
COUNTRY = "GBR"                               # every holder's tax residence: a W-8BEN at the treaty rate
MAX_PAGES = 100
STEP, MAX_STEPS = timedelta(hours=3), 200      # the clock's advances (START to the end: about 70)
ISSUER, BROKER = "issuer-insolvency", "broker-insolvency"


def faults(symbol: str) -> tuple[ScheduledFault, ...]:
    return (TargetedFault("price-gap", NEWS_AT, None, f"routes: news on {symbol} over the weekend", symbol=symbol,
                          settlement_date=GAP_SESSION),
            ScheduledFault("insolvency", ISSUER_FAILS, None, "its stablecoin treasury was stolen; liabilities "
                           "exceed assets"),
            ParamFault("broker-failure", BROKER_FAILS, None, "routes: the self-clearing broker fails with customer "
                       "property missing; SIPC appoints a trustee", fraction=SHORTFALL))


class Comparison:
    """The three holders in one world, and what the layers say about each."""

    def __init__(self, world: World, symbol: str, amount: Decimal) -> None:
        self.world, self.symbol, self.amount = world, symbol, amount
        products = world.clients.issuer.ListProducts(issuer_pb2.ListProductsRequest()).products
        self.token = next((p.token for p in products if p.underlying == symbol), "")
        self.perp = f"{symbol}-PERP"
        self.facts = {"tokenized": Facts("tokenized", "", self.token), "traditional": Facts("traditional", "", symbol),
                      "perpetual": Facts("perpetual", "", self.perp)}
        self.shares = ZERO
        self.dividend = ZERO

    # --- reads -----------------------------------------------------------------------------------

    @property
    def clients(self) -> ports.Clients:
        return self.world.clients

    def price(self) -> Decimal:
        return from_pb(self.clients.market_data.GetPrice(control_pb2.PriceRequest(symbol=self.symbol)).price)

    def balances(self, route: str) -> dict[tuple[str, str], Decimal]:
        reply = self.clients.exchange.GetBalances(exchange_pb2.UserRequest(user_id=self.world.users[route]))
        return {(b.asset, b.route): from_pb(b.available) + from_pb(b.pending) for b in reply.balances}

    def multiplier(self) -> Decimal:
        products = self.clients.issuer.ListProducts(issuer_pb2.ListProductsRequest()).products
        return next((from_pb(p.multiplier, Decimal(1)) for p in products if p.token == self.token), Decimal(1))

    def perp_position(self) -> perpetuals_pb2.PerpPosition | None:
        reply = self.clients.perpetuals.GetPerpPositions(perpetuals_pb2.PerpPositionsRequest(
            user_id=self.world.users["perpetual"], symbol=self.perp))
        return next((p for p in reply.positions if p.symbol == self.perp), None)

    def holding(self, route: str, price: Decimal) -> tuple[Decimal, Decimal, Decimal, Decimal, Decimal]:
        """(quantity held, shares of exposure, the position's value, its cash at the route's own layer (the
        traditional holder's USD at the broker), FUSD at the exchange) of a route's holder now."""
        if self.facts[route].reason:
            return ZERO, ZERO, ZERO, ZERO, ZERO
        held = self.balances(route)
        fusd = sum((v for (asset, _), v in held.items() if asset == STABLECOIN), ZERO)
        if route == "tokenized":
            tokens = held.get((self.token, "custody"), ZERO)
            exposure = tokens * self.multiplier()
            return tokens, exposure, exposure * price, ZERO, fusd
        if route == "traditional":
            shares = held.get((self.symbol, "traditional"), ZERO)
            return shares, shares, shares * price, held.get(("USD", "traditional"), ZERO), fusd
        position = self.perp_position()
        size = from_pb(position.size) if position else ZERO
        return size, size, from_pb(position.equity) if position else ZERO, ZERO, fusd

    def sample(self, label: str) -> None:
        price = self.price()
        for route, facts in self.facts.items():
            if facts.reason:
                continue
            _, _, position, own_cash, fusd = self.holding(route, price)
            facts.values.append(Point(iso(self.world.now()), label, price, position + own_cash + fusd))

    # --- acts ------------------------------------------------------------------------------------

    def advance(self, to: datetime) -> None:
        """Advance the clock to `to` a few hours at a time: each advance returns when its jobs are done, and
        a perp position's oracle updates (one a minute in a session) must not outlast one call's deadline."""
        for _ in range(MAX_STEPS):
            now = self.world.now()
            if now >= to:
                return
            self.world.advance_to(min(to, now + STEP))
        raise AssertionError(f"the clock did not reach {iso(to)} in {MAX_STEPS} steps")

    def open_holders(self) -> None:
        deposit = (self.amount * HEADROOM).quantize(Decimal("0.01"))
        for route, facts in self.facts.items():
            user = self.clients.exchange.CreateUser(exchange_pb2.CreateUserRequest(
                request_id=self.world.rid(route), name=f"{route} holder", country=COUNTRY))
            self.world.users[route] = facts.holder = user.user_id
            request = exchange_pb2.DepositRequest(request_id=self.world.rid("deposit"), user_id=user.user_id,
                                                  amount=to_pb(deposit))
            self.deposit(route, request)

    def deposit(self, route: str, request: exchange_pb2.DepositRequest) -> None:
        self.world.attempt(route, f"deposit {request.amount.value} {STABLECOIN}",
                           lambda: self.clients.exchange.Deposit(request), lambda _: "credited")

    def announce_dividend(self) -> None:
        self.dividend = round_down(self.price() * DIVIDEND_YIELD, 2) or Decimal("0.01")
        self.world.attempt(f"{self.symbol}'s paying agent",
                           f"announce a ${self.dividend} dividend, record date {RECORD_DATE}, paid {PAY_DATE}",
                           lambda: self.clients.depository.AnnounceDividend(depository_pb2.AnnounceDividendRequest(
                               request_id=self.world.rid("dividend"), symbol=self.symbol,
                               amount=to_pb(self.dividend), record_date=RECORD_DATE, pay_date=PAY_DATE, late=True)),
                           lambda a: a.action_id)

    def buy(self) -> None:
        """The same shares of exposure on each route, at the same instant; a refusal is the route's outcome."""
        w, users = self.world, self.world.users
        self.shares = shares_for(self.amount, self.price())
        q = to_pb(self.shares)
        token = exchange_pb2.TradeRequest(request_id=w.rid("buy"), user_id=users["tokenized"], token=self.token,
                                          quantity=q)
        self.refused("tokenized", w.attempt(
            "tokenized", f"buy {self.shares} {self.token} on the exchange", lambda: self.clients.exchange.Buy(token),
            lambda o: f"{o.order_id} {named(ORDER, o.status)} {o.amount.value} {STABLECOIN}"))
        stock = exchange_pb2.TradeRequest(request_id=w.rid("buy-stock"), user_id=users["traditional"],
                                          symbol=self.symbol, quantity=q)
        self.refused("traditional", w.attempt(
            "traditional", f"buy {self.shares} {self.symbol} at the broker",
            lambda: self.clients.exchange.BuyStock(stock), lambda o: f"{o.order_id} {named(ORDER, o.status)}"))
        perp = perpetuals_pb2.PlacePerpOrderRequest(
            request_id=w.rid("perp"), user_id=users["perpetual"], symbol=self.perp, side=perpetuals_pb2.PERP_SIDE_BUY,
            type=perpetuals_pb2.PERP_ORDER_TYPE_MARKET, size=q, leverage=1)
        self.refused("perpetual", w.attempt(
            "perpetual", f"buy {self.shares} {self.perp} at leverage 1",
            lambda: self.clients.perpetuals.PlacePerpOrder(perp),
            lambda o: f"{o.order_id} {statuses_pb2.PerpOrderStatus.Name(o.status)}"))

    def refused(self, route: str, order: object | None) -> None:
        if order is None:
            step = self.world.steps[-1]
            self.facts[route].reason = f"{step.result}: {step.detail}"

    # --- the end: what each holder has, was paid and paid ----------------------------------------

    def settle_up(self) -> None:
        price = self.price()
        for route, facts in self.facts.items():
            if facts.reason:
                continue
            facts.quantity, facts.exposure, position, own_cash, fusd = self.holding(route, price)
            facts.price, facts.cash = price, own_cash + fusd
            if route == "perpetual":
                facts.position_value = position
        self.fees_and_dividends()

    def fees_and_dividends(self) -> None:
        users = self.world.users
        for route in ("tokenized", "traditional"):
            facts = self.facts[route]
            if not facts.reason:
                orders = whole(self.clients.exchange.ListOrders,
                               exchange_pb2.ListUserOrdersRequest(user_id=users[route])).orders
                facts.fees = sum((from_pb(o.fee) for o in orders), ZERO)
        tokenized = self.facts["tokenized"]
        ex = next((e for e in whole(self.clients.issuer.ListExDividends,
                                    issuer_pb2.ListExDividendsRequest()).ex_dividends
                   if e.token == self.token), None)
        if ex is not None and not tokenized.reason:
            tokenized.dividend_gross, tokenized.withholding, tokenized.dividend_received = in_kind_dividend(
                tokenized.quantity, from_pb(ex.multiplier_before), from_pb(ex.multiplier_after),
                from_pb(ex.dividend), from_pb(ex.withholding_rate), from_pb(ex.reference))
        tokenized.dividend_terms = self.terms()
        traditional = self.facts["traditional"]
        if not traditional.reason:
            notices = whole(self.clients.exchange.ListNotices, exchange_pb2.UserNoticesRequest(
                user_id=users["traditional"], kind="dividend")).notices
            paid = [n for n in notices if n.symbol == self.symbol]
            traditional.dividend_gross = sum((from_pb(n.gross) for n in paid), ZERO)
            traditional.withholding = sum((from_pb(n.withheld) for n in paid), ZERO)
            traditional.dividend_received = sum((from_pb(n.net) for n in paid), ZERO)
            rate = paid[0].withholding_rate.value if paid else ""
            traditional.dividend_terms = (f"paid in cash to her own account at the broker, a beneficial owner "
                                          f"of record on {RECORD_DATE}, withheld at {rate} ({COUNTRY}, W-8BEN)")
        perp = self.facts["perpetual"]
        perp.dividend_terms = ("no dividend: a perp has no shares behind it and, as trade.xyz's equity perps, makes no "
                               "adjustment at the ex-date; funding is its only flow")
        if not perp.reason:
            perp.dividend_gross = (self.dividend * perp.exposure).quantize(CENT, ROUND_DOWN)  # had it been shares
            history = self.perp_history()
            perp.funding = [from_pb(e.amount) for e in history if e.kind == perpetuals_pb2.PERP_ENTRY_KIND_FUNDING]
            position = self.perp_position()
            perp.fees = from_pb(position.fees) if position else sum(
                (-from_pb(e.amount) for e in history if e.kind == perpetuals_pb2.PERP_ENTRY_KIND_FILL), ZERO)

    def terms(self) -> str:
        """The token's dividend clause, from its contract file's terms as the issuer serves them."""
        products = {p.token: p for p in self.clients.issuer.ListProducts(issuer_pb2.ListProductsRequest()).products}
        terms = json.loads(products[self.token].terms_json or "{}") if self.token in products else {}
        policy = terms.get("dividends", "")
        paid = {"reinvest": "reinvested by the SPV through the multiplier, net of the tax withheld from the SPV; "
                            "no cash reaches the holder",
                "stablecoin": "paid out per token in stablecoin by the SPV, net of the tax withheld from it",
                "none": "kept by the SPV"}.get(policy, policy)
        return f"per {self.token}'s terms (dividends = {policy!r}): {paid}"

    def perp_history(self) -> list[perpetuals_pb2.PerpHistoryEntry]:
        out: list[perpetuals_pb2.PerpHistoryEntry] = []
        token = ""
        for _ in range(MAX_PAGES):
            page = self.clients.perpetuals.GetPerpHistory(perpetuals_pb2.PerpHistoryRequest(
                user_id=self.world.users["perpetual"], symbol=self.perp, limit=1000, page_token=token))
            out += page.entries
            token = page.next_page_token
            if not token:
                break
        return out

    # --- the insolvencies ------------------------------------------------------------------------

    def issuer_fails(self) -> None:
        w = self.world
        self.advance(DRAIN_AT)
        w.attempt("attacker", "drains the SPV's FUSD treasury with its stolen hot key",
                  lambda: self.clients.issuer.CompromiseKey(issuer_pb2.CompromiseKeyRequest(
                      request_id=w.rid("hack"), to_address=wallet("attacker"),
                      reason="routes: the SPV's hot key is stolen")), lambda _: "drained")
        self.advance(ISSUER_FAILS + timedelta(minutes=1))  # the scheduled insolvency has been declared
        estate = self.clients.issuer.GetEstate(common_pb2.Empty())
        rate = next((t for t in estate.tokens if t.token == self.token), None)
        tokenized = self.facts["tokenized"]
        if rate is not None and not tokenized.reason:
            claim, paid = from_pb(rate.claim_per_token), from_pb(rate.recovery_per_token)
            tokenized.recoveries.append(Recovered(
                ISSUER, tokenized.quantity * claim, tokenized.quantity * paid,
                f"{rate.standing}: the estate pays {per_token(paid)} per token of a {per_token(claim)} claim "
                f"({self.token}'s terms)"))
        price = self.price()
        self.unaffected(ISSUER, "traditional", price, "her shares are hers, in her own name at the broker: the SPV's "
                        "failure does not touch them")
        self.unaffected(ISSUER, "perpetual", price, "the perp's claim is on the exchange: no SPV behind it")

    def broker_fails(self) -> None:
        w = self.world
        price = self.price()
        tokenized = self.facts["tokenized"]
        claim = tokenized.quantity * self.multiplier() * price
        self.advance(BROKER_FAILS + timedelta(minutes=1))  # the scheduled failure: the trustee has taken over
        customers = self.liquidation()
        spv_account = issuer_account(w)
        spv = next((c for c in customers if c.account_id == spv_account or spv_account in c.account_ids), None)
        if not tokenized.reason:
            rate, paid = spread_recovery({"holder": claim}, from_pb(spv.recovered) if spv else ZERO)
            tokenized.recoveries.append(Recovered(
                BROKER, claim, paid["holder"],
                f"through the SPV, one customer for all its holders: its recovery (${spv.recovered.value if spv else 0}"
                f") spread over its token holders' claims at {rate}, ahead of the sponsor's loan; here after the SPV's "
                "own failure, which the report does not compound"))
        traditional = self.facts["traditional"]
        if not traditional.reason:
            account = self.clients.exchange.GetBrokerAccount(exchange_pb2.UserRequest(
                user_id=w.users["traditional"])).account_id
            mine = next((c for c in customers if c.account_id == account or account in c.account_ids), None)
            if mine is not None:
                traditional.recoveries.append(Recovered(
                    BROKER, from_pb(mine.net_equity), from_pb(mine.recovered),
                    f"a customer in her own name: her pro rata share of customer property ({mine.from_property.value}) "
                    f"and her own SIPC advance ({from_pb(mine.sipc_securities) + from_pb(mine.sipc_cash)})"))
        self.unaffected(BROKER, "perpetual", self.price(), "the perp's claim is on the exchange: no broker behind it")

    def liquidation(self) -> list[broker_pb2.CustomerRecovery]:
        """Every customer's recovery from the trustee, every page."""
        customers: list[broker_pb2.CustomerRecovery] = []
        token = ""
        for _ in range(MAX_PAGES):
            page = self.clients.broker.GetLiquidation(broker_pb2.LiquidationRequest(limit=1000, page_token=token))
            customers += page.customers
            token = page.next_page_token
            if not token:
                break
        return customers

    def unaffected(self, insolvency: str, route: str, price: Decimal, basis: str) -> None:
        """A holder the failure does not reach: what she has through her route, read after the failure from
        the layer that holds it (her broker account, the exchange's perp books): all of it is still hers."""
        facts = self.facts[route]
        if facts.reason:
            return
        _, _, position, own_cash, _ = self.holding(route, price)
        facts.recoveries.append(Recovered(insolvency, position + own_cash, position + own_cash, basis))


def per_token(value: Decimal) -> str:
    return fmt(value.quantize(Decimal("0.000001")))


def run(clients: ports.Clients, timeline: Timeline, market_seed: int, symbol: str, amount: Decimal,
        seed: int) -> control_pb2.RoutesReport:
    symbol = symbol.strip().upper()
    if symbol not in LISTINGS:
        raise DomainError(Common.UNKNOWN_SYMBOL, f"the routes compare a listed stock ({', '.join(sorted(LISTINGS))}), "
                          f"not {symbol!r}", symbol=symbol)
    require(amount > 0, Common.INVALID_ARGUMENT, "amount must be a positive number of dollars", field="amount")
    world = World(clients, seed)
    fresh = world.now() <= START and not whole(clients.exchange.ListUsers, exchange_pb2.ListUsersRequest()).users
    require(fresh, reasons.Control.SANDBOX_NOT_FRESH,
            f"the route comparison runs in a fresh sandbox whose clock is at or before {iso(START)}: use "
            f"`fivelayer routes compare`, or `fivelayer up --start {iso(START)}` with a new data folder")
    comparison = Comparison(world, symbol, amount)
    require(bool(comparison.token), Common.UNKNOWN_SYMBOL, f"the issuer has no token of {symbol}", symbol=symbol)
    world.advance_to(START)
    for n, fault in enumerate(faults(symbol)):
        clients.faults.InjectFault(fault.request(f"routes:{symbol}:{seed}:fault:{n}"))
    comparison.announce_dividend()
    comparison.open_holders()
    comparison.advance(BUY_AT)
    comparison.buy()
    for instant, label in SAMPLES:
        comparison.advance(instant)
        comparison.sample(label)
    comparison.advance(END)
    comparison.settle_up()
    comparison.issuer_fails()
    comparison.broker_fails()
    timeline.sync()
    rows = timeline.rows()
    span = {"from": iso(BUY_AT), "to": iso(END), "dividend": {"per_share": str(comparison.dividend),
                                                            "record_date": RECORD_DATE, "pay_date": PAY_DATE},
            "gap_session": GAP_SESSION, "issuer_fails": iso(ISSUER_FAILS), "broker_fails": iso(BROKER_FAILS),
            "shares_of_exposure": str(comparison.shares),
            "story": f"Each holder deposits ${(amount * HEADROOM).quantize(Decimal('0.01'))} FUSD and on Friday "
                     f"{iso(BUY_AT)} buys {comparison.shares} shares of exposure to {symbol}; a ${comparison.dividend}"
                     f" dividend has record date {RECORD_DATE} and is paid {PAY_DATE}; news on Saturday gaps "
                     f"{symbol} at Monday's open; the issuer fails at {iso(ISSUER_FAILS)} and the broker at "
                     f"{iso(BROKER_FAILS)}."}
    report = assemble(symbol=symbol, amount=amount, seed=seed, market_seed=market_seed, span=span,
                      routes=list(comparison.facts.values()),
                      steps=[{"at": s.at, "actor": s.actor, "action": s.action, "result": s.result, "detail": s.detail}
                             for s in world.steps],
                      timeline={"events": len(rows), "digest": digest(rows)})
    return to_message(report)
