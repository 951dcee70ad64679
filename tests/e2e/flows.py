"""Small steps of the tokenized route, through the services' public gRPC APIs."""
from __future__ import annotations

from decimal import Decimal
from typing import Any

from fivelayer.kernel.money import from_pb
from fivelayer.kernel.rpc import Clients
from fivelayer.kernel.timeutil import parse_instant, to_ts
from fivelayer.v1 import broker_pb2, common_pb2, control_pb2, exchange_pb2, issuer_pb2


def dec(value: str) -> common_pb2.Decimal:
    return common_pb2.Decimal(value=value)


def advance_to(clients: Clients, instant: str) -> control_pb2.AdvanceResponse:
    return clients.clock.Advance(control_pb2.AdvanceRequest(to=to_ts(parse_instant(instant))))


def create_user(clients: Clients, name: str, country: str = "") -> exchange_pb2.User:
    """An exchange user; `country` (ISO alpha-3) is its declared country of tax residence, which sets
    its tax form at the broker (none: undocumented, presumed foreign)."""
    return clients.exchange.CreateUser(exchange_pb2.CreateUserRequest(request_id=f"user:{name}", name=name,
                                                                      country=country))


def deposit(clients: Clients, user_id: str, amount: str, rid: str) -> exchange_pb2.Balances:
    return clients.exchange.Deposit(exchange_pb2.DepositRequest(request_id=rid, user_id=user_id, amount=dec(amount)))


def buy(clients: Clients, user_id: str, token: str, quantity: str, rid: str) -> exchange_pb2.ExchangeOrder:
    return clients.exchange.Buy(exchange_pb2.TradeRequest(request_id=rid, user_id=user_id, token=token,
                                                          quantity=dec(quantity)))


def sell(clients: Clients, user_id: str, token: str, quantity: str, rid: str) -> exchange_pb2.ExchangeOrder:
    return clients.exchange.Sell(exchange_pb2.TradeRequest(request_id=rid, user_id=user_id, token=token,
                                                           quantity=dec(quantity)))


def balances(clients: Clients, user_id: str) -> dict[str, tuple[Decimal, Decimal]]:
    reply = clients.exchange.GetBalances(exchange_pb2.UserRequest(user_id=user_id))
    return {b.asset: (from_pb(b.available), from_pb(b.pending)) for b in reply.balances}


def reconciliation(clients: Clients, token: str) -> dict[str, Decimal]:
    reply = clients.sandbox.Reconcile(control_pb2.ReconcileRequest(token=token))
    assert all(b.balanced for b in reply.books), [(b.service, list(b.problems)) for b in reply.books]
    line = reply.tokens[0]
    return {field.name: from_pb(getattr(line, field.name)) for field in line.DESCRIPTOR.fields
            if field.message_type is not None and field.message_type.name == "Decimal"}


def product_account(clients: Clients, token: str) -> str:
    """A product's own account at the SPV's broker (its hedges, cash and shares)."""
    return next(p.broker_account_id for p in clients.issuer.ListProducts(issuer_pb2.ListProductsRequest()).products
                if p.token == token)


def spv_orders(clients: Clients) -> list[broker_pb2.Order]:
    """The SPV's orders at the broker, across its products' accounts."""
    return [o for p in clients.issuer.ListProducts(issuer_pb2.ListProductsRequest()).products
            for o in clients.broker.ListOrders(broker_pb2.ListOrdersRequest(account_id=p.broker_account_id)).orders]


def sign_as_test_account(clients: Clients, index: int, symbol: str, function: str, args: list[object]) -> str:
    """An integrator's own signed call (test account `index`, its well-known key), sent to the chain's
    JSON-RPC face with web3.py as any wallet would; returns the transaction hash once mined."""
    from fivelayer.kernel import evm, keys
    from fivelayer.v1 import chain_pb2
    from web3 import Web3

    network = clients.chain_service.GetNetwork(common_pb2.Empty())
    token = clients.chain.GetToken(chain_pb2.TokenRequest(symbol=symbol))
    w3 = Web3(Web3.HTTPProvider(network.rpc_url))
    account = keys.test_account(index)
    contract = w3.eth.contract(address=Web3.to_checksum_address(token.address),
                               abi=evm.artifact(evm.contract_name(token.kind))["abi"])
    tx = contract.get_function_by_name(function)(*args).build_transaction({
        "from": account.address, "nonce": w3.eth.get_transaction_count(account.address), "chainId": network.chain_id})
    receipt = w3.eth.wait_for_transaction_receipt(w3.eth.send_raw_transaction(
        account.sign_transaction(tx).raw_transaction))
    assert receipt["status"] == 1, receipt
    return str(receipt["transactionHash"].to_0x_hex())


def token_contract(clients: Clients, symbol: str) -> Any:
    """A token contract as web3.py sees it, through the chain's JSON-RPC face."""
    from fivelayer.kernel import evm
    from fivelayer.v1 import chain_pb2
    from web3 import Web3

    network = clients.chain_service.GetNetwork(common_pb2.Empty())
    token = clients.chain.GetToken(chain_pb2.TokenRequest(symbol=symbol))
    return Web3(Web3.HTTPProvider(network.rpc_url)).eth.contract(
        address=Web3.to_checksum_address(token.address), abi=evm.artifact(evm.contract_name(token.kind))["abi"])
