#!/usr/bin/env node
// Compiles contracts/solidity/*.sol with the pinned `solc` npm package (package-lock.json) and writes
// services/fivelayer/kernel/abi/{StockToken,FUSD}.json, byte for byte the same on every run.
//
//   node tools/compile_contracts.mjs           write the artifacts
//   node tools/compile_contracts.mjs --check   compile only; exit 1 if a committed artifact differs
//
// Needs `npm ci` (make install) first. Imports ("@openzeppelin/contracts/...") resolve from node_modules.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import solc from "solc";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SOURCE_DIR = "contracts/solidity";
// services/fivelayer/kernel/evm.py loads them from here (every service speaks to the contracts).
const ARTIFACT_DIR = "services/fivelayer/kernel/abi";
// The contracts the Python side deploys; RestrictedToken is abstract and has no artifact.
const CONTRACTS = ["StockToken", "FUSD"];
// Everything that changes the bytecode. Recorded in each artifact.
const SETTINGS = {
  evmVersion: "cancun",
  optimizer: { enabled: true, runs: 200 },
};

// Source unit names are paths relative to the repository root (never absolute), so the metadata hash at
// the end of the bytecode does not depend on where the repository is checked out.
function readSource(unitName) {
  const normalized = path.posix.normalize(unitName);
  if (normalized.startsWith("..") || path.posix.isAbsolute(normalized)) {
    throw new Error(`import outside the repository: ${unitName}`);
  }
  const file = normalized.startsWith(`${SOURCE_DIR}/`)
    ? path.join(ROOT, normalized)
    : path.join(ROOT, "node_modules", normalized);
  return fs.readFileSync(file, "utf8");
}

function findImports(unitName) {
  try {
    return { contents: readSource(unitName) };
  } catch (err) {
    return { error: `${unitName}: ${err.message}` };
  }
}

function sortKeys(value) {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, sortKeys(value[key])]),
    );
  }
  return value;
}

function compile() {
  const sources = {};
  for (const name of fs.readdirSync(path.join(ROOT, SOURCE_DIR)).sort()) {
    if (!name.endsWith(".sol")) continue;
    const unit = `${SOURCE_DIR}/${name}`;
    sources[unit] = { content: readSource(unit) };
  }
  const input = {
    language: "Solidity",
    sources,
    settings: {
      ...SETTINGS,
      outputSelection: {
        "*": {
          "*": [
            "abi",
            "evm.bytecode.object",
            "evm.bytecode.linkReferences",
            "evm.deployedBytecode.object",
            "evm.deployedBytecode.immutableReferences",
            "evm.deployedBytecode.linkReferences",
          ],
        },
      },
    },
  };
  const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImports }));
  let failed = false;
  const printed = new Set(); // solc repeats some warnings
  for (const diag of output.errors ?? []) {
    const text = diag.formattedMessage ?? `${diag.severity}: ${diag.message}\n`;
    if (!printed.has(text)) process.stderr.write(text);
    printed.add(text);
    if (diag.severity === "error") failed = true;
  }
  if (failed) {
    process.stderr.write("compile_contracts: compilation failed\n");
    process.exit(2);
  }

  const artifacts = {};
  for (const contract of CONTRACTS) {
    const out = output.contracts?.[`${SOURCE_DIR}/${contract}.sol`]?.[contract];
    if (!out) throw new Error(`no output for ${contract} (expected in ${SOURCE_DIR}/${contract}.sol)`);
    const { bytecode, deployedBytecode } = out.evm;
    // The Python side checks a deployed contract's code against deployedBytecode byte for byte:
    // immutables would be patched in at deploy time and libraries linked, so neither is allowed.
    if (Object.keys(deployedBytecode.immutableReferences ?? {}).length > 0) {
      throw new Error(`${contract} has immutables; use plain storage so the deployed code is deployedBytecode`);
    }
    if (Object.keys(bytecode.linkReferences ?? {}).length > 0) {
      throw new Error(`${contract} needs library linking, which the artifacts do not support`);
    }
    const artifact = sortKeys({
      contract,
      compiler: solc.version(),
      settings: SETTINGS,
      abi: out.abi,
      bytecode: `0x${bytecode.object}`,
      deployedBytecode: `0x${deployedBytecode.object}`,
    });
    artifacts[`${ARTIFACT_DIR}/${contract}.json`] = `${JSON.stringify(artifact, null, 2)}\n`;
  }
  return artifacts;
}

function main(argv) {
  const check = argv.includes("--check");
  const unknown = argv.filter((arg) => arg !== "--check");
  if (unknown.length > 0) {
    process.stderr.write(`usage: node tools/compile_contracts.mjs [--check]\n`);
    process.exit(2);
  }
  const artifacts = compile();
  if (check) {
    const stale = [];
    for (const [rel, text] of Object.entries(artifacts)) {
      const file = path.join(ROOT, rel);
      const current = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : null;
      if (current === null) stale.push(`${rel}: missing`);
      else if (current !== text) stale.push(`${rel}: differs from what the sources compile to`);
    }
    if (stale.length > 0) {
      for (const line of stale) process.stdout.write(`${line}\n`);
      process.stdout.write(`run \`node tools/compile_contracts.mjs\` (solc ${solc.version()}) and commit the artifacts\n`);
      process.exit(1);
    }
    process.stdout.write(`artifacts up to date (solc ${solc.version()})\n`);
    return;
  }
  fs.mkdirSync(path.join(ROOT, ARTIFACT_DIR), { recursive: true });
  for (const [rel, text] of Object.entries(artifacts)) {
    fs.writeFileSync(path.join(ROOT, rel), text);
    process.stdout.write(`wrote ${rel}\n`);
  }
}

main(process.argv.slice(2));
