"""The chain's service layer: what the Chain face (`service`), the stablecoin issuer (`stablecoin_handlers`),
the jobs (`jobs`) and start-up (`bootstrap`) call, once each, in domain values (no proto message here).

The chain service signs only as the deployer (at genesis) and the faucet; every other write comes
signed by the service that holds its sender's key (`kernel.wallet`). A sandbox transaction is
simulated before it is journaled, so a refusal (MINT_PAUSED, ADDRESS_FROZEN, ...) changes nothing.
Reads come back from the node (receipts, logs, eth_call); lists page by `kernel.paging`'s tokens.
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
from eth_account.signers.local import LocalAccount
from sqlmodel import Session, func, select

from fivelayer.chain.models import ChainMeta, Deployment, JournalEntry
from fivelayer.chain.producer import Producer, Receipt, instant
from fivelayer.chain.reader import (
    TRANSFER_TOPIC,
    ZERO_ADDRESS,
    Contracts,
    Decoded,
    decode_receipt,
    event_message,
    topic,
)
from fivelayer.kernel import evm, keys
from fivelayer.kernel.clock import ClockSource
from fivelayer.kernel.contracts import Contract
from fivelayer.kernel.db import Database
from fivelayer.kernel.errors import DomainError, require
from fivelayer.kernel.outbox import emit
from fivelayer.kernel.paging import MAX_LIMIT, decode_token, encode_token, page_limit, page_of
from fivelayer.kernel.reasons import Common
from fivelayer.kernel.reference import ROLE_ADDRESSES, STABLECOIN
from fivelayer.kernel.timeutil import iso
from fivelayer.v1 import events_pb2 as ev

TRANSFERS_LIMIT: Final = MAX_LIMIT   # a ListTransfers page when the request says 0 (a watcher reads them all)


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


@dataclass(frozen=True)
class Transaction:
    """A transaction on chain: its block and what it did (`reader.Decoded`)."""
    tx_hash: str
    block: int
    at: datetime
    decoded: Decoded


@dataclass(frozen=True)
class TokenState:
    """A token at an instant: its supply and switches now, the multiplier in force at the instant, and the
    changes scheduled after it (the last one and its time, and the first one's time)."""
    token: Deployment
    total_supply: Decimal
    mint_paused: bool
    transfers_paused: bool
    frozen: list[str]
    multiplier: Decimal
    scheduled: tuple[Decimal, datetime] | None = None
    next_change_at: datetime | None = None


@dataclass(frozen=True)
class HoldersPage:
    """A page of a token's holders at an instant, by address, with the whole supply and the multiplier."""
    token: Deployment
    at: datetime
    holders: list[tuple[str, Decimal]]
    supply: Decimal
    multiplier: Decimal
    next_page_token: str


@dataclass(frozen=True)
class Transfer:
    tx_hash: str
    block_number: int
    block_hash: str
    log_index: int
    at: datetime
    from_address: str
    to_address: str
    amount: Decimal


@dataclass(frozen=True)
class TransfersPage:
    token: Deployment
    transfers: list[Transfer]
    next_page_token: str
    head: int               # the chain's head when the page was read


@dataclass(frozen=True)
class Role:
    name: str
    address: str
    held_by: str            # the service holding its key
    grants: list[str]       # "<token>: ISSUER_ROLE, MINTER_ROLE"


@dataclass(frozen=True)
class Network:
    head: Block
    journal_entries: int
    eth: list[tuple[LocalAccount, Decimal]]   # the test accounts (with their keys) and their ETH
    roles: list[Role]


class Chain:
    def __init__(self, db: Database, clock: ClockSource, producer: Producer) -> None:
        self.db = db
        self.clock = clock
        self.producer = producer
        self.node = producer.reader()
        self.contracts = Contracts(self.node)
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

    # --- reads -----------------------------------------------------------------------------------

    def block(self, number: int | str) -> Block:
        raw = self.node.call("eth_getBlockByNumber", hex(number) if isinstance(number, int) else number, False)
        if raw is None:
            raise DomainError(Common.NOT_FOUND, f"no block {number}")
        return Block(int(raw["number"], 16), datetime.fromtimestamp(int(raw["timestamp"], 16), UTC), raw["hash"],
                     raw["parentHash"], list(raw["transactions"]))

    def tx(self, tx_hash: str, stamped: datetime | None = None) -> Transaction:
        """A transaction read back from its receipt (one the producer just made, from its cache, with the
        block stamp it gave it)."""
        receipt = self.producer.receipts.get(tx_hash) if stamped is not None else None
        if receipt is None:
            receipt = self.node.call("eth_getTransactionReceipt", tx_hash)
            stamped = None
        if receipt is None:
            raise DomainError(Common.NOT_FOUND, f"no transaction {tx_hash} on chain", tx_hash=tx_hash)
        number = int(receipt["blockNumber"], 16)
        at = stamped if stamped is not None else self.block(number).at
        return Transaction(tx_hash, number, at, decode_receipt(receipt, self.tokens()))

    def block_txs(self, block: Block) -> list[Transaction]:
        return [self.tx(h) for h in block.tx_hashes]

    def token_state(self, token: Deployment, at: datetime | None = None) -> TokenState:
        """The token at the sandbox's now (its multiplier at `at`, if given: a scheduled change is known
        ahead): the multiplier in force, and the last one scheduled after that instant."""
        now = int((at or self.clock.now()).timestamp())
        stock = token.contract == "StockToken"
        reads: list[tuple[str, list[Any]]] = [("totalSupply", []), ("mintPaused", []), ("transfersPaused", [])]
        if stock:
            reads += [("multiplierAt", [now]), ("multiplierChanges", [])]
        values, frozen_logs = self.contracts.call_many(token, reads, [frozen_query(token)])  # one round trip
        supply = evm.from_units(values[0], token.decimals)
        frozen = fold_frozen(frozen_logs[0])
        if not stock:
            return TokenState(token, supply, values[1], values[2], frozen, Decimal(1))
        pending = [change for change in values[4] if change[1] > now]
        scheduled = (evm.from_units(pending[-1][0], evm.MULTIPLIER_DECIMALS),
                     datetime.fromtimestamp(pending[-1][1], UTC)) if pending else None
        following = datetime.fromtimestamp(min(c[1] for c in pending), UTC) if pending else None
        return TokenState(token, supply, values[1], values[2], frozen,
                          evm.from_units(values[3], evm.MULTIPLIER_DECIMALS), scheduled, following)

    def token_at(self, symbol: str, at: datetime | None) -> TokenState:
        """GetToken: `at`, if given, not before the chain's genesis (the multiplier schedule starts there)."""
        token = self.token(symbol)
        if at is not None:  # unix seconds, never negative
            genesis = self.producer.node.genesis
            require(int(at.timestamp()) >= genesis, Common.INVALID_ARGUMENT,
                    f"at {iso(at)} is before the chain's genesis, {iso(datetime.fromtimestamp(genesis, UTC))}",
                    at=iso(at))
        return self.token_state(token, at)

    def token_page(self, limit: int, page_token: str) -> tuple[list[TokenState], str]:
        """A page of the deployed tokens, by symbol."""
        chunk, following = page_of(self.tokens().values(), lambda t: (t.symbol,), [str], page_token, limit)
        return [self.token_state(t) for t in chunk], following

    def balance(self, symbol: str, address: str) -> Decimal:
        token = self.token(symbol)
        return evm.from_units(self.contracts.call(token, "balanceOf", [evm.checksum(address)]), token.decimals)

    def allowance(self, symbol: str, owner: str, spender: str) -> Decimal:
        token = self.token(symbol)
        units = self.contracts.call(token, "allowance", [evm.checksum(owner), evm.checksum(spender)])
        return evm.from_units(units, token.decimals)

    def nonce(self, address: str) -> int:
        return int(self.node.call("eth_getTransactionCount", evm.checksum(address), "latest"), 16)

    def network(self) -> Network:
        head = self.block("latest")
        with self.db.read() as session:
            entries = session.exec(select(func.count()).select_from(JournalEntry)).one()
        eth = [(a, evm.from_units(int(self.node.call("eth_getBalance", a.address, "latest"), 16), 18))
               for a in (keys.test_account(i) for i in range(keys.TEST_ACCOUNTS))]
        roles = []
        for name, address in ROLE_ADDRESSES.items():
            grants = sorted(f"{t.symbol}: " + ", ".join(r for r, holder in (("ISSUER_ROLE", t.owner),
                                                                              ("MINTER_ROLE", t.minter))
                                                         if holder == address)
                            for t in self.tokens().values() if address in (t.owner, t.minter))
            roles.append(Role(name, address, keys.owner_of(name), grants))
        return Network(head, entries, eth, roles)

    def _transfer_logs(self, token: Deployment, to_block: int, from_block: int = 0,
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

    def holders_at(self, symbol: str, at: datetime | None, supply_only: bool, limit: int,
                   page_token: str) -> HoldersPage:
        """Balances in the last block stamped at or before `at` (the sandbox's now if None), folded from the
        Transfer logs; a page of the holders by address (none with `supply_only`), the supply of them all."""
        token = self.token(symbol)
        now = self.clock.now()
        at = at or now
        require(at <= now, Common.INVALID_ARGUMENT, f"a snapshot is of the past: {iso(at)} is after the sandbox's "
                                                    f"now, {iso(now)}", at=iso(at))
        balances: dict[str, int] = {}
        for log in self._transfer_logs(token, self.block_at(at)):
            value = int(log["data"], 16)
            source, target = "0x" + log["topics"][1][-40:], "0x" + log["topics"][2][-40:]
            balances[source] = balances.get(source, 0) - value
            balances[target] = balances.get(target, 0) + value
        supply = -balances.pop(ZERO_ADDRESS, 0)
        holders: list[tuple[str, int]] = []
        following = ""
        if not supply_only:
            holders, following = page_of(((a, b) for a, b in balances.items() if b), lambda h: (h[0],), [str],
                                         page_token, limit)
        multiplier = Decimal(1) if token.contract != "StockToken" else evm.from_units(
            self.contracts.call(token, "multiplierAt", [int(at.timestamp())]), evm.MULTIPLIER_DECIMALS)
        return HoldersPage(token, at, [(a, evm.from_units(b, token.decimals)) for a, b in holders],
                           evm.from_units(supply, token.decimals), multiplier, following)

    def transfers(self, symbol: str, address: str, from_block: int, limit: int, page_token: str) -> TransfersPage:
        """A page of the token's Transfer logs (involving `address`, if given) from `from_block` on, in chain
        order; the page token is the last log's (block, log index)."""
        token = self.token(symbol)
        size = page_limit(limit, TRANSFERS_LIMIT)
        after = decode_token(page_token, [int, int]) or (-1, -1)
        head = int(self.node.call("eth_blockNumber"), 16)
        start = max(from_block, cast(int, after[0]), 0)
        logs = [log for log in self._transfer_logs(token, head, start, address)
                if (int(log["blockNumber"], 16), int(log["logIndex"], 16)) > after]
        chunk = logs[:size]
        stamps: dict[int, datetime] = {}
        out = []
        for log in chunk:
            number = int(log["blockNumber"], 16)
            if number not in stamps:
                stamps[number] = self.block(number).at
            out.append(Transfer(log["transactionHash"], number, log["blockHash"], int(log["logIndex"], 16),
                                stamps[number], "0x" + log["topics"][1][-40:], "0x" + log["topics"][2][-40:],
                                evm.from_units(int(log["data"], 16), token.decimals)))
        following = encode_token((out[-1].block_number, out[-1].log_index)) if len(logs) > size else ""
        return TransfersPage(token, out, following, head)

    def pending_instants(self, after: datetime) -> list[int]:
        """The instants after `after` at which a stock token's multiplier changes."""
        found: list[int] = []
        for token in self.tokens().values():
            if token.contract == "StockToken":
                found += [int(change[1]) for change in self.contracts.call(token, "multiplierChanges", [])
                          if int(change[1]) > int(after.timestamp())]
        return found

    # --- writes ----------------------------------------------------------------------------------

    def send(self, request_id: str, raw: bytes) -> Transaction:
        """Simulate, journal, include: the sandbox's own transactions. A sender's wallet sends one at a time
        (`kernel.wallet`), so each arrives with its sender's next nonce."""
        require(bool(request_id), Common.INVALID_ARGUMENT, "a transaction needs a request_id")
        with self.db.read() as session:
            known = session.exec(select(JournalEntry).where(JournalEntry.request_id == request_id)).first()
        if known is not None:
            return self.tx(known.tx_hash)
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
        return self.tx(known.tx_hash, instant(int(known.at.timestamp())))

    def check_call(self, symbol: str, sender: str, data: bytes) -> None:
        self.contracts.check(self.token(symbol), sender, data)

    def faucet_call(self, request_id: str, function: str, args: list[Any]) -> Transaction:
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

    def faucet_mint(self, request_id: str, to: str, amount: Decimal) -> Transaction:
        """Sandbox deposits (and Issue): the stablecoin issuer mints as if dollars had come in."""
        return self.faucet_call(request_id, "mint", [evm.checksum(to), evm.to_units(amount, 6)])

    def mine(self, at: datetime | None) -> Block:
        self.producer.mine(at or self.clock.now())
        return self.block("latest")

    def reorg(self, request_id: str, depth: int, drop: list[str]) -> tuple[list[str], list[str], int]:
        """The dropped transactions, the replaced blocks and the new head."""
        require(bool(request_id), Common.INVALID_ARGUMENT, "a reorg needs a request_id")
        entry, replaced = self.producer.reorg(request_id, depth, [h.lower() for h in drop])
        return [d for d in entry.drop.split(",") if d], replaced, self.producer.head_number


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

    def __init__(self, chain: Chain, head: int) -> None:
        self.chain, self.head = chain, head

    def __len__(self) -> int:
        return self.head + 1

    def __getitem__(self, number: int) -> int:
        return int(self.chain.block(number).at.timestamp())


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
