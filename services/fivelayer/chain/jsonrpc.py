"""A JSON-RPC 2.0 client for the node: one persistent HTTP connection, errors raised with their data."""
from __future__ import annotations

import itertools
import logging
import threading
from typing import Any

import httpx

from fivelayer.kernel.errors import DomainError

logging.getLogger("httpx").setLevel(logging.WARNING)  # not a line per call to the node


class RpcError(Exception):
    """The node answered with an error object."""

    def __init__(self, code: int, message: str, data: Any = None) -> None:
        super().__init__(f"{code}: {message}")
        self.code, self.message, self.data = code, message, data

    def revert_data(self) -> bytes | None:
        """The revert's return data, when the error is an execution revert."""
        data = self.data
        if isinstance(data, dict):
            data = data.get("data")
        if isinstance(data, str) and data.startswith("0x"):
            return bytes.fromhex(data[2:])
        return None


class NodeClient:
    def __init__(self, url: str, timeout: float = 30.0) -> None:
        self.url = url
        self._http = httpx.Client(timeout=timeout)
        self._ids = itertools.count(1)
        self._lock = threading.Lock()

    def call(self, method: str, *params: Any) -> Any:
        with self._lock:
            request_id = next(self._ids)
        try:
            reply = self._http.post(self.url, json={"jsonrpc": "2.0", "id": request_id, "method": method,
                                                    "params": list(params)})
            reply.raise_for_status()
        except httpx.HTTPError as error:  # the node is down or restarting: a transient failure, retried by callers
            raise DomainError("UNAVAILABLE", f"the chain's node did not answer {method}: {error}") from None
        body = reply.json()
        if "error" in body:
            fault = body["error"]
            raise RpcError(int(fault.get("code", -32000)), str(fault.get("message", "")), fault.get("data"))
        return body["result"]

    def forward(self, body: bytes) -> httpx.Response:
        """Relay an integrator's request as it came."""
        return self._http.post(self.url, content=body, headers={"content-type": "application/json"})

    def close(self) -> None:
        self._http.close()
