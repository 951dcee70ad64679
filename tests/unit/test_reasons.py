"""Every reason code a service gives is declared, registered with its gRPC and HTTP status, and documented
in that service's OpenAPI document.

The source is read, not run: each module under services/fivelayer is parsed, every place a reason goes
(the reason argument of `DomainError`, its subclasses, `require`, `refusal`, and a comparison with an
error's `.reason`) must not be a raw string, and every reference that resolves to a `Reason` (such as
`Common.NOT_FOUND` or `reasons.Broker.ROUTE_CUT`) must be registered under the kernel or the module's own
service, whose generated OpenAPI document must list it with the same statuses. mypy (test_typecheck.py)
already refuses a plain `str` where `DomainError` takes a `Reason`; this test also catches a literal in
a comparison and a service reaching into another's reasons module.
"""
from __future__ import annotations

import ast
import copy
import dataclasses
import importlib
import pickle
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import grpc
import pytest
from fivelayer.kernel import reasons
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.reasons import KERNEL, REGISTRY, Common, Reason
from fivelayer.kernel.rest import PROBLEM_STATUSES, REASONS_KEY, build_rest_app
from google.protobuf.descriptor import ServiceDescriptor

ROOT = Path(__file__).resolve().parents[2] / "services" / "fivelayer"
SERVICES = ("broker", "chain", "control", "depository", "exchange", "issuer")
# where the reason goes in each call that takes one: the position of the argument, or its keyword
REASON_ARGUMENT = {"DomainError": 0, "require": 1, "refusal": 0, "_refuse": 2}
REASON_ATTRIBUTES = ("reason", "reject_reason")


def _load_reasons() -> dict[str, ModuleType]:
    return {service: importlib.import_module(f"fivelayer.{service}.reasons") for service in SERVICES
            if (ROOT / service / "reasons.py").exists()}


SERVICE_REASONS = _load_reasons()


def owner_of(path: Path) -> str:
    """The service a module belongs to: its package under fivelayer/ (the kernel's and the CLI's give
    only the kernel's reasons)."""
    part = path.relative_to(ROOT).parts[0]
    return part if part in SERVICES else KERNEL


@dataclass(frozen=True)
class Finding:
    where: str
    what: str


@dataclass(frozen=True)
class Reference:
    where: str
    reason: Reason


def _imported(tree: ast.Module) -> dict[str, Any]:
    """The names a module imports from fivelayer's reasons modules (a module or a Reasons class)."""
    names: dict[str, Any] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("fivelayer"):
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                if full.endswith(".reasons") or node.module.endswith(".reasons"):
                    module = importlib.import_module(full if full.endswith(".reasons") else node.module)
                    value = module if full.endswith(".reasons") else getattr(module, alias.name, None)
                    names[alias.asname or alias.name] = value
    return names


def _resolve(node: ast.expr, names: dict[str, Any]) -> Any:
    """The object an attribute chain such as `reasons.Broker.ROUTE_CUT` names, or None."""
    if isinstance(node, ast.Name):
        return names.get(node.id)
    if isinstance(node, ast.Attribute):
        base = _resolve(node.value, names)
        return getattr(base, node.attr, None) if base is not None else None
    return None


def _domain_error_classes(tree: ast.Module) -> set[str]:
    """DomainError and the subclasses this module declares (they take the reason first, too)."""
    found = {"DomainError"}
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef) and any(isinstance(b, ast.Name) and b.id in found for b in node.bases):
            found.add(node.name)
    return found


def scan(source: str, where: str) -> tuple[list[Finding], list[Reference]]:
    """Raw literals where a reason goes, and every reference that resolves to a Reason, in one module."""
    tree = ast.parse(source)
    names = _imported(tree)
    calls = {**REASON_ARGUMENT, **{name: 0 for name in _domain_error_classes(tree)}}
    findings: list[Finding] = []
    references: list[Reference] = []

    def literal(node: ast.expr | None, line: int, context: str) -> None:
        candidates = node.elts if isinstance(node, ast.Tuple | ast.List | ast.Set) else [node]
        for item in candidates:
            if isinstance(item, ast.Constant) and isinstance(item.value, str):
                findings.append(Finding(f"{where}:{line}", f"raw reason {item.value!r} {context}"))

    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
            if name in calls:
                position = calls[name]
                argument = node.args[position] if len(node.args) > position else \
                    next((k.value for k in node.keywords if k.arg == "reason"), None)
                literal(argument, node.lineno, f"passed to {name}")
        elif isinstance(node, ast.Compare):
            sides = [node.left, *node.comparators]
            if any(isinstance(s, ast.Attribute) and s.attr in REASON_ATTRIBUTES for s in sides):
                for side in sides:
                    literal(side, node.lineno, "compared with a reason")
        elif isinstance(node, ast.Attribute | ast.Name):
            value = _resolve(node, names)
            if isinstance(value, Reason):
                references.append(Reference(f"{where}:{node.lineno}", value))
    return findings, references


def _modules() -> Iterator[Path]:
    for path in sorted(ROOT.rglob("*.py")):
        if "v1" not in path.relative_to(ROOT).parts[:1] and path.name != "reasons.py":
            yield path


def _owner_of_reason(reason: Reason) -> set[str]:
    return {owner for owner, codes in REGISTRY.items() if codes.get(str(reason)) is reason}


class _Servicer:
    """Stands for a servicer: the OpenAPI document is made from descriptors; no route is called here."""

    def __getattr__(self, name: str) -> Any:
        return lambda request, context: None


def _descriptors(service: str) -> list[ServiceDescriptor]:
    try:
        pb2 = importlib.import_module(f"fivelayer.v1.{service}_pb2")
    except ModuleNotFoundError:
        return []
    return list(pb2.DESCRIPTOR.services_by_name.values())


@pytest.fixture(scope="module")
def documents() -> dict[str, dict[str, Any]]:
    """Each service's OpenAPI document as its REST face publishes it."""
    return {service: build_rest_app(service, [(d, _Servicer()) for d in _descriptors(service)]).openapi()
            for service in (*SERVICES, KERNEL)}


def test_no_reason_is_a_raw_string_and_every_reference_is_registered_to_its_owner() -> None:
    problems: list[str] = []
    count = 0
    for path in _modules():
        where = str(path.relative_to(ROOT))
        findings, references = scan(path.read_text(), where)
        problems += [f"{f.where}: {f.what}" for f in findings]
        owner = owner_of(path)
        for module in _imported(ast.parse(path.read_text())).values():
            name = getattr(module, "__name__", "")
            if isinstance(module, ModuleType) and name not in (f"fivelayer.{owner}.reasons", reasons.__name__):
                problems.append(f"{where}: imports {name}: a service reads only its own reasons and the kernel's")
        for ref in references:
            count += 1
            owners = _owner_of_reason(ref.reason)
            if not owners:
                problems.append(f"{ref.where}: {ref.reason} is not registered")
            elif not owners & {KERNEL, owner}:
                problems.append(f"{ref.where}: {ref.reason} belongs to {sorted(owners)}, not to {owner} or the kernel "
                                "(a code two services share is the kernel's)")
    assert not problems, "\n".join(problems)
    assert count > 300  # the walk saw the source: several hundred references today


def test_every_reason_any_service_gives_is_in_its_openapi_with_its_statuses(
        documents: dict[str, dict[str, Any]]) -> None:
    problems: list[str] = []
    for path in _modules():
        owner = owner_of(path)
        _, references = scan(path.read_text(), str(path.relative_to(ROOT)))
        for service in ((owner,) if owner != KERNEL else (*SERVICES, KERNEL)):
            document = documents[service]
            table = document["components"]["schemas"]["Problem"][REASONS_KEY]
            for ref in references:
                row = table.get(str(ref.reason))
                expected = {"grpc": ref.reason.grpc_status.name, "http": ref.reason.http_status}
                if row is None or {k: row[k] for k in expected} != expected:
                    problems.append(f"{ref.where}: {ref.reason} not in {service}'s OpenAPI as {expected}: {row}")
                    continue
                for path_item in (item for item in document["paths"].values() if "post" in item):
                    response = path_item["post"]["responses"][str(ref.reason.http_status)]
                    if str(ref.reason) not in response["description"]:
                        problems.append(f"{ref.where}: {ref.reason} not named in {service}'s "
                                        f"{ref.reason.http_status} response")
                    break  # every route carries the same responses: one is enough
    assert not problems, "\n".join(problems[:40])


def test_each_service_declares_its_own_module_and_statuses_are_answerable() -> None:
    assert set(SERVICE_REASONS) == set(SERVICES)
    for service, module in SERVICE_REASONS.items():
        declared = {code for cls in vars(module).values() if isinstance(cls, type) and issubclass(cls, reasons.Reasons)
                    and cls is not reasons.Reasons for code in vars(cls) if isinstance(vars(cls)[code], Reason)}
        assert declared and declared <= set(REGISTRY[service]), service
    for owner, codes in REGISTRY.items():
        for code, reason in codes.items():
            assert reason.http_status in PROBLEM_STATUSES, (owner, code)
            assert reason.doc.strip(), (owner, code)


def test_the_walk_catches_raw_literals_and_foreign_codes() -> None:
    findings, _ = scan('from fivelayer.kernel.errors import DomainError, require\n'
                       'class Halted(DomainError): ...\n'
                       'def f(error: DomainError) -> None:\n'
                       '    require(False, "SOMETHING", "no")\n'
                       '    if error.reason in ("ROUTE_CUT", "X"):\n'
                       '        raise Halted("HALTED", "no")\n', "example.py")
    assert sorted(f.what for f in findings) == ["raw reason 'HALTED' passed to Halted",
                                                "raw reason 'ROUTE_CUT' compared with a reason",
                                                "raw reason 'SOMETHING' passed to require",
                                                "raw reason 'X' compared with a reason"]
    _, references = scan("from fivelayer.broker import reasons\nx = reasons.Broker.CREDIT_LIMIT\n", "example.py")
    assert [str(r.reason) for r in references] == ["CREDIT_LIMIT"]
    assert _owner_of_reason(references[0].reason) == {"broker"}  # an issuer module naming it would be refused


@dataclass(frozen=True)
class Carries:
    reason: Reason


def test_a_reason_is_its_wire_string_with_its_statuses_and_one_status_per_code() -> None:
    assert Common.NOT_FOUND == "NOT_FOUND" and Common.NOT_FOUND.http_status == 404
    assert Common.NOT_FOUND.grpc_status is grpc.StatusCode.NOT_FOUND
    with pytest.raises(ValueError, match="a wire string has one status"):
        class Clash(reasons.Reasons, owner="test-clash"):  # noqa: F841 - declaring it is the act under test
            NOT_FOUND = Reason("NOT_FOUND", grpc.StatusCode.INVALID_ARGUMENT, "clashes with the kernel's")
    with pytest.raises(ValueError, match="name them alike"):
        class Misnamed(reasons.Reasons, owner="test-misnamed"):  # noqa: F841
            ONE = Reason("TWO", grpc.StatusCode.INVALID_ARGUMENT, "the attribute is not the code")
    for copied in (copy.deepcopy(Common.NOT_FOUND), pickle.loads(pickle.dumps(Common.NOT_FOUND)),
                   dataclasses.asdict(Carries(Common.NOT_FOUND))["reason"]):  # a drill's report deep-copies
        assert copied == "NOT_FOUND" and isinstance(copied, Reason) and copied.http_status == 404
    relayed = DomainError.relayed("not-ours", grpc.StatusCode.PERMISSION_DENIED, "relayed as it came").reason
    assert copy.deepcopy(relayed).grpc_status is grpc.StatusCode.PERMISSION_DENIED
    with pytest.raises(ValueError, match="UPPER_SNAKE_CASE"):
        Reason("lower", grpc.StatusCode.INVALID_ARGUMENT, "not a code")
