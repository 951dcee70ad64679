"""The chain's JSON-RPC face: the URL integrators point web3.py, ethers, viem or a wallet at.

A proxy in front of the node, answering nothing the node would not: every call is relayed as it came,
except that
- a signed transaction (eth_sendRawTransaction) is journaled before the node sees it and lands in a
  block stamped with the sandbox's now (the producer's rule), so a restart keeps it;
- eth_sendTransaction from one of the ten test accounts (which anvil unlocks) is signed here with the
  account's well-known key, so it too is journaled as bytes; any other sender is refused, as a public
  node refuses to sign;
- calls that would move the node's clock or state behind the journal's back (evm_*, anvil_*,
  hardhat_*, debug_setHead) are refused: the sandbox clock drives blocks;
- the network faults in force on the chain apply (`--method` is the JSON-RPC method).
"""
from __future__ import annotations

import asyncio
import json
from typing import Any, Final

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from fivelayer.chain import reasons
from fivelayer.chain.producer import Producer
from fivelayer.kernel import evm, keys
from fivelayer.kernel.clock import ClockSource
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.netfaults import CALLER_HEADER, REST_TIMEOUT_SECONDS, FaultTable

REFUSED_PREFIXES: Final = ("evm_", "anvil_", "hardhat_", "debug_setHead", "miner_", "personal_", "admin_")
MAX_BATCH: Final = 100
PATH: Final = "/rpc"


def _error(call_id: Any, code: int, message: str, data: Any = None) -> dict[str, Any]:
    error: dict[str, Any] = {"code": code, "message": message}
    if data is not None:
        error["data"] = data
    return {"jsonrpc": "2.0", "id": call_id, "error": error}


class JsonRpcFace:
    def __init__(self, producer: Producer, clock: ClockSource, faults: FaultTable) -> None:
        self.producer = producer
        self.reads = producer.reader()
        self.clock = clock
        self.faults = faults
        self.test_accounts = {keys.test_account(i).address.lower(): keys.test_account(i)
                              for i in range(keys.TEST_ACCOUNTS)}

    def submit(self, raw_hex: str) -> str:
        raw = bytes.fromhex(raw_hex.removeprefix("0x"))
        entry = self.producer.submit(raw, self.clock.now(), None, "integrator")
        return entry.tx_hash

    def sign_for_test_account(self, tx: dict[str, Any]) -> str:
        sender = str(tx.get("from", "")).lower()
        account = self.test_accounts.get(sender)
        if account is None:
            raise DomainError(reasons.Chain.UNKNOWN_ACCOUNT,
                              f"no unlocked account {sender}: sign the transaction yourself "
                                                 "(eth_sendRawTransaction); only the ten test accounts are unlocked")
        client = self.reads
        fields: dict[str, Any] = {"chainId": keys.CHAIN_ID, "value": int(str(tx.get("value", "0x0")), 16),
                                  "data": tx.get("data") or tx.get("input") or "0x",
                                  "nonce": int(str(tx["nonce"]), 16) if "nonce" in tx else
                                  int(client.call("eth_getTransactionCount", account.address, "latest"), 16)}
        if tx.get("to"):
            fields["to"] = evm.checksum(tx["to"])
        estimate = {k: v for k, v in tx.items() if k in ("from", "to", "data", "input", "value")}
        fields["gas"] = int(str(tx["gas"]), 16) if "gas" in tx else int(client.call("eth_estimateGas", estimate), 16)
        if "maxFeePerGas" in tx:
            fields["maxFeePerGas"] = int(str(tx["maxFeePerGas"]), 16)
            fields["maxPriorityFeePerGas"] = int(str(tx.get("maxPriorityFeePerGas", "0x0")), 16)
        else:
            fields["gasPrice"] = int(str(tx.get("gasPrice", "0x0")), 16)
        return self.submit("0x" + bytes(account.sign_transaction(fields).raw_transaction).hex())

    def one(self, call: Any) -> dict[str, Any]:
        """Answer one JSON-RPC call (blocking: run in a worker thread)."""
        if not isinstance(call, dict) or not isinstance(call.get("method"), str):
            return _error(call.get("id") if isinstance(call, dict) else None, -32600, "invalid request")
        call_id, method, params = call.get("id"), call["method"], call.get("params") or []
        if method.startswith(REFUSED_PREFIXES):
            return _error(call_id, -32601, f"{method} is not available on the sandbox's chain: blocks and their "
                                           "time follow the sandbox clock (fivelayer clock advance)")
        try:
            self.producer.ready()
            if method == "eth_sendRawTransaction":
                return {"jsonrpc": "2.0", "id": call_id, "result": self.submit(str(params[0]))}
            if method == "eth_sendTransaction":
                return {"jsonrpc": "2.0", "id": call_id, "result": self.sign_for_test_account(dict(params[0]))}
            _, body = self.reads.forward(json.dumps(call).encode())
            answer: dict[str, Any] = json.loads(body)
            return answer
        except DomainError as error:
            return _error(call_id, -32000, error.message, {"reason": error.reason})
        except (IndexError, KeyError, TypeError, ValueError) as error:
            return _error(call_id, -32602, f"invalid params: {error}")

    def install(self, app: FastAPI) -> None:
        @app.post(PATH, include_in_schema=False)
        async def rpc(request: Request) -> Response:
            try:
                body = json.loads(await request.body())
            except ValueError:
                return JSONResponse(_error(None, -32700, "parse error"))
            calls = body if isinstance(body, list) else [body]
            if not calls or len(calls) > MAX_BATCH:
                return JSONResponse(_error(None, -32600, f"a batch holds 1 to {MAX_BATCH} calls"))
            caller = request.headers.get(CALLER_HEADER, "")
            answers = []
            for call in calls:
                method = call.get("method", "") if isinstance(call, dict) else ""
                outcome = self.faults.decide("rest", caller, method)
                if outcome.refuse == "timeout":
                    await asyncio.sleep(outcome.delay or REST_TIMEOUT_SECONDS)
                elif outcome.delay:
                    await asyncio.sleep(outcome.delay)
                if outcome.refuse:
                    return JSONResponse(_error(call.get("id") if isinstance(call, dict) else None, -32005 if
                                               outcome.refuse == "rate-limit" else -32603, outcome.message),
                                        status_code=outcome.http_status, headers=outcome.headers)
                answers.append(await run_in_threadpool(self.one, call))
            return JSONResponse(answers if isinstance(body, list) else answers[0])
