"""Reading the contracts back: receipts and logs as the sandbox's Tx messages, token state by eth_call.

A transaction's kind comes from its first log the contracts define: Transfer (mint from the zero
address, burn to it, else transfer), Approval, MintPausedSet / TransfersPausedSet (pause), FrozenSet
(freeze), MultiplierScheduled (multiplier); a contract creation is "deployed", anything else "call".
"""
from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final

from eth_abi import decode as abi_decode
from eth_utils import event_abi_to_log_topic
from google.protobuf.message import Message
from google.protobuf.timestamp_pb2 import Timestamp

from fivelayer.chain.jsonrpc import NodeClient, RpcError

if TYPE_CHECKING:
    from fivelayer.chain.producer import ReadClient
from fivelayer.chain.models import Deployment
from fivelayer.kernel import evm
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.money import to_pb
from fivelayer.kernel.reasons import Common, Revert
from fivelayer.v1 import events_pb2 as ev

ZERO_ADDRESS: Final = "0x" + "0" * 40
TRANSFER_TOPIC: Final = "0x" + event_abi_to_log_topic(
    {"type": "event", "name": "Transfer", "inputs": [{"type": "address", "indexed": True},
                                                      {"type": "address", "indexed": True},
                                                      {"type": "uint256", "indexed": False}]}).hex()


@dataclass(frozen=True)
class Event:
    name: str
    args: dict[str, Any]
    address: str
    log_index: int


@functools.lru_cache(maxsize=1)
def _events() -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for contract in ("StockToken", "FUSD"):
        for item in evm.artifact(contract)["abi"]:
            if item["type"] == "event":
                found["0x" + event_abi_to_log_topic(item).hex()] = item
    return found


def topic(event: str) -> str:
    """An event's topic 0 (the hash of its signature)."""
    return next(t for t, abi in _events().items() if abi["name"] == event)


def decode_log(log: dict[str, Any]) -> Event | None:
    """A log of the token contracts, decoded; None for one they do not define."""
    topics = log.get("topics") or []
    abi = _events().get(topics[0]) if topics else None
    if abi is None:
        return None
    indexed = [i for i in abi["inputs"] if i["indexed"]]
    plain = [i for i in abi["inputs"] if not i["indexed"]]
    args: dict[str, Any] = {}
    for item, topic in zip(indexed, topics[1:], strict=False):
        args[item["name"]] = abi_decode([item["type"]], bytes.fromhex(topic[2:]))[0]
    values = abi_decode([i["type"] for i in plain], bytes.fromhex(log["data"][2:])) if plain else ()
    args.update({item["name"]: value for item, value in zip(plain, values, strict=True)})
    return Event(abi["name"], {k: v.lower() if isinstance(v, str) else v for k, v in args.items()},
                 log["address"].lower(), int(log["logIndex"], 16))


@dataclass(frozen=True)
class Decoded:
    """What a transaction did, as the Tx message says it."""

    kind: str
    symbol: str
    sender: str
    from_address: str = ""
    to_address: str = ""
    amount: Decimal = Decimal(0)
    effective_at: int = 0
    extra: dict[str, Any] | None = None


def decode_receipt(receipt: dict[str, Any], tokens: dict[str, Deployment]) -> Decoded:
    sender = receipt["from"].lower()
    target = (receipt.get("to") or receipt.get("contractAddress") or "").lower()
    token = tokens.get(target)
    symbol = token.symbol if token else ""
    if not receipt.get("to"):
        return Decoded("deployed", symbol, sender)
    if int(receipt["status"], 16) == 0:
        return Decoded("reverted", symbol, sender)
    for log in receipt.get("logs", []):
        event = decode_log(log)
        if event is None or event.address not in tokens:
            continue
        token = tokens[event.address]
        a = event.args
        if event.name == "Transfer":
            amount = evm.from_units(a["value"], token.decimals)
            kind = "mint" if a["from"] == ZERO_ADDRESS else "burn" if a["to"] == ZERO_ADDRESS else "transfer"
            return Decoded(kind, token.symbol, sender, "" if kind == "mint" else a["from"],
                           "" if kind == "burn" else a["to"], amount)
        if event.name == "Approval":
            return Decoded("approval", token.symbol, sender, a["owner"], a["spender"],
                           evm.from_units(a["value"], token.decimals))
        if event.name in ("MintPausedSet", "TransfersPausedSet"):
            field = "mint_paused" if event.name == "MintPausedSet" else "transfers_paused"
            return Decoded("pause", token.symbol, sender, extra={field: bool(a["paused"])})
        if event.name == "FrozenSet":
            return Decoded("freeze", token.symbol, sender, "", a["account"], extra={"frozen": bool(a["frozen"])})
        if event.name == "MultiplierScheduled":
            return Decoded("multiplier", token.symbol, sender, effective_at=int(a["effectiveAt"]),
                           extra={"multiplier": evm.from_units(a["multiplier"], evm.MULTIPLIER_DECIMALS),
                                  "multiplier_before": evm.from_units(a["previous"], evm.MULTIPLIER_DECIMALS)})
    return Decoded("call", symbol, sender)


def event_message(decoded: Decoded, tx_hash: str, block: int, origin: str) -> Message:
    """The outbox event of a landed transaction: the `token.<kind>` message its decoded log makes."""
    base: dict[str, Any] = {"origin": origin, "symbol": decoded.symbol, "sender": decoded.sender, "tx_hash": tx_hash,
                            "block": block}
    moved: dict[str, Any] = {"from": decoded.from_address, "to": decoded.to_address, "amount": to_pb(decoded.amount)}
    extra = decoded.extra or {}
    match decoded.kind:
        case "mint":
            return ev.TokenMint(**base, **moved)
        case "burn":
            return ev.TokenBurn(**base, **moved)
        case "transfer":
            return ev.TokenTransfer(**base, **moved)
        case "approval":
            return ev.TokenApproval(**base, **moved)
        case "pause":
            return ev.TokenPause(**base, **extra)
        case "freeze":
            return ev.TokenFreeze(**base, to=decoded.to_address, frozen=extra["frozen"])
        case "multiplier":
            return ev.TokenMultiplier(**base, effective_at=Timestamp(seconds=decoded.effective_at),
                                      multiplier=to_pb(extra["multiplier"]),
                                      multiplier_before=to_pb(extra["multiplier_before"]))
        case "deployed":
            return ev.TokenDeployed(symbol=decoded.symbol, tx_hash=tx_hash, block=block)
        case "reverted":
            return ev.TokenReverted(**base)
    return ev.TokenCall(**base)


class Contracts:
    """eth_call reads of the deployed tokens, at the head or at a past block."""

    def __init__(self, client: NodeClient | ReadClient) -> None:
        self.client = client

    def call(self, token: Deployment, function: str, args: list[Any], block: str = "latest") -> Any:
        data = "0x" + evm.encode_call(token.contract, function, args).hex()
        try:
            raw = self.client.call("eth_call", {"to": token.address, "data": data}, block)
        except RpcError as error:
            revert = error.revert_data()
            raise evm.revert_reason(revert) if revert is not None else \
                DomainError(Common.UNAVAILABLE, f"the node did not answer {function}: {error.message}") from None
        decoded = evm.decode_result(token.contract, function, bytes.fromhex(raw[2:]))
        return decoded[0] if len(decoded) == 1 else decoded

    def call_many(self, token: Deployment, reads: list[tuple[str, list[Any]]],
                  raw: Sequence[tuple[str, list[Any]]] = ()) -> tuple[list[Any], list[Any]]:
        """Several view functions of one token, and other node calls (`raw`), in one round trip."""
        calls = [("eth_call", [{"to": token.address, "data": "0x" + evm.encode_call(token.contract, f, a).hex()},
                               "latest"]) for f, a in reads] + list(raw)
        try:
            results = self.client.batch(calls)
        except RpcError as error:
            raise DomainError(Common.UNAVAILABLE,
                              f"the node did not answer a read of {token.symbol}: {error.message}") \
                from None
        values = []
        for (function, _), result in zip(reads, results, strict=False):
            decoded = evm.decode_result(token.contract, function, bytes.fromhex(result[2:]))
            values.append(decoded[0] if len(decoded) == 1 else decoded)
        return values, results[len(reads):]

    def check(self, token: Deployment, sender: str, data: bytes) -> None:
        """Simulate `data` sent by `sender` at the head: raise the contract's refusal, if any."""
        try:
            self.client.call("eth_call", {"from": evm.checksum(sender), "to": token.address, "data": "0x" + data.hex(),
                                          "gas": hex(evm.GAS_LIMIT), "gasPrice": "0x0"}, "latest")
        except RpcError as error:
            revert = error.revert_data()
            if revert is not None:
                raise evm.revert_reason(revert) from None
            raise DomainError(Revert.CALL_REVERTED, error.message) from None
