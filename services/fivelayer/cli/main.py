"""The `fivelayer` command line: start the sandbox, move its clock, drive and inspect the layers.

Every command that reports something takes `--json`. Commands that change something take
`--request-id` (the idempotency key; a fresh one by default), so a script can retry safely.
"""
from __future__ import annotations

import json
import signal
import sys
import time
import uuid
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from fivelayer.cli.progress import advance_view, follow, follow_drill
from fivelayer.cli.render import emit, table
from fivelayer.cli.supervisor import Sandbox, StartupError, scratch_sandbox
from fivelayer.kernel import events as event_types
from fivelayer.kernel import faults as fault_kinds
from fivelayer.kernel import keys, perp_faults
from fivelayer.kernel.addresses import is_address
from fivelayer.kernel.config import DEFAULT_PORT_BASE, DEFAULT_SEED, Settings
from fivelayer.kernel.credentials import new_credentials
from fivelayer.kernel.drills import CATALOGUE as DRILL_CATALOGUE
from fivelayer.kernel.drills import START as DRILL_START
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.paging import whole
from fivelayer.kernel.timeutil import iso, parse_instant, to_ts
from fivelayer.v1 import (
    broker_pb2,
    chain_pb2,
    common_pb2,
    control_pb2,
    depository_pb2,
    exchange_pb2,
    issuer_pb2,
    statuses_pb2,
)

if TYPE_CHECKING:
    from fivelayer.kernel.rpc import Clients

app = typer.Typer(help="Fivelayer: a sandbox for the pipeline behind tokenized US stocks.",
                  no_args_is_help=True, pretty_exceptions_enable=False)
clock_app = typer.Typer(help="Show, set and advance the sandbox clock.")
exchange_app = typer.Typer(help="The crypto exchange: users, deposits, the tokenized and traditional routes.",
                            no_args_is_help=True)
issuer_app = typer.Typer(help="The token issuer SPV: products, mints, redemptions, reserves.", no_args_is_help=True)
broker_app = typer.Typer(help="The self-clearing broker: accounts, orders, positions, cash.", no_args_is_help=True)
depository_app = typer.Typer(help="DTC/NSCC: participants, positions, settlement, the register.",
                             no_args_is_help=True)
chain_app = typer.Typer(help="The chain: tokens, balances, blocks.", no_args_is_help=True)
drill_app = typer.Typer(help=f"Failure drills: {', '.join(DRILL_CATALOGUE)}.", no_args_is_help=True)
fault_app = typer.Typer(help="Faults on demand in a live sandbox: domain faults and network faults.",
                        no_args_is_help=True)
for sub, name in [(clock_app, "clock"), (exchange_app, "exchange"), (issuer_app, "issuer"), (broker_app, "broker"),
                  (depository_app, "depository"), (chain_app, "chain"), (drill_app, "drill"),
                  (fault_app, "fault")]:
    app.add_typer(sub, name=name)

JSON = Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")]
RID = Annotated[str, typer.Option("--request-id", help="Idempotency key; retrying with it applies once.")]
T = TypeVar("T")
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)  # Ctrl-C, kill, the terminal closed


class State:
    settings = Settings.from_env()
    as_json = False


def clients() -> Clients:
    """The sandbox's clients (the RPC kernel brings SQLModel with it: loaded when a command calls, not for `up`)."""
    from fivelayer.kernel.rpc import Clients
    return Clients(State.settings)


def call(fn: Callable[[], T]) -> T:
    """Run an RPC; a refusal prints its reason (as problem JSON with --json) and exits 1."""
    try:
        return fn()
    except DomainError as error:
        if State.as_json:
            typer.echo(json.dumps(error.problem(), indent=2), err=True)
        else:
            typer.secho(f"error: [{error.reason}] {error.message}", fg="red", err=True)
        raise typer.Exit(1) from None


def new_request_id() -> str:
    return f"cli-{uuid.uuid4().hex[:16]}"


def dec(value: str) -> common_pb2.Decimal:
    return common_pb2.Decimal(value=value)


@app.callback()
def main(port_base: Annotated[int, typer.Option(envvar="FIVELAYER_PORT_BASE",
                                                help="The sandbox's port base.")] = DEFAULT_PORT_BASE) -> None:
    State.settings = replace(Settings.from_env(), port_base=port_base)


@app.command()
def up(data_dir: Annotated[Path, typer.Option(help="Where the services keep their databases and logs.")] = Path("data"),
       port_base: Annotated[int | None, typer.Option(help="gRPC on base+0..5, REST on base+100..105.")] = None,
       db_url: Annotated[str, typer.Option(help="SQLAlchemy URL with {service}, e.g. "
                                           "postgresql+psycopg://postgres@127.0.0.1/fivelayer_{service}; "
                                           "default: SQLite files in the data folder.")] = "",
       seed: Annotated[int, typer.Option(help="Seed of the market data.")] = DEFAULT_SEED,
       start: Annotated[str, typer.Option(help="The clock's start instant for a new data folder "
                                          "(ISO 8601 UTC); default: now.")] = "",
       partner_key: Annotated[str, typer.Option(help="The Broker API demo correspondent's key id "
                                                "(default: a new one each start).")] = "",
       partner_secret: Annotated[str, typer.Option(help="Its secret (default: a new one each start).")] = ""
       ) -> None:
    """Start the six services, wait until each is healthy, and stop them all on Ctrl-C."""
    settings = replace(State.settings, data_dir=data_dir, db_url=db_url, seed=seed,
                       port_base=port_base if port_base is not None else State.settings.port_base)
    if start:
        call(lambda: parse_instant(start))
    fresh_key, fresh_secret = new_credentials()
    sandbox = Sandbox(settings, start=start, partner=(partner_key or fresh_key, partner_secret or fresh_secret))
    # Our own handlers, not Python's: a script's `fivelayer up &` starts with SIGINT ignored, and
    # SIGTERM (kill) or SIGHUP (the terminal closed) would end `up` without stopping the services.
    for sig in STOP_SIGNALS:
        signal.signal(sig, signal.default_int_handler)  # raises KeyboardInterrupt
    began = time.monotonic()
    try:
        try:
            sandbox.start_all(on_ready=lambda s: typer.echo(
                f"  {s:<11} gRPC {settings.grpc_address(s):<16} REST {settings.rest_address(s)}"))
        except StartupError as error:
            typer.secho(f"error: {error}", fg="red", err=True)
            raise typer.Exit(1) from None
        typer.echo(f"  Broker API  {settings.rest_address('broker')}  partner key {sandbox.partner[0]}  "
                   f"secret {sandbox.partner[1]}")
        typer.echo(f"  Dashboard   {settings.rest_address('control')}/dashboard/")
        typer.echo(f"  Chain       JSON-RPC {settings.json_rpc_url()}  chain id {keys.CHAIN_ID}  (anvil; "
                   f"`fivelayer chain info` lists contracts, roles and test accounts)")
        typer.echo(f"              test accounts from the mnemonic \"{keys.MNEMONIC}\"")
        typer.echo(f"Fivelayer is up in {time.monotonic() - began:.1f}s (data in {data_dir}, logs in "
                   f"{data_dir / 'logs'}). Ctrl-C stops it.")
        while all(p.poll() is None for p in sandbox.processes.values()):
            time.sleep(0.5)
        dead = [s for s, p in sandbox.processes.items() if p.poll() is not None]
        _say(f"error: {', '.join(dead)} stopped; stopping the sandbox", err=True)
        code = 1
    except KeyboardInterrupt:
        _say("\nstopping...")
        code = 0
    for sig in STOP_SIGNALS:  # a second signal must not cut the stop short
        signal.signal(sig, signal.SIG_IGN)
    sandbox.stop_all()
    _say("stopped")
    raise typer.Exit(code)


def _say(text: str, err: bool = False) -> None:
    """Print, unless the terminal is gone (SIGHUP): stopping the services matters more."""
    try:
        typer.secho(text, fg="red" if err else None, err=err)
    except OSError:
        pass


@app.command()
def status(as_json: JSON = False) -> None:
    """Each service's addresses and health, and the clock."""
    State.as_json = as_json
    reply = call(lambda: clients().sandbox.Status(common_pb2.Empty()))

    def human(d: dict[str, Any]) -> None:
        table(d["services"], ["service", "grpc_address", "rest_address", "serving", "head_seq"])
        _clock_line(d["clock"])
        _jobs_lines(d)
        _fault_lines(d.get("faults", []))

    emit(reply, as_json, human)


def _fault_lines(faults: list[dict[str, Any]]) -> None:
    for f in faults:
        until = f"  until {f['until']}" if f.get("until") else ""
        hits = f"  hits {f['hits']}" if int(f.get("hits") or 0) else ""
        typer.echo(f"fault:    {f['fault_id']}  {f['kind']:<15} {f['state']:<21} {f['description']}{until}{hits}")


def _jobs_lines(status: dict[str, Any]) -> None:
    """The last job that ran, and each job failing now (it stays due and holds the clock)."""
    last = status.get("last_job")
    if last:
        typer.echo(f"last job: {last['at']}  {last['service']} {last['job']}: {last['outcome']}")
    else:
        typer.echo("last job: none yet")
    for failure in status.get("failing", []):
        typer.secho(f"failing:  {failure['service']} {failure['job']} due {failure['at']} "
                    f"({failure.get('attempts', 1)} attempts): [{failure['reason']}] {failure['message']}", fg="red")


def _clock_line(clock: dict[str, Any]) -> None:
    state = "open" if clock.get("market_open") else "closed"
    typer.echo(f"{clock['now']}  {clock['mode'].lower()} x{clock['speed']}  NYSE {state}  "
               f"(session {clock['session']})")


@clock_app.callback(invoke_without_command=True)
def clock(ctx: typer.Context, as_json: JSON = False) -> None:
    """Show sandbox time."""
    State.as_json = as_json
    if ctx.invoked_subcommand is None:
        emit(call(lambda: clients().clock.Now(common_pb2.Empty())), as_json, _clock_line)


@clock_app.command("set")
def clock_set(at: Annotated[str, typer.Argument(help="An instant at or after now (ISO 8601 UTC).")] = "",
              mode: Annotated[str, typer.Option(help="manual or realtime")] = "",
              speed: Annotated[str, typer.Option(help="Sandbox seconds per wall second in realtime.")] = "",
              as_json: JSON = False) -> None:
    """Move the clock forward to an instant (running due jobs) and/or change mode and speed."""
    State.as_json = as_json
    modes = {"": control_pb2.CLOCK_MODE_UNSPECIFIED, "manual": control_pb2.MANUAL, "realtime": control_pb2.REALTIME}
    if mode not in modes:
        typer.secho(f"error: [INVALID_ARGUMENT] mode must be manual or realtime, got {mode!r}", fg="red", err=True)
        raise typer.Exit(2)
    request = control_pb2.SetClockRequest(mode=modes[mode], speed=dec(speed) if speed else None)
    if at:
        request.at.CopyFrom(to_ts(call(lambda: parse_instant(at))))
    emit(call(lambda: clients().clock.Set(request)), as_json, _clock_line)


ADVANCE_TIMEOUT = 900.0  # seconds


@clock_app.command("advance")
def clock_advance(by: Annotated[str, typer.Argument(help="A duration: 1d, 2h30m, 90s, 1w.")] = "",
                  to: Annotated[str, typer.Option("--to", help="An instant (ISO 8601 UTC).")] = "",
                  as_json: JSON = False) -> None:
    """Advance the clock, running every job that falls due in every service, in time order."""
    State.as_json = as_json
    if bool(by) == bool(to):
        typer.secho("error: [INVALID_ARGUMENT] give a duration or --to <instant>", fg="red", err=True)
        raise typer.Exit(2)
    request = control_pb2.AdvanceRequest(by=by) if by else \
        control_pb2.AdvanceRequest(to=to_ts(call(lambda: parse_instant(to))))
    # a long advance runs many jobs (a weekend with open perp positions: one update every five minutes), so its
    # deadline is a long operation's, as a drill's, not an ordinary call's minute; it is streamed, so the dates
    # reached and the jobs run show on stderr as it goes (stdout keeps the answer)
    reply = call(lambda: follow(clients().clock.AdvanceWatch(request, timeout=ADVANCE_TIMEOUT), advance_view()))

    def human(d: dict[str, Any]) -> None:
        for run in d["runs"]:
            typer.echo(f"  {run['at']}  {run['service']:<11} {run['job']:<20} {run['outcome']}")
        typer.echo(f"{d['from']} -> {d['to']}  ({len(d['runs'])} jobs ran)")

    emit(reply, as_json, human)


@app.command()
def reset(partner: Annotated[str, typer.Option("--partner", help="The partner's key id (its Broker API key).")],
          request_id: RID = "", as_json: JSON = False) -> None:
    """Empty one partner's accounts: its orders canceled, its customer accounts' cash wired back, those
    accounts closed and no longer its own, its firm account back at its opening funding. Other
    partners are not touched; its key and secret stay (docs/team.md)."""
    State.as_json = as_json

    def human(d: dict[str, Any]) -> None:
        closed = d.get("closed_account_ids", [])
        typer.echo(f"partner {d['partner_key']}: {len(closed)} account(s) closed, "
                   f"{d.get('orders_canceled', 0)} order(s) canceled, {d.get('cash_returned', '0')} USD wired back; "
                   f"firm account {d.get('firm_account_id') or '(none)'} adjusted by "
                   f"{d.get('firm_cash_adjustment', '0')} USD")

    emit(call(lambda: clients().broker.ResetPartner(broker_pb2.ResetPartnerRequest(
        request_id=request_id or new_request_id(), partner_key=partner))), as_json, human)


@app.command()
def price(symbol: str, as_json: JSON = False) -> None:
    """The market price of an underlying now (the last close when the market is shut)."""
    State.as_json = as_json
    emit(call(lambda: clients().market_data.GetPrice(control_pb2.PriceRequest(symbol=symbol))), as_json)


RIGHT_STATUS = statuses_pb2.RightStatus.Name(0).removesuffix("UNSPECIFIED")   # the enum's prefix, "RIGHT_STATUS_"
KEPT = statuses_pb2.RightStatus.Name(statuses_pb2.RIGHT_STATUS_KEPT)            # as a trace's JSON names it


@app.command()
def rights(holder: Annotated[str, typer.Argument(help="An exchange user id (usr-...) or a chain address (0x...).")],
           as_json: JSON = False) -> None:
    """Per position, each right, the layer where it was kept, transformed or lost, and what reached the holder."""
    State.as_json = as_json
    reply = call(lambda: clients().sandbox.TraceRights(control_pb2.TraceRightsRequest(holder=holder)))

    def word(name: str) -> str:  # a RightStatus name as the table words it: RIGHT_STATUS_LOST -> "lost"
        return name.removeprefix(RIGHT_STATUS).lower()

    def human(d: dict[str, Any]) -> None:
        if not d.get("positions"):
            typer.echo(f"{d['holder']} ({d['kind']}) holds nothing")
        for position in d.get("positions", []):
            rows = [{"right": r["right"], "outcome": word(r["outcome"]).upper(),
                     "layers": "; ".join(f"{s['layer']}: {word(s['status'])}" for s in r.get("steps", [])),
                     "reached the holder": r["reached"],
                     "decided by": next((s["rule"] for s in reversed(r.get("steps", [])) if s["status"] != KEPT),
                                        r.get("steps", [{}])[-1].get("rule", ""))}
                    for r in position["rights"]]
            table(rows, ["right", "outcome", "layers", "reached the holder", "decided by"],
                  title=f"{d['holder']}: {position['quantity']} {position['asset']} ({position['route']} route, "
                        f"held in {position['held_at']})")

    emit(reply, as_json, human)


@app.command()
def reconcile(token: Annotated[str, typer.Option(help="One token, e.g. AAPLx; default all.")] = "",
              as_json: JSON = False) -> None:
    """Tokens on chain against the shares behind them, layer by layer; and every service's books."""
    State.as_json = as_json
    reply = call(lambda: clients().sandbox.Reconcile(control_pb2.ReconcileRequest(token=token)))

    def human(d: dict[str, Any]) -> None:
        table(d["tokens"], {"token": "token", "tokens_outstanding": "on chain", "shares_represented": "shares owed",
                            "shares_ordered": "ordered", "shares_filled": "filled", "shares_settled": "settled",
                            "broker_position_at_depository": "at DTC",
                            "dividend_receivable_shares": "dividend receivable", "unbacked_shares": "unbacked",
                            "unbacked_value": "unbacked $", "funding_mode": "funding", "buffer": "buffer $",
                            "credit_used": "credit used $", "cash_in_transit": "in transit $"},
              title=f"Reconciliation at {d['at']} (shares; the money leg in USD, sponsor's loan "
                    f"{d.get('sponsor_loan', '0')})")
        for books in d["books"]:
            verdict = "balanced" if books["balanced"] else "NOT BALANCED: " + "; ".join(books["problems"])
            typer.echo(f"  books of {books['service']:<11} {verdict}")

    emit(reply, as_json, human)
    if not all(b.balanced for b in reply.books):
        raise typer.Exit(1)


def timeline(service: str, after: int, limit: int) -> control_pb2.ListEventsResponse:
    """The timeline after `after`, `limit` events or (0) all of them, read page by page; the first page's digest."""
    request = control_pb2.ListEventsRequest(service=service, after=after, limit=limit)
    return clients().sandbox.ListEvents(request) if limit else whole(clients().sandbox.ListEvents, request)


@app.command()
def events(service: Annotated[str, typer.Option(help="One service; default all.")] = "",
           after: Annotated[int, typer.Option(help="Start after this timeline index.")] = 0,
           limit: Annotated[int, typer.Option(help="At most this many, 1,000 at most (0: all, page by page).")] = 0,
           as_json: JSON = False) -> None:
    """The event timeline of every service, in sandbox-time order, with its digest."""
    State.as_json = as_json
    reply = call(lambda: timeline(service, after, limit))

    def human(d: dict[str, Any]) -> None:
        for item, listed in zip(d["events"], reply.events, strict=True):
            e, body = item["event"], event_types.body(listed.event)
            # the typed event's fields, decimals as their text (an event type this CLI does not know: as stored)
            shown = json.dumps(event_types.plain(body), sort_keys=True, separators=(",", ":")) if body is not None \
                else e["payload_json"]
            typer.echo(f"{item['index']:>5} {e['at']} {e['service']:<11} {e['type']:<22} {shown}")
        typer.echo(f"digest {d['digest']}")

    emit(reply, as_json, human)


# --- exchange ---------------------------------------------------------------------------------

@exchange_app.command("create-user")
def exchange_create_user(name: str,
                         country: Annotated[str, typer.Option(
                             help="Country of tax residence, ISO alpha-3 (USA, GBR, JPN): the user's tax form at "
                                  "the broker is a W-9 for USA, a W-8BEN elsewhere; none: undocumented, presumed "
                                  "foreign (30% on dividends).")] = "",
                         request_id: RID = "", as_json: JSON = False) -> None:
    """Open an exchange account; it gets a deposit address on chain."""
    State.as_json = as_json
    emit(call(lambda: clients().exchange.CreateUser(exchange_pb2.CreateUserRequest(
        request_id=request_id or new_request_id(), name=name, country=country))), as_json)


@exchange_app.command("deposit")
def exchange_deposit(user_id: str, amount: str, request_id: RID = "", as_json: JSON = False) -> None:
    """Deposit USD stablecoin (FUSD), minted by the sandbox faucet to the user's deposit address."""
    State.as_json = as_json
    emit(call(lambda: clients().exchange.Deposit(exchange_pb2.DepositRequest(
        request_id=request_id or new_request_id(), user_id=user_id, amount=dec(amount)))), as_json, _balances)


def _trade(side: str, user_id: str, asset: str, quantity: str, request_id: str, as_json: bool,
           route: str = "tokenized") -> None:
    """A buy or sell on either route: a token (AAPLx) on the tokenized route, a stock (AAPL) on the traditional."""
    State.as_json = as_json
    request = exchange_pb2.TradeRequest(request_id=request_id or new_request_id(), user_id=user_id,
                                        quantity=dec(quantity),
                                        **({"token": asset} if route == "tokenized" else {"symbol": asset}))
    exchange = clients().exchange
    method = {("tokenized", "buy"): exchange.Buy, ("tokenized", "sell"): exchange.Sell,
              ("traditional", "buy"): exchange.BuyStock, ("traditional", "sell"): exchange.SellStock}[(route, side)]
    emit(call(lambda: method(request)), as_json)


@exchange_app.command("buy")
def exchange_buy(user_id: str, token: str, quantity: str, request_id: RID = "", as_json: JSON = False) -> None:
    """Buy a stock token on the tokenized route: the issuer mints it at once."""
    _trade("buy", user_id, token, quantity, request_id, as_json)


@exchange_app.command("sell")
def exchange_sell(user_id: str, token: str, quantity: str, request_id: RID = "", as_json: JSON = False) -> None:
    """Sell a stock token on the tokenized route: the issuer redeems it, paying once the sale settles."""
    _trade("sell", user_id, token, quantity, request_id, as_json)


def _balances(d: dict[str, Any]) -> None:
    table(d["balances"], ["asset", "route", "available", "pending"], title=f"Balances of {d['user_id']}")


@exchange_app.command("balances")
def exchange_balances(user_id: str, as_json: JSON = False) -> None:
    """A user's balances: custodial, then at the broker (route traditional: available settled, pending unsettled)."""
    State.as_json = as_json
    emit(call(lambda: clients().exchange.GetBalances(exchange_pb2.UserRequest(user_id=user_id))), as_json,
         _balances)


@exchange_app.command("withdraw")
def exchange_withdraw(user_id: str, asset: str, amount: str, to: str, request_id: RID = "",
                      as_json: JSON = False) -> None:
    """Withdraw a token or FUSD from the exchange to an address on chain (it arrives as a Transfer log)."""
    State.as_json = as_json
    emit(call(lambda: clients().exchange.Withdraw(exchange_pb2.WithdrawRequest(
        request_id=request_id or new_request_id(), user_id=user_id, asset=asset, amount=dec(amount),
        to_address=to.lower()))), as_json)


@exchange_app.command("deposits")
def exchange_deposits(user_id: str, as_json: JSON = False) -> None:
    """A user's deposit history as the exchange's watcher saw it: confirmations, credited, reversed."""
    State.as_json = as_json
    emit(call(lambda: whole(clients().exchange.ListDeposits, exchange_pb2.ListDepositsRequest(user_id=user_id))),
         as_json,
         lambda d: table(d.get("deposits", []), ["tx_hash", "asset", "amount", "block_number", "confirmations",
                                                  "required", "status", "shortfall"]))


@exchange_app.command("orders")
def exchange_orders(user_id: str, as_json: JSON = False) -> None:
    """A user's orders on the tokenized and traditional routes."""
    State.as_json = as_json
    emit(call(lambda: whole(clients().exchange.ListOrders, exchange_pb2.ListUserOrdersRequest(user_id=user_id))),
         as_json,
         lambda d: table(d["orders"], ["order_id", "route", "side", "token", "symbol", "quantity", "status", "price",
                                       "amount", "issuer_ref", "broker_order_id"]))


@exchange_app.command("buy-stock")
def exchange_buy_stock(user_id: str, symbol: str, quantity: str, request_id: RID = "", as_json: JSON = False) -> None:
    """Buy a stock on the traditional route: in the user's own broker account, funded from the user's FUSD."""
    _trade("buy", user_id, symbol, quantity, request_id, as_json, route="traditional")


@exchange_app.command("sell-stock")
def exchange_sell_stock(user_id: str, symbol: str, quantity: str, request_id: RID = "", as_json: JSON = False) -> None:
    """Sell a stock on the traditional route; the proceeds stay in the broker account as cash."""
    _trade("sell", user_id, symbol, quantity, request_id, as_json, route="traditional")


@exchange_app.command("broker-account")
def exchange_broker_account(user_id: str, as_json: JSON = False) -> None:
    """The user's fully disclosed account at the broker (the traditional route), if opened."""
    State.as_json = as_json
    emit(call(lambda: clients().exchange.GetBrokerAccount(exchange_pb2.UserRequest(user_id=user_id))), as_json)


@exchange_app.command("notices")
def exchange_notices(user_id: str, kind: str = "", as_json: JSON = False) -> None:
    """The broker's notices on the user's broker account: dividends (and withholding), splits, meetings."""
    State.as_json = as_json
    emit(call(lambda: whole(clients().exchange.ListNotices,
                            exchange_pb2.UserNoticesRequest(user_id=user_id, kind=kind))),
         as_json, lambda d: table(d["notices"], ["notice_id", "kind", "symbol", "shares", "gross", "withheld", "net",
                                                 "record_date", "pay_date"]))


# --- issuer -------------------------------------------------------------------------------------

@issuer_app.command("products")
def issuer_products(as_json: JSON = False) -> None:
    """The token products the issuer runs, with their fees, halts and each one's own account at the broker."""
    State.as_json = as_json
    emit(call(lambda: whole(clients().issuer.ListProducts, issuer_pb2.ListProductsRequest())), as_json,
         lambda d: table(d["products"], ["token", "underlying", "multiplier", "mint_fee_bps", "redemption_fee_bps",
                                         "mint_halted", "redemption_halted", "broker_account_id"]))


@issuer_app.command("mints")
def issuer_mints(as_json: JSON = False) -> None:
    """Every mint, with the hedge order behind it at the broker."""
    State.as_json = as_json
    emit(call(lambda: whole(clients().issuer.ListMints, issuer_pb2.ListMintsRequest())), as_json,
         lambda d: table(d["mints"], ["mint_id", "token", "quantity", "price", "cost", "hedge_order_id",
                                      "hedge_status", "hedge_reason"]))


@issuer_app.command("redemptions")
def issuer_redemptions(as_json: JSON = False) -> None:
    """Every redemption: burned, sold, paid or failed."""
    State.as_json = as_json
    emit(call(lambda: whole(clients().issuer.ListRedemptions, issuer_pb2.ListRedemptionsRequest())), as_json,
         lambda d: table(d["redemptions"], ["redemption_id", "token", "quantity", "status", "sale_price", "payout"]))


@issuer_app.command("reserves")
def issuer_reserves(token: str, as_json: JSON = False) -> None:
    """Tokens outstanding against the shares held for them at the broker."""
    State.as_json = as_json
    emit(call(lambda: clients().issuer.GetReserves(issuer_pb2.QuoteRequest(token=token))), as_json)


@issuer_app.command("funding")
def issuer_funding(as_json: JSON = False) -> None:
    """Each product's money leg: its funding mode, buffer, FUSD held, dollars on the wire, broker credit used."""
    State.as_json = as_json

    def human(d: dict[str, Any]) -> None:
        table(d.get("products", []), {"token": "token", "funding_mode": "mode", "buffer": "buffer free",
                                      "committed": "committed", "stablecoin_held": "FUSD held",
                                      "cash_in_transit": "in transit", "credit_used": "credit used",
                                      "credit_limit": "credit limit", "mints_refused": "refused",
                                      "next_wire": "next wire"})
        typer.echo(f"sponsor loan (subordinated): {d.get('sponsor_loan', '0')}")
    emit(call(lambda: clients().issuer.GetFunding(common_pb2.Empty())), as_json, human)


@issuer_app.command("in-kind")
def issuer_in_kind(as_json: JSON = False) -> None:
    """In-kind mints and redemptions: tokens against shares journaled at the broker."""
    State.as_json = as_json
    emit(call(lambda: whole(clients().issuer.ListInKind, issuer_pb2.ListInKindRequest())), as_json,
         lambda d: table(d["receipts"], ["id", "kind", "token", "tokens", "shares", "account_id", "wallet_address"]))


@issuer_app.command("distributions")
def issuer_distributions(as_json: JSON = False) -> None:
    """What the SPV did with each corporate action its broker passed on, under each product's contract:
    dividends reinvested (the multiplier rises), paid in FUSD or kept; splits; meetings stopped."""
    State.as_json = as_json
    emit(call(lambda: whole(clients().issuer.ListDistributions, issuer_pb2.ListDistributionsRequest())), as_json,
         lambda d: table(d.get("distributions", []), {
             "id": "id", "kind": "kind", "token": "token", "policy": "policy", "net": "net",
             "shares_bought": "bought", "multiplier_after": "multiplier after", "effective_at": "from",
             "paid_total": "paid", "holders": "holders", "retained": "kept"}))  # the clause and detail: --json


@issuer_app.command("ex-dividends")
def issuer_ex_dividends(as_json: JSON = False) -> None:
    """Reinvesting products' dividends taken into the multiplier at the ex-date's open: the reference
    price, the tokens of record, the multiplier before and after, and the shares owed to them."""
    State.as_json = as_json
    emit(call(lambda: whole(clients().issuer.ListExDividends, issuer_pb2.ListExDividendsRequest())), as_json,
         lambda d: table(d.get("ex_dividends", []), {
             "token": "token", "action_id": "action", "reference": "reference", "supply": "of record",
             "multiplier_before": "before", "multiplier_after": "after", "effective_at": "from",
             "shares_owed": "shares owed", "status": "status", "order_id": "bought by"}))


@issuer_app.command("distribution-payments")
def issuer_distribution_payments(
        distribution: Annotated[str, typer.Option(help="One distribution's lines (dist-000001).")] = "",
        address: Annotated[str, typer.Option(help="One holder's lines.")] = "", as_json: JSON = False) -> None:
    """A stablecoin distribution's lines: each holder of record, its balance and the FUSD it got."""
    State.as_json = as_json
    emit(call(lambda: clients().issuer.ListDistributionPayments(issuer_pb2.ListDistributionPaymentsRequest(
        distribution_id=distribution, address=address))), as_json,
         lambda d: table(d.get("payments", []), ["distribution_id", "token", "address", "balance", "amount", "status",
                                                 "reason", "tx_hash"]))


@issuer_app.command("redeem-in-kind")
def issuer_redeem_in_kind(account_id: str, token: str, quantity: str, wallet: str, request_id: RID = "",
                          as_json: JSON = False) -> None:
    """Redeem tokens in kind: collected from WALLET (it approved the issuer), burned, and the shares
    journaled back to the participant's broker ACCOUNT_ID."""
    State.as_json = as_json
    emit(call(lambda: clients().issuer.InKindRedeem(issuer_pb2.InKindRedeemRequest(
        request_id=request_id or new_request_id(), account_id=account_id, token=token, quantity=dec(quantity),
        wallet_address=wallet))), as_json)


# --- broker -------------------------------------------------------------------------------------

@issuer_app.command("estate")
def issuer_estate(as_json: JSON = False) -> None:
    """The insolvent SPV's estate: its assets pool by pool, and the waterfall that pays them out in order
    (agent costs and secured holders from their collateral, administrator, unsecured pro rata, sponsor)."""
    State.as_json = as_json

    def human(d: dict[str, Any]) -> None:
        if not d.get("insolvent"):
            typer.echo("the SPV is not insolvent")
            return
        typer.echo(f"insolvent since {d['declared_at']}: {d['reason']}")
        table(d["assets"], {"pool": "pool", "kind": "kind", "description": "asset", "value": "USD"},
              title=f"Assets: {d['gross_assets']} (general estate {d['general_estate']})")
        table(d["waterfall"], {"rank": "rank", "kind": "kind", "token": "token", "pool": "pool",
                               "description": "what", "claim": "claim", "paid": "paid"},
              title="Waterfall, in the order paid")
        table(d["tokens"], {"token": "token", "standing": "standing", "claim_per_token": "claim/token",
                            "recovery_per_token": "recovery/token"},
              title=f"Per token (an unsecured dollar recovers {d['recovery_rate']})")

    emit(call(lambda: clients().issuer.GetEstate(common_pb2.Empty())), as_json, human)


@broker_app.command("accounts")
def broker_accounts(as_json: JSON = False) -> None:
    """Customer accounts at the broker, with their API routes."""
    State.as_json = as_json
    emit(call(lambda: whole(clients().broker.ListAccounts, broker_pb2.ListAccountsRequest())), as_json,
         lambda d: table(d["accounts"], ["account_id", "name", "kind", "status", "route_enabled"]))


@broker_app.command("tokenization")
def broker_tokenization(account_id: Annotated[str, typer.Argument(help="A broker account id; none: all.")] = "",
                        as_json: JSON = False) -> None:
    """In-kind tokenization requests (the Instant Tokenization Network), newest first."""
    State.as_json = as_json
    emit(call(lambda: whole(clients().broker.ListTokenizationRequests, broker_pb2.ListTokenizationRequestsRequest(
        account_id=account_id))), as_json,
         lambda d: table(d["requests"], ["id", "kind", "status", "account_id", "underlying_symbol", "qty", "fees",
                                         "reject_reason"]))


@broker_app.command("orders")
def broker_orders(account_id: str, as_json: JSON = False) -> None:
    """A customer's orders: fills, trade and settlement dates."""
    State.as_json = as_json
    emit(call(lambda: whole(clients().broker.ListOrders, broker_pb2.ListOrdersRequest(account_id=account_id))), as_json,
         lambda d: table(d["orders"], {"order_id": "order_id", "side": "side", "symbol": "symbol",
                                       "quantity": "quantity", "status": "status", "reject_reason": "reason",
                                       "filled_avg_price": "filled_avg_price", "trade_date": "trade_date",
                                       "settlement_date": "settlement_date", "settled": "settled"}))


@broker_app.command("positions")
def broker_positions(account_id: str, as_json: JSON = False) -> None:
    """Settled and unsettled positions, and cash, of one customer account."""
    State.as_json = as_json
    broker = clients().broker
    positions = call(lambda: broker.GetPositions(broker_pb2.AccountRequest(account_id=account_id)))
    cash = call(lambda: broker.GetCash(broker_pb2.AccountRequest(account_id=account_id)))
    if as_json:
        from fivelayer.kernel.rest import to_json
        typer.echo(json.dumps({"positions": to_json(positions)["positions"], "cash": to_json(cash)}, indent=2))
        return
    emit(positions, False, lambda d: table(d["positions"], ["symbol", "settled", "unsettled", "total"],
                                           title=f"Positions of {account_id}"))
    emit(cash, False)


@broker_app.command("credit")
def broker_credit(account_id: str, as_json: JSON = False) -> None:
    """An account's credit line: limit, drawn, due by 13:00 ET on the settlement date, overdue, interest."""
    State.as_json = as_json
    emit(call(lambda: clients().broker.GetCreditLine(broker_pb2.AccountRequest(account_id=account_id))), as_json)


@broker_app.command("liquidation")
def broker_liquidation(limit: int = 100, page_token: str = "", as_json: JSON = False) -> None:
    """The failed broker's SIPC liquidation: customer property pro rata, SIPC's advance, each customer's recovery."""
    State.as_json = as_json

    def human(d: dict[str, Any]) -> None:
        table(d.get("customers", []), {"account_id": "account", "name": "name", "net_equity": "net equity",
                                       "from_property": "from property", "sipc_securities": "SIPC securities",
                                       "sipc_cash": "SIPC cash", "recovered": "recovered", "loss": "loss"})
        for key in ("failed_at", "customer_property", "total_net_equity", "pro_rata_rate", "sipc_advanced",
                    "next_page_token", "rule"):
            if d.get(key):
                typer.echo(f"{key}: {d[key]}")
        if not d.get("failed"):
            typer.echo("the broker has not failed")
    emit(call(lambda: clients().broker.GetLiquidation(broker_pb2.LiquidationRequest(limit=limit,
                                                                                    page_token=page_token))),
         as_json, human)


@broker_app.command("notices")
def broker_notices(account_id: str,
                   kind: Annotated[str, typer.Option(help="dividend, split or meeting; none: all.")] = "",
                   as_json: JSON = False) -> None:
    """What corporate actions brought a customer: dividends (gross, withheld, net), splits, meeting notices."""
    State.as_json = as_json
    emit(call(lambda: whole(clients().broker.ListNotices,
                            broker_pb2.ListNoticesRequest(account_id=account_id, kind=kind))),
         as_json, lambda d: table(d["notices"], ["notice_id", "kind", "action_id", "symbol", "shares", "rate", "gross",
                                                 "withheld", "net", "shares_after", "cash_in_lieu", "record_date",
                                                 "meeting_date"], title=f"Notices of {account_id}"))


@broker_app.command("tax-profile")
def broker_tax_profile(account_id: str,
                       status: Annotated[str, typer.Argument(
                           help="w9, w8ben, w8ben_e, undocumented_us or undocumented_foreign.")],
                       country: Annotated[str, typer.Option(
                           help="Country of tax residence, ISO alpha-3 (a W-8BEN needs one); none: the one on "
                                "file.")] = "",
                       request_id: RID = "", as_json: JSON = False) -> None:
    """Record a customer's tax form, which sets its dividend withholding: W-9 0%; W-8BEN 30% or its
    country's treaty rate (GBR 15%, JPN 10%, ...); no W-9 24% (backup); undocumented foreign 30%."""
    State.as_json = as_json
    emit(call(lambda: clients().broker.SetTaxProfile(broker_pb2.SetTaxProfileRequest(
        request_id=request_id or new_request_id(), account_id=account_id, tax_profile=status,
        country=country))), as_json)


@broker_app.command("tax-statement")
def broker_tax_statement(account_id: str,
                         year: Annotated[int, typer.Option(help="The calendar year; 0: the sandbox's.")] = 0,
                         as_json: JSON = False) -> None:
    """A customer's year-end statement: dividends paid in the year, rate and tax withheld, by form
    (1042-S for a foreign person, income code 06; 1099-DIV for a US person)."""
    State.as_json = as_json

    def human(d: dict[str, Any]) -> None:
        table(d.get("lines", []), ["form", "income_code", "tax_status", "country", "rate", "gross", "withheld",
                                   "payments"],
              title=f"{d.get('year')} statement of {d.get('recipient')} ({account_id}) from "
                    f"{d.get('withholding_agent')}{'' if d.get('final') else ', to date'}")
        typer.echo(f"gross {d.get('gross', '0')}, withheld {d.get('withheld', '0')}; on file: {d.get('basis', '')}")

    emit(call(lambda: clients().broker.GetTaxStatement(broker_pb2.TaxStatementRequest(
        account_id=account_id, year=year))), as_json, human)


FORM_COLUMNS = ["form_id", "action_id", "account_id", "symbol", "shares", "votes", "meeting_date", "cutoff", "status",
                "do_not_vote"]


def _form_lines(d: dict[str, Any]) -> None:
    table([{k: d.get(k, "") for k in FORM_COLUMNS}], FORM_COLUMNS)
    table(d.get("proposals", []), {"proposal_id": "proposal", "text": "text", "routine": "routine",
                                   "board_recommendation": "board", "instruction": "instruction", "vote": "vote",
                                   "how": "how"})


@broker_app.command("forms")
def broker_forms(account_id: str,
                 action: Annotated[str, typer.Option("--action", help="Only this meeting (ca-...).")] = "",
                 as_json: JSON = False) -> None:
    """A customer's voting instruction forms: each meeting's proposals, its instructions, the votes cast."""
    State.as_json = as_json

    def human(d: dict[str, Any]) -> None:
        for form in d.get("forms", []):
            _form_lines(form)

    emit(call(lambda: whole(clients().broker.ListVotingForms, broker_pb2.ListVotingFormsRequest(
        account_id=account_id, action_id=action))), as_json, human)


@broker_app.command("vote")
def broker_vote(account_id: str,
                form: Annotated[str, typer.Argument(help="The form (vif-...) or the meeting (ca-...).")],
                proposal: Annotated[str, typer.Argument(help="The proposal's id on the agenda.")],
                choice: Annotated[str, typer.Argument(help="for, against or abstain.")],
                request_id: RID = "", as_json: JSON = False) -> None:
    """Instruct the broker how to vote a customer's shares on one proposal (until 23:59 ET the day before the
    meeting; another instruction before then replaces it)."""
    State.as_json = as_json
    by_meeting = form.startswith("ca-")
    emit(call(lambda: clients().broker.InstructVote(broker_pb2.VoteInstructionRequest(
        request_id=request_id or new_request_id(), account_id=account_id, form_id="" if by_meeting else form,
        action_id=form if by_meeting else "", proposal_id=proposal, choice=choice))), as_json, _form_lines)


@broker_app.command("tally")
def broker_tally(action_id: Annotated[str, typer.Argument(help="The meeting (ca-...).")],
                 lines: Annotated[bool, typer.Option("--lines", help="Also each form's line per proposal.")] = False,
                 as_json: JSON = False) -> None:
    """Where each share's vote went at a meeting: for, against, abstain, broker votes (routine, with the board),
    broker non-votes, not voted, fractions; provisional until the broker casts at the cutoff."""
    State.as_json = as_json

    def human(d: dict[str, Any]) -> None:
        table(d.get("proposals", []), {"proposal_id": "proposal", "routine": "routine", "board_recommendation": "board",
                                       "votes_for": "for", "votes_against": "against", "abstentions": "abstain",
                                       "instructed": "instructed", "broker_votes": "broker votes",
                                       "broker_non_votes": "broker non-votes", "not_voted": "not voted",
                                       "fractions": "fractions", "entitled": "entitled"},
              title=f"{d['action_id']} {d['symbol']} meeting {d['meeting_date']}: {d['status']} "
                    f"(uninstructed routine shares voted {d['broker_vote_method']})")
        if lines:
            table(d.get("lines", []), ["form_id", "account_id", "proposal_id", "shares", "vote", "how", "detail"])

    emit(call(lambda: clients().broker.GetVoteTally(broker_pb2.VoteTallyRequest(action_id=action_id))), as_json,
         human)


# --- depository ---------------------------------------------------------------------------------

@depository_app.command("participants")
def depository_participants(as_json: JSON = False) -> None:
    """The DTC participants."""
    State.as_json = as_json
    emit(call(lambda: whole(clients().depository.ListParticipants, depository_pb2.ListParticipantsRequest())), as_json,
         lambda d: table(d["participants"], ["participant_id", "name", "kind"]))


@depository_app.command("positions")
def depository_positions(participant_id: str, as_json: JSON = False) -> None:
    """A participant's positions and cash at DTC, settled and pending."""
    State.as_json = as_json

    def human(d: dict[str, Any]) -> None:
        table(d["positions"], ["symbol", "settled", "pending_receive", "pending_deliver"],
              title=f"Participant {participant_id} at DTC")
        typer.echo(f"cash {d['cash']}  pending cash {d['pending_cash']}")

    emit(call(lambda: clients().depository.GetPositions(depository_pb2.PositionsRequest(
        participant_id=participant_id))), as_json, human)


@depository_app.command("settlement")
def depository_settlement(settlement_date: str, participant_id: str = "", as_json: JSON = False) -> None:
    """The CNS settlement of one date: projected until its run, then what settled or failed."""
    State.as_json = as_json

    def human(d: dict[str, Any]) -> None:
        table(d["lines"], ["participant_id", "symbol", "net_quantity", "net_money", "settled_quantity",
                           "failed_quantity", "status", "trades"],
              title=f"CNS settlement {d['settlement_date']}: {d['status']}")
        typer.echo(f"gross {d['gross_value']}  net {d['net_value']}")

    emit(call(lambda: clients().depository.GetSettlement(depository_pb2.SettlementRequest(
        settlement_date=settlement_date, participant_id=participant_id))), as_json, human)


@depository_app.command("register")
def depository_register(symbol: str, as_json: JSON = False) -> None:
    """The issuer's register of a security: Cede & Co holds the immobilised shares."""
    State.as_json = as_json
    emit(call(lambda: clients().depository.GetRegister(depository_pb2.RegisterRequest(symbol=symbol))), as_json)


@depository_app.command("trades")
def depository_trades(participant_id: str = "", settlement_date: str = "", as_json: JSON = False) -> None:
    """Trades captured for CNS, by participant and settlement date."""
    State.as_json = as_json
    emit(call(lambda: whole(clients().depository.ListTrades, depository_pb2.ListTradesRequest(
        participant_id=participant_id, settlement_date=settlement_date))), as_json,
        lambda d: table(d["trades"], ["trade_id", "buyer", "seller", "symbol", "quantity", "price", "trade_date",
                                      "settlement_date", "status"]))


announce_app = typer.Typer(help="Announce a corporate action (as the issuer's paying agent).", no_args_is_help=True)
depository_app.add_typer(announce_app, name="announce")
ACTION_COLUMNS = ["action_id", "kind", "symbol", "amount", "new_shares", "old_shares", "ex_date", "record_date",
                  "pay_date", "effective_date", "meeting_date", "status", "late", "large_distribution"]
LATE = Annotated[bool, typer.Option("--late", help="Announce with less than 10 days' notice before the record date "
                                                   "(SEC Rule 10b-17 refuses it otherwise); marked late.")]


def _announced(fn: Callable[[], depository_pb2.CorporateAction], as_json: bool) -> None:
    State.as_json = as_json
    emit(call(fn), as_json)


@announce_app.command("dividend")
def depository_announce_dividend(
        symbol: str, amount: Annotated[str, typer.Option("--amount", help="USD per share, up to 6 places.")],
        pay: Annotated[str, typer.Option("--pay", help="Pay date YYYY-MM-DD, a settlement day.")],
        ex: Annotated[str, typer.Option("--ex", help="Ex date YYYY-MM-DD of an ordinary dividend (= the record "
                                                     "date, T+1); or give --record.")] = "",
        record: Annotated[str, typer.Option("--record", help="Record date YYYY-MM-DD.")] = "",
        late: LATE = False, request_id: RID = "", as_json: JSON = False) -> None:
    """A cash dividend: entitlements fixed at 17:00 ET on the record date, cash paid at 09:00 ET on the pay date.
    At 25% or more of the last close (FINRA Rule 11140) it goes ex on the first session after the pay date,
    and trades in between carry due bills."""
    if not (ex or record):
        raise typer.BadParameter("give the record date: --record DATE (or --ex DATE, the same for an ordinary "
                                 "dividend)", param_hint="--record")
    _announced(lambda: clients().depository.AnnounceDividend(depository_pb2.AnnounceDividendRequest(
        request_id=request_id or new_request_id(), symbol=symbol, amount=dec(amount), ex_date=ex, pay_date=pay,
        record_date=record, late=late)), as_json)


@announce_app.command("split")
def depository_announce_split(
        symbol: str, ratio: Annotated[str, typer.Option("--ratio", help="NEW:OLD, e.g. 4:1 forward, 1:4 reverse.")],
        effective: Annotated[str, typer.Option("--effective", help="Effective date YYYY-MM-DD (06:00 ET).")],
        late: LATE = False, request_id: RID = "", as_json: JSON = False) -> None:
    """A stock split: every position and open CNS obligation x NEW/OLD, fractions paid as cash in lieu."""
    new, sep, old = ratio.partition(":")
    if not (sep and new.strip().isdigit() and old.strip().isdigit()):
        raise typer.BadParameter(f"a ratio is NEW:OLD, e.g. 4:1, got {ratio!r}", param_hint="--ratio")
    _announced(lambda: clients().depository.AnnounceSplit(depository_pb2.AnnounceSplitRequest(
        request_id=request_id or new_request_id(), symbol=symbol, new_shares=min(int(new), 2**31 - 1),
        old_shares=min(int(old), 2**31 - 1), effective_date=effective, late=late)), as_json)


@announce_app.command("meeting")
def depository_announce_meeting(
        symbol: str, record: Annotated[str, typer.Option("--record", help="Record date YYYY-MM-DD.")],
        meeting: Annotated[str, typer.Option("--meeting", help="Meeting date YYYY-MM-DD.")],
        proposal: Annotated[list[str] | None, typer.Option("--proposal", help="A proposal; repeat for more.")] = None,
        routine: Annotated[list[int] | None, typer.Option(
            "--routine", help="The number of a routine proposal (NYSE Rule 452: a broker may vote uninstructed "
                              "shares, e.g. ratifying the auditor); repeat for more.")] = None,
        board_against: Annotated[list[int] | None, typer.Option(
            "--board-against", help="The number of a proposal the board recommends voting against.")] = None,
        late: LATE = False, request_id: RID = "", as_json: JSON = False) -> None:
    """A shareholder meeting: who may vote is fixed at 17:00 ET on the record date. Proposals are numbered
    1, 2, ... in the order given; each is non-routine with the board For unless --routine / --board-against."""
    texts = proposal or []
    for number in [*(routine or []), *(board_against or [])]:
        if not 1 <= number <= len(texts):
            raise typer.BadParameter(f"there is no proposal {number}: give 1 to {len(texts)}")
    agenda = [depository_pb2.Proposal(proposal_id=str(n), text=text, routine=n in (routine or []),
                                      board_recommendation="against" if n in (board_against or []) else "for")
              for n, text in enumerate(texts, 1)]
    _announced(lambda: clients().depository.AnnounceMeeting(depository_pb2.AnnounceMeetingRequest(
        request_id=request_id or new_request_id(), symbol=symbol, record_date=record, meeting_date=meeting,
        agenda=agenda, late=late)), as_json)


@depository_app.command("actions")
def depository_actions(symbol: Annotated[str, typer.Argument(help="Only this symbol.")] = "",
                       kind: Annotated[str, typer.Option(help="dividend, split or meeting.")] = "",
                       as_json: JSON = False) -> None:
    """Announced corporate actions and where each stands."""
    State.as_json = as_json
    emit(call(lambda: whole(clients().depository.ListCorporateActions, depository_pb2.ListCorporateActionsRequest(
        symbol=symbol, kind=kind))), as_json, lambda d: table(d["actions"], ACTION_COLUMNS))


@depository_app.command("entitlements")
def depository_entitlements(action_id: str, participant_id: str = "", as_json: JSON = False) -> None:
    """Each participant's entitlement to a corporate action (and whether it is paid)."""
    State.as_json = as_json
    emit(call(lambda: whole(clients().depository.ListEntitlements, depository_pb2.ListEntitlementsRequest(
        action_id=action_id, participant_id=participant_id))), as_json,
        lambda d: table(d["entitlements"], ["participant_id", "symbol", "settled", "pending", "shares", "cash",
                                            "paid", "paid_at", "due_bill_shares", "due_bill_cash"],
                        title=f"Entitlements to {action_id}"))


# --- chain --------------------------------------------------------------------------------------

@chain_app.command("tokens")
def chain_tokens(as_json: JSON = False) -> None:
    """The deployed token contracts: supply, multiplier, pauses."""
    State.as_json = as_json
    emit(call(lambda: whole(clients().chain.ListTokens, chain_pb2.ListTokensRequest())), as_json,
         lambda d: table(d["tokens"], ["symbol", "kind", "decimals", "total_supply", "multiplier", "mint_paused",
                                       "transfers_paused"]))


@chain_app.command("balance")
def chain_balance(token: str, address: str, as_json: JSON = False) -> None:
    """An address's balance of one token."""
    State.as_json = as_json
    emit(call(lambda: clients().chain.BalanceOf(chain_pb2.BalanceRequest(symbol=token, address=address))), as_json)


@chain_app.command("info")
def chain_info(as_json: JSON = False) -> None:
    """The devnet as an integrator needs it: JSON-RPC URL, chain id, contracts, roles, funded test accounts."""
    State.as_json = as_json
    network = call(lambda: clients().chain_service.GetNetwork(common_pb2.Empty()))
    tokens = call(lambda: whole(clients().chain.ListTokens, chain_pb2.ListTokensRequest()))
    if as_json:
        emit(network, True)
        return
    typer.echo(f"JSON-RPC   {network.rpc_url}   chain id {network.chain_id}   {network.node} (pid {network.node_pid})")
    typer.echo(f"head       block {network.head} at {iso(network.head_at.ToDatetime(tzinfo=UTC))}"
               f"   journal {network.journal_entries} entries")
    typer.echo("contracts")
    for t in tokens.tokens:
        typer.echo(f"  {t.symbol:<6} {t.address}  {t.kind:<10} decimals {t.decimals:<2}  supply {t.total_supply.value}")
    typer.echo("roles (each key held only by the service that plays it)")
    for r in network.roles:
        typer.echo(f"  {r.name:<18} {r.address}  held by {r.held_by:<8} {'; '.join(r.grants)}")
    typer.echo(f"test accounts (mnemonic: {network.mnemonic})")
    for i, a in enumerate(network.accounts):
        typer.echo(f"  ({i}) {a.address} ({a.eth.value} ETH)  key {a.private_key}")


def _test_account_send(token: str, account: int, function: str, counterparty: str, amount: str,
                       as_json: bool) -> None:
    """Sign `function(counterparty, amount)` with test account `account`'s well-known key and send it to
    the JSON-RPC face, as an integrator's wallet does (the CLI holds no role's key); print the outcome."""
    from web3 import Web3

    from fivelayer.kernel import evm, keys

    State.as_json = as_json
    args = [Web3.to_checksum_address(counterparty), Decimal(amount)]
    network = call(lambda: clients().chain_service.GetNetwork(common_pb2.Empty()))
    info = call(lambda: clients().chain.GetToken(chain_pb2.TokenRequest(symbol=token)))
    w3 = Web3(Web3.HTTPProvider(network.rpc_url))
    signer = call(lambda: keys.test_account(account))
    contract = w3.eth.contract(address=Web3.to_checksum_address(info.address),
                               abi=evm.artifact(evm.contract_name(info.kind))["abi"])
    units = [evm.to_units(Decimal(a), info.decimals) if isinstance(a, Decimal) else a for a in args]
    tx = contract.get_function_by_name(function)(*units).build_transaction({
        "from": signer.address, "nonce": w3.eth.get_transaction_count(signer.address), "chainId": network.chain_id})
    signed = signer.sign_transaction(tx)
    receipt = w3.eth.wait_for_transaction_receipt(w3.eth.send_raw_transaction(signed.raw_transaction))
    reply = {"tx_hash": receipt["transactionHash"].to_0x_hex(), "block": receipt["blockNumber"],
             "status": "ok" if receipt["status"] == 1 else "reverted", "from": signer.address.lower()}
    typer.echo(json.dumps(reply, indent=2) if as_json else
               f"{reply['tx_hash']} in block {reply['block']}: {reply['status']}")


@chain_app.command("faucet")
def chain_faucet(to: str, amount: str, request_id: RID = "", as_json: JSON = False) -> None:
    """The faucet (the stablecoin's issuer, whose key the chain service holds) sends AMOUNT FUSD to TO."""
    State.as_json = as_json
    emit(call(lambda: clients().chain_service.Faucet(chain_pb2.FaucetRequest(
        request_id=request_id or new_request_id(), to_address=to.lower(), amount=dec(amount)))), as_json)


@chain_app.command("send")
def chain_send(token: str, account: Annotated[int, typer.Argument(help="The test account that signs (0-9).")],
               to: str, amount: str, as_json: JSON = False) -> None:
    """Transfer AMOUNT of TOKEN from a test account to TO, signed with its own key (a user's deposit, say)."""
    _test_account_send(token, account, "transfer", to, amount, as_json)


@chain_app.command("approve")
def chain_approve(token: str, account: Annotated[int, typer.Argument(help="The test account that signs (0-9).")],
                  spender: str, amount: str, as_json: JSON = False) -> None:
    """Approve SPENDER to take AMOUNT of a test account's TOKEN (ERC-20 approve, signed with its own key)."""
    _test_account_send(token, account, "approve", spender, amount, as_json)


@chain_app.command("block")
def chain_block(number: Annotated[int, typer.Argument(help="The block number.")] = 0,
                as_json: JSON = False) -> None:
    """One block and its transaction."""
    State.as_json = as_json
    emit(call(lambda: clients().chain.GetBlock(chain_pb2.BlockRequest(number=number))), as_json)


# --- drills -------------------------------------------------------------------------------------

@drill_app.command("list")
def drill_list(as_json: JSON = False) -> None:
    """The drills, with what each shows (no sandbox needed: `drill run` makes its own)."""
    State.as_json = as_json
    catalogue = control_pb2.ListDrillsResponse(drills=[control_pb2.DrillInfo(name=d.name, title=d.title,
                                                                             summary=d.summary)
                                                       for d in DRILL_CATALOGUE.values()])
    emit(catalogue, as_json, lambda d: table(d["drills"], ["name", "title", "summary"]))


@drill_app.command("run")
def drill_run(name: Annotated[str, typer.Argument(help="A drill of `drill list`, e.g. weekend-gap.")],
              seed: Annotated[int, typer.Option(help="Seeds the drill's world and the market data.")] = 1,
              out: Annotated[Path | None, typer.Option(help="Also write the report here (.md or .json).")] = None,
              data_dir: Annotated[Path | None, typer.Option(help="Keep the drill's sandbox data here, to "
                                                            "explore later with `fivelayer up --data-dir`.")] = None,
              here: Annotated[bool, typer.Option(help="Run in the sandbox at --port-base (it must be fresh: "
                                                 f"started with --start {iso(DRILL_START)}).")] = False,
              faults_only: Annotated[bool, typer.Option(help="Only schedule the drill's faults, at its instants, "
                                                        "in the sandbox at --port-base; your own traffic does the "
                                                        "rest (then `drill report NAME`).")] = False,
              as_json: JSON = False) -> None:
    """Run a drill in a fresh scratch sandbox and print its report (Markdown, or JSON with --json).
    Exits 2 when an invariant was breached: that is a sandbox bug, not the fault."""
    State.as_json = as_json
    request = control_pb2.RunDrillRequest(name=name, seed=seed, faults_only=faults_only)
    # streamed: each step shows on stderr as the drill takes it (stdout keeps the report)
    if here or faults_only:
        reply = call(lambda: follow_drill(clients().drills.RunDrillWatch(request, timeout=900)))
    else:
        try:
            with scratch_sandbox(State.settings, seed, "drill", data_dir) as scratch:
                reply = call(lambda: follow_drill(scratch.drills.RunDrillWatch(request, timeout=900)))
        except StartupError as error:
            typer.secho(f"error: {error}", fg="red", err=True)
            raise typer.Exit(1) from None
    text = reply.report_json if as_json else reply.report_markdown
    typer.echo(text, nl=False)
    if out is not None:
        out.write_text(reply.report_json if out.suffix == ".json" else reply.report_markdown)
    if not reply.ok:
        typer.secho(f"{len(reply.breaches)} invariant breaches: a sandbox bug", fg="red", err=True)
        raise typer.Exit(2)


@drill_app.command("report")
def drill_report(name: Annotated[str, typer.Argument(help="The drill whose faults were scheduled.")],
                 as_json: JSON = False) -> None:
    """The layer-by-layer report of the sandbox at --port-base, after a drill's faults and your own
    traffic: the faults and what they hit, the layers, who holds what, the invariants."""
    State.as_json = as_json
    reply = call(lambda: clients().drills.ReportDrill(control_pb2.DrillReportRequest(name=name), timeout=300))
    typer.echo(reply.report_json if as_json else reply.report_markdown, nl=False)
    if not reply.ok:
        typer.secho(f"{len(reply.breaches)} invariant breaches: a sandbox bug", fg="red", err=True)
        raise typer.Exit(2)


@fault_app.command("list")
def fault_list(include_ended: Annotated[bool, typer.Option("--all", help="Also the faults that ended.")] = False,
               as_json: JSON = False) -> None:
    """The faults in force (with --all, also those cleared or expired)."""
    State.as_json = as_json
    reply = call(lambda: whole(clients().faults.ListFaults, control_pb2.ListFaultsRequest(include_ended=include_ended)))
    emit(reply, as_json, lambda d: _fault_lines(d.get("faults", [])) if d.get("faults") else typer.echo("no faults"))


FAULT_INJECT_HELP = fault_kinds.inject_help()  # every kind's line, from the kernel's catalogue


@fault_app.command("inject", help=FAULT_INJECT_HELP)
def fault_inject(
        kind: Annotated[str, typer.Argument(help=fault_kinds.choices(),
                                            autocompletion=lambda: list(fault_kinds.CATALOGUE))],
        token: Annotated[str, typer.Option(help="halt-*, pause-transfers, freeze-account --address: a token, "
                                                "e.g. AAPLx.")] = "",
        account: Annotated[str, typer.Option(help="route-cut, freeze-account: a broker account "
                                                  "(default: the SPV's).")] = "",
        address: Annotated[str, typer.Option(help="freeze-account: a chain address instead, frozen in --token "
                                                  "by the issuer (the token's owner).")] = "",
        participant: Annotated[str, typer.Option(help="settlement-fail: a DTC participant, e.g. 0555.")] = "",
        depth: Annotated[int, typer.Option(help="reorg: how many of the chain's last blocks to replace.")] = 0,
        drop: Annotated[list[str] | None, typer.Option(help="reorg: an integrator's transaction hash to leave "
                                                           "out of the new blocks (repeatable).")] = None,
        symbol: Annotated[str, typer.Option(help="settlement-fail, price-gap: a security, e.g. AAPL; "
                                                 f"{perp_faults.OPTION_HELP['symbol']}.")] = "",
        date: Annotated[str, typer.Option("--date", help="settlement-fail: a settlement date "
                                                         "(default: every date while it stands); price-gap: "
                                                         "the session whose open gaps by a seeded 8-15% "
                                                         "move.")] = "",
        price: Annotated[str, typer.Option(help="depeg: USD the stablecoin's issuer pays per FUSD, above 0 "
                                                "and below 1, e.g. 0.88.")] = "",
        stuck: Annotated[str, typer.Option(help="depeg: reserve dollars stuck at a failed bank, e.g. "
                                                "3300000.")] = "",
        fraction: Annotated[str, typer.Option(help="broker-failure: the share of customer property missing, "
                                                   "from 0 up to (not including) 1, e.g. 0.2 (default 0); "
                                                   f"{perp_faults.OPTION_HELP['fraction']}.")] = "",
        delay: Annotated[str, typer.Option(help="wire-delay: added to every wire the stablecoin's issuer "
                                                "sends, e.g. 36h or 2d.")] = "",
        service: Annotated[str, typer.Option(help="network faults: the faulted service.")] = "",
        from_service: Annotated[str, typer.Option("--from", help="network faults: only the hop from this "
                                                                 "service (default: every caller).")] = "",
        face: Annotated[str, typer.Option(help="network faults: grpc or rest (default: both).")] = "",
        method: Annotated[str, typer.Option(help="network faults: one method, e.g. Mint.")] = "",
        latency: Annotated[int, typer.Option(help="latency/timeout: milliseconds.")] = 0,
        jitter: Annotated[int, typer.Option(help="latency: up to this many more milliseconds.")] = 0,
        code: Annotated[str, typer.Option(help="error: a gRPC status name (default UNAVAILABLE).")] = "",
        http_status: Annotated[int, typer.Option(help="error: the REST face's status (default 503).")] = 0,
        rate: Annotated[str, typer.Option(help="the share of requests hit, e.g. 0.5 (default all).")] = "",
        limit: Annotated[int, typer.Option(help="rate-limit: requests per window.")] = 0,
        window: Annotated[int, typer.Option(help="rate-limit: the window in seconds.")] = 0,
        for_duration: Annotated[str, typer.Option("--for", help="End by itself after this much sandbox "
                                                                "time, e.g. 2h.")] = "",
        requests: Annotated[int, typer.Option(help="network faults: end after hitting this many requests.")] = 0,
        seed: Annotated[int, typer.Option(help="network faults: the seed of its draws.")] = 0,
        reason: Annotated[str, typer.Option(help="shown with the refusals it causes.")] = "",
        request_id: RID = "", as_json: JSON = False) -> None:
    """Switch a fault on in the running sandbox (its --help is FAULT_INJECT_HELP, from the faults' declarations)."""
    State.as_json = as_json
    if account and address:
        raise typer.BadParameter("freeze either a broker account (--account) or a chain address (--address)",
                                 param_hint="--address")
    if address and not is_address(address):
        raise typer.BadParameter(f"a chain address is 0x and 40 hex characters, got {address!r}",
                                 param_hint="--address")
    network = common_pb2.NetworkFault(from_service=from_service, face=face, method=method, latency_ms=latency,
                                      jitter_ms=jitter, grpc_code=code, http_status=http_status,
                                      rate=dec(rate) if rate else None, limit=limit, window_seconds=window,
                                      seed=seed, max_requests=requests)
    request = control_pb2.InjectFaultRequest(
        request_id=request_id or new_request_id(), kind=kind, token=token, account_id=account or address,
        participant_id=participant, symbol=symbol, settlement_date=date, service=service, network=network,
        for_duration=for_duration, reason=reason, depth=depth, drop=drop or [],
        price=dec(price) if price else None, amount=dec(stuck) if stuck else None,
        fraction=dec(fraction) if fraction else None, delay=delay)
    reply = call(lambda: clients().faults.InjectFault(request))
    emit(reply, as_json, lambda d: _fault_lines([d]))


@fault_app.command("clear")
def fault_clear(fault_id: Annotated[str, typer.Argument(help="The fault to clear.")] = "",
                clear_all: Annotated[bool, typer.Option("--all", help="Clear every fault that can be.")] = False,
                request_id: RID = "", as_json: JSON = False) -> None:
    """Clear one fault, or all of them: each is undone through its service's API."""
    State.as_json = as_json
    reply = call(lambda: clients().faults.ClearFault(control_pb2.ClearFaultRequest(
        request_id=request_id or new_request_id(), fault_id=fault_id, all=clear_all)))
    emit(reply, as_json,
         lambda d: _fault_lines(d.get("faults", [])) if d.get("faults") else typer.echo("nothing to clear"))


# --- the stablecoin issuer (FUSD): its reserve, redemptions and Fedwire's schedule ----------------------------

stablecoin_app = typer.Typer(help="The stablecoin issuer (FUSD): reserve, redemptions, when a wire pays.",
                             no_args_is_help=True)
app.add_typer(stablecoin_app, name="stablecoin")


@stablecoin_app.command("reserve")
def stablecoin_reserve(as_json: JSON = False) -> None:
    """FUSD outstanding against the dollars held, stuck and in transit; the off-ramp's conditions."""
    State.as_json = as_json
    emit(call(lambda: clients().stablecoin.GetReserve(common_pb2.Empty())), as_json)


@stablecoin_app.command("redemptions")
def stablecoin_redemptions(holder: Annotated[str, typer.Option(help="Only this holder's address.")] = "",
                           limit: Annotated[int, typer.Option(help="At most this many (1,000 at most).")] = 100,
                           page_token: Annotated[str, typer.Option(help="From a previous page.")] = "",
                           as_json: JSON = False) -> None:
    """Redemptions in the order they came, with their wires' value dates and status."""
    State.as_json = as_json
    emit(call(lambda: clients().stablecoin.ListRedemptions(chain_pb2.ListStablecoinRedemptionsRequest(
        holder=holder.lower(), limit=limit, page_token=page_token))), as_json,
         lambda d: table(d["redemptions"], ["redemption_id", "holder", "amount", "usd", "status", "value_date",
                                            "pays_at", "beneficiary_account_id"]))


@stablecoin_app.command("wire-quote")
def stablecoin_wire_quote(at: Annotated[str, typer.Option(help="When the wire is asked for (ISO 8601 UTC); "
                                                          "default: the sandbox's now.")] = "",
                          as_json: JSON = False) -> None:
    """When a wire asked at AT would be paid (Fedwire's calendar and hours, after any wire delay), and why."""
    State.as_json = as_json
    request = chain_pb2.WireQuoteRequest(at=to_ts(call(lambda: parse_instant(at)))) if at else \
        chain_pb2.WireQuoteRequest()
    emit(call(lambda: clients().stablecoin.QuoteWire(request)), as_json)


# --- routes: the three routes to one stock, compared (issue 19) ------------------------------------

routes_app = typer.Typer(help="The three routes to a stock (tokenized, traditional, perpetual), compared.",
                         no_args_is_help=True)
app.add_typer(routes_app, name="routes")
ROUTE_ROWS = {"holds": "holds", "was_paid": "was paid", "paid": "paid", "recovers": "recovers"}


def _route_table(route: dict[str, Any]) -> None:
    """One route's holder: what she has, was paid, paid and recovers; her value over the span."""
    title = f"{route['route']}: {route['instrument']} ({route['holder']})"
    if not route["available"]:
        table([{"what": "not available", "figure": route["reason"]}], ["what", "figure"], title=title)
        return
    h, w, p = route["holds"], route["was_paid"], route["paid"]
    rows = [{"what": "holds", "figure": f"{h['quantity']} {route['instrument']} = {h['exposure_shares']} shares of "
             f"exposure, ${h['position_value']}; cash ${h['cash']}; in all ${h['value']}"},
            {"what": "was paid", "figure": f"dividend ${w['dividend_received']} of ${w['dividend_gross']} gross; "
             f"funding ${w['funding_received']}"},
            {"what": "paid", "figure": f"fees ${p['fees']}, funding ${p['funding_paid']}, withholding "
             f"${p['withholding']}: ${p['total']}"}]
    rows += [{"what": f"recovers ({x['insolvency']})", "figure": f"${x['recovered']} of ${x['at_stake']} "
              f"({x['percent']}%)"} for x in route["recovers"]]
    rows += [{"what": v["label"], "figure": f"${v['value']} (price {v['price']})"} for v in route["values"]]
    table(rows, ["what", "figure"], title=title)
    typer.echo(f"  dividend: {w['terms']}")
    for x in route["recovers"]:
        typer.echo(f"  {x['insolvency']}: {x['basis']}")


@routes_app.command("compare")
def routes_compare(amount: Annotated[str, typer.Option(help="USD of exposure each holder buys.")] = "10000",
                   symbol: Annotated[str, typer.Option(help="A listed stock, e.g. AAPL.")] = "AAPL",
                   seed: Annotated[int, typer.Option(help="Seeds the world and the market data.")] = 1,
                   here: Annotated[bool, typer.Option(help="Run in the sandbox at --port-base (it must be fresh: "
                                                      f"started with --start {iso(DRILL_START)}).")] = False,
                   as_json: JSON = False) -> None:
    """Buy the same dollars of a stock on each route on a Friday, hold it over a dividend, a weekend gap and
    the issuer's and the broker's insolvency, in a scratch sandbox; print what each holder has, was paid,
    paid and recovers. Same seed, same report."""
    State.as_json = as_json
    request = control_pb2.CompareRoutesRequest(amount=dec(amount), symbol=symbol, seed=seed)
    if here:
        reply = call(lambda: clients().drills.CompareRoutes(request, timeout=900))
    else:
        try:
            with scratch_sandbox(State.settings, seed, "routes") as scratch:
                reply = call(lambda: scratch.drills.CompareRoutes(request, timeout=900))
        except StartupError as error:
            typer.secho(f"error: {error}", fg="red", err=True)
            raise typer.Exit(1) from None
    if as_json:
        typer.echo(reply.report_json, nl=False)
        return
    report = json.loads(reply.report_json)
    typer.echo(f"Routes compared: ${report['amount']} of {report['symbol']}, seed {report['seed']}")
    typer.echo(report["span"]["story"])
    for route in report["routes"]:
        _route_table(route)
    typer.echo(f"timeline digest {reply.timeline_digest}")


# -- perpetuals (issue 19): the exchange's stock perps ------------------------------------------------------
from fivelayer.v1 import perpetuals_pb2 as perps_pb  # noqa: E402  (this section's own import)

perps_app = typer.Typer(help="Stock perpetuals at the exchange: markets, the book, orders, positions, funding.",
                        no_args_is_help=True)
app.add_typer(perps_app, name="perps")
PERP_SIDES = {"buy": perps_pb.PERP_SIDE_BUY, "sell": perps_pb.PERP_SIDE_SELL}


@perps_app.command("markets")
def perps_markets(as_json: JSON = False) -> None:
    """Every perp market: oracle, mark, the off-hours bounds, funding, conditions."""
    State.as_json = as_json
    emit(call(lambda: whole(clients().perpetuals.ListPerpMarkets, perps_pb.ListPerpMarketsRequest())), as_json,
         lambda d: table(d["markets"], ["symbol", "oracle_price", "mark_price", "in_session", "best_bid", "best_ask",
                                        "open_interest", "funding_rate_hourly", "halted"]))


@perps_app.command("book")
def perps_book(symbol: str, depth: int = 10, as_json: JSON = False) -> None:
    """A market's book: the maker's ladder and users' orders, best first."""
    State.as_json = as_json

    def show(d: dict[str, Any]) -> None:
        table(d.get("asks", [])[::-1], ["price", "size", "source"], title=f"{symbol} asks")
        table(d.get("bids", []), ["price", "size", "source"], title=f"{symbol} bids")

    emit(call(lambda: clients().perpetuals.GetPerpBook(perps_pb.PerpBookRequest(symbol=symbol, depth=depth))),
         as_json, show)


@perps_app.command("order")
def perps_order(user_id: str, symbol: str,
                side: Annotated[str, typer.Argument(help="buy or sell")], size: str,
                limit: Annotated[str, typer.Option(help="A limit price; none: a market order.")] = "",
                leverage: Annotated[int, typer.Option(help="1 to the market's max; 0: the position's, or 1.")] = 0,
                reduce_only: Annotated[bool, typer.Option("--reduce-only")] = False,
                request_id: RID = "", as_json: JSON = False) -> None:
    """Place a perp order: market (takes the book within 5% of the mark) or limit (takes what crosses, rests)."""
    State.as_json = as_json
    if side not in PERP_SIDES:
        raise typer.BadParameter("side is buy or sell")
    request = perps_pb.PlacePerpOrderRequest(
        request_id=request_id or new_request_id(), user_id=user_id, symbol=symbol, side=PERP_SIDES[side],
        type=perps_pb.PERP_ORDER_TYPE_LIMIT if limit else perps_pb.PERP_ORDER_TYPE_MARKET, size=dec(size),
        limit_price=dec(limit) if limit else None, leverage=leverage, reduce_only=reduce_only)
    emit(call(lambda: clients().perpetuals.PlacePerpOrder(request)), as_json)


@perps_app.command("cancel")
def perps_cancel(order_id: str, request_id: RID = "", as_json: JSON = False) -> None:
    """Cancel a resting perp order (its reserved margin returns to the user's FUSD)."""
    State.as_json = as_json
    emit(call(lambda: clients().perpetuals.CancelPerpOrder(perps_pb.CancelPerpOrderRequest(
        request_id=request_id or new_request_id(), order_id=order_id))), as_json)


@perps_app.command("orders")
def perps_orders(user_id: str, symbol: str = "", limit: int = 0, page_token: str = "", as_json: JSON = False) -> None:
    """A user's perp orders, oldest first, a page at a time."""
    State.as_json = as_json
    emit(call(lambda: clients().perpetuals.ListPerpOrders(perps_pb.ListPerpOrdersRequest(
        user_id=user_id, symbol=symbol, limit=limit, page_token=page_token))), as_json,
         lambda d: table(d.get("orders", []), ["order_id", "symbol", "side", "type", "size", "limit_price", "status",
                                               "filled_size", "average_price", "fee", "reason"]))


@perps_app.command("positions")
def perps_positions(user_id: str, symbol: str = "", as_json: JSON = False) -> None:
    """A user's open perp positions with PnL, margin and liquidation price."""
    State.as_json = as_json
    emit(call(lambda: clients().perpetuals.GetPerpPositions(perps_pb.PerpPositionsRequest(
        user_id=user_id, symbol=symbol))), as_json,
         lambda d: table(d.get("positions", []), ["symbol", "size", "entry_price", "mark_price", "margin", "leverage",
                                                  "unrealized_pnl", "equity", "liquidation_price", "funding"]))


@perps_app.command("history")
def perps_history(user_id: str, symbol: str = "", limit: int = 0, page_token: str = "",
                  as_json: JSON = False) -> None:
    """A user's perp history: fills, funding, liquidations, ADL, splits, dividends."""
    State.as_json = as_json
    emit(call(lambda: clients().perpetuals.GetPerpHistory(perps_pb.PerpHistoryRequest(
        user_id=user_id, symbol=symbol, limit=limit, page_token=page_token))), as_json,
         lambda d: table(d.get("entries", []), ["entry_id", "kind", "symbol", "at", "size", "price", "amount", "ref",
                                                "note"]))


@perps_app.command("funding")
def perps_funding(symbol: str = "", limit: int = 0, page_token: str = "", as_json: JSON = False) -> None:
    """The hourly funding rounds paid."""
    State.as_json = as_json
    emit(call(lambda: clients().perpetuals.ListFunding(perps_pb.ListFundingRequest(
        symbol=symbol, limit=limit, page_token=page_token))), as_json,
         lambda d: table(d.get("rounds", []), ["round_id", "symbol", "at", "premium", "hourly_rate", "oracle_price",
                                               "paid", "received", "residue", "positions"]))


@perps_app.command("liquidations")
def perps_liquidations(symbol: str = "", limit: int = 0, page_token: str = "", as_json: JSON = False) -> None:
    """Liquidations: what the book took, what the insurance fund took over, whom ADL closed."""
    State.as_json = as_json
    emit(call(lambda: clients().perpetuals.ListLiquidations(perps_pb.ListLiquidationsRequest(
        symbol=symbol, limit=limit, page_token=page_token))), as_json,
         lambda d: table(d.get("liquidations", []), ["liquidation_id", "symbol", "user_id", "at", "size",
                                                     "mark_price", "bankruptcy_price", "book_size", "backstop_size",
                                                     "fund_change", "returned"]))


@perps_app.command("desk")
def perps_desk(as_json: JSON = False) -> None:
    """The exchange's perp desk: margin held, the insurance fund, the maker's capital, fees (FUSD in the hot
    wallet beyond the users' balances)."""
    State.as_json = as_json
    emit(call(lambda: clients().perpetuals.GetPerpDesk(common_pb2.Empty())), as_json)


def run() -> None:
    sys.exit(app())



