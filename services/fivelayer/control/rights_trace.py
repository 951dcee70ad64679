"""Gathering a rights trace: read what each layer reports about a holder (no unit of work is open:
control only reads other services), then let `control.rights` decide, per right and per layer.
"""
from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from fivelayer.control import perp_reads, ports
from fivelayer.control.rights import (
    PerpView,
    Position,
    RightStatus,
    TokenView,
    Trace,
    TraditionalView,
    trace_perp,
    trace_token,
    trace_traditional,
)
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.money import ZERO, from_pb, to_pb
from fivelayer.kernel.paging import whole
from fivelayer.kernel.reasons import Common
from fivelayer.kernel.reference import EXCHANGE_HOT_WALLET
from fivelayer.kernel.statuses import by_name
from fivelayer.v1 import (
    broker_pb2,
    chain_pb2,
    common_pb2,
    control_pb2,
    exchange_pb2,
    issuer_pb2,
    perpetuals_pb2,
    statuses_pb2,
)

NOTICE_LIMIT = 500
# The trace's words for a meeting's state (what control/rights.py reads in a form).
MEETING_WORDS: dict[statuses_pb2.MeetingStatus, str] = {statuses_pb2.MEETING_STATUS_OPEN: "open",
                                                       statuses_pb2.MEETING_STATUS_CAST: "cast"}
# Each right's status as it travels (RightStep.status, RightTrace.outcome).
RIGHT_STATUS_PB = by_name(RightStatus, statuses_pb2.RightStatus)


def _notices(clients: ports.Clients, account_id: str, kind: str) -> list[dict[str, str]]:
    reply = clients.broker.ListNotices(broker_pb2.ListNoticesRequest(account_id=account_id, kind=kind,
                                                                     limit=NOTICE_LIMIT))
    return [{"gross": n.gross.value, "withheld": n.withheld.value, "net": n.net.value, "symbol": n.symbol,
             "withholding_rate": n.withholding_rate.value, "action_id": n.action_id, "tax_status": n.tax_status,
             "tax_country": n.tax_country} for n in reply.notices]


def _forms(clients: ports.Clients, account_id: str) -> list[dict[str, Any]]:
    """The account's voting instruction forms: what it told the broker and what the broker cast."""
    reply = whole(clients.broker.ListVotingForms, broker_pb2.ListVotingFormsRequest(account_id=account_id))
    return [{"action_id": f.action_id, "symbol": f.symbol, "shares": f.shares.value, "votes": f.votes.value,
             "status": MEETING_WORDS[f.status], "cutoff": f.cutoff.ToJsonString(), "do_not_vote": f.do_not_vote,
             "proposals": [{"proposal_id": p.proposal_id, "routine": p.routine, "instruction": p.instruction,
                            "vote": p.vote, "how": p.how} for p in f.proposals]} for f in reply.forms]


def _price(clients: ports.Clients, symbol: str) -> Decimal:
    return from_pb(clients.market_data.GetPrice(control_pb2.PriceRequest(symbol=symbol)).price)


def _paid(clients: ports.Clients, address: str, token: str) -> Decimal:
    """Stablecoin distributions of `token` paid to `address`."""
    payments = clients.issuer.ListDistributionPayments(issuer_pb2.ListDistributionPaymentsRequest(
        address=address)).payments
    return sum((from_pb(p.amount) for p in payments
                if p.token == token and p.status == statuses_pb2.PAYMENT_STATUS_PAID), ZERO)


def token_positions(clients: ports.Clients, holdings: dict[str, Decimal], custody: str,
                    address: str = "") -> list[Position]:
    """Each token position's rights, from the issuer's products, its estate and distributions, and
    the broker's notices on the SPV's account."""
    products = clients.issuer.ListProducts(issuer_pb2.ListProductsRequest())
    estate = clients.issuer.GetEstate(common_pb2.Empty())
    recovery = {t.token: from_pb(t.recovery_per_token) for t in estate.tokens}
    distributions = whole(clients.issuer.ListDistributions, issuer_pb2.ListDistributionsRequest()).distributions
    spv = products.broker_account_id
    spv_forms = _forms(clients, spv) if spv else []
    out = []
    for product in products.products:
        quantity = holdings.get(product.token, ZERO)
        if quantity <= 0:
            continue
        mine = [d for d in distributions if d.token == product.token]
        paid = _paid(clients, address or EXCHANGE_HOT_WALLET, product.token)
        own = product.broker_account_id   # the product's own account, where its shares' notices arrive
        dividends = [n for n in _notices(clients, own, "dividend") if n["symbol"] == product.underlying] if own else []
        meetings = [n for n in _notices(clients, own, "meeting") if n["symbol"] == product.underlying] if own else []
        out.append(trace_token(TokenView(
            token=product.token, underlying=product.underlying, quantity=quantity,
            multiplier=from_pb(product.multiplier, Decimal(1)), price=_price(clients, product.underlying),
            terms=json.loads(product.terms_json or "{}"), custody=custody, dividends_to_spv=dividends,
            distributions=[{"multiplier_before": d.multiplier_before.value,
                            "multiplier_after": d.multiplier_after.value,
                            "effective_at": d.effective_at.ToJsonString()} for d in mine
                           if d.kind == "dividend" and d.policy == "reinvest"],
            paid_to_holder=paid if address else ZERO, paid_to_custodian=ZERO if address else paid,
            meetings=len(meetings), spv_forms=[f for f in spv_forms if f["symbol"] == product.underlying],
            insolvent=estate.insolvent,
            recovery_per_token=recovery.get(product.token, ZERO),
            dividend_equivalents=[{"gross": d.gross.value, "withheld": d.withheld.value, "tax_871m": d.tax_871m.value,
                                   "tax_871m_additional": d.tax_871m_additional.value} for d in mine
                                  if d.kind == "dividend" and d.dividend_equivalent])))
    return out


def traditional_positions(clients: ports.Clients, account_id: str) -> list[Position]:
    """The traditional route: the holder's own account at the broker."""
    account = clients.broker.GetAccount(broker_pb2.AccountRequest(account_id=account_id))
    held = clients.broker.GetPositions(broker_pb2.AccountRequest(account_id=account_id)).positions
    sipc = clients.broker.GetSipc(broker_pb2.AccountRequest(account_id=account_id))
    dividends, meetings = _notices(clients, account_id, "dividend"), _notices(clients, account_id, "meeting")
    forms = _forms(clients, account_id)
    return [trace_traditional(TraditionalView(
        symbol=p.symbol, quantity=from_pb(p.total), settled=from_pb(p.settled), price=_price(clients, p.symbol),
        account_id=account_id, tax_profile=account.tax_profile or "w9", tax_country=account.tax_country,
        tax_basis=account.tax_basis,
        dividends=[d for d in dividends if d["symbol"] == p.symbol],
        meetings=[m for m in meetings if m["symbol"] == p.symbol], forms=[f for f in forms if f["symbol"] == p.symbol],
        sipc_protected=from_pb(sipc.protected_total))) for p in held if from_pb(p.total) > 0]


def _conditions(market: perpetuals_pb2.PerpMarket) -> str:
    """The market's operator conditions in words ("" when it trades normally)."""
    jump = from_pb(market.oracle_jump)
    return "; ".join(([f"halted: {market.halt_reason or 'no reason given'}"] if market.halted else [])
                     + (["the oracle feed is stale: oracle and mark hold"] if market.oracle_stale else [])
                     + ([f"the oracle is off its feed by {jump} (a bad print)"] if jump else []))


def perp_positions(clients: ports.Clients, user_id: str) -> list[Position]:
    """The perp route: the user's open positions on the exchange's books, each with its market, and
    the notes the exchange recorded when a dividend of the underlying went ex while it was held."""
    held = perp_reads.positions(clients.perpetuals, user_id)
    if not held:
        return []
    markets = {m.symbol: m for m in perp_reads.markets(clients.perpetuals)}
    out = []
    for p in held:
        market = markets.get(p.symbol, perpetuals_pb2.PerpMarket(symbol=p.symbol))
        history = clients.perpetuals.GetPerpHistory(perpetuals_pb2.PerpHistoryRequest(
            user_id=user_id, symbol=p.symbol, kind=perpetuals_pb2.PERP_ENTRY_KIND_DIVIDEND, limit=NOTICE_LIMIT))
        out.append(trace_perp(PerpView(
            symbol=p.symbol, underlying=market.underlying or p.symbol.removesuffix("-PERP"), size=from_pb(p.size),
            entry_price=from_pb(p.entry_price), oracle_price=from_pb(market.oracle_price),
            mark_price=from_pb(p.mark_price), margin=from_pb(p.margin), leverage=p.leverage,
            maintenance_rate=from_pb(market.maintenance_rate), maintenance_margin=from_pb(p.maintenance_margin),
            liquidation_price=from_pb(p.liquidation_price) if p.HasField("liquidation_price") else None,
            unrealized_pnl=from_pb(p.unrealized_pnl), equity=from_pb(p.equity), funding=from_pb(p.funding),
            dividends=[e.note for e in history.entries if e.note], conditions=_conditions(market))))
    return out


def gather(clients: ports.Clients, holder: str) -> Trace:
    if holder.startswith("0x"):
        tokens = {t.symbol: from_pb(clients.chain.BalanceOf(chain_pb2.BalanceRequest(symbol=t.symbol,
                                                                                  address=holder)).amount)
                  for t in whole(clients.chain.ListTokens, chain_pb2.ListTokensRequest()).tokens}
        return Trace(holder, "chain address", token_positions(clients, tokens, "own wallet", holder))
    if not holder.startswith("usr-"):
        raise DomainError(Common.INVALID_ARGUMENT,
                          f"a holder is an exchange user id (usr-...) or a chain address (0x...), "
                          f"not {holder!r}")
    balances = clients.exchange.GetBalances(exchange_pb2.UserRequest(user_id=holder))
    tokens = {b.asset: from_pb(b.available) + from_pb(b.pending) for b in balances.balances}
    positions = token_positions(clients, tokens, "the exchange's omnibus wallet (the exchange's books)")
    account = clients.exchange.GetBrokerAccount(exchange_pb2.UserRequest(user_id=holder)).account_id
    if account:
        positions += traditional_positions(clients, account)
    positions += perp_positions(clients, holder)
    return Trace(holder, "exchange user", positions)


def to_message(trace: Trace) -> control_pb2.RightsTraceResponse:
    return control_pb2.RightsTraceResponse(holder=trace.holder, kind=trace.kind, positions=[
        control_pb2.RightsPosition(asset=p.asset, route=p.route, quantity=to_pb(p.quantity), held_at=p.held_at, rights=[
            control_pb2.RightTrace(right=r.right, outcome=RIGHT_STATUS_PB[r.outcome], reached=r.reached, steps=[
                control_pb2.RightStep(layer=s.layer, status=RIGHT_STATUS_PB[s.status], detail=s.detail, rule=s.rule)
                for s in r.steps]) for r in p.rights]) for p in trace.positions])


def trace(clients: ports.Clients, holder: str) -> control_pb2.RightsTraceResponse:
    """The holder's rights trace as Sandbox.TraceRights and the dashboard answer it."""
    return to_message(gather(clients, holder))
