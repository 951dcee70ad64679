"""The rights trace: per position, each right a holder of "AAPL" might expect, the layer where it is
kept, transformed or lost, what actually reached the holder, and the rule or contract clause that
decided it.

Pure: `trace_token`, `trace_traditional` and `trace_perp` take what the layers report (read
beforehand by `control.rights_trace`) and return the trace. The same "AAPL" on an exchange screen is
three different bundles of rights: a traditional-route holder is the beneficial owner at the broker; a
token holder has a contractual claim on an offshore SPV, which is the broker's customer in its place;
a perp holder has a contract with the exchange on the oracle's price, and no share anywhere.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any

RIGHTS = ("price exposure", "dividends", "voting", "redemption", "SIPC protection", "recovery in insolvency",
          "liquidation risk")   # the last: a perp position's only (margin, not shares, stands behind it)


class RightStatus(StrEnum):
    """What a layer does to a right, and the right as it reaches the holder (statuses.proto `RightStatus`)."""
    KEPT = "kept"
    TRANSFORMED = "transformed"
    LOST = "lost"


KEPT, TRANSFORMED, LOST = RightStatus.KEPT, RightStatus.TRANSFORMED, RightStatus.LOST


@dataclass(frozen=True)
class Step:
    """What one layer does to one right."""

    layer: str      # "depository", "broker", "issuer SPV", "chain", "exchange"
    status: RightStatus
    detail: str
    rule: str       # the clause or rule that decides it


@dataclass(frozen=True)
class Right:
    right: str
    steps: tuple[Step, ...]
    reached: str    # what actually reached the holder, with amounts

    @property
    def outcome(self) -> RightStatus:
        """The right as it reaches the holder: lost anywhere is lost; else transformed anywhere is transformed."""
        statuses = {s.status for s in self.steps}
        return LOST if LOST in statuses else TRANSFORMED if TRANSFORMED in statuses else KEPT


@dataclass(frozen=True)
class Position:
    asset: str
    route: str          # "tokenized", "traditional" or "perpetual"
    quantity: Decimal
    held_at: str        # where the position sits for the holder
    rights: tuple[Right, ...]


@dataclass(frozen=True)
class TokenView:
    """What the layers report about one token position."""

    token: str
    underlying: str
    quantity: Decimal                  # tokens the holder has (own wallet, or the exchange's books for a user)
    multiplier: Decimal
    price: Decimal
    terms: Mapping[str, Any]           # the product's legal terms (contracts/)
    custody: str                       # "own wallet" or "exchange omnibus wallet"
    dividends_to_spv: Sequence[Mapping[str, str]] = ()    # broker notices on the SPV's account: gross/withheld/net
    distributions: Sequence[Mapping[str, str]] = ()       # issuer distributions of this token
    paid_to_holder: Decimal = Decimal(0)                  # stablecoin the holder's address received from them
    paid_to_custodian: Decimal = Decimal(0)               # stablecoin the exchange's omnibus wallet received
    meetings: int = 0                                     # meeting notices the SPV received for the underlying
    spv_forms: Sequence[Mapping[str, Any]] = ()           # the SPV's voting instruction forms for it (`form_view`)
    insolvent: bool = False
    recovery_per_token: Decimal = Decimal(0)
    dividend_equivalents: Sequence[Mapping[str, str]] = ()  # issuer dividend distributions that passed something on:
                                                            # gross, withheld, tax_871m, tax_871m_additional


@dataclass(frozen=True)
class TraditionalView:
    """What the broker reports about one traditional-route position."""

    symbol: str
    quantity: Decimal
    settled: Decimal
    price: Decimal
    account_id: str
    tax_profile: str                              # the tax status on file (the broker's `tax.STATUSES`)
    dividends: Sequence[Mapping[str, str]] = ()   # notices: gross, withheld, net, withholding_rate, tax_status
    meetings: Sequence[Mapping[str, str]] = ()
    forms: Sequence[Mapping[str, Any]] = ()       # the holder's voting instruction forms (`form_view`)
    sipc_protected: Decimal = Decimal(0)
    tax_country: str = ""
    tax_basis: str = ""                           # the status's rate in words, from the broker


def _tax_words(rows: Sequence[Mapping[str, str]]) -> str:
    """The tax statuses and rates dividends were withheld under, e.g. "w8ben_e JEY at 0.3"."""
    seen = dict.fromkeys(" ".join(part for part in (str(r.get("tax_status") or "status not recorded"),
                                                   str(r.get("tax_country") or ""),
                                                   f"at {r.get('withholding_rate') or 0}") if part)
                         for r in rows)
    return "; ".join(seen) or "no dividend yet"


def _sum(rows: Sequence[Mapping[str, str]], key: str) -> Decimal:
    return sum((Decimal(str(r.get(key) or 0)) for r in rows), Decimal(0))


def _term(terms: Mapping[str, Any], *path: str, default: str = "") -> str:
    node: Any = terms
    for key in path:
        node = node.get(key, {}) if isinstance(node, Mapping) else {}
    return str(node) if node not in ({}, None) else default


def form_view(form: Mapping[str, Any]) -> str:
    """How one form's votes travelled: per proposal, what the owner told the broker and what it cast."""
    head = f"{form['action_id']} ({form['votes']} of {form['shares']} {form['symbol']} vote)"
    if form["status"] != "cast":
        told = ", ".join(f"{p['proposal_id']} {p['instruction'] or 'no instruction yet'}" for p in form["proposals"])
        return f"{head}: instructions taken until {form['cutoff']}; {told}"
    cast = ", ".join(f"{p['proposal_id']} {p['vote']} ({p['how']})" if p["vote"] else
                     f"{p['proposal_id']} not voted" + (f" ({p['how']})" if p["how"] != "not voted" else "")
                     for p in form["proposals"])
    return f"{head}: the broker cast {cast}"


VOTE_RULE = ("the broker votes as its beneficial owner instructs; uninstructed shares only on routine proposals, "
             "with the board, and not against an owner's standing instruction (SEC Rule 14b-1, NYSE Rule 452); "
             "whole shares only")


def trace_token(view: TokenView) -> Position:
    """A token holder's rights: each passes through the depository and the broker to the SPV, and
    the contract decides what reaches the holder."""
    t = view.terms
    policy = _term(t, "dividends", default="none")
    gross, withheld = _sum(view.dividends_to_spv, "gross"), _sum(view.dividends_to_spv, "withheld")
    cede = Step("depository", KEPT, "Cede & Co holds the shares for the broker (participant 0555)",
                "DTC book entry: the participant is credited what its position is entitled to")
    spv_customer = Step("broker", TRANSFORMED, "the SPV, not the holder, is the broker's customer and beneficial owner",
                        "the broker knows only its customer: the SPV")
    exposure = Right("price exposure", (cede, spv_customer, Step(
        "issuer SPV", TRANSFORMED, f"{view.multiplier} {view.underlying} per token, no claim to the shares",
        _term(t, "exposure")), Step("chain", KEPT, f"{view.quantity} {view.token} in {view.custody}",
                                    "ERC-20 balance x multiplier")),
        f"{view.quantity} {view.token} = {view.quantity * view.multiplier} {view.underlying}-equivalent "
        f"at {view.price} = {(view.quantity * view.multiplier * view.price).quantize(Decimal('0.01'))} USD")
    custody_steps: tuple[Step, ...] = ()
    spv_div = Step("broker", TRANSFORMED, f"paid to the SPV: gross {gross}, withheld {withheld} "
                   f"({_tax_words(view.dividends_to_spv)})",
                   "IRS nonresident withholding on US-source dividends: 30% unless a treaty lowers it")
    tax, upstream = _sum(view.dividend_equivalents, "tax_871m"), _sum(view.dividend_equivalents, "withheld")
    more = _sum(view.dividend_equivalents, "tax_871m_additional")
    equivalent = Step(
        "issuer SPV", TRANSFORMED, f"section 871(m): what passes on is a dividend equivalent, a US-source dividend "
        f"for the holder; tax {tax} (30% of the gross), {upstream} withheld upstream by the broker and credited: "
        f"the SPV withheld {more} more" if view.dividend_equivalents else
        "section 871(m): what passes on will be a dividend equivalent, taxed at 30% less what the broker withheld",
        "26 CFR 1.871-15: dividend equivalents on delta-one instruments; tax withheld on the underlying dividend "
        "relieves a second withholding, the reporting stays")
    if policy == "reinvest":
        issuer_div = Step("issuer SPV", TRANSFORMED, "the net dividend buys shares; the multiplier rises",
                          _term(t, "corporate_actions", "dividends_clause", default="dividends = reinvest"))
        moves = [f"{d.get('multiplier_before')} -> {d.get('multiplier_after')} from {d.get('effective_at')}"
                 for d in view.distributions]
        reached = "no cash; the multiplier rose " + ("; ".join(moves) if moves else "(no dividend yet)")
    elif policy == "stablecoin":
        issuer_div = Step("issuer SPV", TRANSFORMED,
                          "the net dividend is paid in FUSD to holders at the record snapshot",
                          _term(t, "corporate_actions", "dividends_clause", default="dividends = stablecoin"))
        reached = f"{view.paid_to_holder} FUSD to the holder's address"
        if view.custody != "own wallet":
            custodian = Step("exchange", LOST, f"{view.paid_to_custodian} FUSD reached the exchange's omnibus wallet "
                             "for all its users; the exchange credits none of it to them",
                             "the exchange is the holder of record on chain; its users hold a claim on its books")
            reached = "nothing: the exchange kept what its omnibus wallet received"
            custody_steps = (custodian,)
    else:
        issuer_div = Step("issuer SPV", LOST, "the SPV keeps the dividend",
                          _term(t, "corporate_actions", "dividends_clause", default="dividends = none"))
        reached = "nothing"
    tax_steps = (equivalent,) if policy in ("reinvest", "stablecoin") else ()   # a payment that tracks the dividend
    dividends = Right("dividends", (cede, spv_div, *tax_steps, issuer_div, *custody_steps), reached)
    spv_forms = "; ".join(form_view(f) for f in view.spv_forms)
    voting_policy = _term(t, "voting", default="none")
    voting = Right("voting", (
        cede, Step("broker", TRANSFORMED, f"the SPV, not the holder, is the beneficial owner: meeting notices "
                   f"{view.meetings}, voting instruction forms {len(view.spv_forms)}"
                   + (f" ({spv_forms})" if spv_forms else ""), VOTE_RULE),
        Step("issuer SPV", LOST, "not passed on to token holders; the SPV's standing instruction to its broker: "
             "do not vote its shares" if voting_policy == "none" else "not passed on to token holders",
             voting_policy + ": " + _term(t, "corporate_actions", "voting_clause",
                                          default="the contract gives token holders no vote"))),
        "no vote, no meeting notice" + (f"; the SPV's shares behind the tokens: {spv_forms}" if spv_forms else ""))
    redemption = Right("redemption", (Step("issuer SPV", TRANSFORMED, _term(t, "redemption", "when"),
                                           f"redemption: {_term(t, 'redemption', 'who')}, "
                                           f"fee {_term(t, 'redemption', 'fee_bps')} bps"),),
                       "stablecoin for the shares' sale price, not the shares")
    sipc = Right("SIPC protection", (Step("broker", LOST, "SIPC protects the SPV once, as the broker's customer",
                                          _term(t, "sipc", default="the holder is not the broker's customer")),),
                 "none for the holder")
    if view.insolvent:
        recovery_reached = f"{view.recovery_per_token} USD per token, {view.recovery_per_token * view.quantity} USD"
    else:
        recovery_reached = "the SPV is solvent: a claim, not yet a recovery"
    recovery = Right("recovery in insolvency",
                     (Step("issuer SPV", TRANSFORMED, "an unsecured claim on the SPV's estate",
                           _term(t, "insolvency_rank")),), recovery_reached)
    return Position(view.token, "tokenized", view.quantity, view.custody,
                    (exposure, dividends, voting, redemption, sipc, recovery))


def trace_traditional(view: TraditionalView) -> Position:
    """A traditional-route holder: the beneficial owner at the broker; the rights arrive whole, but for
    the vote, which it exercises through the broker: it instructs, the broker votes."""
    cede = Step("depository", KEPT, "Cede & Co holds the shares for the broker (participant 0555)", "DTC book entry")
    owner = Step("broker", KEPT, f"the holder's own account {view.account_id}", "the customer is the beneficial owner")
    gross, withheld, net = (_sum(view.dividends, k) for k in ("gross", "withheld", "net"))
    status = f"{view.tax_profile} ({view.tax_country})" if view.tax_country else view.tax_profile
    withholding = Step("broker", KEPT if withheld == 0 else TRANSFORMED,
                       f"tax status {status}: withheld {withheld} of {gross}"
                       + (f" ({_tax_words(view.dividends)})" if view.dividends else "")
                       + "; on the year-end statement (broker tax-statement)",
                       view.tax_basis or "IRS withholding by the payer")
    return Position(view.symbol, "traditional", view.quantity, f"broker account {view.account_id}", (
        Right("price exposure", (cede, owner), f"{view.quantity} {view.symbol} ({view.settled} settled) at "
              f"{view.price} = {(view.quantity * view.price).quantize(Decimal('0.01'))} USD"),
        Right("dividends", (cede, withholding), f"{net} USD cash (gross {gross}, withheld {withheld})"),
        Right("voting", (Step("depository", KEPT, "Cede & Co is the holder of record; DTC passes the vote to "
                              "the broker by an omnibus proxy", "DTC omnibus proxy"),
                         Step("broker", TRANSFORMED, f"an instruction right: the holder tells the broker how to vote "
                              f"on a voting instruction form ({len(view.meetings)} meeting notice(s), "
                              f"{len(view.forms)} form(s)); the broker casts the vote", VOTE_RULE)),
              "; ".join(form_view(f) for f in view.forms) or "no meeting yet"),
        Right("redemption", (owner,), "not needed: the holder owns the shares and can sell them"),
        Right("SIPC protection", (owner,), f"up to 500,000 USD (250,000 cash); now {view.sipc_protected} USD"),
        Right("recovery in insolvency", (owner,), "customer property, segregated from the broker's estate"),
    ))


@dataclass(frozen=True)
class PerpView:
    """What the exchange reports about one perp position (and its market)."""

    symbol: str                          # "AAPL-PERP"
    underlying: str
    size: Decimal                        # contracts, one share of exposure each: + long, - short
    entry_price: Decimal
    oracle_price: Decimal
    mark_price: Decimal
    margin: Decimal                      # FUSD isolated in the position
    leverage: int
    maintenance_rate: Decimal
    maintenance_margin: Decimal
    liquidation_price: Decimal | None    # None: no liquidation price above zero
    unrealized_pnl: Decimal
    equity: Decimal
    funding: Decimal                     # FUSD of funding so far: + received, - paid
    dividends: Sequence[str] = ()        # the notes of its DIVIDEND history entries
    conditions: str = ""                 # "halted: fault: halt-perps", "oracle stale", ... ("" none)


PERP_EXPOSURE_RULE = ("perpetual contract: PnL = size x (mark - entry) in FUSD; the oracle follows NYSE in sessions, "
                      "an average of the book outside them; funding every hour at one eighth of the 8-hour rate, "
                      "on size x oracle (Hyperliquid funding; trade.xyz equity perps)")
PERP_DIVIDEND_RULE = "equity perps: a cash dividend of the underlying makes no adjustment to the contract (trade.xyz)"
PERP_MARGIN_RULE = ("isolated margin: maintenance = notional at the mark x the maintenance rate (half the initial "
                    "margin at max leverage); below it the position is liquidated, through the book, then the "
                    "insurance fund, then auto-deleveraging of the other side (Hyperliquid margining and liquidations)")


def _usd(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"))


def trace_perp(view: PerpView) -> Position:
    """A perp holder's rights: a contract on the exchange's books, priced from an oracle; only the price
    (with funding) reaches the holder, and margin, not shares, stands behind it."""
    side = "long" if view.size > 0 else "short"
    size = abs(view.size)
    notional = size * view.mark_price
    funding = (f"received {view.funding}" if view.funding > 0 else f"paid {-view.funding}" if view.funding < 0
               else "paid and received nothing yet")
    exposure = Right("price exposure", (Step(
        "exchange", TRANSFORMED, f"a contract on the exchange's books, no share anywhere: {side} {size} "
        f"{view.underlying} on the oracle ({view.oracle_price}; mark {view.mark_price}), entered at "
        f"{view.entry_price}; funding every hour: so far {funding} FUSD"
        + (f"; {view.conditions}" if view.conditions else ""), PERP_EXPOSURE_RULE),),
        f"{view.size} {view.symbol} = {_usd(notional)} USD at the mark {view.mark_price}; unrealized PnL "
        f"{_usd(view.unrealized_pnl)} FUSD, funding so far {view.funding} FUSD")
    dividends = Right("dividends", (Step(
        "exchange", LOST, "; ".join(view.dividends) if view.dividends else
        f"no adjustment when {view.underlying} pays a dividend: a perp holds no shares", PERP_DIVIDEND_RULE),),
        f"nothing ({len(view.dividends)} dividend(s) went ex while held)" if view.dividends else "nothing")
    voting = Right("voting", (Step("exchange", LOST, "no shares anywhere, so no vote and no meeting notice",
                                   "a vote belongs to a share's beneficial owner; a perp is a contract, not a share"),),
                   "no vote, no meeting notice")
    redemption = Right("redemption", (Step(
        "exchange", TRANSFORMED, "no redemption into shares: the position is closed in the exchange's book "
        "(or liquidated), its margin and PnL paid in FUSD", "perpetual contract: no expiry, no delivery"),),
        f"close in the book for FUSD: equity now {_usd(view.equity)} FUSD")
    sipc = Right("SIPC protection", (Step(
        "exchange", LOST, "no securities account: a contract on a crypto exchange's books, at no SIPC member",
        "SIPA protects a broker-dealer's customers' securities and cash, not contracts on a crypto exchange"),),
        "none")
    recovery = Right("recovery in insolvency", (Step(
        "exchange", TRANSFORMED, "an unsecured claim on the exchange: margin and PnL are FUSD in its hot wallet, "
        "pooled with every user's; no segregation, no security agent",
        "if the exchange fails, the holder is a general unsecured creditor of its estate"),),
        f"the exchange is solvent: a claim of {_usd(view.equity)} FUSD (the position's equity), not yet a recovery")
    where = (f"liquidated if the mark reaches {_usd(view.liquidation_price)} "
             f"({_usd((view.liquidation_price / view.mark_price - 1) * 100)}% from the mark)"
             if view.liquidation_price is not None and view.mark_price else "no liquidation price above zero")
    liquidation = Right("liquidation risk", (Step(
        "exchange", TRANSFORMED, f"isolated margin {view.margin} FUSD at {view.leverage}x; maintenance "
        f"{view.maintenance_rate} of the notional ({_usd(view.maintenance_margin)} FUSD now); {where}",
        PERP_MARGIN_RULE),), where + f"; at most the margin ({view.margin} FUSD) is lost")
    return Position(view.symbol, "perpetual", view.size, "the exchange's books (isolated margin in FUSD)",
                    (exposure, dividends, voting, redemption, sipc, recovery, liquidation))


@dataclass
class Trace:
    holder: str
    kind: str
    positions: list[Position] = field(default_factory=list)
