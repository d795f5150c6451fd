# The two set-up commands of the README. Both work on a fresh Debian machine as
# root with nothing prepared: they make .venv, install Graphviz when `dot` is
# missing, install the package, and run.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
export DEBIAN_FRONTEND := noninteractive

.PHONY: demo test lint bench graphviz clean

demo: graphviz $(VENV)/.installed
	$(BIN)/govgraph check examples/devon/devon.yaml
	$(BIN)/govgraph render examples/devon/devon.yaml -o examples/devon/devon.svg
	$(BIN)/govgraph render examples/devon/devon.yaml -o examples/devon/devon.png
	@echo "Drew examples/devon/devon.svg and examples/devon/devon.png"

test: graphviz $(VENV)/.installed-dev
	$(BIN)/ruff check src tests benchmarks examples
	$(BIN)/mypy
	$(BIN)/pytest -q

bench: $(VENV)/.installed-dev
	$(BIN)/python benchmarks/bench_load.py

graphviz:
	@command -v dot >/dev/null 2>&1 || { \
	  echo "Installing Graphviz (dot was not found)"; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq graphviz >/dev/null; }

$(BIN)/python:
	$(PYTHON) -m venv $(VENV) || { $(SUDO) apt-get update -qq && \
	  $(SUDO) apt-get install -y -qq python3-venv >/dev/null && $(PYTHON) -m venv $(VENV); }
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[dev]'
	touch $@ $(VENV)/.installed

clean:
	rm -rf $(VENV) build .mypy_cache .ruff_cache .hypothesis

# --- Browser tests (issue 16) -----------------------------------------------------
# The HTML report is tested in a real headless browser: Debian's chromium and its
# driver, installed here when missing. Selenium (a dev extra) is pointed at these two
# programs, so nothing is downloaded at test time.
CHROMIUM     := /usr/bin/chromium
CHROMEDRIVER := /usr/bin/chromedriver

.PHONY: browser
browser:
	@{ [ -x $(CHROMIUM) ] && [ -x $(CHROMEDRIVER) ]; } || { \
	  echo "Installing chromium and chromium-driver (the HTML report's browser tests)"; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium chromium-driver >/dev/null; }

test: browser
