"""The chain's Transfer logs and allowances, for the exchange's unit-test fakes: what its deposit
watcher reads and what its standing allowance for the issuer reads and grows."""
from __future__ import annotations

from decimal import Decimal

from fivelayer.kernel.money import from_pb, to_pb
from fivelayer.kernel.reasons import Common, Revert
from fivelayer.kernel.reference import STABLECOIN
from fivelayer.v1 import chain_pb2

ZERO_ADDRESS = "0x" + "0" * 40


class TransferLogs:
    """One block per logged transfer; `drop(tx_hash)` takes one out, as a reorg would."""

    def __init__(self) -> None:
        self.logs: list[chain_pb2.TransferLog] = []
        self.head = 0
        self.reorgs = 0  # a reorg re-mines the head: its hash changes
        self.allowances: dict[tuple[str, str, str], Decimal] = {}  # (symbol, owner, spender) -> amount

    def grant(self, r: chain_pb2.IncreaseAllowanceRequest) -> None:
        key = (r.symbol, r.sender, r.spender)
        self.allowances[key] = self.allowances.get(key, Decimal(0)) + from_pb(r.amount)

    def draw(self, symbol: str, owner: str, spender: str, amount: Decimal) -> None:
        """The spender's transferFrom: refused beyond the allowance, as ERC-20 does."""
        from fivelayer.kernel.errors import DomainError

        left = self.allowances.get((symbol, owner, spender), Decimal(0))
        if left < amount:
            raise DomainError(Revert.INSUFFICIENT_ALLOWANCE, f"{spender} may draw {left} {symbol}, not {amount}")
        self.allowances[(symbol, owner, spender)] = left - amount

    def GetAllowance(self, r: chain_pb2.AllowanceRequest) -> chain_pb2.Allowance:
        amount = self.allowances.get((r.symbol, r.owner, r.spender), Decimal(0))
        return chain_pb2.Allowance(symbol=r.symbol, owner=r.owner, spender=r.spender, amount=to_pb(amount))

    def log_transfer(self, tx_hash: str, symbol: str, sender: str, to: str, amount: Decimal) -> None:
        self.head += 1
        self.logs.append(chain_pb2.TransferLog(tx_hash=tx_hash, block_number=self.head, block_hash=f"0xb{self.head}",
                                               log_index=0, symbol=symbol, from_address=sender or ZERO_ADDRESS,
                                               to_address=to, amount=to_pb(amount)))

    def mine(self, blocks: int = 1) -> None:
        self.head += blocks

    def drop(self, tx_hash: str) -> None:
        self.logs = [log for log in self.logs if log.tx_hash != tx_hash]
        self.reorgs += 1

    def ListTokens(self, r: chain_pb2.ListTokensRequest) -> chain_pb2.ListTokensResponse:
        return chain_pb2.ListTokensResponse(tokens=[chain_pb2.Token(symbol=STABLECOIN, decimals=6)])

    def ListTransfers(self, r: chain_pb2.ListTransfersRequest) -> chain_pb2.ListTransfersResponse:
        return chain_pb2.ListTransfersResponse(
            transfers=[log for log in self.logs if log.symbol == r.symbol and log.block_number >= r.from_block],
            head=self.head)

    def GetBlock(self, r: chain_pb2.BlockRequest) -> chain_pb2.Block:
        return chain_pb2.Block(number=self.head, hash=f"0xb{self.head}.{self.reorgs}")

    def GetTx(self, r: chain_pb2.TxRequest) -> chain_pb2.Tx:
        from fivelayer.kernel.errors import DomainError

        for log in self.logs:
            if log.tx_hash == r.tx_hash:
                return chain_pb2.Tx(tx_hash=log.tx_hash, block_number=log.block_number)
        raise DomainError(Common.NOT_FOUND, f"no transaction {r.tx_hash} on chain")
