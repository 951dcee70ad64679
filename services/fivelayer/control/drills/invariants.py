"""What must hold at the end of every drill, whatever the fault. A breach is a sandbox bug.

Each check compares two layers' independent records, so a service that lost, doubled or
invented something shows up:
- books: every service proves its double-entry books balance;
- requests: each exchange buy produced exactly one mint at the issuer, each sale one redemption,
  and a replayed request changes nothing;
- tokens: the chain's supply equals the issuer's mints less its redemptions, and the exchange's
  hot wallet holds exactly what its users are credited with (for FUSD, with its perp desk's besides:
  margin, insurance fund, maker's capital and fees stay in the same wallet);
- shares: the broker's position at the depository equals its customers' settled shares;
- perps: every perp contract has two sides, so in each market the users', the insurance fund's and
  the maker's positions sum to zero (longs equal shorts).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from decimal import Decimal

from fivelayer.control import perp_reads, ports
from fivelayer.kernel.config import SERVICES
from fivelayer.kernel.money import ZERO, from_pb
from fivelayer.kernel.paging import whole
from fivelayer.kernel.reference import BROKER_PARTICIPANT, EXCHANGE_HOT_WALLET, STABLECOIN
from fivelayer.v1 import broker_pb2, chain_pb2, common_pb2, depository_pb2, exchange_pb2, issuer_pb2


def books(clients: ports.Clients) -> list[str]:
    breaches = []
    for service in SERVICES:
        report = clients.books(service).Prove(common_pb2.Empty())
        if not report.balanced:
            breaches.append(f"books of {service} do not balance: {'; '.join(report.problems)}")
    return breaches


def requests(clients: ports.Clients, replay: Callable[[], bool] | None) -> list[str]:
    users = whole(clients.exchange.ListUsers, exchange_pb2.ListUsersRequest()).users
    orders = [o for u in users for o in whole(clients.exchange.ListOrders,
                                              exchange_pb2.ListUserOrdersRequest(user_id=u.user_id)).orders]
    orders = [o for o in orders if o.route != "traditional"]  # traditional-route orders go to the broker
    buys = {o.issuer_ref for o in orders if o.side == "buy"}
    sells = {o.issuer_ref for o in orders if o.side == "sell"}
    mints = {m.mint_id for m in whole(clients.issuer.ListMints, issuer_pb2.ListMintsRequest()).mints}
    redemptions = {r.redemption_id for r in whole(clients.issuer.ListRedemptions,
                                                  issuer_pb2.ListRedemptionsRequest()).redemptions}
    breaches = []
    if buys != mints:
        breaches.append(f"exchange buys {sorted(buys)} do not match issuer mints {sorted(mints)}")
    if sells != redemptions:
        breaches.append(f"exchange sales {sorted(sells)} do not match issuer redemptions {sorted(redemptions)}")
    if replay is not None and not replay():
        breaches.append("a replayed request changed the books")
    return breaches


def tokens(clients: ports.Clients) -> list[str]:
    breaches = []
    minted: dict[str, Decimal] = defaultdict(Decimal)
    for m in whole(clients.issuer.ListMints, issuer_pb2.ListMintsRequest()).mints:
        minted[m.token] += from_pb(m.quantity)
    for r in whole(clients.issuer.ListRedemptions, issuer_pb2.ListRedemptionsRequest()).redemptions:
        minted[r.token] -= from_pb(r.quantity)
    credited: dict[str, Decimal] = defaultdict(Decimal)
    for user in whole(clients.exchange.ListUsers, exchange_pb2.ListUsersRequest()).users:
        for b in clients.exchange.GetBalances(exchange_pb2.UserRequest(user_id=user.user_id)).balances:
            credited[b.asset] += from_pb(b.available)
    desk = from_pb(perp_reads.desk(clients.perpetuals).total)
    for token in whole(clients.chain.ListTokens, chain_pb2.ListTokensRequest()).tokens:
        supply = from_pb(token.total_supply)
        if token.kind == "stock" and supply != minted[token.symbol]:
            breaches.append(f"{token.symbol}: {supply} on chain, but the issuer minted net {minted[token.symbol]}")
        held = from_pb(
            clients.chain.BalanceOf(chain_pb2.BalanceRequest(symbol=token.symbol, address=EXCHANGE_HOT_WALLET)).amount
        )
        owed = credited[token.symbol] + (desk if token.symbol == STABLECOIN else ZERO)
        if held != owed:
            breaches.append(
                f"{token.symbol}: the exchange's hot wallet holds {held}, its users are credited "
                f"{credited[token.symbol]}" + (f" and its perp desk holds {desk}" if token.symbol == STABLECOIN else "")
            )
    return breaches


def shares(clients: ports.Clients) -> list[str]:
    settled: dict[str, Decimal] = defaultdict(Decimal)
    for account in whole(clients.broker.ListAccounts, broker_pb2.ListAccountsRequest()).accounts:
        for p in clients.broker.GetPositions(broker_pb2.AccountRequest(account_id=account.account_id)).positions:
            settled[p.symbol] += from_pb(p.settled)
    # DTC holds whole shares: the broker's fractional inventory (its settled part) makes up the rest
    for p in clients.broker.GetInventory(common_pb2.Empty()).positions:
        settled[p.symbol] += from_pb(p.settled)
    at_dtc = {
        p.symbol: from_pb(p.settled)
        for p in clients.depository.GetPositions(
            depository_pb2.PositionsRequest(participant_id=BROKER_PARTICIPANT)
        ).positions
    }
    return [
        f"{symbol}: the broker's customers and its fractional inventory hold {settled.get(symbol, ZERO)} "
        f"settled, DTC credits the broker "
        f"{at_dtc.get(symbol, ZERO)}"
        for symbol in sorted(set(settled) | set(at_dtc))
        if settled.get(symbol, ZERO) != at_dtc.get(symbol, ZERO)
    ]


def perps(clients: ports.Clients) -> list[str]:
    """Each perp market's longs equal its shorts: users', the insurance fund's and the maker's positions."""
    exchange = clients.perpetuals
    net: dict[str, Decimal] = {m.symbol: ZERO for m in perp_reads.markets(exchange)}
    if not net:   # the exchange runs no perp route
        return []
    desk = perp_reads.desk(exchange)
    held = [p for u in whole(clients.exchange.ListUsers, exchange_pb2.ListUsersRequest()).users
            for p in perp_reads.positions(exchange, u.user_id)]
    for p in [*held, *desk.fund_positions, *desk.maker_positions]:
        net[p.symbol] = net.get(p.symbol, ZERO) + from_pb(p.size)
    return [f"{symbol}: its positions sum to {size}, not 0: longs {'exceed' if size > 0 else 'fall short of'} shorts"
            for symbol, size in sorted(net.items()) if size != 0]


CHECKS = {"books balance": books, "tokens accounted for": tokens, "shares conserved": shares,
          "perp longs equal shorts": perps}


def check(clients: ports.Clients, replay: Callable[[], bool] | None) -> dict[str, list[str]]:
    """Each invariant's name and its breaches (empty when it holds)."""
    results = {name: fn(clients) for name, fn in CHECKS.items()}
    results["requests applied once"] = requests(clients, replay)
    return dict(sorted(results.items()))
