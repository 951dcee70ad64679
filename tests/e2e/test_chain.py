"""The chain as integrators see it: an ordinary devnet, driven with web3.py and viem, unmodified.

One sandbox for the module (the tests read and add to one chain, in order, as an integrator would);
the crash and reorg tests come last, and each checks the chain comes back whole.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import time
from collections.abc import Callable, Iterator
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from eth_typing import HexStr
from fivelayer.kernel import evm, keys
from fivelayer.kernel.config import REPO_ROOT
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.money import from_pb, to_pb
from fivelayer.kernel.paging import whole
from fivelayer.kernel.reference import ISSUER_ADDRESS
from fivelayer.kernel.timeutil import to_ts
from fivelayer.kernel.wallet import Wallet
from fivelayer.v1 import chain_pb2, common_pb2, control_pb2, events_pb2
from web3 import HTTPProvider, Web3
from web3.types import RPCEndpoint

from .conftest import Running, start_sandbox

pytestmark = pytest.mark.e2e

START = "2026-11-16T14:00:00Z"  # Monday 09:00 New York


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    running = start_sandbox(tmp_path_factory.mktemp("chain"), START)
    yield running
    running.stop()


@pytest.fixture(scope="module")
def w3(run: Running) -> Web3:
    network = run.clients.chain_service.GetNetwork(common_pb2.Empty())
    return Web3(Web3.HTTPProvider(network.rpc_url))


def rpc_url(w3: Web3) -> str:
    """The node's JSON-RPC address, as the fixture's HTTPProvider holds it."""
    assert isinstance(w3.provider, HTTPProvider) and w3.provider.endpoint_uri is not None
    return str(w3.provider.endpoint_uri)


def token(w3: Web3, run: Running, symbol: str) -> Any:
    address = run.clients.chain.GetToken(chain_pb2.TokenRequest(symbol=symbol)).address
    return w3.eth.contract(address=Web3.to_checksum_address(address), abi=evm.artifact(evm.contract_name(
        "stablecoin" if symbol == "FUSD" else "stock"))["abi"])


def faucet(run: Running, to: str, amount: str, key: str) -> chain_pb2.Tx:
    return run.clients.chain_service.Faucet(chain_pb2.FaucetRequest(request_id=key, to_address=to.lower(),
                                                                    amount=to_pb(Decimal(amount))))


def issuer_wallet(run: Running) -> Wallet:
    """The issuer's key, as the issuer service holds it (a test standing in for that service)."""
    return Wallet(run.clients.chain_service, "issuer", ["issuer"])


def sandbox_now(run: Running) -> int:
    return run.clients.clock.Now(common_pb2.Empty()).now.seconds


def test_an_ordinary_devnet(run: Running, w3: Web3) -> None:
    network = run.clients.chain_service.GetNetwork(common_pb2.Empty())
    assert w3.eth.chain_id == network.chain_id == 31337
    assert network.mnemonic == keys.MNEMONIC and len(network.accounts) == 10
    assert network.accounts[0].address == "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"  # anvil's and Hardhat's first
    assert w3.eth.get_balance(Web3.to_checksum_address(network.accounts[0].address)) == Web3.to_wei(10_000, "ether")
    issuer = next(r for r in network.roles if r.name == "issuer")
    assert issuer.held_by == "issuer" and issuer.address == ISSUER_ADDRESS
    assert "AAPLx: ISSUER_ROLE, MINTER_ROLE" in issuer.grants
    # the genesis block is the sandbox's first instant; the deployments follow it
    assert w3.eth.get_block(0)["timestamp"] == to_ts(w3_start()).seconds


def w3_start() -> datetime:
    from fivelayer.kernel.timeutil import parse_instant
    return parse_instant(START)


def test_deployed_code_is_what_the_sources_compile_to(run: Running, w3: Web3) -> None:
    """The unit test `test_contract_artifacts` proves the artifacts are what contracts/solidity compiles
    to; this proves the node runs exactly those artifacts."""
    for t in whole(run.clients.chain.ListTokens, chain_pb2.ListTokensRequest()).tokens:
        compiled = evm.artifact(evm.contract_name(t.kind))["deployedBytecode"]
        assert w3.eth.get_code(Web3.to_checksum_address(t.address)).to_0x_hex() == compiled, t.symbol
        contract = token(w3, run, t.symbol)
        assert contract.functions.decimals().call() == (6 if t.symbol == "FUSD" else 18)
        assert contract.functions.symbol().call() == t.symbol


def test_a_signed_transfer_and_its_logs(run: Running, w3: Web3) -> None:
    alice, bob = keys.test_account(1), keys.test_account(2)
    fusd = token(w3, run, "FUSD")
    faucet(run, alice.address, "250", "faucet-alice")
    assert fusd.functions.balanceOf(alice.address).call() == 250 * 10**6
    start = w3.eth.block_number
    tx = fusd.functions.transfer(bob.address, 40 * 10**6).build_transaction({
        "from": alice.address, "nonce": w3.eth.get_transaction_count(alice.address), "chainId": 31337})
    signed = alice.sign_transaction(tx)
    receipt = w3.eth.wait_for_transaction_receipt(w3.eth.send_raw_transaction(signed.raw_transaction))
    assert receipt["status"] == 1
    # block time is sandbox time
    assert w3.eth.get_block(receipt["blockNumber"])["timestamp"] == sandbox_now(run)
    logs = fusd.events.Transfer.get_logs(from_block=start, argument_filters={"to": bob.address})
    assert [(log.args["from"], log.args.value) for log in logs] == [(alice.address, 40 * 10**6)]
    assert from_pb(run.clients.chain.BalanceOf(chain_pb2.BalanceRequest(
        symbol="FUSD", address=bob.address.lower())).amount) == Decimal(40)
    # an unlocked test account, as anvil and Hardhat offer: the face signs with its well-known key
    sent = fusd.functions.transfer(alice.address, 1 * 10**6).transact({"from": bob.address})
    assert w3.eth.wait_for_transaction_receipt(sent)["status"] == 1
    assert fusd.functions.balanceOf(bob.address).call() == 39 * 10**6
    # the chain records an integrator's transfer in its outbox (control's timeline), as the sandbox's own
    events = list(run.clients.events("chain").Subscribe(common_pb2.SubscribeRequest(after_seq=0)))
    mine = [e.token_transfer for e in events if e.HasField("token_transfer")
            and e.token_transfer.tx_hash == signed.hash.to_0x_hex()]
    assert mine == [events_pb2.TokenTransfer(amount=common_pb2.Decimal(value="40"), block=receipt["blockNumber"],
                                             origin="integrator", sender=alice.address.lower(), symbol="FUSD",
                                             to=bob.address.lower(), tx_hash=signed.hash.to_0x_hex(),
                                             **{"from": alice.address.lower()})]


def test_the_chains_lists_page(run: Running, w3: Web3) -> None:
    """ListTokens, HoldersAt and ListTransfers page as every list does (kernel/paging.py): `limit` a page,
    at most 1,000, resumed by the opaque next_page_token; a token this list did not give is refused."""
    chain = run.clients.chain_service
    tokens = [chain.ListTokens(chain_pb2.ListTokensRequest(limit=2))]
    while tokens[-1].next_page_token:
        tokens.append(chain.ListTokens(chain_pb2.ListTokensRequest(limit=2, page_token=tokens[-1].next_page_token)))
    symbols = [t.symbol for page in tokens for t in page.tokens]
    assert len(tokens) > 1 and symbols == sorted(symbols) == sorted(
        t.symbol for t in chain.ListTokens(chain_pb2.ListTokensRequest()).tokens)
    # FUSD's holders now: alice, bob and whoever else the faucet paid; one a page, the supply on every page
    whole_list = chain.HoldersAt(chain_pb2.HoldersAtRequest(symbol="FUSD"))
    assert not whole_list.next_page_token and len(whole_list.holders) >= 2
    at = whole_list.at
    paged = [chain.HoldersAt(chain_pb2.HoldersAtRequest(symbol="FUSD", at=at, limit=1))]
    while paged[-1].next_page_token:
        paged.append(chain.HoldersAt(chain_pb2.HoldersAtRequest(symbol="FUSD", at=at, limit=1,
                                                                page_token=paged[-1].next_page_token)))
    assert [h for page in paged for h in page.holders] == list(whole_list.holders)
    assert {page.total_supply.value for page in paged} == {whole_list.total_supply.value}
    assert whole(chain.HoldersAt, chain_pb2.HoldersAtRequest(symbol="FUSD", at=at)) == whole_list
    # the transfers of FUSD, two a page, in chain order
    every = chain.ListTransfers(chain_pb2.ListTransfersRequest(symbol="FUSD"))
    assert len(every.transfers) >= 3 and not every.next_page_token
    pages = [chain.ListTransfers(chain_pb2.ListTransfersRequest(symbol="FUSD", limit=2))]
    while pages[-1].next_page_token:
        pages.append(chain.ListTransfers(chain_pb2.ListTransfersRequest(symbol="FUSD", limit=2,
                                                                        page_token=pages[-1].next_page_token)))
    assert [(t.block_number, t.log_index) for p in pages for t in p.transfers] == [
        (t.block_number, t.log_index) for t in every.transfers]
    for bad, reason in ((chain_pb2.ListTransfersRequest(symbol="FUSD", limit=1001), "INVALID_ARGUMENT"),
                        (chain_pb2.ListTransfersRequest(symbol="FUSD", page_token="3:0"), "INVALID_PAGE_TOKEN")):
        with pytest.raises(DomainError) as refused:
            chain.ListTransfers(bad)
        assert refused.value.reason == reason
    with pytest.raises(DomainError) as refused:
        chain.HoldersAt(chain_pb2.HoldersAtRequest(symbol="FUSD", page_token="nope"))
    assert refused.value.reason == "INVALID_PAGE_TOKEN"

def test_only_a_holder_or_a_role_moves_tokens(run: Running, w3: Web3) -> None:
    mallory = keys.test_account(3)
    aapl = token(w3, run, "AAPLx")
    # a test account is no minter: the node mines the call and it reverts, as on any chain
    tx = aapl.functions.mint(mallory.address, 10**18).build_transaction({
        "from": mallory.address, "nonce": w3.eth.get_transaction_count(mallory.address), "chainId": 31337,
        "gas": 200_000})
    receipt = w3.eth.wait_for_transaction_receipt(w3.eth.send_raw_transaction(
        mallory.sign_transaction(tx).raw_transaction))
    assert receipt["status"] == 0 and aapl.functions.balanceOf(mallory.address).call() == 0
    # a service signs only for the roles it plays
    with pytest.raises(DomainError) as refused:
        Wallet(run.clients.chain_service, "control").hold("issuer")
    assert refused.value.reason == "NOT_KEY_HOLDER"
    # the sandbox's own refused call is simulated first: nothing is journaled, no block is made
    head = w3.eth.block_number
    with pytest.raises(DomainError) as not_minter:
        issuer_wallet(run).Transfer(chain_pb2.TransferRequest(request_id="no-funds", symbol="AAPLx",
                                                              sender=ISSUER_ADDRESS, to_address=mallory.address,
                                                              amount=to_pb(Decimal(1))))
    assert not_minter.value.reason == "INSUFFICIENT_FUNDS" and w3.eth.block_number == head
    # a call that would move the node behind the sandbox clock's back is refused
    reply = w3.provider.make_request(RPCEndpoint("evm_mine"), [])
    assert reply["error"]["code"] == -32601 and "sandbox clock" in reply["error"]["message"]
    assert w3.eth.block_number == head


def test_pause_and_multiplier_are_events_and_take_effect_on_sandbox_time(run: Running, w3: Web3) -> None:
    issuer, holder = issuer_wallet(run), keys.test_account(4)
    aapl = token(w3, run, "AAPLx")
    start = w3.eth.block_number
    issuer.Mint(chain_pb2.MintTokensRequest(request_id="m-1", symbol="AAPLx", sender=ISSUER_ADDRESS,
                                            to_address=holder.address.lower(), amount=to_pb(Decimal(2))))
    issuer.SetPause(chain_pb2.SetPauseRequest(request_id="p-1", symbol="AAPLx", sender=ISSUER_ADDRESS,
                                              mint_paused=True))
    assert [e.args.paused for e in aapl.events.MintPausedSet.get_logs(from_block=start)] == [True]
    with pytest.raises(DomainError) as paused:
        issuer.Mint(chain_pb2.MintTokensRequest(request_id="m-2", symbol="AAPLx", sender=ISSUER_ADDRESS,
                                                to_address=holder.address.lower(), amount=to_pb(Decimal(1))))
    assert paused.value.reason == "MINT_PAUSED"
    issuer.SetPause(chain_pb2.SetPauseRequest(request_id="p-2", symbol="AAPLx", sender=ISSUER_ADDRESS,
                                              mint_paused=False))
    # a multiplier for 30 sandbox minutes from now: eth_call sees it from then on
    now = sandbox_now(run)
    issuer.SetMultiplier(chain_pb2.SetMultiplierRequest(
        request_id="x-1", symbol="AAPLx", sender=ISSUER_ADDRESS, multiplier=to_pb(Decimal("1.0125")),
        effective_at=to_ts(__import__("datetime").datetime.fromtimestamp(
            now + 1800, __import__("datetime").UTC))))
    scheduled = aapl.events.MultiplierScheduled.get_logs(from_block=start)
    assert [(e.args.multiplier, e.args.effectiveAt) for e in scheduled] == [(1_0125 * 10**14, now + 1800)]
    assert aapl.functions.multiplier().call() == 10**18
    run.clients.clock.Advance(control_pb2.AdvanceRequest(by="20m"))
    assert aapl.functions.multiplier().call() == 10**18
    assert w3.eth.get_block("latest")["timestamp"] == now + 1200  # the advance's end is mined
    run.clients.clock.Advance(control_pb2.AdvanceRequest(by="20m"))
    assert aapl.functions.multiplier().call() == 1_0125 * 10**14
    stamps = [w3.eth.get_block(n)["timestamp"] for n in range(start, w3.eth.block_number + 1)]
    assert now + 1800 in stamps  # a block at the instant the rule changed at
    assert from_pb(run.clients.chain.GetToken(chain_pb2.TokenRequest(symbol="AAPLx")).multiplier) == \
        Decimal("1.0125")


def test_viem_reads_and_transfers(run: Running, w3: Web3) -> None:
    """The JavaScript client integrators use, from npm, unmodified."""
    node = shutil.which("node")
    if node is None or not (REPO_ROOT / "node_modules" / "viem").exists():
        pytest.skip("node or node_modules/viem is missing: `make install` runs npm ci")
    network = run.clients.chain_service.GetNetwork(common_pb2.Empty())
    sender, to = network.accounts[5], network.accounts[6]
    faucet(run, sender.address, "10", "faucet-viem")
    address = run.clients.chain.GetToken(chain_pb2.TokenRequest(symbol="FUSD")).address
    result = subprocess.run([node, str(REPO_ROOT / "tests" / "js" / "viem_client.mjs")], capture_output=True,
                            text=True, timeout=60, cwd=REPO_ROOT,
                            env={**os.environ, "RPC_URL": network.rpc_url, "TOKEN": address,
                                 "PRIVATE_KEY": sender.private_key, "TO": to.address})
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout)
    assert seen["chainId"] == 31337 and seen["decimals"] == 6
    assert seen["before"] == str(10 * 10**6) and seen["status"] == "success"
    assert seen["logs"] == [{"from": sender.address, "to": to.address, "value": str(3 * 10**6)}]
    assert token(w3, run, "FUSD").functions.balanceOf(to.address).call() == 3 * 10**6


def chain_state(run: Running, w3: Web3) -> tuple[Any, ...]:
    head = w3.eth.block_number
    hashes = tuple(w3.eth.get_block(n)["hash"] for n in range(head + 1))
    fusd = token(w3, run, "FUSD")
    balances = tuple(fusd.functions.balanceOf(keys.test_account(i).address).call() for i in range(10))
    logs = tuple((log.transactionHash, log.logIndex) for log in fusd.events.Transfer.get_logs(from_block=0))
    return hashes, balances, logs


def wait_for(predicate: Callable[[], object], seconds: float = 60.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if predicate():
                return
        except Exception:  # noqa: BLE001  (the node is restarting)
            pass
        time.sleep(0.2)
    raise AssertionError("timed out")


def test_the_node_killed_comes_back_with_every_block(run: Running, w3: Web3) -> None:
    before = chain_state(run, w3)
    pid = run.clients.chain_service.GetNetwork(common_pb2.Empty()).node_pid
    assert Path(f"/proc/{pid}/exe").resolve().name == "anvil"  # the node's own binary, not a wrapper
    os.kill(pid, signal.SIGKILL)
    wait_for(lambda: run.clients.chain_service.GetNetwork(common_pb2.Empty()).node_pid != pid)
    wait_for(lambda: chain_state(run, w3) == before)
    # and the chain service killed outright, then restarted on its journal
    run.sandbox.kill("chain")
    run.sandbox.restart("chain")
    assert chain_state(run, w3) == before
    # the killed chain's node died with it and was reaped by this process (the services' subreaper)
    assert Path(f"/proc/{pid}").exists() is False or "anvil" not in Path(f"/proc/{pid}/comm").read_text()
    assert not [stat for stat in Path("/proc").glob("[0-9]*/stat") if zombie_anvil_child(stat)]


def zombie_anvil_child(stat: Path) -> bool:
    try:
        name, fields = stat.read_text().split(" (", 1)[1].rsplit(") ", 1)
    except (OSError, IndexError, ValueError):
        return False
    state, ppid = fields.split()[:2]
    return name == "anvil" and state == "Z" and int(ppid) == os.getpid()


def test_a_reorg_drops_an_integrators_transaction_and_keeps_the_sandboxs(run: Running, w3: Web3) -> None:
    alice, carol = keys.test_account(1), keys.test_account(7)
    fusd = token(w3, run, "FUSD")
    tx = fusd.functions.transfer(carol.address, 5 * 10**6).build_transaction({
        "from": alice.address, "nonce": w3.eth.get_transaction_count(alice.address), "chainId": 31337})
    mine = w3.eth.send_raw_transaction(alice.sign_transaction(tx).raw_transaction)
    ours = faucet(run, carol.address, "1", "faucet-carol")
    head = w3.eth.block_number
    replaced = {n: w3.eth.get_block(n)["hash"] for n in (head - 1, head)}
    assert fusd.functions.balanceOf(carol.address).call() == 6 * 10**6
    with pytest.raises(DomainError) as kept:
        run.clients.chain_service.Reorg(chain_pb2.ReorgRequest(request_id="r-0", depth=2, drop=[ours.tx_hash]))
    assert kept.value.reason == "SANDBOX_TX_KEPT"
    reply = run.clients.chain_service.Reorg(chain_pb2.ReorgRequest(request_id="r-1", depth=2,
                                                                   drop=[mine.to_0x_hex()]))
    assert list(reply.dropped) == [mine.to_0x_hex()]
    assert w3.eth.block_number == head - 1
    assert w3.eth.get_block(head - 1)["hash"] != replaced[head - 1]
    assert fusd.functions.balanceOf(carol.address).call() == 1 * 10**6  # the sandbox's faucet mint stayed
    assert w3.eth.get_transaction_receipt(HexStr(ours.tx_hash))["status"] == 1
    with pytest.raises(Exception):  # noqa: B017  (web3 raises TransactionNotFound)
        w3.eth.get_transaction_receipt(mine)
    # a restart replays the same chain, reorg included
    before = chain_state(run, w3)
    run.sandbox.kill("chain")
    run.sandbox.restart("chain")
    assert chain_state(run, w3) == before


def test_network_faults_reach_the_json_rpc_face(run: Running, w3: Web3) -> None:
    """A rate limit on one JSON-RPC method, as a provider's: 429 with its headers; other methods pass."""
    fault = run.clients.faults.InjectFault(control_pb2.InjectFaultRequest(
        request_id="rl-1", kind="rate-limit", service="chain", network=common_pb2.NetworkFault(
            method="eth_getBalance", limit=2, window_seconds=60)))
    address = keys.test_account(9).address
    import httpx
    wait_for(lambda: httpx.post(rpc_url(w3), json={
        "jsonrpc": "2.0", "id": 1, "method": "eth_getBalance", "params": [address, "latest"]}).status_code == 429)
    reply = httpx.post(rpc_url(w3), json={
        "jsonrpc": "2.0", "id": 2, "method": "eth_getBalance", "params": [address, "latest"]})
    assert reply.status_code == 429 and reply.headers["Retry-After"] and reply.json()["error"]["code"] == -32005
    assert w3.eth.block_number > 0                                         # eth_blockNumber is not limited
    run.clients.faults.ClearFault(control_pb2.ClearFaultRequest(request_id="rl-2", fault_id=fault.fault_id))
    wait_for(lambda: w3.eth.get_balance(address) > 0)


def test_realtime_mode_mines_as_sandbox_time_passes(run: Running, w3: Web3) -> None:
    before = w3.eth.get_block("latest")["timestamp"]
    run.clients.clock.Set(control_pb2.SetClockRequest(mode=control_pb2.REALTIME, speed=common_pb2.Decimal(value="60")))
    try:
        wait_for(lambda: w3.eth.get_block("latest")["timestamp"] >= before + 60)  # a sandbox minute: a wall second
    finally:
        run.clients.clock.Set(control_pb2.SetClockRequest(mode=control_pb2.MANUAL))
    assert abs(w3.eth.get_block("latest")["timestamp"] - sandbox_now(run)) < 120
