# The two commands of the README. Everything lives in .venv beside this file.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# JupyterLab refuses to start as root unless told; containers and CI machines run as root.
LAB_ARGS ?= $(if $(filter 0,$(shell id -u 2>/dev/null)),--allow-root)

.PHONY: lab test check lint setup constraints browser-deps hub-deps notebooks benchmarks clean

## lab: set everything up and open the lesson in JupyterLab
lab: setup
	$(BIN)/jupyter lab $(LAB_ARGS) notebooks/00-start-here.ipynb

# The lint, as one shell fragment (not a recursive make, so `make -n` only prints): every
# step runs and sets status=1 when it fails, so one run reports everything.
LINT_STEPS = \
	echo "== ruff check"; $(BIN)/ruff check --output-format=concise . || status=1; \
	echo "== ruff format --check"; $(BIN)/ruff format --check --output-format=concise . || status=1; \
	echo "== mypy src"; $(BIN)/mypy src || status=1;

## test: set everything up, lint, and run every test, the slow browser, hub and Binder ones too (what .ci/run calls)
test: setup browser-deps hub-deps
	@status=0; $(LINT_STEPS) \
	echo "== every test"; $(BIN)/python -m pytest || status=1; \
	exit $$status

## check: the quick loop, about a minute: lint, types and the fast tests (no browser, hub or Binder)
check: setup
	@status=0; $(LINT_STEPS) \
	echo "== fast tests"; $(BIN)/python -m pytest -q -m "not slow" || status=1; \
	exit $$status

## lint: ruff (lint rules and format) over the repository, mypy over src/ (configured in pyproject.toml)
lint: setup
	@status=0; $(LINT_STEPS) exit $$status

# The browser tests drive JupyterLab in Debian's Chromium and need a Korean font for
# screenshots; the worksheet test prints a PDF with Chromium and renders it with pdftoppm.
# Installed with apt-get when missing (as root, or through sudo).
browser-deps:
	@if [ -n "$$CHROMIUM_PATH" ] || { command -v chromium >/dev/null 2>&1 && command -v pdftoppm >/dev/null 2>&1 && fc-list :lang=ko 2>/dev/null | grep -q .; }; then \
	  exit 0; \
	elif command -v apt-get >/dev/null 2>&1; then \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  echo "Installing Chromium and a Korean font for the browser tests (apt-get)"; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk poppler-utils >/dev/null; \
	else \
	  echo "The browser tests need Chromium and a Korean font: install them, or set CHROMIUM_PATH to a Chromium or Chrome executable." >&2; \
	  exit 1; \
	fi

# The JupyterHub test and benchmark run a real Hub, whose proxy (configurable-http-proxy)
# is a Node.js program: installed with npm into $(VENV)/node, never system-wide. Needs Node.js 20+.
CHP_VERSION := 5.3.0
CHP := $(VENV)/node/node_modules/.bin/configurable-http-proxy

hub-deps: $(CHP)

$(CHP):
	@command -v npm >/dev/null 2>&1 || { echo "The JupyterHub test needs Node.js 20 or newer with npm, for configurable-http-proxy: install them (https://nodejs.org)." >&2; exit 1; }
	npm install --prefix $(VENV)/node --no-audit --no-fund --loglevel=error configurable-http-proxy@$(CHP_VERSION)
	test -x $@ && touch $@

setup: $(STAMP)

# The exact versions of constraints.txt (what the stored notebook outputs and the browser
# tests were made with) within the ranges of pyproject.toml. See CONTRIBUTING.md.
$(STAMP): pyproject.toml constraints.txt etc/jupyterlab-overrides.json
	$(PYTHON) -c 'import sys; sys.exit("dokhae needs Python 3.10 or newer; this is " + sys.version.split()[0]) if sys.version_info < (3, 10) else None'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[test]"
	# JupyterLab in Korean by default (Settings > Language switches it back to English)
	mkdir -p $(VENV)/share/jupyter/lab/settings
	cp etc/jupyterlab-overrides.json $(VENV)/share/jupyter/lab/settings/overrides.json
	# nbgrader is here only for the interoperability test: keep its menus out of the students' JupyterLab
	$(BIN)/jupyter labextension disable --level=sys_prefix @jupyter/nbgrader >/dev/null 2>&1
	for e in formgrader validate_assignment assignment_list course_list; do \
	  $(BIN)/jupyter server extension disable --sys-prefix nbgrader.server_extensions.$$e >/dev/null 2>&1; done
	touch $@

## benchmarks: print the timing figures behind the budgets in DESIGN.md
benchmarks: setup hub-deps
	for b in benchmarks/*.py; do $(BIN)/python $$b || exit 1; done

## constraints: write constraints.txt from the versions in .venv (after changing them and a passing `make test`)
constraints:
	$(BIN)/python scripts/update_constraints.py

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache

## notebooks: execute every notebook in a clean kernel and store its outputs (for strict nbval)
notebooks: setup
	$(BIN)/python scripts/execute_notebooks.py
