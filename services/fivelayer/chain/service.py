"""The Chain gRPC face: request messages in, contract rules applied, Tx messages out."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlmodel import Session, select

from fivelayer.chain.contract import Chain, Snapshot, check_address
from fivelayer.chain.models import BlockRow, TokenContract, TxRow
from fivelayer.kernel.clock import ClockSource
from fivelayer.kernel.contracts import Contract
from fivelayer.kernel.db import Database, get_row
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.money import to_pb
from fivelayer.kernel.rpc import mutation, unary
from fivelayer.kernel.timeutil import from_ts, to_ts
from fivelayer.v1 import chain_pb2, chain_pb2_grpc, common_pb2


def tx_message(tx: TxRow, effective_at: datetime | None = None) -> chain_pb2.Tx:
    """A transaction; a multiplier change says when it takes effect."""
    return chain_pb2.Tx(tx_hash=tx.tx_hash, block_number=tx.block_number, at=to_ts(tx.at), symbol=tx.symbol,
                        kind=tx.kind, sender=tx.sender, from_address=tx.from_address, to_address=tx.to_address,
                        amount=to_pb(tx.amount), effective_at=to_ts(effective_at) if effective_at else None)


def stored_tx_message(chain: Chain, tx: TxRow) -> chain_pb2.Tx:
    change = chain.multiplier_change(tx.tx_hash) if tx.kind == "multiplier" else None
    return tx_message(tx, change.effective_at if change else None)


def token_message(chain: Chain, token: TokenContract) -> chain_pb2.Token:
    """The token at the chain's now: the multiplier in force, and the one scheduled, if any."""
    scheduled = chain.scheduled_multiplier(token.symbol)
    return chain_pb2.Token(symbol=token.symbol, name=token.name, decimals=token.decimals, kind=token.kind,
                           underlying=token.underlying, owner=token.owner, minter=token.minter,
                           total_supply=to_pb(chain.total_supply(token.symbol)),
                           multiplier=to_pb(chain.multiplier_at(token.symbol, chain.now)),
                           mint_paused=token.mint_paused, transfers_paused=token.transfers_paused,
                           frozen=chain.frozen(token.symbol),
                           scheduled_multiplier=to_pb(scheduled.multiplier) if scheduled else None,
                           scheduled_at=to_ts(scheduled.effective_at) if scheduled else None)


def holders_message(snapshot: Snapshot) -> chain_pb2.Holders:
    return chain_pb2.Holders(symbol=snapshot.symbol, at=to_ts(snapshot.at),
                             holders=[chain_pb2.TokenHolding(address=a, balance=to_pb(b)) for a, b in snapshot.holders],
                             total_supply=to_pb(snapshot.total_supply), multiplier=to_pb(snapshot.multiplier))


class ChainServicer(chain_pb2_grpc.ChainServicer):
    def __init__(self, db: Database, clock: ClockSource) -> None:
        self.db = db
        self.clock = clock

    def genesis(self, contracts: dict[str, Contract]) -> int:
        """Deploy every contract not yet on chain (block 0 holds the first)."""
        now = self.clock.now()
        with self.db.transaction() as session:
            chain = Chain(session, now)
            return sum(chain.deploy(c) for c in contracts.values())

    def _chain(self, session: Session) -> Chain:
        return Chain(session, self.clock.now())

    @unary
    def ListTokens(self, request: common_pb2.Empty, context: Any) -> chain_pb2.ListTokensResponse:
        with self.db.read() as session:
            chain = self._chain(session)
            tokens = session.exec(select(TokenContract).order_by(TokenContract.symbol))
            return chain_pb2.ListTokensResponse(tokens=[token_message(chain, t) for t in tokens])

    @unary
    def GetToken(self, request: chain_pb2.TokenRequest, context: Any) -> chain_pb2.Token:
        with self.db.read() as session:
            chain = self._chain(session)
            return token_message(chain, chain.token(request.symbol))

    @unary
    def BalanceOf(self, request: chain_pb2.BalanceRequest, context: Any) -> chain_pb2.Balance:
        with self.db.read() as session:
            chain = self._chain(session)
            chain.token(request.symbol)
            check_address(request.address, "address")
            return chain_pb2.Balance(symbol=request.symbol, address=request.address,
                                     amount=to_pb(chain.balance(request.symbol, request.address)))

    @unary
    def GetAllowance(self, request: chain_pb2.AllowanceRequest, context: Any) -> chain_pb2.Allowance:
        with self.db.read() as session:
            chain = self._chain(session)
            chain.token(request.symbol)
            return chain_pb2.Allowance(symbol=request.symbol, owner=request.owner, spender=request.spender,
                                       amount=to_pb(chain.allowance(request.symbol, request.owner, request.spender)))

    @mutation
    def Transfer(self, request: chain_pb2.TransferRequest, session: Session) -> chain_pb2.Tx:
        return tx_message(self._chain(session).transfer(request.symbol, request.sender, request.to_address,
                                                         request.amount))

    @mutation
    def Approve(self, request: chain_pb2.ApproveRequest, session: Session) -> chain_pb2.Tx:
        return tx_message(self._chain(session).approve(request.symbol, request.sender, request.spender,
                                                        request.amount))

    @mutation
    def IncreaseAllowance(self, request: chain_pb2.IncreaseAllowanceRequest, session: Session) -> chain_pb2.Tx:
        return tx_message(self._chain(session).increase_allowance(request.symbol, request.sender, request.spender,
                                                                   request.amount))

    @mutation
    def TransferFrom(self, request: chain_pb2.TransferFromRequest, session: Session) -> chain_pb2.Tx:
        return tx_message(self._chain(session).transfer_from(request.symbol, request.sender, request.from_address,
                                                              request.to_address, request.amount))

    @mutation
    def Mint(self, request: chain_pb2.MintTokensRequest, session: Session) -> chain_pb2.Tx:
        return tx_message(self._chain(session).mint(request.symbol, request.sender, request.to_address,
                                                     request.amount))

    @mutation
    def Burn(self, request: chain_pb2.BurnTokensRequest, session: Session) -> chain_pb2.Tx:
        return tx_message(self._chain(session).burn(request.symbol, request.sender, request.amount))

    @mutation
    def SetPause(self, request: chain_pb2.SetPauseRequest, session: Session) -> chain_pb2.Tx:
        return tx_message(self._chain(session).set_pause(request.symbol, request.sender, request.mint_paused,
                                                          request.transfers_paused))

    @mutation
    def SetFrozen(self, request: chain_pb2.SetFrozenRequest, session: Session) -> chain_pb2.Tx:
        return tx_message(self._chain(session).set_frozen(request.symbol, request.sender, request.address,
                                                           request.frozen))

    @mutation
    def SetMultiplier(self, request: chain_pb2.SetMultiplierRequest, session: Session) -> chain_pb2.Tx:
        effective_at = from_ts(request.effective_at) if request.HasField("effective_at") else None
        tx, effective = self._chain(session).set_multiplier(request.symbol, request.sender, request.multiplier,
                                                            effective_at)
        return tx_message(tx, effective)

    @unary
    def HoldersAt(self, request: chain_pb2.HoldersAtRequest, context: Any) -> chain_pb2.Holders:
        at = from_ts(request.at) if request.HasField("at") else None
        with self.db.read() as session:
            return holders_message(self._chain(session).holders_at(request.symbol, at,
                                                                   supply_only=request.supply_only))

    @unary
    def GetTx(self, request: chain_pb2.TxRequest, context: Any) -> chain_pb2.Tx:
        with self.db.read() as session:
            return stored_tx_message(self._chain(session), get_row(session, TxRow, request.tx_hash, "transaction"))

    @unary
    def GetBlock(self, request: chain_pb2.BlockRequest, context: Any) -> chain_pb2.Block:
        with self.db.read() as session:
            block = session.get(BlockRow, request.number) if request.number else \
                self._chain(session).latest_block()
            if block is None:
                raise DomainError("NOT_FOUND", f"no block {request.number}")
            txs = session.exec(select(TxRow).where(TxRow.block_number == block.number))
            chain = self._chain(session)
            return chain_pb2.Block(number=block.number, at=to_ts(block.at), hash=block.hash,
                                   parent_hash=block.parent_hash, txs=[stored_tx_message(chain, t) for t in txs])
