# The two commands of the README. Everything lives in .venv beside this file.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# JupyterLab refuses to start as root unless told; containers and CI machines run as root.
LAB_ARGS ?= $(if $(filter 0,$(shell id -u 2>/dev/null)),--allow-root)

.PHONY: lab test setup browser-deps notebooks benchmarks clean

## lab: set everything up and open the lesson in JupyterLab
lab: setup
	$(BIN)/jupyter lab $(LAB_ARGS) notebooks/00-start-here.ipynb

## test: set everything up and run every test (what .ci/run calls)
test: setup browser-deps
	$(BIN)/python -m pytest

# The browser tests drive JupyterLab in Debian's Chromium and need a Korean font for
# screenshots. Installed with apt-get when missing (as root, or through sudo).
browser-deps:
	@if [ -n "$$CHROMIUM_PATH" ] || { command -v chromium >/dev/null 2>&1 && fc-list :lang=ko 2>/dev/null | grep -q .; }; then \
	  exit 0; \
	elif command -v apt-get >/dev/null 2>&1; then \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  echo "Installing Chromium and a Korean font for the browser tests (apt-get)"; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk >/dev/null; \
	else \
	  echo "The browser tests need Chromium and a Korean font: install them, or set CHROMIUM_PATH to a Chromium or Chrome executable." >&2; \
	  exit 1; \
	fi

setup: $(STAMP)

$(STAMP): pyproject.toml etc/jupyterlab-overrides.json
	$(PYTHON) -c 'import sys; sys.exit("dokhae needs Python 3.10 or newer; this is " + sys.version.split()[0]) if sys.version_info < (3, 10) else None'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	# JupyterLab in Korean by default (Settings > Language switches it back to English)
	mkdir -p $(VENV)/share/jupyter/lab/settings
	cp etc/jupyterlab-overrides.json $(VENV)/share/jupyter/lab/settings/overrides.json
	# nbgrader is here only for the interoperability test: keep its menus out of the students' JupyterLab
	$(BIN)/jupyter labextension disable --level=sys_prefix @jupyter/nbgrader >/dev/null 2>&1
	for e in formgrader validate_assignment assignment_list course_list; do \
	  $(BIN)/jupyter server extension disable --sys-prefix nbgrader.server_extensions.$$e >/dev/null 2>&1; done
	touch $@

## benchmarks: print the timing figures behind the budgets in DESIGN.md
benchmarks: setup
	for b in benchmarks/*.py; do $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) build dist .pytest_cache

## notebooks: execute every notebook in a clean kernel and store its outputs (for strict nbval)
notebooks: setup
	$(BIN)/python scripts/execute_notebooks.py
