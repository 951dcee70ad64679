"""The Chain gRPC face: requests read into domain values, the service layer (`chain.handlers`) called,
its answers written back as messages. Nothing here reads the node or the database itself.
"""
from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from fivelayer.chain.handlers import Block, Chain, HoldersPage, TokenState, Transaction, TransfersPage
from fivelayer.chain.node import ANVIL_VERSION
from fivelayer.kernel import keys
from fivelayer.kernel.addresses import check_address, is_tx_hash
from fivelayer.kernel.errors import require
from fivelayer.kernel.money import STABLECOIN_PLACES, parse_amount, to_pb
from fivelayer.kernel.reasons import Common
from fivelayer.kernel.rpc import unary
from fivelayer.kernel.timeutil import from_ts, to_ts
from fivelayer.v1 import chain_pb2, chain_pb2_grpc, common_pb2


def tx_message(tx: Transaction) -> chain_pb2.Tx:
    d = tx.decoded
    effective = datetime.fromtimestamp(d.effective_at, UTC) if d.effective_at else None
    return chain_pb2.Tx(tx_hash=tx.tx_hash, block_number=tx.block, at=to_ts(tx.at), symbol=d.symbol, kind=d.kind,
                        sender=d.sender, from_address=d.from_address, to_address=d.to_address, amount=to_pb(d.amount),
                        effective_at=to_ts(effective) if effective else None)


def block_message(block: Block, txs: list[Transaction]) -> chain_pb2.Block:
    return chain_pb2.Block(number=block.number, at=to_ts(block.at), hash=block.hash, parent_hash=block.parent_hash,
                           txs=[tx_message(t) for t in txs])


def token_message(state: TokenState) -> chain_pb2.Token:
    token = state.token
    message = chain_pb2.Token(address=token.address, symbol=token.symbol, name=token.name, decimals=token.decimals,
                              kind=token.kind, underlying=token.underlying, owner=token.owner, minter=token.minter,
                              total_supply=to_pb(state.total_supply), mint_paused=state.mint_paused,
                              transfers_paused=state.transfers_paused, frozen=state.frozen,
                              multiplier=to_pb(state.multiplier))
    if state.scheduled is not None:
        message.scheduled_multiplier.CopyFrom(to_pb(state.scheduled[0]))
        message.scheduled_at.CopyFrom(to_ts(state.scheduled[1]))
    if state.next_change_at is not None:
        message.next_change_at.CopyFrom(to_ts(state.next_change_at))
    return message


def holders_message(page: HoldersPage) -> chain_pb2.Holders:
    return chain_pb2.Holders(symbol=page.token.symbol, at=to_ts(page.at),
                             holders=[chain_pb2.TokenHolding(address=a, balance=to_pb(b)) for a, b in page.holders],
                             total_supply=to_pb(page.supply), multiplier=to_pb(page.multiplier),
                             next_page_token=page.next_page_token)


def transfers_message(page: TransfersPage) -> chain_pb2.ListTransfersResponse:
    return chain_pb2.ListTransfersResponse(transfers=[chain_pb2.TransferLog(
        tx_hash=t.tx_hash, block_number=t.block_number, block_hash=t.block_hash, log_index=t.log_index,
        at=to_ts(t.at), symbol=page.token.symbol, from_address=t.from_address, to_address=t.to_address,
        amount=to_pb(t.amount)) for t in page.transfers], next_page_token=page.next_page_token, head=page.head)


class ChainServicer(chain_pb2_grpc.ChainServicer):
    def __init__(self, chain: Chain, rpc_url: str) -> None:
        self.chain = chain
        self.clock = chain.clock   # each request at its one instant (`kernel.rpc.answer`)
        self.rpc_url = rpc_url

    @unary
    def GetNetwork(self, request: common_pb2.Empty, context: Any) -> chain_pb2.Network:
        network = self.chain.network()
        return chain_pb2.Network(
            chain_id=keys.CHAIN_ID, rpc_url=self.rpc_url, head=network.head.number, head_at=to_ts(network.head.at),
            mnemonic=keys.MNEMONIC,
            accounts=[chain_pb2.TestAccount(address=a.address, private_key="0x" + a.key.hex().removeprefix("0x"),
                                            eth=to_pb(eth)) for a, eth in network.eth],
            roles=[chain_pb2.Role(name=r.name, address=r.address, held_by=r.held_by, grants=r.grants)
                   for r in network.roles],
            node=f"anvil {ANVIL_VERSION}", node_pid=self.chain.producer.node.pid,
            journal_entries=network.journal_entries)

    @unary
    def ListTokens(self, request: chain_pb2.ListTokensRequest, context: Any) -> chain_pb2.ListTokensResponse:
        tokens, following = self.chain.token_page(request.limit, request.page_token)
        return chain_pb2.ListTokensResponse(tokens=[token_message(t) for t in tokens], next_page_token=following)

    @unary
    def GetToken(self, request: chain_pb2.TokenRequest, context: Any) -> chain_pb2.Token:
        return token_message(self.chain.token_at(request.symbol, from_ts(request.at) if request.HasField("at")
                                                 else None))

    @unary
    def BalanceOf(self, request: chain_pb2.BalanceRequest, context: Any) -> chain_pb2.Balance:
        self.chain.token(request.symbol)   # an unknown token before a bad address
        address = check_address(request.address, "address")
        return chain_pb2.Balance(symbol=request.symbol, address=address,
                                 amount=to_pb(self.chain.balance(request.symbol, address)))

    @unary
    def GetAllowance(self, request: chain_pb2.AllowanceRequest, context: Any) -> chain_pb2.Allowance:
        self.chain.token(request.symbol)
        owner, spender = check_address(request.owner, "owner"), check_address(request.spender, "spender")
        return chain_pb2.Allowance(symbol=request.symbol, owner=owner, spender=spender,
                                   amount=to_pb(self.chain.allowance(request.symbol, owner, spender)))

    @unary
    def GetNonce(self, request: chain_pb2.NonceRequest, context: Any) -> chain_pb2.Nonce:
        address = check_address(request.address, "address")
        return chain_pb2.Nonce(address=address, nonce=self.chain.nonce(address))

    @unary
    def SendTransaction(self, request: chain_pb2.SendTransactionRequest, context: Any) -> chain_pb2.Tx:
        return tx_message(self.chain.send(request.request_id, request.raw_tx))

    @unary
    def CheckCall(self, request: chain_pb2.CheckCallRequest, context: Any) -> common_pb2.Empty:
        self.chain.token(request.symbol)
        self.chain.check_call(request.symbol, check_address(request.sender, "sender"), request.data)
        return common_pb2.Empty()

    @unary
    def Faucet(self, request: chain_pb2.FaucetRequest, context: Any) -> chain_pb2.Tx:
        """Sandbox deposits: the stablecoin issuer mints as if dollars had come in (its books count them)."""
        to = check_address(request.to_address, "to_address")
        amount = parse_amount(request.amount.value, "amount", STABLECOIN_PLACES)
        return tx_message(self.chain.faucet_mint(request.request_id, to, amount))

    @unary
    def Mine(self, request: chain_pb2.MineRequest, context: Any) -> chain_pb2.Block:
        block = self.chain.mine(from_ts(request.at) if request.HasField("at") else None)
        return block_message(block, self.chain.block_txs(block))

    @unary
    def Reorg(self, request: chain_pb2.ReorgRequest, context: Any) -> chain_pb2.ReorgResponse:
        dropped, replaced, head = self.chain.reorg(request.request_id, request.depth, list(request.drop))
        return chain_pb2.ReorgResponse(head=head, dropped=dropped, replaced_blocks=replaced)

    @unary
    def HoldersAt(self, request: chain_pb2.HoldersAtRequest, context: Any) -> chain_pb2.Holders:
        """Balances in the last block stamped at or before `at`, a page of holders at a time."""
        return holders_message(self.chain.holders_at(
            request.symbol, from_ts(request.at) if request.HasField("at") else None, request.supply_only,
            request.limit, request.page_token))

    @unary
    def ListTransfers(self, request: chain_pb2.ListTransfersRequest, context: Any) -> chain_pb2.ListTransfersResponse:
        self.chain.token(request.symbol)
        address = check_address(request.address, "address") if request.address else ""
        return transfers_message(self.chain.transfers(request.symbol, address, request.from_block, request.limit,
                                                      request.page_token))

    @unary
    def GetTx(self, request: chain_pb2.TxRequest, context: Any) -> chain_pb2.Tx:
        require(is_tx_hash(request.tx_hash), Common.INVALID_ARGUMENT,
                f"tx_hash must be 0x followed by 64 hex characters, got {request.tx_hash!r}", field="tx_hash")
        return tx_message(self.chain.tx(request.tx_hash.lower()))

    @unary
    def GetBlock(self, request: chain_pb2.BlockRequest, context: Any) -> chain_pb2.Block:
        block = self.chain.block(request.number if request.number else "latest")
        return block_message(block, self.chain.block_txs(block))
