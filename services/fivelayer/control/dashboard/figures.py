"""What each box of the pipeline shows: pure shaping of what the layers reported (`gather`).

A box is one layer on one route. Its figures are the few numbers a room follows through a mint
(tokens outstanding, shares ordered / filled / settled, the broker's position at DTC, unbacked
exposure, cash), and a small table per token or share. A layer that did not answer is shown as
unavailable in its own box, so one faulted service never blanks the whole picture.

The perp route has the exchange's boxes only (its markets, and the desk that holds their FUSD):
nothing of it reaches an issuer, a broker or a depository.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any

from fivelayer.kernel.money import ZERO, fmt, from_pb
from fivelayer.kernel.reference import BROKER_PARTICIPANT, STABLECOIN
from fivelayer.v1 import broker_pb2, chain_pb2, control_pb2, depository_pb2, issuer_pb2, perpetuals_pb2, statuses_pb2

Json = dict[str, Any]
CENT = Decimal("0.01")
# Which service's books and answers each box depends on.
BOX_SERVICE = {"user": "exchange", "exchange": "exchange", "issuer": "issuer", "broker": "broker",
               "depository": "depository", "chain": "chain", "trad_exchange": "exchange", "trad_broker": "broker",
               "trad_depository": "depository", "perp_exchange": "exchange", "perp_desk": "exchange"}


@dataclass
class Snapshot:
    """What the layers said, each part None when its service did not answer (the reason in `errors`,
    keyed by service)."""

    tokens: list[chain_pb2.Token] | None = None
    products: issuer_pb2.ListProductsResponse | None = None
    insolvent: bool | None = None
    funding: issuer_pb2.FundingResponse | None = None                       # the money leg, per product
    lines: list[control_pb2.TokenReconciliation] | None = None
    spv_account: broker_pb2.Account | None = None
    spv_cash: broker_pb2.CashResponse | None = None
    dtc: depository_pb2.PositionsResponse | None = None
    unsettled_trades: int | None = None
    users: int | None = None
    hot_wallet: dict[str, Decimal] | None = None
    head: chain_pb2.Block | None = None                                     # the chain's latest block
    token_events: list[chain_pb2.Tx] | None = None                          # the latest, newest first
    customers: list[broker_pb2.Account] | None = None
    customer_positions: dict[str, tuple[Decimal, Decimal]] | None = None  # symbol -> (settled, unsettled)
    perp_markets: list[perpetuals_pb2.PerpMarket] | None = None             # [] when the exchange serves none
    perp_desk: perpetuals_pb2.PerpDesk | None = None
    perp_users: dict[str, tuple[Decimal, Decimal]] | None = None            # market -> users' (long, short)
    books: dict[str, bool] = field(default_factory=dict)                   # service -> balanced
    errors: dict[str, str] = field(default_factory=dict)                   # service -> why it is missing


def shown(value: Decimal, usd: bool = False) -> str:
    """A number as the back of the room reads it: thousands grouped, dollars to the cent."""
    if usd:
        return format(value.quantize(CENT, ROUND_HALF_EVEN), ",f")
    return format(value.normalize(), ",f") if value else "0"


def figure(key: str, label: str, value: str | Decimal | int | None, tone: str = "", usd: bool = False) -> Json:
    """One big number of a box: `value` as shown, `raw` as the service said it (a dash when its layer
    did not answer)."""
    if value is None:
        text = raw = "—"
    elif isinstance(value, Decimal):
        text, raw = shown(value, usd), fmt(value)
    else:
        text = raw = str(value)
    return {"key": key, "label": label, "value": text, "raw": raw, "tone": tone}


def cell(value: Decimal | None, usd: bool = False) -> tuple[str, str]:
    """A table cell: as shown, and raw."""
    return ("—", "—") if value is None else (shown(value, usd), fmt(value))


def table(columns: list[tuple[str, str]], rows: Mapping[str, Mapping[str, tuple[str, str] | str]]) -> Json:
    """Columns, and per row key its cells as shown and raw (a plain string is both)."""
    def split(cells: Mapping[str, tuple[str, str] | str], i: int) -> dict[str, str]:
        return {k: v if isinstance(v, str) else v[i] for k, v in cells.items()}
    return {"columns": [{"key": k, "label": label} for k, label in columns],
            "rows": [{"key": key, "cells": split(cells, 0), "raw": split(cells, 1)} for key, cells in rows.items()]}


def box(box_id: str, title: str, role: str, route: str, snap: Snapshot, figures: list[Json],
        rows: Json | None = None, second: Json | None = None) -> Json:
    service = BOX_SERVICE.get(box_id, "")
    balanced = snap.books.get(service)
    return {"id": box_id, "title": title, "role": role, "route": route, "service": service,
            "figures": figures, "table": rows or {"columns": [], "rows": []},
            "table2": second or {"columns": [], "rows": []},
            "books": "unknown" if balanced is None else "balanced" if balanced else "not balanced",
            "unavailable": snap.errors.get(service, "")}


def stock_products(snap: Snapshot) -> list[issuer_pb2.Product]:
    return list(snap.products.products) if snap.products is not None else []


def _lines(snap: Snapshot) -> dict[str, control_pb2.TokenReconciliation]:
    return {line.token: line for line in snap.lines or []}


def _dtc(snap: Snapshot) -> dict[str, depository_pb2.Position]:
    return {p.symbol: p for p in snap.dtc.positions} if snap.dtc is not None else {}


def _symbols(snap: Snapshot) -> list[str]:
    """The products' underlyings, then any other symbol the broker holds at DTC."""
    symbols = [p.underlying for p in stock_products(snap)]
    return symbols + sorted(s for s in _dtc(snap) if s not in symbols)


def user_box(snap: Snapshot) -> Json:
    return box("user", "End users", "buy and sell on the exchange; hold a claim on its books", "both", snap,
               [figure("users", "users", snap.users)])


def exchange_box(snap: Snapshot) -> Json:
    wallet = snap.hot_wallet
    rows = {p.token: {"omnibus": cell(wallet.get(p.token, ZERO) if wallet is not None else None)}
            for p in stock_products(snap)}
    return box("exchange", "Exchange", "one omnibus wallet for every user's tokens and FUSD", "tokenized", snap,
               [figure("hot_wallet_fusd", f"{STABLECOIN} in the hot wallet",
                       wallet.get(STABLECOIN, ZERO) if wallet is not None else None)],
               table([("omnibus", "tokens held")], rows))


def issuer_state(snap: Snapshot) -> tuple[str, str]:
    """In words, and a tone: insolvent, halted (which products), or minting."""
    if snap.insolvent:
        return "insolvent", "bad"
    halted = [p.token for p in stock_products(snap) if p.mint_halted or p.redemption_halted]
    if halted:
        return f"halted: {', '.join(halted)}", "warn"
    return ("minting", "ok") if snap.products is not None else ("—", "")


def tone_of(exposure: Decimal | None) -> str:
    """Unbacked exposure is a warning, none is fine, unknown is neither."""
    return "" if exposure is None else "warn" if exposure else "ok"


def issuer_box(snap: Snapshot) -> Json:
    """Per product: tokens, the shares they are owed and those not yet settled behind them; beside them
    the money leg (the issuer's books): its free buffer, the broker's credit it draws, and the FUSD on its
    way to dollars by wire. A dash where the issuer's funding did not answer."""
    lines = _lines(snap)
    known = snap.lines is not None
    unbacked = sum((from_pb(line.unbacked_shares) for line in lines.values()), ZERO) if known else None
    unbacked_usd = sum((from_pb(line.unbacked_value) for line in lines.values()), ZERO) if known else None
    money = {f.token: f for f in snap.funding.products} if snap.funding is not None else {}

    def total(name: str) -> Decimal | None:
        return sum((from_pb(getattr(f, name)) for f in money.values()), ZERO) if snap.funding is not None else None

    state, tone = issuer_state(snap)
    rows: dict[str, dict[str, tuple[str, str] | str]] = {}
    cash: dict[str, dict[str, tuple[str, str] | str]] = {}
    for product in stock_products(snap):
        line, f = lines.get(product.token), money.get(product.token)
        rows[product.token] = {
            "outstanding": cell(from_pb(line.tokens_outstanding) if line else None),
            "represented": cell(from_pb(line.shares_represented) if line else None),
            "unbacked": cell(from_pb(line.unbacked_shares) if line else None),
            "unbacked_usd": cell(from_pb(line.unbacked_value) if line else None, usd=True)}
        cash[product.token] = {
            "funding": f.funding_mode if f else "—",
            "buffer": cell(from_pb(f.buffer) if f else None, usd=True),
            "credit_used": cell(from_pb(f.credit_used) if f else None, usd=True),
            "in_transit": cell(from_pb(f.cash_in_transit) if f else None, usd=True)}
    in_transit = total("cash_in_transit")
    return box("issuer", "Issuer SPV", "mints tokens at once; buys the shares in the next session", "tokenized",
               snap, [figure("state", "state", state, tone),
                      figure("unbacked_shares", "unbacked shares", unbacked, tone_of(unbacked)),
                      figure("unbacked_usd", "unbacked $", unbacked_usd, tone_of(unbacked_usd), usd=True),
                      figure("buffer_usd", "buffer $", total("buffer"), usd=True),
                      figure("credit_used_usd", "credit used $", total("credit_used"), usd=True),
                      figure("in_transit_usd", "cash in transit $", in_transit,
                             "" if in_transit is None else "warn" if in_transit else "ok", usd=True)],
               table([("outstanding", "tokens"), ("represented", "shares owed"), ("unbacked", "unbacked"),
                      ("unbacked_usd", "unbacked $")], rows),
               table([("funding", "funding"), ("buffer", "buffer $"), ("credit_used", "credit used $"),
                      ("in_transit", "in transit $")], cash))


def broker_box(snap: Snapshot) -> Json:
    lines = _lines(snap)
    account, cash = snap.spv_account, snap.spv_cash
    rows = {}
    for product in stock_products(snap):
        line = lines.get(product.token)
        rows[product.underlying] = {"ordered": cell(from_pb(line.shares_ordered) if line else None),
                                    "filled": cell(from_pb(line.shares_filled) if line else None),
                                    "settled": cell(from_pb(line.shares_settled) if line else None)}
    route = None if account is None else "enabled" if account.route_enabled else "cut"
    status = None if account is None else \
        statuses_pb2.AccountStatus.Name(account.status).removeprefix("ACCOUNT_STATUS_").lower()
    return box("broker", "Broker", "the SPV's accounts, one per product: its hedges, filled in sessions, settled T+1",
               "tokenized", snap, [figure("spv_account", "SPV (customer)",
                             snap.products.broker_account_id if snap.products is not None else None),
                      figure("route", "API route", route, "ok" if route == "enabled" else "bad" if route else ""),
                      figure("status", "account", status, "ok" if status == "active" else "bad" if status else ""),
                      figure("cash_settled", "SPV cash, settled $", from_pb(cash.settled) if cash else None, usd=True),
                      figure("cash_unsettled", "unsettled $", from_pb(cash.unsettled) if cash else None, usd=True)],
               table([("ordered", "ordered"), ("filled", "filled"), ("settled", "settled")], rows))


def depository_box(snap: Snapshot) -> Json:
    dtc = _dtc(snap)
    known = snap.dtc is not None

    def held(symbol: str, field: str) -> tuple[str, str]:
        return cell(from_pb(getattr(dtc[symbol], field)) if symbol in dtc else ZERO if known else None)

    rows = {s: {"at_dtc": held(s, "settled"), "receive": held(s, "pending_receive"),
                "deliver": held(s, "pending_deliver")} for s in _symbols(snap)}
    return box("depository", "Depository (DTC/NSCC)",
               f"the broker's account {BROKER_PARTICIPANT} under Cede & Co; CNS nets and settles at 16:15 ET",
               "tokenized", snap,
               [figure("participant", "participant", BROKER_PARTICIPANT),
                figure("cash", "cash at DTC $", from_pb(snap.dtc.cash) if snap.dtc is not None else None, usd=True),
                figure("pending_cash", "net money due $", from_pb(snap.dtc.pending_cash) if snap.dtc is not None
                       else None, usd=True),
                figure("unsettled_trades", "unsettled trades", snap.unsettled_trades,
                       "warn" if snap.unsettled_trades else "ok")],
               table([("at_dtc", "at DTC"), ("receive", "to receive"), ("deliver", "to deliver")], rows))


def chain_box(snap: Snapshot) -> Json:
    tokens = {t.symbol: t for t in snap.tokens or []}
    stablecoin = tokens.get(STABLECOIN)
    rows: dict[str, Mapping[str, tuple[str, str] | str]] = {}
    for symbol, token in tokens.items():
        if token.kind != "stock":
            continue
        state = "transfers paused" if token.transfers_paused else "mint paused" if token.mint_paused else "live"
        rows[symbol] = {"supply": cell(from_pb(token.total_supply)),
                        "multiplier": fmt(from_pb(token.multiplier, Decimal(1))), "state": state}
    return box("chain", "Chain", "stock tokens and the FUSD stablecoin live here", "tokenized", snap,
               [figure("stablecoin_supply", f"{STABLECOIN} supply",
                       from_pb(stablecoin.total_supply) if stablecoin is not None else None),
                figure("block", "block height", snap.head.number if snap.head is not None else None),
                figure("token_events", "latest token events", " · ".join(event_text(tx) for tx in snap.token_events)
                       if snap.token_events else None if snap.token_events is None else "none yet")],
               table([("supply", "on chain"), ("multiplier", "multiplier"), ("state", "state")], rows))


def event_text(tx: chain_pb2.Tx) -> str:
    """One token event as the room reads it: "#41 mint 2 AAPLx"."""
    amount = f" {shown(from_pb(tx.amount))}" if tx.amount.value and tx.amount.value != "0" else ""
    return f"#{tx.block_number} {tx.kind}{amount} {tx.symbol}".rstrip()


def trad_exchange_box(snap: Snapshot) -> Json:
    own = None if snap.customers is None else sum(1 for a in snap.customers if a.kind == "individual")
    return box("trad_exchange", "Exchange (introducing)", "opens each user an account at the broker in her own name",
               "traditional", snap, [figure("accounts", "users' own broker accounts", own)])


def trad_broker_box(snap: Snapshot) -> Json:
    held = snap.customer_positions
    rows = {s: {"settled": cell(held.get(s, (ZERO, ZERO))[0] if held is not None else None),
                "unsettled": cell(held.get(s, (ZERO, ZERO))[1] if held is not None else None)} for s in _symbols(snap)}
    return box("trad_broker", "Broker (customers)", "shares in each customer's own name: no SPV, no token",
               "traditional", snap,
               [figure("customers", "customer accounts", len(snap.customers) if snap.customers is not None else None)],
               table([("settled", "settled"), ("unsettled", "unsettled")], rows))


def trad_depository_box(snap: Snapshot) -> Json:
    """DTC sees one broker, not its routes: the same position, split by whose it is at the broker."""
    dtc = _dtc(snap)
    spv = defaultdict(Decimal, {line.underlying: from_pb(line.shares_settled) for line in snap.lines or []})
    held = snap.customer_positions
    rows = {s: {"at_dtc": cell(from_pb(dtc[s].settled) if s in dtc else ZERO if snap.dtc is not None else None),
                "spv": cell(spv[s] if snap.lines is not None else None),
                "customers": cell(held.get(s, (ZERO, ZERO))[0] if held is not None else None)} for s in _symbols(snap)}
    return box("trad_depository", "Depository (the same account)",
               f"one DTC account {BROKER_PARTICIPANT} for both routes", "traditional", snap,
               [figure("participant", "participant", BROKER_PARTICIPANT)],
               table([("at_dtc", "at DTC"), ("spv", "for the SPV"), ("customers", "for customers")], rows))


def percent(rate: Decimal) -> tuple[str, str]:
    """A rate as the room reads it ("0.0013%"), and raw."""
    return f"{(rate * 100).quantize(Decimal('0.0001'), ROUND_HALF_EVEN)}%", fmt(rate)


def perp_state(market: perpetuals_pb2.PerpMarket) -> str:
    """A perp market's operator conditions in a word or two: trading, halted, oracle stale or jumped."""
    conditions = (["halted"] if market.halted else []) + (["oracle stale"] if market.oracle_stale else []) + (
        [f"oracle {fmt(from_pb(market.oracle_jump))}"] if from_pb(market.oracle_jump) else [])
    return ", ".join(conditions) or "trading"


def perp_exchange_box(snap: Snapshot) -> Json:
    """The perp markets: a price from the oracle, and contracts open on it, not shares held for anyone."""
    markets = snap.perp_markets
    interest = sum((from_pb(m.open_interest) * from_pb(m.mark_price) for m in markets), ZERO) \
        if markets is not None else None
    odd = [m.symbol for m in markets or [] if perp_state(m) != "trading"]
    state = None if markets is None else f"{', '.join(odd)}: not trading normally" if odd else \
        "trading" if markets else "no perp markets"
    rows: dict[str, Mapping[str, tuple[str, str] | str]] = {m.symbol: {
        "oracle": cell(from_pb(m.oracle_price), usd=True), "mark": cell(from_pb(m.mark_price), usd=True),
        "open_interest": cell(from_pb(m.open_interest)), "funding": percent(from_pb(m.funding_rate_hourly)),
        "state": perp_state(m)} for m in markets or []}
    return box("perp_exchange", "Exchange (perpetuals)", "contracts on an oracle's price, margined in FUSD: no share "
               "anywhere, no issuer, broker or depository", "perpetual", snap,
               [figure("markets", "perp markets", len(markets) if markets is not None else None),
                figure("open_interest_usd", "open interest $ (at the mark)", interest, usd=True),
                figure("state", "state", state, "warn" if odd else "ok" if markets else "")],
               table([("oracle", "oracle"), ("mark", "mark"), ("open_interest", "open interest"),
                      ("funding", "funding / h"), ("state", "state")], rows))


def perp_desk_box(snap: Snapshot) -> Json:
    """Who holds each side, and the FUSD behind them: all of it in the exchange's own hot wallet."""
    desk, users = snap.perp_desk, snap.perp_users

    def held(positions: Any, symbol: str) -> Decimal:
        return sum((from_pb(p.size) for p in positions if p.symbol == symbol), ZERO)

    rows: dict[str, Mapping[str, tuple[str, str] | str]] = {m.symbol: {
                       "users_long": cell(users.get(m.symbol, (ZERO, ZERO))[0] if users is not None else None),
                       "users_short": cell(users.get(m.symbol, (ZERO, ZERO))[1] if users is not None else None),
                       "maker": cell(held(desk.maker_positions, m.symbol) if desk is not None else None),
                       "fund": cell(held(desk.fund_positions, m.symbol) if desk is not None else None)}
            for m in snap.perp_markets or []}

    def money(name: str) -> Decimal | None:
        return from_pb(getattr(desk, name)) if desk is not None else None

    fund = money("insurance_fund")
    return box("perp_desk", "Perp desk (the exchange's books)", "users' margin, the insurance fund and the maker's "
               "capital: FUSD in the same hot wallet, an unsecured claim on the exchange", "perpetual", snap,
               [figure("margin_held", "users' margin $", money("margin_held"), usd=True),
                figure("insurance_fund", "insurance fund $", fund, "" if fund is None else "bad" if fund < 0 else "ok",
                       usd=True),
                figure("maker_capital", "maker's capital $", money("maker_capital"), usd=True),
                figure("desk_total", "desk FUSD $", money("total"), usd=True)],
               table([("users_long", "users long"), ("users_short", "users short"), ("maker", "maker"),
                      ("fund", "fund")], rows))


def layers(snap: Snapshot, at: str) -> Json:
    """Every box, by id, and which services did not answer."""
    boxes = [user_box(snap), exchange_box(snap), issuer_box(snap), broker_box(snap), depository_box(snap),
             chain_box(snap), trad_exchange_box(snap), trad_broker_box(snap), trad_depository_box(snap),
             perp_exchange_box(snap), perp_desk_box(snap)]
    return {"at": at, "boxes": {b["id"]: b for b in boxes}, "errors": dict(sorted(snap.errors.items())),
            "books": dict(sorted(snap.books.items()))}
