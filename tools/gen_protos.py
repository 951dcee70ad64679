"""Regenerate the Python gRPC code in services/fivelayer/v1/ from protos/ (one command: `make protos`).

`--check` regenerates into a scratch folder and fails when services/fivelayer/v1/ differs, so a test can
catch generated code that is stale against its .proto files.
"""
from __future__ import annotations

import argparse
import filecmp
import shutil
import sys
import tempfile
from pathlib import Path

from grpc_tools import protoc

ROOT = Path(__file__).resolve().parent.parent
PROTOS = ROOT / "protos"
TARGET = ROOT / "services" / "fivelayer" / "v1"
HEADER = '"""Generated from protos/fivelayer/v1 by tools/gen_protos.py. Do not edit."""\n'


def generate(into: Path) -> list[Path]:
    """Run protoc over every .proto file and return the generated files, relative to `into`."""
    import grpc_tools

    well_known = Path(grpc_tools.__file__).parent / "_proto"
    sources = sorted(str(p.relative_to(PROTOS)) for p in PROTOS.rglob("*.proto"))
    args = ["protoc", f"-I{PROTOS}", f"-I{well_known}", f"--python_out={into}",
            f"--grpc_python_out={into}", f"--pyi_out={into}", *sources]
    if protoc.main(args) != 0:
        raise SystemExit("protoc failed")
    out = into / "fivelayer" / "v1"
    (out / "__init__.py").write_text(HEADER)
    return sorted(p.relative_to(out) for p in out.iterdir() if p.is_file())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="fail if services/fivelayer/v1 is stale")
    check = parser.parse_args().check
    with tempfile.TemporaryDirectory() as tmp:
        files = generate(Path(tmp))
        fresh = Path(tmp) / "fivelayer" / "v1"
        if check:
            stale = [str(f) for f in files
                     if not (TARGET / f).exists() or not filecmp.cmp(fresh / f, TARGET / f, shallow=False)]
            extra = sorted(p.name for p in TARGET.glob("*.py*") if Path(p.name) not in files)
            if stale or extra:
                print(f"stale generated code: {stale} extra: {extra}; run `make protos`")
                return 1
            print("generated code is fresh")
            return 0
        if TARGET.exists():
            shutil.rmtree(TARGET)
        shutil.copytree(fresh, TARGET)
        print(f"generated {len(files)} files into {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
