"""The market on the Broker API face: the clock (from the sandbox clock), the calendar (the
real NYSE sessions, each with its T+1 settlement date) and the assets (the sandbox's universe,
`kernel.reference.LISTINGS`: US equities, long only, fractional, no margin)."""
from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from fastapi import FastAPI
from fastapi.responses import JSONResponse

from fivelayer.broker.api.common import TAG, Face, Partner, external_id
from fivelayer.kernel import calendar
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.reasons import Common
from fivelayer.kernel.reference import LISTINGS


def asset_id(symbol: str) -> str:
    """The UUID of a symbol's asset on this face (as orders and positions name it)."""
    return external_id(f"asset:{symbol}")


def asset_json(symbol: str) -> dict[str, Any]:
    name, exchange = LISTINGS[symbol]
    return {"id": asset_id(symbol), "class": "us_equity", "exchange": exchange, "symbol": symbol, "name": name,
            "status": "active", "tradable": True, "marginable": False, "shortable": False, "easy_to_borrow": False,
            "fractionable": True, "attributes": []}


def find_asset(symbol_or_id: str) -> str:
    """The symbol of the asset with this symbol or id, or NOT_FOUND naming the universe."""
    wanted = symbol_or_id.strip()
    for symbol in LISTINGS:
        if wanted.upper() == symbol or wanted.lower() == asset_id(symbol):
            return symbol
    raise DomainError(Common.NOT_FOUND, f"no asset {symbol_or_id!r}; the sandbox lists {', '.join(sorted(LISTINGS))}")


def install(app: FastAPI, face: Face) -> None:
    clock = face.clock

    @app.get("/v1/clock", tags=[TAG], include_in_schema=False)
    def market_clock(partner_key: Partner) -> JSONResponse:
        now = clock.now()
        opens = calendar.next_open(now)
        session_day = calendar.current_or_next_session(now)
        closes = calendar.session_hours(session_day)[1]
        return JSONResponse({"timestamp": now.astimezone(calendar.NEW_YORK).isoformat(),
                             "is_open": calendar.market_open_at(now),
                             "next_open": opens.astimezone(calendar.NEW_YORK).isoformat(),
                             "next_close": closes.astimezone(calendar.NEW_YORK).isoformat()})

    @app.get("/v1/calendar", tags=[TAG], include_in_schema=False)
    def market_calendar(partner_key: Partner, start: str = "", end: str = "") -> JSONResponse:
        try:
            first = date.fromisoformat(start) if start else clock.now().date()
            last = date.fromisoformat(end) if end else first + timedelta(days=30)
        except ValueError:
            raise DomainError(Common.INVALID_ARGUMENT, f"start and end are dates YYYY-MM-DD, got {start!r}, {end!r}") \
                from None
        if last < first or (last - first).days > 366:
            raise DomainError(Common.INVALID_ARGUMENT, "end must be on or after start, at most a year later")
        days = []
        day = first
        while day <= last:
            if calendar.is_session(day):
                opens, closes = calendar.session_hours(day)
                days.append({"date": day.isoformat(), "open": opens.astimezone(calendar.NEW_YORK).strftime("%H:%M"),
                             "close": closes.astimezone(calendar.NEW_YORK).strftime("%H:%M"),
                             "session_open": "0400", "session_close": "2000",
                             "settlement_date": calendar.settlement_date(day).isoformat()})
            day += timedelta(days=1)
        return JSONResponse(days)

    @app.get("/v1/assets", tags=[TAG], include_in_schema=False)
    def list_assets(partner_key: Partner, status: str = "", asset_class: str = "", exchange: str = "",
                    attributes: str = "") -> JSONResponse:
        """The universe, filtered as asked (every asset is active, a US equity, and has no attributes)."""
        if attributes.strip():
            return JSONResponse([])
        assets = [asset_json(symbol) for symbol in sorted(LISTINGS)]
        return JSONResponse([a for a in assets if status.lower() in ("", a["status"])
                             and asset_class.lower() in ("", a["class"]) and exchange.upper() in ("", a["exchange"])])

    @app.get("/v1/assets/{symbol_or_id}", tags=[TAG], include_in_schema=False)
    def get_asset(symbol_or_id: str, partner_key: Partner) -> JSONResponse:
        return JSONResponse(asset_json(find_asset(symbol_or_id)))
