"""A test fake of the chain: the token contracts' rules, modelled in process for unit tests.

The sandbox's chain is an EVM node (anvil) running the Solidity contracts in contracts/solidity
(RestrictedToken, StockToken, FUSD); those are tested on the node by the e2e suite. Unit tests of a
service that leans on the contracts' rules (the issuer's distributions read record-date snapshots
and schedule multipliers) use this model instead: the sandbox's former ledger chain, balances kept as
kernel ledger balances (account = address, asset = symbol) in a SQLite file, one block per
transaction.

What it keeps of the contracts: only the minter mints (refused while minting is paused) and burns
its own balance; only the owner pauses, freezes and schedules the multiplier; a frozen address
neither sends nor receives (a mint to it included); paused transfers stop transfers and burns, not
mints; allowances (approve replaces, increaseAllowance adds, transferFrom spends); the multiplier
takes effect at its instant (never in the past; of two at one instant, the one set later; at most 8
pending); balances at a past instant from the transfer history (at most 10,000 holders). A request id
answers its first transaction, as the chain service's SendTransaction does.

What it does not model: signatures, nonces and gas (`LedgerWallet` stands for a service's wallet: it
refuses a sender whose key the service does not hold, NOT_KEY_HOLDER, as `kernel.wallet.Wallet` does);
a pause is one transaction here (the wallet sends one per switch that changes); amounts of zero are
refused (ERC-20 allows them); addresses must be lowercase; effective instants are whole seconds but
the chain's now is the clock's, to the microsecond.
"""
from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import TypeVar

from fivelayer.chain.reader import Decoded, event_message
from fivelayer.kernel.clock import ClockSource
from fivelayer.kernel.contracts import Contract
from fivelayer.kernel.db import Database, DecimalText, UTCDateTime
from fivelayer.kernel.errors import DomainError, require
from fivelayer.kernel.ledger import Ledger, LedgerBalance, LedgerPosting
from fivelayer.kernel.money import ZERO, RawAmount, fmt, parse_amount, to_pb
from fivelayer.kernel.outbox import emit
from fivelayer.kernel.paging import page_of
from fivelayer.kernel.reasons import Common, Revert
from fivelayer.kernel.timeutil import from_ts, iso, to_ts, utc
from fivelayer.v1 import chain_pb2
from sqlmodel import Field, Session, SQLModel, col, select

ISSUANCE = "@issuance"  # where minted tokens come from and burned ones go: -balance = total supply
ADDRESS = re.compile(r"^0x[0-9a-f]{40}$")
GENESIS_HASH = "0x" + "0" * 64
MULTIPLIER_PLACES = 18
MAX_PENDING_CHANGES = 8  # StockToken.MAX_PENDING_CHANGES
T = TypeVar("T")


# --- state -----------------------------------------------------------------------------------------

class FakeTokenContract(SQLModel, table=True):
    __tablename__ = "fake_chain_token"
    symbol: str = Field(primary_key=True, max_length=20)
    name: str
    kind: str
    underlying: str
    decimals: int
    owner: str
    minter: str
    multiplier: Decimal = Field(sa_type=DecimalText)  # at deployment; later ones are FakeMultiplierChange rows
    mint_paused: bool = False
    transfers_paused: bool = False


class FakeFrozen(SQLModel, table=True):
    __tablename__ = "fake_chain_frozen"
    symbol: str = Field(primary_key=True, max_length=20)
    address: str = Field(primary_key=True, max_length=42)


class FakeAllowance(SQLModel, table=True):
    __tablename__ = "fake_chain_allowance"
    symbol: str = Field(primary_key=True, max_length=20)
    owner: str = Field(primary_key=True, max_length=42)
    spender: str = Field(primary_key=True, max_length=42)
    amount: Decimal = Field(sa_type=DecimalText)


class FakeBlock(SQLModel, table=True):
    __tablename__ = "fake_chain_block"
    number: int = Field(primary_key=True)
    at: datetime = Field(sa_type=UTCDateTime)
    hash: str
    parent_hash: str


class FakeTx(SQLModel, table=True):
    __tablename__ = "fake_chain_tx"
    tx_hash: str = Field(primary_key=True, max_length=66)
    request_id: str | None = Field(default=None, unique=True, max_length=200)
    block_number: int = Field(index=True)
    at: datetime = Field(sa_type=UTCDateTime)
    symbol: str
    kind: str
    sender: str
    from_address: str = ""
    to_address: str = ""
    amount: Decimal = Field(default=Decimal(0), sa_type=DecimalText)


class FakeMultiplierChange(SQLModel, table=True):
    """A multiplier the owner set, in force from `effective_at` (until a later change takes effect)."""

    __tablename__ = "fake_chain_multiplier"
    id: int | None = Field(default=None, primary_key=True)
    symbol: str = Field(index=True, max_length=20)
    multiplier: Decimal = Field(sa_type=DecimalText)
    effective_at: datetime = Field(sa_type=UTCDateTime)
    set_at: datetime = Field(sa_type=UTCDateTime)
    tx_hash: str = Field(max_length=66)


@dataclass(frozen=True)
class Snapshot:
    """A token's holders at an instant, from the transfer history."""

    symbol: str
    at: datetime
    holders: list[tuple[str, Decimal]]  # (address, balance), by address; empty when only the supply was asked
    total_supply: Decimal
    multiplier: Decimal


def check_address(address: str, field: str) -> str:
    require(bool(ADDRESS.match(address or "")), Revert.INVALID_ADDRESS,
            f"{field} must be 0x followed by 40 lowercase hex characters, got {address!r}", field=field)
    return address


# --- the contracts' rules, over one unit of work ---------------------------------------------------

class Contracts:
    def __init__(self, session: Session, now: datetime, request_id: str | None = None) -> None:
        self.session = session
        self.now = now
        self.request_id = request_id
        self.ledger = Ledger(session)

    # reads

    def token(self, symbol: str) -> FakeTokenContract:
        token = self.session.get(FakeTokenContract, symbol)
        if token is None:
            raise DomainError(Common.UNKNOWN_TOKEN, f"no token contract {symbol!r} on chain", symbol=symbol)
        return token

    def total_supply(self, symbol: str) -> Decimal:
        return -self.ledger.balance(ISSUANCE, symbol)

    def balance(self, symbol: str, address: str) -> Decimal:
        return self.ledger.balance(address, symbol)

    def allowance(self, symbol: str, owner: str, spender: str) -> Decimal:
        row = self.session.get(FakeAllowance, (symbol, owner, spender))
        return row.amount if row else ZERO

    def frozen(self, symbol: str) -> list[str]:
        return [f.address for f in self.session.exec(select(FakeFrozen).where(FakeFrozen.symbol == symbol)
                                                      .order_by(col(FakeFrozen.address)))]

    def is_frozen(self, symbol: str, address: str) -> bool:
        return self.session.get(FakeFrozen, (symbol, address)) is not None

    def multiplier_at(self, symbol: str, at: datetime) -> Decimal:
        """The last change effective by `at` (of two at one instant, the one set later), else the genesis value."""
        change = self.session.exec(
            select(FakeMultiplierChange)
            .where(FakeMultiplierChange.symbol == symbol, FakeMultiplierChange.effective_at <= at)
            .order_by(col(FakeMultiplierChange.effective_at).desc(), col(FakeMultiplierChange.id).desc())
            .limit(1)).first()
        return change.multiplier if change is not None else self.token(symbol).multiplier

    def pending_changes(self, symbol: str) -> list[FakeMultiplierChange]:
        """The changes still to take effect, the last one first."""
        return list(self.session.exec(
            select(FakeMultiplierChange)
            .where(FakeMultiplierChange.symbol == symbol, FakeMultiplierChange.effective_at > self.now)
            .order_by(col(FakeMultiplierChange.effective_at).desc(), col(FakeMultiplierChange.id).desc())))

    def multiplier_change(self, tx_hash: str) -> FakeMultiplierChange | None:
        return self.session.exec(select(FakeMultiplierChange).where(FakeMultiplierChange.tx_hash == tx_hash)).first()

    def holders_at(self, symbol: str, at: datetime | None = None, *, supply_only: bool = False) -> Snapshot:
        """Balances at `at` (the chain's now if None): today's balances less every posting made after
        `at`. A snapshot is of the past: a later instant is refused."""
        self.token(symbol)
        at = utc(at) if at is not None else self.now
        require(at <= self.now, Common.INVALID_ARGUMENT,
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
        return Snapshot(symbol, at, holders, supply, self.multiplier_at(symbol, at))

    # blocks

    def latest_block(self) -> FakeBlock | None:
        return self.session.exec(select(FakeBlock).order_by(col(FakeBlock.number).desc()).limit(1)).first()

    def _transfer_id(self) -> str:
        latest = self.latest_block()
        return f"block:{latest.number + 1 if latest else 0}"

    def _include(self, symbol: str, kind: str, sender: str, from_address: str = "", to_address: str = "",
                 amount: Decimal = ZERO, effective_at: datetime | None = None, **extra: object) -> FakeTx:
        """Seal a one-transaction block and record its event."""
        parent = self.latest_block()
        number = parent.number + 1 if parent else 0
        parent_hash = parent.hash if parent else GENESIS_HASH
        content = f"{number}|{parent_hash}|{symbol}|{kind}|{sender}|{from_address}|{to_address}|{fmt(amount)}"
        tx_hash = "0x" + hashlib.sha256(content.encode()).hexdigest()
        block_hash = "0x" + hashlib.sha256(f"{parent_hash}|{tx_hash}|{self.now.isoformat()}".encode()).hexdigest()
        self.session.add(FakeBlock(number=number, at=self.now, hash=block_hash, parent_hash=parent_hash))
        tx = FakeTx(tx_hash=tx_hash, request_id=self.request_id, block_number=number, at=self.now, symbol=symbol,
                    kind=kind, sender=sender, from_address=from_address, to_address=to_address, amount=amount)
        self.session.add(tx)
        self.session.flush()
        decoded = Decoded(kind, symbol, sender, from_address, to_address, amount,
                          int(effective_at.timestamp()) if effective_at else 0, dict(extra))
        emit(self.session, self.now, event_message(decoded, tx_hash, number, "sandbox"))
        return tx

    # deployment

    def deploy(self, contract: Contract) -> bool:
        if self.session.get(FakeTokenContract, contract.symbol) is not None:
            return False
        self.session.add(FakeTokenContract(symbol=contract.symbol, name=contract.name, kind=contract.kind,
                                           underlying=contract.underlying, decimals=contract.decimals,
                                           owner=contract.owner, minter=contract.minter,
                                           multiplier=contract.genesis_multiplier))
        self.session.flush()
        self._include(contract.symbol, "deployed", contract.owner)
        return True

    # transactions

    def _amount(self, token: FakeTokenContract, raw: RawAmount, *, allow_zero: bool = False) -> Decimal:
        return parse_amount(raw, "amount", token.decimals, allow_zero=allow_zero)

    def _not_frozen(self, token: FakeTokenContract, *addresses: str) -> None:
        for address in addresses:
            require(not self.is_frozen(token.symbol, address), Revert.ADDRESS_FROZEN,
                    f"{address} is frozen in {token.symbol}", address=address)

    def _movable(self, token: FakeTokenContract) -> None:
        require(not token.transfers_paused, Revert.TRANSFERS_PAUSED, f"{token.symbol} transfers are paused")

    def _owner(self, token: FakeTokenContract, sender: str) -> None:
        check_address(sender, "sender")
        require(sender == token.owner, Revert.NOT_OWNER, f"{sender} is not the owner of {token.symbol}")

    def _minter(self, token: FakeTokenContract, sender: str) -> None:
        check_address(sender, "sender")
        require(sender == token.minter, Revert.NOT_MINTER, f"{sender} is not the minter of {token.symbol}")

    def transfer(self, symbol: str, sender: str, to: str, raw_amount: RawAmount) -> FakeTx:
        token = self.token(symbol)
        check_address(sender, "sender")
        check_address(to, "to_address")
        amount = self._amount(token, raw_amount)
        self._movable(token)
        self._not_frozen(token, sender, to)
        self.ledger.transfer(sender, to, symbol, amount, at=self.now, transfer_id=self._transfer_id())
        return self._include(symbol, "transfer", sender, sender, to, amount)

    def approve(self, symbol: str, owner: str, spender: str, raw_amount: RawAmount, *, add: bool = False) -> FakeTx:
        """approve replaces the allowance; increaseAllowance (`add`) adds to it. The Approval carries the new total."""
        token = self.token(symbol)
        check_address(owner, "sender")
        check_address(spender, "spender")
        amount = self._amount(token, raw_amount, allow_zero=not add)
        row = self.session.get(FakeAllowance, (symbol, owner, spender)) or \
            FakeAllowance(symbol=symbol, owner=owner, spender=spender, amount=ZERO)
        row.amount = row.amount + amount if add else amount
        self.session.add(row)
        return self._include(symbol, "approval", owner, owner, spender, row.amount)

    def transfer_from(self, symbol: str, spender: str, owner: str, to: str, raw_amount: RawAmount) -> FakeTx:
        token = self.token(symbol)
        for address, field in ((spender, "sender"), (owner, "from_address"), (to, "to_address")):
            check_address(address, field)
        amount = self._amount(token, raw_amount)
        allowed = self.allowance(symbol, owner, spender)
        require(allowed >= amount, Revert.INSUFFICIENT_ALLOWANCE,
                f"{spender} may spend {fmt(allowed)} {symbol} of {owner}, not {fmt(amount)}", allowance=fmt(allowed))
        self._movable(token)
        self._not_frozen(token, owner, to)
        self.ledger.transfer(owner, to, symbol, amount, at=self.now, transfer_id=self._transfer_id())
        row = self.session.get(FakeAllowance, (symbol, owner, spender))
        assert row is not None
        row.amount = allowed - amount
        self.session.add(row)
        return self._include(symbol, "transfer", spender, owner, to, amount)

    def mint(self, symbol: str, sender: str, to: str, raw_amount: RawAmount) -> FakeTx:
        token = self.token(symbol)
        self._minter(token, sender)
        check_address(to, "to_address")
        amount = self._amount(token, raw_amount)
        require(not token.mint_paused, Revert.MINT_PAUSED, f"minting {symbol} is paused by its owner")
        self._not_frozen(token, to)
        self.ledger.transfer(ISSUANCE, to, symbol, amount, at=self.now, transfer_id=self._transfer_id())
        return self._include(symbol, "mint", sender, "", to, amount)

    def burn(self, symbol: str, sender: str, raw_amount: RawAmount) -> FakeTx:
        token = self.token(symbol)
        self._minter(token, sender)
        amount = self._amount(token, raw_amount)
        self._movable(token)
        self._not_frozen(token, sender)
        self.ledger.transfer(sender, ISSUANCE, symbol, amount, at=self.now, transfer_id=self._transfer_id())
        return self._include(symbol, "burn", sender, sender, "", amount)

    def set_pause(self, symbol: str, sender: str, mint_paused: bool, transfers_paused: bool) -> FakeTx:
        token = self.token(symbol)
        self._owner(token, sender)
        token.mint_paused, token.transfers_paused = mint_paused, transfers_paused
        self.session.add(token)
        return self._include(symbol, "pause", sender, mint_paused=mint_paused, transfers_paused=transfers_paused)

    def set_frozen(self, symbol: str, sender: str, address: str, frozen: bool) -> FakeTx:
        token = self.token(symbol)
        self._owner(token, sender)
        check_address(address, "address")
        row = self.session.get(FakeFrozen, (symbol, address))
        if frozen and row is None:
            self.session.add(FakeFrozen(symbol=symbol, address=address))
        elif not frozen and row is not None:
            self.session.delete(row)
        return self._include(symbol, "freeze", sender, "", address, frozen=frozen)

    def set_multiplier(self, symbol: str, sender: str, raw: RawAmount,
                       effective_at: datetime | None = None) -> tuple[FakeTx, datetime]:
        """A new multiplier from `effective_at` (whole seconds; at once if None or not after now: a chain
        cannot change its past). Returns the transaction and the instant it takes effect."""
        token = self.token(symbol)
        self._owner(token, sender)
        multiplier = parse_amount(raw, "multiplier", MULTIPLIER_PLACES)
        asked = utc(effective_at).replace(microsecond=0) if effective_at is not None else self.now
        effective = max(asked, self.now)
        if effective > self.now:
            require(len(self.pending_changes(symbol)) < MAX_PENDING_CHANGES, Revert.TOO_MANY_PENDING_CHANGES,
                    "too many multiplier changes are pending")
        before = self.multiplier_at(symbol, effective)
        tx = self._include(symbol, "multiplier", sender, multiplier=multiplier, effective_at=effective,
                           multiplier_before=before)
        self.session.add(FakeMultiplierChange(symbol=symbol, multiplier=multiplier, effective_at=effective,
                                              set_at=self.now, tx_hash=tx.tx_hash))
        self.session.flush()
        return tx, effective


# --- messages ---------------------------------------------------------------------------------------

def tx_message(contracts: Contracts, tx: FakeTx) -> chain_pb2.Tx:
    """A transaction; a multiplier change says when it takes effect."""
    change = contracts.multiplier_change(tx.tx_hash) if tx.kind == "multiplier" else None
    return chain_pb2.Tx(tx_hash=tx.tx_hash, block_number=tx.block_number, at=to_ts(tx.at), symbol=tx.symbol,
                        kind=tx.kind, sender=tx.sender, from_address=tx.from_address, to_address=tx.to_address,
                        amount=to_pb(tx.amount), effective_at=to_ts(change.effective_at) if change else None)


def token_message(contracts: Contracts, token: FakeTokenContract) -> chain_pb2.Token:
    """The token at the chain's now: the multiplier in force, and the last one scheduled, if any."""
    pending = contracts.pending_changes(token.symbol)
    scheduled = pending[0] if pending else None
    return chain_pb2.Token(symbol=token.symbol, name=token.name, decimals=token.decimals, kind=token.kind,
                           underlying=token.underlying, owner=token.owner, minter=token.minter,
                           total_supply=to_pb(contracts.total_supply(token.symbol)),
                           multiplier=to_pb(contracts.multiplier_at(token.symbol, contracts.now)),
                           mint_paused=token.mint_paused, transfers_paused=token.transfers_paused,
                           frozen=contracts.frozen(token.symbol),
                           scheduled_multiplier=to_pb(scheduled.multiplier) if scheduled else None,
                           scheduled_at=to_ts(scheduled.effective_at) if scheduled else None)


# --- the chain, as its callers see it ---------------------------------------------------------------

class LedgerChain:
    """The token contracts behind the chain's request messages, with no key checked: a test stands for
    whichever party it likes (a holder's transfer, the faucet's mint). Give a service `LedgerWallet`."""

    def __init__(self, db: Database, clock: ClockSource) -> None:
        self.db = db
        self.clock = clock

    def genesis(self, contracts: dict[str, Contract]) -> int:
        """Deploy every contract not yet on chain."""
        with self.db.transaction() as session:
            chain = Contracts(session, self.clock.now())
            return sum(chain.deploy(c) for c in contracts.values())

    def _read(self, fn: Callable[[Contracts], T]) -> T:
        with self.db.read() as session:
            return fn(Contracts(session, self.clock.now()))

    def _write(self, request_id: str, fn: Callable[[Contracts], FakeTx]) -> chain_pb2.Tx:
        """Once per request id: a second request with the same id gets the first one's transaction."""
        with self.db.transaction() as session:
            contracts = Contracts(session, self.clock.now(), request_id or None)
            done = session.exec(select(FakeTx).where(FakeTx.request_id == request_id)).first() if request_id else None
            return tx_message(contracts, done if done is not None else fn(contracts))

    # reads

    def ListTokens(self, request: chain_pb2.ListTokensRequest) -> chain_pb2.ListTokensResponse:
        return self._read(lambda c: chain_pb2.ListTokensResponse(tokens=[
            token_message(c, t) for t in c.session.exec(select(FakeTokenContract).order_by(FakeTokenContract.symbol))]))

    def GetToken(self, request: chain_pb2.TokenRequest) -> chain_pb2.Token:
        return self._read(lambda c: token_message(c, c.token(request.symbol)))

    def BalanceOf(self, request: chain_pb2.BalanceRequest) -> chain_pb2.Balance:
        def read(c: Contracts) -> chain_pb2.Balance:
            c.token(request.symbol)
            check_address(request.address, "address")
            return chain_pb2.Balance(symbol=request.symbol, address=request.address,
                                     amount=to_pb(c.balance(request.symbol, request.address)))
        return self._read(read)

    def GetAllowance(self, request: chain_pb2.AllowanceRequest) -> chain_pb2.Allowance:
        def read(c: Contracts) -> chain_pb2.Allowance:
            c.token(request.symbol)
            return chain_pb2.Allowance(symbol=request.symbol, owner=request.owner, spender=request.spender,
                                       amount=to_pb(c.allowance(request.symbol, request.owner, request.spender)))
        return self._read(read)

    def HoldersAt(self, request: chain_pb2.HoldersAtRequest) -> chain_pb2.Holders:
        at = from_ts(request.at) if request.HasField("at") else None

        def read(c: Contracts) -> chain_pb2.Holders:
            snap = c.holders_at(request.symbol, at, supply_only=request.supply_only)
            holders, following = page_of(snap.holders, lambda h: (h[0],), [str], request.page_token, request.limit)
            return chain_pb2.Holders(
                symbol=snap.symbol, at=to_ts(snap.at), total_supply=to_pb(snap.total_supply),
                multiplier=to_pb(snap.multiplier), next_page_token=following,
                holders=[chain_pb2.TokenHolding(address=a, balance=to_pb(b)) for a, b in holders])
        return self._read(read)

    # writes

    def Transfer(self, request: chain_pb2.TransferRequest) -> chain_pb2.Tx:
        return self._write(request.request_id, lambda c: c.transfer(request.symbol, request.sender,
                                                                      request.to_address, request.amount))

    def Approve(self, request: chain_pb2.ApproveRequest) -> chain_pb2.Tx:
        return self._write(request.request_id, lambda c: c.approve(request.symbol, request.sender, request.spender,
                                                                     request.amount))

    def IncreaseAllowance(self, request: chain_pb2.IncreaseAllowanceRequest) -> chain_pb2.Tx:
        return self._write(request.request_id, lambda c: c.approve(request.symbol, request.sender, request.spender,
                                                                     request.amount, add=True))

    def TransferFrom(self, request: chain_pb2.TransferFromRequest) -> chain_pb2.Tx:
        return self._write(request.request_id, lambda c: c.transfer_from(
            request.symbol, request.sender, request.from_address, request.to_address, request.amount))

    def Mint(self, request: chain_pb2.MintTokensRequest) -> chain_pb2.Tx:
        return self._write(request.request_id, lambda c: c.mint(request.symbol, request.sender, request.to_address,
                                                                  request.amount))

    def Burn(self, request: chain_pb2.BurnTokensRequest) -> chain_pb2.Tx:
        return self._write(request.request_id, lambda c: c.burn(request.symbol, request.sender, request.amount))

    def SetPause(self, request: chain_pb2.SetPauseRequest) -> chain_pb2.Tx:
        return self._write(request.request_id, lambda c: c.set_pause(request.symbol, request.sender,
                                                                       request.mint_paused, request.transfers_paused))

    def SetFrozen(self, request: chain_pb2.SetFrozenRequest) -> chain_pb2.Tx:
        return self._write(request.request_id, lambda c: c.set_frozen(request.symbol, request.sender,
                                                                        request.address, request.frozen))

    def SetMultiplier(self, request: chain_pb2.SetMultiplierRequest) -> chain_pb2.Tx:
        effective_at = from_ts(request.effective_at) if request.HasField("effective_at") else None
        return self._write(request.request_id, lambda c: c.set_multiplier(request.symbol, request.sender,
                                                                            request.multiplier, effective_at)[0])


class LedgerWallet:
    """A service's wallet over the fake chain: reads pass through; a write whose sender is not one of
    the addresses this service holds the key of is refused (NOT_KEY_HOLDER), as `kernel.wallet.Wallet`
    refuses it before anything is sent."""

    def __init__(self, chain: LedgerChain, service: str, held: Iterable[str]) -> None:
        self.chain = chain
        self.service = service
        self.held = {address.lower() for address in held}

    def _signed(self, sender: str) -> None:
        if sender.lower() not in self.held:
            raise DomainError(Common.NOT_KEY_HOLDER, f"{self.service} holds no key for {sender}", sender=sender)

    def ListTokens(self, request: chain_pb2.ListTokensRequest) -> chain_pb2.ListTokensResponse:
        return self.chain.ListTokens(request)

    def GetToken(self, request: chain_pb2.TokenRequest) -> chain_pb2.Token:
        return self.chain.GetToken(request)

    def BalanceOf(self, request: chain_pb2.BalanceRequest) -> chain_pb2.Balance:
        return self.chain.BalanceOf(request)

    def GetAllowance(self, request: chain_pb2.AllowanceRequest) -> chain_pb2.Allowance:
        return self.chain.GetAllowance(request)

    def HoldersAt(self, request: chain_pb2.HoldersAtRequest) -> chain_pb2.Holders:
        return self.chain.HoldersAt(request)

    def Transfer(self, request: chain_pb2.TransferRequest) -> chain_pb2.Tx:
        self._signed(request.sender)
        return self.chain.Transfer(request)

    def Approve(self, request: chain_pb2.ApproveRequest) -> chain_pb2.Tx:
        self._signed(request.sender)
        return self.chain.Approve(request)

    def IncreaseAllowance(self, request: chain_pb2.IncreaseAllowanceRequest) -> chain_pb2.Tx:
        self._signed(request.sender)
        return self.chain.IncreaseAllowance(request)

    def TransferFrom(self, request: chain_pb2.TransferFromRequest) -> chain_pb2.Tx:
        self._signed(request.sender)
        return self.chain.TransferFrom(request)

    def Mint(self, request: chain_pb2.MintTokensRequest) -> chain_pb2.Tx:
        self._signed(request.sender)
        return self.chain.Mint(request)

    def Burn(self, request: chain_pb2.BurnTokensRequest) -> chain_pb2.Tx:
        self._signed(request.sender)
        return self.chain.Burn(request)

    def SetPause(self, request: chain_pb2.SetPauseRequest) -> chain_pb2.Tx:
        self._signed(request.sender)
        return self.chain.SetPause(request)

    def SetFrozen(self, request: chain_pb2.SetFrozenRequest) -> chain_pb2.Tx:
        self._signed(request.sender)
        return self.chain.SetFrozen(request)

    def SetMultiplier(self, request: chain_pb2.SetMultiplierRequest) -> chain_pb2.Tx:
        self._signed(request.sender)
        return self.chain.SetMultiplier(request)
