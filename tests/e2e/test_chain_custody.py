"""The exchange's custody on a real chain: a user deposits from her own key with web3.py and the exchange's
watcher credits it from the Transfer logs after its confirmations; a withdrawal arrives at her address as a
Transfer log; a reorg shallower than the confirmations credits once, a deeper one that drops a credited
deposit reverses it on her history."""
from __future__ import annotations

import time
from collections.abc import Callable
from decimal import Decimal

import pytest
from fivelayer.kernel import keys
from fivelayer.kernel.money import from_pb, to_pb
from fivelayer.kernel.paging import whole
from fivelayer.kernel.rpc import Clients
from fivelayer.v1 import chain_pb2, common_pb2, control_pb2, exchange_pb2, statuses_pb2
from web3 import Web3

from .conftest import SandboxFactory
from .flows import advance_to, create_user, dec, sign_as_test_account, token_contract

pytestmark = pytest.mark.e2e

FRIDAY_EVENING = "2026-11-20T22:00:00Z"


def wait_for(predicate: Callable[[], bool], seconds: float = 30.0) -> None:
    """The watcher polls the chain every second, as a deposit watcher polls its node."""
    deadline = time.monotonic() + seconds
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.2)


def deposits(c: Clients, user_id: str) -> list[exchange_pb2.DepositRecord]:
    return list(whole(c.exchange.ListDeposits, exchange_pb2.ListDepositsRequest(user_id=user_id)).deposits)


def available(c: Clients, user_id: str, asset: str = "FUSD") -> Decimal:
    for b in c.exchange.GetBalances(exchange_pb2.UserRequest(user_id=user_id)).balances:
        if b.asset == asset:
            return from_pb(b.available)
    return Decimal(0)


def send_from_own_key(c: Clients, account: int, to: str, amount: int) -> str:
    """Test account `account` is funded by the faucet, then sends `amount` FUSD to `to` with its own key."""
    c.chain_service.Faucet(chain_pb2.FaucetRequest(request_id=f"fund-{account}-{to}-{amount}",
                                                   to_address=keys.test_account(account).address.lower(),
                                                   amount=to_pb(Decimal(amount))))
    return sign_as_test_account(c, account, "FUSD", "transfer", [Web3.to_checksum_address(to), amount * 10**6])


def test_a_deposit_from_her_own_key_and_a_withdrawal_to_it(sandbox_factory: SandboxFactory) -> None:
    c = sandbox_factory(FRIDAY_EVENING).clients
    ada = create_user(c, "ada")
    tx = send_from_own_key(c, 1, ada.deposit_address, 500)
    wait_for(lambda: [d.status for d in deposits(c, ada.user_id)] == [statuses_pb2.DEPOSIT_STATUS_CREDITED])
    [record] = deposits(c, ada.user_id)
    assert (record.tx_hash, from_pb(record.amount), record.required) == (tx, Decimal(500), 1)
    assert record.from_address == keys.test_account(1).address.lower()
    wait_for(lambda: deposits(c, ada.user_id)[0].sweep_tx != "")          # swept into the hot wallet
    assert available(c, ada.user_id) == Decimal(500)

    to = keys.test_account(2).address
    withdrawal = c.exchange.Withdraw(exchange_pb2.WithdrawRequest(request_id="w1", user_id=ada.user_id, asset="FUSD",
                                                                  amount=dec("200"), to_address=to.lower()))
    fusd = token_contract(c, "FUSD")
    arrived = fusd.events.Transfer.get_logs(from_block=0, argument_filters={"to": to})
    assert [(log.transactionHash.to_0x_hex(), log.args.value) for log in arrived] == [(withdrawal.tx_hash,
                                                                                      200 * 10**6)]
    assert available(c, ada.user_id) == Decimal(300)


def test_confirmations_and_reorgs(sandbox_factory: SandboxFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FIVELAYER_DEPOSIT_CONFIRMATIONS", "3")
    c = sandbox_factory(FRIDAY_EVENING).clients
    bo = create_user(c, "bo")

    # a reorg shallower than the confirmations: the deposit is re-mined, then credited once
    first = send_from_own_key(c, 3, bo.deposit_address, 100)
    wait_for(lambda: [(d.status, d.confirmations) for d in deposits(c, bo.user_id)] ==
             [(statuses_pb2.DEPOSIT_STATUS_PENDING, 1)])
    assert available(c, bo.user_id) == 0
    c.faults.InjectFault(control_pb2.InjectFaultRequest(request_id="reorg-1", kind="reorg", depth=1))
    advance_to(c, "2026-11-20T22:10:00Z")                                 # each move of the clock is a block
    advance_to(c, "2026-11-20T22:20:00Z")
    wait_for(lambda: [d.status for d in deposits(c, bo.user_id)] == [statuses_pb2.DEPOSIT_STATUS_CREDITED])
    assert [d.tx_hash for d in deposits(c, bo.user_id)] == [first] and available(c, bo.user_id) == Decimal(100)

    # a deeper one drops a credited deposit: the credit is reversed and her history says so
    second = send_from_own_key(c, 4, bo.deposit_address, 40)
    block = c.chain.GetTx(chain_pb2.TxRequest(tx_hash=second)).block_number
    advance_to(c, "2026-11-20T22:30:00Z")
    advance_to(c, "2026-11-20T22:40:00Z")
    wait_for(lambda: [d.status for d in deposits(c, bo.user_id)] ==
             [statuses_pb2.DEPOSIT_STATUS_CREDITED] * 2)
    assert available(c, bo.user_id) == Decimal(140)
    head = c.chain.GetBlock(chain_pb2.BlockRequest()).number
    c.faults.InjectFault(control_pb2.InjectFaultRequest(request_id="reorg-2", kind="reorg",
                                                        depth=head - block + 1, drop=[second]))
    wait_for(lambda: [d.status for d in deposits(c, bo.user_id)] ==
             [statuses_pb2.DEPOSIT_STATUS_CREDITED, statuses_pb2.DEPOSIT_STATUS_REVERSED])
    reversed_ = deposits(c, bo.user_id)[1]
    assert reversed_.tx_hash == second and reversed_.block_number == -1 and from_pb(reversed_.shortfall) == 0
    assert available(c, bo.user_id) == Decimal(100)
    outbox = [e for e in c.events("exchange").Subscribe(common_pb2.SubscribeRequest(after_seq=0))
              if e.type == "deposit.reversed"]
    assert len(outbox) == 1 and second in outbox[0].payload_json
