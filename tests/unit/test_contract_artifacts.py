"""The Solidity token contracts' committed artifacts (services/fivelayer/kernel/abi/*.json).

They must be exactly what tools/compile_contracts.mjs makes from contracts/solidity/ with the pinned
solc (package-lock.json), and carry the interface the Python chain code calls.
"""
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "services" / "fivelayer" / "kernel" / "abi"

RESTRICTED_FUNCTIONS = {
    "MINTER_ROLE", "ISSUER_ROLE", "DEFAULT_ADMIN_ROLE", "mintPaused", "transfersPaused", "frozen",
    "mint", "burn", "setMintPaused", "setTransfersPaused", "setFrozen", "supportsInterface",
    "hasRole", "grantRole", "revokeRole", "renounceRole", "getRoleAdmin",
    "name", "symbol", "decimals", "totalSupply", "balanceOf", "transfer", "transferFrom", "approve", "allowance",
}
RESTRICTED_EVENTS = {"MintPausedSet", "TransfersPausedSet", "FrozenSet", "Transfer", "Approval",
                     "RoleGranted", "RoleRevoked", "RoleAdminChanged"}
RESTRICTED_ERRORS = {"MintPaused", "TransfersPaused", "AddressFrozen", "AccessControlUnauthorizedAccount",
                     "AccessControlBadConfirmation", "ERC20InsufficientBalance", "ERC20InsufficientAllowance",
                     "ERC20InvalidSender", "ERC20InvalidReceiver"}

EXPECTED: dict[str, dict[str, set[str]]] = {
    "FUSD": {"function": RESTRICTED_FUNCTIONS, "event": RESTRICTED_EVENTS, "error": RESTRICTED_ERRORS},
    "StockToken": {
        "function": RESTRICTED_FUNCTIONS | {"MAX_PENDING_CHANGES", "initialMultiplier", "scheduleMultiplier",
                                            "multiplier", "multiplierAt", "pendingMultiplier",
                                            "multiplierChanges"},
        "event": RESTRICTED_EVENTS | {"MultiplierScheduled"},
        "error": RESTRICTED_ERRORS | {"InvalidMultiplier", "TooManyPendingChanges"},
    },
}


def _artifact(contract: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((ARTIFACTS / f"{contract}.json").read_text())
    return data


def _entry(abi: list[dict[str, Any]], kind: str, name: str) -> dict[str, Any]:
    matches = [e for e in abi if e["type"] == kind and e.get("name") == name]
    assert len(matches) == 1, f"{kind} {name}: {len(matches)} ABI entries"
    return matches[0]


def _types(params: list[dict[str, Any]]) -> list[str]:
    return [p["type"] for p in params]


def test_artifacts_match_sources() -> None:
    """Run `node tools/compile_contracts.mjs` (after `make install`) when this fails."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed: the contract artifacts cannot be checked")
    if not (ROOT / "node_modules" / "solc").is_dir():
        pytest.skip("node_modules/solc is missing: run `make install` (npm ci) to check the contract artifacts")
    result = subprocess.run([node, "tools/compile_contracts.mjs", "--check"], cwd=ROOT,
                            capture_output=True, text=True, timeout=240)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("contract", sorted(EXPECTED))
def test_abi_has_the_interface(contract: str) -> None:
    artifact = _artifact(contract)
    assert artifact["contract"] == contract
    assert artifact["compiler"].startswith("0.8.30+")
    assert artifact["settings"] == {"evmVersion": "cancun", "optimizer": {"enabled": True, "runs": 200}}
    for key in ("bytecode", "deployedBytecode"):
        assert artifact[key].startswith("0x") and len(artifact[key]) > 2
    abi = artifact["abi"]
    for kind, names in EXPECTED[contract].items():
        present = {e["name"] for e in abi if e["type"] == kind}
        assert names <= present, f"{contract} lacks {kind}s {sorted(names - present)}"

    ctor = next(e for e in abi if e["type"] == "constructor")
    base = ["string", "string", "address", "address"]
    assert _types(ctor["inputs"]) == (base + ["uint256"] if contract == "StockToken" else base)
    assert _types(_entry(abi, "function", "mint")["inputs"]) == ["address", "uint256"]
    assert _types(_entry(abi, "function", "burn")["inputs"]) == ["uint256"]
    assert _types(_entry(abi, "function", "setFrozen")["inputs"]) == ["address", "bool"]
    frozen_set = _entry(abi, "event", "FrozenSet")["inputs"]
    assert [(p["name"], p["type"], p["indexed"]) for p in frozen_set] == [
        ("account", "address", True), ("frozen", "bool", False)]
    assert _types(_entry(abi, "error", "AddressFrozen")["inputs"]) == ["address"]


def test_stock_token_multiplier_signatures() -> None:
    abi = _artifact("StockToken")["abi"]
    assert _types(_entry(abi, "function", "scheduleMultiplier")["inputs"]) == ["uint256", "uint64"]
    assert _types(_entry(abi, "function", "multiplierAt")["inputs"]) == ["uint64"]
    pending = _entry(abi, "function", "pendingMultiplier")["outputs"]
    assert [(p["name"], p["type"]) for p in pending] == [("multiplier", "uint256"), ("effectiveAt", "uint64")]
    changes = _entry(abi, "function", "multiplierChanges")["outputs"]
    assert len(changes) == 1 and changes[0]["type"] == "tuple[]"
    assert [(c["name"], c["type"]) for c in changes[0]["components"]] == [
        ("multiplier", "uint256"), ("effectiveAt", "uint64"), ("setAt", "uint64")]
    scheduled = _entry(abi, "event", "MultiplierScheduled")["inputs"]
    assert [(p["name"], p["type"]) for p in scheduled] == [
        ("previous", "uint256"), ("multiplier", "uint256"), ("effectiveAt", "uint64")]
