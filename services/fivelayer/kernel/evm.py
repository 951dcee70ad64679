"""What every service needs to speak to the token contracts: their ABI, units, and revert reasons.

The ABI is compiled from contracts/solidity by tools/compile_contracts.mjs into kernel/abi/ (the
contracts' interface is shared like the protos; their bytecode is deployed by the chain alone).
Amounts are exact: a Decimal with at most `decimals` places is an integer number of base units.
"""
from __future__ import annotations

import functools
import json
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, cast

from eth_abi import decode as abi_decode
from eth_abi import encode as abi_encode
from eth_typing import HexStr
from eth_utils import function_abi_to_4byte_selector, keccak, to_checksum_address
from eth_utils.abi import collapse_if_tuple

from fivelayer.kernel.addresses import check_address
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.reasons import Common, Revert

if TYPE_CHECKING:  # web3 costs half a CPU second to import: loaded when a contract class is first built
    from web3.contract import Contract as Web3Contract

ABI_DIR: Final = Path(__file__).resolve().parent / "abi"
MULTIPLIER_DECIMALS: Final = 18  # the multiplier is an 18-decimal fixed point: 10**18 is one share per token
GAS_LIMIT: Final = 500_000       # every sandbox transaction's gas limit: fixed, so a replayed one is the same bytes
GAS_PRICE: Final = 0             # the base fee is 0 and stays 0, so the sandbox's own transactions pay nothing
MINTER_ROLE: Final = "0x" + keccak(text="MINTER_ROLE").hex()
ISSUER_ROLE: Final = "0x" + keccak(text="ISSUER_ROLE").hex()


@functools.lru_cache(maxsize=4)
def artifact(contract: str) -> dict[str, Any]:
    """A compiled contract: abi, bytecode, deployedBytecode, compiler and settings."""
    loaded: dict[str, Any] = json.loads((ABI_DIR / f"{contract}.json").read_text())
    return loaded


def contract_name(kind: str) -> str:
    """The Solidity contract a token of this kind is an instance of."""
    return "FUSD" if kind == "stablecoin" else "StockToken"


@functools.lru_cache(maxsize=4)
def interface(contract: str) -> type[Web3Contract]:
    """An offline contract class: encodes calls and decodes logs, with no node attached."""
    from web3 import Web3

    compiled = artifact(contract)
    return Web3().eth.contract(abi=compiled["abi"], bytecode=compiled["bytecode"])


def deploy_data(contract: str, args: list[Any]) -> HexStr:
    """A deployment's data, as hex: the creation bytecode and the constructor's encoded arguments (what
    web3's `constructor(...).data_in_transaction` gives, without importing web3 at a chain's start)."""
    compiled = artifact(contract)
    [constructor] = [i for i in compiled["abi"] if i["type"] == "constructor"] or [{"inputs": []}]
    encoded = abi_encode([collapse_if_tuple(i) for i in constructor["inputs"]], args)
    return HexStr("0x" + compiled["bytecode"].removeprefix("0x") + encoded.hex())


@functools.lru_cache(maxsize=128)
def function_abi(contract: str, function: str) -> tuple[bytes, tuple[str, ...], tuple[str, ...]]:
    """A function's selector and its input and output types (looked up once: web3's lookup per call is slow)."""
    [item] = [i for i in artifact(contract)["abi"] if i["type"] == "function" and i["name"] == function]
    return (function_abi_to_4byte_selector(item), tuple(collapse_if_tuple(i) for i in item["inputs"]),
            tuple(collapse_if_tuple(o) for o in item["outputs"]))


def encode_call(contract: str, function: str, args: list[Any]) -> bytes:
    """The calldata of `function(args)`."""
    selector, inputs, _ = function_abi(contract, function)
    return selector + abi_encode(list(inputs), args)


def decode_result(contract: str, function: str, data: bytes) -> tuple[Any, ...]:
    _, _, outputs = function_abi(contract, function)
    return tuple(abi_decode(list(outputs), data))


def to_units(amount: Decimal, decimals: int) -> int:
    units = amount.scaleb(decimals)
    if units != units.to_integral_value():
        raise DomainError(Common.INVALID_ARGUMENT, f"{amount} has more than {decimals} decimal places")
    return int(units)


def from_units(units: int, decimals: int) -> Decimal:
    return Decimal(units).scaleb(-decimals).normalize() if units else Decimal(0)


def checksum(address: str, field: str = "address") -> str:
    """An address in its checksummed form; anything but 0x and 40 hex characters is refused."""
    return to_checksum_address(check_address(address, field))


@functools.lru_cache(maxsize=1)
def _errors() -> dict[bytes, tuple[str, list[str]]]:
    """Every custom error of both contracts by selector: its name and argument types."""
    found: dict[bytes, tuple[str, list[str]]] = {}
    for contract in ("StockToken", "FUSD"):
        for item in artifact(contract)["abi"]:
            if item["type"] == "error":
                types = [i["type"] for i in item["inputs"]]
                found[function_abi_to_4byte_selector(item)] = (item["name"], types)
    return found


def revert_reason(data: bytes) -> DomainError:
    """A contract's revert, as the sandbox's reason codes say it."""
    name, args = "Revert", cast(tuple[Any, ...], ())
    if len(data) >= 4 and data[:4] in _errors():
        name, types = _errors()[data[:4]]
        args = tuple(abi_decode(types, data[4:]))
    elif data[:4] == bytes.fromhex("08c379a0"):  # Error(string)
        return DomainError(Revert.CALL_REVERTED, abi_decode(["string"], data[4:])[0])
    if name == "AccessControlUnauthorizedAccount":
        account, role = str(args[0]).lower(), "0x" + bytes(args[1]).hex()
        if role == MINTER_ROLE:
            return DomainError(Revert.NOT_MINTER, f"{account} is not the minter of this token")
        return DomainError(Revert.NOT_OWNER, f"{account} is not the owner of this token")
    known = {
        "MintPaused": (Revert.MINT_PAUSED, "minting is paused by the token's owner"),
        "TransfersPaused": (Revert.TRANSFERS_PAUSED, "transfers are paused by the token's owner"),
        "AddressFrozen": (Revert.ADDRESS_FROZEN, "{0} is frozen in this token"),
        "ERC20InsufficientAllowance": (Revert.INSUFFICIENT_ALLOWANCE,
                                       "{0} may spend {1} base units, not {2}"),
        "ERC20InsufficientBalance": (Common.INSUFFICIENT_FUNDS, "{0} holds {1} base units, not {2}"),
        "ERC20InvalidReceiver": (Revert.INVALID_ADDRESS, "{0} cannot receive tokens"),
        "InvalidMultiplier": (Common.INVALID_ARGUMENT, "a multiplier must be above zero"),
        "TooManyPendingChanges": (Revert.TOO_MANY_PENDING_CHANGES, "too many multiplier changes are pending"),
    }
    reason, text = known.get(name, (Revert.CALL_REVERTED, f"the contract reverted with {name}"))
    return DomainError(reason, text.format(*(str(a).lower() for a in args)), error=name)
