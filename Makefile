# Two commands on a fresh clone: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
FLAGSHIP := maps/russias-game-in-north-korea.yaml

.PHONY: demo output test lint typecheck pytest golden bench clean argdown

# Two install levels: `demo` takes the tool with every extra (argmap[all]); `test` adds the
# test tools (argmap[test]). Each stamp is remade when pyproject.toml changes.
$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "argmap needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# The demo takes a plain install (an editable one makes setuptools warn), made again when the
# package changes; the tests take an editable one, so they see the working tree.
PACKAGE_FILES := $(shell find argmap -type f -not -path '*/__pycache__/*')
$(VENV)/.installed-all: pyproject.toml $(PACKAGE_FILES) | $(PY)
	@# After `make test`, the editable install already has everything the demo needs.
	if [ ! $(VENV)/.installed -nt pyproject.toml ]; then $(PY) -m pip install --quiet '.[all]'; fi
	touch $@

$(VENV)/.installed: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed-all

demo: $(VENV)/.installed-all
	$(VENV)/bin/argmap validate maps/*.yaml
	$(VENV)/bin/argmap show $(FLAGSHIP)
	$(VENV)/bin/argmap render $(FLAGSHIP) --format svg,png,pdf,html --output output

# The flagship's committed renders (output/*.svg and *.png); a test fails when they are stale.
output: $(VENV)/.installed-all
	$(VENV)/bin/argmap render $(FLAGSHIP) --format svg,png --output output

test: lint typecheck pytest

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .

typecheck: $(VENV)/.installed
	$(VENV)/bin/mypy
	$(VENV)/bin/mypy --platform win32

# The tests run on every core (pytest-xdist), each test file in one worker, as its
# module-scoped fixtures (a browser, a rendered map) are made once; PYTEST_WORKERS=0 runs them
# in this process.
PYTEST_WORKERS ?= logical
pytest: $(VENV)/.installed
	$(PY) -m pytest -n $(PYTEST_WORKERS) --dist loadfile

golden: $(VENV)/.installed
	$(PY) tests/scripts/update_golden.py

# The real Argdown CLI (Node), in a git-ignored folder of its own; tests/test_interop.py
# checks our Argdown export against it.
ARGDOWN_CLI := .argdown/node_modules/.bin/argdown
argdown: $(ARGDOWN_CLI)
$(ARGDOWN_CLI):
	npm install --prefix .argdown --no-audit --no-fund @argdown/cli@1.7

# bench_anchors.py compares with the Argdown CLI (`make argdown`) and the bare engine;
# `ARGMAP_BENCH_QUICK=1 make bench` runs its small sizes only.
# Compiled modules first, as a pip install leaves them (the environment may forbid
# Python from writing them itself), so start-up is timed as users see it.
bench: $(VENV)/.installed
	PYTHONDONTWRITEBYTECODE= $(PY) -m compileall -q argmap
	$(PY) benchmarks/run.py

clean:
	rm -rf $(VENV) tests/_outputs .mypy_cache .pytest_cache .ruff_cache
