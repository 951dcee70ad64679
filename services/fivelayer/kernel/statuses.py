"""A status as a service stores it (a StrEnum of words) and as statuses.proto names it, matched by member name.

A service keeps a status in its rows as a lower-case word ("pending_redemption": what rows held before the
enums, so no migration) through a StrEnum; on the wire it is the statuses.proto value of the same member
name (`OrderStatus.FILLED` is `ORDER_STATUS_FILLED`). `by_name` builds that map once per status, and a
member the proto does not declare fails at import (ValueError), so the two cannot drift apart.
"""
from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import TypeVar, cast

from google.protobuf.internal.enum_type_wrapper import EnumTypeWrapper

S = TypeVar("S", bound=StrEnum)
V = TypeVar("V", bound=int)


def by_name(words: type[S], proto: type[V]) -> dict[S, V]:
    """Each member of `words` to the value of `proto` (a statuses.proto enum) named after it."""
    wrapper = cast(EnumTypeWrapper, proto)   # generated enums are EnumTypeWrapper objects at run time
    prefix = wrapper.DESCRIPTOR.values[0].name.removesuffix("UNSPECIFIED")
    return {member: cast(V, wrapper.Value(prefix + member.name)) for member in words}


def inverse(mapping: Mapping[S, V]) -> dict[V, S]:
    """The wire value back to the stored word (a request's status filter, a peer's answer)."""
    return {value: member for member, value in mapping.items()}
