"""ERC-20-like token contracts: what a real token contract checks, and nothing a chain would not.

One block per transaction (instant finality): a state change, its block and its event commit
together. Permissions follow the contract: only the minter mints (and burns its own balance),
only the owner pauses, freezes or sets the multiplier. Minting has its own pause, so a
halt-of-mint leaves transfers of existing tokens working; a frozen address neither sends nor
receives. There are no signatures: `sender` names the signer.
"""
from __future__ import annotations

import hashlib
import re
from datetime import datetime
from decimal import Decimal

from sqlmodel import Session, col, select

from fivelayer.chain.models import AllowanceRow, BlockRow, Frozen, TokenContract, TxRow
from fivelayer.kernel import reasons
from fivelayer.kernel.contracts import Contract
from fivelayer.kernel.errors import DomainError, require
from fivelayer.kernel.ledger import Ledger
from fivelayer.kernel.money import ZERO, RawAmount, fmt, parse_amount
from fivelayer.kernel.outbox import record

ISSUANCE = "@issuance"  # where minted tokens come from and burned ones go: -balance = total supply
ADDRESS = re.compile(r"^0x[0-9a-f]{40}$")
GENESIS_HASH = "0x" + "0" * 64


def check_address(address: str, field: str) -> str:
    require(bool(ADDRESS.match(address or "")), reasons.Chain.INVALID_ADDRESS,
            f"{field} must be 0x followed by 40 lowercase hex characters, got {address!r}", field=field)
    return address


class Chain:
    """The contracts' rules over one unit of work."""

    def __init__(self, session: Session, now: datetime) -> None:
        self.session = session
        self.now = now
        self.ledger = Ledger(session)

    # --- reads -------------------------------------------------------------------------------

    def token(self, symbol: str) -> TokenContract:
        token = self.session.get(TokenContract, symbol)
        if token is None:
            raise DomainError("UNKNOWN_TOKEN", f"no token contract {symbol!r} on chain", symbol=symbol)
        return token

    def total_supply(self, symbol: str) -> Decimal:
        return -self.ledger.balance(ISSUANCE, symbol)

    def balance(self, symbol: str, address: str) -> Decimal:
        return self.ledger.balance(address, symbol)

    def allowance(self, symbol: str, owner: str, spender: str) -> Decimal:
        row = self.session.get(AllowanceRow, (symbol, owner, spender))
        return row.amount if row else ZERO

    def frozen(self, symbol: str) -> list[str]:
        return [f.address for f in self.session.exec(select(Frozen).where(Frozen.symbol == symbol)
                                                      .order_by(Frozen.address))]

    def is_frozen(self, symbol: str, address: str) -> bool:
        return self.session.get(Frozen, (symbol, address)) is not None

    # --- blocks ------------------------------------------------------------------------------

    def latest_block(self) -> BlockRow | None:
        """The chain's head, read once per unit of work and then kept as blocks are sealed."""
        if "chain_head" not in self.session.info:
            self.session.info["chain_head"] = self.session.exec(
                select(BlockRow).order_by(col(BlockRow.number).desc()).limit(1)).first()
        head: BlockRow | None = self.session.info["chain_head"]
        return head

    def _transfer_id(self) -> str:
        """Ledger postings are grouped by the block that carries them."""
        latest = self.latest_block()
        return f"block:{latest.number + 1 if latest else 0}"

    def _include(self, symbol: str, kind: str, sender: str, from_address: str = "", to_address: str = "",
                 amount: Decimal = ZERO, **event: object) -> TxRow:
        """Seal a one-transaction block and record its event."""
        parent = self.latest_block()
        number = parent.number + 1 if parent else 0
        parent_hash = parent.hash if parent else GENESIS_HASH
        content = f"{number}|{parent_hash}|{symbol}|{kind}|{sender}|{from_address}|{to_address}|{fmt(amount)}"
        tx_hash = "0x" + hashlib.sha256(content.encode()).hexdigest()
        block_hash = "0x" + hashlib.sha256(f"{parent_hash}|{tx_hash}|{self.now.isoformat()}".encode()).hexdigest()
        block = BlockRow(number=number, at=self.now, hash=block_hash, parent_hash=parent_hash)
        self.session.add(block)
        self.session.info["chain_head"] = block
        tx = TxRow(tx_hash=tx_hash, block_number=number, at=self.now, symbol=symbol, kind=kind, sender=sender,
                   from_address=from_address, to_address=to_address, amount=amount)
        self.session.add(tx)
        record(self.session, self.now, f"token.{kind}", symbol=symbol, sender=sender, tx_hash=tx_hash, block=number,
               **({"from": from_address} if from_address else {}), **({"to": to_address} if to_address else {}),
               **({"amount": amount} if amount else {}), **event)
        return tx

    # --- deployment --------------------------------------------------------------------------

    def deploy(self, contract: Contract) -> bool:
        """Deploy a contract from contracts/ once; later starts leave it as it is."""
        if self.session.get(TokenContract, contract.symbol) is not None:
            return False
        self.session.add(TokenContract(symbol=contract.symbol, name=contract.name, kind=contract.kind,
                                       underlying=contract.underlying, decimals=contract.decimals,
                                       owner=contract.owner, minter=contract.minter,
                                       multiplier=contract.genesis_multiplier))
        self.session.flush()
        self._include(contract.symbol, "deployed", contract.owner, name=contract.name, decimals=contract.decimals,
                      minter=contract.minter, multiplier=contract.genesis_multiplier)
        return True

    # --- transactions ------------------------------------------------------------------------

    def _amount(self, token: TokenContract, raw: RawAmount, *, allow_zero: bool = False) -> Decimal:
        return parse_amount(raw, "amount", token.decimals, allow_zero=allow_zero)

    def _not_frozen(self, token: TokenContract, *addresses: str) -> None:
        for address in addresses:
            require(not self.is_frozen(token.symbol, address), reasons.Chain.ADDRESS_FROZEN,
                    f"{address} is frozen in {token.symbol}", address=address)

    def _movable(self, token: TokenContract) -> None:
        require(not token.transfers_paused, reasons.Chain.TRANSFERS_PAUSED, f"{token.symbol} transfers are paused")

    def transfer(self, symbol: str, sender: str, to: str, raw_amount: RawAmount) -> TxRow:
        token = self.token(symbol)
        check_address(sender, "sender")
        check_address(to, "to_address")
        amount = self._amount(token, raw_amount)
        self._movable(token)
        self._not_frozen(token, sender, to)
        self.ledger.transfer(sender, to, symbol, amount, at=self.now, transfer_id=self._transfer_id())
        return self._include(symbol, "transfer", sender, sender, to, amount)

    def approve(self, symbol: str, owner: str, spender: str, raw_amount: RawAmount) -> TxRow:
        token = self.token(symbol)
        check_address(owner, "sender")
        check_address(spender, "spender")
        amount = self._amount(token, raw_amount, allow_zero=True)
        row = self.session.get(AllowanceRow, (symbol, owner, spender)) or \
            AllowanceRow(symbol=symbol, owner=owner, spender=spender, amount=ZERO)
        row.amount = amount
        self.session.add(row)
        return self._include(symbol, "approval", owner, owner, spender, amount)

    def increase_allowance(self, symbol: str, owner: str, spender: str, raw_amount: RawAmount) -> TxRow:
        """Add to an allowance (OpenZeppelin's increaseAllowance); the Approval event carries the new total."""
        token = self.token(symbol)
        check_address(owner, "sender")
        check_address(spender, "spender")
        amount = self._amount(token, raw_amount)
        row = self.session.get(AllowanceRow, (symbol, owner, spender)) or \
            AllowanceRow(symbol=symbol, owner=owner, spender=spender, amount=ZERO)
        row.amount += amount
        self.session.add(row)
        return self._include(symbol, "approval", owner, owner, spender, row.amount)

    def transfer_from(self, symbol: str, spender: str, owner: str, to: str, raw_amount: RawAmount) -> TxRow:
        token = self.token(symbol)
        for address, field in ((spender, "sender"), (owner, "from_address"), (to, "to_address")):
            check_address(address, field)
        amount = self._amount(token, raw_amount)
        self._movable(token)
        self._not_frozen(token, owner, to)
        allowed = self.allowance(symbol, owner, spender)
        require(allowed >= amount, reasons.Chain.INSUFFICIENT_ALLOWANCE,
                f"{spender} may spend {fmt(allowed)} {symbol} of {owner}, not {fmt(amount)}",
                allowance=fmt(allowed))
        self.ledger.transfer(owner, to, symbol, amount, at=self.now, transfer_id=self._transfer_id())
        row = self.session.get(AllowanceRow, (symbol, owner, spender))
        assert row is not None
        row.amount = allowed - amount
        self.session.add(row)
        return self._include(symbol, "transfer", spender, owner, to, amount)

    def mint(self, symbol: str, sender: str, to: str, raw_amount: RawAmount) -> TxRow:
        token = self.token(symbol)
        check_address(sender, "sender")
        check_address(to, "to_address")
        amount = self._amount(token, raw_amount)
        require(sender == token.minter, reasons.Chain.NOT_MINTER, f"{sender} is not the minter of {symbol}")
        require(not token.mint_paused, reasons.Chain.MINT_PAUSED, f"minting {symbol} is paused by its owner")
        self._not_frozen(token, to)
        self.ledger.transfer(ISSUANCE, to, symbol, amount, at=self.now, transfer_id=self._transfer_id())
        return self._include(symbol, "mint", sender, "", to, amount)

    def burn(self, symbol: str, sender: str, raw_amount: RawAmount) -> TxRow:
        token = self.token(symbol)
        check_address(sender, "sender")
        amount = self._amount(token, raw_amount)
        require(sender == token.minter, reasons.Chain.NOT_MINTER, f"{sender} is not the minter of {symbol}")
        self._movable(token)
        self.ledger.transfer(sender, ISSUANCE, symbol, amount, at=self.now, transfer_id=self._transfer_id())
        return self._include(symbol, "burn", sender, sender, "", amount)

    def _owner(self, token: TokenContract, sender: str) -> None:
        check_address(sender, "sender")
        require(sender == token.owner, reasons.Chain.NOT_OWNER, f"{sender} is not the owner of {token.symbol}")

    def set_pause(self, symbol: str, sender: str, mint_paused: bool, transfers_paused: bool) -> TxRow:
        token = self.token(symbol)
        self._owner(token, sender)
        token.mint_paused, token.transfers_paused = mint_paused, transfers_paused
        self.session.add(token)
        return self._include(symbol, "pause", sender, mint_paused=mint_paused, transfers_paused=transfers_paused)

    def set_frozen(self, symbol: str, sender: str, address: str, frozen: bool) -> TxRow:
        token = self.token(symbol)
        self._owner(token, sender)
        check_address(address, "address")
        row = self.session.get(Frozen, (symbol, address))
        if frozen and row is None:
            self.session.add(Frozen(symbol=symbol, address=address))
        elif not frozen and row is not None:
            self.session.delete(row)
        return self._include(symbol, "freeze", sender, "", address, frozen=frozen)

    def set_multiplier(self, symbol: str, sender: str, raw: RawAmount) -> TxRow:
        token = self.token(symbol)
        self._owner(token, sender)
        multiplier = parse_amount(raw, "multiplier", 18)
        token.multiplier = multiplier
        self.session.add(token)
        return self._include(symbol, "multiplier", sender, multiplier=multiplier)
