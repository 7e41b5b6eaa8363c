# The whole report, rebuilt from the raw articles.
#   make book   set up .venv (pinned requirements), regenerate data/processed/, build the site
#   make test   build if needed, then run every test (unit, notebooks, build behaviour, browser)
#   make serve  serve the built site on http://127.0.0.1:8000
#   make clean  remove the build (never data/ or the raw sources)
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := book

PYTHON  ?= python3
VENV    := .venv
PY      := $(VENV)/bin/python
STAMP   := $(VENV)/.requirements-installed
SITE    := _build/html
CHROMIUM ?= /usr/bin/chromium

.PHONY: book data site test browser serve clean bench

# Re-install only when requirements.txt changes (make compares the stamp's time).
$(STAMP): requirements.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt 2>&1 | { grep -v "^WARNING: Location" || true; }
	@# Make the project's package importable from notebooks and tests run in this venv.
	@$(PY) -c "import pathlib, site; pathlib.Path(site.getsitepackages()[0], 'evidence-project.pth').write_text(str(pathlib.Path.cwd()) + '\\n')"
	@touch $(STAMP)

# Regenerate data/processed/ from data/sources/ (refuses, keeping old outputs, on bad input).
data: $(STAMP)
	@$(PY) -m evidence build-data

# Strict site build; re-executes notebooks when their inputs (data, package) changed.
site: $(STAMP)
	@$(PY) -m evidence build-site

book: data site

browser:
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

bench: $(STAMP)
	$(PY) benchmarks/run.py

serve: $(STAMP)
	@echo "Serving $(SITE) on http://127.0.0.1:8000 (Ctrl-C to stop)"
	@$(PY) -m http.server 8000 --bind 127.0.0.1 --directory $(SITE)

clean:
	rm -rf _build
