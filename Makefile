# The whole report, rebuilt from the raw articles.
#   make book   set up .venv (pinned requirements), regenerate data/processed/, build the site
#               and its PDF edition
#   make test   build if needed, then run every test (unit, notebooks, build behaviour, browser)
#   make eval   measure the reading on a gold corpus (GOLD=path/to/gold.json)
#   make serve  serve the built site on http://127.0.0.1:8000
#   make clean  remove the build (never data/ or the raw sources)
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := book

# The interpreter .venv is made from: the system's own Python 3.11 (the version the lock is
# compiled for) where it can make a venv, else python3. A distribution's build (Debian's) is
# optimised with profiles and at link time, which a build from source (pyenv's by default)
# is not: the benchmark's parse took ~10% less CPU here. PYTHON=... chooses another.
SYSTEM_PYTHON := /usr/bin/python3.11
PYTHON  ?= $(or $(shell $(SYSTEM_PYTHON) -c 'import venv, ensurepip' >/dev/null 2>&1 && echo $(SYSTEM_PYTHON)),python3)
VENV    := .venv
PY      := $(VENV)/bin/python
STAMP   := $(VENV)/.requirements-installed
MADE_FROM := $(VENV)/.made-from

# A .venv made from another interpreter than PYTHON (or before this was recorded) is made
# again: forget its installed stamp, so that the rule below re-makes it.
ifneq ($(wildcard $(PY)),)
ifneq ($(shell cat $(MADE_FROM) 2>/dev/null),$(PYTHON))
$(shell rm -f $(STAMP))
endif
endif
SITE    := _build/html
CHROMIUM ?= /usr/bin/chromium

.PHONY: book install lock data site pdf test browser serve clean bench eval

# Re-install only when the lock or the project file changes (make compares the stamp's
# time). The package is installed in editable mode from pyproject.toml, pinned by the lock.
$(STAMP): requirements.txt pyproject.toml
	@if [ -x $(PY) ] && [ "$$(cat $(MADE_FROM) 2>/dev/null)" != "$(PYTHON)" ]; then \
	  echo "Making $(VENV) again, from $(PYTHON)"; rm -rf $(VENV); fi
	@test -x $(PY) || { $(PYTHON) -m venv $(VENV) && echo "$(PYTHON)" > $(MADE_FROM); }
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt 2>&1 | { grep -v "^WARNING: Location" || true; }
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e . 2>&1 | { grep -v "^WARNING: Location" || true; }
	@touch $(STAMP)

# A copied or moved checkout carries a .venv whose editable install points at the old
# place: reinstall so notebooks and Sphinx import this checkout's code and data.
# The package's bytecode is compiled here, once per change, as pip does for installed
# packages: an editable install is not, and where PYTHONDONTWRITEBYTECODE is set every
# run would compile its modules again (a tenth of a second of each parse's start).
install: $(STAMP)
	@$(PY) -P -m evidence where --check >/dev/null 2>&1 || { echo "Re-installing the package from $$(pwd)"; \
	  $(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e . 2>&1 | { grep -v "^WARNING: Location" || true; }; }
	@$(PY) -m compileall -q evidence >/dev/null

# Regenerate requirements.txt (the lock) from pyproject.toml, keeping current pins.
lock:
	$(PYTHON) -m piptools compile --quiet --extra test --strip-extras --no-emit-index-url \
	  --no-emit-find-links --output-file requirements.txt pyproject.toml

# Regenerate data/processed/ from data/sources/ (refuses, keeping old outputs, on bad input).
data: install
	@$(PY) -m evidence build-data

# Strict site build; re-executes notebooks when their inputs (data, package) changed.
site: install
	@$(PY) -m evidence build-site

# The PDF edition, written into the site (WeasyPrint; nothing is rebuilt or rewritten
# when the pages it is made of did not change).
pdf: site
	@$(PY) -m evidence.site.pdf

book: data site pdf

# axe-core for the accessibility tests, pinned by tests/browser/package-lock.json.
AXE := tests/browser/node_modules/axe-core/axe.min.js
$(AXE): tests/browser/package-lock.json
	@command -v npm >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian's npm for the accessibility tests (apt-get)"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null; \
	  else echo "The accessibility tests need npm: run 'sudo apt-get install npm'"; exit 1; fi; }
	cd tests/browser && npm ci --no-audit --no-fund --loglevel=error
	@touch $(AXE)

browser: $(AXE)
	@command -v $(CHROMIUM) >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian's chromium for the browser tests (apt-get)"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "Browser tests need Chromium at $(CHROMIUM): run 'sudo apt-get install chromium' (Debian/Ubuntu)"; \
	    if [ "$${CI:-}" = true ]; then exit 1; fi; \
	  fi; }

test: book browser
	@$(PY) -m pytest

# Reading accuracy on a gold corpus (default: the development corpus beside this checkout).
GOLD ?= ../shared/corpus/gold.json
eval: install
	@$(PY) -m evidence evaluate --gold $(GOLD)

# Benchmarks (see benchmarks/run.py): BENCH_ARGS=--quick for a CI-sized run.
bench: install
	nice $(PY) benchmarks/run.py $(BENCH_ARGS)

serve: $(STAMP)
	@echo "Serving $(SITE) on http://127.0.0.1:8000 (Ctrl-C to stop)"
	@$(PY) -m http.server 8000 --bind 127.0.0.1 --directory $(SITE)

clean:
	rm -rf _build
