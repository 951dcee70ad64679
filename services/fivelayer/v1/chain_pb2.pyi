import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from fivelayer.v1 import common_pb2 as _common_pb2
from fivelayer.v1 import decimal_pb2 as _decimal_pb2
from fivelayer.v1 import statuses_pb2 as _statuses_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Token(_message.Message):
    __slots__ = ("address", "symbol", "name", "decimals", "kind", "underlying", "owner", "minter", "total_supply", "multiplier", "mint_paused", "transfers_paused", "frozen", "scheduled_multiplier", "scheduled_at", "next_change_at")
    ADDRESS_FIELD_NUMBER: _ClassVar[int]
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    DECIMALS_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    UNDERLYING_FIELD_NUMBER: _ClassVar[int]
    OWNER_FIELD_NUMBER: _ClassVar[int]
    MINTER_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SUPPLY_FIELD_NUMBER: _ClassVar[int]
    MULTIPLIER_FIELD_NUMBER: _ClassVar[int]
    MINT_PAUSED_FIELD_NUMBER: _ClassVar[int]
    TRANSFERS_PAUSED_FIELD_NUMBER: _ClassVar[int]
    FROZEN_FIELD_NUMBER: _ClassVar[int]
    SCHEDULED_MULTIPLIER_FIELD_NUMBER: _ClassVar[int]
    SCHEDULED_AT_FIELD_NUMBER: _ClassVar[int]
    NEXT_CHANGE_AT_FIELD_NUMBER: _ClassVar[int]
    address: str
    symbol: str
    name: str
    decimals: int
    kind: str
    underlying: str
    owner: str
    minter: str
    total_supply: _decimal_pb2.Decimal
    multiplier: _decimal_pb2.Decimal
    mint_paused: bool
    transfers_paused: bool
    frozen: _containers.RepeatedScalarFieldContainer[str]
    scheduled_multiplier: _decimal_pb2.Decimal
    scheduled_at: _timestamp_pb2.Timestamp
    next_change_at: _timestamp_pb2.Timestamp
    def __init__(self, address: _Optional[str] = ..., symbol: _Optional[str] = ..., name: _Optional[str] = ..., decimals: _Optional[int] = ..., kind: _Optional[str] = ..., underlying: _Optional[str] = ..., owner: _Optional[str] = ..., minter: _Optional[str] = ..., total_supply: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., multiplier: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., mint_paused: _Optional[bool] = ..., transfers_paused: _Optional[bool] = ..., frozen: _Optional[_Iterable[str]] = ..., scheduled_multiplier: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., scheduled_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., next_change_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class TokenRequest(_message.Message):
    __slots__ = ("symbol", "at")
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    AT_FIELD_NUMBER: _ClassVar[int]
    symbol: str
    at: _timestamp_pb2.Timestamp
    def __init__(self, symbol: _Optional[str] = ..., at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ListTokensRequest(_message.Message):
    __slots__ = ("limit", "page_token")
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    limit: int
    page_token: str
    def __init__(self, limit: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListTokensResponse(_message.Message):
    __slots__ = ("tokens", "next_page_token")
    TOKENS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    tokens: _containers.RepeatedCompositeFieldContainer[Token]
    next_page_token: str
    def __init__(self, tokens: _Optional[_Iterable[_Union[Token, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class BalanceRequest(_message.Message):
    __slots__ = ("symbol", "address")
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    ADDRESS_FIELD_NUMBER: _ClassVar[int]
    symbol: str
    address: str
    def __init__(self, symbol: _Optional[str] = ..., address: _Optional[str] = ...) -> None: ...

class Balance(_message.Message):
    __slots__ = ("symbol", "address", "amount")
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    ADDRESS_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    symbol: str
    address: str
    amount: _decimal_pb2.Decimal
    def __init__(self, symbol: _Optional[str] = ..., address: _Optional[str] = ..., amount: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ...) -> None: ...

class AllowanceRequest(_message.Message):
    __slots__ = ("symbol", "owner", "spender")
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    OWNER_FIELD_NUMBER: _ClassVar[int]
    SPENDER_FIELD_NUMBER: _ClassVar[int]
    symbol: str
    owner: str
    spender: str
    def __init__(self, symbol: _Optional[str] = ..., owner: _Optional[str] = ..., spender: _Optional[str] = ...) -> None: ...

class Allowance(_message.Message):
    __slots__ = ("symbol", "owner", "spender", "amount")
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    OWNER_FIELD_NUMBER: _ClassVar[int]
    SPENDER_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    symbol: str
    owner: str
    spender: str
    amount: _decimal_pb2.Decimal
    def __init__(self, symbol: _Optional[str] = ..., owner: _Optional[str] = ..., spender: _Optional[str] = ..., amount: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ...) -> None: ...

class Tx(_message.Message):
    __slots__ = ("tx_hash", "block_number", "at", "symbol", "kind", "sender", "from_address", "to_address", "amount", "effective_at")
    TX_HASH_FIELD_NUMBER: _ClassVar[int]
    BLOCK_NUMBER_FIELD_NUMBER: _ClassVar[int]
    AT_FIELD_NUMBER: _ClassVar[int]
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    SENDER_FIELD_NUMBER: _ClassVar[int]
    FROM_ADDRESS_FIELD_NUMBER: _ClassVar[int]
    TO_ADDRESS_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    EFFECTIVE_AT_FIELD_NUMBER: _ClassVar[int]
    tx_hash: str
    block_number: int
    at: _timestamp_pb2.Timestamp
    symbol: str
    kind: str
    sender: str
    from_address: str
    to_address: str
    amount: _decimal_pb2.Decimal
    effective_at: _timestamp_pb2.Timestamp
    def __init__(self, tx_hash: _Optional[str] = ..., block_number: _Optional[int] = ..., at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., symbol: _Optional[str] = ..., kind: _Optional[str] = ..., sender: _Optional[str] = ..., from_address: _Optional[str] = ..., to_address: _Optional[str] = ..., amount: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., effective_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class TransferRequest(_message.Message):
    __slots__ = ("request_id", "symbol", "sender", "to_address", "amount")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    SENDER_FIELD_NUMBER: _ClassVar[int]
    TO_ADDRESS_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    symbol: str
    sender: str
    to_address: str
    amount: _decimal_pb2.Decimal
    def __init__(self, request_id: _Optional[str] = ..., symbol: _Optional[str] = ..., sender: _Optional[str] = ..., to_address: _Optional[str] = ..., amount: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ...) -> None: ...

class ApproveRequest(_message.Message):
    __slots__ = ("request_id", "symbol", "sender", "spender", "amount")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    SENDER_FIELD_NUMBER: _ClassVar[int]
    SPENDER_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    symbol: str
    sender: str
    spender: str
    amount: _decimal_pb2.Decimal
    def __init__(self, request_id: _Optional[str] = ..., symbol: _Optional[str] = ..., sender: _Optional[str] = ..., spender: _Optional[str] = ..., amount: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ...) -> None: ...

class IncreaseAllowanceRequest(_message.Message):
    __slots__ = ("request_id", "symbol", "sender", "spender", "amount")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    SENDER_FIELD_NUMBER: _ClassVar[int]
    SPENDER_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    symbol: str
    sender: str
    spender: str
    amount: _decimal_pb2.Decimal
    def __init__(self, request_id: _Optional[str] = ..., symbol: _Optional[str] = ..., sender: _Optional[str] = ..., spender: _Optional[str] = ..., amount: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ...) -> None: ...

class TransferFromRequest(_message.Message):
    __slots__ = ("request_id", "symbol", "sender", "from_address", "to_address", "amount")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    SENDER_FIELD_NUMBER: _ClassVar[int]
    FROM_ADDRESS_FIELD_NUMBER: _ClassVar[int]
    TO_ADDRESS_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    symbol: str
    sender: str
    from_address: str
    to_address: str
    amount: _decimal_pb2.Decimal
    def __init__(self, request_id: _Optional[str] = ..., symbol: _Optional[str] = ..., sender: _Optional[str] = ..., from_address: _Optional[str] = ..., to_address: _Optional[str] = ..., amount: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ...) -> None: ...

class MintTokensRequest(_message.Message):
    __slots__ = ("request_id", "symbol", "sender", "to_address", "amount")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    SENDER_FIELD_NUMBER: _ClassVar[int]
    TO_ADDRESS_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    symbol: str
    sender: str
    to_address: str
    amount: _decimal_pb2.Decimal
    def __init__(self, request_id: _Optional[str] = ..., symbol: _Optional[str] = ..., sender: _Optional[str] = ..., to_address: _Optional[str] = ..., amount: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ...) -> None: ...

class BurnTokensRequest(_message.Message):
    __slots__ = ("request_id", "symbol", "sender", "amount")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    SENDER_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    symbol: str
    sender: str
    amount: _decimal_pb2.Decimal
    def __init__(self, request_id: _Optional[str] = ..., symbol: _Optional[str] = ..., sender: _Optional[str] = ..., amount: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ...) -> None: ...

class SetPauseRequest(_message.Message):
    __slots__ = ("request_id", "symbol", "sender", "mint_paused", "transfers_paused")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    SENDER_FIELD_NUMBER: _ClassVar[int]
    MINT_PAUSED_FIELD_NUMBER: _ClassVar[int]
    TRANSFERS_PAUSED_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    symbol: str
    sender: str
    mint_paused: bool
    transfers_paused: bool
    def __init__(self, request_id: _Optional[str] = ..., symbol: _Optional[str] = ..., sender: _Optional[str] = ..., mint_paused: _Optional[bool] = ..., transfers_paused: _Optional[bool] = ...) -> None: ...

class SetFrozenRequest(_message.Message):
    __slots__ = ("request_id", "symbol", "sender", "address", "frozen")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    SENDER_FIELD_NUMBER: _ClassVar[int]
    ADDRESS_FIELD_NUMBER: _ClassVar[int]
    FROZEN_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    symbol: str
    sender: str
    address: str
    frozen: bool
    def __init__(self, request_id: _Optional[str] = ..., symbol: _Optional[str] = ..., sender: _Optional[str] = ..., address: _Optional[str] = ..., frozen: _Optional[bool] = ...) -> None: ...

class SetMultiplierRequest(_message.Message):
    __slots__ = ("request_id", "symbol", "sender", "multiplier", "effective_at")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    SENDER_FIELD_NUMBER: _ClassVar[int]
    MULTIPLIER_FIELD_NUMBER: _ClassVar[int]
    EFFECTIVE_AT_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    symbol: str
    sender: str
    multiplier: _decimal_pb2.Decimal
    effective_at: _timestamp_pb2.Timestamp
    def __init__(self, request_id: _Optional[str] = ..., symbol: _Optional[str] = ..., sender: _Optional[str] = ..., multiplier: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., effective_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class HoldersAtRequest(_message.Message):
    __slots__ = ("symbol", "at", "supply_only", "limit", "page_token")
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    AT_FIELD_NUMBER: _ClassVar[int]
    SUPPLY_ONLY_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    symbol: str
    at: _timestamp_pb2.Timestamp
    supply_only: bool
    limit: int
    page_token: str
    def __init__(self, symbol: _Optional[str] = ..., at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., supply_only: _Optional[bool] = ..., limit: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class TokenHolding(_message.Message):
    __slots__ = ("address", "balance")
    ADDRESS_FIELD_NUMBER: _ClassVar[int]
    BALANCE_FIELD_NUMBER: _ClassVar[int]
    address: str
    balance: _decimal_pb2.Decimal
    def __init__(self, address: _Optional[str] = ..., balance: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ...) -> None: ...

class Holders(_message.Message):
    __slots__ = ("symbol", "at", "holders", "total_supply", "multiplier", "next_page_token")
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    AT_FIELD_NUMBER: _ClassVar[int]
    HOLDERS_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SUPPLY_FIELD_NUMBER: _ClassVar[int]
    MULTIPLIER_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    symbol: str
    at: _timestamp_pb2.Timestamp
    holders: _containers.RepeatedCompositeFieldContainer[TokenHolding]
    total_supply: _decimal_pb2.Decimal
    multiplier: _decimal_pb2.Decimal
    next_page_token: str
    def __init__(self, symbol: _Optional[str] = ..., at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., holders: _Optional[_Iterable[_Union[TokenHolding, _Mapping]]] = ..., total_supply: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., multiplier: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class TxRequest(_message.Message):
    __slots__ = ("tx_hash",)
    TX_HASH_FIELD_NUMBER: _ClassVar[int]
    tx_hash: str
    def __init__(self, tx_hash: _Optional[str] = ...) -> None: ...

class BlockRequest(_message.Message):
    __slots__ = ("number",)
    NUMBER_FIELD_NUMBER: _ClassVar[int]
    number: int
    def __init__(self, number: _Optional[int] = ...) -> None: ...

class Block(_message.Message):
    __slots__ = ("number", "at", "hash", "parent_hash", "txs")
    NUMBER_FIELD_NUMBER: _ClassVar[int]
    AT_FIELD_NUMBER: _ClassVar[int]
    HASH_FIELD_NUMBER: _ClassVar[int]
    PARENT_HASH_FIELD_NUMBER: _ClassVar[int]
    TXS_FIELD_NUMBER: _ClassVar[int]
    number: int
    at: _timestamp_pb2.Timestamp
    hash: str
    parent_hash: str
    txs: _containers.RepeatedCompositeFieldContainer[Tx]
    def __init__(self, number: _Optional[int] = ..., at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., hash: _Optional[str] = ..., parent_hash: _Optional[str] = ..., txs: _Optional[_Iterable[_Union[Tx, _Mapping]]] = ...) -> None: ...

class SendTransactionRequest(_message.Message):
    __slots__ = ("request_id", "raw_tx")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    RAW_TX_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    raw_tx: bytes
    def __init__(self, request_id: _Optional[str] = ..., raw_tx: _Optional[bytes] = ...) -> None: ...

class CheckCallRequest(_message.Message):
    __slots__ = ("symbol", "sender", "data")
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    SENDER_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    symbol: str
    sender: str
    data: bytes
    def __init__(self, symbol: _Optional[str] = ..., sender: _Optional[str] = ..., data: _Optional[bytes] = ...) -> None: ...

class NonceRequest(_message.Message):
    __slots__ = ("address",)
    ADDRESS_FIELD_NUMBER: _ClassVar[int]
    address: str
    def __init__(self, address: _Optional[str] = ...) -> None: ...

class Nonce(_message.Message):
    __slots__ = ("address", "nonce")
    ADDRESS_FIELD_NUMBER: _ClassVar[int]
    NONCE_FIELD_NUMBER: _ClassVar[int]
    address: str
    nonce: int
    def __init__(self, address: _Optional[str] = ..., nonce: _Optional[int] = ...) -> None: ...

class FaucetRequest(_message.Message):
    __slots__ = ("request_id", "to_address", "amount")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    TO_ADDRESS_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    to_address: str
    amount: _decimal_pb2.Decimal
    def __init__(self, request_id: _Optional[str] = ..., to_address: _Optional[str] = ..., amount: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ...) -> None: ...

class MineRequest(_message.Message):
    __slots__ = ("at",)
    AT_FIELD_NUMBER: _ClassVar[int]
    at: _timestamp_pb2.Timestamp
    def __init__(self, at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ListTransfersRequest(_message.Message):
    __slots__ = ("symbol", "address", "from_block", "limit", "page_token")
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    ADDRESS_FIELD_NUMBER: _ClassVar[int]
    FROM_BLOCK_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    symbol: str
    address: str
    from_block: int
    limit: int
    page_token: str
    def __init__(self, symbol: _Optional[str] = ..., address: _Optional[str] = ..., from_block: _Optional[int] = ..., limit: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class TransferLog(_message.Message):
    __slots__ = ("tx_hash", "block_number", "block_hash", "log_index", "at", "symbol", "from_address", "to_address", "amount")
    TX_HASH_FIELD_NUMBER: _ClassVar[int]
    BLOCK_NUMBER_FIELD_NUMBER: _ClassVar[int]
    BLOCK_HASH_FIELD_NUMBER: _ClassVar[int]
    LOG_INDEX_FIELD_NUMBER: _ClassVar[int]
    AT_FIELD_NUMBER: _ClassVar[int]
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    FROM_ADDRESS_FIELD_NUMBER: _ClassVar[int]
    TO_ADDRESS_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    tx_hash: str
    block_number: int
    block_hash: str
    log_index: int
    at: _timestamp_pb2.Timestamp
    symbol: str
    from_address: str
    to_address: str
    amount: _decimal_pb2.Decimal
    def __init__(self, tx_hash: _Optional[str] = ..., block_number: _Optional[int] = ..., block_hash: _Optional[str] = ..., log_index: _Optional[int] = ..., at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., symbol: _Optional[str] = ..., from_address: _Optional[str] = ..., to_address: _Optional[str] = ..., amount: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ...) -> None: ...

class ListTransfersResponse(_message.Message):
    __slots__ = ("transfers", "next_page_token", "head")
    TRANSFERS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    HEAD_FIELD_NUMBER: _ClassVar[int]
    transfers: _containers.RepeatedCompositeFieldContainer[TransferLog]
    next_page_token: str
    head: int
    def __init__(self, transfers: _Optional[_Iterable[_Union[TransferLog, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., head: _Optional[int] = ...) -> None: ...

class ReorgRequest(_message.Message):
    __slots__ = ("request_id", "depth", "drop")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    DEPTH_FIELD_NUMBER: _ClassVar[int]
    DROP_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    depth: int
    drop: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, request_id: _Optional[str] = ..., depth: _Optional[int] = ..., drop: _Optional[_Iterable[str]] = ...) -> None: ...

class ReorgResponse(_message.Message):
    __slots__ = ("head", "dropped", "replaced_blocks")
    HEAD_FIELD_NUMBER: _ClassVar[int]
    DROPPED_FIELD_NUMBER: _ClassVar[int]
    REPLACED_BLOCKS_FIELD_NUMBER: _ClassVar[int]
    head: int
    dropped: _containers.RepeatedScalarFieldContainer[str]
    replaced_blocks: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, head: _Optional[int] = ..., dropped: _Optional[_Iterable[str]] = ..., replaced_blocks: _Optional[_Iterable[str]] = ...) -> None: ...

class Network(_message.Message):
    __slots__ = ("chain_id", "rpc_url", "head", "head_at", "mnemonic", "accounts", "roles", "node", "node_pid", "journal_entries")
    CHAIN_ID_FIELD_NUMBER: _ClassVar[int]
    RPC_URL_FIELD_NUMBER: _ClassVar[int]
    HEAD_FIELD_NUMBER: _ClassVar[int]
    HEAD_AT_FIELD_NUMBER: _ClassVar[int]
    MNEMONIC_FIELD_NUMBER: _ClassVar[int]
    ACCOUNTS_FIELD_NUMBER: _ClassVar[int]
    ROLES_FIELD_NUMBER: _ClassVar[int]
    NODE_FIELD_NUMBER: _ClassVar[int]
    NODE_PID_FIELD_NUMBER: _ClassVar[int]
    JOURNAL_ENTRIES_FIELD_NUMBER: _ClassVar[int]
    chain_id: int
    rpc_url: str
    head: int
    head_at: _timestamp_pb2.Timestamp
    mnemonic: str
    accounts: _containers.RepeatedCompositeFieldContainer[TestAccount]
    roles: _containers.RepeatedCompositeFieldContainer[Role]
    node: str
    node_pid: int
    journal_entries: int
    def __init__(self, chain_id: _Optional[int] = ..., rpc_url: _Optional[str] = ..., head: _Optional[int] = ..., head_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., mnemonic: _Optional[str] = ..., accounts: _Optional[_Iterable[_Union[TestAccount, _Mapping]]] = ..., roles: _Optional[_Iterable[_Union[Role, _Mapping]]] = ..., node: _Optional[str] = ..., node_pid: _Optional[int] = ..., journal_entries: _Optional[int] = ...) -> None: ...

class TestAccount(_message.Message):
    __slots__ = ("address", "private_key", "eth")
    ADDRESS_FIELD_NUMBER: _ClassVar[int]
    PRIVATE_KEY_FIELD_NUMBER: _ClassVar[int]
    ETH_FIELD_NUMBER: _ClassVar[int]
    address: str
    private_key: str
    eth: _decimal_pb2.Decimal
    def __init__(self, address: _Optional[str] = ..., private_key: _Optional[str] = ..., eth: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ...) -> None: ...

class Role(_message.Message):
    __slots__ = ("name", "address", "held_by", "grants")
    NAME_FIELD_NUMBER: _ClassVar[int]
    ADDRESS_FIELD_NUMBER: _ClassVar[int]
    HELD_BY_FIELD_NUMBER: _ClassVar[int]
    GRANTS_FIELD_NUMBER: _ClassVar[int]
    name: str
    address: str
    held_by: str
    grants: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, name: _Optional[str] = ..., address: _Optional[str] = ..., held_by: _Optional[str] = ..., grants: _Optional[_Iterable[str]] = ...) -> None: ...

class IssueStablecoinRequest(_message.Message):
    __slots__ = ("request_id", "amount", "to_address", "wire_reference")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    TO_ADDRESS_FIELD_NUMBER: _ClassVar[int]
    WIRE_REFERENCE_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    amount: _decimal_pb2.Decimal
    to_address: str
    wire_reference: str
    def __init__(self, request_id: _Optional[str] = ..., amount: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., to_address: _Optional[str] = ..., wire_reference: _Optional[str] = ...) -> None: ...

class StablecoinRedemptionRequest(_message.Message):
    __slots__ = ("request_id", "tx_hash", "beneficiary_account_id")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    TX_HASH_FIELD_NUMBER: _ClassVar[int]
    BENEFICIARY_ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    tx_hash: str
    beneficiary_account_id: str
    def __init__(self, request_id: _Optional[str] = ..., tx_hash: _Optional[str] = ..., beneficiary_account_id: _Optional[str] = ...) -> None: ...

class StablecoinRedemption(_message.Message):
    __slots__ = ("redemption_id", "request_id", "holder", "amount", "price", "usd", "beneficiary_account_id", "status", "requested_at", "value_date", "pays_at", "paid_at", "burn_tx", "reason")
    REDEMPTION_ID_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    HOLDER_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    PRICE_FIELD_NUMBER: _ClassVar[int]
    USD_FIELD_NUMBER: _ClassVar[int]
    BENEFICIARY_ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    REQUESTED_AT_FIELD_NUMBER: _ClassVar[int]
    VALUE_DATE_FIELD_NUMBER: _ClassVar[int]
    PAYS_AT_FIELD_NUMBER: _ClassVar[int]
    PAID_AT_FIELD_NUMBER: _ClassVar[int]
    BURN_TX_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    redemption_id: str
    request_id: str
    holder: str
    amount: _decimal_pb2.Decimal
    price: _decimal_pb2.Decimal
    usd: _decimal_pb2.Decimal
    beneficiary_account_id: str
    status: _statuses_pb2.StablecoinRedemptionStatus
    requested_at: _timestamp_pb2.Timestamp
    value_date: str
    pays_at: _timestamp_pb2.Timestamp
    paid_at: _timestamp_pb2.Timestamp
    burn_tx: str
    reason: str
    def __init__(self, redemption_id: _Optional[str] = ..., request_id: _Optional[str] = ..., holder: _Optional[str] = ..., amount: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., price: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., usd: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., beneficiary_account_id: _Optional[str] = ..., status: _Optional[_Union[_statuses_pb2.StablecoinRedemptionStatus, str]] = ..., requested_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., value_date: _Optional[str] = ..., pays_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., paid_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., burn_tx: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class StablecoinRedemptionIdRequest(_message.Message):
    __slots__ = ("redemption_id",)
    REDEMPTION_ID_FIELD_NUMBER: _ClassVar[int]
    redemption_id: str
    def __init__(self, redemption_id: _Optional[str] = ...) -> None: ...

class ListStablecoinRedemptionsRequest(_message.Message):
    __slots__ = ("holder", "limit", "page_token")
    HOLDER_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    holder: str
    limit: int
    page_token: str
    def __init__(self, holder: _Optional[str] = ..., limit: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListStablecoinRedemptionsResponse(_message.Message):
    __slots__ = ("redemptions", "next_page_token")
    REDEMPTIONS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    redemptions: _containers.RepeatedCompositeFieldContainer[StablecoinRedemption]
    next_page_token: str
    def __init__(self, redemptions: _Optional[_Iterable[_Union[StablecoinRedemption, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class StablecoinReserve(_message.Message):
    __slots__ = ("supply", "reserve_usd", "stuck_usd", "in_transit_usd", "redemption_price", "redemptions_halted", "wire_delay", "reason", "redemption_address")
    SUPPLY_FIELD_NUMBER: _ClassVar[int]
    RESERVE_USD_FIELD_NUMBER: _ClassVar[int]
    STUCK_USD_FIELD_NUMBER: _ClassVar[int]
    IN_TRANSIT_USD_FIELD_NUMBER: _ClassVar[int]
    REDEMPTION_PRICE_FIELD_NUMBER: _ClassVar[int]
    REDEMPTIONS_HALTED_FIELD_NUMBER: _ClassVar[int]
    WIRE_DELAY_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    REDEMPTION_ADDRESS_FIELD_NUMBER: _ClassVar[int]
    supply: _decimal_pb2.Decimal
    reserve_usd: _decimal_pb2.Decimal
    stuck_usd: _decimal_pb2.Decimal
    in_transit_usd: _decimal_pb2.Decimal
    redemption_price: _decimal_pb2.Decimal
    redemptions_halted: bool
    wire_delay: str
    reason: str
    redemption_address: str
    def __init__(self, supply: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., reserve_usd: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., stuck_usd: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., in_transit_usd: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., redemption_price: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., redemptions_halted: _Optional[bool] = ..., wire_delay: _Optional[str] = ..., reason: _Optional[str] = ..., redemption_address: _Optional[str] = ...) -> None: ...

class SetStablecoinConditionsRequest(_message.Message):
    __slots__ = ("request_id", "redemptions_halted", "redemption_price", "wire_delay", "stuck_usd", "reason")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    REDEMPTIONS_HALTED_FIELD_NUMBER: _ClassVar[int]
    REDEMPTION_PRICE_FIELD_NUMBER: _ClassVar[int]
    WIRE_DELAY_FIELD_NUMBER: _ClassVar[int]
    STUCK_USD_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    redemptions_halted: bool
    redemption_price: _decimal_pb2.Decimal
    wire_delay: str
    stuck_usd: _decimal_pb2.Decimal
    reason: str
    def __init__(self, request_id: _Optional[str] = ..., redemptions_halted: _Optional[bool] = ..., redemption_price: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., wire_delay: _Optional[str] = ..., stuck_usd: _Optional[_Union[_decimal_pb2.Decimal, _Mapping]] = ..., reason: _Optional[str] = ...) -> None: ...

class WireQuoteRequest(_message.Message):
    __slots__ = ("at",)
    AT_FIELD_NUMBER: _ClassVar[int]
    at: _timestamp_pb2.Timestamp
    def __init__(self, at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class WireQuote(_message.Message):
    __slots__ = ("value_date", "pays_at", "rule")
    VALUE_DATE_FIELD_NUMBER: _ClassVar[int]
    PAYS_AT_FIELD_NUMBER: _ClassVar[int]
    RULE_FIELD_NUMBER: _ClassVar[int]
    value_date: str
    pays_at: _timestamp_pb2.Timestamp
    rule: str
    def __init__(self, value_date: _Optional[str] = ..., pays_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., rule: _Optional[str] = ...) -> None: ...
