"""The three drills: each injects its fault into the common world and keeps the world running.

A scenario returns (the fault, what it found); the runner adds the invariants and the timeline.
Instants are UTC; the comments give New York time. The week is 16-23 November 2026.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from fivelayer.control import rights, rights_trace
from fivelayer.control.drills.world import TRADITIONAL, Step, StepKind, World, named, wallet
from fivelayer.control.reconcile import spv_accounts
from fivelayer.kernel import evm
from fivelayer.kernel.drills import CATALOGUE
from fivelayer.kernel.money import ZERO, from_pb
from fivelayer.kernel.paging import whole
from fivelayer.kernel.reference import ISSUER_ADDRESS, STABLECOIN
from fivelayer.kernel.timeutil import iso, to_ts
from fivelayer.v1 import broker_pb2, chain_pb2, common_pb2, control_pb2, issuer_pb2, statuses_pb2

END = datetime.fromisoformat("2026-11-23T22:45:00+00:00")  # Monday 5:45 pm: two more settlement cycles


# A mint whose hedge is one of these has its shares bought or on order: it is not unbacked.
BACKED = (statuses_pb2.HEDGE_STATUS_SETTLED, statuses_pb2.HEDGE_STATUS_FILLED, statuses_pb2.HEDGE_STATUS_ACCEPTED)


def at(text: str) -> datetime:
    return datetime.fromisoformat(f"{text}+00:00")


def issuer_account(world: World) -> str:
    """The SPV as the broker's customer (its first account): its route, status and SIPC claim."""
    return world.clients.issuer.ListProducts(issuer_pb2.ListProductsRequest()).broker_account_id


def issuer_accounts(world: World) -> list[str]:
    """Each product's own account at the broker (its hedges)."""
    return spv_accounts(world.clients.issuer.ListProducts(issuer_pb2.ListProductsRequest()))


def orders(world: World, accounts: list[str]) -> dict[str, broker_pb2.Order]:
    """The orders of a customer's accounts at the broker, by order id."""
    return {o.order_id: o for account in accounts
            for o in whole(world.clients.broker.ListOrders, broker_pb2.ListOrdersRequest(account_id=account)).orders}


def tally(steps: list[Step], kind: StepKind) -> tuple[int, int]:
    """(succeeded, tried) among the steps of one kind."""
    tried = [s for s in steps if s.kind == kind]
    return sum(1 for s in tried if s.result == "ok"), len(tried)


def last(world: World, actor: str, kind: StepKind) -> str:
    """The result of `actor`'s last step of one kind ("" if none)."""
    return next(
        (s.result for s in reversed(world.steps) if s.actor == actor and s.kind == kind), ""
    )


# --- halt-of-mint -------------------------------------------------------------------------------


HALT_AT, RESUME_AT = at("2026-11-18T15:00:00"), at("2026-11-20T15:00:00")  # Wed 10:00, Fri 10:00
CUT_AT = at("2026-11-18T14:15:00")  # Wed 9:15, before the open
LOSS_AT, INSOLVENT_AT = at("2026-11-18T14:55:00"), at("2026-11-18T15:00:00")  # Wed 9:55 and 10:00


def check_mint(world: World, symbol: str, to: str, amount: Decimal) -> None:
    """Would the issuer's own mint go through now? Simulated on chain as the issuer (eth_call):
    control holds no key of the issuer's, so nothing is signed or sent. Raises the contract's refusal."""
    token = world.clients.chain.GetToken(chain_pb2.TokenRequest(symbol=symbol))
    data: str = evm.interface(evm.contract_name(token.kind)).encode_abi(
        "mint", args=[evm.checksum(to), evm.to_units(amount, token.decimals)])
    world.clients.chain_service.CheckCall(chain_pb2.CheckCallRequest(
        symbol=symbol, sender=ISSUER_ADDRESS, data=bytes.fromhex(data.removeprefix("0x"))))


def halt_of_mint(world: World) -> tuple[dict[str, str], dict[str, Any]]:
    fault_at, resume_at = HALT_AT, RESUME_AT
    world.advance_to(fault_at)  # the scheduled halt starts here: the issuer's switch and the contracts' mint pause
    world.attempt(
        "issuer",
        "mint 1 AAPLx on chain directly (simulated as the issuer)",
        lambda: check_mint(world, "AAPLx", wallet("ada"), Decimal(1)),
        lambda _: "would go through",
        StepKind.MINT,
    )

    def day(morning: datetime) -> None:
        world.buy("cy", "AAPLx", Decimal(2))
        world.sell("bo", "NVDAx", Decimal(1))
        world.transfer("ada", "bo", "AAPLx", Decimal(1))

    world.run_days(resume_at, day)  # the halt ends by its time at `resume_at`
    halted = [s for s in world.steps if iso(fault_at) <= s.at < iso(resume_at)]
    world.note("issuer", "resumes minting")
    world.run_days(END, day)
    buys, sales, sends = (tally(halted, kind) for kind in (StepKind.BUY, StepKind.SELL, StepKind.SEND))
    findings = {
        "mint requests while halted": f"{buys[1] - buys[0]} of {buys[1]} exchange buys refused, with "
        f"{sorted({s.result for s in halted if s.kind == StepKind.BUY})}; a direct mint on chain "
        f"(simulated as the issuer) refused with {last(world, 'issuer', StepKind.MINT)}",
        "exchange policy": "orders on the tokenized route are refused at once with the issuer's reason, not queued",
        "on-chain transfers while halted": f"{sends[0]} of {sends[1]} went through",
        "redemptions while halted": f"{sales[0]} of {sales[1]} accepted; each is paid after its sale settles, T+1",
        "after resuming": f"the next buy: {last(world, 'cy', StepKind.BUY)}; unbacked shares at the end: "
        + ", ".join(f"{t['token']} {t['shares_unbacked']}" for t in world.daily[-1]["tokens"]),
    }
    return {
        "at": iso(fault_at),
        "what": "the issuer halts minting of every product (its own switch and the token "
        "contracts' mint pause); it resumes on Friday 20 November at 10:00 New York",
    }, findings


# --- api-cutoff ---------------------------------------------------------------------------------


def api_cutoff(world: World) -> tuple[dict[str, str], dict[str, Any]]:
    fault_at = CUT_AT
    world.advance_to(fault_at)  # the scheduled route cut starts here; no order moves before the open
    in_flight = list(orders(world, issuer_accounts(world)).values())
    waiting = [o.order_id for o in in_flight if o.status == statuses_pb2.ORDER_STATUS_ACCEPTED]
    unsettled = [o.order_id for o in in_flight if o.status == statuses_pb2.ORDER_STATUS_FILLED and not o.settled]
    world.advance_to(at("2026-11-18T14:20:00"))
    world.buy("cy", "AAPLx", Decimal(3))  # minted before the issuer knows: its hedge is refused
    world.advance_to(at("2026-11-18T14:25:00"))
    world.buy("ada", "AAPLx", Decimal(2))
    world.sell("bo", "NVDAx", Decimal(1))

    def day(morning: datetime) -> None:
        world.buy("ada", "NVDAx", Decimal(1))
        world.sell("cy", "AAPLx", Decimal(1))
        world.transfer("ada", "bo", "AAPLx", Decimal(1))
        world.broker_order(TRADITIONAL, "AAPL", "sell" if morning.day % 2 else "buy", Decimal(1))

    world.run_days(END, day)
    book = orders(world, issuer_accounts(world))
    mints = whole(world.clients.issuer.ListMints, issuer_pb2.ListMintsRequest()).mints
    products = world.clients.issuer.ListProducts(issuer_pb2.ListProductsRequest()).products
    findings = {
        "orders in flight at the cut": {
            "filled, not settled": ", ".join(
                f"{o} -> {'settled' if book[o].settled else named(statuses_pb2.OrderStatus, book[o].status)}"
                for o in unsettled
            )
            or "none",
            "not yet filled": ", ".join(
                f"{o} -> {named(statuses_pb2.OrderStatus, book[o].status)} ({book[o].reject_reason})" for o in waiting)
            or "none",
            "why": "a filled trade is a contract with the street: it settles at DTC whatever happens to the "
            "customer's route; an open order is the customer's instruction, and a broker off-boarding a "
            "client cancels its open orders at the next open rather than leave them stranded",
        },
        "mints without a hedge": [
            {"mint": m.mint_id, "token": m.token, "quantity": m.quantity.value,
             "hedge": named(statuses_pb2.HedgeStatus, m.hedge_status)
             + (f": {m.hedge_reason}" if m.hedge_reason else "")}
            for m in mints
            if m.hedge_status not in BACKED
        ],
        "the issuer": "halted: "
        + "; ".join(sorted({f"{p.token} mint={p.mint_halted} redeem={p.redemption_halted}" for p in products}))
        + f" — {products[0].halt_reason}",
        "unbacked exposure over time": [
            {
                "at": d["at"],
                **{
                    t["token"]: f"{t['shares_unbacked']} shares / ${t['unbacked_value']}"
                    for t in d["tokens"]
                    if Decimal(t["shares_unbacked"]) != ZERO
                },
            }
            for d in world.daily
            if d["at"] >= iso(fault_at)
        ],
        "the traditional route": f"{TRADITIONAL}'s orders at the broker: "
        + ", ".join(s.result for s in world.steps if s.actor == TRADITIONAL)
        + " — her own route is untouched",
    }
    return {
        "at": iso(fault_at),
        "what": "the broker cuts the SPV's API route (its key is refused with ROUTE_CUT)",
    }, findings


# --- issuer-insolvency --------------------------------------------------------------------------


def issuer_insolvency(world: World) -> tuple[dict[str, str], dict[str, Any]]:
    loss_at, fault_at = LOSS_AT, INSOLVENT_AT
    world.advance_to(at("2026-11-18T14:35:00"))  # Wed 9:35: dee holds both underlyings, as the users hold both tokens
    world.broker_order(TRADITIONAL, "NVDA", "buy", Decimal(10))
    world.advance_to(loss_at)
    treasury = world.clients.chain.BalanceOf(chain_pb2.BalanceRequest(symbol=STABLECOIN, address=ISSUER_ADDRESS)).amount
    # the SPV's hot key is stolen: the issuer (the only process holding that key) plays the thief's transfer
    world.clients.issuer.CompromiseKey(
        issuer_pb2.CompromiseKeyRequest(
            request_id=world.rid("hack"),
            to_address=wallet("attacker"),
            reason="drill issuer-insolvency: the SPV's hot key is stolen",
        )
    )
    world.note("attacker", f"drains {treasury.value} {STABLECOIN} from the SPV's treasury")
    world.advance_to(fault_at)  # the scheduled insolvency is declared here
    estate = world.clients.issuer.GetEstate(common_pb2.Empty())

    def day(morning: datetime) -> None:
        world.buy("cy", "AAPLx", Decimal(1))
        world.sell("bo", "AAPLx", Decimal(1))
        world.transfer("ada", "bo", "AAPLx", Decimal(1))
        world.withdraw("cy", "NVDAx", Decimal(1))
        world.broker_order(TRADITIONAL, "AAPL", "sell" if morning.day % 2 else "buy", Decimal(1))

    world.advance_to(at("2026-11-18T15:05:00"))
    day(world.now())
    world.run_days(END, day)
    rates = {t.token: (from_pb(t.claim_per_token), from_pb(t.recovery_per_token)) for t in estate.tokens}
    standing = {t.token: t.standing for t in estate.tokens}
    holdings = world.holdings()
    recovery = []
    for row in holdings:
        if row["asset"] in rates:
            quantity = Decimal(row["quantity"])
            claim, paid = rates[row["asset"]]
            recovery.append(
                {
                    "holder": row["holder"],
                    "where": row["where"],
                    "token": row["asset"],
                    "standing": standing[row["asset"]],
                    "tokens": str(quantity),
                    "claim_usd": str((quantity * claim).quantize(Decimal("0.01"))),
                    "recovery_usd": str((quantity * paid).quantize(Decimal("0.01"))),
                }
            )
    account = estate.broker_account_id
    spv_sipc = world.clients.broker.GetSipc(broker_pb2.AccountRequest(account_id=account))
    dee_account = world.traditional[TRADITIONAL][0]
    dee_sipc = world.clients.broker.GetSipc(broker_pb2.AccountRequest(account_id=dee_account))
    token_claims = sum((from_pb(c.value) for c in estate.claims if c.kind == "token_holders"), ZERO) + sum(
        (from_pb(w.claim) for w in estate.waterfall if w.kind == "secured_holders"), ZERO)  # secured and unsecured
    status = world.clients.broker.GetAccount(broker_pb2.AccountRequest(account_id=account))
    findings = {
        "the estate": {
            "assets": [{"kind": a.kind, "what": a.description, "value": a.value.value} for a in estate.assets],
            "gross assets": estate.gross_assets.value,
            "general estate (unsecured products' shares, unattributed cash, secured surpluses)":
                estate.general_estate.value,
            "administration costs (of the general estate)": estate.administration_costs.value,
            "distributable": estate.distributable.value,
            "unsecured claims, pro rata": [
                {"kind": c.kind, "what": c.description, "value": c.value.value} for c in estate.claims
            ],
            "unsecured recovery rate": estate.recovery_rate.value,
            "waterfall": [
                {"rank": w.rank, "kind": w.kind, "token": w.token, "pool": w.pool, "what": w.description,
                 "claim": w.claim.value, "paid": w.paid.value} for w in estate.waterfall
            ],
            "terms": estate.terms,
        },
        "recovery per holder": recovery,
        "secured against unsecured, holder by holder": standing_comparison(world, estate, holdings, dee_sipc),
        "the SPV's broker account":
            f"{account} is {named(statuses_pb2.AccountStatus, status.status)}: {status.status_reason}",
        "SIPC": f"SIPC protects the broker's customers if the broker fails, not creditors of a failed customer. "
        f"The SPV is one customer: if the broker also failed, SIPC would protect at most "
        f"${spv_sipc.protected_total.value} of its ${from_pb(spv_sipc.securities_value) + from_pb(spv_sipc.cash)}"
        f" once (limit $500,000, of which cash at most $250,000) — shared by every creditor of the SPV, "
        f"against ${token_claims} of token claims. {TRADITIONAL}, a customer in her own name, would have "
        f"${dee_sipc.protected_total.value} of her ${from_pb(dee_sipc.securities_value) + from_pb(dee_sipc.cash)}"
        f" protected.",
        "the traditional route": f"{TRADITIONAL} still owns her AAPL at the broker and trades it: "
        + ", ".join(s.result for s in world.steps if s.actor == TRADITIONAL),
        "rights": rights_findings(world, dee_account),
    }
    return {
        "at": iso(fault_at),
        "what": "the SPV is declared insolvent after its stablecoin treasury is drained "
        f"at {iso(loss_at)}: tokens frozen, redemptions stopped, its broker accounts pass to the estate",
    }, findings


COMPARED = ("AAPLx", "NVDAx")  # a secured and an unsecured product, each held by every exchange user


def standing_comparison(world: World, estate: issuer_pb2.Estate, holdings: list[dict[str, str]],
                        sipc: broker_pb2.SipcResponse) -> dict[str, Any]:
    """Holder by holder, what a dollar of claim recovers in the secured product and in the unsecured
    one, against the traditional holder, whose shares are hers: no claim on anyone, nothing to recover."""
    rates = {t.token: t for t in estate.tokens if t.token in COMPARED}
    products = {p.token: p for p in world.clients.issuer.ListProducts(issuer_pb2.ListProductsRequest()).products}
    prices = {a.description.split()[0]: from_pb(a.price) for a in estate.assets if a.kind == "shares"}
    cent = Decimal("0.01")

    def per_dollar(claim: Decimal, paid: Decimal) -> str:
        return str((paid / claim).quantize(Decimal("0.000001"), rounding="ROUND_DOWN")) if claim else "-"

    rows = []
    for name in sorted(world.users):
        row: dict[str, Any] = {"holder": name}
        for token, rate in sorted(rates.items()):
            tokens = sum((Decimal(h["quantity"]) for h in holdings if h["holder"] == name and h["asset"] == token),
                         ZERO)
            claim, paid = tokens * from_pb(rate.claim_per_token), tokens * from_pb(rate.recovery_per_token)
            row[f"{token} ({rate.standing})"] = {
                "tokens": str(tokens), "claim_usd": str(claim.quantize(cent)), "recovery_usd": str(paid.quantize(cent)),
                "per_dollar": per_dollar(claim, paid)}
        rows.append(row)
    own: dict[str, Any] = {"holder": TRADITIONAL}
    for token in sorted(rates):
        symbol = products[token].underlying
        shares = sum((Decimal(h["quantity"]) for h in holdings
                      if h["holder"] == TRADITIONAL and h["asset"] == symbol), ZERO)
        value = (shares * prices.get(symbol, ZERO)).quantize(cent)
        own[f"{symbol} (own shares)"] = {"shares": str(shares), "value_usd": str(value), "recovery_usd": str(value),
                                         "per_dollar": "1" if shares else "-"}
    rows.append(own)
    return {
        "holders": rows,
        "standing": {t: f"{r.standing}: {products[t].name}" for t, r in sorted(rates.items())},
        "why": "a secured product's holders are paid first from its own collateral (its shares and cash, sold by "
        "its security agent, less the agent's costs); a shortfall then ranks with the unsecured claims. An "
        "unsecured product's holders share the general estate pro rata after the administrator. Both rank "
        "ahead of the sponsor's subordinated loan, which bears the loss first. "
        f"{TRADITIONAL}'s shares are hers, in her own name at the broker: the SPV's failure does not touch them "
        f"(100% of her securities); only if the broker also failed would she rely on SIPC "
        f"(${sipc.protected_total.value} of her account protected).",
    }


def rights_findings(world: World, traditional_account: str) -> dict[str, Any]:
    """The rights trace (the same as `fivelayer rights`) of each exchange user and the traditional
    holder: right by right, where it was kept, transformed or lost, and what reached the holder."""
    def summary(positions: list[rights.Position]) -> list[dict[str, Any]]:
        return [{"asset": p.asset, "route": p.route, "quantity": str(p.quantity),
                 "rights": {r.right: f"{r.outcome}: {r.reached}" for r in p.rights}} for p in positions]

    traces = {name: summary(rights_trace.gather(world.clients, user).positions)
              for name, user in sorted(world.users.items())}
    traces[TRADITIONAL] = summary(rights_trace.traditional_positions(world.clients, traditional_account))
    return traces


@dataclass(frozen=True)
class ScheduledFault:
    """One fault of a drill's schedule, made through control's fault surface at its instant."""

    kind: str
    at: datetime
    until: datetime | None = None
    reason: str = ""

    def request(self, request_id: str) -> control_pb2.InjectFaultRequest:
        request = control_pb2.InjectFaultRequest(request_id=request_id, kind=self.kind, reason=self.reason)
        request.at.CopyFrom(to_ts(self.at))
        if self.until is not None:
            request.for_duration = f"{int((self.until - self.at).total_seconds())}s"
        return request


@dataclass(frozen=True)
class Drill:
    """A drill is a world plus a schedule of faults: `run` drives the world's traffic around them."""

    name: str
    title: str
    summary: str
    run: Callable[[World], tuple[dict[str, str], dict[str, Any]]]
    faults: tuple[ScheduledFault, ...]


def drill(name: str, run: Callable[[World], tuple[dict[str, str], dict[str, Any]]],
          faults: tuple[ScheduledFault, ...]) -> Drill:
    """A drill of the catalogue (`kernel.drills`: its name, title and summary), with what it runs."""
    info = CATALOGUE[name]
    return Drill(info.name, info.title, info.summary, run, faults)


# they build on the names above, so they are imported after them
from fivelayer.control.drills import market_drills, money_drills  # noqa: E402

DRILLS = {
    d.name: d
    for d in (
        drill(
            "halt-of-mint",
            halt_of_mint,
            (ScheduledFault("halt-mint", HALT_AT, RESUME_AT, "drill: the issuer halts minting"),),
        ),
        drill(
            "api-cutoff",
            api_cutoff,
            (ScheduledFault("route-cut", CUT_AT, None, "drill: the broker off-boards the SPV"),),
        ),
        drill(
            "issuer-insolvency",
            issuer_insolvency,
            (ScheduledFault("insolvency", INSOLVENT_AT, None,
                            "its stablecoin treasury was stolen; liabilities exceed assets"),),
        ),
        drill("stablecoin-depeg", money_drills.stablecoin_depeg, money_drills.DEPEG_FAULTS),
        drill("broker-insolvency", money_drills.broker_insolvency, money_drills.BROKER_FAULTS),
        drill("weekend-gap", market_drills.weekend_gap, market_drills.WEEKEND_GAP_FAULTS),
        drill("settlement-fail-cascade", market_drills.settlement_fail_cascade, market_drills.SETTLEMENT_FAIL_FAULTS),
    )
}
