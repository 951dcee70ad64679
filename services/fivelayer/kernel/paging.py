"""Pages of a list call, one way for every service: `limit` rows at most, resumed by an opaque token.

A list is read in a stable key order (a row's id, or a tuple such as the timeline's (at, service, seq)),
with LIMIT in the database, one row more than asked to know whether another page follows. The token is
the last row's key, canonical JSON in URL-safe base64: opaque to a client, checked on the way back in
(a token this list did not give is INVALID_PAGE_TOKEN, never a database error; a limit out of
bounds is INVALID_ARGUMENT on the field `limit`). A caller that needs the whole list walks its pages
with `all_pages` (item by item) or `whole` (one reply), bounded by a page count so that no loop is endless.
"""
from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import datetime
from typing import Any, Protocol, TypeVar

from sqlalchemy import and_, or_
from sqlmodel import Session
from sqlmodel.sql.expression import SelectOfScalar

from fivelayer.kernel.errors import DomainError, require
from fivelayer.kernel.reasons import Common

MAX_LIMIT = 1000        # rows in one page, at most
DEFAULT_LIMIT = 100     # rows in one page when the request says 0
MAX_PAGES = 10_000      # all_pages: 10 million rows at most, far past any sandbox's lists

INVALID_PAGE_TOKEN = Common.INVALID_PAGE_TOKEN

KeyValue = str | int | datetime
RowT = TypeVar("RowT")
ItemT = TypeVar("ItemT")


def page_limit(limit: int, default: int = DEFAULT_LIMIT) -> int:
    """The rows a page holds: 0 means `default` (a list states its own, DEFAULT_LIMIT unless it says
    otherwise); below 0 or above MAX_LIMIT is refused."""
    require(0 <= limit <= MAX_LIMIT, Common.INVALID_ARGUMENT,
            f"limit is 0 (meaning {default}) to {MAX_LIMIT}, got {limit}", field="limit")
    return limit or default


def _encode_value(value: KeyValue) -> object:
    return {"t": value.isoformat()} if isinstance(value, datetime) else value


def encode_token(key: Sequence[KeyValue]) -> str:
    """The token for the page after the row whose key is `key`."""
    text = json.dumps([_encode_value(v) for v in key], separators=(",", ":"))
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def decode_token(token: str, kinds: Sequence[type]) -> tuple[KeyValue, ...] | None:
    """The key a token names, each value of its kind (str, int or datetime); None for the first page."""
    if not token:
        return None
    bad = DomainError(INVALID_PAGE_TOKEN, f"page_token {token[:40]!r} is not a next_page_token of this list",
                      field="page_token")
    try:
        values = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise bad from None
    if not isinstance(values, list) or len(values) != len(kinds):
        raise bad
    key: list[KeyValue] = []
    for value, kind in zip(values, kinds, strict=True):
        if kind is datetime:
            if not (isinstance(value, dict) and isinstance(value.get("t"), str)):
                raise bad
            try:
                moment = datetime.fromisoformat(value["t"])
            except ValueError:
                raise bad from None
            key.append(moment)
        elif kind is int and isinstance(value, int) and not isinstance(value, bool):
            key.append(value)
        elif kind is str and isinstance(value, str):
            key.append(value)
        else:
            raise bad
    return tuple(key)


def after(columns: Sequence[Any], key: Sequence[KeyValue], descending: bool = False) -> Any:
    """The rows after `key` in the order of `columns`: (a > x) or (a = x and b > y) or ... (`<` when
    the order is descending)."""
    terms = []
    for i, column in enumerate(columns):
        equal = [columns[j] == key[j] for j in range(i)]
        terms.append(and_(*equal, column < key[i] if descending else column > key[i]))
    return or_(*terms)


def page(session: Session, query: SelectOfScalar[RowT], keys: Sequence[tuple[Any, type]], token: str,
         limit: int, key_of: Callable[[RowT], Sequence[KeyValue]], *, default: int = DEFAULT_LIMIT,
         descending: bool = False) -> tuple[list[RowT], str]:
    """One page of `query` in the order of `keys` (column expressions and the kind of their values;
    newest first with `descending`), after `token`, and the next page's token ("" on the last page).
    `key_of` reads a row's key; `default` is the page's size when `limit` is 0."""
    bounded = page_limit(limit, default)
    columns = [column for column, _ in keys]
    start = decode_token(token, [kind for _, kind in keys])
    if start is not None:
        query = query.where(after(columns, start, descending))
    order = [column.desc() for column in columns] if descending else columns
    rows = list(session.exec(query.order_by(*order).limit(bounded + 1)))
    chunk = rows[:bounded]
    return chunk, encode_token(key_of(chunk[-1])) if len(rows) > bounded else ""


def page_by(session: Session, query: SelectOfScalar[RowT], column: Any, token: str, limit: int,
            key_of: Callable[[RowT], KeyValue], kind: type = str, *, default: int = DEFAULT_LIMIT,
            descending: bool = False) -> tuple[list[RowT], str]:
    """`page` for the common case: one key column (a row's id)."""
    return page(session, query, [(column, kind)], token, limit, lambda row: (key_of(row),), default=default,
                descending=descending)


def page_of(items: Iterable[ItemT], key_of: Callable[[ItemT], Sequence[KeyValue]], kinds: Sequence[type],
            token: str, limit: int) -> tuple[list[ItemT], str]:
    """A page of a list held in memory and not in a database (a registry, another service's answer),
    in key order, with the same tokens and bounds as `page`."""
    bounded = page_limit(limit)
    start = decode_token(token, kinds)
    ordered = sorted(items, key=lambda item: tuple(key_of(item)))
    rest = [item for item in ordered if start is None or tuple(key_of(item)) > start]
    chunk = rest[:bounded]
    return chunk, encode_token(key_of(chunk[-1])) if len(rest) > bounded else ""


class PagedRequest(Protocol):
    page_token: str
    limit: int


class PagedResponse(Protocol):
    @property
    def next_page_token(self) -> str: ...


RequestT = TypeVar("RequestT", bound=PagedRequest)
ResponseT = TypeVar("ResponseT", bound=PagedResponse)


def pages(call: Callable[[RequestT], ResponseT], request: RequestT, max_pages: int = MAX_PAGES) -> Iterator[ResponseT]:
    """Every page of a list call, one reply at a time (MAX_LIMIT a page unless the request says less).
    `request` is the first page's request and is not changed. Past `max_pages` the list is refused as
    unbounded rather than read forever."""
    token = request.page_token
    limit = request.limit or MAX_LIMIT
    for _ in range(max_pages):
        current = type(request)()
        current.CopyFrom(request)  # type: ignore[attr-defined]
        current.page_token, current.limit = token, limit
        response = call(current)
        yield response
        token = response.next_page_token
        if not token:
            return
    raise DomainError(Common.UNAVAILABLE, f"a list ran past {max_pages} pages; refusing to read it further")


def all_pages(call: Callable[[RequestT], ResponseT], request: RequestT,
              items: Callable[[ResponseT], Iterable[ItemT]], max_pages: int = MAX_PAGES) -> Iterator[ItemT]:
    """Every item of a list call, page after page (see `pages`)."""
    for response in pages(call, request, max_pages):
        yield from items(response)


def whole(call: Callable[[RequestT], ResponseT], request: RequestT, max_pages: int = MAX_PAGES) -> ResponseT:
    """Every page of a list call as one reply: its lists joined, its other fields from the first page
    that sets them, no next_page_token. For a caller that shows or checks the whole list (the CLI)."""
    merged: ResponseT | None = None
    for response in pages(call, request, max_pages):
        if merged is None:
            merged = response
        else:
            merged.MergeFrom(response)  # type: ignore[attr-defined]
    assert merged is not None  # pages() yields at least one reply
    merged.ClearField("next_page_token")  # type: ignore[attr-defined]
    return merged
