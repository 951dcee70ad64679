# Two commands matter: `make up` starts the sandbox, `make test` runs the tests.
# Both install what they need into .venv first. `make bench BENCH_ARGS="--only mint,cns"` reruns
# some parts of the benchmark (tools/bench.py --help lists them).
VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: install up test protos bench docs clean

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $@

# The Solidity toolchain (solc, OpenZeppelin, anvil, viem) exactly as package-lock.json pins it.
node_modules/.installed: package-lock.json
	npm ci --no-audit --no-fund
	touch $@

install: $(VENV)/.installed node_modules/.installed

up: install
	$(VENV)/bin/fivelayer up

# --dist loadfile: a module's tests stay on one worker, so a module that shares one sandbox and one
# clock (tests/e2e/test_stablecoin.py) runs its tests in order.
test: install
	$(PY) -m pytest -q -n 2 --dist loadfile

protos: install
	$(PY) tools/gen_protos.py

bench: install
	$(PY) tools/bench.py $(BENCH_ARGS)

# The documentation site (docs/, mkdocs.yml) at http://127.0.0.1:8000/, rebuilt on every change.
docs: install
	$(VENV)/bin/mkdocs serve

clean:
	rm -rf data site .pytest_cache
