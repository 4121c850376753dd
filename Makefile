# The two commands of the README. Everything lives in .venv beside this file.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# JupyterLab refuses to start as root unless told; containers and CI machines run as root.
LAB_ARGS ?= $(if $(filter 0,$(shell id -u 2>/dev/null)),--allow-root)

.PHONY: lab test setup notebooks benchmarks clean

## lab: set everything up and open the lesson in JupyterLab
lab: setup
	$(BIN)/jupyter lab $(LAB_ARGS) notebooks/00-start-here.ipynb

## test: set everything up and run every test (what .ci/run calls)
test: setup
	$(BIN)/python -m pytest

setup: $(STAMP)

$(STAMP): pyproject.toml etc/jupyterlab-overrides.json
	$(PYTHON) -c 'import sys; sys.exit("dokhae needs Python 3.10 or newer; this is " + sys.version.split()[0]) if sys.version_info < (3, 10) else None'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	# JupyterLab in Korean by default (Settings > Language switches it back to English)
	mkdir -p $(VENV)/share/jupyter/lab/settings
	cp etc/jupyterlab-overrides.json $(VENV)/share/jupyter/lab/settings/overrides.json
	touch $@

## benchmarks: print the timing figures behind the budgets in DESIGN.md
benchmarks: setup
	for b in benchmarks/*.py; do $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) build dist .pytest_cache

## notebooks: execute every notebook in a clean kernel and store its outputs (for strict nbval)
notebooks: setup
	$(BIN)/python scripts/execute_notebooks.py
