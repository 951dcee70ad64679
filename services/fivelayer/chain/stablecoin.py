"""The stablecoin issuer's books and rules: FUSD issued against dollars received, redeemed for dollars wired.

No transport here: the servicer (`stablecoin_service`) reads the chain and calls the broker, and hands
these functions plain values and a ledger.

Books (the kernel's double-entry ledger, in the chain service's database):
- USD: `@fedwire` is the outside world dollars come from and go to by wire; `reserve:bank` the reserve at
  working banks, `reserve:failed-bank` the part stuck at a failed bank (a de-peg's cause), `reserve:wiring`
  a wire sent and not yet confirmed credited. Every FUSD mint by the issuer's key (the sandbox faucet and
  Issue alike) books its amount in from `@fedwire`: the sandbox's deposits stand for dollars received.
- FUSD: `fusd:outstanding` against `@chain`: issued +, burned on redemption -.
- Claims: `redemptions:owed` against `@redeemers`, in USD at par: what the issuer owes for FUSD it burned
  and has not wired yet. The wire settles the claim at par; a de-peg's discount is the holder's loss.

Rules: a redemption is a Transfer of FUSD to the redemption address (found in the transaction's logs);
its wire is scheduled by Fedwire's rule (`kernel.fedwire`) after any wire delay; the price is applied
when the wire is sent, the dollars rounded down to the cent (a payee is never rounded in its favour).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any, Final

from fivelayer.chain import reasons
from fivelayer.chain.stablecoin_models import RedemptionStatus
from fivelayer.kernel import fedwire
from fivelayer.kernel.errors import DomainError, require
from fivelayer.kernel.ledger import Ledger
from fivelayer.kernel.money import USD_PLACES, ZERO, fmt, parse_amount, round_down
from fivelayer.kernel.reasons import Common
from fivelayer.kernel.timeutil import parse_duration

USD: Final = "USD"
FUSD: Final = "FUSD"
OUTSIDE: Final = "@fedwire"
BANK: Final = "reserve:bank"
FAILED_BANK: Final = "reserve:failed-bank"
WIRING: Final = "reserve:wiring"
CHAIN: Final = "@chain"
OUTSTANDING: Final = "fusd:outstanding"
REDEEMERS: Final = "@redeemers"
OWED: Final = "redemptions:owed"
PAR: Final = Decimal(1)
WAITING: Final = (RedemptionStatus.HALTED, RedemptionStatus.QUEUED, RedemptionStatus.SENDING)  # owed, not yet wired
MAX_WIRE_DELAY: Final = timedelta(days=30)


@dataclass(frozen=True)
class Conditions:
    """The off-ramp's state, as SetConditions sets it."""

    halted: bool = False
    price: Decimal = PAR
    wire_delay: str = ""
    stuck_usd: Decimal = ZERO
    reason: str = ""

    def delay(self) -> timedelta:
        return parse_duration(self.wire_delay) if self.wire_delay else timedelta(0)


def conditions(halted: bool, price_text: str, wire_delay: str, stuck_text: str, reason: str) -> Conditions:
    """Validated conditions: a price in (0, 1] with at most 6 places, a duration or "", stuck dollars >= 0."""
    price = parse_amount(price_text, "redemption_price", 6) if price_text.strip() else PAR
    require(price <= PAR, Common.INVALID_AMOUNT, f"redemption_price is at most 1 (par), got {fmt(price)}",
            field="redemption_price")
    delay = wire_delay.strip()
    if delay:
        try:
            too_long = parse_duration(delay) > MAX_WIRE_DELAY
        except OverflowError:
            too_long = True
        require(not too_long, Common.INVALID_DURATION,
                f"wire_delay is at most {MAX_WIRE_DELAY.days} days, got {delay!r}",
                field="wire_delay")
    stuck = parse_amount(stuck_text, "stuck_usd", USD_PLACES, allow_zero=True) if stuck_text.strip() else ZERO
    return Conditions(halted, price, delay, stuck, reason.strip())


def wire_usd(amount: Decimal, price: Decimal) -> Decimal:
    """The dollars a redemption's wire pays: amount x price, rounded down to the cent."""
    return round_down(amount * price, USD_PLACES)


def schedule(asked_at: datetime, delay: timedelta) -> fedwire.WireQuote:
    """When a wire asked at `asked_at` is sent: the delay first, then Fedwire's calendar and hours."""
    quote = fedwire.quote(asked_at + delay)
    if delay:
        return fedwire.WireQuote(quote.value_date, quote.pays_at, f"after a wire delay of {_delay_text(delay)}: "
                                                                  f"{quote.rule}")
    return quote


def _delay_text(delay: timedelta) -> str:
    hours, rest = divmod(int(delay.total_seconds()), 3600)
    return f"{hours}h" + (f"{rest // 60}m" if rest >= 60 else "")


def redeemed_transfer(receipt: dict[str, Any] | None, fusd_address: str, redemption_address: str,
                      transfer_topic: str) -> tuple[str, int]:
    """(holder, FUSD units) a transaction sent to the redemption address, read from its Transfer logs.
    Anything else (no such transaction, a revert, another token, another recipient) is NOT_A_REDEMPTION."""
    if receipt is None:
        raise DomainError(reasons.Stablecoin.NOT_A_REDEMPTION, "no such transaction on chain")
    require(int(receipt.get("status", "0x0"), 16) == 1, reasons.Stablecoin.NOT_A_REDEMPTION,
            "the transaction reverted: it moved no FUSD")
    holders: set[str] = set()
    units = 0
    target = "0x" + "0" * 24 + redemption_address.lower()[2:]
    for log in receipt.get("logs", []):
        topics = [t.lower() for t in log.get("topics") or []]
        if (log.get("address", "").lower() == fusd_address.lower() and len(topics) == 3
                and topics[0] == transfer_topic.lower() and topics[2] == target):
            holders.add("0x" + topics[1][-40:])
            units += int(log["data"], 16)
    require(units > 0 and len(holders) == 1, reasons.Stablecoin.NOT_A_REDEMPTION,
            f"the transaction is not a transfer of FUSD to the redemption address {redemption_address}",
            redemption_address=redemption_address)
    return holders.pop(), units


# --- the books --------------------------------------------------------------------------------------------


def book_received(ledger: Ledger, at: datetime, key: str, amount: Decimal, memo: str) -> None:
    """Dollars received by wire and FUSD issued against them, 1:1."""
    ledger.post([(OUTSIDE, USD, -amount), (BANK, USD, amount), (CHAIN, FUSD, -amount), (OUTSTANDING, FUSD, amount)],
                at=at, transfer_id=f"issue:{key}", memo=memo)


def book_redemption(ledger: Ledger, at: datetime, redemption_id: str, amount: Decimal) -> None:
    """FUSD burned; the dollars owed for it (at par) until the wire pays."""
    ledger.post([(OUTSTANDING, FUSD, -amount), (CHAIN, FUSD, amount), (REDEEMERS, USD, -amount), (OWED, USD, amount)],
                at=at, transfer_id=f"redeem:{redemption_id}", memo="FUSD burned, dollars owed")


def liquid(ledger: Ledger) -> Decimal:
    """Reserve dollars a wire can be paid from now (the ones at working banks)."""
    return ledger.balance(BANK, USD)


def book_wire_sent(ledger: Ledger, at: datetime, redemption_id: str, usd: Decimal) -> None:
    """The wire handed to Fedwire: the dollars leave the working banks."""
    if usd > 0:
        ledger.transfer(BANK, WIRING, USD, usd, at=at, transfer_id=f"wire:{redemption_id}", memo="wire sent")


def book_wire_credited(ledger: Ledger, at: datetime, redemption_id: str, amount: Decimal, usd: Decimal) -> None:
    """The beneficiary credited: the dollars gone, the claim settled at par (the discount is the holder's)."""
    legs = [(OWED, USD, -amount), (REDEEMERS, USD, amount)]
    if usd > 0:
        legs += [(WIRING, USD, -usd), (OUTSIDE, USD, usd)]
    ledger.post(legs, at=at, transfer_id=f"paid:{redemption_id}", memo="wire credited")


def book_wire_returned(ledger: Ledger, at: datetime, redemption_id: str, usd: Decimal) -> None:
    """The beneficiary's bank refused the wire: the dollars come back; the claim stays owed."""
    if usd > 0:
        ledger.transfer(WIRING, BANK, USD, usd, at=at, transfer_id=f"returned:{redemption_id}", memo="wire returned")


def book_stuck(ledger: Ledger, at: datetime, key: str, stuck: Decimal) -> None:
    """Move reserve dollars between the working banks and the failed one so `stuck` sit at the failed bank."""
    delta = stuck - ledger.balance(FAILED_BANK, USD)
    if delta > 0:
        require(ledger.balance(BANK, USD) >= delta, Common.INSUFFICIENT_FUNDS,
                f"the reserve holds {fmt(ledger.balance(BANK, USD) + ledger.balance(FAILED_BANK, USD))} USD: "
                f"{fmt(stuck)} cannot be stuck at a failed bank", reserve=fmt(ledger.balance(BANK, USD)))
        ledger.transfer(BANK, FAILED_BANK, USD, delta, at=at, transfer_id=f"stuck:{key}", memo="stuck at a failed bank")
    elif delta < 0:
        ledger.transfer(FAILED_BANK, BANK, USD, -delta, at=at, transfer_id=f"stuck:{key}", memo="recovered")


def reserve(ledger: Ledger) -> tuple[Decimal, Decimal]:
    """(dollars held, of which stuck): at working banks, at the failed bank, and in wires not yet credited."""
    stuck = ledger.balance(FAILED_BANK, USD)
    return ledger.balance(BANK, USD) + stuck + ledger.balance(WIRING, USD), stuck
