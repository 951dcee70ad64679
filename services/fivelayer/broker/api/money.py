"""Money on the Broker API face: ACH relationships, recipient banks and transfers (`broker.funding`), journals
(`broker.journals`) and account activities (`broker.activities`), in the shapes `alpaca-py` parses.

Money moves only in an ACTIVE account (an application still SUBMITTED or APPROVED, or one
REJECTED, moves none); a partner's firm account is always open to it. A JSON number in a body
(the SDK sends a journal's amount and qty as numbers) is read as an exact decimal, never a float.
The rules are the domain modules'; this module reads requests, prices what a unit of work needs
before it opens, and writes Alpaca's JSON.

Alpaca's sandbox fixtures in a journal's `description` ("/fixtures/status=rejected/fixtures/", as its
documented example sends) are kept in the description and not played: the sandbox executes a
journal at once or refuses it with its reason, and a partner rehearses a refusal with a real one
(more than the source's withdrawable cash). A batch journal (one account to many, or many to one)
is taken whole or refused whole. Journals above Alpaca's $50 sandbox limit are not held
until the end of the day for the same reason: the limit here is `funding.LIMIT`.
"""
from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Request, Response
from fastapi.responses import JSONResponse
from sqlmodel import Session

from fivelayer.broker import activities, funding, journals, orders, reasons
from fivelayer.broker.api.common import Face, Partner, amount, external_id, iso, own
from fivelayer.broker.approvals import status_at
from fivelayer.broker.models import (
    AccountRow,
    AccountStatus,
    AchRelationshipRow,
    JournalRow,
    JournalStatus,
    RecipientBankRow,
    TransferRow,
)
from fivelayer.kernel.errors import DomainError, require
from fivelayer.kernel.reasons import Common, Cutoff
from fivelayer.kernel.timeutil import parse_instant

TAG = "Broker API"
MAX_BATCH = 1000   # entries in one batch journal


async def decimal_body(request: Request) -> dict[str, Any]:
    """The JSON body, its numbers as exact decimals."""
    try:
        body = json.loads(await request.body() or b"{}", parse_float=Decimal, parse_int=Decimal)
    except ValueError:
        raise DomainError(Common.INVALID_ARGUMENT, "the body must be a JSON object") from None
    if not isinstance(body, dict):
        raise DomainError(Common.INVALID_ARGUMENT, "the body must be a JSON object")
    return body


Body = Annotated[dict[str, Any], Depends(decimal_body)]


def text(body: dict[str, Any], name: str, default: str = "") -> str:
    value = body.get(name, default)
    if value is None:
        return default
    if not isinstance(value, str):
        raise DomainError(Common.INVALID_ARGUMENT, f"{name} must be a string, got {value!r}")
    return value


def number(body: dict[str, Any], name: str) -> str | Decimal | None:
    """An amount or quantity of a body: a decimal string or a JSON number (read exactly)."""
    value = body.get(name)
    if value is not None and not isinstance(value, str | Decimal):
        raise DomainError(Common.INVALID_AMOUNT, f"{name} must be a number or a decimal string, got {value!r}")
    return value


def jsonable(value: Any) -> Any:
    """A domain value as Alpaca writes it: amounts as decimal strings, instants in UTC, days ISO."""
    if isinstance(value, Decimal):
        return amount(value)
    if isinstance(value, datetime):
        return iso(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def day(value: str, name: str) -> date | None:
    """A day given as YYYY-MM-DD (or an instant, whose date it is)."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        raise DomainError(Common.INVALID_ARGUMENT, f"{name} must be a date YYYY-MM-DD, got {value!r}") from None


def movable(row: AccountRow, now: datetime) -> AccountRow:
    """The account, if money may move in it: ACTIVE on the face (a firm account always is)."""
    require(row.status == AccountStatus.ACTIVE, Cutoff.ACCOUNT_FROZEN,
            f"account {row.external_id} is {status_at(row, now)} ({row.status}: {row.status_reason}): no money moves")
    status = "ACTIVE" if row.kind == journals.FIRM else status_at(row, now)
    require(status == "ACTIVE", reasons.Broker.ACCOUNT_NOT_ACTIVE,
            f"account {row.external_id} is {status}: money moves only in an ACTIVE account")
    return row


def relationship_json(row: AchRelationshipRow, now: datetime) -> dict[str, Any]:
    status = funding.relationship_status(row, now)
    updated = row.canceled_at or (row.created_at + funding.APPROVAL if status == "APPROVED" else row.created_at)
    return {"id": row.relationship_id, "account_id": external_id(row.account_id), "created_at": iso(row.created_at),
            "updated_at": iso(updated), "status": status, "account_owner_name": row.account_owner_name,
            "bank_account_type": row.bank_account_type, "bank_account_number": row.bank_account_number,
            "bank_routing_number": row.bank_routing_number, "nickname": row.nickname or None}


def bank_json(row: RecipientBankRow) -> dict[str, Any]:
    """A recipient bank in Alpaca's Bank shape."""
    return {"id": row.bank_id, "account_id": external_id(row.account_id), "name": row.name,
            "status": funding.bank_status(row), "country": row.country, "state_province": row.state_province,
            "postal_code": row.postal_code, "city": row.city, "street_address": row.street_address,
            "account_number": row.account_number, "bank_code": row.bank_code, "bank_code_type": row.bank_code_type,
            "created_at": iso(row.created_at), "updated_at": iso(row.canceled_at or row.created_at)}


def transfer_json(row: TransferRow) -> dict[str, Any]:
    return {"id": row.transfer_id, "account_id": external_id(row.account_id), "relationship_id": row.relationship_id,
            "created_at": iso(row.created_at), "updated_at": iso(row.updated_at), "expires_at": None,
            "type": row.type, "status": row.status, "direction": row.direction, "amount": amount(row.amount),
            "requested_amount": amount(row.amount), "fee": "0", "fee_payment_method": "user",
            "reason": row.reason or None}


# A journal's status in Alpaca's words (the face's `status`, and the list's `status` filter): the one place the
# broker's JournalStatus meets them. Alpaca has more (queued, sent_to_clearing, refused, ...); a journal here
# executes at once or is refused whole, so it never shows them.
JOURNAL_WORDS: dict[JournalStatus, str] = {
    JournalStatus.PENDING: "pending", JournalStatus.EXECUTED: "executed", JournalStatus.REJECTED: "rejected",
    JournalStatus.CANCELED: "canceled"}
JOURNAL_STATUS_OF_WORD = {word: status for status, word in JOURNAL_WORDS.items()}


def journal_status(word: str) -> JournalStatus | None:
    """The list filter's `status` (any case; empty: every status), refused plainly when Alpaca's word is not one."""
    if not word:
        return None
    status = JOURNAL_STATUS_OF_WORD.get(word.lower())
    require(status is not None, Common.INVALID_ARGUMENT,
            f"status is one of {', '.join(JOURNAL_WORDS.values())}, got {word.lower()!r}")
    return status


def journal_json(row: JournalRow) -> dict[str, Any]:
    cash = row.entry_type == "JNLC"
    day_ = activities.day_of(row.executed_at or row.created_at).isoformat()
    return {"id": row.journal_id, "entry_type": row.entry_type, "from_account": external_id(row.from_account),
            "to_account": external_id(row.to_account), "status": JOURNAL_WORDS[JournalStatus(row.status)],
            "net_amount": amount(row.amount) if cash else "0", "symbol": None if cash else row.symbol,
            "qty": None if cash else amount(row.qty), "price": None, "description": row.description,
            "settle_date": day_, "system_date": day_, "currency": "USD", "created_at": iso(row.created_at),
            "reason": row.reason or None}


def activity_json(activity: activities.Activity) -> dict[str, Any]:
    return {"id": activity.id, "account_id": external_id(activity.account_id),
            "activity_type": activity.activity_type, **{k: jsonable(v) for k, v in activity.fields.items()}}


def install(app: FastAPI, face: Face) -> None:
    install_funding(app, face)
    install_journals(app, face)
    install_activities(app, face)


def install_funding(app: FastAPI, face: Face) -> None:
    db, clock = face.db, face.clock
    base = "/v1/accounts/{account}"

    @app.post(base + "/ach_relationships", tags=[TAG], include_in_schema=False)
    def create_ach_relationship(account: str, body: Body, partner_key: Partner) -> JSONResponse:
        if body.get("processor_token"):
            raise DomainError(reasons.Broker.UNSUPPORTED,
                              "Plaid relationships are not served; give the bank account and routing "
                              "numbers")
        now = clock.now()
        with db.transaction() as session:
            row = own(session, partner_key, account)
            link = funding.create_relationship(
                session, now, row.account_id, owner_name=text(body, "account_owner_name"),
                account_type=text(body, "bank_account_type"), account_number=text(body, "bank_account_number"),
                routing_number=text(body, "bank_routing_number"), nickname=text(body, "nickname"))
            return JSONResponse(relationship_json(link, now))

    @app.get(base + "/ach_relationships", tags=[TAG], include_in_schema=False)
    def list_ach_relationships(account: str, partner_key: Partner, statuses: str = "") -> JSONResponse:
        wanted = tuple(s.strip().upper() for s in statuses.split(",") if s.strip()) or ("QUEUED", "APPROVED")
        now = clock.now()
        with db.read() as session:
            row = own(session, partner_key, account)
            return JSONResponse([relationship_json(r, now)
                                 for r in funding.relationships(session, now, row.account_id, wanted)])

    @app.delete(base + "/ach_relationships/{relationship_id}", tags=[TAG], include_in_schema=False)
    def delete_ach_relationship(account: str, relationship_id: str, partner_key: Partner) -> Response:
        now = clock.now()
        with db.transaction() as session:
            row = own(session, partner_key, account)
            funding.cancel_relationship(session, now, row.account_id, relationship_id)
        return Response(status_code=204)

    @app.post(base + "/recipient_banks", tags=[TAG], include_in_schema=False)
    def create_recipient_bank(account: str, body: Body, partner_key: Partner) -> JSONResponse:
        """Keep a bank for wires out (`funding.create_bank`)."""
        now = clock.now()
        with db.transaction() as session:
            row = own(session, partner_key, account)
            bank = funding.create_bank(
                session, now, row.account_id, name=text(body, "name"),
                bank_code_type=text(body, "bank_code_type").upper(), bank_code=text(body, "bank_code"),
                account_number=text(body, "account_number"),
                address={k: text(body, k) for k in funding.INTERNATIONAL})
            return JSONResponse(bank_json(bank))

    @app.get(base + "/recipient_banks", tags=[TAG], include_in_schema=False)
    def list_recipient_banks(account: str, partner_key: Partner, status: str = "ACTIVE",
                             bank_name: str = "") -> JSONResponse:
        with db.read() as session:
            row = own(session, partner_key, account)
            return JSONResponse([bank_json(b) for b in funding.banks(session, row.account_id, status.upper(),
                                                                     bank_name)])

    @app.delete(base + "/recipient_banks/{bank_id}", tags=[TAG], include_in_schema=False)
    def delete_recipient_bank(account: str, bank_id: str, partner_key: Partner) -> Response:
        now = clock.now()
        with db.transaction() as session:
            row = own(session, partner_key, account)
            funding.cancel_bank(session, now, row.account_id, bank_id)
        return Response(status_code=204)

    @app.post(base + "/transfers", tags=[TAG], include_in_schema=False)
    def create_transfer(account: str, body: Body, partner_key: Partner) -> JSONResponse:
        kind = text(body, "transfer_type", "ach").lower()
        require(kind != "wire", reasons.Broker.UNSUPPORTED,
                "wire transfers are not served yet; fund the account over ACH")
        require(kind == "ach", Common.INVALID_ARGUMENT, f"transfer_type must be ach, got {kind!r}")
        timing = text(body, "timing", "immediate")
        require(timing == "immediate", Common.INVALID_ARGUMENT, f"timing must be immediate, got {timing!r}")
        direction = text(body, "direction").upper()
        now = clock.now()

        def held_back(session: Session) -> set[str]:   # an outgoing transfer takes only withdrawable cash
            row = own(session, partner_key, account)
            return orders.waiting_symbols(session, row.account_id, "buy") if direction == "OUTGOING" else set()

        def move(session: Session, prices: orders.PriceBook) -> dict[str, Any]:
            row = movable(own(session, partner_key, account), now)
            return transfer_json(funding.create_transfer(
                session, now, prices, account_id=row.account_id, relationship_id=text(body, "relationship_id"),
                direction=direction, raw_amount=number(body, "amount") or ""))

        return JSONResponse(face.handlers.change(face.handlers.prices(now, held_back), move))

    @app.get(base + "/transfers", tags=[TAG], include_in_schema=False)
    def list_transfers(account: str, partner_key: Partner, direction: str = "", limit: int = funding.MAX_LIST,
                       offset: int = 0) -> JSONResponse:
        with db.read() as session:
            row = own(session, partner_key, account)
            rows = funding.transfers(session, row.account_id, direction.upper(), limit, offset)
            return JSONResponse([transfer_json(t) for t in rows])

    @app.delete(base + "/transfers/{transfer_id}", tags=[TAG], include_in_schema=False)
    def cancel_transfer(account: str, transfer_id: str, partner_key: Partner) -> Response:
        now = clock.now()
        with db.transaction() as session:
            row = own(session, partner_key, account)
            funding.cancel_transfer(session, now, row.account_id, transfer_id)
        return Response(status_code=204)


def _journal_terms(body: dict[str, Any]) -> dict[str, Any]:
    """The domain's journal terms from a request body (its accounts still the face's ids)."""
    qty, cash = number(body, "qty"), number(body, "amount")
    return {"entry_type": text(body, "entry_type").upper(), "amount": cash, "symbol": text(body, "symbol").upper(),
            "qty": qty, "description": text(body, "description")}


def _own_journal(session: Session, partner_key: str, journal_id: str) -> JournalRow:
    """A journal touching one of the partner's accounts; any other does not exist for it."""
    row = session.get(JournalRow, journal_id)
    if row is not None and any(_owned(session, partner_key, a) for a in (row.from_account, row.to_account)):
        return row
    raise DomainError(Common.NOT_FOUND, f"no journal {journal_id!r}")


def _owned(session: Session, partner_key: str, account_id: str) -> bool:
    owner = session.get(AccountRow, account_id)
    return owner is not None and owner.correspondent == partner_key


def install_journals(app: FastAPI, face: Face) -> None:
    db, clock = face.db, face.clock

    @app.post("/v1/journals", tags=[TAG], include_in_schema=False)
    def create_journal(body: Body, partner_key: Partner) -> JSONResponse:
        terms = _journal_terms(body)
        now = clock.now()
        with db.read() as session:
            source = own(session, partner_key, text(body, "from_account"))
            target = own(session, partner_key, text(body, "to_account"))
        sides = {"from_account": source.account_id, "to_account": target.account_id}

        def execute(session: Session, prices: orders.PriceBook) -> dict[str, Any]:
            movable(own(session, partner_key, source.external_id), now)
            movable(own(session, partner_key, target.external_id), now)
            return journal_json(journals.execute(session, now, **sides, **terms, partner=partner_key, prices=prices))

        prices = face.handlers.prices(now, lambda s: orders.waiting_symbols(s, source.account_id))
        try:
            return JSONResponse(face.handlers.change(prices, execute))
        except DomainError as refusal:
            with db.transaction() as session:
                journals.reject(session, now, refusal, **sides, **terms)
            raise

    def batch(body: dict[str, Any], partner_key: str, one: str, many: str) -> JSONResponse:
        """Cash journals between one account (`one` side) and many (each entry's `many` side), all
        in one unit of work: every entry must be taken for any to be (Alpaca's rule), so a refused
        entry refuses the batch, naming it, and nothing moves. JNLC only, as at Alpaca."""
        entry_type = text(body, "entry_type", "JNLC").upper()
        require(entry_type == "JNLC", Common.INVALID_ARGUMENT, f"a batch journals cash (JNLC) only, got {entry_type!r}")
        raw = body.get("entries")
        entries: list[dict[str, Any]] = raw if isinstance(raw, list) else []
        require(0 < len(entries) <= MAX_BATCH and all(isinstance(e, dict) for e in entries), Common.INVALID_ARGUMENT,
                f"entries must be a list of 1 to {MAX_BATCH} objects")
        now = clock.now()
        with db.read() as session:
            single = own(session, partner_key, text(body, one))
            others = [own(session, partner_key, text(e, many)) for e in entries]
        sources = [single] if one == "from_account" else others

        def execute(session: Session, prices: orders.PriceBook) -> list[dict[str, Any]]:
            done = []
            for n, (entry, other) in enumerate(zip(entries, others, strict=True)):
                sides = {one: single.account_id, many: other.account_id}
                try:
                    movable(own(session, partner_key, single.external_id), now)
                    movable(own(session, partner_key, other.external_id), now)
                    row = journals.execute(session, now, entry_type="JNLC", amount=number(entry, "amount"),
                                           description=text(entry, "description"), partner=partner_key,
                                           prices=prices, **sides)
                except DomainError as refusal:
                    raise DomainError(refusal.reason, f"entry {n} ({many} {other.external_id}): {refusal.message}",
                                      **refusal.metadata) from refusal
                done.append({**journal_json(row), "error_message": ""})
            return done

        prices = face.handlers.prices(now, lambda s: set().union(*(orders.waiting_symbols(s, a.account_id)
                                                                   for a in sources)))
        return JSONResponse(face.handlers.change(prices, execute))

    @app.post("/v1/journals/batch", tags=[TAG], include_in_schema=False)
    def create_batch_journal(body: Body, partner_key: Partner) -> JSONResponse:
        """One account (most often the partner's firm account) to many."""
        return batch(body, partner_key, "from_account", "to_account")

    @app.post("/v1/journals/reverse_batch", tags=[TAG], include_in_schema=False)
    def create_reverse_batch_journal(body: Body, partner_key: Partner) -> JSONResponse:
        """Many accounts to one."""
        return batch(body, partner_key, "to_account", "from_account")

    @app.get("/v1/journals", tags=[TAG], include_in_schema=False)
    def list_journals(partner_key: Partner, after: str = "", before: str = "", status: str = "",
                      entry_type: str = "", to_account: str = "", from_account: str = "") -> JSONResponse:
        with db.read() as session:
            source, target = (own(session, partner_key, value).account_id if value else ""
                              for value in (from_account, to_account))
            rows = journals.listed(session, partner_key, after=day(after, "after"), before=day(before, "before"),
                                   status=journal_status(status), entry_type=entry_type.upper(), from_account=source,
                                   to_account=target)
            return JSONResponse([journal_json(r) for r in rows])

    @app.get("/v1/journals/{journal_id}", tags=[TAG], include_in_schema=False)
    def get_journal(journal_id: str, partner_key: Partner) -> JSONResponse:
        with db.read() as session:
            return JSONResponse(journal_json(_own_journal(session, partner_key, journal_id)))

    @app.delete("/v1/journals/{journal_id}", tags=[TAG], include_in_schema=False)
    def cancel_journal(journal_id: str, partner_key: Partner) -> Response:
        now = clock.now()
        with db.transaction() as session:
            journals.cancel(session, now, _own_journal(session, partner_key, journal_id))
        return Response(status_code=204)


def window(*, on: str, after: str, until: str, direction: str, page_size: int | None,
           page_token: str) -> activities.Window:
    """The page asked for: `date` is a New York day; `after` and `until` instants, both exclusive."""
    require(not (on and (after or until)), Common.INVALID_ARGUMENT, "date cannot be given with after or until")
    require(direction.lower() in ("", "asc", "desc"), Common.INVALID_ARGUMENT,
            f"direction is asc or desc, got {direction!r}")
    start = end = None
    asked_day = day(on, "date")
    if asked_day is not None:
        start, end = journals.day_start(asked_day), journals.day_start(asked_day + timedelta(days=1))
    if after:
        start = parse_instant(after) + timedelta(microseconds=1)
    if until:
        end = parse_instant(until)
    return activities.Window(start=start, end=end, ascending=direction.lower() == "asc",
                             token=page_token, size=page_size or activities.MAX_PAGE)


def install_activities(app: FastAPI, face: Face) -> None:
    db = face.db

    def listing(partner_key: str, account: str, types: str, on: str, after: str, until: str, direction: str,
                page_size: int | None, page_token: str) -> JSONResponse:
        asked = frozenset(t.strip().upper() for t in types.split(",") if t.strip())
        span = window(on=on, after=after, until=until, direction=direction, page_size=page_size,
                      page_token=page_token)
        with db.read() as session:
            scope = activities.Scope(partner_key, own(session, partner_key, account).account_id if account else "")
            return JSONResponse([activity_json(a) for a in activities.feed(session, scope, span, asked)])

    # Registered before the accounts' routes (api/__init__), so "activities" is not taken for an account id.
    @app.get("/v1/accounts/activities", tags=[TAG], include_in_schema=False)
    def partner_activities(partner_key: Partner, account_id: str = "", activity_types: str = "", date: str = "",
                           after: str = "", until: str = "", direction: str = "", page_size: int | None = None,
                           page_token: str = "") -> JSONResponse:
        return listing(partner_key, account_id, activity_types, date, after, until, direction, page_size, page_token)

    @app.get("/v1/accounts/activities/{activity_type}", tags=[TAG], include_in_schema=False)
    def activities_of_type(activity_type: str, partner_key: Partner, account_id: str = "", date: str = "",
                           after: str = "", until: str = "", direction: str = "", page_size: int | None = None,
                           page_token: str = "") -> JSONResponse:
        return listing(partner_key, account_id, activity_type, date, after, until, direction, page_size, page_token)

    @app.get("/v1/accounts/{account}/activities", tags=[TAG], include_in_schema=False)
    def account_activities(account: str, partner_key: Partner, activity_types: str = "", date: str = "",
                           after: str = "", until: str = "", direction: str = "", page_size: int | None = None,
                           page_token: str = "") -> JSONResponse:
        return listing(partner_key, account, activity_types, date, after, until, direction, page_size, page_token)
