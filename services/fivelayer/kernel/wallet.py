"""A service's wallet: the chain as a service that holds keys sees it.

Reads pass through to the chain service. A write (Transfer, Mint, SetPause, ...) is built from the
same request message the chain once took, signed here with the key of `request.sender`, and sent raw
(`Chain.SendTransaction`): the chain service journals and relays it, and never holds the key. A
sender whose key this service does not hold is refused (NOT_KEY_HOLDER) before anything is sent.

Nonces: one lock per sender, the next nonce asked of the chain when unknown and counted locally after;
a refusal sends nothing, a transport failure forgets the count. A retried request id is answered by
the chain with the first transaction, so a write never lands twice whatever nonce the retry carries.
Transactions are legacy (type 0) with a fixed gas limit and price, so the same call is the same bytes.
"""
from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, cast

from eth_account.signers.local import LocalAccount

from fivelayer.kernel import evm, keys, ports
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.money import from_pb
from fivelayer.kernel.reasons import Common
from fivelayer.kernel.timeutil import from_ts
from fivelayer.v1 import chain_pb2, common_pb2


@dataclass(frozen=True)
class TokenInfo:
    address: str
    decimals: int
    contract: str


class Wallet:
    """Signs for the named accounts `service` holds; implements `ports.ChainWallet`."""

    def __init__(self, chain: ports.ChainClient, service: str, names: Iterable[str] = ()) -> None:
        self.chain = chain
        self.service = service
        self._keys: dict[str, LocalAccount] = {}
        self._nonces: dict[str, int] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._tokens: dict[str, TokenInfo] = {}
        self._guard = threading.Lock()
        for name in names:
            self.hold(name)

    def hold(self, name: str) -> str:
        """Take the key of a named account this service plays; returns its address."""
        account = keys.signer(self.service, name)
        address = account.address.lower()
        with self._guard:
            self._keys[address] = account
            self._locks.setdefault(address, threading.Lock())
        return address

    # --- reads (the chain service answers) ---------------------------------------------------

    def ListTokens(self, request: chain_pb2.ListTokensRequest, /, *,
                   timeout: float | None = None) -> chain_pb2.ListTokensResponse:
        return self.chain.ListTokens(request, timeout=timeout)

    def GetToken(self, request: chain_pb2.TokenRequest, /, *, timeout: float | None = None) -> chain_pb2.Token:
        return self.chain.GetToken(request, timeout=timeout)

    def BalanceOf(self, request: chain_pb2.BalanceRequest, /, *, timeout: float | None = None) -> chain_pb2.Balance:
        return self.chain.BalanceOf(request, timeout=timeout)

    def GetAllowance(self, request: chain_pb2.AllowanceRequest, /, *,
                     timeout: float | None = None) -> chain_pb2.Allowance:
        return self.chain.GetAllowance(request, timeout=timeout)

    def HoldersAt(self, request: chain_pb2.HoldersAtRequest, /, *, timeout: float | None = None) -> chain_pb2.Holders:
        return self.chain.HoldersAt(request, timeout=timeout)

    def GetTx(self, request: chain_pb2.TxRequest, /, *, timeout: float | None = None) -> chain_pb2.Tx:
        return self.chain.GetTx(request, timeout=timeout)

    def GetBlock(self, request: chain_pb2.BlockRequest, /, *, timeout: float | None = None) -> chain_pb2.Block:
        return self.chain.GetBlock(request, timeout=timeout)

    def ListTransfers(self, request: chain_pb2.ListTransfersRequest, /, *,
                      timeout: float | None = None) -> chain_pb2.ListTransfersResponse:
        return self.chain.ListTransfers(request, timeout=timeout)

    # --- writes (signed here) ------------------------------------------------------------------

    def Transfer(self, request: chain_pb2.TransferRequest, /, *, timeout: float | None = None) -> chain_pb2.Tx:
        token = self._token(request.symbol)
        return self._send(request.request_id, request.symbol, request.sender, "transfer",
                          [evm.checksum(request.to_address), self._units(request.amount, token)])

    def Approve(self, request: chain_pb2.ApproveRequest, /, *, timeout: float | None = None) -> chain_pb2.Tx:
        token = self._token(request.symbol)
        return self._send(request.request_id, request.symbol, request.sender, "approve",
                          [evm.checksum(request.spender), self._units(request.amount, token)])

    def IncreaseAllowance(self, request: chain_pb2.IncreaseAllowanceRequest, /, *,
                          timeout: float | None = None) -> chain_pb2.Tx:
        token = self._token(request.symbol)
        return self._send(request.request_id, request.symbol, request.sender, "increaseAllowance",
                          [evm.checksum(request.spender), self._units(request.amount, token)])

    def TransferFrom(self, request: chain_pb2.TransferFromRequest, /, *, timeout: float | None = None) -> chain_pb2.Tx:
        token = self._token(request.symbol)
        return self._send(request.request_id, request.symbol, request.sender, "transferFrom",
                          [evm.checksum(request.from_address), evm.checksum(request.to_address),
                           self._units(request.amount, token)])

    def Mint(self, request: chain_pb2.MintTokensRequest, /, *, timeout: float | None = None) -> chain_pb2.Tx:
        token = self._token(request.symbol)
        return self._send(request.request_id, request.symbol, request.sender, "mint",
                          [evm.checksum(request.to_address), self._units(request.amount, token)])

    def Burn(self, request: chain_pb2.BurnTokensRequest, /, *, timeout: float | None = None) -> chain_pb2.Tx:
        token = self._token(request.symbol)
        return self._send(request.request_id, request.symbol, request.sender, "burn",
                          [self._units(request.amount, token)])

    def SetPause(self, request: chain_pb2.SetPauseRequest, /, *, timeout: float | None = None) -> chain_pb2.Tx:
        """Two switches, two functions: each one that changes is a transaction of its own (the mint
        pause first); when neither changes, the transfer pause is set again, so the call is on chain."""
        state = self.chain.GetToken(chain_pb2.TokenRequest(symbol=request.symbol))
        sent: chain_pb2.Tx | None = None
        if state.mint_paused != request.mint_paused:
            sent = self._send(f"{request.request_id}:mint", request.symbol, request.sender, "setMintPaused",
                              [request.mint_paused])
        if state.transfers_paused != request.transfers_paused or sent is None:
            sent = self._send(f"{request.request_id}:transfers", request.symbol, request.sender,
                              "setTransfersPaused", [request.transfers_paused])
        return sent

    def SetFrozen(self, request: chain_pb2.SetFrozenRequest, /, *, timeout: float | None = None) -> chain_pb2.Tx:
        return self._send(request.request_id, request.symbol, request.sender, "setFrozen",
                          [evm.checksum(request.address), request.frozen])

    def SetMultiplier(self, request: chain_pb2.SetMultiplierRequest, /, *,
                      timeout: float | None = None) -> chain_pb2.Tx:
        """A multiplier from `effective_at` (0, meaning now, when empty: the contract never schedules into the past)."""
        effective = int(from_ts(request.effective_at).timestamp()) if request.HasField("effective_at") else 0
        multiplier = evm.to_units(from_pb(request.multiplier), evm.MULTIPLIER_DECIMALS)
        return self._send(request.request_id, request.symbol, request.sender, "scheduleMultiplier",
                          [multiplier, effective])

    def check(self, symbol: str, sender: str, function: str, args: list[Any]) -> None:
        """Simulate a call as `sender` (no key needed): raises the contract's refusal, if any."""
        data = self._calldata(symbol, function, args)
        self.chain.CheckCall(chain_pb2.CheckCallRequest(symbol=symbol, sender=sender, data=data))

    # --- signing -------------------------------------------------------------------------------

    def _token(self, symbol: str) -> TokenInfo:
        if symbol not in self._tokens:
            token = self.chain.GetToken(chain_pb2.TokenRequest(symbol=symbol))
            self._tokens[symbol] = TokenInfo(token.address, token.decimals, evm.contract_name(token.kind))
        return self._tokens[symbol]

    @staticmethod
    def _units(amount: common_pb2.Decimal, token: TokenInfo) -> int:
        return evm.to_units(from_pb(amount), token.decimals)

    def _calldata(self, symbol: str, function: str, args: list[Any]) -> bytes:
        return evm.encode_call(self._token(symbol).contract, function, args)

    def _send(self, request_id: str, symbol: str, sender: str, function: str, args: list[Any]) -> chain_pb2.Tx:
        account = self._keys.get(sender.lower())
        if account is None:
            raise DomainError(Common.NOT_KEY_HOLDER, f"{self.service} holds no key for {sender}", sender=sender)
        token = self._token(symbol)
        data = self._calldata(symbol, function, args)
        with self._locks[sender.lower()]:
            nonce = self._nonces.get(sender.lower())
            if nonce is None:
                nonce = self.chain.GetNonce(chain_pb2.NonceRequest(address=sender.lower())).nonce
            signed = account.sign_transaction(cast(Any, {
                "to": evm.checksum(token.address), "data": data, "value": 0, "nonce": nonce,
                "gas": evm.GAS_LIMIT, "gasPrice": evm.GAS_PRICE, "chainId": keys.CHAIN_ID}))
            try:
                tx = self.chain.SendTransaction(chain_pb2.SendTransactionRequest(
                    request_id=request_id, raw_tx=bytes(signed.raw_transaction)))
            except DomainError as error:
                if error.reason in (Common.UNAVAILABLE, Common.DEADLINE_EXCEEDED, Common.INTERNAL, Common.UNKNOWN):
                    self._nonces.pop(sender.lower(), None)  # it may or may not have landed: ask again next time
                else:
                    self._nonces[sender.lower()] = nonce    # refused after simulation: nothing was sent
                raise
            # a replayed request id answers the first transaction, whose nonce may be older: ask again
            self._nonces[sender.lower()] = nonce + 1 if tx.tx_hash == "0x" + signed.hash.hex().removeprefix("0x") \
                else self.chain.GetNonce(chain_pb2.NonceRequest(address=sender.lower())).nonce
            return tx

