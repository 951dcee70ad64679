"""The Chain gRPC face: the node's contracts read back, signed transactions relayed, blocks on the sandbox clock.

The chain service signs only as the deployer (at genesis) and the faucet; every other write comes
signed by the service that holds its sender's key (`kernel.wallet`). A sandbox transaction is
simulated before it is journaled, so a refusal (MINT_PAUSED, ADDRESS_FROZEN, ...) changes nothing.
"""
from __future__ import annotations

import bisect
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any, Final, cast

from eth_account import Account
from sqlmodel import Session, func, select

from fivelayer.chain.models import ChainMeta, Deployment, JournalEntry
from fivelayer.chain.node import ANVIL_VERSION
from fivelayer.chain.producer import Producer, Receipt, instant
from fivelayer.chain.reader import (TRANSFER_TOPIC, ZERO_ADDRESS, Contracts, Decoded, decode_receipt, event_message,
                                    topic)
from fivelayer.kernel.addresses import check_address, is_tx_hash
from fivelayer.kernel import evm, keys
from fivelayer.kernel.clock import ClockSource
from fivelayer.kernel.contracts import Contract
from fivelayer.kernel.db import Database
from fivelayer.kernel.errors import DomainError, require
from fivelayer.kernel.money import STABLECOIN_PLACES, parse_amount, to_pb
from fivelayer.kernel.outbox import emit
from fivelayer.kernel.reference import ROLE_ADDRESSES, STABLECOIN
from fivelayer.kernel.rpc import unary
from fivelayer.kernel.timeutil import from_ts, iso, to_ts
from fivelayer.v1 import chain_pb2, chain_pb2_grpc, common_pb2
from fivelayer.v1 import events_pb2 as ev
from fivelayer.kernel.reasons import Common
from fivelayer.chain import reasons

MAX_HOLDERS: Final = 10_000
MAX_PAGE: Final = 1_000


def genesis_instant(db: Database, now: datetime) -> int:
    """Block 0's timestamp: the sandbox instant of the chain's first start, kept for every replay."""
    with db.transaction() as session:
        row = session.get(ChainMeta, "genesis")
        if row is None:
            row = ChainMeta(key="genesis", value=str(int(now.timestamp())))
            session.add(row)
        return int(row.value)


@dataclass(frozen=True)
class Block:
    number: int
    at: datetime
    hash: str
    parent_hash: str
    tx_hashes: list[str]


class ChainServicer(chain_pb2_grpc.ChainServicer):
    def __init__(self, db: Database, clock: ClockSource, producer: Producer, rpc_url: str) -> None:
        self.db = db
        self.clock = clock
        self.producer = producer
        self.node = producer.reader()
        self.contracts = Contracts(self.node)
        self.rpc_url = rpc_url
        self.faucet_lock = threading.Lock()
        self._tokens: dict[str, Deployment] = {}
        # other books kept from what lands (the stablecoin issuer's), in the same unit of work, once per entry
        self.landed_hooks: list[Callable[[Session, JournalEntry, Decoded], None]] = []
        producer.on_landed = self._record

    # --- genesis -------------------------------------------------------------------------------

    def tokens(self) -> dict[str, Deployment]:
        """The deployed tokens by address (fixed after genesis)."""
        if not self._tokens:
            with self.db.read() as session:
                self._tokens = {d.address: d for d in session.exec(select(Deployment))}
        return self._tokens

    def token(self, symbol: str) -> Deployment:
        for deployment in self.tokens().values():
            if deployment.symbol == symbol:
                return deployment
        raise DomainError(Common.UNKNOWN_TOKEN, f"no token contract {symbol!r} on chain", symbol=symbol)

    def genesis(self, contracts: dict[str, Contract]) -> int:
        """Deploy every contract not yet on chain, in symbol order, from the deployer's key."""
        deployer = keys.signer("chain", "deployer")
        deployed = 0
        for symbol in sorted(contracts):
            contract = contracts[symbol]
            with self.db.read() as session:
                if session.get(Deployment, symbol) is not None:
                    continue
            name = evm.contract_name(contract.kind)
            args: list[Any] = [contract.name, contract.symbol, evm.checksum(contract.owner),
                               evm.checksum(contract.minter)]
            if name == "StockToken":
                args.append(evm.to_units(contract.genesis_multiplier, evm.MULTIPLIER_DECIMALS))
            data = evm.deploy_data(name, args)
            nonce = int(self.node.call("eth_getTransactionCount", deployer.address, "latest"), 16)
            signed = deployer.sign_transaction({"data": data, "value": 0, "nonce": nonce, "gas": 5_000_000,
                                                "gasPrice": evm.GAS_PRICE, "chainId": keys.CHAIN_ID})
            entry = self.producer.submit(bytes(signed.raw_transaction), self.clock.now(), f"deploy:{symbol}", "sandbox")
            receipt = self.node.call("eth_getTransactionReceipt", entry.tx_hash)
            with self.db.transaction() as session:
                session.add(Deployment(symbol=symbol, address=receipt["contractAddress"].lower(), contract=name,
                                       name=contract.name, kind=contract.kind, underlying=contract.underlying,
                                       decimals=contract.decimals, owner=contract.owner, minter=contract.minter))
            self._tokens = {}
            deployed += 1
        return deployed

    # --- what a landed operation records ------------------------------------------------------------

    def _record(self, session: Session, entry: JournalEntry, receipt: Receipt | None) -> None:
        """The producer's hook, in the unit of work that marks an operation reported: its event, once.
        An empty block (the clock moving) records none."""
        if entry.kind == "mine":
            return
        if entry.kind == "reorg":
            emit(session, entry.at, ev.ChainReorg(depth=entry.depth, dropped=[d for d in entry.drop.split(",") if d]))
            return
        assert receipt is not None
        block = int(receipt["blockNumber"], 16)
        if receipt.get("contractAddress"):
            emit(session, entry.at, ev.TokenDeployed(symbol=(entry.request_id or "").removeprefix("deploy:"),
                                                     address=receipt["contractAddress"].lower(), tx_hash=entry.tx_hash,
                                                     block=block))
            return
        decoded = decode_receipt(receipt, self.tokens())
        emit(session, entry.at, event_message(decoded, entry.tx_hash, block, entry.origin))
        for hook in self.landed_hooks:
            hook(session, entry, decoded)

    # --- messages ------------------------------------------------------------------------------

    def _block(self, number: int | str) -> Block:
        raw = self.node.call("eth_getBlockByNumber", hex(number) if isinstance(number, int) else number, False)
        if raw is None:
            raise DomainError(Common.NOT_FOUND, f"no block {number}")
        return Block(int(raw["number"], 16), datetime.fromtimestamp(int(raw["timestamp"], 16), UTC), raw["hash"],
                     raw["parentHash"], list(raw["transactions"]))

    def tx_message(self, tx_hash: str, stamped: datetime | None = None) -> chain_pb2.Tx:
        """A transaction read back from its receipt (one the producer just made, from its cache, with the
        block stamp it gave it)."""
        receipt = self.producer.receipts.get(tx_hash) if stamped is not None else None
        if receipt is None:
            receipt = self.node.call("eth_getTransactionReceipt", tx_hash)
            stamped = None
        if receipt is None:
            raise DomainError(Common.NOT_FOUND, f"no transaction {tx_hash} on chain", tx_hash=tx_hash)
        block = Block(int(receipt["blockNumber"], 16), stamped, "", "", []) if stamped is not None else \
            self._block(int(receipt["blockNumber"], 16))
        decoded = decode_receipt(receipt, self.tokens())
        effective = datetime.fromtimestamp(decoded.effective_at, UTC) if decoded.effective_at else None
        return chain_pb2.Tx(tx_hash=tx_hash, block_number=block.number, at=to_ts(block.at), symbol=decoded.symbol,
                            kind=decoded.kind, sender=decoded.sender, from_address=decoded.from_address,
                            to_address=decoded.to_address, amount=to_pb(decoded.amount),
                            effective_at=to_ts(effective) if effective else None)

    def token_message(self, token: Deployment, at: datetime | None = None) -> chain_pb2.Token:
        """The token at the sandbox's now (its multiplier at `at`, if given: a scheduled change is known
        ahead): the multiplier in force, and the last one scheduled after that instant."""
        now = int((at or self.clock.now()).timestamp())
        stock = token.contract == "StockToken"
        reads: list[tuple[str, list[Any]]] = [("totalSupply", []), ("mintPaused", []), ("transfersPaused", [])]
        if stock:
            reads += [("multiplierAt", [now]), ("multiplierChanges", [])]
        values, frozen_logs = self.contracts.call_many(token, reads, [frozen_query(token)])  # one round trip
        message = chain_pb2.Token(address=token.address, symbol=token.symbol, name=token.name,
                                  decimals=token.decimals, kind=token.kind, underlying=token.underlying,
                                  owner=token.owner, minter=token.minter,
                                  total_supply=to_pb(evm.from_units(values[0], token.decimals)),
                                  mint_paused=values[1], transfers_paused=values[2],
                                  frozen=fold_frozen(frozen_logs[0]))
        if stock:
            message.multiplier.CopyFrom(to_pb(evm.from_units(values[3], evm.MULTIPLIER_DECIMALS)))
            pending = [change for change in values[4] if change[1] > now]
            if pending:
                message.scheduled_multiplier.CopyFrom(to_pb(evm.from_units(pending[-1][0], evm.MULTIPLIER_DECIMALS)))
                message.scheduled_at.CopyFrom(to_ts(datetime.fromtimestamp(pending[-1][1], UTC)))
                message.next_change_at.CopyFrom(to_ts(datetime.fromtimestamp(min(c[1] for c in pending), UTC)))
        else:
            message.multiplier.CopyFrom(to_pb(Decimal(1)))
        return message


    def _transfers(self, token: Deployment, to_block: int, from_block: int = 0,
                   address: str = "") -> list[dict[str, Any]]:
        """Transfer logs of `token` (involving `address`, if given), in chain order."""
        queries: list[list[Any]] = [[TRANSFER_TOPIC]]
        if address:
            padded = "0x" + "0" * 24 + address[2:]
            queries = [[TRANSFER_TOPIC, padded], [TRANSFER_TOPIC, None, padded]]
        found: dict[tuple[int, int], dict[str, Any]] = {}
        for topics in queries:
            for log in self.node.call("eth_getLogs", {"address": token.address, "topics": topics,
                                                      "fromBlock": hex(from_block), "toBlock": hex(to_block)}):
                found[(int(log["blockNumber"], 16), int(log["logIndex"], 16))] = log
        return [found[k] for k in sorted(found)]

    def block_at(self, at: datetime) -> int:
        """The last block stamped at or before `at` (timestamps never decrease along the chain)."""
        head = int(self.node.call("eth_blockNumber"), 16)
        target = int(at.timestamp())
        stamps = _BlockStamps(self, head)
        return max(bisect.bisect_right(stamps, target) - 1, 0)

    # --- the face --------------------------------------------------------------------------------

    @unary
    def GetNetwork(self, request: common_pb2.Empty, context: Any) -> chain_pb2.Network:
        head = self._block("latest")
        with self.db.read() as session:
            entries = session.exec(select(func.count()).select_from(JournalEntry)).one()
        accounts = [chain_pb2.TestAccount(address=a.address, private_key="0x" + a.key.hex().removeprefix("0x"),
                                          eth=to_pb(evm.from_units(int(self.node.call("eth_getBalance", a.address,
                                                                                       "latest"), 16), 18)))
                    for a in (keys.test_account(i) for i in range(keys.TEST_ACCOUNTS))]
        roles = []
        for name, address in ROLE_ADDRESSES.items():
            grants = sorted(f"{t.symbol}: " + ", ".join(r for r, holder in (("ISSUER_ROLE", t.owner),
                                                                              ("MINTER_ROLE", t.minter))
                                                         if holder == address)
                            for t in self.tokens().values() if address in (t.owner, t.minter))
            roles.append(chain_pb2.Role(name=name, address=address, held_by=keys.owner_of(name), grants=grants))
        return chain_pb2.Network(chain_id=keys.CHAIN_ID, rpc_url=self.rpc_url, head=head.number, head_at=to_ts(head.at),
                                 mnemonic=keys.MNEMONIC, accounts=accounts, roles=roles,
                                 node=f"anvil {ANVIL_VERSION}", node_pid=self.producer.node.pid,
                                 journal_entries=entries)

    @unary
    def ListTokens(self, request: common_pb2.Empty, context: Any) -> chain_pb2.ListTokensResponse:
        tokens = sorted(self.tokens().values(), key=lambda t: t.symbol)
        return chain_pb2.ListTokensResponse(tokens=[self.token_message(t) for t in tokens])

    @unary
    def GetToken(self, request: chain_pb2.TokenRequest, context: Any) -> chain_pb2.Token:
        token = self.token(request.symbol)
        at = from_ts(request.at) if request.HasField("at") else None
        if at is not None:  # the multiplier schedule starts at the chain's genesis (unix seconds, never negative)
            genesis = self.producer.node.genesis
            require(int(at.timestamp()) >= genesis, Common.INVALID_ARGUMENT,
                    f"at {iso(at)} is before the chain's genesis, {iso(datetime.fromtimestamp(genesis, UTC))}",
                    at=iso(at))
        return self.token_message(token, at)

    @unary
    def BalanceOf(self, request: chain_pb2.BalanceRequest, context: Any) -> chain_pb2.Balance:
        token = self.token(request.symbol)
        address = check_address(request.address, "address")
        units = self.contracts.call(token, "balanceOf", [evm.checksum(address)])
        return chain_pb2.Balance(symbol=request.symbol, address=address,
                                 amount=to_pb(evm.from_units(units, token.decimals)))

    @unary
    def GetAllowance(self, request: chain_pb2.AllowanceRequest, context: Any) -> chain_pb2.Allowance:
        token = self.token(request.symbol)
        owner, spender = check_address(request.owner, "owner"), check_address(request.spender, "spender")
        units = self.contracts.call(token, "allowance", [evm.checksum(owner), evm.checksum(spender)])
        return chain_pb2.Allowance(symbol=request.symbol, owner=owner, spender=spender,
                                   amount=to_pb(evm.from_units(units, token.decimals)))

    @unary
    def GetNonce(self, request: chain_pb2.NonceRequest, context: Any) -> chain_pb2.Nonce:
        address = check_address(request.address, "address")
        nonce = int(self.node.call("eth_getTransactionCount", evm.checksum(address), "latest"), 16)
        return chain_pb2.Nonce(address=address, nonce=nonce)

    def send(self, request_id: str, raw: bytes) -> chain_pb2.Tx:
        """Simulate, journal, include: the sandbox's own transactions. A sender's wallet sends one at a time
        (`kernel.wallet`), so each arrives with its sender's next nonce."""
        require(bool(request_id), Common.INVALID_ARGUMENT, "a transaction needs a request_id")
        with self.db.read() as session:
            known = session.exec(select(JournalEntry).where(JournalEntry.request_id == request_id)).first()
        if known is not None:
            return self.tx_message(known.tx_hash)
        try:
            sender = Account.recover_transaction(raw).lower()  # the signer
            decoded = _decode_raw(raw)
        except Exception as error:  # noqa: BLE001  (any malformed bytes)
            raise DomainError(Common.INVALID_ARGUMENT, f"raw_tx is not a signed transaction: {error}") from None
        target = (decoded.get("to") or "").lower()
        require(target in self.tokens(), Common.UNKNOWN_TOKEN,
                f"the sandbox's services send only to its token contracts, not {target or 'a creation'}")
        with self.producer.lock:  # simulated on exactly the state it lands on (never a replaying node's)
            self.producer.ensure()
            self.contracts.check(self.tokens()[target], sender, decoded["data"])
            known = self.producer.submit(raw, self.clock.now(), request_id, "sandbox")
        return self.tx_message(known.tx_hash, instant(int(known.at.timestamp())))

    @unary
    def SendTransaction(self, request: chain_pb2.SendTransactionRequest, context: Any) -> chain_pb2.Tx:
        return self.send(request.request_id, request.raw_tx)

    @unary
    def CheckCall(self, request: chain_pb2.CheckCallRequest, context: Any) -> common_pb2.Empty:
        self.contracts.check(self.token(request.symbol), check_address(request.sender, "sender"), request.data)
        return common_pb2.Empty()

    def faucet_call(self, request_id: str, function: str, args: list[Any]) -> chain_pb2.Tx:
        """A FUSD call signed with the faucet's key (the stablecoin issuer's: mint, burn), once per request id."""
        token = self.token(STABLECOIN)
        faucet = keys.signer("chain", "faucet")
        with self.faucet_lock:  # one signer, one nonce at a time
            nonce = int(self.node.call("eth_getTransactionCount", faucet.address, "latest"), 16)
            data = evm.encode_call("FUSD", function, args)
            signed = faucet.sign_transaction(cast(Any, {
                "to": evm.checksum(token.address), "data": data, "value": 0, "nonce": nonce, "gas": evm.GAS_LIMIT,
                "gasPrice": evm.GAS_PRICE, "chainId": keys.CHAIN_ID}))
            return self.send(request_id, bytes(signed.raw_transaction))

    def faucet_mint(self, request_id: str, to: str, amount: Decimal) -> chain_pb2.Tx:
        return self.faucet_call(request_id, "mint", [evm.checksum(to), evm.to_units(amount, 6)])

    @unary
    def Faucet(self, request: chain_pb2.FaucetRequest, context: Any) -> chain_pb2.Tx:
        """Sandbox deposits: the stablecoin issuer mints as if dollars had come in (its books count them)."""
        to = check_address(request.to_address, "to_address")
        amount = parse_amount(request.amount.value, "amount", STABLECOIN_PLACES)
        return self.faucet_mint(request.request_id, to, amount)

    @unary
    def Mine(self, request: chain_pb2.MineRequest, context: Any) -> chain_pb2.Block:
        at = from_ts(request.at) if request.HasField("at") else self.clock.now()
        self.producer.mine(at)
        return self.block_message(self._block("latest"))

    @unary
    def Reorg(self, request: chain_pb2.ReorgRequest, context: Any) -> chain_pb2.ReorgResponse:
        require(bool(request.request_id), Common.INVALID_ARGUMENT, "a reorg needs a request_id")
        entry, replaced = self.producer.reorg(request.request_id, request.depth, [h.lower() for h in request.drop])
        return chain_pb2.ReorgResponse(head=self.producer.head_number,
                                       dropped=[d for d in entry.drop.split(",") if d], replaced_blocks=replaced)

    @unary
    def HoldersAt(self, request: chain_pb2.HoldersAtRequest, context: Any) -> chain_pb2.Holders:
        """Balances in the last block stamped at or before `at`, folded from the Transfer logs."""
        token = self.token(request.symbol)
        now = self.clock.now()
        at = from_ts(request.at) if request.HasField("at") else now
        require(at <= now, Common.INVALID_ARGUMENT, f"a snapshot is of the past: {iso(at)} is after the sandbox's now, "
                                               f"{iso(now)}", at=iso(at))
        balances: dict[str, int] = {}
        for log in self._transfers(token, self.block_at(at)):
            value = int(log["data"], 16)
            source, target = "0x" + log["topics"][1][-40:], "0x" + log["topics"][2][-40:]
            balances[source] = balances.get(source, 0) - value
            balances[target] = balances.get(target, 0) + value
        supply = -balances.pop(ZERO_ADDRESS, 0)
        holders = sorted((a, b) for a, b in balances.items() if b)
        if request.supply_only:
            holders = []
        elif len(holders) > MAX_HOLDERS:
            raise DomainError(reasons.Chain.TOO_MANY_HOLDERS,
                              f"{token.symbol} had {len(holders)} holders at {iso(at)}: HoldersAt answers at most "
                              f"{MAX_HOLDERS}; ask for the supply only, or read the Transfer logs",
                              symbol=token.symbol, holders=len(holders), limit=MAX_HOLDERS)
        multiplier = Decimal(1) if token.contract != "StockToken" else evm.from_units(
            self.contracts.call(token, "multiplierAt", [int(at.timestamp())]), evm.MULTIPLIER_DECIMALS)
        return chain_pb2.Holders(symbol=token.symbol, at=to_ts(at),
                                 holders=[chain_pb2.TokenHolding(address=a, balance=to_pb(
                                     evm.from_units(b, token.decimals))) for a, b in holders],
                                 total_supply=to_pb(evm.from_units(supply, token.decimals)),
                                 multiplier=to_pb(multiplier))

    @unary
    def ListTransfers(self, request: chain_pb2.ListTransfersRequest, context: Any) -> chain_pb2.ListTransfersResponse:
        token = self.token(request.symbol)
        address = check_address(request.address, "address") if request.address else ""
        size = request.page_size or MAX_PAGE
        require(0 < size <= MAX_PAGE, Common.INVALID_ARGUMENT, f"page_size is 1 to {MAX_PAGE}, not {size}")
        after = (-1, -1)
        if request.page_token:
            try:
                block, index = request.page_token.split(":")
                after = (int(block), int(index))
            except ValueError:
                raise DomainError(Common.INVALID_ARGUMENT, f"bad page_token {request.page_token!r}") from None
        head = int(self.node.call("eth_blockNumber"), 16)
        start = max(request.from_block, after[0], 0)
        logs = [log for log in self._transfers(token, head, start, address)
                if (int(log["blockNumber"], 16), int(log["logIndex"], 16)) > after]
        page, more = logs[:size], len(logs) > size
        stamps: dict[int, datetime] = {}
        out = []
        for log in page:
            number = int(log["blockNumber"], 16)
            if number not in stamps:
                stamps[number] = self._block(number).at
            out.append(chain_pb2.TransferLog(
                tx_hash=log["transactionHash"], block_number=number, block_hash=log["blockHash"],
                log_index=int(log["logIndex"], 16), at=to_ts(stamps[number]), symbol=token.symbol,
                from_address="0x" + log["topics"][1][-40:], to_address="0x" + log["topics"][2][-40:],
                amount=to_pb(evm.from_units(int(log["data"], 16), token.decimals))))
        token_text = f"{out[-1].block_number}:{out[-1].log_index}" if more and out else ""
        return chain_pb2.ListTransfersResponse(transfers=out, next_page_token=token_text, head=head)

    @unary
    def GetTx(self, request: chain_pb2.TxRequest, context: Any) -> chain_pb2.Tx:
        require(is_tx_hash(request.tx_hash), Common.INVALID_ARGUMENT,
                f"tx_hash must be 0x followed by 64 hex characters, got {request.tx_hash!r}", field="tx_hash")
        return self.tx_message(request.tx_hash.lower())

    @unary
    def GetBlock(self, request: chain_pb2.BlockRequest, context: Any) -> chain_pb2.Block:
        return self.block_message(self._block(request.number if request.number else "latest"))

    def block_message(self, block: Block) -> chain_pb2.Block:
        return chain_pb2.Block(number=block.number, at=to_ts(block.at), hash=block.hash,
                               parent_hash=block.parent_hash, txs=[self.tx_message(h) for h in block.tx_hashes])


def frozen_query(token: Deployment) -> tuple[str, list[Any]]:
    """The eth_getLogs call for a token's FrozenSet events."""
    return ("eth_getLogs", [{"address": token.address, "topics": [topic("FrozenSet")], "fromBlock": "0x0",
                             "toBlock": "latest"}])


def fold_frozen(logs: list[dict[str, Any]]) -> list[str]:
    """The addresses frozen now, folded from the FrozenSet logs in chain order."""
    state: dict[str, bool] = {}
    for log in logs:
        state["0x" + log["topics"][1][-40:]] = log["data"][-1] == "1"
    return sorted(a for a, frozen in state.items() if frozen)


class _BlockStamps:
    """Block timestamps as a lazy sequence, for bisect (log2(head) reads of the node)."""

    def __init__(self, servicer: ChainServicer, head: int) -> None:
        self.servicer, self.head = servicer, head

    def __len__(self) -> int:
        return self.head + 1

    def __getitem__(self, number: int) -> int:
        return int(self.servicer._block(number).at.timestamp())


def _decode_raw(raw: bytes) -> dict[str, Any]:
    """The fields of a signed transaction (legacy or typed)."""
    import rlp  # type: ignore[import-untyped]  # eth-account's own dependency
    from eth_account.typed_transactions import TypedTransaction
    from hexbytes import HexBytes

    if raw and raw[0] < 0x7F:
        typed = TypedTransaction.from_bytes(HexBytes(raw))
        fields = typed.as_dict()
        return {"to": ("0x" + bytes(fields["to"]).hex()) if fields.get("to") else "", "data": bytes(fields["data"]),
                "nonce": int(fields["nonce"])}
    items = rlp.decode(raw)  # legacy: nonce, gasPrice, gas, to, value, data, v, r, s
    nonce, to, data = items[0], items[3], items[5]
    return {"to": ("0x" + bytes(to).hex()) if to else "", "data": bytes(data),
            "nonce": int.from_bytes(bytes(nonce), "big")}



def pending_instants(servicer: ChainServicer, after: datetime) -> list[int]:
    """The instants after `after` at which a stock token's multiplier changes."""
    found: list[int] = []
    for token in servicer.tokens().values():
        if token.contract == "StockToken":
            found += [int(change[1]) for change in servicer.contracts.call(token, "multiplierChanges", [])
                      if int(change[1]) > int(after.timestamp())]
    return found
