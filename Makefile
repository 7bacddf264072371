# Two commands on a fresh clone: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
FLAGSHIP := maps/russias-game-in-north-korea.yaml

.PHONY: demo test lint typecheck pytest golden bench clean

$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "argmap needs Python 3.11 or newer")'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

demo: $(VENV)/.installed
	$(VENV)/bin/argmap validate maps/*.yaml
	$(VENV)/bin/argmap show $(FLAGSHIP)

test: lint typecheck pytest

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .

typecheck: $(VENV)/.installed
	$(VENV)/bin/mypy

pytest: $(VENV)/.installed
	$(PY) -m pytest

golden: $(VENV)/.installed
	$(PY) tests/scripts/update_golden.py

bench: $(VENV)/.installed
	$(PY) benchmarks/run.py

clean:
	rm -rf $(VENV) tests/_outputs .mypy_cache .pytest_cache .ruff_cache
