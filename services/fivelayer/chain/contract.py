"""ERC-20-like token contracts: what a real token contract checks, and nothing a chain would not.

One block per transaction (instant finality): a state change, its block and its event commit
together. Permissions follow the contract: only the minter mints (and burns its own balance),
only the owner pauses, freezes or sets the multiplier. Minting has its own pause, so a
halt-of-mint leaves transfers of existing tokens working; a frozen address neither sends nor
receives. There are no signatures: `sender` names the signer.

The multiplier is scheduled, as backed xStocks do it: the owner sets a new value with the instant it
takes effect, and until then the one before stays in force. Balances at a past instant (a record
date's snapshot) are read back from the transfer history: the ledger's postings carry their instant.
"""
from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlmodel import Session, col, select

from fivelayer.chain.models import AllowanceRow, BlockRow, Frozen, MultiplierChange, TokenContract, TxRow
from fivelayer.kernel import reasons
from fivelayer.kernel.contracts import Contract
from fivelayer.kernel.errors import DomainError, require
from fivelayer.kernel.ledger import Ledger, LedgerBalance, LedgerPosting
from fivelayer.kernel.money import ZERO, RawAmount, fmt, parse_amount
from fivelayer.kernel.outbox import record
from fivelayer.kernel.timeutil import iso, utc

ISSUANCE = "@issuance"  # where minted tokens come from and burned ones go: -balance = total supply
ADDRESS = re.compile(r"^0x[0-9a-f]{40}$")
GENESIS_HASH = "0x" + "0" * 64
MULTIPLIER_PLACES = 18
MAX_HOLDERS = 10_000  # HoldersAt answers at most this many holders


@dataclass(frozen=True)
class Snapshot:
    """A token's holders at an instant, from the transfer history."""

    symbol: str
    at: datetime
    holders: list[tuple[str, Decimal]]  # (address, balance), by address; empty when only the supply was asked
    total_supply: Decimal
    multiplier: Decimal


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

    def multiplier_at(self, symbol: str, at: datetime) -> Decimal:
        """The multiplier in force at `at`: the last change effective by then (of two at one instant,
        the one set later), else the genesis value."""
        change = self.session.exec(
            select(MultiplierChange).where(MultiplierChange.symbol == symbol, MultiplierChange.effective_at <= at)
            .order_by(col(MultiplierChange.effective_at).desc(), col(MultiplierChange.id).desc()).limit(1)).first()
        return change.multiplier if change is not None else self.token(symbol).multiplier

    def scheduled_multiplier(self, symbol: str) -> MultiplierChange | None:
        """The last change set to take effect after now: the multiplier once every scheduled change is in force."""
        return self.session.exec(
            select(MultiplierChange).where(MultiplierChange.symbol == symbol, MultiplierChange.effective_at > self.now)
            .order_by(col(MultiplierChange.effective_at).desc(), col(MultiplierChange.id).desc()).limit(1)).first()

    def multiplier_change(self, tx_hash: str) -> MultiplierChange | None:
        return self.session.exec(select(MultiplierChange).where(MultiplierChange.tx_hash == tx_hash)).first()

    def holders_at(self, symbol: str, at: datetime | None = None, *, supply_only: bool = False,
                   limit: int = MAX_HOLDERS) -> Snapshot:
        """Balances at `at` (the chain's now if None): today's balances less every posting made after
        `at`. A snapshot is of the past: a later instant is refused, since balances may still change."""
        self.token(symbol)
        at = utc(at) if at is not None else self.now
        require(at <= self.now, "INVALID_ARGUMENT",
                f"a snapshot is of the past: {iso(at)} is after the chain's now, {iso(self.now)}", at=iso(at))
        balances: dict[str, Decimal] = defaultdict(Decimal)
        query = select(LedgerBalance).where(LedgerBalance.asset == symbol)
        later = select(LedgerPosting).where(LedgerPosting.asset == symbol, LedgerPosting.at > at)
        if supply_only:
            query = query.where(LedgerBalance.account == ISSUANCE)
            later = later.where(LedgerPosting.account == ISSUANCE)
        for row in self.session.exec(query):
            balances[row.account] += row.amount
        for posting in self.session.exec(later):
            balances[posting.account] -= posting.amount
        supply = -balances.pop(ISSUANCE, ZERO)
        holders = sorted((a, b) for a, b in balances.items() if b != 0)
        if len(holders) > limit:
            raise DomainError(reasons.Chain.TOO_MANY_HOLDERS,
                              f"{symbol} had {len(holders)} holders at {iso(at)}: HoldersAt answers at most {limit}; "
                              "ask for the supply only, or read the transfer history block by block (GetBlock)",
                              symbol=symbol, holders=len(holders), limit=limit)
        return Snapshot(symbol, at, holders, supply, self.multiplier_at(symbol, at))

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

    def set_multiplier(self, symbol: str, sender: str, raw: RawAmount,
                       effective_at: datetime | None = None) -> tuple[TxRow, datetime]:
        """Set a new multiplier, in force from `effective_at` (at once if None, or not after now: a
        chain cannot change its past). Returns the transaction and the instant it takes effect."""
        token = self.token(symbol)
        self._owner(token, sender)
        multiplier = parse_amount(raw, "multiplier", MULTIPLIER_PLACES)
        effective = max(utc(effective_at), self.now) if effective_at is not None else self.now
        before = self.multiplier_at(symbol, effective)
        tx = self._include(symbol, "multiplier", sender, multiplier=multiplier, effective_at=iso(effective),
                           multiplier_before=before)
        self.session.add(MultiplierChange(symbol=symbol, multiplier=multiplier, effective_at=effective, set_at=self.now,
                                          tx_hash=tx.tx_hash))
        self.session.flush()
        return tx, effective
