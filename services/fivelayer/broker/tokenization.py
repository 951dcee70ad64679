"""In-kind tokenization, the Instant Tokenization Network flow, at the broker.

An authorized participant (AP) with settled shares asks for a mint: in one unit of work the
broker journals the shares (JNLS) and the issuer's fee (JNLC) from the AP's account to the
issuer's designated account and records the request, pending. Then, with no unit of work open,
it asks the issuer, who mints the tokens to the wallet and confirms through the callback; the
request completes. An issuer's refusal (minting halted, the SPV insolvent) journals both back
and the request is rejected with the issuer's reason. An issuer away leaves it pending; the
saga's resumer (`in_kind`) asks again with the same request id, which the issuer applies once.

A redemption starts at the issuer (the AP's tokens come back to it): the issuer confirms it
through the redeem callback and the broker journals the shares back to the AP, and the fee to
the issuer. It is instant because it is a book entry inside one broker: no market order, no DTC
movement, no T+1 wait; and only settled shares can move.

An issuer may designate one account per underlying symbol (an SPV's segregated account per product)
and a default account ("" symbol) for every symbol without its own: `issuer_account` picks the
request's symbol's account, else the default.

Fees are the product's `[terms.in_kind] fee_bps` (contracts/), of the shares' value at the
request's price, rounded down to the cent: a fee never exceeds its rate.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import func
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from fivelayer.broker import accounts, journals, reasons
from fivelayer.broker.models import (
    AccountRow,
    AccountStatus,
    TokenizationIssuerRow,
    TokenizationRow,
    TokenizationStatus,
)
from fivelayer.kernel.errors import DomainError, require
from fivelayer.kernel.money import SHARE_PLACES, USD_PLACES, ZERO, RawAmount, parse_amount, round_down, to_pb
from fivelayer.kernel.outbox import emit
from fivelayer.kernel.reasons import Common, Cutoff
from fivelayer.kernel.reference import NETWORK
from fivelayer.v1 import events_pb2 as ev

KINDS = ("mint", "redeem")
MAX_LIST = 500
BPS = Decimal(10_000)


@dataclass(frozen=True)
class MintAsk:
    """What an AP asks for: shares of `underlying_symbol` to become tokens in `wallet_address`."""

    underlying_symbol: str
    qty: RawAmount
    issuer: str
    network: str
    wallet_address: str
    client_request_id: str = ""


def fee(qty: Decimal, price: Decimal, fee_bps: Decimal) -> Decimal:
    """The issuer's fee in USD: its rate of the shares' value, rounded down to the cent."""
    return round_down(qty * price * fee_bps / BPS, USD_PLACES)


def register_issuer(session: Session, issuer: str, account_id: str, correspondent: str,
                    underlying_symbol: str = "") -> TokenizationIssuerRow:
    """An issuer names the account (its own, opened by the same correspondent) that takes the shares
    of `underlying_symbol`, or of every symbol without its own account ("": the default). Registering a
    symbol again moves it to the new account; an issuer belongs to one correspondent."""
    require(bool(issuer.strip()), Common.INVALID_ARGUMENT, "an issuer needs a name")
    symbol = underlying_symbol.strip().upper()
    account = accounts.get(session, account_id)
    require(bool(correspondent) and account.correspondent == correspondent, reasons.Broker.NOT_AN_ISSUER,
            f"account {account_id} was not opened by this correspondent; an issuer designates its own account")
    owner = issuer_correspondent(session, issuer)
    require(owner is None or owner == correspondent, reasons.Broker.NOT_AN_ISSUER,
            f"issuer {issuer!r} belongs to another partner")
    row = session.get(TokenizationIssuerRow, (issuer, symbol)) or TokenizationIssuerRow(
        issuer=issuer, underlying_symbol=symbol, account_id=account_id, correspondent=correspondent)
    row.account_id = account_id
    session.add(row)
    return row


def issuer_correspondent(session: Session, issuer: str) -> str | None:
    """The correspondent behind an issuer (None: no such issuer)."""
    row = session.exec(select(TokenizationIssuerRow).where(TokenizationIssuerRow.issuer == issuer)).first()
    return row.correspondent if row is not None else None


def designated(session: Session, issuer: str, symbol: str) -> TokenizationIssuerRow | None:
    """The issuer's account for `symbol`, else its default ("") account; None if it has neither."""
    return session.get(TokenizationIssuerRow, (issuer, symbol.strip().upper())) \
        or session.get(TokenizationIssuerRow, (issuer, ""))


def issuer_account(session: Session, issuer: str, symbol: str) -> tuple[TokenizationIssuerRow, AccountRow]:
    """The issuer's designated account for `symbol` (its own, else the issuer's default), if the broker
    still takes instructions on it."""
    row = designated(session, issuer, symbol)
    if row is None:
        if issuer_correspondent(session, issuer) is None:
            known = ", ".join(sorted(set(session.exec(select(TokenizationIssuerRow.issuer))))) or "none"
            raise DomainError(reasons.Broker.UNKNOWN_ISSUER,
                              f"no tokenization issuer {issuer!r}; the issuers are: {known}")
        takes = ", ".join(sorted(session.exec(select(TokenizationIssuerRow.underlying_symbol)
                                              .where(TokenizationIssuerRow.issuer == issuer))))
        raise DomainError(Common.UNKNOWN_SYMBOL, f"issuer {issuer!r} has no account for {symbol!r} and no default "
                          f"account; it takes {takes}")
    account = accounts.get(session, row.account_id)
    require(account.status == AccountStatus.ACTIVE, Cutoff.ACCOUNT_FROZEN,
            f"the issuer's account {account.account_id} is {account.status}: {account.status_reason}")
    require(account.route_enabled, Cutoff.ROUTE_CUT,
            f"the broker has cut the API route of the issuer's account {account.account_id}: "
            f"{account.route_reason}; it cannot confirm a tokenization")
    return row, account


def _next_id(session: Session) -> str:
    return f"tok-{session.exec(select(func.count()).select_from(TokenizationRow)).one() + 1:06d}"


def by_client_request_id(session: Session, correspondent: str, client_request_id: str) -> TokenizationRow | None:
    if not client_request_id:
        return None
    return session.exec(select(TokenizationRow).where(TokenizationRow.correspondent == correspondent,
                                                      TokenizationRow.client_request_id == client_request_id)).first()


def _move(session: Session, now: datetime, row: TokenizationRow, from_account: str, to_account: str,
          fee_from: str, fee_to: str, why: str) -> None:
    """The book entries of a tokenization: the shares one way, the fee to the issuer."""
    journals.execute(session, now, entry_type="JNLS", from_account=from_account, to_account=to_account,
                     symbol=row.underlying_symbol, qty=row.qty, description=f"{why} {row.request_id}")
    if row.fees > ZERO:
        journals.execute(session, now, entry_type="JNLC", from_account=fee_from, to_account=fee_to, amount=row.fees,
                         description=f"tokenization fee {row.request_id}")


def begin_mint(session: Session, now: datetime, *, correspondent: str, account: AccountRow, ask: MintAsk,
               price: Decimal, fee_bps: Mapping[str, Decimal]) -> TokenizationRow:
    """Validate, journal the shares and the fee to the issuer, record the request pending."""
    seen = by_client_request_id(session, correspondent, ask.client_request_id)
    if seen is not None:
        same = (seen.kind, seen.account_id, seen.underlying_symbol, seen.issuer, seen.network, seen.wallet_address) \
            == ("mint", account.account_id, ask.underlying_symbol, ask.issuer, ask.network, ask.wallet_address)
        require(same and str(seen.qty) == str(parse_amount(ask.qty, "qty", SHARE_PLACES)),
                Common.IDEMPOTENCY_KEY_REUSED,
                f"client request id {ask.client_request_id!r} was used for a different request ({seen.request_id})")
        return seen
    require(account.status == AccountStatus.ACTIVE, Cutoff.ACCOUNT_FROZEN,
            f"account {account.account_id} is {account.status}: {account.status_reason}")
    require(ask.network == NETWORK, Common.INVALID_ARGUMENT, f"network must be {NETWORK!r}, got {ask.network!r}")
    require(bool(ask.wallet_address.strip()), Common.INVALID_ARGUMENT,
            "a mint needs the wallet_address to receive tokens")
    qty = parse_amount(ask.qty, "qty", SHARE_PLACES)
    issuer, issuer_acct = issuer_account(session, ask.issuer, ask.underlying_symbol)
    require(ask.underlying_symbol in fee_bps, Common.UNKNOWN_SYMBOL,
            f"issuer {ask.issuer!r} tokenizes none of {ask.underlying_symbol!r}; it does {', '.join(sorted(fee_bps))}")
    row = TokenizationRow(request_id=_next_id(session), external_id="", client_request_id=ask.client_request_id,
                          correspondent=correspondent, kind="mint", account_id=account.account_id,
                          issuer=issuer.issuer, issuer_account_id=issuer_acct.account_id, network=ask.network,
                          underlying_symbol=ask.underlying_symbol, qty=qty,
                          wallet_address=ask.wallet_address, fees=fee(qty, price, fee_bps[ask.underlying_symbol]),
                          created_at=now, updated_at=now)
    row.external_id = accounts.external_id(row.request_id)
    _move(session, now, row, account.account_id, issuer_acct.account_id, account.account_id, issuer_acct.account_id,
          "in-kind mint")
    session.add(row)
    emit(session, now, ev.TokenizationRequested(request_id=row.request_id, kind="mint", account_id=row.account_id,
                                                issuer=row.issuer, symbol=row.underlying_symbol, qty=to_pb(qty),
                                                wallet=row.wallet_address, fees=to_pb(row.fees)))
    session.flush()
    return row


def get(session: Session, request_id: str) -> TokenizationRow:
    row = session.get(TokenizationRow, request_id)
    if row is None:
        raise DomainError(Common.NOT_FOUND, f"no tokenization request {request_id!r}")
    return row


def complete(session: Session, now: datetime, row: TokenizationRow, issuer_request_id: str, tx_hash: str) -> None:
    """The issuer has minted (or collected) the tokens: the request is done. Repeatable."""
    if row.status == TokenizationStatus.COMPLETED:
        return
    require(row.status == TokenizationStatus.PENDING, reasons.Broker.FAILED_PRECONDITION,
            f"{row.request_id} is {row.status}")
    row.status, row.issuer_request_id, row.tx_hash, row.updated_at = TokenizationStatus.COMPLETED, issuer_request_id, \
        tx_hash, now
    session.add(row)
    emit(session, now, ev.TokenizationCompleted(request_id=row.request_id, kind=row.kind, account_id=row.account_id,
                                                issuer_request_id=issuer_request_id, tx_hash=tx_hash))


def confirm_mint(session: Session, now: datetime, correspondent: str, request_id: str, issuer_request_id: str,
                 tx_hash: str) -> TokenizationRow:
    """The mint callback: only the request's issuer confirms it."""
    row = session.get(TokenizationRow, request_id)
    if row is None or row.kind != "mint" or issuer_correspondent(session, row.issuer) != correspondent:
        raise DomainError(Common.NOT_FOUND, f"no tokenization mint request {request_id!r} for this issuer")
    complete(session, now, row, issuer_request_id, tx_hash)
    return row


def reject_mint(session: Session, now: datetime, row: TokenizationRow, reason: str) -> None:
    """The issuer refused: the shares and the fee go back to the participant."""
    if row.status != TokenizationStatus.PENDING:
        return
    issuer_acct = row.issuer_account_id   # where the shares went, whatever the issuer has designated since
    if not issuer_acct:
        issuer = designated(session, row.issuer, row.underlying_symbol)
        assert issuer is not None, f"{row.request_id} names issuer {row.issuer!r}, which it was validated against"
        issuer_acct = issuer.account_id
    _move(session, now, row, issuer_acct, row.account_id, issuer_acct, row.account_id, "in-kind mint reversed")
    row.status, row.reject_reason, row.updated_at = TokenizationStatus.REJECTED, reason, now
    session.add(row)
    emit(session, now, ev.TokenizationRejected(request_id=row.request_id, kind=row.kind, account_id=row.account_id,
                                               reason=reason))


def confirm_redeem(session: Session, now: datetime, *, correspondent: str, account: AccountRow, symbol: str,
                   raw_qty: RawAmount, wallet: str, issuer_request_id: str, tx_hash: str, price: Decimal,
                   fee_bps: Mapping[str, Decimal]) -> TokenizationRow:
    """The issuer has the AP's tokens back: journal the shares to the AP, the fee to the issuer.
    Keyed on the issuer's request id, so a repeated callback moves nothing twice."""
    issuer = session.exec(select(TokenizationIssuerRow)
                          .where(TokenizationIssuerRow.correspondent == correspondent)).first()
    if issuer is None:
        raise DomainError(reasons.Broker.NOT_AN_ISSUER, "only a tokenization issuer confirms a redemption")
    require(bool(issuer_request_id), Common.INVALID_ARGUMENT, "a redemption callback needs the issuer_request_id")
    seen = session.exec(select(TokenizationRow).where(TokenizationRow.issuer == issuer.issuer,
                                                      TokenizationRow.issuer_request_id == issuer_request_id)).first()
    if seen is not None:
        return seen
    _, issuer_acct = issuer_account(session, issuer.issuer, symbol)
    require(account.status == AccountStatus.ACTIVE, Cutoff.ACCOUNT_FROZEN,
            f"account {account.account_id} is {account.status}: {account.status_reason}")
    qty = parse_amount(raw_qty, "qty", SHARE_PLACES)
    require(symbol in fee_bps, Common.UNKNOWN_SYMBOL, f"issuer {issuer.issuer!r} tokenizes none of {symbol!r}")
    row = TokenizationRow(request_id=_next_id(session), external_id="", correspondent=account.correspondent,
                          kind="redeem", account_id=account.account_id, issuer=issuer.issuer,
                          issuer_account_id=issuer_acct.account_id, network=NETWORK,
                          underlying_symbol=symbol, qty=qty, wallet_address=wallet,
                          fees=fee(qty, price, fee_bps[symbol]), issuer_request_id=issuer_request_id,
                          tx_hash=tx_hash, status=TokenizationStatus.COMPLETED, created_at=now, updated_at=now)
    row.external_id = accounts.external_id(row.request_id)
    _move(session, now, row, issuer_acct.account_id, account.account_id, account.account_id, issuer_acct.account_id,
          "in-kind redemption")
    session.add(row)
    emit(session, now, ev.TokenizationCompleted(request_id=row.request_id, kind="redeem", account_id=row.account_id,
                                                issuer_request_id=issuer_request_id, tx_hash=tx_hash, qty=to_pb(qty),
                                                fees=to_pb(row.fees)))
    session.flush()
    return row


def listed(session: Session, *, account_id: str = "", correspondent: str = "", limit: int = 100,
           client_request_id: str = "", issuer_request_id: str = "") -> list[TokenizationRow]:
    """Requests, newest first, bounded."""
    require(0 < limit <= MAX_LIST, Common.INVALID_ARGUMENT, f"limit must be 1..{MAX_LIST}, got {limit}")
    query = listed_query(account_id=account_id, correspondent=correspondent, client_request_id=client_request_id,
                         issuer_request_id=issuer_request_id)
    return list(session.exec(query.order_by(col(TokenizationRow.request_id).desc()).limit(limit)))


def listed_query(*, account_id: str = "", correspondent: str = "", client_request_id: str = "",
                 issuer_request_id: str = "") -> SelectOfScalar[TokenizationRow]:
    """The requests of the filter, unordered (a caller pages them)."""
    query = select(TokenizationRow)
    if account_id:
        query = query.where(TokenizationRow.account_id == account_id)
    if correspondent:
        query = query.where(TokenizationRow.correspondent == correspondent)
    if client_request_id:
        query = query.where(TokenizationRow.client_request_id == client_request_id)
    if issuer_request_id:
        query = query.where(TokenizationRow.issuer_request_id == issuer_request_id)
    return query
